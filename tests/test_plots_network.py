"""Map and adoption pictures: checked through their data and text alternatives, not pixels."""

from __future__ import annotations

import pytest

import qi_kit
from qi_kit import MapError, StakeholderMap
from qi_kit.plots._style import PALETTE, ROLE_COLOURS, Picture
from qi_kit.plots.engagement import fast_png
from qi_kit.plots.network import LiveMap, adoption_picture, map_picture, positions


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


def test_names_that_look_like_maths_are_drawn_as_typed(tmp_path):
    odd = "a$\\foo$b"  # matplotlib would read $...$ as maths, and fail on \foo
    m = StakeholderMap([{"name": odd, "unit": "$x$ ward"}, {"name": "B", "unit": "$x$ ward"}],
                       [{"source": "B", "target": odd, "kind": "advice"}])
    picture = map_picture(m, colour_by="cluster", path=["B", odd], chosen=odd)
    assert odd in picture.data["labelled"] and picture.data["chosen"] == odd
    assert picture.png()[:4] == b"\x89PNG" and fast_png(picture)[:4] == b"\x89PNG"
    for suffix in ("svg", "pdf"):  # vector pictures draw the names as text
        assert picture.save(tmp_path / f"map.{suffix}").stat().st_size > 0


def test_live_map_draws_what_map_picture_draws(ward, ward_positions):
    route = ["Hannah Price", "Rosa Delgado", "Kwame Asante", "Dr James Whitfield"]
    static = map_picture(ward, positions=ward_positions, path=route)
    live = LiveMap(ward, positions=ward_positions)
    assert live.png(mark="informal leaders", path=route)[:4] == b"\x89PNG"
    picture = live.picture(mark="informal leaders", path=route)
    for key in ("positions", "colours", "sizes", "marked", "path", "legend", "edges", "legend_entries"):
        assert picture.data[key] == static.data[key], key
    assert set(route) | {"Rosa Delgado", "Kwame Asante"} <= set(picture.data["labelled"])
    assert "Highlighted route: Hannah Price → Rosa Delgado" in picture.alt


def test_live_map_redraws_only_what_changes(ward, ward_positions):
    live = LiveMap(ward, positions=ward_positions)
    plain = live.png()
    assert live.picture().data["marked"] == [] and live.picture().data["legend_entries"] == [
        "sponsor", "day-to-day leader", "champion", "change team", "patient partner", "influencer", "resistor",
        "no role"]
    ringed = live.png(mark=["joan fletcher"], chosen="Tom Barker")
    data = live.picture(mark=["joan fletcher"], chosen="Tom Barker").data
    assert data["marked"] == ["Joan Fletcher"] and data["chosen"] == "Tom Barker"
    assert data["legend_entries"][-2:] == ["marked", "chosen person"]
    assert "Chosen person (in a square): Tom Barker." in live.picture(mark=["Joan Fletcher"], chosen="Tom Barker").alt
    assert ringed != plain
    assert live.png() == plain  # the rings are gone: the same pixels as before them
    first = live.picture()
    assert live.picture() is first  # the same request: the same picture
    assert live.picture(mark="informal leaders").data["marked"] == ["Rosa Delgado", "Kwame Asante"]
    assert first.data["sizes"] == map_picture(ward, positions=ward_positions).data["sizes"]
    with pytest.raises(MapError, match="Did you mean"):
        live.picture(chosen="Tom Barkr")


def test_adoption_picture(ward):
    result = qi_kit.compare_strategies(ward, runs=20)
    picture = adoption_picture(result)
    assert set(picture.data["curves"]) == {"formal leaders", "informal leaders", "brokers", "random group"}
    assert len(picture.data["curves"]["brokers"]) == 11
    assert picture.alt.startswith("Adoption curves. Engaging 3 people first")
    assert picture.png()[:4] == b"\x89PNG"


def test_picture_words_are_escaped_html(monkeypatch):
    """The text alternative holds typed names: it must never be read as HTML or Markdown."""
    from qi_kit.plots import Picture, new_figure

    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    fig, _ = new_figure(2, 2)
    Picture(fig, "<img src=x onerror=alert(1)> and [x](javascript:alert(1))")._ipython_display_()
    words = shown[1]
    assert "&lt;img src=x onerror=alert(1)&gt;" in words["text/html"] and "<img" not in words["text/html"]
    assert "text/markdown" not in words
    assert words["text/plain"].startswith("Picture in words: <img")
