"""Programme pages: an index at programs/ and a page per programme at programs/<program_id>/.

A programme page shows the passport, the funding, jobs and targets tables (pivoted as the
document prints them: places down, years across), their charts, the action plan and the
quality flags of its rows. Every value cell carries the CSV line of the row it shows and
links to that row's source lines, so a reader can check any number against the document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ashyq import charts, formats, model, render, urls
from ashyq.problems import CODES
from ashyq.urls import link
from ashyq.views import Output

PACKAGE = "programs"
INDEX = urls.docs_path(urls.PROGRAMS)

# Kazakh titles of the programme tables' codes (the schema has no enumTitles for them).
JOB_TYPES = {"permanent": "Тұрақты", "temporary": "Уақытша", "total": "Барлығы"}
INDICATORS = {
    "employed_via_agencies": "Жұмыспен қамту органдары арқылы жұмысқа орналастыру",
    "public_works": "Қоғамдық жұмыстар",
    "vocational_training": "Кәсіптік оқыту",
    "social_jobs": "Әлеуметтік жұмыс орындары",
    "youth_practice": "Жастар тәжірибесі",
}
ROW_KINDS = {"total": "құжаттағы жиын", "of_which": "соның ішінде"}


# ------------------------------------------------------------------ quality flags

@dataclass(frozen=True)
class Flag:
    """A validation warning shown beside its row and in the page's list of flags."""

    flag_id: str  # anchor on the page: "flag-3"
    resource: str
    row: int  # CSV line (header = 1); 0 = the whole file
    code: str
    title: str
    message: str
    explain: str
    row_anchor: str = ""  # the anchor of the table row it belongs to; "" when not shown


def code_texts(code: str) -> tuple[str, str]:
    """Kazakh title and explanation of a problem code, falling back to the English ones."""
    entry = CODES.get(code)
    if entry is None:
        return code, ""
    title = getattr(entry, "title_kk", "") or entry.title
    explain = getattr(entry, "explain_kk", "") or entry.fix
    return str(title), str(explain)


def collect_flags(data: model.Model, package: str, resources: set[str] | None = None,
                  ) -> dict[tuple[str, int], list[Flag]]:
    """The package's warnings by (resource, CSV line), in the order validation found them."""
    out: dict[tuple[str, int], list[Flag]] = defaultdict(list)
    n = 0
    for p in sorted(data.problems):
        if p.package != package or (resources is not None and p.resource not in resources):
            continue
        n += 1
        title, explain = code_texts(p.code)
        out[(p.resource, p.row)].append(
            Flag(f"flag-{n}", p.resource, p.row, p.code, title, p.message_kk or p.message, explain))
    return out


def anchored(flags: dict[tuple[str, int], list[Flag]], anchors: dict[tuple[str, int], str]) -> list[Flag]:
    """Every flag, with the anchor of the row it is shown beside (when that row is shown)."""
    out = []
    for key, items in flags.items():
        for f in items:
            out.append(Flag(f.flag_id, f.resource, f.row, f.code, f.title, f.message, f.explain,
                            anchors.get(key, "")))
    return sorted(out, key=lambda f: int(f.flag_id.split("-")[1]))


def csv_lines(df: pd.DataFrame) -> pd.Series:
    """CSV line of each row (header = 1); the CSVs hold no line breaks inside cells."""
    return pd.Series(range(2, len(df) + 2), index=df.index)


# ------------------------------------------------------------------ page contexts

@dataclass(frozen=True)
class Cell:
    """A value shown in a table: its text, the CSV line of its row, its source link."""

    text: str
    line: int
    source_href: str
    source_lines: str
    flags: list[Flag] = field(default_factory=list)


@dataclass(frozen=True)
class TableRow:
    """A row of a pivoted table: a place (or funding item) with its values across."""

    anchor: str
    label: str  # as printed in the document
    kind: str  # place | of_which | total | item
    place_href: str = ""  # link to the resolved place's page; "" when none
    place_title: str = ""
    label_href: str = ""  # source lines of the label
    label_lines: str = ""
    cells: list[Cell | None] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)

    @property
    def kind_title(self) -> str:
        return ROW_KINDS.get(self.kind, "")


@dataclass(frozen=True)
class PivotTable:
    """A table as the document prints it: rows down, (group, column) across."""

    table_id: str
    resource: str
    caption: str
    label_title: str
    columns: list[str]
    groups: list[tuple[str, int]] = field(default_factory=list)  # (title, span) above columns
    rows: list[TableRow] = field(default_factory=list)
    with_place: bool = True


@dataclass(frozen=True)
class Measure:
    anchor: str
    line: int
    no: int
    measure: str
    completion_form: str
    responsible: str
    deadline: str
    financing: str
    sources: list[tuple[str, str]]  # (lines, href)
    flags: list[Flag] = field(default_factory=list)


@dataclass(frozen=True)
class MeasureSection:
    number: int
    title: str
    measures: list[Measure]


@dataclass(frozen=True)
class TargetSection:
    indicator: str
    title: str
    table: PivotTable


@dataclass(frozen=True)
class ProgramContext:
    """One programme page."""

    program_id: str
    title: str
    passport: list[tuple[str, str]]  # (label, text) as the programme's fields hold
    tasks: list[str]
    place_title: str
    place_href: str
    period: str
    passport_href: str
    passport_lines: str
    passport_flags: list[Flag]
    data_href: str
    funding: PivotTable
    funding_chart: charts.Chart
    funding_chart_rows: list[dict[str, Any]]
    jobs: PivotTable
    jobs_chart: charts.Chart
    jobs_chart_rows: list[dict[str, Any]]
    targets: list[TargetSection]
    targets_chart: charts.Chart
    targets_chart_rows: list[dict[str, Any]]
    measures: list[MeasureSection]
    flags: list[Flag]
    # resource → its CSV in the repository's web editor; a row's link adds "#L<line>"
    edit_bases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ProgramSummary:
    title: str
    href: str
    period: str
    place_title: str
    place_href: str
    developer: str
    funding_total: str


@dataclass(frozen=True)
class ProgramsIndexContext:
    programs: list[ProgramSummary]


# ------------------------------------------------------------------ the view

def iter_outputs(data: model.Model) -> Iterator[Output]:
    programs = data.table(PACKAGE, "programs")
    if programs is None:
        return
    names = _place_titles(data)
    summaries = []
    for rec in programs.to_dict("records"):
        path = urls.docs_path(urls.program(str(rec['program_id'])))
        ctx = program_context(data, rec, path, names)
        yield Output(path, render.render_page("program.md.j2", ctx))
        summaries.append(ProgramSummary(
            title=ctx.title, href=link(INDEX, urls.program(str(rec['program_id']))), period=ctx.period,
            place_title=ctx.place_title,
            place_href=link(INDEX, urls.place(str(rec['place_id']))) if formats.present(rec["place_id"]) else "",
            developer=formats.text(rec.get("developer_kk")),
            funding_total=formats.number(rec.get("funding_total_thousand_kzt"), 1)))
    yield Output(INDEX, render.render_page("programs.md.j2", ProgramsIndexContext(summaries)))


def _place_titles(data: model.Model) -> dict[str, str]:
    names = model.place_names(data)
    return dict(zip(names["place_id"].astype(str), names["place_kk"].astype(str)))


def _part(data: model.Model, resource: str, program_id: str) -> pd.DataFrame:
    """The rows of one programme in a resource, with their CSV line numbers as `_line`."""
    df = data.table(PACKAGE, resource)
    if df is None:
        return pd.DataFrame(columns=["program_id", "_line"])
    df = df.assign(_line=csv_lines(df))
    return df[df["program_id"] == program_id]


def program_context(data: model.Model, rec: dict[str, Any], path: str,
                    names: dict[str, str]) -> ProgramContext:
    program_id = str(rec["program_id"])
    source_path = formats.text(rec.get("source_path"))
    flags = collect_flags(data, PACKAGE)
    anchors: dict[tuple[str, int], str] = {}

    def src(lines: Any) -> str:
        return link(path, urls.source_lines(source_path, str(lines))) if source_path and formats.present(lines) else ""

    def place(place_id: Any) -> tuple[str, str]:
        if not formats.present(place_id):
            return "", ""
        return link(path, urls.place(str(place_id))), names.get(str(place_id), str(place_id))

    def cell(row: dict[str, Any], resource: str, value: Any, decimals: int = 0) -> Cell:
        line = int(row["_line"])
        return Cell(formats.number(value, decimals), line, src(row["source_lines"]),
                    formats.text(row["source_lines"]), flags.get((resource, line), []))

    # -- funding: items down, years (and the printed period column) across
    funding = _part(data, "program_funding", program_id)
    periods = _funding_periods(funding)
    f_rows = []
    for item_no, part in funding.groupby("item_no", sort=False):
        first = part.iloc[0]
        anchor = "funding-total" if first["row_kind"] == "total" else f"funding-item-{item_no}"
        by_period = {_period_key(r): r for r in part.to_dict("records")}
        cells: list[Cell | None] = [
            cell(by_period[k], "program_funding", by_period[k]["amount_thousand_kzt"], 1)
            if k in by_period else None for k, _ in periods]
        row_flags = [f for c in cells if c for f in c.flags]
        for c in cells:
            if c:
                anchors[("program_funding", c.line)] = anchor
        f_rows.append(TableRow(anchor, str(first["item_kk"]),
                               "total" if first["row_kind"] == "total" else "item",
                               label_href=src(first["item_source_lines"]),
                               label_lines=formats.text(first["item_source_lines"]),
                               cells=cells, flags=row_flags))
    # the printed total row first, as the document prints it
    f_rows.sort(key=lambda r: r.kind != "total")
    funding_table = PivotTable("program-funding", "program_funding", "Қаржыландыру, мың теңге",
                               "Бағыт", [title for _, title in periods], rows=f_rows, with_place=False)

    # -- jobs: places down, year × type across
    jobs = _part(data, "program_jobs", program_id)
    years = sorted(int(y) for y in jobs["year"].dropna().unique()) if len(jobs) else []
    types = [t for t in JOB_TYPES if t in set(jobs["job_type"])] if len(jobs) else []
    jobs_table = PivotTable(
        "program-jobs", "program_jobs", "Құрылатын жұмыс орындары", "Аудан / қала",
        [JOB_TYPES[t] for _ in years for t in types], groups=[(str(y), len(types)) for y in years],
        rows=_place_rows(jobs, "program_jobs", "jobs", [(y, t) for y in years for t in types],
                         "job_type", cell, place, src, anchors))

    # -- targets: one table per indicator, places down, years across
    targets = _part(data, "program_targets", program_id)
    t_years = sorted(int(y) for y in targets["year"].dropna().unique()) if len(targets) else []
    sections = []
    for indicator, title in INDICATORS.items():
        part = targets[targets["indicator"] == indicator]
        if part.empty:
            continue
        table = PivotTable(
            f"program-targets-{indicator}", "program_targets", title, "Аудан / қала",
            [str(y) for y in t_years],
            rows=_place_rows(part, "program_targets", f"targets-{indicator}", [(y, None) for y in t_years],
                             None, cell, place, src, anchors))
        sections.append(TargetSection(indicator, title, table))

    # -- action plan
    measures_df = _part(data, "program_measures", program_id)
    sections_m = []
    for (number, title), part in measures_df.groupby(["section", "section_kk"], sort=False):
        items = []
        for r in part.to_dict("records"):
            line = int(r["_line"])
            anchor = f"measure-{r['no']}"
            anchors[("program_measures", line)] = anchor
            sources = [(str(r[c]), src(r[c])) for c in ("source_lines", "continuation_source_lines")
                       if formats.present(r.get(c))]
            items.append(Measure(anchor, line, int(r["no"]), formats.text(r["measure_kk"]),
                                 formats.text(r["completion_form_kk"]), formats.text(r["responsible_kk"]),
                                 formats.text(r["deadline_kk"]), formats.text(r["financing_kk"]), sources,
                                 flags.get(("program_measures", line), [])))
        sections_m.append(MeasureSection(int(number), str(title), items))

    passport_flags: list[Flag] = []
    programs_df = data.table(PACKAGE, "programs")
    if programs_df is not None:
        for line, pid in zip(csv_lines(programs_df), programs_df["program_id"]):
            if pid == program_id:
                anchors[("programs", int(line))] = "passport"
                passport_flags = flags.get(("programs", int(line)), [])

    place_href, place_title = place(rec.get("place_id"))
    period = f"{rec['period_start']}–{rec['period_end']}" if formats.present(rec.get("period_start")) else ""
    passport = [(label, formats.text(rec.get(key))) for key, label in [
        ("title_kk", "Атауы"), ("basis_kk", "Әзірлеуге негіздеме"), ("period_kk", "Іске асыру мерзімі"),
        ("developer_kk", "Негізгі әзірлеуші"), ("goal_kk", "Мақсаты"),
        ("funding_kk", "Қаржыландыру көлемі мен көздері"), ("expected_results_kk", "Күтілетін нәтиже"),
    ] if formats.present(rec.get(key))]
    tasks = [t.strip() for t in formats.text(rec.get("tasks_kk")).split(";") if t.strip()]

    item_rows = funding[(funding["row_kind"] != "total") & funding["year"].notna()]
    place_jobs = jobs[(jobs["row_kind"] == "place") & (jobs["job_type"] != "total")]
    place_targets = in_row_order(targets[targets["row_kind"] != "total"])
    pkg = data.packages.get(PACKAGE)
    edit_bases = {res.name: urls.edit(data.repository, PACKAGE, res.relpath)
                  for res in (pkg.resources() if pkg else [])} if data.repository else {}
    return ProgramContext(
        edit_bases=edit_bases,
        program_id=program_id,
        title=formats.text(rec.get("title_kk")) or program_id,
        passport=passport,
        tasks=tasks,
        place_title=place_title,
        place_href=place_href,
        period=period,
        passport_href=src(rec.get("source_lines")),
        passport_lines=formats.text(rec.get("source_lines")),
        passport_flags=passport_flags,
        data_href=link(path, urls.data_package(PACKAGE)),
        funding=funding_table,
        funding_chart=charts.program_funding_bars(item_rows, f"chart-{program_id}-funding"),
        funding_chart_rows=[{"item": r["item_kk"], "year": int(r["year"]),
                             "amount": formats.number(r["amount_thousand_kzt"], 1)}
                            for r in item_rows.to_dict("records")],
        jobs=jobs_table,
        jobs_chart=charts.program_jobs_bars(place_jobs, f"chart-{program_id}-jobs", JOB_TYPES),
        jobs_chart_rows=[{"place": r["place_name_as_printed"], "year": int(r["year"]),
                          "type": JOB_TYPES.get(r["job_type"], r["job_type"]), "jobs": formats.number(r["jobs"])}
                         for r in place_jobs.to_dict("records")],
        targets=sections,
        targets_chart=charts.program_targets_bars(place_targets, f"chart-{program_id}-targets", INDICATORS),
        targets_chart_rows=[{"indicator": INDICATORS.get(r["indicator"], r["indicator"]),
                             "place": r["place_name_as_printed"], "year": int(r["year"]),
                             "value": formats.number(r["value"])}
                            for r in place_targets.to_dict("records")],
        measures=sections_m,
        flags=anchored(flags, anchors),
    )


def _period_key(row: dict[str, Any]) -> str:
    if formats.present(row.get("year")):
        return str(int(row["year"]))
    return f"{int(row['period_start'])}-{int(row['period_end'])}"


def _funding_periods(funding: pd.DataFrame) -> list[tuple[str, str]]:
    """The funding table's columns: each year, then each multi-year period (key, title)."""
    keys = {_period_key(r) for r in funding.to_dict("records")}
    years = sorted(k for k in keys if "-" not in k)
    spans = sorted(k for k in keys if "-" in k)
    return [(k, k) for k in years] + [(k, k.replace("-", "–") + " жж.") for k in spans]


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


def _place_rows(df: pd.DataFrame, resource: str, prefix: str, columns: list[tuple[int, str | None]],
                sub_field: str | None, cell: Any, place: Any, src: Any,
                anchors: dict[tuple[str, int], str]) -> list[TableRow]:
    """Pivot place rows: one row per (row_kind, place_id) in the printed order, "of which"
    towns right under their district and printed totals last; `columns` are (year, sub) keys."""
    if df.empty:
        return []
    ordered = row_order(df)
    groups = {k: part for k, part in df.groupby(["row_kind", "place_id"], sort=False)}
    value_field = "jobs" if resource == "program_jobs" else "value"
    rows = []
    for kind, place_id in ordered:
        part = groups[(kind, place_id)]
        first = part.iloc[0]
        anchor = f"{prefix}-total" if kind == "total" else f"{prefix}-{place_id}"
        by_key = {(int(r["year"]), r[sub_field] if sub_field else None): r for r in part.to_dict("records")}
        cells = [cell(by_key[k], resource, by_key[k][value_field]) if k in by_key else None for k in columns]
        for c in cells:
            if c:
                anchors[(resource, c.line)] = anchor
        href, title = place(place_id) if kind != "total" else ("", "")
        rows.append(TableRow(anchor, str(first["place_name_as_printed"]), str(kind), href, title,
                             src(first["name_source_lines"]), formats.text(first["name_source_lines"]), cells,
                             [f for c in cells if c for f in c.flags]))
    return rows
