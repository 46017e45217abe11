"""A process that saves to a workspace in a loop: the other side of the kill and two-process tests.

``python saver_process.py PATH SECTION COUNT [PAD [START]]`` saves ``{"n": START + i, "pad": ...}``
as SECTION for i = 1..COUNT (PAD bytes of padding make each save take a few milliseconds),
appends ``SECTION:i`` to the shared section ``log`` with a locked update, and prints
``saved START+i`` after each save returns, so the parent knows what must be on disk.
"""

from __future__ import annotations

import sys

from qi_kit.workspace import Autosaver


def main(path: str, section: str, count: int, pad: int = 0, start: int = 0) -> None:
    saver = Autosaver(section, path)
    log = Autosaver("log", path)
    filler = "x" * pad
    for i in range(1, count + 1):
        if not saver.save({"n": start + i, "pad": filler}):
            print(f"failed {i}: {saver.last_error}", flush=True)
            sys.exit(1)
        if not log.update(lambda entries, i=i: [*(entries or []), f"{section}:{i}"]):
            print(f"failed log {i}: {log.last_error}", flush=True)
            sys.exit(1)
        print(f"saved {start + i}", flush=True)


if __name__ == "__main__":
    numbers = [int(a) for a in sys.argv[3:6]]
    main(sys.argv[1], sys.argv[2], *numbers)
