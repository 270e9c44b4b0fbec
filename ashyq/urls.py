"""Every URL of the site: where each page and file lives, and links between them.

The one owner of the site's paths (Datasette's `Urls`): views ask `urls.place(pid)`,
never write "places/…" themselves, so a page can move by changing one function. URLs are
from the site root ("places/oral/"); `link` makes one relative to the page that shows it,
which keeps the site working under any prefix (a GitHub Pages project site, a folder on a
static host). `docs_path` is the Markdown file a page URL is written to.

Imports nothing from ashyq but paths-free helpers, so the model and every view may use it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import urlencode

# The sections of the site (the navigation's tabs).
HOME = ""
QUOTAS = "quotas/"
PLACES = "places/"
RESOLUTIONS = "resolutions/"
PROGRAMS = "programs/"
RATINGS = "ratings/"
DATA = "data/"
SOURCES = "sources/"
CHANGES = "changes/"


def docs_path(url: str) -> str:
    """The Markdown file of a page URL: "places/oral/" → "places/oral/index.md"."""
    return f"{url}index.md"


def page_url(path: str) -> str:
    """The URL of a docs file: "places/oral/index.md" → "places/oral/"."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[:-3] + "/" if path.endswith(".md") else path


def place(place_id: str) -> str:
    return f"{PLACES}{place_id}/"


def resolution(resolution_id: str) -> str:
    return f"{RESOLUTIONS}{resolution_id}/"


def program(program_id: str) -> str:
    return f"{PROGRAMS}{program_id}/"


def rating(rating_id: str) -> str:
    return f"{RATINGS}{rating_id}/"


def data_package(package: str, resource: str = "") -> str:
    """A package's data page; with `resource`, at that resource's section."""
    return f"{DATA}{package}/" + (f"#resource-{resource}" if resource else "")


def data_file(package: str, name: str) -> str:
    """A download of a package: "quotas", "quotas.csv" → "data/quotas/quotas.csv"."""
    return f"{DATA}{package}/{name}"


def changes_page(n: int) -> str:
    """The n-th page of the change log (1 = the newest)."""
    return CHANGES if n == 1 else f"{CHANGES}page/{n}/"


def feed(package: str | None = None) -> str:
    """The Atom feed of every change, or of one package's."""
    return f"{CHANGES}{package or 'feed'}.xml"


# The feed of every change again, at the root, for the <link rel="alternate"> in every page's
# head: Material takes each such link for a language version of the site and fetches
# "sitemap.xml" beside it, which exists only at the root.
SITE_FEED = "feed.xml"


def absolute(site_url: str, url: str) -> str:
    """A site URL made absolute with the site's public address ("" address: as it is)."""
    return site_url + url if site_url else url


def explorer(**filters: str) -> str:
    """The quotas explorer with its filters in the query (it keeps them in the URL):
    explorer(region_kk="Батыс Қазақстан облысы", year="2026")."""
    return QUOTAS + ("?" + urlencode(filters) if filters else "")


def explorer_rows(name: str) -> str:
    """A shard of the explorer's rows (JSON)."""
    return f"{QUOTAS}rows/{name}"


@lru_cache(maxsize=4096)
def source_document(source_path: str) -> str:
    """The page of a source document: "datasets/quotas/sources/000_x.txt" →
    "sources/quotas/000_x/" (cached: every row of a document asks for it)."""
    parts = PurePosixPath(source_path).parts
    package = parts[1] if len(parts) > 1 and parts[0] == "datasets" else "other"
    return f"{SOURCES}{package}/{PurePosixPath(source_path).stem}/"


def source_file(package: str, name: str) -> str:
    """A source document's file as published: "quotas", "000_x.txt" → "sources/quotas/000_x.txt"."""
    return f"{SOURCES}{package}/{name}"


def line_anchor(lines: str) -> str:
    """"54-72" → "L54-L72", "9" → "L9": the sources page's anchor of a range of lines."""
    first, _, last = lines.partition("-")
    return f"L{first}" + (f"-L{last}" if last else "")


def source_lines(source_path: str, lines: str) -> str:
    """A row's source lines: "datasets/quotas/sources/000_x.txt", "54-72" →
    "sources/quotas/000_x/#L54-L72" (the sources page highlights the range)."""
    return f"{source_document(source_path)}#{line_anchor(lines)}"


def link(from_page: str, to: str) -> str:
    """A relative link from the page written at docs path `from_page` to site URL `to`
    (with an optional "#anchor"): link("places/oral/index.md", "sources/quotas/000/#L5") →
    "../../sources/quotas/000/#L5"."""
    target, _, anchor = to.partition("#")
    suffix = f"#{anchor}" if anchor else ""
    if not target:
        return suffix
    # Plain string work, not posixpath.relpath: a national build makes millions of links.
    base = [p for p in page_url(from_page).split("/") if p]
    path, query_mark, query = target.partition("?")
    parts = [p for p in path.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:])
    if not rel:
        rel = "./"
    elif path.endswith("/"):
        rel += "/"
    return rel + query_mark + query + suffix


def edit(repository: str, package: str, resource_path: str, line: int | None = None,
         branch: str = "main") -> str:
    """The repository's web editor at a row of a package's CSV ("suggest a correction"):
    edit("https://github.com/o/r", "quotas", "data/quotas.csv", 14) →
    "https://github.com/o/r/edit/main/datasets/quotas/data/quotas.csv#L14".
    People without write access are offered a fork and a pull request by the editor.
    "" when the repository is unknown (mkdocs.yml has no extra.repository)."""
    if not repository:
        return ""
    url = f"{repository.rstrip('/')}/edit/{branch}/datasets/{package}/{resource_path.removeprefix('./')}"
    return url + (f"#L{line}" if line else "")
