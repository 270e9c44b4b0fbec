"""Hostile text in the data is shown as text, everywhere, and nothing in it runs.

The site publishes text that anyone can submit in a pull request. This module builds the
site from a copy of datasets/ whose text fields hold hostile values (HTML and script
injection, attribute breakers, template syntax, Markdown, plotly's pseudo-HTML, a very
long string), with validation bypassed (`build_site(validate=False)`): the renderer must be
safe on its own. The copy is a real git repository with two commits, so the change log and
its Atom feeds show the hostile rows too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import serve_folder, wait_until_drawn

from ashyq.build import build_site
from ashyq.paths import DATASETS

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
ATTR = '" autofocus onfocus="alert(1)'
TEMPLATE = "{{ 7*7 }}"
RAW = "{% raw %}"
MDLINK = "[x](javascript:alert(1))"
JSLINK = "javascript:alert(1)"
EMPH = "**bold** _em_"
PIPES = "a | b"
PLOTLY = "%{x}<br><b>b</b>"
PACKAGE_TITLE = f"Рейтингтер </script>{SCRIPT} {TEMPLATE} {EMPH}"
LONG = "Ұзын" + "ұзынсөз " * 624 + "соңы"  # 5,000 characters

# (package, resource file, key column, key value or row index, column, value)
INJECTIONS: list[tuple[str, str, str, str | int, str, str]] = [
    ("places", "places", "place_id", "baiterek", "name_kk", f"Бәйтерек {SCRIPT} {TEMPLATE}"),
    ("places", "places", "place_id", "west-kazakhstan-region", "name_kk", f"Батыс {SVG} {EMPH}"),
    ("quotas", "quotas", "", 0, "organization_kk", f"Ұйым {SCRIPT}"),
    ("quotas", "quotas", "", 1, "organization_kk", f"Ұйым {IMG}"),
    ("quotas", "quotas", "", 2, "organization_kk", f"Ұйым {SVG}"),
    ("quotas", "quotas", "", 3, "organization_kk", f"Ұйым {ATTR}"),
    ("quotas", "quotas", "", 4, "organization_kk", f"Ұйым {TEMPLATE} {RAW}"),
    ("quotas", "quotas", "", 5, "organization_kk", f"Ұйым {MDLINK} {EMPH} {PIPES}"),
    ("quotas", "quotas", "", 6, "organization_kk", LONG),
    ("resolutions", "resolutions", "resolution_id", "baiterek-2022-593", "title_kk",
     f"Қаулы {ATTR} {RAW} {MDLINK}"),
    ("resolutions", "resolutions", "resolution_id", "west-kazakhstan-region-2025-246", "issuer_kk",
     f"Әкімдік {IMG} {EMPH} {PIPES}"),
    ("resolutions", "institutions", "", 0, "name_kk", f"Мекеме {PIPES} | c"),
    ("resolutions", "institutions", "", 1, "name_kk", f"Мекеме {MDLINK}"),
    ("resolutions", "institutions", "", 2, "name_kk", LONG),
    ("resolutions", "institutions", "", 3, "name_kk", f"Мекеме\n\n{EMPH} {MDLINK}\n\n    {PIPES}"),
    ("programs", "programs", "", 0, "title_kk", f"Бағдарлама {EMPH} {SCRIPT}"),
    ("programs", "program_funding", "row_kind", "item", "item_kk", f"Бап {IMG} {PLOTLY}"),
    ("programs", "program_measures", "", 0, "measure_kk", f"Шара {PIPES} {TEMPLATE}"),
    ("programs", "program_measures", "", 1, "measure_kk", f"Шара {MDLINK} {SVG}"),
    ("ratings", "rating_reports", "", 0, "title_kk", f"Рейтинг {RAW} {TEMPLATE} {ATTR}"),
    ("ratings", "ratings", "", 0, "name_as_printed", f"Орталық {SVG} {PLOTLY}"),
    ("ratings", "rating_indicators", "", 0, "indicator_kk", f"Көрсеткіш {PIPES} {EMPH}"),
]


class MarkupFinder(HTMLParser):
    """Elements and attributes that could only have come from hostile data: event handlers,
    autofocus, javascript: URLs, inline scripts that call alert, svg/img made of data."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on") or name == "autofocus" or \
                    (name in ("href", "src", "action", "formaction") and value.startswith("javascript:")):
                self.found.append(f"<{tag} {name}={value[:60]!r}>")
        if tag == "script":
            kind = dict(attrs).get("type") or ""
            self._script = None if "json" in kind or dict(attrs).get("src") else ""

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            if "alert(1)" in self._script:
                self.found.append(f"<script>{self._script[:80]}</script>")
            self._script = None


def markup_in(html: str) -> list[str]:
    finder = MarkupFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                        "GIT_AUTHOR_DATE": "2026-01-02T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-02T00:00:00Z",
                        "PATH": "/usr/bin:/bin"})


def inject(datasets: Path) -> None:
    """Write the hostile values into the CSVs (csv module: quoted as CSV needs, LF)."""
    by_file: dict[tuple[str, str], list] = {}
    for package, resource, key, which, column, value in INJECTIONS:
        by_file.setdefault((package, resource), []).append((key, which, column, value))
    for (package, resource), edits in by_file.items():
        path = datasets / package / "data" / f"{resource}.csv"
        with open(path, encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            fields, rows = reader.fieldnames, list(reader)
        for key, which, column, value in edits:
            matches = [r for r in rows if r[key] == which] if key else [rows[int(which)]]
            assert matches, f"{path}: no row with {key}={which}"
            matches[0][column] = value
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        path.write_text(out.getvalue(), encoding="utf-8", newline="\n")
    # a link-like value where the site writes links: the licence of one package
    descriptor = datasets / "ratings" / "datapackage.json"
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    pkg["licenses"][0]["path"] = JSLINK
    pkg["licenses"][0]["title"] = f"Лицензия {SCRIPT}"
    pkg["title"] = PACKAGE_TITLE
    descriptor.write_text(json.dumps(pkg, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("hostile")
    datasets = repo / "datasets"
    shutil.copytree(DATASETS, datasets)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "datasets")
    git(repo, "commit", "-q", "-m", "data: the real datasets")
    inject(datasets)
    git(repo, "commit", "-q", "-am", "data(quotas): hostile values")
    out = repo / "site"
    build_site(datasets, out, validate=False)
    return out


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path):
    with serve_folder(hostile_site) as url:
        yield url


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


JSON_SCRIPT = re.compile(r'<script type="application/(?:ld\+)?json"[^>]*>.*?</script>', re.S)


# --- the files as written ------------------------------------------------------------------

@pytest.mark.fault
def test_no_markup_from_the_data_in_any_page(hostile_site):
    found = [f"{path.relative_to(hostile_site)}: {what}"
             for path in html_files(hostile_site) for what in markup_in(path.read_text(encoding="utf-8"))]
    assert found == []


@pytest.mark.fault
def test_json_in_script_tags_parses_and_cannot_close_the_tag(hostile_site):
    found = []
    for path in html_files(hostile_site):
        for block in JSON_SCRIPT.findall(path.read_text(encoding="utf-8")):
            body = block[block.index(">") + 1:-len("</script>")]
            if "<" in body:
                found.append(f"{path.relative_to(hostile_site)}: '<' inside a JSON script: {body[:120]}")
            try:
                json.loads(body)
            except ValueError as err:
                found.append(f"{path.relative_to(hostile_site)}: JSON script does not parse ({err}): {body[:120]}")
    assert found == []


def test_json_ld_holds_the_values_literally(hostile_site):
    page = (hostile_site / "data" / "ratings" / "index.html").read_text(encoding="utf-8")
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', page, re.S)
    assert blocks, "data/ratings/: no JSON-LD"
    text = json.dumps([json.loads(b) for b in blocks], ensure_ascii=False)
    assert PACKAGE_TITLE in text, text[:400]
    assert JSLINK not in text, "data/ratings/: JSON-LD carries a javascript: URL"


def test_search_index_holds_the_values_as_text(hostile_site):
    """Pagefind's index holds the page's text: hostile values are there as the characters
    they are (the page had them escaped), never as elements of the page; the search worker
    escapes them before Material's list shows them (test_site_search_shows_hostile_titles_as_text)."""
    from ashyq.search import read_fragments

    place = read_fragments(hostile_site).get("/places/baiterek/")
    assert place is not None, "search index: no entry for places/baiterek/"
    assert SCRIPT in str(place["meta"]["title"]) and "{{ 7*7 }}" in str(place["meta"]["title"])
    assert SCRIPT in str(place["content"])


@pytest.mark.fault
def test_atom_feeds_are_well_formed_and_carry_no_markup_from_the_data(hostile_site):
    feeds = sorted((hostile_site / "changes").glob("*.xml"))
    assert feeds, "no Atom feeds under changes/"
    found, seen = [], False
    for feed in feeds:
        try:
            root = ET.parse(feed).getroot()
        except ET.ParseError as err:
            found.append(f"{feed.name}: not well-formed XML: {err}")
            continue
        for el in root.iter():
            text = el.text or ""
            seen = seen or "Ұйым <script>alert(1)</script>" in text or "Ұйым &lt;script&gt;" in text
            # text constructs of type="html" are shown as HTML by feed readers (type="text",
            # the default, is shown as text)
            if el.get("type") == "html":
                found += [f"{feed.name}: <{el.tag.split('}')[-1]}>: {what}" for what in markup_in(text)]
    assert found == []
    assert seen, "no feed shows the changed organisation name"


# --- what a person sees ----------------------------------------------------------------------

# page → literal texts it must show
SHOWN = {
    "places/baiterek/": [f"Бәйтерек {SCRIPT} {TEMPLATE}"],
    "places/west-kazakhstan-region/": [f"Батыс {SVG} {EMPH}"],
    "quotas/": [f"Ұйым {SCRIPT}", f"Ұйым {IMG}", f"Ұйым {SVG}", f"Ұйым {ATTR}", f"Ұйым {TEMPLATE} {RAW}",
                f"Ұйым {MDLINK} {EMPH} {PIPES}"],
    "resolutions/baiterek-2022-593/": [f"Қаулы {ATTR} {RAW} {MDLINK}"],
    "resolutions/west-kazakhstan-region-2025-246/": [f"Әкімдік {IMG} {EMPH} {PIPES}"],
    "resolutions/west-kazakhstan-region-2025-299/": [f"Мекеме {PIPES} | c", f"Мекеме {MDLINK}", LONG,
                                                     f"Мекеме {EMPH} {MDLINK} {PIPES}"],
    "programs/zhambyl-region-2005-2007/": [f"Бағдарлама {EMPH} {SCRIPT}", f"Шара {PIPES} {TEMPLATE}",
                                           f"Шара {MDLINK} {SVG}"],
    "ratings/employment-centres-2017/": [f"Рейтинг {RAW} {TEMPLATE} {ATTR}", f"Көрсеткіш {PIPES} {EMPH}"],
    "data/ratings/": [f"Лицензия {SCRIPT}", PACKAGE_TITLE],
    "data/": [PACKAGE_TITLE],
    "changes/": [],
    "": [],
}

# page → literal title (document.title starts with it)
TITLES = {
    "places/baiterek/": f"Бәйтерек {SCRIPT} {TEMPLATE}",
    "resolutions/baiterek-2022-593/": f"Қаулы {ATTR} {RAW} {MDLINK}",
}

INJECTED_DOM = """() => {
  const bad = [];
  document.querySelectorAll('svg[onload], img[onerror], [onfocus], [autofocus], [onclick], [onmouseover]')
    .forEach(el => bad.push(el.outerHTML.slice(0, 160)));
  document.querySelectorAll('a[href^="javascript:" i], iframe, object, embed')
    .forEach(el => bad.push(el.outerHTML.slice(0, 160)));
  document.querySelectorAll('script').forEach(el => {
    if (!el.src && /alert\\(1\\)/.test(el.textContent) && !/json/.test(el.type)) bad.push(el.outerHTML.slice(0, 160));
  });
  // Markdown from the data: emphasis or a link made of it
  document.querySelectorAll('.md-content strong, .md-content em, .md-content a').forEach(el => {
    const t = el.textContent.trim();
    if (t === 'bold' || t === 'em' || (el.tagName === 'A' && t === 'x')) bad.push(el.outerHTML.slice(0, 160));
  });
  return bad;
}"""


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.fault
@pytest.mark.browser
@pytest.mark.parametrize("path", list(SHOWN))
def test_hostile_values_show_as_text_and_nothing_runs(page, hostile_url, path):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url + path)
    wait_until_drawn(page)
    page.wait_for_timeout(300)
    name = path or "/"
    assert dialogs == [], f"{name}: a script from the data ran (dialog {dialogs})"
    injected = page.evaluate(INJECTED_DOM)
    assert injected == [], f"{name}: elements made from the data: {injected}"
    body = norm(page.evaluate("() => document.body.innerText + ' ' + Array.from("
                              "document.querySelectorAll('.tabulator-cell')).map(c => c.textContent).join(' ')"))
    missing = [v[:80] for v in SHOWN[path] if norm(v) not in body]
    assert missing == [], f"{name}: values not shown as literal text: {missing}"
    if path in TITLES:
        assert TITLES[path] in page.title(), f"{name}: page title {page.title()!r}"
        h1 = norm(page.text_content("h1") or "")
        assert norm(TITLES[path]) in h1, f"{name}: heading {h1!r}"
    assert page.browser_log.console_errors == [], f"{name}: console errors"


@pytest.mark.fault
@pytest.mark.browser
def test_chart_labels_and_hover_show_data_literally(page, hostile_url):
    page.goto(hostile_url + "programs/zhambyl-region-2005-2007/")
    wait_until_drawn(page)
    # legend and axis labels (a legend name may wrap: compare without white space)
    svg_text = page.evaluate(
        "() => Array.from(document.querySelectorAll('.ashyq-chart svg text')).map(t => t.textContent).join(' | ')")
    assert squeeze(f"Бап {IMG} {PLOTLY}") in squeeze(svg_text), f"programme chart: legend/axis text {svg_text[:400]!r}"
    # hover over every point of every trace: the hover label shows the literal text
    hovers = page.evaluate("""() => {
      const out = [];
      document.querySelectorAll('.ashyq-chart').forEach(el => {
        const plot = el._plot;
        plot.data.forEach((trace, c) => {
          const n = (trace.x || trace.y || []).length;
          for (let p = 0; p < n; p++) {
            Plotly.Fx.hover(plot, [{curveNumber: c, pointNumber: p}]);
            plot.querySelectorAll('.hoverlayer text').forEach(t => out.push(t.textContent));
          }
        });
      });
      return out;
    }""")
    assert any(squeeze(f"Бап {IMG} {PLOTLY}") in squeeze(h) for h in hovers), f"programme chart: hovers {hovers[:6]}"
    injected = page.evaluate(INJECTED_DOM)
    assert injected == []


@pytest.mark.fault
@pytest.mark.browser
def test_site_search_shows_hostile_titles_as_text(page, hostile_url):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(hostile_url)
    page.keyboard.press("s")  # Material's search shortcut
    page.fill("input.md-search__input", "alert")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    page.wait_for_timeout(300)
    results = page.text_content(".md-search-result") or ""
    assert "<script>alert(1)</script>" in results, f"search results: {results[:300]!r}"
    assert page.evaluate(INJECTED_DOM) == []
    assert dialogs == []
