"""The pipeline: validate → load → render → mkdocs → atomic publish.

A build writes only into a temporary folder beside its output and swaps it in when
complete, so a failed build leaves the previously published site exactly as it was.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from ashyq import catalog, charts, model, render
from ashyq.paths import ASSETS, BUILD_SITE, DATASETS, MKDOCS_YML
from ashyq.problems import Problem, has_errors
from ashyq.validate import validate_datasets


class BuildError(Exception):
    """The data did not validate; nothing was published."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(p.severity == 'error' for p in problems)} validation error(s)")
        self.problems = problems


@dataclass(frozen=True)
class BuildResult:
    out: Path
    pages: int
    problems: list[Problem]  # warnings only: a build with errors does not happen


def build_site(datasets: Path = DATASETS, out: Path = BUILD_SITE) -> BuildResult:
    """Validate `datasets`, then build the site and publish it at `out` atomically."""
    problems = validate_datasets(datasets)
    if has_errors(problems):
        raise BuildError(problems)
    packages = catalog.load_catalog(datasets)
    data = model.Model(packages, catalog.load_tables(packages))
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        docs, site = work / "docs", work / "site"
        pages = write_docs(data, docs)
        run_mkdocs(docs, site)
        publish(site, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(out, pages, problems)


def write_docs(data: model.Model, docs: Path) -> int:
    """Write every page and data file of the site into `docs`; returns the page count."""
    shutil.copytree(ASSETS, docs / "assets")
    quotas = model.quota_rows(data)
    summary = model.summarize_quotas(quotas)
    pages = {
        "index.md": render.render_home(render.HomeContext(
            quotas=summary,
            packages=[(name, pkg.title) for name, pkg in sorted(data.packages.items())],
        )),
        "quotas/index.md": render.render_quotas(quotas_context(data, quotas, summary)),
    }
    for rel, text in pages.items():
        write_text(docs / rel, text)
    write_text(docs / "quotas/rows.json", rows_json(quotas_table_frame(data, quotas)))
    for pkg in data.packages.values():
        for res in pkg.resources():
            target = docs / "data" / pkg.name / res.path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(res.path, target)  # byte for byte: what people download is the source
    return len(pages)


def quotas_table_frame(data: model.Model, quotas: pd.DataFrame) -> pd.DataFrame:
    """The columns of the quotas table, with category codes shown by their Kazakh titles."""
    df = quotas.copy()
    df["category"] = df["category"].map(lambda c: enum_title(data, "quotas", "quotas", "category", c))
    return df[[c.field for c in QUOTA_TABLE_COLUMNS]]


# Column order and Kazakh titles of the quotas explorer.
QUOTA_TABLE_COLUMNS = [
    render.Column("year", "Жыл", "facet", 70),
    render.Column("category", "Санат", "facet", 110),
    render.Column("region_kk", "Облыс", "facet", 110),
    render.Column("place_kk", "Аудан / қала", "facet", 110),
    render.Column("row_no", "№", "number", 52),
    render.Column("organization_kk", "Ұйымның атауы", "text", 200),
    render.Column("headcount", "Тізімдік саны", "number", 100),
    render.Column("quota_percent", "Квота, %", "number", 76),
    render.Column("jobs", "Жұмыс орны", "number", 92),
]


def quotas_context(data: model.Model, quotas: pd.DataFrame,
                   summary: model.QuotaSummary) -> render.QuotasContext:
    by_place = model.jobs_by_place(quotas)
    titles = {c: enum_title(data, "quotas", "quotas", "category", c) for c in by_place["category"].unique()}
    res = data.packages["quotas"].resource("quotas") if "quotas" in data.packages else None
    downloads = [render.Download("Барлық жолдарды CSV ретінде жүктеу",
                                 f"../data/quotas/{res.path.name}",
                                 "(UTF-8, түпнұсқа файл)")] if res else []
    return render.QuotasContext(
        summary=summary,
        columns=QUOTA_TABLE_COLUMNS,
        rows_href="rows.json",
        chart=charts.bar_jobs_by_place(by_place, "chart-quota-jobs-by-place", titles),
        chart_rows=by_place.assign(category=by_place["category"].map(titles)).to_dict("records"),
        downloads=downloads,
    )


def enum_title(data: model.Model, package: str, resource: str, field: str, value: str) -> str:
    """The Kazakh title of an enum value (schema field property `enumTitles`), else the value."""
    pkg = data.packages.get(package)
    res = pkg.resource(resource) if pkg else None
    for fld in res.fields if res else []:
        if fld.get("name") == field:
            title = (fld.get("enumTitles") or {}).get(value, {})
            return str(title.get("kk", value)) if isinstance(title, dict) else str(title)
    return value


def rows_json(df: pd.DataFrame) -> str:
    """A table as {columns, rows}: compact (no repeated keys) for large tables."""
    values = df.astype(object).where(df.notna(), None).to_numpy().tolist()
    payload = {"columns": list(df.columns), "rows": [[_plain(v) for v in row] for row in values]}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _plain(value: Any) -> Any:
    """numpy/pandas scalars as JSON values; a whole number shows without ".0" (2, not 2.0)."""
    if value is None or isinstance(value, (str, bool)):
        return value
    number = float(value)
    return int(number) if number.is_integer() else number


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def run_mkdocs(docs: Path, site: Path) -> None:
    """Render `docs` into `site` with mkdocs-material (strict: any warning fails the build)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(str(MKDOCS_YML), docs_dir=str(docs), site_dir=str(site))
    mkdocs_build(config)


def publish(site: Path, out: Path) -> None:
    """Swap the finished `site` in at `out`; the old site is removed only after the swap."""
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(site, out)
    shutil.rmtree(old, ignore_errors=True)
