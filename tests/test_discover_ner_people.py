"""The small French NER model's "people" that are places: a town's own name, a town after "de", a venue's town."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from test_discover_filters import found

from geomap.articles import load_articles, split_sentences
from geomap.discover import discover_mentions, load_lexicon, ner_available
from geomap.discover.finds import Finder
from geomap.discover.tokens import _tokens
from geomap.geocoders import GeoNamesIndex
from geomap.model import Article

STORIES = Path(__file__).parent / "data" / "stories"


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


def finds(index: GeoNamesIndex, text: str, people: list[str]) -> tuple[set[str], set[str], set[str]]:
    """One French article's candidate keys, persons and weak persons when NER calls ``people`` PER
    (the model's answer given as data, so the test does not hang on the model's version)."""
    a = Article(id="a", path=Path("a.txt"), text=text, language="fr", sentences=tuple(split_sentences(text)))
    ents = [(text.index(p), text.index(p) + len(p), "PER") for p in people]
    got = Finder(index, load_lexicon(), None, None).article(a, _tokens(text), frozenset(), ents)
    return {f.key for f in got.found}, set(got.persons), set(got.weak_persons)


@pytest.mark.parametrize(
    ("text", "person", "town"),
    [
        # Two hands: a travel brief's locative, a court reporter's hotel.
        ("Mercredi, le pape est arrivé à Tuxtla Gutiérrez, la capitale de l'État.", "Tuxtla Gutiérrez",
         "tuxtla gutierrez"),
        ("Le roi se repose ensuite une semaine, et Nusa Dua se frotte les mains.", "Nusa Dua", "nusa dua"),
        ("Le pape a renoncé à passer l'été à Castel Gandolfo.", "Castel Gandolfo", "castel gandolfo"),
    ],
)
def test_a_town_the_ner_model_calls_someone_is_a_place(index: GeoNamesIndex, text: str, person: str,
                                                       town: str) -> None:
    keys, persons, _ = finds(index, text, [person])
    assert town in keys
    assert town not in persons


@pytest.mark.parametrize(
    ("text", "person", "kept"),
    [
        ("Il a salué le mausolée de Hô Chi Minh.", "Hô Chi Minh", "ho chi minh"),  # a namesake's name, no locative
        ("Il a prié sur les pas de saint Paul.", "saint Paul", "saint paul"),  # not capitalised: a saint
    ],
)
def test_a_person_named_like_a_town_stays_a_person(index: GeoNamesIndex, text: str, person: str, kept: str) -> None:
    _, persons, _ = finds(index, text, [person])
    assert kept in persons  # and so dropped story-wide


@pytest.mark.parametrize(
    ("text", "person", "who", "town"),
    [
        ("Le duc d'Édimbourg l'accompagnait. Le couple est arrivé à Édimbourg jeudi.", "duc d'Édimbourg",
         "duc", "Édimbourg"),
        ("Il est passé par le lycée Lincoln de Tacoma. Il était venu à Tacoma en 1993.", "Lincoln de Tacoma",
         "lincoln", "Tacoma"),
    ],
)
def test_the_town_after_de_in_a_person_is_only_weakly_someone(index: GeoNamesIndex, text: str, person: str,
                                                              who: str, town: str) -> None:
    _, persons, weak = finds(index, text, [person])
    assert who in persons
    key = town.lower().replace("é", "e")
    assert key not in persons and key in weak


def test_the_words_that_cut_a_person_before_a_place_are_the_lexicons(index: GeoNamesIndex) -> None:
    # Language knowledge lives in data/discover.yaml: a lexicon without them keeps the whole name someone's.
    text = "Le duc d'Édimbourg l'accompagnait. Le couple est arrivé à Édimbourg jeudi."
    a = Article(id="a", path=Path("a.txt"), text=text, language="fr", sentences=tuple(split_sentences(text)))
    ents = [(text.index("duc"), text.index("duc") + len("duc d'Édimbourg"), "PER")]
    lex = replace(load_lexicon(), person_of=frozenset())
    got = Finder(index, lex, None, None).article(a, _tokens(text), frozenset(), ents)
    assert "edimbourg" in got.persons and "edimbourg" not in got.weak_persons


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Mercredi, il a visité l'usine Boeing d'Everett, au nord de la ville.", "Everett"),
        ("Le matin, visite de l'usine Toyota d'Onnaing, puis retour à Paris.", "Onnaing"),
    ],
)
def test_the_town_a_named_venue_stands_in_is_found(index: GeoNamesIndex, text: str, town: str) -> None:
    assert town in found(index, text, "fr")


@pytest.mark.parametrize(
    ("language", "text", "town"),
    [
        ("en", "Air Force One put down at RAF Mildenhall, the American-run base, on Wednesday.", "Mildenhall"),
        ("fr", "Il devait s'adresser aux militaires de la base aéronavale de Sigonella, dans l'est de l'île.",
         "Sigonella"),
        ("en", "The plane landed at Bagram Air Field shortly after 10 p.m. local time.", "Bagram"),
    ],
)
def test_an_air_station_named_after_its_town_is_found(index: GeoNamesIndex, language: str, text: str,
                                                      town: str) -> None:
    assert town in found(index, text, language)


@pytest.mark.skipif(not ner_available(), reason="spaCy French model not installed")
@pytest.mark.parametrize(
    ("folder", "town"),
    [("pope-mexico-2016-b", "Tuxtla Gutiérrez"), ("xi-usa-2015-b", "Tacoma"), ("xi-usa-2015-b", "Everett")],
)
def test_towns_the_ner_model_took_for_people_in_real_stories(index: GeoNamesIndex, folder: str, town: str) -> None:
    arts = load_articles(sorted((STORIES / folder).glob("*.txt")))
    assert town in {m.surface for m in discover_mentions(arts, [], index, use_ner=True)}


@pytest.mark.parametrize(
    ("language", "text", "refused"),
    [
        # An area or a river before "of"/"de" stands in no town: what follows is no place for it.
        ("en", "It was the first visit to the Emirates of Lula's third term.", "Lula"),
        ("en", "Tens of thousands marched separately through the capital to the Plaza de Mayo.", "Mayo"),
    ],
)
def test_an_area_before_of_is_no_venue_in_a_town(index: GeoNamesIndex, language: str, text: str, refused: str) -> None:
    assert refused not in found(index, text, language)


@pytest.mark.parametrize(
    ("text", "town", "refused"),
    [
        # A castle or a shrine is named after the town it stands in; a palace often after someone.
        ("On Sunday the president is expected at Windsor Castle for tea, then at Buckingham Palace.", "Windsor",
         "Buckingham"),
        ("The Queen's state banquet was held at Dublin Castle; the President is due at Knock Shrine today.",
         "Knock", None),
    ],
)
def test_a_castle_or_a_shrine_is_at_the_town_it_is_named_after(index: GeoNamesIndex, text: str, town: str,
                                                               refused: str | None) -> None:
    names = found(index, text, "en")
    assert town in names
    if refused is not None:
        assert refused not in names
