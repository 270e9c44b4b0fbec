"""The published paths that may never be renamed: every file under /api/v1/, /data/ and /embed/ of the
site built from datasets/, listed in tests/data/stable-paths.txt (issue 17.4).

A path once published is a promise to everyone who links to it or reads it from a script:
`tests/test_api.py` fails when a listed path is missing from the real build. Adding is fine:

    python scripts/stable_paths.py          # compare a fresh build with the list (exit 1 when one is missing)
    python scripts/stable_paths.py --add    # the same, then append the new paths to the list
    python scripts/stable_paths.py --site build/site [--add]   # use a site already built from datasets/

Pages are listed by their URL ("data/quotas/"), files by their path ("data/quotas/quotas.csv").
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIST = ROOT / "tests" / "data" / "stable-paths.txt"
# The parts of the site whose paths are public: the API, the data downloads and the embeds
# (other sites' pages show /embed/<key>/ in an <iframe>: views/embeds.py).
STABLE_ROOTS = ("api/v1/", "data/", "embed/")


def published(site: Path) -> list[str]:
    """Every path of `site` under STABLE_ROOTS, sorted: a page as its URL, any other file as its path."""
    out = []
    for root in STABLE_ROOTS:
        folder = site / root
        for path in folder.rglob("*") if folder.is_dir() else ():
            if path.is_file():
                rel = path.relative_to(site).as_posix()
                out.append(rel.removesuffix("index.html") if rel.endswith("/index.html") else rel)
    return sorted(out)


def read_list(path: Path = LIST) -> list[str]:
    """The committed list: one path a line; blank lines and # comments are ignored."""
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--add", action="store_true", help="append the paths the build has and the list has not")
    parser.add_argument("--site", type=Path, help="a site already built from datasets/ (default: build one now)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            sys.path.insert(0, str(ROOT))
            from ashyq.build import build_site
            from ashyq.paths import DATASETS

            site = Path(tmp) / "site"
            build_site(DATASETS, site)
        paths = published(site)
    listed = read_list()
    missing = sorted(set(listed) - set(paths))
    new = [p for p in paths if p not in set(listed)]
    for path in missing:
        print(f"{LIST.relative_to(ROOT)}: missing from the build: {path}", file=sys.stderr)
    if args.add and new:
        header = "" if LIST.is_file() else (
            "# Published paths under /api/v1/ and /data/: never rename or remove one (tests/test_api.py).\n"
            "# Append new ones with: python scripts/stable_paths.py --add\n")
        with LIST.open("a", encoding="utf-8", newline="\n") as f:
            f.write(header + "".join(f"{p}\n" for p in new))
        print(f"{len(new)} new path(s) added to {LIST.relative_to(ROOT)}")
    elif new:
        print(f"{len(new)} new path(s) not in the list yet (add them with --add)")
    if missing:
        print("fix: a published path may not be renamed or removed: publish it again "
              "(renaming is forbidden; adding is fine)", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
