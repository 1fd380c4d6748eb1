"""The static graphic's SVG and the offline basemap behind it: content, safety, determinism, placement."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import replace

import pytest
from test_exports import make_story
from test_mapview import hostile_story, trip_story

from geomap.render.basemap import basemap_payload, clip_basemap
from geomap.render.graphic import GraphicOptions, render_svg
from geomap.render.layout import Box, Placer, text_width
from geomap.render.payload import labels_for
from geomap.render.wording import reader_date

NS = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(svg).iter(NS + "text")]


@pytest.mark.parametrize("size", [(800, 450), (1600, 1000), (600, 900)])
def test_svg_parses_at_its_size_with_title_legend_stops_and_credit(size: tuple[int, int]) -> None:
    story = trip_story()
    svg = render_svg(story, GraphicOptions(size=size, subtitle="Four days by train", credit="Example Wire"))
    root = ET.fromstring(svg)
    assert (root.get("width"), root.get("height")) == (str(size[0]), str(size[1]))
    words = texts(svg)
    T = labels_for(story.lang)
    assert story.title in words and "Four days by train" in words
    assert T["stop"] in words and T["stops"] in words and any(w.startswith(T["route"]) for w in words)
    assert any("Example Wire" in w and "Natural Earth" in w for w in words)
    for stop in story.journey.stops:  # every stop is numbered in the list, with its date
        assert f"{stop.seq}." in words
        # as readers write it ("2 May"; one year in the whole story, so no year), not ISO
        assert reader_date(stop.date, T, year=False) in " ".join(words)
        assert stop.date.isoformat() not in " ".join(words)
    # Land is drawn, and nothing interactive or scripted is in the file.
    assert root.findall(f".//{NS}path[@fill='#f5f2ea']")
    assert not list(root.iter(NS + "script")) and not list(root.iter(NS + "foreignObject"))
    assert "leaflet" not in svg


def test_repeated_place_gets_one_marker_with_both_numbers() -> None:
    story = trip_story()
    seqs = {}
    for stop in story.journey.stops:
        seqs.setdefault(stop.place_id, []).append(stop.seq)
    repeated = [v for v in seqs.values() if len(v) > 1]
    assert repeated, "the trip story revisits a place"
    assert ",".join(map(str, repeated[0])) in texts(render_svg(story))


def test_svg_is_deterministic() -> None:
    options = GraphicOptions(size=(900, 600), credit="X")
    assert render_svg(trip_story(), options) == render_svg(trip_story(), options)


def test_hostile_text_stays_text() -> None:
    story = hostile_story()
    svg = render_svg(story, GraphicOptions(subtitle="<script>alert(1)</script>", credit="]]><x/>"))
    root = ET.fromstring(svg)  # still well-formed XML
    assert not list(root.iter(NS + "script")) and not list(root.iter("x"))
    assert "<script>alert(1)</script>" in texts(svg)


def test_a_story_without_journey_still_draws_its_places() -> None:
    story = replace(make_story(), journey=None)
    root = ET.fromstring(render_svg(story, GraphicOptions(size=(800, 450))))
    assert root.findall(f".//{NS}path[@fill='#f5f2ea']")  # Portugal's land


# --------------------------------------------------------------------------- placement


def test_placer_puts_labels_apart_when_there_is_room() -> None:
    placer = Placer(Box(0, 0, 400, 300))
    spots = [placer.place(200, 150, 10, "Vladivostok", 14, force=True) for _ in range(4)]
    boxes = [Box(x, y - 14 * 0.9, text_width("Vladivostok", 14), 14 * 1.15) for x, y in spots]
    assert all(a.overlaps(b) == 0 for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert all(b.inside(Box(0, 0, 400, 300)) for b in boxes)


def test_placer_gives_up_on_optional_labels_without_room() -> None:
    placer = Placer(Box(0, 0, 100, 40))
    placer.block(Box(0, 0, 100, 40))
    assert placer.place(50, 20, 4, "Harbin", 12, force=False) is None
    assert placer.place(50, 20, 4, "Harbin", 12, force=True) is not None


# --------------------------------------------------------------------------- basemap data


def test_basemap_has_land_where_land_is_and_none_mid_ocean() -> None:
    korea = clip_basemap(124, 37, 131, 43, lang="en", tolerance=0.01, cities=5)
    assert korea.land and korea.borders
    names = {label.text for label in korea.labels}
    assert "North Korea" in names and "Pyongyang" in names
    pacific = clip_basemap(-150, -30, -140, -20, lang="en", tolerance=0.01, cities=5)
    assert pacific.borders == () and not any(lab.kind == "country" for lab in pacific.labels)


def test_country_labels_follow_the_interface_language() -> None:
    fr = {lab.text for lab in clip_basemap(124, 35, 131, 43, lang="fr", tolerance=0.05, cities=10).labels}
    assert "Corée du Nord" in fr and "North Korea" not in fr
    assert "Séoul" in fr and "Seoul" not in fr


def test_country_is_labelled_inside_the_view_not_at_its_far_centre() -> None:
    far_east = clip_basemap(125, 40, 145, 55, lang="en", tolerance=0.05, cities=0)
    russia = [lab for lab in far_east.labels if lab.text == "Russia"]
    assert russia and 125 <= russia[0].lon <= 145 and 40 <= russia[0].lat <= 55


def test_clipped_geometry_stays_in_the_box_and_is_rounded() -> None:
    base = clip_basemap(124, 37, 131, 43, lang="en", tolerance=0.02, cities=0)
    points = [p for poly in base.land for ring in poly for p in ring] + [p for line in base.borders for p in line]
    assert all(124 <= x <= 131 and 37 <= y <= 43 for x, y in points)
    assert all(round(x, 3) == x and round(y, 3) == y for x, y in points)


def test_payload_is_compact_json_and_deterministic() -> None:
    bounds = [[39.0, 125.7], [53.0, 137.0]]
    a, b = basemap_payload(bounds, "fr"), basemap_payload(bounds, "fr")
    assert a == b
    text = json.dumps(a)
    assert 5_000 < len(text) < 400_000
    assert {kind for kind, *_ in a["labels"]} == {"country", "city"}


def test_land_crossing_the_antimeridian_stays_whole() -> None:
    # Eurasia's outline runs on past 180° E (Chukotka); read flat, it used to lose its north.
    from shapely.geometry import Point, Polygon

    taymyr = clip_basemap(95, 70, 105, 77, lang="en", tolerance=0.01, cities=0)
    shapes = [Polygon(poly[0], poly[1:]) for poly in taymyr.land]
    assert any(s.contains(Point(100, 74)) for s in shapes)
    chukotka = clip_basemap(175, 62, 180, 68, lang="en", tolerance=0.01, cities=0)
    assert any(Polygon(p[0], p[1:]).contains(Point(178, 65)) for p in chukotka.land)
    # Wrangel Island, read flat, became a sliver of "land" round the world at 71° N.
    for lon in (-165.0, -5.0, 0.0):
        sea = clip_basemap(lon - 1, 70.5, lon + 1, 71.8, lang="en", tolerance=0.01, cities=0)
        assert not any(Polygon(p[0], p[1:]).contains(Point(lon, 71.2)) for p in sea.land), lon
