"""Plotly figures as JSON specs: the only module that imports plotly.

The site renders the specs with the one self-hosted plotly.js bundle (the `basic` partial
bundle: scatter, bar, pie), so every figure here must use only those trace types.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.utils import PlotlyJSONEncoder

# Trace types in plotly.js-basic-dist; a figure with anything else would not render.
BASIC_TRACES = frozenset({"scatter", "bar", "pie"})


@dataclass(frozen=True)
class Chart:
    """A figure ready for a page: a stable id, the spec, and a text alternative."""

    chart_id: str
    spec: dict[str, Any]
    alt: str

    def spec_json(self) -> str:
        return json.dumps(self.spec, cls=PlotlyJSONEncoder, ensure_ascii=False, sort_keys=True)


# Colour-blind-safe (Okabe–Ito), readable on the light and the dark scheme.
PALETTE = ["#009E73", "#0072B2", "#E69F00", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]


def _layout(**extra: Any) -> dict[str, Any]:
    # template "none": no theme is embedded in each spec; the page's CSS and the
    # renderer script set colours for the light and dark schemes.
    return {"template": "none", "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "font": {"family": "inherit"}, **extra}


def bar_jobs_by_place(df: pd.DataFrame, chart_id: str, series_title: dict[str, str]) -> Chart:
    """Horizontal stacked bars of quota jobs per place, one series per year and category.

    `df` comes from model.jobs_by_place; `series_title` gives each category its title.
    """
    places = list(dict.fromkeys(df["place_kk"]))[::-1]  # plotly draws the first bar at the bottom
    traces = []
    for i, ((year, category), part) in enumerate(df.groupby(["year", "category"], sort=True)):
        jobs = dict(zip(part["place_kk"], part["jobs"].astype(int)))
        orgs = dict(zip(part["place_kk"], part["organizations"].astype(int)))
        name = f"{year} · {series_title.get(category, category)}"
        traces.append(go.Bar(
            x=[jobs.get(p) for p in places], y=places, orientation="h", name=name,
            customdata=[orgs.get(p) for p in places],
            hovertemplate="%{y}: %{x} жұмыс орны, %{customdata} ұйым<extra>" + name + "</extra>",
            marker={"color": PALETTE[i % len(PALETTE)]},
        ))
    fig = go.Figure(traces, layout=_layout(
        barmode="stack",
        height=max(260, 26 * len(places) + 120),
        xaxis={"title": {"text": "Квота бойынша жұмыс орындары"}, "rangemode": "tozero"},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": -0.2},
    ))
    spec = fig.to_plotly_json()
    check_basic_traces(spec)
    totals = df.groupby("place_kk", sort=False)["jobs"].sum()
    alt = (f"Жолақ диаграмма: {len(places)} аудан мен қала бойынша квота жұмыс орындары "
           f"({len(traces)} жыл мен санат), барлығы {int(df['jobs'].sum())}.")
    if len(totals):
        alt += f" Ең көбі — {totals.index[0]} ({int(totals.iloc[0])})."
    return Chart(chart_id, spec, alt)


def check_basic_traces(spec: dict[str, Any]) -> None:
    types = {t.get("type", "scatter") for t in spec.get("data", [])}
    if not types <= BASIC_TRACES:
        raise ValueError(f"trace types {sorted(types - BASIC_TRACES)} are not in the basic bundle")
