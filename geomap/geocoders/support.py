"""How much of a story lies near a place: its names' namesakes weighed by how often the text names them."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from ..model import LatLon
from .base import EARTH_RADIUS_KM, haversine_km
from .nearest import SLACK_KM

#: "Near" for support: one region of a trip (a county, a day's drive), wider than the distance
#: term's scale, so that the towns around a stop support it as much as the stop itself.
SUPPORT_KM = 250.0
#: Grid cells of this many degrees of latitude hold the points; a look-up reads the cells around it.
_CELL_DEG = 2.5
#: Cosines of the angles a little beyond and a little within SUPPORT_KM (SLACK_KM either side, far more
#: than a dot product's rounding): a point between them is measured with ``haversine_km``.
_COS_OUT = math.cos((SUPPORT_KM + SLACK_KM) / EARTH_RADIUS_KM)
_COS_IN = math.cos((SUPPORT_KM - SLACK_KM) / EARTH_RADIUS_KM)


class Support:
    """The story's names as weighted points, fixed before any name is settled.

    Each name the story asks about weighs its mentions, shared among its namesakes by how well each
    fits the story's countries alone (no other name's answer): a name mentioned six times whose
    namesakes all lie in one county puts six there, wherever it is finally placed. So the weight
    near a namesake is the story's, not one settled answer's: a wrong namesake settled early (a
    village beside the traveller's home) does not pull its neighbours, and the places the story
    names most count most. ``share(point, owner)`` leaves out the asking name's own weight.
    """

    def __init__(self, points: Iterable[tuple[LatLon, float, int]]) -> None:
        # Each point with its unit vector: most are told apart from a look-up by a dot product alone.
        self._cells: dict[tuple[int, int], list[tuple[LatLon, float, int, float, float, float]]] = defaultdict(list)
        self._owned: dict[int, float] = defaultdict(float)
        for latlon, weight, owner in points:
            if weight > 0:
                self._cells[_cell(latlon)].append((latlon, weight, owner, *_unit(latlon)))
                self._owned[owner] += weight
        self.total = sum(self._owned.values())
        self._near: dict[LatLon, tuple[float, dict[int, float]]] = {}

    def share(self, latlon: LatLon, owner: int) -> float:
        """Share (0..1) of the story's weight within SUPPORT_KM of ``latlon``, ``owner``'s own left out."""
        near = self._near.get(latlon)
        if near is None:  # remembered: a name's namesakes are asked again at every round
            by_owner: dict[int, float] = defaultdict(float)
            hx, hy, hz = _unit(latlon)
            for cell in _around(latlon):
                for p, w, o, x, y, z in self._cells.get(cell, ()):
                    # Only a point near the edge is measured: the cosine of its angle tells the others
                    # (measuring every point of the cells around grew with the square of the story).
                    cos = x * hx + y * hy + z * hz
                    if cos >= _COS_OUT and (cos >= _COS_IN or haversine_km(latlon, p) <= SUPPORT_KM):
                        by_owner[o] += w
            near = self._near[latlon] = (sum(by_owner.values()), dict(by_owner))
        total = self.total - self._owned.get(owner, 0.0)
        return max(0.0, near[0] - near[1].get(owner, 0.0)) / total if total > 0 else 0.0


def _unit(latlon: LatLon) -> tuple[float, float, float]:
    """The point on the unit sphere."""
    lat, lon = math.radians(latlon[0]), math.radians(latlon[1])
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def _cell(latlon: LatLon) -> tuple[int, int]:
    return (math.floor(latlon[0] / _CELL_DEG), math.floor(latlon[1] / _CELL_DEG))


def _around(latlon: LatLon) -> list[tuple[int, int]]:
    """The cells that may hold a point within SUPPORT_KM of ``latlon`` (all longitudes near a pole)."""
    dlat = SUPPORT_KM / 110.0  # a degree of latitude is 110.6-111.7 km: a little wider, never narrower
    rows = range(math.floor((latlon[0] - dlat) / _CELL_DEG), math.floor((latlon[0] + dlat) / _CELL_DEG) + 1)
    per_turn = round(360 / _CELL_DEG)
    reach = abs(latlon[0]) + dlat  # the reach's farthest latitude from the equator
    span = 180.0 if reach >= 89.0 else SUPPORT_KM / (110.0 * math.cos(math.radians(reach)))
    if span >= 180:  # the reach holds a pole, or nearly: every longitude
        cols = range(-per_turn // 2, per_turn // 2)
    else:
        cols = range(math.floor((latlon[1] - span) / _CELL_DEG), math.floor((latlon[1] + span) / _CELL_DEG) + 1)
    # Longitudes wrap: a cell past 180° is the one on the other side.
    return list(dict.fromkeys((r, (c + per_turn // 2) % per_turn - per_turn // 2) for r in rows for c in cols))
