"""Whose trip it is: the capitalised name most often right before travel verbs, read one article at a time."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..textnorm import fold_key
from .clauses import titled_names
from .lexicon import lexicon

if TYPE_CHECKING:
    from .clauses import Words


class TravellerNames:
    """Capitalised names right before travel verbs, counted over the story (the traveller is first);
    a name in a headline counts twice (news names its subject there). Ties go to the name seen before
    verbs more often (a headline's "World Youth Day" is no one's name); a wire agency is no one. A
    place's word in a headline counts only when it was also seen doing travel verbs (a name).
    Articles are added one at a time, so no article's Words must outlive its turn; articles counted
    apart (in other processes) are merged in story order, which keeps the ranking's ties as they were."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.placed: set[str] = set()  # a place's words name no one
        self.titles: list[tuple[str, str | None]] = []  # with the article's language
        self.titled: dict[str, set[str]] = {}  # name word -> nationalities beside its titles

    def merge(self, other: TravellerNames) -> None:
        """Count ``other``'s articles after this one's (first seen first, as if added here)."""
        self.counts.update(other.counts)
        self.placed |= other.placed
        self.titles += other.titles
        for name, seen in other.titled.items():
            self.titled.setdefault(name, set()).update(seen)

    def add(self, w: Words) -> None:
        seen: set[int] = set()  # a name's occurrence counts once, however many verbs follow it
        for mark in w.verb_end:
            if mark is None or mark[0] == "plan":
                continue
            for i in range(max(0, mark[1] - 4), mark[1]):
                # A place's word opening a clause right before a travel verb (auxiliaries aside)
                # is a person's name read as a place ("Lula arrived", "Mardi, Lula est arrivé",
                # Lula a town abroad): places do not travel.
                named = not w.place[i] or ((i == 0 or not w.words[i - 1].isalnum()) and all(
                    w.words[k] in w.lex.words["bridge"] and not w.capital[k] for k in range(i + 1, mark[1])))
                if (w.capital[i] and named and not w.time[i] and w.words[i] not in w.lex.words["not_names"]
                        and len(w.words[i]) > 2 and w.words[i] not in w.lex.agency_words and i not in seen):
                    seen.add(i)
                    self.counts[w.words[i]] += 1
        self.placed.update(w.words[i] for i, p in enumerate(w.place) if p)
        self.titles.append((w.article.title or "", w.article.language))
        for name, seen in titled_names(w).items():
            self.titled.setdefault(name, set()).update(seen)

    def nationalities(self, traveller: str | None) -> frozenset[str]:
        """The nationalities the story writes beside the traveller's titles ("le président chinois Xi")."""
        return frozenset(self.titled.get(traveller, ())) if traveller else frozenset()

    def ranked(self) -> Counter[str]:
        counts, verbs = Counter(self.counts), dict(self.counts)
        for title, language in self.titles:
            lex = lexicon(language)
            for word in re.findall(r"[^\W\d_]+", title):
                key = fold_key(word)
                if (word[:1].isupper() and key not in lex.words["not_names"] and len(word) > 2
                        and (key not in self.placed or key in verbs) and key not in lex.agency_words):
                    counts[key] += 2
        return Counter(dict(sorted(counts.items(), key=lambda kv: (-kv[1], -verbs.get(kv[0], 0)))))
