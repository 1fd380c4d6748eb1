"""Dating the inferred stops: which day of the text a stop is shown with (FR and EN)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geomap.articles import split_sentences
from geomap.infer import infer_journey
from geomap.infer.evidence import mention_evidence
from geomap.infer.score import Weights
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


def day_of(text: str, language: str, pid: str) -> dt.date | None:
    """The day the text gives the mention of ``pid`` (read on SATURDAY)."""
    art = Article(id="a", path=Path("a.txt"), text=text, date=SATURDAY, language=language, title=None,
                  sentences=split_sentences(text))
    ms = find_mentions([art], Matcher((p.name, p.id) for p in PLACES.values()))
    found = [e for e in mention_evidence([art], ms, PLACES)[0] if e.place_id == pid]
    return found[0].date.date if found[0].date is not None else None


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
