"""Command-line interface: parse arguments, call the library, turn GeomapError into one line and exit 2."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cachedir import using_cache_dir
from .cliterm import Terminated, install_signal_handlers, interrupted, noting_commits, progress_reporter, shown
from .errors import GeomapError, InputError

DESCRIPTION = """\
Turn news articles about a journey into an interactive map.

geomap reads the articles (.txt, French or English), finds the places they name,
puts each on the map (curated gazetteer, then offline GeoNames, then - only with
--online - OpenStreetMap Nominatim), draws the route and the dated stops, and lets
a reader click any marker to read what the articles said there."""

BUILD_EPILOG = """\
outputs (in --out):
  map.html         the interactive map, self-contained: works offline, mailed or archived
  journey.geojson  places and route, a stable contract for other tools
  mentions.csv     one row per place mention, with offsets and resolver
  embed.html       a responsive iframe snippet for reports
  map.png          with --png: the static graphic (route, numbered stops, legend, title)
  map.svg, map.pdf with --svg / --pdf: the same graphic as vector files

examples:
  geomap build                          # seeds/ -> output/
  geomap build .                        # the articles in this folder
  geomap build saved-page.html https://example.org/news/article.html
  geomap build reading-list.urls --open # one URL a line; fetched once, then cached
  geomap build articles/ --out report/ --png --subtitle "10-17 September" --credit "AFP, Reuters"
  geomap build story/ --online          # may query Nominatim (1 request/s, cached)
  geomap build seeds/ --infer           # show the inferred itinerary and its diff
  geomap draft story/                   # write it as story/journey.yaml to correct; build draws it
  geomap watch story/ --open            # rebuild on every save of an article (Ctrl-C stops)

exit status: 0 ok, 2 bad input (one line naming the file and line), 1 internal error."""


def _size(text: str) -> tuple[int, int]:
    from .render.png import parse_size

    try:
        return parse_size(text)
    except GeomapError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _jobs(text: str) -> int:
    """A process count: 1 or more, or 0 for one per core."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number of processes (0: all cores), got {text!r}")
    return value


def _geocoder_url(text: str) -> tuple[str, str]:
    """'http://host:port' -> (scheme, domain) as geopy wants them."""
    from urllib.parse import urlsplit

    parts = urlsplit(text if "://" in text else "https://" + text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise argparse.ArgumentTypeError(f"not an http(s) URL: {text!r}")
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


def _add_build_arguments(b: argparse.ArgumentParser) -> None:
    """The options of `build`, shared by `watch`."""
    from .render.wording import languages  # imported late: Ctrl-C during start-up stays one clean line

    b.add_argument("paths", nargs="*", metavar="PATH",
                   help="articles: .txt/.md/.html/.docx files, folders of them, http(s) URLs or .urls lists "
                   "(default: seeds/)")
    b.add_argument("--gazetteer", type=Path, metavar="FILE",
                   help="curated gazetteer (default: gazetteer.yaml in the story folder, else here, else none)")
    b.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output/)")
    b.add_argument("--itinerary", type=Path, metavar="FILE",
                   help="curated itinerary (default: journey.yaml beside the articles, if any)")
    b.add_argument("--infer", action="store_true",
                   help="infer the itinerary from the text and show it, with a diff against the curated one")
    net = b.add_mutually_exclusive_group()
    net.add_argument("--online", action="store_true",
                     help="allow the online geocoder (Nominatim via geopy) for names offline data lacks")
    net.add_argument("--offline", action="store_true",
                     help="never use the network: URL articles come from the cache or fail")
    b.add_argument("--user-agent", metavar="UA", help="User-Agent for the online geocoder and fetched pages (name and contact)")
    b.add_argument("--geocoder-url", type=_geocoder_url, metavar="URL",
                   help="Nominatim server for --online (default: https://nominatim.openstreetmap.org)")
    b.add_argument("--no-discover", dest="discover", action="store_false",
                   help="only gazetteer names: skip discovering other places in the text")
    b.add_argument("--cdn", action="store_true",
                   help="link Leaflet from its CDN instead of inlining it (smaller map.html, needs network)")
    b.add_argument("--self-contained", action="store_true", help=argparse.SUPPRESS)  # the default now
    b.add_argument("--png", action="store_true", help="also write map.png, a static graphic (needs Debian's chromium)")
    b.add_argument("--svg", action="store_true", help="also write map.svg, the static graphic as vector")
    b.add_argument("--pdf", action="store_true", help="also write map.pdf, the static graphic (needs chromium)")
    b.add_argument("--size", type=_size, default=(1600, 1000), metavar="WxH",
                   help="static graphic size in pixels (default 1600x1000)")
    b.add_argument("--subtitle", help="subtitle under the graphic's title")
    b.add_argument("--credit", help="source line at the foot of the graphic (default: the articles' sources)")
    b.add_argument("--title", help="page title (default: the itinerary's title)")
    b.add_argument("--lang", choices=languages(), metavar="LANG",
                   help=f"interface language of the map: {', '.join(languages())} (default: the articles' majority)")
    b.add_argument("--cache-dir", type=Path, metavar="DIR",
                   help="cache for the GeoNames index and online answers (default: ~/.cache/geomap)")
    b.add_argument("--open", action="store_true", help="open the map in the default web browser")
    b.add_argument("-j", "--jobs", type=_jobs, default=0, metavar="N",
                   help="processes for per-article work such as NER (default: all cores)")
    b.add_argument("-q", "--quiet", action="store_true", help="no progress, only errors and the map's path")
    b.add_argument("--debug", action="store_true", help="show a traceback on internal errors")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="geomap", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"geomap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="build the map and exports from a folder of articles",
        description="Build map.html, journey.geojson, mentions.csv and embed.html from articles.",
        epilog=BUILD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_build_arguments(b)

    w = sub.add_parser(
        "watch",
        help="build, then rebuild whenever the articles, gazetteer or itinerary change",
        description="Build like 'geomap build', then rebuild on every change to the story's articles, "
        "articles.yaml, gazetteer or itinerary. A failed rebuild is one line; the last good map stays. "
        "Ctrl-C stops.",
    )
    _add_build_arguments(w)

    d = sub.add_parser(
        "draft",
        help="write the inferred itinerary as an editable journey.yaml beside the articles",
        description="Infer the itinerary from the articles and write it as journey.yaml beside them, "
        "with each stop's confidence, reason and evidence, and the places not kept commented out. "
        "`geomap build` draws the untouched draft exactly like the inferred map; edit it to correct the map.",
    )
    d.add_argument("paths", nargs="+", metavar="STORY", help="article files or folders (or URLs, with --out)")
    d.add_argument("--out", type=Path, metavar="FILE", help="write the draft here (default: STORY/journey.yaml)")
    d.add_argument("--force", action="store_true", help="replace an existing itinerary file")
    d.add_argument("--gazetteer", type=Path, metavar="FILE", help="curated gazetteer (default: as for build)")
    d.add_argument("--no-discover", dest="discover", action="store_false", help="as for build")
    d.add_argument("--online", action="store_true", help="allow the online geocoder, as for build")
    d.add_argument("--user-agent", metavar="UA", help="as for build")
    d.add_argument("--geocoder-url", type=_geocoder_url, metavar="URL", help="as for build")
    d.add_argument("--cache-dir", type=Path, metavar="DIR", help="as for build")
    d.add_argument("-q", "--quiet", action="store_true", help="only errors and the draft's path")
    d.add_argument("--debug", action="store_true", help="show a traceback on internal errors")

    e = sub.add_parser(
        "eval",
        help="score builds against gold annotations",
        description="Build each story folder (articles + gold.yaml) without a curated itinerary "
        "and report place precision/recall, share within 161 km, stops and route order.",
    )
    e.add_argument("stories", nargs="*", type=Path, metavar="STORY_DIR",
                   help="story folders (holding gold.yaml) or set folders of them; other paths are skipped "
                   "with a warning (default: tests/data/stories/)")
    e.add_argument("--gazetteer", type=Path, default=Path("gazetteer.yaml"), metavar="FILE")
    e.add_argument("--loso", action="store_true",
                   help="leave one trip out: refit the itinerary score for each trip on the other trips' "
                   "folders only, leaving out every telling of the held-out trip (folders sharing "
                   "gold.yaml's 'trip:'), since weights that saw the same trip in other words would "
                   "flatter the figures (needs the [train] extra)")
    e.add_argument("--cache-dir", type=Path, metavar="DIR")
    e.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    return parser


def _build_options(args: argparse.Namespace):  # -> BuildOptions, imported lazily
    from .pipeline import BuildOptions

    return BuildOptions(
        gazetteer=args.gazetteer,
        itinerary=args.itinerary,
        infer=args.infer,
        discover=args.discover,
        online=args.online,
        user_agent=args.user_agent,
        cache_dir=args.cache_dir,
        **(
            {"nominatim_scheme": args.geocoder_url[0], "nominatim_domain": args.geocoder_url[1]}
            if args.geocoder_url
            else {}
        ),
        title=args.title,
        offline=args.offline,
        jobs=args.jobs,
        self_contained=not args.cdn,
        lang=args.lang,
        png=args.png,
        svg=args.svg,
        pdf=args.pdf,
        size=args.size,
        subtitle=args.subtitle,
        credit=args.credit,
    )


def _cmd_build(args: argparse.Namespace) -> int:
    from .pipeline import build

    progress = noting_commits(progress_reporter(args.quiet), args.out)
    result = build(_story_paths(args.paths), args.out, _build_options(args), progress=progress)
    _report(result, args)
    if args.open:
        import webbrowser

        webbrowser.open(result.map_path(args.out).resolve().as_uri())
    return 0


def _report(result, args: argparse.Namespace) -> None:  # result: BuildResult
    out = sys.stderr
    if not args.quiet:
        for warning in result.story.warnings:
            print(f"warning: {shown(warning)}", file=out)
        for line in result.summary():
            print(line, file=out)
        if result.inferred is not None and args.infer:
            print("inferred itinerary:", file=out)
            for stop in result.inferred.stops:
                when = stop.date.isoformat() if stop.date else "undated"
                when = f"≈{when}" if stop.approximate and stop.date else when
                name = result.story.places.get(stop.place_id)
                print(f"  {stop.seq}. {when:10} {name.name if name else stop.place_id} ({stop.event})", file=out)
            if result.itinerary_diff:
                print("diff against the curated itinerary:", file=out)
                for line in result.itinerary_diff:
                    print(f"  {line}", file=out)
    print(f"map: {result.map_path(args.out).resolve()}", flush=True)


def _cmd_watch(args: argparse.Namespace) -> int:
    from .watching import watch

    opened = False

    def show(event) -> None:  # event: WatchEvent
        nonlocal opened
        if event.changed and not args.quiet:
            names = ", ".join(p.name for p in event.changed[:3]) + (" …" if len(event.changed) > 3 else "")
            print(f"changed: {names}", file=sys.stderr, flush=True)
        if event.error is not None:
            print(f"geomap: error: {shown(event.error)} (the previous map is kept)", file=sys.stderr, flush=True)
            return
        _report(event.result, args)
        if args.open and not opened:
            import webbrowser

            opened = webbrowser.open(event.result.map_path(args.out).resolve().as_uri())
        if not args.quiet:
            print("watching for changes (Ctrl-C stops)", file=sys.stderr, flush=True)

    try:
        watch(_story_paths(args.paths), args.out, _build_options(args), on_build=show,
              progress=progress_reporter(args.quiet))
    except KeyboardInterrupt:
        pass  # Ctrl-C is how a watch ends
    return 0


def _cmd_draft(args: argparse.Namespace) -> int:
    from .journey.draft import draft
    from .pipeline import BuildOptions

    geocoder = ({"nominatim_scheme": args.geocoder_url[0], "nominatim_domain": args.geocoder_url[1]}
                if args.geocoder_url else {})
    options = BuildOptions(gazetteer=args.gazetteer, discover=args.discover, online=args.online,
                           user_agent=args.user_agent, cache_dir=args.cache_dir, **geocoder)
    result = draft(args.paths, options, out=args.out, force=args.force, progress=progress_reporter(args.quiet))
    if not args.quiet:
        for warning in result.build.story.warnings:
            print(f"warning: {shown(warning)}", file=sys.stderr)
        for line in result.build.summary():
            print(line, file=sys.stderr)
        print(f"draft: {result.stops} stops, {result.rejected} places not kept (commented out)", file=sys.stderr)
    print(f"itinerary: {result.path.resolve()}")
    return 0


def _story_paths(given: list[str]) -> list[str]:
    """The PATHs given, else seeds/ when this is the project's folder."""
    if given:
        return given
    if not Path("seeds").is_dir():
        raise InputError("no PATH given and no seeds/ folder here",
                         hint="run 'geomap build FOLDER' with a folder of articles, or 'geomap build .' inside it")
    return ["seeds"]


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate_folders, format_consistency, format_scores, gold_consistency, story_folders
    from .gold import load_gold

    stories, warnings = story_folders(args.stories or [Path("tests/data/stories")])
    for warning in warnings:
        print(f"warning: {shown(warning)}", file=sys.stderr)
    if not stories:
        raise InputError("no story folder to evaluate (a story folder holds gold.yaml)")
    golds = [load_gold(f / "gold.yaml") for f in stories]  # read once: scored, then their own consistency
    scores, trips, ranked = evaluate_folders(stories, args.gazetteer, args.cache_dir, loso=args.loso, golds=golds)
    print(format_scores(scores))
    print(format_consistency(trips, gold_consistency(golds)))
    if ranked is not None:
        print(ranked.line())
    return 0


_EARLY = argparse.ArgumentParser(add_help=False)
_EARLY.add_argument("--cache-dir", type=Path)


_HELD = {signal.SIGINT, signal.SIGTERM}


def _hold_signals() -> set[signal.Signals] | None:
    """Block SIGINT and SIGTERM in this thread; the previous mask, or None where that cannot be done."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)


def _release_signals(held: set[signal.Signals] | None) -> None:
    """Restore the mask: a signal that came meanwhile is delivered now, to our handlers."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def main(argv: Sequence[str] | None = None) -> int:
    # Ctrl-C or SIGTERM while the arguments are read waits until they are known, so the message
    # can name the output folder whatever the moment (the parser reads packaged YAML: ~0.1 s).
    held = _hold_signals()
    saved = install_signal_handlers()
    args: argparse.Namespace | None = None
    try:
        try:
            # --cache-dir is known before the parser is built: building it reads packaged YAML, whose cache follows it.
            early, _ = _EARLY.parse_known_args(argv)
            with using_cache_dir(early.cache_dir):
                parser = make_parser()
                args = parser.parse_args(argv)
        finally:
            _release_signals(held)
        if args.command is None:
            parser.print_help()
            return 0
        if args.command == "build":
            return _cmd_build(args)
        if args.command == "draft":
            return _cmd_draft(args)
        if args.command == "watch":
            return _cmd_watch(args)
        return _cmd_eval(args)
    except GeomapError as exc:
        print(f"geomap: error: {shown(exc)}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:  # the system refused a path (too long, a loop, no permission): the user's to fix
        where = f"{shown(exc.filename)}: " if exc.filename else ""
        print(f"geomap: error: {where}{shown(exc.strerror or exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        print(f"geomap: {interrupted(args, exc)}", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130
    except Exception as exc:  # an internal bug: one line unless asked for the traceback
        if getattr(args, "debug", False) or os.environ.get("GEOMAP_DEBUG"):
            raise
        print(f"geomap: internal error: {type(exc).__name__}: {shown(exc)} (rerun with --debug)", file=sys.stderr)
        return 1
    finally:
        for signum, handler in saved.items():  # main() called in-process (tests, notebooks) restores them
            signal.signal(signum, handler)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
