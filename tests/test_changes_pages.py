"""The change log on the site: /changes/, the Atom feeds, History sections, `ashyq diff`.

A real git repository in tmp_path holds the tiny valid packages; a commit corrects one
cell; the build must show it everywhere with old → new, author and commit.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import datetime
from html import escape as html_escape
from pathlib import Path

import pytest

from ashyq import cli, model
from ashyq.build import build_site
from ashyq.catalog import load_catalog, load_tables
from ashyq.changelog import Change, Commit
from ashyq.gitlog import data_history
from ashyq.urls import edit as edit_url
from ashyq.views import changes
from tests.conftest import TEST_DATA
from tests.test_gitlog import run

ATOM = "{http://www.w3.org/2005/Atom}"
OLD_NAME = "Бөрлі ауданы әкімінің аппараты мемлекеттік мекемесі"
NEW_NAME = "Бөрлі ауданы әкімінің аппараты | мемлекеттік мекеме"


def commit(repo: Path, message: str, day: int, author: str = "Айгүл Сейітова") -> str:
    run(repo, "add", "-A")
    run(repo, "-c", f"user.name={author}", "-c", "user.email=a@example.org", "commit", "-q",
        "--author", f"{author} <a@example.org>", "-m", message, env_date=f"2026-02-{day:02d}T09:30:00+05:00")
    return run(repo, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path]:
    """(repository, [first sha, correction sha], built site)."""
    repo = tmp_path_factory.mktemp("changes") / "repo"
    shutil.copytree(TEST_DATA / "valid", repo / "datasets")
    run(repo, "init", "-q", "-b", "main")
    first = commit(repo, "data: the tiny packages", 1)
    quotas = repo / "datasets/quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(OLD_NAME, NEW_NAME), encoding="utf-8")
    fix = commit(repo, "data(quotas): correct the name of row 5 of Бөрлі", 2)
    site = build_site(repo / "datasets", repo.parent / "site").out
    return repo, [first, fix], site


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def text_of(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup))


def test_changes_page_shows_the_corrected_cell(corrected):
    repo, (first, fix), site = corrected
    page = html(site, "changes")
    section = page[page.index(f'id="c-{fix[:10]}"'):page.index(f'id="c-{first[:10]}"')]
    text = text_of(section)
    assert "data(quotas): correct the name of row 5 of Бөрлі" in text
    assert f"2026-02-02 · өзгерткен: Айгүл Сейітова · коммит {fix[:10]}" in text
    # headed by what changed in the data, in Kazakh; the commit's subject is a detail, marked English
    assert f"<h2>«Жұмыс орындарына квоталар»: 1 жол өзгерді — Бөрлі ауданы · {html_escape(NEW_NAME)}: " \
           f"Ұйымның атауы {html_escape(OLD_NAME)} → {html_escape(NEW_NAME)}</h2>" in section
    assert '<span class="ashyq-change-subject" lang="en">data(quotas): correct the name' in section
    assert "өзгерді 1 жол (кілт: resolution_id, category, row_no )" in text
    assert f"<del>{OLD_NAME}</del>" in section and f"<ins>{NEW_NAME}</ins>" in section
    # the row links to its place's page and to its line in the repository's web editor
    assert 'href="../places/borli/"' in section
    url = edit_url("https://github.com/ashyq-derek/ashyq-derek", "quotas", "data/quotas.csv", 3)
    assert f'href="{url}"' in section
    # the first commit added whole files: counted, not listed
    rest = text_of(page[page.index(f'id="c-{first[:10]}"'):])
    assert "quotas / quotas ( datasets/quotas/data/quotas.csv ) файл қосылды: 4 жол." in rest


def parse_feed(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{tag}") or "").strip(), tag
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    datetime.fromisoformat(root.findtext(f"{ATOM}updated") or "")
    for entry in root.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated", "content"):
            assert (entry.findtext(f"{ATOM}{tag}") or "").strip(), tag
        assert (entry.findtext(f"{ATOM}author/{ATOM}name") or "").strip()
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated") or "")
    return root


def test_feeds_are_valid_atom_with_the_correction(corrected):
    repo, (first, fix), site = corrected
    root = parse_feed(site / "changes/feed.xml")
    entries = root.findall(f"{ATOM}entry")
    # entries are titled by what changed in the data, in Kazakh; the subject is in the content
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles[0].startswith("«Жұмыс орындарына квоталар»: 1 жол өзгерді — Бөрлі ауданы · ")
    assert "1 жол өзгерді" not in titles[1] and "жол қосылды" in titles[1]
    assert "data(quotas): correct the name of row 5 of Бөрлі" in entries[0].findtext(f"{ATOM}content")
    assert root.findtext(f"{ATOM}updated") == "2026-02-02T09:30:00+05:00"
    newest = entries[0]
    # absolute, from the site's public address: feed readers resolve relative links badly
    assert newest.find(f"{ATOM}link").get("href") == f"https://ashyq-derek.github.io/ashyq-derek/changes/#c-{fix[:10]}"
    assert root.find(f"{ATOM}link[@rel='self']").get("href") == "https://ashyq-derek.github.io/ashyq-derek/changes/feed.xml"
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in index and 'href="feed.xml"' in index
    assert parse_feed(site / "feed.xml").findtext(f"{ATOM}updated") == root.findtext(f"{ATOM}updated")
    assert newest.findtext(f"{ATOM}author/{ATOM}name") == "Айгүл Сейітова"
    content = newest.findtext(f"{ATOM}content")
    assert f"organization_kk: «{OLD_NAME}» → «{NEW_NAME}»" in content
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 2
    for name in ("quotas", "places", "resolutions"):
        feed = parse_feed(site / f"changes/{name}.xml")
        contents = [e.findtext(f"{ATOM}content") for e in feed.findall(f"{ATOM}entry")]
        assert len(contents) == (2 if name == "quotas" else 1)
        assert "data: the tiny packages" in contents[-1]


def test_history_sections_of_the_place_and_the_package(corrected):
    repo, (first, fix), site = corrected
    packages = load_catalog(repo / "datasets")
    data = model.Model(packages, load_tables(packages), history=data_history(repo / "datasets"),
                       repository="https://github.com/o/r")
    place = changes.history_for_place(data, "borli", "places/borli/index.md")
    assert place.available and place.more == 0
    assert [(i.commit.short, i.commit.author, i.commit.href, i.summary) for i in place.items] == [
        (fix[:10], "Айгүл Сейітова", f"../../changes/#c-{fix[:10]}", "«Жұмыс орындарына квоталар»")]
    assert [(r.kind, r.label, r.line, r.cells, r.edit_href) for r in place.items[0].rows] == [
        ("changed", "west-kazakhstan-region-2025-246 · disability · 5", 3,
         [("Ұйымның атауы", "organization_kk", OLD_NAME, NEW_NAME)],  # the field's Kazakh title, then its name
         "https://github.com/o/r/edit/main/datasets/quotas/data/quotas.csv#L3")]
    assert place.items[0].rows[0].name == f"Бөрлі ауданы · {NEW_NAME}"
    assert changes.history_for_place(data, "akzhaiyk", "places/akzhaiyk/index.md").items == []
    pkg = changes.history_for_package(data, "quotas", "data/quotas/index.md")
    assert pkg.last_updated is not None and pkg.last_updated.sha == fix
    assert pkg.feed_href == "../../changes/quotas.xml"
    assert [i.summary for i in pkg.items] == ["quotas.csv: 1 жол өзгерді", "quotas.csv: файл қосылды (4 жол)"]
    assert data.last_updated("places").sha == first


def test_row_changes_read_in_kazakh_titles_names_and_labels(corrected):
    """A place page's history says «Елді мекен / аудан: Бөрлі ауданы», not «place_id: borli»;
    a commit's headline names the row and the field in Kazakh."""
    from ashyq.changelog import CellChange, FileChange, RowChange

    repo, _, _ = corrected
    packages = load_catalog(repo / "datasets")
    data = model.Model(packages, load_tables(packages))
    row = {"resolution_id": "r-1", "category": "disability", "place_id": "borli", "organization_kk": "«А» ЖШС",
           "headcount": "58"}
    changed = RowChange("changed", ("r-1", "disability", "1"), 2, row, (CellChange("headcount", "57", "58"),))
    added = RowChange("added", ("r-1", "disability", "2"), 3, row)
    f = FileChange("datasets/quotas/data/quotas.csv", "quotas", "quotas", "modified", rows_added=1, rows_changed=1,
                   rows=(changed, added))
    view = changes.row_view(data, {"borli"}, f, added, "changes/index.md")
    assert "Елді мекен / аудан: Бөрлі ауданы" in view.values and "place_id" not in view.values
    assert "Азаматтар санаты: Мүгедектігі бар адамдар" in view.values
    assert changes.row_view(data, {"borli"}, f, changed, "changes/index.md").cells == [
        ("Жұмыскерлердің тізімдік саны", "headcount", "57", "58")]
    assert changes.file_headline(data, f) == (
        "«Жұмыс орындарына квоталар»: 1 жол қосылды, 1 жол өзгерді — "
        "Бөрлі ауданы · «А» ЖШС: Жұмыскерлердің тізімдік саны 57 → 58; Бөрлі ауданы · «А» ЖШС (жол қосылды)")


def test_diff_command_writes_a_pull_request_comment(corrected, capsys):
    repo, (first, fix), site = corrected
    assert cli.main(["diff", first, fix, "--datasets", str(repo / "datasets")]) == 0
    out = capsys.readouterr().out
    summary, _, validation = out.partition("## Тексеру / Validation")
    assert summary == "\n".join([
        f"## Деректердегі өзгерістер / Data changes `{first[:10]}` → `{fix[:10]}`",
        "",
        "| файл / file | күйі / status | қосылды / added | жойылды / removed | өзгерді / changed |",
        "|---|---|--:|--:|--:|",
        "| `datasets/quotas/data/quotas.csv` | өзгерді / modified | 0 | 0 | 1 |",
        "",
        "### `datasets/quotas/data/quotas.csv` (quotas/quotas)",
        "",
        "- кілт / key: `resolution_id, category, row_no`",
        "",
        "| жол / line | кілт / key | өзгеріс / change | баған / column | бұрын / old | кейін / new |",
        "|--:|---|---|---|---|---|",
        f"| 3 | west-kazakhstan-region-2025-246 · disability · 5 | өзгерді | `organization_kk` | {OLD_NAME} "
        f"| {NEW_NAME.replace('|', chr(92) + '|')} |",
        "",
        "",
    ])
    assert validation.startswith(f" `{fix[:10]}`\n\nДеректер жарамды / The data is valid (")
    assert cli.main(["diff", first, "no-such-commit", "--datasets", str(repo / "datasets")]) == 2


def test_diff_validates_head_not_the_working_tree(corrected, capsys):
    repo, (first, fix), site = corrected
    quotas = repo / "datasets/quotas/data/quotas.csv"
    quotas.write_text(quotas.read_text(encoding="utf-8").replace(",93,", ",many,"), encoding="utf-8")
    try:
        assert cli.main(["diff", first, fix, "--datasets", str(repo / "datasets")]) == 0
        commit(repo, "data(quotas): a broken headcount", 3)
        assert cli.main(["diff", fix, "HEAD", "--datasets", str(repo / "datasets")]) == 1
        out = capsys.readouterr().out
        assert "**" in out and "datasets/quotas/data/quotas.csv:2:7: type-error:" in out
    finally:
        run(repo, "reset", "-q", "--hard", fix)


def test_a_copy_without_git_says_the_history_is_unavailable(valid_datasets, tmp_path):
    site = build_site(valid_datasets, tmp_path / "site").out
    assert "Бұл көшірмеде өзгерістер тарихы жоқ: сайт git тарихы жоқ көшірмеден" in html(site, "changes")
    # the feed every page links to is there, with no entries; no feed per package
    assert parse_feed(site / "changes/feed.xml").findall(f"{ATOM}entry") == []
    assert not (site / "changes/quotas.xml").exists()


def test_changes_are_paginated_newest_first():
    history = [Change(Commit(f"{i:040x}", f"2026-01-01T00:{i // 60:02d}:{i % 60:02d}+00:00", "A", f"c{i}"))
               for i in range(120)]
    outputs = {o.path: o for o in changes.iter_outputs(model.Model({}, history=history))}
    assert sorted(p for p in outputs if p.endswith(".md")) == [
        "changes/index.md", "changes/page/2/index.md", "changes/page/3/index.md"]
    first, last = outputs["changes/index.md"].text, outputs["changes/page/3/index.md"].text
    def h2(subject):  # a commit that changed no data is headed by its subject, marked English
        return f'<h2><span class="ashyq-change-subject" lang="en">{subject}</span></h2>'

    assert first.index(h2("c119")) < first.index(h2("c70")) and h2("c69") not in first
    assert h2("c19") in last and h2("c0") in last and h2("c20") not in last
    assert 'href="../2/" rel="prev"' in last and 'href="../../" ' not in last
    assert changes.commit_urls(model.Model({}, history=history))[f"{0:040x}"] == "changes/page/3/#c-0000000000"


def test_the_workflow_calls_make_targets_that_exist():
    from ashyq.paths import ROOT

    workflow = (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    called = set(re.findall(r"(?:run: |>-\n\s+)make (?:--silent )?([a-z-]+)", workflow))
    assert called == {"setup", "diff", "validate", "build", "check-links"}
    assert all(re.search(rf"^{t}:", makefile, re.M) for t in called)


def test_check_links_finds_broken_links_and_anchors(tmp_path):
    from scripts.check_links import check

    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#x">ok</a><a href="a/#nope">bad</a><a href="b/">bad</a>'
        '<a href="https://example.org/">other host</a><a href="../x.html">out</a>'
        '<a href="a/#L5-L7">line</a><script src="s.js"></script>', encoding="utf-8")
    (tmp_path / "a/index.html").write_text('<h2 id="x">x</h2>', encoding="utf-8")
    assert check(tmp_path) == [
        "index.html: a/#nope -> no element with id 'nope'",
        "index.html: b/ -> b/index.html is missing",
        "index.html: ../x.html -> outside the site",
        "index.html: s.js -> s.js is missing",
    ]


def test_a_commit_without_row_changes_says_which_files_changed(valid_datasets):
    from ashyq.catalog import load_catalog as load

    packages = load(valid_datasets)
    data = model.Model(packages)
    change = Change(Commit("a" * 40, "2026-01-01T00:00:00+00:00", "A", "docs"),
                    other_paths=("datasets/quotas/datapackage.json", "datasets/quotas/README.md",
                                 "datasets/README.md"))
    title = packages["quotas"].title
    assert changes.data_headline(data, change) == (
        "Кестелердің мәндері өзгерген жоқ: деректер туралы жалпы файлдар: README өзгерді; "
        f"«{title}»: README, сипаттамасы (datapackage.json) өзгерді")
