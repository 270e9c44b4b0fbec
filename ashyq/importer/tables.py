"""The annexes of an act and the organisation rows of their tables, with source lines.

A table's text, as a PDF's text layer gives it, puts each cell on its own lines: the row
number, the organisation's name over many short lines, then headcount, percent and jobs on
one line («93 2% 1»), sometimes the percent apart («50 1» and «2%»). A row ends when its
three numbers are read. District or city headings stand alone between blank lines. The
PDF's artefacts are undone by general rules (see `join_name`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ashyq.text import join_lines

# An annex's mark: «... қаулысына 1 қосымша», «қосымша», «Приложение 2 к постановлению».
_MARK_KK = re.compile(r"(?:^|\s)(?:(?P<no>\d+)\s*)?[-]?\s*қосымша\s*$", re.IGNORECASE)
_MARK_RU = re.compile(r"^\s*Приложение(?:\s*№?\s*(?P<no>\d+))?\b", re.IGNORECASE)
# Lines of an annex's header block (issuer, date, number of the act it belongs to).
_HEADER_LINE = re.compile(
    r"әкімдігінің|мәслихатының|жылғы|қаулысына|шешіміне|№|к\s+постановлению|к\s+решению|акимата|маслихата|"
    r"\bот\s+\d|года|облысы\s*$|ауданы\s*$|области\s*$|района\s*$", re.IGNORECASE)
_COLUMN_NUMBERS = re.compile(r"^\s*1(?:\s+\d){2,}\s*$")
HEADING = re.compile(r"^\S+(?: \S+){0,2} (?:ауданы|қаласы|району?|г\.\s*\S+)$|^(?:город|г\.)\s*\S+$", re.IGNORECASE)


@dataclass
class Annex:
    number: int | None
    mark_line: int
    header_first: int
    header_text: str
    label: str
    dated_as_printed: str
    number_as_printed: str
    title: str = ""
    title_first: int | None = None
    title_last: int | None = None
    body_first: int | None = None
    body_last: int | None = None


@dataclass
class Row:
    row_no: int | None = None
    name_parts: list[str] = field(default_factory=list)
    headcount: int | None = None
    percent: float | None = None
    jobs: int | None = None
    first: int | None = None
    last: int | None = None

    def touch(self, lineno: int) -> None:
        self.first = lineno if self.first is None else self.first
        self.last = lineno

    @property
    def complete(self) -> bool:
        return None not in (self.headcount, self.percent, self.jobs)

    @property
    def empty(self) -> bool:
        return self.first is None

    @property
    def span(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


class TableError(Exception):
    def __init__(self, line: int, code: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.line, self.code, self.message, self.fix = line, code, message, fix


def find_annexes(lines: list[str], start: int, skip: set[int]) -> list[Annex]:
    """The annexes after line `start` (the signature), in order, with header and title lines."""
    n = len(lines) - 1
    marks = []
    for k in range(start + 1, n + 1):
        if k in skip:
            continue
        m = _MARK_KK.search(lines[k]) or _MARK_RU.match(lines[k])
        if m:
            marks.append((k, m))
    annexes: list[Annex] = []
    for idx, (k, m) in enumerate(marks):
        first = k
        j = k - 1
        floor = marks[idx - 1][0] if idx else start
        while j > floor and (not lines[j].strip() or _HEADER_LINE.search(lines[j])) and k - j <= 8:
            if lines[j].strip():
                first = j
            j -= 1
        last = k
        # the header may follow the mark: «Приложение 1 / к постановлению акимата … / от … № 37»,
        # «Қосымша / … әкімдігінің 2023 жылғы … / № 593 қаулысына»
        j = k + 1
        while j <= n and lines[j].strip() and _HEADER_LINE.search(lines[j]) and j - k <= 6:
            last = j
            j += 1
        header = join_lines(lines[first:last + 1])
        dated = ""
        dm = re.search(r"(\d{4}\s+жылғы\s+.*?(?:дағы|дегі|тағы|тегі))\s*№", header) or re.search(
            r"от\s+(.+?)\s*(?:года)?\s*№", header)
        if dm:
            dated = dm.group(1).strip()
        nm = re.search(r"№\s*(\S+?)\s*(?:қаулысына|шешіміне|$)", header) or re.search(r"№\s*(\S+)", header)
        label = re.search(r"(?:\d+\s*[-]?\s*)?қосымша|Приложение(?:\s*№?\s*\d+)?", lines[k], re.IGNORECASE)
        annex = Annex(int(m.group("no")) if m.group("no") else None, k, first, header,
                      label.group(0).strip() if label else "", dated, nm.group(1) if nm else "")
        annex.title_first = last  # provisional: the header's last line, the title follows it
        annexes.append(annex)
    for idx, annex in enumerate(annexes):
        end = annexes[idx + 1].header_first - 1 if idx + 1 < len(annexes) else n
        _find_title_and_body(lines, annex, annex.title_first or annex.mark_line, end, skip)
    return annexes


def _find_title_and_body(lines: list[str], annex: Annex, after: int, end: int, skip: set[int]) -> None:
    k = after + 1
    while k <= end and (not lines[k].strip() or k in skip):
        k += 1
    title = []
    while k <= end and lines[k].strip() and not lines[k].lstrip().startswith("№"):
        title.append(k)
        k += 1
    if title:
        annex.title_first, annex.title_last = title[0], title[-1]
        annex.title = join_lines([lines[t] for t in title])
    else:
        annex.title_first = annex.title_last = None
    # the table: after its column numbers «1 2 3 4» if printed, else after the header blocks
    # (blocks of words) up to the first block that holds a row number or a row's figures
    header = None
    for j in range(k, end + 1):
        if lines[j].lstrip().startswith("№"):
            header = j
            break
    if header is None:
        return
    body = None
    for j in range(header, min(end, header + 40) + 1):
        if _COLUMN_NUMBERS.match(lines[j]):
            body = j + 1
            break
    if body is None:  # the first row's number alone, or before its name («1 "Ақсай ...»)
        for j in range(header + 1, min(end, header + 40) + 1):
            if re.match(r"^\s*1(?:\s*$|\s+[^\d\s])", lines[j]):
                body = j
                break
    if body is None:
        j = header
        while j <= end:
            block = []
            while j <= end and lines[j].strip():
                block.append(j)
                j += 1
            if block and block[0] != header and any(re.match(r"^\s*\d+(?:\s|$)", lines[b]) for b in block):
                body = block[0]
                break
            while j <= end and not lines[j].strip():
                j += 1
    if body is not None:
        annex.body_first, annex.body_last = body, end


def is_spaced_line(text: str) -> bool:
    """True for a line made only of letter-spaced characters: '" Б ұ л а н  "', '" №  4 1'."""
    tokens = text.split()
    return len(tokens) >= 3 and all(len(t) == 1 for t in tokens)


def clean_line(raw: str) -> str:
    """One name line with its PDF artefacts undone (whitespace, letter-spacing).

    In a line that is letter-spaced throughout, one space separates the characters of a
    word and two or more separate words, quotes included: '" Б ұ л а н  "' -> '"Бұлан "'
    (the second quote opens the next name part), 'м е к т е б і "' -> 'мектебі"',
    '" №  4 1' -> '"№ 41' (digits, which join_lines leaves alone). Other lines go through
    join_lines.
    """
    if is_spaced_line(raw):
        words = re.split(r" {2,}", raw.strip())
        return " ".join(w.replace(" ", "") for w in words)
    return join_lines([raw])


# Kazakh suffixes (plural, genitive, dative, accusative, possessive; -лық/-лік). None of
# them is a word on its own, so a line that starts with one continues the word the line
# before ended with («жасөспірім» / «дер»). This is the grammar's closed list, not a list of
# one document's words; the conjunction-like «да/де/та/те» are left out, being words too.
_KK_SUFFIX = re.compile(
    r"^(?:лар|лер|дар|дер|тар|тер|ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|ны|ні|ды|ді|ты|ті|сы|сі|"
    r"ларының|лерінің|дарының|дерінің|тарының|терінің|лары|лері|дары|дері|тары|тері|ының|інің|"
    r"лық|лік|дық|дік|тық|тік|лығы|лігі|дығы|дігі|тығы|тігі|лығын|лігін)(?=[\s\",;:)]|$)")
# A lone consonant is no word in Kazakh or Russian, except the Russian prepositions в, к, с.
_LONE_CONSONANT = re.compile(r"^[бгғджзйқлмнңпртфхһцчшщ](?=[\s\",;:)]|$)", re.IGNORECASE)
# The end of a hyphenated compound cut after one or two letters («мектеп-бөбекжай-ба» / «лабақша»).
_CUT_COMPOUND = re.compile(r"[^\W\d_]+-[^\W\d_]{1,2}$")


def broken_word(tail: str, head: str) -> bool:
    """True when the line break between `tail` and `head` falls inside a word."""
    if not re.search(r"[^\W\d_]$", tail) or not re.match(r"[^\W\d_]", head):
        return False
    return bool(_KK_SUFFIX.match(head) or _LONE_CONSONANT.match(head) or _CUT_COMPOUND.search(tail))


def join_name(parts: list[str]) -> str:
    """Join cleaned name lines: one space, except where the break is a PDF artefact."""
    out = parts[0]
    for part in parts[1:]:
        glue = " "
        if broken_word(out, part):
            glue = ""  # a word broken across lines
        elif re.search(r'(?:^|\s)"$', out) or out.endswith("("):
            glue = ""  # an opening quote or bracket left at the end of a line
        elif part.startswith('" '):
            glue = ""  # a closing quote pushed to the start of the next line
        out = out + glue + part
    return out


_NUM = r"(\d+(?:[.,]\d+)?)"


def parse_rows(lines: list[str], start: int, end: int, skip: set[int],
               heading_ok: Callable[[str], bool] | None = None) -> list[tuple[Row, tuple[str, int] | None]]:
    """Rows of one table in lines[start..end]; a row ends when its three numbers are read.

    Returns (row, heading) pairs, heading being (text as printed, line) of the district or
    city heading the row stands under (None when the table has none). Raises TableError.
    """
    body = [n for n in range(start, end + 1) if n not in skip]
    # A heading stands alone between blank lines; a text layer read without blank lines
    # (PDFium) has none, so there a heading is a line that names a place of the region
    # (`heading_ok`) where no row is under way.
    filled = [n for n in body if lines[n].strip()]
    spaced = bool(filled) and any(not lines[n].strip() for n in body if filled[0] < n < filled[-1])
    percent_sign = any(re.search(rf"(?:^|\s){_NUM}\s?%(?:\s\d+)?$", lines[n].strip()) for n in body)
    pct = rf"{_NUM}%" if percent_sign else _NUM
    full = re.compile(rf"^(\d+) {pct} (\d+)$")
    # a whole row on one line, as an HTML table's cells give it: «1 ТОО "Ромашка" 80 2 2»
    one_line = re.compile(rf"^(\d+)\.? (.*\S) (\d+) {pct} (\d+)$")
    named = re.compile(rf"^(.*\S) (\d+) {pct} (\d+)$")  # the name's last line and the figures
    pair = re.compile(r"^(?:(.*\S) )?(\d+) (\d+)$")  # headcount and jobs, percent elsewhere
    lone_pct = re.compile(rf"^{_NUM}%$")
    rows: list[tuple[Row, tuple[str, int] | None]] = []
    heading: tuple[str, int] | None = None
    cur = Row()
    expected = 1
    for n in body:
        s = re.sub(r"(\d)\s+%", r"\1%", lines[n].strip())  # «2 %» → «2%»
        if not s:
            continue
        if HEADING.match(s) and ((not lines[n - 1].strip() and (n + 1 >= len(lines) or not lines[n + 1].strip()))
                                 if spaced else (cur.empty and heading_ok is not None and heading_ok(s))):
            if not cur.empty:
                raise TableError(n, "heading-inside-row", f"heading {s!r} inside row {expected}",
                                 f"check the table around line {n}: row {expected} has no headcount, "
                                 "percent and jobs yet")
            heading = (s, n)
            continue
        whole = one_line.match(s) if cur.empty else None
        cur.touch(n)
        m = full.match(s)
        if whole and int(whole.group(1)) == expected:
            cur.row_no = expected
            cur.name_parts.append(clean_line(whole.group(2)))
            cur.headcount, cur.jobs = int(whole.group(3)), int(whole.group(5))
            cur.percent = float(whole.group(4).replace(",", "."))
        elif is_spaced_line(s):
            cur.name_parts.append(clean_line(lines[n]))
        elif m and cur.headcount is None:
            cur.headcount, cur.jobs = int(m.group(1)), int(m.group(3))
            cur.percent = float(m.group(2).replace(",", "."))
        elif (m := lone_pct.match(s)) and percent_sign and cur.percent is None:
            cur.percent = float(m.group(1).replace(",", "."))
        elif cur.row_no is None and s in (str(expected), f"{expected}."):
            cur.row_no = expected
        elif cur.row_no is None and re.match(rf"{expected}\.? ", s):
            cur.row_no = expected  # «19 "Камен жалпы орта»: number and name on one line
            cur.name_parts.append(clean_line(re.sub(rf"^\s*{expected}\.?", "", lines[n], count=1)))
        elif (m := named.match(s)) and cur.headcount is None and cur.row_no is not None:
            cur.name_parts.append(clean_line(m.group(1)))
            cur.headcount, cur.jobs = int(m.group(2)), int(m.group(4))
            cur.percent = float(m.group(3).replace(",", "."))
        elif (m := pair.match(s)) and cur.headcount is None and percent_sign:
            text, headcount, jobs = m.groups()
            cur.headcount, cur.jobs = int(headcount), int(jobs)
            if text:
                cur.name_parts.append(clean_line(text))
        else:
            cur.name_parts.append(clean_line(lines[n]))
        if cur.complete:
            if cur.row_no != expected or not cur.name_parts:
                raise TableError(cur.first or n, "row-not-found",
                                 f"row {expected} not found in lines {cur.first}-{n}",
                                 "check that the row number stands on its own line or before the name, "
                                 "and the row's figures (headcount, percent, jobs) after it")
            rows.append((cur, heading))
            cur = Row()
            expected += 1
    if not cur.empty:
        raise TableError(cur.first or end, "unfinished-row",
                         f"row {expected} (from line {cur.first}) has no headcount, percent and jobs",
                         "check the row's figures: they must be three numbers (headcount, percent, jobs)")
    return rows
