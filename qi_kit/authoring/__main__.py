"""Command line for notebook authors: ``python -m qi_kit.authoring COMMAND`` (see the package doc)."""

from __future__ import annotations

import sys
from pathlib import Path

USAGE = """usage: python -m qi_kit.authoring COMMAND [NOTEBOOK-OR-FOLDER ...]

commands:
  exercises    write exercises/ from solutions/ (solution blocks become placeholders)
  check-sync   fail if exercises/ differs from what solutions/ generates
  refresh      re-run notebooks (default: workshops/ and solutions/) and save their outputs
  lint         check every notebook against the kit's notebook rules
"""
REFERENCE_FOLDERS = ("workshops", "workshops/facilitator", "solutions")
ALL_FOLDERS = ("workshops", "workshops/facilitator", "solutions", "exercises")


def _exercises() -> int:
    from .exercises import AuthoringError, write_exercises

    try:
        changed = write_exercises("solutions", "exercises")
    except AuthoringError as exc:
        print(f"Could not generate the exercises: {exc}")
        return 1
    if changed:
        print("Regenerated: " + ", ".join(f"exercises/{p.name}" for p in changed))
    else:
        print("exercises/ was already in step with solutions/.")
    return 0


def _check_sync() -> int:
    from .exercises import AuthoringError, check_sync

    try:
        report = check_sync("solutions", "exercises")
    except AuthoringError as exc:
        print(f"Could not generate the exercises: {exc}")
        return 1
    print(report.message())
    return 0 if report.ok else 1


def _notebooks(targets: list[str], default: tuple[str, ...]) -> list[Path] | None:
    """The notebooks named (or in the default folders), or None after saying what is wrong."""
    from .refresh import RefreshError, notebooks_in

    try:
        return notebooks_in(targets or [f for f in default if Path(f).is_dir()])
    except RefreshError as exc:
        print(exc)
        return None


def _refresh(targets: list[str]) -> int:
    from .refresh import RefreshError, refresh_notebook

    notebooks = _notebooks(targets, REFERENCE_FOLDERS)
    if notebooks is None:
        return 2
    failed = 0
    for path in notebooks:
        if path.parent.name == "exercises":
            print(f"skipped {path}: exercises are stored without outputs (use `make exercises`).")
            continue
        try:
            refresh_notebook(path)
            print(f"refreshed {path}")
        except RefreshError as exc:
            failed += 1
            print(f"NOT refreshed (file left as it was) {exc}")
    if failed:
        print(f"{failed} notebook(s) could not run top to bottom: fix the cell named above and refresh again.")
    return 1 if failed else 0


def _lint(targets: list[str]) -> int:
    from .rules import notebook_problems

    notebooks = _notebooks(targets, ALL_FOLDERS)
    if notebooks is None:
        return 2
    bad = 0
    for path in notebooks:
        problems = notebook_problems(path)
        if problems:
            bad += 1
            print(f"{path}:")
            print("\n".join(f"  - {p}" for p in problems))
    print(f"{len(notebooks)} notebooks checked: " + (f"{bad} need attention." if bad else "all follow the rules."))
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command, rest = (args[0], args[1:]) if args else ("", [])
    if command == "exercises":
        return _exercises()
    if command == "check-sync":
        return _check_sync()
    if command == "refresh":
        return _refresh(rest)
    if command == "lint":
        return _lint(rest)
    print(USAGE)
    return 0 if command in ("", "-h", "--help", "help") else 2


if __name__ == "__main__":
    raise SystemExit(main())
