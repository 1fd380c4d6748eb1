"""Wrap-ups "during the stay" and border crossings passed twice (FR and EN, invented and real stories)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_infer import article, place

from geomap.articles import load_articles
from geomap.gazetteer import load_gazetteer
from geomap.infer import infer_journey, story_features
from geomap.infer.evidence import mention_evidence
from geomap.infer.score import Weights
from geomap.mentions import Matcher, find_mentions
from geomap.model import Article, Journey

HELDOUT = Path(__file__).parent / "data" / "heldout"


# Invented places, so no test leans on a real story's geography: Avel in XA, the rest in XB (Xland),
# Posta its one border crossing, the Lumo bridge beside it.
PLACES = {p.id: p for p in (
    place("avel", "Avel", "city", 50.0, 10.0, "XA"),
    place("borna", "Borna", "city", 50.5, 12.0, "XB"),
    place("corin", "Corin", "city", 51.0, 14.0, "XB"),
    place("dalm", "Dalm", "city", 50.7, 13.0, "XB"),
    place("eska", "Eska", "city", 52.0, 20.0, "XC"),
    place("xland", "Xland", "country", 51.0, 14.0, "XB"),
    place("posta", "Posta", "border crossing", 50.2, 11.0, "XB"),
    place("lumo", "Lumo Bridge", "bridge", 50.19, 10.98, "XB", "pont de Lumo"),
)}
#: Fixed weights, so these tests test the rules, not the latest fit.
WEIGHTS = Weights({"move": 2.0, "leave": 2.0, "doings": 2.0, "dated": 0.5, "verb_other": -3.0, "speech": -3.0,
                   "coarse": -1.0}, -1.0, 0.5, "stay and border tests", "")


def arts_of(texts: list[tuple[str, dt.date | None]], language: str) -> list[Article]:
    return [article(f"a{i}", t, d, language) for i, (t, d) in enumerate(texts)]


def mentions_of(arts: list[Article]) -> list:
    return find_mentions(arts, Matcher((alias, p.id) for p in PLACES.values() for alias in p.aliases))


def infer(texts: list[tuple[str, dt.date | None]], language: str) -> Journey:
    arts = arts_of(texts, language)
    return infer_journey(arts, mentions_of(arts), PLACES, weights=WEIGHTS)


def route(j: Journey) -> list[tuple[str, dt.date | None]]:
    return [(s.place_id, s.date) for s in j.stops]


# --- "pendant son séjour": a wrap-up takes no day from the sentence before ----------------------


@pytest.mark.parametrize(("text", "language"), [
    (("Rolan a quitté Corin en direction d'Eska. Cette visite, débutée mardi, a été marquée par un sommet "
      "mercredi à Borna. Au cours de son séjour, Rolan a visité Dalm."), "fr"),
    (("Rolan left Corin for Eska. The visit, which began on Tuesday, was marked by a summit on Wednesday in "
      "Borna. During his stay, Rolan visited Dalm."), "en"),
])
def test_a_place_told_during_the_stay_takes_no_narrative_day(text: str, language: str) -> None:
    arts = arts_of([(text, dt.date(2024, 5, 10))], language)
    found, _ = mention_evidence(arts, mentions_of(arts), PLACES)
    dalm = next(e for e in found if e.place_id == "dalm")
    borna = next(e for e in found if e.place_id == "borna")
    assert borna.date is not None and borna.date.date == dt.date(2024, 5, 8)
    assert dalm.whole_stay and dalm.told is None and dalm.date is None


@pytest.mark.parametrize(("texts", "language"), [
    ([("Rolan est arrivé mardi à Borna.", dt.date(2024, 5, 7)),
      ("Rolan a quitté Corin en direction d'Eska. Pendant son séjour, il a visité Dalm.", None)], "fr"),
    ([("Rolan arrived in Borna on Tuesday.", dt.date(2024, 5, 7)),
      ("Rolan left Corin for Eska. During the visit, he toured Dalm.", None)], "en"),
])
def test_an_article_that_opens_on_the_leaving_tells_the_stay_before_it(texts: list, language: str) -> None:
    # The second article tells the leaving first and looks back: what was done "during the stay" came before.
    assert [p for p, _ in route(infer(texts, language))] == ["borna", "dalm", "corin", "eska"]


# --- border crossings -------------------------------------------------------------------------


@pytest.mark.parametrize(("texts", "language"), [
    ([(("Le train du président Rolan a quitté Avel dimanche. Le président est arrivé mardi en Xland, puis il "
        "est arrivé mercredi à Corin."), dt.date(2024, 5, 8)),
      ("Rolan a quitté Corin vendredi. Son train s'est dirigé vers le poste-frontière de Posta.",
       dt.date(2024, 5, 10))], "fr"),
    ([(("President Rolan left Avel by train on Sunday. The president arrived in Xland on Tuesday, then "
        "arrived in Corin on Wednesday."), dt.date(2024, 5, 8)),
      ("Rolan left Corin on Friday. His train headed for the Posta border crossing.", dt.date(2024, 5, 10))],
     "en"),
])
def test_an_entry_into_a_country_is_its_one_border_crossing_passed_in_and_out(texts: list, language: str) -> None:
    r = route(infer(texts, language))
    assert [p for p, _ in r] == ["avel", "posta", "corin", "posta"]
    assert r[1] == ("posta", dt.date(2024, 5, 7))  # the day of the entry told only of the country


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_crossing_from_an_entry_with_two_crossings_of_the_country(language: str) -> None:
    two = dict(PLACES, porta=place("porta", "Porta", "border crossing", 51.5, 16.0, "XB"))
    text = {"fr": "Rolan a quitté Avel dimanche. Il est arrivé mardi en Xland. Son train s'est dirigé vers "
                  "Posta puis vers Porta.",
            "en": "Rolan left Avel on Sunday. He arrived in Xland on Tuesday. His train headed for Posta, "
                  "then for Porta."}[language]
    arts = arts_of([(text, dt.date(2024, 5, 8))], language)
    ms = find_mentions(arts, Matcher((alias, p.id) for p in two.values() for alias in p.aliases))
    j = infer_journey(arts, ms, two, weights=WEIGHTS)
    crossings = [s for s in j.stops if s.place_id in ("posta", "porta")]
    assert len(crossings) == 2  # both kept, so the entry into Xland could be either: it is neither
    assert not any("Xland" in ev.text for s in crossings for ev in s.evidence)


@pytest.mark.parametrize(("text", "language"), [
    ("Le train a traversé le pont de Lumo mardi avant de s'arrêter en gare de Posta.", "fr"),
    ("On Tuesday the train crossed the Lumo Bridge before stopping at Posta station.", "en"),
])
def test_a_station_never_serves_a_bridge(text: str, language: str) -> None:
    arts = arts_of([(text, dt.date(2024, 5, 7))], language)
    _, grouped, _ = story_features(arts, mentions_of(arts), PLACES)
    assert "posta" in grouped  # its mention stays its own, not the bridge's


def test_the_vladivostok_summit_passes_the_border_post_both_ways(gazetteer_path: Path) -> None:
    # A second story, by another hand: "s'arrêter en gare de Khasan" beside the Tumen bridge, then
    # "repris la direction du sud-ouest, vers Khasan et la frontière nord-coréenne".
    folder = HELDOUT / "kim-vladivostok-2019"
    arts = load_articles(sorted(folder.glob("*.txt")))
    gaz = load_gazetteer(gazetteer_path)
    ids = [s.place_id for s in infer_journey(arts, find_mentions(arts, Matcher(gaz.names())), gaz.places).stops]
    assert ids.count("khasan") == 2
    assert ids.index("pyongyang") < ids.index("khasan") < ids.index("vladivostok") < len(ids) - 1 - ids[::-1].index("khasan")
