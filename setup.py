"""Packaging beyond pyproject.toml: a wheel carries the files a build reads besides the code.

mkdocs.yml and site_templates/ stay at the top of the repository (the layout of STYLE.md,
and where `mkdocs build` finds them); build_py copies them into the package as
ashyq/bundled/, side by side as in the repository, so mkdocs.yml's relative custom_dir
still resolves. ashyq/paths.py reads them there in an installed package, and from the
repository in a checkout or an editable install.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ["mkdocs.yml", "site_templates"]  # keep in step with ashyq/paths.py


class BuildWithSite(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):  # an editable install reads the repository itself
            return
        target = Path(self.build_lib) / "ashyq" / "bundled"
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for name in BUNDLED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                shutil.copyfile(source, target / name)


setup(cmdclass={"build_py": BuildWithSite})
