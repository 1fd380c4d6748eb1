"""Whose trip it is: the capitalised name most often right before travel verbs, read one article at a time."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..discover.lexicon import load_lexicon
from ..langdata import elisions, package_yaml, stopwords
from ..textnorm import fold, fold_key
from .clauses import Words
from .lexicon import lexicon
from .roles import nationalities, qualifier, role_nouns, subject_end


class TravellerNames:
    """Capitalised names right before travel verbs, counted over the story (the traveller is first);
    a name in a headline counts twice (news names its subject there). Ties go to the name seen before
    verbs more often (a headline's "World Youth Day" is no one's name); a wire agency is no one, nor a word
    the texts write in lower case more often than with a capital mid-sentence ("We", "Hands"). A
    place's word in a headline counts only when it was also seen doing travel verbs (a name).
    Articles are added one at a time, so no article's Words must outlive its turn; articles counted
    apart (in other processes) are merged in story order, which keeps the ranking's ties as they were."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.pairs: Counter[tuple[str, str]] = Counter()  # capitalised words side by side ("Emmanuel Macron")
        self.capitals: Counter[str] = Counter()  # words the texts write with a capital mid-sentence, how often
        self.lowered: Counter[str] = Counter()  # words the texts write in lower case, how often
        self.written: set[str] = set()  # every word the articles' texts write
        self.placed: set[str] = set()  # a place's words name no one
        self.titles: list[tuple[str, str | None]] = []  # with the article's language
        self.roles: Counter[str] = Counter()  # bare role nouns before travel verbs ("the Pope lands")
        self.led: Counter[str] = Counter()  # the same in a headline or an article's first sentence
        self.headed: Counter[str] = Counter()  # the same in a headline
        self.titled: Counter[tuple[str, str]] = Counter()  # (role noun, the capitalised word after it): "Pope Francis"

    def merge(self, other: TravellerNames) -> None:
        """Count ``other``'s articles after this one's (first seen first, as if added here)."""
        self.counts.update(other.counts)
        self.pairs.update(other.pairs)
        self.capitals.update(other.capitals)
        self.lowered.update(other.lowered)
        self.written |= other.written
        self.placed |= other.placed
        self.titles += other.titles
        self.roles.update(other.roles)
        self.led.update(other.led)
        self.headed.update(other.headed)
        self.titled.update(other.titled)

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
                        and w.words[i] not in w.lex.words["crowds"]  # "Thousands of migrants arrived": no one
                        and sum(c.isalpha() for c in w.words[i]) > 1  # "L'avion est arrivé": an article
                        and w.words[i] not in w.lex.agency_words and i not in seen
                        and not qualifier(w, i)  # "The Chinese president arrived": no one's name
                        and _may_lead(w, i, mark[1])):
                    seen.add(i)
                    self.counts[w.words[i]] += 1
        self.placed.update(w.words[i] for i, p in enumerate(w.place) if p)
        caps = [w.capital[i] and w.words[i].isalpha() and not w.place[i] and not w.time[i] for i in range(len(w.words))]
        # Mid-sentence only: any word may open a sentence or a heading ("Rendez-vous à X !"), though not
        # after an abbreviation's full stop ("Mr. Nixon", "M. Khrouchtchev"); and not inside a place's
        # name ("Croke Park", "le stade Marek"): a headline's "at Croke Park" names no one.
        before, after = place_kind_words()
        self.capitals.update(w.words[i] for i, c in enumerate(caps)
                             if c and i and (w.words[i - 1].isalnum() or w.words[i - 1][-1] in ",'" or w.abbreviated(i - 1))
                             and w.words[i - 1] not in before and not (w.words[i] in after and w.capital[i - 1])
                             and not (i + 1 < len(w.words) and w.capital[i + 1] and w.words[i + 1] in after))
        self.pairs.update((w.words[i], w.words[i + 1]) for i in range(len(caps) - 1) if caps[i] and caps[i + 1])
        self.written.update(w.words)
        self.lowered.update(word for word, cap in zip(w.words, w.capital) if not cap and word.isalpha())
        self.titles.append((w.article.title or "", w.article.language))
        self.add_roles(w)

    def add_roles(self, w: Words) -> None:
        """Count the bare role nouns doing travel verbs ("the Pope lands in X", "le président est arrivé"), and
        those the headline or the first sentence gives so: news names its subject there, by role if not by name."""
        nouns = role_nouns(w.article.language)
        self.titled.update((w.words[i], w.words[i + 1]) for i in range(len(w.words) - 1)
                           if (w.words[i],) in nouns.get((w.words[i], True), ()) and w.capital[i + 1])
        lead = next((i for i in range(len(w.words)) if w.ends_sentence(i)), len(w.words))
        for i, role in bare_roles(w):
            self.roles[role] += 1
            self.led[role] += i < lead
        if w.article.title:
            # The headline as a text of its own: the body's sentences do not bound it.
            headline = replace(w.article, text=w.article.title, sentences=())
            for _, role in bare_roles(Words(headline, (), ())):
                self.roles[role] += 1
                self.led[role] += 1
                self.headed[role] += 1

    def role(self, ranked: Counter[str]) -> str | None:
        """The role noun standing for the traveller ("the Pope", "le président"): one a headline or a first
        sentence makes the subject of a travel verb, scored as a name is (its verbs, two more per headline),
        over the best name's score: a story naming its traveller by role picks no bystander's name
        ("Mercedes", quoted once) or a plane's ("Air Force One")."""
        best = max(ranked.values(), default=0)
        scores = {r: n + 2 * self.headed[r] for r, n in self.roles.items() if self.led[r]}
        top = max(scores, key=lambda r: (scores[r], self.roles[r]), default=None)
        return top if top is not None and scores[top] > best else None

    def titles_name(self, role: str, name: str) -> bool:
        """The texts write ``name`` right after the role noun ("le pape François", "Pope Francis"): one person."""
        return any(self.titled[(role, part)] for part in self.names(name))

    def names(self, top: str) -> frozenset[str]:
        """The traveller's name words: ``top`` and the capitalised word most often written right before
        it and right after it (twice at least): "Emmanuel Macron", "Xi Jinping", "King Charles", so a
        clause naming the traveller by either word is the traveller's."""
        out = {top}
        lexes = [lexicon(language) for language in dict.fromkeys(language for _, language in self.titles)]
        for side in (0, 1):
            beside = Counter({pair[side]: n for pair, n in self.pairs.items() if pair[1 - side] == top})
            word, n = next(iter(beside.most_common(1)), ("", 0))
            if n >= 2 and not any(word in lex.words["not_names"] or word in lex.agency_words for lex in lexes):
                out.add(word)
        return frozenset(out)

    def persons(self) -> frozenset[str]:
        """Words of the story's full names: written beside another capitalised word ("Donald Trump",
        "Ursula von der Leyen" as "Ursula"…), so a lone capital ("Overnight", "Church") is no one."""
        lexes = [lexicon(language) for language in dict.fromkeys(language for _, language in self.titles)]
        common = set().union(*(lex.words["not_names"] for lex in lexes))
        return frozenset(w for pair in self.pairs if common.isdisjoint(pair) for w in pair)

    def ranked(self) -> Counter[str]:
        counts, verbs = Counter(self.counts), dict(self.counts)
        headlines = Counter(key for title, _ in self.titles for key in {fold_key(w) for w in re.findall(r"[^\W\d_]+", title)})
        full = self.full_names()
        titles = person_titles()
        titled = Counter(b for (a, b), n in self.pairs.items() for _ in range(n) if a in titles)  # "President Li"
        doer = any(key in verbs for key in headlines)  # a headline names someone the texts show travelling
        for title, language in self.titles:
            lex = lexicon(language)
            rubric, common = _lead_in(title), stopwords().get(language or "", frozenset())
            opening = next((fold_key(w) for w in re.findall(r"[^\W\d_]+", title) if fold_key(w) not in rubric), None)
            for word in re.findall(r"[^\W\d_]+", title):
                key = fold_key(word)
                # A title word the texts write, but never with a capital mid-sentence, is a common word
                # ("Rendez-vous"), and so is a lead-in's ("Carnet de route (1) :", "DIRECT.", "Explainer:");
                # a word the texts never write may be a name only the headline gives, unless it is one of
                # the language's function words ("Comment: Let her come", "Tribune : Sans elle"). A lead-in
                # word the texts write with a capital is a name only when seen doing travel verbs: a
                # newsletter's or a series' name ("Overseas Dispatch, No. 4: …") heads every article.
                # Two letters make a name ("Xi"), not when all capitals ("EU", "UN").
                # One headline word never decides alone: it needs a second sign of a name (seen before a
                # travel verb, written mid-sentence with a capital or in a full name twice, after a person's
                # title, or in another headline), unless no name is seen before a travel verb at all, or the texts never write
                # it and no headline word is seen before one (a name only the headline gives). Else one
                # headline's "Moses" (named once in the texts), or "Valley" beside a "Benedict" seen before
                # a travel verb, outweighs the traveller. "G7"'s "G" is no name either.
                if (word[:1].isupper() and key not in lex.words["not_names"] and len(word) > 1
                        and (len(word) > 2 or word.istitle())
                        and (key in verbs or self.capitals[key] > 1 or full[key] > 1 or titled[key] or headlines[key] > 1
                             or not verbs or (key not in self.written and not doer))
                        and (key not in rubric or key in verbs)
                        and (key in self.capitals or (key not in self.written and key not in common))
                        and (key not in self.placed or key in verbs) and key not in lex.agency_words
                        and key not in nationalities()):  # "a few words of Irish": no one's name
                    # News names its subject first: the name opening a headline (past its lead-in) counts
                    # one more ("Benoît XVI en Afrique, …" over the predecessor the texts recall travelling).
                    counts[key] += 2 + (key == opening)
        # A word the texts and headlines write in lower case more often than with a capital mid-sentence
        # is a common word, capitalised where it opens a sentence ("We landed", "Hands reached out", "Line"
        # in a timeline), unless written in full names ("Theresa May", though "may" is a verb too).
        lowered = self.lowered + Counter(fold_key(w) for title, _ in self.titles for w in re.findall(r"[^\W\d_]+", title)
                                         if w[0].islower())
        planes = self.vehicles(full)
        counts = Counter({key: n for key, n in counts.items()
                          if (lowered[key] <= self.capitals[key] or full[key] > 1) and key not in planes})
        # Ties go to the name seen before more verbs, then to the one written in more full names: a
        # communiqué's "Joko Widodo", six times, over the "État" once before a verb.
        return Counter(dict(sorted(counts.items(), key=lambda kv: (-kv[1], -verbs.get(kv[0], 0), -full[kv[0]]))))

    def vehicles(self, full: Counter[str]) -> set[str]:
        """Vehicle words ("Force", "Airbus") and the words written before one in most of their full names
        (``full``: :meth:`full_names`): a plane's name ("Air Force One came into X", "Air" in the headline), no one's."""
        kinds = set().union(*(lexicon(language).words["vehicles"] for language in {lang for _, lang in self.titles}))
        before: Counter[str] = Counter()
        for (a, b), n in self.pairs.items():
            if b in kinds:
                before[a] += n
        return kinds | {w for w, n in before.items() if 2 * n > full[w]}

    def full_names(self) -> Counter[str]:
        """How often each word is written in a full name (:meth:`persons`): "Joko Widodo" six times."""
        lexes = [lexicon(language) for language in dict.fromkeys(language for _, language in self.titles)]
        common = set().union(*(lex.words["not_names"] for lex in lexes))
        out: Counter[str] = Counter()
        for pair, n in self.pairs.items():
            if common.isdisjoint(pair):
                out.update({w: n for w in pair})
        return out


def bare_roles(w: Words) -> list[tuple[int, str]]:
    """The one-word role nouns (infer.yaml ``roles``) right after a definite article as the subject of a
    travel verb, with their word's index: "the president departs", "le pape est arrivé"; not "the Chinese
    president" (someone's, by nationality: roles.py), nor "his counterpart"."""
    nouns = role_nouns(w.article.language)
    out = []
    for mark in w.verb_end:
        if mark is None or mark[0] == "plan":
            continue
        i = subject_end(w, mark[1], 0)
        if i >= 1 and (w.words[i],) in nouns.get((w.words[i], True), ()) and w.words[i - 1] in definite_articles():
            out.append((i, w.words[i]))
    return out


@lru_cache(maxsize=1)
def definite_articles() -> frozenset[str]:
    """The discovery lexicon's definite articles ("the", "le", "l") as an article's words write them
    (clauses.py): an elided one keeps its apostrophe ("l'")."""
    return frozenset(a + "'" if a in elisions() else a for a in load_lexicon().definite_articles)


def _may_lead(w: Words, i: int, v: int) -> bool:
    """Word ``i`` may be the subject of the verb at word ``v``: in its sentence ("… Society of Avel.
    Rencontre avec …" is not), no abbreviation ("Mr.", a dateline's "Minn."), not where a preposition puts a
    place ("at Corin the farewell ceremony")."""
    return (not any(w.ends_sentence(k) for k in range(i + 1, v)) and not (i + 1 < v and w.abbreviated(i + 1))
            and not (i and w.words[i - 1] in w.lex.words["locative"]))


@lru_cache(maxsize=1)
def place_kind_words() -> tuple[frozenset[str], frozenset[str]]:
    """One-word place kinds written before and after a place's name (discover.yaml ``kinds``: "stade",
    "rue"; "park", "stadium"), folded: a capitalised word beside one is part of a place's name."""
    kinds = package_yaml("discover.yaml", "discovery words", ("kinds",))["kinds"]

    def words(side: str) -> frozenset[str]:
        cues = (fold(str(c)).text.strip() for cue in kinds.values() for c in cue.get(side) or ())
        return frozenset(c for c in cues if c and " " not in c)

    return words("before"), words("after")


@lru_cache(maxsize=1)
def person_titles() -> frozenset[str]:
    """One-word titles before a person's name (discover.yaml ``titles``: "président", "pope"), folded."""
    data = package_yaml("discover.yaml", "discovery words", ("titles",))["titles"]
    cues = (fold(str(t)).text.strip() for lang in data.values() for t in lang)
    return frozenset(c for c in cues if c and " " not in c)


def _lead_in(title: str) -> set[str]:
    """The words of a headline's lead-in, before its first ':', '.' or spaced dash ("Explainer: …", "DIRECT. …",
    "The Capitol Letter — week of …"): a rubric or a series' name, written before the article's own title."""
    head = re.match(r"([^:.—–]*?)(?:[:.]|\s[—–])\s", title)
    return {fold_key(w) for w in re.findall(r"[^\W\d_]+", head.group(1))} if head else set()
