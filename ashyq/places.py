"""Place-name resolver: printed place names -> `place_id` of the places package.

The documents print places in many ways: "Бәйтерек ауданы", "Зеленов" (its former name),
"Казталов ауданы" against КАТО's "Казталовка ауданы", "Бөкей ордасы" against "Бөкейордасы",
"Тараз қ.", "г.Тараз", a region as "Жамбыл", "Жамбыл облысы" or "Жамбылская". The gazetteer
(`datasets/places/data/places.csv`) holds every official name and every spelling met in a
document as an alias; this module matches a printed name against them.

Matching is exact on a *key*, never fuzzy: `normalize_place_name` undoes letter-spacing,
casefolds, drops type words (ауданы, облысы, қаласы, қ., Қ.Ә., район, область, г., ...) and
keeps only letters and digits. Kazakh letters are not folded into Russian ones (Қазталов and
Казталов are different keys; both are listed as aliases), so a key never matches by accident.
The type word that was dropped is not lost: it hints the kind of place ("Қостанай қ." is the
city, "Қостанай ауданы" the district). Fuzzy matching is used only by `candidates`, for
"did you mean" messages.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from ashyq.text import undo_letter_spacing

__all__ = ["Gazetteer", "Place", "kind_hint", "name_forms", "normalize_place_name"]

# Type words, after casefolding. Each entry: (regex, kind it hints).
# Abbreviations may be glued to the name ("г.Тараз", "атын.ауданы"), so they need no
# trailing boundary; words need both boundaries.
_B = r"(?<![^\W\d_])"  # no letter before
_E = r"(?![^\W\d_])"  # no letter after
_TYPE_WORDS: list[tuple[str, str | None]] = [
    (r"қ\.\s*ә\.", "city"),
    (r"г\.\s*а\.", "city"),
    (r"қ\.", "city"),
    (r"г\.", "city"),
    (r"обл\.", "region"),
    (r"р-н(?:а|е|у)?" + _E, "district"),
    (r"атын\.", None),
    (r"им\.", None),
    (r"(?:ауданы\w*|аудандық|аудан)" + _E, "district"),
    (r"(?:облысы\w*|облыстық|облыс)" + _E, "region"),
    (r"(?:қаласы\w*|қалалық|қала)" + _E, "city"),
    (r"(?:атындағы|имени)" + _E, None),
    (r"(?:район\w*)" + _E, "district"),
    (r"(?:области|область|областной)" + _E, "region"),
    (r"(?:город\w*)" + _E, "city"),
    (r"(?:district|region|oblast|city)" + _E, None),
]
_TYPE_RE = [(re.compile(_B + pat), kind) for pat, kind in _TYPE_WORDS]
_NON_ALNUM = re.compile(r"[\W_]+")

# Kinds a hint admits: "қ." marks cities and towns alike.
_HINT_KINDS = {"city": {"city", "town"}, "district": {"district"}, "region": {"region"}}

# Kazakh-specific letters folded to their Russian look-alikes: for "did you mean" only.
_LOOSE = str.maketrans("әғқңөұүһі", "агкноуухи")


def _strip_types(name: str) -> tuple[str, set[str]]:
    text = undo_letter_spacing(name).casefold().replace("ё", "е")
    kinds: set[str] = set()
    for rx, kind in _TYPE_RE:
        if kind and rx.search(text):
            kinds.add(kind)
        text = rx.sub(" ", text)
    return text, kinds


def _type_words_off(name: str) -> str:
    """The printed name without its type words, spacing kept («Казталовского района» →
    «Казталовского»), for trying its grammatical forms."""
    return re.sub(r"\s+", " ", _strip_types(name)[0]).strip()


def normalize_place_name(name: str) -> str:
    """Matching key of a printed place name.

    Letter-spacing undone, casefolded (ё → е), type words removed (ауданы, облысы, қаласы,
    аудандық, қ., Қ.Ә., Г.А., г., район, области, р-н, ...), then every character that is not
    a letter or digit dropped: "Бөкей ордасы ауданы" and "Бөкейордасы" → "бөкейордасы";
    "Т. Рысқұлов" → "трысқұлов"; "Жамбылская область" → "жамбылская" (the Russian adjective
    form itself is matched through the gazetteer's Russian names and aliases).
    """
    text, _ = _strip_types(name)
    return _NON_ALNUM.sub("", text)


def kind_hint(name: str) -> str | None:
    """Kind of place the type words of a printed name point to ("city", "district",
    "region"), or None when there is none or they disagree."""
    _, kinds = _strip_types(name)
    return kinds.pop() if len(kinds) == 1 else None


# Russian adjective endings (all cases, both genders) of a place name: «Казталовского»,
# «Таскалинскому», «Западно-Казахстанской».
_RU_ADJ = re.compile(r"(ск|цк)(?:ого|ому|им|ом|ий|ой|ая|ую|ое|ие|их|ими)$")


def name_forms(name: str) -> list[str]:
    """Nominative forms to try for a name printed in another grammatical case, the printed
    form first: Russian adjectives back to «-ский», «-ская», «-ское» and their bare stem
    («Зеленовского» → «Зеленовский», «Зеленов»: old names are often kept as the stem), a
    Russian noun without its case ending («Уральска» → «Уральск»). Kazakh case endings need
    no forms: they sit on the type word (ауданының, облысының), which the key drops."""
    forms = [name]
    words = name.split()
    last = words[-1] if words else ""
    m = _RU_ADJ.search(last)
    if m:
        stem = last[: m.start()]
        for ending in ("ский", "ская", "ское", "") if m.group(1) == "ск" else ("цкий", "цкая", ""):
            forms.append(" ".join(words[:-1] + [stem + ending]))
    elif re.search(r"[а-яё]$", last) and not re.search(r"[әғқңөұүһі]", name.casefold()):
        for ending in ("ом", "ым", "ем", "у", "е", "а", "я", "ы", "и"):
            if last.endswith(ending) and len(last) > 3 + len(ending):
                forms.append(" ".join(words[:-1] + [last[: -len(ending)]]))
    return list(dict.fromkeys(f for f in forms if f))


def _loose(key: str) -> str:
    return key.translate(_LOOSE)


def _as_date(value: date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


@dataclass(frozen=True)
class Place:
    """One row of places.csv (the fields the resolver needs)."""

    place_id: str
    kind: str
    parent_id: str
    name_kk: str
    valid_from: str
    valid_to: str
    former_parent_id: str
    parent_changed_on: str

    def valid_on(self, on: str) -> bool:
        """True when the place existed on the ISO date `on` (empty bounds are open)."""
        return (not self.valid_from or self.valid_from <= on) and (
            not self.valid_to or on < self.valid_to
        )

    def parents(self, on: str | None) -> set[str]:
        """Parent ids: on a date, the one valid then; without a date, current and former."""
        if on is not None and self.parent_changed_on and self.former_parent_id:
            return {self.former_parent_id if on < self.parent_changed_on else self.parent_id} - {""}
        return {self.parent_id, self.former_parent_id} - {""}


class Gazetteer:
    """Resolve printed place names to place ids.

    >>> g = Gazetteer.from_csv("datasets/places/data/places.csv")
    >>> g.resolve("Зеленов", region="Батыс Қазақстан")
    'baiterek'
    >>> g.resolve("Жамбыл", region="Жамбылская")
    'zhambyl-zhambyl'
    """

    def __init__(self, places: pd.DataFrame) -> None:
        frame = places.fillna("").astype(str)
        self.places: dict[str, Place] = {}
        self._keys: dict[str, set[str]] = defaultdict(set)
        for row in frame.to_dict("records"):
            place = Place(
                place_id=row["place_id"],
                kind=row["kind"],
                parent_id=row.get("parent_id", ""),
                name_kk=row.get("name_kk", ""),
                valid_from=row.get("valid_from", ""),
                valid_to=row.get("valid_to", ""),
                former_parent_id=row.get("former_parent_id", ""),
                parent_changed_on=row.get("parent_changed_on", ""),
            )
            self.places[place.place_id] = place
            names = [row.get("name_kk", ""), row.get("name_ru", ""), row.get("name_en", "")]
            names += [a for a in row.get("aliases", "").split(";")]
            for name in names:
                key = normalize_place_name(name) if name.strip() else ""
                if key:
                    self._keys[key].add(place.place_id)
        self._loose_keys: dict[str, set[str]] = defaultdict(set)
        for key, ids in self._keys.items():
            self._loose_keys[_loose(key)] |= ids

    @classmethod
    def from_csv(cls, path: str | Path) -> Gazetteer:
        """Gazetteer from a places.csv file (all columns read as strings)."""
        return cls(pd.read_csv(path, dtype=str, keep_default_na=False))

    # ------------------------------------------------------------------ lookups

    def keys_of(self, place_id: str) -> set[str]:
        """All matching keys of a place (names and aliases, normalised)."""
        return {k for k, ids in self._keys.items() if place_id in ids}

    def ancestors(self, place_id: str, on: date | str | None = None) -> set[str]:
        """Every place above `place_id` (parents, their parents, ...), on a date or ever."""
        day = _as_date(on)
        seen: set[str] = set()
        todo = [place_id]
        while todo:
            place = self.places.get(todo.pop())
            if place is None:
                continue
            for parent in place.parents(day):
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    def region_scope(self, region: str) -> set[str]:
        """Region-level place ids (regions, cities of republican significance) that a
        printed region name or a place id denotes; empty when unknown."""
        if region in self.places:
            return {region}
        key = normalize_place_name(region)
        hint = kind_hint(region)
        top = {
            pid
            for pid in self._keys.get(key, set())
            if self.places[pid].kind == "region"
            or (self.places[pid].kind == "city" and not self.places[pid].parent_id)
        }
        if hint == "region":
            top = {p for p in top if self.places[p].kind == "region"}
        elif hint == "city":
            top = {p for p in top if self.places[p].kind == "city"}
        return top

    def matches(
        self,
        name: str,
        region: str | None = None,
        on: date | str | None = None,
        kind: str | None = None,
    ) -> list[str]:
        """All place ids the printed name can mean under the given constraints, sorted."""
        if name in self.places:
            return [name]
        key = normalize_place_name(name)
        if not key:
            return []
        ids = set(self._keys.get(key, set()))
        if not ids:  # a name in another case: «Казталовского района», «города Уральска»
            for form in name_forms(_type_words_off(name))[1:]:
                ids |= self._keys.get(normalize_place_name(form), set())
        if kind is not None:
            ids = {p for p in ids if self.places[p].kind == kind}
        else:
            hint = kind_hint(name)
            if hint is not None:
                ids = {p for p in ids if self.places[p].kind in _HINT_KINDS[hint]}
        day = _as_date(on)
        if day is not None:
            ids = {p for p in ids if self.places[p].valid_on(day)}
        if region is not None:
            scope = self.region_scope(region)
            ids = {p for p in ids if p not in scope and self.ancestors(p, day) & scope}
        return sorted(ids)

    def resolve(
        self,
        name: str,
        region: str | None = None,
        on: date | str | None = None,
        kind: str | None = None,
    ) -> str | None:
        """The place id of a printed name, or None when it is unknown or ambiguous.

        name    the place as printed ("Бәйтерек ауданы", "Зеленов", "Тараз қ.") or a place id
        region  the region as printed ("Жамбылская", "Оңтүстік Қазақстан") or a place id;
                only places in that region (now, or before a region change) are considered
        on      a date (ISO string or `date`): only places existing then, and their region then
        kind    "region", "city", "district" or "town"; without it, the type word of the
                printed name (қ., ауданы, облысы, ...) narrows the kind
        Never raises.
        """
        try:
            found = self.matches(name, region=region, on=on, kind=kind)
        except Exception:  # noqa: BLE001 - the resolver never raises by contract
            return None
        return found[0] if len(found) == 1 else None

    def candidates(self, name: str, limit: int = 8) -> list[str]:
        """Place ids a misspelt or ambiguous name may mean, best first ("did you mean")."""
        key = normalize_place_name(name)
        if not key:
            return []
        out: list[str] = sorted(self._keys.get(key, set()))
        loose = _loose(key)
        close = difflib.get_close_matches(loose, list(self._loose_keys), n=limit, cutoff=0.75)
        if loose in self._loose_keys and loose not in close:
            close.insert(0, loose)
        for k in close:
            for pid in sorted(self._loose_keys[k]):
                if pid not in out:
                    out.append(pid)
        return out[:limit]
