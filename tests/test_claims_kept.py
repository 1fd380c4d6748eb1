"""What the claims stage keeps per article (the evidence sentences' times, how many figures a text writes): read back as computed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_claims import story_of

from geomap.articlecache import keeping
from geomap.claims import check_story
from geomap.claims.extract import FIGURES
from geomap.claims.times import KIND

FR = ({"a.txt": "Le président a quitté Lyon dimanche après-midi. Il a rejoint Genève.",
       "b.txt": "Parti dimanche soir de Lyon, il a gagné Genève."},
      """
stops:
  - place: lyon
    date: 2024-05-05
    evidence:
      - {article: a, quote: "Le président a quitté Lyon dimanche après-midi"}
      - {article: b, quote: "Parti dimanche soir de Lyon, il a gagné Genève"}
  - place: geneva
    date: 2024-05-05
    evidence:
      - {article: b, quote: "Parti dimanche soir de Lyon, il a gagné Genève"}
""", """
    a.txt: {date: 2024-05-07, language: fr}
    b.txt: {date: 2024-05-08, language: fr}
""")
EN = ({"a.txt": "The president arrived in Geneva on Wednesday evening. He left Lyon.",
       "b.txt": "The president reached Geneva on Wednesday morning, after Lyon."},
      """
stops:
  - place: lyon
    date: 2024-05-07
    evidence:
      - {article: b, quote: "The president reached Geneva on Wednesday morning, after Lyon"}
  - place: geneva
    date: 2024-05-08
    evidence:
      - {article: a, quote: "The president arrived in Geneva on Wednesday evening"}
      - {article: b, quote: "The president reached Geneva on Wednesday morning, after Lyon"}
""", """
    a.txt: {date: 2024-05-09, language: en}
    b.txt: {date: 2024-05-09, language: en}
""")


@pytest.mark.parametrize("told", [FR, EN], ids=["fr", "en"])
def test_evidence_times_kept_per_article_give_what_parsing_gives(tmp_path: Path, told: tuple) -> None:
    texts, journey, meta = told
    story = story_of(tmp_path, texts, journey=journey, meta=meta)
    parsed = check_story(story, jobs=1).disagreements  # no build running: nothing kept
    assert [d.kind for d in parsed] == ["part of day"]
    cache = tmp_path / "cache"
    with keeping(cache):
        cold = check_story(story, jobs=1).disagreements
    records = sorted((cache / "articles" / KIND).rglob("*.json"))
    # One record per article quoted; a sentence two stops quote is in it once.
    assert sorted(len(json.loads(r.read_text(encoding="utf-8"))["texts"]) for r in records) == [1, 1]
    with keeping(cache):
        warm = check_story(story, jobs=1).disagreements
    assert cold == warm == parsed

    for r in records:  # read back, not parsed again: with no times kept, nothing disagrees
        r.write_text(json.dumps({"texts": [[]]}), encoding="utf-8")
    with keeping(cache):
        assert check_story(story, jobs=1).disagreements == ()
    for r in records:  # a damaged record is parsed again
        r.write_text('{"texts": [[["x"]]]}', encoding="utf-8")
    with keeping(cache):
        assert check_story(story, jobs=1).disagreements == parsed


@pytest.mark.parametrize("text", [
    "Le ministre a passé la matinée à Londres. Il a rejoint Oxford, à 90 km de Londres. Puis Bordeaux.",
    "The minister spent the morning in London. She then went on to Oxford, about 50 miles north-west of London.",
], ids=["fr", "en"])
def test_articles_with_no_figure_are_not_read_again(tmp_path: Path, text: str) -> None:
    story = story_of(tmp_path, {"a.txt": text, "b.txt": "Rien à Lyon ce jour-là.", "c.txt": "Nothing in Paris."})
    plain = check_story(story, jobs=1).claims
    assert [c.place_id for c in plain] == ["oxford"]
    cache = tmp_path / "cache"
    with keeping(cache):
        assert check_story(story, jobs=1).claims == plain
    records = {json.loads(r.read_text(encoding="utf-8"))["figures"] for r in (cache / "articles" / FIGURES).rglob("*.json")}
    assert len(list((cache / "articles" / FIGURES).rglob("*.json"))) == 3 and records == {0, 1}
    with keeping(cache):
        assert check_story(story, jobs=1).claims == plain
    for r in (cache / "articles" / FIGURES).rglob("*.json"):  # read back: an article said to write none is skipped
        r.write_text('{"figures": 0}', encoding="utf-8")
    with keeping(cache):
        assert check_story(story, jobs=1).claims == ()
    for r in (cache / "articles" / FIGURES).rglob("*.json"):  # a damaged record: the article is read again
        r.write_text('{"figures": "x"}', encoding="utf-8")
    with keeping(cache):
        assert check_story(story, jobs=1).claims == plain
