"""Shared fixtures: repository paths and the headless Chromium used by browser tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent
# The seed map's fixtures (``built``, ``browser``), shared by the browser test modules that open it.
pytest_plugins = ["seedmap"]

# No property test is timed: hypothesis's default 200 ms deadline per example failed the fuzz tests of
# text loading whenever the machine was busy (speed is measured in benchmarks/, never in tests).
settings.register_profile("untimed", deadline=None)
settings.load_profile("untimed")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    return ROOT / "gazetteer.yaml"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path to headless Chromium: skip locally without it, fail under CI=true."""
    from geomap.render.png import find_chromium  # one definition of "a usable Chromium"

    path = find_chromium()
    if path is None:
        reason = "no Chromium found (apt-get install chromium); browser tests need it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


# One GeoNames index cache for the whole run (and across local runs): building it
# parses ~80 MB of JSON, which no test needs to repeat.
os.environ.setdefault("GEOMAP_CACHE_DIR", str(ROOT / ".cache" / "test"))


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never leave the machine: connections to anything but loopback fail loudly."""
    import ipaddress
    import socket

    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if isinstance(address, tuple) and address:
            host = str(address[0])
            try:
                loopback = ipaddress.ip_address(host).is_loopback
            except ValueError:
                loopback = host == "localhost"
            if not loopback:
                raise ConnectionRefusedError(f"test tried to reach {host}: tests are offline")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
