"""Travel cues in sentences and who does them: the cue lexicon, subjects, the traveller."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..articles import split_sentences
from ..model import Article
from ..textnorm import fold, fold_key
from ..timexpr import alternation, cue_data, languages_for, phrase_pattern

#: Cue types that move the traveller; undated ones are ordered by their article's date.
MOVES = frozenset({"depart", "cross", "arrive", "head-to"})
_TOKEN = re.compile(r"[^\W\d_][\w'\u2019\-]*|\d+|[,;:.!?«»()\"]")
_CLAUSE_END = re.compile(r"[.;:!?«»()\n]")
#: Lower-case words allowed before a clause's opening name (articles and titles).
LEAD_WORDS = 3


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    type: str
    event: str
    window: int
    subjects: tuple[str, ...]  # names before the cue; () = pronoun, possessive or no subject
    planned: bool  # a schedule: a future-tense verb or a marker such as "devrait", "is expected to"
    earlier: bool = False  # told as an earlier event ("six weeks after Modi travelled to …")
    lead: bool = False  # ``subjects`` are the names the clause opens with (a noun cue's)
    possible: bool = False  # a wish, a possibility or a plan seen afterwards ("devait", "could")
    relative: str = ""  # "who": in a relative clause or apposition; "whose": someone else's doing
    stay: bool = False  # told "during his stay": no day of its own, and none to borrow
    pluperfect: bool = False  # "avait visité", "had travelled to": an earlier event, not this trip


@lru_cache(maxsize=8)
def lexicon(language: str | None) -> dict[str, Any]:
    data = cue_data()

    def words(section: str) -> list[str]:
        langs = languages_for(data[section], language)
        return [str(w) for lang in langs for w in data[section][lang]]

    def fset(section: str) -> frozenset[str]:
        return frozenset(fold_key(w) for w in words(section))

    def whole(section: str) -> re.Pattern[str]:
        """Any phrase of ``section`` as whole words (not after a letter or an elision)."""
        return re.compile(r"(?<![\w'])" + alternation(words(section)) + r"(?!\w)")

    directions = alternation(words("directions"))
    groups = []
    for lang in languages_for(data["travel"], language):
        for g in data["travel"][lang]:
            phrases = _with_directions(g["phrases"], directions) if g["type"] in MOVES else alternation(g["phrases"])
            pattern = re.compile(r"(?<![\w'])" + phrases + r"(?!\w)")
            groups.append((pattern, str(g["type"]), str(g["event"]), int(g["window"]), bool(g.get("noun")),
                           bool(g.get("plan"))))
    gov = data["government"]
    gov_langs = languages_for(gov, language)
    verbs_after = [w for lang in gov_langs for w in gov[lang]["verbs_after"]]
    before = [w for lang in gov_langs for w in gov[lang]["before"] + gov[lang]["verbs_before"]]
    return {
        "groups": groups,
        "gov_after": re.compile(r"^ ?(?:\w+(?:ment|ly) )?" + alternation(verbs_after) + r"(?!\w)"),
        "gov_before": re.compile(r"(?<![\w'])" + alternation(before) + r" ?[,\"]? ?$"),
        "past": whole("past_markers"),
        "future": whole("future_markers"),
        "possible": whole("possibility_markers"),
        "stay": whole("stay_markers"),
        "relatives": fset("relatives"),
        "place_relatives": fset("place_relatives"),
        "poss_relatives": fset("possessive_relatives"),
        "joiners": fset("list_joiners"),
        "subordinators": fset("subordinators"),
        "locative": fset("locative"),
        "locative_words": int(data.get("locative_words", 5)),
        "plan_days": int(data.get("plan_days", 3)),
        "reported": re.compile(r"(?<![\w'])" + alternation(words("reporting_verbs")) + r"(?: on)? ?$"),
        "pluperfect": re.compile(r"(?<![\w'])" + alternation(words("pluperfect_markers"))
                                 + r"(?: [^\W\d_]+){0,2} ?$"),
        "earlier": whole("earlier_markers"),
        "destination": re.compile(r"^[ ,]*" + alternation(words("destination_words")) + r" ?$"),
        "arrival_verbs": whole("arrival_verbs"),
        "pronouns": fset("pronouns"),
        "gap": fset("subject_gap"),
        "conj": fset("conjunctions"),
        "det": fset("determiners"),
        "not_names": fset("not_names"),
    }


def _with_directions(phrases: list[str], directions: str) -> str:
    """Motion phrases allowing direction words before their last word ("flew south to", "heads north, to")."""
    pats = set()
    for phrase in phrases:
        head, _, last = str(phrase).strip().rpartition(" ")
        if head:
            pats.add(phrase_pattern(head) + rf"(?:,? {directions}){{0,2}},? " + phrase_pattern(last))
        else:
            pats.add(phrase_pattern(last))
    return "(?:" + "|".join(sorted(pats, key=len, reverse=True)) + ")"


def name_tokens(name: str) -> set[str]:
    return {t for t in fold_key(name).split() if len(t) > 1}


def subjects_before(text: str, lo: int, cue_start: int, skip: list[tuple[int, int]], lex: dict[str, Any]) -> tuple[str, ...]:
    """Names of whoever does the cue: capitalised words just before it (skipping auxiliaries)."""
    names: list[list[str]] = []
    current: list[str] = []
    verb_seen = False
    listing = False  # a conjunction was seen: commas separate names too ("A, B et C")
    for tok in reversed(list(_TOKEN.finditer(text, lo, cue_start))):
        word = tok.group()
        inside = any(s <= tok.start() < e for s, e in skip)
        # After an elided article ("l'Occident", "d'Artiom") a capitalised word is no person.
        elided = re.match(r"^\w{1,2}['\u2019]", word) is not None
        bare = re.split(r"['\u2019]", word)[-1] if elided else word
        folded = fold_key(bare)
        if current:
            if not inside and not elided and bare[:1].isupper():
                current.insert(0, bare)
                continue
            names.append(current)
            current = []
            if folded in lex["conj"] or (word == "," and listing):
                listing = True
                continue  # "Kim et Poutine", "Macron, Scholz et Draghi": keep looking for the first name
            break
        if inside:
            continue  # place names and dates are not subjects
        if word == ",":
            # "Poutine, arrivé lundi à …" names him; "…, se sont retrouvés" closes an aside.
            if verb_seen:
                break
            verb_seen = True
            continue
        if folded in lex["pronouns"]:
            break
        if folded in lex["gap"] or fold_key(word) in lex["gap"]:
            verb_seen = True
            continue
        if not elided and bare[:1].isupper():
            current = [bare]
            continue
        break
    if current:
        names.append(current)
    out = []
    for name in reversed(names):
        # Sentence openers ("Le président Kim") are capitalised too: drop them from the front.
        while name and fold_key(name[0]) in lex["not_names"]:
            name = name[1:]
        if name:
            out.append(" ".join(name))
    return tuple(out)


def lead_subject(text: str, lo: int, cue_start: int, skip: list[tuple[int, int]], lex: dict[str, Any]) -> tuple[str, ...]:
    """The names a clause opens with ("Le président Vladimir Poutine écoute …", "Kim et Poutine
    ont eu …"), or () when it opens with none."""
    names: list[str] = []
    name: list[str] = []
    lead = 0
    for tok in _TOKEN.finditer(text, lo, cue_start):
        word = tok.group()
        if any(s <= tok.start() < e for s, e in skip):
            break  # a place or a date first: "À Kyiv, …" has no subject here
        if word[:1].isupper() and fold_key(word) not in lex["not_names"]:
            name.append(word)
            continue
        if name and (fold_key(word) in lex["conj"] or word == ","):
            names.append(" ".join(name))  # "Kim et Poutine", "Macron, Scholz et Draghi"
            name = []
            continue
        if name or names or lead >= LEAD_WORDS or fold_key(word) in lex["pronouns"]:
            break
        lead += 1  # "Le président", "the Indian prime minister": titles before the name
    if name:
        names.append(" ".join(name))
    return tuple(names)


def find_cues(article: Article, lo: int, hi: int, skip: list[tuple[int, int]], lex: dict[str, Any]) -> list[Cue]:
    text = article.text
    folded = fold(text[lo:hi])
    found: list[tuple[int, int, tuple[Any, ...]]] = []
    for group in lex["groups"]:
        for m in group[0].finditer(folded.text):
            s, e = folded.span(m.start(), m.end())
            prev = text[max(lo, lo + s - 12) : lo + s].split()
            # After a lower-case determiner a verb cue is a noun: "le parti", "the left" (not "Kim Jong Un était").
            if not group[4] and prev and prev[-1].islower() and fold_key(prev[-1]).strip("'") in lex["det"]:
                continue
            found.append((lo + s, lo + e, group))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    kept: list[tuple[int, int, tuple[Any, ...]]] = []
    for f in found:
        if all(f[1] <= k[0] or f[0] >= k[1] for k in kept) and not any(s <= f[0] < e for s, e in skip):
            kept.append(f)
    cues = []
    for start, end, (_, ctype, event, window, noun, plan) in sorted(kept, key=lambda f: f[0]):
        clause = max([lo, start - 100] + [m.end() for m in _CLAUSE_END.finditer(text, max(lo, start - 100), start)])
        before = fold(text[max(clause, start - 50) : start]).text
        subjects = subjects_before(text, clause, start, skip, lex)
        lead = False
        relative = ""
        if not subjects and not noun:
            subjects, relative = _antecedent(text, clause, start, skip, lex)
        if noun and not subjects:
            # A noun has no subject of its own ("Scholz a confirmé son arrivée à X"): the clause's
            # opening name may do it (infer keeps it only for a person seen doing a verb cue).
            subjects = lead_subject(text, clause, start, skip, lex)
            lead = bool(subjects)
        possible = bool(lex["possible"].search(before))
        planned = plan or bool(lex["future"].search(before))
        # Only in the cue's own clause: "Un an après l'invasion, Biden est arrivé" is this trip.
        earlier = bool(lex["earlier"].search(before.rsplit(",", 1)[-1]))
        stay = bool(lex["stay"].search(fold(text[lo:start]).text))
        pluperfect = bool(lex["pluperfect"].search(before))
        cues.append(Cue(start, end, ctype, event, window, subjects, planned, earlier, lead, possible, relative, stay,
                        pluperfect))
    return cues


def _antecedent(text: str, clause: int, cue_start: int, skip: list[tuple[int, int]],
                lex: dict[str, Any]) -> tuple[tuple[str, ...], str]:
    """Who does a verb cue with no name right before it, when a comma comes first.

    "Lavrov, qui s'est rendu à X" and "Lavrov, chef de la diplomatie, est arrivé à X" are
    Lavrov's; "Kim, dont le père a visité X" / "whose father visited X" is someone else's.
    Returns (names, "who" | "whose") or ((), "") when no comma or relative pronoun decides it.
    """
    comma = text.rfind(",", clause, cue_start)
    words = [fold_key(t.group()) for t in _TOKEN.finditer(text, comma + 1 if comma >= 0 else clause, cue_start)]
    if any(w in lex["poss_relatives"] for w in words):
        return (), "whose"
    if comma < 0:
        return (), ""
    if words and words[0] in lex["relatives"]:
        names = subjects_before(text, clause, comma, skip, lex)  # the name right before the comma
        if not names:
            names = lead_subject(text, clause, comma, skip, lex)
        return names, "who"
    if words and all(w in lex["gap"] for w in words):
        # An apposition closed by this comma: the clause's opening name is the subject.
        names = lead_subject(text, clause, comma, skip, lex)
        return names, "who" if names else ""
    return (), ""


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    sentences = article.sentences or split_sentences(article.text)
    return [(s.start, s.end) for s in sentences]


def quote(text: str, start: int, end: int, limit: int = 90) -> str:
    snippet = " ".join(text[start:end].split())
    return snippet if len(snippet) <= limit else snippet[: limit - 1] + "…"


def people_of(cues: list[Cue]) -> set[str]:
    """Name words of whoever the text shows doing a travel verb: the story's people."""
    return {t for c in cues if not c.lead for s in c.subjects for t in name_tokens(s)}


def traveller_of(cues: list[Cue], forced: str | None) -> tuple[str, int] | None:
    """The most frequent named subject of travel cues (names sharing a word count as one)."""
    if forced:
        return forced, sum(1 for c in cues if any(name_tokens(s) & name_tokens(forced) for s in c.subjects))
    clusters: list[tuple[set[str], list[str]]] = []
    for cue in cues:
        for name in cue.subjects if not cue.lead else ():
            toks = name_tokens(name)
            for ctoks, names in clusters:
                if ctoks & toks:
                    ctoks |= toks
                    names.append(name)
                    break
            else:
                clusters.append((set(toks), [name]))
    if not clusters:
        return None
    first_depart = next((c.subjects for c in cues if c.type == "depart" and c.subjects), ())
    def score(cl: tuple[set[str], list[str]]) -> tuple[int, bool]:
        return len(cl[1]), any(name_tokens(s) & cl[0] for s in first_depart)
    best = max(clusters, key=score)
    forms = Counter(best[1])
    # The commonest spelling names the traveller ("Modi" rather than "Prime Minister Narendra Modi").
    return max(forms, key=lambda n: (forms[n], len(n))), len(best[1])
