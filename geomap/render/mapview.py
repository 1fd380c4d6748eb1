"""The interactive map: a folium page whose script gets every story value through one JSON blob."""

from __future__ import annotations

import json
import re
from importlib import resources
from typing import Any

import folium
from branca.element import Element, Figure
from folium.folium import _default_css, _default_js
from folium.template import Template

from ..model import Story
from .payload import build_payload, labels_for
from .wording import story_title
from .wrap import unwrapped

# folium's page forbids pinch-zoom (user-scalable=no, maximum-scale=1), which fails
# WCAG 1.4.4; ours lets readers zoom.
_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />'
# BCP 47 shape; anything else becomes "und" (undetermined) rather than a broken attribute.
_LANG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
_FOLIUM_VIEWPORT = re.compile(r'<meta\s+name="viewport"[^>]*>', re.S)
# Stands for the story's JSON until the page is encoded: the payload, most of a big story's page,
# is then never copied through the template, the page and the asset inliner (at 10,000 articles
# those copies, two bytes a character, were ~200 MB). "<" cannot come from story text, escaped everywhere.
_PAYLOAD_MARK = "<geomap-payload>"


def _static(name: str) -> str:
    text = resources.files("geomap.render").joinpath("static", name).read_text(encoding="utf-8")
    # Our script and style are inlined into <script>/<style>; they must not end it early.
    if re.search(r"</(script|style)", text, re.I):
        raise RuntimeError(f"static/{name} must not contain a closing script/style tag")
    return text


class _Page(Figure):
    """folium's Figure with ``<html lang>`` and an escaped ``<title>`` (branca's is raw)."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang|e }}">\n'
        "<head>\n"
        "<title>{{ this.page_title|e }}</title>\n"
        "    {{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "    {{ this.html.render(**kwargs) }}\n"
        "</body>\n"
        "<script>\n"
        "    {{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</html>\n"
    )

    def __init__(self, title: str, lang: str) -> None:
        super().__init__()
        self.page_title = title
        self.lang = lang


class _Raw(Element):
    """Text emitted verbatim.

    branca's MacroElement wraps each macro's output in ``Element(text)``, which compiles
    that text as a Jinja template again: a ``{{ … }}`` or ``{% … %}`` inside story data
    would be evaluated (template injection). Our output goes through this instead.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _GeoMap(folium.Map):
    """folium.Map whose page header allows zooming and loads only Leaflet."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        # Instance attributes: folium's class lists also pull jQuery, Bootstrap and
        # Font Awesome from CDNs we neither use nor can inline from PyPI.
        self.default_js = [pair for pair in _default_js if pair[0] == "leaflet"]
        self.default_css = [pair for pair in _default_css if pair[0] == "leaflet_css"]

    def render(self, **kwargs: Any) -> None:
        super().render(**kwargs)
        header = self.get_root().header
        element = header._children.get(self.get_name())
        if element is not None and element._template_str is not None:
            fixed = _FOLIUM_VIEWPORT.sub(_VIEWPORT, element._template_str, count=1)
            header.add_child(_Raw(fixed), name=self.get_name())


class _StoryUI(folium.MacroElement):
    """Inlines geomap.css and geomap.js and hands the story to the script as JSON."""

    _template = Template(
        """
        {% macro header(this, kwargs) %}
            <style>{{ this.css }}</style>
        {% endmacro %}
        {% macro html(this, kwargs) %}
            <aside id="geomap-panel" class="geomap-panel" aria-labelledby="geomap-heading"></aside>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            {{ this.js }}
            geomapStart({{ this.mark if this.spliced else this.payload()|tojson }});
        {% endmacro %}
        """
    )

    mark = _PAYLOAD_MARK
    spliced = False  # render_page puts the payload in after rendering; a folium save() gets it inline

    def __init__(self, story: Story, groups: dict[str, folium.FeatureGroup], tiles: folium.TileLayer) -> None:
        super().__init__()
        self._name = "GeomapUI"
        self.story = story
        self.groups = groups
        self.tiles = tiles
        self.css = _static("geomap.css") + "\n" + _static("geomap-claims.css")
        self.js = "\n".join(_static(name) for name in (
            "geomap-labels.js", "geomap-view.js", "geomap-layout.js", "geomap.js", "geomap-claims.js"))

    def render(self, **kwargs: Any) -> None:
        # MacroElement.render, minus the re-templating of our output (see _Raw).
        figure = self.get_root()
        module = self._template.module
        figure.header.add_child(_Raw(module.header(self, kwargs)), name=self.get_name())
        figure.html.add_child(_Raw(module.html(self, kwargs)), name=self.get_name())
        figure.script.add_child(_Raw(module.script(self, kwargs)), name=self.get_name())

    def payload(self) -> dict[str, Any]:
        # Computed at render time so the names reflect the deterministic ids.
        names = {key: group.get_name() for key, group in self.groups.items()}
        names["map"] = self._parent.get_name()
        tiles = {
            "url": self.tiles.tiles,
            "max_zoom": self.tiles.options.get("max_zoom", 18),
        }
        return build_payload(self.story, names, tiles)


def _number_ids(root: Element) -> None:
    """Replace folium's random element ids by a counter so output is byte-identical."""
    counter = 0

    def walk(element: Element) -> None:
        nonlocal counter
        counter += 1
        element._id = f"{counter:03d}"
        for child in element._children.values():
            walk(child)

    walk(root)


def build_map(story: Story) -> folium.Map:
    """The story as a folium Map: tiles, layer groups, fitted view and the page script."""
    story = unwrapped(story)  # drawn over the antimeridian where its legs cross it
    labels = labels_for(story.lang)
    # The credit line is part of the page's wording too (labels.yaml, trusted HTML).
    tiles = folium.TileLayer("OpenStreetMap", name="OpenStreetMap", control=False, attr=labels["tiles_attribution"])
    m = _GeoMap(tiles=None, control_scale=False, zoom_start=2, location=(20.0, 0.0))
    m.add_child(tiles)
    from .basemap_layer import BasemapLayer  # offline geography under the tiles (basemap helper's hook)

    m.add_child(BasemapLayer(story))
    groups = {
        "route": folium.FeatureGroup(name=labels["layer_route"]),
        "stops": folium.FeatureGroup(name=labels["layer_stops"]),
        "sites": folium.FeatureGroup(name=labels["layer_sites"]),
        "mentions": folium.FeatureGroup(name=labels["layer_mentions"], show=False),
    }
    for group in groups.values():
        m.add_child(group)
    folium.LayerControl(collapsed=True).add_to(m)
    # No folium fit_bounds: the page script fits the view to the payload's bounds once
    # its controls exist and their sizes are known (so no stop is under one); a folium
    # fit would start an animated zoom that ends after, and undoes, that fit.
    ui = _StoryUI(story, groups, tiles)
    m.add_child(ui)

    lang = story.lang if _LANG.fullmatch(story.lang or "") else "und"
    page = _Page(story_title(story), lang)
    page.add_child(m)
    _number_ids(page)
    return m


def render_page(story: Story, *, self_contained: bool = True) -> bytes:
    """The map page as UTF-8; self-contained (Leaflet inlined) unless asked for CDN links."""
    m = build_map(story)
    ui = next(child for child in m._children.values() if isinstance(child, _StoryUI))
    ui.spliced = True
    html = m.get_root().render()
    if self_contained:
        from .assets import inline_assets  # written alongside; imported lazily

        html = inline_assets(html, notice=labels_for(story.lang)["tiles_notice"])
    head, mark, tail = html.rpartition(_PAYLOAD_MARK)
    if not mark:
        raise RuntimeError("the page lost its payload mark")
    del html
    # As Jinja's |tojson writes it (sorted keys, HTML-safe escapes), ASCII: encoded as is.
    data = (json.dumps(ui.payload(), sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("'", "\\u0027"))
    return b"".join((head.encode("utf-8"), data.encode("ascii"), tail.encode("utf-8")))


def render_html(story: Story, *, self_contained: bool = True) -> str:
    """The map page as one HTML string; self-contained (Leaflet inlined) unless asked for CDN links."""
    return render_page(story, self_contained=self_contained).decode("utf-8")
