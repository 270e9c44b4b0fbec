"""Citing a version (issue 17.5), as a reader does it: each data package's page and the data
index show the version once (the commit and its date), link that version's files in the
repository, and give a ready citation as text, BibTeX and CSL-JSON, each with a copy button
that works by keyboard alone and on a phone; the package's citation is also a file
(data/<package>/citation.bib, citation.json)."""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from ashyq.paths import DATASETS

pytestmark = pytest.mark.browser


def package_commit(package: str) -> str:
    """The last commit that changed datasets/<package>: the package's version."""
    return subprocess.run(["git", "log", "-1", "--format=%H", "--", f"datasets/{package}"], cwd=DATASETS.parent,
                          capture_output=True, text=True, check=True).stdout.strip()


def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """One BibTeX entry → (type, key, fields), braces balanced; raises on anything else."""
    head = re.match(r"\s*@(\w+)\{([^,\s]+),", text)
    assert head, text
    fields: dict[str, str] = {}
    pos = head.end()
    while True:
        m = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, pos)
        if not m:
            break
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        fields[m.group(1)] = text[m.end():i - 1]
        pos = re.compile(r"\s*,?").match(text, i).end()
    assert text[pos:].strip() == "}", f"unparsed: {text[pos:]!r}"
    return head.group(1), head.group(2), fields


@pytest.fixture
def clipboard_page(browser):
    """A phone-sized page whose scripts may write and read the clipboard."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="kk-KZ",
                                  permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    yield page
    context.close()


def focus_by_tab(page, selector: str, limit: int = 400) -> None:
    """Press Tab until `selector` has the focus, as a keyboard user would reach it."""
    target = page.locator(selector)
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{selector} is not reachable by Tab")


def test_copy_the_bibtex_of_a_package_by_keyboard_on_a_phone(clipboard_page, real_site_url):
    page = clipboard_page
    page.goto(real_site_url + "data/quotas/")
    sha = package_commit("quotas")
    # the version, once, in the page's facts; the citation below pins the same commit
    facts = page.locator(".ashyq-facts").inner_text()
    assert sha[:10] in facts
    assert page.locator("text=" + sha[:10]).count() >= 1
    button = page.locator('button[data-copy="bibtex"]')
    assert button.is_visible()
    focus_by_tab(page, 'button[data-copy="bibtex"]')
    page.keyboard.press("Enter")
    status = button.locator("xpath=following-sibling::*[contains(@class, 'ashyq-copy-status')]")
    status.filter(has_text="Көшірілді").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    kind, key, fields = parse_bibtex(copied)
    assert kind == "misc" and key == f"ashyq-derek-quotas-{sha[:10]}"
    assert fields["note"] == f"commit {sha}" and fields["title"] == "Жұмыс орындарына квоталар"
    assert fields["howpublished"] == r"\url{https://ashyq-derek.github.io/ashyq-derek/data/quotas/}"
    # the file says the same
    assert page.request.get(real_site_url + "data/quotas/citation.bib").text().strip() == copied.strip()
    # nothing on the phone's page is wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_copy_the_csl_json_of_every_package_from_the_data_index(clipboard_page, real_site_url):
    page = clipboard_page
    page.goto(real_site_url + "data/")
    page.locator('button[data-copy="csl-json"]').click()
    [item] = json.loads(page.evaluate("navigator.clipboard.readText()"))
    sha = subprocess.run(["git", "log", "-1", "--format=%H", "--", "datasets"], cwd=DATASETS.parent,
                         capture_output=True, text=True, check=True).stdout.strip()
    assert item["type"] == "dataset" and item["note"] == f"commit {sha}"
    assert item["URL"] == "https://ashyq-derek.github.io/ashyq-derek/data/"
    # the version once, with a permanent link to exactly that version of datasets/
    link = page.locator(f'a[href$="/tree/{sha}/datasets"]')
    assert link.count() == 1


def test_without_scripts_the_citation_can_be_read_and_no_button_is_shown(browser, real_site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_site_url + "data/quotas/")
    assert page.locator("button[data-copy]").count() == 3
    assert not page.locator("button[data-copy]").first.is_visible()
    assert "@misc{ashyq-derek-quotas-" in page.locator('pre[data-cite="bibtex"]').inner_text()
    context.close()


def test_the_synthetic_corpus_is_cited_too(clipboard_page, synth_site_url):
    """A corpus outside git (the synthetic one) has no commit to pin: its data pages still give
    a citation to copy, with the public URL, and say no version rather than a wrong one."""
    page = clipboard_page
    page.goto(synth_site_url + "data/quotas/")
    page.locator('button[data-copy="bibtex"]').click()
    kind, key, fields = parse_bibtex(page.evaluate("navigator.clipboard.readText()"))
    assert kind == "misc" and key.startswith("ashyq-derek-quotas")
    assert fields["howpublished"] == r"\url{https://ashyq-derek.github.io/ashyq-derek/data/quotas/}"
    assert "commit" not in fields.get("note", "")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
