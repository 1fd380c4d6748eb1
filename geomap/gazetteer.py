"""Curated gazetteer: load gazetteer.yaml into Places with strict, line-numbered validation."""

from __future__ import annotations

import difflib
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import yamlmarks
from .errors import GazetteerError
from .model import LatLon, Place
from .textnorm import fold_key
from .yamlmarks import error_line

__all__ = ["Gazetteer", "load_gazetteer", "PLACE_KEYS"]

#: Keys a place may have; anything else is a typo we report with the nearest valid key.
PLACE_KEYS = ("id", "name", "kind", "lat", "lon", "line", "country", "aliases", "source", "population")
_TOP_KEYS = ("places",)
_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_COUNTRY_RE = re.compile(r"[A-Za-z]{2}\Z")
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BRACKETS = re.compile(r"[\[\]{}]")
_MAX_FLOW_DEPTH = 100
_SCALARS = SafeConstructor()  # used only on single scalar nodes, never on whole documents


@dataclass(frozen=True)
class Gazetteer:
    """Curated places by id, in file order, with the line each place starts on."""

    path: Path | None  # None: no gazetteer at all (the offline resolvers alone)
    places: dict[str, Place]
    lines: dict[str, int] = field(default_factory=dict)

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places.values())

    def __len__(self) -> int:
        return len(self.places)

    def names(self) -> Iterator[tuple[str, str]]:
        """Every ``(name, id)`` and ``(alias, id)`` pair, name first, in file order."""
        for place in self.places.values():
            yield place.name, place.id
            for alias in place.aliases:
                yield alias, place.id

    def line_of(self, place_id: str) -> int | None:
        """The 1-based line where the place's entry starts, or None for an unknown id."""
        return self.lines.get(place_id)


def load_gazetteer(path: str | Path) -> Gazetteer:
    """Read and validate a gazetteer file; every problem is a GazetteerError naming file and line."""
    source = Path(path)
    root = _compose(source, _read_text(source))
    if root is None:  # an empty or comment-only file: a story that needs no curated place
        return Gazetteer(path=source, places={})
    place_nodes = _place_nodes(source, root)
    places: dict[str, Place] = {}
    lines: dict[str, int] = {}
    claims: dict[str, tuple[str, int, str | None]] = {}  # folded name -> (id, line, country)
    for node in place_nodes:
        place, name_lines = _PlaceReader(source, node).read()
        if place.id in places:
            raise GazetteerError(
                f"duplicate id {place.id!r} (first defined on line {lines[place.id]})",
                path=source, line=_line(node), hint="give each place its own id",
            )
        _claim_names(source, place, name_lines, claims)
        places[place.id] = place
        lines[place.id] = _line(node)
    return Gazetteer(path=source, places=places, lines=lines)


# --- reading and parsing ------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GazetteerError(f"cannot read gazetteer: {exc.strerror or exc}", path=path) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise GazetteerError(
            "gazetteer is not UTF-8 text", path=path, line=line, hint="save the file as UTF-8"
        ) from exc
    return text


def _check_flow_depth(path: Path, text: str) -> None:
    """Refuse absurd [ { nesting up front: PyYAML's scanner is quadratic in it and its composer recursive."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        # Brackets inside quotes or comments count too; a real gazetteer nests three deep at most.
        depth += 1 if match.group() in "[{" else -1
        if depth > _MAX_FLOW_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise GazetteerError(f"brackets nested more than {_MAX_FLOW_DEPTH} deep", path=path, line=line,
                                 hint="a place needs at most [[lat, lon], ...]")


def _compose(path: Path, text: str) -> Node | None:
    _check_flow_depth(path, text)
    try:
        root = yamlmarks.compose(text)
    except yaml.MarkedYAMLError as exc:
        at = error_line(exc, text)
        line = at + 1 if at is not None else None
        what = exc.problem or exc.context or "syntax error"
        raise GazetteerError(f"not valid YAML: {what}", path=path, line=line,
                             hint="check indentation, colons and quotes") from exc
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise GazetteerError(
            f"not valid YAML: character {exc.character!r} is not allowed", path=path, line=line,
            hint="remove control characters from the file",
        ) from exc
    except yaml.YAMLError as exc:
        raise GazetteerError(f"not valid YAML: {exc}", path=path) from exc
    except RecursionError:
        # Not chained: a traceback thousands of frames deep is useless and slow to render.
        raise GazetteerError("not usable YAML: nesting is too deep", path=path) from None
    return root


def _place_nodes(path: Path, root: Node) -> list[Node]:
    """The place entries: the ``places:`` list of a top-level mapping, or a bare top-level list."""
    if isinstance(root, SequenceNode):
        return list(root.value)
    if not isinstance(root, MappingNode):
        raise GazetteerError(
            "expected a mapping with a 'places:' list, or a list of places", path=path, line=_line(root),
            hint="start the file with 'places:'",
        )
    places: Node | None = None
    for key_node, value_node in _mapping_items(path, root):
        key = key_node.value
        if key not in _TOP_KEYS:
            raise _unknown_key(path, key_node, _TOP_KEYS)
        places = value_node
    if places is None:
        raise GazetteerError("no 'places:' key", path=path, line=_line(root), hint="put the places under 'places:'")
    if isinstance(places, ScalarNode) and places.tag == "tag:yaml.org,2002:null":
        return []
    if not isinstance(places, SequenceNode):
        raise GazetteerError("'places' must be a list", path=path, line=_line(places),
                             hint="write each place as '- id: ...' under 'places:'")
    return list(places.value)


def _mapping_items(path: Path, node: MappingNode) -> list[tuple[ScalarNode, Node]]:
    """Key/value node pairs, refusing non-text keys and duplicate keys (YAML would keep the last)."""
    seen: dict[str, int] = {}
    items: list[tuple[ScalarNode, Node]] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag not in (_STR_TAG, _INT_TAG, _FLOAT_TAG):
            raise GazetteerError("keys must be plain words", path=path, line=_line(key_node),
                                 hint="write 'key: value'")
        key = key_node.value
        if key in seen:
            raise GazetteerError(f"duplicate key {key!r} (first on line {seen[key]})", path=path,
                                 line=_line(key_node), hint="keep only one of them")
        seen[key] = _line(key_node)
        items.append((key_node, value_node))
    return items


def _unknown_key(path: Path, key_node: ScalarNode, valid: tuple[str, ...]) -> GazetteerError:
    key = key_node.value
    close = difflib.get_close_matches(key, valid, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else "valid keys: " + ", ".join(valid)
    return GazetteerError(f"unknown key {key!r}", path=path, line=_line(key_node), hint=hint)


def _line(node: Node) -> int:
    return node.start_mark.line + 1


# --- one place --------------------------------------------------------------------------------


class _PlaceReader:
    """Validates one place mapping node and builds the Place."""

    def __init__(self, path: Path, node: Node) -> None:
        self.path = path
        self.node = node

    def fail(self, message: str, node: Node | None = None, hint: str | None = None) -> GazetteerError:
        return GazetteerError(message, path=self.path, line=_line(node or self.node), hint=hint)

    def read(self) -> tuple[Place, list[tuple[str, int]]]:
        """The place plus each of its names (name first, then aliases) with its line."""
        if not isinstance(self.node, MappingNode):
            raise self.fail("each place must be a mapping of keys", hint="write '- id: ...' then 'name: ...'")
        fields: dict[str, Node] = {}
        for key_node, value_node in _mapping_items(self.path, self.node):
            if key_node.value not in PLACE_KEYS:
                raise _unknown_key(self.path, key_node, PLACE_KEYS)
            fields[key_node.value] = value_node
        if "id" not in fields:
            raise self.fail("place has no 'id'", hint="add 'id: some-slug'")
        place_id = self.place_id(fields["id"])
        if "name" not in fields:
            raise self.fail(f"place {place_id!r} has no 'name'", hint="add 'name: Display Name'")
        name = self.text(fields["name"], "name")
        lat, lon = self.coords(fields.get("lat"), fields.get("lon"), place_id)
        aliases, name_lines = self.aliases(fields.get("aliases"), name, _line(fields["name"]))
        place = Place(
            id=place_id,
            name=name,
            kind=self.text(fields["kind"], "kind") if "kind" in fields else "place",
            lat=lat,
            lon=lon,
            country=self.country(fields["country"]) if "country" in fields else None,
            aliases=aliases,
            source=self.text(fields["source"], "source") if "source" in fields else None,
            line=self.line(fields["line"]) if "line" in fields else (),
            population=self.population(fields["population"]) if "population" in fields else None,
            resolver="gazetteer",
        )
        return place, name_lines

    def text(self, node: Node, key: str) -> str:
        if not isinstance(node, ScalarNode):
            raise self.fail(f"{key!r} must be text, not a list or mapping", node)
        if node.tag != _STR_TAG:
            raise self.fail(f"{key!r} must be text, got {node.value!r}", node, hint="put the value in quotes")
        value = node.value
        if not value.strip():
            raise self.fail(f"{key!r} is empty", node)
        bad = next((ch for ch in value if _is_control(ch)), None)
        if bad is not None:
            raise self.fail(f"{key!r} contains control character U+{ord(bad):04X}", node,
                            hint="remove it")
        return value

    def place_id(self, node: Node) -> str:
        if isinstance(node, ScalarNode) and node.tag in (_INT_TAG, _FLOAT_TAG) and _ID_RE.match(node.value):
            return node.value  # an unquoted id like 1984 reads as a number; its text is still a fine slug
        value = self.text(node, "id")
        if not _ID_RE.match(value):
            slug = re.sub(r"[^a-z0-9._-]+", "-", fold_key(value).lower()).strip("-._")
            hint = f"use a slug such as {slug!r}" if slug else "use lowercase letters, digits, '.', '_' and '-'"
            raise self.fail(f"id {value!r} is not a slug", node, hint=hint)
        return value

    def number(self, node: Node, key: str) -> float:
        if not isinstance(node, ScalarNode) or node.tag not in (_INT_TAG, _FLOAT_TAG):
            shown = node.value if isinstance(node, ScalarNode) else "a list or mapping"
            hint = "write the number without quotes" if _looks_numeric(node) else "use decimal degrees, e.g. 43.11556"
            raise self.fail(f"{key} must be a number, got {shown!r}", node, hint=hint)
        try:
            if node.tag == _INT_TAG:
                value = float(_SCALARS.construct_yaml_int(node))
            else:
                value = float(_SCALARS.construct_yaml_float(node))
        except (ValueError, OverflowError, yaml.YAMLError) as exc:
            raise self.fail(f"{key} is not a usable number: {node.value!r}", node) from exc
        if not math.isfinite(value):
            raise self.fail(f"{key} must be a finite number, got {node.value!r}", node)
        return value

    def latlon(self, lat_node: Node, lon_node: Node, what: str, at: Node) -> LatLon:
        lat = self.number(lat_node, f"{what}latitude")
        lon = self.number(lon_node, f"{what}longitude")
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return (lat, lon)
        swapped = -90 <= lon <= 90 and -180 <= lat <= 180
        hint = "looks like lat/lon swapped: latitude comes first" if swapped else None
        bad = f"latitude {lat:g} outside ±90" if not -90 <= lat <= 90 else f"longitude {lon:g} outside ±180"
        raise self.fail(f"{what}{bad}", at, hint=hint or "latitude is within ±90, longitude within ±180")

    def coords(self, lat_node: Node | None, lon_node: Node | None, place_id: str) -> tuple[float | None, float | None]:
        if lat_node is None and lon_node is None:
            return None, None  # the resolver chain will supply them
        if lat_node is None or lon_node is None:
            have, missing = ("lat", "lon") if lon_node is None else ("lon", "lat")
            raise self.fail(f"place {place_id!r} has {have} but no {missing}", lat_node or lon_node,
                            hint=f"add '{missing}:' or remove '{have}:'")
        return self.latlon(lat_node, lon_node, "", lat_node)

    def line(self, node: Node) -> tuple[LatLon, ...]:
        hint = "write line: [[lat, lon], [lat, lon], ...] with at least two points"
        if not isinstance(node, SequenceNode):
            raise self.fail("'line' must be a list of [lat, lon] points", node, hint=hint)
        points: list[LatLon] = []
        for i, point in enumerate(node.value, start=1):
            if not isinstance(point, SequenceNode) or len(point.value) != 2:
                raise self.fail(f"line point {i} is not a [lat, lon] pair", point, hint=hint)
            points.append(self.latlon(point.value[0], point.value[1], f"line point {i}: ", point))
        if len(points) < 2:
            raise self.fail(f"'line' needs at least two points, got {len(points)}", node, hint=hint)
        return tuple(points)

    def country(self, node: Node) -> str:
        value = self.text(node, "country")
        if not _COUNTRY_RE.match(value) or not value.isascii():
            raise self.fail(f"country {value!r} is not an ISO 3166-1 alpha-2 code", node,
                            hint="use two letters, e.g. RU, KP, FR")
        return value.upper()

    def population(self, node: Node) -> int:
        value = self.number(node, "population")
        if value < 0 or value != int(value):
            raise self.fail(f"population must be a whole number ≥ 0, got {node.value!r}", node)
        return int(value)

    def aliases(self, node: Node | None, name: str, name_line: int) -> tuple[tuple[str, ...], list[tuple[str, int]]]:
        """Aliases minus repeats (folded), and every name of the place with its line."""
        names = [(name, name_line)]
        if node is None:
            return (), names
        if not isinstance(node, SequenceNode):
            raise self.fail("'aliases' must be a list", node, hint="write aliases: [First, Second]")
        seen = {fold_key(name)}
        kept: list[str] = []
        for item in node.value:
            alias = self.text(item, "alias")
            key = fold_key(alias)
            if not _has_word(key):
                raise self.fail(f"alias {alias!r} has no letters or digits", item)
            if key in seen:
                continue  # the same name spelt again (or the place's own name): harmless, drop it
            seen.add(key)
            kept.append(alias)
            names.append((alias, _line(item)))
        return tuple(kept), names


def _claim_names(path: Path, place: Place, name_lines: list[tuple[str, int]],
                 claims: dict[str, tuple[str, int, str | None]]) -> None:
    """Record the place's folded names; two places may share one only in different countries."""
    for text, line in name_lines:
        key = fold_key(text)
        if not _has_word(key):
            raise GazetteerError(f"name {text!r} has no letters or digits", path=path, line=line)
        other = claims.get(key)
        if other is None:
            claims[key] = (place.id, line, place.country)
            continue
        other_id, other_line, other_country = other
        if other_country and place.country and other_country != place.country:
            continue  # the resolver tells them apart by proximity to the story
        why = "with the same country" if other_country and place.country else "without a country to tell them apart"
        raise GazetteerError(
            f"name {text!r} is claimed by {other_id!r} (line {other_line}) and {place.id!r} (line {line}) {why}",
            path=path, line=line,
            hint="remove the alias from one place, or give the places different 'country' codes",
        )


def _has_word(key: str) -> bool:
    return any(ch.isalnum() for ch in key)


def _is_control(ch: str) -> bool:
    return ch not in "\n\t" and unicodedata.category(ch) == "Cc"


def _looks_numeric(node: Node) -> bool:
    if not isinstance(node, ScalarNode):
        return False
    try:
        float(node.value)
    except ValueError:
        return False
    return True
