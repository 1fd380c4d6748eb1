"""A place heading its sentence after a day ("Samedi, Louisville, Kentucky.") is an itinerary's entry (FR and EN)."""

from __future__ import annotations

import datetime as dt

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


# --- an entry's heading read past markup, a spaced dash and a caption's number ----------------------------

@pytest.mark.parametrize(("text", "language", "day"), [
    ("Le roi Rolan part en tournée.\n\n**Samedi 22 juin.** Corin. Messe au stade.", "fr", dt.date(2024, 6, 25)),
    ("King Rolan tours.\n\n**Saturday, June 22.** Corin. Mass at the stadium.", "en", dt.date(2024, 6, 25)),
    ("Le roi Rolan part en tournée. Vendredi 22 mars, Corin — Entretien avec le premier ministre.", "fr",
     dt.date(2024, 3, 25)),
    ("Le roi Rolan part en tournée.\n\n**Photo 11.** Samedi 22 juin, Eyre Square, à Corin, sous un ciel bas.", "fr",
     dt.date(2024, 6, 25)),
    ("King Rolan tours.\n\nPhoto 3/7 — The same day, in Corin, a wreath-laying at the memorial.", "en",
     dt.date(2024, 6, 25)),
])
def test_an_entry_read_past_markup_dashes_and_captions(text: str, language: str, day: dt.date) -> None:
    assert has(text, language, "corin", "entry", date=day)


@pytest.mark.parametrize(("text", "language"), [
    # the bold day heads a sentence about someone in the place, not the place's line
    ("Le roi Rolan part en tournée.\n\n**Samedi 22 juin.** Le maire de Corin proteste.", "fr"),
    # a caption's place the photo does not stand at: the caption goes on about it
    ("King Rolan tours.\n\n**Photo 2.** Saturday, June 22, the mayor of Corin waits.", "en"),
])
def test_markup_and_captions_do_not_make_every_place_an_entry(text: str, language: str) -> None:
    assert not has(text, language, "corin", "entry", date=dt.date(2024, 6, 25))


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # fr, a weekly's chronology by another hand (held-out 15): "**Samedi 23 juin.** Boston."
    ("mandela-usa-1990-a", "**Samedi 23 juin.** Boston.", "Boston"),
    # fr, a photo gallery by another hand (held-out 15): "**Photo 11.** Samedi 29 juin, Eyre Square, à Galway"
    ("kennedy-ireland-1963-b", "Eyre Square", "Galway"),
    ("kennedy-ireland-1963-b", "**Photo 6.** Le même jour, à Wexford", "Wexford"),
    # fr, a diary by another hand (held-out 14): "Mercredi 22 mars, Varsovie — Entretien avec …"
    ("kishida-kyiv-2023-b", "Mercredi 22 mars, Varsovie", "Varsovie"),
])
def test_headed_entries_in_stories_by_different_hands(folder: str, sentence: str, name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and all(e.features.get("entry") for e in told)
