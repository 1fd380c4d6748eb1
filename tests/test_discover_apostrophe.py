"""Names that open with an apostrophe-glued capital ("N'Djamena", "L'Aquila") against French elisions."""

from __future__ import annotations

import pytest
from storyutil import discovered

from geomap.geocoders import GeoNamesIndex


@pytest.fixture(scope="module")
def index() -> GeoNamesIndex:
    return GeoNamesIndex.load()


@pytest.mark.parametrize(
    ("language", "text", "names"),
    [
        ("fr", "Le président est arrivé à N\u2019Djamena lundi.", {"N\u2019Djamena"}),
        ("fr", "N'Djamena a accueilli le président, qui est ensuite allé à L'Aquila.", {"N'Djamena", "L'Aquila"}),
        ("fr", "Il est passé par L'Aquila puis par Val-d'Or.", {"L'Aquila", "Val-d'Or"}),
        ("en", "N\u2019Djamena was calm on Monday. The president then flew to L'Aquila.", {"N\u2019Djamena", "L'Aquila"}),
        ("en", "The president landed in N'Djamena on Monday.", {"N'Djamena"}),
    ],
)
def test_a_capital_before_the_apostrophe_belongs_to_the_name(
    index: GeoNamesIndex, language: str, text: str, names: set[str]
) -> None:
    assert names <= set(discovered(index, text, language))


@pytest.mark.parametrize(
    "text",
    [
        "L'Élysée a annoncé que le président irait d'Abidjan à Lomé.",
        "D'Abidjan, le président a rejoint Lomé. L'avion s'est posé à l'aéroport.",
    ],
)
def test_french_elisions_stay_outside_the_name(index: GeoNamesIndex, text: str) -> None:
    names = set(discovered(index, text, "fr"))
    assert {"Abidjan", "Lomé"} <= names
    assert not any("'" in n or "\u2019" in n for n in names)
