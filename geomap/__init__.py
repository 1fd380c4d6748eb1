"""geomap: turn news articles about a journey into a trustworthy interactive map."""

from __future__ import annotations

from .errors import (
    ArticleError,
    BrowserError,
    GazetteerError,
    GeocoderError,
    GeomapError,
    InputError,
    ItineraryError,
    OutputError,
)

__version__ = "0.1.0"

__all__ = [
    "ArticleError",
    "BrowserError",
    "GazetteerError",
    "GeocoderError",
    "GeomapError",
    "InputError",
    "ItineraryError",
    "OutputError",
    "__version__",
]
