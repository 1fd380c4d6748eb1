"""Itinerary inference on synthetic French and English stories and on the seed articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geomap.articles import load_articles, split_sentences
from geomap.gazetteer import load_gazetteer
from geomap.infer import diff_itineraries, infer_journey
from geomap.mentions import Matcher, find_mentions
from geomap.model import Article, Journey, Place, Stop


def place(pid: str, name: str, kind: str, lat: float, lon: float, country: str, *aliases: str) -> Place:
    return Place(id=pid, name=name, kind=kind, lat=lat, lon=lon, country=country, aliases=(name, *aliases))


def article(aid: str, text: str, date: dt.date | None, language: str) -> Article:
    return Article(id=aid, path=Path(f"{aid}.txt"), text=text, date=date, language=language,
                   sentences=split_sentences(text))


def infer(articles: list[Article], places: list[Place], **kw: object) -> Journey:
    by_id = {p.id: p for p in places}
    matcher = Matcher((alias, p.id) for p in places for alias in p.aliases)
    return infer_journey(articles, find_mentions(articles, matcher), by_id, **kw)  # type: ignore[arg-type]


def route(j: Journey) -> list[tuple[str, dt.date | None]]:
    return [(s.place_id, s.date) for s in j.stops]


FR_PLACES = [
    place("paris", "Paris", "capital", 48.8566, 2.3522, "FR"),
    place("strasbourg", "Strasbourg", "city", 48.5734, 7.7521, "FR"),
    place("european-parliament", "Parlement européen", "venue", 48.5973, 7.7695, "FR"),
    place("berlin", "Berlin", "capital", 52.52, 13.405, "DE"),
    place("frankfurt", "Francfort", "city", 50.1109, 8.6821, "DE"),
    place("aachen", "Aix-la-Chapelle", "city", 50.7753, 6.0839, "DE"),
    place("germany", "Allemagne", "country", 51.0, 10.0, "DE"),
    place("washington", "Washington", "capital", 38.9, -77.04, "US"),
]

FR_TEXT = (
    "Le président Emmanuel Macron a quitté Paris lundi 6 mai à bord d'un train spécial. "
    "Il est arrivé à Strasbourg lundi soir. "
    "Mardi, Macron a visité le Parlement européen, où il a prononcé un discours. "
    "Le train est entré en Allemagne mardi soir, selon Berlin. "
    "Le chancelier Olaf Scholz est arrivé mardi à Francfort pour un sommet. "
    "Washington exprime son soutien à cette visite. "
    "Macron est arrivé mercredi 8 mai à Berlin, où il doit rester deux jours. "
    "Les deux dirigeants se sont rencontrés en 2019 à Aix-la-Chapelle."
)


def test_french_train_trip_keeps_the_travellers_own_stops_in_order() -> None:
    j = infer([article("a1", FR_TEXT, dt.date(2024, 5, 8), "fr")], FR_PLACES)
    assert j.origin == "inferred"
    assert route(j) == [
        ("paris", dt.date(2024, 5, 6)),
        ("strasbourg", dt.date(2024, 5, 6)),
        ("european-parliament", dt.date(2024, 5, 7)),
        ("berlin", dt.date(2024, 5, 8)),
    ]
    stops = {s.place_id: s for s in j.stops}
    assert [s.seq for s in j.stops] == [1, 2, 3, 4]
    assert stops["paris"].event == "departed" and stops["berlin"].event == "arrived"
    assert stops["strasbourg"].time == "evening"
    assert stops["european-parliament"].role == "site" and stops["strasbourg"].role == "stop"
    assert "Strasbourg lundi soir" in stops["strasbourg"].evidence[0].text
    notes = "\n".join(j.notes)
    assert any(n.startswith("traveller: ") and "Macron" in n for n in j.notes)
    assert "Francfort" in notes and "Scholz" in notes  # someone else's trip, said why
    assert "Aix-la-Chapelle" in notes and "past event" in notes


def test_a_country_is_a_stop_only_when_nothing_finer_in_it_is() -> None:
    text = "Macron a quitté Paris lundi. Il est entré en Allemagne mardi."
    j = infer([article("a1", text, dt.date(2024, 5, 8), "fr")], FR_PLACES)
    assert route(j) == [("paris", dt.date(2024, 5, 6)), ("germany", dt.date(2024, 5, 7))]
    text += " Il est arrivé à Berlin mardi soir."
    j = infer([article("a1", text, dt.date(2024, 5, 8), "fr")], FR_PLACES)
    assert [s.place_id for s in j.stops] == ["paris", "berlin"]
    assert any("Allemagne" in n and "finer" in n for n in j.notes)


def test_a_capital_used_for_its_government_is_no_stop() -> None:
    text = "Macron a quitté Paris lundi. Le train a traversé la frontière mardi, selon Berlin."
    j = infer([article("a1", text, dt.date(2024, 5, 8), "fr")], FR_PLACES)
    assert [s.place_id for s in j.stops] == ["paris"]
    assert any("Berlin" in n and "government" in n for n in j.notes)


def test_plans_are_not_trips() -> None:
    text = "Macron a quitté Paris lundi. Il pourrait être arrivé à Berlin. Scholz devrait visiter Francfort."
    j = infer([article("a1", text, dt.date(2024, 5, 8), "fr")], FR_PLACES)
    assert [s.place_id for s in j.stops] == ["paris"]


EN_PLACES = [
    place("warsaw", "Warsaw", "capital", 52.2297, 21.0122, "PL"),
    place("przemysl", "Przemyśl", "city", 49.7838, 22.7678, "PL", "Przemysl"),
    place("kyiv", "Kyiv", "capital", 50.4501, 30.5234, "UA", "Kiev"),
    place("mariinskyi-palace", "Mariinskyi Palace", "palace", 50.4484, 30.5372, "UA"),
    place("lviv", "Lviv", "city", 49.8397, 24.0297, "UA"),
    place("glasgow", "Glasgow", "city", 55.8642, -4.2518, "GB"),
    place("moscow", "Moscow", "capital", 55.7558, 37.6173, "RU"),
    place("ukraine", "Ukraine", "country", 49.0, 32.0, "UA"),
]

EN_DAY1 = (
    "Indian Prime Minister Narendra Modi arrived in Warsaw on Wednesday, the first visit by an Indian leader in decades. "
    "Moscow warned against the trip."
)
EN_DAY2 = (
    "Narendra Modi boarded the train in Przemyśl on Thursday evening. "
    "He arrived in Kyiv on Friday, August 23, after a ten-hour journey. "
    "Modi met President Volodymyr Zelensky at the Mariinskyi Palace. "
    "Zelensky travelled to Lviv on Thursday. "
    "Modi and Zelensky first met in 2021 in Glasgow. "
    "On Friday evening Modi left Kyiv and headed back to Przemyśl."
)


def test_english_rail_trip_with_a_return_and_an_undated_visit() -> None:
    j = infer(
        [article("d1", EN_DAY1, dt.date(2024, 8, 21), "en"), article("d2", EN_DAY2, dt.date(2024, 8, 24), "en")],
        EN_PLACES,
    )
    assert route(j) == [
        ("warsaw", dt.date(2024, 8, 21)),
        ("przemysl", dt.date(2024, 8, 22)),
        ("kyiv", dt.date(2024, 8, 23)),
        ("mariinskyi-palace", None),  # undated: after the arrival the text tells before it
        ("przemysl", dt.date(2024, 8, 23)),  # the return: "headed back to"
    ]
    stops = j.stops
    assert stops[1].time == "evening" and stops[1].event == "departed"
    assert stops[3].role == "site" and stops[3].event == "met"
    assert stops[4].event == "headed to"
    notes = "\n".join(j.notes)
    assert any(n.startswith("traveller: Modi ") for n in j.notes)
    assert "Lviv" in notes and "Zelensky" in notes
    assert "Glasgow" in notes


def test_undated_article_reads_weekdays_from_the_story_anchor() -> None:
    dated = article("a", "Macron est arrivé le mercredi 8 mai 2024 à Berlin.", dt.date(2024, 5, 8), "fr")
    undated = article("b", "Macron a quitté Paris lundi.", None, "fr")
    j = infer([undated, dated], FR_PLACES)
    assert route(j) == [("paris", dt.date(2024, 5, 6)), ("berlin", dt.date(2024, 5, 8))]
    assert any("no publication date for b" in n and "2024-05-08" in n for n in j.notes)


def test_no_dates_at_all_keeps_text_order() -> None:
    text = "Macron a quitté Paris. Il est arrivé à Strasbourg. Il est ensuite arrivé à Berlin."
    j = infer([article("a", text, None, "fr")], FR_PLACES)
    assert [s.place_id for s in j.stops] == ["paris", "strasbourg", "berlin"]
    assert all(s.date is None for s in j.stops)


def test_repeated_mentions_of_the_same_place_are_merged() -> None:
    texts = ["Macron a quitté Paris lundi.", "Parti lundi soir de Paris, Macron est arrivé mardi à Berlin."]
    j = infer([article(f"a{i}", t, dt.date(2024, 5, 8), "fr") for i, t in enumerate(texts)], FR_PLACES)
    assert [s.place_id for s in j.stops] == ["paris", "berlin"]
    assert len(j.stops[0].evidence) == 2 and j.stops[0].time == "evening"


def test_forcing_the_traveller() -> None:
    text = "Le chancelier Olaf Scholz est arrivé mardi à Francfort. Macron a quitté Paris lundi."
    art = [article("a", text, dt.date(2024, 5, 8), "fr")]
    assert [s.place_id for s in infer(art, FR_PLACES, traveller="Scholz").stops] == ["frankfurt"]
    assert [s.place_id for s in infer(art, FR_PLACES, traveller="Macron").stops] == ["paris"]


def test_site_kinds_can_be_chosen() -> None:
    text = "Macron a quitté Paris lundi. Il est arrivé à Strasbourg mardi."
    j = infer([article("a", text, dt.date(2024, 5, 8), "fr")], FR_PLACES, kinds=["city"])
    assert [s.role for s in j.stops] == ["stop", "site"]


def test_no_cues_no_stops() -> None:
    j = infer([article("a", "Paris et Berlin sont des capitales.", None, "fr")], FR_PLACES)
    assert j.stops == () and j.origin == "inferred"


# --- the seed story ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_journey(seeds_dir: Path, gazetteer_path: Path) -> Journey:
    articles = load_articles(sorted(seeds_dir.glob("*.txt")))
    gaz = load_gazetteer(gazetteer_path)
    mentions = find_mentions(articles, Matcher(gaz.names()))
    return infer_journey(articles, mentions, gaz.places)


def test_seed_itinerary_is_recovered_without_journey_yaml(seed_journey: Journey) -> None:
    ids = [s.place_id for s in seed_journey.stops]
    main = [p for p in ids if p in ("pyongyang", "vostochny-cosmodrome", "artyom-primorsky-1", "khasan")]
    assert main == ["pyongyang", "vostochny-cosmodrome", "artyom-primorsky-1", "khasan"]
    stops = {s.place_id: s for s in seed_journey.stops}
    assert stops["pyongyang"].date == dt.date(2023, 9, 10) and stops["pyongyang"].event == "departed"
    assert stops["vostochny-cosmodrome"].date == dt.date(2023, 9, 13)
    assert stops["vostochny-cosmodrome"].role == "site"
    # Knevichi: undated, between the arrival and the departure.
    assert ids.index("vostochny-cosmodrome") < ids.index("knevichi-air-base") < ids.index("artyom-primorsky-1")
    assert stops["knevichi-air-base"].role == "site"
    # The Razdolnaya crossing is dated by "Plus tard mardi".
    assert stops["razdolnaya-river"].date == dt.date(2023, 9, 12)
    assert ids.index("pyongyang") < ids.index("razdolnaya-river") < ids.index("vostochny-cosmodrome")


def test_seed_places_only_mentioned_are_not_stops(seed_journey: Journey) -> None:
    ids = {s.place_id for s in seed_journey.stops}
    assert not ids & {"moscow", "seoul", "washington", "beijing", "russia", "north-korea", "russian-far-east", "ukraine"}
    notes = "\n".join(seed_journey.notes)
    assert "Poutine" in notes  # his arrival in Vladivostok is someone else's trip
    assert "traveller: Kim" in notes


def test_seed_vladivostok_is_kept_on_the_travellers_own_cues_and_explained(seed_journey: Journey) -> None:
    ids = [s.place_id for s in seed_journey.stops]
    assert ids.count("vladivostok") == 1
    assert ids.index("vostochny-cosmodrome") < ids.index("vladivostok") < ids.index("artyom-primorsky-1")
    assert any(n.startswith("kept Vladivostok") for n in seed_journey.notes)


# --- diff ------------------------------------------------------------------------------------


def j(*stops: tuple[str, dt.date | None]) -> Journey:
    return Journey(stops=tuple(Stop(seq=i, place_id=p, date=d) for i, (p, d) in enumerate(stops, start=1)))


def test_diff_of_identical_itineraries_is_empty() -> None:
    a = j(("a", dt.date(2024, 1, 1)), ("b", None))
    assert diff_itineraries(a, a) == []


def test_diff_reports_missing_added_reordered_dates_and_repeats() -> None:
    d1, d2 = dt.date(2024, 1, 1), dt.date(2024, 1, 2)
    curated = j(("a", d1), ("b", d1), ("c", d2), ("d", d2), ("a", d2))
    inferred = j(("a", d1), ("c", d2), ("b", d1), ("e", None), ("d", None))
    lines = diff_itineraries(curated, inferred, {"e": Place(id="e", name="Eville")})
    assert "added: Eville (inferred stop 4)" in lines
    assert not any(line.startswith("missing") for line in lines)
    assert any(line.startswith("reordered: ") and (" b " in line or " c " in line) for line in lines)
    assert "date: d curated 2024-01-02, inferred undated" in lines
    assert any(line.startswith("repeated: a") for line in lines)
    missing = diff_itineraries(curated, j(("a", d1)))
    assert {line.split(" (")[0] for line in missing if line.startswith("missing")} == {
        "missing: b", "missing: c", "missing: d"}
