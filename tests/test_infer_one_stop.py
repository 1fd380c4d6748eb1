"""One stop told at two grains: a town and its airport or site, two names of one town, a country and its town."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest

from geomap.articles import split_sentences
from geomap.infer import infer_journey
from geomap.infer.score import Weights
from geomap.mentions import Matcher, find_mentions
from geomap.model import Article, Place
from geomap.pipeline import BuildOptions, build_story

ROOT = Path(__file__).parent.parent


def place(pid: str, name: str, kind: str, lat: float, lon: float, population: int | None = None,
          country: str = "XA") -> Place:
    return Place(id=pid, name=name, kind=kind, lat=lat, lon=lon, country=country, aliases=(name,),
                 population=population)


# Invented places, so no test leans on a real story's geography: Ostel is an enclave 3 km from
# Corin's centre, the museum lies in Corin.
PLACES = {p.id: p for p in (
    place("avel", "Avel", "city", 50.0, 10.0),
    place("eska", "Eska", "city", 52.0, 20.0),
    place("corin", "Corin", "city", 51.0, 14.0, 2_000_000),
    place("ostel", "Ostel", "city", 51.0, 14.043, 800),
    place("museum", "Musée Royal", "museum", 51.01, 14.01),
    place("lanis", "Lanis", "city", 50.78, 14.3, 2_000),
    place("veldia", "Veldia", "country", 45.0, 30.0, country="XV"),
    place("mirel", "Mirel", "city", 45.2, 30.3, country="XV"),
    place("tobra", "Tobra", "city", 44.5, 31.0, country="XV"),
)}
#: Fixed weights, so these tests test the journey's stops, not the latest fit.
WEIGHTS = Weights({"move": 2.0, "leave": 2.0, "doings": 2.0, "dated": 0.5, "verb_other": -3.0, "speech": -3.0},
                  -1.0, 0.5, "one-stop tests", "")


def stops(text: str, language: str) -> list[str]:
    a = Article(id="a", path=Path("a.txt"), text=text, date=dt.date(2024, 5, 10), language=language, title=None,
                sentences=split_sentences(text))
    ms = find_mentions([a], Matcher((p.name, p.id) for p in PLACES.values()))
    return [s.place_id for s in infer_journey([a], ms, PLACES, weights=WEIGHTS).stops]


@pytest.mark.parametrize(("text", "language"), [
    (("Rolan a quitté Avel lundi. Mardi, il est arrivé à Corin, puis a visité le Musée Royal. "
      "Mercredi, il est parti pour Eska."), "fr"),
    (("Rolan left Avel on Monday. On Tuesday he arrived in Corin, then visited the Musée Royal. "
      "On Wednesday he left for Eska."), "en"),
])
def test_a_site_visited_in_a_town_is_the_towns_stop(text: str, language: str) -> None:
    assert stops(text, language) == ["avel", "corin", "eska"]


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan a quitté Corin lundi pour Eska. Mercredi, il est rentré à Corin puis a regagné Ostel.", "fr"),
    ("Rolan left Corin for Eska on Monday. On Wednesday he flew back to Corin and returned to Ostel.", "en"),
])
def test_two_names_of_one_town_told_in_turn_are_one_stop(text: str, language: str) -> None:
    assert stops(text, language)[-2:] == ["eska", "corin"]


@pytest.mark.parametrize(("text", "language"), [
    (("Rolan a quitté Avel lundi pour la Veldia. Mardi, à Mirel, les entretiens ont duré trois heures. "
      "Tobra est le premier port du pays."), "fr"),
    (("Rolan left Avel for Veldia on Monday. On Tuesday, in Mirel, the talks lasted three hours. "
      "Tobra is the country's largest port."), "en"),
])
def test_a_trip_told_to_a_country_goes_to_the_town_there_the_story_ties_to_it(text: str, language: str) -> None:
    assert stops(text, language) == ["avel", "mirel"]


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan a quitté Avel lundi pour la Veldia. Tobra est le premier port du pays.", "fr"),
    ("Rolan left Avel for Veldia on Monday. Tobra is the country's largest port.", "en"),
])
def test_a_town_merely_named_in_that_country_is_no_stop(text: str, language: str) -> None:
    assert stops(text, language) == ["avel"]


@pytest.mark.parametrize(("text", "language"), [
    # As charles-france-2023 tells Bordeaux and the burnt forest of Landiras; Corin's airport is worded
    # in one sentence, and Corin is a town the next day's sentence locates Lanis by.
    (("Lundi, Rolan s'est posé à l'aéroport de Corin. Mardi, il a gagné la forêt de Lanis, au sud-est de "
      "Corin, avant de rentrer à Avel."), "fr"),
    (("On Monday Rolan landed at Corin airport. On Tuesday he went to the forest of Lanis, south-east of "
      "Corin, before he flew home to Avel."), "en"),
])
def test_a_city_named_as_an_airport_once_is_not_the_airfield_of_a_town_beside_it(text: str, language: str) -> None:
    assert stops(text, language)[:2] == ["corin", "lanis"]


def built_stops(folder: str) -> list[Place]:
    story = build_story([ROOT / "tests" / "data" / "stories" / folder],
                        BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False)).story
    assert story.journey is not None
    return [story.places[s.place_id] for s in story.journey.stops]


@pytest.mark.parametrize(("folder", "town", "part"), [
    # "…held talks at the Kremlin" after arriving in Moscow: a venue in the city it was reached by.
    ("modi-russia-austria-2024", "Moscow", "Moscow Kremlin"),
    # "…regagné le Vatican" after landing in Rome: an enclave and the city round it.
    ("pope-lampedusa-2013-b", "Rome", "Vatican City"),
])
def test_a_town_and_a_place_inside_it_told_in_turn_are_one_stop(folder: str, town: str, part: str) -> None:
    names = [p.name for p in built_stops(folder)]
    assert town in names
    assert not any({a, b} == {town, part} for a, b in pairwise(names))


@pytest.mark.parametrize(("folder", "before", "town", "after"), [
    # "The prime minister left Moscow in the afternoon for Austria"; Vienna is the dateline.
    ("modi-russia-austria-2024", "Moscow", "Vienna", "New Delhi"),
    # « une visite de vingt-quatre heures en Mongolie »; Oulan-Bator is the dateline.
    ("putin-mongolia-2024", "Kyzyl", "Ulan Bator", "Vladivostok"),
])
def test_a_country_visited_between_towns_is_its_town_there(folder: str, before: str, town: str, after: str) -> None:
    names = [p.name for p in built_stops(folder)]
    assert before in names and town in names and after in names
    assert names.index(before) < names.index(town) < len(names) - 1 - names[::-1].index(after)
