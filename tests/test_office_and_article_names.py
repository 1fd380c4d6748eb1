"""Names discovery used to drop: a place after an office over it ("the archbishop of Agrigento"), a
name keeping its article in a list ("La Havane et La Paz"), a small capital named without a locative."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import placed


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # pope-lampedusa-2013-b (a development story), then invented ones.
        (("Francis said Mass on Lampedusa. The archbishop of Agrigento, whose diocese includes the island, "
          "concelebrated."), {"Agrigento": "IT"}),
        ("Zelensky met the mayor of Lviv in Kyiv; the governor of Kherson met him there too.",
         {"Kherson": "UA"}),
        ("Le pape a été accueilli à Marseille par l'archevêque de Fréjus et le maire de Tarbes, qui a déclaré être ému.",
         {"Fréjus": "FR", "Tarbes": "FR"}),
    ],
)
def test_a_place_after_an_office_over_it_is_found(tmp_path: Path, text: str, where: dict[str, str]) -> None:
    places = placed(tmp_path, text)
    for name, country in where.items():
        assert name in places and places[name].country == country, (name, places.get(name))


@pytest.mark.parametrize(
    "text",
    ["Vendredi, il s'est envolé pour Le Caire, puis pour La Havane et La Paz.",
     "On Friday he flew on to Lima and La Paz, then home."],
)
def test_a_name_keeps_its_article_in_a_list(tmp_path: Path, text: str) -> None:
    places = placed(tmp_path, text)
    assert "La Paz" in places and places["La Paz"].country == "BO", places


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # pope-lampedusa-2013-b
        (("Francis flew back to Rome from Lampedusa. Valletta, which also receives boats crossing from Libya, "
          "renewed its call for European help."), "Valletta", "MT"),
        ("The prince left Zurich for Vienna on Monday. Vaduz, which hosts the bank, declined to comment.",
         "Vaduz", "LI"),
    ],
)
def test_a_small_capital_needs_no_locative(tmp_path: Path, text: str, name: str, country: str) -> None:
    places = placed(tmp_path, text)
    assert name in places and places[name].country == country, places.get(name)
