"""A journey over the antimeridian drawn across the Pacific, not back round the world."""

from __future__ import annotations

import datetime as dt

import pytest
from test_mapview import make_article, trip_story

from geomap.model import Journey, Leg, Place, Stop, Story
from geomap.render.basemap import clip_basemap
from geomap.render.exports import story_geojson
from geomap.render.wrap import unwrapped


def pacific_story() -> Story:
    """Washington → Honolulu → Tokyo → Manila → Washington: two legs over the antimeridian."""
    places = {
        "dc": Place("dc", "Washington", "city", 38.8951, -77.0364, "US"),
        "hnl": Place("hnl", "Honolulu", "city", 21.3069, -157.8583, "US"),
        "tyo": Place("tyo", "Tokyo", "city", 35.6895, 139.6917, "JP"),
        "mnl": Place("mnl", "Manila", "city", 14.6042, 120.9822, "PH"),
        "syd": Place("syd", "Sydney", "city", -33.8688, 151.2093, "AU"),  # only mentioned
    }
    names = {"Washington": "dc", "Honolulu": "hnl", "Tokyo": "tyo", "Manila": "mnl", "Sydney": "syd"}
    article, mentions = make_article(
        "tour", "The president left Washington for Honolulu, flew on to Tokyo, then to Manila, "
        "and was back in Washington a week later. Sydney was not on the tour.",
        names, title="An Asian tour", date=dt.date(2017, 11, 3))
    ends = ("dc", "hnl", "tyo", "mnl", "dc")
    stops = tuple(Stop(n, pid, dt.date(2017, 11, 2 + n)) for n, pid in enumerate(ends, start=1))
    legs = tuple(Leg(n, n + 1, ((places[a].lat, places[a].lon), (places[b].lat, places[b].lon)), 5000.0)
                 for n, (a, b) in enumerate(zip(ends, ends[1:]), start=1))
    return Story(articles=(article,), places=places, mentions=tuple(mentions), resolutions={},
                 journey=Journey(stops, legs), title="An Asian tour", lang="en")


def test_legs_over_the_antimeridian_are_drawn_across_it() -> None:
    story = pacific_story()
    drawn = unwrapped(story)
    lons = [drawn.places[s.place_id].lon for s in drawn.journey.stops]
    assert all(abs(b - a) <= 180 for a, b in zip(lons, lons[1:])), lons
    for leg in drawn.journey.legs:
        path = [lon for _, lon in leg.path]
        assert all(abs(b - a) <= 180 for a, b in zip(path, path[1:])), path
        assert leg.path[0][1] == drawn.places[drawn.journey.stops[leg.from_seq - 1].place_id].lon
    # The same points on the globe, the whole centred within ±180°.
    for pid, place in drawn.places.items():
        assert (place.lon - story.places[pid].lon) % 360 == pytest.approx(0), pid
        assert place.lat == story.places[pid].lat
    assert -180 <= (min(lons) + max(lons)) / 2 <= 180
    # A place only mentioned is drawn on the copy of the world nearest the journey.
    assert abs(drawn.places["syd"].lon - (min(lons) + max(lons)) / 2) <= 180
    # The exports keep the true longitudes.
    coords = [f["geometry"]["coordinates"] for f in story_geojson(story)["features"] if f["geometry"]["type"] == "Point"]
    assert coords and all(-180 <= lon <= 180 for lon, _ in coords)


def test_a_journey_crossing_no_antimeridian_is_drawn_as_it_is() -> None:
    story = trip_story()
    assert unwrapped(story) is story


def test_the_basemap_beyond_the_antimeridian_is_the_world_beside_it() -> None:
    # West of -180° lies Asia's copy: Japan's land and name, moved by 360°.
    base = clip_basemap(-235.0, 20.0, -150.0, 50.0, lang="en", tolerance=0.2, cities=10)
    assert base.bounds == (-235.0, 20.0, -150.0, 50.0)
    west = [x for poly in base.land for x, _ in poly[0] if x < -180]
    assert west and min(west) >= -235.0
    assert any(label.text == "Japan" and -225 < label.lon < -210 for label in base.labels), base.labels
