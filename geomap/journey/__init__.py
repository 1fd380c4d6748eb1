"""The journey stage: itinerary (journey.yaml) → dated stops, legs along waypoints, route; its draft."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .evidence import evidence_from_mentions, evidence_from_quote, find_quote
from .legs import Waypoint, build_legs, path_km, route_line, waypoint_latlon
from .merge import keep_inferred_dates
from .places import POINT_PREFIX, PlaceFinder
from .reader import DATE_SOURCES, INFERRED_KEYS, ROLES, STOP_KEYS, TOP_KEYS, Itinerary, load_itinerary

#: The itinerary's file name, looked for beside the articles.
ITINERARY_NAME = "journey.yaml"


def find_itinerary(paths: Sequence[str | Path]) -> Path | None:
    """``journey.yaml`` in the first given folder (or folder of a given file) that has one."""
    for given in paths:
        p = Path(given)
        folder = p if p.is_dir() else p.parent
        candidate = folder / ITINERARY_NAME
        if candidate.is_file():
            return candidate
    return None


__all__ = [
    "DATE_SOURCES",
    "INFERRED_KEYS",
    "ITINERARY_NAME",
    "Itinerary",
    "POINT_PREFIX",
    "PlaceFinder",
    "ROLES",
    "STOP_KEYS",
    "TOP_KEYS",
    "Waypoint",
    "build_legs",
    "evidence_from_mentions",
    "evidence_from_quote",
    "find_itinerary",
    "find_quote",
    "keep_inferred_dates",
    "load_itinerary",
    "path_km",
    "route_line",
    "waypoint_latlon",
]
