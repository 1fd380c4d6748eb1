"""The seed map in a small frame (an article's 720x450 iframe, a phone): controls apart, route clear of them."""

from __future__ import annotations

import pytest
from seedmap import assert_only_tiles_failed, load
from test_browser_reader import offline_and_settled
from test_browser_seeds import BOXES_JS, _overlap

pytestmark = pytest.mark.browser

# The plain page (no ?embed) in a newsroom's usual iframe, a phone, and a window whose map
# is tall but narrow, where the step-through bar reaches under the overview map.
SIZES = [(720, 450), (390, 844), (860, 900)]

#: Every point of the route drawn, in page pixels (the polylines' own vertices).
ROUTE_JS = """() => {
  const box = geomap.map.getContainer().getBoundingClientRect();
  return geomap.legs.filter(l => geomap.map.hasLayer(l)).flatMap(l => l.getLatLngs().flat(9))
    .map(ll => { const p = geomap.map.latLngToContainerPoint(ll); return {x: p.x + box.left, y: p.y + box.top}; });
}"""


def _legend_open(page) -> bool:
    return page.locator(".geomap-legend-toggle").get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("viewport", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_no_control_sits_on_another(browser, built, viewport: tuple[int, int]) -> None:
    page, seen = load(browser, built, viewport=viewport)
    controls = page.evaluate(BOXES_JS)["controls"]
    assert len(controls) >= 4
    for i, a in enumerate(controls):
        for b in controls[i + 1 :]:
            assert not _overlap(a, b), (a["name"], b["name"])
    assert_only_tiles_failed(seen)


def test_in_an_embed_every_stop_and_the_whole_route_start_clear_of_the_controls(browser, built) -> None:
    page, seen = load(browser, built, viewport=(720, 450))
    found = page.evaluate(BOXES_JS)
    m = found["map"]
    assert len(found["stops"]) == 2 * 7  # each marker's true spot and its badge
    for stop in found["stops"]:
        assert m["x0"] <= stop["x0"] and stop["x1"] <= m["x1"] and m["y0"] <= stop["y0"] and stop["y1"] <= m["y1"], stop
        for control in found["controls"]:
            assert not _overlap(stop, control), (stop["name"], control["name"])
    # Both ends of the route and every bend between are on the map, under no control.
    route = page.evaluate(ROUTE_JS)
    assert len(route) > 10
    for p in route:
        assert m["x0"] <= p["x"] <= m["x1"] and m["y0"] <= p["y"] <= m["y1"], p
        for control in found["controls"]:
            inside = control["x0"] < p["x"] < control["x1"] and control["y0"] < p["y"] < control["y1"]
            assert not inside, (p, control["name"])
    assert_only_tiles_failed(seen)


def test_the_legend_opens_folded_in_an_embed_and_open_on_a_desktop(browser, built) -> None:
    page, seen = load(browser, built, viewport=(720, 450))
    assert not _legend_open(page)
    assert not page.locator("#geomap-legend-body").is_visible()
    assert not page.locator(".geomap-minimap").is_visible()  # no overview map in so small a map
    page.locator(".geomap-legend-toggle").click()  # one tap opens it
    assert _legend_open(page) and page.locator("#geomap-legend-body").is_visible()
    page, seen = load(browser, built, viewport=(1600, 1000))
    assert _legend_open(page) and page.locator("#geomap-legend-body").is_visible()
    assert page.locator(".geomap-minimap").is_visible() and page.locator(".geomap-slider").is_visible()
    assert_only_tiles_failed(seen)


def test_a_small_map_grown_to_a_desktop_gets_its_legend_and_a_drawn_overview(browser, built) -> None:
    page, seen = load(browser, built, viewport=(720, 450))
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.wait_for_function("document.querySelector('.geomap-legend-toggle').getAttribute('aria-expanded') === 'true'")
    # Built hidden, the overview map takes its size once shown (else it stays a blank box).
    assert page.locator(".geomap-minimap").is_visible()
    assert page.evaluate("geomap.minimap.getSize().x") > 100
    found = page.evaluate(BOXES_JS)
    for stop in found["stops"]:
        for control in found["controls"]:
            assert not _overlap(stop, control), (stop["name"], control["name"])
    assert_only_tiles_failed(seen)


# Every control, the offline notice, every journey badge and every date shown, in page pixels.
# Leaflet's credit line is left out: it sits in the map's corner by design (no margin in
# leaflet.css), where a reader looks for it.
DRAWN_JS = """() => {
  const box = (name, n) => { const r = n.getBoundingClientRect();
    return {name, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, w: r.width, h: r.height}; };
  const drawn = [...document.querySelectorAll('.leaflet-control:not(.leaflet-control-attribution), .geomap-tiles-notice')]
    .map(n => box(n.className, n));
  document.querySelectorAll('.leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site').forEach(n => {
    drawn.push(box('badge ' + n.querySelector('.geomap-num').textContent, n.querySelector('.geomap-badge')));
    drawn.push(box('date ' + n.querySelector('.geomap-date').textContent, n.querySelector('.geomap-date')));
  });
  return {map: box('map', document.querySelector('.folium-map')), drawn: drawn.filter(b => b.w > 0 && b.h > 0)};
}"""

#: How far inside the map's edge every control, badge and date keeps (the scale bar's 5 px is the least).
INSIDE = 4

EDGE_SIZES = [(860, 900), (1600, 1000), (720, 450), (390, 844)]


@pytest.mark.parametrize("viewport", EDGE_SIZES, ids=[f"{w}x{h}" for w, h in EDGE_SIZES])
def test_every_control_badge_and_date_keeps_off_the_maps_edge(browser, built, viewport: tuple[int, int]) -> None:
    # At 860x900 stop 1's date, put left of its badge, ran against (and 1 px past) the map's left edge.
    page, seen = offline_and_settled(browser, built, viewport, "")
    found = page.evaluate(DRAWN_JS)
    m, drawn = found["map"], found["drawn"]
    assert len([d for d in drawn if d["name"].startswith("badge")]) == 7
    near = [(d["name"], round(min(d["x0"] - m["x0"], d["y0"] - m["y0"], m["x1"] - d["x1"], m["y1"] - d["y1"]), 1))
            for d in drawn if min(d["x0"] - m["x0"], d["y0"] - m["y0"], m["x1"] - d["x1"], m["y1"] - d["y1"]) < INSIDE]
    assert near == []
    assert_only_tiles_failed(seen)
