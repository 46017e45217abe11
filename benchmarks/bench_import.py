"""Benchmark of reading a large map, its mistakes, the grid and saving (issue 12). Run from the top of the kit:

    .venv/bin/python benchmarks/bench_import.py           # about 1 minute
    .venv/bin/python benchmarks/bench_import.py --quick   # fewer repeats

Prints medians (noisy machines: read the ratios to the reference measured in the same run):

1. ``read_map`` of a 2,000-person / ~19,000-tie synthetic map from CSV (target <= 2 s) and from one
   .xlsx workbook; reference: ``pandas.read_csv`` of the same two files;
2. the same ties with every name misspelt: the MapError with a "Did you mean" for each of the
   ~38,000 unknown names (target <= 5 s); reference: reading the correct ties;
3. the power/interest grid's label order at 1,000, 2,000 and 4,000 people: each doubling should
   double the time (linear), against the old order (a table search per person: quadratic);
4. one autosave (lock, read, merge, two atomic writes) of a 60-person map with its undo
   history, and of the 2,000-person map; reference: ``json.dumps`` of the same workspace.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd  # noqa: E402

from qi_kit import MapError, read_map  # noqa: E402
from qi_kit.engage.grid import label_order, power_interest_grid  # noqa: E402
from qi_kit.model import ROLES  # noqa: E402
from qi_kit.synthetic import synthetic_map  # noqa: E402


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def old_label_order(grid: pd.DataFrame, roles: dict[str, str]) -> list[str]:
    """The order the grid picture used before: a table search per person (quadratic)."""
    rank = {r: i for i, r in enumerate(ROLES)}
    return sorted(grid["name"], key=lambda n: (rank.get(roles.get(n, ""), len(ROLES)),
                                               -(grid.set_index("name").loc[n, "power"]
                                                 + grid.set_index("name").loc[n, "interest"]),
                                               list(grid["name"]).index(n)))


def main(quick: bool = False) -> None:
    repeats = 3 if quick else 5
    folder = Path(tempfile.mkdtemp(prefix="qi-bench-import-"))
    m = synthetic_map(2000, ties_per_person=10)
    people, ties = folder / "people.csv", folder / "ties.csv"
    m.people.to_csv(people, index=False)
    m.ties.to_csv(ties, index=False)
    book = folder / "map.xlsx"
    with pd.ExcelWriter(book) as writer:
        m.people.to_excel(writer, sheet_name="people", index=False)
        m.ties.to_excel(writer, sheet_name="ties", index=False)
    print(f"map: {len(m)} people, {len(m.ties)} ties ({people.stat().st_size / 1e6:.1f} + "
          f"{ties.stat().st_size / 1e6:.1f} MB of CSV, {book.stat().st_size / 1e6:.1f} MB .xlsx)")

    reference = median_time(lambda: (pd.read_csv(people), pd.read_csv(ties)), repeats)
    csv_time = median_time(lambda: read_map(people, ties), repeats)
    xlsx_time = median_time(lambda: read_map(book), max(1, repeats // 2))
    print(f"1. read_map from CSV: {csv_time:.2f} s (target <= 2 s; {csv_time / reference:.0f}x pandas.read_csv, "
          f"{reference * 1000:.0f} ms); from .xlsx: {xlsx_time:.2f} s")

    wrong = m.ties.assign(source=m.ties["source"] + "x", target="Dr " + m.ties["target"])
    misspelt = folder / "misspelt.csv"
    wrong.to_csv(misspelt, index=False)
    problems = {}

    def misspelt_error():
        try:
            read_map(people, misspelt)
        except MapError as error:
            problems["n"] = len(error.problems)
            problems["hint"] = sum("Did you mean" in p.fix for p in error.problems)

    error_time = median_time(misspelt_error, max(1, repeats // 2))
    print(f"2. every tie misspelt: the MapError in {error_time:.2f} s (target <= 5 s; {error_time / csv_time:.1f}x "
          f"reading the correct ties), {problems['n']:,} problems, {problems['hint']:,} with 'Did you mean'")

    print("3. the grid's label order (each doubling of people should double the time):")
    previous = {}
    for n in (1000, 2000, 4000):
        grid = power_interest_grid(synthetic_map(n, ties_per_person=3))
        roles = dict(zip(grid["name"], grid["role"]))
        new = median_time(lambda: label_order(grid, roles), 41)  # milliseconds: many repeats
        old = median_time(lambda: old_label_order(grid, roles), 1) if n <= 2000 or not quick else float("nan")
        growth = f", x{new / previous['new']:.1f} for twice the people" if previous else ""
        old_growth = f" (x{old / previous['old']:.1f})" if previous and old == old else ""
        print(f"   {n:>5} people: {new * 1000:7.1f} ms{growth}; the old order {old:6.2f} s{old_growth}")
        previous = {"new": new, "old": old}

    from qi_kit.editing import MapSession
    from qi_kit.workspace import Autosaver, save_workspace

    print("4. one autosave (lock, read and merge, the file and its second copy, both flushed to disk):")
    for size in (60, 2000):
        work = folder / f"save-{size}"
        work.mkdir()
        path = work / "workspace.json"
        small = synthetic_map(size, ties_per_person=5)
        session = MapSession(path)
        session.change(small, "imported")
        for i in range(20):  # an undo history of 20 changes
            session.change(session.map.add_person(f"new {i}"), f"added new {i}")
        saver = Autosaver("map", path)
        saver.load()
        text = json.dumps({"sections": {"map": session.map.to_dict()}})
        dump = median_time(lambda: json.dumps(json.loads(path.read_text())), repeats)
        edits = []

        def edit():
            stance = 1 - session.map.person("new 0")["stance"]
            edits.append(session.map.update_person("new 0", stance=stance))

        model = median_time(edit, repeats)  # the edit itself (the map checks itself), not saved
        save = median_time(lambda: session.change(edits.pop(), "changed new 0"), repeats)
        plain = median_time(lambda: save_workspace(path, notes={"a": 1}), repeats)
        print(f"   {size:>5} people: saving an edit with its undo history {save * 1000:6.1f} ms (the edit itself, "
              f"not timed here: {model * 1000:.0f} ms); saving another section {plain * 1000:6.1f} ms; reference "
              f"(read + write the JSON in memory) {dump * 1000:6.1f} ms (file {path.stat().st_size / 1e6:.2f} MB, "
              f"map alone {len(text) / 1e6:.2f} MB)")


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
