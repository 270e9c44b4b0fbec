"""Pages from templates: the only module that imports jinja2.

Views (ashyq/views/) build a context dataclass per page; `render_page` turns it into the
Markdown (with HTML blocks) that mkdocs-material renders. Templates live in
site_templates/pages/. Autoescaping is on: every value from the data is text, never markup.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from ashyq import cache, formats, i18n
from ashyq.paths import SITE_TEMPLATES

PAGES = SITE_TEMPLATES / "pages"


def to_script_json(value: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '</script>' can close it."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def to_attribute_json(value: Any) -> Markup:
    """JSON for a single-quoted attribute (data-x='{…}'): to_script_json's, with "'" escaped
    too; letters as written (a \\uXXXX escape of a Cyrillic letter is three times its bytes)."""
    return Markup(to_script_json(value).replace("'", "\\u0027"))


# Characters that Markdown (with attr_list and tables) reads as syntax anywhere in a line.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_{}\[\]|~]|(?<!&)#")
# A list marker or heading at the start of a value ("- x", "+ x", "1. x", "2) x").
_LEADING_MARKER = re.compile(r"^(\s*)([-+]|\d+(?=[.)]))")


def yaml_text(value: Any) -> Markup:
    """A front-matter value as a double-quoted YAML string (JSON's form, which YAML reads),
    its letters as written: a translated title may hold a colon."""
    return Markup(json.dumps(str(value), ensure_ascii=False))


def markdown_text(value: Any) -> Markup:
    """`value` as literal text where a template writes it into Markdown (a heading, a list
    item, link text): HTML-escaped, and every Markdown syntax character written as a
    character reference, so `**x**`, `[x](javascript:…)`, `a | b` or `{ onclick=… }` from
    the data stay text. Line breaks become spaces: a value cannot start a new block."""
    text = str(escape(value if isinstance(value, str) else str(value)))
    text = re.sub(r"\s*[\r\n]+\s*", " ", text)
    text = _LEADING_MARKER.sub(lambda m: m.group(1) + m.group(2)[:-1] + f"&#{ord(m.group(2)[-1])};"
                               if m.group(2)[-1].isdigit() else m.group(1) + f"&#{ord(m.group(2))};", text)
    text = _MARKDOWN_SYNTAX.sub(lambda m: f"&#{ord(m.group(0))};", text)
    return Markup(text)


def no_line_breaks(value: Any) -> Any:
    """Every `{{ }}` output passes here (the environment's `finalize`): a line break in a data
    string is written as `&#10;`, so a blank line in a value cannot end the HTML block it
    sits in and let Markdown read the rest. Markup (the templates' own HTML) is left alone."""
    if isinstance(value, str) and not isinstance(value, Markup) and ("\n" in value or "\r" in value):
        return Markup(str(escape(value)).replace("\r\n", "&#10;").replace("\r", "&#10;").replace("\n", "&#10;"))
    return value


def make_environment(templates: Path = PAGES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=no_line_breaks,
        extensions=["jinja2.ext.i18n"],
    )
    # Interface text in templates goes through `_("…")` (Kazakh, the source language): the
    # page's language (i18n.use) picks its translation from the catalogues (ashyq/locale).
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.globals["lang"] = i18n.current
    env.filters["script_json"] = to_script_json
    env.filters["attribute_json"] = to_attribute_json
    env.filters["dataclass_dict"] = asdict
    env.filters["number"] = formats.number
    env.filters["day"] = formats.day
    env.filters["md"] = markdown_text
    env.filters["yaml_text"] = yaml_text
    return env


_ENV = make_environment()


def render_page(template: str, ctx: Any) -> str:
    """Render `site_templates/pages/<template>` with the page context as `ctx` (or take the
    text from the build's cache, which holds what the same context rendered to: ashyq.cache)."""
    def rendered() -> str:
        return _ENV.get_template(template).render(ctx=ctx)

    pages = cache.current_pages()
    return rendered() if pages is None else pages.text(template, i18n.current(), ctx, rendered)
