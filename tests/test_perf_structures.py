"""The incremental structures behind linear discovery and resolution agree with brute force."""

from __future__ import annotations

import datetime as dt
import os
import random

from geomap.discover import _Spans
from geomap.geocoders.base import haversine_km
from geomap.geocoders.context import Context
from geomap.geocoders.nearest import NearestMemo, NearestTable


def test_spans_overlap_matches_brute_force() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        spans, kept = _Spans(), []
        for _ in range(rng.randrange(1, 12)):
            a = rng.randrange(0, 40)
            b = a + rng.randrange(0, 8)
            if rng.random() < 0.5:
                spans.add(a, b)
                kept.append((a, b))
            q = rng.randrange(0, 45)
            r = q + rng.randrange(0, 6)
            assert spans.overlaps(q, r) == any(q < e and s < r for s, e in kept)


def test_nearest_table_is_brute_force_min_and_reports_nearer_points() -> None:
    rng = random.Random(5)
    points = [(rng.uniform(-60, 60), rng.uniform(-170, 170)) for _ in range(40)]
    places = [(rng.uniform(-60, 60), rng.uniform(-170, 170)) for _ in range(15)]
    table = NearestTable(points[:3])
    memo = NearestMemo(table, 3)
    context = Context(points=memo.points, memo=memo)
    for p in places:
        assert context.nearest_km(p) == min(haversine_km(p, q) for q in points[:3])
    for k in range(3, 40, 4):
        before = {p: memo.nearest_km(p) for p in places}
        nearer = table.add(points[k : k + 4])
        after = {p: memo.nearest_km(p) for p in places}
        assert after == {p: min(haversine_km(p, q) for q in points[: k + 4]) for p in places}
        assert nearer == {p for p in places if after[p] < before[p]}
        assert table.asked_by(nearer) == ({3} if nearer else set())


def test_nearest_distances_are_haversine_to_the_bit_at_near_ties_and_antipodes() -> None:
    rng = random.Random(8)
    for _ in range(200):
        place = (rng.uniform(-89, 89), rng.uniform(-179, 179))
        antipode = (-place[0], place[1] - 180 if place[1] > 0 else place[1] + 180)
        # Points a hair apart around the place and its antipode: screening must not pick the wrong one.
        points = [(lat + rng.uniform(-1e-7, 1e-7), lon + rng.uniform(-1e-7, 1e-7))
                  for lat, lon in (place, antipode) for _ in range(4)]
        table = NearestTable(points[4:])
        assert table.nearest_km(place) == min(haversine_km(place, q) for q in points[4:])
        table.add(points[:4])
        assert table.nearest_km(place) == min(haversine_km(place, q) for q in points)
        far = haversine_km(place, points[5])
        assert table.within(place, far) == [q for q in points[4:] + points[:4] if haversine_km(place, q) <= far]


def test_a_point_a_hair_nearer_is_reported_nearer() -> None:
    # The screen compares cosines, which near 0 km round at ~0.3 km: places and points metres apart.
    rng = random.Random(13)
    for _ in range(500):
        place = (rng.uniform(-89, 89), rng.uniform(-179, 179))
        hair = rng.choice((1e-3, 1e-5, 1e-8))
        points = [(place[0] + rng.uniform(-hair, hair), place[1] + rng.uniform(-hair, hair)) for _ in range(3)]
        table = NearestTable(points[:1])
        memo = NearestMemo(table, 1)
        before = memo.nearest_km(place)
        nearer = table.add(points[1:])
        after = min(haversine_km(place, q) for q in points)
        assert nearer == ({place} if after < before else set())
        assert memo.nearest_km(place) == after


def test_first_points_count_as_a_change() -> None:
    table = NearestTable()
    memo = NearestMemo(table, 0)
    assert memo.nearest_km((0.0, 0.0)) is None
    assert table.add([(1.0, 1.0)]) is None  # the first points: every ranking may change
    assert table.add([(1.0, 1.0)]) == set()  # a point already known adds nothing
    assert table.asked_by([(0.0, 0.0)]) == {0}


def test_rounds_settle_what_a_walk_over_every_open_name_settles() -> None:
    from geomap.geocoders.rounds import SURE_CONFIDENCE, Rounds
    from geomap.model import Place, Resolution

    rng = random.Random(11)
    for _ in range(300):
        n = rng.randrange(1, 25)
        rounds, last = Rounds(n), {}
        ask = set(range(n))
        while rounds.open:
            for i in sorted(ask & rounds.open):
                conf = rng.choice((0.3, 0.5, 0.5, 0.79, 0.8, 0.95)) if rng.random() < 0.8 else None
                res = None if conf is None else Resolution(
                    query=str(i), place=Place(id=str(i), name=str(i)), resolver="geonames", confidence=conf)
                hopeful = res is not None or rng.random() < 0.7
                rounds.answer(i, res, hopeful)
                last[i] = (res, hopeful)
            # The walk the rounds replaced: every open name's last answer, every round.
            open_ = [i for i in sorted(last) if last[i][0] is not None or last[i][1]]
            answers = {i: last[i][0] for i in open_ if last[i][0] is not None}
            sure = [i for i, r in answers.items() if r.confidence >= SURE_CONFIDENCE]
            expected = sure or ([max(answers, key=lambda i: (answers[i].confidence, -i))] if answers else [])
            settled = rounds.settle()
            assert [i for i, _ in settled] == expected
            assert [r for _, r in settled] == [answers[i] for i in expected]
            if not settled:
                break
            for i in expected:
                del last[i]
            assert rounds.open == {i for i in last if last[i][0] is not None or last[i][1]}
            ask = set(rng.sample(sorted(rounds.open), k=rng.randrange(len(rounds.open) + 1)))


def _person_by_scanning(name, articles, lex) -> bool:
    """The one-scan-per-name definition the automaton pass replaced (every occurrence, overlaps too)."""
    from geomap.unplaced import _person_at

    for article in articles:
        at = article.text.find(name)
        while at >= 0:
            if _person_at(article, at, name, lex):
                return True
            at = article.text.find(name, at + 1)
    return False


def test_people_found_in_one_pass_are_those_a_scan_per_name_finds() -> None:
    import re
    from pathlib import Path

    from geomap.articles import load_articles
    from geomap.discover import load_lexicon
    from geomap.unplaced import _people

    lex = load_lexicon()
    root = Path(__file__).parent / "data" / "stories"
    for story in ("kim-hanoi-2019", "macron-kyiv-2022-b", "pope-asia-2024"):
        articles = load_articles([root / story])
        # Capitalised runs (people and places alike), plus names inside others and overlapping themselves.
        names = {m.group() for a in articles for m in re.finditer(r"[A-Z]\w+(?: [A-Z]\w+)*", a.text)}
        names |= {"an", "ana", "Kim", "Jong"}
        people = _people(names, articles, lex)
        assert people == {n for n in names if _person_by_scanning(n, articles, lex)}
        assert people and people != names


def test_cue_index_finds_the_first_listed_cue_like_comparing_every_cue() -> None:
    from geomap.discover.lexicon import cue_index, load_lexicon

    lex = load_lexicon()
    rng = random.Random(11)
    for cues in (lex.kinds_before, lex.kinds_after, (((), "x"), (("a", "b"), "y"), (("b",), "z"), (("b",), "w"))):
        vocabulary = sorted({w for words, _ in cues for w in words}) + ["zz", "de", "la"]
        index = cue_index(cues)
        for _ in range(3000):
            words = tuple(rng.choice(vocabulary) for _ in range(rng.randrange(0, 7)))
            ending = next((i for i, (cue, _) in enumerate(cues) if words[-len(cue):] == cue), None)
            assert index.ending(words) == ending
            offsets = range(1, rng.randrange(1, 5))
            starting = next((i for i, (cue, _) in enumerate(cues)
                             if any(words[k:k + len(cue)] == cue for k in offsets)), None)
            assert index.starting(words, offsets) == starting


def test_stop_notes_read_from_the_index_are_those_a_scan_of_every_note_finds() -> None:
    from dataclasses import replace

    from geomap.model import Journey, Place, Stop, Story
    from geomap.render.payload import _notes_by_stop, _stop_notes

    places = {p: Place(id=p, name=n, lat=1.0, lon=2.0) for p, n in (("a", "Ax"), ("b", "B (old)"), ("c", "Cy"))}
    stops = tuple(Stop(seq=k, place_id=p) for k, p in ((1, "a"), (11, "b"), (2, "c"), (12, "a")))
    notes = ("traveller: X", "stop 1 (Ax): first", "stop 11 (B (old)): eleventh", "route to stop 11 (B (old)): by road",
             "stop 1 (Cy): not this stop's name", "stop 12 (Ax): twelfth", "stop 2 (Cy): second", "stop 2 (Cy) no colon",
             "route to stop 1 (Ax): by air", "stop 1 (Ax): again")
    story = Story(articles=(), places=places, mentions=(), resolutions={}, journey=Journey(stops=stops, notes=notes))
    index = _notes_by_stop(story)
    everything = {k: list(notes) for k in (1, 2, 11, 12)}
    for stop in stops:
        assert _stop_notes(story, stop, {}, index) == _stop_notes(story, stop, {}, everything)
    assert [n["text"] for n in _stop_notes(story, stops[0], {}, index)] == ["first", "by air", "again"]
    assert _stop_notes(replace(story, journey=None), stops[0], {}, index) == []


def test_headline_lookup_is_the_substring_search_it_replaced() -> None:
    import datetime as dt
    import re
    from pathlib import Path

    from geomap.infer.score import _Headlines
    from geomap.model import Article
    from geomap.textnorm import fold_key

    rng = random.Random(4)
    vocab = ["Saint", "Jean", "de", "Luz", "Port", "Moresby", "New", "York", "l'Île", "ÉTÉ", "a"]
    titles = [" ".join(rng.choice(vocab) for _ in range(rng.randrange(0, 7))) or None for _ in range(60)]
    articles = [Article(id=f"a{i}", path=Path(f"a{i}.txt"), text="x", date=dt.date(2024, 1, 1), language="fr",
                        title=t) for i, t in enumerate(titles)]
    headlines = _Headlines(articles)
    folded = [" " + " ".join(re.findall(r"\w+", fold_key(t or ""))) + " " for t in titles]
    for _ in range(500):
        name = " ".join(rng.choice(vocab) for _ in range(rng.randrange(0, 4)))
        words = re.findall(r"\w+", fold_key(name))
        expected = bool(words) and any(f" {' '.join(words)} " in t for t in folded)
        assert headlines.name(words) == expected, name


def test_word_alternation_finds_what_the_assertion_before_the_alternation_finds() -> None:
    import re

    from geomap.langdata import alternation, word_alternation

    rng = random.Random(11)
    letters = "ab 'é"
    for _ in range(400):
        phrases = []
        for _ in range(rng.randrange(0, 6)):
            words = ["".join(rng.choice(letters) for _ in range(rng.randrange(1, 4))).strip() or "a"
                     for _ in range(rng.randrange(1, 3))]
            if rng.random() < 0.4:  # an optional part, as cue lists write "arrive(d)"
                k = rng.randrange(len(words))
                words[k] = f"{words[k]}({rng.choice('ab')})"
            phrases.append(" ".join(words))
        text = "".join(rng.choice(letters + ".\n") for _ in range(rng.randrange(0, 60)))
        for not_after, tail in ((r"\w", r"(?:(?<=')|(?!\w))"), (r"\w'", r"(?!\w)")):
            old = re.compile(rf"(?<![{not_after}])" + alternation(phrases) + tail)
            new = re.compile(word_alternation(phrases, not_after) + tail)
            assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)], (phrases, text)


def test_word_alternation_reads_cue_phrases_at_word_starts_longest_first() -> None:
    import re

    from geomap.langdata import word_alternation

    pattern = re.compile(word_alternation(["arrive(d) at", "arrive", "en provenance d'"], r"\w") + r"(?:(?<=')|(?!\w))")
    assert [m.group() for m in pattern.finditer("he arrived at dawn, rearrive, arrive; en provenance d'ici")] == [
        "arrived at", "arrive", "en provenance d'"]


def _articles_with_sentences(rng: random.Random, n: int) -> list:
    from pathlib import Path

    from geomap.model import Article, Sentence

    out = []
    for i in range(n):
        words = [rng.choice(("Oslo", "Bergen", "rain", "train", "met")) for _ in range(rng.randrange(6, 30))]
        text, sentences, start = "", [], 0
        for k, w in enumerate(words):
            text += w + (". " if k % 5 == 4 else " ")
            if k % 5 == 4 or k == len(words) - 1:
                sentences.append(Sentence(len(sentences), start, len(text)))
                start = len(text)
        out.append(Article(id=f"a{i}", path=Path(f"a{i}.txt"), text=text, language="en", sentences=tuple(sentences)))
    return out


def test_stop_evidence_marks_from_the_article_index_are_those_a_scan_of_the_place_finds() -> None:
    from geomap.model import Evidence, Mention
    from geomap.render.payload import _by_article, _evidence_quote

    rng = random.Random(6)
    articles = _articles_with_sentences(rng, 8)
    by_id = {a.id: a for a in articles}
    mentions: dict[str, list[Mention]] = {}
    for a in articles:
        for k, s in enumerate(a.sentences):
            for _ in range(rng.randrange(0, 3)):
                start = rng.randrange(s.start, s.end - 1)
                end = min(s.end, start + rng.randrange(1, 6))
                pid = rng.choice(("oslo", "bergen"))
                mentions.setdefault(pid, []).append(Mention(a.id, k, start, end, a.text[start:end], pid, "x"))
    told = _by_article(mentions)
    refs = {id(a): {"id": a.id} for a in articles}  # each article's reference, made once per page
    for pid, ms in mentions.items():
        for a in articles:
            for s in a.sentences:  # same offsets in every article: only the evidence's own article counts
                ev = Evidence(a.id, s.index, s.start, s.end, a.text[s.start:s.end])
                fast = _evidence_quote(by_id, ev, told.get((pid, a.id), []), refs)
                assert fast == _evidence_quote(by_id, ev, ms, refs)
    assert sum(map(len, told.values())) == sum(map(len, mentions.values()))


def test_stop_evidence_built_until_enough_is_the_first_sentences_of_all() -> None:
    from geomap.infer import MAX_EVIDENCE, _evidence
    from geomap.infer.evidence import MentionEvidence
    from geomap.model import Evidence

    rng = random.Random(7)
    articles = _articles_with_sentences(rng, 6)
    for _ in range(300):
        ms = []
        for _ in range(rng.randrange(0, 12)):
            ai = rng.randrange(len(articles))
            s = rng.choice(articles[ai].sentences)
            start = rng.randrange(s.start, s.end)
            ms.append(MentionEvidence("p", ai, start, start + 1, s.index, {}, None, rng.choice(("", "", "arrive"))))
        every: dict[tuple[int, int], Evidence] = {}
        for e in sorted(ms, key=lambda e: (not e.verb, e.article, e.start)):
            a, s = articles[e.article], articles[e.article].sentences[e.sentence]
            every.setdefault((e.article, s.index), Evidence(a.id, s.index, s.start, s.end, a.text[s.start:s.end].strip()))
        assert _evidence(ms, articles) == tuple(every.values())[:MAX_EVIDENCE]


def test_undated_visits_go_where_a_scan_of_the_route_puts_them() -> None:
    import datetime as dt

    from geomap.infer.detour import cheapest_chain
    from geomap.infer.order import _by_article, _stay_first, _undated
    from geomap.infer.visits import Visit
    from geomap.model import Place

    def scanned(route, first, undated, places):  # the scan of the whole route per article it replaced
        route = list(route)
        for chain in map(_stay_first, _by_article(sorted(undated, key=lambda v: v.order))):
            lo, hi = first, len(route)
            when = chain[0].when
            if when is not None:
                lo = max([lo] + [i + 1 for i, r in enumerate(route) if r.date is not None and r.date <= when])
                hi = min([hi] + [i for i, r in enumerate(route) if r.date is not None and r.date > when])
            at = cheapest_chain(route, chain, places, lo, max(lo, hi))
            route[at:at] = chain
        return route

    rng = random.Random(8)
    places = {f"p{k}": Place(id=f"p{k}", name=f"P{k}", lat=rng.uniform(-50, 50), lon=rng.uniform(-100, 100))
              for k in range(12)}

    def day() -> dt.date:
        return dt.date(2024, 5, 1) + dt.timedelta(days=rng.randrange(0, 9))

    for _ in range(400):
        route = [Visit(rng.choice(list(places)), day() if rng.random() < 0.8 else None, False, "arrived", (k, 0), ())
                 for k in range(rng.randrange(0, 10))]
        if rng.random() < 0.5:  # mostly in day order, as the days put them, but not always (a base's visits)
            route.sort(key=lambda v: v.date or dt.date(2024, 5, 1))
        undated = [Visit(rng.choice(list(places)), None, False, rng.choice(("arrived", "departed")),
                         (rng.randrange(0, 5), rng.randrange(0, 100)), (), when=day() if rng.random() < 0.7 else None,
                         within=rng.random() < 0.2) for _ in range(rng.randrange(0, 8))]
        first = rng.randrange(0, 2) if route else 0
        assert _undated(route, first, undated, places) == scanned(route, first, undated, places)


def _opens_sentence(text: str, start: int) -> bool:
    """The definition: back over spaces and opening marks from ``start``, the text's start or a sentence's end."""
    p = start
    while p > 0 and text[p - 1] in " \t\u00a0\u202f(\u00ab\"\u201c\u2018":
        p -= 1
    return p == 0 or text[p - 1] in ".!?:;\n\u2026\u00ab\u00bb\"\u201c\u201d"


def test_sentence_openers_read_from_the_gap_since_the_last_word_are_those_a_look_back_finds() -> None:
    from geomap.discover.tokens import _TOKEN, _tokens

    rng = random.Random(11)
    pieces = ["Kyiv", "visite", "d'Irpin", "l'Élysée", "PORT", "MORESBY", "2023", "Jong-un", "the", "Modi",
              " ", " ", "  ", "\u00a0", "\n", ". ", "? ", ": ", "; ", "\u2026", "(", ")", "\u00ab ", " \u00bb",
              '"', "\u201c", "\u201d", "\u2018", ", ", " \u2014 ", "-", "'"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 14)))
        opened = {m.start(): _opens_sentence(text, m.start()) for m in _TOKEN.finditer(text)}
        # An elision cut off keeps its word's place in the sentence ("L'Élysée": both parts open it).
        starts = sorted(opened)
        for t in _tokens(text):
            word_start = max(s for s in starts if s <= t.start)
            assert t.initial == opened[word_start], (text, t)


def test_a_days_visits_told_apart_by_identity_are_ordered_as_by_equality() -> None:
    import datetime as dt
    from dataclasses import replace

    from geomap.infer.detour import cheapest
    from geomap.infer.order import (
        _by_day,
        _left_only,
        _previewed,
        _told_in_order,
    )
    from geomap.infer.samestop import same_stop
    from geomap.infer.visits import EVENTS, Visit
    from geomap.model import Place

    def compared(dated, places, before):  # the day's lists as `v not in heads` (field by field) made them
        days: dict = {}
        for v in sorted(dated, key=lambda v: (v.date, v.order)):
            days.setdefault(v.date, []).append(v)
        route = [before] if before is not None else []
        order = sorted(days)
        for i, d in enumerate(order):
            block = days[d]
            tail = [days[order[i + 1]][0]] if i + 1 < len(order) else []
            first = len(route)
            been = {v.place_id for v in route}
            starts = [v for v in block if _left_only(v)
                      and (not been or any(same_stop(places[v.place_id], places[p]) for p in been))]
            for v in starts:
                route.insert(cheapest(route + tail, v, places, first, len(route)), v)
            lo = len(route)
            back = [v for v in block if v.event == "returned"]
            rest = [v for v in block if v not in starts and v.event != "returned"]
            heads = [v for v in rest if v.event == EVENTS["head"] and not _previewed(v)]
            stated = [v for v in rest if not v.approximate and v not in heads]
            last = max((v.day_at[0] for v in stated), default=-1)
            later = [v for v in rest if stated and v.approximate and v not in heads and v.order[0] > last and not _left_only(v)]
            nxt = tail[0] if tail else None
            _told_in_order(route, [v for v in rest if v not in later and v not in heads], nxt, places, lo)
            _told_in_order(route, later, nxt, places, len(route))
            _told_in_order(route, heads, nxt, places, len(route))
            route += sorted(back, key=lambda v: v.order)
        return route[1:] if before is not None else route

    rng = random.Random(11)
    places = {f"p{k}": Place(id=f"p{k}", name=f"P{k}", lat=rng.uniform(-50, 50), lon=rng.uniform(-100, 100))
              for k in range(10)}
    events = [*EVENTS.values()]
    for _ in range(300):
        dated = [Visit(rng.choice(list(places)), dt.date(2024, 5, 1) + dt.timedelta(days=rng.randrange(0, 4)),
                       rng.random() < 0.4, rng.choice(events), (rng.randrange(0, 4), rng.randrange(0, 50)), (),
                       day_at=(rng.randrange(0, 4), 0)) for _ in range(rng.randrange(0, 14))]
        dated += [replace(v) for v in dated if rng.random() < 0.3]  # equal visits, other objects
        before = rng.choice([None, *dated]) if dated else None
        assert _by_day(dated, places, before) == compared(dated, places, before)


def test_least_detours_before_the_next_day_are_those_on_a_copy_of_the_route_ending_there() -> None:
    from geomap.infer.detour import cheapest, cheapest_chain
    from geomap.infer.visits import Visit
    from geomap.model import Place

    def km(a, b):
        return haversine_km(places[a.place_id].latlon, places[b.place_id].latlon)

    def copied(route, v, lo, hi):  # the scan over route + [next day's first] it replaced, tie to the later
        best = None
        for i in range(lo, hi + 1):
            if not route:
                return 0
            if i == 0:
                cost = km(route[0], v)
            elif i == len(route):
                cost = km(route[i - 1], v)
            else:
                cost = km(route[i - 1], v) + km(route[i], v) - km(route[i - 1], route[i])
            if best is None or cost <= best[0]:
                best = (cost, i)
        return best[1] if best else hi

    def copied_chain(route, chain, lo, hi):
        if len(chain) == 1:
            return copied(route, chain[0], lo, hi)
        best = None
        for i in range(lo, hi + 1):
            prev, nxt = (route[i - 1] if i > 0 else None), (route[i] if i < len(route) else None)
            cost = (km(prev, chain[0]) if prev else 0.0) + (km(chain[-1], nxt) if nxt else 0.0)
            cost -= km(prev, nxt) if prev and nxt else 0.0
            if best is None or cost <= best[0]:
                best = (cost, i)
        return best[1] if best else hi

    rng = random.Random(14)
    places = {f"p{k}": Place(id=f"p{k}", name=f"P{k}", lat=rng.uniform(-50, 50), lon=rng.uniform(-100, 100))
              for k in range(6)}  # few places: many ties, and visits at the same place side by side

    def visit() -> Visit:
        return Visit(rng.choice(list(places)), None, False, "arrived", (0, 0), ())

    for _ in range(3000):
        route = [visit() for _ in range(rng.randrange(0, 9))]
        after = visit() if rng.random() < 0.6 else None
        lo = rng.randrange(0, len(route) + 1)
        hi = rng.randrange(lo, len(route) + 1) if rng.random() < 0.7 else len(route)
        chain = [visit() for _ in range(rng.randrange(1, 4))]
        whole = route + ([after] if after is not None else [])
        assert cheapest(route, chain[0], places, lo, hi, after) == copied(whole, chain[0], lo, hi)
        assert cheapest_chain(route, chain, places, lo, hi, after) == copied_chain(whole, chain, lo, hi)


def test_remembered_leg_lengths_are_geopys_geodesic_whatever_was_asked_before() -> None:
    from itertools import pairwise

    from geopy.distance import geodesic

    from geomap.journey.legs import path_km

    rng = random.Random(12)
    points = [(rng.uniform(-89, 89), rng.uniform(-179, 179)) for _ in range(8)]
    for _ in range(50):  # a route coming back to its places: the same legs asked again, both ways
        route = [rng.choice(points) for _ in range(rng.randrange(2, 9))]
        want = sum(geodesic(a, b).km for a, b in pairwise(route) if a != b)
        assert path_km(route) == want


def test_support_share_is_the_brute_force_weight_within_reach_less_the_askers_own() -> None:
    from geomap.geocoders.support import SUPPORT_KM, Support

    rng = random.Random(11)
    # Spread over the globe, with clusters at the antimeridian and near a pole (the grid's edges).
    points = [((rng.uniform(-80, 80), rng.uniform(-180, 180)), rng.uniform(0.1, 3), rng.randrange(-1, 8))
              for _ in range(300)]
    points += [((rng.uniform(-20, 20), rng.choice((-1, 1)) * rng.uniform(178, 180)), 1.0, rng.randrange(8))
               for _ in range(60)]
    points += [((rng.uniform(86, 89.9), rng.uniform(-180, 180)), 1.0, rng.randrange(8)) for _ in range(40)]
    support = Support(points)
    for latlon in [p for p, _, _ in points[::7]] + [(0.0, 179.9), (0.0, -179.9), (89.5, 0.0), (-89.0, 10.0)]:
        for owner in (-1, 0, 3):
            near = sum(w for p, w, o in points if o != owner and haversine_km(latlon, p) <= SUPPORT_KM)
            total = sum(w for _, w, o in points if o != owner)
            assert abs(support.share(latlon, owner) - near / total) < 1e-9


def test_control_bytes_counted_in_c_are_those_a_byte_by_byte_count_finds() -> None:
    from geomap.sources.text import _TEXT_CONTROLS, _control_bytes

    rng = random.Random(11)
    for _ in range(500):
        raw = bytes(rng.choice(b"\x00\x01\x1b\x1f\x7f\x80\xff\t\n\r\x0b\x0c a\xc3\xa9") for _ in range(rng.randrange(0, 300)))
        assert _control_bytes(raw) == sum(1 for b in raw if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    assert _control_bytes(bytes(range(256))) == 32 - 5 + 1


def test_abbreviation_read_from_a_window_is_the_word_a_walk_back_to_the_last_space_finds() -> None:
    from geomap.langdata import _WORD_WINDOW, abbreviations, is_abbreviation

    def walked(text: str, start: int, dot: int) -> bool:
        p = dot
        while p > start and not text[p - 1].isspace():
            p -= 1
        word = text[p:dot].lstrip("\"'(\u00ab\u201c[")
        return bool(word) and ("." in word or (len(word) == 1 and word.isalpha() and word.isupper())
                               or word.casefold() in abbreviations())

    pieces = [" ", "\u00a0", "\u2009", "\n", ".", "(", "\u00ab", '"', "M", "r", "Mr", "St", "etc", "U.S", "é",
              "x" * (_WORD_WINDOW - 1), "y" * _WORD_WINDOW, "z" * (_WORD_WINDOW + 3)]
    rng = random.Random(13)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 12)))
        for _ in range(8):
            start = rng.randrange(0, len(text) + 1)
            dot = rng.randrange(start, len(text) + 1)
            assert is_abbreviation(text, dot, start) == walked(text, start, dot), (text, start, dot)


def test_one_parse_gives_the_node_and_the_data_two_parses_give_and_the_same_errors() -> None:
    import pytest
    import yaml

    from geomap import yamlmarks
    from geomap.articles import _Loader

    good = ["a.txt:\n  date: 2024-01-02\n  language: fr\nb.txt:\n  title: No\n", "", "x: [1, {a: b}]\n", "- 1\n- 2\n"]
    for text in good:
        node, data = yamlmarks.compose_load(text, _Loader)
        again = yamlmarks.compose(text, _Loader)
        assert data == yamlmarks.load(text, _Loader)
        assert yaml.serialize(node) == yaml.serialize(again) if node is not None else again is None
        if node is not None:
            assert [k.start_mark.line for k, _ in node.value] == [k.start_mark.line for k, _ in again.value] \
                if isinstance(node, yaml.MappingNode) else True
    for bad in ["a: [1, 2\n", "a: b\n  c: d\n", "a: !!float [1]\n"]:
        with pytest.raises(Exception) as one:
            yamlmarks.compose_load(bad, _Loader)
        with pytest.raises(Exception) as two:
            yamlmarks.compose(bad, _Loader)
            yamlmarks.load(bad, _Loader)
        assert type(one.value) is type(two.value) and str(one.value) == str(two.value)


def test_this_trip_read_once_is_the_feature_rule_and_follows_replace() -> None:
    import dataclasses
    import pickle

    from geomap.infer.evidence import MENTION_FEATURES, NOT_THIS_TRIP, MentionEvidence

    rng = random.Random(13)
    for _ in range(500):
        features = {k: rng.choice([0.0, 0.0, 1.0, 0.5]) for k in rng.sample(MENTION_FEATURES, rng.randrange(0, 8))}
        e = MentionEvidence("p", 0, 0, 1, 0, features, None)
        assert e.this_trip == (not any(features.get(k) for k in NOT_THIS_TRIP))
        assert e.this_trip == e.this_trip  # read again from the instance
        other = {k: 1.0 - v if k in NOT_THIS_TRIP else v for k, v in features.items()} | {"plan": 0.0}
        moved = dataclasses.replace(e, features=other)  # a copy with other features reads its own
        assert moved.this_trip == (not any(other.get(k) for k in NOT_THIS_TRIP))
        assert pickle.loads(pickle.dumps(e)) == e


def test_where_the_route_stood_by_bands_of_latitude_is_asked_as_of_every_earlier_stop() -> None:
    from geomap.infer.samestop import Stood, same_stop
    from geomap.infer.visits import Visit
    from geomap.model import Place

    rng = random.Random(5)
    for _ in range(60):
        # Clustered places (a few km to a few tens apart), hubs and sites among towns, near band edges too.
        centre = (rng.uniform(-80, 80), rng.uniform(-179, 179))
        kinds = ["city", "city", "airport", "station", "site", "river"]
        places = {f"p{k}": Place(id=f"p{k}", name=f"P{k}", lat=centre[0] + rng.uniform(-0.6, 0.6),
                                 lon=centre[1] + rng.uniform(-0.6, 0.6), kind=rng.choice(kinds)) for k in range(40)}
        ids = list(places)
        been = Stood(places)
        seen: list[str] = []
        for pid in rng.sample(ids, 25):
            v = Visit(pid, None, False, "visited", (0, 0), ())
            assert been.holds(v) == any(same_stop(places[pid], places[q]) for q in seen), pid
            if rng.random() < 0.6:
                been.add([pid])
                seen.append(pid)


def test_the_span_of_the_other_places_days_is_that_of_every_other_place() -> None:
    import datetime as dt
    from collections import Counter

    from geomap.infer.home import others_span

    rng = random.Random(17)
    for _ in range(300):
        start = dt.date(2020, 1, 1)
        days = {f"p{k}": sorted({start + dt.timedelta(days=rng.randrange(12)) for _ in range(rng.randrange(0, 4))})
                for k in range(rng.randrange(1, 7))}
        every = sorted(d for ds in days.values() for d in ds)
        stating = Counter(every)
        for pid, own in days.items():
            others = [d for other, ds in days.items() if other != pid for d in ds]
            assert others_span(own, stating, sorted(stating)) == ((min(others), max(others)) if others else None)


def test_support_told_by_cosines_is_every_point_measured() -> None:
    from collections import defaultdict

    from geomap.geocoders.support import SUPPORT_KM, Support, _around

    rng = random.Random(23)
    for _ in range(12):
        # Crowded cells (hundreds of points within a few degrees), some points just inside or outside the reach.
        centre = (rng.uniform(-70, 70), rng.uniform(-179, 179))
        points = [((centre[0] + rng.uniform(-4, 4), centre[1] + rng.uniform(-4, 4)), rng.uniform(0.1, 2.0),
                   rng.randrange(-1, 40)) for _ in range(600)]
        support = Support(points)
        for _ in range(30):
            q = (centre[0] + rng.uniform(-4, 4), centre[1] + rng.uniform(-4, 4))
            if rng.random() < 0.3:  # a point right at the edge of another's reach
                p = rng.choice(points)[0]
                q = (p[0] + SUPPORT_KM / 111.2 * rng.choice((-1, 1)), p[1])
            by_owner: dict[int, float] = defaultdict(float)
            for cell in _around(q):  # every point of every cell around measured, in order
                for p, w, o, *_ in support._cells.get(cell, ()):
                    if haversine_km(q, p) <= SUPPORT_KM:
                        by_owner[o] += w
            owner = rng.randrange(-1, 40)
            total = support.total - support._owned.get(owner, 0.0)
            expected = max(0.0, sum(by_owner.values()) - by_owner.get(owner, 0.0)) / total
            assert support.share(q, owner) == expected


def test_one_orderings_searches_measure_each_pair_of_places_once_and_answer_as_alone() -> None:
    from collections.abc import Mapping

    from geomap.infer.detour import Legs, cheapest, cheapest_chain
    from geomap.infer.visits import Visit
    from geomap.model import Place

    class Counted(Mapping):  # the places, counting how often a place is looked up to be measured
        def __init__(self, places: dict[str, Place]) -> None:
            self.places, self.asked = places, 0

        def __getitem__(self, key: str) -> Place:
            self.asked += 1
            return self.places[key]

        def __iter__(self):
            return iter(self.places)

        def __len__(self) -> int:
            return len(self.places)

    rng = random.Random(17)
    plain = {f"p{k}": Place(id=f"p{k}", name=f"P{k}", lat=rng.uniform(-50, 50), lon=rng.uniform(-100, 100))
             for k in range(8)}
    places = Counted(plain)
    legs = Legs(places)

    def visit() -> Visit:
        return Visit(rng.choice(list(plain)), None, False, "arrived", (0, 0), ())

    route: list[Visit] = []
    for _ in range(400):  # one big day: every visit searched for over all the ones put in before
        after = visit() if rng.random() < 0.5 else None
        chain = [visit() for _ in range(rng.randrange(1, 3))]
        at = cheapest_chain(route, chain, places, 0, len(route), after, legs)
        assert at == cheapest_chain(route, chain, plain, 0, len(route), after)
        assert cheapest(route, chain[0], places, 0, len(route), after, legs) == cheapest(route, chain[0], plain, 0,
                                                                                         len(route), after)
        route[at:at] = chain
    # Two look-ups a measure, each ordered pair measured once (a scan measured ~ the square of the route),
    # and one a place for its latitude.
    assert places.asked <= 2 * len(plain) ** 2 + len(plain)


def _least_detour_by_every_leg(route: list, chain: list, places: dict) -> int:
    """Where a search puts ``chain`` in ``route``, every leg's detour measured: the least, ties to the later leg."""
    plain = [haversine_km(places[a.place_id].latlon, places[chain[0].place_id].latlon)
             + haversine_km(places[chain[-1].place_id].latlon, places[b.place_id].latlon)
             - haversine_km(places[a.place_id].latlon, places[b.place_id].latlon) for a, b in zip(route, route[1:])]
    return 1 + max(range(len(plain)), key=lambda i: (-plain[i], i))


def test_a_search_measures_no_leg_to_places_whose_latitudes_alone_make_the_detour_longer() -> None:
    # A day of a big story holds hundreds of visits: each search measured the way to every one of them.
    from geomap.infer.detour import Legs, cheapest, cheapest_chain
    from geomap.infer.visits import Visit
    from geomap.model import Place

    places = {f"p{k}": Place(id=f"p{k}", name=f"P{k}", lat=k * 0.5, lon=(k % 3) * 0.2) for k in range(100)}
    places["q"] = Place(id="q", name="Q", lat=10.2, lon=0.3)
    route = [Visit(pid, None, False, "arrived", (0, 0), ()) for pid in places if pid != "q"]
    v = Visit("q", None, False, "arrived", (0, 0), ())
    for chain in ([v], [v, route[30]]):
        legs = Legs(places)
        at = cheapest_chain(route, chain, places, 0, len(route), None, legs)
        assert at == _least_detour_by_every_leg(route, chain, places)
        assert len([pair for pair in legs.memo if "q" in pair]) <= 20  # of 100
    assert cheapest(route, v, places, 0, len(route)) == 21


def test_returns_home_are_those_found_asking_every_visit_of_the_trip() -> None:
    import datetime as dt
    from dataclasses import replace

    from geomap.infer.order import _homecoming
    from geomap.infer.samestop import same_stop
    from geomap.infer.visits import EVENTS, Visit
    from geomap.model import Place

    def asked_all(inner, places):  # each return asked every visit whether it came earlier to its place
        towns: dict = {}
        for w in inner:
            towns.setdefault(places[w.place_id].country, set()).add(w.place_id)

        def home(v):
            here = places[v.place_id]
            return (v.event == EVENTS["return"] and v.approximate and here.country is not None
                    and all(same_stop(here, places[pid]) for pid in towns[here.country])
                    and not any(w.place_id == v.place_id and w is not v
                                and (w.order < v.order or (w.date is not None and w.date < v.date)) for w in inner))

        back = [v for v in inner if home(v)]
        rest = [v for v in inner if all(v is not b for b in back)]
        last = max((v.date for v in rest if v.date is not None), default=None)
        return rest, [replace(v, date=max(v.date, last)) if last and v.date else v for v in sorted(back, key=lambda v: v.order)]

    rng = random.Random(23)
    places = {f"p{k}": Place(id=f"p{k}", name=f"P{k}", lat=rng.uniform(-50, 50), lon=rng.uniform(-100, 100),
                             country=rng.choice(("AA", "BB", "CC", None))) for k in range(8)}
    for _ in range(500):
        inner = []
        for _ in range(rng.randrange(0, 12)):
            day = rng.choice((None, dt.date(2024, 5, 1 + rng.randrange(0, 5))))  # an approximate visit has a day
            inner.append(Visit(rng.choice(list(places)), day, day is not None and rng.random() < 0.6,
                               rng.choice((EVENTS["return"], "arrived")), (rng.randrange(0, 4), 0), ()))
        inner += [replace(v) for v in inner if rng.random() < 0.2]  # equal visits, other objects
        assert _homecoming(inner, places) == asked_all(inner, places)


_FORKS: list[int] = []
os.register_at_fork(before=lambda: _FORKS.append(1))  # counts the processes this one starts


def test_a_rebuilds_weighing_reads_the_kept_evidence_here_forking_for_none(tmp_path) -> None:
    # The evidence of a rebuild's articles was read in forked processes and sent back pickled: 10,000
    # articles' cost the build's process more to receive than to read their records itself.
    from test_infer_stay_border import PLACES, arts_of, mentions_of

    from geomap.articlecache import keeping
    from geomap.infer.evidence import mention_evidence

    filler = " The weather was grey and the talks were long, his aides said." * 20  # an article's length: times kept
    texts = [(f"Rolan arrived in {a} on Monday and left for {b} on Tuesday.{filler}", dt.date(2024, 5, 1 + k % 20))
             for k, (a, b) in enumerate(zip(["Avel", "Borna", "Corin", "Dalm"] * 8, ["Eska", "Corin", "Dalm", "Avel"] * 8))]
    arts = arts_of(texts, "en")
    mentions = mentions_of(arts)
    with keeping(tmp_path):
        cold = mention_evidence(arts, mentions, PLACES, jobs=2)
        before = len(_FORKS)
        warm = mention_evidence(arts, mentions, PLACES, jobs=2)
    assert len(_FORKS) == before
    assert warm == cold and len(cold[0]) == 2 * len(texts)
    assert warm == mention_evidence(arts, mentions, PLACES, jobs=1)  # no cache: computed here


def test_a_search_measures_the_nearest_positions_first_whatever_their_order_in_the_route() -> None:
    # A day coming nearer and nearer the place put in: a scan in route order found a better position at
    # each step, so the latitudes ruled none out and it measured the way to every visit of the day.
    from geomap.infer.detour import Legs, cheapest, cheapest_chain
    from geomap.infer.visits import Visit
    from geomap.model import Place

    places = {f"p{k}": Place(id=f"p{k}", name=f"P{k}", lat=50 - k * 0.5, lon=(k % 3) * 0.2) for k in range(100)}
    places["q"] = Place(id="q", name="Q", lat=-0.4, lon=0.3)
    route = [Visit(pid, None, False, "arrived", (0, 0), ()) for pid in places if pid != "q"]
    v = Visit("q", None, False, "arrived", (0, 0), ())
    for chain in ([v], [v, route[99]]):
        legs = Legs(places)
        at = cheapest_chain(route, chain, places, 0, len(route) - 1, None, legs)
        assert at == _least_detour_by_every_leg(route, chain, places)
        assert len([pair for pair in legs.memo if "q" in pair]) <= 10  # of 100
    assert cheapest(route, v, places, 0, len(route)) == 100
