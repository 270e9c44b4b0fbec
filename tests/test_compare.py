"""The compare page (issue 17.2) in Chromium, on the real data and on the synthetic national
corpus: a reader picks places by typing (a Russian spelling too), sees the charts and tables,
reloads the URL and gets the same view, goes back and forward; a link with an unknown place,
with none, or with twenty says so on the page; a phone; axe; no request leaves the site."""

from __future__ import annotations

import json

import pytest
from conftest import wait_until_drawn
from test_a11y import axe_violations

pytestmark = pytest.mark.browser

# null-safe: right after a click the page may still be the previous one
COMPARE_READY = "() => document.getElementById('compare')?.getAttribute('data-ready') === 'true'"
CHARTS = ["chart-compare-jobs", "chart-compare-per-organization", "chart-compare-ratings", "chart-compare-programs"]


def open_compare(page, base: str, query: str = "") -> None:
    page.goto(base + "compare/" + query)
    page.wait_for_function(COMPARE_READY)


def drawn_charts(page) -> list[str]:
    wait_until_drawn(page)
    return page.eval_on_selector_all("#compare-results .ashyq-chart[data-ready=true]", "els => els.map(e => e.id)")


def chosen(page) -> list[str]:
    return page.eval_on_selector_all("#compare-chosen a", "els => els.map(e => e.textContent)")


def pick(page, typed: str, name: str) -> None:
    """Type into the finder as a reader would and click the suggestion called `name`."""
    box = page.locator("#compare-find")
    box.click()
    box.press_sequentially(typed, delay=20)
    page.locator("#compare-suggestions button", has_text=name).first.click()
    page.wait_for_function("n => Array.from(document.querySelectorAll('#compare-chosen a'))"
                           ".some(a => a.textContent === n)", arg=name)


def table_text(page, section: str) -> str:
    return page.inner_text(f"#{section} table")


def assert_clean(page) -> None:
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []  # a CSP violation is logged as an error


def test_a_reader_picks_two_places_by_typing_and_keeps_them_in_the_url(page, real_site_url):
    open_compare(page, real_site_url)
    assert "екі-төрт аумақ таңдаңыз" in page.inner_text("#compare-message")
    assert page.query_selector_all(".ashyq-chart") == []  # nothing chosen: no empty chart
    pick(page, "Бөрлі", "Бөрлі ауданы")
    assert page.url.endswith("compare/?places=borli")
    assert "тағы бір аумақ" in page.inner_text("#compare-message")
    pick(page, "Уральск", "Орал қаласы")  # the Russian name finds the Kazakh one
    assert page.url.endswith("compare/?places=borli,oral")
    assert chosen(page) == ["Бөрлі ауданы", "Орал қаласы"]
    assert drawn_charts(page) == CHARTS[:3]  # neither has programme targets: no programme chart
    quotas = table_text(page, "compare-quotas")
    assert "2026 · Мүгедектігі барлар\t5 жұмыс орны, 4 ұйым\t31 жұмыс орны, 5 ұйым" in quotas
    assert "1,25\t6,20" in table_text(page, "compare-per-organization")
    ratings = table_text(page, "compare-ratings")
    assert "35-орын / 160; облыста 2/12; индекс 4,05" in ratings
    assert "34-орын / 39" in ratings
    assert "межелер жоқ" in page.inner_text("#compare-programs")
    before = page.inner_text("#compare-results")

    page.reload()
    page.wait_for_function(COMPARE_READY)
    assert chosen(page) == ["Бөрлі ауданы", "Орал қаласы"]
    assert drawn_charts(page) == CHARTS[:3]
    assert page.inner_text("#compare-results") == before

    page.go_back()
    page.wait_for_function("() => document.querySelectorAll('#compare-chosen a').length === 1")
    assert page.url.endswith("compare/?places=borli") and chosen(page) == ["Бөрлі ауданы"]
    page.go_forward()
    page.wait_for_function("() => document.querySelectorAll('#compare-chosen a').length === 2")
    assert chosen(page) == ["Бөрлі ауданы", "Орал қаласы"]

    page.get_by_role("button", name="Алып тастау: Бөрлі ауданы").click()
    page.wait_for_function("() => document.querySelectorAll('#compare-chosen a').length === 1")
    assert page.url.endswith("compare/?places=oral")
    assert_clean(page)


def test_programme_targets_side_by_side_and_an_old_name(page, real_site_url):
    open_compare(page, real_site_url, "?places=baizak")
    pick(page, "Зеленов", "Бәйтерек ауданы")  # the district's old name in the documents
    assert page.url.endswith("?places=baizak,baiterek")
    assert "chart-compare-programs" in drawn_charts(page)
    targets = table_text(page, "compare-programs")
    assert "2005 · Жұмыспен қамту органдары арқылы жұмысқа орналасқандар\t125\tдерек жоқ" in targets
    assert_clean(page)


def test_a_link_with_an_unknown_place_says_so_and_suggests(page, real_site_url):
    open_compare(page, real_site_url, "?places=oral,borly,xyz")
    text = page.inner_text("#compare-message")
    page.wait_for_function("() => !document.getElementById('compare-message').textContent.includes('іздеп жатырмыз')")
    text = page.inner_text("#compare-message")
    assert "Белгісіз жер: «borly». Мүмкін, мыналардың бірі: Бөрлі ауданы." in text
    assert "Белгісіз жер: «xyz». Мұндай атаулы аумақ табылмады" in text
    assert chosen(page) == ["Орал қаласы"]  # the known one is shown, with its charts
    assert drawn_charts(page)
    page.click("#compare-message a:has-text('Бөрлі ауданы')")
    page.wait_for_function("() => document.querySelectorAll('#compare-chosen a').length === 2")
    assert page.url.endswith("?places=oral,borli,xyz")
    assert chosen(page) == ["Орал қаласы", "Бөрлі ауданы"]
    assert_clean(page)


def test_an_empty_link_says_so_and_draws_no_chart(page, real_site_url):
    open_compare(page, real_site_url, "?places=")
    assert "Сілтемеде аумақ көрсетілмеген" in page.inner_text("#compare-message")
    assert page.is_hidden("#compare-results")
    assert page.query_selector_all(".ashyq-chart") == []
    assert_clean(page)


def test_twenty_places_keep_the_first_four(page, real_site, real_site_url):
    offered = json.loads((real_site / "compare/places.json").read_text(encoding="utf-8"))["places"]
    ids = [p[0] for p in offered[:20]]
    open_compare(page, real_site_url, "?places=" + ",".join(ids))
    assert ("Сілтемеде 20 аумақ бар, ал ең көбі 4 аумақты салыстыруға болады: алғашқы 4 аумақ көрсетілді."
            in page.inner_text("#compare-message"))
    assert len(chosen(page)) == 4
    assert [p[1] for p in offered[:4]] == [n.split(" (")[0] for n in chosen(page)]
    assert drawn_charts(page)
    # a fifth cannot be added: the page says why
    page.locator("#compare-find").fill("Орал")
    page.locator("#compare-suggestions button").first.click()
    assert "Ең көбі 4 аумақты салыстыруға болады" in page.inner_text("#compare-message")
    assert len(chosen(page)) == 4
    assert_clean(page)


def test_a_place_page_links_to_the_compare_page(page, real_site_url):
    page.goto(real_site_url + "places/oral/")
    page.click("text=Басқа аумақпен салыстыру")
    page.wait_for_url("**/compare/?places=oral")
    page.wait_for_function(COMPARE_READY)
    assert page.url.endswith("compare/?places=oral") and chosen(page) == ["Орал қаласы"]
    assert_clean(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_phone_and_axe(browser, real_site_url, scheme):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="kk-KZ", is_mobile=True,
                                  has_touch=True, color_scheme=scheme)
    try:
        page = context.new_page()
        open_compare(page, real_site_url, "?places=borli,oral,baizak")
        assert page.get_attribute("body", "data-md-color-scheme") == {"light": "default", "dark": "slate"}[scheme]
        assert drawn_charts(page) == CHARTS
        overflow = page.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= 390, f"the page is {overflow} px wide on a 390 px phone"
        for chart in CHARTS:
            width = page.evaluate("id => document.getElementById(id).getBoundingClientRect().width", chart)
            assert 300 <= width <= 390
        assert axe_violations(page, f"compare ({scheme}, phone)") == []
    finally:
        context.close()


def test_panel_titles_wrap_inside_a_phone_and_whole_numbers_tick_once(page, real_site_url):
    """A long category title («Бас бостандығынан айыру орындарынан босатылғандар») is broken
    into lines inside its chart at 390 px, not cut at the right edge; an axis of a few whole
    jobs reads 0, 1 (not 0, 1, 1)."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_compare(page, real_site_url, "?places=baiterek,oral")
    assert drawn_charts(page)[:2] == CHARTS[:2]
    for chart in CHARTS[:2]:
        titles = page.evaluate("""id => {
            const box = document.getElementById(id).getBoundingClientRect();
            return Array.from(document.querySelectorAll('#' + id + ' .annotation-text')).map(t => {
              const r = t.getBoundingClientRect();
              return [t.querySelectorAll('tspan.line').length || 1, r.left >= box.left && r.right <= box.right];
            });
        }""", chart)
        assert [fits for _, fits in titles] == [True] * 4, (chart, titles)
        assert [lines for lines, _ in titles] == [1, 1, 2, 1], (chart, titles)
    ticks = page.evaluate("""() => Array.from(document.querySelectorAll('#chart-compare-jobs .subplot'))
        .map(s => Array.from(s.querySelectorAll('.yaxislayer-above text')).map(t => t.textContent))""")
    assert ticks[1:3] == [["0", "1"], ["0", "1"]] and all(len(set(t)) == len(t) for t in ticks), ticks
    assert_clean(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_programmes_labels_do_not_run_into_each_other(page, real_site_url, width):
    """Five indicators under their bars ran into each other at 390 px: on a phone the bars lie
    on their side, a label beside each; on a desktop they stand, labels under them."""
    page.set_viewport_size({"width": width, "height": 900})
    open_compare(page, real_site_url, "?places=zhambyl-region,kordai")
    assert "chart-compare-programs" in drawn_charts(page)
    boxes = page.evaluate("""() => {
        const chart = document.getElementById('chart-compare-programs');
        const own = chart.getBoundingClientRect();
        const plot = chart.querySelector('.js-plotly-plot');
        const side = plot.data[0].orientation === 'h';
        return {orientation: side ? 'h' : 'v', chart: [own.left, own.right],
                labels: Array.from(chart.querySelectorAll(side ? '.ytick text' : '.xtick text'))
                  .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })};
    }""")
    assert boxes["orientation"] == ("h" if width == 390 else "v")
    labels = boxes["labels"]
    assert len(labels) == 5
    left, right = boxes["chart"]
    assert all(left <= a[0] and a[2] <= right for a in labels), labels
    overlaps = [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlaps == []
    assert_clean(page)


def test_axe_on_the_desktop_with_messages(page, real_site_url):
    open_compare(page, real_site_url, "?places=borli,oral,xyz")
    drawn_charts(page)
    page.wait_for_function("() => !document.getElementById('compare-message').textContent.includes('іздеп жатырмыз')")
    page.locator("#compare-find").fill("Бәйт")
    page.wait_for_selector("#compare-suggestions button")
    assert axe_violations(page, "compare (desktop)") == []
    assert_clean(page)


def test_the_national_corpus_and_a_rule_only_place(page, synth_site, synth_site_url):
    offered = {p[0]: p for p in json.loads((synth_site / "compare/places.json").read_text(encoding="utf-8"))["places"]}
    docs = {pid: json.loads((synth_site / f"api/v1/places/{pid}.json").read_text(encoding="utf-8")) for pid in offered}
    listed = next(pid for pid, d in docs.items() if d["quotas"] and d["parents"])
    by_rule = next(pid for pid, d in docs.items() if d["quota_rules"] and d["parents"])
    open_compare(page, synth_site_url, f"?places={listed},{by_rule}")
    assert drawn_charts(page)[:1] == ["chart-compare-jobs"]
    quotas = table_text(page, "compare-quotas")
    rule = docs[by_rule]["quota_rules"][0]
    assert rule["text_kk"] in quotas  # the rule's terms where a list would be, never a zero
    assert "«Ережемен»" in page.inner_text("#compare-quotas")
    assert_clean(page)
