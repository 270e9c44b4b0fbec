"""Rating pages: an index at ratings/ and a page per rating report at ratings/<rating_id>/.

A report page shows the report's details, its methodology (directions with weights and
their indicators), the city and district centre tables (rank, name and region as printed,
the resolved place, index) and a chart of each centre's index within its region, with the
quality flags of its rows. A few hundred centres per report: plain HTML tables, rendered
on the server, so every row has an anchor and works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ashyq import charts, formats, model, render, urls
from ashyq.i18n import N_
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import FlagEntry, Output, PageSources, RowSource, documented, embeds

PACKAGE = "ratings"
INDEX = urls.docs_path(urls.RATINGS)

NO_REGION = N_("Облысы басылмаған")


@dataclass(frozen=True)
class RatingRow:
    src: RowSource = documented("the row's provenance; its anchor is kind-rank, e.g. \"city-1\", \"district-31\" (the "
                                "row's key)")
    rank: int = documented("the centre's rank among its kind")
    name: str = documented("the centre's name as the report prints it")
    region: str = documented('its region as the report prints it; "" when none')
    place_href: str = documented('link to the resolved place\'s page; "" when none')
    place_title: str = documented('the resolved place\'s name; "" when none')
    index: str = documented('its composite index, formatted with at least 2 decimals, e.g. "4,43"')


@dataclass(frozen=True)
class RatingTable:
    kind: str = documented("city | district")
    table_id: str = documented('the table\'s id on the page, "rating-<kind>"')
    caption: str = documented('the kind\'s title (enumTitles), e.g. "Қалалардың жұмыспен қамту орталықтары"')
    rows: list[RatingRow] = documented("its centres, by rank")


@dataclass(frozen=True)
class Indicator:
    src: RowSource = documented('the row\'s provenance (anchor "indicator-<no>")')
    no: int = documented("the indicator's number")
    text: str = documented("the indicator, as printed")


@dataclass(frozen=True)
class Direction:
    no: int = documented("the direction's number (its anchor: direction-<no>)")
    title: str = documented("its title, as printed")
    weight: str = documented('its weight in the composite index, in percent, formatted, e.g. "23,8"')
    indicators: list[Indicator] = documented("its indicators, in the document's order")


@dataclass(frozen=True)
class RatingContext:
    """One rating report page."""

    rating_id: str = documented("the report's id")
    title: str = documented("its title; its id when it has none")
    details: list[tuple[str, str]] = documented("the report's details that have a value, as (label, text): year, "
                                                "publisher, commissioned by, published, where published")
    src: RowSource = documented('the report\'s row of rating_reports.csv (anchor "report")')
    data_href: str = documented("link to the ratings package's page")
    directions: list[Direction] = documented("the methodology: directions with their weights and indicators; empty "
                                             "when none")
    tables: list[RatingTable] = documented("one table per kind of centre, in the schema's order (cities, then "
                                           "districts)")
    chart: charts.Chart = documented("each centre's index within its region (the region in the rating's year)")
    chart_rows: list[dict[str, Any]] = documented("the chart's data per region, highest median first: region, count, "
                                                  "median, min, max (formatted, 2 decimals)")
    flags: list[FlagEntry] = documented("every flag of the page's rows, in the order they are shown")


@dataclass(frozen=True)
class RatingSummary:
    title: str = documented("the report's title")
    href: str = documented("link to its page, relative to ratings/")
    year: str = documented('the rating\'s year; "" when unknown')
    publisher: str = documented('who published it; "" when unknown')
    published: str = documented('when it was published, as printed (else as a date); "" when unknown')
    centres: int = documented("the centres it rates")


@dataclass(frozen=True)
class RatingsIndexContext:
    reports: list[RatingSummary] = documented("every rating report, in the order of rating_reports.csv")


def iter_outputs(data: model.Model) -> Iterator[Output]:
    reports = data.lined(PACKAGE, "rating_reports")
    if reports is None:
        return
    ratings = data.lined(PACKAGE, "ratings")
    if ratings is None:
        ratings = pd.DataFrame(columns=["rating_id", "kind", "rank", "name_as_printed", "region_as_printed",
                                        "place_id", "index", "source_lines", model.LINE])
    by_report = {rid: part for rid, part in ratings.groupby("rating_id", sort=False)}
    summaries = []
    for rec in reports.to_dict("records"):
        rid = str(rec["rating_id"])
        path = urls.docs_path(urls.rating(rid))
        part = by_report.get(rid, ratings.iloc[0:0])
        ctx = RatingPage(data, rec, path, data.names).context(part)
        source = formats.text(rec.get("source_path"))
        chart, embed_page = embeds.share_chart(
            data, ctx.chart, urls.chart_key("rating", rid, "index"), page=path, page_title=ctx.title,
            title=embeds.title("rating", rating=ctx.title),
            sources=[(ctx.title, urls.source_document(source) if source else urls.rating(rid))], package=PACKAGE)
        ctx = replace(ctx, chart=chart)
        yield embed_page
        yield Output(path, render.render_page("rating.md.j2", ctx))
        summaries.append(RatingSummary(ctx.title, link(INDEX, urls.rating(rid)), formats.text(rec.get("year")),
                                       formats.text(rec.get("publisher_kk")),
                                       formats.text(rec.get("published_as_printed"))
                                       or formats.text(rec.get("published")),
                                       len(part)))
    yield Output(INDEX, render.render_page("ratings.md.j2", RatingsIndexContext(summaries)))


class RatingPage:
    """The parts of one rating report's page; `sources` gives every row shown its
    provenance and collects its flags for the page's list."""

    def __init__(self, data: model.Model, rec: dict[str, Any], path: str, names: dict[str, str]):
        self.data = data
        self.rec = rec
        self.rating_id = str(rec["rating_id"])
        self.path = path
        self.names = names
        self.year = int(rec["year"]) if formats.present(rec.get("year")) else 0
        self.sources = PageSources(data, path, formats.text(rec.get("source_path")))

    def region(self, place_id: Any) -> str:
        """The region a centre's place belonged to at the end of the rating's year (the
        borders the rating was made in: districts moved to Abai, Zhetisu or Ulytau in 2022
        still count under their 2017 region); a city of republican significance is its own."""
        region = self.data.region_on(formats.text(place_id), f"{self.year}-12-31")
        return self.names.get(region, region) if region else tr(NO_REGION)

    def context(self, ratings: pd.DataFrame) -> RatingContext:
        rec = self.rec
        report = self.sources.row(PACKAGE, "rating_reports", rec, "report", tr("Рейтинг"))
        directions = self.directions()
        tables = self.tables(ratings)
        # the chart names a centre by its place's reader name (one name per place in every
        # chart); the table beside it keeps the name as printed
        chart_df = ratings.assign(
            region_kk=[self.region(p) for p in ratings["place_id"]],
            name_kk=[self.names.get(formats.text(p), formats.text(n)) or formats.text(n)
                     for p, n in zip(ratings["place_id"], ratings["name_as_printed"])])
        chart_df = chart_df[["region_kk", "kind", "rank", "name_kk", "index"]]
        stats = (chart_df.groupby("region_kk")["index"].agg(["count", "median", "min", "max"])
                 .sort_values("median", ascending=False))
        details = [(label, text) for label, text in [
            (tr("Рейтинг жылы"), formats.text(rec.get("year"))),
            (tr("Жариялаушы"), formats.text(rec.get("publisher_kk"))),
            (tr("Тапсырыс беруші"), formats.text(rec.get("commissioned_by_kk"))),
            (tr("Жарияланған"), formats.text(rec.get("published_as_printed"))
             + (f" ({rec['published']})" if formats.present(rec.get("published")) else "")),
            (tr("Жарияланған жері"), formats.text(rec.get("published_place_kk"))),
        ] if text]
        return RatingContext(
            rating_id=self.rating_id,
            title=formats.text(rec.get("title_kk")) or self.rating_id,
            details=details,
            src=report,
            data_href=link(self.path, urls.data_package(PACKAGE)),
            directions=directions,
            tables=tables,
            chart=charts.rating_index_strip(chart_df, f"chart-{self.rating_id}-index-by-region",
                                            self.data.labels(PACKAGE, "ratings", "kind", short=True)),
            chart_rows=[{"region": region, "count": int(s["count"]), "median": formats.number(s["median"], 2),
                         "min": formats.number(s["min"], 2), "max": formats.number(s["max"], 2)}
                        for region, s in stats.iterrows()],
            flags=self.sources.entries,
        )

    def directions(self) -> list[Direction]:
        """The methodology: directions with their weights, and their indicators."""
        indicators = self.data.lined(PACKAGE, "rating_indicators")
        if indicators is None:
            return []
        out = []
        part = indicators[indicators["rating_id"] == self.rating_id]
        for (no, title, weight), rows in part.groupby(["direction_no", "direction_kk", "weight_percent"], sort=False):
            items = [Indicator(self.sources.row(PACKAGE, "rating_indicators", r, f"indicator-{r['indicator_no']}",
                                                tr("Көрсеткіш %(n)s") % {"n": r["indicator_no"]}),
                               int(r["indicator_no"]), formats.text(r["indicator_kk"]))
                     for r in rows.to_dict("records")]
            out.append(Direction(int(no), str(title), formats.number(weight, 1), items))
        return out

    def tables(self, ratings: pd.DataFrame) -> list[RatingTable]:
        """One table per kind of centre (cities, districts), by rank."""
        tables = []
        for kind, part in ratings.groupby("kind", sort=False):
            rows = []
            for r in part.sort_values("rank", kind="stable").to_dict("records"):
                pid = formats.text(r.get("place_id"))
                rows.append(RatingRow(
                    self.sources.row(PACKAGE, "ratings", r, f"{kind}-{r['rank']}", tr("%(n)s-орын") % {"n": r["rank"]}),
                    int(r["rank"]), formats.text(r["name_as_printed"]), formats.text(r["region_as_printed"]),
                    link(self.path, urls.place(pid)) if pid else "", self.names.get(pid, "") if pid else "",
                    formats.number(r["index"], 2)))
            tables.append(RatingTable(str(kind), f"rating-{kind}", self.data.label(PACKAGE, "ratings", "kind", kind),
                                      rows))
        kinds = list(self.data.labels(PACKAGE, "ratings", "kind"))  # tables in the schema's order
        tables.sort(key=lambda t: kinds.index(t.kind) if t.kind in kinds else len(kinds))
        return tables
