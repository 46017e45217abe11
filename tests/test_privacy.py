"""anonymise: stable pseudonyms from titles, no notes, same structure."""

from __future__ import annotations

import networkx as nx

from qi_kit import StakeholderMap, anonymise
from qi_kit.privacy import pseudonyms

MAP = StakeholderMap(
    [{"name": "Rosa Delgado", "title": "Charge Nurse", "unit": "Nights", "notes": "home phone 0123"},
     {"name": "Ana Lee", "title": "Charge Nurse", "unit": "Days", "authority": 2},
     {"name": "Kwame", "unit": "Pharmacy"},
     {"name": "X"}],
    [{"source": "Ana Lee", "target": "Rosa Delgado", "kind": "advice", "strength": 3},
     {"source": "Kwame", "target": "Ana Lee", "kind": "trust"}])


def test_pseudonyms_come_from_title_then_unit():
    assert pseudonyms(MAP) == {"Rosa Delgado": "Charge Nurse A", "Ana Lee": "Charge Nurse B",
                               "Kwame": "Pharmacy A", "X": "Person A"}


def test_no_name_or_note_survives():
    anon = anonymise(MAP)
    text = anon.people.to_csv() + anon.ties.to_csv()
    for secret in ("Rosa", "Delgado", "Ana Lee", "Kwame", "0123"):
        assert secret not in text


def test_structure_and_ratings_are_kept():
    anon = anonymise(MAP)
    assert nx.is_isomorphic(anon.graph(), MAP.graph())
    assert anon.person("Charge Nurse B")["authority"] == 2
    assert anon.ties.iloc[0].tolist() == ["Charge Nurse B", "Charge Nurse A", "advice", 3]


def test_stable_between_runs():
    assert anonymise(MAP) == anonymise(MAP)


def test_titles_that_collide_with_pseudonyms_stay_unique():
    m = StakeholderMap([{"name": "a", "title": "Nurse"}, {"name": "b", "title": "Nurse A"}, {"name": "c", "title": "Nurse"}])
    assert len(set(pseudonyms(m).values())) == 3
    assert len(anonymise(m)) == 3
