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
    "subprocess": {"gitlog", "search"},
    "pagefind_bin": {"search"},  # the site search index (ashyq/search.py)
    "xlsxwriter": {"exports"},
    "zipfile": {"exports"},
    "pdfplumber": {"reading"},  # ashyq/importer/reading.py: the importer's one PDF reader
    "pdfminer": {"reading"},
    "pypdfium2": {"reading"},
}
# modules that may import nothing from ashyq
LEAVES = {"paths", "problems"}
# package → modules of ashyq it may not import: views get everything from the model
# (files too: Model.files), so the catalog's reading functions are out of their reach
FORBIDDEN = {"views": {"ashyq.catalog", "ashyq.validate", "ashyq.build", "ashyq.gitlog"}}
# modules that do no I/O: these calls are forbidden in them
IO_CALLS = {"open", "read_csv", "to_csv", "read_text", "write_text", "read_bytes", "write_bytes",
            "stat", "iterdir", "is_dir", "is_file", "exists", "glob", "rglob"}
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


def iter_ashyq_modules(tree: ast.AST):
    """Modules of ashyq imported, however: `from ashyq import catalog` imports ashyq.catalog."""
    yield from iter_imports(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "ashyq" and node.level == 0:
            for alias in node.names:
                yield node.lineno, f"ashyq.{alias.name}"


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
        for line, name in sorted(set(iter_ashyq_modules(tree))):
            if name in FORBIDDEN.get(path.parent.name, set()):
                found.append(f"{where}:{line}: {path.parent.name}/{module} may not import {name}")
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


def test_a_view_that_imports_the_catalog_is_reported(tmp_path):
    views = tmp_path / "views"
    views.mkdir()
    (views / "pages.py").write_text("from ashyq import catalog, model\nimport ashyq.gitlog\n"
                                    "x = model.files\ny = path.stat()\n", encoding="utf-8")
    assert boundary_violations(tmp_path) == [
        "ashyq/views/pages.py:1: views/pages may not import ashyq.catalog",
        "ashyq/views/pages.py:2: views/pages may not import ashyq.gitlog",
        "ashyq/views/pages.py:4: pages may not do I/O (stat)",
    ]


def test_a_crossed_boundary_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "model.py").write_text("import os\nimport jinja2\nx = open('f')\n", encoding="utf-8")
    (tmp_path / "paths.py").write_text("from ashyq import text\n", encoding="utf-8")
    assert boundary_violations(tmp_path) == [
        "ashyq/model.py:2: model may not import jinja2",
        "ashyq/model.py:3: model may not do I/O (open)",
        "ashyq/paths.py:1: paths may not import from ashyq",
    ]


# The renderer runs as `mkdocs build` would, with nothing of ours inside it (DESIGN.md: no
# custom plugin or hook; Zensical, Material's successor, runs none), so it can be swapped.
MKDOCS_EVENTS = {f"on_{event}" for event in (
    "startup", "shutdown", "serve", "config", "pre_build", "files", "nav", "env", "post_build", "build_error",
    "pre_template", "template_context", "post_template", "pre_page", "page_read_source", "page_markdown",
    "page_content", "page_context", "post_page")}


def mkdocs_extensions(package: Path = PACKAGE) -> list[str]:
    """Every place in `package` that defines an mkdocs event, a plugin class, or registers one."""
    found: list[tuple[str, int, str]] = []
    for path in sorted(package.rglob("*.py")):
        where = f"ashyq/{path.relative_to(package).as_posix()}"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, name in iter_imports(tree):
            if name.startswith("mkdocs.plugins"):
                found.append((where, line, f"imports {name}"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in MKDOCS_EVENTS:
                found.append((where, node.lineno, f"defines {node.name}, an mkdocs event"))
            elif isinstance(node, ast.ClassDef) and any("BasePlugin" in ast.unparse(b) for b in node.bases):
                found.append((where, node.lineno, f"{node.name} is an mkdocs plugin"))
            elif isinstance(node, ast.Attribute) and node.attr in ("plugins", "hooks") and (
                    not isinstance(node.ctx, ast.Load) or _is_written(tree, node)):
                found.append((where, node.lineno, f"registers an mkdocs {node.attr[:-1]}"))
    return [f"{where}:{line}: {what}" for where, line, what in sorted(found)]


def _is_written(tree: ast.AST, attribute: ast.Attribute) -> bool:
    """`x.plugins[...] = ...`, `x.plugins.update(...)` and the like: the attribute changed in place."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and node.value is attribute and not isinstance(node.ctx, ast.Load):
            return True
        if (isinstance(node, ast.Attribute) and node.value is attribute
                and node.attr in ("update", "append", "insert", "setdefault", "__setitem__", "extend")):
            return True
    return False


def test_no_mkdocs_plugin_or_hook_in_the_package():
    assert mkdocs_extensions() == []


def test_mkdocs_yml_names_no_hooks_and_only_the_themes_own_plugins():
    from ashyq.settings import read_mkdocs_settings

    settings = read_mkdocs_settings()
    assert "hooks" not in settings
    names = [p if isinstance(p, str) else next(iter(p)) for p in settings.get("plugins", [])]
    assert set(names) <= {"search"}  # Material's own (Zensical has it built in)


def test_an_mkdocs_plugin_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "build.py").write_text(
        "from mkdocs.plugins import BasePlugin\n"
        "class Blocks(BasePlugin):\n"
        "    def on_post_page(self, output, page, config):\n"
        "        return output\n"
        "def run(config, blocks):\n"
        "    config.plugins['blocks'] = blocks\n"
        "    config.plugins.update(x=blocks)\n"
        "    return config.plugins['search']\n", encoding="utf-8")
    assert mkdocs_extensions(tmp_path) == [
        "ashyq/build.py:1: imports mkdocs.plugins",
        "ashyq/build.py:2: Blocks is an mkdocs plugin",
        "ashyq/build.py:3: defines on_post_page, an mkdocs event",
        "ashyq/build.py:6: registers an mkdocs plugin",
        "ashyq/build.py:7: registers an mkdocs plugin",
    ]
