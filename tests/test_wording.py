"""One interface language per map: labels, place kinds, article names, reader notes, inference reasons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geomap.infer.score import LABELS
from geomap.infer.visits import EVENTS
from geomap.model import Article, Stop, Story
from geomap.render.wording import (
    article_label,
    kind_label,
    labels_for,
    languages,
    reader_date,
    spans_years,
    story_title,
    translate_event,
    translate_note,
    translate_time,
    translate_why,
)

EN, FR = labels_for("en"), labels_for("fr")


def _article(text: str, title: str | None = None) -> Article:
    return Article("000_d78971f821add33e", Path("a.txt"), text, title=title, date=dt.date(2024, 5, 1))


def test_languages_are_the_ones_labels_yaml_has() -> None:
    assert languages() == ("en", "fr")


def test_article_is_named_by_its_title_else_its_opening_words_never_its_id() -> None:
    assert article_label(_article("Body text.", title="A headline"), FR) == "A headline"
    text = "Le président nord-coréen Kim Jong-un est arrivé mardi 12 septembre en Russie pour rencontrer."
    assert article_label(_article(text), FR) == "«\u00a0Le président nord-coréen Kim Jong-un est arrivé mardi…\u00a0»"
    assert article_label(_article("Short one."), EN) == "“Short one.”"
    # One endless word is cut too, and an empty article has only its id left.
    assert len(article_label(_article("x" * 500), EN)) < 70
    assert article_label(_article("  "), EN) == "000_d78971f821add33e"


def test_kinds_follow_the_language_and_unknown_kinds_stay_as_given() -> None:
    assert kind_label("air base", FR) == "base aérienne"
    assert kind_label("border crossing", EN) == "border crossing"
    assert kind_label("wharf", FR) == "wharf"


def test_reader_notes_are_reworded_and_curated_notes_left_alone() -> None:
    note = "date 2023-09-16 is not stated in the articles — TASS dates it."
    assert translate_note(note, FR) == "la date du 2023-09-16 ne figure pas dans les articles — TASS dates it."
    assert translate_note(note, EN) == note
    assert translate_note("Hour from the timetable.", FR) == "Hour from the timetable."
    # The notes geomap/journey/merge.py writes when it dates a curated stop from the articles.
    assert translate_note("date 2023-09-12 inferred from the articles", FR) == "date du 2023-09-12 déduite des articles"
    off = ("the date the articles suggest (2023-09-01) does not fit the order of the itinerary,"
           " so the stop is left undated")
    assert translate_note(off, FR).startswith("la date que suggèrent les articles (2023-09-01) ne s’accorde")


def test_every_inference_reason_has_a_wording_in_every_language() -> None:
    for lang in languages():
        labels = labels_for(lang)
        for key in LABELS:
            assert f"why_{key}" in labels, (lang, key)
    assert {f"why_{k}": v for k, v in LABELS.items()}.items() <= EN.items()  # the same English words


@pytest.mark.parametrize(("why", "expected"), [
    ("a travel verb, the dateline", "un verbe de déplacement, la ligne de date de la dépêche"),
    ("weak evidence", "des indices faibles"),
    ("a travel verb, seen on TV", "un verbe de déplacement, seen on TV"),  # hand-written: kept
])
def test_inference_reasons_are_translated_phrase_by_phrase(why: str, expected: str) -> None:
    assert translate_why(why, FR) == expected
    assert translate_why(why, EN) == why


def test_inferred_events_are_worded_in_the_interface_language_curated_ones_as_written() -> None:
    english = {v for k, v in EN.items() if k.startswith("event_")}
    assert set(EVENTS.values()) == english  # every event the inference writes has a wording
    assert translate_event(Stop(1, "x", event="arrived", inferred=True), FR) == "arrivée"
    assert translate_event(Stop(1, "x", event="arrived", inferred=True), EN) == "arrived"
    assert translate_event(Stop(1, "x", event="arrived"), FR) == "arrived"  # curated: the author's word
    assert translate_event(Stop(1, "x", event="a gala dinner", inferred=True), FR) == "a gala dinner"


def test_inferred_day_parts_and_the_untitled_default_follow_the_language() -> None:
    assert translate_time(Stop(1, "x", time="early morning", inferred=True), FR) == "tôt le matin"
    assert translate_time(Stop(1, "x", time="14:30", inferred=True), FR) == "14:30"
    assert translate_time(Stop(1, "x", time="evening"), FR) == "soir"  # dated from the articles (merge)
    assert translate_time(Stop(1, "x", time="après le dîner"), EN) == "après le dîner"  # the author's words
    untitled = Story((), {}, (), {}, lang="fr")
    assert story_title(untitled) == "Carte du voyage"
    assert story_title(Story((), {}, (), {}, title="Le voyage", lang="en")) == "Le voyage"


def test_dates_read_as_readers_write_them_in_each_language() -> None:
    day = dt.date(2023, 9, 1)
    assert reader_date(day, FR, year=False) == "1er\u00a0sept."
    assert reader_date(dt.date(2024, 5, 12), FR, year=True) == "12\u00a0mai 2024"
    assert reader_date(dt.date(2024, 5, 3), EN, year=False) == "3\u00a0May"
    assert reader_date(day, EN, year=True) == "1\u00a0Sep 2023"
    assert len(FR["months"].split("|")) == len(EN["months"].split("|")) == 12


def test_dates_show_the_year_only_when_the_story_spans_several() -> None:
    from dataclasses import replace

    from test_mapview import trip_story

    story = trip_story()
    assert not spans_years(story)  # May 2024 throughout
    stops = list(story.journey.stops)
    stops[-1] = replace(stops[-1], date=dt.date(2025, 1, 2))
    assert spans_years(replace(story, journey=replace(story.journey, stops=tuple(stops))))


def test_an_untitled_articles_name_skips_a_scraped_date_stamp_but_not_a_date_in_its_words() -> None:
    # Scrapers leave "date 2023-09" or a bare ISO stamp before the text; it tells a reader nothing.
    assert article_label(_article(" date 2023-09 Kim Jong-un est arrivé mardi en Russie."), FR) == (
        "«\u00a0Kim Jong-un est arrivé mardi en Russie.\u00a0»")
    assert article_label(_article("2024-06-19T08:15 Putin landed in Pyongyang."), EN) == "“Putin landed in Pyongyang.”"
    # A date told in words, or a number that is not a stamp, is part of the opening.
    assert article_label(_article("12 septembre : Kim arrive."), FR) == "«\u00a012 septembre : Kim arrive.\u00a0»"
    assert article_label(_article("Kim arrive le 2023-09-12."), FR) == "«\u00a0Kim arrive le 2023-09-12.\u00a0»"
