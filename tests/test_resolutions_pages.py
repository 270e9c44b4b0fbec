"""Resolution pages: legal details, every table of the document, flags beside their rows."""

from __future__ import annotations

import csv
import html.parser
import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import row_corrections, wait_until_drawn

from ashyq import catalog, model
from ashyq.paths import DATASETS, ROOT
from ashyq.problems import Problem
from ashyq.validate import validate_datasets
from ashyq.views import resolutions


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


RESOLUTIONS = read_csv(DATASETS / "resolutions/data/resolutions.csv")
QUOTAS = read_csv(DATASETS / "quotas/data/quotas.csv")


class RowsParser(html.parser.HTMLParser):
    """Every element with an id, and for table rows with an id: cell texts, links, flag codes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.rows: dict[str, dict[str, list[str]]] = {}
        self.row: str | None = None
        self.cell: list[str] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "tr" and a.get("id"):
            self.row = str(a["id"])
            self.rows[self.row] = {"cells": [], "links": [], "flags": []}
        elif self.row and tag == "td":
            self.cell = []
        elif self.row and tag == "a" and a.get("href"):
            self.rows[self.row]["links"].append(str(a["href"]))
        elif self.row and tag == "span" and a.get("data-code"):
            self.rows[self.row]["flags"].append(str(a["data-code"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.row and self.cell is not None:
            self.rows[self.row]["cells"].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr":
            self.row = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.cell is not None:
            self.cell.append(data)


def parse(path: Path) -> RowsParser:
    parser = RowsParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page(site: Path, rid: str) -> Path:
    return site / "resolutions" / rid / "index.html"


def resolve(site: Path, page_file: Path, href: str) -> tuple[Path, str]:
    """A relative link on a page → (the file it serves, the anchor)."""
    url = urlparse(href)
    folder = page_file.parent.relative_to(site).as_posix()
    target = posixpath.normpath(posixpath.join(folder, url.path))
    path = site / target
    return (path / "index.html" if url.path.endswith("/") or path.is_dir() else path), url.fragment


@pytest.fixture(scope="module")
def warnings() -> list[Problem]:
    return [p for p in validate_datasets(DATASETS) if p.severity == "warning"]


def test_every_resolution_has_a_page_and_an_index_row(real_site: Path) -> None:
    index = (real_site / "resolutions/index.html").read_text(encoding="utf-8")
    for r in RESOLUTIONS:
        text = "".join(parse(page(real_site, r["resolution_id"])).text)
        assert f'href="{r["resolution_id"]}/"' in index
        for value in [r["issuer_kk"], r["number"], r["signed_by"], r["legal_basis_kk"], r["dated_as_printed"]]:
            assert value in text, (r["resolution_id"], value)


def test_each_quota_row_appears_on_its_resolution_page(real_site: Path) -> None:
    for rid in {q["resolution_id"] for q in QUOTAS}:
        path = page(real_site, rid)
        parsed = parse(path)
        expected = [q for q in QUOTAS if q["resolution_id"] == rid]
        shown = {k: v for k, v in parsed.rows.items() if k.startswith("row-") and not k.startswith(
            ("row-staffing-", "row-institution-"))}
        assert sorted(shown) == sorted(f"row-{q['category']}-{q['row_no']}" for q in expected)
        for q in expected:
            row = shown[f"row-{q['category']}-{q['row_no']}"]
            assert row["cells"][0] == q["row_no"]
            assert row["cells"][1].startswith(q["organization_kk"])
            # the source lines; the correction links are made by the reader's browser (ashyq.js)
            assert row["cells"][3:7] == [q["headcount"], q["quota_percent"], q["jobs"], q["source_lines"]]
            place = next(h for h in row["links"] if "/places/" in h)
            assert place.endswith(f"places/{q['place_id']}/")
            # the source link lands on existing lines of the document's page
            source = next(h for h in row["links"] if "/sources/" in h)
            target, anchor = resolve(real_site, path, source)
            first, _, last = anchor.partition("-")
            lines = parse(target).ids
            assert first == f"L{q['source_lines'].split('-')[0]}" and first in lines
            assert not last or last in lines


def test_staffing_tables_show_the_printed_totals_81_and_7(real_site: Path) -> None:
    parsed = parse(page(real_site, "west-kazakhstan-region-2025-299"))
    text = " ".join("".join(parsed.text).split())
    assert parsed.rows["row-staffing-3-41"]["cells"][2:4] == ["Барлығы", "81"]
    assert parsed.rows["row-staffing-4-5"]["cells"][2:4] == ["Барлығы", "7"]
    assert "40 лауазым · штат бірліктерінің қосындысы 81 · құжатта басылған жиыны 81" in text
    assert "4 лауазым · штат бірліктерінің қосындысы 7 · құжатта басылған жиыны 7" in text
    institutions = [k for k in parsed.rows if k.startswith("row-institution-")]
    assert institutions == [f"row-institution-{n}" for n in range(1, 71)]
    assert sorted(a for a in parsed.ids if a.startswith("annex-")) == ["annex-1", "annex-2", "annex-3", "annex-4"]


def test_flags_show_beside_exactly_the_rows_the_validator_flags(real_site: Path, warnings: list[Problem]) -> None:
    packages = catalog.load_catalog(DATASETS)
    tables = catalog.load_tables(packages)
    expected: set[tuple[str, str, str]] = set()
    for p in warnings:
        if (p.package, p.resource) not in resolutions.ROW_TABLES:
            continue
        row = tables[(p.package, p.resource)].iloc[p.row - 2]
        rid = str(row["resolution_id"])
        anchor = {
            "quotas": f"row-{row.get('category')}-{row['row_no']}" if "row_no" in row else "",
            "staffing": f"row-staffing-{row.get('annex')}-{row.get('row_no')}",
            "institutions": f"row-institution-{row.get('row_no')}",
            "annexes": f"annex-{row.get('annex')}",
            "resolutions": "resolution",
        }[p.resource]
        expected.add((rid, anchor, p.code))
    shown: set[tuple[str, str, str]] = set()
    for r in RESOLUTIONS:
        for anchor, row in parse(page(real_site, r["resolution_id"])).rows.items():
            shown |= {(r["resolution_id"], anchor, code) for code in row["flags"]}
    expected_rows = {e for e in expected if e[1].startswith("row-")}
    assert shown == expected_rows
    # the document's own inconsistencies: jobs that no rounding of headcount × percent gives
    mismatched = sorted(int(a.rsplit("-", 1)[1]) for rid, a, code in shown
                        if rid == "west-kazakhstan-region-2025-246" and code == "jobs-mismatch")
    assert mismatched == [4, 13, 14, 21, 28, 38, 51]
    # every flag is also in the summary, with its Kazakh title and a link to its row
    text = (page(real_site, "west-kazakhstan-region-2025-246")).read_text(encoding="utf-8")
    assert 'id="flag-jobs-mismatch"' in text and "Жұмыс орындарының саны есептеуге сәйкес келмейді" in text
    assert text.count('<li><a href="#row-disability-') == len(
        [e for e in expected if e[0] == "west-kazakhstan-region-2025-246" and e[1].startswith("row-")])
    # flags on annexes (the Бәйтерек annexes are dated 2023 for an act of 2022)
    baiterek = page(real_site, "baiterek-2022-593").read_text(encoding="utf-8")
    for rid, anchor, code in expected:
        if anchor.startswith("annex-") and rid == "baiterek-2022-593":
            assert f'<li><a href="#{anchor}">' in baiterek and code == "annex-date-mismatch"


def test_an_injected_problem_flags_its_row_on_the_fixture() -> None:
    packages = catalog.load_catalog(ROOT / "tests/data/valid")
    data = model.Model(packages, catalog.load_tables(packages), [Problem(
        "datasets/quotas/data/quotas.csv", 3, 9, "jobs-mismatch", "jobs = 1, but 52 × 2% = 1.04 <b>",
        package="quotas", resource="quotas")])
    # the pages (the embed pages of their charts, views/embeds.py, are tested in test_embeds.py)
    pages = {o.path: o.text or "" for o in resolutions.iter_outputs(data) if o.is_page}
    text = pages["resolutions/west-kazakhstan-region-2025-246/index.md"]
    row = next(line for line in text.splitlines() if 'id="row-disability-5"' in line)
    assert 'data-code="jobs-mismatch"' in row and "1.04 &lt;b&gt;" in row  # escaped
    assert 'id="row-disability-1"' in text and 'class="ashyq-flagged"' not in text.split('id="row-disability-5"')[0]
    assert set(pages) == {"resolutions/index.md", "resolutions/baiterek-2022-593/index.md",
                          "resolutions/west-kazakhstan-region-2025-246/index.md"}


@pytest.mark.browser
def test_chart_renders_and_a_source_link_lands_highlighted(page, real_site_url: str) -> None:
    page.goto(real_site_url + "resolutions/west-kazakhstan-region-2025-246/")
    wait_until_drawn(page)
    chart = page.locator("#chart-west-kazakhstan-region-2025-246-jobs")
    assert chart.locator(".main-svg .bars path").count() == 13
    assert "барлығы 84" in chart.get_attribute("aria-label")
    page.click("#row-disability-1 a[href*='sources/']")
    page.wait_for_selector("#L54.ashyq-hl")
    assert page.url.endswith("sources/quotas/000_eeaaafaba07ad180/#L54-L72")
    assert page.eval_on_selector_all("#source-text .ashyq-hl", "els => els.length") == 19
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_staffing_page_and_row_anchor(page, real_site_url: str) -> None:
    page.goto(real_site_url + "resolutions/west-kazakhstan-region-2025-299/#row-staffing-3-41")
    row = page.locator("#row-staffing-3-41")
    assert row.is_visible()
    top = row.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < 450
    assert page.locator("#row-institution-70").count() == 1
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


def test_every_row_links_to_its_csv_line_for_a_correction(real_site: Path) -> None:
    text = (real_site / "resolutions/west-kazakhstan-region-2025-246/index.html").read_text(encoding="utf-8")
    found = [(row, key) for row, key in row_corrections(text) if row.startswith("datasets/quotas/data/quotas.csv:")]
    with open(DATASETS / "quotas/data/quotas.csv", encoding="utf-8", newline="") as f:
        expected = [(f"datasets/quotas/data/quotas.csv:{n}",
                     f"resolution_id={r['resolution_id']}; category={r['category']}; row_no={r['row_no']}")
                    for n, r in enumerate(csv.DictReader(f), start=2)
                    if r["resolution_id"] == "west-kazakhstan-region-2025-246"]
    assert found == expected and len(expected) == 52
    # a table of quota rows says its CSV file and its key's first parts once, not on each row
    assert text.count('data-csv="datasets/quotas/data/quotas.csv"') == 1  # one table: one category
    assert 'data-row="datasets/quotas/data/quotas.csv:' not in text
    text = (real_site / "resolutions/west-kazakhstan-region-2025-299/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"data-row=\"datasets/resolutions/data/institutions\.csv:\d+\"", text)) == 70


@pytest.mark.browser
def test_a_row_of_a_long_table_gets_its_whole_file_line_and_key_back(page, real_site_url):
    """A quota table says its CSV file and key's first parts once (data-csv, data-key-prefix);
    the links ashyq.js makes for a row still name the row's whole file, line and key."""
    page.goto(real_site_url + "resolutions/west-kazakhstan-region-2025-246/")
    row = page.locator(".ashyq-act-quota-rows table tbody tr").first
    report = urlparse(row.locator("a.ashyq-report").get_attribute("href"))
    params = parse_qs(report.query)
    assert (params["file"], params["line"], params["row_id"]) == (
        ["datasets/quotas/data/quotas.csv"], ["2"],
        ["resolution_id=west-kazakhstan-region-2025-246; category=disability; row_no=1"])
    assert row.locator("a.ashyq-edit").get_attribute("href") == (
        "https://github.com/ashyq-derek/ashyq-derek/edit/main/datasets/quotas/data/quotas.csv#L2")
    # the figures stay right-aligned without a class on each cell, in Material's table style
    # (which applies to a table with no class: the class is on the wrapper)
    assert row.locator("xpath=ancestor::table").get_attribute("class") is None
    assert [row.locator("td").nth(i).evaluate("e => getComputedStyle(e).textAlign") for i in (1, 3, 4, 5)] == [
        "left", "right", "right", "right"]
    assert page.browser_log.console_errors == []
