"""Text clean-up shared by the importer, the extraction scripts and the validation rules.

Owns what a "PDF artefact" is in text: broken lines, letter-spaced words, stray spaces.
"""

from __future__ import annotations

import re

# Three or more single letters separated by single spaces: "м е к т е б і".
# Letters only, so "1 2 3 4" (column numbers) is never touched.
LETTER_SPACED = re.compile(r"(?<!\S)(?:[^\W\d_] ){2,}[^\W\d_](?!\S)")
_SPACES = re.compile(r"\s+")


def undo_letter_spacing(text: str) -> str:
    """Join letter-spaced words: 'ш е к т е у л і' → 'шектеулі'."""
    return LETTER_SPACED.sub(lambda m: m.group(0).replace(" ", ""), text)


def join_lines(lines: list[str] | str) -> str:
    """Join a cell that the PDF split over several lines into one line of text.

    Letter-spacing is undone and whitespace runs become one space. A word the
    PDF broke mid-word ("жасөспірім" / "дер") is not told from two words here;
    the importer mends those where a rule can tell (ashyq/importer/tables.py,
    `broken_word`).
    """
    if isinstance(lines, str):
        lines = lines.splitlines()
    # letter-spacing first: a double space is what separates letter-spaced words
    # ("ү й л е с т і р у  ж ә н е"), and collapsing spaces first would lose it
    parts = (_SPACES.sub(" ", undo_letter_spacing(line)).strip() for line in lines)
    return " ".join(p for p in parts if p)


def squash(text: str) -> str:
    """Text with all whitespace removed: compares a value with its source lines."""
    return _SPACES.sub("", text)


def has_letter_spacing(text: str) -> bool:
    """True when the text still holds a letter-spaced word left by the PDF."""
    return LETTER_SPACED.search(text) is not None


_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def english_text(text: str) -> bool:
    """True when the text is mostly Latin letters (a commit subject or a description written
    in English): a Kazakh page marks it lang="en", so screen readers read it as English."""
    return len(_LATIN.findall(text)) > len(_CYRILLIC.findall(text))
