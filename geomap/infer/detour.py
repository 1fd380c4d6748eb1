"""Least added distance: where in a route a visit, or a chain of visits kept in order, adds the least."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from ..geocoders.base import EARTH_RADIUS_KM, haversine_km
from ..model import Place

#: Kilometres a bound may fall short of the distances it bounds through rounding (they agree to ~1e-10 km).
_SLACK_KM = 1e-6


class Placed(Protocol):
    """Anything standing at a place (a visits.Visit)."""

    @property
    def place_id(self) -> str: ...


class Legs:
    """Distances between places by id, each ordered pair measured once: a day's search measures the
    legs of the day's route again for every visit it puts in, and a big story's day holds a hundred
    (at 10,000 articles, 1.4 million great circles for 450,000 distinct legs). The same pair in the
    same order gives the same float: answers are those of measuring each time."""

    def __init__(self, places: Mapping[str, Place]) -> None:
        self.places = places
        self.memo: dict[tuple[str, str], float] = {}
        self.lats: dict[str, float] = {}

    def km(self, a: str, b: str) -> float:
        d = self.memo.get((a, b))
        if d is None:
            d = self.memo[a, b] = haversine_km(self.places[a].latlon, self.places[b].latlon)
        return d

    def lat(self, a: str) -> float:
        """The latitude of ``a`` in radians: ``EARTH_RADIUS_KM`` times the difference of two places' is no
        more than the great circle between them (a meridian's arc is the shortest way from one parallel to
        another), a bound that spares measuring the legs to a route's far places."""
        r = self.lats.get(a)
        if r is None:
            r = self.lats[a] = math.radians(self.places[a].latlon[0])
        return r


def cheapest_chain(route: Sequence[Placed], chain: Sequence[Placed], places: Mapping[str, Place], lo: int, hi: int,
                   after: Placed | None = None, legs: Legs | None = None) -> int:
    """Where in ``route[lo:hi + 1]`` the ``chain`` (kept in its order) adds the least distance;
    ``after``: where the route goes on to past its end (the next day's first visit), if anywhere;
    ``legs``: the distances measured so far (shared by the searches of one ordering)."""
    if len(chain) == 1:
        return cheapest(route, chain[0], places, lo, hi, after, legs)
    legs = legs or Legs(places)
    km = legs.km
    first, last = chain[0].place_id, chain[-1].place_id
    ids = _ids(route, after, lo, hi)

    def cost(k: int) -> float:
        prev, nxt = ids[k], ids[k + 1]
        if prev is not None and nxt is not None:
            return km(prev, first) + km(last, nxt) - km(prev, nxt)
        return (km(prev, first) if prev is not None else 0.0) + (km(last, nxt) if nxt is not None else 0.0)

    at = _least(_bounds(ids, legs, first, last), cost)
    return lo + at if at >= 0 else hi


def cheapest(route: Sequence[Placed], v: Placed, places: Mapping[str, Place], lo: int, hi: int,
             after: Placed | None = None, legs: Legs | None = None) -> int:
    """The position in ``route[lo:hi + 1]`` where ``v`` adds the least distance (``after``, ``legs``: as
    for :func:`cheapest_chain`)."""
    if lo > hi:
        return hi
    if not route and after is None:
        return 0
    legs = legs or Legs(places)
    km = legs.km
    here = v.place_id
    ids = _ids(route, after, lo, hi)

    def cost(k: int) -> float:
        prev, nxt = ids[k], ids[k + 1]
        ahead = km(nxt, here) if nxt is not None else 0.0
        if prev is None:
            return ahead
        return km(prev, here) if nxt is None else km(prev, here) + ahead - km(prev, nxt)

    return lo + _least(_bounds(ids, legs, here, here), cost)


def _bounds(ids: Sequence[str | None], legs: Legs, first: str, last: str) -> list[float]:
    """For each position between ``ids[k]`` and ``ids[k + 1]``, no more than what going from the place
    before to ``first`` and from ``last`` to the place after adds: the latitudes' differences (a meridian's
    arc is the shortest way between two parallels) less the leg skipped; -inf at the route's ends."""
    lat, memo, km = legs.lat, legs.memo, legs.km
    north, south = lat(first), lat(last)
    known = legs.lats  # looked up here, not through lat(): this pass runs over the whole day for every visit
    lats = [None if p is None else known[p] if p in known else lat(p) for p in ids]
    return [-math.inf if a is None or b is None
            else EARTH_RADIUS_KM * (abs(a - north) + abs(south - b)) - (memo.get((p, q)) or km(p, q))  # type: ignore[arg-type]
            for p, q, a, b in zip(ids, ids[1:], lats, lats[1:])]


def _least(bounds: Sequence[float], cost: Callable[[int], float]) -> int:
    """The last of the positions of least cost (-1 with none), as a scan in order finds it (ties: the later
    place, as the text tells it), measuring the positions in the order of their bounds and none whose bound
    is over the least cost found: a big story's day holds hundreds of visits, put in one at a time, and
    a scan in route order measured the way to every place the latitudes did not rule out before the
    nearest were met (the square of the day)."""
    best, at = math.inf, -1
    for k in sorted(range(len(bounds)), key=bounds.__getitem__):
        if bounds[k] > best + _SLACK_KM:
            break
        c = cost(k)
        if c < best or (c == best and k > at):
            best, at = c, k
    return at


def _ids(route: Sequence[Placed], after: Placed | None, lo: int, hi: int) -> list[str | None]:
    """The places of ``route + [after]`` from index ``lo - 1`` to ``hi`` (None before its start and
    past its end), with no copy of the route: a day's search looks at a few of its visits; copying
    the whole route for it grew as the square of the story."""
    n = len(route)
    ends = n + (after is not None)
    return [None if i < 0 or i >= ends else (route[i] if i < n else after).place_id  # type: ignore[union-attr]
            for i in range(lo - 1, hi + 1)]
