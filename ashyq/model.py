"""Typed views of the loaded data: joins and summaries the pages are made from. No I/O.

Everything here takes DataFrames and returns DataFrames or dataclasses, so pages and
charts never reach into raw tables, and the joins are written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ashyq import formats, geo, i18n, urls
from ashyq.atlas import Atlas

# What views need of the catalog, re-exported: views never import it (tests/test_imports.py).
from ashyq.catalog import DESCRIPTOR as DESCRIPTOR
from ashyq.catalog import PackageFiles, PackageInfo, ResourceInfo
from ashyq.catalog import SourceFile as SourceFile
from ashyq.changelog import Change, Commit, FileChange, HistoryIndex, RowChange, index_history
from ashyq.places import Gazetteer
from ashyq.problems import CODES, Problem

TableKey = tuple[str, str]  # (package, resource)

# A row's line in its CSV (header = 1), as problems count it: a column `lined` adds to a
# table. Not data: downloads are written from `table`, which never has it. The CSVs hold no
# line break inside a cell (validation's hygiene rules), so the n-th row is on line n + 1.
LINE = "_line"


@dataclass(frozen=True)
class Flag:
    """A quality flag: a validation warning about one row of a table (line 0: the whole
    file), in the reader's words: `title`, `message` and `explain` in the language being
    written (i18n.current): the Kazakh the rule has, its English, and for Russian the
    catalogue's title and explanation; a message is made from the row's values by the rule,
    in Kazakh, Russian and English (a rule without a Russian one: a Russian page shows the
    English; `message_lang` says which, for its lang=)."""

    code: str
    title_kk: str
    message_kk: str
    explain_kk: str
    severity: str
    package: str
    resource: str
    line: int
    title_en: str = ""
    message_en: str = ""
    explain_en: str = ""
    message_ru: str = ""

    @property
    def title(self) -> str:
        return self._text(self.title_kk, self.title_en)

    @property
    def explain(self) -> str:
        return self._text(self.explain_kk, self.explain_en)

    @property
    def message(self) -> str:
        return {"kk": self.message_kk, "ru": self.message_ru}.get(self.message_lang) or self.message_en

    @property
    def message_lang(self) -> str:
        lang = i18n.current()
        if lang == i18n.SOURCE or not self.message_en:
            return "kk"
        return "ru" if lang == "ru" and self.message_ru else "en"

    def _text(self, kazakh: str, english: str) -> str:
        lang = i18n.current()
        if lang == "en":
            return english or kazakh
        return i18n.gettext(kazakh) if kazakh else english

    @property
    def anchor(self) -> str:
        """Its id in a page's list of flags: stable, whatever other flags there are."""
        return f"flag-{self.resource}-{self.line}-{self.code}"

    @classmethod
    def of(cls, problem: Problem) -> Flag:
        code = CODES[problem.code]
        return cls(problem.code, code.title_kk or code.title, problem.message_kk or problem.message,
                   code.explain_kk or problem.fix or code.fix, code.severity,
                   problem.package, problem.resource, problem.row,
                   code.title, problem.message, code.explain or problem.fix or code.fix, problem.message_ru)


@dataclass(frozen=True)
class Provenance:
    """Where one row of a table comes from and how to correct it: made by the model for
    every row a page shows, so that every row links to its source and its CSV line."""

    package: str
    resource: str
    line: int  # CSV line (header = 1)
    csv: str  # "datasets/quotas/data/quotas.csv"
    source_path: str  # "datasets/quotas/sources/000_x.txt"; "" when the row names none
    source_lines: str  # "54-72"; "" when unknown
    flags: tuple[Flag, ...] = ()
    # the row's key as a report names it (Model.row_key): "resolution_id=…; row_no=12"
    row_id: str = ""
    # the data repository (mkdocs.yml extra.repository) and the contact address
    # (extra.contact_email) the correction links lead to; "" when unset
    repository: str = ""
    contact_email: str = ""

    @property
    def edit_url(self) -> str:
        """The CSV line in the repository's web editor; "" without a repository."""
        return urls.edit_file(self.repository, self.csv, self.line)

    @property
    def report_url(self) -> str:
        """"Report a mistake" without Git: the repository's issue form with the row's file,
        line and key filled in (urls.report; the browser adds the values the page shows);
        "" without a repository."""
        return urls.report(self.repository, self.position, self.row_id)

    @property
    def mail_url(self) -> str:
        """Its e-mail fallback (urls.report_mail); "" without an address."""
        return urls.report_mail(self.contact_email, self.position)

    @property
    def source_url(self) -> str:
        """The source lines' page (site URL); "" when the row has no source lines."""
        return urls.source_lines(self.source_path, self.source_lines) if self.source_path and self.source_lines else ""

    @property
    def position(self) -> str:
        """"datasets/quotas/data/quotas.csv:13", as the command line names a row."""
        return f"{self.csv}:{self.line}"


@dataclass(frozen=True)
class QuotaRule:
    """A term an akimat's act sets (a row of quotas/quota_rules), with what its resolution
    says about it: the language of the text, the source document, and whether a later act
    repealed it. Not the legal bands of national law (quotas/legal_bands)."""

    resolution_id: str
    rule_no: int
    year: int | None  # the year the act sets the quota for; None when it names none
    category: str
    place_id: str  # the place whose employers the term binds (and every place inside it)
    headcount_min: int | None  # a tier's bounds (inclusive); both None: one percent for every employer
    headcount_max: int | None  # None with headcount_min set: no upper bound ("over 250")
    percent: float
    percent_max: float | None  # the upper end of a range ("two to four percent"); None: one figure
    basis: str  # "headcount" | "jobs": what the percent is of
    excluded_as_printed: str  # what the act leaves out of the count, in its words; "" when nothing
    source_lines: str
    line: int  # the row's line in quota_rules.csv (header = 1)
    language: str  # the language of the act's text (resolutions.language): "kk" | "ru"; "" when unknown
    source_path: str  # the act's source text (resolutions.source_path); "" when unknown
    repealed_by: str  # the number of the act that repealed it, as recorded; "" while in force
    repealed_on: str  # ISO date of the repeal; "" while in force

    @property
    def repealed(self) -> bool:
        """A repeal date is recorded (resolutions.repealed_on): the act is no longer in force."""
        return bool(self.repealed_on)

    @property
    def tiered(self) -> bool:
        """The term applies to a headcount tier, not to every employer."""
        return self.headcount_min is not None or self.headcount_max is not None

    def applies_to(self, count: int) -> bool:
        """Whether an organisation of `count` (employees or jobs, per basis) is in the tier."""
        low = self.headcount_min if self.headcount_min is not None else 0
        return count >= low and (self.headcount_max is None or count <= self.headcount_max)


def _int_or_none(value: object) -> int | None:
    return None if not formats.present(value) else int(float(str(value)))


def _float_or_none(value: object) -> float | None:
    return None if not formats.present(value) else float(str(value))


@dataclass
class Model:
    """The loaded data: every package's descriptor and every resource's rows."""

    packages: dict[str, PackageInfo]
    tables: dict[TableKey, pd.DataFrame] = field(default_factory=dict)
    # Warnings of validation (quality flags of the documents), shown beside their rows.
    problems: list[Problem] = field(default_factory=list)
    # The commit the data was built from; None when built from a copy without git history.
    commit: Commit | None = None
    # The site's public address (mkdocs.yml site_url, ending in "/"): machine-readable
    # metadata (JSON-LD, DCAT) needs absolute URLs. "" when unknown.
    site_url: str = ""
    # Every commit that touched datasets/, oldest first, with its row-level changes
    # (gitlog + changelog); None when built from a copy without git history.
    history: list[Change] | None = None
    # In a shallow clone (git clone --depth): the newest commit whose parents are missing,
    # so neither its changes nor older ones are in `history`. None when the history is whole.
    history_cut: Commit | None = None
    # The data repository's web address (mkdocs.yml extra.repository), for "suggest a
    # correction" links; "" when unknown.
    repository: str = ""
    # The packages' other files (READMEs, descriptors, source documents), read on demand.
    files: PackageFiles = field(default_factory=PackageFiles)
    # Where a reader without a GitHub account reports a wrong value (mkdocs.yml
    # extra.contact_email); "" when unset.
    contact_email: str = ""
    # The maps' shapes (ashyq/geo.py, read by catalog.load_boundaries); none when not given.
    boundaries: geo.Boundaries = field(default_factory=geo.Boundaries)
    # The site's Content-Security-Policy (mkdocs.yml extra.content_security_policy), for the
    # pages written without the renderer (the embeds, views/embeds.py); "" when unset.
    content_security_policy: str = ""
    # The languages the site is built in (i18n.languages: Kazakh first): the files that exist
    # once per language (the change log's feeds) are written for each.
    languages: tuple[str, ...] = (i18n.SOURCE,)

    def table(self, package: str, resource: str) -> pd.DataFrame | None:
        """A resource's rows as loaded (the frame downloads are written from)."""
        return self.tables.get((package, resource))

    def resource(self, package: str, resource: str) -> ResourceInfo | None:
        pkg = self.packages.get(package)
        return pkg.resource(resource) if pkg else None

    def lined(self, package: str, resource: str) -> pd.DataFrame | None:
        """The table with each row's CSV line in column LINE (made once per table)."""
        key = (package, resource)
        if key not in self._lined:
            df = self.tables.get(key)
            self._lined[key] = None if df is None else df.assign(**{LINE: range(2, len(df) + 2)})
        return self._lined[key]

    @cached_property
    def _lined(self) -> dict[TableKey, pd.DataFrame | None]:
        return {}

    # ------------------------------------------------------------- flags and provenance

    @cached_property
    def _flags(self) -> dict[tuple[str, str, int], list[Flag]]:
        out: dict[tuple[str, str, int], list[Flag]] = {}
        for p in sorted(self.problems):
            if p.package and p.resource:
                out.setdefault((p.package, p.resource, p.row), []).append(Flag.of(p))
        return out

    def flags_at(self, package: str, resource: str, line: int) -> list[Flag]:
        """The flags of one row (line 0: of the whole file), in validation order."""
        return self._flags.get((package, resource, line), [])

    def flags_of(self, package: str) -> list[Flag]:
        """Every flag of a package's tables, in validation order (by file and line)."""
        return [f for key, flags in self._flags.items() if key[0] == package for f in flags]

    @cached_property
    def _csv_paths(self) -> dict[TableKey, tuple[str, str]]:
        """(package, resource) → the CSV as the repository names it, and as its package does."""
        return {(pkg.name, res.name): (f"datasets/{pkg.name}/{res.relpath.removeprefix('./')}", res.relpath)
                for pkg in self.packages.values() for res in pkg.resources()}

    def csv_path(self, package: str, resource: str) -> str:
        """A resource's CSV as the repository names it: "datasets/quotas/data/quotas.csv"."""
        return self._csv_paths.get((package, resource), (f"datasets/{package}/{resource}.csv", ""))[0]

    def provenance(self, package: str, resource: str, line: int, source_path: object = None,
                   source_lines: object = None) -> Provenance:
        """The provenance of the row at `line` of a table; `source_path` and `source_lines`
        name the document and the lines it was read from."""
        csv, relpath = self._csv_paths.get((package, resource), (f"datasets/{package}/{resource}.csv", ""))
        return Provenance(package, resource, line, csv, formats.text(source_path), formats.text(source_lines),
                          tuple(self.flags_at(package, resource, line)), self.row_key(package, resource, line),
                          self.repository if relpath else "", self.contact_email)

    def row_key(self, package: str, resource: str, line: int) -> str:
        """The row at `line` of a table as a report of a mistake names it: its key from the
        schema's primaryKey, as the CSV writes it ("resolution_id=…; category=…; row_no=12");
        "" when there is no such row. Its values are not put in the link: the reader's browser
        adds what the page shows of the row when the link is followed (ashyq.js), so that a
        page does not carry every row twice."""
        keys = self._row_keys(package, resource)
        return keys[line - 2] if 2 <= line < len(keys) + 2 else ""

    def _row_keys(self, package: str, resource: str) -> list[str]:
        """Every row's key text (row_key), made once per table, column by column."""
        key = (package, resource)
        if key not in self._keys:
            df, res = self.tables.get(key), self.resource(package, resource)
            if df is None or res is None:
                self._keys[key] = []
            else:
                parts = [df[k].map(lambda v: formats.text(formats.as_written(v))).radd(f"{k}=")
                         if k in df else pd.Series(f"{k}=", index=df.index) for k in res.primary_key]
                self._keys[key] = ["; ".join(t) for t in zip(*parts)] if parts else [""] * len(df)
        return self._keys[key]

    @cached_property
    def _keys(self) -> dict[TableKey, list[str]]:
        return {}

    def _records(self, package: str, resource: str) -> list[dict[str, str]]:
        """A table's rows as text as the CSV writes it (2, not 2.0), made once per table."""
        key = (package, resource)
        if key not in self._texts:
            df = self.tables.get(key)
            self._texts[key] = [] if df is None else [
                {k: formats.text(formats.as_written(v)) for k, v in rec.items()} for rec in df.to_dict("records")]
        return self._texts[key]

    @cached_property
    def _texts(self) -> dict[TableKey, list[dict[str, str]]]:
        return {}

    # ------------------------------------------------------------- places

    @cached_property
    def gazetteer(self) -> Gazetteer:
        """The places package as a gazetteer: names to place_ids, parents on a date."""
        places = self.table("places", "places")
        return Gazetteer(places if places is not None else pd.DataFrame(columns=["place_id", "kind"]))

    @cached_property
    def atlas(self) -> Atlas:
        """Every table grouped by place, with roll-ups (ashyq/atlas.py), made once."""
        return Atlas(self)

    @property
    def names(self) -> dict[str, str]:
        """place_id → the name a reader expects in the language being written (i18n.current):
        `reader_name` of the official Kazakh name ("Орал қаласы"), `display_name_ru` of KATO's
        Russian one ("г. Уральск"), the English one of places.csv ("Oral")."""
        return self._names_in(i18n.current())

    def _names_in(self, lang: str) -> dict[str, str]:
        cache: dict[str, dict[str, str]] = self.__dict__.setdefault("_names_by_language", {})
        if lang not in cache:
            places = self.table("places", "places")
            if places is None:
                return {}
            shown = {"kk": reader_name, "ru": display_name_ru, "en": str.strip}[lang]
            kazakh = {str(pid): reader_name(formats.text(name)) or str(pid)
                      for pid, name in zip(places["place_id"], places["name_kk"])}
            column = f"name_{lang}"
            cache[lang] = kazakh if lang == i18n.SOURCE or column not in places else {
                str(pid): shown(formats.text(name)) or kazakh[str(pid)]
                for pid, name in zip(places["place_id"], places[column])}
        return cache[lang]

    @cached_property
    def keywords(self) -> dict[str, str]:
        """place_id → every name a reader may type for it: the reader name, the official
        Kazakh, Russian and English names and the aliases met in documents ("Орал қаласы Орал
        Қ.Ә. Уральск Г.А. Uralsk Уральск"), space-separated. Every search box of the site
        looks places up by these (folded by `Ashyq.fold` in ashyq.js)."""
        places = self.table("places", "places")
        if places is None:
            return {}
        out = {}
        for rec in places.to_dict("records"):
            pid = str(rec["place_id"])
            names = [self._names_in(lang).get(pid, pid) for lang in i18n.LANGUAGES] + [
                formats.text(rec.get(k)).replace(";", " ")
                                                  for k in ("name_kk", "name_ru", "name_en", "aliases")]
            out[pid] = " ".join(dict.fromkeys(n for n in names if n))
        return out

    @property
    def coverage(self) -> list[Coverage]:
        """The regions the quota rows cover, each with its years (quota_coverage), and those
        whose places are covered by a rule alone (Atlas.rule_only); named in the language
        being written."""
        cache: dict[str, list[Coverage]] = self.__dict__.setdefault("_coverage_by_language", {})
        if (lang := i18n.current()) not in cache:
            cache[lang] = self._coverage()
        return cache[lang]

    def _coverage(self) -> list[Coverage]:
        by_rule: dict[str, tuple[str, set[int], set[str]]] = {}
        atlas = self.atlas
        for pid, keys in atlas.rule_only.items():
            region = atlas.chains.get(pid, [pid])[-1]
            _, years, places = by_rule.setdefault(region, (self.names.get(region, region), set(), set()))
            years.update(y for y, _ in keys if y is not None)
            places.add(pid)
        return quota_coverage(quota_rows(self), by_rule)

    @cached_property
    def resolution_records(self) -> dict[str, dict[str, str]]:
        """resolution_id → its row of resolutions.csv as text (as the CSV writes it)."""
        return {rec["resolution_id"]: rec for rec in self._records("resolutions", "resolutions")}

    @cached_property
    def source_languages(self) -> dict[str, str]:
        """A source document's path as rows write it ("datasets/quotas/sources/x.txt") → the
        language of its text ("kk", "ru"): that of the resolution printed in it. Documents no
        resolution names are absent (their pages take Kazakh)."""
        return {rec["source_path"]: rec["language"] for rec in self.resolution_records.values()
                if rec.get("source_path") and rec.get("language")}

    @cached_property
    def quota_rules(self) -> list[QuotaRule]:
        """Every term of quotas/quota_rules in the CSV's order, each with its resolution's
        language, source document and repeal (resolutions.repealed_by, repealed_on)."""
        df = self.lined("quotas", "quota_rules")
        if df is None or df.empty:
            return []
        acts = self.resolution_records
        out = []
        for rec in df.to_dict("records"):
            rid = formats.text(rec.get("resolution_id"))
            act = acts.get(rid, {})
            out.append(QuotaRule(
                resolution_id=rid,
                rule_no=int(rec["rule_no"]),
                year=_int_or_none(rec.get("year")),
                category=formats.text(rec.get("category")),
                place_id=formats.text(rec.get("place_id")),
                headcount_min=_int_or_none(rec.get("headcount_min")),
                headcount_max=_int_or_none(rec.get("headcount_max")),
                percent=float(rec["percent"]),
                percent_max=_float_or_none(rec.get("percent_max")),
                basis=formats.text(rec.get("basis")),
                excluded_as_printed=formats.text(rec.get("excluded_as_printed")),
                source_lines=formats.text(rec.get("source_lines")),
                line=int(rec[LINE]),
                language=act.get("language", ""),
                source_path=act.get("source_path", ""),
                repealed_by=act.get("repealed_by", ""),
                repealed_on=act.get("repealed_on", ""),
            ))
        return out

    def rules_of(self, place_id: str) -> list[QuotaRule]:
        """The terms that bind a place: those of acts about the place itself and about every
        place it is in (a region's act binds each of its districts), the place's own first,
        then by year (newest first), category (the schema's order), act and term number."""
        return self.atlas.rules_for(place_id)

    def rules_of_resolution(self, resolution_id: str) -> list[QuotaRule]:
        """The terms one act sets, in their order (rule_no)."""
        return self.atlas.rules_by_resolution.get(resolution_id, [])

    def rule_provenance(self, rule: QuotaRule) -> Provenance:
        """A term's provenance: its CSV line, its source lines in the act, correction links."""
        return self.provenance("quotas", "quota_rules", rule.line, rule.source_path, rule.source_lines)

    def chain(self, place_id: str) -> list[str]:
        """The place and its current parents up to the top, nearest first (a place that is
        not in the places package: itself alone)."""
        places = self.gazetteer.places
        chain = [place_id]
        while (parent := places[chain[-1]].parent_id if chain[-1] in places else ""):
            if parent in chain or parent not in places:
                break
            chain.append(parent)
        return chain

    def region_on(self, place_id: str, day: str) -> str | None:
        """The region a place belonged to on the ISO date `day` (a district that moved to a
        new region in 2022 still counts under its old one in 2017); a city of republican
        significance is its own region; None when unknown."""
        places = self.gazetteer.places
        if place_id not in places:
            return None
        regions = [p for p in self.gazetteer.ancestors(place_id, day) if places[p].kind == "region"]
        if regions:
            return sorted(regions)[0]
        return place_id if not places[place_id].parent_id else None

    @cached_property
    def _history_index(self) -> HistoryIndex:
        return index_history(self.history or [])

    def history_for_package(self, name: str) -> list[tuple[Change, FileChange | None]]:
        """Commits that touched package `name`, newest first, each with one of its changed
        CSV files (None for a commit that touched only its README, sources or descriptor)."""
        return self._history_index.by_package.get(name, [])

    def history_for_place(self, place_id: str) -> list[tuple[Change, FileChange, RowChange]]:
        """Row changes of any package about place `place_id` (its place_id or
        parent_place_id, before or after the change), newest first."""
        return self._history_index.by_place.get(place_id, [])

    def last_updated(self, package: str) -> Commit | None:
        """The last commit that touched package `package`; None without history."""
        entries = self.history_for_package(package)
        return entries[0][0].commit if entries else None

    @cached_property
    def _labels(self) -> Labels:
        return Labels.from_packages(self.packages)

    def label(self, package: str, resource: str, field: str, value: object, lang: str | None = None,
              short: bool = False) -> str:
        """The title of a coded value in `lang` (the language being written unless named;
        schema property `enumTitles`; with `short`, `enumShortTitles` where the field has
        them); an unknown value is its own label."""
        return self._labels.label(package, resource, field, value, lang or i18n.current(), short)

    def labels(self, package: str, resource: str, field: str, lang: str | None = None,
               short: bool = False) -> dict[str, str]:
        """`label` of every value of the field's enum, in the schema's order (for a column
        mapped at once, a chart legend, or the order tables are shown in)."""
        return self._labels.labels(package, resource, field, lang or i18n.current(), short)


FieldKey = tuple[str, str, str]  # (package, resource, field)


@dataclass(frozen=True)
class Labels:
    """Labels of coded values, read from the schemas: value → language → text.

    `titles` holds each field's `enumTitles`, `short` its `enumShortTitles` (a shorter form for
    narrow columns, legends and inline figures), `order` its enum values as the schema lists
    them. Validation (rules.check_enum_titles) makes sure every value has kk, ru and en.
    """

    titles: dict[FieldKey, dict[str, dict[str, str]]]
    short: dict[FieldKey, dict[str, dict[str, str]]]
    order: dict[FieldKey, list[str]]

    @classmethod
    def from_packages(cls, packages: dict[str, PackageInfo]) -> Labels:
        titles: dict[FieldKey, dict[str, dict[str, str]]] = {}
        short: dict[FieldKey, dict[str, dict[str, str]]] = {}
        order: dict[FieldKey, list[str]] = {}
        for pkg in packages.values():
            for res in pkg.resources():
                for fld in res.fields:
                    key = (pkg.name, res.name, str(fld.get("name")))
                    titles[key] = _titles(fld.get("enumTitles"))
                    short[key] = _titles(fld.get("enumShortTitles"))
                    constraints = fld.get("constraints")
                    enum = constraints.get("enum") if isinstance(constraints, dict) else None
                    order[key] = [str(v) for v in enum] if isinstance(enum, list) else list(titles[key])
        return cls(titles, short, order)

    def label(self, package: str, resource: str, field: str, value: object, lang: str = "kk",
              short: bool = False) -> str:
        code = "" if value is None or value is pd.NA else str(value)
        key = (package, resource, field)
        if short and (text := self.short.get(key, {}).get(code, {}).get(lang)):
            return text
        return self.titles.get(key, {}).get(code, {}).get(lang) or code

    def labels(self, package: str, resource: str, field: str, lang: str = "kk",
               short: bool = False) -> dict[str, str]:
        return {code: self.label(package, resource, field, code, lang, short)
                for code in self.order.get((package, resource, field), [])}


def _titles(value: object) -> dict[str, dict[str, str]]:
    """An enumTitles object as value → language → text; anything malformed is left out
    (validation reports it)."""
    if not isinstance(value, dict):
        return {}
    return {str(code): {str(lang): str(text) for lang, text in by_lang.items() if isinstance(text, str) and text}
            for code, by_lang in value.items() if isinstance(by_lang, dict)}


@dataclass(frozen=True)
class QuotaSummary:
    """Headline figures of the quota rows."""

    rows: int
    organizations: int
    places: int
    jobs: int
    years: list[int]


QUOTA_COLUMNS = [
    "resolution_id", "year", "category", "region_id", "region_kk", "place_id", "place_kk", "row_no",
    "organization_kk", "headcount", "quota_percent", "jobs", "source_lines", LINE,
]


# КАТО's Kazakh names abbreviate the kind of a city: "Орал Қ.Ә." (қала әкімдігі, the city
# akimat), "Ақтау Г.А." (the Russian abbreviation left in the Kazakh text), "Астана қ.",
# "Жаңатас қ." (қаласы), and "Ғабит Мүсірепов атын.ауданы" (атындағы).
_CITY_ABBREVIATION = re.compile(r"\s*(?:Қ\.\s*Ә\.|Г\.\s*А\.|қ\.)$")
_NAMED_AFTER = re.compile(r"\s*атын\.\s*ауданы$")


def reader_name(name_kk: str) -> str:
    """The name a reader expects, from the official (КАТО) Kazakh name of a place.

    The rule: a city's abbreviated kind ("Қ.Ә.", "Г.А.", "қ.") becomes "қаласы"
    ("Орал Қ.Ә." → "Орал қаласы", "Астана қ." → "Астана қаласы"); "атын.ауданы" becomes
    "атындағы аудан"; every other name is kept as it is ("Бәйтерек ауданы",
    "Батыс Қазақстан облысы"). Pages show the official name beside it.
    """
    name = _CITY_ABBREVIATION.sub(" қаласы", name_kk.strip())
    return _NAMED_AFTER.sub(" атындағы аудан", name)


_RU_CITY_ABBREVIATION = re.compile(r"\s*Г\.\s*А\.$")
_RU_CITY_PREFIX = re.compile(r"^г\.\s*")


def reader_name_ru(name_ru: str) -> str:
    """The Russian name a reader expects, from КАТО's Russian name: "Уральск Г.А."
    (городской акимат) and "г.Жанатас" → "город Уральск", "город Жанатас"; every other
    name as it is ("Бурлинский район")."""
    name = name_ru.strip()
    if _RU_CITY_ABBREVIATION.search(name):
        return "город " + _RU_CITY_ABBREVIATION.sub("", name)
    return _RU_CITY_PREFIX.sub("город ", name)


def display_name_ru(name_ru: str) -> str:
    """The Russian name as Russian texts print it, from КАТО's: "Уральск Г.А." and
    "г.Жанатас" → "г. Уральск", "г. Жанатас"; every other name as it is ("Бурлинский район")."""
    name = name_ru.strip()
    if _RU_CITY_ABBREVIATION.search(name):
        return "г. " + _RU_CITY_ABBREVIATION.sub("", name)
    return _RU_CITY_PREFIX.sub("г. ", name)


# The Kazakh Cyrillic alphabet in its dictionary order (as ICU's Kazakh collation has it):
# Ә after А, Ғ after Г, Қ after К, Ң after Н, Ө after О, Ұ and Ү after У, Һ after Х, І
# after Ы. Python's own order is the code points' (Қ after Я), and Chromium's Intl.Collator
# has no Kazakh: the site sorts with this key, and explorer.js with the same alphabet.
KK_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_KK_RANK = {c: i for i, c in enumerate(KK_ALPHABET)}


def kk_key(text: object) -> tuple[tuple[tuple[int, int], ...], str]:
    """A sort key in Kazakh alphabetical order («Қаратөбе» after «Казталов», before
    «Шыңғырлау»): spaces and punctuation first, then digits, Latin letters, the Kazakh
    letters by KK_ALPHABET, anything else by code point; case is ignored, then the text
    itself breaks ties (so the order is the same on every build)."""
    written = "" if text is None else str(text)
    key = []
    for c in written.casefold():
        if c in _KK_RANK:
            key.append((3, _KK_RANK[c]))
        elif c.isdigit():
            key.append((1, ord(c)))
        elif "a" <= c <= "z":
            key.append((2, ord(c)))
        elif c.isalpha():
            key.append((4, ord(c)))
        else:
            key.append((0, ord(c)))
    return tuple(key), written


@dataclass(frozen=True)
class CitedAct:
    """A numbered act a resolution cites as its legal basis (an order, a resolution), as
    `legal_basis_kk` prints it: "… 2023 жылғы 7 маусымдағы № 207 "…" бұйрығына"."""

    date: str  # ISO: "2023-06-07"
    number: str  # "207"
    title: str  # the quoted title: "Мүгедектігі бар адамдар үшін жұмыс орындарын квоталау қағидаларын бекіту туралы"
    registration: str  # its number in the state register of legal acts, when printed ("32737"); ""


KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
             "қазан", "қараша", "желтоқсан"]
_CITED = re.compile(r"(\d{4}) жылғы (\d{1,2}) (" + "|".join(KK_MONTHS) + r")\w*\s*[№N]\s*(\d+)\s*"
                    r"[\"«]([^\"»]+)[\"»](?:\s*\(Нормативтік[^)]*?№\s*(\d+)\s*тіркелген\))?")
_REGISTERED = re.compile(r"тізілімінде\s*№\s*(\d+)\s*тіркелген")


def cited_acts(legal_basis: str) -> list[CitedAct]:
    """The numbered acts of a `legal_basis_kk` clause, in the order it cites them: those with
    a date, a number and a quoted title (codes and laws cited by name alone are left out).
    The registration number is the one printed right after the act (before or after the word
    "бұйрығына", which the PDF text moves)."""
    out = []
    for m in _CITED.finditer(legal_basis):
        year, day, month, number, title, registration = m.groups()
        if not registration:
            after = _REGISTERED.search(legal_basis, m.end(), m.end() + 200)
            nxt = _CITED.search(legal_basis, m.end())
            if after and (nxt is None or after.start() < nxt.start()):
                registration = after.group(1)
        date = f"{year}-{KK_MONTHS.index(month) + 1:02d}-{int(day):02d}"
        out.append(CitedAct(date, number, title.strip(), registration or ""))
    return out


@dataclass(frozen=True)
class Coverage:
    """A region the quota rows cover: its years and how many of its places have rows."""

    region_id: str
    region_kk: str
    years: list[int]
    places: int  # districts and cities (and the region itself) with quota rows
    rows: int
    # places (the region itself included) where, for some year and category, an act's terms
    # bind and no list row does: covered by a rule, never counted as places without a quota
    rule_places: int = 0


def quota_coverage(df: pd.DataFrame, by_rule: dict[str, tuple[str, set[int], set[str]]] | None = None
                   ) -> list[Coverage]:
    """The regions of the quota rows (quota_rows), by name, each with its years; `by_rule`
    adds the places covered by a rule alone (region_id → (region name, years, place_ids):
    Model.coverage), so that a region with rules and no list is covered too."""
    by_rule = by_rule or {}
    out = []
    if not df.empty:
        for (region_id, region_kk), part in df.groupby(["region_id", "region_kk"], sort=False, dropna=False):
            _, rule_years, rule_places = by_rule.get(str(region_id), ("", set(), set()))
            out.append(Coverage(str(region_id), str(region_kk) or str(region_id),
                                sorted({int(y) for y in part["year"].dropna().unique()} | rule_years),
                                int(part["place_id"].nunique()), len(part), len(rule_places)))
    listed = {c.region_id for c in out}
    for region_id, (region_kk, years, places) in by_rule.items():
        if region_id not in listed:
            out.append(Coverage(region_id, region_kk or region_id, sorted(years), 0, 0, len(places)))
    return sorted(out, key=lambda c: c.region_kk)


def place_names(model: Model) -> pd.DataFrame:
    """place_id → reader name (`reader_name`) and its region's (the top of its chain of
    parents: the place itself when it is a region or a city of republican significance)."""
    places = model.table("places", "places")
    if places is None or places.empty:
        return pd.DataFrame(columns=["place_id", "place_kk", "region_id", "region_kk"])
    ids = places["place_id"].astype(str).tolist()
    names = model.names
    regions = [model.chain(pid)[-1] for pid in ids]
    return pd.DataFrame({
        "place_id": ids,
        "place_kk": [names[pid] for pid in ids],
        "region_id": regions,
        "region_kk": [names.get(r, r) for r in regions],
    })


def quota_rows(model: Model) -> pd.DataFrame:
    """Every quota row with its place and region names and its CSV line, in the order of
    QUOTA_COLUMNS."""
    quotas = model.lined("quotas", "quotas")
    if quotas is None:
        return pd.DataFrame(columns=QUOTA_COLUMNS)
    df = quotas.merge(place_names(model), on="place_id", how="left")
    df["place_kk"] = df["place_kk"].fillna(df["place_id"])
    df["region_kk"] = df["region_kk"].fillna("")
    return df[QUOTA_COLUMNS]


def jobs_by_region(df: pd.DataFrame) -> pd.DataFrame:
    """jobs_by_place one level up: the same columns, with each region as the "place"."""
    regions = df.assign(place_id=df["region_id"], place_kk=df["region_kk"])
    return jobs_by_place(regions)


def summarize_quotas(df: pd.DataFrame) -> QuotaSummary:
    return QuotaSummary(
        rows=len(df),
        organizations=int(df["organization_kk"].nunique()),
        places=int(df["place_id"].nunique()),
        jobs=int(df["jobs"].sum()),
        years=sorted(int(y) for y in df["year"].dropna().unique()),
    )


def jobs_by_place(df: pd.DataFrame, within: tuple[str, ...] = ()) -> pd.DataFrame:
    """Quota jobs per place, year and category; places with the most jobs first.

    Years and categories stay apart: adding up quotas of different years or groups of
    people would give a number no document states. `within` names columns that split the
    rows first ("resolution_id": each resolution's figures, in one pass for all of them).
    """
    keys = [*within, "place_id", "place_kk", "year", "category"]
    out = (df.groupby(keys, as_index=False)
             .agg(jobs=("jobs", "sum"), organizations=("organization_kk", "count")))
    total = out.groupby([*within, "place_id"])["jobs"].transform("sum")
    out = out.assign(_total=total).sort_values(
        [*within, "_total", "place_kk", "year", "category"],
        ascending=[*(True for _ in within), False, True, True, True])
    return out.drop(columns="_total").reset_index(drop=True)
