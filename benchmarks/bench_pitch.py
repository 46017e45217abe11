"""How much work one keystroke in the pitch builder costs, and each step of the debounced update.

Run from the top of the kit::

    .venv/bin/python benchmarks/bench_pitch.py
    .venv/bin/python benchmarks/bench_pitch.py --repeat 101

For the ward case and a 60-person synthetic map, it prints the median time in milliseconds over
``--repeat`` runs of each piece of work, and its ratio to a reference measured in the same run
(``StakeholderMap.graph()`` on the same map), so figures from a noisy or slower machine can be
compared. Pieces:

- *keystroke*: what runs on every key press (the pitch is updated; the preview waits);
- *preview*, *checklist*, *preview + checklist*: the pure functions the debounced update calls;
- *debounced update*: the builder's whole update (preview, checklist, summary, progress) without
  the save, then *save*: the autosave of the workspace section "pitch" (atomic write + backup);
- *what the map says*: the influence analysis behind the leader's details (run once per builder,
  at the first leader chosen; then cached);
- *choose a leader*, *switch template*, *Next*: the clicks, which update at once.

The target is a median of 100 ms or less per interaction. Nothing is written to the
participant's ``my_work/``: the builder saves into a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

TARGET_MS = 100.0


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def synthetic_map(n: int, *, seed: int = 1):
    """A map of ``n`` people with titles, ratings, roles and about 4 ties each (seeded)."""
    from qi_kit import StakeholderMap

    rng = random.Random(seed)
    roles = ["sponsor", "champion", "influencer", "resistor"] + [""] * 12
    people = [{"name": f"Person {i:02d}", "title": f"Role {i % 7}", "unit": f"Unit {i % 5}",
               "authority": rng.randint(0, 5), "influence": rng.randint(0, 5), "interest": rng.randint(0, 5),
               "stance": rng.randint(-2, 2), "role": rng.choice(roles)} for i in range(n)]
    kinds = ["advice", "trust", "information", "reports_to"]
    ties, seen = [], set()
    while len(ties) < 4 * n:
        a, b, kind = rng.randrange(n), rng.randrange(n), rng.choice(kinds)
        if a != b and (a, b, kind) not in seen:
            seen.add((a, b, kind))
            ties.append({"source": f"Person {a:02d}", "target": f"Person {b:02d}", "kind": kind})
    return StakeholderMap(people, ties, title=f"synthetic {n}")


def interactions(m, pitch, folder: Path) -> dict[str, Callable[[], object]]:
    from qi_kit.pitch import map_advice, pitch_feedback, render_html
    from qi_kit.widgets.pitch_builder import PitchBuilder

    builder = PitchBuilder(m, path=folder / "workspace.json", debounce=None)
    builder.leader.value = pitch.leader if pitch.leader in m else m.names[0]
    for field in ("problem", "aim", "priority", "story", "evidence", "their_values", "ask_by",
                  "next_step", "updates", "presenter"):
        builder.answers[field].value = getattr(pitch, field)
    builder.flush()
    ask = builder.answers["ask"]
    counter = iter(range(10**9))
    leaders = [name for _, name in builder.leader.options if name][:5]
    formats = iter(["sbar", "problem_aim_ask", "elevator"] * 10**6)

    def keystroke():
        ask.value = pitch.ask + "x" * (next(counter) % 7)  # one key press; the update waits

    def save():
        builder._saver.save(builder.value.to_dict())

    def next_and_back():
        builder.next_button.click() if builder.step < 5 else builder.go(0)

    return {
        "keystroke (the update waits)": keystroke,
        "preview (render_html)": lambda: render_html(builder.value),
        "checklist (pitch_feedback)": lambda: pitch_feedback(builder.value),
        "preview + checklist": lambda: (render_html(builder.value), pitch_feedback(builder.value)),
        "debounced update, without save": builder._refresh,
        "save (autosave the pitch)": save,
        "what the map says (influence analysis)": lambda: map_advice(m, leaders[0]),
        "choose a leader (update + save)": lambda: setattr(builder.leader, "value", leaders[next(counter) % 5]),
        "switch template (update + save)": lambda: setattr(builder.template, "value", next(formats)),
        "Next / Back": next_and_back,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=51, help="runs per interaction (default 51)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="qi-bench-pitch-") as tmp:
        os.environ["QI_KIT_WORK_DIR"] = str(Path(tmp) / "my_work")
        import qi_kit
        from qi_kit.pitch import example_pitches

        pitch = example_pitches("ward")["good_sponsor"]
        slow = []
        for label, m in (("ward case", qi_kit.load_case("ward")), ("synthetic 60", synthetic_map(60))):
            reference = median_ms(m.graph, max(args.repeat, 51))
            print(f"\n{label}: {len(m)} people, {len(m.ties)} ties; pitch of "
                  f"{sum(len(v.split()) for v in pitch.answers.values())} words; "
                  f"reference StakeholderMap.graph() {reference:.2f} ms (median)")
            print(f"  {'work':40s} {'median ms':>10s} {'x reference':>12s}")
            folder = Path(tmp) / label.replace(" ", "-")
            folder.mkdir()
            for name, action in interactions(m, pitch, folder).items():
                ms = median_ms(action, args.repeat)
                flag = "" if ms <= TARGET_MS else f"  > {TARGET_MS:.0f} ms"
                if flag:
                    slow.append(f"{label}: {name}")
                print(f"  {name:40s} {ms:10.2f} {ms / reference:12.2f}{flag}")
        print(f"\nTarget: every median <= {TARGET_MS:.0f} ms. "
              + ("All within target." if not slow else f"Over target: {', '.join(slow)}."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
