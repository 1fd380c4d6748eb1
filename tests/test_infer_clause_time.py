"""An earlier time belongs to its clause, and a leg to the move that ends it (FR and EN)."""

from __future__ import annotations

import datetime as dt

import pytest
from storyutil import gold_evidence, gold_story
from test_infer import evidence, has
from test_infer_dates import dates
from test_infer_order import cue_marks, infer
from test_infer_revisits import story_stops

from geomap.infer import infer_journey
from geomap.infer.evidence import MentionEvidence
from geomap.infer.sequence import LAST
from geomap.infer.visits import visits


@pytest.mark.parametrize(("text", "language"), [
    ("Samedi, Rolan est parti pour Corin en train, sur la route que suivait son aïeul en 1861.", "fr"),
    ("On Saturday Rolan set off for Corin by rail, retracing the route his forebear took in 1861.", "en"),
])
def test_a_year_told_in_another_clause_leaves_the_trips_day(text: str, language: str) -> None:
    # The day nearer the place is the trip's; the year is the forebear's journey.
    assert not has(text, language, "corin", "past_year")
    [e] = evidence(text, language)["corin"]
    assert e.date is not None and e.date.date == dt.date(2024, 5, 4) and e.features.get("dated_move")


@pytest.mark.parametrize(("text", "language"), [
    ("Samedi, Rolan est arrivé à Corin, une ville qu'il avait visitée en 2019 avec Borna.", "fr"),
    ("On Saturday Rolan arrived in Corin, a city he had visited in 2019 with Borna.", "en"),
])
def test_a_year_nearer_than_the_day_still_tells_an_earlier_time(text: str, language: str) -> None:
    assert has(text, language, "borna", "past_year") and not has(text, language, "corin", "past_year")


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé samedi à Corin, comme il y a un an à Borna.", "fr"),
    ("Rolan arrived in Corin on Saturday, as he did in Borna a year ago.", "en"),
])
def test_another_times_mark_belongs_to_the_place_it_is_nearer_than_the_day(text: str, language: str) -> None:
    assert has(text, language, "borna", "past") and not has(text, language, "corin", "past")


@pytest.mark.parametrize(("text", "language"), [
    ("Il y a une semaine, Rolan a visité Borna, et le lendemain Dalm.", "fr"),
    ("A week ago Rolan visited Borna, and the next day Dalm.", "en"),
])
def test_a_day_counted_from_an_earlier_time_is_in_that_time(text: str, language: str) -> None:
    # "le lendemain" is the day after the week-old visit: no day of the trip's own, and none for Dalm.
    assert has(text, language, "borna", "past") and has(text, language, "dalm", "past")


@pytest.mark.parametrize(("text", "language"), [
    ("Samedi, Rolan est arrivé à Avel. Il y a un mois, il avait visité Borna, puis le lendemain Dalm.", "fr"),
    ("On Saturday Rolan arrived in Avel. A month ago he visited Borna, and the next day Dalm.", "en"),
])
def test_a_day_counted_in_a_clause_of_another_time_dates_nothing(text: str, language: str) -> None:
    # "le lendemain" follows the visit of a month ago, not Saturday.
    [e] = evidence(text, language)["dalm"]
    assert e.features.get("past") and e.date is None


def test_a_day_counted_from_an_earlier_time_in_a_real_story() -> None:
    # "Il y a moins d'une semaine, … une tournée européenne qui l'avait mené à Rome, à Berlin et à
    # Aix-la-Chapelle, …, et qu'il a conclue le lendemain …": an earlier trip, undated.
    for surface in ("Berlin", "Aix-la-Chapelle"):
        [e] = story_evidence("zelensky-hiroshima-2023-b", surface, "l'avait mené")
        assert e.features.get("past") and e.date is None


def test_an_earlier_year_in_another_clause_in_real_stories() -> None:
    # "Obama set off for Washington by rail on Saturday, … the route Abraham Lincoln travelled … in 1861";
    # "Mardi 21 mars — Recueillement à Boutcha, … où une fosse commune avait été découverte il y a un an".
    assert story_stops("obama-train-2009")[0] == "Philadelphia"
    # Whether Boutcha is then kept is the fitted weights' call; the clause's earlier time is not its.
    [e] = story_evidence("kishida-kyiv-2023-b", "Boutcha", "Recueillement à")
    assert not e.features.get("past") and not e.features.get("past_year") and e.date is not None


@pytest.mark.parametrize(("text", "language"), [
    ("Le train de Rolan est arrivé samedi soir en gare après un long trajet depuis Corin, achevant son voyage.", "fr"),
    ("Rolan's train pulled into the station on Saturday evening after a long ride from Corin, ending his trip.", "en"),
])
def test_the_origin_of_a_move_ending_the_trip_is_not_its_last_leg(text: str, language: str) -> None:
    mark = cue_marks(text, language)["Corin"]
    assert mark.origin and mark.rank == LAST  # the cue, as read
    found = evidence(text, language, date=dt.date(2024, 5, 5))["corin"]
    assert [v.rank for v in visits({"corin": found}, {(0, e.start): mark for e in found})] == [0]


@pytest.mark.parametrize(("text", "language"), [
    ("Le train devait passer par Corin avant sa dernière étape vers Eska.", "fr"),
    ("The train was due in Corin before its final leg to Eska.", "en"),
])
def test_a_leg_phrase_going_on_to_somewhere_else_ranks_nothing(text: str, language: str) -> None:
    assert "Corin" not in cue_marks(text, language)


def test_a_leg_ended_by_leaving_the_place_keeps_its_rank_in_real_stories() -> None:
    # "He flew out of Hanoi on Thursday evening, ending a tour": Hanoi, left, closes the tour; "a ride from
    # Philadelphia, ending a journey", "before its final leg to Union Station" and "the last leg, from
    # Baltimore to the capital" close nothing ("en provenance de Philadelphie", "ultime étape").
    assert story_stops("putin-korea-vietnam-2024")[-1] == "Hanoi"
    # obama-train-2009-b's Philadelphie ("relier Philadelphie à la capitale") was asserted first here until the
    # 100-folder refit of 2026-12-02 made a mentioned home town a stop ahead of it: no cue marks Philadelphie
    # there, so that case tested the weights, not this rule (tested above in French and English).


@pytest.mark.parametrize(("text", "language"), [
    ("Parti lundi d'Avel, revenu à Corin mardi : le voyage de Rolan a duré deux jours.", "fr"),
    ("Leaving Avel on Monday and landing in Corin on Tuesday, Rolan met the press.", "en"),
])
def test_a_travel_verb_opening_the_sentence_is_no_one_elses_name(text: str, language: str) -> None:
    # The participle is capitalised by its place; before, it was read as another person doing the move.
    assert not has(text, language, "corin", "other_subject") and has(text, language, "corin", "move")


def story_evidence(folder: str, surface: str, words: str) -> list[MentionEvidence]:
    """The evidence of a real story's mentions of ``surface`` whose text up to it holds ``words``."""
    arts, found = gold_evidence(folder)
    return [e for e in found if arts[e.article].text[e.start : e.end] == surface
            and words in arts[e.article].text[max(0, e.start - 120) : e.end]]


def test_a_travel_verb_opening_the_sentence_in_real_stories() -> None:
    # "Parti mardi soir de la base d'Andrews, revenu à Washington dans la nuit de mercredi à jeudi";
    # "Arrivé dimanche après-midi à Hanoï après avoir quitté le G20 de New Delhi": the traveller's moves.
    for folder, surface, words in (("biden-israel-2023-b", "Washington", "revenu à"),
                                   ("biden-india-vietnam-2023-b", "New Delhi", "avoir quitté")):
        [e] = story_evidence(folder, surface, words)
        assert not e.features.get("other_subject") and e.verb in ("return", "depart")


@pytest.mark.parametrize(("texts", "language"), [
    ([("Rolan est arrivé à Borna mercredi.", dt.date(2024, 5, 8)),
      ("Rolan est rentré de Corin vendredi après-midi.", dt.date(2024, 5, 10))], "fr"),
    ([("Rolan arrived in Borna on Wednesday.", dt.date(2024, 5, 8)),
      ("Rolan flew home from Corin on Friday afternoon.", dt.date(2024, 5, 10))], "en"),
    ([("Mercredi, Rolan est arrivé à Borna.", dt.date(2024, 5, 8)),
      ("Vendredi, Rolan a visité Borna, puis Corin. Il est rentré de Corin dans l'après-midi.", dt.date(2024, 5, 10))],
     "fr"),
    ([("On Wednesday Rolan arrived in Borna.", dt.date(2024, 5, 8)),
      ("On Friday Rolan visited Borna, and then Corin. He flew home from Corin in the afternoon.", dt.date(2024, 5, 10))],
     "en"),
])
def test_the_place_left_for_home_is_the_trips_last_stop(texts: list[tuple[str, dt.date]], language: str) -> None:
    # Corin is where the trip ended, left for home: not home itself (before, first and last).
    assert infer(texts, language) == ["borna", "corin"]


def test_the_place_left_for_home_in_a_real_story() -> None:
    # "The royal couple flew home to London from Hamburg on Friday afternoon": Hamburg is left, once.
    stops = story_stops("charles-germany-2023")
    assert stops[-1] == "London" and stops.count("Hamburg") == 1


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan s'était envolé d'Avel plus tôt dans la journée. Son avion a décollé de nouveau, cette fois pour Corin.", "fr"),
    ("Rolan had flown from Avel earlier in the day. His plane is airborne again, this time for Corin.", "en"),
])
def test_flown_from_and_airborne_for(text: str, language: str) -> None:
    found = evidence(text, language)
    assert [e.verb for e in found["avel"]] == ["depart"] and [e.verb for e in found["corin"]] == ["head"]


def test_flown_from_and_airborne_for_in_real_stories() -> None:
    # "Erdogan had flown from Ankara earlier in the day": left; "(Anchorage) — Air Force One is
    # airborne again, this time for Joint Base Andrews": back where the trip left from.
    [e] = story_evidence("erdogan-gulf-2023", "Ankara", "had flown from")
    assert e.verb == "depart" and not e.features.get("other_subject")
    stops = story_stops("biden-india-vietnam-2023")
    assert stops[0] == stops[-1] == "Joint Base Andrews"


@pytest.mark.parametrize(("text", "language"), [
    (("Vendredi matin, Rolan a parlé devant le Parlement. Le président, qui était arrivé à Avel tard jeudi soir, "
      "a remercié ses hôtes. Dans l'après-midi, il s'est envolé pour Corin."), "fr"),
    (("Rolan addressed Parliament on Friday morning. The president, who arrived in Avel late Thursday night, "
      "thanked his hosts. In the afternoon he flew to Corin."), "en"),
])
def test_a_day_told_in_a_relative_clause_does_not_move_the_narrative(text: str, language: str) -> None:
    # "In the afternoon" is Friday's: Thursday is the background of a relative clause.
    [e] = evidence(text, language, date=dt.date(2024, 5, 10))["corin"]
    assert e.told is not None and e.told.date == dt.date(2024, 5, 10)


@pytest.mark.parametrize(("text", "language"), [
    (("Vendredi matin, Rolan a parlé devant le Parlement. Son hôte, qui avait accueilli M. Rolan à Avel tard jeudi "
      "soir, l'a remercié. Dans l'après-midi, il s'est envolé pour Corin."), "fr"),
    (("Rolan addressed Parliament on Friday morning. His host, who welcomed Mr. Rolan to Avel late Thursday night, "
      "thanked him. In the afternoon he flew to Corin."), "en"),
])
def test_a_relative_clause_reads_on_past_an_abbreviations_full_stop(text: str, language: str) -> None:
    # "who welcomed Mr. Rolan … Thursday": the title's full stop ends no clause, so Thursday is still the
    # relative clause's, and "In the afternoon" Friday's.
    [e] = evidence(text, language, date=dt.date(2024, 5, 10))["corin"]
    assert e.told is not None and e.told.date == dt.date(2024, 5, 10)


def test_a_day_told_in_a_relative_clause_in_real_stories() -> None:
    # "The Ukrainian president, who arrived at Ottawa's airport late Thursday night, …. In the afternoon, the
    # two leaders flew together to Toronto": Friday's afternoon; "came down in Luanda after a day of travel
    # that began Sunday night at Joint Base Andrews … On the way the president stopped on Sal": Monday's.
    stops = story_stops("zelensky-north-america-2023-b")
    assert stops.index("Ottawa") < stops.index("Toronto")
    [e] = story_evidence("biden-angola-2024", "Sal", "stopped on")
    assert e.told is not None and e.told.date == dt.date(2024, 12, 2)


@pytest.mark.parametrize(("text", "language"), [
    ("Vendredi, à Avel, Rolan a rencontré des étudiants. Arrivé samedi d'Avel, Rolan a visité Corin.", "fr"),
    ("On Friday, in Avel, Rolan met students. Rolan flew in from Avel on Saturday and visited Corin.", "en"),
])
def test_a_day_stated_at_a_place_before_it_was_left_dates_the_visit(text: str, language: str) -> None:
    # Left on Saturday, but there on Friday: the visit began by Friday.
    assert dates([(text, dt.date(2024, 5, 12))], language)["avel"] == dt.date(2024, 5, 10)


def story_dates(folder: str) -> dict[str, dt.date | None]:
    """The first inferred date of each stop of a real story (gold places, shipped weights)."""
    story = gold_story(folder)
    out: dict[str, dt.date | None] = {}
    for s in infer_journey(story.articles, story.mentions, story.places).stops:
        out.setdefault(s.place_id, s.date)
    return out


def test_a_day_stated_at_a_place_before_it_was_left_in_real_stories() -> None:
    # "La veille, à Djeddah, M. Zelensky …" then "Arrivé samedi de Djeddah": there on Friday.
    assert story_dates("zelensky-hiroshima-2023-b")["Djeddah"] == dt.date(2023, 5, 19)


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan et la reine Mira ont atterri mardi à Corin.", "fr"),
    ("Rolan and his wife Mira landed in Corin on Tuesday.", "en"),
])
def test_a_name_joined_to_the_travellers_with_a_title_does_the_move_with_them(text: str, language: str) -> None:
    # "and his wife Mira", "et la reine Mira": the title between "and" and the name hid the traveller.
    assert has(text, language, "corin", "move", traveller="Rolan")
    assert not has(text, language, "corin", "other_subject", traveller="Rolan")


def test_a_couple_as_the_subject_in_a_real_story() -> None:
    # Another hand: "Le roi Charles III et la reine Camilla ont atterri mercredi après-midi à l'aéroport d'Orly".
    found = story_evidence("charles-france-2023", "aéroport d'Orly", "Camilla ont atterri")
    assert found and all(e.features.get("move") and not e.features.get("other_subject") for e in found)
