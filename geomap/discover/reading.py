"""Discovery's first pass over each article (its words, the countries it names), cached by content with its finds."""

from __future__ import annotations

import hashlib
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..articlecache import ArticleCache
from ..model import Article
from ..parallel import each, progress_after
from ..textnorm import fold_key
from .finds import Finds, NameIndex
from .lexicon import Lexicon
from .ner import _model_version
from .spans import _runs
from .tokens import _Tok, _tokens


@dataclass(frozen=True, slots=True)
class Tokens:
    """One article's tokens, packed: ~17 bytes a token instead of an object (10,000 articles fit).

    Keys are interned, so a word repeated across the story is stored once.
    """

    starts: array
    ends: array
    keys: tuple[str, ...]
    flags: bytes  # bit 0: capitalised, bit 1: sentence-initial

    @classmethod
    def pack(cls, toks: list[_Tok]) -> Tokens:
        return cls(
            array("q", (t.start for t in toks)),
            array("q", (t.end for t in toks)),
            tuple(sys.intern(t.key) for t in toks),
            bytes(t.cap | (t.initial << 1) for t in toks),
        )

    def unpack(self) -> list[_Tok]:
        return [_Tok(s, e, k, bool(f & 1), bool(f & 2)) for s, e, k, f in zip(self.starts, self.ends, self.keys, self.flags)]


@dataclass(frozen=True, slots=True)
class Reading:
    """What discovery keeps of one article between its passes: small, so 10,000 fit."""

    lower: frozenset[str]  # keys written in lower case, not opening a sentence (the story's common words)
    initial: frozenset[str]  # keys of capitalised words opening a sentence: all the scan asks `common` about
    countries: tuple[tuple[str, int], ...]  # ISO2 code, times named
    tokens: Tokens | None = None  # kept only while the finds are still to be found
    finds: Finds | None = None  # from the cache: valid when the story's common words answer as `asked`
    asked: str = ""
    path: Path | None = None  # its cache record

    def fresh(self, common: frozenset[str]) -> bool:
        """Whether the cached finds hold for a story with these common words."""
        return self.finds is not None and self.asked == asked(self.initial, common)

    def record(self, finds: Finds, common: frozenset[str]) -> dict:
        return {"lower": sorted(self.lower), "initial": sorted(self.initial), "countries": list(self.countries),
                "asked": asked(self.initial, common), "finds": finds.record()}


def asked(initial: frozenset[str], common: frozenset[str]) -> str:
    """A digest of the answers the story's common words give an article's sentence openers."""
    return hashlib.sha256("\x1f".join(sorted(initial & common)).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def read_articles(
    articles: Sequence[Article],
    index: NameIndex,
    lex: Lexicon,
    cache: ArticleCache | None,
    ner: Sequence[bool],
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int = 1,
) -> list[Reading]:
    """Each article's reading, from its cache record when ``cache`` has one (``ner``: whether
    each article's finds include NER's, part of the record's key); the others are read by
    ``jobs`` processes."""
    paths = [cache.path(a.text, f"ner {_model_version()}" if wanted else "no ner") if cache else None
             for a, wanted in zip(articles, ner)]
    out = [_from_record(ArticleCache.read(path), path) if path is not None else None for path in paths]
    todo = [i for i, r in enumerate(out) if r is None]
    country = _CountryNames(index, lex)
    told = progress_after(progress, "reading words", len(articles) - len(todo), len(articles))
    for i, reading in zip(todo, each(lambda i: _read(articles[i], country, lex, paths[i]), todo, jobs, told)):
        out[i] = _interned(reading)
    return out  # type: ignore[return-value]


def _read(article: Article, country: _CountryNames, lex: Lexicon, path: Path | None) -> Reading:
    toks = _tokens(article.text)
    return Reading(
        frozenset(sys.intern(t.key) for t in toks if not t.cap and not t.initial),
        frozenset(t.key for t in toks if t.cap and t.initial),
        tuple(sorted(_countries(article.text, toks, country, lex).items())),
        Tokens.pack(toks), None, "", path)


def _interned(reading: Reading) -> Reading:
    """``reading`` with its words interned again (another process's come back as copies): a story
    repeats its words, and 10,000 articles' tokens must fit in memory."""
    t = reading.tokens
    if t is None:
        return reading
    return replace(reading, lower=frozenset(map(sys.intern, reading.lower)),
                   tokens=Tokens(t.starts, t.ends, tuple(map(sys.intern, t.keys)), t.flags))


def _from_record(data: dict | None, path: Path) -> Reading | None:
    if data is None:
        return None
    finds = Finds.from_record(data.get("finds"))
    try:
        countries = tuple((str(c), int(n)) for c, n in data["countries"])
        lower = frozenset(sys.intern(str(k)) for k in data["lower"])
        initial = frozenset(map(str, data["initial"]))
    except (KeyError, TypeError, ValueError):
        return None
    return Reading(lower, initial, countries, None, finds, str(data.get("asked", "")), path) if finds else None


class _CountryNames:
    """The country a name is (the lexicon's names, then GeoNames' country entries), remembered by
    folded name: a story repeats its names, and each GeoNames answer is a database query."""

    def __init__(self, index: NameIndex, lex: Lexicon) -> None:
        self.index, self.lex = index, lex
        self._codes: dict[str, str | None] = {}
        self._written: dict[str, str | None] = {}  # by the name as written: folding costs more than the look-up

    def __call__(self, name: str) -> str | None:
        if name in self._written:
            return self._written[name]
        key = fold_key(name)
        if key not in self._codes:
            code = self.lex.countries.get(key)
            if code is None:  # GeoNames answers by folded name too
                code = next((p.country for p in self.index.lookup(name) if p.kind == "country" and p.country), None)
            self._codes[key] = code
        self._written[name] = self._codes[key]
        return self._codes[key]


def _countries(text: str, toks: list[_Tok], country: _CountryNames, lex: Lexicon) -> Counter[str]:
    """How often the article names each country (GeoNames' country entries, the lexicon's names)."""
    counts: Counter[str] = Counter()
    for i, j in _runs(text, toks, lex):
        x = i
        while x < j:
            for y in range(min(j, x + 4), x, -1):
                code = country(text[toks[x].start : toks[y - 1].end])
                if code and _tail_of_name(text, toks, max(i, x - 3), x, y, country.index):
                    x = y  # "New South Wales", "New England": the end of another name
                    break
                if code:
                    counts[code] += 1
                    x = y
                    break
            else:
                x += 1
    return counts


def _tail_of_name(text: str, toks: list[_Tok], first: int, x: int, y: int, index: NameIndex) -> bool:
    """Whether tokens [x, y) end a longer name GeoNames knows, opening at one of tokens [first, x)."""
    return any(index.lookup(text[toks[w].start : toks[y - 1].end]) for w in range(first, x))


def common_words(readings: Sequence[Reading]) -> frozenset[str]:
    """Words written in lower case somewhere in the story: common words when they open a sentence."""
    return frozenset(k for r in readings for k in r.lower)


def tokens_of(article: Article, reading: Reading) -> list[_Tok]:
    return reading.tokens.unpack() if reading.tokens is not None else _tokens(article.text)


__all__ = ["Reading", "Tokens", "asked", "common_words", "read_articles", "tokens_of"]
