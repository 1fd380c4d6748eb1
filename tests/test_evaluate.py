"""Scoring against gold: the metrics move when a build is wrong, and the test stories meet honest floors."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from geomap.errors import InputError
from geomap.evaluate import StoryScore, evaluate, format_scores
from geomap.gold import Gold, GoldPlace, GoldStop, load_gold
from geomap.model import Article, Journey, Mention, Place, Resolution, Stop, Story

STORIES = sorted(p for p in (Path(__file__).parent / "data" / "stories").iterdir() if p.is_dir())

GOLD = Gold(
    places=(
        GoldPlace("Przemyśl", 49.7838, 22.7678, "stop", ("Przemysl",)),
        GoldPlace("Kyiv", 50.4501, 30.5234, "stop", ("Kiev",)),
        GoldPlace("Warsaw", 52.2297, 21.0122, "stop"),
        GoldPlace("Moscow", 55.7558, 37.6173, "mention"),
    ),
    stops=(
        GoldStop("Warsaw", 52.2297, 21.0122, dt.date(2024, 8, 21)),
        GoldStop("Przemyśl", 49.7838, 22.7678, dt.date(2024, 8, 22)),
        GoldStop("Kyiv", 50.4501, 30.5234, dt.date(2024, 8, 23)),
        GoldStop("Warsaw", 52.2297, 21.0122, dt.date(2024, 8, 24)),
    ),
    tolerance_km=25,
)


def place(pid: str, name: str, lat: float, lon: float, kind: str = "city") -> Place:
    return Place(id=pid, name=name, kind=kind, lat=lat, lon=lon, resolver="geonames")


def story(places: list[Place], stop_ids: list[str], dates: list[dt.date | None] | None = None) -> Story:
    text = " ".join(p.name for p in places)
    art = Article(id="a", path=Path("a.txt"), text=text)
    mentions, pos = [], 0
    for p in places:
        start = text.index(p.name, pos)
        mentions.append(Mention("a", 0, start, start + len(p.name), p.name, p.id, p.name.lower()))
        pos = start + len(p.name)
    dated = dates or [None] * len(stop_ids)
    journey = Journey(stops=tuple(Stop(seq=i + 1, place_id=pid, date=d) for i, (pid, d) in enumerate(zip(stop_ids, dated))))
    return Story(
        articles=(art,),
        places={p.id: p for p in places},
        mentions=tuple(mentions),
        resolutions={p.id: Resolution(p.name, p, "geonames") for p in places},
        journey=journey,
    )


PERFECT = [
    place("w", "Warsaw", 52.23, 21.01),
    place("p", "Przemysl", 49.78, 22.77),
    place("k", "Kiev", 50.45, 30.52),
    place("m", "Moscow", 55.75, 37.62),
    place("pl", "Poland", 52.0, 19.0, "country"),  # areas are not scored
]


def test_perfect_build_scores_one() -> None:
    score = evaluate(story(PERFECT, ["w", "p", "k", "w"], [s.date for s in GOLD.stops]), GOLD)
    assert (score.precision, score.recall, score.near_161, score.stops, score.order, score.dates) == (1.0,) * 6
    assert score.found == 4 and score.gold == 4 and score.details == ()


def test_extra_place_lowers_precision_only() -> None:
    score = evaluate(story([*PERFECT, place("x", "Wall", 40.39, -79.79)], ["w", "p", "k", "w"]), GOLD)
    assert score.precision == pytest.approx(4 / 5) and score.recall == 1.0
    assert any("Wall" in d for d in score.details)


def test_wrong_homonym_counts_as_found_but_not_near() -> None:
    wrong = [replace(PERFECT[0], lat=41.24, lon=-85.85), *PERFECT[1:]]  # Warsaw, Indiana
    score = evaluate(story(wrong, ["p", "k"]), GOLD)
    assert score.recall == 1.0 and score.near_161 == pytest.approx(3 / 4)
    assert any(d.startswith("far: Warsaw") for d in score.details)


def test_missing_place_and_stops_lower_recall_and_stop_share() -> None:
    score = evaluate(story(PERFECT[1:], ["p", "k"]), GOLD)
    assert score.recall == pytest.approx(3 / 4)
    assert score.stops == pytest.approx(2 / 4)  # both Warsaw stops missed
    assert score.order == pytest.approx(2 / 4)


def test_extra_stops_lower_stop_precision_only() -> None:
    score = evaluate(story([*PERFECT, place("x", "Lviv", 49.84, 24.03)], ["w", "x", "p", "k", "m", "w"]), GOLD)
    assert score.stops == 1.0 and score.order == 1.0
    assert score.stop_precision == pytest.approx(4 / 6)  # Lviv and Moscow are no gold stops
    assert "extra stop: Lviv" in score.details and "extra stop: Moscow" in score.details
    assert evaluate(story(PERFECT, ["w", "p", "k", "w"]), GOLD).stop_precision == 1.0
    assert evaluate(story(PERFECT, []), GOLD).stop_precision == 1.0  # nothing claimed, nothing wrong


def test_a_gold_visit_is_claimed_once_so_a_second_stop_beside_it_is_wrong() -> None:
    # Boryspil airport (~30 km out, within 35 km) and Kyiv both fall within tolerance of gold's one Kyiv visit.
    near = replace(GOLD, tolerance_km=35)
    airport = place("b", "Boryspil", 50.35, 30.89)
    score = evaluate(story([*PERFECT, airport], ["w", "p", "k", "b", "w"]), near)
    assert score.stops == 1.0 and score.order == 1.0
    assert score.stop_precision == pytest.approx(4 / 5)
    assert "repeated stop: Boryspil" in score.details
    # Warsaw twice is right: the gold lists two visits there.
    assert evaluate(story(PERFECT, ["w", "p", "k", "w"]), near).stop_precision == 1.0
    assert evaluate(story(PERFECT, ["w", "p", "k", "w", "w"]), near).stop_precision == pytest.approx(4 / 5)


def test_a_stop_the_gold_lists_as_a_site_is_right() -> None:
    lavra = GoldPlace("Kyiv Pechersk Lavra", 50.434, 30.557, "site")
    sited = replace(GOLD, places=(*GOLD.places, lavra), tolerance_km=25)
    venue = place("l", "Kyiv Pechersk Lavra", 50.434, 30.557, "site")
    score = evaluate(story([*PERFECT, venue], ["w", "p", "l", "k", "w"]), sited)
    assert score.stop_precision == 1.0 and score.stops == 1.0
    # The same venue with no gold site entry is a second claim on the Kyiv visit.
    assert evaluate(story([*PERFECT, venue], ["w", "p", "l", "k", "w"]), GOLD).stop_precision == pytest.approx(4 / 5)


def test_wrong_or_missing_dates_lower_the_date_share_only() -> None:
    aug = [dt.date(2024, 8, d) for d in (21, 22, 25, 21)]  # Kyiv a day off; the return dated as the outbound
    score = evaluate(story(PERFECT, ["w", "p", "k", "w"], aug), GOLD)
    assert score.dates == pytest.approx(2 / 4) and score.stops == 1.0 and score.order == 1.0
    assert "date: Kyiv 2024-08-25, gold 2024-08-23" in score.details
    undated = evaluate(story(PERFECT, ["w", "p", "k", "w"]), GOLD)
    assert undated.dates == 0.0  # a stop the gold dates, shown with no date, is not right
    # Extra stops and gold stops with no date are not judged.
    lviv = place("x", "Lviv", 49.84, 24.03)
    free = replace(GOLD, stops=(*GOLD.stops[:2], replace(GOLD.stops[2], date=None)))
    assert evaluate(story([*PERFECT, lviv], ["w", "x", "p", "k"], [aug[0], None, aug[1], None]), free).dates == 1.0


def test_home_shown_at_both_ends_is_judged_by_the_visit_the_gold_has() -> None:
    ends_home = replace(GOLD, stops=GOLD.stops[1:])  # the gold trip starts in Przemyśl, ends in Warsaw
    built = story(PERFECT, ["w", "p", "k", "w"], [None, *(s.date for s in GOLD.stops[1:])])
    assert evaluate(built, ends_home).dates == 1.0  # the undated home start is an extra visit
    wrong_end = story(PERFECT, ["w", "p", "k", "w"], [GOLD.stops[3].date, *(s.date for s in GOLD.stops[1:3]), None])
    assert evaluate(wrong_end, ends_home).dates == 1.0  # the right day wherever it is shown
    twice = story(PERFECT, ["w", "p", "k", "w"], [None, GOLD.stops[1].date, GOLD.stops[2].date, None])
    assert evaluate(twice, GOLD).dates == pytest.approx(2 / 4)


def test_reversed_route_lowers_order_not_stop_share() -> None:
    score = evaluate(story(PERFECT, ["k", "p", "w"]), GOLD)
    assert score.stops == 1.0 and score.order < 1.0


def test_nearby_place_under_another_name_matches_within_tolerance() -> None:
    station = place("ks", "Kyiv-Pasazhyrskyi", 50.44, 30.49, "station")
    score = evaluate(story([PERFECT[0], PERFECT[1], station, PERFECT[3]], ["w", "p", "ks", "w"]), GOLD)
    assert score.recall == 1.0 and score.stops == 1.0


def test_no_journey_scores_zero_stops() -> None:
    s = replace(story(PERFECT, []), journey=None)
    score = evaluate(s, GOLD)
    assert score.stops == 0.0 and score.order == 0.0 and score.recall == 1.0


def test_format_scores_is_a_table_with_a_mean() -> None:
    a = StoryScore(1.0, 0.5, 0.5, 1.0, 0.75, 4, 8)
    b = StoryScore(0.5, 1.0, 1.0, 0.0, 0.25, 2, 3, stop_precision=0.5, dates=0.5)
    text = format_scores([("alpha", a), ("beta-story", b)])
    lines = text.splitlines()
    assert lines[0].split() == ["story", "found", "gold", "precision", "recall", "@161km", "stops", "order",
                                "stop-prec", "dates"]
    assert lines[2].split() == ["alpha", "4", "8", "1.00", "0.50", "0.50", "1.00", "0.75", "1.00", "1.00"]
    assert lines[-1].split() == ["mean", "0.75", "0.75", "0.75", "0.50", "0.50", "0.75", "0.75"]
    assert "mean" not in format_scores([("alpha", a)])


@pytest.mark.parametrize("folder", STORIES, ids=[p.name for p in STORIES])
def test_story_folders_are_complete(folder: Path) -> None:
    gold = load_gold(folder / "gold.yaml")
    articles = sorted(folder.glob("*.txt"))
    assert 2 <= len(articles) <= 4
    for path in articles:
        head = path.read_text(encoding="utf-8").split("---")[1]
        assert "date:" in head and "language:" in head
        # Briefs to features: the retired blind sets' long feature runs past 500 words.
        assert 150 <= len(path.read_text(encoding="utf-8").split()) <= 600
    assert gold.stops and len(gold.places) >= 5
    assert {s.name for s in gold.stops} <= {p.name for p in gold.places}


def test_both_languages_are_covered() -> None:
    langs = {line.split(":")[1].strip() for p in STORIES for f in p.glob("*.txt")
             for line in f.read_text(encoding="utf-8").splitlines() if line.startswith("language:")}
    assert {"fr", "en"} <= langs and len(STORIES) >= 4


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("stops: []\n", "places"),
        ("places:\n  - {name: X, lat: 95, lon: 0}\n", "out of range"),
        ("places:\n  - {name: X, lat: 1, lon: 2, role: visited}\n", "role"),
        ("places:\n  - {lat: 1, lon: 2}\n", "needs a name"),
        ("places:\n  - {name: X, lat: north, lon: 2}\n", "number"),
        ("places: [\n", "not valid YAML"),
        ("places: []\ntolerance_km: -1\n", "tolerance_km"),
    ],
)
def test_bad_gold_is_a_one_line_error_naming_the_file(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "gold.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_gold(path)
    message = str(err.value)
    assert str(path) in message and needle in message and "\n" not in message


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_gold(tmp_path / "nope.yaml")


# Floors measured on the build of the day (round 2: mean precision 1.00, recall 0.95, @161 0.95,
# stops 1.00, order 0.92, stop precision 0.91), set a little lower so other modules' honest
# changes do not flap. Stops lowered 0.90 -> 0.85 in 0.2: the fitted weights now choose their
# threshold for precision over 38 folders by many hands (leave-one-trip-out stop precision
# 0.81 -> 0.85), which drops one low-scored stop in two of these four (mean 0.88): fitting the
# language, not these fixtures.
FLOORS = {"precision": 0.95, "recall": 0.9, "near_161": 0.9, "stops": 0.85, "order": 0.8,
          "stop_precision": 0.85}
# The floors hold for the four first tellings they were measured on; the other tellings in
# tests/data/stories/ (other hands and styles, new trips) are an untuned measure, not a floor.
TUNED = frozenset({"biden-kyiv-2023", "kim-hanoi-2019", "macron-kyiv-2022", "modi-kyiv-2024"})


@pytest.mark.slow
def test_stories_meet_floors() -> None:
    from geomap.pipeline import BuildOptions, build_story

    scores = []
    tuned = [p for p in STORIES if p.name in TUNED]
    assert len(tuned) == len(TUNED)
    for folder in tuned:
        result = build_story([folder], BuildOptions(curated=False))
        scores.append((folder.name, evaluate(result.story, load_gold(folder / "gold.yaml"))))
    table = format_scores(scores)
    for attr, floor in FLOORS.items():
        mean = sum(getattr(s, attr) for _, s in scores) / len(scores)
        assert mean >= floor, f"mean {attr} {mean:.2f} < {floor}\n{table}"
    for name, s in scores:
        assert s.precision >= 0.8 and s.recall >= 0.7, f"{name}\n{table}"


# --- tellings of one trip: paraphrase consistency and leave-one-trip-out --------------------------


def _told(*points: tuple[float, float]) -> Story:
    places = {f"p{i}": Place(id=f"p{i}", name=f"P{i}", lat=lat, lon=lon) for i, (lat, lon) in enumerate(points)}
    stops = tuple(Stop(seq=i + 1, place_id=f"p{i}") for i in range(len(points)))
    return Story(articles=(), places=places, mentions=(), resolutions={}, journey=Journey(stops=stops))


def _gold(trip: str) -> Gold:
    return Gold(places=(), stops=(), tolerance_km=25.0, trip=trip)


def test_paraphrase_consistency_compares_the_tellings_of_each_trip() -> None:
    from geomap.evaluate import consistency, format_consistency

    a, b, c = (50.0, 10.0), (51.0, 12.0), (52.0, 20.0)
    same = consistency([(_told(a, b, c), _gold("t1")), (_told(a, (51.01, 12.01), c), _gold("t1"))])
    assert same == {"t1": 1.0}
    # One telling misses a stop and swaps two: LCS 2 of the longer 3.
    other = consistency([(_told(a, b, c), _gold("t2")), (_told(c, a), _gold("t2")), (_told(a), _gold("lone"))])
    assert other["t2"] == pytest.approx(1 / 3) and "lone" not in other
    assert format_consistency({"t1": 1.0, "t2": 0.5}).startswith("paraphrase consistency: 0.75 over 2 trips")
    assert "no trip is told twice" in format_consistency({})


def test_gold_consistency_is_the_ceiling_when_tellings_name_different_stops() -> None:
    from geomap.evaluate import format_consistency, gold_consistency
    from geomap.gold import GoldStop

    a, b, c = (GoldStop("A", 50.0, 10.0), GoldStop("B", 51.0, 12.0), GoldStop("C", 52.0, 20.0))
    full = Gold(places=(), stops=(a, b, c), trip="t")
    # The second hand never mentions B: even perfect inference agrees on 2 of 3 stops.
    short = Gold(places=(), stops=(a, c), trip="t")
    assert gold_consistency([full, short, Gold(places=(), stops=(a,), trip="lone")]) == {"t": pytest.approx(2 / 3)}
    assert format_consistency({"t": 0.5}, {"t": 2 / 3}).startswith(
        "paraphrase consistency: 0.50 over 1 trips; gold itineraries' own: 0.67")


def test_gold_trip_defaults_to_the_folder_and_is_read(tmp_path: Path) -> None:
    for name, extra in (("x-b", "trip: x\n"), ("y", "")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "gold.yaml").write_text(f"{extra}places: []\n", encoding="utf-8")
    assert load_gold(tmp_path / "x-b" / "gold.yaml").trip == "x"
    assert load_gold(tmp_path / "y" / "gold.yaml").trip == "y"


@pytest.mark.slow
def test_leave_one_trip_out_scores_every_telling_and_reports_consistency() -> None:
    pytest.importorskip("sklearn")
    from geomap.evaluate import evaluate_folders
    from geomap.infer.fit import fold_of

    trips = {load_gold(p / "gold.yaml").trip for p in STORIES}
    # Three trips dealt into three different folds: with one left out, the two left to fit on in one
    # fold leave no out-of-fold rows to choose a threshold on (a clean GeomapError, not this test's
    # subject; it broke the day held-out 7's trips came first by name).
    chosen = {fold_of(t): t for t in sorted(trips, reverse=True)}
    picked = sorted(chosen.values())[:3]
    folders = [p for p in STORIES if load_gold(p / "gold.yaml").trip in picked]
    scores, consistent, ranked = evaluate_folders(folders, Path(__file__).resolve().parent.parent / "gazetteer.yaml",
                                                  loso=True)
    assert ranked is not None and ranked.places > len(folders) and 0 <= ranked.auc <= 1 and ranked.log_loss > 0
    assert [name for name, _ in scores] == [p.name for p in folders]
    assert all(0 <= s.stops <= 1 and 0 <= s.order <= 1 for _, s in scores)
    told_twice = {t for t in trips if sum(load_gold(p / "gold.yaml").trip == t for p in folders) > 1}
    assert set(consistent) == told_twice and all(0 <= v <= 1 for v in consistent.values())


def test_training_rows_read_each_article_as_its_build_kept_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # tools/fit_infer.py and eval --loso label a built story's places: outside the build's per-article
    # cache that read every article's words, evidence and time expressions again.
    import geomap.articlecache as articlecache
    from geomap.evaluate import story_rows

    outside: list[str] = []
    real = articlecache._recall

    def recall(kind: str, text: str, extra: str, decode: object) -> tuple[str | None, object]:
        found = real(kind, text, extra, decode)
        if found[0] is None:
            outside.append(kind)
        return found

    monkeypatch.setattr(articlecache, "_recall", recall)
    folder = STORIES[0]
    rows = story_rows(folder, load_gold(folder / "gold.yaml"), Path(__file__).resolve().parent.parent / "gazetteer.yaml")
    assert rows and outside == []


def test_eval_reads_each_gold_annotation_once(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from geomap.cli import main

    reads: list[str] = []
    real = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if self.name == "gold.yaml":
            reads.append(self.parent.name)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", read_text)
    assert main(["eval", str(STORIES[0]), str(STORIES[1])]) == 0
    assert sorted(reads) == sorted([STORIES[0].name, STORIES[1].name])
    assert "paraphrase consistency" in capsys.readouterr().out


def test_eval_help_says_why_a_whole_trip_is_left_out() -> None:
    from geomap.cli import make_parser

    sub = next(a for a in make_parser()._subparsers._group_actions[0].choices.values() if a.prog.endswith("eval"))
    text = " ".join(sub.format_help().split())
    assert "--loso" in text and "every telling of the held-out trip" in text


def test_eval_takes_set_folders_and_skips_what_is_no_story(tmp_path: Path) -> None:
    from geomap.evaluate import story_folders

    story_set = tmp_path / "set"
    for name in ("b-story", "a-story"):
        (story_set / name).mkdir(parents=True)
        (story_set / name / "gold.yaml").write_text("places: []\n", encoding="utf-8")
    (story_set / "README.md").write_text("about the set\n", encoding="utf-8")
    lone = tmp_path / "lone"
    lone.mkdir()
    (lone / "gold.yaml").write_text("places: []\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    folders, warnings = story_folders([story_set, story_set / "README.md", lone, tmp_path / "empty",
                                       tmp_path / "gone"])
    assert folders == [story_set / "a-story", story_set / "b-story", lone]
    assert [w.split(":")[0] for w in warnings] == [str(story_set / "README.md"), str(tmp_path / "empty"),
                                                   str(tmp_path / "gone")]
    assert "not a folder" in warnings[0] and "no gold.yaml" in warnings[1] and "no such" in warnings[2]


def test_eval_cli_warns_about_a_file_and_fails_in_one_line_with_no_story(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "README.md").write_text("not a story\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "geomap", "eval", str(tmp_path / "README.md")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines[0].startswith("warning: ") and "README.md: skipped, not a folder" in lines[0]
    assert len(lines) == 2 and "no story folder" in lines[1]
