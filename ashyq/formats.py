"""How values read on the site: numbers, dates, empty cells. The one formatting module.

Numbers go through Babel with the page's locale (i18n.current: Kazakh and Russian
"12 345,5" with a no-break space and a decimal comma, English "12,345.5"). A number is shown
with every decimal it has, never rounded, unless a caller asks for a rounded figure (a
median in a sentence). Empty means None, NaN or pandas' NA: one rule for every page.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import lru_cache
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from ashyq import i18n

# Babel's locale of each language of the site (i18n.LANGUAGES): the page's, unless a caller names one.
LOCALES = {"kk": "kk", "ru": "ru", "en": "en"}


def page_locale(locale: str | None = None) -> str:
    """`locale`, or the locale of the language being written (i18n.current)."""
    return locale or LOCALES[i18n.current()]


def is_empty(value: Any) -> bool:
    """None, NaN, pandas' NA/NaT or ""; these show as an empty cell."""
    if value is None:
        return True
    if isinstance(value, str):
        return value == ""
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)  # NaN-like scalars of numpy and pandas
    except TypeError:  # pandas' NA: its truth value is ambiguous
        return True


def present(value: Any) -> bool:
    return not is_empty(value)


def text(value: Any) -> str:
    """A cell as text: "" when empty."""
    return "" if is_empty(value) else str(value)


def number(value: Any, decimals: int = 0, locale: str | None = None) -> str:
    """12345 → "12 345", 57524.0 (decimals=1) → "57 524,0", 3.37 → "3,37": at least
    `decimals` decimals, and every decimal the value has (nothing the data says is rounded).
    "" when empty; text that is not a number is shown as it is."""
    if is_empty(value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    locale = page_locale(locale)  # resolved before the cache: its key holds the language
    if number == 0 and math.copysign(1.0, number) < 0:  # -0.0 == 0.0: not one cache entry
        return _decimal(number, decimals, locale)
    return _cached_decimal(number, decimals, locale)


def _pattern(decimals: int) -> str:
    """Babel's pattern of a number with its thousands grouped and `decimals` places."""
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def _decimal(number: float, decimals: int, locale: str) -> str:
    return format_decimal(number, format=_pattern(decimals), locale=locale, decimal_quantization=False)


# Babel takes ≈ 15 µs a number, and a national build writes a million of them (jobs,
# headcounts, years of 300,000 rows), most of them the same few thousand values.
_cached_decimal = lru_cache(maxsize=1 << 16)(_decimal)


def number_symbols(locale: str | None = None) -> dict[str, str]:
    """The symbols `number` writes ({"group": "\u00a0", "decimal": ","} in Kazakh), for the
    scripts that format numbers on the page (explorer.js) exactly as this module does."""
    locale = page_locale(locale)
    return {"group": get_group_symbol(locale), "decimal": get_decimal_symbol(locale)}


def rounded(value: Any, decimals: int, locale: str | None = None) -> str:
    """A computed figure rounded to `decimals` for a sentence (a median, a total):
    4.5678 → "4,57"."""
    return format_decimal(float(value), format=_pattern(decimals), locale=page_locale(locale))


def plain(value: Any) -> Any:
    """A cell as a JSON value: None when empty, text as it is, a number without a
    spurious ".0" (the loader reads numbers as floats: 2.0 → 2, 2.5 → 2.5)."""
    if is_empty(value):
        return None
    if isinstance(value, (str, bool)):
        return value
    number = float(value)
    return int(number) if number.is_integer() else number


def as_written(value: Any) -> Any:
    """A number as the CSV writes it (2.0 → "2", 2.5 → "2.5"); empty stays None: for data
    files whose values must match the CSV's."""
    written = plain(value)
    return written if written is None or isinstance(written, str) else repr(written)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_AMENDMENT = re.compile(r"No\.\s*(\S+) of (\d{4}-\d{2}-\d{2})")


def date(value: Any) -> str:
    """"2025-11-21" → "21.11.2025", as Kazakh acts write dates; anything else as written."""
    written = text(value)
    m = _ISO_DATE.fullmatch(written)
    return f"{m[3]}.{m[2]}.{m[1]}" if m else written


# How a day of the site's own history (a commit, an update) reads in running text: Kazakh keeps
# the ISO form it always had; Russian and English their usual long form (Babel).
DAY_FORMATS = {"ru": ("d MMMM y 'г.'", "ru"), "en": ("d MMMM y", "en_GB")}


def day(value: Any) -> str:
    """"2026-02-01" (a commit's day, not a date printed in an act) in the page's language:
    "2026-02-01" in Kazakh, "1 февраля 2026 г.", "1 February 2026"; anything else as written."""
    written = text(value)
    fmt = DAY_FORMATS.get(i18n.current())
    if fmt is None or not _ISO_DATE.fullmatch(written):
        return written
    return format_date(dt.date.fromisoformat(written), fmt[0], locale=fmt[1])


def amendment(value: Any) -> str:
    """"No. 28 of 2026-02-18" → "18.02.2026 № 28" (several separated by ";"); anything else
    as written."""
    written = text(value)
    parts = [_AMENDMENT.fullmatch(p.strip()) for p in written.split(";")]
    if written and all(parts):
        return "; ".join(f"{date(m[2])} № {m[1]}" for m in parts if m)
    return written


def percent(value: Any, upper: Any = None) -> str:
    """2 → "2 %", 1.5 → "1,5 %", (2, 4) → "2–4 %" (a range an act sets); a no-break space
    before the sign keeps it on the figure's line. "" when empty."""
    if is_empty(value):
        return ""
    low = number(value)
    if is_empty(upper) or float(upper) == float(value):
        return f"{low}\u00a0%"
    return f"{low}–{number(upper)}\u00a0%"
