"""Where things are. Imports nothing from ashyq, so every module may import it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"
SITE_TEMPLATES = ROOT / "site_templates"
OVERRIDES = SITE_TEMPLATES / "overrides"
ASSETS = SITE_TEMPLATES / "assets"
MKDOCS_YML = ROOT / "mkdocs.yml"
BUILD = ROOT / "build"
BUILD_DOCS = BUILD / "docs"
BUILD_SITE = BUILD / "site"
