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
