"""Engagement pictures: the grid (placed, labelled without overlaps, coloured by role), the commitment
chart, the reflection radars, the fast redraws and the whole-plan export."""

from __future__ import annotations

import itertools

import pytest

from qi_kit import StakeholderMap, load_case
from qi_kit.engage import EngagementPlan, final_roles, power_interest_grid
from qi_kit.engage.commitment import commitment_chart
from qi_kit.plots._style import ROLE_COLOURS, Picture
from qi_kit.plots.engagement import (LiveGrid, LiveRadar, commitment_picture, export_engagement, grid_picture,
                                     place_labels, plan_pictures, radar_picture, spread_points)
from qi_kit.synthetic import synthetic_map

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def small():
    return StakeholderMap([
        {"name": "Ann", "authority": 5, "interest": 4, "stance": 2, "role": "sponsor"},
        {"name": "Bo", "authority": 0, "influence": 5, "interest": 4, "role": "influencer"},
        {"name": "Cy", "authority": 1, "influence": 1, "interest": 1},
        {"name": "Di", "authority": 1, "influence": 1, "interest": 1},
    ])


def overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_spread_points_sets_shared_cells_side_by_side(small):
    positions = spread_points(power_interest_grid(small))
    assert positions["Ann"] == pytest.approx((3.9, 5)) and positions["Bo"] == pytest.approx((4.1, 5))
    assert positions["Cy"] == pytest.approx((0.9, 1)) and positions["Di"] == pytest.approx((1.1, 1))
    grid = power_interest_grid(StakeholderMap([{"name": str(i)} for i in range(6)]))
    spread = spread_points(grid)
    assert len(set(spread.values())) == 6  # two rows: four, then two
    assert spread["0"][1] > spread["4"][1]


def test_place_labels_avoids_points_and_other_labels():
    points = {"a": (100.0, 100.0), "b": (110.0, 100.0), "c": (105.0, 110.0)}
    sizes = {n: (50.0, 10.0) for n in points}
    boxes = place_labels(points, sizes, ["a", "b", "c"], area=(0, 0, 400, 400))
    assert all(box is not None for box in boxes.values())
    for x, y in itertools.combinations(boxes.values(), 2):
        assert not overlaps(x, y)
    for box in boxes.values():
        for px, py in points.values():
            assert not overlaps(box, (px - 5, py - 5, px + 5, py + 5))
    # with no room at all, the label is left out (and the caller lists it)
    assert place_labels({"a": (5.0, 5.0)}, {"a": (50.0, 10.0)}, ["a"], area=(0, 0, 10, 10)) == {"a": None}


def test_grid_picture_data_alt_and_colours(small):
    pic = grid_picture(small)
    assert isinstance(pic, Picture)
    assert pic.figure.get_size_inches().tolist() == [8.0, 6.5]
    assert pic.data["quadrants"] == {"Ann": "manage closely", "Bo": "manage closely", "Cy": "monitor",
                                     "Di": "monitor"}
    assert pic.data["colours"]["Ann"] == ROLE_COLOURS["sponsor"]
    assert pic.data["colours"]["Cy"] == ROLE_COLOURS[""]
    assert pic.data["unplaced"] == []
    assert pic.alt.startswith("Power/interest grid of 4 people: power (the higher of formal authority and informal "
                              "influence) up, interest across")
    assert "Manage closely (2): Ann, Bo." in pic.alt
    assert "Ann (sponsor, square)" in pic.alt and "Bo (influencer, diamond)" in pic.alt
    texts = [t.get_text() for t in pic.figure.axes[0].texts]
    assert {"Manage closely", "Keep satisfied", "Keep informed", "Monitor"} <= set(texts)
    assert pic.png().startswith(PNG)


def test_roles_given_override_the_map(small):
    pic = grid_picture(small, roles={"Cy": "resistor"})
    assert pic.data["roles"] == {"Cy": "resistor"}
    assert pic.data["colours"]["Cy"] == ROLE_COLOURS["resistor"]
    assert pic.data["colours"]["Ann"] == ROLE_COLOURS[""]


@pytest.mark.parametrize("m", [load_case("ward"), synthetic_map(60)], ids=["ward", "synthetic-60"])
def test_labels_do_not_overlap_when_drawn(m):
    pic = grid_picture(m, roles=final_roles(m))
    fig = pic.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [t for t in fig.axes[0].texts if t.get_text() in pic.data["positions"]]
    assert len(labels) == len(m) - len(pic.data["unplaced"])
    assert len(pic.data["unplaced"]) <= len(m) // 10
    extents = [t.get_window_extent(renderer) for t in labels]
    for a, b in itertools.combinations(extents, 2):
        assert not a.overlaps(b), "two labels overlap"
    axes_box = fig.axes[0].bbox
    assert all(axes_box.x0 <= e.x0 and e.x1 <= axes_box.x1 for e in extents)


def test_grid_picture_is_deterministic():
    m = load_case("ward")
    assert grid_picture(m).data["labels"] == grid_picture(m).data["labels"]


def test_ward_grid_places_the_story_people(small):
    pic = grid_picture(load_case("ward"), roles=final_roles(load_case("ward")))
    assert pic.data["quadrants"]["Rosa Delgado"] == "manage closely"
    assert pic.data["roles"]["Dr James Whitfield"] == "resistor"
    assert "Dr James Whitfield (resistor, down-triangle)" in pic.alt


def test_live_grid_moves_points_between_roles(small):
    live = LiveGrid(small)
    first = live.png()
    assert first.startswith(PNG)
    second = live.png({"Cy": "champion", "Ann": "sponsor", "Bo": "influencer"})
    assert second != first
    assert live.picture.data["roles"]["Cy"] == "champion"
    assert live.picture.data["colours"]["Cy"] == ROLE_COLOURS["champion"]
    assert "Cy (champion, triangle)" in live.picture.alt
    offsets = {len(a.get_offsets()) for a in live.picture.data["points"]}
    assert sum(len(a.get_offsets()) for a in live.picture.data["points"]) == 4 and 0 in offsets
    assert live.png({"Cy": "champion", "Ann": "sponsor", "Bo": "influencer"}) == second  # same roles, same picture


def test_commitment_picture(small):
    chart = commitment_chart(small, roles={"Ann": "sponsor", "Bo": "influencer"})
    pic = commitment_picture(chart)
    assert [r[0] for r in pic.data["rows"]] == ["Bo", "Ann"]  # people with a role (or a gap), biggest gap first
    assert pic.alt.startswith("Commitment chart for 2 people. Need to move: Bo from 'let it happen' to 'help it happen'")
    assert pic.alt.endswith("Already where the project needs them: Ann.")
    everyone = commitment_picture(chart, people=["Cy", "Di"])
    assert "Nobody needs to move." in everyone.alt and "Cy, Di" in everyone.alt


def test_radar_picture_and_its_alt():
    pic = radar_picture("capabilities", {"understand_1": 4, "understand_2": 2, "enable_1": 1})
    assert pic.data["labels"] == ["Understand", "Connect", "Inspire", "Enable", "Transformational mindset"]
    assert pic.data["values"] == [3.0, 0.0, 0.0, 1.0, 0.0]
    assert "Understand 3.0 of 4, Connect not answered" in pic.alt
    assert "not a test" in pic.alt
    assert pic.png().startswith(PNG)


def test_live_radar_redraws_the_shape():
    live = LiveRadar("roles")
    empty = live.png()
    full = live.png({"coach_1": 4, "convenor_1": 2})
    assert full != empty
    assert live.picture.data["values"][0] == 2.0 and live.picture.data["values"][6] == 4.0
    assert "Coach 4.0 of 4" in live.picture.alt


def test_plan_pictures_and_export(tmp_path):
    m = load_case("ward")
    plan = EngagementPlan(start="2026-01-12", reflection={"levers": {"skills_1": 3}})
    pictures = plan_pictures(m, plan)
    assert set(pictures) == {"grid", "commitment", "levers"}
    paths = export_engagement(m, plan, folder=tmp_path)
    page = paths["html"].read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 2  # grid and radar; the commitment chart is a table
    assert "<th>make it happen</th>" in page
    assert "Power/interest grid of 37 people" in page
    assert paths["md"].read_text(encoding="utf-8").startswith("# Engagement plan:")
