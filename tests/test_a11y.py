"""Accessibility of what a person sees: axe-core (WCAG 2.1 A and AA) on one page of every
type in the light and the dark colour scheme, keyboard-only use of the quotas explorer,
a text alternative for every chart, and nothing loaded from outside the site.

axe-core comes bundled in the `axe-playwright-python` wheel: it is injected into the page
from disk, so the checks run offline like the site itself.
"""

from __future__ import annotations

import pytest
from conftest import wait_until_drawn

pytestmark = pytest.mark.browser

# One page of every type (and the index of each section), by site path.
PAGES = {
    "home": "",
    "places index": "places/",
    "place (district)": "places/baiterek/",
    "place (region)": "places/west-kazakhstan-region/",
    "quotas explorer": "quotas/",
    "resolutions index": "resolutions/",
    "resolution": "resolutions/baiterek-2022-593/",
    "programmes index": "programs/",
    "programme": "programs/zhambyl-region-2005-2007/",
    "ratings index": "ratings/",
    "rating": "ratings/employment-centres-2017/",
    "data index": "data/",
    "data package": "data/quotas/",
    "changes": "changes/",
    "sources index": "sources/",
    "source": "sources/quotas/000_eeaaafaba07ad180/",
    "api guide": "api/",
}

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"light": "default", "dark": "slate"}



def open_page(page, base_url: str, path: str, scheme: str = "light"):
    """Load `path` in the given colour scheme and wait until its tables and charts are built.

    Material picks the palette whose media query matches (mkdocs.yml), so the dark scheme
    is what a reader whose system prefers dark gets on a first visit."""
    page.emulate_media(color_scheme=scheme)
    page.goto(base_url + path)
    wait_until_drawn(page)
    actual = page.get_attribute("body", "data-md-color-scheme")
    assert actual == SCHEMES[scheme], f"{path or '/'}: colour scheme is {actual!r}, not {SCHEMES[scheme]!r}"
    return page


def axe_violations(page, name: str) -> list[str]:
    """Run axe-core on the loaded page; one line per failing element: page, rule, element."""
    from axe_playwright_python.sync_playwright import Axe

    # Material fades the tabs back in after a scroll: measure colours once transitions end
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')",
                           timeout=5_000)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    lines = []
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            lines.append(f"{name}: {violation['id']} ({violation['impact']}): {violation['help']}\n"
                         f"    at {' '.join(map(str, node['target']))}\n"
                         f"    {node['html'][:300]}\n"
                         f"    {node.get('failureSummary', '').strip()[:400]}")
    return lines


# A desktop and a phone: the explorer's rows and a place's organisations are cards on a phone.
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_violations(page, real_site_url, name, scheme, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    open_page(page, real_site_url, PAGES[name], scheme)
    violations = axe_violations(page, f"{name} ({PAGES[name] or '/'}, {scheme}, {viewport})")
    assert not violations, f"{len(violations)} axe violation(s):\n" + "\n".join(violations)


@pytest.mark.parametrize("name", list(PAGES))
def test_nothing_from_outside_and_no_console_errors(page, real_site_url, name):
    open_page(page, real_site_url, PAGES[name])
    page.wait_for_load_state("networkidle")
    log = page.browser_log
    assert log.outside_requests == [], f"{name} ({PAGES[name] or '/'}): requests left 127.0.0.1"
    assert log.console_errors == [], f"{name} ({PAGES[name] or '/'}): console errors"


@pytest.mark.parametrize("name", list(PAGES))
def test_every_chart_has_a_text_alternative_and_its_data(page, real_site_url, name):
    open_page(page, real_site_url, PAGES[name])
    charts = page.eval_on_selector_all(".ashyq-chart", """els => els.map(el => {
        const fig = el.closest('figure');
        let next = fig ? fig.nextElementSibling : null;
        const table = next && next.querySelector('table');
        const caption = fig && fig.querySelector('figcaption');
        return {id: el.id, label: (el.getAttribute('aria-label') || '').trim(),
                caption: caption ? caption.textContent.trim() : '',
                rows: table ? table.tBodies[0].rows.length : 0};
    })""")
    missing = [f"{name}: chart #{c['id']}: " + ("no aria-label" if not c["label"] else
                                                 "no caption" if not c["caption"] else
                                                 "no data table beside it")
               for c in charts if not c["label"] or not c["caption"] or not c["rows"]]
    assert missing == []


# --- keyboard-only use of the quotas explorer ---------------------------------------------

def tab_to(page, selector: str, limit: int = 200) -> int:
    """Press Tab until `selector` holds the focus; returns the presses needed (fails if never)."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => { const el = document.querySelector(s);"
                         " return !!el && (el === document.activeElement || el.contains(document.activeElement)); }",
                         selector):
            return presses
    active = page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
    raise AssertionError(f"quotas explorer: {selector} not reached with Tab in {limit} presses (focus: {active})")


def shown_count(page) -> str:
    return page.text_content("#quota-table-count") or ""


def test_quotas_explorer_by_keyboard_alone(page, real_site_url):
    open_page(page, real_site_url, "quotas/")
    total = shown_count(page)
    assert total.split(" /")[0] == total.split("/ ")[1].split(" ")[0], total

    # search: type into the box, the count follows
    tab_to(page, "#quota-table-search")
    page.keyboard.type("Бөрлі")
    page.wait_for_function("document.querySelector('#quota-table-count').textContent.startsWith('4 /')")
    for _ in "Бөрлі":
        page.keyboard.press("Backspace")
    page.wait_for_function(f"document.querySelector('#quota-table-count').textContent === {total!r}")

    # a facet: a native select changes with the arrow keys
    tab_to(page, "#quota-facet-year")
    page.keyboard.press("ArrowDown")
    year = page.input_value("#quota-facet-year")
    assert year != "", "quotas explorer: ArrowDown on #quota-facet-year chose nothing"
    page.wait_for_function(f"document.querySelector('#quota-table-count').textContent !== {total!r}")
    assert f"year={year}" in page.url

    # reset with Enter
    tab_to(page, "#quota-reset")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector('#quota-table-count').textContent === {total!r}")
    assert page.input_value("#quota-facet-year") == ""

    # the download button works with Enter
    tab_to(page, "#quota-download")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename.endswith(".csv")

    # the table takes the focus and scrolls with the keyboard
    tab_to(page, "#quota-table")
    assert page.evaluate("() => document.activeElement.id") == "quota-table"
    holder = "#quota-table .tabulator-tableholder"
    before = page.eval_on_selector(holder, "el => el.scrollTop")
    page.keyboard.press("PageDown")
    page.wait_for_timeout(200)
    after = page.eval_on_selector(holder, "el => el.scrollTop")
    if page.eval_on_selector(holder, "el => el.scrollHeight > el.clientHeight"):
        assert after > before, "quotas explorer: PageDown in the focused table did not scroll it"

    # sort: after the grid, its column headers take the focus and sort with Enter
    header = "#quota-table .tabulator-col[tabulator-field=headcount]"
    tab_to(page, header)
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.querySelector({header!r}).getAttribute('aria-sort') === 'ascending'")
    assert "sort=headcount" in page.url
    assert page.browser_log.console_errors == []


# The Russian and English sites (issue 16): every page type again, in the light scheme (the
# dark scheme's colours are the same style sheet's), Russian on a phone and English on a
# desktop: the layout is the Kazakh pages' (checked at both widths above), what changes is
# the text, and each language at one width halves the suite's longest part.
@pytest.mark.parametrize(("lang", "viewport"), [("ru", "phone"), ("en", "desktop")])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_wcag_violations_in_russian_and_english(page, real_site_i18n_url, name, lang, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    open_page(page, real_site_i18n_url, f"{lang}/{PAGES[name]}")
    violations = axe_violations(page, f"{name} (/{lang}/{PAGES[name]}, {viewport})")
    assert not violations, f"{len(violations)} axe violation(s):\n" + "\n".join(violations)
    log = page.browser_log
    assert log.outside_requests == [] and log.console_errors == [], f"/{lang}/{PAGES[name]}"
