"""Nearest story point of each place asked about, kept up to date as a story's points grow."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from ..model import LatLon
from .base import EARTH_RADIUS_KM, haversine_km

#: More than the kilometres by which the screening distance (from the chord between unit vectors,
#: whose rounding near zero is ~1e-4 km) may differ from ``haversine_km``'s. Within twice this of the
#: best, every point is measured again exactly: the distances returned are ``haversine_km``'s to the bit.
SLACK_KM = 0.01


class NearestTable:
    """Story points shared by every request that starts from them (``ResolverChain.resolve_many``:
    one story, hundreds of names, each ranked again as points are settled) and, per place point
    asked about, the distance to the nearest of them.

    Points are only ever added, so a remembered distance is brought up to date from the new points
    only. Distances are screened with numpy over all points at once and confirmed exactly: checking
    every remembered place against every point in Python grew with the square of the story's size.
    """

    def __init__(self, points: Iterable[LatLon] = ()) -> None:
        self.points: list[LatLon] = []
        self.frozen: tuple[LatLon, ...] = ()  # ``points`` as a tuple, made once per change
        self._have: set[LatLon] = set()
        self._km: dict[LatLon, float] = {}  # place point -> distance to the nearest story point
        self._xyz = _unit([])
        # The remembered place points as arrays too (those asked since the last add() wait in _fresh),
        # so that each new point is screened against all of them at once: by the cosine of its angle
        # to each, against the cosine of a little more than each one's distance (``_reach``).
        self._places: list[LatLon] = []
        self._places_xyz = _unit([])
        self._places_cos = self._places_xyz[:, 0]
        self._fresh: list[LatLon] = []
        self._askers: dict[LatLon, list[int]] = defaultdict(list)  # place point -> the requests that asked it
        self.add(points)

    def add(self, points: Iterable[LatLon]) -> set[LatLon] | None:
        """Add story points; the remembered place points they brought nearer (None: these are the
        first points, which change every place's distance)."""
        start = len(self.points)
        for lat, lon in points:
            p = (float(lat), float(lon))
            if p not in self._have:
                self._have.add(p)
                self.points.append(p)
        new = self.points[start:]
        if not new:
            return set()
        import numpy as np  # here: only a story with discovered names needs it

        self.frozen = tuple(self.points)
        new_xyz = _unit(new)
        self._xyz = np.concatenate((self._xyz, new_xyz))
        if start == 0:
            return None
        if self._fresh:
            self._places += self._fresh
            self._places_xyz = np.concatenate((self._places_xyz, _unit(self._fresh)))
            self._places_cos = np.concatenate((self._places_cos, [_reach(self._km[p]) for p in self._fresh]))
            self._fresh = []
        closest = (self._places_xyz @ new_xyz.T).max(axis=1)  # places x new points: the nearest's cosine
        nearer: set[LatLon] = set()
        for k in np.flatnonzero(closest > self._places_cos):
            place = self._places[k]
            rough = _rough_km(self._places_xyz[k : k + 1], new_xyz)[0]
            km = _exact_min(place, new, rough, rough.min())
            if km < self._km[place]:
                self._km[place] = km
                self._places_cos[k] = _reach(km)
                nearer.add(place)
        return nearer

    def asked(self, latlon: LatLon, owner: int) -> None:
        """Note that request ``owner`` asked about ``latlon`` (once per owner and point)."""
        self._askers[latlon].append(owner)

    def asked_by(self, places: Iterable[LatLon]) -> set[int]:
        """The requests (:class:`NearestMemo` owners) that asked about any of ``places``."""
        return {owner for place in places for owner in self._askers.get(place, ())}

    def nearest_km(self, latlon: LatLon) -> float | None:
        """Distance to the nearest story point, or None when there is none yet."""
        if not self.points:
            return None
        km = self._km.get(latlon)
        if km is None:
            rough = _rough_km(_unit([latlon]), self._xyz)[0]
            km = self._km[latlon] = _exact_min(latlon, self.points, rough, rough.min())
            self._fresh.append(latlon)
        return km

    def within(self, latlon: LatLon, far_km: float) -> list[LatLon]:
        """The story points within ``far_km`` of ``latlon``, in the order they were added."""
        if not self.points:
            return []
        import numpy as np

        rough = _rough_km(_unit([latlon]), self._xyz)[0]
        return [self.points[k] for k in np.flatnonzero(rough <= far_km + SLACK_KM)
                if rough[k] < far_km - SLACK_KM or haversine_km(latlon, self.points[k]) <= far_km]


class NearestMemo:
    """One request's view of a shared :class:`NearestTable`: the place points it asked about are
    noted in the table under its ``owner``, so that :meth:`NearestTable.asked_by` tells which
    requests new story points may rank differently."""

    def __init__(self, table: NearestTable, owner: int = -1) -> None:
        self.table = table
        self.owner = owner
        self._asked: set[LatLon] = set()

    @property
    def points(self) -> tuple[LatLon, ...]:
        return self.table.frozen

    def nearest_km(self, latlon: LatLon) -> float | None:
        if latlon not in self._asked:
            self._asked.add(latlon)
            self.table.asked(latlon, self.owner)
        return self.table.nearest_km(latlon)

    def within(self, latlon: LatLon, far_km: float) -> list[LatLon]:
        return self.table.within(latlon, far_km)


def _unit(points: list[LatLon]):  # -> numpy array (n, 3): the points on the unit sphere
    import numpy as np

    rad = np.radians(np.array(points, dtype=float).reshape(-1, 2))
    lat, lon = rad[:, 0], rad[:, 1]
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def _reach(km: float) -> float:
    """The cosine of an angle a little wider than ``km`` (SLACK_KM, and 1e-9 below that cosine, far
    more than a dot product's rounding, which near 0 km is worth ~0.3 km): a point nearer than ``km``
    by ``haversine_km`` has a larger cosine."""
    return math.cos(min(km + SLACK_KM, math.pi * EARTH_RADIUS_KM) / EARTH_RADIUS_KM) - 1e-9


def _rough_km(a, b):  # -> numpy array (len(a), len(b)): great-circle km from the chords between unit vectors
    import numpy as np

    chord = np.sqrt(np.maximum(2.0 - 2.0 * (a @ b.T), 0.0))
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(chord / 2, 1.0))


def _exact_min(latlon: LatLon, points: list[LatLon], rough, best: float) -> float:
    """``min(haversine_km(latlon, p) for p in points)``, measured only for the points ``rough`` puts
    within twice SLACK_KM of its ``best`` (the true nearest is among them)."""
    import numpy as np

    return min((haversine_km(latlon, points[k]) for k in np.flatnonzero(rough <= best + 2 * SLACK_KM)),
               default=math.inf)
