"""Fetch article pages the user named by URL: polite, bounded, robots-aware, cached on disk.

Every answer is kept under ``<cache dir>/web/`` so a rebuild sends nothing; delete a file
there to fetch that page again.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.robotparser
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from ..atomicio import atomic_write_bytes
from ..errors import ArticleError

MAX_BYTES = 8 * 1024 * 1024  # a news page with inline scripts rarely passes 3 MB
DEADLINE_SECONDS = 30.0  # for one page, redirects and robots.txt included
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it (after redirects), and the cache file holding its body."""

    url: str  # as the user gave it
    final_url: str
    content_type: str
    body: bytes
    path: Path


def is_url(text: str) -> bool:
    """Whether ``text`` is an absolute http(s) address (what a PATH or list line may be)."""
    parts = urlsplit(text.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in text.strip()


class Fetcher:
    """GETs pages with one User-Agent, a total deadline, a size cap and bounded redirects."""

    def __init__(
        self,
        user_agent: str,
        cache_dir: Path,
        *,
        offline: bool = False,
        deadline_seconds: float = DEADLINE_SECONDS,
        max_bytes: int = MAX_BYTES,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self.user_agent = user_agent
        self.folder = Path(cache_dir) / "web"
        self.offline = offline
        self.deadline_seconds = deadline_seconds
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.requests_sent = 0
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._pool = None

    def get(self, url: str) -> Fetched:
        """The page at ``url``, from the cache when it was fetched before."""
        cached = self._cached(url)
        if cached is not None:
            return cached
        if self.offline:
            raise ArticleError("not fetched before, and --offline forbids fetching", path=url,
                               hint="build once without --offline, or save the page as .html")
        deadline = time.monotonic() + self.deadline_seconds
        current = url
        for _ in range(self.max_redirects + 1):
            self._check_robots(url, current, deadline)
            status, headers, body = self._request(url, current, deadline)
            location = headers.get("location")
            if status in (301, 302, 303, 307, 308) and location:
                current = urljoin(current, location)
                if not is_url(current):
                    raise ArticleError(f"redirected to a non-web address {current!r:.80}", path=url)
                continue
            if status != 200:
                raise ArticleError(f"the server answered HTTP {status}", path=url,
                                   hint="check the address in a browser")
            content_type = headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type and content_type not in _TYPES:
                raise ArticleError(f"not a web page ({content_type})", path=url,
                                   hint="give the article's page; save other formats and pass the file")
            return self._store(url, current, content_type or "text/html", body)
        raise ArticleError(f"more than {self.max_redirects} redirects", path=url)

    # --- network -------------------------------------------------------------------------------

    def _request(self, url: str, target: str, deadline: float) -> tuple[int, dict[str, str], bytes]:
        import urllib3

        if self._pool is None:
            self._pool = urllib3.PoolManager(headers={"User-Agent": self.user_agent})
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ArticleError(f"no answer within {self.deadline_seconds:g} s", path=url)
        self.requests_sent += 1
        try:
            response = self._pool.request(
                "GET", target, redirect=False, retries=False, preload_content=False,
                headers={"User-Agent": self.user_agent, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"},
                timeout=urllib3.Timeout(connect=min(remaining, 10.0), read=remaining),
            )
            try:
                headers = {k.lower(): v for k, v in response.headers.items()}
                if response.status != 200:
                    return response.status, headers, b""
                declared = headers.get("content-length", "")
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_big(url)
                body = bytearray()
                # The deadline is checked between reads: a server dripping bytes cannot hold us.
                for chunk in response.stream(_CHUNK):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise self._too_big(url)
                    if time.monotonic() > deadline:
                        raise ArticleError(f"page not received within {self.deadline_seconds:g} s", path=url)
                return response.status, headers, bytes(body)
            finally:
                response.release_conn()
        except urllib3.exceptions.HTTPError as exc:
            reason = getattr(exc, "reason", None) or exc
            raise ArticleError(f"cannot fetch: {' '.join(str(reason).split())[:160]}", path=url) from exc

    def _too_big(self, url: str) -> ArticleError:
        return ArticleError(f"page larger than {self.max_bytes // (1024 * 1024)} MB", path=url,
                            hint="save the article as .html or .txt and pass the file")

    def _check_robots(self, url: str, target: str, deadline: float) -> None:
        parts = urlsplit(target)
        origin = f"{parts.scheme}://{parts.netloc}"
        parser = self._robots.get(origin) or self._load_robots(url, origin, deadline)
        self._robots[origin] = parser
        if not parser.can_fetch(self.user_agent, target):
            raise ArticleError("the site's robots.txt does not allow fetching this page", path=url,
                               hint="save the page from your browser and pass the .html file")

    def _load_robots(self, url: str, origin: str, deadline: float) -> urllib.robotparser.RobotFileParser:
        """The origin's rules (RFC 9309: missing means all allowed, a server error means none)."""
        parser = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        cache = self.folder / f"robots-{_digest(origin)}.txt"
        if cache.is_file():
            parser.parse(cache.read_text(encoding="utf-8", errors="replace").splitlines())
            return parser
        status, _, body = self._request(url, origin + "/robots.txt", deadline)
        if status >= 500:
            raise ArticleError(f"robots.txt answered HTTP {status}; not fetching", path=url)
        text = body.decode("utf-8", errors="replace") if status == 200 else ""
        parser.parse(text.splitlines())
        atomic_write_bytes(cache, text.encode("utf-8"))
        return parser

    # --- cache ---------------------------------------------------------------------------------

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = _digest(url)
        return self.folder / f"{key}.body", self.folder / f"{key}.json"

    def _cached(self, url: str) -> Fetched | None:
        body_path, meta_path = self._paths(url)
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            body = body_path.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("url") != url:
            return None
        return Fetched(url, str(meta.get("final_url") or url), str(meta.get("content_type") or "text/html"),
                       body, body_path)

    def _store(self, url: str, final_url: str, content_type: str, body: bytes) -> Fetched:
        body_path, meta_path = self._paths(url)
        atomic_write_bytes(body_path, body)
        meta = {"url": url, "final_url": final_url, "content_type": content_type,
                "fetched": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
        atomic_write_bytes(meta_path, json.dumps(meta, indent=1).encode("utf-8"))
        return Fetched(url, final_url, content_type, body, body_path)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
