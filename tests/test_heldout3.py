"""Third held-out set: five trips told twice by different hands, written blind and never tuned on."""

from __future__ import annotations

from pathlib import Path

import yaml

from geomap.evaluate import load_gold

HELDOUT3 = Path(__file__).resolve().parent / "data" / "heldout3"
STORIES = sorted(p for p in HELDOUT3.iterdir() if p.is_dir())

# No score floors yet: the lead sets them from the aggregate scores. Nobody reads these
# texts or per-story scores to change code (see tests/data/heldout3/README.md).


def _front_matter(path: Path) -> tuple[dict, str]:
    parts = path.read_text(encoding="utf-8").split("---", 2)
    assert parts[0] == "" and len(parts) == 3, f"{path.name}: no front matter"
    return yaml.safe_load(parts[1]), parts[2]


def _trip(folder: Path) -> str:
    return yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))["trip"]


def _language(folder: Path) -> str:
    languages = {_front_matter(a)[0]["language"] for a in folder.glob("*.txt")}
    assert len(languages) == 1, folder.name
    return languages.pop()


def test_every_heldout3_story_has_articles_and_gold_with_stops() -> None:
    assert len(STORIES) == 10
    for folder in STORIES:
        articles = sorted(folder.glob("*.txt"))
        assert 2 <= len(articles) <= 4, folder.name
        for article in articles:
            meta, body = _front_matter(article)
            assert {"title", "date", "source", "language"} <= set(meta), article.name
            assert "synthetic" in meta["source"], article.name
            words = len(body.split())
            assert 150 <= words <= 600, f"{folder.name}/{article.name}: {words} words"
        gold = load_gold(folder / "gold.yaml")
        assert gold.stops, folder.name
        # Every gold stop is a gold place of role stop, so place and stop scores agree on names.
        stop_places = {p.name for p in gold.places if p.role == "stop"}
        assert {s.name for s in gold.stops} <= stop_places, folder.name


def test_heldout3_trips_come_in_pairs_told_by_different_hands() -> None:
    tellings: dict[str, list[Path]] = {}
    for folder in STORIES:
        trip = _trip(folder)
        assert folder.name in (f"{trip}-a", f"{trip}-b"), folder.name
        tellings.setdefault(trip, []).append(folder)
    assert len(tellings) == 5 and all(len(pair) == 2 for pair in tellings.values())
    styles = {folder.name: {_front_matter(a)[0]["source"] for a in folder.glob("*.txt")} for folder in STORIES}
    assert all(styles[a.name] != styles[b.name] for a, b in tellings.values())
    bilingual = [trip for trip, (a, b) in tellings.items() if _language(a) != _language(b)]
    assert len(bilingual) >= 2
    languages = [_language(folder) for folder in STORIES]
    assert languages.count("fr") == languages.count("en") == 5


def test_heldout3_is_disjoint_from_the_other_story_sets() -> None:
    data = HELDOUT3.parent
    others = {p.name for d in ("stories", "heldout", "heldout2") for p in (data / d).iterdir() if p.is_dir()}
    assert others and not others & {p.name for p in STORIES}
