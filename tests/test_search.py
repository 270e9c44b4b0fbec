"""Site search (Material's lunr worker): the words of the site found as whole words in its index."""

from __future__ import annotations

import csv
import json
import re

from ashyq.paths import DATASETS


def place_names() -> list[tuple[str, list[str]]]:
    """(place_id, its Russian name and aliases) for every place that has them."""
    with open(DATASETS / "places" / "data" / "places.csv", encoding="utf-8", newline="") as f:
        return [(r["place_id"], [n for n in [r["name_ru"], *r["aliases"].split(";")] if n.strip()])
                for r in csv.DictReader(f)]


def test_the_index_holds_every_name_of_a_place_as_words(real_site):
    """Material's indexer joins adjacent elements without a space (<dt>Орысша</dt><dd>Бурлинский
    район</dd> → «ОрысшаБурлинский»): a name glued to its label cannot be found. Every word of a
    place's Russian name and aliases must be a word of its page in the index."""
    index = json.loads((real_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    words_by_page: dict[str, set[str]] = {}
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]).lower()
        words_by_page.setdefault(doc["location"].split("#")[0], set()).update(separator.split(text))
    missing = []
    for place_id, names in place_names():
        words = words_by_page.get(f"places/{place_id}/")
        if words is None:
            continue
        for name in names:
            missing += [f"{place_id}: {w}" for w in separator.split(name.lower()) if w and w not in words]
    assert missing == []
