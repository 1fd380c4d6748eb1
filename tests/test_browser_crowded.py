"""Crowded and ocean-wide tours as a reader opens them: short leaders, no clash, the route filling the map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from seedmap import assert_only_tiles_failed
from test_browser_labels import LABELS_JS, assert_short_apart_on_map
from test_browser_reader import offline_and_settled
from test_browser_seeds import LAYOUT_IDS, LAYOUTS
from test_mapview import make_article

from geomap.model import Journey, Leg, Place, Stop, Story
from geomap.render.mapview import render_html

pytestmark = pytest.mark.browser

#: Two tours after dev stories by different hands (trump-asia-2017-a, khrushchev-usa-1959-a in
#: tests/data/stories), as their builds place them: ten stops each, one place visited twice, most
#: of them a few hundred kilometres apart at one end of a leg across an ocean.
TOURS = {
    "asia-2017": (dt.date(2017, 11, 3), [
        ("Washington", 38.8951, -77.0364), ("Honolulu", 21.3069, -157.8583), ("Tokyo", 35.6895, 139.6917),
        ("Pyeongtaek", 36.9921, 127.1129), ("Seoul", 37.5660, 126.9784), ("Beijing", 39.9075, 116.3972),
        ("Da Nang", 16.0678, 108.2208), ("Hanoi", 21.0245, 105.8412), ("Manila", 14.6042, 120.9822),
        ("Washington", 38.8951, -77.0364)]),
    "usa-1959": (dt.date(1959, 9, 15), [
        ("Washington", 38.8951, -77.0364), ("Beltsville", 39.0348, -76.9075), ("New York", 40.7143, -74.0060),
        ("Los Angeles", 34.0522, -118.2437), ("San Francisco", 37.7749, -122.4194), ("Des Moines", 41.6005, -93.6091),
        ("Coon Rapids", 41.8709, -94.6774), ("Pittsburgh", 40.4406, -79.9959), ("Washington", 38.8951, -77.0364),
        ("Moscow", 55.7522, 37.6156)]),
}


def tour_story(name: str) -> Story:
    """One of TOURS as a built story: a stop a day, a straight leg between each two."""
    start, stops = TOURS[name]
    ids = {place: f"p{k}" for k, (place, _, _) in enumerate(dict.fromkeys(stops))}
    coords = {place: (lat, lon) for place, lat, lon in stops}
    places = {ids[p]: Place(ids[p], p, "city", *coords[p]) for p in ids}
    article, mentions = make_article("tour", ". ".join(f"Then {p}" for p in ids) + ".", ids,
                                     title=name, date=start)
    journey = Journey(
        tuple(Stop(n, ids[p], start + dt.timedelta(days=n - 1)) for n, (p, _, _) in enumerate(stops, start=1)),
        tuple(Leg(n, n + 1, (coords[a[0]], coords[b[0]]), 1000.0) for n, (a, b) in enumerate(zip(stops, stops[1:]), start=1)))
    return Story(articles=(article,), places=places, mentions=tuple(mentions), resolutions={}, journey=journey,
                 title=name, lang="en")


@pytest.fixture(scope="module", params=sorted(TOURS))
def tour(request, tmp_path_factory: pytest.TempPathFactory) -> tuple[Story, Path]:
    story = tour_story(request.param)
    path = tmp_path_factory.mktemp(request.param) / "map.html"
    path.write_text(render_html(story), encoding="utf-8")
    return story, path


@pytest.mark.parametrize(("viewport", "query"), LAYOUTS, ids=LAYOUT_IDS)
def test_a_crowded_tour_keeps_leaders_short_and_badges_apart(browser, tour, viewport, query) -> None:
    # On a phone the Asian stops once sat so close that a badge went 104-128 px from its spot,
    # across the ocean; leaving a crowd's dates out (the list and popups keep them) makes room.
    page, seen = offline_and_settled(browser, tour, viewport, query)
    found = page.evaluate(LABELS_JS)
    marks, m = found["marks"], found["map"]
    assert len(marks) == 9
    assert_short_apart_on_map(marks, m)
    assert_only_tiles_failed(seen)


# The route's extent on screen over the map's, across and down.
ROUTE_SPAN_JS = """() => {
  const pts = geomap.legs.flatMap(l => l.getLatLngs().map(ll => geomap.map.latLngToContainerPoint(ll)));
  const xs = pts.map(p => p.x), ys = pts.map(p => p.y), size = geomap.map.getSize();
  return [(Math.max(...xs) - Math.min(...xs)) / size.x, (Math.max(...ys) - Math.min(...ys)) / size.y];
}"""


def test_an_ocean_wide_tour_fills_the_phone_it_opens_on(browser, tour) -> None:
    # Room kept for every date on its badge's right held a route across the Pacific to half a
    # phone's width: the view opened on ocean. A date goes left, or out, where the right has none.
    page, seen = offline_and_settled(browser, tour, (390, 844), "")
    across, down = page.evaluate(ROUTE_SPAN_JS)
    assert max(across, down) >= 0.75, (across, down)
    assert_only_tiles_failed(seen)


# Per journey badge: its numbers, their width, the badge's width, and how far the badge's
# centre lies from its marker's when not moved apart (a pill must stay centred on its spot).
NUMBERS_JS = """() => [...document.querySelectorAll('.leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site')]
  .map(n => { const b = n.querySelector('.geomap-badge').getBoundingClientRect(), m = n.getBoundingClientRect();
    const num = n.querySelector('.geomap-num'), moved = n.classList.contains('geomap-moved');
    return {text: num.textContent, num: num.getBoundingClientRect().width, badge: b.width,
            off: moved ? 0 : Math.abs((b.left + b.right) / 2 - (m.left + m.right) / 2)}; })"""


def test_a_place_visited_twice_keeps_its_numbers_inside_its_badge(browser, tour) -> None:
    # "1,10" once overran its round badge's rim: a badge widens into a pill for long numbers.
    page, seen = offline_and_settled(browser, tour, (1600, 1000), "")
    found = page.evaluate(NUMBERS_JS)
    assert any("," in b["text"] for b in found)
    assert [b["text"] for b in found if b["num"] + 8 > b["badge"] or b["off"] > 0.5] == []
    assert_only_tiles_failed(seen)
