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


def test_a_country_is_a_stop_only_when_the_story_has_no_finer_stop() -> None:
    text = "Il est entré en Allemagne mardi."
    j = infer([article("a1", text, dt.date(2024, 5, 8), "fr")], FR_PLACES)
    assert route(j) == [("germany", dt.date(2024, 5, 7))]
    # A finer stop anywhere (Paris is not in Germany) makes the country a mere mention.
    text = "Macron a quitté Paris lundi. " + text
    j = infer([article("a1", text, dt.date(2024, 5, 8), "fr")], FR_PLACES)
    assert route(j) == [("paris", dt.date(2024, 5, 6))]
    assert any("Allemagne" in n and "finer stops" in n for n in j.notes)
    text += " Il est arrivé à Berlin mardi soir."
    j = infer([article("a1", text, dt.date(2024, 5, 8), "fr")], FR_PLACES)
    assert [s.place_id for s in j.stops] == ["paris", "berlin"]


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
        ("mariinskyi-palace", dt.date(2024, 8, 23)),  # dated by the day named before it
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


# --- rules of round 2: each in French and in English --------------------------------------------

MORE_PLACES = [
    place("pyongyang", "Pyongyang", "capital", 39.0392, 125.7625, "KP"),
    place("dandong", "Dandong", "city", 40.1292, 124.3947, "CN"),
    place("china", "Chine", "country", 35.0, 105.0, "CN", "China"),
    place("hanoi", "Hanoï", "capital", 21.0285, 105.8542, "VN", "Hanoi"),
    place("vietnam", "Vietnam", "country", 16.0, 106.0, "VN"),
    place("poland", "Pologne", "country", 52.0, 19.0, "PL", "Poland"),
    place("medyka", "Medyka", "city", 49.8036, 22.9308, "PL"),
    place("rzeszow", "Rzeszów", "city", 50.0412, 21.9991, "PL"),
    place("ramstein", "Ramstein", "city", 49.4475, 7.5539, "DE"),
    place("chisinau", "Chișinău", "capital", 47.0105, 28.8638, "MD"),
    place("irpin", "Irpin", "city", 50.5218, 30.2506, "UA"),
]
ALL = [p for p in FR_PLACES + EN_PLACES if p.id not in ("warsaw", "moscow")] + MORE_PLACES + [
    place("warsaw", "Warsaw", "capital", 52.2297, 21.0122, "PL", "Varsovie"),
    place("moscow", "Moscow", "capital", 55.7558, 37.6173, "RU", "Moscou"),
]


def ids(text: str, language: str, date: dt.date = dt.date(2024, 8, 23), **kw: object) -> list[str]:
    return [s.place_id for s in infer([article("a", text, date, language)], ALL, **kw).stops]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Emmanuel Macron a quitté Paris mercredi. Emmanuel Macron, Olaf Scholz et Mario Draghi sont arrivés "
         "jeudi à Kyiv.", "fr"),
        ("Emmanuel Macron left Paris on Wednesday. Emmanuel Macron, Olaf Scholz and Mario Draghi arrived in "
         "Kyiv on Thursday.", "en"),
    ],
)
def test_the_traveller_named_first_in_a_list_of_subjects_travels(text: str, language: str) -> None:
    assert ids(text, language) == ["paris", "kyiv"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Modi est arrivé à Varsovie mercredi. La visite intervient six semaines après que Modi s'est rendu à "
         "Moscou.", "fr"),
        ("Modi arrived in Warsaw on Wednesday. The visit comes six weeks after Modi travelled to Moscow.", "en"),
    ],
)
def test_an_earlier_trip_told_for_comparison_is_no_stop(text: str, language: str) -> None:
    j = infer([article("a", text, dt.date(2024, 8, 21), language)], ALL)
    assert "moscow" not in [s.place_id for s in j.stops]
    assert any("Moscow" in n and "earlier trip" in n for n in j.notes)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Un an après l'invasion, Modi est arrivé à Kyiv vendredi.", "fr"),
     ("A year after the invasion, Modi arrived in Kyiv on Friday.", "en")],
)
def test_a_time_span_in_another_clause_does_not_make_the_trip_earlier(text: str, language: str) -> None:
    assert ids(text, language) == ["kyiv"]


@pytest.mark.parametrize(
    ("text", "language", "stops"),
    [
        ("Kim a quitté Pyongyang samedi. Le train est entré en Chine par Dandong dimanche.", "fr",
         ["pyongyang", "dandong"]),
        ("Modi left Warsaw on Thursday. The train crossed into Poland at Medyka on Thursday night.", "en",
         ["warsaw", "medyka"]),
    ],
)
def test_a_town_named_right_after_a_country_shares_its_cue(text: str, language: str, stops: list[str]) -> None:
    assert ids(text, language) == stops


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Modi a quitté la Pologne jeudi soir et il est arrivé à Kyiv vendredi. Il était monté à bord du train "
         "à Przemyśl, et le convoi a franchi la frontière à Medyka.", "fr"),
        ("Modi left Poland on Thursday evening and arrived in Kyiv on Friday. He had boarded the train at "
         "Przemyśl, and the carriages crossed the border near Medyka.", "en"),
    ],
)
def test_places_in_a_country_left_on_a_day_take_that_day(text: str, language: str) -> None:
    j = infer([article("a", text, dt.date(2024, 8, 23), language)], ALL)
    thu, fri = dt.date(2024, 8, 22), dt.date(2024, 8, 23)
    assert route(j) == [("przemysl", thu), ("medyka", thu), ("kyiv", fri)]
    assert j.stops[0].time is None  # the evening was the country's, not the station's
    assert any("Przemyśl" in n and "Pologne" in n or "Poland" in n for n in j.notes if n.startswith("Przemy"))


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Macron est arrivé jeudi à Kyiv. Peu après, il s'est rendu à Irpin.", "fr"),
        ("Macron arrived in Kyiv on Thursday. Shortly afterwards he travelled to Irpin.", "en"),
    ],
)
def test_an_undated_stop_takes_the_last_day_the_article_named(text: str, language: str) -> None:
    j = infer([article("a", text, dt.date(2024, 8, 23), language)], ALL)
    thu = dt.date(2024, 8, 22)
    assert route(j) == [("kyiv", thu), ("irpin", thu)]
    assert any(n.startswith("Irpin: no day in its sentence") for n in j.notes)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Modi a quitté Varsovie jeudi, a annoncé vendredi son bureau. Il s'est ensuite rendu à Przemyśl.", "fr"),
        ("Modi left Warsaw on Thursday, his office said on Friday. He then travelled to Przemyśl.", "en"),
    ],
)
def test_the_day_of_a_report_dates_no_stop(text: str, language: str) -> None:
    j = infer([article("a", text, dt.date(2024, 8, 23), language)], ALL)
    thu = dt.date(2024, 8, 22)
    assert route(j) == [("warsaw", thu), ("przemysl", thu)]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang samedi. Trump devait atterrir à Hanoï mardi soir.", "fr"),
     ("Kim a quitté Pyongyang samedi. Il devait quitter Hanoï mardi.", "fr"),
     ("Kim left Pyongyang on Saturday. He was expected to be flying to Hanoi on Tuesday.", "en")],
)
def test_what_was_due_to_happen_is_a_plan(text: str, language: str) -> None:
    assert ids(text, language) == ["pyongyang"]


def test_a_date_far_from_the_anchor_dates_nothing() -> None:
    text = "Macron est arrivé à Kyiv le 3 mars 2019. Il s'est rendu à Irpin."
    j = infer([article("a", text, dt.date(2024, 8, 23), "fr")], ALL)
    assert dict(route(j))["irpin"] is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kim est arrivé à Hanoï mardi. Vladimir Poutine est parti lundi. Le président Vladimir Poutine a "
         "confirmé lundi son arrivée à Vladivostok.", "fr"),
        ("Kim arrived in Hanoi on Tuesday. Vladimir Putin left on Monday. President Vladimir Putin confirmed his "
         "arrival in Vladivostok on Monday.", "en"),
    ],
)
def test_a_noun_cue_belongs_to_the_name_its_clause_opens_with(text: str, language: str) -> None:
    places = ALL + [place("vladivostok", "Vladivostok", "city", 43.1, 131.9, "RU")]
    j = infer([article("a", text, dt.date(2024, 8, 23), language)], places, traveller="Kim")
    assert [s.place_id for s in j.stops] == ["hanoi"]
    assert any("Vladivostok" in n and "trip, not" in n for n in j.notes)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kim a quitté Pyongyang mardi. Vladimir Poutine et Kim ont eu une longue rencontre jeudi à "
         "Vladivostok.", "fr"),
        ("Kim left Pyongyang on Tuesday. Vladimir Putin and Kim held a long meeting in Vladivostok on "
         "Thursday.", "en"),
        ("Kim a quitté Pyongyang mardi. Vladimir Poutine a rencontré Kim jeudi à Vladivostok.", "fr"),
        ("Kim left Pyongyang on Tuesday. Vladimir Putin met Kim in Vladivostok on Thursday.", "en"),
    ],
)
def test_a_meeting_the_traveller_shares_with_a_host_is_the_travellers_stop(text: str, language: str) -> None:
    places = ALL + [place("vladivostok", "Vladivostok", "city", 43.1, 131.9, "RU")]
    j = infer([article("a", text, dt.date(2024, 8, 23), language)], places, traveller="Kim")
    assert [s.place_id for s in j.stops] == ["pyongyang", "vladivostok"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Vladimir Poutine est parti mercredi. Le président Vladimir Poutine a "
      "accueilli Kim jeudi pour un sommet à Vladivostok.", "fr"),
     ("Kim left Pyongyang on Tuesday. Vladimir Putin left on Wednesday. President Vladimir Putin hosted Kim "
      "for a summit in Vladivostok on Thursday.", "en")],
)
def test_a_summit_is_the_hosts_and_the_guests(text: str, language: str) -> None:
    places = ALL + [place("vladivostok", "Vladivostok", "city", 43.1, 131.9, "RU")]
    j = infer([article("a", text, dt.date(2024, 8, 23), language)], places, traveller="Kim")
    assert [s.place_id for s in j.stops] == ["pyongyang", "vladivostok"]
    # Without the traveller in the sentence, the host's summit is his alone (he is a person the
    # text shows travelling, so his name opening the clause is the summit's subject).
    alone = text.replace(" Kim jeudi", " jeudi").replace(" Kim for", " guests for")
    j = infer([article("a", alone, dt.date(2024, 8, 23), language)], places, traveller="Kim")
    assert [s.place_id for s in j.stops] == ["pyongyang"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Peu après son arrivée à Vladivostok jeudi, il a déposé une gerbe.", "fr"),
     ("Kim left Pyongyang on Tuesday. Shortly after his arrival in Vladivostok on Thursday, he laid a wreath.",
      "en")],
)
def test_a_capitalised_word_opening_a_sentence_is_no_subject(text: str, language: str) -> None:
    text = text.replace("Peu après", "Le Kremlin dit que peu après").replace("Shortly", "The Kremlin said shortly")
    places = ALL + [place("vladivostok", "Vladivostok", "city", 43.1, 131.9, "RU")]
    j = infer([article("a", text, dt.date(2024, 8, 23), language)], places, traveller="Kim")
    assert [s.place_id for s in j.stops] == ["pyongyang", "vladivostok"]


def test_a_host_receiving_someone_else_is_not_the_travellers_stop() -> None:
    places = ALL + [place("vladivostok", "Vladivostok", "city", 43.1, 131.9, "RU")]
    text = "Kim a quitté Pyongyang mardi. Vladimir Poutine a rencontré un groupe jeudi à Vladivostok."
    j = infer([article("a", text, dt.date(2024, 8, 23), "fr")], places, traveller="Kim Jong-un")
    assert [s.place_id for s in j.stops] == ["pyongyang"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kim a quitté Pyongyang le samedi 23 février. Il est arrivé à Hanoï le mardi 26 février. Il a quitté le "
         "Vietnam le samedi 2 mars. Le train est arrivé à Pyongyang le mardi 5 mars.", "fr"),
        ("Kim left Pyongyang on Saturday, February 23. He arrived in Hanoi on Tuesday, February 26. He left "
         "Vietnam on Saturday, March 2. The train arrived in Pyongyang on Tuesday, March 5.", "en"),
    ],
)
def test_arriving_again_on_a_later_day_is_a_return(text: str, language: str) -> None:
    assert ids(text, language, dt.date(2019, 3, 5)) == ["pyongyang", "hanoi", "pyongyang"]


@pytest.mark.parametrize(
    ("text", "language", "stops"),
    [
        ("Emmanuel Macron a été accueilli mercredi à Chișinău par la présidente.", "fr", ["chisinau"]),
        ("L'avion a fait escale à Ramstein avant d'atterrir à Rzeszów.", "fr", ["ramstein", "rzeszow"]),
        ("The plane refuelled at Ramstein before landing at Rzeszów.", "en", ["ramstein", "rzeszow"]),
        ("From there the president was driven to Przemyśl.", "en", ["przemysl"]),
        ("The ten-hour rail journey brought him into Kyiv on Monday.", "en", ["kyiv"]),
        ("He returned by train through Przemyśl.", "en", ["przemysl"]),
        ("Modi spent about seven hours in Kyiv on Friday.", "en", ["kyiv"]),
        ("The speech came a day after his surprise visit to Kyiv.", "en", ["kyiv"]),
        ("Les discussions de Hanoï ont été écourtées jeudi.", "fr", ["hanoi"]),
    ],
)
def test_more_ways_of_telling_a_stop(text: str, language: str, stops: list[str]) -> None:
    assert ids(text, language) == stops


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
    # Knevichi: "au cours de son séjour", so undated (no borrowed day), between the arrival and the departure.
    assert ids.index("vostochny-cosmodrome") < ids.index("knevichi-air-base") < ids.index("artyom-primorsky-1")
    assert stops["knevichi-air-base"].date is None and not stops["knevichi-air-base"].approximate
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


# --- round 3: general failure classes (FR and EN) ------------------------------------------------

KY = ALL + [place("vladivostok", "Vladivostok", "city", 43.1, 131.9, "RU")]


def stops_of(text: str, language: str, date: dt.date = dt.date(2024, 8, 23), **kw: object) -> list[Stop]:
    return list(infer([article("a", text, date, language)], KY, **kw).stops)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Macron est arrivé à Kyiv jeudi. Peu après, il s'est rendu à Irpin.", "fr"),
     ("Macron arrived in Kyiv on Thursday. Shortly afterwards he travelled to Irpin.", "en")],
)
def test_a_borrowed_date_is_approximate_and_a_stated_one_is_not(text: str, language: str) -> None:
    kyiv, irpin = stops_of(text, language)
    assert (kyiv.date, kyiv.approximate) == (dt.date(2024, 8, 22), False)
    assert (irpin.date, irpin.approximate) == (dt.date(2024, 8, 22), True)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Modi a quitté la Pologne jeudi soir. Il était monté à bord du train à Przemyśl.", "fr"),
     ("Modi left Poland on Thursday evening. He had boarded the train at Przemyśl.", "en")],
)
def test_a_date_borrowed_from_the_countrys_move_is_approximate(text: str, language: str) -> None:
    (przemysl,) = stops_of(text, language)
    assert (przemysl.date, przemysl.approximate) == (dt.date(2024, 8, 22), True)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Macron est arrivé à Kyiv jeudi. Vendredi, il a rencontré Zelensky. Au cours de son séjour, il a "
      "visité Irpin. Il est rentré à Paris samedi.", "fr"),
     ("Macron est arrivé à Kyiv jeudi. Vendredi, il a rencontré Zelensky. Lors de sa visite, Macron a "
      "visité Irpin. Il est rentré à Paris samedi.", "fr"),
     ("Macron arrived in Kyiv on Thursday. On Friday he met Zelensky. During his stay he visited Irpin. "
      "He returned to Paris on Saturday.", "en")],
)
def test_a_visit_told_during_the_stay_borrows_no_date(text: str, language: str) -> None:
    got = [(s.place_id, s.date, s.approximate) for s in stops_of(text, language, dt.date(2024, 8, 24))]
    assert got == [("kyiv", dt.date(2024, 8, 22), False), ("irpin", None, False),
                   ("paris", dt.date(2024, 8, 24), False)]


@pytest.mark.parametrize(
    ("text", "language", "stops"),
    [
        ("Kim a quitté Pyongyang mardi. Kim a enchaîné jeudi à Vladivostok les temps forts de sa visite.", "fr",
         ["pyongyang", "vladivostok"]),
        ("Kim a quitté Pyongyang mardi. À Vladivostok, Kim a déposé jeudi une gerbe.", "fr",
         ["pyongyang", "vladivostok"]),
        ("Kim a quitté Pyongyang mardi. Il a reçu jeudi les honneurs militaires à l'aéroport de Vladivostok.", "fr",
         ["pyongyang", "vladivostok"]),
        ("Kim left Pyongyang on Tuesday. In Vladivostok, Kim met students on Thursday.", "en",
         ["pyongyang", "vladivostok"]),
        ("Kim left Pyongyang on Tuesday. On Thursday he spent the day in Vladivostok.", "en",
         ["pyongyang", "vladivostok"]),
    ],
)
def test_a_city_where_the_travellers_own_day_is_told_is_a_stop(text: str, language: str, stops: list[str]) -> None:
    got = stops_of(text, language, traveller="Kim")
    assert [s.place_id for s in got] == stops
    assert got[-1].date == dt.date(2024, 8, 22)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # someone else's day, no day at all, a subordinate clause, a report
        ("Kim a quitté Pyongyang mardi. Poutine a rencontré jeudi à Vladivostok des étudiants.", "fr"),
        ("Kim a quitté Pyongyang mardi. Kim a évoqué des étudiants à Vladivostok.", "fr"),
        ("Kim left Pyongyang on Tuesday, a trip that officials in Vladivostok welcomed on Thursday.", "en"),
        ("Kim left Pyongyang on Tuesday. Putin met students in Vladivostok on Thursday.", "en"),
    ],
)
def test_a_locative_without_the_travellers_day_is_no_stop(text: str, language: str) -> None:
    assert [s.place_id for s in stops_of(text, language, traveller="Kim")] == ["pyongyang"]


@pytest.mark.parametrize(
    ("text", "language", "stops"),
    [
        ("Modi left Warsaw on Thursday. He flew south to Kyiv on Friday.", "en", ["warsaw", "kyiv"]),
        ("Modi left Warsaw on Thursday. On Friday he was driven to Kyiv.", "en", ["warsaw", "kyiv"]),
        ("Modi a quitté Varsovie jeudi. Il s'est envolé pour Kyiv vendredi.", "fr", ["warsaw", "kyiv"]),
        ("Modi a quitté Varsovie jeudi. Vendredi, il a gagné Kyiv en train.", "fr", ["warsaw", "kyiv"]),
        ("Modi a quitté Varsovie jeudi, avant de rejoindre Kyiv vendredi.", "fr", ["warsaw", "kyiv"]),
        ("Modi left Warsaw on Thursday. On Friday he travelled to Lviv, Irpin and Kyiv.", "en",
         ["warsaw", "lviv", "irpin", "kyiv"]),
        ("Modi a quitté Varsovie jeudi. Vendredi, il s'est rendu à Lviv puis à Irpin.", "fr",
         ["warsaw", "lviv", "irpin"]),
    ],
)
def test_motion_with_directions_and_lists(text: str, language: str, stops: list[str]) -> None:
    assert [s.place_id for s in stops_of(text, language)] == stops


@pytest.mark.parametrize(
    ("text", "language"),
    [("Le pape François a quitté Paris vendredi. Dimanche, François se rendra à Strasbourg puis à Berlin.", "fr"),
     ("Pope Francis left Paris on Friday. On Sunday Francis heads north, to Strasbourg, Frankfurt and Berlin.",
      "en")],
)
def test_a_schedule_for_the_next_days_of_the_trip_is_an_approximate_stop(text: str, language: str) -> None:
    places = KY + [place("frankfurt-en", "Frankfurt", "city", 50.1109, 8.6821, "DE")]
    j = infer([article("a", text, dt.date(2024, 5, 11), language)], places)  # a Saturday
    got = [(s.place_id, s.date, s.approximate) for s in j.stops]
    sunday = dt.date(2024, 5, 12)
    assert got[0] == ("paris", dt.date(2024, 5, 10), False)
    assert got[1:] == [(p, sunday, True) for p in
                       (["strasbourg", "berlin"] if language == "fr" else ["strasbourg", "frankfurt-en", "berlin"])]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Le pape François est attendu dimanche à Strasbourg.", "fr"),  # no move made in the article
     ("Le pape François a quitté Paris vendredi. Il pourrait se rendre dimanche à Strasbourg.", "fr"),
     ("Pope Francis left Paris on Friday. He could travel to Strasbourg on Sunday.", "en"),
     ("Pope Francis left Paris on Friday. He will travel to Strasbourg next month.", "en")],
)
def test_a_possibility_or_an_undated_plan_is_no_stop(text: str, language: str) -> None:
    j = infer([article("a", text, dt.date(2024, 5, 11), language)], KY)
    assert "strasbourg" not in [s.place_id for s in j.stops]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Kim et Poutine ont eu leur première rencontre jeudi à Vladivostok.", "fr"),
     ("Kim left Pyongyang on Tuesday. Kim and Putin held their first meeting in Vladivostok on Thursday.", "en"),
     ("Kim a quitté Pyongyang mardi. Il est arrivé jeudi à Vladivostok, où son père s'était rendu il y a "
      "vingt ans.", "fr")],
)
def test_a_first_meeting_is_this_trip_and_the_past_is_clause_bound(text: str, language: str) -> None:
    assert [s.place_id for s in stops_of(text, language, traveller="Kim")] == ["pyongyang", "vladivostok"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Il y a vingt ans, son père était arrivé à Vladivostok.", "fr"),
     ("Kim left Pyongyang on Tuesday. Their first meeting was held in Vladivostok in 2019.", "en"),
     ("Kim a quitté Pyongyang mardi. Le sommet s'était tenu en juin 2019 à Hanoï, où Kim était arrivé "
      "à bord d'un train parti de Vladivostok.", "fr")],
)
def test_a_year_or_il_y_a_in_the_clause_is_a_past_event(text: str, language: str) -> None:
    assert [s.place_id for s in stops_of(text, language, traveller="Kim")] == ["pyongyang"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Lavrov, qui s'est rendu à Vladivostok mercredi, a salué la visite.", "fr"),
     ("Kim left Pyongyang on Tuesday. Lavrov, who travelled to Vladivostok on Wednesday, welcomed the visit.", "en"),
     ("Kim a quitté Pyongyang mardi. Lavrov, chef de la diplomatie russe, est arrivé à Vladivostok mercredi.", "fr"),
     ("Kim left Pyongyang on Tuesday. He met Lee, whose father visited Vladivostok on Wednesday.", "en"),
     ("Kim a quitté Pyongyang mardi. Il a vu Lee, dont le père a visité Vladivostok mercredi.", "fr")],
)
def test_someone_elses_trip_in_a_relative_clause_or_apposition_is_no_stop(text: str, language: str) -> None:
    assert [s.place_id for s in stops_of(text, language, traveller="Kim")] == ["pyongyang"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim, qui a quitté Pyongyang mardi, est arrivé à Vladivostok jeudi.", "fr"),
     ("Kim, who left Pyongyang on Tuesday, arrived in Vladivostok on Thursday.", "en")],
)
def test_the_travellers_own_relative_clause_is_his(text: str, language: str) -> None:
    assert [s.place_id for s in stops_of(text, language, traveller="Kim")] == ["pyongyang", "vladivostok"]


# Round 4: stop verbs, airports standing for cities, destinations, returns, the pluperfect.
HUBS = KY + [
    place("vvo", "Vladivostok International Airport", "airport", 43.3990, 132.1480, "RU", "aéroport de Vladivostok"),
    place("knevichi", "Knevichi Air Base", "air base", 43.39, 132.16, "RU"),
    place("vl-station", "Vladivostok Station", "station", 43.111, 131.882, "RU", "gare de Vladivostok"),
]


def hub_stops(text: str, language: str, **kw: object) -> list[Stop]:
    return list(infer([article("a", text, dt.date(2024, 8, 23), language)], HUBS, **kw).stops)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Mercredi, il s'est arrêté à Vladivostok.", "fr"),
     ("Kim a quitté Pyongyang mardi. Mercredi, le train a fait halte à Vladivostok.", "fr"),
     ("Kim a quitté Pyongyang mardi. Mercredi, il a fait une halte à Vladivostok.", "fr"),
     ("Kim a quitté Pyongyang mardi. Il a repris sa route vers Vladivostok mercredi.", "fr"),
     ("Kim left Pyongyang on Tuesday. He stopped off in Vladivostok on Wednesday.", "en"),
     ("Kim left Pyongyang on Tuesday. He made a stop in Vladivostok on Wednesday.", "en"),
     ("Kim left Pyongyang on Tuesday. He resumed his journey to Vladivostok on Wednesday.", "en")],
)
def test_stop_and_halt_verbs_make_stops(text: str, language: str) -> None:
    got = [(s.place_id, s.date) for s in stops_of(text, language, traveller="Kim")]
    assert got == [("pyongyang", dt.date(2024, 8, 20)), ("vladivostok", dt.date(2024, 8, 21))]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang jeudi. Il était attendu à Vladivostok plus tard dans la journée.", "fr"),
     ("Kim left Pyongyang on Thursday. He was expected in Vladivostok later that day.", "en")],
)
def test_an_arrival_expected_later_that_day_is_an_approximate_stop(text: str, language: str) -> None:
    got = [(s.place_id, s.date, s.approximate) for s in stops_of(text, language, traveller="Kim")]
    assert got == [("pyongyang", dt.date(2024, 8, 22), False), ("vladivostok", dt.date(2024, 8, 22), True)]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang jeudi, en route vers Vladivostok, où il doit rencontrer samedi Vladimir Poutine.", "fr"),
     ("Kim left Pyongyang on Thursday on his way to Vladivostok, where he will meet Putin on Saturday.", "en")],
)
def test_a_destination_with_a_planned_day_is_dated_by_it(text: str, language: str) -> None:
    got = [(s.place_id, s.date, s.approximate) for s in stops_of(text, language, traveller="Kim")]
    assert got == [("pyongyang", dt.date(2024, 8, 22), False), ("vladivostok", dt.date(2024, 8, 24), True)]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Le train de Kim, en route vers Vladivostok, a franchi la frontière mercredi.", "fr"),
     ("Kim's train, bound for Vladivostok, crossed the border on Wednesday.", "en"),
     ("Parti aux premières heures de la journée, le train de Kim roulait en direction de Vladivostok.", "fr")],
)
def test_a_destination_is_never_a_departure(text: str, language: str) -> None:
    got = stops_of(text, language, traveller="Kim")
    assert [s.place_id for s in got] == ["vladivostok"]
    assert got[0].event != "departed"


@pytest.mark.parametrize(
    ("text", "language"),
    [("Parti de Pyongyang aux premières heures de la journée, Kim est arrivé à Vladivostok.", "fr"),
     ("Having left Pyongyang in the early hours, Kim arrived in Vladivostok.", "en")],
)
def test_a_departure_in_the_early_hours_is_dated_by_the_article(text: str, language: str) -> None:
    got = stops_of(text, language, traveller="Kim")
    assert [s.place_id for s in got] == ["pyongyang", "vladivostok"]
    assert got[0].date == dt.date(2024, 8, 23)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Il est arrivé mercredi à Vladivostok. Jeudi, il a quitté Vladivostok "
      "pour rentrer à Pyongyang.", "fr"),
     ("Kim left Pyongyang on Tuesday. He arrived in Vladivostok on Wednesday. On Thursday he headed home "
      "to Pyongyang.", "en"),
     ("Kim left Pyongyang on Tuesday. He arrived in Vladivostok on Wednesday. On Thursday he was back in "
      "Pyongyang.", "en")],
)
def test_a_return_home_comes_after_the_visit(text: str, language: str) -> None:
    got = [(s.place_id, s.date) for s in stops_of(text, language, traveller="Kim")]
    assert [p for p, _ in got] == ["pyongyang", "vladivostok", "pyongyang"]
    assert got[-1][1] == dt.date(2024, 8, 22)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Il avait visité Vladivostok mercredi.", "fr"),
     ("Kim a quitté Pyongyang mardi. Lors de ce voyage, Kim s'était rendu à Vladivostok.", "fr"),
     ("Kim left Pyongyang on Tuesday. He had visited Vladivostok on Wednesday.", "en"),
     ("Kim left Pyongyang on Tuesday. Kim had travelled to Vladivostok before.", "en")],
)
def test_a_trip_told_in_the_pluperfect_is_no_stop(text: str, language: str) -> None:
    assert [s.place_id for s in stops_of(text, language, traveller="Kim")] == ["pyongyang"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Il a atterri mercredi à l'aéroport de Vladivostok.", "fr"),
     ("Kim left Pyongyang on Tuesday. He landed at Vladivostok International Airport in Vladivostok on "
      "Wednesday.", "en"),
     ("Kim a quitté Pyongyang mardi. Il est arrivé mercredi en gare de Vladivostok. Il a visité Vladivostok "
      "mercredi.", "fr"),
     ("Kim left Pyongyang on Tuesday. He landed at Vladivostok International Airport on Wednesday. "
      "Kim arrived in Vladivostok on Wednesday.", "en")],
)
def test_an_airport_or_station_stands_for_its_city(text: str, language: str) -> None:
    places = HUBS
    if "l'aéroport" in text:
        # the airport is named, the city only inside its name: the city is a known place nearby
        places = HUBS
    got = hub_stops(text, language, traveller="Kim")
    assert [s.place_id for s in got] == ["pyongyang", "vladivostok"]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Mercredi, il a inspecté des avions sur la base aérienne Knevichi Air Base, "
      "près de Vladivostok.", "fr"),
     ("Kim left Pyongyang on Tuesday. On Wednesday he inspected aircraft at Knevichi Air Base near "
      "Vladivostok.", "en")],
)
def test_an_air_base_visited_for_itself_stays_a_site(text: str, language: str) -> None:
    got = hub_stops(text, language, traveller="Kim")
    assert "knevichi" in [s.place_id for s in got]


def test_a_plan_in_a_coordinated_clause_does_not_date_the_destination() -> None:
    text = "Kim left Pyongyang on Thursday. He flew back to Vladivostok on Friday evening and is due to leave on Saturday."
    got = [(s.place_id, s.date, s.approximate) for s in stops_of(text, "en", traveller="Kim")]
    assert got[-1] == ("vladivostok", dt.date(2024, 8, 23), False)


# --- round 5: vehicles, groups, landings, departures with a destination, end-of-trip plans -----

R5 = KY + [place("amur", "Amour", "river", 50.0, 127.5, "RU", "Amur"),
           place("khabarovsk", "Khabarovsk", "city", 48.48, 135.08, "RU")]


def r5(text: str, language: str, **kw: object) -> list[tuple[str, dt.date | None, bool]]:
    j = infer([article("a", text, dt.date(2024, 8, 23), language)], R5, **kw)
    return [(s.place_id, s.date, s.approximate) for s in j.stops]


TUE, WED, SAT = dt.date(2024, 8, 20), dt.date(2024, 8, 21), dt.date(2024, 8, 24)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Mercredi, le convoi a traversé le fleuve Amour avant de s'arrêter en gare "
      "de Khabarovsk.", "fr"),
     ("Kim left Pyongyang on Tuesday. On Wednesday the train crossed the Amur river before stopping in "
      "Khabarovsk.", "en")],
)
def test_a_vehicle_crossing_then_halting_makes_both_stops(text: str, language: str) -> None:
    assert r5(text, language) == [("pyongyang", TUE, False), ("amur", WED, False), ("khabarovsk", WED, False)]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Le train blindé a ensuite repris sa route mercredi et était attendu en fin "
      "de journée en gare de Khabarovsk.", "fr"),
     ("Kim left Pyongyang on Tuesday. The train set off again on Wednesday and was expected in Khabarovsk "
      "at the end of the day.", "en")],
)
def test_a_train_expected_at_the_end_of_the_day_is_an_approximate_stop(text: str, language: str) -> None:
    assert r5(text, language) == [("pyongyang", TUE, False), ("khabarovsk", WED, True)]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. L'avion présidentiel s'est posé mercredi à Khabarovsk.", "fr"),
     ("Kim a quitté Pyongyang mardi. Emmanuel Macron et Kim, accompagnés de leurs épouses, se sont posés "
      "mercredi matin à l'aéroport de Khabarovsk.", "fr"),
     ("Kim left Pyongyang on Tuesday. Emmanuel Macron and Kim, with their wives, landed on Wednesday in "
      "Khabarovsk.", "en")],
)
def test_a_landing_of_the_plane_or_of_a_group_with_the_traveller_is_a_stop(text: str, language: str) -> None:
    assert r5(text, language) == [("pyongyang", TUE, False), ("khabarovsk", WED, False)]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Il a quitté Vladivostok mercredi pour Khabarovsk.", "fr"),
     ("Kim a quitté Pyongyang mardi. Mercredi, il a repris l'avion depuis Vladivostok pour Khabarovsk.", "fr"),
     ("Kim left Pyongyang on Tuesday. On Wednesday he flew from Vladivostok to Khabarovsk.", "en")],
)
def test_a_departure_for_a_destination_makes_the_destination_a_stop(text: str, language: str) -> None:
    got = infer([article("a", text, dt.date(2024, 8, 23), language)], R5).stops
    assert [(s.place_id, s.date, s.event) for s in got] == [
        ("pyongyang", TUE, "departed"), ("vladivostok", WED, "departed"), ("khabarovsk", WED, "arrived")]


def test_a_departure_then_other_words_names_no_destination() -> None:
    text = "Kim left Pyongyang on Tuesday. On Wednesday he left Vladivostok after talks to meet Khabarovsk officials."
    assert [p for p, _, _ in r5(text, "en")] == ["pyongyang", "vladivostok"]


@pytest.mark.parametrize(
    ("text", "language", "day"),
    [("Kim a quitté Pyongyang mardi en direction de Khabarovsk, où il arrive le jour même.", "fr", TUE),
     ("Kim left Pyongyang on Tuesday bound for Khabarovsk, where he arrives the next day.", "en", WED)],
)
def test_an_arrival_told_in_a_clause_about_the_destination_dates_it(text: str, language: str, day: dt.date) -> None:
    got = infer([article("a", text, dt.date(2024, 8, 23), language)], R5).stops
    assert [(s.place_id, s.date, s.event) for s in got] == [("pyongyang", TUE, "departed"),
                                                             ("khabarovsk", day, "arrived")]


@pytest.mark.parametrize(
    ("text", "language"),
    [("Kim a quitté Pyongyang mardi. Il est arrivé mercredi à Vladivostok. Il doit ensuite se rendre samedi à "
      "Khabarovsk.", "fr"),
     ("Kim left Pyongyang on Tuesday. He arrived in Vladivostok on Wednesday. He will travel on Saturday to "
      "Khabarovsk.", "en")],
)
def test_a_dated_plan_at_the_end_of_the_trip_is_an_approximate_stop(text: str, language: str) -> None:
    assert r5(text, language) == [("pyongyang", TUE, False), ("vladivostok", WED, False), ("khabarovsk", SAT, True)]
