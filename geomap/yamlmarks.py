"""YAML read fast (libyaml) and, for bad input, where the error is: one place for every loader."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

T = TypeVar("T")


def error_line(exc: yaml.MarkedYAMLError, text: str) -> int | None:
    """0-based line of ``exc`` in ``text``, or None when PyYAML gives no position.

    At the end of the text ("expected ',' or ']', but got '<stream end>'") the line where
    the unclosed bracket or quote was opened helps the user more than the file's last line.
    """
    mark = exc.problem_mark or exc.context_mark
    if (
        mark is exc.problem_mark
        and exc.context_mark is not None
        and mark is not None
        and mark.index >= len(text.rstrip())
    ):
        mark = exc.context_mark
    return mark.line if mark is not None else None


# libyaml's composer is recursive C: only text nested this shallowly in [ { takes the fast path.
_C_MAX_FLOW_DEPTH = 200
_FLOW = re.compile(r"[\[\]{}]")
_C_LOADERS: dict[type, type] = {}


def _shallow(text: str) -> bool:
    depth = 0
    for match in _FLOW.finditer(text):
        depth += 1 if match.group() in "[{" else -1
        if depth > _C_MAX_FLOW_DEPTH:
            return False
    return True


def _c_loader(loader: type) -> type | None:
    """libyaml's twin of a SafeLoader (subclass): same resolvers and constructors, C parser."""
    if not getattr(yaml, "__with_libyaml__", False):
        return None
    if loader is yaml.SafeLoader:
        return yaml.CSafeLoader
    if loader not in _C_LOADERS:
        _C_LOADERS[loader] = type(
            f"C{loader.__name__}",
            (yaml.CSafeLoader,),
            {"yaml_implicit_resolvers": loader.yaml_implicit_resolvers,
             "yaml_constructors": loader.yaml_constructors},
        )
    return _C_LOADERS[loader]


def compose(text: str, loader: type = yaml.SafeLoader) -> yaml.Node | None:
    """The node tree of ``text`` (with line marks), parsed by libyaml when it is installed.

    On any error the text is parsed again by ``loader`` (pure Python), which raises the error
    and position users have always been told; the slow parser runs only for bad input.
    """
    return _fast_first(yaml.compose, text, loader)


def _fast_first(read: Callable[..., T], text: str, loader: type) -> T:
    """``read(text, Loader=...)`` by libyaml's twin of ``loader`` when there is one and the text is shallow
    enough for it; else, or on any error, by ``loader`` itself (the slow parser reports bad input properly)."""
    fast = _c_loader(loader)
    if fast is not None and _shallow(text):
        try:
            return read(text, Loader=fast)
        except Exception:  # noqa: BLE001 - the slow parser below reports it properly
            pass
    return read(text, Loader=loader)


def compose_load(text: str, loader: type = yaml.SafeLoader) -> tuple[yaml.Node | None, object]:
    """:func:`compose` and :func:`load` of ``text`` from one parse: the data constructed from the node
    tree (what ``yaml.load`` does); bad input is reported as they report it."""
    fast = _c_loader(loader)
    if fast is not None and _shallow(text):
        try:
            parser = fast(text)
            try:
                node = parser.get_single_node()
                return node, (parser.construct_document(node) if node is not None else None)
            finally:
                parser.dispose()
        except Exception:  # noqa: BLE001 - parsed again below, which reports it properly
            return compose(text, loader), load(text, loader)
    return compose(text, loader), load(text, loader)


def load(text: str, loader: type = yaml.SafeLoader) -> object:
    """Like :func:`compose`, for the constructed data (plain safe YAML by default).

    Plain safe YAML that JSON holds exactly (no dates, sets or non-string keys: the package's
    language data) is kept in the cache folder as JSON, keyed by the text: reading it back takes
    a twentieth of parsing (~25 ms of every build for geomap/data/*.yaml).
    """
    if loader is not yaml.SafeLoader:
        return _load(text, loader)
    path = _json_file(text)
    try:
        return json.loads(path.read_bytes())
    except (OSError, ValueError):
        pass
    data = _load(text, loader)
    _keep(path, data)
    return data


def _json_file(text: str) -> Path:
    from .cachedir import default_cache_dir

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]
    return default_cache_dir() / "yaml" / f"{digest}.json"


def _keep(path: Path, data: object) -> None:
    """Store ``data`` as JSON when it reads back equal (else it is parsed every time)."""
    from .atomicio import atomic_write_bytes
    from .errors import OutputError

    try:
        blob = json.dumps(data, ensure_ascii=False, allow_nan=False).encode("utf-8", "surrogatepass")
        if json.loads(blob) != data:
            return  # e.g. integer keys, which JSON turns into strings
        atomic_write_bytes(path, blob)
    except (TypeError, ValueError, UnicodeError, RecursionError, OutputError):
        pass  # dates, sets, NaN, deep nesting, an unwritable cache: parsed again next time


def _load(text: str, loader: type) -> object:
    try:
        return _fast_first(yaml.load, text, loader)  # loader is a SafeLoader or its twin
    except yaml.YAMLError:
        raise
    except (AttributeError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        # PyYAML's own constructors fail this way on e.g. "!!timestamp x" or "!!float [1]".
        raise yaml.constructor.ConstructorError(None, None, f"a value cannot be read ({exc})", None) from exc
