"""Online resolver: Nominatim through geopy, rate limited, bounded retries, persistent cache."""

from __future__ import annotations

import math
import time
import warnings as pywarnings
from pathlib import Path
from typing import Any

from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderParseError,
    GeocoderQueryError,
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    GeopyError,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from .. import __version__
from ..errors import GeocoderError, printable
from ..model import Candidate, Place, ResolverName
from .answer_cache import AnswerCache
from .base import default_cache_dir
from .context import Context, rank
from .transport import RateFile, adapter_without_hidden_retries

PROJECT_URL = "https://pypi.org/project/geomap/"
DEFAULT_MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: at most one request per second
# RateLimiter spaces the starts of calls; connection set-up varies by some milliseconds, so a
# small pad keeps the gaps between requests *arriving* at the server above the configured rate.
RATE_PAD_SECONDS = 0.05
IMPORTANCE_WEIGHT = 1.5  # Nominatim's 0..1 importance as a prior, below distance in weight
# Only what we use is kept from each result, so cache entries stay small and stable.
_KEPT_FIELDS = ("place_id", "osm_type", "osm_id", "lat", "lon", "name", "display_name",
                "class", "type", "importance", "address", "extratags")
_DEFAULT_CACHE: Any = object()
# A bad query or refused credentials fail the same way every time.
_NOT_RETRYABLE = (GeocoderQueryError, GeocoderAuthenticationFailure, GeocoderInsufficientPrivileges)


def default_user_agent(contact: str | None = None) -> str:
    """``geomap/<version> (+<contact or project url>)``: Nominatim requires an identifying agent."""
    return f"geomap/{__version__} (+{contact or PROJECT_URL})"


class _Fatal(Exception):
    """A failure that retrying cannot fix (bad query, refused credentials)."""


def _well_formed(raw: Any) -> dict[str, Any]:
    """The kept fields of one result, or GeocoderParseError when it is not a usable place."""
    if not isinstance(raw, dict):
        raise GeocoderParseError(f"result is not an object: {raw!r:.80}")
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError) as exc:
        raise GeocoderParseError(f"result without numeric lat/lon: {exc}") from exc
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        raise GeocoderParseError(f"result with out-of-range coordinates {lat}, {lon}")
    return {k: raw[k] for k in _KEPT_FIELDS if k in raw}


def _population(raw: dict[str, Any]) -> int | None:
    value = (raw.get("extratags") or {}).get("population")
    try:
        return int(str(value).replace(",", "").replace(" ", "")) if value is not None else None
    except ValueError:
        return None


def _place(raw: dict[str, Any]) -> Place:
    osm = f"{raw.get('osm_type', '')}/{raw.get('osm_id', '')}" if raw.get("osm_id") else raw.get("place_id")
    name = raw.get("name") or str(raw.get("display_name", "")).split(",")[0].strip() or "?"
    country = (raw.get("address") or {}).get("country_code")
    return Place(
        id=f"geocoder:{osm}",
        name=name,
        kind=str(raw.get("type") or raw.get("class") or "place"),
        lat=float(raw["lat"]),
        lon=float(raw["lon"]),
        country=country.upper() if isinstance(country, str) and len(country) == 2 else None,
        source=f"OpenStreetMap Nominatim: {raw.get('display_name', '')}".strip(),
        population=_population(raw),
        resolver="geocoder",
    )


class OnlineGeocoder:
    """Nominatim search via geopy; failures become warnings and no candidates, never exceptions.

    Spacing uses geopy's ``RateLimiter`` (its request slots hold across retries too). Retries
    are counted here rather than by ``RateLimiter`` because it waits a fixed time, ignores
    ``Retry-After`` and logs warnings to stderr; the semantics are the same: ``max_retries``
    extra attempts, ``error_wait_seconds`` apart (longer when the server asks for it, up to
    ``max_retry_after``).
    """

    name: ResolverName = "geocoder"

    def __init__(
        self,
        user_agent: str,
        *,
        domain: str = "nominatim.openstreetmap.org",
        scheme: str = "https",
        min_delay_seconds: float = DEFAULT_MIN_DELAY_SECONDS,
        timeout: float = 10.0,
        max_retries: int = 2,
        error_wait_seconds: float | None = None,
        max_retry_after: float = 60.0,
        limit: int = 5,
        restrict_to_countries: bool = True,
        cache_path: Path | None = _DEFAULT_CACHE,
    ) -> None:
        if not user_agent or not user_agent.strip():
            raise GeocoderError("the online geocoder needs a User-Agent naming the application and a contact",
                                hint='e.g. --user-agent "myapp/1.0 (you@example.org)"')
        if min_delay_seconds < 0 or max_retries < 0 or timeout <= 0:
            raise GeocoderError("online geocoder: min delay and retries must be >= 0 and timeout > 0")
        self.user_agent = user_agent
        self.domain = domain
        self.min_delay_seconds = min_delay_seconds
        self.max_retries = max_retries
        self.error_wait_seconds = max(error_wait_seconds if error_wait_seconds is not None else 5.0,
                                      min_delay_seconds)
        self.max_retry_after = max_retry_after
        self.limit = limit
        self.restrict_to_countries = restrict_to_countries
        self.requests_sent = 0
        self.warnings: list[str] = []
        self._next_allowed = 0.0  # time.monotonic() before which no request may start
        self._geopy = Nominatim(
            user_agent=user_agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            adapter_factory=adapter_without_hidden_retries,
        )
        self._limited = RateLimiter(
            self._send,
            min_delay_seconds=min_delay_seconds + RATE_PAD_SECONDS if min_delay_seconds else 0.0,
            max_retries=0,
            swallow_exceptions=False,
        )
        if cache_path is _DEFAULT_CACHE:
            cache_path = default_cache_dir() / "nominatim.json"
        self.cache = AnswerCache(cache_path)
        self._collect(self.cache.warnings)

    def _collect(self, warnings: list[str]) -> None:
        for w in warnings:
            if w not in self.warnings:
                self.warnings.append(w)
        warnings.clear()

    def params(self, context: Context) -> dict[str, Any]:
        """The Nominatim parameters for a query in ``context`` (also part of the cache key)."""
        params: dict[str, Any] = {
            "exactly_one": False,
            "limit": self.limit,
            "addressdetails": True,
            "extratags": True,
        }
        box = context.viewbox()
        if box is not None:
            params["viewbox"] = [list(box[0]), list(box[1])]
            params["bounded"] = False  # a hint: places outside the story stay findable
        if self.restrict_to_countries and context.countries:
            params["country_codes"] = sorted(c.lower() for c in context.countries)
        if context.language:
            params["language"] = context.language
        return params

    def _send(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        # RateLimiter spaces the *starts* of requests; a slow connection can still make two
        # arrive closer than that. Waiting from the end of the previous exchange cannot.
        with self._gate() as shared:
            pause = max(self._next_allowed - time.monotonic(), shared.wait())
            if pause > 0:
                time.sleep(pause)
            self.requests_sent += 1
            try:
                with pywarnings.catch_warnings(record=True) as caught:
                    pywarnings.simplefilter("always")
                    found = self._geopy.geocode(query, **params)
            except _NOT_RETRYABLE as exc:
                raise _Fatal(_clean(exc) or type(exc).__name__) from exc
            except GeocoderRateLimited as exc:
                # Every following request waits too, not only this query's retry (and in every
                # process sharing the cache).
                self._next_allowed = time.monotonic() + self._wait_after(exc)
                raise
            except GeocoderServiceError:
                raise
            except GeopyError as exc:  # configuration problems: retrying cannot help
                raise _Fatal(_clean(exc)) from exc
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                # Valid JSON of the wrong shape trips geopy's parser; treat it like malformed JSON.
                raise GeocoderParseError(f"unexpected answer shape: {exc}") from exc
            finally:
                self._next_allowed = max(self._next_allowed, time.monotonic() + self.min_delay_seconds)
                shared.record(self._next_allowed - time.monotonic())
            for w in caught:  # a library's warning is one clean line among ours, not raw stderr
                line = f"online geocoder: {_clean(w.message)}"
                if line not in self.warnings:
                    self.warnings.append(line)
        return [_well_formed(loc.raw) for loc in (found or [])][: self.limit]

    def _gate(self) -> RateFile:
        """The request slot shared by every process using this cache (a lock file with the next free time)."""
        path = self.cache.path.with_name(self.cache.path.name + ".rate") if self.cache.path is not None else None
        return RateFile(path)

    def fetch(self, query: str, context: Context) -> list[dict[str, Any]] | None:
        """Raw results for ``query`` (cached or fetched), or None after a failure (see ``warnings``)."""
        params = self.params(context)
        key = AnswerCache.key(self.domain, query, params)
        cached = self.cache.get(key)
        if cached is not None:
            try:
                return [_well_formed(raw) for raw in cached][: self.limit]
            except GeocoderParseError as exc:  # a hand-edited or damaged entry: asked again
                self.warnings.append(f"online geocoder: cached answer for {query!r} unusable ({exc}); asked again")
        for attempt in range(self.max_retries + 1):
            try:
                results = self._limited(query, params)
            except _Fatal as exc:
                self.warnings.append(f"online geocoder: {query!r} not resolved: {exc}")
                return None
            except GeocoderServiceError as exc:
                if attempt == self.max_retries:
                    self.warnings.append(
                        f"online geocoder: {query!r} not resolved after {attempt + 1} attempts: {_describe(exc)}"
                    )
                    return None
                if not isinstance(exc, GeocoderRateLimited):
                    time.sleep(self._wait_after(exc))  # a 429 already set the wait for every request
                continue
            self.cache.put(key, results)
            self._collect(self.cache.warnings)
            return results
        return None  # pragma: no cover - the loop always returns

    def _wait_after(self, exc: GeocoderServiceError) -> float:
        wait = self.error_wait_seconds
        if isinstance(exc, GeocoderRateLimited) and exc.retry_after:
            wait = max(wait, min(float(exc.retry_after), self.max_retry_after))
        return wait

    def candidates(self, query: str, context: Context) -> list[Candidate]:
        results = self.fetch(query, context)
        if not results:
            return []
        priors = []
        for raw in results:
            try:
                importance = float(raw.get("importance") or 0.0)
            except (TypeError, ValueError):
                importance = 0.0
            priors.append(Candidate(_place(raw), IMPORTANCE_WEIGHT * importance, f"importance {importance:.2f}"))
        return rank(priors, context)


def _clean(value: object, limit: int = 200) -> str:
    """Server or library text as one short terminal-safe line (no escape sequences, no newlines)."""
    return printable(" ".join(str(value).split()))[:limit]


def _describe(exc: GeocoderServiceError) -> str:
    """One line for a warning: the HTTP status when there was one, else what went wrong."""
    detail = _clean(exc, 160)
    status = getattr(exc.__cause__, "status_code", None)
    if status is not None:  # geopy maps e.g. 503 to "timed out": the status is clearer
        return f"HTTP {status}" + (" (rate limited)" if isinstance(exc, GeocoderRateLimited) else "")
    kinds = (
        (GeocoderTimedOut, "timed out"),
        (GeocoderUnavailable, "service unavailable"),
        (GeocoderParseError, "malformed answer"),
    )
    for cls, text in kinds:
        if isinstance(exc, cls):
            return f"{text} ({detail})" if detail else text
    return detail or type(exc).__name__
