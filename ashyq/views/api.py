"""The static JSON API (issue 17.4), its first document type: one JSON document per place.

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
from typing import Any

import pandas as pd

from ashyq import formats, model, urls
from ashyq.views import Output
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
    yield Output(urls.api_schema("place"), json.dumps(PLACE_SCHEMA, ensure_ascii=False, indent=2) + "\n")
    yield Output(urls.api_schema("place-kato"), json.dumps(KATO_SCHEMA, ensure_ascii=False, indent=2) + "\n")


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
            "ru": _text_or_none(r["name_ru"]),
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
            "required": ["kk", "official_kk", "ru", "en", "aliases"],
            "additionalProperties": False,
            "properties": {
                "kk": {"type": "string", "description": "the name a reader expects (\"Орал қаласы\")"},
                "official_kk": {"type": "string", "description": "as KATO writes it (\"Орал Қ.Ә.\")"},
                "ru": _OPT_TEXT,
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
