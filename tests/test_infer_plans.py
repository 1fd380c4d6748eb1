"""Plans: a move or a doing still to come, its mark anywhere in its clause before it (FR and EN)."""

from __future__ import annotations

import pytest
from test_infer import evidence


def _told(text: str, language: str, pid: str = "corin") -> set[str]:
    """The features of ``pid``'s mentions in ``text``, Rolan the traveller."""
    return {k for e in evidence(text, language, traveller="Rolan")[pid] for k, v in e.features.items() if v}


@pytest.mark.parametrize(("text", "language"), [
    # The plan's word several words before the verb, past an object and a place of the clause.
    ("Mardi, Rolan doit rencontrer le roi au palais des congrès avant de s'envoler pour Corin.", "fr"),
    ("Rolan is to see the prime minister at the old palace before flying home to Corin.", "en"),
    ("Les deux ministres devraient ensuite signer le long accord commercial, puis rejoindre Corin.", "fr"),
    ("Rolan will spend the whole morning with the king at the old palace, then travel on to Corin.", "en"),
])
def test_a_plans_mark_far_before_the_verb_in_its_clause_makes_a_plan(text: str, language: str) -> None:
    told = _told(text, language, "corin")
    assert "future" in told
    assert not told & {"move", "doings"}


@pytest.mark.parametrize(("text", "language"), [
    # A future tense or a schedule in the present (no cue word) before the verb.
    ("Jeudi, il rejoindra Corin pour la fin de la tournée.", "fr"),
    ("Dimanche soir, elle s'envolera ensuite pour Corin.", "fr"),
    ("Rolan is expected back in Corin by the weekend.", "en"),
    ("Rolan leaves the capital on Sunday morning and flies to Corin.", "en"),
])
def test_a_future_tense_before_the_place_makes_a_plan(text: str, language: str) -> None:
    assert "future" in _told(text, language, "corin")


@pytest.mark.parametrize(("text", "language"), [
    # A plan's mark in another clause (after a break) or after the verb says nothing of this one.
    ("Rolan devait d'abord voir le roi ; il a finalement atterri mardi à Corin.", "fr"),
    ("Rolan was due to see the king; in the end he landed in Corin on Tuesday.", "en"),
    ("Rolan est arrivé mardi à Corin, où il devrait rester deux jours.", "fr"),
    ("Rolan arrived in Corin on Tuesday and will stay two days.", "en"),
])
def test_a_plans_mark_in_another_clause_or_after_the_place_leaves_the_move_made(text: str, language: str) -> None:
    told = _told(text, language, "corin")
    assert "move" in told and "future" not in told
