"""Discovery of place names the gazetteer lacks: capitalised spans known to GeoNames, plus French NER."""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..geocoders.airports import AirportIndex, names_airfield
from ..geocoders.base import default_cache_dir
from ..geocoders.context import AIRFIELD_KINDS
from ..geocoders.regions import us_state
from ..model import Article, Mention, Place
from ..textnorm import fold_key
from .forms import area_form
from .lexicon import Lexicon, _words, cue_index, load_lexicon
from .ner import _PLACE_LABELS, _ner_spans, _ner_wanted, named_people, ner_available
from .spans import (
    _DETERMINERS,
    _PUNCT,
    _Scan,
    _Tok,
    _after_organisation,
    _binds,
    _contains,
    _ends_with,
    _inverted_speech,
    _is_object,
    _prefix_len,
    _runs,
    _tokens,
    _words_after,
    _words_before,
    kind_hint,
)

# Words that may stand between a venue or region cue and its name ("palais de l'Élysée").
_VENUE_GLUE = frozenset({"de", "du", "des", "d", "l", "la", "le", "les", "of", "the"})

__all__ = [
    "Lexicon", "NameIndex", "countries_named", "discover_mentions", "kind_hint", "load_lexicon", "named_people",
    "ner_available",
    "tokenise",
]


@dataclass(frozen=True, slots=True)
class Tokens:
    """One article's tokens, packed: ~17 bytes a token instead of an object (10,000 articles fit).

    Keys are interned, so a word repeated across the story is stored once.
    """

    starts: array
    ends: array
    keys: tuple[str, ...]
    flags: bytes  # bit 0: capitalised, bit 1: sentence-initial

    @classmethod
    def pack(cls, toks: list[_Tok]) -> Tokens:
        return cls(
            array("q", (t.start for t in toks)),
            array("q", (t.end for t in toks)),
            tuple(sys.intern(t.key) for t in toks),
            bytes(t.cap | (t.initial << 1) for t in toks),
        )

    def unpack(self) -> list[_Tok]:
        return [_Tok(s, e, k, bool(f & 1), bool(f & 2)) for s, e, k, f in zip(self.starts, self.ends, self.keys, self.flags)]

    def lower_case_words(self) -> Iterator[str]:
        """Keys of the tokens neither capitalised nor opening a sentence."""
        return (k for k, f in zip(self.keys, self.flags) if not f)


def tokenise(articles: Sequence[Article], progress: Callable[[str, int, int], None] | None = None) -> list[Tokens]:
    """Each article's word tokens (packed), to share between :func:`discover_mentions` and :func:`countries_named`."""
    out = []
    for a in articles:
        out.append(Tokens.pack(_tokens(a.text)))
        if progress is not None:
            progress("reading words", len(out), len(articles))
    return out


class NameIndex(Protocol):
    """What discovery needs from a gazetteer-like index (``GeoNamesIndex`` fits)."""

    def lookup(self, name: str) -> list[Place]: ...



class _Spans:
    """[start, end) spans of one text, kept disjoint and sorted: an overlap test is a binary search."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)  # spans starting before ``end``; the last may reach in
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span; spans it overlaps are merged with it, which keeps every overlap test exact."""
        lo = bisect_left(self._starts, start)
        if lo > 0 and self._ends[lo - 1] > start:
            lo -= 1
        hi = bisect_left(self._starts, end, lo)
        if hi > lo:
            start, end = min(start, self._starts[lo]), max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]


@dataclass
class _Found:
    article: int  # index into the articles
    start: int
    end: int
    key: str
    source: str  # "geonames" or "ner"
    population: int = 0
    evidence: bool = False
    area: bool = False  # written as a country or a feature is ("le Luxembourg", "the Atlantic")



def discover_mentions(
    articles: Sequence[Article],
    known: Sequence[Mention],
    index: NameIndex,
    *,
    use_ner: bool | None = None,
    lexicon: Lexicon | None = None,
    airfields: NameIndex | None = None,
    cache_dir: Path | None = None,
    tokens: Sequence[Tokens] | None = None,
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Mention]:
    """Names the gazetteer lacks, as mentions with ``place_id=None`` and ``key`` = folded name.

    Capitalised spans GeoNames knows (both languages) and, for French articles, spaCy
    LOC entities; people, organisations, objects and common words are filtered out.
    ``use_ner=None`` uses NER when a French article needs it and the model is installed.
    Airfields (``airfields``, default the packaged airportsdata, loaded only when the text
    names one) are found when the name says so ("Joint Base Andrews") or a cue word beside
    it does ("aéroport de Tarbes-Lourdes-Pyrénées"). Names that a cue shows to be venues or
    regions ("théâtre Marigny", "Donetsk oblast") are not discovered. NER results are
    cached per article under ``cache_dir`` (default: the geocoders' cache directory).
    ``tokens`` (from :func:`tokenise`) spares tokenising the articles again. ``jobs``
    processes run NER; ``progress(stage, done, total)`` hears how far it got.
    """
    lex = lexicon or load_lexicon()
    cache: dict[str, list[Place]] = {}
    airfield_index: list[NameIndex] = [airfields] if airfields is not None else []

    def airfield_lookup(name: str) -> list[Place]:
        if not airfield_index:
            airfield_index.append(AirportIndex.load(cache_dir))
        return airfield_index[0].lookup(name)

    def lookup(name: str) -> list[Place]:
        key = fold_key(name)
        if key not in cache:
            cache[key] = index.lookup(name) if len(key) > 2 else []
            if not cache[key] and names_airfield(name):
                cache[key] = airfield_lookup(name)
        return cache[key]

    not_place_before = cue_index(tuple(c for c in lex.kinds_before if c[1] in lex.not_places))
    not_place_after = cue_index(tuple(c for c in lex.kinds_after if c[1] in lex.not_places))

    def not_a_place(article: Article, start: int, end: int) -> bool:
        """A venue's or a region's name: by a cue right beside it, or by the venue word it opens with."""
        text = article.text
        inside = _words(text[start:end])
        if inside and inside[0] in lex.not_place_words:
            return True  # "Church of the Nativity", "Palace of Culture"
        # Only articles between cue and name: "la cathédrale Saint-Joseph", "région de Donetsk",
        # but not "Khreshchatyk Street in Kyiv" (the street is not Kyiv's).
        before = _words(_PUNCT.split(text[max(0, start - 60) : start])[-1])
        while before:
            if not_place_before.ending(before) is not None:
                return True
            if before[-1] not in _VENUE_GLUE:
                break
            before = before[:-1]
        seq = inside + _words(_PUNCT.split(text[end : end + 50])[0])
        # "Donetsk oblast", "St. Andrew's Cathedral"
        return not_place_after.starting(seq, range(1, len(inside) + 1)) is not None

    def is_name(name: str) -> bool:
        return bool(lookup(name)) or fold_key(name) in lex.countries

    tokens = tokens if tokens is not None else tokenise(articles)
    # Words written in lower case somewhere are common words when they open a sentence.
    common = frozenset(k for packed in tokens for k in packed.lower_case_words())
    ner = _ner_spans(
        articles, _ner_wanted(articles, use_ner), cache_dir or default_cache_dir(), jobs=jobs,
        progress=(lambda done, total: progress("named-entity recognition", done, total)) if progress else None,
    )
    persons: set[str] = set()  # from the text's own cues (each article's scan) and from NER
    objects: set[str] = set()
    # The small French model tags some towns as people ("par Dandong" → PER); a one-word PER
    # only vetoes a name that nothing else shows to be a place.
    weak_persons: set[str] = set()
    for i, ents in ner.items():
        for s, e, label in ents:
            if label == "PER":
                words = _words(articles[i].text[s:e])
                if len(words) > 1:
                    persons.update(words)
                    persons.add(" ".join(words))
                else:
                    weak_persons.update(words)
    known_keys = {m.key for m in known if m.key}
    taken: dict[str, _Spans] = defaultdict(_Spans)
    for m in known:  # the matcher's mentions are disjoint (leftmost-longest)
        taken[m.article_id].add(m.start, m.end)

    found: list[_Found] = []
    for ai, (article, packed) in enumerate(zip(articles, tokens)):
        # One article's token objects at a time: the story's would not fit in memory.
        scan = _Scan(article.text, packed.unpack(), lex, common, is_name)
        persons |= scan.persons
        objects |= scan.objects
        text, toks = article.text, scan.toks
        starts = [t.start for t in toks]
        rejected = {k for a, b in scan.rejected for k in range(a, b)}
        here = _Spans()  # this article's finds so far (disjoint: each segment cut once)
        if progress is not None:
            progress("discovering places", ai + 1, len(articles))
        loc_ents = [(s, e) for s, e, label in ner.get(ai, []) if label in _PLACE_LABELS]
        per_ents = [(s, e) for s, e, label in ner.get(ai, []) if label == "PER" and " " in text[s:e].strip()]
        for group in scan.segments:
            if len(group) > 1 and _binds(text, toks, group, lex) and not is_name(
                text[toks[group[0][0]].start : toks[group[-1][1] - 1].end]
            ):
                continue  # "Wall of Remembrance", "Jam Saheb of Nawanagar": one name or none
            x = 0
            while x < len(group):
                for y in range(len(group) - 1, x - 1, -1):
                    start, end = toks[group[x][0]].start, toks[group[y][1] - 1].end
                    places = lookup(text[start:end])
                    if places or fold_key(text[start:end]) in lex.countries:
                        break
                    # "aéroport de Tarbes-Lourdes-Pyrénées": the cue says which dataset knows it.
                    if kind_hint(article, start, end, lex) in AIRFIELD_KINDS:
                        places = airfield_lookup(text[start:end])
                        if places:
                            break
                else:
                    x += 1
                    continue
                if not_a_place(article, start, end):
                    pass  # "théâtre Marigny", "région de Donetsk": no town, and no evidence for one
                elif group[x][0] not in rejected and not any(s <= start and end <= e for s, e in per_ents):
                    before = [w for w in _words_before(text, toks, group[x][0]) if w not in _DETERMINERS]
                    evidence = (
                        (bool(before) and before[-1] in lex.locatives)
                        or any(s < end and start < e for s, e in loc_ents)
                        or kind_hint(article, start, end, lex) is not None
                    )
                    pop = max((p.population or 0 for p in places), default=0)
                    found.append(_Found(ai, start, end, fold_key(text[start:end]), "geonames", pop, evidence,
                                        area_form(text, start, end, lex)))
                    here.add(start, end)
                x = y + 1
        for s, e in loc_ents:
            lo = bisect_left(starts, s)
            hi = bisect_right(starts, e)
            inner = [t for t in toks[lo:hi] if t.end <= e]
            while inner and not inner[0].cap:
                inner = inner[1:]  # "la réunion", "l'Ukraine": the name starts at a capital
            while len(inner) > 1 and ((inner[-1].key,) in lex.ignorable or not inner[-1].cap):
                inner = inner[:-1]  # "Extrême-Orient russe": the adjective is not the name
            if not inner or here.overlaps(s, e):
                continue
            start, end = inner[0].start, inner[-1].end
            if not_a_place(article, start, end):
                continue
            words = _words(text[start:end])
            first = bisect_left(starts, inner[0].start)
            before = _words_before(text, toks, first, 4)
            if (
                not words
                or _prefix_len(words, lex.ignorable) == len(words)
                or _contains(words, lex.organisations)
                or _contains(words, lex.titles)
                or _after_organisation(before, lex)
                or _ends_with(before, lex.titles)
                or _inverted_speech(before, lex)
                or _is_object(before, _words_after(text, toks, bisect_left(starts, inner[-1].start) + 1), lex)
                or (inner[0].initial and inner[0].key in common and len(inner) == 1)
                or first in rejected
            ):
                continue
            places = lookup(text[start:end])
            pop = max((p.population or 0 for p in places), default=0)
            found.append(_Found(ai, start, end, " ".join(words), "geonames" if places else "ner", pop, True,
                                area_form(text, start, end, lex)))
            here.add(start, end)

    # Evidence is per name: one "à Irpin" vouches for every other "Irpin" in the story.
    vouched = {
        f.key
        for f in found
        if f.evidence or f.source == "ner" or f.population >= lex.min_population or f.key in lex.countries
    }
    evidenced = {f.key for f in found if f.evidence and f.source == "geonames"}
    # Written as a country or a feature is ("the Atlantic", "du Commonwealth") at least as often as
    # a town is ("à X" with no article), a name is one; with no country or region of that name
    # to be, it is no place to put on the map. (One "the Moscow of old" leaves "in Moscow" a town.)
    as_area: Counter[str] = Counter(f.key for f in found if f.area)
    as_town: Counter[str] = Counter(f.key for f in found if f.evidence and not f.area)
    no_town = {k for k, n in as_area.items() if n >= as_town[k] and not _has_area(k, lookup, lex)}
    no_town |= lex.world_areas
    out: list[Mention] = []
    for f in sorted(found, key=lambda f: (f.article, f.start, -f.end)):
        article = articles[f.article]
        if (
            f.key not in vouched
            or f.key in persons
            or (f.key in weak_persons and f.key not in evidenced)
            or f.key in objects
            or f.key in no_town
            or f.key in known_keys
            or taken[article.id].overlaps(f.start, f.end)
        ):
            continue
        taken[article.id].add(f.start, f.end)
        sentence = article.sentence_at(f.start).index if article.sentences else 0
        out.append(Mention(article.id, sentence, f.start, f.end, article.text[f.start : f.end], None, f.key))
    return out


def _has_area(key: str, lookup: Callable[[str], list[Place]], lex: Lexicon) -> bool:
    """Whether a country or a region is called ``key`` (GeoNames, the lexicon, US states), or a
    town whose own name holds the article ("au Havre" is "à Le Havre")."""
    if key in lex.countries or us_state(key) is not None:
        return True
    return any(p.kind == "country" or _words(p.name)[1:] == tuple(key.split()) for p in lookup(key))


def countries_named(
    articles: Sequence[Article],
    index: NameIndex,
    known: Sequence[Mention] = (),
    places: Mapping[str, Place] | None = None,
    *,
    lexicon: Lexicon | None = None,
    tokens: Sequence[Tokens] | None = None,
) -> list[str]:
    """ISO2 codes of the countries the articles name, most often named first.

    Names come from GeoNames' country entries, the lexicon's French country names and,
    for mentions already resolved, their places of kind "country".
    """
    lex = lexicon or load_lexicon()
    counts: dict[str, int] = defaultdict(int)
    tokens = tokens if tokens is not None else tokenise(articles)
    for article, packed in zip(articles, tokens):
        toks = packed.unpack()
        for i, j in _runs(article.text, toks, lex):
            x = i
            while x < j:
                for y in range(min(j, x + 4), x, -1):
                    name = article.text[toks[x].start : toks[y - 1].end]
                    code = lex.countries.get(fold_key(name))
                    if code is None:
                        code = next((p.country for p in index.lookup(name) if p.kind == "country" and p.country), None)
                    if code:
                        counts[code] += 1
                        x = y
                        break
                else:
                    x += 1
    for m in known:
        place = (places or {}).get(m.place_id or "")
        if place is not None and place.kind == "country" and place.country:
            counts[place.country] += 1
    return sorted(counts, key=lambda c: (-counts[c], c))
