"""Long lists in pages (issue 18: every HTML page ≤ 500 KB at national scale): the
resolutions index by region with numbered pages, the place pages' and the places index's caps.

The synthetic corpus (conftest.SYNTH_ROWS) has the national corpus's 4,560 resolutions, above
RESOLUTIONS_INLINE; the place pages' thresholds are lowered here so that its few thousand quota
rows are above them too. The golden site (tests/test_golden.py) proves a small site unchanged.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import pytest

from ashyq import catalog, model, urls
from ashyq.views import paging, places, resolutions, sources

HREF = re.compile(r'href="([^"#]*)(#[^"]*)?"')


# ---------------------------------------------------------------- the pager


def test_split_keeps_every_item_once_in_order() -> None:
    items = list(range(23))
    pages = paging.split(items, 5)
    assert [len(p) for p in pages] == [5, 5, 5, 5, 3]
    assert [x for p in pages for x in p] == items
    assert paging.split(items, 23) == [items]  # at the size: one page
    assert paging.split([], 5) == [[]]
    with pytest.raises(ValueError, match="at least one item"):
        paging.split(items, 0)


def test_each_page_links_to_the_previous_and_the_next() -> None:
    url = urls.resolutions_of_region("akmola-region")
    assert urls.paged(url, 1) == "resolutions/by-region/akmola-region/"
    assert urls.paged(url, 3) == "resolutions/by-region/akmola-region/page/3/"
    first = paging.pager(url, 1, 3, 7)
    assert (first.previous_href, first.next_href) == ("", "page/2/")
    middle = paging.pager(url, 2, 3, 7)
    assert (middle.previous_href, middle.next_href) == ("../../", "../3/")
    last = paging.pager(url, 3, 3, 7)
    assert (last.previous_href, last.next_href) == ("../2/", "")
    assert [p.href for p in last.pages] == ["../../", "../2/", "./"]
    assert paging.pager(url, 1, 1, 4).pages == []  # one page: no pager


# ---------------------------------------------------------------- the resolutions index


@pytest.fixture(scope="module")
def synth_model(synth_corpus: Path) -> model.Model:
    packages = catalog.load_catalog(synth_corpus)
    return model.Model(packages, catalog.load_tables(packages), [])


def _resolved(page: str, href: str) -> str:
    """A relative link on the page at docs path `page` as a site URL (no anchor)."""
    return urljoin("/" + urls.page_url(page), href).lstrip("/")


def test_a_long_index_is_summarised_by_region_and_every_act_is_on_exactly_one_page(
        synth_model: model.Model) -> None:
    ids = set(synth_model.table("resolutions", "resolutions")["resolution_id"].astype(str))
    assert len(ids) > resolutions.RESOLUTIONS_INLINE
    pages = {o.path: o.text or "" for o in resolutions.iter_outputs(synth_model) if o.is_page}
    index = pages["resolutions/index.md"]
    assert 'id="resolutions-regions"' in index
    newest = index.split('id="resolutions-index"')[1]
    assert newest.count("<tr><td>") == resolutions.INDEX_NEWEST
    region_urls = [_resolved("resolutions/index.md", h) for h, _ in HREF.findall(index)
                   if _resolved("resolutions/index.md", h).startswith("resolutions/by-region/")]
    firsts = sorted({u for u in region_urls if "/page/" not in u})
    assert firsts, "the index links to each region's list"
    seen: Counter[str] = Counter()
    for first in firsts:
        # follow "next" from the first page: every page of the region, in order, once
        url, visited, n = first, [], 1
        while url:
            path = urls.docs_path(url)
            assert path in pages, f"{path} is linked but not written"
            text = pages[path]
            visited.append(url)
            if n > 1:
                prev = re.search(r'<a href="([^"]*)" rel="prev">', text)
                assert prev and _resolved(path, prev.group(1)) == visited[-2]
            for href, _ in HREF.findall(text):
                target = _resolved(path, href)
                parts = target.split("/")
                if len(parts) == 3 and parts[0] == "resolutions" and parts[1] in ids:
                    seen[parts[1]] += 1
            nxt = re.search(r'<a href="([^"]*)" rel="next">', text)
            url = _resolved(path, nxt.group(1)) if nxt else ""
            n += 1
        assert all(urls.paged(first, i + 1) == u for i, u in enumerate(visited))
    assert set(seen) == ids, f"unreachable from the region lists: {sorted(ids - set(seen))}"
    assert all(c == 1 for c in seen.values()), [r for r, c in seen.items() if c > 1]
    by_region = [p for p in pages if p.startswith("resolutions/by-region/")]
    assert any("/page/2/" in p for p in by_region), "a region above RESOLUTIONS_PER_PAGE gets a second page"
    # every written region page is reached from the index and the pagers
    assert {urls.page_url(p) for p in by_region} <= {u for u in region_urls} | {
        _resolved(p, h) for p in by_region for h, _ in HREF.findall(pages[p])}


def test_a_short_index_lists_every_act_on_one_page(synth_model: model.Model,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resolutions, "RESOLUTIONS_INLINE", 10_000)
    pages = {o.path: o.text or "" for o in resolutions.iter_outputs(synth_model) if o.is_page}
    index = pages["resolutions/index.md"]
    n = len(synth_model.table("resolutions", "resolutions"))
    assert n <= resolutions.RESOLUTIONS_INLINE
    assert 'id="resolutions-regions"' not in index
    assert index.count("<tr><td>") == n
    assert not [p for p in pages if p.startswith("resolutions/by-region/")]


# ---------------------------------------------------------------- place pages and the places index


def test_places_cap_their_lists_and_link_to_the_rest(synth_model: model.Model,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places, "PLACE_RESOLUTIONS_INLINE", 2)
    monkeypatch.setattr(places, "PLACE_ROWS_INLINE", 3)
    monkeypatch.setattr(places, "INDEX_FIGURES_INLINE", 0)
    index = places.PlaceIndex(synth_model)
    summary = places.index_context(index)
    assert summary.newest_only
    for g in summary.groups:
        for e in g.with_data:
            assert len({f.year for f in e.quotas} | {f.year for f in e.rules}) <= 1 and len(e.ratings) <= 1
            if e.quotas:
                assert e.quotas[0].year == max(f.year for f in index.figures_of(e.place.place_id))
    capped = cut = 0
    for pid in index.order:
        ctx = places.place_context(index, pid)
        assert len(ctx.resolutions) <= 2
        if ctx.resolutions_total > 2:
            capped += 1
            region = resolutions.region_of(synth_model, index.chains[pid][-1])
            assert _resolved(urls.docs_path(urls.place(pid)), ctx.resolutions_href) == \
                urls.resolutions_of_region(region)
            assert ctx.guide is None or ctx.guide.acts_total <= 12 or ctx.guide.acts_href.endswith("#resolutions")
        else:
            assert ctx.resolutions_href == ""
        assert len(ctx.quota_rows) <= 3 or ctx.rows_cut is None
        if ctx.rows_cut:
            cut += 1
            assert len(ctx.quota_rows) == 3 and ctx.rows_cut.rows > 3
            assert "year=" in ctx.rows_cut.href and {q.year for q in ctx.quota_rows} == {ctx.rows_cut.year}
    assert capped and cut


def test_a_region_lists_its_newest_years_and_links_to_the_rest(synth_model: model.Model,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(places, "REGION_ROWS_INLINE", 10)
    monkeypatch.setattr(places, "REGION_RATINGS_INLINE", 3)
    monkeypatch.setattr(places, "CHILD_FIGURES_INLINE", 0)
    index = places.PlaceIndex(synth_model)
    regions = [pid for pid in index.order if not index.places[pid]["parent_id"] and index.children.get(pid)]
    checked = with_left = 0
    for pid in regions:
        ctx = places.place_context(index, pid)
        if not ctx.child_years_left:
            continue
        checked += 1
        shown = {q.year for q in ctx.child_quotas}
        assert max(shown) > max(ctx.child_years_left) and not shown & set(ctx.child_years_left)
        # the chart's data table keeps every year
        assert {r["year"] for r in ctx.chart_rows} == shown | set(ctx.child_years_left)
        assert ctx.children_newest_only
        for c in ctx.children:
            assert len({f.year for f in c.quotas}) <= 1 and len(c.ratings) <= 1
        listed = ctx.region_ratings or ctx.child_ratings
        if ctx.ratings_left:
            with_left += 1
            assert len({r.year for r in listed}) >= 1
            assert min(r.year for r in listed) > max(r.year or 0 for r in ctx.ratings_left)
            assert all("ratings/" in r.href for r in ctx.ratings_left)
    assert checked and with_left


# ---------------------------------------------------------------- source documents in parts


def test_a_long_source_document_is_shown_in_parts_and_every_line_once(
        synth_model: model.Model, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "SOURCE_PART_LINES", 40)
    assert urls.source_lines("datasets/quotas/sources/x.txt", "39-41") == "sources/quotas/x/#L39-L41"
    assert urls.source_lines("datasets/quotas/sources/x.txt", "41") == "sources/quotas/x/page/2/#L41"
    assert urls.source_lines("datasets/quotas/sources/x.txt", "81-90") == "sources/quotas/x/page/3/#L81-L90"
    outputs = {o.path: o.text or "" for o in sources.iter_outputs(synth_model) if o.is_page}
    docs = [d for d in sources.list_sources(synth_model) if d.paged]
    long = 0
    for doc in docs:
        lines = sources.split_lines(synth_model.files.source_text(doc.path))
        parts = [p for p in outputs if p == doc.docs_path or p.startswith(doc.docs_path[:-len("index.md")] + "page/")]
        assert len(parts) == max(1, -(-len(lines) // 40))
        if len(parts) == 1:
            continue
        long += 1
        ids: Counter[int] = Counter()
        for n in range(1, len(parts) + 1):
            text = outputs[urls.docs_path(urls.source_document_part(doc.source_path, n))]
            numbers = [int(x) for x in re.findall(r'<span id="L(\d+)">', text)]
            assert numbers == list(range((n - 1) * 40 + 1, (n - 1) * 40 + 1 + len(numbers)))
            ids.update(numbers)
            assert (f'style="counter-reset: line {(n - 1) * 40}"' in text) == (n > 1)
            assert ('rel="next"' in text) == (n < len(parts)) and ('rel="prev"' in text) == (n > 1)
            # parts are told apart in the tab and in search results (the h1 titles a result)
            found = re.search(r"^title: (.*)$", text, re.M)
            assert found, text[:300]
            title = json.loads(found.group(1))
            assert title == f"{doc.title}, {n}-бөлім"
            assert f'<span class="ashyq-source-part">, {n}-бөлім</span></h1>' in text
            # the rows' references on a part are to its own lines
            for first in re.findall(r'<a href="#L(\d+)', text):
                assert int(first) in numbers
        assert sorted(ids) == list(range(1, len(lines) + 1)) and set(ids.values()) == {1}
    assert long


def test_a_row_links_to_the_part_of_its_source_lines(synth_model: model.Model,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(urls, "SOURCE_PART_LINES", 40)
    quotas = synth_model.lined("quotas", "quotas")
    rid_paths = dict(zip(synth_model.table("resolutions", "resolutions")["resolution_id"],
                         synth_model.table("resolutions", "resolutions")["source_path"]))
    row = next(r for r in quotas.to_dict("records") if int(str(r["source_lines"]).split("-")[0]) > 40)
    prov = synth_model.provenance("quotas", "quotas", int(row[model.LINE]), rid_paths[row["resolution_id"]],
                                  row["source_lines"])
    first = int(str(row["source_lines"]).split("-")[0])
    assert f"/page/{(first - 1) // 40 + 1}/#L{first}" in prov.source_url


# ---------------------------------------------------------------- a reader in the browser


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}],
                         ids=["desktop", "phone"])
def test_a_reader_reaches_an_act_on_a_later_page(page, synth_site_url: str, viewport: dict[str, int]) -> None:
    page.set_viewport_size(viewport)
    page.goto(synth_site_url + "resolutions/")
    table = page.locator("#resolutions-regions")
    # the region with the most acts: its list has several pages
    counts = [int(c.replace("\u00a0", "").replace(" ", "")) for c in table.locator("td.num").all_inner_texts()]
    table.locator("tbody tr").nth(counts.index(max(counts))).locator("a").first.click()
    page.wait_for_url("**/resolutions/by-region/**")
    page.locator("a[rel=next]").first.click()
    page.wait_for_url("**/page/2/")
    assert page.locator("[aria-current=page]").first.inner_text() == "2"
    link = page.locator("article table a").first
    title = link.inner_text()
    link.click()
    page.wait_for_url(re.compile(r"/resolutions/(?!by-region)[^/]+/$"))
    assert page.locator("h1").first.inner_text().strip()
    assert title.strip()[:20] in page.locator("article").inner_text()
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
