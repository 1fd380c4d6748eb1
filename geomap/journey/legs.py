"""Legs between consecutive stops (waypoint paths, geodesic km) and the route as one LineString."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import pairwise

from geographiclib.geodesic import Geodesic
from geopy.distance import ELLIPSOIDS, geodesic
from shapely.geometry import LineString

from ..errors import ItineraryError
from ..model import Journey, LatLon, Leg, Place, Stop
from ..parallel import each

#: WGS 84 as geopy's geodesic has it, in km.
_WGS84_KM = Geodesic(ELLIPSOIDS["WGS-84"][0], ELLIPSOIDS["WGS-84"][2])
#: From this many distinct steps a route's distances are shared out (fewer: measured here sooner).
MIN_STEPS_APART = 2_000
#: A route waypoint: a place id (resolved through ``places``) or a ``(lat, lon)`` pair.
Waypoint = str | LatLon


def path_km(points: Sequence[LatLon]) -> float:
    """Length of a (lat, lon) polyline in km, as the sum of WGS 84 geodesic distances."""
    return sum(_km(a, b) for a, b in _steps(points))


@lru_cache(maxsize=1 << 16)
def _km(a: LatLon, b: LatLon) -> float:
    """geopy's ``geodesic(a, b).km``, the same number: geopy builds an ellipsoid object for each
    distance (~0.1 ms, a seed build measures ~140), this one serves them all. Remembered: a story
    comes back to its places, so its legs repeat (2,000 articles: 6,400 legs, most of them repeats)."""
    if not all(-90 <= p[0] <= 90 and -180 <= p[1] <= 180 for p in (a, b)):
        return geodesic(a, b).km  # geopy wraps such a longitude first
    return _WGS84_KM.Inverse(float(a[0]), float(a[1]), float(b[0]), float(b[1]), Geodesic.DISTANCE)["s12"]


def waypoint_latlon(waypoint: Waypoint, places: Mapping[str, Place]) -> LatLon:
    """The (lat, lon) of a waypoint; a place id must name a place that has coordinates."""
    if isinstance(waypoint, str):
        place = places.get(waypoint)
        if place is None or not place.has_coords:
            raise ItineraryError(f"waypoint {waypoint!r} is not a place with coordinates")
        return place.latlon
    lat, lon = waypoint
    return (float(lat), float(lon))


def build_legs(
    stops: Sequence[Stop],
    places: Mapping[str, Place],
    vias: Mapping[int, Sequence[Waypoint]],
    modes: Mapping[int, str] | None = None,
    jobs: int = 1,
) -> tuple[Leg, ...]:
    """One leg per consecutive pair of located stops: previous stop + waypoints + this stop.

    ``vias`` maps a stop's ``seq`` to the waypoints of the route that arrives at it. A stop
    whose place has no coordinates (possible for an inferred journey) is skipped: the leg
    joins its neighbours and keeps its waypoints, so the drawn route stays continuous.
    ``modes`` maps a stop's ``seq`` to how the route arriving at it was travelled. With ``jobs``
    > 1, a long route's distances are measured by that many processes.
    """
    ends: list[tuple[Stop, Stop, tuple[LatLon, ...]]] = []
    previous: Stop | None = None
    pending: list[LatLon] = []
    for stop in stops:
        pending.extend(waypoint_latlon(w, places) for w in vias.get(stop.seq, ()))
        place = places.get(stop.place_id)
        if place is None or not place.has_coords:
            continue
        if previous is not None:
            ends.append((previous, stop, (places[previous.place_id].latlon, *pending, place.latlon)))
        previous = stop
        pending = []
    km = _measured([path for _, _, path in ends], jobs)
    return tuple(Leg(from_seq=a.seq, to_seq=b.seq, path=path, km=sum(km[step] for step in _steps(path)),
                     mode=(modes or {}).get(b.seq)) for a, b, path in ends)


def _steps(path: Sequence[LatLon]) -> Iterator[tuple[LatLon, LatLon]]:
    """The path's steps between distinct points, in order: summed in this order, as :func:`path_km` does."""
    return ((a, b) for a, b in pairwise(path) if a != b)


def _measured(paths: Sequence[Sequence[LatLon]], jobs: int) -> dict[tuple[LatLon, LatLon], float]:
    """Each distinct step's geodesic km (:func:`_km`): a 10,000-article story's route has ~37,000 of them,
    ~0.1 ms each in pure Python, shared out to ``jobs`` processes (the results are the same numbers)."""
    steps = list(dict.fromkeys(step for path in paths for step in _steps(path)))
    return dict(zip(steps, each(lambda i: _km(*steps[i]), range(len(steps)), jobs if len(steps) >= MIN_STEPS_APART else 1)))


def _dedupe(points: Iterable[LatLon]) -> list[LatLon]:
    out: list[LatLon] = []
    for p in points:
        if not out or out[-1] != p:
            out.append(p)
    return out


def route_line(journey: Journey) -> LineString:
    """The whole route in (lon, lat) order, legs joined without repeating their shared ends.

    Empty when the journey has fewer than two distinct route points.
    """
    points = _dedupe(p for leg in journey.legs for p in leg.path)
    if len(points) < 2:
        return LineString()
    return LineString([(lon, lat) for lat, lon in points])
