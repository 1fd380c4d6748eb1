"""JSON with a 2-space indent, byte for byte ``json.dumps(…, ensure_ascii=False, indent=2, allow_nan=False)``, faster."""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from math import isfinite

INDENT = "  "
# json.encoder.encode_basestring is the C writer of one string that json.dumps uses with ensure_ascii=False.


class _Unusual(Exception):
    """A value the fast writer leaves to json.dumps (its errors and odd keys are json's to give)."""


def dumps_indented(obj: object) -> str:
    """``obj`` as ``json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)`` writes it.

    json's C encoder ignores ``indent``, so an indented dump runs json's pure-Python generators, one
    call per value: a 10,000-article story's GeoJSON took seconds of the build's serial end. This
    writes plain dicts, lists, strings, numbers, booleans and None straight into a list of parts; anything
    else (a subclass, a non-string key, a non-finite float, a cycle) is handed to json.dumps whole, so
    the text and the errors stay json's.
    """
    out: list[str] = []
    try:
        _write(obj, "\n", out, 0)
    except (_Unusual, RecursionError):
        return json.dumps(obj, ensure_ascii=False, indent=2, allow_nan=False)
    return "".join(out)


def _float(x: float) -> str:
    if not isfinite(x):
        raise _Unusual
    return float.__repr__(x)


#: Writers of the values that hold no others, by exact type (a subclass may write itself otherwise).
_SCALARS = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda b: "true" if b else "false",
    type(None): lambda _: "null",
}

#: Deeper than this is surely a cycle (json.dumps reports it).
_MAX_DEPTH = 200


def _write(o: object, pad: str, out: list[str], depth: int) -> None:
    """Append ``o`` written at the indentation whose line break is ``pad``."""
    scalar = _SCALARS.get(type(o))
    if scalar is not None:
        out.append(scalar(o))
        return
    if depth > _MAX_DEPTH:
        raise _Unusual
    inner = pad + INDENT
    if type(o) is dict:
        if not o:
            out.append("{}")
            return
        sep = "{" + inner
        for k, v in o.items():  # type: ignore[attr-defined]
            if type(k) is not str:
                raise _Unusual
            out.append(sep)
            out.append(encode_basestring(k))
            out.append(": ")
            w = _SCALARS.get(type(v))
            if w is not None:
                out.append(w(v))
            else:
                _write(v, inner, out, depth + 1)
            sep = "," + inner
        out.append(pad + "}")
    elif type(o) is list or type(o) is tuple:
        if not o:
            out.append("[]")
            return
        writers = [_SCALARS.get(type(v)) for v in o]  # type: ignore[attr-defined]
        if None not in writers:  # a list of plain values (a point's coordinates): written at once
            out.append("[" + inner + ("," + inner).join([w(v) for w, v in zip(writers, o)]) + pad + "]")  # type: ignore[misc,call-overload]
            return
        sep = "[" + inner
        for v in o:  # type: ignore[attr-defined]
            out.append(sep)
            _write(v, inner, out, depth + 1)
            sep = "," + inner
        out.append(pad + "]")
    else:
        raise _Unusual
