"""Site search (Material's search box, answered from the Pagefind index by our worker) as a
person uses it: several searches in the same box, on a desktop and on a phone, and the words
of the site found as whole words in its index. More in tests/test_site_search.py."""

from __future__ import annotations

import csv
import re

import pytest

from ashyq.paths import DATASETS
from ashyq.search import read_fragments

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PLACEHOLDER = "Іздеу үшін теріңіз"

# (what a person types, a page that must be among the results)
SEARCHES = [
    ("Бөрлі", "places/borli/"),
    ("Орал", "places/oral/"),
    ("квота", "quotas/"),
]


def open_search(page, url: str, viewport: str):
    page.set_viewport_size(VIEWPORTS[viewport])
    page.goto(url)
    box = page.locator("input[data-md-component=search-query]")
    if viewport == "phone":  # the box is hidden behind the header's magnifier icon
        page.click("label.md-header__button[for=__search]")
    else:
        box.click()
    assert box.is_visible()
    assert page.evaluate("document.activeElement.matches('input[data-md-component=search-query]')")
    return box


def result_pages(page) -> list[str]:
    """The site paths of the results shown, without the ?h= highlight or the #section."""
    return page.eval_on_selector_all(
        ".md-search-result__item > a",
        "links => links.map(a => { const u = new URL(a.href); return u.pathname.slice(1); })")


def wait_for_results(page, target: str) -> None:
    """Until `target` is among the results and the count line says results were found. Both
    at once: while a word is typed, the answers to its first letters come and go (the list of
    the last answer can still be on screen when the count line has moved on)."""
    try:
        page.wait_for_function(
            """target => Array.from(document.querySelectorAll('.md-search-result__item > a'))
                 .some(a => new URL(a.href).pathname === '/' + target)
               && document.querySelector('.md-search-result__meta').textContent.includes('табылды')""",
            arg=target, timeout=10_000)
    except Exception:
        meta = page.text_content(".md-search-result__meta")
        raise AssertionError(f"no {target} among the results: {meta!r}, {result_pages(page)}") from None
    meta = page.text_content(".md-search-result__meta")
    assert meta != PLACEHOLDER and "табылды" in meta, meta


def type_over(page, words: str) -> None:
    """Select everything in the focused box and type over it, as a person does. Playwright
    types Cyrillic as text input with no key events (like a phone keyboard's suggestion, an
    input method or dictation); Control+A is a real key press."""
    page.keyboard.press("Control+A")
    page.keyboard.type(words)


@pytest.mark.browser
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_same_box_searches_again_and_again(page, real_site_url, viewport):
    box = open_search(page, real_site_url, viewport)
    for words, target in SEARCHES:
        type_over(page, words)
        assert box.input_value() == words
        wait_for_results(page, target)
        # every highlighted word is the one asked for, not the previous search's
        marks = page.eval_on_selector_all(".md-search-result__item mark", "ms => ms.map(m => m.textContent)")
        assert marks and all(m.lower().startswith(words.lower()) for m in marks), (words, marks)

    # the reset button (×) empties the box and the results; the next search works too
    page.click("button.md-search__icon[type=reset]")
    assert box.input_value() == ""
    page.wait_for_function(f"document.querySelector('.md-search-result__meta').textContent === '{PLACEHOLDER}'")
    assert result_pages(page) == []
    page.keyboard.type("Бөрлі")
    wait_for_results(page, "places/borli/")

    # select-all + Backspace (a key press that empties the query) + typing
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function(f"document.querySelector('.md-search-result__meta').textContent === '{PLACEHOLDER}'")
    page.keyboard.type("Орал")
    wait_for_results(page, "places/oral/")
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_a_pasted_query_is_searched(page, real_site_url):
    """Text put into the box without any key (the context menu's paste, drag and drop)."""
    box = open_search(page, real_site_url, "desktop")
    box.fill("Бөрлі")
    wait_for_results(page, "places/borli/")
    box.fill("Орал")
    wait_for_results(page, "places/oral/")


@pytest.mark.browser
def test_a_russian_name_finds_its_place(page, real_site_url):
    """Russian names and the spellings met in documents are on the place's page, and so in
    the index: «Бурлинский» finds Бөрлі ауданы, «Уральск» finds Орал."""
    open_search(page, real_site_url, "phone")
    type_over(page, "Бурлинский")
    wait_for_results(page, "places/borli/")
    type_over(page, "Уральск")
    wait_for_results(page, "places/oral/")


def place_names() -> list[tuple[str, list[str]]]:
    """(place_id, its Russian name and aliases) for every place that has them."""
    with open(DATASETS / "places" / "data" / "places.csv", encoding="utf-8", newline="") as f:
        return [(r["place_id"], [n for n in [r["name_ru"], *r["aliases"].split(";")] if n.strip()])
                for r in csv.DictReader(f)]


def test_the_index_holds_every_name_of_a_place_as_words(real_site):
    """A name glued to its label cannot be found (<dt>Орысша</dt><dd>Бурлинский район</dd> read
    as «ОрысшаБурлинский»). Every word of a place's Russian name and aliases must be a word
    of its page in the index (Pagefind's fragment holds the text it indexed)."""
    separator = re.compile(r"[\s\-,:;!=\[\]()\"/.]+")
    words_by_page = {url.strip("/"): set(separator.split(str(f["content"]).lower()))
                     for url, f in read_fragments(real_site).items()}
    missing = []
    checked = 0
    for place_id, names in place_names():
        words = words_by_page.get(f"places/{place_id}")
        if words is None:
            continue
        for name in names:
            checked += 1
            missing += [f"{place_id}: {w}" for w in separator.split(name.lower()) if w and w not in words]
    assert checked > 50 and missing == []
