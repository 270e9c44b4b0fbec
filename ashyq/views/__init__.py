"""One view module per page type: each turns the model into the files of its pages.

A view is a module with `iter_outputs(data: Model) -> Iterator[Output]`; its page contexts
are documented dataclasses beside it, and its templates are in site_templates/pages/.
build.py writes what the views yield; views never write files themselves.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from ashyq.model import Model


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


def plain_table(data: Model, package: str, resource: str, columns: list[str]) -> pd.DataFrame:
    """A table with at least `columns` (missing ones empty), values as plain objects
    (None, not NaN, for an empty cell)."""
    df = data.table(package, resource)
    if df is None:
        df = pd.DataFrame(columns=columns)
    df = df.copy()
    for col in columns:
        if col not in df.columns:
            df[col] = None
    return df.astype(object).where(df.notna(), None)


def records_by(df: pd.DataFrame, key: str) -> dict[str, list[dict[str, Any]]]:
    """Rows as plain dicts by `key`, in the frame's order: one conversion for the whole
    table, so a page looks its rows up without touching pandas (linear build)."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in df.to_dict("records"):
        if row.get(key):
            out[str(row[key])].append(row)
    return dict(out)


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
    suffix = f"#{anchor}" if anchor else ""
    if not target:
        return suffix
    # Plain string work, not posixpath.relpath: a national build makes millions of links.
    base = [p for p in page_url(from_page).split("/") if p]
    parts = [p for p in target.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(base), len(parts)) and base[common] == parts[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + parts[common:])
    if not rel:
        rel = "./"
    elif target.endswith("/"):
        rel += "/"
    return rel + suffix


def source_url(source_path: str, lines: str) -> str:
    """Site URL of a row's source lines: "datasets/quotas/sources/000_x.txt", "54-72" →
    "sources/quotas/000_x/#L54-L72" (the sources page highlights the range)."""
    return f"{source_page_url(source_path)}#{line_anchor(lines)}"


@lru_cache(maxsize=4096)
def source_page_url(source_path: str) -> str:
    """"datasets/quotas/sources/000_x.txt" → "sources/quotas/000_x/" (cached: every row of a
    document asks for it)."""
    parts = PurePosixPath(source_path).parts
    package = parts[1] if len(parts) > 1 and parts[0] == "datasets" else "other"
    return f"sources/{package}/{PurePosixPath(source_path).stem}/"


def line_anchor(lines: str) -> str:
    """"54-72" → "L54-L72", "9" → "L9": the sources page's anchor of a range of lines."""
    first, _, last = lines.partition("-")
    return f"L{first}" + (f"-L{last}" if last else "")


def edit_url(repository: str, package: str, resource_path: str, line: int | None = None,
             branch: str = "main") -> str:
    """The repository's web editor at a row of a package's CSV ("suggest a correction"):
    edit_url("https://github.com/o/r", "quotas", "data/quotas.csv", 14) →
    "https://github.com/o/r/edit/main/datasets/quotas/data/quotas.csv#L14".
    People without write access are offered a fork and a pull request by the editor.
    "" when the repository is unknown (mkdocs.yml has no extra.repository)."""
    if not repository:
        return ""
    url = f"{repository.rstrip('/')}/edit/{branch}/datasets/{package}/{resource_path.removeprefix('./')}"
    return url + (f"#L{line}" if line else "")
