"""Country names the text writes that GeoNames lacks: French names of countries, and the nations
inside a state that news names as countries. Named, they make the story's countries, which decide
between namesakes."""

from __future__ import annotations

import pytest
from storyutil import ROOT, one_article

from geomap.articles import load_articles
from geomap.discover import countries_named
from geomap.geocoders import GeoNamesIndex
from geomap.pipeline import BuildOptions, build_story

STORIES = ROOT / "tests" / "data" / "stories"


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


@pytest.mark.parametrize(
    ("text", "language", "codes"),
    [
        ("The President crossed from Northern Ireland into the Republic on Wednesday.", "en", {"GB"}),
        ("He met the moderator of the Church of Scotland on the plane.", "en", {"GB"}),
        ("Le pape est arrivé au Soudan du Sud vendredi, avec le modérateur de l'Église d'Écosse.", "fr", {"SS", "GB"}),
        ("Le président s'est rendu en Irlande du Nord, puis au Sénégal et en Tanzanie.", "fr", {"GB", "SN", "TZ"}),
        # GeoNames calls it "Palestinian Territory"; its "Palestine" is a Texas town.
        ("Abbas said a state of Palestine would follow, and Modi visited Jordan.", "en", {"PS", "JO"}),
        ("Le président a rappelé son soutien à la Palestine, avant de rejoindre l'Égypte.", "fr", {"PS", "EG"}),
    ],
)
def test_nations_and_french_country_names_are_countries_named(
        index: GeoNamesIndex, text: str, language: str, codes: set[str]) -> None:
    assert set(countries_named([one_article(text, language)], index)) == codes


@pytest.mark.parametrize(
    "text",
    [
        "The President toured New England, then flew to New South Wales.",
        "Charles opened the session in Sydney, the capital of New South Wales, with the premier.",
    ],
)
def test_a_nation_ending_a_longer_name_is_not_named(index: GeoNamesIndex, text: str) -> None:
    # The reading picks country names out of longer runs: "New England" is not in Britain.
    assert "GB" not in countries_named([one_article(text, "en")], index)


@pytest.mark.parametrize(
    "text",
    [
        "The Queen left Wales on Monday morning.",  # a diary's plain line
        "Trump said England would be next, and the ambassador agreed.",  # a wire's reported speech
    ],
)
def test_england_and_wales_are_britain(index: GeoNamesIndex, text: str) -> None:
    assert countries_named([one_article(text, "en")], index) == ["GB"]


@pytest.mark.parametrize(
    ("story", "code"),
    [("biden-ireland-2023-a", "GB"),  # "Northern Ireland" (English, another hand)
     ("pope-congo-southsudan-2023-b", "SS")],  # "Soudan du Sud" (French, another hand)
)
def test_stories_name_the_countries_they_are_in(index: GeoNamesIndex, story: str, code: str) -> None:
    assert code in countries_named(load_articles([STORIES / story]), index)


def test_a_town_in_a_named_nation_beats_its_namesake_beside_the_travellers_home() -> None:
    # The story names Scranton, Pennsylvania (the traveller's home town) and Northern Ireland: its
    # "from Belfast to Dundalk" was Belfast, Pennsylvania (77 km from Scranton) before Northern
    # Ireland put the story in the United Kingdom.
    story = build_story([STORIES / "biden-ireland-2023-a"], BuildOptions(offline=True)).story
    belfast = {story.places[m.place_id].country for m in story.mentions if m.surface == "Belfast" and m.place_id}
    assert belfast == {"GB"}


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Le président est arrivé en République démocratique du Congo, puis en République tchèque.", {"CD", "CZ"}),
        ("Le ministre a quitté la Guinée équatoriale pour l'Arabie saoudite.", {"GQ", "SA"}),
        ("Il s'est rendu au Timor oriental puis en Guinée.", {"TL", "GN"}),
    ],
)
def test_country_names_written_with_lower_case_words_are_read_whole(
        index: GeoNamesIndex, text: str, codes: set[str]) -> None:
    # The reading stopped at the lower-case word: "République tchèque" was never read, and
    # "Guinée équatoriale" would have been Guinea.
    assert set(countries_named([one_article(text, "fr")], index)) == codes


def test_a_lower_case_word_after_a_name_still_ends_it(index: GeoNamesIndex) -> None:
    # Only a listed name is completed: "la Guinée voisine" is Guinea, "la France entière" France.
    text = "Il a traversé la Guinée voisine, puis la France entière."
    assert set(countries_named([one_article(text, "fr")], index)) == {"GN", "FR"}


@pytest.mark.parametrize(
    ("story", "surface", "code"),
    [("pope-congo-southsudan-2023-b", "République démocratique du Congo", "CD"),
     ("macron-afrique-2023", "République démocratique du Congo", "CD"),
     ("pope-asia-2024", "Timor oriental", "TL"),
     ("zelensky-hiroshima-2023-b", "Arabie saoudite", "SA")],
)
def test_stories_mention_countries_written_with_lower_case_words(story: str, surface: str, code: str) -> None:
    built = build_story([STORIES / story], BuildOptions(offline=True)).story
    found = {built.places[m.place_id].country for m in built.mentions if m.surface == surface and m.place_id}
    assert found == {code}


@pytest.mark.parametrize(("language", "kind"), [("fr", "capital"), ("en", "country")])
def test_a_country_s_english_name_is_not_the_country_in_french(index: GeoNamesIndex, language: str, kind: str) -> None:
    # French names the country "le Mexique": "atterrissait à Mexico" is the city. Read as the
    # country, the city's stop had no point on the map. In English "Mexico" is the country.
    from geomap.geocoders import Context, GeoNamesGeocoder

    ranked = GeoNamesGeocoder(index).candidates("Mexico", Context(language=language))
    assert (ranked[0].place.kind, ranked[0].place.country) == (kind, "MX")


def test_a_french_story_s_mexico_is_the_city() -> None:
    built = build_story([STORIES / "pope-mexico-2016-b"], BuildOptions(offline=True)).story
    kinds = {built.places[m.place_id].kind for m in built.mentions if m.surface == "Mexico" and m.place_id}
    assert kinds == {"capital"}
