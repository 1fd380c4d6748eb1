"""Least added distance: where in a route a visit, or a chain of visits kept in order, adds the least."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from ..geocoders.base import haversine_km
from ..model import LatLon, Place


class Placed(Protocol):
    """Anything standing at a place (a visits.Visit)."""

    @property
    def place_id(self) -> str: ...


def cheapest_chain(route: Sequence[Placed], chain: Sequence[Placed], places: Mapping[str, Place], lo: int, hi: int,
                   after: Placed | None = None) -> int:
    """Where in ``route[lo:hi + 1]`` the ``chain`` (kept in its order) adds the least distance;
    ``after``: where the route goes on to past its end (the next day's first visit), if anywhere."""
    if len(chain) == 1:
        return cheapest(route, chain[0], places, lo, hi, after)
    first, last = places[chain[0].place_id].latlon, places[chain[-1].place_id].latlon
    point = _points(route, places, after)
    ends = len(route) + (after is not None)
    best: tuple[float, int] | None = None
    for i in range(lo, hi + 1):
        prev = point(i - 1) if i > 0 else None
        nxt = point(i) if i < ends else None
        cost = (haversine_km(prev, first) if prev else 0.0) + (haversine_km(last, nxt) if nxt else 0.0)
        cost -= haversine_km(prev, nxt) if prev and nxt else 0.0
        if best is None or cost <= best[0]:
            best = (cost, i)
    return best[1] if best else hi


def cheapest(route: Sequence[Placed], v: Placed, places: Mapping[str, Place], lo: int, hi: int,
             after: Placed | None = None) -> int:
    """The position in ``route[lo:hi + 1]`` where ``v`` adds the least distance (``after``: as for
    :func:`cheapest_chain`)."""
    here = places[v.place_id].latlon
    point = _points(route, places, after)
    ends = len(route) + (after is not None)
    best: tuple[float, int] | None = None
    back: float | None = None  # the distance from the place before i, carried from the step before
    for i in range(lo, hi + 1):
        if not ends:
            return 0
        ahead = haversine_km(point(i), here) if i < ends else 0.0
        if i == 0:
            cost = ahead
        else:
            back = haversine_km(point(i - 1), here) if back is None else back
            cost = back if i == ends else back + ahead - haversine_km(point(i - 1), point(i))
        if best is None or cost <= best[0]:  # ties: the later place, as the text tells it
            best = (cost, i)
        back = ahead
    return best[1] if best else hi


def _points(route: Sequence[Placed], places: Mapping[str, Place], after: Placed | None) -> Callable[[int], LatLon]:
    """The point of ``route + [after]`` at an index, with no copy of the route (a day's search looks
    at a few of its visits; copying the whole route for it grew as the square of the story)."""
    n = len(route)

    def point(i: int) -> LatLon:
        return places[(route[i] if i < n else after).place_id].latlon  # type: ignore[union-attr]

    return point
