"""A place told only as an earlier time (a pluperfect with no day of the trip, an earlier year) is no stop (FR and EN)."""

from __future__ import annotations

import datetime as dt

import pytest
from storyutil import told_in
from test_infer import BY_ID, article, evidence, mentions_of
from test_infer_revisits import story_stops

from geomap.infer import story_features


@pytest.mark.parametrize(("text", "language"), [
    ("Samedi, Rolan est arrivé à Corin. Le roi s'était alors rendu à Borna pour son premier voyage.", "fr"),
    ("On Saturday Rolan arrived in Corin. The king had flown to Borna for his first trip abroad.", "en"),
])
def test_a_pluperfect_with_no_day_of_the_trip_tells_an_earlier_time(text: str, language: str) -> None:
    ev = evidence(text, language)
    assert all(e.earlier for e in ev["borna"]) and not any(e.earlier for e in ev["corin"])
    arts = [article("a", text, dt.date(2024, 5, 10), language)]
    features, _, _ = story_features(arts, mentions_of(arts), BY_ID)
    # Told there only by its verb ("had flown to X"), the place weighs that verb as an earlier trip's.
    assert features["borna"].get("earlier") or features["borna"].get("verb_past")
    assert not features["borna"].get("move") and not features["corin"].get("earlier")


@pytest.mark.parametrize(("text", "language"), [
    ("La veille, Rolan avait quitté Borna, où il s'était entretenu vendredi avec Dalm.", "fr"),
    ("Rolan had boarded the train on Thursday evening in Borna and crossed into Xland overnight.", "en"),
])
def test_a_pluperfect_with_a_day_of_the_trip_is_the_trip_told_in_reported_speech(text: str, language: str) -> None:
    # The trip's own moves, told from a later day: a day of the trip's time in the sentence.
    assert not any(e.earlier for e in evidence(text, language)["borna"])


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan avait passé le week-end à Borna et a regagné Corin avant de partir pour Eska.", "fr"),
    ("Rolan had spent the weekend in Borna and flew back to Corin before setting off for Eska.", "en"),
])
def test_a_verb_joined_by_and_after_a_pluperfect_is_told_in_its_own_time(text: str, language: str) -> None:
    # biden-angola-2024-b: "He had spent Thanksgiving weekend … on Nantucket and flew back to Washington".
    ev = evidence(text, language)
    assert all(e.earlier for e in ev["borna"]) and not any(e.earlier for e in ev["corin"])


@pytest.mark.parametrize(("text", "language"), [
    ("Samedi, Rolan est arrivé à Corin. Le roi s'était alors rendu à Borna pour son premier voyage.", "fr"),
    ("On Saturday Rolan arrived in Corin. The king had flown to Borna for his first trip abroad.", "en"),
])
def test_a_move_told_in_the_pluperfect_of_an_earlier_time_counts_as_an_earlier_trip(text: str, language: str) -> None:
    # Counted as a move, the verb outweighed "earlier" (charles-france-2023's Berlin at 0.45 vs 0.44).
    ev = evidence(text, language)
    assert all(e.features.get("verb_past") and not e.features.get("move") for e in ev["borna"])
    assert all(e.features.get("move") for e in ev["corin"])


@pytest.mark.parametrize(("text", "language"), [
    # The trip's own start, told in the pluperfect from its arrival: left, or reached from.
    ("Samedi, Rolan est arrivé à Corin. L'avion avait quitté Borna pour son premier voyage.", "fr"),
    ("On Saturday Rolan arrived in Corin. He had left Borna for his first trip abroad.", "en"),
    ("Samedi, Rolan est arrivé à Corin. Il était arrivé de Borna pour son premier voyage.", "fr"),
    ("On Saturday Rolan arrived in Corin. The king had flown in from Borna for his first trip abroad.", "en"),
])
def test_a_place_left_in_the_pluperfect_keeps_its_verb(text: str, language: str) -> None:
    assert not any(e.features.get("verb_past") for e in evidence(text, language)["borna"])


def test_a_place_named_in_both_times_is_not_told_only_as_an_earlier_one() -> None:
    text = "Le roi s'était alors rendu à Borna. Samedi, Rolan est arrivé à Borna."
    arts = [article("a", text, dt.date(2024, 5, 10), "fr")]
    features, _, _ = story_features(arts, mentions_of(arts), BY_ID)
    assert not features["borna"].get("earlier")


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # fr, by another hand: an earlier state visit, "Le roi s'était alors rendu en Allemagne, à Berlin puis à Hambourg"
    ("charles-france-2023", "s'était alors rendu", "Berlin"),
    ("charles-france-2023", "s'était alors rendu", "Hambourg"),
    # en, by another hand: the host's earlier tour, "Xi had returned from a European tour that took him to Paris"
    ("putin-china-2024-b", "had returned from a European tour", "Paris"),
    # fr: "Lors de sa tournée asiatique de 1970, Paul VI avait été blessé … à son arrivée à Manille"
    ("pope-asia-2024", "Paul VI avait été blessé", "Manille"),
])
def test_earlier_trips_in_stories_by_different_hands(folder: str, sentence: str, name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and all(e.earlier for e in told)


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # fr, by another hand: the King's earlier state visit
    ("charles-france-2023", "s'était alors rendu", "Berlin"),
    # fr, by another hand (held-out 7): Paul VI's pilgrimage of 1964, "Paul VI, parti de Rome le matin,
    # s'était posé à Amman" (Amman is a stop of this trip too, told elsewhere)
    ("jpii-holy-land-2000-b", "s'était posé à Amman", "Amman"),
    # fr, ours: Lincoln's train of 1861, "il avait ensuite traversé Baltimore de nuit"
    ("obama-train-2009-b", "avait ensuite traversé Baltimore", "Baltimore"),
])
def test_earlier_trips_told_in_the_pluperfect_count_no_move_in_real_stories(folder: str, sentence: str,
                                                                             name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and all(e.features.get("verb_past") and not e.features.get("move") for e in told)


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # "le chef de l'État russe avait passé la journée de lundi à Kyzyl": the trip, told looking back
    ("putin-mongolia-2024", "avait passé la journée de lundi", "Kyzyl"),
    # "He had boarded it on Thursday evening in Przemyśl"
    ("modi-kyiv-2024-b", "He had boarded it on Thursday evening", "Przemyśl"),
])
def test_the_trip_told_in_the_pluperfect_in_real_stories(folder: str, sentence: str, name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and not any(e.earlier for e in told)
    assert name in story_stops(folder)


def test_earlier_trips_are_no_stops_in_real_stories() -> None:
    # charles-france-2023's Berlin and Hambourg were asserted here too until the 100-folder refit of
    # 2026-12-02 (earlier -0.87 -> -0.63, threshold .43 -> .41) kept them: that they are told as an earlier
    # time is asserted above; whether that outweighs "s'était rendu" is the fitted weights' call.
    stops = story_stops("putin-china-2024-b")
    assert not {"Paris", "Belgrade", "Budapest"} & set(stops) and "Harbin" in stops


@pytest.mark.parametrize(("folder", "gone", "kept"), [
    # fr, by another hand: the King's earlier state visit, "Le roi s'était alors rendu en Allemagne, à
    # Berlin puis à Hambourg, pour son premier déplacement à l'étranger" (its verb counts as an earlier
    # trip's, not as a move: counted as a move it kept them at 0.45 against 0.44)
    ("charles-france-2023", {"Berlin", "Hambourg"}, "Landiras"),
    # fr, ours: someone else's day, "Le président américain, qui s'était posé à Lima jeudi, doit ensuite
    # faire un détour par Manaus" (the trip's own Lima stays)
    ("xi-latin-america-2024", {"Manaus"}, "Lima"),
])
def test_the_pluperfect_is_no_evidence_for_a_stop_in_real_stories(folder: str, gone: set[str], kept: str) -> None:
    # The tense was weighed for the place, and fitted positive, it kept these (LOSO too): whether a
    # pluperfect looks back at the trip or before it is ``earlier``'s call, not the tense's.
    stops = story_stops(folder)
    assert not gone & set(stops) and kept in stops


@pytest.mark.parametrize(("text", "language", "date", "said"), [
    ("Samedi, Rolan est arrivé à Corin. Depuis, il s'est rendu en octobre à Borna.", "fr", dt.date(2023, 12, 6), "past"),
    ("On Saturday Rolan arrived in Corin. Since then he has been to Borna in October.", "en", dt.date(2023, 12, 6), "past"),
    ("Samedi, Rolan est arrivé à Corin. En mai, il accueillera le sommet à Borna.", "fr", dt.date(2023, 3, 21), "future"),
    ("On Saturday Rolan arrived in Corin. In May he will host the summit in Borna.", "en", dt.date(2023, 3, 21), "future"),
])
def test_a_month_named_alone_months_away_is_another_time(text: str, language: str, date: dt.date, said: str) -> None:
    ev = evidence(text, language, date=date)
    assert all(e.features.get(said) for e in ev["borna"])
    assert not any(e.features.get("past") or e.features.get("future") for e in ev["corin"])


@pytest.mark.parametrize(("text", "language", "date"), [
    # The trip's own month (a preview, a recap), a month with its day, month names that are ordinary words.
    ("En décembre, Rolan s'est rendu à Borna.", "fr", dt.date(2023, 12, 6)),
    ("In November Rolan travelled to Borna.", "en", dt.date(2023, 12, 6)),
    ("Le 12 octobre, Rolan s'est rendu à Borna.", "fr", dt.date(2023, 12, 6)),
    ("Rolan may travel to Borna.", "en", dt.date(2023, 10, 6)),
    # The verb "march" (cues.yaml month_words): in July it read as March, four months back.
    ("Rolan and the veterans march to Borna.", "en", dt.date(2023, 7, 6)),
])
def test_a_month_near_the_story_or_with_a_day_is_no_earlier_time(text: str, language: str, date: dt.date) -> None:
    ev = evidence(text, language, date=date)
    assert ev["borna"] and not any(e.features.get("past") for e in ev["borna"])


@pytest.mark.parametrize(("folder", "gone", "kept"), [
    # fr, by another hand: "Depuis, il s'est rendu en octobre à Bichkek, au Kirghizstan, puis à Pékin."
    ("putin-gulf-2023-a", {"Bishkek", "Beijing"}, "Moscow"),
    # en, ours: "In May he will host the G7 in Hiroshima, the city his family comes from."
    ("kishida-kyiv-2023", {"Hiroshima"}, "Warsaw"),
])
def test_trips_of_other_months_are_no_stops_in_real_stories(folder: str, gone: set[str], kept: str) -> None:
    stops = story_stops(folder)
    assert not gone & set(stops) and kept in stops


@pytest.mark.parametrize(("text", "earlier"), [
    # Moves take "être" in French: its pluperfect looks back as "avoir"'s does.
    ("Samedi, Rolan est arrivé à Corin. Le roi était alors reparti pour Borna pour son premier voyage.", True),
    ("Samedi, Rolan est arrivé à Corin. Le roi était venu à Borna pour son premier voyage.", True),
    ("Samedi, Rolan est arrivé à Corin. Le roi n'avait voyagé qu'une fois, à Borna.", True),
    # "était" alone is the imperfect: a stay, a return ("était de retour"), not a pluperfect.
    ("Samedi, Rolan est arrivé à Corin. Le roi était à Borna pour la signature.", False),
    ("Samedi, Rolan est arrivé à Corin. Le soir, il était de retour à Borna.", False),
])
def test_the_pluperfect_of_etre_and_a_negated_one_tell_an_earlier_time(text: str, earlier: bool) -> None:
    ev = evidence(text, "fr")
    assert all(e.earlier == earlier for e in ev["borna"]) and not any(e.earlier for e in ev["corin"])


@pytest.mark.parametrize(("folder", "sentence", "name"), [
    # fr, by another hand: Trudeau's earlier trip, "Le Premier ministre était reparti pour Canton, dans le sud"
    ("trudeau-india-2018-b", "était reparti pour Canton", "Guangzhou"),
    # fr, by another hand: Paul VI's pilgrimage of 1964, "… et était entré dans Jérusalem, alors coupée en deux"
    ("jpii-holy-land-2000-b", "était entré dans Jérusalem", "Jérusalem"),
])
def test_the_pluperfect_of_etre_in_real_stories(folder: str, sentence: str, name: str) -> None:
    told = told_in(folder, sentence, name)
    assert told and all(e.earlier for e in told)
