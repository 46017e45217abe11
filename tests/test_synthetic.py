"""The synthetic organisation used by benchmarks."""

from __future__ import annotations

import pytest

import qi_kit
from qi_kit import MapError
from qi_kit.synthetic import synthetic_map


def test_deterministic_and_plausible():
    m = synthetic_map(60)
    assert m == synthetic_map(60) and m != synthetic_map(60, seed=1)
    assert len(m) == 60 and set(m.kinds()) == {"reports_to", "advice", "trust"}
    people = m.people.set_index("name")
    assert (people["authority"] == 5).sum() == 1
    assert people["unit"].str.startswith("Ward").sum() >= 40
    reports = m.ties[m.ties["kind"] == "reports_to"]
    assert len(reports) == 59 and reports["source"].is_unique  # one line each, except the chief


def test_each_ward_has_an_informal_leader():
    m = synthetic_map(60)
    leaders = qi_kit.informal_leaders(m)
    wards = {u for u in m.people["unit"] if u.startswith("Ward")}
    assert {u for u in leaders["unit"] if u.startswith("Ward")} == wards
    assert (leaders["authority"] <= 2).all()


def test_sizes_and_tie_counts():
    m = synthetic_map(600, ties_per_person=10)
    listening = m.ties[m.ties["kind"].isin(["advice", "trust"])]
    assert 6 * 600 <= len(listening) <= 10 * 600
    assert len(synthetic_map(1)) == 1 and len(synthetic_map(2).ties) >= 1


def test_bad_input():
    with pytest.raises(MapError):
        synthetic_map(0)
    with pytest.raises(MapError):
        synthetic_map(10, ties_per_person=-1)


def test_public_name():
    assert qi_kit.synthetic_map is synthetic_map
