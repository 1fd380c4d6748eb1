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

__version__ = "0.7.0"

# The library's entry points, imported on first use so `import geomap` stays light.
_LAZY = {
    "build": "pipeline", "build_story": "pipeline", "BuildOptions": "pipeline", "BuildResult": "pipeline",
    "watch": "watching",
    **{name: "model" for name in ("Article", "Journey", "Mention", "Place", "Stop", "Story")},
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")

__all__ = [
    "Article",
    "ArticleError",
    "BuildOptions",
    "BuildResult",
    "BrowserError",
    "GazetteerError",
    "GeocoderError",
    "GeomapError",
    "InputError",
    "ItineraryError",
    "Journey",
    "Mention",
    "OutputError",
    "Place",
    "Stop",
    "Story",
    "__version__",
    "build",
    "build_story",
    "watch",
]
