"""Home: what this is, headline figures computed from the data, ways in by place and dataset."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from ashyq import model, render, urls
from ashyq.i18n import gettext as tr
from ashyq.i18n import ngettext
from ashyq.urls import link
from ashyq.views import Output, documented, embeds, maps
from ashyq.views.rules import rule_figures

PAGE = urls.docs_path(urls.HOME)


@dataclass(frozen=True)
class Figure:
    value: int = documented("the headline number (never 0: figures without data are left out)")
    label: str = documented('what it counts, in Kazakh, e.g. "квота жолы"')
    href: str = documented("link to the section it comes from, relative to the home page")


@dataclass(frozen=True)
class PlaceLink:
    name: str = documented("the district's or city's name")
    href: str = documented("link to its place page, relative to the home page")
    quota_rows: int = documented("its number of quota rows (0 for a place whose quota is set by rule alone)")
    keywords: str = documented("every name and alias of the place (Model.keywords), for the box's filter", default="")
    rule_text: str = documented('its years set by rule and no list, e.g. "2027: ережемен: 2–4 %"; "" when none',
                                default="")


@dataclass(frozen=True)
class RegionLinks:
    name: str = documented("the region's name")
    href: str = documented("link to its place page, relative to the home page")
    places: list[PlaceLink] = documented("its districts and cities with quota rows or a quota set by rule, by name "
                                         "(the region itself left out)")
    keywords: str = documented("every name and alias of the region (Model.keywords), for the box's filter",
                               default="")


@dataclass(frozen=True)
class HomeContext:
    summary: model.QuotaSummary = documented("headline figures of the quota rows (rows, organisations, places, jobs, "
                                             "years)")
    figures: list[Figure] = documented("the headline figures shown as tiles, those with a value")
    regions: list[RegionLinks] = documented("regions with quota rows or places whose quota is set by rule, their "
                                            "districts and cities, by name")
    packages: list[tuple[str, str, str]] = documented("every data package as (name, title, link), by name")
    sections: list[tuple[str, str, str]] = documented("the site's sections as (title, what it is, link); the template "
                                                      "relies on the order: quotas first, places second, changes last")
    coverage: list[model.Coverage] = documented("the regions the quota rows cover, each with its years "
                                                "(Model.coverage)", default_factory=list)
    contribute_href: str = documented("link to the guide's part on adding a region or year that is missing",
                                      default="")
    place_map: maps.PlaceMap | None = documented("the map of quotas by region and by district (views/maps.py; its "
                                                 "data file is written by the quotas page); None without figures",
                                                 default=None)


def iter_outputs(data: model.Model) -> Iterator[Output]:
    yield Output(PAGE, render.render_page("index.md.j2", home_context(data)))


def count(data: model.Model, package: str, resource: str) -> int:
    df = data.table(package, resource)
    return 0 if df is None else len(df)


def home_context(data: model.Model) -> HomeContext:
    quotas = model.quota_rows(data)
    summary = model.summarize_quotas(quotas)
    rule_texts = {pid: "; ".join(f"{f.year_text}: {f.text}" for f in rule_figures(data, pid, PAGE))
                  for pid in data.atlas.rule_only}
    # each label in the form its number takes (Russian: 21 организация, 25 организаций)
    figures = [
        Figure(n := summary.rows, ngettext("квота жолы", "квота жолы", n), urls.QUOTAS),
        Figure(n := summary.organizations, ngettext("ұйым", "ұйым", n), urls.QUOTAS),
        Figure(n := summary.jobs, ngettext("квоталық жұмыс орны", "квоталық жұмыс орны", n), urls.QUOTAS),
        Figure(n := summary.places, ngettext("аудан мен қала", "аудан мен қала", n), urls.PLACES),
        Figure(n := len(rule_texts),
               ngettext("квотасы ережемен белгіленген аумақ", "квотасы ережемен белгіленген аумақ", n), urls.PLACES),
        Figure(n := count(data, "resolutions", "resolutions"),
               ngettext("қаулы", "қаулы", n), urls.RESOLUTIONS),
        Figure(n := count(data, "ratings", "ratings"),
               ngettext("бағаланған жұмыспен қамту орталығы", "бағаланған жұмыспен қамту орталығы", n), urls.RATINGS),
    ]
    return HomeContext(
        summary=summary,
        figures=[Figure(f.value, f.label, link(PAGE, f.href)) for f in figures if f.value],
        regions=regions_with_quotas(quotas, data.keywords, _rule_places(data, rule_texts)),
        coverage=data.coverage,
        contribute_href=link(PAGE, urls.CONTRIBUTE),
        place_map=_shared_map(data),
        packages=[(name, pkg.title, link(PAGE, urls.data_package(name)))
                  for name, pkg in sorted(data.packages.items())],
        sections=[
            (tr("Квоталар"), tr("барлық ұйымдар: іздеу, сүзу, CSV"), link(PAGE, urls.QUOTAS)),
            (tr("Аумақтар"), tr("облыстар, аудандар мен қалалар"), link(PAGE, urls.PLACES)),
            (tr("Қаулылар"), tr("әкімдіктердің қаулылары мен қосымшалары"), link(PAGE, urls.RESOLUTIONS)),
            (tr("Бағдарламалар"), tr("жұмыспен қамту бағдарламалары"), link(PAGE, urls.PROGRAMS)),
            (tr("Рейтингтер"), tr("жұмыспен қамту орталықтарының рейтингі"), link(PAGE, urls.RATINGS)),
            (tr("Деректер"), tr("CSV, Excel, JSON жүктеу, сипаттама"), link(PAGE, urls.DATA)),
            (tr("Өзгерістер"), tr("деректердегі әр түзету"), link(PAGE, urls.CHANGES)),
        ],
    )


def _rule_places(data: model.Model, texts: dict[str, str]) -> pd.DataFrame:
    """The places whose quota is set by rule alone for some year, with their region and the
    words of it (`texts`), in the columns regions_with_quotas reads."""
    names = model.place_names(data)
    rules = names[names["place_id"].isin(list(texts))]
    return rules.assign(rule_text=rules["place_id"].map(texts))


def regions_with_quotas(quotas: pd.DataFrame, keywords: dict[str, str] | None = None,
                        by_rule: pd.DataFrame | None = None) -> list[RegionLinks]:
    """Regions that have quota rows (or places whose quota is set by rule: `by_rule`, with
    place_id, place_kk, region_id, region_kk, rule_text), each with its districts and cities,
    in Kazakh alphabetical order (model.kk_key); `keywords` are every name of a place, for the
    filter box. A place set by rule alone shows its rule, never zero rows."""
    per_place = (quotas.groupby(["region_id", "region_kk", "place_id", "place_kk"], dropna=False)
                       .size().reset_index(name="rows"))
    if by_rule is not None and not by_rule.empty:
        per_place = per_place.merge(by_rule[["region_id", "region_kk", "place_id", "place_kk", "rule_text"]],
                                    on=["region_id", "region_kk", "place_id", "place_kk"], how="outer")
        per_place["rows"] = per_place["rows"].fillna(0)
    else:
        per_place["rule_text"] = ""
    per_place["rule_text"] = per_place["rule_text"].fillna("")
    if per_place.empty:
        return []
    out = []
    for (region_id, region_kk), part in per_place.groupby(["region_id", "region_kk"], sort=False):
        words = keywords or {}
        places = [PlaceLink(str(r.place_kk), link(PAGE, urls.place(r.place_id)), int(r.rows),
                            words.get(str(r.place_id), ""), str(r.rule_text))
                  for r in sorted(part.itertuples(), key=lambda r: model.kk_key(r.place_kk))
                  if r.place_id != region_id]
        out.append(RegionLinks(str(region_kk), link(PAGE, urls.place(str(region_id))), places,
                               words.get(str(region_id), "")))
    return sorted(out, key=lambda r: model.kk_key(r.name))


def _shared_map(data: model.Model) -> maps.PlaceMap | None:
    """The country's map with its downloads and embed code; its embed page is the quotas
    page's (views/quotas.py writes it)."""
    place_map = maps.place_map(data, PAGE, "kz", "map-kz")[0]
    if place_map is None:
        return None
    table = data.table("quotas", "quotas")
    sources = embeds.resolution_sources(data, table["resolution_id"].unique() if table is not None else [])
    return embeds.map_share(data, place_map, "kz", page=PAGE, page_title=embeds.title("home_page"),
                            place=embeds.title("country"), sources=sources)
