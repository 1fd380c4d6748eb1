"""Offline airports and air bases (the airportsdata package), matched by their distinctive words.

GeoNames cities lack airports and air bases, so "Ramstein Air Base" or "aéroport de
Tarbes-Lourdes-Pyrénées" need their own reference data. Places found here are offline
reference data like GeoNames: they carry ``resolver="geonames"`` (the GeoJSON contract has
three resolver values) and ``source="airportsdata (ICAO XXXX)"`` says which dataset it was.
"""

from __future__ import annotations

import importlib.metadata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from ..model import Candidate, Mention, Place, ResolverName
from .airport_index import ID_PREFIX, AirportIndex, core, name_words, names_airfield
from .base import haversine_km
from .context import AIRFIELD_KINDS, Context, rank

CITY_PENALTY = -0.5  # the query names the town the airfield serves, not the airfield
# Of several airfields serving a town, one with scheduled service (an IATA code) and, among
# those, the international one is meant: "Rzeszów airport" is Jasionka, not the aero club's.
SCHEDULED_BONUS = 0.7
INTERNATIONAL_BONUS = 0.3
#: An airfield without scheduled service that the text names only by a bare name ("aéroport
#: international Jackson", "aéroport international de Mexico") is meant only this near a story place:
#: news names such a field where the story is; a far one (a Queensland strip for Port Moresby's
#: airport, a New York State field for Mexico City's) only shares the name.
LOCAL_FIELD_KM = 300.0


@lru_cache(maxsize=1)
def airports_version() -> str:
    """The installed airportsdata's version, read without importing it (part of cache keys)."""
    try:
        return importlib.metadata.version("airportsdata")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


#: How far from an airfield the town it serves may lie (Vnukovo is 28 km from Moscow's centre).
SERVES_KM = 60.0


def attach_served(places: Mapping[str, Place], mentions: Iterable[Mention], airports: AirportsGeocoder) -> dict[str, Place]:
    """``places`` with each airfield's ``serves`` set to the story place of the town it serves.

    A town is known by its name, aliases and its ``mentions``' surfaces ("Moscou" is Moscow);
    it must be one of the story's places and lie within SERVES_KM. An airfield serving no story
    town is left as it is; a story without airfields never loads the index.
    """
    out = dict(places)
    if not any(pid.startswith(ID_PREFIX) for pid in places):
        return out
    index = airports.index
    names: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.place_id:
            names[m.place_id].add(m.surface)
    towns = [p for p in places.values() if p.has_coords and not p.id.startswith(ID_PREFIX)]
    for pid, place in places.items():
        if not pid.startswith(ID_PREFIX) or not place.has_coords:
            continue
        served = set(index.towns_served(place))
        near = [
            (haversine_km(place.latlon, t.latlon), t.id) for t in towns
            if {core(n) for n in (t.name, *t.aliases, *names.get(t.id, ()))} & served
            and haversine_km(place.latlon, t.latlon) <= SERVES_KM
        ]
        if near:
            out[pid] = replace(place, serves=min(near)[1])
    return out


class AirportsGeocoder:
    """Resolver for airfields: answers only when the name or its kind hint says airport/air base."""

    name: ResolverName = "geonames"  # offline reference data; Place.source names the dataset

    def __init__(self, index: AirportIndex | None = None, *, cache_dir: Path | None = None) -> None:
        self._index = index
        self._cache_dir = cache_dir

    @property
    def index(self) -> AirportIndex:
        if self._index is None:
            self._index = AirportIndex.load(self._cache_dir)  # only a story naming an airfield pays for it
        return self._index

    @staticmethod
    def wanted(query: str, context: Context) -> bool:
        hint = (context.kind_hint or "").casefold()
        return hint in AIRFIELD_KINDS or names_airfield(query)

    def candidates(self, query: str, context: Context) -> list[Candidate]:
        if not self.wanted(query, context):
            return []
        priors = []
        found = _in_regions(self.index.matches(query), context.within)
        if not names_airfield(query):
            found = [(p, named) for p, named in found if self.index.scheduled(p) or _local(p, context)]
        for place, named in found:
            prior = 0.0 if named else CITY_PENALTY
            why = "airfield name" if named else "airfield serving the town named"
            if self.index.scheduled(place):
                prior += SCHEDULED_BONUS
            if "international" in name_words(place.name):
                prior += INTERNATIONAL_BONUS
            priors.append(Candidate(place, prior, why))
        return rank(priors, context)


def _local(place: Place, context: Context) -> bool:
    """Whether ``place`` is within LOCAL_FIELD_KM of a story place (True while the story has none)."""
    km = context.nearest_km(place.latlon) if place.has_coords else None
    return km is None or km <= LOCAL_FIELD_KM


def _in_regions(found: list[tuple[Place, bool]], within: tuple[str, ...]) -> list[tuple[Place, bool]]:
    """The airfields in a country the text puts the name in ("l'aéroport d'Avel, dans l'ouest
    du pays"; a US state's code counts as its country), all when it says none: a namesake nearer
    the story elsewhere is not what the text means, and with none there the town is asked for."""
    if not within:
        return found
    countries = {code.partition("-")[0] for code in within}
    return [(place, named) for place, named in found if (place.country or "").upper() in countries]
