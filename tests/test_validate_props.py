"""Property tests: no input, however broken, makes the validator raise or a rule crash."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ashyq import rules
from ashyq.paths import ROOT
from ashyq.problems import CODES, Problem
from ashyq.validate import validate_datasets

VALID = ROOT / "tests" / "data" / "valid"
QUOTAS_CSV = VALID / "quotas" / "data" / "quotas.csv"
SLOW = settings(max_examples=20, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def fresh_copy(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(VALID, root)
    return root


def assert_sound(problems: list[Problem]) -> None:
    assert problems == sorted(problems)
    for p in problems:
        assert p.code in CODES
        assert p.code != "rule-error", p.format()  # a rule crashed instead of reporting
        assert p.format()


@SLOW
@given(data=st.binary(max_size=2000))
def test_arbitrary_bytes_as_a_csv_never_crash(tmp_path_factory, data):
    root = fresh_copy(tmp_path_factory.mktemp("bytes"), "datasets")
    (root / "quotas/data/quotas.csv").write_bytes(data)
    assert_sound(validate_datasets(root))


@SLOW
@given(data=st.binary(max_size=500))
def test_arbitrary_bytes_as_a_descriptor_never_crash(tmp_path_factory, data):
    root = fresh_copy(tmp_path_factory.mktemp("descriptor"), "datasets")
    (root / "quotas/datapackage.json").write_bytes(data)
    problems = validate_datasets(root)
    assert_sound(problems)
    assert any(p.path.endswith("quotas/datapackage.json") for p in problems)


def original_rows() -> list[list[str]]:
    return list(csv.reader(io.StringIO(QUOTAS_CSV.read_text(encoding="utf-8"))))


ROWS = original_rows()


@SLOW
@given(row=st.integers(1, len(ROWS) - 1), col=st.integers(0, len(ROWS[0]) - 1), value=st.text(max_size=40))
def test_arbitrary_text_in_any_cell_never_crashes(tmp_path_factory, row, col, value):
    root = fresh_copy(tmp_path_factory.mktemp("cell"), "datasets")
    rows = [list(r) for r in ROWS]
    rows[row][col] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (root / "quotas/data/quotas.csv").write_text(out.getvalue(), encoding="utf-8")
    assert_sound(validate_datasets(root))


# The rules alone are fast: many more examples, straight on a parsed table.
TYPES = {"resolution_id": "string", "year": "integer", "category": "string", "place_id": "string",
         "row_no": "integer", "organization_kk": "string", "headcount": "integer",
         "quota_percent": "number", "jobs": "integer", "source_lines": "string",
         "place_name_as_printed": "string", "place_heading_line": "integer"}


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=14), min_size=0, max_size=6))
def test_every_table_rule_takes_any_cells(cells):
    rows = [ROWS[0], *cells]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    table = rules.read_table(out.getvalue().encode("utf-8"), "quotas", "quotas", "q.csv", TYPES)
    assert table is not None
    rules_table = rules.read_table(b"category,headcount_min,headcount_max,percent_min,percent_max\n"
                                   b"disability,50,100,2,2\n", "quotas", "legal_bands", "r.csv", {})
    assert rules_table is not None
    for check in (rules.check_cells, rules.check_quota_jobs, rules.check_totals):
        for p in check(table):
            assert p.code in CODES and p.row >= 2
    rules.check_quota_bands(table, rules_table)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=300))
def test_byte_checks_take_any_bytes(data):
    for p in rules.check_bytes(data, "x.csv", "p", "r"):
        assert p.row >= 1 and p.code in CODES
    rules.read_table(data, "p", "r", "x.csv", {})
