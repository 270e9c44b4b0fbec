#!/usr/bin/env python3
"""The renderer canary: build the same build/docs with ProperDocs and Zensical, compare with mkdocs.

Material for MkDocs announces its end of life for 2027-05-05 (DESIGN.md), so the site must
stay renderable by its successors. `make canary` (after `make build`) renders build/docs:

- with mkdocs, from the project's .venv: the baseline;
- with each renderer of RENDERERS, from its own throwaway venv under build/canary/<name>/
  (never in requirements.lock: they may conflict with mkdocs; the lock only constrains the
  libraries they share, so Markdown is parsed by the same versions);

each with the settings of mkdocs.yml (docs_dir, site_dir and custom_dir made absolute),
strict as ours. Then it compares every renderer's site with the baseline: HTML pages, pages
missing or extra, internal links broken (scripts/check_links.py), and pages whose HTML differs
(but for the generator tag). A renderer that fails to install or to build is reported, not
fatal: the script exits 0 unless the baseline itself fails. Report: build/canary/report.json.
Results as last run: README.md ("The renderer canary").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import check_links  # noqa: E402  (a script beside this one)

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"
LOCK = ROOT / "requirements.lock"
WORK = ROOT / "build" / "canary"


@dataclass(frozen=True)
class Renderer:
    name: str
    packages: list[str]  # what its venv installs
    command: list[str]  # run in its venv's bin/, with the config file appended


def material_pin() -> str:
    """mkdocs-material as pinned in requirements.lock (ProperDocs renders the same theme)."""
    pins = [line.strip() for line in LOCK.read_text(encoding="utf-8").splitlines()]
    return next(p for p in pins if p.lower().startswith("mkdocs-material=="))


RENDERERS = [
    Renderer("properdocs", ["properdocs==1.6.7"], ["properdocs", "build", "--strict", "-f"]),
    Renderer("zensical", ["zensical==0.1.1"], ["zensical", "build", "--strict", "-f"]),
]


@dataclass
class Comparison:
    """One renderer's site against the baseline's."""

    pages: int = 0
    missing: list[str] = field(default_factory=list)  # pages the baseline has and this site has not
    extra: list[str] = field(default_factory=list)
    broken_links: int = 0
    new_broken_links: list[str] = field(default_factory=list)  # broken here, not in the baseline
    differing_pages: int = 0  # HTML not byte-identical (but for the generator tag)
    differing_examples: list[str] = field(default_factory=list)


@dataclass
class Result:
    renderer: str
    status: str  # ok | install-failed | build-failed
    seconds: float = 0.0
    error: str = ""  # the last lines of the failing command's output
    comparison: Comparison | None = None


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def html_pages(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}


def compare(baseline: Path, site: Path, baseline_broken: list[str] | None = None, examples: int = 10) -> Comparison:
    """`site` against `baseline`: which pages, which broken links, which pages differ."""
    ours, theirs = html_pages(baseline), html_pages(site)
    known = set(check_links.check(baseline) if baseline_broken is None else baseline_broken)
    broken = check_links.check(site)
    differing = [rel for rel in sorted(set(ours) & set(theirs))
                 if GENERATOR.sub(b"", ours[rel].read_bytes()) != GENERATOR.sub(b"", theirs[rel].read_bytes())]
    return Comparison(
        pages=len(theirs), missing=sorted(set(ours) - set(theirs)), extra=sorted(set(theirs) - set(ours)),
        broken_links=len(broken), new_broken_links=[b for b in broken if b not in known],
        differing_pages=len(differing), differing_examples=differing[:examples])


def write_config(docs: Path, site: Path, target: Path) -> Path:
    """mkdocs.yml with docs_dir and site_dir set to `docs` and `site`, and custom_dir made
    absolute (it is relative to the config file, which moves to `target`)."""
    text = MKDOCS_YML.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^docs_dir:.*$", f"docs_dir: {docs.resolve()}", text)
    text = re.sub(r"(?m)^site_dir:.*$", f"site_dir: {site.resolve()}", text)
    text = re.sub(r"(?m)^(\s+custom_dir:\s*)(\S+)", lambda m: f"{m.group(1)}{(ROOT / m.group(2)).resolve()}", text)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def run(command: list[str], log: Path, cwd: Path) -> tuple[bool, str]:
    """Run `command`, its output into `log`; (succeeded, the last lines of the output)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "0", "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "w", encoding="utf-8") as out:
        done = subprocess.run(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=env, check=False)
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    errors = [line for line in lines if "error" in line.lower()]  # pip's and the renderers' own words
    return done.returncode == 0, "\n".join((errors or lines)[-8:])


def install(renderer: Renderer, folder: Path) -> tuple[bool, str]:
    """A venv of its own with the renderer's packages (kept while they stay the same)."""
    venv, stamp = folder / "venv", folder / "venv" / "canary-packages.txt"
    packages = renderer.packages + ([material_pin()] if renderer.name == "properdocs" else [])
    if stamp.is_file() and stamp.read_text(encoding="utf-8").split() == packages:
        return True, ""
    folder.mkdir(parents=True, exist_ok=True)
    ok, tail = run([sys.executable, "-m", "venv", "--clear", str(venv)], folder / "venv.log", folder)
    if ok:
        ok, tail = run([str(venv / "bin/python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-c", str(LOCK), *packages], folder / "install.log", folder)
    if ok:
        stamp.write_text("\n".join(packages) + "\n", encoding="utf-8")
    return ok, tail


def build_with(renderer: Renderer | None, docs: Path, work: Path) -> Result:
    """Render `docs` with `renderer` (None: mkdocs of the project's .venv) into work/<name>/site."""
    name = renderer.name if renderer else "mkdocs"
    folder = work / name
    start = time.monotonic()
    if renderer:
        ok, tail = install(renderer, folder)
        if not ok:
            return Result(name, "install-failed", time.monotonic() - start, tail)
        command = [str(folder / "venv/bin" / renderer.command[0]), *renderer.command[1:]]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f"]
    config = write_config(docs, folder / "site", folder / "mkdocs.yml")
    ok, tail = run([*command, str(config)], folder / "build.log", folder)
    status = "ok" if ok and (folder / "site/index.html").is_file() else "build-failed"
    return Result(name, status, time.monotonic() - start, "" if status == "ok" else tail)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "build/docs", help="the Markdown (default build/docs)")
    parser.add_argument("--work", type=Path, default=WORK, help="venvs, sites and report (default build/canary)")
    parser.add_argument("--only", nargs="*", choices=[r.name for r in RENDERERS], help="some renderers only")
    args = parser.parse_args(argv)
    if not (args.docs / "index.md").is_file():
        print(f"{args.docs}: no index.md (run `make build` first)", file=sys.stderr)
        return 2
    baseline = build_with(None, args.docs, args.work)
    if baseline.status != "ok":
        print(f"mkdocs failed on {args.docs}:\n{baseline.error}", file=sys.stderr)
        return 1
    base_site = args.work / "mkdocs/site"
    base_broken = check_links.check(base_site)
    print(f"mkdocs: {len(html_pages(base_site))} pages, {len(base_broken)} broken links, {baseline.seconds:.1f} s")
    results = [baseline]
    for renderer in RENDERERS:
        if args.only and renderer.name not in args.only:
            continue
        result = build_with(renderer, args.docs, args.work)
        if result.status == "ok":
            result.comparison = compare(base_site, args.work / renderer.name / "site", base_broken)
        results.append(result)
        print(summary(result))
    report = args.work / "report.json"
    report.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"report: {report}")
    return 0


def summary(result: Result) -> str:
    """One renderer's result as a few lines of text."""
    if result.comparison is None:
        return f"{result.renderer}: {result.status} after {result.seconds:.1f} s\n" + "\n".join(
            f"    {line}" for line in result.error.splitlines())
    c = result.comparison
    lines = [f"{result.renderer}: {c.pages} pages ({len(c.missing)} missing, {len(c.extra)} extra), "
             f"{c.broken_links} broken links ({len(c.new_broken_links)} not broken under mkdocs), "
             f"{c.differing_pages} pages differ from mkdocs' HTML, {result.seconds:.1f} s"]
    lines += [f"    missing: {p}" for p in c.missing[:5]] + [f"    extra: {p}" for p in c.extra[:5]]
    lines += [f"    broken: {b}" for b in c.new_broken_links[:5]]
    lines += [f"    differs: {p}" for p in c.differing_examples[:5]]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
