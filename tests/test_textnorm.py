"""Folding: what compares equal after fold, and that the offset map leads back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geomap.textnorm import fold, fold_key


def original_of(text: str, needle: str) -> str:
    """The original text behind the first occurrence of folded ``needle``."""
    folded = fold(text)
    start = folded.text.index(needle)
    a, b = folded.span(start, start + len(needle))
    return text[a:b]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Artiom-Primorsky-1", "artiom primorsky 1"),
        ("Kim-Jong-un", "kim jong un"),
        ("Kim Jong‑Un", "KIM JONG UN"),  # non-breaking hyphen
        ("d’Artiom", "d'artiom"),
        ("l‘Est", "l'est"),
        ("lʼEst", "l'est"),
        ("Extrême-Orient", "extreme orient"),
        ("Extrême–Orient", "Extreme — Orient"),
        ("Séoul", "SEOUL"),
        ("Kniévitchi", "knievitchi"),
        ("Vladivostok", "Vladi\u00advostok"),  # soft hyphen is invisible
        ("Nations\u00a0unies", "nations unies"),
        ("Nations\u202funies", "nations\tunies"),
        ("a  \n\t b", "a b"),
        ("cœur", "coeur"),
        ("Æther", "aether"),
        ("Straße", "strasse"),
        ("e\u0301te\u0301", "été"),  # decomposed accents
        ("« Moscou »", '" moscou "'),
        ("„Berlin“", '"berlin"'),
    ],
)
def test_equivalent_spellings_fold_alike(a: str, b: str) -> None:
    assert fold(a).text == fold(b).text


@pytest.mark.parametrize(("a", "b"), [("Corée", "Coré"), ("Unis", "Un"), ("Moscou", "Moscow"), ("a-b", "ab")])
def test_different_words_stay_different(a: str, b: str) -> None:
    assert fold(a).text != fold(b).text


def test_non_latin_scripts_fold_case_but_survive() -> None:
    assert fold("ХАСАН").text == fold("Хасан").text == "хасан"
    assert fold("서울").text == "서울"  # Hangul is not decomposed into jamo
    assert fold("हिन्दी").text == "हिन्दी"  # Indic vowel signs are letters, not accents
    assert fold("ガ").text == "ガ"  # kana voicing mark kept
    assert fold("Ἀθῆναι").text == "αθηναι"


def test_offsets_cover_every_folded_char_and_end_at_length() -> None:
    text = "Lœ\u0301  —  Straße"
    folded = fold(text)
    assert len(folded.offsets) == len(folded.text) + 1
    assert folded.offsets[-1] == len(text)
    assert list(folded.offsets) == sorted(folded.offsets)


def test_one_to_many_expansion_maps_back_to_the_single_character() -> None:
    assert original_of("le cœur de Paris", "coeur") == "cœur"
    assert original_of("an der Straße 5", "strasse") == "Straße"


def test_many_to_one_collapse_maps_back_to_the_whole_run() -> None:
    text = "Corée  –\u00a0du Nord"
    assert original_of(text, "coree du nord") == text
    assert original_of(text, "du nord") == "du Nord"


def test_dropped_accents_stay_inside_the_span() -> None:
    text = "a Se\u0301oul b"
    assert original_of(text, "seoul") == "Se\u0301oul"


def test_apostrophe_and_quotes_are_canonical() -> None:
    assert fold("d’Artiom «x»").text == "d'artiom \"x\""


def test_fold_key_strips_and_collapses() -> None:
    assert fold_key("  Artiom-Primorsky-1 ") == "artiom primorsky 1"
    assert fold_key("Saint–Pétersbourg\n") == "saint petersbourg"
    assert fold_key("") == ""
    assert fold_key(" - ") == ""


@pytest.mark.parametrize("name", ["Kim--Jong-un", "O`Brien", "a\x00b", "Tab\there", "X_Y.z", "\x1f\x7f"])
def test_fold_key_ascii_fast_path_agrees_with_fold(name: str) -> None:
    assert fold_key(name) == fold(name).text.strip()


@pytest.mark.parametrize(
    ("written", "romanised"),
    [
        ("Đồng Đăng", "Dong Dang"),  # Vietnamese d with stroke (no Unicode decomposition)
        ("ĐỒNG ĐĂNG", "dong dang"),
        ("Łódź", "Lodz"),  # Polish l with stroke
        ("Białystok", "Bialystok"),
        ("Ørsted", "Orsted"),  # Danish/Norwegian o with stroke
        ("Tromsø", "Tromso"),
        ("Ħamrun", "Hamrun"),  # Maltese h with stroke
        ("Diyarbakır", "Diyarbakir"),  # Turkish dotless i
        ("Þingvellir", "Thingvellir"),  # Icelandic thorn
        ("Reyðarfjörður", "Reydarfjordur"),  # Icelandic eth
        ("ǾRSTED", "orsted"),  # o with stroke and acute: decomposes to ø, which folds further
    ],
)
def test_letters_without_decomposition_fold_to_their_base_letters(written: str, romanised: str) -> None:
    assert fold(written).text == fold(romanised).text
    assert fold_key(written) == fold_key(romanised)


def test_expanded_letters_map_back_to_the_original_character() -> None:
    assert original_of("à Þingvellir hier", "thingvellir") == "Þingvellir"
    assert original_of("gare de Đồng Đăng.", "dong dang") == "Đồng Đăng"


def test_unrelated_letters_are_not_confused_by_stroke_folding() -> None:
    assert fold_key("Łódź") != fold_key("Lódz x")
    assert fold_key("ŋ") == "ŋ"  # eng is a letter of its own, not a modified n
    assert fold_key("Ж") == "ж"  # Cyrillic is not touched by the Latin rule


def _fold_reference(text: str):
    """The character-by-character definition of fold() (what the fast version must equal)."""
    from geomap.textnorm import _fold_char

    out: list[str] = []
    offsets: list[int] = []
    last_space = False
    for i, ch in enumerate(text):
        for c in _fold_char(ch):
            if c == " ":
                if last_space:
                    continue
                last_space = True
            else:
                last_space = False
            out.append(c)
            offsets.append(i)
    offsets.append(len(text))
    return "".join(out), tuple(offsets)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab É\u0153\u00ad\u2014-\n\u00a0'\u2019Ł\u2474\u0301 .x")) | st.characters(), max_size=60))
def test_fast_fold_equals_the_character_definition(text: str) -> None:
    from geomap.textnorm import fold

    folded = fold(text)
    assert (folded.text, tuple(folded.offsets)) == _fold_reference(text)
