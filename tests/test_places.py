"""Unit tests of ashyq.places: normalisation and the gazetteer's resolver."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from ashyq.places import Gazetteer, kind_hint, normalize_place_name

CSV = Path(__file__).resolve().parent.parent / "datasets" / "places" / "data" / "places.csv"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_csv(CSV)


@pytest.mark.parametrize(
    "printed,key",
    [
        ("Бәйтерек ауданы", "бәйтерек"),
        ("Бәйтерек ауданының", "бәйтерек"),
        ("Бөкей ордасы ауданы", "бөкейордасы"),
        ("Бөкейордасы", "бөкейордасы"),
        ("Орал қаласы", "орал"),
        ("Орал Қ.Ә.", "орал"),
        ("Уральск Г.А.", "уральск"),
        ("Тараз қ.", "тараз"),
        ("г.Тараз", "тараз"),
        ("Қарағанды  қ.", "қарағанды"),
        ("Батыс Қазақстан облысы", "батысқазақстан"),
        ("Жамбылская область", "жамбылская"),
        ("Жамбылская", "жамбылская"),
        ("Жамбылский район", "жамбылский"),
        ("Т. Рысқұлов", "трысқұлов"),
        ("Т.Рысқұлов", "трысқұлов"),
        ("Ж а м б ы л  облысы", "жамбыл"),
        ("Ғабит Мүсірепов атын.ауданы", "ғабитмүсірепов"),
        ("Алексеевка", "алексеевка"),  # ё/е and no type word
        ("", ""),
        ("ауданы", ""),
    ],
)
def test_normalize_place_name(printed: str, key: str) -> None:
    assert normalize_place_name(printed) == key


def test_normalize_keeps_kazakh_letters() -> None:
    # Kazakh letters are not folded: Қазталов and Казталов are different keys.
    assert normalize_place_name("Қазталов") != normalize_place_name("Казталов")
    assert normalize_place_name("Ёлка") == normalize_place_name("Елка")


@pytest.mark.parametrize(
    "printed,kind",
    [
        ("Тараз қ.", "city"),
        ("Орал қаласы", "city"),
        ("Семей Қ.Ә.", "city"),
        ("Бәйтерек ауданы", "district"),
        ("Шуский район", "district"),
        ("Жамбыл облысы", "region"),
        ("Жамбылская область", "region"),
        ("Жамбыл", None),
    ],
)
def test_kind_hint(printed: str, kind: str | None) -> None:
    assert kind_hint(printed) == kind


def test_three_zhambyl_districts(gaz: Gazetteer) -> None:
    assert gaz.resolve("Жамбыл", region="Жамбыл") == "zhambyl-zhambyl"
    assert gaz.resolve("Жамбыл", region="Жамбылская") == "zhambyl-zhambyl"
    assert gaz.resolve("Жамбыл ауданы", region="Жамбыл облысы") == "zhambyl-zhambyl"
    assert gaz.resolve("Жамбыл", region="Алматы") == "zhambyl-almaty"
    assert gaz.resolve("Жамбыл", region="Солтүстік Қазақстан") == "zhambyl-north-kazakhstan"
    assert gaz.resolve("Жамбыл", region="north-kazakhstan-region") == "zhambyl-north-kazakhstan"
    # without a region "Жамбыл" is three districts and a region: ambiguous
    assert gaz.resolve("Жамбыл") is None
    assert gaz.resolve("Жамбыл ауданы") is None
    assert gaz.resolve("Жамбыл облысы") == "zhambyl-region"
    assert set(gaz.candidates("Жамбыл")) >= {
        "zhambyl-zhambyl", "zhambyl-almaty", "zhambyl-north-kazakhstan", "zhambyl-region"}


def test_zelenov_is_baiterek(gaz: Gazetteer) -> None:
    assert gaz.resolve("Зеленов") == "baiterek"
    assert gaz.resolve("Зеленов ауданы", region="Батыс Қазақстан") == "baiterek"
    assert gaz.resolve("Бәйтерек ауданы", region="Батыс Қазақстан облысы") == "baiterek"
    assert gaz.resolve("район Бәйтерек") == "baiterek"


def test_kaztalov_spellings(gaz: Gazetteer) -> None:
    for printed in ["Казталовка", "Казталовка ауданы", "Казталов ауданы", "Қазталов",
                    "Казталовский район"]:
        assert gaz.resolve(printed, region="Батыс Қазақстан") == "kaztalovka", printed


def test_bokei_orda_spellings(gaz: Gazetteer) -> None:
    for printed in ["Бөкейордасы", "Бөкей ордасы ауданы", "Бөкейордасы ауданы",
                    "Бокейординский район"]:
        assert gaz.resolve(printed) == "bokeiordasy", printed


def test_region_forms(gaz: Gazetteer) -> None:
    assert gaz.resolve("Жамбылская") == "zhambyl-region"
    assert gaz.resolve("Жамбылская область") == "zhambyl-region"
    assert gaz.resolve("Атырауская") == "atyrau-region"
    assert gaz.resolve("Алматинская") == "almaty-region"
    assert gaz.resolve("Алматы облысы") == "almaty-region"
    assert gaz.resolve("Алматы қ.") == "almaty"
    assert gaz.resolve("Алматы") is None  # region, city and a district of Astana
    assert gaz.resolve("Батыс Қазақстан облысы") == "west-kazakhstan-region"


def test_south_kazakhstan(gaz: Gazetteer) -> None:
    assert gaz.resolve("Оңтүстік Қазақстан облысы") == "south-kazakhstan-region"
    assert gaz.resolve("Оңтүстік Қазақстан") == "south-kazakhstan-region"
    assert gaz.resolve("Оңтүстік Қазақстан", on="2017-12-31") == "south-kazakhstan-region"
    assert gaz.resolve("Оңтүстік Қазақстан", on="2019-01-01") is None
    assert gaz.resolve("Түркістан облысы", on="2017-12-31") is None
    assert gaz.resolve("Түркістан облысы", on=date(2018, 6, 19)) == "turkistan-region"
    # places printed under the old region resolve to their current rows
    assert gaz.resolve("Түркістан қ.", region="Оңтүстік Қазақстан") == "turkistan"
    assert gaz.resolve("Шымкент қ.", region="Оңтүстік Қазақстан") == "shymkent"
    assert gaz.resolve("Мақтаарал", region="Оңтүстік Қазақстан", on="2017-12-31") == "maktaaral"
    # ... and under the new one only after the change, when a date is given
    assert gaz.resolve("Мақтаарал", region="Түркістан", on="2017-12-31") is None
    assert gaz.resolve("Мақтаарал", region="Түркістан", on="2020-01-01") == "maktaaral"


def test_2022_regions(gaz: Gazetteer) -> None:
    assert gaz.resolve("Талдықорған қ.", region="Алматы") == "taldykorgan"
    assert gaz.resolve("Талдықорған қ.", region="Алматы", on="2017-12-31") == "taldykorgan"
    assert gaz.resolve("Талдықорған қ.", region="Алматы", on="2023-01-01") is None
    assert gaz.resolve("Талдықорған қ.", region="Жетісу облысы", on="2023-01-01") == "taldykorgan"
    assert gaz.resolve("Сарқант", region="Алматы") == "sarkan"
    assert gaz.resolve("Ұлытау", region="Қарағанды", kind="district") == "ulytau"
    assert gaz.resolve("Абай", region="Шығыс Қазақстан") == "abai-abai"
    assert gaz.resolve("Абай", region="Қарағанды") == "abai-karaganda"


def test_city_and_district_of_the_same_name(gaz: Gazetteer) -> None:
    assert gaz.resolve("Қостанай қ.", region="Қостанай") == "kostanai-city"
    assert gaz.resolve("Қостанай ауданы", region="Қостанай") == "kostanai-district"
    assert gaz.resolve("Қостанай", region="Қостанай") is None
    assert gaz.resolve("Қостанай", region="Қостанай", kind="district") == "kostanai-district"
    assert gaz.resolve("Павлодар", region="Павлодар", kind="city") == "pavlodar-city"


def test_towns_of_seed_003(gaz: Gazetteer) -> None:
    assert gaz.resolve("Жаңатас", region="Жамбыл облысы") == "zhanatas"
    assert gaz.resolve("Қаратау", region="Жамбыл облысы") == "karatau-town"
    assert gaz.resolve("Қаратау") is None  # also a district of Shymkent
    assert gaz.resolve("Шу", region="Жамбыл облысы", kind="town") == "shu-town"
    assert gaz.resolve("Шу", region="Жамбыл облысы", kind="district") == "shu"
    assert gaz.resolve("Шу ауданы") == "shu"
    assert gaz.resolve("Шу") is None


def test_place_id_passes_through(gaz: Gazetteer) -> None:
    assert gaz.resolve("baiterek") == "baiterek"
    assert gaz.resolve("Бәйтерек", region="west-kazakhstan-region") == "baiterek"


@pytest.mark.parametrize("printed", ["Облыс бойынша", "Барлығы", "Нарния", "", "   ", "123"])
def test_unknown_names(gaz: Gazetteer, printed: str) -> None:
    assert gaz.resolve(printed) is None
    assert gaz.resolve(printed, region="Жамбыл") is None


def test_unknown_region(gaz: Gazetteer) -> None:
    assert gaz.resolve("Бәйтерек", region="Нарния") is None
    assert gaz.resolve("Бәйтерек", region="Жамбыл") is None


def test_never_raises(gaz: Gazetteer) -> None:
    assert gaz.resolve("Бәйтерек", on="not a date") in (None, "baiterek")
    assert gaz.resolve(None) is None  # type: ignore[arg-type]


def test_candidates_did_you_mean(gaz: Gazetteer) -> None:
    assert gaz.candidates("Байтерек")[0] == "baiterek"  # ә typed as а
    assert "kaztalovka" in gaz.candidates("Казталовк")
    assert gaz.candidates("") == []
    assert gaz.candidates("Нарния") == []


def test_small_frame() -> None:
    """The gazetteer works on any frame with the places columns (here: a tiny one)."""
    frame = pd.DataFrame(
        [
            {"place_id": "r1-region", "kind": "region", "parent_id": "", "name_kk": "Бір облысы",
             "name_ru": "", "name_en": "", "aliases": "", "valid_from": "", "valid_to": "2010-01-01",
             "former_parent_id": "", "parent_changed_on": ""},
            {"place_id": "r2-region", "kind": "region", "parent_id": "", "name_kk": "Екі облысы",
             "name_ru": "", "name_en": "", "aliases": "", "valid_from": "2010-01-01",
             "valid_to": "", "former_parent_id": "", "parent_changed_on": ""},
            {"place_id": "d", "kind": "district", "parent_id": "r2-region", "name_kk": "Үш ауданы",
             "name_ru": "", "name_en": "", "aliases": "Ескі;Ескі Үш", "valid_from": "",
             "valid_to": "", "former_parent_id": "r1-region", "parent_changed_on": "2010-01-01"},
        ]
    )
    g = Gazetteer(frame)
    assert g.resolve("Ескі") == "d"
    assert g.resolve("Үш", region="Бір", on="2009-12-31") == "d"
    assert g.resolve("Үш", region="Бір", on="2010-01-01") is None
    assert g.resolve("Үш", region="Екі", on="2010-01-01") == "d"
    assert g.resolve("Үш", region="Екі") == "d"
    assert g.resolve("Үш", region="Бір") == "d"
