"""Errors a learner can trigger, written to be read by someone who has never coded.

Every problem says *what* is wrong, *where* (file, row, column) and *how to fix it*.
Validators collect every problem first and raise one :class:`MapError` listing them all,
so a participant fixes their spreadsheet once, not once per error.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    ``where`` names the place ("people.csv, row 4, column 'authority'"), ``what`` says what
    is wrong and ``fix`` says how to put it right, in plain words.
    """

    where: str
    what: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{where}{self.what} Fix: {self.fix}"


class MapError(ValueError):
    """A mistake in a stakeholder map, a file or a request, explained in plain language.

    ``problems`` holds every :class:`Problem` found; ``str(error)`` lists them all.
    """

    def __init__(self, problems: Problem | Iterable[Problem] | str, *, title: str | None = None):
        if isinstance(problems, str):
            problems = [Problem("", problems, "")]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        self.title = title or _default_title(len(self.problems))
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) == 1 and not self.problems[0].fix:
            return f"{self.title}\n- {self.problems[0].where + ': ' if self.problems[0].where else ''}{self.problems[0].what}"
        lines = [self.title]
        lines += [f"- {p}" for p in self.problems]
        return "\n".join(lines)


class WorkspaceError(MapError):
    """Saved work that cannot be read (damaged, or written by a newer kit)."""


def _default_title(n: int) -> str:
    if n == 1:
        return "There is 1 problem to fix:"
    return f"There are {n} problems to fix:"


def suggest(word: str, choices: Iterable[str]) -> str:
    """:func:`did_you_mean` ready to start a fix: "Did you mean 'X'? " (with its space), or ''."""
    hint = did_you_mean(word, choices)
    return f"{hint} " if hint else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A short "Did you mean 'X'?" hint, matching case- and space-insensitively, or ''."""
    choices = [str(c) for c in choices]
    folded = {_fold(c): c for c in choices}
    key = _fold(word)
    if key in folded:
        return f"Did you mean '{folded[key]}'?"
    close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
    return f"Did you mean '{folded[close[0]]}'?" if close else ""


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def show_in_notebook(shell, etype, value, tb, tb_offset=None) -> None:
    """IPython handler: a MapError shows as its plain message in a box, not as a traceback.

    The kit's messages already say what is wrong, where and how to fix it; the traceback behind
    them would only frighten a participant who changed a cell.
    """
    from IPython.display import display

    from .escaping import NO_MATHS, html_text

    text = str(value)
    box = (f'<div class="qi-message qi-error {NO_MATHS}" role="alert" style="background:#FBEAE5;border-left:4px solid '
           '#D55E00;padding:6px 10px;margin:4px 0;border-radius:3px;white-space:pre-wrap">'
           f'<span aria-hidden="true">✘</span> {html_text(text)}</div>')
    display({"text/plain": text, "text/html": box}, raw=True)


def install_notebook_handler() -> bool:
    """Show MapErrors kindly in IPython/Jupyter, if the kit runs there. Returns True if installed.

    Never imports IPython itself: outside a notebook nothing changes.
    """
    import sys

    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is None:
        return False
    shell.set_custom_exc((MapError,), show_in_notebook)
    from .escaping import no_maths_in_tables

    no_maths_in_tables()  # a '$' in a name shows as typed in every table, never as maths
    return True
