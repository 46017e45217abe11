"""Pictures a room can read: text size, nothing cut at the edge, every name, distinct marks.

The rule (``qi_kit.plots._style``): every text at least 8 pt (11 px at 100 dpi, so still 10 px when
a notebook shrinks the picture to 90 %), nothing past the picture's edge, at most 8 inches wide.
These tests check the checker on pictures made to fail, then every kind of picture the kit draws.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import qi_kit
from qi_kit import StakeholderMap
from qi_kit.engage import EngagementPlan, engagement_tables
from qi_kit.plots._style import (MIN_SCALE, MIN_SHOWN_PX, MIN_TEXT_PT, Picture, drawn_texts, legibility_problems,
                                 new_figure, text_width, wrap_to_width)
from qi_kit.plots.engagement import commitment_picture, grid_picture, radar_picture
from qi_kit.plots.network import ALL_NAMES_UP_TO, MARK_STYLES, LiveMap, adoption_picture, map_picture, positions
from qi_kit.reflect import ASSESSMENTS

LONG = "Dr Bartholomew Featherstonehaugh-Cholmondeley"


# --------------------------------------------------------------------------- the checker checks


def test_the_rule_in_numbers():
    assert MIN_TEXT_PT * 100 / 72 * MIN_SCALE == pytest.approx(MIN_SHOWN_PX)
    assert 0.85 < MIN_SCALE < 0.95


def test_small_text_is_found():
    fig, ax = new_figure(4, 3)
    ax.set_title("Small", fontsize=6)
    ax.set_xlabel("Fine", fontsize=8)
    problems = legibility_problems(Picture(fig, "A test."))
    assert problems == ["'Small' is 6.0 pt: text must be at least 8 pt (11 px)."]


def test_text_past_the_edge_is_found():
    fig, ax = new_figure(3, 2)
    fig.text(0.9, 0.5, "This sentence runs off the right-hand edge", fontsize=9)
    problems = legibility_problems(fig)
    assert problems == ["'This sentence runs off the right-hand edge' runs past the picture's edge and would be cut."]


def test_a_picture_too_wide_for_a_notebook_is_found():
    fig, _ = new_figure(9, 3)
    assert legibility_problems(fig) == ["The picture is 9 inches wide: at most 8 fit a notebook at full size."]


def test_only_drawn_text_counts():
    fig, ax = new_figure(4, 3)
    hidden = ax.text(5, 5, "never drawn", fontsize=4)
    hidden.set_visible(False)
    assert legibility_problems(fig) == []
    words = [t.text for t in drawn_texts(fig)]
    assert "never drawn" not in words and "0.0" in words  # the tick labels count


# --------------------------------------------------------------------------- wrapping


def test_wrapping_breaks_between_words_only():
    text = "Who listens to whom (advice or trust); bigger = more pull; arrows point at the person listened to"
    wrapped = wrap_to_width(text, 200, 10)
    lines = wrapped.split("\n")
    assert len(lines) > 2 and " ".join(lines) == text
    assert all(text_width(line, 10) <= 200 for line in lines)
    assert wrap_to_width("Supercalifragilistic word", 20, 10) == "Supercalifragilistic\nword"  # never cut
    assert wrap_to_width("short", 500, 10) == "short"


# --------------------------------------------------------------------------- every picture of the kit


def _pictures():
    ward = qi_kit.load_case("ward")
    yield "ward map", lambda: map_picture(ward)
    yield "ward map by cluster", lambda: map_picture(ward, colour_by="cluster")
    yield "ward map by stance, a route", lambda: map_picture(
        ward, colour_by="stance", path=["Hannah Price", "Rosa Delgado", "Kwame Asante", "Dr James Whitfield"],
        chosen="Rosa Delgado")
    yield "school map", lambda: map_picture(qi_kit.load_case("school"))
    yield "krackhardt map", lambda: map_picture(qi_kit.load_case("krackhardt"), kind="advice")
    yield "60-person map", lambda: map_picture(qi_kit.synthetic_map(60, seed=1))
    yield "adoption curves", lambda: adoption_picture(qi_kit.compare_strategies(ward, runs=10))
    yield "grid", lambda: grid_picture(ward)
    yield "60-person grid", lambda: grid_picture(qi_kit.synthetic_map(60, seed=1))
    yield "commitment chart", lambda: commitment_picture(engagement_tables(ward, EngagementPlan())["commitment"])
    for kind in ASSESSMENTS:
        yield f"{kind} radar", lambda kind=kind: radar_picture(kind, {})
    yield "the room's maps", lambda: _room_pictures()[0]
    yield "the room's asks", lambda: _room_pictures()[1]


def _room_pictures():
    import tempfile

    from qi_kit.plots.room import asks_picture, small_multiples
    from qi_kit.room import example_room, room_maps, room_summary

    folder = example_room(tempfile.mkdtemp(prefix="qi-room-test-"))
    table = room_summary(folder)
    return small_multiples(room_maps(folder), table), asks_picture(table)


@pytest.mark.parametrize("name, draw", list(_pictures()), ids=[name for name, _ in _pictures()])
def test_every_picture_is_legible(name, draw):
    assert legibility_problems(draw()) == []


def test_long_names_and_titles_stay_inside():
    m = StakeholderMap([{"name": LONG, "role": "sponsor"}, {"name": "B"}, {"name": LONG + " Junior"}],
                       [{"source": "B", "target": LONG, "kind": "advice"},
                        {"source": LONG + " Junior", "target": "B", "kind": "advice"}])
    far_apart = {LONG: (0.0, 1.0), "B": (1.0, 0.0), LONG + " Junior": (1.0, 1.0)}
    picture = map_picture(m, positions=far_apart, path=["B", LONG], chosen=LONG,
                          title="A very long title that would never fit on one line of a picture this narrow, "
                                "so it has to wrap between words", width=5.0, height=4.0)
    assert legibility_problems(picture) == []
    assert set(picture.data["labelled"]) == set(m.names)
    commitment = commitment_picture(engagement_tables(m, EngagementPlan())["commitment"], people=[LONG])
    assert legibility_problems(commitment) == []


# --------------------------------------------------------------------------- names on the map


def _circle_boxes(picture, live=None):
    """Each person's circle as a pixel box (from the map's own data)."""
    ax = picture.figure.axes[0]
    boxes = {}
    for p, (x, y) in picture.data["positions"].items():
        px, py = ax.transData.transform((x, y))
        r = np.sqrt(picture.data["sizes"][p]) / 2 * 100 / 72
        boxes[p] = (px - r, py - r, px + r, py + r)
    return boxes


def _overlap(a, b):
    return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5


@pytest.mark.parametrize("n", [2, 8, ALL_NAMES_UP_TO])
def test_every_name_is_shown_on_small_maps(n):
    m = qi_kit.synthetic_map(n, seed=3)
    picture = map_picture(m, width=6.0, height=4.5)  # the editor's small picture
    assert sorted(picture.data["labelled"]) == sorted(m.names)
    assert "Names shown for" not in picture.alt
    boxes = picture.data["label_boxes"]
    for a, b in itertools.combinations(boxes.values(), 2):
        assert not _overlap(a, b)
    assert legibility_problems(picture) == []


def test_every_name_is_shown_even_when_people_crowd_together():
    m = qi_kit.synthetic_map(ALL_NAMES_UP_TO, seed=5)
    huddle = {p: (0.5 + 0.01 * (i % 4), 0.5 + 0.01 * (i // 4)) for i, p in enumerate(m.names)}
    picture = map_picture(m, positions=huddle)
    assert sorted(picture.data["labelled"]) == sorted(m.names)
    assert legibility_problems(picture) == []


def test_names_never_cover_a_name_or_a_person_on_a_big_map():
    ward = qi_kit.load_case("ward")
    picture = map_picture(ward)
    boxes = picture.data["label_boxes"]
    assert len(boxes) == len(ward)  # the ward's 37 people all fit at 8 inches
    circles = _circle_boxes(picture)
    for a, b in itertools.combinations(boxes.values(), 2):
        assert not _overlap(a, b)
    for name, box in boxes.items():
        for person, circle in circles.items():
            assert not _overlap(box, circle), (name, person)


def test_on_a_crowded_map_names_are_left_out_and_said_so():
    m = qi_kit.synthetic_map(120, seed=2)
    picture = map_picture(m, width=5.0, height=4.0)
    shown = picture.data["labelled"]
    assert set(picture.data["marked"]) <= set(shown)  # the informal leaders keep their names
    assert 0 < len(shown) < len(m)
    assert f"Names shown for {len(shown)} of {len(m)} people" in picture.alt
    assert legibility_problems(picture) == []


# --------------------------------------------------------------------------- informal leaders and brokers


def test_informal_leaders_and_brokers_have_different_marks():
    ward = qi_kit.load_case("ward")
    leaders, brokers = list(qi_kit.informal_leaders(ward).index), list(qi_kit.brokers(ward).index)
    both = sorted(set(leaders) & set(brokers))
    live = LiveMap(ward, positions=positions(ward))
    live.png(marks={"informal leader": leaders, "broker": brokers})
    picture = live.picture(marks={"informal leader": leaders, "broker": brokers})
    assert picture.data["marks"] == {"informal leader": leaders, "broker": brokers}
    assert picture.data["marked"] == list(dict.fromkeys(leaders + brokers))
    assert picture.data["legend_entries"][-2:] == ["informal leader", "broker"]
    rings = [a for a in live._dynamic if a.__class__.__name__ == "PathCollection"]
    assert len(rings) == 2
    ring, diamond = rings
    assert len(ring.get_offsets()) == len(leaders) and len(diamond.get_offsets()) == len(brokers)
    # different shapes, and different lines, so they differ without colour and in black and white
    assert not np.allclose(ring.get_paths()[0].vertices[:4], diamond.get_paths()[0].vertices[:4])
    assert ring.get_linestyle() != diamond.get_linestyle()
    assert MARK_STYLES["informal leader"]["marker"] != MARK_STYLES["broker"]["marker"]
    assert f"Ringed (informal leader): {qi_kit.glossary.names_list(leaders)}." in picture.alt
    assert f"In a dashed diamond (broker): {qi_kit.glossary.names_list(brokers)}." in picture.alt
    assert both or leaders  # (the ward has people who are both: each shows both marks)


def test_quiet_voices_have_their_own_mark():
    ward = qi_kit.load_case("ward")
    picture = map_picture(ward, marks={"quiet voice": ["Joan Fletcher"]})
    assert picture.data["legend_entries"][-1] == "quiet voice"
    assert "In a dotted ring (quiet voice): Joan Fletcher." in picture.alt


# --------------------------------------------------------------------------- in a notebook


def test_a_picture_in_a_notebook_has_alt_text(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, raw=False: shown.append(obj))
    fig, _ = new_figure(2, 2)
    Picture(fig, "A <b>bold</b> claim. More words here.")._ipython_display_()
    image = shown[0]
    assert image["image/png"] and image["text/plain"] == "[picture] A <b>bold</b> claim. More words here."
    assert 'alt="A &lt;b&gt;bold&lt;/b&gt; claim."' in image["text/html"]
    assert image["text/html"].startswith('<img class="qi-picture" src="data:image/png;base64,' + image["image/png"])


@pytest.mark.parametrize("module", ["qi_kit.plots._style", "qi_kit.plots._labels", "qi_kit.plots.network",
                                    "qi_kit.plots.engagement"])
def test_docstring_examples_run(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0
