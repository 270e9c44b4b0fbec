"""`ashyq import`: an akimat's quota act (Kazakh or Russian; text, PDF or HTML) → draft rows.

One module per concern: `reading` (text from .txt/.pdf/.html, made inert), `head` (language,
title, heading, registration, notes, signature), `placenames` (places in any grammatical form
through the gazetteer), `categories`, `numbers` (number words), `terms` (the rules the
operative text sets), `tables` (annexes and their organisation rows), `writing` (--write).
`import_act` ties them together and returns an `ImportResult`, whose `to_json()` is the
public contract documented in datasets/README.md ("The import format").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ashyq.importer.categories import find_categories
from ashyq.importer.head import Head, detect_language, read_head, span_text
from ashyq.importer.placenames import resolve_phrase
from ashyq.importer.reading import ReadError, SourceText, read_source
from ashyq.importer.tables import Annex, TableError, find_annexes, join_name, parse_rows
from ashyq.importer.terms import Term, read_terms, year_in
from ashyq.importer.writing import inert
from ashyq.places import Gazetteer

__all__ = ["ImportResult", "ImportProblem", "ReadError", "import_act", "import_text"]

FORMAT_VERSION = 1


@dataclass
class ImportProblem:
    code: str
    line: int
    message: str
    fix: str
    severity: str = "warning"  # "error": the import cannot be written; "warning": check by hand

    def to_json(self) -> dict[str, object]:
        return {"code": self.code, "line": self.line, "message": self.message, "fix": self.fix,
                "severity": self.severity}

    def format(self, path: str) -> str:
        return f"{path}:{self.line}: {self.code}: {self.message}\n  fix: {self.fix}"


@dataclass
class QuotaRow:
    category: str
    place_id: str | None
    row_no: int
    organization: str
    headcount: int
    quota_percent: float
    jobs: int
    source_lines: str
    place_name_as_printed: str
    place_heading_line: int
    year: int | None
    annex: int


@dataclass
class ImportResult:
    source: SourceText
    language: str
    head: Head
    place_id: str | None
    region_id: str | None
    categories: list[str]
    year: int | None
    terms: list[Term]
    rows: list[QuotaRow]
    annexes: list[Annex]
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)

    @property
    def resolution_id(self) -> str | None:
        if not (self.place_id and self.head.adopted_on and self.head.number):
            return None
        return f"{self.place_id}-{self.head.adopted_on[:4]}-{self.head.number}"

    @property
    def shape(self) -> str:
        tiers = any(t.headcount_min is not None or t.headcount_max is not None for t in self.terms)
        ranged = any(t.percent_max is not None for t in self.terms)
        if self.rows:
            return "list_with_range" if ranged else ("list_with_tiers" if tiers else "list")
        if tiers:
            return "tiers"
        return "flat" if self.terms else "none"

    @property
    def source_lines(self) -> str:
        first = self.head.title_lines[0] if self.head.title_lines else (self.head.heading_line or 1)
        if self.head.heading_line:
            first = min(first, self.head.heading_line)
        last = self.head.signature_line or self.head.decree_line or first
        return span_text(first, last)

    def to_json(self) -> dict[str, Any]:
        """The public import format (datasets/README.md, "The import format")."""
        head = self.head
        repeal = next((n.act for n in head.notes if n.kind == "repeal" and n.act), None)
        return {
            "format": FORMAT_VERSION,
            "source": {"path": str(self.source.path), "kind": self.source.kind, "language": self.language,
                       "lines": self.source.count},
            "resolution": {
                "resolution_id": self.resolution_id,
                "place_id": self.place_id,
                "region_id": self.region_id,
                "issuer": head.issuer,
                "issuer_place_as_printed": head.issuer_phrase,
                "number": head.number or None,
                "adopted_on": head.adopted_on,
                "dated_as_printed": head.dated_as_printed or None,
                "registration": head.registration.to_json() if head.registration else None,
                "title": head.title,
                "year": self.year,
                "categories": self.categories,
                "shape": self.shape,
                "repealed_by": repeal.to_json() if repeal else None,
                "amended_by": [n.act.to_json() for n in head.notes if n.kind == "amendment" and n.act],
                "notes": [n.to_json() for n in head.notes],
                "signed_by": head.signed_by or None,
                "signer_position": head.signer_position or None,
                "annex_count": len(self.annexes),
                "source_lines": self.source_lines,
            },
            "quota_rules": [
                {"rule_no": i, "category": t.category, "place_id": self.place_id, "year": t.year,
                 "headcount_min": t.headcount_min, "headcount_max": t.headcount_max,
                 "percent": _num(t.percent), "percent_max": _num(t.percent_max), "basis": t.basis,
                 "excluded_as_printed": t.excluded or None, "source_lines": t.source_lines}
                for i, t in enumerate(self.terms, start=1)],
            "quotas": [
                {"category": r.category, "place_id": r.place_id, "row_no": r.row_no, "organization_kk": r.organization,
                 "headcount": r.headcount, "quota_percent": _num(r.quota_percent), "jobs": r.jobs,
                 "source_lines": r.source_lines, "year": r.year, "annex": r.annex,
                 "place_name_as_printed": r.place_name_as_printed, "place_heading_line": r.place_heading_line}
                for r in self.rows],
            "problems": [p.to_json() for p in self.problems],
        }


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def import_act(path: Path, gazetteer: Gazetteer) -> ImportResult:
    """Read and import one act. Raises ReadError when the file cannot be read at all."""
    return import_text(read_source(path), gazetteer)


def import_text(source: SourceText, gazetteer: Gazetteer) -> ImportResult:
    """Import an act's text already read (`reading.read_source`)."""
    lines = source.lines
    problems: list[ImportProblem] = []
    if source.cleaned:
        problems.append(ImportProblem("invisible-characters", 0,
                                      f"{source.cleaned} control, formatting or unmapped PDF character(s) were removed",
                                      "compare the text with the act where words look broken"))
    for line in source.markup_lines:
        problems.append(ImportProblem("markup-removed", line, "HTML markup or a javascript: link was taken out of "
                                      "this line (the text keeps only plain words)",
                                      "compare the line with the act; no act prints markup"))
    lang = detect_language(source.text)
    if lang is None:
        head = Head(language="")
        problems.append(ImportProblem("not-an-act", 1,
                                      "the text is not in Kazakh or Russian (too few Cyrillic letters)",
                                      "give the text of an akimat's act in Kazakh or Russian", "error"))
        return ImportResult(source, "", head, None, None, [], None, [], [], [], problems)
    head = read_head(lines, lang)
    if not head.heading_line or not head.decree_line:
        missing = []
        if not head.heading_line:
            missing.append("a heading with issuer, date and number («... әкімдігінің 2025 жылғы 21 қарашадағы № 246 "
                           "қаулысы» / «Постановление акимата ... от 14 февраля 2019 года № 37»)")
        if not head.decree_line:
            missing.append("the decree words «ҚАУЛЫ ЕТЕДІ:» / «ПОСТАНОВЛЯЕТ:»")
        problems.append(ImportProblem("not-an-act", 1,
                                      "this does not read as an akimat's act: no " + " and no ".join(missing),
                                      "give the full text of the act, from its title to its annexes", "error"))
        return ImportResult(source, lang, head, None, None, [], None, [], [], [], problems)
    # the issuer's place
    match = resolve_phrase(gazetteer, head.issuer_phrase, on=head.adopted_on)
    if match.place_id is None:
        code = "ambiguous-place" if match.ambiguous else "unknown-place"
        what = (f"«{match.printed}» names several places: {', '.join(match.candidates)}" if match.ambiguous
                else f"«{match.printed}» matches no place of datasets/places/data/places.csv")
        hint = (f"; did you mean {', '.join(match.candidates[:5])}?"
                if match.candidates and not match.ambiguous else "")
        problems.append(ImportProblem(code, head.heading_line, f"the issuer's place: {what}{hint}",
                                      "if the act names its region elsewhere, check the heading's words; a spelling "
                                      "that is missing goes into that place's aliases in places.csv", "error"))
    if head.title_lines is None:
        problems.append(ImportProblem("no-title", head.heading_line, "no title found before or after the heading",
                                      "check the first lines: the title is the act's first paragraph"))
    elif head.title_lines[0] > head.heading_line:
        problems.append(ImportProblem("title-after-heading", head.title_lines[0],
                                      "no title before the heading: the paragraph after it was taken as the title",
                                      "check that title_kk is the act's title"))
    if head.registration is None:
        problems.append(ImportProblem("no-registration", head.heading_line,
                                      "no justice registration («Зарегистрировано ... № ...» / "
                                      "«... № ... болып тіркелді») found",
                                      "if the act was registered, fill registration_number and registered_on by hand"))
    if head.signature_line is None:
        problems.append(ImportProblem("no-signature", head.decree_line,
                                      "no signature («Облыс әкімі ...», «Аким района ...») after the operative text",
                                      "fill signed_by and signer_position_kk in resolutions.csv by hand", "error"))
    for note in head.notes:
        if note.kind in ("repeal", "amendment") and (note.act is None or note.act.date is None):
            problems.append(ImportProblem("note-unread", note.first,
                                          f"a {note.kind} note whose act (number and date) could not be read",
                                          "read the note and fill repealed_by/repealed_on or amended_by by hand"))
    title_year = year_in(head.title)
    act_cats = find_categories(head.title)
    end = (head.signature_line - 1) if head.signature_line else len(lines) - 1
    terms, term_problems = read_terms(lines, head.decree_line, end, head.note_lines, act_cats, title_year)
    for tp in term_problems:
        problems.append(ImportProblem(tp.code, tp.line, tp.message, tp.fix))
    annexes = find_annexes(lines, head.signature_line or head.decree_line, head.note_lines)
    rows: list[QuotaRow] = []
    rule_cats = list(dict.fromkeys(t.category for t in terms))
    for annex in annexes:
        # the categories of the terms that point to this annex («осы қаулының 2 қосымшасына сәйкес …»)
        pointed = list(dict.fromkeys(t.category for t in terms if t.annex is not None and t.annex == annex.number))
        rows += _annex_rows(lines, annex, head, match.place_id, match.printed, match.region_id,
                            pointed or rule_cats or act_cats, title_year, gazetteer, problems)
    categories = list(dict.fromkeys([*rule_cats, *(r.category for r in rows)])) or act_cats
    year = title_year or next((t.year for t in terms if t.year), None)
    if not terms and not rows:
        problems.append(ImportProblem("no-quota", head.decree_line,
                                      "the operative text sets no quota percent this importer can read, and no annex "
                                      "lists organisations",
                                      "read the operative text: if it sets a quota, write its terms into "
                                      "quota_rules.csv "
                                      "by hand (and report the wording so the importer learns it)", "error"))
    if not categories:
        problems.append(ImportProblem("category-unclear", head.decree_line, "no quota category found in the act",
                                      "check the act's wording of the category", "error"))
    if year is None:
        problems.append(ImportProblem("year-unclear", head.title_lines[0] if head.title_lines else head.heading_line,
                                      "the year the quota is set for is not printed in the title "
                                      "(«2026 жылға», «на 2026 год»)",
                                      "fill year in quota_rules.csv (and quotas.csv) by hand"))
    for t in terms:
        if t.year is None:
            t.year = year
    return ImportResult(source, lang, head, match.place_id, match.region_id, categories, year, terms, rows,
                        annexes, sorted(problems, key=lambda p: (p.line, p.code)))


def _annex_rows(lines: list[str], annex: Annex, head: Head, issuer_place: str | None, issuer_printed: str,
                region: str | None,
                act_cats: list[str], act_year: int | None, gaz: Gazetteer,
                problems: list[ImportProblem]) -> list[QuotaRow]:
    if annex.body_first is None or annex.body_last is None:
        problems.append(ImportProblem("annex-without-table", annex.mark_line,
                                      f"annex {annex.number or ''} has no table this importer can find (a header "
                                      "line starting with «№», then rows numbered from 1)",
                                      "read the annex; if it lists organisations, add its rows to quotas.csv by hand"))
        return []
    cats = find_categories(annex.title)
    if not cats and len(act_cats) == 1:
        cats = act_cats
    where = annex.title_first or annex.mark_line
    if len(cats) != 1:
        named = "no category" if not cats else "several categories: " + ", ".join(cats)
        problems.append(ImportProblem("category-unclear", where, f"annex {annex.number or ''} names {named}",
                                      "check the annex title; rows are not imported until its category is clear",
                                      "error"))
        return []
    year = year_in(annex.title) or act_year
    title_match = resolve_phrase(gaz, annex.title, on=head.adopted_on, region_hint=region) if annex.title else None
    default_place = title_match.place_id if title_match and title_match.place_id else issuer_place
    # the place as printed: the annex title's, else the issuer's (its words that name the place)
    from_title = bool(title_match and title_match.place_id)
    default_printed = title_match.printed if title_match and from_title else issuer_printed
    default_line = where if from_title else (head.heading_line or where)
    scope = region or issuer_place

    known: dict[str, str | None] = {}

    def heading_place(text: str) -> str | None:
        if text not in known:
            known[text] = resolve_phrase(gaz, text, on=head.adopted_on, region_hint=scope, suggest=False).place_id
        return known[text]

    def heading_place_ok(text: str) -> bool:
        return heading_place(text) is not None

    try:
        parsed = parse_rows(lines, annex.body_first, annex.body_last, head.note_lines, heading_place_ok)
    except TableError as exc:
        problems.append(ImportProblem(exc.code, exc.line, exc.message, exc.fix, "error"))
        return []
    out = []
    for row, heading in parsed:
        if heading is not None:
            place = heading_place(heading[0])
            if place is None:
                problems.append(ImportProblem("unknown-place", heading[1],
                                              f"the heading «{heading[0]}» matches no place of the issuer's region",
                                              "check the spelling; a spelling that is missing goes into that place's "
                                              "aliases in datasets/places/data/places.csv", "error"))
            printed, line = heading
        else:
            place, printed, line = default_place, default_printed, default_line
        assert row.row_no is not None and row.headcount is not None and row.jobs is not None and row.percent is not None
        name, changed = inert(join_name(row.name_parts))
        if changed:
            problems.append(ImportProblem("unsafe-text", row.first or 0,
                                          f"row {row.row_no}: a spreadsheet formula sign or markup was taken out of "
                                          "the organisation's name", "compare the name with the act"))
        out.append(QuotaRow(cats[0], place, row.row_no, name, row.headcount, row.percent,
                            row.jobs, row.span, printed, line, year, annex.number or 1))
    return out

