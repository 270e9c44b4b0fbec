"""The site's languages: which one a page is being written in, and its interface text.

Kazakh is the source language: interface text is written in Kazakh in templates (`_("…")`),
in views (`_("…")`, or `N_("…")` for a constant translated where it is used) and in the
scripts (`Ashyq.t("…")`). The Russian and English translations are gettext catalogues,
`ashyq/locale/<lang>.po`, whose msgid is the Kazakh text (`python -m ashyq.translations
update|check` keeps them complete). A build writes the site once per language
(`ashyq.build`): Kazakh at the root, the others under `/<lang>/`; while it writes one, `use`
makes it the current language, which every `_()`, `formats` and the model's names follow.

Imports nothing from ashyq but paths.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache

from ashyq.paths import PACKAGE

SOURCE = "kk"
LANGUAGES = ("kk", "ru", "en")
# How each language names itself in the switcher, and Babel's locale for it.
NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
LOCALE_DIR = PACKAGE / "locale"
# The languages a build writes when it is not told: all, or ASHYQ_LANGUAGES ("kk", "kk,ru").
ENV = "ASHYQ_LANGUAGES"

_current: ContextVar[str] = ContextVar("ashyq_language", default=SOURCE)


class UnknownLanguage(ValueError):
    pass


def configured() -> tuple[str, ...]:
    """The languages to build: ASHYQ_LANGUAGES's (comma-separated, Kazakh always first) or all."""
    wanted = [w.strip() for w in os.environ.get(ENV, "").split(",") if w.strip()]
    return languages(wanted or LANGUAGES)


def languages(wanted: str | Iterable[str]) -> tuple[str, ...]:
    """`wanted` checked and ordered: Kazakh first (its site is the root the others sit in)."""
    items = [w.strip() for w in wanted.split(",")] if isinstance(wanted, str) else [str(w) for w in wanted]
    unknown = [w for w in items if w not in LANGUAGES]
    if unknown:
        raise UnknownLanguage(f"unknown language {', '.join(map(repr, unknown))}: "
                              f"the site speaks {', '.join(LANGUAGES)}")
    return tuple(lang for lang in LANGUAGES if lang == SOURCE or lang in items)


def current() -> str:
    return _current.get()


@contextmanager
def use(lang: str) -> Iterator[None]:
    """Write in `lang` for the duration."""
    if lang not in LANGUAGES:
        raise UnknownLanguage(f"unknown language {lang!r}")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def prefix(lang: str | None = None) -> str:
    """Where a language's pages are, from the site's root: "" for Kazakh, "ru/", "en/"."""
    lang = lang or current()
    return "" if lang == SOURCE else f"{lang}/"


def catalogue_path(lang: str) -> str:
    return str(LOCALE_DIR / f"{lang}.po")


@cache
def catalogue(lang: str) -> dict[str, str]:
    """The translations of `lang`: Kazakh msgid → text; untranslated and fuzzy entries are
    left out (the text then shows in Kazakh, and `translations check` fails)."""
    if lang == SOURCE:
        return {}
    from babel.messages.pofile import read_po

    try:
        with open(catalogue_path(lang), "rb") as f:
            cat = read_po(f, locale=lang)
    except FileNotFoundError:
        return {}
    return {str(m.id): str(m.string) for m in cat
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def gettext(message: str) -> str:
    """`message` (Kazakh) in the current language."""
    lang = _current.get()
    if lang == SOURCE:
        return message
    return catalogue(lang).get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    # Kazakh has one form; the catalogues translate the singular's msgid
    return gettext(singular)


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "translate where used")
    """Marks a constant for the catalogue; it is translated where it is used, by `gettext`."""
    return message


_ = gettext
