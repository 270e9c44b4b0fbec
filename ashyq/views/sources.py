"""Sources: every source document of every package as a page with numbered, anchored lines.

A row's `source_lines` link (`urls.source_lines` → `sources/<package>/<stem>/#L54-L72`) lands
on its lines here; ashyq.js highlights the range. The text is shown exactly as in the file,
one element per line, and the file itself is copied byte for byte beside its page. Reference
files that are not text documents (the KATO CSVs, their JSON note) are copied and listed, not
paged: they are tables of tens of thousands of lines, better opened as files.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from ashyq import i18n, model, render, urls
from ashyq.urls import line_anchor, link
from ashyq.views import Output, documented
from ashyq.views.paging import Pager, pager, split

# Files shown as a page with line anchors; anything else in sources/ is linked as a file.
PAGED_SUFFIXES = frozenset({".txt"})
INDEX = urls.docs_path(urls.SOURCES)


@dataclass(frozen=True)
class SourceDoc:
    """One file in `datasets/<package>/sources/`."""

    package: str = documented("the package whose sources/ holds it")
    path: Path = documented("the file on disk")
    title: str = documented("its title from the `sources` list of a datapackage.json (the package's own list first); "
                            "the file name when none")
    paged: bool = documented("whether it is shown as a page with line anchors (a .txt document), not only as a file")
    size: int = documented("its size in bytes")
    language: str = documented('the language of its text, for lang= ("kk", "ru"): its resolution\'s '
                               '(Model.source_languages); "kk" when no resolution names it', default="kk")

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def source_path(self) -> str:
        """As rows write it: "datasets/quotas/sources/000_x.txt"."""
        return f"datasets/{self.package}/sources/{self.name}"

    @property
    def page_url(self) -> str:
        return urls.source_document(self.source_path)

    @property
    def raw_url(self) -> str:
        return urls.source_file(self.package, self.name)

    @property
    def docs_path(self) -> str:
        return urls.docs_path(self.page_url)


@dataclass(frozen=True)
class RowRefs:
    """The rows of one table that cite a document: their line ranges, linked to the lines."""

    package: str = documented("the table's package")
    resource: str = documented("the table's resource name")
    title: str = documented("the table's title; its name when it has none")
    ranges: list[tuple[str, str]] = documented('the line ranges its rows cite as (label, link), e.g. ("54–72", '
                                               '"#L54-L72"), in line order, each once')


@dataclass(frozen=True)
class SourcePageContext:
    """A source page: the document's lines (line n is `lines[n-1]`, with its own newline)."""

    doc: SourceDoc = documented("the document")
    lines: list[str] = documented('its lines, each with its own newline: line n is lines[n-1], and "".join(lines) is '
                                  "the file's text")
    raw_href: str = documented("link to the file itself, relative to the page")
    data_href: str = documented("link to its package's page")
    index_href: str = documented("link to sources/")
    package_title: str = documented("its package's title")
    refs: list[RowRefs] = documented("the tables whose rows cite lines of it (on a part: lines of the part); empty "
                                     "when none", default_factory=list)
    first_line: int = documented("the number of lines[0] in the document: 1, or where a part begins (a document "
                                 "longer than urls.SOURCE_PART_LINES is shown in parts)", default=1)
    line_count: int = documented("the document's number of lines (every part's together)", default=0)
    pager: Pager = documented("this part among the document's parts (number, previous, next, all); one page for a "
                              "document of at most urls.SOURCE_PART_LINES lines", default_factory=Pager)
    text_elsewhere: str = documented("on the Russian and English sites, the link to this page (or part) on the Kazakh "
                                     "site: the text is data as printed, one copy for the three sites (issue 18), "
                                     "and the reader's browser shows its lines here from the file (raw_href); \"\" on "
                                     "the Kazakh site, where the lines are in the page", default="")


@dataclass(frozen=True)
class SourceEntry:
    doc: SourceDoc = documented("the file")
    page_href: str | None = documented("link to its page, relative to sources/; None when it is not paged")
    raw_href: str = documented("link to the file itself, relative to sources/")
    line_count: int | None = documented("its number of lines; None when it is not paged")
    size_kb: int = documented("its size in KB (1024 bytes), rounded, at least 1")


@dataclass(frozen=True)
class SourcesIndexContext:
    """The index: every package's source files, paged or linked."""

    packages: list[tuple[str, str, list[SourceEntry]]] = documented("each package with source files as (package name, "
                                                                    "title, its files), by name")


def iter_outputs(data: model.Model) -> Iterator[Output]:
    docs = list_sources(data)
    refs = row_refs(data)
    entries: dict[str, list[SourceEntry]] = {}
    for doc in docs:
        yield Output(doc.raw_url, copy_from=doc.path)
        lines: list[str] | None = None
        if doc.paged:
            lines = split_lines(data.files.source_text(doc.path))
            yield from source_pages(data, doc, lines, refs.get(doc.source_path, []))
        entries.setdefault(doc.package, []).append(SourceEntry(
            doc, link(INDEX, doc.page_url) if doc.paged else None,
            link(INDEX, doc.raw_url), len(lines) if lines is not None else None,
            max(1, round(doc.size / 1024))))
    ctx = SourcesIndexContext([(name, data.packages[name].title, entries[name])
                               for name in sorted(entries)])
    yield Output(INDEX, render.render_page("sources.md.j2", ctx))


def split_lines(text: str) -> list[str]:
    """Lines with their "\\n" kept, so "".join(lines) == text; a final newline ends the
    last line rather than starting an empty one (as editors and `wc -l` count)."""
    # not str.splitlines: it also breaks at \r, \f, \v, \x1c…; a line ends at "\n" only
    parts = text.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    return lines + ([parts[-1]] if parts[-1] else [])


def list_sources(data: model.Model) -> list[SourceDoc]:
    """Every file under each package's sources/, in package and file order."""
    titles = source_titles(data)
    docs = []
    for name, pkg in sorted(data.packages.items()):
        for file in data.files.sources(pkg):
            path = file.path
            doc = SourceDoc(name, path, titles.get(path.resolve(), path.name),
                            path.suffix.lower() in PAGED_SUFFIXES, file.size)
            docs.append(replace(doc, language=data.source_languages.get(doc.source_path, "kk")))
    return docs


def source_titles(data: model.Model) -> dict[Path, str]:
    """Titles from the `sources` lists of the descriptors; a package's own list wins."""
    titles: dict[Path, str] = {}
    own: dict[Path, str] = {}
    for _name, pkg in sorted(data.packages.items()):
        for src in pkg.descriptor.get("sources") or []:
            if isinstance(src, dict) and isinstance(src.get("path"), str) and src.get("title"):
                path = (pkg.root / src["path"]).resolve()
                titles.setdefault(path, str(src["title"]))
                if path.parent == (pkg.root / "sources").resolve():
                    own[path] = str(src["title"])
    return {**titles, **own}


def source_pages(data: model.Model, doc: SourceDoc, lines: list[str], refs: list[RowRefs]) -> Iterator[Output]:
    """The document's page, or its parts of urls.SOURCE_PART_LINES lines when it is longer."""
    parts = split(lines, urls.SOURCE_PART_LINES)
    bounds = [(str(1 + i * urls.SOURCE_PART_LINES), str(i * urls.SOURCE_PART_LINES + len(p)))
              for i, p in enumerate(parts)]
    for n, part in enumerate(parts, start=1):
        page = urls.docs_path(urls.source_document_part(doc.source_path, n))
        yield Output(page, render.render_page("source.md.j2", source_context(
            data, doc, part, _refs_of_part(doc, refs, n, page), page=page, first_line=int(bounds[n - 1][0]),
            line_count=len(lines), pager=pager(doc.page_url, n, len(parts), len(lines), bounds))))


def _refs_of_part(doc: SourceDoc, refs: list[RowRefs], n: int, page: str) -> list[RowRefs]:
    """`refs` (linked "#L…" on the document's one page) as part `n` shows them: the ranges that
    begin in it, each linked to its lines."""
    out = []
    for r in refs:
        ranges = [(label, href) for label, href in r.ranges
                  if urls.source_part(_first_line(href.removeprefix("#").replace("L", ""))[0]) == n]
        if ranges:
            out.append(RowRefs(r.package, r.resource, r.title, ranges))
    return out


def source_context(data: model.Model, doc: SourceDoc, lines: list[str], refs: list[RowRefs], page: str = "",
                   first_line: int = 1, line_count: int | None = None, pager: Pager | None = None
                   ) -> SourcePageContext:
    """The context of the document's page (`page`: its docs path, or a part's)."""
    page = page or doc.docs_path
    pkg = data.packages[doc.package]
    elsewhere = i18n.current() != i18n.SOURCE
    return SourcePageContext(
        doc=doc, lines=lines,
        raw_href=link(page, doc.raw_url),
        data_href=link(page, urls.data_package(doc.package)),
        index_href=link(page, urls.SOURCES),
        package_title=pkg.title,
        refs=refs, first_line=first_line, line_count=len(lines) if line_count is None else line_count,
        pager=pager or Pager(),
        text_elsewhere=urls.source_language_page(page, urls.page_url(page)) if elsewhere else "",
    )


def row_source_paths(data: model.Model) -> dict[tuple[str, str], pd.Series]:
    """For every table with `source_lines`: each row's source file.

    A row names its file in its own `source_path`, or through a key column (e.g.
    `resolution_id`) that is the one-column primary key of a table with `source_path`
    (quotas → resolutions, staffing → resolutions, ratings → rating_reports).
    """
    documents: dict[str, pd.Series] = {}  # key column → key value → source_path
    for (package, resource), df in sorted(data.tables.items()):
        pkg = data.packages.get(package)
        res = pkg.resource(resource) if pkg else None
        key = res.primary_key if res else []
        if len(key) == 1 and "source_path" in df.columns:
            documents.setdefault(key[0], df.set_index(key[0])["source_path"])
    out = {}
    for (package, resource), df in sorted(data.tables.items()):
        if "source_lines" not in df.columns:
            continue
        if "source_path" in df.columns:
            out[(package, resource)] = df["source_path"]
            continue
        for column, paths in documents.items():
            if column in df.columns:
                out[(package, resource)] = df[column].map(paths)
                break
    return out


def row_refs(data: model.Model) -> dict[str, list[RowRefs]]:
    """source_path → the tables whose rows cite lines of it."""
    out: dict[str, list[RowRefs]] = {}
    for (package, resource), paths in row_source_paths(data).items():
        df = data.tables[(package, resource)]
        pkg = data.packages[package]
        res = pkg.resource(resource)
        title = str(res.descriptor.get("title") or resource) if res else resource
        frame = pd.DataFrame({"path": paths, "lines": df["source_lines"]}).dropna()
        frame = frame[(frame["path"] != "") & (frame["lines"] != "")]
        for path, part in frame.groupby("path", sort=True):
            spans = sorted(set(part["lines"]), key=_first_line)
            ranges = [(s.replace("-", "–"), "#" + line_anchor(s))
                      for s in spans]
            out.setdefault(str(path), []).append(RowRefs(package, resource, title, ranges))
    return out


def _first_line(lines: str) -> tuple[int, int]:
    first, _, last = lines.partition("-")
    try:
        return int(first), int(last or first)
    except ValueError:
        return (0, 0)


def source_page_path(source_path: str) -> str:
    """The docs path of a source's page: "datasets/quotas/sources/000_x.txt" →
    "sources/quotas/000_x/index.md"."""
    return urls.docs_path(urls.source_document(source_path))
