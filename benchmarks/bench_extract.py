"""Name extraction speed and vocabulary: geomap's matcher over all GeoNames names vs geotext and flashgeotext.

Usage: python benchmarks/bench_extract.py [--mb 4]
The peers live in a benchmark-only venv (benchmarks/.venv-peers, created on first run with
pip) so geomap's own environment never depends on them. All three read the same text (the
varied synthetic corpus of benchmarks/corpus.py) and are timed in the same run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

from geomap.articles import load_articles
from geomap.geocoders import GeoNamesIndex
from geomap.mentions import Matcher, find_mentions

HERE = Path(__file__).resolve().parent
PEERS = HERE / ".venv-peers"
PEER_PYTHON = PEERS / "bin" / "python"


def ensure_peers() -> bool:
    if PEER_PYTHON.exists():
        return True
    venv.create(PEERS, with_pip=True)
    done = subprocess.call([str(PEER_PYTHON), "-m", "pip", "install", "--quiet", "geotext", "flashgeotext"])
    return done == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="size of the text (default 4 MB)")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from corpus import generate

    with tempfile.TemporaryDirectory(prefix="geomap-extract-") as tmp:
        folder = Path(tmp) / "story"
        generate(folder, max(1, int(args.mb * 1e6 / 2600)), seed=3)
        articles = load_articles([folder])
        text_file = Path(tmp) / "all.txt"
        text_file.write_text("\n\n".join(a.text for a in articles), encoding="utf-8")
        mb = text_file.stat().st_size / 1e6

        index = GeoNamesIndex.load()
        t0 = time.perf_counter()
        matcher = Matcher(index.names(), reference=True)
        build = time.perf_counter() - t0
        t0 = time.perf_counter()
        found = find_mentions(articles, matcher)
        secs = time.perf_counter() - t0
        ours = {"load_s": build, "mb_s": mb / secs, "names_known": len(matcher), "found": len(found)}

        peers = {}
        if ensure_peers():
            proc = subprocess.run([str(PEER_PYTHON), str(HERE / "peers_extract.py"), str(text_file)],
                                  capture_output=True, text=True, check=False)
            if proc.returncode == 0:
                peers = json.loads(proc.stdout)
            else:
                print(f"peers failed: {proc.stderr.strip().splitlines()[-1:]}")
    print(f"extraction on the same {mb:.1f} MB of varied news text (one run, 2 shared cores: compare ratios)")
    print(f"  {'':14} {'MB/s':>7} {'x geomap':>9} {'names known':>12} {'found':>8} {'load s':>7}")
    for name, row in [("geomap", ours), *peers.items()]:
        print(f"  {name:14} {row['mb_s']:7.2f} {row['mb_s'] / ours['mb_s']:9.2f} {row['names_known']:12,} "
              f"{row['found']:8,} {row['load_s']:7.1f}")


if __name__ == "__main__":
    main()
