"""What a person sees: the built site in headless Chromium, served on 127.0.0.1."""

from __future__ import annotations

import csv
import json
import urllib.request

import pytest
from conftest import wait_until_drawn

from ashyq.paths import DATASETS

pytestmark = pytest.mark.browser

QUOTAS_CSV = DATASETS / "quotas" / "data" / "quotas.csv"


def quota_rows() -> list[dict[str, str]]:
    with open(QUOTAS_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def open_quotas(page, url: str):
    page.goto(url + "quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    wait_until_drawn(page)
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


def test_the_test_browser_records_and_fails_a_request_that_leaves_127_0_0_1(page):
    """The guard every browser test relies on (conftest: OFFLINE_ARGS and the page's log): a
    page with no policy of its own asks an outside host for an image and a script; both are
    recorded, and neither arrives."""
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.set_content('<img src="http://example.org/tracker.png"><script src="https://cdn.example.net/x.js"></script>')
    page.wait_for_function("() => document.querySelector('img').complete")
    outside = ["http://example.org/tracker.png", "https://cdn.example.net/x.js"]
    assert sorted(page.browser_log.outside_requests) == outside
    assert sorted(failed) == outside


def test_explorer_draws_only_the_rows_in_view(page, real_site_url):
    """Virtual rendering must engage: the scrolling part stays within the table's height, so
    a national corpus of 300,000 rows does not put every row into the page."""
    open_quotas(page, real_site_url)
    sizes = page.evaluate("""() => {
      const table = document.querySelector('#quota-table');
      const holder = table.querySelector('.tabulator-tableholder');
      return [holder.clientHeight, holder.scrollHeight, table.clientHeight,
              table.querySelectorAll('.tabulator-row').length];
    }""")
    holder, content, table, drawn = sizes
    total = len(quota_rows())
    assert holder < table and content > holder, sizes  # it scrolls inside the table
    assert drawn < total, f"{drawn} of {total} rows drawn: the virtual renderer did not engage"


def test_search_that_matches_nothing_says_so(page, real_site_url):
    open_quotas(page, real_site_url)
    page.fill("#quota-table-search", "жоқ-мұндай-ұйым")
    page.wait_for_function("document.querySelector('#quota-table-count').textContent.startsWith('0 /')")
    assert visible_rows(page) == []
    assert "Сәйкес жол жоқ" in page.text_content("#quota-table")


def test_sorting_by_headcount_with_a_header_click(page, real_site_url):
    open_quotas(page, real_site_url)
    header = "#quota-table .tabulator-col[tabulator-field=headcount] .tabulator-col-title"
    page.click(header)
    page.click(header)
    shown = [int(row[6]) for row in visible_rows(page)]
    assert shown[:5] == sorted((int(r["headcount"]) for r in quota_rows()), reverse=True)[:5]
    assert "sort=headcount%3Adesc" in page.url or "sort=headcount:desc" in page.url
    assert page.get_attribute("#quota-table .tabulator-col[tabulator-field=headcount]", "aria-sort") == "descending"


def test_facet_counts_and_filter(page, real_site_url):
    open_quotas(page, real_site_url)
    options = page.eval_on_selector_all("#quota-facet-year option", "os => os.map(o => o.textContent)")
    years = {}
    for r in quota_rows():
        years[r["year"]] = years.get(r["year"], 0) + 1
    assert options == ["Барлығы"] + [f"{y} ({n})" for y, n in sorted(years.items(), reverse=True)]
    page.select_option("#quota-facet-year", "2023")
    page.wait_for_function("document.querySelector('#quota-table-count').textContent.startsWith('4 /')")
    categories = page.eval_on_selector_all("#quota-facet-category_kk option", "os => os.map(o => o.textContent)")
    # counts among the 2023 rows: the 2026 category has none left and is not offered
    assert categories == ["Барлығы", "Ата-анасының қамқорлығынсыз қалған жастар (1)",
                          "Бас бостандығынан айыру орындарынан босатылғандар (1)",
                          "Пробация қызметінің есебіндегі адамдар (2)"]
    assert {row[3] for row in visible_rows(page)} == {"Бәйтерек ауданы"}


def test_the_url_reproduces_the_filtered_view(page, browser, real_site_url):
    open_quotas(page, real_site_url)
    page.fill("#quota-table-search", "мектеп")
    page.select_option("#quota-facet-place_kk", "Казталовка ауданы")
    jobs = "#quota-table .tabulator-col[tabulator-field=jobs]"
    page.click(jobs)
    page.click(jobs)  # descending
    page.wait_for_timeout(200)
    rows = visible_rows(page)
    assert rows and all(row[3] == "Казталовка ауданы" and "мектеп" in row[5].lower() for row in rows)
    shared = page.url
    assert "search=" in shared and "place_kk=" in shared and "sort=jobs" in shared
    other = browser.new_page()
    try:
        other.goto(shared)
        other.wait_for_selector("#quota-table[data-ready=true]")
        assert visible_rows(other) == rows
        assert other.input_value("#quota-table-search") == "мектеп"
        assert other.input_value("#quota-facet-place_kk") == "Казталовка ауданы"
    finally:
        other.close()


def test_download_of_the_filtered_rows(page, real_site_url):
    open_quotas(page, real_site_url)
    page.select_option("#quota-facet-place_kk", "Бөрлі ауданы")
    page.wait_for_function("document.querySelector('#quota-table-count').textContent.startsWith('4 /')")
    with page.expect_download() as info:
        page.click("#quota-download")
    text = open(info.value.path(), encoding="utf-8").read()
    source = QUOTAS_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    header, lines = source[0], source[1:]
    expected = [line for line, r in zip(lines, quota_rows()) if r["place_id"] == "borli"]
    assert text == header + "".join(expected)  # the same bytes as those lines of the CSV
    assert info.value.suggested_filename == "quotas-filtered.csv"


def choose_borli(page, real_site_url):
    open_quotas(page, real_site_url)
    page.select_option("#quota-facet-place_kk", "Бөрлі ауданы")
    page.wait_for_function("document.querySelector('#quota-table-count').textContent.startsWith('4 /')")
    borli = [r for r in quota_rows() if r["place_id"] == "borli"]
    assert len(borli) == 4
    return borli


READER_HEADER = ["Жыл", "Санат", "Облыс", "Аудан / қала", "№", "Ұйымның атауы", "Тізімдік саны", "Квота, %",
                 "Жұмыс орны", "Қаулының идентификаторы", "Азаматтар санаты (коды)", "Елді мекен / аудан (коды)",
                 "Дереккөз жолдары", "Аудан/қала атауы (басылған түрінде)"]  # … then CSV файлының жолы


def test_excel_of_the_filtered_rows_reads_as_the_table(page, real_site_url, tmp_path):
    """A journalist filters to Бөрлі, asks for Excel and opens it: the screen's columns in
    Kazakh (names, not codes), numbers as numbers, then the codes; an autofilter, a frozen
    header, widths that show the names; a sheet saying what was chosen. The writer is
    fetched only when asked for."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    borli = choose_borli(page, real_site_url)
    assert not [u for u in fetched if "xlsx-lite" in u]  # not loaded before it is asked for
    with page.expect_download() as info:
        page.click("#quota-download-xlsx")
    assert info.value.suggested_filename == "quotas-filtered.xlsx"
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    assert [u for u in fetched if "xlsx-lite" in u]
    wb = load_workbook(saved)
    assert wb.sheetnames == ["Квоталар", "Сүзгі", "Бағандар"]
    ws = wb["Квоталар"]
    values = list(ws.values)
    assert list(values[0][:len(READER_HEADER)]) == READER_HEADER and values[0][-1] == "CSV файлының жолы"
    assert len(values) == 1 + len(borli)
    for got, row in zip(values[1:], borli):
        assert got[1] == "Мүгедектігі бар адамдар" and got[3] == "Бөрлі ауданы" and got[2]
        assert got[5] == row["organization_kk"]
        assert got[0] == int(row["year"]) and got[8] == int(row["jobs"]) and got[6] == int(row["headcount"])
        assert got[10] == row["category"] == "disability" and got[11] == "borli"
    assert ws.auto_filter.ref == f"A1:{get_column_letter(len(values[0]))}{1 + len(borli)}"
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b
    width = {d.min: d.width for d in ws.column_dimensions.values()}
    longest = max(len(r["organization_kk"]) for r in borli)
    assert width[6] >= min(60, longest)  # the organisation's name is not cut to 8 characters
    chosen = dict(list(wb["Сүзгі"].values)[1:])
    assert chosen["Аудан / қала"] == "Бөрлі ауданы" and chosen["Жолдар"] == "4"
    assert "place_kk=" in chosen["Сілтеме"]
    described = dict(list(wb["Бағандар"].values)[1:])
    assert list(described) == list(values[0])
    assert described["Азаматтар санаты (коды)"] == "category" and described["Санат"].startswith("—")


def test_csv_for_excel_of_the_filtered_rows_opens_in_excel(page, real_site_url):
    """The CSV a journalist opens in Excel on Windows: a UTF-8 BOM, ";" between cells,
    the screen's Kazakh columns first, the codes after."""
    borli = choose_borli(page, real_site_url)
    with page.expect_download() as info:
        page.click("#quota-download-excel-csv")
    assert info.value.suggested_filename == "quotas-filtered-excel.csv"
    raw = open(info.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    rows = list(csv.reader(text.splitlines(), delimiter=";"))
    assert rows[0][:len(READER_HEADER)] == READER_HEADER and rows[0][-1] == "CSV файлының жолы"
    assert [(r[1], r[3], r[5], r[8], r[10], r[11]) for r in rows[1:]] == [
        ("Мүгедектігі бар адамдар", "Бөрлі ауданы", b["organization_kk"], b["jobs"], "disability", "borli")
        for b in borli]
    assert [r[7] for r in rows[1:]] == [b["quota_percent"].replace(".", ",") for b in borli]


def test_reset_clears_every_filter(page, real_site_url):
    open_quotas(page, real_site_url)
    page.fill("#quota-table-search", "Бөрлі")
    page.select_option("#quota-facet-year", "2026")
    page.click("#quota-reset")
    total = len(quota_rows())
    page.wait_for_function(f"document.querySelector('#quota-table-count').textContent === '{total} / {total} жол'")
    assert "?" not in page.url


def test_chart_renders_from_the_self_hosted_bundle(page, real_site_url):
    open_quotas(page, real_site_url)
    bars = page.locator("#chart-quota-jobs-by-place .main-svg .bars path")
    assert bars.count() > 0
    label = page.get_attribute("#chart-quota-jobs-by-place", "aria-label")
    assert "барлығы" in label and str(sum(int(r["jobs"]) for r in quota_rows())) in label
    assert page.browser_log.outside_requests == []


def test_download_link_serves_the_csv_byte_for_byte(page, real_site_url):
    open_quotas(page, real_site_url)
    link = 'a[download][href$="data/quotas/quotas.csv"]'  # the file, not "this view as CSV" (made in the page)
    href = page.get_attribute(link, "href")
    url = page.evaluate("href => new URL(href, document.baseURI).href", href)
    with urllib.request.urlopen(url) as response:
        assert response.read() == QUOTAS_CSV.read_bytes()
    with page.expect_download() as info:
        page.click(link)
    assert open(info.value.path(), "rb").read() == QUOTAS_CSV.read_bytes()


def test_home_page_loads_nothing_from_outside(page, real_site_url):
    page.goto(real_site_url)
    page.wait_for_load_state("networkidle")
    assert "квота жолы" in page.text_content(".ashyq-figures")
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


def test_plotly_loads_only_when_a_chart_comes_near_the_screen(page, real_site_url):
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.set_viewport_size({"width": 1280, "height": 700})  # the chart is well below the table
    page.goto(real_site_url + "quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "plotly" in u]  # the chart is below the table
    assert page.evaluate("typeof window.Plotly") == "undefined"
    wait_until_drawn(page)
    assert [u for u in requested if "plotly" in u] == [real_site_url + "assets/vendor/plotly/plotly-basic.min.js"]
    assert page.locator("#chart-quota-jobs-by-place .main-svg").count() > 0


# --- a corpus of several pages: the synthetic one (scripts/synth.py) -----------------------

PAGE_ROWS = 50  # explorer.js's PAGE_SIZE

def synth_quota_lines(corpus) -> tuple[str, list[tuple[dict[str, str], str]]]:
    """quotas.csv's header line, and each row with its line as written."""
    path = corpus / "quotas" / "data" / "quotas.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    with open(path, encoding="utf-8", newline="") as f:
        return lines[0], list(zip(csv.DictReader(f), lines[1:], strict=True))


def held_csv_lines(page) -> list[int]:
    """The CSV lines of the rows Tabulator holds: the page on screen, not the corpus."""
    return page.evaluate("Tabulator.findTable('#quota-table')[0].getData().map(r => r.csv_line)")


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def test_the_table_holds_one_page_and_pages_through_every_row(page, synth_site_url, synth_corpus):
    _, rows = synth_quota_lines(synth_corpus)
    total = thousands(len(rows))
    open_quotas(page, synth_site_url)
    assert page.text_content("#quota-table-count") == f"{total} / {total} жол"
    assert held_csv_lines(page) == list(range(2, 2 + PAGE_ROWS))  # the first rows of the CSV (line 1 is the header)
    assert page.text_content("#quota-page-range") == f"1–{PAGE_ROWS} / {total} жол"
    page.click("#quota-pager .tabulator-page[data-page=last]")
    last = len(rows) - PAGE_ROWS + 1
    page.wait_for_function(
        f"document.querySelector('#quota-page-range').textContent.startsWith('{thousands(last)}–')")
    assert held_csv_lines(page) == list(range(last + 1, len(rows) + 2))
    assert page.evaluate("document.querySelector('#quota-table').getBoundingClientRect().top") >= 0  # in view
    assert page.browser_log.console_errors == []


def test_a_sort_orders_every_row_not_only_the_page(page, synth_site_url, synth_corpus):
    _, rows = synth_quota_lines(synth_corpus)
    page.goto(synth_site_url + "quotas/?sort=headcount:desc")
    page.wait_for_selector("#quota-table[data-ready=true]")
    # the largest headcounts of the whole corpus; equal ones keep the CSV's order
    ranked = sorted(range(len(rows)), key=lambda i: -int(rows[i][0]["headcount"]))
    assert held_csv_lines(page) == [i + 2 for i in ranked[:PAGE_ROWS]]
    header = "#quota-table .tabulator-col[tabulator-field=headcount]"
    assert page.get_attribute(header, "aria-sort") == "descending"
    page.click(header)  # a third click: back to the document's order
    page.wait_for_function("Tabulator.findTable('#quota-table')[0].getData()[0].csv_line === 2")
    assert "sort=" not in page.url


def test_download_of_filtered_rows_has_every_page(page, synth_site_url, synth_corpus):
    header, rows = synth_quota_lines(synth_corpus)
    expected = [line for row, line in rows if row["year"] == "2020"]
    assert len(expected) > PAGE_ROWS  # more than the page on screen
    open_quotas(page, synth_site_url)
    page.select_option("#quota-facet-year", "2020")
    page.wait_for_function(f"document.querySelector('#quota-table-count').textContent.startsWith('{len(expected)} /')")
    with page.expect_download() as info:
        page.click("#quota-download")
    assert open(info.value.path(), encoding="utf-8").read() == header + "".join(expected)


def test_a_national_corpus_loads_shards_only_when_asked(page, synth_site, synth_site_url):
    """Above EAGER_BYTES the first visit loads the manifest alone; a region loads its own
    shard; "load all" loads every other shard once, even with a region chosen."""
    manifest = json.loads((synth_site / "quotas/rows/manifest.json").read_text(encoding="utf-8"))
    lazy = json.dumps({**manifest, "eager": False})  # as a national corpus is
    page.route("**/quotas/rows/manifest.json", lambda route: route.fulfill(
        status=200, content_type="application/json", body=lazy))
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url.rsplit("/", 1)[-1]) if "/quotas/rows/" in r.url else None)
    total = thousands(manifest["total"])
    open_quotas(page, synth_site_url)
    assert page.text_content("#quota-table-count") == f"Барлығы {total} жол: іздеңіз немесе сүзгіні таңдаңыз"
    assert fetched == ["manifest.json"]
    shard = manifest["shards"][0]
    page.select_option("#quota-facet-region_kk", shard["label"])
    page.wait_for_function(
        f"document.querySelector('#quota-table-count').textContent === '{thousands(shard['rows'])} / {total} жол'")
    assert fetched == ["manifest.json", shard["href"]]
    page.click("#quota-load-all")
    page.wait_for_function("document.querySelector('#quota-load-all').hidden")
    assert sorted(fetched[1:]) == sorted(s["href"] for s in manifest["shards"])  # each once
    page.click("#quota-reset")
    page.wait_for_function(f"document.querySelector('#quota-table-count').textContent === '{total} / {total} жол'")
    assert page.browser_log.console_errors == []


def test_chart_toolbar_speaks_kazakh(page, real_site_url):
    """plotly's toolbar in the Kazakh interface: «Суретті PNG ретінде жүктеу», not
    "Download plot as a PNG" (the locale is registered by ashyq.js, nothing is fetched)."""
    open_quotas(page, real_site_url)
    wait_until_drawn(page)
    titles = page.eval_on_selector_all(".ashyq-chart .modebar-btn", "els => els.map(e => e.getAttribute('data-title'))")
    assert "Суретті PNG ретінде жүктеу" in titles
    assert not [t for t in titles if t and any(w in t for w in ("Download", "plot", "Zoom", "Reset"))], titles
