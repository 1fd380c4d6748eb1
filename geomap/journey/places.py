"""What a stop's ``place:`` may be: an id, a name said like the articles say it, or lat/lon."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from ..geocoders.airport_index import ID_PREFIX as AIRFIELD_PREFIX
from ..geocoders.chain import ResolverChain
from ..geocoders.context import Context
from ..model import Mention, Place, Resolution
from ..textnorm import fold_key

#: Prefix of the ids of places an itinerary gives by coordinates.
POINT_PREFIX = "point:"
#: How close a known name must be to a misspelt one to be offered as "did you mean".
SUGGEST_CUTOFF = 0.8


class PlaceFinder(Protocol):
    """Places beyond the story's own: any resolver's id, or a name resolved in the story's context."""

    def by_id(self, place_id: str) -> Place | None: ...

    def by_name(self, name: str) -> Place | None: ...


def point_place(lat: float, lon: float, name: str | None, source: str) -> Place:
    """A place the itinerary gives by its coordinates (curated, so its resolver is the gazetteer)."""
    shown = name or f"{lat:.4f}, {lon:.4f}"
    return Place(id=f"{POINT_PREFIX}{lat:.5f},{lon:.5f}", name=shown, lat=lat, lon=lon, source=source)


def _labels(place: Place) -> Iterable[str]:
    yield place.name
    yield from place.aliases


def by_story_name(name: str, places: Mapping[str, Place], mentions: Sequence[Mention]) -> Place | None:
    """The place ``name`` stands for in this story: what the articles' own use of it was resolved to,
    else the one known place (gazetteer or resolved) with that name or alias.

    Among several namesakes the one the articles mention most wins, as a reader would assume.
    """
    key = fold_key(name)
    if not key:
        return None
    said = Counter(m.place_id for m in mentions
                   if m.place_id in places and fold_key(m.surface) == key and places[m.place_id].has_coords)
    if said:
        return places[said.most_common(1)[0][0]]
    mentioned = Counter(m.place_id for m in mentions if m.place_id)
    named = [p for p in places.values() if p.has_coords and any(fold_key(n) == key for n in _labels(p))]
    if not named:
        return None
    return max(named, key=lambda p: mentioned[p.id])


def suggestion(word: str, places: Mapping[str, Place]) -> str | None:
    """``did you mean 'x'?`` for a close id or name of a located place, else None."""
    choices = {p.id: p.id for p in places.values() if p.has_coords}
    for p in places.values():
        if p.has_coords:
            for label in _labels(p):
                choices.setdefault(label, label)
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=SUGGEST_CUTOFF)
    if not close:
        folded = {fold_key(c): c for c in choices}
        close = [folded[c] for c in difflib.get_close_matches(fold_key(word), list(folded), n=1,
                                                               cutoff=SUGGEST_CUTOFF)]
    return f"did you mean {close[0]!r}?" if close else None


class ChainFinder:
    """The build's resolvers as a PlaceFinder: GeoNames and airfield ids, names in the story's context.

    Names are asked of the whole chain (gazetteer, offline data, and the online geocoder only when
    the build allows it); the answers are kept in ``resolutions`` for the build's summary and exports.
    """

    def __init__(self, chain: ResolverChain, context: Context) -> None:
        self.chain = chain
        self.context = context
        self.resolutions: dict[str, Resolution] = {}

    def by_id(self, place_id: str) -> Place | None:
        if self.chain.index is not None and (found := self.chain.index.get(place_id)) is not None:
            return found
        if place_id.startswith(AIRFIELD_PREFIX) and self.chain.airports is not None:
            return self.chain.airports.index.get(place_id)
        return None

    def by_name(self, name: str) -> Place | None:
        res = self.chain.resolve(name, self.context)
        if res is None:
            return None
        self.resolutions.setdefault(res.place.id, res)
        return res.place
