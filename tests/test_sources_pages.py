"""Sources pages: every source document as a page whose numbered lines are the file itself."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest

from ashyq import catalog, model
from ashyq.paths import DATASETS
from ashyq.urls import source_lines as source_url
from ashyq.views.sources import list_sources, row_refs, split_lines

SOURCE_TXT = sorted(DATASETS.glob("*/sources/*.txt"))


class LinesParser(html.parser.HTMLParser):
    """The line elements of `<pre id="source-text">`: [(id, text)] in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[str, str]] = []
        self.in_pre = False
        self.current: str | None = None
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "pre" and a.get("id") == "source-text":
            self.in_pre = True
        elif self.in_pre and tag == "span":
            self.current = str(a.get("id"))
            self.lines.append((self.current, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.in_pre = False
        if tag == "span":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.in_pre and self.current is not None:
            ident, text = self.lines[-1]
            self.lines[-1] = (ident, text + data)
        elif self.in_pre and data:
            raise AssertionError(f"text outside a line element: {data!r}")


def parse_page(path: Path) -> LinesParser:
    parser = LinesParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_of(site: Path, source: Path) -> Path:
    return site / "sources" / source.parent.parent.name / source.stem / "index.html"


def load_real() -> model.Model:
    packages = catalog.load_catalog(DATASETS)
    return model.Model(packages, catalog.load_tables(packages), [])


def test_split_lines_round_trip() -> None:
    assert split_lines("a\nb") == ["a\n", "b"]
    assert split_lines("a\nb\n") == ["a\n", "b\n"]
    assert split_lines("a\n\n") == ["a\n", "\n"]
    assert split_lines("x\ry\fz\n") == ["x\ry\fz\n"]  # only "\n" ends a line
    assert split_lines("") == []


def test_every_text_source_is_listed_and_paged() -> None:
    docs = list_sources(load_real())
    assert sorted(d.path for d in docs if d.paged) == SOURCE_TXT
    assert {d.name for d in docs if not d.paged} == {"kato.csv", "kato.source.json", "kato_oblast_district.csv"}
    titles = {d.name: d.title for d in docs}
    assert titles["000_eeaaafaba07ad180.txt"].startswith(
        "Батыс Қазақстан облысы әкімдігінің 2025 жылғы 21 қарашадағы № 246")
    assert titles["LICENSE-kz-tax-rates.txt"] == "LICENSE-kz-tax-rates.txt"  # no title in any descriptor


def test_rows_that_cite_a_document_are_found_through_their_keys() -> None:
    refs = row_refs(load_real())
    by_table = {(r.package, r.resource): r for r in refs["datasets/quotas/sources/000_eeaaafaba07ad180.txt"]}
    # quotas rows name their document through resolution_id → resolutions.source_path
    assert set(by_table) == {("quotas", "quotas"), ("quotas", "quota_rules"), ("quotas", "legal_bands"),
                             ("resolutions", "resolutions"), ("resolutions", "annexes")}
    assert by_table[("quotas", "quotas")].ranges[0] == ("54–72", "#L54-L72")
    assert len(by_table[("quotas", "quotas")].ranges) == 52


@pytest.mark.parametrize("source", SOURCE_TXT, ids=lambda p: p.name)
def test_source_page_text_is_the_file(real_site: Path, source: Path) -> None:
    parsed = parse_page(page_of(real_site, source))
    text = source.read_bytes().decode("utf-8")
    expected = split_lines(text)
    assert [ident for ident, _ in parsed.lines] == [f"L{n}" for n in range(1, len(expected) + 1)]
    assert len(parsed.lines) == text.count("\n") + (not text.endswith("\n"))
    assert "".join(line for _, line in parsed.lines) == text


@pytest.mark.parametrize("source", SOURCE_TXT, ids=lambda p: p.name)
def test_raw_file_is_copied_byte_for_byte(real_site: Path, source: Path) -> None:
    copy = real_site / "sources" / source.parent.parent.name / source.name
    assert copy.read_bytes() == source.read_bytes()


def test_reference_csvs_are_linked_not_paged(real_site: Path) -> None:
    for name in ["kato.csv", "kato_oblast_district.csv", "kato.source.json"]:
        assert (real_site / "sources/places" / name).read_bytes() == (DATASETS / "places/sources" / name).read_bytes()
        assert not (real_site / "sources/places" / Path(name).stem / "index.html").exists()
    index = (real_site / "sources/index.html").read_text(encoding="utf-8")
    assert 'href="places/kato.csv"' in index
    assert 'href="quotas/000_eeaaafaba07ad180/"' in index


def test_every_source_lines_link_lands_on_existing_lines(real_site: Path) -> None:
    data = load_real()
    from ashyq.views.sources import row_source_paths

    checked = 0
    pages: dict[str, LinesParser] = {}
    for (package, resource), paths in row_source_paths(data).items():
        df = data.tables[(package, resource)]
        for path, lines in zip(paths, df["source_lines"]):
            if not path or not lines:
                continue
            url = source_url(path, lines)
            page, _, anchor = url.partition("#")
            if page not in pages:
                pages[page] = parse_page(real_site / page / "index.html")
            first, _, last = anchor.partition("-")
            ids = {ident for ident, _ in pages[page].lines}
            assert first in ids and (not last or last in ids), f"{package}/{resource}: {url}"
            checked += 1
    assert checked > 300


def test_source_text_stays_out_of_the_search_index(real_site: Path) -> None:
    """A source text's every line would be the bulk of the index: its page is found by its
    title; the rows it prints are found on their resolution's page."""
    from ashyq.search import read_fragments

    fragments = read_fragments(real_site)
    source = fragments["/sources/quotas/000_eeaaafaba07ad180/"]
    assert "Ақжайық ауданы" not in str(source["content"])
    assert "246" in str(source["meta"]["title"])
    assert "Ақжайық ауданы" in str(fragments["/resolutions/west-kazakhstan-region-2025-246/"]["content"])


@pytest.mark.browser
def test_line_range_is_highlighted_and_in_view(page, real_site_url: str) -> None:
    page.goto(real_site_url + "sources/quotas/000_eeaaafaba07ad180/#L54-L72")
    page.wait_for_selector("#L54.ashyq-hl")
    assert page.eval_on_selector_all("#source-text .ashyq-hl", "els => els.map(e => e.id)") == [
        f"L{n}" for n in range(54, 73)]
    top = page.evaluate("document.getElementById('L54').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"] / 2
    # a new hash (a link clicked on the same page) moves the highlight
    page.evaluate("location.hash = '#L5'")
    page.wait_for_function("document.getElementById('L5').classList.contains('ashyq-hl')")
    assert page.eval_on_selector_all("#source-text .ashyq-hl", "els => els.map(e => e.id)") == ["L5"]
    # clicking a line number links to it; Shift+click extends to a range
    page.locator("#L8").click(position={"x": 5, "y": 5}, modifiers=["Shift"])
    page.wait_for_function("location.hash === '#L5-L8'")
    assert page.eval_on_selector_all("#source-text .ashyq-hl", "els => els.map(e => e.id)") == [
        "L5", "L6", "L7", "L8"]
    # selecting the text copies the document's text, without line numbers
    selected = page.evaluate("""() => { const s = getSelection(); s.removeAllRanges();
        const r = document.createRange(); r.setStartBefore(document.getElementById('L52'));
        r.setEndAfter(document.getElementById('L54')); s.addRange(r); return s.toString(); }""")
    lines = split_lines((DATASETS / "quotas/sources/000_eeaaafaba07ad180.txt").read_text(encoding="utf-8"))
    assert selected.rstrip("\n") == "".join(lines[51:54]).rstrip("\n")
    assert lines[51] == "Ақжайық ауданы\n"
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []
