"""Where things are. Imports nothing from ashyq, so every module may import it.

In a checkout (or an editable install) everything is in the repository. An installed wheel
carries mkdocs.yml and site_templates/ inside the package (ashyq/bundled/, see setup.py); its
project folder, where datasets/ and build/ are, is then the folder it runs in.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
BUNDLED = PACKAGE / "bundled"
INSTALLED = (BUNDLED / "mkdocs.yml").is_file()
ROOT = Path.cwd() if INSTALLED else PACKAGE.parent
SITE_FILES = BUNDLED if INSTALLED else ROOT  # mkdocs.yml and site_templates/, side by side
DATASETS = ROOT / "datasets"
SITE_TEMPLATES = SITE_FILES / "site_templates"
OVERRIDES = SITE_TEMPLATES / "overrides"
ASSETS = SITE_TEMPLATES / "assets"
MKDOCS_YML = SITE_FILES / "mkdocs.yml"
BUILD = ROOT / "build"
BUILD_DOCS = BUILD / "docs"
BUILD_SITE = BUILD / "site"
