"""Infer the journey (dated stops in travel order) from the articles' text and place mentions."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from .articles import split_sentences
from .model import Article, Evidence, Journey, Mention, Place, Stop
from .textnorm import fold, fold_key
from .timexpr import TimeExpr, alternation, cue_data, languages_for, parse_time_expressions

#: Cue types that move the traveller; undated ones are ordered by their article's date.
MOVES = frozenset({"depart", "cross", "arrive", "head-to"})
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019\-]*|\d+|[,;:.!?«»()\"]")
_CLAUSE_END = re.compile(r"[.;:!?«»()\n]")


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    type: str
    event: str
    window: int
    subjects: tuple[str, ...]  # names before the cue; () = pronoun, possessive or no subject
    planned: bool


@dataclass(frozen=True)
class _Cand:
    place_id: str
    order: tuple[int, int]  # (article index, offset): the text order
    article: Article
    sentence: int
    cue: _Cue
    expr: TimeExpr | None
    anchor: dt.date | None

    @property
    def date(self) -> dt.date | None:
        return self.expr.date if self.expr is not None and self.expr.relation != "clock" else None


@dataclass
class _Group:
    place_id: str
    cands: list[_Cand]
    key: tuple[Any, ...] = ()
    floating: bool = False

    @property
    def first(self) -> _Cand:
        return min(self.cands, key=lambda c: c.order)


@lru_cache(maxsize=8)
def _lexicon(language: str | None) -> dict[str, Any]:
    data = cue_data()

    def words(section: str) -> list[str]:
        langs = languages_for(data[section], language)
        return [str(w) for lang in langs for w in data[section][lang]]

    def fset(section: str) -> frozenset[str]:
        return frozenset(fold_key(w) for w in words(section))

    groups = []
    for lang in languages_for(data["travel"], language):
        for g in data["travel"][lang]:
            pattern = re.compile(r"(?<![\w'])" + alternation(g["phrases"]) + r"(?!\w)")
            groups.append((pattern, str(g["type"]), str(g["event"]), int(g["window"]), bool(g.get("noun"))))
    gov = data["government"]
    gov_langs = languages_for(gov, language)
    verbs_after = [w for lang in gov_langs for w in gov[lang]["verbs_after"]]
    before = [w for lang in gov_langs for w in gov[lang]["before"] + gov[lang]["verbs_before"]]
    return {
        "groups": groups,
        "gov_after": re.compile(r"^ ?(?:\w+(?:ment|ly) )?" + alternation(verbs_after) + r"(?!\w)"),
        "gov_before": re.compile(r"(?<![\w'])" + alternation(before) + r" ?[,\"]? ?$"),
        "past": re.compile(r"(?<![\w'])" + alternation(words("past_markers")) + r"(?!\w)"),
        "future": re.compile(r"(?<![\w'])" + alternation(words("future_markers")) + r"(?!\w)"),
        "pronouns": fset("pronouns"),
        "gap": fset("subject_gap"),
        "conj": fset("conjunctions"),
        "det": fset("determiners"),
        "not_names": fset("not_names"),
    }


def _name_tokens(name: str) -> set[str]:
    return {t for t in fold_key(name).split() if len(t) > 1}


def _subjects(text: str, lo: int, cue_start: int, skip: list[tuple[int, int]], lex: dict[str, Any]) -> tuple[str, ...]:
    """Names of whoever does the cue: capitalised words just before it (skipping auxiliaries)."""
    names: list[list[str]] = []
    current: list[str] = []
    verb_seen = False
    for tok in reversed(list(_TOKEN.finditer(text, lo, cue_start))):
        word = tok.group()
        inside = any(s <= tok.start() < e for s, e in skip)
        # After an elided article ("l'Occident", "d'Artiom") a capitalised word is no person.
        elided = re.match(r"^\w{1,2}['\u2019]", word) is not None
        bare = re.split(r"['\u2019]", word)[-1] if elided else word
        folded = fold_key(bare)
        if current:
            if not inside and not elided and bare[:1].isupper():
                current.insert(0, bare)
                continue
            names.append(current)
            current = []
            if folded in lex["conj"]:
                continue  # "Kim et Poutine": keep looking for the first name
            break
        if inside:
            continue  # place names and dates are not subjects
        if word == ",":
            # "Poutine, arrivé lundi à …" names him; "…, se sont retrouvés" closes an aside.
            if verb_seen:
                break
            verb_seen = True
            continue
        if folded in lex["pronouns"]:
            break
        if folded in lex["gap"] or fold_key(word) in lex["gap"]:
            verb_seen = True
            continue
        if not elided and bare[:1].isupper():
            current = [bare]
            continue
        break
    if current:
        names.append(current)
    out = []
    for name in reversed(names):
        # Sentence openers ("Le président Kim") are capitalised too: drop them from the front.
        while name and fold_key(name[0]) in lex["not_names"]:
            name = name[1:]
        if name:
            out.append(" ".join(name))
    return tuple(out)


def _find_cues(article: Article, lo: int, hi: int, skip: list[tuple[int, int]], lex: dict[str, Any]) -> list[_Cue]:
    text = article.text
    folded = fold(text[lo:hi])
    found: list[tuple[int, int, tuple[Any, ...]]] = []
    for group in lex["groups"]:
        for m in group[0].finditer(folded.text):
            s, e = folded.span(m.start(), m.end())
            prev = text[max(lo, lo + s - 12) : lo + s].split()
            # After a lower-case determiner a verb cue is a noun: "le parti", "the left" (not "Kim Jong Un était").
            if not group[4] and prev and prev[-1].islower() and fold_key(prev[-1]).strip("'") in lex["det"]:
                continue
            found.append((lo + s, lo + e, group))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, tuple[Any, ...]]] = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept) and not any(s <= f[0] < e for s, e in skip):
            kept.append(f)
    cues = []
    for start, end, (_, ctype, event, window, _noun) in sorted(kept, key=lambda f: f[0]):
        clause = max([lo, start - 100] + [m.end() for m in _CLAUSE_END.finditer(text, max(lo, start - 100), start)])
        before = fold(text[max(clause, start - 50) : start]).text
        subjects = _subjects(text, clause, start, skip, lex)
        planned = bool(lex["future"].search(before))
        cues.append(_Cue(start, end, ctype, event, window, subjects, planned))
    return cues


def _nearest_expr(exprs: list[TimeExpr], lo: int, hi: int, span: tuple[int, int]) -> TimeExpr | None:
    """The time expression of the sentence closest to the cue–place span (inside it first)."""
    best: tuple[tuple[bool, int], TimeExpr] | None = None
    for x in exprs:
        if x.start < lo or x.end > hi or x.relation == "year":
            continue
        # A day beats a bare clock time further away; then the closest wins.
        key = (x.relation == "clock", max(0, span[0] - x.end, x.start - span[1]))
        if best is None or key < best[0]:
            best = (key, x)
    return best[1] if best else None


def _sentence_spans(article: Article) -> list[tuple[int, int]]:
    sentences = article.sentences or split_sentences(article.text)
    return [(s.start, s.end) for s in sentences]


def _story_time(articles: Sequence[Article]) -> tuple[int | None, dt.date | None]:
    """The story's default year and the date an article without one is read from.

    The default year is the commonest publication year, else the commonest year of explicit
    dates, else the latest year named ("en 2019" … "en 2023": news looks back, not forward).
    The story anchor is the latest publication date or explicit date anywhere in the story.
    """
    known = [a.date for a in articles if a.date]
    years: Counter[int] = Counter(d.year for d in known)
    named: list[int] = []
    if not years:
        for a in articles:
            for x in parse_time_expressions(a.text, anchor=None, language=a.language):
                if x.relation == "explicit" and x.date:
                    years[x.date.year] += 1
                elif x.year:
                    named.append(x.year)
    default_year = max(years, key=lambda y: (years[y], y)) if years else max(named, default=None)
    explicit = [
        x.date
        for a in articles
        for x in parse_time_expressions(a.text, anchor=a.date, language=a.language, default_year=default_year)
        if x.relation == "explicit" and x.date and x.confidence >= 0.9
    ]
    dates = known + explicit
    return default_year, (max(dates) if dates else None)


def infer_journey(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    places: Mapping[str, Place],
    *,
    kinds: Collection[str] | None = None,
    traveller: str | None = None,
) -> Journey:
    """The journey the text tells: travel cues bound to place mentions, dated and ordered.

    ``kinds`` are the place kinds shown as sites (default: ``site_kinds`` in cues.yaml);
    ``traveller`` forces whose journey it is (default: the most frequent subject of travel cues).
    ``Journey.notes`` says what was decided and why.
    """
    data = cue_data()
    site_kinds = {fold_key(k) for k in (kinds if kinds is not None else data["site_kinds"])}
    coarse_kinds = {fold_key(k) for k in data["coarse_kinds"]}
    rank = {str(k): int(v) for k, v in data["type_rank"].items()}
    notes: list[str] = []
    default_year, story_anchor = _story_time(articles)
    undated = [a.id for a in articles if a.date is None]
    if undated and story_anchor:
        notes.append(f"no publication date for {', '.join(undated)}: their weekdays are counted back from "
                     f"{story_anchor.isoformat()}, the latest date the story gives")

    by_article: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.place_id is not None and m.place_id in places:
            by_article.setdefault(m.article_id, []).append(m)

    cands: list[tuple[_Cand, Mention]] = []
    all_cues: list[_Cue] = []
    for ai, article in enumerate(articles):
        lex = _lexicon(article.language)
        anchor = article.date or story_anchor
        exprs = parse_time_expressions(article.text, anchor=anchor, language=article.language,
                                       default_year=default_year)
        ments = sorted(by_article.get(article.id, []), key=lambda m: m.start)
        skip = [(m.start, m.end) for m in ments] + [(x.start, x.end) for x in exprs]
        for si, (lo, hi) in enumerate(_sentence_spans(article)):
            cues = _find_cues(article, lo, hi, skip, lex)
            all_cues.extend(cues)
            bound: dict[int, tuple[_Cue, Mention]] = {}
            for cue in cues:
                after = [m for m in ments if m.start >= cue.start and m.end > cue.end and m.start < hi
                         and m.start - cue.end <= cue.window]
                if after:
                    m = after[0]
                    # The closest cue wins a place named after two cues.
                    if m.start not in bound or bound[m.start][0].start < cue.start:
                        bound[m.start] = (cue, m)
            for cue, m in bound.values():
                span = (min(cue.start, m.start), max(cue.end, m.end))
                expr = _nearest_expr(exprs, lo, hi, span)
                cands.append((_Cand(m.place_id or "", (ai, m.start), article, si, cue, expr, anchor), m))

    who = _traveller(all_cues, traveller)
    if who:
        notes.append(f"traveller: {who[0]} (subject of {who[1]} travel cues)")
    kept: list[_Cand] = []
    for cand, m in cands:
        reason = _rejection(cand, m, who[0] if who else None)
        name = places[cand.place_id].name
        if reason:
            notes.append(f"not a stop: {name} — {reason}: “{_quote(cand.article.text, cand.cue.start, m.end)}”")
        else:
            kept.append(cand)

    fine_countries = {places[c.place_id].country for c in kept if fold_key(places[c.place_id].kind) not in coarse_kinds}
    final = []
    for c in kept:
        p = places[c.place_id]
        if fold_key(p.kind) in coarse_kinds and (p.country in fine_countries or (p.country is None and fine_countries)):
            notes.append(f"not a stop: {p.name} — a {p.kind}; a finer place in it is a stop")
        elif not p.has_coords:
            notes.append(f"not a stop: {p.name} — no coordinates")
        else:
            final.append(c)

    rejected = {n.split(" — ")[0].removeprefix("not a stop: ") for n in notes if n.startswith("not a stop: ")}
    for p in dict.fromkeys(places[c.place_id].name for c in final if places[c.place_id].name in rejected):
        own = next(c for c in final if places[c.place_id].name == p)
        notes.append(f"kept {p}: the traveller's own cue supports it: “{_quote(own.article.text, own.cue.start, own.cue.end + own.cue.window)}”")
    stops = _order(final, rank, notes, places)
    out: list[Stop] = []
    for i, g in enumerate(stops, start=1):
        out.append(_stop(i, g, rank, places, site_kinds))
        first = out[-1]
        when = first.date.isoformat() if first.date else "undated"
        notes.append(f"stop {i}: {places[g.place_id].name}, {when}, {first.event} "
                     f"({len(first.evidence)} sentence{'s' if len(first.evidence) != 1 else ''})")
    return Journey(stops=tuple(out), origin="inferred", notes=tuple(dict.fromkeys(notes)))


def _quote(text: str, start: int, end: int, limit: int = 90) -> str:
    snippet = " ".join(text[start:end].split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def _traveller(cues: list[_Cue], forced: str | None) -> tuple[str, int] | None:
    """The most frequent named subject of travel cues (names sharing a word count as one)."""
    if forced:
        return forced, sum(1 for c in cues if any(_name_tokens(s) & _name_tokens(forced) for s in c.subjects))
    clusters: list[tuple[set[str], list[str]]] = []
    for cue in cues:
        for name in cue.subjects:
            toks = _name_tokens(name)
            for ctoks, names in clusters:
                if ctoks & toks:
                    ctoks |= toks
                    names.append(name)
                    break
            else:
                clusters.append((set(toks), [name]))
    if not clusters:
        return None
    first_depart = next((c.subjects for c in cues if c.type == "depart" and c.subjects), ())
    def score(cl: tuple[set[str], list[str]]) -> tuple[int, bool]:
        return len(cl[1]), any(_name_tokens(s) & cl[0] for s in first_depart)
    best = max(clusters, key=score)
    return max(best[1], key=len), len(best[1])


def _rejection(c: _Cand, m: Mention, traveller: str | None) -> str | None:
    text = c.article.text
    lex = _lexicon(c.article.language)
    if c.cue.planned:
        return "a plan or a possibility, not a trip made"
    if traveller and c.cue.subjects:
        mine = _name_tokens(traveller)
        if not any(_name_tokens(s) & mine for s in c.cue.subjects):
            return f"{' and '.join(c.cue.subjects)}'s trip, not {traveller}'s"
    after = fold(text[m.end : m.end + 40]).text
    before = fold(text[max(0, m.start - 30) : m.start]).text
    if lex["gov_after"].match(after) or lex["gov_before"].search(before):
        return "named for its government"
    if c.expr is not None and c.expr.is_past_year:
        return f"a past event ({c.expr.surface})"
    lo, hi = _sentence_spans(c.article)[c.sentence]
    if lex["past"].search(fold(text[lo:hi]).text):
        return "a past event"
    return None


def _order(cands: list[_Cand], rank: dict[str, int], notes: list[str], places: Mapping[str, Place]) -> list[_Group]:
    """Dated stops by (date, event type, text order); undated moves by their article's date;
    undated visits between the arrival and the departure; repeats merged."""
    dated: dict[tuple[str, dt.date], _Group] = {}
    for c in sorted(cands, key=lambda c: c.order):
        if c.date is not None:
            dated.setdefault((c.place_id, c.date), _Group(c.place_id, [])).cands.append(c)
    last_dated: dict[str, dt.date] = {}
    first_group: dict[str, _Group] = {}
    for (pid, day), g in sorted(dated.items(), key=lambda kv: kv[0][1]):
        last_dated[pid] = day
        first_group.setdefault(pid, g)
        g.key = (day, 0, min(rank.get(c.cue.type, 9) for c in g.cands), g.first.order)
    groups = list(dated.values())
    loose: dict[str, _Group] = {}
    for c in sorted(cands, key=lambda c: c.order):
        if c.date is not None:
            continue
        returning = (c.cue.type in ("arrive", "head-to") and c.place_id in last_dated
                     and c.anchor is not None and c.anchor > last_dated[c.place_id])
        if c.place_id in first_group and not returning:
            first_group[c.place_id].cands.append(c)
            continue
        g = loose.setdefault(c.place_id, _Group(c.place_id, []))
        g.cands.append(c)
    floats: list[_Group] = []
    for g in loose.values():
        moves = [c for c in g.cands if c.cue.type in MOVES and c.anchor is not None]
        if moves:
            mv = min(moves, key=lambda c: c.order)
            g.key = (mv.anchor, 1, 0, mv.order)
            groups.append(g)
        else:
            g.floating = True
            floats.append(g)
    groups.sort(key=lambda g: g.key)
    if floats:
        floats.sort(key=lambda g: g.first.order)
        arrived = next((i for i, g in enumerate(groups) if _main_type(g, rank) not in ("depart", "head-to")), None)
        leave = None
        if arrived is not None:
            leave = next((i for i in range(arrived + 1, len(groups)) if _main_type(groups[i], rank) == "depart"), None)
        at = len(groups) if leave is None else leave
        groups[at:at] = floats
        where = "between the arrival and the departure" if leave is not None else "after the dated stops"
        notes.append(f"undated visits placed {where}: {', '.join(places[g.place_id].name for g in floats)}")
    merged: list[_Group] = []
    seen: dict[str, int] = {}
    for g in groups:
        if merged and merged[-1].place_id == g.place_id:
            merged[-1].cands.extend(g.cands)
            continue
        if g.place_id in seen:
            # A second visit needs a return: going (back) there after leaving somewhere.
            left = any(_main_type(x, rank) == "depart" for x in merged[seen[g.place_id] + 1 :])
            if not (left and _main_type(g, rank) in ("arrive", "head-to")):
                merged[seen[g.place_id]].cands.extend(g.cands)
                notes.append(f"{places[g.place_id].name}: named again without a return, merged into its first stop")
                continue
            notes.append(f"{places[g.place_id].name}: appears twice — the text tells a return ({g.first.cue.event})")
        seen.setdefault(g.place_id, len(merged))
        merged.append(g)
    return merged


def _main_type(g: _Group, rank: dict[str, int]) -> str:
    counts = Counter(c.cue.type for c in g.cands)
    # Ties go to the more telling event: "met" says more than "was in".
    return max(counts, key=lambda t: (counts[t], t != "stay", -rank.get(t, 9)))


def _stop(seq: int, g: _Group, rank: dict[str, int], places: Mapping[str, Place], site_kinds: set[str]) -> Stop:
    main = _main_type(g, rank)
    cands = sorted(g.cands, key=lambda c: c.order)
    event = next(c.cue.event for c in cands if c.cue.type == main)
    date = next((c.date for c in cands if c.date is not None), None)
    time = next((c.expr.clock or c.expr.part_of_day for c in cands
                 if c.expr is not None and c.date == date and (c.expr.clock or c.expr.part_of_day)), None)
    evidence: dict[tuple[str, int], Evidence] = {}
    for c in cands:
        lo, hi = _sentence_spans(c.article)[c.sentence]
        evidence.setdefault((c.article.id, c.sentence),
                            Evidence(c.article.id, c.sentence, lo, hi, c.article.text[lo:hi].strip()))
    role = "site" if fold_key(places[g.place_id].kind) in site_kinds else "stop"
    return Stop(seq=seq, place_id=g.place_id, date=date, time=time, role=role, event=event,
                evidence=tuple(evidence.values()))


def diff_itineraries(curated: Journey, inferred: Journey, places: Mapping[str, Place] | None = None) -> list[str]:
    """What the inferred itinerary gets differently from the curated one, one line per difference."""
    def name(pid: str) -> str:
        return places[pid].name if places and pid in places else pid

    def first(j: Journey) -> dict[str, Stop]:
        out: dict[str, Stop] = {}
        for s in j.stops:
            out.setdefault(s.place_id, s)
        return out

    cur, inf = first(curated), first(inferred)
    lines = [f"missing: {name(p)} (curated stop {s.seq}{', ' + s.date.isoformat() if s.date else ''})"
             for p, s in cur.items() if p not in inf]
    lines += [f"added: {name(p)} (inferred stop {s.seq}{', ' + s.date.isoformat() if s.date else ''})"
              for p, s in inf.items() if p not in cur]
    a = [p for p in cur if p in inf]
    b = sorted(a, key=lambda p: inf[p].seq)
    keep = _lcs(a, b)
    lines += [f"reordered: {name(p)} is curated stop {cur[p].seq} but inferred stop {inf[p].seq}"
              for p in a if p not in keep]
    for p in a:
        cd, idate = cur[p].date, inf[p].date
        if cd != idate:
            lines.append(f"date: {name(p)} curated {cd.isoformat() if cd else 'undated'}, "
                         f"inferred {idate.isoformat() if idate else 'undated'}")
    cur_n = Counter(s.place_id for s in curated.stops)
    inf_n = Counter(s.place_id for s in inferred.stops)
    lines += [f"repeated: {name(p)} is {cur_n[p]} stop(s) in the curated itinerary, {inf_n[p]} inferred"
              for p in a if cur_n[p] != inf_n[p]]
    return lines


def _lcs(a: list[str], b: list[str]) -> set[str]:
    """Items of the longest common subsequence of two orderings (those not reordered)."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    out, i, j = set(), 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            out.add(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out
