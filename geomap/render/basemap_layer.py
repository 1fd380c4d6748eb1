"""The offline basemap on the interactive map: a folium element handing the clipped data to geomap-basemap.js."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import folium
from branca.element import Element

from ..model import Story
from .basemap import basemap_payload
from .payload import view_bounds

#: Sea colour (the map's background) and the look of the place names; under the tiles.
_STYLE = """.leaflet-container.geomap-has-basemap { background: #d6e4ee; }
.geomap-bm-label { position: absolute; white-space: nowrap; pointer-events: none;
  font: 12px/1.2 system-ui, sans-serif; color: #4a4a4a; text-shadow: 0 0 3px #fff, 0 0 2px #fff; }
.geomap-bm-country { margin: -0.6em 0 0 -3em; width: 6em; text-align: center; white-space: normal; }
.geomap-bm-city { margin: -0.6em 0 0 -0.3em; }
.geomap-bm-country { font-size: 12px; letter-spacing: 0.12em; text-transform: uppercase; color: #6f645b; }
.geomap-bm-city::before { content: "\\2022\\00a0"; color: #4a4a4a; }"""


class _Text(Element):
    """Verbatim output (never re-read as a template, unlike branca's Element)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class BasemapLayer(folium.MacroElement):
    """Adds the style, the script and the clipped basemap JSON for ``story`` to the page."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self._name = "GeomapBasemap"
        self.data = basemap_payload(view_bounds(story), story.lang)

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        js = resources.files("geomap.render").joinpath("static", "geomap-basemap.js").read_text(encoding="utf-8")
        # The same escaping as Jinja's tojson: no "<", ">", "&" or "'" can end the script.
        data = json.dumps(self.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        data = (data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027"))
        figure.header.add_child(_Text(f"<style>\n{_STYLE}\n</style>"), name=self.get_name())
        figure.script.add_child(
            _Text(f"{js}\ngeomapBasemap({self._parent.get_name()}, {data});\n"), name=self.get_name()
        )
