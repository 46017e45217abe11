"""Map and adoption pictures: checked through their data and text alternatives, not pixels."""

from __future__ import annotations

import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap
from qi_kit.plots._style import PALETTE, ROLE_COLOURS, Picture
from qi_kit.plots.network import adoption_picture, map_picture, positions


@pytest.fixture(scope="module")
def ward():
    return qi_kit.load_case("ward")


@pytest.fixture(scope="module")
def ward_positions(ward):
    return positions(ward)


def test_positions_are_stable_and_in_the_unit_square(ward, ward_positions):
    assert positions(ward) == ward_positions
    assert positions(ward, seed=1) != ward_positions
    assert set(ward_positions) == set(ward.names)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in ward_positions.values())


def test_people_without_ties_sit_in_a_row_at_the_bottom():
    m = StakeholderMap([{"name": n} for n in "abcd"], [{"source": "a", "target": "b", "kind": "advice"}])
    pos = positions(m, kind="advice")
    assert pos["c"][1] == pos["d"][1] == 0.0 and pos["a"][1] > 0


def test_big_maps_use_the_fast_layout():
    m = qi_kit.synthetic_map(700)
    pos = positions(m)
    assert len(pos) == 700 and positions(m) == pos


def test_map_picture_marks_informal_leaders_and_draws_the_route(ward, ward_positions):
    route = ["Hannah Price", "Rosa Delgado", "Kwame Asante", "Dr James Whitfield"]
    picture = map_picture(ward, positions=ward_positions, path=route)
    assert isinstance(picture, Picture)
    assert picture.data["marked"] == ["Rosa Delgado", "Kwame Asante"]
    assert picture.data["path"] == route
    assert picture.data["colours"]["Margaret Okafor"] == ROLE_COLOURS["sponsor"]
    assert picture.data["sizes"]["Rosa Delgado"] == max(picture.data["sizes"].values())
    assert set(route) <= set(picture.data["labelled"])
    assert "Highlighted route: Hannah Price → Rosa Delgado" in picture.alt
    assert "Ringed (informal leader): Rosa Delgado and Kwame Asante" in picture.alt
    assert picture.png()[:4] == b"\x89PNG"


def test_colour_by_stance_and_cluster(ward, ward_positions):
    stance = map_picture(ward, positions=ward_positions, colour_by="stance", mark=None)
    assert stance.data["colours"]["Dr James Whitfield"] == PALETTE["vermillion"]
    assert stance.data["marked"] == []
    cluster = map_picture(ward, positions=ward_positions, colour_by="cluster", mark=["rosa delgado"])
    assert cluster.data["marked"] == ["Rosa Delgado"]
    assert "Medical team" in cluster.data["legend"]


def test_labels_do_not_overlap_and_options(ward, ward_positions):
    auto = map_picture(ward, positions=ward_positions)
    assert 0 < len(auto.data["labelled"]) <= len(ward)
    assert map_picture(ward, positions=ward_positions, labels="none").data["labelled"] == []
    assert len(map_picture(ward, positions=ward_positions, labels="all").data["labelled"]) == len(ward)


def test_bad_options(ward, ward_positions):
    with pytest.raises(MapError, match="colour"):
        map_picture(ward, positions=ward_positions, colour_by="mood")
    with pytest.raises(MapError, match="Did you mean"):
        map_picture(ward, positions=ward_positions, path=["Hannah Price", "Rosa Delgato"])
    with pytest.raises(MapError, match="position"):
        map_picture(ward, positions={"Rosa Delgado": (0.5, 0.5)})
    with pytest.raises(MapError):
        adoption_picture("not a result")


def test_empty_and_tiny_maps():
    empty = map_picture(qi_kit.empty_map())
    assert "empty map" in empty.alt and empty.png()
    one = map_picture(StakeholderMap([{"name": "<img src=x onerror=alert(1)>"}]))
    assert one.data["labelled"] == ["<img src=x onerror=alert(1)>"]


def test_adoption_picture(ward):
    result = qi_kit.compare_strategies(ward, runs=20)
    picture = adoption_picture(result)
    assert set(picture.data["curves"]) == {"formal leaders", "informal leaders", "brokers", "random group"}
    assert len(picture.data["curves"]["brokers"]) == 11
    assert picture.alt.startswith("Adoption curves. Engaging 3 people first")
    assert picture.png()[:4] == b"\x89PNG"
