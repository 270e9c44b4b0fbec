"""Programme pages: an index at programs/ and a page per programme at programs/<program_id>/.

A programme page shows the passport, the funding, jobs and targets tables (pivoted as the
document prints them: places down, years across), their charts, the action plan and the
quality flags of its rows. Every value cell is one row of a CSV: it carries that row's
line, links to its source lines (so a reader can check any number against the document)
and to its line in the repository's web editor (so a reader can correct it).
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ashyq import charts, formats, model, render, urls
from ashyq.i18n import N_
from ashyq.i18n import gettext as tr
from ashyq.model import Flag
from ashyq.urls import link
from ashyq.views import Cell, FlagEntry, Output, PageSources, RowSource, documented, embeds

PACKAGE = "programs"
INDEX = urls.docs_path(urls.PROGRAMS)



# ------------------------------------------------------------------ page contexts

@dataclass(frozen=True)
class TableRow:
    """A row of a pivoted table: a place (or funding item) with its values across."""

    anchor: str = documented('the row\'s id, e.g. "funding-item-2", "funding-total", "jobs-<place_id>", "jobs-total"')
    label: str = documented("the place or funding item as printed in the document")
    kind: str = documented("place | of_which (a town under its district) | total (a printed total) | item (funding)")
    kind_title: str = documented("the row kind's title in Kazakh (the schema's enumTitles), e.g. \"Құжаттағы жиыны\"; "
                                 "its code when it has none", default="")
    place_href: str = documented('link to the resolved place\'s page; "" when none', default="")
    place_title: str = documented('the resolved place\'s name; "" when none', default="")
    label_href: str = documented('link to the source lines of the label; "" when unknown', default="")
    label_lines: str = documented('those lines, e.g. "54-56"; "" when unknown', default="")
    cells: list[Cell | None] = documented("one per column; None where the document prints no value",
                                          default_factory=list)
    flags: list[Flag] = documented("the quality flags of its cells", default_factory=list)


@dataclass(frozen=True)
class PivotTable:
    """A table as the document prints it: rows down, (group, column) across."""

    table_id: str = documented('the table\'s id on the page, e.g. "program-jobs", "program-targets-public_works"')
    resource: str = documented("the resource its cells are rows of, e.g. \"program_jobs\"")
    caption: str = documented("its caption, in Kazakh")
    label_title: str = documented('the heading of the label column, e.g. "Аудан / қала"')
    columns: list[str] = documented("the headings of the value columns, left to right (the second header row when "
                                    "there are groups)")
    groups: list[tuple[str, int]] = documented("headings above the columns as (title, columns spanned), e.g. one per "
                                               "year; empty for one header row", default_factory=list)
    rows: list[TableRow] = documented("the rows in the printed order; printed totals last (first in funding)",
                                      default_factory=list)
    with_place: bool = documented("whether a column links each row's place page (False for funding)", default=True)


@dataclass(frozen=True)
class Measure:
    src: RowSource = documented('the row\'s provenance (anchor "measure-<no>")')
    no: int = documented("the measure's number in the plan")
    measure: str = documented("the measure, as printed")
    completion_form: str = documented('the form of completion, as printed; "" when none')
    responsible: str = documented('who carries it out, as printed; "" when none')
    deadline: str = documented('its deadline, as printed; "" when none')
    financing: str = documented('its expected costs and sources of funding, as printed; "" when none')
    continuation: tuple[str, str] | None = documented("where the row goes on after a page break, as (lines, link); "
                                                      "None when it does not")


@dataclass(frozen=True)
class MeasureSection:
    number: int = documented("the section's number in the plan")
    title: str = documented("its title, as printed")
    measures: list[Measure] = documented("its measures, in the document's order")


@dataclass(frozen=True)
class TargetSection:
    indicator: str = documented('the indicator\'s code, e.g. "public_works"')
    title: str = documented("its title in Kazakh")
    table: PivotTable = documented("places down, years across")


@dataclass(frozen=True)
class ProgramContext:
    """One programme page."""

    program_id: str = documented("the programme's id")
    title: str = documented("its title; its id when it has none")
    passport: list[tuple[str, str]] = documented("the passport as (label, text) of the programme's fields that have a "
                                                 "value, in PASSPORT_FIELDS order")
    tasks: list[str] = documented("its tasks (tasks_kk split at \";\"); empty when none")
    place_title: str = documented('the place it is for; "" when none')
    place_href: str = documented('link to that place\'s page; "" when none')
    period: str = documented('the years it runs, e.g. "2021–2025"; "" when unknown')
    src: RowSource = documented('the passport\'s provenance: the programme\'s row of programs.csv (anchor "passport")')
    data_href: str = documented("link to the programs package's page")
    funding: PivotTable = documented("funding in thousand tenge: items down, years (and printed periods) across")
    funding_chart: charts.Chart = documented("funding per item and year")
    funding_chart_rows: list[dict[str, Any]] = documented("its data: item, year, amount (thousand tenge, formatted)")
    jobs: PivotTable = documented("jobs to be created: places down, year × job type across")
    jobs_chart: charts.Chart = documented("jobs per place, year and job type (places' own rows, no totals)")
    jobs_chart_rows: list[dict[str, Any]] = documented("its data: place (as printed), year, type, jobs (formatted)")
    targets: list[TargetSection] = documented("one table per indicator that has rows")
    targets_chart: charts.Chart = documented("targets per indicator, place and year (no printed totals)")
    targets_chart_rows: list[dict[str, Any]] = documented("its data: indicator, place (as printed), year, value "
                                                          "(formatted)")
    measures: list[MeasureSection] = documented("the action plan, section by section")
    flags: list[FlagEntry] = documented("every flag of the page's rows, in the order they are shown")


@dataclass(frozen=True)
class ProgramSummary:
    title: str = documented("the programme's title")
    href: str = documented("link to its page, relative to programs/")
    period: str = documented('the years it runs, e.g. "2021–2025"; "" when unknown')
    place_title: str = documented('the place it is for; "" when none')
    place_href: str = documented('link to that place\'s page; "" when none')
    developer: str = documented('its main developer, as printed; "" when none')
    funding_total: str = documented('its total funding in thousand tenge, formatted (e.g. "57 524,0"); "" when unknown')


@dataclass(frozen=True)
class ProgramsIndexContext:
    programs: list[ProgramSummary] = documented("every programme, in the order of programs.csv")


# ------------------------------------------------------------------ the view

def iter_outputs(data: model.Model) -> Iterator[Output]:
    programs = data.lined(PACKAGE, "programs")
    if programs is None:
        return
    names = data.names
    summaries = []
    for rec in programs.to_dict("records"):
        path = urls.docs_path(urls.program(str(rec["program_id"])))
        ctx = ProgramPage(data, rec, path, names).context()
        ctx = yield from _shared_charts(data, rec, path, ctx)
        yield Output(path, render.render_page("program.md.j2", ctx))
        summaries.append(ProgramSummary(
            title=ctx.title, href=link(INDEX, urls.program(str(rec["program_id"]))), period=ctx.period,
            place_title=ctx.place_title,
            place_href=link(INDEX, urls.place(str(rec["place_id"]))) if formats.present(rec["place_id"]) else "",
            developer=formats.text(rec.get("developer_kk")),
            funding_total=formats.number(rec.get("funding_total_thousand_kzt"), 1)))
    yield Output(INDEX, render.render_page("programs.md.j2", ProgramsIndexContext(summaries)))


def _shared_charts(data: model.Model, rec: dict[str, Any], path: str, ctx: ProgramContext
                   ) -> Generator[Output, None, ProgramContext]:
    """The programme's charts with their embeds (views/embeds.py): yields the embed pages,
    returns the context with the charts' shares."""
    program_id, source = str(rec["program_id"]), formats.text(rec.get("source_path"))
    sources = [(ctx.title, urls.source_document(source) if source else urls.program(program_id))]
    shared = []
    for chart, part, title in ((ctx.funding_chart, "funding", "funding"), (ctx.jobs_chart, "jobs", "program_jobs"),
                               (ctx.targets_chart, "targets", "targets")):
        chart, embed_page = embeds.share_chart(
            data, chart, urls.chart_key("program", program_id, part), page=path, page_title=ctx.title,
            title=embeds.title(title, program=ctx.title), sources=sources, package=PACKAGE)
        shared.append(chart)
        yield embed_page
    return replace(ctx, funding_chart=shared[0], jobs_chart=shared[1], targets_chart=shared[2])


def _part(data: model.Model, resource: str, program_id: str) -> pd.DataFrame:
    """The rows of one programme in a resource, with their CSV lines (model.LINE)."""
    df = data.lined(PACKAGE, resource)
    if df is None:
        return pd.DataFrame(columns=["program_id", model.LINE])
    return df[df["program_id"] == program_id]


PASSPORT_FIELDS = [
    ("title_kk", N_("Атауы")), ("basis_kk", N_("Әзірлеуге негіздеме")), ("period_kk", N_("Іске асыру мерзімі")),
    ("developer_kk", N_("Негізгі әзірлеуші")), ("goal_kk", N_("Мақсаты")),
    ("funding_kk", N_("Қаржыландыру көлемі мен көздері")), ("expected_results_kk", N_("Күтілетін нәтиже")),
]


class ProgramPage:
    """The parts of one programme's page; `sources` gives every row shown its provenance
    and collects its flags for the page's list."""

    def __init__(self, data: model.Model, rec: dict[str, Any], path: str, names: dict[str, str]):
        self.data = data
        self.rec = rec
        self.program_id = str(rec["program_id"])
        self.path = path
        self.names = names
        self.sources = PageSources(data, path, formats.text(rec.get("source_path")))

    def place(self, place_id: Any) -> tuple[str, str]:
        if not formats.present(place_id):
            return "", ""
        return link(self.path, urls.place(str(place_id))), self.names.get(str(place_id), str(place_id))

    def cell(self, row: dict[str, Any], resource: str, value: Any, anchor: str, decimals: int = 0) -> Cell:
        return Cell(formats.number(value, decimals), self.sources.row(PACKAGE, resource, row, anchor))

    def context(self) -> ProgramContext:
        rec, program_id = self.rec, self.program_id
        passport_src = self.sources.row(PACKAGE, "programs", rec, "passport", tr("Паспорт"))
        funding = _part(self.data, "program_funding", program_id)
        jobs = _part(self.data, "program_jobs", program_id)
        targets = _part(self.data, "program_targets", program_id)
        funding_table, jobs_table = self.funding_table(funding), self.jobs_table(jobs)
        target_sections, measures = self.target_sections(targets), self.measure_sections()
        item_rows = funding[(funding["row_kind"] != "total") & funding["year"].notna()]
        # charts name each place once, by its reader name (Model.names); the tables and the
        # charts' data keep the printed form; "of which" towns are not their districts' peers
        place_jobs = self.reader_names(jobs[(jobs["row_kind"] == "place") & (jobs["job_type"] != "total")])
        place_targets = self.reader_names(in_row_order(targets[targets["row_kind"] == "place"]))
        place_href, place_title = self.place(rec.get("place_id"))
        job_types = self.data.labels(PACKAGE, "program_jobs", "job_type")
        indicators = self.data.labels(PACKAGE, "program_targets", "indicator")
        return ProgramContext(
            program_id=program_id,
            title=formats.text(rec.get("title_kk")) or program_id,
            passport=[(tr(label), formats.text(rec.get(key))) for key, label in PASSPORT_FIELDS
                      if formats.present(rec.get(key))],
            tasks=[t.strip() for t in formats.text(rec.get("tasks_kk")).split(";") if t.strip()],
            place_title=place_title,
            place_href=place_href,
            period=f"{rec['period_start']}–{rec['period_end']}" if formats.present(rec.get("period_start")) else "",
            src=passport_src,
            data_href=link(self.path, urls.data_package(PACKAGE)),
            funding=funding_table,
            funding_chart=charts.program_funding_bars(item_rows, f"chart-{program_id}-funding"),
            funding_chart_rows=[{"item": r["item_kk"], "year": int(r["year"]),
                                 "amount": formats.number(r["amount_thousand_kzt"], 1)}
                                for r in item_rows.to_dict("records")],
            jobs=jobs_table,
            jobs_chart=charts.program_jobs_bars(place_jobs, f"chart-{program_id}-jobs", job_types),
            jobs_chart_rows=[{"place": _named(r), "year": int(r["year"]),
                              "type": job_types.get(r["job_type"], r["job_type"]), "jobs": formats.number(r["jobs"])}
                             for r in place_jobs.to_dict("records")],
            targets=target_sections,
            targets_chart=charts.program_targets_bars(place_targets, f"chart-{program_id}-targets", indicators),
            targets_chart_rows=[{"indicator": indicators.get(r["indicator"], r["indicator"]),
                                 "place": _named(r), "year": int(r["year"]),
                                 "value": formats.number(r["value"])}
                                for r in place_targets.to_dict("records")],
            measures=measures,
            flags=self.sources.entries,
        )

    def reader_names(self, df: pd.DataFrame) -> pd.DataFrame:
        """`df` with each place's reader name in `place_kk` (the printed form without a place)."""
        names = self.data.names
        return df.assign(place_kk=[names.get(formats.text(p), formats.text(printed)) or formats.text(printed)
                                   for p, printed in zip(df["place_id"], df["place_name_as_printed"])])

    def funding_table(self, funding: pd.DataFrame) -> PivotTable:
        """Items down, years (and the printed period column) across; the printed total first."""
        periods = _funding_periods(funding)
        rows = []
        for item_no, part in funding.groupby("item_no", sort=False):
            first = part.iloc[0]
            is_total = first["row_kind"] == "total"
            anchor = "funding-total" if is_total else f"funding-item-{item_no}"
            by_period = {_period_key(r): r for r in part.to_dict("records")}
            cells: list[Cell | None] = [
                self.cell(by_period[k], "program_funding", by_period[k]["amount_thousand_kzt"], anchor, 1)
                if k in by_period else None for k, _ in periods]
            rows.append(TableRow(anchor, str(first["item_kk"]), "total" if is_total else "item",
                                 self.data.label(PACKAGE, "program_funding", "row_kind", first["row_kind"]),
                                 label_href=self.sources.lines_href(first["item_source_lines"]),
                                 label_lines=formats.text(first["item_source_lines"]),
                                 cells=cells, flags=_cell_flags(cells)))
        rows.sort(key=lambda r: r.kind != "total")
        return PivotTable("program-funding", "program_funding", tr("Қаржыландыру, мың теңге"),
                          tr("Бағыт"), [title for _, title in periods], rows=rows, with_place=False)

    def jobs_table(self, jobs: pd.DataFrame) -> PivotTable:
        """Places down, year × job type across."""
        years = sorted(int(y) for y in jobs["year"].dropna().unique()) if len(jobs) else []
        job_types = self.data.labels(PACKAGE, "program_jobs", "job_type")
        types = [t for t in job_types if t in set(jobs["job_type"])] if len(jobs) else []
        return PivotTable(
            "program-jobs", "program_jobs", tr("Құрылатын жұмыс орындары"), tr("Аудан / қала"),
            [job_types[t] for _ in years for t in types], groups=[(str(y), len(types)) for y in years],
            rows=self.place_rows(jobs, "program_jobs", "jobs", [(y, t) for y in years for t in types], "job_type"))

    def target_sections(self, targets: pd.DataFrame) -> list[TargetSection]:
        """One table per indicator: places down, years across."""
        years = sorted(int(y) for y in targets["year"].dropna().unique()) if len(targets) else []
        sections = []
        for indicator, title in self.data.labels(PACKAGE, "program_targets", "indicator").items():
            part = targets[targets["indicator"] == indicator]
            if part.empty:
                continue
            table = PivotTable(
                f"program-targets-{indicator}", "program_targets", title, tr("Аудан / қала"), [str(y) for y in years],
                rows=self.place_rows(part, "program_targets", f"targets-{indicator}", [(y, None) for y in years]))
            sections.append(TargetSection(indicator, title, table))
        return sections

    def place_rows(self, df: pd.DataFrame, resource: str, prefix: str, columns: list[tuple[int, str | None]],
                   sub_field: str | None = None) -> list[TableRow]:
        """Pivot place rows: one row per (row_kind, place_id) in the printed order, "of
        which" towns right under their district and printed totals last; `columns` are
        (year, sub) keys."""
        if df.empty:
            return []
        groups = {k: part for k, part in df.groupby(["row_kind", "place_id"], sort=False)}
        value_field = "jobs" if resource == "program_jobs" else "value"
        rows = []
        for kind, place_id in row_order(df):
            part = groups[(kind, place_id)]
            first = part.iloc[0]
            anchor = f"{prefix}-total" if kind == "total" else f"{prefix}-{place_id}"
            by_key = {(int(r["year"]), r[sub_field] if sub_field else None): r for r in part.to_dict("records")}
            cells: list[Cell | None] = [self.cell(by_key[k], resource, by_key[k][value_field], anchor)
                                        if k in by_key else None for k in columns]
            href, title = self.place(place_id) if kind != "total" else ("", "")
            rows.append(TableRow(anchor, str(first["place_name_as_printed"]), str(kind),
                                 self.data.label(PACKAGE, resource, "row_kind", kind), href, title,
                                 self.sources.lines_href(first["name_source_lines"]),
                                 formats.text(first["name_source_lines"]), cells, _cell_flags(cells)))
        return rows

    def measure_sections(self) -> list[MeasureSection]:
        """The action plan, section by section."""
        measures = _part(self.data, "program_measures", self.program_id)
        sections = []
        for (number, title), part in measures.groupby(["section", "section_kk"], sort=False):
            items = []
            for r in part.to_dict("records"):
                more = r.get("continuation_source_lines")
                items.append(Measure(
                    self.sources.row(PACKAGE, "program_measures", r, f"measure-{r['no']}", f"№ {r['no']}"),
                    int(r["no"]), formats.text(r["measure_kk"]), formats.text(r["completion_form_kk"]),
                    formats.text(r["responsible_kk"]), formats.text(r["deadline_kk"]), formats.text(r["financing_kk"]),
                    (str(more), self.sources.lines_href(more)) if formats.present(more) else None))
            sections.append(MeasureSection(int(number), str(title), items))
        return sections


def _cell_flags(cells: list[Cell | None]) -> list[Flag]:
    return [f for c in cells if c for f in c.src.flags]


def _named(row: dict[str, Any]) -> str:
    """A chart data row's place: its reader name, and the printed form when it differs."""
    printed = formats.text(row.get("place_name_as_printed"))
    name = formats.text(row.get("place_kk")) or printed
    return f"{name} ({tr('құжатта:')} {printed})" if printed and printed != name else name


def _period_key(row: dict[str, Any]) -> str:
    if formats.present(row.get("year")):
        return str(int(row["year"]))
    return f"{int(row['period_start'])}-{int(row['period_end'])}"


def _funding_periods(funding: pd.DataFrame) -> list[tuple[str, str]]:
    """The funding table's columns: each year, then each multi-year period (key, title)."""
    keys = {_period_key(r) for r in funding.to_dict("records")}
    years = sorted(k for k in keys if "-" not in k)
    spans = sorted(k for k in keys if "-" in k)
    return [(k, k) for k in years] + [(k, tr("%(years)s жж.") % {"years": k.replace("-", "–")}) for k in spans]


def row_order(df: pd.DataFrame) -> list[tuple[str, str]]:
    """(row_kind, place_id) of a jobs or targets table in the printed order, with each
    "of which" town right under its district and printed totals last."""
    keys = list(dict.fromkeys(zip(df["row_kind"], df["place_id"])))
    parents = {}
    if "parent_place_id" in df.columns:
        parents = {pid: par for kind, pid, par in zip(df["row_kind"], df["place_id"], df["parent_place_id"])
                   if kind == "of_which" and formats.present(par)}
    ordered = [k for k in keys if k[0] == "place"]
    for k in keys:
        if k[0] == "of_which":
            parent = ("place", parents.get(k[1]))
            at = ordered.index(parent) + 1 if parent in ordered else len(ordered)
            while at < len(ordered) and ordered[at][0] == "of_which":
                at += 1
            ordered.insert(at, k)
    return ordered + [k for k in keys if k not in ordered]


def in_row_order(df: pd.DataFrame) -> pd.DataFrame:
    """`df` sorted by row_order (stable within a row)."""
    rank = {k: i for i, k in enumerate(row_order(df))} if len(df) else {}
    key = pd.Series([rank[k] for k in zip(df["row_kind"], df["place_id"])], index=df.index)
    return df.assign(_order=key).sort_values("_order", kind="stable").drop(columns="_order")
