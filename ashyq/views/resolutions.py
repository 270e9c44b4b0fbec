"""Resolutions: an index of every akimat resolution and a page per resolution.

A resolution's page holds its legal details (issuer, number, date, signatory, legal basis,
amendments), its annexes with their headers as printed, and every table of the document:
the quota rows of a quota resolution (with a chart of jobs by place), the staff structures
and the list of institutions of a reorganisation. Validation warnings (quality flags of
the document) are shown beside their rows and listed at the top. Every row has a stable
anchor and links to its source lines.

Tables are split by resolution once (groupby), so the build stays linear in the rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ashyq import charts, formats, i18n, model, render, search, urls
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import (
    ActLink,
    FlagEntry,
    Output,
    PageSources,
    RowSource,
    SharedSource,
    cited_act_links,
    documented,
    embeds,
    records_by,
    resolution_act,
    shared_source,
)
from ashyq.views.paging import Pager, pager, split
from ashyq.views.rules import RuleBlock, repealed_text, rule_blocks

INDEX = urls.docs_path(urls.RESOLUTIONS)
# The index lists every resolution on one page up to this many; above it (a national corpus
# has thousands: 2.4 MB of HTML for 4,560), it summarises them by region, each region's list
# on its own pages (urls.resolutions_of_region) of at most RESOLUTIONS_PER_PAGE, newest first.
RESOLUTIONS_INLINE = 300
RESOLUTIONS_PER_PAGE = 300
# The newest resolutions the summarised index still lists in full.
INDEX_NEWEST = 20

# Tables whose rows belong to a resolution (by `resolution_id`) and are shown on its page.
ROW_TABLES = [("resolutions", "resolutions"), ("resolutions", "annexes"), ("quotas", "quotas"),
              ("resolutions", "staffing"), ("resolutions", "institutions")]


@dataclass(frozen=True)
class FlagGroup:
    """The flags of one code on a page: its title and explanation once, then the rows."""

    code: str = documented('the problem code, e.g. "total-mismatch" (the group\'s anchor: flag-<code>)')
    title: str = documented("its title in the reader's words (Kazakh where the rule has it)")
    explain: str = documented('what it means and what to do; "" when none')
    entries: list[FlagEntry] = documented("its flags on the page, in the order of the rows")


def group_flags(entries: list[FlagEntry]) -> list[FlagGroup]:
    groups: dict[str, list[FlagEntry]] = {}
    for e in entries:
        groups.setdefault(e.flag.code, []).append(e)
    return [FlagGroup(code, es[0].flag.title, es[0].flag.explain, es) for code, es in groups.items()]


@dataclass(frozen=True)
class Annex:
    src: RowSource = documented('the annex\'s row of annexes.csv (anchor "annex-<annex>")')
    annex: str = documented('the annex\'s number as the CSV writes it, e.g. "1"')
    label: str = documented('its label as printed; "<annex> қосымша" when none is recorded')
    header: str = documented('the header printed above its title, e.g. "…№ 593 қаулысына 1 қосымша"; "" when none')
    title: str = documented('its title as printed; "" when none')
    amended_by: str = documented('the amending acts as "18.02.2026 № 28" (several joined by "; "); "" when none')
    note: str = documented('a note on the annex; "" when none')


@dataclass(frozen=True)
class QuotaRow:
    src: RowSource = documented('the row\'s provenance (anchor "row-<category>-<row_no>")')
    row_no: int = documented("the row's number in the document's table")
    organization: str = documented("the organisation's name as printed")
    place_kk: str = documented('the name of the place the row is in (its id when unknown); "" when none')
    place_href: str = documented('link to that place\'s page; "" when none')
    headcount: str = documented('the headcount, formatted; "" when empty')
    quota_percent: str = documented('the quota, % of the headcount, formatted (e.g. "2,5"); "" when empty')
    jobs: str = documented('the quota jobs, formatted; "" when empty')


@dataclass(frozen=True)
class QuotaTable:
    """The quota rows of one category (one annex of the document, as a rule)."""

    anchor: str = documented('the table\'s id, "quotas-<category>"')
    category: str = documented('the category\'s code, e.g. "disability"')
    title: str = documented("the category's title (the schema's enumTitles)")
    year: str = documented('the quota years of its rows, joined by ", "; "" when none')
    rows: list[QuotaRow] = documented("its rows, in the CSV's order")
    headcount: int = documented("the sum of the rows' headcounts (empty cells count 0)")
    jobs: int = documented("the sum of the rows' quota jobs (empty cells count 0)")
    shared: SharedSource = documented("what its rows' provenance shares (their CSV file, their key's resolution and "
                                      "category), said once on the table", default=SharedSource("", ""))
    rows_from: str = documented('on the Russian and English sites, the link to the same table on the Kazakh page, '
                                "whose rows the reader's browser shows here (the rows are data as printed: one copy "
                                'for the three sites, issue 18), e.g. "../../../resolutions/x/#quotas-disability"; '
                                '"" on the Kazakh site, where the rows are in the page', default="")
    place_names: dict[str, str] = documented("with rows_from: the page's name of each place its rows link to, by "
                                             "the link (the Kazakh rows carry Kazakh names); empty otherwise",
                                             default_factory=dict)
    numbers: dict[str, dict[str, str]] = documented('with rows_from: how the Kazakh rows write their figures and '
                                                    'how this page writes them, {"from": {"group": "\\u00a0", '
                                                    '"decimal": ","}, "to": {…}} (formats.number_symbols); empty '
                                                    "otherwise", default_factory=dict)
    search_words: str = documented("the words of its rows' organisation names, each once, in order of first "
                                   "appearance (search.distinct_words): what the site search indexes of the "
                                   "table, in a hidden paragraph (on the Russian and English pages too, whose rows "
                                   "the browser brings: a reader searching an organisation there finds its act)",
                                   default="")


@dataclass(frozen=True)
class StaffRow:
    src: RowSource = documented('the row\'s provenance (anchor "row-staffing-<annex>-<row_no>")')
    row_no: int = documented("the row's number in the annex")
    is_total: bool = documented("whether it is the annex's printed total, not a position")
    unit: str = documented('the structural unit, as printed; "" when none')
    position: str = documented('the position, as printed; "" when none')
    staff_units: str = documented('its staff units, formatted; "" when empty')


@dataclass(frozen=True)
class StaffTable:
    """One staff-structure annex: its positions and its printed total beside their sum."""

    anchor: str = documented('the table\'s id, "staffing-<annex>"')
    annex: str = documented("the annex's number")
    title: str = documented('the annex\'s title; "" when unknown')
    rows: list[StaffRow] = documented("its rows, the printed total included")
    positions: int = documented("the rows that are positions (not the printed total)")
    printed_total: int | None = documented("the total staff units as printed; None when the annex prints none")
    computed_total: int = documented("the sum of the positions' staff units (empty cells count 0)")
    total_mismatch: bool = documented("validation flagged the printed total (rules.py, total-mismatch)")


@dataclass(frozen=True)
class InstitutionRow:
    src: RowSource = documented('the row\'s provenance (anchor "row-institution-<row_no>")')
    row_no: int = documented("the row's number in the document's list")
    name: str = documented("the institution's name, as printed")
    legal_form: str = documented('its legal form, as printed; "" when none')
    place_kk: str = documented('the name of its resolved place (its id when unknown); "" when none')
    place_href: str = documented('link to that place\'s page; "" when none')
    place_as_printed: str = documented('its place as printed; "" when none')


@dataclass(frozen=True)
class ResolutionContext:
    """One resolution's page."""

    resolution_id: str = documented("the resolution's id")
    title: str = documented('its title as printed; "" when none')
    issuer: str = documented('the akimat that issued it; "" when unknown')
    place_kk: str = documented('the name of the issuer\'s place (its id when unknown); "" when none')
    place_href: str = documented('link to that place\'s page; "" when none')
    number: str = documented('its number; "" when none')
    adopted_on: str = documented('its date, dd.mm.yyyy (anything that is not an ISO date as written); "" when unknown')
    dated_as_printed: str = documented('its date as the document prints it; "" when none')
    topic: str = documented('its topic in Kazakh, e.g. "Жұмыс орындарына квота" (the code when it has no title)')
    signed_by: str = documented('who signed it; "" when unknown')
    signer_position: str = documented('the signatory\'s position; "" when unknown')
    amended_by: str = documented('the amending acts as "18.02.2026 № 28" (several joined by "; "); "" when none')
    legal_basis: str = documented('the laws it is based on, as printed; "" when none')
    preamble: str = documented('its preamble as extracted from the PDF; "" when none')
    src: RowSource = documented('its own row of resolutions.csv and its source lines (anchor "resolution")')
    source_page_href: str = documented('link to the document\'s page; "" when it names no source document')
    index_href: str = documented("link to resolutions/")
    annexes: list[Annex] = documented("its annexes, in the CSV's order")
    quota_tables: list[QuotaTable] = documented("its quota rows, one table per category (in order of first "
                                                "appearance); empty when none")
    staff_tables: list[StaffTable] = documented("its staff-structure annexes, one table each, by annex")
    institutions: list[InstitutionRow] = documented("the institutions it lists; empty when none")
    flag_entries: list[FlagEntry] = documented("every flag of the page's rows, in the order they are shown")
    flag_groups: list[FlagGroup] = documented("the same flags grouped by code, in order of first appearance")
    chart: charts.Chart | None = documented("its quota jobs by place; None without quota rows", default=None)
    chart_rows: list[dict[str, Any]] = documented("the chart's data, one dict per place, year and category: "
                                                  "resolution_id, place_id, place_kk, year, category (its title), "
                                                  "jobs, organizations", default_factory=list)
    official: ActLink | None = documented("the act itself with its official text on adilet.zan.kz (its own page, "
                                          "or a search for its number and date); None in a hand-made context",
                                          default=None)
    bases: list[ActLink] = documented("the numbered acts its legal basis cites (model.cited_acts), each with a "
                                      "search of adilet.zan.kz; empty when it cites none", default_factory=list)
    rules: list[RuleBlock] = documented("the quota terms it sets (quotas/quota_rules), in plain words, each with "
                                        "its calculator; empty when none", default_factory=list)
    repealed: str = documented('how it was repealed: "12.05.2020 № 112 актімен күші жойылған"; "" while in force '
                               "(no repeal recorded)", default="")
    language_kk: str = documented('the language of its text, its title (enumTitles), e.g. "Қазақша"', default="")
    language: str = documented('the language of its text as a code for lang= ("kk", "ru"); "kk" when unknown',
                               default="kk")
    registration: str = documented('its justice registration: "№ 9001, 25.11.2026"; "" when not printed',
                                   default="")


@dataclass(frozen=True)
class IndexRow:
    href: str = documented("link to the resolution's page, relative to resolutions/")
    adopted_on: str = documented('its date, dd.mm.yyyy; "" when unknown')
    iso_date: str = documented('its date as the CSV writes it, YYYY-MM-DD (the index is sorted by it); "" when unknown')
    number: str = documented('its number; "" when none')
    issuer: str = documented('the akimat that issued it; "" when unknown')
    topic: str = documented("its topic in Kazakh (the code when it has no title)")
    title: str = documented('its title; "" when none')
    rows: int = documented("its rows on its page: quota, staff (printed totals included) and institution rows")
    flags: int = documented("the quality flags of every row on its page (its own row and annexes included)")
    repealed: str = documented('"12.05.2020 № 112 актімен күші жойылған" for a repealed act; "" in force',
                               default="")
    language: str = documented('the language of its title, for lang= ("kk", "ru")', default="kk")


@dataclass(frozen=True)
class YearGroup:
    """The resolutions of one year on a page of a region's list."""

    year: str = documented('the year of their date, "YYYY"; "" for an unknown date')
    anchor: str = documented('the group\'s id on the page, "year-YYYY" ("year-unknown" without a date)')
    rows: list[IndexRow] = documented("its resolutions, newest first")


@dataclass(frozen=True)
class YearLink:
    year: str = documented('a year of the region\'s resolutions, "YYYY"; "" for an unknown date')
    count: int = documented("how many resolutions of that year the region has")
    href: str = documented("link to the page of the region's list where that year begins, at its heading")


@dataclass(frozen=True)
class RegionEntry:
    """A region in the summarised index: how many resolutions it issued, and when."""

    name: str = documented('the region\'s reader name, e.g. "Ақмола облысы"; "Аумағы белгісіз" for the resolutions '
                           "whose issuer is in no known place")
    href: str = documented("link to the first page of its list")
    count: int = documented("how many resolutions its akimats issued (the region's and every place's inside it)")
    years: list[YearLink] = documented("the years of its resolutions, newest first")


@dataclass(frozen=True)
class IndexContext:
    rows: list[IndexRow] = documented("every resolution, newest first (by date, then number), when the index is one "
                                      "page; the newest INDEX_NEWEST when it is summarised by region (regions)")
    regions: list[RegionEntry] = documented("above RESOLUTIONS_INLINE resolutions: every region with resolutions, in "
                                            "places.csv order, each with its own list; empty when rows lists them all",
                                            default_factory=list)
    total: int = documented("how many resolutions the site has", default=0)


@dataclass(frozen=True)
class RegionIndexContext:
    """A page of one region's resolutions (the resolutions index above RESOLUTIONS_INLINE)."""

    name: str = documented('the region\'s reader name, e.g. "Ақмола облысы" ("Аумағы белгісіз": no known place)')
    place_href: str = documented('link to the region\'s page; "" for the resolutions without a place')
    index_href: str = documented("link to resolutions/ (every region)")
    years: list[YearGroup] = documented("the page's resolutions by year, newest first")
    pager: Pager = documented("this page among the pages of the region's list (number, previous, next, all)")


def _sum(values: Iterable[Any]) -> int:
    """The sum of the numbers among `values`, as a whole number (empty cells count 0)."""
    return int(sum(v for v in values if formats.present(v)))


def _group(rows: list[dict[str, Any]], key: str) -> dict[Any, list[dict[str, Any]]]:
    """Rows by the value of `key`, in order of first appearance."""
    out: dict[Any, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(r[key], []).append(r)
    return out


def _registration(row: dict[str, Any]) -> str:
    """"№ 9001, 25.11.2026" (the justice registration as recorded); "" when not printed."""
    number = formats.text(row.get("registration_number"))
    if not number:
        return ""
    day = formats.date(row.get("registered_on"))
    return f"№ {number}, {day}" if day else f"№ {number}"


# ------------------------------------------------------------------ pages

def page_path(resolution_id: str) -> str:
    return urls.docs_path(urls.resolution(resolution_id))


def iter_outputs(data: model.Model) -> Iterator[Output]:
    resolutions = data.lined("resolutions", "resolutions")
    if resolutions is None:
        return
    groups = {key: _rows_by_resolution(data, key) for key in ROW_TABLES}
    jobs = _jobs_by_place(data, model.place_names(data))
    entries: list[tuple[str, dict[str, Any]]] = []
    for row in resolutions.to_dict("records"):
        rid = str(row["resolution_id"])
        parts = {key: groups[key].get(rid, []) for key in ROW_TABLES}
        ctx = ResolutionPage(data, row, data.names).context(parts, jobs.get(rid, []))
        if ctx.chart is not None:
            source, act = formats.text(row.get("source_path")), ctx.official.label if ctx.official else rid
            chart, embed_page = embeds.share_chart(
                data, ctx.chart, urls.chart_key("resolution", rid, "jobs"), page=page_path(rid),
                page_title=act, title=embeds.title("resolution", act=act),
                sources=[(act, urls.source_document(source) if source else urls.resolution(rid))],
                package="quotas")
            ctx = replace(ctx, chart=chart)
            yield embed_page
        yield Output(page_path(rid), render.render_page("resolution.md.j2", ctx))
        entries.append((formats.text(row.get("place_id")), dict(
            rid=rid, adopted_on=ctx.adopted_on, iso_date=formats.text(row["adopted_on"]), number=ctx.number,
            issuer=ctx.issuer, topic=ctx.topic, title=ctx.title,
            rows=sum(len(t.rows) for t in ctx.quota_tables) + sum(len(t.rows) for t in ctx.staff_tables)
            + len(ctx.institutions),
            flags=len(ctx.flag_entries), repealed=ctx.repealed, language=ctx.language)))
    entries.sort(key=lambda e: (e[1]["iso_date"], e[1]["number"]), reverse=True)
    if len(entries) <= RESOLUTIONS_INLINE:
        yield Output(INDEX, render.render_page("resolutions.md.j2", IndexContext(
            [_index_row(INDEX, e) for _, e in entries], total=len(entries))))
        return
    yield from _region_outputs(data, entries)


def _index_row(page: str, e: dict[str, Any]) -> IndexRow:
    """A resolution's row in a list of resolutions on the page at `page`."""
    fields = {k: v for k, v in e.items() if k != "rid"}
    return IndexRow(href=link(page, urls.resolution(e["rid"])), **fields)


def region_of(data: model.Model, place_id: str) -> str:
    """The region whose list of resolutions holds an act issued in `place_id` (the top of its
    chain of places today, as the places pages group them); urls.NO_REGION for no known place."""
    return data.chain(place_id)[-1] if place_id in data.names else urls.NO_REGION


def regions_listed(data: model.Model) -> bool:
    """Whether the resolutions index is summarised by region (more than RESOLUTIONS_INLINE
    resolutions): then urls.resolutions_of_region lists each region's."""
    resolutions = data.table("resolutions", "resolutions")
    return resolutions is not None and len(resolutions) > RESOLUTIONS_INLINE


def _region_outputs(data: model.Model, entries: list[tuple[str, dict[str, Any]]]) -> Iterator[Output]:
    """The summarised index and each region's pages (`entries`: newest first)."""
    by_region: dict[str, list[dict[str, Any]]] = {}
    for place_id, e in entries:
        by_region.setdefault(region_of(data, place_id), []).append(e)
    order = {pid: i for i, pid in enumerate(data.names)}
    regions = []
    for region in sorted(by_region, key=lambda r: (order.get(r, len(order)), r)):
        rows = by_region[region]
        url = urls.resolutions_of_region(region)
        name = data.names.get(region, tr("Аумағы белгісіз")) if region != urls.NO_REGION else tr("Аумағы белгісіз")
        pages = split(rows, RESOLUTIONS_PER_PAGE)
        names = [(p[0]["adopted_on"], p[-1]["adopted_on"]) for p in pages]
        first_page: dict[str, int] = {}
        for n, part in enumerate(pages, start=1):
            page = urls.docs_path(urls.paged(url, n))
            years: list[YearGroup] = []
            for e in part:
                year = e["iso_date"][:4] if e["iso_date"][:4].isdigit() else ""
                if not years or years[-1].year != year:
                    years.append(YearGroup(year, f"year-{year or 'unknown'}", []))
                    first_page.setdefault(year, n)
                years[-1].rows.append(_index_row(page, e))
            yield Output(page, render.render_page("resolutions_region.md.j2", RegionIndexContext(
                name=name, place_href=link(page, urls.place(region)) if region != urls.NO_REGION else "",
                index_href=link(page, urls.RESOLUTIONS), years=years,
                pager=pager(url, n, len(pages), len(rows), names))))
        counts: dict[str, int] = {}
        for e in rows:
            year = e["iso_date"][:4] if e["iso_date"][:4].isdigit() else ""
            counts[year] = counts.get(year, 0) + 1
        regions.append(RegionEntry(name, link(INDEX, url), len(rows), [
            YearLink(y, c, link(INDEX, urls.paged(url, first_page[y])) + f"#year-{y or 'unknown'}")
            for y, c in counts.items()]))
    newest = [_index_row(INDEX, e) for _, e in entries[:INDEX_NEWEST]]
    yield Output(INDEX, render.render_page("resolutions.md.j2", IndexContext(newest, regions, len(entries))))


def _rows_by_resolution(data: model.Model, key: tuple[str, str]) -> dict[str, list[dict[str, Any]]]:
    """A table's rows (with their CSV line) as plain dicts by resolution, converted once."""
    df = data.lined(*key)
    if df is None or "resolution_id" not in df.columns:
        return {}
    return records_by(df.astype(object).where(df.notna(), None), "resolution_id")


def _jobs_by_place(data: model.Model, names: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """Each resolution's quota jobs per place (model.jobs_by_place), in one pass."""
    quotas = data.table("quotas", "quotas")
    if quotas is None or quotas.empty or "resolution_id" not in quotas.columns:
        return {}
    named = (quotas.merge(names[["place_id", "place_kk"]], on="place_id", how="left")
             .assign(place_kk=lambda d: d["place_kk"].fillna(d["place_id"])))
    return records_by(model.jobs_by_place(named, within=("resolution_id",)), "resolution_id")


class ResolutionPage:
    """The parts of one resolution's page. Every row gets its provenance here (`source`),
    which also collects the row's flags into the page's list of flags."""

    def __init__(self, data: model.Model, row: dict[str, Any], names: dict[str, str]):
        self.data = data
        self.row = row
        self.rid = str(row["resolution_id"])
        self.page = page_path(self.rid)
        self.source_path = formats.text(row.get("source_path"))
        self.sources = PageSources(data, self.page, self.source_path)
        self.names = names
        self.categories = data.labels("quotas", "quotas", "category")
        self._places: dict[str, tuple[str, str]] = {}

    def source(self, key: tuple[str, str], rec: dict[str, Any], anchor: str, label: str) -> RowSource:
        """The provenance of a row of table `key` on this page (its flags join the list)."""
        return self.sources.row(*key, rec, anchor, label)

    def place(self, place_id: Any) -> tuple[str, str]:
        """A place's reader name and the link to its page (looked up once per page)."""
        pid = formats.text(place_id)
        if not pid:
            return "", ""
        if pid not in self._places:
            self._places[pid] = str(self.names.get(pid, pid)), link(self.page, urls.place(pid))
        return self._places[pid]

    def context(self, parts: dict[tuple[str, str], list[dict[str, Any]]],
                jobs_by_place: list[dict[str, Any]]) -> ResolutionContext:
        """The page: `parts` are its rows of each of ROW_TABLES (plain dicts with their CSV
        line), `jobs_by_place` its quota jobs per place (model.jobs_by_place's records)."""
        row = self.row
        own = self.source(("resolutions", "resolutions"), row, "resolution", tr("Қаулы"))
        annexes = self.annexes(parts[("resolutions", "annexes")])
        quota_tables = self.quota_tables(parts[("quotas", "quotas")])
        staff_tables = self.staff_tables(parts[("resolutions", "staffing")], {a.annex: a.title for a in annexes})
        institutions = self.institutions(parts[("resolutions", "institutions")])
        chart, chart_rows = None, []
        if charts.worth_a_chart(len(jobs_by_place)):
            chart = charts.resolution_jobs_by_place(jobs_by_place, f"chart-{self.rid}-jobs", self.categories)
            chart_rows = [{**r, "category": self.categories.get(r["category"], r["category"])}
                          for r in jobs_by_place]
        place_kk, place_href = self.place(row.get("place_id"))
        return ResolutionContext(
            resolution_id=self.rid, title=formats.text(row.get("title_kk")), issuer=formats.text(row.get("issuer_kk")),
            place_kk=place_kk, place_href=place_href, number=formats.text(row.get("number")),
            adopted_on=formats.date(row.get("adopted_on")), dated_as_printed=formats.text(row.get("dated_as_printed")),
            topic=self.data.label("resolutions", "resolutions", "topic", row.get("topic")),
            signed_by=formats.text(row.get("signed_by")),
            signer_position=formats.text(row.get("signer_position_kk")),
            amended_by=formats.amendment(row.get("amended_by")),
            legal_basis=formats.text(row.get("legal_basis_kk")), preamble=formats.text(row.get("preamble_kk")),
            src=own, source_page_href=link(self.page, urls.source_document(self.source_path))
            if self.source_path else "",
            index_href=link(self.page, urls.RESOLUTIONS), annexes=annexes, quota_tables=quota_tables,
            staff_tables=staff_tables, institutions=institutions,
            flag_entries=self.sources.entries, flag_groups=group_flags(self.sources.entries),
            chart=chart, chart_rows=chart_rows,
            official=resolution_act(self.data, self.page, row),
            bases=cited_act_links(row.get("legal_basis_kk")),
            rules=rule_blocks(self.data, self.sources, self.data.rules_of_resolution(self.rid)),
            repealed=repealed_text(formats.text(row.get("repealed_by")), formats.text(row.get("repealed_on"))),
            language_kk=self.data.label("resolutions", "resolutions", "language", row.get("language"))
            if formats.present(row.get("language")) else "",
            registration=_registration(row),
            language=formats.text(row.get("language")) or "kk",
        )

    def annexes(self, rows: list[dict[str, Any]]) -> list[Annex]:
        out = []
        for a in rows:
            label = formats.text(a.get("label_as_printed")) or tr("%(n)s қосымша") % {"n": a["annex"]}
            out.append(Annex(
                self.source(("resolutions", "annexes"), a, f"annex-{a['annex']}", label),
                str(a["annex"]), label, formats.text(a.get("header_kk")), formats.text(a.get("title_kk")),
                formats.amendment(a.get("amended_by")), formats.text(a.get("note_kk"))))
        return out

    def quota_tables(self, rows: list[dict[str, Any]]) -> list[QuotaTable]:
        tables = []
        for category, part in _group(rows, "category").items():
            title = self.categories.get(str(category), str(category))
            table_rows = []
            for q in part:
                place_kk, place_href = self.place(q.get("place_id"))
                table_rows.append(QuotaRow(
                    self.source(("quotas", "quotas"), q, f"row-{category}-{q['row_no']}", f"{title}, № {q['row_no']}"),
                    int(q["row_no"]), formats.text(q.get("organization_kk")), place_kk, place_href,
                    formats.number(q.get("headcount")), formats.number(q.get("quota_percent")),
                    formats.number(q.get("jobs"))))
            years = sorted({str(q["year"]) for q in part if q.get("year") is not None})
            elsewhere = i18n.current() != i18n.SOURCE
            tables.append(QuotaTable(
                f"quotas-{category}", str(category), title, ", ".join(years), table_rows,
                _sum(q.get("headcount") for q in part), _sum(q.get("jobs") for q in part),
                shared_source(r.src for r in table_rows),
                rows_from=urls.source_language_page(self.page, f"{urls.resolution(self.rid)}#quotas-{category}")
                if elsewhere else "",
                place_names={r.place_href: r.place_kk for r in table_rows if r.place_href} if elsewhere else {},
                numbers={"from": formats.number_symbols(i18n.SOURCE), "to": formats.number_symbols()}
                if elsewhere else {},
                search_words=search.distinct_words(r.organization for r in table_rows)))
        return tables

    def staff_tables(self, rows: list[dict[str, Any]], annex_titles: dict[str, str]) -> list[StaffTable]:
        tables = []
        by_annex = _group(rows, "annex")
        for annex in sorted(by_annex):
            table_rows = [StaffRow(
                self.source(("resolutions", "staffing"), s, f"row-staffing-{annex}-{s['row_no']}",
                            tr("%(n)s қосымша, № %(row)s") % {"n": annex, "row": s["row_no"]}),
                int(s["row_no"]), s.get("row_kind") == "total", formats.text(s.get("unit_kk")),
                formats.text(s.get("position_kk")), formats.number(s.get("staff_units"))) for s in by_annex[annex]]
            totals = [s["staff_units"] for s in by_annex[annex]
                      if s.get("row_kind") == "total" and formats.present(s.get("staff_units"))]
            tables.append(StaffTable(
                f"staffing-{annex}", str(annex), annex_titles.get(str(annex), ""), table_rows,
                sum(not r.is_total for r in table_rows), int(totals[0]) if totals else None,
                _sum(s.get("staff_units") for s in by_annex[annex] if s.get("row_kind") != "total"),
                any(f.code == "total-mismatch" for r in table_rows if r.is_total for f in r.src.flags)))
        return tables

    def institutions(self, rows: list[dict[str, Any]]) -> list[InstitutionRow]:
        out = []
        for i in rows:
            place_kk, place_href = self.place(i.get("place_id"))
            out.append(InstitutionRow(
                self.source(("resolutions", "institutions"), i, f"row-institution-{i['row_no']}",
                            tr("Мекеме № %(row)s") % {"row": i["row_no"]}),
                int(i["row_no"]), formats.text(i.get("name_kk")), formats.text(i.get("legal_form_kk")),
                place_kk, place_href, formats.text(i.get("place_as_printed"))))
        return out
