"""Run inside benchmarks/.venv-peers: geotext and flashgeotext on one text file, figures as JSON.

Usage: .venv-peers/bin/python peers_extract.py TEXT_FILE
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    text = Path(sys.argv[1]).read_text(encoding="utf-8")
    mb = len(text.encode("utf-8")) / 1e6
    out = {}

    import geotext.geotext as gt

    t0 = time.perf_counter()
    index = gt.build_index()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    found = gt.GeoText(text)
    secs = time.perf_counter() - t0
    out["geotext"] = {"load_s": load, "mb_s": mb / secs, "names_known": len(index.cities) + len(index.countries),
                      "found": len(found.cities) + len(found.countries)}

    from flashgeotext.geotext import GeoText

    t0 = time.perf_counter()
    flash = GeoText()
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = flash.extract(input_text=text)
    secs = time.perf_counter() - t0
    out["flashgeotext"] = {"load_s": load, "mb_s": mb / secs, "names_known": sum(len(kp) for kp in flash.pool.values()),
                           "found": sum(v["count"] for kind in result.values() for v in kind.values())}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
