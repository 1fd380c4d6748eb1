"""With the network cut, a self-contained map still works: only basemap tiles are missing, and it says so."""

from __future__ import annotations

import re
from pathlib import Path

import folium
import pytest
import xstatic.pkg.leaflet
from browserutil import PageEvents, open_page
from test_exports import make_story

from geomap.render.assets import TILES_NOTICE, inline_assets

pytestmark = pytest.mark.browser

# Slippy-map tile URLs end in /{z}/{x}/{y}.png (optionally @2x); nothing else may be requested.
TILE_URL = re.compile(r"^https?://[^/]+/(?:[^?#]*/)?\d+/\d+/\d+(?:@2x)?\.png(?:[?#].*)?$")
# What Chromium logs for a request the test aborted; it does not say which URL.
ABORTED = "Failed to load resource: net::ERR_FAILED"


def _assert_only_tiles_failed(events: PageEvents) -> None:
    assert events.page_errors == []
    assert events.dialogs == []
    assert events.blocked_requests, "the page should have tried to fetch basemap tiles"
    others = [url for url in events.blocked_requests if not TILE_URL.match(url)]
    assert others == [], f"requests other than tiles: {others}"
    # Every console error is an aborted request, and there are no more than tiles aborted.
    assert all(text == ABORTED for text in events.console_errors), events.console_errors
    assert len(events.console_errors) <= len(events.blocked_requests)


def _assert_map_works_offline(page, events: PageEvents, *, markers: int) -> None:
    page.wait_for_selector(".leaflet-container")
    note = page.wait_for_selector(".geomap-tiles-notice", state="visible", timeout=10_000)
    assert note.inner_text() == TILES_NOTICE
    assert page.evaluate("() => typeof window.L === 'object' && window.L.version") == "1.9.3"
    assert page.locator(".leaflet-marker-icon").count() >= markers
    assert page.locator(".leaflet-overlay-pane path").count() >= 1
    # Default marker images are data: URIs, so they load without network or files.
    broken = page.evaluate(
        "() => [...document.images].filter(i => i.complete && i.naturalWidth === 0"
        " && !/\\/\\d+\\/\\d+\\/\\d+/.test(i.src)).map(i => i.src.slice(0, 40))"
    )
    assert broken == []
    _assert_only_tiles_failed(events)


def test_self_contained_folium_page_works_offline(tmp_path: Path, chromium_path: str) -> None:
    m = folium.Map(location=(46.8, 8.2), zoom_start=7)
    m.default_js = [pair for pair in m.default_js if pair[0] == "leaflet"]
    m.default_css = [pair for pair in m.default_css if pair[0] == "leaflet_css"]
    folium.Marker((47.37, 8.54), tooltip="A").add_to(m)
    folium.Marker((46.95, 7.45), tooltip="B").add_to(m)
    folium.PolyLine([(47.37, 8.54), (46.95, 7.45)]).add_to(m)
    html = tmp_path / "map.html"
    html.write_text(inline_assets(m.get_root().render()), encoding="utf-8")
    with open_page(html, chromium_path) as (page, events):
        _assert_map_works_offline(page, events, markers=2)
        # The default icon really is Leaflet's image, not a broken relative URL.
        src = page.locator(".leaflet-marker-icon").first.get_attribute("src")
        assert src is not None and src.startswith("data:image/png;base64,")


def test_self_contained_story_map_works_offline(tmp_path: Path, chromium_path: str) -> None:
    from geomap.render import render_html

    html = tmp_path / "map.html"
    html.write_text(render_html(make_story(), self_contained=True), encoding="utf-8")
    with open_page(html, chromium_path) as (page, events):
        _assert_map_works_offline(page, events, markers=4)  # Porto, Coimbra, Lisbon, Belém


def test_cdn_story_map_keeps_cdn_links_and_loads_leaflet_from_them(tmp_path: Path, chromium_path: str) -> None:
    from geomap.render import render_html

    text = render_html(make_story(), self_contained=False)
    assert '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>' in text
    assert 'href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"' in text
    assert "Leaflet 1.9.3, a JS library" not in text  # not inlined
    html = tmp_path / "map.html"
    html.write_text(text, encoding="utf-8")
    base = Path(xstatic.pkg.leaflet.BASE_DIR)
    cdn = {
        "leaflet@1.9.3/dist/leaflet.js": (base / "leaflet.js").read_bytes(),
        "leaflet@1.9.3/dist/leaflet.css": (base / "leaflet.css").read_bytes(),
    }
    # Leaflet's CSS pulls its control images from beside itself on the CDN.
    cdn.update({f"leaflet@1.9.3/dist/images/{p.name}": p.read_bytes() for p in (base / "images").glob("*.png")})
    with open_page(html, chromium_path, route_cdn=cdn) as (page, events):
        page.wait_for_selector(".leaflet-container")
        assert page.evaluate("() => window.L.version") == "1.9.3"
        assert page.locator(".leaflet-marker-icon").count() >= 4
        _assert_only_tiles_failed(events)


def test_notice_shows_once_on_the_main_map_not_on_small_or_opted_out_maps(tmp_path: Path, chromium_path: str) -> None:
    tiles = "https://tile.example.org/{z}/{x}/{y}.png"
    head = (
        '<script src="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"></script>'
        '<link rel="stylesheet" href="https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css">'
    )
    body = f"""
<div id="main" style="width:600px;height:400px"></div>
<div id="inset" style="width:160px;height:120px"></div>
<div id="quiet" style="width:600px;height:400px"></div>
<script>
window.failed = {{}};
for (const [id, opts] of [["main", {{}}], ["inset", {{}}], ["quiet", {{geomapNotice: false}}]]) {{
  L.tileLayer("{tiles}", opts).on("tileerror", () => {{ window.failed[id] = true; }})
    .addTo(L.map(id).setView([46.8, 8.2], 6));
}}
</script>"""
    html = tmp_path / "maps.html"
    html.write_text(inline_assets(f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"),
                    encoding="utf-8")
    with open_page(html, chromium_path) as (page, events):
        page.wait_for_selector("#main .geomap-tiles-notice", state="visible", timeout=10_000)
        # Every map has seen failed tiles, yet only the main one says so.
        page.wait_for_function("() => window.failed.main && window.failed.inset && window.failed.quiet")
        assert page.locator(".geomap-tiles-notice").count() == 1
        assert {url.split("/")[2] for url in events.blocked_requests} == {"tile.example.org"}
        _assert_only_tiles_failed(events)
