"""Decode a plain-text article leniently: BOMs, UTF-16, cp1252, NUL bytes; reject binary files."""

from __future__ import annotations

import unicodedata

from ..errors import ArticleError

# File signatures of formats people drop into an articles folder by mistake.
_MAGIC = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")
# Text never has many control bytes; UTF-16 without a BOM or an image has plenty.
_BINARY_CONTROL_RATIO = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v")
#: Every byte but the control ones text never has: deleted, what is left is counted (in C, not byte by byte).
_NOT_CONTROLS = bytes(b for b in range(256) if not ((b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F))


def decode_text(raw: bytes, where: str) -> tuple[str, list[str]]:
    """Text of ``raw`` (from the file or URL ``where``) with one newline style, plus warnings."""
    if not raw.strip():
        raise ArticleError("article is empty", path=where, hint="remove the file or add the article text")
    warnings: list[str] = []
    binary = ArticleError("not a text file", path=where, hint="articles must be plain text, preferably UTF-8")
    if raw.startswith(_MAGIC):
        raise binary
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise binary from None
        warnings.append(f"{where}: decoded as UTF-16; save articles as UTF-8")
    else:
        if _control_bytes(raw[:65536]) > _BINARY_CONTROL_RATIO * min(len(raw), 65536):
            raise binary
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            # Old Windows/Mac editors save in cp1252; latin-1 decodes anything as a last resort.
            for encoding in ("cp1252", "latin-1"):
                try:
                    text = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            warnings.append(f"{where}: not valid UTF-8 (byte {exc.start}); decoded as {encoding}")
    return normalize(text, where, warnings), warnings


def _control_bytes(raw: bytes) -> int:
    """How many bytes of ``raw`` are controls text never has (NUL, escape, DEL…; not tab or newline)."""
    return len(raw.translate(None, _NOT_CONTROLS))


def normalize(text: str, where: str, warnings: list[str]) -> str:
    """One newline style and composed accents, so offsets do not depend on the editor."""
    if "\x00" in text:
        warnings.append(f"{where}: removed {text.count(chr(0))} NUL characters")
        text = text.replace("\x00", "")
    text = text.lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ArticleError("article is empty", path=where, hint="remove the file or add the article text")
    return text
