"""Names followed by where they lie ("Springfield, Illinois", "Victoria (Seychelles)", "Woodside, near San Francisco")."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from ..geocoders.context import Region
from ..geocoders.geonames import world_city
from ..geocoders.regions import us_state_area, us_state_code
from ..model import Article, LatLon, Mention, Place
from .finds import NameIndex
from .lexicon import Lexicon, Words, _words, load_lexicon
from .reading import _CountryNames

_OPEN = re.compile(r"[ \t\u00a0]*[,(][ \t\u00a0]*")
_SPACE = re.compile(r"[ \t\u00a0]+")  # "Mount Sinai in Egypt": then only behind a glue word
_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\u00ab\u00bb\"\u201c\u201d\n]")
_REACH = 60  # characters after the name: ", dans l'État de Rhode Island"


def qualifiers(mentions: Sequence[Mention], articles: Mapping[str, Article], index: NameIndex,
               lexicon: Lexicon | None = None) -> list[tuple[str, ...]]:
    """Per mention, where the text says it lies: the ISO codes ("US-IL" for a US state, "SC" for
    a country; "Georgia" gives both) of a region named right after it behind a comma or a
    bracket, or behind a glue word alone ("Mount Sinai in Egypt"), alone up to the next
    punctuation ("Springfield, Illinois.", "Springfield, dans l'Illinois,", "Victoria
    (Seychelles)"), else (). Not a country ("Kenya, Ethiopia"), nor a list ("San Diego,
    Washington, Londres et Canberra"), nor a new clause ("Stuttgart, China remains")."""
    lex = lexicon or load_lexicon()
    country = _CountryNames(index, lex)
    out: list[tuple[str, ...]] = []
    regions: dict[tuple[str, bool], tuple[str, ...]] = {}  # a story repeats its "Springfield, Illinois"
    for m in mentions:
        article = articles.get(m.article_id)
        opened = _OPEN.match(article.text, m.end) if article is not None else None
        spaced = _SPACE.match(article.text, m.end) if article is not None and opened is None else None
        if article is None or (opened or spaced) is None or country(m.surface):
            out.append(())
            continue
        at = (opened or spaced).end()  # type: ignore[union-attr]
        rest = article.text[at : at + _REACH]
        stop = _CLAUSE_END.search(rest)
        clause = rest[: stop.start()] if stop else rest
        listed = stop is not None and stop.group() == "," and rest[stop.end() :].lstrip()[:1].isupper()
        if listed:
            out.append(())
            continue
        said = (clause, spaced is not None)
        if said not in regions:
            regions[said] = _region(_words(clause), lex, country, glued=said[1])
        out.append(regions[said])
    return out


def _region(words: Words, lex: Lexicon, country: _CountryNames, *, glued: bool = False) -> tuple[str, ...]:
    """The codes of the region ``words`` name whole, after any glue words ("dans l'"), which
    ``glued`` requires."""
    for glue in lex.qualifier_glue | (set() if glued else {()}):
        if words[: len(glue)] == glue and len(words) > len(glue):
            name = " ".join(words[len(glue) :])
            codes = ((f"US-{state}",) if (state := us_state_code(name)) else ()) + (
                (code,) if (code := country(name)) else ())
            if codes:
                return codes
    return ()


def states_named(mentions: Sequence[Mention], index: NameIndex, lexicon: Lexicon | None = None) -> tuple[Region, ...]:
    """The US states the mentions name, where they lie: not a country's name ("Georgia"), nor a
    capital's or a world city's, which the name means first ("Washington", "New York")."""
    country = _CountryNames(index, lexicon or load_lexicon())
    out: dict[str, Region] = {}
    for key in dict.fromkeys(m.key for m in mentions if m.key):
        area = us_state_area(key)
        if area is None or country(key) or any(world_city(p) for p in index.lookup(key)):
            continue
        out.setdefault(area.country, area)
    return tuple(out.values())


#: Numbers of a distance before a near phrase ("à 30 km de", "some 40 miles south of").
_MEASURE = re.compile(r"[\d.,]+")
_NEAR_OPEN = re.compile(r"[ \t\u00a0]*[,(]?[ \t\u00a0]*")


def near(found: Sequence[Mention], known: Sequence[Mention], articles: Mapping[str, Article],
         lexicon: Lexicon | None = None) -> list[Mention | None]:
    """Per mention of ``found``, the mention (of ``found`` or ``known``) of a town the text says it
    lies near, right after it: "Woodside, près de San Francisco", "Évian, non loin de Genève",
    "Castel Gandolfo, 25 km south of Rome"; else None."""
    lex = lexicon or load_lexicon()
    following: dict[str, list[Mention]] = {}
    for m in sorted((*found, *known), key=lambda m: (m.article_id, m.start)):
        following.setdefault(m.article_id, []).append(m)
    starts = {a: [m.start for m in ms] for a, ms in following.items()}
    out: list[Mention | None] = []
    says: dict[Words, bool] = {}  # each gap's words judged once: a story repeats its 'près de'
    for m in found:
        article, order = articles.get(m.article_id), following.get(m.article_id, [])
        k = bisect_left(starts.get(m.article_id, []), m.end)
        after = order[k] if k < len(order) else None
        if article is None or after is None:
            out.append(None)
            continue
        gap = article.text[m.end : after.start]
        if _CLAUSE_END.search(gap[_NEAR_OPEN.match(gap).end() :]):  # type: ignore[union-attr]
            out.append(None)
            continue
        words = _words(_MEASURE.sub(" ", gap))
        if words not in says:
            says[words] = _says_near(words, lex)
        out.append(after if says[words] else None)
    return out


def _says_near(words: Words, lex: Lexicon) -> bool:
    """Whether ``words`` are a near phrase, after a few words of a distance ("à une vingtaine de km de")."""
    return any(len(words) >= len(p) and words[len(words) - len(p) :] == p
               and all(w in lex.near_measures for w in words[: len(words) - len(p)]) for p in lex.near_words)


def near_points(keys: Sequence[str], found: Sequence[Mention], anchors: Sequence[Mention | None],
                places: Mapping[str, Place]) -> list[int | LatLon | None]:
    """Per name key, where the text says it lies near: a known place's point, the index in ``keys``
    of a name still to resolve, or None."""
    where = {k: i for i, k in enumerate(keys)}
    out: dict[str, int | LatLon] = {}
    for m, anchor in zip(found, anchors):
        if anchor is None or m.key in out or anchor.key == m.key:
            continue
        place = places.get(anchor.place_id or "")
        if place is not None and place.has_coords:
            out[m.key] = place.latlon
        elif anchor.place_id is None and anchor.key in where:
            out[m.key] = where[anchor.key]
    return [out.get(k) for k in keys]
