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

from ashyq import formats
from ashyq.i18n import N_, ngettext
from ashyq.i18n import gettext as tr

# Trace types in plotly.js-basic-dist; a figure with anything else would not render.
BASIC_TRACES = frozenset({"scatter", "bar", "pie"})


@dataclass(frozen=True)
class ChartShare:
    """What a chart's row of actions needs (views/embeds.py makes it): its embed page, and the
    title and source line that its embed page shows and its PNG/SVG downloads draw."""

    key: str  # the chart's stable, URL-safe id across the site (urls.chart_key)
    embed_href: str  # its embed page, relative to the page that shows the chart
    embed_src: str  # its embed page's absolute URL for the <iframe> code; "" without a site address
    title: str  # the chart's title
    credit: str  # the source line as plain text: the documents, the page, the licence
    height: int  # the embed page's height in pixels (the <iframe>'s)
    columns: tuple[str, ...] = ()  # a map's CSV columns (a chart's are Chart.columns)


@dataclass(frozen=True)
class Chart:
    """A figure ready for a page: a stable id, the spec, and a text alternative.

    `columns` head the chart's CSV (the numbers it draws, one row per point, made in the
    browser from the spec): each trace's labels (its `meta`, else its name), the category
    (two columns for a two-level axis), the value, then each part of the point's customdata.
    `value_axis` is the axis the values are on ("x" for horizontal bars and the rating's
    strip)."""

    chart_id: str
    spec: dict[str, Any]
    alt: str
    columns: tuple[str, ...] = ()
    value_axis: str = "y"
    share: ChartShare | None = None

    def spec_json(self) -> str:
        return json.dumps(self.spec, cls=PlotlyJSONEncoder, ensure_ascii=False, sort_keys=True)


# The headings of the charts' CSV columns (Chart.columns), in one place: translated where used (columns()).
HEADING = {
    "category": N_("Санат"), "place": N_("Аудан / қала"), "place_year": N_("Аудан / қала · жыл"),
    "year": N_("Жыл"), "jobs": N_("Жұмыс орындары"), "organizations": N_("Ұйымдар"), "item": N_("Бағыт"),
    "amount": N_("Сомасы, мың теңге"), "job_type": N_("Түрі"), "indicator": N_("Көрсеткіш"), "people": N_("Адам"),
    "kind": N_("Түрі"), "region": N_("Облыс"), "index": N_("Жиынтық индекс"), "centre": N_("Орталық"),
    "rank": N_("Орын"),
}

# Colour-blind-safe (Okabe–Ito), readable on the light and the dark scheme.
PALETTE = ["#009E73", "#0072B2", "#E69F00", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]

# One colour per quota category on every chart of the site, by the category's place in the
# schema's enum (disability, youth_without_parental_care, released_from_prison, probation):
# «Мүгедектігі бар адамдар» is the same blue on /quotas/, a place page and a resolution
# page. Okabe–Ito's blue, orange, bluish green and reddish purple, darkened or lightened to
# stand 3:1 or more (WCAG 1.4.11) from both the light page (#fff) and the dark one (#1e2129).
CATEGORY_PALETTE = ["#3B82C4", "#C26A00", "#008B68", "#B8608E", "#4A7FC1", "#CF5C00"]

# A chart of fewer values than this is not drawn: the figures beside it say the same in a
# line of text, and a reader does not load plotly.js (about 400 KB gzip) for one bar.
MIN_CHART_VALUES = 2


def category_colours(category_title: dict[str, str]) -> dict[str, str]:
    """Category code → its colour, from the categories in the schema's enum order
    (model.enum_titles): every chart passes the whole enum, so a category keeps its colour
    whatever else a chart shows."""
    return {code: CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)] for i, code in enumerate(category_title)}


def worth_a_chart(values: int) -> bool:
    """A chart is drawn when it has MIN_CHART_VALUES values or more."""
    return values >= MIN_CHART_VALUES


def plain(value: Any) -> str:
    """A data string that plotly shows literally. Plotly reads a subset of HTML (<b>, <br>,
    <a href>) in every label, legend and hover text, and %{…} in hover templates; the
    character references it decodes after that parsing, as text."""
    return (str(value).replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")
            .replace("{", "&#123;"))


def _plain_all(values: Any) -> list[str]:
    return [plain(v) for v in values]


def _layout(**extra: Any) -> dict[str, Any]:
    # template "none": no theme is embedded in each spec; the page's CSS and the
    # renderer script set colours for the light and dark schemes.
    return {"template": "none", "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
            "font": {"family": "inherit"}, **extra}


def _plain_spec(traces: list[dict[str, Any]], layout: dict[str, Any]) -> dict[str, Any]:
    """A figure written as plain dicts in plotly's JSON form, for charts drawn on thousands
    of pages: plotly.graph_objects validates every property, which costs milliseconds per
    trace. Tests check such specs against plotly's schema (tests/test_render.py)."""
    spec = {"data": traces, "layout": {**layout, "template": {}}}  # plotly.js has no default theme
    check_basic_traces(spec)
    return spec


def _stacked_place_bars(rows: list[dict[str, Any]], category_title: dict[str, str]
                        ) -> tuple[dict[str, Any], list[str], int]:
    """Horizontal bars of quota jobs per place, one series per category (stacked: the
    groups of people of one year and place); a place with quotas of several years has a bar
    per year ("Бәйтерек ауданы · 2023"), never one bar that adds the years up.

    `rows` are model.jobs_by_place's records (category codes), places with the most jobs
    first; `category_title` is the whole enum (names and colours). Returns the spec, the bars
    (as drawn, bottom first) and the number of series.
    """
    several_years = len({r["year"] for r in rows}) > 1

    def bar(r: dict[str, Any]) -> str:
        return f"{r['place_kk']} · {int(r['year'])}" if several_years else str(r["place_kk"])

    # places with the most jobs first, their years newest first; plotly draws the first bar at the bottom
    order = {p: i for i, p in enumerate(dict.fromkeys(r["place_kk"] for r in rows))}
    keyed = sorted({(order[r["place_kk"]], -int(r["year"]), bar(r)) for r in rows})
    bars = [b for _, _, b in keyed][::-1]
    colours = category_colours(category_title)
    series: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        series.setdefault(str(r["category"]), []).append(r)
    enum = list(category_title)
    codes = sorted(series, key=lambda c: (enum.index(c) if c in enum else len(enum), c))
    traces: list[dict[str, Any]] = []
    for code in codes:
        jobs = {bar(r): int(r["jobs"]) for r in series[code]}
        orgs = {bar(r): int(r["organizations"]) for r in series[code]}
        name = _wrap(category_title.get(code, code), 34)  # a phone's legend is narrow
        text = [jobs.get(b) for b in bars]
        traces.append({
            "type": "bar", "orientation": "h", "name": name,
            "x": text, "y": _plain_all(bars),
            "customdata": [orgs.get(b) for b in bars],
            "text": [None if j is None else str(j) for j in text], "textposition": "auto",
            "hovertemplate": tr("%{y}: %{x} жұмыс орны, %{customdata} ұйым<extra>") + name + "</extra>",
            "marker": {"color": colours.get(code, PALETTE[len(traces) % len(PALETTE)])},
        })
    places = bars
    layout = _layout(
        barmode="stack",
        height=max(220, 28 * len(places) + 110),
        xaxis={"title": {"text": tr("Квота бойынша жұмыс орындары")}, "rangemode": "tozero"},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": -0.25},
        showlegend=len(traces) > 1,
    )
    return _plain_spec(traces, layout), places, len(traces)


def _most_jobs(rows: list[dict[str, Any]]) -> str:
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["place_kk"]] = totals.get(r["place_kk"], 0) + int(r["jobs"])
    if not totals:
        return ""
    top = max(totals, key=lambda p: totals[p])  # the first of equals, as the rows are ordered
    return " " + tr("Ең көбі — %(name)s (%(n)s).") % {"name": top, "n": totals[top]}


# How many places set by rule a chart's text names before it says "and N more".
RULE_PLACES_NAMED = 10


def bar_jobs_by_place(df: pd.DataFrame, chart_id: str, series_title: dict[str, str],
                      by_rule: list[str] | tuple[str, ...] = ()) -> Chart:
    """Quota jobs per place and year, one series per category (the quotas explorer, region
    pages).

    `df` comes from model.jobs_by_place (category codes); `series_title` is the categories'
    enum (model.enum_titles), which gives each its title and colour. `by_rule` names the
    places whose quota is set by rule and no list ("Байзақ ауданы (ережемен: 1,5 %)"): they
    have no bar, never a zero one, and the chart's text says so.
    """
    rows = df.to_dict("records")
    spec, bars, series = _stacked_place_bars(rows, series_title)
    places = df["place_kk"].nunique()
    years = df["year"].nunique()
    # a count per text: each takes the form its own number needs (Russian: 1 район, 5 районов)
    alt = (ngettext("Жолақ диаграмма: %(places)s аудан мен қала бойынша квота жұмыс орындары,",
                    "Жолақ диаграмма: %(places)s аудан мен қала бойынша квота жұмыс орындары,", places)
           % {"places": places} + " "
           + ((ngettext("%(years)s жыл бөлек", "%(years)s жыл бөлек", years) % {"years": years} + " ("
               + ngettext("%(bars)s жолақ", "%(bars)s жолақ", len(bars)) % {"bars": len(bars)} + "), ")
              if years > 1 else "")
           + ngettext("%(series)s санат,", "%(series)s санат,", series) % {"series": series} + " "
           + tr("барлығы %(jobs)s.") % {"jobs": int(df['jobs'].sum())}
           + _most_jobs(rows) + rule_note(by_rule))
    return Chart(chart_id, spec, alt, columns(*PLACE_BAR_COLUMNS), "x")


# The CSV of a chart of _stacked_place_bars: a bar is a place (and its year when the chart has several)
PLACE_BAR_COLUMNS = ("category", "place_year", "jobs", "organizations")


def columns(*keys: str) -> tuple[str, ...]:
    """The CSV headings of HEADING's `keys`, in the current language."""
    return tuple(tr(HEADING[k]) for k in keys)


def rule_note(by_rule: list[str] | tuple[str, ...]) -> str:
    """" Квотасы тізімсіз, ережемен белгіленген аумақтарда жолақ жоқ (нөл емес): …." for a
    chart's text; "" when there are none."""
    if not by_rule:
        return ""
    named = ", ".join(by_rule[:RULE_PLACES_NAMED])
    more = (" " + tr("және тағы %(n)s") % {"n": len(by_rule) - RULE_PLACES_NAMED}
            if len(by_rule) > RULE_PLACES_NAMED else "")
    return " " + tr("Квотасы тізімсіз, ережемен белгіленген аумақтарда жолақ жоқ (нөл емес): %(named)s%(more)s.") % {
        "named": named, "more": more}


def check_basic_traces(spec: dict[str, Any]) -> None:
    types = {t.get("type", "scatter") for t in spec.get("data", [])}
    if not types <= BASIC_TRACES:
        raise ValueError(f"trace types {sorted(types - BASIC_TRACES)} are not in the basic bundle")


# ------------------------------------------------------------------ programme pages (views/programs.py)

def _wrap(text: str, width: int = 42) -> str:
    """Break a long legend name into lines (plotly legends do not wrap by themselves)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(plain(line) for line in lines)


def program_funding_bars(df: pd.DataFrame, chart_id: str) -> Chart:
    """Stacked bars of a programme's funding by year, one series per line item.

    `df` holds program_funding rows of the items (printed totals and the multi-year
    column left out: stacking them on the items would count every amount twice).
    """
    years = sorted(int(y) for y in df["year"].unique())
    traces = []
    for i, (item, part) in enumerate(df.groupby("item_kk", sort=False)):
        amounts = dict(zip(part["year"].astype(int), part["amount_thousand_kzt"].astype(float)))
        traces.append(go.Bar(
            x=[str(y) for y in years], y=[amounts.get(y) for y in years], name=_wrap(str(item)),
            hovertemplate=tr("%{x}: %{y:,.1f} мың теңге<extra>") + plain(item) + "</extra>",
            marker={"color": PALETTE[i % len(PALETTE)]},
        ))
    fig = go.Figure(traces, layout=_layout(
        barmode="stack", height=420, separators=", ",
        xaxis={"title": {"text": tr("Жыл")}, "type": "category"},
        yaxis={"title": {"text": tr("мың теңге")}, "rangemode": "tozero", "automargin": True, "tickformat": ",d"},
        legend={"orientation": "h", "y": -0.25},
    ))
    spec = fig.to_plotly_json()
    check_basic_traces(spec)
    total = float(df["amount_thousand_kzt"].sum())
    alt = (ngettext("Бағандық диаграмма: %(years)s жыл бойынша қаржыландыру,",
                    "Бағандық диаграмма: %(years)s жыл бойынша қаржыландыру,", len(years)) % {"years": len(years)}
           + " " + ngettext("%(items)s бағыт бір бағанда қабаттасқан;", "%(items)s бағыт бір бағанда қабаттасқан;",
                            len(traces)) % {"items": len(traces)}
           + " " + tr("барлық жылдар мен бағыттар бойынша %(total)s мың теңге.") % {
               "total": formats.rounded(total, 1)})
    return Chart(chart_id, spec, alt, columns("item", "year", "amount"))


def program_jobs_bars(df: pd.DataFrame, chart_id: str, type_title: dict[str, str]) -> Chart:
    """Jobs to be created per place and year: bars grouped by place (a two-level axis:
    place, then year), permanent and temporary jobs stacked. `df` holds place rows of
    program_jobs without the printed totals, with each place's reader name in `place_kk`
    (Model.names: one name per place in every chart, whatever the document printed)."""
    places = list(dict.fromkeys(df["place_kk"]))
    years = sorted(int(y) for y in df["year"].unique())
    x = [[plain(p) for p in places for _ in years], [str(y) for _ in places for y in years]]
    traces = []
    for i, (job_type, part) in enumerate(df.groupby("job_type", sort=False)):
        jobs = {(p, int(y)): int(v) for p, y, v in zip(part["place_kk"], part["year"], part["jobs"])}
        name = plain(type_title.get(str(job_type), str(job_type)))
        traces.append(go.Bar(
            x=x, y=[jobs.get((p, y)) for p in places for y in years], name=name,
            hovertemplate=tr("%{x}: %{y} жұмыс орны<extra>") + name + "</extra>",
            marker={"color": PALETTE[i % len(PALETTE)]},
        ))
    fig = go.Figure(traces, layout=_layout(
        barmode="stack", height=460, separators=", ",
        xaxis={"type": "multicategory", "tickangle": 0},
        yaxis={"title": {"text": tr("Жұмыс орындары")}, "rangemode": "tozero", "automargin": True},
        legend={"orientation": "h", "y": -0.2},
    ))
    spec = fig.to_plotly_json()
    check_basic_traces(spec)
    by_place = df.groupby("place_kk", sort=False)["jobs"].sum().sort_values(ascending=False)
    alt = (ngettext("Бағандық диаграмма: %(places)s аудан мен қалада",
                    "Бағандық диаграмма: %(places)s аудан мен қалада", len(places)) % {"places": len(places)}
           + " " + ngettext("%(years)s жыл бойынша құрылатын жұмыс орындары, тұрақты және уақытша жұмыс орындары "
                            "қабаттасқан;", "%(years)s жыл бойынша құрылатын жұмыс орындары, тұрақты және уақытша "
                            "жұмыс орындары қабаттасқан;", len(years)) % {"years": len(years)}
           + " " + tr("барлығы %(jobs)s.") % {"jobs": int(df['jobs'].sum())})
    if len(by_place):
        alt += " " + tr("Ең көбі — %(name)s (%(n)s).") % {"name": by_place.index[0], "n": int(by_place.iloc[0])}
    return Chart(chart_id, spec, alt, columns("job_type", "place", "year", "jobs"))


def program_targets_bars(df: pd.DataFrame, chart_id: str, indicator_title: dict[str, str]) -> Chart:
    """Targets per place and year, one indicator at a time: grouped bars (one series per
    year) and a drop-down (plotly's updatemenus, part of the basic bundle) to choose the
    indicator. `df` holds program_targets rows of places (row_kind "place": neither the printed
    totals nor the "of which" towns, which are part of their district's figure, not its peers),
    with each place's reader name in `place_kk`."""
    indicators = [i for i in indicator_title if i in set(df["indicator"])]
    places = list(dict.fromkeys(df["place_kk"]))
    years = sorted(int(y) for y in df["year"].unique())
    traces = []
    for n, indicator in enumerate(indicators):
        part = df[df["indicator"] == indicator]
        values = {(p, int(y)): int(v) for p, y, v in zip(part["place_kk"], part["year"], part["value"])}
        for i, year in enumerate(years):
            traces.append(go.Bar(
                x=_plain_all(places), y=[values.get((p, year)) for p in places], name=str(year),
                visible=n == 0, legendgroup=str(year),
                meta=[indicator_title[indicator], str(year)],  # the CSV's labels: the name is only the year
                hovertemplate="%{x}, " + str(year) + tr(": %{y} адам<extra>") + plain(indicator_title[indicator])
                + "</extra>",
                marker={"color": PALETTE[i % len(PALETTE)]},
            ))
    buttons = [{
        "label": plain(indicator_title[ind]), "method": "update",
        "args": [{"visible": [k // len(years) == n for k in range(len(traces))]}],
    } for n, ind in enumerate(indicators)]
    fig = go.Figure(traces, layout=_layout(
        barmode="group", height=480, separators=", ",
        margin={"l": 10, "r": 10, "t": 50, "b": 40},
        xaxis={"type": "category", "categoryorder": "array", "categoryarray": _plain_all(places), "tickangle": -35},
        yaxis={"title": {"text": tr("адам")}, "rangemode": "tozero", "automargin": True},
        legend={"orientation": "h", "y": -0.35, "title": {"text": tr("Жыл: ")}},
        updatemenus=[{"buttons": buttons, "direction": "down", "showactive": True,
                      "x": 0, "xanchor": "left", "y": 1.12, "yanchor": "bottom"}],
    ))
    spec = fig.to_plotly_json()
    check_basic_traces(spec)
    alt = (ngettext("Бағандық диаграмма: %(places)s аудан мен қала бойынша", "Бағандық диаграмма: %(places)s аудан "
                    "мен қала бойынша", len(places)) % {"places": len(places)}
           + " " + ngettext("%(years)s жылғы нысаналы көрсеткіштер (адам);", "%(years)s жылғы нысаналы көрсеткіштер "
                            "(адам);", len(years)) % {"years": len(years)}
           + " " + tr("көрсеткішті тізімнен таңдауға болады: ")
           + "; ".join(indicator_title[i] for i in indicators) + ".")
    return Chart(chart_id, spec, alt, columns("indicator", "year", "place", "people"))


# ------------------------------------------------------------------ rating pages (views/ratings.py)

def rating_index_strip(df: pd.DataFrame, chart_id: str, kind_title: dict[str, str]) -> Chart:
    """Every centre as a point: x = its composite index, y = its region (in the rating
    year's borders), one series per kind (city / district), and each region's median as a
    vertical mark. Regions are ordered by median, the highest at the top.

    `df` columns: region_kk, kind, rank, name_kk (the centre's place, its reader name), index.
    """
    medians = df.groupby("region_kk")["index"].median().sort_values(kind="stable")
    regions = list(medians.index)  # plotly draws the first category at the bottom
    symbols = ["circle", "diamond", "square", "triangle-up"]
    traces = []
    for i, (kind, part) in enumerate(df.groupby("kind", sort=False)):
        name = plain(kind_title.get(str(kind), str(kind)))
        traces.append(go.Scatter(
            x=part["index"].astype(float).tolist(), y=_plain_all(part["region_kk"]), mode="markers", name=name,
            customdata=[[plain(n), int(r)] for n, r in zip(part["name_kk"], part["rank"])],
            hovertemplate="%{customdata[0]} — " + name.lower() + tr(" арасында %{customdata[1]}-орын"
                          "<br>Индекс: %{x:.2f}<extra>%{y}</extra>"),
            marker={"color": PALETTE[i % len(PALETTE)], "symbol": symbols[i % len(symbols)],
                    "size": 9, "opacity": 0.8, "line": {"width": 0.5, "color": "#ffffff"}},
        ))
    traces.append(go.Scatter(
        x=medians.astype(float).tolist(), y=_plain_all(regions), mode="markers", name=tr("Облыс медианасы"),
        hovertemplate=tr("Медиана: %{x:.2f}<extra>%{y}</extra>"),
        marker={"symbol": "line-ns-open", "size": 22, "color": "#D55E00", "line": {"width": 3}},
    ))
    fig = go.Figure(traces, layout=_layout(
        height=max(320, 30 * len(regions) + 140), separators=", ",
        xaxis={"title": {"text": tr("Жиынтық индекс")}, "automargin": True},
        yaxis={"type": "category", "categoryorder": "array", "categoryarray": _plain_all(regions),
               "automargin": True},
        legend={"orientation": "h", "y": -0.15},
        hovermode="closest",
    ))
    spec = fig.to_plotly_json()
    check_basic_traces(spec)
    alt = (ngettext("Нүктелік диаграмма: %(centres)s жұмыспен қамту орталығының жиынтық индексі",
                    "Нүктелік диаграмма: %(centres)s жұмыспен қамту орталығының жиынтық индексі", len(df))
           % {"centres": len(df)}
           + " " + ngettext("%(regions)s өңір (облыс немесе республикалық маңызы бар қала) бойынша,",
                            "%(regions)s өңір (облыс немесе республикалық маңызы бар қала) бойынша,", len(regions))
           % {"regions": len(regions)}
           + " " + tr("әр орталық — бір нүкте, әр өңірдің медианасы белгіленген."))
    if len(medians):
        alt += " " + tr("Медианасы ең жоғары — %(top)s (%(top_value)s), ең төмен — %(low)s (%(low_value)s).") % {
            "top": medians.index[-1], "top_value": formats.rounded(medians.iloc[-1], 2),
            "low": medians.index[0], "low_value": formats.rounded(medians.iloc[0], 2)}
    return Chart(chart_id, spec, alt, columns("kind", "region", "index", "centre", "rank"), "x")


def bar_jobs_by_year_category(df: pd.DataFrame, chart_id: str, place_name: str,
                              category_title: dict[str, str]) -> Chart:
    """Grouped bars of one place's quota jobs: a bar per year, one series per category.

    `df` has columns year, category (its code), organizations, jobs; years and categories
    stay apart (their sum is a number no document states). `category_title` is the
    categories' enum: each category's title and colour.
    """
    years = sorted({int(y) for y in df["year"]})
    labels = [str(y) for y in years]
    colours = category_colours(category_title)
    enum = list(category_title)
    traces: list[dict[str, Any]] = []
    codes = sorted({str(c) for c in df["category"]}, key=lambda c: (enum.index(c) if c in enum else len(enum), c))
    for code in codes:
        part = df[df["category"] == code]
        category = category_title.get(code, code)
        jobs = {int(y): int(j) for y, j in zip(part["year"], part["jobs"])}
        orgs = {int(y): int(o) for y, o in zip(part["year"], part["organizations"])}
        traces.append({
            "type": "bar", "name": _wrap(category, 34),
            "x": labels, "y": [jobs.get(y) for y in years],
            "customdata": [orgs.get(y) for y in years],
            "hovertemplate": tr("%{x}: %{y} жұмыс орны, %{customdata} ұйым<extra>") + plain(category) + "</extra>",
            "marker": {"color": colours.get(code, PALETTE[len(traces) % len(PALETTE)])},
        })
    layout = _layout(
        barmode="group",
        height=320,
        xaxis={"title": {"text": tr("Жыл")}, "type": "category"},
        yaxis={"title": {"text": tr("Жұмыс орындары")}, "rangemode": "tozero", "automargin": True},
        legend={"orientation": "h", "y": -0.3},
    )
    spec = _plain_spec(traces, layout)
    parts = "; ".join(f"{int(r['year'])} · {category_title.get(r['category'], r['category'])}: {int(r['jobs'])}"
                      for r in df.sort_values(["year", "category"]).to_dict("records"))
    alt = tr("Бағаналы диаграмма: %(place)s бойынша квота жұмыс орындары, жылдар мен санаттар бөлек "
             "(%(parts)s).") % {"place": place_name, "parts": parts}
    return Chart(chart_id, spec, alt, columns("category", "year", "jobs", "organizations"))


# ------------------------------------------------------------------ resolution pages (views/resolutions.py)

def resolution_jobs_by_place(rows: list[dict[str, Any]], chart_id: str, category_title: dict[str, str]) -> Chart:
    """One resolution's quota jobs per place: horizontal bars, one series per category.

    `rows` are model.jobs_by_place's records over the rows of one resolution (one year),
    so the series are the groups of people its annexes name; places with the most jobs on top.
    """
    spec, places, series = _stacked_place_bars(rows, category_title)
    jobs, organizations = sum(int(r["jobs"]) for r in rows), sum(int(r["organizations"]) for r in rows)
    alt = (ngettext("Жолақ диаграмма: қаулы бойынша %(places)s аудан мен қаладағы квота жұмыс орындары",
                    "Жолақ диаграмма: қаулы бойынша %(places)s аудан мен қаладағы квота жұмыс орындары",
                    len(places)) % {"places": len(places)}
           + (" " + ngettext("(%(n)s санат)", "(%(n)s санат)", series) % {"n": series} if series > 1 else "")
           + tr(", барлығы %(jobs)s,") % {"jobs": jobs}
           + " " + ngettext("%(organizations)s ұйым.", "%(organizations)s ұйым.", organizations)
           % {"organizations": organizations}
           + _most_jobs(rows))
    return Chart(chart_id, spec, alt, columns(*PLACE_BAR_COLUMNS), "x")
