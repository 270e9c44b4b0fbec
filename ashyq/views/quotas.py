"""The quotas explorer: every quota row in a searchable table, a chart, the download."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ashyq import charts, model, render
from ashyq.views import Column, Download, Output, rows_json

# Column order and Kazakh titles of the explorer's table.
COLUMNS = [
    Column("year", "Жыл", "facet", 70),
    Column("category", "Санат", "facet", 110),
    Column("region_kk", "Облыс", "facet", 110),
    Column("place_kk", "Аудан / қала", "facet", 110),
    Column("row_no", "№", "number", 52),
    Column("organization_kk", "Ұйымның атауы", "text", 200),
    Column("headcount", "Тізімдік саны", "number", 100),
    Column("quota_percent", "Квота, %", "number", 76),
    Column("jobs", "Жұмыс орны", "number", 92),
]


@dataclass(frozen=True)
class QuotasContext:
    """The explorer page: its table loads `rows_href`, a JSON file of all rows."""

    summary: model.QuotaSummary
    columns: list[Column]
    rows_href: str
    chart: charts.Chart
    chart_rows: list[dict[str, Any]]
    downloads: list[Download] = field(default_factory=list)


def iter_outputs(data: model.Model) -> Iterator[Output]:
    quotas = model.quota_rows(data)
    yield Output("quotas/index.md", render.render_page("quotas.md.j2", quotas_context(data, quotas)))
    yield Output("quotas/rows.json", rows_json(table_frame(data, quotas)))


def table_frame(data: model.Model, quotas: pd.DataFrame) -> pd.DataFrame:
    """The table's columns, with category codes shown by their Kazakh titles."""
    titles = data.enum_titles("quotas", "quotas", "category")
    return quotas.assign(category=quotas["category"].map(lambda c: titles.get(c, c)))[
        [c.field for c in COLUMNS]]


def quotas_context(data: model.Model, quotas: pd.DataFrame) -> QuotasContext:
    by_place = model.jobs_by_place(quotas)
    titles = data.enum_titles("quotas", "quotas", "category")
    pkg = data.packages.get("quotas")
    res = pkg.resource("quotas") if pkg else None
    downloads = [Download("Барлық жолдарды CSV ретінде жүктеу", f"../data/quotas/{res.path.name}",
                          "(UTF-8, түпнұсқа файл)")] if res else []
    return QuotasContext(
        summary=model.summarize_quotas(quotas),
        columns=COLUMNS,
        rows_href="rows.json",
        chart=charts.bar_jobs_by_place(by_place, "chart-quota-jobs-by-place", titles),
        chart_rows=by_place.assign(
            category=by_place["category"].map(lambda c: titles.get(c, c))).to_dict("records"),
        downloads=downloads,
    )
