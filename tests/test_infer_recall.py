"""Stops the evidence used to miss: what a clause describing the place says of its past (FR and EN)."""

from __future__ import annotations

import pytest
from test_infer import has
from test_infer_clause_time import story_evidence


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
