"""Property tests: whatever the file holds, load_gazetteer returns a valid Gazetteer or raises GazetteerError."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap.errors import GazetteerError
from geomap.gazetteer import PLACE_KEYS, Gazetteer, load_gazetteer
from geomap.textnorm import fold_key

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "gaz.yaml"


def check(path: Path, data: str | bytes) -> Gazetteer | None:
    """Load ``data``; only GazetteerError may escape, and a loaded gazetteer must be valid."""
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(data)
    try:
        gaz = load_gazetteer(path)
    except GazetteerError as err:
        message = str(err)
        assert message.startswith(str(path)) and "\n" not in message
        return None
    for place in gaz:
        assert re.fullmatch(r"[a-z0-9][a-z0-9._-]*", place.id)
        assert place.name.strip()
        assert (place.lat is None) == (place.lon is None)
        if place.lat is not None and place.lon is not None:
            assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
            assert math.isfinite(place.lat) and math.isfinite(place.lon)
        for lat, lon in place.line:
            assert -90 <= lat <= 90 and -180 <= lon <= 180
        assert place.country is None or re.fullmatch(r"[A-Z]{2}", place.country)
        assert gaz.line_of(place.id) is not None
    assert len(list(gaz.names())) >= len(gaz)
    return gaz


# Characters YAML gives meaning to, so random text hits the parser's corners often.
yamlish = st.text(
    alphabet=st.sampled_from(list("places:-[]{},'\"#&*!|>?%@`\n\t 0123456789.eE+_abcdilnoqstuxyz\\é\u2028\x00\x85\ufeff")),
    max_size=200,
)


@SETTINGS
@given(text=st.one_of(yamlish, st.text(max_size=200)))
def test_arbitrary_text(scratch: Path, text: str) -> None:
    check(scratch, text)


@SETTINGS
@given(data=st.binary(max_size=200))
def test_arbitrary_bytes(scratch: Path, data: bytes) -> None:
    check(scratch, data)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["43.1", "khasan", "RU", "", "-", "Khasan", "2001-02-30", "0x1F", "1_000", "12:30:00"]),
)
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


@SETTINGS
@given(value=nested)
def test_arbitrary_structures(scratch: Path, value: object) -> None:
    check(scratch, yaml.safe_dump(value, allow_unicode=True))


# Places built from the valid keys with plausible and implausible values.
field_values = {
    "id": st.one_of(st.from_regex(r"[a-z0-9][a-z0-9._-]{0,8}", fullmatch=True), scalars),
    "name": st.one_of(st.sampled_from(["Khasan", "Хасан", "Vladivostok", "khasan", "Corée du Nord"]), scalars),
    "kind": st.one_of(st.just("city"), scalars),
    "lat": st.one_of(st.floats(-100, 100), scalars),
    "lon": st.one_of(st.floats(-200, 200), scalars),
    "line": st.one_of(st.lists(st.lists(st.floats(-200, 200), min_size=0, max_size=3), max_size=4), nested),
    "country": st.one_of(st.sampled_from(["RU", "KP", "ru", None, "RUS"]), scalars),
    "aliases": st.one_of(st.lists(st.one_of(st.sampled_from(["Khassan", "khasan", "Vladivostok", "'"]), scalars), max_size=4), nested),
    "source": st.one_of(st.just("Wikipedia"), scalars),
    "population": st.one_of(st.integers(-5, 10**7), scalars),
}
place = st.fixed_dictionaries(
    {}, optional={**field_values, **{"alias": scalars, "lattitude": scalars}}  # near-miss keys too
)


@SETTINGS
@given(places=st.lists(place, max_size=5), wrap=st.booleans())
def test_structured_places(scratch: Path, places: list[dict[str, object]], wrap: bool) -> None:
    doc: object = {"places": places} if wrap else places
    gaz = check(scratch, yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    if gaz is not None:
        assert len(gaz) == len(places)
        assert all(set(p) <= set(PLACE_KEYS) for p in places)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_damaged_curated_file(scratch: Path, gazetteer_path: Path, data: st.DataObject) -> None:
    """Cut, delete or duplicate a line of the real file: still a Gazetteer or a GazetteerError."""
    lines = gazetteer_path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = data.draw(st.integers(0, len(lines) - 1))
    how = data.draw(st.sampled_from(["delete", "duplicate", "truncate", "splice"]))
    if how == "delete":
        lines[i] = ""
    elif how == "duplicate":
        lines[i] = lines[i] * 2
    elif how == "truncate":
        lines[i] = lines[i][: data.draw(st.integers(0, len(lines[i])))]
    else:
        lines[i] = data.draw(yamlish) + lines[i]
    check(scratch, "".join(lines))


lat_st = st.floats(-90, 90, allow_nan=False)
lon_st = st.floats(-180, 180, allow_nan=False)
valid_place = st.fixed_dictionaries(
    {"name": st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), min_size=1, max_size=12)
        # Valid means letters survive folding: "ʻ" is a letter to Python but folds to an apostrophe.
        .filter(lambda s: s.strip() and any(c.isalnum() for c in fold_key(s)))},
    optional={
        "kind": st.sampled_from(["city", "river", "station"]),
        "country": st.sampled_from(["RU", "KP", "CN"]),
        "line": st.lists(st.tuples(lat_st, lon_st).map(list), min_size=2, max_size=4),
        "source": st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=10)
        .filter(str.strip),
    },
)


@SETTINGS
@given(places=st.lists(st.tuples(valid_place, st.one_of(st.none(), st.tuples(lat_st, lon_st))), max_size=6))
def test_valid_places_load_and_round_trip(scratch: Path, places: list[tuple[dict[str, object], tuple[float, float] | None]]) -> None:
    """Well-formed places with distinct ids load unchanged; only a shared name may be refused, and then by name."""
    doc = []
    for i, (fields, coords) in enumerate(places):
        entry: dict[str, object] = {"id": f"p{i}", **fields}
        if coords is not None:
            entry["lat"], entry["lon"] = coords
        doc.append(entry)
    scratch.write_text(yaml.safe_dump({"places": doc}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    try:
        gaz = load_gazetteer(scratch)
    except GazetteerError as err:
        assert "is claimed by" in err.message, str(err)  # two random names folded alike
        return
    assert [p.id for p in gaz] == [e["id"] for e in doc]
    for entry in doc:
        got = gaz.get(str(entry["id"]))
        assert got is not None and got.name == entry["name"]
        assert (got.lat, got.lon) == (entry.get("lat"), entry.get("lon"))
        assert got.line == tuple(tuple(pt) for pt in entry.get("line", []))  # type: ignore[attr-defined]
        assert got.country == entry.get("country") and got.source == entry.get("source")
