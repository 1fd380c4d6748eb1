"""What the text itself says about a capitalised name: a person's, an object's, a venue's, or a town's."""

from __future__ import annotations

import pytest
from test_discover_filters import found

from geomap.discover import ner_available
from geomap.geocoders import GeoNamesIndex


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        # An object word, then a preposition: the name is where the object goes, not its name.
        ("fr", "Dans l'après-midi, il a repris l'avion pour Londres.", "Londres"),
        ("fr", "Le président a été conduit en voiture à Rzeszów, dans le sud-est.", "Rzeszów"),
        ("fr", "Il a repris l'avion depuis Tarbes pour Belgrade.", "Tarbes"),
        # A name before a venue word says where the venue is.
        ("en", "He met survivors in a Tel Aviv hotel. Hours after leaving Tel Aviv, he spoke.", "Tel Aviv"),
        ("en", "They dined at a Kyiv restaurant, then left Kyiv by train.", "Kyiv"),
    ],
)
def test_object_and_venue_words_do_not_hide_the_town(index: GeoNamesIndex, language: str, text: str, place: str) -> None:
    assert place in found(index, text, language)


def test_an_object_named_after_a_place_is_still_an_object(index: GeoNamesIndex) -> None:
    assert "Angara" not in found(index, "La fusée russe Angara a décollé. Le lancement de l'Angara a réussi.", "fr")


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("Brazilian President Luiz Inácio Lula da Silva arrived. The summit was a personal project for Lula.", "Lula"),
        ("He held talks with Angolan President João Lourenço. It was a success for Lourenço.", "Lourenço"),
    ],
)
def test_a_title_inside_a_run_makes_the_rest_a_person(index: GeoNamesIndex, text: str, person: str) -> None:
    assert person not in found(index, text, "en")


def _a_person_not_a_place(index: GeoNamesIndex, language: str, text: str, person: str, kept: str) -> None:
    """``person`` is no place found in ``text`` and ``kept`` is one (French read with its NER, as a build does)."""
    if language == "fr" and not ner_available():
        pytest.skip("the French NER model is not installed")
    names = found(index, text, language, use_ner=language == "fr")
    assert kept in names and person not in names


@pytest.mark.parametrize(
    ("language", "text", "person", "kept"),
    [
        # A spouse's first name is a small town's somewhere (NER calls this one a place): here, a person.
        ("fr", "Le président est venu à Lille avec son épouse Florence. Florence a rejoint Lille ensuite.",
         "Florence", "Lille"),
        ("en", "She reached Denver with her husband Royal. Talks between Royal and the governor went well.",
         "Royal", "Denver"),
    ],
)
def test_a_spouse_named_beside_the_traveller_is_a_person(index: GeoNamesIndex, language: str, text: str,
                                                         person: str, kept: str) -> None:
    _a_person_not_a_place(index, language, text, person, kept)


@pytest.mark.parametrize(
    ("language", "text", "person", "kept"),
    [
        # A title's abbreviation ends no sentence: its full stop is no bar between the title and the name.
        ("en", "He toured the campus with Mr. Bill Gates in Seattle. The evening belonged to Gates again.",
         "Gates", "Seattle"),
        ("en", "Gen. Royal met the minister in Denver. Talks between Royal and the minister went well.", "Royal",
         "Denver"),
        ("fr", "M. Florence a reçu le ministre à Lille. Florence a rejoint Lille ensuite.", "Florence", "Lille"),
    ],
)
def test_a_name_after_a_titles_abbreviation_is_a_person(index: GeoNamesIndex, language: str, text: str,
                                                        person: str, kept: str) -> None:
    _a_person_not_a_place(index, language, text, person, kept)


@pytest.mark.parametrize(
    ("language", "text", "word"),
    [
        ("en", "Hamas blames an Israeli strike for the blast. Israel says Hamas is wrong.", "Hamas"),
        ("en", "The pope was greeted by Marcelo Rebelo de Sousa on the tarmac.", "Sousa"),
    ],
)
def test_a_small_towns_alternate_name_is_no_evidence(index: GeoNamesIndex, language: str, text: str, word: str) -> None:
    # "Hamas" is an alternate name of Hamm (180,000 people), "Sousa" one of Sousse's (220,000).
    assert word not in found(index, text, language)


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("fr", "Londres a salué la décision.", "Londres"),  # a world city's foreign name is well known
        ("en", "The talks were held between Muenster and Osnabrueck.", "Osnabrueck"),  # umlaut written out
        ("fr", "Le convoi a quitté Oulan-Bator mardi.", "Oulan-Bator"),  # French "ou" for "u"
    ],
)
def test_well_known_and_respelt_names_still_vouch(index: GeoNamesIndex, language: str, text: str, place: str) -> None:
    assert place in found(index, text, language)


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("fr", "Au Caire, les autorités égyptiennes disent être prêtes.", "Caire"),
        ("fr", "Antony Blinken a enchaîné Riyad, Doha, Le Caire et Abou Dhabi.", "Caire"),
        ("fr", "La Cour pénale internationale siège à La Haye.", "Haye"),
    ],
)
def test_a_town_whose_french_name_holds_the_article(index: GeoNamesIndex, language: str, text: str, place: str) -> None:
    assert any(place in name for name in found(index, text, language))


@pytest.mark.parametrize(
    ("text", "venue"),
    [
        ("Dans l'aula Magna, François répond à une lettre des étudiants.", "Magna"),
        ("Vladimir Poutine a été accueilli sur la place Sükhbaatar, au cœur de la capitale.", "Sükhbaatar"),
    ],
)
def test_halls_parks_and_squares_name_their_venue(index: GeoNamesIndex, text: str, venue: str) -> None:
    if not ner_available():
        pytest.skip("the French NER model is not installed")
    assert venue not in found(index, text, "fr", use_ner=True)  # NER calls them places


@pytest.mark.parametrize(
    "text",
    [
        "Kiev avait demandé aux autorités mongoles d'interpeller leur visiteur.",
        "Washington a salué la libération des otages.",
    ],
)
def test_a_capital_standing_for_its_government_stays_a_place(index: GeoNamesIndex, text: str) -> None:
    # The small French model calls such a subject a person; a capital's name outweighs it.
    if not ner_available():
        pytest.skip("the French NER model is not installed")
    assert text.split()[0] in found(index, text, "fr", use_ner=True)


@pytest.mark.parametrize(
    ("language", "text", "place"),
    [
        ("en", "Russian shells fired at Kharkiv and Pokrovsk continued to kill civilians.", "Pokrovsk"),
        ("fr", "Les frappes ont touché des immeubles à Odessa, Pokrovsk et Kharkiv.", "Pokrovsk"),
    ],
)
def test_a_locative_governs_the_names_it_enumerates(index: GeoNamesIndex, language: str, text: str, place: str) -> None:
    # Pokrovsk (60,000 people) needs evidence: the locative before the list's first name.
    assert place in found(index, text, language)
    assert place not in found(index, f"Hier soir {place} a été bombardée." if language == "fr"
                               else f"Yesterday {place} was shelled.", language)


def test_a_comma_alone_is_no_list(index: GeoNamesIndex) -> None:
    # "Lula" (a hamlet in Georgia, US) after "à São Tomé," is the subject, not a second place.
    assert "Lula" not in found(index, "Dimanche, à São Tomé, Lula a participé au sommet.", "fr")
