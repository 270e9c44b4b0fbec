"""Rating pages: every report has a page; all rated centres appear with rank, name, region,
resolved place and index (round trip of every cell), each with its anchor and source link;
the methodology round-trips; the chart uses only the basic bundle, has one marker per
centre and a median per region; in Chromium the chart renders and the filter works."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from conftest import wait_until_drawn
from test_programs_pages import chart_specs, kk_number, parse_page, read_csv, source_anchor

from ashyq.charts import BASIC_TRACES
from ashyq.paths import DATASETS
from ashyq.validate import validate_datasets

DATA = DATASETS / "ratings" / "data"
REPORT_IDS = [r["rating_id"] for r in read_csv(DATA / "rating_reports.csv")]


@pytest.fixture(scope="module")
def report_pages(real_site: Path) -> dict[str, Path]:
    return {rid: real_site / "ratings" / rid / "index.html" for rid in REPORT_IDS}


def shown_ratings(path: Path) -> dict[int, dict[str, dict]]:
    """CSV line → {data-field: cell} (plus "_row") of every rating row on the page."""
    out = {}
    for row in parse_page(path).rows:
        if row["table"].get("data-resource") == "ratings" and "data-line" in row["attrs"]:
            cells = {c["attrs"].get("data-field", c["attrs"].get("class", "")): c for c in row["cells"]}
            out[int(row["attrs"]["data-line"])] = {**cells, "_row": row}
    return out


def test_every_report_has_a_page_listed_in_the_index(real_site, report_pages):
    index = (real_site / "ratings" / "index.html").read_text(encoding="utf-8")
    for rid, page in report_pages.items():
        assert page.is_file(), rid
        assert f'href="{rid}/"' in index


def test_every_centre_appears_with_rank_place_and_index(report_pages):
    rows = read_csv(DATA / "ratings.csv")
    for rid, path in report_pages.items():
        shown = shown_ratings(path)
        mine = {line: r for line, r in enumerate(rows, start=2) if r["rating_id"] == rid}
        assert sorted(shown) == sorted(mine)
        for line, r in mine.items():
            s = shown[line]
            assert [s["rank"]["text"], s["name_as_printed"]["text"], s["region_as_printed"]["text"],
                    s["index"]["text"]] == [r["rank"], r["name_as_printed"], r["region_as_printed"],
                                            kk_number(r["index"], 2)]
            assert s["_row"]["attrs"]["id"] == f"{r['kind']}-{r['rank']}"
            assert s["_row"]["table"]["id"] == f"rating-{r['kind']}"
            assert s["place_id"]["links"] == [f"../../places/{r['place_id']}/"]
            assert s["ashyq-src-cell"]["links"][0].endswith(
                "sources/ratings/004_4b093d6ae716832a/" + source_anchor(r["source_lines"]))
    assert len(rows) == 199


def test_the_three_zhambyl_districts_link_to_three_places(report_pages):
    shown = shown_ratings(report_pages["employment-centres-2017"])
    links = [s["place_id"]["links"][0] for s in shown.values()
             if s["name_as_printed"]["text"] == "Жамбыл" and s["_row"]["attrs"]["id"].startswith("district-")]
    assert sorted(links) == ["../../places/zhambyl-almaty/", "../../places/zhambyl-north-kazakhstan/",
                             "../../places/zhambyl-zhambyl/"]


def test_methodology_round_trips(report_pages):
    rows = read_csv(DATA / "rating_indicators.csv")
    for rid, path in report_pages.items():
        page = parse_page(path)
        items = {int(i["attrs"]["data-line"]): i for i in page.items}
        mine = {line: r for line, r in enumerate(rows, start=2) if r["rating_id"] == rid}
        assert sorted(items) == sorted(mine)
        text = html.unescape(path.read_text(encoding="utf-8"))
        for line, r in mine.items():
            assert items[line]["attrs"]["id"] == f"indicator-{r['indicator_no']}"
            assert items[line]["text"].startswith(r["indicator_kk"])
            assert items[line]["links"][0].endswith(source_anchor(r["source_lines"]))
            assert f"{r['direction_no']}. {r['direction_kk']} — {kk_number(r['weight_percent'], 1)}%" in text


def test_validation_warnings_are_shown(report_pages):
    problems = [p for p in validate_datasets(DATASETS) if p.package == "ratings"]
    text = html.unescape(report_pages["employment-centres-2017"].read_text(encoding="utf-8"))
    for p in problems:
        assert (p.message_kk or p.message) in text
    if not problems:
        assert "ескерту тапқан жоқ" in text


def test_chart_has_a_marker_per_centre_and_a_median_per_region(report_pages):
    specs = chart_specs(report_pages["employment-centres-2017"].read_text(encoding="utf-8"))
    assert len(specs) == 1
    label, spec, caption = specs[0]
    assert label == caption and "199" in label
    assert {t.get("type", "scatter") for t in spec["data"]} <= BASIC_TRACES
    centres = [t for t in spec["data"] if t["name"] != "Облыс медианасы"]
    medians = [t for t in spec["data"] if t["name"] == "Облыс медианасы"]
    assert sum(len(t["x"]) for t in centres) == 199
    assert len(medians) == 1 and len(medians[0]["y"]) == len({y for t in centres for y in t["y"]})
    # the region is the one of the rating year: Ұлытау and Абай regions did not exist in 2017
    assert not {y for t in centres for y in t["y"]} & {"Ұлытау облысы", "Абай облысы", "Жетісу облысы"}


@pytest.mark.browser
def test_rating_page_renders_its_chart_and_filters_its_table(page, real_site_url):
    page.goto(real_site_url + "ratings/employment-centres-2017/")
    wait_until_drawn(page)
    assert page.locator(".ashyq-chart .scatterlayer .point").count() >= 199
    page.fill("#rating-district-filter", "Жамбыл")
    page.wait_for_function("document.querySelector('#rating-district-count').textContent.endsWith('/ 160 жол')")
    visible = page.eval_on_selector_all(
        "#rating-district tbody tr:not([hidden])", "rows => rows.map(r => r.id)")
    expected = [f"district-{r['rank']}" for r in read_csv(DATA / "ratings.csv")
                if r["kind"] == "district"
                and "жамбыл" in (r["name_as_printed"] + " " + r["region_as_printed"]).lower()]
    assert set(expected) <= set(visible) and len(visible) >= 3
    page.goto(real_site_url + "ratings/employment-centres-2017/#district-31")
    assert page.locator("#district-31").is_visible()
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


def test_every_centre_links_to_its_csv_line_for_a_correction(report_pages):
    text = report_pages["employment-centres-2017"].read_text(encoding="utf-8")
    lines = sorted(int(n) for n in re.findall(
        r'class="ashyq-fix" data-row="datasets/ratings/data/ratings\.csv:(\d+)"', text))
    assert lines == list(range(2, 201))  # all 199 rows, each once
