"""The page frame made smaller (ashyq/frame.py, issue 18): Material's icons by reference into
one sprite, its config in UTF-8; the icons still drawn, the config still read by Material."""
from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ashyq import frame

MENU = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        '<path d="M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"/></svg>')
CONFIG = '{"base": "../..", "translations": {"search.result.none": "\\u0415\\u0448\\u0442\\u0435\\u04a3\\u0435 <b>&"}}'
PAGE = f"""<html><head>
<link rel="stylesheet" href="../../assets/css/ashyq.css">
</head><body>
<label class="md-header__button md-icon" for="__drawer">
  {MENU}
</label>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle r="4"/></svg>
<script id="__config" type="application/json">{CONFIG}</script>
</body></html>"""


def test_a_frame_icon_becomes_a_reference_into_the_sprite_and_the_config_is_utf8():
    out = frame.compact(PAGE.encode("utf-8")).decode("utf-8")
    assert '<svg viewBox="0 0 24 24"><use href="../../assets/icons.svg#material-menu"/></svg>' in out
    assert "M3 6h18v2H3z" not in out
    assert '<circle r="4"/>' in out  # not one of Material's icons: kept as it is
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', out).group(1)
    assert config == '{"base":"../..","translations":{"search.result.none":"Ештеңе \\u003cb\\u003e\\u0026"}}'
    assert json.loads(config) == json.loads(CONFIG)
    assert frame.compact(out.encode("utf-8")) == out.encode("utf-8")  # once is enough


def test_a_page_without_the_sites_stylesheet_keeps_its_icons():
    """An embed or a file of another layout: no shared sprite to point to."""
    page = PAGE.replace('<link rel="stylesheet" href="../../assets/css/ashyq.css">', "").encode()
    assert MENU.encode() in frame.compact(page)


def test_the_sprite_holds_each_icon_of_the_frame(tmp_path):
    sprite = ET.parse(frame.write_icon_sprite(tmp_path)).getroot()
    ids = {s.get("id") for s in sprite}
    # the palette's toggles of mkdocs.yml, and Material's defaults for the header and the search box
    assert {"material-weather-night", "material-weather-sunny", "material-menu", "material-magnify",
            "material-library", "material-translate", "material-arrow-left", "material-close"} <= ids
    assert all(s.get("viewBox") == "0 0 24 24" and len(s) == 1 for s in sprite)


def test_every_page_of_the_site_points_to_the_sprite_and_keeps_no_icon_inline(real_site: Path):
    sprite = ET.parse(real_site / frame.ICONS).getroot()
    ids = {s.get("id") for s in sprite}
    pages = [p for p in real_site.rglob("*.html") if b'<header class="md-header"' in p.read_bytes()]
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        header = html[:html.index("</header>")]
        assert '<svg xmlns="http://www.w3.org/2000/svg"' not in header, page
        refs = re.findall(r'<use href="([^"#]*)#([^"]+)"/>', header)
        assert len(refs) >= 8, page
        for href, symbol in refs:
            assert symbol in ids
            if href.startswith("/"):  # the 404 page links from the site's root URL (mkdocs.yml site_url)
                assert href.endswith("/" + frame.ICONS), page
            else:
                assert (page.parent / href).resolve() == (real_site / frame.ICONS).resolve(), page
        assert '"translations":{' in html  # the config, compact


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_headers_icons_are_drawn(page, real_site_url: str, width: int):
    """The menu, search, logo and palette buttons show their icon (the sprite loaded: an icon that
    failed to load leaves its button one flat colour)."""
    from PIL import Image

    page.set_viewport_size({"width": width, "height": 800})
    page.goto(real_site_url + "resolutions/")
    page.wait_for_load_state("networkidle")
    buttons = ["form[data-md-component=palette] label.md-header__button >> visible=true"]
    if width < 1220:  # Material's narrow layout: the drawer's and the search's buttons
        buttons += ['label.md-header__button[for="__drawer"]', 'label.md-header__button[for="__search"]']
    else:  # the wide one: the logo, and the search box with its own icon
        buttons += ["a.md-header__button.md-logo", "label.md-search__icon >> visible=true"]
    for selector in buttons:
        shot = Image.open(io.BytesIO(page.locator(selector).first.screenshot())).convert("L")
        low, high = shot.getextrema()
        assert high - low > 100, f"{selector} at {width} px: no icon drawn"
