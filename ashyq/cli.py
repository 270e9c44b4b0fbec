"""Thin command line over the package: validate | build | serve | diff | import."""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from ashyq.problems import Problem, has_errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ashyq", description="Ashyq Derek: validate the data and build the site.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="validate every package under datasets/; exit 1 on any error")
    p.add_argument("--datasets", type=Path, default=None, help=DATASETS_HELP)
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")
    p.add_argument("--progress", action="store_true", help=PROGRESS_HELP)
    p.add_argument("--lang", choices=LANGS, default="en", help=LANG_HELP)

    p = sub.add_parser("build", help="validate, then build the site into build/site")
    p.add_argument("--datasets", type=Path, default=None, help=DATASETS_HELP)
    p.add_argument("--out", type=Path, default=Path("build/site"), help=OUT_HELP)
    p.add_argument("--progress", action="store_true", help=PROGRESS_HELP)
    p.add_argument("--lang", choices=LANGS, default="en", help=LANG_HELP)
    p.add_argument("--full", action="store_true", help=FULL_HELP)

    p = sub.add_parser("serve", help="build, then serve the site on http://127.0.0.1:PORT")
    p.add_argument("--datasets", type=Path, default=None, help=DATASETS_HELP)
    p.add_argument("--out", type=Path, default=Path("build/site"), help=OUT_HELP)
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    p.add_argument("--progress", action="store_true", help=PROGRESS_HELP)
    p.add_argument("--lang", choices=LANGS, default="en", help=LANG_HELP)
    p.add_argument("--full", action="store_true", help=FULL_HELP)

    p = sub.add_parser("diff", help="Markdown summary of the data changes from BASE to HEAD, then HEAD's "
                       "validation (for a pull-request comment); exit 1 when HEAD has errors")
    p.add_argument("base", help="the commit to compare from (e.g. origin/main)")
    p.add_argument("head", help="the commit to compare to (e.g. HEAD)")
    p.add_argument("--datasets", type=Path, default=None, help=DATASETS_HELP)
    p.add_argument("--lang", choices=LANGS, default="en",
                   help=LANG_HELP + "; the pull-request comment is Kazakh (make diff)")

    p = sub.add_parser("import", help="read an akimat's quota act (Kazakh or Russian; .txt, .pdf or .html) into "
                       "draft rows and problems; with --write, add them to datasets/ and validate")
    p.add_argument("file", type=Path, help="the act: UTF-8 text, a PDF with a text layer, or a saved HTML page")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="output format (json: the import format of datasets/README.md)")
    p.add_argument("--write", action="store_true",
                   help="copy the source into datasets/quotas/sources/ and append the rows under a new resolution id, "
                   "then validate; on a validation error, undo it all")
    p.add_argument("--datasets", type=Path, default=None, help=DATASETS_HELP)

    args = parser.parse_args(argv)
    datasets = find_datasets(args.datasets)
    if datasets is None:
        return 1
    args.datasets = datasets
    if args.command == "diff":
        return cmd_diff(args.datasets, args.base, args.head, args.lang)
    if args.command == "import":
        from ashyq.importer.command import cmd_import

        return cmd_import(args.file, args.datasets, args.format, args.write)
    if args.command == "validate":
        return cmd_validate(args.datasets, args.format, args.progress, args.lang)
    local = args.port if args.command == "serve" else None
    code = cmd_build(args.datasets, args.out, args.progress, local, args.lang, args.full)
    if args.command == "serve" and code == 0:
        serve(args.out, args.port)
    return code


def cmd_validate(datasets: Path, fmt: str, progress: bool = False, lang: str = "en") -> int:
    from ashyq.validate import display_path, validate_datasets

    problems = validate_datasets(datasets, progress_printer(progress))
    if fmt == "json":
        print(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        print_problems(problems, lang)
        if not has_errors(problems):
            print(f"valid: {display_path(datasets)}" + (f" ({len(problems)} warning(s))" if problems else ""))
    return 1 if has_errors(problems) else 0


def cmd_build(datasets: Path, out: Path, progress: bool = False, local_port: int | None = None,
              lang: str = "en", full: bool = False) -> int:
    """Build the site; with `local_port`, for viewing at http://127.0.0.1:<port>/ (serve).
    The pages whose content did not change since the last build into `out` are taken from
    its cache (ashyq.cache); `full` empties the cache first (everything is made anew)."""
    from ashyq.build import BuildError, BuildFailed, BuildLocked, build_site
    from ashyq.cache import folder_for
    from ashyq.search import SearchIndexError
    from ashyq.settings import SettingsError, read_settings

    settings = read_settings()
    if local_port is not None:
        settings = settings.for_local_viewing(local_port)
    try:
        result = build_site(datasets, out, progress_printer(progress), site=settings,
                            cache_folder=folder_for(out.resolve()), renew_cache=full)
    except BuildError as exc:
        print_problems(exc.problems, lang)
        print(f"build refused: {exc}; the published site was left as it was", file=sys.stderr)
        return 1
    except BuildLocked as exc:
        print(f"build refused: {exc}", file=sys.stderr)
        return 1
    except (BuildFailed, SearchIndexError) as exc:
        print(f"build failed: {exc}; the published site was left as it was", file=sys.stderr)
        return 1
    except SettingsError as exc:
        print(exc.format())
        print("build refused: the site's address is local; the published site was left as it was", file=sys.stderr)
        return 1
    print_warning_summary(result.problems, lang)
    for note in result.map_notes:  # places with data that no map can draw (they are in the maps' tables)
        print(f"map: {note}")
    print(f"built {result.pages} pages into {result.out}")
    return 0


LANGS = ["en", "kk"]
LANG_HELP = "language of the problems' titles and fixes: en (default) or kk (Kazakh)"
PROGRESS_HELP = "show each step on stderr (the default when stderr is a terminal)"
DATASETS_HELP = "data folder (default: datasets/ of the folder the command runs in)"
OUT_HELP = "site folder (default: build/site of the folder the command runs in)"
FULL_HELP = ("make every page anew: empty the cache of the last build first (beside the site: build/.site-cache; "
             "the site is the same either way)")


def find_datasets(given: Path | None) -> Path | None:
    """The data folder: `given`, else datasets/ of the current folder (never the folder of
    the repository ashyq was installed from: with two clones, each checks its own data).
    None, after saying why, when there is none."""
    datasets = given if given is not None else Path.cwd() / "datasets"
    if datasets.is_dir():
        return datasets
    where = "the folder given with --datasets" if given is not None else f"no datasets/ folder in {Path.cwd()}"
    print(f"{datasets}: no-datasets: {where} does not exist\n"
          "  fix: run ashyq in the repository's folder (the one with datasets/), or give --datasets DIR",
          file=sys.stderr)
    return None


def progress_printer(wanted: bool) -> Callable[[str], None] | None:
    """One stderr line per step, with the seconds since the start: on a terminal, or when
    asked with --progress; nothing otherwise (CI logs and pipes stay clean)."""
    if not (wanted or sys.stderr.isatty()):
        return None
    start = time.perf_counter()

    def show(step: str) -> None:
        print(f"[{time.perf_counter() - start:7.1f} s] {step}", file=sys.stderr, flush=True)

    return show


COMMENT_LIMIT = 50_000  # characters of the change summary, leaving room for the validation


def cmd_diff(datasets: Path, base: str, head: str, lang: str = "en") -> int:
    """Print the data changes from `base` to `head` and the validation of `head`'s data,
    as Markdown. `head` is validated from its own commit (exported to a temporary folder),
    not from the working tree."""
    import dataclasses
    import tempfile

    from ashyq import changelog, gitlog
    from ashyq.validate import check_sources_kept, validate_datasets

    base_sha, head_sha = gitlog.resolve(datasets, base), gitlog.resolve(datasets, head)
    files = gitlog.diff_revisions(datasets, base_sha, head_sha) if base_sha and head_sha else None
    if base_sha is None or head_sha is None or files is None:
        print(f"ashyq diff: {base!r} or {head!r} is not a commit of the git repository holding {datasets}",
              file=sys.stderr)
        return 2
    summary = changelog.markdown_summary(files, base_sha, head_sha)
    if len(summary) > COMMENT_LIMIT:  # a GitHub comment holds 65,536 characters
        summary = summary[:COMMENT_LIMIT].rsplit("\n", 1)[0] + (
            "\n\n…қысқартылды: толығын `ashyq diff` жергілікті іске қосып көріңіз. / Truncated: run `ashyq diff` "
            "locally for the whole list.\n")
    print(summary)
    with tempfile.TemporaryDirectory(prefix="ashyq-diff-") as tmp:
        copy = gitlog.export_tree(datasets, head_sha, Path(tmp))
        found = validate_datasets(copy) if copy is not None and copy.is_dir() else []
        # paths as they are in the repository, not in the temporary folder
        prefix = str(copy) if copy is not None else ""
        problems = [dataclasses.replace(p, path="datasets" + p.path[len(prefix):])
                    if prefix and p.path.startswith(prefix) else p for p in found]
        # documents are immutable: an edited source, or one removed while rows cite it, is refused
        if copy is not None and copy.is_dir():
            problems = sorted(problems + check_sources_kept(
                gitlog.source_changes(datasets, base_sha, head_sha) or [], copy, base_sha))
    print(validation_markdown(problems, head_sha, lang=lang))
    return 1 if has_errors(problems) else 0


def validation_markdown(problems: list[Problem], head: str, limit: int = 100, lang: str = "en") -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    lines = [f"## Тексеру / Validation `{head[:10]}`", ""]
    if errors:
        lines.append(f"**{errors} қате / error(s)**, {warnings} ескерту / warning(s). "
                     "Қателер түзетілмейінше сайт жасалмайды. / The site is not built until they are fixed.")
    else:
        lines.append(f"Деректер жарамды / The data is valid ({warnings} ескерту / warning(s)).")
    for severity, folded in (("error", False), ("warning", True)):
        found = [p for p in problems if p.severity == severity]
        if not found:
            continue
        lines.append("")
        if folded:  # the documents' own inconsistencies: flagged on every run, so folded away
            lines += [f"<details><summary>Ескертулер / Warnings ({len(found)})</summary>", ""]
        lines += ["~~~text", *(p.format(lang) for p in found[:limit]), "~~~"]
        if len(found) > limit:
            lines.append(f"…және тағы {len(found) - limit} / and {len(found) - limit} more.")
        if folded:
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


def print_problems(problems: list[Problem], lang: str = "en") -> None:
    for problem in problems:
        print(problem.format(lang))


WARNINGS_LISTED = 20  # a build lists this many warnings; `ashyq validate` lists them all


def print_warning_summary(warnings: list[Problem], lang: str = "en") -> None:
    """A build's warnings (the documents' own inconsistencies, shown on the site): all of
    them when few, else the first ones and a count per code. A national corpus has
    thousands, and the build log is for what went wrong with the build."""
    print_problems(warnings[:WARNINGS_LISTED], lang)
    if len(warnings) > WARNINGS_LISTED:
        counts: dict[str, int] = {}
        for p in warnings:
            counts[p.code] = counts.get(p.code, 0) + 1
        by_code = ", ".join(f"{code} {n}" for code, n in sorted(counts.items(), key=lambda c: (-c[1], c[0])))
        print(f"… and {len(warnings) - WARNINGS_LISTED} more warning(s); in all: {by_code}. "
              "`ashyq validate` lists every one.")


def serve(site: Path, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"serving {site} on http://127.0.0.1:{port}/ (Ctrl+C to stop)")
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    sys.exit(main())
