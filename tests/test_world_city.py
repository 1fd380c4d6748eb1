"""World-city prior: far from every namesake, a capital or a very large city beats small towns."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from storyutil import ROOT, placed

from geomap.geocoders import Context, GeoNamesIndex, ResolverChain
from geomap.pipeline import BuildOptions, build_story

STORIES = ROOT / "tests" / "data" / "stories"

# A story in France (Paris, Tarbes) and one in the Russian Far East / North Korea.
FRANCE = Context(points=((48.8566, 2.3522), (43.2328, 0.0781)), countries=frozenset({"FR"}))
FAR_EAST = Context(points=((43.1155, 131.8855), (39.0392, 125.7625)), countries=frozenset({"RU", "KP"}))
# A story in Washington and Kyiv: small American namesakes lie in a story country.
WASHINGTON_KYIV = Context(points=((38.9072, -77.0369), (50.4501, 30.5234)), countries=frozenset({"US", "UA", "PL"}))


@pytest.fixture(scope="module")
def chain() -> ResolverChain:
    return ResolverChain(None, GeoNamesIndex.load(), None)


@pytest.mark.parametrize(
    ("query", "context", "country", "name"),
    [
        ("Canton", FRANCE, "CN", "Guangzhou"),  # an old name of Guangzhou, and several US towns
        ("Calcutta", FRANCE, "IN", "Kolkata"),
        ("Canton", FAR_EAST, "CN", "Guangzhou"),
        ("Pékin", WASHINGTON_KYIV, "CN", "Beijing"),  # not Pekin, Illinois
        ("Rome", FRANCE, "IT", "Rome"),
    ],
)
def test_world_city_beats_far_small_namesakes(
    chain: ResolverChain, query: str, context: Context, country: str, name: str
) -> None:
    res = chain.resolve(query, context)
    assert res is not None
    assert (res.place.country, res.place.name) == (country, name)
    assert "world city" in res.reason


def test_a_namesake_near_the_story_still_wins(chain: ResolverChain) -> None:
    # Vienne (Isère) is near a French story: the prior applies only when every namesake is far.
    res = chain.resolve("Vienne", FRANCE)
    assert res is not None and res.place.country == "FR"
    assert "world city" not in res.reason


def test_no_world_city_no_bonus(chain: ResolverChain) -> None:
    res = chain.resolve("Vostochny", FAR_EAST)
    assert res is None or "world city" not in res.reason


def test_a_french_story_finds_a_city_by_its_french_name() -> None:
    from geomap.geocoders import Context, GeoNamesIndex, ResolverChain

    chain = ResolverChain(None, GeoNamesIndex.load(), None)
    story = [(55.75, 37.62), (48.21, 16.37), (28.61, 77.21)]  # Moscow, Vienna, New Delhi
    fr = chain.resolve("Samarcande", Context(points=story, countries=frozenset({"RU", "AT", "IN"}), language="fr"))
    assert fr is not None and fr.place.name == "Samarkand"


# Stories beside Lomé, which GeoNames also lists under the alternate name "Rome".
ACCRA_COTONOU = Context(points=((5.6037, -0.1870), (6.3703, 2.3912)), countries=frozenset({"GH", "BJ"}))
ABIDJAN_LAGOS = Context(points=((5.3600, -4.0083), (6.5244, 3.3792)), countries=frozenset({"CI", "NG"}),
                        language="fr")


@pytest.mark.parametrize("context", [ACCRA_COTONOU, ABIDJAN_LAGOS])
def test_a_world_city_by_its_own_name_beats_one_by_an_alternate(chain: ResolverChain, context: Context) -> None:
    res = chain.resolve("Rome", context)
    assert res is not None and (res.place.country, res.place.name) == ("IT", "Rome")


# Stories that passed by New Delhi, which GeoNames also lists under the alternate name "Dili".
DELHI_LISBON = Context(points=((28.6139, 77.2090), (38.7223, -9.1393)), countries=frozenset({"IN", "PT"}),
                       language="fr")
DELHI_JAKARTA = Context(points=((28.6139, 77.2090), (-6.2088, 106.8456)), countries=frozenset({"IN", "ID"}))


@pytest.mark.parametrize("context", [DELHI_LISBON, DELHI_JAKARTA])
def test_another_place_listing_a_world_citys_name_is_no_namesake(chain: ResolverChain, context: Context) -> None:
    res = chain.resolve("Dili", context)
    assert res is not None and (res.place.country, res.place.name) == ("TL", "Dili")
    assert all(c.place.country != "IN" for c in res.candidates)


# A story in Philadelphia, Wilmington and Baltimore: small towns named after world cities lie beside it.
PHILADELPHIA = Context(points=((39.9526, -75.1652), (39.7391, -75.5398), (39.2904, -76.6122)),
                       countries=frozenset({"US"}))


@pytest.mark.parametrize(("query", "country"), [("Berlin", "DE"), ("Moscow", "RU"), ("Lima", "PE"), ("Warsaw", "PL")])
def test_a_world_city_beats_a_town_a_hundredth_its_size_beside_the_story(chain: ResolverChain, query: str,
                                                                         country: str) -> None:
    res = chain.resolve(query, PHILADELPHIA)
    assert res is not None and res.place.country == country
    assert all(c.place.country != "US" for c in res.candidates)


def test_the_text_can_still_mean_the_small_namesake(chain: ResolverChain) -> None:
    res = chain.resolve("Berlin", replace(PHILADELPHIA, within=("US-NJ",)))  # "Berlin, New Jersey"
    assert res is not None and res.place.country == "US" and res.place.lat < 40.5


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (("The president's train left Philadelphia for Washington on Saturday, through Wilmington, Delaware, "
          "and Baltimore, Maryland, across the United States' oldest rail corridor. Aides recalled the summer "
          "crowds in Berlin, where he had spoken in July."), "DE"),
        (("The president's train left Philadelphia on Saturday morning and stopped in Wilmington before "
          "reaching Baltimore, then Berlin, New Jersey."), "US"),
    ],
)
def test_a_story_beside_a_small_namesake_means_the_world_city(tmp_path: Path, text: str, country: str) -> None:
    assert placed(tmp_path, text)["Berlin"].country == country


def test_a_french_story_in_the_us_recalls_berlin() -> None:
    # Obama's train from Philadelphia to Washington; "les meetings d'Obama à Berlin, en juillet".
    story = build_story([STORIES / "obama-train-2009-b"], BuildOptions(gazetteer=ROOT / "gazetteer.yaml",
                                                                     curated=False)).story
    berlins = [story.places[m.place_id] for m in story.mentions if m.surface == "Berlin" and m.place_id]
    assert berlins and all(p.country == "DE" for p in berlins)


@pytest.mark.parametrize(
    ("text", "name", "country", "lat"),
    [
        # pope-marseille-2023-b (a development story): Ulaanbaatar (845,000) named from Marseille was left
        # unplaced; xi-latin-america-2024-b put San Francisco (827,000) in Argentina, a story country.
        ("The Pope flew home to Rome from Marseille. Three weeks earlier he had been in Ulaanbaatar.",
         "Ulaanbaatar", "MN", 47.9),
        ("Le roi a quitté Rome pour Paris lundi. Il avait rencontré le président à San Francisco en 2023.",
         "San Francisco", "US", 37.77),
        ("The King left Rome for Paris on Monday. He had met the president in San Francisco in 2023.",
         "San Francisco", "US", 37.77),
        # A border town beside the story is still meant over a far province city of 900,000 of its name.
        (("Le train a traversé le Guangxi, avant de rejoindre la ville frontalière de Pingxiang. À Đồng Đăng, "
          "Kim a pris une voiture pour Hanoï, puis Lạng Sơn."), "Pingxiang", "CN", 22.1),
    ],
)
def test_a_city_of_half_a_million_is_named_from_afar(tmp_path: Path, text: str, name: str, country: str,
                                                     lat: float) -> None:
    places = placed(tmp_path, text)
    assert name in places and places[name].country == country and abs(places[name].lat - lat) < 0.5, places.get(name)
