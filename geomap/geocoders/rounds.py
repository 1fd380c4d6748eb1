"""``ResolverChain.resolve_many``'s rounds: the open names' last answers, and which a round settles."""

from __future__ import annotations

import heapq

from ..model import Resolution

#: Answers at least this sure are settled together in one round; the doubtful rest wait, one at a
#: time, for the points the surer ones add to the context.
SURE_CONFIDENCE = 0.8


class Rounds:
    """The names still open and the last answer of each, kept up to date one name at a time.

    A round asks again only the names a new point came nearer to, and finds the sure answers and the
    best one without walking every open name (a 10,000-article story's 7,000 rounds walked 300,000).
    """

    def __init__(self, count: int) -> None:
        self.open: set[int] = set(range(count))
        self._answers: dict[int, Resolution] = {}
        self._sure: set[int] = set()
        # The answers by confidence, surest first, the first asked on a tie; an entry is stale once
        # its name has answered again (its count moved on) or been settled.
        self._best: list[tuple[float, int, int]] = []
        self._count: dict[int, int] = {}

    def answer(self, i: int, res: Resolution | None, hopeful: bool) -> None:
        """Name ``i``'s answer this round (None: none yet); a name no offline resolver knows (not
        ``hopeful``) is no longer open: it never will be known."""
        self._sure.discard(i)
        count = self._count[i] = self._count.get(i, 0) + 1
        if res is None:
            self._answers.pop(i, None)
            if not hopeful:
                self.open.discard(i)
            return
        self._answers[i] = res
        if res.confidence >= SURE_CONFIDENCE:
            self._sure.add(i)
        heapq.heappush(self._best, (-res.confidence, i, count))

    def settle(self) -> list[tuple[int, Resolution]]:
        """The answers this round settles, in request order: every sure one, else the single surest
        (the first asked on a tie); none when no open name has an answer."""
        if self._sure:
            chosen = sorted(self._sure)
        elif self._answers:
            while self._best[0][2] != self._count[self._best[0][1]] or self._best[0][1] not in self._answers:
                heapq.heappop(self._best)
            chosen = [heapq.heappop(self._best)[1]]
        else:
            return []
        self._sure.clear()
        self.open.difference_update(chosen)
        return [(i, self._answers.pop(i)) for i in chosen]
