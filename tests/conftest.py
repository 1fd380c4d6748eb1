"""Shared fixtures: repository paths and the headless Chromium used by browser tests."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def gazetteer_path() -> Path:
    return ROOT / "gazetteer.yaml"


def find_chromium() -> str | None:
    """Debian's chromium (never a downloaded build); GEOMAP_CHROMIUM overrides."""
    for candidate in (os.environ.get("GEOMAP_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path to headless Chromium: skip locally without it, fail under CI=true."""
    path = find_chromium()
    if path is None:
        reason = "no Chromium found (apt-get install chromium); browser tests need it"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path
