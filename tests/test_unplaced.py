"""Names the traveller went to that offline data lacks: reported with their sentence and a gazetteer stub;
asked of Nominatim near the story with --online."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from nominatim_server import NominatimServer, place

from geomap.articles import split_sentences
from geomap.gazetteer import load_gazetteer
from geomap.geocoders import GeoNamesIndex
from geomap.geocoders.context import Context
from geomap.model import Article
from geomap.pipeline import BuildOptions, build_story
from geomap.unplaced import find_unplaced
from geomap.unplaced_report import gazetteer_stub

USER_AGENT = "geomap-tests/1 (+https://example.invalid/tests)"

# Invented places (no resolver knows them) beside real ones, and capitalised words that are not
# places after the same travel verbs: a weekday, a person, a country's adjective.
ENGLISH = """---
title: Envoy tours the coast
date: 2024-05-02
language: en
---
The envoy left Gdańsk on Monday evening aboard a special train.

Early on Tuesday he arrived at Zorvan Junction, where he was welcomed by Mayor Tomasz Brel.

On Thursday he went to Haldor Brask for advice; the Danish minister Haldor Brask received him warmly.

He then travelled to the Polish capital by car.

On Wednesday his convoy arrived late, shortly after 3 a.m., at the Kellmark Quay terminal in Gdynia.
"""
FRENCH = """---
title: L'émissaire sur la côte
date: 2024-05-03
language: fr
---
Jeudi, l'émissaire a rejoint Vostrelle-sur-Mer, où il a été accueilli par Jean Dupont.

C'est la première visite de Tormod à Gdynia ; Tormod est arrivé seul.
"""


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "01-envoy.txt").write_text(ENGLISH, encoding="utf-8")
    (folder / "02-emissaire.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "gazetteer.yaml").write_text("places: []\n", encoding="utf-8")
    return folder


def test_travelled_to_names_no_resolver_knows_are_reported_with_their_sentence(story: Path) -> None:
    result = build_story([story], BuildOptions())
    unplaced = result.story.unplaced
    assert [u.name for u in unplaced] == ["Zorvan Junction", "Kellmark Quay", "Vostrelle-sur-Mer"]
    zorvan, kellmark, vostrelle = unplaced
    assert zorvan.text == "Early on Tuesday he arrived at Zorvan Junction, where he was welcomed by Mayor Tomasz Brel."
    assert result.story.article(zorvan.article_id).text[zorvan.start:zorvan.end] == "Zorvan Junction"
    assert kellmark.country == "PL"  # Gdynia, named beside it, is in Poland
    assert vostrelle.article_id == "02-emissaire"
    # Real places were resolved offline and are not reported.
    assert {"Gdańsk", "Gdynia"} <= {p.name for p in result.story.places.values()}

    lines = result.summary()
    at = next(i for i, line in enumerate(lines) if line.startswith("not placed"))
    assert "3 places" in lines[at]
    assert lines[at + 1] == f"  Zorvan Junction — 01-envoy: “{zorvan.text}”"
    assert any("--online" in line for line in lines[at:])


def test_the_stub_pastes_into_a_gazetteer(story: Path, tmp_path: Path) -> None:
    unplaced = build_story([story], BuildOptions()).story.unplaced
    gazetteer = tmp_path / "gazetteer.yaml"
    gazetteer.write_text("places:\n" + gazetteer_stub(unplaced) + "\n", encoding="utf-8")
    places = load_gazetteer(gazetteer).places
    assert [(p.id, p.name) for p in places.values()] == [
        ("zorvan-junction", "Zorvan Junction"), ("kellmark-quay", "Kellmark Quay"),
        ("vostrelle-sur-mer", "Vostrelle-sur-Mer")]
    assert places["kellmark-quay"].country == "PL"
    # Filling in the commented coordinates is all it takes.
    filled = gazetteer.read_text(encoding="utf-8").replace("# lat: 0.0", "lat: 54.1").replace("# lon: 0.0", "lon: 18.2")
    gazetteer.write_text(filled, encoding="utf-8")
    assert all(p.has_coords for p in load_gazetteer(gazetteer).places.values())
    (story / "gazetteer.yaml").write_text(filled, encoding="utf-8")
    assert build_story([story], BuildOptions()).story.unplaced == ()


def test_a_viewbox_across_the_180th_meridian_stays_on_one_side() -> None:
    (south, west), (north, east) = Context(points=[(64.73, 177.5), (66.0, 179.0), (65.0, -179.5)]).viewbox()
    assert 170 < west < 177.5 and east == 180.0 and south < 64.73 and north > 66.0
    (_, west), (_, east) = Context(points=[(54.35, 18.65), (54.52, 18.53)]).viewbox()
    assert 15 < west < 18.53 and 18.65 < east < 21


# --- with --online, against a local Nominatim ----------------------------------------------------


@pytest.fixture
def server() -> Iterator[NominatimServer]:
    srv = NominatimServer().start()
    srv.add("Zorvan Junction", place("Zorvan Junction", 54.45, 18.40, place_id=7, cls="railway", type_="station",
                                     country_code="pl", importance=0.3))
    srv.add("Kellmark Quay", place("Kellmark Quay", 54.53, 18.55, place_id=8, cls="landuse", type_="port",
                                   country_code="pl", importance=0.2))
    yield srv
    srv.stop()


@pytest.mark.slow
def test_online_asks_nominatim_near_the_story_and_maps_what_it_finds(
        story: Path, server: NominatimServer, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    index = GeoNamesIndex.load(Path(os.environ["GEOMAP_CACHE_DIR"])).path
    shutil.copy(index, cache / index.name)
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["NO_PROXY"] = "127.0.0.1,localhost"
    env.pop("GEOMAP_CACHE_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "build", str(story), "--out", str(tmp_path / "out"), "--cache-dir",
         str(cache), "--online", "--geocoder-url", server.url, "--user-agent", USER_AGENT],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    asked = {r.params["q"]: r.params for r in server.searches()}
    assert {"Zorvan Junction", "Kellmark Quay", "Vostrelle-sur-Mer"} <= asked.keys()
    # Biased to the story's area: a viewbox around Gdańsk and Gdynia, a hint only.
    x1, y1, x2, y2 = (float(x) for x in asked["Zorvan Junction"]["viewbox"].split(","))  # lon,lat,lon,lat
    assert min(x1, x2) < 18.5 < max(x1, x2) and min(y1, y2) < 54.4 < max(y1, y2) and abs(x2 - x1) < 10
    assert asked["Zorvan Junction"].get("bounded") in (None, "0")
    csv = (tmp_path / "out" / "mentions.csv").read_text(encoding="utf-8")
    assert "Zorvan Junction" in csv and "Kellmark Quay" in csv and "geocoder" in csv
    # What Nominatim did not know is still reported, without suggesting --online again.
    assert "Vostrelle-sur-Mer — 02-emissaire" in proc.stderr
    assert "Zorvan Junction —" not in proc.stderr and "try --online" not in proc.stderr


def test_the_draft_offers_unplaced_names_as_stops_to_fill_in(story: Path, tmp_path: Path) -> None:
    from geomap.journey import load_itinerary
    from geomap.journey.draft import draft_text

    result = build_story([story], BuildOptions(curated=False))
    text = draft_text(result.story)
    assert "## Not placed: Zorvan Junction" in text
    block = text[text.index("## Not placed: Zorvan Junction"):].split("\n\n")[0]
    promoted = "\n".join(line.replace("  # ", "  ", 1) for line in block.splitlines()[1:])
    path = tmp_path / "journey.yaml"
    story_ = result.story
    path.write_text("stops:\n" + promoted.replace("lat:  ", "lat: 54.45").replace("lon:", "lon: 18.40") + "\n",
                    encoding="utf-8")
    (stop,) = load_itinerary(path, story_.places, story_.articles, story_.mentions).journey.stops
    assert stop.place_id.startswith("point:") and stop.evidence and "Zorvan Junction" in stop.evidence[0].text
    # Left without coordinates, the uncommented stop is a one-line error naming the line to fill in.
    path.write_text("stops:\n" + promoted + "\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"journey.yaml:3: stop 1: lat must be a number"):
        load_itinerary(path, story_.places, story_.articles, story_.mentions)


REGIONS_AND_PEOPLE = """---
title: L'émissaire en Allemagne
date: 2024-05-03
language: fr
---
Jeudi, l'émissaire s'est rendu en Valdorie, puis il a rejoint le château de Brimsel, dans le Hautmark.

Aucun émissaire n'avait effectué de visite d'État depuis Jacques Dorval, en juin 2000, et l'on s'inquiète de la poussée du parti KdX.

Il doit ensuite gagner Vostrelle-sur-Mer.
"""

TRAVEL_EN = """---
title: The envoy in Africa
date: 2024-05-03
language: en
---
The envoy flew to Africa on Monday. He then travelled to the Wall of Brimsel.

On Tuesday he arrived at Kellmark Quay, where the port has welcomed Turkish President Osman Kellar.

He had spent Thanksgiving weekend with his family and arrived at Brask's airport late, welcomed by House Speaker Tom Vell.
"""


def test_regions_parties_people_and_continents_are_not_reported(tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "01-fr.txt").write_text(REGIONS_AND_PEOPLE, encoding="utf-8")
    (folder / "02-en.txt").write_text(TRAVEL_EN, encoding="utf-8")
    (folder / "gazetteer.yaml").write_text("places: []\n", encoding="utf-8")
    names = [u.name for u in build_story([folder], BuildOptions()).story.unplaced]
    # "en Valdorie", "dans le Hautmark" are regions; "parti KdX" a party; "Africa" a continent;
    # "the Wall of …" is no town; a title inside a name makes it a person; a holiday is a date.
    assert names == ["Brimsel", "Vostrelle-sur-Mer", "Kellmark Quay", "Brask"]  # "Brask's airport" is Brask's


def test_persons_tagged_by_ner_are_not_reported(tmp_path: Path) -> None:
    from geomap.articles import load_articles
    from geomap.discover import named_people, ner_available
    from geomap.unplaced import find_unplaced

    if not ner_available():
        pytest.skip("the French NER model is not installed")
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "01-fr.txt").write_text(REGIONS_AND_PEOPLE, encoding="utf-8")
    articles = load_articles([folder])
    people = named_people(articles, tmp_path / "cache")
    assert "Jacques Dorval" in people
    assert "Jacques Dorval" in [u.name for u in find_unplaced(articles, [], {})]
    assert "Jacques Dorval" not in [u.name for u in find_unplaced(articles, [], {}, people=people)]


def test_a_cue_reaches_a_name_across_an_indefinite_article_only_after_a_locative() -> None:
    # unplaced.yaml's indefinite_articles are passed over: "as" before "a" is no locative, so "Brimsel"
    # is not where he arrived (without them, folded "a", French "à", would read as one).
    text = "He arrived yesterday as a Brimsel guest. Then he travelled to a Vostrelle shipyard."
    a = Article(id="a", path=Path("a.txt"), text=text, language="en", date=dt.date(2024, 5, 3),
                sentences=tuple(split_sentences(text)))
    assert [u.name for u in find_unplaced([a], [], {})] == ["Vostrelle"]


@pytest.mark.parametrize(("text", "name"), [
    ("Il est parti d'Ostreville mardi.", "Ostreville"),
    ("Il s'est rendu jusqu'Ostreville mardi.", "Ostreville"),  # data/elisions.yaml's, not only d' and l'
    ("Il s'est rendu à N'Ostreville mardi.", "N'Ostreville"),  # a capital elision opens the name
    ("Il s'est rendu à L'Ostreville mardi.", "L'Ostreville"),
])
def test_a_lower_case_elided_word_of_the_data_is_cut_from_the_name_after_it(text: str, name: str) -> None:
    a = Article(id="a", path=Path("a.txt"), text=text, language="fr", date=dt.date(2024, 5, 3),
                sentences=tuple(split_sentences(text)))
    assert [u.name for u in find_unplaced([a], [], {})] == [name]
