"""The bytes of the download files: Excel workbooks, zip archives, citations.

The only module that imports xlsxwriter and zipfile. It takes DataFrames, descriptors and
bytes and returns bytes or text (XlsxWriter streams a large sheet through a temporary file);
views put them into Outputs. Every file is deterministic to the byte (dates from the data's
commit, fixed archive timestamps, sorted entries), so two builds of the same data publish
identical downloads and a CDN or a mirror sees no change where there is none.
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
import xlsxwriter

from ashyq import i18n
from ashyq.i18n import N_
from ashyq.i18n import gettext as tr

# Zip (and so xlsx) timestamps cannot be older than 1980; used when there is no commit.
EPOCH = datetime(1980, 1, 1)

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def fixed_time(iso_date: str | None) -> datetime:
    """The timestamp written into archives: the commit's own wall-clock time, or EPOCH."""
    if not iso_date:
        return EPOCH
    try:
        when = datetime.fromisoformat(iso_date).replace(tzinfo=None)
    except ValueError:
        return EPOCH
    return max(when, EPOCH)


# --- JSON ---------------------------------------------------------------------------------

def typed_value(value: Any, field_type: str) -> Any:
    """A cell as a Python value by its Table Schema type: integer → int, number → float,
    anything else → the text as written; missing → None."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if field_type == "integer":
        return int(value)
    if field_type == "number":
        return float(value)
    return str(value)


def iter_typed_rows(df: pd.DataFrame, fields: list[dict[str, Any]]) -> Iterator[list[Any]]:
    """Rows of `df` in the order of its columns, each cell typed by its field's type."""
    types = {str(f.get("name")): str(f.get("type", "string")) for f in fields}
    col_types = [types.get(str(c), "string") for c in df.columns]
    for row in df.astype(object).itertuples(index=False, name=None):
        yield [typed_value(v, t) for v, t in zip(row, col_types)]


# --- Excel --------------------------------------------------------------------------------

# The field documentation sheet, once per language of the site (the workbook is one file
# shared by the three sites): its name and columns in Kazakh, translated by the catalogues.
# Descriptions are written in English in the schemas: the column says so.
FIELD_SHEET = N_("Өрістер")
FIELD_COLUMNS = [N_("Баған"), N_("Файлдағы атауы"), N_("Түрі"), N_("Міндетті"), N_("Шектеулер"), N_("Мәндер"),
                 N_("Сипаттама (ағылшынша)"), "Название (ru)", "Title (en)"]
# Table Schema types and constraints as the field sheet names them.
TYPE_KK = {"string": N_("мәтін"), "integer": N_("бүтін сан"), "number": N_("сан"), "boolean": N_("иә/жоқ"),
           "date": N_("күн"), "datetime": N_("күн мен уақыт"), "year": N_("жыл"), "time": N_("уақыт"),
           "array": N_("тізім"), "object": N_("нысан"), "any": N_("кез келген")}
TEXT = "string"  # the type of a column of names
CONSTRAINT_KK = {"minimum": N_("ең кіші мәні"), "maximum": N_("ең үлкен мәні"), "pattern": N_("үлгі"),
                 "unique": N_("қайталанбайды"), "minLength": N_("ең қысқа ұзындығы"),
                 "maxLength": N_("ең ұзын ұзындығы"), "exclusiveMinimum": N_("мәні үлкен"),
                 "exclusiveMaximum": N_("мәні кіші")}
# The header of a coded column beside which a name column is added (the name takes the title).
CODE_SUFFIX = " (коды)"
# Column widths in characters: never narrower than MIN_WIDTH, never wider than MAX_WIDTH.
MIN_WIDTH, MAX_WIDTH = 6, 60


@dataclass(frozen=True)
class FieldDoc:
    """One field of a schema as the documentation shows it (page and workbook alike)."""

    name: str
    type: str
    format: str
    title_kk: str
    title_ru: str
    title_en: str
    required: bool
    constraints: list[str]  # "minimum: 0", "pattern: ^…$", "unique"
    description: str
    enum_titles: list[tuple[str, str, str, str]]  # (value, kk, ru, en)
    primary_key: bool = False
    references: tuple[str, ...] = ()  # "places/places.place_id" for foreign keys


def field_docs(schema: dict[str, Any], package: str = "", resource: str = "") -> list[FieldDoc]:
    """The documentation of every field of a Table Schema, incl. keys and references
    (a foreign key without a resource refers to `resource`, the table itself)."""
    pk = schema.get("primaryKey") or []
    pk_fields = {pk} if isinstance(pk, str) else set(pk)
    refs: dict[str, list[str]] = {}
    for fk in list(schema.get("foreignKeys") or []) + list(schema.get("externalForeignKeys") or []):
        if not isinstance(fk, dict):
            continue
        ref = fk.get("reference") or {}
        own, other = _as_list(fk.get("fields")), _as_list(ref.get("fields"))
        target = f"{ref.get('package') or package}/{ref.get('resource') or resource or '(осы кесте)'}"
        for i, name in enumerate(own):
            refs.setdefault(name, []).append(f"{target}.{other[i] if i < len(other) else name}")
    docs = []
    for fld in schema.get("fields") or []:
        if not isinstance(fld, dict):
            continue
        name = str(fld.get("name", ""))
        titles, cons = _dict(fld.get("titles")), _dict(fld.get("constraints"))
        enum_titles = _dict(fld.get("enumTitles"))
        values = [str(v) for v in cons.get("enum", [])] or [str(v) for v in enum_titles]
        docs.append(FieldDoc(
            name=name,
            type=str(fld.get("type", "string")),
            format=str(fld.get("format", "")) if fld.get("format") not in (None, "default") else "",
            title_kk=str(titles.get("kk") or fld.get("title") or ""),
            title_ru=str(titles.get("ru") or ""),
            title_en=str(titles.get("en") or ""),
            required=bool(cons.get("required")) or name in pk_fields,
            constraints=[_constraint(k, v) for k, v in sorted(cons.items()) if k not in ("required", "enum")],
            description=str(fld.get("description") or ""),
            enum_titles=[(v, *_titles3(enum_titles.get(v))) for v in values],
            primary_key=name in pk_fields,
            references=tuple(refs.get(name, [])),
        ))
    return docs


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _as_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list) else []


def _titles3(value: Any) -> tuple[str, str, str]:
    if isinstance(value, dict):
        return str(value.get("kk", "")), str(value.get("ru", "")), str(value.get("en", ""))
    return (str(value), "", "") if value is not None else ("", "", "")


def _constraint(key: str, value: Any) -> str:
    return key if value is True else f"{key}: {value}"


def field_type_kk(doc: FieldDoc) -> str:
    """"бүтін сан", "мәтін (date: %Y)": the field's type in the current language (Kazakh
    unless i18n.use says otherwise), its format as written."""
    kind = TYPE_KK.get(doc.type)
    return (tr(kind) if kind else doc.type) + (f" ({doc.format})" if doc.format else "")


def constraints_kk(doc: FieldDoc) -> list[str]:
    """The field's constraints, key and references in the current language (Kazakh unless
    i18n.use says otherwise): "ең кіші мәні: 0", "кілт"."""
    out = []
    for text in doc.constraints:
        key, sep, value = text.partition(": ")
        out.append((tr(CONSTRAINT_KK[key]) if key in CONSTRAINT_KK else key) + (f": {value}" if sep else ""))
    if doc.primary_key:
        out.append(tr("кілт (жолды анықтайды)"))
    out.extend(tr("сілтеме: %(table)s") % {"table": r} for r in doc.references)
    return out


def labelled_columns(df: pd.DataFrame, docs: list[FieldDoc],
                     names: dict[str, dict[str, str]] | None = None) -> list[tuple[str, str, dict[str, str] | None]]:
    """The columns of a reader's workbook: (field, header, None) for a column of the file as
    it is, and after a coded column (one with enumTitles, or one in `names`: field → code →
    name) a column of its names: (field, title, code → name). The coded column keeps the
    codes of the data package, headed "<title> (коды)"; the names column takes the title."""
    by_name = {d.name: d for d in docs}
    out: list[tuple[str, str, dict[str, str] | None]] = []
    for col in (str(c) for c in df.columns):
        doc = by_name.get(col)
        title = (doc.title_kk if doc else "") or col
        labels = dict((names or {}).get(col) or {}) or (
            {v: kk for v, kk, _, _ in doc.enum_titles if kk} if doc else {})
        if labels:
            out.append((col, title + CODE_SUFFIX, None))
            out.append((col, title, labels))
        else:
            out.append((col, title, None))
    return out


def column_width(header: str, values: pd.Series) -> int:
    """A width that shows the column's longest value (up to MAX_WIDTH) and the header's words."""
    longest = int(values.astype("string").fillna("").str.len().max() or 0) if len(values) else 0
    header_word = max((len(w) for w in header.split()), default=0)
    return max(MIN_WIDTH, min(MAX_WIDTH, max(longest, header_word, min(len(header), 24)) + 2))


def xlsx_bytes(df: pd.DataFrame, fields: list[dict[str, Any]], docs: list[FieldDoc],
               sheet: str, when: datetime = EPOCH, title: str = "",
               names: dict[str, dict[str, str]] | None = None) -> bytes:
    """A workbook for a reader: the rows on the first sheet under Kazakh headers (the
    fields' titles), numbers as numbers, each coded column followed by a column of its
    Kazakh names (`labelled_columns`), columns as wide as their values, an autofilter and a
    frozen header; the field documentation after it, a sheet per language (kk, ru, en: the
    workbook is shared by the three sites). XlsxWriter in
    constant-memory mode streams the rows, so it scales to hundreds of thousands of them;
    every string stays text (no formulas, links or numbers made of it: data is never code).
    Deterministic to the byte for a given `when`, which is the workbook's created and
    modified date."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"constant_memory": True, "strings_to_formulas": False,
                                   "strings_to_urls": False, "strings_to_numbers": False})
    wb.set_properties({"title": title or sheet, "author": "Ashyq Derek", "created": when})
    header = wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E8EEF4",
                            "bottom": 1})
    columns = labelled_columns(df, docs, names)
    data_ws = wb.add_worksheet(_sheet_name(sheet))
    for col, (field, head, labels) in enumerate(columns):
        values = df[field].map(lambda v, m=labels: m.get(str(v), v) if pd.notna(v) else v) if labels else df[field]
        data_ws.set_column(col, col, column_width(head, values))
    data_ws.freeze_panes(1, 0)
    data_ws.write_row(0, 0, [head for _, head, _ in columns], header)
    if columns:
        data_ws.autofilter(0, 0, max(len(df), 1), len(columns) - 1)
    position = {str(c): i for i, c in enumerate(df.columns)}
    for number, row in enumerate(iter_typed_rows(df, fields), start=1):
        data_ws.write_row(number, 0, [
            row[position[field]] if labels is None
            else (labels.get(str(row[position[field]]), row[position[field]]) if row[position[field]] is not None
                  else None)
            for field, _, labels in columns])

    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    for lang in i18n.LANGUAGES:
        with i18n.use(lang):
            write_field_sheet(wb, columns, docs, header, wrap)
    wb.close()
    # XlsxWriter stamps every part 1980-01-31 (and a mode of 0600): deterministic as it is
    return buf.getvalue()


def write_field_sheet(wb: xlsxwriter.Workbook, columns: list[tuple[str, str, dict[str, str] | None]],
                      docs: list[FieldDoc], header: Any, wrap: Any) -> None:
    """The field documentation sheet of a workbook in the current language (i18n.use): a row
    per column of the data sheet, named by its (Kazakh) header there."""
    lang = i18n.current()
    doc_ws = wb.add_worksheet(_sheet_name(tr(FIELD_SHEET)))
    doc_ws.freeze_panes(1, 0)
    for col, width in enumerate([30, 22, 14, 10, 34, 50, 60, 30, 30]):
        doc_ws.set_column(col, col, width)
    doc_ws.write_row(0, 0, [tr(c) for c in FIELD_COLUMNS], header)
    by_name = {d.name: d for d in docs}
    number = 0
    for field, head, labels in columns:
        d = by_name.get(field)
        number += 1
        if labels is not None:
            doc_ws.write_row(number, 0, [
                head, tr("— («%(field)s» кодының атауы; CSV файлында бұл баған жоқ)") % {"field": field},
                tr(TYPE_KK[TEXT]), "", "", "", "", "", ""], wrap)
        elif d is None:
            doc_ws.write_row(number, 0, [head, field, "", "", "", "", "", "", ""], wrap)
        else:
            doc_ws.write_row(number, 0, [
                head, d.name, field_type_kk(d), tr("иә") if d.required else tr("жоқ"),
                "; ".join(constraints_kk(d)),
                "; ".join(f"{v} = {value_title(lang, kk, ru, en)}" for v, kk, ru, en in d.enum_titles),
                d.description, d.title_ru, d.title_en], wrap)
    if number:
        doc_ws.autofilter(0, 0, number, len(FIELD_COLUMNS) - 1)


def value_title(lang: str, kk: str, ru: str, en: str) -> str:
    """A coded value's title in `lang`, or the Kazakh one where the schema has none."""
    return {"ru": ru, "en": en}.get(lang, "") or kk


def _sheet_name(name: str) -> str:
    # Excel forbids []:*?/\ in sheet names and allows at most 31 characters
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "data"


# --- zip ----------------------------------------------------------------------------------

def zip_bytes(entries: Iterable[tuple[str, bytes]], when: datetime = EPOCH) -> bytes:
    """A zip of `entries` (name, bytes), sorted by name, every timestamp `when`."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in sorted(entries, key=lambda e: e[0]):
            zf.writestr(_zip_info(name, when), data)
    return buf.getvalue()


def _zip_info(name: str, when: datetime) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # unix, whatever machine builds it
    info.external_attr = 0o644 << 16
    return info


# --- citation -----------------------------------------------------------------------------

# A citation's words, in the language being written; the Kazakh ones carry their English too
# (the citation files, citation.bib and CITATION.txt's first line, are the Kazakh site's).
CITE_PACKAGE = N_("деректер пакеті / data package «%(package)s», v%(version)s")
CITE_COLLECTION = N_("деректер жинақтары / datasets")
CITE_NO_HISTORY = N_("нұсқасы белгісіз (git тарихы жоқ) / version unknown (no git history)")


@dataclass(frozen=True)
class Citation:
    """How to cite one package (or, with `collection`, every package: the data index) at a
    version: the commit that last changed it."""

    package: str
    title: str
    version: str  # the package's own version (datapackage.json); "—" when none
    url: str  # the package's page, absolute
    commit: str | None  # full sha, None when the build had no git history
    date: str | None  # YYYY-MM-DD of that commit
    collection: bool = False  # every package of the site, not one

    @property
    def text(self) -> str:
        """The citation as one line, in the language being written (i18n.use)."""
        built = f"commit {self.commit[:10]}, {self.date}" if self.commit else tr(CITE_NO_HISTORY)
        what = (tr(CITE_COLLECTION) if self.collection
                else tr(CITE_PACKAGE) % {"package": self.package, "version": self.version})
        return f"Ashyq Derek. {self.title} [{what}; {built}]. {self.url}"

    @property
    def bibtex(self) -> str:
        year = (self.date or "")[:4]
        lines = [f"@misc{{ashyq-derek-{self.package}{'-' + self.commit[:10] if self.commit else ''},",
                 "  author = {{Ashyq Derek}},",
                 f"  title = {{{self.title}}},",
                 f"  howpublished = {{\\url{{{self.url}}}}},"]
        if self.version != "—":
            lines.append(f"  version = {{{self.version}}},")
        if year:
            lines.append(f"  year = {{{year}}},")
        lines.append(f"  note = {{{'commit ' + self.commit if self.commit else 'version unknown'}}},")
        lines.append("}")
        return "\n".join(lines)

    @property
    def csl_json(self) -> str:
        """CSL-JSON (Zotero, Mendeley, pandoc's citeproc), one item of type "dataset"."""
        item: dict[str, Any] = {
            "id": f"ashyq-derek-{self.package}" + (f"-{self.commit[:10]}" if self.commit else ""),
            "type": "dataset",
            "title": self.title,
            "author": [{"literal": "Ashyq Derek"}],
            "publisher": "Ashyq Derek",
            **({"version": self.version} if self.version != "—" else {}),
            "URL": self.url,
            "note": f"commit {self.commit}" if self.commit else "version unknown (no git history)",
        }
        if self.date:
            item["issued"] = {"date-parts": [[int(part) for part in self.date.split("-")]]}
        return json.dumps([item], ensure_ascii=False, indent=2)

    def file_text(self, others: Iterable[str] = ()) -> str:
        """The CITATION file of the package zip: the citation, the same in the site's other
        languages (`others`: each one's `text`, the zip being shared by the three sites), then
        BibTeX and CSL-JSON."""
        lines = "\n".join([self.text, *others])
        return f"{lines}\n\nBibTeX:\n\n{self.bibtex}\n\nCSL-JSON:\n\n{self.csl_json}\n"
