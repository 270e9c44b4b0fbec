"""A citizen on a phone (issue 14): every page type at 390 × 844 and at 1280 × 900, as a
person sees it in Chromium. No page scrolls sideways; a quota row reads as a card with the
organisation, its headcount, quota and jobs; lists and menus are in Kazakh alphabetical
order; a category has one colour on every chart; numbers look the same everywhere."""

from __future__ import annotations

import csv

import pytest
from conftest import wait_until_drawn
from test_a11y import PAGES

from ashyq import charts, formats, model
from ashyq.paths import DATASETS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
QUOTAS_CSV = DATASETS / "quotas" / "data" / "quotas.csv"


def quota_rows() -> list[dict[str, str]]:
    with open(QUOTAS_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def open_at(page, url: str, size: dict[str, int]):
    page.set_viewport_size(size)  # before loading: the explorer picks cards or columns at start
    page.goto(url)
    wait_until_drawn(page)
    return page


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_scrolls_sideways(page, real_site_url, name, size):
    open_at(page, real_site_url + PAGES[name], size)
    widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{name} ({PAGES[name] or '/'}) at {size['width']} px: {widths}"


def test_explorer_row_is_a_card_on_a_phone(page, real_site_url):
    """Organisation — headcount — quota — jobs, all on the screen, for the district a
    citizen picked (the filter from the place page's link)."""
    open_at(page, real_site_url + "quotas/?place_kk=Бөрлі+ауданы", PHONE)
    expected = [r for r in quota_rows() if r["place_id"] == "borli"]
    cards = page.locator("#quota-table .ashyq-card")
    assert cards.count() == len(expected)
    first = cards.first
    assert first.locator(".ashyq-card-title").text_content() == expected[0]["organization_kk"]
    figures = first.locator(".ashyq-card-figures div").evaluate_all(
        "items => items.map(i => [i.querySelector('dt').textContent, i.querySelector('dd').textContent])")
    assert figures == [["Тізімдік саны", formats.number(expected[0]["headcount"])],
                       ["Квота, %", formats.number(expected[0]["quota_percent"])],
                       ["Жұмыс орны", formats.number(expected[0]["jobs"])]]
    for item in first.locator(".ashyq-card-figures dd").all():
        box = item.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    # the columns of the desktop table are not drawn on a phone
    assert page.locator('#quota-table .tabulator-col[tabulator-field="organization_kk"]').is_hidden()
    assert page.browser_log.console_errors == []


def test_explorer_is_a_table_on_a_desktop(page, real_site_url):
    open_at(page, real_site_url + "quotas/", DESKTOP)
    assert page.locator('#quota-table .tabulator-col[tabulator-field="_card"]').is_hidden()
    assert not [c for c in page.locator("#quota-table .ashyq-card").all() if c.is_visible()]
    assert page.locator('#quota-table .tabulator-col[tabulator-field="jobs"]').is_visible()


def test_place_organisations_read_as_cards_on_a_phone(page, real_site_url):
    open_at(page, real_site_url + "places/borli/", PHONE)
    rows = page.locator(".ashyq-quota-rows tbody tr")
    assert rows.count() == 4
    for title in ("Тізімдік саны", "Квота, %", "Жұмыс орны"):
        cell = rows.first.locator(f'td[data-label="{title}"]')
        box = cell.bounding_box()
        assert cell.is_visible() and box and box["x"] + box["width"] <= PHONE["width"], title
        label = cell.evaluate("td => getComputedStyle(td, '::before').content")
        assert label == f'"{title}"'


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("place", ["borli", "west-kazakhstan-region"])
def test_a_place_page_leads_with_its_newest_quotas(page, real_site_url, place, size):
    """A citizen opening their district sees its quotas, newest year first, on the first
    screen; the names and codes are one folded line above them, opened on demand."""
    open_at(page, real_site_url + f"places/{place}/", size)
    figures = page.locator(".ashyq-figure-list").first.locator(":scope > li")
    first = figures.first.bounding_box()
    assert first and first["y"] + first["height"] <= size["height"], first
    years = [int(t.split("·")[0]) for t in figures.all_inner_texts()]
    assert years == sorted(years, reverse=True) and len(years) >= 1
    facts = page.locator("details.ashyq-place-facts")
    summary = facts.locator("summary")
    assert summary.bounding_box()["y"] < first["y"]
    russian = facts.locator('dd[lang="ru"]')
    assert russian.is_hidden()
    summary.click()
    assert russian.is_visible() and facts.locator("dd code").inner_text() == place


def test_find_your_district_is_near_the_top_on_a_phone(page, real_site_url):
    open_at(page, real_site_url, PHONE)
    top = page.locator("#home-place-filter").bounding_box()
    assert top and top["y"] < 2 * PHONE["height"]


def test_menus_and_lists_are_in_kazakh_order(page, real_site_url):
    """Қ after К and before Л (Python's and Chromium's own orders put it after Я)."""
    open_at(page, real_site_url + "quotas/", DESKTOP)
    options = page.locator("#quota-facet-place_kk option").evaluate_all(
        "os => os.slice(1).map(o => o.value)")
    assert options == sorted(options, key=model.kk_key)
    assert options.index("Казталовка ауданы") < options.index("Қаратөбе ауданы") < options.index("Орал қаласы")
    # a sort by place uses the same order: last is Шыңғырлау (code points put Қаратөбе last)
    first_place = '#quota-table .tabulator-row .tabulator-cell[tabulator-field="place_kk"]'
    header = "#quota-table .tabulator-col[tabulator-field=place_kk] .tabulator-col-title"
    page.click(header)  # ascending
    page.wait_for_function(f"() => document.querySelector('{first_place}').textContent.trim() === 'Ақжайық ауданы'")
    shown = page.eval_on_selector_all(first_place, "cells => cells.map(c => c.textContent.trim())")
    assert shown == sorted(shown, key=model.kk_key)
    page.click(header)  # descending
    page.wait_for_function(f"() => document.querySelector('{first_place}').textContent.trim() === 'Шыңғырлау ауданы'")
    open_at(page, real_site_url, DESKTOP)
    home = page.locator("#home-places li a").evaluate_all("links => links.map(a => a.textContent)")
    assert home == sorted(home, key=model.kk_key)


def trace_colours(page, selector: str) -> dict[str, str]:
    return page.eval_on_selector(selector, """el => Object.fromEntries(
        el.querySelector('.js-plotly-plot').data.map(t => [t.name.replace(/<br>/g, ' '), t.marker.color]))""")


def test_a_category_has_the_same_colour_on_every_chart(page, real_site_url):
    open_at(page, real_site_url + "quotas/", DESKTOP)
    explorer = trace_colours(page, "#chart-quota-jobs-by-place")
    # a year is never stacked onto another: Бәйтерек's 2023 and 2026 quotas are two bars
    bars = page.eval_on_selector("#chart-quota-jobs-by-place",
                                 "el => el.querySelector('.js-plotly-plot').data[0].y")
    assert "Бәйтерек ауданы · 2023" in bars and "Бәйтерек ауданы · 2026" in bars
    open_at(page, real_site_url + "places/baiterek/", DESKTOP)
    place = trace_colours(page, "#chart-place-quotas")
    open_at(page, real_site_url + "resolutions/baiterek-2022-593/", DESKTOP)
    resolution = trace_colours(page, ".ashyq-chart")
    disability = "Мүгедектігі бар адамдар"
    assert explorer[disability] == place[disability] == charts.CATEGORY_PALETTE[0]
    for name, colour in resolution.items():
        assert place[name] == colour, name


def test_a_one_value_place_loads_no_chart_library(page, real_site_url):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    open_at(page, real_site_url + "places/borli/", DESKTOP)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(300)
    assert page.locator(".ashyq-chart").count() == 0
    assert "2026 · Мүгедектігі бар адамдар: 5 жұмыс орны" in page.text_content(".ashyq-figure-list")
    assert not [u for u in requested if "plotly" in u]


# The tables of cards and their boxes, at 390 px: none wider than its box (the old rating
# tables scrolled sideways inside their .ashyq-plain-table).
OVERFLOWING_JS = """() => [...document.querySelectorAll('article table.ashyq-cards')]
  .flatMap(t => [t, t.parentElement])
  .filter(el => el.getClientRects().length && el.scrollWidth > el.clientWidth + 1)
  .map(el => el.tagName + '.' + el.className + ': ' + el.scrollWidth + ' > ' + el.clientWidth)"""


@pytest.mark.parametrize(("site", "url"), [
    ("real_site_url", "places/baiterek/"), ("real_site_url", "places/west-kazakhstan-region/"),
    ("real_site_url", "ratings/employment-centres-2017/"),
    ("real_site_i18n_url", "ru/ratings/employment-centres-2017/"), ("real_site_i18n_url", "en/places/baiterek/")])
def test_rating_rows_read_as_cards_on_a_phone(page, request, site, url):
    """Each rated centre is a card: its name, then its rank and index, each under its column's
    title, the row's anchor and its source link on the screen; nothing scrolls sideways."""
    open_at(page, request.getfixturevalue(site) + url, PHONE)
    assert_cards_fit(page, "table.ashyq-rating, table.ashyq-ratings")


def assert_cards_fit(page, tables: str) -> None:
    table = page.locator(tables).first
    row = table.locator("tbody tr").first
    anchor = row.get_attribute("id")
    assert anchor and row.locator(f'a[href="#{anchor}"]').is_visible()
    for cell in row.locator("td[data-label]").all():
        label = cell.get_attribute("data-label")
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == f'"{label}"'
        box = cell.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], label
    source = row.locator(".ashyq-src-cell a").first
    assert source.is_visible() and "sources/" in source.get_attribute("href")
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= PHONE["width"], widths
    assert page.evaluate(OVERFLOWING_JS) == []


def test_rating_rows_are_a_table_on_a_desktop(page, real_site_url):
    open_at(page, real_site_url + "ratings/employment-centres-2017/", DESKTOP)
    assert page.locator("table.ashyq-rating thead th").first.is_visible()
    assert page.eval_on_selector("table.ashyq-rating tbody tr", "tr => getComputedStyle(tr).display") == "table-row"


@pytest.mark.parametrize("url", ["changes/", "places/baiterek/", "data/quotas/"])
def test_change_rows_fit_a_phone(page, real_site_url, url):
    """A change's old and new values side by side under their titles, inside the screen (the
    table of changes scrolled sideways, its values cut off at the screen's edge)."""
    open_at(page, real_site_url + url, PHONE)
    tables = page.locator("table.ashyq-change-rows")
    assert tables.count() >= 1
    wide = tables.evaluate_all("ts => ts.filter(t => t.scrollWidth > t.clientWidth + 1).length")
    assert wide == 0
    old = tables.first.locator('td[data-label]').first
    box = old.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    label = old.get_attribute("data-label")
    assert old.evaluate("td => getComputedStyle(td, '::before').content") == f'"{label}"'


@pytest.mark.parametrize("url", ["resolutions/west-kazakhstan-region-2025-299/"])
@pytest.mark.parametrize("table", ["table.ashyq-staff-rows", "table.ashyq-institution-rows"])
def test_staffing_and_institution_rows_read_as_cards_on_a_phone(page, real_site_url, url, table):
    open_at(page, real_site_url + url, PHONE)
    assert_cards_fit(page, table)


@pytest.mark.parametrize("url", ["", "quotas/", "places/west-kazakhstan-region/"])
def test_a_maps_table_fits_its_box_on_a_phone(page, real_site_url, url):
    open_at(page, real_site_url + url, PHONE)
    box = page.locator(".ashyq-map-table").first
    box.locator("table").wait_for()
    assert box.evaluate("d => d.scrollWidth <= d.clientWidth"), box.evaluate("d => [d.scrollWidth, d.clientWidth]")
