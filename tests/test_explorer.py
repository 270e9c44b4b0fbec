"""The quotas explorer's totals, place links and sorting, as a person meets them: the totals
follow every filter and come from the rows that pass; a row's district links to its page by
name; the column headers are the one way to sort, by mouse or keyboard, with aria-sort."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable

import pytest
from conftest import wait_until_drawn

from ashyq.paths import DATASETS

pytestmark = pytest.mark.browser

QUOTAS_CSV = DATASETS / "quotas" / "data" / "quotas.csv"
STATUS = ".ashyq-status [role=status]"
Row = dict[str, str]


def quota_rows() -> list[Row]:
    with open(QUOTAS_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def totals_text(rows: list[Row], total: int) -> str:
    """The status line for these passing rows: rows, organisations (a name within its place),
    jobs (empty cells add nothing)."""
    orgs = {(r["place_id"], " ".join(r["organization_kk"].lower().split())) for r in rows
            if r["organization_kk"].strip()}
    jobs = sum(float(r["jobs"]) for r in rows if r["jobs"])
    assert jobs == int(jobs)  # the documents' jobs are whole numbers
    return (f"{thousands(len(rows))} / {thousands(total)} жол · {thousands(len(orgs))} ұйым · "
            f"{thousands(int(jobs))} жұмыс орны")


def open_quotas(page, url: str):
    page.goto(url + "quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    wait_until_drawn(page)


def status(page) -> str:
    return page.text_content(STATUS) or ""


def wait_for_status(page, expected: str) -> None:
    page.wait_for_function("([sel, text]) => document.querySelector(sel).textContent === text",
                           arg=[STATUS, expected], timeout=10_000)


PLACES = {"borli": "Бөрлі ауданы", "kaztalovka": "Казталовка ауданы"}

# (what the person does, which rows must pass)
STEPS: list[tuple[str, Callable, Callable[[Row], bool]]] = [
    ("search Бөрлі", lambda p: p.fill("#quota-table-search", "Бөрлі"),
     lambda r: r["place_id"] == "borli"),
    ("search cleared, year 2023", lambda p: (p.fill("#quota-table-search", ""),
                                              p.select_option("#quota-facet-year", "2023")),
     lambda r: r["year"] == "2023"),
    ("year 2026, a district", lambda p: (p.select_option("#quota-facet-year", "2026"),
                                         p.select_option("#quota-facet-place_kk", PLACES["kaztalovka"])),
     lambda r: r["year"] == "2026" and r["place_id"] == "kaztalovka"),
    ("and a word", lambda p: p.fill("#quota-table-search", "мектеп"),
     lambda r: r["year"] == "2026" and r["place_id"] == "kaztalovka" and "мектеп" in r["organization_kk"].lower()),
    ("reset", lambda p: p.click("#quota-reset"), lambda r: True),
]


def test_the_totals_follow_every_filter(page, real_site_url):
    rows = quota_rows()
    open_quotas(page, real_site_url)
    assert status(page) == totals_text(rows, len(rows))
    for name, act, keep in STEPS:
        act(page)
        passing = [r for r in rows if keep(r)]
        assert passing, name
        wait_for_status(page, totals_text(passing, len(rows)))
        # the table holds (a page of) the rows the totals count
        held = page.evaluate("Tabulator.findTable('#quota-table')[0].getData().map(r => r.csv_line)")
        lines = [i + 2 for i, r in enumerate(rows) if keep(r)]  # header = line 1
        assert held == lines[:50], name
    assert page.browser_log.console_errors == []


def test_the_totals_of_a_large_corpus(page, synth_site_url, synth_corpus):
    """Several pages of rows: the totals are of every row that passes, not of the page."""
    path = synth_corpus / "quotas" / "data" / "quotas.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    page.goto(synth_site_url + "quotas/?year=2020")
    page.wait_for_selector("#quota-table[data-ready=true]")
    passing = [r for r in rows if r["year"] == "2020"]
    assert len(passing) > 50
    wait_for_status(page, totals_text(passing, len(rows)))


def test_a_row_links_to_its_place_by_name(page, real_site_url):
    open_quotas(page, real_site_url)
    page.fill("#quota-table-search", "Бөрлі")
    page.wait_for_function("document.querySelector('#quota-table-count').textContent.startsWith('4 /')")
    links = page.eval_on_selector_all(
        "#quota-table .tabulator-row .tabulator-cell[tabulator-field=place_kk] a",
        "as => as.map(a => [a.textContent, new URL(a.href).pathname])")
    assert links == [[PLACES["borli"], "/places/borli/"]] * 4
    assert "елді мекен" not in page.text_content("#quota-table")
    page.click("#quota-table .tabulator-row .tabulator-cell[tabulator-field=place_kk] a")
    page.wait_for_url(re.compile(r"/places/borli/$"))
    assert page.text_content("h1").startswith(PLACES["borli"])


def headcounts(page) -> list[int]:
    return page.eval_on_selector_all(
        "#quota-table .tabulator-row .tabulator-cell[tabulator-field=headcount]",
        "cs => cs.map(c => Number(c.textContent))")


def test_one_way_to_sort_by_keyboard_announced(page, real_site_url):
    rows = quota_rows()
    open_quotas(page, real_site_url)
    assert page.locator("#quota-sort").count() == 0  # no second, menu way to sort
    assert page.locator("#quota-explorer select").count() == 4  # the four facets only
    header = "#quota-table .tabulator-col[tabulator-field=headcount]"
    document_order = headcounts(page)
    assert page.get_attribute(header, "aria-sort") == "none"

    page.focus("#quota-table")  # the grid, then its headers, in the Tab order
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('tabulator-field')") == "headcount":
            break
    else:
        raise AssertionError("the headcount header was not reached with Tab")

    steps = [("Enter", "ascending", "өсу ретімен", "headcount%3Aasc"),
             (" ", "descending", "кему ретімен", "headcount%3Adesc"),
             ("Enter", "none", None, None)]
    for key, aria, words, in_url in steps:
        page.keyboard.press(key)
        page.wait_for_function(f"document.querySelector({header!r}).getAttribute('aria-sort') === {aria!r}")
        shown = headcounts(page)
        if aria == "none":
            assert shown == document_order
            assert "sort=" not in page.url
            assert "сұрыпталған" not in status(page)
        else:
            assert shown == sorted(shown, reverse=aria == "descending")
            assert in_url in page.url
            # the live region says it, with the rows it leaves
            assert status(page) == totals_text(rows, len(rows)) + f" · сұрыпталған: Тізімдік саны, {words}"
        # the focus stays on the header: the next key press sorts again
        assert page.evaluate("document.activeElement.getAttribute('tabulator-field')") == "headcount"
    assert page.evaluate("window.scrollY") < 2000  # Space did not scroll the page away
    # only one column is marked sorted at a time
    page.keyboard.press("Enter")
    marked = page.eval_on_selector_all("#quota-table [role=columnheader][aria-sort]:not([aria-sort=none])",
                                       "hs => hs.map(h => h.getAttribute('tabulator-field'))")
    assert marked == ["headcount"]
