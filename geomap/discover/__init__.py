"""Discovery of place names the gazetteer lacks: capitalised spans known to GeoNames, plus French NER."""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..articlecache import ArticleCache
from ..geocoders.base import default_cache_dir
from ..geocoders.geonames import world_city
from ..geocoders.regions import us_state
from ..model import Article, Mention, Place
from ..parallel import each, progress_after
from .finds import Finder, Finds, NameIndex
from .hints import kind_hints
from .lexicon import Lexicon, _words, load_lexicon
from .ner import _ner_spans, _ner_wanted, named_people, ner_available
from .qualifiers import near, near_points, qualifiers, states_named
from .reading import Reading, common_words, read_articles, tokens_of
from .spans import kind_hint

__all__ = [
    "Lexicon", "NameIndex", "Reading", "countries_named", "discover_mentions", "kind_hint", "kind_hints", "load_lexicon",
    "named_people", "near", "near_points", "ner_available", "qualifiers", "read_articles_for", "states_named",
]


def read_articles_for(
    articles: Sequence[Article],
    index: NameIndex,
    *,
    use_ner: bool | None = None,
    cache_dir: Path | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int = 1,
) -> list[Reading]:
    """Each article's first reading (its words, the countries it names), to share between
    :func:`discover_mentions` and :func:`countries_named`. With a GeoNames index (one with a
    ``path``), readings and finds are cached per article text under ``cache_dir/articles/``:
    a rebuild reads what an unchanged article gave instead of reading it again. The others are read
    by ``jobs`` processes."""
    return read_articles(articles, index, load_lexicon(), _cache(index, cache_dir),
                         _ner_wanted(articles, use_ner), progress, jobs)


def _cache(index: NameIndex, cache_dir: Path | None) -> ArticleCache | None:
    """The per-article cache for finds from ``index`` with the packaged lexicon and airports,
    None for an index that cannot say which data it holds (tests' small ones)."""
    path = getattr(index, "path", None)
    if not isinstance(path, Path):
        return None
    from ..geocoders.airports import airports_version

    return ArticleCache.open(cache_dir or default_cache_dir(), "discover", path.name, airports_version())


class _Spans:
    """[start, end) spans of one text, kept disjoint and sorted: an overlap test is a binary search."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self._starts, end)  # spans starting before ``end``; the last may reach in
        return i > 0 and self._ends[i - 1] > start

    def add(self, start: int, end: int) -> None:
        """Add a span; spans it overlaps are merged with it, which keeps every overlap test exact."""
        lo = bisect_left(self._starts, start)
        if lo > 0 and self._ends[lo - 1] > start:
            lo -= 1
        hi = bisect_left(self._starts, end, lo)
        if hi > lo:
            start, end = min(start, self._starts[lo]), max(end, self._ends[hi - 1])
        self._starts[lo:hi] = [start]
        self._ends[lo:hi] = [end]


def discover_mentions(
    articles: Sequence[Article],
    known: Sequence[Mention],
    index: NameIndex,
    *,
    use_ner: bool | None = None,
    lexicon: Lexicon | None = None,
    airfields: NameIndex | None = None,
    cache_dir: Path | None = None,
    readings: Sequence[Reading] | None = None,
    jobs: int = 1,
    progress: Callable[[str, int, int], None] | None = None,
) -> list[Mention]:
    """Names the gazetteer lacks, as mentions with ``place_id=None`` and ``key`` = folded name.

    Capitalised spans GeoNames knows (both languages) and, for French articles, spaCy
    LOC entities; people, organisations, objects and common words are filtered out.
    ``use_ner=None`` uses NER when a French article needs it and the model is installed.
    Airfields (``airfields``, default the packaged airportsdata, loaded only when the text
    names one) are found when the name says so ("Joint Base Andrews") or a cue word beside
    it does ("aéroport de Tarbes-Lourdes-Pyrénées"). Names that a cue shows to be venues or
    regions ("théâtre Marigny", "Donetsk oblast") are not discovered. NER results are
    cached per article under ``cache_dir`` (default: the geocoders' cache directory), and
    so is each article's whole share of the work (:func:`read_articles_for`) when
    ``readings`` come from there and ``lexicon``/``airfields`` are the packaged ones.
    ``jobs`` processes run NER and find the names; ``progress(stage, done, total)`` hears how far it got.
    """
    lex = lexicon or load_lexicon()
    packaged = lexicon is None and airfields is None
    wanted = _ner_wanted(articles, use_ner)
    if readings is None:
        readings = read_articles(articles, index, lex, _cache(index, cache_dir) if packaged else None, wanted,
                                 jobs=jobs)
    common = common_words(readings)
    todo = [i for i, r in enumerate(readings) if not (packaged and r.fresh(common))]
    needed = set(todo)
    ner = _ner_spans(
        articles, [w and i in needed for i, w in enumerate(wanted)], cache_dir or default_cache_dir(), jobs=jobs,
        progress=(lambda done, total: progress("named-entity recognition", done, total)) if progress else None,
    )
    finder = Finder(index, lex, airfields, cache_dir)
    finds: list[Finds] = [r.finds for r in readings]  # type: ignore[misc]

    def article(i: int) -> Finds:
        # One article's token objects at a time: the story's would not fit in memory.
        found = finder.article(articles[i], tokens_of(articles[i], readings[i]), common, ner.get(i, []))
        if readings[i].path is not None and packaged:
            ArticleCache.write(readings[i].path, readings[i].record(found, common))  # type: ignore[arg-type]
        return found

    told = progress_after(progress, "discovering places", len(articles) - len(todo), len(articles))
    for i, found in zip(todo, each(article, todo, jobs, told)):
        finds[i] = found
    return _story_mentions(articles, known, finds, finder.lookup, lex)


def _story_mentions(articles: Sequence[Article], known: Sequence[Mention], finds: Sequence[Finds],
                    lookup: Callable[[str], list[Place]], lex: Lexicon) -> list[Mention]:
    """The articles' finds weighed together: evidence, people and objects count story-wide."""
    persons = set().union(*(f.persons for f in finds))
    weak_persons = set().union(*(f.weak_persons for f in finds))
    objects = set().union(*(f.objects for f in finds))
    found = [(ai, f) for ai, article_finds in enumerate(finds) for f in article_finds.found]
    # Evidence is per name: one "à Irpin" vouches for every other "Irpin" in the story.
    vouched = {
        f.key
        for _, f in found
        if f.evidence or f.source == "ner" or f.population >= lex.min_population or f.key in lex.countries
        or _capital(f.key, lookup)  # named from anywhere, however small: "Valletta, which also receives boats"
    }
    evidenced = {f.key for _, f in found if f.evidence and f.source == "geonames"}
    # Written as a country or a feature is ("the Atlantic", "du Commonwealth") at least as often as
    # a town is ("à X" with no article), a name is one; with no country or region of that name
    # to be, it is no place to put on the map. (One "the Moscow of old" leaves "in Moscow" a town.)
    as_area: Counter[str] = Counter(f.key for _, f in found if f.area)
    as_town: Counter[str] = Counter(f.key for _, f in found if f.evidence and not f.area)
    no_town = {k for k, n in as_area.items() if n >= as_town[k] and not _has_area(k, lookup, lex)}
    no_town |= lex.world_areas
    known_keys = {m.key for m in known if m.key}
    taken: dict[str, _Spans] = defaultdict(_Spans)
    for m in known:  # the matcher's mentions are disjoint (leftmost-longest)
        taken[m.article_id].add(m.start, m.end)
    out: list[Mention] = []
    for ai, f in sorted(found, key=lambda x: (x[0], x[1].start, -x[1].end)):
        article = articles[ai]
        if (
            f.key not in vouched
            or f.key in persons
            or (f.key in weak_persons and f.key not in evidenced and not _well_known(f.key, lookup))
            or f.key in objects
            or f.key in no_town
            or f.key in known_keys
            or taken[article.id].overlaps(f.start, f.end)
        ):
            continue
        taken[article.id].add(f.start, f.end)
        sentence = article.sentence_at(f.start).index if article.sentences else 0
        # Interned: a story names its places again and again (10,000 articles: ~300,000 mentions).
        out.append(Mention(article.id, sentence, f.start, f.end, sys.intern(article.text[f.start : f.end]), None,
                           sys.intern(f.key)))
    return out


def _capital(key: str, lookup: Callable[[str], list[Place]]) -> bool:
    return any(p.kind == "capital" for p in lookup(key))


def _well_known(key: str, lookup: Callable[[str], list[Place]]) -> bool:
    """Whether ``key`` names a capital or a world city: the small NER model's one-word "person"
    is then the city standing for its government ("Kiev avait demandé"), not someone."""
    return any(world_city(p) for p in lookup(key))


def _has_area(key: str, lookup: Callable[[str], list[Place]], lex: Lexicon) -> bool:
    """Whether a country or a region is called ``key`` (GeoNames, the lexicon, US states), or a
    town whose own name holds the article ("au Havre" is "à Le Havre")."""
    if key in lex.countries or us_state(key) is not None:
        return True
    places = lookup(key)
    if any(p.kind == "country" or _words(p.name)[1:] == tuple(key.split()) for p in places):
        return True
    # A town whose name in the text's language holds the article: "au Caire" is "à Le Caire".
    ids = {p.id for p in places}
    return any(p.id in ids for d in lex.definite_articles for p in lookup(f"{d} {key}"))


def countries_named(
    articles: Sequence[Article],
    index: NameIndex,
    known: Sequence[Mention] = (),
    places: Mapping[str, Place] | None = None,
    *,
    lexicon: Lexicon | None = None,
    readings: Sequence[Reading] | None = None,
) -> list[str]:
    """ISO2 codes of the countries the articles name, most often named first.

    Names come from GeoNames' country entries, the lexicon's French country names and,
    for mentions already resolved, their places of kind "country".
    """
    lex = lexicon or load_lexicon()
    if readings is None:
        readings = read_articles(articles, index, lex, None, [False] * len(articles))
    counts: Counter[str] = Counter()
    for r in readings:
        counts.update(dict(r.countries))
    for m in known:
        place = (places or {}).get(m.place_id or "")
        if place is not None and place.kind == "country" and place.country:
            counts[place.country] += 1
    return sorted(counts, key=lambda c: (-counts[c], c))
