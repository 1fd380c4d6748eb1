"""The CLI's terminal side: progress on a TTY, and Ctrl-C/SIGTERM turned into one honest message."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any


def progress_reporter(quiet: bool):
    """Progress on stderr, only for a person watching (a TTY), like git and pip.

    Stages are timestamped lines; counted stages (``report(stage, done, total)``) get a bar
    with rate and ETA that appears only when the stage lasts more than two seconds.
    """
    start = time.monotonic()
    show = not quiet and sys.stderr.isatty()
    bar: dict[str, Any] = {}

    def close() -> None:
        if bar:
            bar.pop("bar").close()
            bar.clear()

    def report(message: str, done: int | None = None, total: int | None = None) -> None:
        if not show:
            return
        if done is None or total is None:
            close()
            print(f"[{time.monotonic() - start:5.1f}s] {message}", file=sys.stderr, flush=True)
            return
        if bar.get("stage") != message:
            close()
            from tqdm import tqdm  # only a terminal session pays for it

            # A terminal that does not say its size (0 x 0: some ptys, serial consoles) made tqdm hide
            # the bar (it reads -1 rows); such a terminal is taken for 80 x 24.
            sized = _columns() > 0
            bar.update(stage=message, bar=tqdm(total=total, desc=message, unit="", delay=2.0, file=sys.stderr,
                                               leave=False, dynamic_ncols=sized, ncols=None if sized else 80,
                                               nrows=None if sized else 24))
        bar["bar"].total = total
        bar["bar"].update(done - bar["bar"].n)
        if done >= total:
            close()

    return report


def _columns() -> int:
    try:
        return os.get_terminal_size(sys.stderr.fileno()).columns
    except (OSError, ValueError):
        return 0


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C so the same clean-up and message apply."""


_PENDING: list[int] = []


def _on_signal(signum: int, frame: object) -> None:
    """Ctrl-C and SIGTERM become exceptions, but never inside an import.

    An exception raised while a C extension initialises (numpy, spaCy) comes out as an
    ImportError with a traceback printed on the way; there the signal waits and is
    retried every 50 ms until the import is over.
    """
    if _inside_import(frame):
        _PENDING.append(signum)
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        return
    _PENDING.clear()
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _on_alarm(_signum: int, frame: object) -> None:
    if _PENDING:
        _on_signal(_PENDING.pop(), frame)


def _inside_import(frame) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def install_signal_handlers() -> dict[int, Any]:
    """Our handlers for SIGINT, SIGTERM (and the retry alarm); returns the ones replaced."""
    saved: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return saved
    for signum, handler in ((signal.SIGINT, _on_signal), (signal.SIGTERM, _on_signal), (signal.SIGALRM, _on_alarm)):
        old = signal.getsignal(signum)
        if old is signal.SIG_IGN or old is None:  # nohup and '&' ignore signals on purpose
            continue
        saved[signum] = signal.signal(signum, handler)
    return saved


#: Output folders whose new set was moved into place during this run (for the interrupt message).
_COMMITTED: list[Path] = []


def noting_commits(report, out: Path):
    """Wrap a progress callback to remember when the new outputs are in place (announced with signals held)."""
    from .outputset import COMMITTED

    def progress(stage: str, *rest: object) -> None:
        if stage == COMMITTED:
            _COMMITTED.append(out)
        report(stage, *rest)

    return progress


def interrupted(args: argparse.Namespace, exc: KeyboardInterrupt) -> str:
    """Exactly what an interrupt left behind."""
    what = "terminated (SIGTERM)" if isinstance(exc, Terminated) else "interrupted"
    out = getattr(args, "out", None)
    if args is None or args.command != "build" or out is None:
        return f"{what}; no file was half-written"
    where = shown(out)
    if out in _COMMITTED:
        return f"{what} after the new outputs were moved into place in {where}"
    return f"{what}; the previous outputs in {where} are intact (nothing new was written)"


def shown(text: object) -> str:
    """Text from a file name, an article or a server, escaped so it cannot act on the terminal."""
    from .errors import printable

    return printable(str(text))
