"""Embeds (issue 17.3): the chrome-less page of each chart, `/embed/<key>/`, for an <iframe>
on another site, and what the chart's row of actions on its own page needs (charts.ChartShare).

The views that draw a chart call `share_chart` beside their page: it gives the chart back
with its share filled in and the Output of its embed page. An embed page is a small HTML file
written as it is (no renderer: it has none of the site's chrome), with the chart's spec, its
title, its source line (the documents, the page it comes from, the licence) and the scripts
that draw it, all from the site itself. `_headers` lets any site frame `/embed/*` only
(build.security_headers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from ashyq import charts, formats, i18n, render, urls
from ashyq.i18n import N_, ngettext
from ashyq.i18n import gettext as tr
from ashyq.model import Model
from ashyq.urls import link
from ashyq.views import Output, documented, maps

# How many source documents an embed names before "and N more" (the page it comes from lists them all).
SOURCES_NAMED = 3
# The embed page's height beyond the plot's: the title above it, the source line below.
FRAME_EXTRA = 150
# The interface text of embeds written by Python (the source line drawn into images), in one place.
TEXT = {
    "source": N_("Дереккөз"),
    "licence": N_("Лицензия"),
    "site": N_("Ашық дерек"),
    "api": N_("аумақтардың деректері, Ашық дерек API"),
}
# The charts' titles (shown on the embed page, drawn into the images), in one place.
TITLE = {
    "quotas": N_("Квота бойынша жұмыс орындары аудандар мен қалалар бойынша"),
    "place": N_("{place}: квота бойынша жұмыс орындары"),
    "resolution": N_("{act}: квота бойынша жұмыс орындары"),
    "funding": N_("{program}: қаржыландыру"),
    "program_jobs": N_("{program}: құрылатын жұмыс орындары"),
    "targets": N_("{program}: нысаналы көрсеткіштер"),
    "rating": N_("{rating}: жиынтық индекс өңірлер бойынша"),
    "quotas_page": N_("Квоталар"),
    "home_page": N_("Ашық дерек"),
    "map": N_("Квоталар картасы: {place}"),
    "country": N_("Қазақстан"),
}
# The compare page's charts are made in the browser (compare.js): their CSV's headings before
# the value's (the chart's axis title), for its charts of panels and its plain bar charts.
COMPARE_COLUMNS = {"panels": [N_("Санат"), N_("Аумақ"), N_("Жыл")], "bars": [N_("Аумақ"), N_("Көрсеткіш")]}


def text(key: str) -> str:
    """TEXT[key] in the current language."""
    return tr(TEXT[key])


def title(key: str, **names: str) -> str:
    """TITLE[key] in the current language, with its {names} filled in."""
    return tr(TITLE[key]).format(**names)


# The columns of a map's CSV (the view it shows: chart-actions.js asks map.js for its rows).
MAP_COLUMNS = (N_("Жыл мен санат"), N_("Деңгей"), N_("Аумақ"), "place_id", N_("Жұмыс орындары"), N_("Ұйымдар"),
               N_("Ереже бойынша, %"), N_("Ескерту"))


@dataclass(frozen=True)
class EmbedSource:
    """A source document an embed names."""

    title: str = documented('how it is named, e.g. "Батыс Қазақстан облысы әкімдігі, 21.11.2025 № 246"')
    href: str = documented("its page on the site: absolute with the site's address, else relative to the embed page")


@dataclass(frozen=True)
class EmbedContext:
    """One chart's embed page (/embed/<key>/)."""

    key: str = documented('the chart\'s stable id across the site (urls.chart_key), e.g. "place-borli-quotas"')
    title: str = documented("the chart's title, shown above it and drawn into its images")
    chart: charts.Chart | None = documented("the chart (its spec, text alternative and CSV columns); None for a map")
    sources: list[EmbedSource] = documented(f"the source documents, at most SOURCES_NAMED ({SOURCES_NAMED})")
    sources_more: int = documented("how many more documents the page it comes from lists (0: none)")
    page_title: str = documented("the title of the page the chart comes from")
    page_href: str = documented("that page: absolute with the site's address, else relative to the embed page")
    licence_title: str = documented('the data\'s licence, e.g. "Creative Commons Attribution 4.0"; "" when none')
    licence_href: str = documented('the licence\'s text (an http(s) URL); "" when none')
    credit: str = documented("the source line as plain text (ChartShare.credit)")
    policy: str = documented("the site's Content-Security-Policy (mkdocs.yml extra.content_security_policy) for its "
                             "<meta>; \"\" when unset")
    css_href: str = documented("the embed page's own style sheet (assets/css/embed.css), relative")
    icon_href: str = documented("the site's icon (the theme's, assets/images/favicon.png), relative: else a browser "
                                "asks for /favicon.ico, which the site has not")
    script_hrefs: list[str] = documented("its scripts, relative: ashyq.js (draws the chart, loads plotly.js from the "
                                         "site) and chart-actions.js (the PNG, SVG and CSV downloads)")
    place_map: maps.PlaceMap | None = documented("the map (views/maps.py), its links from the embed page; None for "
                                                 "a chart", default=None)
    css_hrefs: list[str] = documented("more style sheets: a map's (ashyq.css, with the theme's colours set by "
                                      "embed.css)", default_factory=list)


def _absolute_or_relative(data: Model, from_page: str, url: str) -> str:
    # another site shows the embed: its links must say where they lead in full when they can
    return urls.absolute(data.site_url, url) if data.site_url else link(from_page, url)


def resolution_sources(data: Model, resolution_ids: Iterable[Any]) -> list[tuple[str, str]]:
    """The resolutions `resolution_ids` as (name, site URL) source documents, newest first."""
    table = data.table("resolutions", "resolutions")
    wanted = {formats.text(r) for r in resolution_ids if formats.present(r)}
    if table is None or not wanted:
        return []
    rows = table[table["resolution_id"].isin(wanted)].to_dict("records")
    rows.sort(key=lambda r: (formats.text(r.get("adopted_on")), str(r["resolution_id"])), reverse=True)
    return [(f"{formats.text(r.get('issuer_kk'))}, {formats.date(r.get('adopted_on'))} "
             f"№ {formats.text(r.get('number'))}", urls.resolution(str(r["resolution_id"]))) for r in rows]


def licence_of(data: Model, package: str) -> tuple[str, str]:
    """The first licence of `package` as (title, http(s) URL or "")."""
    pkg = data.packages.get(package)
    for lic in (pkg.descriptor.get("licenses") or []) if pkg else []:
        if isinstance(lic, dict):
            path = str(lic.get("path") or "")
            return (str(lic.get("title") or lic.get("name") or ""),
                    path if path.strip().lower().startswith(("https://", "http://")) else "")
    return "", ""


def credit_line(sources: Sequence[tuple[str, str]], total: int, page_title: str, page_url: str, licence: str) -> str:
    """The source line drawn into a chart's images: "Дереккөз: A; B және тағы 2 құжат · page · licence · site"."""
    named = "; ".join(title for title, _ in sources[:SOURCES_NAMED])
    more = total - min(len(sources), SOURCES_NAMED)
    if more > 0:
        named += " " + ngettext("және тағы %(n)s құжат", "және тағы %(n)s құжат", more) % {"n": more}
    if named == page_title:  # a programme's or a rating's page is its one document's: named once
        page_title = ""
    parts = [f"{text('source')}: {named}" if named else "", f"{page_title} ({page_url})" if page_title and page_url
             else page_title or page_url,
             f"{text('licence')}: {licence}" if licence else "", text("site")]
    return " · ".join(p for p in parts if p)


def share_chart(data: Model, chart: charts.Chart, key: str, *, page: str, page_title: str, title: str,
                sources: Sequence[tuple[str, str]], package: str, sources_total: int | None = None
                ) -> tuple[charts.Chart, Output]:
    """`chart` (drawn on the page written at docs path `page`) with its share filled in, and
    its embed page. `key` comes from urls.chart_key; `sources` are (name, site URL) of the
    documents its numbers come from (`sources_total`: how many there are when `sources` lists
    only some); `package` is the data package whose licence applies."""
    total = max(len(sources), sources_total or 0)
    embed_page = urls.docs_path(urls.embed(key))  # links are made from where the page will be
    # the embed pages are the Kazakh site's (written once): a Russian or English page links to them as shared files
    target = urls.embed(key) if i18n.current() == i18n.SOURCE else urls.embed_file(key)
    page_url = urls.page_url(page)
    licence, licence_href = licence_of(data, package)
    credit = credit_line(sources, total, page_title, urls.absolute(data.site_url, page_url) if data.site_url else "",
                         licence)
    height = int(chart.spec.get("layout", {}).get("height") or 450) + FRAME_EXTRA
    share = charts.ChartShare(
        key=key, embed_href=link(page, target),
        embed_src=urls.absolute(data.site_url, urls.embed(key)) if data.site_url else "",
        title=title, credit=credit, height=height)
    chart = replace(chart, share=share)
    ctx = EmbedContext(
        key=key, title=title, chart=chart,
        sources=[EmbedSource(t, _absolute_or_relative(data, embed_page, u)) for t, u in sources[:SOURCES_NAMED]],
        sources_more=max(0, total - min(len(sources), SOURCES_NAMED)),
        page_title=page_title, page_href=_absolute_or_relative(data, embed_page, page_url),
        licence_title=licence, licence_href=licence_href, credit=credit, policy=data.content_security_policy,
        css_href=link(embed_page, "assets/css/embed.css"), icon_href=link(embed_page, "assets/images/favicon.png"),
        script_hrefs=[link(embed_page, "assets/js/ashyq.js"), link(embed_page, "assets/js/chart-actions.js")],
    )
    return chart, Output(urls.embed_file(key), render.render_page("embed.html.j2", ctx))


def map_share(data: Model, mp: maps.PlaceMap, scope: str, *, page: str, page_title: str, place: str,
              sources: Sequence[tuple[str, str]], sources_total: int | None = None) -> maps.PlaceMap:
    """The map `mp` of `scope` ("kz" or a region's place_id), drawn on the page at `page`, with
    its share filled in (its downloads and embed code); share_map also makes its embed page."""
    key = urls.chart_key("map", scope)
    total = max(len(sources), sources_total or 0)
    licence, _ = licence_of(data, "quotas")
    page_url = urls.page_url(page)
    credit = credit_line(sources, total, page_title, urls.absolute(data.site_url, page_url) if data.site_url else "",
                         licence)
    credit = credit.removesuffix(text("site")) + f"{mp.attribution} · {text('site')}"
    target = urls.embed(key) if i18n.current() == i18n.SOURCE else urls.embed_file(key)  # as share_chart
    share = charts.ChartShare(key=key, embed_href=link(page, target),
                              embed_src=urls.absolute(data.site_url, urls.embed(key)) if data.site_url else "",
                              title=title("map", place=place), credit=credit, height=760,
                              columns=tuple(tr(c) for c in MAP_COLUMNS))
    return replace(mp, share=share)


def share_map(data: Model, mp: maps.PlaceMap, scope: str, *, page: str, page_title: str, place: str,
              sources: Sequence[tuple[str, str]], sources_total: int | None = None
              ) -> tuple[maps.PlaceMap, Output]:
    """`mp` with its share (map_share) and its embed page: the same map, its switches and its
    table, with links from the embed page."""
    mp = map_share(data, mp, scope, page=page, page_title=page_title, place=place, sources=sources,
                   sources_total=sources_total)
    share = mp.share
    assert share is not None
    embed_page = urls.docs_path(urls.embed(share.key))
    total = max(len(sources), sources_total or 0)
    licence, licence_href = licence_of(data, "quotas")
    framed, _ = maps.place_map(data, embed_page, scope, mp.map_id)
    ctx = EmbedContext(
        key=share.key, title=share.title, chart=None,
        sources=[EmbedSource(t, _absolute_or_relative(data, embed_page, u)) for t, u in sources[:SOURCES_NAMED]],
        sources_more=max(0, total - min(len(sources), SOURCES_NAMED)),
        page_title=page_title, page_href=_absolute_or_relative(data, embed_page, urls.page_url(page)),
        licence_title=licence, licence_href=licence_href, credit=share.credit, policy=data.content_security_policy,
        css_href=link(embed_page, "assets/css/embed.css"), icon_href=link(embed_page, "assets/images/favicon.png"),
        script_hrefs=[link(embed_page, f"assets/js/{name}.js") for name in ("ashyq", "map", "chart-actions")],
        place_map=replace(framed, share=share) if framed else None,
        css_hrefs=[link(embed_page, "assets/css/ashyq.css")],
    )
    return mp, Output(urls.embed_file(share.key), render.render_page("embed.html.j2", ctx))


def compare_credit(data: Model) -> str:
    """The source line of the compare page's charts (the browser adds the page's address, which
    names the places): where its numbers come from (the API's place documents) and the licence."""
    licence, _ = licence_of(data, "quotas")
    api = urls.absolute(data.site_url, urls.API) if data.site_url else urls.API
    parts = [f"{text('source')}: {text('api')} ({api})",
             f"{text('licence')}: {licence}" if licence else "", text("site")]
    return " · ".join(p for p in parts if p)
