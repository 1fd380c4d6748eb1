"""Discovery of places the gazetteer lacks: what it finds, what it refuses, kind cues, countries."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.articles import load_articles, split_sentences
from geomap.discover import countries_named, discover_mentions, kind_hint, load_lexicon, ner_available
from geomap.errors import InputError
from geomap.geocoders import GeoNamesIndex
from geomap.model import Article, Mention
from geomap.textnorm import fold_key

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


def article(text: str, language: str = "en", aid: str = "a") -> Article:
    return Article(id=aid, path=Path(f"{aid}.txt"), text=text, language=language, sentences=tuple(split_sentences(text)))


def surfaces(found: list[Mention]) -> set[str]:
    return {m.surface for m in found}


def test_english_places_found_people_refused(index: GeoNamesIndex) -> None:
    a = article(
        "President Joe Biden travelled from Rzeszów to Przemyśl on Sunday. "
        "Vladimir Putin said Moscow had been told. Kim Jong Un was not there."
    )
    found = discover_mentions([a], [], index, use_ner=False)
    names = surfaces(found)
    assert {"Rzeszów", "Przemyśl", "Moscow"} <= names
    for person in ("Joe", "Biden", "Vladimir", "Putin", "Kim", "Un", "Jong", "Sunday", "President"):
        assert person not in names
    for m in found:
        assert a.text[m.start : m.end] == m.surface
        assert m.place_id is None and m.key == fold_key(m.surface)


def test_known_mentions_are_not_rediscovered(index: GeoNamesIndex) -> None:
    a = article("The train left Przemyśl for Kyiv.")
    start = a.text.index("Przemyśl")
    known = [Mention("a", 0, start, start + len("Przemyśl"), "Przemyśl", "pl-przemysl", "przemysl")]
    names = surfaces(discover_mentions([a], known, index, use_ner=False))
    assert "Przemyśl" not in names and "Kyiv" in names


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("Officials at the Kremlin said nothing.", "Kremlin"),
        ("He inspected an Angara rocket at the plant.", "Angara"),
        ("Il a visité l'usine de fusées russes Angara à Vostotchny.", "Angara"),
        ("The New York Times reported the trip.", "New York"),
        ("Le ministère de l'Unification a réagi à Séoul.", "Unification"),
        ("Monday was quiet. The convoy reached Kyiv.", "Monday"),
        ("Ukrainian President Volodymyr Zelensky met him in Kyiv.", "Volodymyr"),
        ("The group then walked to the Wall of Remembrance in Kyiv.", "Wall"),
        ("Vladimir said he was pleased with the talks.", "Vladimir"),  # a city of 350,000 too
    ],
)
def test_non_places_are_refused(index: GeoNamesIndex, text: str, refused: str) -> None:
    lang = "fr" if " de " in text or " à " in text else "en"
    names = surfaces(discover_mentions([article(text, lang)], [], index, use_ner=False))
    assert refused not in names, names


def test_small_english_town_needs_evidence(index: GeoNamesIndex) -> None:
    bare = article("Medyka was quiet for most of the year.")
    assert "Medyka" not in surfaces(discover_mentions([bare], [], index, use_ner=False))
    placed = article("The train crossed the border at Medyka during the night.")
    assert "Medyka" in surfaces(discover_mentions([placed], [], index, use_ner=False))
    # One locative occurrence vouches for the bare ones in the same story.
    both = discover_mentions([bare, article("They crossed at Medyka.", aid="b")], [], index, use_ner=False)
    assert [m.article_id for m in both if m.surface == "Medyka"] == ["a", "b"]


def test_whole_name_wins_over_its_parts(index: GeoNamesIndex) -> None:
    names = surfaces(discover_mentions([article("Aid flows to North Korea and to Rio de Janeiro.")], [], index, use_ner=False))
    assert {"North Korea", "Rio de Janeiro"} <= names
    assert "Korea" not in names and "Rio" not in names


@pytest.mark.parametrize(
    ("text", "language", "whole", "parts"),
    [
        ("The president landed in Dar es Salaam on Monday and flew on to Santa Cruz de la Sierra.", "en",
         {"Dar es Salaam", "Santa Cruz de la Sierra"}, {"Dar", "Salaam", "Santa Cruz", "Sierra"}),
        ("Le sommet s'est ouvert à Charm el-Cheikh, puis le cortège a gagné Ras al-Khaimah.", "fr",
         {"Charm el-Cheikh", "Ras al-Khaimah"}, {"Charm", "Ras"}),
        # Spanish plural articles too (as pope-mexico-2016-b writes it): not "San Cristóbal", a
        # suburb of Ecatepec, 700 km away.
        ("À San Cristóbal de las Casas, il a célébré une messe.", "fr", {"San Cristóbal de las Casas"},
         {"San Cristóbal", "Casas"}),
        ("Francis flew to San Cristobal de las Casas, in Chiapas.", "en", {"San Cristobal de las Casas"},
         {"San Cristobal", "Casas"}),
        # A name opening mid-run keeps only itself: "Visiting" is no part of it.
        ("Visiting Dar es Salaam, he met students.", "en", {"Dar es Salaam"}, {"Visiting Dar es Salaam"}),
    ],
)
def test_place_name_particles_join_only_a_known_name(index: GeoNamesIndex, text: str, language: str,
                                                      whole: set[str], parts: set[str]) -> None:
    names = surfaces(discover_mentions([article(text, language)], [], index, use_ner=False))
    assert whole <= names and not names & parts


def test_us_states_are_names_like_towns(index: GeoNamesIndex) -> None:
    # GeoNames cities have no regions; "Ohio" and "Nevada" were found only if some town bore the name.
    names = surfaces(discover_mentions([article("He met senators in Illinois and Ohio, then flew to Nevada.")], [],
                                       index, use_ner=False))
    assert {"Illinois", "Ohio", "Nevada"} <= names


def test_particles_between_two_names_leave_them_apart(index: GeoNamesIndex) -> None:
    # "y", "e" and "da" are particles of names, but "Madrid y Barcelona" is no name: two places.
    names = surfaces(discover_mentions([article("Talks moved from Madrid y Barcelona to Lisbon.")], [], index,
                                       use_ner=False))
    assert {"Madrid", "Barcelona", "Lisbon"} <= names


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Kim est arrivé au cosmodrome de Vostotchny mercredi.", "Vostotchny", "spaceport"),
        ("Kim est arrivé au cosmodrome russe de Vostotchny.", "Vostotchny", "spaceport"),
        ("They toured the Vostochny Cosmodrome on Wednesday.", "Vostochny", "spaceport"),
        ("La cérémonie a eu lieu à la gare d'Artiom, où le train attendait.", "Artiom", "station"),
        ("He stepped off at Kyiv railway station at dawn.", "Kyiv", "station"),
        ("Des avions sur la base aérienne de Kniévitchi.", "Kniévitchi", "air base"),
        # A bare "base" (two tellings, two hands: "base d'Andrews", "base militaire d'Andrews").
        ("Il a atterri à la base d'Andrews, dans le Maryland.", "Andrews", "air base"),
        ("Il doit décoller de la base militaire d'Andrews.", "Andrews", "air base"),
        ("Les sous-marins quittent la base navale de Toulon.", "Toulon", "naval base"),
        ("La fusée est partie de la base de lancement de Kourou.", "Kourou", "spaceport"),
        ("The plane refuelled at Ramstein Air Base.", "Ramstein", "air base"),
        ("Le train est allé vers le poste-frontière de Khassan.", "Khassan", "border crossing"),
        ("Kim met Putin in Vladivostok.", "Vladivostok", None),
        # Where a plane lands is an airfield (two hands: "On landing at El Dorado", "He landed at Andrews");
        # "landed in" names the town.
        ("On landing at El Dorado he knelt to kiss the runway.", "El Dorado", "airport"),
        ("He landed at Andrews shortly after midnight.", "Andrews", "airport"),
        ("The plane landed in Bogotá at noon.", "Bogotá", None),
        # A locative between cue and name: the name is the town (two hands: "airport in Rome").
        ("The plane took off from Fiumicino airport in Rome on Friday.", "Rome", None),
        ("Il a quitté l'aéroport vers Kiev en voiture.", "Kiev", None),
    ],
)
def test_kind_hint(text: str, name: str, kind: str | None) -> None:
    a = article(text)
    start = text.index(name)
    assert kind_hint(a, start, start + len(name)) == kind


@pytest.mark.parametrize(("text", "name"), [
    # A resort is a town, and its cue vouches for a small one (trump-middle-east-europe-2017-a, another hand).
    ("The president flew on to Sicily for the G7 summit in the hilltop resort of Taormina.", "Taormina"),
    ("Le sommet s'est tenu dans la station balnéaire de Biarritz.", "Biarritz"),
])
def test_a_resort_is_a_town_its_cue_vouches_for(index: GeoNamesIndex, text: str, name: str) -> None:
    a = article(text, "fr" if " de " in text else "en")
    start = text.index(name)
    assert kind_hint(a, start, start + len(name)) == "city"
    assert name in surfaces(discover_mentions([a], [], index, use_ner=False))


def test_countries_named(index: GeoNamesIndex) -> None:
    en = article("Poland and Ukraine signed a deal; Poland hosts the hub.")
    fr = article("Le président est arrivé en Pologne puis en Corée du Nord.", "fr", "b")
    assert countries_named([en], index)[:2] == ["PL", "UA"]
    assert set(countries_named([fr], index)) >= {"PL", "KP"}
    assert countries_named([article("Nothing here.")], index) == []


def test_bad_lexicon_path_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "lex.yaml"
    bad.write_text("kinds: [unclosed\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_lexicon(str(bad))
    assert str(bad) in str(err.value) and "\n" not in str(err.value)


def test_english_build_never_imports_spacy() -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from geomap.model import Article\n"
        "from geomap.discover import discover_mentions\n"
        "from geomap.geocoders import GeoNamesIndex\n"
        "a = Article(id='a', path=Path('a.txt'), text='The train reached Kyiv.', language='en')\n"
        "f = Article(id='f', path=Path('f.txt'), text='Le train est arrivé à Kyiv.', language='fr')\n"
        "assert [m.surface for m in discover_mentions([a], [], GeoNamesIndex.load())] == ['Kyiv']\n"
        "assert [m.surface for m in discover_mentions([f], [], GeoNamesIndex.load(), use_ner=False)] == ['Kyiv']\n"
        "assert 'spacy' not in sys.modules, 'spacy was imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


@pytest.mark.skipif(not ner_available(), reason="spaCy French model not installed")
def test_french_ner_finds_places_and_refuses_people(index: GeoNamesIndex) -> None:
    a = article(
        "Le dirigeant Kim Jong-un est entré en Chine par Dandong samedi. "
        "Le convoi est passé par Nanning avant de rejoindre Pingxiang. Kim a salué la foule.",
        "fr",
    )
    names = surfaces(discover_mentions([a], [], index, use_ner=True))
    assert {"Dandong", "Nanning", "Pingxiang"} <= names
    assert not names & {"Kim", "Jong-un", "Un", "Kim Jong-un", "Le", "Chine par Dandong"}


_WORDS = st.sampled_from(
    ["Kyiv", "Przemyśl", "in", "at", "the", "President", "Kim", "Jong-un", "of", "de", "la", "Sunday",
     "Corée", "du", "Nord", "à", "gare", "station", ",", ".", "\n", "Rail", "Force", "One", "d'Irpin", "’"]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORDS, max_size=30))
def test_discovered_spans_are_exact_and_disjoint(index: GeoNamesIndex, words: list[str]) -> None:
    text = " ".join(words)
    a = article(text)
    found = discover_mentions([a], [], index, use_ner=False)
    spans = sorted((m.start, m.end) for m in found)
    for m in found:
        assert text[m.start : m.end] == m.surface and m.surface.strip() == m.surface
        assert m.key == fold_key(m.surface) and m.place_id is None
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))


def test_a_capitalised_word_after_a_name_is_trimmed_off_it_in_every_article(index: GeoNamesIndex) -> None:
    # The scan trims a chunk's trailing weekday (an ignorable word) and kind cue once per chunk, with
    # the same word sets for every article of a story: the second article is trimmed like the first.
    story = [article("Il est arrivé à Tarbes Lundi, puis à Brest Mardi soir.", "fr", "a"),
             article("He flew to Lisbon Tuesday. Later he flew to Porto Wednesday.", "en", "b"),
             article("Le roi est reparti de Tarbes Lundi.", "fr", "c")]
    found = discover_mentions(story, [], index, use_ner=False)
    assert {(m.article_id, m.surface) for m in found} == {
        ("a", "Tarbes"), ("a", "Brest"), ("b", "Lisbon"), ("b", "Porto"), ("c", "Tarbes")}


@pytest.mark.skipif(not ner_available(), reason="spaCy French model not installed")
def test_a_world_city_the_ner_model_takes_for_someone_is_still_found(index: GeoNamesIndex) -> None:
    # spaCy's small French model tags "à Kuala Lumpur" PER; the span is exactly a capital's name.
    where = Path(__file__).parent / "data" / "stories" / "salman-asia-2017-b"
    arts = [a for a in load_articles(sorted(where.glob("*.txt"))) if "Kuala Lumpur" in a.text]
    assert "Kuala Lumpur" in surfaces(discover_mentions(arts, [], index, use_ner=True))
