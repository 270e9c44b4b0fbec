"""Checks of the ratings package (seed 004: the 2017 rating of employment centres)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ashyq.text import squash, undo_letter_spacing

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "datasets" / "ratings"
DATA = PKG / "data"
PLACES = ROOT / "datasets" / "places" / "data" / "places.csv"
TABLES = ("rating_reports", "ratings", "rating_indicators")
RATING_ID = "employment-centres-2017"

# Rows whose place does not resolve in datasets/places yet: (kind, rank, name, region).
# Empty means every rated centre has a place_id.
KNOWN_UNRESOLVED: list[tuple[str, int, str, str]] = []


def read(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def report() -> dict[str, str]:
    rows = read("rating_reports")
    assert len(rows) == 1
    return rows[0]


@pytest.fixture(scope="module")
def source(report) -> list[str]:
    return (ROOT / report["source_path"]).read_text(encoding="utf-8").split("\n")


def span(source_lines: str) -> tuple[int, int]:
    first, _, last = source_lines.partition("-")
    return int(first), int(last or first)


def source_text(source: list[str], source_lines: str) -> str:
    """The row's source lines, PDF artefacts undone, whitespace removed (line-end hyphens of
    words broken by the typesetter removed too: "жұмыс-" / "сыздардың")."""
    first, last = span(source_lines)
    text = "\n".join(undo_letter_spacing(line) for line in source[first - 1 : last])
    text = re.sub(r"(?<=[^\W\d_])-[ \t]*\n\s*(?=[^\W\d_])", "", text)
    return squash(text)


# --- files -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", TABLES)
def test_csv_conventions(name):
    raw = (DATA / f"{name}.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in raw
    assert raw.endswith(b"\n") and not raw.endswith(b"\n\n")
    raw.decode("utf-8")
    for row in read(name):
        for field, value in row.items():
            assert value == value.strip(), (name, field, value)
            assert "  " not in value, (name, field, value)


def test_source_copy_is_the_seed(report):
    seed = ROOT.parent / "shared" / "seeds" / Path(report["source_path"]).name
    if not seed.exists():
        pytest.skip("seed folder not available")
    assert (ROOT / report["source_path"]).read_bytes() == seed.read_bytes()


def test_rerun_is_byte_identical(tmp_path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "extract_ratings.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in TABLES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (DATA / f"{name}.csv").read_bytes(), name


def test_frictionless_validate():
    from frictionless import Package

    report = Package(str(PKG / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# --- rating_reports --------------------------------------------------------------------------


def test_report(report, source):
    assert report == {
        "rating_id": RATING_ID,
        "year": "2017",
        "title_kk": "2017 ЖЫЛҒЫ ХАЛЫҚТЫ ЖҰМЫСПЕН ҚАМТУ ОРТАЛЫҚТАРЫНЫҢ РЕЙТИНГІ",
        "publisher_kk": '"Еңбек ресурстарын дамыту орталығы" АҚ',
        "commissioned_by_kk": "Қазақстан Республикасының Еңбек және халықты әлеуметтік қорғау министрлігі",
        "published": "2018-07",
        "published_as_printed": "2018 жылғы шілде",
        "published_place_kk": "Астана қ.",
        "source_path": "datasets/ratings/sources/004_4b093d6ae716832a.txt",
        "source_lines": "2-1104",
    }
    # The title is printed over lines 2 and 20 of the cover slide; the imprint on 1101-1104.
    assert squash(report["title_kk"]) == squash(source[1] + source[19])
    imprint = squash("".join(source[1100:1104]))
    for field in ("publisher_kk", "commissioned_by_kk", "published_as_printed", "published_place_kk"):
        assert squash(report[field]) in imprint, field
    # The same date is printed on the slide of the directions (line 217).
    assert "Астана қ., 2018 жылғы шілде" in source[216]


# --- ratings ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ratings() -> list[dict[str, str]]:
    return read("ratings")


def test_counts_and_ranks(ratings):
    assert len(ratings) == 199
    assert {r["rating_id"] for r in ratings} == {RATING_ID}
    assert [r["kind"] for r in ratings] == ["city"] * 39 + ["district"] * 160
    # No tied ranks: the printed ranks run 1..39 and 1..160, so (rating_id, kind, rank) is a key.
    assert [int(r["rank"]) for r in ratings if r["kind"] == "city"] == list(range(1, 40))
    assert [int(r["rank"]) for r in ratings if r["kind"] == "district"] == list(range(1, 161))


def test_index_ordered_by_rank(ratings):
    for kind in ("city", "district"):
        values = [float(r["index"]) for r in ratings if r["kind"] == kind]
        assert values == sorted(values, reverse=True), kind
    assert (min(float(r["index"]) for r in ratings), max(float(r["index"]) for r in ratings)) == (2.43, 4.57)


def test_rows_read_from_their_lines(ratings, source):
    for r in ratings:
        first, last = span(r["source_lines"])
        # "rank name index" on the first line, the index with its printed decimal comma.
        printed = f"{r['rank']} {r['name_as_printed']} {r['index'].replace('.', ',')}"
        assert " ".join(source[first - 1].split()) == printed, r
        region = " ".join(source[last - 1].split()) if last > first else ""
        assert region == r["region_as_printed"], r
        assert all(not line.strip() for line in source[first : last - 1]), r
        text = source_text(source, r["source_lines"])
        for field in ("name_as_printed", "region_as_printed"):
            assert squash(r[field]) in text, (r, field)


def test_regions_as_printed(ratings):
    regions = {r["region_as_printed"] for r in ratings}
    assert regions == {
        "",
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
    # Russian-form region names, kept as printed.
    assert [
        (r["rank"], r["name_as_printed"], r["region_as_printed"])
        for r in ratings
        if r["region_as_printed"].endswith("ская")
    ] == [
        ("29", "Талас", "Жамбылская"),
        ("46", "Т. Рысқұлов", "Жамбылская"),
        ("99", "Жылыой", "Атырауская"),
        ("115", "Райымбек", "Алматинская"),
    ]
    # Only the two cities of republican significance have no region printed.
    assert [(r["kind"], r["rank"], r["name_as_printed"]) for r in ratings if not r["region_as_printed"]] == [
        ("city", "28", "Алматы қ."),
        ("city", "36", "Астана қ."),
    ]


def test_best_centres_slides_agree_with_tables(ratings, source):
    # Lines 120-138 and 178-198: the best city and district centres with their index.
    first_city = next(r for r in ratings if r["kind"] == "city" and r["rank"] == "1")
    first_district = next(r for r in ratings if r["kind"] == "district" and r["rank"] == "1")
    assert (source[121].strip(), source[137].strip()) == ("КАПШАГАЙ қ.", "4,57")
    assert (first_city["name_as_printed"], first_city["index"]) == ("Қапшағай қ.", "4.57")
    assert (source[179].strip(), source[197].strip()) == ("БАЯНАУЫЛ", "4,54")
    assert (first_district["name_as_printed"], first_district["index"]) == ("Баянауыл", "4.54")


def test_same_names_are_told_apart_by_region(ratings):
    def pairs(name):
        return [(r["kind"], r["region_as_printed"]) for r in ratings if r["name_as_printed"] == name]

    assert pairs("Жамбыл") == [
        ("district", "Солтүстік Қазақстан"),
        ("district", "Жамбыл"),
        ("district", "Алматы"),
    ]
    assert pairs("Абай") == [("district", "Қарағанды"), ("district", "Шығыс Қазақстан")]
    assert pairs("Есіл") == [("district", "Солтүстік Қазақстан"), ("district", "Ақмола")]
    assert pairs("Ақтоғай") == [("district", "Павлодар"), ("district", "Қарағанды")]


# --- places ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def places() -> dict[str, dict[str, str]]:
    with PLACES.open(encoding="utf-8", newline="") as fh:
        return {p["place_id"]: p for p in csv.DictReader(fh)}


# The region a printed form means, in 2017 borders (a place that has since moved to another
# region records its 2017 region in former_parent_id).
REGION_IDS = {
    "Ақмола": "akmola-region",
    "Ақтөбе": "aktobe-region",
    "Алматы": "almaty-region",
    "Алматинская": "almaty-region",
    "Атырау": "atyrau-region",
    "Атырауская": "atyrau-region",
    "Батыс Қазақстан": "west-kazakhstan-region",
    "Жамбыл": "zhambyl-region",
    "Жамбылская": "zhambyl-region",
    "Қарағанды": "karaganda-region",
    "Қостанай": "kostanay-region",
    "Қызылорда": "kyzylorda-region",
    "Маңғыстау": "mangystau-region",
    "Павлодар": "pavlodar-region",
    "Оңтүстік Қазақстан": "south-kazakhstan-region",
    "Солтүстік Қазақстан": "north-kazakhstan-region",
    "Шығыс Қазақстан": "east-kazakhstan-region",
}


def test_place_ids(ratings, places):
    unresolved = [
        (r["kind"], int(r["rank"]), r["name_as_printed"], r["region_as_printed"])
        for r in ratings
        if not r["place_id"]
    ]
    assert unresolved == KNOWN_UNRESOLVED
    ids = [r["place_id"] for r in ratings if r["place_id"]]
    assert sorted(set(ids) - set(places)) == []
    # Every rated centre is a different city or district.
    assert len(ids) == len(set(ids))
    wrong = []
    for r in ratings:
        if not r["place_id"]:
            continue
        place = places[r["place_id"]]
        if r["region_as_printed"]:
            ok = REGION_IDS[r["region_as_printed"]] in (place["parent_id"], place["former_parent_id"])
        else:
            ok = r["place_id"] in ("almaty", "astana")
        ok = ok and place["kind"] == ("city" if r["kind"] == "city" else "district")
        if not ok:
            wrong.append((r["kind"], r["rank"], r["name_as_printed"], r["region_as_printed"], r["place_id"]))
    assert wrong == []


def test_same_names_resolve_to_different_places(ratings, places):
    def ids(name):
        return [r["place_id"] for r in ratings if r["name_as_printed"] == name]

    assert ids("Жамбыл") == ["zhambyl-north-kazakhstan", "zhambyl-zhambyl", "zhambyl-almaty"]
    assert ids("Абай") == ["abai-karaganda", "abai-abai"]
    assert ids("Есіл") == ["esil-north-kazakhstan", "esil-akmola"]
    assert ids("Ақтоғай") == ["aktogai-pavlodar", "aktogai-karaganda"]
    # Old names resolve to today's place.
    assert ids("Зеленов") == ["baiterek"] and ids("Казталовка") == ["kaztalovka"]


# --- rating_indicators -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def indicators() -> list[dict[str, str]]:
    return read("rating_indicators")


def test_directions_and_indicators(indicators, source):
    # "үш бағыт және он бес көрсеткіш" (lines 91-92): 3 directions, 15 indicators.
    assert "үш" in source[90] and "он бес көрсеткіш" in source[91]
    assert [int(r["indicator_no"]) for r in indicators] == list(range(1, 16))
    assert {r["rating_id"] for r in indicators} == {RATING_ID}
    directions = sorted({(r["direction_no"], r["direction_kk"], r["weight_percent"]) for r in indicators})
    assert directions == [
        ("1", "Азаматтармен өзара әрекеттестік", "23.8"),
        ("2", "Жұмыс берушілермен өзара әрекеттестік", "24.5"),
        ("3", "Азаматтарды жұмысқа орналастыру", "51.7"),
    ]
    assert [r["direction_no"] for r in indicators] == ["1"] * 4 + ["2"] * 4 + ["3"] * 7
    assert round(sum(float(w) for _, _, w in directions), 6) == 100.0


def test_indicators_read_from_their_lines(indicators, source):
    for r in indicators:
        text = source_text(source, r["source_lines"])
        for field in ("direction_kk", "indicator_kk"):
            assert squash(r[field]) in text, (r["indicator_no"], field)
        assert r["weight_percent"].replace(".", ",") + "%" in text
        assert not re.search(r"[^\W\d_]- |-$", r["indicator_kk"]), r["indicator_kk"]
    assert [r["indicator_kk"] for r in indicators][11:13] == [
        "Жастарды (29 жасқа дейін) тұрақты жұмыс орындарына жұмысқа орналастыру",
        "Мүгедектерді тұрақты жұмыс орындарына жұмысқа орналастыру",
    ]
