"""Extract the Zhambyl region employment programme 2005–2007 into the `programs` package.

Source: datasets/programs/sources/003_52e0a97e0fa1a589.txt (text extracted from the PDF).

The PDF tables are broken beyond generic parsing: cells are split over lines and pages,
continuation tables ("кестенің жалғасы") repeat no row labels, empty cells are simply
missing, and the column totals of the jobs table are printed one number per line.
So this script keeps a *transcription table* of source line numbers for every table
and reads every value from those lines (asserting that the line holds what we expect).
Nothing is typed in by hand except line numbers, place ids and the layout decisions.

Run:  .venv/bin/python scripts/extract_programs.py   (from the repository root)
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ashyq.text import undo_letter_spacing  # noqa: E402

PACKAGE = ROOT / "datasets" / "programs"
SOURCE_NAME = "003_52e0a97e0fa1a589.txt"
SOURCE_PATH = f"datasets/programs/sources/{SOURCE_NAME}"
PROGRAM_ID = "zhambyl-region-2005-2007"
REGION_ID = "zhambyl-region"

LINES = (PACKAGE / "sources" / SOURCE_NAME).read_text(encoding="utf-8").splitlines()

# Printed place names → place_id (datasets/places/data/places.csv is the authority).
PLACE_IDS = {
    "Тараз қаласы": "taraz",
    "Тараз": "taraz",
    "Байзақ": "baizak",
    "Жамбыл": "zhambyl-zhambyl",
    "Жуалы": "zhualy",
    "Қордай": "kordai",
    "Т.Рысқұлов": "turar-ryskulov",
    "Меркі": "merke",
    "Мерке": "merke",
    "Мойынқұм": "moiynkum",
    "Сарысу": "sarysu",
    "Талас": "talas",
    "Шу": "shu",
    "Жаңатас": "zhanatas",
    "Қаратау": "karatau-town",
    "Шу (town)": "shu-town",
}

# ---------------------------------------------------------------------------
# Text clean-up for this document
# ---------------------------------------------------------------------------

# Words the PDF spaced out only partly ("әк імдер і"): the spaces are removed, nothing else.
PARTIAL_SPACING = [
    "әк імдер і",
    "жөніндег і",
    "кәс іби",
    "б іл ікт іл іг ін",
    "оқу-өнд ір іст ік",
    "Біл ікт і",
    "өндір істер",
    "бизнес іңд і",
    "ти імд і",
    "ти іст і",
    "мәл іметтер",
    "әлеуметт ік",
    "әр іптест ікт і",
    "мәселелер і",
    "жөн індег і",
    "уәк ілетт і",
    "б ірлесе",
    "жәрмеңкелер ін",
    "кәс іп",
    "Кәс іп",
    "бағдарламалар ,",
    "департаменттері ,",
    "әлеуметт ік",
    "жүйес ін",
    "икемд і",
    "Ж ұ м ы с п е н",
]
# Other spaced-out words whose fix keeps a space.
SPACING_FIXES = {"ә р ауданында": "әр ауданында"}
# A quote mark spaced off its word by letter-spacing ('т ә ж і р и б е с і "').
QUOTE_SPACING = {'" Жастар': '"Жастар', 'тәжірибесі "': 'тәжірибесі"'}
# Words broken at a line end with a hyphen that is part of the word (a compound).
COMPOUNDS = {"ұсыныс-негіздеме", "Ұсыныс-негіздеме", "келісім-шарттар", "іс-шаралар"}


def despace(line: str) -> str:
    """One source line with PDF letter-spacing undone and whitespace runs made single.

    A line whose every token is one character ("2 0 0 5  ж ы л ы  -  5 7 5 2 4 , 0") is
    spaced out as a whole: words are separated by two or more spaces, so each run
    between those is one word. Other lines go through `undo_letter_spacing` first
    (letter-spaced words inside a normal line), then whitespace is collapsed.
    """
    tokens = line.split()
    if len(tokens) >= 3 and all(len(t) == 1 for t in tokens):
        words = re.split(r"\s{2,}", line.strip())
        text = " ".join(w.replace(" ", "") for w in words)
    else:
        text = re.sub(r"\s+", " ", undo_letter_spacing(line)).strip()
    return text


def mend(text: str) -> str:
    """Document-specific mends that only remove spaces the PDF inserted."""
    for spaced in PARTIAL_SPACING:
        text = text.replace(spaced, spaced.replace(" ", ""))
    for spaced, fixed in SPACING_FIXES.items():
        text = text.replace(spaced, fixed)
    text = re.sub(r" ([,.;:)])", r"\1", text)  # space before punctuation
    text = re.sub(r"\( ", "(", text)
    for spaced, fixed in QUOTE_SPACING.items():
        text = text.replace(spaced, fixed)
    return text


def join(parts: list[str]) -> str:
    """Join cleaned lines of one cell; a word hyphenated at a line end is rejoined."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[0].islower():
            head = re.search(r"(\S+)-$", out).group(1)
            tail = part.split(" ", 1)[0]
            if f"{head}-{tail}" in COMPOUNDS:
                out = out + part
            else:
                out = out[:-1] + part
        else:
            out = f"{out} {part}" if out else part
    return mend(out)


# A "spec" names the source text of a cell: a list of items, each either
# (first, last) line numbers, or (line, start_marker, end_marker) for part of a line
# (from the first occurrence of start_marker, up to the first occurrence of end_marker).
def spec_lines(spec) -> list[str]:
    out = []
    for item in spec:
        if len(item) == 2:
            first, last = item
            out.extend(LINES[n - 1] for n in range(first, last + 1))
        else:
            n, start, end = item
            line = LINES[n - 1]
            i = line.index(start) if start else 0
            j = line.index(end, i) if end else len(line)
            out.append(line[i:j])
    return out


def spec_text(spec) -> str:
    return join([despace(line) for line in spec_lines(spec)])


def spec_span(spec) -> str:
    nums = []
    for item in spec:
        nums.extend([item[0], item[1]] if len(item) == 2 else [item[0]])
    first, last = min(nums), max(nums)
    return str(first) if first == last else f"{first}-{last}"


def merge_spans(*spans: str) -> str:
    nums = []
    for s in spans:
        nums.extend(int(x) for x in s.split("-"))
    first, last = min(nums), max(nums)
    return str(first) if first == last else f"{first}-{last}"


def numbers(n: int) -> list[str]:
    """The numbers printed on source line n, as printed."""
    return re.findall(r"\d+(?:,\d+)?", LINES[n - 1])


def the_number(n: int) -> str:
    found = numbers(n)
    assert len(found) == 1, (n, LINES[n - 1])
    return found[0]


def kzt(printed: str) -> str:
    """'57524,0' → '57524.0' (decimal comma to point; digits kept as printed)."""
    return printed.replace(",", ".")


# ---------------------------------------------------------------------------
# 1. programs (the passport)
# ---------------------------------------------------------------------------

PASSPORT = {
    "title_kk": [(2, "2005", None), (4, 5)],
    "basis_kk": [(11, 24)],
    "period_kk": [(29, 29)],
    "developer_kk": [(34, 36)],
    "goal_kk": [(41, 44)],
    "tasks_kk": [(46, 67)],
    "funding_kk": [(75, 81)],
    "expected_results_kk": [(86, 93)],
}


def programs_rows() -> list[dict]:
    row = {"program_id": PROGRAM_ID}
    for field, spec in PASSPORT.items():
        row[field] = spec_text(spec)
    period = re.fullmatch(r"(\d{4})-(\d{4}) жылдар", row["period_kk"])
    total = re.search(r"(\d+,\d) мың теңге", row["funding_kk"])
    row.update(
        place_id=REGION_ID,
        period_start=int(period.group(1)),
        period_end=int(period.group(2)),
        funding_total_thousand_kzt=kzt(total.group(1)),
        source_path=SOURCE_PATH,
        source_lines="1-93",
    )
    return [row]


# ---------------------------------------------------------------------------
# 2. program_funding (section 6 table, lines 666-750)
# ---------------------------------------------------------------------------

# item_no, row_kind, label spec, {(period_start, period_end): source line of the number}
FUNDING = [
    (0, "total", [(669, 670)], {(2005, 2005): 673, (2006, 2006): 676, (2007, 2007): 725, (2005, 2007): 728}),
    (1, "item", [(684, 685)], {(2005, 2005): 688, (2006, 2006): 691, (2007, 2007): 733, (2005, 2007): 736}),
    (2, "item", [(693, 696)], {(2005, 2005): 700, (2006, 2006): 704, (2007, 2007): 740, (2005, 2007): 744}),
    (3, "item", [(706, 709)], {(2005, 2005): 713, (2006, 2006): 717, (2007, 2007): 747, (2005, 2007): 750}),
]


def funding_rows() -> list[dict]:
    rows = []
    for item_no, kind, label, cells in FUNDING:
        item = spec_text(label)
        for (start, end), n in cells.items():
            rows.append(
                {
                    "program_id": PROGRAM_ID,
                    "item_no": item_no,
                    "item_kk": item,
                    "row_kind": kind,
                    "year": start if start == end else "",
                    "period_start": start,
                    "period_end": end,
                    "amount_thousand_kzt": kzt(the_number(n)),
                    "source_lines": str(n),
                    "item_source_lines": spec_span(label),
                }
            )
    return rows


# ---------------------------------------------------------------------------
# 3. program_jobs (lines 335-418)
# ---------------------------------------------------------------------------

YEARS = (2005, 2006, 2007)
# The first part: "№ name 2005 2006 2007" (permanent jobs), lines 346-366, total on 368.
JOBS_FIRST = range(346, 367, 2)
JOBS_TOTAL_LINE = 368
# The continuation (lines 380-400): temporary 2005-2007, total 2005-2007, same row order.
JOBS_CONT = range(380, 401, 2)
# Its total row is printed one number per line.
JOBS_CONT_TOTAL = {
    ("temporary", 2005): 403,
    ("temporary", 2006): 406,
    ("temporary", 2007): 409,
    ("total", 2005): 412,
    ("total", 2006): 415,
    ("total", 2007): 418,
}


def jobs_rows() -> list[dict]:
    rows = []
    for first, cont in zip(JOBS_FIRST, JOBS_CONT, strict=True):
        m = re.fullmatch(r"(\d+) (\S+(?: қаласы)?) (\d+) (\d+) (\d+)", LINES[first - 1].strip())
        assert m, LINES[first - 1]
        name = m.group(2)
        permanent = m.groups()[2:]
        rest = numbers(cont)
        assert len(rest) == 6, LINES[cont - 1]
        values = {"permanent": permanent, "temporary": rest[:3], "total": rest[3:]}
        for job_type in ("permanent", "temporary", "total"):
            for year, value in zip(YEARS, values[job_type], strict=True):
                line = first if job_type == "permanent" else cont
                rows.append(
                    {
                        "program_id": PROGRAM_ID,
                        "row_no": int(m.group(1)),
                        "place_id": PLACE_IDS[name],
                        "place_name_as_printed": name,
                        "row_kind": "place",
                        "year": year,
                        "job_type": job_type,
                        "jobs": int(value),
                        "source_lines": str(line),
                        "name_source_lines": str(first),
                    }
                )
    m = re.fullmatch(r"Барлығы (\d+) (\d+) (\d+)", LINES[JOBS_TOTAL_LINE - 1].strip())
    assert m
    totals = {("permanent", y): (v, JOBS_TOTAL_LINE) for y, v in zip(YEARS, m.groups(), strict=True)}
    totals.update({key: (the_number(n), n) for key, n in JOBS_CONT_TOTAL.items()})
    for job_type in ("permanent", "temporary", "total"):
        for year in YEARS:
            value, line = totals[(job_type, year)]
            rows.append(
                {
                    "program_id": PROGRAM_ID,
                    "row_no": "",
                    "place_id": REGION_ID,
                    "place_name_as_printed": "Барлығы",
                    "row_kind": "total",
                    "year": year,
                    "job_type": job_type,
                    "jobs": int(value),
                    "source_lines": str(line),
                    "name_source_lines": str(JOBS_TOTAL_LINE),
                }
            )
    return rows


# ---------------------------------------------------------------------------
# 4. program_targets (section 7 table, lines 759-866)
# ---------------------------------------------------------------------------

INDICATORS_FIRST = ("employed_via_agencies", "public_works")
INDICATORS_CONT = ("vocational_training", "social_jobs", "youth_practice")

# (row_kind, row_no, printed name, place_id, parent_place_id, name spec, line of the
#  first part's numbers, line of the continuation's numbers, indicators present in the
#  continuation line — its empty cells are simply missing from the text).
ALL3 = INDICATORS_CONT
TARGETS = [
    ("place", 1, "Тараз", None, [(779, 779)], 779, 838, ALL3),
    ("place", 2, "Байзақ", None, [(781, 781)], 781, 840, ALL3),
    ("place", 3, "Жамбыл", None, [(783, 783)], 783, 842, ALL3),
    ("place", 4, "Жуалы", None, [(787, 787)], 787, 844, ALL3),
    ("place", 5, "Қордай", None, [(789, 789)], 789, 846, ALL3),
    ("place", 6, "Т.Рысқұлов", None, [(791, 791)], 791, 848, ALL3),
    ("place", 7, "Мерке", None, [(793, 793)], 793, 850, ("vocational_training", "social_jobs")),
    ("place", 8, "Мойынқұм", None, [(795, 795)], 795, 852, ALL3),
    ("place", 9, "Сарысу", None, [(797, 797)], 797, 854, ALL3),
    ("of_which", None, "Жаңатас", "Сарысу", [(799, 801)], 803, 856, ALL3),
    ("place", 10, "Талас", None, [(805, 805)], 805, 858, ("vocational_training",)),
    ("of_which", None, "Қаратау", "Талас", [(807, 809)], 811, 860, ("vocational_training",)),
    ("place", 11, "Шу", None, [(813, 813)], 813, 862, ("vocational_training", "social_jobs")),
    ("of_which", None, "Шу", "Шу", [(815, 816)], 818, 864, ("vocational_training", "social_jobs")),
    ("total", None, "Облыс бойынша", None, [(820, 821)], 823, 866, ALL3),
]


def targets_rows() -> list[dict]:
    rows = []
    for kind, row_no, name, parent, name_spec, first, cont, present in TARGETS:
        printed = spec_text(name_spec)
        if row_no is not None:
            printed = re.sub(rf"^{row_no} ", "", printed)
            printed = re.sub(r"( \d+){6}$", "", printed)
        assert printed.endswith(name), (printed, name)
        if kind == "total":
            place_id = REGION_ID
        elif kind == "of_which":
            place_id = PLACE_IDS["Шу (town)" if name == parent else name]
        else:
            place_id = PLACE_IDS[name]
        first_values = numbers(first)
        if row_no is not None:
            first_values = first_values[1:]  # the row number
        assert len(first_values) == 6, LINES[first - 1]
        cont_values = numbers(cont)
        assert len(cont_values) == 3 * len(present), LINES[cont - 1]
        cells = []
        for i, indicator in enumerate(INDICATORS_FIRST):
            for j, year in enumerate(YEARS):
                cells.append((indicator, year, first_values[3 * i + j], first))
        for i, indicator in enumerate(present):
            for j, year in enumerate(YEARS):
                cells.append((indicator, year, cont_values[3 * i + j], cont))
        for indicator, year, value, line in cells:
            rows.append(
                {
                    "program_id": PROGRAM_ID,
                    "row_no": row_no if row_no is not None else "",
                    "place_id": place_id,
                    "parent_place_id": PLACE_IDS[parent] if parent else "",
                    "place_name_as_printed": printed,
                    "row_kind": kind,
                    "year": year,
                    "indicator": indicator,
                    "value": int(value),
                    "source_lines": str(line),
                    "name_source_lines": spec_span(name_spec),
                }
            )
    return rows


# ---------------------------------------------------------------------------
# 5. program_measures (section 8, lines 880-2071)
# ---------------------------------------------------------------------------

# Section headings of the first part (columns 1-4), and of the continuation (5-7).
SECTIONS = {
    1: [(886, 886)],
    2: [(999, 1000)],
    3: [(1128, 1129)],
    4: [(1301, 1301)],
    5: [(1430, 1430)],
    6: [(1497, 1498)],
    7: [(1570, 1571)],
}

# no: (section, measure spec, completion form spec, responsible spec)
# Column 1-4 cells, in the order printed; a page break splits some cells in two.
MEASURES = {
    1: (1, [(888, 894)], [(896, 897)], [(899, 907)]),
    2: (1, [(909, 918)], [(920, 921)], [(923, 924)]),
    3: (1, [(926, 934)], [(936, 937)], [(939, 947)]),
    4: (1, [(949, 951), (962, 968)], [(953, 954)], [(956, 958), (970, 977)]),
    5: (1, [(979, 984)], [(986, 987)], [(989, 997)]),
    6: (2, [(1002, 1008)], [(1010, 1011)], [(1013, 1021)]),
    7: (2, [(1023, 1030)], [(1032, 1033)], [(1035, 1043)]),
    8: (2, [(1045, 1056)], [(1058, 1059)], [(1061, 1070)]),
    9: (2, [(1072, 1073), (1083, 1090)], [(1075, 1076)], [(1078, 1079), (1092, 1098)]),
    10: (2, [(1100, 1114)], [(1116, 1117)], [(1119, 1126)]),
    11: (3, [(1131, 1138)], [(1140, 1141)], [(1143, 1151)]),
    12: (3, [(1153, 1161)], [(1163, 1164)], [(1166, 1175)]),
    13: (3, [(1177, 1183)], [(1185, None, "Ж а м")], [(1185, "Ж а м", None), (1186, 1192), (1196, 1197)]),
    14: (3, [(1199, 1207)], [(1209, 1210)], [(1212, 1220)]),
    15: (3, [(1222, 1233)], [(1235, 1236)], [(1238, 1246)]),
    16: (3, [(1248, 1259)], [(1261, 1264)], [(1266, 1272)]),
    17: (3, [(1274, 1288)], [(1290, 1291)], [(1293, 1299)]),
    18: (4, [(1305, 1317)], [(1319, 1320)], [(1322, 1330)]),
    19: (4, [(1332, 1344)], [(1346, 1347)], [(1349, 1357)]),
    20: (4, [(1359, 1365)], [(1367, 1368)], [(1370, 1378)]),
    21: (4, [(1380, 1389)], [(1391, 1392)], [(1394, 1402)]),
    22: (4, [(1404, 1408), (1423, 1425)], [(1410, 1411)], [(1413, 1419), (1427, 1428)]),
    23: (5, [(1432, 1439)], [(1441, 1442)], [(1444, 1451)]),
    24: (5, [(1453, 1461)], [(1463, 1464)], [(1466, 1472)]),
    25: (5, [(1474, 1483)], [(1485, 1487)], [(1489, 1495)]),
    26: (6, [(1500, 1510)], [(1512, 1513)], [(1515, 1518)]),
    27: (6, [(1520, 1525), (1540, 1543)], [(1527, 1529)], [(1531, 1536), (1545, 1546)]),
    28: (6, [(1548, 1557)], [(1559, 1560)], [(1562, 1568)]),
    29: (7, [(1573, 1586)], [(1588, 1589)], [(1591, 1599)]),
    30: (7, [(1601, 1608)], [(1610, 1611)], [(1613, 1619)]),
    31: (7, [(1621, 1630)], [(1632, 1633)], [(1635, 1646), (1650, 1651)]),
    32: (7, [(1653, 1663)], [(1665, 1666)], [(1668, 1674)]),
}

# no: (deadline spec, financing spec) — the continuation table (columns 5-7, lines
# 1676-2071) repeats the section headings but no measure numbers; its cells follow
# the measures' order. Column 6 (forecast expenses, mln tenge) and column 7 (sources
# of financing) cannot be told apart in the text, so `financing_kk` holds both, in
# the order printed.
MEASURES_CONT = {
    1: ([(1692, 1693)], [(1695, 1696)]),
    2: ([(1700, 1701)], [(1703, 1704)]),
    3: ([(1708, None, "Қаржыландыруды")], [(1708, "Қаржыландыруды", None), (1709, 1709)]),
    4: ([(1713, 1714)], [(1716, 1717)]),
    5: ([(1721, 1724)], [(1726, 1747)]),
    6: ([(1756, 1757), (1767, 1768)], [(1759, 1760), (1770, 1773), (1762, 1763)]),
    7: ([(1776, 1777)], [(1779, 1783)]),
    8: ([(1785, 1786)], [(1788, 1789)]),
    9: ([(1793, 1796)], [(1798, 1799)]),
    10: ([(1803, 1804)], [(1806, 1807)]),
    11: ([(1817, 1820)], [(1822, 1823)]),
    12: ([(1827, 1828)], [(1830, 1831)]),
    13: ([(1835, 1836)], [(1838, 1839)]),
    14: ([(1843, 1846)], [(1848, 1856)]),
    15: ([(1858, None, "Қарастырылған")], [(1858, "Қарастырылған", None), (1859, 1862)]),
    16: ([(1864, 1864), (1875, 1876)], [(1867, 1871)]),
    17: ([(1878, 1879)], [(1881, 1882)]),
    18: ([(1892, 1893)], [(1895, 1896)]),
    19: ([(1900, 1901)], [(1903, 1911)]),
    20: ([(1913, 1914)], [(1916, 1922)]),
    21: ([(1924, 1925)], [(1927, 1930)]),
    22: ([(1934, 1937)], [(1939, 1942)]),
    23: ([(1951, 1952)], [(1954, 1955)]),
    24: ([(1959, 1960)], [(1962, 1963)]),
    25: ([(1967, 1969)], [(1971, 1975)]),
    26: ([(1985, 1986)], [(1988, 1989)]),
    27: ([(1993, 1994), (2003, 2004)], [(1996, 1997)]),
    28: ([(2006, 2007)], [(2009, 2010)]),
    29: ([(2021, 2027)], [(2029, 2033)]),
    30: ([(2035, 2041)], [(2043, 2047)]),
    31: ([(2049, 2055)], [(2057, 2058)]),
    32: ([(2062, 2068)], [(2070, 2071)]),
}


def measures_rows() -> list[dict]:
    rows = []
    for no, (section, measure, form, responsible) in MEASURES.items():
        deadline, financing = MEASURES_CONT[no]
        text = spec_text(measure)
        m = re.match(rf"{no}\.? ", text)
        assert m, (no, text)
        rows.append(
            {
                "program_id": PROGRAM_ID,
                "section": section,
                "section_kk": re.sub(r"^\d\. ", "", spec_text(SECTIONS[section])),
                "no": no,
                "measure_kk": text[m.end() :],
                "completion_form_kk": spec_text(form),
                "responsible_kk": spec_text(responsible),
                "deadline_kk": spec_text(deadline),
                "financing_kk": spec_text(financing),
                "source_lines": merge_spans(*(spec_span(s) for s in (measure, form, responsible))),
                "continuation_source_lines": merge_spans(spec_span(deadline), spec_span(financing)),
            }
        )
    return rows


# ---------------------------------------------------------------------------

TABLES = {
    "programs": programs_rows,
    "program_funding": funding_rows,
    "program_jobs": jobs_rows,
    "program_targets": targets_rows,
    "program_measures": measures_rows,
}


def render(rows: list[dict]) -> str:
    """The CSV text of one table (UTF-8, LF, header row, minimal quoting)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build_all() -> dict[str, str]:
    """Every table of the package as CSV text, keyed by resource name."""
    return {name: render(build()) for name, build in TABLES.items()}


def main() -> None:
    data = PACKAGE / "data"
    data.mkdir(parents=True, exist_ok=True)
    for name, text in build_all().items():
        (data / f"{name}.csv").write_bytes(text.encode("utf-8"))


if __name__ == "__main__":
    main()
