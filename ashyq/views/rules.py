"""Quotas set by rule as pages show them: the terms of an act (quotas/quota_rules) in plain
Kazakh words, its tiers as a small table, the act and whether it is in force, and what the
page's calculator needs. Used by the place and resolution pages, and by the explorer, the
home page and the charts where a place's quota is set by rule and no list (never a zero).

The facts (which terms bind a place, which places are rule-only) are the model's
(`Model.rules_of`, `Atlas.rule_only`); this module only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ashyq import formats, model, urls
from ashyq.i18n import N_
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import PageSources, RowSource, documented

# the interface words of a tier's bounds, by basis (the schema's `basis` values)
COUNT_HEADING = {"headcount": N_("Жұмыскерлердің тізімдік саны"), "jobs": N_("Жұмыс орындарының саны")}
INPUT_LABEL = {"headcount": N_("Ұйымыңыздағы жұмыскерлердің тізімдік саны"),
               "jobs": N_("Ұйымыңыздағы жұмыс орындарының саны")}


@dataclass(frozen=True)
class RuleTier:
    """One term of an act: a headcount tier (or every employer) and its percent."""

    src: RowSource = documented("the term's provenance (quota_rules.csv line, source lines in the act, correction "
                                "links; anchor rule-<resolution>-<rule_no>)")
    bounds: str = documented('the tier as words: "50–100", "251 және одан көп", "барлық ұйымдар" (a flat percent)')
    percent: str = documented('the percent the act sets, formatted: "2 %", a range "2–4 %"')


@dataclass(frozen=True)
class RuleBlock:
    """What one act sets for one category, place and year: who must reserve how many jobs,
    for whom, of what, from which act, in force or repealed."""

    anchor: str = documented('the block\'s id on the page: "rule-<resolution>-<year>-<category>"')
    year: int | None = documented("the quota year the act sets; None when it names none")
    year_text: str = documented('the year as the page writes it: "2027", or "жылы көрсетілмеген"')
    category: str = documented('the category\'s code, e.g. "disability"')
    category_kk: str = documented("the category's title (the schema's enumTitles)")
    place_id: str = documented("the place the act names (a region's act binds every district of it)")
    place_name: str = documented("its reader name (model.reader_name)")
    place_href: str = documented("link to its page")
    inherited: bool = documented("on a place page: the act is about a place above this one (the region)")
    basis: str = documented('"headcount" or "jobs": what the percent is of')
    basis_kk: str = documented('the basis\'s title (enumTitles), e.g. "Жұмыскерлердің тізімдік санынан"')
    count_heading: str = documented('the heading of the tiers\' first column, e.g. "Жұмыскерлердің тізімдік саны"')
    input_label: str = documented("the calculator's label, e.g. \"Ұйымыңыздағы жұмыскерлердің тізімдік саны\"")
    tiered: bool = documented("the act sets headcount tiers (a table); False: one percent (or a range) for every "
                              "employer")
    percent: str = documented('the block\'s percent in short: "1 %", "2–4 %" (a range, or the tiers\' lowest to '
                              'highest)')
    tiers: list[RuleTier] = documented("the act's terms, by headcount (one for a flat percent)")
    excluded: str = documented('what the act leaves out of the count, as printed; "" when nothing')
    language: str = documented('the language of the act\'s text (resolutions.language), for lang=: "kk" or "ru"')
    act_label: str = documented('the act as the page names it: "Казталов ауданы әкімдігі, 20.11.2026 № 41"')
    act_href: str = documented("link to the resolution's page")
    registration: str = documented('its justice registration: "тіркеу № 9001, 25.11.2026"; "" when not printed')
    repealed: bool = documented("a repeal is recorded (resolutions.repealed_on): the act is no longer in force")
    repealed_text: str = documented('how it was repealed: "12.05.2020 № 112 актімен күші жойылған"; "" in force')
    listed: bool = documented("the place (or a place inside it) has list rows of the same year and category: the "
                              "list follows on the page")
    calculator: dict[str, Any] = documented("the calculator's data, as JSON on the page: basis, listed (as above), "
                                            "tiers [{min, max, p, pmax}] (null: no bound), the number symbols "
                                            "(formats.number_symbols)")


@dataclass(frozen=True)
class RuleFigure:
    """A year and category where a place's quota is set by rule and no list: shown where a
    list's figure would be, instead of zero jobs."""

    year: int | None = documented("the quota year; None when the act names none")
    year_text: str = documented('"2027", or "жылы көрсетілмеген"')
    category: str = documented("the category's code")
    category_kk: str = documented("the category's title")
    short_kk: str = documented("the category's short title (enumShortTitles)")
    percent: str = documented('the percent in short: "1,5 %", "2–4 %"')
    tiered: bool = documented("the percent depends on the organisation's headcount (tiers)")
    basis_kk: str = documented('what the percent is of, its short title (enumShortTitles), e.g. "Тізімдік сан"')
    text: str = documented('the figure in words: "ережемен: 2–4 %, жұмыскерлер санына қарай"')
    repealed: bool = documented("every act that sets it has been repealed since")
    href: str = documented('link to the rule on the place\'s page ("…#rule-…")')


def _bounds(rule: model.QuotaRule) -> str:
    if not rule.tiered:
        return tr("барлық ұйымдар")
    low, high = rule.headcount_min, rule.headcount_max
    if high is None:
        return tr("%(n)s және одан көп") % {"n": formats.number(low)}
    return f"{formats.number(low if low is not None else 0)}–{formats.number(high)}"


def short_percent(rules: list[model.QuotaRule]) -> str:
    """One percent, a range an act sets ("2–4 %"), or tiers' lowest to highest."""
    lows = [r.percent for r in rules]
    highs = [r.percent_max if r.percent_max is not None else r.percent for r in rules]
    return formats.percent(min(lows), max(highs))


def _year_text(year: int | None) -> str:
    return str(year) if year is not None else tr("жылы көрсетілмеген")


def _group(rules: list[model.QuotaRule]) -> list[list[model.QuotaRule]]:
    """Terms by act, year, category, place and basis (one block each), in the given order."""
    out: dict[tuple[Any, ...], list[model.QuotaRule]] = {}
    for r in rules:
        out.setdefault((r.resolution_id, r.year, r.category, r.place_id, r.basis), []).append(r)
    for terms in out.values():
        terms.sort(key=lambda r: (r.headcount_min or 0, r.rule_no))
    return list(out.values())


def rule_blocks(data: model.Model, sources: PageSources, rules: list[model.QuotaRule],
                place_id: str = "") -> list[RuleBlock]:
    """The blocks of `rules` for the page of `sources` (on a place page, `place_id` is the
    place: an act about a place above it is "inherited")."""
    atlas = data.atlas
    acts = data.resolution_records
    out = []
    for terms in _group(rules):
        first = terms[0]
        act = acts.get(first.resolution_id, {})
        number, adopted = formats.text(act.get("number")), formats.text(act.get("adopted_on"))
        registration = formats.text(act.get("registration_number"))
        anchor = f"rule-{first.resolution_id}-{_year_text(first.year).replace(' ', '-')}-{first.category}"
        where = place_id or first.place_id
        listed = any(int(f["year"]) == first.year and f["category"] == first.category
                     for f in atlas.figures.get(where, []))
        out.append(RuleBlock(
            anchor=anchor,
            year=first.year,
            year_text=_year_text(first.year),
            category=first.category,
            category_kk=data.label("quotas", "quota_rules", "category", first.category),
            place_id=first.place_id,
            place_name=data.names.get(first.place_id, first.place_id),
            place_href=link(sources.page, urls.place(first.place_id)),
            inherited=bool(place_id) and first.place_id != place_id,
            basis=first.basis,
            basis_kk=data.label("quotas", "quota_rules", "basis", first.basis),
            count_heading=tr(COUNT_HEADING.get(first.basis, COUNT_HEADING["headcount"])),
            input_label=tr(INPUT_LABEL.get(first.basis, INPUT_LABEL["headcount"])),
            tiered=any(r.tiered for r in terms),
            percent=short_percent(terms),
            tiers=[RuleTier(sources.row("quotas", "quota_rules", {model.LINE: r.line, "source_lines": r.source_lines},
                                        f"rule-{r.resolution_id}-{r.rule_no}", source_path=r.source_path),
                            _bounds(r), formats.percent(r.percent, r.percent_max)) for r in terms],
            excluded=first.excluded_as_printed,
            language=first.language or "kk",
            act_label=f"{formats.text(act.get('issuer_kk')) or first.resolution_id}, {formats.date(adopted)} № {number}"
            if act else first.resolution_id,
            act_href=link(sources.page, urls.resolution(first.resolution_id)),
            registration=(tr("тіркеу № %(n)s") % {"n": registration}
                          + (f", {formats.date(act.get('registered_on'))}" if act.get("registered_on") else "")
                          if registration else ""),
            repealed=first.repealed,
            repealed_text=repealed_text(first.repealed_by, first.repealed_on),
            listed=listed,
            calculator={"basis": first.basis, "listed": listed,
                        "tiers": [{"min": r.headcount_min, "max": r.headcount_max, "p": r.percent,
                                   "pmax": r.percent_max} for r in terms],
                        "number": formats.number_symbols()},
        ))
    return out


def repealed_text(by: str, on: str) -> str:
    """"12.05.2020 № 112 актімен күші жойылған" (as much as is recorded); "" in force."""
    if not on:
        return ""
    act = " ".join(p for p in (formats.date(on), f"№ {by}" if by else "") if p)
    return tr("%(act)s актімен күші жойылған") % {"act": act}


def rule_figures(data: model.Model, pid: str, page: str) -> list[RuleFigure]:
    """The rule-only years and categories of a place (Atlas.rule_only), each in short."""
    out = []
    for (year, category), rules in data.atlas.rule_only_rules(pid):
        first = rules[0]
        own = [r for r in rules if r.resolution_id == first.resolution_id]
        tiered = any(r.tiered for r in own)
        percent = short_percent(own)
        text = tr("ережемен: %(percent)s") % {"percent": percent} + (tr(", жұмыскерлер санына қарай") if tiered else "")
        out.append(RuleFigure(
            year=year, year_text=_year_text(year), category=category,
            category_kk=data.label("quotas", "quota_rules", "category", category),
            short_kk=data.label("quotas", "quota_rules", "category", category, short=True),
            percent=percent, tiered=tiered,
            basis_kk=data.label("quotas", "quota_rules", "basis", first.basis, short=True),
            text=text,
            repealed=all(r.repealed for r in rules),
            href=link(page, urls.place(pid)) + f"#rule-{first.resolution_id}-{_year_text(year).replace(' ', '-')}"
                 f"-{category}",
        ))
    return out


def rule_only_entries(data: model.Model, page: str) -> list[dict[str, str]]:
    """Every rule-only year and category of every place, for the explorer (its manifest's
    `rules`): the facet values the explorer filters by (year, region_kk, place_kk,
    category_kk), the figure in words and the link to the rule on the place's page (relative
    to `page`). In places.csv order, then newest year first."""
    atlas = data.atlas
    names = data.names
    out = []
    for pid in atlas.order:
        if pid not in atlas.rule_only:
            continue
        region = atlas.chains[pid][-1]
        for f in rule_figures(data, pid, page):
            out.append({"year": str(f.year) if f.year is not None else "", "region_kk": names.get(region, region),
                        "place_kk": names.get(pid, pid), "category_kk": f.category_kk,
                        "text": f.text + (tr(", акт күшін жойған") if f.repealed else ""), "href": f.href})
    return out
