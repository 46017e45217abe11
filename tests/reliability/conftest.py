"""The reliability suite: each test records what it tried and what happened, printed at the end.

``make test`` runs a fast version of every check; ``make stress`` (``QI_KIT_STRESS=1``) runs
the slow variants (more fuzzed inputs, more kills, more saves). The counts are printed in one
block at the end of the run, e.g. ``fuzzing read_map: 3,000 cases, 0 unexpected exceptions``.
"""

from __future__ import annotations

import os

import pytest

STRESS = os.environ.get("QI_KIT_STRESS") == "1"

#: check name -> one line of counts (filled by the tests, printed at the end)
COUNTS: dict[str, str] = {}


def scale(fast: int, stress: int) -> int:
    """How many cases a check runs: ``fast`` in ``make test``, ``stress`` in ``make stress``."""
    return stress if STRESS else fast


def record(check: str, line: str) -> None:
    COUNTS[check] = line


def pytest_terminal_summary(terminalreporter):
    if not COUNTS:
        return
    mode = "make stress (slow variants)" if STRESS else "make test (fast variants; `make stress` runs the slow ones)"
    terminalreporter.write_sep("=", f"reliability counts, {mode}")
    for check, line in sorted(COUNTS.items()):
        terminalreporter.write_line(f"{check}: {line}")


@pytest.fixture
def counts():
    return record
