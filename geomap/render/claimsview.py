"""The checked claims and the articles' disagreements, for the map's JSON and for claims.csv."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from ..claims import compass_point, say
from ..claims.disagree import value_parts
from ..claims.lexicon import data as claim_data
from ..claims.lexicon import say_parts
from ..model import Article, Claim, Disagreement, Evidence, Story
from .safe import clip, excerpt_marks
from .wording import article_label, labels_for

CLAIMS_CSV_NAME = "claims.csv"
CLAIMS_CSV_HEADER = (
    "article", "sentence", "start", "end", "place", "place_text", "anchor", "anchor_text",
    "claimed_km", "figure", "hedge", "direction", "geodesic_km", "bearing", "route_km",
    "deviation_pct", "verdict", "uncertain", "notes",
)
_TEXT_LIMIT = 600
_NAME_LIMIT = 300
# Spreadsheets execute a cell starting with these as a formula (OWASP "CSV injection").
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _name(story: Story, place_id: str | None) -> str:
    place = story.places.get(place_id) if place_id else None
    return place.name if place is not None else ""


def _article(story: Story, article_id: str) -> Article | None:
    """The article, looked up by id (a scan per claim grew with articles × claims)."""
    try:
        return story.article(article_id)
    except KeyError:
        return None


def _km(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else ""


def claims_csv(story: Story) -> str:
    """One row per claim (header first), in article and text order; formula-safe cells."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CLAIMS_CSV_HEADER)
    for c in story.claims:
        dev = c.deviation_pct
        writer.writerow((
            _cell(c.article_id), c.sentence, c.start, c.end,
            _cell(_name(story, c.place_id)), _cell(c.place_text), _cell(_name(story, c.anchor_id)), _cell(c.anchor_text),
            _km(c.claimed_km), _cell(c.figure), c.hedge,
            compass_point(c.direction) if c.direction is not None else "",
            _km(c.geodesic_km), f"{c.bearing:.0f}" if c.bearing is not None else "", _km(c.route_km),
            f"{dev:+.1f}" if dev is not None else "", c.verdict, "true" if c.uncertain else "false",
            _cell(" | ".join(say(n) for n in c.notes)),
        ))
    return buf.getvalue()


def _labels(lang: str) -> dict[str, str]:
    table = claim_data()["labels"]
    return {**table["en"], **table.get(lang, {})}


def _quote(story: Story, article_id: str, sentence_start: int, text: str, marks: list[tuple[int, int]],
           labels: Mapping[str, str]) -> dict[str, Any]:
    article = _article(story, article_id)
    quote, kept = excerpt_marks(text, [(s - sentence_start, e - sentence_start) for s, e in marks])
    return {
        "article": clip(article_label(article, labels) if article else article_id, _NAME_LIMIT),
        "text": quote,
        "marks": [list(m) for m in kept],
    }


def _claim(story: Story, c: Claim, lang: str, labels: Mapping[str, str]) -> dict[str, Any]:
    article = _article(story, c.article_id)
    lo = article.sentences[c.sentence].start if article and 0 <= c.sentence < len(article.sentences) else c.start
    dev = c.deviation_pct
    return {
        "place": c.place_id,
        # A place the map could not name is shown in the article's own words, marked as such.
        "place_name": clip(_name(story, c.place_id) or c.place_text, _NAME_LIMIT),
        "place_quoted": not _name(story, c.place_id),
        "anchor_name": clip(_name(story, c.anchor_id) or c.anchor_text, _NAME_LIMIT),
        "anchor_quoted": not _name(story, c.anchor_id),
        "figure": clip(c.figure, _NAME_LIMIT),
        "direction": clip(c.direction_text, _NAME_LIMIT),
        "claimed_km": round(c.claimed_km, 1),
        "geodesic_km": round(c.geodesic_km, 1) if c.geodesic_km is not None else None,
        "bearing": round(c.bearing) if c.bearing is not None else None,
        "compass": compass_point(c.bearing, lang) if c.bearing is not None else None,
        "route_km": round(c.route_km, 1) if c.route_km is not None else None,
        "deviation": round(dev) if dev is not None else None,
        "verdict": c.verdict,
        "uncertain": c.uncertain,
        # Pieces [text, is the article's words]: the page marks quoted words as the article's.
        "notes": [[[clip(text, _TEXT_LIMIT), quoted] for text, quoted in say_parts(n, lang)] for n in c.notes],
        "quote": _quote(story, c.article_id, lo, clip(c.quote, 2000), [(c.start, c.end)], labels),
    }


def _side(story: Story, ev: Evidence, value: str, labels: Mapping[str, str]) -> dict[str, Any]:
    date, words = value_parts(value)
    return {**_quote(story, ev.article_id, ev.start, ev.text, [], labels), "date": date or None,
            "words": clip(words, _NAME_LIMIT)}


def _disagreement(story: Story, d: Disagreement, labels: Mapping[str, str]) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "place": d.place_id,
        "place_name": clip(_name(story, d.place_id) or d.place_id, _NAME_LIMIT),
        "stop": d.stop,
        "first": _side(story, d.first, d.first_value, labels),
        "second": _side(story, d.second, d.second_value, labels),
    }


def claims_payload(story: Story) -> dict[str, Any]:
    """The ``claims`` key of the map's JSON: words in the page's language, claims, disagreements."""
    lang = story.lang if story.lang in claim_data()["labels"] else "en"
    labels = labels_for(story.lang)
    return {
        "labels": _labels(lang),
        "thousands": labels.get("thousands", ","),
        "items": [_claim(story, c, lang, labels) for c in story.claims],
        "disagreements": [_disagreement(story, d, labels) for d in story.disagreements],
    }
