"""Build datasets/places/data/places.csv: the project's gazetteer.

Run: .venv/bin/python scripts/build_places.py

Inputs (copied unchanged from shared/reference/kato into datasets/places/sources/):
  kato_oblast_district.csv  the 229 oblast- and district-level rows of КАТО (НК РК 11-2025)
  kato.csv                  the full КАТО, read only for the districts inside the three
                            cities of republican significance and for the few towns the
                            documents name (kind "town")
plus the curated tables below (English names of regions, historical places, aliases met in
the documents, region changes of 2018 and 2022).

Output is deterministic: rows sorted by КАТО code (historical rows without a code sit just
before their successor), `csv` module, LF line ends, UTF-8 without BOM.

Identifier rule (datasets/README.md), applied in this order:
  1. regions: `<english>-region`; cities of republican significance: astana, almaty, shymkent.
  2. cities of regional significance and districts (incl. districts inside the republican
     cities): the Kazakh name without its type word (ауданы, Қ.Ә., ...), transliterated.
  3. a slug shared by two or more places of step 2, or equal to an id of step 1, gets
     `-<region id without -region>` on every place that shares it (zhambyl-almaty, ...).
  4. if places still share an id after step 3 (a city and a district of the same name in the
     same region, e.g. Қостанай Қ.Ә. and Қостанай ауданы), `-city` / `-district` is appended
     to the slug of step 2 instead (kostanai-city, kostanai-district).
  5. towns (kind "town", settlements inside a district) take the slug; if it is already an id,
     `-town` is appended (shu-town).
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PKG = ROOT / "datasets" / "places"
SOURCES = PKG / "sources"
OUT = PKG / "data" / "places.csv"

FIELDS = [
    "place_id",
    "kind",
    "parent_id",
    "kato",
    "name_kk",
    "name_ru",
    "name_en",
    "aliases",
    "valid_from",
    "valid_to",
    "former_parent_id",
    "parent_changed_on",
    "source",
    "notes",
]

# --------------------------------------------------------------------------- curated tables

# Oblast-level КАТО code -> (place_id, English name). The three cities of republican
# significance are kind "city" with no parent.
REGIONS: dict[str, tuple[str, str]] = {
    "100000000": ("abai-region", "Abai Region"),
    "110000000": ("akmola-region", "Akmola Region"),
    "150000000": ("aktobe-region", "Aktobe Region"),
    "190000000": ("almaty-region", "Almaty Region"),
    "230000000": ("atyrau-region", "Atyrau Region"),
    "270000000": ("west-kazakhstan-region", "West Kazakhstan Region"),
    "310000000": ("zhambyl-region", "Zhambyl Region"),
    "330000000": ("zhetisu-region", "Zhetisu Region"),
    "350000000": ("karaganda-region", "Karaganda Region"),
    "390000000": ("kostanay-region", "Kostanay Region"),
    "430000000": ("kyzylorda-region", "Kyzylorda Region"),
    "470000000": ("mangystau-region", "Mangystau Region"),
    "550000000": ("pavlodar-region", "Pavlodar Region"),
    "590000000": ("north-kazakhstan-region", "North Kazakhstan Region"),
    "610000000": ("turkistan-region", "Turkistan Region"),
    "620000000": ("ulytau-region", "Ulytau Region"),
    "630000000": ("east-kazakhstan-region", "East Kazakhstan Region"),
    "710000000": ("astana", "Astana"),
    "750000000": ("almaty", "Almaty"),
    "790000000": ("shymkent", "Shymkent"),
}

# Dates of the two reforms that changed regions since 2005.
# 2018-06-19: Decree of the President of that day "On some questions of the administrative-
# territorial structure of the Republic of Kazakhstan": Оңтүстік Қазақстан облысы renamed
# Түркістан облысы (centre moved to Түркістан), Шымкент made a city of republican significance.
SKO_RENAMED = "2018-06-19"
# 2022-06-08: the Абай, Жетісу and Ұлытау regions formed (Decree of the President of the same
# title signed 2022-05-03, in force from 2022-06-08).
REGIONS_2022 = "2022-06-08"

# Rows that are not in the current КАТО.
HISTORICAL: list[dict[str, str]] = [
    {
        "place_id": "south-kazakhstan-region",
        "kind": "region",
        "parent_id": "",
        "kato": "",
        "name_kk": "Оңтүстік Қазақстан облысы",
        "name_ru": "Южно-Казахстанская область",
        "name_en": "South Kazakhstan Region",
        "valid_from": "",
        "valid_to": SKO_RENAMED,
        "notes": "Renamed Turkistan Region by the Decree of the President of 2018-06-19, "
        "when Shymkent became a city of republican significance; its КАТО code is not in the current "
        "edition and is left empty.",
        "_sort": "609999999",
    },
]

# valid_from / valid_to of current rows, where a document or a decree dates them.
VALIDITY: dict[str, tuple[str, str]] = {
    "turkistan-region": (SKO_RENAMED, ""),
    "abai-region": (REGIONS_2022, ""),
    "zhetisu-region": (REGIONS_2022, ""),
    "ulytau-region": (REGIONS_2022, ""),
}

# Region before the change, for places whose region changed since 2017.
# place_id -> (former_parent_id, parent_changed_on). Every entry is a place the 2017 rating
# (seed 004) prints with its old region. Places of the Abai and Turkistan regions that the
# rating does not name (Ақсуат, Жаңасемей, Мақаншы, Келес, Жетісай, Сауран: formed or split
# off later) have no entry: their former region is not recorded.
FORMER_PARENT: dict[str, tuple[str, str]] = {
    # 2018: Оңтүстік Қазақстан облысы -> Түркістан облысы / city of republican significance
    "shymkent": ("south-kazakhstan-region", SKO_RENAMED),
    "turkistan": ("south-kazakhstan-region", SKO_RENAMED),
    "arys": ("south-kazakhstan-region", SKO_RENAMED),
    "kentau": ("south-kazakhstan-region", SKO_RENAMED),
    "baidibek": ("south-kazakhstan-region", SKO_RENAMED),
    "kazygurt": ("south-kazakhstan-region", SKO_RENAMED),
    "maktaaral": ("south-kazakhstan-region", SKO_RENAMED),
    "ordabasy": ("south-kazakhstan-region", SKO_RENAMED),
    "otyrar": ("south-kazakhstan-region", SKO_RENAMED),
    "sairam": ("south-kazakhstan-region", SKO_RENAMED),
    "saryagash": ("south-kazakhstan-region", SKO_RENAMED),
    "sozak": ("south-kazakhstan-region", SKO_RENAMED),
    "tole-bi": ("south-kazakhstan-region", SKO_RENAMED),
    "tulkibas": ("south-kazakhstan-region", SKO_RENAMED),
    "shardara": ("south-kazakhstan-region", SKO_RENAMED),
    # 2022: East Kazakhstan -> Abai
    "semei": ("east-kazakhstan-region", REGIONS_2022),
    "kurchatov": ("east-kazakhstan-region", REGIONS_2022),
    "abai-abai": ("east-kazakhstan-region", REGIONS_2022),
    "ayagoz": ("east-kazakhstan-region", REGIONS_2022),
    "beskaragai": ("east-kazakhstan-region", REGIONS_2022),
    "borodulikha": ("east-kazakhstan-region", REGIONS_2022),
    "zharma": ("east-kazakhstan-region", REGIONS_2022),
    "kokpekti": ("east-kazakhstan-region", REGIONS_2022),
    "urzhar": ("east-kazakhstan-region", REGIONS_2022),
    # 2022: Almaty -> Zhetisu
    "taldykorgan": ("almaty-region", REGIONS_2022),
    "tekeli": ("almaty-region", REGIONS_2022),
    "aksu-zhetisu": ("almaty-region", REGIONS_2022),
    "alakol": ("almaty-region", REGIONS_2022),
    "eskeldi": ("almaty-region", REGIONS_2022),
    "kerbulak": ("almaty-region", REGIONS_2022),
    "koksu": ("almaty-region", REGIONS_2022),
    "karatal": ("almaty-region", REGIONS_2022),
    "panfilov": ("almaty-region", REGIONS_2022),
    "sarkan": ("almaty-region", REGIONS_2022),
    # 2022: Karaganda -> Ulytau
    "zhezkazgan": ("karaganda-region", REGIONS_2022),
    "karazhal": ("karaganda-region", REGIONS_2022),
    "satbaev": ("karaganda-region", REGIONS_2022),
    "zhanaarka": ("karaganda-region", REGIONS_2022),
    "ulytau": ("karaganda-region", REGIONS_2022),
}

# Other spellings met in the five seed documents (and a few official variants), without
# their type word. place_id -> aliases. Names equal to name_kk / name_ru after
# normalisation need not be listed, but every spelling a document prints is listed anyway.
ALIASES: dict[str, list[str]] = {
    # regions as printed in seed 004 (Kazakh short forms and Russian adjective forms)
    "zhambyl-region": ["Жамбыл", "Жамбылская"],
    "atyrau-region": ["Атырау", "Атырауская"],
    "almaty-region": ["Алматы", "Алматинская"],
    "south-kazakhstan-region": ["Оңтүстік Қазақстан"],
    # seed 000 / 002 (West Kazakhstan)
    "kaztalovka": ["Казталов", "Қазталов"],
    "bokeiordasy": ["Бөкей ордасы"],
    "baiterek": ["Зеленов"],
    "oral": ["Уральск"],
    # seed 003 (Zhambyl region)
    "turar-ryskulov": ["Т.Рысқұлов", "Т. Рысқұлов"],
    "merke": ["Меркі"],
    # seed 004 (2017 rating): older names and variant spellings
    "konaev": ["Қапшағай"],
    "balkash-karaganda": ["Балхаш"],
    "priozersk": ["Приозер"],
    "terenkol": ["Качиры"],
    "birzhan-sal": ["Еңбекшілдер"],
    "akkuly": ["Лебяжі"],
    "sarkan": ["Сарқант"],
    "beiimbet-mailin": ["Таран"],
    "altai": ["Зырян"],
    "katonkaragai": ["Қатонқарағай"],
    "magzhan-zhumabaev": ["М. Жұмабаев"],
    "gabit-musirepov": ["Ғ. Мүсірепов", "Ғабит Мүсірепов"],
}

NOTES: dict[str, str] = {
    "baiterek": "Former name Зеленов ауданы (seed 004); same КАТО code.",
    "kaztalovka": "КАТО spells Казталовка ауданы; the documents print Казталов ауданы.",
    "bokeiordasy": "КАТО spells Бөкейордасы; seed 000 prints Бөкей ордасы.",
    "konaev": "Former name Қапшағай (seed 004).",
    "terenkol": "Former name Качиры ауданы (seed 004).",
    "birzhan-sal": "Former name Еңбекшілдер ауданы (seed 004).",
    "akkuly": "Former name Лебяжі ауданы (seed 004).",
    "beiimbet-mailin": "Former name Таран ауданы (seed 004).",
    "altai": "Former name Зырян ауданы (seed 004).",
    "shymkent": "City of regional significance of South Kazakhstan Region until 2018-06-19.",
}

# Towns (settlements inside a district) that the documents name: seed 003 has "of which"
# rows for Жаңатас (Сарысу), Қаратау (Талас) and Шу (Шу). КАТО settlement code -> English name.
TOWNS: dict[str, str] = {
    "316020100": "Zhanatas",
    "316220100": "Karatau",
    "316621100": "Shu",
}

# --------------------------------------------------------------------------- helpers

TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e",
    "ё": "yo", "ж": "zh", "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l",
    "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
    "ю": "yu", "я": "ya",
}

# Type words of КАТО names (Kazakh side), removed before transliteration.
KK_TYPE = re.compile(r"\s*(?:ауданы|облысы|Қ\.Ә\.|Г\.А\.|қ\.ә\.|қ\.|атын\.)\s*")


def translit(text: str) -> str:
    """Kazakh Cyrillic -> plain ASCII, letter by letter (case kept on the first letter)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in TRANSLIT:
            t = TRANSLIT[low]
            out.append(t[:1].upper() + t[1:] if ch != low and t else t)
        else:
            out.append(ch)
    return "".join(out)


def slugify(text: str) -> str:
    """ASCII slug: lowercase, runs of non-alphanumerics -> '-'."""
    return re.sub(r"[^a-z0-9]+", "-", translit(text).lower()).strip("-")


def bare_kk(name_kk: str) -> str:
    """Kazakh КАТО name without its type word: 'Бәйтерек ауданы' -> 'Бәйтерек'."""
    return re.sub(r"\s+", " ", KK_TYPE.sub(" ", name_kk)).strip()


def english(bare: str) -> str:
    """English form of a bare Kazakh name: transliterated, each word capitalised."""
    words = translit(bare).split()
    return " ".join(w[:1].upper() + w[1:] for w in words)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --------------------------------------------------------------------------- build


def build() -> list[dict[str, str]]:
    od = read_csv(SOURCES / "kato_oblast_district.csv")
    full = read_csv(SOURCES / "kato.csv")
    by_code = {r["kato"]: r for r in full}

    rows: list[dict[str, str]] = []
    region_id = {}
    for r in od:
        if r["level"] != "oblast":
            continue
        pid, name_en = REGIONS[r["kato"]]
        region_id[r["kato"]] = pid
        kind = "region" if pid.endswith("-region") else "city"
        rows.append(
            {"place_id": pid, "kind": kind, "parent_id": "", "kato": r["kato"],
             "name_kk": r["name_kk"], "name_ru": r["name_ru"], "name_en": name_en,
             "source": "kato", "_sort": r["kato"]}
        )
    if len(region_id) != len(REGIONS):
        raise SystemExit("REGIONS does not match the oblast rows of КАТО")

    # districts and cities of regional significance (step 2 candidates)
    lower: list[dict[str, str]] = []
    for r in od:
        if r["level"] != "district":
            continue
        is_city = "Г.А." in r["name_ru"]
        lower.append(
            {"kind": "city" if is_city else "district",
             "parent_id": region_id[r["parent_oblast"]], "kato": r["kato"],
             "name_kk": r["name_kk"], "name_ru": r["name_ru"], "_sort": r["kato"]}
        )
    # districts inside the cities of republican significance (КАТО level sub_district)
    for r in full:
        city = r["kato"][:2] + "0000000"
        if (r["level"] == "sub_district" and city in ("710000000", "750000000", "790000000")
                and r["name_kk"].endswith(" ауданы")):
            lower.append(
                {"kind": "district", "parent_id": region_id[city], "kato": r["kato"],
                 "name_kk": r["name_kk"], "name_ru": r["name_ru"], "_sort": r["kato"]}
            )

    taken = {r["place_id"] for r in rows}
    base = {id(p): slugify(bare_kk(p["name_kk"])) for p in lower}
    count: dict[str, int] = defaultdict(int)
    for p in lower:
        count[base[id(p)]] += 1
    for p in lower:
        b = base[id(p)]
        p["place_id"] = b
        if count[b] > 1 or b in taken:
            p["place_id"] = f"{b}-{p['parent_id'].removesuffix('-region')}"
    count2: dict[str, int] = defaultdict(int)
    for p in lower:
        count2[p["place_id"]] += 1
    for p in lower:
        if count2[p["place_id"]] > 1:
            p["place_id"] = f"{base[id(p)]}-{p['kind']}"
    for p in lower:
        b = bare_kk(p["name_kk"])
        p["name_en"] = english(b) + (" District" if p["kind"] == "district" else "")
        p["source"] = "kato"
    rows.extend(lower)

    # towns
    ids = {r["place_id"] for r in rows}
    kato_to_id = {r["kato"]: r["place_id"] for r in rows}
    for code, name_en in TOWNS.items():
        r = by_code[code]
        district = kato_to_id[code[:4] + "00000"]
        bare = re.sub(r"\s*қ\.$", "", r["name_kk"])
        pid = slugify(bare)
        if pid in ids:
            pid += "-town"
        ids.add(pid)
        rows.append(
            {"place_id": pid, "kind": "town", "parent_id": district, "kato": code,
             "name_kk": r["name_kk"], "name_ru": r["name_ru"], "name_en": name_en,
             "source": "kato", "_sort": code}
        )

    rows.extend(dict(h) for h in HISTORICAL)
    for h in rows:
        if h.get("source") is None:
            h["source"] = "curated"

    by_id = {r["place_id"]: r for r in rows}
    if len(by_id) != len(rows):
        raise SystemExit("duplicate place_id")
    for table in (VALIDITY, FORMER_PARENT, ALIASES, NOTES):
        unknown = sorted(set(table) - set(by_id))
        if unknown:
            raise SystemExit(f"curated table names unknown place_id(s): {unknown}")
    for pid, (vf, vt) in VALIDITY.items():
        by_id[pid]["valid_from"], by_id[pid]["valid_to"] = vf, vt
    for pid, (fp, on) in FORMER_PARENT.items():
        if fp not in by_id:
            raise SystemExit(f"unknown former parent {fp}")
        by_id[pid]["former_parent_id"], by_id[pid]["parent_changed_on"] = fp, on
    for pid, al in ALIASES.items():
        by_id[pid]["aliases"] = ";".join(al)
    for pid, note in NOTES.items():
        by_id[pid]["notes"] = note

    rows.sort(key=lambda r: (r["_sort"], r["place_id"]))
    return [{f: r.get(f, "") for f in FIELDS} for r in rows]


def write(rows: list[dict[str, str]], path: Path = OUT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=FIELDS, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help="output CSV (default: %(default)s)")
    args = parser.parse_args(argv)
    rows = build()
    write(rows, args.out)
    print(f"{args.out}: {len(rows)} rows")


if __name__ == "__main__":
    main()
