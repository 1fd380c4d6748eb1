"""HTTP plumbing of the online geocoder: one deadline per answer, a size cap, no hidden retries, a shared rate gate."""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path
from typing import Any

from geopy.adapters import RequestsAdapter
from geopy.exc import GeocoderParseError, GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable, GeopyError

#: Whole time one request may take, connection to last byte (a server trickling a byte every
#: few seconds never trips a per-read timeout); and the largest answer read (a city search
#: with extratags is a few kilobytes per result).
REQUEST_DEADLINE_SECONDS = 30.0
MAX_ANSWER_BYTES = 2 * 1024 * 1024

class BoundedAdapter(RequestsAdapter):
    """geopy's requests adapter, reading the answer against a total deadline and a size cap."""

    deadline = REQUEST_DEADLINE_SECONDS
    max_bytes = MAX_ANSWER_BYTES

    def _request(self, url: str, *, timeout: Any, headers: Any) -> Any:
        started = time.monotonic()
        resp = self._get(url, timeout, headers)
        body = bytearray()
        try:
            while True:
                left = self.deadline - (time.monotonic() - started)
                if left <= 0:
                    raise GeocoderTimedOut(f"no complete answer within {self.deadline:g} s")
                _set_read_timeout(resp, min(left, timeout or left))
                chunk = resp.raw.read1(65536, decode_content=True)
                if not chunk:
                    break
                body += chunk
                if len(body) > self.max_bytes:
                    raise GeocoderParseError(f"answer larger than {self.max_bytes // (1024 * 1024)} MB")
        except GeopyError:
            raise
        except Exception as exc:  # the connection broke or a read timed out mid-answer
            if time.monotonic() - started >= self.deadline - 0.05:  # the read waited out the deadline
                raise GeocoderTimedOut(f"no complete answer within {self.deadline:g} s") from exc
            raise GeocoderTimedOut(f"answer cut short: {type(exc).__name__}") from exc
        finally:
            resp.close()
        resp._content = bytes(body)  # what resp.text and resp.json() read
        resp._content_consumed = True
        return resp

    def _get(self, url: str, timeout: Any, headers: Any) -> Any:
        import requests
        from geopy.adapters import AdapterHTTPError

        try:
            resp = self.session.get(url, timeout=timeout, headers=headers, stream=True)
        except requests.Timeout as exc:
            raise GeocoderTimedOut("Service timed out") from exc
        except requests.ConnectionError as exc:
            raise GeocoderUnavailable(" ".join(str(exc).split())[:200]) from exc
        except requests.RequestException as exc:
            raise GeocoderServiceError(" ".join(str(exc).split())[:200]) from exc
        if resp.status_code >= 400:
            text = resp.raw.read(4096, decode_content=True).decode("utf-8", "replace")
            resp.close()
            raise AdapterHTTPError(f"Non-successful status code {resp.status_code}", status_code=resp.status_code,
                                   headers=resp.headers, text=text)
        return resp


def _set_read_timeout(resp: Any, seconds: float) -> None:
    """Shrink the socket's read timeout to what is left of the deadline (urllib3 keeps the socket here)."""
    sock = getattr(getattr(resp.raw, "_connection", None), "sock", None)
    if sock is None:
        fp = getattr(resp.raw, "_fp", None)
        sock = getattr(getattr(getattr(fp, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.01))


def adapter_without_hidden_retries(*, proxies: Any, ssl_context: Any) -> RequestsAdapter:
    # requests' own adapter retries connection errors twice by default; those extra attempts
    # would bypass our rate limiter and retry budget, so they are turned off here.
    return BoundedAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)


class RateFile:
    """``with`` holds an exclusive lock on the rate file; ``wait()`` is what is left of another
    process's spacing, ``record(seconds)`` sets when the next request may start."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._fd: int | None = None

    def __enter__(self) -> RateFile:
        if self.path is not None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
                fcntl.flock(self._fd, fcntl.LOCK_EX)
            except OSError:
                self._fd = None  # an unwritable cache folder: spacing holds within this process only
        return self

    def __exit__(self, *_: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def wait(self) -> float:
        if self._fd is None:
            return 0.0
        try:
            next_free = float(json.loads(os.pread(self._fd, 100, 0) or b"0"))
        except (OSError, ValueError, TypeError):
            return 0.0
        # A clock far in the future (a bad file, a clock change) waits at most a minute.
        return min(max(next_free - time.time(), 0.0), 60.0)

    def record(self, seconds: float) -> None:
        if self._fd is not None:
            data = json.dumps(time.time() + max(seconds, 0.0)).encode()
            try:
                os.ftruncate(self._fd, 0)
                os.pwrite(self._fd, data, 0)
            except OSError:
                pass
