"""Every URL of the site: where each page and file lives, and links between them.

The one owner of the site's paths (Datasette's `Urls`): views ask `urls.place(pid)`,
never write "places/…" themselves, so a page can move by changing one function. URLs are
from the site root ("places/oral/"); `link` makes one relative to the page that shows it,
which keeps the site working under any prefix (a GitHub Pages project site, a folder on a
static host). `docs_path` is the Markdown file a page URL is written to.

The Russian and English sites (issue 16) sit under "ru/" and "en/" with the same URLs: a
link between pages stays inside the page's language; a file (a download, a shard, JSON, an
asset: a URL whose last part has a dot) exists once, at the root, and every language links
to that one.

Imports nothing from ashyq but paths-free helpers (i18n), so the model and every view may use it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import PurePosixPath
from urllib.parse import quote, urlencode

from ashyq import i18n

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
CONTRIBUTE = "contribute/"
# The repository's issue form for a wrong value (.github/ISSUE_TEMPLATE/data-correction.yml);
# `report` fills its fields by their ids.
REPORT_FORM = "data-correction.yml"
# A row's current values in a report link stay below this many characters (a long preamble
# is cut with "…"): GitHub refuses addresses much over 8 KB, and a Cyrillic character takes
# six once encoded.
REPORT_VALUES_MAX = 800


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


def resolutions_of_region(region_id: str) -> str:
    """The resolutions issued in a region (a city of republican significance is its own), when
    the resolutions index is too long for one page: "resolutions/by-region/akmola-region/"."""
    return f"{RESOLUTIONS}by-region/{region_id}/"


# The resolutions whose issuer is in no known place, beside the regions' lists.
NO_REGION = "without-place"


def paged(url: str, n: int) -> str:
    """Page n of a long list whose first page is at `url` (views/paging.py):
    paged("resolutions/by-region/x/", 2) → "resolutions/by-region/x/page/2/"."""
    return url if n == 1 else f"{url}page/{n}/"


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


def site_feed(lang: str | None = None) -> str:
    """The feed a language's pages name in their head: at the site's root, beside the sitemap,
    for every language ("feed.xml", "feed-ru.xml"): Material takes each <link rel=alternate>
    for a site and fetches the sitemap.xml beside it."""
    lang = lang or i18n.current()
    return SITE_FEED if lang == i18n.SOURCE else f"feed-{lang}.xml"


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


# A source document's page shows at most this many lines; a longer document is shown in parts
# of this many, the first at the document's URL, part n at "<url>page/<n>/" (a national
# document of 4,600 lines was a 725 KB page). The parts follow from the line numbers alone, so
# every link to a line knows its page without reading the document.
SOURCE_PART_LINES = 2500


def source_part(line: int) -> int:
    """The part of a source document that shows line `line` (from 1)."""
    return max(0, line - 1) // SOURCE_PART_LINES + 1


def source_document_part(source_path: str, part: int) -> str:
    """Part `part` of a source document's page (1: the page itself)."""
    return paged(source_document(source_path), part)


def source_lines(source_path: str, lines: str) -> str:
    """A row's source lines: "datasets/quotas/sources/000_x.txt", "54-72" →
    "sources/quotas/000_x/#L54-L72" (the sources page highlights the range); lines past
    SOURCE_PART_LINES are on a later part: "sources/quotas/000_x/page/2/#L2600-L2610"."""
    first = lines.partition("-")[0].strip()
    part = source_part(int(first)) if first.isdigit() else 1
    return f"{source_document_part(source_path, part)}#{line_anchor(lines)}"


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
    if is_shared(path) and (lang := i18n.prefix()):  # shared by the languages: from the root
        base.insert(0, lang.rstrip("/"))
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


def is_shared(path: str) -> bool:
    """A file of the site, shared by its languages, not a page: "data/quotas/quotas.csv"; or
    a folder of such files, "api/v1/places/" (compare.js adds "<place_id>.json"). The change
    log's feeds are each language's own (their titles and entries are in its words)."""
    return path.startswith(API) or (not path.endswith("/") and "." in path.rpartition("/")[2]
                                    and not is_feed(path))


def is_feed(path: str) -> bool:
    """An Atom feed of the change log under CHANGES (each language has its own there)."""
    return path.startswith(CHANGES) and path.endswith(".xml")


def source_language_page(from_page: str, to: str) -> str:
    """A relative link from the page at docs path `from_page` of the language being written
    (i18n.current) to the Kazakh site's page `to` (with an optional "#anchor"): from a Russian
    page "resolutions/x/index.md", "resolutions/x/#quotas-disability" →
    "../../../resolutions/x/#quotas-disability" (the data a page in another language draws
    from the one copy, issue 18); on the Kazakh site, link(from_page, to)."""
    lang = i18n.prefix()
    if not lang:
        return link(from_page, to)
    depth = len([p for p in page_url(from_page).split("/") if p]) + lang.count("/")
    return "../" * depth + to


def language_page(lang: str, url: str) -> str:
    """The same page in `lang`, from the site's root: ("ru", "places/oral/") → "ru/places/oral/"."""
    return i18n.prefix(lang) + url


def edit(repository: str, package: str, resource_path: str, line: int | None = None,
         branch: str = "main") -> str:
    """The repository's web editor at a row of a package's CSV ("suggest a correction"):
    edit("https://github.com/o/r", "quotas", "data/quotas.csv", 14) →
    "https://github.com/o/r/edit/main/datasets/quotas/data/quotas.csv#L14".
    People without write access are offered a fork and a pull request by the editor.
    "" when the repository is unknown (mkdocs.yml has no extra.repository)."""
    return edit_file(repository, f"datasets/{package}/{resource_path.removeprefix('./')}", line, branch)


def edit_file(repository: str, path: str, line: int | None = None, branch: str = "main") -> str:
    """The web editor at `path` of the repository (at its `line`); "" without a repository."""
    base = edit_base(repository, branch)
    return base + path + (f"#L{line}" if line else "") if base else ""


def edit_base(repository: str, branch: str = "main") -> str:
    """Where the web editor's paths start: "https://github.com/o/r/edit/main/"; the pages'
    correction links (ashyq.js) add a row's CSV and line to it. "" without a repository."""
    return f"{repository.rstrip('/')}/edit/{branch}/" if repository else ""


def correction_bases(repository: str, email: str) -> dict[str, str]:
    """What the browser needs to make a row's correction links from its CSV line and key
    (ashyq.js; the pages carry only those, in `data-row` and `data-key`): the issue form
    (`report` without a row), the web editor (`edit_base`) and the e-mail (`report_mail`
    without a row), by the <meta> names the theme gives them. The theme (overrides/main.html)
    writes them from mkdocs.yml's extra.repository and extra.contact_email, so that the
    renderer alone makes the pages; tests/test_citizen.py holds the two to the same values."""
    return {"ashyq-report": report(repository, ""), "ashyq-edit": edit_base(repository),
            "ashyq-mail": report_mail(email, "")}


def repository_file(repository: str, commit: str, path: str, raw: bool = False) -> str:
    """A file of the repository exactly as it was at `commit`, a link that never changes:
    repository_file("https://github.com/o/r", "3f55bf4…", "datasets/quotas/data/quotas.csv") →
    "https://github.com/o/r/blob/3f55bf4…/datasets/quotas/data/quotas.csv"; with `raw`, the
    bytes themselves (…/raw/…), which pandas and R read directly. "" without a repository or
    commit (a build without git history has no version to pin)."""
    if not repository or not commit:
        return ""
    return f"{repository.rstrip('/')}/{'raw' if raw else 'blob'}/{commit}/{path.removeprefix('./')}"


def repository_folder(repository: str, commit: str, path: str) -> str:
    """A folder of the repository exactly as it was at `commit` (…/tree/<commit>/<path>): the
    data index's permanent link to every package at the site's version. "" likewise."""
    if not repository or not commit:
        return ""
    return f"{repository.rstrip('/')}/tree/{commit}/{path.strip('/')}"


def report(repository: str, position: str, row_id: str = "", values: str = "", page: str = "") -> str:
    """"Report a mistake" without Git: the repository's issue form for a wrong value
    (REPORT_FORM) with the row's fields filled in, by their ids in the form: `file` and `line`
    from `position` ("datasets/quotas/data/quotas.csv:13"), `row_id` (the row's key, "resolution_id=…;
    category=…"), `values` (its current values, one "field: value" a line) and `page` (the
    site page that shows it). The reader writes only what is wrong. "" without a repository.
    The quotas explorer (explorer.js) adds the same parameters to `report(repository, file)`."""
    if not repository:
        return ""
    file, _, line = position.rpartition(":") if position[-1:].isdigit() else (position, "", "")
    if len(values) > REPORT_VALUES_MAX:
        values = values[:REPORT_VALUES_MAX - 1] + "…"
    # the title ("Қате: file:line") is added by the reader's browser with the values
    # (ashyq.js): the form's own default title ("Қате: ") serves without JavaScript
    params = {"template": REPORT_FORM, "file": file, "line": line,
              "row_id": row_id, "values": values, "page": page}
    return f"{repository.rstrip('/')}/issues/new?" + urlencode(
        {k: v for k, v in params.items() if v}, quote_via=quote)


def report_mail(email: str, position: str) -> str:
    """The e-mail fallback of `report` (mkdocs.yml extra.contact_email): a message whose
    subject names the row (with position "", the browser appends it); "" without an address."""
    if not email:
        return ""
    return f"mailto:{email}?subject=" + quote(f"Ашық дерек: қате, {position}")


# The official legal database of the Republic of Kazakhstan (the Ministry of Justice's Әділет),
# in Kazakh. The site only links it: nothing is fetched from it.
ADILET = "https://adilet.zan.kz/kaz/"
# Where a person applies for a quota job online: the electronic labour exchange.
ENBEK = "https://www.enbek.kz/"


def adilet_search(number: str, date: str) -> str:
    """A search of adilet.zan.kz for the act with `number` adopted on the ISO `date`:
    adilet_search("207", "2023-06-07") → "https://adilet.zan.kz/kaz/search/docs/dt=2023-06-07&num=207".
    For an act whose own page is not known (resolutions.official_url is empty)."""
    return f"{ADILET}search/docs/" + urlencode({"dt": date, "num": number}, quote_via=quote)


# ------------------------------------------------------------------ the static JSON API and the compare page
# Paths under API are public: once published, never renamed (issue 17.4).
COMPARE = "compare/"
API = "api/v1/"


def compare(*place_ids: str) -> str:
    """The compare page with places chosen: compare("borli", "oral") → "compare/?places=borli,oral"."""
    return COMPARE + ("?places=" + ",".join(place_ids) if place_ids else "")


def compare_places(lang: str = i18n.SOURCE) -> str:
    """The compare page's list of the places it offers (names and every spelling, for its
    finder), named in `lang`: "compare/places.json" (Kazakh), "compare/places-ru.json"."""
    return f"{COMPARE}places.json" if lang == i18n.SOURCE else f"{COMPARE}places-{lang}.json"


def api_place(place_id: str) -> str:
    """A place's JSON document: "borli" → "api/v1/places/borli.json"."""
    return f"{API}places/{place_id}.json"


def api_place_kato(kato: str) -> str:
    """The small document that leads from a KATO code to its place's: "api/v1/places/kato/274433000.json"."""
    return f"{API}places/kato/{kato}.json"


def api_resolution(resolution_id: str) -> str:
    """A resolution's JSON document: "api/v1/resolutions/baiterek-2022-593.json"."""
    return f"{API}resolutions/{resolution_id}.json"


def api_dataset(package: str) -> str:
    """A data package's JSON document: "quotas" → "api/v1/datasets/quotas.json"."""
    return f"{API}datasets/{package}.json"


def api_index() -> str:
    """What the API holds: its document types, their schemas and counts, the datasets, the version."""
    return f"{API}index.json"


# The API's guide for people (curl, pandas, R; what each document holds; the stable-path promise).
API_GUIDE = "api/"


def citation_file(package: str, kind: str) -> str:
    """A package's ready citation as a file: kind "bib" → "data/quotas/citation.bib", "json"
    (CSL-JSON) → "data/quotas/citation.json"."""
    return data_file(package, f"citation.{kind}")


def api_schema(name: str) -> str:
    """The JSON Schema of a document type of the API: "place" → "api/v1/schemas/place.json"."""
    return f"{API}schemas/{name}.json"


# ------------------------------------------------------------------ the maps
# The maps' boundaries (geokz 2024, simplified by scripts/build_geometry.py), one file every map fetches.
GEOMETRY = "assets/geo/kz-boundaries.json"


def map_data(scope: str) -> str:
    """The figures of a map (ashyq/views/maps.py): "kz" for the country's, a region's place_id."""
    return f"maps/{scope}.json"


# ------------------------------------------------------------------ embeds (issue 17.3)
# A chart's or a map's page without the site's chrome, for an <iframe> on another site. Its
# path is public once published (others' pages embed it): a chart's key never changes.
EMBED = "embed/"


def chart_key(*parts: str) -> str:
    """A chart's id across the site, stable and URL-safe, from what it shows:
    chart_key("place", "borli", "quotas") → "place-borli-quotas". The parts are the data's
    ASCII slugs; anything else in them is percent-encoded, so a key is always one path segment."""
    return "-".join(quote(p, safe="") for p in parts if p).replace("%", "_")


def embed(key: str) -> str:
    """The embed page of the chart or map `key`: "embed/place-borli-quotas/"."""
    return f"{EMBED}{key}/"


def embed_file(key: str) -> str:
    """The file of an embed page, written as it is (no renderer: it has none of the site's chrome)."""
    return f"{embed(key)}index.html"
