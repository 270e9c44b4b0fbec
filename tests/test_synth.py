"""The synthetic national corpus (scripts/synth.py) at a small N: deterministic, valid,
complete, and it builds."""

from __future__ import annotations

import csv
import filecmp
import json
from pathlib import Path

import pytest
from conftest import SYNTH_ROWS, load_synth

from ashyq.paths import DATASETS
from ashyq.problems import has_errors
from ashyq.validate import validate_datasets

ROWS = SYNTH_ROWS


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def same_tree(a: Path, b: Path) -> list[str]:
    """Paths that differ between two folders (missing on either side or different bytes)."""
    fa = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    fb = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert fa == fb
    _, mismatch, errors = filecmp.cmpfiles(a, b, fa, shallow=False)
    return mismatch + errors


def test_same_seed_gives_byte_identical_files(synth_corpus: Path, tmp_path: Path) -> None:
    load_synth().generate(ROWS, tmp_path / "again", seed=7)
    assert same_tree(synth_corpus, tmp_path / "again") == []


def test_another_seed_gives_other_rows(synth_corpus: Path, tmp_path: Path) -> None:
    load_synth().generate(ROWS, tmp_path / "other", seed=8)
    quotas = "quotas/data/quotas.csv"
    assert (synth_corpus / quotas).read_bytes() != (tmp_path / "other" / quotas).read_bytes()


def test_validates_without_errors(synth_corpus: Path) -> None:
    problems = validate_datasets(synth_corpus)
    assert not has_errors(problems), [p.format() for p in problems if p.severity == "error"][:10]


def test_rows_and_coverage(synth_corpus: Path) -> None:
    quotas = read(synth_corpus / "quotas/data/quotas.csv")
    places = {r["place_id"]: r for r in read(synth_corpus / "places/data/places.csv")}
    resolutions = read(synth_corpus / "resolutions/data/resolutions.csv")
    assert len(quotas) == ROWS
    assert sorted({int(r["year"]) for r in quotas}) == list(range(2017, 2027))
    assert sorted({r["category"] for r in quotas}) == sorted(
        ["disability", "youth_without_parental_care", "released_from_prison", "probation"])

    def top(pid: str) -> str:
        while places[pid]["parent_id"]:
            pid = places[pid]["parent_id"]
        return pid

    tops_with_districts = {top(p) for p, r in places.items() if r["kind"] in ("district", "city") and r["parent_id"]}
    assert {top(r["place_id"]) for r in quotas} == tops_with_districts
    # one resolution per akimat, year and category group, whatever N is
    akimats = [p for p, r in places.items() if r["kind"] in ("district", "city") and r["parent_id"]]
    assert len(resolutions) == len(akimats) * 10 * 2
    assert {r["place_id"] for r in resolutions} == set(akimats)


def test_every_package_is_marked_synthetic_and_schemas_are_the_real_ones(synth_corpus: Path) -> None:
    for root in sorted(synth_corpus.iterdir()):
        synthetic = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
        real = json.loads((DATASETS / root.name / "datapackage.json").read_text(encoding="utf-8"))
        assert synthetic["title"].startswith("СИНТЕТИКАЛЫҚ ДЕРЕКТЕР: ")
        assert synthetic["description"].startswith("SYNTHETIC DATA")
        assert "SYNTHETIC" in (root / "README.md").read_text(encoding="utf-8")
        assert [r["schema"] for r in synthetic["resources"]] == [r["schema"] for r in real["resources"]]


def test_source_lines_print_their_row(synth_corpus: Path) -> None:
    resolutions = {r["resolution_id"]: r for r in read(synth_corpus / "resolutions/data/resolutions.csv")}
    texts: dict[str, list[str]] = {}
    for row in read(synth_corpus / "quotas/data/quotas.csv")[::97]:
        path = resolutions[row["resolution_id"]]["source_path"].removeprefix("datasets/")
        lines = texts.setdefault(path, (synth_corpus / path).read_text(encoding="utf-8").split("\n"))
        assert lines[int(row["source_lines"]) - 1] == (
            f"{row['row_no']} | {row['organization_kk']} | {row['headcount']} | "
            f"{row['quota_percent']} | {row['jobs']}")
        assert lines[int(row["place_heading_line"]) - 1] == row["place_name_as_printed"]


def test_refuses_to_write_into_datasets() -> None:
    with pytest.raises(SystemExit):
        load_synth().generate(10, DATASETS / "synthetic")


def test_builds(synth_site: Path) -> None:
    assert (synth_site / "index.html").is_file()
    manifest = json.loads((synth_site / "quotas/rows/manifest.json").read_text(encoding="utf-8"))
    assert manifest["total"] == sum(s["rows"] for s in manifest["shards"]) == ROWS
    assert len(manifest["shards"]) == 20  # one per region with districts
