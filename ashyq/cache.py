"""The build cache: what a build takes from the last one instead of making it again.

Everything is keyed by content, never by a guess of what a change touches, so a build that
uses the cache makes the same site, byte for byte, as one that does not
(tests/test_incremental.py proves it after each kind of change). The only file times it
trusts are those of its own copy of the Markdown, which it writes only when the bytes
change. Three layers:

- **pages** (`PageCache`): the text a template makes of a page's context
  (render.render_page), keyed by the context's pickle, the template's name, the language and
  the version of the code (`code_version`: every file of the package and its templates, and
  the version of Python and of every installed library). A page whose context did not change
  is read, not rendered; an entry is kept with its digest, so a file cut short (a crash) is
  rendered again, not published.
- **sites** (`SiteCache`): mkdocs' rendering of each language's site, kept beside the
  Markdown it was made from. Only the pages whose Markdown changed are rendered again
  (mkdocs' own dirty mode; a changed page's output is removed first, so the clock is never
  trusted), as long as what every page shares is unchanged: the settings, the theme, the
  code, the list of pages (`SiteCache.prepare`); otherwise the whole site is rendered again.
- **slots** (`Slots`): named things the worker process makes, each kept with the digest of
  everything it is made from: frictionless's checks of a package (by the bytes of every file
  of its folder) and the download files (a workbook by its CSV, schema and place names; a
  zip by its entries).

The cache lives beside the site (`folder_for`: build/.site-cache for build/site). Delete it
at any time: the next build makes everything again. It is an aid, never a cause of failure:
an entry that cannot be read is made again, one that cannot be written is not kept.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

from ashyq.paths import MKDOCS_YML, PACKAGE, SITE_TEMPLATES

# What the cache's layout is: a cache of another layout is not read.
LAYOUT = "2"


def folder_for(out: Path) -> Path:
    """The cache of the site `out`: a hidden folder beside it (build/.site-cache)."""
    return out.parent / f".{out.name}-cache"


@cache
def code_version() -> str:
    """A digest of everything besides the data that what the build makes depends on: every
    file of the package (code, message catalogues), the templates and assets, mkdocs.yml,
    Python's version and every installed library's (the renderers, frictionless, the
    workbook writer, plotly's encoder: any upgrade makes everything again)."""
    digest = hashlib.sha256(LAYOUT.encode())
    for root in (PACKAGE, SITE_TEMPLATES):
        for path in sorted(root.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(MKDOCS_YML.read_bytes())
    digest.update(sys.version.encode() + b"\0")
    installed = {(d.metadata["Name"] or "").lower(): d.version for d in metadata.distributions()}
    for name, version in sorted(installed.items()):
        digest.update(f"{name}={version}\0".encode())
    return digest.hexdigest()


def write_if_possible(path: Path, data: bytes) -> None:
    """write_atomically for the cache: a file that cannot be written (a full disk, a folder
    made read-only) is simply not kept; the build goes on with what it made."""
    try:
        write_atomically(path, data)
    except OSError:
        pass


def write_atomically(path: Path, data: bytes) -> None:
    """Write `path` so that a reader (or a build killed meanwhile) sees the old file or the new
    one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class PageCache:
    """Page texts by the digest of what they were rendered from (see the module's docstring).
    `used` holds the keys asked for in this build; `prune` drops every other."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def key(self, template: str, lang: str, ctx: object) -> str | None:
        """The key of a page, or None when its context cannot be pickled (it is then always rendered)."""
        try:
            state = pickle.dumps(ctx, protocol=5)
        except (pickle.PicklingError, TypeError, AttributeError):
            return None
        parts = (code_version().encode(), lang.encode(), template.encode(), state)
        return hashlib.sha256(b"\0".join(parts)).hexdigest()

    def text(self, template: str, lang: str, ctx: object, make: Callable[[], str]) -> str:
        """The text of a page: from the cache when it holds it, else `make()`'s, stored."""
        key = self.key(template, lang, ctx)
        if key is None:
            return make()
        self.used.add(key)
        path = self.folder / key[:2] / key
        try:
            kept = path.read_bytes()
            body = kept[32:]
            if kept[:32] == hashlib.sha256(body).digest():
                self.hits += 1
                return body.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            pass  # not there, or not readable: rendered again
        text = make()
        self.misses += 1
        data = text.encode("utf-8")
        write_if_possible(path, hashlib.sha256(data).digest() + data)
        return text

    def prune(self) -> None:
        """Remove the texts this build did not ask for (a page changed or gone, a file a killed
        build left half-written)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*/*"):
            if path.name not in self.used:
                path.unlink(missing_ok=True)


class SiteCache:
    """One language's rendered site and the Markdown it was rendered from (see the module's
    docstring). `docs` is what mkdocs renders (a copy of the build's Markdown, in which a file
    is written only when its bytes change, so that its time tells mkdocs what changed) and
    `site` what it rendered (with the data blocks' placeholders)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.docs, self.site = folder / "docs", folder / "site"
        self.stamp = folder / "rendered.json"
        self._pending = ""  # the stamp of the rendering under way (prepare), written when it is finished

    def prepare(self, docs: Path, shared: Mapping[str, object], html_path: Callable[[str], str],
                skip: Iterable[str] = ()) -> bool:
        """Make `self.docs` hold the files of `docs` (but its top-level folders named in `skip`),
        and say whether only the pages whose Markdown changed need rendering (True: mkdocs'
        dirty mode), or the whole site (False: the last rendering is unknown, unfinished, or
        made with other settings, code or pages). `shared` are the settings every page is
        rendered with; `html_path` names the HTML file of a page (build.page_html_path). The
        pages no longer written lose their output."""
        skip = set(skip)
        wanted = {p.relative_to(docs).as_posix(): p for p in sorted(docs.rglob("*"))
                  if p.is_file() and p.relative_to(docs).parts[0] not in skip}
        stamp = json.dumps({"code": code_version(), "settings": shared, "files": sorted(wanted)},
                           sort_keys=True, ensure_ascii=False, default=str)
        dirty = self.site.is_dir() and self.stamp.is_file() and self.stamp.read_text(encoding="utf-8") == stamp
        self.stamp.unlink(missing_ok=True)  # until the rendering is finished (finished())
        self._pending = stamp
        for rel in _files(self.docs) - set(wanted):
            (self.docs / rel).unlink()
            (self.site / (html_path(rel) if rel.endswith(".md") else rel)).unlink(missing_ok=True)
        for rel, source in wanted.items():
            target = self.docs / rel
            data = source.read_bytes()
            if not target.is_file() or target.stat().st_size != len(data) or target.read_bytes() != data:
                # without its output, mkdocs renders it again whatever the files' times say
                # (a clock set back, a cache copied from another machine)
                (self.site / (html_path(rel) if rel.endswith(".md") else rel)).unlink(missing_ok=True)
                write_atomically(target, data)
        return dirty

    def finished(self) -> None:
        """The site is rendered: the next build may render only what changes."""
        write_atomically(self.stamp, self._pending.encode("utf-8"))


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


T = TypeVar("T")


class Slots:
    """Named things (a package's checks, a download file) each kept with the digest of what it
    was made from (`parts`, with the code's version): `get` makes a thing again only when
    that digest changed. One file per name, the digest before the pickle, so that a thing
    kept by other code is never unpickled; the folder never holds more than one build's
    worth; `prune` drops the names a build no longer asked for. A None folder keeps nothing."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()

    def get(self, name: str, parts: Iterable[bytes], make: Callable[[], T]) -> T:
        if self.folder is None:
            return make()
        digest = hashlib.sha256(code_version().encode())
        for part in parts:
            digest.update(hashlib.sha256(part).digest())
        key = digest.digest()
        path = self.folder / f"{name}.pickle"
        self.used.add(path.relative_to(self.folder).as_posix())
        try:
            with open(path, "rb") as f:
                if f.read(len(key)) == key:
                    return cast(T, pickle.load(f))
        except Exception:  # noqa: BLE001 — not there, cut short, or of classes since renamed: made again
            pass
        value = make()
        write_if_possible(path, key + pickle.dumps(value, protocol=5))
        return value

    def prune(self, keep: Iterable[str] = ()) -> None:
        """Remove the things this build did not ask for (nor named in `keep`: file names
        relative to the folder), and the files a killed build left half-written."""
        if self.folder is None or not self.folder.is_dir():
            return
        wanted = self.used | set(keep)
        for path in self.folder.rglob("*"):
            if path.is_file() and path.relative_to(self.folder).as_posix() not in wanted:
                path.unlink(missing_ok=True)


def folder_files(root: Path) -> Iterator[bytes]:
    """Every file of a folder, name and bytes, in a fixed order (the parts of a Slots digest)."""
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix().encode()
            yield path.read_bytes()


_SLOTS: list[Slots] = []


@contextmanager
def slots(kept: Slots) -> Iterator[None]:
    """Let `made` take things from `kept` for the duration."""
    _SLOTS.append(kept)
    try:
        yield
    finally:
        _SLOTS.pop()


def made(name: str, parts: Iterable[bytes], make: Callable[[], T]) -> T:
    """`make()`, or what it made before from the same `parts` (the current `slots`; without
    any, always made)."""
    return _SLOTS[-1].get(name, parts, make) if _SLOTS else make()


_PAGES: list[PageCache] = []


@contextmanager
def pages(cache: PageCache | None) -> Iterator[None]:
    """Let render.render_page take page texts from `cache` for the duration (None: no cache)."""
    if cache is None:
        yield
        return
    _PAGES.append(cache)
    try:
        yield
    finally:
        _PAGES.pop()


def current_pages() -> PageCache | None:
    return _PAGES[-1] if _PAGES else None
