"""The traveller's doings at a place with no travel verb reaching it: told before the place, or after it as its scene."""

from __future__ import annotations

import pytest
from test_infer import has
from test_infer_clause_time import story_evidence

# --- "What did he do in X?": the traveller the subject of the clause the place ends ---------------------


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Avel. Mardi, Rolan a béni la foule réunie à Corin.", "fr"),
    ("Rolan est arrivé lundi à Avel. Il a prié longuement à Corin.", "fr"),
    ("Rolan arrived in Avel on Monday. What did he do in Corin?", "en"),
    ("Rolan arrived in Avel on Monday. - 09:15 — Rolan and family bow their heads at the temple in Corin", "en"),
])
def test_the_travellers_doings_told_before_the_place(text: str, language: str) -> None:
    assert has(text, language, "corin", "acts")


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Avel. Dalm Hestor a prié à Corin.", "fr"),
    ("Rolan arrived in Avel on Monday. Thousands of pilgrims prayed in Corin.", "en"),
    ("Rolan arrived in Avel on Monday. They prayed in Corin.", "en"),
    ("Rolan arrived in Avel on Monday. He prayed for the people of Corin.", "en"),
])
def test_no_doings_told_before_the_place_when_someone_else_does_them_or_no_in_at(text: str, language: str) -> None:
    # Another person's name, a crowd, a group's pronoun; and a place with no "in/at" before it.
    assert not has(text, language, "corin", "acts")


def test_the_travellers_doings_told_before_the_place_in_real_stories() -> None:
    # Three hands: "What did he do in Freiburg?"; "Il a pris part mardi à Riyad au forum …"; "…, where he
    # canonized the island's first saint at a seaside Mass in Colombo" (a held-out telling nobody tuned
    # on). Freiburg and Colombo were gold stops scored under the threshold.
    for folder, surface, words in (("benedict-germany-2011-b", "Freiburg", "What did he do in"),
                                   ("bolsonaro-asia-gulf-2019-b", "Riyad", "Il a pris part mardi à"),
                                   ("pope-srilanka-philippines-2015-b", "Colombo", "seaside Mass in")):
        [e] = story_evidence(folder, surface, words)
        assert e.features.get("acts"), (folder, e.features)


# --- "À X, …, il a …": the scene of the traveller's doings, past a phrase naming someone or a verb after it ---


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Avel. À Corin, devant les étudiants de l'université Dalm Hestor, il a parlé de paix.", "fr"),
    ("Rolan arrived in Avel on Monday. In Corin, before the students of the Dalm Hestor University, he spoke of peace.", "en"),
])
def test_a_name_inside_a_phrase_is_no_subject_of_the_scene(text: str, language: str) -> None:
    # "Dalm Hestor" is someone else's name in the story, but it opens no clause here: "il"/"he" does.
    text += " Dalm Hestor a parlé." if language == "fr" else " Dalm Hestor spoke."
    assert has(text, language, "corin", "doings")


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Avel. À Corin, il a rencontré le maire.", "fr"),
    ("Rolan arrived in Avel on Monday. In Corin he was received by the mayor.", "en"),
])
def test_a_scene_with_the_travellers_verb_after_the_place(text: str, language: str) -> None:
    assert has(text, language, "corin", "doings") and has(text, language, "corin", "verb_after")


def test_the_scene_of_the_travellers_doings_in_real_stories() -> None:
    # Three hands: "À Astana, devant les étudiants de l'université Nazarbaïev, il a parlé …" (held-out 10);
    # "In Abu Dhabi he was received by Mohammed bin Zayed"; "- In Kyiv he visited a hospital".
    for folder, surface, words in (("modi-central-asia-2015-b", "Astana", "À "),
                                   ("bolsonaro-asia-gulf-2019-a", "Abu Dhabi", "In "),
                                   ("jokowi-europe-2022-a", "Kyiv", "- In ")):
        found = story_evidence(folder, surface, words)
        assert any(e.features.get("doings") for e in found), (folder, [e.features for e in found])
