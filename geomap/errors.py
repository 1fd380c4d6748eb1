"""Exception hierarchy: every failure the user can fix is a GeomapError with a one-line message."""

from __future__ import annotations

from pathlib import Path


def printable(text: str) -> str:
    """``text`` safe for one terminal line: control, format (bidi) and separator characters escaped.

    A file name may hold a newline or an escape sequence; printed raw it could forge a
    second ``geomap: error:`` line or recolour the terminal.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


class GeomapError(Exception):
    """Base class; ``str(err)`` is one line naming the file (and line) and what to fix.

    Modelled on geopy's ``exc.py``: callers catch the base class, the CLI maps it to
    exit status 2, and subclasses say which stage failed.
    """

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        # Collapse newlines so an untrusted value quoted in a message keeps it one line.
        self.message = " ".join(str(message).split())
        self.path = printable(str(path)) if path is not None else None
        self.line = line
        self.hint = " ".join(hint.split()) if hint else None
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path + (f":{self.line}" if self.line is not None else "") + ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


class InputError(GeomapError):
    """The user's input (articles, gazetteer, itinerary) cannot be used as given."""


class ArticleError(InputError):
    """An article file or folder is missing, empty, binary or has bad front matter."""


class GazetteerError(InputError):
    """The gazetteer YAML is malformed or inconsistent."""


class ItineraryError(InputError):
    """The curated itinerary (journey.yaml) is malformed or inconsistent."""


class OutputError(GeomapError):
    """An output file or folder cannot be written."""


class GeocoderError(GeomapError):
    """An online geocoder failed after its retries (callers usually downgrade it to a warning)."""


class BrowserError(GeomapError):
    """No usable headless browser for PNG export."""
