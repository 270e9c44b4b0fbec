"""Validation: frictionless structure checks plus our own rules, as a list of Problems.

The entry point is `validate_datasets`. Per package: frictionless (encoding, header, types,
constraints, primary and foreign keys within the package), then per resource file the rules
of `ashyq.rules` (hygiene errors, quality warnings) and the labels of its coded values
(`enumTitles`); across packages, the foreign keys of the schema property
`externalForeignKeys` (datasets/README.md).

Never raises: whatever is wrong with a package becomes a Problem with a position and a fix,
and each package and each rule runs inside its own guard, so a rule that trips over data it
did not expect reports `rule-error` at the file instead of a traceback.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import replace
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

import pandas as pd
from frictionless import Package

from ashyq import cache, rules, workers
from ashyq.catalog import DESCRIPTOR, PackageInfo, ResourceInfo, iter_package_dirs, read_descriptor
from ashyq.places import Gazetteer
from ashyq.problems import CODES, Problem

TableKey = tuple[str, str]  # (package, resource)


def display_path(path: Path) -> str:
    """A path as people should see it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def validate_datasets(datasets: Path, progress: Callable[[str], None] | None = None) -> list[Problem]:
    """Validate every package under `datasets`: every problem, sorted by position.

    `progress`, when given, is told which step runs (the CLI shows it on a large corpus)."""
    with workers.pool() as pool:
        return start_validation(datasets, progress, pool).result()


class Validation:
    """A validation under way: our own rules are done, frictionless's checks may still run
    in the worker process. The build renders pages from `own` meanwhile, and publishes
    only if `result()` has no errors."""

    def __init__(self, own: list[Problem], checks: list[tuple[str, Future[list[Problem]]]]):
        self._own = own
        self._checks = checks  # (where, frictionless's problems of one package)
        self._result: list[Problem] | None = None

    @property
    def own(self) -> list[Problem]:
        """The problems our own rules found (hygiene errors and quality warnings)."""
        return sorted(set(_drop_flags_on_broken_rows(self._own)))

    def finished(self) -> bool:
        """Whether frictionless is done, so that `result()` would not wait."""
        return all(check.done() for _, check in self._checks)

    def result(self) -> list[Problem]:
        """Every problem, sorted by position (waits for frictionless)."""
        if self._result is None:
            problems = list(self._own)
            for where, check in self._checks:
                try:
                    problems += check.result()
                except Exception as exc:  # noqa: BLE001 - a crashed worker is a problem to report
                    problems.append(_crash(where, "frictionless", exc))
            problems = _drop_pattern_errors_explained(_drop_duplicate_encoding_errors(problems))
            self._result = sorted(set(_drop_flags_on_broken_rows(problems)))
        return self._result


def start_validation(datasets: Path, progress: Callable[[str], None] | None, pool: Executor,
                     kept: Path | None = None) -> Validation:
    """Hand frictionless's checks of every package to `pool`, then run our own rules here.
    Never raises: whatever goes wrong is a problem of the result. `kept`: a folder where each
    package's checks are kept with the digest of its files (cache.Slots), so that a package
    whose files did not change is not checked again."""
    checks: list[tuple[str, Future[list[Problem]]]] = []
    try:
        return Validation(_validate(datasets, progress or _quiet, pool, checks, kept), checks)
    except Exception as exc:  # noqa: BLE001 - the validator never raises by contract
        return Validation([_crash(display_path(datasets), "validation", exc)], checks)


def _quiet(_step: str) -> None:
    pass


def _validate(datasets: Path, progress: Callable[[str], None], pool: Executor,
              checks: list[tuple[str, Future[list[Problem]]]], kept: Path | None = None) -> list[Problem]:
    if not datasets.is_dir():
        return [Problem(display_path(datasets), code="package-error",
                        message="no such folder: the data packages live in datasets/<package>/")]
    problems: list[Problem] = []
    packages: dict[str, PackageInfo] = {}
    tables: dict[TableKey, rules.Table] = {}
    roots = list(iter_package_dirs(datasets))
    opened = {root: open_package(root) for root in roots}
    if kept is not None:  # the checks of packages gone (removed, renamed) are not kept
        cache.Slots(kept).prune(keep={f"{root.name}.pickle" for root in roots})
    # the largest packages first: the worker finishes sooner
    for root in sorted(roots, key=_package_bytes, reverse=True):
        if opened[root][0] is not None:
            checks.append((display_path(root / DESCRIPTOR),
                           pool.submit(package_checks, root.resolve(), display_path(root), kept)))
    for root in roots:
        progress(f"validate {root.name}")
        pkg, found = opened[root]
        problems += found
        if pkg is None:
            continue
        packages[pkg.name] = pkg
        problems += _guard(display_path(root / DESCRIPTOR), "enum-titles", partial(check_enum_titles, pkg))
        problems += _guard(display_path(root / DESCRIPTOR), "numeric-ranges", partial(check_numeric_ranges, pkg))
        for res in pkg.resources():
            try:
                found, table = check_resource_file(pkg, res)
            except Exception as exc:  # noqa: BLE001
                found, table = [_crash(display_path(res.path), "read", exc)], None
            problems += found
            if table is not None:
                tables[(pkg.name, res.name)] = table

    progress("validate rules across tables")
    gazetteer, places_shown = _gazetteer(tables)
    for table in tables.values():
        for name, rule in rules.iter_table_rules(table, tables, gazetteer, places_shown):
            problems += _guard(table.shown, name, rule)
    for pkg in packages.values():
        problems += _guard(display_path(pkg.root / DESCRIPTOR), "externalForeignKeys",
                           lambda pkg=pkg: check_external_keys(pkg, packages, tables))  # type: ignore[misc]
    return problems


def _package_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*.csv") if p.is_file())


def _drop_flags_on_broken_rows(problems: list[Problem]) -> list[Problem]:
    """A quality flag on a row that has an error is noise: the error is what to fix first
    (a headcount of -5 is a constraint error, not also a jobs mismatch)."""
    broken = {(p.path, p.row) for p in problems if p.row and p.severity == "error"}
    return [p for p in problems if p.severity == "error" or (p.path, p.row) not in broken]


def _guard(where: str, rule: str, run: Callable[[], list[Problem]]) -> list[Problem]:
    """Run one rule; a crash becomes a rule-error problem at the file."""
    try:
        return run()
    except Exception as exc:  # noqa: BLE001 - one failing rule must not hide the others
        return [_crash(where, rule, exc)]


def _crash(where: str, rule: str, exc: Exception) -> Problem:
    return Problem(where, code="rule-error",
                   message=f'the check "{rule}" failed ({type(exc).__name__}: {exc}), so this '
                           "file is unchecked")


# ------------------------------------------------------------------ frictionless

def open_package(root: Path) -> tuple[PackageInfo | None, list[Problem]]:
    """A package folder's descriptor, if frictionless can load it (None and the problem
    otherwise: its resources are then not checked at all)."""
    where = display_path(root / DESCRIPTOR)
    try:
        descriptor = read_descriptor(root)
    except UnicodeDecodeError as exc:
        return None, [Problem(where, code="encoding-error", message=f"not UTF-8: {exc.reason}")]
    except (OSError, ValueError) as exc:
        return None, [Problem(where, code="package-error", message=f"cannot be read: {exc}")]
    paths = resource_path_problems(root, descriptor, where) or resource_shape_problems(root, descriptor)
    if paths:  # said in the contributor's terms, before frictionless says it in its own (or chokes)
        return None, paths
    try:
        # frictionless is untrusted by default: a resource path may not leave its package folder
        Package(descriptor, basepath=str(root))
    except Exception as exc:  # frictionless raises on descriptors it cannot even load
        return None, descriptor_problems(exc, root, descriptor, where)
    return PackageInfo(root.name, root, descriptor), []


def descriptor_problems(exc: Exception, root: Path, descriptor: dict[str, Any], where: str) -> list[Problem]:
    """What frictionless found wrong with a descriptor, in the contributor's terms: its
    "descriptor is not valid" says neither what nor where, so each of its reasons becomes a
    problem that names the resource (`resources[i]`, its name) and what is wrong there."""
    reasons = getattr(exc, "reasons", None) or [getattr(exc, "error", None)]
    key = _failing_resource(root, descriptor)
    fix = (f"correct {key or 'the package keys'} in datapackage.json as said; a resource of another package "
           "under datasets/ shows the shape it takes")
    problems = []
    for reason in reasons:
        kind = _code(str(getattr(reason, "type", "")))
        note = str(getattr(reason, "note", "") or getattr(reason, "message", "") or exc)
        problems.append(Problem(where, code="package-error" if kind == "general-error" else kind,
                                message=f"{key or 'the descriptor'} is not valid: {note}", fix=fix))
    return problems


def _failing_resource(root: Path, descriptor: dict[str, Any]) -> str:
    """`resources[i] ("name")` of the first resource frictionless refuses on its own; ""
    when each is fine alone (the problem is in the package's own keys)."""
    from frictionless import Resource

    for i, res in enumerate(descriptor.get("resources") or []):
        try:
            Resource(res, basepath=str(root))
        except Exception:  # noqa: BLE001 - this is the one
            name = res.get("name") if isinstance(res, dict) else None
            return f'resources[{i}]' + (f' ("{name}")' if name else "")
    return ""


def resource_path_problems(root: Path, descriptor: dict[str, Any], where: str) -> list[Problem]:
    """Each resource's `path` names a file inside the package folder that exists."""
    resources = descriptor.get("resources")
    if not isinstance(resources, list):
        return []
    problems = []
    folder = root.resolve()
    for i, res in enumerate(resources):
        path = res.get("path") if isinstance(res, dict) else None
        key = f"resources[{i}].path"
        if not isinstance(path, str) or not path:
            problems.append(Problem(where, code="missing-file", message=f"{key} is missing or not a text",
                                    fix='write the CSV\'s path inside the package, e.g. "path": "data/quotas.csv"'))
            continue
        target = (folder / path).resolve()
        if Path(path).is_absolute() or "://" in path or not target.is_relative_to(folder):
            problems.append(Problem(
                where, code="unsafe-path", message=f'{key} "{path}" leads outside the package folder',
                fix="write a path inside the package folder, e.g. data/<resource>.csv; a package may "
                    "only read its own files"))
        elif not target.is_file():
            present = sorted(p.relative_to(folder).as_posix() for p in (folder / "data").glob("*.csv")) \
                if (folder / "data").is_dir() else []
            problems.append(Problem(
                where, code="missing-file", message=f'{key} "{path}": there is no such file',
                fix="add the file, or correct the path" + (f" (the package's CSV files: {', '.join(present)})"
                                                           if present else "")))
    return problems


def resource_shape_problems(root: Path, descriptor: dict[str, Any]) -> list[Problem]:
    """Each resource file is small enough to publish and has no row thousands of cells wide
    (rules.check_shape): such a file is not given to frictionless, which would take minutes
    and gigabytes over it. Paths were checked by resource_path_problems."""
    problems: list[Problem] = []
    for res in descriptor.get("resources") or []:
        if isinstance(res, dict) and isinstance(res.get("path"), str):
            schema = res.get("schema")
            fields = schema.get("fields") if isinstance(schema, dict) else None
            fields = fields if isinstance(fields, list) else []
            path = root / res["path"]
            problems += rules.check_shape(path, display_path(path), len(fields))
    return problems


def package_checks(root: Path, shown: str, kept: Path | None = None) -> list[Problem]:
    """frictionless_problems of the package folder `root`, or, when the cache `kept` has them
    for the same bytes of every file of the folder, those."""
    return cache.Slots(kept).get(root.name, chain([shown.encode()], cache.folder_files(root)),
                                 partial(frictionless_problems, root, shown))


def frictionless_problems(root: Path, shown: str) -> list[Problem]:
    """Frictionless validation of one package folder (open_package has loaded it): structure,
    types, constraints, keys. Runs in the worker process; `shown` is the folder as people
    see it (display_path in the calling process, whose working directory may differ)."""
    where = f"{shown}/{DESCRIPTOR}"
    pkg = PackageInfo(root.name, root, read_descriptor(root))
    try:
        report = Package(pkg.descriptor, basepath=str(root)).validate()
    except Exception as exc:  # frictionless raises on descriptors it cannot even load
        msg = getattr(getattr(exc, "error", None), "message", None) or str(exc)
        return [Problem(where, code="package-error", message=msg)]
    problems = []
    for err in report.errors:
        problems.append(Problem(where, code=_code(err.type), message=err.message, package=pkg.name))
    for task in report.tasks:
        path = f"{shown}/{task.place}" if task.place else where
        for err in task.errors:
            problems.append(replace(_problem_from_error(path, err), package=pkg.name, resource=task.name))
    return problems


def _code(error_type: str) -> str:
    return error_type if error_type in CODES else "general-error"


_HEADER_ERRORS = {"incorrect-label", "missing-label", "extra-label", "duplicate-label", "blank-label",
                  "blank-header"}


def _problem_from_error(path: str, err: Any) -> Problem:
    row = getattr(err, "row_number", None) or 0
    if not row and err.type in _HEADER_ERRORS:
        row = 1  # frictionless gives label errors no row: they are on the header line
    col = getattr(err, "field_number", None) or 0
    code = _code(err.type)
    name = getattr(err, "field_name", "")
    cell = getattr(err, "cell", None)
    note = getattr(err, "note", "") or ""
    if code == "type-error":
        # frictionless puts the expected type only in the note: 'type is "integer/default"'
        found = re.search(r'type is "(\w+)', note)
        expected = _article(found.group(1)) if found else "another type"
        message = f'field "{name}" expects {expected}, got {json.dumps(cell, ensure_ascii=False)}'
        return Problem(path, row, col, code, message)
    if code == "constraint-error" and 'constraint "required"' in note:
        return Problem(path, row, col, "missing-value", f'field "{name}" is required but empty')
    if code == "constraint-error":
        message = f'field "{name}": {json.dumps(cell, ensure_ascii=False)} breaks the constraint: {note}'
        return Problem(path, row, col, code, message)
    if code in ("primary-key", "foreign-key", "unique-error"):
        return Problem(path, row, col, code, note or err.message)
    return Problem(path, row, col, code, err.message)


def _article(type_name: str) -> str:
    return f"an {type_name}" if type_name[:1] in "aeiou" else f"a {type_name}"


def _drop_duplicate_encoding_errors(problems: list[Problem]) -> list[Problem]:
    """Our byte check names the line of the first bad byte; frictionless's says only the file."""
    located = {p.path for p in problems if p.code == "encoding-error" and p.row}
    return [p for p in problems if not (p.code == "encoding-error" and not p.row and p.path in located)]


# A hygiene problem of a cell says more than the schema pattern it also breaks
# (organization_kk's `^\\S(.*\\S)?$` is there to forbid stray whitespace).
_CELL_HYGIENE = {"stray-whitespace", "control-character"}


def _drop_pattern_errors_explained(problems: list[Problem]) -> list[Problem]:
    cells = {(p.path, p.row, p.col) for p in problems if p.code in _CELL_HYGIENE}
    return [p for p in problems if not (p.code == "constraint-error" and 'constraint "pattern"' in p.message
                                        and (p.path, p.row, p.col) in cells)]


# ------------------------------------------------------------------ our rules

def check_resource_file(pkg: PackageInfo, res: ResourceInfo) -> tuple[list[Problem], rules.Table | None]:
    """Hygiene of the file's bytes, and the file parsed for the table rules.

    A path outside the package folder, or a missing file, is left to frictionless.
    """
    path = res.path.resolve()
    if not path.is_relative_to(pkg.root.resolve()) or not path.is_file():
        return [], None
    raw = path.read_bytes()
    shown = display_path(res.path)
    found = rules.check_bytes(raw, shown, pkg.name, res.name)
    table = rules.read_table(raw, pkg.name, res.name, shown, rules.schema_types(res.fields))
    return found, table


def _gazetteer(tables: dict[TableKey, rules.Table]) -> tuple[Gazetteer | None, str]:
    places = tables.get(("places", "places"))
    if places is None or not places.has("place_id", "kind"):
        return None, "datasets/places/data/places.csv"
    frame = places.df.copy()
    frame.columns = pd.Index(places.header)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    return Gazetteer(frame), places.shown


def check_enum_titles(pkg: PackageInfo) -> list[Problem]:
    """The labels of every coded field of the package's schemas (rules.check_enum_titles)."""
    shown = display_path(pkg.root / DESCRIPTOR)
    return [p for res in pkg.resources() for p in rules.check_enum_titles(shown, pkg.name, res.name, res.fields)]


def check_numeric_ranges(pkg: PackageInfo) -> list[Problem]:
    """The plausible range of every numeric field of the package's schemas."""
    shown = display_path(pkg.root / DESCRIPTOR)
    return [p for res in pkg.resources() for p in rules.check_numeric_ranges(shown, pkg.name, res.name, res.fields)]


def check_external_keys(pkg: PackageInfo, packages: dict[str, PackageInfo],
                        tables: dict[TableKey, rules.Table]) -> list[Problem]:
    """Cross-package foreign keys (schema property `externalForeignKeys`, see datasets/README.md).

    Set-based: the referenced keys are an index, the referring rows are tested with `isin`,
    and only the rows that fail are looked at one by one.
    """
    problems: list[Problem] = []
    for res in pkg.resources():
        keys = res.schema.get("externalForeignKeys") or []
        table = tables.get((pkg.name, res.name))
        if not isinstance(keys, list) or table is None:
            continue  # an unreadable table is already reported by frictionless
        for fk in keys:
            problems += _check_one_key(pkg, res, table, fk if isinstance(fk, dict) else {},
                                       packages, tables)
    return problems


def _check_one_key(pkg: PackageInfo, res: ResourceInfo, table: rules.Table, fk: dict[str, Any],
                   packages: dict[str, PackageInfo], tables: dict[TableKey, rules.Table]) -> list[Problem]:
    fields = _as_list(fk.get("fields"))
    ref_value = fk.get("reference")
    ref: dict[str, Any] = ref_value if isinstance(ref_value, dict) else {}
    ref_fields = _as_list(ref.get("fields"))
    target_name, target_res = str(ref.get("package")), str(ref.get("resource"))
    target = tables.get((target_name, target_res))
    if target_name not in packages or target is None or not fields or len(fields) != len(ref_fields):
        return [Problem(display_path(pkg.root / DESCRIPTOR), code="unknown-package",
                        package=pkg.name, resource=res.name,
                        message=f'resource "{res.name}" refers to {target_name}/{target_res} '
                                f'({", ".join(ref_fields)}), which does not exist or cannot be read')]
    if not table.has(*fields) or not target.has(*ref_fields):
        return []  # a missing column is a missing-label error already
    mine = pd.DataFrame({f: table.text(f) for f in fields})
    theirs = pd.DataFrame({f: target.text(r) for f, r in zip(fields, ref_fields)})
    filled = (mine != "").all(axis=1)  # an empty reference is a matter for `required`
    if len(fields) == 1:
        known = mine[fields[0]].isin(set(theirs[fields[0]]))
    else:
        known = pd.Series(pd.MultiIndex.from_frame(mine).isin(pd.MultiIndex.from_frame(theirs)),
                          index=mine.index)
    bad = mine[filled & ~known]
    where = target.shown
    return [table.problem(
        row, fields[0], "foreign-key",
        f'{"/".join(fields)} "{", ".join(values)}" is not a {"/".join(ref_fields)} of '
        f"{target_name}/{target_res}",
        f"use a {'/'.join(ref_fields)} listed in {where}")
        for row, *values in bad.itertuples(name=None)]


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


# ------------------------------------------------------------------ documents are immutable

def check_sources_kept(changed: list[tuple[str, str]], head: Path, base: str) -> list[Problem]:
    """A pull request may add source documents, never edit one, nor delete one that rows of
    `head` (its datasets folder, exported) still cite in a `source_path` field.

    `changed` is gitlog.source_changes(BASE, HEAD); paths are "datasets/<package>/sources/…"."""
    problems = []
    removed = {path for status, path in changed if status == "D"}
    cited = _citing_rows(head, removed) if removed else {}
    for status, path in sorted(changed, key=lambda c: c[1]):
        if status == "M":
            problems.append(Problem(
                path, code="source-edited",
                message=f"this source document differs from its version in {base[:10]}: a source copy is the "
                        "document as published, and rows cite its lines",
                fix=f"undo the change (git checkout {base[:10]} -- {path}); to bring in another text of the "
                    "act, add it as a new file in sources/ and point the rows' source_path and source_lines at it"))
        elif status == "D" and path in cited:
            where, row, count = cited[path]
            problems.append(Problem(
                path, code="source-removed",
                message=f"this source document was removed, but {count} row(s) still cite it, the first at "
                        f"{where}:{row}",
                fix=f"restore it (git checkout {base[:10]} -- {path}), or first point those rows' source_path "
                    "at another source file"))
    return problems


def _citing_rows(head: Path, paths: set[str]) -> dict[str, tuple[str, int, int]]:
    """For each of `paths`, the first row of `head` that cites it (file, CSV line) and how
    many do. Reads only the `source_path` column, one row at a time."""
    cited: dict[str, tuple[str, int, int]] = {}
    for root in iter_package_dirs(head):
        pkg, _ = open_package(root)
        for res in pkg.resources() if pkg else []:
            if "source_path" not in {f.get("name") for f in res.fields} or not res.path.is_file():
                continue
            shown = f"datasets/{root.name}/{res.relpath}"
            with open(res.path, encoding="utf-8", errors="replace", newline="") as f:
                reader = csv.reader(f)
                header = next(reader, [])
                if "source_path" not in header:
                    continue
                col = header.index("source_path")
                for number, row in enumerate(reader, start=2):  # row numbers as frictionless counts them
                    value = row[col] if col < len(row) else ""
                    if value in paths:
                        first = cited.get(value)
                        cited[value] = (first[0], first[1], first[2] + 1) if first else (shown, number, 1)
    return cited
