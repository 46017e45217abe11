"""Privacy: participants map real colleagues, so the kit can share a map without names.

:func:`anonymise` replaces each name with a stable pseudonym built from the person's title (or
unit) — "Charge Nurse B" — drops the notes, and keeps every rating and tie, so a participant
can share the structure of their map with a facilitator without naming anyone.
"""

from __future__ import annotations

import string
from collections import defaultdict

from .model import StakeholderMap


def _letters(i: int) -> str:
    """A, B, ..., Z, AA, AB, ... (spreadsheet style)."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = string.ascii_uppercase[r] + out
    return out


def pseudonyms(m: StakeholderMap) -> dict[str, str]:
    """Name -> pseudonym. Stable: the same map always gives the same pseudonyms.

    People who share a title are lettered in the order they appear in the map ("Staff Nurse A",
    "Staff Nurse B"); the title falls back to the unit, then to "Person".
    """
    groups: dict[str, list[str]] = defaultdict(list)
    for name, title, unit in m.people[["name", "title", "unit"]].itertuples(index=False):
        label = title or unit or "Person"
        groups[label].append(name)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for label, names in groups.items():
        for i, name in enumerate(names):
            candidate, n = f"{label} {_letters(i)}", 2
            while candidate.casefold() in used:  # a title that itself ends in a letter
                candidate, n = f"{label} {_letters(i)}{n}", n + 1
            used.add(candidate.casefold())
            mapping[name] = candidate
    return mapping


def anonymise(m: StakeholderMap) -> StakeholderMap:
    """The same map with pseudonyms for names and no notes.

    Examples
    --------
    >>> from qi_kit.model import StakeholderMap
    >>> m = StakeholderMap([{"name": "Rosa Delgado", "title": "Staff Nurse", "notes": "private"},
    ...                     {"name": "Ana Lee", "title": "Staff Nurse"}],
    ...                    [{"source": "Ana Lee", "target": "Rosa Delgado", "kind": "advice"}])
    >>> anonymise(m).ties[["source", "target"]].values.tolist()
    [['Staff Nurse B', 'Staff Nurse A']]
    """
    mapping = pseudonyms(m)
    people = m.people.assign(name=lambda d: d["name"].map(mapping), notes="")
    ties = m.ties.assign(source=lambda d: d["source"].map(mapping), target=lambda d: d["target"].map(mapping))
    return StakeholderMap(people, ties, title=m.title)
