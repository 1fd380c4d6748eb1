"""Dating the inferred stops: which day of the text a stop is shown with (FR and EN)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from storyutil import STORIES, gold_evidence, gold_story, said_in, told_in

from geomap.articles import split_sentences
from geomap.infer import infer_journey
from geomap.infer.evidence import MentionEvidence, mention_evidence
from geomap.infer.score import Weights
from geomap.infer.visits import visits
from geomap.mentions import Matcher, find_mentions
from geomap.model import Article, Place


def place(pid: str, name: str, lat: float, lon: float) -> Place:
    return Place(id=pid, name=name, kind="city", lat=lat, lon=lon, country="XA", aliases=(name,))


# Invented towns, so no test leans on a real story's geography.
PLACES = {p.id: p for p in (place("avel", "Avel", 50.0, 10.0), place("corin", "Corin", 51.0, 14.0),
                            place("eska", "Eska", 52.0, 20.0))}
#: Fixed weights, so these tests test the dating, not the latest fit.
WEIGHTS = Weights({"move": 2.0, "leave": 2.0, "doings": 2.0, "dated": 0.5, "verb_other": -3.0, "speech": -3.0},
                  -1.0, 0.5, "date tests", "")


def dates(texts: list[tuple[str, dt.date | None]], language: str) -> dict[str, dt.date | None]:
    arts = [Article(id=f"a{i}", path=Path(f"a{i}.txt"), text=t, date=d, language=language, title=None,
                    sentences=split_sentences(t)) for i, (t, d) in enumerate(texts)]
    ms = find_mentions(arts, Matcher((p.name, p.id) for p in PLACES.values()))
    journey = infer_journey(arts, ms, PLACES, weights=WEIGHTS)
    return {s.place_id: s.date for s in journey.stops}


SUNDAY = dt.date(2023, 9, 17)


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé vendredi à Avel. Le soir même, il a rencontré des étudiants à Corin. "
     "Dimanche, Rolan a quitté Corin pour Eska.", "fr"),
    ("Rolan flew to Avel on Friday. That evening he met students in Corin. "
     "On Sunday, Rolan left Corin for Eska.", "en"),
])
def test_a_stop_whose_only_stated_day_is_its_leaving_is_reached_on_the_day_it_is_first_told(
        text: str, language: str) -> None:
    # "left X on Sunday" says when the stay ended; the narrative had reached X on Friday.
    assert dates([(text, SUNDAY)], language)["corin"] == dt.date(2023, 9, 15)


def visits_of(texts: list[tuple[str, dt.date | None]], language: str, pid: str) -> list[dt.date | None]:
    arts = [Article(id=f"a{i}", path=Path(f"a{i}.txt"), text=t, date=d, language=language, title=None,
                    sentences=split_sentences(t)) for i, (t, d) in enumerate(texts)]
    ms = find_mentions(arts, Matcher((p.name, p.id) for p in PLACES.values()))
    journey = infer_journey(arts, ms, PLACES, weights=WEIGHTS)
    return [s.date for s in journey.stops if s.place_id == pid]


WED, SAT, SUN = dt.date(2023, 8, 2), dt.date(2023, 8, 5), dt.date(2023, 8, 6)


@pytest.mark.parametrize(("texts", "language"), [
    ([("AVEL (AFP) — Rolan est arrivé mercredi pour une visite de cinq jours.", WED),
      ("Samedi, Rolan a quitté Avel pour Corin. Il est ensuite rentré à Avel.", SAT)], "fr"),
    ([("AVEL (Reuters) - Rolan arrived on Wednesday for a five-day visit.", WED),
      ("On Saturday Rolan left Avel for Corin. He then returned to Avel.", SAT)], "en"),
])
def test_a_place_left_and_come_back_to_was_there_on_its_dateline_day(
        texts: list[tuple[str, dt.date | None]], language: str) -> None:
    # Left on Saturday, but an article filed there on Wednesday had the traveller there already.
    assert visits_of(texts, language, "avel")[0] == WED


SATURDAY = dt.date(2024, 5, 25)


def told_on(text: str, language: str, on: dt.date) -> dict[str, list[MentionEvidence]]:
    """The mentions of one article of the day ``on``, by place."""
    art = Article(id="a", path=Path("a.txt"), text=text, date=on, language=language, title=None,
                  sentences=split_sentences(text))
    out: dict[str, list[MentionEvidence]] = {}
    for e in mention_evidence([art], find_mentions([art], Matcher((p.name, p.id) for p in PLACES.values())),
                              PLACES)[0]:
        out.setdefault(e.place_id, []).append(e)
    return out


def day_of(text: str, language: str, pid: str) -> dt.date | None:
    """The day the text gives the mention of ``pid`` (read on SATURDAY)."""
    first = told_on(text, language, SATURDAY)[pid][0]
    return first.date.date if first.date is not None else None


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé samedi à Avel. Mardi, il recevra à Corin le prix de la paix.", "fr"),
    ("Rolan arrived in Avel on Saturday. The highlight in Corin is expected on Tuesday.", "en"),
])
def test_a_weekday_told_in_the_future_tense_is_the_coming_one(text: str, language: str) -> None:
    # A preview published on Saturday: "Tuesday" is three days on, not four days back.
    assert day_of(text, language, "corin") == dt.date(2024, 5, 28)


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé samedi à Avel. Mardi, il était à Corin, où il prononcera un discours.", "fr"),
    ("Rolan arrived in Avel on Saturday. By Tuesday he was on his way to Corin, where he will speak.", "en"),
])
def test_a_future_told_after_the_place_and_its_day_leaves_the_day_past(text: str, language: str) -> None:
    assert day_of(text, language, "corin") == dt.date(2024, 5, 21)


@pytest.mark.parametrize(("text", "language"), [
    ("Rolan est arrivé samedi à Avel. Il s'envolera ensuite pour Eska ; il avait atterri mardi à Corin.", "fr"),
    ("Rolan arrived in Avel on Saturday. He will fly on to Eska; he had landed in Corin on Tuesday.", "en"),
])
def test_a_weekday_told_in_the_pluperfect_after_a_future_stays_past(text: str, language: str) -> None:
    # The future is Eska's; Corin's own verb tells a day gone by: last Tuesday, not the coming one.
    assert day_of(text, language, "corin") == dt.date(2024, 5, 21)


@pytest.mark.parametrize(("text", "language", "pid"), [
    # A preview published on Saturday tells the rest of the trip's schedule in the present.
    ("Rolan est arrivé samedi à Avel. La visite s'achève mardi à Corin, où il rencontrera des étudiants.", "fr", "corin"),
    ("Rolan arrived in Avel on Saturday. The visit ends on Tuesday in Corin, where he will meet students.", "en", "corin"),
    ("Rolan est arrivé samedi à Avel. Reste l'étape de Corin, mardi, qui dira si le voyage a réussi.", "fr", "corin"),
    ("Rolan is in Eska this week. Rolan leaves Avel on Tuesday for three days in Corin.", "en", "avel"),
    # A reflexive verb with a future ending is a future whatever its subject: a name, not a pronoun.
    ("Rolan est à Eska. Rolan Tavi s'envolera ensuite pour Avel, où il est attendu au sommet de Corin, mardi.", "fr",
     "corin"),
    ("Rolan is in Eska. Rolan Tavi will then fly on to Avel, where he is awaited at the summit of Corin on Tuesday.",
     "en", "corin"),
])
def test_a_schedule_told_in_the_present_or_a_name_subjects_future_is_to_come(text: str, language: str,
                                                                             pid: str) -> None:
    assert day_of(text, language, pid) == dt.date(2024, 5, 28)


def _told_days(folder: str, name: str, sentence: str) -> list[dt.date | None]:
    """The days a real story's sentence gives its mentions of gold place ``name``."""
    return [e.date.date if e.date is not None else None for e in said_in(*gold_evidence(folder), sentence, name)]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence", "day"), [
    # Published on Wednesday 29 March: "ends on Friday" is the 31st, not the 24th.
    ("charles-germany-2023", "Hamburg", "The visit ends on Friday in Hamburg", dt.date(2023, 3, 31)),
    # A newsletter of Sunday 16 July: "leaves Ankara on Monday" is the 17th.
    ("erdogan-gulf-2023-b", "Ankara", "leaves Ankara on Monday", dt.date(2023, 7, 17)),
    # A column of Tuesday 26 March: "Reste l'étape de Brazzaville, vendredi" is the 29th.
    ("xi-russia-africa-2013-b", "Brazzaville", "Reste l'étape de Brazzaville", dt.date(2013, 3, 29)),
    # Saturday 16 November: "Xi Jinping s'envolera ensuite pour le Brésil, où … Rio de Janeiro, lundi".
    ("xi-latin-america-2024", "Rio de Janeiro", "s'envolera ensuite pour le Brésil", dt.date(2024, 11, 18)),
])
def test_schedules_to_come_in_stories_by_different_hands(folder: str, name: str, sentence: str, day: dt.date) -> None:
    assert _told_days(folder, name, sentence) == [day]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence", "day"), [
    # A diary of Monday 14 May, its narration at Sunday: "la base aérienne où il avait atterri mercredi" is
    # the 9th, not the Wednesday after the Sunday.
    ("benedict-brazil-2007-a", "Guarulhos", "où il avait atterri mercredi", dt.date(2007, 5, 9)),
    # A magazine's recap of Saturday 26 October: "Le couple royal avait atterri mercredi soir à l'aéroport de
    # Faleolo" is the 23rd (right already: no later day told before it; it must stay so).
    ("charles-australia-samoa-2024-b", "Faleolo", "avait atterri mercredi soir", dt.date(2024, 10, 23)),
])
def test_days_told_in_the_pluperfect_in_stories_by_different_hands(folder: str, name: str, sentence: str,
                                                                  day: dt.date) -> None:
    assert _told_days(folder, name, sentence) == [day]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence", "day"), [
    # A column of Monday 20 March, after "jusqu'au dimanche 12 mars": "Le même dimanche, … à Tokyo" is the 12th.
    ("salman-asia-2017-b", "Tokyo", "Le même dimanche", dt.date(2017, 3, 12)),
    # A brief of Tuesday 12 September, after "Hanoï lundi": "se poser le même lundi à Anchorage" is the 11th.
    ("biden-india-vietnam-2023-b", "Anchorage", "le même lundi à Anchorage", dt.date(2023, 9, 11)),
])
def test_the_same_weekday_in_stories_by_different_hands(folder: str, name: str, sentence: str, day: dt.date) -> None:
    assert _told_days(folder, name, sentence) == [day]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence", "day"), [
    # A preview of Tuesday 28 March: "à Lagos, où il restera jusqu'à lundi. … une escale … est prévue à Monrovia":
    # the narrative has moved to Monday 3 April, not back to 27 March, before the trip.
    ("carter-latam-africa-1978-b", "Monrovia", "est prévue à Monrovia", dt.date(1978, 4, 3)),
    # Questions of Monday 17 September: "où il restera jusqu'à jeudi. Son avion décollera de … Seongnam": the 20th.
    ("moon-pyongyang-2018-b", "Seongnam", "Son avion décollera", dt.date(2018, 9, 20)),
    # Wednesday 1 March: "s'envolera vendredi pour Luanda, avant de gagner Brazzaville": the 3rd, not 24 February.
    ("macron-afrique-2023", "Brazzaville", "avant de gagner Brazzaville", dt.date(2023, 3, 3)),
])
def test_a_narrative_day_told_in_the_future_in_stories_by_different_hands(folder: str, name: str, sentence: str,
                                                                          day: dt.date) -> None:
    assert [e.told.date if e.told is not None else None for e in told_in(folder, sentence, name)] == [day]


@pytest.mark.parametrize(("text", "language"), [
    (("Retour sur la journée de jeudi, à Avel.\n\n17h25 - Le cortège a quitté Avel et a gagné Corin.\n\n"
      "15h50 - Arrivée du président à Avel."), "fr"),
    (("Thursday recap: the president spent the day in Avel.\n\n4:05 p.m. — Touchdown in Corin.\n\n"
      "9:30 a.m. — Wheels up from Avel."), "en"),
])
def test_a_live_blogs_entry_is_told_on_its_articles_day(text: str, language: str) -> None:
    # The last day named before the entries (Thursday) is not theirs: each was posted on Saturday.
    arts = [Article(id="a", path=Path("a.txt"), text=text, date=SUNDAY - dt.timedelta(days=1), language=language,
                    title=None, sentences=split_sentences(text))]
    ms = find_mentions(arts, Matcher((p.name, p.id) for p in PLACES.values()))
    found, _ = mention_evidence(arts, ms, PLACES)
    entries = [e for e in found if e.start > text.index("\n")]
    assert entries and all(e.told is not None and e.told.date == SUNDAY - dt.timedelta(days=1) for e in entries)
    first = next(e for e in found if e.start < text.index("\n"))
    assert first.told is not None and first.told.date == dt.date(2023, 9, 14)


@pytest.mark.parametrize(("folder", "article", "name", "day"), [
    ("pope-belgium-luxembourg-2024", "02-direct-samedi", "Louvain-la-Neuve", dt.date(2024, 9, 28)),
    ("biden-angola-2024-b", "01-live-day1", "Luanda", dt.date(2024, 12, 2)),
    ("kim-hanoi-2019-b", "02-live-arrival", "Hanoi", dt.date(2019, 2, 26)),
])
def test_live_blog_entries_in_stories_told_by_different_hands(folder: str, article: str, name: str,
                                                               day: dt.date) -> None:
    arts, found = gold_evidence(folder)
    blog = next(i for i, a in enumerate(arts) if a.id == article)
    text = arts[blog].text

    def in_entry(at: int) -> bool:
        return text[text.rfind("\n", 0, at) + 1 :][:1].isdigit()

    told = [e.told for e in found if e.place_id == name and e.article == blog and e.date is None and in_entry(e.start)]
    # Told in the blog's entries with no day of their own: the narrative day is the blog's.
    assert told and all(t is not None and t.date == day for t in told)


@pytest.mark.parametrize(("first", "second", "language"), [
    ("Rolan est à Avel. Il s'envolera samedi pour Eska.", "Dimanche, Rolan a rencontré des étudiants à Eska.", "fr"),
    ("Rolan is in Avel. He will fly to Eska on Saturday.", "On Sunday, Rolan met students in Eska.", "en"),
])
def test_a_move_planned_for_an_earlier_day_than_any_told_there_began_the_visit(first: str, second: str,
                                                                               language: str) -> None:
    # Friday's article plans the flight for Saturday; Sunday's tells only Sunday's doings there.
    arts = [Article(id=f"a{i}", path=Path(f"a{i}.txt"), text=t, date=d, language=language, title=None,
                    sentences=split_sentences(t)) for i, (t, d) in enumerate(((first, SUNDAY - dt.timedelta(days=2)),
                                                                              (second, SUNDAY)))]
    ms = find_mentions(arts, Matcher((p.name, p.id) for p in PLACES.values()))
    eska = [s for s in infer_journey(arts, ms, PLACES, weights=WEIGHTS).stops if s.place_id == "eska"]
    assert [(s.date, s.approximate) for s in eska] == [(SUNDAY - dt.timedelta(days=1), True)]


def test_a_planned_move_in_a_story_told_blind() -> None:
    # "Kim … en route vers Vladivostok, où il doit rencontrer jeudi Vladimir Poutine … était attendu en fin de
    # journée en gare de Vladivostok": reached on Wednesday 24 April, not on Thursday's summit day.
    _, found = gold_evidence(STORIES.parent / "heldout" / "kim-vladivostok-2019")
    got = visits({"Vladivostok": [e for e in found if e.place_id == "Vladivostok"]})
    assert [(v.date, v.approximate) for v in got] == [(dt.date(2019, 4, 24), True)]


@pytest.mark.parametrize(("text", "language"), [
    ("L'avion s'est posé à Corin après une journée de voyage qui avait commencé samedi soir à Avel.", "fr"),
    ("The plane came down in Corin after a day of travel that began Saturday night at Avel.", "en"),
])
def test_a_day_named_in_another_clause_does_not_date_the_place(text: str, language: str) -> None:
    arts = [Article(id="a", path=Path("a.txt"), text=text, date=SUNDAY, language=language, title=None,
                    sentences=split_sentences(text))]
    found, _ = mention_evidence(arts, find_mentions(arts, Matcher((p.name, p.id) for p in PLACES.values())), PLACES)
    day = {e.place_id: e.date.date if e.date else None for e in found}
    assert day == {"corin": None, "avel": dt.date(2023, 9, 16)}


@pytest.mark.parametrize(("folder", "article", "name", "words"), [
    ("biden-angola-2024", "01-luanda-arrival", "Luanda", "Air Force One came down in Luanda"),
    ("pope-belgium-luxembourg-2024", "03-bilan", "Bruxelles", "le premier ministre, Alexander De Croo, qui"),
])
def test_another_clauses_day_in_stories_told_by_different_hands(folder: str, article: str, name: str,
                                                                 words: str) -> None:
    arts, found = gold_evidence(folder)
    blog = next(i for i, a in enumerate(arts) if a.id == article)
    text = arts[blog].text

    def said(at: int) -> str:
        s = arts[blog].sentence_at(at)
        return text[s.start : s.end]

    told = [e for e in found if e.article == blog and e.place_id == name and words in said(e.start)]
    assert told and all(e.date is None for e in told)


@pytest.mark.parametrize(("text", "language"), [
    ("Lundi 6 mai, Rolan est arrivé à Avel. Un sommet européen aura lieu le 20 mai. Rolan est ensuite arrivé à Corin.", "fr"),
    ("On Monday, May 6, Rolan arrived in Avel. A summit is planned for May 20. Rolan then arrived in Corin.", "en"),
])
def test_a_day_after_the_articles_date_is_no_narrative_day(text: str, language: str) -> None:
    # Told done in an article of May 6: Corin was not reached on the summit's day.
    assert dates([(text, dt.date(2024, 5, 6))], language)["corin"] != dt.date(2024, 5, 20)


def test_a_day_after_the_articles_date_in_real_stories() -> None:
    # "Le président a quitté Chișinău dans la soirée", told on June 15 after a June 24 summit: left the
    # day he came, so no second visit on the 24th; Paul VI's 1970 arrival in Manila, told in an article
    # of September 3 after Thursday's programme, is no visit on September 5.
    from test_infer_clause_time import story_dates
    from test_infer_revisits import story_stops

    assert story_stops("macron-kyiv-2022-b").count("Chișinău") == 1
    assert story_dates("pope-asia-2024").get("Manille") != dt.date(2024, 9, 5)


@pytest.mark.parametrize(("text", "language"), [
    ("Samedi 4 mai\n\n10h00 – Rolan est arrivé à Corin.\n\nVendredi 3 mai\n\n22h45 – L'avion de Rolan s'est posé à Avel.", "fr"),
    ("Saturday 4 May\n\n10:00 Rolan arrived in Corin.\n\nFriday 3 May\n\n22:45 Rolan's plane has landed in Avel.", "en"),
])
def test_a_live_blogs_entries_are_posted_on_the_day_heading_them(text: str, language: str) -> None:
    # Newest first, posted on Saturday: the Friday entry is Friday's, not the article's day.
    got = dates([(text, dt.date(2024, 5, 4))], language)
    assert got == {"avel": dt.date(2024, 5, 3), "corin": dt.date(2024, 5, 4)}


def test_a_live_blogs_day_headings_in_real_stories() -> None:
    # "Vendredi 3 mars" over "22h45 – L'avion présidentiel s'est posé à … Kinshasa" in a blog of March 4;
    # "Thursday 2 December" over "15:05 Wheels down at Larnaca International Airport" in a blog of December 3.
    from test_infer_clause_time import story_dates

    kinshasa = story_dates("macron-central-africa-2023")
    assert kinshasa["Kinshasa"] == kinshasa["Brazzaville"] == dt.date(2023, 3, 3)
    assert story_dates("pope-cyprus-greece-2021")["Larnaca"] == dt.date(2021, 12, 2)


@pytest.mark.parametrize(("texts", "language"), [
    ([("Lundi, Rolan quitte Dalm pour trois jours à l'étranger : Avel, Corin et Eska.", dt.date(2024, 5, 5)),
      (("Rolan est arrivé lundi à Avel. Mardi, à Corin, l'accueil fut chaleureux. Rolan a rencontré des étudiants "
        "à Corin. Mercredi, il s'est envolé pour Eska."), dt.date(2024, 5, 9))], "fr"),
    ([("Rolan leaves Dalm on Monday for three days abroad, with stops planned in Avel, Corin and Eska.", dt.date(2024, 5, 5)),
      (("Rolan arrived in Avel on Monday. Tuesday in Corin was the friendly interlude. Rolan met students in "
        "Corin. On Wednesday he flew to Eska."), dt.date(2024, 5, 9))], "en"),
])
def test_a_list_of_the_trips_places_dates_none_of_them(texts: list[tuple[str, dt.date]], language: str) -> None:
    # Monday is the day Dalm is left, not the day of each place the plan lists.
    assert dates(texts, language)["corin"] == dt.date(2024, 5, 7)


def test_a_list_of_the_trips_places_in_real_stories() -> None:
    # "The whirlwind tour, which took in Rome, Berlin, Aachen and Paris in three days, ended on Monday";
    # "leaves Ankara on Monday for three days in the Gulf, with stops planned in Jeddah, Doha and Abu Dhabi".
    from test_infer_clause_time import story_dates

    assert story_dates("zelensky-europe-2023")["Aachen"] == dt.date(2023, 5, 14)
    assert story_dates("erdogan-gulf-2023-b")["Doha"] == dt.date(2023, 7, 18)


@pytest.mark.parametrize(("text", "language"), [
    (("MARDI 7 MAI\n\nL'avion de Rolan se pose à Corin après un long vol.\n\nMERCREDI 8 MAI\n\nLe maire de Corin "
      "offre un dîner à Rolan.\n\nUne foule attend Rolan devant la mairie de Corin.\n\nJEUDI 9 MAI\n\nRolan atterrit à "
      "Eska."), "fr"),
    (("TUE MAY 7\n\nRolan's plane touches down in Corin after a long flight.\n\nWED MAY 8\n\nCorin's mayor hosts a "
      "dinner for Rolan.\n\nCrowds wait for Rolan outside Corin's town hall.\n\nTHU MAY 9\n\nRolan lands in Eska."), "en"),
])
def test_a_landing_told_in_the_present_is_the_day_the_place_was_reached(text: str, language: str) -> None:
    # Headlines, live blogs and timelines tell moves in the present ("lands in", "se pose à"): the
    # landing under Tuesday's heading is the arrival, not the day Corin is named most.
    assert dates([(text, dt.date(2024, 5, 9))], language) == {"corin": dt.date(2024, 5, 7), "eska": dt.date(2024, 5, 9)}


def gold_dated_stops(folder: str) -> list[tuple[str, dt.date | None]]:
    """A real story's inferred stops and days, its places those of its gold (names as ids), shipped weights."""
    story = gold_story(folder)
    return [(s.place_id, s.date) for s in infer_journey(story.articles, story.mentions, story.places).stops]


def test_present_tense_moves_in_real_stories_by_other_hands() -> None:
    # A headline timeline: "Brazilian presidential jet touches down in Shanghai" under WED APR 12.
    assert ("Shanghai", dt.date(2023, 4, 12)) in gold_dated_stops("lula-china-2023-b")
    # A live blog: "PM Modi lands in Abu Dhabi" (Saturday), then "landed back in New Delhi": home again.
    stops = gold_dated_stops("modi-france-uae-2023-b")
    assert [p for p, _ in stops[-2:]] == ["Abu Dhabi", "New Delhi"]


@pytest.mark.parametrize(("text", "language"), [
    (("Mardi 7 mai\n\n10h00 — Rolan est arrivé à Avel.\n\nMercredi 8 mai\n\n09h15 — Rolan, qui a quitté Avel ce "
      "matin, est arrivé à Corin.\n\nJeudi 9 mai\n\n11h00 — Rolan est arrivé à Eska."), "fr"),
    # Entries opened by the hour alone, no dash.
    (("Tuesday 7 May\n\n10:00 Rolan arrived in Avel.\n\nWednesday 8 May\n\n09:15 Rolan, who left Avel this "
      "morning, arrived in Corin.\n\nThursday 9 May\n\n11:00 Rolan arrived in Eska."), "en"),
])
def test_this_morning_in_a_live_blogs_entry_is_the_morning_of_the_day_heading_it(text: str, language: str) -> None:
    # A blog updated over three days, dated on the last: Wednesday's entry's "this morning" is Wednesday's.
    assert dates([(text, dt.date(2024, 5, 9))], language)["corin"] == dt.date(2024, 5, 8)


@pytest.mark.parametrize(("texts", "language"), [
    (["AVEL (AFP) — Rolan se rendra à Corin la semaine prochaine, selon la présidence.",
      "AVEL (AFP) — Rolan a quitté Avel mercredi matin pour Corin, où il est arrivé à midi.",
      "Rolan est rentré à Avel vendredi soir."], "fr"),
    (["AVEL (Reuters) - Rolan will travel to Corin next week, his office said.",
      "AVEL (Reuters) - Rolan left Avel on Wednesday morning for Corin, where he arrived at noon.",
      "Rolan flew back to Avel on Friday evening."], "en"),
])
def test_home_told_left_on_a_day_starts_the_trip_then_not_on_an_earlier_datelines_day(
        texts: list[str], language: str) -> None:
    # A dispatch filed at home before the trip (a preview, a communiqué) is no day of the trip.
    days = [dt.date(2023, 9, 9), dt.date(2023, 9, 13), dt.date(2023, 9, 15)]
    assert visits_of(list(zip(texts, days)), language, "avel") == [dt.date(2023, 9, 13), dt.date(2023, 9, 15)]


def test_home_told_left_in_a_story_told_blind() -> None:
    # "SÉOUL — Texte du communiqué publié samedi …" (June 10) announces the trip; "a quitté Séoul ce matin"
    # (Tuesday June 13) starts it.
    story = gold_story("kimdaejung-pyongyang-2000-a")
    stops = infer_journey(story.articles, story.mentions, story.places).stops
    assert [s.date for s in stops if s.place_id == "Seoul"] == [dt.date(2000, 6, 13), dt.date(2000, 6, 15)]


TUE_21, WED_22 = dt.date(2024, 5, 21), dt.date(2024, 5, 22)


@pytest.mark.parametrize(("texts", "language"), [
    ([("Rolan est arrivé à Avel lundi 20 mai pour une tournée de trois jours. Il a quitté Avel mardi matin après "
       "une messe. Il est attendu le soir même à Corin.", TUE_21),
      ("Mercredi, à Corin, Rolan a signé un accord avec le maire. Il a rencontré des étudiants à Corin.", WED_22)], "fr"),
    ([("The minister reached Avel on Monday, 20 May, on a short tour of the region. She left Avel on Tuesday "
       "morning after a visit to the port. She is expected in Corin that evening.", TUE_21),
      ("On Wednesday, in Corin, the minister opened a bridge. She met farmers in Corin.", WED_22)], "en"),
])
def test_a_move_told_that_same_evening_is_dated_by_the_day_told_before(
        texts: list[tuple[str, dt.date | None]], language: str) -> None:
    # "le soir même" / "that evening" is the evening of Tuesday, the day told before: Corin was reached
    # then, not on Wednesday, the first day its doings are told.
    assert dates(texts, language)["corin"] == TUE_21


@pytest.mark.parametrize(("text", "language"), [
    ("Dimanche, Rolan a célébré une messe à Avel. La veille, il avait rencontré des étudiants à Corin. "
     "Il s'est ensuite envolé pour Eska.", "fr"),
    ("On Sunday the minister opened a school in Avel. The day before, she had met farmers in Corin. "
     "She then flew to Eska.", "en"),
])
def test_a_day_counted_back_from_the_one_told_is_a_look_back_not_the_narratives_day(text: str, language: str) -> None:
    # "la veille" / "the day before" dates its own sentence (Corin, Saturday); the story stays at Sunday.
    assert dates([(text, dt.date(2024, 5, 26))], language) == {"corin": dt.date(2024, 5, 25),
                                                               "eska": dt.date(2024, 5, 26)}


@pytest.mark.parametrize(("text", "language", "on", "arrived"), [
    ("AVEL, 26 janvier (AMP) — Rolan a assisté vendredi au défilé de la fête nationale à Avel. Rolan, arrivé jeudi "
     "soir de Corin, a rejoint la tribune officielle.", "fr", dt.date(2024, 1, 26), dt.date(2024, 1, 25)),
    ("AVEL (Wire) — The minister opened a new port terminal in Avel on Monday. She flew in from Corin on Sunday, "
     "after two days of talks there, and was met by the mayor.", "en", dt.date(2024, 1, 29), dt.date(2024, 1, 28)),
])
def test_an_arrival_told_only_from_where_it_came_reaches_the_dateline_on_its_day(
        text: str, language: str, on: dt.date, arrived: dt.date) -> None:
    # "arrivé jeudi soir de Corin" in a dispatch filed from Avel: Avel was reached on Thursday, not on the
    # Friday of its first doings.
    arts = [Article(id="a", path=Path("a.txt"), text=text, date=on, language=language, title=None,
                    sentences=split_sentences(text))]
    filed = Weights({**WEIGHTS.weights, "dateline": 2.0}, WEIGHTS.bias, WEIGHTS.threshold, "date tests", "")
    journey = infer_journey(arts, find_mentions(arts, Matcher((p.name, p.id) for p in PLACES.values())), PLACES,
                            weights=filed)
    assert {s.place_id: s.date for s in journey.stops}["avel"] == arrived
