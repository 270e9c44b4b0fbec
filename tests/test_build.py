"""The pipeline on the tiny fixture packages: pages, data files, refusal, atomic publish."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

from ashyq.build import BuildError, build_site
from ashyq.problems import Problem


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def read_csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_build_writes_home_quotas_and_data(valid_datasets, tmp_path):
    result = build_site(valid_datasets, tmp_path / "site")
    site = result.out
    assert result.pages == 2
    for page in ["index.html", "quotas/index.html", "quotas/rows.json", "404.html"]:
        assert (site / page).is_file(), page
    html = (site / "quotas/index.html").read_text(encoding="utf-8")
    assert 'lang="kk"' in html
    assert "assets/vendor/tabulator/tabulator.min.js" in html
    assert "assets/vendor/plotly/plotly-basic.min.js" in html
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "plotly-basic" not in home  # heavy libraries load only where a page needs them


def test_table_rows_hold_every_quota_row(valid_datasets, tmp_path):
    site = build_site(valid_datasets, tmp_path / "site").out
    payload = json.loads((site / "quotas/rows.json").read_text(encoding="utf-8"))
    source = read_csv_rows(valid_datasets / "quotas/data/quotas.csv")
    shown = [dict(zip(payload["columns"], row)) for row in payload["rows"]]
    assert [(r["row_no"], r["organization_kk"], r["headcount"], r["quota_percent"], r["jobs"])
            for r in shown] == [
        (int(r["row_no"]), r["organization_kk"], int(r["headcount"]), float(r["quota_percent"]),
         int(r["jobs"])) for r in source]
    assert {r["place_kk"] for r in shown} == {"Ақжайық ауданы", "Бөрлі ауданы", "Бәйтерек ауданы"}


def test_csv_downloads_are_byte_identical(valid_datasets, tmp_path):
    site = build_site(valid_datasets, tmp_path / "site").out
    for csv_path in valid_datasets.glob("*/data/*.csv"):
        served = site / "data" / csv_path.parent.parent.name / csv_path.name
        assert served.read_bytes() == csv_path.read_bytes(), served


def test_invalid_data_is_refused_and_the_published_site_kept(valid_datasets, tmp_path):
    out = tmp_path / "site"
    build_site(valid_datasets, out)
    before = tree_digest(out)
    quotas = valid_datasets / "quotas/data/quotas.csv"
    text = quotas.read_text(encoding="utf-8").replace(",93,", ",93 адам,", 1)
    quotas.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as info:
        build_site(valid_datasets, out)
    assert [(p.row, p.col, p.code) for p in info.value.problems] == [(2, 7, "type-error")]
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["datasets", "site"]  # no temporary left


def test_a_failing_render_leaves_the_published_site(valid_datasets, tmp_path, monkeypatch):
    out = tmp_path / "site"
    build_site(valid_datasets, out)
    before = tree_digest(out)

    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed half-way")

    monkeypatch.setattr("ashyq.build.run_mkdocs", broken)
    with pytest.raises(RuntimeError):
        build_site(valid_datasets, out)
    assert tree_digest(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["datasets", "site"]


def test_two_builds_are_byte_identical(valid_datasets, tmp_path):
    first = tree_digest(build_site(valid_datasets, tmp_path / "a").out)
    second = tree_digest(build_site(valid_datasets, tmp_path / "b").out)
    assert first == second


def test_problem_format_names_position_code_and_fix():
    problem = Problem("datasets/quotas/data/quotas.csv", 14, 9, "type-error",
                      'field "headcount" expects an integer, got "93 адам"', "write the number alone: 93")
    assert problem.format() == (
        'datasets/quotas/data/quotas.csv:14:9: type-error: field "headcount" expects an integer, '
        'got "93 адам"\n  fix: write the number alone: 93')
