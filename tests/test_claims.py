"""Claims: distances and directions found in short test texts, checked against geography."""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path

import pytest

from geomap.claims import check_story, say, summary_line
from geomap.claims.check import Route, check, geodesic
from geomap.claims.extract import find_claims
from geomap.claims.lexicon import parse_number
from geomap.model import Article, Mention, Place, Resolution
from geomap.pipeline import build_story
from geomap.render.claimsview import CLAIMS_CSV_HEADER, claims_csv

# Places of these tests: coordinates of city centres (Wikipedia infoboxes), nothing story-specific.
GAZETTEER = """
places:
  - {id: london, name: London, kind: capital, lat: 51.50722, lon: -0.1275, aliases: [London, Londres]}
  - {id: oxford, name: Oxford, kind: city, lat: 51.75194, lon: -1.25778, aliases: [Oxford]}
  - {id: paris, name: Paris, kind: capital, lat: 48.85667, lon: 2.35222, aliases: [Paris]}
  - {id: bordeaux, name: Bordeaux, kind: city, lat: 44.83778, lon: -0.57944, aliases: [Bordeaux]}
  - {id: lyon, name: Lyon, kind: city, lat: 45.76, lon: 4.84, aliases: [Lyon]}
  - {id: marseille, name: Marseille, kind: city, lat: 43.29639, lon: 5.37, aliases: [Marseille]}
  - {id: geneva, name: Geneva, kind: city, lat: 46.20222, lon: 6.14569, aliases: [Genève, Geneva]}
  - {id: spain, name: Spain, kind: country, lat: 40.0, lon: -4.0, aliases: [Espagne, Spain]}
  - {id: ringway, name: Ringway Airport, kind: airport, lat: 53.35374, lon: -2.27495,
     aliases: [Ringway Airport]}
"""


def story_of(tmp_path: Path, texts: dict[str, str], journey: str | None = None, meta: str | None = None):
    for name, text in texts.items():
        (tmp_path / name).write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    (tmp_path / "gazetteer.yaml").write_text(GAZETTEER, encoding="utf-8")
    if journey is not None:
        (tmp_path / "journey.yaml").write_text(textwrap.dedent(journey).lstrip("\n"), encoding="utf-8")
    if meta is not None:
        (tmp_path / "articles.yaml").write_text(textwrap.dedent(meta).lstrip("\n"), encoding="utf-8")
    return build_story(tmp_path, discover=False).story


def only(story):
    assert len(story.claims) == 1, story.claims
    return story.claims[0]


# --------------------------------------------------------------------------- finding


@pytest.mark.parametrize(("text", "language", "value"), [
    ("8 000", "fr", 8000.0), ("8\u202f000", "fr", 8000.0), ("1,5", "fr", 1.5), ("8.000", "fr", 8000.0),
    ("8,000", "en", 8000.0), ("2.5", "en", 2.5), ("12", None, 12.0), ("12,345.5", "en", 12345.5),
])
def test_numbers_are_read_as_the_language_writes_them(text: str, language: str | None, value: float) -> None:
    assert parse_number(text.replace("\u202f", " "), language) == value


def test_miles_and_a_direction_in_english(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": (
        "The minister spent the morning in London. She then went on to Oxford, about 50 miles "
        "north-west of London, where she opened a library.\n"
    )})
    claim = only(story)
    assert (claim.place_id, claim.anchor_id, claim.hedge) == ("oxford", "london", "about")
    assert claim.claimed_km == pytest.approx(50 * 1.609344)
    assert claim.direction == 315 and claim.direction_text == "north-west"
    km, bearing = geodesic((51.50722, -0.1275), (51.75194, -1.25778))
    assert claim.geodesic_km == pytest.approx(km) and claim.bearing == pytest.approx(bearing)
    assert claim.verdict == "consistent"
    assert story.articles[0].text[claim.start : claim.end].startswith("Oxford, about 50 miles")


def test_a_stated_direction_that_is_off_is_named_with_the_true_one(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": (
        "Le ministre a passé la matinée à Lyon. Il s'est ensuite rendu à Genève, à environ 110 km"
        " à l'ouest de Lyon, pour une conférence.\n"
    )})
    claim = only(story)
    assert (claim.place_id, claim.anchor_id, claim.direction) == ("geneva", "lyon", 270)
    assert claim.verdict == "direction-off"  # Geneva lies north-east of Lyon; the distance holds
    assert any("north-east" in say(n) and "stated west" in say(n) for n in claim.notes)


def test_a_distance_off_says_by_how_much(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": (
        "La délégation a quitté Marseille lundi. Elle est arrivée à Lyon, à près de 400 "
        "kilomètres au nord de Marseille, dans la soirée.\n"
    )})
    claim = only(story)
    assert claim.verdict == "distance-off" and claim.hedge == "nearly"
    assert claim.deviation_pct == pytest.approx((claim.geodesic_km - 400) / 400 * 100)
    assert claim.deviation_pct < -15


def test_an_antecedent_is_the_place_of_its_kind_named_just_before(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": (
        "Le président a visité Bordeaux mardi, avant de parler de l'Espagne. La ville, qui se "
        "trouve à environ 500 km au sud-ouest de Paris, l'a accueilli avec des drapeaux.\n"
    )})
    claim = only(story)
    assert claim.place_id == "bordeaux"  # not Spain: a country is no "ville"
    assert claim.place_text == "La ville" and claim.anchor_id == "paris"
    assert claim.verdict == "consistent"
    assert any("taken as Bordeaux" in say(n) for n in claim.notes)


def test_an_antecedent_with_nothing_to_stand_for_is_reported_unchecked(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": (
        "Il pleuvait depuis deux jours. La ville, située à environ 500 km au sud-ouest de Paris, "
        "était inondée.\n"
    )})
    claim = only(story)
    assert claim.place_id is None and claim.verdict == "unchecked" and claim.geodesic_km is None


def test_an_unresolved_anchor_is_reported_not_guessed(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": (
        "The plane landed at Ringway Airport in the morning. The airport, less than 30 kilometres"
        " from the border, is guarded by soldiers. Later they drove to Oxford, some 60 km from "
        "Wexcombe Magna.\n"
    )})
    first, second = story.claims
    assert (first.place_id, first.anchor_id, first.anchor_text) == ("ringway", None, "the border")
    assert (second.place_id, second.anchor_id, second.anchor_text) == ("oxford", None, "Wexcombe Magna")
    for claim in (first, second):
        assert claim.verdict == "unchecked" and claim.geodesic_km is None and claim.bearing is None
    assert "2 not checkable" in summary_line(story)


def test_an_unnamed_anchor_is_reported_not_guessed(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": "They landed in London and drove to Oxford, about 50 miles to the west."})
    claim = only(story)
    assert claim.place_id == "oxford" and claim.anchor_text == "" and claim.verdict == "unchecked"


def test_texts_without_claims_give_none(tmp_path: Path) -> None:
    story = story_of(tmp_path, {
        "fr.txt": (
            "Le cortège a parcouru 170 kilomètres depuis Lyon. À Marseille, la société a construit 1 "
            "000 km de voies. Un trajet de près de 4 000 kilomètres attend la délégation, qui a "
            "quitté Paris à 8 heures.\nGenève compte 200 000 habitants et se trouve au bord d'un "
            "lac.\n"
        ),
        "en.txt": (
            "In London, the motorcade covered 200 miles from Oxford in a day. The trip of 4,000 km "
            "took two days. Bordeaux sent 300 soldiers, about 20 km of fences and 5 miles of cable to"
            " Paris.\n"
        ),
    })
    assert story.claims == () and summary_line(story) is None


# --------------------------------------------------------------------------- route and verdicts

ROUTE = """
stops:
  - place: lyon
    date: 2024-05-06
  - place: geneva
    date: 2024-05-07
    via:
      - [45.20, 5.72]
      - [45.56, 5.92]
      - [45.90, 6.12]
"""


def test_a_distance_that_only_the_route_explains(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": (
        "Le convoi est parti de Lyon lundi. Il a atteint Genève, à environ 200 km de Lyon, "
        "mardi.\n"
    )}, journey=ROUTE)
    claim = only(story)
    assert claim.geodesic_km == pytest.approx(geodesic((45.76, 4.84), (46.20222, 6.14569))[0])
    assert claim.route_km == pytest.approx(story.journey.legs[0].km)
    assert claim.verdict == "route-only"
    assert "1 consistent only along the route" in summary_line(story)


def test_low_confidence_places_make_the_verdict_uncertain() -> None:
    text = "Oxford, about 50 miles north-west of London, opened a library."
    article = Article(id="a", path=Path("a.txt"), text=text, language="en")
    places = {p.id: p for p in (Place("oxford", "Oxford", "city", 51.75194, -1.25778),
                                Place("london", "London", "capital", 51.50722, -0.1275))}
    mentions = [Mention("a", 0, 0, 6, "Oxford", "oxford"), Mention("a", 0, 37, 43, "London", "london")]
    found = find_claims([article], mentions, places)
    resolutions = {"oxford": Resolution("Oxford", places["oxford"], "geonames", confidence=0.3)}
    claim = check(found[0], places, resolutions, Route(None, places))
    assert claim.uncertain and any("low confidence" in say(n) for n in claim.notes)
    assert claim.route_km is None  # no journey: nothing measured along a route


# --------------------------------------------------------------------------- disagreements and outputs

META = """
    a.txt: {date: 2024-05-07, language: fr}
    b.txt: {date: 2024-05-08, language: fr}
"""
DISAGREE_JOURNEY = """
stops:
  - place: lyon
    date: 2024-05-05
    evidence:
      - {article: a, quote: "Le président a quitté Lyon dimanche après-midi"}
      - {article: b, quote: "Parti dimanche soir de Lyon"}
  - place: geneva
    date: 2024-05-06
"""


def test_articles_disagreeing_on_a_stop_and_a_distance_are_listed_with_both_quotes(tmp_path: Path) -> None:
    story = story_of(tmp_path, {
        "a.txt": "Le président a quitté Lyon dimanche après-midi. Il a rejoint Genève, à 110 km de Lyon.",
        "b.txt": "Parti dimanche soir de Lyon, il a gagné Genève, à quelque 250 km de Lyon.",
    }, journey=DISAGREE_JOURNEY, meta=META)
    kinds = {d.kind: d for d in story.disagreements}
    assert set(kinds) == {"part of day", "distance"}
    part = kinds["part of day"]
    assert part.stop == 1 and part.place_id == "lyon"
    assert "dimanche après-midi" in part.first.text and part.first_value == "2024-05-05 · dimanche après-midi"
    assert "dimanche soir" in part.second.text and part.second_value == "2024-05-05 · dimanche soir"
    dist = kinds["distance"]
    assert (dist.first_value, dist.second_value) == ("110 km", "quelque 250 km")
    assert "2 disagreements between articles" in summary_line(story)


def test_claims_and_disagreements_read_by_two_processes_are_those_one_reads(tmp_path: Path) -> None:
    # Enough articles and stops for the work to be shared out (parallel.MIN_ITEMS).
    texts, meta, stops = {}, "", "stops:\n"
    for k in range(24):
        texts[f"a{k}.txt"] = "Le président a quitté Lyon dimanche après-midi. Il a rejoint Genève, à 110 km de Lyon."
        texts[f"b{k}.txt"] = "Parti dimanche soir de Lyon, il a gagné Genève, à quelque 250 km de Lyon."
        meta += f"a{k}.txt: {{date: 2024-05-07, language: fr}}\nb{k}.txt: {{date: 2024-05-08, language: fr}}\n"
        stops += (f"  - place: {('lyon', 'geneva')[k % 2]}\n    date: 2024-05-05\n    evidence:\n"
                  f"      - {{article: a{k}, quote: \"Le président a quitté Lyon dimanche après-midi\"}}\n"
                  f"      - {{article: b{k}, quote: \"Parti dimanche soir de Lyon\"}}\n")
    story = story_of(tmp_path, texts, journey=stops, meta=meta)  # built with a process per core
    serial = check_story(story, jobs=1)
    assert len(story.claims) == 48 and sum(d.kind == "part of day" for d in story.disagreements) == 12
    assert (serial.claims, serial.disagreements) == (story.claims, story.disagreements)
    assert check_story(story, jobs=2) == serial


def test_claims_csv_has_one_row_per_claim_with_the_figures(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": (
        "Le ministre a passé la matinée à Lyon. Il s'est ensuite rendu à Genève, à environ 110 km"
        " à l'ouest de Lyon, pour une conférence.\n"
    )})
    rows = list(csv.DictReader(io.StringIO(claims_csv(story))))
    assert tuple(rows[0]) == CLAIMS_CSV_HEADER and len(rows) == 1
    row = rows[0]
    assert (row["place"], row["anchor"], row["direction"]) == ("Geneva", "Lyon", "west")
    assert row["verdict"] == "direction-off" and float(row["claimed_km"]) == 110
    assert float(row["geodesic_km"]) == pytest.approx(story.claims[0].geodesic_km, abs=0.1)


def test_check_story_is_idempotent(tmp_path: Path) -> None:
    story = story_of(tmp_path, {"a.txt": "Oxford, about 50 miles north-west of London, opened a library."})
    assert check_story(story).claims == story.claims


# --------------------------------------------------------------------------- the seed story

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seeds_story():
    return build_story(SEEDS, discover=False).story


def test_the_seed_articles_claims_are_found_and_checked(seeds_story) -> None:
    found = {(c.article_id[:3], c.place_id, c.anchor_id): c for c in seeds_story.claims}
    north = found["001", "vladivostok", "pyongyang"]
    khasan = found["004", "khasan", "vladivostok"]
    vostochny = found["004", "vostochny-cosmodrome", "moscow"]
    assert north.place_text == "la ville" and north.direction == 0 and north.claimed_km == 680
    assert north.geodesic_km == pytest.approx(688, rel=0.01) and north.bearing == pytest.approx(47, abs=1)
    assert north.verdict == "direction-off"  # the distance holds, "north" does not
    assert khasan.geodesic_km == pytest.approx(127, rel=0.01) and khasan.verdict == "route-only"
    assert 1.8 < khasan.route_km / khasan.geodesic_km < 2.3
    assert vostochny.claimed_km == 8000 and vostochny.hedge == "nearly"
    assert vostochny.geodesic_km == pytest.approx(5551, rel=0.01) and vostochny.verdict == "distance-off"
    assert round(vostochny.deviation_pct) == -31


def test_the_seed_articles_disagree_on_the_boarding_time(seeds_story) -> None:
    parts = [d for d in seeds_story.disagreements if d.kind == "part of day"]
    assert len(parts) == 1
    d = parts[0]
    assert d.place_id == "pyongyang" and d.first.article_id.startswith("001") and d.second.article_id.startswith("002")
    assert "dimanche après-midi" in d.first.text and "dimanche soir" in d.second.text


def _journey_with_evidence(quotes: list[tuple[str, str]], date: str = "2024-05-08") -> str:
    lines = "\n".join(f'      - {{article: {a}, quote: "{q}"}}' for a, q in quotes)
    return f"stops:\n  - place: geneva\n    date: {date}\n    evidence:\n{lines}\n"


def test_two_articles_a_day_apart_on_one_stop_disagree_on_the_date(tmp_path: Path) -> None:
    story = story_of(tmp_path, {
        "a.txt": "Le président est arrivé à Genève mercredi 8 mai.",
        "b.txt": "Le président est arrivé à Genève jeudi 9 mai.",
    }, journey=_journey_with_evidence([("a", "Le président est arrivé à Genève mercredi 8 mai"),
                                       ("b", "Le président est arrivé à Genève jeudi 9 mai")]), meta=META)
    (d,) = story.disagreements
    assert d.kind == "date" and (d.first_value, d.second_value) == ("2024-05-08 · mercredi 8 mai", "2024-05-09 · jeudi 9 mai")


def test_a_time_that_belongs_to_another_place_or_another_visit_is_no_disagreement(tmp_path: Path) -> None:
    # b dates Lyon, not Geneva; c's return to Geneva is days after the stop: neither contradicts a.
    story = story_of(tmp_path, {
        "a.txt": "The president arrived in Geneva on Wednesday evening.",
        "b.txt": "The president met the mayor in Lyon on Thursday morning on his way back from Geneva.",
        "c.txt": "The president was back in Geneva on Monday morning, ending a long tour.",
    }, journey=_journey_with_evidence([
        ("a", "The president arrived in Geneva on Wednesday evening"),
        ("b", "The president met the mayor in Lyon on Thursday morning on his way back from Geneva"),
        ("c", "The president was back in Geneva on Monday morning"),
    ]), meta="""
        a.txt: {date: 2024-05-09, language: en}
        b.txt: {date: 2024-05-10, language: en}
        c.txt: {date: 2024-05-14, language: en}
    """)
    assert story.disagreements == ()
