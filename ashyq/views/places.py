"""Places: an index of regions → districts and cities, and one page per place.

A place page joins everything the data says about one place: its quota rows (by year and
category), its employment centre's rating, programme jobs and targets, the resolutions
that concern it, its parent and its child places. Every place of places.csv has a page,
with or without data. The build stays linear in the number of rows and places: each table
is grouped by place once (`PlaceIndex`), and a page only looks up its own groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import pandas as pd

from ashyq import charts, formats, i18n, model, render, urls
from ashyq.i18n import N_
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import Cell, Output, PageSources, QuotaGuide, RowSource, changes, documented, embeds, maps, quota_guide
from ashyq.views.resolutions import region_of, regions_listed
from ashyq.views.rules import RuleBlock, RuleFigure, rule_blocks, rule_figures

# A city without a parent is a city of republican significance (Astana, Almaty, Shymkent):
# not a value of `kind` but a fact of the hierarchy, so it is worded here.
T = TypeVar("T")
REPUBLICAN_CITY_KK = N_("Республикалық маңызы бар қала")

# A place page lists its quota rows year by year, newest first, while they fit this many
# rows (always at least the newest year). Earlier years link to the explorer filtered to the
# place and year: a district of the national corpus has thousands of rows over ten years,
# and every row is on its resolution's page anyway.
PLACE_ROWS_INLINE = 250
# A place page lists at most this many resolutions (the newest); above it, it links to the
# full list (its region's list of resolutions, or the index): a region of the national
# corpus has hundreds.
PLACE_RESOLUTIONS_INLINE = 60
# A region page lists its districts' quota figures (and the centres rated in it) year by year,
# newest first, while they fit this many rows (always the newest year): the chart's data
# table beside it has every year, and the districts' and the rating reports' pages every row.
REGION_ROWS_INLINE = 200
# ... and the centres rated in it while they fit this many (a rating row carries its provenance).
REGION_RATINGS_INLINE = 60
# Above this many figures in all, the table of the places inside a place shows each one's
# newest year and rating (their pages have every year).
CHILD_FIGURES_INLINE = 300
# Above this many quota figures in all, the places index shows each place's newest year only
# (every year is on the place's page): 300,000 rows made 11,000 figures, 1.5 MB of HTML.
INDEX_FIGURES_INLINE = 1500



# ---------------------------------------------------------------- page contexts


@dataclass(frozen=True)
class PlaceLink:
    place_id: str = documented("the place's id in places.csv")
    name: str = documented('the name a reader expects (model.reader_name of the official name, e.g. "Орал қаласы")')
    href: str = documented("link to its page, relative to the page that shows it")
    kind_kk: str = documented('its kind\'s title (enumTitles), e.g. "Аудан"; "" for a place not in places.csv')
    keywords: str = documented("every name and alias, space-separated, for the filter boxes", default="")


@dataclass(frozen=True)
class QuotaFigure:
    """Quota jobs of one year and category (never summed across years or categories)."""

    year: int = documented("the quota year")
    category: str = documented('the category\'s code, e.g. "disability"')
    category_kk: str = documented("the category's title (the schema's enumTitles)")
    organizations: int = documented("quota rows (organisations) of the place and every place inside it")
    jobs: int = documented("their quota jobs, summed")
    short_kk: str = documented("the category's short title for the index (enumShortTitles, else its title; the full "
                               'title is its tooltip); "" when not given', default="")


@dataclass(frozen=True)
class QuotaRow:
    src: RowSource = documented("the row's provenance (anchor quota-<resolution>-<category>-<row_no>)")
    resolution_id: str = documented("the resolution that sets the quota")
    resolution_label: str = documented('its number and year, e.g. "№ 593, 2022"; its id when either is unknown')
    resolution_href: str = documented("link to the resolution's page")
    year: int = documented("the quota year")
    category: str = documented('the category\'s code, e.g. "disability"')
    category_kk: str = documented("the category's title")
    row_no: int = documented("the row's number in the document's table")
    organization_kk: str = documented("the organisation's name as printed")
    headcount: Any = documented("the organisation's headcount as loaded (a number; None when empty)")
    quota_percent: Any = documented('the quota, % of the headcount, as a formatted number (e.g. "2,5"); "" when empty')
    jobs: Any = documented("the quota jobs as loaded (a number; None when empty)")


@dataclass(frozen=True)
class ChildQuotaRow:
    """A region page's row: one child place (with its own children), year and category."""

    anchor: str = documented('the row\'s id, "quota-<child place>-<year>-<category>"')
    place: PlaceLink = documented("the child place")
    year: int = documented("the quota year")
    category_kk: str = documented("the category's title")
    organizations: int = documented("quota rows (organisations) of the child place and every place inside it")
    jobs: int = documented("their quota jobs, summed")
    category: str = documented("the category's code (quotas.csv), which gives the chart its colour", default="")


@dataclass(frozen=True)
class RatingRow:
    src: RowSource = documented("the row's provenance (anchor rating-<rating_id>-<kind>-<rank>)")
    rating_id: str = documented("the rating report's id")
    report_title: str = documented("the report's title; its id when it has none")
    report_href: str = documented("link to the report's page")
    year: Any = documented("the report's year as loaded (a number; None when unknown)")
    kind_kk: str = documented('the kind of centres, its short title (enumShortTitles), e.g. "Аудандық орталықтар"')
    rank: int = documented("the centre's rank in the report")
    kind_count: int = documented("centres of the same kind in the report")
    region_rank: int | None = documented("its rank among the centres of the same kind and region (the region in the "
                                         "rating's year); None when the report prints no region for it")
    region_count: int | None = documented("centres of the same kind and region; None as region_rank")
    region_as_printed: str = documented('the region as the report prints it; "" when none')
    name_as_printed: str = documented("the centre's name as the report prints it")
    index: str = documented('the centre\'s composite index, formatted (formats.number, 2 decimals): "2,84"')
    place: PlaceLink | None = documented("on region pages: the centre's place; None elsewhere or when the row has no "
                                         "known place", default=None)


@dataclass(frozen=True)
class ProgramRow:
    """One printed row of a programme table: a job type or indicator of one place."""

    anchor: str = documented('the row\'s id, "<jobs|target>-<program>-<place>-<row kind>-<job type or indicator>"')
    label: str = documented('the job type\'s or indicator\'s title (enumTitles), e.g. "Тұрақты"')
    place_as_printed: str = documented("the place's name as the document prints it")
    row_kind_kk: str = documented("the row kind's title (enumTitles), e.g. \"Соның ішінде\", \"Құжаттағы жиыны\"; \"\" "
                                  "for a place's own row")
    cells: list[Cell | None] = documented("one per year of the block; None where the document has no value")
    sources: list[tuple[str, str]] = documented("the source lines of the row's label and values as (lines, link); the "
                                                'link is "" when unknown')


@dataclass(frozen=True)
class ProgramBlock:
    program_id: str = documented("the programme's id")
    title: str = documented("its title; its id when it has none")
    href: str = documented("link to the programme's page")
    years: list[int] = documented("the years across the block's tables, ascending")
    jobs: list[ProgramRow] = documented("the place's rows of program_jobs; empty when none")
    targets: list[ProgramRow] = documented("its rows of program_targets (and of the towns printed under it); empty "
                                           "when none")
    parent_note: str = documented('a town printed only as "of which": the name of the district row it is under; "" '
                                  "otherwise", default="")
    period: str = documented('the programme\'s period (period_start–period_end), e.g. "2005–2007", shown beside a '
                             'title that may misprint it; "" when unknown', default="")
    flags: list[model.Flag] = documented("the quality flags of the programme's own row (a title whose years differ "
                                         "from its period: «2005-5007»); empty when none", default_factory=list)


@dataclass(frozen=True)
class ResolutionLink:
    resolution_id: str = documented("the resolution's id")
    title: str = documented("its title; its id when it has none")
    number: str = documented('its number; "" when none')
    adopted_on: str = documented('its date as written in the CSV, YYYY-MM-DD; "" when unknown')
    issuer: str = documented('the akimat that issued it; "" when unknown')
    href: str = documented("link to its page")
    language: str = documented('the language of its text, for lang= ("kk", "ru")', default="kk")


@dataclass(frozen=True)
class ChildSummary:
    place: PlaceLink = documented("the child place")
    kato: str = documented('its КАТО code; "" when none')
    quotas: list[QuotaFigure] = documented("its quota figures (with every place inside it), by year and category")
    ratings: list[str] = documented('its centre\'s ratings, e.g. "2017: 153-орын / 160 (аудандық орталықтар)"')
    has_data: bool = documented("whether the data says anything about it: its own rows, a resolution that concerns it, "
                                "or quotas of a place inside it")
    rules: list[RuleFigure] = documented("the years and categories where its quota is set by rule and no list "
                                         "(views.rules.rule_figures), shown instead of zero; empty when none",
                                         default_factory=list)


@dataclass(frozen=True)
class PlaceRules:
    """A place inside this one whose quota is set by rule and no list, for some year and category."""

    place: PlaceLink = documented("the place")
    figures: list[RuleFigure] = documented("its rule-only years and categories (views.rules.rule_figures)")


@dataclass(frozen=True)
class YearLink:
    """A year of a place's quota rows, shown in the explorer instead of on the page."""

    year: int = documented("the quota year")
    rows: int = documented("the place's quota rows of that year")
    href: str = documented("link to the quotas explorer, filtered to the place and the year")


@dataclass(frozen=True)
class RatingReportLink:
    """A rating report whose rows a region page leaves out: its own page lists them all."""

    year: Any = documented("the report's year as loaded (a number; None when unknown)")
    title: str = documented("the report's title; its id when it has none")
    rows: int = documented("its rows about the region that the page leaves out")
    href: str = documented("link to the report's page")


@dataclass(frozen=True)
class PlaceContext:
    """One place's page."""

    place_id: str = documented("the place's id in places.csv")
    name: str = documented('the name a reader expects (model.reader_name), e.g. "Орал қаласы"')
    name_kk: str = documented("the official (КАТО) name in Kazakh")
    name_ru: str = documented('the official name in Russian; "" when none')
    kind_kk: str = documented("its kind's title (enumTitles), e.g. \"Аудан\"; \"Республикалық маңызы бар қала\" for a "
                              "city without a parent")
    kato: str = documented('its КАТО code; "" when none')
    aliases: list[str] = documented("other names the documents use for it; empty when none")
    valid_from: str = documented('the date it was created, as written; "" when unknown')
    valid_to: str = documented('the date it was abolished or changed, as written; "" while it exists')
    parent: PlaceLink | None = documented("the place it is in; None for regions and republican cities")
    former_parent: PlaceLink | None = documented("the place it was in before; None when it never moved")
    parent_changed_on: str = documented('the date it moved from its former parent, as written; "" when unknown')
    breadcrumbs: list[PlaceLink] = documented("the places it is in, from the top (the region) down, without itself")
    index_href: str = documented("link to /places/")
    explorer_href: str = documented("link to the quotas explorer filtered to the place (and its region)")
    quota_figures: list[QuotaFigure] = documented("quota figures of the place and everything inside it, newest "
                                                  "year first, then by category")
    quota_rows: list[QuotaRow] = documented("the place's own quota rows of its newest years: always the newest, "
                                            "earlier ones while they all fit PLACE_ROWS_INLINE rows")
    more_years: list[YearLink] = documented("earlier years whose rows are not listed here, newest first")
    child_quotas: list[ChildQuotaRow] = documented("quota figures per child place, year and category; empty without "
                                                   "children with quotas")
    chart: charts.Chart | None = documented("quota jobs per child place, else per year and category; None without "
                                            "quota figures")
    chart_rows: list[dict[str, Any]] = documented("the chart's data: one dict per child place (place_id, place_kk), "
                                                  "year and category (its title) with organizations and jobs; without "
                                                  "child places no place keys")
    chart_headers: list[tuple[str, str]] = documented("the columns of the chart's data table as (key in chart_rows, "
                                                      "heading); empty without a chart")
    ratings: list[RatingRow] = documented("ratings of the place's own employment centre")
    region_ratings: list[RatingRow] = documented("on a top-level place's page: the centres rated in it (by their "
                                                 "region in the rating's year); empty elsewhere")
    programs: list[ProgramBlock] = documented("the programmes with rows about the place, by id")
    resolutions: list[ResolutionLink] = documented("resolutions it issued or that set quotas in it or in places inside "
                                                   "it, by date")
    children: list[ChildSummary] = documented("the places directly inside it, in places.csv (КАТО) order")
    former_children: list[PlaceLink] = documented("places that were inside it before")
    history: changes.HistoryContext = documented("row changes about the place, from git history")
    guide: QuotaGuide | None = documented("with quota figures: what a quota means for a person, the acts behind "
                                          "the rows and what the data covers (views.quota_guide); None without",
                                          default=None)
    contribute_href: str = documented("link to the guide's part on adding data (/contribute/#add)", default="")
    has_data: bool = documented("any row of any table is about the place or a place inside it; False: the page "
                                "says so once, with no empty sections", default=True)
    missing: list[str] = documented('the kinds of data the place has none of, said once, e.g. "квоталар"; empty '
                                    "when it has every kind", default_factory=list)
    child_ratings: list[RatingRow] = documented("on a region's page with no centre rated under its name in the "
                                                "rating's year (Абай, formed 2022): the ratings of the places inside "
                                                "it today; empty otherwise", default_factory=list)
    rules: list[RuleBlock] = documented("the quota terms that bind the place (Model.rules_of): its own acts' and those "
                                        "of the places it is in, in plain words, each with its calculator; shown "
                                        "above the list", default_factory=list)
    rule_figures: list[RuleFigure] = documented("the years and categories where its quota is set by rule and no list "
                                                "(shown instead of zero jobs); empty when none", default_factory=list)
    rules_inside: list[PlaceRules] = documented("the places inside it whose quota is set by rule and no list, in "
                                                "places.csv order; empty when none", default_factory=list)
    compare_href: str = documented("the compare page with this place chosen (\"compare with…\"); \"\" for a place "
                                   "without data (it has no API document to compare)", default="")
    api_href: str = documented("its JSON document of the static API (views/api.py); \"\" when it has none",
                               default="")
    place_map: maps.PlaceMap | None = documented("on a region's (or republican city's) page: the map of its districts "
                                                 "and cities (views/maps.py); None elsewhere or without figures",
                                                 default=None)
    children_newest_only: bool = documented("children show their newest year's figures and newest rating only (above "
                                            "CHILD_FIGURES_INLINE figures in all); False: every year", default=False)
    child_years_left: list[int] = documented("earlier years whose child_quotas rows are not listed (above "
                                             "REGION_ROWS_INLINE rows; the chart's data table has them), newest "
                                             "first; empty when every year is listed", default_factory=list)
    ratings_left: list[RatingReportLink] = documented("the earlier rating reports whose rows region_ratings or "
                                                      "child_ratings leave out (above REGION_RATINGS_INLINE rows), "
                                                      "newest first, each linking to its report; empty when all are "
                                                      "listed",
                                                      default_factory=list)
    rows_cut: YearLink | None = documented("the newest year when it alone has more than PLACE_ROWS_INLINE rows: "
                                           "quota_rows holds its first PLACE_ROWS_INLINE (by category, resolution and "
                                           "row), "
                                           "the explorer every one; None when quota_rows holds the year whole",
                                           default=None)
    rows_from: str = documented("on the Russian and English sites, the link to the table of quota_rows on the "
                                "Kazakh page, whose rows the reader's browser shows here (one copy of the rows for the "
                                'three sites, issue 18); "" on the Kazakh site, where the rows are in the page',
                                default="")
    row_terms: dict[str, str] = documented("with rows_from: the Kazakh rows' texts this page says in its words, "
                                           "Kazakh → this page's (the categories' titles, the row links' title); "
                                           "empty otherwise", default_factory=dict)
    row_numbers: dict[str, dict[str, str]] = documented('with rows_from: how the Kazakh rows write their figures and '
                                                        'how this page does, {"from": {…}, "to": {…}} '
                                                        "(formats.number_symbols); empty otherwise",
                                                        default_factory=dict)
    resolutions_total: int = documented("how many resolutions concern the place (resolutions may show fewer)",
                                        default=0)
    resolutions_href: str = documented("link to the list of them all (its region's resolutions, or the index), "
                                       "when resolutions shows only the newest PLACE_RESOLUTIONS_INLINE; \"\" when "
                                       "it shows them all", default="")
    other_names: list[tuple[str, str]] = documented(
        '(language code, name) in the languages other than the page\'s, those it has: ("kk", "Орал қаласы" '
        '(model.reader_name)), ("ru", "город Уральск" (model.reader_name_ru)), ("en", "Oral" (places.csv)); '
        'the page\'s own is `name`',
        default_factory=list)


@dataclass(frozen=True)
class IndexEntry:
    place: PlaceLink = documented("a district or city")
    quotas: list[QuotaFigure] = documented("its quota figures (with every place inside it), by year and category")
    ratings: list[str] = documented('its centre\'s ratings in short, e.g. "2017: 153/160"')
    towns: list[PlaceLink] = documented("the places inside it")
    has_data: bool = documented("whether the data says anything about it: its own rows, a resolution that concerns it, "
                                "or quotas of a place inside it")
    rules: list[RuleFigure] = documented("its years and categories set by rule and no list (never shown as zero)",
                                         default_factory=list)


@dataclass(frozen=True)
class IndexGroup:
    top: PlaceLink = documented("a region or a city of republican significance")
    top_has_data: bool = documented("whether the data says anything about it: its own rows, a resolution that concerns "
                                    "it, or quotas of a place inside it")
    with_data: list[IndexEntry] = documented("the places directly inside it that have data, in places.csv order")
    without_data: list[PlaceLink] = documented("those without data, in places.csv order")


@dataclass(frozen=True)
class IndexContext:
    groups: list[IndexGroup] = documented("one per top-level place, in places.csv (КАТО) order")
    places: int = documented("every place of places.csv")
    places_with_data: int = documented("the places with data (has_data)")
    newest_only: bool = documented("each entry shows its newest year's quota and rule figures and its newest rating "
                                   "only (above INDEX_FIGURES_INLINE figures in all); False: every year",
                                   default=False)


# ---------------------------------------------------------------- the data, grouped once


def _anchor(*parts: Any) -> str:
    return "-".join(str(p) for p in parts if p not in (None, "")).replace(" ", "_")


class PlaceIndex:
    """The model's per-place index (Model.atlas) with what pages show of it: names, labels
    of kinds and categories, links."""

    def __init__(self, data: model.Model) -> None:
        self.data = data
        atlas = data.atlas
        self.atlas = atlas
        self.names = data.names
        # every list of places in Kazakh alphabetical order of the names readers see
        self.order = sorted(atlas.order, key=lambda pid: model.kk_key(self.names.get(pid, pid)))
        self.position = {pid: i for i, pid in enumerate(self.order)}
        self.places, self.chains = atlas.places, atlas.chains
        self.children = {k: sorted(v, key=self.position.__getitem__) for k, v in atlas.children.items()}
        self.former_children = {k: sorted(v, key=self.position.__getitem__) for k, v in atlas.former_children.items()}
        self.resolutions, self.concern = atlas.resolutions, atlas.concern
        self.child_figures, self.descendant_resolutions = atlas.child_figures, atlas.descendant_resolutions
        self.reports, self.ratings, self.ratings_by_region = atlas.reports, atlas.ratings, atlas.ratings_by_region
        self.programs, self.program_jobs = atlas.programs, atlas.program_jobs
        self.program_targets, self.program_targets_of_which = atlas.program_targets, atlas.program_targets_of_which
        self.quota_years, self.quotas_of, self.has_data = atlas.quota_years, atlas.quotas_of, atlas.has_data
        self.category_kk = data.labels("quotas", "quotas", "category")
        self.figures = {key: [QuotaFigure(
            int(r["year"]), str(r["category"]), self.category_kk.get(str(r["category"]), str(r["category"])),
            int(r["organizations"]), int(r["jobs"]),
            data.label("quotas", "quotas", "category", r["category"], short=True)) for r in rows]
            for key, rows in atlas.figures.items()}
        self.quota_resolutions = atlas.quota_resolutions  # place → the resolutions of its own quota rows

    # ------------------------------------------------------------ per place lookups

    def kind_kk(self, pid: str) -> str:
        r = self.places[pid]
        if r["kind"] == "city" and not r["parent_id"]:
            return tr(REPUBLICAN_CITY_KK)
        return self.data.label("places", "places", "kind", r["kind"])

    def place_link(self, pid: str, page: str) -> PlaceLink:
        return PlaceLink(pid, self.names.get(pid, pid), link(page, urls.place(pid)),
                         self.kind_kk(pid) if pid in self.places else "",
                         self.data.keywords.get(pid, pid))

    def figures_of(self, pid: str) -> list[QuotaFigure]:
        """Quota figures of a place with everything inside it, per year and category."""
        return self.figures.get(pid, [])

    def rating_texts(self, pid: str, short: bool = False) -> list[str]:
        """"2017: 153-орын / 160 (аудандық орталықтар)", or "2017: 153/160" when short."""
        out = []
        for r in self.ratings.get(pid, []):
            year = formats.text(self.reports.get(str(r["rating_id"]), {}).get("year"))
            if short:
                out.append(f"{year}: {r['rank']}/{r['kind_count']}")
            else:
                kind = self.data.label("ratings", "ratings", "kind", r["kind"], short=True)
                out.append(f"{year}: " + tr("%(rank)s-орын / %(count)s") % {"rank": r["rank"], "count": r["kind_count"]}
                           + f" ({kind.lower()})")  # inside a line
        return out


# ---------------------------------------------------------------- building the pages


def iter_outputs(data: model.Model) -> Iterator[Output]:
    index = PlaceIndex(data)
    yield Output(urls.docs_path(urls.PLACES), render.render_page("places.md.j2", index_context(index)))
    for pid in index.order:
        ctx = place_context(index, pid)
        if not index.places[pid]["parent_id"]:  # a region or republican city: the map of what is inside it
            place_map, map_file = maps.place_map(data, urls.docs_path(urls.place(pid)), pid, "map-place")
            if place_map is not None and map_file is not None:
                place_map, embed_page = embeds.share_map(
                    data, place_map, pid, page=urls.docs_path(urls.place(pid)), page_title=ctx.name, place=ctx.name,
                    sources=embeds.resolution_sources(data, [r.resolution_id for r in ctx.resolutions]),
                    sources_total=ctx.resolutions_total)
                ctx = replace(ctx, place_map=place_map)
                yield map_file
                yield embed_page
        if ctx.chart is not None:
            chart, embed_page = embeds.share_chart(
                data, ctx.chart, urls.chart_key("place", pid, "quotas"), page=urls.docs_path(urls.place(pid)),
                page_title=ctx.name, title=embeds.title("place", place=ctx.name),
                sources=embeds.resolution_sources(data, [r.resolution_id for r in ctx.resolutions]),
                sources_total=ctx.resolutions_total, package="quotas")
            ctx = replace(ctx, chart=chart)
            yield embed_page
        yield Output(urls.docs_path(urls.place(pid)), render.render_page("places_place.md.j2", ctx))


def index_context(index: PlaceIndex) -> IndexContext:
    page = urls.docs_path(urls.PLACES)
    tops = [pid for pid in index.order if not index.places[pid]["parent_id"]]
    groups = []
    figures = sum(len(index.figures_of(pid)) + len(index.ratings.get(pid, [])) for pid in index.places)
    newest_only = figures > INDEX_FIGURES_INLINE
    for top in tops:
        with_data, without = [], []
        for pid in index.children.get(top, []):
            towns = [index.place_link(t, page) for t in index.children.get(pid, [])]
            quotas, rules = index.figures_of(pid), rule_figures(index.data, pid, page)
            ratings = index.rating_texts(pid, short=True)
            if newest_only:
                quotas, rules, ratings = _newest_figures(quotas, rules, ratings)
            entry = IndexEntry(index.place_link(pid, page), quotas, ratings, towns, index.has_data(pid), rules)
            if entry.has_data:
                with_data.append(entry)
            else:
                without.append(entry.place)
        groups.append(IndexGroup(index.place_link(top, page), index.has_data(top),
                                 with_data, without))
    return IndexContext(groups, len(index.places),
                        sum(index.has_data(pid) for pid in index.places), newest_only)


def place_context(index: PlaceIndex, pid: str) -> PlaceContext:
    page = urls.docs_path(urls.place(pid))
    sources = PageSources(index.data, page)
    r = index.places[pid]
    parent = index.place_link(str(r["parent_id"]), page) if r["parent_id"] in index.places else None
    former = (index.place_link(str(r["former_parent_id"]), page)
              if r["former_parent_id"] in index.places else None)
    chain = index.chains[pid]
    quota_rows, more_years, rows_cut = _quota_rows(index, pid, sources)
    all_child_quotas = _child_quotas(index, pid, page)
    chart, chart_rows, headers = _quota_chart(index, pid, all_child_quotas)
    child_quotas, child_left = newest_years(all_child_quotas, lambda q: q.year, REGION_ROWS_INLINE)
    ratings = _rating_rows(index, index.ratings.get(pid), sources, with_place=False)
    region_ratings = (_rating_rows(index, index.ratings_by_region.get(pid), sources, with_place=True)
                      if not r["parent_id"] else [])
    child_ratings = (_rating_rows(index, [x for c in index.children.get(pid, []) for x in index.ratings.get(c, [])],
                                  sources, with_place=True)
                     if not r["parent_id"] and not ratings and not region_ratings else [])
    region_ratings, left = newest_years(region_ratings, lambda x: x.year or 0, REGION_RATINGS_INLINE)
    child_ratings, left_too = newest_years(child_ratings, lambda x: x.year or 0, REGION_RATINGS_INLINE)
    programs = _program_blocks(index, pid, sources)
    resolution_ids = index.concern.get(pid, set()) | index.descendant_resolutions.get(pid, set())
    ordered = sorted(resolution_ids,
                     key=lambda rid: (formats.text(index.resolutions.get(rid, {}).get("adopted_on")), rid))
    resolutions = [_resolution_link(index, rid, page) for rid in ordered[-PLACE_RESOLUTIONS_INLINE:]]
    all_resolutions = ""
    if len(ordered) > PLACE_RESOLUTIONS_INLINE:
        all_resolutions = link(page, urls.resolutions_of_region(region_of(index.data, chain[-1]))
                               if regions_listed(index.data) else urls.RESOLUTIONS)
    children = [ChildSummary(index.place_link(c, page), formats.text(index.places[c]["kato"]),
                             index.figures_of(c), index.rating_texts(c), index.has_data(c),
                             rule_figures(index.data, c, page))
                for c in index.children.get(pid, [])]
    children_newest_only = sum(len(c.quotas) + len(c.ratings) + len(c.rules) for c in children) > CHILD_FIGURES_INLINE
    if children_newest_only:
        newest = [(c, _newest_figures(c.quotas, c.rules, c.ratings)) for c in children]
        children = [ChildSummary(c.place, c.kato, quotas, ratings, c.has_data, rules)
                    for c, (quotas, rules, ratings) in newest]
    rules = rule_blocks(index.data, sources, index.data.rules_of(pid), pid)
    own_rule_figures = rule_figures(index.data, pid, page)
    rules_inside = [PlaceRules(index.place_link(c, page), rule_figures(index.data, c, page))
                    for c in sorted(index.atlas.rule_only_inside.get(pid, []), key=index.position.__getitem__)]
    return PlaceContext(
        place_id=pid,
        name=index.names[pid],
        name_kk=formats.text(r["name_kk"]),
        name_ru=formats.text(r["name_ru"]),
        other_names=[(code, name) for code, name in (("kk", model.reader_name(formats.text(r["name_kk"]))),
                                                     ("ru", model.reader_name_ru(formats.text(r["name_ru"]))),
                                                     ("en", formats.text(r["name_en"])))
                     if name and code != i18n.current()],
        kind_kk=index.kind_kk(pid),
        kato=formats.text(r["kato"]),
        aliases=[a.strip() for a in formats.text(r["aliases"]).split(";") if a.strip()],
        valid_from=formats.text(r["valid_from"]),
        valid_to=formats.text(r["valid_to"]),
        parent=parent,
        former_parent=former,
        parent_changed_on=formats.text(r["parent_changed_on"]),
        breadcrumbs=[index.place_link(p, page) for p in reversed(chain[1:])],
        index_href=link(page, urls.PLACES),
        explorer_href=_explorer_href(index, pid, page),
        # newest year first: the figures lead the page, and a citizen wants this year's
        quota_figures=sorted(index.figures_of(pid), key=lambda f: -f.year),
        quota_rows=quota_rows,
        more_years=more_years,
        rows_cut=rows_cut,
        **_rows_elsewhere(index, pid, page, quota_rows),
        resolutions_total=len(ordered),
        resolutions_href=all_resolutions,
        child_quotas=child_quotas,
        children_newest_only=children_newest_only,
        child_years_left=sorted({q.year for q in child_left}, reverse=True),
        ratings_left=_reports_left(left + left_too),
        chart=chart,
        chart_rows=chart_rows,
        chart_headers=headers,
        ratings=ratings,
        region_ratings=region_ratings,
        programs=programs,
        resolutions=resolutions,
        children=children,
        former_children=[index.place_link(c, page) for c in index.former_children.get(pid, [])],
        history=changes.history_for_place(index.data, pid, page),
        guide=_guide(index, pid, page, rules),
        contribute_href=link(page, urls.CONTRIBUTE),
        has_data=index.has_data(pid) or any(c.has_data for c in children),
        missing=[label for label, present in (
            (tr("квоталар"), bool(index.figures_of(pid) or rules or rules_inside)),
            (tr("жұмыспен қамту орталығының рейтингі"), bool(ratings or region_ratings or child_ratings)),
            (tr("жұмыспен қамту бағдарламалары"), bool(programs)),
            (tr("қаулылар"), bool(resolutions))) if not present],
        child_ratings=child_ratings,
        rules=rules,
        rule_figures=own_rule_figures,
        rules_inside=rules_inside,
        compare_href=link(page, urls.compare(pid)) if index.has_data(pid) else "",
        api_href=link(page, urls.api_place(pid)) if index.has_data(pid) else "",
    )


def _newest_figures(quotas: list[QuotaFigure], rules: list[RuleFigure], ratings: list[str]
                    ) -> tuple[list[QuotaFigure], list[RuleFigure], list[str]]:
    """A place's figures of its newest year (quota and rule figures) and its newest rating
    ("2017: …" texts), for the lists that summarise many places."""
    newest = max([f.year for f in quotas] + [f.year for f in rules if f.year is not None], default=None)
    return ([f for f in quotas if f.year == newest],
            [f for f in rules if f.year == newest or (f.year is None and newest is None)],
            sorted(ratings)[-1:])


def _guide(index: PlaceIndex, pid: str, page: str, rules: list[RuleBlock]) -> QuotaGuide | None:
    """What a quota means, for a place with quota rows (its own or inside it) or terms that
    bind it."""
    figures = index.figures_of(pid)
    if not figures and not rules:
        return None
    rids = (index.quota_resolutions.get(pid, set()) | index.descendant_resolutions.get(pid, set())
            | {r.resolution_id for r in index.data.rules_of(pid)})
    return quota_guide(index.data, page, sorted(rids), {f.category for f in figures} | {b.category for b in rules},
                       all_acts=f"{urls.place(pid)}#resolutions")


def _rows_elsewhere(index: PlaceIndex, pid: str, page: str, rows: list[QuotaRow]) -> dict[str, Any]:
    """On the Russian and English sites, where the rows of the place's quota table come from
    (the Kazakh page) and what of theirs this page says in its words (PlaceContext.rows_from,
    row_terms, row_numbers); nothing on the Kazakh site."""
    if i18n.current() == i18n.SOURCE or not rows:
        return {}
    here = index.data.labels("quotas", "quotas", "category")
    kazakh = index.data.labels("quotas", "quotas", "category", lang=i18n.SOURCE)
    with i18n.use(i18n.SOURCE):
        link_title = tr("Осы жолға сілтеме")
    terms = {kazakh[c]: here[c] for c in sorted({r.category for r in rows}) if c in kazakh and c in here}
    return dict(rows_from=urls.source_language_page(page, f"{urls.place(pid)}#quota-organizations"),
                row_terms={**terms, link_title: tr("Осы жолға сілтеме")},
                row_numbers={"from": formats.number_symbols(i18n.SOURCE), "to": formats.number_symbols()})


def _quota_rows(index: PlaceIndex, pid: str, sources: PageSources
                ) -> tuple[list[QuotaRow], list[YearLink], YearLink | None]:
    """The place's quota rows of its newest years (PLACE_ROWS_INLINE), links to the explorer
    for the years before them, and the newest year when it alone is longer than
    PLACE_ROWS_INLINE (its first rows are listed, the explorer has every one)."""
    shown: set[int] = set()
    listed = 0
    more: list[YearLink] = []
    for year, rows in sorted(index.quota_years(pid).items(), reverse=True):
        if not shown or (not more and listed + rows <= PLACE_ROWS_INLINE):
            shown.add(year)
            listed += rows
        else:
            more.append(YearLink(year, rows, _explorer_href(index, pid, sources.page, year)))
    page = sources.page
    records = index.quotas_of(pid, shown)
    cut = None
    if len(records) > PLACE_ROWS_INLINE:
        year = max(shown)
        cut = YearLink(year, len(records), _explorer_href(index, pid, page, year))
        records = records[:PLACE_ROWS_INLINE]
    return [QuotaRow(
        src=sources.row("quotas", "quotas", q, _anchor("quota", q["resolution_id"], q["category"], q["row_no"]),
                        source_path=formats.text(q["source_path"])),
        resolution_id=str(q["resolution_id"]),
        resolution_label=_resolution_label(index.resolutions.get(str(q["resolution_id"]), {}),
                                           str(q["resolution_id"])),
        resolution_href=link(page, urls.resolution(str(q['resolution_id']))),
        year=int(q["year"]),
        category=str(q["category"]),
        category_kk=index.category_kk.get(str(q["category"]), str(q["category"])),
        row_no=int(q["row_no"]),
        organization_kk=formats.text(q["organization_kk"]),
        headcount=q["headcount"],
        quota_percent=formats.number(q["quota_percent"]),
        jobs=q["jobs"],
    ) for q in records], more, cut


def _explorer_href(index: PlaceIndex, pid: str, page: str, year: int | None = None) -> str:
    """The quotas explorer filtered to the place (its region, so that a national corpus
    loads one region's rows) and, when given, a year: the explorer keeps filters in the URL."""
    region = index.chains[pid][-1]
    query = {"region_kk": index.names[region]}
    if pid != region:
        query["place_kk"] = index.names[pid]
    if year is not None:
        query["year"] = str(year)
    return link(page, urls.explorer(**query))


def _resolution_label(r: dict[str, Any], rid: str) -> str:
    number, adopted = formats.text(r.get("number")), formats.text(r.get("adopted_on"))
    return f"№ {number}, {adopted[:4]}" if number and adopted else rid


def newest_years(items: list[T], year_of: Callable[[T], int], limit: int) -> tuple[list[T], list[T]]:
    """`items` of their newest years, newest first, while they fit `limit` (always every item
    of the newest year), in their own order; and the items of the years left out."""
    counts: dict[int, int] = {}
    for x in items:
        counts[year_of(x)] = counts.get(year_of(x), 0) + 1
    kept: set[int] = set()
    listed = 0
    for year in sorted(counts, reverse=True):
        if kept and listed + counts[year] > limit:
            break
        kept.add(year)
        listed += counts[year]
    return [x for x in items if year_of(x) in kept], [x for x in items if year_of(x) not in kept]


def _reports_left(rows: list[RatingRow]) -> list[RatingReportLink]:
    """The rating reports of `rows` (left out of a page), newest first, with how many rows each."""
    reports: dict[str, list[RatingRow]] = {}
    for r in rows:
        reports.setdefault(r.rating_id, []).append(r)
    return sorted((RatingReportLink(rs[0].year, rs[0].report_title, len(rs), rs[0].report_href)
                   for rs in reports.values()), key=lambda x: (x.year or 0, x.title), reverse=True)


def _child_quotas(index: PlaceIndex, pid: str, page: str) -> list[ChildQuotaRow]:
    rows = index.child_figures.get(pid, [])
    position = index.position
    records = sorted(rows,
                     key=lambda q: (position.get(q["child_id"], 0), q["year"], q["category"]))
    return [ChildQuotaRow(
        anchor=_anchor("quota", q["child_id"], q["year"], q["category"]),
        place=index.place_link(str(q["child_id"]), page),
        year=int(q["year"]),
        category_kk=index.category_kk.get(str(q["category"]), str(q["category"])),
        organizations=int(q["organizations"]),
        jobs=int(q["jobs"]),
        category=str(q["category"]),
    ) for q in records]


def _quota_chart(index: PlaceIndex, pid: str, child_quotas: list[ChildQuotaRow]
                 ) -> tuple[charts.Chart | None, list[dict[str, Any]], list[tuple[str, str]]]:
    """Places with child places chart jobs per child; others per year and category. A place
    with one figure has no chart (charts.worth_a_chart): its figure is in the list above."""
    titles = index.category_kk
    if child_quotas:
        df = pd.DataFrame([{"place_id": q.place.place_id, "place_kk": q.place.name,
                            "year": q.year, "category": q.category,
                            "organizations": q.organizations, "jobs": q.jobs}
                           for q in child_quotas])
        if not charts.worth_a_chart(len(df)):
            return None, [], []
        by_place = _by_place(df)
        by_rule = [f"{index.names.get(c, c)} ({f.year_text}: {f.text})"
                   for c in sorted(index.atlas.rule_only_inside.get(pid, []), key=index.position.__getitem__)
                   for f in rule_figures(index.data, c, urls.docs_path(urls.place(pid)))]
        chart = charts.bar_jobs_by_place(by_place, "chart-place-quotas", titles, by_rule)
        headers = [("place_kk", tr("Аудан / қала")), ("year", tr("Жыл")), ("category", tr("Санат")),
                   ("organizations", tr("Ұйымдар")), ("jobs", tr("Жұмыс орындары"))]
        return chart, _titled(by_place, titles), headers
    figures = index.figures_of(pid)
    if not charts.worth_a_chart(len(figures)):
        return None, [], []
    df = pd.DataFrame([{"year": f.year, "category": f.category,
                        "organizations": f.organizations, "jobs": f.jobs} for f in figures])
    chart = charts.bar_jobs_by_year_category(df, "chart-place-quotas", index.names[pid], titles)
    headers = [("year", tr("Жыл")), ("category", tr("Санат")), ("organizations", tr("Ұйымдар")),
               ("jobs", tr("Жұмыс орындары"))]
    return chart, _titled(df, titles), headers


def _titled(df: pd.DataFrame, titles: dict[str, str]) -> list[dict[str, Any]]:
    """A chart's rows for its data table: each category by its title."""
    return df.assign(category=df["category"].map(lambda c: titles.get(c, c))).to_dict("records")


def _by_place(df: pd.DataFrame) -> pd.DataFrame:
    """Child figures in the shape of model.jobs_by_place (places with most jobs first)."""
    total = df.groupby("place_id")["jobs"].transform("sum")
    out = df.assign(_total=total).sort_values(
        ["_total", "place_kk", "year", "category"], ascending=[False, True, True, True])
    return out.drop(columns="_total").reset_index(drop=True)


def _rating_rows(index: PlaceIndex, rows: list[dict[str, Any]] | None, sources: PageSources,
                 with_place: bool) -> list[RatingRow]:
    out = []
    page = sources.page
    for r in rows or []:
        report = index.reports.get(str(r["rating_id"]), {})
        region_known = bool(r["region_as_printed"])
        out.append(RatingRow(
            src=sources.row("ratings", "ratings", r, _anchor("rating", r["rating_id"], r["kind"], r["rank"]),
                            source_path=formats.text(report.get("source_path"))),
            rating_id=str(r["rating_id"]),
            report_title=formats.text(report.get("title_kk")) or str(r["rating_id"]),
            report_href=link(page, urls.rating(str(r["rating_id"]))),
            year=report.get("year"),
            kind_kk=index.data.label("ratings", "ratings", "kind", r["kind"], short=True),
            rank=int(r["rank"]),
            kind_count=int(r["kind_count"]),
            region_rank=int(r["region_rank"]) if region_known else None,
            region_count=int(r["region_count"]) if region_known else None,
            region_as_printed=formats.text(r["region_as_printed"]),
            name_as_printed=formats.text(r["name_as_printed"]),
            index=formats.number(r["index"]),
            place=(index.place_link(str(r["place_id"]), page)
                   if with_place and r["place_id"] in index.places else None),
        ))
    return out


def _program_rows(data: model.Model, rows: pd.DataFrame, resource: str, key: str,
                  years: list[int], sources: PageSources, source_path: str, prefix: str) -> list[ProgramRow]:
    """A place's rows of a programme table: one per (place, row kind, job type or
    indicator), its values across the years, each value one CSV row (a Cell). Rows follow
    the schema's order of row kinds (place, of_which, total) and of job types or indicators."""
    out = []
    labels = data.labels("programs", resource, key)
    row_kinds = data.labels("programs", resource, "row_kind")
    position = {k: i for i, k in enumerate(labels)}
    kinds = {k: i for i, k in enumerate(row_kinds)}
    groups = rows.groupby(["place_id", "row_kind", key], sort=False)
    for (place_id, row_kind, measure), g in sorted(
            groups, key=lambda kv: (kinds.get(kv[0][1], 9), kv[0][0], position.get(kv[0][2], 99))):
        anchor = _anchor(prefix, g["program_id"].iloc[0], place_id, row_kind, measure)
        by_year = {int(r["year"]): r for r in g.to_dict("records")}
        lines = list(dict.fromkeys(str(s) for s in g["source_lines"] if s))
        out.append(ProgramRow(
            anchor=anchor,
            label=labels.get(str(measure), str(measure)),
            place_as_printed=formats.text(g["place_name_as_printed"].iloc[0]),
            row_kind_kk="" if row_kind == "place" else row_kinds.get(str(row_kind), str(row_kind)),
            cells=[Cell(formats.number(by_year[y]["value"]),
                        sources.row("programs", resource, by_year[y], anchor, source_path=source_path))
                   if y in by_year else None for y in years],
            sources=[(s, sources.lines_href(s, source_path)) for s in lines],
        ))
    return out


def _program_blocks(index: PlaceIndex, pid: str, sources: PageSources) -> list[ProgramBlock]:
    parts = [index.program_jobs.get(pid), index.program_targets.get(pid),
             index.program_targets_of_which.get(pid)]
    program_ids = sorted({str(p) for df in parts if df is not None for p in df["program_id"]})
    blocks = []
    for prog_id in program_ids:
        program = index.programs.get(prog_id, {})
        source_path = formats.text(program.get("source_path"))

        def of(df: pd.DataFrame | None, prog_id: str = prog_id) -> pd.DataFrame:
            if df is None:
                return pd.DataFrame(columns=["program_id", "year"])
            return df[df["program_id"] == prog_id]

        jobs = of(index.program_jobs.get(pid)).rename(columns={"jobs": "value"})
        targets = pd.concat([of(index.program_targets.get(pid)),
                             of(index.program_targets_of_which.get(pid))])
        years = sorted({int(y) for y in list(jobs["year"]) + list(targets["year"])})
        parent_note = ""
        own_targets = of(index.program_targets.get(pid))
        if len(own_targets) and own_targets["row_kind"].eq("of_which").all():
            parent = formats.text(own_targets["parent_place_id"].iloc[0])
            parent_note = index.names.get(parent, parent)
        blocks.append(ProgramBlock(
            program_id=prog_id,
            title=formats.text(program.get("title_kk")) or prog_id,
            href=link(sources.page, urls.program(prog_id)),
            years=years,
            jobs=_program_rows(index.data, jobs, "program_jobs", "job_type", years,
                               sources, source_path, "jobs") if len(jobs) else [],
            targets=_program_rows(index.data, targets, "program_targets", "indicator", years,
                                  sources, source_path, "target") if len(targets) else [],
            parent_note=parent_note,
            period=(f"{formats.as_written(program['period_start'])}–{formats.as_written(program['period_end'])}"
                    if formats.present(program.get("period_start")) else ""),
            flags=index.data.flags_at("programs", "programs", int(program[model.LINE])) if program else [],
        ))
    return blocks


def _resolution_link(index: PlaceIndex, rid: str, page: str) -> ResolutionLink:
    r = index.resolutions.get(rid, {})
    return ResolutionLink(rid, formats.text(r.get("title_kk")) or rid, formats.text(r.get("number")),
                          formats.text(r.get("adopted_on")), formats.text(r.get("issuer_kk")),
                          link(page, urls.resolution(rid)), formats.text(r.get("language")) or "kk")
