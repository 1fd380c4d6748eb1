"""A base left for day trips: come back to when told each night, or when told again after a move elsewhere (FR and EN)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_infer_order import cue_marks, infer
from test_infer_revisits import story_stops


@pytest.mark.parametrize(("text", "language"), [
    ("On Tuesday he flew to Corin and on Wednesday to Dalm, returning each night to Avel.", "en"),
    ("Il ira mardi à Corin et mercredi à Dalm, rentrant chaque soir à Avel.", "fr"),
    ("Depuis, Avel est son port d'attache.", "fr"),
])
def test_a_base_come_back_to_each_night_is_marked(text: str, language: str) -> None:
    got = cue_marks(text, language)
    assert got["Avel"].nightly and not any(m.nightly for name, m in got.items() if name != "Avel")


@pytest.mark.parametrize(("text", "language"), [
    (("On Monday, May 6, Rolan arrived in Avel. On Tuesday, May 7, he flew to Corin and on Wednesday, May 8, he flew "
      "to Dalm, returning each night to Avel. On Thursday, May 9, he flew to Eska."), "en"),
    (("Lundi 6 mai, Rolan est arrivé à Avel. Mardi 7 mai, il s'est rendu à Corin, puis mercredi 8 mai à Dalm, "
      "rentrant chaque soir à Avel. Jeudi 9 mai, il s'est envolé pour Eska."), "fr"),
    (("Lundi 6 mai, Rolan est arrivé à Avel. Depuis, Avel est son port d'attache. Mardi 7 mai, il s'est rendu à "
      "Corin. Mercredi 8 mai, il a visité Dalm. Jeudi 9 mai, il s'est envolé pour Eska."), "fr"),
])
def test_a_base_come_back_to_each_night_follows_each_day_trip(text: str, language: str) -> None:
    # Only the way on to Eska is told from Dalm: each night at Avel puts Avel after Corin and after Dalm.
    assert infer([(text, dt.date(2024, 5, 9))], language) == ["avel", "corin", "avel", "dalm", "avel", "eska"]


def test_a_base_come_back_to_each_night_in_real_stories() -> None:
    # "His schedule takes him to Santa Clara on Thursday, to Camagüey on Friday and to Santiago de Cuba on
    # Saturday, returning each night to Havana" (the Plaza de la Revolución is in Havana).
    stops = story_stops("jpii-cuba-1998-b")
    havana = {"Havana", "Plaza de la Revolución"}
    i, j, k = (stops.index(p) for p in ("Santa Clara", "Camagüey", "Santiago de Cuba"))
    assert havana & set(stops[i + 1 : j]) and havana & set(stops[j + 1 : k]) and havana & set(stops[k + 1 :])
    # "Depuis, Jérusalem est son port d'attache": back there after Nazareth, before the flight to Rome.
    stops = story_stops("jpii-holy-land-2000-b")
    assert "Jérusalem" in stops[stops.index("Nazareth") + 1 : stops.index("Rome")]


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
