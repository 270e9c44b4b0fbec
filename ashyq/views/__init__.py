"""One view module per page type: each turns the model into the files of its pages.

A view is a module with `iter_outputs(data: Model) -> Iterator[Output]`; its page contexts
are dataclasses beside it whose every field says what it holds (`doc`), and its templates are
in site_templates/pages/. tests/test_contexts.py fails on an undocumented field;
docs/page-contexts.md lists them all (`python -m ashyq.contexts` rewrites it).
build.py writes what the views yield; views never write files themselves.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ashyq import formats, model, urls
from ashyq.atlas import records_by as records_by
from ashyq.i18n import gettext as tr
from ashyq.model import LINE
from ashyq.urls import link, source_lines

if TYPE_CHECKING:
    from ashyq.model import Flag, Model, Provenance


def documented(help: str, **kwargs: Any) -> Any:
    """A documented dataclass field: `help` says what it holds for the templates (units,
    format, what empty means); `default` or `default_factory` work as in `dataclasses.field`,
    and without them the field stays required."""
    return field(metadata={"help": help}, **kwargs)


@dataclass(frozen=True)
class Output:
    """One file of the site's docs folder: text to write, bytes to write (a generated
    download: xlsx, zip), or a file to copy byte for byte."""

    path: str = documented('where the file goes, relative to the docs folder, with "/" separators')
    text: str | None = documented("the text to write (UTF-8); None when the file is bytes or a copy", default=None)
    copy_from: Path | None = documented("a file to copy byte for byte (a CSV, a source document); None otherwise",
                                        default=None)
    data: bytes | None = documented("the bytes to write (a generated xlsx, json or zip download); None otherwise",
                                    default=None)

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")


@dataclass(frozen=True)
class Column:
    """A column of a data table on the site."""

    field: str = documented("the field of the rows it shows, e.g. \"jobs\" or \"place_kk\"")
    title: str = documented("its heading on the page, in Kazakh")
    kind: str = documented("text | number | facet (text with a drop-down filter)", default="text")
    width: int | None = documented("in pixels: the fixed width of a number column, the minimum of a text one; None: "
                                   "the table decides", default=None)


@dataclass(frozen=True)
class RowSource:
    """A row's provenance as a page shows it (every row of every table has one): its
    anchor on the page, its source lines and the link to them, its CSV line and the link
    to correct it, its quality flags. Links are relative to the page."""

    anchor: str = documented('the row\'s id on the page, e.g. "row-disability-12"')
    line: int = documented("the row's line in its CSV file (header = 1)")
    csv: str = documented('the CSV file and line, e.g. "datasets/quotas/data/quotas.csv:13"')
    lines: str = documented('the source lines as recorded, e.g. "54-72"; "" when unknown')
    href: str = documented("link to the source lines on the document's page; \"\" when the row names no source")
    flags: tuple[Flag, ...] = documented("the quality flags (validation warnings) of the row, empty when none",
                                         default=())
    key: str = documented('the row\'s key as a report of a mistake names it, e.g. "resolution_id=…; category=…; '
                          'row_no=12" (Model.row_key); the page carries it and the CSV line, and ashyq.js makes the '
                          'row\'s correction links from them (the issue form, the e-mail, the web editor)', default="")
    correctable: bool = documented("whether the site has a repository to correct the row in (mkdocs.yml "
                                   "extra.repository): without one, the page offers no correction links",
                                   default=False)

    def key_within(self, shared: SharedSource) -> str:
        """The key less the parts its table says once for every row (`shared.key_prefix`)."""
        prefix = shared.key_prefix
        return self.key[len(prefix) + 2:] if prefix and self.key.startswith(prefix + "; ") else self.key


@dataclass(frozen=True)
class SharedSource:
    """What every row of a table has in common, said once on the table (`data-csv`,
    `data-key-prefix`) instead of on each of its rows: a table of a national act has
    hundreds. ashyq.js puts them back together when it makes a row's correction links."""

    csv_file: str = documented('the CSV file every row is a line of, e.g. "datasets/quotas/data/quotas.csv"; "" '
                               "when the rows are of different files (each row then names its own)")
    key_prefix: str = documented('the leading parts every row\'s key shares, e.g. "resolution_id=…; category=…" '
                                 "(never a whole key: each row keeps at least its last part); \"\" when none")


def shared_source(sources: Iterable[RowSource]) -> SharedSource:
    """The CSV file and the leading key parts that all of `sources` share."""
    files: set[str] = set()
    common: list[str] | None = None
    for src in sources:
        files.add(src.csv.rpartition(":")[0])
        parts = src.key.split("; ")[:-1]
        if common is None:
            common = parts
        else:
            n = 0
            while n < min(len(common), len(parts)) and common[n] == parts[n]:
                n += 1
            common = common[:n]
    if len(files) != 1 or "" in files:
        return SharedSource("", "")
    return SharedSource(files.pop(), "; ".join(common or []))


def row_source(page: str, prov: Provenance, anchor: str) -> RowSource:
    """`prov` (the model's provenance of a row) as the page at docs path `page` shows it."""
    source = prov.source_url
    return RowSource(anchor, prov.line, prov.position, prov.source_lines,
                     link(page, source) if source else "", prov.flags, prov.row_id, bool(prov.repository))


@dataclass(frozen=True)
class Cell:
    """A value in a pivot table, which shows one CSV row per cell (a place's value of one
    year): its text and that row's provenance (correcting the cell is correcting the row)."""

    text: str = documented("the value as the page prints it (formatted number)")
    src: RowSource = documented("the provenance of the CSV row the value is from")


@dataclass(frozen=True)
class FlagEntry:
    """A flag in a page's list of flags, with a link to the row it is on."""

    flag: Flag = documented("the flag: code, title, message, explanation, severity")
    row_label: str = documented('the flagged row as the list names it, e.g. "Көрсеткіш 3"; "" when the view gives none')
    href: str = documented('link to the row on the same page, e.g. "#row-disability-12"')
    csv: str = documented('the CSV file and line of the row, e.g. "datasets/quotas/data/quotas.csv:13"')


class PageSources:
    """The rows of one page and where they come from: `row` gives each row its RowSource
    and collects its flags, in the order the page shows the rows, for the page's list of
    flags. `source_path` is the document the page's rows were read from."""

    def __init__(self, data: Model, page: str, source_path: str = ""):
        self.data = data
        self.page = page
        self.source_path = source_path
        self.entries: list[FlagEntry] = []

    def row(self, package: str, resource: str, rec: dict[str, Any], anchor: str, label: str = "",
            lines: str = "source_lines", source_path: str | None = None) -> RowSource:
        """The RowSource of `rec`, a row of a Model.lined table (its CSV line in LINE);
        `lines` names the field with its source lines, `source_path` the document when the
        page's rows come from several."""
        document = self.source_path if source_path is None else source_path
        prov = self.data.provenance(package, resource, int(rec[LINE]), document, rec.get(lines))
        src = row_source(self.page, prov, anchor)
        self.entries.extend(FlagEntry(f, label, f"#{anchor}", src.csv) for f in src.flags)
        return src

    def lines_href(self, lines: Any, source_path: str | None = None) -> str:
        """A link from this page to `lines` of its document ("" when either is unknown)."""
        document = self.source_path if source_path is None else source_path
        text = "" if lines is None or lines != lines else str(lines)
        return link(self.page, source_lines(document, text)) if document and text else ""


@dataclass(frozen=True)
class Download:
    label: str = documented("the button's text, e.g. \"Барлық жолдар (CSV)\"")
    href: str = documented("link to the file, relative to the page")
    note: str = documented('what the file is, shown after the button, e.g. "түпнұсқа файл, UTF-8"; "" for none',
                           default="")


def rows_json(df: pd.DataFrame) -> str:
    """A table as {columns, rows}: compact (no repeated keys) for large tables."""
    values = df.astype(object).where(df.notna(), None).to_numpy().tolist()
    payload = {"columns": list(df.columns), "rows": [[formats.plain(v) for v in row] for row in values]}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))




@dataclass(frozen=True)
class ActLink:
    """A legal act as a page names it: its page on this site (a resolution) and its official
    text on adilet.zan.kz (its own page when known, else a search for its number and date)."""

    label: str = documented('how the page names it: "Батыс Қазақстан облысы әкімдігі, 21.11.2025 № 246" (a '
                            'resolution), "07.06.2023 № 207 «…» (тіркеу № 32737)" (an act cited)')
    href: str = documented('link to its page on this site, relative; "" for an act cited, which has none')
    official_href: str = documented("adilet.zan.kz: its own page (resolutions.official_url) or a search for its "
                                    "number and date (urls.adilet_search)")
    official_is_search: bool = documented("official_href is a search, not the act's own page")


def resolution_act(data: Model, page: str, rec: dict[str, Any]) -> ActLink:
    """A resolution (a row of resolutions.csv) as an ActLink from the page at `page`."""
    official = formats.text(rec.get("official_url"))
    number, adopted = formats.text(rec.get("number")), formats.text(rec.get("adopted_on"))
    label = f"{formats.text(rec.get('issuer_kk'))}, {formats.date(adopted)} № {number}"
    return ActLink(label, link(page, urls.resolution(str(rec["resolution_id"]))),
                   official or urls.adilet_search(number, adopted), not official)


def cited_act_links(legal_basis: Any) -> list[ActLink]:
    """The numbered acts a resolution rests on (its legal_basis_kk, model.cited_acts), each
    with a search of adilet.zan.kz for its number and date."""
    return [ActLink(f"{formats.date(a.date)} № {a.number} «{a.title}»"
                    + (" (" + tr("тіркеу № %(n)s") % {"n": a.registration} + ")" if a.registration else ""),
                    "", urls.adilet_search(a.number, a.date), True)
            for a in model.cited_acts(formats.text(legal_basis))]


@dataclass(frozen=True)
class QuotaGuide:
    """What a quota means for a person, on the quotas page and every place page with quota
    rows: who must reserve jobs and for whom (the categories of the rows shown), how to apply,
    under which acts (and the acts they rest on), and which places the data covers."""

    categories: list[str] = documented("the Kazakh titles (enumTitles) of the groups of people the page's rows are "
                                       "for, in the schema's order")
    acts: list[ActLink] = documented("the resolutions that set the page's quotas, by date: all of them, or the "
                                     "newest GUIDE_ACTS when there are more (acts_total, acts_href)")
    bases: list[ActLink] = documented("the numbered acts those resolutions rest on (their legal_basis_kk, "
                                      "model.cited_acts), once each")
    coverage: list[model.Coverage] = documented("the regions of every quota row with their years (Model.coverage)")
    contribute_href: str = documented("link to /contribute/ (how to add a place or year that is missing)")
    enbek_href: str = documented("the electronic labour exchange Enbek.kz, where one applies online (urls.ENBEK)")
    acts_total: int = documented("how many resolutions set the page's quotas (acts may show fewer)", default=0)
    acts_href: str = documented('link to the page that lists every one of them, when acts shows only the newest; '
                                '"" when acts holds them all', default="")


# The quota guide names at most this many resolutions (the newest); above it, it links to the
# page that lists them all: a national corpus has thousands (the quotas page was 1 MB of them).
GUIDE_ACTS = 12


def quota_guide(data: Model, page: str, resolution_ids: Any, categories: Any, all_acts: str = "") -> QuotaGuide:
    """The QuotaGuide of the page at `page` for quota rows of `resolution_ids` and `categories`
    (codes, in the schema's order). Above GUIDE_ACTS resolutions it names the newest and links
    to `all_acts` (a site URL, with an optional "#anchor"), the page that lists them all."""
    titles = data.labels("quotas", "quotas", "category")
    wanted = {str(c) for c in categories}
    by_id = data.resolution_records
    recs = [by_id[str(rid)] for rid in resolution_ids if str(rid) in by_id]
    recs.sort(key=lambda r: (formats.text(r.get("adopted_on")), str(r["resolution_id"])))
    bases: dict[str, ActLink] = {}
    for r in recs:
        for act in cited_act_links(r.get("legal_basis_kk")):
            bases.setdefault(act.official_href, act)
    shown = recs[-GUIDE_ACTS:] if all_acts and len(recs) > GUIDE_ACTS else recs
    return QuotaGuide(
        categories=[title for code, title in titles.items() if code in wanted],
        acts=[resolution_act(data, page, r) for r in shown],
        bases=list(bases.values()),
        coverage=data.coverage,
        contribute_href=link(page, urls.CONTRIBUTE),
        enbek_href=urls.ENBEK,
        acts_total=len(recs),
        acts_href=link(page, all_acts) if len(shown) < len(recs) else "",
    )
