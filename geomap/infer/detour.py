"""Least added distance: where in a route a visit, or a chain of visits kept in order, adds the least."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
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
    km, lat = legs.km, legs.lat
    first, last = chain[0].place_id, chain[-1].place_id
    ids = _ids(route, after, lo, hi)
    north, south = lat(first), lat(last)
    best, at = 0.0, -1
    limit = math.inf  # no cost found yet
    for i in range(lo, hi + 1):
        prev, nxt = ids[i - lo], ids[i - lo + 1]
        if prev is not None and nxt is not None:
            leg = km(prev, nxt)
            # Ways in and out that the latitudes alone make longer than the best found: not measured.
            if EARTH_RADIUS_KM * (abs(lat(prev) - north) + abs(south - lat(nxt))) - leg > limit:
                continue
            cost = km(prev, first) + km(last, nxt) - leg
        else:
            cost = (km(prev, first) if prev is not None else 0.0) + (km(last, nxt) if nxt is not None else 0.0)
        if at < 0 or cost <= best:
            best, at = cost, i
            limit = best + _SLACK_KM
    return at if at >= 0 else hi


def cheapest(route: Sequence[Placed], v: Placed, places: Mapping[str, Place], lo: int, hi: int,
             after: Placed | None = None, legs: Legs | None = None) -> int:
    """The position in ``route[lo:hi + 1]`` where ``v`` adds the least distance (``after``, ``legs``: as
    for :func:`cheapest_chain`)."""
    if lo > hi:
        return hi
    if not route and after is None:
        return 0
    legs = legs or Legs(places)
    km, lat = legs.km, legs.lat
    here = v.place_id
    ids = _ids(route, after, lo, hi)
    best, at = 0.0, -1
    north = lat(here)
    limit = math.inf
    back: float | None = None  # the distance from the place before i, carried from the step before
    for i in range(lo, hi + 1):
        prev, nxt = ids[i - lo], ids[i - lo + 1]
        if (prev is not None and nxt is not None
                and EARTH_RADIUS_KM * (abs(lat(prev) - north) + abs(lat(nxt) - north)) - km(prev, nxt) > limit):
            back = None  # a detour the latitudes alone make longer than the best found: not measured
            continue
        ahead = km(nxt, here) if nxt is not None else 0.0
        if prev is None:
            cost = ahead
        else:
            back = km(prev, here) if back is None else back
            cost = back if nxt is None else back + ahead - km(prev, nxt)
        if at < 0 or cost <= best:  # ties: the later place, as the text tells it
            best, at = cost, i
            limit = best + _SLACK_KM
        back = ahead
    return at


def _ids(route: Sequence[Placed], after: Placed | None, lo: int, hi: int) -> list[str | None]:
    """The places of ``route + [after]`` from index ``lo - 1`` to ``hi`` (None before its start and
    past its end), with no copy of the route: a day's search looks at a few of its visits; copying
    the whole route for it grew as the square of the story."""
    n = len(route)
    ends = n + (after is not None)
    return [None if i < 0 or i >= ends else (route[i] if i < n else after).place_id  # type: ignore[union-attr]
            for i in range(lo - 1, hi + 1)]
