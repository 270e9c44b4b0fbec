"""The validation gate: one invalid fixture per rule family, the real data's quality flags,
and the registry of problem codes (documented, and the table in datasets/README.md)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from ashyq.paths import DATASETS, ROOT
from ashyq.problems import CODES, Problem, codes_markdown, has_errors
from ashyq.validate import display_path as display
from ashyq.validate import validate_datasets

INVALID = ROOT / "tests" / "data" / "invalid"


def positions(problems: list[Problem], root: Path) -> list[tuple[str, int, int, str]]:
    return [(Path(os.path.relpath(p.path, root)).as_posix(), p.row, p.col, p.code) for p in problems]


def test_structure_family():
    problems = validate_datasets(INVALID / "structure")
    assert positions(problems, INVALID / "structure") == [
        ("quotas/data/quotas.csv", 2, 7, "type-error"),
        ("quotas/data/quotas.csv", 3, 4, "foreign-key"),  # externalForeignKeys → places
        ("quotas/data/quotas.csv", 4, 8, "constraint-error"),
        ("quotas/data/quotas.csv", 6, 0, "primary-key"),
    ]
    assert problems[1].message == 'place_id "nowhere" is not a place_id of places/places'
    assert (problems[1].package, problems[1].resource) == ("quotas", "quotas")


def test_hygiene_family():
    problems = validate_datasets(INVALID / "hygiene")
    assert positions(problems, INVALID / "hygiene") == [
        ("places/data/places.csv", 5, 0, "nul-byte"),
        ("quotas/data/quotas.csv", 2, 6, "stray-whitespace"),  # the schema pattern error is folded in
        ("quotas/data/quotas.csv", 3, 6, "formula-injection"),
        ("quotas/data/quotas.csv", 4, 6, "html-markup"),  # <script>
        ("quotas/data/quotas.csv", 5, 6, "letter-spacing"),
        ("quotas/data/quotas.csv", 6, 6, "control-character"),  # zero-width space
        ("quotas/data/quotas.csv", 7, 6, "missing-value"),
        ("quotas/data/quotas.csv", 8, 11, "unknown-place"),
        ("quotas/data/quotas.csv", 9, 6, "formula-injection"),  # "-5 мектеп": text, so a formula
        ("quotas/data/quotas.csv", 10, 6, "html-markup"),  # javascript: link
        ("resolutions/data/resolutions.csv", 1, 0, "byte-order-mark"),
        ("resolutions/data/resolutions.csv", 1, 0, "crlf-line-end"),
    ]
    by_code = {p.code: p for p in problems}
    assert by_code["unknown-place"].message == (
        '"Бөрлу ауданы" matches no place name or alias; did you mean "borli" (Бөрлі ауданы)?')
    assert by_code["unknown-place"].fix.startswith('use place_id "borli" (its name and aliases are in ')
    assert by_code["stray-whitespace"].fix == 'write "Бөрлі ауданы әкімінің аппараты"'
    assert by_code["letter-spacing"].fix == 'write "мектебі"'
    assert by_code["control-character"].message.startswith('field "organization_kk": control character U+200B')
    assert all(p.severity == "error" for p in problems)


def test_quality_family_flags_are_warnings():
    problems = validate_datasets(INVALID / "quality")
    assert positions(problems, INVALID / "quality") == [
        ("programs/data/program_jobs.csv", 13, 8, "total-mismatch"),
        ("programs/data/programs.csv", 2, 2, "period-mismatch"),
        ("quotas/data/quotas.csv", 3, 8, "percent-out-of-band"),
        ("quotas/data/quotas.csv", 3, 9, "jobs-mismatch"),
        ("quotas/data/quotas.csv", 5, 8, "percent-out-of-band"),  # headcount 30: below every band
        ("resolutions/data/annexes.csv", 3, 6, "annex-date-mismatch"),
        ("resolutions/data/annexes.csv", 4, 6, "annex-date-mismatch"),
        ("resolutions/data/annexes.csv", 5, 6, "annex-date-mismatch"),
        ("resolutions/data/staffing.csv", 6, 8, "total-mismatch"),
    ]
    assert not has_errors(problems)
    messages = [p.message for p in problems]
    assert messages[0] == "printed total 6100 differs from the sum of its 11 places, 6095"
    assert messages[2] == ('2% for a headcount of 101: legal_bands "disability-101-250" sets 3% '
                           "for disability at 101–250 employees")
    assert messages[3] == "jobs = 1, but 101 × 2% = 2.02, which rounds to 2 or 3"
    assert messages[4] == "2% for a headcount of 30: no band of legal_bands covers that headcount for disability"
    assert messages[-1] == "printed total 8 differs from the sum of its 4 positions, 7"


def test_bands_come_from_the_data_not_the_code(tmp_path):
    """Change the band in legal_bands.csv and the flags follow."""
    import shutil

    root = tmp_path / "datasets"
    shutil.copytree(INVALID / "quality", root)
    rules_csv = root / "quotas/data/legal_bands.csv"
    rules_csv.write_text(rules_csv.read_text(encoding="utf-8").replace(
        "disability-101-250,disability,101,250,3,3", "disability-101-250,disability,101,250,2,3"), encoding="utf-8")
    codes = [(p.row, p.code) for p in validate_datasets(root) if p.path.endswith("quotas.csv")]
    assert codes == [(3, "jobs-mismatch"), (5, "percent-out-of-band")]


def test_a_coded_value_without_a_label_is_a_descriptor_error(valid_datasets):
    """Every enum value has kk, ru and en titles (enumTitles; enumShortTitles where a field
    has them): take some away and validation names the file, resource, field and value."""
    descriptor = valid_datasets / "quotas" / "datapackage.json"
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    category = next(f for f in pkg["resources"][0]["schema"]["fields"] if f["name"] == "category")
    del category["enumTitles"]["probation"]
    del category["enumTitles"]["disability"]["ru"]
    category["enumShortTitles"]["disability"]["en"] = " "
    del category["enumShortTitles"]["probation"]["kk"]
    del category["enumShortTitles"]["probation"]["ru"]
    descriptor.write_text(json.dumps(pkg, ensure_ascii=False), encoding="utf-8")
    places = valid_datasets / "places" / "datapackage.json"  # its field "kind" loses enumTitles
    text = places.read_text(encoding="utf-8")
    places.write_text(re.sub(r',\n\s*"enumTitles": \{.*\}\}\}', "}", text), encoding="utf-8")

    problems = validate_datasets(valid_datasets)
    quotas = f'{display(descriptor)}: missing-enum-title: resource "quotas", field "category": '
    assert [(p.format(), p.package, p.resource) for p in problems] == [
        (f'{display(places)}: missing-enum-title: resource "places", field "kind": has an enum but '
         "no enumTitles object\n"
         '  fix: add "enumTitles" to field "kind", one entry per enum value: '
         '{"region": {"kk": "…", "ru": "…", "en": "…"}, …}', "places", "places"),
        (quotas + 'enumShortTitles["disability"] has no en title\n'
         '  fix: write the en title in enumShortTitles["disability"] of field "category"', "quotas", "quotas"),
        (quotas + 'enumShortTitles["probation"] has no kk and ru titles\n'
         '  fix: write the kk and ru titles in enumShortTitles["probation"] of field "category"', "quotas", "quotas"),
        (quotas + 'enumTitles has no entry for "probation"\n'
         '  fix: add "probation": {"kk": "…", "ru": "…", "en": "…"} to the enumTitles of field "category"',
         "quotas", "quotas"),
        (quotas + 'enumTitles["disability"] has no ru title\n'
         '  fix: write the ru title in enumTitles["disability"] of field "category"', "quotas", "quotas"),
    ]
    assert has_errors(problems)


def test_real_data_passes_with_its_quality_flags():
    problems = validate_datasets(DATASETS)
    assert not has_errors(problems), [p.format() for p in problems if p.severity == "error"]
    assert positions(problems, DATASETS) == [
        # the programme's title prints "2005-5007" for its period 2005–2007
        ("programs/data/programs.csv", 2, 2, "period-mismatch"),
        # seed 000: row_no 4 (line 5), 7, 28 are outside the band; 4, 13, 14, 21, 28, 38, 51
        # match no rounding (datasets/quotas/README.md, "Known issues")
        ("quotas/data/quotas.csv", 5, 8, "percent-out-of-band"),
        ("quotas/data/quotas.csv", 5, 9, "jobs-mismatch"),
        ("quotas/data/quotas.csv", 8, 8, "percent-out-of-band"),
        ("quotas/data/quotas.csv", 14, 9, "jobs-mismatch"),
        ("quotas/data/quotas.csv", 15, 9, "jobs-mismatch"),
        ("quotas/data/quotas.csv", 22, 9, "jobs-mismatch"),
        ("quotas/data/quotas.csv", 29, 8, "percent-out-of-band"),
        ("quotas/data/quotas.csv", 29, 9, "jobs-mismatch"),
        ("quotas/data/quotas.csv", 39, 9, "jobs-mismatch"),
        ("quotas/data/quotas.csv", 52, 9, "jobs-mismatch"),
        # No. 593 of 2022: its three annex headers print 2023 (No. 299's 2026 headers are the
        # wording of the amending act No. 28 of 2026, so they agree)
        ("resolutions/data/annexes.csv", 3, 6, "annex-date-mismatch"),
        ("resolutions/data/annexes.csv", 4, 6, "annex-date-mismatch"),
        ("resolutions/data/annexes.csv", 5, 6, "annex-date-mismatch"),
    ]
    quota_rows = {p.row - 1 for p in problems if p.code == "jobs-mismatch"}
    assert quota_rows == {4, 13, 14, 21, 28, 38, 51}  # row_no = line - 1 in seed 000
    assert {(p.package, p.resource) for p in problems} == {
        ("programs", "programs"), ("quotas", "quotas"), ("resolutions", "annexes")}


def test_problems_are_sorted_and_carry_a_fix():
    problems = validate_datasets(INVALID / "hygiene")
    assert problems == sorted(problems)
    for p in problems:
        text = p.format()
        assert re.match(r"^\S+:\d+(:\d+)?: [a-z-]+: .+\n  fix: .+", text), text
        assert p.to_dict()["fix"] and p.to_dict()["severity"] == "error"


@pytest.mark.fault
def test_a_missing_folder_is_a_problem_not_a_traceback(tmp_path):
    assert [p.code for p in validate_datasets(tmp_path / "nowhere")] == ["package-error"]


@pytest.mark.fault
def test_a_crashing_rule_is_reported_and_the_others_still_run(valid_datasets, monkeypatch):
    def broken(table):
        raise RuntimeError("boom")

    monkeypatch.setattr("ashyq.rules.check_totals", broken)
    problems = validate_datasets(valid_datasets)
    assert {p.code for p in problems} == {"rule-error"}
    assert all('the check "totals" failed (RuntimeError: boom)' in p.message for p in problems)
    assert has_errors(problems)  # an unchecked file is not published


# ------------------------------------------------------------------ the registry

@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_documented(code):
    c = CODES[code]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", c.code)
    assert c.title and c.fix and c.explain, f"{code}: title, fix and explain are required"
    if c.severity == "warning":
        assert c.title_kk and c.explain_kk, f"{code}: a quality flag needs a Kazakh title and explanation"
        assert re.search("[әғқңөұүһі]", c.title_kk + c.explain_kk), f"{code}: the Kazakh text is not Kazakh"


def test_codes_table_in_datasets_readme_is_current():
    """datasets/README.md, "Validation", holds `codes_markdown()` between its markers.

    To refresh: ASHYQ_UPDATE_DOCS=1 .venv/bin/python -m pytest tests/test_validate.py -k readme
    """
    readme = DATASETS / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- codes:start -->\n", "<!-- codes:end -->"
    assert start in text and end in text, "datasets/README.md lacks the table of problem codes"
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    expected = head + start + codes_markdown() + end + tail
    if os.environ.get("ASHYQ_UPDATE_DOCS") and text != expected:
        readme.write_text(expected, encoding="utf-8")
        text = expected
    assert text == expected, "the table of codes is out of date: see this test's docstring"


def test_every_quality_flag_of_the_real_data_speaks_kazakh():
    from ashyq.paths import DATASETS

    flags = [p for p in validate_datasets(DATASETS) if p.severity == "warning"]
    assert flags and [p for p in flags if not p.message_kk] == []
    assert [p for p in flags if not p.message_ru] == []  # and Russian, for the Russian site


def test_every_numeric_field_declares_a_plausible_range(valid_datasets: Path) -> None:
    """A rating index of 57 (indices run 0–10) is an error, and so is a schema without a range."""
    assert validate_datasets(DATASETS) and not has_errors(validate_datasets(DATASETS))
    descriptor = valid_datasets / "quotas/datapackage.json"
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    jobs = next(f for f in pkg["resources"][0]["schema"]["fields"] if f["name"] == "jobs")
    del jobs["constraints"]["maximum"]
    descriptor.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")
    found = [(p.code, p.message) for p in validate_datasets(valid_datasets) if p.code == "missing-range"]
    assert found == [("missing-range", 'resource "quotas", field "jobs" (integer) has no maximum')]


@pytest.mark.fault
def test_a_number_beyond_its_plausible_range_is_an_error(tmp_path: Path) -> None:
    import shutil
    datasets = tmp_path / "datasets"
    shutil.copytree(DATASETS, datasets)
    ratings = datasets / "ratings/data/ratings.csv"
    lines = ratings.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1].replace(",4.57,", ",57,")
    ratings.write_text("\n".join(lines), encoding="utf-8")
    errors = [(p.row, p.code) for p in validate_datasets(datasets) if p.severity == "error"]
    assert errors == [(2, "constraint-error")]


@pytest.mark.fault
def test_a_range_written_high_to_low_is_an_error(tmp_path: Path) -> None:
    import shutil
    datasets = tmp_path / "datasets"
    shutil.copytree(DATASETS, datasets)
    import csv
    import io
    rules = datasets / "quotas/data/legal_bands.csv"
    rows = list(csv.DictReader(io.StringIO(rules.read_text(encoding="utf-8"))))
    rows[0]["percent_min"], rows[0]["percent_max"] = "5", "2"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    rules.write_text(out.getvalue(), encoding="utf-8")
    found = [(p.row, p.code, p.message) for p in validate_datasets(datasets) if p.code == "bounds-order"]
    assert found == [(2, "bounds-order", "percent_min = 5 is greater than percent_max = 2")]


@pytest.mark.parametrize("path, code, message, fix", [
    ("data/does-not-exist.csv", "missing-file", 'resources[0].path "data/does-not-exist.csv": there is no such file',
     "the package's CSV files: data/quotas.csv"),
    ("../../../../etc/passwd", "unsafe-path", 'resources[0].path "../../../../etc/passwd" leads outside the '
     "package folder", "a package may only read its own files"),
    ("/etc/passwd", "unsafe-path", 'resources[0].path "/etc/passwd" leads outside the package folder',
     "inside the package folder"),
])
@pytest.mark.fault
def test_a_resource_path_problem_names_the_key_and_the_fix(valid_datasets: Path, path: str, code: str,
                                                           message: str, fix: str) -> None:
    descriptor = valid_datasets / "quotas/datapackage.json"
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    pkg["resources"][0]["path"] = path
    descriptor.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")
    problems = [p for p in validate_datasets(valid_datasets) if p.path.endswith("quotas/datapackage.json")]
    assert [(p.code, p.message) for p in problems] == [(code, message)]
    assert fix in problems[0].format()
    assert "scheme-error" not in problems[0].format() and "descriptor is not valid" not in problems[0].format()
