"""A base left for day trips: come back to when told again after a move elsewhere (FR and EN)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_infer_order import infer
from test_infer_revisits import story_stops


@pytest.mark.parametrize(("text", "language"), [
    (("On Monday, May 6, Rolan landed in Avel and then headed to Corin. On Tuesday, May 7, Rolan toured a factory "
      "in Avel. On Wednesday, May 8, he arrived in Eska."), "en"),
    (("Lundi 6 mai, Rolan a atterri à Avel puis s'est rendu à Corin. Mardi 7 mai, Rolan a visité une usine à Avel. "
      "Mercredi 8 mai, il est arrivé à Eska."), "fr"),
])
def test_a_place_told_a_day_after_the_traveller_moved_on_from_it_was_come_back_to(text: str, language: str) -> None:
    # No return is told: the move to Corin after Avel on Monday, then Avel on Tuesday, tell it.
    assert infer([(text, dt.date(2024, 5, 8))], language) == ["avel", "corin", "avel", "eska"]


def test_a_place_told_a_day_after_the_traveller_moved_on_from_it_in_real_stories() -> None:
    # "conduit en voiture à Rzeszów. De l'aéroport de Rzeszów-Jasionka, un appareil … l'a emmené jusqu'à la base
    # d'Andrews" (Wednesday) … "l'avion s'est posé jeudi 22 décembre à Rzeszów": Rzeszów on the way out and back.
    stops = story_stops("zelensky-washington-2022-b")
    assert stops.count("Rzeszów") == 2
    assert stops.index("Rzeszów") < stops.index("Washington") < len(stops) - 1 - stops[::-1].index("Rzeszów")
    # Berlin, then Brodowin on Thursday afternoon; "On Thursday, in Berlin, the King addressed the Bundestag" is
    # told a day after Wednesday's Berlin, so Berlin again after Brodowin, before Hamburg.
    stops = story_stops("charles-germany-2023")
    assert stops[stops.index("Brodowin") + 1 : stops.index("Hamburg")].count("Berlin") == 1
