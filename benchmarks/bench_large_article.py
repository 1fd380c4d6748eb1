"""One large French article (the seed texts repeated) from 64 KB to ~4 MB (the limit): build time and peak RSS.

    .venv/bin/python benchmarks/bench_large_article.py [SIZE_KB ...]

Each size is built by the installed ``geomap`` in a fresh process (NER cache off, one job),
so the figures are a whole build: reading, mentions, discovery with spaCy NER, resolution,
inference and rendering. A stage that grew with the square of the length would show as
time per MB rising with size; the last column should stay roughly flat.

Measured 2026-11-30 on the shared 2-core machine (load ~2; the 3900 KB run under heavier load):

      size  seconds  peak RSS MB
      64KB     11.9          387
     256KB     18.3          522
    1024KB     54.9          568
    3900KB    297.3          716

Time grows about as the text (x5.4 from 1 MB to 3.9 MB; a quadratic step would give x14);
memory stays under 1 GB because spaCy reads 100,000-character pieces.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES_KB = (64, 256, 1024, 3900)  # 3900 KB: just under MAX_ARTICLE_CHARS


def article(size: int) -> str:
    """The seed articles, paragraph after paragraph, repeated to ``size`` characters."""
    seed = "\n\n".join(p.read_text(encoding="utf-8").strip() for p in sorted((ROOT / "seeds").glob("*.txt")))
    text = (seed + "\n\n") * (size // len(seed) + 1)
    return text[:size].rsplit(" ", 1)[0] + ".\n"


def run(size_kb: int) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one build."""
    with tempfile.TemporaryDirectory() as tmp:
        story = Path(tmp) / "story"
        story.mkdir()
        (story / "long.txt").write_text(article(size_kb * 1024), encoding="utf-8")
        cmd = [sys.executable, "-m", "geomap", "build", str(story), "--gazetteer", str(ROOT / "gazetteer.yaml"),
               "--out", str(Path(tmp) / "out"), "--cache-dir", str(Path(tmp) / "cache"), "-q", "--jobs", "1"]
        # The GeoNames index is shared (building it is not what is measured): link the usual cache.
        shared = Path.home() / ".cache" / "geomap"
        (Path(tmp) / "cache").mkdir()
        for index in shared.glob("*.sqlite"):
            (Path(tmp) / "cache" / index.name).symlink_to(index)
        start = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - start
        if done.returncode != 0:
            print(done.stderr.strip().splitlines()[-1:], file=sys.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    return seconds, peak, done.returncode


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or list(SIZES_KB)
    print(f"{'size':>8} {'seconds':>8} {'peak RSS MB':>12} {'exit':>5} {'s per MB':>9}")
    for kb in sizes:
        seconds, peak, status = run(kb)
        print(f"{kb:>6}KB {seconds:8.1f} {peak:12.0f} {status:5d} {seconds / (kb / 1024):9.1f}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
