"""Benchmark the GeoNames index: cold build, warm load, lookups; prints a small table.

Each phase runs in its own process so peak RSS is that phase's own. Usage:
    .venv/bin/python benchmarks/bench_geonames.py [--cache-dir DIR] [--lookups N]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def phase(name: str, cache_dir: Path, lookups: int) -> dict[str, float]:
    from geomap.geocoders import Context, GeoNamesGeocoder, GeoNamesIndex

    start = time.perf_counter()
    index = GeoNamesIndex.load(cache_dir)
    out: dict[str, float] = {"load_s": time.perf_counter() - start, "places": float(len(index))}
    if name == "lookup":
        start = time.perf_counter()
        keys = [key for key, _ in index.names()]
        out["names_s"] = time.perf_counter() - start
        out["names"] = float(len(keys))
        rng = random.Random(0)
        sample = rng.sample(keys, lookups) + [f"zz{i}qx" for i in range(lookups // 10)]  # ~9% misses
        del keys
        start = time.perf_counter()
        hits = sum(1 for q in sample if index.lookup(q))
        out["lookup_per_s"] = len(sample) / (time.perf_counter() - start)
        out["hit_rate"] = hits / len(sample)
        geocoder = GeoNamesGeocoder(index)
        ctx = Context(points=((45.0, 10.0), (46.0, 12.0)), countries=frozenset({"IT"}))
        start = time.perf_counter()
        for q in sample[: lookups // 2]:
            geocoder.candidates(q, ctx)
        out["ranked_per_s"] = (lookups // 2) / (time.perf_counter() - start)
    out["peak_rss_mb"] = _rss_mb()
    out["cache_mb"] = index.path.stat().st_size / 2**20
    return out


def run_child(name: str, cache_dir: Path, lookups: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--phase", name, "--cache-dir", str(cache_dir), "--lookups", str(lookups)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache-dir", type=Path, help="default: a fresh temporary directory (forces a cold build)")
    parser.add_argument("--lookups", type=int, default=20_000)
    parser.add_argument("--phase", choices=("cold", "warm", "lookup"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(phase(args.phase, args.cache_dir, args.lookups)))
        return 0
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        cache_dir = args.cache_dir or Path(tmp)
        cold = run_child("cold", cache_dir, args.lookups)
        warm = run_child("warm", cache_dir, args.lookups)
        look = run_child("lookup", cache_dir, args.lookups)
    print(f"GeoNames index: {int(cold['places']):,} places, {int(look['names']):,} names, "
          f"cache file {cold['cache_mb']:.1f} MB")
    print(f"{'phase':<34}{'time':>12}{'peak RSS':>12}")
    print(f"{'cold build + open':<34}{cold['load_s']:>11.2f}s{cold['peak_rss_mb']:>9.0f} MB")
    print(f"{'warm open (cached)':<34}{warm['load_s'] * 1000:>10.1f}ms{warm['peak_rss_mb']:>9.0f} MB")
    print(f"{'iterate names() (all keys)':<34}{look['names_s']:>11.2f}s{look['peak_rss_mb']:>9.0f} MB")
    print(f"{'lookup(name)':<34}{look['lookup_per_s']:>10,.0f}/s   (hit rate {look['hit_rate']:.0%})")
    print(f"{'GeoNamesGeocoder.candidates':<34}{look['ranked_per_s']:>10,.0f}/s   (ranked with a context)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
