"""Our own rules over the data files, beyond what frictionless checks.

Owns these families, each a function from tables (or a schema) to Problems:

- hygiene of the bytes and cells of every resource file (errors): UTF-8 without BOM, LF line
  ends, no NUL; no stray whitespace, control characters, letter-spacing, formula triggers or
  HTML in the cells; printed place names that resolve to a place;
- quality flags of the source documents (warnings): quota jobs and percents against the legal
  bands of `legal_bands`, printed totals against their parts, dates that contradict each other;
- labels of coded values in the schemas (errors): every `enum` value titled in kk, ru and en.

Rules work column-wise with pandas, so they stay fast at hundreds of thousands of rows: a
cheap vectorised test finds the few suspicious cells, and only those are looked at one by one.
Rules never raise on bad data: a value that cannot be read is skipped here, because
frictionless has already reported it. validate.py runs each rule inside its own guard.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ashyq.places import Gazetteer
from ashyq.problems import Problem
from ashyq.text import LETTER_SPACED

csv.field_size_limit(2**31 - 1)  # a long cell is a hygiene matter, not a crash


def _show(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _num(value: float) -> str:
    """2.0 → "2", 2.5 → "2.5": numbers in messages as people write them."""
    return f"{value:g}"


# ------------------------------------------------------------------ tables

@dataclass
class Table:
    """One resource file as text cells, with the positions problems are reported at.

    `df` has one column per header cell, by position (0, 1, ...), all values `str` ("" for an
    empty or missing cell), so renamed, repeated or missing columns cannot break a rule. Its
    index is the row number frictionless reports: the CSV line, header = 1.
    """

    package: str
    resource: str
    shown: str  # the file's path as people see it
    header: list[str]
    df: pd.DataFrame
    types: dict[str, str] = field(default_factory=dict)  # field name → Table Schema type

    def col(self, name: str) -> int | None:
        """Position of the column called `name` (first one), None when absent."""
        return self.header.index(name) if name in self.header else None

    def column(self, name: str) -> pd.Series | None:
        pos = self.col(name)
        return None if pos is None else self.df[pos]

    def text(self, name: str) -> pd.Series:
        """A column's values; all "" when the column is absent."""
        col = self.column(name)
        return pd.Series("", index=self.df.index, dtype=object) if col is None else col

    def has(self, *names: str) -> bool:
        return all(n in self.header for n in names)

    def problem(self, row: int, name_or_pos: str | int | None, code: str, message: str,
                fix: str = "", message_kk: str = "", message_ru: str = "") -> Problem:
        pos = self.col(name_or_pos) if isinstance(name_or_pos, str) else name_or_pos
        return Problem(self.shown, int(row), 0 if pos is None else pos + 1, code, message, fix,
                       package=self.package, resource=self.resource, message_kk=message_kk,
                       message_ru=message_ru)


def read_table(raw: bytes, package: str, resource: str, shown: str,
               types: dict[str, str]) -> Table | None:
    """Parse CSV bytes into a Table; None when they are not UTF-8 text with a header row."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    # NUL is reported once for the file (nul-byte); csv would stop at it
    rows = list(csv.reader(io.StringIO(text.replace("\0", ""), newline="")))
    if not rows:
        return None
    header, body = rows[0], rows[1:]
    width = len(header)
    # ragged rows (frictionless reports extra/missing cells) are cut or padded to the header
    cells = [r if len(r) == width else r[:width] + [""] * (width - len(r)) for r in body]
    df = pd.DataFrame(cells, columns=range(width), dtype=object) if cells else \
        pd.DataFrame({i: pd.Series(dtype=object) for i in range(width)})
    df.index = pd.RangeIndex(2, 2 + len(cells))
    return Table(package, resource, shown, header, df, types)


def numbers(table: Table, name: str) -> pd.Series:
    """A column as floats, NaN where empty or not a number (frictionless reports those)."""
    col = table.column(name)
    if col is None:
        return pd.Series(np.nan, index=table.df.index)
    return pd.to_numeric(col, errors="coerce")


# ------------------------------------------------------------------ hygiene: bytes



def guess_encoding(raw: bytes, at: int = 0) -> str:
    """What a file that is not UTF-8 most likely is, in people's words: "UTF-16" (with or
    without its BOM; Excel's «Unicode text»), "Windows-1251" (Cyrillic, Windows' Russian and
    Kazakh default) or "Latin-1" (Western European); "" when it looks like none of them.

    Cyrillic words are runs of bytes above 0x7F in Windows-1251; in Latin-1 an accented
    letter mostly stands alone between ASCII letters (Café, Ünïon). Judged on the 4 KB
    around `at`, the first byte that is not UTF-8 (a file may start with ASCII lines)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "UTF-16"
    head = raw[:4096]
    if len(head) >= 2 and max(head[0::2].count(0), head[1::2].count(0)) > len(head) // 4:
        return "UTF-16"
    high = [i for i, b in enumerate(raw[max(0, at - 2048): at + 2048]) if b >= 0x80]
    if not high:
        return ""
    paired = sum(1 for a, b in zip(high, high[1:]) if b == a + 1)
    return "Windows-1251" if paired * 2 >= len(high) else "Latin-1"


_PYTHON_CODEC = {"UTF-16": "utf-16", "Windows-1251": "cp1251", "Latin-1": "latin-1"}


def _line_as(raw: bytes, offset: int, encoding: str) -> str:
    """The text around `offset` (within its line), read in `encoding`, for a message."""
    start = max(raw.rfind(b"\n", 0, offset) + 1, offset - 24)
    stop = raw.find(b"\n", offset)
    stop = min(stop if stop >= 0 else len(raw), offset + 36)
    codec = _PYTHON_CODEC.get(encoding)
    text = raw[start:stop].decode(codec, errors="replace") if codec and encoding != "UTF-16" else ""
    return text.strip().replace("\r", "")


def check_bytes(raw: bytes, shown: str, package: str, resource: str) -> list[Problem]:
    """Encoding, byte-order mark, line ends and NUL bytes of a whole file. A file that is not
    UTF-8 is named by what it most likely is (guess_encoding)."""
    found: list[Problem] = []

    def add(row: int, code: str, message: str, fix: str = "") -> None:
        found.append(Problem(shown, row, 0, code, message, fix, package=package, resource=resource))

    def line_of(offset: int) -> int:
        return raw.count(b"\n", 0, offset) + 1

    encoding = ""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        encoding = guess_encoding(raw, exc.start)
        line = line_of(exc.start)
        byte = raw[exc.start:exc.start + 1].hex().upper()
        if encoding == "UTF-16":
            bom = "with" if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "without"
            add(1, "encoding-error", f"the file is UTF-16 ({bom} a byte-order mark; Excel calls it «Unicode "
                "text»), not UTF-8: every second byte is a zero")
        elif encoding:
            sample = _line_as(raw, exc.start, encoding)
            add(line, "encoding-error", f"the file is in {encoding}"
                f"{' (Cyrillic)' if encoding == 'Windows-1251' else ' (Western European)'}, not UTF-8: byte "
                f"0x{byte} at line {line}" + (f", which reads «{sample}» in {encoding}" if sample else ""))
        else:
            add(line, "encoding-error", f"not UTF-8: byte 0x{byte} at line {line} ({exc.reason}); the file "
                "was saved in another encoding or is not text")
    if raw.startswith(codecs.BOM_UTF8):
        add(1, "byte-order-mark", "the file starts with a UTF-8 byte-order mark (EF BB BF)")
    crlf = raw.count(b"\r\n")
    if crlf and encoding != "UTF-16":
        first = line_of(raw.index(b"\r\n"))
        lf = raw.count(b"\n") - crlf
        if lf:
            add(first, "crlf-line-end", f"mixed line ends: {crlf} line(s) end in CRLF (\\r\\n) and {lf} in LF "
                f"(\\n), the first CRLF at line {first}",
                "save the file with LF line ends only (in a text editor: line endings → LF / Unix); a file "
                "pasted together from two programs often mixes them")
        else:
            add(first, "crlf-line-end", f"{crlf} line(s) end in CRLF (\\r\\n), the first at line {first}")
    nul = raw.count(b"\0")
    if nul and encoding != "UTF-16":  # UTF-16's zero bytes are said above
        first = line_of(raw.index(b"\0"))
        add(first, "nul-byte", f"{nul} NUL byte(s), the first at line {first}")
    return found


# ------------------------------------------------------------------ the shape of a file, before any parser

# GitHub refuses to store a file over 100 MiB; a larger CSV cannot be in the repository.
MAX_FILE_BYTES = 100 * 1024 * 1024
# No table of ours has more than a few dozen columns; a row of thousands of cells is a file
# pasted into one line (or not a table), and frictionless spends minutes on it, cell by cell.
MAX_CELLS = 1000


def check_shape(path: Path, shown: str, width: int) -> list[Problem]:
    """A file too large to be stored, or a row far wider than any table: found by reading
    the file once in blocks (bounded memory, whatever its size), before frictionless or
    pandas read it. `width` is the number of fields of the resource's schema."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return [Problem(shown, code="file-too-large",
                        message=f"the file holds {size / 2**20:,.0f} MiB; GitHub refuses files over "
                                f"{MAX_FILE_BYTES // 2**20} MiB, so it cannot be published",
                        fix="split the rows into several files of one schema (e.g. one per year or per region, "
                            "each its own resource in datapackage.json), each under 100 MiB")]
    line, carry = 0, b""
    with open(path, "rb") as f:
        while block := f.read(1 << 22):
            lines = (carry + block).split(b"\n")
            carry = lines.pop()
            for i, text in enumerate(lines):
                if text.count(b",") >= MAX_CELLS:
                    return [_too_wide(shown, line + i + 1, text, width)]
            line += len(lines)
            if len(carry) > 1 << 24 and carry.count(b",") >= MAX_CELLS:  # one line of 16 MB and more
                return [_too_wide(shown, line + 1, carry, width)]
    return [_too_wide(shown, line + 1, carry, width)] if carry.count(b",") >= MAX_CELLS else []


def _too_wide(shown: str, line: int, text: bytes, width: int) -> Problem:
    cells = len(next(csv.reader([text.decode("utf-8", errors="replace")]), []))
    return Problem(shown, line, 0, "row-too-wide",
                   f"line {line} has {cells:,} cells, the schema {width} fields: no table row is this wide (a file "
                   "pasted into one line, or cells joined by a wrong delimiter)",
                   f"put each row on its own line, with {width} cells as in the header; the rest of this package is "
                   "checked once the line is fixed")


# ------------------------------------------------------------------ hygiene: cells

# Invisible characters that do not belong in a cell: C0/C1 controls (NUL is reported per file),
# zero-width and direction marks, line/paragraph separators, a BOM inside the text.
_CONTROL = "\x01-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u2064\u2066-\u2069\ufeff"
CONTROL_RE = re.compile(f"[{_CONTROL}]")
WHITESPACE_RE = re.compile(r"^\s|\s$")
FORMULA_RE = re.compile(r"^[=+\-@]")
HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?\s*>|<!--|javascript\s*:",
                     re.IGNORECASE)
# One cheap pass per column finds the cells worth a closer look.
_ANY_CELL = re.compile(f"^\\s|\\s$|[{_CONTROL}]")
_ANY_TEXT = re.compile(f"^\\s|\\s$|[{_CONTROL}]|^[=+\\-@]|<|javascript|(?:[^\\W\\d_] ){{2}}",
                       re.IGNORECASE)

TEXT_TYPES = {"string", "any", ""}


def _suspicious(col: pd.Series, pattern: re.Pattern[str]) -> pd.Series:
    """The cells of `col` that `pattern` finds something in.

    Tested once per distinct value: quota columns repeat their values (ids, years,
    categories, percents), so 300,000 rows are a few thousand tests for most columns.
    """
    values = pd.Series(col.unique())
    bad = values[values.str.contains(pattern, na=False)]
    return col[col.isin(set(bad))] if len(bad) else col.iloc[:0]


def check_cells(table: Table) -> list[Problem]:
    """Whitespace and control characters in every cell; in text fields also formula
    triggers, HTML and letter-spacing. A cell gets one problem per kind."""
    found: list[Problem] = []
    for pos, name in enumerate(table.header):
        is_text = table.types.get(name, "") in TEXT_TYPES
        for row, value in _suspicious(table.df[pos], _ANY_TEXT if is_text else _ANY_CELL).items():
            found += _cell_problems(table, int(row), pos, name, str(value), is_text)
    return found


def _cell_problems(table: Table, row: int, pos: int, name: str, value: str,
                   is_text: bool) -> Iterator[Problem]:
    if WHITESPACE_RE.search(value):
        yield table.problem(row, pos, "stray-whitespace",
                            f'field "{name}": {_show(value)} starts or ends with whitespace',
                            f"write {_show(value.strip())}")
    control = CONTROL_RE.search(value)
    if control:
        char = control.group(0)
        yield table.problem(row, pos, "control-character",
                            f'field "{name}": control character U+{ord(char):04X} in {_show(value)}')
    if not is_text:
        return
    if FORMULA_RE.search(value):
        yield table.problem(row, pos, "formula-injection",
                            f'field "{name}": {_show(value)} starts with "{value[0]}", which a '
                            "spreadsheet runs as a formula")
    markup = HTML_RE.search(value)
    if markup:
        yield table.problem(row, pos, "html-markup",
                            f'field "{name}": {_show(markup.group(0))} in {_show(value)}')
    spaced = LETTER_SPACED.search(value)
    if spaced:
        joined = spaced.group(0).replace(" ", "")
        yield table.problem(row, pos, "letter-spacing",
                            f'field "{name}": letter-spaced {_show(spaced.group(0))}',
                            f"write {_show(joined)}")


# ------------------------------------------------------------------ printed place names

# Columns that hold a place name as the document prints it, and the region printed beside it.
PRINTED_NAME_FIELDS = ("place_name_as_printed", "name_as_printed", "place_as_printed")
PRINTED_REGION_FIELD = "region_as_printed"
# An "of which" row prints its town after these words ("Соның ішінде Жаңатас").
_OF_WHICH = re.compile(r"^\s*соның\s+ішінде\s+", re.IGNORECASE)


def check_place_names(table: Table, gazetteer: Gazetteer, places_shown: str) -> list[Problem]:
    """Every printed place name matches a place name or alias, and the row's place_id.

    Rows of printed totals (`row_kind` = total) are skipped: their "name" is a label such as
    "Барлығы" or "Облыс бойынша".
    """
    found: list[Problem] = []
    for name_field in PRINTED_NAME_FIELDS:
        names = table.column(name_field)
        if names is None:
            continue
        frame = pd.DataFrame({
            "name": names,
            "region": table.text(PRINTED_REGION_FIELD) if name_field == "name_as_printed" else "",
            "place_id": table.text("place_id"),
        }, index=table.df.index)
        kind = table.column("row_kind")
        keep = frame["name"].str.strip() != ""
        if kind is not None:
            keep &= kind != "total"
        frame = frame[keep]
        if frame.empty:
            continue
        combos = frame.drop_duplicates()
        verdicts = {}
        for name, region, place_id in combos.itertuples(index=False, name=None):
            verdict = _judge_place(gazetteer, str(name), str(region), str(place_id), places_shown)
            if verdict is not None:
                verdicts[(name, region, place_id)] = verdict
        if not verdicts:
            continue
        for row, name, region, place_id in frame.itertuples(name=None):
            verdict = verdicts.get((name, region, place_id))
            if verdict is not None:
                code, message, fix = verdict
                found.append(table.problem(row, name_field, code, message, fix))
    return found


def _judge_place(gazetteer: Gazetteer, name: str, region: str, place_id: str,
                 places_shown: str) -> tuple[str, str, str] | None:
    printed = _OF_WHICH.sub("", name)
    ids = gazetteer.matches(printed, region=region or None)
    if not ids and region:
        ids = gazetteer.matches(printed)  # the region is checked by the place_id, not here
    if ids and (not place_id or place_id in ids or place_id not in gazetteer.places):
        return None  # an unknown place_id is a foreign-key error already
    if ids:
        shown = ", ".join(f'"{p}"' for p in ids)
        return ("place-name-mismatch",
                f'{_show(name)} is {shown}, not place_id "{place_id}"',
                f'correct place_id, or the name, so that both name the same place '
                f'(names and aliases are in {places_shown})')
    candidates = gazetteer.candidates(printed)
    message = f"{_show(name)} matches no place name or alias"
    if candidates:
        message += "; did you mean " + ", ".join(
            f'"{c}" ({gazetteer.places[c].name_kk})' for c in candidates[:3]) + "?"
    best = place_id if place_id in gazetteer.places else (candidates[0] if candidates else "")
    if best:
        fix = (f'use place_id "{best}" (its name and aliases are in {places_shown}); if the '
               f"document prints {_show(name)}, add that spelling to its aliases")
    else:
        fix = f"add the place to {places_shown}, or this spelling to the aliases of its place"
    return "unknown-place", message, fix


# ------------------------------------------------------------------ quality: quotas

def check_quota_jobs(quotas: Table) -> list[Problem]:
    """Jobs must be headcount × percent ÷ 100 rounded down, up or half up (documents do all three)."""
    if not quotas.has("headcount", "quota_percent", "jobs"):
        return []
    head, pct, jobs = (numbers(quotas, n) for n in ("headcount", "quota_percent", "jobs"))
    exact = head * pct / 100
    eps = 1e-9  # 101 × 3 / 100 is 3.0300000000000002 in floats
    down, up, half = np.floor(exact + eps), np.ceil(exact - eps), np.floor(exact + 0.5 + eps)
    bad = exact.notna() & jobs.notna() & (jobs != down) & (jobs != up) & (jobs != half)
    found = []
    for row in bad[bad].index:
        h, p, j, x = head[row], pct[row], jobs[row], exact[row]
        rounded = sorted({int(down[row]), int(up[row]), int(half[row])})
        found.append(quotas.problem(
            row, "jobs", "jobs-mismatch",
            f"jobs = {_num(j)}, but {_num(h)} × {_num(p)}% = {x:.4g}, which rounds to "
            + " or ".join(str(r) for r in rounded),
            message_kk=f"жұмыс орны {_num(j)}, ал {_num(h)} × {_num(p)}% = {x:.4g}, дөңгелектегенде "
                       + " немесе ".join(str(r) for r in rounded),
            message_ru=f"рабочих мест {_num(j)}, но {_num(h)} × {_num(p)}% = {x:.4g}, с округлением "
                       + " или ".join(str(r) for r in rounded)))
    return found


def check_quota_bands(quotas: Table, rules: Table) -> list[Problem]:
    """Each quota percent lies in a band of `legal_bands` for its category and headcount.

    A band applies to a quota year when its `valid_from` (and `valid_to`, if given) admit the
    year. Categories without any band are not checked: there is nothing to compare with.
    """
    if not quotas.has("category", "headcount", "quota_percent") or \
            not rules.has("category", "percent_min", "percent_max"):
        return []
    q = pd.DataFrame({
        "row": quotas.df.index,
        "category": quotas.text("category"),
        "headcount": numbers(quotas, "headcount"),
        "percent": numbers(quotas, "quota_percent"),
        "year": numbers(quotas, "year"),
    }).dropna(subset=["headcount", "percent"])
    r = pd.DataFrame({
        "band_id": rules.text("band_id"),
        "category": rules.text("category"),
        "hmin": numbers(rules, "headcount_min"),
        "hmax": numbers(rules, "headcount_max"),
        "pmin": numbers(rules, "percent_min"),
        "pmax": numbers(rules, "percent_max"),
        "from_year": pd.to_numeric(rules.text("valid_from").str[:4], errors="coerce"),
        "to_year": pd.to_numeric(rules.text("valid_to").str[:4], errors="coerce"),
    }).dropna(subset=["pmin", "pmax"])
    if q.empty or r.empty:
        return []
    pairs = q.merge(r, on="category", how="inner")
    in_time = (pairs["from_year"].isna() | pairs["year"].isna() | (pairs["from_year"] <= pairs["year"])) & (
        pairs["to_year"].isna() | pairs["year"].isna() | (pairs["year"] <= pairs["to_year"]))
    pairs = pairs[in_time]
    covers = (pairs["hmin"].isna() | (pairs["headcount"] >= pairs["hmin"])) & (
        pairs["hmax"].isna() | (pairs["headcount"] <= pairs["hmax"]))
    fits = covers & (pairs["percent"] >= pairs["pmin"] - 1e-9) & (pairs["percent"] <= pairs["pmax"] + 1e-9)
    checked = set(pairs["row"])
    ok = set(pairs.loc[fits, "row"])
    bands = pairs[covers].drop_duplicates("row").set_index("row")
    by_row = q.drop_duplicates("row").set_index("row")
    found = []
    for row in sorted(checked - ok):
        h = by_row.loc[row]
        head = f"{_num(h['percent'])}% for a headcount of {_num(h['headcount'])}"
        if row in bands.index:
            b = bands.loc[row]
            span = _span(b["hmin"], b["hmax"])
            band = _num(b["pmin"]) if b["pmin"] == b["pmax"] else f"{_num(b['pmin'])}–{_num(b['pmax'])}"
            message = (f"{head}: legal_bands \"{b['band_id']}\" sets {band}% for {h['category']} "
                       f"at {span} employees")
            message_kk = (f"{_num(h['headcount'])} жұмыскерге {_num(h['percent'])}%, ал заң бойынша "
                          f"({b['band_id']}) {_span_kk(b['hmin'], b['hmax'])} жұмыскерге {band}%")
            message_ru = (f"{_num(h['percent'])}% при численности {_num(h['headcount'])}, а по закону "
                          f"({b['band_id']}) при численности {_span_ru(b['hmin'], b['hmax'])} — {band}%")
        else:
            message = f"{head}: no band of legal_bands covers that headcount for {h['category']}"
            message_kk = (f"{_num(h['headcount'])} жұмыскерге {_num(h['percent'])}%: бұл сан үшін "
                          "заңда белгіленген мөлшер жоқ")
            message_ru = (f"{_num(h['percent'])}% при численности {_num(h['headcount'])}: для такой "
                          "численности закон размера не устанавливает")
        found.append(quotas.problem(row, "quota_percent", "percent-out-of-band", message,
                                    message_kk=message_kk, message_ru=message_ru))
    return found


def _span_kk(lo: float, hi: float) -> str:
    if pd.isna(hi):
        return f"{_num(lo)} және одан көп" if not pd.isna(lo) else "кез келген санда"
    return f"{_num(lo)}–{_num(hi)}" if not pd.isna(lo) else f"{_num(hi)} дейін"


def _span_ru(lo: float, hi: float) -> str:
    if pd.isna(hi):
        return f"от {_num(lo)}" if not pd.isna(lo) else "любой"
    return f"{_num(lo)}–{_num(hi)}" if not pd.isna(lo) else f"до {_num(hi)}"


def _span(lo: float, hi: float) -> str:
    if pd.isna(hi):
        return f"{_num(lo)} or more" if not pd.isna(lo) else "any number of"
    return f"{_num(lo)}–{_num(hi)}" if not pd.isna(lo) else f"up to {_num(hi)}"


# ------------------------------------------------------------------ quality: printed totals

@dataclass(frozen=True)
class TotalRule:
    """Where a resource prints totals: rows whose `marker` column equals `total` are the sum
    of the rows whose marker is in `parts`, within groups of equal `group` columns."""

    resource: str
    value: str
    marker: str
    total: str
    parts: tuple[str, ...]  # () = every non-total row
    group: tuple[str, ...]
    what: str  # how a message names the parts


# The contract of datasets/README.md: printed totals are rows (row_kind = total), and some
# tables also print a total column (job_type = total) or a whole-period row (empty year).
TOTAL_RULES = [
    TotalRule("program_jobs", "jobs", "row_kind", "total", ("place",),
              ("program_id", "year", "job_type"), "places"),
    TotalRule("program_jobs", "jobs", "job_type", "total", ("permanent", "temporary"),
              ("program_id", "row_kind", "row_no", "place_id", "year"), "permanent + temporary"),
    TotalRule("program_targets", "value", "row_kind", "total", ("place",),
              ("program_id", "year", "indicator"), "places"),
    TotalRule("program_funding", "amount_thousand_kzt", "row_kind", "total", ("item",),
              ("program_id", "year", "period_start", "period_end"), "items"),
    TotalRule("program_funding", "amount_thousand_kzt", "year", "", (),
              ("program_id", "row_kind", "item_no"), "years"),
    TotalRule("staffing", "staff_units", "row_kind", "total", ("position",),
              ("resolution_id", "annex"), "positions"),
]


def check_totals(table: Table) -> list[Problem]:
    found: list[Problem] = []
    for rule in TOTAL_RULES:
        if table.resource == rule.resource and table.has(rule.value, rule.marker, *rule.group):
            found += _check_total(table, rule)
    return found


def _check_total(table: Table, rule: TotalRule) -> list[Problem]:
    group = list(rule.group)
    frame = pd.DataFrame({g: table.text(g) for g in group}, index=table.df.index)
    frame["_marker"] = table.text(rule.marker)
    frame["_value"] = numbers(table, rule.value)
    is_total = frame["_marker"] == rule.total
    is_part = frame["_marker"].isin(rule.parts) if rule.parts else ~is_total
    parts = frame[is_part].groupby(group, sort=False)["_value"].agg(["sum", "count"])
    totals = frame[is_total & frame["_value"].notna()]
    if totals.empty or parts.empty:
        return []
    joined = totals.reset_index(names="_row").merge(parts, left_on=group, right_index=True, how="inner")
    bad = joined[(joined["sum"] - joined["_value"]).abs() > 1e-6]
    return [table.problem(
        int(r["_row"]), rule.value, "total-mismatch",
        f"printed total {_num(r['_value'])} differs from the sum of its {int(r['count'])} "
        f"{rule.what}, {_num(r['sum'])}",
        message_kk=f"құжаттағы жиын {_num(r['_value'])}, ал оның {int(r['count'])} бөлігінің "
                   f"қосындысы {_num(r['sum'])}",
        message_ru=f"итог в документе {_num(r['_value'])}, а сумма его частей ({int(r['count'])}) — "
                   f"{_num(r['sum'])}") for _, r in bad.iterrows()]


# ------------------------------------------------------------------ quality: dates

_YEAR_IN_DATE = re.compile(r"\b(\d{4})-\d{2}-\d{2}\b")


def check_annex_dates(annexes: Table, resolutions: Table) -> list[Problem]:
    """An annex header's printed year equals the act's year of adoption, or the year of an
    act that gave the annex its new wording (`amended_by`)."""
    if not annexes.has("resolution_id", "year_as_printed") or \
            not resolutions.has("resolution_id", "adopted_on"):
        return []
    adopted = dict(zip(resolutions.text("resolution_id"), resolutions.text("adopted_on")))
    found = []
    for row, rid, year, amend, no in zip(annexes.df.index, annexes.text("resolution_id"),
                                         annexes.text("year_as_printed"), annexes.text("amended_by"),
                                         annexes.text("annex")):
        date = adopted.get(rid, "")
        if not year or not date[:4].isdigit():
            continue
        allowed = {date[:4], *_YEAR_IN_DATE.findall(amend)}
        if year not in allowed:
            found.append(annexes.problem(
                row, "year_as_printed", "annex-date-mismatch",
                f'annex {no} of "{rid}" is headed {year}, but the act was adopted on {date}'
                + (f" and amended in {', '.join(sorted(allowed - {date[:4]}))}" if len(allowed) > 1 else ""),
                message_kk=f"{no}-қосымшаның басында {year} жыл жазылған, ал қаулы {date} қабылданған",
                message_ru=f"в заголовке приложения {no} напечатан {year} год, а постановление принято {date}"))
    return found


_YEAR_RANGE = re.compile(r"(?<!\d)(\d{4})\s*[-–—]\s*(\d{4})(?!\d)")


def check_title_period(programs: Table) -> list[Problem]:
    """A year range printed in a programme's title equals its period_start–period_end."""
    if not programs.has("title_kk", "period_start", "period_end"):
        return []
    found = []
    for row, title, start, end in zip(programs.df.index, programs.text("title_kk"),
                                      programs.text("period_start"), programs.text("period_end")):
        m = _YEAR_RANGE.search(title)
        if m and start and end and (m.group(1), m.group(2)) != (start, end):
            found.append(programs.problem(
                row, "title_kk", "period-mismatch",
                f'the title prints "{m.group(0)}", the period is {start}–{end}',
                message_kk=f"атауында «{m.group(0)}» жазылған, ал кезеңі {start}–{end}",
                message_ru=f"в названии напечатано «{m.group(0)}», а период — {start}–{end}"))
    return found


# ------------------------------------------------------------------ labels of coded values

LANGUAGES = ("kk", "ru", "en")
# Schema properties that label each enum value in every language (datasets/README.md).
# enumTitles is required wherever there is an enum; enumShortTitles only where a field has it.
TITLE_PROPERTIES = ("enumTitles", "enumShortTitles")


def check_enum_titles(shown: str, package: str, resource: str, fields: list[dict[str, object]]) -> list[Problem]:
    """Every field with an `enum` titles each value in kk, ru and en: the site shows the
    labels (model.Labels), never the codes, so a missing one is an error, not a fallback."""
    problems = []
    for fld in fields:
        constraints = fld.get("constraints")
        enum = constraints.get("enum") if isinstance(constraints, dict) else None
        if not isinstance(enum, list):
            continue
        name = str(fld.get("name"))
        where = f'resource "{resource}", field "{name}"'
        for prop in TITLE_PROPERTIES:
            titles = fld.get(prop)
            if titles is None and prop != "enumTitles":
                continue
            if not isinstance(titles, dict):
                example = _show({str(enum[0]) if enum else "value": {lang: "…" for lang in LANGUAGES}})
                problems.append(Problem(
                    shown, code="missing-enum-title", package=package, resource=resource,
                    message=f"{where}: has an enum but no {prop} object",
                    fix=f'add "{prop}" to field "{name}", one entry per enum value: {example[:-1]}, …}}'))
                continue
            for value in enum:
                by_lang = titles.get(str(value))
                if not isinstance(by_lang, dict):
                    entry = _show({str(value): {lang: "…" for lang in LANGUAGES}})[1:-1]
                    problems.append(Problem(
                        shown, code="missing-enum-title", package=package, resource=resource,
                        message=f"{where}: {prop} has no entry for {_show(value)}",
                        fix=f'add {entry} to the {prop} of field "{name}"'))
                    continue
                missing = [lang for lang in LANGUAGES
                           if not (isinstance(by_lang.get(lang), str) and by_lang[lang].strip())]
                if missing:
                    langs = " and ".join([", ".join(missing[:-1]), missing[-1]] if len(missing) > 1 else missing)
                    title = "titles" if len(missing) > 1 else "title"
                    problems.append(Problem(
                        shown, code="missing-enum-title", package=package, resource=resource,
                        message=f"{where}: {prop}[{_show(value)}] has no {langs} {title}",
                        fix=f'write the {langs} {title} in {prop}[{_show(value)}] of field "{name}"'))
    return problems


NUMERIC_TYPES = ("integer", "number", "year")


def check_numeric_ranges(shown: str, package: str, resource: str, fields: list[dict[str, object]]) -> list[Problem]:
    """Every numeric field declares its plausible range (`minimum` and `maximum`), so that a
    misread number (a rating index of 57 where indices run 0–10) is caught, not published."""
    problems = []
    for fld in fields:
        if fld.get("type") not in NUMERIC_TYPES:
            continue
        constraints = fld.get("constraints")
        constraints = constraints if isinstance(constraints, dict) else {}
        missing = [key for key in ("minimum", "maximum") if not isinstance(constraints.get(key), (int, float))]
        if missing:
            name = str(fld.get("name"))
            problems.append(Problem(
                shown, code="missing-range", package=package, resource=resource,
                message=f'resource "{resource}", field "{name}" ({fld.get("type")}) has no '
                        + " and no ".join(missing),
                fix=f'add "minimum" and "maximum" to the constraints of field "{name}": the smallest and '
                    "largest value a document could plausibly print (datasets/README.md, Plausible ranges)"))
    return problems


# Pairs of fields of one row where the first may not exceed the second.
BOUND_PAIRS = {
    "legal_bands": [("headcount_min", "headcount_max"), ("percent_min", "percent_max")],
    "quota_rules": [("headcount_min", "headcount_max"), ("percent", "percent_max")],
    "programs": [("period_start", "period_end")],
    "program_funding": [("period_start", "period_end")],
}


def check_bounds_order(table: Table) -> list[Problem]:
    """A range written as two fields runs from low to high (headcount_min ≤ headcount_max)."""
    found = []
    for low, high in BOUND_PAIRS.get(table.resource, []):
        if not table.has(low, high):
            continue
        lo, hi = numbers(table, low), numbers(table, high)
        for idx in table.df.index[(lo > hi).fillna(False)]:
            found.append(table.problem(
                int(idx), high, "bounds-order",
                f"{low} = {_num(float(lo[idx]))} is greater than {high} = {_num(float(hi[idx]))}"))
    return found


# ------------------------------------------------------------------ the rule set

TableRule = Callable[[Table], list[Problem]]


def iter_table_rules(table: Table, tables: dict[tuple[str, str], Table],
                     gazetteer: Gazetteer | None, places_shown: str,
                     ) -> Iterator[tuple[str, Callable[[], list[Problem]]]]:
    """The rules that apply to `table`, as (name, thunk) pairs for validate.py to guard."""
    yield "cells", lambda: check_cells(table)
    if gazetteer is not None:
        yield "place-names", lambda: check_place_names(table, gazetteer, places_shown)
    sibling = lambda name: tables.get((table.package, name))  # noqa: E731
    if table.resource == "quotas":
        yield "quota-jobs", lambda: check_quota_jobs(table)
        bands = sibling("legal_bands")
        if bands is not None:
            yield "quota-bands", lambda: check_quota_bands(table, bands)
    yield "totals", lambda: check_totals(table)
    resolutions = sibling("resolutions")
    if table.resource == "annexes" and resolutions is not None:
        yield "annex-dates", lambda: check_annex_dates(table, resolutions)
    if table.resource == "programs":
        yield "title-period", lambda: check_title_period(table)
    if table.resource in BOUND_PAIRS:
        yield "bounds-order", lambda: check_bounds_order(table)


def schema_types(fields: list[dict[str, object]]) -> dict[str, str]:
    return {str(f.get("name")): str(f.get("type") or "string") for f in fields}


__all__ = [
    "Table", "check_bytes", "check_shape", "guess_encoding", "check_cells", "check_place_names", "check_quota_jobs",
    "check_quota_bands", "check_totals", "check_annex_dates", "check_title_period", "check_enum_titles",
    "check_numeric_ranges", "check_bounds_order",
    "iter_table_rules", "read_table", "schema_types", "TOTAL_RULES",
]
