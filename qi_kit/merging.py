"""Merging two edits of the same saved work, so that neither is lost.

When two cells, notebooks or kernels edit the same section of a workspace, the second save
starts from an older copy. :func:`merge3` is a three-way merge of JSON-like data (the copy both
started from, mine and theirs): whatever only one side changed is taken from it, so both
edits are kept; where both changed the same value differently, mine wins and the place is
listed, so the widget can say so. :func:`merge_maps` merges saved stakeholder maps row by row
(people by name, ties by their two ends and kind).
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping

class _Missing:
    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return "MISSING"


#: stands for "not there" (a key added on one side or removed on the other)
MISSING: Any = _Missing()

#: how rows of a saved map are matched when two edits are merged
MAP_KEYS: dict[tuple[str, ...], Callable[[Any], Any]] = {
    ("people",): lambda row: str(row.get("name", "")).casefold() if isinstance(row, Mapping) else repr(row),
    ("ties",): lambda row: (str(row.get("source", "")).casefold(), str(row.get("target", "")).casefold(),
                            row.get("kind")) if isinstance(row, Mapping) else repr(row),
}


def merge3(base: Any, mine: Any, theirs: Any, *, keys: Mapping[tuple[str, ...], Callable[[Any], Any]] | None = None,
           _at: tuple[str, ...] = ()) -> tuple[Any, list[str]]:
    """Merge two edits of the same starting value: what I changed and what they changed are both kept.

    A three-way merge of JSON-like data. Dicts merge key by key; lists named in ``keys`` merge
    row by row, rows matched by their key (people by name, ties by their two ends and kind);
    any other value is taken from whoever changed it. When both changed the same value
    differently, mine wins and its place is listed (the second item returned), so the widget
    can say so. :data:`MISSING` stands for "not there" (a key added or removed).

    >>> merge3({"a": 1, "b": 1}, {"a": 2, "b": 1}, {"a": 1, "b": 3})
    ({'a': 2, 'b': 3}, [])
    >>> merge3({"x": 1}, {"x": 2}, {"x": 3})
    ({'x': 2}, ['x'])
    """
    keys = keys or {}
    if same(mine, theirs):
        return mine, []
    if same(base, mine):
        return theirs, []
    if same(base, theirs):
        return mine, []
    if isinstance(mine, Mapping) and isinstance(theirs, Mapping):
        base_map = base if isinstance(base, Mapping) else {}
        merged: dict[str, Any] = {}
        conflicts: list[str] = []
        for key in _ordered_keys(mine, theirs):
            value, clash = merge3(base_map.get(key, MISSING), mine.get(key, MISSING), theirs.get(key, MISSING),
                                  keys=keys, _at=_at + (str(key),))
            conflicts += clash
            if value is not MISSING:
                merged[key] = value
        return merged, conflicts
    key_of = keys.get(_at)
    if key_of is not None and isinstance(mine, list) and isinstance(theirs, list):
        return _merge_rows(base if isinstance(base, list) else [], mine, theirs, key_of, keys, _at)
    return mine, [".".join(_at) or "the value"]


def same(a: Any, b: Any) -> bool:
    """Equal, where :data:`MISSING` equals only itself."""
    if a is MISSING or b is MISSING:
        return a is b
    return a == b


def _ordered_keys(mine: Iterable[Any], theirs: Iterable[Any]) -> list[Any]:
    out = list(mine)
    seen = set(out)
    out += [k for k in theirs if k not in seen]
    return out


def _row_order(mine: list[Any], theirs: list[Any]) -> list[Any]:
    """Keys in my order, each key only they have placed right after the one before it in theirs."""
    order = list(mine)
    placed = set(order)
    previous = None
    for key in theirs:
        if key not in placed:
            at = order.index(previous) + 1 if previous is not None else 0
            order.insert(at, key)
            placed.add(key)
        previous = key
    return order


def _merge_rows(base: list[Any], mine: list[Any], theirs: list[Any], key_of: Callable[[Any], Any],
                keys: Mapping[tuple[str, ...], Callable[[Any], Any]], at: tuple[str, ...]) -> tuple[list[Any], list[str]]:
    by_key = [{key_of(row): row for row in rows} for rows in (base, mine, theirs)]
    merged, conflicts = [], []
    order = _row_order(list(by_key[1]), list(by_key[2]))
    order += [k for k in by_key[0] if k not in by_key[1] and k not in by_key[2]]
    for key in order:
        value, clash = merge3(by_key[0].get(key, MISSING), by_key[1].get(key, MISSING), by_key[2].get(key, MISSING),
                              keys=keys, _at=at + (str(key),))
        conflicts += clash
        if value is not MISSING:
            merged.append(value)
    return merged, conflicts


def merge_maps(base: Any, mine: Any, theirs: Any) -> tuple[Any, list[str]]:
    """:func:`merge3` for saved maps (people matched by name, ties by their ends and kind); ties
    left pointing at someone removed by the other edit are dropped (and listed)."""
    merged, conflicts = merge3(base, mine, theirs, keys=MAP_KEYS)
    if isinstance(merged, Mapping) and isinstance(merged.get("people"), list) and isinstance(merged.get("ties"), list):
        names = {str(p.get("name", "")).casefold() for p in merged["people"] if isinstance(p, Mapping)}
        kept = [t for t in merged["ties"] if isinstance(t, Mapping)
                and str(t.get("source", "")).casefold() in names and str(t.get("target", "")).casefold() in names]
        if len(kept) != len(merged["ties"]):
            conflicts.append("ties to people removed elsewhere")
            merged = {**merged, "ties": kept}
    return merged, conflicts


# --------------------------------------------------------------------------- one change to a map, for Undo


def map_delta(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """What one change did to a saved map: only the rows it added, removed or changed.

    ``{"title": [old, new], "people": [{"before": row, "after": row, "at": i}, ...], "ties": [...]}``
    (a row is ``None`` where it did not exist; ``at`` is its place before the change). Small
    enough to keep many changes for Undo, even on a large map.

    >>> map_delta({"title": "", "people": [{"name": "A"}], "ties": []},
    ...           {"title": "", "people": [{"name": "A"}, {"name": "B"}], "ties": []})
    {'people': [{'before': None, 'after': {'name': 'B'}, 'at': None}]}
    """
    delta: dict[str, Any] = {}
    if before.get("title") != after.get("title"):
        delta["title"] = [before.get("title"), after.get("title")]
    for table in ("people", "ties"):
        key_of = MAP_KEYS[(table,)]
        old = {key_of(row): (i, row) for i, row in enumerate(before.get(table) or [])}
        new = {key_of(row): row for row in after.get(table) or []}
        changes = []
        for key in _ordered_keys(old, new):
            at, was = old.get(key, (None, None))
            now = new.get(key)
            if was != now:
                changes.append({"before": was, "after": now, "at": at})
        if changes:
            delta[table] = changes
    return delta


def apply_delta(current: Mapping[str, Any], delta: Mapping[str, Any], side: str) -> dict[str, Any]:
    """``current`` with the rows of ``delta`` as they were ``"before"`` or ``"after"`` the change."""
    out = dict(current)
    if "title" in delta:
        out["title"] = delta["title"][0 if side == "before" else 1]
    for table in ("people", "ties"):
        changes = delta.get(table) or []
        if not changes:
            continue
        key_of = MAP_KEYS[(table,)]
        rows = list(current.get(table) or [])
        inserts = []
        for change in changes:
            row = change.get(side)
            key = key_of(change.get("before") or change.get("after"))
            position = next((i for i, r in enumerate(rows) if key_of(r) == key), None)
            if row is None:
                if position is not None:
                    rows.pop(position)
            elif position is not None:
                rows[position] = row
            else:
                inserts.append((change.get("at") if side == "before" else None, row))
        for at, row in sorted(inserts, key=lambda item: (item[0] is None, item[0] or 0)):
            rows.insert(min(at, len(rows)) if at is not None else len(rows), row)
        out[table] = rows
    return out


def undo_delta(current: Mapping[str, Any], delta: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Take back one change from the map as it is now, keeping every other change made since.

    A three-way merge (the change's result -> its start, applied to ``current``): when nothing
    else changed, the map comes back exactly as it was before the change; rows changed
    elsewhere since are kept, and listed when they are the very rows the change touched.

    >>> before = {"title": "", "people": [{"name": "A"}], "ties": []}
    >>> after = {"title": "", "people": [{"name": "A"}, {"name": "B"}], "ties": []}
    >>> undo_delta(after, map_delta(before, after))
    ({'title': '', 'people': [{'name': 'A'}], 'ties': []}, [])
    """
    base = apply_delta(current, delta, "after")
    mine = apply_delta(current, delta, "before")
    return merge_maps(base, mine, dict(current))
