"""GeoJSON visits and legs, and the KML and GPX exports, read back with real parsers (fastkml, gpxpy)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import replace

import gpxpy
import pytest
from fastkml import kml
from test_exports import PLACES, make_story

from geomap.model import Evidence, Journey, Stop, Story
from geomap.render.exports import story_geojson, write_outputs
from geomap.render.gpskml import GPX_NS, KML_NS, journey_gpx, journey_kml

HOSTILE = 'Fin </name>]]><script>alert(1)</script> & "q" \x00\x07 \ud800 ok'


@pytest.fixture
def story() -> Story:
    return make_story()


def _inferred(story: Story) -> Story:
    """Stop 3 (Lisbon) inferred, with a confidence and a reason; stop 5 approximate."""
    stops = list(story.journey.stops)
    stops[2] = replace(stops[2], inferred=True, confidence=0.734, why="arrival verb + date",
                       event="arrival", time="evening")
    stops[4] = replace(stops[4], approximate=True)
    return replace(story, journey=replace(story.journey, stops=tuple(stops), origin="inferred"))


def test_points_carry_the_first_visit_and_every_visit_number(story: Story) -> None:
    features = story_geojson(_inferred(story))["features"]
    points = {f["properties"]["id"]: f["properties"] for f in features if f["geometry"]["type"] == "Point"}
    lisbon = points["lisbon"]
    assert (lisbon["stop"], lisbon["stops"], lisbon["event"], lisbon["time"]) == (3, [3, 5], "arrival", "evening")
    assert lisbon["inferred"] is True and lisbon["confidence"] == 0.73 and lisbon["approximate"] is False
    assert points["coimbra"]["stops"] == [2, 6, 7] and points["coimbra"]["inferred"] is False
    assert points["madrid"]["stop"] is None and points["madrid"]["stops"] == [] and points["madrid"]["confidence"] is None


def test_legs_are_numbered_features_with_km_and_inferred_flag(story: Story) -> None:
    legs = [f for f in story_geojson(_inferred(story))["features"] if f["properties"]["role"] == "leg"]
    assert [(f["properties"]["leg"], f["properties"]["from"], f["properties"]["to"]) for f in legs] == [
        (1, 1, 2), (2, 2, 3), (3, 3, 4), (4, 4, 5), (5, 5, 6), (6, 6, 7)]
    assert [f["properties"]["km"] for f in legs] == [122.0, 173.0, 7.3, 7.0, 173.0, 0.0]
    assert [f["properties"]["inferred"] for f in legs] == [False, True, False, False, False, False]
    assert legs[0]["geometry"]["coordinates"][1] == [-8.65, 40.64]  # the leg's own waypoints
    assert [f["properties"]["mode"] for f in legs] == [None] * 6  # nobody said how


def test_a_leg_travelled_by_a_known_mode_says_so(story: Story) -> None:
    legs = list(story.journey.legs)
    legs[1] = replace(legs[1], mode="train")
    moved = replace(story, journey=replace(story.journey, legs=tuple(legs)))
    found = [f["properties"]["mode"] for f in story_geojson(moved)["features"] if f["properties"]["role"] == "leg"]
    assert found == [None, "train", None, None, None, None]


def test_one_stop_still_has_the_route_line(story: Story) -> None:
    one = replace(story, journey=Journey((Stop(1, "lisbon", inferred=True, confidence=0.6),), (), origin="inferred"))
    features = story_geojson(one)["features"]
    route = features[0]
    assert route["properties"]["role"] == "route" and route["properties"]["stops"] == ["lisbon"]
    assert route["geometry"] == {"type": "LineString", "coordinates": [[-9.1393, 38.7223], [-9.1393, 38.7223]]}
    assert [f for f in features if f["properties"]["role"] == "leg"] == []


def test_stops_without_legs_draw_the_route_through_the_stops(story: Story) -> None:
    two = replace(story, journey=Journey((Stop(1, "porto"), Stop(2, "lisbon")), ()))
    assert story_geojson(two)["features"][0]["geometry"]["coordinates"] == [[-8.6109, 41.1496], [-9.1393, 38.7223]]


def _kml_placemarks(text: str) -> dict[str, list]:
    doc = kml.KML.from_string(text.encode("utf-8"))
    (document,) = doc.features
    found: dict[str, list] = {"": []}
    for feature in document.features:
        if isinstance(feature, kml.Folder):
            found[feature.name] = list(feature.features)
        else:
            found[""].append(feature)
    return found


def test_kml_has_route_and_folders_of_stops_sites_mentions_with_timestamps(story: Story) -> None:
    text = journey_kml(_inferred(story))
    folders = _kml_placemarks(text)
    assert list(folders) == ["", "Journey stops", "Visit sites", "Mentioned places"]
    (route,) = folders[""]
    assert route.name == "Route"
    coords = list(route.geometry.coords)
    assert coords[0] == pytest.approx((-8.6109, 41.1496)) and len(coords) == 8
    stops = folders["Journey stops"]
    assert [p.name for p in stops] == ["1. Porto", "2. Coimbra", "3. Lisbon", "5. Lisbon", "6. Coimbra", "7. Coimbra"]
    assert [p.name for p in folders["Visit sites"]] == ["4. Torre de Belém"]
    assert [p.name for p in folders["Mentioned places"]] == ["Madrid"]
    lisbon = stops[2]
    assert lisbon.times.timestamp.dt == dt.date(2024, 5, 3)
    assert lisbon.geometry.coords[0] == pytest.approx((-9.1393, 38.7223))
    assert lisbon.description.splitlines()[:3] == [
        "2024-05-03 (evening)", "arrival", "inferred · confidence 73% · arrival verb + date"]
    assert stops[3].description.startswith("≈ 2024-05-04")


def test_gpx_has_a_waypoint_per_stop_and_the_route_as_a_track(story: Story) -> None:
    gpx = gpxpy.parse(journey_gpx(_inferred(story)))
    assert gpx.name == 'Cycling "Portugal" <2024>'
    names = [w.name for w in gpx.waypoints]
    assert names == ["1. Porto", "2. Coimbra", "3. Lisbon", "4. Torre de Belém", "5. Lisbon", "6. Coimbra", "7. Coimbra"]
    first = gpx.waypoints[0]
    assert (first.latitude, first.longitude) == (41.1496, -8.6109)
    assert first.time == dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    assert gpx.waypoints[4].time is None  # an approximate date is not given as an instant
    assert gpx.waypoints[3].type == "Visit site"
    (track,) = gpx.tracks
    points = track.segments[0].points
    assert len(points) == 8 and (points[-1].latitude, points[-1].longitude) == (40.2033, -8.4103)


def test_untrusted_text_is_escaped_and_control_characters_dropped(story: Story) -> None:
    hostile = replace(story, title=HOSTILE, places={**story.places, "porto": replace(PLACES["porto"], name=HOSTILE)})
    stops = list(hostile.journey.stops)
    stops[0] = replace(stops[0], event=HOSTILE, evidence=(Evidence("day-1", 0, 0, 5, HOSTILE),))
    hostile = replace(hostile, journey=replace(hostile.journey, stops=tuple(stops)))
    clean = HOSTILE.replace("\x00", "").replace("\x07", "").replace("\ud800", "")
    for text in (journey_kml(hostile), journey_gpx(hostile)):
        root = ET.fromstring(text)  # well-formed XML
        assert "<script>" not in text
        assert all(node.tag.split("}")[1] != "script" for node in root.iter())
    gpx = gpxpy.parse(journey_gpx(hostile))
    assert gpx.name == clean and gpx.waypoints[0].name == "1. " + clean
    assert clean in gpx.waypoints[0].description
    assert _kml_placemarks(journey_kml(hostile))["Journey stops"][0].name == "1. " + clean


def test_french_interface_names_folders_and_types_in_french(story: Story) -> None:
    fr = replace(story, lang="fr")
    assert list(_kml_placemarks(journey_kml(fr))) == ["", "Étapes du voyage", "Lieux visités", "Lieux mentionnés"]
    assert gpxpy.parse(journey_gpx(fr)).waypoints[3].type == "Lieu visité"


def test_written_with_the_other_outputs_and_deterministic(story: Story, tmp_path) -> None:
    written = [p.name for p in write_outputs(story, tmp_path / "a")]
    assert {"journey.kml", "journey.gpx"} <= set(written)
    write_outputs(make_story(), tmp_path / "b")
    for name in ("journey.kml", "journey.gpx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert (tmp_path / "a" / "journey.kml").read_text(encoding="utf-8") == journey_kml(story)


def test_written_as_elementtree_writes_the_same_tree_indented(story: Story) -> None:
    # The exports are written straight to text (ElementTree's tree took most of their time at 10,000
    # articles): the same bytes as ElementTree's indented serialisation, hostile text included.
    hostile = replace(_inferred(story), title=HOSTILE + ' tab\there "q" a&b', lang="fr",
                      places={**story.places, "madrid": replace(PLACES["madrid"], name="")})
    for text, ns in ((journey_kml(hostile), KML_NS), (journey_gpx(hostile), GPX_NS)):
        header, body = text.split("\n", 1)
        assert header == '<?xml version="1.0" encoding="UTF-8"?>' and body.endswith(">\n")
        plain = body.replace(f' xmlns="{ns}"', "", 1)  # parsed, it would be the tags' namespace
        root = ET.fromstring(plain)
        ET.indent(root)
        assert ET.tostring(root, encoding="unicode") + "\n" == plain
        assert "<name />" in plain or ns == GPX_NS  # an empty name is an empty element, as ElementTree writes it
