"""Full `geomap build --online` runs against a local Nominatim server: answers, rate, cache, faults."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from nominatim_server import NominatimServer, place

from geomap.geocoders import GeoNamesIndex

pytestmark = pytest.mark.slow

USER_AGENT = "geomap-tests/1 (+https://example.invalid/tests)"
DEFAULT_DELAY = 1.0  # the CLI's; deliberately not lowered: the test checks the real default

ARTICLE = """---
title: Envoy crosses to the islands by night
date: 2024-05-02
language: en
---
The envoy left Gdańsk on Monday evening aboard a special train.

His train stopped at Zorvan Junction before dawn, where local officials met him on the platform.

On Tuesday he sailed from Kellmark Quay to the islands, ending a two-day journey.
"""

# Three names the text uses, none with coordinates: GeoNames knows Gdańsk; only the online
# geocoder knows the invented junction and quay.
GAZETTEER = """places:
  - id: gdansk
    name: Gdańsk
    kind: city
    country: PL
    aliases: [Gdansk]
  - id: zorvan-junction
    name: Zorvan Junction
    kind: station
    country: PL
  - id: kellmark-quay
    name: Kellmark Quay
    kind: port
    country: PL
"""
ONLINE_ONLY = {"zorvan-junction": (54.10, 18.20), "kellmark-quay": (54.60, 18.80)}
OUTPUTS = ("map.html", "journey.geojson", "mentions.csv", "embed.html")


@pytest.fixture(scope="module")
def geonames_index() -> Path:
    """The session's GeoNames index file (built once), copied into each run's cache dir."""
    return GeoNamesIndex.load(Path(os.environ["GEOMAP_CACHE_DIR"])).path


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "01-envoy.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "gazetteer.yaml").write_text(GAZETTEER, encoding="utf-8")
    return folder


@pytest.fixture
def cache_dir(tmp_path: Path, geonames_index: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    shutil.copy(geonames_index, folder / geonames_index.name)
    return folder


@pytest.fixture
def server() -> Iterator[NominatimServer]:
    srv = NominatimServer().start()
    srv.add("Zorvan Junction", place("Zorvan Junction", *ONLINE_ONLY["zorvan-junction"], place_id=7,
                                     cls="railway", type_="station", country_code="pl", importance=0.3))
    srv.add("Kellmark Quay", place("Kellmark Quay", *ONLINE_ONLY["kellmark-quay"], place_id=8,
                                   cls="landuse", type_="port", country_code="pl", importance=0.2))
    yield srv
    srv.stop()


def run_build(story: Path, out: Path, cache_dir: Path, server: NominatimServer) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    env["NO_PROXY"] = "127.0.0.1,localhost"  # the server is local; no proxy may stand between
    env.pop("GEOMAP_CACHE_DIR", None)  # only --cache-dir decides where answers are kept
    argv = [sys.executable, "-m", "geomap", "build", str(story), "--out", str(out),
            "--gazetteer", str(story.parent / "gazetteer.yaml"), "--cache-dir", str(cache_dir),
            "--online", "--geocoder-url", server.url, "--user-agent", USER_AGENT]
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=180, check=False)


def features(out: Path) -> dict[str, dict]:
    data = json.loads((out / "journey.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f for f in data["features"] if f["properties"].get("id")}


def test_online_build_uses_the_server_for_what_offline_data_lacks_then_only_its_cache(
        story: Path, cache_dir: Path, server: NominatimServer, tmp_path: Path) -> None:
    first = run_build(story, tmp_path / "out1", cache_dir, server)
    assert first.returncode == 0, first.stderr

    found = features(tmp_path / "out1")
    for pid, (lat, lon) in ONLINE_ONLY.items():
        assert found[pid]["properties"]["resolver"] == "geocoder"
        assert found[pid]["geometry"]["coordinates"] == [lon, lat]
    assert found["gdansk"]["properties"]["resolver"] == "geonames"  # offline first: never asked online

    searches = server.searches()
    assert sorted(r.params["q"] for r in searches) == ["Kellmark Quay", "Zorvan Junction"]
    assert all(r.headers.get("User-Agent") == USER_AGENT for r in searches)
    assert all(r.params.get("countrycodes") == "pl" for r in searches)  # the entries' country
    gaps = [b.at - a.at for a, b in zip(searches, searches[1:])]
    assert gaps and min(gaps) >= DEFAULT_DELAY
    assert "online geocoder requests: 2" in first.stderr and "unresolved" not in first.stderr

    second = run_build(story, tmp_path / "out2", cache_dir, server)
    assert second.returncode == 0, second.stderr
    assert len(server.searches()) == 2  # nothing new reached the server
    assert "online geocoder requests" not in second.stderr
    for name in OUTPUTS:
        assert (tmp_path / "out2" / name).read_bytes() == (tmp_path / "out1" / name).read_bytes(), name


def test_server_failing_every_request_leaves_names_unresolved_and_the_cache_clean(
        story: Path, cache_dir: Path, server: NominatimServer, tmp_path: Path) -> None:
    # One online-only name keeps this short: 3 attempts, 5 s apart (the CLI's retry defaults).
    gazetteer = story.parent / "gazetteer.yaml"
    gazetteer.write_text(GAZETTEER.split("  - id: kellmark-quay")[0], encoding="utf-8")
    server.always("503")
    result = run_build(story, tmp_path / "out", cache_dir, server)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "map.html").exists()

    lines = result.stderr.splitlines()
    assert any(line.startswith("warning:") and "'Zorvan Junction'" in line and "HTTP 503" in line for line in lines)
    assert "unresolved: Zorvan Junction" in lines
    zorvan = lambda: [r for r in server.searches() if r.params["q"] == "Zorvan Junction"]  # noqa: E731
    assert len(zorvan()) == 3  # the first try and two retries, then it gave up
    # The quay the envoy sailed from, now in no gazetteer, was asked too (review's unplaced names)
    # and is reported as not placed, with its sentence.
    assert "Kellmark Quay" in {r.params["q"] for r in server.searches()}
    assert any(line.startswith("  Kellmark Quay — 01-envoy:") for line in lines)
    found = features(tmp_path / "out")
    assert "zorvan-junction" not in found and found["gdansk"]["properties"]["resolver"] == "geonames"

    # Failures are not remembered: a later run asks again and, the server back, gets the answer.
    answers = cache_dir / "nominatim.json"
    assert not answers.exists() or "zorvan" not in answers.read_text(encoding="utf-8").casefold()
    server.always(None)
    again = run_build(story, tmp_path / "out-again", cache_dir, server)
    assert again.returncode == 0, again.stderr
    assert features(tmp_path / "out-again")["zorvan-junction"]["properties"]["resolver"] == "geocoder"
    assert len(zorvan()) == 4
