"""The site search on Pagefind (ashyq/search.py, assets/js/search-worker.js): what the index
holds, that two builds write the same index, that Material's lunr index is gone, and in
Chromium: prefix and case, a table's organisation name, the keyboard, a phone, axe, what a
first query downloads."""

from __future__ import annotations

import contextlib
import csv
import json
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ashyq import search
from ashyq.build import build_site
from ashyq.paths import DATASETS
from ashyq.search import SearchIndexError, read_fragments
from tests.test_a11y import axe_violations
from tests.test_build import tree_digest
from tests.test_search import open_search, result_pages, type_over, wait_for_results

# An organisation of a resolution's quota table (datasets/quotas, row 2 of resolution 246):
# the text Material's lunr index never held (tables were left out of it).
ORGANISATION = ("Жігер", "resolutions/west-kazakhstan-region-2025-246/")


def test_two_builds_write_the_same_index(valid_datasets, tmp_path):
    first = build_site(valid_datasets, tmp_path / "one").out
    second = build_site(valid_datasets, tmp_path / "two").out
    one, two = tree_digest(first / "pagefind"), tree_digest(second / "pagefind")
    assert one and one == two
    assert any(k.startswith("fragment/") for k in one) and any(k.startswith("index/") for k in one)


def test_the_lunr_index_is_gone(real_site):
    """Material's script still fetches search/search_index.json on every page and its ?h=
    highlighter reads the separator from it: the file stays, with its config and no page."""
    index = json.loads((real_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == [] and index["config"]["separator"]
    assert (real_site / "search/search_index.json").stat().st_size < 1000
    assert (real_site / "pagefind/pagefind-entry.json").is_file()
    assert not [n for n in search.UNUSED_FILES if (real_site / "pagefind" / n).exists()]
    html = (real_site / "index.html").read_text(encoding="utf-8")
    assert "assets/js/search-worker.js?lang=kk" in html and "workers/search." not in html


def test_the_index_holds_organisations_but_not_numbers_or_row_links(real_site):
    fragments = read_fragments(real_site)
    page = fragments["/" + ORGANISATION[1]]
    text = str(page["content"])
    # each word of a table's organisation names once (test_a_quota_tables_words_are_indexed_once_each_and_all)
    assert {'"Жігер', "спорт", 'клубы"'} <= set(text.split())
    assert "қатені хабарлау" not in text and "түзету" not in text
    # the place column repeats the place page: only the organisation's cell is indexed
    assert "Ақжайық ауданы Ақжайық ауданы" not in text
    entry = json.loads((real_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["kk"]  # one index per language: the site is Kazakh


def test_distinct_words_keeps_each_word_once_in_order_in_any_case():
    assert search.distinct_words(["Абай ауданының № 40 мектебі", "№ 41 МЕКТЕБІ «Кемел»", "", "  мектебі  "]) \
        == "Абай ауданының № 40 мектебі 41 «Кемел»"


def quota_organisations(resolution_id: str) -> list[str]:
    with open(DATASETS / "quotas" / "data" / "quotas.csv", encoding="utf-8", newline="") as f:
        return [r["organization_kk"] for r in csv.DictReader(f) if r["resolution_id"] == resolution_id]


def test_a_quota_tables_words_are_indexed_once_each_and_all(real_site):
    """A word printed on many rows of a quota table is one word of the page in the index (Pagefind
    scores a page by each place of a word in it: a word on every row of thousands of pages was the
    slowest search), and every word of every organisation name is there: the same pages are found."""
    organisations = quota_organisations("west-kazakhstan-region-2025-246")
    text = str(read_fragments(real_site)["/" + ORGANISATION[1]]["content"])
    words = text.casefold().split()
    printed = [w for name in organisations for w in name.casefold().split()]
    assert printed.count('мектебі"') > 10 and words.count('мектебі"') == 1
    assert sorted(set(printed) - set(words)) == []
    # said again on the page: the table's counts under its heading, the issuer and number in the lead
    html = (real_site / ORGANISATION[1] / "index.html").read_text(encoding="utf-8")
    assert "тізімдік саны барлығы" in html and "тізімдік саны барлығы" not in text
    assert 'class="ashyq-resolution-lead"' in html and "әкімдігі · " not in text


def test_an_organisation_is_found_on_the_russian_and_english_pages_too(real_site_i18n):
    """The rows of an act's quota table are the Kazakh page's (the browser brings them to /ru/
    and /en/), but their organisations' words are indexed on every language's page: a reader
    searching an organisation on the Russian site finds its act there."""
    fragments = read_fragments(real_site_i18n)
    for lang in ("ru", "en"):
        html = (real_site_i18n / lang / ORGANISATION[1] / "index.html").read_text(encoding="utf-8")
        assert "data-rows-from=" in html  # no rows in the page
        assert ORGANISATION[0].casefold() in str(fragments[f"/{lang}/{ORGANISATION[1]}"]["content"]).casefold()


def test_a_places_resolutions_and_the_calculators_labels_are_left_out(real_site):
    """Both repeat on page after page: a place's latest resolutions are each found on their own
    page (their titles name the place and «квота» again and again), and a calculator's labels
    and help are the same in every rule block (dozens on a region's page)."""
    html = (real_site / "places/oral/index.html").read_text(encoding="utf-8")
    assert 'class="ashyq-place-resolutions"' in html and "квота белгілеу туралы" in html
    fragments = read_fragments(real_site)
    assert "Орал" in str(fragments["/places/oral/"]["content"])
    assert "квота белгілеу туралы" not in str(fragments["/places/oral/"]["content"])
    calculators = [p for p in (real_site / "places").glob("*/index.html")
                   if 'class="ashyq-calc"' in p.read_text(encoding="utf-8")]
    assert calculators
    assert [url for url, f in fragments.items() if "Санды енгізіңіз" in str(f["content"])] == []


def test_a_failing_pagefind_is_a_clear_error_and_publishes_nothing(valid_datasets, tmp_path, monkeypatch):
    monkeypatch.setattr(search, "pagefind_executable", lambda: Path("/bin/false"))
    with pytest.raises(SearchIndexError, match=r"Pagefind failed \(exit 1\)"):
        build_site(valid_datasets, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_the_build_command_reports_a_failing_pagefind_without_a_traceback(valid_datasets, tmp_path,
                                                                         monkeypatch, capsys):
    from ashyq.cli import main

    monkeypatch.setattr(search, "pagefind_executable", lambda: tmp_path / "no-such-pagefind")
    code = main(["build", "--datasets", str(valid_datasets), "--out", str(tmp_path / "site")])
    err = capsys.readouterr().err
    assert code == 1
    assert "build failed: Pagefind did not start" in err and "requirements.lock" in err
    assert "Traceback" not in err


@pytest.mark.browser
@pytest.mark.parametrize("typed, target", [
    ("бәйтер", "places/baiterek/"),       # a prefix finds the whole word
    ("орал", "places/oral/"),             # any case
    ("ОРАЛ", "places/oral/"),
    ("Уральск", "places/oral/"),          # the Russian name, from the place's page
    ORGANISATION,                          # a quota table's organisation
])
def test_prefix_case_russian_names_and_organisations_are_found(page, real_site_url, typed, target):
    open_search(page, real_site_url, "desktop")
    type_over(page, typed)
    wait_for_results(page, target)
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_a_first_query_loads_only_what_it_needs(page, real_site_url, real_site):
    """Nothing of the index before the box has the focus; then Pagefind's script, its
    WebAssembly, the language's meta file, the chunks of the query's words and one fragment
    per result shown: never the whole index."""
    loaded: list[str] = []
    page.on("requestfinished", lambda r: loaded.append(r.url))
    page.goto(real_site_url + "quotas/")
    page.wait_for_timeout(300)
    assert not [u for u in loaded if "/pagefind/" in u]
    box = open_search(page, real_site_url + "quotas/", "desktop")
    assert box
    type_over(page, "Бөрлі")
    wait_for_results(page, "places/borli/")
    chunks = [u for u in loaded if "/pagefind/index/" in u]
    fragments = [u for u in loaded if "/pagefind/fragment/" in u]
    assert 0 < len(chunks) < len(list((real_site / "pagefind/index").iterdir()))
    assert 0 < len(fragments) <= 10 < len(list((real_site / "pagefind/fragment").iterdir()))


@pytest.mark.browser
def test_more_pages_than_shown_are_counted(page, real_site_url):
    open_search(page, real_site_url, "desktop")
    type_over(page, "квота")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('үздік 10')",
                           timeout=10_000)
    meta = page.text_content(".md-search-result__meta") or ""
    total = int(meta.split("сәйкестік")[0].replace("\u00a0", ""))  # grouped as formats.number writes it
    assert total > 10 and len(result_pages(page)) <= 10, meta


@pytest.mark.browser
def test_the_keyboard_opens_a_result(page, real_site_url):
    page.goto(real_site_url)
    page.keyboard.press("s")  # Material's shortcut to the search box
    page.keyboard.type("Бурлинский")
    wait_for_results(page, "places/borli/")
    page.keyboard.press("Enter")  # the best result
    page.wait_for_url("**/places/borli/**")
    # Material's ?h= highlights the word found on the page
    page.wait_for_selector("mark[data-md-highlight]")
    assert "бурлинский" in (page.text_content("mark[data-md-highlight]") or "").lower()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_on_a_phone_and_axe(page, real_site_url, scheme):
    page.emulate_media(color_scheme=scheme)
    open_search(page, real_site_url, "phone")
    type_over(page, ORGANISATION[0])
    wait_for_results(page, ORGANISATION[1])
    # Material's overlay grows in with a transition while the box opens: the page may be wider
    # for a moment (results can arrive before it ends), never once it has settled
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function("() => document.documentElement.scrollWidth <= 390", timeout=3000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone: {width}px"
    first = page.locator(".md-search-result__item > a").first
    assert first.is_visible()
    violations = axe_violations(page, f"search results (phone, {scheme})")
    assert not violations, "\n".join(violations)
    assert page.browser_log.outside_requests == []


@pytest.mark.browser
def test_a_broken_index_says_the_search_failed_not_nothing_found(page, real_site_url):
    """When Pagefind cannot load (its files missing, a CSP without 'wasm-unsafe-eval'), the
    reader is told the search does not work, not that nothing matches."""
    page.context.route("**/pagefind/**", lambda route: route.abort())
    open_search(page, real_site_url, "desktop")
    type_over(page, "Бөрлі")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.includes('жұмыс істемей тұр')",
        timeout=10_000)
    assert result_pages(page) == []


@pytest.mark.browser
def test_one_letter_asks_for_another(page, real_site_url):
    """One letter matches most of the site and is the slowest search: the reader is asked for
    a second letter (not told that nothing matches); the second letter searches."""
    open_search(page, real_site_url, "desktop")
    type_over(page, "Б")
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent === 'Кемінде екі әріп теріңіз'",
        timeout=10_000)
    page.keyboard.type("өрлі")
    wait_for_results(page, "places/borli/")


@pytest.mark.browser
def test_search_works_where_the_host_sends_the_policy_as_a_header(page, real_site):
    """Netlify and Cloudflare Pages send _headers' Content-Security-Policy with every file,
    the search worker's too (a <meta> policy does not reach a worker): Pagefind's WebAssembly
    must still compile ('wasm-unsafe-eval'), and nothing else may run."""
    import functools
    import http.server
    import threading

    headers = [line.strip().split(": ", 1) for line in (real_site / "_headers").read_text(encoding="utf-8").splitlines()
               if line.startswith("  ") and ": " in line]
    assert any(name == "Content-Security-Policy" for name, _ in headers)

    class HeaderHandler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self) -> None:
            for name, value in headers:
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(HeaderHandler,
                                                                               directory=str(real_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        response = page.request.get(url + "assets/js/search-worker.js")
        assert "wasm-unsafe-eval" in response.headers["content-security-policy"]
        open_search(page, url, "desktop")
        type_over(page, "Уральск")
        wait_for_results(page, "places/oral/")
        assert page.browser_log.console_errors == []
    finally:
        httpd.shutdown()
