"""Stop badges and their dates placed near their spots, apart, on the map, at every layout."""

from __future__ import annotations

import pytest
from seedmap import assert_only_tiles_failed
from test_browser_reader import built_en, offline_and_settled  # noqa: F401 (a fixture)
from test_browser_seeds import LAYOUT_IDS, LAYOUTS, _overlap

pytestmark = pytest.mark.browser

#: The longest leader a reader follows at a glance from a badge back to its spot, in CSS pixels.
MAX_LEADER = 80

# Per journey marker: its true spot (p), its badge's centre (q), the badge's and shown date's
# boxes; the route's segments on screen; the map's box. All in page pixels.
LABELS_JS = """() => {
  const box = e => { const r = e.getBoundingClientRect(); return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; };
  const centre = e => { const b = box(e); return [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2]; };
  const mapBox = box(document.querySelector('.folium-map'));
  const marks = [...document.querySelectorAll('.leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site')]
    .map(n => {
      const badge = n.querySelector('.geomap-badge'), date = n.querySelector('.geomap-date');
      const boxes = [box(badge)];
      if (date && date.getBoundingClientRect().width) boxes.push(box(date));
      return {name: n.getAttribute('aria-label'), p: centre(n), q: centre(badge), boxes,
              dated: !!(date && date.getBoundingClientRect().width)};
    });
  const route = geomap.legs.filter(l => geomap.map.hasLayer(l)).flatMap(l => {
    const pts = l.getLatLngs().map(ll => geomap.map.latLngToContainerPoint(ll))
      .map(pt => [pt.x + mapBox.x0, pt.y + mapBox.y0]);
    return pts.slice(1).map((pt, k) => [pts[k], pt]);
  });
  return {marks, route, map: mapBox};
}"""


def _length(mark: dict) -> float:
    (px, py), (qx, qy) = mark["p"], mark["q"]
    return ((qx - px) ** 2 + (qy - py) ** 2) ** 0.5


def _side(a: tuple, b: tuple, c: tuple) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _cross(a: tuple, b: tuple, c: tuple, d: tuple) -> bool:
    """Whether segments ab and cd cross properly (touching ends do not count)."""
    return _side(a, b, c) * _side(a, b, d) < 0 and _side(c, d, a) * _side(c, d, b) < 0


def _crosses_route(a: tuple, b: tuple, c: tuple, d: tuple) -> bool:
    """Whether leader ab crosses route segment cd, through cd's ends too (a bend of the route)."""
    return _side(a, b, c) * _side(a, b, d) <= 0 and _side(c, d, a) * _side(c, d, b) < 0


def _inside(point: tuple, box: dict) -> bool:
    return box["x0"] < point[0] < box["x1"] and box["y0"] < point[1] < box["y1"]


def assert_short_apart_on_map(marks: list[dict], m: dict) -> None:
    """Every leader at most MAX_LEADER px, no badge or date over another's, each whole on the map ``m``."""
    assert [(mark["name"], round(_length(mark))) for mark in marks if _length(mark) > MAX_LEADER] == []
    for mark in marks:
        for b in mark["boxes"]:
            assert m["x0"] <= b["x0"] and b["x1"] <= m["x1"] and m["y0"] <= b["y0"] and b["y1"] <= m["y1"], mark["name"]
    covered = [(a["name"], b["name"]) for i, a in enumerate(marks) for b in marks[i + 1 :]
               if any(_overlap(x, y) for x in a["boxes"] for y in b["boxes"])]
    assert covered == []


def _leader(mark: dict, start: float = 6) -> tuple[tuple, tuple]:
    """The leader from ``start`` pixels off the true spot (a route passes through it) to the badge's edge."""
    (px, py), (qx, qy) = mark["p"], mark["q"]
    length = _length(mark)
    ux, uy = (qx - px) / length, (qy - py) / length
    return (px + start * ux, py + start * uy), (qx - 15 * ux, qy - 15 * uy)


@pytest.fixture(params=["fr", "en"])
def seed_map(request, built, built_en):  # noqa: F811 (the fixture imported above)
    return built if request.param == "fr" else built_en


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_badges_and_dates_sit_near_their_spots_apart_and_on_the_map(browser, seed_map, viewport, query) -> None:
    page, seen = offline_and_settled(browser, seed_map, viewport, query)
    found = page.evaluate(LABELS_JS)
    marks, m = found["marks"], found["map"]
    assert len(marks) == 7
    # Every leader short enough to follow at a glance (the phone once sent stop 7 to the map's edge).
    assert_short_apart_on_map(marks, m)
    # A badge (or its date) over another marker's true spot hides where that one is, and a click
    # there opens the wrong stop (stop 7's badge once hid stop 3's spot at desktop size).
    hidden = [(a["name"], b["name"]) for a in marks for b in marks
              if a is not b and any(_inside(b["p"], box) for box in a["boxes"])]
    assert hidden == []
    moved = [mark for mark in marks if _length(mark) > 1]
    assert moved, "the seeds' cluster of stops near Vladivostok is spread out"
    crossing = [(a["name"], b["name"]) for i, a in enumerate(moved) for b in moved[i + 1 :]
                if _cross(*_leader(a), *_leader(b))]
    assert crossing == []
    assert_only_tiles_failed(seen)


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_leaders_do_not_cut_across_the_route(browser, seed_map, viewport, query) -> None:
    # A leader drawn over the route line reads as a branch of it. Within a badge's reach of the
    # spot the legs of a tangle (three stops a few pixels apart, legs between them) may leave no way out.
    page, seen = offline_and_settled(browser, seed_map, viewport, query)
    found = page.evaluate(LABELS_JS)
    cut = [mark["name"] for mark in found["marks"] if _length(mark) > 1
           and any(_crosses_route(*_leader(mark, 16), a, b) for a, b in found["route"])]
    assert cut == []
    assert_only_tiles_failed(seen)


# Per moved journey marker (its badge off the true spot): the marker's index among them all.
MOVED_JS = """() => [...document.querySelectorAll('.leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site')]
  .map((n, k) => [n, k]).filter(([n]) => n.classList.contains('geomap-moved')).map(([, k]) => k)"""

# The boxes of the element that draws a ring (an outline) for the focused marker, if any.
RING_JS = """() => {
  const n = document.activeElement, badge = n.querySelector('.geomap-badge');
  return [n, badge].filter(e => { const s = getComputedStyle(e);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0; })
    .map(e => { const r = e.getBoundingClientRect(); return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; });
}"""

# The tooltips open (a closed one fades out for a moment first): where each one's arrow points.
OPEN_TIPS_JS = """() => [...document.querySelectorAll('.leaflet-tooltip')]
  .filter(t => parseFloat(getComputedStyle(t).opacity) > 0)
  .map(t => { const r = t.getBoundingClientRect(), c = t.classList, a = 6;  // Leaflet's arrow
    const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
    return c.contains('leaflet-tooltip-left') ? [r.right + a, y] : c.contains('leaflet-tooltip-right') ? [r.left - a, y]
      : c.contains('leaflet-tooltip-bottom') ? [x, r.top - a] : [x, r.bottom + a]; })"""


def _assert_tooltip_over(page, badge: dict, k: int) -> None:
    """The one tooltip open points at the badge's edge (on the side it was moved to, away from its crowd)."""
    tips = page.evaluate(OPEN_TIPS_JS)
    assert len(tips) == 1, (k, tips)
    (x, y), b = tips[0], badge
    dx = max(b["x"] - x, 0, x - b["x"] - b["width"])
    dy = max(b["y"] - y, 0, y - b["y"] - b["height"])
    assert (dx * dx + dy * dy) ** 0.5 <= 2, (k, b, tips[0])


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_a_moved_badge_shows_its_tooltip_and_focus_ring_where_it_is(browser, built, viewport, query) -> None:
    # Both once showed at the marker's true spot, over the badges the moved one made way for.
    page, seen = offline_and_settled(browser, built, viewport, query)
    moved = page.evaluate(MOVED_JS)
    assert moved, "the seeds' cluster of stops near Vladivostok is spread out"
    markers = page.locator(".leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site")
    for k in moved:
        badge = markers.nth(k).locator(".geomap-badge")
        b = badge.bounding_box()
        badge.hover()
        _assert_tooltip_over(page, b, k)
        page.mouse.move(0, 0)
        page.keyboard.press("Shift")  # a key pressed last: focus shows its ring (and the tooltip)
        markers.nth(k).focus()
        centre = (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
        assert [(round(x), round(y)) for x, y in page.evaluate(RING_JS)] == [tuple(map(round, centre))], k
        _assert_tooltip_over(page, b, k)
        page.evaluate("document.activeElement.blur()")
    assert_only_tiles_failed(seen)
