"""Atomic file writes: write to a temporary sibling, fsync, then rename into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError


def atomic_write_bytes(path: str | Path, data: bytes, *, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` so readers see either the old file or the whole new one.

    ``durable=False`` skips the fsync, for caches whose readers take an empty or unreadable file
    as absent: an fsync costs ~2 ms, and a cold build writes several records per article."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", path=target.parent) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        # mkstemp creates 0600; published outputs should be readable like any other file.
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write file: {exc.strerror or exc}", path=target) from exc
    except BaseException:
        # Interrupted (KeyboardInterrupt included): never leave the temp file behind.
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def atomic_write_text(path: str | Path, text: str, *, durable: bool = True) -> Path:
    """UTF-8 text variant of :func:`atomic_write_bytes` (newlines written as given)."""
    return atomic_write_bytes(path, text.encode("utf-8"), durable=durable)
