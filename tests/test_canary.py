"""scripts/canary.py: how another renderer's site is compared with mkdocs' (the renderers
themselves are installed and run only by `make canary`)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from ashyq.paths import ROOT


def load_canary():
    spec = importlib.util.spec_from_file_location("canary", ROOT / "scripts" / "canary.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["canary"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def page(site: Path, rel: str, body: str, generator: str = "mkdocs-1.6.1") -> None:
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<html><head><meta name="generator" content="{generator}"></head><body>{body}</body></html>',
                    encoding="utf-8")


def test_compare_counts_pages_links_and_differences(tmp_path):
    canary = load_canary()
    base, other = tmp_path / "mkdocs", tmp_path / "other"
    page(base, "index.html", '<a href="a/">a</a> <a href="b/">b</a> <a href="gone/">x</a>')
    page(base, "a/index.html", "A")
    page(base, "b/index.html", "B")
    page(other, "index.html", '<a href="a/">a</a> <a href="b/">b</a> <a href="gone/">x</a>', "ProperDocs 1.6.7")
    page(other, "a/index.html", "A, rendered otherwise")
    page(other, "c/index.html", '<a href="../b/#top">b</a>')
    result = canary.compare(base, other)
    assert result == canary.Comparison(
        pages=3, missing=["b/index.html"], extra=["c/index.html"], broken_links=3,
        new_broken_links=["c/index.html: ../b/#top -> b/index.html is missing",
                          "index.html: b/ -> b/index.html is missing"],
        differing_pages=1, differing_examples=["a/index.html"])  # index.html differs only in its generator


def test_config_points_at_the_docs_and_the_theme_overrides(tmp_path):
    canary = load_canary()
    config = canary.write_config(tmp_path / "docs", tmp_path / "site", tmp_path / "w/mkdocs.yml")
    text = config.read_text(encoding="utf-8")
    assert f"docs_dir: {tmp_path / 'docs'}\n" in text
    assert f"site_dir: {tmp_path / 'site'}\n" in text
    assert f"custom_dir: {ROOT / 'site_templates/overrides'}\n" in text
    assert text.count("\n") == (ROOT / "mkdocs.yml").read_text(encoding="utf-8").count("\n")  # nothing else
