"""The site's languages: which one a page is being written in, and its interface text.

Kazakh is the source language: interface text is written in Kazakh in templates (`_("…")`),
in views (`_("…")`, or `N_("…")` for a constant translated where it is used) and in the
scripts (`Ashyq.t("…")`). A text with a count is `ngettext(singular, plural, n)` (scripts:
`Ashyq.tn`): Kazakh needs one form (a noun after a numeral stays singular), so the Kazakh
singular and plural are the same text, and each catalogue holds as many forms as its
language's Plural-Forms says (Russian three: 1 строка, 2 строки, 5 строк; English two).
The Russian and English translations are gettext catalogues,
`ashyq/locale/<lang>.po`, whose msgid is the Kazakh text (`python -m ashyq.translations
update|check` keeps them complete). A build writes the site once per language
(`ashyq.build`): Kazakh at the root, the others under `/<lang>/`; while it writes one, `use`
makes it the current language, which every `_()`, `formats` and the model's names follow.

Imports nothing from ashyq but paths.
"""

from __future__ import annotations

import gettext as _stdlib_gettext
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING

from ashyq.paths import PACKAGE

if TYPE_CHECKING:
    from babel.messages.catalog import Catalog

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
def _read(lang: str) -> Catalog:
    from babel.messages.pofile import read_po

    with open(catalogue_path(lang), "rb") as f:
        return read_po(f, locale=lang)


def forms(string: object) -> tuple[str, ...]:
    """A catalogue entry's msgstr as a tuple: its one text, or every form of a text with a count."""
    if isinstance(string, (tuple, list)):
        return tuple(str(f) for f in string)
    return (str(string),) if string else ()


@cache
def catalogue(lang: str) -> dict[str, str | tuple[str, ...]]:
    """The translations of `lang`: Kazakh msgid → text, or → every form of a text with a count
    (keyed by its singular, as gettext does); untranslated and fuzzy entries, and a text with a
    count missing a form, are left out (the text then shows in Kazakh, and `translations check`
    fails)."""
    if lang == SOURCE:
        return {}
    try:
        cat = _read(lang)
    except FileNotFoundError:
        return {}
    out: dict[str, str | tuple[str, ...]] = {}
    for m in cat:
        if not m.id or m.fuzzy:
            continue
        if isinstance(m.id, tuple):
            every = forms(m.string)
            if len(every) == cat.num_plurals and all(every):
                out[str(m.id[0])] = every
        elif m.string:
            out[str(m.id)] = str(m.string)
    return out


@cache
def plural_expression(lang: str) -> str:
    """The C expression of `lang`'s Plural-Forms (its catalogue's header), which picks a form
    for a count: "(n != 1)" for English."""
    if lang == SOURCE:
        return "0"
    try:
        return str(_read(lang).plural_expr)
    except FileNotFoundError:
        return "0"


@cache
def plural_rule(lang: str) -> Callable[[int], int]:
    """The index of the form `lang` uses for a count, from its Plural-Forms."""
    return _stdlib_gettext.c2py(plural_expression(lang))


def gettext(message: str) -> str:
    """`message` (Kazakh) in the current language."""
    return translate(message, _current.get())


def translate(message: str, lang: str) -> str:
    """`message` (Kazakh) in `lang`."""
    if lang == SOURCE:
        return message
    found = catalogue(lang).get(message, message)
    return found if isinstance(found, str) else found[0]


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a text with a count that the current language uses for `n`; in Kazakh the
    singular (a noun after a numeral stays singular)."""
    lang = _current.get()
    found = catalogue(lang).get(singular) if lang != SOURCE else None
    if isinstance(found, tuple):
        return found[min(plural_rule(lang)(int(n)), len(found) - 1)]
    if isinstance(found, str):
        return found
    return singular


def N_(message: str) -> str:  # noqa: N802 (gettext's name for "translate where used")
    """Marks a constant for the catalogue; it is translated where it is used, by `gettext`."""
    return message


_ = gettext
