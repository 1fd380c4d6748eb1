"""Time expressions: every supported French and English form, resolved against an anchor."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.timexpr import TimeExpr, parse_time_expressions

WED = dt.date(2023, 9, 13)  # a Wednesday


def one(text: str, *, anchor: dt.date | None = WED, language: str | None = None, **kw: object) -> TimeExpr:
    found = parse_time_expressions(text, anchor=anchor, language=language, **kw)  # type: ignore[arg-type]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "surface", "date", "part", "relation"),
    [
        ("Parti dimanche soir de la capitale", "dimanche soir", dt.date(2023, 9, 10), "evening", "weekday-past"),
        ("arrivé mardi 12 septembre en ville", "mardi 12 septembre", dt.date(2023, 9, 12), None, "explicit"),
        ("une visite ce mardi", "ce mardi", dt.date(2023, 9, 12), None, "weekday-this"),
        ("il est arrivé mardi", "mardi", dt.date(2023, 9, 12), None, "weekday-past"),
        ("il viendra mardi prochain", "mardi prochain", dt.date(2023, 9, 19), None, "weekday-next"),
        ("parti samedi dernier", "samedi dernier", dt.date(2023, 9, 9), None, "weekday-last"),
        ("parti dimanche dernier", "dimanche dernier", dt.date(2023, 9, 10), None, "weekday-last"),
        ("entré en Russie tôt mardi", "tôt mardi", dt.date(2023, 9, 12), "early morning", "weekday-past"),
        ("mercredi matin", "mercredi matin", WED, "morning", "weekday-past"),
        ("dimanche après-midi", "dimanche après-midi", dt.date(2023, 9, 10), "afternoon", "weekday-past"),
        ("hier", "hier", dt.date(2023, 9, 12), None, "relative"),
        ("aujourd’hui", "aujourd’hui", WED, None, "relative"),
        ("avant-hier", "avant-hier", dt.date(2023, 9, 11), None, "relative"),
        ("hier soir", "hier soir", dt.date(2023, 9, 12), "evening", "relative"),
        ("la semaine dernière", "la semaine dernière", dt.date(2023, 9, 6), None, "approximate"),
        ("le 13 septembre 2023", "le 13 septembre 2023", WED, None, "explicit"),
        ("le 1er octobre", "le 1er octobre", dt.date(2023, 10, 1), None, "explicit"),
        ("2023-09-12", "2023-09-12", dt.date(2023, 9, 12), None, "explicit"),
    ],
)
def test_french_forms(text: str, surface: str, date: dt.date, part: str | None, relation: str) -> None:
    x = one(text, language="fr")
    assert (x.surface, x.date, x.part_of_day, x.relation) == (surface, date, part, relation)
    assert text[x.start : x.end] == x.surface


@pytest.mark.parametrize(
    ("text", "surface", "date", "part", "relation"),
    [
        ("He left on Sunday evening.", "Sunday evening", dt.date(2023, 9, 10), "evening", "weekday-past"),
        ("The train crossed early Tuesday.", "early Tuesday", dt.date(2023, 9, 12), "early morning", "weekday-past"),
        ("He will go next Tuesday.", "next Tuesday", dt.date(2023, 9, 19), None, "weekday-next"),
        ("He met them last Saturday.", "last Saturday", dt.date(2023, 9, 9), None, "weekday-last"),
        ("It began on Tuesday.", "Tuesday", dt.date(2023, 9, 12), None, "weekday-past"),
        ("He arrived September 12.", "September 12", dt.date(2023, 9, 12), None, "explicit"),
        # The day's ordinal suffix and "of" are cues.yaml's (day_suffixes, day_of).
        ("He arrived September 1st.", "September 1st", dt.date(2023, 9, 1), None, "explicit"),
        ("He arrived on the 11th of September.", "the 11th of September", dt.date(2023, 9, 11), None, "explicit"),
        ("He arrived on 12 Sept. 2023.", "12 Sept. 2023", dt.date(2023, 9, 12), None, "explicit"),
        ("Tuesday, September 12, 2023", "Tuesday, September 12, 2023", dt.date(2023, 9, 12), None, "explicit"),
        ("He arrived yesterday.", "yesterday", dt.date(2023, 9, 12), None, "relative"),
        ("He arrives today.", "today", WED, None, "relative"),
        ("They met last week.", "last week", dt.date(2023, 9, 6), None, "approximate"),
        ("last night", "last night", dt.date(2023, 9, 12), "night", "relative"),
    ],
)
def test_english_forms(text: str, surface: str, date: dt.date, part: str | None, relation: str) -> None:
    x = one(text, language="en")
    assert (x.surface, x.date, x.part_of_day, x.relation) == (surface, date, part, relation)


@pytest.mark.parametrize(
    ("text", "language", "clock", "part"),
    [
        ("Il est parti à 20 heures.", "fr", "20:00", "evening"),
        ("arrivé vers 14h30", "fr", "14:30", "afternoon"),
        ("He left at 8 p.m.", "en", "20:00", "evening"),
        ("He left at 7:15 am", "en", "07:15", "morning"),
        ("They met at 20:00.", "en", "20:00", "evening"),
    ],
)
def test_clock_times_are_times_of_day_not_years(text: str, language: str, clock: str, part: str) -> None:
    x = one(text, language=language)
    assert (x.relation, x.clock, x.part_of_day, x.date, x.year) == ("clock", clock, part, None, None)


def test_a_clock_joins_the_day_next_to_it() -> None:
    x = one("Il est parti dimanche à 20 heures.", language="fr")
    assert (x.surface, x.date, x.clock, x.part_of_day) == ("dimanche à 20 heures", dt.date(2023, 9, 10), "20:00", "evening")
    y = one("He left on 12 Sept. 2023 at 8 p.m.", language="en")
    assert (y.date, y.clock) == (dt.date(2023, 9, 12), "20:00")


@pytest.mark.parametrize(("text", "language", "heading"), [
    ("Vendredi 3 mars\n\n22h45 – L'avion s'est posé.", "fr", "Vendredi 3 mars"),
    ("Friday 3 March\n\n22:45 The plane has landed.", "en", "Friday 3 March"),
])
def test_a_day_heading_and_the_hour_on_the_next_line_stay_two(text: str, language: str, heading: str) -> None:
    # A live blog's day heading and the stamp of the entry under it: the hour is no time of that heading.
    found = parse_time_expressions(text, anchor=WED, language=language)
    assert found[0].surface == heading and found[0].clock is None


def test_durations_and_bare_numbers_are_not_times() -> None:
    text = "un trajet de 10 heures, 8 000 kilomètres, 680 km, 2023 habitants"
    assert parse_time_expressions(text, anchor=WED, language="fr") == []


@pytest.mark.parametrize(("text", "language"), [("leur sommet en 2019", "fr"), ("in 2011 in the city", "en")])
def test_a_past_year_is_marked_without_a_date(text: str, language: str) -> None:
    x = one(text, language=language)
    assert x.date is None and x.year in (2019, 2011)
    assert x.relation == "past-year" and x.is_past_year


@pytest.mark.parametrize(("text", "language", "surface"),
                         [("le sommet s'était tenu en juin 2018 à Singapour", "fr", "en juin 2018"),
                          ("they first met in June 2018 in Singapore", "en", "in June 2018")])
def test_a_month_of_a_past_year_is_a_past_year_not_a_day(text: str, language: str, surface: str) -> None:
    x = one(text, language=language)
    assert (x.surface, x.date, x.year, x.relation) == (surface, None, 2018, "past-year")


def test_the_current_year_is_not_a_past_event() -> None:
    x = one("prises en 2023", language="fr")
    assert (x.relation, x.year, x.is_past_year) == ("year", 2023, False)


def test_la_veille_and_le_lendemain_count_from_the_previous_date() -> None:
    found = parse_time_expressions(
        "Il est arrivé le 12 septembre. La veille au soir, il avait quitté la ville ; le lendemain, visite.",
        anchor=WED,
        language="fr",
    )
    assert [(x.surface, x.date, x.part_of_day) for x in found] == [
        ("le 12 septembre", dt.date(2023, 9, 12), None),
        ("La veille au soir", dt.date(2023, 9, 11), "evening"),
        ("le lendemain", dt.date(2023, 9, 12), None),
    ]
    alone = one("the next day", anchor=None, previous=dt.date(2024, 8, 22), language="en")
    assert (alone.date, alone.relation) == (dt.date(2024, 8, 23), "relative-previous")
    assert one("la veille", language="fr").date is None  # nothing mentioned before


@pytest.mark.parametrize(("text", "language", "told"), [
    ("Rolan a atterri lundi 11 septembre à Avel. Le soir même, il a dîné avec le maire ; le matin même, il avait "
     "quitté Corin.", "fr", [("Le soir même", dt.date(2023, 9, 11), "evening"),
                            ("le matin même", dt.date(2023, 9, 11), "morning")]),
    ("Le cortège est entré dans Dalm le 12 septembre. Le même jour, la reine a planté un arbre ; la nuit précédente, "
     "elle avait dormi à bord.", "fr", [("Le même jour", dt.date(2023, 9, 12), None),
                                         ("la nuit précédente", dt.date(2023, 9, 11), "night")]),
    ("Rolan landed in Avel on 11 September. That evening he dined with the mayor, having left Corin the previous "
     "afternoon.", "en", [("That evening", dt.date(2023, 9, 11), "evening"),
                          ("the previous afternoon", dt.date(2023, 9, 10), "afternoon")]),
    ("The queen reached Dalm on 12 September. The same day she planted a tree; the night before she had slept on "
     "board, and the next morning she sailed.", "en", [("The same day", dt.date(2023, 9, 12), None),
                                                       ("the night before", dt.date(2023, 9, 11), "night"),
                                                       ("the next morning", dt.date(2023, 9, 12), "morning")]),
])
def test_the_same_day_that_evening_and_the_previous_night_count_from_the_previous_date(
        text: str, language: str, told: list[tuple[str, dt.date, str | None]]) -> None:
    # A day counted from the one told before, with the part of the day the phrase names.
    found = parse_time_expressions(text, anchor=WED, language=language)
    assert [(x.surface, x.date, x.part_of_day) for x in found if x.relation == "relative-previous"] == told


def test_without_an_anchor_weekdays_have_no_date_but_day_months_take_the_default_year() -> None:
    assert one("mardi", anchor=None, language="fr").date is None
    assert one("12 septembre", anchor=None, language="fr").date is None
    assert one("12 septembre", anchor=None, language="fr", default_year=2023).date == dt.date(2023, 9, 12)


def test_a_year_less_weekday_date_takes_the_year_where_the_weekday_agrees() -> None:
    # From January 2024, "mardi 12 septembre" is 2023 (a Tuesday), not 2024 (a Thursday).
    assert one("mardi 12 septembre", anchor=dt.date(2024, 1, 10), language="fr").date == dt.date(2023, 9, 12)
    x = one("jeudi 12 septembre", anchor=dt.date(2024, 1, 10), language="fr")
    assert x.date == dt.date(2024, 9, 12)
    # With no anchor the default year is the centre.
    assert one("mardi 12 septembre", anchor=None, language="fr", default_year=2023).date == dt.date(2023, 9, 12)
    # An explicit year that contradicts the weekday keeps the date with less confidence.
    wrong = one("lundi 12 septembre 2023", language="fr")
    assert wrong.date == dt.date(2023, 9, 12) and wrong.confidence < 1.0


def test_a_year_less_date_near_new_year_goes_to_the_nearer_year() -> None:
    assert one("le 28 décembre", anchor=dt.date(2024, 1, 3), language="fr").date == dt.date(2023, 12, 28)


def test_impossible_dates_are_dropped() -> None:
    assert parse_time_expressions("le 31 septembre", anchor=WED, language="fr") == []


def test_unknown_language_uses_every_word_list() -> None:
    found = parse_time_expressions("mardi and Tuesday", anchor=WED, language=None)
    assert [x.date for x in found] == [dt.date(2023, 9, 12)] * 2


def test_short_weekday_words_are_not_days() -> None:
    assert parse_time_expressions("He sat in the sun on a wed bench.", anchor=WED, language="en") == []


@given(st.text(max_size=200), st.sampled_from(["fr", None]))
def test_offsets_always_point_at_the_surface(text: str, language: str | None) -> None:
    full = "mardi 12 septembre " + text + " hier à 20 heures"
    found = parse_time_expressions(full, anchor=WED, language=language)
    assert found  # the fixed expressions around the noise are always found
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start
    assert all(0 <= x.start < x.end <= len(full) and full[x.start : x.end] == x.surface for x in found)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mardi soir, il a parlé à la foule. Plus tôt mardi, il avait vu le président. Mercredi, réunion avec ses "
         "alliés.", "fr"),
        ("He spoke on Tuesday evening. Earlier on Tuesday he met the president. On Wednesday, talks with allies.", "en"),
    ],
)
def test_a_bare_weekday_after_the_anchor_day_is_the_next_day(text: str, language: str) -> None:
    # Not told in a past tense: a day after the article's is no past (tests/test_tense_past.py).
    tue = dt.date(2023, 2, 21)
    found = parse_time_expressions(text, anchor=tue, language=language)
    assert [x.date for x in found] == [tue, tue, dt.date(2023, 2, 22)]
    assert found[-1].relation == "weekday-next" and found[-1].confidence < 0.8


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Mardi soir, il a parlé à la foule. Plus tôt mardi, il avait vu le président. Il a regagné la base où il "
         "avait atterri mercredi.", "fr"),
        ("He spoke on Tuesday evening. Earlier on Tuesday he met the president. He flew back to the base where he "
         "had landed on Wednesday.", "en"),
        ("He spoke on Tuesday evening. Earlier on Tuesday he met the president. On Wednesday, he had just landed "
         "there.", "en"),
    ],
)
def test_a_bare_weekday_in_the_pluperfect_stays_the_last_such_day(text: str, language: str) -> None:
    # The narration reached the anchor day, but "had landed" tells a day before it: last week's Wednesday.
    tue = dt.date(2023, 2, 21)
    found = parse_time_expressions(text, anchor=tue, language=language)
    assert [x.date for x in found] == [tue, tue, dt.date(2023, 2, 15)]
    assert found[-1].relation == "weekday-past"


@pytest.mark.parametrize(("text", "language", "day"), [
    ("Il regagne la base où il avait atterri mercredi.", "fr", "mercredi"),
    ("Mercredi, il s'était déjà rendu à Corin.", "fr", "Mercredi"),
    ("He will fly on to Eska; he had landed in Corin on Wednesday.", "en", "Wednesday"),
    ("On Wednesday, he had just left Corin.", "en", "Wednesday"),
    # An abbreviation's full stop ends no sentence: the pluperfect before it is the day's.
    ("He had met Mr. Rolan in Corin on Wednesday.", "en", "Wednesday"),
    ("Il avait rencontré M. Rolan mercredi à Corin.", "fr", "mercredi"),
])
def test_a_day_told_in_the_pluperfect(text: str, language: str, day: str) -> None:
    from geomap.tense import told_before

    at = text.index(day)
    assert told_before(text, language, at, at + len(day))


@pytest.mark.parametrize(("text", "language", "day"), [
    # "à" is no auxiliary, a capital opens a name, the perfect is no pluperfect, and a future nearer wins.
    ("Il se rend à Rome mercredi.", "fr", "mercredi"),
    ("Il avait Rome en tête mercredi.", "fr", "mercredi"),
    ("Il a atterri mercredi à Corin.", "fr", "mercredi"),
    ("Il est attendu mercredi à Corin.", "fr", "mercredi"),
    ("Il avait promis qu'il se rendra mercredi à Corin.", "fr", "mercredi"),
    ("He has left Corin on Wednesday.", "en", "Wednesday"),
    ("He had agreed that he will go to Corin on Wednesday.", "en", "Wednesday"),
    ("On Wednesday he flew to Corin.", "en", "Wednesday"),
    # A later clause's past is not the day's.
    ("Vendredi, le ministre sera l'invité du défilé, honneur qu'un seul de ses prédécesseurs avait reçu.", "fr",
     "Vendredi"),
    ("Il doit rencontrer lundi le président, puis se rendre au lac où l'aviateur avait été capturé.", "fr", "lundi"),
])
def test_a_day_not_told_in_the_pluperfect(text: str, language: str, day: str) -> None:
    from geomap.tense import told_before

    at = text.index(day)
    assert not told_before(text, language, at, at + len(day))


@pytest.mark.parametrize(("text", "language", "surface"), [
    ("Il est resté à Avel jusqu'au dimanche 12 mars. Le même dimanche, il atterrissait à Corin.", "fr", "même dimanche"),
    ("Il est resté à Avel jusqu'au dimanche 12 mars. Ce même dimanche, il atterrissait à Corin.", "fr", "même dimanche"),
    ("He stayed in Avel until Sunday, March 12. That same Sunday he landed in Corin.", "en", "same Sunday"),
])
def test_the_same_weekday_is_the_day_told_before(text: str, language: str, surface: str) -> None:
    # Read on Monday 20 March: "the same Sunday" is the 12th just told, not the 19th.
    found = parse_time_expressions(text, anchor=dt.date(2017, 3, 20), language=language)
    assert [(x.surface, x.date) for x in found][-1] == (surface, dt.date(2017, 3, 12))


def test_a_weekday_stays_in_the_past_without_a_later_date_before_it_or_when_far_ahead() -> None:
    tue = dt.date(2023, 2, 21)
    # Nothing dated before it: the news convention (the latest such day) holds.
    assert one("On Wednesday he held talks.", anchor=tue, language="en").date == dt.date(2023, 2, 15)
    # A flashback four days back is no next day: Friday after Tuesday is three days ahead.
    found = parse_time_expressions("He arrived on Tuesday. He had left on Friday.", anchor=tue, language="en")
    assert [x.date for x in found] == [tue, dt.date(2023, 2, 17)]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Il est arrivé lundi, à la veille de l'anniversaire.", "fr"),
     ("He arrived on Monday, on the eve of the anniversary.", "en")],
)
def test_the_eve_of_an_event_is_not_the_day_before_the_last_date(text: str, language: str) -> None:
    found = parse_time_expressions(text, anchor=dt.date(2023, 2, 20), language=language)
    assert [x.date for x in found] == [dt.date(2023, 2, 20)]
    # Alone it still counts back from the date told before it.
    alone = parse_time_expressions(text.split(",")[0] + ". La veille, il dormait. The eve, he slept.",
                                   anchor=dt.date(2023, 2, 20), language=None)
    assert [x.date for x in alone] == [dt.date(2023, 2, 20), dt.date(2023, 2, 19), dt.date(2023, 2, 18)]


@pytest.mark.parametrize(
    ("text", "language", "date", "part"),
    [("Parti aux premières heures de la journée, le train roulait.", "fr", dt.date(2024, 8, 23), "early morning"),
     ("Having left in the early hours, the train rolled on.", "en", dt.date(2024, 8, 23), "early morning"),
     ("Il est parti mardi et était attendu plus tard dans la journée.", "fr", dt.date(2024, 8, 20), None),
     ("He left on Tuesday and was expected later that day.", "en", dt.date(2024, 8, 20), None)],
)
def test_early_hours_and_later_that_day(text: str, language: str, date: dt.date, part: str | None) -> None:
    got = parse_time_expressions(text, anchor=dt.date(2024, 8, 23), language=language)
    last = [x for x in got if x.date is not None][-1]
    assert (last.date, last.part_of_day) == (date, part)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Le train a repris sa route mardi et était attendu en fin de journée en gare.", "fr"),
     ("The train set off again on Tuesday and was expected at the end of the day.", "en")],
)
def test_the_end_of_the_day_is_the_day_told_before(text: str, language: str) -> None:
    got = parse_time_expressions(text, anchor=dt.date(2024, 8, 23), language=language)
    assert [x.date for x in got] == [dt.date(2024, 8, 20), dt.date(2024, 8, 20)]


@pytest.mark.parametrize("anchor", [dt.date(9999, 12, 31), dt.date(1, 1, 1)])
def test_relative_days_past_the_calendar_ends_are_no_date_not_a_crash(anchor) -> None:
    from geomap.timexpr import parse_time_expressions

    text = "Il part demain, arrive hier, puis mardi prochain. He left tomorrow, next Tuesday, the day before."
    for lang in ("fr", "en"):
        found = parse_time_expressions(text, anchor=anchor, language=lang, previous=anchor)
        assert all(e.date is None or dt.date.min <= e.date <= dt.date.max for e in found)


@pytest.mark.parametrize(("text", "language", "anchor", "surface", "date"), [
    # A weekday with a day number and no month: the nearby month whose 18th is that weekday,
    # not the latest such weekday before the article (which was read as the 25th).
    ("Vendredi 18, à la nuit tombée, le roi est arrivé.", "fr", dt.date(2024, 10, 26), "Vendredi 18", dt.date(2024, 10, 18)),
    ("Lundi 21, cap sur la capitale.", "fr", dt.date(2024, 10, 26), "Lundi 21", dt.date(2024, 10, 21)),
    ("He landed on Friday the 18th.", "en", dt.date(2024, 10, 26), "Friday the 18th", dt.date(2024, 10, 18)),
    ("He arrived on Tuesday 29th, late.", "en", dt.date(2024, 11, 2), "Tuesday 29th", dt.date(2024, 10, 29)),
])
def test_a_weekday_with_a_day_number_is_that_day(text: str, language: str, anchor: dt.date, surface: str,
                                                 date: dt.date) -> None:
    x = one(text, anchor=anchor, language=language)
    assert (x.surface, x.date) == (surface, date)


def test_a_weekday_before_a_clock_time_is_no_day_number() -> None:
    x = parse_time_expressions("Friday 8 p.m. in the capital", anchor=dt.date(2024, 10, 26), language="en")[0]
    assert (x.date, x.clock) == (dt.date(2024, 10, 25), "20:00")


@pytest.mark.parametrize(("text", "language", "marks"), [
    ("Mardi, il recevra le prix. Elle y sera. Ils s'envoleront lundi. Le Sahara, l'opéra, il était là. On ira.", "fr",
     ["il recevra", "Elle y sera", "Ils s'envoleront", "On ira"]),
    ("He will go. The visit is expected on Friday; they are due in Rome. An extra camera.", "en",
     ["will", "is expected", "are due"]),
])
def test_future_tense_marks(text: str, language: str, marks: list[str]) -> None:
    from geomap.tense import future_marks

    found = future_marks(text, language)
    assert [text[i:i + len(s)] for i, s in zip(found, marks)] == marks and len(found) == len(marks)


@pytest.mark.parametrize(("text", "surface", "year", "date"), [
    # A French time word after an elided "d'", "qu'" is one ("celui d'avril 2016", "plus qu'hier")…
    ("Le geste rappelle celui d'avril 2016 : il était à Corin.", "avril 2016", 2016, None),
    ("le sommet d'hier à Corin", "hier", None, dt.date(2023, 9, 12)),
    ("il fait plus froid qu'hier", "hier", None, dt.date(2023, 9, 12)),
    # … but not a word's end after an apostrophe inside it ("aujourd'hui" holds no "hui").
    ("aujourd'hui à Corin", "aujourd'hui", None, WED),
])
def test_a_time_word_after_an_elided_article_is_one(text: str, surface: str, year: int | None,
                                                      date: dt.date | None) -> None:
    x = one(text, language="fr")
    assert text[x.start : x.end] == surface and x.year == year and x.date == date


@pytest.mark.parametrize(("folder", "article", "sentence", "surface"), [
    # "celui d'avril 2016 : de retour de Lesbos, François avait ramené à Rome …": an earlier year, not this trip.
    ("pope-cyprus-greece-2021-b", "01-nicosie", "Le geste rappelle celui d'avril 2016", "avril 2016"),
    # "après le « One Forest Summit » d'hier": the day before the live blog's.
    ("macron-central-africa-2023", "02-direct-kinshasa", "Le président a quitté Libreville ce matin", "hier"),
])
def test_elided_time_words_in_stories_by_different_hands(folder: str, article: str, sentence: str,
                                                         surface: str) -> None:
    from pathlib import Path

    from geomap.articles import load_articles

    where = Path(__file__).parent / "data" / "stories" / folder
    [art] = load_articles([where / f"{article}.txt"])
    at = art.text.index(sentence)
    found = parse_time_expressions(art.text[at : art.text.index(".", at + len(sentence))], anchor=art.date,
                                   language=art.language)
    assert surface in [x.surface for x in found]
