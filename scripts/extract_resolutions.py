"""Extract the `resolutions` package from the source texts of seeds 000, 001 and 002.

Reads:
  datasets/quotas/sources/000_eeaaafaba07ad180.txt        (resolution No. 246 of 2025)
  datasets/quotas/sources/001_df27ee51c94b55b4.txt        (Бәйтерек resolution No. 593 of 2022)
  datasets/resolutions/sources/002_a027c9cde0549b16.txt   (resolution No. 299 of 2025)
Writes datasets/resolutions/data/{resolutions,annexes,staffing,institutions}.csv.

Run: .venv/bin/python scripts/extract_resolutions.py [--out DIR]
Deterministic: re-running reproduces the CSV files byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ashyq.text import join_lines  # noqa: E402

PKG = REPO / "datasets" / "resolutions"
SEEDS = Path("/work/shared/seeds")

# Seeds 000 and 001 are copied into the quotas package by its extractor; 002 lives here.
SOURCE_PATHS = {
    "000": "datasets/quotas/sources/000_eeaaafaba07ad180.txt",
    "001": "datasets/quotas/sources/001_df27ee51c94b55b4.txt",
    "002": "datasets/resolutions/sources/002_a027c9cde0549b16.txt",
}

RESOLUTION_IDS = {
    "000": "west-kazakhstan-region-2025-246",
    "001": "baiterek-2022-593",
    "002": "west-kazakhstan-region-2025-299",
}


TOPIC = {"000": "quotas", "001": "quotas", "002": "reorganisation"}

# Kazakh month names in the locative form used in dates ("21 қарашадағы").
MONTHS = {
    "қаңтардағы": 1, "ақпандағы": 2, "наурыздағы": 3, "сәуірдегі": 4,
    "мамырдағы": 5, "маусымдағы": 6, "шілдедегі": 7, "тамыздағы": 8,
    "қыркүйектегі": 9, "қазандағы": 10, "қарашадағы": 11, "желтоқсандағы": 12,
}

# The preambles cite acts whose names were hyperlinks in the PDF; the text
# extraction moved the linked words to the ends of lines and left a gap (",  ")
# where they belong. This transcription table puts the moved words back into
# their gaps; every word is as printed (tests check each word against the
# preamble lines). Keyed by seed.
LEGAL_BASIS = {
    "000": (
        'Қазақстан Республикасының Әлеуметтік кодексіне, "Қазақстан Республикасындағы '
        'жергілікті мемлекеттік басқару және өзін-өзі басқару туралы" Заңына және '
        "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрінің "
        '2023 жылғы 7 маусымдағы № 207 "Мүгедектігі бар адамдар үшін жұмыс орындарын '
        'квоталау қағидаларын бекіту туралы" (Нормативтік құқықтық актілерді мемлекеттік '
        "тіркеу тізілімінде № 32737 тіркелген) бұйрығына"
    ),
    "001": (
        "Қазақстан Республикасының Қылмыстық–атқару кодексіне, Қазақстан Республикасының "
        '"Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі '
        'басқару туралы" Заңына, Қазақстан Республикасының "Халықты жұмыспен қамту '
        'туралы" Заңына және Қазақстан Республикасы Денсаулық сақтау және әлеуметтік '
        'даму министрінің 2016 жылғы 26 мамырдағы №412 "Ата–анасынан кәмелеттік жасқа '
        "толғанға дейін айырылған немесе ата–анасының қамқорлығынсыз қалған, білім беру "
        "ұйымдарының түлектері болып табылатын жастар қатарындағы азаматтарды, бас "
        "бостандығынан айыру орындарынан босатылған адамдарды, пробация қызметінің "
        "есебінде тұрған адамдарды жұмысқа орналастыру үшін жұмыс орындарын квоталау "
        'қағидаларын бекіту туралы" бұйрығына (Нормативтік құқықтық актілерді '
        "мемлекеттік тіркеу тізілімінде №13598 тіркелген)"
    ),
    "002": (
        "Қазақстан Республикасының Азаматтық кодексін, Қазақстан Республикасының 2001 "
        'жылғы 23 қаңтардағы "Қазақстан Республикасындағы жергілікті мемлекеттік басқару '
        'және өзін-өзі басқару туралы", 2011 жылғы 1 наурыздағы "Мемлекеттік мүлік '
        'туралы" Заңдарын'
    ),
}

# Places are resolved against datasets/places/data/places.csv (the authority):
# a printed spelling matches a place's name_kk without its kind word
# ("ауданы", "облысы", "Қ.Ә.") or one of its aliases. All three documents are
# about West Kazakhstan region, so only that region and its children are searched.
PLACES_CSV = REPO / "datasets" / "places" / "data" / "places.csv"
REGION = "west-kazakhstan-region"
KIND_WORDS = re.compile(r"\s+(ауданы|облысы|қаласы|Қ\.Ә\.)$")


def load_places() -> dict[str, str]:
    """Spelling → place_id for the region and its districts and cities."""
    if not PLACES_CSV.exists():
        sys.exit(f"{PLACES_CSV.relative_to(REPO)} is missing: build the places package first")
    spellings: dict[str, str] = {}
    with PLACES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if REGION not in (row["place_id"], row["parent_id"]):
                continue
            names = [KIND_WORDS.sub("", row["name_kk"])]
            names += [a for a in row["aliases"].split(";") if a]
            for name in names:
                spellings.setdefault(name, row["place_id"])
    return spellings


PLACES = load_places()


def resolve_place(spelling: str) -> str:
    """place_id of a printed name such as "Бәйтерек ауданы" or "Орал"."""
    bare = KIND_WORDS.sub("", spelling)
    if bare not in PLACES:
        sys.exit(f"unknown place spelling {spelling!r}: add it to the places package aliases")
    return PLACES[bare]


PLACE_MENTION = re.compile(
    r'(?<![^\s"])((?:[^\s"]+ ордасы)|[^\s"]+) (ауданының|ауданы|қаласының|қаласы)(?=\s)'
)

LEGAL_FORMS = (
    "мемлекеттік коммуналдық қазыналық кәсіпорны",
    "коммуналдық мемлекеттік мекемесі",
    "мемлекеттік мекемесі",
)


@dataclass
class Source:
    seed: str
    path: str  # repository path recorded in the data
    lines: list[str]  # lines[0] is line 1

    def line(self, n: int) -> str:
        return self.lines[n - 1]

    def span(self, a: int, b: int) -> list[str]:
        return self.lines[a - 1 : b]


def read_source(seed: str) -> Source:
    rel = SOURCE_PATHS[seed]
    path = REPO / rel
    if not path.exists():  # the quotas package has not copied its seeds yet
        path = SEEDS / Path(rel).name
    text = path.read_text(encoding="utf-8")
    return Source(seed, rel, text.split("\n"))


def lines_ref(a: int, b: int) -> str:
    return str(a) if a == b else f"{a}-{b}"


def join_cell(lines: list[str]) -> str:
    """join_lines, plus: a line that starts with a lone closing quote belongs to
    the previous word (the PDF broke the line just before the quote)."""
    out = ""
    for raw in lines:
        part = join_lines([raw])
        if not part:
            continue
        if out and re.match(r'^"(\s|$)', part):
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out


def paragraphs(src: Source, start: int, end: int) -> list[tuple[int, int, str]]:
    """Blocks of consecutive non-blank lines in [start, end]: (first, last, text)."""
    blocks: list[tuple[int, int, str]] = []
    first = None
    for n in range(start, end + 2):
        blank = n > end or not src.line(n).strip()
        if not blank and first is None:
            first = n
        elif blank and first is not None:
            blocks.append((first, n - 1, join_cell(src.span(first, n - 1))))
            first = None
    return blocks


def find_line(src: Source, pattern: str, start: int = 1) -> int:
    rx = re.compile(pattern)
    for n in range(start, len(src.lines) + 1):
        if rx.search(src.line(n)):
            return n
    raise ValueError(f"{src.path}: no line matches {pattern!r} after line {start}")


def parse_date(year: str, day: str, month: str) -> str:
    return f"{int(year):04d}-{MONTHS[month]:02d}-{int(day):02d}"


def place_of(name: str) -> tuple[str, str]:
    """(place_id, spelling as printed) of the first district/city named
    explicitly with ауданы/қаласы; ('', '') when there is none."""
    m = PLACE_MENTION.search(name)
    if not m:
        return "", ""
    return resolve_place(m[1]), f"{m[1]} {m[2]}"


# --------------------------------------------------------------------------- annexes
ANNEX_HEADER = re.compile(
    r"^(?P<issuer>.+?) әкімдігінің (?P<date>(?P<year>\d{4}) жылғы .*?) ?№ ?"
    r"(?P<no>\S+?) ?қаулысына (?P<label>(?:(?P<n>\d+)[ -])?қосымша)$"
)
AMENDMENT = re.compile(r"(?P<d>\d{2})\.(?P<m>\d{2})\.(?P<y>\d{4}).*№ (?P<no>\d+)")


def extract_annexes(src: Source, rid: str) -> list[dict]:
    rows = []
    for n in range(1, len(src.lines) + 1):
        if not re.search(r"қосымша\s*$", src.line(n)):
            continue
        # The header block starts at the issuer's name a few lines up.
        start = next(
            k for k in range(n, n - 7, -1)
            if re.match(r"^\s*(Батыс Қазақстан облысы|Бәйтерек ауданы әкімдігінің)\s*$",
                        src.line(k))
        )
        header = join_cell(src.span(start, n))
        m = ANNEX_HEADER.match(header)
        if not m:
            raise ValueError(f"{src.path}:{n}: annex header not understood: {header}")
        blocks = paragraphs(src, n + 1, min(n + 30, len(src.lines)))
        t_first, t_last, title = blocks[0]
        last = t_last
        note, amended_by = "", ""
        if blocks[1][2].startswith("Ескерту."):
            # The note ends with "енгізіледі)."; a table heading may follow unspaced.
            last = find_line(src, r"енгізіледі\)\.\s*$", blocks[1][0])
            note = join_cell(src.span(blocks[1][0], last))
            a = AMENDMENT.search(note)
            if not a:
                raise ValueError(f"{src.path}:{blocks[1][0]}: amendment note not understood")
            amended_by = f"No. {a['no']} of {a['y']}-{a['m']}-{a['d']}"
        rows.append({
            "resolution_id": rid,
            "annex": int(m["n"] or 1),
            "label_as_printed": m["label"],
            "header_kk": header,
            "dated_as_printed": m["date"],
            "year_as_printed": int(m["year"]),
            "number_as_printed": m["no"],
            "title_kk": title,
            "amended_by": amended_by,
            "note_kk": note,
            "source_lines": lines_ref(start, last),
        })
    return rows


# ------------------------------------------------------------------------ resolutions
HEADING = re.compile(
    r"^(?P<issuer>.+?) әкімдігінің (?P<date>(?P<y>\d{4}) жылғы (?P<d>\d{1,2}) (?P<m>\S+)) "
    r"№ ?(?P<no>\d+) қаулысы$"
)
SIGNATURE = re.compile(r"^\s*(?P<pos>(?:Облыс|Аудан) әкімі) (?P<name>\S.*\S)\s*$")


def distinct(values: list[str]) -> str:
    return "; ".join(dict.fromkeys(values))


def extract_resolution(src: Source, annexes: list[dict]) -> dict:
    rid = RESOLUTION_IDS[src.seed]
    # Title: the first paragraph; heading: the paragraph after it, up to "қаулысы".
    t_first, t_last, title = paragraphs(src, 1, 12)[0]
    h_first = t_last + 2
    h_last = find_line(src, r"қаулысы\s*$", h_first)
    heading = join_cell(src.span(h_first, h_last))
    m = HEADING.match(heading)
    if not m:
        raise ValueError(f"{src.path}:{h_first}: heading not understood: {heading}")
    sig_line = find_line(src, SIGNATURE.pattern, h_last)
    sig = SIGNATURE.match(src.line(sig_line))
    assert sig is not None  # find_line matched the same pattern
    # Preamble: from the line after the heading up to "ҚАУЛЫ ЕТЕДІ:" (excluded).
    p_last = find_line(src, r"ҚАУЛЫ ЕТЕДІ:", h_last)
    preamble = join_cell(src.span(h_last + 1, p_last))
    preamble = re.sub(r"\s*ҚАУЛЫ ЕТЕДІ:.*$", "", preamble)
    legal_basis = LEGAL_BASIS[src.seed]
    amendments = sorted({a["amended_by"] for a in annexes if a["amended_by"]})
    return {
        "resolution_id": rid,
        "issuer_kk": f"{m['issuer']} әкімдігі",
        # The issuer is the last place named: "Батыс Қазақстан облысы Бәйтерек ауданы".
        "place_id": resolve_place(re.sub(r"^Батыс Қазақстан облысы (?=\S)", "", m["issuer"])),
        "adopted_on": parse_date(m["y"], m["d"], m["m"]),
        "dated_as_printed": m["date"],
        "number": m["no"],
        "title_kk": title,
        "topic": TOPIC[src.seed],
        "signed_by": sig["name"],
        "signer_position_kk": sig["pos"],
        "amended_by": "; ".join(amendments),
        "language": "kk",  # the seeds are the Kazakh texts
        "preamble_kk": preamble,
        "legal_basis_kk": legal_basis,
        "annex_count": len(annexes),
        "annex_dated_as_printed": distinct([a["dated_as_printed"] for a in annexes]),
        "annex_number_as_printed": distinct([a["number_as_printed"] for a in annexes]),
        "source_path": src.path,
        "source_lines": lines_ref(t_first, sig_line),
    }


# ------------------------------------------------------------------------ institutions
ITEM = re.compile(r"^\s+(\d+)\) (.*)$")


def extract_institutions(src: Source, rid: str) -> list[dict]:
    start = find_line(src, r"ведомстволық қарамағындағы мемлекеттік")
    items: list[tuple[int, int, int, list[str]]] = []  # (no, first, last, lines)
    n = start + 2
    while True:
        line = src.line(n)
        m = ITEM.match(line)
        if m:
            items.append((int(m[1]), n, n, [m[2]]))
        elif line.strip():
            no, first, _, parts = items[-1]
            items[-1] = (no, first, n, parts + [line])
        if items and join_cell(items[-1][3]).endswith("."):
            break
        n += 1
    rows = []
    for no, first, last, parts in items:
        name = join_cell(parts)[:-1]  # drop the list's ";" or final "."
        form = next(f for f in LEGAL_FORMS if name.endswith(f))
        place_id, place_printed = place_of(name)
        rows.append({
            "resolution_id": rid,
            "row_no": no,
            "name_kk": name,
            "legal_form_kk": form,
            "place_id": place_id,
            "place_as_printed": place_printed,
            "source_lines": lines_ref(first, last),
        })
    return rows


# ---------------------------------------------------------------------------- staffing
POSITION = re.compile(r"^(?:(?P<no>\d+)\. )?(?P<pos>\D+?) (?P<units>\d+)$")


def unit_name(title: str) -> str:
    """The institution named by an annex title '... мекемесінің құрылымы мен штат саны'."""
    return re.sub(r"мекемесінің құрылымы мен штат саны$", "мекемесі", title)


def extract_staffing(src: Source, rid: str, annexes: list[dict]) -> list[dict]:
    rows = []
    for annex in annexes:
        if not annex["title_kk"].endswith("құрылымы мен штат саны"):
            continue
        a_first = int(annex["source_lines"].split("-")[1]) + 1
        a_last = find_line(src, r"^Барлығы \d+\s*$", a_first)
        # The annex's own institution (heads the rows before any other heading).
        t_first = next(k for k in range(a_first, 0, -1)
                       if src.line(k).startswith('"') and "құрылымы" in join_cell(
                           src.span(k, k + 1)))
        t_last = t_first + 1
        institution = (t_first, t_last, unit_name(join_cell(src.span(t_first, t_last))))
        unit = institution
        seq = 0
        for first, last, text in paragraphs(src, a_first, a_last):
            if text.startswith("Барлығы "):
                rows.append({
                    "resolution_id": rid, "annex": annex["annex"], "row_no": seq + 1,
                    "row_kind": "total", "unit_kk": "", "parent_unit_kk": "",
                    "position_kk": "Барлығы", "staff_units": int(text.split()[1]),
                    "place_id": "", "source_lines": lines_ref(first, last),
                })
                break
            m = POSITION.match(text)
            if first == last and m:
                seq = int(m["no"]) if m["no"] else seq + 1
                parent = institution if unit is not institution else None
                top = parent or unit
                rows.append({
                    "resolution_id": rid, "annex": annex["annex"], "row_no": seq,
                    "row_kind": "position", "unit_kk": unit[2],
                    "parent_unit_kk": parent[2] if parent else "",
                    "position_kk": m["pos"], "staff_units": int(m["units"]),
                    "place_id": place_of(unit[2])[0],
                    "source_lines": lines_ref(top[0], first),
                })
            elif "мемлекеттік мекемесі" in text:
                institution = unit = (first, last, text)
            elif "штат бірліктерінің" in text.lower() or text.startswith(
                    ("Құрылымдық бөлімшелердің", "№ Лауазымы")):
                continue  # column headings
            else:
                unit = (first, last, text)
    return rows


# ------------------------------------------------------------------------------ output
COLUMNS = {
    "resolutions": [
        "resolution_id", "issuer_kk", "place_id", "adopted_on", "dated_as_printed",
        "number", "title_kk", "topic", "signed_by", "signer_position_kk", "amended_by",
        "language", "registration_number", "registered_on", "repealed_by", "repealed_on",
        "preamble_kk", "legal_basis_kk", "annex_count", "annex_dated_as_printed",
        "annex_number_as_printed", "source_path", "source_lines", "official_url",
    ],
    "annexes": [
        "resolution_id", "annex", "label_as_printed", "header_kk", "dated_as_printed",
        "year_as_printed", "number_as_printed", "title_kk", "amended_by", "note_kk",
        "source_lines",
    ],
    "staffing": [
        "resolution_id", "annex", "row_no", "row_kind", "unit_kk", "parent_unit_kk",
        "position_kk", "staff_units", "place_id", "source_lines",
    ],
    "institutions": [
        "resolution_id", "row_no", "name_kk", "legal_form_kk", "place_id",
        "place_as_printed", "source_lines",
    ],
}


def write_csv(out_dir: Path, name: str, rows: list[dict]) -> None:
    path = out_dir / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS[name], lineterminator="\n",
                           quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=PKG / "data",
                        help="folder to write the CSV files to (default: the package's data/)")
    args = parser.parse_args(argv)
    tables: dict[str, list[dict]] = {k: [] for k in COLUMNS}
    for seed in ("000", "001", "002"):
        src = read_source(seed)
        rid = RESOLUTION_IDS[seed]
        annexes = extract_annexes(src, rid)
        tables["resolutions"].append(extract_resolution(src, annexes))
        tables["annexes"].extend(annexes)
        if seed == "002":
            tables["institutions"] = extract_institutions(src, rid)
            tables["staffing"] = extract_staffing(src, rid, annexes)
    for name, rows in tables.items():
        write_csv(args.out, name, rows)
        print(f"{name}: {len(rows)} rows")


if __name__ == "__main__":
    main()
