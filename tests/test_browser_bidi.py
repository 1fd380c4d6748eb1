"""Right-to-left names and bidi controls from articles cannot reorder the interface around them."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from browserutil import open_page
from test_browser_map import CDN, wait_ready
from test_mapview import trip_story

from geomap.model import Story
from geomap.render.mapview import render_html

pytestmark = pytest.mark.browser

# An unterminated right-to-left override (U+202E), an embedding (U+202B), a name in
# Arabic script: each would flip or move the words after it if left in the same run.
OVERRIDE = "\u202eBergen"
EMBEDDING = "\u202bBryggen"
ARABIC = "أوسلو"
TIME = "\u202eevening 7"
SOURCE = "\u202eExample Daily"


def bidi_story() -> Story:
    story = trip_story()
    places = dict(story.places)
    places["bergen"] = replace(places["bergen"], name=OVERRIDE)
    places["bryggen"] = replace(places["bryggen"], name=EMBEDDING)
    places["oslo"] = replace(places["oslo"], name=ARABIC)
    stops = list(story.journey.stops)
    stops[0] = replace(stops[0], time=TIME)
    articles = (replace(story.articles[0], source=SOURCE, title="\u202eAcross the mountains"),) + story.articles[1:]
    return replace(story, places=places, articles=articles, journey=replace(story.journey, stops=tuple(stops)))


# Every piece of the interface in reading order (each interface character, and each
# isolated run of story text as one piece) must not step back leftwards on its line.
ORDER_JS = """root => {
  const isolate = n => { for (let e = n.parentElement; e && e !== root; e = e.parentElement)
    if (e.tagName === 'BDI' || e.hasAttribute('dir')) return e; return null; };
  const pieces = [], done = new Set();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    const iso = isolate(n);
    if (iso) {
      if (done.has(iso)) continue;
      done.add(iso);
      const rects = iso.getClientRects();
      pieces.push(rects.length === 1 ? {t: iso.textContent, r: rects[0]} : null);
      continue;
    }
    for (let i = 0; i < n.length; i++) {
      if (/[\\s\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]/.test(n.data[i])) continue;
      const range = document.createRange();
      range.setStart(n, i); range.setEnd(n, i + 1);
      const r = range.getBoundingClientRect();
      if (r.width) pieces.push({t: n.data[i], r});
    }
  }
  const bad = [];
  for (let k = 1; k < pieces.length; k++) {
    const a = pieces[k - 1], b = pieces[k];
    if (a && b && Math.abs(a.r.top - b.r.top) < a.r.height / 2 && b.r.left < a.r.left - 1)
      bad.push(JSON.stringify(a.t) + ' then ' + JSON.stringify(b.t));
  }
  return bad;
}"""


@pytest.fixture(scope="module")
def bidi_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bidi") / "map.html"
    path.write_text(render_html(bidi_story()), encoding="utf-8")
    return path


def _order(page, selector: str) -> dict[str, list[str]]:
    """For each element matching ``selector``: its text → interface pieces out of order."""
    return {
        text: bad
        for text, bad in page.locator(selector).evaluate_all(
            f"(nodes) => nodes.map(n => [n.textContent, ({ORDER_JS})(n)])"
        )
    }


def test_story_text_is_isolated_from_the_interface_words(bidi_file: Path, chromium_path: str) -> None:
    with open_page(bidi_file, chromium_path, viewport=(1280, 800), route_cdn=CDN) as (page, events):
        wait_ready(page)
        found: dict[str, list[str]] = {}
        found |= _order(page, "ol.geomap-stoplist > li, ul.geomap-articles > li, #geomap-heading")
        for i in range(4):  # each stop: status line, popup, marker tooltip
            page.evaluate(f"geomap.show({i})")
            page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
            found |= _order(page, ".geomap-status, .geomap-popup-stop-head, .geomap-meta, .geomap-quote-head")
        page.evaluate("geomap.map.closePopup()")
        for i in range(page.evaluate("geomap.markers.length")):
            page.evaluate(f"geomap.markers[{i}].marker.openTooltip()")
            found |= _order(page, ".leaflet-tooltip")
            page.evaluate(f"geomap.markers[{i}].marker.closeTooltip()")
        for i in range(page.evaluate("geomap.legs.length")):
            page.evaluate(f"geomap.legs[{i}].openTooltip(geomap.legs[{i}].getCenter())")
            found |= _order(page, ".leaflet-tooltip")
            page.evaluate(f"geomap.legs[{i}].closeTooltip()")
        text = "\n".join(found)
        # The story's text stays as written (text, not markup, controls included) ...
        for raw in (OVERRIDE, EMBEDDING, ARABIC, TIME, SOURCE):
            assert raw in text, raw
        assert f"Leg 1 · {ARABIC} → {OVERRIDE}" in text
        # ... and the interface words around it keep their order on screen.
        assert {t: bad for t, bad in found.items() if bad} == {}
        assert events.page_errors == [] and events.console_errors == []
