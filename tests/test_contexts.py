"""Documented page contexts (STYLE.md, Datasette's template_contexts.py): every field of every
dataclass in ashyq.views and its modules says what it holds (`views.documented`), and
docs/page-contexts.md, generated from those help texts, is up to date."""

from __future__ import annotations

import ast
from dataclasses import dataclass

import pytest

from ashyq import contexts
from ashyq.paths import ROOT
from ashyq.views import documented

VIEWS = ROOT / "ashyq" / "views"


def assert_documented(classes: list[type]) -> None:
    missing = contexts.undocumented(classes)
    assert not missing, contexts.undocumented_message(missing)


def test_every_context_field_has_help():
    assert_documented(list(contexts.iter_dataclasses()))


def source_dataclasses() -> set[str]:
    """`module.Class` of every class decorated with @dataclass in ashyq/views/*.py, read with ast:
    the walk of the imported modules must miss none."""
    out = set()
    for path in sorted(VIEWS.glob("*.py")):
        module = "ashyq.views" if path.stem == "__init__" else f"ashyq.views.{path.stem}"
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and any(
                    "dataclass" in ast.unparse(d) for d in node.decorator_list):
                out.add(f"{module}.{node.name}")
    return out


def test_the_walk_finds_every_dataclass_of_the_views():
    found = {f"{cls.__module__}.{cls.__qualname__}" for cls in contexts.iter_dataclasses()}
    assert found == source_dataclasses()
    assert {"ashyq.views.RowSource", "ashyq.views.places.PlaceContext", "ashyq.views.programs.ProgramContext",
            "ashyq.views.resolutions.ResolutionContext", "ashyq.views.changes.HistoryContext"} <= found


@dataclass(frozen=True)
class UndocumentedExample:
    documented_field: str = documented("what it holds")
    bare: int = 0
    blank: str = documented("  ", default="")


def test_an_undocumented_field_fails_with_its_name():
    name = f"{UndocumentedExample.__module__}.UndocumentedExample"
    missing = contexts.undocumented([UndocumentedExample])
    assert missing == [f"{name}.bare", f"{name}.blank"]
    assert contexts.undocumented_message(missing).splitlines() == [
        '2 page context field(s) without help: declare each as `name: type = documented("what it holds for the '
        'template")` (ashyq.views.documented)',
        f"  {name}.bare",
        f"  {name}.blank",
    ]
    with pytest.raises(AssertionError, match=r"(?s)without help.*Example\.bare.*Example\.blank"):
        assert_documented([UndocumentedExample])


def test_documented_keeps_defaults_and_required_fields():
    @dataclass(frozen=True)
    class Example:
        required: str = documented("a required field")
        listed: list[str] = documented("a list", default_factory=list)
        named: str = documented("a default", default="x")

    assert Example("a") == Example(required="a", listed=[], named="x")
    with pytest.raises(TypeError):
        Example()  # type: ignore[call-arg]


def test_the_reference_is_up_to_date():
    """docs/page-contexts.md is what `python -m ashyq.contexts` writes (Datasette's docs-sync style)."""
    written = contexts.REFERENCE.read_text(encoding="utf-8") if contexts.REFERENCE.exists() else ""
    assert written == contexts.reference_markdown(), (
        "docs/page-contexts.md is out of date: run `python -m ashyq.contexts` and commit it")


def test_the_reference_lists_every_field_with_its_help():
    text = contexts.reference_markdown()
    assert "### `PlaceContext`" in text
    assert ("| `anchor` | `str` |  | the row's id on the page, e.g. \"row-disability-12\" |" in text)
    assert "| `flags` | `tuple[Flag, ...]` | `()` |" in text
    assert "`str \\| None`" in text  # a | in a type does not split the table's cell
