"""Find and read data packages: the only module that reads files under datasets/.

Reading never raises on bad data: a package that cannot be read is reported by
validate.py; here it is simply absent from what loads.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from ashyq import geo, i18n

DESCRIPTOR = "datapackage.json"

# Table Schema types that pandas can hold as numbers; everything else stays text,
# so values reach the site exactly as written in the CSV.
_INTEGER = "integer"
_NUMBER = "number"


@dataclass(frozen=True)
class ResourceInfo:
    """One resource of a package, as its descriptor describes it."""

    package: str
    name: str
    path: Path  # the CSV file
    relpath: str  # as written in the descriptor, e.g. data/quotas.csv
    descriptor: dict[str, Any]

    @property
    def title(self) -> str:
        """The table's title in the language being written (i18n.current), from its
        descriptor's kk/ru/en `titles`; its Kazakh `title` (else its name) where it has none."""
        return titled(self.descriptor, self.name)

    @property
    def schema(self) -> dict[str, Any]:
        schema = self.descriptor.get("schema", {})
        return schema if isinstance(schema, dict) else {}

    @property
    def fields(self) -> list[dict[str, Any]]:
        fields = self.schema.get("fields", [])
        return [f for f in fields if isinstance(f, dict)] if isinstance(fields, list) else []

    @property
    def primary_key(self) -> list[str]:
        key = self.schema.get("primaryKey", [])
        return [key] if isinstance(key, str) else list(key)


@dataclass(frozen=True)
class PackageInfo:
    """One folder under datasets/ and its parsed datapackage.json."""

    name: str
    root: Path
    descriptor: dict[str, Any]

    @property
    def title(self) -> str:
        """The package's title in the language being written (i18n.current), from its kk/ru/en
        `titles`; its Kazakh `title` (else its name) where it has none."""
        return titled(self.descriptor, self.name)

    @property
    def title_kk(self) -> str:
        """The package's Kazakh title, whatever language is being written (DCAT's, tagged kk)."""
        with i18n.use(i18n.SOURCE):
            return self.title

    def resources(self) -> list[ResourceInfo]:
        return list(self._resources)

    def resource(self, name: str) -> ResourceInfo | None:
        return next((r for r in self._resources if r.name == name), None)

    @cached_property
    def _resources(self) -> tuple[ResourceInfo, ...]:
        # read once: pages look resources up for every row they link to its CSV line
        return tuple(ResourceInfo(self.name, str(res.get("name", "")), self.root / res["path"], res["path"], res)
                     for res in self.descriptor.get("resources", [])
                     if isinstance(res, dict) and isinstance(res.get("path"), str))


def titled(descriptor: dict[str, Any], name: str) -> str:
    """A descriptor's title in the current language: in Kazakh its `title`; in Russian and
    English `titles` (kk/ru/en, as a field's) where it has them, else `title`; else `name`."""
    titles = descriptor.get("titles")
    lang = i18n.current()
    own = titles.get(lang) if isinstance(titles, dict) and lang != i18n.SOURCE else None
    return str(own or descriptor.get("title") or name)


def iter_package_dirs(datasets: Path) -> Iterator[Path]:
    """Every folder under `datasets` that holds a datapackage.json, in name order."""
    if datasets.is_dir():
        yield from sorted(p.parent for p in datasets.glob(f"*/{DESCRIPTOR}"))


def read_descriptor(root: Path) -> dict[str, Any]:
    """Parse a package's datapackage.json; raises ValueError/OSError on a broken one."""
    with open(root / DESCRIPTOR, encoding="utf-8") as f:
        descriptor = json.load(f)
    if not isinstance(descriptor, dict):
        raise ValueError("datapackage.json must hold a JSON object")
    return descriptor


def load_catalog(datasets: Path) -> dict[str, PackageInfo]:
    """All readable packages by name. Unreadable ones are skipped (validate reports them)."""
    packages: dict[str, PackageInfo] = {}
    for root in iter_package_dirs(datasets):
        try:
            packages[root.name] = PackageInfo(root.name, root, read_descriptor(root))
        except (OSError, ValueError):
            continue
    return packages


def read_package_file(pkg: PackageInfo, relpath: str) -> bytes | None:
    """The bytes of one file of a package (README.md, datapackage.json, a CSV), exactly as
    stored; None when it is missing or outside the package folder."""
    path = (pkg.root / relpath).resolve()
    if not path.is_relative_to(pkg.root.resolve()) or not path.is_file():
        return None
    return path.read_bytes()


def read_source_text(path: Path) -> str:
    """A source document's text, exactly as stored: bytes decoded strictly as UTF-8, with
    no newline translation (a "\r" stays visible on its page rather than vanishing)."""
    return path.read_bytes().decode("utf-8")


def read_table(res: ResourceInfo) -> pd.DataFrame:
    """A resource's rows as a DataFrame: integers and numbers typed, the rest as written.

    Missing values are <NA>; text is never guessed into numbers or dates.
    """
    df = pd.read_csv(res.path, dtype=str, keep_default_na=False, encoding="utf-8")
    for fld in res.fields:
        name = fld.get("name")
        if name not in df.columns:
            continue
        col = df[name].replace("", None)
        if fld.get("type") == _INTEGER:
            df[name] = pd.to_numeric(col).astype("Int64")
        elif fld.get("type") == _NUMBER:
            df[name] = pd.to_numeric(col).astype("Float64")
        else:
            df[name] = col.astype("string")
    return df


@dataclass(frozen=True)
class SourceFile:
    """One file under a package's sources/: a document rows cite, or its licence, notes."""

    path: Path
    size: int  # bytes


class PackageFiles:
    """The files of packages other than their tables (READMEs, descriptors, source
    documents), read when a page or a download needs them. The model holds one, so that
    views get files from the model and never read the disk themselves."""

    def package_file(self, pkg: PackageInfo, relpath: str) -> bytes | None:
        return read_package_file(pkg, relpath)

    def source_text(self, path: Path) -> str:
        return read_source_text(path)

    def sources(self, pkg: PackageInfo) -> list[SourceFile]:
        """Every file under the package's sources/, in name order."""
        folder = pkg.root / "sources"
        if not folder.is_dir():
            return []
        return [SourceFile(p, p.stat().st_size) for p in sorted(folder.iterdir()) if p.is_file()]


def load_tables(packages: dict[str, PackageInfo]) -> dict[tuple[str, str], pd.DataFrame]:
    """Every resource of every package as a DataFrame, keyed by (package, resource)."""
    return {(pkg.name, res.name): read_table(res)
            for pkg in packages.values() for res in pkg.resources()}


def load_boundaries(path: Path) -> geo.Boundaries:
    """The maps' shapes index (ashyq/geo.py) from the committed geometry file; a missing or
    unreadable file gives no shapes and an error the map pages show (never a traceback)."""
    where = path.as_posix()
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return geo.Boundaries(error=f"{where}: not found\n  fix: run `python scripts/build_geometry.py`")
    except (OSError, ValueError) as exc:
        return geo.Boundaries(error=f"{where}: cannot be read ({exc})\n"
                                    "  fix: rerun `python scripts/build_geometry.py` and commit its output")
    return geo.boundaries_from_json(doc, where)
