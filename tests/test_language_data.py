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


def test_packaged_language_data_missing_or_incomplete_is_one_line_naming_the_file() -> None:
    import pytest

    from geomap.errors import GeomapError
    from geomap.langdata import package_yaml

    assert "time" in package_yaml("cues.yaml", "cue words", ("time",))
    with pytest.raises(GeomapError, match=r"cue words lack the 'nowhere' section") as missing:
        package_yaml("cues.yaml", "cue words", ("time", "nowhere"))
    assert str(missing.value.path).endswith("cues.yaml") and "\n" not in str(missing.value)
    with pytest.raises(GeomapError, match=r"cannot read sequence words") as absent:
        package_yaml("no-such-file.yaml", "sequence words", ())
    assert str(absent.value.path).endswith("no-such-file.yaml")
