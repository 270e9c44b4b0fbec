"""What a person sees: the built site in headless Chromium, served on 127.0.0.1."""

from __future__ import annotations

import csv
import urllib.request

import pytest

from ashyq.paths import DATASETS

pytestmark = pytest.mark.browser

QUOTAS_CSV = DATASETS / "quotas" / "data" / "quotas.csv"


def quota_rows() -> list[dict[str, str]]:
    with open(QUOTAS_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def open_quotas(page, url: str):
    page.goto(url + "quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    page.wait_for_selector(".ashyq-chart[data-ready=true]")
    return page


def visible_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(
        "#quota-table .tabulator-row",
        "rows => rows.map(r => Array.from(r.querySelectorAll('.tabulator-cell'), c => c.textContent.trim()))")


def test_search_leaves_exactly_the_rows_of_the_district(page, real_site_url):
    open_quotas(page, real_site_url)
    total = len(quota_rows())
    assert page.text_content("#quota-table-count") == f"{total} / {total} жол"
    page.fill("#quota-table-search", "Бөрлі")
    expected = [r for r in quota_rows() if r["place_id"] == "borli"]
    page.wait_for_function(
        f"document.querySelector('#quota-table-count').textContent.startsWith('{len(expected)} /')")
    rows = visible_rows(page)
    assert [(row[3], row[4], row[5], row[6], row[7], row[8]) for row in rows] == [
        ("Бөрлі ауданы", r["row_no"], r["organization_kk"], r["headcount"],
         r["quota_percent"], r["jobs"]) for r in expected]
    assert len(expected) == 4
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


def test_search_that_matches_nothing_says_so(page, real_site_url):
    open_quotas(page, real_site_url)
    page.fill("#quota-table-search", "жоқ-мұндай-ұйым")
    page.wait_for_function("document.querySelector('#quota-table-count').textContent.startsWith('0 /')")
    assert visible_rows(page) == []
    assert "Сәйкес жол жоқ" in page.text_content("#quota-table")


def test_sorting_by_headcount(page, real_site_url):
    open_quotas(page, real_site_url)
    page.click("#quota-table .tabulator-col[tabulator-field=headcount] .tabulator-col-title")
    page.click("#quota-table .tabulator-col[tabulator-field=headcount] .tabulator-col-title")
    shown = [int(row[6]) for row in visible_rows(page)]
    assert shown == sorted(shown, reverse=True)
    assert shown[0] == max(int(r["headcount"]) for r in quota_rows())


def test_chart_renders_from_the_self_hosted_bundle(page, real_site_url):
    open_quotas(page, real_site_url)
    bars = page.locator("#chart-quota-jobs-by-place .main-svg .bars path")
    assert bars.count() > 0
    label = page.get_attribute("#chart-quota-jobs-by-place", "aria-label")
    assert "барлығы" in label and str(sum(int(r["jobs"]) for r in quota_rows())) in label
    assert page.browser_log.outside_requests == []


def test_download_link_serves_the_csv_byte_for_byte(page, real_site_url):
    open_quotas(page, real_site_url)
    href = page.get_attribute("a[download]", "href")
    url = page.evaluate("href => new URL(href, document.baseURI).href", href)
    with urllib.request.urlopen(url) as response:
        assert response.read() == QUOTAS_CSV.read_bytes()
    with page.expect_download() as info:
        page.click("a[download]")
    assert open(info.value.path(), "rb").read() == QUOTAS_CSV.read_bytes()


def test_home_page_loads_nothing_from_outside(page, real_site_url):
    page.goto(real_site_url)
    page.wait_for_load_state("networkidle")
    assert "квота жолы" in page.text_content(".ashyq-figures")
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []
