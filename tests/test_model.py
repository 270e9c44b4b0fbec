"""The model owns the facts: a row's CSV line and provenance, its flags, a place's parents."""

from __future__ import annotations

import pytest

from ashyq import catalog, model
from ashyq.paths import DATASETS
from ashyq.problems import Problem


@pytest.fixture(scope="module")
def data() -> model.Model:
    packages = catalog.load_catalog(DATASETS)
    problems = [
        Problem("datasets/quotas/data/quotas.csv", 5, 9, "jobs-mismatch", "jobs wrong", package="quotas",
                resource="quotas", message_kk="жұмыс орны қате"),
        Problem("datasets/quotas/data/quotas.csv", 5, 8, "percent-out-of-band", "percent", package="quotas",
                resource="quotas"),
        Problem("datasets/ratings/data/ratings.csv", 3, 7, "jobs-mismatch", "elsewhere", package="ratings",
                resource="ratings"),
    ]
    return model.Model(packages, catalog.load_tables(packages), problems, repository="https://github.com/o/r/")


def test_a_row_knows_its_csv_line(data: model.Model) -> None:
    lined = data.lined("quotas", "quotas")
    assert lined is not None
    assert lined[model.LINE].tolist()[:3] == [2, 3, 4]
    assert model.LINE not in data.table("quotas", "quotas").columns  # downloads stay as published


def test_flags_are_indexed_by_row_in_validation_order(data: model.Model) -> None:
    flags = data.flags_at("quotas", "quotas", 5)
    assert [(f.code, f.line) for f in flags] == [("percent-out-of-band", 5), ("jobs-mismatch", 5)]
    assert flags[1].message == "жұмыс орны қате"  # Kazakh for the reader where the rule has it
    assert flags[1].anchor == "flag-quotas-5-jobs-mismatch"
    assert data.flags_at("quotas", "quotas", 6) == []
    assert [f.package for f in data.flags_of("ratings")] == ["ratings"]


def test_provenance_names_the_row_its_source_and_its_correction(data: model.Model) -> None:
    prov = data.provenance("quotas", "quotas", 5, "datasets/quotas/sources/000_x.txt", "54-72")
    assert prov.position == "datasets/quotas/data/quotas.csv:5"
    assert prov.source_url == "sources/quotas/000_x/#L54-L72"
    assert prov.edit_url == "https://github.com/o/r/edit/main/datasets/quotas/data/quotas.csv#L5"
    assert [f.code for f in prov.flags] == ["percent-out-of-band", "jobs-mismatch"]
    assert data.provenance("quotas", "quotas", 6).source_url == ""  # no source lines: no link


def test_the_chain_of_parents_goes_to_the_top(data: model.Model) -> None:
    assert data.chain("borli") == ["borli", "west-kazakhstan-region"]
    assert data.chain("astana") == ["astana"]
    assert data.chain("no-such-place") == ["no-such-place"]
    names = model.place_names(data).set_index("place_id")
    assert names.loc["borli", "region_id"] == "west-kazakhstan-region"


def test_the_region_of_a_place_on_a_date(data: model.Model) -> None:
    # Жезқазған was in Қарағанды region until Ұлытау region was made in 2022
    assert data.region_on("zhezkazgan", "2017-12-31") == "karaganda-region"
    assert data.region_on("zhezkazgan", "2023-12-31") == "ulytau-region"
    assert data.region_on("astana", "2017-12-31") == "astana"  # a city of republican significance
    assert data.region_on("", "2017-12-31") is None
