"""Resolvers that turn a place name into coordinates: gazetteer, offline GeoNames, online geocoder."""

from __future__ import annotations

from .base import Resolver, default_cache_dir, fold_key, haversine_km
from .context import Context, confidence, plausibility, rank
from .geonames import GeoNamesGeocoder, GeoNamesIndex, GeoNamesSource

__all__ = [
    "Context",
    "GeoNamesGeocoder",
    "GeoNamesIndex",
    "GeoNamesSource",
    "Resolver",
    "confidence",
    "default_cache_dir",
    "fold_key",
    "haversine_km",
    "plausibility",
    "rank",
]
