"""The terms an act's operative text sets: category, headcount tier, percent, basis, exclusions.

Three shapes, in Kazakh and Russian, in words or figures:
  tiers  «от пятидесяти до ста человек – в размере двух процентов; от ста до двухсот
          пятидесяти – трех процентов; свыше двухсот пятидесяти – четырех процентов»,
         «елуден жүз адамға дейін – екі пайыз ...»
  flat   «в размере трех процентов от списочной численности работников», «2 (екі) пайыз»
  range  «жұмыс орындары санының екіден төрт пайызға дейінгі мөлшерінде» (a list in the annex)
An item («1. ...») is read as a head up to its colon and clauses separated by «;»; each
clause with a percent is one term per category it names (or the head names).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ashyq.importer.categories import find_categories
from ashyq.importer.head import Span, span_text
from ashyq.importer.numbers import NumberRun, find_numbers
from ashyq.text import join_lines

_PERCENT_AFTER = re.compile(r"^\s*(?:\([^()]{0,40}\)\s*)?(?:%|процент\w*|пайыз\w*)", re.IGNORECASE)
_ABLATIVE = ("ден", "дан", "тен", "тан", "нен", "нан")
_HEADCOUNT_BASIS = re.compile(r"тізімдік\s+сан|списочн\w+\s+численност|численност\w*\s+работник|"
                              r"жұмыскерлер\w*\s+сан|қызметкерлер\w*\s+сан", re.IGNORECASE)
_JOBS_BASIS = re.compile(r"жұмыс\s+орындар\w*\s+(?:жалпы\s+)?сан|(?:общ\w+\s+)?(?:количеств|числ)\w*\s+рабочих\s+мест|"
                         r"от\s+(?:общего\s+)?числа\s+рабочих\s+мест", re.IGNORECASE)
_EXCLUDED = [
    re.compile(r"ауыр\s+жұмыс\w*.*?(?:есептемегенде|есепке\s+алмағанда)", re.IGNORECASE | re.DOTALL),
    re.compile(r"(?:без\s+учета|за\s+исключением|не\s+считая)\s+рабочих\s+мест.*?(?:условиями\s+труда|(?=;)|$)",
               re.IGNORECASE | re.DOTALL),
]
_YEAR = re.compile(r"(?P<y>(?:19|20)\d{2})\s*(?:жылға|жылы\w*|год\b|году|годы)|на\s+(?P<y2>(?:19|20)\d{2})\s*год",
                   re.IGNORECASE)
# An item of the operative text: «1. …» at a line's start, or right after the decree words
# («ПОСТАНОВЛЯЕТ: 1. Установить …», as an HTML page may run them together).
_ANNEX_REF = re.compile(r"(\d+)\s*[-–]?\s*қосымша\w*|приложени\w*\s*№?\s*(\d+)", re.IGNORECASE)
_ITEM = re.compile(r"^\s*(\d+)\.\s|(?:ЕТЕДІ|ПОСТАНОВЛЯЕТ|ҚАБЫЛДАДЫ|РЕШИЛ|ШЕШТІ)\s*:\s*(\d+)\.\s")


@dataclass
class Term:
    category: str
    headcount_min: int | None
    headcount_max: int | None
    percent: float
    percent_max: float | None
    basis: str | None
    excluded: str
    year: int | None
    first: int
    last: int
    annex: int | None = None  # the annex the term's clause points to («1 қосымшасына сәйкес», «приложению 2»)

    @property
    def source_lines(self) -> str:
        return span_text(self.first, self.last)


@dataclass
class TermProblem:
    code: str
    line: int
    message: str
    fix: str


def year_in(text: str) -> int | None:
    m = _YEAR.search(text)
    if not m:
        return None
    return int(m.group("y") or m.group("y2"))


def _percent(text: str, runs: list[NumberRun]) -> tuple[float, float | None, set[int]] | None:
    """The percent a clause sets, a range's upper end, and the runs used."""
    for i, run in enumerate(runs):
        if not _PERCENT_AFTER.match(text[run.end:]):
            continue
        low, high, used = run.value, None, {i}
        if i > 0:
            prev = runs[i - 1]
            between = text[prev.end:run.start]
            before = text[max(0, prev.start - 4):prev.start].casefold()
            further = text[max(0, prev.start - 10):prev.start].casefold()
            bounded = re.search(r"(?:\bдо|свыше|более|выше|дейін)\s*$", further)  # a tier's headcount
            if (re.fullmatch(r"\s*%?\s*до\s*", between) and before.strip().endswith("от")) or (
                    re.fullmatch(r"\s*%?\s*[-–—]\s*", between) and not bounded) or (
                    prev.ending in _ABLATIVE and re.fullmatch(r"\s*(?:%\s*)?", between)):
                low, high, used = prev.value, run.value, {i - 1, i}
        # a figure and the same number in words beside it: «2 (двух) процентов»
        if i > 0 and runs[i - 1].value == run.value and re.fullmatch(r"\s*\(\s*", text[runs[i - 1].end:run.start]):
            used.add(i - 1)
        if (i + 1 < len(runs) and runs[i + 1].value == run.value
                and re.fullmatch(r"\s*\(\s*", text[run.end:runs[i + 1].start])):
            used.add(i + 1)
        return low, high, used
    return None


def _percent_ends(text: str) -> list[int]:
    """Where each percent expression of a text ends (after «процентов», «пайызы», «%»)."""
    ends = []
    for run in find_numbers(text):
        m = _PERCENT_AFTER.match(text[run.end:])
        if m:
            ends.append(run.end + m.end())
    return ends


def _headcount(text: str, runs: list[NumberRun], used: set[int]) -> tuple[int | None, int | None] | None:
    """The headcount tier a clause names: «от 50 до 100 человек», «елуден жүз адамға дейін»,
    «свыше двухсот пятидесяти», «екі жүз елуден жоғары»; None when it names none."""
    free = [(i, r) for i, r in enumerate(runs) if i not in used]
    for k, (_, run) in enumerate(free):
        before = text[max(0, run.start - 12):run.start].casefold()
        after = text[run.end:run.end + 30].casefold()
        value = int(run.value)
        if k + 1 < len(free):
            nxt = free[k + 1][1]
            between = text[run.end:nxt.start].casefold()
            if re.search(r"\bот\s*$", before) and re.fullmatch(r"\s*(?:человек\w*\s*)?(?:до|[-–])\s*", between):
                return value, int(nxt.value)
            if run.ending in _ABLATIVE and re.fullmatch(r"\s*", between) and re.match(
                    r"\s*(?:\w*\s+)?(?:адам\w*\s+)?(?:дейін)", text[nxt.end:nxt.end + 30].casefold()):
                return value, int(nxt.value)
            if re.fullmatch(r"\s*[-–]\s*", between) and re.match(
                    r"\s*(?:человек|адам|работник|жұмыскер)", text[nxt.end:nxt.end + 20].casefold()):
                return value, int(nxt.value)
        if re.search(r"(?:свыше|более|выше|больше)\s*$", before):
            return value + 1, None
        if re.search(r"\bот\s*$", before) and re.match(r"\s*(?:человек\w*\s*)?(?:и\s+(?:более|выше|свыше))", after):
            return value, None
        if run.ending in _ABLATIVE or re.match(r"\s*адам\w*", after):
            if re.match(r"\s*(?:адам\w*\s+)?(?:жоғары|астам|артық|көп|асатын|асқан|асса)", after):
                return value + 1, None
            if re.match(r"\s*(?:адам\w*\s+)?бастап", after):
                return value, None
    return None


def read_terms(lines: list[str], first: int, last: int, skip: set[int], act_categories: list[str],
               act_year: int | None) -> tuple[list[Term], list[TermProblem]]:
    """Terms of the operative text lines first..last (the decree to the signature)."""
    terms: list[Term] = []
    problems: list[TermProblem] = []
    items: list[tuple[int, int]] = []
    for k in range(first, last + 1):
        if k in skip:
            continue
        if _ITEM.search(lines[k]):
            items.append((k, k))
        elif items and lines[k].strip():
            items[-1] = (items[-1][0], k)
    if not items and first < last:  # an operative text without numbered items: one item
        items = [(first + 1, last)]
    for a, b in items:
        text_lines = [lines[k] if k not in skip else "" for k in range(a, b + 1)]
        start_item = _ITEM.search(text_lines[0])
        if start_item and start_item.group(2):  # the preamble before «ПОСТАНОВЛЯЕТ: 1.» is not the item
            text_lines[0] = " " * start_item.start(2) + text_lines[0][start_item.start(2):]
        span = Span([""] * a + text_lines, a, b)
        text = span.text
        if not re.search(r"квот", text, re.IGNORECASE) or not re.search(r"%|процент|пайыз", text, re.IGNORECASE):
            continue
        colon = re.search(r":\s", text)
        after = text[colon.end():] if colon else ""
        head_end = colon.end() if colon and (";" in after or len(_percent_ends(after)) > 1) else 0
        head = text[:head_end]
        clauses = []
        pos = head_end
        for m in re.finditer(r";|\.\s*$|$", text[head_end:]):
            end = head_end + m.start()
            if end > pos:
                clauses.append((pos, end))
            pos = head_end + m.end()
            if pos >= len(text):
                break
        # a clause with several percents («от 50 до 100 человек – 2 %, от 101 до 250 – 3 %, …»)
        # is cut after each percent: each piece is one term
        pieces = []
        for c_start, c_end in clauses:
            ends = [c_start + e for e in _percent_ends(text[c_start:c_end])]
            cut = c_start
            for e in ends[:-1]:
                pieces.append((cut, e, cut != c_start))
                cut = e
                while cut < c_end and text[cut] in " \n,":  # the comma after a percent starts no piece
                    cut += 1
            pieces.append((cut, c_end, cut != c_start))
        before = len(terms)
        carried: list[str] = []
        head_cats = find_categories(head) if head else []
        head_basis = _basis(head)
        year = year_in(text) or act_year
        for start, end, continued in pieces:
            clause = text[start:end]
            runs = find_numbers(clause)
            pct = _percent(clause, runs)
            line_a, line_b = span.lines_of(start, end)
            if pct is None:
                continue
            if not find_categories(_without_exclusion(clause)):
                # the category (and the basis) is in the item's head: the term's lines run from
                # the item's start to the clause («1. … инвалидов … : от 50 до 100 – 2 %»)
                line_a = span.lines_of(0, end)[0]
            low, high, used = pct
            tier = _headcount(clause, runs, used)
            cats = find_categories(_without_exclusion(clause)) or head_cats or (carried if continued else [])
            if not cats and len(act_categories) == 1:
                cats = act_categories
            carried = cats
            if not cats:
                problems.append(TermProblem("category-unclear", line_a,
                                            f"a quota of {low:g} % in lines {span_text(line_a, line_b)} "
                                            "names no category",
                                            "check the lines; if the act names the category elsewhere, add the rule's "
                                            "category by hand in quota_rules.csv"))
                continue
            basis = _basis(clause) or head_basis or _basis(text)
            if basis is None:
                problems.append(TermProblem("basis-unclear", line_a,
                                            f"lines {span_text(line_a, line_b)} do not say what the percent is of "
                                            "(listed headcount or number of jobs); headcount assumed",
                                            "read the item and set basis in quota_rules.csv to headcount or jobs"))
                basis = "headcount"
            excluded = ""
            for rx in _EXCLUDED:
                em = rx.search(text)
                if em:
                    excluded = join_lines(em.group(0)).strip(" ,;")
                    break
            ref = _ANNEX_REF.search(clause)
            annex = int(ref.group(1) or ref.group(2)) if ref else None
            for cat in cats:
                terms.append(Term(cat, tier[0] if tier else None, tier[1] if tier else None, low, high,
                                  basis, excluded, year, line_a, line_b, annex))
        if len(terms) == before and not any(p.line >= a for p in problems):
            problems.append(TermProblem("terms-unread", a,
                                        f"item at lines {span_text(a, b)} speaks of a quota and a percent, but no "
                                        "term (category, percent, headcount) could be read from it",
                                        "read the item; write its terms into quota_rules.csv by hand, and report "
                                        "the wording so the importer learns it"))
    problems += _tier_problems(terms)
    return terms, problems


def _tier_problems(terms: list[Term]) -> list[TermProblem]:
    """Tiers of one category that overlap as printed («от 50 до 100», «от 100 до 250»): kept as
    printed, but a reader (and the site's calculator) must know which applies at 100."""
    out = []
    by_cat: dict[str, list[Term]] = {}
    for t in terms:
        if t.headcount_min is not None or t.headcount_max is not None:
            by_cat.setdefault(t.category, []).append(t)
    for cat, tiers in by_cat.items():
        tiers.sort(key=lambda t: t.headcount_min or 0)
        for lower, upper in zip(tiers, tiers[1:]):
            if lower.headcount_max is not None and upper.headcount_min is not None and \
                    lower.headcount_max + 1 < upper.headcount_min:
                lo, hi = lower.headcount_max + 1, upper.headcount_min - 1
                missing = str(lo) if lo == hi else f"{lo}–{hi}"
                out.append(TermProblem("tier-gap", upper.last,
                                       f"{cat}: no tier for {missing} as "
                                       f"printed (between {lower.headcount_min}–{lower.headcount_max} and "
                                       f"{upper.headcount_min}–{upper.headcount_max or ''}); «свыше N», «N-нан "
                                       "асатын» are read as more than N",
                                       "keep them as printed; check the act's other language for the tier's bound"))
            if lower.headcount_max is not None and upper.headcount_min is not None and \
                    lower.headcount_max >= upper.headcount_min:
                out.append(TermProblem("tier-overlap", upper.last,
                                       f"{cat}: the tiers {lower.headcount_min}–{lower.headcount_max} and "
                                       f"{upper.headcount_min}–{upper.headcount_max or ''} overlap as printed "
                                       f"(an organisation of {upper.headcount_min} is in both)",
                                       "keep them as printed; check the act's other language or the law it cites "
                                       "for which tier applies"))
    return out


def _basis(text: str) -> str | None:
    text = _without_exclusion(text)
    if _HEADCOUNT_BASIS.search(text):
        return "headcount"
    if _JOBS_BASIS.search(text):
        return "jobs"
    return None


def _without_exclusion(text: str) -> str:
    for rx in _EXCLUDED:
        text = rx.sub(" ", text)
    return text
