"""Packaging: a built wheel carries every module, template and asset a build needs.

The wheel is built from a copy of the files packaging reads (so it cannot lean on anything
else in the checkout), installed into a fresh venv that borrows the heavy dependencies from
this one (offline and fast), and its `ashyq` command builds the fixture site from a folder
outside the repository: the same site, byte for byte, as the checkout builds.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from ashyq.build import build_site
from ashyq.paths import ROOT

# What packaging reads: pyproject.toml and setup.py, the package, and what setup.py bundles.
SOURCES = ["pyproject.toml", "setup.py", "README.md", "mkdocs.yml", "ashyq", "site_templates"]


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*command: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_"))}
    done = subprocess.run([str(c) for c in command], cwd=cwd, env={**env, "PIP_NO_INDEX": "1"},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{' '.join(map(str, command))}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("setuptools.command.bdist_wheel", reason="setuptools>=70.1 builds wheels: run `make setup`")
    src, dist = tmp_path_factory.mktemp("src"), tmp_path_factory.mktemp("dist")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copyfile(ROOT / name, src / name)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", dist, src, cwd=src)
    return next(dist.glob("ashyq-*.whl"))


def test_wheel_holds_every_module_template_and_asset(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "ashyq").rglob("*.py")}
    site_files = {f"ashyq/bundled/{p.relative_to(ROOT).as_posix()}"
                  for p in (ROOT / "site_templates").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert modules - names == set()
    assert site_files - names == set()
    assert "ashyq/bundled/mkdocs.yml" in names
    assert any(n.startswith("ashyq/bundled/site_templates/assets/vendor/") for n in names)


def test_installed_wheel_builds_the_fixture_site_outside_the_repository(wheel, tmp_path):
    venv, elsewhere = tmp_path / "venv", tmp_path / "elsewhere"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    run(sys.executable, "-m", "pip", "--python", venv / "bin/python", "install", "--no-deps", "--quiet", wheel,
        cwd=tmp_path)
    python = venv / "bin/python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path).strip())
    # the dependencies from this venv, after the wheel's own site-packages (its .pth files,
    # such as the editable install of this checkout, are not read from there)
    (purelib / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    shutil.copytree(ROOT / "tests/data/valid", elsewhere / "datasets")

    where = run(python, "-c", "import ashyq.paths as p; print(p.MKDOCS_YML); print(p.ROOT)", cwd=elsewhere)
    assert where.split() == [str(purelib / "ashyq/bundled/mkdocs.yml"), str(elsewhere)]
    run(venv / "bin/ashyq", "build", "--datasets", "datasets", "--out", "out/site", cwd=elsewhere)

    site = elsewhere / "out/site"
    for path in ["index.html", "quotas/index.html", "quotas/rows/manifest.json", "404.html", "search/search_index.json",
                 "pagefind/pagefind-entry.json",
                 "assets/css/ashyq.css", "assets/js/ashyq.js", "assets/vendor/tabulator/tabulator.min.js",
                 "assets/vendor/plotly/plotly-basic.min.js"]:
        assert (site / path).is_file(), path
    assert 'lang="kk"' in (site / "index.html").read_text(encoding="utf-8")  # the theme overrides came along
    assert (elsewhere / "out/site-docs/index.md").is_file()
    checkout = build_site(elsewhere / "datasets", tmp_path / "checkout/site").out
    assert tree_digest(site) == tree_digest(checkout)
