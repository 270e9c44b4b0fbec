"""Places named in an act, in any grammatical form, through the gazetteer (`ashyq.places`).

An act names its issuer's place inflected: «Бәйтерек ауданы әкімдігінің», «акимата
Казталовского района Западно-Казахстанской области», «акимата города Уральска». The gazetteer
matches names exactly on a key (`normalize_place_name`, which already drops every form of the
type words: ауданының, района, области ...); this module splits a phrase into its places
(«Казталовского района» | «Западно-Казахстанской области») and tries the nominative forms of
each: Russian adjectives back to «-ский / -ская» or their bare stem («Зеленовского» →
«Зеленовский», «Зеленов»: the gazetteer's old names are often kept as the stem), Russian
nouns without their genitive ending («Уральска» → «Уральск»). Namesakes (a district name in
two regions) are told apart by the region the phrase names, on the act's date (regions were
split and renamed in 2022).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ashyq.places import Gazetteer, name_forms

# A type word in any form; "postfix" ones follow the name (kk, and Russian adjectives),
# "prefix" ones precede it (Russian «города Уральска», «г. Тараз»).
_POSTFIX = re.compile(
    r"^(?:ауданы\w*|аудан|облысы\w*|облыс|қаласы\w*|район\w*|област\w*|р-н\w*|обл\.)$", re.IGNORECASE)
_PREFIX = re.compile(r"^(?:город\w*|г\.|қ\.)$", re.IGNORECASE)
_KIND = [(re.compile(r"^(?:ауданы\w*|аудан|район\w*|р-н\w*)$", re.I), "district"),
         (re.compile(r"^(?:облысы\w*|облыс|област\w*|обл\.)$", re.I), "region"),
         (re.compile(r"^(?:қаласы\w*|город\w*|г\.|қ\.)$", re.I), "city")]
# Words of the issuer phrase that are not part of a place: the akimat in its forms.
_NOT_PLACE = re.compile(r"^(?:әкімдіг\w*|әкімі\w*|акимат\w*|аким\w*|мәслихат\w*|маслихат\w*|постановлени\w*|"
                        r"решени\w*|қаулы\w*|шешім\w*)$", re.IGNORECASE)

@dataclass(frozen=True)
class Segment:
    """One place of a phrase: its words as printed and the kind its type word names."""

    text: str
    name: str  # the name words alone (no type word)
    kind: str | None


def segments(phrase: str) -> list[Segment]:
    """Split «Казталовского района Западно-Казахстанской области» into its places."""
    tokens = [t for t in re.split(r"\s+", phrase.replace("«", " ").replace("»", " ").strip()) if t]
    out: list[Segment] = []
    acc: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i].strip(",;:")
        if _NOT_PLACE.match(tok):
            acc = []
        elif _POSTFIX.match(tok) and acc:
            out.append(Segment(" ".join(acc + [tok]), " ".join(acc), _kind(tok)))
            acc = []
        elif _PREFIX.match(tok) and i + 1 < len(tokens):
            name = tokens[i + 1].strip(",;:")
            out.append(Segment(f"{tok} {name}", name, "city"))
            acc = []
            i += 1
        else:
            acc.append(tok)
        i += 1
    if acc and not out:
        out.append(Segment(" ".join(acc), " ".join(acc), None))
    return out


def _kind(word: str) -> str | None:
    for rx, kind in _KIND:
        if rx.match(word):
            return kind
    return None


@dataclass
class PlaceMatch:
    """What a phrase's places resolved to: the most specific place, its region, and for a
    name that did not resolve, what was tried and the gazetteer's "did you mean"."""

    place_id: str | None
    region_id: str | None
    printed: str  # the segment of the place_id as printed
    candidates: list[str]
    ambiguous: bool


def resolve_region(gaz: Gazetteer, seg: Segment) -> str | None:
    words = seg.name.split()
    for size in range(min(3, len(words)), 0, -1):
        for form in name_forms(" ".join(words[-size:])):
            scope = gaz.region_scope(form + (" облысы" if seg.kind == "region" else ""))
            if not scope:
                scope = gaz.region_scope(form)
            if len(scope) == 1:
                return next(iter(scope))
    return None


def resolve_segment(gaz: Gazetteer, seg: Segment, region: str | None,
                    on: str | None) -> tuple[list[str], list[str], Segment]:
    """Ids the segment can mean (under `region` and on the date), did-you-mean ids, and the
    segment trimmed to the words that matched. A name is at most three words before its type
    word («Бөкей ордасы ауданы»); in running text («квоты для инвалидов по Казталовскому
    району») the words before it are tried from the longest to the last one alone."""
    kind = seg.kind if seg.kind in ("district", "region") else None
    words = seg.name.split()
    type_words = seg.text.split()[len(words):] if seg.text.startswith(seg.name) else []
    prefix = seg.text.split()[: len(seg.text.split()) - len(words)] if not type_words else []
    for size in range(min(3, len(words)), 0, -1):
        name = " ".join(words[-size:])
        for form in name_forms(name):
            found: list[str] = []
            for k in ([kind] if kind else [None]) if seg.kind != "city" else ["city", "town"]:
                found += gaz.matches(form, region=region, on=on, kind=k)
            if found:
                text = " ".join(prefix + words[-size:] + type_words)
                return sorted(set(found)), [], Segment(text, name, seg.kind)
    return [], [], seg


def resolve_phrase(gaz: Gazetteer, phrase: str, on: str | None = None,
                   region_hint: str | None = None, suggest: bool = True) -> PlaceMatch:
    """The place a phrase names («Батыс Қазақстан облысы Бәйтерек ауданы», «Казталовского
    района Западно-Казахстанской области»): the district or city if it names one, else the
    region. `region_hint` (a place id) tells namesakes apart when the phrase names no region."""
    segs = segments(phrase)
    if not segs:
        return PlaceMatch(None, None, phrase, [], False)
    region_id = region_hint
    regions = [s for s in segs if s.kind == "region"]
    for seg in regions:
        rid = resolve_region(gaz, seg)
        if rid:
            region_id = rid
    locals_ = [s for s in segs if s.kind != "region"]
    if not locals_:
        seg = regions[-1]
        if region_id:
            return PlaceMatch(region_id, region_id, seg.text, [], False)
        return PlaceMatch(None, None, seg.text, gaz.candidates(seg.name), False)
    seg = locals_[-1]
    ids, did_you_mean, matched = resolve_segment(gaz, seg, region_id, on)
    if not ids and on is not None:  # a place renamed or abolished since: try without the date
        ids, did_you_mean, matched = resolve_segment(gaz, seg, region_id, None)
    if len(ids) == 1:
        return PlaceMatch(ids[0], region_id, matched.text, [], False)
    if not ids and suggest:  # "did you mean": fuzzy, so only for a name that is reported
        did_you_mean = gaz.candidates(" ".join(seg.name.split()[-2:]))
    return PlaceMatch(None, region_id, matched.text, ids or did_you_mean, len(ids) > 1)
