"""A readable diff between a curated itinerary and the inferred one (for --infer)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from ..model import Journey, Place, Stop


def diff_itineraries(curated: Journey, inferred: Journey, places: Mapping[str, Place] | None = None) -> list[str]:
    """What the inferred itinerary gets differently from the curated one, one line per difference."""
    def name(pid: str) -> str:
        return places[pid].name if places and pid in places else pid

    def first(j: Journey) -> dict[str, Stop]:
        out: dict[str, Stop] = {}
        for s in j.stops:
            out.setdefault(s.place_id, s)
        return out

    cur, inf = first(curated), first(inferred)
    lines = [f"missing: {name(p)} (curated stop {s.seq}{', ' + s.date.isoformat() if s.date else ''})"
             for p, s in cur.items() if p not in inf]
    lines += [f"added: {name(p)} (inferred stop {s.seq}{', ' + s.date.isoformat() if s.date else ''})"
              for p, s in inf.items() if p not in cur]
    a = [p for p in cur if p in inf]
    b = sorted(a, key=lambda p: inf[p].seq)
    keep = _lcs(a, b)
    lines += [f"reordered: {name(p)} is curated stop {cur[p].seq} but inferred stop {inf[p].seq}"
              for p in a if p not in keep]
    for p in a:
        cd, idate = cur[p].date, inf[p].date
        if cd != idate:
            lines.append(f"date: {name(p)} curated {cd.isoformat() if cd else 'undated'}, "
                         f"inferred {idate.isoformat() if idate else 'undated'}")
    cur_n = Counter(s.place_id for s in curated.stops)
    inf_n = Counter(s.place_id for s in inferred.stops)
    lines += [f"repeated: {name(p)} is {cur_n[p]} stop(s) in the curated itinerary, {inf_n[p]} inferred"
              for p in a if cur_n[p] != inf_n[p]]
    return lines


def _lcs(a: list[str], b: list[str]) -> set[str]:
    """Items of the longest common subsequence of two orderings (those not reordered)."""
    n, m = len(a), len(b)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            table[i][j] = table[i + 1][j + 1] + 1 if a[i] == b[j] else max(table[i + 1][j], table[i][j + 1])
    out, i, j = set(), 0, 0
    while i < n and j < m:
        if a[i] == b[j]:
            out.add(a[i])
            i, j = i + 1, j + 1
        elif table[i + 1][j] >= table[i][j + 1]:
            i += 1
        else:
            j += 1
    return out
