"""Simplify geokz's boundaries once into the small geometry file the site's maps fetch.

    python scripts/build_geometry.py [--geo DIR] [--places CSV] [--out JSON] [--tolerance DEG]

Reads the regions (adm1) and districts (adm2) shapefiles of ../shared/reference/geo/
(geokz 1.0.2, CC BY 4.0, boundaries as of January 2024), simplifies each level as one
coverage (shapely.coverage_simplify: neighbours keep one shared edge, no gaps or slivers),
rounds the coordinates to 0.001° (about 100 m) and writes
site_templates/assets/geo/kz-boundaries.json: one feature per shape with its KATO code,
names, level and the `place_id` of datasets/places it was matched to (by KATO code, else by
its Kazakh or Russian name within the same region). The file is committed: the build never
reads a shapefile.

Prints every shape it could not match to a place and every district or city of
datasets/places with no shape (the districts made after January 2024), and exits 1 only
when an input is missing or unreadable.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT.parent / "shared" / "reference" / "geo"
PLACES = ROOT / "datasets" / "places" / "data" / "places.csv"
OUT = ROOT / "site_templates" / "assets" / "geo" / "kz-boundaries.json"
ATTRIBUTION = ("Boundaries: geokz (A. Rodionov), CC BY 4.0, after the Bureau of National Statistics "
               "of Kazakhstan")
ATTRIBUTION_KK = "Шекаралар: geokz (А. Родионов), CC BY 4.0, ҚР Ұлттық статистика бюросының деректері бойынша"
# degrees: 0.01° is about 1 km, invisible on a map of a region at phone or laptop width
TOLERANCE = {1: 0.02, 2: 0.01}
DIGITS = 3

# The words a name carries for its kind, left out when names are compared.
KIND_WORDS = re.compile(r"\b(ауданы|облысы|қаласы|район|область|город|г\.а\.|қ\.ә\.|г\.|қ\.)", re.I)


def fold(name: str) -> str:
    """A name for comparison: lower case, kind words and punctuation out."""
    text = KIND_WORDS.sub(" ", name.lower().replace("ё", "е"))
    return re.sub(r"[^0-9a-zа-яәіңғүұқөһ]+", "", text)


def read_places(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def match_place(rec: dict[str, str], level: int, places: list[dict[str, str]],
                by_kato: dict[str, dict[str, str]]) -> tuple[str, str]:
    """(place_id, how) of a shape: by KATO code, else by name in the same region; ("", why) when none."""
    kato = rec["KATO"].strip()
    kinds = {"region", "city"} if level == 1 else {"district", "city"}
    place = by_kato.get(kato)
    if place and place["kind"] in kinds and not place["valid_to"]:
        return place["place_id"], "kato"
    names = {fold(rec.get(f"ADM{level}_KK", "")), fold(rec.get(f"ADM{level}_RU", ""))} - {""}
    region = kato[:2]
    found = [p for p in places if p["kind"] in kinds and p["kato"][:2] == region and not p["valid_to"]
             and names & {fold(p["name_kk"]), fold(p["name_ru"])}]
    if len(found) == 1:
        return found[0]["place_id"], "name"
    return "", f"{len(found)} places of that name in the region" if found else "no place of that code or name"


def rings_of(geom: Any) -> list[list[float]]:
    """Each outer ring and hole as [x0, y0, x1, y1, …], rounded (last point = first, dropped)."""
    polys = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    out = []
    for poly in polys:
        if poly.is_empty:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            coords = list(ring.coords)[:-1]
            flat: list[float] = []
            last = None
            for x, y in coords:
                pt = (round(x, DIGITS), round(y, DIGITS))
                if pt != last:
                    flat += pt
                    last = pt
            if len(flat) >= 6:
                out.append(flat)
    return out


def build(geo: Path, places_csv: Path) -> tuple[dict[str, Any], list[str]]:
    import shapefile  # pyshp
    import shapely
    from shapely.geometry import shape

    places = read_places(places_csv)
    by_kato = {p["kato"]: p for p in places if p["kato"]}
    features: list[dict[str, Any]] = []
    notes: list[str] = []
    matched: set[str] = set()
    for level in (1, 2):
        reader = shapefile.Reader(str(geo / f"kaz_admbnda_adm{level}_2024"), encoding="utf-8")
        records = [r.as_dict() for r in reader.records()]
        geoms = [shape(s.__geo_interface__) for s in reader.shapes()]
        geoms = [g if g.is_valid else shapely.make_valid(g) for g in geoms]
        simple = shapely.coverage_simplify(geoms, TOLERANCE[level])
        for rec, geom in zip(records, simple):
            place_id, how = match_place(rec, level, places, by_kato)
            if place_id:
                matched.add(place_id)
            else:
                notes.append(f"{geo.name}/kaz_admbnda_adm{level}_2024.shp: shape KATO {rec['KATO']} "
                             f"«{rec[f'ADM{level}_KK']}»: {how}; it is kept, with no place_id")
            features.append({
                "level": level, "kato": rec["KATO"], "region_kato": rec["ADM1_PCODE"][2:4].ljust(9, "0")
                if level == 2 else rec["KATO"],
                "name_kk": rec[f"ADM{level}_KK"], "name_ru": rec[f"ADM{level}_RU"],
                "place_id": place_id, "matched_by": how if place_id else "",
                "rings": rings_of(geom),
            })
    for p in places:
        if p["place_id"] not in matched and p["kind"] in {"region", "city", "district"} and not p["valid_to"]:
            notes.append(f"{places_csv.name}: place {p['place_id']} (KATO {p['kato']}, {p['name_kk']}) has no "
                         "shape in geokz 2024: its map shows it in the list under the map")
    features.sort(key=lambda f: (f["level"], f["kato"]))
    doc = {
        "about": "Boundaries of Kazakhstan's regions (level 1) and districts (level 2) as of January 2024, "
                 f"simplified (coverage_simplify, {TOLERANCE[1]}° and {TOLERANCE[2]}°) and rounded to "
                 f"{DIGITS} decimals by scripts/build_geometry.py; rings are [lon0, lat0, lon1, lat1, …].",
        "attribution": ATTRIBUTION,
        "attribution_kk": ATTRIBUTION_KK,
        "license": "CC-BY-4.0",
        "source": "geokz 1.0.2 (github.com/arodionoff/geokz, commit 41c1a00), inst/shape/kaz_admbnda_adm{1,2}_2024",
        "features": features,
    }
    return doc, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geo", type=Path, default=GEO, help="folder of the geokz shapefiles")
    ap.add_argument("--places", type=Path, default=PLACES, help="datasets/places/data/places.csv")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    for need in (args.geo / "kaz_admbnda_adm1_2024.shp", args.geo / "kaz_admbnda_adm2_2024.shp", args.places):
        if not need.is_file():
            print(f"{need}: not found\n  fix: pass --geo (the folder of geokz's shapefiles) or --places",
                  file=sys.stderr)
            return 1
    doc, notes = build(args.geo, args.places)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    for note in notes:
        print(note, file=sys.stderr)
    import gzip
    print(f"{args.out}: {len(doc['features'])} shapes, {len(text.encode()) / 1024:.0f} KB, "
          f"{len(gzip.compress(text.encode())) / 1024:.0f} KB gzip")
    return 0


if __name__ == "__main__":
    sys.exit(main())
