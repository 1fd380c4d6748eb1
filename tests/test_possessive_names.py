"""An English possessive is no part of a name: "Riyadh's effort" names Riyadh, "Rome's Fiumicino airport" two places."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyutil import placed


@pytest.mark.parametrize(
    ("text", "where"),
    [
        # zelensky-hiroshima-2023 and pope-iraq-2021 (development stories), then invented ones.
        (("He flew to Jeddah and met Saudi Crown Prince Mohammed bin Salman. The invitation was the latest sign of "
          "Riyadh's effort to present itself as a possible mediator."), {"Riyadh": "SA"}),
        ("His Alitalia plane took off from Rome's Fiumicino airport shortly before 8 a.m. and landed in Baghdad.",
         {"Rome": "IT", "Fiumicino": "IT"}),
        (("The chancellor toured Pyongyang\u2019s new hospital on Monday before flying to Vladivostok; "
          "Hanoi's leaders had asked him to stop in Vietnam."), {"Pyongyang": "KP", "Hanoi": "VN"}),
    ],
)
def test_a_possessive_owner_is_a_place(tmp_path: Path, text: str, where: dict[str, str]) -> None:
    places = placed(tmp_path, text)
    for name, country in where.items():
        assert name in places and places[name].country == country, (name, places.get(name))


def test_a_locative_before_a_possessive_governs_the_thing_owned(tmp_path: Path) -> None:
    # "For God's sake" (biden-kyiv-2023-b) put Göd, Hungary on the map once the possessive was cut off.
    places = placed(tmp_path, 'In Warsaw he said of Putin: "For God\'s sake, this man cannot remain in power."')
    assert "God" not in places and "Warsaw" in places
