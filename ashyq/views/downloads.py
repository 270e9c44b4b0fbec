"""Data files at /data/<package>/: every resource as its original CSV (copied byte for byte)
and as Excel (.xlsx), and one zip per package with the CSVs, datapackage.json, README.md and a
CITATION file.

Two more downloads are made by the reader's browser from the CSV (assets/js/convert.js), not
stored: a CSV that Excel on Windows opens by a double click (`<stem>-excel.csv`: UTF-8 with
BOM, ";", decimal commas) and the JSON records (`<stem>.json`). As files they would hold every
row twice more: at the national corpus, 160 MB of the data folder's 260 MB.

`package_downloads` is the list of those files (names, formats, URLs) without their bytes:
the data pages and the catalogues describe what this view writes from the same list.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import PurePosixPath

from ashyq import cache, exports, i18n, model, urls
from ashyq.views import Output, documented

FORMATS = {  # format → (media type, file extension)
    "CSV": ("text/csv", "csv"),
    "EXCEL-CSV": ("text/csv", "csv"),
    "XLSX": (exports.XLSX_MEDIA_TYPE, "xlsx"),
    "JSON": ("application/json", "json"),
    "ZIP": ("application/zip", "zip"),
}
# Made by the reader's browser from the resource's CSV; the site stores no file of them.
MADE_IN_BROWSER = {"EXCEL-CSV", "JSON"}
CITATION_FILE = "CITATION.txt"


@dataclass(frozen=True)
class DownloadFile:
    """One download of a package; `resource` is None for the package zip."""

    package: str = documented("the package's name")
    resource: str | None = documented("the resource it holds; None for the package zip")
    format: str = documented("CSV | XLSX | JSON | ZIP (a key of FORMATS)")
    url: str = documented('its URL from the site root, e.g. "data/quotas/quotas.xlsx"; for one made in the '
                          'browser, the name it is saved under, in the folder it belongs to (no file is there)')
    made_from: str | None = documented("for a download the reader's browser makes (MADE_IN_BROWSER): the URL of the "
                                       "CSV it is made from; None for a file of the site", default=None)

    @property
    def name(self) -> str:
        return PurePosixPath(self.url).name

    @property
    def media_type(self) -> str:
        return FORMATS[self.format][0]


def package_downloads(pkg: model.PackageInfo) -> list[DownloadFile]:
    """Every download of `pkg`: per resource CSV, CSV for Excel, XLSX, JSON (in descriptor
    order), then the zip. The CSV for Excel and the JSON are made in the browser from the CSV."""
    files = []
    for res in pkg.resources():
        stem = PurePosixPath(res.path.name).stem
        # the CSV keeps its own file name: /data/<package>/<file>.csv is a published URL
        csv_url = urls.data_file(pkg.name, res.path.name)
        for fmt, name in (("CSV", res.path.name), ("EXCEL-CSV", f"{stem}-excel.csv"), ("XLSX", f"{stem}.xlsx"),
                          ("JSON", f"{stem}.json")):
            files.append(DownloadFile(pkg.name, res.name, fmt, urls.data_file(pkg.name, name),
                                      made_from=csv_url if fmt in MADE_IN_BROWSER else None))
    files.append(DownloadFile(pkg.name, None, "ZIP", urls.data_file(pkg.name, f"{pkg.name}.zip")))
    return files


def package_url(data: model.Model, package: str) -> str:
    """The package page in the language being written as an absolute URL (relative to the
    site root when site_url is unset)."""
    return f"{data.site_url}{i18n.prefix()}data/{package}/"


def package_citation(data: model.Model, pkg: model.PackageInfo) -> exports.Citation:
    """How to cite `pkg`, in the language being written (its title and page): its version is
    the last commit that changed the package (the build's commit without history), so a
    citation stays the same while other packages change."""
    commit = data.last_updated(pkg.name) or data.commit
    return exports.Citation(
        package=pkg.name,
        title=pkg.title,
        version=str(pkg.descriptor.get("version") or "—"),
        url=package_url(data, pkg.name),
        commit=commit.sha if commit else None,
        date=commit.date[:10] if commit else None,
    )


def iter_outputs(data: model.Model) -> Iterator[Output]:
    when = exports.fixed_time(data.commit.date if data.commit else None)
    for name, pkg in sorted(data.packages.items()):
        resources = {res.name: res for res in pkg.resources()}
        for file in package_downloads(pkg):
            res = resources.get(file.resource or "")
            if file.format == "CSV" and res is not None:
                # what people download is the source file itself, not a re-serialisation
                yield Output(file.url, copy_from=res.path)
            elif file.format == "XLSX" and res is not None:
                df = data.table(name, res.name)
                if df is None:
                    continue
                docs = exports.field_docs(res.schema, name, res.name)
                title, names = str(res.descriptor.get("title") or res.name), place_names(data, docs)
                # what the workbook is made of: its rows (the CSV read with the package's schema), the names
                made = cache.made(file.url, [
                    data.files.package_file(pkg, res.relpath) or b"",
                    json.dumps(pkg.descriptor, sort_keys=True).encode(), res.name.encode(),
                    when.isoformat().encode(), title.encode(), json.dumps(names, sort_keys=True).encode()],
                    partial(exports.xlsx_bytes, df, res.fields, docs, res.name, when, title=title, names=names))
                yield Output(file.url, data=made)
            elif file.format == "ZIP":
                entries = zip_entries(data, pkg)
                parts = [when.isoformat().encode()] + [part for n, body in entries for part in (n.encode(), body)]
                yield Output(file.url, data=cache.made(file.url, parts, partial(exports.zip_bytes, entries, when)))


PLACE_KEY = "places/places.place_id"


def place_names(data: model.Model, docs: list[exports.FieldDoc]) -> dict[str, dict[str, str]]:
    """field → place_id → the place's name, for every field that refers to a place: the
    workbook shows the name beside the code."""
    return {d.name: data.names for d in docs if PLACE_KEY in d.references}


def zip_entries(data: model.Model, pkg: model.PackageInfo) -> list[tuple[str, bytes]]:
    """The package zip: `<package>/` + the package's own paths, so datapackage.json's
    resource paths resolve inside the unpacked folder."""
    others = []
    for lang in data.languages[1:]:  # the zip is shared: the citation in each language of the site
        with i18n.use(lang):
            others.append(package_citation(data, pkg).text)
    citation = package_citation(data, pkg).file_text(others)
    entries = [(f"{pkg.name}/{CITATION_FILE}", citation.encode("utf-8"))]
    for rel in [model.DESCRIPTOR, "README.md", *(res.relpath for res in pkg.resources())]:
        body = data.files.package_file(pkg, rel)
        if body is not None:
            entries.append((f"{pkg.name}/{PurePosixPath(rel).as_posix()}", body))
    return entries
