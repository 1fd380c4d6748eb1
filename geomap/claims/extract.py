"""Find the distances (and directions) articles state between a place and an anchor place."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..articlecache import prepare, recalled
from ..model import Article, Mention, Place
from ..parallel import each
from ..textnorm import Folded, fold, fold_key
from .lexicon import Lexicon, data, lexicon, lookup, parse_number

# Punctuation that ends the words an anchor may be made of.
_ANCHOR_END = re.compile(r"[.,;:!?()\[\]\"«»“”]|\n\s*\n")
# Between "de"/"from" and the anchor's name: a few plain words, no punctuation ("de la ville de").
_NAME_GAP = re.compile(r"[ \w'’-]{0,40}")


@dataclass(frozen=True)
class Found:
    """A claim as written: who is where, how far from what; places as ids when the text names them."""

    article: Article
    sentence: int
    start: int
    end: int
    place_id: str | None
    place_text: str
    antecedent_of: str | None  # the words an antecedent ("la ville") was resolved through
    anchor_id: str | None
    anchor_text: str
    claimed_km: float
    figure: str
    hedge: str
    direction: float | None
    direction_text: str


@dataclass(frozen=True)
class _Text:
    article: Article
    folded: Folded
    mentions: tuple[Mention, ...]
    lex: Lexicon
    language: str | None

    def span(self, m: re.Match[str], group: str | int = 0) -> tuple[int, int]:
        start, end = self.folded.span(m.start(group), m.end(group))
        text = self.article.text
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end


def find_claims(articles: Sequence[Article], mentions: Sequence[Mention], places: Mapping[str, Place],
                jobs: int = 1) -> list[Found]:
    """Every distance claim in ``articles``, in article and text order; ``jobs`` processes read them.
    How many figures each article writes is kept in the article cache: a rebuild reads only those
    that write one (most state no distance; folding every text cost ≈ 1 ms an article)."""
    by_article: dict[str, list[Mention]] = {}  # grouped once: not the story's mentions per article
    for m in mentions:
        by_article.setdefault(m.article_id, []).append(m)

    def claims_in(i: int) -> list[Found]:
        article = articles[i]
        lang = article.language  # unknown: every language's words (the page language says nothing)
        own = tuple(sorted(by_article.get(article.id, ()), key=lambda m: m.start))
        text = _Text(article, fold(article.text), own, lexicon(lang), lang)
        figures = list(text.lex.figure.finditer(text.folded.text))
        prepare(FIGURES, article.text, repr(lang), lambda: {"figures": len(figures)})
        return [found for m in figures if (found := _claim(text, m, places)) is not None]

    counts = [recalled(FIGURES, a.text, repr(a.language), _figures) for a in articles]
    todo = [i for i, n in enumerate(counts) if n != 0]  # None: not kept yet
    return [found for claims in each(claims_in, todo, jobs, renew=True) for found in claims]


#: The article-cache kind of how many distance figures an article writes.
FIGURES = "claim_figures"


def _figures(record: dict) -> int:
    n = record["figures"]
    if not isinstance(n, int) or n < 0:
        raise ValueError("not a count")
    return n


def _claim(t: _Text, m: re.Match[str], places: Mapping[str, Place]) -> Found | None:
    start, end = t.span(m)
    sentence = t.article.sentence_at(start) if t.article.sentences else None
    lo = sentence.start if sentence else 0
    hi = sentence.end if sentence else len(t.article.text)
    km = _kilometres(t, m)
    if km is None or km <= 0:
        return None
    anchor = _anchor(t, m, end, hi)
    if anchor is None:
        return None
    anchor_mention, anchor_text, anchor_end = anchor
    subject = _subject(t, m, start, lo, places, anchor_mention)
    if subject is None:
        return None
    place_id, place_text, antecedent_of, subject_start = subject
    hedge = lookup(t.lex.hedges, m["hedge"]) if m["hedge"] else "none"
    if m["word"] and hedge == "none":
        hedge = "about"  # "une centaine de kilomètres" is itself approximate
    figure_start = t.span(m, "hedge")[0] if m["hedge"] else t.span(m, "num" if m["num"] else "word")[0]
    direction = lookup(t.lex.directions, m["dir"]) if m["dir"] else None
    return Found(
        article=t.article,
        sentence=sentence.index if sentence else 0,
        start=subject_start,
        end=max(anchor_end, end),
        place_id=place_id,
        place_text=place_text,
        antecedent_of=antecedent_of,
        anchor_id=anchor_mention.place_id if anchor_mention else None,
        anchor_text=anchor_text,
        claimed_km=km,
        figure=t.article.text[figure_start : t.span(m, "unit")[1]],
        hedge=hedge,
        direction=float(direction) if direction is not None else None,
        direction_text=t.article.text[slice(*t.span(m, "dir"))] if m["dir"] else "",
    )


def _kilometres(t: _Text, m: re.Match[str]) -> float | None:
    value = parse_number(m["num"], t.language) if m["num"] else float(lookup(t.lex.number_words, m["word"]))
    if value is None:
        return None
    return value * float(lookup(t.lex.units, m["unit"]))


def _anchor(t: _Text, m: re.Match[str], end: int, hi: int) -> tuple[Mention | None, str, int] | None:
    """The anchor's mention (None if unnamed or not a place name), its words and end offset.

    None when the words after "de"/"from" are no anchor at all ("1 000 km de voies").
    """
    if m["dir"] and not m["dlink"]:
        return None, "", end  # "60 miles to the east": the anchor goes unnamed
    text = t.article.text
    for mention in t.mentions:
        if mention.start >= end and mention.start <= hi:
            if _NAME_GAP.fullmatch(text[end : mention.start]) and len(text[end : mention.start].split()) <= 3:
                return mention, mention.surface, mention.end
            break
    after = text[end:hi]
    cut = _ANCHOR_END.search(after)
    words = (after[: cut.start()] if cut else after).split()[:4]
    if not words:
        return None
    first = fold_key(words[0])
    elided = first.split("'")[0] + "'" if "'" in first else None
    if first in t.lex.determiners or elided in t.lex.determiners or words[0][:1].isupper():
        phrase = " ".join(words)
        return None, phrase, end + after.find(words[-1]) + len(words[-1])
    return None


def _subject(
    t: _Text, m: re.Match[str], start: int, lo: int, places: Mapping[str, Place], anchor: Mention | None
) -> tuple[str | None, str, str | None, int] | None:
    """(place id, words naming it, antecedent words or None, start offset) of the place the claim is about."""
    text = t.article.text
    before = [x for x in t.mentions if lo <= x.start and x.end <= start]
    last = before[-1] if before else None
    antecedent = None
    seg = fold(text[lo:start])
    for a in t.lex.antecedent.finditer(seg.text):
        antecedent = a
    if antecedent is not None:
        a_start, a_end = (lo + i for i in seg.span(antecedent.start(), antecedent.end()))
        if last is None or a_start >= last.end:
            if not _position_gap(t, text[a_end:start]):
                return None
            kinds = t.lex.antecedents.get(_pattern_key(t, antecedent.group(0)), ())
            place = _antecedent_place(t, a_start, places, kinds, anchor)
            words = text[a_start:a_end]
            if place is None:
                return None, words, words, a_start
            return place.place_id, words, words, a_start
    if last is None or not _position_gap(t, text[last.end : start]):
        return None
    return last.place_id, last.surface, None, last.start


def _pattern_key(t: _Text, folded_words: str) -> str:
    for pattern in t.lex.antecedents:
        if re.fullmatch(pattern, folded_words):
            return pattern
    return ""


def _position_gap(t: _Text, gap: str) -> bool:
    return t.lex.position_gap.fullmatch(fold(gap).text) is not None


def _antecedent_place(
    t: _Text, at: int, places: Mapping[str, Place], kinds: tuple[str, ...], anchor: Mention | None
) -> Mention | None:
    """The latest mention before ``at`` in this sentence or the previous one that can be the antecedent."""
    here = t.article.sentence_at(at).index if t.article.sentences else 0
    for mention in reversed([x for x in t.mentions if x.end <= at and x.sentence in (here, here - 1)]):
        place = places.get(mention.place_id) if mention.place_id else None
        if place is None or (anchor is not None and mention.place_id == anchor.place_id):
            continue
        if not kinds or place.kind in kinds:
            return mention
    return None


def area_kinds() -> frozenset[str]:
    """Kinds too large for a centre-to-centre distance to mean anything."""
    return frozenset(str(k) for k in data()["area_kinds"])
