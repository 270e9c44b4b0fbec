"""Row-level changes between two versions of a CSV: pure functions, no git, no files.

A row's identity is its resource's primaryKey (at the new version, or at the old one when
the new key's columns are missing); without a usable key, rows are matched by position.
Values are compared as the CSV writes them, so "2" and "2.0" differ, as they do in a diff.
gitlog.py feeds these functions the versions it reads from history; `markdown_summary`
turns the result into the Markdown of `ashyq diff`, for a pull-request comment.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Literal

RowKind = Literal["added", "removed", "changed"]
FileStatus = Literal["added", "removed", "modified"]


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # ISO 8601 with offset, the committer date
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:10]

    @property
    def day(self) -> str:
        return self.date[:10]


@dataclass(frozen=True)
class CellChange:
    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    """One row added, removed or changed. `row` is the new row (the old one when removed)."""

    kind: RowKind
    key: tuple[str, ...]  # the key's values; ("<line>",) when rows are matched by position
    line: int  # CSV line of the row (header = 1) in the new version; in the old one when removed
    row: dict[str, str]
    cells: tuple[CellChange, ...] = ()

    @property
    def place_ids(self) -> list[str]:
        """The places this row is about, for place pages' history (old and new values)."""
        ids = [self.row.get(c, "") for c in ("place_id", "parent_place_id")]
        ids += [c.old for c in self.cells if c.column in ("place_id", "parent_place_id")]
        return sorted({i for i in ids if i})


@dataclass(frozen=True)
class FileChange:
    """What one commit (or one diff) did to one CSV file of a package."""

    path: str  # from the repository root: datasets/<package>/data/<file>.csv
    package: str
    resource: str
    status: FileStatus
    key: tuple[str, ...] = ()  # the columns rows were matched by; () = by position
    rows_added: int = 0
    rows_removed: int = 0
    rows_changed: int = 0
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    columns_renamed: tuple[tuple[str, str], ...] = ()  # (old, new)
    # Row records of a modified file. A file added or removed whole is one event: its
    # rows are counted, not listed (an initial import would otherwise list every row).
    rows: tuple[RowChange, ...] = ()


@dataclass(frozen=True)
class Change:
    """One commit that touched datasets/: its CSV changes and the other files it touched."""

    commit: Commit
    files: tuple[FileChange, ...] = ()
    other_paths: tuple[str, ...] = ()  # READMEs, sources, descriptors

    @property
    def packages(self) -> list[str]:
        names = {f.package for f in self.files}
        names |= {p.split("/")[1] for p in self.other_paths if p.count("/") >= 2}
        return sorted(names)


@dataclass(frozen=True)
class Table:
    """A parsed CSV version: header, rows and each row's line number."""

    header: list[str]
    rows: list[list[str]]
    lines: list[int]


def parse_csv(data: bytes | None) -> Table:
    """Parse CSV bytes (UTF-8, optional BOM); None or empty → an empty table."""
    if not data:
        return Table([], [], [])
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace"), newline=""))
    header = next(reader, [])
    rows: list[list[str]] = []
    lines: list[int] = []
    start = reader.line_num + 1
    for row in reader:
        if row:  # a blank line is no row
            rows.append(row)
            lines.append(start)
        start = reader.line_num + 1
    return Table(header, rows, lines)


def descriptor_info(data: bytes | None, csv_path: str) -> tuple[str, list[str]]:
    """(resource name, primaryKey) of the resource at `csv_path` (relative to the package)
    in a datapackage.json version; the file stem and [] when it is not described."""
    try:
        descriptor = json.loads(data.decode("utf-8")) if data else {}
    except (UnicodeDecodeError, ValueError):
        descriptor = {}
    resources = descriptor.get("resources", []) if isinstance(descriptor, dict) else []
    for res in resources if isinstance(resources, list) else []:
        if isinstance(res, dict) and res.get("path") == csv_path:
            schema = res.get("schema") if isinstance(res.get("schema"), dict) else {}
            key: Any = schema.get("primaryKey", []) if schema else []
            key = [key] if isinstance(key, str) else [k for k in key if isinstance(k, str)]
            return str(res.get("name") or PurePosixPath(csv_path).stem), key
    return PurePosixPath(csv_path).stem, []


def split_path(path: str) -> tuple[str, str]:
    """"datasets/quotas/data/quotas.csv" → ("quotas", "data/quotas.csv")."""
    parts = PurePosixPath(path).parts
    return (parts[1], "/".join(parts[2:])) if len(parts) > 2 else ("", path)


def rename_pairs(old: list[str], new: list[str]) -> list[tuple[str, str]]:
    """Columns that were renamed: a removed and an added column at the same position."""
    removed = [c for c in old if c not in new]
    added = [c for c in new if c not in old]
    return [(r, a) for r in removed for a in added if old.index(r) == new.index(a)]


def diff_tables(old: Table, new: Table, path: str, resource: str = "",
                keys: Iterable[list[str]] = ()) -> FileChange:
    """The row-level change from `old` to `new` of the CSV at `path`.

    `keys` are candidate primary keys in order of preference (the new version's, then the
    old one's); the first whose columns exist in both versions is used.
    """
    package, rel = split_path(path)
    resource = resource or PurePosixPath(rel).stem
    renamed = rename_pairs(old.header, new.header)
    as_new = {o: n for o, n in renamed}
    old_cols = [as_new.get(c, c) for c in old.header]  # old header under the new names
    key = next((k for k in keys if k and all(c in old_cols and c in new.header for c in k)), [])
    renamed_set = {o for o, _ in renamed} | {n for _, n in renamed}
    base = FileChange(
        path, package, resource, "modified", tuple(key),
        columns_added=tuple(c for c in new.header if c not in old.header and c not in renamed_set),
        columns_removed=tuple(c for c in old.header if c not in new.header and c not in renamed_set),
        columns_renamed=tuple(renamed),
    )
    old_rows = _index(old, old_cols, key)
    new_rows = _index(new, new.header, key)
    common = [c for c in new.header if c in old_cols]
    records: list[RowChange] = []
    for k, (line, row) in new_rows.items():
        if k not in old_rows:
            records.append(RowChange("added", k, line, row))
            continue
        before = old_rows[k][1]
        cells = tuple(CellChange(c, before.get(c, ""), row.get(c, "")) for c in common
                      if before.get(c, "") != row.get(c, ""))
        if cells:
            records.append(RowChange("changed", k, line, row, cells))
    for k, (line, row) in old_rows.items():
        if k not in new_rows:
            records.append(RowChange("removed", k, line, row))
    # in file order: new lines first (added, changed), then removed rows by their old line
    records.sort(key=lambda r: (r.kind == "removed", r.line))
    return _counted(base, records)


def _index(table: Table, header: list[str], key: list[str]) -> dict[tuple[str, ...], tuple[int, dict[str, str]]]:
    out: dict[tuple[str, ...], tuple[int, dict[str, str]]] = {}
    for n, (line, values) in enumerate(zip(table.lines, table.rows)):
        row = dict(zip(header, values))
        # the first occurrence wins when a key repeats (validation reports the duplicate)
        k = tuple(row.get(c, "") for c in key) if key else (str(n + 2),)
        out.setdefault(k, (line, row))
    return out


def _counted(base: FileChange, records: list[RowChange]) -> FileChange:
    count = {kind: sum(r.kind == kind for r in records) for kind in ("added", "removed", "changed")}
    return FileChange(**{**base.__dict__, "rows": tuple(records), "rows_added": count["added"],
                         "rows_removed": count["removed"], "rows_changed": count["changed"]})


def diff_file(path: str, old: Table | None, new: Table | None,
              old_descriptor: bytes | None = None, new_descriptor: bytes | None = None) -> FileChange:
    """The change to the CSV at `path` between two parsed versions (None = file absent),
    with each version's datapackage.json (for the resource's name and primaryKey)."""
    package, rel = split_path(path)
    new_name, new_key = descriptor_info(new_descriptor, rel)
    old_name, old_key = descriptor_info(old_descriptor, rel)
    resource = new_name if new is not None else old_name
    if old is None or new is None:
        table = new if old is None else old
        n = len(table.rows) if table else 0
        status: FileStatus = "added" if old is None else "removed"
        return FileChange(path, package, resource, status, tuple(new_key or old_key),
                          rows_added=n if status == "added" else 0,
                          rows_removed=n if status == "removed" else 0)
    return diff_tables(old, new, path, resource, [new_key, old_key])


# --- Markdown for `ashyq diff` ------------------------------------------------------------

STATUS_KK = {"added": "қосылды", "removed": "жойылды", "modified": "өзгерді"}
KIND_KK = {"added": "қосылды", "removed": "жойылды", "changed": "өзгерді"}


def md_cell(value: object) -> str:
    """A value safe inside a Markdown table cell: `|` escaped, newlines as <br>."""
    text = str(value).replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("&", "&amp;").replace("<", "&lt;")  # GitHub would render HTML
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")
    return text or " "


def markdown_summary(files: Iterable[FileChange], base: str, head: str, max_rows: int = 50) -> str:
    """The data changes between two commits, in Markdown, for a pull-request comment."""
    files = list(files)
    lines = [f"## Деректердегі өзгерістер / Data changes `{base[:10]}` → `{head[:10]}`", ""]
    if not files:
        return "\n".join([*lines, "Деректер файлдары өзгерген жоқ. / No data file changed.", ""])
    lines += ["| файл / file | күйі / status | қосылды / added | жойылды / removed | өзгерді / changed |",
              "|---|---|--:|--:|--:|"]
    for f in files:
        lines.append(f"| `{md_cell(f.path)}` | {STATUS_KK[f.status]} / {f.status} | {f.rows_added} "
                     f"| {f.rows_removed} | {f.rows_changed} |")
    lines.append("")
    for f in files:
        lines += list(_markdown_file(f, max_rows))
    return "\n".join(lines)


def _markdown_file(f: FileChange, max_rows: int) -> Iterator[str]:
    yield f"### `{f.path}` ({f.package}/{f.resource})"
    yield ""
    if f.status != "modified":
        n = f.rows_added or f.rows_removed
        yield f"Файл {STATUS_KK[f.status]}: {n} жол. / File {f.status}: {n} row(s)."
        yield ""
        return
    for old, new in f.columns_renamed:
        yield f"- баған атауы өзгерді / column renamed: `{md_cell(old)}` → `{md_cell(new)}`"
    for c in f.columns_added:
        yield f"- баған қосылды / column added: `{md_cell(c)}`"
    for c in f.columns_removed:
        yield f"- баған жойылды / column removed: `{md_cell(c)}`"
    key = ", ".join(f.key) if f.key else "жол нөмірі / row position"
    yield f"- кілт / key: `{md_cell(key)}`"
    yield ""
    if not f.rows:
        return
    yield "| жол / line | кілт / key | өзгеріс / change | баған / column | бұрын / old | кейін / new |"
    yield "|--:|---|---|---|---|---|"
    for r in f.rows[:max_rows]:
        key_text = md_cell(" · ".join(r.key))
        if r.kind == "changed":
            for cell in r.cells:
                yield (f"| {r.line} | {key_text} | {KIND_KK[r.kind]} | `{md_cell(cell.column)}` "
                       f"| {md_cell(cell.old)} | {md_cell(cell.new)} |")
        else:
            values = md_cell(", ".join(f"{k}={v}" for k, v in r.row.items() if v))
            old, new = (values, "") if r.kind == "removed" else ("", values)
            yield f"| {r.line} | {key_text} | {KIND_KK[r.kind]} | | {old} | {new} |".replace("|  |", "| |")
    if len(f.rows) > max_rows:
        yield ""
        yield f"…және тағы {len(f.rows) - max_rows} жол / and {len(f.rows) - max_rows} more row(s)."
    yield ""


@dataclass
class HistoryIndex:
    """Changes by package and by place, newest first, built once for the whole history."""

    by_package: dict[str, list[tuple[Change, FileChange | None]]] = field(default_factory=dict)
    by_place: dict[str, list[tuple[Change, FileChange, RowChange]]] = field(default_factory=dict)


def index_history(changes: list[Change]) -> HistoryIndex:
    """One pass over every change, so each place page's history is a dictionary look-up."""
    index = HistoryIndex()
    for change in reversed(changes):  # newest first
        for pkg in change.packages:
            files: list[FileChange | None] = [f for f in change.files if f.package == pkg]
            for one in files or [None]:
                index.by_package.setdefault(pkg, []).append((change, one))
        for f in change.files:
            for r in f.rows:
                for place in r.place_ids:
                    index.by_place.setdefault(place, []).append((change, f, r))
    return index
