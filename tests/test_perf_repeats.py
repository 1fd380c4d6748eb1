"""Story-wide passes that judge a repeated phrase once give each mention what judging it alone gives."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from storyutil import mentioned

from geomap.discover import near, qualifiers
from geomap.discover.placing import _placed
from geomap.geocoders import GeoNamesIndex
from geomap.model import Place, Resolution


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


def _shuffled_story(rng: random.Random, pieces: list[str]) -> tuple[str, list[str]]:
    """Sentences drawn from ``pieces`` (a name, then what follows it), and the names in text order."""
    drawn = [rng.choice(pieces) for _ in range(rng.randrange(2, 9))]
    return " ".join(drawn), [p.split("|")[0] for p in drawn]


def test_qualifiers_judged_once_per_clause_are_each_mentions_own(index: GeoNamesIndex) -> None:
    # One clause read after a comma and after a bare space: only the comma lets a region stand alone.
    pieces = ["Springfield|, Illinois.", "Springfield| Illinois.", "Victoria| (Seychelles).", "Victoria| aux Seychelles.",
              "Springfield|, dans l'Illinois, vendredi.", "Anchorage|, Alaska, dimanche.", "Paris|, Texas.",
              "Paris| Texas."]
    rng = random.Random(21)
    seen = set()
    for _ in range(40):
        text, names = _shuffled_story(rng, pieces)
        text = text.replace("|", "")
        article, found = mentioned(text, *names)
        alone = [qualifiers([m], {"a": article}, index)[0] for m in found]
        assert qualifiers(found, {"a": article}, index) == alone
        seen.update(alone)
    assert ("US-IL",) in seen and () in seen  # both readings of "Illinois" were met


def test_near_phrases_judged_once_per_gap_are_each_mentions_own() -> None:
    pieces = [("Woodside, près de San Francisco.", ("Woodside", "San Francisco")), ("Evian near Geneva.", ("Evian", "Geneva")),
              ("Castel Gandolfo, some 25 km south of Rome.", ("Castel Gandolfo", "Rome")),
              ("Lyon, then Marseille.", ("Lyon", "Marseille")), ("Woodside and San Francisco.", ("Woodside", "San Francisco"))]
    rng = random.Random(22)
    anchored = 0
    for _ in range(40):
        drawn = [rng.choice(pieces) for _ in range(rng.randrange(2, 7))]
        article, found = mentioned(" ".join(t for t, _ in drawn), *(n for _, names in drawn for n in names))
        together = near(found, [], {"a": article})
        for k, m in enumerate(found):  # alone: the same mentions after it, no other gap judged before
            assert together[k] == near([m], found, {"a": article})[0]
        anchored += sum(a is not None for a in together)
    assert anchored  # near phrases were met, not only lists


def test_placed_mentions_are_the_found_ones_with_their_groups_place() -> None:
    text = "Anchorage, Alaska. Woodside, near San Francisco. Anchorage again."
    _, found = mentioned(text, "Anchorage", "Woodside", "San Francisco", "Anchorage")
    place = Place(id="anchorage", name="Anchorage", lat=61.2, lon=-149.9)
    groups = [(("anchorage", "", ()), [found[0], found[3]]), (("woodside", "", ()), [found[1]])]
    got = _placed(groups, [Resolution(query="Anchorage", place=place, resolver="geonames", reason="test"), None])
    assert list(got.mentions) == [replace(found[0], place_id="anchorage"), replace(found[3], place_id="anchorage")]
    assert got.lost == (found[1],) and got.unresolved == ("Woodside",)
