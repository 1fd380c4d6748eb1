"""Seed build (warm caches) against a bare ``import folium, geopy, shapely, yaml``, in paired runs.

Usage: python benchmarks/bench_startup.py [--runs N] [--src CHECKOUT]
(--src runs another checkout's geomap, e.g. the previous release, with this interpreter.)
Each round runs the baseline and every variant back to back (order rotated), so load on a
shared machine hits both sides alike; the figure that matters is the median ratio.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checkout import source_env

ROOT = Path(__file__).resolve().parent.parent
BARE = [sys.executable, "-c", "import folium, geopy, shapely, yaml"]


def _run(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--src", type=Path, default=None, help="a geomap checkout to measure instead")
    args = parser.parse_args()
    env, cwd = source_env(args.src, ROOT)  # "python -m" puts the working directory first on sys.path
    # Installed packages (the baseline's folium, geopy…) have their bytecode compiled by pip;
    # geomap's own modules get theirs on the warm-up run, as any user's first build does.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as out:
        build = [sys.executable, "-m", "geomap", "build", str(ROOT / "seeds"), "--out", out, "-q"]
        variants = {"seed build": build, "seed build --no-discover": [*build, "--no-discover"]}
        _run(build, env, cwd)  # warm the caches (GeoNames, airports, NER) and the OS file cache
        times: dict[str, list[tuple[float, float]]] = {"bare imports": [], **{k: [] for k in variants}}
        commands = {"bare imports": BARE, **variants}
        names = list(commands)
        for r in range(args.runs):
            for name in names[r % len(names):] + names[: r % len(names)]:
                times[name].append(_run(commands[name], env, cwd))
    print(f"paired runs: {args.runs} (2 cores shared: absolute times drift, ratios hold; under load, "
          "read the CPU ratio: the seconds of processor the build itself needs)")
    for i, what in enumerate(("wall", "CPU")):
        bare = [t[i] for t in times["bare imports"]]
        print(f"  {what}: {'bare imports':28s} median {statistics.median(bare):.2f} s")
        for name in variants:
            mine = [t[i] for t in times[name]]
            ratios = [t / b for t, b in zip(mine, bare)]
            print(f"  {what}: {name:28s} median {statistics.median(mine):.2f} s = "
                  f"{statistics.median(ratios):.2f}x bare imports (paired ratios {min(ratios):.2f}-{max(ratios):.2f})")

if __name__ == "__main__":
    main()
