"""Issue 3 in a real browser: hostile story text shows literally and never runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from browserutil import open_page
from test_browser_map import CDN, wait_ready
from test_mapview import HOSTILE, hostile_story

from geomap.render.mapview import render_html

pytestmark = pytest.mark.browser

# Defined before any page script: a write to window.__pwned (the payloads' goal) is
# counted, and alert/confirm/prompt are recorded on top of the dialog listener.
SENTINEL = """
(() => {
  window.__hits = [];
  Object.defineProperty(window, "__pwned", {
    configurable: false,
    get() { return undefined; },
    set(v) { window.__hits.push(String(v)); },
  });
  for (const name of ["alert", "confirm", "prompt"]) {
    window[name] = (msg) => { window.__hits.push(name + ":" + String(msg)); };
  }
})();
"""


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "map.html"
    path.write_text(render_html(hostile_story()), encoding="utf-8")
    return path


def test_hostile_story_never_runs_and_shows_literally(hostile_file: Path, chromium_path: str) -> None:
    with open_page(hostile_file, chromium_path, route_cdn=CDN) as (page, events):
        page.add_init_script(SENTINEL)
        page.reload()
        wait_ready(page)
        assert page.evaluate("Array.isArray(window.__hits)"), "sentinel not installed"
        page.evaluate("geomap.map.addLayer(geomap.groups.mention)")

        seen: list[str] = []
        icons = page.locator(".leaflet-marker-icon")
        n_icons = icons.count()
        assert n_icons == 4  # two stops (one visited twice), one site, one mention
        for i in range(n_icons):
            page.evaluate("geomap.map.closePopup()")
            page.evaluate("i => geomap.map.panTo(geomap.markers[i].marker.getLatLng(), {animate: false})", i)
            icon = page.locator(f'.leaflet-marker-icon[data-place="{i}"]')
            icon.hover(force=True)
            seen += page.locator(".leaflet-tooltip").all_inner_texts()
            icon.click(force=True)
            page.wait_for_selector(".leaflet-popup-content")
            seen.append(page.locator(".leaflet-popup-content").last.inner_text())
        # The last marker's popup (and its animated auto-pan) must not cover or move a leg's middle.
        page.evaluate("geomap.map.closePopup()")
        for i in range(page.evaluate("geomap.legs.length")):
            # Open each leg's tooltip where the pointer would: at the middle of the line. The pointer
            # leaves the map first: a leg back over the same line has the same middle, and a pointer
            # that does not move over it again fires no mouseover to open its tooltip. The middle is
            # taken between the ends' pixels: the mean of their latitudes is not on the drawn line (the
            # map is Mercator), and at some zooms it fell outside the 4-pixel stroke.
            x, y = page.evaluate(
                """i => { const leg = geomap.legs[i], ll = leg.getLatLngs();
                          geomap.map.fitBounds(leg.getBounds(), {animate: false});
                          const a = geomap.map.latLngToContainerPoint(ll[0]);
                          const b = geomap.map.latLngToContainerPoint(ll[1]);
                          const box = geomap.map.getContainer().getBoundingClientRect();
                          return [box.left + (a.x + b.x) / 2, box.top + (a.y + b.y) / 2]; }""",
                i,
            )
            page.mouse.move(0, 0)
            page.mouse.move(x, y, steps=4)
            # The tooltip's text is read in the same check that finds it open.
            tip = page.wait_for_function(
                """n => { const t = [...document.querySelectorAll('.leaflet-tooltip')].find(t => t.textContent.startsWith(n));
                          return t ? t.innerText : null; }""",
                arg=f"Leg {i + 1} · ",
            )
            seen.append(tip.json_value())
        # Step through every stop as well: status line and list use the same strings.
        for _ in range(3):
            page.locator(".geomap-next").click()
        seen.append(page.locator(".geomap-status").inner_text())
        seen.append(page.locator("#geomap-panel").inner_text())
        seen.append(page.locator(".geomap-legend").inner_text())
        text = "\n".join(seen)

        # Nothing ran.
        assert page.evaluate("window.__hits") == []
        assert page.evaluate("window.__pwned") is None
        assert events.dialogs == [] and events.page_errors == [] and events.console_errors == []
        assert events.blocked_requests == []
        # Nothing became markup: no injected elements, no javascript: links.
        assert page.evaluate("document.querySelectorAll('img[src=\"x\"], img[onerror]').length") == 0
        assert page.evaluate("document.scripts.length") == 4  # Leaflet, its offline support, folium switches, ours
        assert page.evaluate(
            "[...document.querySelectorAll('a[href]')].filter(a => !/^(https?:|#)/.test(a.getAttribute('href'))).length"
        ) == 0
        # Everything shows literally: each payload, in popups, tooltips and the panel.
        for raw in HOSTILE:
            assert raw in text, raw
        assert "Leg 1 · " + HOSTILE[0] in text
        assert "{{ 7*7 }}" in text and "49" not in text
        assert page.title().startswith(HOSTILE[0])
        # Popups quote the hostile sentence with the mention marked, as text.
        marks = page.evaluate("[...document.querySelectorAll('.leaflet-popup-content mark')].map(m => m.textContent)")
        assert marks and all("<" in m for m in marks)
