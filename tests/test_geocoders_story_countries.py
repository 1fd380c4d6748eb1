"""Before any place of the story is settled, the countries it names say where it is."""

from __future__ import annotations

import pytest

from geomap.geocoders import Context, GeoNamesIndex, ResolverChain


@pytest.fixture(scope="module")
def chain() -> ResolverChain:
    return ResolverChain(None, GeoNamesIndex.load(), None, airports=False)


@pytest.mark.parametrize(
    ("name", "countries", "far"),
    [
        # A Kentucky town, not the German state (Brandenburg an der Havel, the town the name also
        # means, is in Germany: it may be taken)
        ("Brandenburg", {"DE", "GB"}, "US"),
        ("Rappel", {"BE", "LU"}, "EE"),  # an alternate name of Rapla, Estonia: a live blog's "Rappel -"
    ],
)
def test_a_lone_namesake_far_from_the_story_countries_is_not_accepted(
    chain: ResolverChain, name: str, countries: set[str], far: str
) -> None:
    found = chain.resolve_many([(name, Context(countries=frozenset(countries)))])[0]
    assert found is None or found.place.country != far


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


WASHINGTON = (38.9072, -77.0369)


@pytest.mark.parametrize(
    ("name", "points", "country"),
    [
        # A pope in Iraq, a president in China: Washington named once in passing.
        ("Rome", (WASHINGTON, (33.3152, 44.3661), (36.1911, 44.0092)), "IT"),
        ("Canton", (WASHINGTON, (39.9042, 116.4074), (31.2304, 121.4737)), "CN"),
        ("Damascus", (WASHINGTON, (34.3853, 132.4553), (35.6895, 139.6917)), "SY"),
    ],
)
def test_one_passing_mention_does_not_bring_namesakes_near_the_story(
    chain: ResolverChain, name: str, points: tuple, country: str
) -> None:
    found = chain.resolve_many([(name, Context(points=points))])[0]
    assert found is not None and found.place.country == country


def test_a_namesake_where_the_story_is_still_wins(chain: ResolverChain) -> None:
    dallas, austin = (32.7767, -96.7970), (30.2672, -97.7431)
    found = chain.resolve_many([("Paris", Context(points=(dallas, austin)))])[0]
    assert found is not None and found.place.country == "US"


ANDREWS = (38.8108, -76.8670)


@pytest.mark.parametrize(
    ("name", "far_points"),
    [
        ("Florida", ((-8.8390, 13.2894), (-12.3711, 13.5367))),  # a hurricane, in a trip to Angola
        ("Indiana", ((50.4501, 30.5234), (52.2297, 21.0122))),  # a senator's state, in a trip to Kyiv
    ],
)
def test_a_state_beats_its_namesake_town_near_one_passing_place(
    chain: ResolverChain, name: str, far_points: tuple
) -> None:
    # Washington and its air base are one place: the towns of New York and Pennsylvania near them
    # are not where the story is.
    found = chain.resolve_many([(name, Context(points=(WASHINGTON, ANDREWS, *far_points)))])[0]
    assert found is not None and found.place.kind == "region" and found.place.country == "US"


def test_a_namesake_town_where_the_story_is_still_beats_the_state(chain: ResolverChain) -> None:
    goshen, middletown = (41.4018, -74.3243), (41.4459, -74.4229)  # Orange County, New York
    found = chain.resolve_many([("Florida", Context(points=(goshen, middletown)))])[0]
    assert found is not None and found.place.kind == "city"


MOUNT_SINAI_NY, NEW_YORK = (40.9465, -73.0268), (40.7128, -74.0060)
IRAQ = ((33.3152, 44.3661), (36.1911, 44.0092), (36.3450, 43.1450), (32.0000, 44.3300), (31.0439, 46.2576))
FRANCE = ((48.8566, 2.3522), (42.9946, 0.1443), (43.2965, 5.3698), (45.7640, 4.8357), (43.6047, 1.4442))
CHINA = ((39.9042, 116.4074), (31.2304, 121.4737), (23.1291, 113.2644), (30.5728, 114.3055), (22.5431, 114.0579))


@pytest.mark.parametrize(
    ("name", "passing", "story", "country", "countries"),
    [
        # A pope in Iraq: Washington and a "Mount Sinai" it drew to Long Island, two places apart.
        ("Rome", (WASHINGTON, MOUNT_SINAI_NY), IRAQ, "IT", {"US", "IQ"}),
        # A president in China: Washington and New York named in passing (Canton, Maryland).
        ("Canton", (WASHINGTON, NEW_YORK), CHINA, "CN", {"US", "CN"}),
    ],
)
def test_a_few_passing_places_do_not_bring_namesakes_near_a_story_told_elsewhere(
    chain: ResolverChain, name: str, passing: tuple, story: tuple, country: str, countries: set[str]
) -> None:
    found = chain.resolve_many([(name, Context(points=(*passing, *story), countries=frozenset(countries)))])[0]
    assert found is not None and found.place.country == country


def test_a_namesake_where_a_fair_share_of_the_story_is_still_wins(chain: ResolverChain) -> None:
    dallas, austin = (32.7767, -96.7970), (30.2672, -97.7431)
    found = chain.resolve_many([("Paris", Context(points=(dallas, austin, *IRAQ[:3])))])[0]
    assert found is not None and found.place.country == "US"


def test_a_story_in_one_place_of_one_country_still_takes_the_namesake_beside_it(chain: ResolverChain) -> None:
    dallas = (32.7767, -96.7970)
    found = chain.resolve_many([("Paris", Context(points=(dallas,), countries=frozenset({"US"})))])[0]
    assert found is not None and found.place.country == "US"
