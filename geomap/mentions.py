"""Find place names in article text with one Aho-Corasick automaton over folded names."""

from __future__ import annotations

import hashlib
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from .articlecache import remembered
from .articles import split_sentences
from .langdata import elisions, function_words
from .model import Article, Mention
from .textnorm import JOINING_HYPHENS, Folded, fold, fold_key


@dataclass(frozen=True, slots=True)
class Match:
    """A name found in a text: ``text[start:end]`` is the surface form, ``key`` its folded form."""

    start: int
    end: int
    key: str
    ids: tuple[str, ...]  # every place the name may denote (more than one: ambiguous)


class Matcher:
    """Leftmost-longest, word-bounded matching of many names (a million is fine) in folded text.

    ``entries`` are ``(name or alias, place_id)`` pairs; names that fold to the same key share
    it, keeping every place id in first-seen order. With ``reference=True`` (a dataset such as
    GeoNames, not a curated gazetteer) names that fold to a function word ("La", "En", "A" are
    GeoNames alternate names) never enter the automaton: matching is case-blind, so they
    would match that word everywhere (11.9 M raw hits on 10 MB of news).
    """

    def __init__(self, entries: Iterable[tuple[str, str]], *, reference: bool = False) -> None:
        # Each value is [key length, *place ids]: the key itself is the matched folded text, so
        # storing it again would cost a string per name. Lists grow in place: a popular name
        # ("San José", hundreds of GeoNames ids) must not be copied for every id it gains.
        self._automaton = ahocorasick.Automaton()
        common = function_words() if reference else frozenset()
        digest = hashlib.sha256(b"reference" if reference else b"")
        for name, place_id in entries:
            digest.update(f"{name}\x1f{place_id}\x1e".encode("utf-8", "surrogatepass"))
            key = fold_key(name)
            # A key with no letter or digit ("-", "'") would match punctuation everywhere.
            if key in common or not any(c.isalnum() for c in key):
                continue
            current = self._automaton.get(key, None)
            if current is None:
                self._automaton.add_word(key, [len(key), place_id])
            else:
                current.append(place_id)
        for value in self._automaton.values():
            if len(value) > 2:
                value[1:] = dict.fromkeys(value[1:])  # drop repeated ids, keep first-seen order
        self._ready = len(self._automaton) > 0
        if self._ready:
            self._automaton.make_automaton()
        self._elisions = elisions()
        #: The names and ids matched: with the code's version, the key of each article's kept matches.
        self.digest = digest.hexdigest()

    def __len__(self) -> int:
        """Number of distinct folded keys."""
        return len(self._automaton)

    def lookup(self, name: str) -> tuple[str, ...]:
        """The place ids a name (folded like the text) denotes; empty when unknown."""
        value = self._automaton.get(fold_key(name), None)
        return tuple(value[1:]) if value is not None else ()

    def scan(self, text: str) -> list[Match]:
        """All non-overlapping name occurrences in ``text``, leftmost-longest, in text order; during a
        build, kept per article text and names (articlecache): a rebuild reads them."""
        if not self._ready or not text:
            return []
        return remembered("matches", text, self.digest,
                          lambda: {"matches": [[m.start, m.end, m.key, *m.ids] for m in self._scan(text)]},
                          lambda record: [Match(int(m[0]), int(m[1]), str(m[2]), tuple(map(str, m[3:])))
                                          for m in record["matches"]])

    def _scan(self, text: str) -> list[Match]:
        folded = fold(text)
        ft = folded.text
        # Most raw hits lie inside longer words ("ore" in "more"): drop those by two lookups
        # before the full boundary test. starts[i]: ft[i - 1] is no letter or digit; ends[i]: ft[i] is none.
        # Built from one byte per character (0: a letter or digit) by C-speed whole-string steps; a
        # slice assignment per word was a tenth of a warm build. starts[i] is 0 inside a word only.
        mask = ft.translate({ord(ch): "\0" if ch.isalnum() else "\1" for ch in set(ft)}).encode("latin-1")
        ends = mask + b"\1"
        starts = (int.from_bytes(b"\1" + mask, "big") | int.from_bytes(ends, "big")).to_bytes(len(ends), "big")
        hits: list[tuple[int, int, tuple[str, ...]]] = []
        for last, value in self._automaton.iter(ft):
            end = last + 1
            start = end - value[0]
            if starts[start] and ends[end] and self._bounded(folded, text, start, end):
                hits.append((start, end, value))
        # Leftmost first, the longest of those; anything overlapping a chosen match is dropped.
        hits.sort(key=lambda h: (h[0], -h[1]))
        matches: list[Match] = []
        taken = 0
        for start, end, value in hits:
            if start < taken:
                continue
            taken = end
            original_start, original_end = folded.span(start, end)
            matches.append(Match(original_start, original_end, folded.text[start:end], tuple(value[1:])))
        return matches

    def _bounded(self, folded: Folded, text: str, start: int, end: int) -> bool:
        """Whether folded ``[start, end)`` is a whole word sequence, not part of a longer word."""
        ft, offsets = folded.text, folded.offsets
        # Never cut one original character's expansion ("œ" -> "oe") in two.
        if (start > 0 and offsets[start - 1] == offsets[start]) or offsets[end - 1] == offsets[end]:
            return False
        if start > 0:
            before = ft[start - 1]
            if before.isalnum():
                return False
            if before == "'" and not self._elided(ft, start - 1):
                return False
            if before == " " and _joined(ft, text, offsets, start - 1):
                return False
        if end < len(ft):
            after = ft[end]
            if after.isalnum():
                return False
            if after == " " and _joined(ft, text, offsets, end):
                return False
        return True

    def _elided(self, ft: str, apostrophe: int) -> bool:
        """An apostrophe before a name is fine after an elided word ("d'", "qu'") or alone."""
        p = apostrophe
        while p > 0 and ft[p - 1].isalnum():
            p -= 1
        word = ft[p:apostrophe]
        # No word: the apostrophe is a quotation mark. Any other word: "O'Brien", "aujourd'hui".
        return not word or word in self._elisions


def _joined(ft: str, text: str, offsets: tuple[int, ...], space: int) -> bool:
    """Whether folded space ``space`` was one hyphen joining two word characters ("Jong-un")."""
    original = offsets[space]
    if text[original] not in JOINING_HYPHENS or offsets[space + 1] != original + 1:
        return False
    return space > 0 and space + 1 < len(ft) and ft[space - 1].isalnum() and ft[space + 1].isalnum()


def find_mentions(articles: Sequence[Article], matcher: Matcher,
                  progress: Callable[[int, int], None] | None = None) -> list[Mention]:
    """Every name occurrence in ``articles``, in article order then text order; ``progress(done,
    total)`` hears each article."""
    mentions: list[Mention] = []
    for done, article in enumerate(articles, start=1):
        sentences = article.sentences or split_sentences(article.text)
        starts = [s.start for s in sentences]
        for match in matcher.scan(article.text):
            i = max(bisect_right(starts, match.start) - 1, 0)
            mentions.append(
                Mention(
                    article_id=article.id,
                    sentence=sentences[i].index if sentences else 0,
                    start=match.start,
                    end=match.end,
                    surface=sys.intern(article.text[match.start : match.end]),  # one copy of each name a story repeats
                    # An ambiguous alias is left for the resolver to decide.
                    place_id=match.ids[0] if len(match.ids) == 1 else None,
                    key=sys.intern(match.key),
                )
            )
        if progress is not None:
            progress(done, len(articles))
    return mentions
