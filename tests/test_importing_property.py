"""Property: whatever table a learner gives read_map, the only error they can get is MapError."""

from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qi_kit import MapError, StakeholderMap, read_map

HEADERS = ["name", "Name", "full name", "title", "unit", "authority", "influence", "interest", "stance",
           "role", "notes", "source", "target", "kind", "strength", "from", "to", "type", "weight", "", "??", "x"]
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.sampled_from(["", " ", "nan", "NaN", "3", "-2", "+2", "2.5", "1e3", "advice",
                                           "reports to", "Sponsor", "A", "B", "a", "<img src=x>", "\ufeffname"]),
)
ROWS = st.lists(st.dictionaries(st.sampled_from(HEADERS), VALUES, max_size=6), max_size=8)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=ROWS, ties=st.one_of(st.none(), ROWS), kind=st.sampled_from([None, "advice", "gossip"]))
def test_read_map_raises_only_map_errors(people, ties, kind):
    try:
        m = read_map(people, ties, kind=kind)
    except MapError as error:
        assert str(error).strip()
        assert error.problems
    else:
        assert isinstance(m, StakeholderMap)
        assert m.people["name"].str.len().min() > 0 if len(m) else True


CSV_TEXT = st.lists(st.sampled_from(list("ab,;\t\n\r\"' 0123-.xyz") + ["name", "source", "target", "kind", "é", "\ufeff"]),
                    max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=CSV_TEXT, ties=CSV_TEXT)
def test_read_map_from_any_csv_text(tmp_path, people, ties):
    p, t = tmp_path / "people.csv", tmp_path / "ties.csv"
    p.write_text(people, encoding="utf-8")
    t.write_text(ties, encoding="utf-8")
    try:
        read_map(p, t)
    except MapError:
        pass


@settings(max_examples=200, deadline=None)
@given(frame=st.lists(st.tuples(st.text(max_size=5), st.floats(allow_nan=True) | st.integers(-9, 9)), max_size=6))
def test_dataframes_with_odd_dtypes(frame):
    df = pd.DataFrame(frame, columns=["name", "authority"]) if frame else pd.DataFrame(columns=["name", "authority"])
    try:
        m = read_map(df)
    except MapError:
        return
    assert all(0 <= a <= 5 for a in m.people["authority"]) and not any(math.isnan(a) for a in m.people["authority"])
