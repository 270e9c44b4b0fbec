"""Numbers written in words, Kazakh and Russian: «екі», «екіден төрт», «двухсот пятидесяти».

Acts write percents and headcount tiers in words, often inflected: Kazakh adds case endings
to the last word («елуден», «жүз адамға», «пайызға дейін»), Russian declines every word
(«двухсот пятидесяти»). `find_numbers` finds runs of number words (or figures) in a text and
gives each run its value and the case ending of its last word, which the terms parser needs
(«екіден ... дейін» is a range's lower end).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Kazakh number stems (nominative). Case endings are read separately (_KK_ENDINGS).
_KK_UNITS = {
    "бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
    "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
    "жетпіс": 70, "сексен": 80, "тоқсан": 90,
}
_KK_SCALES = {"жүз": 100, "мың": 1000}
# Kazakh case endings a number may carry (ablative, dative, locative, genitive, accusative,
# and the ordinal forms that appear in acts), longest first. The locative (-да, -де) is left
# out: «онда» (there) is a common word, not «он» (ten) + -да.
_KK_ENDINGS = sorted({
    "", "ден", "дан", "тен", "тан", "нен", "нан", "ге", "ға", "ке", "қа", "не", "на",
    "дің", "дың", "тің", "тың", "нің", "ның", "ді", "ды", "ті", "ты", "ні", "ны",
    "ншы", "нші", "ыншы", "інші",
}, key=len, reverse=True)

# Russian number words in every case an act uses, each to its value.
_RU_WORDS: dict[str, int] = {}


def _ru(value: int, *forms: str) -> None:
    for form in forms:
        _RU_WORDS[form] = value


_ru(1, "один", "одного", "одному", "одним", "одном", "одна", "одной", "одну", "одно")
_ru(2, "два", "двух", "двум", "двумя", "две")
_ru(3, "три", "трех", "трем", "тремя")
_ru(4, "четыре", "четырех", "четырем", "четырьмя")
_ru(5, "пять", "пяти", "пятью")
_ru(6, "шесть", "шести", "шестью")
_ru(7, "семь", "семи", "семью")
_ru(8, "восемь", "восьми", "восемью")
_ru(9, "девять", "девяти", "девятью")
_ru(10, "десять", "десяти", "десятью")
for _n, _stem in enumerate(["одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат",
                            "шестнадцат", "семнадцат", "восемнадцат", "девятнадцат"], start=11):
    _ru(_n, _stem + "ь", _stem + "и", _stem + "ью")
_ru(20, "двадцать", "двадцати", "двадцатью")
_ru(30, "тридцать", "тридцати", "тридцатью")
_ru(40, "сорок", "сорока")
_ru(50, "пятьдесят", "пятидесяти", "пятьюдесятью")
_ru(60, "шестьдесят", "шестидесяти", "шестьюдесятью")
_ru(70, "семьдесят", "семидесяти", "семьюдесятью")
_ru(80, "восемьдесят", "восьмидесяти", "восемьюдесятью")
_ru(90, "девяносто", "девяноста")
_ru(100, "сто", "ста")
_ru(200, "двести", "двухсот", "двумстам", "двумястами", "двухстах")
_ru(300, "триста", "трехсот", "тремстам", "тремястами", "трехстах")
_ru(400, "четыреста", "четырехсот", "четыремстам", "четырьмястами", "четырехстах")
for _n, _stem in enumerate(["пят", "шест", "сем", "восем", "девят"], start=5):
    _ru(_n * 100, _stem + "ьсот", _stem + "исот", _stem + "истам", _stem + "ьюстами", _stem + "истах")
_ru(800, "восьмисот", "восьмистам", "восьмистах")
_ru(1000, "тысяча", "тысячи", "тысяч", "тысячу", "тысячей")
# one and a half: «полтора процента», «полутора процентов»
_HALF_RU = {"полтора": 1.5, "полторы": 1.5, "полутора": 1.5}
# «бір жарым» (one and a half), «с половиной»: a half added to the number before
_HALF_AFTER = re.compile(r"\s+(?:жарым|с\s+половиной)(?![^\W\d_])", re.IGNORECASE)

_TOKEN = re.compile(r"\d+(?:[.,]\d+)?(?:-?[а-яәғқңөұүһі]+)?|[^\W\d_]+", re.IGNORECASE)


@dataclass(frozen=True)
class NumberRun:
    """A run of number words or one figure: where it is, its value, the ending of its last
    word (Kazakh case ending, e.g. "ден"; "" for Russian words and bare figures)."""

    start: int
    end: int
    value: float
    ending: str
    in_words: bool

    @property
    def integer(self) -> int | float:
        return int(self.value) if float(self.value).is_integer() else self.value


def _kk_word(token: str) -> tuple[int, str] | None:
    for stem, value in (*_KK_UNITS.items(), *_KK_SCALES.items()):
        if token.startswith(stem):
            rest = token[len(stem):]
            if rest in _KK_ENDINGS:
                return value, rest
    return None


def word_value(token: str) -> tuple[int, str] | None:
    """Value and case ending of one number word, or None: «екіден» → (2, "ден")."""
    low = token.casefold().replace("ё", "е")
    if low in _RU_WORDS:
        return _RU_WORDS[low], ""
    return _kk_word(low)


def _combine(values: list[int]) -> int:
    """«екі жүз елу» [2, 100, 50] → 250; «двухсот пятидесяти» [200, 50] → 250."""
    total, current = 0, 0
    for v in values:
        if v in (100, 1000) and current and current < v:
            current *= v
            if v == 1000:
                total, current = total + current, 0
        else:
            current += v
    return total + current


def find_numbers(text: str) -> list[NumberRun]:
    """Every number in `text`, figures («2», «2,5», «250-ден») and words («екі жүз елуден»)."""
    runs: list[NumberRun] = []
    words: list[tuple[int, int, int, str]] = []

    def flush() -> None:
        if words:
            ending = words[-1][3]
            value: float = _combine([w[2] for w in words])
            end = words[-1][1]
            half = _HALF_AFTER.match(text, end) if not ending else None
            if half:
                value, end = value + 0.5, half.end()
            runs.append(NumberRun(words[0][0], end, value, ending, True))
            words.clear()

    for m in _TOKEN.finditer(text):
        token = m.group(0)
        if token[0].isdigit():
            flush()
            fig = re.match(r"\d+(?:[.,]\d+)?", token)
            assert fig is not None
            ending = token[fig.end():].lstrip("-").casefold()
            runs.append(NumberRun(m.start(), m.end(), float(fig.group(0).replace(",", ".")),
                                  ending, False))
            continue
        if token.casefold() in _HALF_RU:
            flush()
            runs.append(NumberRun(m.start(), m.end(), _HALF_RU[token.casefold()], "", True))
            continue
        found = word_value(token)
        # words of one number are separated by single spaces only ("екі жүз", "двухсот пятидесяти")
        if found is not None and words and text[words[-1][1]:m.start()].strip():
            flush()
        if found is None:
            flush()
            continue
        if words and words[-1][3]:  # a word with a case ending closes its number: «екіден төрт»
            flush()
        words.append((m.start(), m.end(), found[0], found[1]))
    flush()
    return runs
