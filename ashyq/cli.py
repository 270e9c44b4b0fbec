"""Thin command line over the package: validate | build | serve."""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import sys
from pathlib import Path

from ashyq.paths import BUILD_SITE, DATASETS
from ashyq.problems import Problem, has_errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ashyq", description="Ashyq Derek: validate the data and build the site.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="validate every package under datasets/; exit 1 on any error")
    p.add_argument("--datasets", type=Path, default=DATASETS, help="data folder (default: datasets/)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format")

    p = sub.add_parser("build", help="validate, then build the site into build/site")
    p.add_argument("--datasets", type=Path, default=DATASETS, help="data folder (default: datasets/)")
    p.add_argument("--out", type=Path, default=BUILD_SITE, help="site folder (default: build/site)")

    p = sub.add_parser("serve", help="build, then serve the site on http://127.0.0.1:PORT")
    p.add_argument("--datasets", type=Path, default=DATASETS, help="data folder (default: datasets/)")
    p.add_argument("--out", type=Path, default=BUILD_SITE, help="site folder (default: build/site)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")

    args = parser.parse_args(argv)
    if args.command == "validate":
        return cmd_validate(args.datasets, args.format)
    code = cmd_build(args.datasets, args.out)
    if args.command == "serve" and code == 0:
        serve(args.out, args.port)
    return code


def cmd_validate(datasets: Path, fmt: str) -> int:
    from ashyq.validate import display_path, validate_datasets

    problems = validate_datasets(datasets)
    if fmt == "json":
        print(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        print_problems(problems)
        if not has_errors(problems):
            print(f"valid: {display_path(datasets)}" + (f" ({len(problems)} warning(s))" if problems else ""))
    return 1 if has_errors(problems) else 0


def cmd_build(datasets: Path, out: Path) -> int:
    from ashyq.build import BuildError, build_site

    try:
        result = build_site(datasets, out)
    except BuildError as exc:
        print_problems(exc.problems)
        print(f"build refused: {exc}; the published site was left as it was", file=sys.stderr)
        return 1
    print_problems(result.problems)
    print(f"built {result.pages} pages into {result.out}")
    return 0


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.format())


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
