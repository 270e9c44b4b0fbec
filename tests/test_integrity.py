"""Integrity of the published site: the same commit builds to the same bytes, every internal
link and anchor leads somewhere, and every CSV download is its source, byte for byte."""

from __future__ import annotations

import hashlib
import importlib.util
import re
import zipfile
from pathlib import Path

import pytest

from ashyq.build import build_site
from ashyq.paths import DATASETS, ROOT


def digests(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_of_the_same_commit_are_byte_identical(real_site, tmp_path):
    again = build_site(DATASETS, tmp_path / "site").out
    first, second = digests(real_site), digests(again)
    assert sorted(first) == sorted(second), (
        f"files only in the first build: {sorted(set(first) - set(second))[:10]}; "
        f"only in the second: {sorted(set(second) - set(first))[:10]}")
    differing = [name for name in sorted(first) if first[name] != second[name]]
    assert differing == [], f"{len(differing)} file(s) differ between two builds, first: {differing[0]}"


def load_link_checker():
    spec = importlib.util.spec_from_file_location("check_links", ROOT / "scripts" / "check_links.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_broken_internal_link_or_anchor(real_site):
    broken = load_link_checker().check(real_site)
    assert broken == [], f"{len(broken)} broken link(s):\n" + "\n".join(broken[:40])


def test_every_source_line_link_names_lines_that_exist(real_site):
    """Row → source links end in #L54-L72 (the checker leaves them to the page's script):
    both lines must exist on the source page."""
    checker = load_link_checker()
    broken = []
    for page_path in sorted(real_site.rglob("*.html")):
        page = checker.Page()
        page.feed(page_path.read_text(encoding="utf-8"))
        for url in page.links:
            match = re.fullmatch(r"(.*)#L(\d+)(?:-L(\d+))?", url)
            target = checker.target_file(real_site, page_path, url) if match else None
            if target is None or not target.is_file():
                continue
            ids = line_ids(checker, target)
            missing = [f"L{n}" for n in match.groups()[1:] if n and f"L{n}" not in ids]
            if missing:
                broken.append(f"{page_path.relative_to(real_site)}: {url} -> no line {', '.join(missing)}")
    assert broken == [], f"{len(broken)} link(s) to missing source lines:\n" + "\n".join(broken[:40])


_LINE_IDS: dict[Path, set[str]] = {}


def line_ids(checker, target: Path) -> set[str]:
    if target not in _LINE_IDS:
        page = checker.Page()
        page.feed(target.read_text(encoding="utf-8"))
        _LINE_IDS[target] = page.ids
    return _LINE_IDS[target]


def test_link_checker_finds_a_broken_link_and_a_missing_anchor(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="top"><a href="a/">ok</a> <a href="#top">ok</a> <a href="b/">missing</a>'
        ' <a href="a/#nowhere">no anchor</a> <a href="https://example.org/">outside</a></p>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text('<h1 id="here">a</h1>', encoding="utf-8")
    broken = load_link_checker().check(tmp_path)
    assert len(broken) == 2 and "b/" in broken[0] + broken[1] and "#nowhere" in broken[0] + broken[1], broken


SOURCE_CSVS = sorted(DATASETS.glob("*/data/*.csv"))


@pytest.mark.parametrize("source", SOURCE_CSVS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_csv_download_is_the_source_byte_for_byte(real_site, source):
    package = source.parent.parent.name
    download = real_site / "data" / package / source.name
    assert download.is_file(), f"data/{package}/{source.name}: no download for {source.relative_to(ROOT)}"
    assert download.read_bytes() == source.read_bytes(), f"data/{package}/{source.name} differs from its source"
    bundle = real_site / "data" / package / f"{package}.zip"
    if bundle.exists():
        with zipfile.ZipFile(bundle) as zf:
            inside = [n for n in zf.namelist() if n.endswith("/" + source.name) or n == source.name]
            assert inside, f"data/{package}/{package}.zip: no {source.name}"
            assert zf.read(inside[0]) == source.read_bytes(), f"{package}.zip:{inside[0]} differs from its source"


def test_every_csv_on_the_site_is_a_source_copy(real_site):
    """Data CSVs and source documents that are CSV files (the KATO extracts) are copies (the
    CSV for Excel is made in the browser: test_data_pages.py)."""
    sources = {hashlib.sha256(p.read_bytes()).hexdigest()
               for p in SOURCE_CSVS + sorted(DATASETS.glob("*/sources/*.csv"))}
    strays = [str(p.relative_to(real_site)) for p in sorted(real_site.rglob("*.csv"))
              if hashlib.sha256(p.read_bytes()).hexdigest() not in sources]
    assert strays == [], f"CSV files on the site that are no source copy: {strays}"


def test_link_checker_knows_the_path_the_site_is_published_under(tmp_path):
    """A GitHub Pages project site lives under /<repo>/: the 404 page's root-relative links
    start with it (from the sitemap's home page)."""
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>https://o.github.io/repo/</loc></url></urlset>",
                                          encoding="utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("<p>a</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text('<a href="/repo/a/">a</a> <a href="/repo/b/">b</a>', encoding="utf-8")
    assert load_link_checker().check(tmp_path) == ["404.html: /repo/b/ -> b/index.html is missing"]
