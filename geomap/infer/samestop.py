"""Same stop: two places told in turn that are one stop (a town and its airport, two names of a town)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace

from ..geocoders.base import haversine_km
from ..model import Place
from .lexicon import kind_in
from .score import is_hub
from .visits import Visit

#: A hub this close to the town stopped at just before or after it is that town's (gold stops are
#: matched within ~25 km; an airport is rarely further from its town's centre).
HUB_KM = 30.0

#: Two towns this close told in turn are one stop under two names (a city and the enclave or suburb
#: it holds): nearer than two towns a trip stops at in turn (the nearest capitals, Brazzaville and
#: Kinshasa, lie 7.7 km apart).
TOWN_KM = 6.0


def merge_repeats(route: list[Visit], places: Mapping[str, Place]) -> list[Visit]:
    """One visit where two told in turn are one stop (``same_stop``): the same place (no move lies
    between them), a town and an airport or site at it, two names of one town. Tellings differ in
    the grain they name a stop at ("landed at X airport", "arrived in X", "at the X palace"): the
    town stands for the stop, and a merged visit is compared again with the one before."""
    out: list[Visit] = []
    for v in route:
        while out and same_stop(places[out[-1].place_id], places[v.place_id]):
            a = out.pop()
            keep = a if _stands_for(a, v, places) else v
            v = replace(keep, evidence=a.evidence + v.evidence, date=a.date or v.date,
                        approximate=a.approximate if a.date else v.approximate)
        out.append(v)
    return out


def same_stop(a: Place, b: Place) -> bool:
    """The same place; a town and a part of it (a hub or site within HUB_KM); two towns within TOWN_KM.
    Two parts stay two stops: an air base and the station beside it are a change of vehicle. A passage
    (a bridge, a river) stays as told: gold itineraries keep a river crossed as a stop of its own."""
    if a.id == b.id:
        return True
    if _is_passage(a) or _is_passage(b):
        return False
    km = haversine_km(a.latlon, b.latlon)
    if _is_part(a) != _is_part(b):
        return km <= HUB_KM
    return not _is_part(a) and km <= TOWN_KM


def _stands_for(a: Visit, b: Visit, places: Mapping[str, Place]) -> bool:
    """Whether ``a``'s place names the stop ``a`` and ``b`` make: the town before a part of it, the
    more populous of two towns, else the one told more (a cove of an island and the island)."""
    pa, pb = places[a.place_id], places[b.place_id]
    if _is_part(pa) != _is_part(pb):
        return not _is_part(pa)
    told_a, told_b = (sum(e.place_id == p.id for e in v.evidence) for p, v in ((pa, a), (pb, b)))
    return (pa.population or 0, told_a) >= (pb.population or 0, told_b)


def _is_part(p: Place) -> bool:
    """A place that lies at a town rather than being one: an airport or station, a site."""
    return is_hub(p) or kind_in(p.kind, "site_kinds")


def _is_passage(p: Place) -> bool:
    return kind_in(p.kind, "passage_kinds")


class Stood:
    """Where the route stood before the day at hand, by bands of latitude: two places :func:`same_stop`
    holds for lie within HUB_KM of each other, so in the same band or the next (asking every earlier
    stop for each day's departures was the square of the story: 40 s of a warm 10,000-article build)."""

    BAND_DEG = max(HUB_KM, TOWN_KM) / 111.0  # a degree of latitude is 111.2 km: a little wider than needed

    def __init__(self, places: Mapping[str, Place]) -> None:
        self.places, self.ids, self.bands = places, set(), {}

    def __bool__(self) -> bool:
        return bool(self.ids)

    def add(self, place_ids: Iterable[str]) -> None:
        for pid in place_ids:
            if pid not in self.ids:
                self.ids.add(pid)
                self.bands.setdefault(self._band(self.places[pid]), []).append(self.places[pid])

    def holds(self, v: Visit) -> bool:
        """``v``'s place is one stop with a place the route stood at."""
        here = self.places[v.place_id]
        if v.place_id in self.ids:
            return True
        band = self._band(here)
        if band is None:  # no coordinates: every place, as same_stop would be asked
            return any(same_stop(here, p) for ps in self.bands.values() for p in ps)
        near = (*self.bands.get(band - 1, ()), *self.bands.get(band, ()), *self.bands.get(band + 1, ()),
                *self.bands.get(None, ()))
        return any(same_stop(here, p) for p in near)

    def _band(self, p: Place) -> int | None:
        return math.floor(p.lat / self.BAND_DEG) if p.lat is not None and p.lon is not None else None
