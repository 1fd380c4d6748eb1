"""A place is a speaker only when the speech verb is its own: "X said", not "In X, he said" (FR and EN)."""

from __future__ import annotations

import pytest
from storyutil import told_in
from test_infer import evidence


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
    told = told_in(folder, sentence, name)
    assert told and not any(e.features.get("speech") for e in told)


@pytest.mark.parametrize(("text", "language"), [
    ("Lundi, Rolan s'est rendu au siège du groupe, que Corin cherche à écarter des marchés.", "fr"),
    ("Le lendemain, il n'y avait plus rien à annoncer : Corin refusait les chapitres sur le travail.", "fr"),
    ("On Monday, a briefing in Corin suggested the visit had been sabotaged.", "en"),
    ("On Monday, the opposition in Corin promised questions when the House returns.", "en"),
])
def test_a_capital_that_seeks_refuses_or_suggests_is_a_government(text: str, language: str) -> None:
    assert all(e.features == {"speech": 1.0} for e in evidence(text, language, traveller="Rolan")["corin"])


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # fr, by another hand (held-out 3): "il s'est rendu au centre … de Huawei, … que Washington cherche à écarter"
    ("lula-china-2023-a", "que Washington cherche à écarter", "Washington"),
    # fr, by another hand (held-out 6): "Pékin refusait les chapitres sur le travail"
    ("trudeau-india-2018-b", "Pékin refusait les chapitres", "Beijing"),
    # en, by another hand (held-out 6): "Senior official's briefing in Ottawa suggests …", "Opposition in Ottawa promises …"
    ("trudeau-india-2018-a", "briefing in Ottawa suggests", "Ottawa"),
    ("trudeau-india-2018-a", "Opposition in Ottawa promises", "Ottawa"),
    # fr, by another hand (held-out 8): "Londres cherche de nouveaux partenaires commerciaux"
    ("may-africa-2018-a", "Londres cherche de nouveaux partenaires", "Londres"),
])
def test_a_capital_standing_for_its_government_in_stories_by_different_hands(folder: str, sentence: str,
                                                                             name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and all(e.features == {"speech": 1.0} and not e.verb for e in told)


@pytest.mark.parametrize(("text", "language"), [
    ("Lundi, Rolan est arrivé à Avel. Les livraisons d'armes à Corin, que cherchent à éviter les Xlandais, inquiètent.", "fr"),
    ("On Monday Rolan arrived in Avel. Arms deliveries to Corin, which Xland seeks to stop, worry the region.", "en"),
])
def test_a_weapons_target_stays_a_target_when_a_speech_verb_follows_it(text: str, language: str) -> None:
    # The seeds' "livraisons d'armes et de munitions à Moscou – que cherchent à tout prix à éviter les États-Unis"
    assert all(e.features.get("weapon") for e in evidence(text, language, traveller="Rolan")["corin"])
