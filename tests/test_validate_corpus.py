"""A corpus of corruptions of the REAL data: each is rejected with its file and row.

Each case copies the packages it needs from datasets/ (places always, since everything
refers to it), corrupts one thing, and expects an error at a given file, row and code.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ashyq.paths import DATASETS
from ashyq.problems import has_errors
from ashyq.validate import validate_datasets

Corrupt = Callable[[Path], None]


@dataclass(frozen=True)
class Case:
    name: str
    packages: tuple[str, ...]
    corrupt: Corrupt
    expected: tuple[str, int, str]  # file (relative to datasets/), row, code


def replace_once(path: str, old: str, new: str) -> Corrupt:
    def corrupt(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return corrupt


def edit_bytes(path: str, change: Callable[[bytes], bytes]) -> Corrupt:
    def corrupt(root: Path) -> None:
        file = root / path
        file.write_bytes(change(file.read_bytes()))
    return corrupt


def edit_lines(path: str, change: Callable[[list[str]], list[str]]) -> Corrupt:
    def corrupt(root: Path) -> None:
        file = root / path
        lines = file.read_text(encoding="utf-8").split("\n")
        file.write_text("\n".join(change(lines)), encoding="utf-8")
    return corrupt


def edit_descriptor(package: str, change: Callable[[dict], None]) -> Corrupt:
    def corrupt(root: Path) -> None:
        file = root / package / "datapackage.json"
        descriptor = json.loads(file.read_text(encoding="utf-8"))
        change(descriptor)
        file.write_text(json.dumps(descriptor, ensure_ascii=False), encoding="utf-8")
    return corrupt


def drop_column(name: str) -> Callable[[list[str]], list[str]]:
    def change(lines: list[str]) -> list[str]:
        import csv
        import io

        rows = list(csv.reader(io.StringIO("\n".join(lines))))
        pos = rows[0].index(name)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([r[:pos] + r[pos + 1:] for r in rows])
        return out.getvalue().rstrip("\n").split("\n") + [""]
    return change


Q = "quotas/data/quotas.csv"
QUOTAS = ("resolutions", "quotas")
RES = "resolutions/data/resolutions.csv"
RAT = "ratings/data/ratings.csv"
PLACES = "places/data/places.csv"
Q2 = "west-kazakhstan-region-2025-246,2026,disability,akzhaiyk,1,"  # start of line 2 of quotas.csv

CASES = [
    Case("wrong type", QUOTAS, replace_once(Q, ",93,2,1,", ",93 адам,2,1,"), (Q, 2, "type-error")),
    Case("negative headcount", QUOTAS, replace_once(Q, ",93,2,1,", ",-93,2,1,"), (Q, 2, "constraint-error")),
    Case("percent of 250", QUOTAS, replace_once(Q, ",93,2,1,", ",93,250,1,"), (Q, 2, "constraint-error")),
    Case("category not in the enum", QUOTAS, replace_once(Q, ",2026,disability,", ",2026,disabled,"),
         (Q, 2, "constraint-error")),
    Case("source_lines with an en dash", QUOTAS, replace_once(Q, ",54-72,", ",54–72,"),
         (Q, 2, "constraint-error")),
    Case("duplicate key", QUOTAS, edit_lines(Q, lambda ls: ls[:-1] + [ls[1], ""]), (Q, 58, "primary-key")),
    Case("unknown district", QUOTAS, replace_once(Q, "disability,akzhaiyk,1,", "disability,nowhere,1,"),
         (Q, 2, "foreign-key")),
    Case("unknown resolution", QUOTAS, replace_once(Q, Q2, Q2.replace("2025-246", "2025-999")),
         (Q, 2, "foreign-key")),
    Case("column removed", QUOTAS, edit_lines(Q, drop_column("jobs")), (Q, 1, "incorrect-label")),
    Case("header renamed", QUOTAS, replace_once(Q, ",headcount,", ",head_count,"), (Q, 1, "incorrect-label")),
    Case("a row with too many fields", QUOTAS, edit_lines(Q, lambda ls: [*ls[:2], ls[2] + ",x", *ls[3:]]),
         (Q, 3, "extra-cell")),
    Case("a row with too few fields", QUOTAS,
         edit_lines(Q, lambda ls: [*ls[:2], ls[2].rsplit(",", 1)[0], *ls[3:]]), (Q, 3, "missing-cell")),
    Case("blank row", QUOTAS, edit_lines(Q, lambda ls: [*ls[:3], "", *ls[3:]]), (Q, 4, "blank-row")),
    Case("empty file", QUOTAS, edit_bytes(Q, lambda b: b""), (Q, 0, "source-error")),
    Case("binary junk", QUOTAS, edit_bytes(Q, lambda b: bytes(range(256)) * 8), (Q, 2, "encoding-error")),
    Case("cp1251 file", QUOTAS, edit_bytes(Q, lambda b: b.decode("utf-8").encode("cp1251", "replace")),
         (Q, 2, "encoding-error")),
    Case("byte-order mark", QUOTAS, edit_bytes(Q, lambda b: b"\xef\xbb\xbf" + b), (Q, 1, "byte-order-mark")),
    Case("CRLF", QUOTAS, edit_bytes(Q, lambda b: b.replace(b"\n", b"\r\n")), (Q, 1, "crlf-line-end")),
    Case("NUL byte", QUOTAS, edit_bytes(Q, lambda b: b.replace(b",93,", b",9\x003,", 1)), (Q, 2, "nul-byte")),
    Case("formula injection", QUOTAS, replace_once(Q, ',"""Ақжайық ауданының мәдениет', ',"=HYPERLINK(1)'),
         (Q, 3, "formula-injection")),
    Case("<script> in a name", ("ratings",), replace_once(RAT, "Қарағанды қ.", "<script>alert(1)</script>"),
         (RAT, 3, "html-markup")),
    Case("empty required value", QUOTAS, replace_once(Q, ",93,2,1,", ",,2,1,"), (Q, 2, "missing-value")),
    Case("trailing space in a name", (), replace_once(PLACES, "Абай облысы,", "Абай облысы ,"),
         (PLACES, 2, "stray-whitespace")),
    Case("tab inside a cell", ("resolutions",),
         replace_once("resolutions/data/institutions.csv", "мемлекеттік мекемесі,akzhaiyk",
                      "мемлекеттік\tмекемесі,akzhaiyk"),
         ("resolutions/data/institutions.csv", 2, "control-character")),
    Case("letter-spacing left in", ("programs",),
         replace_once("programs/data/program_measures.csv", "жұмысқа орналастыру,", "ж ұ м ы с қ а орналастыру,"),
         ("programs/data/program_measures.csv", 2, "letter-spacing")),
    Case("printed place name that is no place", ("ratings",), replace_once(RAT, "Қарағанды қ.,", "Қарағандв қ.,"),
         (RAT, 3, "unknown-place")),
    Case("printed place name of another place", QUOTAS,
         replace_once(Q, "54-72,Ақжайық ауданы,", "54-72,Бөрлі ауданы,"), (Q, 2, "place-name-mismatch")),
    Case("unknown parent place", (), replace_once(PLACES, "semei,city,abai-region,", "semei,city,abai-regio,"),
         (PLACES, 3, "foreign-key")),
    Case("impossible date", ("resolutions",), replace_once(RES, ",2025-11-21,", ",2025-02-30,"),
         (RES, 2, "type-error")),
    Case("number with a decimal comma", ("ratings",), replace_once(RAT, ",4.57,", ',"4,57",'),
         (RAT, 2, "type-error")),
    Case("broken datapackage.json", QUOTAS, edit_bytes("quotas/datapackage.json", lambda b: b[: len(b) // 2]),
         ("quotas/datapackage.json", 0, "package-error")),
    Case("datapackage.json is a list", QUOTAS, edit_bytes("quotas/datapackage.json", lambda b: b"[]"),
         ("quotas/datapackage.json", 0, "package-error")),
    Case("resource pointing at a missing file", QUOTAS,
         edit_descriptor("quotas", lambda d: d["resources"][0].update(path="data/quotas-2026.csv")),
         ("quotas/datapackage.json", 0, "missing-file")),
    Case("external key to a missing package", QUOTAS,
         edit_descriptor("quotas", lambda d: d["resources"][0]["schema"]["externalForeignKeys"][0]
                         ["reference"].update(package="placez")),
         ("quotas/datapackage.json", 0, "unknown-package")),
    Case("schema field with an unknown type", QUOTAS,
         edit_descriptor("quotas", lambda d: d["resources"][0]["schema"]["fields"][1].update(type="year-ish")),
         ("quotas/datapackage.json", 0, "field-error")),  # frictionless's own code for it, with the resource named
]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real packages without their source texts (they are not validated), copied once."""
    root = tmp_path_factory.mktemp("real") / "datasets"
    shutil.copytree(DATASETS, root, ignore=shutil.ignore_patterns("sources", "*.md"))
    return root


def test_the_corpus_is_large_and_distinct():
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.fault
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_corruption_is_rejected_with_file_and_row(case: Case, pristine: Path, tmp_path: Path):
    root = tmp_path / "datasets"
    root.mkdir()
    for package in ("places", *case.packages):
        shutil.copytree(pristine / package, root / package)
    case.corrupt(root)
    problems = validate_datasets(root)
    assert has_errors(problems)
    errors = [(Path(os.path.relpath(p.path, root)).as_posix(), p.row, p.code)
              for p in problems if p.severity == "error"]
    assert case.expected in errors, "\n".join(p.format() for p in problems)
    assert "rule-error" not in {p.code for p in problems}, "a rule crashed on the corruption"
    for p in problems:
        assert p.format().count("\n  fix: ") == 1
