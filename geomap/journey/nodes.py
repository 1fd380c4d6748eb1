"""YAML nodes read with file:line errors: the generic part of the itinerary reader."""

from __future__ import annotations

import difflib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import ItineraryError

NULL_TAG = "tag:yaml.org,2002:null"
STR_TAG = "tag:yaml.org,2002:str"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_BOOL_TAG = "tag:yaml.org,2002:bool"
_SCALARS = SafeConstructor()  # only ever applied to single scalars


def line_of(node: Node) -> int:
    return node.start_mark.line + 1


def suggest(word: str, choices: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else None


@dataclass
class NodeReader:
    """Reads mappings, text, lists, numbers and flags, each error naming the file and line."""

    path: Path

    def fail(self, message: str, node: Node | None, hint: str | None = None) -> ItineraryError:
        return ItineraryError(message, path=self.path, line=line_of(node) if node else None, hint=hint)

    # --- generic node readers -------------------------------------------------------------

    def mapping(self, node: Node, what: str, valid: tuple[str, ...]) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(f"{what} must be a mapping of keys to values", node, hint="write 'key: value' lines")
        out: dict[str, Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise self.fail(f"{what}: keys must be plain words", key_node)
            key = key_node.value
            if key not in valid:
                hint = suggest(key, valid) or "valid keys: " + ", ".join(valid)
                raise self.fail(f"{what}: unknown key {key!r}", key_node, hint=hint)
            if key in out:
                raise self.fail(f"{what}: duplicate key {key!r} (first on line {line_of(out[key])})", key_node)
            out[key] = value_node
        return out

    def text(self, node: Node, what: str, *, required: bool = True) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            if required:
                raise self.fail(f"{what} is empty", node)
            return None
        if not isinstance(node, ScalarNode):
            raise self.fail(f"{what} must be a single value, not a list or mapping", node)
        # The raw scalar, not YAML's reading of it: "14:30" would otherwise become 870.
        value = " ".join(node.value.split())
        if not value and required:
            raise self.fail(f"{what} is empty", node)
        return value or None

    def notes(self, node: Node, what: str) -> list[str]:
        """One note or a list of them."""
        items = [node] if isinstance(node, ScalarNode) else self.sequence(node, what)
        return [n for n in (self.text(i, what, required=False) for i in items) if n]

    def sequence(self, node: Node, what: str) -> list[Node]:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            raise self.fail(f"{what} must be a list", node, hint="write each item on a line starting with '- '")
        return list(node.value)

    def flag(self, node: Node, what: str) -> bool:
        if not isinstance(node, ScalarNode) or node.tag != _BOOL_TAG:
            raise self.fail(f"{what} must be true or false", node)
        return bool(_SCALARS.construct_object(node))

    def choice(self, fields: dict[str, Node], key: str, valid: tuple[str, ...], what: str) -> str | None:
        if key not in fields:
            return None
        value = self.text(fields[key], f"{what}: {key}")
        if value not in valid:
            hint = suggest(value or "", valid) or "one of: " + ", ".join(valid)
            raise self.fail(f"{what}: {key} must be one of {', '.join(valid)}, not {value!r}", fields[key],
                            hint=hint)
        return value

    @staticmethod
    def number(node: Node) -> float | None:
        if not isinstance(node, ScalarNode) or node.tag not in _NUMBER_TAGS:
            return None
        value = float(_SCALARS.construct_object(node))
        return value if math.isfinite(value) else None
