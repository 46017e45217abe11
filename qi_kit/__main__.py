"""Command line: ``python -m qi_kit doctor`` (environment check), ``lab-settings``, ``handouts``."""

from __future__ import annotations

import sys

USAGE = """usage: python -m qi_kit COMMAND

commands:
  doctor         check this computer is ready for the workshop (prints fixes for any problem)
  lab-settings   install the kit's JupyterLab settings (no news or update checks from the internet)
  handouts       write the printable handouts (HTML, and PDF) to build/handouts (or --out FOLDER)
"""


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
    if command == "handouts":
        from .handouts import main as handouts_main

        return handouts_main(args[1:])
    print(USAGE)
    return 0 if command in ("", "-h", "--help", "help") else 2


if __name__ == "__main__":
    raise SystemExit(main())
