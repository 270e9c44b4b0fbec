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


def _layout(**extra: Any) -> dict[str, Any]:
    # template "none": no theme is embedded in each spec; the page's CSS and the
    # renderer script set colours for the light and dark schemes.
    return {"template": "none", "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "font": {"family": "inherit"}, **extra}


def bar_jobs_by_place(df: pd.DataFrame, chart_id: str) -> Chart:
    """Horizontal bars of quota jobs per place; `df` from model.jobs_by_place."""
    ordered = df.iloc[::-1]  # plotly draws the first bar at the bottom
    fig = go.Figure(
        go.Bar(
            x=ordered["jobs"].astype(int).tolist(),
            y=ordered["place_kk"].tolist(),
            orientation="h",
            text=ordered["jobs"].astype(int).tolist(),
            textposition="outside",
            customdata=ordered["organizations"].astype(int).tolist(),
            hovertemplate="%{y}: %{x} жұмыс орны, %{customdata} ұйым<extra></extra>",
            marker={"color": "#00897b"},
        ),
        layout=_layout(
            height=max(260, 28 * len(df) + 80),
            xaxis={"title": {"text": "Квота бойынша жұмыс орындары"}, "rangemode": "tozero"},
            yaxis={"automargin": True},
        ),
    )
    spec = fig.to_plotly_json()
    check_basic_traces(spec)
    top = df.iloc[0] if len(df) else None
    alt = (f"Жолақ диаграмма: {len(df)} елді мекен бойынша квота жұмыс орындары, "
           f"барлығы {int(df['jobs'].sum())}."
           + (f" Ең көбі — {top['place_kk']} ({int(top['jobs'])})." if top is not None else ""))
    return Chart(chart_id, spec, alt)


def check_basic_traces(spec: dict[str, Any]) -> None:
    types = {t.get("type", "scatter") for t in spec.get("data", [])}
    if not types <= BASIC_TRACES:
        raise ValueError(f"trace types {sorted(types - BASIC_TRACES)} are not in the basic bundle")
