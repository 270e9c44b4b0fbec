"""Places: the index and a page for every place, built from the real datasets/.

Unit tests look at the page contexts (ashyq.views.places); build tests read the HTML the
site serves; browser tests (marked) open a place page and the index in Chromium.
"""

from __future__ import annotations

import csv
import html.parser
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from conftest import wait_until_drawn

from ashyq import catalog, formats, model
from ashyq.paths import DATASETS, MKDOCS_YML
from ashyq.views import places as places_view

PLACES_CSV = DATASETS / "places" / "data" / "places.csv"
QUOTAS_CSV = DATASETS / "quotas" / "data" / "quotas.csv"
RATINGS_CSV = DATASETS / "ratings" / "data" / "ratings.csv"


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_model(datasets: Path = DATASETS) -> model.Model:
    packages = catalog.load_catalog(datasets)
    return model.Model(packages, catalog.load_tables(packages))


@pytest.fixture(scope="module")
def index() -> places_view.PlaceIndex:
    return places_view.PlaceIndex(load_model())


class RowCollector(html.parser.HTMLParser):
    """Table rows of a page: {tr id: [cell texts]}, and every href."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, list[str]] = {}
        self.hrefs: list[str] = []
        self._row: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        if tag == "tr" and a.get("id"):
            self._row = str(a["id"])
            self.rows[self._row] = []
        elif tag == "td" and self._row:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._row and self._cell is not None:
            self.rows[self._row].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def page_rows(site: Path, place_id: str) -> RowCollector:
    collector = RowCollector()
    collector.feed((site / "places" / place_id / "index.html").read_text(encoding="utf-8"))
    return collector


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(("official", "reader"), [
    ("Орал Қ.Ә.", "Орал қаласы"),
    ("Ақтау Г.А.", "Ақтау қаласы"),
    ("Астана қ.", "Астана қаласы"),
    ("Жаңатас қ.", "Жаңатас қаласы"),
    ("Ғабит Мүсірепов атын.ауданы", "Ғабит Мүсірепов атындағы аудан"),
    ("Бәйтерек ауданы", "Бәйтерек ауданы"),
    ("Батыс Қазақстан облысы", "Батыс Қазақстан облысы"),
])
def test_reader_name(official, reader):
    assert model.reader_name(official) == reader


def test_no_reader_name_keeps_an_abbreviation():
    names = [model.reader_name(r["name_kk"]) for r in read_csv(PLACES_CSV)]
    assert [n for n in names if any(a in n for a in ("Қ.Ә.", "Г.А.", " қ.", "атын."))] == []


def test_oral_page_shows_the_reader_name_and_the_official_one(index):
    ctx = places_view.place_context(index, "oral")
    assert (ctx.name, ctx.name_kk, ctx.name_ru, ctx.kato) == (
        "Орал қаласы", "Орал Қ.Ә.", "Уральск Г.А.", "271000000")
    assert ctx.aliases == ["Уральск"]


# ---------------------------------------------------------------- joins


def test_baiterek_shows_exactly_its_quota_rows(index):
    ctx = places_view.place_context(index, "baiterek")
    expected = sorted(
        (int(r["year"]), r["resolution_id"], r["category"], int(r["row_no"]), r["organization_kk"],
         int(r["headcount"]), float(r["quota_percent"]), int(r["jobs"]), r["source_lines"])
        for r in read_csv(QUOTAS_CSV) if r["place_id"] == "baiterek")
    shown = sorted(
        (q.year, q.resolution_id, q.category, q.row_no, q.organization_kk, int(q.headcount),
         float(q.quota_percent), int(q.jobs), q.src.lines)
        for q in ctx.quota_rows)
    assert shown == expected and len(shown) == 9
    titles = index.category_kk
    assert sorted((f.year, f.category, f.jobs) for f in ctx.quota_figures) == [
        (2023, "probation", 4), (2023, "released_from_prison", 1),
        (2023, "youth_without_parental_care", 1), (2026, "disability", 5)]
    assert {q.category_kk for q in ctx.quota_rows if q.year == 2023} == {
        titles["youth_without_parental_care"], titles["released_from_prison"], titles["probation"]}
    assert [r.resolution_id for r in ctx.resolutions] == [
        "baiterek-2022-593", "west-kazakhstan-region-2025-246"]


def test_a_place_with_many_rows_lists_its_newest_years_and_links_the_rest(index, monkeypatch):
    """A district of the national corpus has thousands of rows: the page lists the newest
    years that fit PLACE_ROWS_INLINE and links each earlier year to the filtered explorer."""
    monkeypatch.setattr(places_view, "PLACE_ROWS_INLINE", 6)
    ctx = places_view.place_context(index, "baiterek")
    assert {q.year for q in ctx.quota_rows} == {2026} and len(ctx.quota_rows) == 5
    [older] = ctx.more_years
    assert (older.year, older.rows) == (2023, 4)
    assert older.href == ("../../quotas/?region_kk=%D0%91%D0%B0%D1%82%D1%8B%D1%81+%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B"
                          "%D1%81%D1%82%D0%B0%D0%BD+%D0%BE%D0%B1%D0%BB%D1%8B%D1%81%D1%8B"
                          "&place_kk=%D0%91%D3%99%D0%B9%D1%82%D0%B5%D1%80%D0%B5%D0%BA+%D0%B0%D1%83%D0%B4%D0%B0%D0%BD%D1%8B"
                          "&year=2023")
    monkeypatch.setattr(places_view, "PLACE_ROWS_INLINE", 9)
    assert len(places_view.place_context(index, "baiterek").quota_rows) == 9  # all fit
    assert places_view.place_context(index, "baiterek").rows_cut is None
    monkeypatch.setattr(places_view, "PLACE_ROWS_INLINE", 1)
    ctx = places_view.place_context(index, "baiterek")  # the newest year, cut to its first rows
    assert len(ctx.quota_rows) == 1 and [y.year for y in ctx.more_years] == [2023]
    assert ctx.rows_cut is not None and (ctx.rows_cut.year, ctx.rows_cut.rows) == (2026, 5)
    assert ctx.rows_cut.href.endswith("&year=2026")


def test_baiterek_rating_is_printed_as_zelenov(index):
    ctx = places_view.place_context(index, "baiterek")
    row = next(r for r in read_csv(RATINGS_CSV) if r["place_id"] == "baiterek")
    same_region = [r for r in read_csv(RATINGS_CSV)
                   if r["kind"] == "district" and r["region_as_printed"] == "Батыс Қазақстан"]
    assert [(r.rank, r.index, r.name_as_printed, r.region_as_printed, r.kind_count,
             r.region_rank, r.region_count, r.src.lines) for r in ctx.ratings] == [
        (int(row["rank"]), formats.number(row["index"]), "Зеленов", "Батыс Қазақстан", 160,
         1 + sum(int(r["rank"]) < int(row["rank"]) for r in same_region), len(same_region),
         row["source_lines"])]


def test_region_aggregates_its_districts_by_year_and_category(index):
    ctx = places_view.place_context(index, "west-kazakhstan-region")
    parents = {r["place_id"]: r["parent_id"] for r in read_csv(PLACES_CSV)}
    jobs: dict[tuple[int, str], int] = defaultdict(int)
    orgs: dict[tuple[int, str], int] = defaultdict(int)
    by_child: dict[tuple[str, int, str], int] = defaultdict(int)
    for r in read_csv(QUOTAS_CSV):
        if parents[r["place_id"]] == "west-kazakhstan-region":
            jobs[int(r["year"]), r["category"]] += int(r["jobs"])
            orgs[int(r["year"]), r["category"]] += 1
            by_child[r["place_id"], int(r["year"]), r["category"]] += int(r["jobs"])
    assert sorted((f.year, f.category, f.organizations, f.jobs) for f in ctx.quota_figures) == sorted(
        (y, c, orgs[y, c], j) for (y, c), j in jobs.items())
    titles = index.category_kk
    assert sorted((q.place.place_id, q.year, q.category_kk, q.jobs) for q in ctx.child_quotas) == sorted(
        (p, y, titles[c], j) for (p, y, c), j in by_child.items())
    assert ctx.quota_rows == []  # a region lists its districts' figures, not every organisation
    assert ctx.chart is not None and ctx.chart.spec["layout"]["barmode"] == "stack"
    assert {c.place.place_id for c in ctx.children} == {
        p for p, parent in parents.items() if parent == "west-kazakhstan-region"}
    # the centres printed under this region in the 2017 rating, each with its place
    assert len(ctx.region_ratings) == 13
    assert ("baiterek", "Зеленов") in {(r.place.place_id, r.name_as_printed)
                                       for r in ctx.region_ratings if r.place}


def test_three_zhambyl_districts_have_their_own_pages_and_ratings(index):
    ratings = {r["place_id"]: r for r in read_csv(RATINGS_CSV)}
    seen = []
    for pid, parent in [("zhambyl-almaty", "almaty-region"), ("zhambyl-zhambyl", "zhambyl-region"),
                        ("zhambyl-north-kazakhstan", "north-kazakhstan-region")]:
        ctx = places_view.place_context(index, pid)
        assert ctx.name == "Жамбыл ауданы"
        assert ctx.parent is not None and ctx.parent.place_id == parent
        assert [(r.rank, r.index, r.region_as_printed) for r in ctx.ratings] == [
            (int(ratings[pid]["rank"]), formats.number(ratings[pid]["index"]),
             ratings[pid]["region_as_printed"])]
        seen.append(ctx.ratings[0].src.anchor)
    assert len(set(seen)) == 3


def test_programme_rows_of_a_district_include_its_of_which_towns(index):
    ctx = places_view.place_context(index, "sarysu")
    [block] = ctx.programs
    assert block.program_id == "zhambyl-region-2005-2007" and block.years == [2005, 2006, 2007]
    towns = [r for r in block.targets if r.row_kind_kk == "Соның ішінде"]
    assert towns and {r.place_as_printed for r in towns} == {"Соның ішінде Жаңатас"}
    assert all(r.sources and r.sources[0][1].startswith("../../sources/programs/") for r in block.targets)
    town = places_view.place_context(index, "zhanatas").programs[0]
    assert town.parent_note == "Сарысу ауданы"
    def values(rows):
        return [[c.text if c else None for c in r.cells] for r in rows]
    assert values(town.targets) == values(towns)


def test_every_place_has_a_page_with_data_or_without(index):
    outputs = {o.path for o in places_view.iter_outputs(index.data)}
    ids = [r["place_id"] for r in read_csv(PLACES_CSV)]
    # and the figures of each region's map of districts (views/maps.py): the one region with quotas;
    # the embed pages (views/embeds.py) of its map and of the places' charts
    embeds = {o for o in outputs if o.startswith("embed/")}
    assert embeds == {"embed/map-west-kazakhstan-region/index.html",
                      "embed/place-west-kazakhstan-region-quotas/index.html", "embed/place-baiterek-quotas/index.html"}
    assert outputs - embeds == ({"places/index.md"} | {f"places/{pid}/index.md" for pid in ids}
                                | {"maps/west-kazakhstan-region.json"})


def test_places_outputs_are_deterministic():
    first = [(o.path, o.text) for o in places_view.iter_outputs(load_model())]
    second = [(o.path, o.text) for o in places_view.iter_outputs(load_model())]
    assert first == second


def test_places_pages_without_other_packages(valid_datasets):
    """The tiny fixture has places, quotas and resolutions only: pages still build."""
    outputs = {o.path: o.text for o in places_view.iter_outputs(load_model(valid_datasets))}
    assert set(outputs) == {"places/index.md", "places/west-kazakhstan-region/index.md",
                            "places/akzhaiyk/index.md", "places/baiterek/index.md",
                            "places/borli/index.md", "maps/west-kazakhstan-region.json",
                            # the embed pages of the region's map and chart (views/embeds.py)
                            "embed/map-west-kazakhstan-region/index.html",
                            "embed/place-west-kazakhstan-region-quotas/index.html"}
    # a kind of data a place has none of is said once, not as a section of its own
    assert ("Бұл аумақ бойынша әлі жоқ: жұмыспен қамту орталығының рейтингі, жұмыспен қамту бағдарламалары"
            in outputs["places/baiterek/index.md"])
    assert "{ #rating }" not in outputs["places/baiterek/index.md"]


def test_place_pages_are_not_in_the_nav():
    nav = yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8"))["nav"]
    targets = [v for entry in nav for v in entry.values()]
    assert [t for t in targets if str(t).startswith("places/")] == ["places/index.md"]


# ---------------------------------------------------------------- the built site


def test_built_site_has_a_page_per_place(real_site):
    ids = sorted(r["place_id"] for r in read_csv(PLACES_CSV))
    built = sorted(p.parent.name for p in (real_site / "places").glob("*/index.html"))
    assert built == ids


def test_built_baiterek_page_rows_and_source_links(real_site):
    page = page_rows(real_site, "baiterek")
    quotas = [r for r in read_csv(QUOTAS_CSV) if r["place_id"] == "baiterek"]
    shown = {k: v for k, v in page.rows.items() if k.startswith("quota-")}
    assert sorted(shown) == sorted(
        f"quota-{r['resolution_id']}-{r['category']}-{r['row_no']}" for r in quotas)
    for r in quotas:
        cells = shown[f"quota-{r['resolution_id']}-{r['category']}-{r['row_no']}"]
        assert (cells[0], cells[2], cells[3], cells[4], cells[6]) == (
            r["year"], r["row_no"], " ".join(r["organization_kk"].split()), r["headcount"], r["jobs"])
    first, _, last = "135-142".partition("-")
    assert f"../../sources/quotas/001_df27ee51c94b55b4/#L{first}-L{last}" in page.hrefs
    [rating] = [v for k, v in page.rows.items() if k.startswith("rating-")]
    assert rating[1:5] == ["Зеленов", "Батыс Қазақстан", "153 / 160", "11 / 12"]
    assert "../../resolutions/baiterek-2022-593/" in page.hrefs


def test_place_pages_stay_out_of_the_sidebar(real_site):
    text = (real_site / "places" / "baiterek" / "index.html").read_text(encoding="utf-8")
    quotas = (real_site / "quotas" / "index.html").read_text(encoding="utf-8")
    # no page lists every place in its navigation (the quotas page's map links places in its table)
    sidebars = quotas[:quotas.index('class="md-content"')]  # the header, the navigation and the toc
    assert "places/baiterek/" not in sidebars
    assert 'href="../"' in text  # the index of places is reachable from a place page


# ---------------------------------------------------------------- in the browser


@pytest.mark.browser
def test_browser_place_page_renders_its_chart(page, real_site_url):
    page.goto(real_site_url + "places/baiterek/")
    wait_until_drawn(page)
    assert page.locator("#chart-place-quotas .main-svg").count() > 0
    assert page.locator(".ashyq-quota-rows tbody tr").count() == 9
    assert "Зеленов" in page.text_content("#rating-employment-centres-2017-district-153")
    assert page.locator('.md-nav--primary a[href*="baiterek"]').count() == 0
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_browser_place_link_opens_the_explorer_filtered_to_the_place(page, real_site_url):
    page.goto(real_site_url + "places/baiterek/")
    page.click("text=Осы аумақтың барлық квоталары кестеде")
    page.wait_for_selector("#quota-table[data-ready=true]")
    expected = sum(r["place_id"] == "baiterek" for r in read_csv(QUOTAS_CSV))
    page.wait_for_function(
        f"document.querySelector('#quota-table-count').textContent.startsWith('{expected} /')")
    assert page.input_value("#quota-facet-place_kk") == "Бәйтерек ауданы"
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_browser_index_filter_finds_a_place_by_its_old_name(page, real_site_url):
    page.goto(real_site_url + "places/")
    page.fill("#places-filter", "Зеленов")
    page.wait_for_function("document.querySelector('#places-filter-count').textContent !== ''")
    visible = page.eval_on_selector_all(
        "#places-list li[data-filter-text]",
        "items => items.filter(li => li.offsetParent !== null).map(li => li.querySelector('a').textContent.trim())")
    assert visible == ["Бәйтерек ауданы"]
    page.click("#places-list li:not([hidden]) a")
    page.wait_for_url("**/places/baiterek/")
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


def test_quota_rows_link_to_their_csv_line_for_a_correction(real_site):
    text = (real_site / "places/baiterek/index.html").read_text(encoding="utf-8")
    lines = sorted(int(n) for n in re.findall(
        r'class="ashyq-fix" data-row="datasets/quotas/data/quotas\.csv:(\d+)"', text))
    with open(DATASETS / "quotas/data/quotas.csv", encoding="utf-8", newline="") as f:
        expected = [n for n, r in enumerate(csv.DictReader(f), start=2) if r["place_id"] == "baiterek"]
    assert lines == expected and len(expected) == 9
