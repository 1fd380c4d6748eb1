"""Evidence: features of every place mention, read in one pass over each article's words."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, partial

from ..articlecache import kept_value, recalled
from ..model import Article, Mention, Place, TimeExpr
from ..parallel import kept_or_each
from ..tense import told_past
from ..textnorm import fold_key
from ..timexpr import parse_time_expressions
from .clauses import (
    DISPATCH_DASH,
    NEAR,
    Words,
    dateline,
    day_line,
    entry_relative,
    entry_starts,
    headed,
    negated,
    place_words,
    reported,
    verb_after,
    verb_before,
)
from .lexicon import lexicon
from .mentiontime import (
    NARRATIVE_DAYS,
    VAGUE,
    across_leg,
    named_day,
    narrative_day,
    narrative_days,
    other_clause,
    told_earlier,
    trip_day_distance,
    word_distance,
)
from .pronouns import Genders, antecedent, bounds
from .records import (
    Named,
    count_names,
    evidence_decoded,
    evidence_key,
    evidence_record,
    names_decoded,
    names_key,
    names_record,
    story_digest,
)
from .roles import RoleNames
from .storytime import month_time, story_time
from .subjects import People, acted, fronted, opens, placed, planned, scene, subject
from .traveller import TravellerNames

#: Verb types (infer.yaml) and the feature each counts for when its subject is the traveller, now.
VERB_TYPES = ("arrive", "depart", "head", "cross", "return", "visit", "meet", "stay", "plan")
GROUPS = {"arrive": "move", "return": "move", "cross": "move", "head": "move", "depart": "leave",
          "visit": "doings", "meet": "doings", "stay": "doings", "plan": "plan"}
#: Every mention feature, in a fixed order (the weights file names them). A verb told of someone
#: else counts as ``verb_other``, one told of an earlier time as ``verb_past``: evidence, not vetoes.
MENTION_FEATURES = (
    "move", "leave", "doings", "entry", "plan", "plan_undated", "verb_other", "verb_past", "verb_after", "where_verb", "locative",
    "acts", "reference", "traveller", "vehicle", "other_subject", "past", "pluperfect", "past_year", "old_date",
    "future", "dated", "dated_move", "dateline", "speech", "weapon", "hub_word", "cancelled")
#: Mention features that say a day in the sentence is not this trip's day at this place.
NOT_THIS_TRIP = ("past", "past_year", "old_date", "future", "plan", "speech", "weapon", "verb_other", "verb_past")


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
    whole_stay: bool = False  # its sentence is told of the whole stay ("pendant son séjour")
    aerial: bool = False  # told as an airfield: a landing or take-off reaches it
    earlier: bool = False  # told as an earlier time: a pluperfect clause with no day of the trip, an earlier year or mark
    other_leg: bool = False  # the day its sentence or the narrative gives is another leg's ("flew to X on Tuesday, then to Y")

    @cached_property
    def this_trip(self) -> bool:
        """No feature tells it of another time, another person, a plan, a speech or a weapon (NOT_THIS_TRIP).
        Kept once read: the visits and their days ask it of each mention many times (≈ 700,000 asks at
        2,000 articles). Not a field: records, equality and ``replace`` ignore it."""
        return not any(map(self.features.get, NOT_THIS_TRIP))


def mention_evidence(
    articles: Sequence[Article], mentions: Sequence[Mention], places: Mapping[str, Place], forced: str | None = None,
    progress: Callable[[str, int, int], None] | None = None, jobs: int = 1, *,
    read: Sequence[list[TimeExpr] | None] | None = None,
) -> tuple[list[MentionEvidence], str | None]:
    """Features of every placed mention, and the traveller's name word (``forced``, else the commonest
    name right before travel verbs; None when unknown). ``progress(stage, done, total)`` hears each
    article of both passes. Both passes read one article at a time, shared out to ``jobs`` processes
    (each builds the article's words itself: keeping them between the passes cost ≈ 130 KiB an
    article); their results are put together in story order, the same as one process's. ``read``: each
    article's time expressions already parsed as :func:`storytime.story_time` parses them, or None."""
    tell = progress or (lambda *_: None)
    default_year, anchor, parsed = story_time(articles, jobs, read)
    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.place_id is not None and m.place_id in places:
            by_article.setdefault(m.article_id, []).append(m)
    texts: list[tuple[Article, list[Mention], Sequence[TimeExpr]]] = []
    for a, exprs in zip(articles, parsed):
        if exprs is None:  # undated (read at the story's latest date, known only now) or an earlier default year
            exprs = parse_time_expressions(a.text, anchor=a.date or anchor, language=a.language,
                                           default_year=default_year)
        texts.append((a, sorted(by_article.get(a.id, []), key=lambda m: m.start), exprs))
    for language in sorted({a.language for a in articles}, key=str):
        lexicon(language)  # compiled here once, not in every process that reads a share of the articles

    def named(ai: int) -> Named:
        return kept_value("named", *names_key(*texts[ai]), lambda: count_names(*texts[ai]), names_record, names_decoded)

    names, roles, genders = TravellerNames(), RoleNames(), Genders()
    kept_names = [recalled("named", *names_key(*t), names_decoded) for t in texts]
    for part, said, told in kept_or_each(kept_names, named, jobs, tell, "reading the articles for the itinerary",
                                          renew=True):
        names.merge(part)
        roles.merge(said)
        genders.merge(told)
    counts = names.ranked()
    traveller = counts.most_common(1)[0][0] if counts else None
    who = names.names(traveller) if traveller else frozenset()
    if (role := names.role(counts)) is not None:
        # The role's moves are the traveller's, with the name's; the role is whose trip it is unless the
        # texts write the name after it ("le pape François"): a name never so written is a bystander's.
        traveller = traveller if traveller and names.titles_name(role, traveller) else role
        who = who | {role}
    if forced:
        traveller = fold_key(forced).split()[-1]
        who = frozenset(fold_key(forced).split())
    people = People(who, roles.whose(who), genders.of(who), names=names.persons())
    out: list[MentionEvidence] = []
    story = story_digest(traveller, people)

    def key(ai: int) -> tuple[str, str]:
        a, ments, exprs = texts[ai]
        return evidence_key(a, ments, exprs, a.date or anchor, story)

    def weighed(ai: int) -> list[MentionEvidence]:
        a, ments, exprs = texts[ai]
        return kept_value("evidence", *key(ai), lambda: _article_evidence(ai, a, ments, exprs, traveller, people, anchor),
                          evidence_record, partial(evidence_decoded, ai))

    kept_found = [recalled("evidence", *key(ai), partial(evidence_decoded, ai)) for ai in range(len(texts))]
    for found in kept_or_each(kept_found, weighed, jobs, tell, "weighing the mentions", renew=True):
        out += found
    return out, traveller


def _article_evidence(ai: int, a: Article, ments: list[Mention], exprs: Sequence[TimeExpr], traveller: str | None,
                      people: People, anchor: dt.date | None) -> list[MentionEvidence]:
    """The evidence of article ``ai``'s mentions, the traveller (``people``: their name's words, whom the
    story's role phrases name, their pronoun) known."""
    if traveller and any(fold_key(m.surface) == traveller for m in ments):
        # The traveller's name resolved as a place (a town abroad called like them): it names
        # the person, so it is no mention, and its words are read again as a name.
        ments = [m for m in ments if fold_key(m.surface) != traveller]
    entries = entry_starts(a.text) if a.date is not None else []
    exprs = entry_relative(exprs, entries, a.text, a.date)
    words = Words(a, ments, exprs)
    starts = [s.start for s in a.sentences]
    here = a.date or anchor
    spoken = [x for x in exprs if not reported(words, x)]
    days = narrative_days(words, [x for x in spoken if x.date is not None and x.relation not in VAGUE
                                  and x.confidence >= 0.5
                                  and (here is None or abs((x.date - here).days) <= NARRATIVE_DAYS)])
    day_starts = [x.start for x in days]
    facts: dict[int, Facts] = {}  # by sentence: each sentence is read once, whatever its mentions
    x_starts = [x.start for x in spoken]
    out = []
    firsts = bounds(words)
    for m in ments:
        told = bisect_left(day_starts, m.start)
        fact = _facts(facts, words, starts, spoken, x_starts, m, people, firsts)
        e = _features(ai, m, words, fact, replace(people, opened_by_other=fact.opened_by_other), here)
        # "Au cours de son séjour, …": the whole stay is its time, not the day named before it.
        said = None if fact.whole_stay else narrative_day(days[told - 1] if told else None, entries, m.start, a.date,
                                                          a.text)
        # "Puis Y.", "…, then on to Y": the narrative's day is the leg before's, Y's a later one.
        leg = e.other_leg or (e.date is None and said is not None and _ahead(said, here) and across_leg(
            words, max(said.end, words.article.sentence_at(m.start).start if a.sentences else 0), m.start, fact.lo,
            before=False))
        out.append(replace(e, told=said, now=here, whole_stay=fact.whole_stay, other_leg=leg))
    return out


@dataclass(frozen=True)
class Facts:
    """What a sentence says as a whole, read once for all the places it names."""

    lo: int  # first word
    hi: int  # end word
    traveller: bool
    past: tuple[int, ...]  # the last words of its "another time" marks ("il y a un an", "last year")
    future: int  # first plan marker that is no date ("may" in "May 8" is no plan; hi when none)
    exprs: tuple[TimeExpr, ...]
    whole_stay: bool = False  # told of the whole stay ("pendant son séjour", "during the visit")
    cancelled: bool = False  # tells of a plan called off ("la visite a été annulée", "was postponed")
    opened_by_other: bool = False  # opens with a pronoun standing for someone else ("Trump said … He left")


def _facts(cache: dict[int, Facts], w: Words, starts: list[int], exprs: Sequence[TimeExpr], x_starts: list[int],
           m: Mention, people: People, firsts: list[int]) -> Facts:
    i = max(bisect_right(starts, m.start) - 1, 0)
    if i not in cache:
        o_lo = starts[i] if starts else 0
        o_hi = starts[i + 1] if i + 1 < len(starts) else len(w.article.text)
        lo, hi = w.index(o_lo), w.index(o_hi)
        span = range(lo, hi)
        inside = tuple(exprs[bisect_left(x_starts, o_lo) : bisect_left(x_starts, o_hi)])
        name = antecedent(w, firsts, i) if i < len(firsts) else None
        cache[i] = Facts(
            lo, hi, any(w.words[k] in people.traveller for k in span),
            tuple(k for k in span if k in w.ends["past"]),
            next((k for k in span if k in w.ends["future"] and not w.time[k]), hi), inside,
            any(k in w.begins["whole_stay"] for k in span), any(k in w.begins["cancelled"] for k in span),
            name is not None and people.traveller.isdisjoint(name) and not people.names.isdisjoint(name))
    return cache[i]


def _features(ai: int, m: Mention, w: Words, facts: Facts, people: People, anchor: dt.date | None) -> MentionEvidence:
    a, b = w.index(m.start), w.index(m.end)
    s_lo, s_hi = facts.lo, facts.hi
    if a > s_lo and (a - 1) in w.ends["titles"]:
        # "l'évêque d'Avel", "the Duke of Corin landed in X": a person's title, so the
        # sentence's verbs, days and traveller say nothing of the place.
        return MentionEvidence(m.place_id or "", ai, m.start, m.end, m.sentence, {}, None)
    f: dict[str, float] = {}
    verb, verb_at = verb_before(w, a, s_lo)
    if verb_at is not None and negated(w, verb_at, a, s_lo):
        verb, verb_at = None, None  # "He did not go to X": told only to say he was not there
    if any(i in w.ends["reference"] for i in range(max(s_lo, a - 2), a)):
        f["reference"] = 1.0  # "au nord de X": the verb's place is the one before, X a landmark
        verb, verb_at = None, None
    elif verb is None:
        after = verb_after(w, b, s_hi)
        if after is not None:
            f["where_verb" if after[1] else "verb_after"] = 1.0
            verb_at = after[0]
    owned = place_words(f, w, a, b, s_lo, s_hi)
    if verb_at is not None:
        subject(f, w, verb_at, s_lo, people, a)
        if verb is None and not f.get("other_subject") and scene(w, a, b, s_lo, s_hi, people):
            f["doings"] = 1.0  # "In X he was received by …": the verb after the place is the traveller's, there
        elif verb is None and (opens(w, a, b, s_lo, s_hi) or _day_headed(w, a, b, facts)):
            # "In X, first, a meeting with …", "Samedi, X : visite du musée": an itinerary's line, its noun read
            # as a verb after it
            f["entry"] = 1.0
    elif fronted(w, a, b, s_lo, s_hi, people):
        f["other_subject"] = 1.0
    elif scene(w, a, b, s_lo, s_hi, people):
        f["doings"] = 1.0  # the traveller's doings there, told without a verb before or after the place
    elif acted(w, a, s_lo, people):
        f["acts"] = 1.0  # the traveller's doings there, told before it without a travel verb
        if planned(w, a, s_lo):
            f["future"] = 1.0  # and still to come: "il prononcera à X"
    elif _day_headed(w, a, b, facts):
        f["entry"] = 1.0  # a day's place in an itinerary's entries (a day, not an hour: "14h15 – À X, …" is news)
    elif day_line(w, a, b, s_lo, s_hi) and any(x.relation not in VAGUE and b <= w.index(x.start) for x in facts.exprs):
        f["entry"] = 1.0  # "Avel, mardi soir.": a diary's or a caption's place of the day
    elif opens(w, a, b, s_lo, s_hi):
        f["entry"] = 1.0  # an itinerary's line on what is done there, with no day: "À X, entretien avec …"
    if facts.traveller:
        f["traveller"] = 1.0
    nearer = trip_day_distance(w, a, b, facts.exprs, anchor)
    # A move reaching the place from before it: a clause describing the place after it ("travelled to X,
    # the town where the bodies were found a year ago") tells the place's past, not the move's time.
    told_to = _described(w, b, s_hi) if verb is not None else s_hi
    if any(word_distance(k, k + 1, a, b) < nearer for k in facts.past if k < told_to):
        f["past"] = 1.0
    if nearer == float("inf") and anchor is not None:
        f.update(month_time(w, s_lo, s_hi, anchor))
    ahead = (verb is not None and verb[0] == "plan") or facts.future < a
    future = w.future, w.article.sentence_at(m.start).start if w.article.sentences else 0
    date = named_day(f, m, facts.exprs, anchor, ahead, future, w.told_before)
    if f.get("past_year") and not any(x.is_past_year and word_distance(w.index(x.start), w.index(x.end), a, b) < nearer
                                      and w.index(x.start) < told_to for x in facts.exprs):
        del f["past_year"]
    earlier = told_earlier(w, f, (a, verb_at), s_lo, facts.exprs, anchor)
    if verb is not None:
        gate = _gate(f, verb[0], earlier and not _left(w, verb[0], a, s_lo))
        if gate == "plan" and date is None:
            gate = "plan_undated"  # "il doit revenir en fin de mois à X": maybe a later trip
        f[gate] = 1.0 if verb[1] <= NEAR else 0.5
        if date is not None and GROUPS[verb[0]] != "plan" and "verb_other" not in f and "verb_past" not in f:
            f["dated_move"] = 1.0
    if dateline(w, m):
        # "CITY, 27 avril (AFP) —": the day is the dispatch's, not a move's; one its sentence tells after the
        # dash, done by then, with no other place named before it (but a person's: "President X of Y"), is the stay's ("HAMILTON (AFP) — Le
        # Boeing a fait escale samedi soir"; not "CITY (AFP) — Il a quitté X lundi").
        f = {k: v for k, v in f.items() if k not in ("dated", "dated_move")} | {"dateline": 1.0}
        end = w.index(_dispatch_end(w.article.text, m.end))
        told = [x for x in facts.exprs if w.index(x.start) >= end and not placed(w, end, w.index(x.start))
                and told_past(w.article.text, w.article.language, x.start, x.end)]
        date = named_day({}, m, told, anchor, False)
        date = date if date is not None and date.date is not None and (anchor is None or date.date <= anchor) else None
    if owned or (f.get("speech") and verb is None):
        # "le porte-parole du Kremlin a confirmé que Tavi était entré …": the place speaks (a move
        # reaching it would make "arrived in X, officials said" the traveller's), so the sentence's
        # traveller, day and verbs tell nothing about it. A weapon sent there still makes it a target
        # ("livraisons d'armes à X, que cherchent à éviter ses voisins": the verb is not X's).
        f, date, verb = {"speech": 1.0} | {k: v for k, v in f.items() if k == "weapon"}, None, None
    if facts.cancelled:
        # "Le déplacement, prévu à X, a été reporté": whatever the sentence says of X, no one went.
        f, date, verb = {"cancelled": 1.0}, None, None
    if date is not None and other_clause(w, date, m):  # the sentence names a day, but for another clause
        date = named_day({}, m, [x for x in facts.exprs if not other_clause(w, x, m)], anchor, ahead, future,
                         w.told_before)
    leg = date is not None and _across_leg(w, date, m, s_lo, anchor)
    if leg:  # the sentence's day is another leg's ("ce mardi à Y, puis X"): one on X's side, if any
        date = named_day({}, m, [x for x in facts.exprs if not _across_leg(w, x, m, s_lo, anchor)
                                 and not other_clause(w, x, m)], anchor, ahead, future, w.told_before)
    aerial = verb is not None and verb_at is not None and verb_at in w.begins["flight"]
    return MentionEvidence(m.place_id or "", ai, m.start, m.end, m.sentence, f, date, verb[0] if verb else "",
                           aerial=aerial, earlier=earlier, other_leg=leg and date is None)


def _across_leg(w: Words, x: TimeExpr, m: Mention, first: int, anchor: dt.date | None) -> bool:
    """The day ``x`` is another leg's than the place ``m`` (:func:`across_leg`): named after the next leg's
    cue that follows the place ("X, puis Y samedi", "à X, avant de rentrer à Y vendredi"); or named before
    the "then" that leads to it, on the article's day or later: a schedule's legs ("ce mardi à Y, puis X et
    Z", "landing in Y this evening, then X"). Told as done, "then" links one day's moves ("On Sunday he said
    Mass in Y, then flew to X"), and "before leaving for X" the same day's."""
    if m.end <= x.start:
        return across_leg(w, m.end, x.start, first)
    return _ahead(x, anchor) and across_leg(w, x.end, m.start, first, before=False)


def _ahead(x: TimeExpr, anchor: dt.date | None) -> bool:
    """The day is the article's own or a later one: a schedule's, not a day told as done."""
    return x.date is not None and anchor is not None and x.date >= anchor


def _day_headed(w: Words, a: int, b: int, facts: Facts) -> bool:
    """The place at words ``a``-``b`` heads its sentence after a day (:func:`clauses.headed`), not an hour."""
    return headed(w, a, b, facts.lo, facts.hi) and any(x.relation not in VAGUE and facts.lo <= w.index(x.start) < a
                                                       for x in facts.exprs)


def _dispatch_end(text: str, at: int) -> int:
    """Where a dateline whose place ends at ``at`` ends: after its dash ("KIGALI, Rwanda, March 25 —")."""
    dash = DISPATCH_DASH.search(text, at, at + 60)
    return dash.end() if dash else at


def _left(w: Words, kind: str, a: int, lo: int) -> bool:
    """The verb reaching the place at word ``a`` leaves it ("avait quitté X", "had flown in from X"):
    in the pluperfect, most often the trip's own start told from its arrival."""
    return kind == "depart" or (a > lo and w.words[a - 1] in w.lex.words["from_words"])


def _gate(f: dict[str, float], kind: str, earlier: bool) -> str:
    """The feature a verb counts for: someone else's doing, an earlier event, a plan, or its group.
    A verb told as an earlier time (a mark, or in the pluperfect itself in a sentence naming no day of
    the trip: "Le ministre s'était alors rendu à X") is an earlier trip's: counted as a move, it outweighed
    ``earlier`` itself. A pluperfect of another verb before it ("qui avaient chanté …, avant de
    reprendre la route vers X") says nothing of this one's time."""
    if f.get("other_subject"):
        return "verb_other"
    if f.get("past") or f.get("past_year") or f.get("old_date") or (
            earlier and f.get("pluperfect") and GROUPS[kind] != "plan"):
        return "verb_past"
    return "plan" if f.get("future") else GROUPS[kind]


def _described(w: Words, b: int, hi: int) -> int:
    """The first word of a relative clause after the place ending at word ``b`` ("X, where …", "X, whose
    people …", "X, qui …", "X, où …"), else ``hi``: from there on the sentence describes the place."""
    opens = w.lex.words["relative"] | w.lex.words["where"]
    return next((i for i in range(b, hi) if w.words[i] in opens), hi)
