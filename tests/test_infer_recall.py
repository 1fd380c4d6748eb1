"""Stops the evidence missed: a place's own past, a dateline's country, a stop told as a noun, verb forms (FR, EN)."""

from __future__ import annotations

import pytest
from storyutil import gold_evidence
from test_infer import evidence, has
from test_infer_clause_time import story_evidence

from geomap.model import Place


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan s'est rendu à Corin, la ville où des milliers de civils avaient été tués il y a un an.", "fr"),
    ("Rolan travelled to Corin, the town where hundreds of civilians were killed a year ago.", "en"),
    ("Rolan est arrivé à Corin, une ville dont les habitants ont fui en 2014.", "fr"),
    ("Rolan prayed in Avel. The helicopter then took him to Corin, a town whose people fled in 2014.", "en"),
])
def test_a_clause_describing_the_place_tells_its_past_not_the_moves(text: str, language: str) -> None:
    # The move reaches Corin from before it; "a year ago" and "2014" are what happened there once.
    assert has(text, language, "corin", "move")
    assert not any(has(text, language, "corin", f) for f in ("past", "past_year", "verb_past"))


@pytest.mark.parametrize(("text", "language"), [
    ("À Corin, où il était venu il y a un an, Rolan a prié.", "fr"),
    ("In Corin, where he came a year ago, Rolan prayed.", "en"),
])
def test_with_no_move_reaching_the_place_its_where_clause_still_tells_an_earlier_time(text: str, language: str) -> None:
    assert has(text, language, "corin", "past")


def test_a_clause_describing_the_place_in_real_stories() -> None:
    # "Kishida travelled to Bucha, the town … where the bodies … were found after Russian troops withdrew
    # a year ago"; "Francis has landed at Mytilene on Lesbos, the island … where he came in April 2016";
    # "The helicopter then took him to Qaraqosh, … whose inhabitants fled in 2014".
    for folder, surface, words in (("kishida-kyiv-2023", "Bucha", "travelled to"),
                                   ("pope-cyprus-greece-2021", "Mytilene", "has landed at"),
                                   ("pope-iraq-2021-b", "Qaraqosh", "took him to")):
        [e] = story_evidence(folder, surface, words)
        assert e.features.get("move"), (folder, e.features)
        assert not any(e.features.get(f) for f in ("past", "past_year", "verb_past")), (folder, e.features)


# --- a wire dateline's place is its first: "CITY, Country (Agency) —" ---------------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("CORIN, Xland (Agence) — Rolan a rencontré vendredi le président de Xland.", "fr"),
    ("CORIN, Xland (Agency) — Rolan met the president of Xland on Friday.", "en"),
])
def test_a_datelines_country_qualifies_its_city(text: str, language: str) -> None:
    assert has(text, language, "corin", "dateline") and not has(text, language, "xland", "dateline")


def test_a_datelines_country_in_real_stories() -> None:
    # "RAMSTEIN AIR BASE, Germany (Wire) —", "HANOI, Vietnam (IPW) —": the dispatch is from the base, the city.
    for folder, city, country, code in (("biden-israel-2023", "RAMSTEIN AIR BASE", "Germany", "DE"),
                                        ("obama-vietnam-japan-2016", "HANOI", "Vietnam", "VN")):
        arts, found = gold_evidence(folder, Place(country, country, "country", 0.0, 0.0, code))
        first = [e for e in found if e.start < 60 and arts[e.article].text[: len(city)] == city]
        assert {arts[e.article].text[e.start : e.end].upper() for e in first if e.features.get("dateline")} == {city}
        assert any(e.place_id == country for e in first)


# --- a stop told as a noun: "his stop in X", "l'étape de X" ------------------------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("Rolan a quitté Avel mardi. Après une courte étape à Corin, il a gagné Borna.", "fr"),
    ("Rolan left Avel on Tuesday. His first stop was Corin, where crowds waited for hours.", "en"),
    ("Rolan left Avel on Tuesday, with a stop in Corin before the night flight.", "en"),
])
def test_a_stop_told_as_a_noun(text: str, language: str) -> None:
    assert has(text, language, "corin", "doings")


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan a demandé à Borna de stopper Corin.", "fr"),
    ("Rolan asked Borna to stop Corin from closing the border.", "en"),
])
def test_stop_as_a_verb_is_no_visit(text: str, language: str) -> None:
    assert not has(text, language, "corin", "doings")


def test_a_stop_told_as_a_noun_in_real_stories() -> None:
    # "The first stop was Wilmington, where several thousand people had waited"; "C'est Canberra qui a
    # fourni l'avion pour l'étape de Vanimo".
    for folder, surface, words in (("obama-train-2009", "Wilmington", "first stop was"),
                                   ("pope-asia-2024", "Vanimo", "l'étape de")):
        [e] = story_evidence(folder, surface, words)
        assert e.verb == "visit", (folder, e.features)


# --- a stop or take-off told as a noun: "a layover in X", "première halte à X", "décollage de X" -----

@pytest.mark.parametrize(("text", "language", "kind"), [
    ("Rolan left Avel on Tuesday. After a layover of two and a half hours in Corin, he landed in Borna.", "en", "cross"),
    ("Rolan flew home on Thursday, this time with a layover in Corin.", "en", "cross"),
    ("Rolan a quitté Avel mardi. La première halte a eu lieu à Corin, sous la pluie.", "fr", "visit"),
    ("Rolan est arrivé lundi à Avel. Sortie discrète la veille au soir ; décollage de Corin, escale à Dalm.", "fr",
     "depart"),
    ("Rolan flew to Avel. On the way back he stopped for lunch in Corin.", "en", "visit"),
])
def test_a_stop_or_take_off_told_as_a_noun(text: str, language: str, kind: str) -> None:
    assert [e.verb for e in evidence(text, language)["corin"]] == [kind]


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan said the layover rules at Avel airport would change; Corin was not discussed.", "en"),
    ("Rolan a appelé à une halte des combats. Corin a refusé.", "fr"),
    ("Rolan stopped short of an apology to Corin.", "en"),
])
def test_a_stop_noun_or_verb_not_reaching_the_place(text: str, language: str) -> None:
    assert not any(e.verb for e in evidence(text, language)["corin"])


@pytest.mark.parametrize(("text", "language"), [
    ("We saw crowds at Avel, then at Corin, where he stopped for a longer reception.", "en"),
    ("Rolan a salué la foule à Avel, puis à Corin, où le cortège s'est arrêté plus longuement.", "fr"),
])
def test_where_the_traveller_stopped(text: str, language: str) -> None:
    assert has(text, language, "corin", "where_verb")


def test_a_stop_or_take_off_told_as_a_noun_in_real_stories() -> None:
    # Four hands: "After a layover of two and a half hours in Atlanta" (a newsletter), "décollage de Waco ;
    # escale à la base d'Andrews" (a French retelling), "La première halte a eu lieu à Donnacona" (a French
    # report), "then at Trois-Rivières, where he stopped for a longer reception" (an English letter).
    for folder, surface, words, kind in (("amlo-washington-2020-a", "Atlanta", "layover of two", "cross"),
                                         ("bush-baghdad-2003-b", "Waco", "décollage de", "depart"),
                                         ("degaulle-quebec-1967-a", "Donnacona", "première halte", "visit")):
        [e] = story_evidence(folder, surface, words)
        assert e.verb == kind and not e.features.get("other_subject"), (folder, e.verb, e.features)
    [e] = story_evidence("degaulle-quebec-1967-b", "Trois-Rivières", "then at ")
    assert e.features.get("where_verb"), e.features


# --- a diary's or a caption's place of the day: "Pékin, mardi soir." -----------------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est parti jeudi. Corin (Xland), vendredi 10 mai. Sur la base, il se repose.", "fr"),
    ("Corin, le 8 mai 2024, matin", "fr"),
    ("Rolan left Avel. Corin, 8 May 2024", "en"),
])
def test_a_place_and_its_day_alone_are_an_entry(text: str, language: str) -> None:
    assert has(text, language, "corin", "entry")


@pytest.mark.parametrize(("text", "language"), [
    ("Corin, où il est arrivé mardi.", "fr"),
    ("Corin, il a parlé mardi.", "fr"),
    ("Corin said on Friday that the border would stay shut.", "en"),
    ("Rolan est parti jeudi. Corin (Xland), vendredi 10 mai. Sur la base, il se repose.", "fr"),
])
def test_a_place_with_more_than_its_day_is_no_entry(text: str, language: str) -> None:
    pid = "xland" if "Xland" in text else "corin"  # the qualifier in parentheses is not the line's place
    assert not has(text, language, pid, "entry")


def test_a_place_and_its_day_alone_in_real_stories() -> None:
    # Three hands: a French photo caption "Kaneohe (Hawaï), vendredi 18 février.", an English diary's
    # "Ufa, 8 July 2015", a French letter's "Split, le 28 juin 1992, matin".
    for folder, surface, words in (("nixon-china-1972-a", "Kaneohe", "Photo 2. "),
                                   ("modi-central-asia-2015-a", "Ufa", ""),
                                   ("mitterrand-sarajevo-1992-a", "Split", "")):
        found = [e for e in story_evidence(folder, surface, words) if e.features.get("entry")]
        assert found, folder


# --- a move told by a trip noun: "the short hop to X", "puis vol vers X" ------------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est à bord de son hélicoptère pour le court trajet vers Corin.", "fr"),
    ("Mercredi soir, vol vers Corin, la capitale économique.", "fr"),
    ("The president is on his helicopter for the short hop to Corin.", "en"),
    ("Then a short flight to Corin for a state visit on Sunday.", "en"),
])
def test_a_trip_noun_before_its_to_word_tells_a_move(text: str, language: str) -> None:
    assert has(text, language, "corin", "move")


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan a regagné Avel dimanche, au terme d'un voyage en Corin.", "fr"),
    ("Rolan landed in Avel, ending a tour of Corin.", "en"),
    ("The flight of Corin's team was delayed.", "en"),
])
def test_a_trip_noun_with_no_to_word_is_no_move_to_its_place(text: str, language: str) -> None:
    assert not has(text, language, "corin", "move")


def test_a_move_told_by_a_trip_noun_in_real_stories() -> None:
    # Two hands: "The president is on Marine One for the short hop to Jerusalem"; "Then a short hop to
    # Hanoi for a state visit on Sunday".
    for folder, surface, words in (("trump-middle-east-europe-2017-a", "Jerusalem", "short hop to"),
                                   ("trump-asia-2017-b", "Hanoi", "short hop to")):
        [e] = story_evidence(folder, surface, words)
        assert e.features.get("move") and e.verb == "head", (folder, e.verb, e.features)


@pytest.mark.parametrize(("text", "language"), [
    ("Then it is on to Corin, Avel and Borna: a long course.", "en"),
    ("Rolan goes on to Corin on Friday.", "en"),
])
def test_the_trip_going_on_to_its_next_place(text: str, language: str) -> None:
    assert has(text, language, "corin", "move")


def test_the_trip_going_on_to_its_next_place_in_real_stories() -> None:
    # Two hands: "Then it is on to Seoul, Beijing, Da Nang and Manila"; "He goes on to Iqaluit, in Nunavut,
    # on Friday".
    for folder, surface, words in (("trump-asia-2017-b", "Beijing", "it is on to Seoul, "),
                                   ("pope-canada-2022-b", "Iqaluit", "goes on to")):
        [e] = story_evidence(folder, surface, words)
        assert e.features.get("move"), (folder, e.verb, e.features)


# --- a verb's forms: "reaching", "had flown in … from" ------------------------------------------------

@pytest.mark.parametrize(("text", "language", "pid"), [
    ("Rolan rode all night, reaching the border town of Corin before dawn.", "en", "corin"),
    ("Rolan had flown in late on Monday from Corin, where he spent the day.", "en", "corin"),
    ("Rolan a roulé toute la nuit, atteignant la ville de Corin à l'aube.", "fr", "corin"),
])
def test_reaching_and_flown_in(text: str, language: str, pid: str) -> None:
    assert has(text, language, pid, "move")


def test_reaching_and_flown_in_in_real_stories() -> None:
    # "Kishida crossed the border by train and rode through the night-darkened Ukrainian countryside,
    # reaching Kyiv on Tuesday"; "He had flown in late on Monday from Kyzyl".
    for folder, surface, words in (("kishida-kyiv-2023", "Kyiv", "reaching"),
                                   ("putin-mongolia-2024-b", "Kyzyl", "flown in")):
        [e] = story_evidence(folder, surface, words)
        assert e.verb == "arrive", (folder, e.features)


@pytest.mark.parametrize(("text", "kind"), [
    ("En fin d'après-midi, l'avion de Rolan décollait pour Corin.", "head"),
    ("Le soir même, l'avion de Rolan atterrissait à Corin, où le président l'attendait.", "arrive"),
    ("Le lendemain, Rolan quittait Corin.", "depart"),
    ("Dans la nuit, Rolan regagnait Corin.", "return"),
])
def test_a_travel_verb_in_the_imperfect(text: str, kind: str) -> None:
    [e] = evidence(text, "fr")["corin"]
    assert e.verb == kind and (e.features.get("move") or e.features.get("leave")), (e.verb, e.features)


def test_a_travel_verb_in_the_imperfect_in_real_stories() -> None:
    # Three hands: "En fin d'après-midi, Air Force One décollait pour Buenos Aires."; "Le soir même, l'avion
    # papal atterrissait à Mexico"; "Le même dimanche, le souverain atterrissait à Tokyo".
    for folder, surface, words, kind in (("obama-cuba-argentina-2016-b", "Buenos Aires", "décollait pour", "head"),
                                         ("pope-mexico-2016-b", "Mexico", "atterrissait à", "arrive"),
                                         ("salman-asia-2017-b", "Tokyo", "atterrissait à", "arrive")):
        [e] = story_evidence(folder, surface, words)
        assert e.verb == kind and e.features.get("move"), (folder, e.verb, e.features)


# --- "avant de reprendre l'avion pour X": the infinitive of "a pris l'avion pour" ----------------------

@pytest.mark.parametrize("text", [
    "Rolan a prié à Avel, avant de reprendre l'avion pour Corin.",
    "Rolan a salué la foule d'Avel avant de prendre le train pour Corin.",
])
def test_taking_the_plane_or_train_for_a_place_in_the_infinitive(text: str) -> None:
    assert has(text, "fr", "corin", "move")


def test_taking_the_plane_for_a_place_in_the_infinitive_in_real_stories() -> None:
    # Two hands, both the flight home: "Quelques heures de calme, loin des manifestants …, avant de
    # reprendre l'avion pour Washington"; "… à Maroussi, avant de reprendre l'avion pour Rome".
    for folder, surface in (("obama-cuba-argentina-2016-b", "Washington"), ("pope-cyprus-greece-2021-b", "Rome")):
        [e] = story_evidence(folder, surface, "reprendre l'avion pour")
        assert e.verb == "arrive", (folder, e.features)


# --- "À X, il a …": the place opening its sentence as the scene of the traveller's doings ---------------

@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Avel. Le mardi, à Corin, ville du nord, il a appelé les jeunes à la paix.", "fr"),
    ("Rolan est arrivé lundi à Avel. À Corin, M. Rolan a déposé des fleurs.", "fr"),
    ("Rolan arrived in Avel on Monday. On Tuesday, in Corin, a northern town, he urged the young to keep the peace.", "en"),
    ("Rolan arrived in Avel on Monday. In Corin he laid flowers at the memorial.", "en"),
])
def test_a_place_opening_its_sentence_before_the_travellers_doings(text: str, language: str) -> None:
    assert has(text, language, "corin", "doings")


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan arrived in Avel on Monday. In Corin, a local minister said he would resign.", "en"),
    ("Rolan est arrivé lundi à Avel. À Corin, ils ont manifesté contre la visite.", "fr"),
    ("Rolan arrived in Avel on Monday. In Corin, Dalm Hestor met the press. Dalm Hestor flew to Eska.", "en"),
    ("Rolan est arrivé lundi à Avel. Il a prié à Corin.", "fr"),
])
def test_no_scene_when_someone_else_or_no_one_is_its_subject(text: str, language: str) -> None:
    # A pronoun inside a clause, a group, another person's name; and a place not opening its sentence.
    assert not has(text, language, "corin", "doings")


def test_a_place_opening_its_sentence_before_the_travellers_doings_in_real_stories() -> None:
    # Three hands, FR and EN: "Le mardi, à Morelia, capitale du Michoacán, il a appelé les jeunes …";
    # "À Boutcha, il a déposé des fleurs."; "In Harbin, Putin opened the fair with Vice President …".
    for folder, surface, words in (("pope-mexico-2016-b", "Morelia", "Le mardi, à"),
                                   ("kishida-kyiv-2023-b", "Boutcha", "À "),
                                   ("putin-china-2024-b", "Harbin", "In ")):
        found = story_evidence(folder, surface, words)
        assert any(e.features.get("doings") for e in found), (folder, [e.features for e in found])


# --- an airline's plane is the traveller's: "His Sarnair plane took off from X" ------------------------

@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Corin. L'avion de la compagnie Sarnair, parti d'Avel à l'aube, s'est posé à midi.", "fr"),
    ("Rolan arrived in Corin on Monday. His Sarnair plane took off from Avel at dawn.", "en"),
])
def test_a_plane_an_airline_names_is_the_travellers(text: str, language: str) -> None:
    [e] = evidence(text, language, traveller="Rolan")["avel"]
    assert e.verb == "depart" and not e.features.get("other_subject"), (e.verb, e.features)


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Corin. L'avion de Ivo Marek, parti d'Avel, s'est posé peu après.", "fr"),
    ("Rolan arrived in Corin on Monday. The plane of Ivo Marek took off from Avel soon after.", "en"),
])
def test_a_plane_a_persons_name_goes_with_is_theirs(text: str, language: str) -> None:
    assert has(text, language, "avel", "other_subject", traveller="Rolan")


def test_a_plane_an_airline_names_in_real_stories() -> None:
    # Three hands: "Le Boeing 707 de la compagnie colombienne Avianca, parti de l'aéroport romain de Fiumicino";
    # "L'avion de l'Alitalia a quitté Fiumicino"; "The Alitalia plane left for Rome": the pope's own flights.
    for folder, surface, words in (("paulvi-colombia-1968-a", "aéroport romain de Fiumicino", "parti de"),
                                   ("benedict-brazil-2007-a", "Fiumicino", "a quitté"),
                                   ("benedict-brazil-2007-b", "Rome", "left for")):
        [e] = story_evidence(folder, surface, words)
        assert not e.features.get("other_subject") and e.verb in ("depart", "head"), (folder, e.verb, e.features)
