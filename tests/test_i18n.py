"""The site in Russian and English (issue 16): three sibling sites from one build, Kazakh at
the root, Russian at /ru/, English at /en/, with the same pages.

"No Kazakh interface text" is told apart from data this way: a page's text is read without
the elements that say they are in another language (`lang=`: data values, names as printed,
source texts) or are not to be translated (`translate="no"`: a citation, the same as the
package's CITATION.txt, and a chart's embed code, which shows the shared embed page), and
without any value the data hold (every CSV cell, the packages' titles and every place's
names) or a value cut short with "…" (a long name in a change's summary), which stay as
printed; what is left must have no letter that only Kazakh has (ә ғ қ ң ө ұ ү һ і).
"""

from __future__ import annotations

import csv
import html as html_lib
import html.parser
import json
import re
from pathlib import Path

import pytest

from ashyq import formats, i18n, translations, urls
from ashyq.build import load_model
from ashyq.paths import DATASETS

# Kazakh letters that Russian has not (Ә Ғ Қ Ң Ө Ұ Ү Һ І).
KAZAKH_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# One page of every type, by its path from a language's root.
PAGE_TYPES = [
    "index.html",
    "quotas/index.html",
    "places/index.html",
    "places/west-kazakhstan-region/index.html",
    "places/oral/index.html",
    "places/baiterek/index.html",
    "resolutions/index.html",
    "resolutions/west-kazakhstan-region-2025-246/index.html",
    "resolutions/baiterek-2022-593/index.html",
    "resolutions/west-kazakhstan-region-2025-299/index.html",
    "programs/index.html",
    "programs/zhambyl-region-2005-2007/index.html",
    "ratings/index.html",
    "ratings/employment-centres-2017/index.html",
    "data/index.html",
    "data/quotas/index.html",
    "data/places/index.html",
    "sources/index.html",
    "sources/quotas/000_eeaaafaba07ad180/index.html",
    "changes/index.html",
    "contribute/index.html",
    "compare/index.html",
    "api/index.html",
    "404.html",
]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")


class InterfaceText(html.parser.HTMLParser):
    """The text and labelling attributes of a page outside script/style and outside every
    element (below <html>) that carries a lang= of its own."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.texts: list[str] = []

    def hidden(self) -> bool:
        return any(other for _, other in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        other = (tag in ("script", "style", "template") or (tag != "html" and bool(a.get("lang")))
                 or a.get("translate") == "no")
        if not self.hidden() and not other:
            self.texts += [str(a[k]) for k in ATTRIBUTES if a.get(k)]
        if tag not in VOID:
            self.stack.append((tag, other))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not self.hidden():
            self.texts.append(data.strip())


@pytest.fixture(scope="module")
def data_values() -> re.Pattern[str]:
    """Every value of the data with a Kazakh letter, longest first, as one pattern."""
    values: set[str] = set()
    for path in DATASETS.rglob("*.csv"):
        with path.open(encoding="utf-8") as f:
            for row in csv.reader(f):
                values.update(v.strip() for v in row)
                values.update(part.strip() for v in row for part in v.split(";"))
    for path in DATASETS.glob("*/datapackage.json"):
        values.update(_strings(json.loads(path.read_text(encoding="utf-8"))))
    data = load_model(DATASETS, [])
    for lang in i18n.LANGUAGES:
        with i18n.use(lang):
            values.update(data.names.values())
    kazakh = sorted((v for v in values if len(v) > 1 and KAZAKH_ONLY.search(v)), key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in kazakh))


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


# A value cut short: what follows a quote or a separator up to "…" (a name in a change's summary).
CUT_VALUE = re.compile(r'["«][^"«»]{8,}…|[^,;:·→—«»"]{12,}…')


def kazakh_interface_text(page: Path, data_values: re.Pattern[str]) -> list[str]:
    parser = InterfaceText()
    parser.feed(page.read_text(encoding="utf-8"))
    return sorted({t for t in parser.texts if KAZAKH_ONLY.search(CUT_VALUE.sub("", data_values.sub("", t)))})


def test_the_catalogues_translate_every_interface_text():
    assert translations.check() == []


def test_a_missing_or_untranslated_text_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ru.po").write_text('msgid ""\nmsgstr ""\n\nmsgid "Квоталар"\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(translations, "catalogue_path", lambda lang: str(tmp_path / f"{lang}.po"))
    problems = translations.check()
    assert any("ru.po: untranslated: 'Квоталар'" in p for p in problems)
    assert any("ru.po: missing: 'Басты бет'" in p and "fix: run python -m ashyq.translations update" in p
               for p in problems)
    assert any("en.po: missing" in p for p in problems)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_kazakh_interface_text_on_any_page_type(real_site_i18n, data_values, lang):
    found = {page: kazakh_interface_text(real_site_i18n / lang / page, data_values) for page in PAGE_TYPES}
    assert {page: texts for page, texts in found.items() if texts} == {}


def test_the_kazakh_site_is_still_kazakh(real_site_i18n):
    html = (real_site_i18n / "quotas/index.html").read_text(encoding="utf-8")
    assert '<html lang="kk"' in html and "Жұмыс орындарының квоталары" in html


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_every_page_of_a_language_has_its_lang_and_data_note(real_site_i18n, lang):
    note = {"ru": "Данные (названия организаций, текст документов)", "en": "Data (organisation names"}[lang]
    for page in PAGE_TYPES:
        html = (real_site_i18n / lang / page).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, page
        assert note in html or page == "404.html", page


def switcher(html: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in
                re.findall(r'<a href="([^"]*)" hreflang="(\w+)" lang="\w+" class="md-select__link', html))


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_the_switcher_leads_to_the_same_page_in_each_language(real_site_i18n, lang):
    root = real_site_i18n / i18n.prefix(lang)
    for page in PAGE_TYPES:
        if page == "404.html":
            continue
        here = root / page
        links = switcher(here.read_text(encoding="utf-8"))
        assert sorted(links) == sorted(i18n.LANGUAGES), page
        for other, href in links.items():
            target = (here.parent / href).resolve() / "index.html" if href.endswith("/") else (here.parent / href)
            assert target == (real_site_i18n / i18n.prefix(other) / page).resolve(), (page, other, href)
            assert target.is_file()


def test_every_head_names_its_alternates_and_the_sitemap_too(real_site_i18n):
    site_url = "https://ashyq-derek.github.io/ashyq-derek/"
    html = (real_site_i18n / "ru/places/oral/index.html").read_text(encoding="utf-8")
    alternates = dict(re.findall(r'<link rel="alternate " hreflang="([\w-]+)" href="([^"]+)"', html))
    assert alternates == {"kk": f"{site_url}places/oral/", "ru": f"{site_url}ru/places/oral/",
                          "en": f"{site_url}en/places/oral/", "x-default": f"{site_url}places/oral/"}
    assert f'<link rel="canonical" href="{site_url}ru/places/oral/">' in html
    sitemap = (real_site_i18n / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{site_url}en/places/oral/</loc>" in sitemap
    assert f'<xhtml:link rel="alternate" hreflang="ru" href="{site_url}ru/places/oral/"/>' in sitemap
    assert not (real_site_i18n / "ru/sitemap.xml").exists()


def test_each_language_has_its_own_search_index(real_site_i18n):
    entry = json.loads((real_site_i18n / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert {"kk", "ru", "en"} <= set(entry["languages"])
    assert entry["languages"]["ru"]["page_count"] == entry["languages"]["kk"]["page_count"]


def test_files_are_shared_not_copied(real_site_i18n):
    """Downloads, shards, maps' and API JSON and our assets exist once, at the root; the
    Russian and English pages link to them there. Only the change log's feeds are each
    language's own (urls.is_feed)."""
    for lang in ("ru", "en"):
        files = [p.relative_to(real_site_i18n / lang).as_posix() for p in (real_site_i18n / lang).rglob("*")
                 if p.is_file() and not p.name.endswith(".html")]
        ours = [f for f in files if not f.startswith(("assets/javascripts/", "assets/stylesheets/",
                                                      "assets/images/", "search/")) and not urls.is_feed(f)]
        assert ours == [], lang
    html = (real_site_i18n / "ru/data/quotas/index.html").read_text(encoding="utf-8")
    assert 'href="../../../data/quotas/quotas.csv"' in html
    assert '<script src="../../../assets/js/ashyq.js">' in html
    assert '<script src="../../../assets/js/messages-ru.js">' in html


def test_place_names_are_in_the_forms_people_use(real_site_i18n):
    ru = (real_site_i18n / "ru/places/oral/index.html").read_text(encoding="utf-8")
    en = (real_site_i18n / "en/places/oral/index.html").read_text(encoding="utf-8")
    assert "<h1" in ru and re.search(r"<h1[^>]*>г\. Уральск", ru)
    assert re.search(r"<h1[^>]*>Oral", en)
    assert "Уральск Г.А.</h1>" not in ru
    # the facts give its name once per language: the page's own, then the others
    assert ru.count("<dt>По-русски</dt>") == 0 and '<dt>По-казахски</dt> <dd lang="kk">Орал қаласы</dd>' in ru
    assert '<dt>In Kazakh</dt> <dd lang="kk">Орал қаласы</dd>' in en and "<dt>English</dt>" not in en


def test_numbers_follow_the_language():
    assert formats.number(12345.5) == "12\u00a0345,5"
    with i18n.use("en"):
        assert formats.number(12345.5) == "12,345.5"
    with i18n.use("ru"):
        assert formats.number(12345.5) == "12\u00a0345,5"
    assert formats.number(12345.5) == "12\u00a0345,5"  # the cache is keyed by the language


def test_an_unknown_language_is_refused_with_a_clear_message():
    with pytest.raises(i18n.UnknownLanguage, match="unknown language 'de': the site speaks kk, ru, en"):
        i18n.languages(["kk", "de"])


@pytest.mark.parametrize("width", [390, 1280])
def test_the_russian_page_in_a_browser(real_site_i18n_url, page, width, tmp_path):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{real_site_i18n_url}ru/places/oral/")
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.locator("h1").first.inner_text().startswith("г. Уральск")
    page.screenshot(path=str(tmp_path / f"ru-oral-{width}.png"), full_page=False)
    page.goto(f"{real_site_i18n_url}en/places/oral/")
    assert page.locator("h1").first.inner_text().startswith("Oral")
    href = page.locator('a.md-select__link[hreflang="kk"]').get_attribute("href")
    page.goto(f"{real_site_i18n_url}en/places/oral/{href}")
    assert page.evaluate("document.documentElement.lang") == "kk"
    assert page.url.rstrip("/").endswith("/places/oral")


@pytest.mark.parametrize("lang", ["", "ru/", "en/"])
def test_the_explorer_headings_break_between_words(real_site_i18n_url, page, lang):
    """A number column's width is fixed: it must hold its heading's longest word in the page's
    language («Списочная численность» broke into «Списочн / ая / численн / ость»)."""
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{real_site_i18n_url}{lang}quotas/")
    page.wait_for_selector("#quota-table .tabulator-col-title")
    broken = page.evaluate("""() => Array.from(document.querySelectorAll('#quota-table .tabulator-col-title'))
        .filter(el => el.offsetWidth > 0).map(el => {
          const words = el.textContent.trim().split(/\\s+/);
          const range = document.createRange(); range.selectNodeContents(el);
          const lines = new Set(Array.from(range.getClientRects(), r => Math.round(r.top))).size;
          return [el.textContent.trim(), lines, words.length];
        }).filter(([, lines, words]) => lines > words)""")
    assert broken == [], broken


def test_the_scripts_speak_the_page_language(real_site_i18n_url, page):
    """The explorer (Tabulator's texts included), its counts and a chart's toolbar texts come
    from messages-<lang>.js: no Kazakh interface text in what the scripts write."""
    page.goto(f"{real_site_i18n_url}ru/quotas/")
    page.wait_for_function("() => /строк/.test(document.getElementById('quota-table-count').textContent)")
    count = page.locator("#quota-table-count").inner_text()
    assert not KAZAKH_ONLY.search(count), count
    headers = page.locator("#quota-table .tabulator-col-title").all_inner_texts()
    assert "Название организации" in headers and not [h for h in headers if KAZAKH_ONLY.search(h)]
    assert page.evaluate("Ashyq.t('Жүктелуде…')") == "Загрузка…"
    page.goto(f"{real_site_i18n_url}en/places/baiterek/")
    assert page.evaluate("Ashyq.t('%(tier)s деңгейі', {tier: 2})") == "tier 2"
    assert page.evaluate("Ashyq.t('Келесі')") == "Next"
    assert page.browser_log.console_errors == [] and page.browser_log.outside_requests == []


def test_compare_in_russian_reads_the_shared_api(real_site_i18n_url, page):
    """/ru/compare/ fetches the places' documents from the root's /api/v1/ (one copy for the
    three languages), draws its first chart and names the places in Russian."""
    page.goto(f"{real_site_i18n_url}ru/compare/?places=borli,oral")
    page.wait_for_selector('#compare-results .ashyq-chart[data-ready="true"]', timeout=30_000)
    results = page.locator("#compare-results").inner_text()
    assert "г. Уральск" in results and "Бурлинский район" in results and "Орал қаласы" not in results
    # the finder offers Russian names too, found by any spelling
    page.goto(f"{real_site_i18n_url}ru/compare/")
    page.wait_for_selector("#compare-find:not([disabled])")
    page.fill("#compare-find", "Бөрлі")
    page.wait_for_selector("#compare-suggestions li")
    assert "Бурлинский район" in page.locator("#compare-suggestions").inner_text()
    assert page.browser_log.console_errors == [] and page.browser_log.outside_requests == []


# The people-first journeys (tests/test_citizen.py) in Russian: find one's district by any
# spelling, find its organisations in the explorer, report a wrong row without Git.
@pytest.mark.parametrize("typed, found", [("Уральск", "г. Уральск"), ("Орал", "г. Уральск"),
                                          ("Казталов", "Казталовский район"), ("Borli", "Бурлинский район")])
def test_in_russian_the_home_box_finds_a_place_by_any_spelling(page, real_site_i18n_url, typed, found):
    page.goto(f"{real_site_i18n_url}ru/")
    page.fill("#home-place-filter", typed)
    shown = page.eval_on_selector_all("#home-places li:not([hidden]) a", "els => els.map(e => e.textContent)")
    assert found in shown
    assert page.browser_log.console_errors == []


def test_in_russian_the_explorer_finds_a_place_and_its_rows(page, real_site_i18n_url):
    page.goto(f"{real_site_i18n_url}ru/quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    page.fill("#quota-table-search", "Уральск")
    page.wait_for_function(
        "() => /^\\d+ \\/ \\d+ строк/.test(document.querySelector('#quota-table-count').textContent)")
    assert int(page.locator("#quota-table-count").inner_text().split(" /")[0]) > 0
    assert page.browser_log.console_errors == []


def test_in_russian_a_row_offers_the_form_and_the_editor(page, real_site_i18n_url):
    page.goto(f"{real_site_i18n_url}ru/places/borli/")
    row = page.locator("table.ashyq-quota-rows tbody tr").first
    report = row.locator("a.ashyq-report")
    assert report.inner_text() == "сообщить об ошибке"
    report.focus()
    href = report.get_attribute("href")
    assert href.startswith("https://github.com/ashyq-derek/ashyq-derek/issues/new?") and "row_id=" in href
    assert row.locator("a.ashyq-edit").inner_text() == "исправить"
    assert "/edit/main/datasets/quotas/data/quotas.csv#L" in row.locator("a.ashyq-edit").get_attribute("href")


def test_in_russian_the_places_filter_finds_kaztalov(page, real_site_i18n_url):
    page.goto(f"{real_site_i18n_url}ru/places/")
    page.fill("#places-filter", "Қазталов")
    shown = page.eval_on_selector_all("#places-list li:not([hidden]) a", "els => els.map(e => e.textContent)")
    assert "Казталовский район" in shown


def test_the_russian_explorer_names_places_and_categories_in_russian(real_site_i18n_url, page):
    """The rows are shared (Kazakh names in the shards); /ru/quotas/ shows them in Russian —
    cells, the region and category menus — and still filters by them (the URL keeps the value)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{real_site_i18n_url}ru/quotas/")
    page.wait_for_selector("#quota-table[data-ready=true]")
    page.wait_for_selector("#quota-table .tabulator-row")
    places = page.locator('#quota-table .tabulator-cell[tabulator-field="place_kk"]').all_inner_texts()
    assert "Бурлинский район" in places and not [p for p in places if "ауданы" in p or "қаласы" in p]
    categories = set(page.locator('#quota-table .tabulator-cell[tabulator-field="category_kk"]').all_inner_texts())
    assert categories == {"Лица с инвалидностью"}
    regions = page.locator('#quota-table .tabulator-cell[tabulator-field="region_kk"]').all_inner_texts()
    assert set(regions) == {"Западно-Казахстанская область"}
    menu = page.locator("select[data-facet='region_kk'] option").all_inner_texts()
    assert any(o.startswith("Западно-Казахстанская область (") for o in menu)
    page.select_option("select[data-facet='place_kk']", "Орал қаласы")
    page.wait_for_function("() => /^5 \\/ /.test(document.getElementById('quota-table-count').textContent)")
    assert set(page.locator('#quota-table .tabulator-cell[tabulator-field="place_kk"]').all_inner_texts()) \
        == {"г. Уральск"}
    assert page.browser_log.console_errors == []


# ------------------------------------------------------------------ texts with a count (ngettext)

@pytest.mark.parametrize("lang, expected", [
    ("ru", ["1 строка", "2 строки", "5 строк", "11 строк", "21 строка", "22 строки", "25 строк", "111 строк"]),
    ("en", ["1 row", "2 rows", "5 rows", "11 rows", "21 rows", "22 rows", "25 rows", "111 rows"]),
    ("kk", ["1 жол", "2 жол", "5 жол", "11 жол", "21 жол", "22 жол", "25 жол", "111 жол"]),
])
def test_a_count_takes_the_form_its_language_gives_it(lang, expected):
    with i18n.use(lang):
        got = [i18n.ngettext("%(n)s жол", "%(n)s жол", n) % {"n": n} for n in (1, 2, 5, 11, 21, 22, 25, 111)]
    assert got == expected


def test_the_catalogues_keep_every_form_and_their_rule():
    assert i18n.catalogue("ru")["%(n)s жол"] == ("%(n)s строка", "%(n)s строки", "%(n)s строк")
    assert i18n.catalogue("en")["%(n)s жол"] == ("%(n)s row", "%(n)s rows")
    assert [i18n.plural_rule("ru")(n) for n in (1, 3, 7, 12, 101, 104)] == [0, 1, 2, 2, 0, 1]
    assert i18n.gettext("%(n)s жол") == "%(n)s жол"  # Kazakh: the text itself
    script = translations.messages_script("ru")
    messages = json.loads(script.split("window.AshyqMessages = ", 1)[1].split(";\nwindow.AshyqPlural", 1)[0])
    assert messages["%(shown)s / %(total)s жол"] == [
        "%(shown)s / %(total)s строка", "%(shown)s / %(total)s строки", "%(shown)s / %(total)s строк"]
    assert "window.AshyqPlural = function (n) { return Number((n%10==1 && n%100!=11 ? 0" in script


def test_a_count_missing_a_form_is_reported(tmp_path, monkeypatch):
    for lang in ("ru", "en"):
        text = Path(i18n.catalogue_path(lang)).read_text(encoding="utf-8")
        if lang == "ru":
            text = text.replace('msgstr[2] "%(n)s строк"\n', 'msgstr[2] ""\n', 1)
        (tmp_path / f"{lang}.po").write_text(text, encoding="utf-8")
    monkeypatch.setattr(translations, "catalogue_path", lambda lang: str(tmp_path / f"{lang}.po"))
    problems = translations.check()
    assert len(problems) == 1
    assert "ru.po: missing a form: '%(n)s жол'" in problems[0] and "needs 3 forms" in problems[0]


def test_a_text_used_with_and_without_a_count_is_reported(monkeypatch):
    real = translations.iter_messages

    def with_a_plain_use():
        yield from real()
        yield "%(n)s жол", "site_templates/pages/x.md.j2", 1

    monkeypatch.setattr(translations, "iter_messages", with_a_plain_use)
    assert translations.mixed_uses() == ["%(n)s жол"]


# Russian nouns in the nominative after a number, whose form the number decides: (1, 2, 5).
RUSSIAN_FORMS = [("строка", "строки", "строк"), ("организация", "организации", "организаций"),
                 ("рабочее место", "рабочих места", "рабочих мест"),
                 ("постановление", "постановления", "постановлений"),
                 ("центр", "центра", "центров"), ("коммит", "коммита", "коммитов")]
RUSSIAN_COUNT = re.compile(r"(?<![\d\w/.,:–-])(?<!из )(\d{1,3}(?:[\u00a0\u202f ]\d{3})*)[\u00a0 ]("
                           + "|".join(re.escape(f) for forms in RUSSIAN_FORMS
                                      for f in sorted(forms, key=len, reverse=True))
                           + r")(?!\w)")
ENGLISH_ONE = re.compile(r"(?<![\d.,/–-])\b1 (rows|jobs|organisations|places|resolutions|centres|commits|changes|"
                         r"categories|years|districts|parts|positions|institutions|documents|tables|columns|"
                         r"matches|employees|bars)\b")


def wrong_counts(html: str, lang: str) -> tuple[list[str], int]:
    """The phrases of a page whose noun has the wrong form for its number, and how many
    counted phrases it has."""
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<script\b.*?</script>|<style\b.*?</style>", " ", html, flags=re.S))
    text = re.sub(r"[ \t]+", " ", text.replace("&nbsp;", "\u00a0"))
    if lang == "en":
        return [m.group(0) for m in ENGLISH_ONE.finditer(text)], len(re.findall(r"\b\d+ (?:rows?|jobs?)\b", text))
    rule = i18n.plural_rule("ru")
    wrong, seen = [], 0
    for m in RUSSIAN_COUNT.finditer(text):
        n = int(re.sub(r"\D", "", m.group(1)))
        forms = next(f for f in RUSSIAN_FORMS if m.group(2) in f)
        seen += 1
        if forms[rule(n)] != m.group(2):
            wrong.append(m.group(0))
    return wrong, seen


def test_wrong_forms_are_told_apart():
    assert wrong_counts("<p>1 строк, 2 строк, 21 строка, 5 строк, 11 строка, 1 235 строки</p>", "ru") == (
        ["1 строк", "2 строк", "11 строка", "1 235 строки"], 6)
    assert wrong_counts("<p>из 21 строки; 1 rows</p>", "ru") == ([], 0)
    assert wrong_counts("<p>1 rows, 1 organisations, 11 rows, 2.1 jobs</p>", "en") == (["1 rows", "1 organisations"], 3)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_count_has_the_wrong_form_on_any_page(real_site_i18n, lang):
    """'1 rows', '1 organisations', «2 строк», «21 строк»: on no page of the Russian and English
    sites (every page, the home page's figures, the data pages, the change log, place chips)."""
    wrong, seen = {}, 0
    for path in sorted((real_site_i18n / lang).rglob("*.html")):
        found, counted = wrong_counts(path.read_text(encoding="utf-8"), lang)
        seen += counted
        if found:
            wrong[path.relative_to(real_site_i18n).as_posix()] = found
    assert wrong == {}
    assert seen > 100  # the check saw the site's counts


def test_the_scripts_counts_take_their_forms(real_site_i18n_url, page):
    page.goto(f"{real_site_i18n_url}ru/quotas/")
    tn = "n => Ashyq.tn('%(n)s ұйым', '%(n)s ұйым', n, {n: n})"
    assert [page.evaluate(f"({tn})({n})") for n in (1, 3, 11, 21)] == [
        "1 организация", "3 организации", "11 организаций", "21 организация"]
    page.wait_for_function("() => /строк/.test(document.getElementById('quota-table-count').textContent)")
    assert wrong_counts(page.content(), "ru")[0] == []
    page.goto(f"{real_site_i18n_url}en/quotas/")
    assert [page.evaluate(f"({tn})({n})") for n in (1, 2)] == ["1 organisation", "2 organisations"]
    page.goto(f"{real_site_i18n_url}quotas/")
    assert page.evaluate(f"({tn})(5)") == "5 ұйым"
    assert page.browser_log.console_errors == []


# ------------------------------------------------------------------ what each language has of its own

FEED_LINK = re.compile(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">')


@pytest.mark.parametrize("lang, title", [("", "Ashyq Derek — деректердегі өзгерістер"),
                                         ("ru/", "Ashyq Derek — изменения в данных"),
                                         ("en/", "Ashyq Derek — changes in the data")])
def test_each_language_has_its_own_feed(real_site_i18n, lang, title):
    """Every page's head links its own language's feed, whose titles and links are that language's."""
    page = real_site_i18n / lang / "places/oral/index.html"
    head_title, href = FEED_LINK.search(page.read_text(encoding="utf-8")).groups()
    feed = (page.parent / href).resolve()
    # at the root, beside the sitemap (Material fetches one beside every rel=alternate link)
    assert head_title == title and feed == (real_site_i18n / urls.site_feed(lang.rstrip("/") or "kk")).resolve()
    text = feed.read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in text
    assert re.search(rf'rel="alternate" type="text/html" href="[^"]*/{lang}changes/"', text)
    changes = real_site_i18n / lang / "changes/index.html"
    package_feeds = re.findall(r'href="([^"]+\.xml)" type="application/atom\+xml"', changes.read_text(encoding="utf-8"))
    assert len(package_feeds) > 3
    for href in package_feeds:
        target = (changes.parent / href).resolve()
        assert target.parent == (real_site_i18n / lang / "changes").resolve() and target.is_file()


def test_quality_flags_speak_russian_on_the_russian_site(real_site_i18n):
    """A flag's message is made by its rule in Kazakh, Russian and English: /ru/ shows the Russian."""
    langs = [lang for page in (real_site_i18n / "ru").rglob("*.html")
             for lang in re.findall(r'class="ashyq-flag-message" lang="(\w+)"', page.read_text(encoding="utf-8"))]
    assert langs and set(langs) == {"ru"}
    en = [lang for page in (real_site_i18n / "en").rglob("*.html")
          for lang in re.findall(r'class="ashyq-flag-message" lang="(\w+)"', page.read_text(encoding="utf-8"))]
    assert en and set(en) == {"en"}


@pytest.mark.parametrize("lang, package, table", [
    ("", "Жұмыс орындарына квоталар", "Актіде белгіленген квота ережелері"),
    ("ru/", "Квоты рабочих мест", "Правила квотирования, установленные актами"),
    ("en/", "Job quotas", "Quota rules set by acts"),
])
def test_a_data_page_names_its_package_and_tables_in_the_page_language(real_site_i18n, lang, package, table):
    """datapackage.json's kk/ru/en `titles` of the package and of each resource."""
    html = (real_site_i18n / lang / "data/quotas/index.html").read_text(encoding="utf-8")
    assert f'<a href="#resource-quota_rules">{table}</a>' in html
    assert package in re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)


def test_the_citation_file_cites_the_package_in_each_language(real_site_i18n):
    """The package zip is shared by the three sites: its CITATION.txt cites the package in
    each language, each line the one its language's data page shows."""
    import zipfile

    with zipfile.ZipFile(real_site_i18n / "data/quotas/quotas.zip") as z:
        lines = z.read("quotas/CITATION.txt").decode("utf-8").split("\n\n", 1)[0].splitlines()
    assert [line.split(" [", 1)[0] for line in lines] == [
        "Ashyq Derek. Жұмыс орындарына квоталар", "Ashyq Derek. Квоты рабочих мест", "Ashyq Derek. Job quotas"]
    assert "[пакет данных «quotas»" in lines[1] and lines[1].endswith("/ru/data/quotas/")
    for lang, line in zip(("", "ru/", "en/"), lines):
        page = (real_site_i18n / lang / "data/quotas/index.html").read_text(encoding="utf-8")
        assert html_lib.escape(line, quote=False) in page


@pytest.mark.parametrize("lang, expected", [("kk", "2026-02-01"), ("ru", "1 февраля 2026 г."),
                                            ("en", "1 February 2026")])
def test_a_day_of_the_site_s_history_reads_as_its_language_writes_it(lang, expected):
    """A commit's day in the change log, a page's history and a data page (not a date printed in
    an act, which stays as the act writes it: formats.date)."""
    with i18n.use(lang):
        assert formats.day("2026-02-01") == expected
        assert formats.day("") == "" and formats.date("2026-02-01") == "01.02.2026"


def test_a_note_on_english_text_is_not_shown_on_the_english_site(real_site_i18n):
    """«The description is in English only for now» tells a Kazakh or Russian reader why a
    text is English; on the English site it would say nothing (and its «titles below are in
    Kazakh» was wrong once the titles were the page's language)."""
    kk = (real_site_i18n / "data/quotas/index.html").read_text(encoding="utf-8")
    ru = (real_site_i18n / "ru/data/quotas/index.html").read_text(encoding="utf-8")
    en = (real_site_i18n / "en/data/quotas/index.html").read_text(encoding="utf-8")
    assert "Пакеттің сипаттамасы әзірге тек ағылшын тілінде." in kk
    assert "Описание пакета пока только на английском." in ru
    assert "in English only for now" not in en and "in English for now" not in en


def test_in_russian_an_acts_rows_are_the_kazakh_pages_in_russian_words(real_site_i18n, real_site_i18n_url, page):
    """Issue 18: the rows of an act's quota table are data as printed, one copy for the three
    sites (the Kazakh page's); the Russian page has the table's head and draws the rows from
    there, with its own place names, flags and correction links, and a link to a row still
    finds it."""
    html = (real_site_i18n / "ru/resolutions/west-kazakhstan-region-2025-246/index.html").read_text(encoding="utf-8")
    assert 'id="row-disability-4"' not in html
    assert 'data-rows-from="../../../resolutions/west-kazakhstan-region-2025-246/#quotas-disability"' in html
    page.goto(f"{real_site_i18n_url}ru/resolutions/west-kazakhstan-region-2025-246/#row-disability-4")
    row = page.locator("#row-disability-4")
    row.wait_for()
    kazakh = (real_site_i18n / "resolutions/west-kazakhstan-region-2025-246/index.html").read_text(encoding="utf-8")
    assert page.locator(".ashyq-act-quota-rows tbody tr").count() == kazakh.count('<tr id="row-disability-')
    assert row.locator("td").nth(2).inner_text() == "Бокейординский район"
    flags = row.locator(".ashyq-flag a")
    assert flags.first.inner_text().strip("⚠ ") == page.locator("#flag-percent-out-of-band h3").evaluate(
        "h => h.firstChild.textContent.trim()")
    assert "заң" not in row.locator(".ashyq-flag-message").first.inner_text()
    assert row.locator("a.ashyq-report").inner_text() == "сообщить об ошибке"
    assert row.locator("a[href*='sources/']").evaluate("a => a.href").endswith(
        "/ru/sources/quotas/000_eeaaafaba07ad180/#L112-L129")
    page.wait_for_function("() => document.querySelector(':target') && document.querySelector(':target').id "
                           "=== 'row-disability-4'")
    assert page.browser_log.console_errors == []


def test_in_russian_a_source_text_is_the_shared_files(real_site_i18n, real_site_i18n_url, page):
    """Issue 18: a source document's text is data as printed, one copy for the three sites
    (its .txt file); the Russian page shows its lines from there, and a row's link to its
    lines still highlights them."""
    html = (real_site_i18n / "ru/sources/quotas/000_eeaaafaba07ad180/index.html").read_text(encoding="utf-8")
    assert 'id="L112"' not in html and 'data-text-from="../../../../sources/quotas/000_eeaaafaba07ad180.txt"' in html
    page.goto(f"{real_site_i18n_url}ru/sources/quotas/000_eeaaafaba07ad180/#L112-L129")
    page.wait_for_function("() => document.querySelectorAll('#source-text .ashyq-hl').length === 18")
    text = (real_site_i18n / "sources/quotas/000_eeaaafaba07ad180.txt").read_text(encoding="utf-8")
    assert page.locator("#source-text").evaluate("pre => pre.textContent") == text
    assert page.locator(".ashyq-text-elsewhere").is_hidden()
    assert page.browser_log.console_errors == []
