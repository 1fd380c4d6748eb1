"""A bare weekday told in a past tense is the last such day, never one after the article's date."""

from __future__ import annotations

import datetime as dt

import pytest

from geomap.tense import told_past
from geomap.timexpr import parse_time_expressions

TUE = dt.date(2031, 5, 13)  # a Tuesday


def _dates(text: str, anchor: dt.date, language: str) -> list[dt.date | None]:
    return [x.date for x in parse_time_expressions(text, anchor=anchor, language=language)]


@pytest.mark.parametrize(("text", "language", "anchor", "dates"), [
    # A recap published a week on (the shapes of carter-latam-africa-1978-b and xi-usa-2015-b, two hands):
    # after "lundi soir", the Wednesday told in the perfect is last week's, not tomorrow.
    ("Le président Malvaux a regagné Ostrane lundi soir. À Velsen, mercredi et jeudi, les entretiens avec le "
     "général Orbe ont été froids. Jeudi matin, il est passé par le lycée de Carn.", "fr", TUE,
     [dt.date(2031, 5, 12), dt.date(2031, 5, 7), dt.date(2031, 5, 8), dt.date(2031, 5, 8)]),
    ("Mme Isar est rentrée à Tolve lundi. Mercredi, elle s'est bien rendue à Orla, où elle a prié.", "fr", TUE,
     [dt.date(2031, 5, 12), dt.date(2031, 5, 7)]),
    # The same in English (xi-africa-2018-b and pope-belgium-luxembourg-2024-b, two hands), published a Monday.
    ("The minister flew home on Sunday. The summit followed in Carvel from Wednesday to Friday.", "en",
     dt.date(2031, 5, 12), [dt.date(2031, 5, 11), dt.date(2031, 5, 7), dt.date(2031, 5, 9)]),
    ("Dara came back on Sunday. Talks with the council, on Wednesday, went well.", "en",
     dt.date(2031, 5, 12), [dt.date(2031, 5, 11), dt.date(2031, 5, 7)]),
])
def test_a_weekday_told_in_the_past_is_not_pushed_past_the_article(text: str, language: str, anchor: dt.date,
                                                                    dates: list[dt.date]) -> None:
    assert _dates(text, anchor, language) == dates


@pytest.mark.parametrize(("text", "language"), [
    # A plan after a past ("doit", "would"), a future, a present, a past in a later relative clause.
    ("Il a franchi la frontière mardi, en route vers Orla, où il doit rencontrer jeudi le président.", "fr"),
    ("Mardi, il a parlé à Orla. Le sommet s'ouvre jeudi à Velsen, sans les présidents voisins, qui ont choisi de "
     "se faire représenter.", "fr"),
    ("He spoke in Orla on Tuesday. Officials said the president would meet the council on Thursday.", "en"),
    ("He spoke in Orla on Tuesday. The pope is expected to meet people displaced by the war on Thursday.", "en"),
    ("He spoke in Orla on Tuesday. Police have warned of road closures on Thursday.", "en"),
    ("He spoke in Orla on Tuesday. On Thursday, he travels to Velsen, to the church destroyed in the war.", "en"),
])
def test_a_plan_told_after_the_anchor_day_is_still_the_next_one(text: str, language: str) -> None:
    assert _dates(text, TUE, language)[-1] == dt.date(2031, 5, 15)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_flashback_does_not_take_the_narration_back(language: str) -> None:
    # The latest day told, not the last: "Sunday Mass" years ago leaves the narration at the anchor day.
    text = {"en": "He arrived on Tuesday, at the church where gunmen killed worshippers during Sunday Mass in "
                  "2010. The trip will take him to Orla on Thursday.",
            "fr": "Il est arrivé mardi à l'église où des hommes armés ont tué des fidèles pendant la messe du "
                  "dimanche, en 2010. Le voyage le conduira à Orla jeudi."}[language]
    assert _dates(text, TUE, language)[-1] == dt.date(2031, 5, 15)


@pytest.mark.parametrize(("text", "language", "day", "past"), [
    ("Mercredi, il a visité l'usine.", "fr", "Mercredi", True),
    ("Le dimanche, il célébrait la messe à Orla.", "fr", "dimanche", True),
    ("La messe a lieu dimanche à Orla.", "fr", "dimanche", False),
    ("Il est attendu dimanche à Orla, où il a déjà prié.", "fr", "dimanche", False),
    ("Les entretiens prévus jeudi, après qu'il est arrivé mardi.", "fr", "jeudi", False),
    ("Francis visited both, one on Friday and the other on Saturday.", "en", "Saturday", True),
    ("On the flight home on Sunday, Dara called the deal a success.", "en", "Sunday", True),
    ("Lebanese vote on Sunday against an alliance led by the party.", "en", "Sunday", False),
    ("The so-called summit on Sunday will be short.", "en", "Sunday", False),
    # A past that reports: before the day, its complement's time; right after it, the day's own verb.
    ("Des manifestants ont annoncé une marche samedi à Orla.", "fr", "samedi", False),
    ("A joint communiqué on Sunday said the talks would go on.", "en", "Sunday", True),
])
def test_a_day_told_in_a_past_tense(text: str, language: str, day: str, past: bool) -> None:
    at = text.index(day)
    assert told_past(text, language, at, at + len(day)) is past
