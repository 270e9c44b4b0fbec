"""Programme pages: every programme has a page; every value of its tables round-trips from
the CSV (with its row's anchor, kind, place link and source link); printed totals are marked;
"of which" towns sit under their district; quality flags sit beside their rows; charts use
only the basic plotly bundle and describe themselves; in Chromium the charts render."""

from __future__ import annotations

import csv
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import wait_until_drawn

from ashyq import catalog, model
from ashyq.charts import BASIC_TRACES
from ashyq.paths import DATASETS
from ashyq.problems import CODES, Problem
from ashyq.validate import validate_datasets
from ashyq.views import programs as view

DATA = DATASETS / "programs" / "data"
NBSP = "\u00a0"
# The labels the pages show come from the schema (enumTitles), not from the view.
LABELS = model.Labels.from_packages(catalog.load_catalog(DATASETS))
INDICATORS = LABELS.labels("programs", "program_targets", "indicator")
TOTAL_KK = LABELS.label("programs", "program_jobs", "row_kind", "total")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def kk_number(text: str, decimals: int = 0) -> str:
    """The CSV's "57524.0" as the page prints it: "57 524,0" (written apart from the view)."""
    return f"{float(text):,.{decimals}f}".replace(",", NBSP).replace(".", ",")


class TableRows(HTMLParser):
    """Every <tr> (and <li>) of a page: its attributes, the enclosing table's attributes,
    and its cells with their attributes, text and link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[dict[str, Any]] = []
        self.items: list[dict[str, Any]] = []
        self.tables: list[dict[str, str]] = []
        self.tr: dict[str, Any] | None = None
        self.cell: dict[str, Any] | None = None
        self.li: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.tables.append(a)
        elif tag == "tr":
            self.tr = {"attrs": a, "table": self.tables[-1] if self.tables else {}, "cells": []}
        elif tag in ("td", "th") and self.tr is not None:
            self.cell = {"tag": tag, "attrs": a, "text": "", "links": []}
        elif tag == "li" and "data-line" in a:
            self.li = {"attrs": a, "text": "", "links": [], "fields": {}}
        elif tag == "a":
            for holder in (self.cell, self.li):
                if holder is not None:
                    holder["links"].append(a.get("href", ""))

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell["text"] += data
        if self.li is not None:
            self.li["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.tr is not None:
            self.cell["text"] = self.cell["text"].strip()
            self.tr["cells"].append(self.cell)
            self.cell = None
        elif tag == "tr" and self.tr is not None:
            self.rows.append(self.tr)
            self.tr = None
        elif tag == "table" and self.tables:
            self.tables.pop()
        elif tag == "li" and self.li is not None:
            self.items.append(self.li)
            self.li = None


def parse_page(path: Path) -> TableRows:
    parser = TableRows()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def value_cells(page: TableRows, resource: str) -> dict[int, tuple[dict[str, Any], dict[str, Any]]]:
    """CSV line → (cell, row) for every value cell of the tables of `resource`."""
    out: dict[int, tuple[dict[str, Any], dict[str, Any]]] = {}
    for row in page.rows:
        if row["table"].get("data-resource") != resource:
            continue
        for cell in row["cells"]:
            if "data-line" in cell["attrs"]:
                line = int(cell["attrs"]["data-line"])
                assert line not in out, f"{resource}.csv line {line} shown twice"
                out[line] = (cell, row)
    return out


def source_anchor(lines: str) -> str:
    first, _, last = lines.partition("-")
    return f"#L{first}" + (f"-L{last}" if last else "")


def chart_specs(text: str) -> list[tuple[str, dict[str, Any], str]]:
    """(aria-label, spec, figcaption) of every chart on a built page."""
    found = re.findall(r'<div class="ashyq-chart" id="[^"]+" role="(?:img|group)" aria-label="([^"]*)">\s*'
                       r'<script type="application/json">(.*?)</script>\s*</div>\s*<figcaption>(.*?)</figcaption>',
                       text, re.S)
    return [(html.unescape(label), json.loads(spec), html.unescape(caption)) for label, spec, caption in found]


PROGRAM_IDS = [r["program_id"] for r in read_csv(DATA / "programs.csv")]


@pytest.fixture(scope="module")
def program_pages(real_site: Path) -> dict[str, Path]:
    return {pid: real_site / "programs" / pid / "index.html" for pid in PROGRAM_IDS}


# ------------------------------------------------------------------ unit

def test_row_order_puts_of_which_towns_under_their_district_and_totals_last():
    rows = read_csv(DATA / "program_targets.csv")
    import pandas as pd
    df = pd.DataFrame(rows)
    order = view.row_order(df)
    kinds = [k for k, _ in order]
    assert kinds[-1] == "total" and kinds.count("total") == 1
    parents = {r["place_id"]: r["parent_place_id"] for r in rows if r["row_kind"] == "of_which"}
    assert set(parents) == {"zhanatas", "karatau-town", "shu-town"}
    for town, parent in parents.items():
        at = order.index(("of_which", town))
        assert order[at - 1] == ("place", parent)


def test_a_flag_sits_beside_its_row_and_in_the_list():
    packages = catalog.load_catalog(DATASETS)
    problem = Problem("datasets/programs/data/program_jobs.csv", 5, 8, "total-mismatch",
                      "a test flag <b>escaped</b>", package="programs", resource="program_jobs")
    data = model.Model(packages, catalog.load_tables(packages), [problem], repository="https://github.com/o/r")
    outputs = {o.path: o.text for o in view.iter_outputs(data)}
    text = outputs[f"programs/{PROGRAM_IDS[0]}/index.md"] or ""
    assert "<b>escaped</b>" not in text and "&lt;b&gt;escaped&lt;/b&gt;" in text
    parser = TableRows()
    parser.feed(text)
    row = value_cells(parser, "program_jobs")[5][1]
    flag_cell = row["cells"][-1]
    # the flag's anchor names its row and code: it does not move when other flags come
    assert flag_cell["links"] == ["#flag-program_jobs-5-total-mismatch"]
    assert CODES["total-mismatch"].title_kk in flag_cell["text"]
    listed = re.search(r'<li id="flag-program_jobs-5-total-mismatch">(.*?)</li>', text, re.S)
    assert listed and f'href="#{row["attrs"]["id"]}"' in listed.group(1)
    assert "datasets/programs/data/program_jobs.csv:5" in listed.group(1)
    # the flagged cell is one CSV row: it links to that line in the web editor
    assert 'data-row="datasets/programs/data/program_jobs.csv:5"' in text


# ------------------------------------------------------------------ the built site

def test_every_programme_has_a_page_listed_in_the_index(real_site, program_pages):
    index = (real_site / "programs" / "index.html").read_text(encoding="utf-8")
    for pid, page in program_pages.items():
        assert page.is_file(), pid
        assert f'href="{pid}/"' in index


@pytest.mark.parametrize("resource, field, decimals", [
    ("program_funding", "amount_thousand_kzt", 1), ("program_jobs", "jobs", 0), ("program_targets", "value", 0)])
def test_every_value_round_trips_with_its_row(program_pages, resource, field, decimals):
    rows = read_csv(DATA / f"{resource}.csv")
    for pid, path in program_pages.items():
        shown = value_cells(parse_page(path), resource)
        mine = {line: r for line, r in enumerate(rows, start=2) if r["program_id"] == pid}
        assert sorted(shown) == sorted(mine)
        for line, r in mine.items():
            cell, tr = shown[line]
            assert cell["text"] == kk_number(r[field], decimals), (resource, line)
            assert cell["links"] and cell["links"][0].endswith(source_anchor(r["source_lines"]))
            assert "/sources/programs/" in "/" + cell["links"][0].replace("../", "")
            kind = r["row_kind"] if resource != "program_funding" else ("total" if r["row_kind"] == "total" else "item")
            assert tr["attrs"]["data-kind"] == kind
            label = tr["cells"][0]["text"].replace("↳", "").replace(TOTAL_KK, "").strip()
            assert label == r.get("place_name_as_printed", r.get("item_kk"))
            if resource != "program_funding" and kind != "total":
                assert tr["cells"][1]["links"][0].endswith(f"places/{r['place_id']}/")


def test_printed_totals_are_marked(program_pages):
    page = parse_page(program_pages["zhambyl-region-2005-2007"])
    totals = [(r["table"].get("id"), r["attrs"]["id"]) for r in page.rows if r["attrs"].get("data-kind") == "total"]
    assert totals == [("program-funding", "funding-total"), ("program-jobs", "jobs-total")] + [
        (f"program-targets-{i}", f"targets-{i}-total") for i in INDICATORS]
    for r in page.rows:
        if r["attrs"].get("data-kind") == "total":
            assert TOTAL_KK in r["cells"][0]["text"]
        elif r["table"].get("data-resource", "").startswith("program_"):
            assert TOTAL_KK not in r["cells"][0]["text"]


def test_of_which_rows_follow_their_district(program_pages):
    page = parse_page(program_pages["zhambyl-region-2005-2007"])
    parents = {r["place_id"]: r["parent_place_id"] for r in read_csv(DATA / "program_targets.csv")
               if r["row_kind"] == "of_which"}
    seen = 0
    for table_id in {r["table"].get("id") for r in page.rows if r["table"].get("data-resource") == "program_targets"}:
        rows = [r for r in page.rows if r["table"].get("id") == table_id and "data-kind" in r["attrs"]]
        for i, r in enumerate(rows):
            if r["attrs"]["data-kind"] != "of_which":
                continue
            seen += 1
            town = r["cells"][1]["links"][0].rstrip("/").rsplit("/", 1)[1]
            j = i - 1
            while rows[j]["attrs"]["data-kind"] == "of_which":
                j -= 1
            assert rows[j]["cells"][1]["links"][0].endswith(f"places/{parents[town]}/")
    assert seen == len({(r["indicator"], r["place_id"]) for r in read_csv(DATA / "program_targets.csv")
                        if r["row_kind"] == "of_which"})


def test_measures_round_trip(program_pages):
    rows = read_csv(DATA / "program_measures.csv")
    fields = ["no", "measure_kk", "completion_form_kk", "responsible_kk", "deadline_kk", "financing_kk"]
    for pid, path in program_pages.items():
        page = parse_page(path)
        shown = {int(r["attrs"]["data-line"]): r for r in page.rows
                 if r["table"].get("data-resource") == "program_measures" and "data-line" in r["attrs"]}
        mine = {line: r for line, r in enumerate(rows, start=2) if r["program_id"] == pid}
        assert sorted(shown) == sorted(mine)
        for line, r in mine.items():
            cells = {c["attrs"].get("data-field"): c for c in shown[line]["cells"]}
            assert [cells[f]["text"] for f in fields] == [r[f] for f in fields]
            links = [c for c in shown[line]["cells"] if c["attrs"].get("class") == "ashyq-src-cell"][0]["links"]
            assert links[0].endswith(source_anchor(r["source_lines"]))
            assert links[1].endswith(source_anchor(r["continuation_source_lines"]))
            assert shown[line]["attrs"]["id"] == f"measure-{r['no']}"


def test_validation_warnings_are_shown_with_kazakh_titles(program_pages):
    problems = [p for p in validate_datasets(DATASETS) if p.package == "programs"]
    text = html.unescape(program_pages["zhambyl-region-2005-2007"].read_text(encoding="utf-8"))
    for p in problems:
        assert p.message_kk and p.message_kk in text  # the Kazakh message, for Kazakh readers
        assert (CODES[p.code].title_kk or CODES[p.code].title) in text
    if not problems:
        assert "ескерту тапқан жоқ" in text


def test_charts_use_the_basic_bundle_and_describe_themselves(program_pages):
    text = program_pages["zhambyl-region-2005-2007"].read_text(encoding="utf-8")
    specs = chart_specs(text)
    assert len(specs) == 3
    for label, spec, caption in specs:
        assert {t.get("type", "scatter") for t in spec["data"]} <= BASIC_TRACES
        assert label == caption and len(label) > 40
    targets = specs[2][1]
    buttons = targets["layout"]["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == list(INDICATORS.values())
    assert all(len(b["args"][0]["visible"]) == len(targets["data"]) for b in buttons)


# ------------------------------------------------------------------ in Chromium

@pytest.mark.browser
def test_programme_page_renders_its_charts_offline(page, real_site_url):
    page.goto(real_site_url + "programs/zhambyl-region-2005-2007/")
    wait_until_drawn(page)
    assert page.locator(".ashyq-chart[data-ready=true]").count() == 3
    assert page.locator(".ashyq-chart .main-svg").count() >= 3
    assert page.locator("#chart-zhambyl-region-2005-2007-funding .bars path").count() == 9
    # the indicator drop-down switches the targets chart to another indicator
    chart = "#chart-zhambyl-region-2005-2007-targets"
    bars = f"{chart} .bars path"
    before = page.eval_on_selector_all(bars, "els => els.map(e => e.getAttribute('d'))")
    page.click(f"{chart} .updatemenu-header")
    page.locator(f"{chart} .updatemenu-dropdown-button", has_text="Жастар тәжірибесі").click()
    page.wait_for_function(
        f"document.querySelector('{chart} .updatemenu-header').textContent === 'Жастар тәжірибесі'")
    after = page.eval_on_selector_all(bars, "els => els.map(e => e.getAttribute('d'))")
    assert after and after != before
    page.goto(real_site_url + "programs/")
    page.click("text=Жамбыл облысының")
    page.wait_for_selector("#funding-total")
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


def test_every_measure_links_to_its_csv_line_for_a_correction(program_pages):
    text = program_pages["zhambyl-region-2005-2007"].read_text(encoding="utf-8")
    lines = sorted(int(n) for n in re.findall(
        r'class="ashyq-fix" data-row="datasets/programs/data/program_measures\.csv:(\d+)"', text))
    assert lines == list(range(2, 2 + len(read_csv(DATA / "program_measures.csv"))))
