"""Extract the job-quota tables of seeds 000 and 001 into datasets/quotas/data/.

Reads the unchanged source texts in datasets/quotas/sources/ and writes
  quotas.csv       one row per organisation and quota category, as printed;
  quota_rules.csv  the quota terms each act's operative text sets (percent, basis, exclusions);
  legal_bands.csv  the legal quota bands of national law (a small hand-kept table, see the
                   package README), used only to flag a printed percent outside its band.

Deterministic: the same sources give the same bytes. Nothing is "corrected": headcount,
percent and jobs are copied as printed, even where jobs != headcount x percent.

Run: .venv/bin/python scripts/extract_quotas.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ashyq.text import join_lines  # noqa: E402

PKG = ROOT / "datasets" / "quotas"
SOURCES = PKG / "sources"
DATA = PKG / "data"

QUOTA_FIELDS = [
    "resolution_id", "year", "category", "place_id", "row_no", "organization_kk",
    "headcount", "quota_percent", "jobs", "source_lines",
    "place_name_as_printed", "place_heading_line",
]

# District/city headings of seed 000 as printed -> places id (datasets/README.md id rule;
# checked against datasets/places/data/places.csv by tests/test_data_quotas.py).
PLACE_IDS = {
    "Ақжайық ауданы": "akzhaiyk",
    "Бөкей ордасы ауданы": "bokeiordasy",
    "Бөрлі ауданы": "borli",
    "Жаңақала ауданы": "zhanakala",
    "Жәнібек ауданы": "zhanibek",
    "Бәйтерек ауданы": "baiterek",
    "Казталов ауданы": "kaztalovka",
    "Қаратөбе ауданы": "karatobe",
    "Сырым ауданы": "syrym",
    "Тасқала ауданы": "taskala",
    "Теректі ауданы": "terekti",
    "Шыңғырлау ауданы": "shyngyrlau",
    "Орал қаласы": "oral",
}

# A district/city heading: "<name> ауданы" / "<name> қаласы" alone on a line with blank lines
# on both sides (the same words inside an organisation's name never stand alone like that).
HEADING = re.compile(r"^\S+(?: \S+)? (?:ауданы|қаласы)$")

# Mid-word breaks of seed 000 (the PDF broke a word across lines): (end of one line, start of
# the next) are joined without a space. join_lines cannot tell these from two words.
WORD_BREAKS = [
    ("балалар-жасөспірім", "дер"),
    ("мектеп-бөбекжай-ба", "лабақша"),
    ("мектеп-гимназия-ин", "тернат"),
    ("орталықтандырылға", "н"),
]

@dataclass
class Row:
    row_no: int | None = None
    name_parts: list[str] = field(default_factory=list)
    headcount: int | None = None
    percent: int | None = None
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


def read_lines(name: str) -> list[str]:
    """The source's lines, index 0 unused so that lines[n] is source line n."""
    text = (SOURCES / name).read_text(encoding="utf-8")
    return [""] + text.split("\n")


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


def join_name(parts: list[str]) -> str:
    """Join cleaned name lines: one space, except where the break is a PDF artefact."""
    out = parts[0]
    for part in parts[1:]:
        glue = " "
        if any(out.endswith(tail) and re.match(re.escape(head) + r"(?!\w)", part)
               for tail, head in WORD_BREAKS):
            glue = ""  # a word broken across lines
        elif re.search(r'(?:^|\s)"$', out) or out.endswith("("):
            glue = ""  # an opening quote or bracket left at the end of a line
        elif part.startswith('" '):
            glue = ""  # a closing quote pushed to the start of the next line
        out = out + glue + part
    return out


def parse_rows(source: str, lines: list[str], start: int, end: int, *,
               percent_sign: bool, headings: bool) -> list[tuple[Row, tuple[str, int] | None]]:
    """Rows of one table in lines[start..end]; a row ends when its three numbers are read.

    Returns (row, heading) pairs, heading being (text as printed, line) of the district or
    city heading the row stands under (None when the table has no headings).
    """
    pct = r"(\d+)%" if percent_sign else r"(\d+)"
    full = re.compile(rf"^(\d+) {pct} (\d+)$")
    pair = re.compile(r"^(?:(.*\S) )?(\d+) (\d+)$")  # headcount and jobs, percent elsewhere
    lone_pct = re.compile(r"^(\d+)%$")
    rows: list[tuple[Row, tuple[str, int] | None]] = []
    heading: tuple[str, int] | None = None
    cur = Row()
    expected = 1
    for n in range(start, end + 1):
        s = lines[n].strip()
        if not s:
            continue
        if (headings and HEADING.match(s) and not lines[n - 1].strip()
                and not lines[n + 1].strip()):
            if not cur.empty:
                raise SystemExit(f"{source}:{n}: heading {s!r} inside row {expected}")
            heading = (s, n)
            continue
        cur.touch(n)
        m = full.match(s)
        if is_spaced_line(s):
            cur.name_parts.append(clean_line(lines[n]))
        elif m and cur.headcount is None:
            cur.headcount, cur.percent, cur.jobs = (int(g) for g in m.groups())
        elif (m := lone_pct.match(s)) and percent_sign and cur.percent is None:
            cur.percent = int(m.group(1))
        elif cur.row_no is None and s == str(expected):
            cur.row_no = expected
        elif cur.row_no is None and s.startswith(f"{expected} "):
            cur.row_no = expected  # "19 "Камен жалпы орта": number and name on one line
            cur.name_parts.append(clean_line(lines[n].lstrip()[len(str(expected)):]))
        elif (m := pair.match(s)) and cur.headcount is None and percent_sign:
            text, headcount, jobs = m.groups()
            cur.headcount, cur.jobs = int(headcount), int(jobs)
            if text:
                cur.name_parts.append(clean_line(text))
        else:
            cur.name_parts.append(clean_line(lines[n]))
        if cur.complete:
            if cur.row_no != expected or not cur.name_parts:
                raise SystemExit(f"{source}:{cur.first}-{n}: row {expected} not found")
            rows.append((cur, heading))
            cur = Row()
            expected += 1
    if not cur.empty:
        raise SystemExit(f"{source}:{cur.first}: unfinished row {expected}")
    return rows


def find_line(lines: list[str], pattern: str, start: int = 1) -> int:
    for n in range(start, len(lines)):
        if re.search(pattern, lines[n]):
            return n
    raise SystemExit(f"line matching {pattern!r} not found")


def span(row: Row) -> str:
    return str(row.first) if row.first == row.last else f"{row.first}-{row.last}"


def quota_row(resolution_id: str, year: int, category: str, place_id: str, row: Row,
              heading: tuple[str, int] | None) -> dict[str, object]:
    return {
        "resolution_id": resolution_id,
        "year": year,
        "category": category,
        "place_id": place_id,
        "row_no": row.row_no,
        "organization_kk": join_name(row.name_parts),
        "headcount": row.headcount,
        "quota_percent": row.percent,
        "jobs": row.jobs,
        "source_lines": span(row),
        "place_name_as_printed": heading[0] if heading else "",
        "place_heading_line": heading[1] if heading else "",
    }


def extract_000() -> list[dict[str, object]]:
    """West Kazakhstan region, resolution No. 246 of 21.11.2025: disability quotas for 2026."""
    source = "000_eeaaafaba07ad180.txt"
    lines = read_lines(source)
    start = find_line(lines, r"^1 2 3 4\s*$") + 1
    rows = parse_rows(source, lines, start, len(lines) - 1, percent_sign=True, headings=True)
    if len(rows) != 52:
        raise SystemExit(f"{source}: expected 52 rows, got {len(rows)}")
    out = []
    for row, heading in rows:
        if heading is None or heading[0] not in PLACE_IDS:
            raise SystemExit(f"{source}:{row.first}: unknown heading {heading!r}")
        out.append(quota_row("west-kazakhstan-region-2025-246", 2026, "disability",
                             PLACE_IDS[heading[0]], row, heading))
    return out


# Seed 001: annex number -> (category, words its title must contain).
ANNEXES_001 = {
    1: ("youth_without_parental_care", "қамқорлығынсыз"),
    2: ("released_from_prison", "бас бостандығынан айыру"),
    3: ("probation", "пробация"),
}


def extract_001() -> list[dict[str, object]]:
    """Бәйтерек district, resolution No. 593 of 30.11.2022: three quota annexes for 2023."""
    source = "001_df27ee51c94b55b4.txt"
    lines = read_lines(source)
    marks = [find_line(lines, rf"№ 593 қаулысына {k} қосымша") for k in ANNEXES_001]
    out = []
    for k, mark in zip(ANNEXES_001, marks, strict=True):
        category, words = ANNEXES_001[k]
        # The annex title names the district; it is the row's place "heading".
        title = find_line(lines, r"^Батыс Қазақстан облысы Бәйтерек ауданы бойынша", mark)
        title_text = join_lines(lines[title:find_line(lines, r"^\s*$", title)])
        if words not in title_text:
            raise SystemExit(f"{source}:{title}: annex {k} title lacks {words!r}")
        start = find_line(lines, r"^\(бірлік\)\s*$", mark) + 1
        following = [m for m in marks if m > mark]
        end = (following[0] - 1 if following else len(lines) - 1)
        # Stop before the next annex's header block ("Бәйтерек ауданы әкімдігінің ...").
        for n in range(start, end + 1):
            if lines[n].strip().startswith("Бәйтерек ауданы әкімдігінің"):
                end = n - 1
                break
        rows = parse_rows(source, lines, start, end, percent_sign=False, headings=False)
        for row, _ in rows:
            out.append(quota_row("baiterek-2022-593", 2023, category, "baiterek", row,
                                 ("Бәйтерек ауданы", title)))
    return out


# What each act's operative text sets (seed 000: a range of two to four percent of jobs,
# hazardous jobs excluded, its annex lists the organisations; seed 001: one flat percent of
# the listed headcount per category, each annex a list).
ACT_RULE_FIELDS = [
    "resolution_id", "rule_no", "year", "category", "place_id", "headcount_min", "headcount_max",
    "percent", "percent_max", "basis", "excluded_as_printed", "source_lines",
]
EXCLUDED_000 = ("ауыр жұмыстардағы, еңбек жағдайлары зиянды, қауіпті жұмыстардағы жұмыс "
                "орындарын есептемегенде")
ACT_RULES = [
    ["west-kazakhstan-region-2025-246", 1, 2026, "disability", "west-kazakhstan-region", "", "",
     2, 4, "jobs", EXCLUDED_000, "13-17"],
    ["baiterek-2022-593", 1, 2023, "youth_without_parental_care", "baiterek", "", "",
     1, "", "headcount", "", "24-27"],
    ["baiterek-2022-593", 2, 2023, "released_from_prison", "baiterek", "", "",
     2, "", "headcount", "", "28-29"],
    ["baiterek-2022-593", 3, 2023, "probation", "baiterek", "", "",
     2, "", "headcount", "", "30-31"],
]

BAND_FIELDS = [
    "band_id", "category", "headcount_min", "headcount_max", "percent_min", "percent_max",
    "legal_act_kk", "legal_act_en", "valid_from", "source_path", "source_lines", "basis_en",
]

ACT_207_KK = (
    "Қазақстан Республикасының Әлеуметтік кодексі; Қазақстан Республикасы Еңбек және "
    "халықты әлеуметтік қорғау министрінің 2023 жылғы 7 маусымдағы № 207 \"Мүгедектігі "
    "бар адамдар үшін жұмыс орындарын квоталау қағидаларын бекіту туралы\" бұйрығы "
    "(Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 32737 тіркелген)"
)
ACT_207_EN = (
    "Social Code of the Republic of Kazakhstan (2023); Order No. 207 of 7 June 2023 of the "
    "Minister of Labour and Social Protection of the Population \"On approval of the rules "
    "for quotas of jobs for persons with disabilities\" (state registration No. 32737)"
)
ACT_412_KK = (
    "Қазақстан Республикасы Денсаулық сақтау және әлеуметтік даму министрінің 2016 жылғы "
    "26 мамырдағы №412 бұйрығы (Нормативтік құқықтық актілерді мемлекеттік тіркеу "
    "тізілімінде №13598 тіркелген)"
)
ACT_412_EN = (
    "Order No. 412 of 26 May 2016 of the Minister of Healthcare and Social Development "
    "\"On approval of the rules for quotas of jobs\" for youth left without parental care, "
    "persons released from prison and persons on probation (state registration No. 13598)"
)
SRC_000 = "datasets/quotas/sources/000_eeaaafaba07ad180.txt"
SRC_001 = "datasets/quotas/sources/001_df27ee51c94b55b4.txt"
BASIS_DISABILITY = (
    "Band of the quota rules (order No. 207) under the Social Code; not printed in the "
    "seed, which cites the order (lines 5-11) and sets quotas of two to four percent "
    "(lines 13-17)"
)
BASIS_412 = (
    "Percent set by resolution baiterek-2022-593 under order No. 412 (lines 8-31); the "
    "order's own headcount thresholds are not printed in the seed, so they are left empty"
)

BANDS = [
    ["disability-50-100", "disability", 50, 100, 2, 2, ACT_207_KK, ACT_207_EN, "2023-06-07",
     SRC_000, "5-17", BASIS_DISABILITY],
    ["disability-101-250", "disability", 101, 250, 3, 3, ACT_207_KK, ACT_207_EN, "2023-06-07",
     SRC_000, "5-17", BASIS_DISABILITY],
    ["disability-251", "disability", 251, "", 4, 4, ACT_207_KK, ACT_207_EN, "2023-06-07",
     SRC_000, "5-17", BASIS_DISABILITY],
    ["youth-without-parental-care", "youth_without_parental_care", "", "", 1, 1,
     ACT_412_KK, ACT_412_EN, "2016-05-26", SRC_001, "8-27", BASIS_412],
    ["released-from-prison", "released_from_prison", "", "", 2, 2,
     ACT_412_KK, ACT_412_EN, "2016-05-26", SRC_001, "8-29", BASIS_412],
    ["probation", "probation", "", "", 2, 2,
     ACT_412_KK, ACT_412_EN, "2016-05-26", SRC_001, "8-31", BASIS_412],
]


def write_csv(path: Path, fields: list[str], rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, quoting=csv.QUOTE_MINIMAL,
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DATA,
                        help="folder to write the CSVs to (default: datasets/quotas/data)")
    out = parser.parse_args(argv).out
    quotas = extract_000() + extract_001()
    write_csv(out / "quotas.csv", QUOTA_FIELDS, quotas)
    write_csv(out / "quota_rules.csv", ACT_RULE_FIELDS,
              [dict(zip(ACT_RULE_FIELDS, rule, strict=True)) for rule in ACT_RULES])
    write_csv(out / "legal_bands.csv", BAND_FIELDS,
              [dict(zip(BAND_FIELDS, band, strict=True)) for band in BANDS])
    print(f"quotas.csv: {len(quotas)} rows; quota_rules.csv: {len(ACT_RULES)} rows; "
          f"legal_bands.csv: {len(BANDS)} rows")


if __name__ == "__main__":
    main()
