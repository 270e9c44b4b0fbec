"""Incremental builds (ashyq.cache): a build that takes what it can from the last build's
cache makes the same site and the same Markdown, byte for byte, as a build from nothing,
after each kind of change a pull request makes; and it does take it (what did not change is
neither rendered by our templates nor by mkdocs again)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ashyq import cache, render
from ashyq.build import build_site
from ashyq.paths import DATASETS, SITE_TEMPLATES


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    one, other = tree(a), tree(b)
    return sorted(k for k in one.keys() | other.keys() if one.get(k) != other.get(k))


class Builds:
    """Builds of one data folder into one site with its cache, each checked against a build
    from nothing of the same data."""

    def __init__(self, datasets: Path, work: Path, languages: tuple[str, ...] = ("kk",)):
        self.datasets, self.work, self.languages = datasets, work, languages
        self.site, self.cache = work / "site", work / "cache"
        self.steps: list[str] = []
        self.count = 0

    def build(self) -> None:
        self.steps = []
        build_site(self.datasets, self.site, self.steps.append, languages=self.languages, cache_folder=self.cache)

    def check(self) -> None:
        """Build with the cache, then from nothing: the sites and their Markdown are the same."""
        self.build()
        self.count += 1
        fresh = self.work / f"fresh-{self.count}"
        build_site(self.datasets, fresh, languages=self.languages)
        assert differences(self.site, fresh) == []
        assert differences(self.site.with_name("site-docs"), fresh.with_name(f"fresh-{self.count}-docs")) == []
        shutil.rmtree(fresh)
        shutil.rmtree(fresh.with_name(f"fresh-{self.count}-docs"))

    def from_cache(self) -> tuple[int, int]:
        """(pages taken from the cache, pages) of the last build, as its progress said."""
        said = next(s for s in self.steps if s.endswith("from the cache"))
        hits, _, total = said.removeprefix("pages: ").split()[:3]
        return int(hits), int(total)

    def slot_times(self) -> dict[str, int]:
        """When the worker last made each package's checks and each download file."""
        return {p.relative_to(self.cache).as_posix(): p.stat().st_mtime_ns
                for folder in ("checks", "views") for p in (self.cache / folder).rglob("*.pickle")}

    def rendered_times(self, lang: str = "kk") -> dict[str, int]:
        """When mkdocs last wrote each page of the cache."""
        site = self.cache / "sites" / lang / "site"
        return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("index.html")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_incremental_build_is_a_full_build_after_each_kind_of_change(valid_datasets, tmp_path, monkeypatch):
    quotas = valid_datasets / "quotas"
    builds = Builds(valid_datasets, tmp_path / "work")
    builds.build()  # the cache is made

    # nothing changed: every page from the cache, nothing rendered, checked or made again
    before, slots, published = builds.rendered_times(), builds.slot_times(), tree(builds.site)
    assert "checks/places.pickle" in slots and "views/ashyq.views.downloads/data/places/places.xlsx.pickle" in slots
    texts = {p.name for p in (builds.cache / "pages").glob("*/*")}
    builds.build()
    hits, total = builds.from_cache()
    assert hits == total > 0
    assert builds.rendered_times() == before and builds.slot_times() == slots and tree(builds.site) == published

    # rows edited: an organisation's name and an act's number; only the pages that show them
    # are made again, and mkdocs renders only those whose Markdown changed
    csv = quotas / "data/quotas.csv"
    edit(csv, "Бөрлі ауданы әкімінің аппараты мемлекеттік мекемесі",
         "Бөрлі ауданы әкімінің аппараты мемлекеттік мекемесі (түзетілді)")
    edit(valid_datasets / "resolutions/data/resolutions.csv", "baiterek,2022-11-30,593", "baiterek,2022-11-30,594")
    builds.check()
    hits, total = builds.from_cache()
    assert hits >= total / 3, f"{total - hits} of {total} pages rendered again for two rows"
    after = builds.rendered_times()
    again = sorted(page for page in after if after[page] != before.get(page))
    assert {"resolutions/baiterek-2022-593/index.html", "resolutions/west-kazakhstan-region-2025-246/index.html"
            } <= set(again)
    assert "programs/index.html" not in again and "api/index.html" not in again
    assert len(again) <= total - hits
    kept = {p.name for p in (builds.cache / "pages").glob("*/*")}
    assert len(kept) == len(texts) and kept != texts  # the old texts of the changed pages are gone
    made = builds.slot_times()
    again = sorted(name for name in made if made[name] != slots.get(name))
    assert again == ["checks/quotas.pickle", "checks/resolutions.pickle",
                     "views/ashyq.views.downloads/data/quotas/quotas.xlsx.pickle",
                     "views/ashyq.views.downloads/data/quotas/quotas.zip.pickle",
                     "views/ashyq.views.downloads/data/resolutions/resolutions.xlsx.pickle",
                     "views/ashyq.views.downloads/data/resolutions/resolutions.zip.pickle"]

    # a row added at the end, then a row deleted
    lines = csv.read_text(encoding="utf-8").splitlines(keepends=True)
    added = lines[2].replace(",borli,5,", ",borli,7,", 1)
    assert added != lines[2]
    csv.write_text("".join(lines + [added]), encoding="utf-8")
    builds.check()
    csv.write_text("".join(lines[:1] + lines[2:]), encoding="utf-8")
    builds.check()

    # a template changed: every page made with it is made again, none is taken from before
    templates = tmp_path / "templates"
    shutil.copytree(SITE_TEMPLATES, templates)
    page = templates / "pages/resolution.md.j2"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- changed -->\n", encoding="utf-8")
    monkeypatch.setattr(cache, "SITE_TEMPLATES", templates)
    monkeypatch.setattr(render, "_ENV", render.make_environment(templates / "pages"))
    cache.code_version.cache_clear()
    try:
        builds.check()
        hits, _ = builds.from_cache()
        assert hits == 0  # the code's version is in every key
        assert "<!-- changed -->" in (tmp_path / "work/site/resolutions/west-kazakhstan-region-2025-246/index.html"
                                      ).read_text(encoding="utf-8")
    finally:
        cache.code_version.cache_clear()


def test_an_incremental_build_after_a_package_is_added_is_a_full_build(real_site, tmp_path):
    """The real data without its employment programmes, then with them: new pages (so mkdocs
    renders the whole site again), the rest taken from the cache; the same site as the
    session's build of the real data from nothing."""
    without = tmp_path / "datasets"
    shutil.copytree(DATASETS, without, ignore=shutil.ignore_patterns("programs"))
    builds = Builds(without, tmp_path / "work")
    builds.build()
    builds.datasets = DATASETS
    builds.build()
    hits, total = builds.from_cache()
    assert 0 < hits < total
    assert differences(builds.site, real_site) == []
    assert differences(builds.site.with_name("site-docs"), real_site.with_name("site-docs")) == []


@pytest.mark.slow
def test_an_incremental_build_of_three_languages_is_a_full_build(valid_datasets, tmp_path):
    builds = Builds(valid_datasets, tmp_path / "work", languages=("kk", "ru", "en"))
    builds.build()
    before = builds.rendered_times("ru")
    edit(valid_datasets / "quotas/data/quotas.csv", "Бөрлі ауданы әкімінің аппараты",
         "Бөрлі ауданы әкімінің аппараты (2)")
    builds.check()
    after = builds.rendered_times("ru")
    again = sorted(page for page in after if after[page] != before.get(page))
    assert "resolutions/west-kazakhstan-region-2025-246/index.html" in again  # its search words changed
    assert len(again) < len(after) / 2


def test_the_command_line_keeps_the_cache_beside_the_site_and_full_empties_it(valid_datasets, tmp_path, capsys):
    from ashyq.cli import main

    site = tmp_path / "build/site"
    command = ["build", "--progress", "--datasets", str(valid_datasets), "--out", str(site)]

    def from_cache(*extra: str) -> tuple[int, int]:
        assert main(command + list(extra)) == 0
        said = [line for line in capsys.readouterr().err.splitlines() if line.endswith("from the cache")]
        hits, _, total = said[-1].split("pages: ")[1].split()[:3]
        return int(hits), int(total)

    hits, total = from_cache()
    assert hits == 0 and total > 0 and (tmp_path / "build/.site-cache/pages").is_dir()
    assert from_cache("--full") == (0, total)  # the cache emptied first


# --- the cache is an aid, never a cause of failure or of a stale page (a review's findings) ---

def test_a_kept_thing_of_renamed_classes_or_cut_short_is_made_again(tmp_path):
    slots = cache.Slots(tmp_path)
    assert slots.get("checks", [b"a"], lambda: ["first"]) == ["first"]
    kept = tmp_path / "checks.pickle"
    key = kept.read_bytes()[:32]
    # the same digest, then a pickle of a class the code no longer has
    kept.write_bytes(key + b"cashyq.nowhere\nGone\n.")  # unpickling it raises ModuleNotFoundError
    assert cache.Slots(tmp_path).get("checks", [b"a"], lambda: ["again"]) == ["again"]
    kept.write_bytes(kept.read_bytes()[:40])  # cut short
    assert cache.Slots(tmp_path).get("checks", [b"a"], lambda: ["once more"]) == ["once more"]
    assert cache.Slots(tmp_path).get("checks", [b"a"], lambda: ["not made"]) == ["once more"]


def test_a_cache_that_cannot_be_written_is_not_kept_and_the_build_goes_on(tmp_path):
    (tmp_path / "blocked").write_text("a file where the cache's folder would be", encoding="utf-8")
    assert cache.Slots(tmp_path / "blocked").get("zip", [b"a"], lambda: b"made") == b"made"
    pages = cache.PageCache(tmp_path / "blocked")
    assert pages.text("t.md.j2", "kk", {"a": 1}, lambda: "page") == "page"


def test_a_page_text_cut_short_is_rendered_again(tmp_path):
    pages = cache.PageCache(tmp_path)
    assert pages.text("t.md.j2", "kk", {"a": 1}, lambda: "# Бет\n") == "# Бет\n"
    [entry] = [p for p in tmp_path.glob("*/*")]
    entry.write_bytes(entry.read_bytes()[:-3])  # what a crash can leave
    assert cache.PageCache(tmp_path).text("t.md.j2", "kk", {"a": 1}, lambda: "# Бет\n") == "# Бет\n"
    entry.write_bytes(b"")
    assert cache.PageCache(tmp_path).text("t.md.j2", "kk", {"a": 1}, lambda: "again") == "again"


def test_a_changed_page_is_rendered_again_whatever_the_clock_says(tmp_path):
    """mkdocs' dirty mode compares times: a cached output dated in the future (a clock set
    back, a cache copied from another machine) must not hide a change."""
    import os

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n", encoding="utf-8")
    site_cache = cache.SiteCache(tmp_path / "cache")
    html = lambda rel: rel.removesuffix(".md") + "/index.html"  # noqa: E731
    site_cache.prepare(docs, {}, html)
    (site_cache.site / "a").mkdir(parents=True)
    (site_cache.site / "a/index.html").write_text("<h1>A</h1>", encoding="utf-8")
    future = site_cache.docs.joinpath("a.md").stat().st_mtime + 3600
    os.utime(site_cache.site / "a/index.html", (future, future))
    site_cache.finished()
    (docs / "a.md").write_text("# A, changed\n", encoding="utf-8")
    assert site_cache.prepare(docs, {}, html) is True  # only what changed is rendered
    assert not (site_cache.site / "a/index.html").exists()  # so mkdocs renders it


def test_the_cache_keeps_nothing_of_packages_or_languages_gone(valid_datasets, tmp_path):
    builds = Builds(valid_datasets, tmp_path, languages=("kk", "ru"))
    builds.build()
    assert (builds.cache / "sites/ru").is_dir()
    assert (builds.cache / "checks/quotas.pickle").is_file()
    # the checks of a package since removed, and what a build killed while writing left
    (builds.cache / "checks/programs.pickle").write_bytes(b"old")
    (builds.cache / "checks/.tmp-x1y2").write_bytes(b"half")
    builds.languages = ("kk",)
    builds.build()
    assert sorted(p.name for p in (builds.cache / "sites").iterdir()) == ["kk"]
    assert sorted(p.name for p in (builds.cache / "checks").iterdir()) == [
        "places.pickle", "quotas.pickle", "resolutions.pickle"]


def test_the_code_version_follows_every_installed_library(monkeypatch):
    from importlib import metadata

    before = cache.code_version()
    real = metadata.distributions

    class Newer:
        metadata = {"Name": "frictionless"}
        version = "99.0"

    monkeypatch.setattr(cache.metadata, "distributions", lambda: [*real(), Newer()])
    cache.code_version.cache_clear()
    try:
        assert cache.code_version() != before
    finally:
        monkeypatch.undo()
        cache.code_version.cache_clear()
