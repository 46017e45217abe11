"""Command line: ``python -m qi_kit COMMAND`` (``python -m qi_kit --help`` lists the commands)."""

from __future__ import annotations

import argparse
import subprocess
import sys

DESCRIPTION = "The qi_kit workshop kit: set up this computer, make your own notebook copies, open the lab."


class UsageError(Exception):
    """A command line the parser cannot read: the usage is shown and the exit code is 2."""


class Parser(argparse.ArgumentParser):
    """argparse, printing the whole usage on stdout (where a participant looks) after a mistake."""

    def error(self, message: str):  # type: ignore[override]
        self.print_help(sys.stdout)
        print(f"\n{self.prog}: {message}")
        raise UsageError(message)


def parser() -> argparse.ArgumentParser:
    """The commands and their options (``python -m qi_kit COMMAND --help`` for one command)."""
    top = Parser(prog="python -m qi_kit", description=DESCRIPTION)
    commands = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    doctor = commands.add_parser("doctor", help="check this computer is ready for the workshop "
                                                "(prints fixes for any problem)")
    doctor.add_argument("--no-kernel", action="store_true", help="skip starting a notebook kernel")
    commands.add_parser("lab-settings", help="install the kit's JupyterLab settings "
                                             "(no news or update checks from the internet)")
    for name, text in (("notebooks", "make (or bring up to date) your own copies of the workshop notebooks in "
                                     "my_work/notebooks, so the lesson files never hold your colleagues' names"),
                       ("lab", "make the copies, then open JupyterLab on your own start notebook "
                               "(other options go to jupyter lab, e.g. --no-browser)")):
        command = commands.add_parser(name, help=text)
        command.add_argument("--from", dest="source", metavar="FOLDER", help="the lessons (default: workshops/)")
        command.add_argument("--to", dest="target", metavar="FOLDER", help="where the copies go "
                                                                           "(default: my_work/notebooks)")
    handouts = commands.add_parser("handouts", help="write the printable handouts (HTML, and PDF)")
    handouts.add_argument("--out", metavar="FOLDER", default="build/handouts",
                          help="where they go (default: build/handouts)")
    commands.add_parser("help", help="show this help")
    return top


#: the help text (the hub's configuration reads it to see that this kit has ``notebooks``)
USAGE = parser().format_help()


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit code (0 done, 1 a problem it explained, 2 a wrong command line)."""
    args = list(sys.argv[1:] if argv is None else argv)
    top = parser()
    try:
        options, extra = top.parse_known_args(args)
        if extra and options.command != "lab":
            top.error(f"unrecognized arguments: {' '.join(extra)}")
    except UsageError:
        return 2
    except SystemExit as done:  # --help
        return int(done.code or 0)
    if options.command == "doctor":
        from .envcheck import main as doctor_main

        return doctor_main(["--no-kernel"] if options.no_kernel else [])
    if options.command == "lab-settings":
        from .labsettings import install

        print(install())
        return 0
    if options.command in ("notebooks", "lab"):
        from .lessons import lab_command, make_copies

        try:
            copies = make_copies(options.source, options.target)
        except FileNotFoundError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(copies)
        if options.command == "notebooks":
            return 0
        cmd, root = lab_command(copies, extra)
        print(f"Opening JupyterLab on {copies.start.relative_to(root).as_posix()} ...", flush=True)
        return subprocess.call(cmd, cwd=root)
    if options.command == "handouts":
        from .handouts import main as handouts_main

        return handouts_main(["--out", options.out])
    top.print_help(sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
