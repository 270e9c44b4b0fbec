"""The maps' boundaries: which shape draws which place. No I/O (catalog.load_boundaries reads).

The shapes are site_templates/assets/geo/kz-boundaries.json (geokz 2024, simplified once by
scripts/build_geometry.py); the browser fetches that file and draws it, the build only needs
its index: each shape's level (1: regions and cities of republican significance, 2: districts
and cities inside them), KATO code, name and the place_id the script matched it to.
`match` pairs the places that have data with shapes (by place_id, else by KATO code) and says
which places cannot be drawn and which shapes belong to no place, as messages a person can act on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ashyq.i18n import N_

# Where the site serves the shapes, relative to the site root (copied with the assets).
GEOMETRY_URL = "assets/geo/kz-boundaries.json"
GEOMETRY_FILE = "site_templates/assets/geo/kz-boundaries.json"
ATTRIBUTION_KK = N_("Шекаралар: geokz (А. Родионов), CC BY 4.0, ҚР Ұлттық статистика бюросының деректері бойынша")


@dataclass(frozen=True)
class Shape:
    level: int  # 1: a region or city of republican significance; 2: a district or city inside one
    kato: str
    name_kk: str
    place_id: str  # "" when the script matched it to no place
    region_kato: str  # the KATO code of its region (its own for level 1)


@dataclass(frozen=True)
class Boundaries:
    """The shapes' index. `error` says why there are none (a missing or broken file)."""

    shapes: tuple[Shape, ...] = ()
    attribution_kk: str = ATTRIBUTION_KK
    error: str = ""

    def by_place(self) -> dict[str, Shape]:
        return {s.place_id: s for s in self.shapes if s.place_id}

    def by_kato(self) -> dict[str, Shape]:
        return {s.kato: s for s in self.shapes}


def boundaries_from_json(doc: Any, where: str = GEOMETRY_FILE) -> Boundaries:
    """The index of a parsed geometry file; a file of another shape gives no shapes and an
    `error` naming the file, what is wrong and how to fix it."""
    fix = "fix: rerun `python scripts/build_geometry.py` and commit its output"
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        return Boundaries(error=f"{where}: not a geometry file (no \"features\" list)\n  {fix}")
    shapes = []
    for n, f in enumerate(doc["features"]):
        if not isinstance(f, dict) or f.get("level") not in (1, 2) or not f.get("kato"):
            return Boundaries(error=f"{where}: feature {n} has no level 1 or 2 or no kato code\n  {fix}")
        shapes.append(Shape(int(f["level"]), str(f["kato"]), str(f.get("name_kk", "")),
                            str(f.get("place_id") or ""), str(f.get("region_kato") or f["kato"])))
    return Boundaries(tuple(shapes), str(doc.get("attribution_kk") or ATTRIBUTION_KK))


@dataclass(frozen=True)
class Placement:
    """Places with data against the shapes of one map."""

    shapes: dict[str, Shape] = field(default_factory=dict)  # place_id → its shape
    missing: list[str] = field(default_factory=list)  # place_ids with data and no shape, in the given order
    messages: list[str] = field(default_factory=list)  # one line per missing place / stray shape


def match(places: dict[str, dict[str, Any]], with_data: list[str], boundaries: Boundaries,
          level: int | None = None) -> Placement:
    """Pair each place of `with_data` (ids of `places`, the places.csv rows by place_id) with
    its shape of `level` (any level when None): the shape the script matched to it, else the
    shape of its KATO code. A place with no shape, and an id that is no place, is in `missing`
    and gets a message; so does a shape matched to a place_id that places.csv no longer has."""
    by_place, by_kato = boundaries.by_place(), boundaries.by_kato()
    out: dict[str, Shape] = {}
    missing: list[str] = []
    messages: list[str] = []
    if boundaries.error:
        messages.append(boundaries.error)
    for pid in with_data:
        row = places.get(pid)
        if row is None:
            missing.append(pid)
            messages.append(f"{pid}: not a place of datasets/places/data/places.csv, so not on the map\n"
                            "  fix: use a place_id of places.csv in the data")
            continue
        shape = by_place.get(pid) or by_kato.get(str(row.get("kato") or ""))
        if shape is not None and (level is None or shape.level == level):
            out[pid] = shape
            continue
        missing.append(pid)
        if not boundaries.error:
            messages.append(f"{pid} (KATO {row.get('kato') or '—'}, {row.get('name_kk') or ''}): no shape in "
                            f"{GEOMETRY_FILE}; its figures are in the table under the map\n"
                            "  fix: a place made after January 2024 has none in geokz 2024: nothing to do; "
                            "otherwise correct its KATO code, or rerun scripts/build_geometry.py")
    for s in boundaries.shapes:
        if s.place_id and s.place_id not in places:
            messages.append(f"{GEOMETRY_FILE}: shape KATO {s.kato} «{s.name_kk}» is matched to {s.place_id}, "
                            "which places.csv does not have\n  fix: rerun scripts/build_geometry.py")
    return Placement(out, missing, messages)
