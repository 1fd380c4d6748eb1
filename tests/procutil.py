"""Child processes for tests that press Ctrl-C: SIGINT must reach them as it reaches a user's."""

from __future__ import annotations

import signal


def ctrl_c_reaches() -> None:
    """``preexec_fn`` restoring SIGINT's default in the child before Python starts.

    A shell starts background jobs with SIGINT ignored (``make test &``, ``nohup … &``), and an
    ignored signal is inherited: Python would then never raise KeyboardInterrupt, and a test of
    what Ctrl-C does would hang or see a build run to its end instead.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
