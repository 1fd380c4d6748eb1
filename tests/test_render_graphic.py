"""The static graphic's stop badges: numbers inside their badge, badges apart, a place visited twice too."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from test_browser_crowded import tour_story

from geomap.render.graphic import GraphicOptions, render_svg
from geomap.render.layout import text_width

NS = "{http://www.w3.org/2000/svg}"


def badges(svg: str) -> list[tuple[str, float, tuple[float, float, float, float]]]:
    """Each badge's numbers, their font size and the box of the shape drawn under them (x0, y0, x1, y1)."""
    found = []
    nodes = list(ET.fromstring(svg))
    for shape, text in zip(nodes, nodes[1:]):
        label = "".join(text.itertext())
        if text.tag != NS + "text" or text.get("fill") != "#ffffff" or not label.replace(",", "").isdigit():
            continue
        if shape.tag == NS + "circle":
            x, y, r = (float(shape.get(k)) for k in ("cx", "cy", "r"))
            box = (x - r, y - r, x + r, y + r)
        else:
            x, y, w, h = (float(shape.get(k)) for k in ("x", "y", "width", "height"))
            box = (x, y, x + w, y + h)
        found.append((label, float(text.get("font-size")), box))
    return found


@pytest.mark.parametrize("size", [(1600, 1000), (800, 450)])
def test_a_place_visited_twice_keeps_its_numbers_inside_its_badge(size: tuple[int, int]) -> None:
    # "1,10" once ran over its round badge's rim: the badge widens into a pill for long numbers.
    found = badges(render_svg(tour_story("asia-2017"), GraphicOptions(size=size)))
    labels = [label for label, _, _ in found]
    assert "1,10" in labels and len(labels) == 9 + 1  # the map's nine, the legend's swatch
    for label, font, (x0, _, x1, _) in found:
        assert x1 - x0 >= text_width(label, font, bold=True) + 0.5 * font, label
    on_map = [box for label, _, box in found][:9]
    apart = [(a, b) for i, a in enumerate(on_map) for b in on_map[i + 1 :]
             if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert apart == []


def test_the_locator_frames_a_route_over_the_pacific() -> None:
    # Its overview once stayed centred on Greenwich: the frame of a Pacific crossing fell off its edge.
    root = ET.fromstring(render_svg(tour_story("asia-2017"), GraphicOptions(size=(1600, 1000))))
    clip = root.find(f"{NS}clipPath[@id='locator-clip']/{NS}rect")
    frame = root.find(f"{NS}g[@clip-path='url(#locator-clip)']/{NS}rect")
    x, y, w, h = (float(clip.get(k)) for k in ("x", "y", "width", "height"))
    fx, fy, fw, fh = (float(frame.get(k)) for k in ("x", "y", "width", "height"))
    assert x <= fx and fx + fw <= x + w and y <= fy and fy + fh <= y + h, ((x, y, w, h), (fx, fy, fw, fh))
    assert fw > w / 4  # a Pacific crossing spans a good part of the world shown
