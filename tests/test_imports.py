"""The package's boundaries (STYLE.md): who may import what, checked with `ast`."""

from __future__ import annotations

import ast
from pathlib import Path

from ashyq.paths import ROOT

PACKAGE = ROOT / "ashyq"

# library → the only modules that may import it
OWNERS = {
    "plotly": {"charts"},
    "jinja2": {"render"},
    "markupsafe": {"render"},
    "mkdocs": {"build"},
    "frictionless": {"validate"},
    "subprocess": {"gitlog"},
    "xlsxwriter": {"exports"},
    "zipfile": {"exports"},
}
# modules that may import nothing from ashyq
LEAVES = {"paths", "problems"}
# modules that do no I/O: these calls are forbidden in them
IO_CALLS = {"open", "read_csv", "to_csv", "read_text", "write_text", "read_bytes", "write_bytes"}
NO_IO = {"model": IO_CALLS}
# views turn the model into Outputs; catalog reads, build writes (ashyq/views/__init__.py)
NO_IO_PACKAGES = {"views": IO_CALLS}


def iter_imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module


def boundary_violations(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        module = path.stem
        where = f"ashyq/{path.relative_to(package).as_posix()}"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

        for line, name in iter_imports(tree):
            top = name.split(".")[0]
            if top in OWNERS and module not in OWNERS[top]:
                found.append(f"{where}:{line}: {module} may not import {top}")
            if module in LEAVES and top == "ashyq":
                found.append(f"{where}:{line}: {module} may not import from ashyq")
        forbidden = NO_IO.get(module) or NO_IO_PACKAGES.get(path.parent.name, set())
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and forbidden:
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in forbidden:
                    found.append(f"{where}:{node.lineno}: {module} may not do I/O ({name})")
    return found


def test_package_respects_its_boundaries():
    assert boundary_violations() == []


def test_a_crossed_boundary_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "model.py").write_text("import os\nimport jinja2\nx = open('f')\n", encoding="utf-8")
    (tmp_path / "paths.py").write_text("from ashyq import text\n", encoding="utf-8")
    assert boundary_violations(tmp_path) == [
        "ashyq/model.py:2: model may not import jinja2",
        "ashyq/model.py:3: model may not do I/O (open)",
        "ashyq/paths.py:1: paths may not import from ashyq",
    ]
