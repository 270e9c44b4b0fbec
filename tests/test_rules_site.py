"""Quotas set by rule on the site (issue 15, point 4), on the test corpus of tests/rules_corpus.py:
the golden corpus plus a rule-only district with tiers (Казталов, 2027), its repealed Russian
act (2019) and a flat percent in another region (Байзақ, Жамбыл облысы, 2024).

The model's accessors, the pages built from it, and a reader in Chromium who types an
employee count into a calculator with the keyboard, at 390 px and at desktop width."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import serve_folder, wait_until_drawn
from rules_corpus import RULES, make_rules_corpus
from test_a11y import axe_violations

from ashyq import charts, formats, model
from ashyq.build import build_site, load_model
from ashyq.views import quotas as quotas_view

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
SHOTS = Path("/tmp/ashyq-rules-site-shots")  # screenshots to look at after a run


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_rules_corpus(tmp_path_factory.mktemp("rules") / "datasets")


@pytest.fixture(scope="module")
def data(corpus: Path) -> model.Model:
    return load_model(corpus, [])


@pytest.fixture(scope="module")
def site(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rules-site") / "site"
    build_site(corpus, out)
    return out


def docs(site: Path, path: str) -> str:
    """The Markdown a page was rendered from (the build leaves it beside the site)."""
    return (site.parent / "site-docs" / path / "index.md").read_text(encoding="utf-8")


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ the model


def test_a_place_is_bound_by_its_own_acts_and_its_regions(data):
    terms = [(r.resolution_id, r.year, r.headcount_min, r.headcount_max, r.percent, r.percent_max, r.basis,
              r.repealed) for r in data.rules_of("kaztalovka")]
    assert terms == [
        ("kaztalovka-2026-41", 2027, 50, 100, 2.0, None, "headcount", False),
        ("kaztalovka-2026-41", 2027, 101, 250, 3.0, None, "headcount", False),
        ("kaztalovka-2026-41", 2027, 251, None, 4.0, None, "headcount", False),
        ("kaztalovka-2019-37", 2019, 50, 100, 2.0, None, "headcount", True),
        ("kaztalovka-2019-37", 2019, 101, 250, 3.0, None, "headcount", True),
        ("kaztalovka-2019-37", 2019, 251, None, 4.0, None, "headcount", True),
        # the region's act binds every district of it
        ("west-kazakhstan-region-2025-246", 2026, None, None, 2.0, 4.0, "jobs", False),
    ]
    assert [(r.resolution_id, r.rule_no) for r in data.rules_of("baiterek")] == [
        ("baiterek-2022-593", 1), ("baiterek-2022-593", 2), ("baiterek-2022-593", 3),
        ("west-kazakhstan-region-2025-246", 1)]
    assert [(r.place_id, r.percent, r.basis, r.tiered) for r in data.rules_of("baizak")] == [
        ("baizak", 1.5, "jobs", False)]
    assert data.rules_of("zhambyl-region") == []  # a district's act does not bind its region
    assert [r.rule_no for r in data.rules_of_resolution("kaztalovka-2019-37")] == [1, 2, 3]


def test_a_term_carries_its_acts_language_and_repeal(data):
    repealed = data.rules_of_resolution("kaztalovka-2019-37")[0]
    assert (repealed.language, repealed.repealed_by, repealed.repealed_on) == ("ru", "112", "2020-05-12")
    assert repealed.excluded_as_printed.startswith("без учета рабочих мест")
    in_force = data.rules_of_resolution("kaztalovka-2026-41")[0]
    assert (in_force.language, in_force.repealed, in_force.repealed_by) == ("kk", False, "")


def test_tiers_take_the_counts_they_name():
    tier = data_rule(headcount_min=101, headcount_max=250)
    assert [tier.applies_to(n) for n in (100, 101, 250, 251)] == [False, True, True, False]
    over = data_rule(headcount_min=251, headcount_max=None)
    assert over.applies_to(1_000_000) and not over.applies_to(250)
    flat = data_rule(headcount_min=None, headcount_max=None)
    assert not flat.tiered and flat.applies_to(0)


def data_rule(**bounds) -> model.QuotaRule:
    fields = dict(resolution_id="x-2020-1", rule_no=1, year=2020, category="disability", place_id="x",
                  percent=2.0, percent_max=None, basis="headcount", excluded_as_printed="", source_lines="1",
                  line=2, language="kk", source_path="", repealed_by="", repealed_on="")
    return model.QuotaRule(**{**fields, **bounds})


def test_rule_only_places_by_year_and_category(data):
    assert data.atlas.rule_only == {"kaztalovka": [(2027, "disability"), (2019, "disability")],
                                    "baizak": [(2024, "released_from_prison")]}
    assert dict(data.atlas.rule_only_inside) == {"west-kazakhstan-region": ["kaztalovka"],
                                                 "zhambyl-region": ["baizak"]}


def test_no_real_place_is_rule_only(tmp_path):
    """The seeds' rules all come with lists: a region's act binds its districts, which have rows."""
    golden = load_model(RULES.parent / "golden" / "datasets", [])
    assert golden.atlas.rule_only == {}
    assert len(golden.rules_of("borli")) == 1


def test_every_term_is_traceable_to_the_lines_that_set_it(data, corpus):
    words = {("kaztalovka-2019-37", 1): "от пятидесяти до ста человек – в размере двух процентов",
             ("kaztalovka-2019-37", 2): "от ста одного до двухсот пятидесяти человек – в размере трех",
             ("kaztalovka-2019-37", 3): "списочной численности работников",
             ("kaztalovka-2026-41", 1): "елуден жүз адамға дейінгі ұйымдарда – екі пайыз",
             ("kaztalovka-2026-41", 2): "жүз бірден екі жүз елу адамға дейінгі ұйымдарда – үш пайыз",
             ("kaztalovka-2026-41", 3): "екі жүз елу бір адамнан асатын ұйымдарда – төрт пайыз",
             ("baizak-2024-15", 1): "бір жарым пайызы"}
    for (rid, no), text in words.items():
        rule = next(r for r in data.rules_of_resolution(rid) if r.rule_no == no)
        prov = data.rule_provenance(rule)
        assert prov.csv == "datasets/quotas/data/quota_rules.csv"
        assert prov.line == rule.line
        assert prov.source_path == f"datasets/quotas/sources/test_{rid.replace('-', '_')}.txt"
        first, last = (int(x) for x in prov.source_lines.split("-"))
        lines = (corpus / "quotas" / "sources" / Path(prov.source_path).name).read_text(encoding="utf-8").splitlines()
        assert text in lines[last - 1], (rid, no, lines[last - 1])
        assert "1." in lines[first - 1]  # the operative paragraph the term belongs to
        assert "rule_no%3D" in prov.report_url and prov.edit_url.endswith(f"quota_rules.csv#L{rule.line}")


def test_labels_of_a_term_come_from_the_schema(data):
    assert data.label("quotas", "quota_rules", "basis", "jobs") == "Жұмыс орындары санынан"
    assert data.label("quotas", "quota_rules", "category", "probation", short=True) == "Пробациядағылар"


def test_coverage_counts_places_covered_by_a_rule(data):
    cover = {c.region_id: c for c in data.coverage}
    assert cover["zhambyl-region"] == model.Coverage("zhambyl-region", "Жамбыл облысы", [2024], 0, 0, 1)
    west = cover["west-kazakhstan-region"]
    assert (west.years, west.places, west.rule_places) == ([2019, 2023, 2026, 2027], 13, 1)


def test_formats_and_chart_text_of_rules():
    assert [formats.percent(2), formats.percent(1.5), formats.percent(2, 4), formats.percent(3, 3)] == [
        "2\u00a0%", "1,5\u00a0%", "2–4\u00a0%", "3\u00a0%"]
    assert charts.rule_note([]) == ""
    many = [f"P{i}" for i in range(12)]
    assert charts.rule_note(many).endswith("P9 және тағы 2.")


def test_explorer_menus_offer_rule_only_values_in_their_place():
    rows = pd.Series(["2026", "2023", "2026"], dtype="string")
    assert quotas_view.facets_with_rules(rows, ["2027", "2024", "2026", ""]) == [
        ["2027", 0], ["2026", 2], ["2024", 0], ["2023", 1]]
    assert quotas_view.facets_with_rules(rows, []) == [["2026", 2], ["2023", 1]]


# ------------------------------------------------------------------ pages


def test_a_rule_only_district_reads_its_rule_in_plain_words(site):
    md = docs(site, "places/kaztalovka")
    start = md.index('<ul class="ashyq-figure-list">')
    figures = md[start:md.index("</ul>", start)]
    assert "<strong>2027</strong> · Мүгедектігі бар адамдар: " in figures
    assert "ережемен: 2–4\u00a0%, жұмыскерлер санына қарай</a>, ұйымдар тізімі жоқ" in figures
    assert "0 жұмыс орны" not in figures
    # the rule above the list: in plain words, tiers as a table, the act, in force
    block = md[md.index("{ #rule-kaztalovka-2026-41-2027-disability }"):md.index("{ #rule-kaztalovka-2019-37")]
    assert ("2027 жылға <a href=\"./\">Казталовка ауданы</a> бойынша ұйымдар (жұмыс берушілер) мүгедектігі бар "
            "адамдар үшін жұмыскерлердің тізімдік санынан ұйымның санына қарай кестедегі мөлшерде жұмыс орындарын "
            "сақтауы тиіс.") in block
    assert "Бұл жылға ұйымдар тізімі жоқ" in block
    tiers = re.findall(r'<tr id="(rule-kaztalovka-2026-41-\d)"><td>([^<]+)</td> <td class="num">([^<]+)</td>', block)
    assert tiers == [("rule-kaztalovka-2026-41-1", "50–100", "2\u00a0%"),
                     ("rule-kaztalovka-2026-41-2", "101–250", "3\u00a0%"),
                     ("rule-kaztalovka-2026-41-3", "251 және одан көп", "4\u00a0%")]
    assert '<dd lang="kk">ауыр жұмыстардағы' in block
    assert "(тіркеу № 9001, 25.11.2026)" in block and "күшінде" in block
    assert 'href="../../sources/quotas/test_kaztalovka_2026_41/#L11-L16"' in block
    # the list of the region's 2026 act follows, with the region's rule above it
    assert md.index("{ #rule-west-kazakhstan-region-2025-246-2026-disability }") < md.index("### Ұйымдар")
    assert "scripts:\n  - assets/js/calculator.js" in md


def test_a_repealed_act_says_so(site):
    md = docs(site, "places/kaztalovka")
    block = md[md.index("#### 2019 · Мүгедектігі бар адамдар: 2–4\u00a0% (күші жойылған)"):]
    block = block[:block.index("#### ", 5)]
    assert "<strong>Күші жойылған акт.</strong> 12.05.2020 № 112 актімен күші жойылған" in block
    assert '<dd lang="ru">без учета рабочих мест на тяжелых работах' in block
    page = docs(site, "resolutions/kaztalovka-2019-37")
    assert page.index('id="repealed"') < page.index('class="ashyq-resolution-meta"')
    assert "<dt>Мәтін тілі</dt><dd>Орысша</dd>" in page
    assert '<h1 id="resolution" lang="ru">Об установлении квоты' in page
    # the act's own words are marked in its language (a screen reader reads them in Russian)
    assert '<p lang="ru">В соответствии с законами' in page
    assert '«<span lang="ru">от 14 февраля 2019 года</span>»' in page
    assert '<dd lang="ru">Т. Тестов, Аким района</dd>' in page
    assert '<span lang="ru">законами Республики Казахстан' in page
    source = docs(site, "sources/quotas/test_kaztalovka_2019_37")
    assert '<pre class="ashyq-source" id="source-text" lang="ru"' in source
    assert 'id="source-text" lang="kk"' in docs(site, "sources/quotas/test_kaztalovka_2026_41")
    assert "<dt>Әділет органында тіркелуі</dt><dd>№ 5555, 20.02.2019</dd>" in page
    assert page.count('<div class="ashyq-calc"') == 1
    index = docs(site, "resolutions")
    row = next(line for line in index.splitlines() if "kaztalovka-2019-37/" in line)
    assert "Күші жойылған</strong>: 12.05.2020 № 112 актімен күші жойылған" in row
    live = next(line for line in index.splitlines() if "kaztalovka-2026-41/" in line)
    assert "Күші жойылған" not in live


def test_a_flat_percent_in_another_region(site):
    md = docs(site, "places/baizak")
    assert "ережемен: 1,5\u00a0%</a>, ұйымдар тізімі жоқ" in md
    assert "жұмыс орындары санынан 1,5\u00a0% мөлшерінде жұмыс орындарын сақтауы тиіс." in md
    assert 'class="ashyq-rule-tiers"' not in md  # one percent: no tiers table
    assert "Ұйымыңыздағы жұмыс орындарының саны" in md  # the calculator asks for jobs, per basis
    assert "ashyq-no-data" not in md
    assert "Мұнда ұйымдар тізімі жоқ: акт барлық ұйымдарға ортақ ережені (пайызды) белгілейді" in md
    region = docs(site, "places/zhambyl-region")
    assert '<a href="../baizak/">Байзақ ауданы</a> · <strong>2024</strong>' in region
    assert "Бұл аумақ бойынша деректер әлі жоқ" not in region
    assert "әлі жоқ: қаулылар" not in region and "(../../resolutions/baizak-2024-15/)" in region
    index = docs(site, "places")
    line = next(x for x in index.splitlines() if 'href="../places/baizak/"' in x or '"baizak/"' in x)
    assert "ережемен: 1,5\u00a0%" in line


def test_home_explorer_and_charts_never_show_a_rule_only_place_as_zero(site):
    home = docs(site, "")
    assert ("<strong>Жамбыл облысы</strong> (2024 ж., 1 аумақта квота тізімсіз, ережемен белгіленген)") in home
    assert ('<a href="places/baizak/">Байзақ ауданы</a> <span class="ashyq-muted">2024: ережемен: 1,5\u00a0%</span>'
            in home)
    manifest = json.loads((site / "quotas" / "rows" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["rules"][-1] == {
        "year": "2024", "region_kk": "Жамбыл облысы", "place_kk": "Байзақ ауданы",
        "category_kk": "Бас бостандығынан айыру орындарынан босатылғандар", "text": "ережемен: 1,5\u00a0%",
        "href": "../places/baizak/#rule-baizak-2024-15-2024-released_from_prison"}
    assert ["Байзақ ауданы", 0] in manifest["facets"]["place_kk"]
    quotas = docs(site, "quotas")
    assert "жолақ жоқ (нөл емес): Казталовка ауданы (2027: ережемен: 2–4\u00a0%" in quotas
    assert "Байзақ ауданы (2024: ережемен: 1,5\u00a0%)" in quotas


def test_a_resolution_page_shows_its_rules_with_a_calculator(site):
    md = docs(site, "resolutions/kaztalovka-2026-41")
    assert md.count('<div class="ashyq-calc"') == 1 and "## Квота ережелері { #rules }" in md
    rule = json.loads(re.search(r"data-rule='([^']+)'", md).group(1))
    assert rule["basis"] == "headcount"
    assert rule["tiers"] == [{"min": 50, "max": 100, "p": 2.0, "pmax": None},
                             {"min": 101, "max": 250, "p": 3.0, "pmax": None},
                             {"min": 251, "max": None, "p": 4.0, "pmax": None}]
    assert "<script" not in md.split("---", 2)[2].replace('<script type="application/json">', "")


# ------------------------------------------------------------------ a reader in Chromium


def calculator(page, anchor: str):
    box = page.locator(f"#{anchor}").locator("xpath=following-sibling::div[1]").locator(".ashyq-calc")
    return box.locator("input"), box.locator("output")


def type_count(page, field, text: str) -> None:
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(text)


@pytest.mark.browser
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_reader_works_out_the_quota_with_the_keyboard(page, site, size):
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = "phone" if size is PHONE else "desktop"
    with serve_folder(site) as url:
        page.set_viewport_size(size)
        page.goto(url + "places/kaztalovka/")
        wait_until_drawn(page)
        field, result = calculator(page, "rule-kaztalovka-2026-41-2027-disability")
        # the keyboard reaches the input from the link before it (the act's, in the facts)
        page.locator("#rule-kaztalovka-2026-41-2027-disability + .ashyq-rule .ashyq-rule-facts a").last.focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "rule-kaztalovka-2026-41-2027-disability-count"
        assert page.locator("label[for='rule-kaztalovka-2026-41-2027-disability-count']").is_visible()
        assert result.get_attribute("aria-live") == "polite"
        page.keyboard.type("93")
        assert result.text_content() == ("93 × 2\u00a0% (50–100 деңгейі) = 1,86 → құжаттар оны 1 немесе 2 деп "
                                         "дөңгелектейді: 1 немесе 2 жұмыс орны.")
        type_count(page, field, "300")
        assert result.text_content() == "300 × 4\u00a0% (251 және одан көп деңгейі) = 12 жұмыс орны."
        type_count(page, field, "1250")
        assert result.text_content() == "1\u00a0250 × 4\u00a0% (251 және одан көп деңгейі) = 50 жұмыс орны."
        type_count(page, field, "30")
        assert result.text_content().startswith("30 жұмыскер: акт мұндай ұйымға квота белгілемейді")
        # the region's range: shown as a range, with the whole numbers it gives
        field26, result26 = calculator(page, "rule-west-kazakhstan-region-2025-246-2026-disability")
        type_count(page, field26, "93")
        assert result26.text_content() == ("93 × 2–4\u00a0% = 1,86–3,72 → 1–4 жұмыс орны. Акт пайыздың аралығын "
                                           "белгілейді: әр ұйымның нақты пайызы мен жұмыс орындары тізімде.")
        type_count(page, field, "93")
        # the repealed act shows as repealed
        repealed = page.locator("#rule-kaztalovka-2019-37-2019-disability + .ashyq-rule .ashyq-repealed")
        assert repealed.is_visible() and "Күші жойылған акт." in repealed.text_content()
        widths = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], widths
        field.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"kaztalovka-{name}.png"), full_page=False)
        violations = axe_violations(page, f"places/kaztalovka/ ({name})")
        assert not violations, "\n".join(violations)
        assert page.browser_log.console_errors == [] and page.browser_log.outside_requests == []
        if size is DESKTOP:  # the repealed act's colours in the dark scheme too (a first visit)
            dark = page.context.browser.new_context(viewport=DESKTOP, color_scheme="dark", locale="kk-KZ")
            try:
                other = dark.new_page()
                other.goto(url + "places/kaztalovka/")
                wait_until_drawn(other)
                assert other.get_attribute("body", "data-md-color-scheme") == "slate"
                violations = axe_violations(other, "places/kaztalovka/ (dark)")
                assert not violations, "\n".join(violations)
            finally:
                dark.close()

        page.goto(url + "resolutions/kaztalovka-2019-37/")
        wait_until_drawn(page)
        banner = page.locator("#repealed")
        assert banner.is_visible() and banner.text_content().startswith("Күші жойылған акт.")
        assert banner.bounding_box()["y"] < size["height"]  # said at the top, before anything else
        page.screenshot(path=str(SHOTS / f"repealed-{name}.png"), full_page=False)
        violations = axe_violations(page, f"resolutions/kaztalovka-2019-37/ ({name})")
        assert not violations, "\n".join(violations)


@pytest.mark.browser
def test_the_explorer_names_a_rule_only_place(page, site):
    with serve_folder(site) as url:
        page.goto(url + "quotas/?place_kk=Байзақ+ауданы")
        wait_until_drawn(page)
        note = page.locator("#quota-rules-note")
        assert note.is_visible()
        assert note.locator("li").all_text_contents() == [
            "Байзақ ауданы · 2024 · Бас бостандығынан айыру орындарынан босатылғандар: ережемен: 1,5\u00a0%"]
        assert page.locator("#quota-facet-place_kk option:checked").text_content() == "Байзақ ауданы (ережемен)"
        totals = page.locator("#quota-table-totals").text_content()
        assert "квота ережемен белгіленген" in totals and "0 жұмыс орны" not in totals
        page.screenshot(path=str(SHOTS / "explorer-baizak.png"), full_page=False)
        violations = axe_violations(page, "quotas/?place_kk=Байзақ ауданы")
        assert not violations, "\n".join(violations)
        # a place with rows: no note
        page.goto(url + "quotas/?place_kk=Бөрлі+ауданы")
        wait_until_drawn(page)
        assert page.locator("#quota-rules-note").is_hidden()


# ------------------------------------------------------------------ the national-scale corpus


def test_synthetic_corpus_has_rule_only_places_and_repealed_acts(synth_corpus):
    """scripts/synth.py: a share of akimats and years set a rule and no list (tiers or flat),
    each term printed on the line its source_lines ends at; some of those acts are repealed."""
    synth = load_model(synth_corpus, [])
    rules = synth.quota_rules
    assert {r.tiered for r in rules} == {True, False}
    assert any(r.repealed for r in rules) and not all(r.repealed for r in rules)
    rule_only = synth.atlas.rule_only
    assert len(rule_only) > 20
    quotas = synth.table("quotas", "quotas")
    listed = set(zip(quotas["place_id"], quotas["year"].astype(int), quotas["category"]))
    for pid, keys in rule_only.items():
        assert not [(pid, year, cat) for year, cat in keys if (pid, year, cat) in listed]
    texts: dict[str, list[str]] = {}
    for rule in rules[:300]:
        if rule.source_path not in texts:
            path = synth_corpus / rule.source_path.removeprefix("datasets/")
            texts[rule.source_path] = path.read_text(encoding="utf-8").splitlines()
        last = int(rule.source_lines.split("-")[-1])
        assert f"{formats.as_written(rule.percent)} пайыз" in texts[rule.source_path][last - 1]
    assert any(c.rule_places for c in synth.coverage)


def test_a_term_without_a_year(tmp_path):
    """An act that names no year: its place is rule-only for the category while no list row of
    that category exists in any year, and the page says the year is not given."""
    from ashyq import render
    from ashyq.views import places as places_view

    corpus = make_rules_corpus(tmp_path / "datasets")
    rules_csv = corpus / "quotas" / "data" / "quota_rules.csv"
    rules_csv.write_text(rules_csv.read_text(encoding="utf-8").replace(
        "baizak-2024-15,1,2024,", "baizak-2024-15,1,,"), encoding="utf-8")
    data = load_model(corpus, [])
    assert data.atlas.rule_only["baizak"] == [(None, "released_from_prison")]
    index = places_view.PlaceIndex(data)
    ctx = places_view.place_context(index, "baizak")
    assert [(f.year, f.year_text, f.text) for f in ctx.rule_figures] == [
        (None, "жылы көрсетілмеген", "ережемен: 1,5\u00a0%")]
    md = render.render_page("places_place.md.j2", ctx)
    assert "#### жылы көрсетілмеген · Бас бостандығынан айыру орындарынан босатылғандар: 1,5\u00a0%" in md
    assert "бойынша ұйымдар (жұмыс берушілер) бас бостандығынан" in md  # no "None жылға"
    assert "None" not in md
