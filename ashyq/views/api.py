"""The static JSON API (issue 17.4): an index, and one JSON document per place, per
resolution and per data package, each type with its JSON Schema published beside it.

`/api/v1/index.json` says what the API holds: each document type with its URL pattern, its
schema and a count, the datasets, and the version (commit and date) the site was built from.
`/api/v1/resolutions/<id>.json` is an act (number, date, issuer, language, status, source
document) with its quota rows as `columns` + `rows` (a list of arrays: at national scale a list
of objects would repeat every key 300,000 times) and its terms where it sets a quota by rule.
`/api/v1/datasets/<package>.json` is a package: its resources, their fields with kk/ru/en
titles, files, row counts, version and licence.

`/api/v1/places/<place_id>.json` holds what the site knows of a place, in codes and
numbers: its names (kk/ru/en, aliases), its parents, its quota figures by year and category
(the place and every place inside it, as its page shows them), the terms of an act where a
quota is set by rule and no list row exists (never a zero: `Atlas.rule_only`), its
employment centre's ratings, the programme targets and jobs of its rows, and links (its
page, the explorer at its rows, the quota CSV). `/api/v1/places/kato/<code>.json` is a small
document that names the place(s) of a KATO code and links their documents: a static host
cannot redirect, and a copy would double the bytes. `/api/v1/schemas/place.json` (PLACE_SCHEMA)
and `/api/v1/schemas/place-kato.json` are their JSON Schemas; tests validate every document
against them.

The compare page (views/compare.py) draws its charts from these documents: the site's own
JSON, so it works offline. Codes (categories, indicators, kinds) are those of the data
packages; their kk/ru/en titles are in the packages' schemas (`/data/<package>/`).
Links are absolute when the site has a public address (mkdocs.yml site_url), else relative
to the site's root. Paths under /api/v1/ are public: never renamed.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ashyq import exports, formats, model, render, urls
from ashyq.views import Output, documented
from ashyq.views.data import licenses
from ashyq.views.downloads import package_citation, package_downloads
from ashyq.views.rules import rule_figures

API_VERSION = 1


def iter_outputs(data: model.Model) -> Iterator[Output]:
    atlas = data.atlas
    by_kato: dict[str, list[str]] = defaultdict(list)
    published = {pid for pid in atlas.order if atlas.has_data(pid)}
    for pid in atlas.order:
        if pid not in published:
            continue
        yield Output(urls.api_place(pid), dumps(place_document(data, pid, published)))
        kato = formats.text(atlas.places[pid]["kato"])
        if kato:
            by_kato[kato].append(pid)
    for kato, pids in sorted(by_kato.items()):
        yield Output(urls.api_place_kato(kato), dumps(kato_document(data, kato, pids)))
    for rid, doc in iter_resolution_documents(data, published):
        yield Output(urls.api_resolution(rid), dumps(doc))
    for name in sorted(data.packages):
        yield Output(urls.api_dataset(name), dumps(dataset_document(data, name)))
    counts = {"index": 1, "place": len(published), "place-kato": len(by_kato),
              "resolution": len(data.resolution_records), "dataset": len(data.packages)}
    yield Output(urls.api_index(), json.dumps(index_document(data, counts), ensure_ascii=False, indent=1) + "\n")
    for name, schema in SCHEMAS.items():
        yield Output(urls.api_schema(name), json.dumps(schema, ensure_ascii=False, indent=2) + "\n")
    yield Output(GUIDE, render.render_page("api.md.j2", guide_context(data, counts)))


GUIDE = urls.docs_path(urls.API_GUIDE)


def iter_pages(data: model.Model) -> Iterator[Output]:
    """The guide page alone, for the Russian and English sites (the documents are shared):
    with the counts iter_outputs gives it, without writing a document."""
    atlas = data.atlas
    published = [pid for pid in atlas.order if atlas.has_data(pid)]
    katos = {formats.text(atlas.places[pid]["kato"]) for pid in published} - {""}
    counts = {"index": 1, "place": len(published), "place-kato": len(katos),
              "resolution": len(data.resolution_records), "dataset": len(data.packages)}
    yield Output(GUIDE, render.render_page("api.md.j2", guide_context(data, counts)))


@dataclass(frozen=True)
class DocumentType:
    """One document type of the API, as the guide lists it."""

    kind: str = documented('its name, e.g. "resolution" (its schema\'s file name)')
    pattern: str = documented('its URL pattern from the site root with the key in braces, e.g. '
                              '"api/v1/resolutions/{resolution_id}.json"')
    example_href: str = documented("link to one real document of the type, relative to the page")
    schema_href: str = documented("link to its JSON Schema, relative to the page")
    count: int = documented("how many documents of the type the site has")


@dataclass(frozen=True)
class ApiGuideContext:
    """/api/: how to use the static JSON API, with examples that work on this site."""

    documents: list[DocumentType] = documented("every document type, the index first")
    index_url: str = documented("the index's absolute URL (relative without a public address), for the examples")
    place_url: str = documented("an example place document's absolute URL")
    resolution_url: str = documented("an example resolution document's absolute URL")
    csv_url: str = documented("the quota rows' CSV, absolute (the examples read it with pandas and R)")
    version: str | None = documented("the commit the site was built from (short); None without git")
    version_date: str | None = documented("its date, YYYY-MM-DD; None without git")
    data_href: str = documented("link to /data/ (every package, with its citation), relative to the page")


def guide_context(data: model.Model, counts: dict[str, int]) -> ApiGuideContext:
    atlas = data.atlas
    # the examples: the first place (in KATO order) with quota figures, the first act with quota rows
    with_quotas = [pid for pid in atlas.order if pid in atlas.figures] or [p for p in atlas.order if atlas.has_data(p)]
    place = with_quotas[0] if with_quotas else ""
    quotas = data.table("quotas", "quotas")
    acts = list(data.resolution_records)
    with_rows = set(quotas["resolution_id"].dropna()) if quotas is not None else set()
    act = next((rid for rid in acts if rid in with_rows), acts[0] if acts else "")
    kato = next((formats.text(atlas.places[p]["kato"]) for p in with_quotas if formats.text(atlas.places[p]["kato"])),
                "")
    package = "quotas" if "quotas" in data.packages else next(iter(sorted(data.packages)), "")
    examples = {"index": urls.api_index(), "place": urls.api_place(place), "place-kato": urls.api_place_kato(kato),
                "resolution": urls.api_resolution(act), "dataset": urls.api_dataset(package)}
    res = data.resource("quotas", "quotas")
    return ApiGuideContext(
        documents=[DocumentType(kind, pattern, urls.link(GUIDE, examples[kind]),
                                urls.link(GUIDE, urls.api_schema(kind)), counts.get(kind, 0))
                   for kind, (pattern, _about) in DOCUMENT_TYPES.items()],
        index_url=place_link(data, urls.api_index()),
        place_url=place_link(data, urls.api_place(place)),
        resolution_url=place_link(data, urls.api_resolution(act)),
        csv_url=place_link(data, urls.data_file("quotas", res.path.name if res is not None else "quotas.csv")),
        version=data.commit.short if data.commit else None,
        version_date=data.commit.day if data.commit else None,
        data_href=urls.link(GUIDE, urls.DATA),
    )


def version(data: model.Model) -> dict[str, str] | None:
    """The version the site was built from: its commit and the commit's date; None without git."""
    return {"commit": data.commit.sha, "date": data.commit.date} if data.commit else None


# What each document type is, for the index: its URL pattern (from urls, with the key as a
# {placeholder}) and one line on what it holds.
DOCUMENT_TYPES: dict[str, tuple[str, str]] = {
    "index": (urls.api_index(), "what the API holds: document types, schemas, counts, datasets, version"),
    "place": (urls.api_place("{place_id}"),
              "a place: names (kk/ru/en), parents, quota figures by year and category, quotas set by rule, "
              "employment-centre ratings, programme rows"),
    "place-kato": (urls.api_place_kato("{kato}"), "leads from a KATO code to its place's document"),
    "resolution": (urls.api_resolution("{resolution_id}"),
                   "an act: number, date, issuer, language, status, source document; its quota rows "
                   "(columns + rows) and its terms where a quota is set by rule"),
    "dataset": (urls.api_dataset("{package}"),
                "a data package: resources, fields with kk/ru/en titles, files, row counts, version, licence"),
}


def index_document(data: model.Model, counts: dict[str, int]) -> dict[str, Any]:
    """/api/v1/index.json (shape: INDEX_SCHEMA)."""
    return {
        "api_version": API_VERSION,
        "version": version(data),
        "guide": place_link(data, urls.API_GUIDE),
        "documents": [{"type": kind, "pattern": place_link(data, pattern),
                       "schema": place_link(data, urls.api_schema(kind)), "count": counts.get(kind, 0),
                       "description": about}
                      for kind, (pattern, about) in DOCUMENT_TYPES.items()],
        "datasets": [{"package": name, "title": data.packages[name].title,
                      "document": place_link(data, urls.api_dataset(name)),
                      "page": place_link(data, urls.data_package(name))} for name in sorted(data.packages)],
    }


# The columns of a resolution's quota rows, in this order (quotas.csv's, less the key and what
# only the importer needs).
QUOTA_COLUMNS = ["year", "category", "place_id", "row_no", "organization_kk", "headcount", "quota_percent", "jobs",
                 "source_lines"]


def iter_resolution_documents(data: model.Model, published: set[str] | None = None
                              ) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every resolution's document (shape: RESOLUTION_SCHEMA), in resolutions.csv order. The
    quota table is turned into plain values once and split by resolution in one pass: the
    build stays linear in the rows."""
    if published is None:
        published = {pid for pid in data.atlas.order if data.atlas.has_data(pid)}
    rows_of: dict[str, list[list[Any]]] = defaultdict(list)
    df = data.table("quotas", "quotas")
    columns = [c for c in QUOTA_COLUMNS if df is not None and c in df.columns]
    if df is not None and len(df):
        values = [_plain_column(df[c]) for c in columns]
        for rid, *row in zip(df["resolution_id"].to_numpy(dtype=object, na_value=None), *values, strict=True):
            rows_of[rid].append(row)
    for rid, rec in data.resolution_records.items():
        yield rid, resolution_document(data, rec, columns, rows_of.get(rid, []), published)


def _plain_column(col: pd.Series) -> list[Any]:
    """A column as JSON carries it: Python values, None for an empty cell, 2 rather than 2.0."""
    values = col.to_numpy(dtype=object, na_value=None).tolist()
    if pd.api.types.is_float_dtype(col.dtype):
        return [int(v) if v is not None and v.is_integer() else v for v in values]
    return values


def resolution_document(data: model.Model, rec: dict[str, str], columns: list[str], rows: list[list[Any]],
                        published: set[str]) -> dict[str, Any]:
    rid = rec["resolution_id"]

    def field(name: str) -> str | None:
        return _text_or_none(rec.get(name))

    source_path, lines = formats.text(rec.get("source_path")), formats.text(rec.get("source_lines"))
    parts = source_path.split("/")
    place = field("place_id")
    return {
        "api_version": API_VERSION,
        "resolution_id": rid,
        "act": {
            "number": field("number"),
            "adopted_on": field("adopted_on"),
            "issuer_kk": field("issuer_kk"),
            "place_id": place,
            "title_kk": field("title_kk"),
            "topic": field("topic"),
            "language": field("language"),
            "status": "repealed" if field("repealed_on") or field("repealed_by") else "in_force",
            "repealed_by": field("repealed_by"),
            "repealed_on": field("repealed_on"),
            "amended_by": field("amended_by"),
            "registration_number": field("registration_number"),
            "registered_on": field("registered_on"),
            "signed_by": field("signed_by"),
            "official_url": field("official_url"),
        },
        "source": {
            "path": source_path,
            "lines": lines or None,
            "page": place_link(data, urls.source_lines(source_path, lines) if lines
                               else urls.source_document(source_path)),
            "text": place_link(data, urls.source_file(parts[1], parts[-1])),
        } if len(parts) >= 3 and parts[0] == "datasets" else None,
        "quotas": {"columns": columns, "rows": rows},
        "quota_rules": [{
            "rule_no": t.rule_no,
            "year": t.year,
            "category": t.category,
            "place_id": t.place_id,
            "headcount_min": t.headcount_min,
            "headcount_max": t.headcount_max,
            "percent": plain_number(t.percent),
            "percent_max": plain_number(t.percent_max),
            "basis": t.basis or None,
            "excluded_as_printed": t.excluded_as_printed or None,
            "source_lines": t.source_lines or None,
        } for t in data.rules_of_resolution(rid)],
        "links": {
            "page": place_link(data, urls.resolution(rid)),
            "place": place_link(data, urls.api_place(place)) if place in published else None,
            "schema": place_link(data, urls.api_schema("resolution")),
        },
    }


def dataset_document(data: model.Model, name: str) -> dict[str, Any]:
    """A data package's document (shape: DATASET_SCHEMA): what its page says, for a program."""
    pkg = data.packages[name]
    files = package_downloads(pkg)
    citation = package_citation(data, pkg)
    resources = []
    for res in pkg.resources():
        df = data.table(name, res.name)
        csv_path = data.csv_path(name, res.name)
        resources.append({
            "name": res.name,
            "title": str(res.descriptor.get("title") or res.name),
            "description": _text_or_none(res.descriptor.get("description")),
            "rows": 0 if df is None else len(df),
            "primary_key": list(res.primary_key),
            "files": [{"format": f.format, "url": place_link(data, f.url), "media_type": f.media_type}
                      for f in files if f.resource == res.name and f.made_from is None],
            "repository_csv": urls.repository_file(data.repository, citation.commit or "", csv_path) or None,
            "repository_csv_raw": urls.repository_file(data.repository, citation.commit or "", csv_path,
                                                       raw=True) or None,
            "fields": [{
                "name": d.name,
                "type": d.type,
                "format": d.format or None,
                "required": d.required,
                "title": {"kk": d.title_kk or None, "ru": d.title_ru or None, "en": d.title_en or None},
                "description": d.description or None,
                "values": [{"value": v, "kk": kk or None, "ru": ru or None, "en": en or None}
                           for v, kk, ru, en in d.enum_titles],
                "references": list(d.references),
            } for d in exports.field_docs(res.schema, name, res.name)],
        })
    zip_file = next(f for f in files if f.format == "ZIP")
    return {
        "api_version": API_VERSION,
        "package": name,
        "title": pkg.title,
        "description": _text_or_none(pkg.descriptor.get("description")),
        "package_version": _text_or_none(pkg.descriptor.get("version")),
        "version": {"commit": citation.commit, "date": citation.date} if citation.commit else None,
        "licenses": [{"name": lic.name or None, "title": lic.title or None, "url": lic.url or None}
                     for lic in licenses(pkg)],
        "resources": resources,
        "links": {
            "page": place_link(data, urls.data_package(name)),
            "zip": place_link(data, zip_file.url),
            "citation_bibtex": place_link(data, urls.citation_file(name, "bib")),
            "citation_csl_json": place_link(data, urls.citation_file(name, "json")),
            "schema": place_link(data, urls.api_schema("dataset")),
        },
    }


def dumps(doc: dict[str, Any]) -> str:
    """A document as the API writes it: compact (thousands of them), UTF-8, keys in the
    order of the schema."""
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def plain_number(value: Any) -> int | float | None:
    """A number as JSON should carry it: 5, not 5.0; None for an empty cell."""
    if not formats.present(value):
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _text_or_none(value: Any) -> str | None:
    text = formats.text(value)
    return text or None


def place_link(data: model.Model, url: str) -> str:
    return urls.absolute(data.site_url, url)


def place_document(data: model.Model, pid: str, published: set[str] | None = None) -> dict[str, Any]:
    """The API document of one place (shape: PLACE_SCHEMA). `published` are the places that
    have a document (a parent or child without one is named, not linked)."""
    atlas = data.atlas
    r = atlas.places[pid]
    published = published if published is not None else {p for p in atlas.order if atlas.has_data(p)}

    def ref(other: str) -> dict[str, Any]:
        o = atlas.places.get(other, {})
        return {"place_id": other, "kind": formats.text(o.get("kind")) or None,
                "name_kk": data.names.get(other, other),
                "document": place_link(data, urls.api_place(other)) if other in published else None}

    region = atlas.chains[pid][-1]
    explorer = {"region_kk": data.names.get(region, region)}
    if pid != region:
        explorer["place_kk"] = data.names.get(pid, pid)
    quotas_res = data.resource("quotas", "quotas")
    return {
        "api_version": API_VERSION,
        "place_id": pid,
        "kind": formats.text(r["kind"]),
        "kato": _text_or_none(r["kato"]),
        "names": {
            "kk": data.names.get(pid, pid),
            "official_kk": formats.text(r["name_kk"]),
            "ru": _text_or_none(model.display_name_ru(formats.text(r["name_ru"]))),
            "official_ru": _text_or_none(r["name_ru"]),
            "en": _text_or_none(r["name_en"]),
            "aliases": [a.strip() for a in formats.text(r["aliases"]).split(";") if a.strip()],
        },
        "valid_from": _text_or_none(r["valid_from"]),
        "valid_to": _text_or_none(r["valid_to"]),
        "parents": [ref(p) for p in atlas.chains[pid][1:]],
        "former_parent": ref(str(r["former_parent_id"])) if r["former_parent_id"] else None,
        "children": [ref(c) for c in atlas.children.get(pid, []) if c in published],
        "quotas": [{"year": int(f["year"]), "category": str(f["category"]),
                    "organizations": int(f["organizations"]), "jobs": int(f["jobs"])}
                   for f in atlas.figures.get(pid, [])],
        "quota_rules": _rule_only(data, pid),
        "ratings": _ratings(data, pid),
        "programs": _programs(data, pid),
        "links": {
            "page": place_link(data, urls.place(pid)),
            "explorer": place_link(data, urls.explorer(**explorer)) if pid in atlas.figures else None,
            "quotas_csv": (place_link(data, urls.data_file("quotas", quotas_res.path.name))
                           if quotas_res is not None and pid in atlas.figures else None),
            "schema": place_link(data, urls.api_schema("place")),
        },
    }


def _rule_only(data: model.Model, pid: str) -> list[dict[str, Any]]:
    """The years and categories where the place's quota is set by an act's terms and no list
    row exists in it or inside it (Atlas.rule_only): the terms themselves, never a zero."""
    out = []
    figures = rule_figures(data, pid, urls.docs_path(urls.place(pid)))
    for ((year, category), rules), figure in zip(data.atlas.rule_only_rules(pid), figures, strict=True):
        out.append({
            "year": year,
            "category": category,
            "text_kk": figure.text,
            "repealed": figure.repealed,
            "terms": [{
                "resolution_id": t.resolution_id,
                "rule_no": t.rule_no,
                "set_for": t.place_id,
                "headcount_min": t.headcount_min,
                "headcount_max": t.headcount_max,
                "percent": plain_number(t.percent),
                "percent_max": plain_number(t.percent_max),
                "basis": t.basis or None,
                "repealed_on": t.repealed_on or None,
            } for t in rules],
        })
    return out


def _ratings(data: model.Model, pid: str) -> list[dict[str, Any]]:
    """The ratings of the place's employment centre: its rank among centres of its kind and
    in its region, and its index."""
    atlas = data.atlas
    out = []
    for r in atlas.ratings.get(pid, []):
        report = atlas.reports.get(str(r["rating_id"]), {})
        known_region = bool(r["region_as_printed"])
        out.append({
            "rating_id": str(r["rating_id"]),
            "year": plain_number(report.get("year")),
            "kind": str(r["kind"]),
            "rank": int(r["rank"]),
            "of": int(r["kind_count"]),
            "region_rank": int(r["region_rank"]) if known_region else None,
            "region_of": int(r["region_count"]) if known_region else None,
            "index": plain_number(r["index"]),
            "name_as_printed": formats.text(r["name_as_printed"]),
        })
    return out


def _programs(data: model.Model, pid: str) -> list[dict[str, Any]]:
    """The place's own rows of employment programmes: targets by indicator and year, and
    jobs to be created by type and year ("of which" town rows are the town's own)."""
    atlas = data.atlas
    parts: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"targets": [], "jobs": []})
    targets = atlas.program_targets.get(pid)
    if targets is not None:
        for t in _records(targets, ["program_id", "year", "indicator", "value", "row_kind"]):
            parts[str(t["program_id"])]["targets"].append({
                "year": int(t["year"]), "indicator": str(t["indicator"]), "value": plain_number(t["value"]),
                "row_kind": str(t["row_kind"])})
    jobs = atlas.program_jobs.get(pid)
    if jobs is not None:
        for j in _records(jobs, ["program_id", "year", "job_type", "jobs", "row_kind"]):
            parts[str(j["program_id"])]["jobs"].append({
                "year": int(j["year"]), "job_type": str(j["job_type"]), "jobs": plain_number(j["jobs"]),
                "row_kind": str(j["row_kind"])})
    out = []
    for prog_id in sorted(parts):
        program = atlas.programs.get(prog_id, {})
        out.append({
            "program_id": prog_id,
            "title_kk": formats.text(program.get("title_kk")) or prog_id,
            "period_start": plain_number(program.get("period_start")),
            "period_end": plain_number(program.get("period_end")),
            "page": place_link(data, urls.program(prog_id)),
            **parts[prog_id],
        })
    return out


def _records(df: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    present = [c for c in columns if c in df.columns]
    return [r for r in df[present].to_dict("records") if formats.present(r.get("year"))]


def kato_document(data: model.Model, kato: str, pids: list[str]) -> dict[str, Any]:
    """The document of a KATO code: the place(s) it names, with a link to each document."""
    atlas = data.atlas
    return {
        "api_version": API_VERSION,
        "kato": kato,
        "places": [{"place_id": pid, "name_kk": data.names.get(pid, pid),
                    "valid_from": _text_or_none(atlas.places[pid]["valid_from"]),
                    "valid_to": _text_or_none(atlas.places[pid]["valid_to"]),
                    "document": place_link(data, urls.api_place(pid))} for pid in pids],
    }


# ---------------------------------------------------------------- the schemas, published beside the documents

_ID = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
_LINK = {"type": "string", "minLength": 1}
_OPT_TEXT = {"type": ["string", "null"]}
_OPT_INT = {"type": ["integer", "null"]}
_NUMBER = {"type": "number"}
_OPT_NUMBER = {"type": ["number", "null"]}
_REF = {
    "type": "object",
    "required": ["place_id", "kind", "name_kk", "document"],
    "additionalProperties": False,
    "properties": {
        "place_id": _ID,
        "kind": _OPT_TEXT,
        "name_kk": {"type": "string"},
        "document": {"type": ["string", "null"], "description": "its own document; null when it has none"},
    },
}
SCHEMA_BASE = "https://json-schema.org/draft/2020-12/schema"

PLACE_SCHEMA: dict[str, Any] = {
    "$schema": SCHEMA_BASE,
    "$id": urls.api_schema("place"),
    "title": "Ashyq Derek: a place",
    "description": "What the site knows of one place (a region, a district or a city): names, parents, quota "
                   "figures by year and category (the place and every place inside it), quotas set by an act's "
                   "terms where no list exists, employment-centre ratings, programme rows, links. Codes are those "
                   "of the data packages (their kk/ru/en titles are in the packages' schemas). Links are absolute "
                   "when the site has a public address, else relative to the site's root.",
    "type": "object",
    "required": ["api_version", "place_id", "kind", "kato", "names", "valid_from", "valid_to", "parents",
                 "former_parent", "children", "quotas", "quota_rules", "ratings", "programs", "links"],
    "additionalProperties": False,
    "properties": {
        "api_version": {"const": API_VERSION},
        "place_id": _ID,
        "kind": {"type": "string", "description": "places.kind: region, city, district, town, … (its titles are in the "
                                                  "places package's schema)"},
        "kato": {"type": ["string", "null"], "pattern": "^[0-9]+$"},
        "names": {
            "type": "object",
            "required": ["kk", "official_kk", "ru", "official_ru", "en", "aliases"],
            "additionalProperties": False,
            "properties": {
                "kk": {"type": "string", "description": "the name a reader expects (\"Орал қаласы\")"},
                "official_kk": {"type": "string", "description": "as KATO writes it (\"Орал Қ.Ә.\")"},
                "ru": {"type": ["string", "null"], "description": "as Russian texts print it (\"г. Уральск\")"},
                "official_ru": {"type": ["string", "null"], "description": "as KATO writes it (\"Уральск Г.А.\")"},
                "en": _OPT_TEXT,
                "aliases": {"type": "array", "items": {"type": "string"},
                            "description": "other spellings met in documents"},
            },
        },
        "valid_from": {"type": ["string", "null"], "format": "date"},
        "valid_to": {"type": ["string", "null"], "format": "date"},
        "parents": {"type": "array", "items": _REF, "description": "nearest first, up to the region"},
        "former_parent": {"oneOf": [{"type": "null"}, _REF]},
        "children": {"type": "array", "items": _REF, "description": "the places inside it that have a document"},
        "quotas": {
            "type": "array",
            "description": "quota list rows of the place and every place inside it, per year and category",
            "items": {
                "type": "object",
                "required": ["year", "category", "organizations", "jobs"],
                "additionalProperties": False,
                "properties": {
                    "year": {"type": "integer"},
                    "category": {"type": "string"},
                    "organizations": {"type": "integer", "minimum": 0},
                    "jobs": {"type": "integer", "minimum": 0},
                },
            },
        },
        "quota_rules": {
            "type": "array",
            "description": "years and categories where an act's terms bind the place and no list row exists: "
                           "the terms, never a zero",
            "items": {
                "type": "object",
                "required": ["year", "category", "text_kk", "repealed", "terms"],
                "additionalProperties": False,
                "properties": {
                    "year": _OPT_INT,
                    "category": {"type": "string"},
                    "text_kk": {"type": "string"},
                    "repealed": {"type": "boolean"},
                    "terms": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["resolution_id", "rule_no", "set_for", "headcount_min", "headcount_max",
                                         "percent", "percent_max", "basis", "repealed_on"],
                            "additionalProperties": False,
                            "properties": {
                                "resolution_id": {"type": "string"},
                                "rule_no": {"type": "integer"},
                                "set_for": {"type": "string", "description": "the place the act names"},
                                "headcount_min": _OPT_INT,
                                "headcount_max": _OPT_INT,
                                "percent": _NUMBER,
                                "percent_max": _OPT_NUMBER,
                                "basis": _OPT_TEXT,
                                "repealed_on": _OPT_TEXT,
                            },
                        },
                    },
                },
            },
        },
        "ratings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["rating_id", "year", "kind", "rank", "of", "region_rank", "region_of", "index",
                             "name_as_printed"],
                "additionalProperties": False,
                "properties": {
                    "rating_id": {"type": "string"},
                    "year": _OPT_INT,
                    "kind": {"type": "string"},
                    "rank": {"type": "integer", "minimum": 1},
                    "of": {"type": "integer", "minimum": 1},
                    "region_rank": _OPT_INT,
                    "region_of": _OPT_INT,
                    "index": _OPT_NUMBER,
                    "name_as_printed": {"type": "string"},
                },
            },
        },
        "programs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["program_id", "title_kk", "period_start", "period_end", "page", "targets", "jobs"],
                "additionalProperties": False,
                "properties": {
                    "program_id": {"type": "string"},
                    "title_kk": {"type": "string"},
                    "period_start": _OPT_INT,
                    "period_end": _OPT_INT,
                    "page": _LINK,
                    "targets": {"type": "array", "items": {
                        "type": "object", "required": ["year", "indicator", "value", "row_kind"],
                        "additionalProperties": False,
                        "properties": {"year": {"type": "integer"}, "indicator": {"type": "string"},
                                       "value": _OPT_NUMBER, "row_kind": {"type": "string"}}}},
                    "jobs": {"type": "array", "items": {
                        "type": "object", "required": ["year", "job_type", "jobs", "row_kind"],
                        "additionalProperties": False,
                        "properties": {"year": {"type": "integer"}, "job_type": {"type": "string"},
                                       "jobs": _OPT_NUMBER, "row_kind": {"type": "string"}}}},
                },
            },
        },
        "links": {
            "type": "object",
            "required": ["page", "explorer", "quotas_csv", "schema"],
            "additionalProperties": False,
            "properties": {
                "page": _LINK,
                "explorer": {"type": ["string", "null"], "description": "the quotas explorer at its rows"},
                "quotas_csv": {"type": ["string", "null"], "description": "the quota rows' CSV file"},
                "schema": _LINK,
            },
        },
    },
}

KATO_SCHEMA: dict[str, Any] = {
    "$schema": SCHEMA_BASE,
    "$id": urls.api_schema("place-kato"),
    "title": "Ashyq Derek: the place(s) of a KATO code",
    "description": "Leads from a KATO code to the document of its place (more than one when places of different "
                   "dates share the code).",
    "type": "object",
    "required": ["api_version", "kato", "places"],
    "additionalProperties": False,
    "properties": {
        "api_version": {"const": API_VERSION},
        "kato": {"type": "string", "pattern": "^[0-9]+$"},
        "places": {"type": "array", "minItems": 1, "items": {
            "type": "object", "required": ["place_id", "name_kk", "valid_from", "valid_to", "document"],
            "additionalProperties": False,
            "properties": {"place_id": _ID, "name_kk": {"type": "string"}, "valid_from": _OPT_TEXT,
                           "valid_to": _OPT_TEXT, "document": _LINK}}},
    },
}

_OPT_DATE = {"type": ["string", "null"], "format": "date"}
_VERSION = {
    "oneOf": [{"type": "null"}, {
        "type": "object", "required": ["commit", "date"], "additionalProperties": False,
        "properties": {"commit": {"type": "string", "pattern": "^[0-9a-f]{40}$"},
                       "date": {"type": "string", "description": "ISO 8601, the commit's date"}}}],
    "description": "the git commit of the data and its date; null for a build without git history",
}

RESOLUTION_SCHEMA: dict[str, Any] = {
    "$schema": SCHEMA_BASE,
    "$id": urls.api_schema("resolution"),
    "title": "Ashyq Derek: a resolution",
    "description": "One act of an akimat: its legal details, its source document, its quota rows (as columns + rows: "
                   "each row an array in the order of `columns`) and its terms where it sets a quota by rule. Values "
                   "are as the document prints them; codes are those of the data packages.",
    "type": "object",
    "required": ["api_version", "resolution_id", "act", "source", "quotas", "quota_rules", "links"],
    "additionalProperties": False,
    "properties": {
        "api_version": {"const": API_VERSION},
        "resolution_id": _ID,
        "act": {
            "type": "object",
            "required": ["number", "adopted_on", "issuer_kk", "place_id", "title_kk", "topic", "language", "status",
                         "repealed_by", "repealed_on", "amended_by", "registration_number", "registered_on",
                         "signed_by", "official_url"],
            "additionalProperties": False,
            "properties": {
                "number": _OPT_TEXT, "adopted_on": _OPT_DATE, "issuer_kk": _OPT_TEXT, "place_id": _OPT_TEXT,
                "title_kk": _OPT_TEXT, "topic": _OPT_TEXT,
                "language": {"type": ["string", "null"], "description": "of the act's text: kk | ru"},
                "status": {"enum": ["in_force", "repealed"]},
                "repealed_by": _OPT_TEXT, "repealed_on": _OPT_DATE, "amended_by": _OPT_TEXT,
                "registration_number": _OPT_TEXT, "registered_on": _OPT_DATE, "signed_by": _OPT_TEXT,
                "official_url": _OPT_TEXT,
            },
        },
        "source": {"oneOf": [{"type": "null"}, {
            "type": "object", "required": ["path", "lines", "page", "text"], "additionalProperties": False,
            "properties": {
                "path": {"type": "string", "description": "the source text in the repository"},
                "lines": _OPT_TEXT,
                "page": {**_LINK, "description": "the source document's page on the site, at the act's lines"},
                "text": {**_LINK, "description": "the source text itself"}}}]},
        "quotas": {
            "type": "object", "required": ["columns", "rows"], "additionalProperties": False,
            "properties": {
                "columns": {"type": "array", "items": {"enum": QUOTA_COLUMNS}},
                "rows": {"type": "array", "items": {
                    "type": "array", "minItems": len(QUOTA_COLUMNS), "maxItems": len(QUOTA_COLUMNS),
                    "items": {"type": ["string", "number", "null"]}}},
            },
        },
        "quota_rules": {"type": "array", "items": {
            "type": "object",
            "required": ["rule_no", "year", "category", "place_id", "headcount_min", "headcount_max", "percent",
                         "percent_max", "basis", "excluded_as_printed", "source_lines"],
            "additionalProperties": False,
            "properties": {
                "rule_no": {"type": "integer"}, "year": _OPT_INT, "category": {"type": "string"},
                "place_id": {"type": "string"}, "headcount_min": _OPT_INT, "headcount_max": _OPT_INT,
                "percent": _NUMBER, "percent_max": _OPT_NUMBER, "basis": _OPT_TEXT,
                "excluded_as_printed": _OPT_TEXT, "source_lines": _OPT_TEXT}}},
        "links": {
            "type": "object", "required": ["page", "place", "schema"], "additionalProperties": False,
            "properties": {"page": _LINK,
                           "place": {"type": ["string", "null"], "description": "its place's document"},
                           "schema": _LINK},
        },
    },
}

_OPT_LANG_TEXT = {"type": "object", "required": ["kk", "ru", "en"], "additionalProperties": False,
                  "properties": {"kk": _OPT_TEXT, "ru": _OPT_TEXT, "en": _OPT_TEXT}}

DATASET_SCHEMA: dict[str, Any] = {
    "$schema": SCHEMA_BASE,
    "$id": urls.api_schema("dataset"),
    "title": "Ashyq Derek: a data package",
    "description": "One Frictionless data package as the site publishes it: its resources (tables) with their fields "
                   "(kk/ru/en titles, the titles of coded values), files, row counts; its version (the git commit "
                   "that last changed it) and licence; links to its page, zip and citations.",
    "type": "object",
    "required": ["api_version", "package", "title", "description", "package_version", "version", "licenses",
                 "resources", "links"],
    "additionalProperties": False,
    "properties": {
        "api_version": {"const": API_VERSION},
        "package": _ID,
        "title": {"type": "string"},
        "description": _OPT_TEXT,
        "package_version": {**_OPT_TEXT, "description": "datapackage.json's version"},
        "version": _VERSION,
        "licenses": {"type": "array", "items": {
            "type": "object", "required": ["name", "title", "url"], "additionalProperties": False,
            "properties": {"name": _OPT_TEXT, "title": _OPT_TEXT, "url": _OPT_TEXT}}},
        "resources": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "title", "description", "rows", "primary_key", "files", "repository_csv",
                         "repository_csv_raw", "fields"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string"}, "title": {"type": "string"}, "description": _OPT_TEXT,
                "rows": {"type": "integer", "minimum": 0},
                "primary_key": {"type": "array", "items": {"type": "string"}},
                "files": {"type": "array", "items": {
                    "type": "object", "required": ["format", "url", "media_type"], "additionalProperties": False,
                    "properties": {"format": {"type": "string"}, "url": _LINK, "media_type": {"type": "string"}}}},
                "repository_csv": {"type": ["string", "null"],
                                   "description": "the CSV in the repository at the version's commit: never changes"},
                "repository_csv_raw": {"type": ["string", "null"], "description": "the same file's bytes"},
                "fields": {"type": "array", "items": {
                    "type": "object",
                    "required": ["name", "type", "format", "required", "title", "description", "values",
                                 "references"],
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string"}, "type": {"type": "string"}, "format": _OPT_TEXT,
                        "required": {"type": "boolean"}, "title": _OPT_LANG_TEXT, "description": _OPT_TEXT,
                        "values": {"type": "array", "description": "the titles of a coded field's values",
                                   "items": {"type": "object", "required": ["value", "kk", "ru", "en"],
                                             "additionalProperties": False,
                                             "properties": {"value": {"type": "string"}, "kk": _OPT_TEXT,
                                                            "ru": _OPT_TEXT, "en": _OPT_TEXT}}},
                        "references": {"type": "array", "items": {"type": "string"},
                                       "description": "foreign keys as package/resource.field"},
                    },
                }},
            },
        }},
        "links": {
            "type": "object", "required": ["page", "zip", "citation_bibtex", "citation_csl_json", "schema"],
            "additionalProperties": False,
            "properties": {"page": _LINK, "zip": _LINK, "citation_bibtex": _LINK, "citation_csl_json": _LINK,
                           "schema": _LINK},
        },
    },
}

INDEX_SCHEMA: dict[str, Any] = {
    "$schema": SCHEMA_BASE,
    "$id": urls.api_schema("index"),
    "title": "Ashyq Derek: the API's index",
    "description": "What the static API holds: each document type with its URL pattern ({key} in braces), its "
                   "schema and how many documents there are; the datasets; the version the site was built from.",
    "type": "object",
    "required": ["api_version", "version", "guide", "documents", "datasets"],
    "additionalProperties": False,
    "properties": {
        "api_version": {"const": API_VERSION},
        "version": _VERSION,
        "guide": _LINK,
        "documents": {"type": "array", "items": {
            "type": "object", "required": ["type", "pattern", "schema", "count", "description"],
            "additionalProperties": False,
            "properties": {"type": {"type": "string"}, "pattern": _LINK, "schema": _LINK,
                           "count": {"type": "integer", "minimum": 0}, "description": {"type": "string"}}}},
        "datasets": {"type": "array", "items": {
            "type": "object", "required": ["package", "title", "document", "page"], "additionalProperties": False,
            "properties": {"package": _ID, "title": {"type": "string"}, "document": _LINK, "page": _LINK}}},
    },
}

# Every document type's schema, by the name of its file under /api/v1/schemas/.
SCHEMAS: dict[str, dict[str, Any]] = {
    "index": INDEX_SCHEMA,
    "place": PLACE_SCHEMA,
    "place-kato": KATO_SCHEMA,
    "resolution": RESOLUTION_SCHEMA,
    "dataset": DATASET_SCHEMA,
}
