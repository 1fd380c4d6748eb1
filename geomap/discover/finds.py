"""One article's candidate place names, with the people and objects it reveals: discovery's per-article pass."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from ..geocoders.airport_index import AirportIndex, names_airfield
from ..geocoders.context import AIRFIELD_KINDS
from ..geocoders.geonames import world_city
from ..geocoders.regions import us_state
from ..geocoders.spelling import respellings, usual_name
from ..model import Article, Place
from ..textnorm import fold_key
from .forms import AREA, area_form
from .lexicon import Lexicon, _words, cue_index
from .ner import _PLACE_LABELS, Span
from .spans import (
    _PUNCT,
    _after_organisation,
    _binds,
    _contains,
    _ends_with,
    _inverted_speech,
    _is_object,
    _prefix_len,
    _Scan,
    _words_after,
    _words_before,
    elided,
    kind_hint,
    office_of,
)
from .tokens import _Tok

_VENUE = "venue"  # the one kind of data/discover.yaml's not_places that is a building


class NameIndex(Protocol):
    """What discovery needs from a gazetteer-like index (``GeoNamesIndex`` fits)."""

    def lookup(self, name: str) -> list[Place]: ...


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate name in one article (offsets into its text)."""

    start: int
    end: int
    key: str
    source: str  # "geonames" or "ner"
    population: int = 0
    evidence: bool = False  # a locative, a NER place or a kind cue stands by it
    area: bool = False  # written as a country or a feature is ("le Luxembourg", "the Atlantic")


@dataclass(frozen=True, slots=True)
class Finds:
    """What one article gives discovery: pure in its text, the lexicon, the indexes and the
    story's common words it asked about, so it can be cached by content."""

    found: tuple[Found, ...]
    persons: frozenset[str]  # from the text's own cues and multi-word NER people
    weak_persons: frozenset[str]  # one-word NER people (the small model tags some towns so)
    objects: frozenset[str]  # "la fusée Angara"

    def record(self) -> dict:
        return {"found": [[f.start, f.end, f.key, f.source, f.population, f.evidence, f.area] for f in self.found],
                "persons": sorted(self.persons), "weak": sorted(self.weak_persons), "objects": sorted(self.objects)}

    @classmethod
    def from_record(cls, data: object) -> Finds | None:
        """The finds a cache record holds, or None when it is not one (then they are found again)."""
        try:
            found = tuple(Found(int(s), int(e), str(k), str(src), int(p), bool(ev), bool(ar))
                          for s, e, k, src, p, ev, ar in data["found"])  # type: ignore[index]
            return cls(found, *(frozenset(map(str, data[k])) for k in ("persons", "weak", "objects")))  # type: ignore[index]
        except (KeyError, TypeError, ValueError):
            return None


def _vouching_population(name: str, places: Sequence[Place]) -> int:
    """The population that may vouch for ``name`` without other evidence: that of places called so
    by their own name, or of world cities, whose foreign names are well known ("Londres"). A
    lesser town's alternate name is no evidence: "Hamas" is one of Hamm's, "Rappel" of Rapla's.
    A long name's usual head is the place's own ("Frankfurt" for Frankfurt am Main)."""
    spellings = {fold_key(name), *respellings(name)}  # "Osnabrueck" is Osnabrück's own name written out
    return max((p.population or 0 for p in places if fold_key(p.name) in spellings or usual_name(p.name) in spellings
                or world_city(p)), default=0)


#: The word right before a name, for an article that may be the name's ("au Cap").
_ARTICLE = re.compile(r"(?<![\w'\u2019])(\w+)\s+\Z")
#: A possessive right after a name: the name owns what follows ("Rome's Fiumicino airport").
_OWNER = re.compile(r"['\u2019]s\b")
_COMMA = re.compile(r"\s*,\s*")


@lru_cache(maxsize=4)
def _list_marks(enumerating: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Between two names of one enumeration ("in Avel and Corin", "à Avel, Eska et Tavi"):
    the link before its last name, and what shows after a name that the list goes on."""
    words = "|".join(sorted(map(re.escape, enumerating))) or "(?!)"  # no words: no list
    return (re.compile(rf"\s*,?\s*\b(?:{words})\s+", re.IGNORECASE),
            re.compile(rf"\s*(?:,|\b(?:{words})\b)", re.IGNORECASE))


def _enumerated(text: str, found: Sequence[Found], start: int, end: int, lex: Lexicon) -> bool:
    """Whether the name at [start, end) continues an enumeration whose previous name has evidence:
    the locative before the first name governs them all ("at Avel and Corin", "à Avel, Eska,
    Corin et Tavi"). A comma alone enumerates only when the list goes on after the name:
    "à Avel, le ministre a parlé" is no list."""
    if not found or not found[-1].evidence:
        return False
    prev = found[-1].end
    last_of_list, list_goes_on = _list_marks(lex.enumerating)
    return last_of_list.fullmatch(text, prev, start) is not None or (
        _COMMA.fullmatch(text, prev, start) is not None and list_goes_on.match(text, end) is not None)


def _airfields(places: Sequence[Place]) -> bool:
    return bool(places) and all(p.kind in AIRFIELD_KINDS for p in places)


class Finder:
    """Finds candidate names article by article; GeoNames answers are shared across articles."""

    def __init__(self, index: NameIndex, lex: Lexicon, airfields: NameIndex | None, cache_dir: object) -> None:
        self.index, self.lex = index, lex
        self._airfields, self._cache_dir = airfields, cache_dir
        self._answers: dict[str, list[Place]] = {}
        self._not_before = cue_index(tuple(c for c in lex.kinds_before if c[1] in lex.not_places))
        self._not_after = cue_index(tuple(c for c in lex.kinds_after if c[1] in lex.not_places))

    def airfield_lookup(self, name: str) -> list[Place]:
        if self._airfields is None:  # loaded only when the text names an airfield
            self._airfields = AirportIndex.load(self._cache_dir)  # type: ignore[arg-type]
        return self._airfields.lookup(name)

    def lookup(self, name: str) -> list[Place]:
        key = fold_key(name)
        if key not in self._answers:
            self._answers[key] = self._lookup(name, key)
        return self._answers[key]

    def _lookup(self, name: str, key: str) -> list[Place]:
        found = self.index.lookup(name) if len(key) > 2 else []
        # "N'Djili": the apostrophe is the name's, and reference data may write it without one.
        glued = not found and self._glued(key)
        for variant in respellings(name) if glued else ():
            found = self.index.lookup(variant)
            if found:
                break
        if not found and (glued or names_airfield(name)):
            found = self.airfield_lookup(name)
        if not found and (state := us_state(name)) is not None:
            found = [state]  # GeoNames cities have no regions: "Springfield, Illinois"
        return found

    def _city_named(self, name: str) -> bool:
        """Whether ``name`` is, word for word, a capital's or a world city's own name: "Kuala Lumpur",
        but not "Hô Chi Minh", the head of "Ho Chi Minh City" (and the leader's name)."""
        key = fold_key(name)
        return len(_words(name)) > 1 and any(world_city(p) and fold_key(p.name) == key for p in self.lookup(name))

    def _town_named(self, text: str, toks: list[_Tok], starts: list[int], s: int, e: int) -> bool:
        """Whether a capitalised name of two words or more that the small NER model calls a person is
        a place's: GeoNames' own name for one ("Nusa Dua", "Castel Gandolfo"), or one of its names
        right after a locative ("à Tuxtla Gutiérrez"). Not "saint Paul", nor "mausolée de Hô Chi Minh"."""
        name = text[s:e]
        if not name[:1].isupper() or len(_words(name)) < 2:
            return False
        places = self.lookup(name)
        if not places:
            return False
        key = fold_key(name)
        articles = self.lex.definite_articles
        before = [w for w in _words_before(text, toks, bisect_left(starts, s)) if w not in articles]
        return any(fold_key(p.name) == key for p in places) or (bool(before) and before[-1] in self.lex.locatives)

    def _glued(self, key: str) -> bool:
        """Whether ``key`` opens with an elided word that only comes before verbs ("n'djili")."""
        head, apostrophe, rest = key.partition("'")
        return bool(apostrophe) and head in self.lex.verb_elisions and rest[:1].isalpha()

    def is_name(self, name: str) -> bool:
        return bool(self.lookup(name)) or fold_key(name) in self.lex.countries

    def not_a_place(self, text: str, start: int, end: int) -> bool:
        """A venue's or a region's name: by a cue right beside it, or by the venue word it opens with."""
        inside = _words(text[start:end])
        if inside and inside[0] in self.lex.not_place_words:
            return True  # "Church of the Nativity", "Palace of Culture"
        # Only articles between cue and name: "la cathédrale Saint-Joseph", "région de Donetsk",
        # but not "Khreshchatyk Street in Kyiv" (the street is not Kyiv's).
        before = _words(_PUNCT.split(text[max(0, start - 60) : start])[-1])
        if before and before[-1] in self.lex.venues_named_after:
            return True  # "l'aula Magna", "place Sükhbaatar"
        while before:
            if self._not_before.ending(before) is not None:
                return True
            if before[-1] not in self.lex.name_glue:  # "palais de l'Élysée", not "the cathedral at Chartres"
                break
            before = before[:-1]
        seq = inside + _words(_PUNCT.split(text[end : end + 50])[0])
        # "Donetsk oblast", "St. Andrew's Cathedral"
        return self._not_after.starting(seq, range(1, len(inside) + 1)) is not None

    def article(self, article: Article, toks: list[_Tok], common: frozenset[str], ents: Sequence[Span]) -> Finds:
        """The candidates of one article; ``common`` need only hold its sentence-initial words' keys."""
        lex, text = self.lex, article.text
        scan = _Scan(text, toks, lex, common, self.is_name)
        persons, weak = set(scan.persons), set()
        # The small NER model takes a world city for someone ("à Kuala Lumpur"): a span that is
        # exactly a capital's or a world city's name is left to the place finders.
        ents = [(s, e, label) for s, e, label in ents if label != "PER" or not self._city_named(text[s:e])]
        starts = [t.start for t in toks]
        ents = [(s, e, "LOC" if label == "PER" and self._town_named(text, toks, starts, s, e) else label)
                for s, e, label in ents]
        for s, e, label in ents:
            if label == "PER":
                words = _words(text[s:e])
                if len(words) > 1:
                    # "le duc d'Édimbourg", "Paul de Tarse": after "de" comes where someone is from
                    # or lord of, mostly a place; a name written so alone must show it is one.
                    cut = next((k for k, w in enumerate(words) if k and w in lex.person_of), len(words))
                    persons.update(words[:cut])
                    weak.update(words[cut + 1 :])
                    persons.add(" ".join(words))
                else:
                    weak.update(words)
        rejected = {k for a, b in scan.rejected for k in range(a, b)}
        found: list[Found] = []
        # A person's full name is two capitalised words or more: NER's "N'Djamena lundi" is no one's.
        per_ents = [(s, e) for s, e, label in ents if label == "PER" and sum(
            t.cap and not elided(text, t) for t in toks[bisect_left(starts, s) : bisect_left(starts, e)]) >= 2]
        loc_ents = [(s, e) for s, e, label in ents if label in _PLACE_LABELS]
        for group in scan.segments:
            self._segment(article, toks, group, rejected, per_ents, loc_ents, found)
        for s, e in loc_ents:
            f = self._entity(article, toks, starts, s, e, common, rejected, found)
            if f is not None:
                found.append(f)
        return Finds(tuple(found), frozenset(persons), frozenset(weak), frozenset(scan.objects))

    def _segment(self, article: Article, toks: list[_Tok], group: list[tuple[int, int]], rejected: set[int],
                 per_ents: list[tuple[int, int]], loc_ents: list[tuple[int, int]], found: list[Found]) -> None:
        """The names in one group of capitalised chunks: the longest GeoNames knows, left to right."""
        lex, text = self.lex, article.text
        seated = False  # the group names a venue, then the town it stands in
        if len(group) > 1 and _binds(text, toks, group, lex) and not self.is_name(
            text[toks[group[0][0]].start : toks[group[-1][1] - 1].end]
        ):
            hint = kind_hint(article, toks[group[0][0]].start, toks[group[0][1] - 1].end, lex)
            if hint is None:
                return  # "Wall of Remembrance", "Jam Saheb of Nawanagar": one name or none
            group = group[-1:]  # "l'aéroport Léopold-Sédar-Senghor de Dakar": a venue's own name, then its town
            # A building stands in the town; a river or a region ("Río de la Plata", "the Emirates of
            # Lula's term") says nothing of what follows.
            seated = hint != AREA and (hint not in lex.not_places or hint == _VENUE)
        x = 0
        while x < len(group):
            for y in range(len(group) - 1, x - 1, -1):
                start, end = toks[group[x][0]].start, toks[group[y][1] - 1].end
                key, places = self._with_article(text, start, end)
                if places or key in lex.countries:
                    break
                # "aéroport de Tarbes-Lourdes-Pyrénées": the cue says which dataset knows it.
                if kind_hint(article, start, end, lex) in AIRFIELD_KINDS:
                    places = self.airfield_lookup(text[start:end])
                    if places:
                        break
            else:
                x += 1
                continue
            if self.not_a_place(text, start, end):
                pass  # "théâtre Marigny", "région de Donetsk": no town, and no evidence for one
            elif group[x][0] not in rejected and not any(s <= start and end <= e for s, e in per_ents):
                before = [w for w in _words_before(text, toks, group[x][0]) if w not in lex.definite_articles]
                evidence = (
                    # "for God's sake": a locative before a possessive governs the thing owned
                    (bool(before) and before[-1] in lex.locatives and not _OWNER.match(text, end))
                    or office_of(_words_before(text, toks, group[x][0]), lex)  # "the mayor of Kherson"
                    or _enumerated(text, found, start, end, lex)
                    or any(s < end and start < e for s, e in loc_ents)
                    or kind_hint(article, start, end, lex) is not None
                    or seated  # "l'usine Boeing d'Everett": the factory stands there
                )
                named = key != fold_key(text[start:end])  # "au Cap": the article is the name's
                pop = _vouching_population(key if named else text[start:end], places)
                # "La Tontouta airport": an airfield's article is its name's, no area's ("la France").
                area = not named and area_form(text, start, end, lex) and not _airfields(places)
                found.append(Found(start, end, key, "geonames", pop, evidence, area))
            x = y + 1

    def _with_article(self, text: str, start: int, end: int) -> tuple[str, list[Place]]:
        """The folded name at [start, end) and its places, or those of the name with the article
        before it when that is a town of note ("au Cap" is Le Cap, Cape Town; "au Mans" Le Mans, not
        Çayırlı, Turkey; "à la Mecque"; "au Havre" Le Havre, not Havre, Montana), not a hamlet ("au Nord")."""
        key, places = fold_key(text[start:end]), self.lookup(text[start:end])
        before = _ARTICLE.search(text, max(0, start - 5), start)
        article = self.lex.name_articles.get(fold_key(before.group(1))) if before else None
        if article is None:
            return key, places
        whole = self.lookup(f"{article} {text[start:end]}")
        noted = any(world_city(p) or (p.population or 0) >= self.lex.min_population for p in whole)
        return (fold_key(f"{article} {text[start:end]}"), whole) if noted else (key, places)

    def _entity(self, article: Article, toks: list[_Tok], starts: list[int], s: int, e: int,
                common: frozenset[str], rejected: set[int], found: list[Found]) -> Found | None:
        """A NER place entity trimmed to its name, unless a filter or an earlier find says no."""
        lex, text = self.lex, article.text
        inner = [t for t in toks[bisect_left(starts, s) : bisect_right(starts, e)] if t.end <= e]
        while inner and not inner[0].cap:
            inner = inner[1:]  # "la réunion", "l'Ukraine": the name starts at a capital
        if len(inner) > 1 and elided(text, inner[0]) and not self.is_name(text[inner[0].start : inner[-1].end]):
            inner = inner[1:]  # "L'Ukraine a dit" opening a sentence, but "N'Djamena" is a name
        while len(inner) > 1 and ((inner[-1].key,) in lex.ignorable or not inner[-1].cap):
            inner = inner[:-1]  # "Extrême-Orient russe": the adjective is not the name
        if not inner or any(f.start < e and s < f.end for f in found):
            return None
        start, end = inner[0].start, inner[-1].end
        if self.not_a_place(text, start, end):
            return None
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
            return None
        places = self.lookup(text[start:end])
        pop = _vouching_population(text[start:end], places)
        return Found(start, end, " ".join(words), "geonames" if places else "ner", pop, True,
                     area_form(text, start, end, lex))
