"""Names written where discovery used to miss them: a dateline's short capitals ("KYIV, Ukraine —"),
a venue's town after the person it is named for, an organisation's seat, "the Rafah crossing"."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import placed


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("KYIV, Ukraine \u2014 The president arrived by train on Monday morning for talks.", "KYIV", "UA"),
        ("ROME (AFP) - Le pape a reçu lundi le président ukrainien au Vatican.", "ROME", "IT"),
    ],
)
def test_a_datelines_short_name_is_no_acronym(tmp_path: Path, text: str, name: str, country: str) -> None:
    places = placed(tmp_path, text, title="Visit")
    assert name in places and places[name].country == country, places


def test_an_acronym_mid_sentence_stays_one(tmp_path: Path) -> None:
    places = placed(tmp_path, "The talks in Rome were about NATO, said an aide.\nOSLO is no dateline here.")
    assert "NATO" not in places


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Il est reparti de l'aéroport Léopold-Sédar-Senghor de Dakar mardi soir.", "Dakar", "SN"),
        ("He flew out of the Jomo Kenyatta airport of Nairobi on Tuesday.", "Nairobi", "KE"),
    ],
)
def test_a_venue_named_for_a_person_names_its_town(tmp_path: Path, text: str, name: str, country: str) -> None:
    places = placed(tmp_path, text)
    assert name in places and places[name].country == country, places


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # macron-kyiv-2022-b (a development story), then an invented one.
        ("Les Vingt-Sept se prononceront au Conseil européen de Bruxelles, les 23 et 24 juin.", "Bruxelles", "BE"),
        ("He gave a lecture at the university of Chicago before flying home.", "Chicago", "US"),
    ],
)
def test_an_organisation_names_its_seat(tmp_path: Path, text: str, name: str, country: str) -> None:
    places = placed(tmp_path, text)
    assert name in places and places[name].country == country, places


@pytest.mark.parametrize(
    ("text", "name", "lat"),
    [
        # biden-israel-2023 (a development story; Rafah, Egypt and Rafah, Gaza are one town astride the border),
        # then an invented one.
        ("Egypt agreed to let aid trucks cross into Gaza through the Rafah crossing, Biden said in Tel Aviv.",
         "Rafah", 31.29),
        ("The convoy left Kyiv and reached the Kerch bridge, then the Dzhankoi checkpoint, by night.", "Kerch", 45.36),
    ],
)
def test_a_town_naming_a_crossing_is_a_town(tmp_path: Path, text: str, name: str, lat: float) -> None:
    places = placed(tmp_path, text)
    assert name in places and abs(places[name].lat - lat) < 0.1, places
