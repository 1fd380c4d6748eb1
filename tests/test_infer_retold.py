"""An anniversary piece retelling a trip years on: its days are the trip's year's, not its publication's (FR and EN)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from storyutil import gold_story, said_in

from geomap.articles import split_sentences
from geomap.infer import infer_journey
from geomap.infer.evidence import mention_evidence
from geomap.infer.score import Weights
from geomap.infer.storytime import RETOLD_FILED, retold
from geomap.mentions import Matcher, find_mentions
from geomap.model import Article, Place


def place(pid: str, name: str, lat: float, lon: float) -> Place:
    return Place(id=pid, name=name, kind="city", lat=lat, lon=lon, country="XA", aliases=(name,))


# Invented towns and people, so no test leans on a real story.
PLACES = {p.id: p for p in (place("avel", "Avel", 50.0, 10.0), place("corin", "Corin", 51.0, 14.0),
                            place("eska", "Eska", 52.0, 20.0))}
#: Fixed weights, so these tests test the dating, not the latest fit.
WEIGHTS = Weights({"move": 2.0, "leave": 2.0, "doings": 2.0, "dated": 0.5, "verb_other": -3.0, "speech": -3.0},
                  -1.0, 0.5, "retold tests", "")


def articles(texts: list[tuple[str, dt.date]], language: str) -> list[Article]:
    return [Article(id=f"a{i}", path=Path(f"a{i}.txt"), text=t, date=d, language=language, title=None,
                    sentences=split_sentences(t)) for i, (t, d) in enumerate(texts)]


def dates(texts: list[tuple[str, dt.date]], language: str) -> dict[str, dt.date | None]:
    arts = articles(texts, language)
    journey = infer_journey(arts, find_mentions(arts, Matcher((p.name, p.id) for p in PLACES.values())), PLACES,
                            weights=WEIGHTS)
    return {s.place_id: s.date for s in journey.stops}


# Published on Friday 12 May 2023, forty years to the day after Thursday 12 May 1983.
ON = dt.date(2023, 5, 12)


@pytest.mark.parametrize(("texts", "language"), [
    ([("Forty years ago this week, on Thursday, May 12, 1983, Rolan flew to Avel, where crowds lined the road. "
       "On Saturday he left Avel for Corin.", ON)], "en"),
    ([("Il y a quarante ans, le jeudi 12 mai 1983, Rolan s'envolait pour Avel, où la foule l'attendait.", ON),
      ("Samedi, Rolan quitte Avel pour Corin. Le lendemain, il gagne Eska.", ON)], "fr"),
])
def test_an_anniversary_piece_dates_the_trip_in_the_year_it_retells(texts: list[tuple[str, dt.date]],
                                                                     language: str) -> None:
    # "On Saturday" is the Saturday after the day the piece opens on, in 1983, not 6 May 2023.
    got = dates(texts, language)
    assert got["avel"] == dt.date(1983, 5, 12)
    assert got["corin"] == dt.date(1983, 5, 14)
    assert got.get("eska", dt.date(1983, 5, 15)) == dt.date(1983, 5, 15)


@pytest.mark.parametrize(("text", "language", "on"), [
    # A background day without a weekday ("December 7, 1941"), in an article of the story's own days.
    ("On Friday Rolan flew to Avel, the harbour attacked on December 7, 1941.", "en", dt.date(2023, 12, 8)),
    # A day written in full but far from its anniversary: a flashback, not a retelling.
    ("Vendredi, Rolan s'est envolé pour Avel, où il était déjà venu le lundi 4 mars 1991.", "fr", dt.date(2023, 9, 15)),
])
def test_an_earlier_day_told_in_passing_leaves_the_article_in_its_time(text: str, language: str, on: dt.date) -> None:
    arts = articles([(text, on)], language)
    assert retold(arts)[0] == arts


def _told(folder: str, name: str, sentence: str) -> list[dt.date | None]:
    """The narrative day of gold place ``name``'s mentions in the sentences holding ``sentence``, the story
    read as the inference reads it."""
    story = gold_story(folder)
    arts = retold(story.articles)[0]
    found = mention_evidence(arts, story.mentions, story.places)[0]
    return [e.told.date if e.told is not None else None for e in said_in(arts, found, sentence, name)]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "name", "sentence", "day"), [
    # A long read of 21 April 2016 ("Fifty years ago this morning … Thursday, April 21, 1966"); its second
    # article's "On Saturday the emperor left the capital … By evening he was in Montego Bay" is 23 April 1966.
    ("haileselassie-caribbean-1966-a", "Montego Bay", "By evening he was in Montego Bay", dt.date(1966, 4, 23)),
    # A weekly's retelling of 25 September 2022 ("ce lundi 25 septembre 1972"): "se pose à Pékin" is that Monday.
    ("tanaka-china-1972-b", "Beijing", "se pose à Pékin", dt.date(1972, 9, 25)),
    # Its second article, of 29 September 2022: "Le samedi matin, Tanaka redécolle … À Haneda" is 30 September 1972.
    ("tanaka-china-1972-b", "Tokyo", "À Haneda, il file", dt.date(1972, 9, 30)),
])
def test_anniversary_pieces_by_different_hands(folder: str, name: str, sentence: str, day: dt.date) -> None:
    assert _told(folder, name, sentence) == [day]


@pytest.mark.parametrize(("texts", "language"), [
    # Thursday 12 May 1983 named without its weekday; "Saturday, May 14" is a Saturday in 1983, a Sunday in 2023.
    ([("Forty years ago this week, on May 12, 1983, Rolan flew to Avel, where crowds lined the road. "
       "On Saturday, May 14, Rolan left Avel for Corin.", ON)], "en"),
    ([("Il y a quarante ans, le 12 mai 1983, Rolan s'envolait pour Avel, où la foule l'attendait. "
       "Le samedi 14 mai, Rolan quitte Avel pour Corin.", ON)], "fr"),
])
def test_a_retold_day_without_its_weekday_is_borne_out_by_the_calendar_the_piece_is_told_in(
        texts: list[tuple[str, dt.date]], language: str) -> None:
    got = dates(texts, language)
    assert got["avel"] == dt.date(1983, 5, 12)
    assert got["corin"] == dt.date(1983, 5, 14)


# Saturday 11 September 2021, twenty years to the day after Tuesday 11 September 2001.
ANNIVERSARY = dt.date(2021, 9, 11)


@pytest.mark.parametrize(("text", "language"), [
    # A background day on its anniversary, beside a weekday of the article's own year: no retelling.
    ("Twenty years after September 11, 2001, Rolan flew to Avel on Saturday, September 11.", "en"),
    ("Vingt ans après le 11 septembre 2001, Rolan s'est rendu à Avel ce samedi 11 septembre.", "fr"),
])
def test_a_background_day_on_its_anniversary_is_no_retelling_in_the_years_own_calendar(text: str, language: str) -> None:
    arts = articles([(text, ANNIVERSARY)], language)
    assert retold(arts)[0] == arts


def _without(folder: str, words: str, instead: str) -> list[Article]:
    """The story's articles, ``words`` written ``instead`` (a retold day's weekday left out)."""
    return [replace(a, text=a.text.replace(words, instead)) for a in gold_story(folder).articles]


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "words", "instead", "day"), [
    # A feature of 2 December 2014 opens on "Le soir du 2 décembre 1964" and tells "Le samedi 5 décembre" (a
    # Saturday in 1964, a Friday in 2014): both its articles are read as filed in December 1964.
    ("paulvi-bombay-1964-b", "", "", dt.date(1964, 12, 2)),
    # Another hand's retelling, its opening day's weekday left out ("ce 25 septembre 1972"): "vendredi 29" is
    # a Friday in September 1972, not in 2022.
    ("tanaka-china-1972-b", "ce lundi 25 septembre 1972", "ce 25 septembre 1972", dt.date(1972, 9, 25)),
])
def test_retold_days_without_a_weekday_in_stories_by_different_hands(folder: str, words: str, instead: str,
                                                                     day: dt.date) -> None:
    arts = _without(folder, words, instead)
    assert all(words in a.text for a in gold_story(folder).articles[:1])
    assert {a.date for a in retold(arts)[0]} == {day + dt.timedelta(days=RETOLD_FILED)}
