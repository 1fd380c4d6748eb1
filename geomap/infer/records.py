"""The inference's two reading passes kept per article (articlecache): a rebuild reads what an unchanged article gave."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from sys import intern

from ..model import Article, Mention, TimeExpr
from ..timerecords import expr_from_record, expr_record
from .clauses import Words
from .pronouns import Genders
from .roles import RoleNames
from .subjects import People
from .traveller import TravellerNames

#: The names pass's result for one article: the traveller's, the role phrases' and the pronouns' counts.
Named = tuple[TravellerNames, RoleNames, Genders]


def count_names(a: Article, ments: Sequence[Mention], exprs: Sequence[TimeExpr]) -> Named:
    """What article ``a`` tells of the story's people: names before travel verbs, role phrases, pronouns."""
    names, roles, genders = TravellerNames(), RoleNames(), Genders()
    words = Words(a, ments, exprs)
    names.add(words)
    roles.add(words)
    genders.add(words)
    return names, roles, genders


def names_key(a: Article, ments: Sequence[Mention], exprs: Sequence[TimeExpr]) -> tuple[str, str]:
    """The text and the rest of the key of an article's ``named`` record: what its Words and the
    counting read besides the text (language, headline, where the places and times lie)."""
    return a.text, json.dumps([a.language, a.title, [(m.start, m.end) for m in ments],
                               [(x.start, x.end) for x in exprs]])


def story_digest(traveller: str | None, people: People) -> str:
    """A digest of what the weighing pass knows of the story's people (read by every article's
    weighing): a story whose traveller or names change weighs every article again."""
    roles = sorted([list(role), who] for role, who in people.roles.items())
    return hashlib.sha256(json.dumps([traveller, sorted(people.traveller), roles, people.pronoun,
                                      sorted(people.names)]).encode()).hexdigest()


def evidence_key(a: Article, ments: Sequence[Mention], exprs: Sequence[TimeExpr], here: dt.date | None,
                 story: str) -> tuple[str, str]:
    """The text and the rest of the key of an article's ``evidence`` record: everything the weighing
    reads besides the text (its mentions, time expressions, dates, the story's people)."""
    return a.text, json.dumps([a.language, _day(a.date), _day(here), story,
                               [(m.start, m.end, m.surface, m.place_id, m.sentence) for m in ments],
                               [_expr(x) for x in exprs]], ensure_ascii=False)


def evidence_record(found: Sequence[object]) -> dict:
    """An article's MentionEvidence list as a JSON record (the article's index is the story's: not kept)."""
    return {"evidence": [[e.place_id, e.start, e.end, e.sentence, e.features, _expr(e.date), e.verb,  # type: ignore[attr-defined]
                          _expr(e.told), _day(e.now), e.whole_stay, e.aerial, e.earlier, e.other_leg]  # type: ignore[attr-defined]
                         for e in found]}


def evidence_decoded(ai: int, rec: dict) -> list:
    """The MentionEvidence list of an ``evidence`` record, for article ``ai``."""
    from .evidence import MentionEvidence  # evidence imports this module

    # One object for equal values, as computed (a sentence's day serves its mentions, one feature name
    # every mention): the build's process receives them pickled, and a pickle sends an object once.
    # A warm 10,000-article build decodes ≈ 350,000 of them in its own process, one at a time: each
    # step here is written for that (no call for an absent day, the features built by map, not per item).
    exprs: dict[tuple, TimeExpr] = {}
    days: dict[str, dt.date] = {}

    def expr(r: list | None) -> TimeExpr | None:
        if r is None:
            return None
        key = tuple(r)
        x = exprs.get(key)
        if x is None:
            x = exprs[key] = expr_from_record(r)
        return x

    def day(s: str | None) -> dt.date | None:
        if s is None:
            return None
        d = days.get(s)
        if d is None:
            d = days[s] = dt.date.fromisoformat(s)
        return d

    return [MentionEvidence(intern(pid), ai, int(s), int(e), int(sent), dict(zip(map(intern, f), map(float, f.values()))),
                            expr(date), intern(verb), expr(told), day(now),
                            bool(whole), bool(aerial), bool(earlier), bool(leg))  # type: ignore[arg-type]
            for pid, s, e, sent, f, date, verb, told, now, whole, aerial, earlier, leg in rec["evidence"]]


def names_record(named: Named) -> dict:
    """The names pass's counts for one article as a JSON record, in the order they were counted
    (merged in story order, their ties rank as they did)."""
    names, roles, genders = named
    return {"counts": list(names.counts.items()), "pairs": [[*p, n] for p, n in names.pairs.items()],
            "capitals": sorted(names.capitals.items()),
            "lowered": sorted(names.lowered.items()), "written": sorted(names.written), "placed": sorted(names.placed),
            "titles": names.titles, "roles": list(names.roles.items()), "led": list(names.led.items()),
            "headed": list(names.headed.items()), "titled": [[*p, n] for p, n in names.titled.items()],
            "named": [[list(role), list(c.items())] for role, c in roles.named.items()],
            "subjects": [[list(role), n] for role, n in roles.subjects.items()],
            "told": [[list(name), pronoun, n] for (name, pronoun), n in genders.told.items()],
            "used": list(genders.used.items())}


def names_decoded(rec: dict) -> Named:
    names, roles, genders = TravellerNames(), RoleNames(), Genders()
    names.counts = Counter({str(w): int(n) for w, n in rec["counts"]})
    names.pairs = Counter({(str(a), str(b)): int(n) for a, b, n in rec["pairs"]})
    names.capitals = Counter({str(w): int(n) for w, n in rec["capitals"]})
    names.lowered = Counter({str(w): int(n) for w, n in rec["lowered"]})
    names.written, names.placed = set(rec["written"]), set(rec["placed"])
    names.titles = [(str(t), lang) for t, lang in rec["titles"]]
    names.roles = Counter({str(w): int(n) for w, n in rec["roles"]})
    names.led = Counter({str(w): int(n) for w, n in rec["led"]})
    names.headed = Counter({str(w): int(n) for w, n in rec["headed"]})
    names.titled = Counter({(str(a), str(b)): int(n) for a, b, n in rec["titled"]})
    roles.named = {(str(r[0]), str(r[1])): Counter({str(w): int(n) for w, n in c}) for r, c in rec["named"]}
    roles.subjects = Counter({(str(r[0]), str(r[1])): int(n) for r, n in rec["subjects"]})
    genders.told = Counter({(tuple(map(str, name)), str(p)): int(n) for name, p, n in rec["told"]})
    genders.used = Counter({str(p): int(n) for p, n in rec["used"]})
    return names, roles, genders


def _day(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _expr(x: TimeExpr | None) -> list | None:
    return expr_record(x) if x is not None else None
