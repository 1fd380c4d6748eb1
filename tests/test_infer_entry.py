"""A place heading its sentence after a day ("Samedi, Louisville, Kentucky.") is an itinerary's entry (FR and EN)."""

from __future__ import annotations

import pytest
from storyutil import told_in
from test_infer import evidence


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
