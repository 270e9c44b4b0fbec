"""Rating pages: an index at ratings/ and a page per rating report at ratings/<rating_id>/.

A report page shows the report's details, its methodology (directions with weights and
their indicators), the city and district centre tables (rank, name and region as printed,
the resolved place, index) and a chart of each centre's index within its region, with the
quality flags of its rows. A few hundred centres per report: plain HTML tables, rendered
on the server, so every row has an anchor and works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ashyq import charts, formats, model, render, urls
from ashyq.places import Gazetteer
from ashyq.urls import link
from ashyq.views import Output
from ashyq.views.programs import Flag, anchored, collect_flags, csv_lines

PACKAGE = "ratings"
INDEX = urls.docs_path(urls.RATINGS)

# Kazakh titles of `kind` (the schema has no enumTitles for it), in the order of the tables.
KINDS = {"city": "Қалалар", "district": "Аудандар"}
KIND_CAPTIONS = {"city": "Қалалардың жұмыспен қамту орталықтары",
                 "district": "Аудандардың жұмыспен қамту орталықтары"}
NO_REGION = "Облысы басылмаған"


@dataclass(frozen=True)
class RatingRow:
    anchor: str  # "city-1", "district-31": kind and rank are the row's key
    line: int  # CSV line (header = 1)
    rank: int
    name: str
    region: str
    place_href: str
    place_title: str
    index: str
    source_href: str
    source_lines: str
    flags: list[Flag] = field(default_factory=list)
    edit_href: str = ""  # the row's CSV line in the repository's web editor


@dataclass(frozen=True)
class RatingTable:
    kind: str
    table_id: str
    caption: str
    rows: list[RatingRow]


@dataclass(frozen=True)
class Indicator:
    anchor: str
    line: int
    no: int
    text: str
    source_href: str
    source_lines: str
    flags: list[Flag] = field(default_factory=list)


@dataclass(frozen=True)
class Direction:
    no: int
    title: str
    weight: str
    indicators: list[Indicator]


@dataclass(frozen=True)
class RatingContext:
    """One rating report page."""

    rating_id: str
    title: str
    details: list[tuple[str, str]]  # (label, text)
    source_href: str
    source_lines: str
    report_flags: list[Flag]
    data_href: str
    directions: list[Direction]
    tables: list[RatingTable]
    chart: charts.Chart
    chart_rows: list[dict[str, Any]]
    flags: list[Flag]


@dataclass(frozen=True)
class RatingSummary:
    title: str
    href: str
    year: str
    publisher: str
    published: str
    centres: int


@dataclass(frozen=True)
class RatingsIndexContext:
    reports: list[RatingSummary]


def iter_outputs(data: model.Model) -> Iterator[Output]:
    reports = data.table(PACKAGE, "rating_reports")
    if reports is None:
        return
    ratings = data.table(PACKAGE, "ratings")
    ratings = ratings.assign(_line=csv_lines(ratings)) if ratings is not None else pd.DataFrame(
        columns=["rating_id", "kind", "rank", "name_as_printed", "region_as_printed", "place_id", "index",
                 "source_lines", "_line"])
    names = model.place_names(data)
    place_titles = dict(zip(names["place_id"].astype(str), names["place_kk"].astype(str)))
    places = data.table("places", "places")
    gazetteer = Gazetteer(places) if places is not None else None
    by_report = {rid: part for rid, part in ratings.groupby("rating_id", sort=False)}
    summaries = []
    for rec in reports.to_dict("records"):
        rid = str(rec["rating_id"])
        path = urls.docs_path(urls.rating(rid))
        part = by_report.get(rid, ratings.iloc[0:0])
        ctx = rating_context(data, rec, part, path, place_titles, gazetteer)
        yield Output(path, render.render_page("rating.md.j2", ctx))
        summaries.append(RatingSummary(ctx.title, link(INDEX, urls.rating(rid)), formats.text(rec.get("year")),
                                       formats.text(rec.get("publisher_kk")),
                                       formats.text(rec.get("published_as_printed"))
                                       or formats.text(rec.get("published")),
                                       len(part)))
    yield Output(INDEX, render.render_page("ratings.md.j2", RatingsIndexContext(summaries)))


def region_in_year(gazetteer: Gazetteer | None, place_id: Any, year: int,
                   names: dict[str, str]) -> str:
    """The Kazakh name of the region a place belonged to at the end of `year` (the
    borders the rating was made in: districts moved to Abai, Zhetisu or Ulytau in 2022
    still count under their 2017 region); a city of republican significance is its own."""
    if gazetteer is None or not formats.present(place_id) or str(place_id) not in gazetteer.places:
        return NO_REGION
    pid = str(place_id)
    regions = [p for p in gazetteer.ancestors(pid, f"{year}-12-31") if gazetteer.places[p].kind == "region"]
    if not regions:
        return names.get(pid, pid) if not gazetteer.places[pid].parent_id else NO_REGION
    return names.get(regions[0], regions[0])


def rating_context(data: model.Model, rec: dict[str, Any], ratings: pd.DataFrame, path: str,
                   names: dict[str, str], gazetteer: Gazetteer | None) -> RatingContext:
    rating_id = str(rec["rating_id"])
    source_path = formats.text(rec.get("source_path"))
    year = int(rec["year"]) if formats.present(rec.get("year")) else 0
    flags = collect_flags(data, PACKAGE)
    anchors: dict[tuple[str, int], str] = {}

    def src(lines: Any) -> str:
        return link(path, urls.source_lines(source_path, str(lines))) if source_path and formats.present(lines) else ""

    res = data.packages[PACKAGE].resource("ratings") if PACKAGE in data.packages else None

    def edit_href(line: int) -> str:
        return urls.edit(data.repository, PACKAGE, res.relpath, line) if res else ""

    tables = []
    for kind, part in ratings.groupby("kind", sort=False):
        rows = []
        for r in part.sort_values("rank", kind="stable").to_dict("records"):
            line = int(r["_line"])
            anchor = f"{kind}-{r['rank']}"
            anchors[("ratings", line)] = anchor
            pid = formats.text(r.get("place_id"))
            rows.append(RatingRow(
                anchor, line, int(r["rank"]), formats.text(r["name_as_printed"]), formats.text(r["region_as_printed"]),
                link(path, urls.place(pid)) if pid else "", names.get(pid, "") if pid else "",
                formats.number(r["index"], 2), src(r["source_lines"]), formats.text(r["source_lines"]),
                flags.get(("ratings", line), []), edit_href=edit_href(line)))
        tables.append(RatingTable(str(kind), f"rating-{kind}", KIND_CAPTIONS.get(str(kind), str(kind)), rows))
    tables.sort(key=lambda t: list(KINDS).index(t.kind) if t.kind in KINDS else len(KINDS))

    indicators = data.table(PACKAGE, "rating_indicators")
    directions = []
    if indicators is not None:
        ind = indicators.assign(_line=csv_lines(indicators))
        ind = ind[ind["rating_id"] == rating_id]
        for (no, title, weight), part in ind.groupby(["direction_no", "direction_kk", "weight_percent"], sort=False):
            items = []
            for r in part.to_dict("records"):
                line = int(r["_line"])
                anchor = f"indicator-{r['indicator_no']}"
                anchors[("rating_indicators", line)] = anchor
                items.append(Indicator(anchor, line, int(r["indicator_no"]), formats.text(r["indicator_kk"]),
                                       src(r["source_lines"]), formats.text(r["source_lines"]),
                                       flags.get(("rating_indicators", line), [])))
            directions.append(Direction(int(no), str(title), formats.number(weight, 1), items))

    report_flags: list[Flag] = []
    reports = data.table(PACKAGE, "rating_reports")
    if reports is not None:
        for line, rid in zip(csv_lines(reports), reports["rating_id"]):
            if rid == rating_id:
                anchors[("rating_reports", int(line))] = "report"
                report_flags = flags.get(("rating_reports", int(line)), [])

    chart_df = ratings.assign(region_kk=[region_in_year(gazetteer, p, year, names) for p in ratings["place_id"]])
    chart_df = chart_df[["region_kk", "kind", "rank", "name_as_printed", "index"]]
    stats = (chart_df.groupby("region_kk")["index"].agg(["count", "median", "min", "max"])
             .sort_values("median", ascending=False))
    details = [(label, text) for label, text in [
        ("Рейтинг жылы", formats.text(rec.get("year"))),
        ("Жариялаушы", formats.text(rec.get("publisher_kk"))),
        ("Тапсырыс беруші", formats.text(rec.get("commissioned_by_kk"))),
        ("Жарияланған", formats.text(rec.get("published_as_printed"))
         + (f" ({rec['published']})" if formats.present(rec.get("published")) else "")),
        ("Жарияланған жері", formats.text(rec.get("published_place_kk"))),
    ] if text]
    return RatingContext(
        rating_id=rating_id,
        title=formats.text(rec.get("title_kk")) or rating_id,
        details=details,
        source_href=src(rec.get("source_lines")),
        source_lines=formats.text(rec.get("source_lines")),
        report_flags=report_flags,
        data_href=link(path, urls.data_package(PACKAGE)),
        directions=directions,
        tables=tables,
        chart=charts.rating_index_strip(chart_df, f"chart-{rating_id}-index-by-region", KINDS),
        chart_rows=[{"region": region, "count": int(s["count"]), "median": formats.number(s["median"], 2),
                     "min": formats.number(s["min"], 2), "max": formats.number(s["max"], 2)}
                    for region, s in stats.iterrows()],
        flags=anchored(flags, anchors),
    )
