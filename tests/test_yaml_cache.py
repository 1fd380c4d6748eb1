"""Plain YAML kept as JSON in the cache folder: read back equal, never kept when JSON would change it."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest
import yaml

from geomap import yamlmarks


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    return tmp_path


def _kept(cache: Path) -> list[Path]:
    return sorted((cache / "yaml").glob("*.json"))


@pytest.mark.parametrize("name", ["labels.yaml", "infer.yaml", "discover.yaml", "claims.yaml", "cues.yaml"])
def test_package_data_reads_back_from_the_cache_as_parsed(cache: Path, name: str) -> None:
    text = resources.files("geomap").joinpath("data", name).read_text(encoding="utf-8")
    parsed = yaml.safe_load(text)
    assert yamlmarks.load(text) == parsed
    assert len(_kept(cache)) == 1
    assert yamlmarks.load(text) == parsed


@pytest.mark.parametrize("text, value", [
    ("1: one\n2: two\n", {1: "one", 2: "two"}),  # JSON keys are strings
    ("when: 2024-05-02\n", {"when": dt.date(2024, 5, 2)}),
    ("x: .nan\n", None),
    ("!!set {a, b}\n", {"a", "b"}),
    ("yes: [1.0, 2]\n", {True: [1.0, 2]}),
])
def test_yaml_that_json_would_change_is_parsed_every_time(cache: Path, text: str, value: object) -> None:
    for _ in range(2):
        data = yamlmarks.load(text)
        if value is None:
            assert data["x"] != data["x"]  # NaN
        else:
            assert data == value and type(data) is type(value)
    assert _kept(cache) == []


def test_a_damaged_cache_file_is_parsed_again(cache: Path) -> None:
    text = "a: [1, 2.5, 'x']\nb: {c: null}\n"
    first = yamlmarks.load(text)
    (kept,) = _kept(cache)
    kept.write_bytes(b'{"a": [1, 2')
    assert yamlmarks.load(text) == first == {"a": [1, 2.5, "x"], "b": {"c": None}}


def test_bad_yaml_still_raises_with_its_line(cache: Path) -> None:
    with pytest.raises(yaml.YAMLError) as exc:
        yamlmarks.load("a: 1\nb: [1, 2\n")
    assert yamlmarks.error_line(exc.value, "a: 1\nb: [1, 2\n") is not None
    assert _kept(cache) == []
