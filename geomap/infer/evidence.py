"""Evidence: features of every place mention, read in one pass over each article's words."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import Article, Mention, Place
from ..textnorm import fold, fold_key
from ..timexpr import TimeExpr, parse_time_expressions
from .lexicon import Lexicon, lexicon
from .traveller import TravellerNames

#: Verb types (infer.yaml) and the feature each counts for when its subject is the traveller, now.
VERB_TYPES = ("arrive", "depart", "head", "cross", "return", "visit", "meet", "stay", "plan")
GROUPS = {"arrive": "move", "return": "move", "cross": "move", "head": "move", "depart": "leave",
          "visit": "doings", "meet": "doings", "stay": "doings", "plan": "plan"}
#: Every mention feature, in a fixed order (the weights file names them). A verb told of someone
#: else counts as ``verb_other``, one told of an earlier time as ``verb_past``: evidence, not vetoes.
MENTION_FEATURES = (
    "move", "leave", "doings", "plan", "verb_other", "verb_past", "verb_after", "where_verb", "locative",
    "from", "reference", "traveller", "pronoun", "vehicle", "whose", "other_subject", "past", "pluperfect", "past_year", "old_date",
    "future", "dated", "dated_move", "dateline", "speech", "weapon", "lede", "hub_word")
#: Words between a verb and its place that are not bridge words: up to NEAR is close, up to FAR far.
NEAR, FAR = 2, 6
#: How far (in words) the walk back from a place looks for its verb.
REACH = 18
#: A clause's subject name opens it within this many words ("Le président X …").
LEAD = 4
#: Punctuation that ends a clause (commas do not: appositions and time phrases sit between commas).
BREAKS = frozenset(";:!?()«»\"“”[]")
#: A day this far from the article's date is another story's, not narrative time.
NARRATIVE_DAYS = 31
#: Time expressions too vague to date a stop.
VAGUE = frozenset({"approximate", "clock", "year", "past-year"})
_TOKEN = re.compile(r"[^\W\d_]+'|[^\W\d_]+|\d+|[^\w\s]")
_DASHLINE = re.compile(r"^[^.!?\n]{0,40}?\s[\u2014\u2013-]{1,2}\s")


@dataclass(frozen=True)
class MentionEvidence:
    """What the text says around one mention of a place."""

    place_id: str
    article: int  # index of the article in the story
    start: int
    end: int
    sentence: int
    features: dict[str, float]
    date: TimeExpr | None  # the day its sentence names, nearest to it
    verb: str = ""  # the type of the travel verb that reaches it
    told: TimeExpr | None = None  # the last day the article named before it (narrative time)
    now: dt.date | None = None  # its article's date, else the story's latest date


class Words:
    """An article's folded words with their marks: verbs ending there, places, times, capitals."""

    def __init__(self, article: Article, mentions: Sequence[Mention], exprs: Sequence[TimeExpr]) -> None:
        self.article = article
        self.lex: Lexicon = lexicon(article.language)
        f = fold(article.text)
        self._offsets = f.offsets
        spans = [(m.start(), m.end()) for m in _TOKEN.finditer(f.text)]
        self.starts = [s for s, _ in spans]
        self.words = [f.text[s:e] for s, e in spans]
        text = article.text
        self.capital = [text[f.offsets[s]].isupper() for s, _ in spans]
        n = len(spans)
        self.ends: dict[str, set[int]] = {}
        self.begins: dict[str, set[int]] = {}
        for section, pattern in self.lex.phrases.items():
            found = [(self._tok(m.start()), self._tok(m.end()) - 1) for m in pattern.finditer(f.text)]
            self.begins[section] = {a for a, _ in found}
            self.ends[section] = {b for _, b in found}
        self.place = [False] * n
        self.time = [False] * n
        for lo, hi, flags in [(m.start, m.end, self.place) for m in mentions] + [(x.start, x.end, self.time) for x in exprs]:
            for i in range(self.index(lo), self.index(hi)):
                flags[i] = True
        self.verb_end: list[tuple[str, int] | None] = [None] * n  # (type, first word index)
        for kind, pattern in self.lex.verbs:
            for m in pattern.finditer(f.text):
                a, b = self._tok(m.start()), self._tok(m.end()) - 1
                while b > a and b < n and self.place[b]:
                    b -= 1  # "sur la base" ending inside "base aérienne de X": the verb ends before the name
                old = self.verb_end[b]
                if 0 <= b < n and (old is None or old[1] > a):
                    self.verb_end[b] = (kind, a)

    def _tok(self, folded: int) -> int:
        return bisect_left(self.starts, folded)

    def index(self, original: int) -> int:
        """The first word starting at or after original offset ``original``."""
        return self._tok(bisect_left(self._offsets, original))

    def skippable(self, i: int) -> bool:
        w = self.words[i]
        return (self.place[i] or self.time[i] or w.isdigit() or w in (",", ".", "'") or self.capital[i]
                or w in self.lex.words["bridge"])


def story_time(articles: Sequence[Article]) -> tuple[int | None, dt.date | None, list[list[TimeExpr] | None]]:
    """The story's default year (commonest publication year), its latest known date, and each
    article's time expressions when they were parsed with what the evidence pass would use (the
    article's own date and the final default year), else None: the text is then parsed again."""
    known = [a.date for a in articles if a.date]
    years = Counter(d.year for d in known)
    default_year = max(years, key=lambda y: (years[y], y)) if years else None
    dates = list(known)
    parsed: list[tuple[list[TimeExpr], int | None]] = []
    for a in articles:
        exprs = parse_time_expressions(a.text, anchor=a.date, language=a.language, default_year=default_year)
        parsed.append((exprs, default_year))
        for x in exprs:
            if x.relation == "explicit" and x.date and x.confidence >= 0.9:
                dates.append(x.date)
                if default_year is None:
                    default_year = x.date.year
    reuse = [exprs if a.date is not None and year == default_year else None
             for a, (exprs, year) in zip(articles, parsed)]
    return default_year, (max(dates) if dates else None), reuse


#: Word analyses kept from the first pass (the traveller's name) for the second (≈ 130 KiB each);
#: past this many articles the rest are read again, so 10,000 articles stay within memory.
KEEP_WORDS = 1000


def mention_evidence(
    articles: Sequence[Article], mentions: Sequence[Mention], places: Mapping[str, Place], forced: str | None = None
) -> tuple[list[MentionEvidence], str | None]:
    """Features of every placed mention, and the traveller's name word (``forced``, else the commonest
    name right before travel verbs; None when unknown)."""
    default_year, anchor, parsed = story_time(articles)
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.place_id is not None and m.place_id in places:
            by_article.setdefault(m.article_id, []).append(m)
    texts: list[tuple[Article, list[Mention], Sequence[TimeExpr], Words | None]] = []
    names = TravellerNames()
    for a, exprs in zip(articles, parsed):
        if exprs is None:  # undated (read at the story's latest date, known only now) or an earlier default year
            exprs = parse_time_expressions(a.text, anchor=a.date or anchor, language=a.language,
                                           default_year=default_year)
        ments = sorted(by_article.get(a.id, []), key=lambda m: m.start)
        words = Words(a, ments, exprs)
        names.add(words)
        texts.append((a, ments, exprs, words if len(texts) < KEEP_WORDS else None))
    counts = names.ranked()
    traveller = counts.most_common(1)[0][0] if counts else None
    if forced:
        traveller = fold_key(forced).split()[-1]
    out = []
    for ai, (a, ments, exprs, kept) in enumerate(texts):
        words = kept or Words(a, ments, exprs)
        starts = [s.start for s in a.sentences]
        here = a.date or anchor
        spoken = [x for x in exprs if not _reported(words, x)]
        days = [x for x in spoken if x.date is not None and x.relation not in VAGUE and x.confidence >= 0.5
                and (here is None or abs((x.date - here).days) <= NARRATIVE_DAYS)]
        day_starts = [x.start for x in days]
        facts: dict[int, Facts] = {}  # by sentence: each sentence is read once, whatever its mentions
        x_starts = [x.start for x in spoken]
        for m in ments:
            told = bisect_left(day_starts, m.start)
            e = _features(ai, m, words, _facts(facts, words, starts, spoken, x_starts, m, traveller), traveller, here)
            out.append(replace(e, told=days[told - 1] if told else None, now=here))
    return out, traveller


@dataclass(frozen=True)
class Facts:
    """What a sentence says as a whole, read once for all the places it names."""

    lo: int  # first word
    hi: int  # end word
    first: bool  # the article's first sentence (the lede)
    traveller: bool
    past: bool
    whose: int  # first "dont"/"whose" word (hi when none)
    future: int  # first plan marker that is no date ("may" in "May 8" is no plan; hi when none)
    exprs: tuple[TimeExpr, ...]


def _facts(cache: dict[int, Facts], w: Words, starts: list[int], exprs: Sequence[TimeExpr], x_starts: list[int],
           m: Mention, traveller: str | None) -> Facts:
    i = max(bisect_right(starts, m.start) - 1, 0)
    if i not in cache:
        o_lo = starts[i] if starts else 0
        o_hi = starts[i + 1] if i + 1 < len(starts) else len(w.article.text)
        lo, hi = w.index(o_lo), w.index(o_hi)
        span = range(lo, hi)
        inside = tuple(exprs[bisect_left(x_starts, o_lo) : bisect_left(x_starts, o_hi)])
        cache[i] = Facts(
            lo, hi, i == 0, bool(traveller) and any(w.words[k] == traveller for k in span),
            any(k in w.ends["past"] for k in span),
            next((k for k in span if w.words[k] in w.lex.words["whose"]), hi),
            next((k for k in span if k in w.ends["future"] and not w.time[k]), hi), inside)
    return cache[i]


def _features(ai: int, m: Mention, w: Words, facts: Facts, traveller: str | None,
              anchor: dt.date | None) -> MentionEvidence:
    a, b = w.index(m.start), w.index(m.end)
    s_lo, s_hi = facts.lo, facts.hi
    f: dict[str, float] = {}
    verb, verb_at = _verb_before(w, a, s_lo)
    if any(i in w.ends["reference"] for i in range(max(s_lo, a - 2), a)):
        f["reference"] = 1.0  # "au nord de X": the verb's place is the one before, X a landmark
        verb, verb_at = None, None
    elif verb is None:
        after = _verb_after(w, b, s_hi)
        if after is not None:
            f["where_verb" if after[1] else "verb_after"] = 1.0
            verb_at = after[0]
    _place_words(f, w, a, b, s_lo, s_hi)
    if f.get("reference"):
        f.pop("from", None)  # "two hours from X": a distance, not where the move starts
    if verb_at is not None:
        _subject(f, w, verb_at, s_lo, traveller)
    if facts.traveller:
        f["traveller"] = 1.0
    if facts.whose < a:
        f["whose"] = 1.0
    if facts.past:
        f["past"] = 1.0
    ahead = (verb is not None and verb[0] == "plan") or facts.future < a
    date = _date(f, m, facts.exprs, anchor, ahead)
    if verb is not None:
        f[_gate(f, verb[0])] = 1.0 if verb[1] <= NEAR else 0.5
        if date is not None and GROUPS[verb[0]] != "plan" and "verb_other" not in f and "verb_past" not in f:
            f["dated_move"] = 1.0
    if _dateline(w, m):
        # "CITY, 27 avril (AFP) —": the day is the dispatch's, not a move's.
        f = {k: v for k, v in f.items() if k not in ("dated", "dated_move")} | {"dateline": 1.0}
        date = None
    if facts.first:
        f["lede"] = 1.0
    return MentionEvidence(m.place_id or "", ai, m.start, m.end, m.sentence, f, date, verb[0] if verb else "")


def _gate(f: dict[str, float], kind: str) -> str:
    """The feature a verb counts for: someone else's doing, an earlier event, a plan, or its group."""
    if f.get("other_subject"):
        return "verb_other"
    if f.get("past") or f.get("past_year") or f.get("old_date"):
        return "verb_past"
    return "plan" if f.get("future") else GROUPS[kind]


def _date(f: dict[str, float], m: Mention, inside: Sequence[TimeExpr], anchor: dt.date | None,
          ahead: bool) -> TimeExpr | None:
    """The day the sentence names nearest the place, unless it is another time (flagged in ``f``).
    In a sentence that tells a plan (``ahead``) a bare weekday is the coming one, not the last."""
    if any(x.is_past_year for x in inside):
        f["past_year"] = 1.0
    if anchor is not None and any(x.relation == "year" and x.year and x.year > anchor.year for x in inside):
        f["future"] = 1.0  # "the next gathering will be held in X in 2027": a later year is a plan
    dated = [x for x in inside if x.date is not None and x.relation not in VAGUE]
    if not dated:
        return None
    x = min(dated, key=lambda x: abs(x.start - m.start))
    if ahead and x.relation == "weekday-past" and x.date is not None and anchor is not None and x.date < anchor:
        x = replace(x, date=x.date + dt.timedelta(days=7), relation="weekday-next")
    if anchor is not None and x.date is not None and abs((x.date - anchor).days) > NARRATIVE_DAYS:
        f["old_date"] = 1.0
        return None
    f["dated"] = 1.0
    return x


def _verb_before(w: Words, a: int, lo: int) -> tuple[tuple[str, int] | None, int | None]:
    """The travel verb whose reach ends at word ``a``: ((type, gap), its first word) or (None, None)."""
    gap = 0
    passed_place = passed_to = False
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
            return (kind, gap), mark[1]
        if w.place[i]:
            passed_place = True
        elif word in w.lex.words["to_words"] or i in w.ends["to_words"]:
            passed_to = True
        if not w.skippable(i):
            gap += 1
            if gap > FAR:
                break
    return None, None


def _verb_after(w: Words, b: int, hi: int) -> tuple[int, bool] | None:
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


def _place_words(f: dict[str, float], w: Words, a: int, b: int, lo: int, hi: int) -> None:
    """Words right around the place: a locative, an origin, a weapon, a speaker, an airport."""
    near = [i for i in range(max(lo, a - 3), a) if w.words[i] not in BREAKS]
    # "X airport", "l'aéroport de X", "the airport of X" (not "the airport in X": X is then the city).
    linked = a - 2 >= lo and w.words[a - 1] in ("de", "d'", "du", "of") and (a - 2) in w.ends["hub_nouns"]
    if (b < hi and b in w.begins["hub_nouns"]) or (a - 1) in w.ends["hub_nouns"] or linked:
        f["hub_word"] = 1.0
    if any(w.words[i] in w.lex.words["locative"] for i in near[-2:]):
        f["locative"] = 1.0
    if any(i in w.ends["from_words"] for i in near):
        f["from"] = 1.0
    if any(w.words[i] in w.lex.words["weapons"] for i in range(max(lo, a - 5), a)):
        f["weapon"] = 1.0
    speaker = any(w.words[i] in w.lex.words["officials"] for i in near) or any(i in w.ends["speech_before"] for i in near)
    after = [i for i in range(b, min(hi, b + 4)) if w.words[i] != ","]
    if speaker or any(i in w.begins["speech_after"] for i in after[:2]):
        f["speech"] = 1.0


def _subject(f: dict[str, float], w: Words, v: int, lo: int, traveller: str | None) -> None:
    """Who does the verb starting at word ``v``: a pronoun, a vehicle, a plan, an earlier time, someone else."""
    before = list(range(max(lo, v - 8), v))
    if any(w.words[i] in w.lex.words["pronouns"] for i in before[-4:]):
        f["pronoun"] = 1.0
    if any(w.words[i] in w.lex.words["vehicles"] for i in before):
        f["vehicle"] = 1.0
    if any(i in w.ends["pluperfect"] for i in before[-3:]):
        f["pluperfect"] = 1.0  # an earlier event, or this trip told in reported speech: the weights say
    if any(i in w.ends["future"] and not w.time[i] for i in before[-4:]):  # "May 8" is no "may"
        f["future"] = 1.0
    if _name_before(w, v, lo, traveller) == "other":
        f["other_subject"] = 1.0


def _name_before(w: Words, v: int, lo: int, traveller: str | None) -> str:
    """Whose name is the verb's subject: "traveller", "other" (a name without the traveller's word) or ""."""
    i = v - 1
    while i >= lo and (w.words[i] in w.lex.words["bridge"] and not w.capital[i]) and v - i <= 3:
        i -= 1  # auxiliaries and adverbs: "Kim a également rencontré"
    run: list[str] = []
    while i >= lo and len(run) < 12:
        # Names joined by "and" or commas do the verb together ("X, Y et Z sont arrivés"): the
        # traveller among them makes it the traveller's move.
        names = []
        while i >= lo and w.capital[i] and not w.place[i] and w.words[i] not in w.lex.words["not_names"] and len(names) < 5:
            names.append(w.words[i])
            i -= 1
        run += names
        if not names or i < lo + 1 or not (w.words[i] == "," or w.words[i] in w.lex.words["and_words"]):
            break
        i -= 1
    if not run:
        # No name right before it: the clause's first name, if it is not the traveller's and no
        # pronoun stands nearer ("Le président X écoute une présentation lors d'un sommet à Y").
        words = w.words[max(lo, v - REACH) : v]  # a bounded look: linear in the text
        if traveller in words or any(x in w.lex.words["pronouns"] or x in w.lex.words["vehicles"] for x in words):
            return ""
        first = next((i for i in range(lo, min(v, lo + LEAD)) if w.capital[i] and not w.place[i] and not w.time[i]
                      and w.words[i] not in w.lex.words["not_names"] and not w.words[i - 1].endswith("'")), None)
        if first is None:
            return ""
        return "traveller" if w.words[first] == traveller else "other"  # a long clause opened by the traveller
    if traveller in run:
        return "traveller"
    return "" if any(x in w.lex.words["vehicles"] for x in run) else "other"  # a named plane is the traveller's


def _dateline(w: Words, m: Mention) -> bool:
    """A wire dateline: the place opens the text and is followed by an agency or a dash."""
    text = w.article.text
    if m.start > w.lex.dateline_within or any(ch in text[:m.start] for ch in ".!?\n"):
        return False
    after = text[m.end : m.end + 60]
    return bool(w.lex.agencies.search(after[:50]) or _DASHLINE.match(after))


def _reported(w: Words, x: TimeExpr) -> bool:
    """A day right after a speech verb dates the report, not the journey ("the White House said on Monday")."""
    i = w.index(x.start) - 1
    if i >= 0 and w.words[i] in ("on", "le", "ce"):
        i -= 1
    return i >= 0 and i in w.ends["speech_after"]
