"""Rendering and exports: the interactive map, GeoJSON, CSV, embed snippet, static graphic, written atomically."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .exports import embed_snippet, geojson_text, mentions_csv, story_geojson, write_outputs

if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from .assets import inline_assets
    from .graphic import render_svg
    from .mapview import build_map, render_html
    from .png import rasterise

__all__ = [
    "build_map",
    "embed_snippet",
    "geojson_text",
    "inline_assets",
    "mentions_csv",
    "render_html",
    "rasterise",
    "render_svg",
    "story_geojson",
    "write_outputs",
]

# folium (mapview), shapely (graphic) and playwright (png) are heavy or optional: import them only on use,
# so `import geomap.render` stays cheap and works without the PNG extra.
_LAZY = {
    "build_map": ".mapview",
    "render_html": ".mapview",
    "rasterise": ".png",
    "render_svg": ".graphic",
    "inline_assets": ".assets",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
