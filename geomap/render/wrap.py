"""Longitudes unwrapped along the journey for drawing: a leg over the antimeridian crosses it, not the world."""

from __future__ import annotations

import dataclasses

from ..model import Leg, Place, Story
from .safe import finite_latlon


def _near(lon: float, ref: float) -> float:
    """``lon`` plus the multiple of 360° that brings it within 180° of ``ref``."""
    return lon + 360.0 * round((ref - lon) / 360.0)


def _stop_lons(story: Story) -> dict[str, float]:
    """Each journey place's longitude, each within 180° of the stop before it (a place keeps its first)."""
    lons: dict[str, float] = {}
    prev: float | None = None
    for stop in story.journey.stops if story.journey is not None else ():
        place = story.places.get(stop.place_id)
        if place is None or not finite_latlon(place.lat, place.lon):
            continue
        if stop.place_id not in lons:
            lon = float(place.lon)  # type: ignore[arg-type]
            lons[stop.place_id] = lon if prev is None else _near(lon, prev)
        prev = lons[stop.place_id]
    return lons


def _leg(leg: Leg, start: float | None) -> Leg:
    """The leg's points each within 180° of the one before, from its first stop's drawn longitude."""
    path, prev = [], start
    for lat, lon in leg.path:
        if finite_latlon(lat, lon):
            lon = float(lon) if prev is None else _near(float(lon), prev)
            prev = lon
        path.append((lat, lon))
    return dataclasses.replace(leg, path=tuple(path))


def unwrapped(story: Story) -> Story:
    """The story as the map and the graphic draw it: consecutive stops and leg points never more than
    180° of longitude apart (Honolulu → Tokyo goes west over the Pacific), the whole centred on ±180°
    at most, every other place on the copy of the world nearest the journey. The exports keep the
    true longitudes; a story that crosses no antimeridian comes back unchanged."""
    lons = _stop_lons(story)
    journey = story.journey
    if journey is None or not lons:
        return story
    middle = (min(lons.values()) + max(lons.values())) / 2
    recentre = 360.0 * round(-middle / 360.0)
    lons = {pid: lon + recentre for pid, lon in lons.items()}
    middle += recentre
    moved = {pid: lon for pid, lon in lons.items() if lon != story.places[pid].lon}
    place_of = {stop.seq: stop.place_id for stop in journey.stops}
    legs = [_leg(leg, lons.get(place_of.get(leg.from_seq, ""))) for leg in journey.legs]
    if not moved and all(leg.path == old.path for leg, old in zip(legs, journey.legs)):
        return story
    places: dict[str, Place] = {}
    for pid, place in story.places.items():
        if pid in lons:
            place = dataclasses.replace(place, lon=lons[pid])
        elif finite_latlon(place.lat, place.lon):
            place = dataclasses.replace(place, lon=_near(float(place.lon), middle))  # type: ignore[arg-type]
        places[pid] = place
    return dataclasses.replace(story, places=places, journey=dataclasses.replace(journey, legs=tuple(legs)))

