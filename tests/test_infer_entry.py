"""A place heading its sentence after a day ("Samedi, Louisville, Kentucky.") is an itinerary's entry (FR and EN)."""

from __future__ import annotations

import pytest
from storyutil import told_in
from test_infer import evidence, has


@pytest.mark.parametrize(("text", "language"), [
    ("Vendredi 10 mai, Corin. Le roi visite le musée puis dîne avec le maire.", "fr"),
    ("Vendredi : Corin, au bord du fleuve. Messe en plein air.", "fr"),
    ("Friday, May 10: Corin. The king tours the museum and dines with the mayor.", "en"),
])
def test_a_place_heading_its_sentence_after_a_day_is_an_entry(text: str, language: str) -> None:
    assert all(e.features.get("entry") for e in evidence(text, language)["corin"])


@pytest.mark.parametrize(("text", "language"), [
    ("Vendredi, Corin a annoncé son soutien au roi.", "fr"),
    ("On Friday, Corin announced its support for the king.", "en"),
    ("Vendredi, le roi a parlé de Corin.", "fr"),
    # an hour alone heads a live blog's news, not a day's place
    ("14h15 – À Corin, l'agence officielle consacre de longues pages au voyage.", "fr"),
])
def test_a_place_the_sentence_goes_on_about_is_no_entry(text: str, language: str) -> None:
    assert not any(e.features.get("entry") for e in evidence(text, language)["corin"])


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # fr, by another hand (held-out 7): an itinerary's entries, "Samedi, Louisville, Kentucky."
    ("queen-usa-2007-a", "Samedi, Louisville", "Louisville"),
    # fr, by another hand (held-out 5): "Vendredi : Puerto Maldonado, en Amazonie, puis retour à Lima."
    ("pope-chile-peru-2018-b", "Vendredi : Puerto Maldonado", "Puerto Maldonado"),
])
def test_itinerary_entries_in_stories_by_different_hands(folder: str, sentence: str, name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and all(e.features.get("entry") for e in told)


@pytest.mark.parametrize(("text", "language"), [
    ("Le roi est arrivé lundi à Avel. À Corin, entretien avec le maire, puis dîner.", "fr"),
    ("Le roi est arrivé lundi à Avel. Le soir à Corin : sommet et dîner d'État.", "fr"),
    ("The king arrived in Avel on Monday. In Corin, first, a meeting with the mayor.", "en"),
])
def test_an_itinerary_line_opening_on_a_place_and_a_doing_is_an_entry(text: str, language: str) -> None:
    assert has(text, language, "corin", "entry")


@pytest.mark.parametrize(("text", "language"), [
    # the place's people react: told of X, not of a stop there
    ("Le roi est arrivé lundi à Avel. À Corin, la visite a été critiquée par l'opposition.", "fr"),
    ("Le roi est arrivé lundi à Avel. À Corin, on souligne la portée du voyage.", "fr"),
    ("The king arrived in Avel on Monday. In Corin, the visit was criticised by the opposition.", "en"),
])
def test_a_place_opening_on_its_peoples_reaction_is_no_entry(text: str, language: str) -> None:
    assert not has(text, language, "corin", "entry")


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # three hands: "À Gaborone, entretien avec le président …" (held-out 11), "À Caen, d'abord, un tête-à-tête
    # à la préfecture …" (held-out 10), "- Le soir à Séoul : sommet et dîner d'État …"
    ("clinton-africa-1998-b", "À Gaborone, entretien", "Gaborone"),
    ("obama-cairo-2009-a", "À Caen, d'abord", "Caen"),
    ("trump-asia-2017-a", "Le soir à Séoul", "Séoul"),
])
def test_itinerary_lines_without_a_day_in_stories_by_different_hands(folder: str, sentence: str, name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and all(e.features.get("entry") for e in told)
