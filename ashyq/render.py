"""Pages from templates: the only module that imports jinja2.

Views (ashyq/views/) build a context dataclass per page; `render_page` turns it into the
Markdown (with HTML blocks) that mkdocs-material renders. Templates live in
site_templates/pages/. Autoescaping is on: every value from the data is text, never markup.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ashyq.paths import SITE_TEMPLATES

PAGES = SITE_TEMPLATES / "pages"


def to_script_json(value: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '</script>' can close it."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def thousands(number: Any) -> str:
    """12345 → "12 345" with a no-break space, as Kazakh typography writes it."""
    return f"{int(number):,}".replace(",", "\u00a0")


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
    env.filters["thousands"] = thousands
    return env


_ENV = make_environment()


def render_page(template: str, ctx: Any) -> str:
    """Render `site_templates/pages/<template>` with the page context as `ctx`."""
    return _ENV.get_template(template).render(ctx=ctx)
