"""The static JSON API's place documents (views/api.py, issue 17.4): every document of the
golden site and of the site built from datasets/ validates against the JSON Schema the site
publishes beside it; a place's document says what its page says, in codes and numbers; a
place whose quota an act sets by rule carries the terms, never a zero; a KATO code leads to
its place's document."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from conftest import TEST_DATA
from rules_corpus import make_rules_corpus

from ashyq import urls
from ashyq.build import load_model
from ashyq.views import api

GOLDEN_SITE = TEST_DATA / "golden" / "expected" / "site"


def validators(site: Path) -> dict[str, jsonschema.protocols.Validator]:
    """The validators of the schemas as the site publishes them (checked against the
    meta-schema first), which must be the schemas of the code."""
    out = {}
    for name, schema in (("place", api.PLACE_SCHEMA), ("place-kato", api.KATO_SCHEMA)):
        published = json.loads((site / urls.api_schema(name)).read_text(encoding="utf-8"))
        assert published == schema, f"{urls.api_schema(name)} is not the schema of ashyq/views/api.py"
        jsonschema.Draft202012Validator.check_schema(published)
        out[name] = jsonschema.Draft202012Validator(published, format_checker=jsonschema.FormatChecker())
    return out


def invalid(site: Path) -> tuple[int, list[str]]:
    """Every place and KATO document of `site` validated: (documents, "path: problem" lines)."""
    check = validators(site)
    folder = site / urls.API / "places"
    problems, count = [], 0
    for path in sorted(folder.rglob("*.json")):
        kind = "place-kato" if path.parent.name == "kato" else "place"
        doc = json.loads(path.read_text(encoding="utf-8"))
        count += 1
        for error in check[kind].iter_errors(doc):
            problems.append(f"{path.relative_to(site)}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    return count, problems


def test_every_document_of_the_golden_site_validates_against_its_schema():
    count, problems = invalid(GOLDEN_SITE)
    assert problems == []
    assert count == len(list((GOLDEN_SITE / "api/v1/places").glob("*.json"))) + len(
        list((GOLDEN_SITE / "api/v1/places/kato").glob("*.json"))) > 40


def test_every_document_of_the_real_site_validates_and_links_what_exists(real_site):
    count, problems = invalid(real_site)
    assert problems == []
    data = load_model(Path(__file__).parents[1] / "datasets", [])
    with_data = sorted(pid for pid in data.atlas.order if data.atlas.has_data(pid))
    places = sorted(p.stem for p in (real_site / "api/v1/places").glob("*.json"))
    assert places == with_data  # one document per place that has anything, no other
    # every link to another document leads to a file of the site
    site_url = data.site_url
    for pid in places:
        doc = json.loads((real_site / urls.api_place(pid)).read_text(encoding="utf-8"))
        for ref in doc["parents"] + doc["children"]:
            if ref["document"]:
                assert (real_site / ref["document"].removeprefix(site_url)).is_file(), (pid, ref)
        assert (real_site / doc["links"]["page"].removeprefix(site_url) / "index.html").is_file()


def test_the_validation_catches_a_broken_document():
    """The schema is strict enough to catch what a client would trip on."""
    check = validators(GOLDEN_SITE)["place"]
    doc = json.loads((GOLDEN_SITE / "api/v1/places/borli.json").read_text(encoding="utf-8"))
    assert list(check.iter_errors(doc)) == []
    broken = {**doc, "quotas": [{**doc["quotas"][0], "jobs": "5"}], "extra": 1}
    del broken["names"]
    messages = sorted(e.message for e in check.iter_errors(broken))
    assert messages == ["'5' is not of type 'integer'", "'names' is a required property",
                        "Additional properties are not allowed ('extra' was unexpected)"]


def test_a_place_document_says_what_its_page_says():
    doc = json.loads((GOLDEN_SITE / "api/v1/places/borli.json").read_text(encoding="utf-8"))
    site = "https://ashyq-derek.github.io/ashyq-derek/"
    assert doc["place_id"] == "borli" and doc["kind"] == "district" and doc["kato"] == "273600000"
    assert doc["names"] == {"kk": "Бөрлі ауданы", "official_kk": "Бөрлі ауданы", "ru": "Бурлинский район",
                            "en": "Borli District", "aliases": []}
    assert doc["parents"] == [{"place_id": "west-kazakhstan-region", "kind": "region",
                               "name_kk": "Батыс Қазақстан облысы",
                               "document": site + "api/v1/places/west-kazakhstan-region.json"}]
    assert doc["quotas"] == [{"year": 2026, "category": "disability", "organizations": 4, "jobs": 5}]
    assert doc["quota_rules"] == []
    assert [(r["rating_id"], r["kind"], r["rank"], r["region_rank"], r["region_of"], r["index"])
            for r in doc["ratings"]] == [("employment-centres-2017", "district", 35, 2, 12, 4.05)]
    assert doc["links"]["page"] == site + "places/borli/"
    assert doc["links"]["quotas_csv"] == site + "data/quotas/quotas.csv"
    # a region's figures are those of every place inside it, per year and category
    region = json.loads((GOLDEN_SITE / "api/v1/places/west-kazakhstan-region.json").read_text(encoding="utf-8"))
    assert "borli" in [c["place_id"] for c in region["children"]]
    assert sum(q["jobs"] for q in region["quotas"] if q["year"] == 2026) >= 5


def test_programme_rows_keep_their_years_and_indicators():
    doc = json.loads((GOLDEN_SITE / "api/v1/places/baizak.json").read_text(encoding="utf-8"))
    [program] = doc["programs"]
    assert program["program_id"] == "zhambyl-region-2005-2007"
    assert (program["period_start"], program["period_end"]) == (2005, 2007)
    years = sorted({t["year"] for t in program["targets"]})
    assert years == [2005, 2006, 2007]
    assert {"year": 2005, "indicator": "employed_via_agencies", "value": 125, "row_kind": "place"} in program["targets"]


def test_a_kato_code_leads_to_its_place():
    doc = json.loads((GOLDEN_SITE / "api/v1/places/kato/273600000.json").read_text(encoding="utf-8"))
    assert doc == {"api_version": 1, "kato": "273600000", "places": [{
        "place_id": "borli", "name_kk": "Бөрлі ауданы", "valid_from": None, "valid_to": None,
        "document": "https://ashyq-derek.github.io/ashyq-derek/api/v1/places/borli.json"}]}


@pytest.fixture(scope="module")
def rules_data(tmp_path_factory: pytest.TempPathFactory):
    return load_model(make_rules_corpus(tmp_path_factory.mktemp("api-rules") / "datasets"), [])


def test_a_rule_only_place_carries_the_terms_never_a_zero(rules_data):
    doc = api.place_document(rules_data, "kaztalovka")
    assert list(jsonschema.Draft202012Validator(api.PLACE_SCHEMA).iter_errors(doc)) == []
    # its list of 2026 has figures; the years set by rule alone have none, and no zero
    assert [(q["year"], q["category"]) for q in doc["quotas"]] == [(2026, "disability")]
    assert [(r["year"], r["category"], r["repealed"]) for r in doc["quota_rules"]] == [
        (2027, "disability", False), (2019, "disability", True)]
    rule = doc["quota_rules"][0]
    assert rule["text_kk"].startswith("ережемен: ")
    assert [(t["headcount_min"], t["headcount_max"], t["percent"]) for t in rule["terms"]] == [
        (t.headcount_min, t.headcount_max, t.percent) for t in rules_data.rules_of("kaztalovka")
        if (t.year, t.category) == (2027, "disability")]
    flat = api.place_document(rules_data, "baizak")["quota_rules"]
    assert [(r["year"], r["category"], len(r["terms"]), r["terms"][0]["headcount_min"]) for r in flat] == [
        (2024, "released_from_prison", 1, None)]
