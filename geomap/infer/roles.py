"""Role phrases: whom "le président chinois" or "Russia's foreign minister" names, learnt from the story."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from ..langdata import package_yaml, section_phrases
from ..textnorm import JOINING_HYPHENS, fold
from .lexicon import infer_data

if TYPE_CHECKING:
    from .clauses import Words

#: A role phrase: the role noun's folded words and its qualifier ("chinois", "nord coreen", "russia 's").
Role = tuple[str, str]
#: Name words read right before or after a role phrase ("Kim Jong-un, le dirigeant …").
NAME_WORDS = 6


@lru_cache(maxsize=8)
def role_nouns(language: str | None) -> dict[tuple[str, bool], tuple[tuple[str, ...], ...]]:
    """infer.yaml ``roles`` as folded word tuples by (last word, True) and (first word, False), longest
    first ("premier ministre" before "ministre")."""
    nouns = sorted({tuple(fold(p).text.split()) for p in section_phrases(infer_data()["roles"], language)},
                   key=len, reverse=True)
    out: dict[tuple[str, bool], list[tuple[str, ...]]] = {}
    for noun in nouns:
        out.setdefault((noun[-1], True), []).append(noun)
        out.setdefault((noun[0], False), []).append(noun)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def nationalities() -> frozenset[str]:
    """Nationality adjectives (discover.yaml ``demonyms``, folded): a role so qualified names one person."""
    data = package_yaml("discover.yaml", "discovery words", ("demonyms",))["demonyms"]
    return frozenset(fold(str(p)).text.strip() for lang in data.values() for p in lang)


def _qualifier_after(language: str | None) -> set[bool]:
    """Whether a role's qualifier follows its noun (French), precedes it (English), or either."""
    order = infer_data()["role_qualifier"]
    return {"after" in order[language]} if language in order else {True, False}


def _noun_at(w: Words, i: int, ending: bool) -> int | None:
    """The length of the role noun ending (or starting) at word ``i``, else None."""
    for noun in role_nouns(w.article.language).get((w.words[i], ending), ()) if 0 <= i < len(w.words) else ():
        lo = i - len(noun) + 1 if ending else i
        if lo >= 0 and tuple(w.words[lo : lo + len(noun)]) == noun:
            return len(noun)
    return None


def qualifier(w: Words, i: int) -> bool:
    """Word ``i`` qualifies a role noun right after it ("the Chinese president", "Chinese President Xi"):
    a nationality, not a person's name."""
    return (False in _qualifier_after(w.article.language) and i + 1 < len(w.words)
            and _noun_at(w, i + 1, ending=False) is not None)


def _joined(w: Words, i: int) -> bool:
    """Words ``i`` and ``i + 1`` are written as one with a hyphen ("nord-coréen")."""
    gap = w.article.text[w._ends[i] : w._starts[i + 1]]
    return len(gap) == 1 and gap in JOINING_HYPHENS


def _plain(w: Words, i: int, joined: bool) -> bool:
    """A lower-case qualifier word: not a name, a place, a time, a verb's or (unless ``joined`` by a
    hyphen to the next: "nord-coréen") a bridge word ("le président est arrivé")."""
    word = w.words[i]
    return (word.isalpha() and not w.capital[i] and not w.place[i] and not w.time[i] and len(word) > 2
            and w.verb_end[i] is None and word not in w.lex.words["not_names"]
            and (joined or word not in w.lex.words["bridge"]))


def subject_end(w: Words, v: int, lo: int) -> int:
    """The word before the verb starting at word ``v`` where its subject ends, past an apposition's
    comma ("Dana Orel, arrivée d'Avel"), a coming to do it ("venu l'accueillir") and the auxiliaries and adverbs ("Tavi a
    également rencontré", "X was being received"); below ``lo`` when none is left."""
    i = v - 1
    while i > lo and w.words[i] in w.lex.words["errand"] and v - i <= 3:
        i -= 1  # "Le roi était venu l'accueillir", "Karl Brenn, venu le saluer": the subject is the comer
    if i > lo and w.words[i] == ",":
        i -= 1
    while i >= lo and (w.words[i] in w.lex.words["bridge"] and not w.capital[i]) and v - i <= 4:
        i -= 1
    if i > lo and i < v - 1 and w.words[i] == "," and _apposition(w, i - 1, lo):
        i -= 1  # "Eskaria's foreign minister, Dana Orel, was received": the name between the commas
    return i


def _apposition(w: Words, i: int, lo: int) -> bool:
    """Words up to ``i`` are a name between commas (", Sergei Lavrov")."""
    j = i
    while j >= lo and w.capital[j] and not w.place[j] and not w.time[j] and w.words[j].isalpha():
        j -= 1
    return j < i and j >= lo and w.words[j] == ","


def role_before(w: Words, i: int, lo: int) -> tuple[Role, int] | None:
    """The role phrase ending at word ``i`` ("le président russe", "the Chinese president",
    "Russia's foreign minister") and its first word, else None. Only a qualified role counts: a bare
    "le président" is most often the traveller, and the text says so by other means."""
    after = _qualifier_after(w.article.language)
    # French: the noun, then its qualifier ("président russe", "dirigeant nord-coréen").
    for size in (2, 1) if True in after else ():
        at = i - size + 1
        joined = size == 2 and at - 1 >= lo and _joined(w, at)
        if at - 1 < lo or (size == 2 and not joined) or not all(_plain(w, k, k < i) for k in range(at, i + 1)):
            continue
        n = _noun_at(w, at - 1, ending=True)
        if n is not None and (size == 2 or not _joined(w, at - 1)):
            return (" ".join(w.words[at - n : at]), " ".join(w.words[at : i + 1])), at - n
    # English: the qualifier, then the noun ("Chinese president", "Russia's foreign minister").
    n = _noun_at(w, i, ending=True) if False in after else None
    if n is None:
        return None
    q = i - n
    if q >= lo + 1 and w.words[q] == "'s" and w.capital[q - 1]:
        return (" ".join(w.words[q + 1 : i + 1]), w.words[q - 1] + " 's"), q - 1
    if q >= lo and w.capital[q] and not w.place[q] and not w.time[q] and w.words[q] not in w.lex.words["not_names"]:
        return (" ".join(w.words[q + 1 : i + 1]), w.words[q]), q
    return None


def _name_run(w: Words, i: int, step: int) -> list[str]:
    """The capitalised name words from word ``i`` on, walking ``step`` (±1); hyphenated parts count."""
    out: list[str] = []
    while 0 <= i < len(w.words) and len(out) < NAME_WORDS and not w.place[i] and not w.time[i]:
        part = step > 0 and i > 0 and _joined(w, i - 1) or step < 0 and i + 1 < len(w.words) and _joined(w, i)
        if not (w.capital[i] or (part and w.words[i].isalpha())) or w.words[i] in w.lex.words["not_names"]:
            break
        out.append(w.words[i])
        i += step
    return out


class RoleNames:
    """The names written next to each role phrase, counted over the story: "le président chinois Xi
    Jinping", "Chinese President Xi Jinping", "Kim Jong-un, le dirigeant nord-coréen"."""

    def __init__(self) -> None:
        self.named: dict[Role, Counter[str]] = {}
        self.subjects: Counter[Role] = Counter()  # role phrases right before travel verbs

    def merge(self, other: RoleNames) -> None:
        """Count ``other``'s articles too (read apart, in another process)."""
        for role, names in other.named.items():
            self.named.setdefault(role, Counter()).update(names)
        self.subjects.update(other.subjects)

    def add(self, w: Words) -> None:
        for mark in w.verb_end:
            if mark is None or mark[0] == "plan":
                continue
            i = subject_end(w, mark[1], 0)  # "Le président russe, arrivé lundi", "Le président chinois était arrivé"
            found = role_before(w, i, 0) if i >= 0 else None
            if found is not None:
                self.subjects[found[0]] += 1
        nouns = role_nouns(w.article.language)
        ends = sorted({k + d for k, word in enumerate(w.words) if (word, True) in nouns for d in (0, 1, 2)})
        for i in ends:  # a role phrase ends on its noun (English) or one or two words after it (French)
            found = role_before(w, i, 0) if i < len(w.words) else None
            if found is None:
                continue
            role, first = found
            after = i + 1 + (i + 1 < len(w.words) and w.words[i + 1] == ",")
            names = _name_run(w, after, 1)
            k = first - 1 if first and w.words[first - 1] in w.lex.words["bridge"] else first
            if not names and k >= 2 and w.words[k - 1] == ",":
                names = _name_run(w, k - 2, -1)  # "Kim Jong-un, le dirigeant nord-coréen"
            self.named.setdefault(role, Counter()).update(names)

    def whose(self, traveller: frozenset[str]) -> dict[Role, str]:
        """Each role phrase's person: "traveller" when written next to the traveller's name (a word of
        ``traveller``), or with the qualifier of a role so written ("le dirigeant eskarien" when "le Premier
        ministre eskarien Rolan Tavi"); "other" when written next to someone else's name, or with another
        qualifier than all of the traveller's ("le président corinien" in a story of "le dirigeant
        eskarien Rolan Tavi")."""
        # A qualifier is a nationality when listed, or learnt beside a name ("le président argentin Javier
        # Milei"); any other word after a role noun ("le président avait") tells nobody's role.
        known = nationalities() | {q for r, names in self.named.items() if names for q in r[1:]}
        mine = {r for r, names in self.named.items() if any(names[t] for t in traveller)}
        theirs = {r for r, names in self.named.items() if names and r not in mine}
        if not mine:
            # The traveller's role never written beside their name: the role most often doing travel
            # verbs, as the traveller's name is ("Le président chinois a quitté X" three times).
            top = [r for r, n in self.subjects.most_common() if n >= 2 and r not in theirs and r[1] in known][:1]
            mine = set(top)
        qualifiers = {q for _, q in mine}
        out = {}
        for role in self.named.keys() | self.subjects.keys():
            if role in mine or (role not in theirs and role[1] in qualifiers):
                out[role] = "traveller"
            elif role in theirs or (qualifiers and role[1] in known):
                out[role] = "other"
        return out
