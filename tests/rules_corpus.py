"""The test corpus of quotas set by rule: the golden corpus plus three test acts
(tests/data/rules/README.md): a rule-only district with headcount tiers (Казталов, 2027), the
same district's repealed Russian act (2019), and a flat percent in another region (Байзақ,
Жамбыл облысы, 2024)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ashyq.paths import ROOT

GOLDEN = ROOT / "tests" / "data" / "golden" / "datasets"
RULES = ROOT / "tests" / "data" / "rules"


def append_rows(csv_file: Path, extra: Path) -> None:
    """Add the rows of `extra` (a CSV with the same header) to the end of `csv_file`."""
    head, *rows = extra.read_text(encoding="utf-8").splitlines(keepends=True)
    assert head == csv_file.read_text(encoding="utf-8").splitlines(keepends=True)[0], f"{extra}: header differs"
    with open(csv_file, "a", encoding="utf-8", newline="") as f:
        f.writelines(rows)


def make_rules_corpus(target: Path) -> Path:
    """Copy the golden corpus to `target` and add the test acts; returns `target`."""
    shutil.copytree(GOLDEN, target)
    for source in sorted((RULES / "sources").glob("*.txt")):
        shutil.copyfile(source, target / "quotas" / "sources" / source.name)
    append_rows(target / "resolutions" / "data" / "resolutions.csv", RULES / "resolutions.csv")
    append_rows(target / "quotas" / "data" / "quota_rules.csv", RULES / "quota_rules.csv")
    return target
