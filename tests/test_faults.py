"""The fault-and-abuse suite: what a contributor (or the machine) can break, and what the site
guarantees then. Every case is named here or carries the `fault` marker elsewhere
(`pytest -m fault` runs them all); datasets/README.md ("What a contributor can break, what the
site guarantees") lists each case with the test that proves it.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ashyq import build
from ashyq.build import BuildFailed, build_site

pytestmark = pytest.mark.fault


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def change_a_row(datasets: Path) -> None:
    """A change, so that a finished build would differ from the published one."""
    quotas = datasets / "quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",93,", ",94,", 1), encoding="utf-8")


def no_leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if p.name.startswith((".site-build-", ".site-old-"))]


# ----------------------------------------------------------------- disk full during publish

def _enospc(path: object) -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))


def test_disk_full_while_swapping_the_site_in_keeps_the_last_good_site(valid_datasets, tmp_path, monkeypatch):
    """ENOSPC in the publish step: BuildFailed with a plain message, the published site
    byte for byte as it was, no work folder left, and the next build succeeds."""
    out = tmp_path / "site"
    build_site(valid_datasets, out)
    before = snapshot(out)
    change_a_row(valid_datasets)
    real = build.exchange

    def full(a: Path, b: Path) -> bool:
        if Path(b) == out.resolve():
            raise _enospc(a)
        return real(a, b)

    monkeypatch.setattr(build, "exchange", full)
    with pytest.raises(BuildFailed, match=r"the disk is full \(No space left on device\); free some space"):
        build_site(valid_datasets, out)
    assert snapshot(out) == before and not no_leftovers(tmp_path)
    monkeypatch.setattr(build, "exchange", real)
    assert build_site(valid_datasets, out).pages > 0 and snapshot(out) != before


def test_disk_full_while_moving_the_data_files_keeps_the_last_good_site(valid_datasets, tmp_path, monkeypatch):
    """ENOSPC half-way through the data files (downloads, row shards): nothing published."""
    out = tmp_path / "site"
    build_site(valid_datasets, out)
    before = snapshot(out)
    change_a_row(valid_datasets)
    real, calls = os.link, []

    def link(src: object, dst: object, *args: object, **kwargs: object) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise _enospc(dst)
        real(src, dst, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build.os, "link", link)
    with pytest.raises(BuildFailed, match="the disk is full"):
        build_site(valid_datasets, out)
    monkeypatch.setattr(build.os, "link", real)
    assert snapshot(out) == before and not no_leftovers(tmp_path)
    assert build_site(valid_datasets, out).pages > 0 and snapshot(out) != before


def test_a_write_that_fails_for_real_is_a_message_not_a_traceback(valid_datasets, tmp_path):
    """A real failing write, without root: the build runs with a file-size limit (ulimit -f),
    so the kernel refuses the first large file (EFBIG). The command says so in a sentence and
    exits 1; the site stays as it was and the next build succeeds."""
    import resource

    out = tmp_path / "site"
    build_site(valid_datasets, out)
    before = snapshot(out)
    change_a_row(valid_datasets)
    limit = 256 * 1024  # smaller than plotly.js, larger than the lock and the pages

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = subprocess.run([sys.executable, "-m", "ashyq", "build", "--datasets", str(valid_datasets),
                           "--out", str(out)], cwd=tmp_path, capture_output=True, text=True,
                          preexec_fn=small_files, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert "build failed: could not write the site: a file is larger than this system allows" in done.stderr
    assert "the published site was left as it was" in done.stderr
    assert snapshot(out) == before and not no_leftovers(tmp_path)
    assert build_site(valid_datasets, out).pages > 0 and snapshot(out) != before


# ----------------------------------------------------------------- documents are immutable

@pytest.fixture
def golden_repo(tmp_path: Path) -> tuple[Path, str]:
    """A git repository of the golden corpus (which has sources/ and rows citing them); its
    first commit's id."""
    import shutil

    from tests.conftest import TEST_DATA
    from tests.test_changes_pages import commit
    from tests.test_gitlog import run

    repo = tmp_path / "repo"
    shutil.copytree(TEST_DATA / "golden/datasets", repo / "datasets")
    run(repo, "init", "-q", "-b", "main")
    return repo, commit(repo, "data: the golden corpus", 1)


def _diff(repo: Path, base: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    from ashyq import cli
    from tests.test_changes_pages import commit

    head = commit(repo, "a contributor's change", 2)
    code = cli.main(["diff", base, head, "--datasets", str(repo / "datasets")])
    return code, capsys.readouterr().out


SOURCE = "datasets/quotas/sources/000_eeaaafaba07ad180.txt"


def test_an_edited_source_document_is_refused_with_the_way_forward(golden_repo, capsys):
    repo, base = golden_repo
    path = repo / SOURCE
    path.write_text(path.read_text(encoding="utf-8").replace("246", "247", 1), encoding="utf-8")
    code, out = _diff(repo, base, capsys)
    assert code == 1
    assert (f"{SOURCE}: source-edited: this source document differs from its version in {base[:10]}: "
            "a source copy is the document as published, and rows cite its lines") in out
    assert (f"fix: undo the change (git checkout {base[:10]} -- {SOURCE}); to bring in another text of the "
            "act, add it as a new file in sources/ and point the rows' source_path and source_lines at it") in out


def test_a_removed_source_that_rows_cite_is_refused(golden_repo, capsys):
    repo, base = golden_repo
    (repo / SOURCE).unlink()
    code, out = _diff(repo, base, capsys)
    assert code == 1
    assert re.search(rf"{SOURCE}: source-removed: this source document was removed, but \d+ row\(s\) still "
                     r"cite it, the first at datasets/quotas/data/legal_bands\.csv:2", out), out


def test_a_new_source_document_is_welcome(golden_repo, capsys):
    repo, base = golden_repo
    (repo / "datasets/quotas/sources/005_new_act.txt").write_text("Қаулы\n", encoding="utf-8")
    code, out = _diff(repo, base, capsys)
    assert "source-" not in out and code == 0, out


# ----------------------------------------------------------------- git: shallow, none, detached

def _two_commit_repo(tmp_path: Path, valid_datasets: Path) -> Path:
    import shutil

    from tests.test_changes_pages import commit
    from tests.test_gitlog import run

    repo = tmp_path / "repo"
    shutil.copytree(valid_datasets, repo / "datasets")
    run(repo, "init", "-q", "-b", "main")
    commit(repo, "data: the tiny packages", 1)
    change_a_row(repo / "datasets")
    commit(repo, "data(quotas): 93 → 94", 2)
    return repo


def _changes_text(site: Path) -> str:
    markup = (site / "changes/index.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


def test_a_shallow_clone_builds_and_says_what_it_could_not_read(valid_datasets, tmp_path):
    """git clone --depth 1: the one commit has no parent here, so git lists every file as
    added; the change log leaves it out and says, in Kazakh, from where it could not read."""
    from tests.test_gitlog import run

    repo = _two_commit_repo(tmp_path, valid_datasets)
    clone = tmp_path / "shallow"
    run(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    assert run(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    head = run(clone, "rev-parse", "HEAD").strip()
    site = build_site(clone / "datasets", tmp_path / "site").out
    text = _changes_text(site)
    assert (f"Бұл көшірмеде өзгерістер тарихы толық емес: репозиторий қысқартылып көшірілген (git clone --depth). "
            f"2026-02-02 күнгі {head[:10]} коммитінің және одан бұрынғы өзгерістерді оқи алмадық") in text
    assert "қосылды" not in text and "Деректер әлі өзгерген жоқ" not in text  # no "every row added"
    package = (site / "data/quotas/index.html").read_text(encoding="utf-8")
    assert "Бұл көшірмеде өзгерістер тарихы толық емес" in package


def test_a_deeper_shallow_clone_shows_the_commits_it_has(valid_datasets, tmp_path):
    """--depth 2 of three commits: the newest is shown with its row change, the cut is named."""
    from tests.test_changes_pages import commit
    from tests.test_gitlog import run

    repo = _two_commit_repo(tmp_path, valid_datasets)
    quotas = repo / "datasets/quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",94,", ",95,", 1), encoding="utf-8")
    commit(repo, "data(quotas): 94 → 95", 3)
    cut = run(repo, "rev-parse", "HEAD~1").strip()
    clone = tmp_path / "shallow"
    run(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(clone))
    text = _changes_text(build_site(clone / "datasets", tmp_path / "site").out)
    assert f"2026-02-02 күнгі {cut[:10]} коммитінің және одан бұрынғы өзгерістерді оқи алмадық" in text
    assert "data(quotas): 94 → 95" in text and "data(quotas): 93 → 94" not in text


def test_a_copy_without_history_builds_and_says_so(valid_datasets, tmp_path):
    """A plain copy of the tree with no .git (a downloaded archive)."""
    import shutil

    repo = _two_commit_repo(tmp_path, valid_datasets)
    copy = tmp_path / "copy"
    shutil.copytree(repo, copy, ignore=shutil.ignore_patterns(".git"))
    site = build_site(copy / "datasets", tmp_path / "site").out
    assert ("Бұл көшірмеде өзгерістер тарихы жоқ: сайт git тарихы жоқ көшірмеден (мысалы, жүктелген архивтен) "
            "жасалды, сондықтан қай жолды кім және қашан өзгерткенін оқи алмадық") in _changes_text(site)


def test_a_detached_head_builds_with_the_history_up_to_it(valid_datasets, tmp_path):
    from tests.test_gitlog import run

    repo = _two_commit_repo(tmp_path, valid_datasets)
    run(repo, "checkout", "-q", "--detach", "HEAD~1")
    assert run(repo, "rev-parse", "--abbrev-ref", "HEAD").strip() == "HEAD"
    site = build_site(repo / "datasets", tmp_path / "site").out
    text = _changes_text(site)
    assert "data: the tiny packages" in text and "93 → 94" not in text and "толық емес" not in text


# ----------------------------------------------------------------- encodings and sizes

QUOTAS = "quotas/data/quotas.csv"
SAVE_AS = "fix: save it as UTF-8 in your spreadsheet: File → Save as → «CSV UTF-8 (Comma delimited)» (Excel)"


def _russian(text: str) -> str:
    """The fixture's Kazakh in letters Windows-1251 has (as a Russian-language file would be)."""
    return text.translate(str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ"))


def _encode(case: str, text: str) -> bytes:
    lines = text.split("\n")
    return {
        "windows-1251": lambda: _russian(text).encode("cp1251"),
        "latin-1": lambda: text.replace("Ақжайық", "Café Ünïon").encode("latin-1", errors="replace"),
        "utf-16 with bom": lambda: text.encode("utf-16"),
        "utf-16 without bom": lambda: text.encode("utf-16-le"),
        "utf-8 bom": lambda: b"\xef\xbb\xbf" + text.encode("utf-8"),
        "mixed line ends": lambda: ("\r\n".join(lines[:2]) + "\n" + "\n".join(lines[2:])).encode("utf-8"),
    }[case]()


ENCODING_CASES = {
    "windows-1251": (2, "encoding-error", "the file is in Windows-1251 (Cyrillic), not UTF-8: byte 0x", SAVE_AS),
    "latin-1": (2, "encoding-error", "the file is in Latin-1 (Western European), not UTF-8: byte 0xE9 at line 2, "
                "which reads «", SAVE_AS),
    "utf-16 with bom": (1, "encoding-error", "the file is UTF-16 (with a byte-order mark; Excel calls it «Unicode "
                        "text»), not UTF-8", SAVE_AS),
    "utf-16 without bom": (1, "encoding-error", "the file is UTF-16 (without a byte-order mark; Excel calls it "
                           "«Unicode text»), not UTF-8", SAVE_AS),
    "utf-8 bom": (1, "byte-order-mark", "the file starts with a UTF-8 byte-order mark (EF BB BF)",
                  "fix: save the file as UTF-8 without a BOM: Excel's «CSV UTF-8» adds one"),
    "mixed line ends": (1, "crlf-line-end", "mixed line ends: 1 line(s) end in CRLF (\\r\\n) and 4 in LF (\\n), "
                        "the first CRLF at line 1", "fix: save the file with LF line ends only"),
}


@pytest.mark.parametrize("case", list(ENCODING_CASES))
def test_a_file_in_another_encoding_is_named_in_one_sentence(case, valid_datasets):
    """Each encoding a spreadsheet or editor may save: one problem, at the file and line, that
    says what the file is and how to save it right; nothing else (no NUL-byte noise from
    UTF-16, no frictionless message) and no traceback."""
    from ashyq.validate import validate_datasets

    path = valid_datasets / QUOTAS
    path.write_bytes(_encode(case, path.read_text(encoding="utf-8")))
    row, code, message, fix = ENCODING_CASES[case]
    found = [p for p in validate_datasets(valid_datasets) if p.severity == "error"]
    assert [(p.path.rsplit("datasets/", 1)[-1], p.row, p.code) for p in found] == [(QUOTAS, row, code)]
    text = found[0].format()
    assert message in text and fix in text, text


def test_windows_1251_shows_the_cyrillic_it_holds():
    from ashyq.rules import check_bytes

    raw = "id,name\n1,Уральск қаласы\n".translate(str.maketrans("қ", "к")).encode("cp1251")
    [problem] = check_bytes(raw, "x.csv", "p", "r")
    assert problem.message == ("the file is in Windows-1251 (Cyrillic), not UTF-8: byte 0xD3 at line 2, which "
                               "reads «1,Уральск каласы» in Windows-1251")


# Runs a command and reports its peak memory. Linux counts a child's peak from the memory of
# the process it was forked from (pytest's, hundreds of MiB late in a run), so the command
# is started from this small, fresh process, whose children's peak is the command's own.
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:])
print(f"PEAK_KIB={resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}", file=sys.stderr)
sys.exit(done.returncode)
"""


def _validate_in_a_subprocess(datasets: Path) -> tuple[int, str, float]:
    """`ashyq validate` as a contributor runs it: (exit code, output, peak RSS in MiB of the
    command and the workers it waited for)."""
    done = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "ashyq", "validate",
                           "--datasets", str(datasets)], cwd=datasets.parent, capture_output=True, text=True,
                          timeout=300)
    peak = re.search(r"PEAK_KIB=(\d+)", done.stderr)
    assert peak, done.stderr
    return done.returncode, done.stdout + done.stderr.replace(peak.group(0), ""), int(peak.group(1)) / 1024


def test_a_200_mb_csv_is_named_in_bounded_memory(valid_datasets):
    """A 200 MB CSV (GitHub refuses files over 100 MiB) is named from its size alone: the
    command neither reads it into memory nor hands it to frictionless."""
    path = valid_datasets / QUOTAS
    header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
    block = "".join(rows).encode("utf-8") * 2000  # ≈ 2 MB
    with open(path, "wb") as f:
        f.write(header.encode("utf-8"))
        for _ in range(200 * 2**20 // len(block) + 1):
            f.write(block)
    assert path.stat().st_size > 200 * 2**20
    code, out, peak = _validate_in_a_subprocess(valid_datasets)
    assert code == 1 and "Traceback" not in out
    assert re.search(rf"datasets/{QUOTAS}: file-too-large: the file holds 20\d MiB; GitHub refuses files over "
                     "100 MiB, so it cannot be published", out), out
    assert "fix: split the rows into several files of one schema" in out
    assert peak < 400, f"peak memory {peak:.0f} MiB for a 200 MB file"  # about 100 MiB: python and pandas


def test_a_row_of_100000_columns_is_named_in_bounded_memory(valid_datasets):
    """One line of 100,000 cells: named with its line, not given to frictionless (which spent
    over ten minutes on it, cell by cell, and lost its worker)."""
    path = valid_datasets / QUOTAS
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] += "," * 100_000
    path.write_text("\n".join(lines), encoding="utf-8")
    code, out, peak = _validate_in_a_subprocess(valid_datasets)
    assert code == 1 and "Traceback" not in out
    assert (f"datasets/{QUOTAS}:3: row-too-wide: line 3 has 100,012 cells, the schema 12 fields: no table row "
            "is this wide") in out
    assert "rule-error" not in out and "extra-cell" not in out
    assert peak < 400, f"peak memory {peak:.0f} MiB"


# ----------------------------------------------------------------- plain words, in Kazakh too

KAZAKH_LETTERS = re.compile("[а-яәғқңөұүһі]", re.IGNORECASE)


def test_every_problem_code_has_a_kazakh_title_explanation_and_fix():
    """Every code a contributor can cause (all of them: errors stop their pull request,
    warnings show on the site) reads in Kazakh in the pull-request comment and with --lang kk."""
    from ashyq.problems import CODES

    missing = [code for code, c in CODES.items()
               if not all(KAZAKH_LETTERS.search(t) for t in (c.title_kk, c.explain_kk, c.fix_kk))]
    assert missing == []


def test_a_problem_reads_in_kazakh_with_its_own_details():
    from ashyq.problems import Problem

    problem = Problem("datasets/quotas/data/quotas.csv", 14, 9, "type-error",
                      'field "headcount" expects an integer, got "93 адам"')
    assert problem.format("kk") == (
        'datasets/quotas/data/quotas.csv:14:9: type-error: Мәннің түрі қате: field "headcount" expects an integer, '
        'got "93 адам"\n  түзету: мәнді өрістің түрінде жазыңыз')
    assert problem.format() == ('datasets/quotas/data/quotas.csv:14:9: type-error: field "headcount" expects an '
                                'integer, got "93 адам"\n  fix: write the value in the field\'s type')


def test_the_command_line_speaks_english_by_default_and_kazakh_when_asked(valid_datasets, capsys):
    from ashyq import cli

    path = valid_datasets / QUOTAS
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert cli.main(["validate", "--datasets", str(valid_datasets)]) == 1
    assert "byte-order-mark: the file starts with a UTF-8 byte-order mark (EF BB BF)\n  fix: save the file as UTF-8 " \
           "without a BOM" in capsys.readouterr().out
    assert cli.main(["validate", "--datasets", str(valid_datasets), "--lang", "kk"]) == 1
    out = capsys.readouterr().out
    assert ("byte-order-mark: Файл байт ретінің белгісімен (BOM) басталады: the file starts with a UTF-8 byte-order "
            "mark (EF BB BF)\n  түзету: файлды BOM-сыз UTF-8 ретінде сақтаңыз") in out


def test_the_pull_request_comment_is_in_kazakh(golden_repo, capsys):
    """`make diff` (the workflow's comment) asks for Kazakh; the refusal of an edited source
    reads in Kazakh there, with the command to undo it."""
    from ashyq import cli
    from ashyq.paths import ROOT
    from tests.test_changes_pages import commit

    assert "ashyq diff $(BASE) $(HEAD) --lang kk" in (ROOT / "Makefile").read_text(encoding="utf-8")
    repo, base = golden_repo
    path = repo / SOURCE
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    head = commit(repo, "a contributor's change", 2)
    assert cli.main(["diff", base, head, "--datasets", str(repo / "datasets"), "--lang", "kk"]) == 1
    out = capsys.readouterr().out
    assert f"{SOURCE}: source-edited: Дереккөз құжаты өзгертілген: this source document differs" in out
    assert "түзету: өзгерісті қайтарыңыз (git checkout BASE -- файл)" in out
    assert f"git checkout {base[:10]} -- {SOURCE}" in out


def test_an_invalid_descriptor_says_which_resource_and_what(valid_datasets):
    """frictionless's "descriptor is not valid" names neither; the problem does both."""
    import json

    from ashyq.validate import validate_datasets

    path = valid_datasets / "resolutions/datapackage.json"
    pkg = json.loads(path.read_text(encoding="utf-8"))
    del pkg["resources"][0]["name"]
    path.write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    found = [p for p in validate_datasets(valid_datasets) if p.severity == "error"]
    assert sorted((p.code, p.message) for p in found) == [
        ("resource-error", "resources[0] is not valid: 'name' is a required property"),
        # the package is not read until then, so the quotas' reference to it cannot be checked
        ("unknown-package", 'resource "quotas" refers to resolutions/resolutions (resolution_id), which does not '
                            "exist or cannot be read")]
    found = [p for p in found if p.code == "resource-error"]
    assert "descriptor is not valid" not in found[0].format()


# ----------------------------------------------------------------- the table of guarantees

def test_the_table_of_guarantees_names_tests_that_exist_and_are_marked():
    """datasets/README.md, "What a contributor can break, what the site guarantees": every
    test it names exists and carries the `fault` marker, and every test of this file is named."""
    import ast

    from ashyq.paths import DATASETS, ROOT

    text = (DATASETS / "README.md").read_text(encoding="utf-8")
    section = text.split("## What a contributor can break, what the site guarantees", 1)[1]
    named = set(re.findall(r"`(tests/test_\w+\.py)::(test_\w+)`", section))
    assert len(named) > 25
    missing = []
    for path, name in sorted(named):
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        module_marked = "pytestmark = pytest.mark.fault" in (ROOT / path).read_text(encoding="utf-8")
        funcs = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
        func = funcs.get(name)
        marked = func is not None and (module_marked or any("fault" in ast.unparse(d) for d in func.decorator_list))
        if not marked:
            missing.append(f"{path}::{name}")
    assert missing == []
    mine = {f.name for f in ast.parse(Path(__file__).read_text(encoding="utf-8")).body
            if isinstance(f, ast.FunctionDef) and f.name.startswith("test_")}
    helpers = {"test_windows_1251_shows_the_cyrillic_it_holds",
               "test_the_encoding_is_judged_where_the_first_foreign_byte_is",
               "test_a_problem_reads_in_kazakh_with_its_own_details",
               "test_the_command_line_speaks_english_by_default_and_kazakh_when_asked",
               "test_the_table_of_guarantees_names_tests_that_exist_and_are_marked"}  # parts of listed cases
    unlisted = sorted(mine - {n for p, n in named if p == "tests/test_faults.py"} - helpers)
    assert unlisted == []


def test_the_encoding_is_judged_where_the_first_foreign_byte_is():
    """A file whose first lines are plain ASCII (ids, years) is still named right."""
    from ashyq.rules import check_bytes

    head = "id,name\n" + "1,abc\n" * 2000
    cyrillic = (head + "2,Уральск каласы\n").encode("cp1251")
    latin = (head + "2,Café Ünïon\n").encode("latin-1")
    assert "the file is in Windows-1251 (Cyrillic), not UTF-8: byte 0xD3 at line 2002" in \
        check_bytes(cyrillic, "x.csv", "p", "r")[0].message
    assert "the file is in Latin-1 (Western European), not UTF-8: byte 0xE9 at line 2002" in \
        check_bytes(latin, "x.csv", "p", "r")[0].message
