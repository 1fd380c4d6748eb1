"""Shared pieces of the resolvers: the Resolver protocol, name folding, cache dir, distances."""

from __future__ import annotations

import math
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..model import Candidate, LatLon, ResolverName

if TYPE_CHECKING:
    from .context import Context

try:  # the project's canonical folding; the fallback below only bridges until it lands
    from ..textnorm import fold_key as _project_fold_key
except ImportError:  # pragma: no cover - depends on another module's progress
    _project_fold_key = None

EARTH_RADIUS_KM = 6371.0088

_APOSTROPHES = "'\u2019\u2018\u02bc\u02bb\u00b4`\u2032"
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPACES = re.compile(r"\s+")


def _fallback_fold_key(name: str) -> str:
    """Casefold, drop accents, unify apostrophes/dashes/spaces (minimal stand-in for textnorm)."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    for ch in _APOSTROPHES:
        text = text.replace(ch, "'")
    for ch in _DASHES:
        text = text.replace(ch, "-")
    return _SPACES.sub(" ", text).strip()


def fold_key(name: str) -> str:
    """The lookup key of a name: the project's ``textnorm.fold_key`` when available."""
    if _project_fold_key is not None:
        return _project_fold_key(name)
    return _fallback_fold_key(name)


def fold_signature() -> str:
    """A short fingerprint of the folding in use, so caches keyed by folded names notice a change."""
    import hashlib

    probes = ("Élan-Vital", "l\u2019Île", "ÆSIR  Straße", "Khasan—Tumen", "Ōsaka's", "Dnipro\u2011Kyiv")
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
