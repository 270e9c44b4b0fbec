"""The golden site: a small fixture corpus built into a committed expected output,
compared byte for byte. Any change of what the site says or how it is made shows here as a
diff to review; `make golden` refreshes the expected output after a change that is meant.

The corpus (tests/data/golden/datasets, see its README) is committed into a real git
repository made in a temporary folder, as two commits with fixed authors and dates: the
second corrects a quota row, so the change log has something to say.

The expected output (tests/data/golden/expected):
- `docs/`: the Markdown of every page, as the build keeps it beside the site (data blocks
  included: `mkdocs build` of that folder alone renders the site);
- `site/`: the HTML of one page of each type, and every generated text file but the search
  index (feeds, the sitemap, JSON, the DCAT catalogue); copies of the data (CSV, source
  texts) and binary downloads (Excel, zip) are left out.
"""

from __future__ import annotations

import difflib
import gzip
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import TEST_DATA

from ashyq.build import build_site
from ashyq.i18n import LANGUAGES

GOLDEN = TEST_DATA / "golden"
CORPUS = GOLDEN / "datasets"
EXPECTED = GOLDEN / "expected"

# One rendered page of each type (a region, a district, a city; one document of each kind).
HTML_PAGES = [
    "index.html",
    "quotas/index.html",
    "places/index.html",
    "places/west-kazakhstan-region/index.html",
    "places/borli/index.html",
    "places/oral/index.html",
    "places/abai-region/index.html",
    "resolutions/index.html",
    "resolutions/west-kazakhstan-region-2025-246/index.html",
    "resolutions/west-kazakhstan-region-2025-299/index.html",
    "programs/index.html",
    "programs/zhambyl-region-2005-2007/index.html",
    "ratings/index.html",
    "ratings/employment-centres-2017/index.html",
    "data/index.html",
    "data/quotas/index.html",
    "sources/index.html",
    "sources/quotas/000_eeaaafaba07ad180/index.html",
    "changes/index.html",
    "compare/index.html",
    "404.html",
    # the Russian and English sites (issue 16): one page of a few types each
    "ru/index.html",
    "ru/places/oral/index.html",
    "ru/resolutions/west-kazakhstan-region-2025-246/index.html",
    "en/quotas/index.html",
    "en/programs/zhambyl-region-2005-2007/index.html",
    "en/data/quotas/index.html",
]
# Generated text files other than pages; not the search indexes (Pagefind's, binary but for
# its entry file, whose hashes change with every page; and what is left of Material's).
TEXT_SUFFIXES = (".xml", ".json", ".jsonld")
LEFT_OUT = ("assets/", "search/", "pagefind/", "sources/", "ru/assets/", "ru/search/", "en/assets/", "en/search/")

# The correction of the second commit: a quota row's headcount (line 3 of quotas.csv).
CORRECTED_FILE = "quotas/data/quotas.csv"


def git(repo: Path, *args: str, date: str) -> None:
    env = {"GIT_AUTHOR_NAME": "Айгүл Сейітова", "GIT_AUTHOR_EMAIL": "aigul@example.org",
           "GIT_COMMITTER_NAME": "Айгүл Сейітова", "GIT_COMMITTER_EMAIL": "aigul@example.org",
           "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "HOME": str(repo), "PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def make_repository(root: Path) -> Path:
    """The corpus in a git repository of two commits; returns its datasets folder."""
    datasets = root / "datasets"
    shutil.copytree(CORPUS, datasets)
    git(root, "init", "-q", "-b", "main", date="2026-01-15T10:00:00+05:00")
    git(root, "add", "datasets", date="2026-01-15T10:00:00+05:00")
    git(root, "commit", "-q", "-m", "data: the golden corpus", date="2026-01-15T10:00:00+05:00")
    csv = datasets / CORRECTED_FILE
    lines = csv.read_text(encoding="utf-8").split("\n")
    # the row's headcount: one more employee than printed (a correction to review)
    fields = lines[2].split(",")
    fields[-6] = str(int(fields[-6]) + 1)
    lines[2] = ",".join(fields)
    csv.write_text("\n".join(lines), encoding="utf-8", newline="\n")
    git(root, "commit", "-q", "-am", "data(quotas): headcount of row 2 as corrected by the akimat",
        date="2026-02-01T12:30:00+05:00")
    return datasets


def collect_docs(docs: Path) -> dict[str, str]:
    """The Markdown of every page (the build's docs folder holds data files too)."""
    return {f"docs/{path.relative_to(docs).as_posix()}": path.read_text(encoding="utf-8")
            for path in sorted(docs.rglob("*.md"))}


def collect_site(site: Path) -> dict[str, str]:
    files = {f"site/{page}": (site / page).read_text(encoding="utf-8") for page in HTML_PAGES}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.suffix in TEXT_SUFFIXES and not rel.startswith(LEFT_OUT):
            files[f"site/{rel}"] = path.read_text(encoding="utf-8")
        elif rel.endswith(".json.gz") and not rel.startswith(LEFT_OUT):
            # a compressed shard is compared unpacked, under its name without .gz
            files[f"site/{rel[:-3]}"] = gzip.decompress(path.read_bytes()).decode("utf-8")
    return files


@pytest.fixture(scope="module")
def golden_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("golden")
    datasets = make_repository(root / "repo")
    mp = pytest.MonkeyPatch()
    mp.chdir(root / "repo")  # problem paths are shown relative to the working folder
    try:
        result = build_site(datasets, root / "out" / "site", languages=LANGUAGES)
        files = {**collect_docs(result.docs), **collect_site(result.out)}
    finally:
        mp.undo()
    return files


def read_expected() -> dict[str, str]:
    return {path.relative_to(EXPECTED).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(EXPECTED.rglob("*")) if path.is_file()}


def write_expected(files: dict[str, str]) -> None:
    shutil.rmtree(EXPECTED, ignore_errors=True)
    for rel, text in files.items():
        target = EXPECTED / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")


def test_the_site_is_the_golden_site(golden_output: dict[str, str], request: pytest.FixtureRequest) -> None:
    if request.config.getoption("--update-golden"):
        write_expected(golden_output)
        return
    expected = read_expected()
    missing = sorted(set(expected) - set(golden_output))
    added = sorted(set(golden_output) - set(expected))
    changed = sorted(rel for rel in set(expected) & set(golden_output) if expected[rel] != golden_output[rel])
    if missing or added or changed:
        first = changed[0] if changed else None
        diff = "" if first is None else "".join(list(difflib.unified_diff(
            expected[first].splitlines(keepends=True), golden_output[first].splitlines(keepends=True),
            f"expected/{first}", f"built/{first}", n=2))[:60])
        pytest.fail(f"the built site differs from tests/data/golden/expected: {len(changed)} changed "
                    f"{changed[:10]}, {len(added)} new {added[:10]}, {len(missing)} gone {missing[:10]}\n"
                    "If the change is meant, run `make golden` and explain the diff in the commit.\n" + diff)


def test_the_golden_output_names_no_machine_path(golden_output: dict[str, str]) -> None:
    """Nothing of the machine that built it (a temporary folder) leaks into the output."""
    leaks = [rel for rel, text in golden_output.items() if "/tmp/" in text or "pytest-" in text]
    assert leaks == []
