"""Before any place of the story is settled, the countries it names say where it is."""

from __future__ import annotations

import pytest

from geomap.geocoders import Context, GeoNamesIndex, ResolverChain


@pytest.fixture(scope="module")
def chain() -> ResolverChain:
    return ResolverChain(None, GeoNamesIndex.load(), None, airports=False)


@pytest.mark.parametrize(
    ("name", "countries"),
    [
        ("Brandenburg", {"DE", "GB"}),  # only a Kentucky town in GeoNames: not the German state
        ("Rappel", {"BE", "LU"}),  # an alternate name of Rapla, Estonia: a live blog's "Rappel -"
    ],
)
def test_a_lone_namesake_far_from_the_story_countries_is_not_accepted(
    chain: ResolverChain, name: str, countries: set[str]
) -> None:
    found = chain.resolve_many([(name, Context(countries=frozenset(countries)))])[0]
    assert found is None


@pytest.mark.parametrize(
    ("name", "countries", "country"),
    [
        ("Rome", {"IQ"}, "IT"),  # a world city named from afar
        ("Lampedusa", {"FR", "GR"}, "IT"),  # near a story country's edge
    ],
)
def test_names_near_the_story_countries_still_resolve(
    chain: ResolverChain, name: str, countries: set[str], country: str
) -> None:
    found = chain.resolve_many([(name, Context(countries=frozenset(countries)))])[0]
    assert found is not None and found.place.country == country
    assert "story's countries" in found.reason  # measured from them, not from nowhere


def test_a_small_town_inside_a_story_country_is_not_moved_away(chain: ResolverChain) -> None:
    found = chain.resolve_many([("Tarbes", Context(countries=frozenset({"FR", "CN"})))])[0]
    assert found is not None and found.place.country == "FR"
