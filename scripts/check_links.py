#!/usr/bin/env python3
"""Check every internal link of a built site, offline and fast: `check_links.py build/site`.

Reads each HTML file once with the standard library's parser, resolves every href/src
that stays on the site (relative or root-relative), and reports those that lead to no
file, as `page: link -> missing target`. Links to other hosts are not fetched (the site
must work offline); links to in-page anchors (#L54-L72, #c-…) are checked when the target
page exists and the anchor names no element id, except line anchors that the page's
script highlights. Exit 1 when any link is broken. Independent of the ashyq package.
"""

from __future__ import annotations

import argparse
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src"}
LINE_ANCHOR = "L"  # "#L54" and "#L54-L72": highlighted by script, not element ids


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(str(values[key]))
        attr = ATTRS.get(tag)
        if attr and values.get(attr):
            self.links.append(str(values[attr]))


def site_base(site: Path) -> str:
    """The URL path the site is published under ("/ashyq-derek/" for a GitHub Pages project
    site): the path of the sitemap's first address, the home page; "/" without a sitemap.
    Root-relative links (the 404 page has only those) start with it."""
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        match = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8", errors="replace"))
        if match:
            return urlsplit(match.group(1)).path or "/"
    return "/"


def target_file(site: Path, page: Path, url: str, base: str = "/") -> Path | None:
    """The file a same-site link points at (None for other hosts and special schemes)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page
    if path.startswith("/"):
        folder, path = site, "/" + path[len(base):] if path.startswith(base) else path
    else:
        folder = page.parent
    target = (folder / path.lstrip("/")).resolve()
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def check(site: Path) -> list[str]:
    site = site.resolve()
    base = site_base(site)
    pages = sorted(site.rglob("*.html"))
    parsed: dict[Path, Page] = {}

    def parse(path: Path) -> Page:
        if path not in parsed:
            page = Page()
            page.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed[path] = page
        return parsed[path]

    broken: list[str] = []
    for page_path in pages:
        for url in parse(page_path).links:
            target = target_file(site, page_path, url, base)
            if target is None:
                continue
            rel = page_path.relative_to(site).as_posix()
            if not str(target).startswith(str(site)):
                broken.append(f"{rel}: {url} -> outside the site")
            elif not target.is_file():
                broken.append(f"{rel}: {url} -> {target.relative_to(site).as_posix()} is missing")
            else:
                anchor = unquote(urlsplit(url).fragment)
                if (anchor and target.suffix == ".html" and not anchor.startswith(LINE_ANCHOR)
                        and anchor not in parse(target).ids):
                    broken.append(f"{rel}: {url} -> no element with id {anchor!r}")
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, nargs="?", default=Path("build/site"))
    args = parser.parse_args(argv)
    if not args.site.is_dir():
        print(f"{args.site}: no such folder (run `make build` first)", file=sys.stderr)
        return 2
    broken = check(args.site)
    for line in broken:
        print(line)
    pages = sum(1 for _ in args.site.rglob("*.html"))
    print(f"{len(broken)} broken link(s) in {pages} pages", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
