"""Places: an index of regions → districts and cities, and one page per place.

A place page joins everything the data says about one place: its quota rows (by year and
category), its employment centre's rating, programme jobs and targets, the resolutions
that concern it, its parent and its child places. Every place of places.csv has a page,
with or without data. The build stays linear in the number of rows and places: each table
is grouped by place once (`PlaceIndex`), and a page only looks up its own groups.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ashyq import charts, formats, model, render, urls
from ashyq.urls import link
from ashyq.views import Cell, Output, PageSources, RowSource, changes, plain_table, records_by

KIND_KK = {
    "region": "облыс",
    "city": "қала",
    "district": "аудан",
    "town": "қала (аудан құрамында)",
}
# A city without a parent is a city of republican significance (Astana, Almaty, Shymkent).
REPUBLICAN_CITY_KK = "республикалық маңызы бар қала"
RATING_KIND_KK = {"city": "қалалық орталықтар", "district": "аудандық орталықтар"}
JOB_TYPE_KK = {"permanent": "Тұрақты", "temporary": "Уақытша (мерзімдік)", "total": "Барлығы"}
JOB_TYPE_ORDER = ["permanent", "temporary", "total"]
# The Kazakh wording of the programme's own column heads (datasets/programs, field notes).
INDICATOR_KK = {
    "employed_via_agencies": "Жұмыспен қамту органдары арқылы жұмысқа орналасқандар",
    "public_works": "Ақылы қоғамдық жұмыстарға тартылғандар",
    "vocational_training": "Кәсіби даярлауға жіберілгендер",
    "social_jobs": "Әлеуметтік жұмыс орындары",
    "youth_practice": "Жастар тәжірибесі",
}
INDICATOR_ORDER = list(INDICATOR_KK)
# Short labels of the quota categories for the compact index of places.
SHORT_CATEGORY_KK = {
    "disability": "мүгедектігі барлар",
    "youth_without_parental_care": "қамқорлықсыз жастар",
    "released_from_prison": "бостандыққа шыққандар",
    "probation": "пробациядағылар",
}
ROW_KIND_KK = {"place": "", "of_which": "соның ішінде", "total": "құжаттағы жиыны"}

# A place page lists its quota rows year by year, newest first, while they fit this many
# rows (always at least the newest year). Earlier years link to the explorer filtered to the
# place and year: a district of the national corpus has thousands of rows over ten years,
# and every row is on its resolution's page anyway.
PLACE_ROWS_INLINE = 250

PLACE_COLUMNS = ["place_id", "kind", "parent_id", "kato", "name_kk", "name_ru", "name_en",
                 "aliases", "valid_from", "valid_to", "former_parent_id", "parent_changed_on"]


# ---------------------------------------------------------------- page contexts


@dataclass(frozen=True)
class PlaceLink:
    place_id: str
    name: str  # model.reader_name of the official name
    href: str  # relative to the page that shows it
    kind_kk: str
    keywords: str = ""  # every name and alias, for the index's filter box


@dataclass(frozen=True)
class QuotaFigure:
    """Quota jobs of one year and category (never summed across years or categories)."""

    year: int
    category: str
    category_kk: str
    organizations: int
    jobs: int
    short_kk: str = ""  # a short label for the index (the full title is its tooltip)


@dataclass(frozen=True)
class QuotaRow:
    src: RowSource
    resolution_id: str
    resolution_label: str  # "№ 593, 2022"
    resolution_href: str
    year: int
    category: str
    category_kk: str
    row_no: int
    organization_kk: str
    headcount: Any
    quota_percent: Any
    jobs: Any


@dataclass(frozen=True)
class ChildQuotaRow:
    """A region page's row: one child place (with its own children), year and category."""

    anchor: str
    place: PlaceLink
    year: int
    category_kk: str
    organizations: int
    jobs: int
    category: str = ""  # the code (quotas.csv), which gives the chart its colour


@dataclass(frozen=True)
class RatingRow:
    src: RowSource
    rating_id: str
    report_title: str
    report_href: str
    year: Any
    kind_kk: str
    rank: int
    kind_count: int  # centres of the same kind in the report
    region_rank: int | None  # place among the centres of the same kind and 2017 region
    region_count: int | None
    region_as_printed: str
    name_as_printed: str
    index: str  # formats.number: "2,84", as on the rating's own page
    place: PlaceLink | None = None  # on region pages: the centre's place


@dataclass(frozen=True)
class ProgramRow:
    """One printed row of a programme table: a job type or indicator of one place."""

    anchor: str
    label: str
    place_as_printed: str
    row_kind_kk: str
    cells: list[Cell | None]  # one per year of the block, None where the document has no value
    sources: list[tuple[str, str]]  # (lines, href) of the row's label and values


@dataclass(frozen=True)
class ProgramBlock:
    program_id: str
    title: str
    href: str
    years: list[int]
    jobs: list[ProgramRow]
    targets: list[ProgramRow]
    parent_note: str = ""  # a town row: the district row it is part of


@dataclass(frozen=True)
class ResolutionLink:
    resolution_id: str
    title: str
    number: str
    adopted_on: str
    issuer: str
    href: str


@dataclass(frozen=True)
class ChildSummary:
    place: PlaceLink
    kato: str
    quotas: list[QuotaFigure]
    ratings: list[str]  # "2017: 153-орын (аудандық орталықтар)"
    has_data: bool


@dataclass(frozen=True)
class YearLink:
    """A year of a place's quota rows, shown in the explorer instead of on the page."""

    year: int
    rows: int
    href: str  # the explorer, filtered to the place and the year


@dataclass(frozen=True)
class PlaceContext:
    """One place's page."""

    place_id: str
    name: str
    name_kk: str  # official (КАТО) names, abbreviations and all ("Орал Қ.Ә.", "Уральск Г.А.")
    name_ru: str
    name_en: str
    name_ru_reader: str  # the Russian name readers use (model.reader_name_ru: "город Уральск")
    kind_kk: str
    kato: str
    aliases: list[str]
    valid_from: str
    valid_to: str
    parent: PlaceLink | None
    former_parent: PlaceLink | None
    parent_changed_on: str
    breadcrumbs: list[PlaceLink]
    index_href: str
    explorer_href: str
    quota_figures: list[QuotaFigure]
    quota_rows: list[QuotaRow]
    more_years: list[YearLink]  # years whose rows are not listed here (PLACE_ROWS_INLINE)
    child_quotas: list[ChildQuotaRow]
    chart: charts.Chart | None
    chart_rows: list[dict[str, Any]]
    chart_headers: list[tuple[str, str]]
    ratings: list[RatingRow]
    region_ratings: list[RatingRow]
    programs: list[ProgramBlock]
    resolutions: list[ResolutionLink]
    children: list[ChildSummary]
    former_children: list[PlaceLink]
    history: changes.HistoryContext  # row changes about the place, from git history


@dataclass(frozen=True)
class IndexEntry:
    place: PlaceLink
    quotas: list[QuotaFigure]
    ratings: list[str]
    towns: list[PlaceLink]
    has_data: bool


@dataclass(frozen=True)
class IndexGroup:
    top: PlaceLink
    top_has_data: bool
    with_data: list[IndexEntry]
    without_data: list[PlaceLink]


@dataclass(frozen=True)
class IndexContext:
    groups: list[IndexGroup]
    places: int
    places_with_data: int


# ---------------------------------------------------------------- the data, grouped once


def _groups(df: pd.DataFrame, key: str) -> dict[str, pd.DataFrame]:
    """Rows by `key`, one pass (sorted keys; rows keep their order)."""
    if df.empty:
        return {}
    return {str(k): g for k, g in df.groupby(df[key].fillna(""), sort=True) if k}


def _anchor(*parts: Any) -> str:
    return "-".join(str(p) for p in parts if p not in (None, "")).replace(" ", "_")


class PlaceIndex:
    """Every table of the site grouped by place, computed once per build."""

    def __init__(self, data: model.Model) -> None:
        self.data = data
        places = plain_table(data, "places", "places", PLACE_COLUMNS)
        self.places: dict[str, dict[str, Any]] = {
            str(r["place_id"]): r for r in places.to_dict("records")}
        self.names = data.names
        # every list of places in Kazakh alphabetical order of the names readers see
        self.order = sorted(self.places, key=lambda pid: model.kk_key(self.names.get(pid, pid)))
        self.position = {pid: i for i, pid in enumerate(self.order)}
        self.children: dict[str, list[str]] = defaultdict(list)
        self.former_children: dict[str, list[str]] = defaultdict(list)
        for pid in self.order:
            r = self.places[pid]
            if r["parent_id"]:
                self.children[str(r["parent_id"])].append(pid)
            if r["former_parent_id"]:
                self.former_children[str(r["former_parent_id"])].append(pid)
        self.chains = {pid: data.chain(pid) for pid in self.places}
        self.category_kk = data.enum_titles("quotas", "quotas", "category")

        resolutions = plain_table(data, "resolutions", "resolutions",
                             ["resolution_id", "issuer_kk", "place_id", "adopted_on", "number",
                              "title_kk", "source_path"])
        self.resolutions = {str(r["resolution_id"]): r for r in resolutions.to_dict("records")}
        self._init_quotas()
        self._init_ratings()
        self._init_programs()
        # Resolutions that concern a place: it issued them, or they set quotas there.
        concern: dict[str, set[str]] = defaultdict(set)
        for rid, r in self.resolutions.items():
            if r["place_id"]:
                concern[str(r["place_id"])].add(rid)
        for pid, rid in self._quota_resolutions:
            concern[pid].add(rid)
        self.concern = concern

    def quota_years(self, pid: str) -> dict[int, int]:
        """Years of the place's own quota rows → the number of rows."""
        positions = self._quota_positions.get(pid)
        if positions is None:
            return {}
        return {int(y): int(n) for y, n in self._quota_frame["year"].iloc[positions].value_counts().items()}

    def quotas_of(self, pid: str, years: set[int]) -> list[dict[str, Any]]:
        """The place's own quota rows of `years` as plain dicts, by year, category,
        resolution and row."""
        positions = self._quota_positions.get(pid)
        if positions is None:
            return []
        part = self._quota_frame.iloc[positions]
        return part[part["year"].isin(years)].to_dict("records")

    def _init_quotas(self) -> None:
        quotas = model.quota_rows(self.data)  # in the CSV's order
        quotas = quotas.astype(object).where(quotas.notna(), None)
        quotas["source_path"] = quotas["resolution_id"].map(
            lambda rid: formats.text(self.resolutions.get(str(rid), {}).get("source_path")))
        # Rows stay in one frame, their positions grouped by place: a page converts only the
        # rows it lists (the newest years, see PLACE_ROWS_INLINE) into plain dicts.
        self._quota_frame = quotas.sort_values(["place_id", "year", "category", "resolution_id", "row_no"],
                                               kind="stable").reset_index(drop=True)
        self._quota_positions = {str(k): v for k, v in self._quota_frame.groupby("place_id").indices.items()}
        self._quota_resolutions = [
            (str(pid), str(rid)) for pid, rid in
            quotas[["place_id", "resolution_id"]].drop_duplicates().itertuples(index=False, name=None)]
        # Figures per place, year and category, rolled up to every place above it through
        # the child on the path: a region's row says which district the jobs are in.
        figures = (quotas.groupby(["place_id", "year", "category"], as_index=False)
                   .agg(organizations=("organization_kk", "count"), jobs=("jobs", "sum")))
        pairs = [(pid, chain[i], chain[i - 1])
                 for pid, chain in self.chains.items() for i in range(1, len(chain))]
        paths = pd.DataFrame(pairs, columns=["place_id", "ancestor_id", "child_id"])
        rolled = (figures.merge(paths, on="place_id")
                  .groupby(["ancestor_id", "child_id", "year", "category"], as_index=False)
                  .agg(organizations=("organizations", "sum"), jobs=("jobs", "sum")))
        self.child_figures = records_by(rolled, "ancestor_id")
        # a place's figures: its own rows and everything inside it, per year and category
        inside = pd.concat([figures.rename(columns={"place_id": "key"}),
                            rolled.drop(columns="child_id").rename(columns={"ancestor_id": "key"})])
        totals = (inside.groupby(["key", "year", "category"], as_index=False)
                  .agg(organizations=("organizations", "sum"), jobs=("jobs", "sum")))
        order = {c: i for i, c in enumerate(self.category_kk)}  # the schema's enum order
        self.figures: dict[str, list[QuotaFigure]] = {}
        for key, rows in records_by(totals, "key").items():
            rows.sort(key=lambda r: (int(r["year"]), order.get(str(r["category"]), 99)))
            self.figures[key] = [QuotaFigure(
                int(r["year"]), str(r["category"]),
                self.category_kk.get(str(r["category"]), str(r["category"])),
                int(r["organizations"]), int(r["jobs"]),
                SHORT_CATEGORY_KK.get(str(r["category"]), "")) for r in rows]
        self.descendant_resolutions = {
            k: {str(q["resolution_id"]) for q in rows}
            for k, rows in records_by(quotas[["place_id", "resolution_id"]].drop_duplicates()
                                    .merge(paths, on="place_id"), "ancestor_id").items()}

    def _init_ratings(self) -> None:
        reports = plain_table(self.data, "ratings", "rating_reports",
                         ["rating_id", "year", "title_kk", "source_path"])
        self.reports = {str(r["rating_id"]): r for r in reports.to_dict("records")}
        ratings = plain_table(self.data, "ratings", "ratings",
                         ["rating_id", "kind", "rank", "name_as_printed", "region_as_printed",
                          "place_id", "index", "source_lines"])
        years = {rid: formats.text(r["year"]) for rid, r in self.reports.items()}
        gazetteer = self.data.gazetteer

        def region_key(place_id: Any, rating_id: Any, printed: Any) -> str:
            # The centre's region in the rating's year (as on the rating page); a centre
            # with no place: its region as printed ("Жамбылская", "Жамбыл") → one region id.
            region = self.data.region_on(formats.text(place_id), f"{years.get(str(rating_id), '')}-12-31")
            if region:
                return region
            scope = gazetteer.region_scope(formats.text(printed)) if printed else set()
            return next(iter(scope)) if len(scope) == 1 else formats.text(printed)

        if not ratings.empty:
            ratings["region_key"] = [region_key(p, rid, printed) for p, rid, printed in
                                     zip(ratings["place_id"], ratings["rating_id"], ratings["region_as_printed"])]
            ratings["rank_num"] = pd.to_numeric(ratings["rank"])
            by_kind = ratings.groupby(["rating_id", "kind"])["rank_num"]
            ratings["kind_count"] = by_kind.transform("size")
            by_region = ratings.groupby(["rating_id", "kind", "region_key"])["rank_num"]
            ratings["region_rank"] = by_region.rank(method="min")
            ratings["region_count"] = by_region.transform("size")
            ratings = ratings.sort_values(["rating_id", "kind", "rank_num"], kind="stable")
        self.ratings = records_by(ratings, "place_id")
        self.ratings_by_region = records_by(ratings, "region_key")

    def _init_programs(self) -> None:
        programs = plain_table(self.data, "programs", "programs",
                          ["program_id", "title_kk", "source_path"])
        self.programs = {str(r["program_id"]): r for r in programs.to_dict("records")}
        jobs = plain_table(self.data, "programs", "program_jobs",
                      ["program_id", "place_id", "place_name_as_printed", "row_kind", "year",
                       "job_type", "jobs", "source_lines"])
        targets = plain_table(self.data, "programs", "program_targets",
                         ["program_id", "place_id", "parent_place_id", "place_name_as_printed",
                          "row_kind", "year", "indicator", "value", "source_lines"])
        self.program_jobs = _groups(jobs, "place_id")
        self.program_targets = _groups(targets, "place_id")
        # "of which" town rows also belong on the page of the district they are part of
        self.program_targets_of_which = _groups(
            targets[targets["row_kind"] == "of_which"], "parent_place_id")

    # ------------------------------------------------------------ per place lookups

    def has_data(self, pid: str) -> bool:
        return (pid in self._quota_positions or pid in self.ratings or pid in self.program_jobs
                or pid in self.program_targets or pid in self.concern
                or pid in self.child_figures)

    def kind_kk(self, pid: str) -> str:
        r = self.places[pid]
        if r["kind"] == "city" and not r["parent_id"]:
            return REPUBLICAN_CITY_KK
        return KIND_KK.get(formats.text(r["kind"]), formats.text(r["kind"]))

    def place_link(self, pid: str, page: str) -> PlaceLink:
        r = self.places.get(pid, {})
        names = [self.names.get(pid, pid)] + [formats.text(r.get(k)) for k in
                                              ("name_kk", "name_ru", "name_en", "aliases")]
        return PlaceLink(pid, self.names.get(pid, pid), link(page, urls.place(pid)),
                         self.kind_kk(pid) if pid in self.places else "",
                         " ".join(n.replace(";", " ") for n in names if n))

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
                out.append(f"{year}: {r['rank']}-орын / {r['kind_count']} "
                           f"({RATING_KIND_KK.get(r['kind'], r['kind'])})")
        return out


# ---------------------------------------------------------------- building the pages


def iter_outputs(data: model.Model) -> Iterator[Output]:
    index = PlaceIndex(data)
    yield Output(urls.docs_path(urls.PLACES), render.render_page("places.md.j2", index_context(index)))
    for pid in index.order:
        ctx = place_context(index, pid)
        yield Output(urls.docs_path(urls.place(pid)), render.render_page("places_place.md.j2", ctx))


def index_context(index: PlaceIndex) -> IndexContext:
    page = urls.docs_path(urls.PLACES)
    tops = [pid for pid in index.order if not index.places[pid]["parent_id"]]
    groups = []
    for top in tops:
        with_data, without = [], []
        for pid in index.children.get(top, []):
            towns = [index.place_link(t, page) for t in index.children.get(pid, [])]
            entry = IndexEntry(index.place_link(pid, page), index.figures_of(pid),
                               index.rating_texts(pid, short=True), towns, index.has_data(pid))
            if entry.has_data:
                with_data.append(entry)
            else:
                without.append(entry.place)
        groups.append(IndexGroup(index.place_link(top, page), index.has_data(top),
                                 with_data, without))
    return IndexContext(groups, len(index.places),
                        sum(index.has_data(pid) for pid in index.places))


def place_context(index: PlaceIndex, pid: str) -> PlaceContext:
    page = urls.docs_path(urls.place(pid))
    sources = PageSources(index.data, page)
    r = index.places[pid]
    parent = index.place_link(str(r["parent_id"]), page) if r["parent_id"] in index.places else None
    former = (index.place_link(str(r["former_parent_id"]), page)
              if r["former_parent_id"] in index.places else None)
    chain = index.chains[pid]
    quota_rows, more_years = _quota_rows(index, pid, sources)
    child_quotas = _child_quotas(index, pid, page)
    chart, chart_rows, headers = _quota_chart(index, pid, child_quotas)
    ratings = _rating_rows(index, index.ratings.get(pid), sources, with_place=False)
    region_ratings = (_rating_rows(index, index.ratings_by_region.get(pid), sources, with_place=True)
                      if not r["parent_id"] else [])
    resolution_ids = index.concern.get(pid, set()) | index.descendant_resolutions.get(pid, set())
    resolutions = [_resolution_link(index, rid, page) for rid in sorted(
        resolution_ids, key=lambda rid: (formats.text(index.resolutions.get(rid, {}).get("adopted_on")), rid))]
    children = [ChildSummary(index.place_link(c, page), formats.text(index.places[c]["kato"]),
                             index.figures_of(c), index.rating_texts(c), index.has_data(c))
                for c in index.children.get(pid, [])]
    return PlaceContext(
        place_id=pid,
        name=index.names[pid],
        name_kk=formats.text(r["name_kk"]),
        name_ru=formats.text(r["name_ru"]),
        name_en=formats.text(r["name_en"]),
        name_ru_reader=model.reader_name_ru(formats.text(r["name_ru"])),
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
        quota_figures=index.figures_of(pid),
        quota_rows=quota_rows,
        more_years=more_years,
        child_quotas=child_quotas,
        chart=chart,
        chart_rows=chart_rows,
        chart_headers=headers,
        ratings=ratings,
        region_ratings=region_ratings,
        programs=_program_blocks(index, pid, sources),
        resolutions=resolutions,
        children=children,
        former_children=[index.place_link(c, page) for c in index.former_children.get(pid, [])],
        history=changes.history_for_place(index.data, pid, page),
    )


def _quota_rows(index: PlaceIndex, pid: str, sources: PageSources) -> tuple[list[QuotaRow], list[YearLink]]:
    """The place's quota rows of its newest years (PLACE_ROWS_INLINE), and links to the
    explorer for the years before them."""
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
    ) for q in index.quotas_of(pid, shown)], more


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
        chart = charts.bar_jobs_by_place(by_place, "chart-place-quotas", titles)
        headers = [("place_kk", "Аудан / қала"), ("year", "Жыл"), ("category", "Санат"),
                   ("organizations", "Ұйымдар"), ("jobs", "Жұмыс орындары")]
        return chart, _titled(by_place, titles), headers
    figures = index.figures_of(pid)
    if not charts.worth_a_chart(len(figures)):
        return None, [], []
    df = pd.DataFrame([{"year": f.year, "category": f.category,
                        "organizations": f.organizations, "jobs": f.jobs} for f in figures])
    chart = charts.bar_jobs_by_year_category(df, "chart-place-quotas", index.names[pid], titles)
    headers = [("year", "Жыл"), ("category", "Санат"), ("organizations", "Ұйымдар"),
               ("jobs", "Жұмыс орындары")]
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
            kind_kk=RATING_KIND_KK.get(str(r["kind"]), str(r["kind"])),
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


def _program_rows(rows: pd.DataFrame, resource: str, key: str, labels: dict[str, str], order: list[str],
                  years: list[int], sources: PageSources, source_path: str, prefix: str) -> list[ProgramRow]:
    """A place's rows of a programme table: one per (place, row kind, job type or
    indicator), its values across the years, each value one CSV row (a Cell)."""
    out = []
    position = {k: i for i, k in enumerate(order)}
    kinds = {"place": 0, "of_which": 1, "total": 2}
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
            row_kind_kk=ROW_KIND_KK.get(str(row_kind), str(row_kind)),
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
            jobs=_program_rows(jobs, "program_jobs", "job_type", JOB_TYPE_KK, JOB_TYPE_ORDER, years,
                               sources, source_path, "jobs") if len(jobs) else [],
            targets=_program_rows(targets, "program_targets", "indicator", INDICATOR_KK, INDICATOR_ORDER, years,
                                  sources, source_path, "target") if len(targets) else [],
            parent_note=parent_note,
        ))
    return blocks


def _resolution_link(index: PlaceIndex, rid: str, page: str) -> ResolutionLink:
    r = index.resolutions.get(rid, {})
    return ResolutionLink(rid, formats.text(r.get("title_kk")) or rid, formats.text(r.get("number")),
                          formats.text(r.get("adopted_on")), formats.text(r.get("issuer_kk")),
                          link(page, urls.resolution(rid)))
