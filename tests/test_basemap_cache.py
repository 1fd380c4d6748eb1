"""The basemap's cached geometry: read back identical to a fresh parse, rebuilt when damaged, optional."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import shapely

from geomap.render import basemap


def _fingerprint(data) -> tuple:
    return (
        tuple(shapely.to_wkb(list(data.land))),
        tuple(shapely.to_wkb(list(data.borders))),
        tuple((c.names["en"], c.names["fr"], c.area, shapely.to_wkb(c.outline)) for c in data.countries),
        data.cities,
    )


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("basemap-*.bin"))


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A dataset parsed from the packaged JSON (an empty cache folder) and the folder it was cached in."""
    folder = tmp_path_factory.mktemp("cold")
    return _fingerprint(basemap.load_dataset(folder)), folder


def test_a_first_load_writes_one_cache_file_and_the_next_reads_back_the_same_geometry(fresh):
    parsed, folder = fresh
    assert len(_cache_files(folder)) == 1
    assert parsed[0] and parsed[1] and parsed[2] and parsed[3]
    assert _fingerprint(basemap.load_dataset(folder)) == parsed


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_cache_file_is_parsed_again_and_replaced(fresh, tmp_path, damage):
    parsed, folder = fresh
    (good,) = _cache_files(folder)
    data = bytearray(good.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data[len(data) // 2] ^= 0xFF
    target = tmp_path / good.name
    target.write_bytes(bytes(data))
    assert _fingerprint(basemap.load_dataset(tmp_path)) == parsed
    assert target.read_bytes() == good.read_bytes()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")
def test_an_unwritable_cache_folder_still_gives_the_dataset(fresh, tmp_path):
    parsed, _folder = fresh
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert _fingerprint(basemap.load_dataset(locked)) == parsed
        assert _cache_files(locked) == []
    finally:
        locked.chmod(0o700)


def test_a_cache_folder_that_is_a_file_still_gives_the_dataset(fresh, tmp_path):
    parsed, _folder = fresh
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    assert _fingerprint(basemap.load_dataset(blocker)) == parsed


CLIPS = [
    dict(west=101.0, south=20.0, east=157.0, north=60.0, lang="fr", tolerance=0.01, cities=25,
         label_box=(120.0, 35.0, 140.0, 50.0)),
    dict(west=-180.0, south=-85.0, east=180.0, north=85.0, lang=None, tolerance=0.5, cities=0),
    dict(west=20.0, south=40.0, east=40.0, north=55.0, lang="en", tolerance=0.002, cities=10),
]


def test_a_kept_clip_is_the_clip_computed_afresh(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    for args in CLIPS:
        fresh = basemap._clip(**{"label_box": None, **args})
        assert basemap.clip_basemap(**args) == fresh  # computed, then kept
        assert basemap.clip_basemap(**args) == fresh  # read back
        assert fresh.land and (fresh.labels or not args["cities"])
    assert len(list(tmp_path.glob("basemap-clip-*.json"))) == len(CLIPS)


def test_a_damaged_or_foreign_clip_file_is_computed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    args = CLIPS[2]
    fresh = basemap.clip_basemap(**args)
    (kept,) = tmp_path.glob("basemap-clip-*.json")
    for damage in (kept.read_bytes()[:100], b'{"args": "(1, 2)", "bounds": []}', b"\xff\xfe"):
        kept.write_bytes(damage)
        assert basemap.clip_basemap(**args) == fresh


def test_only_the_most_recently_used_clips_are_kept(tmp_path, monkeypatch):
    from geomap.render import basemapcache

    monkeypatch.setenv("GEOMAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(basemapcache, "MAX_CLIPS", 2)
    first = dict(CLIPS[2], cities=0)
    for west in (20.0, 21.0, 22.0):
        basemap.clip_basemap(**dict(first, west=west))
        os.utime(next(iter(sorted(tmp_path.glob("basemap-clip-*.json"), key=lambda p: p.stat().st_mtime_ns))),
                 ns=(1, 1))  # the oldest so far is clearly the least recently used
    assert len(list(tmp_path.glob("basemap-clip-*.json"))) == 2
