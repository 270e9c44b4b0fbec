"""One view module per page type: each turns the model into the files of its pages.

A view is a module with `iter_outputs(data: Model) -> Iterator[Output]`; its page contexts
are documented dataclasses beside it, and its templates are in site_templates/pages/.
build.py writes what the views yield; views never write files themselves.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Output:
    """One file of the site's docs folder: text to write, bytes to write (a generated
    download: xlsx, zip), or a file to copy byte for byte."""

    path: str  # relative to the docs folder, with "/" separators
    text: str | None = None
    copy_from: Path | None = None
    data: bytes | None = None

    @property
    def is_page(self) -> bool:
        return self.path.endswith(".md")


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


def rows_json(df: pd.DataFrame) -> str:
    """A table as {columns, rows}: compact (no repeated keys) for large tables."""
    values = df.astype(object).where(df.notna(), None).to_numpy().tolist()
    payload = {"columns": list(df.columns), "rows": [[_plain(v) for v in row] for row in values]}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    """numpy/pandas scalars as JSON values; a whole number shows without ".0" (2, not 2.0)."""
    if value is None or isinstance(value, (str, bool)):
        return value
    number = float(value)
    return int(number) if number.is_integer() else number


def page_url(path: str) -> str:
    """The URL (from the site root) of a docs file: "places/oral/index.md" → "places/oral/"."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[:-3] + "/" if path.endswith(".md") else path


def link(from_page: str, to: str) -> str:
    """A relative link from the page written at docs path `from_page` to site URL `to`.

    Relative links keep the site working under any prefix (a GitHub Pages project site,
    a folder on a static host). `to` is a URL from the site root, with an optional
    "#anchor": link("places/oral/index.md", "sources/quotas/000/#L5") → "../../sources/quotas/000/#L5".
    """
    target, _, anchor = to.partition("#")
    base = PurePosixPath(page_url(from_page) or ".")
    rel = posixpath.relpath(target or ".", str(base)) if target else ""
    if target.endswith("/") and rel not in ("", "."):
        rel += "/"
    if rel == ".":
        rel = "./"
    return rel + (f"#{anchor}" if anchor else "")


def source_url(source_path: str, lines: str) -> str:
    """Site URL of a row's source lines: "datasets/quotas/sources/000_x.txt", "54-72" →
    "sources/quotas/000_x/#L54-L72" (the sources page highlights the range)."""
    parts = PurePosixPath(source_path).parts
    package = parts[1] if len(parts) > 1 and parts[0] == "datasets" else "other"
    first, _, last = lines.partition("-")
    anchor = f"L{first}" + (f"-L{last}" if last else "")
    return f"sources/{package}/{PurePosixPath(source_path).stem}/#{anchor}"


def edit_url(repository: str, package: str, resource_path: str, line: int | None = None,
             branch: str = "main") -> str:
    """The repository's web editor at a row of a package's CSV ("suggest a correction"):
    edit_url("https://github.com/o/r", "quotas", "data/quotas.csv", 14) →
    "https://github.com/o/r/edit/main/datasets/quotas/data/quotas.csv#L14".
    People without write access are offered a fork and a pull request by the editor.
    "" when the repository is unknown (mkdocs.yml has no extra.repository)."""
    if not repository:
        return ""
    path = PurePosixPath("datasets", package, resource_path).as_posix()
    return f"{repository.rstrip('/')}/edit/{branch}/{path}" + (f"#L{line}" if line else "")
