"""Where geomap keeps its caches: one small module, so reading a cache never imports the resolvers."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

#: The folder a build was told to use (--cache-dir): caches deep in rendering and YAML reading
#: follow it without every function between the CLI and them passing it along.
_chosen: ContextVar[Path | None] = ContextVar("geomap_cache_dir", default=None)


def default_cache_dir() -> Path:
    """The build's chosen folder (:func:`using_cache_dir`), else ``$GEOMAP_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/geomap``, else ``~/.cache/geomap``."""
    chosen = _chosen.get()
    if chosen is not None:
        return chosen
    explicit = os.environ.get("GEOMAP_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg:
        return Path(xdg) / "geomap"
    return Path.home() / ".cache" / "geomap"


@contextmanager
def using_cache_dir(folder: Path | None) -> Iterator[None]:
    """Within the block, :func:`default_cache_dir` is ``folder`` (None: left as it is)."""
    if folder is None:
        yield
        return
    token = _chosen.set(Path(folder))
    try:
        yield
    finally:
        _chosen.reset(token)
