"""Word (.docx) articles as plain text through python-docx: one paragraph a line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import ArticleError


@dataclass(frozen=True)
class WordText:
    """The document's paragraphs joined by newlines, and the properties an author may have set."""

    text: str
    title: str | None = None
    language: str | None = None


def read_docx(path: Path) -> WordText:
    """Body paragraphs in order (tables, headers and footers are not article text).

    The file's creation date is not taken as the article's: it is when the file was made,
    often long after the article appeared.
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ArticleError("not a readable .docx file", path=path, hint="save it again from Word as .docx") from exc
    except Exception as exc:  # zipfile and lxml raise many kinds on a damaged file
        raise ArticleError(f"not a readable .docx file ({type(exc).__name__})", path=path) from exc
    text = "\n".join(p.text for p in document.paragraphs)
    props = document.core_properties
    language = (props.language or "").strip()[:2].lower() or None
    return WordText(text=text, title=(props.title or "").strip() or None, language=language)
