"""Resolvers that turn a place name into coordinates: gazetteer, offline GeoNames, online geocoder."""

from __future__ import annotations

from .airport_index import AirportIndex
from .airports import AirportsGeocoder
from .base import Resolver, default_cache_dir, fold_key, haversine_km
from .chain import GazetteerResolver, ResolverChain
from .context import Context, Region, confidence, plausibility, rank
from .geonames import GeoNamesGeocoder
from .geonames_index import GeoNamesIndex, GeoNamesSource
from .online import OnlineGeocoder, default_user_agent

__all__ = [
    "AirportIndex",
    "AirportsGeocoder",
    "Context",
    "GazetteerResolver",
    "GeoNamesGeocoder",
    "GeoNamesIndex",
    "GeoNamesSource",
    "OnlineGeocoder",
    "Region",
    "Resolver",
    "ResolverChain",
    "confidence",
    "default_cache_dir",
    "default_user_agent",
    "fold_key",
    "haversine_km",
    "plausibility",
    "rank",
]
