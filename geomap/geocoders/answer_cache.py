"""Persistent JSON cache of well-formed online geocoder answers (an empty answer included)."""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..atomicio import atomic_write_text
from ..errors import OutputError
from .base import fold_key

CACHE_FORMAT = 1


class AnswerCache:
    """Query key → list of raw result dicts; ``None`` from :meth:`get` means "never asked"."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.warnings: list[str] = []
        self._entries: dict[str, list[dict[str, Any]]] = {}
        if path is not None:
            self._load(path)

    @staticmethod
    def key(domain: str, query: str, params: Mapping[str, Any]) -> str:
        """Stable key: the folded query plus every parameter that can change the answer."""
        return json.dumps([domain, fold_key(query), dict(params)], sort_keys=True, ensure_ascii=False)

    def _load(self, path: Path) -> None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            self._set_aside(path, f"unreadable ({exc})")
            return
        try:
            data = json.loads(text)
            if data.get("format") != CACHE_FORMAT:
                raise ValueError(f"format {data.get('format')!r}, expected {CACHE_FORMAT}")
            entries = data["entries"]
            if not isinstance(entries, dict) or not all(
                isinstance(v, list) and all(isinstance(r, dict) for r in v) for v in entries.values()
            ):
                raise ValueError("entries are not lists of results")
        except (ValueError, KeyError, AttributeError, TypeError) as exc:
            self._set_aside(path, f"corrupt ({exc})")
            return
        self._entries = entries

    def _set_aside(self, path: Path, why: str) -> None:
        # Keep the bad file for inspection instead of deleting what may be hours of answers.
        aside = path.with_name(f"{path.name}.corrupt-{time.strftime('%Y%m%dT%H%M%S')}")
        try:
            os.replace(path, aside)
            self.warnings.append(f"{path}: geocoder cache {why}; moved to {aside.name}, starting empty")
        except OSError as exc:
            self.warnings.append(f"{path}: geocoder cache {why} and cannot be moved ({exc}); starting empty")

    def get(self, key: str) -> list[dict[str, Any]] | None:
        return self._entries.get(key)

    def put(self, key: str, results: list[dict[str, Any]]) -> None:
        """Remember a well-formed answer and save the cache atomically, merged with what other
        processes saved meanwhile (under ``<cache>.lock``: a stale copy never overwrites theirs)."""
        self._entries[key] = results
        if self.path is None:
            return
        try:
            with _locked(self.path.with_name(self.path.name + ".lock")):
                theirs = _read_entries(self.path)
                if theirs:
                    self._entries = {**theirs, **self._entries}
                payload = {"format": CACHE_FORMAT, "entries": self._entries}
                atomic_write_text(self.path, json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True))
        except (OutputError, OSError) as exc:
            self.warnings.append(f"geocoder cache not saved: {exc}")

    def __len__(self) -> int:
        return len(self._entries)


class _locked:
    """An exclusive ``flock`` on ``path`` for the duration of a ``with`` block."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        fcntl.flock(self._fd, fcntl.LOCK_EX)

    def __exit__(self, *_: object) -> None:
        os.close(self._fd)


def _read_entries(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The entries another process saved, or {} when the file is absent or not ours to merge."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["entries"] if data.get("format") == CACHE_FORMAT else {}
    except (OSError, ValueError, KeyError, AttributeError, TypeError, UnicodeDecodeError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {k: v for k, v in entries.items() if isinstance(v, list) and all(isinstance(r, dict) for r in v)}
