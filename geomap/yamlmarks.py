"""Where a YAML syntax error is, as a 0-based line: the one place that decides it for every loader."""

from __future__ import annotations

import yaml


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
