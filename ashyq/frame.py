"""The page frame: what the renderer (Material for MkDocs) repeats on every page of every
language (header, drawer, search box, config), made smaller when a site is assembled.

At the national corpus the frame is most of a language's bytes: 15,000 pages × 20 KB
(issue 18). Three things in it carry nothing a reader sees:
- the templates' indentation (white space with a line break shows as one line break);
- Material's icons, the same ten inline SVGs on every page (≈ 3 KB): each becomes a
  reference into one shared sprite, `assets/icons.svg`, fetched once and cached;
- the config block's texts, JSON with every Kazakh letter as a six-byte escape.

`compact` is a pure function of a page's bytes (the build and the tests that compare a
site with mkdocs' own rendering apply it the same way); `write_icon_sprite` puts the
sprite beside the site's shared stylesheet."""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ashyq.settings import read_mkdocs_settings

# Where the sprite lives, from the site's root (the folder of the shared assets: every
# language's pages link to it, as to assets/css/ashyq.css).
ICONS = "assets/icons.svg"
_STYLESHEET = re.compile(rb'<link rel="stylesheet" href="([^"]*)assets/css/ashyq\.css">')
_INLINE_ICON = re.compile(rb'<svg xmlns="http://www.w3.org/2000/svg" viewBox="[^"]*">.*?</svg>', re.S)
_ICON_FILE = re.compile(r'<svg xmlns="http://www.w3.org/2000/svg" viewBox="([^"]*)">(.*)</svg>', re.S)
_CONFIG = re.compile(rb'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_BLANK_LINES = re.compile(rb"[ \t]*\n\s*")
_PREFORMATTED = re.compile(rb"(<(?:pre|textarea)\b.*?</(?:pre|textarea)>)", re.S)

# The icons Material's partials put in the frame, by their theme.icon setting and default
# (partials/logo.html, header.html, search.html, alternate.html of Material 9), and the
# palette's toggles. An icon not listed stays inline: larger, never wrong.
_THEME_ICONS = {"logo": "material/library", "menu": "material/menu", "alternate": "material/translate",
                "search": "material/magnify", "previous": "material/arrow-left", "close": "material/close",
                "share": "material/share-variant"}


def compact(html: bytes) -> bytes:
    """A rendered page with its frame made smaller (see the module): white space, icons,
    config. The page's data blocks are not in it yet (put_back brings them after)."""
    html = tighten(html)
    html = _icons_by_reference(html)
    return _CONFIG.sub(_compact_config, html, count=1)


def tighten(html: bytes) -> bytes:
    """`html` with each run of white space that holds a line break made one line break,
    but inside <pre> and <textarea>."""
    if b"<pre" not in html and b"<textarea" not in html:
        return _BLANK_LINES.sub(b"\n", html)
    parts = _PREFORMATTED.split(html)  # odd parts are the preformatted elements, kept
    return b"".join(part if i % 2 else _BLANK_LINES.sub(b"\n", part) for i, part in enumerate(parts))


def write_icon_sprite(site: Path) -> Path:
    """The sprite of the frame's icons, at `site`/ICONS (one <symbol> per icon)."""
    path = site / ICONS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_sprite())
    return path


def _icons_by_reference(html: bytes) -> bytes:
    icons = _frame_icons()
    stylesheet = _STYLESHEET.search(html)
    if stylesheet is None or b"<svg" not in html:  # not a page of the site's frame (an embed)
        return html
    href = stylesheet.group(1) + ICONS.encode()

    def reference(m: re.Match[bytes]) -> bytes:
        found = icons.get(m.group(0))
        if found is None:
            return m.group(0)
        symbol, view_box = found
        return b'<svg viewBox="%s"><use href="%s#%s"/></svg>' % (view_box, href, symbol)

    return _INLINE_ICON.sub(reference, html)


def _compact_config(m: re.Match[bytes]) -> bytes:
    """Material's config as JSON without spaces, its letters as UTF-8; what would end the
    script element (<, >, &) stays escaped, as Jinja's tojson has it."""
    config: Any = json.loads(m.group(2))
    text = json.dumps(config, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return m.group(1) + text.encode("utf-8") + m.group(3)


@dataclass(frozen=True)
class _Icon:
    inline: bytes  # the SVG as Material includes it in a page
    symbol: str  # its id in the sprite
    view_box: str
    shapes: str  # what is inside the <svg> element


@functools.cache
def _icons() -> tuple[_Icon, ...]:
    """The frame's icons, read once: each that has the shape of Material's icon files."""
    icons = []
    for name, text in sorted(_icon_files().items()):
        shape = _ICON_FILE.fullmatch(text.strip())
        if shape:
            icons.append(_Icon(text.strip().encode("utf-8"), _symbol_id(name), shape.group(1), shape.group(2)))
    return tuple(icons)


@functools.cache
def _frame_icons() -> dict[bytes, tuple[bytes, bytes]]:
    """Each frame icon's inline SVG → (symbol id, viewBox)."""
    return {icon.inline: (icon.symbol.encode(), icon.view_box.encode()) for icon in _icons()}


@functools.cache
def _sprite() -> bytes:
    symbols = [f'<symbol id="{icon.symbol}" viewBox="{icon.view_box}">{icon.shapes}</symbol>' for icon in _icons()]
    return ('<svg xmlns="http://www.w3.org/2000/svg">\n' + "\n".join(symbols) + "\n</svg>\n").encode("utf-8")


def _icon_files() -> dict[str, str]:
    """The frame's icons (mkdocs.yml's theme settings, else Material's defaults) as their
    SVG files in the installed Material."""
    import material

    theme = read_mkdocs_settings().get("theme") or {}
    chosen = theme.get("icon") or {}
    names = {chosen.get(key) or default for key, default in _THEME_ICONS.items()}
    names |= {(p.get("toggle") or {}).get("icon") for p in theme.get("palette") or [] if isinstance(p, dict)}
    folder = Path(material.__file__).parent / "templates" / ".icons"
    found = {}
    for name in sorted(n for n in names if isinstance(n, str)):
        path = folder / f"{name}.svg"
        if path.is_file():
            found[name] = path.read_text(encoding="utf-8")
    return found


def _symbol_id(name: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", name.lower())
