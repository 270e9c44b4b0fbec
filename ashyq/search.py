"""The site search index: Pagefind over the rendered site, a step of `ashyq build`.

Pagefind (the `pagefind[bin]` package: its binary ships in the wheel, nothing is downloaded
at run time) reads the rendered HTML and writes a chunked index into `pagefind/` of the site:
a reader's browser loads the index chunks its query needs, not the whole index. Material's
search box stays as it was: its search worker is replaced by ours
(`site_templates/assets/js/search-worker.js`, wired in `overrides/main.html`), which speaks
Material's worker protocol and asks Pagefind.

What is indexed (EXCLUDED, below, says what is not, and why): the page's article (not the
navigation, header or footer), its title and headings, place names with every spelling the
page prints (a place's page lists its Russian name and aliases), and the words of the
organisation names of the resolutions' quota tables (which Material's lunr index never had),
each word once a table (distinct_words). Left out: numbers,
row and source links, the lists that only repeat what other pages hold (the resolutions'
index, the places list, a place's latest organisations, the change log's rows) and the
source texts line by line (their pages are found by title).

Pagefind indexes each `<html lang>` as its own index (one per language); the site is Kazakh
(`kk`), for which Pagefind has no stemmer: words are matched by prefix («бәйтер» finds
«Бәйтерек») and in any case, as typed.

Content-Security-Policy: Pagefind compiles WebAssembly in the search worker. The pages' <meta>
policy does not govern a worker (a worker takes the policy of its own response), so on GitHub
Pages the search works whatever the pages say; a host that sends the policy as a header for
every file (`_headers`: Netlify, Cloudflare Pages) must allow `'wasm-unsafe-eval'` in its
script-src (WebAssembly only, not eval), or the box says the search does not work. The
site's policy (mkdocs.yml extra.content_security_policy) allows it.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ashyq import i18n

# The folder of the site the index is written into (its URL: urls.py has no page for it,
# the search worker finds it beside assets/).
INDEX_DIR = "pagefind"

# The element of a rendered page that holds its content (Material's article): navigation,
# header, footer and the table of contents are outside it.
ROOT_SELECTOR = "article.md-content__inner"

# Pages: every rendered page but 404.html (it is not a page a search should offer).
PAGES_GLOB = "**/index.html"

# What is left out of the index, with the reason. Selectors are Pagefind's (lol_html's CSS
# subset: classes, ids, descendants, :not, :nth-child).
EXCLUDED: dict[str, str] = {
    ".headerlink": "the ¶ after each heading",
    "dt": "the labels of a page's facts (Нөмірі, Орысша …), the same on every page; Pagefind "
          "would glue each to its value («Нөмірі№ 593»)",
    "td.num": "numbers of a table: headcounts, percents, jobs",
    ".ashyq-act-quota-rows": "a resolution's quota table: the words of its organisation names are indexed "
                             "once each, from the hidden paragraph before it (.ashyq-search-words, "
                             "distinct_words): a word printed on every row made Pagefind score each of "
                             "its places on the page, dozens a page, thousands of pages",
    ".ashyq-doc-table td:not(:nth-child(2))": "the other tables' cells but the second (a name)",
    ".ashyq-row-anchor": "row numbers",
    ".ashyq-resolution-lead": "a resolution's issuer, date and number, said again in its facts below",
    ".ashyq-table-summary": "a quota table's counts under its heading (ұйым, тізімдік саны барлығы, квота "
                            "бойынша … жұмыс орны): labels and numbers, the same under every table",
    ".ashyq-report": "«report a mistake» of every row",
    ".ashyq-edit": "«correct» of every row",
    ".ashyq-src-cell": "a row's source lines",
    ".ashyq-flag-summary": "the flag summary (its flags are listed on the rows)",
    ".ashyq-source": "a source text line by line (the bulk of the site; its page is found by its title)",
    ".ashyq-source-refs": "the rows that cite a source text (found on their own pages)",
    ".ashyq-sources-index": "the index of source texts (each has its page)",
    "#resolutions-index": "the index of resolutions (each has its page)",
    "#places-list": "the list of places (each has its page)",
    "#home-places": "the home page's finder of places (each has its page)",
    ".ashyq-quota-rows": "a place's latest organisations (found on their resolution's page)",
    ".ashyq-place-resolutions": "a place's latest resolutions (each has its page; their titles name the place "
                                "and «квота» again and again)",
    ".ashyq-calc": "a rule's calculator: its labels and help, the same in every rule block (dozens on a "
                   "region's page)",
    ".ashyq-change-rows": "the change log's rows, repeated on every change",
    ".ashyq-chart-figure": "a chart (drawn by the browser)",
    ".ashyq-chart-data": "a chart's data table (numbers)",
    ".ashyq-explorer": "the quotas explorer (filled by the browser from its shards)",
}

# Pagefind writes its own search interfaces too; the site uses Material's, fed by
# search-worker.js, which needs only pagefind.js, the WebAssembly and the index.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
    "pagefind-worker.js",
)

# Material's own search plugin writes its lunr index here. Material's script still fetches it
# on every page and its highlighter reads the separator from it, so the file stays, without
# the pages: each is left out (material_index_excluded), and empty_lunr_index makes sure.
LUNR_INDEX = "search/search_index.json"


def material_index_excluded(page: str) -> str:
    """The Markdown `page` with `search: exclude: true` in its front matter: Material's search
    plugin then leaves it out of its lunr index (which the site does not use: see LUNR_INDEX)
    instead of parsing its HTML, which took a quarter of mkdocs' time."""
    head = "search:\n  exclude: true\n"
    if page.startswith("---\n"):
        return "---\n" + head + page[4:]
    return "---\n" + head + "---\n" + page


def distinct_words(texts: Iterable[str]) -> str:
    """The words of `texts` (split at white space) once each, in order of first appearance,
    compared in any case: «мектебі» printed on forty rows of a table is one word here. The
    index holds every word the texts hold, so a query finds the same pages; what it no longer
    holds is how many times, which made a word found on thousands of pages the slowest
    search (Pagefind scores a page by each place of the word in it)."""
    seen: set[str] = set()
    words: list[str] = []
    for text in texts:
        for word in text.split():
            key = word.casefold()
            if key not in seen:
                seen.add(key)
                words.append(word)
    return " ".join(words)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


def pagefind_executable() -> Path:
    """The Pagefind binary of the installed `pagefind-bin` package."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("the site search needs the pagefind-bin package: "
                               "run `make setup` (pip install -r requirements.lock)") from None
    return Path(get_executable())


def pagefind_config(site: Path, glob: str, output: Path) -> dict[str, object]:
    """Pagefind's settings for indexing the pages of `site` that `glob` matches into `output`."""
    return {
        "site": str(site),
        "output_subdir": INDEX_DIR,
        "output_path": str(output),
        "root_selector": ROOT_SELECTOR,
        "glob": glob,
        "exclude_selectors": list(EXCLUDED),
        "quiet": True,
    }


class SiteIndex:
    """Pagefind's index of the rendered site, one language at a time. Pagefind keeps each
    `<html lang>` apart (its own meta, chunks and fragments, named by the language's hash;
    the scripts are the same bytes whoever writes them), so each language's site is indexed
    by a Pagefind process of its own, started as soon as that site is complete (`start`),
    while the build goes on with the next; `finish` waits for them all and puts their files
    together in `site/pagefind`, with one entry file listing every language (the same files,
    byte for byte, as one Pagefind run over the whole site). Leaving the `with` block stops
    any Pagefind still running."""

    def __init__(self, site: Path, langs: tuple[str, ...], work: Path):
        """`work`: a folder for Pagefind's settings and output (made when needed, removed by close)."""
        self.site, self.langs, self.work = site.resolve(), langs, work
        self.running: dict[str, subprocess.Popen[bytes]] = {}

    def __enter__(self) -> SiteIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop any Pagefind still running and remove the work folder."""
        for process in self.running.values():
            if process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(self.work, ignore_errors=True)

    def start(self, lang: str) -> None:
        """Index the site of `lang` (complete in `site/<lang>/`) in the background."""
        folder = self.work / lang
        folder.mkdir(parents=True)
        # Pagefind reads its settings from pagefind.json in its working folder, so no
        # pagefind.* file of the folder the build runs in can change them
        config = pagefind_config(self.site, language_glob(self.site, lang, self.langs), folder / "out")
        (folder / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        with open(folder / "log", "wb") as log:
            try:
                self.running[lang] = subprocess.Popen([str(pagefind_executable())], cwd=folder, stdout=log,
                                                      stderr=subprocess.STDOUT, env={"PATH": "/usr/bin:/bin"})
            except OSError as err:
                raise SearchIndexError(f"Pagefind did not start ({err}): reinstall pagefind-bin "
                                       "(pip install -r requirements.lock)") from None

    def finish(self) -> None:
        """Wait for every language's index and write the site's."""
        out = self.site / INDEX_DIR
        languages: dict[str, object] = {}
        meta: dict[str, Any] = {}
        for lang in self.langs:
            folder = self.work / lang
            try:
                code = self.running[lang].wait(timeout=3600)
            except subprocess.TimeoutExpired:
                raise SearchIndexError("Pagefind did not finish within an hour") from None
            log = (folder / "log").read_text(encoding="utf-8", errors="replace").strip()
            if code != 0:
                raise SearchIndexError(f"Pagefind failed (exit {code}) on the {lang} site: {log[-2000:]}")
            entry = folder / "out" / "pagefind-entry.json"
            if not entry.is_file():
                raise SearchIndexError(f"Pagefind wrote no index of the {lang} site: {log[-2000:]}")
            meta = json.loads(entry.read_text(encoding="utf-8"))
            languages.update(meta.get("languages", {}))
            entry.unlink()
            shutil.copytree(folder / "out", out, dirs_exist_ok=True)
        meta["languages"] = dict(sorted(languages.items()))
        (out / "pagefind-entry.json").write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
                                                 encoding="utf-8")
        for name in UNUSED_FILES:
            (out / name).unlink(missing_ok=True)
        shutil.rmtree(out / "playground", ignore_errors=True)
        empty_lunr_index(self.site)


def language_glob(site: Path, lang: str, langs: tuple[str, ...]) -> str:
    """The pages of one language's site: under /<lang>/, or, for Kazakh at the root, in every
    top-level folder but the other languages' and the index's own."""
    if lang != i18n.SOURCE:
        return f"{i18n.prefix(lang)}{PAGES_GLOB}"
    others = {i18n.prefix(other).rstrip("/") for other in langs if other != i18n.SOURCE} | {INDEX_DIR}
    parts = sorted(p.name + "/" + PAGES_GLOB for p in site.iterdir() if p.is_dir() and p.name not in others)
    if (site / "index.html").is_file():
        parts.insert(0, "index.html")
    return "{" + ",".join(parts) + "}"


def empty_lunr_index(site: Path) -> None:
    """Keep the config of Material's index (its highlighter reads the separator), drop any
    page in it (a page written without material_index_excluded): the search runs on Pagefind's
    index. Each language's site has its own (/ru/search/…). An empty index is left as Material
    wrote it, as `mkdocs build` of the docs alone writes it."""
    for lang in i18n.LANGUAGES:
        path = site / i18n.prefix(lang) / LUNR_INDEX
        if not path.is_file():
            continue
        index = json.loads(path.read_text(encoding="utf-8"))
        if index.get("docs"):
            path.write_text(json.dumps({"config": index.get("config", {}), "docs": []}, ensure_ascii=False,
                                       sort_keys=True), encoding="utf-8")


def read_fragments(site: Path) -> dict[str, dict[str, object]]:
    """What the index holds of each page, by its URL ("/places/oral/"): Pagefind's fragment
    (its `content` is the text that was indexed, `meta` its title). For tests and the bench."""
    fragments: dict[str, dict[str, object]] = {}
    for path in sorted((site / INDEX_DIR / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data.removeprefix(FRAGMENT_SIGNATURE))
        fragments[str(fragment["url"])] = fragment
    return fragments


FRAGMENT_SIGNATURE = b"pagefind_dcd"  # Pagefind's files begin with it, after gzip
