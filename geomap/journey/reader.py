"""Read and validate an itinerary (journey.yaml) into a Journey, with file:line errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .. import yamlmarks
from ..errors import ItineraryError
from ..model import Article, Evidence, Journey, Mention, Place, Stop
from ..yamlmarks import error_line
from .evidence import evidence_from_mentions, evidence_from_quote, evidence_naming
from .legs import Waypoint, build_legs
from .nodes import STR_TAG, NodeReader, suggest
from .places import PlaceFinder, by_story_name, point_place, suggestion

TOP_KEYS = ("title", "notes", "stops")
STOP_KEYS = ("place", "name", "lat", "lon", "date", "approximate", "time", "role", "event", "evidence", "note",
             "via", "mode", "date_source", "inferred")
#: How the route arriving at a stop was travelled (``mode:``), shown on its leg and in exports.
MODES = ("train", "road", "air", "sea", "foot")
#: ``inferred: {confidence: 0.8, why: "…"}`` (or ``inferred: true``) marks a stop the inference
#: proposed and nobody has checked yet; deleting the line makes it curated.
INFERRED_KEYS = ("confidence", "why")
EVIDENCE_KEYS = ("article", "quote", "occurrence")  # occurrence: which of a repeated quote (1 unless said)
VIA_KEYS = ("point", "note")
ROLES = ("stop", "site")
#: Where a stop's date comes from: the articles, or outside knowledge (which needs a note).
DATE_SOURCES = ("articles", "external")

@dataclass(frozen=True)
class Itinerary:
    """A read itinerary: its journey, the places it named that the story did not have, and which
    stops leave their date to the inference (no ``date:`` key at all)."""

    journey: Journey
    places: dict[str, Place] = field(default_factory=dict)
    undated: frozenset[int] = frozenset()


@dataclass
class _Reader(NodeReader):
    """Walks the YAML node tree so every error can name the line it comes from."""

    places: Mapping[str, Place]
    articles: Mapping[str, Article]
    mentions: Sequence[Mention]
    finder: PlaceFinder | None = None
    added: dict[str, Place] = field(default_factory=dict)  # places the file introduced
    undated: set[int] = field(default_factory=set)
    modes: dict[int, str] = field(default_factory=dict)  # stop seq -> how the route to it was travelled

    def known(self, place_id: str) -> Place | None:
        return self.added.get(place_id) or self.places.get(place_id)

    # --- the document -----------------------------------------------------------------------

    def itinerary(self, root: Node) -> Itinerary:
        top = self.mapping(root, "itinerary", TOP_KEYS)
        if "stops" not in top:
            raise self.fail("no 'stops:' list", root, hint="list the stops in travel order under 'stops:'")
        title = self.text(top["title"], "title", required=False) if "title" in top else None
        notes: list[str] = []
        if "notes" in top:
            notes.extend(self.notes(top["notes"], "notes"))
        stop_nodes = self.sequence(top["stops"], "stops")
        if not stop_nodes:
            raise self.fail("'stops' is empty", top["stops"], hint="list at least one stop")

        stops: list[Stop] = []
        vias: dict[int, tuple[Waypoint, ...]] = {}
        last_dated: tuple[dt.date, int, Node] | None = None
        for seq, node in enumerate(stop_nodes, start=1):
            stop, via, stop_notes, date_node = self.stop(seq, node)
            # The inference's own order stands until someone checks it (the draft flags it).
            if stop.date is not None and date_node is not None and not stop.inferred:
                if last_dated is not None and stop.date < last_dated[0]:
                    raise self.fail(
                        f"stop {seq} ({self.known(stop.place_id).name}) on {stop.date} comes before stop {last_dated[1]}"
                        f" on {last_dated[0]}",
                        date_node,
                        hint="list the stops in travel order; undated stops may go anywhere",
                    )
                last_dated = (stop.date, seq, date_node)
            stops.append(stop)
            vias[seq] = via
            notes.extend(stop_notes)
        journey = Journey(
            stops=tuple(stops),
            legs=build_legs(stops, {**self.places, **self.added}, vias, self.modes),
            title=title,
            # A draft nobody has touched still shows the inference; one checked stop makes it curated.
            origin="inferred" if all(s.inferred for s in stops) else "curated",
            notes=tuple(notes),
        )
        return Itinerary(journey=journey, places=dict(self.added), undated=frozenset(self.undated))

    # --- one stop ---------------------------------------------------------------------------

    def stop(self, seq: int, node: Node) -> tuple[Stop, tuple[Waypoint, ...], list[str], Node | None]:
        what = f"stop {seq}"
        fields = self.mapping(node, what, STOP_KEYS)
        place_id = self.stop_place(fields, node, what)
        place = self.known(place_id)
        assert place is not None
        label = f"stop {seq} ({place.name})"
        date = self.date(fields["date"], what) if "date" in fields else None
        if "date" not in fields:
            self.undated.add(seq)
        approximate = self.flag(fields["approximate"], f"{what}: approximate") if "approximate" in fields else False
        confidence, why, inferred = self.inferred(fields["inferred"], what) if "inferred" in fields else (None, "", False)
        time = self.text(fields["time"], f"{what}: time", required=False) if "time" in fields else None
        role = self.choice(fields, "role", ROLES, what) or "stop"
        event = (self.text(fields["event"], f"{what}: event", required=False) or "") if "event" in fields else ""
        stop_notes = self.notes(fields["note"], f"{what}: note") if "note" in fields else []
        note = " ".join(stop_notes) or None
        source = self.choice(fields, "date_source", DATE_SOURCES, what) or "articles"
        notes: list[str] = []
        if source == "external":
            if date is None:
                raise self.fail(f"{what}: 'date_source: external' but no date", fields["date_source"])
            if note is None:
                raise self.fail(
                    f"{what}: a date from outside the articles needs a note", fields["date_source"],
                    hint="say where the date comes from in 'note:'",
                )
            notes.append(f"{label}: date {date} is not stated in the articles — {note}")
        else:
            notes.extend(f"{label}: {n}" for n in stop_notes)
        if "evidence" in fields:
            evidence = self.evidence(fields["evidence"], what)
        else:
            evidence = evidence_from_mentions(place_id, self.mentions, self.articles)
            if not evidence and place_id in self.added:  # a name the articles use but nobody resolved
                evidence = evidence_naming(place.name, self.articles)
        mode = self.choice(fields, "mode", MODES, what)
        if mode is not None:
            self.modes[seq] = mode
        via: tuple[Waypoint, ...] = ()
        if "via" in fields:
            if seq == 1:
                raise self.fail(f"{what}: the first stop has no route to arrive by", fields["via"],
                                hint="'via' lists waypoints from the previous stop; remove it here")
            via, via_notes = self.via(fields["via"], what)
            notes.extend(f"route to {label}: {n}" for n in via_notes)
        stop = Stop(seq=seq, place_id=place_id, date=date, time=time, role=role,  # type: ignore[arg-type]
                    event=event, evidence=evidence, approximate=approximate and date is not None,
                    confidence=confidence, why=why, inferred=inferred)
        return stop, via, notes, fields.get("date")

    # --- which place a stop is ----------------------------------------------------------------

    def stop_place(self, fields: dict[str, Node], node: Node, what: str) -> str:
        """The id of the stop's place: given by lat/lon (named by ``name`` or ``place``), else ``place``."""
        name = self.text(fields["name"], f"{what}: name") if "name" in fields else None
        if "lat" in fields or "lon" in fields:
            lat, lon = self.coords(fields, node, what)
            if name is None and "place" in fields:
                name = self.text(fields["place"], f"{what}: place")
            place = point_place(lat, lon, name, f"{self.path}: coordinates given in the itinerary")
            self.added.setdefault(place.id, place)
            return place.id
        if "place" not in fields:
            raise self.fail(f"{what} has no 'place'", node,
                            hint="give a place name or id, or lat/lon for a place no resolver knows")
        if name is not None:
            raise self.fail(f"{what}: 'name' goes with lat/lon", fields["name"],
                            hint="remove it, or give the place's lat/lon")
        return self.place(fields["place"], f"{what}: place")

    def place(self, node: Node, what: str) -> str:
        """A place id (curated or any resolver's) or a name, resolved like the articles' own use of it."""
        value = self.text(node, what)
        assert value is not None
        place = self.known(value) or by_story_name(value, {**self.places, **self.added}, self.mentions)
        if place is None and self.finder is not None:
            place = self.finder.by_id(value) or self.finder.by_name(value)
        if place is None:
            raise self.fail(f"{value!r} is not a known place; give lat/lon or add it to the gazetteer", node,
                            hint=suggestion(value, {**self.places, **self.added}))
        if not place.has_coords:
            raise self.fail(f"{what}: place {value!r} has no coordinates", node,
                            hint="give it lat/lon in the gazetteer or let a resolver place it")
        if place.id not in self.places:
            self.added.setdefault(place.id, place)
        return place.id

    def coords(self, fields: dict[str, Node], node: Node, what: str) -> tuple[float, float]:
        for key, other in (("lat", "lon"), ("lon", "lat")):
            if key not in fields:
                raise self.fail(f"{what} has {other} but no {key}", fields[other], hint=f"add '{key}:'")
        lat, lon = self.number(fields["lat"]), self.number(fields["lon"])
        for key, value in (("lat", lat), ("lon", lon)):
            if value is None:
                raise self.fail(f"{what}: {key} must be a number", fields[key], hint="decimal degrees, e.g. 49.4369")
        assert lat is not None and lon is not None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            swapped = -90 <= lon <= 90 and -180 <= lat <= 180
            raise self.fail(f"{what}: lat must be within ±90 and lon within ±180", fields["lat"],
                            hint="looks like lat/lon swapped: latitude comes first" if swapped else None)
        return lat, lon

    def inferred(self, node: Node, what: str) -> tuple[float | None, str, bool]:
        """``inferred: true`` or ``inferred: {confidence: 0..1, why: "…"}`` → (confidence, why, inferred)."""
        if isinstance(node, ScalarNode):
            return None, "", self.flag(node, f"{what}: inferred")
        fields = self.mapping(node, f"{what}: inferred", INFERRED_KEYS)
        confidence = None
        if "confidence" in fields:
            confidence = self.number(fields["confidence"])
            if confidence is None or not 0 <= confidence <= 1:
                raise self.fail(f"{what}: confidence must be a number from 0 to 1", fields["confidence"])
        why = (self.text(fields["why"], f"{what}: why", required=False) or "") if "why" in fields else ""
        return confidence, why, True

    def date(self, node: Node, what: str) -> dt.date | None:
        value = self.text(node, f"{what}: date", required=False)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise self.fail(f"{what}: unparseable date {value!r}", node,
                            hint="write the date as YYYY-MM-DD, e.g. 2023-09-10") from None

    def evidence(self, node: Node, what: str) -> tuple[Evidence, ...]:
        found: list[Evidence] = []
        for item in self.sequence(node, f"{what}: evidence"):
            fields = self.mapping(item, f"{what}: evidence", EVIDENCE_KEYS)
            for key in ("article", "quote"):
                if key not in fields:
                    raise self.fail(f"{what}: evidence needs '{key}'", item,
                                    hint="write '- {article: <file stem>, quote: \"<exact words>\"}'")
            article_id = self.text(fields["article"], f"{what}: evidence article")
            assert article_id is not None
            article = self.articles.get(article_id)
            if article is None:
                hint = suggest(article_id, sorted(self.articles)) or "use an article file name without extension"
                raise self.fail(f"{what}: unknown article {article_id!r}", fields["article"], hint=hint)
            quote_node = fields["quote"]
            if not isinstance(quote_node, ScalarNode) or not quote_node.value.strip():
                raise self.fail(f"{what}: quote must be non-empty text", quote_node)
            occurrence = self.occurrence(fields.get("occurrence"), what)
            ev = evidence_from_quote(article, quote_node.value, occurrence)
            if ev is None:
                seen = "" if occurrence == 1 else f" {occurrence} times"
                raise self.fail(
                    f"{what}: quote not found{seen} in article {article_id!r}", quote_node,
                    hint="copy the words exactly from the article (apostrophes and spacing may differ)",
                )
            if ev not in found:
                found.append(ev)
        return tuple(found)

    def occurrence(self, node: Node | None, what: str) -> int:
        """Which of a quote's repetitions in the article is meant: a whole number from 1 (the default)."""
        if node is None:
            return 1
        value = node.value if isinstance(node, ScalarNode) else None
        if value is None or not value.strip().isdigit() or int(value) < 1:
            raise self.fail(f"{what}: occurrence must be a whole number from 1", node,
                            hint="2 means the second time these words appear in the article")
        return int(value)

    def via(self, node: Node, what: str) -> tuple[tuple[Waypoint, ...], list[str]]:
        points: list[Waypoint] = []
        notes: list[str] = []
        for item in self.sequence(node, f"{what}: via"):
            point_node = item
            if isinstance(item, MappingNode):
                fields = self.mapping(item, f"{what}: via item", VIA_KEYS)
                if "point" not in fields:
                    raise self.fail(f"{what}: via item needs 'point'", item,
                                    hint="a place id or [lat, lon]")
                point_node = fields["point"]
                note = self.text(fields["note"], f"{what}: via note", required=False) if "note" in fields else None
                if note:
                    notes.append(note)
            points.append(self.waypoint(point_node, what))
        return tuple(points), notes

    def waypoint(self, node: Node, what: str) -> Waypoint:
        if isinstance(node, ScalarNode) and node.tag == STR_TAG:
            place = self.known(node.value)
            if place is None or not place.has_coords:
                hint = suggest(node.value, sorted(self.places)) or "use a gazetteer id or [lat, lon]"
                raise self.fail(f"{what}: via {node.value!r} is neither a known place nor [lat, lon]", node,
                                hint=hint)
            return node.value
        if isinstance(node, SequenceNode) and len(node.value) == 2:
            lat, lon = (self.number(n) for n in node.value)
            if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
                return (lat, lon)
        raise self.fail(f"{what}: via item is neither a known place id nor a valid [lat, lon]", node,
                        hint="write a gazetteer id or [lat, lon] with -90 <= lat <= 90, -180 <= lon <= 180")

def _compose(path: Path) -> Node:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ItineraryError("itinerary is not UTF-8 text", path=path, hint="save the file as UTF-8") from exc
    except OSError as exc:
        raise ItineraryError(f"cannot read itinerary: {exc.strerror or exc}", path=path) from exc
    try:
        root = yamlmarks.compose(text)
    except yaml.MarkedYAMLError as exc:
        at = error_line(exc, text)
        raise ItineraryError(
            f"not valid YAML: {exc.problem or exc.context or 'syntax error'}", path=path,
            line=at + 1 if at is not None else None, hint="check indentation, colons and quotes",
        ) from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise ItineraryError(f"not valid YAML: character {exc.character!r} is not allowed",
                             path=path, line=line) from exc
    except (yaml.YAMLError, RecursionError) as exc:
        raise ItineraryError(f"not usable YAML: {exc}", path=path) from exc
    if root is None:
        raise ItineraryError("itinerary is empty", path=path, line=1, hint="add 'stops:' with the stops in order")
    return root


def load_itinerary(
    path: str | Path,
    places: Mapping[str, Place],
    articles: Sequence[Article],
    mentions: Sequence[Mention],
    finder: PlaceFinder | None = None,
) -> Itinerary:
    """Parse and validate ``journey.yaml`` against resolved places and the loaded articles.

    Stops keep the file's order (a place may appear twice). ``place:`` is an id of ``places``,
    a name resolved as the articles use it (else by ``finder``, which also knows every resolver's
    ids), or the name of a point given by ``lat``/``lon``. A stop without ``evidence`` gets every
    sentence that mentions its place; ``evidence: []`` means none on purpose.
    """
    path = Path(path)
    by_id: dict[str, Article] = {}
    for article in articles:
        by_id.setdefault(article.path.stem, article)
        by_id[article.id] = article
    reader = _Reader(path=path, places=places, articles=by_id, mentions=mentions, finder=finder)
    return reader.itinerary(_compose(path))
