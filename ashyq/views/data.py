"""The Data pages: /data/ (every package) and /data/<package>/ (its description, licence,
sources, schema documentation, how to cite it, its downloads), with schema.org `Dataset`
JSON-LD on each, and the DCAT catalogue of all packages at /catalog.jsonld.

The download files themselves are written by views/downloads.py; this view describes them
from the same list (`downloads.package_downloads`).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ashyq import exports, i18n, model, render, text, urls
from ashyq.i18n import N_
from ashyq.i18n import gettext as tr
from ashyq.urls import link
from ashyq.views import Output, changes, documented
from ashyq.views.downloads import DownloadFile, package_citation, package_downloads, package_url
from ashyq.views.sources import PAGED_SUFFIXES

PUBLISHER = "Ashyq Derek"
CATALOG_PATH = "catalog.jsonld"
# What the data index's citation calls every package together.
COLLECTION_TITLE = N_("Ашық дерек: Қазақстанның жұмыспен қамту саясаты туралы ашық деректер")
INDEX = urls.docs_path(urls.DATA)
# Kazakh labels of the download formats, and what each file is.
FORMAT_LABELS = {
    "CSV": ("CSV", N_("түпнұсқа файл, UTF-8")),
    "EXCEL-CSV": (N_("CSV (Windows-тағы Excel үшін)"),
                  N_("UTF-8, BOM белгісімен; бөлгіш «;», бөлшектер үтірмен: қазақ не орыс тілді Windows-тағы "
                  "Excel екі рет басқанда дұрыс ашады")),
    "XLSX": ("Excel (.xlsx)", N_("өрістердің сипаттамасы қазақша, орысша және ағылшынша парақтарда")),
    "JSON": ("JSON", N_("жазбалар тізімі, UTF-8")),
    "ZIP": ("ZIP", "CSV + datapackage.json + README.md + CITATION.txt"),
}
# EU language authority for DCAT's dct:language (Kazakh; ru/en are secondary titles only).
LANG_KK = "http://publications.europa.eu/resource/authority/language/KAZ"


@dataclass(frozen=True)
class DownloadLink:
    label: str = documented('the format as the button says it, e.g. "Excel (.xlsx)"')
    note: str = documented('what the file is, in Kazakh, e.g. "түпнұсқа файл, UTF-8"')
    href: str = documented("link to the file, relative to the page; for one made in the browser, to the CSV it is "
                           "made from")
    format: str = documented("CSV | EXCEL-CSV | XLSX | JSON | ZIP")
    name: str = documented('the name the file is saved under, e.g. "quotas-excel.csv"', default="")
    made_in_browser: bool = documented("made by the reader's browser from the CSV at href (assets/js/convert.js): "
                                       "the page shows it only where scripts run", default=False)
    types: dict[str, str] = documented("for one made in the browser: the CSV's integer and number fields → their "
                                       "type (a JSON number; the CSV for Excel writes a number's decimal comma)",
                                       default_factory=dict)


@dataclass(frozen=True)
class Reference:
    """A foreign key of a field, shown as a link to the referenced table's documentation."""

    text: str = documented('the referenced field as "package/resource.field", e.g. "places/places.place_id"')
    href: str = documented("link to that table's documentation on its package's page, relative to the page")


@dataclass(frozen=True)
class FieldRow:
    doc: exports.FieldDoc = documented("the field's documentation from the schema: name, type, titles, constraints, "
                                       "description, enum titles, key")
    references: list[Reference] = documented("links to the fields its foreign keys refer to; empty when none")
    description_lang: str = documented('"en" when the field\'s description is written in English (the page marks '
                                       'it lang="en"), else ""', default="")


@dataclass(frozen=True)
class ResourceDoc:
    name: str = documented("the resource's name, e.g. \"quotas\" (also its anchor: #resource-<name>)")
    title: str = documented("its title from datapackage.json; its name when it has none")
    description: str = documented('its description from datapackage.json (English); "" when none')
    rows: int = documented("its number of rows; 0 when the table was not loaded")
    primary_key: list[str] = documented("the fields of its primary key; empty when none")
    fields: list[FieldRow] = documented("every field of its schema, in order")
    downloads: list[DownloadLink] = documented("its files: CSV, CSV for Excel, XLSX, JSON")
    description_lang: str = documented('"en" when the table\'s description is written in English (marked, with a '
                                       'Kazakh note), else ""', default="")
    fields_lang: str = documented('"en" when some field\'s description is in English (the field table gets a Kazakh '
                                  'note), else ""', default="")
    version_href: str = documented("its CSV in the repository exactly at the commit the site was built from "
                                   "(urls.repository_file): a link that never changes; \"\" without a repository "
                                   "or git history", default="")
    version_raw_href: str = documented("the same file's bytes at that commit (…/raw/…), for pandas or R; \"\" "
                                       "likewise", default="")


@dataclass(frozen=True)
class SourceLink:
    title: str = documented("the source's title from datapackage.json; its path when it has none")
    href: str = documented("link to the source document's page (/sources/<package>/<file stem>/), to the file itself "
                           'when it is not a text document, or its URL when external; "" when there is none')


@dataclass(frozen=True)
class License:
    name: str = documented('the licence\'s identifier, e.g. "CC-BY-4.0"; "" when none')
    title: str = documented("its title; its name when it has none")
    url: str = documented('its http(s) URL; "" when none (any other scheme is dropped)')


@dataclass(frozen=True)
class PackageContext:
    """The page of one package: /data/<package>/."""

    name: str = documented("the package's name, e.g. \"quotas\"")
    title: str = documented("its title from datapackage.json")
    description: str = documented('its description (English); "" when none')
    version: str = documented('its version from datapackage.json; "—" when none')
    licenses: list[License] = documented("its licences; empty when none")
    sources: list[SourceLink] = documented("its source documents, as datapackage.json lists them")
    resources: list[ResourceDoc] = documented("its tables, in descriptor order")
    zip: DownloadLink = documented("the whole package as one zip")
    citation: exports.Citation = documented("how to cite it at the version the site was built from")
    updated: str | None = documented("YYYY-MM-DD of the last commit that touched the package (the build's commit "
                                     "without history); None without git")
    commit: str | None = documented("that commit's short sha; None without git")
    readme: str = documented("the package README as Markdown (headings demoted, raw HTML shown as text, relative links "
                             'as code); "" when none')
    jsonld: dict[str, Any] = documented("its schema.org Dataset, for the page's JSON-LD")
    index_href: str = documented("link to /data/, relative to the page")
    history: changes.HistoryContext | None = documented("the package's changes, from git history", default=None)
    citation_files: tuple[str, str] = documented("links to the citation's files, BibTeX and CSL-JSON "
                                                 "(data/<package>/citation.bib, citation.json), relative to the page",
                                                 default=("", ""))
    description_lang: str = documented('"en" when the package description is written in English (marked, with a '
                                       'Kazakh note), else ""', default="")
    readme_lang: str = documented('"en" when the README is written in English (it sits in a lang="en" block, '
                                  'with a Kazakh note), else ""', default="")


@dataclass(frozen=True)
class PackageSummary:
    name: str = documented("the package's name")
    title: str = documented("its title")
    description: str = documented('its description (English); "" when none')
    href: str = documented("link to its page, relative to /data/")
    resources: list[tuple[str, str, int]] = documented("its tables as (name, title, rows)")
    licenses: list[License] = documented("its licences; empty when none")
    updated: str | None = documented("YYYY-MM-DD of the package's version: the last commit that changed it (the "
                                     "build's without history); None without git")
    description_lang: str = documented('"en" when the package description is written in English, else ""',
                                       default="")


@dataclass(frozen=True)
class IndexContext:
    """The list of all packages: /data/."""

    packages: list[PackageSummary] = documented("every package, by name")
    updated: str | None = documented("YYYY-MM-DD of the commit the site was built from; None without git")
    commit: str | None = documented("that commit's short sha; None without git")
    catalog_href: str = documented("link to the DCAT catalogue (catalog.jsonld), relative to /data/")
    jsonld: dict[str, Any] = documented("the schema.org DataCatalog of every package, for the page's JSON-LD")
    citation: exports.Citation = documented("how to cite every package at once, at the commit the site was built from")
    version_href: str = documented("the repository's datasets/ folder exactly at that commit (urls.repository_folder): "
                                   "a link that never changes; \"\" without a repository or git history",
                                   default="")
    api_href: str = documented("link to the API's guide (/api/), relative to /data/", default="")


def iter_outputs(data: model.Model) -> Iterator[Output]:
    packages = [pkg for _, pkg in sorted(data.packages.items())]
    datasets = [dataset_jsonld(data, pkg) for pkg in packages]
    for pkg, jsonld in zip(packages, datasets):
        ctx = package_context(data, pkg, jsonld)
        yield Output(urls.docs_path(urls.data_package(pkg.name)), render.render_page("data_package.md.j2", ctx))
        # the ready citation as files, for reference managers and scripts
        yield Output(urls.citation_file(pkg.name, "bib"), ctx.citation.bibtex + "\n")
        yield Output(urls.citation_file(pkg.name, "json"), ctx.citation.csl_json + "\n")
    yield Output(INDEX, render.render_page("data.md.j2", index_context(data, packages, datasets)))
    yield Output(CATALOG_PATH, json.dumps(dcat_catalog(data, packages), ensure_ascii=False, indent=1) + "\n")


# --- pages --------------------------------------------------------------------------------

def package_context(data: model.Model, pkg: model.PackageInfo, jsonld: dict[str, Any]) -> PackageContext:
    page = urls.docs_path(urls.data_package(pkg.name))
    files = package_downloads(pkg)
    readme = data.files.package_file(pkg, "README.md")
    resources = []
    citation = package_citation(data, pkg)
    sha = citation.commit or ""  # the package's version: its CSVs are exactly these bytes at this commit
    for res in pkg.resources():
        df = data.table(pkg.name, res.name)
        docs = exports.field_docs(res.schema, pkg.name, res.name)
        resources.append(ResourceDoc(
            name=res.name,
            title=res.title,
            description=str(res.descriptor.get("description") or ""),
            rows=0 if df is None else len(df),
            primary_key=res.primary_key,
            fields=[FieldRow(d, [reference(page, r) for r in d.references], lang_of(d.description)) for d in docs],
            downloads=[download_link(page, f, res.fields) for f in files if f.resource == res.name],
            description_lang=lang_of(str(res.descriptor.get("description") or "")),
            fields_lang="en" if any(text.english_text(d.description) for d in docs) else "",
            version_href=urls.repository_file(data.repository, sha, data.csv_path(pkg.name, res.name)),
            version_raw_href=urls.repository_file(data.repository, sha, data.csv_path(pkg.name, res.name), raw=True),
        ))
    zip_file = next(f for f in files if f.format == "ZIP")
    # the last commit that touched this package (the build's commit without history)
    last = data.last_updated(pkg.name) or data.commit
    return PackageContext(
        name=pkg.name,
        title=pkg.title,
        description=str(pkg.descriptor.get("description") or ""),
        version=str(pkg.descriptor.get("version") or "—"),
        licenses=licenses(pkg),
        sources=source_links(pkg, page),
        resources=resources,
        zip=download_link(page, zip_file),
        citation=citation,
        updated=last.date[:10] if last else None,
        commit=last.short if last else None,
        readme=readme_markdown(readme.decode("utf-8")) if readme else "",
        jsonld=jsonld,
        index_href=link(page, urls.DATA),
        history=changes.history_for_package(data, pkg.name, page),
        citation_files=(link(page, urls.citation_file(pkg.name, "bib")),
                        link(page, urls.citation_file(pkg.name, "json"))),
        description_lang=lang_of(str(pkg.descriptor.get("description") or "")),
        readme_lang=lang_of(readme.decode("utf-8")) if readme else "",
    )


def lang_of(value: str) -> str:
    """"en" for text written in English (a Kazakh page marks it lang="en" and says so), else ""."""
    return "en" if text.english_text(value) else ""


def index_context(data: model.Model, packages: list[model.PackageInfo],
                  datasets: list[dict[str, Any]]) -> IndexContext:
    page = INDEX
    summaries = []
    for pkg in packages:
        rows = []
        for res in pkg.resources():
            df = data.table(pkg.name, res.name)
            rows.append((res.name, res.title, 0 if df is None else len(df)))
        version = package_citation(data, pkg)
        summaries.append(PackageSummary(pkg.name, pkg.title, str(pkg.descriptor.get("description") or ""),
                                        link(page, urls.data_package(pkg.name)), rows, licenses(pkg),
                                        version.date,
                                        lang_of(str(pkg.descriptor.get("description") or ""))))
    return IndexContext(
        packages=summaries,
        updated=data.commit.date[:10] if data.commit else None,
        commit=data.commit.short if data.commit else None,
        catalog_href=link(page, CATALOG_PATH),
        citation=exports.Citation("datasets", tr(COLLECTION_TITLE), "—",
                                  f"{data.site_url}{i18n.prefix()}{urls.DATA}",
                                  data.commit.sha if data.commit else None, data.commit.day if data.commit else None,
                                  collection=True),
        version_href=urls.repository_folder(data.repository, data.commit.sha if data.commit else "", "datasets"),
        api_href=link(page, urls.API_GUIDE),
        jsonld={
            "@context": "https://schema.org/",
            "@type": "DataCatalog",
            "@id": f"{data.site_url}data/",
            "url": f"{data.site_url}data/",
            "name": tr("Ashyq Derek — Ашық дерек"),
            "inLanguage": "kk",
            "publisher": organization(data),
            "dataset": datasets,
        },
    )


def download_link(page: str, file: DownloadFile, fields: list[dict[str, Any]] | None = None) -> DownloadLink:
    label, note = (tr(text) for text in FORMAT_LABELS[file.format])
    if file.made_from is None:
        return DownloadLink(label, note, link(page, file.url), file.format, file.name)
    types = {str(f.get("name")): str(f.get("type")) for f in fields or [] if f.get("type") in ("integer", "number")}
    return DownloadLink(label, note, link(page, file.made_from), file.format, file.name, made_in_browser=True,
                        types=types)


def reference(page: str, target: str) -> Reference:
    """"places/places.place_id" → a link to that table on the places package page."""
    package, _, rest = target.partition("/")
    resource = rest.partition(".")[0]
    return Reference(target, link(page, urls.data_package(package, resource)))


def licenses(pkg: model.PackageInfo) -> list[License]:
    out = []
    for lic in pkg.descriptor.get("licenses") or []:
        if isinstance(lic, dict):
            out.append(License(str(lic.get("name") or ""), str(lic.get("title") or lic.get("name") or ""),
                               web_url(str(lic.get("path") or ""))))
    return out


def web_url(value: str) -> str:
    """`value` when it is an http(s) URL, else "": a descriptor comes from a pull request, and
    a `javascript:` or `data:` "licence" must not become a link."""
    return value if value.strip().lower().startswith(("https://", "http://")) else ""


def source_links(pkg: model.PackageInfo, page: str) -> list[SourceLink]:
    """The package's source documents, each linking to its page on the site.

    A source path is relative to the package folder and may point into another package
    (`../quotas/sources/000_….txt`): the page is that package's."""
    out = []
    for src in pkg.descriptor.get("sources") or []:
        if not isinstance(src, dict):
            continue
        title = str(src.get("title") or src.get("path") or "")
        path = src.get("path")
        if isinstance(path, str) and not re.match(r"^[a-z]+://", path):
            parts = posixpath.normpath(posixpath.join(pkg.name, path)).split("/")
            if len(parts) >= 3 and parts[1] == "sources":
                stem, suffix = posixpath.splitext(parts[-1])
                # text documents have a page with line anchors; other files are served as they are
                target = f"{stem}/" if suffix in PAGED_SUFFIXES else parts[-1]
                out.append(SourceLink(title, link(page, urls.source_file(parts[0], target))))
                continue
        out.append(SourceLink(title, path if isinstance(path, str) and "://" in path else ""))
    return out


_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})(?=\s)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_RELATIVE_LINK = re.compile(r"(!?)\[([^\]]*)\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|#)([^)\s]+)\)")


def readme_markdown(text: str, shift: int = 2) -> str:
    """A package README as Markdown inside the package page.

    Headings go `shift` levels down (the README's title sits under the page's own headings);
    raw HTML is shown as text, not run (`<` outside code becomes `&lt;`); relative links
    (to files of the repository, not pages of the site) become their text and target as code,
    so the page links nowhere that does not exist.
    """
    out = []
    fence: str | None = None
    for line in text.splitlines():
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue
        line = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + shift), line)
        out.append(_outside_code(line))
    return "\n".join(out) + "\n"


def _outside_code(line: str) -> str:
    parts, pos = [], 0
    for m in _CODE_SPAN.finditer(line):
        parts.append(_plain_markdown(line[pos:m.start()]))
        parts.append(m.group(0))
        pos = m.end()
    parts.append(_plain_markdown(line[pos:]))
    return "".join(parts)


def _plain_markdown(text: str) -> str:
    text = text.replace("<", "&lt;")
    return _RELATIVE_LINK.sub(lambda m: f"{m.group(2)} (`{m.group(3)}`)", text)


# --- machine-readable ---------------------------------------------------------------------

def organization(data: model.Model) -> dict[str, Any]:
    return {"@type": "Organization", "name": PUBLISHER, "url": data.site_url or "/"}


def dataset_jsonld(data: model.Model, pkg: model.PackageInfo) -> dict[str, Any]:
    """schema.org Dataset of one package (what search engines read on its page)."""
    url = package_url(data, pkg.name)
    citation = package_citation(data, pkg)
    variables: dict[str, dict[str, Any]] = {}
    for res in pkg.resources():
        for doc in exports.field_docs(res.schema, pkg.name):
            # a field shared by several tables (resolution_id) is one variable
            variables.setdefault(doc.name, {
                "@type": "PropertyValue",
                "name": doc.name,
                "alternateName": [t for t in (doc.title_kk, doc.title_ru, doc.title_en) if t],
                "description": doc.description,
            })
    description = str(pkg.descriptor.get("description") or pkg.title)
    out: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        "@id": url,
        "url": url,
        "identifier": pkg.name,
        "name": pkg.title,
        "description": description,
        "version": citation.version,
        "inLanguage": "kk",
        "isAccessibleForFree": True,
        "creator": organization(data),
        "publisher": organization(data),
        "citation": citation.text,
        "distribution": [{
            "@type": "DataDownload",
            "name": f.name,
            "contentUrl": f"{data.site_url}{f.url}",
            "encodingFormat": f.media_type,
        } for f in package_downloads(pkg) if f.made_from is None],
        "variableMeasured": list(variables.values()),
    }
    lic = licenses(pkg)
    if lic:
        out["license"] = lic[0].url or lic[0].name
    if data.commit:
        out["dateModified"] = data.commit.date
    return out


def dcat_catalog(data: model.Model, packages: list[model.PackageInfo]) -> dict[str, Any]:
    """The DCAT-AP style catalogue of every package and download, as JSON-LD."""
    site = data.site_url
    modified = {"@value": data.commit.date, "@type": "xsd:dateTime"} if data.commit else None
    publisher = {"@type": "foaf:Agent", "foaf:name": PUBLISHER, "foaf:homepage": {"@id": site or "/"}}
    datasets = []
    for pkg in packages:
        lic = licenses(pkg)
        license_ref = {"@id": lic[0].url} if lic and lic[0].url else None
        dists = []
        for f in package_downloads(pkg):
            if f.made_from is not None:
                continue  # made in the browser: no file at a URL
            dist: dict[str, Any] = {
                "@id": f"{site}{f.url}",
                "@type": "dcat:Distribution",
                "dct:title": f.name,
                "dcat:accessURL": {"@id": package_url(data, pkg.name)},
                "dcat:downloadURL": {"@id": f"{site}{f.url}"},
                "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{f.media_type}"},
                "dct:format": f.format,
            }
            if license_ref:
                dist["dct:license"] = license_ref
            dists.append(dist)
        dataset: dict[str, Any] = {
            "@id": package_url(data, pkg.name),
            "@type": "dcat:Dataset",
            "dct:identifier": pkg.name,
            "dct:title": {"@value": pkg.title_kk, "@language": "kk"},
            "dct:description": str(pkg.descriptor.get("description") or pkg.title),
            "dcat:landingPage": {"@id": package_url(data, pkg.name)},
            "dcat:version": str(pkg.descriptor.get("version") or ""),
            "dct:publisher": publisher,
            "dct:language": {"@id": LANG_KK},
            "dcat:distribution": dists,
        }
        if license_ref:
            dataset["dct:license"] = license_ref
        if modified:
            dataset["dct:modified"] = modified
        datasets.append(dataset)
    out: dict[str, Any] = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": f"{site}{CATALOG_PATH}",
        "@type": "dcat:Catalog",
        "dct:title": {"@value": "Ashyq Derek — Ашық дерек", "@language": "kk"},
        "dct:description": {"@value": "Қазақстанның жұмыспен қамту саясаты туралы ашық деректер", "@language": "kk"},
        "dct:publisher": publisher,
        "foaf:homepage": {"@id": site or "/"},
        "dct:language": {"@id": LANG_KK},
        "dcat:dataset": datasets,
    }
    if modified:
        out["dct:modified"] = modified
    return out
