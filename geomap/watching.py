"""Rebuild the map whenever the story's articles, metadata, gazetteer or itinerary change."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import GeomapError
from .journey import ITINERARY_NAME
from .pipeline import BuildOptions, BuildResult, ProgressFn, _as_paths, _quiet, build
from .sources import GAZETTEER_NAME, SUFFIXES, URL_LIST_SUFFIX, is_url

DEBOUNCE_MS = 800  # an editor's save (write, rename, touch) arrives as one change
_WAKE_MS = 300  # the watcher wakes this often without changes (to start, and to see stop_event)
_STORY_FILES = frozenset({"articles.yaml", GAZETTEER_NAME, ITINERARY_NAME})


@dataclass(frozen=True)
class WatchEvent:
    """One build: its result, or the error that stopped it (the previous map is left as it was)."""

    result: BuildResult | None = None
    error: GeomapError | None = None
    changed: tuple[Path, ...] = ()  # the files whose change caused this build (none for the first)


def watch(
    paths: str | Path | Sequence[str | Path],
    out_dir: str | Path = "output",
    options: BuildOptions | None = None,
    *,
    on_build: Callable[[WatchEvent], None],
    stop_event: threading.Event | None = None,
    debounce_ms: int = DEBOUNCE_MS,
    progress: ProgressFn = _quiet,
) -> None:
    """Build now, then again after each burst of changes, until ``stop_event`` is set or Ctrl-C.

    URL articles are not watched (they come from the cache). A build that fails with a
    :class:`GeomapError` is reported through ``on_build`` and writes nothing.
    """
    import watchfiles

    opts = options or BuildOptions()
    story = _as_paths(paths)
    wanted = _Wanted(story, opts, Path(out_dir))

    def once(changed: tuple[Path, ...]) -> None:
        try:
            on_build(WatchEvent(result=build(story, out_dir, opts, progress=progress), changed=changed))
        except GeomapError as exc:
            on_build(WatchEvent(error=exc, changed=changed))

    first = True
    # The first build waits for the watcher's first wake-up (a timeout with no change), so an
    # edit made while it runs, or right after it is reported, is never missed.
    for changes in watchfiles.watch(
        *wanted.roots, watch_filter=lambda _, path: wanted(Path(path)), debounce=debounce_ms,
        stop_event=stop_event, raise_interrupt=False, recursive=False,
        yield_on_timeout=True, rust_timeout=_WAKE_MS,
    ):
        if changes or first:
            first = False
            once(tuple(sorted({Path(p) for _, p in changes})))


class _Wanted:
    """Which files a rebuild depends on, and the folders to watch for them (never recursively)."""

    def __init__(self, story: Sequence[str | Path], opts: BuildOptions, out_dir: Path) -> None:
        self.files = {Path(p).resolve() for p in story if not is_url(str(p)) and Path(p).is_file()}
        self.folders = {Path(p).resolve() for p in story if not is_url(str(p)) and Path(p).is_dir()}
        self.folders |= {f.parent for f in self.files}
        for explicit in (opts.gazetteer, opts.itinerary):
            if explicit is not None:
                self.files.add(Path(explicit).resolve())
        if opts.gazetteer is None:  # the current folder's gazetteer.yaml may be the one used
            self.files.add((Path.cwd() / GAZETTEER_NAME).resolve())
        self.out = out_dir.resolve()
        self.roots = sorted({f.parent for f in self.files} | self.folders)

    def __call__(self, path: Path) -> bool:
        path = path.resolve() if path.exists() else path.parent.resolve() / path.name
        if path.is_relative_to(self.out) or path.name.startswith((".", "~")):
            return False  # our own outputs, editors' and Word's temporary files
        if path in self.files:
            return True
        if path.parent not in self.folders:
            return False
        suffix = path.suffix.lower()
        return path.name in _STORY_FILES or suffix in SUFFIXES or suffix == URL_LIST_SUFFIX


__all__ = ["WatchEvent", "watch"]
