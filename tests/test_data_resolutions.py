"""The resolutions package: its CSVs against the source texts they were read from."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from ashyq.text import squash, undo_letter_spacing

REPO = Path(__file__).resolve().parents[1]
PKG = REPO / "datasets" / "resolutions"
SCRIPT = REPO / "scripts" / "extract_resolutions.py"
PLACES_CSV = REPO / "datasets" / "places" / "data" / "places.csv"
SEEDS = Path("/work/shared/seeds")
TABLES = ("resolutions", "annexes", "staffing", "institutions")

R246 = "west-kazakhstan-region-2025-246"
R593 = "baiterek-2022-593"
R299 = "west-kazakhstan-region-2025-299"

# Text columns whose values must be found in the row's source lines.
TEXT_COLUMNS = {
    "resolutions": ["issuer_kk", "dated_as_printed", "number", "title_kk", "signed_by",
                    "signer_position_kk", "preamble_kk"],
    "annexes": ["label_as_printed", "header_kk", "dated_as_printed", "number_as_printed",
                "title_kk", "note_kk"],
    "staffing": ["unit_kk", "parent_unit_kk", "position_kk", "staff_units"],
    "institutions": ["name_kk", "legal_form_kk", "place_as_printed"],
}


def read(name: str) -> list[dict[str, str]]:
    with (PKG / "data" / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def source_text(path: str) -> list[str]:
    return (REPO / path).read_text(encoding="utf-8").split("\n")


def span(lines: list[str], ref: str) -> str:
    a, _, b = ref.partition("-")
    return "\n".join(lines[int(a) - 1 : int(b or a)])


def norm(text: str) -> str:
    return squash(undo_letter_spacing(text))


@pytest.fixture(scope="module")
def tables() -> dict[str, list[dict[str, str]]]:
    return {name: read(name) for name in TABLES}


@pytest.fixture(scope="module")
def sources(tables) -> dict[str, list[str]]:
    """resolution_id → lines of its source file."""
    return {r["resolution_id"]: source_text(r["source_path"]) for r in tables["resolutions"]}


def test_row_counts(tables):
    assert {k: len(v) for k, v in tables.items()} == {
        "resolutions": 3, "annexes": 8, "staffing": 46, "institutions": 70,
    }


def test_resolutions_fields(tables):
    keys = ["resolution_id", "issuer_kk", "place_id", "adopted_on", "dated_as_printed", "number",
            "title_kk", "topic", "signed_by", "signer_position_kk", "amended_by", "annex_count",
            "annex_dated_as_printed", "annex_number_as_printed", "source_path", "source_lines"]
    got = [[r[k] for k in keys] for r in tables["resolutions"]]
    assert got == [
        [R246, "Батыс Қазақстан облысы әкімдігі", "west-kazakhstan-region", "2025-11-21",
         "2025 жылғы 21 қарашадағы", "246",
         "Батыс Қазақстан облысы бойынша 2026 жылға мүгедектігі бар адамдар үшін жұмыс "
         "орындарына квота белгілеу туралы",
         "quotas", "Н. Төреғалиев", "Облыс әкімі", "", "1", '2025 жылғы " _ " қарашадағы', "___",
         "datasets/quotas/sources/000_eeaaafaba07ad180.txt", "2-24"],
        [R593, "Батыс Қазақстан облысы Бәйтерек ауданы әкімдігі", "baiterek", "2022-11-30",
         "2022 жылғы 30 қарашадағы", "593",
         "Батыс Қазақстан облысы Бәйтерек ауданы бойынша 2023 жылға азаматтардың жекелеген "
         "санаттарын жұмысқа орналастыру үшін жұмыс орындарының квотасын белгілеу туралы",
         "quotas", "М.Токжанов", "Аудан әкімі", "", "3", "2023 жылғы 30 қарашадағы", "593",
         "datasets/quotas/sources/001_df27ee51c94b55b4.txt", "2-36"],
        [R299, "Батыс Қазақстан облысы әкімдігі", "west-kazakhstan-region", "2025-12-26",
         "2025 жылғы 26 желтоқсандағы", "299",
         '"Батыс Қазақстан облысының білім басқармасы" мемлекеттік мекемесін қайта құру туралы',
         "reorganisation", "Н. Төреғалиев", "Облыс әкімі", "No. 28 of 2026-02-18", "4",
         '2026 жылғы "___" __________; 2026 жылғы "___" _________', "_____",
         "datasets/resolutions/sources/002_a027c9cde0549b16.txt", "2-45"],
    ]


def test_legal_basis(tables):
    got = {r["resolution_id"]: r["legal_basis_kk"] for r in tables["resolutions"]}
    assert got[R299] == (
        "Қазақстан Республикасының Азаматтық кодексін, Қазақстан Республикасының 2001 жылғы "
        '23 қаңтардағы "Қазақстан Республикасындағы жергілікті мемлекеттік басқару және '
        'өзін-өзі басқару туралы", 2011 жылғы 1 наурыздағы "Мемлекеттік мүлік туралы" Заңдарын'
    )
    assert got[R246].startswith("Қазақстан Республикасының Әлеуметтік кодексіне, ")
    assert got[R246].endswith("№ 32737 тіркелген) бұйрығына")
    assert got[R593].startswith("Қазақстан Республикасының Қылмыстық–атқару кодексіне, ")
    assert got[R593].endswith("№13598 тіркелген)")


def words(text: str) -> Counter[str]:
    return Counter(text.replace(",", " ").split())


def test_legal_basis_words_come_from_the_preamble(tables, sources):
    """The legal basis only reorders the preamble's words (undoing moved hyperlinks)."""
    for r in tables["resolutions"]:
        missing = words(r["legal_basis_kk"]) - words(r["preamble_kk"])
        assert missing == Counter(), r["resolution_id"]


def test_annexes(tables):
    keys = ["resolution_id", "annex", "label_as_printed", "dated_as_printed", "year_as_printed",
            "number_as_printed", "amended_by", "source_lines"]
    got = [tuple(r[k] for k in keys) for r in tables["annexes"]]
    blank_2026 = '2026 жылғы "___" __________'
    blank_2026_short = '2026 жылғы "___" _________'
    amended = "No. 28 of 2026-02-18"
    assert got == [
        (R246, "1", "қосымша", '2025 жылғы " _ " қарашадағы', "2025", "___", "", "28-37"),
        (R593, "1", "1 қосымша", "2023 жылғы 30 қарашадағы", "2023", "593", "", "38-48"),
        (R593, "2", "2 қосымша", "2023 жылғы 30 қарашадағы", "2023", "593", "", "81-87"),
        (R593, "3", "3 қосымша", "2023 жылғы 30 қарашадағы", "2023", "593", "", "113-119"),
        (R299, "1", "1-қосымша", blank_2026, "2026", "_____", amended, "49-59"),
        (R299, "2", "2-қосымша", blank_2026_short, "2026", "_____", amended, "415-426"),
        (R299, "3", "3-қосымша", blank_2026, "2026", "_____", amended, "598-609"),
        (R299, "4", "4-қосымша", blank_2026_short, "2026", "_____", amended, "755-766"),
    ]


def test_known_date_contradictions(tables):
    """Kept as printed (README, known issues): annex headers of 593 and 299 print another year."""
    adopted = {r["resolution_id"]: r["adopted_on"][:4] for r in tables["resolutions"]}
    differ = sorted({(a["resolution_id"], adopted[a["resolution_id"]], a["year_as_printed"])
                     for a in tables["annexes"] if a["year_as_printed"] != adopted[a["resolution_id"]]})
    assert differ == [(R593, "2022", "2023"), (R299, "2025", "2026")]


def test_amended_by_matches_the_notes(tables):
    for a in tables["annexes"]:
        if not a["amended_by"]:
            assert a["note_kk"] == ""
            continue
        m = re.fullmatch(r"No\. (\d+) of (\d{4})-(\d{2})-(\d{2})", a["amended_by"])
        assert m, a["amended_by"]
        no, y, mo, d = m.groups()
        assert f"№ {no} " in a["note_kk"] and f"{d}.{mo}.{y}" in a["note_kk"]
    by_act = {r["resolution_id"]: r["amended_by"] for r in tables["resolutions"]}
    for rid, value in by_act.items():
        notes = sorted({a["amended_by"] for a in tables["annexes"]
                        if a["resolution_id"] == rid and a["amended_by"]})
        assert value == "; ".join(notes)


def test_adopted_on_matches_printed_date(tables):
    months = {"11": "қарашадағы", "12": "желтоқсандағы"}
    for r in tables["resolutions"]:
        y, m, d = r["adopted_on"].split("-")
        assert r["dated_as_printed"] == f"{y} жылғы {int(d)} {months[m]}"


def test_institutions(tables):
    rows = tables["institutions"]
    assert [int(r["row_no"]) for r in rows] == list(range(1, 71))
    assert {r["resolution_id"] for r in rows} == {R299}
    assert Counter(r["legal_form_kk"] for r in rows) == {
        "мемлекеттік мекемесі": 13,
        "мемлекеттік коммуналдық қазыналық кәсіпорны": 27,
        "коммуналдық мемлекеттік мекемесі": 30,
    }
    district_order = ["akzhaiyk", "borli", "bokeiordasy", "baiterek", "zhanakala", "zhanibek",
                      "karatobe", "kaztalovka", "syrym", "terekti", "taskala", "shyngyrlau", "oral"]
    cabinet_order = ["akzhaiyk", "baiterek", "bokeiordasy", "borli", "zhanakala", "zhanibek",
                     "kaztalovka", "karatobe", "syrym", "taskala", "terekti", "shyngyrlau", "oral"]
    placed = [(int(r["row_no"]), r["place_id"]) for r in rows if r["place_id"]]
    expected = list(zip(range(1, 14), district_order, strict=True))
    expected += list(zip(range(49, 62), cabinet_order, strict=True))
    assert placed == expected
    assert all(bool(r["place_id"]) == bool(r["place_as_printed"]) for r in rows)
    by_no = {int(r["row_no"]): r["name_kk"] for r in rows}
    assert by_no[1] == ('"Батыс Қазақстан облысы әкімдігі білім басқармасының Ақжайық ауданының '
                        'білім беру бөлімі" мемлекеттік мекемесі')
    # A line that began with the closing quote is joined to its word; misprints stay.
    assert by_no[68].endswith('балаларды қолдау орталығы" коммуналдық мемлекеттік мекемесі')
    assert "Облысытық білім беруді" in by_no[70]


def test_staffing_totals_equal_the_sum_of_positions(tables):
    rows = tables["staffing"]
    totals = {r["annex"]: int(r["staff_units"]) for r in rows if r["row_kind"] == "total"}
    sums = Counter()
    for r in rows:
        if r["row_kind"] == "position":
            sums[r["annex"]] += int(r["staff_units"])
    assert totals == {"3": 81, "4": 7}
    assert dict(sums) == totals


def test_staffing_rows(tables):
    rows = tables["staffing"]
    for annex, n in (("3", 41), ("4", 5)):
        mine = [r for r in rows if r["annex"] == annex]
        assert [int(r["row_no"]) for r in mine] == list(range(1, n + 1))
        assert [r["row_kind"] for r in mine] == ["position"] * (n - 1) + ["total"]
    annex4 = [(r["unit_kk"], r["parent_unit_kk"], r["position_kk"], r["staff_units"], r["source_lines"])
              for r in rows if r["annex"] == "4"]
    dept = '"Батыс Қазақстан облысының балалардың құқықтарын қорғау басқармасы" мемлекеттік мекемесі'
    section = "Балалардың құқықтарын бұзудың алдын алу, қорғаншылық және қамқоршылық бөлімі"
    assert annex4 == [
        (dept, "", "Басқарма басшысы", "1", "761-771"),
        (dept, "", "Бас маман", "1", "761-773"),
        (section, dept, "Бөлім басшысы", "1", "761-777"),
        (section, dept, "Бас маман", "4", "761-779"),
        ("", "", "Барлығы", "7", "781"),
    ]
    per_place = Counter()
    for r in rows:
        if r["place_id"]:
            per_place[r["place_id"]] += int(r["staff_units"])
    assert per_place == {"akzhaiyk": 4, "baiterek": 4, "bokeiordasy": 3, "borli": 4,
                         "zhanakala": 3, "zhanibek": 2, "kaztalovka": 4, "karatobe": 3,
                         "oral": 9, "syrym": 3, "taskala": 3, "terekti": 3, "shyngyrlau": 3}


def test_text_values_are_in_their_source_lines(tables, sources):
    for name, columns in TEXT_COLUMNS.items():
        for i, row in enumerate(tables[name], start=2):
            where = norm(span(sources[row["resolution_id"]], row["source_lines"]))
            for col in columns:
                assert norm(row[col]) in where, f"{name}.csv:{i}: {col}={row[col]!r}"


def test_source_lines_point_at_the_rows_text(tables, sources):
    """First and last line of each range are non-blank (no slack around the values)."""
    for name in TABLES:
        for row in tables[name]:
            lines = sources[row["resolution_id"]]
            a, _, b = row["source_lines"].partition("-")
            assert lines[int(a) - 1].strip() and lines[int(b or a) - 1].strip()
            assert int(b or a) >= int(a)


def test_source_copies_are_unchanged(tables):
    for r in tables["resolutions"]:
        copy = REPO / r["source_path"]
        assert copy.is_file()
        seed = SEEDS / copy.name
        if seed.is_file():
            assert copy.read_bytes() == seed.read_bytes()


def test_place_ids_resolve_in_places_package(tables):
    if not PLACES_CSV.is_file():
        pytest.skip("places package not built")
    with PLACES_CSV.open(encoding="utf-8", newline="") as f:
        places = {r["place_id"]: r for r in csv.DictReader(f)}
    for name in ("resolutions", "staffing", "institutions"):
        for r in tables[name]:
            if r["place_id"]:
                assert r["place_id"] in places, (name, r["place_id"])
    for r in tables["institutions"]:
        if r["place_id"]:
            place = places[r["place_id"]]
            bare = re.sub(r" (ауданының|қаласының)$", "", r["place_as_printed"])
            spellings = {re.sub(r" (ауданы|Қ\.Ә\.)$", "", place["name_kk"])}
            spellings |= set(place["aliases"].split(";"))
            assert bare in spellings, (r["row_no"], bare, r["place_id"])


def test_csv_conventions_and_header_order():
    descriptor = json.loads((PKG / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        raw = (PKG / res["path"]).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw and raw.endswith(b"\n")
        with (PKG / res["path"]).open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            assert header == [fld["name"] for fld in res["schema"]["fields"]]
            for row in reader:
                assert all(cell == cell.strip() and "  " not in cell for cell in row)


def test_frictionless_valid():
    from frictionless import Package, system

    with system.use_context(trusted=False):
        report = Package(str(PKG / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_rerun_reproduces_the_csvs(tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)], check=True,
                   capture_output=True)
    for name in TABLES:
        assert (tmp_path / f"{name}.csv").read_bytes() == (PKG / "data" / f"{name}.csv").read_bytes(), name
