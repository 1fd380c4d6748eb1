"""Legs told in sequence: a day named across "then"/"puis"/"before"/"avant de" is the other leg's (FR and EN)."""

from __future__ import annotations

import datetime as dt

import pytest
from test_infer_dates import dates, told_on

from geomap.infer.evidence import MentionEvidence

SUNDAY = dt.date(2023, 9, 17)
TUESDAY, THURSDAY, FRIDAY, SATURDAY = (dt.date(2023, 9, d) for d in (12, 14, 15, 16))


def told(text: str, language: str, on: dt.date = SUNDAY) -> dict[str, list[MentionEvidence]]:
    """The mentions of one article of the day ``on`` (a Sunday unless told), by place."""
    return told_on(text, language, on)


def day(e: MentionEvidence) -> dt.date | None:
    return e.date.date if e.date is not None else None


@pytest.mark.parametrize(("text", "language"), [
    ("Ce mardi, Rolan est à Avel, puis à Corin et à Eska.", "fr"),
    ("Rolan lands in Avel on Tuesday, then goes on to Corin and Eska.", "en"),
    ("Mardi, Rolan visitera Avel, puis il s'envolera pour Corin.", "fr"),
    ("On Tuesday Rolan will tour Avel, then fly to Corin.", "en"),
])
def test_a_schedules_day_before_then_is_the_leg_befores(text: str, language: str) -> None:
    # Told on the day or ahead: the legs after "then" come later; Corin's day is not Avel's.
    ev = told(text, language, TUESDAY)
    [avel], [corin] = ev["avel"], ev["corin"]
    assert day(avel) == TUESDAY and not avel.other_leg
    assert day(corin) is None and corin.other_leg


@pytest.mark.parametrize(("text", "language"), [
    ("Mardi, Rolan a visité Avel, puis il s'est rendu à Corin.", "fr"),
    ("On Tuesday Rolan toured Avel, then flew to Corin.", "en"),
    ("Jeudi, Rolan a visité Avel avant de s'envoler pour Corin.", "fr"),
    ("On Thursday Rolan toured Avel before flying to Corin.", "en"),
])
def test_a_day_told_as_done_before_then_or_before_is_the_next_legs_too(text: str, language: str) -> None:
    # Told days later as done, "then" links one day's moves; "before flying to" is the same day's.
    [corin] = told(text, language)["corin"]
    assert day(corin) in (TUESDAY, THURSDAY) and not corin.other_leg


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan a visité Avel, avant de rentrer à Corin vendredi.", "fr"),
    ("Rolan toured Avel before heading to Corin on Friday.", "en"),
    ("Rolan a visité Avel, puis Corin samedi.", "fr"),
    ("Rolan toured Avel, then Corin on Saturday.", "en"),
])
def test_a_day_told_after_the_next_legs_cue_is_the_next_legs(text: str, language: str) -> None:
    ev = told(text, language)
    [avel], [corin] = ev["avel"], ev["corin"]
    assert day(avel) is None and avel.other_leg
    assert day(corin) in (FRIDAY, SATURDAY) and not corin.other_leg


@pytest.mark.parametrize(("text", "language"), [
    ("Ce vendredi, Rolan s'est ensuite rendu à Avel.", "fr"),
    ("Today Rolan then flew to Avel.", "en"),
    ("Ce vendredi, il a ensuite visité Avel et Corin.", "fr"),
    ("On Friday he then toured Avel and Corin.", "en"),
])
def test_then_within_a_clause_leaves_its_day_to_the_place(text: str, language: str) -> None:
    # An adverb inside the clause ("s'est ensuite rendu"), not a leg after a comma: the day is the place's.
    for e in told(text, language, FRIDAY)["avel"]:
        assert day(e) == FRIDAY and not e.other_leg


@pytest.mark.parametrize(("texts", "language", "later", "there"), [
    ([("Mardi, Rolan arrive à Avel, puis à Corin.", TUESDAY),
      ("Jeudi, à Corin, Rolan a inauguré un pont.", FRIDAY)], "fr", "corin", THURSDAY),
    ([("On Tuesday Rolan lands in Avel, then goes on to Corin.", TUESDAY),
      ("On Thursday, in Corin, Rolan opened a bridge.", FRIDAY)], "en", "corin", THURSDAY),
    ([("Rolan atterrit ce soir à Avel, puis il s'envolera pour Eska.", TUESDAY),
      ("Samedi, à Eska, Rolan a rencontré des étudiants.", SUNDAY)], "fr", "eska", SATURDAY),
    ([("Rolan lands in Avel this evening, then flies on to Eska.", TUESDAY),
      ("On Saturday, in Eska, Rolan met students.", SUNDAY)], "en", "eska", SATURDAY),
])
def test_the_later_leg_keeps_the_day_told_there(texts: list[tuple[str, dt.date]], language: str, later: str,
                                                there: dt.date) -> None:
    # Not the leg before's Tuesday: the day another article tells there.
    got = dates(texts, language)
    assert got["avel"] == TUESDAY and got[later] == there


@pytest.mark.parametrize(("texts", "language"), [
    ([("Mardi, Rolan est arrivé à Avel. Puis il se rendra à Corin.", TUESDAY),
      ("Jeudi, à Corin, Rolan a inauguré un pont.", FRIDAY)], "fr"),
    ([("On Tuesday Rolan arrived in Avel. Then he will fly to Corin.", TUESDAY),
      ("On Thursday, in Corin, Rolan opened a bridge.", FRIDAY)], "en"),
])
def test_a_sentence_opening_on_then_is_told_after_the_narratives_day(texts: list[tuple[str, dt.date]],
                                                                     language: str) -> None:
    [moved] = told(texts[0][0], language, TUESDAY)["corin"]
    assert moved.other_leg
    assert dates(texts, language)["corin"] == THURSDAY
