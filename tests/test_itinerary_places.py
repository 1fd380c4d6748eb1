"""A friendly journey.yaml: places by name, by any resolver's id or by lat/lon; dates left to the text."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

import pytest

from geomap.errors import ItineraryError
from geomap.geocoders.base import haversine_km
from geomap.journey import keep_inferred_dates
from geomap.model import Journey, Place, Stop
from geomap.pipeline import BuildOptions, BuildResult, build_story

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "tests" / "data" / "stories" / "kim-hanoi-2019"
OPTIONS = BuildOptions(gazetteer=ROOT / "gazetteer.yaml")


def story_with(tmp_path: Path, itinerary: str) -> Path:
    folder = tmp_path / STORY.name
    shutil.copytree(STORY, folder)
    (folder / "journey.yaml").write_text(textwrap.dedent(itinerary).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def inferred() -> BuildResult:
    return build_story([STORY], BuildOptions(gazetteer=ROOT / "gazetteer.yaml", curated=False))


def said_as(result: BuildResult, surface: str) -> str:
    """The place the articles' own use of ``surface`` was resolved to."""
    (pid,) = {m.place_id for m in result.story.mentions if m.surface == surface}
    assert pid is not None
    return pid


def test_names_ids_and_points_become_the_places_the_articles_mean(tmp_path: Path, inferred: BuildResult) -> None:
    nanning = said_as(inferred, "Nanning")
    folder = story_with(tmp_path, f"""
        stops:
          - place: pyongyang          # a gazetteer id
          - place: dandong            # a name, in any case, as the articles write it
          - place: {nanning}          # a resolver's id, as journey.geojson shows it
            date: 2019-02-25
          - place: Hanoï
            date: 2019-02-27
            role: site
          - place: Ha Long            # a name the articles never use: GeoNames, near the story
            date:
          - place: Yalou
            name: Sino-Korean Friendship Bridge
            lat: 40.1180
            lon: 124.3940
          - place: airport:VVNB       # an airfield by its id, mentioned nowhere
            date:
    """)
    story = build_story([folder], OPTIONS).story
    ids = [s.place_id for s in story.journey.stops]
    assert ids[:4] == ["pyongyang", said_as(inferred, "Dandong"), nanning, said_as(inferred, "Hanoï")]
    ha_long = story.places[ids[4]]
    assert ha_long.country == "VN"  # not its namesake in Spain: the story is in Vietnam
    bridge = story.places[ids[5]]
    assert (bridge.name, bridge.latlon) == ("Sino-Korean Friendship Bridge", (40.118, 124.394))
    airport = story.places[ids[6]]
    assert airport.kind == "airport" and haversine_km(airport.latlon, story.places[ids[3]].latlon) < 40
    assert story.journey.stops[3].role == "site"
    assert len(story.journey.legs) == 6
    # Places the file introduced are on the map like any other, with how they were found.
    assert {ids[4], ids[5], ids[6]} <= story.resolutions.keys()


def test_a_stop_without_date_keeps_the_inferred_one(tmp_path: Path, inferred: BuildResult) -> None:
    first, second = [s for s in inferred.story.journey.stops if s.date][:2]
    folder = story_with(tmp_path, f"""
        stops:
          - place: {first.place_id}
          - place: {inferred.story.places[second.place_id].name}
            time: at dawn
    """)
    journey = build_story([folder], OPTIONS).story.journey
    assert [s.date for s in journey.stops] == [first.date, second.date]
    assert [s.time for s in journey.stops] == [first.time, "at dawn"]  # a stated time stays
    name = inferred.story.places[second.place_id].name
    assert f"stop 2 ({name}): date {second.date} inferred from the articles" in journey.notes


def test_each_visit_of_a_place_keeps_the_date_of_the_same_visit() -> None:
    day = dt.date(2024, 5, 1)
    inferred = Journey(stops=(Stop(1, "a", day), Stop(2, "b", day + dt.timedelta(1)),
                              Stop(3, "a", day + dt.timedelta(3), approximate=True)), origin="inferred")
    curated = Journey(stops=(Stop(1, "a"), Stop(2, "b"), Stop(3, "a")))
    places = {pid: Place(pid, pid.upper(), lat=1.0, lon=1.0) for pid in "ab"}
    merged = keep_inferred_dates(curated, {1, 3}, inferred, places)
    assert [(s.date, s.approximate) for s in merged.stops] == [(day, False), (None, False),
                                                              (day + dt.timedelta(3), True)]


def test_an_empty_date_means_undated_on_purpose(tmp_path: Path) -> None:
    folder = story_with(tmp_path, """
        stops:
          - place: Pyongyang
            date:
          - place: Hanoi
    """)
    journey = build_story([folder], OPTIONS).story.journey
    assert journey.stops[0].date is None and journey.stops[1].date is not None


def test_an_inferred_date_out_of_the_files_order_is_left_out(tmp_path: Path, inferred: BuildResult) -> None:
    first, second = [s for s in inferred.story.journey.stops if s.date][:2]
    folder = story_with(tmp_path, f"""
        stops:
          - place: {second.place_id}
            date: {first.date + dt.timedelta(days=30)}
          - place: {first.place_id}
    """)
    journey = build_story([folder], OPTIONS).story.journey
    assert journey.stops[1].date is None
    assert any(n.startswith("stop 2 (") and "does not fit the order" in n for n in journey.notes)


@pytest.mark.parametrize(("place", "hint"), [
    ("Zorvanville", None),        # nothing close: no guess
    ("Dandon", "did you mean 'Dandong'?"),
])
def test_an_unknown_name_is_one_line_with_file_and_line(tmp_path: Path, place: str, hint: str | None) -> None:
    folder = story_with(tmp_path, f"""
        stops:
          - place: Pyongyang
          - place: {place}
    """)
    with pytest.raises(ItineraryError) as info:
        build_story([folder], OPTIONS)
    message = str(info.value)
    assert message.startswith(f"{folder / 'journey.yaml'}:3: '{place}' is not a known place; give lat/lon")
    assert "\n" not in message
    assert ("did you mean" in message) == (hint is not None)
    if hint:
        assert message.endswith(f"({hint})")


@pytest.mark.parametrize(("body", "line", "words"), [
    ("stops:\n  - place: X\n    lat: 40.1\n", 3, "has lat but no lon"),
    ("stops:\n  - place: X\n    lat: 95\n    lon: 10\n", 3, "lat must be within ±90"),
    ("stops:\n  - place: X\n    lat: north\n    lon: 10\n", 3, "lat must be a number"),
    ("stops:\n  - place: Hanoi\n    name: Ha Noi\n", 3, "'name' goes with lat/lon"),
    ("stops:\n  - place: Hanoi\n    inferred: {confidence: 2}\n", 3, "confidence must be a number from 0 to 1"),
    ("stops:\n  - place: Hanoi\n    approximate: maybe\n", 3, "approximate must be true or false"),
])
def test_point_and_flag_errors_name_the_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    folder = story_with(tmp_path, body)
    with pytest.raises(ItineraryError) as info:
        build_story([folder], OPTIONS)
    assert str(info.value).startswith(f"{folder / 'journey.yaml'}:{line}: ") and words in str(info.value)


def test_the_documented_example_builds(tmp_path: Path) -> None:
    example = (ROOT / "docs" / "journey-example.yaml").read_text(encoding="utf-8")
    folder = story_with(tmp_path, example)
    journey = build_story([folder], OPTIONS).story.journey
    assert [s.role for s in journey.stops].count("site") == 1 and len(journey.stops) == 3
    assert all(s.date is not None for s in journey.stops)  # stated or kept from the text
