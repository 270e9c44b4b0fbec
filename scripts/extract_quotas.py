"""Extract the job-quota tables of seeds 000 and 001 into datasets/quotas/data/.

Reads the unchanged source texts in datasets/quotas/sources/ through the importer
(`ashyq import`, package ashyq/importer/: no rule here is specific to one seed) and writes
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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ashyq.importer import ImportResult, import_act  # noqa: E402
from ashyq.importer.writing import QUOTA_FIELDS, RULE_FIELDS, quota_rows, rule_rows  # noqa: E402
from ashyq.places import Gazetteer  # noqa: E402

PKG = ROOT / "datasets" / "quotas"
SOURCES = PKG / "sources"
DATA = PKG / "data"
PLACES = ROOT / "datasets" / "places" / "data" / "places.csv"

# The quota acts among the seeds, in the order their rows stand in the CSVs, with the number
# of organisation rows each must give (a check that the importer read the whole table).
SEEDS = [("000_eeaaafaba07ad180.txt", 52), ("001_df27ee51c94b55b4.txt", 4)]


def import_seed(name: str, expected_rows: int, gazetteer: Gazetteer) -> ImportResult:
    """One seed through `ashyq import`'s reader; stops on any error the importer reports."""
    result = import_act(SOURCES / name, gazetteer)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors or result.resolution_id is None:
        raise SystemExit("\n".join(p.format(f"datasets/quotas/sources/{name}") for p in errors)
                         or f"{name}: no resolution id")
    if len(result.rows) != expected_rows:
        raise SystemExit(f"{name}: expected {expected_rows} rows, got {len(result.rows)}")
    return result


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
    gazetteer = Gazetteer.from_csv(PLACES)
    quotas: list[dict[str, object]] = []
    rules: list[dict[str, object]] = []
    for name, expected in SEEDS:
        result = import_seed(name, expected, gazetteer)
        assert result.resolution_id is not None
        quotas += quota_rows(result, result.resolution_id)
        rules += rule_rows(result, result.resolution_id)
    write_csv(out / "quotas.csv", QUOTA_FIELDS, quotas)
    write_csv(out / "quota_rules.csv", RULE_FIELDS, rules)
    write_csv(out / "legal_bands.csv", BAND_FIELDS,
              [dict(zip(BAND_FIELDS, band, strict=True)) for band in BANDS])
    print(f"quotas.csv: {len(quotas)} rows; quota_rules.csv: {len(rules)} rows; "
          f"legal_bands.csv: {len(BANDS)} rows")


if __name__ == "__main__":
    main()
