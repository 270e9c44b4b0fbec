"""The pipeline on the tiny fixture packages: pages, data files, refusal, atomic publish."""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
from pathlib import Path

import pytest

from ashyq.build import BuildError, build_site, run_mkdocs
from ashyq.problems import Problem
from ashyq.search import read_fragments


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def explorer_rows(site: Path) -> list[dict]:
    """Every row the quotas explorer can show: the manifest's shards, joined."""
    manifest = json.loads((site / "quotas/rows/manifest.json").read_text(encoding="utf-8"))
    rows = []
    for shard in manifest["shards"]:
        assert shard["href"].endswith(".json.gz")  # stored compressed: the browser unpacks it
        payload = json.loads(gzip.decompress((site / "quotas/rows" / shard["href"]).read_bytes()).decode("utf-8"))
        assert len(payload["rows"]) == shard["rows"]
        rows += [dict(zip(manifest["columns"], row)) for row in payload["rows"]]
    assert len(rows) == manifest["total"]
    return sorted(rows, key=lambda r: r["csv_line"])


def test_build_writes_home_quotas_and_data(valid_datasets, tmp_path):
    result = build_site(valid_datasets, tmp_path / "site")
    site = result.out
    for page in ["index.html", "quotas/index.html", "quotas/rows/manifest.json", "404.html"]:
        assert (site / page).is_file(), page
    html = (site / "quotas/index.html").read_text(encoding="utf-8")
    assert 'lang="kk"' in html
    assert "assets/vendor/tabulator/tabulator.min.js" in html
    # plotly.js is not in any page: ashyq.js fetches it when a chart comes near the screen
    assert "plotly-basic" not in html
    assert (site / "assets/vendor/plotly/plotly-basic.min.js").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "tabulator.min.js" not in home  # heavy scripts load only where a page needs them


def test_explorer_rows_hold_every_cell_of_the_csv(valid_datasets, tmp_path):
    site = build_site(valid_datasets, tmp_path / "site").out
    source = read_csv_rows(valid_datasets / "quotas/data/quotas.csv")
    shown = explorer_rows(site)
    assert [{k: r[k] for k in source[0]} for r in shown] == source  # every cell, as written
    assert [r["csv_line"] for r in shown] == list(range(2, len(source) + 2))
    assert [(r["place_kk"], r["region_kk"], r["category_kk"]) for r in shown] == [
        ("Ақжайық ауданы", "Батыс Қазақстан облысы", "Мүгедектігі бар адамдар"),
        ("Бөрлі ауданы", "Батыс Қазақстан облысы", "Мүгедектігі бар адамдар"),
        ("Бөрлі ауданы", "Батыс Қазақстан облысы", "Мүгедектігі бар адамдар"),
        ("Бәйтерек ауданы", "Батыс Қазақстан облысы", "Пробация қызметінің есебіндегі адамдар"),
    ]


def test_explorer_manifest_has_facet_counts(valid_datasets, tmp_path):
    site = build_site(valid_datasets, tmp_path / "site").out
    manifest = json.loads((site / "quotas/rows/manifest.json").read_text(encoding="utf-8"))
    assert manifest["facets"]["year"] == [["2026", 3], ["2023", 1]]
    assert manifest["facets"]["place_kk"] == [["Ақжайық ауданы", 1], ["Бәйтерек ауданы", 1], ["Бөрлі ауданы", 2]]
    assert [s["id"] for s in manifest["shards"]] == ["west-kazakhstan-region"]
    assert manifest["eager"] is True


def test_csv_downloads_are_byte_identical(valid_datasets, tmp_path):
    site = build_site(valid_datasets, tmp_path / "site").out
    for csv_path in valid_datasets.glob("*/data/*.csv"):
        served = site / "data" / csv_path.parent.parent.name / csv_path.name
        assert served.read_bytes() == csv_path.read_bytes(), served


@pytest.mark.fault
def test_invalid_data_is_refused_and_the_published_site_kept(valid_datasets, tmp_path):
    out = tmp_path / "site"
    build_site(valid_datasets, out)
    before = tree_digest(out)
    quotas = valid_datasets / "quotas/data/quotas.csv"
    text = quotas.read_text(encoding="utf-8").replace(",93,", ",93 адам,", 1)
    quotas.write_text(text, encoding="utf-8")
    docs_before = tree_digest(tmp_path / "site-docs")
    with pytest.raises(BuildError) as info:
        build_site(valid_datasets, out)
    assert [(p.row, p.col, p.code) for p in info.value.problems] == [(2, 7, "type-error")]
    assert tree_digest(out) == before
    assert tree_digest(tmp_path / "site-docs") == docs_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datasets", "site", "site-docs"]  # no temporary left


def test_mkdocs_does_not_run_when_frictionless_has_already_failed(valid_datasets, tmp_path, monkeypatch):
    monkeypatch.setenv("ASHYQ_WORKERS", "0")  # in-process: frictionless is done before the pages
    quotas = valid_datasets / "quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",93,", ",93 адам,", 1), encoding="utf-8")
    rendered = []
    monkeypatch.setattr("ashyq.build.run_mkdocs", lambda *args, **languages: rendered.append(args))
    with pytest.raises(BuildError):
        build_site(valid_datasets, tmp_path / "site")
    assert rendered == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datasets"]


def test_a_three_language_build_that_fails_validation_publishes_nothing(valid_datasets, tmp_path):
    """The languages' sites are rendered in a worker while the next is written: when
    frictionless fails meanwhile, the renders not begun are dropped and nothing is published."""
    out = tmp_path / "site"
    build_site(valid_datasets, out, languages=("kk", "ru", "en"))
    before = tree_digest(out)
    quotas = valid_datasets / "quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",93,", ",93 адам,", 1), encoding="utf-8")
    with pytest.raises(BuildError) as info:
        build_site(valid_datasets, out, languages=("kk", "ru", "en"))
    assert [p.code for p in info.value.problems] == ["type-error"]
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datasets", "site", "site-docs"]  # no temporary left


def test_each_language_is_completed_as_soon_as_it_is_rendered(tmp_path, monkeypatch):
    """With several languages, a site rendered in the worker gets its data blocks back (and
    its search index started) between the next languages' pages, not after the last."""
    from ashyq import build
    from ashyq.workers import InlineExecutor  # renders at once, as a worker that has finished

    rendered, done, restored = tmp_path / "site", [], []
    monkeypatch.setattr(build, "run_mkdocs", lambda docs, site, *args, **kwargs: site.mkdir(parents=True))
    monkeypatch.setattr(build, "assemble", lambda docs, source, site, prefix, blocks, move=True:
                        restored.append((prefix, sorted(blocks))))
    render = build.Renderer(tmp_path / "docs", rendered, None, None, ("kk", "ru", "en"), InlineExecutor(),
                            done.append, sites=tmp_path / "render")
    render.add("kk", {"index.md": []})
    assert done == ["kk"]
    render.add("ru", {"ru/index.md": []})
    assert done == ["kk", "ru"]
    render.add("en", {"en/index.md": []}, start=False)  # not started: rendered by finish, here
    assert done == ["kk", "ru"]
    render.finish()
    assert done == ["kk", "ru", "en"]
    assert restored == [("", ["index.md"]), ("ru/", ["ru/index.md"]), ("en/", ["en/index.md"])]
    assert sorted(p.name for p in (tmp_path / "render").iterdir()) == ["en", "kk", "ru"]  # a cache each


def test_a_rendered_language_is_put_under_the_root_with_its_data_blocks_back(tmp_path):
    from ashyq.build import assemble

    docs, rendered, site = tmp_path / "docs", tmp_path / "rendered", tmp_path / "site"
    (docs / "ru/quotas").mkdir(parents=True)
    (docs / "ru/quotas/index.md").write_text('# Q\n<div data-ashyq-block="0"></div>\n', encoding="utf-8")
    (rendered / "quotas").mkdir(parents=True)
    (rendered / "quotas/index.html").write_text('<h1>Q</h1><div data-ashyq-block="0"></div>', encoding="utf-8")
    (rendered / "404.html").write_text("404", encoding="utf-8")
    assemble(docs, rendered, site, "ru/", {"ru/quotas/index.md": ["<table data-search-exclude></table>"]}, move=False)
    page = (site / "ru/quotas/index.html").read_text(encoding="utf-8")
    assert page == "<h1>Q</h1><table data-search-exclude></table>"
    assert (docs / "ru/quotas/index.md").read_text(encoding="utf-8") == "# Q\n<table data-search-exclude></table>\n"
    assert (site / "ru/404.html").read_text(encoding="utf-8") == "404"
    assert (rendered / "404.html").is_file()  # copied: the cache keeps its files
    with pytest.raises(RuntimeError, match="ru/data/index.md: the renderer wrote no ru/data/index.html"):
        assemble(docs, rendered, tmp_path / "other", "ru/", {"ru/data/index.md": []})


def test_the_frames_indentation_goes_and_data_blocks_and_preformatted_text_stay(tmp_path):
    """Issue 18: Material's indented templates cost 4 KB of every page; a run of white space
    with a line break shows as a line break does, but in <pre> and <textarea>."""
    from ashyq.build import assemble
    from ashyq.frame import tighten

    assert tighten(b"<nav>\n    <ul>\n      <li>a</li>  \n\n  </ul>\n</nav>") == (
        b"<nav>\n<ul>\n<li>a</li>\n</ul>\n</nav>")
    assert tighten(b"<p>a  b</p>\n  <pre><code>x\n    y</code></pre>\n  <textarea>1\n  2</textarea>") == (
        b"<p>a  b</p>\n<pre><code>x\n    y</code></pre>\n<textarea>1\n  2</textarea>")
    docs, rendered, site = tmp_path / "docs", tmp_path / "rendered", tmp_path / "site"
    (docs / "quotas").mkdir(parents=True)
    (docs / "quotas/index.md").write_text('# Q\n<div data-ashyq-block="0"></div>\n', encoding="utf-8")
    (rendered / "quotas").mkdir(parents=True)
    (rendered / "quotas/index.html").write_text('<div>\n    <h1>Q</h1>\n    <div data-ashyq-block="0"></div>\n</div>',
                                                encoding="utf-8")
    (rendered / "404.html").write_text("<p>\n    404\n</p>", encoding="utf-8")
    block = '<pre class="ashyq-source">\n  <span id="L1">  a\n</span></pre>'
    assemble(docs, rendered, site, "", {"quotas/index.md": [block]})
    assert (site / "quotas/index.html").read_text(encoding="utf-8") == f"<div>\n<h1>Q</h1>\n{block}\n</div>"
    assert (site / "404.html").read_text(encoding="utf-8") == "<p>\n404\n</p>"


def test_data_files_join_the_rendered_site(tmp_path):
    from ashyq.build import add_files

    files, site = tmp_path / "files", tmp_path / "site"
    (files / "data/quotas").mkdir(parents=True)
    (files / "data/quotas/quotas.xlsx").write_bytes(b"xlsx")
    (site / "data/quotas").mkdir(parents=True)
    (site / "data/quotas/index.html").write_text("page", encoding="utf-8")
    add_files(files, site)
    assert (site / "data/quotas/quotas.xlsx").read_bytes() == b"xlsx"
    (files / "data/quotas/index.html").write_text("other", encoding="utf-8")
    with pytest.raises(RuntimeError, match="written twice"):
        add_files(files, site)
    assert (site / "data/quotas/index.html").read_text(encoding="utf-8") == "page"


def test_data_files_are_linked_into_the_docs_for_other_renderers(tmp_path):
    from ashyq.build import add_files

    files, site, docs = tmp_path / "files", tmp_path / "site", tmp_path / "docs"
    (files / "quotas/rows").mkdir(parents=True)
    (files / "quotas/rows/manifest.json").write_text("{}", encoding="utf-8")
    (docs / "quotas").mkdir(parents=True)
    (docs / "quotas/index.md").write_text("# Q", encoding="utf-8")
    add_files(files, site, docs)
    assert (site / "quotas/rows/manifest.json").read_text(encoding="utf-8") == "{}"
    assert (docs / "quotas/rows/manifest.json").samefile(site / "quotas/rows/manifest.json")  # a link, no copy
    (files / "quotas/index.md").write_text("other", encoding="utf-8")
    with pytest.raises(RuntimeError, match="quotas/index.md is written twice"):
        add_files(files, tmp_path / "site2", docs)


def test_data_blocks_come_back_into_the_rendered_pages(valid_datasets, tmp_path):
    site = build_site(valid_datasets, tmp_path / "site").out
    page = (site / "quotas/index.html").read_text(encoding="utf-8")
    assert 'data-ashyq-block' not in page
    assert '<div class="ashyq-explorer" id="quota-explorer" data-search-exclude>' in page
    indexed = str(read_fragments(site)["/quotas/"]["content"])
    assert "Әкімдіктердің қаулыларымен белгіленген квоталар" in indexed  # the page is searchable ...
    assert "Осы жолдарды CSV ретінде жүктеу" not in indexed  # ... without the explorer


@pytest.mark.fault
def test_a_failing_render_leaves_the_published_site(valid_datasets, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site(valid_datasets, out)
    before = tree_digest(out)

    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed half-way")

    monkeypatch.setattr("ashyq.build.run_mkdocs", broken)
    with pytest.raises(RuntimeError):
        build_site(valid_datasets, out)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datasets", "site", "site-docs"]


def test_a_renderer_that_drops_a_data_block_fails_the_build(valid_datasets, tmp_path, monkeypatch):
    # a renderer that rewrites raw HTML it should pass through
    def lossy(docs, site, commit=None, site_url=None, **languages):
        run_mkdocs(docs, site, commit, site_url, **languages)
        page = site / "quotas/index.html"
        page.write_text(page.read_text(encoding="utf-8").replace('<div data-ashyq-block="1"></div>', "", 1),
                        encoding="utf-8")

    monkeypatch.setattr("ashyq.build.run_mkdocs", lossy)
    with pytest.raises(RuntimeError, match=r"quotas/index.md: \d+ of \d+ data blocks came back from the renderer"):
        build_site(valid_datasets, tmp_path / "site")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datasets"]  # nothing published


def test_docs_hold_the_whole_markdown_and_mkdocs_alone_makes_the_same_site(valid_datasets, tmp_path):
    """`mkdocs build` of the published docs, with no code of ours, gives the site byte for
    byte, but for the search index, ours, Pagefind's (pagefind/): Material's lunr index holds
    its config only in both (every page's front matter leaves it out: ashyq.search), and for
    what the build takes out of the pages' frame (ashyq.frame: white space, inline icons)."""
    from ashyq.frame import compact
    result = build_site(valid_datasets, tmp_path / "site")
    assert result.docs == tmp_path / "site-docs"
    quotas = (result.docs / "quotas/index.md").read_text(encoding="utf-8")
    assert "data-ashyq-block" not in quotas
    assert '<div class="ashyq-explorer" id="quota-explorer" data-search-exclude>' in quotas
    assert (result.docs / "quotas/rows/manifest.json").is_file()  # data files too: the explorer needs them
    run_mkdocs(result.docs, tmp_path / "plain")
    for site in (result.out, tmp_path / "plain"):  # a rendered page's frame, the same way on both sides
        for page in site.rglob("*.html"):
            if not (result.docs / page.relative_to(site)).is_file():  # rendered, not a file of ours
                page.write_bytes(compact(page.read_bytes()))
    ours, plain = tree_digest(result.out), tree_digest(tmp_path / "plain")
    assert sorted(k for k in ours if not k.startswith("pagefind/")) == sorted(plain)
    assert sorted(k for k in plain if ours[k] != plain[k]) == []


def test_docs_folder_is_build_docs_for_build_site_and_named_after_any_other_site(tmp_path):
    from ashyq.build import docs_folder
    from ashyq.paths import BUILD_DOCS, BUILD_SITE

    assert docs_folder(BUILD_SITE.resolve()) == BUILD_DOCS.resolve()  # mkdocs.yml's docs_dir
    assert docs_folder(tmp_path / "docs") == tmp_path / "docs-docs"  # never a folder of the user's


def test_page_html_path_follows_the_renderers_layout():
    from ashyq.build import page_html_path

    assert [page_html_path(p) for p in ["index.md", "quotas/index.md", "places/aqzhaiyq.md", "data/README.md"]] == [
        "index.html", "quotas/index.html", "places/aqzhaiyq/index.html", "data/index.html"]
    assert page_html_path("places/aqzhaiyq.md", directory_urls=False) == "places/aqzhaiyq.html"


@pytest.mark.fault
def test_two_builds_are_byte_identical(valid_datasets, tmp_path):
    first = tree_digest(build_site(valid_datasets, tmp_path / "a").out)
    second = tree_digest(build_site(valid_datasets, tmp_path / "b").out)
    assert first == second


def test_problem_format_names_position_code_and_fix():
    problem = Problem("datasets/quotas/data/quotas.csv", 14, 9, "type-error",
                      'field "headcount" expects an integer, got "93 адам"', "write the number alone: 93")
    assert problem.format() == (
        'datasets/quotas/data/quotas.csv:14:9: type-error: field "headcount" expects an integer, '
        'got "93 адам"\n  fix: write the number alone: 93')


def test_data_blocks_bypass_markdown_and_come_back_whole(valid_datasets, tmp_path):
    from ashyq.build import stash_data_blocks

    page = ('# T\n\n<table data-search-exclude><tr><td>**a** | b</td></tr></table>\n\n'
            'text\n\n<pre class="x" data-search-exclude><span id="L1">1</span></pre>\n\n'
            '<table><tr><td>keep</td></tr></table>\n')
    text, blocks = stash_data_blocks(page)
    assert blocks == ['<table data-search-exclude><tr><td>**a** | b</td></tr></table>',
                      '<pre class="x" data-search-exclude><span id="L1">1</span></pre>']
    assert text == ('# T\n\n<div data-ashyq-block="0"></div>\n\ntext\n\n<div data-ashyq-block="1"></div>\n\n'
                    '<table><tr><td>keep</td></tr></table>\n')
    nested = ('<div class="a" data-search-exclude>\n<div>x</div>\n\n<div><table data-search-exclude>'
              '</table></div>\n</div>\nafter <em data-search-exclude>inline</em>\n<div data-search-exclude>open\n')
    text, blocks = stash_data_blocks(nested)
    assert blocks == [nested[:nested.index("\nafter")]]  # the whole element, nested ones inside it
    assert text == ('<div data-ashyq-block="0"></div>\nafter <em data-search-exclude>inline</em>\n'
                    '<div data-search-exclude>open\n')  # inline and unclosed elements stay for Markdown
    site = build_site(valid_datasets, tmp_path / "site").out
    html = (site / "quotas/index.html").read_text(encoding="utf-8")
    assert "data-ashyq-block" not in html  # every placeholder was filled
    assert '<table data-search-exclude>' in html  # the chart's data table, as the template wrote it


def test_search_index_leaves_out_what_is_found_elsewhere(valid_datasets, tmp_path):
    """Every page is in the index once (404.html is not a page to offer, nor an embed page,
    /embed/<key>/: it repeats a chart of a page that is, and has no Material article); what
    only repeats other pages, numbers and row links are left out (ashyq.search.EXCLUDED)."""
    site = build_site(valid_datasets, tmp_path / "site").out
    fragments = read_fragments(site)
    folders = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    assert any(f.startswith("embed/") for f in folders)
    assert sorted(fragments) == sorted("/" if f == "." else f"/{f}/" for f in folders if not f.startswith("embed/"))
    resolutions = str(fragments["/resolutions/"]["content"])
    numbers = [str(f["content"]).split("№ ", 1)[1].split()[0] for u, f in fragments.items()
               if u.startswith("/resolutions/") and u != "/resolutions/"]
    assert numbers and not [n for n in numbers if f"№ {n}" in resolutions]  # the index of resolutions is left out
    # a fact's value stands alone, without its label (dt) glued to it
    assert "№ 593 30.11.2022" in str(fragments["/resolutions/baiterek-2022-593/"]["content"])
    for url, fragment in fragments.items():
        text = str(fragment["content"])
        assert "¶" not in text, url
        if url.startswith(("/resolutions/", "/places/")):  # every row's «report a mistake» link
            assert "қатені хабарлау" not in text, url


def test_settings_read_from_mkdocs_yml(tmp_path):
    from ashyq.settings import read_settings

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://example.org/ashyq\nextra:\n  repository: https://github.com/o/r/\n"
                      "  analytics: !ENV [ANALYTICS, '']\nhooks: !!python/name:os.path\n", encoding="utf-8")
    settings = read_settings(config)
    assert (settings.site_url, settings.repository, settings.site_url_line) == (
        "https://example.org/ashyq/", "https://github.com/o/r", 2)
    assert not settings.is_local
    config.write_text("- not a mapping\n", encoding="utf-8")
    assert (read_settings(config).site_url, read_settings(config).repository) == ("", "")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost:8000/", "http://0.0.0.0/",
                                 "http://192.168.1.5/site/", "http://[::1]:8000/", "http://x.localhost/"])
def test_a_local_site_address_is_never_published(tmp_path, valid_datasets, url):
    from ashyq.settings import Settings, SettingsError

    out = tmp_path / "site"
    with pytest.raises(SettingsError) as caught:
        build_site(valid_datasets, out, site=Settings(url, "https://github.com/o/r", "mkdocs.yml", 6))
    assert caught.value.format().startswith(f"mkdocs.yml:6: site-url-local: site_url is a local address ({url})")
    assert "make serve" in caught.value.fix
    assert not out.exists()  # nothing published


def test_a_local_build_for_viewing_uses_the_local_address(tmp_path, valid_datasets):
    from ashyq.settings import Settings

    settings = Settings("https://example.org/ashyq/", "https://github.com/o/r").for_local_viewing(8123)
    out = build_site(valid_datasets, tmp_path / "site", site=settings).out
    assert '<link rel="canonical" href="http://127.0.0.1:8123/' in (out / "index.html").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8123/" in (out / "sitemap.xml").read_text(encoding="utf-8")


def test_publish_swaps_the_folders_in_one_step(tmp_path):
    """There is no moment without a site: the new and old folders are exchanged atomically."""
    from ashyq.build import exchange, publish

    out, new = tmp_path / "site", tmp_path / "new"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    new.mkdir()
    (new / "new.txt").write_text("new", encoding="utf-8")
    assert exchange(new, out)  # Linux: renameat2 RENAME_EXCHANGE
    assert (out / "old.txt").exists() is False and (new / "old.txt").exists()
    exchange(new, out)
    publish(new, out)
    assert [p.name for p in out.iterdir()] == ["new.txt"] and sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.fault
def test_a_second_build_of_the_same_site_waits_for_the_first(valid_datasets, tmp_path):
    """Two builds at once never mix their halves: the second waits, or gives up with a message."""
    import fcntl

    from ashyq.build import BuildLocked

    out = tmp_path / "site"
    build_site(valid_datasets, out)
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    held = os.open(tmp_path, os.O_RDONLY)  # as a running build holds it
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        steps: list[str] = []
        with pytest.raises(BuildLocked, match=r"another build into .* is running; nothing was built"):
            build_site(valid_datasets, out, steps.append, lock_wait=0.3)
        assert any("waiting for it" in s for s in steps)
    finally:
        os.close(held)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before  # untouched
    assert build_site(valid_datasets, out, lock_wait=5).pages > 0  # the lock is free again


@pytest.mark.fault
@pytest.mark.parametrize("step", ["validate", "load tables", "render", "data files", "publish"])
def test_a_build_killed_at_any_step_leaves_the_last_good_site(valid_datasets, tmp_path, step):
    """kill -9 as a build starts each step (its --progress line): the published site stays as
    it was, byte for byte, and the next build succeeds (and clears the dead build's work)."""
    import hashlib
    import signal
    import subprocess
    import sys

    out = tmp_path / "site"
    build_site(valid_datasets, out)

    def snapshot() -> dict[str, str]:
        return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(out.rglob("*")) if p.is_file()}

    before = snapshot()
    quotas = valid_datasets / "quotas/data/quotas.csv"  # a change, so a finished build would differ
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",93,", ",94,", 1), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "ashyq", "build", "--progress", "--datasets",
                             str(valid_datasets), "--out", str(out)], cwd=tmp_path, text=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    for line in proc.stderr:  # "[  1.2s] render 9 pages with mkdocs"
        if line.split("] ", 1)[-1].startswith(step):
            proc.send_signal(signal.SIGKILL)
            break
    proc.wait()
    if step == "publish" and proc.returncode == 0:
        assert snapshot() != before  # it finished before the kill landed: the new site, whole
    else:
        assert proc.returncode == -signal.SIGKILL, f"the build never reached {step!r}"
        assert snapshot() == before
    result = build_site(valid_datasets, out, lock_wait=10)
    assert result.pages > 0 and snapshot() != before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith((".site-build-", ".site-old-"))]


def test_every_table_row_is_put_aside_from_markdown(real_site):
    """A table's rows are in data blocks, never Markdown's to parse: a national corpus's acts
    took mkdocs minutes instead of seconds when a paragraph on the line before a quota table
    kept the table from beginning its line (build.DATA_BLOCK)."""
    from ashyq.build import stash_data_blocks

    docs = real_site.with_name("site-docs")
    left = {p.relative_to(docs).as_posix(): stash_data_blocks(p.read_text(encoding="utf-8"))[0].count("<tr")
            for p in docs.rglob("*.md")}
    assert any("resolutions/" in page for page in left)
    assert {page: rows for page, rows in left.items() if rows} == {}
