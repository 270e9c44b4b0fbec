"""`ashyq import FILE [--format text|json] [--write] [--datasets DIR]`: what the CLI runs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ashyq.importer import FORMAT_VERSION, ImportProblem, ImportResult, import_act
from ashyq.importer.reading import ReadError
from ashyq.importer.writing import WriteRefused, rollback, write_import
from ashyq.places import Gazetteer


def _say(*lines: str) -> None:
    print("\n".join(lines), file=sys.stderr)


def cmd_import(file: Path, datasets: Path, fmt: str, write: bool) -> int:
    """Exit 0 when the act was read (and, with --write, written and valid); 1 otherwise.
    Nothing is written unless --write is given and the import has no error."""
    places = datasets / "places" / "data" / "places.csv"
    if not places.is_file():
        _say(f"{places}: no-gazetteer: the places package is missing",
             "  fix: run ashyq in the repository's folder, or give --datasets DIR")
        return 1
    try:
        result = import_act(file, Gazetteer.from_csv(places))
    except ReadError as exc:
        if fmt == "json":  # the same shape as a read act's, with nothing read
            print(json.dumps({
                "format": FORMAT_VERSION,
                "source": {"path": str(file), "kind": None, "language": "", "lines": 0},
                "resolution": None, "quota_rules": [], "quotas": [],
                "problems": [{"code": exc.code, "line": 0, "message": exc.message, "fix": exc.fix,
                              "severity": "error"}]}, ensure_ascii=False, indent=2))
        _say(f"{exc.message}", f"  {exc.code}: nothing was read or written", f"  fix: {exc.fix}")
        return 1
    except Exception as exc:  # noqa: BLE001 - a bug of ours: say so, without a traceback
        _say(f"{file}: importer-bug: the importer failed on this file ({type(exc).__name__}: {exc})",
             "  fix: nothing was written; please open an issue with the file attached")
        return 1
    if not write:
        _print(result, fmt, file)
        return 0 if result.ok else 1
    if not result.ok:
        _print(result, fmt, file)
        _say("not written: the import has errors (above); fix them or add the rows by hand")
        return 1
    try:
        report, before = write_import(result, datasets)
    except WriteRefused as exc:
        _print(result, fmt, file)
        _say(f"{exc.message}", f"  {exc.code}: nothing was written", f"  fix: {exc.fix}")
        return 1
    except OSError as exc:
        _say(f"{file}: write-failed: {exc}", "  fix: check that datasets/ is writable; nothing was kept")
        return 1
    from ashyq.validate import validate_datasets

    try:
        problems = validate_datasets(datasets)
    except Exception as exc:  # noqa: BLE001 - never leave half-written data behind
        rollback(before)
        _say(f"validation failed to run ({type(exc).__name__}); everything written was undone")
        return 1
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        rollback(before)
        _print(result, fmt, file)
        for p in errors:
            _say(p.format())
        _say(f"not kept: the rows written break {len(errors)} validation rule(s) (above); every file was put back "
             "as it was", "  fix: correct what the problems say (often in the act's text or places.csv), then "
             "import again; or add the rows by hand")
        return 1
    if fmt == "json":
        data = result.to_json()
        data["written"] = {"resolution_id": report.resolution_id, "source_path": report.source_path,
                           "added": report.added}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print(result, fmt, file)
        print()
        print(f"written: resolution {report.resolution_id}, source {report.source_path}")
        for name, count in report.added.items():
            print(f"  + {count} row(s) in {name}.csv")
        if not report.by_hand:
            print("  + the source listed in quotas/datapackage.json (sources)")
        print("valid: the datasets folder passes `ashyq validate`" + (
            f" ({len(problems)} warning(s))" if problems else ""))
        print()
        print("Check by hand before you commit:")
        for line in report.by_hand + _checklist(result):
            print(f"  - {line}")
    return 0


def _checklist(result: ImportResult) -> list[str]:
    out = [
        "resolutions.csv: legal_basis_kk is the preamble as printed; put back the words the PDF text moved",
        "resolutions.csv: official_url (the act's page on adilet.zan.kz) is empty; add it if you find it",
        "every row's values against the act's lines (source_lines); names as printed, figures as printed",
    ]
    if result.head.registration is None:
        out.append("registration_number and registered_on: the text prints none; fill them if the act was registered")
    for p in result.problems:
        out.append(f"line {p.line}: {p.code}: {p.message}")
    return out


def _print(result: ImportResult, fmt: str, file: Path) -> None:
    if fmt == "json":
        print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    data = result.to_json()
    res = data["resolution"]
    print(f"{file}: {data['source']['kind']}, {data['source']['lines']} lines, language {result.language or '?'}")
    if result.head.heading_line:
        print(f"resolution: {res['resolution_id'] or '?'}: {res['issuer']} № {res['number']} of {res['adopted_on']}"
              f" (place {res['place_id'] or '?'})")
        print(f"  title: {res['title']}")
        reg = res["registration"]
        print(f"  registration: {'№ ' + reg['number'] + ' of ' + str(reg['date']) if reg else 'none printed'}")
        if res["repealed_by"]:
            print(f"  repealed by № {res['repealed_by']['number']} of {res['repealed_by']['date']}")
        for a in res["amended_by"]:
            print(f"  amended by № {a['number']} of {a['date']}")
        print(f"  shape: {res['shape']}; categories: {', '.join(res['categories']) or 'none'}; year: {res['year']}")
    for r in data["quota_rules"]:
        tier = ("all employers" if r["headcount_min"] is None and r["headcount_max"] is None else
                f"headcount {r['headcount_min'] if r['headcount_min'] is not None else ''}–"
                f"{r['headcount_max'] if r['headcount_max'] is not None else ''}")
        pct = f"{r['percent']}" + (f"–{r['percent_max']}" if r["percent_max"] is not None else "")
        print(f"  rule {r['rule_no']}: {r['category']}, {tier}: {pct} % of {r['basis']} (lines {r['source_lines']})")
    if data["quotas"]:
        print(f"  organisations: {len(data['quotas'])} row(s) in {len(result.annexes)} annex(es)")
    _print_problems(result.problems, str(file))


def _print_problems(problems: list[ImportProblem], path: str) -> None:
    for p in problems:
        print(f"{p.severity}: " + p.format(path))
