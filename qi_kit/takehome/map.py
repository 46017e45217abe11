"""The map as two CSV files (people and ties), to open in a spreadsheet or load again."""

from __future__ import annotations

import os
from pathlib import Path

from ..export import csv_text, write_exports
from ..model import StakeholderMap

__all__ = ["export_csv"]


def export_csv(map: StakeholderMap, *, folder: str | os.PathLike | None = None) -> dict[str, Path]:
    """Write the people and ties tables as CSV files into ``my_work/exports/``.

    The files open in Excel (UTF-8 with a byte-order mark), never run a cell as a formula
    (:func:`~qi_kit.export.csv_text`) and load back with :func:`~qi_kit.read_map`. Returns
    ``{"people": path, "ties": path}``; the files are named after the map's title.

    See Also
    --------
    qi_kit.takehome.export_everything : the map as CSV with the day's summary, pitch and plan.

    Examples
    --------
    >>> import tempfile, qi_kit
    >>> written = export_csv(qi_kit.load_case("ward"), folder=tempfile.mkdtemp())
    >>> sorted(p.name for p in written.values())[0][-10:], len(qi_kit.read_map(*written.values()))
    ('people.csv', 37)
    """
    stem = map.title or "my-map"
    written = {}
    for table, frame in (("people", map.people), ("ties", map.ties)):
        written[table] = write_exports(f"{stem}-{table}", {"csv": csv_text(frame)}, folder=folder)["csv"]
    return written
