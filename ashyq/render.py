"""Pages from templates: the only module that imports jinja2.

Each page has a context dataclass; `render_*` turns it into the Markdown (with HTML
blocks) that mkdocs-material renders. Templates live in site_templates/pages/.
Autoescaping is on: every value from the data is text, never markup.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ashyq.charts import Chart
from ashyq.model import QuotaSummary
from ashyq.paths import SITE_TEMPLATES

PAGES = SITE_TEMPLATES / "pages"


@dataclass(frozen=True)
class Column:
    """A column of a data table on the site."""

    field: str
    title: str
    kind: str = "text"  # text | number | facet (text with a drop-down filter)
    width: int | None = None  # pixels: fixed for numbers, the minimum for text


@dataclass(frozen=True)
class Download:
    label: str
    href: str  # relative to the page
    note: str = ""


@dataclass(frozen=True)
class HomeContext:
    """Home page: what this is, headline figures, ways in."""

    quotas: QuotaSummary
    packages: list[tuple[str, str]]  # (name, title)


@dataclass(frozen=True)
class QuotasContext:
    """The quotas explorer: the table loads `rows_href`, a JSON file of all rows."""

    summary: QuotaSummary
    columns: list[Column]
    rows_href: str
    chart: Chart
    chart_rows: list[dict[str, Any]]
    downloads: list[Download] = field(default_factory=list)


def to_script_json(value: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '</script>' can close it."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def make_environment(templates: Path = PAGES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["script_json"] = to_script_json
    env.filters["dataclass_dict"] = asdict
    env.filters["thousands"] = lambda n: f"{int(n):,}".replace(",", "\u00a0")
    return env


_ENV = make_environment()


def render_home(ctx: HomeContext) -> str:
    return _ENV.get_template("index.md.j2").render(ctx=ctx)


def render_quotas(ctx: QuotasContext) -> str:
    return _ENV.get_template("quotas.md.j2").render(ctx=ctx)
