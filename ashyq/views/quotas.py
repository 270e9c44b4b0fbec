"""The quotas explorer: every quota row, searchable and faceted, a chart, downloads.

Rows are written as shards (one gzip-compressed JSON file per region) with a small manifest. A first
visit loads the manifest and, when the whole corpus is small, every shard; in a national
corpus the shards load when a reader filters or searches, so the first visit stays light
(see DESIGN.md, Scale). explorer.js does the searching, faceting, URL state and the
download of the filtered rows. A shard is stored compressed: the rows' JSON repeats names and
codes so much that gzip makes it about 17 times smaller, and a static host keeps every byte
on disk (the national corpus's shards: 105 MB of JSON, 6 MB of gzip).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from ashyq import charts, exports, formats, i18n, model, render, urls
from ashyq.i18n import N_
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import Column, Download, Output, QuotaGuide, documented, embeds, maps, quota_guide, rows_json
from ashyq.views.rules import rule_only_entries

PAGE = urls.docs_path(urls.QUOTAS)
# Load every shard at once when they add up to less than this (bytes of JSON, before gzip).
EAGER_BYTES = 2_000_000
# Above this many places, the chart groups by region instead of by district or city.
CHART_MAX_PLACES = 40

# What the table shows, in order. Fields of quotas.csv keep their names; *_kk are titles.
COLUMNS = [
    Column("year", N_("Жыл"), "number", 76),
    Column("category_kk", N_("Санат"), "text", 130),
    Column("region_kk", N_("Облыс"), "text", 120),
    Column("place_kk", N_("Аудан / қала"), "text", 120),
    Column("row_no", "№", "number", 52),
    Column("organization_kk", N_("Ұйымның атауы"), "text", 220),
    Column("headcount", N_("Тізімдік саны"), "number", 96),
    Column("quota_percent", N_("Квота, %"), "number", 84),
    Column("jobs", N_("Жұмыс орны"), "number", 92),
]
# A heading's bold letters (Tabulator's header: bold 14.4 px) are at most ≈ 9 px wide on
# average over a word («численность» 92 px, «Headcount» 74 px in Chromium's sans-serif); its
# padding and sort arrow take ≈ 36 px.
HEADING_LETTER_PX, HEADING_PADDING_PX = 9, 36
# Facets: (field, label), in the order of the filter panel.
FACETS = [("year", N_("Жыл")), ("region_kk", N_("Облыс")), ("place_kk", N_("Аудан / қала")),
          ("category_kk", N_("Санат"))]


@dataclass(frozen=True)
class QuotasContext:
    """The explorer page. `config` is what explorer.js needs (manifest URL, columns, facets)."""

    summary: model.QuotaSummary = documented("headline figures of every quota row (rows, organisations, places, jobs, "
                                             "years)")
    config: dict[str, Any] = documented("explorer.js's settings, as JSON: manifest, columns, facets, placeUrl, editUrl "
                                        "(the CSV in the web editor; the row's #L<line> is added), report (urls.report "
                                        "of the file, the mail address and the key fields; explorer.js adds the row's "
                                        "line, key and values), download, shown (on /ru/ and /en/ only: "
                                        "shown_values, the shards' Kazakh names in the page's language)")
    chart: charts.Chart | None = documented("quota jobs by place (by region above CHART_MAX_PLACES places); "
                                            "None for fewer than charts.MIN_CHART_VALUES bars")
    chart_headers: list[tuple[str, str]] = documented("the columns of the chart's data table as (key in chart_rows, "
                                                      "heading)")
    chart_rows: list[dict[str, Any]] = documented("the chart's data, one dict per place, year and category: place_id, "
                                                  "place_kk, year, category (its title), jobs, organizations")
    downloads: list[Download] = documented("download buttons: the whole quotas.csv; empty without the package",
                                           default_factory=list)
    guide: QuotaGuide | None = documented("what a quota means for a person, the acts behind the rows and what the "
                                          "data covers (views.quota_guide); None only in a hand-made context",
                                          default=None)
    place_map: maps.PlaceMap | None = documented("the map of quotas by region and by district (views/maps.py); None "
                                                 "without figures", default=None)


def iter_outputs(data: model.Model) -> Iterator[Output]:
    yield from explorer_files(data)
    yield from page_outputs(data)


def iter_pages(data: model.Model) -> Iterator[Output]:
    """The page alone: the other languages' sites share the explorer's files, the map's and
    the embeds (compressing the shards again took ≈ 4 s a language at 300,000 rows)."""
    yield from (out for out in page_outputs(data) if out.is_page)


def explorer_files(data: model.Model) -> Iterator[Output]:
    """The explorer's rows, one compressed shard per region, and their manifest."""
    frame = table_frame(data)
    manifest: dict[str, Any] = {"columns": list(frame.columns), "total": len(frame), "shards": []}
    for shard_id, part in frame.groupby(shard_ids(frame), sort=True):
        text = rows_json(part).encode("utf-8")
        href = f"{shard_id}.json.gz"  # relative to the manifest
        manifest["shards"].append({"id": shard_id, "label": str(part["region_kk"].iloc[0] or shard_id),
                                   "rows": len(part), "bytes": len(text), "href": href})
        # mtime=0: the same rows give the same bytes in every build
        yield Output(urls.explorer_rows(href), data=gzip.compress(text, compresslevel=6, mtime=0))
    manifest["eager"] = sum(s["bytes"] for s in manifest["shards"]) <= EAGER_BYTES
    manifest["rules"] = rule_only_entries(data, PAGE)
    manifest["facets"] = {f: facets_with_rules(frame[f], [r[f] for r in manifest["rules"]]) for f, _ in FACETS}
    manifest["sources"] = source_links(data)
    # a long source document is shown in parts (urls.source_lines): explorer.js finds the part of a line
    manifest["source_part_lines"] = urls.SOURCE_PART_LINES
    manifest["keywords"] = place_keywords(data, frame)
    yield Output(urls.explorer_rows("manifest.json"), json.dumps(manifest, ensure_ascii=False, separators=(",", ":")))


def page_outputs(data: model.Model) -> Iterator[Output]:
    """The page, with its map's file and its embeds."""
    quotas = model.quota_rows(data)
    place_map, map_file = maps.place_map(data, PAGE, "kz", "map-kz")
    if map_file is not None:
        yield map_file  # the home page shows the same map: one file for both
    ctx = quotas_context(data, quotas)
    sources = embeds.resolution_sources(data, quotas["resolution_id"].unique())
    if place_map is not None:  # the home page shows the same map and its embed code: one embed page for both
        place_map, embed_page = embeds.share_map(data, place_map, "kz", page=PAGE,
                                                 page_title=embeds.title("quotas_page"),
                                                 place=embeds.title("country"), sources=sources)
        ctx = replace(ctx, place_map=place_map)
        yield embed_page
    if ctx.chart is not None:
        chart, embed_page = embeds.share_chart(
            data, ctx.chart, urls.chart_key("quotas", "jobs-by-place"), page=PAGE,
            page_title=embeds.title("quotas_page"), title=embeds.title("quotas"), sources=sources, package="quotas")
        ctx = replace(ctx, chart=chart)
        yield embed_page
    yield Output(PAGE, render.render_page("quotas.md.j2", ctx))


def shown_column(column: Column) -> dict[str, Any]:
    """explorer.js's column: its heading in the page's language, and a number column (whose
    width is fixed) wide enough for the heading's longest word: a heading wraps between words,
    and «Списочная численность» broke inside them at 96 px."""
    title = tr(column.title)
    width = column.width
    if column.kind == "number" and width is not None:
        longest = max((len(word) for word in title.split()), default=0)
        width = max(width, longest * HEADING_LETTER_PX + HEADING_PADDING_PX)
    return dict(column.__dict__, title=title, width=width)


def table_frame(data: model.Model) -> pd.DataFrame:
    """Every column of quotas.csv as written in the file (so a download of filtered rows
    has the same values), plus the titles the table shows and the row's CSV line."""
    raw = data.table("quotas", "quotas")
    lined = data.lined("quotas", "quotas")
    if raw is None or lined is None:
        return pd.DataFrame(columns=["csv_line", "place_kk", "region_id", "region_kk", "category_kk"])
    # numbers as the CSV writes them: 2, not 2.0 (the loader reads numbers as floats)
    text = raw.apply(lambda col: col.map(formats.as_written) if col.dtype == "Float64" else col)
    text = text.astype("string").fillna("")
    names = model.place_names(data).set_index("place_id")
    titles = data.labels("quotas", "quotas", "category")
    place_ids = raw["place_id"].astype("string")
    return text.assign(
        csv_line=lined[model.LINE],
        place_kk=place_ids.map(names["place_kk"]).fillna(place_ids).astype("string"),
        region_id=place_ids.map(names["region_id"]).fillna("").astype("string"),
        region_kk=place_ids.map(names["region_kk"]).fillna("").astype("string"),
        category_kk=raw["category"].map(lambda c: titles.get(c, c)).astype("string"),
    )


def shard_ids(frame: pd.DataFrame) -> pd.Series:
    """One shard per region, named by the region's place_id (rows without one: "other")."""
    return frame["region_id"].replace("", "other").fillna("other")


def facet_counts(values: pd.Series) -> list[list[Any]]:
    """[[value, count], ...] in the order a reader expects: numbers descending (latest year
    first), text in Kazakh alphabetical order (model.kk_key)."""
    counts = values.value_counts(sort=False)
    numeric = pd.to_numeric(pd.Series(counts.index), errors="coerce")
    if numeric.notna().all():
        order = sorted(counts.index, key=lambda v: -float(v))
    else:
        order = sorted(counts.index, key=model.kk_key)
    return [[str(v), int(counts[v])] for v in order if str(v) != ""]


def facets_with_rules(values: pd.Series, by_rule: list[str]) -> list[list[Any]]:
    """facet_counts of the rows, with the values that only quotas set by rule have (a
    rule-only place or year) added in their place in the order, counted 0: explorer.js offers
    them as "(ережемен)", never as zero rows."""
    counts = dict((v, n) for v, n in facet_counts(values))
    extra = [v for v in dict.fromkeys(by_rule) if v and v not in counts]
    if not extra:
        return [[v, n] for v, n in counts.items()]
    order = facet_counts(pd.Series([*counts, *extra], dtype="string"))
    return [[v, counts.get(v, 0)] for v, _ in order]


def place_keywords(data: model.Model, frame: pd.DataFrame) -> dict[str, dict[str, str]]:
    """For the place facets (place_kk, region_kk): each shown name → every name and alias of
    its place (Model.keywords), so that the explorer's search finds «Орал» by «Уральск».
    Searched once per distinct value, never per row."""
    out: dict[str, dict[str, str]] = {"place_kk": {}, "region_kk": {}}
    if frame.empty:
        return out
    for facet, id_field in (("place_kk", "place_id"), ("region_kk", "region_id")):
        for name, pid in frame[[facet, id_field]].drop_duplicates().itertuples(index=False, name=None):
            words = data.keywords.get(str(pid), "")
            if words and name:
                known = out[facet].get(str(name))
                out[facet][str(name)] = f"{known} {words}" if known and words not in known else words
    return {f: dict(sorted(v.items())) for f, v in out.items()}


def source_links(data: model.Model) -> dict[str, str]:
    """resolution_id → URL (relative to the explorer page) of its source document's page."""
    resolutions = data.table("resolutions", "resolutions")
    if resolutions is None or "source_path" not in resolutions:
        return {}
    out = {}
    for rid, path in zip(resolutions["resolution_id"], resolutions["source_path"]):
        if isinstance(path, str) and path:
            out[str(rid)] = link(PAGE, urls.source_document(path))
    return out


# The reader's download of the filtered rows (CSV for Excel, .xlsx): the table's columns
# as the screen shows them, then the columns of quotas.csv the table does not show, codes
# as in the data package; the field whose name a shown column gives is headed "(коды)".
NAMED_BY = {"category": "category_kk", "place_id": "place_kk"}


def download_config(res: model.ResourceInfo | None) -> dict[str, Any]:
    """What explorer.js needs for the downloads of the filtered rows: the file stem, the
    reader's columns ({field, title, number, width} in characters) and the data package's
    columns (the codes' file: quotas.csv's header and values)."""
    fields = res.fields if res else []
    shown = {c.field for c in COLUMNS}
    names = {str(f.get("name")) for f in fields}
    # "in_file": the column's name in quotas.csv, or "" for a name the site adds (a code's title)
    reader = [{"field": c.field, "title": tr(c.title), "number": c.kind == "number",
               "in_file": c.field if c.field in names else ""} for c in COLUMNS]
    for doc in exports.field_docs(res.schema) if res else []:
        if doc.name in shown:
            continue
        title = getattr(doc, f"title_{i18n.current()}", "") or doc.title_kk or doc.name
        reader.append({"field": doc.name, "title": title + (exports.CODE_SUFFIX if doc.name in NAMED_BY else ""),
                       "number": doc.type in ("integer", "number"), "in_file": doc.name})
    reader.append({"field": "csv_line", "title": tr("CSV файлының жолы"), "number": True, "in_file": ""})
    return {
        "filename": "quotas-filtered",
        "columns": [str(f.get("name")) for f in fields],
        # the columns a JSON of the rows writes as numbers ("this view as JSON")
        "numbers": [str(f.get("name")) for f in fields if f.get("type") in ("integer", "number")],
        "reader": reader,
        "xlsxScript": link(PAGE, "assets/js/xlsx-lite.js"),
    }


def rule_places(data: model.Model) -> list[str]:
    """The places whose quota is set by rule alone for some year, as a chart's text names
    them: "Байзақ ауданы (2024: ережемен: 1,5 %)", in places.csv order."""
    return [f"{e['place_kk']} ({e['year'] or tr('жылы көрсетілмеген')}: {e['text']})"
            for e in rule_only_entries(data, PAGE)]


def shown_values(data: model.Model) -> dict[str, str]:
    """On /ru/ and /en/: the explorer's Kazakh values — place and region names, category
    titles, as the shared shards hold them — → the page's language («Орал қаласы» → «г.
    Уральск»); explorer.js shows these and filters, sorts and links by the Kazakh value. {}
    on the Kazakh site."""
    if i18n.current() == i18n.SOURCE:
        return {}
    names, titles = data.names, data.labels("quotas", "quotas", "category")
    with i18n.use(i18n.SOURCE):
        kazakh, titles_kk = dict(data.names), data.labels("quotas", "quotas", "category")
    shown = {kk: names.get(pid, kk) for pid, kk in kazakh.items()}
    shown.update({kk: titles.get(code, kk) for code, kk in titles_kk.items()})
    return shown


def quotas_context(data: model.Model, quotas: pd.DataFrame) -> QuotasContext:
    titles = data.labels("quotas", "quotas", "category")
    by_place = model.jobs_by_place(quotas)
    if by_place["place_id"].nunique() > CHART_MAX_PLACES:
        by_place = model.jobs_by_region(quotas)
    pkg = data.packages.get("quotas")
    res = pkg.resource("quotas") if pkg else None
    downloads = [Download(tr("Барлық жолдар (CSV)"), link(PAGE, urls.data_file("quotas", res.path.name)),
                          tr("түпнұсқа файл, UTF-8"))] if res else []
    shown = shown_values(data)
    config = {
        "manifest": link(PAGE, urls.explorer_rows("manifest.json")),  # shared by the languages
        "columns": [shown_column(c) for c in COLUMNS],
        "facets": [{"field": f, "label": tr(label)} for f, label in FACETS],
        "placeUrl": link(PAGE, urls.PLACES),
        **({"shown": shown} if shown else {}),  # the Russian and English pages' names
        # numbers and alphabetical order as on every other page (formats.number, model.kk_key)
        "number": formats.number_symbols(),
        "alphabet": model.KK_ALPHABET,
        # "suggest a correction": the CSV in the repository's web editor; "#L<csv_line>" is added per row
        "editUrl": urls.edit(data.repository, "quotas", res.relpath) if res else "",
        # "report a mistake": urls.report of the file; explorer.js adds each row's title, line,
        # key (the schema's primaryKey) and values, as urls.report does for the other pages
        "report": {"url": urls.report(data.repository, f"datasets/quotas/{res.relpath.removeprefix('./')}"),
                   "mail": data.contact_email, "key": res.primary_key} if res and data.repository else None,
        "download": download_config(res),
        # "this view as JSON": the static API's documents that may hold a view ({id}: its key)
        "api": {"place": link(PAGE, urls.api_place("{id}")), "resolution": link(PAGE, urls.api_resolution("{id}"))},
    }
    return QuotasContext(
        summary=model.summarize_quotas(quotas),
        config=config,
        chart=charts.bar_jobs_by_place(by_place, "chart-quota-jobs-by-place", titles, rule_places(data))
        if charts.worth_a_chart(len(by_place)) else None,
        chart_headers=[("place_kk", tr("Аудан / қала")), ("year", tr("Жыл")), ("category", tr("Санат")),
                       ("organizations", tr("Ұйымдар")), ("jobs", tr("Жұмыс орындары"))],
        chart_rows=by_place.assign(category=by_place["category"].map(lambda c: titles.get(c, c)))
                           .to_dict("records"),
        downloads=downloads,
        guide=quota_guide(data, PAGE, quotas["resolution_id"].unique(), quotas["category"].unique(),
                          all_acts=urls.RESOLUTIONS),
    )

