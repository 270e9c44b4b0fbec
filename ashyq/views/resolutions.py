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
from ashyq.urls import link
from ashyq.views import FlagEntry, Output, PageSources, RowSource, records_by

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
    src: RowSource
    annex: str
    label: str
    header: str
    title: str
    amended_by: str
    note: str


@dataclass(frozen=True)
class QuotaRow:
    src: RowSource
    row_no: int
    organization: str
    place_kk: str
    place_href: str
    headcount: str
    quota_percent: str
    jobs: str


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
    src: RowSource
    row_no: int
    is_total: bool
    unit: str
    position: str
    staff_units: str


@dataclass(frozen=True)
class StaffTable:
    """One staff-structure annex: its positions and its printed total beside their sum."""

    anchor: str
    annex: str
    title: str
    rows: list[StaffRow]
    positions: int  # the rows that are positions (not the printed total)
    printed_total: int | None
    computed_total: int
    total_mismatch: bool  # validation flagged the printed total (rules.py, total-mismatch)


@dataclass(frozen=True)
class InstitutionRow:
    src: RowSource
    row_no: int
    name: str
    legal_form: str
    place_kk: str
    place_href: str
    place_as_printed: str


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
    src: RowSource  # the resolution's own row (resolutions.csv) and its source lines
    source_page_href: str
    index_href: str
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


def _sum(values: Iterable[Any]) -> int:
    """The sum of the numbers among `values`, as a whole number (empty cells count 0)."""
    return int(sum(v for v in values if formats.present(v)))


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
    resolutions = data.lined("resolutions", "resolutions")
    if resolutions is None:
        return
    groups = {key: _rows_by_resolution(data, key) for key in ROW_TABLES}
    jobs = _jobs_by_place(data, model.place_names(data))
    index_rows = []
    for row in resolutions.to_dict("records"):
        rid = str(row["resolution_id"])
        parts = {key: groups[key].get(rid, []) for key in ROW_TABLES}
        ctx = ResolutionPage(data, row, data.names).context(parts, jobs.get(rid, []))
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
    """A table's rows (with their CSV line) as plain dicts by resolution, converted once."""
    df = data.lined(*key)
    if df is None or "resolution_id" not in df.columns:
        return {}
    return records_by(df.astype(object).where(df.notna(), None), "resolution_id")


def _jobs_by_place(data: model.Model, names: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Each resolution's quota jobs per place (model.jobs_by_place), in one pass."""
    quotas = data.table("quotas", "quotas")
    if quotas is None or quotas.empty or "resolution_id" not in quotas.columns:
        return {}
    named = (quotas.merge(names[["place_id", "place_kk"]], on="place_id", how="left")
             .assign(place_kk=lambda d: d["place_kk"].fillna(d["place_id"])))
    return records_by(model.jobs_by_place(named, within=("resolution_id",)), "resolution_id")


class ResolutionPage:
    """The parts of one resolution's page. Every row gets its provenance here (`source`),
    which also collects the row's flags into the page's list of flags."""

    def __init__(self, data: model.Model, row: dict[str, Any], names: dict[str, str]):
        self.data = data
        self.row = row
        self.rid = str(row["resolution_id"])
        self.page = page_path(self.rid)
        self.source_path = formats.text(row.get("source_path"))
        self.sources = PageSources(data, self.page, self.source_path)
        self.names = names
        self.categories = data.enum_titles("quotas", "quotas", "category")
        self._places: dict[str, tuple[str, str]] = {}

    def source(self, key: tuple[str, str], rec: dict[str, Any], anchor: str, label: str) -> RowSource:
        """The provenance of a row of table `key` on this page (its flags join the list)."""
        return self.sources.row(*key, rec, anchor, label)

    def place(self, place_id: Any) -> tuple[str, str]:
        """A place's reader name and the link to its page (looked up once per page)."""
        pid = formats.text(place_id)
        if not pid:
            return "", ""
        if pid not in self._places:
            self._places[pid] = str(self.names.get(pid, pid)), link(self.page, urls.place(pid))
        return self._places[pid]

    def context(self, parts: dict[tuple[str, str], list[dict[str, Any]]],
                jobs_by_place: list[dict[str, Any]]) -> ResolutionContext:
        """The page: `parts` are its rows of each of ROW_TABLES (plain dicts with their CSV
        line), `jobs_by_place` its quota jobs per place (model.jobs_by_place's records)."""
        row = self.row
        own = self.source(("resolutions", "resolutions"), row, "resolution", "Қаулы")
        annexes = self.annexes(parts[("resolutions", "annexes")])
        quota_tables = self.quota_tables(parts[("quotas", "quotas")])
        staff_tables = self.staff_tables(parts[("resolutions", "staffing")], {a.annex: a.title for a in annexes})
        institutions = self.institutions(parts[("resolutions", "institutions")])
        chart, chart_rows = None, []
        if charts.worth_a_chart(len(jobs_by_place)):
            chart = charts.resolution_jobs_by_place(jobs_by_place, f"chart-{self.rid}-jobs", self.categories)
            chart_rows = [{**r, "category": self.categories.get(r["category"], r["category"])}
                          for r in jobs_by_place]
        place_kk, place_href = self.place(row.get("place_id"))
        topic = formats.text(row.get("topic"))
        return ResolutionContext(
            resolution_id=self.rid, title=formats.text(row.get("title_kk")), issuer=formats.text(row.get("issuer_kk")),
            place_kk=place_kk, place_href=place_href, number=formats.text(row.get("number")),
            adopted_on=formats.date(row.get("adopted_on")), dated_as_printed=formats.text(row.get("dated_as_printed")),
            topic=TOPIC_TITLES.get(topic, topic), signed_by=formats.text(row.get("signed_by")),
            signer_position=formats.text(row.get("signer_position_kk")),
            amended_by=formats.amendment(row.get("amended_by")),
            legal_basis=formats.text(row.get("legal_basis_kk")), preamble=formats.text(row.get("preamble_kk")),
            src=own, source_page_href=link(self.page, urls.source_document(self.source_path))
            if self.source_path else "",
            index_href=link(self.page, urls.RESOLUTIONS), annexes=annexes, quota_tables=quota_tables,
            staff_tables=staff_tables, institutions=institutions,
            flag_entries=self.sources.entries, flag_groups=group_flags(self.sources.entries),
            chart=chart, chart_rows=chart_rows,
        )

    def annexes(self, rows: list[dict[str, Any]]) -> list[Annex]:
        out = []
        for a in rows:
            label = formats.text(a.get("label_as_printed")) or f"{a['annex']} қосымша"
            out.append(Annex(
                self.source(("resolutions", "annexes"), a, f"annex-{a['annex']}", label),
                str(a["annex"]), label, formats.text(a.get("header_kk")), formats.text(a.get("title_kk")),
                formats.amendment(a.get("amended_by")), formats.text(a.get("note_kk"))))
        return out

    def quota_tables(self, rows: list[dict[str, Any]]) -> list[QuotaTable]:
        tables = []
        for category, part in _group(rows, "category").items():
            title = self.categories.get(str(category), str(category))
            table_rows = []
            for q in part:
                place_kk, place_href = self.place(q.get("place_id"))
                table_rows.append(QuotaRow(
                    self.source(("quotas", "quotas"), q, f"row-{category}-{q['row_no']}", f"{title}, № {q['row_no']}"),
                    int(q["row_no"]), formats.text(q.get("organization_kk")), place_kk, place_href,
                    formats.number(q.get("headcount")), formats.number(q.get("quota_percent")),
                    formats.number(q.get("jobs"))))
            years = sorted({str(q["year"]) for q in part if q.get("year") is not None})
            tables.append(QuotaTable(
                f"quotas-{category}", str(category), title, ", ".join(years), table_rows,
                _sum(q.get("headcount") for q in part), _sum(q.get("jobs") for q in part)))
        return tables

    def staff_tables(self, rows: list[dict[str, Any]], annex_titles: dict[str, str]) -> list[StaffTable]:
        tables = []
        by_annex = _group(rows, "annex")
        for annex in sorted(by_annex):
            table_rows = [StaffRow(
                self.source(("resolutions", "staffing"), s, f"row-staffing-{annex}-{s['row_no']}",
                            f"{annex} қосымша, № {s['row_no']}"),
                int(s["row_no"]), s.get("row_kind") == "total", formats.text(s.get("unit_kk")),
                formats.text(s.get("position_kk")), formats.number(s.get("staff_units"))) for s in by_annex[annex]]
            totals = [s["staff_units"] for s in by_annex[annex]
                      if s.get("row_kind") == "total" and formats.present(s.get("staff_units"))]
            tables.append(StaffTable(
                f"staffing-{annex}", str(annex), annex_titles.get(str(annex), ""), table_rows,
                sum(not r.is_total for r in table_rows), int(totals[0]) if totals else None,
                _sum(s.get("staff_units") for s in by_annex[annex] if s.get("row_kind") != "total"),
                any(f.code == "total-mismatch" for r in table_rows if r.is_total for f in r.src.flags)))
        return tables

    def institutions(self, rows: list[dict[str, Any]]) -> list[InstitutionRow]:
        out = []
        for i in rows:
            place_kk, place_href = self.place(i.get("place_id"))
            out.append(InstitutionRow(
                self.source(("resolutions", "institutions"), i, f"row-institution-{i['row_no']}",
                            f"Мекеме № {i['row_no']}"),
                int(i["row_no"]), formats.text(i.get("name_kk")), formats.text(i.get("legal_form_kk")),
                place_kk, place_href, formats.text(i.get("place_as_printed"))))
        return out
