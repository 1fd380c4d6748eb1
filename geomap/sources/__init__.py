"""Where articles come from: files (.txt, .md, .html, .docx), folders of them, URLs and URL lists."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from ..errors import ArticleError
from ..limits import MAX_ARTICLE_BYTES, megabytes
from .text import decode_text, normalize
from .web import Fetcher, is_url

Kind = Literal["text", "markdown", "html", "docx", "url"]

#: Article file kinds by suffix; a ``.txt`` whose lines are all URLs is a URL list instead.
SUFFIXES: dict[str, Kind] = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".docx": "docx",
}
URL_LIST_SUFFIX = ".urls"
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Source:
    """One article to read: a file, or a URL (with the list file that named it, if any)."""

    kind: Kind
    location: str  # the file path or URL, as error messages name it
    path: Path | None = None
    folder: Path | None = None  # where articles.yaml for it would be


@dataclass(frozen=True)
class Loaded:
    """An article's raw text (front matter not yet split) and what its format says about it."""

    text: str
    kind: Kind
    meta: dict[str, object] = field(default_factory=dict)  # title, date, source, url, language
    warnings: list[str] = field(default_factory=list)
    path: Path | None = None  # the file holding the text (for a URL, its cached copy)


def expand(paths: Sequence[str | Path]) -> list[Source]:
    """Every article the given paths name, in order: folders by file name, URL lists line by line."""
    sources: list[Source] = []
    for raw in paths:
        text = str(raw)
        if is_url(text):
            sources.append(Source("url", text.strip(), folder=Path.cwd()))
            continue
        path = Path(raw)
        try:
            is_dir, is_file = path.is_dir(), path.is_file()
            found = sorted(p for p in path.iterdir() if p.is_file() and _is_article_name(p)) if is_dir else []
        except OSError as exc:  # unreadable folder, name too long, a loop of links
            raise ArticleError(f"cannot read: {exc.strerror or exc}", path=path) from exc
        if is_dir:
            for p in found:
                _inside(p, path)
            listed = [s for p in found for s in _file_sources(p)]
            if not listed:
                raise ArticleError("folder has no articles", path=path,
                                   hint="put .txt, .md, .html, .docx files or a .urls list in it")
            sources.extend(listed)
        elif is_file:
            sources.extend(_file_sources(path, named=True))
        else:
            raise ArticleError("no such file or folder", path=path, hint="check the path to the articles")
    return sources


def _inside(path: Path, folder: Path) -> None:
    """Refuse a link in the articles folder that leads out of it: its text would be published."""
    if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
        raise ArticleError("is a link to a file outside the articles folder; geomap does not follow it",
                           path=path, hint="copy the file into the folder, or name it on the command line")


def _is_article_name(path: Path) -> bool:
    # Office lock files ("~$report.docx") and hidden files are never articles.
    if path.name.startswith((".", "~$")):
        return False
    return path.suffix.lower() in SUFFIXES or path.suffix.lower() == URL_LIST_SUFFIX


def _file_sources(path: Path, named: bool = False) -> list[Source]:
    suffix = path.suffix.lower()
    urls = _url_list(path) if suffix in (URL_LIST_SUFFIX, ".txt") else None
    if urls is not None:
        return [Source("url", url, folder=path.parent) for url in urls]
    if suffix == URL_LIST_SUFFIX:
        raise ArticleError("URL list has no URLs", path=path, hint="one http(s) address a line; '#' starts a comment")
    # A file named explicitly is read as text whatever its suffix, as before.
    kind = SUFFIXES.get(suffix, "text") if named else SUFFIXES[suffix]
    return [Source(kind, str(path), path=path, folder=path.parent)]


def _url_list(path: Path) -> list[str] | None:
    """The URLs of a list file, or None when it is not one (a ``.txt`` with a line of prose)."""
    try:
        text = path.read_bytes()[: 1024 * 1024].decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    urls: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.split(" #", 1)[0].strip()  # "URL  # note"; a '#' inside a URL is a fragment
        if not entry or entry.startswith("#"):
            continue
        if not is_url(entry):
            if path.suffix.lower() == URL_LIST_SUFFIX:
                raise ArticleError(f"not an http(s) URL: {entry!r:.80}", path=path, line=number)
            return None
        urls.append(entry)
    return urls or None


def read(source: Source, fetcher: Fetcher | None) -> Loaded:
    """The raw text of one source: decoded, extracted from HTML or Word, or fetched."""
    if source.kind == "url":
        return _read_url(source.location, fetcher)
    path = source.path
    assert path is not None
    if source.kind == "docx":
        from .docx import read_docx

        try:
            _check_size(path)
        except OSError as exc:
            raise ArticleError(f"cannot read article: {exc.strerror or exc}", path=path) from exc
        doc = read_docx(path)
        meta = {"title": doc.title, "language": doc.language}
        return Loaded(doc.text, "docx", {k: v for k, v in meta.items() if v}, path=path)
    try:
        _check_size(path)
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read article: {exc.strerror or exc}", path=path) from exc
    if source.kind == "html":
        return _from_page(raw, str(path), None, path)
    text, warnings = decode_text(raw, str(path))
    return Loaded(text, source.kind, warnings=warnings, path=path)


def _check_size(path: Path) -> None:
    """Refuse a file too large to be one article before reading it (a log, a dump, a disk image)."""
    size = path.stat().st_size
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"file is {megabytes(size)}; an article may be at most {megabytes(MAX_ARTICLE_BYTES)}",
                           path=path, hint="split it into several articles")


def _read_url(url: str, fetcher: Fetcher | None) -> Loaded:
    if fetcher is None:
        raise ArticleError("URLs need a fetcher", path=url)
    page = fetcher.get(url)
    if page.content_type == "text/plain":
        text, warnings = decode_text(page.body, url)
        return Loaded(text, "text", {"url": page.final_url}, warnings, path=page.path)
    return _from_page(page.body, url, page.final_url, page.path)


def _from_page(raw: bytes, where: str, url: str | None, path: Path) -> Loaded:
    from .html import extract_page

    page = extract_page(raw, where, url)
    meta = {"title": page.title, "date": page.date, "source": page.source, "url": page.url,
            "language": page.language}
    warnings: list[str] = []
    text = normalize(page.text, where, warnings)
    return Loaded(text, "html", {k: v for k, v in meta.items() if v}, warnings, path=path)


GAZETTEER_NAME = "gazetteer.yaml"


def story_folder(paths: Sequence[str | Path]) -> Path | None:
    """The folder the story lives in: the first folder given, or the first file's folder."""
    for given in paths:
        if is_url(str(given)):
            continue
        path = Path(given)
        return path if path.is_dir() else path.parent
    return None


def find_gazetteer(paths: Sequence[str | Path], cwd: Path | None = None) -> Path | None:
    """The story folder's ``gazetteer.yaml``, else the current folder's, else None (none at all)."""
    folder = story_folder(paths)
    for candidate in ([folder / GAZETTEER_NAME] if folder is not None else []) + [(cwd or Path.cwd()) / GAZETTEER_NAME]:
        if candidate.is_file():
            return candidate
    return None


def url_id(url: str) -> str:
    """A readable article id for a URL: its last path segment (or host), as a slug."""
    parts = urlsplit(url)
    segments = [s for s in unquote(parts.path).split("/") if s]
    name = segments[-1] if segments else parts.hostname or "page"
    name = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", name)  # "trip.html", "note.txt", "page.php"
    return _SLUG.sub("-", name.casefold()).strip("-")[:60] or "page"


__all__ = [
    "Fetcher", "Loaded", "Source", "SUFFIXES", "expand", "find_gazetteer", "is_url", "read", "story_folder", "url_id",
]
