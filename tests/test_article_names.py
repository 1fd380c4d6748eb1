"""A French article before a name may be the name's: "au Cap" is at Le Cap, "à la Mecque" at La Mecque."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import placed


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Xi Jinping est arrivé mardi au Cap, après Pretoria, puis s'est envolé pour Durban.", {"Cap": "ZA"}),
        ("Le ministre était au Mans lundi, puis au Pirée mardi.", {"Mans": "FR", "Pirée": "GR"}),
        ("Le prince héritier est arrivé à la Mecque jeudi, puis à Riyad. Il est rentré au Havre vendredi.",
         {"Mecque": "SA", "Havre": "FR"}),
        ("The prime minister flew from Brussels to the Hague on Tuesday, then to the Bronx.", {"Hague": "NL"}),
    ],
)
def test_a_towns_own_article_is_read_with_it(tmp_path: Path, text: str, where: dict[str, str]) -> None:
    places = placed(tmp_path, text)
    for name, country in where.items():
        assert name in places and places[name].country == country, (name, places.get(name))


def test_an_area_article_still_makes_no_town(tmp_path: Path) -> None:
    places = placed(tmp_path, "Le président a visité le Nord et le Sud du pays, puis il est allé au Japon et à Paris.")
    assert "Nord" not in places and "Sud" not in places and "Paris" in places
