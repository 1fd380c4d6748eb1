"""Discovery's function words come from its lexicon (data/discover.yaml): without them the rules they serve stop."""

from __future__ import annotations

from dataclasses import replace

import pytest
from storyutil import one_article

from geomap.discover import kind_hint, load_lexicon
from geomap.discover.finds import Finder
from geomap.discover.lexicon import Lexicon
from geomap.discover.tokens import _tokens
from geomap.geocoders import GeoNamesIndex
from geomap.geocoders.airport_index import core


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


@pytest.mark.parametrize(("text", "name"), [
    ("Il a prié à la basilique de Guadalupe.", "Guadalupe"),
    ("Il a visité le palais de l'Élysée.", "Élysée"),
    ("He spoke at the Palace of the Nations.", "Nations"),
])
def test_a_venue_cue_reaches_its_name_across_the_lexicons_name_glue(index: GeoNamesIndex, text: str, name: str) -> None:
    start = text.index(name)
    lex = load_lexicon()
    assert Finder(index, lex, None, None).not_a_place(text, start, start + len(name))
    bare = replace(lex, name_glue=frozenset())
    assert not Finder(index, bare, None, None).not_a_place(text, start, start + len(name))


def test_a_kind_cue_reaches_the_place_it_stands_at_across_the_lexicons_site_glue() -> None:
    text = "The plane refuelled at the air base at Ramstein on Monday."
    start = text.index("Ramstein")
    a = one_article(text, "en")
    assert kind_hint(a, start, start + len("Ramstein"), load_lexicon()) == "air base"
    assert kind_hint(a, start, start + len("Ramstein"), replace(load_lexicon(), site_glue=frozenset())) is None


@pytest.mark.parametrize(("text", "expected"), [
    ("aéroport d'Orly", "orly"),  # name glue
    ("the air base at Ramstein", "ramstein"),  # site glue
])
def test_an_airfield_names_edges_are_the_lexicons_glue(text: str, expected: str) -> None:
    lex = load_lexicon()
    assert lex.name_glue and lex.site_glue
    assert core(text) == expected


def finds(index: GeoNamesIndex, text: str, lex: Lexicon) -> dict[str, bool]:
    """The candidate keys of one article (no NER), each with whether evidence stands by it."""
    a = one_article(text, "fr" if " de " in text else "en")
    return {f.key: f.evidence for f in Finder(index, lex, None, None).article(a, _tokens(text), frozenset(), []).found}


@pytest.mark.parametrize("text", [
    "Il a parlé aux étudiants de l'université de Montréal.",
    "He spoke to students at the university of Montreal.",
])
def test_an_organisation_of_a_place_names_it_by_the_lexicons_seat_words(index: GeoNamesIndex, text: str) -> None:
    assert "montreal" in finds(index, text, load_lexicon())
    assert "montreal" not in finds(index, text, replace(load_lexicon(), seat_of=frozenset()))


@pytest.mark.parametrize("text", [
    "Selon le maire de Kherson, la ville tient.",
    "According to the mayor of Kherson, the city holds.",
])
def test_an_office_over_a_place_is_evidence_by_the_lexicons_seat_words(index: GeoNamesIndex, text: str) -> None:
    assert finds(index, text, load_lexicon())["kherson"]
    assert not finds(index, text, replace(load_lexicon(), seat_of=frozenset()))["kherson"]


@pytest.mark.parametrize("text", [
    "Zelensky went to Kharkiv and Pokrovsk on Friday.",
    "Zelensky s'est rendu à Kharkiv et Pokrovsk vendredi.",
])
def test_a_list_of_names_is_told_by_the_lexicons_enumerating_words(index: GeoNamesIndex, text: str) -> None:
    # Listed, each name is apart and the locative before the first governs the next; unlisted, the
    # word binds the two into one name GeoNames does not know.
    assert finds(index, text, load_lexicon()) == {"kharkiv": True, "pokrovsk": True}
    assert not finds(index, text, replace(load_lexicon(), enumerating=frozenset())).get("pokrovsk")


@pytest.mark.parametrize(("text", "town"), [
    ("He drove to the Kharkiv front on Monday.", "kharkiv"),
    ("The column reached the Bakhmut outskirts at dawn.", "bakhmut"),
])
def test_a_locative_governs_a_name_across_the_lexicons_definite_articles(index: GeoNamesIndex, text: str,
                                                                         town: str) -> None:
    assert finds(index, text, load_lexicon())[town]
    assert not finds(index, text, replace(load_lexicon(), definite_articles=frozenset()))[town]


@pytest.mark.parametrize(("text", "name"), [
    ("Les troupes ont quitté la route d'Irpin.", "irpin"),
    ("Lorsqu'Ankara a répondu, la séance était levée.", "ankara"),
])
def test_an_elided_word_of_data_elisions_is_cut_from_the_name_after_it(text: str, name: str) -> None:
    # data/elisions.yaml, which mentions.py reads too: the name is a token of its own.
    assert name in [t.key for t in _tokens(text) if t.cap]


@pytest.mark.parametrize(("text", "after_title", "opening"), [
    ("On Monday Mr. Rolan visited St. Corin with Gen. Dalm. Avel was quiet.", ("rolan", "corin", "dalm"), "avel"),
    ("Lundi, M. Rolan a visité St. Corin avec Mme. Dalm. Avel était calme.", ("rolan", "corin", "dalm"), "avel"),
])
def test_a_word_after_an_abbreviations_full_stop_does_not_open_a_sentence(text: str, after_title: tuple[str, ...],
                                                                         opening: str) -> None:
    # "St. Louis", "M. Khrouchtchev": data/abbreviations.yaml's words end no sentence, so the capital is a name's.
    initial = {t.key: t.initial for t in _tokens(text)}
    assert not any(initial[key] for key in after_title) and initial[opening]


@pytest.mark.parametrize(("text", "agency"), [
    ("ST. CORIN, Xl. (Reuters) — President Rolan arrived on Tuesday.", "reuters"),
    ("CORIN (Xland), 3 sept. (Reuters) - Le président Rolan est arrivé mardi.", "reuters"),
])
def test_a_datelines_full_stop_does_not_open_a_sentence(text: str, agency: str) -> None:
    # The state's or the month's abbreviation closing a wire dateline ends no sentence (geomap.sentences):
    # the agency's credit after it is no sentence's first word.
    assert not {t.key: t.initial for t in _tokens(text)}[agency]
