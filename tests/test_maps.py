"""Maps (issue 17.1) in Chromium: the map draws from the site's own files, a click on a place
opens its page, hover names it, the table beside the map holds the quotas.csv figures, the
switches change what is shown, axe passes in both schemes and on a phone."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ashyq.paths import DATASETS
from tests.conftest import wait_until_drawn
from tests.test_a11y import axe_violations

pytestmark = pytest.mark.browser

MAP = "section.ashyq-map"


def open_map(page, url: str, scheme: str = "light") -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(url)
    page.locator(MAP).scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('section.ashyq-map').getAttribute('data-ready') === 'true'",
                           timeout=20_000)


def table_rows(page) -> list[list[str]]:
    return page.eval_on_selector_all(f"{MAP} tbody[data-map-rows] tr", """trs => trs.map(tr =>
        Array.from(tr.cells).map(c => c.textContent.trim()))""")


def expected_figures(year: int, category: str) -> dict[str, tuple[str, str]]:
    """Each district's jobs and organisations of one year and category, from quotas.csv itself."""
    quotas = pd.read_csv(DATASETS / "quotas" / "data" / "quotas.csv")
    names = pd.read_csv(DATASETS / "places" / "data" / "places.csv").set_index("place_id")["name_kk"]
    part = quotas[(quotas["year"] == year) & (quotas["category"] == category)]
    out = {}
    for pid, rows in part.groupby("place_id"):
        name = str(names[pid]).replace(" Қ.Ә.", " қаласы")
        out[name] = (str(int(rows["jobs"].sum())), str(len(rows)))
    return out


def test_the_quota_map_draws_and_its_table_holds_the_csv_figures(page, real_site_url):
    open_map(page, real_site_url + "quotas/")
    rows = table_rows(page)
    assert {r[0]: (r[1], r[2]) for r in rows} == expected_figures(2026, "disability")
    assert [r[3] for r in rows] == [""] * len(rows)  # every district is drawn, none set by rule alone
    # one filled shape per place of the table, over the grey country
    traces = page.evaluate("""() => document.querySelector('.ashyq-map-plot').data
        .filter(t => t.meta).map(t => t.name.split(':')[0])""")
    assert sorted(traces) == sorted(r[0] for r in rows)
    sentence = page.text_content(f"{MAP} [data-map-alt]")
    assert "Ең көбі — Орал қаласы (31 жұмыс орны)" in sentence
    assert "ең азы — Бөкейордасы ауданы (1 жұмыс орны)" in sentence
    legend = page.eval_on_selector_all(f"{MAP} [data-map-legend] li", "lis => lis.map(li => li.textContent.trim())")
    assert legend[:5] == ["1 – 2", "3", "4 – 5", "6", "9 – 31"] and legend[5] == "дерек жоқ"
    credit = page.text_content(f"{MAP} .ashyq-map-credit")
    assert "geokz (А. Родионов), CC BY 4.0" in credit and "Сауран" in credit
    log = page.browser_log
    assert log.outside_requests == [] and log.console_errors == []


def _point_inside(page, place_id: str) -> dict[str, float]:
    """A screen point inside the place's shape (a grid point of its bounding box that its
    outer ring holds, the nearest to the box's centre)."""
    return page.evaluate("""pid => {
        const plot = document.querySelector('.ashyq-map-plot');
        const trace = plot.data.find(t => t.meta === 'places/' + pid + '/');
        const xs = [], ys = [];
        for (let i = 0; i < trace.x.length && trace.x[i] !== null; i++) { xs.push(trace.x[i]); ys.push(trace.y[i]); }
        const inside = (x, y) => {
            let hit = false;
            for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
                const cross = (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i];
                if ((ys[i] > y) !== (ys[j] > y) && x < cross) hit = !hit;
            }
            return hit;
        };
        const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
        const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
        let best = null;
        for (let a = 1; a < 20; a++) for (let b = 1; b < 20; b++) {
            const x = x0 + (x1 - x0) * a / 20, y = y0 + (y1 - y0) * b / 20;
            const d = (x - cx) ** 2 + (y - cy) ** 2;
            if (inside(x, y) && (!best || d < best.d)) best = {x, y, d};
        }
        const fl = plot._fullLayout, box = plot.getBoundingClientRect();
        return {x: box.left + fl._size.l + fl.xaxis.l2p(best.x), y: box.top + fl._size.t + fl.yaxis.l2p(best.y)};
    }""", place_id)


def test_hover_names_a_place_and_a_click_opens_its_page(page, real_site_url):
    open_map(page, real_site_url + "places/west-kazakhstan-region/")
    page.locator(MAP).scroll_into_view_if_needed()
    point = _point_inside(page, "syrym")
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector(".ashyq-map-plot .hovertext", timeout=5_000)
    assert page.text_content(".ashyq-map-plot .hovertext") == "Сырым ауданы: 6 жұмыс орны"
    with page.expect_navigation():
        page.mouse.click(point["x"], point["y"])
    assert page.url == real_site_url + "places/syrym/"


def test_the_switches_change_the_measure_and_the_view(page, real_site_url):
    open_map(page, real_site_url + "quotas/")
    page.check(f"{MAP} input[value='organizations']")
    page.wait_for_function("() => document.querySelector('section.ashyq-map').getAttribute('data-shown')"
                           " === '2|2026|disability|organizations'")
    assert "Квотасы бар ұйымдар".lower() in page.text_content(f"{MAP} [data-map-alt]")
    page.select_option(f"{MAP} select[data-map-view]", "2023|probation")
    page.wait_for_function("() => document.querySelector('section.ashyq-map').getAttribute('data-shown')"
                           " === '2|2023|probation|organizations'")
    assert {r[0]: (r[1], r[2]) for r in table_rows(page)} == expected_figures(2023, "probation")
    assert page.text_content(f"{MAP} caption") == ("2023 · Пробация қызметінің есебіндегі адамдар · "
                                                   "Аудандар мен қалалар")
    # by region: the region's figure is the sum of its districts'
    page.select_option(f"{MAP} select[data-map-level]", "1")
    page.select_option(f"{MAP} select[data-map-view]", "2026|disability")
    page.check(f"{MAP} input[value='jobs']")
    page.wait_for_function("() => document.querySelector('section.ashyq-map').getAttribute('data-shown')"
                           " === '1|2026|disability|jobs'")
    total = sum(int(j) for j, _ in expected_figures(2026, "disability").values())
    assert [r[:2] for r in table_rows(page)] == [["Батыс Қазақстан облысы", str(total)]]


def test_the_map_data_names_only_places_and_shapes_of_the_site(real_site):
    doc = json.loads((real_site / "maps" / "kz.json").read_text(encoding="utf-8"))
    shapes = json.loads((real_site / "assets" / "geo" / "kz-boundaries.json").read_text(encoding="utf-8"))
    katos = {f["kato"] for f in shapes["features"]}
    for key, view in doc["views"].items():
        for pid, *_, kato in view["rows"]:
            assert pid in doc["places"], key
            assert kato == "" or kato in katos, key
            assert (real_site / doc["places"][pid][1] / "index.html").is_file()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_passes_axe_and_fits_a_phone(page, real_site_url, scheme, width):
    page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(color_scheme=scheme)
    page.goto(real_site_url + "places/west-kazakhstan-region/")
    wait_until_drawn(page)
    assert page.get_attribute(MAP, "data-ready") == "true"
    violations = axe_violations(page, f"region map ({scheme}, {width} px)")
    assert not violations, "\n".join(violations)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # the table is reached by the keyboard: its first place link takes the focus
    link = page.locator(f"{MAP} tbody a").first
    link.focus()
    assert page.evaluate("document.activeElement.closest('section.ashyq-map') !== null")


def test_the_national_map_on_the_synthetic_corpus(page, synth_site_url, synth_site):
    open_map(page, synth_site_url)
    doc = json.loads((synth_site / "maps" / "kz.json").read_text(encoding="utf-8"))
    level = page.get_attribute(MAP, "data-level")
    view = doc["views"][f"{level}|{page.get_attribute(MAP, 'data-view')}"]
    assert len(table_rows(page)) == len(view["rows"]) > 17
    drawn = page.evaluate("() => document.querySelector('.ashyq-map-plot').data.filter(t => t.meta).length")
    assert drawn == sum(1 for r in view["rows"] if r[5])
    missing = [doc["places"][r[0]][0] for r in view["rows"] if not r[5]]
    note = page.text_content(f"{MAP} [data-map-missing]")
    assert (note == "") if not missing else note.startswith(f"Деректері бар {len(missing)} аумақ картада жоқ: ")
    log = page.browser_log
    assert log.outside_requests == [] and log.console_errors == []
