"""Context scoring: distance dominates, then country and kind, population only weakly."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geomap.geocoders import Context, Region, confidence, haversine_km, plausibility, rank
from geomap.model import Candidate, Place

STORY = Context(points=((43.0, 132.0), (44.0, 133.0)), countries=frozenset({"aa"}))


def town(name: str, lat: float, lon: float, *, pop: int | None = None, country: str = "AA", kind: str = "city",
         pid: str | None = None) -> Place:
    return Place(id=pid or f"t:{name}:{lat}:{lon}", name=name, kind=kind, lat=lat, lon=lon, country=country,
                 population=pop, resolver="geonames")


def test_countries_are_normalised_to_upper_case_and_points_to_floats() -> None:
    ctx = Context(points=[(1, 2)], countries={"ru", "Kp"})  # type: ignore[arg-type]
    assert ctx.countries == frozenset({"RU", "KP"})
    assert ctx.points == ((1.0, 2.0),)
    hash(ctx)  # frozen and hashable: usable as a cache key


def test_small_border_town_beats_big_namesake_far_away() -> None:
    border = town("Namesake", 43.3, 132.2, pop=2_000)  # ~30 km from the story
    big = town("Namesake", 52.0, 132.0, pop=1_500_000)  # ~900 km north
    ranked = rank([Candidate(big, 0.0), Candidate(border, 0.0)], STORY)
    assert ranked[0].place is border
    assert confidence(ranked) > 0.5  # a real rival, so not certain, but the border town is favoured


def test_spaceport_hint_beats_closer_more_populous_village() -> None:
    ctx = Context(points=STORY.points, countries=STORY.countries, kind_hint="spaceport")
    village = town("Launch", 43.5, 132.5, pop=5_000)
    spaceport = town("Launch", 45.5, 133.0, kind="spaceport")
    ranked = rank([Candidate(village, 0.0), Candidate(spaceport, 0.0)], ctx)
    assert ranked[0].place is spaceport
    assert "spaceport" in ranked[1].reason  # the loser says why


def test_without_kind_hint_the_nearer_village_wins() -> None:
    village = town("Launch", 43.5, 132.5, pop=5_000)
    spaceport = town("Launch", 45.5, 133.0, kind="spaceport")
    assert rank([Candidate(spaceport, 0.0), Candidate(village, 0.0)], STORY)[0].place is village


def test_settlement_kinds_satisfy_each_other() -> None:
    ctx = Context(points=STORY.points, kind_hint="town")
    city = town("X", 43.1, 132.1, kind="city")
    assert ctx.score(city)[0] > Context(points=STORY.points, kind_hint="harbour").score(city)[0]


def test_country_membership_breaks_equal_distances() -> None:
    inside = town("Twin", 43.5, 132.5, country="AA")
    outside = town("Twin", 43.5, 132.5, country="BB")
    assert STORY.score(inside)[0] > STORY.score(outside)[0]
    assert "outside story countries" in STORY.score(outside)[1]


def test_reason_is_human_readable() -> None:
    score, reason = STORY.score(town("Town", 43.0, 136.0, pop=4605))
    assert "km from nearest story place" in reason
    assert "in AA" in reason
    assert "pop 4,605" in reason
    assert math.isfinite(score)


def test_without_points_population_and_prominence_decide() -> None:
    ctx = Context()
    small, big = town("A", 10, 10, pop=600), town("A", -10, -10, pop=600_000)
    capital = town("A", 0, 0, pop=600, kind="capital")
    assert rank([Candidate(small, 0), Candidate(big, 0)], ctx)[0].place is big
    assert ctx.score(capital)[0] > ctx.score(small)[0]
    assert "km" not in ctx.score(big)[1]


def test_place_without_coordinates_scores_below_placed_one() -> None:
    unplaced = Place(id="u", name="U", country="AA")
    placed = town("U", 50.0, 150.0)
    assert STORY.score(unplaced)[0] < STORY.score(placed)[0]


def test_rank_adds_resolver_prior_and_keeps_its_reason() -> None:
    a, b = town("A", 43.2, 132.2), town("A", 43.2, 132.2, pid="other")
    ranked = rank([Candidate(a, 0.0), Candidate(b, 1.0, "importance 0.67")], STORY)
    assert ranked[0].place is b
    assert ranked[0].score == pytest.approx(ranked[1].score + 1.0)
    assert ranked[0].reason.endswith("importance 0.67")


def test_rank_is_stable_for_ties() -> None:
    places = [town("T", 43.2, 132.2, pid=f"p{i}") for i in range(5)]
    assert [c.place.id for c in rank([Candidate(p, 0) for p in places], STORY)] == [p.id for p in places]


def test_confidence_reflects_margin_and_plausibility() -> None:
    near = town("N", 43.1, 132.1, pop=10_000)
    twin = town("N", 43.1, 132.1, pop=10_000, pid="twin")
    far_village = town("N", -30.0, -60.0, pop=800, country="ZZ")
    assert confidence([]) == 0.0
    assert confidence(rank([Candidate(near, 0)], STORY)) > 0.9
    tied = rank([Candidate(near, 0), Candidate(twin, 0)], STORY)
    assert confidence(tied) <= 0.5 + 1e-9
    assert confidence(rank([Candidate(far_village, 0)], STORY)) < 0.1


def test_centroid_handles_the_antimeridian() -> None:
    ctx = Context(points=((60.0, 179.0), (60.0, -179.0)))
    lat, lon = ctx.centroid  # type: ignore[misc]
    assert abs(abs(lon) - 180.0) < 1e-6
    assert lat == pytest.approx(60.0, abs=0.1)
    assert Context().centroid is None


def test_viewbox_pads_the_points() -> None:
    (south, west), (north, east) = STORY.viewbox(pad_km=100)  # type: ignore[misc]
    assert south < 43.0 < 44.0 < north and west < 132.0 < 133.0 < east
    assert haversine_km((43.0, 132.0), (south, 132.0)) == pytest.approx(100, rel=0.02)
    assert Context().viewbox() is None
    (s2, _), (n2, _) = Context(points=((89.5, 0.0),)).viewbox()  # type: ignore[misc]
    assert n2 <= 90.0 and s2 < 89.5


def test_from_places_skips_unplaced_and_collects_countries() -> None:
    ctx = Context.from_places([town("A", 1, 2, country="AA"), Place(id="b", name="B", country="BB")],
                              countries=["cc"], kind_hint="river")
    assert ctx.points == ((1.0, 2.0),)
    assert ctx.countries == frozenset({"AA", "BB", "CC"})
    assert ctx.kind_hint == "river"


lat_st = st.floats(-89.0, 89.0)
lon_st = st.floats(-179.0, 179.0)


@given(st.lists(st.tuples(lat_st, lon_st), min_size=1, max_size=6), lat_st, lon_st,
       st.integers(0, 10**7), st.floats(0.0, 80.0))
def test_farther_along_a_meridian_never_scores_higher(points, lat, lon, pop, step) -> None:
    ctx = Context(points=tuple(points))
    here = town("H", lat, lon, pop=pop)
    farther_lat = lat + step if lat >= 0 else lat - step
    farther_lat = max(min(farther_lat, 89.9), -89.9)
    there = town("H", farther_lat, lon, pop=pop)
    if ctx.nearest_km(there.latlon) >= ctx.nearest_km(here.latlon):  # type: ignore[operator]
        assert ctx.score(there)[0] <= ctx.score(here)[0] + 1e-9


@given(st.lists(st.floats(-20, 20), min_size=0, max_size=8))
def test_confidence_is_a_probability_and_rank_sorts(scores) -> None:
    cands = [Candidate(town("C", 1.0, 1.0, pid=str(i)), s) for i, s in enumerate(scores)]
    ranked = rank(cands, Context())
    assert sorted(c.place.id for c in ranked) == sorted(c.place.id for c in cands)
    assert all(a.score >= b.score for a, b in zip(ranked, ranked[1:]))
    assert 0.0 <= confidence(ranked) <= 1.0
    assert 0.0 < plausibility(scores[0] if scores else 0.0) < 1.0


@pytest.mark.parametrize("facility", ["station", "air base", "airport", "port", "border crossing"])
def test_a_town_is_not_penalised_for_the_facility_named_after_it(facility: str) -> None:
    # "Ramstein Air Base", "gare de Đồng Đăng": GeoNames knows only the town, and the town is right.
    ramstein = town("Ramstein", 43.5, 132.5, pop=8_000)
    plain = STORY.score(ramstein)[0]
    hinted, reason = STORY.with_kind(facility).score(ramstein)
    assert hinted == pytest.approx(plain)
    assert f"the {facility} in the text may be named after it" in reason


@pytest.mark.parametrize("hint", ["spaceport", "palace", "river"])
def test_a_town_still_loses_points_when_the_text_names_another_kind(hint: str) -> None:
    village = town("Vostochny", 43.5, 132.5, pop=2_500)
    assert STORY.with_kind(hint).score(village)[0] < STORY.score(village)[0] - 1.0


FAR_STORY = Context(points=((50.0, 20.0),), countries=frozenset({"AA", "BB"}),
                    regions=(Region("AA", (10.0, 100.0), 500.0),))


def test_a_place_in_a_named_country_counts_as_inside_that_country() -> None:
    # ~9,000 km from the story's only point, but in a country the story names.
    inside = town("Dongdang", 10.5, 100.5, pop=9_000, country="AA")
    far_corner = town("Edge", 25.0, 100.0, pop=9_000, country="AA")  # ~1,670 km from the capital
    score, reason = FAR_STORY.score(inside)
    assert score == pytest.approx(FAR_STORY.score(town("Twin", 50.0 + 500 / 111.2, 20.0, pop=9_000))[0], abs=0.05)
    assert "but in story country AA (counts as 500 km)" in reason
    assert FAR_STORY.score(far_corner)[0] < score  # beyond the radius, farther is worse again
    assert "counts as 1,6" in FAR_STORY.score(far_corner)[1]


def test_a_region_only_ever_brings_a_place_closer() -> None:
    near = town("Near", 50.1, 20.1, pop=9_000, country="AA")  # beside the story point
    assert FAR_STORY.score(near) == Context(points=FAR_STORY.points, countries=FAR_STORY.countries).score(near)
    unnamed = town("Other", 10.5, 100.5, pop=9_000, country="CC")  # same spot, country not named
    without = Context(points=FAR_STORY.points, countries=FAR_STORY.countries)
    assert FAR_STORY.score(unnamed) == without.score(unnamed)
    no_region = town("Bee", 10.5, 100.5, pop=9_000, country="BB")  # named, but where BB lies is unknown
    assert FAR_STORY.score(no_region) == without.score(no_region)


def test_regions_do_not_add_a_distance_when_the_story_has_no_points() -> None:
    ctx = Context(countries=frozenset({"AA"}), regions=FAR_STORY.regions)
    assert "km" not in ctx.score(town("X", 40.0, 140.0, pop=9_000, country="AA"))[1]


def test_with_points_adds_only_new_points() -> None:
    assert STORY.with_points([]) is STORY
    grown = STORY.with_points([(43.0, 132.0), (1.0, 2.0), (1.0, 2.0)])
    assert grown.points == STORY.points + ((1.0, 2.0),)
