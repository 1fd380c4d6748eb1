"""The map page in headless Chromium: markers, popups, step-through, date filter, controls, a11y."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import xstatic.pkg.leaflet
from browserutil import PageEvents, open_page
from test_mapview import evidence_story, trip_story

from geomap.render.mapview import render_html

pytestmark = pytest.mark.browser

LEAFLET = Path(xstatic.pkg.leaflet.BASE_DIR)
TILE = (LEAFLET / "images" / "layers.png").read_bytes()  # any PNG will do for a tile
# The CDN-linked page, served offline: Leaflet from the XStatic package, a stand-in tile.
CDN = {
    "leaflet.js": (LEAFLET / "leaflet.js").read_bytes(),
    "leaflet.css": (LEAFLET / "leaflet.css").read_bytes(),
    "images/layers": TILE,
    "tile.openstreetmap.org": TILE,
}


def wait_ready(page) -> None:
    page.wait_for_function("window.geomapReady === true", timeout=10_000)


def assert_clean(events: PageEvents) -> None:
    assert events.console_errors == []
    assert events.page_errors == []
    assert events.dialogs == []
    assert events.blocked_requests == []


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("map") / "map.html"
    path.write_text(render_html(trip_story()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser_page(map_file: Path, chromium_path: str) -> Iterator[tuple[object, PageEvents]]:
    # One Chromium for the module: launching it is most of a test's time.
    with open_page(map_file, chromium_path, route_cdn=CDN) as (page, events):
        yield page, events


@pytest.fixture
def opened(browser_page, map_file: Path) -> tuple[object, PageEvents]:
    """The map freshly loaded (new document, no hash, screen media, no events yet)."""
    page, events = browser_page
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("about:blank")
    for seen in (events.console_errors, events.page_errors, events.dialogs, events.blocked_requests):
        seen.clear()
    page.goto(map_file.resolve().as_uri())
    wait_ready(page)
    return page, events


def count(page, selector: str) -> int:
    return page.locator(selector).count()


def marker(page, name: str):
    return page.locator(f'.leaflet-marker-icon[aria-label*="{name}"]')


def badge(page, name: str):
    """What a reader taps: the marker's badge as drawn (moved apart, the marker's own box stays
    at the true spot and takes no tap)."""
    return marker(page, name).locator(".geomap-badge")


def wait_status(page, prefix: str) -> None:
    """Until the step-through status line (set as a stop is shown) starts with ``prefix``."""
    page.wait_for_function(
        "p => document.querySelector('.geomap-status').textContent.startsWith(p)", arg=prefix
    )


def popup_heading(page) -> str:
    # Callers first wait for a sign that the page acted (a hash change alone comes
    # before the page's hashchange handler). A closed popup fades out for 200 ms:
    # wait until only the new one is left.
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
    return page.locator(".leaflet-popup-content h2").inner_text()


def test_page_loads_cleanly_with_expected_layers(opened, repo_root: Path) -> None:
    page, events = opened
    assert count(page, ".leaflet-marker-icon.geomap-stop") == 2  # Oslo (twice visited), Bergen
    assert count(page, ".leaflet-marker-icon.geomap-site") == 1
    assert count(page, ".leaflet-marker-icon.geomap-mention") == 0  # layer off by default
    assert count(page, "path.geomap-leg") == 3
    assert marker(page, "Oslo").locator(".geomap-num").inner_text() == "1,4"

    # Turn "Mentioned places" on through folium's layer control, as a reader would.
    page.hover(".leaflet-control-layers")
    page.get_by_label("Mentioned places").check()
    assert count(page, ".leaflet-marker-icon.geomap-mention") == 2
    assert count(page, ".leaflet-control-scale") == 1
    assert count(page, ".geomap-minimap.leaflet-container") == 1
    out = repo_root / "test-artifacts"
    out.mkdir(exist_ok=True)
    page.screenshot(path=str(out / "map.png"))
    assert_clean(events)


def test_clicking_a_stop_quotes_its_sentences_with_marks(opened) -> None:
    page, events = opened
    badge(page, "Oslo").click()
    assert popup_heading(page) == "Oslo"
    content = page.locator(".leaflet-popup-content")
    text = content.inner_text()
    assert "1. Oslo · 2\u00a0May (evening) — departure" in text
    assert "4. Oslo · 6\u00a0May — return" in text
    assert "The night train left Oslo on Thursday." in text
    assert "The return journey ended in Oslo on Monday." in text
    assert content.locator("mark").all_inner_texts() == ["Oslo", "Oslo"]
    # The first article links to its source; the second's javascript: URL is gone.
    assert content.locator("a").evaluate_all("as => as.map(a => a.href)") == ["https://example.org/rail-1"]
    assert "“On Saturday the guests toured the old wharf…”" in text and "rail-2" not in text  # never a file id
    assert_clean(events)


def test_keyboard_opens_the_site_popup(opened) -> None:
    page, events = opened
    site = page.locator(".leaflet-marker-icon.geomap-site")
    site.focus()
    page.keyboard.press("Enter")
    assert popup_heading(page) == "Bryggen"
    content = page.locator(".leaflet-popup-content")
    assert "On Saturday the guests toured the old wharf of Bryggen with the mayor." in content.inner_text()
    assert content.locator("mark").inner_text() == "Bryggen"
    assert "Role: Visit site" in content.inner_text()
    assert_clean(events)


def test_escape_closes_the_popup_from_anywhere(opened) -> None:
    page, events = opened
    page.locator(".geomap-next").click()  # the focus stays on the button, outside Leaflet's handler
    popup_heading(page)
    page.keyboard.press("Escape")
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    page.locator(".leaflet-marker-icon.geomap-site").focus()
    page.keyboard.press("Enter")
    assert popup_heading(page) == "Bryggen"
    page.locator("body").press("Escape")
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 0")
    assert_clean(events)


def test_step_through_visits_every_stop_and_back(opened) -> None:
    page, events = opened
    expected = ["Oslo", "Bergen", "Bryggen", "Oslo"]
    prev, nxt = page.locator(".geomap-prev"), page.locator(".geomap-next")
    for n, name in enumerate(expected, start=1):
        nxt.click()
        page.wait_for_function(f"location.hash === '#stop-{n}'")
        wait_status(page, f"{n} of 4: {name}")
        assert popup_heading(page) == name
        assert page.locator(f"#geomap-li-{n}").get_attribute("aria-current") == "step"
    assert nxt.is_disabled()
    for n in (3, 2, 1):
        prev.click()
        page.wait_for_function(f"location.hash === '#stop-{n}'")
        wait_status(page, f"{n} of 4: {expected[n - 1]}")
        assert popup_heading(page) == expected[n - 1]
    assert prev.is_disabled()
    assert_clean(events)


def test_stop_hash_on_load_opens_that_stop(opened, map_file: Path) -> None:
    page, events = opened
    page.goto("about:blank")
    page.goto(map_file.resolve().as_uri() + "#stop-3")
    wait_ready(page)
    assert popup_heading(page) == "Bryggen"
    assert page.locator(".geomap-status").inner_text().startswith("3 of 4")
    # A link in the stop list is a hash link too.
    page.locator("#geomap-li-2 a").click()
    page.wait_for_function("location.hash === '#stop-2'")
    wait_status(page, "2 of 4: Bergen")
    assert popup_heading(page) == "Bergen"
    assert_clean(events)


def test_date_slider_hides_later_stops(opened) -> None:
    page, events = opened
    slider = page.locator("#geomap-date")
    assert page.locator(".geomap-slider output").inner_text() == "6\u00a0May (all dates)"
    slider.fill("1")  # second of four dates
    assert page.locator(".geomap-slider output").inner_text() == "3\u00a0May"
    assert count(page, ".leaflet-marker-icon.geomap-site") == 0
    assert count(page, ".leaflet-marker-icon.geomap-stop") == 2
    assert marker(page, "Oslo").locator(".geomap-num").inner_text() == "1"
    assert count(page, "path.geomap-leg") == 1
    assert "geomap-filtered" in (page.locator("#geomap-li-3").get_attribute("class") or "")
    # Keyboard works on the slider; the last position shows everything again.
    slider.focus()
    page.keyboard.press("End")
    assert count(page, ".leaflet-marker-icon.geomap-site") == 1
    assert marker(page, "Oslo").locator(".geomap-num").inner_text() == "1,4"
    assert count(page, "path.geomap-leg") == 3
    assert_clean(events)


def test_stepping_past_the_filter_widens_it(opened) -> None:
    page, events = opened
    page.locator("#geomap-date").fill("0")
    assert count(page, ".leaflet-marker-icon.geomap-site") == 0
    page.evaluate("location.hash = '#stop-3'")
    page.wait_for_function("document.querySelector('.leaflet-popup-content h2') !== null")
    assert popup_heading(page) == "Bryggen"
    assert page.locator("#geomap-date").input_value() == "2"
    assert_clean(events)


def assert_wide(tip) -> None:
    """A short tooltip reads on one line or so: wider than tall (not one character a line)."""
    box = tip.bounding_box()
    assert box is not None and box["width"] > box["height"], box


def test_tooltips_on_markers_and_route(opened) -> None:
    page, events = opened
    badge(page, "Bergen").hover()
    tip = page.locator(".leaflet-tooltip")
    assert tip.inner_text() == "#2 · Bergen · 3\u00a0May · Journey stop"
    assert_wide(tip)
    # Hover the middle of leg 1's first segment (its SVG box centre is off the line).
    x, y = page.evaluate(
        """() => {
            const leg = window.geomap.legs[0], ll = leg.getLatLngs();
            const a = geomap.map.latLngToContainerPoint(ll[0]), b = geomap.map.latLngToContainerPoint(ll[1]);
            const box = geomap.map.getContainer().getBoundingClientRect();
            return [box.left + (a.x + b.x) / 2, box.top + (a.y + b.y) / 2];
        }"""
    )
    page.mouse.move(x, y)
    page.wait_for_function("[...document.querySelectorAll('.leaflet-tooltip')].some(t => t.textContent.startsWith('Leg'))")
    texts = page.locator(".leaflet-tooltip").all_inner_texts()
    assert "Leg 1 · Oslo → Bergen · 371 km" in texts
    assert_wide(page.locator(".leaflet-tooltip", has_text="Leg 1"))
    assert_clean(events)


def test_legend_and_stop_list_are_text(opened) -> None:
    page, events = opened
    legend = page.locator(".geomap-legend").inner_text()
    for words in ("Legend", "Journey stop", "Visit site", "Mentioned place", "Route · Total 744 km"):
        assert words in legend
    items = page.locator("ol.geomap-stoplist > li").all_inner_texts()
    assert [re.sub(r"\s+", " ", t).strip() for t in items] == [
        "Oslo · 2 May (evening) departure",
        "Bergen · 3 May arrival",
        "Bryggen · 4 May guided visit",
        "Oslo · 6 May return",
    ]
    assert page.locator("#geomap-heading").inner_text() == "Rail trip across Norway"
    assert page.title() == "Rail trip across Norway"
    assert page.locator("html").get_attribute("lang") == "en"
    articles = page.locator(".geomap-articles li")
    assert articles.nth(0).locator("a").get_attribute("href") == "https://example.org/rail-1"
    assert articles.nth(1).locator("a").count() == 0
    assert_clean(events)


def test_markers_are_keyboard_reachable_and_labelled(opened) -> None:
    page, events = opened
    icons = page.locator(".leaflet-marker-icon")
    assert icons.count() == 3
    for i in range(icons.count()):
        icon = icons.nth(i)
        assert icon.get_attribute("tabindex") == "0"
        assert icon.get_attribute("role") == "button"
        assert re.search(r"(Oslo|Bergen|Bryggen) · \d\u00a0May", icon.get_attribute("aria-label") or "")
    reached = set()
    for _ in range(40):  # Tab through the page: every marker gets focus on the way
        page.keyboard.press("Tab")
        label = page.evaluate(
            "document.activeElement.classList.contains('leaflet-marker-icon')"
            " ? document.activeElement.getAttribute('aria-label') : null"
        )
        if label:
            reached.add(label)
    assert len(reached) == 3
    assert_clean(events)


def test_viewport_allows_zoom(opened) -> None:
    page, _ = opened
    content = page.locator('meta[name="viewport"]').get_attribute("content") or ""
    assert "user-scalable" not in content and "maximum-scale" not in content


def test_fullscreen_button_toggles(opened) -> None:
    page, events = opened
    button = page.locator(".geomap-fullscreen")
    assert button.get_attribute("aria-label") == "Full screen"
    pressed = "document.querySelector('.geomap-fullscreen').getAttribute('aria-pressed') === '{}'"
    button.click()
    page.wait_for_function(pressed.format("true"))
    assert page.evaluate("document.fullscreenElement.classList.contains('folium-map')")
    assert button.get_attribute("aria-label") == "Exit full screen"
    button.click()
    page.wait_for_function(pressed.format("false"))
    assert page.evaluate("document.fullscreenElement") is None
    assert_clean(events)


def test_minimap_follows_the_main_map(opened) -> None:
    page, events = opened
    mini = page.locator(".geomap-minimap")
    assert mini.get_attribute("aria-label") == "Overview map"
    page.evaluate("geomap.map.setView([60.39, 5.32], 11, {animate: false})")
    state = page.evaluate(
        """() => { const m = geomap.minimap, c = m.getCenter(), f = geomap.frame.getBounds(),
                         b = geomap.map.getBounds();
                   return {lat: c.lat, lon: c.lng, zoom: m.getZoom(), same: f.equals(b, 1e-9)}; }"""
    )
    assert state == {"lat": pytest.approx(60.39, abs=1e-3), "lon": pytest.approx(5.32, abs=1e-3), "zoom": 6, "same": True}
    # A click on the overview moves the main map there.
    box = mini.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 10, box["y"] + box["height"] / 2)
    page.wait_for_function("geomap.map.getCenter().lng < 5.0")
    assert_clean(events)


def test_print_shows_map_and_whole_stop_list(opened) -> None:
    page, _ = opened
    page.emulate_media(media="print")
    assert page.locator("ol.geomap-stoplist").is_visible()
    assert page.locator(".folium-map").is_visible()
    assert not page.locator(".geomap-step").is_visible()
    assert not page.locator(".geomap-minimap").is_visible()


def test_small_screen_list_starts_open_under_the_map_and_folds(opened) -> None:
    page, events = opened
    page.set_viewport_size({"width": 390, "height": 800})
    toggle = page.locator(".geomap-panel-toggle")
    # Open from the start: the first stops fill the space under the map instead of a blank.
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    first = page.locator("ol.geomap-stoplist li").first
    assert first.is_visible() and first.bounding_box()["y"] + first.bounding_box()["height"] <= 800
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("ol.geomap-stoplist").is_visible()
    toggle.click()
    assert page.locator("ol.geomap-stoplist").is_visible()
    # The legend folds to its heading on a phone and opens on a tap.
    legend = page.locator(".geomap-legend-toggle")
    page.wait_for_function("document.querySelector('.geomap-legend-toggle').getAttribute('aria-expanded') === 'false'")
    assert not page.locator("#geomap-legend-body").is_visible()
    legend.click()
    assert legend.get_attribute("aria-expanded") == "true" and page.locator("#geomap-legend-body").is_visible()
    assert_clean(events)


def _rgb(css: str) -> tuple[float, float, float, float]:
    parts = [float(v) for v in re.findall(r"[\d.]+", css)]
    return (*parts[:3], parts[3] if len(parts) > 3 else 1.0)  # type: ignore[return-value]


def _luminance(rgb: tuple[float, float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b, _ = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_text_contrast_is_at_least_4_5(opened) -> None:
    page, _ = opened
    badge(page, "Oslo").click()
    selectors = [
        ".geomap-num", ".geomap-date", ".geomap-legend li span:last-child", ".geomap-status",
        ".geomap-slider label", "ol.geomap-stoplist li", ".geomap-li-event", ".geomap-summary",
        ".geomap-popup .geomap-meta", ".geomap-popup mark", ".geomap-popup blockquote", ".geomap-articles a",
    ]
    for selector in selectors:
        fg, bg = page.locator(selector).first.evaluate(
            """el => {
                const fg = getComputedStyle(el).color;
                for (let n = el; n; n = n.parentElement) {
                    const bg = getComputedStyle(n).backgroundColor;
                    if (bg && !/rgba\\(.*, 0\\)$/.test(bg) && bg !== 'transparent') return [fg, bg];
                }
                return [fg, 'rgb(255, 255, 255)'];
            }"""
        )
        back = _rgb(bg)
        # Translucent backgrounds sit on white (page, legend boxes) in the worst case.
        alpha = back[3]
        back = tuple(alpha * c + (1 - alpha) * 255 for c in back[:3]) + (1.0,)
        light, dark = sorted((_luminance(_rgb(fg)), _luminance(back)), reverse=True)  # type: ignore[arg-type]
        ratio = (light + 0.05) / (dark + 0.05)
        assert ratio >= 4.5, f"{selector}: {fg} on {bg} is {ratio:.2f}:1"


def test_self_contained_page_needs_no_cdn(opened, tmp_path: Path) -> None:
    page, events = opened
    path = tmp_path / "map.html"
    path.write_text(render_html(trip_story(), self_contained=True), encoding="utf-8")
    requested: list[str] = []

    def record(request) -> None:
        requested.append(request.url)

    page.on("request", record)
    try:
        page.goto(path.resolve().as_uri())
        wait_ready(page)
    finally:
        page.remove_listener("request", record)
    assert [u for u in requested if not u.startswith(("file:", "data:", "https://tile.openstreetmap.org/"))] == []
    assert count(page, ".leaflet-marker-icon.geomap-stop") == 2
    badge(page, "Bergen").click()
    assert popup_heading(page) == "Bergen"
    assert_clean(events)


def test_stop_popup_shows_evidence_and_notes_before_other_mentions(opened, tmp_path: Path) -> None:
    page, events = opened
    path = tmp_path / "evidence.html"
    path.write_text(render_html(evidence_story()), encoding="utf-8")
    page.goto(path.resolve().as_uri())  # the module's Chromium, another page
    wait_ready(page)
    badge(page, "Oslo").click()
    assert popup_heading(page) == "Oslo"
    content = page.locator(".leaflet-popup-content")
    first = content.locator(".geomap-popup-stop").first
    assert first.locator(".geomap-popup-stop-head").inner_text() == "1. Oslo · 2\u00a0May (evening) — departure"
    evidence = first.locator(".geomap-evidence > li")
    assert evidence.count() == 3
    assert evidence.first.locator("a").get_attribute("href") == "https://example.org/rail-1"
    assert evidence.first.locator("blockquote").inner_text().strip() == "The night train left Oslo on Thursday."
    assert evidence.first.locator("mark").all_inner_texts() == ["Oslo"]
    assert first.locator(".geomap-note").inner_text() == "Note: Hour from the timetable."
    # The other mentions follow, without the sentence the evidence already quoted.
    assert content.locator("h3").inner_text() == "Also mentioned in"
    mentions = content.locator(".geomap-mentions blockquote").all_inner_texts()
    assert [m.strip() for m in mentions] == ["The return journey ended in Oslo on Monday."]
    # The route note sits with the stop it leads to.
    page.evaluate("location.hash = '#stop-2'")
    wait_status(page, "2 of 4: Bergen")
    assert popup_heading(page) == "Bergen"
    assert page.locator(".leaflet-popup-content .geomap-note").inner_text() == "Route: Via Finse."
    assert_clean(events)


def test_inferred_stops_and_legs_look_like_guesses(opened, tmp_path: Path) -> None:
    page, events = opened
    story = trip_story()
    stops = list(story.journey.stops)
    stops[1] = replace(stops[1], inferred=True, confidence=0.8, why="arrival verb + date in 2 articles")
    path = tmp_path / "inferred.html"
    path.write_text(render_html(replace(story, journey=replace(story.journey, stops=tuple(stops)))), encoding="utf-8")
    page.goto(path.resolve().as_uri())
    wait_ready(page)
    # Only the leg into the inferred stop is dashed; its badge is dashed too.
    dashed = page.locator("path.geomap-leg").evaluate_all("ps => ps.map(p => p.getAttribute('stroke-dasharray'))")
    assert dashed == ["8 8", None, None]  # leg 1 leads to stop 2
    assert count(page, ".geomap-marker-inferred") == 1
    assert "inferred" in page.locator("#geomap-li-2").inner_text()
    assert "Inferred by geomap (dashed)" in page.locator(".geomap-legend").inner_text()
    assert "Placed from the text" not in page.locator(".geomap-legend").inner_text()  # no such place here
    badge(page, "Bergen").click()
    assert popup_heading(page) == "Bergen"
    assert page.locator(".geomap-popup .geomap-inferred").inner_text() == (
        "inferred confidence 80% · arrival verb + date in 2 articles")
    page.evaluate("geomap.show(2)")  # stop 3, curated: no tag
    page.wait_for_function("document.querySelector('.leaflet-popup-content h2').textContent === 'Bryggen'")
    assert count(page, ".geomap-popup .geomap-inferred") == 0
    assert_clean(events)


def test_a_place_placed_from_the_text_shows_its_circle_and_the_sentence(opened, tmp_path: Path) -> None:
    # Bryggen as offline data would lack it, placed from "Bryggen, in Bergen" (geomap.anchored).
    page, events = opened
    story = trip_story()
    said = "They walked to Bryggen, in Bergen, at dusk."
    bryggen = replace(story.places["bryggen"], resolver="text", approx_km=10.0, source=said)
    path = tmp_path / "approx.html"
    path.write_text(render_html(replace(story, places={**story.places, "bryggen": bryggen})), encoding="utf-8")
    page.goto(path.resolve().as_uri())
    wait_ready(page)
    assert count(page, ".geomap-marker-approx") == 1
    assert count(page, "path.geomap-approx-area") == 1  # where it may be: a dashed circle
    assert "Placed from the text, approximately (circle)" in page.locator(".geomap-legend").inner_text()
    # The stop list, read without the map, says it too, of that stop only.
    assert page.locator(".geomap-stoplist .geomap-tag-approx").count() == 1
    assert page.locator(".geomap-stoplist li", has=page.locator(".geomap-tag-approx")).locator("a").inner_text() == "Bryggen"
    page.evaluate("geomap.show(2)")  # stop 3, Bryggen (under Bergen's marker at this zoom)
    page.wait_for_function("document.querySelector('.leaflet-popup-content h2').textContent === 'Bryggen'")
    note = page.locator(".geomap-popup .geomap-approx").inner_text()
    assert note == f"placed approximately within about 10 km · from “{said}”"
    page.evaluate("geomap.show(1)")  # stop 2, Bergen: an exact place says nothing of the kind
    page.wait_for_function("document.querySelector('.leaflet-popup-content h2').textContent === 'Bergen'")
    assert count(page, ".geomap-popup .geomap-approx") == 0
    assert_clean(events)


def test_a_journey_over_the_antimeridian_crosses_the_pacific(opened, tmp_path: Path) -> None:
    # Washington → Honolulu → Tokyo was drawn from Honolulu east across America, the Atlantic and Africa.
    from test_render_wrap import pacific_story

    page, events = opened
    path = tmp_path / "pacific.html"
    path.write_text(render_html(pacific_story()), encoding="utf-8")
    page.goto(path.resolve().as_uri())
    wait_ready(page)
    jumps = page.evaluate("""() => geomap.legs.flatMap(l => l.getLatLngs().slice(1)
      .map((p, k) => Math.abs(p.lng - l.getLatLngs()[k].lng)))""")
    assert jumps and max(jumps) <= 180, jumps
    found = page.evaluate("""() => {
      const m = document.querySelector('.folium-map').getBoundingClientRect();
      return [...document.querySelectorAll('.leaflet-marker-icon.geomap-stop')].map(n => {
        const r = n.getBoundingClientRect();
        return {name: n.getAttribute('aria-label').split(' · ')[1], x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2,
                inside: r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom};
      });
    }""")
    assert all(f["inside"] for f in found), found
    x = {f["name"]: f["x"] for f in found}
    assert x["Manila"] < x["Tokyo"] < x["Honolulu"] < x["Washington"], x  # west to east over the Pacific
    assert_clean(events)


@pytest.mark.parametrize("viewport", [(390, 844), (360, 640), (1280, 800)])
def test_a_wide_route_has_basemap_over_the_whole_phone_map(opened, viewport, tmp_path: Path) -> None:
    # An east-west route on a phone is fitted to the map's width: far more latitude shows than the
    # route spans, and the offline land was cut straight across the map above and below it.
    page, events = opened
    story = trip_story()
    # Oslo, Bergen and Bryggen moved to Rome, Amman and its citadel: 23° of longitude, 10° of latitude.
    moves = {"oslo": (41.9028, 12.4964), "bergen": (31.9539, 35.9106), "bryggen": (31.9544, 35.9349)}
    places = {pid: replace(p, lat=moves[pid][0], lon=moves[pid][1]) if pid in moves else p for pid, p in story.places.items()}
    legs = tuple(replace(leg, path=(moves[story.journey.stops[leg.from_seq - 1].place_id],
                                    moves[story.journey.stops[leg.to_seq - 1].place_id])) for leg in story.journey.legs)
    path = tmp_path / "wide.html"
    path.write_text(render_html(replace(story, places=places, journey=replace(story.journey, legs=legs))), encoding="utf-8")
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(path.resolve().as_uri())
    wait_ready(page)
    view, box = page.evaluate("[geomap.map.getBounds().toBBoxString().split(',').map(Number),"
                              " geomap.map.geomapBasemap.bounds]")
    west, south, east, north = view
    assert box[0] <= south and box[1] <= west and north <= box[2] and east <= box[3], (view, box)
    assert_clean(events)
