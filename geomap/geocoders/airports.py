"""Offline airports and air bases (the airportsdata package), matched by their distinctive words.

GeoNames cities lack airports and air bases, so "Ramstein Air Base" or "aéroport de
Tarbes-Lourdes-Pyrénées" need their own reference data. Places found here are offline
reference data like GeoNames: they carry ``resolver="geonames"`` (the GeoJSON contract has
three resolver values) and ``source="airportsdata (ICAO XXXX)"`` says which dataset it was.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from ..errors import GeocoderError
from ..model import Candidate, Place, ResolverName
from .base import fold_key
from .context import AIRFIELD_KINDS, Context, rank

ID_PREFIX = "airport:"
# Words that say "airfield" without naming which one (English, French, a few local forms),
# stripped from both the dataset's names and the query so "Joint Base Andrews" meets
# "Joint Base Andrews Airport" and "base aérienne de Ramstein" meets "Ramstein Air Base".
GENERIC_WORDS = frozenset(
    "airport airports international intl air base airbase airfield aerodrome aeroport aeroports "
    "aerien aerienne aeriennes aero field regional municipal afb ab raf naval station heliport "
    "airstrip flughafen lotnisko aeropuerto aeroporto aeroporti luchthaven havalimani"
    .split()
)
# Words that alone make a name an airfield's (the query itself says what it is).
AIRFIELD_WORDS = frozenset(
    "airport airbase airfield aerodrome aeroport afb heliport airstrip flughafen lotnisko aeropuerto".split()
)
AIRFIELD_PHRASES = (("air", "base"), ("air", "force", "base"), ("base", "aerienne"), ("joint", "base"), ("air", "station"))
# Glue words at the edges of what is left: "aéroport de X", "the X air base".
EDGE_WORDS = frozenset({"de", "du", "des", "d", "l", "la", "le", "les", "of", "the", "at"})
# Base words that make a place an air base rather than an airport.
BASE_PHRASES = (("air", "base"), ("air", "force", "base"), ("joint", "base"), ("afb",), ("ab",), ("base", "aerienne"))
CITY_PENALTY = -0.5  # the query names the town the airfield serves, not the airfield
# Of several airfields serving a town, one with scheduled service (an IATA code) and, among
# those, the international one is meant: "Rzeszów airport" is Jasionka, not the aero club's.
SCHEDULED_BONUS = 0.7
INTERNATIONAL_BONUS = 0.3


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+", fold_key(text)))


def _has(words: tuple[str, ...], phrases: Iterable[tuple[str, ...]]) -> bool:
    return any(words[i : i + len(p)] == p for p in phrases for i in range(len(words) - len(p) + 1))


def core(text: str) -> str:
    """The distinctive words of an airfield name: generic words and edge glue removed."""
    words = [w for w in _words(text) if w not in GENERIC_WORDS]
    while words and words[0] in EDGE_WORDS:
        words.pop(0)
    while words and words[-1] in EDGE_WORDS:
        words.pop()
    return " ".join(words)


def names_airfield(text: str) -> bool:
    """Whether a name says by itself that it is an airfield ("Ramstein Air Base", "Rzeszów Airport")."""
    words = _words(text)
    return bool(set(words) & AIRFIELD_WORDS) or _has(words, AIRFIELD_PHRASES)


class AirportIndex:
    """Distinctive name words → airfields, and served town → airfields, over one dataset."""

    def __init__(self, records: Mapping[str, Mapping[str, object]]) -> None:
        self._scheduled: set[str] = set()
        self._by_name: dict[str, list[Place]] = defaultdict(list)
        self._by_city: dict[str, list[Place]] = defaultdict(list)
        for icao, rec in records.items():
            place = _place(str(icao), rec)
            if place is None:
                continue
            if rec.get("iata"):
                self._scheduled.add(place.id)
            key = core(place.name)
            if len(key) >= 3:
                self._by_name[key].append(place)
            # "Tarbes/Lourdes/Pyrenees": each town served is a way to name the airfield.
            for town in re.split(r"[/,;]", str(rec.get("city") or "")):
                town_key = core(town)
                if len(town_key) >= 3 and place not in self._by_name.get(town_key, ()):
                    self._by_city[town_key].append(place)

    @classmethod
    def load(cls) -> AirportIndex:
        """The index over airportsdata's ICAO-keyed airports (built in memory, see benchmarks)."""
        return _default_index()

    def matches(self, name: str) -> list[tuple[Place, bool]]:
        """Airfields for ``name``, each with True when it names the airfield, False the town it serves."""
        key = core(name)
        if len(key) < 3:
            return []
        out = [(p, True) for p in self._by_name.get(key, ())]
        out += [(p, False) for p in self._by_city.get(key, ())]
        return out

    def scheduled(self, place: Place) -> bool:
        """Whether the airfield has an IATA code (scheduled passenger service)."""
        return place.id in self._scheduled

    def lookup(self, name: str) -> list[Place]:
        return [p for p, _ in self.matches(name)]

    def __len__(self) -> int:
        return len({p.id for ps in self._by_name.values() for p in ps} | {p.id for ps in self._by_city.values() for p in ps})


def _place(icao: str, rec: Mapping[str, object]) -> Place | None:
    try:
        name = str(rec["name"])
        lat, lon = float(rec["lat"]), float(rec["lon"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        return None  # a malformed record is skipped, not fatal
    kind = "air base" if _has(_words(name), BASE_PHRASES) else "airport"
    country = str(rec.get("country") or "").upper() or None
    return Place(
        id=f"{ID_PREFIX}{icao}",
        name=name,
        kind=kind,
        lat=lat,
        lon=lon,
        country=country,
        source=f"airportsdata (ICAO {icao})",
        resolver="geonames",
    )


@lru_cache(maxsize=1)
def _default_index() -> AirportIndex:
    try:
        import airportsdata
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise GeocoderError("airportsdata is not installed", hint="pip install airportsdata") from exc
    return AirportIndex(airportsdata.load("ICAO"))


class AirportsGeocoder:
    """Resolver for airfields: answers only when the name or its kind hint says airport/air base."""

    name: ResolverName = "geonames"  # offline reference data; Place.source names the dataset

    def __init__(self, index: AirportIndex | None = None) -> None:
        self._index = index

    @property
    def index(self) -> AirportIndex:
        if self._index is None:
            self._index = AirportIndex.load()  # only a story naming an airfield pays for it
        return self._index

    @staticmethod
    def wanted(query: str, context: Context) -> bool:
        hint = (context.kind_hint or "").casefold()
        return hint in AIRFIELD_KINDS or names_airfield(query)

    def candidates(self, query: str, context: Context) -> list[Candidate]:
        if not self.wanted(query, context):
            return []
        priors = []
        for place, named in self.index.matches(query):
            prior = 0.0 if named else CITY_PENALTY
            why = "airfield name" if named else "airfield serving the town named"
            if self.index.scheduled(place):
                prior += SCHEDULED_BONUS
            if "international" in _words(place.name):
                prior += INTERNATIONAL_BONUS
            priors.append(Candidate(place, prior, why))
        return rank(priors, context)
