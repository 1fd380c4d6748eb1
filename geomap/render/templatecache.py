"""Jinja templates compiled once per Jinja and Python version and kept in the cache."""

from __future__ import annotations

import hashlib
import marshal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType

import jinja2

from ..atomicio import atomic_write_bytes
from ..errors import OutputError


@contextmanager
def compiled_once(folder: Path) -> Iterator[None]:
    """Within the block, a template Jinja compiles takes the code kept in ``folder`` for the same
    source and environment, compiled and kept there when missing.

    folium and branca compile some sixty templates as they are imported, about a fifth of the
    processor a small build needs; the code for a source is the same each time, so a build
    renders the same bytes from kept code. Meant for imports: a story's text made into a
    template (branca's ``Element(text)``) would fill the cache, so the block stays around them."""
    path = folder / "templates" / f"jinja-{jinja2.__version__}-{sys.implementation.cache_tag}-{MAGIC_NUMBER.hex()}"
    kept = _load(path)
    known = len(kept)
    compile_ = jinja2.Environment.compile

    def compile_kept(env: jinja2.Environment, source: object, name: str | None = None, filename: str | None = None,
                     raw: bool = False, defer_init: bool = False) -> object:
        key = _key(env, source, name, filename) if not raw and not defer_init else None
        if key is None:
            return compile_(env, source, name, filename, raw, defer_init)
        code = kept.get(key)
        if code is None:
            code = kept[key] = compile_(env, source, name, filename)
        return code

    jinja2.Environment.compile = compile_kept  # type: ignore[assignment,method-assign]
    try:
        yield
    finally:
        jinja2.Environment.compile = compile_  # type: ignore[method-assign]
        if len(kept) > known:
            try:
                atomic_write_bytes(path, marshal.dumps(kept), durable=False)
            except OutputError:
                pass  # an unwritable cache only costs the next build the compiling


def _load(path: Path) -> dict[str, CodeType]:
    """The kept code by key; none when the file is missing or unreadable (a cache, never an error)."""
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(kept, dict) or not all(isinstance(k, str) and isinstance(c, CodeType) for k, c in kept.items()):
        return {}
    return kept


def _key(env: jinja2.Environment, source: object, name: str | None, filename: str | None) -> str | None:
    """What the compiled code depends on: the source, its name and file (a template a loader read:
    branca's colormap) and the environment's syntax, options, filters and tests (a filter unknown
    when compiling makes other code). None when it is not all plain data: a ``finalize`` function
    or an ``autoescape`` decided per template changes the code."""
    if not isinstance(source, str) or env.finalize is not None or not isinstance(env.autoescape, bool):
        return None
    settings = (
        type(env).__module__, type(env).__qualname__, env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string, env.comment_end_string,
        env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
        env.newline_sequence, env.keep_trailing_newline, env.optimized, env.autoescape, env.is_async,
        sorted(env.extensions), sorted(env.filters), sorted(env.tests),
    )
    return hashlib.sha256(repr((settings, source, name, filename)).encode("utf-8", "surrogatepass")).hexdigest()
