"""Sequence cues: the words that fix a stop's place in the trip ("flew back to X", "X, the final stop")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..articlecache import remembered
from ..langdata import alternation, package_yaml, section_phrases
from ..model import Article
from ..textnorm import fold

#: A "last leg" sorts after every ranked leg.
LAST = 1000
RANKS = {"first": 1, "second": 2, "third": 3, "last": LAST}
#: Words a "back to"/"began in"/"from" phrase may have between it and its place ("back in Kyiv", "from the X").
GAP_WORDS = 1
#: Time words between "began" and its locative ("began Sunday night at X").
TIME_WORDS = 3
#: Words a trip word may come after "ending"/"start of" ("ending a three-day tour").
TRIP_GAP = 5
#: Words before a leg phrase that still opens its sentence ("The final stop", "Première étape").
LEAD_WORDS = 2
#: What parts a cue from its place: a comma too ("Depuis, X est son port d'attache" is "since then", no origin).
_BREAK = re.compile(r"[.,;:!?()\[\]«»\"“”\n]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Mark:
    """What the cues around one place mention say: a return, the trip's start, or the leg's rank."""

    back: bool = False
    began: bool = False
    origin: bool = False  # right after "from"/"depuis": where a move starts
    rank: int = 0  # 1 first, 2 second, …, LAST; 0 when untold
    nightly: bool = False  # a base come back to each night ("returning each night to X", "X, son port d'attache")


@dataclass(frozen=True)
class Cues:
    """The compiled cues of one language (or all), over folded text: one pattern, a named group per
    cue ("back", "began", "origin" before a place; "rank<N>" after it), read in one pass."""

    pattern: re.Pattern[str]
    scoped: re.Pattern[str]  # right after a leg phrase: the rank is within a part of the trip


@lru_cache(maxsize=1)
def sequence_data() -> dict[str, Any]:
    """The parsed geomap/data/sequence.yaml."""
    return package_yaml("sequence.yaml", "sequence words",
                        ("back", "began", "began_at", "boarded", "origin", "origin_verbs", "origin_time", "origin_from", "legs",
                         "starting", "ending", "trip_words", "scoped", "nightly", "base"))


@lru_cache(maxsize=8)
def cues(language: str | None) -> Cues:
    """The cue patterns for ``language`` (all languages when it has none of its own)."""
    data = sequence_data()

    def words(section: str, sub: str | None = None) -> str:
        return alternation(section_phrases(data[section][sub] if sub else data[section], language))

    # The verb or phrase, up to TRIP_GAP words, then a trip word: "wrapping up the envoy's long spring tour".
    gap = rf"\W*(?:\w+\W+){{0,{TRIP_GAP}}}?"
    groups = {
        "nightly": words("nightly"),  # before "back": "returning each night to X" is both
        "back": words("back"),
        "began": words("began") + rf"\W+(?:\w+\W+){{0,{TIME_WORDS}}}?" + words("began_at"),
        "origin": words("origin"),
        # "Boarding his flight at X": X is where the move starts.
        "origin_boarded": words("boarded") + rf"\W+(?:\w+\W+){{0,{TIME_WORDS}}}?" + words("began_at"),
        # "Arrivé samedi soir de X": an arrival verb, a few words of time, then where it came from.
        "origin_late": words("origin_verbs") + rf"\W+(?:(?:{words('origin_time')}|\d+)\W+){{1,{TIME_WORDS}}}"
                       + words("origin_from"),
        **{f"rank{RANKS[name]}": words("legs", name) for name in RANKS},
        "base": words("base"),  # after its place, as a leg phrase: "X est son port d'attache"
        f"rank{LAST}_ending": words("ending") + gap + words("trip_words"),
        "rank1_starting": words("starting") + gap + words("trip_words"),
    }
    body = "|".join(f"(?P<{name}>{pattern})" for name, pattern in groups.items())
    scoped = re.compile(r"\W+" + words("scoped") + r"(?!\w)")
    return Cues(re.compile(r"(?<!\w)(?:" + body + r")(?:(?<=')|(?!\w))"), scoped)


def marks(articles: Sequence[Article], mentions: Iterable[tuple[int, int, int]]) -> dict[tuple[int, int], Mark]:
    """The cue marks of place ``mentions`` given as (article index, start, end): by (article index,
    start); unmarked mentions are absent. Every placed mention counts, kept or not: "quitté X pour
    les îles Y, dernière étape" marks Y, never X."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for ai, start, end in mentions:
        spans.setdefault(ai, []).append((start, end))
    out: dict[tuple[int, int], Mark] = {}
    for ai, places in spans.items():
        for start, mark in _article_marks(articles[ai], sorted(set(places))).items():
            out[(ai, start)] = mark
    return out


def _article_marks(article: Article, places: list[tuple[int, int]]) -> dict[int, Mark]:
    """Cues are read only in the sentences that name a place: a cue and its place share a sentence."""
    starts = [s for s, _ in places]
    named = {article.sentence_at(p).start for p in starts}
    found: dict[int, dict[str, int]] = {}  # place start -> cue kind -> rank (or 1)
    for sentence, kind, rank, offset in _sentence_cues(article):
        if sentence not in named:
            continue
        if kind in ("rank", "base"):
            at = _leg_place(article, places, starts, offset)
        else:
            at = _place_after(article.text, places, starts, offset)
        if at is not None:
            found.setdefault(at, {}).setdefault(kind, rank)
    return {at: Mark("back" in k or "nightly" in k, "began" in k, "origin" in k, k.get("rank", 0),
                     "nightly" in k or "base" in k) for at, k in found.items()}


def _sentence_cues(article: Article) -> list[tuple[int, str, int, int]]:
    """Every cue of every sentence, in text order: (sentence start, kind, rank or 1, the offset a
    leg phrase starts or another cue ends at). Kept per article by content (articlecache): which
    place a cue marks depends on the story's places, the cues themselves on the text alone."""
    return remembered("marks", *marks_key(article),
                      lambda record: [(int(s), str(k), int(r), int(o)) for s, k, r, o in record["cues"]])


def marks_key(article: Article) -> tuple[str, str, Callable[[], dict]]:
    """The text, the rest of the key and the computation of an article's ``marks`` cache record."""
    bounds = ",".join(f"{s.start}:{s.end}" for s in article.sentences)
    return article.text, f"{article.language}\x1f{bounds}", lambda: {"cues": [list(c) for c in _cues_of(article)]}


def _cues_of(article: Article) -> Iterator[tuple[int, str, int, int]]:
    c = cues(article.language)
    for s in article.sentences:
        f = fold(article.text[s.start : s.end])
        for m in c.pattern.finditer(f.text):
            kind = m.lastgroup or ""
            if kind == "base":
                yield s.start, kind, 1, s.start + f.offsets[m.start()]
            elif not kind.startswith("rank"):
                yield s.start, kind.split("_")[0], 1, s.start + f.offsets[m.end()]
            elif not c.scoped.match(f.text, m.end()):  # "its last stop on Chinese soil": a part of the trip
                yield s.start, "rank", int(kind[4:].split("_")[0]), s.start + f.offsets[m.start()]


def _place_after(text: str, places: list[tuple[int, int]], starts: list[int], at: int) -> int | None:
    """The place starting right after offset ``at`` (at most GAP_WORDS words and no break between)."""
    i = bisect_left(starts, at)
    if i == len(places):
        return None
    gap = text[at : places[i][0]]
    return places[i][0] if not _BREAK.search(gap) and len(_WORD.findall(gap)) <= GAP_WORDS else None


def _leg_place(article: Article, places: list[tuple[int, int]], starts: list[int], at: int) -> int | None:
    """The place a leg phrase at ``at`` names: the nearest before it in its sentence ("X, the final
    stop"), else, when the phrase opens its sentence, the first after it ("The final stop is X")."""
    s = article.sentence_at(at)
    i = bisect_right(starts, at)
    if i and places[i - 1][0] >= s.start and places[i - 1][1] <= at:
        return places[i - 1][0]
    opening = len(_WORD.findall(article.text[s.start : at])) <= LEAD_WORDS  # "The final stop … is X"
    if opening and i < len(places) and places[i][0] < s.end:
        return places[i][0]
    return None
