"""Extract the 2017 rating of employment centres (seed 004) into datasets/ratings/data/.

Reads datasets/ratings/sources/004_4b093d6ae716832a.txt (text of a slide-deck PDF) and writes
rating_reports.csv, ratings.csv and rating_indicators.csv. Deterministic: the same source gives
the same bytes. Place ids are resolved against datasets/places/data/places.csv by name AND
region; a row whose place does not resolve keeps an empty place_id (the tests list those rows).

Run: .venv/bin/python scripts/extract_ratings.py [--out DIR]
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ashyq.text import join_lines  # noqa: E402

PKG = ROOT / "datasets" / "ratings"
SOURCE_NAME = "004_4b093d6ae716832a.txt"
SOURCE = PKG / "sources" / SOURCE_NAME
SOURCE_PATH = f"datasets/ratings/sources/{SOURCE_NAME}"
PLACES = ROOT / "datasets" / "places" / "data" / "places.csv"
RATING_ID = "employment-centres-2017"

# The region column of both tables, exactly as printed (three are Russian-form adjectives:
# "Жамбылская", "Атырауская", "Алматинская"). A printed form outside this set stops the script,
# so a new document cannot slip an unknown region through.
REGIONS_AS_PRINTED = {
    "Ақмола",
    "Ақтөбе",
    "Алматы",
    "Алматинская",
    "Атырау",
    "Атырауская",
    "Батыс Қазақстан",
    "Жамбыл",
    "Жамбылская",
    "Қарағанды",
    "Қостанай",
    "Қызылорда",
    "Маңғыстау",
    "Оңтүстік Қазақстан",
    "Павлодар",
    "Солтүстік Қазақстан",
    "Шығыс Қазақстан",
}

# A table row: "12 Семей қ. 3,98" / "46 Т. Рысқұлов 3,91" (rank, name, index on one line).
ROW = re.compile(r"^(\d{1,3}) (\S.*?) (\d,\d\d)$")
# A direction heading of the indicator slides: "1.   Азаматтармен өзара әрекеттестік".
DIRECTION = re.compile(r"^([1-3])\.\s+(\S.*)$")
# A direction's weight: "рейтингтің жиынтық индексіндегі салмағы -  23,8%".
WEIGHT = re.compile(r"салмағы\s*-\s*(\d+,\d)%")
# A word broken at a line end with a hyphen ("жұмыс-" / "сыздардың"): typesetting, not content.
HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-$")
# A space the PDF put inside one word; mended only where listed (document-specific).
MENDED_WORDS = {"орна ластыру": "орналастыру"}

CITY_HEADING = "облыстық маңызы бар қала"  # line 233: the table of 39 city centres
DISTRICT_HEADING = "аудандардың жұмыспен қамту орталықтарының рейтингі"  # lines 389, 570, ...


def read_source() -> list[str]:
    """Source lines without their line ends; index 0 is line 1."""
    return SOURCE.read_text(encoding="utf-8").split("\n")


def line_span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def join_block(lines: list[str]) -> str:
    """Join a paragraph split over lines, re-gluing words hyphenated at a line end."""
    parts: list[str] = []
    glue = False
    for raw in lines:
        text = join_lines(raw)
        if not text:
            continue
        if glue and parts:
            parts[-1] = parts[-1] + text
        else:
            parts.append(text)
        glue = bool(HYPHEN_BREAK.search(text))
        if glue:
            parts[-1] = parts[-1][:-1]
    text = " ".join(parts)
    for broken, whole in MENDED_WORDS.items():
        text = text.replace(broken, whole)
    return text


def iter_paragraphs(lines: list[str], first: int, last: int) -> Iterator[tuple[int, int, list[str]]]:
    """Blank-line separated paragraphs in lines first..last (1-based): (start, end, raw lines)."""
    block: list[int] = []
    for no in range(first, last + 1):
        if lines[no - 1].strip():
            block.append(no)
        elif block:
            yield block[0], block[-1], [lines[n - 1] for n in block]
            block = []
    if block:
        yield block[0], block[-1], [lines[n - 1] for n in block]


# ---------------------------------------------------------------------------------------------
# rating_reports


def extract_report(lines: list[str]) -> dict[str, str]:
    # Cover slide: the title is line 2 and line 20 (the slide's body text sits between them).
    assert lines[1].startswith("2017 ЖЫЛҒЫ") and lines[19].strip() == "РЕЙТИНГІ"
    title = join_lines([lines[1], lines[19]])
    # Closing slide (lines 1101-1104): place and date, the ministry, the publisher.
    last = max(i for i, line in enumerate(lines, 1) if "АҚ" in line)
    assert last == 1104, last
    imprint = lines[1100]
    m = re.match(r"^\s*(Астана қ\.), (2018 жылғы шілде) (Қазақстан Республикасының .*)$", imprint)
    assert m, imprint
    ministry = join_lines([m.group(3), lines[1101]])
    publisher = join_lines(lines[1103])
    return {
        "rating_id": RATING_ID,
        "year": "2017",
        "title_kk": title,
        "publisher_kk": publisher,
        "commissioned_by_kk": ministry,
        "published": "2018-07",
        "published_as_printed": m.group(2),
        "published_place_kk": m.group(1),
        "source_path": SOURCE_PATH,
        "source_lines": line_span(2, last),
    }


# ---------------------------------------------------------------------------------------------
# ratings


def extract_ratings(lines: list[str]) -> list[dict[str, str]]:
    """Both tables: a row line "rank name index", then (usually) a line with the region."""
    city_start = next(i for i, line in enumerate(lines, 1) if CITY_HEADING in line)
    district_start = next(i for i, line in enumerate(lines, 1) if DISTRICT_HEADING in line)
    assert city_start < district_start
    rows: list[dict[str, str]] = []
    for no in range(city_start, len(lines) + 1):
        m = ROW.match(lines[no - 1].strip())
        if not m:
            continue
        kind = "city" if no < district_start else "district"
        # The region is the next non-blank line when it holds no digit (a row, a chart axis
        # "0 1 2 3 …", a heading "2017 жылғы …" and the closing "2018 жылғы" all do).
        region, end = "", no
        nxt = next((n for n in range(no + 1, len(lines) + 1) if lines[n - 1].strip()), None)
        if nxt is not None and not re.search(r"\d", lines[nxt - 1]):
            region, end = join_lines(lines[nxt - 1]), nxt
            if region not in REGIONS_AS_PRINTED:
                raise SystemExit(f"{SOURCE_PATH}:{nxt}: unknown region as printed: {region!r}")
        rows.append(
            {
                "rating_id": RATING_ID,
                "kind": kind,
                "rank": m.group(1),
                "name_as_printed": join_lines(m.group(2)),
                "region_as_printed": region,
                "place_id": "",
                "index": m.group(3).replace(",", "."),
                "source_lines": line_span(no, end),
            }
        )
    for kind, count in (("city", 39), ("district", 160)):
        ranks = [int(r["rank"]) for r in rows if r["kind"] == kind]
        assert ranks == list(range(1, count + 1)), (kind, ranks)
    return rows


# ---------------------------------------------------------------------------------------------
# rating_indicators


def extract_indicators(lines: list[str]) -> list[dict[str, str]]:
    """Three direction slides, each a heading then a run of indented paragraphs (one indicator
    each: the PDF dropped the bullet glyph and left its space). The run ends at the first
    paragraph that is not indented; a non-indented paragraph before the run ("HP Inc.", the
    PDF producer's name, on line 24) is slide debris and skipped."""
    headings: list[tuple[int, re.Match[str]]] = []
    weights: list[tuple[int, str]] = []
    for no, line in enumerate(lines, 1):
        if head := DIRECTION.match(line.strip()):
            headings.append((no, head))
        if weight_match := WEIGHT.search(line):
            weights.append((no, weight_match.group(1)))
    assert [int(head.group(1)) for _, head in headings] == [1, 2, 3], headings
    # The weights are printed in the order of the three direction descriptions (lines 200-209:
    # residents, employers, job placement), which is the order of the direction slides.
    assert len(weights) == 3, weights
    rows: list[dict[str, str]] = []
    indicator_no = 0
    for (head_no, m), (weight_no, weight) in zip(headings, weights, strict=True):
        direction_kk = join_block([m.group(2)])
        started = False
        for _first, last, raw in iter_paragraphs(lines, head_no + 1, len(lines)):
            indented = raw[0].startswith(" ")
            if not indented:
                if started:
                    break
                continue
            started = True
            indicator_no += 1
            rows.append(
                {
                    "rating_id": RATING_ID,
                    "direction_no": m.group(1),
                    "direction_kk": direction_kk,
                    "weight_percent": weight.replace(",", "."),
                    "indicator_no": str(indicator_no),
                    "indicator_kk": join_block(raw),
                    "source_lines": line_span(head_no, max(last, weight_no)),
                }
            )
    return rows


# ---------------------------------------------------------------------------------------------
# places


def norm(name: str) -> str:
    """Compare place names: case, spaces, dots, hyphens and the city/district words ignored."""
    name = name.casefold()
    name = re.sub(r"\b(ауданы|қаласы|облысы|область|обл|қ\.ә|г\.а|қ|г)\b\.?", " ", name)
    return re.sub(r"[\s.\-–]", "", name)


def load_places() -> list[dict[str, str]]:
    if not PLACES.exists():
        return []
    with PLACES.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def place_names(place: dict[str, str]) -> set[str]:
    names = [place.get("name_kk", ""), place.get("name_ru", "")]
    names += (place.get("aliases") or "").split(";")
    return {norm(n) for n in names if n.strip()}


def region_ids(printed: str, places: list[dict[str, str]]) -> set[str]:
    """Region place_ids a printed region form may mean ("Жамбылская" → zhambyl-region)."""
    key = norm(printed)
    key = re.sub(r"ская$", "", key)  # Russian adjective → stem: "жамбыл", "атырау"
    out = set()
    for p in places:
        if p.get("kind") != "region":
            continue
        names = place_names(p)
        if key in names or any(re.sub(r"ская$", "", n) == key for n in names):
            out.add(p["place_id"])
    return out


def resolve_places(rows: list[dict[str, str]], places: list[dict[str, str]]) -> None:
    for row in rows:
        name = norm(row["name_as_printed"])
        candidates = [p for p in places if p.get("kind") != "region" and name in place_names(p)]
        if row["region_as_printed"]:
            regions = region_ids(row["region_as_printed"], places)
            candidates = [
                p
                for p in candidates
                if p.get("parent_id") in regions or (p.get("former_parent_id") or "") in regions
            ]
        else:
            # "Алматы қ.", "Астана қ.": cities of republican significance, no region printed.
            candidates = [p for p in candidates if not p.get("parent_id")]
        kinds = {"city"} if row["kind"] == "city" else {"district"}
        typed = [p for p in candidates if p.get("kind") in kinds]
        candidates = typed or candidates
        ids = sorted({p["place_id"] for p in candidates})
        if len(ids) == 1:
            row["place_id"] = ids[0]


# ---------------------------------------------------------------------------------------------


def write_csv(out_dir: Path, name: str, rows: list[dict[str, str]]) -> None:
    path = out_dir / f"{name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> None:
    # --out DIR writes the CSVs elsewhere (the tests compare a fresh run with the committed files).
    out_dir = Path(argv[argv.index("--out") + 1]) if "--out" in argv else PKG / "data"
    lines = read_source()
    report = extract_report(lines)
    ratings = extract_ratings(lines)
    resolve_places(ratings, load_places())
    indicators = extract_indicators(lines)
    assert len(indicators) == 15, len(indicators)
    write_csv(out_dir, "rating_reports", [report])
    write_csv(out_dir, "ratings", ratings)
    write_csv(out_dir, "rating_indicators", indicators)
    unresolved = [r for r in ratings if not r["place_id"]]
    print(f"ratings: {len(ratings)} rows, {len(unresolved)} without place_id; indicators: {len(indicators)}")


if __name__ == "__main__":
    main(sys.argv[1:])
