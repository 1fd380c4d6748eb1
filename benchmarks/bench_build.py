"""Whole-build wall time and peak memory of the seeds (bigger stories: bench_corpus.py)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# The child reports its own peak RSS: RUSAGE_CHILDREN would give the maximum over all runs.
CHILD = (
    "import resource, sys\n"
    "from geomap.cli import main\n"
    "rc = main(sys.argv[1:])\n"
    "print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(rc)\n"
)


def run(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one `geomap` process."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=ROOT, check=True,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    peak_kib = next(int(line.split()[1]) for line in proc.stderr.splitlines() if line.startswith("PEAK"))
    return wall, peak_kib / 1024


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        out = tmpdir / "out"
        rows.append(("seeds, curated itinerary", *run(["build", "seeds", "--out", str(out)])))
        rows.append(("seeds, again (warm caches)", *run(["build", "seeds", "--out", str(out)])))
        rows.append(("seeds, --no-discover", *run(["build", "seeds", "--out", str(out), "--no-discover"])))
        rows.append(("seeds, --self-contained --png",
                     *run(["build", "seeds", "--out", str(out), "--self-contained", "--png"])))
    print(f"{'build':40} {'wall s':>8} {'peak RSS MiB':>13}")
    for name, wall, rss in rows:
        print(f"{name:40} {wall:8.2f} {rss:13.0f}")


if __name__ == "__main__":
    main()
