"""Shared pieces of the resolvers: the Resolver protocol, name folding, cache dir, distances."""

from __future__ import annotations

import hashlib
import math
import os
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..model import Candidate, LatLon, ResolverName
from ..textnorm import fold_key

if TYPE_CHECKING:
    from .context import Context

EARTH_RADIUS_KM = 6371.0088


def fold_signature() -> str:
    """A short fingerprint of the folding in use, so caches keyed by folded names notice a change."""
    probes = ("Élan-Vital", "l\u2019Été", "ÆON  Straße", "a\u2014b", "Ōmega's", "x\u2011y", "ÇA")
    joined = "\x1f".join(fold_key(p) for p in probes)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


def default_cache_dir() -> Path:
    """``$GEOMAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/geomap``, else ``~/.cache/geomap``."""
    explicit = os.environ.get("GEOMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "geomap"
    return Path.home() / ".cache" / "geomap"


def haversine_km(a: LatLon, b: LatLon) -> float:
    """Great-circle distance; fast enough to score thousands of candidates per query."""
    lat1, lon1 = math.radians(a[0]), math.radians(a[1])
    lat2, lon2 = math.radians(b[0]), math.radians(b[1])
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@runtime_checkable
class Resolver(Protocol):
    """Anything that turns a name into ranked candidates (modelled on geopy's geocoders)."""

    name: ResolverName

    def candidates(self, query: str, context: Context) -> list[Candidate]:
        """Possible places for ``query``, best first, scored against the story ``context``."""
        ...
