"""Least added distance: where in a route a visit, or a chain of visits kept in order, adds the least."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from ..geocoders.base import haversine_km
from ..model import Place


class Placed(Protocol):
    """Anything standing at a place (a visits.Visit)."""

    @property
    def place_id(self) -> str: ...


def cheapest_chain(route: Sequence[Placed], chain: Sequence[Placed], places: Mapping[str, Place], lo: int, hi: int) -> int:
    """Where in ``route[lo:hi + 1]`` the ``chain`` (kept in its order) adds the least distance."""
    if len(chain) == 1:
        return cheapest(route, chain[0], places, lo, hi)
    first, last = places[chain[0].place_id].latlon, places[chain[-1].place_id].latlon
    best: tuple[float, int] | None = None
    for i in range(lo, hi + 1):
        prev = places[route[i - 1].place_id].latlon if i > 0 else None
        nxt = places[route[i].place_id].latlon if i < len(route) else None
        cost = (haversine_km(prev, first) if prev else 0.0) + (haversine_km(last, nxt) if nxt else 0.0)
        cost -= haversine_km(prev, nxt) if prev and nxt else 0.0
        if best is None or cost <= best[0]:
            best = (cost, i)
    return best[1] if best else hi


def cheapest(route: Sequence[Placed], v: Placed, places: Mapping[str, Place], lo: int, hi: int) -> int:
    """The position in ``route[lo:hi + 1]`` where ``v`` adds the least distance."""
    here = places[v.place_id].latlon

    def km(i: int) -> float:
        return haversine_km(places[route[i].place_id].latlon, here)

    best: tuple[float, int] | None = None
    for i in range(lo, hi + 1):
        if not route:
            return 0
        if i == 0:
            cost = km(0)
        elif i == len(route):
            cost = km(i - 1)
        else:
            a, b = places[route[i - 1].place_id].latlon, places[route[i].place_id].latlon
            cost = km(i - 1) + km(i) - haversine_km(a, b)
        if best is None or cost <= best[0]:  # ties: the later place, as the text tells it
            best = (cost, i)
    return best[1] if best else hi
