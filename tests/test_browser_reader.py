"""What a reader of the published seed map meets offline: the tiles notice, the overview map."""

from __future__ import annotations

import re

import pytest
from seedmap import ROOT, TILE_URL, assert_only_tiles_failed, load
from test_browser_seeds import BOXES_JS, LAYOUT_IDS, LAYOUTS, _overlap

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_en(tmp_path_factory: pytest.TempPathFactory):
    """The seeds with an English interface: other words, other widths, other collisions."""
    from geomap.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("seed-map-en")
    result = build([ROOT / "seeds"], out, BuildOptions(gazetteer=ROOT / "gazetteer.yaml", lang="en"))
    return result.story, out / "map.html"

NOTICE_JS = """() => {
  const n = document.querySelector('.geomap-tiles-notice');
  const r = n.getBoundingClientRect();
  return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, h: r.height,
          line: parseFloat(getComputedStyle(n).lineHeight), cut: n.scrollWidth > n.clientWidth,
          text: n.textContent};
}"""


#: Resolves after two frames: what geomap-layout.js moves on the next frame has moved.
NEXT_FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"


def offline_and_settled(browser, built, viewport, query):
    """The page once the offline-tiles notice shows and the badges under it have moved aside."""
    page, seen = load(browser, built, viewport=viewport, query=query)
    page.wait_for_selector(".geomap-tiles-notice", state="visible", timeout=10_000)
    page.evaluate(NEXT_FRAMES)
    return page, seen


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_offline_notice_is_one_whole_line_covering_no_stop(browser, built, viewport, query) -> None:
    page, seen = offline_and_settled(browser, built, viewport, query)
    notice = page.evaluate(NOTICE_JS)
    assert notice["h"] < 1.5 * notice["line"] + 8, notice  # one line (plus its padding)
    assert not notice["cut"], notice  # and all of it shown, even on a phone
    # Neither a stop's true spot nor its badge lies under it.
    for stop in page.evaluate(BOXES_JS)["stops"]:
        assert not _overlap(stop, notice), (stop["name"], notice)
    assert_only_tiles_failed(seen)


MINIMAP_JS = """() => {
  const mini = document.querySelector('.geomap-minimap');
  const m = mini.getBoundingClientRect();
  const land = [...mini.querySelectorAll('path.geomap-bm-land')];
  // Share of the overview's area the land's drawing spans (0 when none is drawn).
  const shares = land.map(p => { const r = p.getBoundingClientRect();
    const w = Math.min(r.right, m.right) - Math.max(r.left, m.left), h = Math.min(r.bottom, m.bottom) - Math.max(r.top, m.top);
    return w > 0 && h > 0 ? w * h / (m.width * m.height) : 0; });
  return {visible: m.width > 0, land: land.length, share: Math.max(0, ...shares),
          names: mini.querySelectorAll('.geomap-bm-label').length};
}"""


def test_overview_map_shows_land_offline(browser, built) -> None:
    page, seen = load(browser, built)  # desktop: the overview map is there
    found = page.evaluate(MINIMAP_JS)
    assert found["visible"] and found["land"] == 1, found
    assert found["share"] > 0.5, found  # the land spans the inset, not a sliver of it
    assert found["names"] == 0  # no names: unreadable at that size
    assert_only_tiles_failed(seen)


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_offline_basemap_covers_the_whole_fitted_map(browser, built, viewport, query) -> None:
    page, seen = load(browser, built, viewport=viewport, query=query)
    # The land is clipped to the basemap's box: a view reaching past it shows land cut straight.
    view, box = page.evaluate("[geomap.map.getBounds().toBBoxString().split(',').map(Number),"
                              " geomap.map.geomapBasemap.bounds]")
    west, south, east, north = view
    assert box[0] <= south and box[1] <= west and north <= box[2] and east <= box[3], (view, box)
    assert_only_tiles_failed(seen)


BASEMAP_NAMES_JS = """() => {
  const box = n => { const r = n.getBoundingClientRect();
    return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, w: r.width, text: n.textContent}; };
  const main = document.querySelector('.folium-map');
  const names = [...main.querySelectorAll('.geomap-bm-label')]
    .filter(n => getComputedStyle(n).visibility !== 'hidden').map(box);
  const covers = [...main.querySelectorAll('.leaflet-control, .geomap-tiles-notice')].map(box).filter(c => c.w > 0);
  return {map: box(main), names, covers};
}"""


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_basemap_names_are_whole_and_clear_of_the_controls(browser, built, built_en, viewport, query, lang) -> None:
    page, seen = offline_and_settled(browser, built if lang == "fr" else built_en, viewport, query)
    found = page.evaluate(BASEMAP_NAMES_JS)
    assert found["names"], "some place names are shown"
    m = found["map"]
    for name in found["names"]:
        assert m["x0"] <= name["x0"] and name["x1"] <= m["x1"] and m["y0"] <= name["y0"] and name["y1"] <= m["y1"], name
        for control in found["covers"]:
            assert not _overlap(name, control), (name, control)
    assert_only_tiles_failed(seen)


def test_dates_in_the_stop_list_never_break(browser, built) -> None:
    page, seen = load(browser, built)  # desktop: a narrow side panel beside the map
    dates = page.locator(".geomap-stoplist .geomap-li-date").evaluate_all(
        "ns => ns.map(n => [n.textContent, n.querySelector('bdi') ? n.querySelector('bdi').getClientRects().length : 0])")
    assert len(dates) == 8
    assert [d for d in dates if d[1] != 1] == []  # each date on one line
    assert_only_tiles_failed(seen)


DOUBLED_JS = """() => [...document.querySelectorAll('.geomap-claim-notes q')].filter(q => {
  const before = q.previousSibling ? q.previousSibling.textContent : '';
  return /[“«"‘‹„]\\s*$/.test(before) && getComputedStyle(q).quotes !== 'none';
}).map(q => q.parentNode.textContent)"""


def test_claim_notes_quote_the_article_words_once(browser, built) -> None:
    page, seen = load(browser, built)
    assert page.locator(".geomap-claim-notes q").count() > 0
    assert page.evaluate(DOUBLED_JS) == []
    assert_only_tiles_failed(seen)


def test_dates_read_as_a_newsroom_writes_them(browser, built) -> None:
    story, _ = built
    page, seen = load(browser, built)
    months = "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()
    # One year in the whole story: day and month only, in French ("12 sept.", "1er oct.").
    want = [("1er" if s.date.day == 1 else str(s.date.day)) + "\u00a0" + months[s.date.month - 1]
            for s in story.journey.stops]
    assert page.locator(".geomap-stoplist .geomap-date-text").all_inner_texts() == want
    assert page.locator(".geomap-slider output").inner_text().startswith(want[-1] + " (")
    badges = " ".join(page.locator(".leaflet-marker-icon .geomap-date").all_inner_texts())
    assert "2023-" not in badges and want[0] in badges
    # The articles' dates too, in the list and where the claims set two articles side by side.
    heads = page.locator(".geomap-articles li, .geomap-disagreement .geomap-quote-head").all_inner_texts()
    assert heads and not [h for h in heads if re.search(r"\d{4}-\d{2}-\d{2}", h)]
    # And the journey's notes in the popups ("la date du 16 sept. ne figure pas…").
    notes = []
    for i in range(len(story.journey.stops)):
        page.evaluate(f"geomap.show({i})")
        page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
        notes += page.locator(".leaflet-popup-content .geomap-note").all_inner_texts()
    assert any("16\u00a0sept." in n for n in notes), notes
    assert not [n for n in notes if re.search(r"\d{4}-\d{2}-\d{2}", n)]
    assert_only_tiles_failed(seen)


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_offline_notice_steps_aside_wherever_the_reader_goes(browser, built, viewport, query) -> None:
    story, _ = built
    page, seen = load(browser, built, viewport=viewport, query=query)
    page.wait_for_selector(".geomap-tiles-notice", state="visible", timeout=10_000)
    for i in range(len(story.journey.stops)):  # each stop brought into view, as the stepper does
        page.evaluate(f"geomap.show({i})")
        page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
        page.wait_for_function("!geomap.map._panAnim || !geomap.map._panAnim._inProgress")
        page.evaluate(NEXT_FRAMES)
        shown = page.evaluate("getComputedStyle(document.querySelector('.geomap-tiles-notice')).visibility") == "visible"
        if not shown:
            continue
        notice = page.evaluate(NOTICE_JS)
        for stop in page.evaluate(BOXES_JS)["stops"]:
            assert not _overlap(stop, notice), (i, stop["name"], notice)
    assert_only_tiles_failed(seen)


# Each moved badge's leader (true spot -> badge centre) and every badge and date label.
LEADERS_JS = """() => {
  const centre = n => { const r = n.getBoundingClientRect(); return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; };
  const icons = [...document.querySelectorAll('.leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site')];
  const leaders = icons.filter(n => n.classList.contains('geomap-moved'))
    .map(n => ({name: n.getAttribute('aria-label'), p: centre(n), q: centre(n.querySelector('.geomap-badge'))}));
  const boxes = icons.flatMap(n => [n.querySelector('.geomap-badge'), n.querySelector('.geomap-date')]
    .filter(e => e && e.getBoundingClientRect().width)
    .map(e => { const r = e.getBoundingClientRect();
      return {name: n.getAttribute('aria-label'), x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; }));
  return {leaders, boxes};
}"""


def _crossed(leader: dict, box: dict) -> bool:
    """Whether the leader runs through the box away from its ends (the spots it joins).

    A badge standing on the leader's true spot cannot be avoided (the spots are that close).
    """
    (px, py), (qx, qy) = leader["p"], leader["q"]
    if box["x0"] - 2 <= px <= box["x1"] + 2 and box["y0"] - 2 <= py <= box["y1"] + 2:
        return False
    length = ((qx - px) ** 2 + (qy - py) ** 2) ** 0.5
    steps = max(int(length // 2), 1)
    for j in range(1, steps):
        t = j / steps
        if t * length < 20 or (1 - t) * length < 17:
            continue
        x, y = px + (qx - px) * t, py + (qy - py) * t
        if box["x0"] + 1 < x < box["x1"] - 1 and box["y0"] + 1 < y < box["y1"] - 1:
            return True
    return False


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_leaders_run_under_no_other_badge_or_date(browser, built, built_en, viewport, query, lang) -> None:
    page, seen = offline_and_settled(browser, built if lang == "fr" else built_en, viewport, query)
    found = page.evaluate(LEADERS_JS)
    assert found["leaders"], "the seeds' cluster of stops near Vladivostok is spread out"
    crossed = [(leader["name"], box["name"]) for leader in found["leaders"] for box in found["boxes"]
               if box["name"] != leader["name"] and _crossed(leader, box)]
    assert crossed == []
    assert_only_tiles_failed(seen)


ATTRIBUTION_JS = "() => document.querySelector('.leaflet-control-attribution').textContent"


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_offline_credit_line_names_only_what_is_drawn(browser, built, viewport, query) -> None:
    # Offline no tile is drawn: crediting the tile provider would be a false credit in a published graphic.
    page, seen = offline_and_settled(browser, built, viewport, query)
    credit = page.evaluate(ATTRIBUTION_JS)
    assert "Natural Earth" in credit, credit
    assert "OpenStreetMap" not in credit, credit
    assert_only_tiles_failed(seen)


def test_credit_line_names_the_tiles_once_they_are_drawn(browser, built) -> None:
    # The other side of the offline credit: tiles that arrive are credited, and no notice says otherwise.
    from geomap.render.assets import _read

    page, _ = browser
    tile = _read("leaflet", "images/layers.png")  # any image the browser can draw as a tile
    serve = lambda route: route.fulfill(status=200, body=tile, content_type="image/png")  # noqa: E731
    page.route(TILE_URL, serve)  # registered last, so it answers before the fixture's blocker
    try:
        page, seen = load(browser, built)
        page.wait_for_function("document.querySelector('.leaflet-tile-loaded') !== null", timeout=10_000)
        assert "OpenStreetMap" in page.evaluate(ATTRIBUTION_JS)
        assert page.locator(".geomap-tiles-notice").count() == 0
        assert seen.page_errors == [] and seen.blocked == []
    finally:
        page.unroute(TILE_URL, serve)
