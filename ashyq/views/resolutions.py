"""Resolutions: an index of every akimat resolution and a page per resolution.

A resolution's page holds its legal details (issuer, number, date, signatory, legal basis,
amendments), its annexes with their headers as printed, and every table of the document:
the quota rows of a quota resolution (with a chart of jobs by place), the staff structures
and the list of institutions of a reorganisation. Validation warnings (quality flags of
the document) are shown beside their rows and listed at the top. Every row has a stable
anchor and links to its source lines.

Tables are split by resolution once (groupby), so the build stays linear in the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ashyq import charts, formats, model, render, urls
from ashyq.problems import CODES, Problem
from ashyq.urls import line_anchor, link
from ashyq.views import Output, records_by

INDEX = urls.docs_path(urls.RESOLUTIONS)

# `topic` has no enumTitles in the schema yet; these are the page's Kazakh labels.
TOPIC_TITLES = {
    "quotas": "Жұмыс орындарына квота",
    "reorganisation": "Мемлекеттік мекемені қайта құру",
    "other": "Басқа",
}

# Tables whose rows belong to a resolution (by `resolution_id`) and are shown on its page.
ROW_TABLES = [("resolutions", "resolutions"), ("resolutions", "annexes"), ("quotas", "quotas"),
              ("resolutions", "staffing"), ("resolutions", "institutions")]


@dataclass(frozen=True)
class Flag:
    """One quality flag (a validation warning) on one row."""

    code: str
    title: str
    message: str
    explain: str
    severity: str


@dataclass(frozen=True)
class FlagEntry:
    """A flag in the page's summary list, with a link to its row."""

    flag: Flag
    row_label: str
    href: str  # "#row-disability-12"
    csv: str  # "datasets/quotas/data/quotas.csv:13"


@dataclass(frozen=True)
class FlagGroup:
    """The flags of one code on a page: its title and explanation once, then the rows."""

    code: str
    title: str
    explain: str
    entries: list[FlagEntry]


def group_flags(entries: list[FlagEntry]) -> list[FlagGroup]:
    groups: dict[str, list[FlagEntry]] = {}
    for e in entries:
        groups.setdefault(e.flag.code, []).append(e)
    return [FlagGroup(code, es[0].flag.title, es[0].flag.explain, es) for code, es in groups.items()]


@dataclass(frozen=True)
class Annex:
    anchor: str
    annex: str
    label: str
    header: str
    title: str
    amended_by: str
    note: str
    source_href: str
    source_lines: str
    flags: list[Flag] = field(default_factory=list)


@dataclass(frozen=True)
class QuotaRow:
    anchor: str
    row_no: int
    organization: str
    place_kk: str
    place_href: str
    headcount: Any
    quota_percent: Any
    jobs: Any
    source_href: str
    source_lines: str
    flags: list[Flag] = field(default_factory=list)
    edit_href: str = ""  # the row's CSV line in the repository's web editor


@dataclass(frozen=True)
class QuotaTable:
    """The quota rows of one category (one annex of the document, as a rule)."""

    anchor: str
    category: str
    title: str
    year: str
    rows: list[QuotaRow]
    headcount: int
    jobs: int


@dataclass(frozen=True)
class StaffRow:
    anchor: str
    row_no: int
    is_total: bool
    unit: str
    position: str
    staff_units: Any
    source_href: str
    source_lines: str
    flags: list[Flag] = field(default_factory=list)
    edit_href: str = ""  # the row's CSV line in the repository's web editor


@dataclass(frozen=True)
class StaffTable:
    """One staff-structure annex: its positions and its printed total beside their sum."""

    anchor: str
    annex: str
    title: str
    rows: list[StaffRow]
    printed_total: int | None
    computed_total: int


@dataclass(frozen=True)
class InstitutionRow:
    anchor: str
    row_no: int
    name: str
    legal_form: str
    place_kk: str
    place_href: str
    place_as_printed: str
    source_href: str
    source_lines: str
    flags: list[Flag] = field(default_factory=list)
    edit_href: str = ""  # the row's CSV line in the repository's web editor


@dataclass(frozen=True)
class ResolutionContext:
    """One resolution's page."""

    resolution_id: str
    title: str
    issuer: str
    place_kk: str
    place_href: str
    number: str
    adopted_on: str  # dd.mm.yyyy
    dated_as_printed: str
    topic: str
    signed_by: str
    signer_position: str
    amended_by: str
    legal_basis: str
    preamble: str
    source_href: str
    source_lines: str
    source_page_href: str
    index_href: str
    flags: list[Flag]
    annexes: list[Annex]
    quota_tables: list[QuotaTable]
    staff_tables: list[StaffTable]
    institutions: list[InstitutionRow]
    flag_entries: list[FlagEntry]
    flag_groups: list[FlagGroup]
    chart: charts.Chart | None = None
    chart_rows: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class IndexRow:
    href: str
    adopted_on: str
    iso_date: str
    number: str
    issuer: str
    topic: str
    title: str
    rows: int
    flags: int


@dataclass(frozen=True)
class IndexContext:
    rows: list[IndexRow]


# ------------------------------------------------------------------ flags

def make_flag(problem: Problem) -> Flag:
    code = CODES[problem.code]
    # Kazakh titles, explanations and messages come with the rules; where one is missing,
    # the English stands in, and the message says what is wrong with this row.
    return Flag(problem.code, code.title_kk or code.title, problem.message_kk or problem.message,
                code.explain_kk or problem.fix or code.fix, code.severity)


def flags_by_row(problems: list[Problem]) -> dict[tuple[str, str, int], list[Flag]]:
    """(package, resource, CSV line) → the flags of that row, in validation order."""
    out: dict[tuple[str, str, int], list[Flag]] = {}
    for p in problems:
        if p.row > 1 and p.package and p.resource:
            out.setdefault((p.package, p.resource, p.row), []).append(make_flag(p))
    return out


def with_lines(df: pd.DataFrame) -> pd.DataFrame:
    """The table with `_line`, each row's line in its CSV (header = 1), as problems count."""
    return df.assign(_line=range(2, len(df) + 2))


# ------------------------------------------------------------------ formatting

def _int(value: Any) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _sum(values: Iterable[Any]) -> int:
    """The sum of the numbers among `values`, as a whole number (empty cells count 0)."""
    return int(sum(v for v in values if v is not None and not pd.isna(v)))


def _group(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    """Rows by the value of `key`, in order of first appearance."""
    out: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r[key], []).append(r)
    return out


# ------------------------------------------------------------------ pages

def page_path(resolution_id: str) -> str:
    return urls.docs_path(urls.resolution(resolution_id))


def iter_outputs(data: model.Model) -> Iterator[Output]:
    resolutions = data.table("resolutions", "resolutions")
    if resolutions is None:
        return
    flags = flags_by_row(data.problems)
    names = model.place_names(data)
    place_kk = dict(zip(names["place_id"], names["place_kk"]))
    groups = {key: _rows_by_resolution(data, key) for key in ROW_TABLES}
    jobs = _jobs_by_place(data, names)
    index_rows = []
    for row in with_lines(resolutions).to_dict("records"):
        rid = str(row["resolution_id"])
        parts = {key: groups[key].get(rid, []) for key in ROW_TABLES}
        ctx = resolution_context(data, row, parts, flags, place_kk, jobs.get(rid, []))
        yield Output(page_path(rid), render.render_page("resolution.md.j2", ctx))
        index_rows.append(IndexRow(
            href=link(INDEX, urls.resolution(rid)), adopted_on=ctx.adopted_on,
            iso_date=formats.text(row["adopted_on"]), number=ctx.number, issuer=ctx.issuer, topic=ctx.topic,
            title=ctx.title,
            rows=sum(len(t.rows) for t in ctx.quota_tables) + sum(len(t.rows) for t in ctx.staff_tables)
            + len(ctx.institutions),
            flags=len(ctx.flag_entries)))
    index_rows.sort(key=lambda r: (r.iso_date, r.number), reverse=True)
    yield Output(INDEX, render.render_page("resolutions.md.j2", IndexContext(index_rows)))


def _rows_by_resolution(data: model.Model, key: tuple[str, str]) -> dict[str, list[dict[str, Any]]]:
    """A table's rows (with `_line`) as plain dicts by resolution, converted once."""
    df = data.table(*key)
    if df is None or "resolution_id" not in df.columns:
        return {}
    lined = with_lines(df)
    return records_by(lined.astype(object).where(lined.notna(), None), "resolution_id")


def _jobs_by_place(data: model.Model, names: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Each resolution's quota jobs per place (model.jobs_by_place), in one pass."""
    quotas = data.table("quotas", "quotas")
    if quotas is None or quotas.empty or "resolution_id" not in quotas.columns:
        return {}
    named = (quotas.merge(names[["place_id", "place_kk"]], on="place_id", how="left")
             .assign(place_kk=lambda d: d["place_kk"].fillna(d["place_id"])))
    return records_by(model.jobs_by_place(named, within=("resolution_id",)), "resolution_id")


def resolution_context(data: model.Model, row: dict[str, Any],
                       parts: dict[tuple[str, str], list[dict[str, Any]]],
                       flags: dict[tuple[str, str, int], list[Flag]],
                       names: dict[str, str], jobs_by_place: list[dict[str, Any]]) -> ResolutionContext:
    """The page of one resolution: `parts` are its rows of each of ROW_TABLES (plain dicts
    with `_line`), `jobs_by_place` its quota jobs per place (model.jobs_by_place's records)."""
    rid = str(row["resolution_id"])
    here = page_path(rid)
    source_path = formats.text(row.get("source_path"))

    # every row links to the same source page and to a few places: resolve those once
    source_page = link(here, urls.source_document(source_path)) if source_path else ""

    def src(lines: Any) -> str:
        text = formats.text(lines)
        return f"{source_page}#{line_anchor(text)}" if source_page and text else ""

    places: dict[str, tuple[str, str]] = {}

    def place(place_id: Any) -> tuple[str, str]:
        pid = formats.text(place_id)
        if not pid:
            return "", ""
        if pid not in places:
            places[pid] = str(names.get(pid, pid)), link(here, urls.place(pid))
        return places[pid]

    entries: list[FlagEntry] = []

    relpaths: dict[tuple[str, str], str | None] = {}

    def relpath(key: tuple[str, str]) -> str | None:
        """The CSV of (package, resource) inside its package, looked up once per page."""
        if key not in relpaths:
            pkg = data.packages.get(key[0])
            res = pkg.resource(key[1]) if pkg else None
            relpaths[key] = res.relpath if res else None
        return relpaths[key]

    def row_flags(key: tuple[str, str], line: int, anchor: str, label: str) -> list[Flag]:
        found = flags.get((*key, line), [])
        if found:
            csv = f"datasets/{key[0]}/{relpath(key) or key[1] + '.csv'}:{line}"
            entries.extend(FlagEntry(f, label, f"#{anchor}", csv) for f in found)
        return found

    own_flags = row_flags(("resolutions", "resolutions"), int(row["_line"]), "resolution", "Қаулы")

    annexes = []
    for a in parts[("resolutions", "annexes")]:
        anchor = f"annex-{a['annex']}"
        label = formats.text(a.get("label_as_printed")) or f"{a['annex']} қосымша"
        annexes.append(Annex(
            anchor, str(a["annex"]), label, formats.text(a.get("header_kk")), formats.text(a.get("title_kk")),
            formats.amendment(a.get("amended_by")), formats.text(a.get("note_kk")), src(a.get("source_lines")),
            formats.text(a.get("source_lines")),
            row_flags(("resolutions", "annexes"), int(a["_line"]), anchor, label)))

    def edit(package: str, resource: str, line: int) -> str:
        path = relpath((package, resource))
        return urls.edit(data.repository, package, path, line) if path else ""

    quota_tables = []
    cat_titles = data.enum_titles("quotas", "quotas", "category")
    for category, part in _group(parts[("quotas", "quotas")], "category").items():
        rows: list[QuotaRow] = []
        for q in part:
            anchor = f"row-{category}-{q['row_no']}"
            place_kk, place_href = place(q.get("place_id"))
            rows.append(QuotaRow(
                anchor, int(q["row_no"]), formats.text(q.get("organization_kk")), place_kk, place_href,
                formats.number(q.get("headcount")), formats.number(q.get("quota_percent")),
                formats.number(q.get("jobs")),
                src(q.get("source_lines")), formats.text(q.get("source_lines")),
                row_flags(("quotas", "quotas"), int(q["_line"]), anchor,
                          f"{cat_titles.get(str(category), category)}, № {q['row_no']}"),
                edit_href=edit("quotas", "quotas", int(q["_line"]))))
        years = sorted({str(q["year"]) for q in part if q.get("year") is not None})
        quota_tables.append(QuotaTable(
            f"quotas-{category}", str(category), cat_titles.get(str(category), str(category)),
            ", ".join(years), rows, _sum(q.get("headcount") for q in part), _sum(q.get("jobs") for q in part)))

    staff_tables = []
    annex_titles = {a.annex: a.title for a in annexes}
    by_annex = _group(parts[("resolutions", "staffing")], "annex")
    for annex in sorted(by_annex):
        staff_rows: list[StaffRow] = []
        for s in by_annex[annex]:
            anchor = f"row-staffing-{annex}-{s['row_no']}"
            is_total = s.get("row_kind") == "total"
            staff_rows.append(StaffRow(
                anchor, int(s["row_no"]), is_total, formats.text(s.get("unit_kk")), formats.text(s.get("position_kk")),
                formats.number(s.get("staff_units")), src(s.get("source_lines")), formats.text(s.get("source_lines")),
                row_flags(("resolutions", "staffing"), int(s["_line"]), anchor,
                          f"{annex} қосымша, № {s['row_no']}"),
                edit_href=edit("resolutions", "staffing", int(s["_line"]))))
        totals = [s.get("staff_units") for s in by_annex[annex] if s.get("row_kind") == "total"]
        staff_tables.append(StaffTable(
            f"staffing-{annex}", str(annex), annex_titles.get(str(annex), ""), staff_rows,
            _int(totals[0]) if totals else None,
            _sum(s.get("staff_units") for s in by_annex[annex] if s.get("row_kind") != "total")))

    institutions = []
    for i in parts[("resolutions", "institutions")]:
        anchor = f"row-institution-{i['row_no']}"
        place_kk, place_href = place(i.get("place_id"))
        institutions.append(InstitutionRow(
            anchor, int(i["row_no"]), formats.text(i.get("name_kk")), formats.text(i.get("legal_form_kk")),
            place_kk, place_href, formats.text(i.get("place_as_printed")),
            src(i.get("source_lines")), formats.text(i.get("source_lines")),
            row_flags(("resolutions", "institutions"), int(i["_line"]), anchor, f"Мекеме № {i['row_no']}"),
            edit_href=edit("resolutions", "institutions", int(i["_line"]))))

    chart, chart_rows = None, []
    if jobs_by_place:
        chart = charts.resolution_jobs_by_place(jobs_by_place, f"chart-{rid}-jobs", cat_titles)
        chart_rows = [{**r, "category": cat_titles.get(r["category"], r["category"])} for r in jobs_by_place]

    place_kk, place_href = place(row.get("place_id"))
    topic = formats.text(row.get("topic"))
    return ResolutionContext(
        resolution_id=rid, title=formats.text(row.get("title_kk")), issuer=formats.text(row.get("issuer_kk")),
        place_kk=place_kk, place_href=place_href, number=formats.text(row.get("number")),
        adopted_on=formats.date(row.get("adopted_on")), dated_as_printed=formats.text(row.get("dated_as_printed")),
        topic=TOPIC_TITLES.get(topic, topic), signed_by=formats.text(row.get("signed_by")),
        signer_position=formats.text(row.get("signer_position_kk")),
        amended_by=formats.amendment(row.get("amended_by")),
        legal_basis=formats.text(row.get("legal_basis_kk")), preamble=formats.text(row.get("preamble_kk")),
        source_href=src(row.get("source_lines")), source_lines=formats.text(row.get("source_lines")),
        source_page_href=source_page,
        index_href=link(here, urls.RESOLUTIONS),
        flags=own_flags, annexes=annexes, quota_tables=quota_tables, staff_tables=staff_tables,
        institutions=institutions, flag_entries=entries, flag_groups=group_flags(entries),
        chart=chart, chart_rows=chart_rows,
    )
