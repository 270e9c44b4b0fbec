"""The change log: /changes/ (newest first, paginated), Atom feeds, and the History
section that package and place pages include (`history_for_package`, `history_for_place`).

Everything comes from `Model.history` (gitlog + changelog); dates are the commits' own,
so the pages are the same in every build of the same history.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass

from ashyq import exports, feeds, formats, i18n, model, render, text, urls
from ashyq.changelog import Change, Commit, FileChange, RowChange
from ashyq.i18n import N_, ngettext
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import Output, documented

PER_PAGE = 50  # commits per page of /changes/
MAX_ROWS = 50  # row changes listed per file on /changes/ (the rest are counted)
HISTORY_ITEMS = 20  # entries of a History section
FEED_ENTRIES = 50
FEED_ROWS = 20  # row changes in one feed entry

STATUS_KK = {"added": N_("файл қосылды"), "removed": N_("файл жойылды"), "modified": N_("файл өзгерді")}
KIND_KK = {"added": N_("жол қосылды"), "removed": N_("жол жойылды"), "changed": N_("өзгерді")}


@dataclass(frozen=True)
class CommitInfo:
    """Who changed the data, when and why; `href` leads to the commit on /changes/."""

    sha: str = documented("the commit's full sha")
    short: str = documented("its first 10 characters, as the pages show it")
    day: str = documented("the commit's date, YYYY-MM-DD (the committer date, not the build's)")
    author: str = documented("the author's name as git records it")
    subject: str = documented("the first line of the commit message, as its author wrote it (often English: the "
                              "pages show it as a detail, marked by `subject_lang`)")
    href: str = documented('link to the commit on /changes/ (with its anchor), relative to the page; "" when not '
                           "listed")

    @property
    def subject_lang(self) -> str:
        """"en" when the subject is written in English (the page marks it), else ""."""
        return "en" if text.english_text(self.subject) else ""

    @property
    def author_lang(self) -> str:
        """"en" when the author's name is English words ("Seed maintainers"), else ""."""
        return "en" if text.english_text(self.author) else ""


@dataclass(frozen=True)
class RowView:
    kind: str = documented("added | removed | changed")
    kind_kk: str = documented('the kind in Kazakh, e.g. "жол қосылды"')
    label: str = documented("the row's key values joined by \" · \", e.g. \"wko-2026-disability · disability · 3\" "
                            "(its line number when rows are matched by position)")
    line: int = documented("the row's CSV line (header = 1) in the new version; in the old one for a removed row")
    href: str = documented("link to the page that shows the row (its place's page, else its package's), relative to "
                           "the page")
    edit_href: str = documented("link to the CSV line in the repository's web editor; \"\" for removed rows or without "
                                "a repository")
    cells: list[tuple[str, str, str, str]] = documented(
        "the changed cells as (the column's Kazakh title from the schema, column, old value, new value), a place_id "
        "as the place's name and a code as its Kazakh label; empty unless changed")
    values: str = documented("an added or removed row's non-empty values as \"Kazakh title: value, …\" (places "
                             'named, codes labelled), cut at 200 characters; "" for a changed row', default="")
    name: str = documented("the row as a reader names it, its place and its own name: \"Бөрлі ауданы · «А» ЖШС\"; "
                           '"" when it has neither', default="")


@dataclass(frozen=True)
class FileView:
    path: str = documented("the CSV file from the repository root: datasets/<package>/data/<file>.csv")
    package: str = documented("the package's name")
    resource: str = documented("the resource's name")
    status: str = documented("added | removed | modified (the file as a whole)")
    status_kk: str = documented('the status in Kazakh, e.g. "файл өзгерді"')
    package_href: str = documented("link to the package's page, relative to the page")
    rows_added: int = documented("rows added (all rows of an added file)")
    rows_removed: int = documented("rows removed (all rows of a removed file)")
    rows_changed: int = documented("rows whose values changed")
    columns_added: list[str] = documented("names of the columns added")
    columns_removed: list[str] = documented("names of the columns removed")
    columns_renamed: list[tuple[str, str]] = documented("columns renamed, as (old name, new name)")
    key: str = documented('the columns rows were matched by, joined by ", "; "" when matched by position')
    rows: list[RowView] = documented("the row changes listed (at most MAX_ROWS; none for a file added or removed "
                                     "whole)")
    more_rows: int = documented("row changes not listed")


@dataclass(frozen=True)
class CommitView:
    anchor: str = documented('the commit\'s id on the page, "c-" + its short sha')
    commit: CommitInfo = documented("who, when and why")
    files: list[FileView] = documented("the CSV files it changed")
    other_paths: list[str] = documented("other files it touched under datasets/ (READMEs, sources, descriptors)")
    headline: str = documented("what the commit changed in the data, in Kazakh, from its row changes "
                               "(`data_headline`): «Жұмыс орындарына квоталар»: 1 жол өзгерді — Бөрлі ауданы · …: "
                               "Жұмыскерлердің тізімдік саны 57 → 58; \"\" when it touched no package", default="")


@dataclass(frozen=True)
class ChangesContext:
    """One page of /changes/: `commits` newest first."""

    available: bool = documented("False when the site was built from a copy without git history")
    gap: str = documented("what the change log could not read, in plain Kazakh (`history_gap`): no history at all, "
                          "or a shallow clone's cut; \"\" when the history is whole")
    commits: list[CommitView] = documented("this page's commits (at most PER_PAGE), newest first")
    page: int = documented("this page's number, from 1")
    pages: int = documented("the number of pages (at least 1)")
    total: int = documented("commits on all pages")
    newer_href: str = documented('link to the page of newer commits; "" on the first page')
    older_href: str = documented('link to the page of older commits; "" on the last page')
    feed_href: str = documented('link to the Atom feed of every change; "" without history')
    package_feeds: list[tuple[str, str]] = documented("each package's Atom feed as (package title, link), by package "
                                                      "name; empty without history")
    page_links: list[tuple[int, str]] = documented("every page as (number, link); empty when there is one page")


@dataclass(frozen=True)
class HistoryItem:
    """One line of a History section: a commit and what it did here."""

    commit: CommitInfo = documented("the commit")
    summary: str = documented("what it did here: a package page's file summaries joined by \"; \" (e.g. \"quotas.csv: "
                              '+2 −1"); on a place page "<package>/<resource>"')
    rows: list[RowView] = documented("the row changes shown under it (on a package page the first 10 per file)",
                                     default_factory=list)


@dataclass(frozen=True)
class HistoryContext:
    """The History section of a package or place page (site_templates/pages/_history.j2)."""

    available: bool = documented("False when the site was built from a copy without git history")
    items: list[HistoryItem] = documented("the newest entries (at most HISTORY_ITEMS), newest first")
    more: int = documented("older entries not listed")
    changes_href: str = documented("link to /changes/, relative to the page")
    feed_href: str = documented("link to the package's Atom feed; \"\" when the page has no feed of its own (place "
                                "pages)")
    last_updated: CommitInfo | None = documented("the last commit that touched the package; None on place pages or "
                                                 "without history", default=None)
    gap: str = documented("what the history could not read, in plain Kazakh (`history_gap`); \"\" when whole",
                          default="")


def history_gap(data: model.Model) -> str:
    """What the change log could not read, said plainly: a copy without git history (a
    downloaded archive, a plain copy of the tree), or a shallow clone (`git clone --depth`),
    whose oldest commit has no parents here. "" when the whole history was read."""
    if data.history is None:
        return (tr("Бұл көшірмеде өзгерістер тарихы жоқ: сайт git тарихы жоқ көшірмеден (мысалы, жүктелген "
                "архивтен) жасалды, сондықтан қай жолды кім және қашан өзгерткенін оқи алмадық. Тарихы бар "
                "сайт үшін репозиторийді git clone арқылы толық көшіріп, сайтты қайта жасаңыз."))
    if data.history_cut is not None:
        cut = data.history_cut
        return tr("Бұл көшірмеде өзгерістер тарихы толық емес: репозиторий қысқартылып көшірілген (git clone "
                  "--depth). %(day)s күнгі %(commit)s коммитінің және одан бұрынғы өзгерістерді оқи "
                  "алмадық, сондықтан олар мұнда көрсетілмеген. Толық тарих үшін git fetch --unshallow "
                  "орындап, сайтты қайта жасаңыз.") % {"day": cut.day, "commit": cut.short}
    return ""


# ----------------------------------------------------------------- where things are


def page_of(index: int) -> str:
    """Docs path of the /changes/ page holding the commit at `index` (0 = newest)."""
    return urls.docs_path(urls.changes_page(index // PER_PAGE + 1))


def anchor(commit: Commit) -> str:
    return f"c-{commit.short}"


# Per model, computed once: thousands of place pages ask for the same look-ups.
_LOOKUPS: list[tuple[model.Model, dict[str, str], set[str]]] = []


def _lookups(data: model.Model) -> tuple[dict[str, str], set[str]]:
    for held, by_sha, places in _LOOKUPS:
        if held is data:
            return by_sha, places
    newest = list(reversed(data.history or []))
    by_sha = {c.commit.sha: f"{urls.changes_page(i // PER_PAGE + 1)}#{anchor(c.commit)}" for i, c in enumerate(newest)}
    table = data.table("places", "places")
    ids = set(table["place_id"].dropna().astype(str)) if table is not None else set()
    _LOOKUPS[:] = [(data, by_sha, ids)]  # only the latest model is kept
    return by_sha, ids


def commit_urls(data: model.Model) -> dict[str, str]:
    """sha → site URL of the commit on /changes/ (with its anchor)."""
    return _lookups(data)[0]


def row_target(data: model.Model, places: set[str], row: RowChange, package: str) -> str:
    """Site URL of the page that shows a row: its place's page, else its package's page."""
    place = row.row.get("place_id", "")
    return urls.place(place) if place in places else urls.data_package(package)


def place_ids(data: model.Model) -> set[str]:
    """The places that have a page (every row of places.csv)."""
    return _lookups(data)[1]


def commit_info(commit: Commit, page: str, by_sha: dict[str, str]) -> CommitInfo:
    href = link(page, by_sha[commit.sha]) if commit.sha in by_sha else ""
    return CommitInfo(commit.sha, commit.short, commit.day, commit.author, commit.subject, href)


# Fields that name a row for a reader, after its place (the first one the row has).
NAME_FIELDS = ("organization_kk", "name_kk", "title_kk", "name_as_printed", "unit_kk", "position_kk",
               "item_kk", "measure_kk", "indicator_kk")
PLACE_KEY = "places/places.place_id"
_SCHEMAS: dict[tuple[int, str, str, str], tuple[dict[str, str], set[str]]] = {}


def field_titles(data: model.Model, package: str, resource: str) -> tuple[dict[str, str], set[str]]:
    """The title of each field of a table in the language being written (the schema's
    kk/ru/en titles), and the fields that refer to a place."""
    key = (id(data), package, resource, i18n.current())
    if key not in _SCHEMAS:
        res = data.resource(package, resource)
        docs = exports.field_docs(res.schema, package, resource) if res else []
        if len(_SCHEMAS) > 256:
            _SCHEMAS.clear()
        _SCHEMAS[key] = ({d.name: getattr(d, f"title_{key[3]}", "") or d.title_kk or d.name for d in docs},
                         {d.name for d in docs if PLACE_KEY in d.references})
    return _SCHEMAS[key]


def reader_value(data: model.Model, f: FileChange, column: str, value: str, place_fields: set[str]) -> str:
    """A cell as a reader reads it: a place's name for a place_id, a code's Kazakh title."""
    if not value:
        return value
    if column in place_fields:
        return data.names.get(value, value)
    return data.label(f.package, f.resource, column, value)


def row_name(data: model.Model, f: FileChange, r: RowChange, place_fields: set[str]) -> str:
    """"Бөрлі ауданы · «Бөрлі» ЖШС": the row's place and its own name, where it has them."""
    parts = [data.names.get(r.row[c], r.row[c]) for c in sorted(place_fields) if r.row.get(c)][:1]
    parts += [r.row[c] for c in NAME_FIELDS if r.row.get(c)][:1]
    return " · ".join(parts)


def row_view(data: model.Model, places: set[str], f: FileChange, r: RowChange, page: str) -> RowView:
    line = r.line if r.kind != "removed" else 0
    resource_path = f.path.split("/", 2)[2] if f.path.count("/") >= 2 else f.path
    titles, place_fields = field_titles(data, f.package, f.resource)
    values = ""
    if r.kind != "changed":
        values = ", ".join(f"{titles.get(k, k)}: {reader_value(data, f, k, v, place_fields)}"
                           for k, v in r.row.items() if v)
        values = values if len(values) <= 200 else values[:199] + "…"
    return RowView(
        kind=r.kind, kind_kk=tr(KIND_KK[r.kind]), label=" · ".join(r.key), line=r.line,
        href=link(page, row_target(data, places, r, f.package)),
        edit_href=urls.edit(data.repository, f.package, resource_path, line) if line else "",
        cells=[(titles.get(c.column, c.column), c.column, reader_value(data, f, c.column, c.old, place_fields),
                reader_value(data, f, c.column, c.new, place_fields)) for c in r.cells],
        values=values, name=row_name(data, f, r, place_fields),
    )


HEADLINE_ROWS = 3  # rows named in a file's line of a commit's headline
HEADLINE_FILES = 4  # tables named in a commit's headline (the rest are counted)
HEADLINE_NAME = 70  # characters of a row's name in a headline


def brief(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def table_title(data: model.Model, package: str, resource: str) -> str:
    """A table's title in the current language (its resource's), else its name."""
    res = data.resource(package, resource)
    return res.title if res else resource


def file_headline(data: model.Model, f: FileChange) -> str:
    """«Жұмыс орындарына квоталар»: 1 жол өзгерді — Бөрлі ауданы · «…» ЖШС: Тізімдік саны 57 → 58:
    what a commit did to one table, in Kazakh, from its row changes."""
    table = table_title(data, f.package, f.resource)
    titles, place_fields = field_titles(data, f.package, f.resource)
    counts = [what % {"n": formats.number(n)} for n, what in
              ((f.rows_added, ngettext("%(n)s жол қосылды", "%(n)s жол қосылды", f.rows_added)),
               (f.rows_removed, ngettext("%(n)s жол жойылды", "%(n)s жол жойылды", f.rows_removed)),
               (f.rows_changed, ngettext("%(n)s жол өзгерді", "%(n)s жол өзгерді", f.rows_changed))) if n]
    cols = len(f.columns_added) + len(f.columns_removed) + len(f.columns_renamed)
    if cols:
        counts.append(ngettext("%(n)s баған өзгерді", "%(n)s баған өзгерді", cols) % {"n": cols})
    line = f"«{table}»: " + (", ".join(counts) or tr("мәндер өзгерген жоқ"))
    named = []
    for r in f.rows[:HEADLINE_ROWS]:
        who = brief(row_name(data, f, r, place_fields) or " · ".join(r.key), HEADLINE_NAME)
        if r.kind == "changed":
            what = ", ".join(f"{titles.get(c.column, c.column)} {reader_value(data, f, c.column, c.old, place_fields)}"
                             f" → {reader_value(data, f, c.column, c.new, place_fields)}" for c in r.cells[:3])
            named.append(f"{who}: {what}" if what else who)
        else:
            named.append(f"{who} ({tr(KIND_KK[r.kind])})")
    if named:
        line += " — " + "; ".join(named) + ("; …" if len(f.rows) > HEADLINE_ROWS else "")
    return line


def data_headline(data: model.Model, change: Change) -> str:
    """What a commit changed in the data, in Kazakh: a line per table; for a commit that
    touched no table, what it touched; "" for a commit that touched no package at all."""
    lines = [file_headline(data, f) for f in change.files[:HEADLINE_FILES]]
    if len(change.files) > HEADLINE_FILES:
        more = len(change.files) - HEADLINE_FILES
        lines.append(ngettext("тағы %(n)s кесте", "тағы %(n)s кесте", more) % {"n": more})
    if not lines and change.other_paths:
        lines.append(tr("Кестелердің мәндері өзгерген жоқ: ") + "; ".join(other_files_kk(data, change.other_paths)))
    return "; ".join(lines)


def other_files_kk(data: model.Model, paths: list[str] | tuple[str, ...]) -> list[str]:
    """What the other files a commit touched are, in Kazakh, by package: "«Квоталар»:
    сипаттамасы (datapackage.json) өзгерді"."""
    by_package: dict[str, set[str]] = {}
    for path in paths:
        parts = path.split("/")
        package = parts[1] if len(parts) > 2 else ""
        name = parts[-1]
        what = (tr("сипаттамасы (datapackage.json)") if name == model.DESCRIPTOR
                else tr("дереккөз құжаттары") if "sources" in parts[2:-1]
                else "README" if name.lower().startswith("readme") else name)
        by_package.setdefault(package, set()).add(what)
    out = []
    for package, whats in sorted(by_package.items()):
        pkg = data.packages.get(package)
        owner = f"«{pkg.title}»" if pkg else (tr("деректер туралы жалпы файлдар") if not package else package)
        out.append(tr("%(owner)s: %(what)s өзгерді") % {"owner": owner, "what": ", ".join(sorted(whats))})
    return out


def file_view(data: model.Model, places: set[str], f: FileChange, page: str, max_rows: int = MAX_ROWS) -> FileView:
    return FileView(
        path=f.path, package=f.package, resource=f.resource, status=f.status, status_kk=tr(STATUS_KK[f.status]),
        package_href=link(page, urls.data_package(f.package)),
        rows_added=f.rows_added, rows_removed=f.rows_removed, rows_changed=f.rows_changed,
        columns_added=list(f.columns_added), columns_removed=list(f.columns_removed),
        columns_renamed=list(f.columns_renamed), key=", ".join(f.key),
        rows=[row_view(data, places, f, r, page) for r in f.rows[:max_rows]],
        more_rows=max(0, len(f.rows) - max_rows),
    )


def file_summary(f: FileChange) -> str:
    """"quotas.csv: +2 −1, 3 өзгерді" — a file's change in one line."""
    name = f.path.rsplit("/", 1)[-1]
    if f.status != "modified":
        n = f.rows_added or f.rows_removed
        return f"{name}: {tr(STATUS_KK[f.status])} ({ngettext('%(n)s жол', '%(n)s жол', n) % {'n': n}})"
    parts = [f"+{f.rows_added}" if f.rows_added else "", f"−{f.rows_removed}" if f.rows_removed else "",
             ngettext("%(n)s жол өзгерді", "%(n)s жол өзгерді", f.rows_changed) % {"n": f.rows_changed}
             if f.rows_changed else ""]
    cols = len(f.columns_added) + len(f.columns_removed) + len(f.columns_renamed)
    parts.append(ngettext("%(n)s баған өзгерді", "%(n)s баған өзгерді", cols) % {"n": cols} if cols else "")
    text = ", ".join(p for p in parts if p)
    return f"{name}: {text or tr('мәндер өзгерген жоқ (пішімі ғана)')}"


# ----------------------------------------------------------------- /changes/


def iter_outputs(data: model.Model) -> Iterator[Output]:
    """The change log's pages, then the feeds of every language the site is built in (files:
    the Kazakh pass writes them all, each under its language's folder)."""
    yield from iter_pages(data)
    for lang in data.languages:
        with i18n.use(lang):
            yield from iter_feeds(data)


def iter_pages(data: model.Model) -> Iterator[Output]:
    """The change log's pages in the current language."""
    newest = list(reversed(data.history or []))
    by_sha = commit_urls(data)
    places = place_ids(data)
    pages = max(1, -(-len(newest) // PER_PAGE))
    for n in range(1, pages + 1):
        page = page_of((n - 1) * PER_PAGE)
        ctx = changes_context(data, newest[(n - 1) * PER_PAGE: n * PER_PAGE], n, pages, len(newest),
                              page, by_sha, places)
        yield Output(page, render.render_page("changes.md.j2", ctx))


def iter_feeds(data: model.Model) -> Iterator[Output]:
    """The current language's Atom feeds: in its folder ("ru/changes/quotas.xml"), and the one
    its pages link in their head at the site's root (urls.site_feed: "feed-ru.xml"), which
    exists even without history (no entries)."""
    newest = list(reversed(data.history or []))
    places = place_ids(data)
    here = i18n.prefix()
    yield Output(here + urls.feed(), feeds.atom_xml(changes_feed(data, newest, None, places)))
    yield Output(urls.site_feed(), feeds.atom_xml(changes_feed(data, newest, None, places, urls.site_feed())))
    if data.history is None:
        return
    for name in sorted(data.packages):
        entries = [c for c in newest if name in c.packages]
        yield Output(here + urls.feed(name), feeds.atom_xml(changes_feed(data, entries, name, places)))


def changes_context(data: model.Model, commits: list[Change], n: int, pages: int, total: int, page: str,
                    by_sha: dict[str, str], places: set[str]) -> ChangesContext:
    available = data.history is not None
    return ChangesContext(
        available=available, gap=history_gap(data),
        commits=[CommitView(anchor(c.commit), commit_info(c.commit, page, by_sha),
                            [file_view(data, places, f, page) for f in c.files], list(c.other_paths),
                            data_headline(data, c))
                 for c in commits],
        page=n, pages=pages, total=total,
        newer_href=link(page, urls.changes_page(n - 1)) if n > 1 else "",
        older_href=link(page, urls.changes_page(n + 1)) if n < pages else "",
        feed_href=link(page, urls.feed()) if available else "",
        package_feeds=[(pkg.title, link(page, urls.feed(name)))
                       for name, pkg in sorted(data.packages.items())] if available else [],
        page_links=[(i, link(page, urls.changes_page(i))) for i in range(1, pages + 1)] if pages > 1 else [],
    )


# ----------------------------------------------------------------- feeds


def changes_feed(data: model.Model, newest: list[Change], package: str | None, places: set[str],
                 path: str | None = None) -> feeds.Feed:
    """The Atom feed of every change (package None) or of one package's changes, in the
    current language. Its links are absolute (feed readers resolve relative ones badly),
    relative to the feed's own URL only when the site's address is unknown."""
    by_sha = commit_urls(data)
    path = path or urls.feed(package)
    here = path.rsplit("/", 1)[0] + "/index.md" if "/" in path else ""  # the feed's folder ("": the root)

    def href(url: str) -> str:
        rooted = url if urls.is_shared(url) else i18n.prefix() + url  # the current language's, from the root
        if data.site_url:
            return urls.absolute(data.site_url, rooted)
        return link(here, url) if here else rooted

    # another language's feed and entries have ids of their own (the Kazakh ones' stay as they were)
    other = [i18n.current()] if i18n.current() != i18n.SOURCE else []
    pkg = data.packages.get(package) if package else None
    title = tr("Ashyq Derek — деректердегі өзгерістер") + (f": {pkg.title}" if pkg else "")
    all_newest = list(reversed(data.history or []))
    updated = (newest or all_newest)[0].commit.date if (newest or all_newest) else "1970-01-01T00:00:00Z"
    entries = []
    for change in newest[:FEED_ENTRIES]:
        files = [f for f in change.files if package is None or f.package == package]
        entries.append(feeds.Entry(
            id=feeds.stable_id(data.repository or "ashyq-derek", "commit", change.commit.sha, package or "",
                               *other),
            title="; ".join(file_headline(data, f) for f in files[:HEADLINE_FILES])
                  + ("; " + ngettext("тағы %(n)s кесте", "тағы %(n)s кесте", more) % {"n": more}
                     if (more := len(files) - HEADLINE_FILES) > 0 else "")
                  or change.commit.subject or change.commit.short,
            updated=change.commit.date,
            author=change.commit.author,
            link=href(by_sha[change.commit.sha]),
            content_html=feeds.html_fragment(entry_html(change, files, package)),
        ))
    return feeds.Feed(
        id=feeds.stable_id(data.repository or "ashyq-derek", "changes", package or "", *other),
        title=title, updated=updated, self_link=href(path),
        alternate_link=href(urls.CHANGES), entries=entries,
        subtitle=tr("Қай жол, қай мән, кім және қашан өзгертті: git тарихынан."),
    )


def entry_html(change: Change, files: list[FileChange], package: str | None) -> ET.Element:
    """A feed entry's content: each file's change, then its changed cells old → new."""
    div = ET.Element("div")
    ET.SubElement(div, "p").text = (f"{change.commit.author}, {change.commit.day}, коммит {change.commit.short}: "
                                    f"{change.commit.subject}")
    for f in files:
        ET.SubElement(div, "h3").text = f"{f.package}/{f.resource}: {file_summary(f)}"
        if not f.rows:
            continue
        ul = ET.SubElement(div, "ul")
        for r in f.rows[:FEED_ROWS]:
            li = ET.SubElement(ul, "li")
            cells = "; ".join(f"{c.column}: «{c.old}» → «{c.new}»" for c in r.cells)
            li.text = f"{tr(KIND_KK[r.kind])} [{' · '.join(r.key)}]" + (f" {cells}" if cells else "")
        if len(f.rows) > FEED_ROWS:
            ET.SubElement(div, "p").text = f"…және тағы {len(f.rows) - FEED_ROWS} жол"
    others = [p for p in change.other_paths if package is None or p.split("/")[1:2] == [package]]
    if others:
        ET.SubElement(div, "p").text = tr("Басқа файлдар: ") + ", ".join(others)
    return div


# ----------------------------------------------------------------- History sections


def history_for_package(data: model.Model, name: str, page: str) -> HistoryContext:
    """The History section of package page `name` (written at docs path `page`)."""
    by_sha = commit_urls(data)
    places = place_ids(data)
    entries = data.history_for_package(name)
    items: list[HistoryItem] = []
    seen: dict[str, int] = {}
    for change, f in entries:
        # one item per commit, gathering the files of the package it changed
        if change.commit.sha not in seen:
            seen[change.commit.sha] = len(items)
            items.append(HistoryItem(commit_info(change.commit, page, by_sha), ""))
        i = seen[change.commit.sha]
        summary = file_summary(f) if f else tr("сипаттама, дереккөздер немесе README өзгерді")
        rows = [row_view(data, places, f, r, page) for r in f.rows[:10]] if f else []
        old = items[i]
        items[i] = HistoryItem(old.commit, "; ".join(s for s in (old.summary, summary) if s), old.rows + rows)
    last = data.last_updated(name)
    return HistoryContext(
        available=data.history is not None, items=items[:HISTORY_ITEMS], more=max(0, len(items) - HISTORY_ITEMS),
        changes_href=link(page, urls.CHANGES),
        feed_href=link(page, urls.feed(name)) if data.history is not None else "",
        last_updated=commit_info(last, page, by_sha) if last else None, gap=history_gap(data),
    )


def history_for_place(data: model.Model, place_id: str, page: str) -> HistoryContext:
    """The History section of place page `place_id`: every row change about the place."""
    by_sha = commit_urls(data)
    places = place_ids(data)
    items = [HistoryItem(commit_info(change.commit, page, by_sha), f"«{table_title(data, f.package, f.resource)}»",
                         [row_view(data, places, f, r, page)])
             for change, f, r in data.history_for_place(place_id)]
    return HistoryContext(
        available=data.history is not None, items=items[:HISTORY_ITEMS], more=max(0, len(items) - HISTORY_ITEMS),
        changes_href=link(page, urls.CHANGES), feed_href="", gap=history_gap(data),
    )
