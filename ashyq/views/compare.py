"""The compare page (issue 17.2): two to four places side by side.

The page is one shell; compare.js draws it in the reader's browser from the places' JSON
documents of the static API (views/api.py: `/api/v1/places/<id>.json`), so it works from the
site's own files, offline included. The choice is kept in the URL (`/compare/?places=borli,oral`,
place ids as every other URL of the site uses them). The finder offers the places that have
a document, found by any of their names (Model.keywords, folded as every search box of the
site folds them: Ashyq.fold); its list is `compare/places.json`, fetched when the reader starts
typing or a link names a place the site does not know (the suggestions).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ashyq import charts, formats, i18n, model, render, urls
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import Output, documented, embeds

PAGE = urls.docs_path(urls.COMPARE)
# The most places a reader can compare: more bars than this per group stop being readable.
MAX_PLACES = 4
# The bundle ashyq.js loads for every chart (site_templates/assets/vendor/plotly/).
PLOTLY = "assets/vendor/plotly/plotly-basic.min.js"


@dataclass(frozen=True)
class CompareContext:
    """The compare page: its settings for compare.js; everything else comes from the places' documents."""

    config: dict[str, Any] = documented(
        "compare.js's settings, as JSON: api (the folder of the places' documents, relative to the page, "
        "\"<place_id>.json\" is added), places (the finder's list, compare/places.json), max (MAX_PLACES), labels "
        "(the codes of category, indicator, rating_kind as [code, kk title, kk short title], in the schema's order), "
        "colours (one per "
        "chosen place, in order), number (formats.number_symbols), placeUrl (the places' pages, \"<place_id>/\" is "
        "added)")
    places: int = documented("how many places have a document and can be compared")
    plotly_href: str = documented("plotly.js (the vendored bundle ashyq.js loads), preloaded by the page: the "
                                  "charts are its first content, and the bundle is its largest file")
    example_href: str = documented("a link to the page with two places chosen (those with the most quota jobs), "
                                   "\"\" when the site has fewer than two")


def iter_outputs(data: model.Model) -> Iterator[Output]:
    # the finder's lists are files, written once (in the Kazakh pass) for every language:
    # a reader of /ru/compare/ picks «г. Уральск», not «Орал қаласы» (any spelling finds it)
    for lang in i18n.LANGUAGES:
        with i18n.use(lang):
            places = finder_places(data)
        yield Output(urls.compare_places(lang), json.dumps({"columns": ["place_id", "name", "region", "kind",
                                                                        "keywords"], "places": places},
                                                           ensure_ascii=False, separators=(",", ":")))
    yield from iter_pages(data)


def iter_pages(data: model.Model) -> Iterator[Output]:
    """The page alone (the Russian and English passes: the lists are the Kazakh pass's); it
    says how many places it offers."""
    yield Output(PAGE, render.render_page("compare.md.j2", compare_context(data, len(finder_places(data)))))


def finder_places(data: model.Model) -> list[list[str]]:
    """The places the page offers (those with an API document, Atlas.has_data) as
    [place_id, name, region's name ("" for a region), kind's title, every name and alias],
    in Kazakh alphabetical order of the names."""
    atlas = data.atlas
    out = []
    for pid in atlas.order:
        if not atlas.has_data(pid):
            continue
        region = atlas.chains[pid][-1]
        kind = formats.text(atlas.places[pid]["kind"])
        out.append([pid, data.names.get(pid, pid), data.names.get(region, region) if region != pid else "",
                    data.label("places", "places", "kind", kind) if kind else "", data.keywords.get(pid, pid)])
    return sorted(out, key=lambda p: model.kk_key(p[1]))


def example(data: model.Model) -> list[str]:
    """The two districts or cities with the most quota jobs (the page's example link)."""
    atlas = data.atlas
    jobs = {pid: sum(int(f["jobs"]) for f in rows) for pid, rows in atlas.figures.items()
            if pid in atlas.places and atlas.places[pid]["parent_id"]}
    return sorted(jobs, key=lambda pid: (-jobs[pid], pid))[:2]


def compare_context(data: model.Model, places: int) -> CompareContext:
    pair = example(data)
    config = {
        "api": link(PAGE, urls.API + "places/"),
        "places": link(PAGE, urls.compare_places(i18n.current())),
        "placeUrl": link(PAGE, urls.PLACES),
        "max": MAX_PLACES,
        # [code, title, short title] in the schema's order (the page's JSON sorts object keys)
        "labels": {
            "category": _codes(data, "quotas", "quotas", "category"),
            "indicator": _codes(data, "programs", "program_targets", "indicator"),
            "rating_kind": _codes(data, "ratings", "ratings", "kind"),
        },
        "colours": charts.PALETTE[:MAX_PLACES],
        "number": formats.number_symbols(),
        # its charts' downloads (chart-actions.js): the source line drawn into an image (the
        # page's address is added by the browser: the places are in it) and the CSV's headings
        "credit": embeds.compare_credit(data),
        "columns": {kind: [tr(c) for c in cols] for kind, cols in embeds.COMPARE_COLUMNS.items()},
    }
    return CompareContext(config=config, places=places, plotly_href=link(PAGE, PLOTLY),
                          example_href=link(PAGE, urls.compare(*pair)) if len(pair) == 2 else "")


def _codes(data: model.Model, package: str, resource: str, field: str) -> list[list[str]]:
    titles = data.labels(package, resource, field)
    short = data.labels(package, resource, field, short=True)
    return [[code, title, short.get(code, title)] for code, title in titles.items()]
