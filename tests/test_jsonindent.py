"""The fast indented JSON writer gives json.dumps's text and errors, byte for byte."""

from __future__ import annotations

import enum
import json
import math
import random

import pytest

from geomap.render.jsonindent import dumps_indented


def _reference(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)


def _random_value(rng: random.Random, depth: int = 0) -> object:
    r = rng.random()
    if depth > 4 or r < 0.5:
        return rng.choice([None, True, False, 0, -7, 10**20, rng.random() * 1e3, -0.0, 1e300, 5e-324, 1.0,
                           "", "é\"\\\n\t\u2028</script>", "\ud800", "日本", str(rng.random())])
    if r < 0.75:
        return {rng.choice(["a", "b", "é", "\n", "type", "", str(rng.random())]): _random_value(rng, depth + 1)
                for _ in range(rng.randint(0, 5))}
    kind = list if rng.random() < 0.8 else tuple
    return kind(_random_value(rng, depth + 1) for _ in range(rng.randint(0, 5)))


def test_random_values_are_written_as_json_dumps_writes_them() -> None:
    rng = random.Random(11)
    for _ in range(5000):
        value = _random_value(rng)
        assert dumps_indented(value) == _reference(value)


def test_a_geojson_like_collection() -> None:
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [2.35, 48.85]},
         "properties": {"name": "Ville", "dates": [], "articles": ["a1", "a2"], "stop": None, "seq": [1, 3]}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[2.35, 48.85], [-0.12, 51.5]]},
         "properties": {}}]}
    assert dumps_indented(collection) == _reference(collection)


class _Colour(enum.IntEnum):
    RED = 1


class _Text(str):
    pass


@pytest.mark.parametrize("value", [
    {1: "int key"}, {None: 1, True: 2, 1.5: 3}, [_Colour.RED], {"k": _Text("sub")}, (_Text("x"), 1.0),
])
def test_what_json_writes_its_own_way_is_left_to_json(value: object) -> None:
    assert dumps_indented(value) == _reference(value)


@pytest.mark.parametrize("value", [math.nan, [1.0, math.inf], {"a": {"b": -math.inf}}])
def test_non_finite_numbers_raise_json_s_error(value: object) -> None:
    with pytest.raises(ValueError) as ours:
        dumps_indented(value)
    with pytest.raises(ValueError) as theirs:
        _reference(value)
    assert str(ours.value) == str(theirs.value)


def test_unwritable_values_and_cycles_raise_json_s_errors() -> None:
    with pytest.raises(TypeError):
        dumps_indented({"a": object()})
    with pytest.raises(TypeError):
        dumps_indented({("tuple", "key"): 1})
    loop: list = []
    loop.append(loop)
    with pytest.raises(ValueError, match="Circular"):
        dumps_indented({"a": loop})
