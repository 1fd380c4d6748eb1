"""The discovery lexicon: language knowledge from ``geomap/data/discover.yaml``, folded for matching."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from .. import yamlmarks
from ..errors import InputError
from ..textnorm import fold_key

Words = tuple[str, ...]


_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1 << 14)
def _words(text: str) -> Words:
    # Remembered: discovery asks for the same words again and again (every token, every cue window).
    return tuple(_WORD.findall(fold_key(text)))


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``data/discover.yaml``, folded into sets of word tuples."""

    connectors: frozenset[str]
    particles: frozenset[str]  # join only across a phrase GeoNames knows as a name
    qualifier_glue: frozenset[Words]  # "dans l'" in "Springfield, dans l'Illinois"
    ignorable: frozenset[Words]  # stopwords, calendar words and demonyms
    titles: frozenset[Words]
    person_verbs: frozenset[Words]
    organisations: frozenset[Words]
    objects_before: frozenset[str]
    objects_after: frozenset[str]
    locatives: frozenset[str]
    kinds_before: tuple[tuple[Words, str], ...]  # longest cue first
    kinds_after: tuple[tuple[Words, str], ...]
    min_population: int
    countries: Mapping[str, str]  # folded exonym -> ISO2
    # Those of ``countries`` written with a lower-case word inside ("République tchèque", "Guinée
    # équatoriale"), folded: a capitalised run reaches over such words only to complete one of them.
    lower_names: frozenset[str] = frozenset()
    # Participles that open a sentence ("Parti de Rome, …"): no organisation word there.
    opening_participles: frozenset[str] = frozenset()
    # Kinds whose names are not towns (venues, regions): such names are not discovered.
    not_places: frozenset[str] = frozenset()
    # Single-word cues written before a name of those kinds: a name that opens with one
    # ("Church of the Nativity", "Palace of Culture") is a venue's or a region's name.
    not_place_words: frozenset[str] = frozenset()
    # Articles a town's name does not take (forms.area_form), and those of them after which a
    # town may still stand as a noun's modifier ("the Hanoi summit").
    area_articles: frozenset[str] = frozenset()
    modified_articles: frozenset[str] = frozenset()
    # Continents, oceans and seas: folded names that are never a town, whatever GeoNames holds.
    world_areas: frozenset[str] = frozenset()
    # (written, meant) folded letter groups: how French transliterates names ("ou" for "u").
    respellings: tuple[tuple[str, str], ...] = ()
    # Elided words that only come before verbs ("n'", "m'"): a capital after one opens a name.
    verb_elisions: frozenset[str] = frozenset()
    # Nationality adjectives alone (also in ``ignorable``): the only words that may stand between
    # an object word and its name ("la fusée russe Angara"); a preposition there makes the name
    # where the object goes ("l'avion pour Londres").
    demonyms: frozenset[Words] = frozenset()
    # Venue words right before the venue's own name ("parc Tejo"; "parc de Parramatta" is the town's).
    venues_named_after: frozenset[str] = frozenset()
    # Words opening a long official name's qualifier: its head is the usual name ("Frankfurt am Main").
    name_tails: frozenset[str] = frozenset()
    # Words between a name and the town it lies near: "Woodside, près de San Francisco".
    near_words: frozenset[Words] = frozenset()
    near_measures: frozenset[str] = frozenset()  # "à une vingtaine de km de"
    place_titles: frozenset[str] = frozenset()  # "the archbishop of Agrigento": an office over a place
    name_articles: Mapping[str, str] = field(default_factory=dict)  # "au" -> "le": "au Cap" is at Le Cap
    person_of: frozenset[str] = frozenset()  # "de" in "le duc d'Édimbourg": a place may follow in a person's name
    name_glue: frozenset[str] = frozenset()  # "de" in "palais de l'Élysée": between a cue and its name
    site_glue: frozenset[str] = frozenset()  # "at" in "the air base at Ramstein": between a cue and where it stands
    seat_of: frozenset[str] = frozenset()  # "de" in "l'université de Montréal": what comes before is of the place
    enumerating: frozenset[str] = frozenset()  # "and" in "Avel and Corin": two names, one list
    definite_articles: frozenset[str] = frozenset()  # "la" in "à la Havane", and in "La Paz"
    airfield_generic: frozenset[str] = frozenset()  # "airport" in "Rzeszów Airport": says airfield, not which
    airfield_names: frozenset[Words] = frozenset()  # "air base" in "Ramstein Air Base": a name that is an airfield's
    air_base_names: frozenset[Words] = frozenset()  # "air base" again: an air base's rather than an airport's


@dataclass(frozen=True)
class CueIndex:
    """Cue phrases by their words, so the first listed cue among a few candidate word runs is a
    handful of lookups instead of a comparison with every cue (discovery asks this ~100,000 times
    per 1,000 articles)."""

    first: Mapping[Words, int]  # cue words -> index of its first entry in the list
    lengths: tuple[int, ...]  # the cues' lengths in words

    def earliest(self, runs: Iterable[Words]) -> int | None:
        """Index of the first listed cue equal to one of ``runs``, or None."""
        found = [i for i in (self.first.get(r) for r in runs) if i is not None]
        return min(found) if found else None

    def ending(self, words: Words) -> int | None:
        """The first listed cue that ``words`` ends with."""
        return self.earliest(words[-n:] if n else words for n in self.lengths)

    def starting(self, words: Words, offsets: Iterable[int]) -> int | None:
        """The first listed cue that ``words`` has at one of ``offsets``."""
        return self.earliest(words[o:o + n] for o in offsets for n in self.lengths)


@lru_cache(maxsize=32)
def cue_index(cues: tuple[tuple[Words, str], ...]) -> CueIndex:
    """The :class:`CueIndex` of a (cue words, kind) list such as ``Lexicon.kinds_before``."""
    first: dict[Words, int] = {}
    for i, (words, _kind) in enumerate(cues):
        first.setdefault(words, i)
    return CueIndex(first, tuple(sorted({len(w) for w in first})))


def _phrases(section: object) -> frozenset[Words]:
    items: Iterable[object] = ()
    if isinstance(section, dict):
        items = [w for v in section.values() for w in (v or ())]
    elif isinstance(section, list):
        items = section
    return frozenset(w for w in (_words(str(i)) for i in items) if w)


def _glue(section: object, parts: object) -> frozenset[Words]:
    """Each language's qualifier glue, a phrase holding "{part}" once for each part of a region that
    language names ("dans {part} de": "dans le nord de", "dans l'ouest de", ...)."""
    if not isinstance(section, dict):
        return _phrases(section)
    by_language = parts if isinstance(parts, dict) else {}
    phrases: list[str] = []
    for language, glues in section.items():
        for glue in map(str, glues or ()):
            if "{part}" in glue:
                phrases += [glue.replace("{part}", str(part)) for part in by_language.get(language) or ()]
            else:
                phrases.append(glue)
    return _phrases(phrases)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read the lexicon (``geomap/data/discover.yaml`` unless ``path`` is given)."""
    where = path or "geomap/data/discover.yaml"
    try:
        raw = (
            Path(path).read_text(encoding="utf-8")
            if path
            else resources.files("geomap").joinpath("data/discover.yaml").read_text(encoding="utf-8")
        )
        data = yamlmarks.load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the discovery lexicon: {exc}", path=where) from exc
    if not isinstance(data, dict):
        raise InputError("the discovery lexicon is not a mapping", path=where)
    cues_before: list[tuple[Words, str]] = []
    cues_after: list[tuple[Words, str]] = []
    for kind, cues in (data.get("kinds") or {}).items():
        cues_before += [(w, str(kind)) for w in _phrases(cues.get("before") or [])]
        cues_after += [(w, str(kind)) for w in _phrases(cues.get("after") or [])]
    objects = data.get("objects") or {}
    not_places = frozenset(str(k) for k in (data.get("not_places") or ()))
    not_place_words = frozenset(
        cue[0] for cue, kind in cues_before if kind in not_places and len(cue) == 1
    )
    countries = {**(data.get("countries_fr") or {}), **(data.get("country_parts") or {})}
    return Lexicon(
        connectors=frozenset(w for ws in _phrases(data.get("connectors")) for w in ws),
        particles=frozenset(w for ws in _phrases(data.get("particles")) for w in ws),
        qualifier_glue=_glue(data.get("qualifier_glue"), data.get("qualifier_parts")),
        ignorable=_phrases(data.get("stopwords")) | _phrases(data.get("calendar")) | _phrases(data.get("demonyms")),
        titles=_phrases(data.get("titles")),
        person_verbs=_phrases(data.get("person_verbs")),
        organisations=_phrases(data.get("organisations")),
        objects_before=frozenset(w[-1] for w in _phrases(objects.get("before") or [])),
        objects_after=frozenset(w[0] for w in _phrases(objects.get("after") or [])),
        # Multi-word locatives ("jusqu'à") count by their last word, the one next to the name.
        locatives=frozenset(w[-1] for w in _phrases(data.get("locatives"))),
        kinds_before=tuple(sorted(cues_before, key=lambda c: -len(c[0]))),
        kinds_after=tuple(sorted(cues_after, key=lambda c: -len(c[0]))),
        min_population=int(data.get("min_population") or 100000),
        countries={fold_key(str(k)): str(v).upper() for k, v in countries.items()},
        lower_names=frozenset(" ".join(_words(str(k))) for k in countries
                              if any(w[:1].islower() for w in str(k).split()[1:])),
        not_places=not_places,
        opening_participles=frozenset(w for ws in _phrases(data.get("opening_participles")) for w in ws),
        not_place_words=not_place_words,
        area_articles=frozenset(w[-1] for w in _phrases(data.get("area_articles"))),
        modified_articles=frozenset(w[-1] for w in _phrases(data.get("modifier_articles"))),
        world_areas=frozenset(" ".join(w) for w in _phrases(data.get("world_areas"))),
        demonyms=_phrases(data.get("demonyms")),
        venues_named_after=frozenset(w[-1] for w in _phrases(data.get("venues_named_after"))),
        respellings=tuple(
            (fold_key(str(a)), fold_key(str(b)))
            for pairs in (data.get("respellings") or {}).values() for a, b in (pairs or {}).items()
        ),
        verb_elisions=frozenset(w[-1] for w in _phrases(data.get("verb_elisions"))),
        name_tails=frozenset(w[-1] for w in _phrases(data.get("name_tails"))),
        near_words=_phrases(data.get("near_words")),
        near_measures=frozenset(w[-1] for w in _phrases(data.get("near_measures"))),
        place_titles=frozenset(w[-1] for w in _phrases(data.get("place_titles"))),
        name_articles={fold_key(str(k)): fold_key(str(v)) for k, v in (data.get("name_articles") or {}).items()},
        person_of=frozenset(w[-1] for w in _phrases(data.get("person_of"))),
        name_glue=frozenset(w[-1] for w in _phrases(data.get("name_glue"))),
        site_glue=frozenset(w[-1] for w in _phrases(data.get("site_glue"))),
        seat_of=frozenset(w[-1] for w in _phrases(data.get("seat_of"))),
        enumerating=frozenset(w[-1] for w in _phrases(data.get("enumerating"))),
        definite_articles=frozenset(w[-1] for w in _phrases(data.get("definite_articles"))),
        airfield_generic=frozenset(w for ws in _phrases(data.get("airfield_generic")) for w in ws),
        airfield_names=_phrases(data.get("airfield_names")),
        air_base_names=_phrases(data.get("air_base_names")),
    )
