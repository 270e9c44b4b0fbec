"""The per-place index of the model: every table grouped by place once, with roll-ups.

A place page joins everything about one place (its quota rows, the figures of everything
inside it, its centre's ratings, programme rows, the resolutions that concern it, its
children). `Atlas` computes those facts once per build, in passes linear in the rows, and a
page only looks up its own groups. Labels, links and page shapes are the view's
(ashyq/views/places.py); this module holds facts only and does no I/O.

`Model.atlas` makes it on first use.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import pandas as pd

from ashyq import formats

if TYPE_CHECKING:
    from ashyq.model import Model, QuotaRule

# A rule-only key: (year, category) of terms that bind a place where no list row of that year
# and category is in the place or inside it. The year is None for a term that names none.
RuleKey = tuple[int | None, str]

PLACE_COLUMNS = ["place_id", "kind", "parent_id", "kato", "name_kk", "name_ru", "name_en",
                 "aliases", "valid_from", "valid_to", "former_parent_id", "parent_changed_on"]


def plain_rows(data: Model, package: str, resource: str, columns: list[str]) -> pd.DataFrame:
    """A table with at least `columns` (missing ones empty) and each row's CSV line,
    values as plain objects (None, not NaN, for an empty cell)."""
    from ashyq.model import LINE

    df = data.lined(package, resource)
    if df is None:
        df = pd.DataFrame(columns=[*columns, LINE])
    df = df.copy()
    for col in columns:
        if col not in df.columns:
            df[col] = None
    return df.astype(object).where(df.notna(), None)


def records_by(df: pd.DataFrame, key: str) -> dict[str, list[dict[str, Any]]]:
    """Rows as plain dicts by `key`, in the frame's order: one conversion for the whole
    table, so a page looks its rows up without touching pandas (linear build)."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in df.to_dict("records"):
        if row.get(key):
            out[str(row[key])].append(row)
    return dict(out)


def groups(df: pd.DataFrame, key: str) -> dict[str, pd.DataFrame]:
    """Rows by `key`, one pass (sorted keys; rows keep their order)."""
    if df.empty:
        return {}
    return {str(k): g for k, g in df.groupby(df[key].fillna(""), sort=True) if k}


class Atlas:
    """Every table grouped by place, computed once per build."""

    def __init__(self, data: Model) -> None:
        self.data = data
        places = plain_rows(data, "places", "places", PLACE_COLUMNS)
        self.places: dict[str, dict[str, Any]] = {str(r["place_id"]): r for r in places.to_dict("records")}
        self.order = list(self.places)  # places.csv order: КАТО code order
        self.position = {pid: i for i, pid in enumerate(self.order)}
        self.children: dict[str, list[str]] = defaultdict(list)
        self.former_children: dict[str, list[str]] = defaultdict(list)
        for pid, r in self.places.items():
            if r["parent_id"]:
                self.children[str(r["parent_id"])].append(pid)
            if r["former_parent_id"]:
                self.former_children[str(r["former_parent_id"])].append(pid)
        self.chains = {pid: data.chain(pid) for pid in self.places}
        resolutions = plain_rows(data, "resolutions", "resolutions",
                                 ["resolution_id", "issuer_kk", "place_id", "adopted_on", "number",
                                  "title_kk", "source_path"])
        self.resolutions = {str(r["resolution_id"]): r for r in resolutions.to_dict("records")}
        self._init_quotas()
        self._init_rules()
        self._init_ratings()
        self._init_programs()
        # Resolutions that concern a place: it issued them, or they set quotas there.
        concern: dict[str, set[str]] = defaultdict(set)
        for rid, r in self.resolutions.items():
            if r["place_id"]:
                concern[str(r["place_id"])].add(rid)
        # the resolutions of a place's own quota rows (for the acts its page names)
        self.quota_resolutions: dict[str, set[str]] = defaultdict(set)
        for pid, rid in self._quota_resolutions:
            concern[pid].add(rid)
            self.quota_resolutions[pid].add(rid)
        # an act that sets a term for a place concerns it, list or no list
        for pid, rules in self.rules_at.items():
            concern[pid].update(r.resolution_id for r in rules)
        self.concern = concern

    # ------------------------------------------------------------ quotas

    def quota_years(self, pid: str) -> dict[int, int]:
        """Years of the place's own quota rows → the number of rows."""
        positions = self._quota_positions.get(pid)
        if positions is None:
            return {}
        return {int(y): int(n) for y, n in self._quota_frame["year"].iloc[positions].value_counts().items()}

    def quotas_of(self, pid: str, years: set[int]) -> list[dict[str, Any]]:
        """The place's own quota rows of `years` as plain dicts, by year, category,
        resolution and row."""
        positions = self._quota_positions.get(pid)
        if positions is None:
            return []
        part = self._quota_frame.iloc[positions]
        return part[part["year"].isin(years)].to_dict("records")

    def _init_quotas(self) -> None:
        from ashyq.model import quota_rows

        quotas = quota_rows(self.data)  # in the CSV's order
        quotas = quotas.astype(object).where(quotas.notna(), None)
        quotas["source_path"] = quotas["resolution_id"].map(
            lambda rid: formats.text(self.resolutions.get(str(rid), {}).get("source_path")))
        # Rows stay in one frame, their positions grouped by place: a page converts only the
        # rows it lists into plain dicts.
        self._quota_frame = quotas.sort_values(["place_id", "year", "category", "resolution_id", "row_no"],
                                               kind="stable").reset_index(drop=True)
        self._quota_positions = {str(k): v for k, v in self._quota_frame.groupby("place_id").indices.items()}
        self._quota_resolutions = [
            (str(pid), str(rid)) for pid, rid in
            quotas[["place_id", "resolution_id"]].drop_duplicates().itertuples(index=False, name=None)]
        # Figures per place, year and category, rolled up to every place above it through
        # the child on the path: a region's row says which district the jobs are in.
        figures = (quotas.groupby(["place_id", "year", "category"], as_index=False)
                   .agg(organizations=("organization_kk", "count"), jobs=("jobs", "sum")))
        pairs = [(pid, chain[i], chain[i - 1])
                 for pid, chain in self.chains.items() for i in range(1, len(chain))]
        paths = pd.DataFrame(pairs, columns=["place_id", "ancestor_id", "child_id"])
        rolled = (figures.merge(paths, on="place_id")
                  .groupby(["ancestor_id", "child_id", "year", "category"], as_index=False)
                  .agg(organizations=("organizations", "sum"), jobs=("jobs", "sum")))
        self.child_figures = records_by(rolled, "ancestor_id")
        # a place's figures: its own rows and everything inside it, per year and category
        inside = pd.concat([figures.rename(columns={"place_id": "key"}),
                            rolled.drop(columns="child_id").rename(columns={"ancestor_id": "key"})])
        totals = (inside.groupby(["key", "year", "category"], as_index=False)
                  .agg(organizations=("organizations", "sum"), jobs=("jobs", "sum")))
        order = {c: i for i, c in enumerate(self.data.labels("quotas", "quotas", "category"))}  # enum order
        self.figures: dict[str, list[dict[str, Any]]] = {}
        for key, rows in records_by(totals, "key").items():
            rows.sort(key=lambda r: (int(r["year"]), order.get(str(r["category"]), 99)))
            self.figures[key] = rows
        self.descendant_resolutions = {
            k: {str(q["resolution_id"]) for q in rows}
            for k, rows in records_by(quotas[["place_id", "resolution_id"]].drop_duplicates()
                                      .merge(paths, on="place_id"), "ancestor_id").items()}

    # ------------------------------------------------------------ quotas set by rule

    def _init_rules(self) -> None:
        """Terms of the acts (quota_rules) by the place they name and by act, and the places
        where a term binds and no list does ("rule-only"), each once per build."""
        rules = self.data.quota_rules
        self.rules_at: dict[str, list[QuotaRule]] = defaultdict(list)
        self.rules_by_resolution: dict[str, list[QuotaRule]] = defaultdict(list)
        for rule in rules:
            self.rules_at[rule.place_id].append(rule)
            self.rules_by_resolution[rule.resolution_id].append(rule)
        for terms in self.rules_by_resolution.values():
            terms.sort(key=lambda r: r.rule_no)
        # an act that sets terms for a place concerns every place above it too (its page lists it)
        for pid, terms in self.rules_at.items():
            for ancestor in self.chains.get(pid, [pid])[1:]:
                self.descendant_resolutions.setdefault(ancestor, set()).update(r.resolution_id for r in terms)
        self._category_order = {c: i for i, c in enumerate(self.data.labels("quotas", "quota_rules", "category"))}
        # (year, category) of the list rows in a place or inside it (its figures)
        listed = {pid: {(int(f["year"]), str(f["category"])) for f in rows} for pid, rows in self.figures.items()}
        self.rule_only: dict[str, list[RuleKey]] = {}
        self.rule_only_inside: dict[str, list[str]] = defaultdict(list)
        if not rules:
            return
        for pid in self.order:
            binding = self.rules_for(pid)
            if not binding:
                continue
            have = listed.get(pid, set())
            listed_categories = {c for _, c in have}
            keys = {(r.year, r.category) for r in binding}
            only = [k for k in keys if (k not in have if k[0] is not None else k[1] not in listed_categories)]
            if only:
                self.rule_only[pid] = sorted(only, key=self._key_order)
                for ancestor in self.chains[pid][1:]:
                    self.rule_only_inside[ancestor].append(pid)

    def _key_order(self, key: RuleKey) -> tuple[int, int]:
        """Newest year first (a term without a year last), then the schema's category order."""
        year, category = key
        return (-(year if year is not None else -10_000), self._category_order.get(category, 99))

    def rules_for(self, pid: str) -> list[QuotaRule]:
        """The terms that bind a place: of acts about it and about every place above it
        (Model.rules_of), the place's own first."""
        chain = self.chains.get(pid, [pid])
        out = []
        for depth, place in enumerate(chain):
            for rule in self.rules_at.get(place, []):
                out.append((depth, rule))
        out.sort(key=lambda dr: (dr[0], *self._key_order((dr[1].year, dr[1].category)),
                                 dr[1].resolution_id, dr[1].rule_no))
        return [rule for _, rule in out]

    def rule_only_rules(self, pid: str) -> list[tuple[RuleKey, list[QuotaRule]]]:
        """For each rule-only key of a place (year and category with terms that bind it and no
        list row in it or inside it), the terms that set its quota, nearest act first."""
        keys = self.rule_only.get(pid, [])
        if not keys:
            return []
        binding = self.rules_for(pid)
        return [(key, [r for r in binding if (r.year, r.category) == key]) for key in keys]

    # ------------------------------------------------------------ ratings

    def _init_ratings(self) -> None:
        reports = plain_rows(self.data, "ratings", "rating_reports", ["rating_id", "year", "title_kk", "source_path"])
        self.reports = {str(r["rating_id"]): r for r in reports.to_dict("records")}
        ratings = plain_rows(self.data, "ratings", "ratings",
                             ["rating_id", "kind", "rank", "name_as_printed", "region_as_printed",
                              "place_id", "index", "source_lines"])
        if not ratings.empty:
            ratings["region_key"] = [self._region_key(p, rid, printed) for p, rid, printed in
                                     zip(ratings["place_id"], ratings["rating_id"], ratings["region_as_printed"])]
            ratings["rank_num"] = pd.to_numeric(ratings["rank"])
            by_kind = ratings.groupby(["rating_id", "kind"])["rank_num"]
            ratings["kind_count"] = by_kind.transform("size")
            by_region = ratings.groupby(["rating_id", "kind", "region_key"])["rank_num"]
            ratings["region_rank"] = by_region.rank(method="min")
            ratings["region_count"] = by_region.transform("size")
            ratings = ratings.sort_values(["rating_id", "kind", "rank_num"], kind="stable")
        self.ratings = records_by(ratings, "place_id")
        self.ratings_by_region = records_by(ratings, "region_key")

    def _region_key(self, place_id: Any, rating_id: Any, printed: Any) -> str:
        """A rated centre's region in the rating's year (as on the rating page); a centre
        with no place: its region as printed ("Жамбылская", "Жамбыл") → one region id."""
        year = formats.text(self.reports.get(str(rating_id), {}).get("year"))
        region = self.data.region_on(formats.text(place_id), f"{year}-12-31")
        if region:
            return region
        scope = self.data.gazetteer.region_scope(formats.text(printed)) if printed else set()
        return next(iter(scope)) if len(scope) == 1 else formats.text(printed)

    # ------------------------------------------------------------ programmes

    def _init_programs(self) -> None:
        programs = plain_rows(self.data, "programs", "programs",
                              ["program_id", "title_kk", "source_path", "period_start", "period_end"])
        self.programs = {str(r["program_id"]): r for r in programs.to_dict("records")}
        jobs = plain_rows(self.data, "programs", "program_jobs",
                          ["program_id", "place_id", "place_name_as_printed", "row_kind", "year",
                           "job_type", "jobs", "source_lines"])
        targets = plain_rows(self.data, "programs", "program_targets",
                             ["program_id", "place_id", "parent_place_id", "place_name_as_printed",
                              "row_kind", "year", "indicator", "value", "source_lines"])
        self.program_jobs = groups(jobs, "place_id")
        self.program_targets = groups(targets, "place_id")
        # "of which" town rows also belong on the page of the district they are part of
        self.program_targets_of_which = groups(targets[targets["row_kind"] == "of_which"], "parent_place_id")

    def has_data(self, pid: str) -> bool:
        return (pid in self._quota_positions or pid in self.ratings or pid in self.program_jobs
                or pid in self.program_targets or pid in self.concern
                or pid in self.child_figures or pid in self.rule_only or pid in self.rule_only_inside)
