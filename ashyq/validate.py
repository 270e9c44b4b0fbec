"""Validation: frictionless structure checks plus our own rules, as a list of Problems.

Never raises on bad data: whatever is wrong with a package becomes a Problem with a
position and a fix. Rules that span packages (cross-package foreign keys) live here too.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
from frictionless import Package

from ashyq.catalog import DESCRIPTOR, PackageInfo, iter_package_dirs, read_descriptor
from ashyq.problems import CODES, Problem


def display_path(path: Path) -> str:
    """A path as people should see it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def validate_datasets(datasets: Path) -> list[Problem]:
    """Validate every package under `datasets`, sorted by position."""
    problems: list[Problem] = []
    packages: dict[str, PackageInfo] = {}
    for root in iter_package_dirs(datasets):
        pkg, found = validate_package(root)
        problems += found
        if pkg is not None:
            packages[pkg.name] = pkg
    for pkg in packages.values():
        problems += check_external_keys(pkg, packages)
    return sorted(set(problems))


def validate_package(root: Path) -> tuple[PackageInfo | None, list[Problem]]:
    """Frictionless validation of one package folder: structure, types, constraints, keys."""
    where = display_path(root / DESCRIPTOR)
    try:
        descriptor = read_descriptor(root)
    except UnicodeDecodeError as exc:
        return None, [Problem(where, code="encoding-error", message=f"not UTF-8: {exc.reason}")]
    except (OSError, ValueError) as exc:
        return None, [Problem(where, code="package-error", message=f"cannot be read: {exc}")]
    pkg = PackageInfo(root.name, root, descriptor)
    problems = []
    try:
        # frictionless is untrusted by default: a resource path may not leave its package folder
        report = Package(descriptor, basepath=str(root)).validate()
    except Exception as exc:  # frictionless raises on descriptors it cannot even load
        msg = getattr(getattr(exc, "error", None), "message", None) or str(exc)
        return None, [Problem(where, code="package-error", message=msg)]
    for err in report.errors:
        problems.append(Problem(where, code=_code(err.type), message=err.message))
    for task in report.tasks:
        path = display_path(root / str(task.place)) if task.place else where
        for err in task.errors:
            problems.append(replace(_problem_from_error(path, err), package=pkg.name, resource=task.name))
    return pkg, problems


def _code(error_type: str) -> str:
    return error_type if error_type in CODES else "general-error"


def _problem_from_error(path: str, err: Any) -> Problem:
    row = getattr(err, "row_number", None) or 0
    col = getattr(err, "field_number", None) or 0
    code = _code(err.type)
    name = getattr(err, "field_name", "")
    cell = getattr(err, "cell", None)
    if code == "type-error":
        # frictionless puts the expected type only in the note: 'type is "integer/default"'
        found = re.search(r'type is "(\w+)', err.note or "")
        expected = _article(found.group(1)) if found else "another type"
        message = f'field "{name}" expects {expected}, got {json.dumps(cell, ensure_ascii=False)}'
        return Problem(path, row, col, code, message)
    if code == "constraint-error":
        message = f'field "{name}": {json.dumps(cell, ensure_ascii=False)} breaks the constraint: {err.note}'
        return Problem(path, row, col, code, message)
    if code in ("primary-key", "foreign-key", "unique-error"):
        return Problem(path, row, col, code, err.note)
    return Problem(path, row, col, code, err.message)


def _article(type_name: str) -> str:
    return f"an {type_name}" if type_name[:1] in "aeiou" else f"a {type_name}"


def check_external_keys(pkg: PackageInfo, packages: dict[str, PackageInfo]) -> list[Problem]:
    """Cross-package foreign keys (schema property `externalForeignKeys`, see datasets/README.md)."""
    from ashyq.catalog import read_table  # pandas import deferred: only needed here

    problems: list[Problem] = []
    for res in pkg.resources():
        keys = res.schema.get("externalForeignKeys") or []
        if not keys or not res.path.is_file():
            continue
        path = display_path(res.path)
        try:
            df = read_table(res)
        except Exception:
            continue  # unreadable tables are already reported by frictionless
        for fk in keys:
            fields = _as_list(fk.get("fields"))
            ref = fk.get("reference", {})
            ref_fields = _as_list(ref.get("fields"))
            target = packages.get(str(ref.get("package")))
            target_res = target.resource(str(ref.get("resource"))) if target else None
            if target is None or target_res is None or not target_res.path.is_file():
                problems.append(Problem(
                    display_path(pkg.root / DESCRIPTOR), code="unknown-package",
                    message=f'resource "{res.name}" refers to {ref.get("package")}/{ref.get("resource")}, '
                            "which does not exist or cannot be read"))
                continue
            try:
                known = set(_key_tuples(read_table(target_res), ref_fields))
            except Exception:
                continue
            cols = [res.fields.index(f) + 1 for f in res.fields if f.get("name") in fields]
            if any(f not in df.columns for f in fields):
                continue
            for i, values in enumerate(_key_tuples(df, fields)):
                if None in values or values in known:
                    continue  # an empty reference is a matter for `required`, not for the key
                shown = ", ".join(str(v) for v in values)
                problems.append(Problem(
                    path, i + 2, cols[0] if cols else 0, "foreign-key", package=pkg.name, resource=res.name,
                    message=f'{"/".join(fields)} "{shown}" is not a {"/".join(ref_fields)} of '
                            f"{target.name}/{target_res.name}",
                    fix=f"use a {'/'.join(ref_fields)} listed in {display_path(target_res.path)}"))
    return problems


def _key_tuples(df: Any, columns: list[str]) -> list[tuple[str | None, ...]]:
    """Rows' values of `columns` as text tuples, None for a missing value."""
    text = df[columns].astype("string")
    return [tuple(None if v is pd.NA else str(v) for v in row)
            for row in text.itertuples(index=False, name=None)]


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []
