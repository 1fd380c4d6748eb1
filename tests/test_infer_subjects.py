"""Whose move a clause tells: whom its "he"/"she" stands for (the traveller's pronoun learnt from the story),
the subject of a "mais"/"but" clause, a name after a place opening the sentence; FR and EN."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_infer import evidence

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "data" / "stories"


def _moves(text: str, language: str, pid: str) -> list[dict[str, float]]:
    return [e.features for e in evidence(text, language)[pid] if e.verb]


@pytest.mark.parametrize(("text", "language"), [
    # The traveller is "il" (the pronoun following his name); "elle" flying off is someone else.
    ("Rolan Tavi est arrivé lundi à Avel. Rolan Tavi a dit qu'il resterait deux jours. Mardi, Rolan Tavi a "
     + "reçu Mira Osto. Il l'a remerciée. Elle est repartie mercredi pour Dalm. Il est parti jeudi pour Corin.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. Rolan Tavi said he would stay two days. On Tuesday Rolan Tavi met "
     + "Mira Osto. He thanked her. She flew back to Dalm on Wednesday. He left for Corin on Thursday.", "en"),
])
def test_a_pronoun_of_the_other_gender_is_someone_else(text: str, language: str) -> None:
    assert all(f.get("other_subject") for f in _moves(text, language, "dalm"))
    assert not any(f.get("other_subject") for f in _moves(text, language, "corin"))


@pytest.mark.parametrize(("text", "language"), [
    # A woman travelling, told of as "elle"/"she" only: a "il"/"he" moving is another person.
    ("Elle est arrivée lundi à Avel. Elle a visité le musée. Elle a rencontré le maire. Le maire, Karl Osto, "
     + "l'a saluée. Il est ensuite parti pour Dalm. Elle a quitté Avel mardi pour Corin.", "fr"),
    ("She arrived in Avel on Monday. She toured the museum. She met the mayor. The mayor, Karl Osto, greeted "
     + "her. He then left for Dalm. She left Avel on Tuesday for Corin.", "en"),
])
def test_a_woman_travellers_story_says_she(text: str, language: str) -> None:
    assert all(f.get("other_subject") for f in _moves(text, language, "dalm"))
    assert not any(f.get("other_subject") for f in _moves(text, language, "corin"))


@pytest.mark.parametrize(("text", "language"), [
    # "He" opening a sentence stands for the name opening the one before: Karl Osto, then Rolan Tavi.
    ("Rolan Tavi est arrivé lundi à Avel. Karl Osto a dit que les discussions avaient échoué. Il est parti pour "
     + "Dalm quelques heures plus tard. Rolan Tavi a remercié ses hôtes. Il est reparti mardi pour Corin.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. Karl Osto said the talks had failed. He left for Dalm a few hours "
     + "later. Rolan Tavi thanked his hosts. He flew on to Corin on Tuesday.", "en"),
])
def test_a_sentence_opening_pronoun_stands_for_the_name_before(text: str, language: str) -> None:
    assert all(f.get("other_subject") for f in _moves(text, language, "dalm"))
    assert not any(f.get("other_subject") for f in _moves(text, language, "corin"))


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. Le sommet devait se tenir mardi à Corin, mais Karl Osto a écourté sa "
     + "visite pour regagner Dalm. Rolan Tavi a ensuite quitté Avel pour Corin.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. The summit was due in Corin on Tuesday, but Karl Osto cut short his "
     + "visit to return to Dalm. Rolan Tavi then left Avel for Corin.", "en"),
])
def test_a_clause_after_but_has_its_own_subject(text: str, language: str) -> None:
    assert all(f.get("other_subject") for f in _moves(text, language, "dalm"))
    assert not any(f.get("other_subject") for f in _moves(text, language, "corin"))


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. À Dalm, Karl Osto et Mira Tavi signent un accord. À Corin, Rolan "
     + "Tavi signe un accord.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. In Dalm, Karl Osto and Mira Tavi sign a deal. In Corin, Rolan Tavi "
     + "signs a deal.", "en"),
])
def test_a_place_opening_the_sentence_is_where_the_name_after_it_is(text: str, language: str) -> None:
    assert all(e.features.get("other_subject") for e in evidence(text, language)["dalm"])
    assert not any(e.features.get("other_subject") for e in evidence(text, language)["corin"])


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. Rappel : mardi, le président s'était rendu à Dalm.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. Overnight — the president had flown to Dalm.", "en"),
])
def test_a_capital_opening_a_clause_is_no_one_unless_a_persons_name(text: str, language: str) -> None:
    # "Rappel", "Overnight": no full name of the story holds them, so the move stays the traveller's.
    assert not any(f.get("other_subject") for f in _moves(text, language, "dalm"))


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. Des milliers de migrants sont arrivés à Dalm la semaine dernière. "
     + "Des milliers de fidèles l'ont accueilli mardi à Corin.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. Thousands of migrants arrived in Dalm last week. Thousands of "
     + "pilgrims welcomed him in Corin on Tuesday.", "en"),
])
def test_a_crowd_moving_is_not_the_traveller_unless_it_greets_him(text: str, language: str) -> None:
    assert all(f.get("other_subject") for f in _moves(text, language, "dalm"))
    assert not any(f.get("other_subject") for f in _moves(text, language, "corin"))
    assert _moves(text, language, "corin")


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. La question a été posée à Dalm. Les photographies ont été transmises "
     + "par le réseau et reçues par notre bureau de Borna. Mardi, Rolan Tavi a quitté Avel pour Corin.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. The remains are being taken to Dalm. The pilgrims were back in Borna "
     + "by Monday night. On Tuesday Rolan Tavi left Avel for Corin.", "en"),
])
def test_a_thing_or_a_group_moving_is_not_the_traveller(text: str, language: str) -> None:
    # A question put, photographs received, remains taken, pilgrims back: no move of the traveller's.
    for pid in ("dalm", "borna"):
        assert _moves(text, language, pid)
        assert all(f.get("other_subject") for f in _moves(text, language, pid))
    assert not any(f.get("other_subject") for f in _moves(text, language, "corin"))


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. Il a dit la messe pour une foule immense à Eska, puis il est rentré à "
     + "Corin. Rolan Tavi a montré les photos aux élus et il est reparti pour Dalm.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. He said Mass for a vast crowd in Eska, then returned to Corin. "
     + "Rolan Tavi showed the photos to the mayor and flew on to Dalm.", "en"),
])
def test_a_crowd_or_a_thing_before_a_comma_or_as_an_object_is_no_subject(text: str, language: str) -> None:
    # The crowd is another clause's, the photos the traveller's object: the moves stay the traveller's.
    for pid in ("corin", "dalm"):
        assert _moves(text, language, pid)
        assert not any(f.get("other_subject") for f in _moves(text, language, pid))


def _evidence(folder: str, name: str, sentence: str) -> list[dict[str, float]]:
    from test_infer_roles import _evidence as told

    return told(folder, name, sentence)


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence", "other"), [
    # "Trump said …" opens the sentence before: his "He" is not Kim's.
    ("kim-hanoi-2019-b", "Washington, D.C.", "He left for Washington a few hours later", True),
    # "She flew back to Brussels" (Ursula von der Leyen): Macron's story uses "he" far more than "she".
    ("macron-china-2023-b", "Brussels", "She flew back to Brussels", True),
    # "Elle" (a pilgrim) in the story of a man: the coach's departure is not his.
    ("pope-portugal-2023-b", "Lyon", "Elle fait partie des quelque 450 jeunes", True),
    # The Queen, told of as "she"/"elle": her own moves stay hers.
    ("queen-ireland-2011", "Dublin", "bowed her head to the men of 1916", False),
    ("queen-ireland-2011-b", "Dublin", "Elle est rentrée le soir même à Dublin", False),
    # A man told of as "he" after his name: his moves stay his.
    ("pope-iraq-2021-b", "Erbil", "In the afternoon he returned to Erbil", False),
    # "…, mais Joe Biden a écourté sa tournée pour regagner Washington": not Modi's return.
    ("modi-japan-png-australia-2023-b", "Washington, D.C.", "mais Joe Biden a écourté sa tournée", True),
    # "In Kyiv, Volodymyr Zelensky reshuffled his government": not Putin's Kyiv.
    ("putin-mongolia-2024-b", "Kyiv", "In Kyiv, Volodymyr Zelensky reshuffled", True),
    # "Rappel - Vendredi, …, le pape s'était rendu à Louvain": "Rappel" is no one.
    ("pope-belgium-luxembourg-2024", "Leuven", "le pape s'était rendu à Louvain", False),
    ("biden-angola-2024-b", "Joint Base Andrews Airport", "The president left Joint Base Andrews", False),
    # "Russia's foreign minister, Sergei Lavrov, was received in Bamako": the name between the commas.
    ("macron-central-africa-2023-b", "Bamako", "Sergei Lavrov, was received in Bamako", True),
    # "Thousands of migrants arrived", "Those who travelled with him": crowds, not the traveller.
    ("pope-marseille-2023-b", "Lampedusa", "Thousands of migrants arrived", True),
    ("charles-australia-samoa-2024", "Melbourne", "Those who travelled with him", True),
    ("pope-lampedusa-2013-b", "Libya", "Tens of thousands of people have landed", True),
    # Things and groups as subjects: a question put, photographs received, remains taken, pilgrims back.
    ("carter-latam-africa-1978-b", "Abidjan", "La question a été posée", True),
    ("nixon-china-1972-a", "Hong Kong", "reçues par notre bureau de Hongkong", True),
    ("obama-cairo-2009-b", "Recife", "The remains are being taken", True),
    ("jpii-cuba-1998-b", "Miami", "The pilgrims were back", True),
    ("cameron-turkey-india-2010-a", "Islamabad", "words that went down well", True),
    # A crowd in another clause, or the traveller's object: the move stays the traveller's.
    ("pope-mexico-2016-a", "Mexico City", "then returned to Mexico City", False),
    ("modi-us-egypt-2023", "New York City", "led thousands of participants", False),
    ("charles-germany-2023", "Brodowin", "drove out to an organic farm", False),
    ("obama-cuba-argentina-2016-b", "Washington, D.C.", "avant de reprendre l'avion pour Washington", False),
])
def test_subjects_in_stories_by_different_hands(folder: str, name: str, sentence: str, other: bool) -> None:
    for f in _evidence(folder, name, sentence):
        assert bool(f.get("other_subject")) == other


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. Il n'a pas visité Dalm. Il ne s'est rendu ni à Eska ni à Borna, "
     + "mais à Corin.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. He did not visit Dalm. He never went to Eska or to Borna, but to "
     + "Corin.", "en"),
])
def test_a_negated_verb_is_no_move(text: str, language: str) -> None:
    told = evidence(text, language)
    assert not any(e.verb for pid in ("dalm", "eska", "borna") for e in told[pid])
    assert any(e.verb for e in told["corin"])


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. Le ministre velien, Karl Osto, s'était rendu à Dalm en mai. Le "
     + "président borsien, Rolan Tavi, a quitté Avel mardi pour Corin.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. Velia's foreign minister, Karl Osto, was received in Dalm in May. "
     + "Borsia's president, Rolan Tavi, left Avel on Tuesday for Corin.", "en"),
])
def test_a_name_between_commas_is_the_subject(text: str, language: str) -> None:
    assert all(f.get("other_subject") for f in _moves(text, language, "dalm"))
    assert not any(f.get("other_subject") for f in _moves(text, language, "corin"))


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence"), [
    ("xi-russia-africa-2013-b", "Washington, D.C.", "ne l'a conduit ni à Washington"),
    ("pope-cyprus-greece-2021-b", "Famagusta", "Il n'ira pas non plus à Famagouste"),
    ("pope-marseille-2023-b", "France", "is not a state visit to France"),
    ("xi-latin-america-2024-b", "Brasília", "did not visit Brasília"),
])
def test_negated_moves_in_stories_by_different_hands(folder: str, name: str, sentence: str) -> None:
    from test_infer_roles import _evidence as told

    for f in told(folder, name, sentence):
        assert not any(f.get(k) for k in ("move", "leave", "doings", "plan", "plan_undated", "verb_other", "verb_past"))


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. Rolan Tavi a visité le musée. Karl Brenn l'a accueilli mardi à Corin. "
     + "Karl Brenn est parti pour Dalm. Mira Valk mène une tournée qui l'a conduit à Eska.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. Rolan Tavi toured the museum. King Karl Brenn, who met him at the "
     + "airport in Corin on Tuesday, left for Dalm. Mira Valk is on a tour that took her to Eska.", "en"),
])
def test_someone_else_doing_a_travel_verb_to_the_traveller_puts_the_traveller_there(text: str, language: str) -> None:
    # "l'a accueilli", "met him": the traveller is where the host's verb reaches; the host's own move and a
    # verb whose subject is only the clause's first name (its pronoun may be anyone's) stay someone else's.
    ev = evidence(text, language)
    assert [e for e in ev["corin"] if e.verb]
    assert all(not e.features.get("other_subject") and e.features.get("traveller") for e in ev["corin"] if e.verb)
    assert all(f.get("other_subject") for f in _moves(text, language, "dalm"))
    assert all(f.get("other_subject") for f in _moves(text, language, "eska"))


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan Tavi est arrivé lundi à Avel. Rolan Tavi a visité le musée. Karl Brenn est venu l'accueillir mardi à Corin.",
     "fr"),
    ("Rolan Tavi est arrivé lundi à Avel. Mira Valk, venue le saluer mardi à Corin, est repartie pour Dalm.", "fr"),
    ("Rolan Tavi arrived in Avel on Monday. Rolan Tavi toured the museum. Karl Brenn came to meet him in Corin.", "en"),
])
def test_a_host_coming_to_receive_the_traveller_puts_the_traveller_there(text: str, language: str) -> None:
    # "venu l'accueillir", "came to meet him": the host's infinitive, done to the traveller
    ev = evidence(text, language)
    assert [e for e in ev["corin"] if e.verb]
    assert all(not e.features.get("other_subject") and e.features.get("traveller") for e in ev["corin"] if e.verb)


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence"), [
    # two hands: "Le roi Abdallah était venu l'accueillir en personne à l'aéroport de Riyad" (held-out 10) and
    # "La ministre indonésienne des Affaires étrangères, venue le saluer à l'aéroport Ngurah Rai" (held-out 8)
    ("obama-cairo-2009-a", "Riyad", "était venu l'accueillir"),
    ("salman-asia-2017-b", "Ngurah Rai", "venue le saluer"),
])
def test_a_host_coming_to_receive_the_traveller_in_real_stories(folder: str, name: str, sentence: str) -> None:
    from storyutil import told_in

    told = [e for e in told_in(folder, sentence, name) if e.verb]
    assert told and not any(e.features.get("other_subject") for e in told), [e.features for e in told]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence"), [
    # two hands: "King Abdullah, who met him at the airport in Riyadh" (held-out 10) and "Vice President Joe
    # Biden met him at Joint Base Andrews"
    ("obama-cairo-2009-b", "Riyadh", "who met him at the airport in Riyadh"),
    ("xi-usa-2015-a", "Joint Base Andrews", "Biden met him at Joint Base Andrews"),
])
def test_a_host_receiving_the_traveller_in_real_stories(folder: str, name: str, sentence: str) -> None:
    from storyutil import told_in

    told = [e for e in told_in(folder, sentence, name) if e.verb]
    assert told and not any(e.features.get("other_subject") for e in told), [e.features for e in told]
