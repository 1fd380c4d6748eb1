"""Pronouns: whom a sentence's "he"/"she" stands for, and the traveller's own, learnt from the story."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from .roles import qualifier

if TYPE_CHECKING:
    from .clauses import Words

#: A sentence's subject opens it within this many words ("Mardi, à Avel, il a …").
OPENING = 6
#: A pronoun refers back at most this many sentences opened by the same pronoun ("He … He … He …").
CHAIN = 3
#: The traveller's gender needs this many sentences, and this share of them, saying so.
LEAST, SHARE = 2, 0.75
#: A sentence's subject: its gendered pronoun ("he", "she"), the words of its opening name, or nothing.
Subject = str | tuple[str, ...] | None


def gender(w: Words, i: int) -> str | None:
    """"he" or "she" when word ``i`` is a gendered subject pronoun (infer.yaml ``he``/``she``)."""
    word = w.words[i]
    return "he" if word in w.lex.words["he"] else "she" if word in w.lex.words["she"] else None


def bounds(w: Words) -> list[int]:
    """The first word of each of the article's sentences."""
    return [w.index(s.start) for s in w.article.sentences] or [0]


def opener(w: Words, lo: int, hi: int) -> int | None:
    """The word opening the sentence of words [lo, hi) as its subject: a gendered pronoun or the first
    word of a name, past times, places and small words ("Mardi, à Avel, il …", "On Friday, she …",
    "Le président eskarien Rolan Tavi a …"); None when the sentence opens otherwise: a common noun
    ("The president left"), a group ("ils", "they"), an impersonal "il y a"."""
    placed = False  # "À Corin-Ville, il …": a capital after a locative is a place
    for i in range(lo, min(hi, lo + OPENING)):
        word = w.words[i]
        placed = (placed and w.capital[i]) or (i > lo and w.words[i - 1] in w.lex.words["locative"] and w.capital[i])
        if gender(w, i) is not None:
            return None if i in w.begins["impersonal"] else i
        if word in w.lex.words["pronouns"]:
            return None
        if (not word.isalpha() or w.time[i] or w.place[i] or placed or word in w.lex.words["not_names"] or qualifier(w, i)
                or (word in w.lex.words["bridge"] and not w.capital[i])):
            continue
        return i if w.capital[i] else None
    return None


def opening(w: Words, lo: int, hi: int) -> Subject:
    """The subject opening the sentence of words [lo, hi) (:func:`opener`): "he"/"she", or the words of
    the name."""
    i = opener(w, lo, hi)
    if i is None:
        return None
    if (g := gender(w, i)) is not None:
        return g
    run = []
    while (i < hi and w.capital[i] and not w.place[i] and w.words[i].isalpha() and len(run) < 4
           and w.words[i] not in w.lex.words["not_names"]):
        run.append(w.words[i])
        i += 1
    return tuple(run)


def antecedent(w: Words, starts: list[int], k: int) -> tuple[str, ...] | None:
    """The name a pronoun opening sentence ``k`` stands for: the subject of the sentence before, or of
    the one before that when it too opens with the same pronoun ("X said … He left … He flew …")."""
    own = opening(w, starts[k], starts[k + 1] if k + 1 < len(starts) else len(w.words))
    if not isinstance(own, str):
        return None
    for j in range(k - 1, max(-1, k - 1 - CHAIN), -1):
        said = opening(w, starts[j], starts[j + 1])
        if said != own:
            return said if isinstance(said, tuple) else None
    return None


class Genders:
    """Which pronoun follows each name as the next sentences' subject, counted over the story: a
    traveller told of as "she" is a woman, and a "he" flying elsewhere in her story is someone else."""

    def __init__(self) -> None:
        self.told: Counter[tuple[tuple[str, ...], str]] = Counter()
        self.used: Counter[str] = Counter()  # each pronoun's uses, whoever it stands for

    def merge(self, other: Genders) -> None:
        self.told.update(other.told)
        self.used.update(other.used)

    def add(self, w: Words) -> None:
        starts = bounds(w)
        for k in range(len(starts)):
            own = opening(w, starts[k], starts[k + 1] if k + 1 < len(starts) else len(w.words))
            if isinstance(own, str) and (name := antecedent(w, starts, k)):
                self.told[(name, own)] += 1
        # Within a sentence, the name written last before a "he"/"she" ("Modi said he would …").
        ends = [*starts[1:], len(w.words)]
        for lo, hi in zip(starts, ends):
            name: tuple[str, ...] = ()
            for i in range(lo, hi):
                said = gender(w, i)
                if said is not None and i not in w.begins["impersonal"]:
                    self.used[said] += 1
                    if name:
                        self.told[(name, said)] += 1
                    name = ()
                elif w.capital[i] and i > lo and w.words[i].isalpha() and not w.place[i] and not w.time[i] \
                        and w.words[i] not in w.lex.words["not_names"] and not qualifier(w, i):
                    name = (*name, w.words[i]) if w.capital[i - 1] else (w.words[i],)

    def of(self, who: frozenset[str]) -> str | None:
        """The traveller's pronoun (``who``: their name's words), when the story says it clearly: the one
        following their name, else (a story telling of "the Queen", "la reine" by her title) the one
        the story uses most."""
        said: Counter[str] = Counter()
        for (name, pronoun), n in self.told.items():
            if not who.isdisjoint(name):
                said[pronoun] += n
        return _clear(said) if said else _clear(self.used, LEAST + 1)


def _clear(said: Counter[str], least: int = LEAST) -> str | None:
    """The pronoun said at least ``least`` times and at least SHARE of all, else None."""
    top = said.most_common(1)
    return top[0][0] if top and top[0][1] >= least and top[0][1] >= SHARE * sum(said.values()) else None
