"""The command line, as a contributor uses it: exit codes and messages, never a traceback."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from ashyq.cli import main
from ashyq.paths import ROOT


def test_validate_real_data_passes(capsys):
    assert main(["validate"]) == 0
    assert "valid: " in capsys.readouterr().out


def test_validate_reports_problems_with_position_and_fix(valid_datasets, capsys):
    quotas = valid_datasets / "quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",borli,", ",nowhere,", 1), encoding="utf-8")
    assert main(["validate", "--datasets", str(valid_datasets)]) == 1
    out = capsys.readouterr().out
    assert 'quotas/data/quotas.csv:3:4: foreign-key: place_id "nowhere" is not a place_id of places/places' in out
    assert "  fix: use a place_id listed in" in out


def test_validate_json_output(valid_datasets, capsys):
    quotas = valid_datasets / "quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",93,", ",-5,", 1), encoding="utf-8")
    assert main(["validate", "--datasets", str(valid_datasets), "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)
    assert [(p["row"], p["col"], p["code"], p["severity"]) for p in problems] == [
        (2, 7, "constraint-error", "error")]


@pytest.mark.fault
def test_build_refusal_says_the_site_was_kept(valid_datasets, tmp_path, capsys):
    (valid_datasets / "quotas/datapackage.json").write_text("{ not json", encoding="utf-8")
    assert main(["build", "--datasets", str(valid_datasets), "--out", str(tmp_path / "site")]) == 1
    captured = capsys.readouterr()
    assert "quotas/datapackage.json: package-error: cannot be read" in captured.out
    assert "the published site was left as it was" in captured.err
    assert not (tmp_path / "site").exists()


def test_build_with_out(valid_datasets, tmp_path, capsys):
    assert main(["build", "--datasets", str(valid_datasets), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out/quotas/index.html").is_file()
    assert re.search(r"built \d+ pages into ", capsys.readouterr().out)


def test_python_dash_m_runs_the_same_command_line(valid_datasets):
    done = subprocess.run([sys.executable, "-m", "ashyq", "validate", "--datasets", str(valid_datasets)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "valid:" in done.stdout
    assert "Traceback" not in done.stderr


def test_build_lists_few_warnings_and_counts_the_rest(capsys):
    from ashyq.cli import print_warning_summary
    from ashyq.problems import Problem

    warnings = [Problem("q.csv", row, 9, "jobs-mismatch", "jobs do not add up") for row in range(2, 30)]
    warnings.append(Problem("q.csv", 40, 8, "percent-out-of-band", "2% out of band"))
    print_warning_summary(warnings)
    out = capsys.readouterr().out
    assert out.count("jobs-mismatch: jobs do not add up") == 20
    assert out.rstrip().endswith("… and 9 more warning(s); in all: jobs-mismatch 28, percent-out-of-band 1. "
                                 "`ashyq validate` lists every one.")
    print_warning_summary(warnings[:3])
    assert capsys.readouterr().out.count("jobs-mismatch") == 3


@pytest.mark.fault
def test_the_command_checks_the_datasets_of_the_folder_it_runs_in(valid_datasets, tmp_path, monkeypatch, capsys):
    """With two clones and one environment, each clone's command checks its own data."""
    clone = valid_datasets.parent  # a folder with datasets/ (the tiny fixture), not this repository
    quotas = valid_datasets / "quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",borli,", ",nowhere,", 1), encoding="utf-8")
    monkeypatch.chdir(clone)
    assert main(["validate"]) == 1
    assert "nowhere" in capsys.readouterr().out
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert main(["validate"]) == 1
    err = capsys.readouterr().err
    assert f"no datasets/ folder in {empty}" in err and "fix: run ashyq in the repository's folder" in err
    assert main(["build", "--datasets", str(empty / "nope")]) == 1
    assert "the folder given with --datasets does not exist" in capsys.readouterr().err
