"""The pipeline: validate → load → render → mkdocs → data blocks back → search index → atomic publish.

A build writes only into a temporary folder beside its output and swaps it in when
complete, so a failed build leaves the previously published site exactly as it was.
Beside the site it publishes the Markdown it rendered (build/docs for build/site): the
complete pages and every data file, so `mkdocs build` of that folder alone, or any
renderer that reads mkdocs.yml, makes the same site without our code.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import gc
import gzip
import importlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent import futures
from concurrent.futures import Executor, Future
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from types import ModuleType

from ashyq import cache, catalog, frame, gitlog, i18n, model, search, translations, urls, workers
from ashyq.i18n import N_
from ashyq.paths import ASSETS, BUILD_DOCS, BUILD_SITE, DATASETS, MKDOCS_YML
from ashyq.problems import Problem, has_errors
from ashyq.settings import Settings, check_publishable, read_mkdocs_settings, read_settings
from ashyq.validate import Validation, start_validation
from ashyq.views import (
    Output,
    api,
    changes,
    compare,
    contribute,
    downloads,
    home,
    maps,
    places,
    programs,
    quotas,
    ratings,
    resolutions,
    sources,
)
from ashyq.views import data as data_pages


class BuildError(Exception):
    """The data did not validate; nothing was published."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(p.severity == 'error' for p in problems)} validation error(s)")
        self.problems = problems


# What writing outputs gives: the page count, and the data blocks put aside from each page.
Written = tuple[int, dict[str, list[str]]]


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    problems: list[Problem]  # warnings only: a build with errors does not happen
    docs: Path  # the Markdown the site was rendered from (see docs_folder)
    # what the maps cannot draw (views/maps.py map_messages): places with data and no shape
    map_notes: tuple[str, ...] = ()


class BuildLocked(Exception):
    """Another build of the same site folder is running (and did not finish in time)."""


class BuildFailed(Exception):
    """The build could not write its output (a full disk, a quota, a folder it may not
    write); its work folder is removed and nothing was published."""

    def __init__(self, exc: OSError):
        code, text, filename = exc.errno, exc.strerror or str(exc), exc.filename
        if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
            _src, filename, text = (list(exc.args[0][0]) + ["", "", ""])[:3]  # copytree's first failure
            found = re.search(r"\[Errno (\d+)\]", str(text))
            code = int(found.group(1)) if found else None
        self.errno = code
        reason = _WRITE_FAULTS.get(code or 0, str(text))
        where = f" ({filename})" if filename else ""
        super().__init__(f"could not write the site: {reason}{where}")


# What a failed write means for the person who ran the build, and what to do.
_WRITE_FAULTS = {
    errno.ENOSPC: "the disk is full (No space left on device); free some space and build again",
    errno.EDQUOT: "the disk quota is used up; free some space and build again",
    errno.EFBIG: "a file is larger than this system allows to write (File too large); "
                 "raise the limit (ulimit -f) and build again",
    errno.EROFS: "the site's folder is on a read-only file system; build into another folder with --out",
    errno.EACCES: "no permission to write there; build into another folder with --out",
    errno.EIO: "the disk reported an input/output error; check the disk and build again",
}


@contextmanager
def build_lock(out: Path, wait: float | None, step: Callable[[str], None]) -> Iterator[None]:
    """One build into a folder at a time: a second waits for the first (at most `wait`
    seconds; None: as long as it takes), so that two builds never swap their halves in. The
    lock is the kernel's (flock on the folder that holds the site): it writes no file, and a
    build killed with -9 leaves no stale lock behind."""
    fd = os.open(out.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            step(f"another build into {out.parent} is running: waiting for it")
            deadline = None if wait is None else time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise BuildLocked(f"another build into {out.parent} is running; nothing was built: "
                                          "run again when it has finished") from None
                    time.sleep(0.2)
        yield
    finally:
        os.close(fd)  # releases the lock


def build_site(datasets: Path = DATASETS, out: Path = BUILD_SITE,
               progress: Callable[[str], None] | None = None, *, validate: bool = True,
               site: Settings | None = None, lock_wait: float | None = None,
               languages: Iterable[str] | None = None, cache_folder: Path | None = None,
               renew_cache: bool = False) -> BuildResult:
    """Validate `datasets`, then build the site and publish it at `out` atomically, and its
    Markdown and data files at docs_folder(out).

    `site` are the settings (mkdocs.yml's when not given): a local site address is refused
    (SettingsError) unless the settings say they are for local viewing (`ashyq serve`).

    frictionless's checks and the download files run in a worker process while this one
    renders the pages (see ashyq.workers); nothing is published unless both succeed.

    A second build of the same `out` waits for the first (build_lock; `lock_wait` seconds at
    most, then BuildLocked). A write that fails (a full disk: ENOSPC) raises BuildFailed,
    with the last good site left as it was.

    `languages`: the sites to write (i18n.LANGUAGES, Kazakh always; default: all, or the
    environment's ASHYQ_LANGUAGES). Kazakh is the root; each other language is a sibling site
    under /<lang>/ with the same pages, which links to the one copy of every file.

    `cache_folder`: where the build keeps what the next build can take instead of making it
    again (ashyq.cache; cache.folder_for(out) is the command line's): the pages whose context
    did not change are not rendered again, by our templates or by mkdocs. The site is the
    same, byte for byte, as a build without it (None: everything is made anew). With
    `renew_cache`, the cache is emptied first: everything is made anew and kept.

    `validate=False` is for tests only: it builds even when validation finds errors, so
    the safety tests can show that the renderer escapes hostile text on its own."""
    step = progress or (lambda _step: None)  # told which step runs; the CLI shows it
    langs = i18n.configured() if languages is None else i18n.languages(languages)
    settings = site or read_settings()
    if not settings.for_viewing:
        check_publishable(settings)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(out, lock_wait, step):
        remove_leftovers(out)
        if cache_folder is not None and renew_cache:
            shutil.rmtree(cache_folder, ignore_errors=True)
        try:
            return _build(datasets, out, step, validate, settings, langs, cache_folder)
        except OSError as exc:  # the work folder is gone (_build's finally): nothing was published
            raise BuildFailed(exc) from exc


def remove_leftovers(out: Path) -> None:
    """The work folders of a build that was killed (kill -9, a power cut) before it could
    clean up; only the lock's holder may do this, and nothing published is among them. A
    site moved aside by a publish that was killed half-way (where folders cannot be swapped
    atomically) is put back first."""
    for target in (out, docs_folder(out)):
        moved = sorted(target.parent.glob(f".{target.name}-old-*"))
        if moved and not target.exists():
            os.replace(moved[-1], target)
    for name in (f".{out.name}-build-*", f".{out.name}-old-*", f".{docs_folder(out).name}-old-*"):
        for leftover in out.parent.glob(name):
            shutil.rmtree(leftover, ignore_errors=True)


def _build(datasets: Path, out: Path, step: Callable[[str], None], validate: bool, settings: Settings,
           langs: tuple[str, ...] = (i18n.SOURCE,), cache_folder: Path | None = None) -> BuildResult:
    docs_out = docs_folder(out)
    pages_cache = cache.PageCache(cache_folder / "pages") if cache_folder else None
    render: Renderer | None = None
    with workers.pool() as pool, workers.pool() as render_pool:
        check = start_validation(datasets, step, pool, cache_folder / "checks" if cache_folder else None)
        if validate and has_errors(check.own):
            raise BuildError(check.result())
        # pages show the quality flags (warnings); without the gate, every problem
        problems = check.own if validate else check.result()
        work = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
        background: list[Future[Written]] = []
        docs, rendered, files = work / "docs", work / "site", work / "files"
        index = search.SiteIndex(rendered, langs, work / "pagefind")  # a site is indexed while the next is put together
        try:
            try:
                step("load tables")
                data = load_model(datasets, problems, settings, langs)
                background = start_background_views(data, docs, files, pool, cache_folder)
                with cache.pages(pages_cache):
                    pages, stashed = write_docs(data, docs, files, step, skip=BACKGROUND_VIEWS)
                for lang in langs[1:]:  # shared assets: in docs/ before the Kazakh site is rendered
                    write_text(docs / "assets" / "js" / f"messages-{lang}.js", translations.messages_script(lang))
                render = Renderer(docs, rendered, data.commit, settings.site_url, langs, render_pool, index.start,
                                  sites=cache_folder / "sites" if cache_folder else work / "render",
                                  keep=cache_folder is not None)
                render.add(i18n.SOURCE, stashed, start=not failed(check, validate))
                for lang in langs[1:]:
                    with i18n.use(lang), cache.pages(pages_cache):
                        count, blocks = write_language_docs(data, docs, step)
                    pages += count
                    render.add(lang, blocks, start=not failed(check, validate))
                if pages_cache is not None:
                    step(f"pages: {pages_cache.hits} of {pages_cache.hits + pages_cache.misses} from the cache")
                map_notes = tuple(maps.map_messages(data))
            except Exception:
                if validate and has_errors(check.result()):  # data the pages could not read
                    raise BuildError(check.result()) from None
                raise
            # frictionless and the download files go on in the worker while mkdocs renders;
            # when frictionless has already failed, there is no site to render
            if failed(check, validate):
                raise BuildError(check.result())
            step(f"render {pages} pages with mkdocs, then their data blocks; index each site for search")
            render.finish()
            if len(langs) > 1:
                add_sitemap_alternates(rendered, langs, settings.site_url)
            # Pagefind needs ≈ 1.5 GB of its own for the national corpus (BENCHMARKS.md): the model
            # and the data blocks (the renderer let go of its own) are done with, so their memory goes back
            del data, stashed
            release_memory()
            step("search index")
            index.finish()
            step("wait for frictionless and the download files")
            if validate and has_errors(check.result()):
                raise BuildError(check.result())
            finish_background_views(background)
            # the headers name each top-level entry of the site: only /embed/ may be framed elsewhere
            top = {p.name + ("/" if p.is_dir() else "") for folder in (rendered, files) if folder.is_dir()
                   for p in folder.iterdir()}
            write_text(files / HEADERS, security_headers(settings.content_security_policy, sorted(top)))
            step("data files")
            add_files(files, rendered, docs)
            step("publish")
            publish(docs, docs_out)
            publish(rendered, out)
            if pages_cache is not None:
                pages_cache.prune()
        finally:
            futures.wait(background)  # the workers may still be writing into `work`
            if render is not None:
                render.wait()
            index.close()  # stops a Pagefind still running
            shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out, pages, check.result(), docs_out, map_notes)


HEADERS = "_headers"


def failed(check: Validation, validate: bool) -> bool:
    """Whether frictionless has finished and found errors (then there is no site to render)."""
    return validate and check.finished() and has_errors(check.result())


class Renderer:
    """mkdocs for each language's site, then its data blocks put back (assemble), then `done`
    told that the site is complete (the build starts its search index). With more than one
    language, a site is rendered in a worker process (`pool`) as soon as its pages are
    written, while this process writes the next language's pages and completes the sites
    already rendered: two cores run the views, mkdocs and Pagefind at once. A lone site is
    rendered here.

    Each language is rendered into a cache.SiteCache of its own under `sites`, from a copy of
    its Markdown, then put into the site: with `keep`, the cache stays for the next build
    (which renders only the pages whose Markdown changed), else its files are moved."""

    def __init__(self, docs: Path, rendered: Path, commit: gitlog.Commit | None, site_url: str | None,
                 langs: tuple[str, ...], pool: Executor, done: Callable[[str], None] = lambda _lang: None,
                 sites: Path | None = None, keep: bool = False):
        self.docs, self.rendered, self.commit, self.site_url = docs, rendered, commit, site_url
        self.langs, self.pool, self.done, self.keep = langs, pool, done, keep
        sites = sites or rendered.with_name(f"{rendered.name}-render")
        if keep and sites.is_dir():  # a language no longer built keeps no rendering in the cache
            for old in sites.iterdir():
                if old.name not in langs:
                    shutil.rmtree(old, ignore_errors=True)
        self.caches = {lang: cache.SiteCache(sites / lang) for lang in langs}
        self.blocks: dict[str, dict[str, list[str]]] = {}
        self.started: dict[str, Future[None]] = {}
        self.completed = 0  # the sites complete, in the languages' order

    def add(self, lang: str, blocks: dict[str, list[str]], start: bool = True) -> None:
        """The pages of `lang` are written (`blocks`: their data blocks, by path from docs):
        render them now in the worker, unless `start` is false or the site is the only one;
        complete the sites the worker has rendered meanwhile."""
        self.blocks[lang] = blocks
        if start and len(self.langs) > 1:
            args, dirty = self._prepare(lang)
            self.started[lang] = self.pool.submit(run_mkdocs, *args, lang=lang, langs=self.langs, dirty=dirty)
        while self.completed < len(self.langs) and self.langs[self.completed] in self.blocks:
            future = self.started.get(self.langs[self.completed])
            if future is None or not future.done():
                break
            self._complete(self.langs[self.completed])

    def finish(self) -> None:
        """Render here the languages not started, wait for the others, and complete every site."""
        for lang in self.langs[self.completed:]:
            if lang not in self.started:
                args, dirty = self._prepare(lang)
                run_mkdocs(*args, lang=lang, langs=self.langs, dirty=dirty)
            self._complete(lang)

    def wait(self) -> None:
        """Cancel the renders not begun (the build has failed, or is done) and wait for the one running."""
        for future in self.started.values():
            future.cancel()
        futures.wait(list(self.started.values()))

    def _complete(self, lang: str) -> None:
        """Put the rendered site of `lang` in place with its data blocks back."""
        if lang in self.started:
            self.started[lang].result()
        site_cache = self.caches[lang]
        site_cache.finished()
        assemble(self.docs, site_cache.site, self.rendered, i18n.prefix(lang), self.blocks.pop(lang),
                 move=not self.keep)
        self.completed += 1
        self.done(lang)

    def _prepare(self, lang: str) -> tuple[tuple[Path, Path, gitlog.Commit | None, str | None], bool]:
        """Bring the cache of `lang` up to its Markdown: run_mkdocs's arguments to render it, and
        whether only its changed pages need rendering (dirty)."""
        site_cache = self.caches[lang]
        others = [i18n.prefix(other).rstrip("/") for other in i18n.LANGUAGES if other != i18n.SOURCE]
        shared = {"lang": lang, "langs": list(self.langs), "site_url": self.site_url}
        dirty = site_cache.prepare(self.docs / i18n.prefix(lang), shared, page_html_path,
                                   skip=others if lang == i18n.SOURCE else ())
        return (site_cache.docs, site_cache.site, self.commit, self.site_url), dirty


def release_memory() -> None:
    """Collect what the build let go of and give the freed heap back to the system: glibc
    keeps freed pages for reuse by this process, where Pagefind (another process) cannot
    have them."""
    gc.collect()
    with suppress(OSError, AttributeError):  # glibc only
        ctypes.CDLL(None).malloc_trim(0)


def security_headers(policy: str, top: Iterable[str] = ()) -> str:
    """The site's `_headers` file (the format of Netlify and Cloudflare Pages; GitHub Pages
    sets no headers, and the pages' <meta> tags stand in there): the Content-Security-Policy
    of mkdocs.yml plus what only a header can say — frame-ancestors and X-Content-Type-Options
    — and the referrer policy.

    No other site may frame the pages (frame-ancestors 'self') but the embeds (/embed/*,
    views/embeds.py: any site). A path that matches two rules gets both rules' headers on
    both hosts (two policies, both enforced: 'self' would win), so the policy is given per
    top-level entry of the site (`top`: "quotas/" a folder, "index.html" a file), never on /*."""
    base = policy.strip().rstrip(";")
    own = "; ".join(p for p in (base, "frame-ancestors 'self'") if p)
    framed = "; ".join(p for p in (base, "frame-ancestors *") if p)
    rules = ["/"] + [f"/{name}*" if name.endswith("/") else f"/{name}" for name in top
                     if name not in (HEADERS, urls.EMBED)]
    text = ("# Security headers for static hosts that read _headers (Netlify, Cloudflare Pages); written by\n"
            "# ashyq build from mkdocs.yml extra.content_security_policy. Every page also carries the policy\n"
            "# and the referrer policy as <meta> tags (frame-ancestors and nosniff work only as headers).\n"
            "/*\n"
            "  Referrer-Policy: strict-origin-when-cross-origin\n"
            "  X-Content-Type-Options: nosniff\n")
    text += "".join(f"{rule}\n  Content-Security-Policy: {own}\n" for rule in rules)
    return text + (f"# the embeds: any site may show them in an <iframe>\n"
                   f"/{urls.EMBED}*\n  Content-Security-Policy: {framed}\n")


def docs_folder(out: Path) -> Path:
    """Where the build of the site `out` leaves its Markdown: build/docs for build/site (of
    any folder), as mkdocs.yml says; else `<out>-docs` beside it (so a folder of the user's
    own that happens to be called docs is never replaced)."""
    if out.name == BUILD_SITE.name and out.parent.name == BUILD_DOCS.parent.name:
        return out.parent / BUILD_DOCS.name
    return out.with_name(f"{out.name}-docs")


def load_model(datasets: Path, problems: list[Problem], settings: Settings | None = None,
               languages: tuple[str, ...] = (i18n.SOURCE,)) -> model.Model:
    """The data of the pages: every table, the commit and history, the site's settings and
    languages."""
    settings = settings or read_settings()
    packages = catalog.load_catalog(datasets)
    return model.Model(packages, catalog.load_tables(packages), problems,
                       commit=gitlog.last_commit(datasets, datasets), site_url=settings.site_url,
                       history=gitlog.data_history(datasets), history_cut=gitlog.shallow_cut(datasets),
                       repository=settings.repository,
                       contact_email=settings.contact_email,
                       content_security_policy=settings.content_security_policy, languages=languages,
                       boundaries=catalog.load_boundaries(ASSETS / "geo" / "kz-boundaries.json"))


# The page types of the site, in build order.
VIEWS = [home, quotas, places, resolutions, programs, ratings, downloads, data_pages, sources, changes,
         contribute, compare, api]
# Views that write files only, no pages, and need nothing but the data: they run in the
# worker process (the Excel workbooks and zips of every resource take long at national scale).
BACKGROUND_VIEWS = [downloads]


# A data block: an HTML block the page marks as data (`data-search-exclude`: a table, the
# explorer, a list of flags). Python-Markdown spends most of a large build re-parsing such
# raw HTML, and has nothing to do in it (no template relies on Markdown inside HTML), so each
# is put aside before mkdocs and put back into the rendered page after, by our own pass over
# the files (assemble): no mkdocs plugin, so any renderer can take mkdocs' place.
# The search index is made from the pages without their blocks, as Material would leave
# them out anyway (it skips `data-search-exclude`).
DATA_BLOCK = re.compile(r"^<([a-z][a-z0-9]*)\b[^>]*\bdata-search-exclude\b[^>]*>", re.M)
PLACEHOLDER = re.compile(r'<div data-ashyq-block="(\d+)"></div>')
PLACEHOLDER_BYTES = re.compile(PLACEHOLDER.pattern.encode())  # for the rendered files, read as bytes


def stash_data_blocks(text: str) -> tuple[str, list[str]]:
    """The page with each data block replaced by a placeholder, and the blocks in order."""
    blocks: list[str] = []
    out: list[str] = []
    pos = 0
    while match := DATA_BLOCK.search(text, pos):
        end = _element_end(text, match.end(), match.group(1))
        if end < 0:  # not closed: leave it to Markdown, as written
            break
        out += [text[pos:match.start()], f'<div data-ashyq-block="{len(blocks)}"></div>']
        blocks.append(text[match.start():end])
        pos = end
    out.append(text[pos:])
    return "".join(out), blocks


def _element_end(text: str, start: int, name: str) -> int:
    """The end of the element whose opening tag ends at `start` (nested elements of the same
    name are counted; data values are escaped, so a "<" in the text is always a tag); -1 when
    it is not closed."""
    depth = 1
    for tag in re.finditer(rf"<(/?){name}\b[^>]*>", text[start:]):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return start + tag.end()
    return -1


def assemble(docs: Path, rendered: Path, site: Path, prefix: str, stashed: dict[str, list[str]],
             move: bool = True) -> None:
    """Put what the renderer made in `rendered` into `site` under `prefix` (a language's
    folder: "" for the root), with the `stashed` data blocks back in place of their
    placeholders, in each page and in its Markdown in `docs`, which is then the page as its
    view wrote it. `move`: the files are moved (else copied: `rendered` is a cache)."""
    directory_urls = read_mkdocs_settings().get("use_directory_urls", True) is not False
    pages = {page_html_path(src, directory_urls): src for src in stashed}
    for path in sorted(rendered.rglob("*")):
        if not path.is_file():
            continue
        rel = prefix + path.relative_to(rendered).as_posix()
        target = site / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        src = pages.pop(rel, None)
        if src is not None:
            target.write_bytes(put_back(frame.compact(path.read_bytes()), stashed[src], src, path.name))
            (docs / src).write_bytes(put_back((docs / src).read_bytes(), stashed[src], src, src))
        elif path.suffix == ".html":
            target.write_bytes(frame.compact(path.read_bytes()))
        elif move:
            os.replace(path, target)
        else:
            shutil.copyfile(path, target)
    if pages:
        html, src = min(pages.items())
        raise RuntimeError(f"{src}: the renderer wrote no {html}")


def page_html_path(src: str, directory_urls: bool = True) -> str:
    """The HTML file a renderer makes of the page `src` (as mkdocs, ProperDocs and Zensical
    place it: a/b.md → a/b/index.html with directory URLs, index.md and README.md → index.html)."""
    parent, _, name = src.rpartition("/")
    stem = name.removesuffix(".md")
    stem = "index" if stem == "README" else stem
    path = f"{stem}.html" if stem == "index" or not directory_urls else f"{stem}/index.html"
    return f"{parent}/{path}" if parent else path


def put_back(text: bytes, blocks: list[str], src: str, name: str) -> bytes:
    """`text` (the file `name` of the page `src`) with its placeholders replaced by `blocks`
    (bytes in, bytes out: nothing else of the file changes). Every block must come back
    once, in order: the renderer has to pass raw HTML through untouched."""
    found = [int(m.group(1)) for m in PLACEHOLDER_BYTES.finditer(text)]
    if found != list(range(len(blocks))):
        raise RuntimeError(f"{src}: {len(found)} of {len(blocks)} data blocks came back from the renderer "
                           f"(placeholders {found[:10]} in {name})")
    parts = [block.encode("utf-8", "xmlcharrefreplace") for block in blocks]
    return PLACEHOLDER_BYTES.sub(lambda m: parts[int(m.group(1))], text)


def write_docs(data: model.Model, docs: Path, files: Path, progress: Callable[[str], None] | None = None,
               skip: Iterable[ModuleType] = ()) -> Written:
    """Write every page of the site into `docs` and every other file into `files` (but
    those of the views in `skip`); returns the page count and the data blocks put aside
    from each page (see stash_data_blocks)."""
    shutil.copytree(ASSETS, docs / "assets")
    frame.write_icon_sprite(docs)
    pages = 0
    stashed: dict[str, list[str]] = {}
    for view in VIEWS:
        if view in skip:
            continue
        if progress:
            progress(f"pages: {view.__name__.rsplit('.', 1)[-1]}")
        count, blocks = write_outputs(view.iter_outputs(data), docs, files)
        pages += count
        stashed.update(blocks)
    return pages, stashed


# The views that write files only (no pages): the other languages link to the Kazakh build's.
FILE_VIEWS = [downloads]


def write_language_docs(data: model.Model, docs: Path, progress: Callable[[str], None] | None = None) -> Written:
    """Write the pages of the current language (i18n.use) into docs/<lang>/: the same pages
    as the Kazakh site's, and no file (downloads, shards, JSON are shared: the Kazakh
    build's; a view that writes many files has `iter_pages`, its pages alone). Returns the
    page count and the data blocks, by their path from `docs`."""
    lang = i18n.prefix()
    pages = 0
    stashed: dict[str, list[str]] = {}
    for view in VIEWS:
        if view in FILE_VIEWS:
            continue
        if progress:
            progress(f"pages ({i18n.current()}): {view.__name__.rsplit('.', 1)[-1]}")
        for out in getattr(view, "iter_pages", view.iter_outputs)(data):
            if not out.is_page:
                continue
            text, blocks = stash_data_blocks(search.material_index_excluded(out.text or ""))
            if blocks:
                stashed[lang + out.path] = blocks
            write_text(docs / lang / out.path, text)
            pages += 1
    return pages, stashed


def start_background_views(data: model.Model, docs: Path, files: Path, pool: Executor,
                           cache_folder: Path | None = None) -> list[Future[Written]]:
    """Hand the BACKGROUND_VIEWS to `pool`. They write files only (no pages: those must be
    in `docs` before mkdocs starts, and the worker goes on while it runs); with a
    `cache_folder`, each keeps what it makes there (cache.Slots) for the next build."""
    # the worker needs the tables, the commit and each package's last change (a package zip's
    # CITATION.txt cites the package's version, as its page does), not the whole history
    newest = {id(change) for name in data.packages for change, _ in data.history_for_package(name)[:1]}
    history = None if data.history is None else [c for c in data.history if id(c) in newest]
    slim = replace(data, history=history, problems=[])
    return [pool.submit(write_view, view.__name__, slim, docs, files,
                        cache_folder / "views" / view.__name__ if cache_folder else None) for view in BACKGROUND_VIEWS]


def finish_background_views(background: list[Future[Written]]) -> None:
    """Wait for the background views (their errors are raised here)."""
    for future in background:
        pages, _ = future.result()
        if pages:
            raise RuntimeError("a background view wrote pages: only pages written before mkdocs are rendered")


def add_files(files: Path, site: Path, docs: Path | None = None) -> None:
    """Move the site's files other than pages (downloads, row shards, feeds, source texts)
    into the rendered `site`, and link them into `docs` too, where a renderer would find them.
    They never pass through mkdocs, which would copy every byte."""
    if not files.is_dir():
        return
    for path in sorted(files.rglob("*")):
        if path.is_file():
            rel = path.relative_to(files)
            target = site / rel
            if target.exists():
                raise RuntimeError(f"{rel.as_posix()} is written twice: by mkdocs and as a data file")
            if docs is not None:
                if (docs / rel).exists():
                    raise RuntimeError(f"{rel.as_posix()} is written twice: as a page or asset and as a data file")
                (docs / rel).parent.mkdir(parents=True, exist_ok=True)
                os.link(path, docs / rel)  # docs and files are both in the build's work folder: no copy
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target)


def write_view(module: str, data: model.Model, docs: Path, files: Path, kept: Path | None = None) -> Written:
    """Write the outputs of the view `module` (a worker's task: it is given names, not modules);
    what it makes through cache.made is kept in `kept` for the next build."""
    slots = cache.Slots(kept)
    with cache.slots(slots):
        written = write_outputs(importlib.import_module(module).iter_outputs(data), docs, files)
    slots.prune()
    return written


def write_outputs(outputs: Iterable[Output], docs: Path, files: Path) -> Written:
    """Write the pages of `outputs` into `docs` and their other files into `files`; returns
    the page count and each page's data blocks."""
    pages = 0
    stashed: dict[str, list[str]] = {}
    work = files.parent
    for out in outputs:
        if not work.is_dir():  # the build was killed and the next one cleared its work folder
            raise RuntimeError(f"{work} is gone: its build has ended")
        if out.is_page:
            text, blocks = stash_data_blocks(search.material_index_excluded(out.text or ""))
            if blocks:
                stashed[out.path] = blocks
            write_text(docs / out.path, text)
            pages += 1
            continue
        target = files / out.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if out.copy_from is not None:
            shutil.copyfile(out.copy_from, target)
        elif out.data is not None:
            target.write_bytes(out.data)
        else:
            write_text(target, out.text or "")
    return pages, stashed


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def run_mkdocs(docs: Path, site: Path, commit: gitlog.Commit | None = None, site_url: str | None = None,
               lang: str = i18n.SOURCE, langs: tuple[str, ...] = (i18n.SOURCE,), dirty: bool = False) -> None:
    """Render `docs` into `site` with mkdocs-material (strict: any warning fails the build),
    as `mkdocs build` would: no plugin or hook of ours. A language other than Kazakh is
    rendered with mkdocs.yml's settings in that language (language_settings).

    `dirty`: only the pages whose Markdown is newer than their HTML in `site` are rendered
    (`mkdocs build --dirty`); the caller (cache.SiteCache) knows that nothing the pages
    share has changed since `site` was rendered, so mkdocs' warning that a dirty build may
    leave stale navigation does not apply and does not fail the strict build.

    The build date mkdocs stamps into the sitemap is the data commit's date (1970 without
    history), never the clock: two builds of one commit are byte-identical."""
    from datetime import datetime

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    epoch = int(datetime.fromisoformat(commit.date).timestamp()) if commit else 0
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        root_url = site_url if site_url is not None else read_mkdocs_settings().get("site_url", "")
        overrides = language_settings(lang, langs, root_url or "")
        config = load_config(str(MKDOCS_YML), docs_dir=str(docs), site_dir=str(site), **overrides)  # type: ignore[arg-type]
        with _dirty_warning_dropped():
            mkdocs_build(config, dirty=dirty)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


@contextmanager
def _dirty_warning_dropped() -> Iterator[None]:
    """Leave out mkdocs' warning about dirty builds (see run_mkdocs) and nothing else."""
    logger = logging.getLogger("mkdocs.commands.build")

    def keep(record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")

    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)


# The change log's feed as every page's head names it (each language's site has its own feed).
FEED_TITLE = N_("Ashyq Derek — деректердегі өзгерістер")
# Said on every page of the Russian and English sites (issue 16: nothing is machine-translated).
DATA_NOTE = N_("Деректер (ұйымдардың атаулары, құжаттардың мәтіні) дереккөзде қалай басылса, "
               "сол тілде көрсетіледі: олар аударылмайды.")


def language_settings(lang: str, langs: tuple[str, ...], root_url: str) -> dict[str, object]:
    """mkdocs.yml's settings that differ in `lang` (given to mkdocs as overrides): Material's
    language, the navigation's and the switch's titles from the catalogue, the site's address
    under /<lang>/, the stylesheets at the root (shared), and what the theme's switcher and
    hreflang links need (overrides/main.html): every language's root from this one."""
    raw = read_mkdocs_settings()
    up = "../" if lang != i18n.SOURCE else ""
    extra = dict(raw.get("extra") or {})
    extra.update(
        shared=up,  # from this site's root to the files every language shares
        site_root=root_url,
        languages=[{"lang": code, "name": i18n.NAMES[code], "root": up + i18n.prefix(code),
                    "prefix": i18n.prefix(code)} for code in langs] if len(langs) > 1 else [],
        data_note=i18n.translate(DATA_NOTE, lang) if lang != i18n.SOURCE else "",
        feed_title=i18n.translate(FEED_TITLE, lang),
        site_feed=urls.site_feed(lang),
    )
    # Material shows its language menu (partials/header.html) where extra.alternate is set;
    # our partials/alternate.html makes its links lead to the same page
    extra["alternate"] = [{"name": x["name"], "lang": x["lang"], "link": x["root"]} for x in extra["languages"]]
    out: dict[str, object] = {"extra": extra, "site_url": (root_url + i18n.prefix(lang)) if root_url else root_url}
    if lang == i18n.SOURCE:
        return out
    with i18n.use(lang):
        theme = dict(raw["theme"], language=lang)
        theme["palette"] = [dict(p, toggle=dict(p["toggle"], name=i18n.gettext(p["toggle"]["name"])))
                            for p in raw["theme"].get("palette", [])]
        out.update(
            theme=theme,
            site_name=i18n.gettext(raw.get("site_name", "")),
            site_description=i18n.gettext(raw.get("site_description", "")),
            nav=[{i18n.gettext(title): path} for item in raw.get("nav", []) for title, path in item.items()],
            extra_css=[up + css for css in raw.get("extra_css", [])],
            exclude_docs=None,
        )
    return out


SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def add_sitemap_alternates(site: Path, langs: tuple[str, ...], root: str) -> None:
    """The root sitemap lists every page of every language, each with its hreflang
    alternates (Google's form: xhtml:link); the languages' own sitemaps are left out of
    the site (one sitemap, at the root, where robots and Material look)."""
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]*)</loc>", text)
    entries = []
    for loc in locs:
        for lang in langs:
            here = _language_url(loc, lang, root)
            alts = "".join(f'\n         <xhtml:link rel="alternate" hreflang="{other}" '
                           f'href="{_language_url(loc, other, root)}"/>' for other in langs)
            entries.append(f"    <url>\n         <loc>{here}</loc>{alts}\n    </url>")
    for lang in langs[1:]:
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (site / lang / name).unlink(missing_ok=True)
    write_text(site / "sitemap.xml",
               '<?xml version="1.0" encoding="UTF-8"?>\n'
               f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
               + "\n".join(entries) + "\n</urlset>\n")
    if (site / "sitemap.xml.gz").exists():  # as mkdocs writes it: no name, no time, so builds compare equal
        with open(site / "sitemap.xml.gz", "wb") as raw, \
                gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as gz:
            gz.write((site / "sitemap.xml").read_bytes())


def _language_url(loc: str, lang: str, root: str) -> str:
    """A page's absolute URL (the Kazakh sitemap's) in `lang`."""
    if root and loc.startswith(root):
        return root + urls.language_page(lang, loc[len(root):])
    return loc


def publish(site: Path, out: Path) -> None:
    """Swap the finished `site` in at `out`; the old site is removed only after the swap.

    On Linux the two folders are exchanged in one atomic step (renameat2 RENAME_EXCHANGE), so
    there is no moment without a site at `out`, even for a build killed right then; elsewhere
    the old site is moved aside first, and the next build puts it back if it was left there."""
    if out.exists() and exchange(site, out):
        shutil.rmtree(site, ignore_errors=True)  # `site` now holds the old site
        return
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(site, out)
    shutil.rmtree(old, ignore_errors=True)


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 with RENAME_EXCHANGE); False where the
    system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))
