"""Maps of quotas by region and by district (issue 17.1): the page part and its data file.

Not a page type: the home page and the quotas page show the country's map, a region's page
the map of its districts (`country_map`, `region_map`). A map shows one year and one category
at a time (adding up years or groups of people would give a number no document states), and
one of three measures: quota jobs, organisations with a quota, and the percent a rule sets
where there is no list (Atlas.rule_only). Every (level, year · category) view is computed here,
with its colour classes, its legend and its sentence; the page carries the default view's table
and the data file (`urls.map_data`) carries all of them, for the switches (assets/js/map.js).
Shapes come from the shared geometry file (ashyq/geo.py), which the browser fetches once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ashyq import charts, formats, geo, model, urls
from ashyq.i18n import N_, ngettext
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import Output, documented
from ashyq.views.rules import rule_figures

# The measures a map can show: (code, title in the switch).
METRICS = [
    ("jobs", N_("Квоталық жұмыс орындары")),
    ("organizations", N_("Квотасы бар ұйымдар")),
    ("rule_percent", N_("Ережемен белгіленген квота, %")),
]
# Colour classes of a measure: at most this many (fewer when there are fewer distinct values).
CLASSES = 5
LEVELS = {1: N_("Облыстар мен республикалық маңызы бар қалалар"), 2: N_("Аудандар мен қалалар")}
NAMED = 10  # places a sentence names before "and N more"


@dataclass(frozen=True)
class MapRow:
    place_id: str = documented("the place's id")
    name: str = documented("its reader name (Model.names)")
    href: str = documented("link to its page, relative to the page that shows the map")
    jobs: int | None = documented("quota jobs of its list rows (its own and those inside it) in the view's year "
                                  "and category; None when it has none (a quota set by rule alone)")
    organizations: int | None = documented("organisations of those list rows; None as jobs")
    rule_text: str = documented('the percent its rule sets when it has no list, e.g. "ережемен: 2–4 %"; "" otherwise')
    on_map: bool = documented("it has a shape of the map's level (False: a place made after January 2024, shown "
                              "in the table and the list under the map only)")
    note: str = documented('on a map of districts, a region\'s row of its own figures, in no district: "ешбір '
                           'ауданға жатпайтын өз жолдары"; "" otherwise', default="")


@dataclass(frozen=True)
class Legend:
    colour: str = documented("the fill of the class (#rrggbb)")
    label: str = documented('the values of the class as formatted numbers, e.g. "3–12"')


@dataclass(frozen=True)
class PlaceMap:
    map_id: str = documented("the element id of the map (unique on its page)")
    title: str = documented('what the map shows by default, e.g. "2026 · Мүгедектігі бар адамдар: квоталық жұмыс '
                            'орындары, аудандар мен қалалар"')
    data_href: str = documented("link to the map's data file (urls.map_data): every view the switches offer")
    geometry_href: str = documented("link to the shared boundaries file (urls.GEOMETRY)")
    root_href: str = documented("link to the site's root from the page: the data file's place links are from there")
    levels: list[tuple[int, str]] = documented("the levels the map can show as (1 or 2, title); one on a region's page")
    level: int = documented("the level shown first")
    views: list[tuple[str, str]] = documented('the years and categories the map can show as (key "2026|disability", '
                                              'title "2026 · Мүгедектігі бар адамдар"), newest first')
    view: str = documented("the key of the view shown first: the newest year, its category with the most places")
    metrics: list[tuple[str, str]] = documented("the measures as (code, title): jobs, organizations, rule_percent")
    rows: list[MapRow] = documented("the places of the first view (level, year, category), most jobs first, then "
                                    "those set by rule")
    legend: list[Legend] = documented("the colour classes of the first view's jobs, lowest first")
    alt: str = documented("the first view in a sentence: how many places, the largest and the smallest, what is not "
                          "on the map")
    missing: list[str] = documented("names of the places of the first view with data and no shape (not on the map)")
    caption: str = documented('the first view\'s title for the table, e.g. "2026 · Мүгедектігі бар адамдар · Аудандар '
                              'мен қалалар"')
    attribution: str = documented("the boundaries' attribution (CC BY 4.0), shown under the map")
    note: str = documented("what the boundaries cannot show: districts made after January 2024", default="")
    share: charts.ChartShare | None = documented("its downloads' title and source line and its embed page "
                                                 "(views/embeds.py share_map); None: no row of actions", default=None)


# Sequential, colour-blind safe (ColorBrewer YlGnBu), light to dark; readable on both schemes
# with the outline in the page's own colour (assets/js/map.js).
PALETTE = ["#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"]

OWN_ROWS = N_("ешбір ауданға жатпайтын өз жолдары")
NOTE = (N_("Шекаралар 2024 жылғы қаңтардағы күйінде: одан кейін құрылған аудандар (Сауран, Марқакөл, Үлкен Нарын, "
        "Сарайшық) картада жоқ, олардың сандары кестеде және картаның астындағы тізімде."))


def classes(values: list[float]) -> list[float]:
    """Upper bounds of at most CLASSES colour classes of `values` (quantiles of the distinct
    values, so a few large places do not leave every other one in the lowest class); the last
    bound is the largest value."""
    distinct = sorted(set(values))
    if len(distinct) <= CLASSES:
        return distinct
    return [distinct[min(len(distinct) - 1, round((i + 1) * len(distinct) / CLASSES) - 1)] for i in range(CLASSES)]


def legend_of(bounds: list[float], values: list[float], percent: bool) -> list[Legend]:
    """The classes as (colour, "lowest – highest value in it") labels, lowest first: the
    values of a class as the data has them, never a bound no place has."""
    fmt = formats.percent if percent else formats.number
    out = []
    low_bound: float | None = None
    for i, high in enumerate(bounds):
        members = [v for v in values if v <= high and (low_bound is None or v > low_bound)]
        low_bound = high
        if not members:
            continue
        colour = PALETTE[round(i * (len(PALETTE) - 1) / max(1, len(bounds) - 1))]
        lo, hi = min(members), max(members)
        out.append(Legend(colour, fmt(hi) if lo == hi else f"{fmt(lo)} – {fmt(hi)}"))
    return out


def unit(metric: str, n: float) -> str:
    """The word after a figure of `metric` in a sentence, in the form `n` takes (" 5 жұмыс
    орны"); "" for a percent."""
    if metric == "jobs":
        return " " + ngettext("жұмыс орны", "жұмыс орны", int(n))
    if metric == "organizations":
        return " " + ngettext("ұйым", "ұйым", int(n))
    return ""


def sentence(rows: list[dict[str, Any]], metric: str, what: str) -> str:
    """A view in words: how many places, the largest and smallest figure, what is not drawn."""
    valued = [r for r in rows if r[metric] is not None and not r.get("note")]  # a region's own rows are no place
    fmt = formats.percent if metric == "rule_percent" else formats.number
    if not valued:
        return tr("Карта: %(what)s — бұл көрсеткіш бойынша дерек жоқ.") % {"what": what}
    top = max(valued, key=lambda r: r[metric])
    low = min(valued, key=lambda r: r[metric])
    def figure(r: dict[str, Any]) -> str:
        return fmt(r[metric]) + unit(metric, r[metric])

    text = (ngettext("Карта: %(what)s, %(n)s аумақ.", "Карта: %(what)s, %(n)s аумақ.", len(valued))
            % {"what": what, "n": len(valued)}
            + " " + tr("Ең көбі — %(name)s (%(value)s)") % {"name": top["name"], "value": figure(top)})
    if low is not top:
        text += tr(", ең азы — %(name)s (%(value)s)") % {"name": low["name"], "value": figure(low)}
    text += "."
    off = [off_name(r) for r in rows if r[metric] is not None and not r["on_map"]]
    if off:
        more = " " + tr("және тағы %(n)s") % {"n": len(off) - NAMED} if len(off) > NAMED else ""
        text += " " + tr("Картада жоқ: %(names)s%(more)s.") % {"names": ", ".join(off[:NAMED]), "more": more}
    return text


def off_name(row: dict[str, Any]) -> str:
    """A row not on the map as the list under it names it."""
    return f"{row['name']} ({row['note']})" if row.get("note") else str(row["name"])


class MapMaker:
    """The views of one map: its places by level, their figures by year and category."""

    def __init__(self, data: model.Model, page: str, scope: str) -> None:
        self.data, self.page, self.scope = data, page, scope
        atlas = data.atlas
        self.atlas = atlas
        self.names = data.names
        self.titles = data.labels("quotas", "quotas", "category")
        tops = [pid for pid in atlas.order if not atlas.places[pid]["parent_id"]]
        if scope == "kz":
            self.level_places = {1: tops, 2: [pid for pid in atlas.order
                                              if atlas.places[pid]["parent_id"] in set(tops)]}
        else:
            self.level_places = {2: list(atlas.children.get(scope, []))}
        # the places whose districts a level-2 view shows: rows of their own (in no district) are
        # the difference of their figure and their districts', kept in the table as their own row
        self.tops = tops if scope == "kz" else [scope]
        self.top_figures: dict[tuple[int, str], dict[str, tuple[int, int]]] = {}
        for pid in self.tops:
            for f in atlas.figures.get(pid, []):
                self.top_figures.setdefault((int(f["year"]), str(f["category"])), {})[pid] = (
                    int(f["jobs"]), int(f["organizations"]))
        # (year, category) → place → (jobs, organizations); rule-only (year|None, category) → place → rule
        self.figures: dict[tuple[int, str], dict[str, tuple[int, int]]] = {}
        self.rules: dict[tuple[int | None, str], dict[str, tuple[float, str]]] = {}
        for pids in self.level_places.values():
            for pid in pids:
                for f in atlas.figures.get(pid, []):
                    key = (int(f["year"]), str(f["category"]))
                    self.figures.setdefault(key, {})[pid] = (int(f["jobs"]), int(f["organizations"]))
                if pid in atlas.rule_only:
                    for (year, category), rules in atlas.rule_only_rules(pid):
                        own = [r for r in rules if r.resolution_id == rules[0].resolution_id]
                        fig = next(x for x in rule_figures(data, pid, page)
                                   if x.year == year and x.category == category)
                        self.rules.setdefault((year, category), {})[pid] = (min(r.percent for r in own), fig.text)

    def keys(self) -> list[tuple[int, str]]:
        """The years and categories with list rows or a rule, newest first, the schema's category order."""
        order = {c: i for i, c in enumerate(self.titles)}
        keys = set(self.figures) | {(y, c) for (y, c) in self.rules if y is not None}
        return sorted(keys, key=lambda k: (-k[0], order.get(k[1], 99), k[1]))

    def rows(self, level: int, key: tuple[int, str]) -> list[dict[str, Any]]:
        figures = self.figures.get(key, {})
        rules = {**self.rules.get((None, key[1]), {}), **self.rules.get(key, {})}
        places = self.atlas.places
        pids = [pid for pid in self.level_places.get(level, []) if pid in figures or pid in rules]
        placement = geo.match(places, pids, self.data.boundaries, level)
        out = []
        for pid in pids:
            jobs, orgs = figures.get(pid, (None, None))
            percent, text = rules.get(pid, (None, "")) if pid not in figures else (None, "")
            out.append({"place_id": pid, "name": self.names.get(pid, pid), "jobs": jobs, "organizations": orgs,
                        "rule_percent": percent, "rule_text": text, "on_map": pid in placement.shapes,
                        "kato": placement.shapes[pid].kato if pid in placement.shapes else "", "note": ""})
        if level == 2:
            out += self.own_rows(key, out)
        out.sort(key=lambda r: (r["jobs"] is None, -int(r["jobs"] or 0), model.kk_key(r["name"])))
        return out

    def own_rows(self, key: tuple[int, str], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A region's (or republican city's) rows in none of its districts, in a level-2 view:
        its figure less its districts' (never dropped: a row of the table, not on the map)."""
        parent = {pid: self.atlas.places[pid]["parent_id"] for pid in (r["place_id"] for r in rows)}
        out = []
        for top, (jobs, orgs) in sorted(self.top_figures.get(key, {}).items()):
            inside = [r for r in rows if parent.get(r["place_id"]) == top and r["jobs"] is not None]
            own_jobs = jobs - sum(int(r["jobs"]) for r in inside)
            own_orgs = orgs - sum(int(r["organizations"]) for r in inside)
            if own_jobs > 0 or own_orgs > 0:
                out.append({"place_id": top, "name": self.names.get(top, top), "jobs": own_jobs,
                            "organizations": own_orgs, "rule_percent": None, "rule_text": "", "on_map": False,
                            "kato": "", "note": tr(OWN_ROWS)})
        return out

    def what(self, level: int, key: tuple[int, str], metric_title: str) -> str:
        return f"{key[0]} · {self.titles.get(key[1], key[1])}: {tr(metric_title).lower()}, {tr(LEVELS[level]).lower()}"

    def view_data(self, level: int, key: tuple[int, str]) -> dict[str, Any]:
        rows = self.rows(level, key)
        out: dict[str, Any] = {
            "rows": [[r["place_id"], r["jobs"], r["organizations"], r["rule_percent"], r["rule_text"],
                      r["kato"], r["note"]] for r in rows],
            "metrics": {},
        }
        for code, title in METRICS:
            values = [r[code] for r in rows if r[code] is not None and r["on_map"]]
            bounds = classes(values)
            out["metrics"][code] = {
                "bounds": bounds,
                "legend": [[lg.colour, lg.label] for lg in legend_of(bounds, values, code == "rule_percent")],
                "alt": sentence(rows, code, self.what(level, key, title)),
            }
        return out


def _key_text(key: tuple[int, str]) -> str:
    return f"{key[0]}|{key[1]}"


def place_map(data: model.Model, page: str, scope: str, map_id: str) -> tuple[PlaceMap | None, Output | None]:
    """The map part of `page` for `scope` ("kz": the country, by region and by district; a
    region's place_id: its districts and cities) and its data file; (None, None) when no
    place of the scope has a quota figure or a rule."""
    maker = MapMaker(data, page, scope)
    keys = maker.keys()
    levels = sorted(maker.level_places)
    views = {(level, key): maker.view_data(level, key) for level in levels for key in keys}
    views = {k: v for k, v in views.items() if v["rows"]}
    if not views:
        return None, None
    # the first view: the newest year; in it, the finer level, then the category with the most places drawn
    first_level, first_key = max(views, key=lambda lk: (lk[1][0], lk[0], sum(1 for r in views[lk]["rows"] if r[5]),
                                                         -keys.index(lk[1])))
    rows = maker.rows(first_level, first_key)
    names = maker.names
    places = {pid: [names.get(pid, pid), urls.place(pid)] for lk in views for pid, *_ in views[lk]["rows"]}
    doc: dict[str, Any] = {
        "geometry": urls.GEOMETRY,
        "scope": scope,
        "region_kato": "" if scope == "kz" else formats.text(data.atlas.places[scope]["kato"]),
        "places": places,
        "views": {f"{level}|{_key_text(key)}": v for (level, key), v in sorted(views.items())},
        "palette": PALETTE,
        "metrics": [[c, tr(t)] for c, t in METRICS],
        "levels": {str(k): tr(v) for k, v in LEVELS.items()},
        "titles": {_key_text(k): f"{k[0]} · {maker.titles.get(k[1], k[1])}" for k in keys},
    }
    first = views[(first_level, first_key)]["metrics"]["jobs"]
    geometry_href = link(page, urls.GEOMETRY)
    ctx = PlaceMap(
        map_id=map_id,
        title=maker.what(first_level, first_key, METRICS[0][1]),
        data_href=link(page, urls.map_data(scope)),
        geometry_href=geometry_href,
        root_href=geometry_href[: -len(urls.GEOMETRY)],
        levels=[(lv, tr(LEVELS[lv])) for lv in levels],
        level=first_level,
        views=[(_key_text(k), doc["titles"][_key_text(k)]) for k in keys
               if any((lv, k) in views for lv in levels)],
        view=_key_text(first_key),
        metrics=[(c, tr(t)) for c, t in METRICS],
        rows=[MapRow(r["place_id"], r["name"], link(page, urls.place(r["place_id"])), r["jobs"],
                     r["organizations"], r["rule_text"], r["on_map"], r["note"]) for r in rows],
        legend=[Legend(c, lb) for c, lb in first["legend"]],
        alt=first["alt"],
        missing=[off_name(r) for r in rows if not r["on_map"]],
        caption=f"{doc['titles'][_key_text(first_key)]} · {tr(LEVELS[first_level])}",
        attribution=tr(data.boundaries.attribution_kk),
        note=tr(NOTE),
    )
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return ctx, Output(urls.map_data(scope), text=text + "\n")


def map_messages(data: model.Model) -> list[str]:
    """What the maps cannot draw, for the build's output: every place with quota figures or a
    quota set by rule and no shape of its level (a region or republican city: level 1; a place
    inside one: level 2), and every shape matched to a place places.csv no longer has."""
    maker = MapMaker(data, urls.docs_path(urls.HOME), "kz")
    with_data = {pid for views in maker.figures.values() for pid in views}
    with_data |= {pid for views in maker.rules.values() for pid in views}
    out: list[str] = []
    for level, pids in sorted(maker.level_places.items()):
        placed = geo.match(maker.atlas.places, [p for p in pids if p in with_data], data.boundaries, level)
        out += [m for m in placed.messages if m not in out]
    return out
