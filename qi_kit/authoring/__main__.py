"""Command line for notebook authors: ``python -m qi_kit.authoring COMMAND`` (``--help`` lists them)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..__main__ import Parser, UsageError
from ..text import plural

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
        print(f"{plural(failed, 'notebook')} could not run top to bottom: fix the cell named above and refresh again.")
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


def parser() -> argparse.ArgumentParser:
    """The authors' commands (``python -m qi_kit.authoring COMMAND --help`` for one command)."""
    top = Parser(prog="python -m qi_kit.authoring", description="Tools for the people who write the notebooks.")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.add_parser("exercises", help="write exercises/ from solutions/ (solution blocks become placeholders)")
    commands.add_parser("check-sync", help="fail if exercises/ differs from what solutions/ generates")
    for name, text in (("refresh", "re-run notebooks (default: workshops/ and solutions/) and save their outputs"),
                       ("lint", "check every notebook against the kit's notebook rules")):
        command = commands.add_parser(name, help=text)
        command.add_argument("targets", nargs="*", metavar="NOTEBOOK-OR-FOLDER", help="default: every lesson folder")
    commands.add_parser("help", help="show this help")
    return top


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 1 a problem it explained, 2 a wrong command line)."""
    top = parser()
    try:
        options = top.parse_args(list(sys.argv[1:] if argv is None else argv))
    except UsageError:
        return 2
    except SystemExit as done:  # --help
        return int(done.code or 0)
    if options.command == "exercises":
        return _exercises()
    if options.command == "check-sync":
        return _check_sync()
    if options.command == "refresh":
        return _refresh(options.targets)
    if options.command == "lint":
        return _lint(options.targets)
    top.print_help(sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
