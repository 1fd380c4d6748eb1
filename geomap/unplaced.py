"""Names the text shows the traveller going to that offline data cannot place: found, reported, stubbed."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

import ahocorasick

from .articlecache import remembered
from .discover import kind_hint, load_lexicon
from .discover.forms import AREA
from .discover.lexicon import Lexicon
from .discover.spans import _after_organisation
from .discover.tokens import elision
from .geocoders.chain import ResolverChain
from .geocoders.context import Context
from .langdata import travel_cues, unplaced_words, word_alternation
from .model import Article, Mention, Place, Resolution, Unplaced
from .textnorm import fold, fold_key

#: Cue types that do not take the traveller anywhere: a meeting's object is a person, a plan's
#: destination is not reached yet.
NOT_TRAVEL = frozenset({"meet", "plan"})
#: How far after a travel verb its place may be named, in characters.
REACH = 60
#: Characters at most between a name and a travel verb it is the subject of ("X s'est posé").
SUBJECT_GAP = 8
#: Words of a name at most; a longer capitalised run is a title or a list of people.
MAX_NAME_WORDS = 6
_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*|\d+|[^\w\s]")
# A full stop inside a sentence ends an abbreviation ("a.m.", "U.S."), not a clause.
_CLAUSE_END = frozenset(";:!?()«»\"“”[]")


@lru_cache(maxsize=8)
def _cues(language: str | None) -> tuple[tuple[re.Pattern[str], int], ...]:
    """Travel cue patterns for the language (``data/infer.yaml``), with their reach in characters."""
    out = []
    for kind, phrases in travel_cues(language):
        if kind not in NOT_TRAVEL:
            pattern = re.compile(word_alternation(phrases, r"\w'") + r"(?!\w)")
            out.append((pattern, REACH))
    return tuple(out)


_WORD = re.compile(r"\w+")


def _words(text: str) -> tuple[str, ...]:
    """Folded words, split like the discovery lexicon's entries."""
    return tuple(_WORD.findall(fold_key(text)))


def _ends_with(words: Sequence[str], phrases: frozenset[tuple[str, ...]]) -> int:
    """Length of the longest phrase of ``phrases`` that ``words`` ends with (0 if none)."""
    return max((n for n in range(1, min(len(words), _longest(phrases)) + 1) if tuple(words[-n:]) in phrases),
               default=0)


@lru_cache(maxsize=16)
def _longest(phrases: frozenset[tuple[str, ...]]) -> int:
    return max(map(len, phrases), default=0)


@lru_cache(maxsize=16)
def _kind_words(kinds_before: tuple[tuple[tuple[str, ...], str], ...]) -> frozenset[tuple[str, ...]]:
    # Made once per lexicon: every cue reaching a capital asks (a set made per ask was ~15 % of the cues).
    return frozenset(words for words, _ in kinds_before)


def _reaches(before: list[str], lex: Lexicon) -> bool:
    """Whether the words between a cue and a name let the cue reach it: nothing, or ending in a
    locative ("to", "à"), possibly followed by articles and a kind of place ("at the station of")."""
    words = [w for w in before if w != ","]
    skip = lex.connectors | lex.definite_articles | unplaced_words()["indefinite_articles"]
    kinds = _kind_words(lex.kinds_before)
    while words:
        if words[-1] in skip:
            words.pop()
        elif (n := _ends_with(words, kinds)) > 0:
            del words[-n:]
        else:
            break
    return not words or (words[-1] in lex.locatives and words[-1] not in unplaced_words()["agents"])


def _name_at(text: str, start: int, limit: int, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """The capitalised name a cue ending at ``start`` points at: it starts before ``limit`` (the
    cue's reach) and ends before ``end`` (the sentence's); None when the cue reaches no name."""
    before: list[str] = []
    toks = list(_TOKEN.finditer(text, start, end))
    for i, tok in enumerate(toks):
        if tok.start() >= limit:
            return None
        word = tok.group()
        if word in _CLAUSE_END:
            return None
        if not word[0].isalpha():
            before.append(word)
            continue
        # A capital elision opens the name ("à N'Djamena", "à L'Aquila"); a lower-case one is cut ("d'Irpin").
        elided = elision().match(word) if word[0].islower() else None
        lo = tok.start() + (elided.end() if elided else 0)
        if not text[lo].isupper():
            before.extend(_words(word))
            continue
        if _words(text[lo:tok.end()]) in lex.ignorable:  # a weekday, a month, "The", "Il"
            before.extend(_words(text[lo:tok.end()]))
            continue
        if not _reaches(before, lex) or _ends_with(before, lex.titles):
            return None
        return _name(text, lo, toks[i:], lex)
    return None


def _name(text: str, lo: int, toks: Sequence[re.Match[str]], lex: Lexicon) -> tuple[int, int] | None:
    """The capitalised run from ``lo``: capitalised words joined by at most two connectors
    ("Church of the Nativity", "Col du Tourmalet"); None when it is a person, an adjective or an
    abbreviation rather than a place's name."""
    glue = lex.connectors | lex.definite_articles
    spans = [(lo, toks[0].end())]
    pending = 0
    for tok in toks[1:]:
        word = tok.group()
        if word[0].isupper() and len(spans) < MAX_NAME_WORDS:
            spans.append((tok.start(), tok.end()))
            pending = 0
        elif word == "." and tok.start() - spans[-1][0] == 1 and text[spans[-1][0]].isupper():
            continue  # an initial: "John F. Kennedy"
        elif fold_key(word) in glue and pending < 2:
            pending += 1
        else:
            break
    # "Rome's Fiumicino": the name is the possessed one.
    while len(spans) > 1 and re.search(r"['\u2019]s\Z", text[spans[0][0]:spans[0][1]]):
        spans.pop(0)
    start, end = spans[0][0], spans[-1][1]
    if possessive := re.search(r"['\u2019]s\Z", text[start:end]):
        end -= len(possessive.group())  # "Ottawa's airport": the place is Ottawa
    name = text[start:end]
    words = _words(name)
    after = re.match(r"\s*([^\W\d_]+)", text[end:end + 40])
    if (len(name) < 2 or (name.isupper() and len(name) <= 3)
            or _contains(words, lex.titles)  # "Turkish President X", "House Speaker X": a person
            or _contains(words, lex.organisations)
            or " ".join(words) in lex.world_areas  # "Africa", "l'Europe": no place to stub
            or _after_organisation(_words(re.split(r"[,;:()]", text[max(0, start - 40):start])[-1]), lex)
            or (after is not None and after.group(1).islower()
                and fold_key(after.group(1)) in unplaced_words()["adjective_of"] | lex.objects_after)):
        return None
    return start, end


def _contains(words: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> bool:
    """Whether some run of ``words`` is one of ``phrases``."""
    return any(_ends_with(words[:i], phrases) for i in range(1, len(words) + 1))


def _does_travel(after: str, language: str | None) -> bool:
    """Whether ``after`` (the text right after a name) opens with a travel verb the name is the
    subject of ("X est arrivé", "X travelled to"), a short auxiliary at most between them."""
    folded = fold(after).text
    clause = re.split(r"[,;:!?()«»\"“”.]", folded)[0]
    return any((m := pattern.search(clause)) is not None and m.start() <= SUBJECT_GAP
               for pattern, _ in _cues(language))


def _people(names: Collection[str], articles: Sequence[Article], lex: Lexicon) -> set[str]:
    """The names the story shows as a person somewhere (:func:`_person_at`), every occurrence of
    every name found in one automaton pass over the story (one pass per name was quadratic)."""
    automaton = ahocorasick.Automaton()
    for name in names:
        if name:
            automaton.add_word(name, name)
    if len(automaton) == 0:
        return set()
    automaton.make_automaton()
    people: set[str] = set()
    for article in articles:
        for last, name in automaton.iter(article.text):
            if name not in people and _person_at(article, last + 1 - len(name), name, lex):
                people.add(name)
    return people


def _person_at(article: Article, at: int, name: str, lex: Lexicon) -> bool:
    """Whether this occurrence shows ``name`` as a person: after a title ("le dirigeant X",
    "President X"), before a speech or meeting verb ("X said", "X a rencontré") or as the subject
    of a travel verb ("X est arrivé")."""
    text = article.text
    if _does_travel(text[at + len(name):at + len(name) + 40], article.language):
        return True
    # Only this clause: "3 a.m., at the X" is not "M. X".
    clause = re.split(r"[,;:!?()«»\"“”]", text[max(0, at - 60):at])[-1]
    before = list(_words(clause))
    after = _words(text[at + len(name):at + len(name) + 40])
    if _ends_with(before, lex.titles) or any(after[:len(v)] == v for v in lex.person_verbs):
        return True
    while (n := _ends_with(before, lex.ignorable)) > 0:  # "le dirigeant nord-coréen X"
        del before[-n:]
    return bool(before and len(before[-1]) > 1 and _ends_with(before, lex.titles))


def _country(sentence: tuple[int, int], own: Sequence[Mention], places: Mapping[str, Place]) -> str | None:
    """The one country of the places the sentence names (``own``: its article's mentions), if they agree."""
    codes = {places[m.place_id].country for m in own if m.place_id in places and sentence[0] <= m.start < sentence[1]}
    codes.discard(None)
    return codes.pop() if len(codes) == 1 else None


def _cued(article: Article, lex: Lexicon) -> list[tuple[tuple[int, int], tuple[int, int] | None]]:
    """For every travel cue of the article's language: the stretch of text it reaches, and the
    capitalised name it points at, if any. Kept per article by content (articlecache): the story
    around it changes nothing."""
    return remembered("cues", *cues_key(article, lex), _cues_decoded)


def cues_key(article: Article, lex: Lexicon) -> tuple[str, str, Callable[[], dict]]:
    """The text, the rest of the key and the computation of an article's ``cues`` cache record."""
    bounds = ",".join(str(s.end) for s in article.sentences)
    return (article.text, f"{article.language}\x1f{bounds}",
            lambda: {"cues": [[*reach, *(name or ())] for reach, name in _cues_of(article, lex)]})


def _cues_decoded(record: dict) -> list[tuple[tuple[int, int], tuple[int, int] | None]]:
    return [((int(c[0]), int(c[1])), (int(c[2]), int(c[3])) if len(c) == 4 else None) for c in record["cues"]]


def _cues_of(article: Article, lex: Lexicon) -> Iterator[tuple[tuple[int, int], tuple[int, int] | None]]:
    folded = fold(article.text)
    for pattern, window in _cues(article.language):
        for m in pattern.finditer(folded.text):
            _, cue_end = folded.span(m.start(), m.end())
            end = article.sentence_at(cue_end).end if article.sentences else len(article.text)
            reach = (cue_end, min(cue_end + window + 1, end))
            yield reach, _name_at(article.text, cue_end, reach[1], end, lex)


def find_unplaced(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    places: Mapping[str, Place],
    unresolved: Sequence[Mention] = (),
    known: Callable[[str], bool] = lambda name: False,
    people: Collection[str] = (),
) -> list[Unplaced]:
    """Names the text presents as where the traveller went and no resolver placed, in text order.

    A name is either the capitalised run a travel cue (``infer.yaml`` verbs) reaches, unless ``known``
    says offline data has it (discovery left it out for a reason), or a name discovery found but
    could not resolve (``unresolved``) within a travel cue's reach. Names in ``people`` (NER's
    persons, :func:`geomap.discover.named_people`) are no places. Names already resolved
    (``mentions`` with a place in ``places``) or curated in the gazetteer are left out.
    """
    lex = load_lexicon()
    found: list[Unplaced] = []
    placed: dict[str, list[Mention]] = {}  # grouped once: filtering the story's mentions per article was quadratic
    for m in mentions:
        if m.place_id is not None:
            placed.setdefault(m.article_id, []).append(m)
    lost: dict[str, list[Mention]] = {}
    for m in unresolved:
        lost.setdefault(m.article_id, []).append(m)
    for article in articles:
        own = placed.get(article.id, [])
        cues = _cued(article, lex)
        spans = {span for _, span in cues if span is not None and not known(article.text[span[0]:span[1]])}
        spans |= {(m.start, m.end) for m in lost.get(article.id, [])
                  if any(lo <= m.start < hi for (lo, hi), _ in cues)}
        for start, end in sorted(spans):
            if any(m.start < end and start < m.end for m in own):
                continue  # a resolved name, or a curated one: not ours to report
            kind = kind_hint(article, start, end, lex) or "place"
            if kind == AREA or kind in lex.not_places:
                continue  # "en Saxe", "dans le Brandebourg", "the Wall of Remembrance": no stop to stub
            sentence = article.sentence_at(start) if article.sentences else None
            lo, hi = (sentence.start, sentence.end) if sentence else (0, len(article.text))
            found.append(Unplaced(
                name=article.text[start:end], article_id=article.id, sentence=sentence.index if sentence else 0,
                start=start, end=end, text=" ".join(article.text[lo:hi].split()),
                kind=kind,
                country=_country((lo, hi), own, places),
            ))
    people = set(people) | _people({u.name for u in found}, articles, lex)
    return _drop_nested([u for u in found if u.name not in people])


def _drop_nested(found: list[Unplaced]) -> list[Unplaced]:
    """One name per stretch of text: the longer of two overlapping spans."""
    kept: list[Unplaced] = []
    for u in sorted(found, key=lambda u: (u.article_id, u.start, -u.end)):
        if kept and kept[-1].article_id == u.article_id and u.start < kept[-1].end:
            continue
        kept.append(u)
    return kept


def by_name(items: Sequence[Unplaced]) -> dict[str, list[Unplaced]]:
    """The items grouped by folded name, in order of first appearance."""
    groups: dict[str, list[Unplaced]] = {}
    for u in items:
        groups.setdefault(fold_key(u.name), []).append(u)
    return groups


def place_online(
    items: Sequence[Unplaced], asked: Collection[str], chain: ResolverChain, context: Context,
    near: Mapping[str, Context] | None = None,
) -> tuple[list[Mention], dict[str, Resolution], list[Unplaced]]:
    """Ask the chain (its online geocoder last) for each name, in the story's ``context`` and the
    kind the text gives it: the mentions of the names placed, their resolutions, and those left.

    Names in ``asked`` (discovered names, already asked with the story's others) are not asked again.
    ``near``: by folded name, where the text puts a name (:mod:`geomap.anchored`): asked around there.
    """
    found: list[Mention] = []
    placed: dict[str, Resolution] = {}
    left: list[Unplaced] = []
    for key, group in by_name(items).items():
        first = group[0]
        hint = first.kind if first.kind != "place" else None
        where = (near or {}).get(key, context)
        res = None if key in asked else chain.resolve(first.name, replace(where, kind_hint=hint))
        if res is None:
            left.extend(group)
            continue
        placed.setdefault(res.place.id, res)
        found.extend(Mention(u.article_id, u.sentence, u.start, u.end, u.name, res.place.id, key) for u in group)
    return found, placed, left
