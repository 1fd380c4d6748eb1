"""The per-article cache's key covers every module the cached steps run, so an upgrade never reads stale results."""

from __future__ import annotations

import ast
import fnmatch
from pathlib import Path

import pytest

from geomap.articlecache import _KIND_SOURCES, _SOURCES

PACKAGE = Path(__file__).resolve().parent.parent / "geomap"
#: The steps whose per-article results are cached, by kind: discovery and time expressions (the
#: shared key), the inference's reading of an article's words, the travel cues unplaced names follow.
CACHED = {"": ("discover/__init__.py", "timexpr.py"), "words": ("infer/clauses.py",), "cues": ("unplaced.py",),
          "marks": ("infer/sequence.py",), "matches": ("mentions.py",),
          "named": ("infer/records.py", "infer/evidence.py"), "evidence": ("infer/records.py", "infer/evidence.py"),
          "sentence_times": ("claims/times.py",), "claim_figures": ("claims/extract.py",)}
#: Modules that store, locate or report but never change what a step finds: the cache itself (its
#: record shape is versioned by FORMAT), atomic writes, cache folders and files, error types, the
#: package's front door, and the sharing of work between processes (results as a serial run's).
#: Anything else a cached step imports must be in the key.
PLUMBING = {"articlecache.py", "atomicio.py", "cachedir.py", "cachefiles.py", "errors.py", "__init__.py", "parallel.py"}


def _imported(path: Path) -> set[Path]:
    """The package's own modules ``path`` imports (relative and absolute ``geomap`` imports)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[Path] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
        elif (node.module or "").split(".")[0] == "geomap":
            base = PACKAGE.parent
        else:
            continue
        target = base.joinpath(*(node.module or "").split(".")) if node.module else base
        names = [target / alias.name for alias in node.names] + [target]
        for name in names:
            for candidate in (name.with_suffix(".py"), name / "__init__.py"):
                if candidate.is_file():
                    found.add(candidate)
    return found


def _closure(entries: tuple[str, ...]) -> set[str]:
    todo = [PACKAGE / c for c in entries]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        todo.extend(_imported(path) - seen)
    return {p.relative_to(PACKAGE).as_posix() for p in seen}


@pytest.mark.parametrize("kind", CACHED)
def test_every_module_the_cached_steps_import_is_in_the_cache_key(kind: str) -> None:
    modules = _closure(CACHED[kind])
    assert "textnorm.py" in modules  # the walk follows imports
    assert kind or "discover/finds.py" in modules
    patterns = (*_SOURCES, *_KIND_SOURCES.get(kind, ()))
    uncovered = sorted(m for m in modules - PLUMBING if not any(fnmatch.fnmatch(m, p) for p in patterns))
    assert uncovered == [], f"add to articlecache._SOURCES: {uncovered}"
