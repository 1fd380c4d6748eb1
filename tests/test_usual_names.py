"""A long official name goes by its head in running text: "Frankfurt" (am Main), "Évian" (-les-Bains)."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import placed

from geomap.geocoders import Context, GeoNamesIndex, ResolverChain
from geomap.geocoders.spelling import usual_name

GERMANY = Context(points=((52.52, 13.405), (48.137, 11.575)), countries=frozenset({"DE"}), language="en")
LAKE_GENEVA = Context(points=((46.204, 6.143), (48.857, 2.352)), countries=frozenset({"FR", "CH"}), language="fr")
ENGLAND = Context(points=((51.507, -0.128), (52.486, -1.890)), countries=frozenset({"GB"}), language="en")


@pytest.fixture(scope="module")
def chain() -> ResolverChain:
    return ResolverChain(None, GeoNamesIndex.load(), None)


@pytest.mark.parametrize(
    ("name", "usual"),
    [("Frankfurt am Main", "frankfurt"), ("Halle (Saale)", "halle"), ("Évian-les-Bains", "evian"),
     ("Stratford-upon-Avon", "stratford"), ("Roissy-en-France", "roissy"),
     # "de", "le" and articles belong to the name: Rio is no Rio de Janeiro, nor Le Puy a Puy.
     ("Rio de Janeiro", "rio de janeiro"), ("Noisy-le-Sec", "noisy le sec"), ("Le Puy-en-Velay", "le puy")],
)
def test_the_usual_name_is_the_head_before_a_qualifier(name: str, usual: str) -> None:
    assert usual_name(name) == usual


@pytest.mark.parametrize(
    ("query", "context", "country", "named"),
    [("Frankfurt", GERMANY, "DE", "Frankfurt"), ("Évian", LAKE_GENEVA, "FR", "Évian-les-Bains"),
     ("Newcastle", ENGLAND, "GB", "Newcastle upon Tyne"), ("Châlons", LAKE_GENEVA, "FR", "Châlons-en-Champagne")],
)
def test_a_town_is_found_by_its_usual_name(chain: ResolverChain, query: str, context: Context, country: str,
                                           named: str) -> None:
    res = chain.resolve(query, context)
    assert res is not None and res.place.country == country and res.place.name.startswith(named)


@pytest.mark.parametrize(
    ("text", "where"),
    [("Chancellor Scholz flew from Berlin to Frankfurt on Monday and visited Stratford on Tuesday.",
      {"Frankfurt": "DE", "Stratford": None}),
     ("Le président a quitté Paris pour Évian lundi, puis il s'est arrêté à Châlons mardi.",
      {"Évian": "FR", "Châlons": "FR"})],
)
def test_stories_place_towns_written_by_their_usual_name(tmp_path: Path, text: str, where: dict) -> None:
    places = placed(tmp_path, text)
    for name, country in where.items():
        assert name in places, f"{name} not placed"
        if country:
            assert places[name].country == country
