"""formats: how numbers, dates and empty cells read on every page."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ashyq import formats

NBSP = "\u00a0"


def test_a_number_keeps_every_decimal_the_data_has() -> None:
    cases = [(57524.0, 1), (12345, 0), (4.5, 2), (0.125, 1), (7, 0), (3.37, 0), (2.0, 0)]
    assert [formats.number(v, d) for v, d in cases] == [
        f"57{NBSP}524,0", f"12{NBSP}345", "4,50", "0,125", "7", "3,37", "2"]


@pytest.mark.parametrize("empty", [None, "", math.nan, pd.NA, float("nan")])
def test_every_kind_of_empty_cell_reads_as_empty(empty: object) -> None:
    assert formats.is_empty(empty)
    assert formats.text(empty) == ""
    assert formats.number(empty) == ""
    assert not formats.present(empty)


def test_zero_and_text_are_not_empty() -> None:
    assert [formats.text(0), formats.number(0), formats.text("0")] == ["0", "0", "0"]
    assert formats.number("93 адам") == "93 адам"  # not a number: shown as written


def test_other_locales_use_their_own_separators() -> None:
    assert formats.number(12345.5, locale="ru") == f"12{NBSP}345,5"
    assert formats.number(12345.5, locale="en") == "12,345.5"


def test_a_number_read_twice_reads_the_same_in_each_locale() -> None:
    # number() remembers what it wrote: the second call, another locale, more decimals or
    # the other zero must not get the first one's text
    asked = [(12345.5, 0, "kk"), (12345.5, 0, "en"), (12345.5, 2, "kk"), (0.0, 0, "kk"), (-0.0, 0, "kk"),
             (1234, 0, "ru"), (1234.0, 0, "ru")]
    first = [formats.number(v, d, locale=loc) for v, d, loc in asked]
    assert [formats.number(v, d, locale=loc) for v, d, loc in reversed(asked)] == first[::-1]
    assert first == [f"12{NBSP}345,5", "12,345.5", f"12{NBSP}345,50", "0", "-0", f"1{NBSP}234", f"1{NBSP}234"]


def test_a_rounded_figure_is_for_sentences() -> None:
    assert formats.rounded(4.5678, 2) == "4,57"
    assert formats.rounded(57524, 1) == f"57{NBSP}524,0"


def test_dates_and_amendments_read_as_acts_write_them() -> None:
    assert formats.date("2025-11-21") == "21.11.2025"
    assert formats.date("2025 жылғы қараша") == "2025 жылғы қараша"
    assert formats.amendment("No. 28 of 2026-02-18") == "18.02.2026 № 28"
    assert formats.amendment("No. 1 of 2020-01-02; No. 7 of 2021-03-04") == "02.01.2020 № 1; 04.03.2021 № 7"
    assert formats.amendment("бір нәрсе") == "бір нәрсе"


def test_plain_values_for_json_and_as_written_for_data_files() -> None:
    assert [formats.plain(v) for v in [2.0, 2.5, "2,5", None, math.nan, pd.NA, True]] == [
        2, 2.5, "2,5", None, None, None, True]
    assert [formats.as_written(v) for v in [2.0, 2.5, 57524.0, None]] == ["2", "2.5", "57524", None]
