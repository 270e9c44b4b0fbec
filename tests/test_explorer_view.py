"""«Бұл көрініс: JSON · CSV» on the quotas explorer (issue 17.4), as a reader uses it: filter,
click, read the download. The JSON link is a document of the static API when one holds the
view (the act's when the rows are exactly one act's; the place's when only a place is chosen),
else the browser makes it from the rows that pass, as it makes the CSV (UTF-8 with a BOM,
quotas.csv's columns and codes)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from test_explorer import PLACES, open_quotas, quota_rows

from ashyq.paths import DATASETS

pytestmark = pytest.mark.browser

NUMBERS = {"year", "row_no", "headcount", "quota_percent", "jobs", "place_heading_line"}


def header() -> list[str]:
    with open(DATASETS / "quotas" / "data" / "quotas.csv", encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def typed(row: dict[str, str], columns: list[str]) -> list[object]:
    return [None if row[c] == "" else float(row[c]) if c in NUMBERS else row[c] for c in columns]


def wait_for_view(page, json_href_end: str) -> None:
    page.wait_for_function("end => document.getElementById('quota-view-json').href.endsWith(end)",
                           arg=json_href_end, timeout=10_000)


def test_a_filtered_view_without_a_document_is_made_in_the_browser(page, real_site_url):
    open_quotas(page, real_site_url)
    assert page.is_visible("#quota-view")
    page.select_option("#quota-facet-year", "2026")
    page.select_option("#quota-facet-place_kk", PLACES["kaztalovka"])
    wait_for_view(page, "#")
    expected = [r for r in quota_rows() if r["year"] == "2026" and r["place_id"] == "kaztalovka"]
    assert expected
    columns = header()
    with page.expect_download() as info:
        page.click("#quota-view-json")
    assert info.value.suggested_filename == "quotas-view.json"
    doc = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert doc["columns"] == columns
    assert doc["filters"]["year"] == "2026" and doc["filters"]["place_kk"] == PLACES["kaztalovka"]
    assert "year=2026" in doc["view"]
    # numbers as JSON numbers, the rest as written: the rows of quotas.csv that pass
    assert sorted(map(json.dumps, [[float(v) if c in NUMBERS and v is not None else v for v, c in zip(r, columns)]
                                   for r in doc["rows"]])) == sorted(map(json.dumps, [typed(r, columns)
                                                                                      for r in expected]))
    with page.expect_download() as info:
        page.click("#quota-view-csv")
    assert info.value.suggested_filename == "quotas-view.csv"
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets read it as UTF-8
    got = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(got[0]) == columns
    assert sorted(tuple(r.values()) for r in got) == sorted(tuple(r.values()) for r in expected)


def test_one_acts_rows_link_the_acts_document(page, real_site_url):
    open_quotas(page, real_site_url)
    page.select_option("#quota-facet-year", "2023")
    wait_for_view(page, "api/v1/resolutions/baiterek-2022-593.json")
    assert page.get_attribute("#quota-view-json", "download") is None  # a link to follow, not a file made here
    href = page.evaluate("document.getElementById('quota-view-json').href")
    doc = page.request.get(href).json()
    expected = [r for r in quota_rows() if r["resolution_id"] == "baiterek-2022-593"]
    assert len(doc["quotas"]["rows"]) == len(expected) == 4
    # the same rows once a word narrows them: no longer the act's rows, so made here
    page.fill("#quota-table-search", "АСФА")
    wait_for_view(page, "#")


def test_a_place_alone_links_the_places_document(page, real_site_url):
    open_quotas(page, real_site_url)
    page.select_option("#quota-facet-place_kk", PLACES["borli"])
    wait_for_view(page, "api/v1/places/borli.json")
    doc = page.request.get(page.evaluate("document.getElementById('quota-view-json').href")).json()
    rows = [r for r in quota_rows() if r["place_id"] == "borli"]
    assert doc["place_id"] == "borli"
    assert sum(q["jobs"] for q in doc["quotas"]) == sum(int(r["jobs"] or 0) for r in rows)
    page.select_option("#quota-facet-category_kk", index=1)  # and a category: no document holds that
    wait_for_view(page, "#")


def test_on_the_national_corpus_a_region_links_its_document(page, synth_site_url):
    """The synthetic national corpus loads a region's rows only when asked: choosing a region
    alone links its place document, which the site has and which validates."""
    import jsonschema

    from ashyq.views import api

    page.goto(synth_site_url + "quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    page.select_option("#quota-facet-region_kk", index=1)
    page.wait_for_function("() => /api\\/v1\\/places\\/[a-z0-9-]+\\.json$/.test("
                           "document.getElementById('quota-view-json').href)", timeout=20_000)
    doc = page.request.get(page.evaluate("document.getElementById('quota-view-json').href")).json()
    assert doc["kind"] == "region"
    assert list(jsonschema.Draft202012Validator(api.PLACE_SCHEMA).iter_errors(doc)) == []
    # and a year narrows it to rows no document holds: made in the browser
    page.select_option("#quota-facet-year", index=1)
    wait_for_view(page, "#")
    with page.expect_download() as info:
        page.click("#quota-view-json")
    made = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert made["rows"] and made["filters"]["region_kk"] and made["filters"]["year"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_the_explorer_of_another_language_reads_the_shared_rows_and_links_the_shared_api(page, real_site_i18n_url,
                                                                                        lang):
    """The rows and the API are written once for every language: /ru/quotas/ and /en/quotas/
    load the same shards and link the same documents as the Kazakh page."""
    page.goto(f"{real_site_i18n_url}{lang}/quotas/?year=2023")
    page.wait_for_selector("#quota-table[data-ready=true]", timeout=20_000)
    wait_for_view(page, "/api/v1/resolutions/baiterek-2022-593.json")
    href = page.evaluate("document.getElementById('quota-view-json').href")
    assert href == real_site_i18n_url + "api/v1/resolutions/baiterek-2022-593.json"
