"""Check a stated distance and direction against geography: geodesic, bearing, along the route."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from geographiclib.geodesic import Geodesic  # geopy's own geodesic engine (WGS 84)

from ..model import LOW_CONFIDENCE, Claim, Journey, LatLon, Note, Place, Resolution
from .extract import Found, area_kinds
from .lexicon import compass_point, data, note, tolerance

_WGS84 = Geodesic.WGS84
# Stops this much farther from a place than its nearest stop still count as "at" it (revisits).
_SAME_STOP_KM = 5.0


def geodesic(a: LatLon, b: LatLon) -> tuple[float, float]:
    """(km, initial bearing in degrees 0–360) from ``a`` to ``b`` on the WGS 84 ellipsoid."""
    r = _WGS84.Inverse(a[0], a[1], b[0], b[1])
    return r["s12"] / 1000.0, r["azi1"] % 360.0


class Route:
    """The journey's stops with the route's length run to each, to measure along the route."""

    def __init__(self, journey: Journey | None, places: Mapping[str, Place]) -> None:
        self.stops: list[tuple[Place, float]] = []  # (place, km run from the first stop)
        if journey is None:
            return
        km_to = {leg.to_seq: leg.km for leg in journey.legs}
        run = 0.0
        for n, stop in enumerate(sorted(journey.stops, key=lambda s: s.seq)):
            if n:
                if stop.seq not in km_to:
                    return  # a gap in the route: nothing past it can be measured along it
                run += km_to[stop.seq]
            place = places.get(stop.place_id)
            if place is not None and place.has_coords:
                self.stops.append((place, run))

    def _near(self, point: LatLon, near_km: float) -> list[tuple[Place, float, float]]:
        """The stops nearest ``point``, if within ``near_km``: (stop place, km run, km from the point)."""
        found = [(place, run, geodesic(point, place.latlon)[0]) for place, run in self.stops]
        closest = min((off for _, _, off in found), default=near_km + 1)
        # The stops nearest the point (each visit of it), not any stop in the neighbourhood.
        return [f for f in found if f[2] <= min(near_km, closest + _SAME_STOP_KM)]

    def between(self, a: Place, b: Place, near_km: float) -> tuple[float, list[Note]] | None:
        """Shortest stretch of the route between the stops at (or nearest) ``a`` and ``b``, plus how
        far each place lies from its stop, with notes saying so; None unless the route passes both."""
        best: tuple[float, list[Note]] | None = None
        for pa, ra, oa in self._near(a.latlon, near_km):
            for pb, rb, ob in self._near(b.latlon, near_km):
                along = abs(ra - rb)
                if along <= 0 or (best is not None and along + oa + ob >= best[0]):
                    continue
                notes = [note("route", km=along + oa + ob, stop_a=pb.name, stop_b=pa.name)]
                notes += [note("route_gap", place=p.name, km=o, stop=s.name)
                          for p, s, o in ((b, pb, ob), (a, pa, oa)) if o >= 1]
                best = (along + oa + ob, notes)
        return best


def _within(claimed: float, actual: float, hedge: str) -> bool:
    below, above = tolerance(hedge)
    return claimed * (1 - below / 100) <= actual <= claimed * (1 + above / 100)


def _angle(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


def check(
    found: Found,
    places: Mapping[str, Place],
    resolutions: Mapping[str, Resolution],
    route: Route,
) -> Claim:
    """The claim with its figures and verdict; notes say what was compared and how sure that is."""
    place = places.get(found.place_id) if found.place_id else None
    anchor = places.get(found.anchor_id) if found.anchor_id else None
    base = Claim(
        article_id=found.article.id, sentence=found.sentence, start=found.start, end=found.end,
        quote=_sentence(found), place_id=found.place_id, place_text=found.place_text,
        anchor_id=found.anchor_id, anchor_text=found.anchor_text, claimed_km=found.claimed_km,
        figure=found.figure, hedge=found.hedge, direction=found.direction, direction_text=found.direction_text,
    )
    reason = _uncheckable(found, place, anchor)
    if reason is not None:
        return replace(base, verdict="unchecked", notes=(reason,))
    assert place is not None and anchor is not None
    km, bearing = geodesic(anchor.latlon, place.latlon)
    notes: list[Note] = []
    uncertain = False
    if found.antecedent_of:
        notes.append(note("antecedent", words=found.antecedent_of, place=place.name))
    for p in (place, anchor):
        res = resolutions.get(p.id)
        if res is not None and res.confidence < LOW_CONFIDENCE:
            uncertain = True
            notes.append(note("low_confidence", place=p.name, confidence=f"{res.confidence:.2f}"))
    below, above = tolerance(found.hedge)
    dev = (km - found.claimed_km) / found.claimed_km * 100
    notes.append(note("geodesic", anchor=anchor.name, place=place.name, km=km, dev=_signed(dev),
                      claimed=found.claimed_km, below=below, above=above))
    distance_ok = _within(found.claimed_km, km, found.hedge)
    route_km = None
    near = float(data()["route_near_km"])
    along = route.between(place, anchor, near)
    if along is not None:
        route_km = along[0]
        notes += along[1]
    route_ok = route_km is not None and _within(found.claimed_km, route_km, found.hedge)
    direction_ok = True
    if found.direction is not None:
        diff = _angle(found.direction, bearing)
        direction_ok = diff <= float(data()["direction_tolerance"])
        notes.append(note("bearing", anchor=anchor.name, bearing=bearing, actual_point=bearing,
                          stated_point=found.direction, direction=found.direction, diff=diff))
    verdict = _verdict(distance_ok, route_ok, direction_ok)
    return replace(base, geodesic_km=km, bearing=bearing, route_km=route_km, verdict=verdict,
                 uncertain=uncertain,
                 notes=tuple(notes))


def _verdict(distance_ok: bool, route_ok: bool, direction_ok: bool) -> str:
    if distance_ok:
        return "consistent" if direction_ok else "direction-off"
    if route_ok:
        return "route-only" if direction_ok else "both-off"
    return "distance-off" if direction_ok else "both-off"


def _uncheckable(found: Found, place: Place | None, anchor: Place | None) -> Note | None:
    """Why the claim cannot be checked, or None; never guessed past the data."""
    if place is None or not place.has_coords:
        return note("no_place", words=found.place_text)
    if not found.anchor_text:
        return note("no_anchor")
    if anchor is None or not anchor.has_coords:
        return note("anchor_unresolved", words=found.anchor_text)
    if place.id == anchor.id:
        return note("same_place", place=place.name)
    guessed = [p.name for p in (place, anchor) if p.approx_km is not None]
    if guessed:  # geomap.anchored placed it from the text: checking the text against itself proves nothing
        return note("placed_by_text", place=guessed[0])
    big = [p.name for p in (place, anchor) if p.kind in area_kinds()]
    if big:
        return note("area", place=big[0])
    return None


def _signed(value: float) -> str:
    return f"{value:+.0f}".replace("-", "−")


def _sentence(found: Found) -> str:
    article = found.article
    if not article.sentences:
        return article.text[found.start : found.end]
    return article.sentence_text(found.sentence)


def check_all(
    found: Sequence[Found], places: Mapping[str, Place], resolutions: Mapping[str, Resolution], journey: Journey | None
) -> list[Claim]:
    route = Route(journey, places)
    return [check(f, places, resolutions, route) for f in found]


__all__ = ["Route", "check", "check_all", "compass_point", "geodesic"]
