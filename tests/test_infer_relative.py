"""Whose move a relative clause tells: its antecedent, a common noun or a titled name (FR and EN)."""

from __future__ import annotations

import pytest
from test_infer_plans import _told


@pytest.mark.parametrize(("text", "language"), [
    # A common noun right before "who"/"qui" (no comma: it says which one): someone else's move.
    ("The hall is named after the bishop who left Corin to teach in the north.", "en"),
    ("On Tuesday Rolan greeted students who had flown in from Corin for the ceremony.", "en"),
    ("La salle porte le nom de l'évêque qui a quitté Corin pour enseigner dans le nord.", "fr"),
    ("Mardi, Rolan a reçu des étudiants qui étaient arrivés de Corin la veille.", "fr"),
    # A name titled by its country before the comma: the relative clause is that person's.
    ("Rolan received President Marek Ilse of Avel, who flew in from Corin for talks.", "en"),
    ("Rolan a reçu le président Marek Ilse d'Avel, qui était arrivé de Corin le matin même.", "fr"),
])
def test_a_relative_clause_told_of_someone_else_is_their_move(text: str, language: str) -> None:
    told = _told(text, language)
    assert "verb_other" in told
    assert "move" not in told and "leave" not in told


@pytest.mark.parametrize(("text", "language"), [
    # The traveller as the antecedent, named or by a pronoun's clause, keeps the move.
    ("Rolan, who landed in Corin on Tuesday, met the king.", "en"),
    ("Rolan, qui a atterri mardi à Corin, a rencontré le roi.", "fr"),
    ("It was Rolan who flew to Corin on Tuesday.", "en"),
    ("C'est Rolan qui est arrivé mardi à Corin.", "fr"),
])
def test_a_relative_clause_told_of_the_traveller_is_their_move(text: str, language: str) -> None:
    told = _told(text, language)
    assert "move" in told and "verb_other" not in told


@pytest.mark.parametrize(("text", "language"), [
    # A relative clause done to someone ("a tour that took him to X"): the noun is not whose move it is; the
    # sentence's opening name still is ("His envoy, Y, is on a tour that took him to X": Y's).
    ("Son envoyé, Marek Ilse, mène une tournée qui l'a conduit à Corin et à Eska.", "fr"),
    ("His envoy, Marek Ilse, is on a tour that took him to Corin and Eska.", "en"),
])
def test_a_relative_clause_done_to_someone_else_stays_theirs(text: str, language: str) -> None:
    told = _told(text, language)
    assert "verb_other" in told and "move" not in told
