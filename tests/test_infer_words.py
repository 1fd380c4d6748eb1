"""The inference's function words come from data/infer.yaml: without them the rules they serve stop."""

from __future__ import annotations

import datetime as dt

import pytest
from test_infer import evidence


@pytest.mark.parametrize(("text", "language"), [
    ("Mardi, l'avion de Rolan a décollé de l'aéroport de Dalm.", "fr"),
    ("On Tuesday Rolan's plane took off from the airport of Dalm.", "en"),
])
def test_a_hub_noun_names_its_town_across_the_hub_of_words(text: str, language: str) -> None:
    # hub_of: "l'aéroport de X", "the airport of X" make X's mention an airport's.
    assert any(e.features.get("hub_word") for e in evidence(text, language)["dalm"])


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan a quitté Avel dimanche, a annoncé le lundi 13 mai son bureau. Il a ensuite gagné Borna.", "fr"),
    ("Rolan left Avel on Sunday, his office said on Monday. He then travelled to Borna.", "en"),
])
def test_a_report_is_dated_across_the_before_day_words(text: str, language: str) -> None:
    # before_day: "said on Monday", "a annoncé le lundi 13 mai" date the report, so Borna is told on Sunday.
    borna = evidence(text, language, date=dt.date(2024, 5, 13))["borna"][0]
    assert borna.told is not None and borna.told.date == dt.date(2024, 5, 12)
