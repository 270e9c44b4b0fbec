"""Pieces of the page pipeline: model views, charts, templates, the serve command."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request

import pandas as pd
import pytest

from ashyq import catalog, charts, model, render
from ashyq.paths import ROOT
from ashyq.views import rows_json


def load(datasets) -> model.Model:
    packages = catalog.load_catalog(datasets)
    return model.Model(packages, catalog.load_tables(packages))


def test_quota_rows_join_place_and_region_names(valid_datasets):
    df = model.quota_rows(load(valid_datasets))
    assert list(df.columns) == model.QUOTA_COLUMNS
    assert df[["place_id", "place_kk", "region_kk"]].drop_duplicates().values.tolist() == [
        ["akzhaiyk", "Ақжайық ауданы", "Батыс Қазақстан облысы"],
        ["borli", "Бөрлі ауданы", "Батыс Қазақстан облысы"],
        ["baiterek", "Бәйтерек ауданы", "Батыс Қазақстан облысы"],
    ]


def test_jobs_by_place_keeps_years_and_categories_apart(valid_datasets):
    by_place = model.jobs_by_place(model.quota_rows(load(valid_datasets)))
    assert by_place[["place_id", "year", "category", "jobs", "organizations"]].values.tolist() == [
        ["baiterek", 2023, "probation", 3, 1],
        ["borli", 2026, "disability", 2, 2],
        ["akzhaiyk", 2026, "disability", 1, 1],
    ]


def test_summary_counts(valid_datasets):
    summary = model.summarize_quotas(model.quota_rows(load(valid_datasets)))
    assert summary == model.QuotaSummary(rows=4, organizations=4, places=3, jobs=6, years=[2023, 2026])


def test_labels_come_from_the_schema(valid_datasets):
    data = load(valid_datasets)
    assert data.label("quotas", "quotas", "category", "disability") == "Мүгедектігі бар адамдар"
    assert data.label("quotas", "quotas", "category", "disability", lang="ru") == "Лица с инвалидностью"
    assert data.label("quotas", "quotas", "category", "disability", lang="en") == "Persons with disabilities"
    # the short form where the schema has one (enumShortTitles), else the title
    assert data.label("quotas", "quotas", "category", "disability", short=True) == "Мүгедектігі барлар"
    assert data.label("places", "places", "kind", "district", short=True) == "Аудан"
    # an unknown value, or a field without titles, is its own label
    assert data.label("quotas", "quotas", "category", "pensioners") == "pensioners"
    assert data.label("quotas", "quotas", "year", 2026) == "2026"
    assert data.label("nowhere", "quotas", "category", "disability") == "disability"
    assert data.label("quotas", "quotas", "category", pd.NA) == ""
    # every value of the enum, in the schema's order
    assert data.labels("quotas", "quotas", "category", lang="en") == {
        "disability": "Persons with disabilities",
        "youth_without_parental_care": "Youth left without parental care",
        "released_from_prison": "Persons released from prison",
        "probation": "Persons on probation",
    }
    assert data.labels("quotas", "quotas", "year") == {}


def test_chart_uses_only_basic_traces_and_describes_itself(valid_datasets):
    by_place = model.jobs_by_place(model.quota_rows(load(valid_datasets)))
    chart = charts.bar_jobs_by_place(by_place, "c1", {"disability": "Мүгедектігі бар адамдар"})
    assert {t["type"] for t in chart.spec["data"]} == {"bar"}
    # one series per category, in the enum's order; a place's years are bars of their own
    assert [t["name"] for t in chart.spec["data"]] == ["Мүгедектігі бар адамдар", "probation"]
    assert chart.spec["data"][0]["y"] == ["Ақжайық ауданы · 2026", "Бөрлі ауданы · 2026", "Бәйтерек ауданы · 2023"]


def test_a_place_with_quotas_of_two_years_has_a_bar_per_year(valid_datasets):
    """Bars stack the categories of one place and year, never two years into one bar."""
    rows = model.quota_rows(load(valid_datasets))
    rows.loc[rows["place_id"] == "borli", "year"] = [2023, 2026]
    chart = charts.bar_jobs_by_place(model.jobs_by_place(rows), "c1", {})
    bars = chart.spec["data"][0]["y"]
    assert "Бөрлі ауданы · 2023" in bars and "Бөрлі ауданы · 2026" in bars
    assert chart.alt.endswith("барлығы 6. Ең көбі — Бәйтерек ауданы (3).")
    assert json.loads(chart.spec_json()) == json.loads(chart.spec_json())  # plain JSON
    with pytest.raises(ValueError, match="heatmap"):
        charts.check_basic_traces({"data": [{"type": "heatmap"}]})


def test_stacked_bar_specs_are_valid_plotly(valid_datasets):
    """The place bars are written as plain dicts (fast); plotly's own schema
    must accept them unchanged, so a typo in a property name cannot slip through."""
    import plotly.graph_objects as go

    data = load(valid_datasets)
    by_place = model.jobs_by_place(model.quota_rows(data))
    specs = [charts.bar_jobs_by_place(by_place, "c1", {}).spec,
             charts.resolution_jobs_by_place(by_place.to_dict("records"), "c2", {}).spec,
             charts.bar_jobs_by_year_category(by_place, "c3", "Бәйтерек ауданы", {}).spec]
    for spec in specs:
        figure = go.Figure(spec)  # raises ValueError on an unknown property or a bad value
        assert figure.to_plotly_json()["data"] == spec["data"]


def test_jobs_by_place_within_a_column_splits_first(valid_datasets):
    rows = model.quota_rows(load(valid_datasets)).assign(resolution_id=["r2", "r1", "r2", "r1"])
    split = model.jobs_by_place(rows, within=("resolution_id",))
    for rid, part in split.groupby("resolution_id"):
        alone = model.jobs_by_place(rows[rows["resolution_id"] == rid])
        assert part.drop(columns="resolution_id").reset_index(drop=True).equals(alone)


def test_script_json_cannot_close_its_script_element():
    text = str(render.to_script_json({"name": "</script><script>alert(1)</script>"}))
    assert "</script>" not in text and "<" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script>"}


def test_values_are_escaped_in_pages():
    env = render.make_environment()
    html = env.from_string("{{ ctx }}").render(ctx='<img src=x onerror="alert(1)">')
    assert html == "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"


def test_rows_json_is_compact_and_typed():
    df = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": pd.array([2.0, 2.5], dtype="Float64"),
                       "c": pd.array(["x", None], dtype="string")})
    assert json.loads(rows_json(df)) == {"columns": ["a", "b", "c"], "rows": [[1, 2, "x"], [None, 2.5, None]]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_builds_and_serves_on_localhost(valid_datasets, tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ashyq", "serve", "--datasets", str(valid_datasets),
         "--out", str(tmp_path / "site"), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/quotas/", timeout=2) as response:
                    assert "Жұмыс орындарының квоталары" in response.read().decode("utf-8")
                    break
            except OSError:
                assert proc.poll() is None, proc.communicate()
                assert time.monotonic() < deadline, "server did not start within 60 s"
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_links_are_relative_to_the_page():
    from ashyq.urls import link
    from ashyq.urls import source_lines as source_url

    assert link("places/oral/index.md", "sources/quotas/000/#L5") == "../../sources/quotas/000/#L5"
    assert link("index.md", "quotas/") == "quotas/"
    assert link("quotas/index.md", "data/quotas/quotas.csv") == "../data/quotas/quotas.csv"
    assert link("quotas/index.md", "quotas/#row-3") == "./#row-3"
    assert link("quotas/index.md", "#top") == "#top"
    assert link("index.md", "index.html") == "index.html"
    assert link("places/oral/index.md", "places/") == "../"
    assert link("places/oral/index.md", "places/oral/") == "./"
    assert link("changes/page/2/index.md", "changes/") == "../../"
    assert link("data/quotas.md", "data/quotas/quotas.csv") == "quotas.csv"
    assert source_url("datasets/quotas/sources/000_e.txt", "54-72") == "sources/quotas/000_e/#L54-L72"
    assert source_url("datasets/ratings/sources/004_4.txt", "9") == "sources/ratings/004_4/#L9"


def test_a_category_has_one_colour_on_every_chart(valid_datasets):
    """«Мүгедектігі бар адамдар» is the same colour whatever else a chart shows: the colour
    comes from the category's place in the schema's enum, not from the chart's series."""
    data = load(valid_datasets)
    titles = data.labels("quotas", "quotas", "category")
    by_place = model.jobs_by_place(model.quota_rows(data))
    only_disability = by_place[by_place["category"] == "disability"]

    def colours(spec):
        return {t["name"]: t["marker"]["color"] for t in spec["data"]}

    charts_ = [charts.bar_jobs_by_place(by_place, "c1", titles).spec,
               charts.bar_jobs_by_place(only_disability, "c2", titles).spec,
               charts.resolution_jobs_by_place(only_disability.to_dict("records"), "c3", titles).spec,
               charts.bar_jobs_by_year_category(by_place, "c4", "Бәйтерек ауданы", titles).spec]
    seen = [colours(spec)[titles["disability"]] for spec in charts_]
    assert seen == [charts.category_colours(titles)["disability"]] * 4
    assert len(set(charts.category_colours(titles).values())) == len(titles)


def test_category_colours_stand_out_on_the_light_and_the_dark_page():
    def luminance(colour):
        rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    def contrast(a, b):
        hi, lo = sorted([luminance(a), luminance(b)], reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    for colour in charts.CATEGORY_PALETTE:
        assert contrast(colour, "#ffffff") >= 3, colour
        assert contrast(colour, "#1e2129") >= 3, colour  # Material's slate background


def test_one_value_is_not_worth_a_chart():
    assert not charts.worth_a_chart(0) and not charts.worth_a_chart(1)
    assert charts.worth_a_chart(2)
