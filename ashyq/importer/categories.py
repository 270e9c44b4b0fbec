"""Quota categories named in an act's words, Kazakh and Russian, old names and new.

The names changed over the years: «инвалиды»/«мүгедектер» until about 2021, «лица с
инвалидностью»/«мүгедектігі бар адамдар» since; the young people from orphanages were once
«выпускники детских домов и интернатных учреждений», «воспитанники детских домов»,
«дети-сироты», «балалар үйлерінің түлектері»; probation was once the criminal-executive
inspection («уголовно-исполнительная инспекция», «қылмыстық-атқару инспекциясы»). The
patterns are the legal vocabulary of the categories (a closed list set by law), matched on a
folded text: lower case, ё → е, dashes and their spaces folded («ата – анасынан» → «ата-анасынан»).
"""

from __future__ import annotations

import re

CATEGORIES = ("disability", "youth_without_parental_care", "released_from_prison", "probation")

_PATTERNS: dict[str, list[str]] = {
    "disability": [
        r"мүгедект\w*", r"мүгедек\w*", r"инвалид\w*", r"ограниченными возможностями",
        r"мүмкіндіктері шектеулі",
    ],
    "youth_without_parental_care": [
        r"қамқорлығынсыз", r"ата-анасынан\s+кәмелеттік", r"без попечения родителей",
        r"сирот\w*", r"детск\w* дом\w*", r"интернатн\w* (?:учреждени|организаци)\w*",
        r"балалар үй\w*", r"жетім\w*", r"воспитанник\w*",
    ],
    "released_from_prison": [
        r"бас бостандығынан айыру орындарынан", r"бостандығынан айыру орындарынан",
        r"мест лишения свободы", r"освобожденн\w* из (?:мест|учреждени)\w*",
        r"уголовно-исполнительной системы",
    ],
    "probation": [
        r"пробаци\w*", r"уголовно-исполнительн\w* инспекци\w*", r"қылмыстық-атқару инспекция\w*",
    ],
}
_COMPILED = {cat: re.compile("|".join(f"(?:{p})" for p in pats)) for cat, pats in _PATTERNS.items()}


def fold(text: str) -> str:
    """Text for matching: lower case, ё → е, dashes unified, whitespace as one space."""
    text = text.casefold().replace("ё", "е")
    text = re.sub(r"\s*[–—‑-]\s*", "-", text)
    return re.sub(r"\s+", " ", text)


def find_categories(text: str) -> list[str]:
    """Categories named in `text`, in the order they first appear."""
    folded = fold(text)
    hits = []
    for cat, rx in _COMPILED.items():
        m = rx.search(folded)
        if m:
            # "released from prison" cites the criminal-executive system; probation named
            # there too is its own category: both stay.
            hits.append((m.start(), cat))
    return [cat for _, cat in sorted(hits)]
