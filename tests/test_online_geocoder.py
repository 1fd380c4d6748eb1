"""The online geocoder against a real local HTTP server speaking Nominatim, faults included."""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from nominatim_server import Fault, NominatimServer, place, refused_domain

from geomap import __version__
from geomap.errors import GeocoderError
from geomap.geocoders import Context, OnlineGeocoder, ResolverChain, default_user_agent
from geomap.geocoders.answer_cache import AnswerCache
from geomap.geocoders.online import DEFAULT_MIN_DELAY_SECONDS

MIN_DELAY = 0.2
TIMEOUT = 3.0  # generous: a loaded machine must not turn a good answer into a timeout
SHORT_TIMEOUT = 0.4  # only where a slow answer is the fault under test
STORY = Context(points=((43.1, 131.9), (42.4, 130.6)), countries=frozenset({"RU", "KP"}), language="fr")


@pytest.fixture
def server() -> Iterator[NominatimServer]:
    srv = NominatimServer().start()
    srv.add("Portville", place("Portville", 42.43, 130.64, country_code="ru", population=700, importance=0.4))
    srv.add("Farville", place("Farville", 48.5, 135.1, place_id=2, country_code="ru", importance=0.9))
    yield srv
    srv.stop()


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / "cache" / "nominatim.json"


def make(domain: str, cache_path: Path | None, **kw: object) -> OnlineGeocoder:
    options: dict[str, object] = dict(domain=domain, scheme="http", min_delay_seconds=MIN_DELAY, timeout=TIMEOUT,
                                      error_wait_seconds=MIN_DELAY, max_retries=2, cache_path=cache_path)
    options.update(kw)
    return OnlineGeocoder("geomap-tests/1 (+https://example.invalid/tests)", **options)  # type: ignore[arg-type]


def gaps(server: NominatimServer) -> list[float]:
    times = [r.at for r in server.searches()]
    return [b - a for a, b in zip(times, times[1:])]


def cached_entries(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def test_answer_becomes_a_ranked_candidate(server: NominatimServer, cache_path: Path) -> None:
    geocoder = make(server.domain, cache_path)
    (cand,) = geocoder.candidates("Portville", STORY)
    p = cand.place
    assert (p.name, p.lat, p.lon, p.country, p.population, p.resolver) == ("Portville", 42.43, 130.64, "RU", 700,
                                                                           "geocoder")
    assert p.id == "geocoder:node/10" and "OpenStreetMap" in (p.source or "")
    assert "km from nearest story place" in cand.reason and "importance 0.40" in cand.reason
    assert geocoder.requests_sent == 1 and geocoder.warnings == []


def test_query_is_biased_to_the_story(server: NominatimServer, cache_path: Path) -> None:
    make(server.domain, cache_path).candidates("Portville", STORY)
    (req,) = server.searches()
    west, south, east, north = map(float, req.params["viewbox"].split(","))
    assert west < 130.6 < 131.9 < east and south < 42.4 < 43.1 < north
    assert "bounded" not in req.params  # a hint, not a fence
    assert req.params["countrycodes"] == "kp,ru"
    assert req.params["accept-language"] == "fr"
    assert req.params["format"] == "json" and req.params["addressdetails"] == "1"
    assert int(req.params["limit"]) >= 2  # several candidates, ranked here
    assert req.headers["User-Agent"] == "geomap-tests/1 (+https://example.invalid/tests)"


def test_no_story_no_bias(server: NominatimServer) -> None:
    make(server.domain, None).candidates("Portville", Context())
    (req,) = server.searches()
    assert "viewbox" not in req.params and "countrycodes" not in req.params


def test_country_restriction_can_be_turned_off(server: NominatimServer) -> None:
    make(server.domain, None, restrict_to_countries=False).candidates("Portville", STORY)
    assert "countrycodes" not in server.searches()[0].params


FAULTS = [Fault("slow", delay=SHORT_TIMEOUT * 4), Fault("429"), Fault("500"), Fault("503"), Fault("malformed"),
          Fault("shape")]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.kind)
def test_persistent_fault_ends_unresolved_with_warning(server: NominatimServer, cache_path: Path,
                                                       fault: Fault) -> None:
    server.script("Portville", *[fault] * 10)
    geocoder = make(server.domain, cache_path, timeout=SHORT_TIMEOUT)
    assert geocoder.candidates("Portville", STORY) == []
    assert len(server.searches()) == 3 == geocoder.requests_sent  # 1 + max_retries, then give up
    (warning,) = geocoder.warnings
    assert "Portville" in warning and "3 attempts" in warning and "\n" not in warning
    expected = {"slow": "timed out", "429": "HTTP 429", "500": "HTTP 500", "503": "HTTP 503",
                "malformed": "malformed answer", "shape": "malformed answer"}[fault.kind]
    assert expected in warning
    assert not cache_path.exists()  # failures are never cached
    # The next name still works: one bad name does not stop the build.
    assert [c.place.name for c in geocoder.candidates("Farville", STORY)] == ["Farville"]
    assert list(cached_entries(cache_path)) and all("farville" in k for k in cached_entries(cache_path))


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.kind)
def test_transient_fault_is_retried_then_answered(server: NominatimServer, cache_path: Path, fault: Fault) -> None:
    server.script("Portville", fault)
    geocoder = make(server.domain, cache_path, timeout=SHORT_TIMEOUT if fault.kind == "slow" else TIMEOUT)
    assert [c.place.name for c in geocoder.candidates("Portville", STORY)] == ["Portville"]
    assert len(server.searches()) == 2 and geocoder.warnings == []
    assert len(cached_entries(cache_path)) == 1


def test_fault_scripted_by_request_number(server: NominatimServer) -> None:
    server.script_request(2, "503")
    geocoder = make(server.domain, None, max_retries=0)
    assert geocoder.candidates("Portville", STORY)
    assert geocoder.candidates("Farville", STORY) == []  # the second request failed, no retry allowed
    assert "HTTP 503" in geocoder.warnings[0]


def test_retry_after_is_honoured(server: NominatimServer) -> None:
    server.script("Portville", Fault("429", retry_after="1"))
    geocoder = make(server.domain, None)
    assert geocoder.candidates("Portville", STORY)
    (gap,) = gaps(server)
    assert gap >= 1.0  # the server asked for 1 s; error_wait alone would be 0.2 s


def test_retry_after_is_bounded(server: NominatimServer) -> None:
    server.script("Portville", Fault("429", retry_after="3600"))
    geocoder = make(server.domain, None, max_retry_after=0.5)
    assert geocoder.candidates("Portville", STORY)
    (gap,) = gaps(server)
    assert 0.5 <= gap < 5


def test_connection_refused_is_a_warning_not_an_exception(cache_path: Path) -> None:
    geocoder = make(refused_domain(), cache_path)
    assert geocoder.candidates("Portville", STORY) == []
    assert geocoder.requests_sent == 3  # bounded: no hidden extra connection retries counted elsewhere
    assert "service unavailable" in geocoder.warnings[0]
    assert not cache_path.exists()


def test_never_faster_than_the_rate_including_retries(server: NominatimServer) -> None:
    server.script("Portville", "500", "503")
    server.script("Farville", "429")
    geocoder = make(server.domain, None, error_wait_seconds=MIN_DELAY)
    for name in ("Portville", "Farville", "Nowhere", "Portville again", "Elsewhere"):
        geocoder.candidates(name, STORY)
    assert len(server.searches()) == 8
    assert min(gaps(server)) >= MIN_DELAY


def test_default_rate_respects_nominatim_policy() -> None:
    default = inspect.signature(OnlineGeocoder).parameters["min_delay_seconds"].default
    assert default == DEFAULT_MIN_DELAY_SECONDS >= 1.0
    geocoder = OnlineGeocoder(default_user_agent(), cache_path=None)
    assert geocoder.min_delay_seconds >= 1.0 and geocoder.error_wait_seconds >= 1.0


def test_user_agent_is_real_and_required() -> None:
    ua = default_user_agent()
    assert ua.startswith(f"geomap/{__version__} (+http") and ua.endswith(")")
    assert default_user_agent("ops@example.org") == f"geomap/{__version__} (+ops@example.org)"
    with pytest.raises(GeocoderError, match="User-Agent"):
        OnlineGeocoder("  ", cache_path=None)
    with pytest.raises(GeocoderError):
        OnlineGeocoder(ua, min_delay_seconds=-1, cache_path=None)


def test_empty_answer_is_cached_as_no_match(server: NominatimServer, cache_path: Path) -> None:
    server.script("Portville", "empty")
    assert make(server.domain, cache_path).candidates("Portville", STORY) == []
    (answer,) = cached_entries(cache_path).values()
    assert answer == []
    again = make(server.domain, cache_path)
    assert again.candidates("Portville", STORY) == []
    assert len(server.searches()) == 1 and again.requests_sent == 0 and again.warnings == []


def test_warm_cache_sends_zero_requests(server: NominatimServer, cache_path: Path) -> None:
    first = make(server.domain, cache_path)
    cold = {q: first.candidates(q, STORY) for q in ("Portville", "Farville", "Unknownville")}
    assert len(server.searches()) == 3
    second = make(server.domain, cache_path)
    warm = {q: second.candidates(q, STORY) for q in ("portville", "FARVILLE", "Unknownville")}
    assert len(server.searches()) == 3 and second.requests_sent == 0
    assert [[c.place for c in v] for v in warm.values()] == [[c.place for c in v] for v in cold.values()]


def test_cache_key_includes_context_parameters(server: NominatimServer, cache_path: Path) -> None:
    geocoder = make(server.domain, cache_path)
    geocoder.candidates("Portville", STORY)
    geocoder.candidates("Portville", Context(points=((0.0, 0.0),)))
    assert len(server.searches()) == 2 and len(cached_entries(cache_path)) == 2


def test_cache_keeps_only_good_answers_and_stays_valid_json(server: NominatimServer, cache_path: Path) -> None:
    server.script("Farville", *["malformed"] * 3)
    server.script("Badville", *["500"] * 3)
    geocoder = make(server.domain, cache_path)
    for name in ("Portville", "Farville", "Badville", "Emptyville"):
        geocoder.candidates(name, STORY)
    data = json.loads(cache_path.read_text(encoding="utf-8"))
    assert data["format"] == 1
    keys = " ".join(data["entries"])
    assert "portville" in keys and "emptyville" in keys
    assert "farville" not in keys and "badville" not in keys
    assert len(geocoder.warnings) == 2
    # No temp files left (the lock and the shared rate file stay, empty or a few bytes).
    assert sorted(p.name for p in cache_path.parent.iterdir()) in (
        ["nominatim.json", "nominatim.json.lock", "nominatim.json.rate"],
    )


@pytest.mark.parametrize("content", [b"{not json", b'{"format": 99, "entries": {}}', b"[]", b'\xff\xfe\x00',
                                     b'{"format": 1, "entries": {"k": "oops"}}'])
def test_corrupt_cache_is_set_aside_with_a_warning(server: NominatimServer, cache_path: Path,
                                                   content: bytes) -> None:
    cache_path.parent.mkdir(parents=True)
    cache_path.write_bytes(content)
    geocoder = make(server.domain, cache_path)
    assert len(geocoder.warnings) == 1 and "moved to" in geocoder.warnings[0]
    aside = [p for p in cache_path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content
    assert geocoder.candidates("Portville", STORY)
    assert list(cached_entries(cache_path))


def test_chain_continues_past_online_failures(server: NominatimServer, tmp_path: Path) -> None:
    server.script("Portville", *["503"] * 3)
    chain = ResolverChain(None, None, make(server.domain, tmp_path / "c.json"))
    assert chain.resolve("Portville", STORY) is None
    res = chain.resolve("Farville", STORY)
    assert res is not None and res.resolver == "geocoder"
    assert any("Portville" in w for w in chain.warnings)


def test_chain_without_resolvers_resolves_nothing() -> None:
    chain = ResolverChain(None, None, None)
    assert chain.resolvers == [] and chain.resolve("Anything", STORY) is None and chain.warnings == []


# --------------------------------------------------------------------------- bounded and polite


def test_a_trickling_answer_is_cut_at_the_total_deadline(server: NominatimServer, monkeypatch) -> None:
    from geomap.geocoders import transport

    monkeypatch.setattr(transport.BoundedAdapter, "deadline", 1.5)  # the 30 s default, scaled down
    server.always(Fault("trickle", delay=0.3))  # a byte every 0.3 s: no single read ever times out
    geocoder = make(server.domain, None, max_retries=0)
    assert geocoder.candidates("Portville", STORY) == []
    assert "no complete answer within 1.5 s" in geocoder.warnings[0]


def test_an_oversized_answer_is_refused_not_read_whole(server: NominatimServer, cache_path: Path) -> None:
    server.always(Fault("huge", size=50 * 1024 * 1024))
    geocoder = make(server.domain, cache_path, max_retries=0)
    assert geocoder.candidates("Portville", STORY) == []
    assert "answer larger than 2 MB" in geocoder.warnings[0]
    assert not cache_path.exists()


def test_results_are_trimmed_to_the_limit(server: NominatimServer, cache_path: Path) -> None:
    server.add("Manyville", *[place("Manyville", 42.0 + i / 100, 130.0, place_id=i + 10) for i in range(40)])
    geocoder = make(server.domain, cache_path, limit=3)
    assert len(geocoder.candidates("Manyville", STORY)) == 3
    assert [len(v) for v in cached_entries(cache_path).values()] == [3]


def test_retry_after_holds_for_the_following_queries_too(server: NominatimServer) -> None:
    server.script("Portville", Fault("429", retry_after="1"))
    geocoder = make(server.domain, None, max_retries=0)
    assert geocoder.candidates("Portville", STORY) == []  # no retry allowed: the 429 is the answer
    assert geocoder.candidates("Farville", STORY)
    assert gaps(server)[0] >= 1.0  # the next query (another name) waited as the server asked


def test_server_text_reaches_warnings_as_one_clean_line(server: NominatimServer) -> None:
    server.always("escape")
    geocoder = make(server.domain, None, max_retries=0)
    assert geocoder.candidates("Portville", STORY) == []
    (warning,) = geocoder.warnings
    assert "\x1b" not in warning and "\n" not in warning and "\x07" not in warning


@pytest.mark.parametrize("bad", [{"lat": "abc", "lon": "1"}, {"lat": "91", "lon": "0"}, {"lon": "2"}, {"lat": "nan", "lon": "1"}])
def test_a_wrong_cached_entry_is_asked_again(server: NominatimServer, cache_path: Path, bad: object) -> None:
    geocoder = make(server.domain, cache_path)
    key = AnswerCache.key(geocoder.domain, "Portville", geocoder.params(STORY))
    cache_path.parent.mkdir(parents=True)
    cache_path.write_text(json.dumps({"format": 1, "entries": {key: [bad]}}), encoding="utf-8")
    geocoder = make(server.domain, cache_path)
    assert geocoder.candidates("Portville", STORY)[0].place.name == "Portville"
    assert len(server.searches()) == 1 and "asked again" in geocoder.warnings[0]


WRITER = """
import sys
sys.path.insert(0, sys.argv[3])
from geomap.geocoders.answer_cache import AnswerCache
cache = AnswerCache(__import__("pathlib").Path(sys.argv[1]))
for i in range(30):
    cache.put(f"{sys.argv[2]}-{i}", [{"lat": "1", "lon": "2"}])
"""


def test_two_processes_writing_one_cache_keep_each_others_answers(cache_path: Path) -> None:
    import subprocess
    import sys

    cache_path.parent.mkdir(parents=True)
    root = str(Path(__file__).resolve().parent.parent)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(cache_path), name, root]) for name in "ab"]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    assert len(cached_entries(cache_path)) == 60


def test_processes_sharing_a_cache_share_the_rate(server: NominatimServer, cache_path: Path) -> None:
    import threading

    # Two geocoders, as two processes would be: only the rate file beside the cache links them.
    first, second = make(server.domain, cache_path), make(server.domain, cache_path)
    threads = [threading.Thread(target=g.candidates, args=(name, STORY))
               for g, name in ((first, "Portville"), (second, "Farville"), (first, "Nowhere"), (second, "Else"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(server.searches()) == 4 and min(gaps(server)) >= MIN_DELAY
