"""Whose move a role phrase tells ("le président russe a quitté X", "the Chinese president arrived"), FR and EN."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_infer import ORDER_WEIGHTS, PLACES, article

from geomap.infer import infer_journey, story_features
from geomap.mentions import Matcher, find_mentions

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "data" / "stories"


def _stops(text: str, language: str) -> list[str]:
    arts = [article("a", text, dt.date(2024, 5, 8), language)]
    found = find_mentions(arts, Matcher((alias, p.id) for p in PLACES for alias in p.aliases))
    return [s.place_id for s in infer_journey(arts, found, {p.id: p for p in PLACES}, weights=ORDER_WEIGHTS).stops]


@pytest.mark.parametrize(("text", "language"), [
    ("Le président borsien Rolan Tavi est arrivé lundi à Avel, où il a rencontré le président velien Karl Osto. "
     + "Le président velien a quitté Avel mardi pour Eska. Le président borsien a quitté Avel mardi pour Corin.", "fr"),
    ("Borsian President Rolan Tavi arrived in Avel on Monday, where he met Velian President Karl Osto. "
     + "The Velian president left Avel on Tuesday for Eska. The Borsian president left Avel on Tuesday for Corin.", "en"),
])
def test_a_role_phrase_is_whom_the_story_names_with_it(text: str, language: str) -> None:
    # The other president's move is not the traveller's; the traveller's role (whose capitalised
    # qualifier is no other person's name) moves the traveller.
    assert _stops(text, language) == ["avel", "corin"]


@pytest.mark.parametrize(("text", "language"), [
    ("Le président borsien Rolan Tavi est arrivé lundi à Avel. Le président avait quitté Avel mardi pour Eska.", "fr"),
    ("Borsian President Rolan Tavi arrived in Avel on Monday. The president then left Avel for Eska.", "en"),
])
def test_a_bare_role_or_a_verb_after_it_names_no_one_else(text: str, language: str) -> None:
    assert _stops(text, language) == ["avel", "eska"]


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Avel. Le président russe a quitté Avel mardi pour Borna. Le président russe est "
     + "arrivé mercredi à Corin, où il a rencontré le président velien Karl Osto. Le président velien est parti "
     + "jeudi pour Eska.", "fr"),
    ("Rolan arrived in Avel on Monday. The Russian president left Avel on Tuesday for Borna. The Russian president "
     + "arrived in Corin on Wednesday, where he met Velian President Karl Osto. The Velian president left for Eska "
     + "on Thursday.", "en"),
])
def test_the_role_most_often_doing_travel_verbs_is_the_travellers(text: str, language: str) -> None:
    # Never written beside the traveller's name, the role that moves most is theirs; a role written
    # beside another name is that person's.
    assert _stops(text, language) == ["avel", "borna", "corin"]


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé lundi à Avel. Il y a rencontré le président velien Karl Osto. Le président velien, qui "
     + "s'était posé mardi à Borna, a dîné avec Rolan.", "fr"),
    ("Rolan arrived in Avel on Monday. There he met Velian President Karl Osto. The Velian president, who had "
     + "landed in Borna on Tuesday, dined with Rolan.", "en"),
])
def test_a_relative_clause_moves_its_antecedent(text: str, language: str) -> None:
    assert _stops(text, language) == ["avel"]


def _evidence(folder: str, name: str, sentence: str) -> list[dict[str, float]]:
    from geomap.pipeline import BuildOptions, build_story

    story = build_story([STORIES / folder], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False)).story
    _, grouped, _ = story_features(story.articles, story.mentions, story.places)
    out = []
    for pid, evidence in grouped.items():
        for e in evidence:
            text = story.articles[e.article].text
            said = story.articles[e.article].sentence_at(e.start)
            if story.places[pid].name == name and sentence in text[said.start : said.end]:
                out.append(e.features)
    assert out, (name, sentence)
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence", "whose"), [
    # "le dirigeant nord-coréen Kim Jong-un": "le président russe" is someone else.
    ("kim-vladivostok-2019-b", "Beijing", "Le président russe a quitté Vladivostok", "other"),
    # "Le Premier ministre indien Narendra Modi": this role is the traveller's.
    ("modi-japan-png-australia-2023-b", "Sydney", "Le Premier ministre indien a quitté Sydney", "traveller"),
    # "Le président chinois" does three travel verbs, never beside "Xi Jinping": the traveller's role.
    ("xi-latin-america-2024", "Brasília", "Le président chinois a quitté Brasília", "traveller"),
    ("putin-mongolia-2024", "Vladivostok", "Le président russe était arrivé à Vladivostok", "traveller"),
    # A reflexive verb ("s'était adressé") and a relative clause ("…, qui s'était posé") reach their subject.
    ("zelensky-north-america-2023", "Kyiv", "le président ukrainien s'était adressé", "traveller"),
    ("xi-latin-america-2024", "Manaus", "Le président américain, qui s'était posé", "other"),
    # "In Yakutsk the Russian president visited": "Russian" is no other person's name.
    ("putin-korea-vietnam-2024", "Yakutsk", "In Yakutsk the Russian president visited", ""),
])
def test_role_told_moves_in_stories_by_different_hands(folder: str, name: str, sentence: str, whose: str) -> None:
    for f in _evidence(folder, name, sentence):
        assert ("other_subject" in f) == (whose == "other")
        assert "traveller" in f or whose != "traveller"
