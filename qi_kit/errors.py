"""Errors a learner can trigger, written to be read by someone who has never coded.

Every problem says *what* is wrong, *where* (file, row, column) and *how to fix it*.
Validators collect every problem first and raise one :class:`MapError` listing them all,
so a participant fixes their spreadsheet once, not once per error.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

from .text import fold


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input.

    ``where`` names the place ("people.csv, row 4, column 'authority'"), ``what`` says what
    is wrong and ``fix`` says how to put it right, in plain words. ``form_what`` and
    ``form_fix``, when given, say the same for someone filling in a form, where there are no
    rows (the editor shows them instead).
    """

    where: str
    what: str
    fix: str
    form_what: str = ""
    form_fix: str = ""

    @property
    def in_form(self) -> str:
        """What is wrong and the fix, as a form shows them: no rows, no file."""
        what, fix = self.form_what or self.what, self.form_fix or self.fix
        return f"{what} Fix: {fix}" if fix else what

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
    return Suggestions(choices).did_you_mean(word)


class Suggestions:
    """"Did you mean ...?" over a fixed list of choices, indexed once for many look-ups.

    A misspelt name is compared in full (``difflib``'s ratio, cut-off 0.6) only with the few
    choices that share the most three-letter pieces with it, found in an index built once; each
    word is looked up once. So checking a ties table whose every name is misspelt takes time in
    proportion to its rows, not rows times people.

    >>> s = Suggestions(["Rosa Delgado", "Tom Barker", "Dr James Whitfield"])
    >>> s.did_you_mean("rosa  delgado"), s.did_you_mean("Tom Baker"), s.did_you_mean("zzz")
    ("Did you mean 'Rosa Delgado'?", "Did you mean 'Tom Barker'?", '')
    """

    CANDIDATES = 12  # choices compared in full for each word
    CUTOFF = 0.6

    def __init__(self, choices: Iterable[str]):
        self._folded: dict[str, str] = {}
        for choice in choices:
            self._folded.setdefault(fold(choice), str(choice))
        self._keys = list(self._folded)
        self._index: dict[str, list[int]] | None = None  # built at the first misspelling
        self._memo: dict[str, str] = {}

    @staticmethod
    def _pieces(key: str) -> set[str]:
        padded = f"  {key} "
        return {padded[i:i + 3] for i in range(len(padded) - 2)}

    def _build(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, key in enumerate(self._keys):
            for piece in self._pieces(key):
                index.setdefault(piece, []).append(i)
        return index

    def closest(self, word: str) -> str | None:
        """The choice closest to ``word`` (exact up to case and spaces first), or None."""
        key = fold(word)
        if key in self._folded:
            return self._folded[key]
        if key in self._memo:
            return self._memo[key] or None
        if self._index is None:
            self._index = self._build()
        shared: dict[int, int] = {}
        for piece in self._pieces(key):
            for i in self._index.get(piece, ()):
                shared[i] = shared.get(i, 0) + 1
        ranked = sorted(shared, key=lambda i: (-shared[i], i))[:self.CANDIDATES]
        best, best_ratio = "", self.CUTOFF
        matcher = difflib.SequenceMatcher(b=key, autojunk=False)
        for i in ranked:
            matcher.set_seq1(self._keys[i])
            if matcher.real_quick_ratio() >= best_ratio and matcher.quick_ratio() >= best_ratio:
                ratio = matcher.ratio()
                if ratio > best_ratio or (ratio == best_ratio and not best):
                    best, best_ratio = self._folded[self._keys[i]], ratio
        self._memo[key] = best
        return best or None

    def did_you_mean(self, word: str) -> str:
        close = self.closest(word)
        return f"Did you mean '{close}'?" if close else ""

    def suggest(self, word: str) -> str:
        """:meth:`did_you_mean` ready to start a fix (with its space), or ''."""
        hint = self.did_you_mean(word)
        return f"{hint} " if hint else ""


def show_in_notebook(shell, etype, value, tb, tb_offset=None) -> None:
    """IPython handler: a MapError shows as its plain message in a box, not as a traceback.

    The kit's messages already say what is wrong, where and how to fix it; the traceback behind
    them would only frighten a participant who changed a cell.
    """
    from IPython.display import display

    from .escaping import message_box

    text = str(value)
    box = message_box(text, "error", role="alert", keep_spacing=True)
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
