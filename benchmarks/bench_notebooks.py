"""How long notebook validation takes, against plainly running the same notebooks.

``make validate`` lints the notebooks, checks the exercises are in step with the solutions, then
runs every notebook in ``workshops/``, ``solutions/`` and ``exercises/`` with ``pytest --nbval``
(strict for the first two). The reference is the least any validation must do: execute the same
notebooks top to bottom with nbclient, each in a fresh kernel and an empty work folder, one after
the other, with no comparison. The ratio says what nbval's comparison and pytest cost on top.

Run: ``.venv/bin/python benchmarks/bench_notebooks.py [--repeat N]`` (default 3; prints medians).
The target for the whole of ``make validate`` is 60 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("workshops", "solutions", "exercises")
sys.path.insert(0, str(ROOT))


def notebooks() -> list[Path]:
    return [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.ipynb"))]


def plain_execution() -> float:
    """Seconds to execute every notebook once with nbclient (fresh kernel and work folder each)."""
    from qi_kit.authoring.exercises import read_notebook
    from qi_kit.authoring.refresh import execute_notebook, fresh_work_folder

    start = time.perf_counter()
    for path in notebooks():
        with fresh_work_folder():
            execute_notebook(read_notebook(path), path.parent, name=str(path))
    return time.perf_counter() - start


def _run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stdout[-3000:], result.stderr[-2000:])
        raise SystemExit(f"failed: {' '.join(command)}")
    return elapsed


def validation() -> dict[str, float]:
    """Seconds for each step of ``make validate`` (lint, check-sync, nbval), run as the Makefile does."""
    python = sys.executable
    times = {}
    with tempfile.TemporaryDirectory(prefix="qi_kit-bench-") as folder:
        env = {**os.environ, "QI_KIT_VALIDATE_DIR": folder, "QI_KIT_WORK_DIR": os.path.join(folder, "my_work")}
        times["lint"] = _run([python, "-m", "qi_kit.authoring", "lint"], env)
        times["check-sync"] = _run([python, "-m", "qi_kit.authoring", "check-sync"], env)
        times["nbval"] = _run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval-current-env",
                               "--nbval-sanitize-with", "tests/nbval_sanitize.cfg", "--nbval", *FOLDERS], env)
    times["total"] = sum(times.values())
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    count = {folder: len(list((ROOT / folder).glob("*.ipynb"))) for folder in FOLDERS}
    print(f"notebooks: {sum(count.values())} ({', '.join(f'{n} {f}' for f, n in count.items())}); "
          f"{os.cpu_count()} CPUs; {args.repeat} repeats, medians shown")
    plain, steps = [], []
    for _ in range(args.repeat):
        plain.append(plain_execution())
        steps.append(validation())
    median = {key: statistics.median(s[key] for s in steps) for key in steps[0]}
    reference = statistics.median(plain)
    print(f"plain nbclient execution (reference)  {reference:6.1f} s")
    for key in ("lint", "check-sync", "nbval"):
        print(f"  make validate step: {key:<12}     {median[key]:6.1f} s")
    print(f"make validate, whole                   {median['total']:6.1f} s   target <= 60 s: "
          f"{'met' if median['total'] <= 60 else 'NOT met'}")
    print(f"ratio nbval / plain execution          {median['nbval'] / reference:6.2f}")
    print(f"ratio whole validation / plain         {median['total'] / reference:6.2f}")


if __name__ == "__main__":
    main()
