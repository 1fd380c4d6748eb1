"""A place is a speaker only when the speech verb is its own: "X said", not "In X, he said" (FR and EN)."""

from __future__ import annotations

import pytest
from test_infer import evidence
from test_infer_precision import _told_in


@pytest.mark.parametrize(("text", "language"), [
    ("Mardi, à Corin, il a appelé le roi à la retenue.", "fr"),
    ("On Tuesday, in Corin, he called on the king to show restraint.", "en"),
    ("On Tuesday, in Corin, Rolan said the talks went well.", "en"),
])
def test_a_subject_between_the_place_and_a_speech_verb_speaks_not_the_place(text: str, language: str) -> None:
    assert not any(e.features.get("speech") for e in evidence(text, language)["corin"])


@pytest.mark.parametrize(("text", "language"), [
    ("Corin a déclaré mardi son soutien à Rolan.", "fr"),
    ("Corin, however, said on Tuesday it welcomed Rolan.", "en"),
])
def test_a_place_followed_by_its_speech_verb_still_speaks(text: str, language: str) -> None:
    assert all(e.features.get("speech") for e in evidence(text, language)["corin"])


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # en, by another hand (held-out 7): "In Muscat, he called on His Majesty Sultan Haitham bin Tarik"
    ("abe-middle-east-2020-a", "In Muscat, he called on", "Muscat"),
    # en, by another hand (held-out 5): "at Naval Air Station Sigonella, Trump said of his nine days abroad"
    ("trump-middle-east-europe-2017-a", "Trump said of his nine days abroad", "Sigonella"),
])
def test_the_traveller_speaking_at_a_place_in_stories_by_different_hands(folder: str, sentence: str, name: str) -> None:
    told = _told_in(folder, sentence, name)
    assert told and not any(e.features.get("speech") for e in told)
