"""A name followed by the region it lies in ("Anchorage, Alaska", "Springfield, dans l'Illinois")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from storyutil import mentioned
from storyutil import placed as placed_in

from geomap.discover import qualifiers
from geomap.geocoders import Context, GeoNamesIndex, ResolverChain

WASHINGTON = Context(points=((38.9072, -77.0369), (39.29, -76.61)), countries=frozenset({"US"}))


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()



@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("He refuelled in Anchorage, Alaska, on Sunday.", ("Anchorage", "Alaska"), [("US-AK",), ()]),
        ("Il a parlé à Springfield, dans l'Illinois, puis à Victoria (Seychelles).",
         ("Springfield", "Illinois", "Victoria", "Seychelles"), [("US-IL",), (), ("SC",), ()]),
        # A name of a state and of a country: either may be meant.
        ("They met in Atlanta, Georgia.", ("Atlanta", "Georgia"), [("US-GA", "GE"), ()]),
        # Countries in a list qualify nothing, nor a list's names; nor a name after a full stop.
        ("He toured Kenya, Ethiopia and Paris. Texas waited.", ("Kenya", "Ethiopia", "Paris", "Texas"),
         [(), (), (), ()]),
        ("Stops: Lyon, Italy and Spain.", ("Lyon", "Italy", "Spain"), [(), (), ()]),
        ("À San Diego, Washington, Londres et Canberra ont protesté.", ("San Diego", "Washington", "Londres"),
         [(), (), ()]),
        ("Mercedes-Benz in Stuttgart, China remains the largest market.", ("Stuttgart", "China"), [(), ()]),
        # Behind a glue word alone, the region must still fill the clause: "in Warsaw in Poland on Friday" says nothing.
        ("The pope began that journey at Mount Sinai in Egypt.", ("Mount Sinai", "Egypt"), [("EG",), ()]),
        ("Il s'est arrêté à Victoria aux Seychelles, puis à Varsovie en Pologne vendredi.",
         ("Victoria", "Seychelles", "Varsovie", "Pologne"), [("SC",), (), (), ()]),
        # The part of the country it lies in may come between.
        ("L'avion s'est posé à l'aéroport de Shannon, dans l'ouest de l'Irlande, puis à Harbin, dans le "
         "nord-est de la Chine.", ("Shannon", "Irlande", "Harbin", "Chine"), [("IE",), (), ("CN",), ()]),
        ("He spent his exile in a rented house in Bath, in the west of England, and visited Kogelo, in "
         "western Kenya.", ("Bath", "England", "Kogelo", "Kenya"), [("GB",), (), ("KE",), ()]),
        # Not a region: the part of "the country" says nothing.
        ("Kherson, dans le sud du pays, a été bombardée.", ("Kherson",), [()]),
        # A state's French name is the state's too (until discover27 "Géorgie" was only the country).
        ("Escale à Macon, en Géorgie, puis à Tampa, en Floride.", ("Macon", "Géorgie", "Tampa", "Floride"),
         [("US-GA", "GE"), (), ("US-FL",), ()]),
        ("Il a dormi à Raleigh (Caroline du Nord) puis à Erie, dans l'État de Pennsylvanie.",
         ("Raleigh", "Caroline du Nord", "Erie", "Pennsylvanie"), [("US-NC",), (), ("US-PA",), ()]),
    ],
)
def test_a_region_right_after_a_name_says_where_it_is(index: GeoNamesIndex, text: str, names: tuple[str, ...],
                                                      expected: list[tuple[str, ...]]) -> None:
    article, found = mentioned(text, *names)
    assert qualifiers(found, {"a": article}, index) == expected


def test_within_picks_the_namesake_in_the_region(index: GeoNamesIndex) -> None:
    chain = ResolverChain(None, index, None)
    # Near Washington, Anchorage (Kentucky) is the nearer namesake; the text says Alaska.
    assert chain.resolve("Anchorage", WASHINGTON).place.country == "US"
    res = chain.resolve("Anchorage", Context(points=WASHINGTON.points, countries=WASHINGTON.countries,
                                             within=("US-AK",)))
    assert res is not None and res.place.latlon[0] > 55
    # A region with no such name and no namesake near it: none of them is what the text means.
    assert chain.resolve("Anchorage", Context(points=WASHINGTON.points, within=("FR",))) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (("President Biden landed in Anchorage, Alaska, to refuel on Sunday before flying on to Washington, "
         "where he met senators from Springfield, Illinois."), "en"),
        (("Le président a fait escale à Anchorage, en Alaska, dimanche, avant de regagner Washington, "
         "où l'attendaient des élus de Springfield (Illinois)."), "fr"),
    ],
)
def test_a_story_puts_qualified_names_in_their_state(tmp_path: Path, text: str, language: str) -> None:
    placed = placed_in(tmp_path, text)
    assert placed["Anchorage"].latlon[0] > 55  # Alaska, not Kentucky
    assert abs(placed["Springfield"].lon - -89.64) < 0.5  # the capital of Illinois, not of Missouri


@pytest.mark.parametrize(
    ("text", "name", "lat", "lon"),
    [
        # A French name of a US state that is also a country's: the town is the state's (until
        # discover27 it was looked for in the country only, and left unplaced).
        ("Le président a fait escale à Atlanta, en Géorgie, avant d'atterrir à Washington dans la soirée.",
         "Atlanta", 33.75, -84.39),
        ("La délégation a passé la nuit à Tallahassee, en Floride, puis a gagné Washington le lendemain.",
         "Tallahassee", 30.44, -84.28),
    ],
)
def test_a_french_state_name_puts_the_town_in_the_state(tmp_path: Path, text: str, name: str, lat: float,
                                                         lon: float) -> None:
    place = placed_in(tmp_path, text)[name]
    assert abs(place.lat - lat) < 0.5 and abs(place.lon - lon) < 0.5


def test_a_state_beats_a_town_listing_its_name_as_an_alternate(index: GeoNamesIndex) -> None:
    # Near Washington: "Alaska" is also an old name of a West Virginia town. Only towns bearing the
    # state's name as their own may make the story one about a namesake.
    res = ResolverChain(None, index, None).resolve("Alaska", WASHINGTON)
    assert res is not None and (res.place.kind, res.place.name) == ("region", "Alaska")


def test_a_namesake_far_from_the_region_named_is_not_it(index: GeoNamesIndex) -> None:
    chain = ResolverChain(None, index, None)
    rome = Context(points=((41.9, 12.45),), countries=frozenset({"IT", "VA"}))
    # "la maison Sainte-Marthe, au Vatican": a residence no offline data has, not a town near Marseille.
    assert chain.resolve("Sainte-Marthe", replace(rome, within=("VA",))) is None
    assert chain.resolve("Sainte-Marthe", rome) is not None  # unqualified, the namesake is all there is
    # "Hong Kong, China": not in China in GeoNames' terms, but beside it.
    hk = chain.resolve("Hong Kong", Context(points=((39.9, 116.4),), within=("CN",)))
    assert hk is not None and hk.place.country == "HK"


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # A namesake airfield beside the story's other stops (Shannon Airport, Virginia) is not the one
        # in the country the text names.
        (("Le président russe a quitté Seattle pour Moscou après New York et Washington. Son avion s'est "
          "posé à l'aéroport de Shannon, dans l'ouest de l'Irlande, où l'attendait le Premier ministre."),
         "Shannon", "IE"),
        # Nor a namesake town beside the story's (Bath, Jamaica).
        (("The emperor drove from Kingston to Spanish Town and Montego Bay, in Jamaica. In the 1930s he had "
          "spent his exile in a rented house in Bath, in the west of England."), "Bath", "GB"),
    ],
)
def test_a_part_of_a_country_named_after_a_name_puts_it_there(tmp_path: Path, text: str, name: str,
                                                              country: str) -> None:
    assert placed_in(tmp_path, text)[name].country == country
