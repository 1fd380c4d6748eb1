"""The one JSON-ready dict the map page needs: stops, places, popups, legs, labels."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..model import Article, Evidence, Mention, Place, Stop, Story
from .basemap import MAX_LAT, clip_basemap
from .claimsview import claims_payload
from .safe import clip, excerpt_marks, finite_latlon, safe_url
from .wording import (
    article_label,
    bcp47,
    group_km,
    kind_label,
    labels_for,
    story_title,
    translate_event,
    translate_note,
    translate_time,
    translate_why,
)

__all__ = ["article_label", "build_payload", "group_km", "labels_for", "view_bounds"]

#: Popup entries kept per place; the rest are counted ("and 12 more").
MAX_QUOTES = 12
#: Longest name, title or event shown verbatim before an ellipsis.
NAME_LIMIT = 300
TEXT_LIMIT = 600

#: Longest journey note shown in a stop's popup.
NOTE_LIMIT = 1200


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _article_ref(article: Article, labels: Mapping[str, str]) -> dict[str, Any]:
    # "id" only matches quotes to evidence in the page; readers see "title".
    return {
        "id": clip(article.id, NAME_LIMIT),
        "title": clip(article_label(article, labels), NAME_LIMIT),
        "date": _date(article.date),
        "url": safe_url(article.url),
        "source": clip(article.source, NAME_LIMIT) if article.source else None,
        "lang": bcp47(article.language),
    }


def _quote(article: Article, mention: Mention, ref: Mapping[str, Any]) -> dict[str, Any]:
    """One popup entry: the sentence around ``mention`` with the mention's offsets in it (``ref``: the
    article's :func:`_article_ref`).

    ``at`` (the mention's offset in the article) lets the page skip a sentence that a
    stop's evidence already shows.
    """
    text = article.text
    lo, hi = 0, len(text)
    if article.sentences:
        if 0 <= mention.sentence < len(article.sentences):
            sentence = article.sentences[mention.sentence]
        else:  # index from another segmentation: fall back to the offset
            sentence = article.sentence_at(mention.start)
        lo, hi = sentence.start, sentence.end
        if not (lo <= mention.start and mention.end <= hi):
            lo, hi = min(lo, mention.start), max(hi, mention.end)
    lo, hi = max(0, lo), min(len(text), hi)
    quote, marks = excerpt_marks(text[lo:hi], [(mention.start - lo, mention.end - lo)])
    start, end = marks[0] if marks else (0, 0)
    return {**ref, "text": quote, "start": start, "end": end,
            "marks": [list(m) for m in marks], "at": mention.start}


def _evidence_quote(
    articles: Mapping[str, Article], evidence: Evidence, mentions: Sequence[Mention], refs: Mapping[int, dict[str, Any]]
) -> dict[str, Any]:
    """A stop's supporting sentence, with every mention of the stop's place inside it marked
    (``mentions``: the place's mentions in the evidence's article, :func:`_by_article`; ``refs``: each
    article's :func:`_article_ref` by the article object's ``id()``)."""
    article = articles.get(evidence.article_id)
    ref = refs[id(article)] if article is not None else {
        "id": clip(evidence.article_id, NAME_LIMIT), "title": clip(evidence.article_id, NAME_LIMIT),
        "date": None, "url": None, "source": None, "lang": None,
    }
    marks: list[tuple[int, int]] = []
    # Offsets are only trusted when the evidence really is that slice of the article.
    if article is not None and article.text[evidence.start : evidence.end] == evidence.text:
        marks = [
            (m.start - evidence.start, m.end - evidence.start)
            for m in mentions
            if m.article_id == evidence.article_id and evidence.start <= m.start and m.end <= evidence.end
        ]
    text, kept = excerpt_marks(evidence.text, marks)
    return {**ref, "text": text, "marks": [list(m) for m in kept], "span": [evidence.start, evidence.end]}


_NOTE_STOP = re.compile(r"(?:route to )?stop (\d+) \(")


def _notes_by_stop(story: Story) -> dict[int, list[str]]:
    """The journey's notes that may be about stop N, by N (read once: per stop, all notes was quadratic)."""
    found: dict[int, list[str]] = {}
    for note in story.journey.notes if story.journey is not None else ():
        m = _NOTE_STOP.match(note)
        if m:
            found.setdefault(int(m.group(1)), []).append(note)
    return found


def _stop_notes(story: Story, stop: Stop, labels: Mapping[str, str], notes: Mapping[int, list[str]]) -> list[dict[str, str]]:
    """The journey's notes about ``stop`` (its date, its route there), without their label.

    The itinerary reader files per-stop notes in ``Journey.notes`` as
    ``"stop N (Name): …"`` and ``"route to stop N (Name): …"``; notes about the whole
    journey carry no such label and stay out of the popups. ``notes``: :func:`_notes_by_stop`.
    """
    if story.journey is None:
        return []
    place = story.places.get(stop.place_id)
    label = f"stop {stop.seq} ({place.name if place else stop.place_id}): "
    found: list[dict[str, str]] = []
    for note in notes.get(stop.seq, ()):
        for kind, prefix in (("stop", label), ("route", "route to " + label)):
            if note.startswith(prefix):
                text = translate_note(note[len(prefix):], labels)
                found.append({"kind": kind, "text": clip(text, NOTE_LIMIT)})
    return found


def _place_order(story: Story) -> list[str]:
    """Places in a stable order: journey places by first visit, then the rest by name and id."""
    ordered: dict[str, None] = {}  # insertion-ordered set: a list's "in" made this quadratic
    if story.journey is not None:
        for stop in story.journey.stops:
            if stop.place_id in story.places:
                ordered.setdefault(stop.place_id)
    rest = sorted(
        (pid for pid in story.places if pid not in ordered),
        key=lambda pid: (story.places[pid].name.casefold(), pid),
    )
    return [*ordered, *rest]


def _mentions_by_place(story: Story) -> dict[str, list[Mention]]:
    articles = {a.id: i for i, a in enumerate(story.articles)}
    grouped: dict[str, list[Mention]] = {}
    for m in story.mentions:
        if m.place_id is not None and m.article_id in articles:
            grouped.setdefault(m.place_id, []).append(m)
    for items in grouped.values():  # article order, then position: stable whatever the input order
        items.sort(key=lambda m: (articles[m.article_id], m.start, m.end))
    return grouped


def _by_article(mentions: Mapping[str, list[Mention]]) -> dict[tuple[str, str], list[Mention]]:
    """Each place's mentions by article, in their order: a stop's evidence quotes one article, and
    scanning all the place's mentions for each stop grew as stops times mentions (10,000 articles)."""
    grouped: dict[tuple[str, str], list[Mention]] = {}
    for pid, ms in mentions.items():
        for m in ms:
            grouped.setdefault((pid, m.article_id), []).append(m)
    return grouped


def _place_entry(
    story: Story, place: Place, mentions: list[Mention], stops: list[int], labels: Mapping[str, str],
    refs: Mapping[int, dict[str, Any]],
) -> dict[str, Any]:
    quotes = [_quote(a, m, refs[id(a)]) for m in mentions[:MAX_QUOTES] if (a := story.article(m.article_id))]
    return {
        "id": clip(place.id, NAME_LIMIT),
        "name": clip(place.name, NAME_LIMIT),
        "kind": clip(kind_label(place.kind, labels), NAME_LIMIT),
        "role": story.role_of(place.id),
        "lat": float(place.lat),  # type: ignore[arg-type]  # callers filter on finite_latlon
        "lon": float(place.lon),  # type: ignore[arg-type]
        "stops": stops,
        "quotes": quotes,
        "more": max(0, len(mentions) - MAX_QUOTES),
        # Placed from where the text says it lies, not by a resolver: the marker and popup say so.
        "approx_km": place.approx_km,
        "approx_from": clip(place.source, TEXT_LIMIT) if place.approx_km is not None and place.source else None,
    }


def _bounds(points: list[tuple[float, float]]) -> list[list[float]] | None:
    if not points:
        return None
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def view_bounds(story: Story) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of the route (stops and leg paths), else of every
    located place; ``None`` when nothing has coordinates."""
    points: list[tuple[float, float]] = []
    if story.journey is not None:
        for stop in story.journey.stops:
            place = story.places.get(stop.place_id)
            if place is not None and finite_latlon(place.lat, place.lon, copies=True):
                points.append((float(place.lat), float(place.lon)))  # type: ignore[arg-type]
        for leg in story.journey.legs:
            points += [(float(lat), float(lon)) for lat, lon in leg.path if finite_latlon(lat, lon, copies=True)]
    if not points:
        points = [
            (float(p.lat), float(p.lon))  # type: ignore[arg-type]
            for p in story.places.values()
            if finite_latlon(p.lat, p.lon, copies=True)
        ]
    return _bounds(points)


#: The overview map's land: the story's span × this on each side (at least OVERVIEW_MIN
#: degrees), simplified to about one of its 150 pixels — a locator, not a map.
OVERVIEW_CONTEXT = 6.0
OVERVIEW_MIN = (40.0, 30.0)


def overview_land(bounds: list[list[float]] | None) -> list[list[list[float]]]:
    """Coarse land polygons (flat [lon, lat, …] rings) around the story for the overview map."""
    if not bounds:
        return []
    (south, west), (north, east) = bounds
    span = max(east - west, north - south)
    pad_x = max(span * OVERVIEW_CONTEXT, OVERVIEW_MIN[0])
    pad_y = max(span * OVERVIEW_CONTEXT, OVERVIEW_MIN[1])
    tolerance = min(max(span / 20, 0.3), 1.0)
    west, south = west - pad_x, max(south - pad_y, -MAX_LAT)
    # Names are unreadable at 150 px: a tiny label box keeps their placement cheap; unused.
    base = clip_basemap(west, south, east + pad_x, min(north + pad_y, MAX_LAT), lang=None, tolerance=tolerance,
                        cities=0, label_box=(west, south, west + 1e-6, south + 1e-6))
    return [[[c for p in ring for c in p] for ring in poly] for poly in base.land]


def build_payload(story: Story, names: Mapping[str, str], tiles: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the page's script needs, as plain JSON values in a stable order.

    ``names`` maps ``map``, ``route``, ``stops``, ``sites``, ``mentions`` to the
    JavaScript variable names folium gives those objects; ``tiles`` describes the
    base layer for the overview map.
    """
    labels = labels_for(story.lang)
    located = {
        pid: p for pid, p in story.places.items() if finite_latlon(p.lat, p.lon, copies=True)
    }
    articles = {a.id: a for a in story.articles}
    # Each article's reference once: a 10,000-article story's stops and places quote 110,000 sentences.
    # By the object, not its id: two articles may share one (Story.article gives the first).
    listed = [_article_ref(a, labels) for a in story.articles]
    refs = {id(a): ref for a, ref in zip(story.articles, listed)}
    journey_stops = story.journey.stops if story.journey is not None else ()
    seqs_by_place: dict[str, list[int]] = {}
    for stop in journey_stops:
        seqs_by_place.setdefault(stop.place_id, []).append(stop.seq)

    mentions = _mentions_by_place(story)
    told = _by_article(mentions)
    notes_by_stop = _notes_by_stop(story)
    places: list[dict[str, Any]] = []
    index_of: dict[str, int] = {}
    for pid in _place_order(story):
        if pid not in located:
            continue
        # A mention-only place without any mention has nothing to show.
        if pid not in seqs_by_place and pid not in mentions:
            continue
        index_of[pid] = len(places)
        places.append(_place_entry(story, located[pid], mentions.get(pid, []), seqs_by_place.get(pid, []), labels,
                                   refs))

    stops: list[dict[str, Any]] = []
    last_date: str | None = None
    first_date = next((_date(s.date) for s in journey_stops if s.date is not None), None)
    for stop in journey_stops:
        place = story.places.get(stop.place_id)
        date = _date(stop.date)
        # An undated stop is shown together with the last dated stop before it.
        last_date = date or last_date
        stops.append(
            {
                "seq": stop.seq,
                "place": index_of.get(stop.place_id),
                "name": clip(place.name if place else stop.place_id, NAME_LIMIT),
                # A borrowed date is shown as such: the map must not state a guess as a fact.
                "date": f"≈ {date}" if date and stop.approximate else date,
                "time": clip(translate_time(stop, labels), NAME_LIMIT) if stop.time else None,
                "role": stop.role,
                "event": clip(translate_event(stop, labels), TEXT_LIMIT),
                "filter_date": last_date or first_date,
                "evidence": [
                    _evidence_quote(articles, ev, told.get((stop.place_id, ev.article_id), []), refs)
                    for ev in stop.evidence[:MAX_QUOTES]
                ],
                "notes": _stop_notes(story, stop, labels, notes_by_stop),
                "inferred": stop.inferred,
                "confidence": round(stop.confidence, 2) if stop.confidence is not None else None,
                "why": clip(translate_why(stop.why, labels), TEXT_LIMIT) if stop.why else None,
            }
        )

    by_seq = {s["seq"]: s for s in stops}
    legs: list[dict[str, Any]] = []
    journey = story.journey
    for n, leg in enumerate(journey.legs if journey is not None else (), start=1):
        path = [[float(lat), float(lon)] for lat, lon in leg.path if finite_latlon(lat, lon, copies=True)]
        if len(path) < 2:
            continue
        a = by_seq.get(leg.from_seq, {}).get("name", str(leg.from_seq))
        b = by_seq.get(leg.to_seq, {}).get("name", str(leg.to_seq))
        # The label in pieces: the page isolates the names (odd pieces) from its own words.
        parts = [f"{labels['leg']} {n} · ", a, " → ", b,
                 f" · {group_km(leg.km, labels)} km" + (f" · {labels.get('mode_' + leg.mode, leg.mode)}" if leg.mode else "")]
        legs.append(
            {
                "n": n,
                "from": leg.from_seq,
                "to": leg.to_seq,
                "km": round(leg.km, 1),
                # A leg to an inferred stop is itself a guess: drawn dashed.
                "inferred": bool(by_seq.get(leg.to_seq, {}).get("inferred")),
                "label": "".join(parts),
                "parts": parts,
                "mode": leg.mode,
                "path": path,
            }
        )

    dates = sorted({s["filter_date"] for s in stops if s["filter_date"]})

    return {
        "names": dict(sorted(names.items())),
        "tiles": dict(tiles),
        "title": clip(story_title(story), NAME_LIMIT),
        "labels": labels,
        "places": places,
        "stops": stops,
        "legs": legs,
        "total_km": round(journey.total_km, 1) if journey is not None else 0.0,
        "dates": dates,
        "articles": listed,
        "bounds": view_bounds(story),
        "overview": {"land": overview_land(view_bounds(story))},  # the minimap's coarse land (geomap-view.js)
        "claims": claims_payload(story),  # geomap-claims.js shows them (panel section, popups)
    }
