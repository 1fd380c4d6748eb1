"""Clauses: an article's words with their marks, and what the words around one mention say (whose move a
verb tells: subjects.py)."""

from __future__ import annotations

import datetime as dt
import re
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from functools import cached_property

from ..articlecache import remembered
from ..model import Article, Mention, Sentence
from ..sentences import TERMINATORS, ends_sentence, split_sentences
from ..tense import future_marks, told_before
from ..textnorm import fold
from ..timexpr import TimeExpr
from .lexicon import Lexicon, lexicon
from .pronouns import gender

#: Words between a verb and its place that are not bridge words: up to NEAR is close, up to FAR far.
NEAR, FAR = 2, 6
#: How far (in words) the walk back from a place looks for its verb.
REACH = 18
#: A negation ("n'est pas", "did not") opens this many words at most before its verb.
NEGATION = 4
#: Punctuation that ends a clause (commas do not: appositions and time phrases sit between commas).
BREAKS = frozenset(";:!?()«»\"“”[]")
# A French elision keeps its apostrophe ("l'", "qu'"); an English possessive does not: "Rolan's" is
# "rolan" and "'s", so the traveller's name is the same word with or without it.
_TOKEN = re.compile(r"[^\W\d_]+'(?!s\b)|[^\W\d_]+|\d+|'s\b|[^\w\s]")
#: Punctuation around an itinerary entry's place (:func:`headed`; subjects.opens reads past it to what is done there).
#: No dash: dashes fold to spaces, so a spaced dash is read from the text (:meth:`Words.dashed`).
HEAD_MARKS = frozenset(",.:")
#: Markdown emphasis and heading marks: a diary's bold day ("**Samedi 3 juin.** Avel.") is its line's day.
#: No underscore: it is a word character, which the words drop.
MARKUP = frozenset("*#")
#: What may stand around an itinerary entry's day and place besides words (:func:`headed`): a day written
#: in bold is as much an entry's day as one followed by a comma.
ENTRY_MARKS = HEAD_MARKS | MARKUP
#: The dash closing a dateline ("KIGALI, Rwanda, March 25 —"), spaced: not a hyphen in a name.
DISPATCH_DASH = re.compile(r"\s[\u2014\u2013-]{1,2}\s")
_DASHLINE = re.compile(r"^[^\n]{0,40}?" + DISPATCH_DASH.pattern)
#: A live blog's entry opens its line with the hour it was posted and a dash ("17h25 -", "4:05 p.m. —"), or
#: with hours and minutes alone before a capital ("11:10 The papal plane …").
_ENTRY = re.compile(r"^[ \t]*(\d{1,2})(?:[:h.](\d{2}))?(?:[ \t]*([apAP])\.?[mM]\.?)?[ \t]+[\u2014\u2013-]{1,2}[ \t]"
                    r"|^[ \t]*(\d{1,2})[:h](\d{2})(?:[ \t]*([apAP])\.?[mM]\.?)?[ \t]+(?=[A-Z\u00c0-\u00dd])", re.MULTILINE)


def _analysis(text: str, language: str | None) -> dict:
    """What an article's words are whatever the story: its folded words with their original spans,
    where each phrase section's matches begin and end, the travel verbs' word spans, and the offsets
    of future tenses. A JSON record, kept per article by content (articlecache)."""
    lex = lexicon(language)
    f = fold(text)
    spans = [m.span() for m in _TOKEN.finditer(f.text)]
    folded = array("q", (s for s, _ in spans))

    def tok(at: int) -> int:
        return bisect_left(folded, at)

    phrases = {}
    for section, pattern in lex.phrases.items():
        found = [(tok(m.start()), tok(m.end()) - 1) for m in pattern.finditer(f.text)]
        phrases[section] = [sorted({a for a, _ in found}), sorted({b for _, b in found})]
    # One string of space-separated words (no word holds a space): decoded far faster than a list.
    return {"words": " ".join(f.text[s:e] for s, e in spans), "starts": [f.offsets[s] for s, _ in spans],
            "ends": [f.offsets[e - 1] + 1 for _, e in spans], "phrases": phrases,
            "verbs": [[kind, tok(m.start()), tok(m.end()) - 1] for kind, pattern in lex.verbs
                      for m in pattern.finditer(f.text)],
            "future": list(future_marks(text, language))}


def analysis_key(article: Article) -> tuple[str, str, Callable[[], dict]]:
    """The text, the rest of the key and the computation of an article's ``words`` cache record."""
    text, language = article.text, article.language
    return text, str(language), lambda: _analysis(text, language)


def _decoded(rec: dict) -> tuple:
    """The analysis' parts: words (interned: a story repeats them), the original offsets of their first
    characters and ends, future tenses' offsets, phrase sections' first and last words, verb spans."""
    phrases = rec["phrases"]
    words = [sys.intern(w) for w in rec["words"].split(" ")] if rec["words"] else []
    return (words, array("q", rec["starts"]), array("q", rec["ends"]),
            tuple(rec["future"]), {k: set(v[0]) for k, v in phrases.items()}, {k: set(v[1]) for k, v in phrases.items()},
            [(str(kind), int(a), int(b)) for kind, a, b in rec["verbs"]])


class Words:
    """An article's folded words with their marks: verbs ending there, places, times, capitals."""

    def __init__(self, article: Article, mentions: Sequence[Mention], exprs: Sequence[TimeExpr]) -> None:
        self.article = article
        self.lex: Lexicon = lexicon(article.language)
        text = article.text
        (self.words, self._starts, self._ends, self.future, self.begins, self.ends, verbs) = remembered(
            "words", *analysis_key(article), _decoded)
        self.capital = [text[s].isupper() for s in self._starts]
        n = len(self.words)
        self.place = [False] * n
        self.time = [False] * n
        for lo, hi, flags in [(m.start, m.end, self.place) for m in mentions] + [(x.start, x.end, self.time) for x in exprs]:
            for i in range(self.index(lo), self.index(hi)):
                flags[i] = True
        self.verb_end: list[tuple[str, int] | None] = [None] * n  # (type, first word index)
        for kind, a, b in verbs:
            while b > a and b < n and self.place[b]:
                b -= 1  # "sur la base" ending inside "base aérienne de X": the verb ends before the name
            old = self.verb_end[b]
            if 0 <= b < n and (old is None or old[1] > a):
                self.verb_end[b] = (kind, a)

    @cached_property
    def _tenses(self) -> tuple[int, ...]:
        return future_marks(self.article.text, self.article.language, present=False)

    def future_between(self, i: int, j: int) -> bool:
        """A future tense (:func:`geomap.tense.future_marks`: "il prononcera", "se tiendra", "is expected"; not a
        present, a diary's as often as a schedule's) is written from word ``i`` up to word ``j``."""
        if i >= j:
            return False
        end = self._starts[j] if j < len(self._starts) else len(self.article.text)
        return bisect_left(self._tenses, end) > bisect_left(self._tenses, self._starts[i])

    def told_before(self, x: TimeExpr) -> bool:
        """The day ``x`` is told in the pluperfect (:func:`geomap.tense.told_before`)."""
        return told_before(self.article.text, self.article.language, x.start, x.end)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The article's sentences; a text without them (a headline read on its own) is split here, once."""
        return self.article.sentences or split_sentences(self.article.text)

    def index(self, original: int) -> int:
        """The first word starting at or after original offset ``original``."""
        return bisect_left(self._starts, original)

    def raw(self, i: int) -> str:
        """Word ``i`` as written, lower-cased (accents kept: "visite" is no "visité")."""
        return self.article.text[self._starts[i] : self._ends[i]].lower()

    def in_hyphened_name(self, i: int) -> bool:
        """Word ``i`` is part of a name written with hyphens: one of three words or more, or joined to another
        capitalised word ("la place du Quatre-Septembre", "the Fourth-of-July memorial"; not "mid-April")."""
        text, lo, hi = self.article.text, self._starts[i], self._ends[i]
        while lo > 1 and text[lo - 1] == "-" and text[lo - 2].isalnum():
            lo -= 2
            while lo > 0 and text[lo - 1].isalnum():
                lo -= 1
        while hi + 1 < len(text) and text[hi] == "-" and text[hi + 1].isalnum():
            hi += 2
            while hi < len(text) and text[hi].isalnum():
                hi += 1
        parts = text[lo:hi].split("-")
        word = text[self._starts[i] : self._ends[i]]
        return len(parts) >= 3 or (len(parts) == 2 and any(p[:1].isupper() for p in parts if p != word))

    def abbreviated(self, i: int) -> bool:
        """Word ``i`` is a full stop that ends no sentence (:func:`geomap.sentences.ends_sentence`): an
        abbreviation's or an initial's ("Mr.", "M."), a decimal's."""
        return self.words[i] == "." and not ends_sentence(self.article.text, self.sentences, self._starts[i])

    def ends_sentence(self, i: int) -> bool:
        """Word ``i`` is a terminator that ends its sentence (:func:`geomap.sentences.ends_sentence`): not
        "Mr.", nor the "!" of "« Enfin ! » a dit Rolan"."""
        return self.words[i] in TERMINATORS and ends_sentence(self.article.text, self.sentences, self._starts[i])

    def dashed(self, i: int) -> bool:
        """A spaced dash stands between word ``i`` and the word before it (folding drops dashes from the
        words): "Corin — Entretien", not "Saint-Denis"."""
        return 0 < i < len(self.words) and bool(DISPATCH_DASH.search(
            self.article.text, self._ends[i - 1] - 1, self._starts[i] + 1))

    def skippable(self, i: int) -> bool:
        w = self.words[i]
        return (self.place[i] or self.time[i] or w.isdigit() or w in (",", ".", "'") or self.capital[i]
                or w in self.lex.words["bridge"])



def verb_before(w: Words, a: int, lo: int) -> tuple[tuple[str, int] | None, int | None]:
    """The travel verb whose reach ends at word ``a``: ((type, gap), its first word) or (None, None)."""
    gap = 0
    passed_place = passed_to = passed_trip = trip_to = apart = False
    # "for the short hop to X", "Mercredi soir, vol vers X": a trip noun right before the to-word leading to the
    # place tells the move as a verb would; a verb further back, if any, still says whose and which.
    noun: tuple[tuple[str, int] | None, int | None] = (None, None)
    for i in range(a - 1, max(lo, a - REACH) - 1, -1):
        word = w.words[i]
        if word in BREAKS or (i in w.ends["speech_after"] and w.verb_end[i] is None):
            break  # a speech verb opens another clause ("on his way from X, the presidency said, thanking Y")
        mark = w.verb_end[i]
        if mark is not None and not w.place[i]:
            kind = mark[0]
            if kind == "depart" and passed_to:
                kind = "head"  # "quitté X pour Y", "left for Y": Y is where the move goes, not left
            elif kind == "depart" and passed_place:
                return None, None  # "left X, Y …": the verb is X's
            if (gap > NEAR or passed_place) and mark[1] == i and w.raw(i) in w.lex.nouns:
                return None, None  # "the talks in X were cut short, Y refusing …": a noun names its own place
            return (kind, gap), mark[1]
        if w.place[i]:
            if passed_trip and not trip_to:
                return None, None  # "a regagné X, au terme d'un voyage en Y": Y is the trip's, the verb X's
            passed_place = True
        elif word in w.lex.words["to_words"] or i in w.ends["to_words"]:
            passed_to = True
            trip_to = passed_trip  # "left X for a trip to Y": the trip is where the move goes
        elif word in w.lex.words["trip_nouns"] and not apart:
            passed_trip = True
            if passed_to and not passed_place and noun[1] is None and (
                    w.words[i + 1] in w.lex.words["to_words"] or i + 1 in w.begins["to_words"]):
                noun = ("head", gap), i
        elif word == "," and not (i > lo and (w.place[i - 1] or (w.capital[i - 1] and not w.time[i - 1]))):
            apart = True  # "sa tournée, après une matinée à Y" (not "en Z, à Y"): Y is no longer the trip's
        if not w.skippable(i):
            gap += 1
            if gap > FAR:
                break
    return noun


def negated(w: Words, v: int, a: int, lo: int) -> bool:
    """The verb starting at word ``v`` is negated before its place at word ``a`` ("did not go to X",
    "n'est pas allé à X", "ne l'a mené ni à X"), and no "mais"/"but" turns it round before the
    place ("ni à X, mais à Y"): no move there."""
    k = next((k for k in range(v - 1, max(lo, v - NEGATION) - 1, -1) if k in w.ends["negation"]), None)
    return (k is not None and any(i in w.ends["negation_end"] for i in range(k, a))
            and not any(i in w.begins["clause_openers"] for i in range(k, a)))


def clause_start(w: Words, a: int, lo: int, opens: Collection[str] = ()) -> int:
    """The first word of the clause holding word ``a``: after the last break before it (":", ";", … or a word
    of ``opens``) in the sentence starting at word ``lo``."""
    return next((k + 1 for k in range(a - 1, lo - 1, -1) if w.words[k] in BREAKS or w.words[k] in opens), lo)


def verb_after(w: Words, b: int, hi: int) -> tuple[int, bool] | None:
    """A verb told after the place ("À X, il a rencontré", "X, où il est arrivé"): (its first word, where?)."""
    where = False
    for i in range(b, min(hi, b + 10)):
        word = w.words[i]
        if word in BREAKS:
            return None
        if word in w.lex.words["where"]:
            where = True
        mark = w.verb_end[i]
        if mark is not None and mark[0] != "plan" and not w.place[i]:
            return mark[1], where
    return None


def day_line(w: Words, a: int, b: int, lo: int, hi: int) -> bool:
    """The place opens its sentence and only its day follows, perhaps after a qualifier ("Avel, mardi
    soir.", "X (Y), vendredi 18 février.", "Corin, 8 July 2015"): a diary's, a letter's or a caption's line
    saying where its writer is that day (the day before the place: :func:`headed`)."""
    if any(w.words[i] not in HEAD_MARKS for i in range(lo, a)):
        return False
    rest = range(b, hi)
    if not any(w.time[i] for i in rest):
        return False
    depth = 0  # inside a qualifier's parentheses ("Avel (Eskarie)"): any words
    for i in rest:
        depth += (w.words[i] == "(") - (w.words[i] == ")")
        if not (depth or w.time[i] or w.place[i] or w.words[i].isdigit() or w.words[i] in HEAD_MARKS
                or w.words[i] in (")", "(") or w.words[i] in w.lex.words["bridge"]):
            return False
    return True


def place_words(f: dict[str, float], w: Words, a: int, b: int, lo: int, hi: int) -> bool:
    """Words right around the place: a locative, an origin, a weapon, a speaker, an airport. True
    when the place only qualifies a speaker ("porte-parole du Kremlin", "Kremlin spokesman")."""
    near = [i for i in range(max(lo, a - 3), a) if w.words[i] not in BREAKS]
    # "X airport", "l'aéroport de X", "the airport of X" (not "the airport in X": X is then the city).
    linked = a - 2 >= lo and w.words[a - 1] in w.lex.words["hub_of"] and (a - 2) in w.ends["hub_nouns"]
    if (b < hi and b in w.begins["hub_nouns"]) or (a - 1) in w.ends["hub_nouns"] or linked:
        f["hub_word"] = 1.0
    if any(w.words[i] in w.lex.words["locative"] for i in near[-2:]):
        f["locative"] = 1.0
    if any(w.words[i] in w.lex.words["weapons"] for i in range(max(lo, a - 5), a)):
        f["weapon"] = 1.0
    speaker = any(w.words[i] in w.lex.words["officials"] for i in near) or any(i in w.ends["speech_before"] for i in near)
    after = [i for i in range(b, min(hi, b + 4)) if w.words[i] != ","]
    # "Kremlin spokesman", "Moscow officials": the place's people speak for it; "Moscow said",
    # "X refusant de …" (the speech verb right after it, no comma): the place is the one speaking.
    official_after = bool(after) and w.words[after[0]] in w.lex.words["officials"]
    speaks = b < hi and b in w.begins["speech_after"]
    # "In X, he called on …", "at X, Trump said": a subject after the place speaks, not the place.
    said = after[:1] if after and _subject_word(w, after[0]) else after[:2]
    if speaker or official_after or any(i in w.begins["speech_after"] for i in said):
        f["speech"] = 1.0
    return speaker or official_after or speaks


def _subject_word(w: Words, i: int) -> bool:
    """Word ``i`` can open a clause as its subject: a pronoun, or a capitalised word that is no place or time."""
    return (w.words[i] in w.lex.words["pronouns"] or gender(w, i) is not None
            or (w.capital[i] and not w.place[i] and not w.time[i]))


def headed(w: Words, a: int, b: int, lo: int, hi: int) -> bool:
    """The place heads its sentence after a day or an hour, as an itinerary's entry ("Samedi, Avel,
    Eskarie.", "Vendredi : Corin, dans le nord", "- Le soir à Eska : sommet et dîner",
    "**Samedi 3 juin.** Avel.", "Mercredi 8 mars, Corin — Entretien avec …"): only the day, "in/à",
    punctuation and markup before it, and punctuation, markup, a spaced dash or the sentence's end after it."""
    before = range(captioned(w, lo, a), a)
    return (any(w.time[i] for i in before) and (b >= hi or w.words[b] in ENTRY_MARKS or w.dashed(b))
            and all(w.time[i] or w.words[i] in ENTRY_MARKS or w.words[i] in w.lex.words["locative"]
                    or _sited(w, i, a) for i in before))


def captioned(w: Words, lo: int, a: int) -> int:
    """The first word after a caption's number opening the sentence ("**Photo 6.**", "Photo 1/7 —"), else ``lo``."""
    i = lo
    while i < a and w.words[i] in MARKUP:
        i += 1
    if i == a or w.words[i] not in w.lex.words["caption_marks"]:
        return lo
    i += 1
    while i < a and (w.words[i].isdigit() or w.words[i] in ("/", ".") or w.words[i] in MARKUP):
        i += 1
    return i


def _sited(w: Words, i: int, a: int) -> bool:
    """Word ``i`` names the site before the place's town in a caption's heading ("Samedi, Corin Square, à X",
    "le même jour, base aérienne d'Avel, X"): capitalised or a bridge word, and a comma before the place."""
    return (w.capital[i] or w.words[i] in w.lex.words["bridge"]) and "," in w.words[i + 1 : a]


def dateline(w: Words, m: Mention) -> bool:
    """A wire dateline: the place opens the text and is followed by an agency or a dash."""
    text = w.article.text
    # Only the dateline's first place: "CITY, Country (Agency)" is where the dispatch is; its country qualifies
    # it. In the text's first sentence, as its dash is: an abbreviation before or after it ("ST. CORIN",
    # "CORIN, Sept. 3 —") ends none.
    end = w.sentences[0].end if w.sentences else len(text)
    if m.start > w.lex.dateline_within or "," in text[:m.start] or m.start >= end:
        return False
    after = text[m.end : m.end + 60]
    dash = _DASHLINE.match(after)
    return bool(w.lex.agencies.search(after[:50]) or (dash and m.end + dash.end() - 1 <= end))  # its space may end the line


def reported(w: Words, x: TimeExpr) -> bool:
    """A day right after a speech verb dates the report, not the journey ("the ministry said on Monday")."""
    i = w.index(x.start) - 1
    if i >= 0 and w.words[i] in w.lex.words["before_day"]:
        i -= 1
    return i >= 0 and i in w.ends["speech_after"]


def entry_starts(text: str) -> list[tuple[int, str]]:
    """Where a live blog's time-stamped entries start, with the hour each was posted ("17:25"): each
    is told on its article's day, and a blog often tells the newest first."""
    out = []
    for m in _ENTRY.finditer(text):
        h, mins, half = (m[1], m[2], m[3]) if m[1] else (m[4], m[5], m[6])
        hour = int(h) % 12 + 12 if (half or "").lower() == "p" else int(h) % (12 if half else 24)
        out.append((m.start(), f"{hour:02d}:{mins or '00'}"))
    return out


def entry_relative(exprs: Sequence[TimeExpr], entries: list[tuple[int, str]], text: str, day: dt.date | None
                    ) -> Sequence[TimeExpr]:
    """``exprs`` with "today", "this morning", "yesterday" in a live blog's entry counted from the day
    heading the entries above it, not from the article's date: a blog updated over days posts each
    entry on its own day ("Saturday 9 May … 10:40 The convoy, which left X this morning, …")."""
    if not entries or day is None or not any(x.relation == "relative" for x in exprs):
        return exprs
    heads = [(x.start, x.date) for x in exprs if x.date is not None and heading(text, x)]
    out = []
    for x in exprs:
        k = bisect_right(entries, (x.start, "\uffff"))
        h = bisect_left(heads, (entries[k - 1][0],)) if k else 0
        if x.relation == "relative" and x.date is not None and h and heads[h - 1][1] != day:
            x = replace(x, date=x.date + (heads[h - 1][1] - day))
        out.append(x)
    return out


def heading(text: str, x: TimeExpr) -> bool:
    """The day is named alone on its line: a heading over the entries below it."""
    line_start = text.rfind("\n", 0, x.start) + 1
    line_end = text.find("\n", x.end)
    line = text[line_start: len(text) if line_end < 0 else line_end]
    return line.strip().strip(":.#* ").casefold() == x.surface.strip().casefold()
