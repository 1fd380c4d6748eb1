"""Language data: YAML 1.1 reads bare on/no/yes/off as booleans, so a word list must hold only words."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "geomap" / "data"


def _booleans_in_lists(node: object, path: str = "") -> list[str]:
    if isinstance(node, dict):
        return [hit for key, value in node.items() for hit in _booleans_in_lists(value, f"{path}/{key}")]
    if isinstance(node, list):
        hits = [f"{path}: {item!r}" for item in node if isinstance(item, bool)]
        return hits + [hit for item in node for hit in _booleans_in_lists(item, path)]
    return []


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_word_lists_hold_words_not_booleans(path: Path) -> None:
    # A bare `on` in a list of English words silently became True and never matched anything.
    assert _booleans_in_lists(yaml.safe_load(path.read_text(encoding="utf-8"))) == []
