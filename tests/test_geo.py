"""The maps' boundaries (ashyq/geo.py, scripts/build_geometry.py's output) and the map views'
figures (ashyq/views/maps.py): which shape draws which place, and what cannot be drawn."""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from ashyq import catalog, geo
from ashyq.build import load_model
from ashyq.paths import ASSETS, DATASETS
from ashyq.views import maps

GEOMETRY = ASSETS / "geo" / "kz-boundaries.json"
PLACES = {
    "west-kazakhstan-region": {"place_id": "west-kazakhstan-region", "kato": "270000000", "name_kk": "Батыс"},
    "oral": {"place_id": "oral", "kato": "271000000", "name_kk": "Орал Қ.Ә."},
    "terekti": {"place_id": "terekti", "kato": "276000000", "name_kk": "Теректі ауданы"},
    "sauran": {"place_id": "sauran", "kato": "615500000", "name_kk": "Сауран ауданы"},
}
SHAPES = geo.Boundaries((
    geo.Shape(1, "270000000", "Батыс Қазақстан", "west-kazakhstan-region", "270000000"),
    geo.Shape(2, "271000000", "Орал", "oral", "270000000"),
    geo.Shape(2, "276000000", "Теректі", "", "270000000"),  # matched by its KATO code only
    geo.Shape(2, "999000000", "Ескі", "gone", "270000000"),  # a place places.csv has no more
))


def test_match_pairs_by_place_id_then_kato_and_says_what_is_not_drawn():
    got = geo.match(PLACES, ["oral", "terekti", "sauran", "nowhere"], SHAPES, level=2)
    assert {pid: s.kato for pid, s in got.shapes.items()} == {"oral": "271000000", "terekti": "276000000"}
    assert got.missing == ["sauran", "nowhere"]
    assert len(got.messages) == 3
    sauran, nowhere, stray = got.messages
    assert sauran.startswith("sauran (KATO 615500000, Сауран ауданы): no shape in site_templates/assets/geo/")
    assert "\n  fix: a place made after January 2024" in sauran
    assert nowhere.startswith("nowhere: not a place of datasets/places/data/places.csv")
    assert "fix: use a place_id of places.csv" in nowhere
    assert stray.startswith("site_templates/assets/geo/kz-boundaries.json: shape KATO 999000000 «Ескі» is matched "
                            "to gone, which places.csv does not have")


def test_a_shape_of_another_level_does_not_draw_a_place():
    got = geo.match(PLACES, ["west-kazakhstan-region", "oral"], SHAPES, level=1)
    assert list(got.shapes) == ["west-kazakhstan-region"]
    assert got.missing == ["oral"]


@pytest.mark.parametrize("doc, says", [
    ([], 'not a geometry file (no "features" list)'),
    ({"features": [{"level": 3, "kato": "1"}]}, "feature 0 has no level 1 or 2 or no kato code"),
])
def test_a_broken_geometry_file_gives_no_shapes_and_a_fix(doc, says):
    got = geo.boundaries_from_json(doc, "x.json")
    assert got.shapes == ()
    assert got.error == f"x.json: {says}\n  fix: rerun `python scripts/build_geometry.py` and commit its output"
    # every place of a map is then "not on the map", and the map says why once
    placed = geo.match(PLACES, ["oral"], got)
    assert placed.missing == ["oral"] and placed.messages == [got.error]


def test_a_missing_or_unreadable_geometry_file_is_a_message_not_a_traceback(tmp_path):
    missing = catalog.load_boundaries(tmp_path / "none.json")
    assert missing.shapes == () and missing.error.endswith("none.json: not found\n  fix: run "
                                                           "`python scripts/build_geometry.py`")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert "bad.json: cannot be read (" in catalog.load_boundaries(bad).error


def test_the_committed_geometry_matches_the_places_and_stays_small():
    text = GEOMETRY.read_bytes()
    assert len(gzip.compress(text)) <= 300 * 1024  # issue 17: ≤ 300 KB gzip of geometry per map page
    doc = json.loads(text)
    places = pd.read_csv(DATASETS / "places" / "data" / "places.csv", dtype=str, keep_default_na=False)
    ids = set(places["place_id"])
    shapes = doc["features"]
    assert {f["level"] for f in shapes} == {1, 2} and len(shapes) == 244
    assert [f["kato"] for f in shapes if f["place_id"] not in ids] == []  # every shape is a place
    assert all(len(ring) >= 6 and len(ring) % 2 == 0 for f in shapes for ring in f["rings"])
    drawn = {f["place_id"] for f in shapes}
    current = places[(places["valid_to"] == "") & places["kind"].isin(["region", "city", "district"])]
    # the places made after January 2024 (geokz's README, ABOUT.txt beside the file)
    assert sorted(set(current["place_id"]) - drawn) == ["markakol", "saraishyk", "sauran", "ulken-naryn"]
    assert "geokz" in doc["attribution_kk"] and doc["license"] == "CC-BY-4.0"


def test_colour_classes_and_their_legend_say_the_values_they_hold():
    assert maps.classes([3, 1, 2]) == [1, 2, 3]
    values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 31]
    bounds = maps.classes(values)
    assert bounds == [2, 4, 6, 8, 31]
    assert [lg.label for lg in maps.legend_of(bounds, values, percent=False)] == ["1 – 2", "3 – 4", "5 – 6",
                                                                                  "7 – 8", "9 – 31"]
    assert [lg.colour for lg in maps.legend_of(bounds, values, percent=False)] == maps.PALETTE
    assert [lg.label for lg in maps.legend_of([1.5, 2], [1.5, 2], percent=True)] == ["1,5\u00a0%", "2\u00a0%"]


@pytest.fixture(scope="module")
def real_model():
    return load_model(DATASETS, [])


def test_the_region_map_holds_each_district_s_figures(real_model):
    ctx, out = maps.place_map(real_model, "places/west-kazakhstan-region/index.md", "west-kazakhstan-region", "m")
    assert ctx is not None and out is not None and out.path == "maps/west-kazakhstan-region.json"
    doc = json.loads(out.text)
    view = doc["views"]["2|2026|disability"]
    # every district with 2026 disability figures, with the atlas' jobs and organisations
    atlas = real_model.atlas
    expected = {pid: (f["jobs"], f["organizations"]) for pid in atlas.children["west-kazakhstan-region"]
                for f in atlas.figures.get(pid, []) if f["year"] == 2026 and f["category"] == "disability"}
    assert {r[0]: (r[1], r[2]) for r in view["rows"]} == expected
    assert len(expected) == 13 and all(r[5] for r in view["rows"])  # all drawn
    assert ctx.view == "2026|disability" and ctx.level == 2 and ctx.missing == []
    assert ctx.alt.startswith("Карта: 2026 · Мүгедектігі бар адамдар: квоталық жұмыс орындары, аудандар мен қалалар, "
                              "13 аумақ. Ең көбі — Орал қаласы (31 жұмыс орны), ең азы — Бөкейордасы ауданы")
    assert ctx.rows[0].href == "../oral/" and ctx.data_href == "../../maps/west-kazakhstan-region.json"
    assert ctx.geometry_href == "../../assets/geo/kz-boundaries.json" and ctx.root_href == "../../"
    assert "geokz" in ctx.attribution


def test_a_place_with_data_and_no_shape_is_listed_not_dropped(real_model):
    # Сауран (made in 2024) given a figure of the country's map: its row stays, marked not on the map
    atlas = real_model.atlas
    maker = maps.MapMaker(real_model, "index.md", "kz")
    maker.figures.setdefault((2030, "disability"), {})["sauran"] = (7, 2)
    rows = maker.rows(2, (2030, "disability"))
    assert [(r["place_id"], r["jobs"], r["on_map"]) for r in rows] == [("sauran", 7, False)]
    text = maps.sentence(rows, "jobs", "x")
    assert text == "Карта: x, 1 аумақ. Ең көбі — Сауран ауданы (7 жұмыс орны). Картада жоқ: Сауран ауданы."
    assert atlas.places["sauran"]["parent_id"] == "turkistan-region"


def test_the_build_names_what_no_map_can_draw(real_model):
    assert maps.map_messages(real_model) == []  # every place of the seed data has its shape
    broken = type(real_model)(real_model.packages, real_model.tables, boundaries=geo.Boundaries(error="x.json: gone"))
    assert maps.map_messages(broken) == ["x.json: gone"]


def test_a_region_s_rows_in_no_district_stay_in_the_district_map_s_table(real_model):
    maker = maps.MapMaker(real_model, "places/west-kazakhstan-region/index.md", "west-kazakhstan-region")
    key = (2026, "disability")
    jobs, orgs = maker.top_figures[key]["west-kazakhstan-region"]
    assert maker.own_rows(key, maker.rows(2, key)[:0]) != []  # without its districts, all its rows are its own
    assert [r["place_id"] for r in maker.rows(2, key)].count("west-kazakhstan-region") == 0  # all in districts
    maker.top_figures[key]["west-kazakhstan-region"] = (jobs + 5, orgs + 2)  # as if 2 rows named no district
    rows = maker.rows(2, key)
    own = [r for r in rows if r["place_id"] == "west-kazakhstan-region"]
    assert [(r["jobs"], r["organizations"], r["on_map"], r["note"]) for r in own] == [
        (5, 2, False, "ешбір ауданға жатпайтын өз жолдары")]
    text = maps.sentence(rows, "jobs", "x")
    assert text.startswith("Карта: x, 13 аумақ. Ең көбі — Орал қаласы (31 жұмыс орны)")
    assert text.endswith("Картада жоқ: Батыс Қазақстан облысы (ешбір ауданға жатпайтын өз жолдары).")
