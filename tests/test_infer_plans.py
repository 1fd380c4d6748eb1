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
    ("Rolan will leave the capital on Sunday morning and fly on to Corin.", "en"),
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


def _verbs(text: str, language: str, pid: str = "corin") -> set[str]:
    """The verb types that reach ``pid``'s mentions in ``text``."""
    return {e.verb for e in evidence(text, language, traveller="Rolan")[pid]}


@pytest.mark.parametrize(("text", "language"), [
    # A planned move earlier in the clause (infer.yaml verbs ``plan``) makes the next leg a plan too.
    ("Après Avel, Rolan gagnera Eska avant de rentrer à Corin.", "fr"),
    ("La ministre visitera le port d'Eska, puis rentrera à Corin.", "fr"),
    ("Rolan heads to Eska on Monday before flying home to Corin.", "en"),
    ("The envoy travels to Eska next week and then flies back to Corin.", "en"),
])
def test_a_planned_move_earlier_in_the_clause_makes_the_next_leg_a_plan(text: str, language: str) -> None:
    told = _told(text, language)
    assert "future" in told or told & {"plan", "plan_undated"}
    assert not told & {"move", "leave"}


@pytest.mark.parametrize(("text", "language"), [
    # Due or expected back, and the future of a return (infer.yaml verbs ``plan``): a return still to come.
    ("Rolan due back in Corin after week-long tour", "en"),
    ("The minister is expected back at Corin by the weekend.", "en"),
    ("Rolan est attendu de retour à Corin vendredi.", "fr"),
    ("La reine regagnera Corin dans la soirée.", "fr"),
    ("Il rentrera à Corin lundi, au terme de sa tournée.", "fr"),
    ("Rolan is to see the king on Tuesday before going home to Corin.", "en"),
])
def test_a_return_still_to_come_is_a_plan(text: str, language: str) -> None:
    told = _told(text, language)
    assert told & {"plan", "plan_undated"}
    assert not told & {"move", "leave"}


@pytest.mark.parametrize(("text", "language"), [
    # The same returns told as done stay moves.
    ("Rolan was back in Corin after a week-long tour.", "en"),
    ("Rolan met the king on Tuesday before going home to Corin.", "en"),
    ("La reine a regagné Corin dans la soirée.", "fr"),
    ("Il est rentré à Corin lundi, au terme de sa tournée.", "fr"),
])
def test_a_return_told_as_done_stays_a_move(text: str, language: str) -> None:
    assert "move" in _told(text, language)


@pytest.mark.parametrize(("text", "language"), [
    # A noun read as the verb ("summit", "sommet"), told as still to come between it and the place.
    ("The next summit is to be held in Corin.", "en"),
    ("The next round of talks is to be held in Corin.", "en"),
    ("Le prochain sommet se tiendra à Corin.", "fr"),
    ("Les pourparlers de paix se tiendront à Corin au printemps.", "fr"),
])
def test_a_meeting_still_to_come_between_its_noun_and_the_place_is_a_plan(text: str, language: str) -> None:
    told = _told(text, language)
    assert "future" in told and "doings" not in told


@pytest.mark.parametrize(("text", "language"), [
    ("The last summit was held in Corin.", "en"),
    ("Le dernier sommet s'est tenu à Corin.", "fr"),
])
def test_a_meeting_told_as_held_stays_a_doing(text: str, language: str) -> None:
    told = _told(text, language)
    assert "future" not in told


@pytest.mark.parametrize(("text", "language"), [
    # The traveller's doings there, told before the place without a travel verb, in the future.
    ("Entre-temps, il prononcera à Corin le discours d'ouverture de l'assemblée.", "fr"),
    ("Mardi, elle présidera à Corin la séance d'ouverture.", "fr"),
    ("Rolan will address the assembly in Corin on Friday.", "en"),
    ("Rolan wants to open the new bridge in Corin next year.", "en"),
])
def test_doings_still_to_come_are_a_plan(text: str, language: str) -> None:
    told = _told(text, language)
    assert "acts" in told and "future" in told


@pytest.mark.parametrize(("text", "language"), [
    # A diary's or a caption's present is no plan, whatever else its clause tells.
    ("May 8 — The royal yacht leaves the bay shortly after midday, bound for Corin.", "en"),
    ("EVENING, May 9 — Rolan ends his visit to the port and sails on, bound for Corin.", "en"),
    ("8 mai — Le yacht royal quitte la baie peu après midi, en direction de Corin.", "fr"),
    ("Jeudi 9 mai — La visite s'achève au port et Rolan repart, cap sur Corin.", "fr"),
])
def test_a_diarys_present_before_the_verb_leaves_the_move_made(text: str, language: str) -> None:
    told = _told(text, language)
    assert "move" in told and "future" not in told
