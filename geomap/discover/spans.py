"""Capitalised runs cut into candidate names, with the filters that keep people and objects out; kind cues."""

from __future__ import annotations

import re
from collections.abc import Callable, Container

from ..langdata import is_abbreviation
from ..model import Article
from .forms import AREA, area_form
from .lexicon import Lexicon, Words, _words, cue_index, load_lexicon
from .tokens import _Tok

_PUNCT = re.compile(r"[,.;:!?()\[\]\u00ab\u00bb\"\u201c\u201d\u2026\n]")


def elided(text: str, tok: _Tok) -> bool:
    """Whether ``tok`` is an elided word cut from the name after it ("d'" of "d'Irpin")."""
    return text[tok.end - 1] in "'\u2019"


def _joined(text: str, a: _Tok, b: _Tok) -> bool:
    """Whether two neighbouring tokens belong to one phrase (only a space or nothing between)."""
    gap = text[a.end : b.start]
    return len(gap) <= 2 and gap.strip(" \u00a0\u202f") == ""


def _capital_in(text: str, tok: _Tok) -> bool:
    """Whether a capital letter is in ``tok`` ("Salaam", and "el-Sheikh" after a particle)."""
    return tok.cap or any(c.isupper() for c in text[tok.start : tok.end])


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


def _tok_suffix(toks: list[_Tok], a: int, b: int, phrases: Container[Words]) -> int:
    """How many tokens before ``b`` form the longest phrase of ``phrases`` (0 if none)."""
    for n in range(min(3, b - a), 0, -1):
        if _span_words(toks, b - n, b) in phrases:
            return n
    return 0


def _ends_with(words: Words, phrases: frozenset[Words]) -> bool:
    return any(len(words) >= n and words[-n:] in phrases for n in (1, 2, 3))


def office_of(before: Words, lex: Lexicon) -> bool:
    """Whether ``before`` ends with an office over a place: "the mayor of", "l'archevêque de"."""
    return len(before) >= 2 and before[-1] in lex.seat_of and before[-2] in lex.place_titles


def _inverted_speech(before: Words, lex: Lexicon) -> bool:
    """French "…, a déclaré Lim": a compound speech verb right before the name (not "said Moscow")."""
    return any(len(before) >= n and before[-n:] in lex.person_verbs for n in (2, 3))


def _after_organisation(before: Words, lex: Lexicon) -> bool:
    """An organisation word in the few words before, with no locative after it, nor a "de"/"of"
    right before the name: "l'université de Montréal" names where it is, "Agence X" no place."""
    if before and before[-1] in lex.seat_of:
        return False
    for k in range(len(before) - 1, -1, -1):
        if before[k] in lex.locatives:
            return False
        if (before[k],) in lex.organisations:
            return True
    return False


def _is_object(before: Words, after: Words, lex: Lexicon) -> bool:
    """"la fusée (russe) Angara", "an Angara rocket": a vehicle or weapon named like a place."""
    trimmed = list(before)
    while trimmed and (trimmed[-1],) in lex.demonyms and trimmed[-1] not in lex.objects_before:
        trimmed.pop()  # adjectives of nationality sit between the object word and its name
    return bool((trimmed and trimmed[-1] in lex.objects_before) or (after and after[0] in lex.objects_after))


def _binds(text: str, toks: list[_Tok], group: list[tuple[int, int]], lex: Lexicon) -> bool:
    """Whether a connector other than "and"/"et" joins the group's chunks ("Bay of Biscay")."""
    between = {t.key for (_, b), (a, _) in zip(group, group[1:]) for t in toks[b:a]}
    return bool(between - lex.enumerating)


def _runs(text: str, toks: list[_Tok], lex: Lexicon,
          is_name: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """Token ranges [i, j) of capitalised words joined by spaces, hyphens or connectors; with
    ``is_name``, also across place-name particles where the joined phrase is a name."""
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
            elif (listed := _listed(text, toks, i, j, lex)) is not None or (
                    is_name is not None and (listed := _across(text, toks, i, j, lex, is_name)) is not None):
                start, j = listed
                if start > i:  # "Visiting Dar es Salaam": the name opens the run anew
                    runs.append((i, start))
                    i = start
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _listed(text: str, toks: list[_Tok], i: int, j: int, lex: Lexicon) -> tuple[int, int] | None:
    """Where a country name the lexicon lists with lower-case words starts and ends when it opens
    within run [i, j) and reaches over token ``j`` ("République | tchèque", "République |
    démocratique du Congo"): the longest, or None. Only listed names: a lower-case word after a
    name ends it ("Guinée équatoriale" is not Guinea)."""
    if not lex.lower_names:
        return None
    end = j
    while end < len(toks) and end - j < 3 and _joined(text, toks[end - 1], toks[end]):
        end += 1
    for stop in range(end, j, -1):
        for start in range(max(i, j - 2), j):
            if " ".join(t.key for t in toks[start:stop]) in lex.lower_names:
                return start, stop
    return None


def _across(text: str, toks: list[_Tok], i: int, j: int, lex: Lexicon,
            is_name: Callable[[str], bool]) -> tuple[int, int] | None:
    """Where a name reaching over particles from token ``j`` starts and ends ("Dar | es Salaam",
    "Sharm | el-Sheikh", "Santa Cruz | de la Sierra"): the longest that is a name, or None."""
    ends: list[int] = []
    e = j
    while e < len(toks) and e - j < 3 and _joined(text, toks[e - 1], toks[e]):
        tok = toks[e]
        if tok.cap or (tok.key.split()[0] in lex.particles and _capital_in(text, tok)):
            ends.append(e + 1)  # a capital word, or a particle glued to one ("el-Sheikh")
        if tok.cap or tok.key not in lex.particles:
            break
        e += 1
    for end in reversed(ends):
        for start in range(max(i, j - 3), j):
            if is_name(text[toks[start].start : toks[end - 1].end]):
                return start, end
    return None


def _words_before(text: str, toks: list[_Tok], i: int, n: int = 3) -> Words:
    """Folded words of up to ``n`` tokens before token ``i``, stopping at punctuation."""
    out: list[str] = []
    k = i - 1
    while k >= 0 and len(out) < n and not _PUNCT.search(text[toks[k].end : toks[k + 1].start]):
        out.insert(0, toks[k].key)
        k -= 1
    return tuple(w for key in out for w in key.split())


def _abbreviated_title(text: str, toks: list[_Tok], i: int, lex: Lexicon) -> bool:
    """Whether token ``i`` follows a title's abbreviation ("Mr. Gates", "Dr. Rice", "M. Kim"): its full stop,
    which ends no sentence, stops :func:`_words_before`, so the title is looked for across it here."""
    if i == 0:
        return False
    title, gap = toks[i - 1], text[toks[i - 1].end : toks[i].start]
    return (gap[:1] == "." and len(gap) <= 3 and gap[1:].strip(" \u00a0\u202f") == ""
            and (title.key,) in lex.titles and is_abbreviation(text, title.end))


def _words_after(text: str, toks: list[_Tok], j: int, n: int = 3) -> Words:
    """Folded words of up to ``n`` tokens from token ``j`` on, stopping at punctuation."""
    out: list[str] = []
    k = j
    while k < len(toks) and len(out) < n and not _PUNCT.search(text[toks[k - 1].end : toks[k].start]):
        out.append(toks[k].key)
        k += 1
    return tuple(w for key in out for w in key.split())


def kind_hint(article: Article, start: int, end: int, lexicon: Lexicon | None = None) -> str | None:
    """The kind of place a cue word next to ``text[start:end]`` names ("gare de X" → "station")."""
    lex = lexicon or load_lexicon()
    text = article.text
    before = _words(_PUNCT.split(text[max(0, start - 60) : start])[-1])
    cues = cue_index(lex.kinds_before)
    for _ in range(4):  # "gare de X", "cosmodrome russe de X", "the station at X"
        found = cues.ending(before)
        if found is not None:
            return lex.kinds_before[found][1]
        # Glue and adjectives are crossed ("cosmodrome russe de X"), a locative is not: "Fiumicino
        # airport in Rome", "left the airport for X" name a town, not the airfield.
        if not before or not (before[-1] in lex.name_glue or before[-1] in lex.site_glue
                              or ((before[-1],) in lex.ignorable and before[-1] not in lex.locatives)):
            break
        before = before[:-1]
    inside = _words(text[start:end])
    after = inside + _words(_PUNCT.split(text[end : end + 50])[0])
    # The cue follows the name itself ("Vostochny Cosmodrome") or ends the span.
    found = cue_index(lex.kinds_after).starting(after, range(1, len(inside) + 1))
    if found is not None:
        return lex.kinds_after[found][1]
    return AREA if area_form(text, start, end, lex) else None


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
        # Looked up for every chunk: a set made once per article, not a copy of the cue list each time.
        self._after_cues = cue_index(lex.kinds_after).first
        self._middle_initials()
        for i, j in _runs(text, self.toks, lex, is_name):
            self._cut(i, j, lex, common)

    def _middle_initials(self) -> None:
        """"George W. Bush", "John F. Kennedy": a capital letter and a full stop between two
        capitalised words make a person's name, neither word a place."""
        toks, text = self.toks, self.text
        for k in range(1, len(toks) - 1):
            first, initial, last = toks[k - 1], toks[k], toks[k + 1]
            if (initial.end - initial.start == 1 and text[initial.start].isupper()
                    and text[initial.end : last.start] == ". " and text[first.end : initial.start] == " "
                    and first.cap and last.cap and not elided(text, first)):
                self.persons.update((first.key, last.key))
                self.rejected.extend(((k - 1, k), (k + 1, k + 2)))

    def _cut(self, i: int, j: int, lex: Lexicon, common: frozenset[str]) -> None:
        toks, text = self.toks, self.text
        if toks[i].initial and toks[i].key in lex.opening_participles:
            i += 1  # "Parti de Rome, il …": the participle and the "de" after it are no part of a name
            while i < j and toks[i].key in lex.connectors:
                i += 1
            if i == j:
                return
        before, after = _words_before(text, toks, i, 4), _words_after(text, toks, j)
        words = _span_words(toks, i, j)
        # An airfield's own name may hold a service's word ("Marine Corps Air Station X"): it is the airfield's.
        if (_contains(words, lex.organisations) and not _contains(words, lex.airfield_names)) or _after_organisation(
                before, lex):
            self.rejected.append((i, j))  # "Agence centrale de presse", "ministère de l'Unification"
            return
        if _is_object(before, after, lex):
            self.objects.add(" ".join(_span_words(toks, i, j)))  # "la fusée Angara", "an Angara rocket"
        if (_prefix_len(after, lex.person_verbs) or _inverted_speech(before, lex)) and not office_of(before, lex):
            self.rejected.append((i, j))  # "Modi said", "a déclaré Lim"; "Kyiv said" is a government
        titled = any(len(before) >= n and before[-n:] in lex.titles for n in (1, 2)) or _abbreviated_title(
            text, toks, i, lex)
        # A whole run that is a name wins over its parts: "North Korea", "Corée du Nord".
        lead = i
        while lead < j and ((toks[lead].key,) in lex.ignorable or (toks[lead].initial and toks[lead].key in common)
                             or elided(text, toks[lead])):
            lead += 1
        for a in dict.fromkeys((i, lead)):
            if not titled and j - a >= 2 and (_capital_in(text, toks[j - 1]) or " ".join(
                    t.key for t in toks[a:j]) in lex.lower_names) and self.is_name(
                    text[toks[a].start : toks[j - 1].end]):
                self.segments.append([(a, j)])
                return
        group: list[tuple[int, int]] = []
        # Chunks are capitalised words not separated by a connector; a chunk is a name as a
        # whole or not at all ("Vladimir Poutine" is no "Vladimir"), once its edges are trimmed.
        for c, (a0, b0) in enumerate(_chunks(toks, i, j)):
            a, b = a0, self._title_inside(a0, b0, lex)
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
                if n and a == a0 and b - a > n and toks[a].key in lex.definite_articles and self.is_name(
                        text[toks[a].start : toks[b - 1].end]):
                    break  # "La Havane et La Paz": the article is the name's
                if n == 0 and toks[a].initial and toks[a].key in common:
                    n = 1  # a sentence-initial word also written in lower case elsewhere
                if n == 0 and elided(text, toks[a]) and not self.is_name(text[toks[a].start : toks[b - 1].end]):
                    n = 1  # "L'Élysée a dit", but "L'Aquila" is a name
                if n == 0:
                    break
                a += n
            while a < b:
                n = _tok_suffix(toks, a, b, self._after_cues) or _tok_suffix(toks, a, b, lex.ignorable)
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

    def _title_inside(self, a: int, b: int, lex: Lexicon) -> int:
        """Where a title inside chunk [a, b) starts, the words after it taken as a person's name
        ("Brazilian President Luiz Inácio Lula", "Saudi Crown Prince Mohammed"); ``b`` if none.
        A title opening the chunk is the trimming loop's, and one ending it names no one."""
        toks = self.toks
        for t in range(a + 1, b - 1):
            n = _tok_prefix(toks, t, b, lex.titles)
            if n and t + n < b:
                self.persons.update(k.key for k in toks[t + n : b])
                self.persons.add(" ".join(_span_words(toks, t + n, b)))
                return t
        return b

    def _flush(self, group: list[tuple[int, int]]) -> None:
        if group:
            self.segments.append(list(group))
