"""The reference of the page contexts: every dataclass of ashyq.views and its modules (page
contexts and their parts: rows, links, figures) with what each field holds, from the `help`
that `views.documented` puts in the field's metadata.

`python -m ashyq.contexts` rewrites docs/page-contexts.md; tests/test_contexts.py fails when
a field has no help or when that file is out of date (Datasette's docs-sync style).
"""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import sys
from collections.abc import Iterable, Iterator
from types import ModuleType

from ashyq import views
from ashyq.paths import ROOT

REFERENCE = ROOT / "docs" / "page-contexts.md"


def iter_modules() -> Iterator[ModuleType]:
    """ashyq.views, then each of its modules by name."""
    yield views
    for info in sorted(pkgutil.iter_modules(views.__path__), key=lambda m: m.name):
        yield importlib.import_module(f"{views.__name__}.{info.name}")


def iter_dataclasses(modules: Iterable[ModuleType] | None = None) -> Iterator[type]:
    """The dataclasses defined in `modules` (not those they import), in the order of the source."""
    for module in iter_modules() if modules is None else modules:
        for obj in vars(module).values():
            if isinstance(obj, type) and dataclasses.is_dataclass(obj) and obj.__module__ == module.__name__:
                yield obj


def help_of(f: dataclasses.Field[object]) -> str:
    return str(f.metadata.get("help") or "").strip()


def undocumented(classes: Iterable[type]) -> list[str]:
    """`module.Class.field` of every field of `classes` without a help text."""
    return [f"{cls.__module__}.{cls.__qualname__}.{f.name}"
            for cls in classes for f in dataclasses.fields(cls) if not help_of(f)]


def undocumented_message(names: list[str]) -> str:
    lines = [f"{len(names)} page context field(s) without help: declare each as "
             "`name: type = documented(\"what it holds for the template\")` (ashyq.views.documented)"]
    return "\n".join(lines + [f"  {name}" for name in names])


def _cell(text: str) -> str:
    """Text on one line for a table cell or a paragraph: a "|" would end a cell, a "<" open an HTML
    tag ("<package>")."""
    return " ".join(text.split()).replace("|", "\\|").replace("<", "\\<")


def _default(f: dataclasses.Field[object]) -> str:
    if f.default is not dataclasses.MISSING:
        return f"`{f.default!r}`"
    if f.default_factory is not dataclasses.MISSING:
        return f"`{getattr(f.default_factory, '__name__', 'factory')}()`"
    return ""


def reference_markdown() -> str:
    """docs/page-contexts.md: each module's dataclasses with their fields, types and help."""
    out = ["# Page contexts", "",
           "What the templates of `site_templates/pages/` receive: the dataclasses of `ashyq/views/`",
           "(a page's context and its parts), field by field. Generated from the fields' `help`",
           "(`ashyq.views.documented`) by `python -m ashyq.contexts`; do not edit by hand.", ""]
    for module in iter_modules():
        classes = list(iter_dataclasses([module]))
        if not classes:
            continue
        out += [f"## `{module.__name__}`", ""]
        for cls in classes:
            out += [f"### `{cls.__name__}`", ""]
            if cls.__doc__ and not cls.__doc__.startswith(f"{cls.__name__}("):
                out += [_cell(cls.__doc__), ""]
            out += ["| field | type | default | what it holds |", "|---|---|---|---|"]
            for f in dataclasses.fields(cls):
                out.append(f"| `{f.name}` | `{_cell(str(f.type))}` | {_cell(_default(f))} | {_cell(help_of(f))} |")
            out.append("")
    return "\n".join(out)


def main() -> int:
    missing = undocumented(iter_dataclasses())
    if missing:
        print(undocumented_message(missing), file=sys.stderr)
        return 1
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE.write_text(reference_markdown(), encoding="utf-8")
    print(f"wrote {REFERENCE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
