"""How long each action in the engagement planner takes, on the ward case and a 60-person map.

Run from the top of the kit::

    .venv/bin/python benchmarks/bench_planner.py
    .venv/bin/python benchmarks/bench_planner.py --repeat 31

For the ward case (37 people) and the kit's seeded 60-person synthetic organisation
(``qi_kit.synthetic.synthetic_map(60)``), it builds an :class:`~qi_kit.widgets.planner.EngagementPlanner`
and prints the median time in milliseconds over ``--repeat`` runs of each action, and its ratio to
a reference measured in the same run (``StakeholderMap.graph()`` on the same map), so figures from
a noisy or slower machine can be compared. Actions, each the whole callback (work, redraw, autosave):

- *override a role*: Roles tab, pick a role, **Keep my choices** (the grid picture is redrawn);
- *back to the suggestion*: **Use the suggestion**;
- *grid redraw only*: the points moved between role layers over the cached background;
- *autosave*: saving the ``engagement`` section alone (atomic write + backup);
- *open a redrafted tab*: after a role change, opening the Communication plan tab (the draft
  follows the new roles);
- *set a decision role*: Decision path tab, **Set**;
- *save a plan row*, *done: next date*: Communication plan tab;
- *move a reflection slider*: the radar and the reading are redrawn;
- *export*: the Export tab's button (draws the pictures, writes Markdown and HTML).

The target is a median of 100 ms or less per action. Nothing is written to the participant's
``my_work/``: the planner saves into a temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

TARGET_MS = 100.0


def median_ms(action: Callable[[], object], repeat: int) -> float:
    action()  # warm up (first drawing caches fonts and backgrounds)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def actions(m, folder: Path) -> dict[str, Callable[[], object]]:
    """The planner's actions on map ``m``, each a function that does one click or move."""
    from qi_kit.engage import EngagementPlan
    from qi_kit.widgets.planner import EngagementPlanner

    planner = EngagementPlanner(m, path=folder / "workspace.json", start=dt.date(2026, 1, 12),
                                folder=folder / "exports")
    roles, comms, decisions = planner.roles, planner.comms, planner.decisions
    person = m.names[len(m.names) // 2]
    roles.person.value = person
    cycle = itertools.cycle(["champion", "influencer", "resistor", ""])

    def override() -> None:
        roles.role.value = next(cycle)
        roles.keep.click()

    def back() -> None:
        roles.use_suggestion.click()

    grid_cycle = itertools.cycle(["champion", "sponsor"])

    def grid_only() -> None:
        roles.live_grid.png({**roles.value, person: next(grid_cycle)})

    def autosave() -> None:
        planner.store.saver.save(planner.store.plan)

    def open_redrafted_tab() -> None:
        planner.tabs.selected_index = 0
        comms._stale = True  # as after a role change while the plan is still a draft
        planner.tabs.selected_index = 2

    letters = itertools.cycle(["C", "I"])

    def set_decision() -> None:
        decisions.person.value = person
        decisions.letter.value = next(letters)
        decisions.set_button.click()

    def save_row() -> None:
        comms.row.value = 1
        comms.save_row.click()

    def done() -> None:
        comms.row.value = 0
        comms.done.click()

    sliders = planner.reflections["competencies"].sliders["proactive_1"]
    answers = itertools.cycle([1, 2, 3, 4])

    def slide() -> None:
        sliders.value = next(answers)

    def export() -> None:
        planner.export.button.click()

    del EngagementPlan
    return {"override a role (Keep my choices)": override, "back to the suggestion": back,
            "grid redraw only": grid_only, "autosave of the engagement section": autosave,
            "open a redrafted tab (communication plan)": open_redrafted_tab,
            "set a decision role (Set)": set_decision, "save a plan row": save_row,
            "done: next date": done, "move a reflection slider": slide, "export (Markdown + HTML)": export}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per action (default 15)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qi-bench-planner-") as tmp:
        os.environ["QI_KIT_WORK_DIR"] = os.path.join(tmp, "my_work")
        import matplotlib

        matplotlib.use("Agg")
        from qi_kit import load_case
        from qi_kit.synthetic import synthetic_map

        maps = {"ward": load_case("ward"), "60 people": synthetic_map(60)}
        results: dict[str, dict[str, float]] = {}
        references: dict[str, float] = {}
        build: dict[str, float] = {}
        for label, m in maps.items():
            folder = Path(tmp) / label.replace(" ", "-")
            start = time.perf_counter()
            steps = actions(m, folder)
            build[label] = (time.perf_counter() - start) * 1000
            references[label] = median_ms(m.graph, args.repeat)
            for name, action in steps.items():
                results.setdefault(name, {})[label] = median_ms(action, args.repeat)
    labels = list(maps)
    print(f"median of {args.repeat} runs, milliseconds; reference = StakeholderMap.graph() "
          f"({', '.join(f'{lab}: {references[lab]:.2f} ms' for lab in labels)})")
    print(f"building the planner (once): {', '.join(f'{lab}: {build[lab]:.0f} ms' for lab in labels)}")
    print(f"{'action':45s} " + " ".join(f"{lab:>10s}" for lab in labels) + f" {'x ref (60)':>11s}")
    slow = []
    for name, row in results.items():
        ratio = row["60 people"] / references["60 people"]
        print(f"{name:45s} " + " ".join(f"{row[lab]:10.1f}" for lab in labels) + f" {ratio:11.1f}")
        if max(row.values()) > TARGET_MS:
            slow.append(name)
    print("all within 100 ms" if not slow else f"over 100 ms: {', '.join(slow)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
