"""What a build is asked (its options) and what it gives back (the story, the files, a summary)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .claims import summary_line
from .model import LOW_CONFIDENCE, Journey, Story
from .textnorm import fold_key
from .unplaced_report import report as unplaced_report


@dataclass(frozen=True)
class BuildOptions:
    """Everything a build does besides the article paths and output folder; defaults are the CLI's."""

    gazetteer: Path | None = None  # None: gazetteer.yaml in the story folder, else here, else none
    itinerary: Path | None = None  # None: journey.yaml beside the articles, if any
    infer: bool = False  # also infer the itinerary when a curated one exists (for a diff)
    curated: bool = True  # read journey.yaml beside the articles (eval turns this off)
    discover: bool = True  # look for places the gazetteer lacks (GeoNames, NER)
    online: bool = False  # allow the online geocoder (network)
    user_agent: str | None = None
    nominatim_domain: str = "nominatim.openstreetmap.org"
    nominatim_scheme: str = "https"
    min_delay_seconds: float = 1.0
    cache_dir: Path | None = None
    title: str | None = None
    offline: bool = False  # never fetch: URLs given as articles come from the cache or fail
    self_contained: bool = True  # map.html inlines every script and style (False: CDN links)
    png: bool = False  # also write map.png, the static graphic (headless Chromium)
    svg: bool = False  # also write map.svg, the same graphic as vector
    pdf: bool = False  # also write map.pdf (headless Chromium)
    size: tuple[int, int] = (1600, 1000)  # static graphic size in CSS pixels
    subtitle: str | None = None  # under the graphic's title
    credit: str | None = None  # the graphic's source line (default: the articles' sources)
    jobs: int = 0  # processes for per-article work (discovery, NER, the cache worker); 0: one per core
    lang: str | None = None  # the map's interface language; None: the articles' majority


@dataclass(frozen=True)
class BuildResult:
    """A built story, what was written, and what the user should be told about it."""

    story: Story
    written: tuple[Path, ...] = ()
    inferred: Journey | None = None
    itinerary_diff: tuple[str, ...] = ()
    requests_sent: int = 0
    gazetteer: Path | None = None  # the curated gazetteer used, None when there was none
    web_requests: int = 0  # HTTP requests sent for URL articles (0 when all came from the cache)
    online: bool = False  # the online geocoder was allowed

    def __repr__(self) -> str:
        written = f", {len(self.written)} files written" if self.written else ""
        return f"<BuildResult {self.story.counts()}{written}>"

    def _repr_html_(self) -> str:
        """Jupyter shows the map itself, isolated in an iframe like folium's own notebook output."""
        import html

        from .render import render_html

        page = render_html(self.story)
        return (
            '<iframe title="' + html.escape(self.story.title) + '" srcdoc="' + html.escape(page)
            + '" style="width:100%;height:600px;border:0" '
            'sandbox="allow-scripts allow-popups" loading="lazy"></iframe>'
        )

    def map_path(self, out_dir: str | Path = "output") -> Path:
        """The map.html written (or, before writing, where it goes in ``out_dir``)."""
        return next((p for p in self.written if p.name == "map.html"), Path(out_dir) / "map.html")

    def summary(self) -> list[str]:
        """Lines for the end-of-build summary."""
        story = self.story
        by_resolver = Counter(r.resolver for r in story.resolutions.values())
        lines = [
            f"articles: {len(story.articles)}"
            + (f" ({self.web_requests} web requests)" if self.web_requests else ""),
            f"mentions: {len(story.mentions)}",
            f"places: {len(story.resolutions)} ("
            + ", ".join(f"{n} from {k}" for k, n in sorted(by_resolver.items()))
            + ")",
            f"gazetteer: {self.gazetteer}" if self.gazetteer else "gazetteer: none (offline resolvers only)",
        ]
        if story.journey is not None:
            j = story.journey
            lines.append(
                f"journey ({j.origin}): {len(j.stops)} stops, {j.total_km:,.0f} km"
            )
        low = sorted(  # places placed from the text say so with the names offline data lacks, below
            (r for r in story.resolutions.values() if r.confidence < LOW_CONFIDENCE and r.place.approx_km is None),
            key=lambda r: r.query.casefold(),
        )
        if low:
            lines.append(
                "low confidence: "
                + "; ".join(f"{r.query} → {r.place.name} ({r.confidence:.2f}: {r.reason})" for r in low)
            )
        if story.unresolved:
            lines.append("unresolved: " + ", ".join(story.unresolved))
        approximate = {fold_key(p.name): p for p in story.places.values() if p.approx_km is not None}
        lines.extend(unplaced_report(story.unplaced, online=self.online, approximate=approximate))
        if claims := summary_line(story):
            lines.append(claims)
        if self.requests_sent:
            lines.append(f"online geocoder requests: {self.requests_sent}")
        return lines
