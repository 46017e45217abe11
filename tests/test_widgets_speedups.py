"""The editor's speed-ups show exactly what the slower way showed.

``export.html_table`` writes a table of text and whole numbers itself (about ten times quicker
than pandas): it must write exactly what pandas writes. The editor lays the map out through the
graph its picture uses: the positions must be those of ``positions(map)``. A table is rewritten
only when its rows change: what it shows must still follow every change."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qi_kit
from qi_kit import escaping
from qi_kit.export import html_table
from qi_kit.plots.network import positions
from qi_kit.widgets.editor import MapEditor


def pandas_table(frame: pd.DataFrame) -> str:
    return frame.to_html(index=False, escape=True, border=0, na_rep="", classes=escaping.NO_MATHS)


def numbered(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame.insert(0, "row", range(1, len(frame) + 1))
    return frame


@pytest.mark.parametrize("m", [qi_kit.load_case("ward"), qi_kit.load_case("school"), qi_kit.load_case("krackhardt"),
                               qi_kit.synthetic_map(60, seed=1), qi_kit.StakeholderMap([])],
                         ids=["ward", "school", "krackhardt", "synthetic-60", "empty"])
def test_the_maps_tables_are_what_pandas_writes(m):
    for frame in (m.people, m.ties, numbered(m.people), numbered(m.ties)):
        assert html_table(frame) == pandas_table(frame)


TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, st.integers(-10**12, 10**12)), max_size=5), TEXT)
def test_any_text_and_numbers_are_written_as_pandas_writes_them(rows, header):
    columns = ["name", header if header not in ("name", "n") else "notes", "n"]
    frame = pd.DataFrame(rows, columns=columns).astype({"name": "string", columns[1]: "string"})
    assert html_table(frame) == pandas_table(frame)


def test_missing_values_floats_and_an_index_are_left_to_pandas():
    missing = pd.DataFrame({"name": pd.array(["Ana", None], dtype="string"), "n": [1, 2]})
    assert "&lt;NA&gt;" in html_table(missing) == pandas_table(missing)  # pandas' own way of saying "missing"
    floats = pd.DataFrame({"share": [0.5, 1 / 3]})
    assert html_table(floats) == pandas_table(floats)
    assert "<th></th>" in html_table(floats, index=True)


def test_a_script_in_a_cell_is_text():
    frame = pd.DataFrame({"name": pd.array(["<img src=x onerror=alert(1)>"], dtype="string")})
    assert "<img" not in html_table(frame) and "&lt;img src=x onerror=alert(1)&gt;" in html_table(frame)


@pytest.mark.parametrize("m", [qi_kit.load_case("ward"), qi_kit.load_case("krackhardt"), qi_kit.synthetic_map(60, seed=1),
                               qi_kit.synthetic_map(12, seed=3).add_person("Nobody tied")],
                         ids=["ward", "krackhardt", "synthetic-60", "someone-alone"])
def test_the_editor_lays_the_map_out_as_positions_does(m, tmp_path):
    editor = MapEditor(m, path=tmp_path / "workspace.json")
    assert editor.picture.data["positions"] == positions(m)


def test_the_tables_follow_every_change(tmp_path):
    editor = MapEditor(path=tmp_path / "workspace.json")
    for name in ("Ana", "Bo"):
        editor.name_text.value = name
        editor.add_person_button.click()
    ties_before = editor.ties_table.value
    assert "No ties yet" in ties_before and "<td>Bo</td>" in editor.people_table.value
    editor.source_dropdown.value, editor.target_dropdown.value = "Ana", "Bo"
    editor.add_tie_button.click()
    assert editor.ties_table.value != ties_before and "<td>Ana</td>" in editor.ties_table.value
    editor.person_dropdown.value = "Bo"
    editor.title_text.value = "<b>Ward manager</b>"
    editor.update_person_button.click()
    assert "&lt;b&gt;Ward manager&lt;/b&gt;" in editor.people_table.value
    editor.undo_button.click()
    assert "Ward manager" not in editor.people_table.value
    editor.undo_button.click()
    assert editor.ties_table.value == ties_before
