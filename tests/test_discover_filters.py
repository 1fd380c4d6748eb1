"""Discovery refuses venues, regions and partial names, and finds airfields GeoNames lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import discovered

from geomap.articles import load_articles, split_sentences
from geomap.discover import discover_mentions, kind_hint
from geomap.geocoders import Context, GeoNamesIndex, ResolverChain
from geomap.model import Article


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


def found(index: GeoNamesIndex, text: str, language: str, use_ner: bool = False) -> list[str]:
    """The names discovery finds in one article (without NER unless asked)."""
    return discovered(index, text, language, use_ner)


@pytest.mark.parametrize(
    ("language", "text", "refused", "kept"),
    [
        ("en", "He prayed at the Church of the Nativity in Bethlehem.", "Church", "Bethlehem"),
        ("en", "Biden spoke of Pearl Harbor in Honolulu.", "Pearl", "Honolulu"),
        ("fr", "Les combats continuent dans la région de Donetsk, selon Kiev.", "Donetsk", "Kiev"),
        ("en", "Fighting raged in the Donetsk region, near Kramatorsk.", "Donetsk", "Kramatorsk"),
        ("en", "Shelling hit Donetsk Oblast again, near Kramatorsk.", "Donetsk", "Kramatorsk"),
        ("fr", "Il a dîné au théâtre Marigny, à Marigny puis à Paris.", None, "Paris"),
    ],
)
def test_venues_regions_and_names_of_their_own_are_not_towns(
    index: GeoNamesIndex, language: str, text: str, refused: str | None, kept: str
) -> None:
    names = found(index, text, language)
    assert kept in names
    if refused is not None:
        assert refused not in names


def test_a_venue_cue_drops_only_the_venue(index: GeoNamesIndex) -> None:
    # "théâtre Marigny" is not the village, but the same name after "à" is (its own evidence).
    text = "Il a dîné au théâtre Marigny. Il a dormi à Marigny."
    a = Article(id="a", path=Path("a.txt"), text=text, language="fr", sentences=tuple(split_sentences(text)))
    spans = [(m.surface, m.start) for m in discover_mentions([a], [], index, use_ner=False)]
    assert spans == [("Marigny", text.rindex("Marigny"))]


def test_street_and_cathedral_names_do_not_hide_the_town_after_them(index: GeoNamesIndex) -> None:
    names = found(index, "They walked along Khreshchatyk Street in Kyiv and then to St. Andrew's Cathedral in Lviv.", "en")
    assert {"Kyiv", "Lviv"} <= set(names)
    # The cathedral is no town Saint-Joseph; the town it is named after comes last ("de Hanoï").
    assert found(index, "Une messe a eu lieu à la cathédrale Saint-Joseph de Hanoï.", "fr") == ["Hanoï"]


def test_capitalised_common_nouns_and_demonyms_are_not_places(index: GeoNamesIndex) -> None:
    names = found(index, "He spoke to Congress. Christian leaders met him in Kyiv.", "en")
    assert names == ["Kyiv"]


@pytest.mark.parametrize(
    ("language", "text", "name"),
    [
        ("en", "Biden landed at Joint Base Andrews outside Washington.", "Joint Base Andrews"),
        ("en", "He flew on to Ramstein Air Base.", "Ramstein Air Base"),
        ("en", "He landed at Rzeszow-Jasionka Airport.", "Rzeszow-Jasionka Airport"),
        ("fr", "L'avion a atterri à l'aéroport de Tarbes-Lourdes-Pyrénées.", "Tarbes-Lourdes-Pyrénées"),
        # A service's word in the airfield's own name ("marine") makes it no organisation, and the
        # service's words say which airfield no more than "air station" does (until discover27: not found).
        ("en", "The president flew in from Marine Corps Air Station Miramar on Sunday.",
         "Marine Corps Air Station Miramar"),
        ("en", "Helicopters lifted off from the Futenma Marine Corps Air Station before dawn.",
         "Futenma Marine Corps Air Station"),
    ],
)
def test_airfields_are_discovered(index: GeoNamesIndex, language: str, text: str, name: str) -> None:
    assert name in found(index, text, language)


def test_partial_alternate_name_is_not_a_match(index: GeoNamesIndex) -> None:
    # GeoNames lists "Maryland" among Maryland City's names: a story near Washington and Kyiv
    # must not put the state on that town.
    story = Context(points=((38.9, -77.03), (50.45, 30.52)), countries=frozenset({"US", "UA", "PL"}))
    chain = ResolverChain(None, index, None)
    res = chain.resolve("Maryland", story)
    assert res is None or res.place.name != "Maryland City"
    # A whole alternate name still counts: "Kiev" is Kyiv.
    kiev = chain.resolve("Kiev", story)
    assert kiev is not None and kiev.place.name == "Kyiv"


def test_us_state_is_a_region_with_a_usable_point(index: GeoNamesIndex) -> None:
    story = Context(points=((38.9, -77.03), (50.45, 30.52)), countries=frozenset({"US", "UA", "PL"}))
    chain = ResolverChain(None, index, None)
    res = chain.resolve("Maryland", story)
    assert res is not None and res.place.kind == "region" and res.place.country == "US"
    assert res.place.has_coords and "airportsdata" in (res.place.source or "")
    assert abs(res.place.lat - 39.05) < 0.5 and abs(res.place.lon + 76.64) < 0.5  # type: ignore[operator]
    # The capital near the story still beats the far state of the same name.
    washington = chain.resolve("Washington", story)
    assert washington is not None and washington.place.kind == "capital"
    # Far from America, the country Georgia beats the state.
    georgia = chain.resolve("Georgia", Context(points=((50.45, 30.52),), countries=frozenset({"UA"})))
    assert georgia is not None and georgia.place.kind == "country"


def test_world_cities_keep_their_short_names(index: GeoNamesIndex) -> None:
    story = Context(points=((38.9, -77.03),), countries=frozenset({"US"}))
    res = ResolverChain(None, index, None).resolve("New York", story)
    assert res is not None and res.place.name == "New York City"


@pytest.mark.parametrize(
    ("language", "text", "refused", "kept"),
    [
        # Written after an article a town's name does not take: an ocean, an organisation.
        ("en", "The island lies in the Atlantic, far from Luanda.", "Atlantic", "Luanda"),
        ("fr", "Le roi a ouvert à Apia le sommet du Commonwealth.", "Commonwealth", "Apia"),
        ("fr", "Ils se sont envolés pour Toronto, la métropole de l'Ontario.", "Ontario", "Toronto"),
        # A continent, a language, a river named by its cue word.
        ("en", "The pope travels across Asia and stops in Jakarta.", "Asia", "Jakarta"),
        ("en", "She read the speech in English in Luanda.", "English", "Luanda"),
        ("fr", "Chongqing est au confluent de la rivière Jialing.", "Jialing", "Chongqing"),
        ("en", "They sailed up the Jialing River to Chongqing.", "Jialing", "Chongqing"),
    ],
)
def test_oceans_continents_languages_and_article_forms_are_not_towns(
    index: GeoNamesIndex, language: str, text: str, refused: str, kept: str
) -> None:
    names = found(index, text, language)
    assert kept in names and refused not in names


def test_a_town_before_the_noun_it_qualifies_keeps_its_article() -> None:
    from geomap.discover.forms import area_form
    from geomap.discover.lexicon import load_lexicon

    lex = load_lexicon()
    for text, name, area in [
        ("after the Hanoi summit", "Hanoi", False),  # the article is the summit's
        ("on the Atlantic coast", "Atlantic", False),
        ("the Commonwealth's leaders", "Commonwealth", True),
        ("crossing the Atlantic to Africa", "Atlantic", True),
        ("il part pour le Luxembourg", "Luxembourg", True),
        ("il part pour Luxembourg", "Luxembourg", False),
        ("il arrive au Havre", "Havre", True),
        ("he flew on to The Hague", "The Hague", False),  # the article inside the span is the name's
    ]:
        at = text.index(name)
        assert area_form(text, at, at + len(name), lex) is area, text


def test_a_country_written_as_one_is_the_country_not_its_capital(index: GeoNamesIndex) -> None:
    text = "Il doit repartir pour le Luxembourg et la Belgique."
    a = Article(id="a", path=Path("a.txt"), text=text, language="fr", sentences=tuple(split_sentences(text)))
    at = text.index("Luxembourg")
    hint = kind_hint(a, at, at + len("Luxembourg"))
    assert hint == "area"
    story = Context(points=((-6.2, 106.8),), countries=frozenset({"ID"}), kind_hint=hint)
    res = ResolverChain(None, index, None).resolve("Luxembourg", story)
    assert res is not None and res.place.kind == "country"
    # Without the article the city is meant.
    city = ResolverChain(None, index, None).resolve("Luxembourg", Context(points=((-6.2, 106.8),)))
    assert city is not None and city.place.kind == "capital"


def test_a_town_whose_name_holds_the_article_is_kept(index: GeoNamesIndex) -> None:
    # "au Havre" is "à Le Havre": the article of the town's own name, contracted.
    assert "Havre" in found(index, "Il est arrivé au Havre dans la nuit.", "fr")


def test_an_island_after_on_is_found(index: GeoNamesIndex) -> None:
    assert "Nantucket" in found(index, "He spent the weekend on Nantucket with his family.", "en")


def test_one_article_form_does_not_unmake_a_town_the_text_goes_to(index: GeoNamesIndex) -> None:
    text = "He flew to Lobito. He stayed in Lobito. It was not the Lobito of old."
    assert found(index, text, "en").count("Lobito") == 3


@pytest.mark.parametrize(
    ("language", "text", "kept"),
    [
        ("en", "Obama is the third president to visit, after George W. Bush came in 2006 to Hanoi.", "Hanoi"),
        ("fr", "Bill Clinton était venu en 2000, George W. Bush en 2006, avant le sommet de Hanoï.", "Hanoï"),
        ("en", "Like John F. Kennedy before him, he flew on to Dallas.", "Dallas"),
    ],
)
def test_a_middle_initial_makes_a_person_not_a_place(index: GeoNamesIndex, language: str, text: str,
                                                      kept: str) -> None:
    names = found(index, text, language, use_ner=language == "fr")
    assert kept in names
    assert not {"George", "Bush", "John", "Kennedy"} & set(names)


@pytest.mark.parametrize(
    ("language", "text", "name", "part"),
    [
        ("fr", "PORT MORESBY, 22 mai 2023 (AFP) - Le Premier ministre a présidé lundi le sommet.", "PORT MORESBY",
         "MORESBY"),
        ("en", "STOP TWO, PORT MORESBY (May 21-22): the summit. Then Sydney.", "PORT MORESBY", "MORESBY"),
        ("en", "HO CHI MINH CITY, May 24 (AP) - The president met students.", "HO CHI MINH CITY", "CITY"),
    ],
)
def test_a_name_in_capitals_is_whole(index: GeoNamesIndex, language: str, text: str, name: str, part: str) -> None:
    names = found(index, text, language)
    assert name in names and part not in names


@pytest.mark.parametrize("text", [
    "Tout a commencé par un détour. Parti de Rome le vendredi 12 au matin, François a d'abord posé le pied à La Havane.",
    "Reparti de Lima dans la nuit, le cortège est arrivé à Cuzco au matin.",
])
def test_a_sentence_opened_by_the_participle_of_leaving_is_no_organisation(index: GeoNamesIndex, text: str) -> None:
    # "Parti de X, …" opens the sentence with no article: the traveller leaving X, not a party's name
    # ("Le Parti socialiste"), so the place left is found.
    left = text.split(" de ", 1)[1].split()[0]
    assert left in found(index, text, "fr")


@pytest.mark.parametrize(("folder", "told"), [
    ("pope-mexico-2016-b", "Parti de Rome"),  # "Parti de Rome le vendredi 12 au matin, François …"
    ("biden-india-vietnam-2023-b", "Parti de Hanoï"),  # another hand: "Parti de Hanoï lundi, …"
])
def test_a_sentence_opened_by_the_participle_of_leaving_in_real_stories(index: GeoNamesIndex, folder: str, told: str) -> None:
    where = Path(__file__).parent / "data" / "stories" / folder
    arts = [a for a in load_articles(sorted(where.glob("*.txt"))) if told in a.text]
    at = arts[0].text.index(told) + len("Parti de ")
    assert (arts[0].id, at) in {(m.article_id, m.start) for m in discover_mentions(arts, [], index, use_ner=False)}


@pytest.mark.parametrize(("language", "text"), [
    ("en", "He flew into La Tontouta airport."),
    ("fr", "Il a atterri à l'aéroport de La Tontouta."),
])
def test_an_airfield_named_with_its_article_is_no_area(index: GeoNamesIndex, language: str, text: str) -> None:
    # "La Tontouta" reads like "la France" (an area, no town), but only airportsdata knows the name:
    # the article is the airfield's own.
    assert found(index, text, language) == ["Tontouta"]


def test_an_airfield_named_with_its_article_in_a_real_story(index: GeoNamesIndex) -> None:
    where = Path(__file__).parent / "data" / "stories" / "macron-australia-caledonia-2018-b"
    arts = load_articles(sorted(where.glob("*.txt")))
    assert "Tontouta" in [m.surface for m in discover_mentions(arts, [], index, use_ner=False)]
