"""Printing and saving as PDF: charts are drawn when printing starts, not only when scrolled
into view (ashyq.js), and fit the paper (print CSS)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "programs/zhambyl-region-2005-2007/"  # three charts, all below the fold
PRINT_WIDTH = 680  # ashyq.js: the widest chart that fits A4 or Letter with the browser's margins

CHARTS = """() => Array.from(document.querySelectorAll('.ashyq-chart'), el => {
  const svg = el.querySelector('svg.main-svg');
  return {id: el.id, ready: el.getAttribute('data-ready'), svg: !!svg,
          width: svg ? parseFloat(svg.getAttribute('width')) : 0, box: el.clientWidth,
          marks: el.querySelectorAll('.point, .scatterlayer .trace').length};
})"""


def print_now(page) -> list[dict]:
    """Tell the page it is being printed, as the browser does, and read the charts in the same
    task: what is drawn before the browser lays out the paper."""
    page.emulate_media(media="print")
    return page.evaluate(f"""() => {{ window.dispatchEvent(new Event('beforeprint'));
                                      return ({CHARTS})(); }}""")


def test_printing_draws_every_chart_without_scrolling(page, real_site_url):
    page.goto(real_site_url + PAGE)
    page.wait_for_load_state("networkidle")
    before = page.evaluate(CHARTS)
    assert len(before) == 3 and not any(c["svg"] for c in before), before  # lazy: nothing yet
    print_now(page)
    page.wait_for_function("""() => Array.from(document.querySelectorAll('.ashyq-chart'))
        .every(el => el.getAttribute('data-ready') === 'true')""", timeout=20_000)
    charts = page.evaluate(CHARTS)
    assert all(c["svg"] and c["marks"] > 0 for c in charts), charts
    assert all(c["width"] <= PRINT_WIDTH for c in charts), charts
    assert page.evaluate("window.scrollY") == 0  # nothing was scrolled into view
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000

    # back on screen, the charts take the width of the page again
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_function("""() => Array.from(document.querySelectorAll('.ashyq-chart'))
        .every(el => el.querySelector('svg.main-svg').getAttribute('width') > 680)""")
    assert page.browser_log.console_errors == []
    assert page.browser_log.outside_requests == []


def test_with_plotly_loaded_every_chart_is_drawn_before_the_print_layout(page, real_site_url):
    """A print dialog lays the page out right after `beforeprint`: once plotly.js is loaded (one
    chart was near the screen), the others must be drawn inside that event, not after it."""
    page.goto(real_site_url + PAGE)
    first = page.query_selector(".ashyq-chart")
    first.scroll_into_view_if_needed()
    page.wait_for_selector(".ashyq-chart[data-ready=true]")
    page.evaluate("window.scrollTo(0, 0)")
    charts = print_now(page)
    assert all(c["svg"] and c["marks"] > 0 for c in charts), charts
    assert all(c["width"] <= PRINT_WIDTH for c in charts), charts


def test_a_chart_that_cannot_be_drawn_leaves_no_empty_box_on_paper(page, real_site_url):
    page.route("**/plotly-basic.min.js", lambda route: route.abort())
    page.goto(real_site_url + PAGE)
    print_now(page)
    page.wait_for_function("""() => Array.from(document.querySelectorAll('.ashyq-chart'))
        .every(el => el.hasAttribute('data-error'))""")
    heights = page.eval_on_selector_all(".ashyq-chart", "els => els.map(el => el.offsetHeight)")
    assert heights == [0, 0, 0]
    # the data beside each chart is still printed
    assert page.eval_on_selector_all(
        ".ashyq-chart-figure", "figs => figs.map(f => f.innerText.length > 0)") == [True] * 3


def test_a_place_prints_its_folded_names_and_codes(page, real_site_url):
    """On screen a place's other names and codes are folded under its name; paper cannot be
    clicked, so printing unfolds them (and the screen folds them again after)."""
    page.goto(real_site_url + "places/borli/")
    facts = page.locator("details.ashyq-place-facts")
    assert not facts.evaluate("el => el.open")
    code = facts.locator("dd").first
    assert not code.is_visible()
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert code.is_visible()
    assert "Бурлинский" in facts.inner_text()
    assert page.pdf(format="A4").startswith(b"%PDF")
    page.emulate_media(media="screen")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert not facts.evaluate("el => el.open")
