"""Subjects: whose move a clause tells (by name, role or pronoun) and whom a place's sentence opens on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .clauses import BREAKS, HEAD_MARKS, MARKUP, REACH, Words, captioned, clause_start
from .pronouns import gender, opener, opening
from .roles import Role, role_before, role_nouns, subject_end

#: A clause's subject name opens it within this many words ("Le président X …").
LEAD = 4
#: A vehicle word this many words or fewer before a verb makes the verb the vehicle's ("His X plane took off").
VEHICLE_WORDS = 8


def subject(f: dict[str, float], w: Words, v: int, lo: int, people: People, a: int | None = None) -> None:
    """Who does the verb starting at word ``v`` (its place at word ``a``, when it comes after): a vehicle, a
    plan, an earlier time, someone else (by name, role or pronoun), or the traveller told by role (whom each
    role phrase names in the story)."""
    before = list(range(max(lo, v - VEHICLE_WORDS), v))
    if _vehicle_before(w, v, lo):
        f["vehicle"] = 1.0
    if any(i in w.ends["pluperfect"] for i in (*before[-3:], v)):  # "était reparti": its participle is the verb
        f["pluperfect"] = 1.0  # an earlier event, or this trip told in reported speech: the weights say
    if planned(w, v, lo) or (a is not None and _noun_planned(w, v, a)):
        f["future"] = 1.0
    who = _name_before(w, v, lo, people)
    if who in ("other", "opener") and not (who == "other" and _done_to(w, v, lo)):
        f["other_subject"] = 1.0
    elif who in ("role", "other"):
        # "Le président chinois a quitté X" in a story of "le président chinois Xi Jinping" (the traveller's role
        # phrase); "le roi l'a accueilli à X", "King Y met him at X" (someone else's verb done to the traveller)
        f["traveller"] = 1.0


def planned(w: Words, v: int, lo: int) -> bool:
    """A plan's mark stands anywhere in the clause of word ``v`` before it, not only right before a verb: a
    cue (infer.yaml ``future``; "May 8" is no "may"), a future tense or schedule (:meth:`Words.future_between`)
    or a planned move (infer.yaml verbs ``plan``): "Mr. X is to see Y before going home to Z", "G7 leaders
    will discuss it when they meet in Z", "il prononcera à Z", "X gagnera Y avant de rentrer à Z"."""
    start = clause_start(w, v, lo)
    # A schedule's verb right before is the verb's own first word ("goes" of "goes on to X"); a subject
    # pronoun's future is not ("il rejoindra", "elle s'envolera": the mark starts at the pronoun).
    own = v - 1 >= start and w.words[v - 1] not in w.lex.words["pronouns"]
    marked = any((i in w.ends["future"] and not w.time[i]) or (w.verb_end[i] or "-")[0] == "plan" for i in range(start, v))
    return marked or w.future_between(start, v - own)


def _noun_planned(w: Words, v: int, a: int) -> bool:
    """A noun read as the verb of the place at word ``a`` ("summit", "sommet") is told as still to come between
    them: "the next round of talks is to be held in X", "le prochain sommet se tiendra à X"."""
    return v < a and w.raw(v) in w.lex.nouns and (w.verb_end[v] or "-")[0] == "meet" and (
        any(i in w.ends["future"] for i in range(v + 1, a)) or w.future_between(v + 1, a))


@dataclass(frozen=True)
class People:
    """What the story says of its people, for reading a verb's subject: the traveller's name words,
    whom each role phrase names, the traveller's pronoun ("he"/"she", when the story says), and
    whether the sentence's opening pronoun stands for someone else ("Trump said … He left for X")."""

    traveller: frozenset[str]
    roles: Mapping[Role, str] = field(default_factory=dict)
    pronoun: str | None = None
    names: frozenset[str] = frozenset()  # words of people's full names (TravellerNames.persons)
    opened_by_other: bool = False


def _pronoun_who(w: Words, k: int, lo: int, people: People) -> str:
    """"other" when the subject pronoun at word ``k`` is not the traveller: the other gender ("she" in a
    story of "he"), the sentence's opening pronoun standing for someone else's name, or a pronoun after
    someone else's name opening the sentence; else ""."""
    said = gender(w, k)
    if said is None:
        return ""
    if people.pronoun is not None and said != people.pronoun:
        return "other"
    first = opener(w, lo, len(w.words))
    if first == k:
        return "other" if people.opened_by_other else ""
    # Inside a sentence someone else's name opens as its subject, the pronoun is theirs ("Ilse tours the
    # coast this week: he met the king in X, then flew to Y"); not a name set off by a comma ("Avec
    # Ilse, il a parlé …"), nor one reporting speech ("Palace staff said she would fly to X": the
    # speaker and the pronoun are often different people).
    name = opening(w, lo, k) if first is not None and first < k else None
    if not isinstance(name, tuple) or not people.traveller.isdisjoint(name) or people.names.isdisjoint(name):
        return ""
    after = first + len(name)
    return "" if w.words[after] == "," or any(i in w.ends["speech_after"] for i in range(after, k)) else "other"


def _name_before(w: Words, v: int, lo: int, people: People) -> str:
    """Whose name is the verb's subject: "traveller", "other" (a name without the traveller's words,
    someone else's role phrase or pronoun), "role" (the traveller's role phrase) or ""."""
    traveller, roles = people.traveller, people.roles
    i = subject_end(w, v, lo)
    if i > lo + 1 and w.words[i] in w.lex.words["relative"] and w.words[i - 1] == ",":
        i -= 2  # "Le ministre avelien, qui avait atterri à X", "Rolan, who landed in X": the antecedent
        i = _before_country(w, i, lo)  # "President Y of Z, who flew in from X": Y, not Z
    elif (r := _relative_at(w, i, lo)) is not None and _common_noun(w, r - 1, people) and not _done_to(w, v, lo):
        # "the cardinal who left X", "des fidèles qui avaient voyagé depuis X": a relative clause told of a
        # common noun right before it (no comma: it says which one) is someone else's doing; not one done to
        # someone ("un voyage qui l'a mené à X": whom it took is told elsewhere).
        return "other"
    run: list[str] = []
    while i >= lo and len(run) < 12:
        # Names joined by "and" or commas do the verb together ("X, Y et Z sont arrivés"): the
        # traveller among them makes it the traveller's move.
        names = []
        while i >= lo and w.capital[i] and not w.place[i] and w.words[i] not in w.lex.words["not_names"] and len(names) < 5:
            names.append(w.words[i])
            i -= 1
        run += names
        if (names and i >= lo + 2 and not w.capital[i] and w.words[i].isalpha() and w.words[i - 1] in w.lex.words["bridge"]
                and (w.words[i - 2] == "," or w.words[i - 2] in w.lex.words["and_words"])):
            i -= 2  # a title between the "and" and the name: "Rolan Tavi et la ministre Ilse sont arrivés"
        if not names or i < lo + 1 or not (w.words[i] == "," or w.words[i] in w.lex.words["and_words"]):
            break
        i -= 1
    if not run and (role := role_before(w, i, lo)) is not None:
        # "Le président russe a quitté", "The Chinese president arrived": the role phrase is the subject
        # (not its capitalised qualifier), the traveller's or someone else's as the story's names tell.
        return {"traveller": "role", "other": "other"}.get(roles.get(role[0], ""), "")
    if not run:
        # No name right before it: the nearest pronoun, if nearer than the traveller's name ("Macron
        # l'a reçue ; elle est repartie pour X"), else the clause's first name, if it is not the
        # traveller's ("Le président X écoute une présentation lors d'un sommet à Y").
        look = range(v - 1, max(lo, v - REACH) - 1, -1)  # a bounded look: linear in the text
        apart = False  # a comma passed: a crowd before it is another clause's ("refugees at X, and drove to Y")
        for k in look:
            if w.words[k] in traveller or w.words[k] in w.lex.words["vehicles"]:
                return ""
            if w.words[k] in w.lex.words["pronouns"]:
                return _pronoun_who(w, k, lo, people)
            apart = apart or w.words[k] == ","
            if w.words[k] in w.lex.words["crowds"] and not apart and _crowd_subject(w, k, lo, traveller):
                # "Thousands of migrants arrived", "La question a été posée"; not "des milliers de fidèles l'ont
                # accueilli", "crowds welcomed him" (the traveller as the verb's object: not any "le"/"la"
                # between, an article as often: "photographies … reçues par le réseau")
                return "" if _done_to(w, v, lo) else "other"
        # A clause opened by "mais"/"but" after a comma has its own subject ("…, mais Joe Biden a écourté
        # sa tournée pour regagner X").
        start = next((k for k in range(v - 1, lo, -1) if k in w.begins["clause_openers"] and w.words[k - 1] in (",", ";")), lo)
        first = next((i for i in range(start, min(v, start + LEAD + (start > lo))) if w.capital[i] and not w.place[i] and not w.time[i]
                      and w.words[i] not in w.lex.words["not_names"] and not w.words[i - 1].endswith("'")), None)
        if first is None:
            return ""
        if w.words[first] in traveller:
            return "traveller"  # a long clause opened by the traveller
        # A person's name, not "Overnight"; "opener": not the verb's own subject, so whom it is done to is unknown.
        return "opener" if w.words[first] in people.names else ""
    if not traveller.isdisjoint(run):
        return "traveller"
    # A named plane is the traveller's, and so is a plane an airline's name goes with ("His X plane took off
    # from Y", "L'avion de l'X a quitté Y"): a name no person's full name holds. Not "L'avion de Vladimir
    # Poutine, parti de Y" (someone else's plane).
    plane = _vehicle_before(w, v, lo)
    return "" if any(x in w.lex.words["vehicles"] for x in run) or (plane and people.names.isdisjoint(run)) else "other"


def _relative_at(w: Words, i: int, lo: int) -> int | None:
    """The relative pronoun at word ``i`` or right before its auxiliaries ("qui avaient voyagé"), if any."""
    while i > lo and w.words[i] in w.lex.words["auxiliaries"]:
        i -= 1
    return i if i > lo and w.words[i] in w.lex.words["relative"] else None


def _before_country(w: Words, i: int, lo: int) -> int:
    """Word ``i``, or the last word of the name before "of/de" and the place ending at ``i`` ("President Y of
    Z", "le président Y du Z"): whom the place titles, the antecedent of a relative clause after it."""
    k = i
    while k > lo and w.place[k]:
        k -= 1
    if k < i and k > lo and w.words[k] in w.lex.words["title_of"] and w.capital[k - 1] and not w.place[k - 1]:
        return k - 1
    return i


def _common_noun(w: Words, i: int, people: People) -> bool:
    """Word ``i`` is a common noun in lower case, neither the traveller's name or role word nor a pronoun,
    a vehicle or a place's: whom a relative clause right after it tells of ("the cardinal who …")."""
    word = w.words[i]
    return (word.isalpha() and len(word) > 2 and not w.capital[i] and not w.place[i] and not w.time[i]
            and word not in people.traveller and word not in w.lex.words["pronouns"]
            and word not in w.lex.words["vehicles"] and word not in w.lex.words["not_names"]
            and word not in w.lex.words["bridge"])


def _vehicle_before(w: Words, v: int, lo: int) -> bool:
    """A vehicle word stands at most :data:`VEHICLE_WORDS` words before the verb at ``v`` ("His X plane took off")."""
    return any(w.words[i] in w.lex.words["vehicles"] for i in range(max(lo, v - VEHICLE_WORDS), v))


def _crowd_subject(w: Words, k: int, lo: int, traveller: frozenset[str]) -> bool:
    """The crowd or thing at word ``k`` can be its clause's subject: no preposition right before it (past
    determiners and capitalised words: "in remarks at the summit", "for Ukrainian refugees"; "of" is a
    quantity's: "thousands of migrants"), nor the
    traveller, a pronoun or a vehicle before it in its clause ("Zelenskyy compares the pictures of X")."""
    def preposition(i: int) -> bool:
        return w.words[i] in w.lex.words["locative"] or w.words[i] in w.lex.words["to_words"]

    i = k - 1
    while i >= lo and (w.capital[i] or w.words[i] in w.lex.words["not_names"]) and not preposition(i):
        i -= 1
    if i >= lo and preposition(i):
        return False
    for i in range(k - 1, clause_start(w, k, lo, (",",)) - 1, -1):
        if w.words[i] in traveller or w.words[i] in w.lex.words["pronouns"] or w.words[i] in w.lex.words["vehicles"]:
            return False
    return True


def fronted(w: Words, a: int, b: int, lo: int, hi: int, people: People) -> bool:
    """The place opens its sentence as where someone else does something ("À Corin, Marek Ilse et son
    ministre signent …", "In Avel, Marek Ilse met …"): a name after it, not the traveller's."""
    if not all(w.words[i] in w.lex.words["locative"] or w.words[i] in w.lex.words["not_names"] or w.time[i]
               or w.words[i] == "," for i in range(lo, a)):
        return False
    i = b + (b < hi and w.words[b] == ",")
    run = []
    while i < hi and w.capital[i] and not w.place[i] and not w.time[i] and w.words[i] not in w.lex.words["not_names"]:
        run.append(w.words[i])
        i += 1
    return bool(run) and people.traveller.isdisjoint(run) and not people.names.isdisjoint(run)


def scene(w: Words, a: int, b: int, lo: int, hi: int, people: People) -> bool:
    """The place opens its sentence as where the traveller does something, with no travel verb ("À
    Corin, il a salué la foule", "Le mardi, à Eska, capitale de la province, il a appelé …", "In
    Avel, Rolan toured …"): a day and "in/à" before it, and the first person after it the traveller,
    by name or by the traveller's pronoun, opening a clause after it, before anyone else's name or a group.
    A pronoun inside a clause is not its subject ("In Avel, a local minister said he …"). The sentence
    may open with a speaker or an hour before a break ("CORRESPONDENT: Yesterday in Abuja she agreed …")."""
    if not _opens_on(w, a, lo):
        return False
    opens = True  # a clause opens right after the place or a comma, its subject's name perhaps after a title
    for i in range(b, hi):
        if opens and w.words[i] in people.traveller:
            return True
        if opens and gender(w, i) is not None:
            return i not in w.begins["impersonal"] and not _pronoun_who(w, i, lo, people)
        # Someone else's name opening a clause is its subject; one inside a phrase is not ("À X, devant
        # les élèves du lycée Ilse, il a parlé").
        if opens and (w.words[i] in people.names or w.words[i] in w.lex.words["pronouns"]):
            return False
        opens = w.words[i] == "," or (opens and (w.capital[i] or w.words[i] == ".") and not w.place[i])  # "M. Kishida"
    return False


def acted(w: Words, a: int, lo: int, people: People) -> bool:
    """The traveller does something at the place, told before it with no travel verb ("What did he do in
    X?", "Rolan and his wife lay flowers at the old temple in X", "…, where he blessed the crowd
    at a Mass in X"): "in/à" right before the place, and its clause's first person the traveller, by
    name or by the traveller's pronoun. The clause opens after a break or "where"/"où"."""
    if a <= lo or w.words[a - 1] not in w.lex.words["locative"]:
        return False
    for i in range(clause_start(w, a, lo, w.lex.words["where"]), a - 1):
        if w.words[i] in people.traveller:
            return True
        if gender(w, i) is not None:
            return i not in w.begins["impersonal"] and not _pronoun_who(w, i, lo, people)
        if w.words[i] in people.names or w.words[i] in w.lex.words["pronouns"] or w.words[i] in w.lex.words["crowds"]:
            return False
    return False


def _opens_on(w: Words, a: int, lo: int) -> bool:
    """Place word ``a`` opens its clause: "in/à" right before it, and only days, "in/à", words that name no
    one and commas between the clause's start and it (what :func:`scene` and :func:`opens` both ask first)."""
    start = captioned(w, clause_start(w, a, lo), a)  # "**Photo 6.** Le même jour, à X, dépôt de gerbe …"
    return a > start and w.words[a - 1] in w.lex.words["locative"] and all(
        w.words[i] in w.lex.words["locative"] or w.words[i] in w.lex.words["not_names"] or w.time[i]
        or w.words[i] == "," or w.words[i] in MARKUP for i in range(start, a))


def opens(w: Words, a: int, b: int, lo: int, hi: int) -> bool:
    """The place opens an itinerary's line on what the traveller does there, told without a verb ("À X,
    entretien avec le président", "à X, d'abord, un tête-à-tête avec …", "Le soir à X : sommet et dîner
    d'État"): "in/à" right before it, only days, "in/à" and commas before that, and after it only breaks,
    days and leading words (``scene_lead``) before a ``scene_nouns`` word."""
    if not _opens_on(w, a, lo):
        return False
    k = b
    while k < hi and (w.time[k] or w.words[k] in HEAD_MARKS or w.words[k] in BREAKS or w.words[k] in w.lex.words["scene_lead"]
                      or k in w.begins["scene_lead"] or k in w.ends["scene_lead"]):
        k += 1
    return k > b and k < hi and k in w.begins["scene_nouns"]


def _done_to(w: Words, v: int, lo: int) -> bool:
    """The verb starting at word ``v`` is done to someone its object pronoun names ("l'accueille", "l'a accueilli",
    "lui a rendu visite", "met him", "greeted her"): an object pronoun right before it or before its auxiliary
    (not before a noun: "l'arrivée"), right after its last word, or in the phrase itself ("l'accueillir", "meet him")."""
    if v > lo and w.raw(v) not in w.lex.nouns and (w.words[v - 1] in w.lex.words["object_before"] or (
            v - 1 > lo and w.words[v - 2] in w.lex.words["object_before"] and w.words[v - 1] in w.lex.words["auxiliaries"])):
        return True
    end = next((e for e in range(v, min(len(w.words), v + 6)) if w.verb_end[e] is not None and w.verb_end[e][1] == v), v)
    if v < end and (w.words[v] in w.lex.words["object_pronouns"] or w.words[end] in w.lex.words["object_pronouns"]):
        return True  # the phrase holds its pronoun: "venu l'accueillir", "came to meet him"
    return end + 1 < len(w.words) and w.words[end + 1] in w.lex.words["object_after"]


def placed(w: Words, lo: int, hi: int) -> bool:
    """Words ``lo`` to ``hi`` name a place that is not part of a person's title ("President Rolan of Avel",
    "le président d'Avel", "Avel's president"): such a place names whom someone leads, not where anyone is."""
    runs = [i for i in range(lo, hi) if w.place[i] and (i == lo or not w.place[i - 1])]
    return any(not _titled(w, i) for i in runs)


def _titled(w: Words, i: int) -> bool:
    """The place starting at word ``i`` names a person's title: after a name's or a role's "of" ("Rolan of",
    "président de"), or before a possessive and a name or role ("Avel's president", "Avel's Rolan")."""
    roles = role_nouns(w.article.language)
    if i >= 2 and w.words[i - 1] in w.lex.words["title_of"]:
        return w.capital[i - 2] or (w.words[i - 2], True) in roles
    j = next((k for k in range(i, len(w.words)) if not w.place[k]), len(w.words))
    return (j + 1 < len(w.words) and w.words[j] in w.lex.words["title_owner"]
            and (w.capital[j + 1] or (w.words[j + 1], False) in roles))
