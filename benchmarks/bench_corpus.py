"""Whole builds of varied synthetic stories (benchmarks/corpus.py): 100 and 1,000 articles, 10,000 on request.

Usage: python benchmarks/bench_corpus.py [--sizes 100,1000] [--big] [--jobs N] [--src CHECKOUT]
(or GEOMAP_BENCH_BIG=1 make bench). Each size is built twice: cold (an empty NER cache; the
GeoNames and airports indexes are copied in, their one-off build is bench_geonames.py's)
and warm (every cache filled). Memory, three ways: the build process's own peak RSS (the
kernel's high-water mark, exact); the largest child's (spaCy and discovery workers, forked:
their RSS counts pages shared with the build); and the whole process tree's PSS (shared pages
split between the processes sharing them, so the sum is what the machine gave the build),
sampled every 0.2 s: the figure to hold against a memory budget. The 2 cores are shared: read
the growth ratios, not the seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

CHILD = (
    "import resource, sys\n"
    "from geomap.cli import main\n"
    "rc = main(sys.argv[1:])\n"
    "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
    " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(rc)\n"
)


def build(story: Path, out: Path, cache: Path, jobs: int, env: dict[str, str], cwd: Path
          ) -> tuple[float, float, float, float]:
    """Wall seconds, peak RSS of the build and of its largest child, peak PSS of the tree (MiB)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, "build", str(story), "--out", str(out), "--cache-dir", str(cache), "-q",
         "--gazetteer", str(ROOT / "gazetteer.yaml"), *(["--jobs", str(jobs)] if jobs else [])],
        cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    tree_peak = [0]
    sampler = threading.Thread(target=_sample_tree, args=(proc, tree_peak), daemon=True)
    sampler.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"build of {story} failed: {err.strip().splitlines()[-1:]}")
    peak = next(line.split() for line in err.splitlines() if line.startswith("PEAK"))
    return wall, int(peak[1]) / 1024, int(peak[2]) / 1024, tree_peak[0] / 1024


def _sample_tree(proc: subprocess.Popen, peak: list[int]) -> None:
    """Every 0.2 s until ``proc`` ends: the PSS (KiB) of it and all its descendants, the largest kept."""
    while proc.poll() is None:
        peak[0] = max(peak[0], sum(_pss(pid) for pid in _tree(proc.pid)))
        time.sleep(0.2)


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        for task in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass  # ended meanwhile
    return pids


def _pss(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0  # ended meanwhile, or no /proc (not Linux): reported as 0
    return next((int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:")), 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--big", action="store_true", default=bool(os.environ.get("GEOMAP_BENCH_BIG")),
                        help="also 10,000 articles (tens of minutes on a loaded machine)")
    parser.add_argument("--jobs", type=int, default=0, help="--jobs for the builds (default: all cores)")
    parser.add_argument("--src", type=Path, default=None, help="a geomap checkout to measure instead")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")] + ([10_000] if args.big else [])
    sys.path.insert(0, str(HERE))
    from checkout import source_env
    from corpus import generate

    from geomap.geocoders import GeoNamesIndex
    from geomap.geocoders.airport_index import AirportIndex

    env, cwd = source_env(args.src, ROOT)
    indexes = [GeoNamesIndex.load().path]
    airports = AirportIndex.load()
    indexes += list(Path(indexes[0]).parent.glob(f"airports-{airports.source_version}-*.sqlite"))
    rows = []
    with tempfile.TemporaryDirectory(prefix="geomap-corpus-") as tmp:
        for n in sizes:
            story, cache, out = Path(tmp) / f"story{n}", Path(tmp) / f"cache{n}", Path(tmp) / f"out{n}"
            generate(story, n, seed=1)
            cache.mkdir()
            for index in indexes:
                shutil.copy(index, cache / Path(index).name)
            mb = sum(p.stat().st_size for p in story.glob("*.txt")) / 1e6
            cold = build(story, out, cache, args.jobs, env, cwd)
            warm = build(story, out, cache, args.jobs, env, cwd)
            rows.append((n, mb, cold, warm))
            shutil.rmtree(story)
    print(f"varied synthetic stories, --jobs {args.jobs or 'all cores'} (2 shared cores: compare ratios)")
    print(f"  {'articles':>8} {'MB':>6} {'cold s':>8} {'warm s':>8} {'build RSS cold/warm':>20} "
          f"{'worker RSS':>11} {'tree PSS cold/warm':>19}  (peaks, MiB)")
    for n, mb, cold, warm in rows:
        print(f"  {n:8,} {mb:6.1f} {cold[0]:8.1f} {warm[0]:8.1f} {cold[1]:10.0f} /{warm[1]:8.0f} "
              f"{max(cold[2], warm[2]):11.0f} {cold[3]:9.0f} /{warm[3]:8.0f}")
    for (n0, _, c0, w0), (n1, _, c1, w1) in zip(rows, rows[1:]):
        print(f"  growth {n0:,} -> {n1:,} articles ({n1 / n0:.0f}x): cold {c1[0] / c0[0]:.1f}x, warm {w1[0] / w0[0]:.1f}x;"
              f" tree PSS +{(max(c1[3], w1[3]) - max(c0[3], w0[3])) / (n1 - n0) * 1000:.0f} MiB per 1,000 articles")


if __name__ == "__main__":
    main()
