"""Transactional output sets: staged whole, committed by a journal under a lock, healed on the next run."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import signal
import threading
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path

from .errors import OutputError
from .parallel import meanwhile

#: Bookkeeping folder inside ``--out``: the lock, the list of the current set, staged sets.
STATE_DIR = ".geomap"
LOCK_NAME = "lock"
MANIFEST_NAME = "outputs.json"
STAGE_PREFIX = "tmp-"
JOURNAL_NAME = "COMMIT"
#: The progress stage announced (signals held) the moment the new set is in place.
COMMITTED = "outputs moved into place"

# Temporaries from the per-file atomic writer of earlier versions (".map.html.abc123.tmp").
_OLD_TEMP_SUFFIX = ".tmp"

Progress = Callable[..., None]


def _quiet(*_: object) -> None:
    """The library never prints."""


def write_set(
    out_dir: str | Path, files: Mapping[str, bytes | Callable[[], bytes]], *, progress: Progress = _quiet,
    apart: Collection[str] = (),
) -> list[Path]:
    """Replace the output set in ``out_dir`` by ``files`` (name → content, or a function making it) as one unit.

    A function is called only when its file is staged, and its result dropped once written: a
    big story's outputs (≈ 110 MB at 10,000 articles) are never all in memory at once. If one
    raises, nothing is moved into place and the staged files are removed. The files named in
    ``apart`` are made and staged by a forked process meanwhile (the other core: a 10,000-article
    story's four exports take as long as its map), the same bytes as here.

    The set is written and fsynced in a staging folder inside ``out_dir/.geomap/`` (same
    filesystem, so every move is a rename), a journal naming its files is written, then
    each file is renamed into place with SIGINT/SIGTERM held. Files of the previous set
    that the new one lacks (an old ``map.png``) are removed; other files are never touched.
    A build killed before the journal leaves the previous set; one killed during the
    renames leaves a journal that the next run completes before anything else. Builds
    into one folder take turns on ``.geomap/lock``.
    """
    out = Path(out_dir)
    state = _prepare(out)
    with _locked(state, progress, out):
        recover(out, _locked_already=True)
        _check_targets(out, files)
        stage = state / f"{STAGE_PREFIX}{uuid.uuid4().hex[:12]}"
        try:
            stage.mkdir()
            there = {name: data for name, data in files.items() if name in apart}
            with meanwhile(lambda: _stage(stage, there)) if there else contextlib.nullcontext(_none) as staged_there:
                _stage(stage, {name: data for name, data in files.items() if name not in there})
                staged_there()
            previous = _manifest(state)
            journal = {"files": sorted(files), "remove": sorted(set(previous) - set(files))}
            _write_synced(stage / (JOURNAL_NAME + ".part"), json.dumps(journal).encode("utf-8"))
            _fsync_dir(stage)
        except OSError as exc:
            shutil.rmtree(stage, ignore_errors=True)
            raise OutputError(f"cannot write the outputs: {exc.strerror or exc}", path=out,
                              hint="the previous outputs are intact") from exc
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)  # interrupted: the previous set stays
            raise
        with _signals_held():
            # From here the set counts as committed: the journal's rename is the commit point.
            os.replace(stage / (JOURNAL_NAME + ".part"), stage / JOURNAL_NAME)
            _roll_forward(out, stage)
            progress(COMMITTED)
    return [out / name for name in files]


def recover(out_dir: str | Path, *, _locked_already: bool = False) -> None:
    """Complete a commit a killed build left half done; delete staged sets never committed."""
    out = Path(out_dir)
    state = out / STATE_DIR
    if not state.is_dir():
        _remove_old_temporaries(out)
        return
    with contextlib.nullcontext() if _locked_already else _locked(state, _quiet, out):
        for stage in sorted(state.glob(STAGE_PREFIX + "*")):
            if (stage / JOURNAL_NAME).is_file():
                _roll_forward(out, stage)
            else:
                shutil.rmtree(stage, ignore_errors=True)
        _remove_old_temporaries(out)


def _prepare(out: Path) -> Path:
    state = out / STATE_DIR
    try:
        state.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        where = out if not out.exists() or not out.is_dir() else state
        raise OutputError(f"output folder is not writable: {exc.strerror or exc}", path=where,
                          hint="choose another --out") from exc
    return state


@contextlib.contextmanager
def _locked(state: Path, progress: Progress, out: Path) -> Iterator[None]:
    """Hold ``.geomap/lock`` exclusively; a second build waits for the first."""
    try:
        fd = os.open(state / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot create the lock file: {exc.strerror or exc}", path=state / LOCK_NAME,
                          hint="choose another --out") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress(f"waiting for another geomap build writing to {out}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _check_targets(out: Path, files: Mapping[str, object]) -> None:
    """Fail before the commit if a target cannot be replaced by a rename (a folder in its place)."""
    for name in files:
        target = out / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise OutputError("is not a regular file; geomap will not replace it", path=target,
                              hint="move it away or choose another --out; the previous outputs are intact")


def _manifest(state: Path) -> list[str]:
    """The names of the set in place (written by the previous build), [] when unknown."""
    try:
        names = json.loads((state / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return []
    if not isinstance(names, list):
        return []
    # Only plain names: a tampered manifest must not make us delete outside the folder.
    return [n for n in names if isinstance(n, str) and n and "/" not in n and n not in (".", "..", STATE_DIR)]


def _roll_forward(out: Path, stage: Path) -> None:
    """Move a journalled set into place; safe to repeat after a crash at any point."""
    try:
        journal = json.loads((stage / JOURNAL_NAME).read_text(encoding="utf-8"))
        names = [n for n in journal["files"] if isinstance(n, str) and "/" not in n]
        stale = [n for n in journal["remove"] if isinstance(n, str) and "/" not in n and n not in names]
    except (OSError, ValueError, KeyError, TypeError):
        shutil.rmtree(stage, ignore_errors=True)  # not ours or unreadable: nothing to complete
        return
    try:
        for name in names:
            if (stage / name).exists():
                os.replace(stage / name, out / name)
        for name in stale:
            (out / name).unlink(missing_ok=True)
        _write_synced(out / STATE_DIR / MANIFEST_NAME, json.dumps(names).encode("utf-8"))
        _fsync_dir(out)
    except OSError as exc:
        raise OutputError(f"cannot move the outputs into place: {exc.strerror or exc}", path=out,
                          hint="the next build completes it") from exc
    shutil.rmtree(stage, ignore_errors=True)


def _remove_old_temporaries(out: Path) -> None:
    """Hidden ``.NAME.XXXX.tmp`` files a killed older writer left beside the outputs."""
    with contextlib.suppress(OSError):
        for path in out.glob(".*" + _OLD_TEMP_SUFFIX):
            if path.is_file() and not path.is_symlink():
                path.unlink(missing_ok=True)


def _none() -> None:
    """Nothing staged elsewhere: nothing to wait for."""


def _stage(stage: Path, files: Mapping[str, bytes | Callable[[], bytes]]) -> None:
    for name, data in files.items():
        _write_synced(stage / name, data() if callable(data) else data)


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems refuse fsync on folders; the renames still hold
        if exc.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(fd)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Defer SIGINT/SIGTERM for the few renames of a commit, then deliver them to the usual handler.

    Python-level handlers always run in the main thread, so swapping them (not the thread's
    signal mask) also covers signals the OS hands to a helper thread.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    saved = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        handler = signal.getsignal(signum)
        if handler is not None:  # None: installed outside Python, cannot be restored
            saved[signum] = signal.signal(signum, lambda n, _frame: pending.append(n))
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
        if pending:
            signal.raise_signal(pending[0])
