"""Discovery of place names the gazetteer lacks: capitalised spans known to GeoNames, plus French NER."""

from __future__ import annotations

import importlib.util
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

import yaml

from .errors import InputError
from .model import Article, Mention, Place
from .textnorm import fold_key

Words = tuple[str, ...]

#: A word, possibly hyphenated or glued by apostrophes ("Komsomolsk-sur-l'Amour", "Jong-un").
_TOKEN = re.compile(r"\w+(?:[-\u2010\u2011'\u2019]\w+)*")
#: French elisions before a name: in "d'Irpin" only "Irpin" is the name.
_ELISION = re.compile(r"(?i)^(?:c|d|j|l|m|n|s|t|qu|jusqu|lorsqu|puisqu|presqu)['\u2019](?=\w)")
_SENTENCE_END = set(".!?:;\n\u2026\u00ab\u00bb\"\u201c\u201d")
_PUNCT = re.compile(r"[,.;:!?()\[\]\u00ab\u00bb\"\u201c\u201d\u2026\n]")
#: spaCy labels that name places (fr_core_news_sm uses LOC; GPE in case a model has it).
_PLACE_LABELS = frozenset({"LOC", "GPE"})
_NER_MODEL = "fr_core_news_sm"
_nlp_cache: dict[str, Any] = {}  # loaded spaCy pipelines, so a model loads once per process


class NameIndex(Protocol):
    """What discovery needs from a gazetteer-like index (``GeoNamesIndex`` fits)."""

    def lookup(self, name: str) -> list[Place]: ...


def _words(text: str) -> Words:
    return tuple(re.findall(r"\w+", fold_key(text)))


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``data/discover.yaml``, folded into sets of word tuples."""

    connectors: frozenset[str]
    ignorable: frozenset[Words]  # stopwords, calendar words and demonyms
    titles: frozenset[Words]
    person_verbs: frozenset[Words]
    organisations: frozenset[Words]
    objects_before: frozenset[str]
    objects_after: frozenset[str]
    locatives: frozenset[str]
    kinds_before: tuple[tuple[Words, str], ...]  # longest cue first
    kinds_after: tuple[tuple[Words, str], ...]
    min_population: int
    countries: Mapping[str, str]  # folded exonym -> ISO2


def _phrases(section: object) -> frozenset[Words]:
    items: Iterable[object] = ()
    if isinstance(section, dict):
        items = [w for v in section.values() for w in (v or ())]
    elif isinstance(section, list):
        items = section
    return frozenset(w for w in (_words(str(i)) for i in items) if w)


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> Lexicon:
    """Read the lexicon (``geomap/data/discover.yaml`` unless ``path`` is given)."""
    where = path or "geomap/data/discover.yaml"
    try:
        raw = (
            open(path, encoding="utf-8").read()
            if path
            else resources.files("geomap").joinpath("data/discover.yaml").read_text(encoding="utf-8")
        )
        data = yaml.safe_load(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise InputError(f"cannot read the discovery lexicon: {exc}", path=where) from exc
    if not isinstance(data, dict):
        raise InputError("the discovery lexicon is not a mapping", path=where)
    cues_before: list[tuple[Words, str]] = []
    cues_after: list[tuple[Words, str]] = []
    for kind, cues in (data.get("kinds") or {}).items():
        cues_before += [(w, str(kind)) for w in _phrases(cues.get("before") or [])]
        cues_after += [(w, str(kind)) for w in _phrases(cues.get("after") or [])]
    objects = data.get("objects") or {}
    return Lexicon(
        connectors=frozenset(w for ws in _phrases(data.get("connectors")) for w in ws),
        ignorable=_phrases(data.get("stopwords")) | _phrases(data.get("calendar")) | _phrases(data.get("demonyms")),
        titles=_phrases(data.get("titles")),
        person_verbs=_phrases(data.get("person_verbs")),
        organisations=_phrases(data.get("organisations")),
        objects_before=frozenset(w[-1] for w in _phrases(objects.get("before") or [])),
        objects_after=frozenset(w[0] for w in _phrases(objects.get("after") or [])),
        # Multi-word locatives ("jusqu'à") count by their last word, the one next to the name.
        locatives=frozenset(w[-1] for w in _phrases(data.get("locatives"))),
        kinds_before=tuple(sorted(cues_before, key=lambda c: -len(c[0]))),
        kinds_after=tuple(sorted(cues_after, key=lambda c: -len(c[0]))),
        min_population=int(data.get("min_population") or 100000),
        countries={fold_key(str(k)): str(v).upper() for k, v in (data.get("countries_fr") or {}).items()},
    )


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    key: str  # folded words joined by spaces
    cap: bool
    initial: bool  # first word of a sentence


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        start, word = m.start(), m.group()
        before = text[:start].rstrip(" \t\u00a0\u202f(\u00ab\"\u201c\u2018")
        initial = not before or before[-1] in _SENTENCE_END
        elided = _ELISION.match(word)
        if elided and word[elided.end()].isupper():
            cut = start + elided.end()
            out.append(_Tok(start, cut, " ".join(_words(word[: elided.end()])), False, initial))
            start, word = cut, word[elided.end() :]
        # All-capital short words are acronyms (AFP, ONU, DDG), not names.
        cap = word[0].isupper() and not (word.isupper() and len(word) <= 4)
        out.append(_Tok(start, start + len(word), " ".join(_words(word)), cap, initial))
    return out


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    """Whether two neighbouring tokens belong to one phrase (only a space or nothing between)."""
    gap = text[a.end : b.start]
    return len(gap) <= 2 and gap.strip(" \u00a0\u202f") == ""


def _prefix_len(words: Words, phrases: frozenset[Words]) -> int:
    """Length of the longest phrase in ``phrases`` that ``words`` starts with (0 if none)."""
    for n in range(min(4, len(words)), 0, -1):
        if words[:n] in phrases:
            return n
    return 0


def _contains(words: Words, phrases: frozenset[Words]) -> bool:
    return any(words[i : i + n] in phrases for n in (1, 2, 3, 4) for i in range(len(words) - n + 1))


def _span_words(toks: list[_Tok], a: int, b: int) -> Words:
    return tuple(w for t in toks[a:b] for w in t.key.split())


def _chunks(toks: list[_Tok], i: int, j: int) -> list[tuple[int, int]]:
    """Token ranges of consecutive capitalised words in run [i, j)."""
    out: list[tuple[int, int]] = []
    k = i
    for m in range(i, j + 1):
        if m == j or not toks[m].cap:
            if k < m:
                out.append((k, m))
            k = m + 1
    return out


def _tok_prefix(toks: list[_Tok], a: int, b: int, phrases: frozenset[Words]) -> int:
    """How many tokens from ``a`` form the longest phrase of ``phrases`` (0 if none)."""
    for n in range(min(3, b - a), 0, -1):
        if _span_words(toks, a, a + n) in phrases:
            return n
    return 0


def _tok_suffix(toks: list[_Tok], a: int, b: int, phrases: Iterable[Words]) -> int:
    """How many tokens before ``b`` form the longest phrase of ``phrases`` (0 if none)."""
    wanted = set(phrases)
    for n in range(min(3, b - a), 0, -1):
        if _span_words(toks, b - n, b) in wanted:
            return n
    return 0


def _ends_with(words: Words, phrases: frozenset[Words]) -> bool:
    return any(len(words) >= n and words[-n:] in phrases for n in (1, 2, 3))


def _inverted_speech(before: Words, lex: Lexicon) -> bool:
    """French "…, a déclaré Lim": a compound speech verb right before the name (not "said Moscow")."""
    return any(len(before) >= n and before[-n:] in lex.person_verbs for n in (2, 3))


def _after_organisation(before: Words, lex: Lexicon) -> bool:
    """An organisation word in the few words before, with no locative after it."""
    for k in range(len(before) - 1, -1, -1):
        if before[k] in lex.locatives:
            return False
        if (before[k],) in lex.organisations:
            return True
    return False


def _is_object(before: Words, after: Words, lex: Lexicon) -> bool:
    """"la fusée (russe) Angara", "an Angara rocket": a vehicle or weapon named like a place."""
    trimmed = list(before)
    while trimmed and (trimmed[-1],) in lex.ignorable and trimmed[-1] not in lex.objects_before:
        trimmed.pop()  # adjectives of nationality sit between the object word and its name
    return bool((trimmed and trimmed[-1] in lex.objects_before) or (after and after[0] in lex.objects_after))


def _binds(text: str, toks: list[_Tok], group: list[tuple[int, int]], lex: Lexicon) -> bool:
    """Whether a connector other than "and"/"et" joins the group's chunks ("Bay of Biscay")."""
    between = {t.key for (_, b), (a, _) in zip(group, group[1:]) for t in toks[b:a]}
    return bool(between - _ENUMERATING)


_ENUMERATING = frozenset({"and", "et"})


def _runs(text: str, toks: list[_Tok], lex: Lexicon) -> list[tuple[int, int]]:
    """Token ranges [i, j) of capitalised words joined by spaces, hyphens or connectors."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not toks[i].cap:
            i += 1
            continue
        j = i + 1
        while j < len(toks) and _joined(text, toks[j - 1], toks[j]):
            if toks[j].cap:
                j += 1
            elif (
                toks[j].key in lex.connectors
                and j + 1 < len(toks)
                and toks[j + 1].cap
                and _joined(text, toks[j], toks[j + 1])
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _words_before(text: str, toks: list[_Tok], i: int, n: int = 3) -> Words:
    """Folded words of up to ``n`` tokens before token ``i``, stopping at punctuation."""
    out: list[str] = []
    k = i - 1
    while k >= 0 and len(out) < n and not _PUNCT.search(text[toks[k].end : toks[k + 1].start]):
        out.insert(0, toks[k].key)
        k -= 1
    return tuple(w for key in out for w in key.split())


def _words_after(text: str, toks: list[_Tok], j: int, n: int = 3) -> Words:
    """Folded words of up to ``n`` tokens from token ``j`` on, stopping at punctuation."""
    out: list[str] = []
    k = j
    while k < len(toks) and len(out) < n and not _PUNCT.search(text[toks[k - 1].end : toks[k].start]):
        out.append(toks[k].key)
        k += 1
    return tuple(w for key in out for w in key.split())


_DETERMINERS = frozenset({"the", "la", "le", "les", "l"})
_CUE_GLUE = frozenset({"de", "du", "des", "d", "l", "la", "le", "les", "of", "the", "at"})


def kind_hint(article: Article, start: int, end: int, lexicon: Lexicon | None = None) -> str | None:
    """The kind of place a cue word next to ``text[start:end]`` names ("gare de X" → "station")."""
    lex = lexicon or load_lexicon()
    text = article.text
    before = _words(_PUNCT.split(text[max(0, start - 60) : start])[-1])
    for _ in range(4):  # "gare de X", "cosmodrome russe de X", "the station at X"
        for cue, kind in lex.kinds_before:
            if before[-len(cue) :] == cue:
                return kind
        if not before or not (before[-1] in _CUE_GLUE or (before[-1],) in lex.ignorable):
            break
        before = before[:-1]
    inside = _words(text[start:end])
    after = inside + _words(_PUNCT.split(text[end : end + 50])[0])
    for cue, kind in lex.kinds_after:
        for offset in range(len(inside), 0, -1):
            # The cue follows the name itself ("Vostochny Cosmodrome") or ends the span.
            if after[offset : offset + len(cue)] == cue:
                return kind
    return None


@dataclass
class _Found:
    article: int  # index into the articles
    start: int
    end: int
    key: str
    source: str  # "geonames" or "ner"
    population: int = 0
    evidence: bool = False


def _ner_spans(articles: Sequence[Article], wanted: Sequence[bool]) -> dict[int, list[tuple[int, int, str]]]:
    """(start, end, label) of spaCy entities in the articles that want NER, by article index."""
    out: dict[int, list[tuple[int, int, str]]] = {}
    if not any(wanted):
        return out
    nlp = _load_ner()
    for i, article in enumerate(articles):
        if wanted[i]:
            # Typographic apostrophes split "L’" from its noun in this model; "'" does not.
            doc = nlp(article.text.replace("\u2019", "'"))
            out[i] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    return out


def ner_available() -> bool:
    """Whether spaCy and the French model are installed (without importing them)."""
    return importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(_NER_MODEL) is not None


def _load_ner() -> Any:
    if _NER_MODEL not in _nlp_cache:
        if not ner_available():
            raise InputError(
                f"named-entity recognition needs spaCy and {_NER_MODEL}",
                hint="pip install 'geomap[nlp]', or turn NER off",
            )
        import spacy  # imported here: a build without French discovery never pays for it

        keep = {"tok2vec", "ner"}
        info = spacy.info(_NER_MODEL)
        names = info.get("pipeline", []) if isinstance(info, dict) else []
        _nlp_cache[_NER_MODEL] = spacy.load(_NER_MODEL, exclude=[n for n in names if n not in keep])
    return _nlp_cache[_NER_MODEL]


class _Scan:
    """One article's capitalised runs cut into name segments, with the people they reveal."""

    def __init__(
        self, text: str, toks: list[_Tok], lex: Lexicon, common: frozenset[str], is_name: Callable[[str], bool]
    ) -> None:
        self.text = text
        self.toks = toks
        self.is_name = is_name
        self.segments: list[list[tuple[int, int]]] = []  # groups of token ranges joinable by connectors
        self.persons: set[str] = set()
        self.rejected: list[tuple[int, int]] = []  # token ranges of people speaking, objects, organisations
        self.objects: set[str] = set()
        for i, j in _runs(text, self.toks, lex):
            self._cut(i, j, lex, common)

    def _cut(self, i: int, j: int, lex: Lexicon, common: frozenset[str]) -> None:
        toks, text = self.toks, self.text
        before, after = _words_before(text, toks, i, 4), _words_after(text, toks, j)
        if _contains(_span_words(toks, i, j), lex.organisations) or _after_organisation(before, lex):
            self.rejected.append((i, j))  # "Agence centrale de presse", "ministère de l'Unification"
            return
        if _is_object(before, after, lex):
            self.objects.add(" ".join(_span_words(toks, i, j)))  # "la fusée Angara", "an Angara rocket"
        if _prefix_len(after, lex.person_verbs) or _inverted_speech(before, lex):
            self.rejected.append((i, j))  # "Modi said", "a déclaré Lim"; "Kyiv said" is a government
        titled = any(len(before) >= n and before[-n:] in lex.titles for n in (1, 2))
        # A whole run that is a name wins over its parts: "North Korea", "Corée du Nord".
        lead = i
        while lead < j and ((toks[lead].key,) in lex.ignorable or (toks[lead].initial and toks[lead].key in common)):
            lead += 1
        for a in dict.fromkeys((i, lead)):
            if not titled and j - a >= 2 and toks[j - 1].cap and self.is_name(text[toks[a].start : toks[j - 1].end]):
                self.segments.append([(a, j)])
                return
        group: list[tuple[int, int]] = []
        # Chunks are capitalised words not separated by a connector; a chunk is a name as a
        # whole or not at all ("Vladimir Poutine" is no "Vladimir"), once its edges are trimmed.
        for c, (a0, b0) in enumerate(_chunks(toks, i, j)):
            a, b = a0, b0
            while a < b:
                if _tok_prefix(toks, a, b, lex.titles) or (titled and a == i):
                    # "President Biden", "le président Kim Jong-un": the rest is a person's name.
                    a += _tok_prefix(toks, a, b, lex.titles)
                    if a < b:
                        self.persons.update(t.key for t in toks[a:b])
                        self.persons.add(" ".join(_span_words(toks, a, b)))
                    a = b
                    break
                n = _tok_prefix(toks, a, b, lex.ignorable)
                if n == 0 and toks[a].initial and toks[a].key in common:
                    n = 1  # a sentence-initial word also written in lower case elsewhere
                if n == 0:
                    break
                a += n
            while a < b:
                n = _tok_suffix(toks, a, b, tuple(cue for cue, _ in lex.kinds_after)) or _tok_suffix(
                    toks, a, b, tuple(lex.ignorable)
                )
                if n == 0 or n >= b - a:
                    break
                b -= n
            if a >= b:
                self._flush(group)
                group = []
                continue
            if group and (a != a0 or c == 0):
                self._flush(group)
                group = []
            group.append((a, b))
            if b != b0:  # a trimmed tail ends what the next chunk may join
                self._flush(group)
                group = []
        self._flush(group)

    def _flush(self, group: list[tuple[int, int]]) -> None:
        if group:
            self.segments.append(list(group))


def _ner_wanted(articles: Sequence[Article], use_ner: bool | None) -> list[bool]:
    french = [a.language == "fr" for a in articles]
    if use_ner is False or (use_ner is None and not (any(french) and ner_available())):
        return [False] * len(articles)
    return french


def discover_mentions(
    articles: Sequence[Article],
    known: Sequence[Mention],
    index: NameIndex,
    *,
    use_ner: bool | None = None,
    lexicon: Lexicon | None = None,
) -> list[Mention]:
    """Names the gazetteer lacks, as mentions with ``place_id=None`` and ``key`` = folded name.

    Capitalised spans GeoNames knows (both languages) and, for French articles, spaCy
    LOC entities; people, organisations, objects and common words are filtered out.
    ``use_ner=None`` uses NER when a French article needs it and the model is installed.
    """
    lex = lexicon or load_lexicon()
    cache: dict[str, list[Place]] = {}

    def lookup(name: str) -> list[Place]:
        key = fold_key(name)
        if key not in cache:
            cache[key] = index.lookup(name) if len(key) > 2 else []
        return cache[key]

    def is_name(name: str) -> bool:
        return bool(lookup(name)) or fold_key(name) in lex.countries

    tokens = [_tokens(a.text) for a in articles]
    # Words written in lower case somewhere are common words when they open a sentence.
    common = frozenset(t.key for toks in tokens for t in toks if not t.cap and not t.initial)
    scans = [_Scan(a.text, toks, lex, common, is_name) for a, toks in zip(articles, tokens)]
    ner = _ner_spans(articles, _ner_wanted(articles, use_ner))
    persons: set[str] = set().union(*(s.persons for s in scans)) if scans else set()
    # The small French model tags some towns as people ("par Dandong" → PER); a one-word PER
    # only vetoes a name that nothing else shows to be a place.
    weak_persons: set[str] = set()
    for i, ents in ner.items():
        for s, e, label in ents:
            if label == "PER":
                words = _words(articles[i].text[s:e])
                if len(words) > 1:
                    persons.update(words)
                    persons.add(" ".join(words))
                else:
                    weak_persons.update(words)
    objects: set[str] = set().union(*(s.objects for s in scans)) if scans else set()
    known_keys = {m.key for m in known if m.key}
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in known:
        taken[m.article_id].append((m.start, m.end))

    found: list[_Found] = []
    for ai, (article, scan) in enumerate(zip(articles, scans)):
        text, toks = article.text, scan.toks
        rejected = {k for a, b in scan.rejected for k in range(a, b)}
        loc_ents = [(s, e) for s, e, label in ner.get(ai, []) if label in _PLACE_LABELS]
        per_ents = [(s, e) for s, e, label in ner.get(ai, []) if label == "PER" and " " in text[s:e].strip()]
        for group in scan.segments:
            if len(group) > 1 and _binds(text, toks, group, lex) and not is_name(
                text[toks[group[0][0]].start : toks[group[-1][1] - 1].end]
            ):
                continue  # "Wall of Remembrance", "Jam Saheb of Nawanagar": one name or none
            x = 0
            while x < len(group):
                for y in range(len(group) - 1, x - 1, -1):
                    start, end = toks[group[x][0]].start, toks[group[y][1] - 1].end
                    places = lookup(text[start:end])
                    if places or fold_key(text[start:end]) in lex.countries:
                        break
                else:
                    x += 1
                    continue
                if group[x][0] not in rejected and not any(s <= start and end <= e for s, e in per_ents):
                    before = [w for w in _words_before(text, toks, group[x][0]) if w not in _DETERMINERS]
                    evidence = (
                        (bool(before) and before[-1] in lex.locatives)
                        or any(s < end and start < e for s, e in loc_ents)
                        or kind_hint(article, start, end, lex) is not None
                    )
                    pop = max((p.population or 0 for p in places), default=0)
                    found.append(_Found(ai, start, end, fold_key(text[start:end]), "geonames", pop, evidence))
                x = y + 1
        for s, e in loc_ents:
            inner = [t for t in toks if s <= t.start and t.end <= e]
            while inner and not inner[0].cap:
                inner = inner[1:]  # "la réunion", "l'Ukraine": the name starts at a capital
            while len(inner) > 1 and ((inner[-1].key,) in lex.ignorable or not inner[-1].cap):
                inner = inner[:-1]  # "Extrême-Orient russe": the adjective is not the name
            if not inner or any(f.article == ai and f.start < e and s < f.end for f in found):
                continue
            start, end = inner[0].start, inner[-1].end
            words = _words(text[start:end])
            first = toks.index(inner[0])
            before = _words_before(text, toks, first, 4)
            if (
                not words
                or _prefix_len(words, lex.ignorable) == len(words)
                or _contains(words, lex.organisations)
                or _contains(words, lex.titles)
                or _after_organisation(before, lex)
                or _ends_with(before, lex.titles)
                or _inverted_speech(before, lex)
                or _is_object(before, _words_after(text, toks, toks.index(inner[-1]) + 1), lex)
                or (inner[0].initial and inner[0].key in common and len(inner) == 1)
                or first in {k for a, b in scan.rejected for k in range(a, b)}
            ):
                continue
            places = lookup(text[start:end])
            pop = max((p.population or 0 for p in places), default=0)
            found.append(_Found(ai, start, end, " ".join(words), "geonames" if places else "ner", pop, True))

    # Evidence is per name: one "à Irpin" vouches for every other "Irpin" in the story.
    vouched = {
        f.key
        for f in found
        if f.evidence or f.source == "ner" or f.population >= lex.min_population or f.key in lex.countries
    }
    evidenced = {f.key for f in found if f.evidence and f.source == "geonames"}
    out: list[Mention] = []
    for f in sorted(found, key=lambda f: (f.article, f.start, -f.end)):
        article = articles[f.article]
        if (
            f.key not in vouched
            or f.key in persons
            or (f.key in weak_persons and f.key not in evidenced)
            or f.key in objects
            or f.key in known_keys
            or any(s < f.end and f.start < e for s, e in taken[article.id])
        ):
            continue
        taken[article.id].append((f.start, f.end))
        sentence = article.sentence_at(f.start).index if article.sentences else 0
        out.append(Mention(article.id, sentence, f.start, f.end, article.text[f.start : f.end], None, f.key))
    return out


def countries_named(
    articles: Sequence[Article],
    index: NameIndex,
    known: Sequence[Mention] = (),
    places: Mapping[str, Place] | None = None,
    *,
    lexicon: Lexicon | None = None,
) -> list[str]:
    """ISO2 codes of the countries the articles name, most often named first.

    Names come from GeoNames' country entries, the lexicon's French country names and,
    for mentions already resolved, their places of kind "country".
    """
    lex = lexicon or load_lexicon()
    counts: dict[str, int] = defaultdict(int)
    for article in articles:
        toks = _tokens(article.text)
        for i, j in _runs(article.text, toks, lex):
            x = i
            while x < j:
                for y in range(min(j, x + 4), x, -1):
                    name = article.text[toks[x].start : toks[y - 1].end]
                    code = lex.countries.get(fold_key(name))
                    if code is None:
                        code = next((p.country for p in index.lookup(name) if p.kind == "country" and p.country), None)
                    if code:
                        counts[code] += 1
                        x = y
                        break
                else:
                    x += 1
    for m in known:
        place = (places or {}).get(m.place_id or "")
        if place is not None and place.kind == "country" and place.country:
            counts[place.country] += 1
    return sorted(counts, key=lambda c: (-counts[c], c))
