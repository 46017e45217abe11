"""Command line: ``python -m qi_kit COMMAND`` (see USAGE)."""

from __future__ import annotations

import subprocess
import sys

USAGE = """usage: python -m qi_kit COMMAND

commands:
  doctor         check this computer is ready for the workshop (prints fixes for any problem)
  lab-settings   install the kit's JupyterLab settings (no news or update checks from the internet)
  notebooks      make (or bring up to date) your own copies of the workshop notebooks in
                 my_work/notebooks, so the lesson files never hold your colleagues' names
                 (options: --from FOLDER, the lessons; --to FOLDER, where the copies go)
  lab [ARGS]     make the copies, then open JupyterLab on your own start notebook
                 (ARGS go to jupyter lab, e.g. --no-browser)
  handouts       write the printable handouts (HTML, and PDF) to build/handouts (or --out FOLDER)
"""


def _option(args: list[str], name: str) -> str | None:
    if name in args:
        i = args.index(name)
        if i + 1 < len(args):
            value = args[i + 1]
            del args[i:i + 2]
            return value
    return None


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else ""
    if command == "doctor":
        from .envcheck import main as doctor_main

        return doctor_main(args[1:])
    if command == "lab-settings":
        from .labsettings import install

        print(install())
        return 0
    if command in ("notebooks", "lab"):
        from .lessons import lab_command, make_copies

        rest = args[1:]
        source, target = _option(rest, "--from"), _option(rest, "--to")
        try:
            copies = make_copies(source, target)
        except FileNotFoundError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(copies)
        if command == "notebooks":
            return 0
        cmd, root = lab_command(copies, rest)
        print(f"Opening JupyterLab on {copies.start.relative_to(root).as_posix()} ...", flush=True)
        return subprocess.call(cmd, cwd=root)
    if command == "handouts":
        from .handouts import main as handouts_main

        return handouts_main(args[1:])
    print(USAGE)
    return 0 if command in ("", "-h", "--help", "help") else 2


if __name__ == "__main__":
    raise SystemExit(main())
