"""Infer the journey from the text: evidence per mention → score per place → order → journey."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import replace

from ..model import Article, Evidence, Journey, Mention, Place, Rejected, Stop
from ..textnorm import fold_key
from .border import entries
from .diff import diff_itineraries
from .evidence import MentionEvidence, mention_evidence
from .lexicon import kinds as kind_set
from .order import order
from .score import Weights, hub_cities, place_features, shipped_weights, why
from .sequence import marks
from .storytime import retold
from .visits import Visit, visits

__all__ = ["diff_itineraries", "infer_journey", "story_features"]

#: Evidence sentences kept per stop.
MAX_EVIDENCE = 3
#: Place features that tie a town to the trip (the traveller beside it, a day in its sentence, the
#: dateline): a town merely named in a country the trip went to ("Moscow's war") has none.
TRIP_TIES = ("traveller", "dated", "dateline")


def story_features(articles: Sequence[Article], mentions: Sequence[Mention], places: Mapping[str, Place],
                   traveller: str | None = None, progress: Callable[[str, int, int], None] | None = None,
                   jobs: int = 1,
                   ) -> tuple[dict[str, dict[str, float]], dict[str, list[MentionEvidence]], str | None]:
    """The evidence and score stages' input: place features, their mentions (hubs moved to the
    cities they serve) and the traveller's name word. Also what tools/fit_infer.py learns from.
    ``jobs`` processes read the articles, an anniversary piece's as if filed in the week it retells."""
    articles, read = retold(articles, jobs)
    evidence, who = mention_evidence(articles, mentions, places, traveller, progress, jobs, read=read)
    hubs = hub_cities(evidence, places)
    evidence = [replace(e, place_id=hubs[e.place_id]) if e.place_id in hubs else e for e in evidence]
    grouped: dict[str, list[MentionEvidence]] = {}
    for e in evidence:
        grouped.setdefault(e.place_id, []).append(e)
    return place_features(evidence, places, articles), grouped, who


def infer_journey(
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    places: Mapping[str, Place],
    *,
    kinds: Collection[str] | None = None,
    traveller: str | None = None,
    weights: Weights | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int = 1,
) -> Journey:
    """The journey the text tells, from evidence aggregated over every mention of each place.

    ``kinds`` are the place kinds shown as sites (default: ``site_kinds`` in infer.yaml);
    ``traveller`` forces whose journey it is (default: the commonest name before travel verbs);
    ``weights`` replace the shipped ones (leave-one-trip-out evaluation). ``Journey.rejected``
    lists the places not kept with their reason and score. ``progress(stage, done, total)`` hears
    how far the reading of the articles got; ``jobs`` processes read them (the same journey).
    """
    w = weights or shipped_weights()
    features, grouped, who = story_features(articles, mentions, places, traveller, progress, jobs)
    notes = [f"traveller: {who}"] if who else []
    scores = {pid: w.probability(x) for pid, x in features.items()}
    kept = [pid for pid in features if scores[pid] >= w.threshold and places[pid].has_coords]
    coarse = kind_set("coarse_kinds")
    towns: dict[str, str] = {}
    if any(fold_key(places[p].kind) not in coarse for p in kept):
        towns = _towns_of_regions(kept, scores, features, places, coarse)
        kept = [p for p in kept if fold_key(places[p].kind) not in coarse]  # told at a finer scale
        kept += [t for t in dict.fromkeys(towns.values()) if t not in kept]
    kept_ids = set(kept)  # a set: places × kept list look-ups grew as the square of the story's places
    rejected = sorted((_rejected(pid, features[pid], scores[pid], w, grouped[pid], articles, places)
                       for pid in features if pid not in kept_ids), key=lambda r: -r.score)
    cues = marks(articles, [(e.article, e.start, e.end) for ms in grouped.values() for e in ms])
    crossings = {pid for pid in kept if fold_key(places[pid].kind) in kind_set("crossing_kinds")}
    passed = entries(grouped, kept, crossings, places)
    told = {pid: [*grouped[pid], *passed.get(pid, ())] for pid in kept}
    for region, town in towns.items():  # "left X for <country>": the move to the town
        told[town] += [replace(e, place_id=town) for e in grouped[region] if e.verb]
    # Where the traveller is told to leave from, stop or not: a home start needs its departure told.
    left = {e.place_id for ms in grouped.values() for e in ms if e.verb == "depart"}
    route = order(visits(told, cues, crossings), places, left)
    site_kinds = {fold_key(k) for k in kinds} if kinds is not None else kind_set("site_kinds")
    # Said once per place: a place come back to is several stops (10,000 articles: 33,000 stops, 14,000 places).
    because = {pid: why(w, features[pid], True) for pid in dict.fromkeys(v.place_id for v in route)}
    stops = tuple(_stop(i, v, scores[v.place_id], because[v.place_id], articles, places, site_kinds)
                  for i, v in enumerate(route, start=1))
    for s in stops:
        notes.append(f"stop {s.seq}: {places[s.place_id].name}, {s.date.isoformat() if s.date else 'undated'}, "
                     f"{s.event} (score {s.confidence:.2f}: {s.why})")
    notes += [f"not a stop: {places[r.place_id].name} — {r.reason} (score {r.score:.2f})" for r in rejected]
    return Journey(stops=stops, origin="inferred", notes=tuple(notes), rejected=tuple(rejected))


def _towns_of_regions(kept: Sequence[str], scores: Mapping[str, float], features: Mapping[str, Mapping[str, float]],
                      places: Mapping[str, Place], coarse: Collection[str]) -> dict[str, str]:
    """Kept country or region id -> the story's best-scored town in it, for those no kept finer stop
    lies in: a trip told at the country's scale ("left X for Austria", "a day in Mongolia") while
    the other stops are towns went to a town there, one the story ties to the trip (TRIP_TIES)."""
    def fine(pid: str) -> bool:
        return fold_key(places[pid].kind) not in coarse and places[pid].has_coords
    out: dict[str, str] = {}
    for pid in kept:
        code = places[pid].country
        if fine(pid) or not code or any(fine(k) and places[k].country == code for k in kept):
            continue
        inside = [p for p in scores if fine(p) and places[p].country == code
                  and any(features[p].get(f) for f in TRIP_TIES)]
        if inside:
            out[pid] = max(inside, key=lambda p: scores[p])
    return out


def _evidence(ms: Sequence[MentionEvidence], articles: Sequence[Article]) -> tuple[Evidence, ...]:
    # One per sentence's words in an article: a draft quotes a sentence by its words, so two captions both
    # "Shanghai, dimanche soir." are one quote, and read back as the first.
    out: dict[tuple[int, str], Evidence] = {}
    for e in sorted(ms, key=lambda e: (not e.verb, e.article, e.start)):
        a = articles[e.article]
        s = a.sentences[e.sentence] if e.sentence < len(a.sentences) else a.sentence_at(e.start)
        text = a.text[s.start:s.end].strip()
        if (e.article, text) not in out:
            out[(e.article, text)] = Evidence(a.id, s.index, s.start, s.end, text)
            if len(out) == MAX_EVIDENCE:  # the first sentences are kept: a place told 300 times built 300
                break
    return tuple(out.values())


def _rejected(pid: str, x: Mapping[str, float], score: float, w: Weights, ms: Sequence[MentionEvidence],
              articles: Sequence[Article], places: Mapping[str, Place]) -> Rejected:
    if score >= w.threshold:
        reason = "a country or region; the story has finer stops" if places[pid].has_coords else "no coordinates"
    else:
        reason = why(w, x, False)
    return Rejected(pid, reason, round(score, 3), _evidence(ms, articles))


def _stop(seq: int, v: Visit, score: float, because: str, articles: Sequence[Article],
          places: Mapping[str, Place], site_kinds: Collection[str]) -> Stop:
    role = "site" if fold_key(places[v.place_id].kind) in site_kinds else "stop"
    ms = v.evidence
    clock = next((e.date.clock or e.date.part_of_day for e in ms
                  if e.date is not None and e.date.date == v.date and (e.date.clock or e.date.part_of_day)), None)
    return Stop(seq=seq, place_id=v.place_id, date=v.date, time=None if v.approximate else clock, role=role,
                event=v.event, evidence=_evidence(ms, articles), approximate=v.approximate,
                confidence=round(score, 3), why=because, inferred=True)
