"""The static JSON API's place documents (views/api.py, issue 17.4): every document of the
golden site and of the site built from datasets/ validates against the JSON Schema the site
publishes beside it; a place's document says what its page says, in codes and numbers; a
place whose quota an act sets by rule carries the terms, never a zero; a KATO code leads to
its place's document."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, TEST_DATA
from rules_corpus import make_rules_corpus

from ashyq import urls
from ashyq.build import load_model
from ashyq.views import api

GOLDEN_SITE = TEST_DATA / "golden" / "expected" / "site"


def validators(site: Path) -> dict[str, jsonschema.protocols.Validator]:
    """The validators of the schemas as the site publishes them (checked against the
    meta-schema first), which must be the schemas of the code."""
    out = {}
    for name, schema in api.SCHEMAS.items():
        published = json.loads((site / urls.api_schema(name)).read_text(encoding="utf-8"))
        assert published == schema, f"{urls.api_schema(name)} is not the schema of ashyq/views/api.py"
        jsonschema.Draft202012Validator.check_schema(published)
        out[name] = jsonschema.Draft202012Validator(published, format_checker=jsonschema.FormatChecker())
    return out


def kind_of(rel: str) -> str:
    """The document type of an API path ("api/v1/resolutions/x.json" → "resolution")."""
    parts = rel.removeprefix(urls.API).split("/")
    if parts == ["index.json"]:
        return "index"
    return {"places": "place-kato" if parts[1] == "kato" else "place", "resolutions": "resolution",
            "datasets": "dataset"}[parts[0]]


def documents(site: Path, every: int = 1) -> list[Path]:
    """The API's documents of `site` (not its schemas); with `every` > 1, a sample (every n-th
    of each type, and the first)."""
    out = []
    by_kind: dict[str, int] = {}
    for path in sorted((site / urls.API).rglob("*.json")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(urls.API + "schemas/"):
            continue
        n = by_kind[kind_of(rel)] = by_kind.get(kind_of(rel), -1) + 1
        if n % every == 0:
            out.append(path)
    return out


def invalid(site: Path, every: int = 1) -> tuple[dict[str, int], list[str]]:
    """Every document of `site` (or a sample) validated: (documents by type, "path: problem" lines)."""
    check = validators(site)
    problems, counts = [], {}
    for path in documents(site, every):
        rel = path.relative_to(site).as_posix()
        kind = kind_of(rel)
        doc = json.loads(path.read_text(encoding="utf-8"))
        counts[kind] = counts.get(kind, 0) + 1
        for error in check[kind].iter_errors(doc):
            problems.append(f"{rel}: {'/'.join(map(str, error.absolute_path))}: {error.message}")
    return counts, problems


def test_every_document_of_the_golden_site_validates_against_its_schema():
    counts, problems = invalid(GOLDEN_SITE)
    assert problems == []
    assert counts["place"] == len(list((GOLDEN_SITE / "api/v1/places").glob("*.json"))) > 30
    assert counts["place-kato"] == len(list((GOLDEN_SITE / "api/v1/places/kato").glob("*.json")))
    assert counts["resolution"] == 3 and counts["dataset"] == 5 and counts["index"] == 1


def test_every_document_of_the_real_site_validates_and_links_what_exists(real_site):
    counts, problems = invalid(real_site)
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
                            "official_ru": "Бурлинский район", "en": "Borli District", "aliases": []}
    oral = json.loads((GOLDEN_SITE / "api/v1/places/oral.json").read_text(encoding="utf-8"))
    assert (oral["names"]["ru"], oral["names"]["official_ru"]) == ("г. Уральск", "Уральск Г.А.")
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


# ---------------------------------------------------------------- the index, resolutions, datasets


def test_the_index_says_what_the_api_holds(real_site):
    index = json.loads((real_site / urls.api_index()).read_text(encoding="utf-8"))
    site_url = load_model(Path(__file__).parents[1] / "datasets", []).site_url
    by_type = {d["type"]: d for d in index["documents"]}
    assert list(by_type) == ["index", "place", "place-kato", "resolution", "dataset"]
    # each count is the number of files its pattern matches; each schema is published
    for kind, d in by_type.items():
        pattern = d["pattern"].removeprefix(site_url)
        folder, _, name = pattern.rpartition("/")
        files = [name] if "{" not in name else [p.name for p in (real_site / folder).glob("*.json")]
        assert len(files) == d["count"] > 0, kind
        assert (real_site / d["schema"].removeprefix(site_url)).is_file()
    assert [d["package"] for d in index["datasets"]] == ["places", "programs", "quotas", "ratings", "resolutions"]
    assert re.fullmatch(r"[0-9a-f]{40}", index["version"]["commit"])
    assert (real_site / index["guide"].removeprefix(site_url) / "index.html").is_file()


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def as_csv(value: object) -> str:
    """A JSON value as the CSV writes it (2 for 2.0; "" for null)."""
    return "" if value is None else str(value)


def test_a_resolution_document_holds_the_act_and_every_quota_row_as_the_csv_has_it(real_site):
    corpus = ROOT / "datasets"
    for act in csv_rows(corpus / "resolutions/data/resolutions.csv"):
        rid = act["resolution_id"]
        doc = json.loads((real_site / urls.api_resolution(rid)).read_text(encoding="utf-8"))
        assert doc["act"]["number"] == act["number"] and doc["act"]["adopted_on"] == act["adopted_on"]
        assert doc["act"]["issuer_kk"] == act["issuer_kk"] and doc["act"]["language"] == (act["language"] or None)
        assert doc["act"]["status"] == ("repealed" if act["repealed_on"] or act["repealed_by"] else "in_force")
        assert doc["source"]["path"] == act["source_path"]
        columns = doc["quotas"]["columns"]
        expected = [[r[c] for c in columns] for r in csv_rows(corpus / "quotas/data/quotas.csv")
                    if r["resolution_id"] == rid]
        got = [[as_csv(v) for v in row] for row in doc["quotas"]["rows"]]
        # the CSV writes a percent as printed ("2" or "2.5"); JSON as a number
        assert len(got) == len(expected) and (rid != "baiterek-2022-593" or got)
        assert [[float(v) if c == "quota_percent" and v else v for v, c in zip(r, columns)] for r in got] == [
            [float(v) if c == "quota_percent" and v else v for v, c in zip(r, columns)] for r in expected]
    doc = json.loads((GOLDEN_SITE / urls.api_resolution("baiterek-2022-593")).read_text(encoding="utf-8"))
    assert doc["quotas"]["columns"] == api.QUOTA_COLUMNS
    assert {row[1] for row in doc["quotas"]["rows"]} == {"youth_without_parental_care", "released_from_prison",
                                                          "probation"}
    assert doc["links"]["place"] == "https://ashyq-derek.github.io/ashyq-derek/api/v1/places/baiterek.json"
    assert doc["source"]["page"].endswith("sources/quotas/001_df27ee51c94b55b4/#L2-L36")


def test_a_resolution_that_sets_quotas_by_rule_carries_its_terms(rules_data):
    docs = dict(api.iter_resolution_documents(rules_data))
    check = jsonschema.Draft202012Validator(api.RESOLUTION_SCHEMA)
    assert [e.message for doc in docs.values() for e in check.iter_errors(doc)] == []
    with_terms = {rid: doc["quota_rules"] for rid, doc in docs.items() if doc["quota_rules"]}
    assert with_terms
    for rid, terms in with_terms.items():
        assert [(t["rule_no"], t["category"], t["headcount_min"], t["headcount_max"], t["percent"]) for t in terms] == [
            (r.rule_no, r.category, r.headcount_min, r.headcount_max, r.percent)
            for r in rules_data.rules_of_resolution(rid)]


def test_a_dataset_document_describes_its_package(real_site):
    root = Path(__file__).parents[1]
    site_url = load_model(root / "datasets", []).site_url
    doc = json.loads((real_site / urls.api_dataset("quotas")).read_text(encoding="utf-8"))
    descriptor = json.loads((root / "datasets/quotas/datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in doc["resources"]] == [r["name"] for r in descriptor["resources"]]
    for res, described in zip(doc["resources"], descriptor["resources"]):
        assert res["rows"] == len(csv_rows(root / "datasets/quotas" / described["path"]))
        assert [f["name"] for f in res["fields"]] == [f["name"] for f in described["schema"]["fields"]]
        for field, schema_field in zip(res["fields"], described["schema"]["fields"]):
            titles = schema_field.get("titles") or {}
            assert field["title"]["kk"] == (titles.get("kk") or schema_field.get("title") or None), field["name"]
        # its files are files of the site; the CSV is the repository's, byte for byte
        for f in res["files"]:
            assert (real_site / f["url"].removeprefix(site_url)).is_file(), f
        csv_file = next(f for f in res["files"] if f["format"] == "CSV")
        assert (real_site / csv_file["url"].removeprefix(site_url)).read_bytes() == (
            root / "datasets/quotas" / described["path"]).read_bytes()
        assert res["repository_csv"].endswith(f"/blob/{doc['version']['commit']}/datasets/quotas/{described['path']}")
    category = next(f for f in doc["resources"][0]["fields"] if f["name"] == "category")
    assert {"value": "disability", "kk": "Мүгедектігі бар адамдар", "ru": "Лица с инвалидностью",
            "en": "Persons with disabilities"} in category["values"]
    assert doc["licenses"][0]["name"] == "CC-BY-4.0"
    for key in ("page", "zip", "citation_bibtex", "citation_csl_json"):
        target = real_site / doc["links"][key].removeprefix(site_url)
        assert target.is_file() or (target / "index.html").is_file(), key


def test_a_sample_of_the_national_corpus_validates(synth_site):
    counts, problems = invalid(synth_site, every=25)
    assert problems == []
    assert set(counts) == {"index", "place", "place-kato", "resolution", "dataset"}


def load_stable_paths():
    spec = importlib.util.spec_from_file_location("stable_paths", ROOT / "scripts" / "stable_paths.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_published_path_is_missing_from_the_build(real_site):
    """tests/data/stable-paths.txt lists every path published under /api/v1/ and /data/:
    renaming or removing one breaks every link and script that uses it."""
    stable = load_stable_paths()
    listed = stable.read_list()
    assert len(listed) > 400 and "api/v1/index.json" in listed and "data/quotas/quotas.csv" in listed
    missing = sorted(set(listed) - set(stable.published(real_site)))
    assert missing == [], "published paths missing from the build (run scripts/stable_paths.py to see)"


def test_the_stable_path_check_catches_a_renamed_file(tmp_path):
    stable = load_stable_paths()
    site = tmp_path / "site"
    (site / "data/quotas").mkdir(parents=True)
    (site / "data/quotas/index.html").write_text("x")
    (site / "data/quotas/quotas-renamed.csv").write_text("x")
    assert stable.published(site) == ["data/quotas/", "data/quotas/quotas-renamed.csv"]
    listed = tmp_path / "stable.txt"
    listed.write_text("# a comment\ndata/quotas/\ndata/quotas/quotas.csv\n")
    assert sorted(set(stable.read_list(listed)) - set(stable.published(site))) == ["data/quotas/quotas.csv"]
