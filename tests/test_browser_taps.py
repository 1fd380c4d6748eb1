"""A reader tapping a journey badge where it is drawn gets that badge's popup, moved apart or not."""

from __future__ import annotations

import re

import pytest
from seedmap import assert_only_tiles_failed
from test_browser_crowded import tour  # noqa: F401 (a fixture)
from test_browser_reader import offline_and_settled
from test_browser_seeds import LAYOUT_IDS, LAYOUTS

pytestmark = pytest.mark.browser

# Per journey badge as drawn (its visible circle or square, wherever it was moved): its centre
# in page pixels and the stop numbers it shows.
BADGES_JS = """() => [...document.querySelectorAll('.leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site')]
  .map(n => { const r = n.querySelector('.geomap-badge').getBoundingClientRect();
    return {x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2, nums: n.querySelector('.geomap-num').textContent,
            name: n.getAttribute('aria-label')}; })"""

# Per journey badge: how many points of its visible disc (within 11 px of its centre: inside the
# circle, the square and the pill alike, border included) a tap reaches another marker's element
# at, and whose.
COVERED_JS = """() => [...document.querySelectorAll('.leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site')]
  .map(n => { const r = n.querySelector('.geomap-badge').getBoundingClientRect();
    const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2, taken = [];
    for (let dx = -11; dx <= 11; dx += 2) for (let dy = -11; dy <= 11; dy += 2) {
      if (dx * dx + dy * dy > 121) continue;
      const hit = document.elementFromPoint(cx + dx, cy + dy), owner = hit && hit.closest('.leaflet-marker-icon');
      if (owner !== n) taken.push(owner ? owner.querySelector('.geomap-num').textContent : String(hit && hit.className));
    }
    return {nums: n.querySelector('.geomap-num').textContent, taken: [...new Set(taken)], count: taken.length}; })
  .filter(b => b.count)"""

# Records, per popup opened, the stop numbers it lists ("2. Khasan · 12 sept." -> "2").
RECORD_JS = """() => { window.geomapOpened = [];
  geomap.map.on('popupopen', e => geomapOpened.push([...e.popup.getElement().querySelectorAll('.geomap-popup-stop-head')]
    .map(h => h.textContent.split('.')[0]).join(','))); }"""

# Resolves once a popup opened, or after 3 s (none did).
WAIT_OPENED_JS = """() => new Promise(done => { const t0 = performance.now();
  (function poll() { if (geomapOpened.length || performance.now() - t0 > 3000) done(); else requestAnimationFrame(poll); })(); })"""

# The popups opened since the last call, then the popup closed and the first view back (an
# open popup pans the map): the next badge is where it was measured.
OPENED_JS = """view => { const opened = geomapOpened.splice(0).join(' | ');
  geomap.map.closePopup();
  geomap.map.setView([view[0], view[1]], view[2], {animate: false});
  return opened; }"""


def _tap_every_badge(page) -> list[tuple[str, str]]:
    """Each badge clicked at its drawn centre from the first view: (its numbers, the popups') where they differ."""
    view = page.evaluate("(() => { const c = geomap.map.getCenter(); return [c.lat, c.lng, geomap.map.getZoom()]; })()")
    page.evaluate(RECORD_JS)
    wrong = []
    for badge in page.evaluate(BADGES_JS):
        page.mouse.click(badge["x"], badge["y"])
        page.evaluate(WAIT_OPENED_JS)
        shown = page.evaluate(OPENED_JS, view)
        if shown != badge["nums"]:
            wrong.append((badge["nums"], shown or "no popup"))
        # A closed popup fades out for a moment, taking clicks: the next tap waits for it to go.
        page.wait_for_function("!document.querySelector('.leaflet-popup')")
    return wrong


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_a_badge_tapped_where_it_is_drawn_opens_its_own_popup(browser, built, viewport, query) -> None:
    # A badge moved apart keeps its marker's box (transparent) and its spot's dot at the true
    # spot, drawn over the badges near it: on a crowded tour's phone map a tap on a third of
    # badge 6 opened badge 8's popup.
    page, seen = offline_and_settled(browser, built, viewport, query)
    badges = page.evaluate(BADGES_JS)
    assert len(badges) == 7 and any(re.search(r"#\d+", b["name"]) for b in badges)
    assert page.evaluate(COVERED_JS) == []
    assert _tap_every_badge(page) == []
    assert_only_tiles_failed(seen)


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS[1:], ids=LAYOUT_IDS[1:])
def test_a_crowded_tour_badge_tapped_where_it_is_drawn_opens_its_own_popup(browser, tour, viewport, query) -> None:  # noqa: F811
    page, seen = offline_and_settled(browser, tour, viewport, query)
    assert len(page.evaluate(BADGES_JS)) == 9
    assert page.evaluate(COVERED_JS) == []
    assert _tap_every_badge(page) == []
    assert_only_tiles_failed(seen)
