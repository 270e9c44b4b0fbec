"""The Data pages and downloads: a page per package, every download present and faithful
(CSV byte for byte; xlsx and zip to the same values; the CSV for Excel and the JSON, made in
the browser, to the same cells), JSON-LD and the DCAT catalogue, byte-identical rebuilds, and
a data page in a real browser."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import subprocess
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from openpyxl import load_workbook

from ashyq import catalog, exports, urls
from ashyq.build import build_site
from ashyq.paths import DATASETS
from ashyq.views import data as data_view
from ashyq.views.downloads import MADE_IN_BROWSER, package_downloads

SITE_URL = "https://ashyq-derek.github.io/ashyq-derek/"  # mkdocs.yml site_url, the public address
PACKAGES = catalog.load_catalog(DATASETS)
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# The field sheets of every workbook, a sheet per language (exports.FIELD_SHEET translated).
FIELD_SHEETS = ["Өрістер", "Поля", "Fields"]


def typed_csv(path: Path, fields: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """A CSV's header and rows, each cell typed by its schema field ("" → None)."""
    types = {f["name"]: f.get("type", "string") for f in fields}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        rows = [[None if v == "" else int(v) if types[h] == "integer" else float(v)
                 if types[h] == "number" else v for h, v in zip(header, row)] for row in reader]
    return header, rows


def jsonld_blocks(html: str) -> list[Any]:
    return [json.loads(block) for block in JSONLD.findall(html)]


def digest(folder: Path, pattern: str) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.glob(pattern)) if p.is_file()}


# --- units --------------------------------------------------------------------------------

def test_readme_markdown_demotes_headings_and_shows_html_as_text():
    text = ("# Title\n\nSee `<pkg>` and <script>alert(1)</script>.\n"
            "## Part\n```sh\n# a comment, not a heading <b>\n```\n"
            "[the conventions](../README.md), [CC](https://creativecommons.org/) and [top](#part)\n")
    assert data_view.readme_markdown(text).splitlines() == [
        "### Title",
        "",
        "See `<pkg>` and &lt;script>alert(1)&lt;/script>.",
        "#### Part",
        "```sh",
        "# a comment, not a heading <b>",
        "```",
        "the conventions (`../README.md`), [CC](https://creativecommons.org/) and [top](#part)",
    ]


def test_field_docs_document_keys_references_and_enum_titles():
    schema = {
        "fields": [
            {"name": "place_id", "type": "string", "titles": {"kk": "Орын", "ru": "Место", "en": "Place"},
             "description": "A place.", "constraints": {"required": True, "pattern": "^[a-z]+$"}},
            {"name": "parent_id", "type": "string", "title": "Ата"},
            {"name": "kind", "type": "string", "constraints": {"enum": ["a"]},
             "enumTitles": {"a": {"kk": "А", "ru": "А-ru", "en": "A"}}},
        ],
        "primaryKey": "place_id",
        "foreignKeys": [{"fields": "parent_id", "reference": {"resource": "", "fields": "place_id"}}],
        "externalForeignKeys": [{"fields": "kind", "reference": {"package": "k", "resource": "kinds", "fields": "id"}}],
    }
    docs = exports.field_docs(schema, "places")
    assert [(d.name, d.type, d.title_kk, d.title_ru, d.title_en, d.required, d.constraints, d.primary_key,
             d.references, d.enum_titles) for d in docs] == [
        ("place_id", "string", "Орын", "Место", "Place", True, ["pattern: ^[a-z]+$"], True, (), []),
        ("parent_id", "string", "Ата", "", "", False, [], False, ("places/(осы кесте).place_id",), []),
        ("kind", "string", "", "", "", False, [], False, ("k/kinds.id",), [("a", "А", "А-ru", "A")]),
    ]


def test_xlsx_keeps_formula_like_text_as_text_and_is_deterministic():
    import pandas as pd

    df = pd.DataFrame({"name": pd.array(["=1+1", "Қазақ"], dtype="string"),
                       "n": pd.array([1, None], dtype="Int64"), "x": pd.array([2.5, 3.0], dtype="Float64")})
    fields = [{"name": "name", "type": "string"}, {"name": "n", "type": "integer"}, {"name": "x", "type": "number"}]
    first = exports.xlsx_bytes(df, fields, exports.field_docs({"fields": fields}), "t")
    assert exports.xlsx_bytes(df, fields, exports.field_docs({"fields": fields}), "t") == first
    wb = load_workbook(io.BytesIO(first))
    assert wb.sheetnames == ["t", *FIELD_SHEETS]
    assert list(wb["t"].values) == [("name", "n", "x"), ("=1+1", 1, 2.5), ("Қазақ", None, 3.0)]
    assert wb["t"]["A2"].data_type == "s"
    assert len({(i.date_time, i.external_attr) for i in zipfile.ZipFile(io.BytesIO(first)).infolist()}) == 1
    when = exports.fixed_time("2026-03-04T05:06:08+05:00")
    dated = exports.xlsx_bytes(df, fields, [], "t", when)
    assert load_workbook(io.BytesIO(dated)).properties.modified == when  # the data's commit, not the clock


def test_xlsx_reads_in_kazakh_with_names_beside_codes_widths_filter_and_frozen_header():
    import pandas as pd

    df = pd.DataFrame({"category": pd.array(["disability", "probation", None], dtype="string"),
                       "place_id": pd.array(["borli", "nowhere", "borli"], dtype="string"),
                       "organization_kk": pd.array(["«Бөрлі» ЖШС" * 3, "А", "Б"], dtype="string"),
                       "jobs": pd.array([2, None, 12], dtype="Int64")})
    fields = [
        {"name": "category", "type": "string", "titles": {"kk": "Азаматтар санаты", "en": "Category"},
         "description": "Group of people.", "constraints": {"required": True, "enum": ["disability", "probation"]},
         "enumTitles": {"disability": {"kk": "Мүгедектігі бар адамдар"}, "probation": {"kk": "Пробация"}}},
        {"name": "place_id", "type": "string", "title": "Елді мекен / аудан"},
        {"name": "organization_kk", "type": "string", "titles": {"kk": "Ұйымның атауы", "ru": "Организация"}},
        {"name": "jobs", "type": "integer", "title": "Жұмыс орны", "constraints": {"minimum": 0}},
    ]
    docs = exports.field_docs({"fields": fields, "primaryKey": ["place_id", "organization_kk"]})
    blob = exports.xlsx_bytes(df, fields, docs, "quotas", names={"place_id": {"borli": "Бөрлі ауданы"}})
    wb = load_workbook(io.BytesIO(blob))
    assert wb.sheetnames == ["quotas", "Өрістер", "Поля", "Fields"]
    ws = wb["quotas"]
    assert list(ws.values) == [
        ("Азаматтар санаты (коды)", "Азаматтар санаты", "Елді мекен / аудан (коды)", "Елді мекен / аудан",
         "Ұйымның атауы", "Жұмыс орны"),
        ("disability", "Мүгедектігі бар адамдар", "borli", "Бөрлі ауданы", "«Бөрлі» ЖШС" * 3, 2),
        ("probation", "Пробация", "nowhere", "nowhere", "А", None),  # a code without a name stays the code
        (None, None, "borli", "Бөрлі ауданы", "Б", 12),
    ]
    assert ws.auto_filter.ref == "A1:F4"
    assert ws.freeze_panes == "A2"
    assert ws["A1"].font.b
    widths = column_widths(ws)
    # wide enough for the longest value (33 letters) and the header's words; numbers stay narrow
    assert widths["E"] >= 35 and widths["B"] >= 25 and widths["D"] >= 14 and 6 <= widths["F"] <= 14
    doc = list(wb["Өрістер"].values)
    assert doc[0] == tuple(exports.FIELD_COLUMNS)
    assert [r[:6] for r in doc[1:]] == [
        ("Азаматтар санаты (коды)", "category", "мәтін", "иә", None,
         "disability = Мүгедектігі бар адамдар; probation = Пробация"),
        ("Азаматтар санаты", "— («category» кодының атауы; CSV файлында бұл баған жоқ)", "мәтін", None, None, None),
        ("Елді мекен / аудан (коды)", "place_id", "мәтін", "иә", "кілт (жолды анықтайды)", None),
        ("Елді мекен / аудан", "— («place_id» кодының атауы; CSV файлында бұл баған жоқ)", "мәтін", None, None,
         None),
        ("Ұйымның атауы", "organization_kk", "мәтін", "иә", "кілт (жолды анықтайды)", None),
        ("Жұмыс орны", "jobs", "бүтін сан", "жоқ", "ең кіші мәні: 0", None),
    ]
    assert doc[1][6:] == ("Group of people.", None, "Category")
    # the same sheet in Russian and in English: the data sheet's (Kazakh) headers name the rows
    ru, en = list(wb["Поля"].values), list(wb["Fields"].values)
    assert ru[0][:3] == ("Столбец", "Имя в файле", "Тип") and en[0][:3] == ("Column", "Name in the file", "Type")
    assert [r[0] for r in ru][1:] == [r[0] for r in en][1:] == [r[0] for r in doc][1:]
    assert ru[1][2:6] == ("текст", "да", None, "disability = Мүгедектігі бар адамдар; probation = Пробация")
    assert en[1][5] == "disability = Мүгедектігі бар адамдар; probation = Пробация"  # no English title: Kazakh
    assert ru[2][1] == "— (название кода «category»; в CSV-файле этого столбца нет)"
    assert en[3][4] == "key (identifies the row)" and en[6][2:5] == ("integer", "no", "minimum: 0")


def column_widths(ws):
    """letter → width of every column given one (openpyxl groups equal neighbours)."""
    from openpyxl.utils import get_column_letter

    return {get_column_letter(i): round(d.width) for d in ws.column_dimensions.values()
            for i in range(d.min, d.max + 1)}


def test_zip_is_sorted_with_fixed_timestamps():
    when = exports.fixed_time("2026-03-04T05:06:08+05:00")  # zip stores even seconds
    blob = exports.zip_bytes([("p/b.csv", b"b"), ("p/a.csv", b"a")], when)
    infos = zipfile.ZipFile(io.BytesIO(blob)).infolist()
    assert [(i.filename, i.date_time) for i in infos] == [
        ("p/a.csv", (2026, 3, 4, 5, 6, 8)), ("p/b.csv", (2026, 3, 4, 5, 6, 8))]
    assert exports.zip_bytes([("p/a.csv", b"a"), ("p/b.csv", b"b")], when) == blob


def test_citation_without_history_says_the_version_is_unknown():
    cite = exports.Citation("quotas", "Квоталар", "0.1.0", "http://x/data/quotas/", None, None)
    assert cite.text == ("Ashyq Derek. Квоталар [деректер пакеті / data package «quotas», v0.1.0; "
                         "нұсқасы белгісіз (git тарихы жоқ) / version unknown (no git history)]. "
                         "http://x/data/quotas/")


# --- the real site ------------------------------------------------------------------------

def test_every_package_has_a_page_listed_in_the_index_and_the_sitemap(real_site):
    index = (real_site / "data/index.html").read_text(encoding="utf-8")
    sitemap = (real_site / "sitemap.xml").read_text(encoding="utf-8")
    assert PACKAGES, "no packages found"
    for name, pkg in PACKAGES.items():
        html = (real_site / f"data/{name}/index.html").read_text(encoding="utf-8")
        assert f'href="{name}/"' in index
        assert f"<loc>{SITE_URL}data/{name}/</loc>" in sitemap
        for res in pkg.resources():
            assert f'id="resource-{res.name}"' in html
            for fld in res.fields:
                assert f'id="field-{res.name}-{fld["name"]}"' in html
    assert f"<loc>{SITE_URL}data/</loc>" in sitemap


def test_every_download_exists_and_csvs_are_byte_identical(real_site):
    for name, pkg in PACKAGES.items():
        files = package_downloads(pkg)
        assert [f.format for f in files] == ["CSV", "EXCEL-CSV", "XLSX", "JSON"] * len(pkg.resources()) + ["ZIP"]
        html = (real_site / f"data/{name}/index.html").read_text(encoding="utf-8")
        for f in files:
            if f.made_from is None:
                assert (real_site / f.url).is_file(), f.url
                assert f'href="{f.name}"' in html, f.url  # the page links every download (relative)
            else:  # made in the browser from the CSV beside it: no file, a button that makes it
                assert not (real_site / f.url).exists(), f.url
                assert f.format in MADE_IN_BROWSER and (real_site / f.made_from).is_file(), f.url
                assert f'href="{PurePosixPath(f.made_from).name}" download="{f.name}"' in html, f.url
        for res in pkg.resources():
            assert (real_site / f"data/{name}/{res.path.name}").read_bytes() == res.path.read_bytes()


def test_xlsx_holds_every_cell_of_the_csv_typed(real_site):
    for name, pkg in PACKAGES.items():
        for res in pkg.resources():
            header, rows = typed_csv(res.path, res.fields)
            wb = load_workbook(real_site / f"data/{name}/{res.path.stem}.xlsx")
            data_ws, doc_ws, *others = wb.worksheets
            assert [ws.title for ws in others] == FIELD_SHEETS[1:]
            values = list(data_ws.values)
            docs = list(doc_ws.values)
            assert docs[0] == tuple(exports.FIELD_COLUMNS)
            # the field sheet names each column's field; the names columns (codes' names) are extra
            names = [r[1] for r in docs[1:]]
            kept = [i for i, n in enumerate(names) if not str(n).startswith("—")]
            assert [names[i] for i in kept] == header == [f["name"] for f in res.fields]
            assert [r[0] for r in docs[1:]] == list(values[0])
            assert [[r[i] for i in kept] for r in values[1:]] == rows, res.path
            assert data_ws.auto_filter.ref and data_ws.freeze_panes == "A2"


def test_zip_holds_csvs_descriptor_readme_and_citation(real_site):
    for name, pkg in PACKAGES.items():
        with zipfile.ZipFile(real_site / f"data/{name}/{name}.zip") as zf:
            expected = sorted([f"{name}/CITATION.txt", f"{name}/README.md", f"{name}/datapackage.json",
                               *(f"{name}/{res.relpath}" for res in pkg.resources())])
            assert zf.namelist() == expected
            for res in pkg.resources():
                assert zf.read(f"{name}/{res.relpath}") == res.path.read_bytes()
            assert zf.read(f"{name}/datapackage.json") == (pkg.root / "datapackage.json").read_bytes()
            assert zf.read(f"{name}/README.md") == (pkg.root / "README.md").read_bytes()
            citation = zf.read(f"{name}/CITATION.txt").decode("utf-8")
            assert f"{SITE_URL}data/{name}/" in citation and pkg.title in citation


def test_dataset_jsonld_lists_every_distribution_and_field(real_site):
    for name, pkg in PACKAGES.items():
        html = (real_site / f"data/{name}/index.html").read_text(encoding="utf-8")
        [ld] = jsonld_blocks(html)
        assert (ld["@type"], ld["@id"], ld["name"], ld["inLanguage"]) == (
            "Dataset", f"{SITE_URL}data/{name}/", pkg.title, "kk")
        assert ld["license"] == pkg.descriptor["licenses"][0]["path"]
        assert ld["creator"]["name"] == ld["publisher"]["name"] == "Ashyq Derek"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:]+[+-Z][\d:]*", ld["dateModified"])
        assert [(d["contentUrl"], d["encodingFormat"]) for d in ld["distribution"]] == [
            (SITE_URL + f.url, f.media_type) for f in package_downloads(pkg) if f.made_from is None]
        assert {v["name"] for v in ld["variableMeasured"]} == {
            f["name"] for res in pkg.resources() for f in res.fields}
    [catalog_ld] = jsonld_blocks((real_site / "data/index.html").read_text(encoding="utf-8"))
    assert [d["identifier"] for d in catalog_ld["dataset"]] == sorted(PACKAGES)


def test_dcat_catalogue_lists_every_package_and_distribution(real_site):
    cat = json.loads((real_site / "catalog.jsonld").read_text(encoding="utf-8"))
    assert cat["@type"] == "dcat:Catalog"
    assert cat["@context"]["dcat"] == "http://www.w3.org/ns/dcat#"
    assert [d["dct:identifier"] for d in cat["dcat:dataset"]] == sorted(PACKAGES)
    for ds in cat["dcat:dataset"]:
        pkg = PACKAGES[ds["dct:identifier"]]
        assert ds["@type"] == "dcat:Dataset"
        assert ds["dcat:landingPage"]["@id"] == f"{SITE_URL}data/{pkg.name}/"
        assert [(d["dcat:downloadURL"]["@id"], d["dct:format"]) for d in ds["dcat:distribution"]] == [
            (SITE_URL + f.url, f.format) for f in package_downloads(pkg) if f.made_from is None]


def test_citation_names_the_commit_and_its_date(real_site):
    """The version of a package is the last commit that changed it: its citation stays the
    same while other packages change."""
    from ashyq import gitlog

    commit = gitlog.last_commit(DATASETS, DATASETS / "quotas")
    assert commit is not None, "the checkout has git history"
    html = (real_site / "data/quotas/index.html").read_text(encoding="utf-8")
    assert f"commit {commit.short}, {commit.date[:10]}" in html
    assert commit.sha in html


def test_two_builds_are_byte_identical(real_site, tmp_path):
    again = build_site(DATASETS, tmp_path / "site").out
    for pattern in ["data/**/*", "catalog.jsonld"]:
        first = digest(real_site, pattern)
        assert first and digest(again, pattern) == first


# --- fixture packages: no git history, hostile text ---------------------------------------

def test_without_history_the_version_is_unknown_and_json_cannot_close_its_script(valid_datasets, tmp_path):
    descriptor = valid_datasets / "quotas/datapackage.json"
    pkg = json.loads(descriptor.read_text(encoding="utf-8"))
    pkg["title"] = 'Квоталар </script><script>alert("x")</script> & co'
    descriptor.write_text(json.dumps(pkg, ensure_ascii=False, indent=2), encoding="utf-8")
    site = build_site(valid_datasets, tmp_path / "site").out
    html = (site / "data/quotas/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    escaped = "Квоталар &lt;/script&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; co"
    assert f"<title>{escaped} - " in html  # escaped once: front matter, <title>, heading alike
    assert f">{escaped}<a class=\"headerlink\"" in html
    [ld] = jsonld_blocks(html)
    assert ld["name"] == pkg["title"]
    assert "dateModified" not in ld
    assert "нұсқасы белгісіз" in html
    with zipfile.ZipFile(site / "data/quotas/quotas.zip") as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "version unknown" in zf.read("quotas/CITATION.txt").decode("utf-8")


# --- in the browser -----------------------------------------------------------------------

@pytest.mark.browser
def test_a_data_page_loads_from_the_site_alone(page, real_site_url, tmp_path):
    page.goto(real_site_url + "data/quotas/")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().rstrip("¶") == PACKAGES["quotas"].title
    assert page.locator("#field-quotas-category").is_visible()
    with page.expect_download() as info:
        page.locator('#resource-quotas ~ p.ashyq-downloads a[data-format="XLSX"]').first.click()
    saved = tmp_path / "q.xlsx"
    info.value.save_as(saved)
    assert load_workbook(saved).sheetnames == ["quotas", *FIELD_SHEETS]
    page.screenshot(path=str(tmp_path / "data-quotas.png"), full_page=True)
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


def excel_rows(raw: bytes) -> list[list[str]]:
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte order mark, by which Excel knows UTF-8
    text = raw.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")  # CRLF line ends (none inside these cells)
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def download(page, link, tmp_path: Path) -> bytes:
    with page.expect_download() as info:
        link.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    return saved.read_bytes()


@pytest.mark.browser
def test_the_browser_makes_the_csv_for_excel_and_the_json_of_every_table(page, real_site_url, tmp_path):
    """A reader clicks "CSV (Windows-тағы Excel үшін)" and "JSON" of every table: the browser
    makes them from the CSV: the same cells (decimal commas in number fields) and the same
    records, typed by the schema, under the names the page promises."""
    for name, pkg in PACKAGES.items():
        page.goto(real_site_url + f"data/{name}/")
        for res in pkg.resources():
            buttons = page.locator(f'#resource-{res.name} ~ p.ashyq-downloads').first
            excel = buttons.locator('a[data-format="EXCEL-CSV"]')
            assert excel.is_visible() and excel.get_attribute("download") == f"{res.path.stem}-excel.csv"
            original = list(csv.reader(io.StringIO(res.path.read_text(encoding="utf-8"), newline="")))
            numbers = {i for i, h in enumerate(original[0]) for f in res.fields
                       if f["name"] == h and f.get("type") == "number"}
            assert excel_rows(download(page, excel, tmp_path)) == [
                [c.replace(".", ",") if r and i in numbers else c for i, c in enumerate(row)]
                for r, row in enumerate(original)], res.path
            header, rows = typed_csv(res.path, res.fields)
            payload = json.loads(download(page, buttons.locator('a[data-format="JSON"]'), tmp_path).decode("utf-8"))
            assert payload == [dict(zip(header, row)) for row in rows], res.path
    assert page.browser_log.outside_requests == []
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_the_csv_for_excel_quotes_what_needs_quoting(page, real_site_url, tmp_path):
    """Cells with ";", quotes and line breaks survive the CSV for Excel; a decimal becomes
    "2,5" only in a number field; an empty cell is empty in the CSV and null in the JSON."""
    crafted = ('resolution_id,rule_no,percent,excluded_as_printed\n'
               'a;b,1,2.5,"Орал, ""Бәйтерек""\nЖШС"\n'
               'c,2,,3.5\n')
    page.route("**/data/quotas/quota_rules.csv", lambda route: route.fulfill(
        status=200, body=crafted.encode("utf-8"), content_type="text/csv"))
    page.goto(real_site_url + "data/quotas/")
    buttons = page.locator("#resource-quota_rules ~ p.ashyq-downloads").first
    raw = download(page, buttons.locator('a[data-format="EXCEL-CSV"]'), tmp_path)
    assert raw.decode("utf-8-sig") == ('resolution_id;rule_no;percent;excluded_as_printed\r\n'
                                       '"a;b";1;2,5;"Орал, ""Бәйтерек""\nЖШС"\r\n'
                                       'c;2;;3.5\r\n')
    records = json.loads(download(page, buttons.locator('a[data-format="JSON"]'), tmp_path).decode("utf-8"))
    assert records == [
        {"resolution_id": "a;b", "rule_no": 1, "percent": 2.5, "excluded_as_printed": 'Орал, "Бәйтерек"\nЖШС'},
        {"resolution_id": "c", "rule_no": 2, "percent": None, "excluded_as_printed": "3.5"}]


@pytest.mark.browser
def test_a_failed_conversion_says_so_and_offers_the_csv(page, real_site_url):
    page.route("**/data/quotas/quota_rules.csv", lambda route: route.fulfill(status=503, body=b""))
    page.goto(real_site_url + "data/quotas/")
    buttons = page.locator("#resource-quota_rules ~ p.ashyq-downloads").first
    buttons.locator('a[data-format="JSON"]').click()
    status = buttons.locator(".ashyq-convert-status")
    status.wait_for()
    page.wait_for_function("document.querySelector('#resource-quota_rules ~ p.ashyq-downloads "
                           ".ashyq-convert-status').textContent.includes('503')")
    assert "CSV файлын жүктеп алыңыз" in status.inner_text()


def test_english_text_on_data_pages_is_marked_and_said_in_kazakh(real_site):
    """A Kazakh page carries the descriptors' English descriptions and README marked
    lang="en", each with a short Kazakh note; Kazakh table titles name the tables."""
    from markupsafe import escape

    from ashyq.text import english_text

    for name, pkg in PACKAGES.items():
        page = (real_site / f"data/{name}/index.html").read_text(encoding="utf-8")
        description = str(pkg.descriptor.get("description") or "")
        assert f'<p class="ashyq-lead" lang="en">{escape(description)}' in page
        assert "Пакеттің сипаттамасы әзірге тек ағылшын тілінде" in page
        assert '<div class="ashyq-readme" lang="en">' in page and "README әзірге тек ағылшын тілінде" in page
        assert "Өрістердің сипаттамалары әзірге ағылшын тілінде" in page
        for res in pkg.resources():
            assert f'<a href="#resource-{res.name}">{escape(str(res.descriptor.get("title") or res.name))}</a>' in page
            for fld in res.fields:
                if english_text(str(fld.get("description") or "")):  # a Kazakh one is not marked
                    assert f'<span lang="en">{escape(str(fld["description"]))}' in page, fld


def test_citation_as_csl_json_names_the_version():
    cite = exports.Citation("quotas", "Квоталар", "0.1.0", "http://x/data/quotas/", "a" * 40, "2026-02-01")
    [item] = json.loads(cite.csl_json)
    assert item == {"id": "ashyq-derek-quotas-aaaaaaaaaa", "type": "dataset", "title": "Квоталар",
                    "author": [{"literal": "Ashyq Derek"}], "publisher": "Ashyq Derek", "version": "0.1.0",
                    "URL": "http://x/data/quotas/", "note": "commit " + "a" * 40,
                    "issued": {"date-parts": [[2026, 2, 1]]}}
    unknown = json.loads(exports.Citation("quotas", "Q", "0.1.0", "http://x/", None, None).csl_json)[0]
    assert "issued" not in unknown and unknown["note"].startswith("version unknown")
    assert "CSL-JSON:" in cite.file_text()


def test_a_version_link_pins_the_commit():
    repo = "https://github.com/o/r"
    assert urls.repository_file(repo + "/", "abc", "datasets/q/data/q.csv") == f"{repo}/blob/abc/datasets/q/data/q.csv"
    assert urls.repository_file(repo, "abc", "x.csv", raw=True) == f"{repo}/raw/abc/x.csv"
    assert urls.repository_file("", "abc", "x.csv") == "" and urls.repository_file(repo, "", "x.csv") == ""


def test_each_table_links_its_csv_at_the_data_commit(real_site):
    # the package's version: the last commit that changed datasets/quotas (its CSVs are these bytes there)
    sha = subprocess.run(["git", "log", "-1", "--format=%H", "--", "datasets/quotas"], cwd=DATASETS.parent,
                         capture_output=True, text=True).stdout.strip()
    html = (real_site / "data/quotas/index.html").read_text(encoding="utf-8")
    for name in ("quotas", "quota_rules", "legal_bands"):
        assert f'/blob/{sha}/datasets/quotas/data/{name}.csv"' in html
        assert f'/raw/{sha}/datasets/quotas/data/{name}.csv"' in html
    assert "CSL-JSON" in html
