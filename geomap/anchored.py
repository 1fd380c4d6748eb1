"""Names offline data lacks, placed approximately where the text says they lie from a resolved place."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import ahocorasick
from geopy.distance import distance as geodesic_distance

from .claims.extract import area_kinds
from .claims.lexicon import Lexicon, lexicon, lookup, parse_number
from .claims.lexicon import data as claims_data
from .geocoders.base import haversine_km
from .langdata import alternation, languages_for, package_yaml, phrase_pattern
from .model import Article, LatLon, Mention, Place, Resolution
from .textnorm import fold, fold_key
from .unplaced_report import slug

#: Resolver name of a place the text placed relative to another one (not a resolver's answer).
TEXT = "text"
#: A place placed from the text is a guess: the resolution's confidence says so (summary, CSV).
CONFIDENCE = 0.3


@dataclass(frozen=True)
class Occurrence:
    """One place in the text where a name no resolver placed is written."""

    article_id: str
    start: int
    end: int
    name: str
    kind: str = "place"


@dataclass(frozen=True)
class Anchoring:
    """Where one sentence puts a name: near ``anchor_id``'s place, at ``latlon`` within ``radius_km``."""

    anchor_id: str
    latlon: LatLon
    radius_km: float
    article_id: str
    sentence: str  # the sentence saying it, as written


@dataclass(frozen=True)
class _Words:
    """One language's (or all languages') anchoring words, compiled on folded text."""

    relation: re.Pattern[str]  # at the start of what follows a name: gap, then one relation
    drives: dict[str, float]
    claims: Lexicon
    gap: frozenset[str]
    joiner: re.Pattern[str]


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    return package_yaml("anchors.yaml", "the anchoring words", ("near", "inside", "drives", "apposition_openers",
                                                                 "anchor_gap", "joiners", "placing"))


def _phrases(section: str, language: str | None) -> list[str]:
    raw = _data()[section]
    return [str(p) for lang in languages_for(raw, language) for p in raw[lang]]


@lru_cache(maxsize=8)
def _words(language: str | None) -> _Words:
    d, c = _data(), claims_data()
    drive_phrases = {str(k): float(v) for lang in languages_for(d["drives"], language)
                     for k, v in d["drives"][lang].items()}
    directions = [str(k) for lang in languages_for(c["directions"], language) for k in c["directions"][lang]]
    links = [str(w) for lang in languages_for(c["direction_links"], language) for w in c["direction_links"][lang]]
    end_link = r"(?:(?<=')|(?= ))"
    opener = alternation(_phrases("apposition_openers", language))
    # The name is followed by nothing, a comma, an apposition opened by an article ("X, the …
    # residence in Y") or a parenthesis; then the relation: a distance and/or a direction, near, in.
    lead = rf"(?:\s*,\s*(?:{opener}(?<=')|{opener} )[^,;:.!?()\"«»]{{0,80}}? |\s*,\s*|\s+|\s*\(\s*(?P<paren>))"
    figure = lexicon(language).figure.pattern.replace("(?<![\\w'])", "", 1)
    relation = (
        rf"{lead}(?:(?P<fig>(?:[\w']+ ){{0,2}}?{figure})"
        rf"|(?:(?P<drive>{alternation(drive_phrases)}) )?(?P<bdir>{alternation(directions)}) (?P<blink>{alternation(links)}){end_link}"
        rf"|(?P<near>{alternation(_phrases('near', language))}){end_link}"
        rf"|(?P<inside>{alternation(_phrases('inside', language))}) "
        r"|(?P<bare>)(?<=\())"
    )
    return _Words(
        relation=re.compile(relation),
        drives={phrase_pattern(k): v for k, v in drive_phrases.items()},
        claims=lexicon(language),
        gap=frozenset(fold_key(w) for w in _phrases("anchor_gap", language)),
        joiner=re.compile(rf"\s*,?\s*(?:{alternation(_phrases('joiners', language))}) "),
    )


def _placing(key: str) -> float:
    return float(_data()["placing"][key])


def anchoring(article: Article, occurrence: Occurrence, mentions: Sequence[Mention],
              places: Mapping[str, Place]) -> Anchoring | None:
    """Where the text right after ``occurrence`` says it lies (``mentions``: the article's, in text
    order), or None when it says nothing, names no resolved place, or could mean several places."""
    text = article.text
    sentence = article.sentence_at(occurrence.start) if article.sentences else None
    hi = sentence.end if sentence else len(text)
    after = fold(text[occurrence.end:hi])
    words = _words(article.language)
    m = words.relation.match(after.text)
    if m is None:
        return None
    at = occurrence.end + after.span(m.end(), m.end())[0]
    anchor = _anchor_mention(text, at, hi, mentions, places, words) or _antecedent(
        article, occurrence, text[at:hi], mentions, places, words)
    if anchor is None:
        return None
    place = places[anchor.place_id]  # type: ignore[index]
    if place.kind in area_kinds() or not place.has_coords:
        return None  # a country, a state, a province: its centre says nothing of where in it the place is
    point = _point(m, place, words, article.language)
    if point is None:
        return None
    quote = " ".join(text[sentence.start:sentence.end].split()) if sentence else text
    return Anchoring(anchor.place_id, point[0], point[1], article.id, quote)  # type: ignore[arg-type]


def _point(m: re.Match[str], anchor: Place, words: _Words, language: str | None) -> tuple[LatLon, float] | None:
    """The place's point and uncertainty radius from the relation ``m`` to ``anchor`` (a town, a site)."""
    if m["inside"] is not None or m["bare"] is not None:
        return anchor.latlon, _placing("inside_city_radius_km")
    if m["near"] is not None:
        return anchor.latlon, _placing("near_radius_km")
    if m["fig"] is not None:
        km = _figure_km(m, words, language)
        if km is None or km <= 0 or km > _placing("max_distance_km"):
            return None
        if m["dir"] is None or m["dlink"] is None:
            return (anchor.latlon, km) if km <= _placing("undirected_max_km") else None
        radius = max(km * _placing("distance_radius_share"), _placing("min_radius_km"))
        return _offset(anchor.latlon, km, float(lookup(words.claims.directions, m["dir"]))), radius
    if m["drive"] is not None:
        km = float(lookup(words.drives, m["drive"]))
        radius = max(km * _placing("distance_radius_share") * 1.5, _placing("min_radius_km"))  # roads wind
    else:
        km, radius = _placing("bare_direction_km"), _placing("bare_direction_radius_km")
    return _offset(anchor.latlon, km, float(lookup(words.claims.directions, m["bdir"]))), radius


def _figure_km(m: re.Match[str], words: _Words, language: str | None) -> float | None:
    value = parse_number(m["num"], language) if m["num"] else float(lookup(words.claims.number_words, m["word"]))
    return None if value is None else value * float(lookup(words.claims.units, m["unit"]))


def _offset(origin: LatLon, km: float, bearing: float) -> LatLon:
    p = geodesic_distance(kilometers=km).destination(origin, bearing)
    return (round(p.latitude, 5), round(p.longitude, 5))


def _anchor_mention(text: str, at: int, hi: int, mentions: Sequence[Mention], places: Mapping[str, Place],
                    words: _Words) -> Mention | None:
    """The resolved mention the relation ending at ``at`` points at: the next name, a few
    ``anchor_gap`` words at most between ("in the province of Y"), and not one of several
    ("near Y and Z")."""
    nxt = next((x for x in mentions if x.start >= at), None)
    if nxt is None or nxt.start > hi or nxt.place_id not in places:
        return None
    gap = re.findall(r"[\w'’]+", text[at:nxt.start])
    if re.search(r"[,;:.!?()]", text[at:nxt.start]) or any(_gap_word(w) not in words.gap for w in gap):
        return None
    rest = fold(text[nxt.end:hi]).text
    if (j := words.joiner.match(rest)) is not None:
        following = next((x for x in mentions if x.start >= nxt.end), None)
        if following is not None and following.start <= nxt.end + j.end() + 4:
            return None  # "près de Y et de Z": which one?
    return nxt


def _gap_word(word: str) -> str:
    key = fold_key(word)
    return key[:2] if len(key) > 2 and key[1] == "'" else key  # "l'", "d'" glued to the next word


def _antecedent(article: Article, occurrence: Occurrence, rest: str, mentions: Sequence[Mention],
                places: Mapping[str, Place], words: _Words) -> Mention | None:
    """The place "la ville", "the capital" (right after the relation) stands for: the latest
    resolved mention of a fitting kind before the name, in its sentence or the one before."""
    folded = fold(rest).text.lstrip()
    for pattern, kinds in words.claims.antecedents.items():
        if not kinds or not re.match(rf"{pattern}(?![\w'])", folded):
            continue
        here = article.sentence_at(occurrence.start).index if article.sentences else 0
        for x in reversed([x for x in mentions if x.end <= occurrence.start and x.sentence in (here, here - 1)]):
            place = places.get(x.place_id) if x.place_id else None
            if place is not None and place.kind in kinds:
                return x
        return None
    return None


def place_anchored(articles: Sequence[Article], mentions: Sequence[Mention], places: Mapping[str, Place],
                   names: Iterable[Occurrence]) -> tuple[list[Mention], dict[str, Resolution]]:
    """Place each name of ``names`` the text anchors to a resolved place, approximately: its
    mentions (every occurrence of the name in the articles) and resolutions by place id.

    A name placed by several sentences is placed by the most precise, unless two disagree (their
    circles do not meet): then it is not placed at all, as a wrong place is worse than none.
    """
    by_article = {a.id: a for a in articles}
    own: dict[str, list[Mention]] = {}
    for x in sorted(mentions, key=lambda x: x.start):
        if x.place_id is not None:
            own.setdefault(x.article_id, []).append(x)
    groups: dict[str, list[Occurrence]] = {}
    for o in names:
        groups.setdefault(fold_key(o.name), []).append(o)
    found: list[Mention] = []
    resolutions: dict[str, Resolution] = {}
    occurrences = _written(articles, {key: group[0].name for key, group in groups.items()}, own)
    for key, group in groups.items():
        first = group[0]
        written = occurrences.get(key, [])  # every sentence may say where it is, not only those found
        said = [a for x in written
                if (a := anchoring(by_article[x.article_id], Occurrence(x.article_id, x.start, x.end, x.surface),
                                   own.get(x.article_id, []), places)) is not None]
        best = _agreed(said)
        if best is None:
            continue
        place = _place(first, best, places[best.anchor_id])
        if place.id in places or place.id in resolutions:
            continue
        resolutions[place.id] = Resolution(query=first.name, place=place, resolver=TEXT,  # type: ignore[arg-type]
                                           confidence=CONFIDENCE, reason=f"placed approximately, from: {best.sentence}")
        found.extend(replace(x, place_id=place.id) for x in written)
    return found, resolutions


def _agreed(said: Sequence[Anchoring]) -> Anchoring | None:
    if not said:
        return None
    for i, a in enumerate(said):
        if any(haversine_km(a.latlon, b.latlon) > a.radius_km + b.radius_km for b in said[i + 1:]):
            return None
    return min(said, key=lambda a: a.radius_km)


def _place(first: Occurrence, best: Anchoring, anchor: Place) -> Place:
    return Place(id=f"{TEXT}:{slug(first.name)}", name=first.name, kind=first.kind, lat=best.latlon[0], lon=best.latlon[1],
                 country=anchor.country, source=best.sentence, resolver=TEXT,  # type: ignore[arg-type]
                 approx_km=round(best.radius_km, 1))


def _written(articles: Sequence[Article], names: Mapping[str, str],
             own: Mapping[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Every occurrence of each name (``names``: by folded key) not inside a resolved name, as a
    mention of no place yet, by key: one automaton pass per article (a scan per name and article
    was names x articles, thousands of each in a large story)."""
    automaton = ahocorasick.Automaton()
    for key, name in names.items():
        automaton.add_word(name, (key, name))
    if len(automaton) == 0:
        return {}
    automaton.make_automaton()
    found: dict[str, list[Mention]] = {}
    for article in articles:
        text, taken = article.text, own.get(article.id, [])
        for last, (key, name) in automaton.iter(text):
            start, end = last + 1 - len(name), last + 1
            if (start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_'’-")) or _glued(text, end):
                continue
            if any(x.start < end and start < x.end for x in taken):
                continue
            index = article.sentence_at(start).index if article.sentences else 0
            found.setdefault(key, []).append(Mention(article.id, index, start, end, name, None, key))
    return found


def _glued(text: str, end: int) -> bool:
    """Whether the name goes on after ``end`` ("Sainte-Anne" in "Sainte-Anne-de-Beaupré", "X's" is fine)."""
    after = text[end:end + 2]
    return bool(after) and (after[0].isalnum() or after[0] in "_’-" or (after[0] == "'" and after[1:].isalnum()))
