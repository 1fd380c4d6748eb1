"""A local HTTP server speaking Nominatim's /search API, with scripted faults, for tests."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

# What a request can be answered with: "ok" (the scripted places), "empty" ([]), "slow"
# (the places, after ``delay`` seconds), "429" (with Retry-After), "500", "503",
# "malformed" (broken JSON), "shape" (valid JSON that is not a result list), "trickle" (a
# 200 answer whose body comes one byte every ``delay`` seconds, at most 120 bytes), "huge" (a
# valid answer of ``size`` bytes, sent in 64 KB pieces until the client hangs up), "escape"
# (an HTTP 400 whose text holds terminal escape sequences and newlines).
FAULTS = ("ok", "empty", "slow", "429", "500", "503", "malformed", "shape", "trickle", "huge", "escape")


@dataclass(frozen=True)
class Fault:
    kind: str
    delay: float = 0.0  # for "slow"
    retry_after: str | None = None  # for "429": the Retry-After header value
    size: int = 0  # for "huge": bytes in the answer

    def __post_init__(self) -> None:
        if self.kind not in FAULTS:
            raise ValueError(f"unknown fault {self.kind!r}")


@dataclass(frozen=True)
class Request:
    """One request as received: arrival time (time.monotonic), path, query parameters, headers."""

    at: float
    path: str
    params: dict[str, str]
    headers: dict[str, str]


def place(name: str, lat: float, lon: float, *, place_id: int = 1, cls: str = "place", type_: str = "city",
          importance: float = 0.5, country_code: str | None = None, population: int | None = None) -> dict[str, Any]:
    """A Nominatim search result as the real service returns it (coordinates as strings)."""
    result: dict[str, Any] = {
        "place_id": place_id,
        "osm_type": "node",
        "osm_id": place_id * 10,
        "lat": str(lat),
        "lon": str(lon),
        "display_name": f"{name}, Somewhere",
        "name": name,
        "class": cls,
        "type": type_,
        "importance": importance,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
    }
    if country_code:
        result["address"] = {"country_code": country_code}
    if population is not None:
        result["extratags"] = {"population": str(population)}
    return result


@dataclass
class NominatimServer:
    """Start with :meth:`start`; ``domain`` is what geopy needs (``scheme="http"``)."""

    places: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # query (casefolded) → results
    requests: list[Request] = field(default_factory=list)
    _by_query: dict[str, deque[Fault]] = field(default_factory=dict)
    _by_count: dict[int, Fault] = field(default_factory=dict)
    _always: Fault | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _httpd: ThreadingHTTPServer | None = None

    def add(self, query: str, *results: dict[str, Any]) -> None:
        self.places[query.casefold()] = list(results)

    def script(self, query: str, *faults: Fault | str) -> None:
        """The next requests for ``query`` get these answers in order, then normal ones."""
        self._by_query[query.casefold()] = deque(f if isinstance(f, Fault) else Fault(f) for f in faults)

    def script_request(self, number: int, fault: Fault | str) -> None:
        """The ``number``-th request received (1-based, any query) gets this answer."""
        self._by_count[number] = fault if isinstance(fault, Fault) else Fault(fault)

    def always(self, fault: Fault | str | None) -> None:
        """Every request from now on gets this answer (None: back to scripted/normal answers)."""
        self._always = fault if fault is None or isinstance(fault, Fault) else Fault(fault)

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``, as ``geomap build --geocoder-url`` takes it."""
        return f"http://{self.domain}"

    @property
    def domain(self) -> str:
        assert self._httpd is not None, "server not started"
        return f"127.0.0.1:{self._httpd.server_address[1]}"

    def searches(self) -> list[Request]:
        return [r for r in self.requests if r.path == "/search"]

    def start(self) -> NominatimServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                url = urlsplit(self.path)
                params = {k: v[-1] for k, v in parse_qs(url.query).items()}
                with server._lock:
                    server.requests.append(Request(time.monotonic(), url.path, params, dict(self.headers.items())))
                    number = len(server.requests)
                    query = params.get("q", "").casefold()
                    fault = server._by_count.pop(number, None) or server._always
                    queue = server._by_query.get(query)
                    if fault is None and queue:
                        fault = queue.popleft()
                    results = server.places.get(query, [])
                if url.path != "/search":
                    return self._send(404, b"not found", "text/plain")
                fault = fault or Fault("ok")
                if fault.kind == "slow":
                    time.sleep(fault.delay)
                if fault.kind in ("ok", "slow"):
                    return self._send(200, json.dumps(results).encode())
                if fault.kind == "empty":
                    return self._send(200, b"[]")
                if fault.kind == "malformed":
                    return self._send(200, b'[{"place_id": 1, "lat": "4')
                if fault.kind == "shape":
                    return self._send(200, b'[{"place_id": 1, "lat": "north", "lon": null}]')
                if fault.kind == "trickle":
                    return self._trickle(fault.delay)
                if fault.kind == "huge":
                    return self._huge(fault.size)
                if fault.kind == "escape":
                    return self._send(400, b"bad query\n\x1b[2J\x1b[31mgeomap: error: forged\x07", "text/plain")
                if fault.kind == "429":
                    extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
                    return self._send(429, b'{"error": "Too Many Requests"}', extra=extra)
                return self._send(int(fault.kind), b"<html>server error</html>", "text/html")

            def _trickle(self, delay: float) -> None:
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", "120")
                    self.end_headers()
                    for _ in range(120):  # bounded: two minutes at most with delay 1 s
                        self.wfile.write(b" ")
                        self.wfile.flush()
                        time.sleep(delay)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _huge(self, size: int) -> None:
                item = json.dumps(place("Bigville", 1.0, 2.0)).encode() + b","
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(size))
                    self.end_headers()
                    sent = 0
                    chunk = b"[" + item * (65536 // len(item))
                    while sent < size:
                        piece = chunk[: size - sent]
                        self.wfile.write(piece)
                        sent += len(piece)
                        chunk = item * (65536 // len(item))
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status: int, body: bytes, ctype: str = "application/json",
                      extra: dict[str, str] | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body)))
                    for k, v in (extra or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout): nothing to answer

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None


def refused_domain() -> str:
    """``127.0.0.1:PORT`` where nothing listens: the port is bound, then released."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"127.0.0.1:{port}"
