"""Typed views of the loaded data: joins and summaries the pages are made from. No I/O.

Everything here takes DataFrames and returns DataFrames or dataclasses, so pages and
charts never reach into raw tables, and the joins are written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from ashyq.catalog import PackageInfo
from ashyq.changelog import Change, Commit, FileChange, HistoryIndex, RowChange, index_history
from ashyq.problems import Problem

TableKey = tuple[str, str]  # (package, resource)


@dataclass
class Model:
    """The loaded data: every package's descriptor and every resource's rows."""

    packages: dict[str, PackageInfo]
    tables: dict[TableKey, pd.DataFrame] = field(default_factory=dict)
    # Warnings of validation (quality flags of the documents), shown beside their rows.
    problems: list[Problem] = field(default_factory=list)
    # The commit the data was built from; None when built from a copy without git history.
    commit: Commit | None = None
    # The site's public address (mkdocs.yml site_url, ending in "/"): machine-readable
    # metadata (JSON-LD, DCAT) needs absolute URLs. "" when unknown.
    site_url: str = ""
    # Every commit that touched datasets/, oldest first, with its row-level changes
    # (gitlog + changelog); None when built from a copy without git history.
    history: list[Change] | None = None
    # The data repository's web address (mkdocs.yml extra.repository), for "suggest a
    # correction" links; "" when unknown.
    repository: str = ""

    def table(self, package: str, resource: str) -> pd.DataFrame | None:
        return self.tables.get((package, resource))

    @cached_property
    def _history_index(self) -> HistoryIndex:
        return index_history(self.history or [])

    def history_for_package(self, name: str) -> list[tuple[Change, FileChange | None]]:
        """Commits that touched package `name`, newest first, each with one of its changed
        CSV files (None for a commit that touched only its README, sources or descriptor)."""
        return self._history_index.by_package.get(name, [])

    def history_for_place(self, place_id: str) -> list[tuple[Change, FileChange, RowChange]]:
        """Row changes of any package about place `place_id` (its place_id or
        parent_place_id, before or after the change), newest first."""
        return self._history_index.by_place.get(place_id, [])

    def last_updated(self, package: str) -> Commit | None:
        """The last commit that touched package `package`; None without history."""
        entries = self.history_for_package(package)
        return entries[0][0].commit if entries else None

    def enum_titles(self, package: str, resource: str, field: str, lang: str = "kk") -> dict[str, str]:
        """Titles of an enum field's values (schema property `enumTitles`); {} when none."""
        pkg = self.packages.get(package)
        res = pkg.resource(resource) if pkg else None
        for fld in res.fields if res else []:
            if fld.get("name") == field:
                titles = fld.get("enumTitles") or {}
                return {str(k): str(v.get(lang, k)) if isinstance(v, dict) else str(v)
                        for k, v in titles.items()}
        return {}


@dataclass(frozen=True)
class QuotaSummary:
    """Headline figures of the quota rows."""

    rows: int
    organizations: int
    places: int
    jobs: int
    years: list[int]


QUOTA_COLUMNS = [
    "resolution_id", "year", "category", "region_id", "region_kk", "place_id", "place_kk", "row_no",
    "organization_kk", "headcount", "quota_percent", "jobs", "source_lines",
]


# КАТО's Kazakh names abbreviate the kind of a city: "Орал Қ.Ә." (қала әкімдігі, the city
# akimat), "Ақтау Г.А." (the Russian abbreviation left in the Kazakh text), "Астана қ.",
# "Жаңатас қ." (қаласы), and "Ғабит Мүсірепов атын.ауданы" (атындағы).
_CITY_ABBREVIATION = re.compile(r"\s*(?:Қ\.\s*Ә\.|Г\.\s*А\.|қ\.)$")
_NAMED_AFTER = re.compile(r"\s*атын\.\s*ауданы$")


def reader_name(name_kk: str) -> str:
    """The name a reader expects, from the official (КАТО) Kazakh name of a place.

    The rule: a city's abbreviated kind ("Қ.Ә.", "Г.А.", "қ.") becomes "қаласы"
    ("Орал Қ.Ә." → "Орал қаласы", "Астана қ." → "Астана қаласы"); "атын.ауданы" becomes
    "атындағы аудан"; every other name is kept as it is ("Бәйтерек ауданы",
    "Батыс Қазақстан облысы"). Pages show the official name beside it.
    """
    name = _CITY_ABBREVIATION.sub(" қаласы", name_kk.strip())
    return _NAMED_AFTER.sub(" атындағы аудан", name)


def place_names(model: Model) -> pd.DataFrame:
    """place_id → reader name (`reader_name`) and its region's reader name (the place
    itself when it is a region)."""
    places = model.table("places", "places")
    if places is None or places.empty:
        return pd.DataFrame(columns=["place_id", "place_kk", "region_id", "region_kk"])
    by_id = places.set_index("place_id")
    parent = by_id["parent_id"].where(by_id["parent_id"].notna(), by_id.index.to_series())
    # walk up to the top of the hierarchy (districts of cities have two levels above them)
    for _ in range(3):
        grand = parent.map(by_id["parent_id"])
        parent = grand.where(grand.notna(), parent)
    names = by_id["name_kk"].fillna("").astype(str).map(reader_name)
    return pd.DataFrame({
        "place_id": by_id.index,
        "place_kk": names.to_numpy(),
        "region_id": parent.to_numpy(),
        "region_kk": parent.map(names).to_numpy(),
    })


def quota_rows(model: Model) -> pd.DataFrame:
    """Every quota row with its place and region names, in the order of QUOTA_COLUMNS."""
    quotas = model.table("quotas", "quotas")
    if quotas is None:
        return pd.DataFrame(columns=QUOTA_COLUMNS)
    df = quotas.merge(place_names(model), on="place_id", how="left")
    df["place_kk"] = df["place_kk"].fillna(df["place_id"])
    df["region_kk"] = df["region_kk"].fillna("")
    return df[QUOTA_COLUMNS]


def jobs_by_region(df: pd.DataFrame) -> pd.DataFrame:
    """jobs_by_place one level up: the same columns, with each region as the "place"."""
    regions = df.assign(place_id=df["region_id"], place_kk=df["region_kk"])
    return jobs_by_place(regions)


def summarize_quotas(df: pd.DataFrame) -> QuotaSummary:
    return QuotaSummary(
        rows=len(df),
        organizations=int(df["organization_kk"].nunique()),
        places=int(df["place_id"].nunique()),
        jobs=int(df["jobs"].sum()),
        years=sorted(int(y) for y in df["year"].dropna().unique()),
    )


def jobs_by_place(df: pd.DataFrame, within: tuple[str, ...] = ()) -> pd.DataFrame:
    """Quota jobs per place, year and category; places with the most jobs first.

    Years and categories stay apart: adding up quotas of different years or groups of
    people would give a number no document states. `within` names columns that split the
    rows first ("resolution_id": each resolution's figures, in one pass for all of them).
    """
    keys = [*within, "place_id", "place_kk", "year", "category"]
    out = (df.groupby(keys, as_index=False)
             .agg(jobs=("jobs", "sum"), organizations=("organization_kk", "count")))
    total = out.groupby([*within, "place_id"])["jobs"].transform("sum")
    out = out.assign(_total=total).sort_values(
        [*within, "_total", "place_kk", "year", "category"],
        ascending=[*(True for _ in within), False, True, True, True])
    return out.drop(columns="_total").reset_index(drop=True)
