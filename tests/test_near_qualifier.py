"""A name the text puts near a town ("Woodside, près de San Francisco") is the namesake there."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import mentioned, placed

from geomap.discover import near
from geomap.evaluate import haversine_km


@pytest.mark.parametrize(
    ("text", "names", "anchors"),
    [
        ("Leur rencontre remontait à novembre 2023, à Woodside, près de San Francisco.", ("Woodside", "San Francisco"),
         ["san francisco", None]),
        ("He stayed at Castel Gandolfo, some 25 km south of Rome, then at Evian near Geneva.",
         ("Castel Gandolfo", "Rome", "Evian", "Geneva"), ["rome", None, "geneva", None]),
        ("Il a dormi à Ferney-Voltaire, à quelques kilomètres de Genève (Suisse).", ("Ferney-Voltaire", "Genève"),
         ["geneve", None]),
        # A list, a new clause or a plain "and" says nothing of where the first name lies.
        ("He flew from Paris to Lyon, then near Marseille. Kyiv, he said, near Lviv.",
         ("Paris", "Lyon", "Marseille", "Kyiv", "Lviv"), [None, None, None, None, None]),
    ],
)
def test_near_names_the_town_a_place_lies_by(text: str, names: tuple[str, ...], anchors: list) -> None:
    article, found = mentioned(text, *names)
    assert [m.key if m else None for m in near(found, [], {"a": article})] == anchors


@pytest.mark.parametrize(
    ("text", "name", "town"),
    [
        # xi-latin-america-2024 (a development story) put Woodside in New York: its story points are in Peru and Brazil.
        (("Joe Biden a quitté Washington pour Lima jeudi, puis Rio de Janeiro et Brasília. Sa précédente rencontre "
          "avec Xi remontait à novembre 2023, à Woodside, près de San Francisco."), "Woodside", (37.77, -122.42)),
        (("President Biden flew from Washington to Lima, then to Rio de Janeiro and Manaus. His last meeting with "
          "Xi was at Woodside, near San Francisco, a year ago."), "Woodside", (37.77, -122.42)),
    ],
)
def test_a_place_near_a_town_is_the_namesake_there(tmp_path: Path, text: str, name: str, town: tuple) -> None:
    places = placed(tmp_path, text)
    assert name in places and haversine_km(places[name].latlon, town) < 100, places.get(name)
