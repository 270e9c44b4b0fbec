"""Rows for the packages' CSVs from an import, and `--write`: add them under a new id.

`--write` copies the source text into datasets/quotas/sources/, appends the resolution, its
annexes, its terms and its organisation rows to the CSVs (existing rows are never touched),
then validates the whole datasets folder; on any validation error it puts every file back as
it was. Every value written is plain text: markup, `javascript:` and a spreadsheet formula's
leading character are taken out (and reported), as `ashyq validate` would refuse them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ashyq.importer.head import span_text

if TYPE_CHECKING:
    from ashyq.importer import ImportProblem, ImportResult

QUOTA_FIELDS = [
    "resolution_id", "year", "category", "place_id", "row_no", "organization_kk",
    "headcount", "quota_percent", "jobs", "source_lines",
    "place_name_as_printed", "place_heading_line",
]
RULE_FIELDS = [
    "resolution_id", "rule_no", "year", "category", "place_id", "headcount_min", "headcount_max",
    "percent", "percent_max", "basis", "excluded_as_printed", "source_lines",
]
RESOLUTION_FIELDS = [
    "resolution_id", "issuer_kk", "place_id", "adopted_on", "dated_as_printed", "number", "title_kk", "topic",
    "signed_by", "signer_position_kk", "amended_by", "language", "registration_number", "registered_on",
    "repealed_by", "repealed_on", "preamble_kk", "legal_basis_kk", "annex_count", "annex_dated_as_printed",
    "annex_number_as_printed", "source_path", "source_lines", "official_url",
]
ANNEX_FIELDS = ["resolution_id", "annex", "label_as_printed", "header_kk", "dated_as_printed", "year_as_printed",
                "number_as_printed", "title_kk", "amended_by", "note_kk", "source_lines"]

_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>|<!--.*?-->|<\s*/?\s*[A-Za-z][\w-]*", re.DOTALL)
_JS = re.compile(r"javascript\s*:", re.IGNORECASE)


def inert(value: str) -> tuple[str, bool]:
    """A value as plain text a CSV, a spreadsheet and a web page all take as text: HTML tags
    and comments, `javascript:` and a leading =, +, -, @ removed. Returns (text, changed)."""
    text = _TAG.sub(" ", value)
    text = _JS.sub("", text)
    text = text.replace("<", "‹").replace(">", "›") if re.search(r"<\s*[/!A-Za-z]", text) else text
    text = re.sub(r"\s+", " ", text).strip()
    while text and text[0] in "=+-@":
        text = text[1:].lstrip()
    return text, text != value


def _num(value: float | int | None) -> object:
    if value is None:
        return ""
    return int(value) if float(value).is_integer() else value


def quota_rows(result: ImportResult, resolution_id: str) -> list[dict[str, object]]:
    return [{
        "resolution_id": resolution_id, "year": r.year if r.year is not None else "", "category": r.category,
        "place_id": r.place_id or "", "row_no": r.row_no, "organization_kk": r.organization,
        "headcount": r.headcount, "quota_percent": _num(r.quota_percent), "jobs": r.jobs,
        "source_lines": r.source_lines, "place_name_as_printed": r.place_name_as_printed,
        "place_heading_line": r.place_heading_line,
    } for r in result.rows]


def rule_rows(result: ImportResult, resolution_id: str) -> list[dict[str, object]]:
    return [{
        "resolution_id": resolution_id, "rule_no": i, "year": t.year if t.year is not None else "",
        "category": t.category, "place_id": result.place_id or "", "headcount_min": _num(t.headcount_min),
        "headcount_max": _num(t.headcount_max), "percent": _num(t.percent), "percent_max": _num(t.percent_max),
        "basis": t.basis or "", "excluded_as_printed": t.excluded, "source_lines": t.source_lines,
    } for i, t in enumerate(result.terms, start=1)]


def resolution_row(result: ImportResult, resolution_id: str, source_path: str) -> dict[str, object]:
    head = result.head
    repeal = next((n.act for n in head.notes if n.kind == "repeal" and n.act and n.act.date), None)
    amended = "; ".join(f"No. {n.act.number} of {n.act.date}" for n in head.notes
                        if n.kind == "amendment" and n.act and n.act.date and re.fullmatch(r"\d+", n.act.number))
    dated = list(dict.fromkeys(a.dated_as_printed for a in result.annexes if a.dated_as_printed))
    numbers = list(dict.fromkeys(a.number_as_printed for a in result.annexes if a.number_as_printed))
    return {
        "resolution_id": resolution_id, "issuer_kk": head.issuer, "place_id": result.place_id or "",
        "adopted_on": head.adopted_on or "", "dated_as_printed": head.dated_as_printed, "number": head.number,
        "title_kk": head.title, "topic": "quotas", "signed_by": head.signed_by,
        "signer_position_kk": head.signer_position, "amended_by": amended, "language": result.language,
        "registration_number": head.registration.number if head.registration else "",
        "registered_on": (head.registration.date or "") if head.registration else "",
        "repealed_by": repeal.number if repeal else "", "repealed_on": repeal.date if repeal else "",
        "preamble_kk": head.preamble, "legal_basis_kk": head.preamble, "annex_count": len(result.annexes),
        "annex_dated_as_printed": "; ".join(dated), "annex_number_as_printed": "; ".join(numbers),
        "source_path": source_path, "source_lines": result.source_lines, "official_url": "",
    }


def annex_rows(result: ImportResult, resolution_id: str) -> list[dict[str, object]]:
    out = []
    for i, a in enumerate(result.annexes, start=1):
        year = re.search(r"(\d{4})", a.dated_as_printed)
        last = a.title_last or a.mark_line
        out.append({
            "resolution_id": resolution_id, "annex": a.number or i, "label_as_printed": a.label,
            "header_kk": a.header_text, "dated_as_printed": a.dated_as_printed,
            "year_as_printed": year.group(1) if year else "", "number_as_printed": a.number_as_printed,
            "title_kk": a.title, "amended_by": "", "note_kk": "", "source_lines": span_text(a.header_first, last),
        })
    return out


def csv_text(fields: list[str], rows: list[dict[str, object]], header: bool) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue()


def make_rows_inert(tables: dict[str, list[dict[str, object]]], problems: list[ImportProblem]) -> None:
    from ashyq.importer import ImportProblem

    for name, rows in tables.items():
        for row in rows:
            for key, value in row.items():
                if isinstance(value, str) and value:
                    clean, changed = inert(value)
                    if changed:
                        row[key] = clean
                        where = row.get("source_lines", "0")
                        line = int(str(where).split("-")[0]) if str(where)[:1].isdigit() else 0
                        problems.append(ImportProblem(
                            "unsafe-text", line, f"{name}.{key}: markup, a javascript: link or a formula sign was "
                            f"taken out of {value[:60]!r}", "compare the value with the act; write plain text only"))


def next_source_number(datasets: Path) -> int:
    used = [int(p.name[:3]) for p in datasets.glob("*/sources/*") if re.match(r"\d{3}_", p.name)]
    return max(used, default=-1) + 1


@dataclass
class WriteReport:
    resolution_id: str
    source_path: str
    added: dict[str, int] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    by_hand: list[str] = field(default_factory=list)


class WriteRefused(Exception):
    def __init__(self, code: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.code, self.message, self.fix = code, message, fix


def _existing_ids(path: Path, column: str) -> set[str]:
    if not path.exists():
        return set()
    with path.open(encoding="utf-8", newline="") as fh:
        return {row.get(column, "") for row in csv.DictReader(fh)}


def write_import(result: ImportResult, datasets: Path) -> tuple[WriteReport, dict[Path, bytes | None]]:
    """Write the import into `datasets`. Returns what was added and each file's bytes before
    (None: the file is new), for `rollback`. Raises WriteRefused before writing anything."""
    rid = result.resolution_id
    if rid is None:
        raise WriteRefused("no-resolution-id", "the resolution id cannot be made (place, year or number unread)",
                           "fix the problems reported above first")
    if not re.fullmatch(r"[0-9]+", result.head.number):
        raise WriteRefused("number-not-digits",
                           f"the act's number «{result.head.number}» is not digits only, as resolution ids and the "
                           "number column require (datasets/README.md, Identifiers)",
                           "add this act by hand (CONTRIBUTING.md, section 3), writing the number's digits in the id "
                           "and the number as printed in the title")
    res_csv = datasets / "resolutions" / "data" / "resolutions.csv"
    if rid in _existing_ids(res_csv, "resolution_id"):
        raise WriteRefused("resolution-exists", f"{res_csv}: resolution {rid} is already there",
                           "an act is imported once; to correct its rows, edit the CSVs (see CONTRIBUTING.md)")
    sources = datasets / "quotas" / "sources"
    digest = hashlib.sha256(result.source.raw).hexdigest()[:16]
    for existing in datasets.glob("*/sources/*.txt"):
        if existing.name[4:].startswith(digest):
            raise WriteRefused("source-exists", f"{existing}: this file was imported already",
                               "an act is imported once; to correct its rows, edit the CSVs")
    name = f"{next_source_number(datasets):03d}_{digest}.txt"
    source_path = f"datasets/quotas/sources/{name}"
    tables = {
        "resolutions": [resolution_row(result, rid, source_path)],
        "annexes": annex_rows(result, rid),
        "quota_rules": rule_rows(result, rid),
        "quotas": quota_rows(result, rid),
    }
    make_rows_inert(tables, result.problems)
    targets = {
        "resolutions": (res_csv, RESOLUTION_FIELDS),
        "annexes": (datasets / "resolutions" / "data" / "annexes.csv", ANNEX_FIELDS),
        "quota_rules": (datasets / "quotas" / "data" / "quota_rules.csv", RULE_FIELDS),
        "quotas": (datasets / "quotas" / "data" / "quotas.csv", QUOTA_FIELDS),
    }
    for path, fields in targets.values():
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                header = next(csv.reader(fh), [])
            if header != fields:
                raise WriteRefused("unexpected-columns", f"{path}: its columns are not the ones the importer writes",
                                   "update the importer (ashyq/importer/writing.py) with the schema")
    before: dict[Path, bytes | None] = {}
    report = WriteReport(rid, source_path)
    source_file = sources / name
    before[source_file] = None
    sources.mkdir(parents=True, exist_ok=True)
    text = result.source.text
    source_file.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
    report.written.append(source_file)
    for key, (path, fields) in targets.items():
        rows = tables[key]
        if not rows:
            continue
        old = path.read_bytes() if path.exists() else None
        before[path] = old
        prefix = "" if old is None or old.endswith(b"\n") or not old else "\n"
        with path.open("a", encoding="utf-8", newline="") as fh:
            fh.write(prefix + csv_text(fields, rows, header=old is None))
        report.added[key] = len(rows)
        report.written.append(path)
    _add_to_sources(datasets / "quotas" / "datapackage.json", name, result, rid, before, report)
    return report, before


def _add_to_sources(descriptor: Path, name: str, result: ImportResult, rid: str,
                    before: dict[Path, bytes | None], report: WriteReport) -> None:
    """List the copied source among the package's `sources` (the data page links them), when
    the descriptor is written the way json.dumps writes it (else it is left to the contributor)."""
    if not descriptor.exists():
        return
    old = descriptor.read_bytes()
    text = old.decode("utf-8")
    data = json.loads(text)
    if json.dumps(data, ensure_ascii=False, indent=2) + "\n" != text or not isinstance(data.get("sources"), list):
        report.by_hand.append(f"{descriptor}: add sources/{name} to its sources by hand")
        return
    title, _ = inert(f"{result.head.heading_text} ({rid})")
    data["sources"].append({"title": title, "path": f"sources/{name}"})
    before[descriptor] = old
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    report.written.append(descriptor)


def rollback(before: dict[Path, bytes | None]) -> None:
    """Put every file back as it was before `write_import`."""
    for path, old in before.items():
        if old is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(old)
