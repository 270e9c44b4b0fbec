"""Embeds and chart downloads (issue 17.3): every chart has its row of actions; its embed page
draws it inside an <iframe> of a page from another origin under the site's headers; the PNG
and SVG downloads happen with the source line drawn in; the CSV holds the chart's numbers.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import io
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from ashyq import urls
from ashyq.paths import DATASETS
from tests.conftest import QuietHandler, wait_until_drawn
from tests.test_a11y import axe_violations

# screenshots to look at (not compared): outside the repository
SHOTS = Path(tempfile.gettempdir()) / "ashyq-screenshots"

# One page of each chart type, and the embed key of its (first) chart.
CHART_PAGES = {
    "quotas": ("quotas/", "quotas-jobs-by-place"),
    "region": ("places/west-kazakhstan-region/", "place-west-kazakhstan-region-quotas"),
    "district": ("places/baiterek/", "place-baiterek-quotas"),
    "resolution": ("resolutions/west-kazakhstan-region-2025-246/", "resolution-west-kazakhstan-region-2025-246-jobs"),
    "program": ("programs/zhambyl-region-2005-2007/", "program-zhambyl-region-2005-2007-funding"),
    "rating": ("ratings/employment-centres-2017/", "rating-employment-centres-2017-index"),
}


def test_chart_keys_are_stable_and_url_safe():
    assert urls.chart_key("place", "borli", "quotas") == "place-borli-quotas"
    assert urls.embed(urls.chart_key("place", "borli", "quotas")) == "embed/place-borli-quotas/"
    # whatever a slug holds, a key stays one path segment of safe characters
    key = urls.chart_key("resolution", "a/b c?д", "jobs")
    assert "/" not in key and all(c.isascii() and (c.isalnum() or c in "-_.~") for c in key)


def test_every_chart_of_the_site_has_its_embed_page(real_site):
    """Each chart's key names an embed page that exists, and every embed page is some chart's."""
    keys = set()
    for html in real_site.rglob("index.html"):
        text = html.read_text(encoding="utf-8")
        if "ashyq-chart-actions" not in text or html.parts[-3] == "embed":
            continue
        keys |= {part.split('"', 1)[0] for part in text.split('data-file="')[1:]}
    embeds = {p.name for p in (real_site / "embed").iterdir()}
    assert keys == embeds
    assert {key for _, key in CHART_PAGES.values()} <= embeds
    page = (real_site / "embed" / "place-baiterek-quotas" / "index.html").read_text(encoding="utf-8")
    # its title, the documents, the page it comes from and the licence, absolute (another site shows it)
    assert "<h1 class=\"ashyq-embed-title\">Бәйтерек ауданы: квота бойынша жұмыс орындары</h1>" in page
    assert 'href="https://ashyq-derek.github.io/ashyq-derek/resolutions/baiterek-2022-593/"' in page
    assert 'href="https://ashyq-derek.github.io/ashyq-derek/places/baiterek/"' in page
    assert "Creative Commons Attribution 4.0" in page
    # the site's own style sheet and scripts, no theme
    assert "../../assets/css/embed.css" in page and "../../assets/js/ashyq.js" in page
    assert "material" not in page.lower()


# ----------------------------------------------------------------- a host that sends _headers


def header_rules(site: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    """_headers as (path pattern, headers), in order."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in (site / "_headers").read_text(encoding="utf-8").splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), []))
        elif line.startswith("  ") and ": " in line:
            name, value = line.strip().split(": ", 1)
            rules[-1][1].append((name, value))
    return rules


def matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


@contextlib.contextmanager
def serve_with_headers(site: Path) -> Iterator[str]:
    """The site as Netlify or Cloudflare Pages serve it: every rule of _headers that matches
    a path adds its headers (two matching rules would send both)."""
    rules = header_rules(site)

    class Handler(QuietHandler):
        def end_headers(self) -> None:
            path = self.path.split("?", 1)[0]
            for pattern, headers in rules:
                if matches(pattern, path):
                    for name, value in headers:
                        self.send_header(name, value)
            super().end_headers()

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_headers_let_other_sites_frame_the_embeds_only(real_site):
    rules = header_rules(real_site)

    def policies(path: str) -> list[str]:
        return [v for p, hs in rules if matches(p, path) for n, v in hs if n == "Content-Security-Policy"]

    assert [p.endswith("frame-ancestors *") for p in policies("/embed/place-baiterek-quotas/")] == [True]
    for path in ("/", "/index.html", "/quotas/", "/places/baiterek/", "/404.html"):
        assert [p.endswith("frame-ancestors 'self'") for p in policies(path)] == [True], path


@pytest.fixture(scope="module")
def hosted_site(real_site) -> Iterator[str]:
    with serve_with_headers(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def other_origin(tmp_path_factory) -> Iterator[Path]:
    """A folder served by a second server (another port: another origin) for the host pages."""
    folder = tmp_path_factory.mktemp("other-site")
    with contextlib.ExitStack() as stack:
        handler = functools.partial(QuietHandler, directory=str(folder))
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        stack.callback(httpd.server_close)
        stack.callback(httpd.shutdown)
        folder.joinpath(".url").write_text(f"http://127.0.0.1:{httpd.server_address[1]}/")
        yield folder


def host_page(folder: Path, name: str, iframe_code: str) -> str:
    folder.joinpath(name).write_text(f"<!doctype html><html lang=en><head><meta charset=utf-8><title>A newspaper"
                                     f"</title></head><body><h1>A newspaper</h1>{iframe_code}</body></html>",
                                     encoding="utf-8")
    return folder.joinpath(".url").read_text() + name


CSP_ERRORS = ("Content Security Policy", "Refused to", "frame-ancestors")


@pytest.mark.browser
def test_an_embed_draws_inside_an_iframe_of_another_site(page, hosted_site, other_origin):
    """The embed code copied from a page, pasted into a page of another origin (another
    port): the chart draws inside the frame, with no CSP error; the site's
    other pages refuse to be framed there."""
    page.goto(hosted_site + "places/baiterek/")
    page.click(".ashyq-embed-code summary")
    code = page.input_value(".ashyq-embed-code textarea")
    assert code.startswith(f'<iframe src="{hosted_site}embed/place-baiterek-quotas/"')
    assert 'title="Бәйтерек ауданы: квота бойынша жұмыс орындары"' in code
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(host_page(other_origin, "news.html", code))
    frame = page.frame_locator("iframe")
    frame.locator(".ashyq-chart[data-ready='true']").wait_for(timeout=20_000)
    assert frame.locator("h1").text_content() == "Бәйтерек ауданы: квота бойынша жұмыс орындары"
    assert frame.locator(".ashyq-chart .main-svg").count() >= 1
    assert "Creative Commons Attribution 4.0" in frame.locator(".ashyq-embed-source").text_content()
    assert [e for e in errors if any(s in e for s in CSP_ERRORS)] == []
    assert page.browser_log.outside_requests == []
    # a page of the site itself in a frame of the other origin: refused by frame-ancestors 'self'
    page.goto(host_page(other_origin, "steal.html",
                        f'<iframe src="{hosted_site}places/baiterek/" title="x" width="600" height="400"></iframe>'))
    page.wait_for_timeout(1000)
    assert any("frame-ancestors" in e for e in errors)


# ----------------------------------------------------------------- the actions on each page


@pytest.mark.browser
@pytest.mark.parametrize("name", list(CHART_PAGES))
def test_each_chart_type_has_its_actions(page, real_site_url, name):
    path, key = CHART_PAGES[name]
    page.goto(real_site_url + path)
    actions = page.locator(f".ashyq-chart-actions[data-file='{key}']")
    assert actions.count() == 1
    labels = actions.locator("button").all_text_contents()
    assert labels[:3] == ["PNG сурет", "SVG сурет", "Деректері (CSV)"]
    # keyboard: the buttons and the embed disclosure take the focus in order
    actions.locator("button").first.focus()
    for expected in ("SVG сурет", "Деректері (CSV)", "Ендіру"):
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent.trim()") == expected
    page.keyboard.press("Enter")  # opens the embed code
    code = actions.locator("textarea").input_value()
    assert f"{real_site_url}embed/{key}/" in code
    response = page.request.get(f"{real_site_url}embed/{key}/")
    assert response.ok


def download(page, actions, action: str):
    with page.expect_download(timeout=30_000) as info:
        actions.locator(f"button[data-action='{action}']").click()
    d = info.value
    data = Path(d.path()).read_bytes()
    SHOTS.mkdir(exist_ok=True)
    (SHOTS / d.suggested_filename).write_bytes(data)  # to look at
    return d.suggested_filename, data


@pytest.mark.browser
def test_png_svg_and_csv_downloads_of_a_chart(page, real_site_url):
    """On the quotas page: the SVG carries the title and the source line as text, the PNG is a
    PNG, and the CSV (UTF-8 with BOM) holds the jobs of quotas.csv per place, year and category."""
    page.goto(real_site_url + "quotas/")
    wait_until_drawn(page)
    actions = page.locator(".ashyq-chart-actions[data-file='quotas-jobs-by-place']")
    title = actions.get_attribute("data-title")
    credit = actions.get_attribute("data-credit")
    assert "Дереккөз: " in credit and "Лицензия: Creative Commons Attribution 4.0" in credit

    name, svg = download(page, actions, "svg")
    assert name == "ashyq-derek-quotas-jobs-by-place.svg"
    text = svg.decode("utf-8")
    assert text.startswith("<svg") and title in text
    drawn = " ".join(part.split("<", 1)[0] for part in text.split(">"))  # the text of the SVG
    assert "Дереккөз: Батыс Қазақстан облысы әкімдігі, 21.11.2025 № 246" in drawn
    assert "Лицензия: Creative Commons" in drawn

    name, png = download(page, actions, "png")
    assert name == "ashyq-derek-quotas-jobs-by-place.png"
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000

    name, data = download(page, actions, "csv")
    assert name == "ashyq-derek-quotas-jobs-by-place.csv"
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Санат", "Аудан / қала · жыл", "Жұмыс орындары", "Ұйымдар"]
    got = pd.DataFrame(rows[1:], columns=rows[0])
    quotas = pd.read_csv(DATASETS / "quotas" / "data" / "quotas.csv")
    assert got["Жұмыс орындары"].astype(int).sum() == quotas["jobs"].sum()
    assert got["Ұйымдар"].astype(int).sum() == len(quotas)
    # the bar of Орал: its jobs in 2026 for people with disabilities, as quotas.csv adds them up
    oral = quotas[(quotas["place_id"] == "oral") & (quotas["category"] == "disability") & (quotas["year"] == 2026)]
    row = got[got["Аудан / қала · жыл"].str.startswith("Орал")
              & (got["Санат"] == "Мүгедектігі бар адамдар")]
    assert row["Жұмыс орындары"].astype(int).tolist() == [int(oral["jobs"].sum())]
    assert row["Ұйымдар"].astype(int).tolist() == [len(oral)]
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_the_csv_of_a_chart_with_a_menu_has_every_indicator(page, real_site_url):
    """The programme's targets (a drop-down of indicators): the CSV holds every indicator's
    numbers, each row labelled with its indicator and year (the traces' meta)."""
    page.goto(real_site_url + "programs/zhambyl-region-2005-2007/")
    actions = page.locator(".ashyq-chart-actions[data-file='program-zhambyl-region-2005-2007-targets']")
    _, data = download(page, actions, "csv")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Көрсеткіш", "Жыл", "Аудан / қала", "Адам"]
    targets = pd.read_csv(DATASETS / "programs" / "data" / "program_targets.csv")
    places = targets[targets["row_kind"] == "place"]
    assert len(rows) - 1 == int(places["value"].notna().sum())
    assert sum(int(r[3]) for r in rows[1:]) == int(places["value"].sum())
    assert len({r[0] for r in rows[1:]}) == places["indicator"].nunique()


# ----------------------------------------------------------------- the embed page itself


@pytest.mark.browser
def test_embed_page_passes_axe_and_fits_a_phone(page, real_site_url):
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(real_site_url + "embed/rating-employment-centres-2017-index/")
    wait_until_drawn(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SHOTS / "embed-rating-390.png"), full_page=True)
    violations = axe_violations(page, "embed (390 px)")
    assert not violations, "\n".join(violations)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(real_site_url + "embed/place-west-kazakhstan-region-quotas/")
    wait_until_drawn(page)
    violations = axe_violations(page, "embed (desktop)")
    assert not violations, "\n".join(violations)
    page.goto(real_site_url + "embed/map-kz/")  # a map's: its switches, colour key and table
    wait_until_drawn(page)
    violations = axe_violations(page, "map embed (desktop)")
    assert not violations, "\n".join(violations)
    assert page.browser_log.console_errors == [] and page.browser_log.outside_requests == []


@pytest.mark.browser
def test_actions_row_on_a_phone(page, real_site_url):
    SHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(real_site_url + "places/baiterek/")
    actions = page.locator(".ashyq-chart-actions")
    actions.scroll_into_view_if_needed()
    page.click(".ashyq-embed-code summary")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = actions.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    actions.screenshot(path=str(SHOTS / "chart-actions-390.png"))
    # hidden on paper
    page.emulate_media(media="print")
    assert not actions.is_visible()


# ----------------------------------------------------------------- maps


@pytest.mark.browser
def test_a_maps_downloads_hold_its_view_and_colour_key(page, real_site_url):
    """The quotas page's map: the SVG has the view's title, the source line (with the
    boundaries' attribution) and the colour key; the CSV holds the rows of the table beside
    the map, the numbers as quotas.csv adds them up."""
    page.goto(real_site_url + "quotas/")
    section = page.locator("section.ashyq-map")
    section.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('section.ashyq-map').getAttribute('data-ready') === 'true'",
                           timeout=20_000)
    actions = section.locator(".ashyq-chart-actions")
    assert actions.get_attribute("data-file") == "map-kz"
    _, svg = download(page, actions, "svg")
    drawn = " ".join(part.split("<", 1)[0] for part in svg.decode("utf-8").split(">"))
    assert "Квоталар картасы: Қазақстан — 2026 · Мүгедектігі бар адамдар" in drawn
    assert "geokz" in drawn and "Лицензия: Creative Commons Attribution 4.0" in drawn
    legend = section.locator("[data-map-legend] li[data-class]").all_text_contents()
    assert legend and all(label.strip() in drawn for label in legend) and "дерек жоқ" in drawn
    _, png = download(page, actions, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    _, data = download(page, actions, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Жыл мен санат", "Деңгей", "Аумақ", "place_id", "Жұмыс орындары", "Ұйымдар"]
    table = page.eval_on_selector_all("section.ashyq-map tbody[data-map-rows] tr", """trs => trs.map(tr =>
        Array.from(tr.cells).slice(0, 3).map(c => c.textContent.trim().replace(/\\u00a0/g, '')))""")
    assert [[r[2], r[4], r[5]] for r in rows[1:]] == table
    quotas = pd.read_csv(DATASETS / "quotas" / "data" / "quotas.csv")
    part = quotas[(quotas["year"] == 2026) & (quotas["category"] == "disability")]
    assert sum(int(r[4]) for r in rows[1:]) == int(part["jobs"].sum())
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_a_map_embed_draws_inside_an_iframe_of_another_site(page, hosted_site, other_origin):
    page.goto(hosted_site + "places/west-kazakhstan-region/")
    page.click("section.ashyq-map .ashyq-embed-code summary")
    code = page.input_value("section.ashyq-map .ashyq-embed-code textarea")
    assert f'src="{hosted_site}embed/map-west-kazakhstan-region/"' in code
    errors: list[str] = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.goto(host_page(other_origin, "map.html", code))
    frame = page.frame_locator("iframe")
    frame.locator("section.ashyq-map[data-ready='true']").wait_for(timeout=20_000)
    assert frame.locator("section.ashyq-map tbody tr").count() >= 5
    # a place's link opens outside the frame (the site's pages refuse another site's frame)
    assert frame.locator("section.ashyq-map tbody a").first.get_attribute("target") == "_blank"
    assert [e for e in errors if any(s in e for s in CSP_ERRORS)] == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(800)  # plotly redraws at the frame's new width
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "embed-map-in-iframe-390.png"), full_page=True)


@pytest.mark.browser
def test_the_compare_pages_charts_have_their_downloads(page, real_site_url):
    """Charts made in the browser (the compare page) get the same downloads: the CSV of the
    quota jobs holds each place's figure of the API document the chart was drawn from."""
    from tests.test_compare import open_compare

    open_compare(page, real_site_url, "?places=borli,oral")
    wait_until_drawn(page)
    actions = page.locator(".ashyq-chart-actions[data-chart-actions='chart-compare-jobs']")
    assert actions.locator("button").all_text_contents() == ["PNG сурет", "SVG сурет", "Деректері (CSV)"]
    assert actions.get_attribute("data-credit").endswith("compare/?places=borli,oral")
    name, data = download(page, actions, "csv")
    assert name == "ashyq-derek-compare-jobs-borli-oral.csv"
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["Санат", "Аумақ", "Жыл", "Жұмыс орындары"]
    for pid in ("borli", "oral"):
        doc = page.request.get(f"{real_site_url}api/v1/places/{pid}.json").json()
        label = page.locator("#compare-chosen a", has_text=doc["names"]["kk"].split()[0]).first.text_content()
        got = sorted(int(r[3]) for r in rows[1:] if r[1] == label)
        assert got == sorted(int(q["jobs"]) for q in doc["quotas"]), pid
    _, svg = download(page, actions, "svg")
    assert "compare/?places=borli,oral" in svg.decode("utf-8")


@pytest.mark.browser
def test_embeds_on_the_national_synthetic_corpus(page, synth_site, synth_site_url):
    """On the synthetic corpus (many regions, acts and years): every chart's key names an
    embed page, and a region's chart draws on its embed page with its title and source."""
    keys = set()
    for html in synth_site.rglob("index.html"):
        if html.parts[-3] != "embed":
            text = html.read_text(encoding="utf-8")
            keys |= {part.split('"', 1)[0] for part in text.split('data-file="')[1:]}
    assert keys and keys <= {p.name for p in (synth_site / "embed").iterdir()}
    region = next(k for k in sorted(keys) if k.startswith("place-") and k.endswith("-region-quotas"))
    page.goto(f"{synth_site_url}embed/{region}/")
    wait_until_drawn(page)
    text = page.locator("body").inner_text()
    assert "Creative Commons Attribution 4.0" in text and "облысы" in text
    assert page.browser_log.console_errors == [] and page.browser_log.outside_requests == []
