"""What a citizen and a volunteer meet (issue 14, points 3, 7, 9, 10, 13): what a quota means
and under which act, a "report a mistake" path without Git, places by any spelling in every
search box, what the data covers, and the programme's slips flagged, not hidden."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml
from conftest import wait_until_drawn

from ashyq import urls
from ashyq.build import load_model
from ashyq.model import cited_acts
from ashyq.paths import DATASETS, ROOT
from ashyq.settings import Settings, read_settings

QUOTAS_CSV = DATASETS / "quotas" / "data" / "quotas.csv"
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / urls.REPORT_FORM


def quota_rows() -> list[dict[str, str]]:
    with open(QUOTAS_CSV, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def query(href: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(html.unescape(href)).query).items()}


@pytest.fixture(scope="module")
def data():
    return load_model(DATASETS, [])


# ------------------------------------------------------------------ point 7: report a mistake


def test_report_link_fills_the_issue_form_with_the_row():
    href = urls.report("https://github.com/o/r", "datasets/quotas/data/quotas.csv:14",
                       "resolution_id=x; category=disability; row_no=12", "jobs: 2\nheadcount: 93")
    assert href.startswith("https://github.com/o/r/issues/new?template=data-correction.yml&")
    assert query(href) == {
        "template": "data-correction.yml",
        "file": "datasets/quotas/data/quotas.csv", "line": "14",
        "row_id": "resolution_id=x; category=disability; row_no=12", "values": "jobs: 2\nheadcount: 93"}
    assert urls.report("", "datasets/quotas/data/quotas.csv:14") == ""
    long = urls.report("https://github.com/o/r", "a.csv:2", values="x" * 5000)
    assert len(query(long)["values"]) == urls.REPORT_VALUES_MAX


def test_the_issue_form_has_every_field_the_links_fill():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert {"file", "line", "row_id", "values", "page", "correction"} <= ids
    filled = query(urls.report("https://github.com/o/r", "a.csv:2", "k=v", "a: b", "p"))
    assert set(filled) - {"template", "title"} <= ids


def test_mail_fallback_is_a_setting(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_url: https://example.org/\nextra:\n  repository: https://github.com/o/r\n"
                      "  contact_email: data@example.org\n", encoding="utf-8")
    settings = read_settings(config)
    assert settings.contact_email == "data@example.org"
    assert urls.report_mail(settings.contact_email, "datasets/quotas/data/quotas.csv:6") == (
        "mailto:data@example.org?subject=%D0%90%D1%88%D1%8B%D2%9B%20%D0%B4%D0%B5%D1%80%D0%B5%D0%BA"
        "%3A%20%D2%9B%D0%B0%D1%82%D0%B5%2C%20datasets/quotas/data/quotas.csv%3A6")
    assert urls.report_mail("", "x") == ""
    assert Settings("https://example.org/", "").contact_email == ""


def test_every_row_of_a_place_page_carries_its_line_and_key(real_site):
    """The page carries each row's CSV line and key; the reader's browser makes the links from
    them (ashyq.js), so that a page of many rows does not carry more links than data."""
    text = page_html(real_site, "places/borli")
    spans = re.findall(r'<span class="ashyq-fix" data-row="([^"]*)" data-key="([^"]*)"></span>', text)
    by_line = {row.rpartition(":")[2]: (row, html.unescape(key)) for row, key in spans}
    lines = {str(i + 2): r for i, r in enumerate(quota_rows()) if r["place_id"] == "borli"}
    assert set(lines) <= set(by_line) and len(lines) == 4
    for line, row in lines.items():
        assert by_line[line] == (f"datasets/quotas/data/quotas.csv:{line}",
                                 f"resolution_id={row['resolution_id']}; category={row['category']}; "
                                 f"row_no={row['row_no']}")
    assert "/issues/new" not in text.split("<body", 1)[1]  # no link is built into the page
    assert '<meta name="ashyq-report" content="https://github.com/ashyq-derek/ashyq-derek/issues/new?' \
           'template=data-correction.yml">' in text
    assert '<meta name="ashyq-edit" content="https://github.com/ashyq-derek/ashyq-derek/edit/main/">' in text


@pytest.mark.browser
def test_a_row_offers_the_form_and_the_editor(page, real_site_url):
    page.goto(real_site_url + "places/borli/")
    row = page.locator("table.ashyq-quota-rows tbody tr").first
    line = row.locator("span.ashyq-fix").get_attribute("data-row").rpartition(":")[2]
    assert row.locator("a.ashyq-report").inner_text() == "қатені хабарлау"
    assert row.locator("a.ashyq-edit").get_attribute("href") == (
        f"https://github.com/ashyq-derek/ashyq-derek/edit/main/datasets/quotas/data/quotas.csv#L{line}")
    assert row.locator("a.ashyq-report").count() == 1  # no e-mail link: the site has no contact address


def test_the_contribute_guide_is_in_the_nav_and_opens_the_form(real_site):
    text = page_html(real_site, "contribute")
    assert "Қатені хабарлау (Git қажет емес)" in text
    assert 'href="https://github.com/ashyq-derek/ashyq-derek/issues/new?template=data-correction.yml' in text
    assert 'href="contribute/"' in page_html(real_site, ".")  # the navigation


# ------------------------------------------------------------------ point 3: the quota explained


def test_cited_acts_are_read_from_the_legal_basis(data):
    basis = data.resolution_records["west-kazakhstan-region-2025-246"]["legal_basis_kk"]
    [act] = cited_acts(basis)
    assert (act.date, act.number, act.registration) == ("2023-06-07", "207", "32737")
    assert act.title == "Мүгедектігі бар адамдар үшін жұмыс орындарын квоталау қағидаларын бекіту туралы"
    [older] = cited_acts(data.resolution_records["baiterek-2022-593"]["legal_basis_kk"])
    assert (older.date, older.number, older.registration) == ("2016-05-26", "412", "13598")


def test_quota_pages_explain_the_quota_and_link_the_official_acts(real_site):
    for url in ["quotas", "places/borli", "places/baiterek", "places/west-kazakhstan-region"]:
        text = page_html(real_site, url)
        assert "Квота адамға не береді?" in text, url
        assert 'href="https://www.enbek.kz/"' in text, url
        assert "жұмыспен қамту орталығына" in text, url
    borli = page_html(real_site, "places/borli")
    assert urls.adilet_search("246", "2025-11-21").replace("&", "&amp;") in borli
    assert urls.adilet_search("207", "2023-06-07").replace("&", "&amp;") in borli
    assert "07.06.2023 № 207" in borli
    assert "Мүгедектігі бар адамдар" in borli
    baiterek = page_html(real_site, "places/baiterek")
    assert urls.adilet_search("412", "2016-05-26").replace("&", "&amp;") in baiterek
    # a place without quota rows has no explainer
    assert "Квота адамға не береді?" not in page_html(real_site, "places/aksuat")


# ------------------------------------------------------------------ point 10: coverage, empty places


def test_coverage_is_computed_from_the_data(data, real_site):
    [cov] = data.coverage
    assert (cov.region_id, cov.region_kk, cov.years) == ("west-kazakhstan-region", "Батыс Қазақстан облысы",
                                                         [2023, 2026])
    assert cov.rows == len(quota_rows())
    for url in [".", "quotas"]:
        text = page_html(real_site, url)
        assert "Деректер қазір мына аумақтарды қамтиды: <strong>Батыс Қазақстан облысы</strong> (2023, 2026 ж." in text


def test_a_place_without_data_says_so_once(real_site):
    text = page_html(real_site, "places/aksuat")
    assert text.count("әлі жоқ") == 1
    assert 'id="no-data"' in text and 'href="../../contribute/#add"' in text
    for section in ['id="quotas"', 'id="rating"', 'id="programs"', 'id="resolutions"', 'id="history"']:
        assert section not in text


def test_abai_region_shows_its_rated_districts(real_site):
    text = page_html(real_site, "places/abai-region")
    assert "Бұл аумақтың жұмыспен қамту орталығы рейтингтерде жоқ" not in text
    assert "құрамындағы аудандар мен қалалардың 9 орталығы бағаланған" in text
    assert text.count('class="ashyq-fix"') >= 9


# ------------------------------------------------------------------ point 13: programme slips


def test_the_misprinted_programme_title_is_flagged_on_every_place_page(real_site):
    pages = [p for p in (real_site / "places").glob("*/index.html") if "2005-5007" in p.read_text(encoding="utf-8")]
    assert len(pages) >= 15
    for p in pages:
        text = p.read_text(encoding="utf-8")
        assert "атауында «2005-5007» жазылған, ал кезеңі 2005–2007" in text, p
        assert 'data-code="period-mismatch"' in text, p
        assert "Кезеңі: 2005–2007." in text, p


def test_programme_charts_name_each_place_once_and_leave_of_which_rows_out(real_site):
    text = page_html(real_site, "programs/zhambyl-region-2005-2007")
    specs = re.findall(r'<div class="ashyq-chart" id="(chart-[^"]+)"[^>]*>\s*'
                       r'<script type="application/json">(.*?)</script>', text, re.S)
    charts = {cid: spec for cid, spec in specs}
    jobs = charts["chart-zhambyl-region-2005-2007-jobs"]
    targets = charts["chart-zhambyl-region-2005-2007-targets"]
    assert "Мерке ауданы" in jobs and "Мерке ауданы" in targets
    assert "Меркі" not in jobs and '"Мерке"' not in targets
    with open(DATASETS / "programs" / "data" / "program_targets.csv", encoding="utf-8") as f:
        towns = {r["place_id"] for r in csv.DictReader(f) if r["row_kind"] == "of_which"}
    assert towns
    names = load_model(DATASETS, []).names
    for town in towns:
        assert f'"{names[town]}"' not in targets, town


# ------------------------------------------------------------------ point 9: names by any spelling


def test_keywords_hold_every_name_and_alias(data):
    assert "Уральск" in data.keywords["oral"].split()
    assert {"Қазталов", "Казталов", "Казталовка"} <= set(data.keywords["kaztalovka"].split())


# ------------------------------------------------------------------ in a browser


@pytest.mark.browser
@pytest.mark.parametrize("typed, found", [("Уральск", "Орал қаласы"), ("Қазталов", "Казталовка ауданы"),
                                          ("Borli", "Бөрлі ауданы"), ("бөрли", "Бөрлі ауданы")])
def test_home_box_finds_a_place_by_any_spelling(page, real_site_url, typed, found):
    page.goto(real_site_url)
    page.fill("#home-place-filter", typed)
    shown = page.eval_on_selector_all("#home-places li:not([hidden]) a", "els => els.map(e => e.textContent)")
    assert found in shown
    assert page.browser_log.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("typed, place_id", [("Уральск", "oral"), ("Қазталов", "kaztalovka")])
def test_explorer_finds_a_place_by_any_spelling(page, real_site_url, typed, place_id):
    page.goto(real_site_url + "quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    page.fill("#quota-table-search", typed)
    expected = [r for r in quota_rows() if r["place_id"] == place_id]
    assert expected
    page.wait_for_function(
        f"document.querySelector('#quota-table-count').textContent.startsWith('{len(expected)} /')")
    places = page.eval_on_selector_all(
        "#quota-table .tabulator-row", "rows => rows.map(r => r.querySelectorAll('.tabulator-cell')[3].textContent)")
    assert len(places) == len(expected) and len(set(places)) == 1
    assert page.browser_log.console_errors == []


@pytest.mark.browser
def test_places_filter_finds_kaztalov(page, real_site_url):
    page.goto(real_site_url + "places/")
    page.fill("#places-filter", "Қазталов")
    shown = page.eval_on_selector_all("#places-list li:not([hidden]) a", "els => els.map(e => e.textContent)")
    assert "Казталовка ауданы" in shown


@pytest.mark.browser
def test_report_link_of_a_place_row_opens_the_prefilled_form(page, real_site_url):
    page.goto(real_site_url + "places/borli/")
    link = page.locator("table.ashyq-quota-rows tbody tr").first.locator("a.ashyq-report")
    link.focus()  # the reader's browser adds the values the page shows when the link is about to be followed
    href = link.get_attribute("href")
    got = query(href)
    row = next(r for r in quota_rows() if r["place_id"] == "borli")
    line = str(quota_rows().index(row) + 2)
    assert urlparse(href).netloc == "github.com" and urlparse(href).path == "/ashyq-derek/ashyq-derek/issues/new"
    assert (got["template"], got["file"], got["line"]) == (
        "data-correction.yml", "datasets/quotas/data/quotas.csv", line)
    assert f"Ұйымның атауы: {row['organization_kk']}" in got["values"].splitlines()
    assert f"Жұмыс орны: {row['jobs']}" in got["values"].splitlines()
    assert f"Тізімдік саны: {row['headcount']}" in got["values"].splitlines()
    assert not any("қатені хабарлау" in v for v in got["values"].splitlines())  # the links are not values
    assert got["page"] == real_site_url + "places/borli/"
    assert got["title"] == f"Қате: datasets/quotas/data/quotas.csv:{line}"
    link.focus()  # once filled, a second focus leaves it as it is
    assert link.get_attribute("href") == href


@pytest.mark.browser
def test_report_link_of_an_explorer_row_is_the_one_the_pages_build(page, real_site_url, data):
    page.goto(real_site_url + "quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    wait_until_drawn(page)
    href = page.locator("#quota-table .tabulator-row").first.locator("a.ashyq-report:visible").get_attribute("href")
    prov = data.provenance("quotas", "quotas", 2)
    got = query(href)
    # the explorer adds the row's title and values from its data, as ashyq.js does on pages
    values = got.pop("values")
    assert got.pop("title") == "Қате: datasets/quotas/data/quotas.csv:2"
    assert got == query(prov.report_url)
    assert list(got) == list(query(prov.report_url))  # the same fields in the same order
    assert "organization_kk: " in values and "jobs: " in values


def test_a_resolution_page_links_its_official_text_and_the_acts_it_rests_on(real_site):
    text = page_html(real_site, "resolutions/west-kazakhstan-region-2025-246")
    assert "<dt>Ресми мәтіні</dt>" in text
    assert urls.adilet_search("246", "2025-11-21").replace("&", "&amp;") in text
    assert urls.adilet_search("207", "2023-06-07").replace("&", "&amp;") in text


@pytest.mark.browser
def test_report_link_of_a_pivot_cell_names_its_place_and_year(page, real_site_url):
    """A programme table shows one CSV row per cell: its report names the cell's row (the place),
    its column (the year) and its value, as the reader saw them."""
    page.goto(real_site_url + "programs/zhambyl-region-2005-2007/")
    cell = page.locator("td:has(a.ashyq-report-cell)").first
    link = cell.locator("a.ashyq-report-cell")
    link.focus()
    got = query(link.get_attribute("href"))
    row_title = cell.locator("xpath=..").locator("th, td").first.inner_text().strip()
    column = cell.evaluate("td => td.closest('table').tHead.rows[td.closest('table').tHead.rows.length - 1]"
                           ".cells[td.cellIndex].textContent.trim()")
    lines = got["values"].splitlines()
    assert lines[0] == " ".join(row_title.split())
    assert lines[1] == f"{' '.join(column.split())}: {' '.join(cell.inner_text().split())}"
    assert got["line"] == cell.get_attribute("data-line")


def test_the_theme_gives_the_browser_the_correction_bases_urls_builds(tmp_path):
    """overrides/main.html writes the bases of the rows' correction links from mkdocs.yml (so
    that the renderer alone makes the pages): the same values as urls.correction_bases."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from ashyq.paths import MKDOCS_YML

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_text("# x\n", encoding="utf-8")
    for repository, email in [("https://github.com/o/r/", "data@example.org"), ("https://github.com/o/r", ""),
                              ("", "")]:
        cfg = load_config(str(MKDOCS_YML), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"),
                          nav=["index.md"])
        cfg["extra"].update(repository=repository, contact_email=email)
        mkdocs_build(cfg)
        text = (tmp_path / "site/index.html").read_text(encoding="utf-8")
        metas = {name: html.unescape(v) for name, v in re.findall(r'<meta name="(ashyq-[a-z]+)" content="([^"]*)">',
                                                                    text)}
        assert metas == {k: v for k, v in urls.correction_bases(repository, email).items() if v}
