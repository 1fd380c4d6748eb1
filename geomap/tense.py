"""Tenses in French and English text: where a bare weekday is the coming one, and where a past one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .langdata import alternation, languages_for
from .sentences import sentence_bounds
from .textnorm import fold
from .timexpr import cue_data

_WB, _WE = r"(?<![\w'])", r"(?![\w])"  # a word's start and end, as in timexpr
#: Characters at most between a day opening its clause and its verb: a comma and a pronoun or short name.
_SUBJECT_GAP = 12


@lru_cache(maxsize=16)
def _ahead_pattern(language: str | None, present: bool = True) -> re.Pattern[str]:
    """Future markers: listed words ("will"), a subject pronoun, a clitic, a future ending ("il y sera"), a
    reflexive clitic and a future ending ("s'envolera"), a schedule in the present ("leaves", "s'achève";
    not with ``present`` False), or a word opening its sentence that tells what is still to come ("Reste …")."""
    sections = cue_data()["time"]
    lists: dict[str, list[str]] = {}
    for lang in languages_for(sections, language):
        for key in ("words", "subjects", "clitics", "reflexive", "endings", "present", "openers"):
            lists.setdefault(key, []).extend(sections[lang].get(f"ahead_{key}", []))
    ending = alternation(lists["endings"])
    tense = rf"{alternation(lists['subjects'])} (?:{alternation(lists['clitics'])} ?)?\w+{ending}"
    reflexive = rf"{alternation(lists['reflexive'])} ?\w+{ending}"
    opener = rf"(?:^|(?<=[.!?:] )){alternation(lists['openers'])}"
    marks = "|".join((alternation(lists["words"] + (lists["present"] if present else [])), tense, reflexive, opener))
    return re.compile(_WB + f"(?:{marks})" + _WE, re.MULTILINE)


@lru_cache(maxsize=64)
def future_marks(text: str, language: str | None, present: bool = True) -> tuple[int, ...]:
    """Offsets in ``text`` where a future tense, or a schedule in the present, is written (cues.yaml
    ``ahead_*``): a bare weekday told so is the coming one. Without ``present``, future tenses only: a
    present is as often a diary's or a caption's, told as it happens ("Nov. 3 — The ship leaves X for Y")."""
    folded = fold(text)
    pattern = _ahead_pattern(language, present)
    return tuple(folded.span(m.start(), m.end())[0] for m in pattern.finditer(folded.text))


def _words(language: str | None, *keys: str) -> list[str]:
    """The cues.yaml ``time`` lists ``keys`` of ``language`` (of every language when it is unknown), joined."""
    sections = cue_data()["time"]
    return [w for lang in languages_for(sections, language) for key in keys for w in sections[lang].get(key, [])]


def _either(words: list[str]) -> str:
    return "|".join(re.escape(w).replace("'", "['’]") for w in sorted(set(words), key=len, reverse=True))


def _participle_pattern(language: str | None, auxiliaries: tuple[str, ...], not_past: tuple[str, ...] = ()
                        ) -> re.Pattern[str]:
    """An auxiliary of the lists ``auxiliaries``, maybe one adverb ("avait déjà", "had just"), then a lower-case
    word with a participle's ending (cues.yaml ``past_*``), not one of the lists ``not_past`` ("a lieu"). Read
    in the text as written, not folded: a folded "à" is the auxiliary "a", and a capital opens a name."""
    auxes, betweens = _either(_words(language, *auxiliaries)), _either(_words(language, "past_between"))
    ends, nouns = _either(_words(language, "past_endings")), _either(_words(language, *not_past))
    if not auxes or not ends:
        return re.compile(r"(?!x)x")
    adverb = rf"(?:(?i:{betweens})\s+)?" if betweens else ""
    noun = rf"(?!(?:{nouns}){_WE})" if nouns else ""
    return re.compile(rf"{_WB}(?i:{auxes})\s+{adverb}{noun}[a-zß-ÿœ][^\W\d_A-Z]*(?:{ends}){_WE}")


@lru_cache(maxsize=8)
def _pluperfect_pattern(language: str | None) -> re.Pattern[str]:
    """The pluperfect (cues.yaml ``pluperfect_auxiliaries``)."""
    return _participle_pattern(language, ("pluperfect_auxiliaries",))


@dataclass(frozen=True)
class _Past:
    """The patterns of a past tense read by :func:`told_past` (cues.yaml ``time``)."""

    strong: tuple[re.Pattern[str], ...]  # an auxiliary's participle, a subject's imperfect, a listed simple past
    weak: re.Pattern[str]  # a word with a simple past's ending: also an adjective ("people displaced")
    not_after: frozenset[str]  # the word before such a word that makes it no past ("is expected", "the planned")
    not_simple: frozenset[str]  # no verb ("hundred"), or one reporting another time ("announced a march on …")
    plan: re.Pattern[str]  # a plan, though no future tense ("doit rencontrer", "is to fly", "would meet")
    relative: re.Pattern[str]  # a relative pronoun: a later clause's tense tells nothing of the day
    reporting: re.Pattern[str]  # a past that reports: its complement's day is another time's


def _listed(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"{_WB}(?i:{_either(words)}){_WE}" if words else r"(?!x)x")


def _imperfect(language: str | None, plan: list[str]) -> re.Pattern[str]:
    """A subject pronoun, maybe a clitic, a verb with an imperfect's ending ("il célébrait"), not a plan's
    ("il devait")."""
    endings = _words(language, "past_imperfect_endings")
    if not endings:
        return _listed([])
    subject, clitic = _either(_words(language, "ahead_subjects")), _either(_words(language, "ahead_clitics"))
    return re.compile(rf"{_WB}(?i:{subject})\s+(?:(?i:{clitic})\s*)?(?!(?i:{_either(plan)}){_WE})"
                      rf"[a-zß-ÿœ][^\W\d_A-Z]{{2,}}(?:{_either(endings)}){_WE}")


def _being(language: str | None) -> re.Pattern[str]:
    """"est", "sont" with a participle of moving or staying ("il est passé"; not "il est attendu")."""
    being = _words(language, "perfect_being")
    if not being:
        return _listed([])
    adverb = _either(_words(language, "past_between"))
    return re.compile(rf"{_WB}(?i:{_either(being)})\s+(?:(?i:{adverb})\s+)?"
                      rf"(?:{_either(_words(language, 'perfect_being_participles'))}){_WE}")


@lru_cache(maxsize=8)
def _past(language: str | None) -> _Past:
    """Any past tense: an auxiliary's participle ("a visité", "s'est rendu", "est passé"), a subject's imperfect
    ("il célébrait"), a simple past, listed ("flew"; "held", weak) or with a listed ending ("followed", weak);
    and what is none."""
    plan, endings = _words(language, "plan_words"), _either(_words(language, "past_simple_endings"))
    participle = _participle_pattern(language, ("pluperfect_auxiliaries", "perfect_auxiliaries"),
                                     ("past_not_participles", "past_reporting"))
    weak = "|".join(([rf"[a-z]{{2,}}(?:{endings})"] if endings else [])
                    + ([_either(_words(language, "past_simple_weak"))] if _words(language, "past_simple_weak") else []))
    return _Past(
        strong=(participle, _being(language), _imperfect(language, plan), _listed(_words(language, "past_simple"))),
        # Not in a compound: "so-called", "US-led" are adjectives.
        weak=re.compile(rf"(?<![\w'-])(?:{weak}){_WE}" if weak else r"(?!x)x"),
        not_after=frozenset(w.lower() for w in _words(language, "past_not_after")),
        not_simple=frozenset(_words(language, "past_not_simple", "past_reporting")),
        plan=_listed(plan),
        relative=_listed(_words(language, "relatives")),
        reporting=_listed(_words(language, "past_reporting")),
    )


@lru_cache(maxsize=64)
def pluperfect_marks(text: str, language: str | None) -> tuple[int, ...]:
    """Offsets in ``text`` where a pluperfect is written."""
    return tuple(m.start() for m in _pluperfect_pattern(language).finditer(text))


@lru_cache(maxsize=64)
def past_marks(text: str, language: str | None) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Offsets in ``text`` where a past tense is written (:func:`_past`): the strong marks, the weak, and those
    of a past that reports (cues.yaml ``past_reporting``)."""
    past = _past(language)
    weak = []
    for m in past.weak.finditer(text):
        before = re.search(r"([\w']+)\W*$", text[max(m.start() - 40, 0):m.start()])
        if m[0] not in past.not_simple and not (before and before[1].lower() in past.not_after):
            weak.append(m.start())
    return (tuple(sorted(m.start() for p in past.strong for m in p.finditer(text))), tuple(weak),
            tuple(m.start() for m in past.reporting.finditer(text)))


def _sentence_marks(text: str, language: str | None, start: int, end: int,
                    past: tuple[int, ...]) -> tuple[list[bool], list[tuple[int, bool]]]:
    """The tense marks of the sentence holding ``[start, end)``, before it and after it: (offset,) True for
    one of ``past``, False for a future's."""
    lo, hi = sentence_bounds(text, start, end)
    marks = sorted([(p, True) for p in past if lo <= p < hi]
                   + [(p, False) for p in future_marks(text, language) if lo <= p < hi])
    return [was for p, was in marks if p < start], [(p, was) for p, was in marks if p >= end]


def told_before(text: str, language: str | None, start: int, end: int) -> bool:
    """The day at ``[start, end)`` is told in the pluperfect, a day before the narration's: the tense nearest
    before it in its sentence is one ("où il avait atterri mercredi"; a future in between wins: "had agreed
    that he will go on Monday"), or, with none before, one right after it, its subject between ("Wednesday,
    he had flown to …"; not a later clause's: "Vendredi, le ministre sera …, qu'il avait reçu")."""
    before, after = _sentence_marks(text, language, start, end, pluperfect_marks(text, language))
    return before[-1] if before else bool(after) and after[0][1] and after[0][0] - end <= _SUBJECT_GAP


def told_past(text: str, language: str | None, start: int, end: int) -> bool:
    """The day at ``[start, end)`` is told in a past tense, any (:func:`past_marks`): the tense nearest before
    it in its sentence is a past ("Mercredi, il a visité X"; "Rolan visited both, one on Friday"), not a
    future or a plan ("il doit rencontrer jeudi"), a weak past only with neither before it ("is expected to
    meet farmers on Saturday"), and not a past that reports ("ils ont annoncé une marche
    samedi"); or, with none before, the first after it, short of a relative clause ("Le sommet s'ouvre samedi
    …, qui ont choisi"): a strong past anywhere ("Lundi et mardi, les débats avec … ont été vifs"), a
    weak one or one that reports right after the day, its subject between ("On Sunday, Rolan called …", "A
    communiqué on Sunday said …"; not "Monday, he travels to X, the bridge rebuilt in 1950")."""
    strong, weak, reporting = past_marks(text, language)
    lo, hi = sentence_bounds(text, start, end)
    ahead = set(future_marks(text, language)) | {m.start() for m in _past(language).plan.finditer(text, lo, hi)}
    marks = sorted({(p, "past") for p in strong} | {(p, "weak") for p in weak} | {(p, "ahead") for p in ahead}
                   | {(p, "reports") for p in reporting})
    before = [kind for p, kind in marks if lo <= p < start and kind != "reports"]
    if before:
        told = [kind for kind in before if kind != "weak"]
        return told[-1] == "past" if told else True
    relative = _past(language).relative.search(text, end, hi)
    for p, kind in marks:
        if end <= p < (relative.start() if relative else hi) and (kind in ("past", "ahead") or p - end <= _SUBJECT_GAP):
            return kind != "ahead"
    return False
