"""The act's head and notes: language, title, heading (issuer, date, number), justice
registration, repeal and amendment notes, the operative part and the signature.

Kazakh and Russian, as adilet.zan.kz and the akimats print them:
  «Батыс Қазақстан облысы әкімдігінің 2025 жылғы 21 қарашадағы № 246 қаулысы»
  «Постановление акимата Казталовского района Западно-Казахстанской области от 14 февраля
   2019 года № 37. Зарегистрировано Департаментом юстиции ... 15 февраля 2019 года № 5555»
  «Сноска. Утратило силу постановлением акимата ... от 12.05.2020 № 112 ...»
  «Ескерту. Күші жойылды - ... әкімдігінің 12.05.2020 № 112 қаулысымен ...»
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ashyq.text import join_lines

KK_MONTHS = {"қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
             "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12}
RU_MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
             "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_KK_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")


class Span:
    """Lines a..b of a text joined with "\\n", with offsets mapped back to line numbers."""

    def __init__(self, lines: list[str], first: int, last: int) -> None:
        self.first = first
        parts = lines[first:last + 1]
        self.text = "\n".join(parts)
        self.starts = []
        pos = 0
        for part in parts:
            self.starts.append(pos)
            pos += len(part) + 1

    def line(self, offset: int) -> int:
        return self.first + bisect.bisect_right(self.starts, offset) - 1

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """First and last line of text[start:end], trailing whitespace not counted."""
        while end > start and self.text[end - 1].isspace():
            end -= 1
        while start < end and self.text[start].isspace():
            start += 1
        return self.line(start), self.line(max(start, end - 1))


def span_text(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def detect_language(text: str) -> str | None:
    """"kk" when Kazakh letters are common, "ru" for Cyrillic without them, None otherwise."""
    cyr = len(_CYRILLIC.findall(text)) + len(_KK_LETTERS.findall(text))
    if cyr < 20:
        return None
    kk = len(_KK_LETTERS.findall(text))
    return "kk" if kk / cyr > 0.01 else "ru"


def month_number(word: str, lang: str) -> int | None:
    low = word.casefold()
    if lang == "kk" or _KK_LETTERS.search(low):
        for stem, n in KK_MONTHS.items():
            if low.startswith(stem):
                return n
    for stem, n in RU_MONTHS.items():
        if low.startswith(stem) and (stem != "ма" or low in ("мая", "май", "мае")):
            return n
    return None


def iso(year: int | str, month: int | None, day: int | str) -> str | None:
    try:
        y, d = int(year), int(day)
    except ValueError:
        return None
    if month is None or not (1 <= d <= 31 and 1 <= month <= 12 and 1991 <= y <= 2100):
        return None
    return f"{y:04d}-{month:02d}-{d:02d}"


# A date as acts print it: «2025 жылғы 21 қарашадағы», «14 февраля 2019 года», «12.05.2020»
_DATE_KK = r"(?P<y>\d{4})\s+жылғы\s+(?P<d>\d{1,2})\s+(?P<m>[а-яәғқңөұүһі]+)"
_DATE_RU = r"(?P<d2>\d{1,2})\s+(?P<m2>[а-яё]+)\s+(?P<y2>\d{4})\s*(?:года|г\.)?"
_DATE_NUM = r"(?P<d3>\d{1,2})\.(?P<m3>\d{1,2})\.(?P<y3>\d{4})(?:\s*(?:года|жылғы|ж\.|г\.))?"
DATE = f"(?:{_DATE_KK}|{_DATE_RU}|{_DATE_NUM})"
NUMBER = r"№\s*(?P<no>\d+[\w-]*)"


def date_of(m: re.Match[str], lang: str) -> str | None:
    g = m.groupdict()
    if g.get("y"):
        return iso(g["y"], month_number(g["m"], "kk"), g["d"])
    if g.get("y2"):
        return iso(g["y2"], month_number(g["m2"], "ru"), g["d2"])
    if g.get("y3"):
        return iso(g["y3"], int(g["m3"]), g["d3"])
    return None


@dataclass
class ActRef:
    number: str
    date: str | None
    line: int

    def to_json(self) -> dict[str, object]:
        return {"number": self.number, "date": self.date}


@dataclass
class Note:
    """A note of the text («Сноска.», «Ескерту.»): repeal, amendment or editor's note."""

    kind: str  # "repeal" | "amendment" | "editorial"
    first: int
    last: int
    text: str
    act: ActRef | None

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "source_lines": span_text(self.first, self.last), "text": self.text,
                "act": self.act.to_json() if self.act else None}


@dataclass
class Head:
    language: str
    title: str = ""
    title_lines: tuple[int, int] | None = None
    heading_line: int | None = None
    heading_last: int | None = None
    heading_text: str = ""  # the heading as printed, lines joined
    issuer_phrase: str = ""  # the issuer's place words as printed («Батыс Қазақстан облысы»)
    issuer: str = ""  # the issuer, nominative («Батыс Қазақстан облысы әкімдігі»)
    adopted_on: str | None = None
    dated_as_printed: str = ""
    number: str = ""
    act_kind: str = ""
    registration: ActRef | None = None
    notes: list[Note] = field(default_factory=list)
    note_lines: set[int] = field(default_factory=set)
    decree_line: int | None = None  # «ҚАУЛЫ ЕТЕДІ:» / «ПОСТАНОВЛЯЕТ:»
    preamble: str = ""
    signature_line: int | None = None
    signer_position: str = ""
    signed_by: str = ""


# The heading line, both orders of words.
# The act's own heading, never an act its title or preamble cites: the Kazakh heading ends in
# «қаулысы» / «шешімі» (a cited act is «қаулысына», «қаулысымен» …), the Russian one starts a
# line with a capital «Постановление» / «Решение» (a cited one is «в постановление акимата …»).
_HEAD_KK = re.compile(
    r"(?P<issuer>[^\n]{3,200}?)\s+(?P<body>әкімдігінің|мәслихатының|әкімінің)\s+(?P<date>" + _DATE_KK +
    r"[а-яәғқңөұүһі]*)\s+" + NUMBER + r"\s+(?P<kind>қаулысы|шешімі)(?![а-яәғқңөұүһі])", re.IGNORECASE)
_HEAD_RU = re.compile(
    r"(?m:^)[ \t]*(?-i:(?P<kind>Постановление|Решение))\s+(?P<body>акимата|маслихата|акима)\s+"
    r"(?P<issuer>[^\n]{3,200}?)\s+от\s+(?P<date>" + _DATE_RU + r"|" + _DATE_NUM + r")\s*(?:года\s*)?" + NUMBER,
    re.IGNORECASE)
_DECREE = re.compile(r"ҚАУЛЫ\s+ЕТЕДІ\s*:?|ШЕШІМ\s+ҚАБЫЛДАДЫ\s*:?|ПОСТАНОВЛЯЕТ\s*:?|РЕШИЛ\s*:?|ШЕШТІ\s*:?")
_NOTE_START = re.compile(r"^\s*(?:Сноска|Ескерту|Примечание|Ескертпе)\s*[.:]", re.IGNORECASE)
_NOTE_ALONE = re.compile(r"\s*(?:Сноска|Ескерту|Примечание|Ескертпе)\s*[.:]\s*", re.IGNORECASE)
_REG_RU = re.compile(r"Зарегистрирован\w*\b(?P<rest>[^\n]*(?:\n[^\n]*){0,3})", re.IGNORECASE)
_REG_KK = re.compile(r"(?P<rest>(?:[^\n]*\n){0,3}[^\n]*?)\bтіркелді\b", re.IGNORECASE)
_SIGN = re.compile(
    r"^\s*(?P<pos>(?:(?:Облыс|Аудан|Қала)\s+әкімі(?:нің\s+(?:міндетін\s+атқарушы|м\.\s*а\.))?|"
    r"Аким\s+(?:области|района|города)|"
    r"(?:Исполняющий\s+обязанности|И\.\s*о\.)\s+акима\s+(?:области|района|города)|Облыстық\s+мәслихат\s+хатшысы|"
    r"Председатель\s+сессии|Секретарь\s+маслихата))\s+(?P<name>\S.*?)\s*$", re.IGNORECASE)


def read_head(lines: list[str], lang: str) -> Head:
    """Everything before the operative text, the notes, the decree line and the signature."""
    head = Head(language=lang)
    n = len(lines) - 1
    # notes first: their lines are skipped by the rest
    i = 1
    while i <= n:
        if _NOTE_START.match(lines[i]):
            # a note runs to the line that ends its sentence («… опубликования).»), at most
            # nine lines, never over a blank line; «Сноска.» alone on its line goes on
            j = i
            while j < n and j - i < 8 and lines[j + 1].strip() and (
                    not lines[j].rstrip().endswith(".") or _NOTE_ALONE.fullmatch(lines[j])):
                j += 1
            head.notes.append(_note(lines, i, j, lang))
            head.note_lines.update(range(i, j + 1))
            i = j + 1
        else:
            i += 1
    window_end = min(n, 80)
    decree = None
    whole = Span(lines, 1, n)  # the decree words may be wrapped over two lines («ҚАУЛЫ / ЕТЕДІ:»)
    for dm in _DECREE.finditer(whole.text):
        k = whole.line(dm.end() - 1)
        if k not in head.note_lines:
            decree = k
            break
    head.decree_line = decree
    top = Span(lines, 1, decree if decree else window_end)
    text = top.text
    m = (_HEAD_KK if lang == "kk" else _HEAD_RU).search(text) or (_HEAD_RU if lang == "kk" else _HEAD_KK).search(text)
    if m:
        head.heading_line, head.heading_last = top.lines_of(m.start(), m.end())
        head.heading_text = re.sub(r"\s+", " ", m.group(0)).strip()
        issuer = re.sub(r"\s+", " ", m.group("issuer")).strip(" ,")
        if lang == "kk" or "әкімдігінің" in m.group("body").casefold():
            issuer_line_start = text.rfind("\n", 0, m.start("issuer")) + 1
            issuer = re.sub(r"\s+", " ", text[max(issuer_line_start, m.start("issuer")):m.end("issuer")]).strip(" ,")
            head.issuer_phrase = issuer
            head.issuer = issuer + " " + {"әкімдігінің": "әкімдігі", "мәслихатының": "мәслихаты",
                                          "әкімінің": "әкімі"}.get(m.group("body").casefold(), "")
        else:
            head.issuer_phrase = issuer
            head.issuer = f"{m.group('body').capitalize()} {issuer}".replace("Акимата", "Акимат").replace(
                "Маслихата", "Маслихат")
        head.adopted_on = date_of(m, lang)
        head.dated_as_printed = re.sub(r"\s+", " ", m.group("date")).strip()
        head.number = m.group("no")
        head.act_kind = m.group("kind")
    # title: the block of text right before the heading (a saved page or a printout may put
    # other lines above it), not a note or a registration
    first_block: list[int] = []
    block: list[int] = []
    for k in range(1, (head.heading_line or window_end)):
        if k in head.note_lines or _REG_RU.search(lines[k]) or re.search(r"\bтіркелді\b", lines[k]):
            first_block, block = (block or first_block), []
            continue
        if lines[k].strip():
            block.append(k)
        elif block:
            first_block, block = block, []
    first_block = block or first_block
    if not first_block and head.heading_last:  # the title follows the heading (adilet's Russian pages)
        for k in range(head.heading_last + 1, (decree or window_end)):
            if k in head.note_lines or _REG_RU.search(lines[k]) or re.search(r"\bтіркелді\b", lines[k]):
                if first_block:
                    break
                continue
            if lines[k].strip():
                first_block.append(k)
            elif first_block:
                break
        if first_block and (decree in first_block or re.match(
                r"\s*(?:В\s+соответствии|Руководствуясь|На\s+основании)", lines[first_block[0]])):
            first_block = []  # that is the preamble, not a title
    if first_block:
        head.title_lines = (first_block[0], first_block[-1])
        head.title = join_lines([lines[k] for k in first_block])
    # registration of this act (not of the acts its preamble cites: those say «тіркелген»)
    reg_span = Span(lines, 1, (decree or window_end))
    for rx in (_REG_RU, _REG_KK):
        for rm in rx.finditer(reg_span.text):
            line = reg_span.line(rm.start())
            if line in head.note_lines:
                continue
            # the registration's own sentence: after the heading's «... № 246 қаулысы.»
            chunk = rm.group(0) if rx is _REG_RU else re.split(r"(?:қаулысы|шешімі)\s*[.]?\s", rm.group(0))[-1]
            dates = list(re.finditer(DATE, chunk, re.IGNORECASE))
            numbers = list(re.finditer(NUMBER, chunk))
            pick = 0 if rx is _REG_RU else -1  # «Зарегистрировано ... № N» / «... № N болып тіркелді»
            if numbers:
                reg_date = date_of(dates[pick], lang) if dates else None
                head.registration = ActRef(numbers[pick].group("no"), reg_date, line)
                break
        if head.registration:
            break
    # preamble: after the heading (and registration, notes) up to the decree words
    if head.heading_last and decree:
        start = head.heading_last + 1
        body = [lines[k] for k in range(start, decree + 1) if k not in head.note_lines
                and not (head.registration and k == head.registration.line)]
        if head.title_lines and head.title_lines[0] > head.heading_last:
            body = [lines[k] for k in range(head.title_lines[1] + 1, decree + 1) if k not in head.note_lines]
        pre = join_lines(body)
        decree_words = _DECREE.search(pre)
        head.preamble = pre[:decree_words.start()].strip(" ,") if decree_words else pre
    # signature: the first signature line after the decree
    for k in range((decree or 1), n + 1):
        sm = _SIGN.match(lines[k])
        if sm and k not in head.note_lines:
            head.signature_line = k
            head.signer_position = re.sub(r"\s+", " ", sm.group("pos"))
            head.signed_by = re.sub(r"\s+", " ", sm.group("name"))
            break
    return head


def _note(lines: list[str], first: int, last: int, lang: str) -> Note:
    text = join_lines(lines[first:last + 1])
    low = text.casefold()
    if re.search(r"утратил\w*\s+силу|күші\s+жойыл", low):
        kind = "repeal"
    elif re.search(r"изменени|дополнени|өзгеріс|толықтыру|редакци", low):
        kind = "amendment"
    else:
        kind = "editorial"
    act = None
    m = re.search(DATE + r"[а-яәғқңөұүһі]*\s*" + NUMBER, text, re.IGNORECASE)
    if m:
        act = ActRef(m.group("no"), date_of(m, lang), first)
    else:
        m2 = re.search(r"№\s*(?P<no>\d+[\w-]*)\s+от\s+" + DATE, text, re.IGNORECASE)
        if m2:
            act = ActRef(m2.group("no"), date_of(m2, lang), first)
    if kind == "editorial" and act is not None and re.search(r"замен|ауыстыр", low):
        kind = "amendment"
    return Note(kind, first, last, text, act)
