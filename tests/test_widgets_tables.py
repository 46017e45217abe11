"""The tables the widgets show: ``export.html_table`` writes a table of text and whole numbers
itself (about ten times quicker than pandas, for the editor's redraws); it must write exactly
what pandas writes."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qi_kit
from qi_kit import escaping
from qi_kit.export import html_table


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
