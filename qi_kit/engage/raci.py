"""Decision roles (RACI): who is Responsible, Accountable, Consulted and Informed for each decision.

A table with one row per decision and one column per person; each cell holds one letter:
**R** does the work, **A** signs the decision off (exactly one per decision), **C** is asked
before the decision (two-way), **I** is told after it (one-way). ``A/R`` marks the one person
who both signs off and does the work. Agreeing this early is the "decision path" step of
working with leaders (source 000): it speeds up escalation and approvals.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from ..errors import MapError, Problem, suggest
from ..model import StakeholderMap, raise_if_problems
from .grid import power_interest_grid

RACI_LETTERS: dict[str, str] = {
    "R": "Responsible: does the work",
    "A": "Accountable: signs the decision off (exactly one person)",
    "C": "Consulted: asked before the decision (two-way)",
    "I": "Informed: told after the decision (one-way)",
}
#: what a cell may hold after tidying ("" = no part in this decision)
CELL_VALUES: tuple[str, ...] = ("", "R", "A", "A/R", "C", "I")

#: decisions most QI projects meet -> who signs them off in the draft: the sponsor decides what
#: the organisation commits to; the change team decides its own small tests of change
DEFAULT_DECISIONS: dict[str, str] = {
    "Agree the aim and scope of the project": "sponsor",
    "Choose which change ideas to test": "champion",
    "Start a small test of change": "champion",
    "Adopt a change as the new standard way of working": "sponsor",
    "Spread the change to other teams": "sponsor",
}

_TOO_MANY_CONSULTED = 4


def tidy_cell(value: Any) -> str | None:
    """A cell as one of ``CELL_VALUES``, or None if it cannot be read.

    Case, spaces and separators are ignored: ``"r / a"`` -> ``"A/R"``, ``"c"`` -> ``"C"``.

    >>> tidy_cell(" r/a "), tidy_cell(None), tidy_cell("x")
    ('A/R', '', None)
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    letters = {ch for ch in str(value).upper() if ch.isalpha()}
    if not letters:
        return ""
    if letters == {"A", "R"}:
        return "A/R"
    if len(letters) == 1 and letters <= set(RACI_LETTERS):
        return letters.pop()
    return None


def _cell_problem(decision: str, person: str, value: Any) -> Problem:
    letters = {ch for ch in str(value).upper() if ch.isalpha()}
    if letters <= set(RACI_LETTERS):
        what = f"'{value}' gives {person} more than one part in this decision."
        fix = "use one letter (R, A, C or I); the only pair allowed is A/R, for the person who signs off and does the work."
    else:
        what = f"'{value}' is not a decision role."
        fix = "use R (does the work), A (signs off), C (consulted), I (informed), A/R, or leave it blank."
    return Problem(f"decision '{decision}', {person}", what, fix)


def empty_raci(decisions: Iterable[str] = (), people: Iterable[str] = ()) -> pd.DataFrame:
    """A blank decision-roles table (rows: decisions, columns: people)."""
    table = pd.DataFrame("", index=pd.Index(list(decisions), name="decision", dtype=object),
                         columns=pd.Index(list(people), dtype=object), dtype=object)
    return table


def draft_raci(m: StakeholderMap, *, roles: Mapping[str, str] | None = None,
               decisions: Sequence[str] | Mapping[str, str] | None = None, people: Sequence[str] | None = None,
               power: str = "both") -> pd.DataFrame:
    """A first draft of the decision-roles table, seeded from the map: edit it, then check it.

    Parameters
    ----------
    m
        The stakeholder map.
    roles
        Name -> role. Default: the suggested roles (:func:`qi_kit.engage.suggest_roles`).
    decisions
        The decisions (rows): a list, or a dict decision -> who signs it off in the draft
        (``"sponsor"`` or ``"champion"``; a list means the sponsor). Default:
        ``DEFAULT_DECISIONS``, five decisions most QI projects meet.
    people
        The people (columns). Default: everyone with a role, then everyone else in the
        *manage closely* or *keep satisfied* quadrants, in map order.
    power
        How the grid measures power (see ``power_interest_grid``).

    Returns
    -------
    pandas.DataFrame
        Index ``decision``, one column per person, cells in ``CELL_VALUES``.

    Notes
    -----
    Seeding rule. Who signs off (**A**): for the organisation's decisions (aim, adoption,
    spread) the sponsor with the most authority - sponsors are natural A's (with no sponsor,
    the person with the most authority); for the change team's own decisions (which ideas to
    test, starting a small test) the champion, who also does the work (**A/R**), while the
    sponsor is kept informed (**I**). Champions are **R** (they do the work); influencers, resistors
    and people in *manage closely* with formal authority 3+ are **C** (listening to a sceptic
    before deciding is how they come to "let it happen"); everyone else in the table is **I**.
    With no champion, nobody is R: the check will say so, which is the point.

    Examples
    --------
    >>> from qi_kit import load_case
    >>> draft = draft_raci(load_case("ward"))
    >>> draft.loc["Agree the aim and scope of the project", "Margaret Okafor"]
    'A'
    >>> draft.loc["Start a small test of change", "Hannah Price"]
    'A/R'
    """
    if roles is None:
        from .roles import final_roles

        roles = final_roles(m)
    grid = power_interest_grid(m, power=power).set_index("name")
    if people is None:
        with_role = [n for n in m.names if roles.get(n, "")]
        powerful = [n for n in m.names if n not in with_role
                    and grid.loc[n, "quadrant"] in ("manage closely", "keep satisfied")]
        people = with_role + powerful
    else:
        people = [m.resolve(p) for p in people]
    authority = m.people.set_index("name")["authority"]
    order = {n: i for i, n in enumerate(people)}
    sponsors = [n for n in people if roles.get(n) == "sponsor"] or list(people)
    sponsor = max(sponsors, key=lambda n: (authority[n], -order[n])) if sponsors else None
    champion = next((n for n in people if roles.get(n) == "champion"), None)
    if decisions is None:
        decisions = DEFAULT_DECISIONS
    signer = dict(decisions) if isinstance(decisions, Mapping) else {d: "sponsor" for d in decisions}
    table = empty_raci(list(signer), people)
    for person in people:
        role = roles.get(person, "")
        if role == "champion":
            base = "R"
        elif role in ("influencer", "resistor", "sponsor") or (
                grid.loc[person, "quadrant"] == "manage closely" and authority[person] >= 3):
            base = "C"
        else:
            base = "I"
        table[person] = base
    for decision, who in signer.items():
        if who == "champion" and champion is not None:
            table.loc[decision, champion] = "A/R"
            if sponsor is not None and sponsor != champion:
                table.loc[decision, sponsor] = "I"
        elif sponsor is not None:
            table.loc[decision, sponsor] = "A"
    return table


def set_raci(table: pd.DataFrame, decision: str, person: str, value: str, *,
             m: StakeholderMap | None = None) -> pd.DataFrame:
    """A new table with one cell changed (a new person gets a column; blank removes their part).

    Raises
    ------
    MapError
        If the decision is not in the table, the letter is not a decision role, or (with ``m``)
        the person is not on the map.
    """
    if decision not in table.index:
        hint = suggest(decision, table.index)
        raise MapError(Problem(f"decision '{decision}'", "This decision is not in the table.",
                               f"{hint}Add it first, or pick one from the list."))
    cell = tidy_cell(value)
    if cell is None:
        raise MapError(_cell_problem(decision, person, value))
    if m is not None:
        person = m.resolve(person)
    new = table.copy()
    if person not in new.columns:
        new[person] = ""
    new.loc[decision, person] = cell
    return new


def add_decision(table: pd.DataFrame, decision: str) -> pd.DataFrame:
    """A new table with one more (blank) decision at the bottom."""
    name = " ".join(str(decision).split())
    if not name:
        raise MapError(Problem("new decision", "The decision has no name.",
                               "type a short description, e.g. 'Approve extra night staffing'."))
    if name.casefold() in {d.casefold() for d in table.index}:
        raise MapError(Problem(f"decision '{name}'", "This decision is already in the table.",
                               "give it a different name, or edit the row that is there."))
    row = pd.DataFrame("", index=pd.Index([name], name="decision", dtype=object), columns=table.columns,
                       dtype=object)
    return pd.concat([table, row])


def remove_decision(table: pd.DataFrame, decision: str) -> pd.DataFrame:
    """A new table without this decision."""
    if decision not in table.index:
        hint = suggest(decision, table.index)
        raise MapError(Problem(f"decision '{decision}'", "This decision is not in the table.",
                               f"{hint}Pick one from the list."))
    return table.drop(index=decision)


def raci_problems(table: pd.DataFrame, *, m: StakeholderMap | None = None) -> list[Problem]:
    """Every rule the table breaks, each with the decision, what is wrong and how to fix it.

    Rules: each decision has a name, appears once, has **exactly one A** (A/R counts) and **at
    least one R** (A/R counts); every cell is a decision role; with ``m``, every column is a
    person on the map.
    """
    problems: list[Problem] = []
    if table.shape[0] == 0:
        return [Problem("decision roles", "There are no decisions yet.",
                        "add the decisions your project needs (e.g. 'Start a test of change on the ward').")]
    if m is not None:
        for person in table.columns:
            if person not in m:
                hint = suggest(str(person), m.names)
                problems.append(Problem(f"column '{person}'", "This person is not on the map.",
                                        f"{hint}Add them to the map, or remove the column."))
    seen: set[str] = set()
    for decision, row in table.iterrows():
        label = " ".join(str(decision).split())
        if not label:
            problems.append(Problem("a decision", "A decision has no name.", "type what is being decided."))
            label = "(no name)"
        elif label.casefold() in seen:
            problems.append(Problem(f"decision '{label}'", "This decision is in the table twice.",
                                    "keep one row per decision."))
        seen.add(label.casefold())
        cells = {}
        for person, value in row.items():
            cell = tidy_cell(value)
            if cell is None:
                problems.append(_cell_problem(label, person, value))
            cells[person] = cell or ""
        accountable = [p for p, c in cells.items() if c in ("A", "A/R")]
        responsible = [p for p, c in cells.items() if c in ("R", "A/R")]
        if not accountable:
            problems.append(Problem(f"decision '{label}'", "Nobody is accountable (A).",
                                    "give exactly one person an A: the one who signs this decision off "
                                    "(often the sponsor)."))
        elif len(accountable) > 1:
            problems.append(Problem(f"decision '{label}'",
                                    f"{_and(accountable)} are all accountable (A).",
                                    "keep one A, the person who signs off; make the others R (they do the "
                                    "work) or C (they are consulted)."))
        if not responsible:
            problems.append(Problem(f"decision '{label}'", "Nobody is responsible (R) for the work.",
                                    "give at least one person an R (if the person who signs off also does "
                                    "the work, write A/R)."))
    return problems


def check_raci(table: pd.DataFrame, *, m: StakeholderMap | None = None) -> pd.DataFrame:
    """The table with every cell tidied, or a :class:`MapError` listing every problem.

    Examples
    --------
    >>> t = empty_raci(["Spread the change"], ["Ann", "Bo"])
    >>> check_raci(t)
    Traceback (most recent call last):
    ...
    qi_kit.errors.MapError: There are 2 problems to fix:
    - decision 'Spread the change': Nobody is accountable (A). Fix: give exactly one person an A: the one who signs this decision off (often the sponsor).
    - decision 'Spread the change': Nobody is responsible (R) for the work. Fix: give at least one person an R (if the person who signs off also does the work, write A/R).
    """
    raise_if_problems(raci_problems(table, m=m))
    return table.map(tidy_cell)


def raci_warnings(table: pd.DataFrame) -> list[str]:
    """Things that are allowed but worth a second look (plain sentences)."""
    warnings = []
    for decision, row in table.iterrows():
        consulted = [p for p, v in row.items() if tidy_cell(v) == "C"]
        if len(consulted) > max(_TOO_MANY_CONSULTED, table.shape[1] // 2):
            warnings.append(f"'{decision}': {len(consulted)} people are consulted. Consulting many people "
                            "slows a decision; could some be informed instead?")
    for person in table.columns:
        if all(tidy_cell(v) == "" for v in table[person]):
            warnings.append(f"{person} has no part in any decision: give them a letter or leave them out.")
    return warnings


def raci_summary(table: pd.DataFrame) -> str:
    """One plain sentence on who signs off what."""
    if table.shape[0] == 0:
        return "No decisions yet."
    owners: dict[str, int] = {}
    for _, row in table.iterrows():
        for person, value in row.items():
            if tidy_cell(value) in ("A", "A/R"):
                owners[person] = owners.get(person, 0) + 1
    n = table.shape[0]
    decisions = f"{n} decision{'s' if n != 1 else ''}"
    if not owners:
        return f"{decisions}; nobody signs any of them off yet."
    parts = [f"{p} signs off {k}" for p, k in sorted(owners.items(), key=lambda kv: -kv[1])]
    return f"{decisions}: {'; '.join(parts)}."


def raci_to_dict(table: pd.DataFrame) -> dict[str, Any]:
    """JSON-ready data: ``{"people": [...], "decisions": [{"decision": ..., "roles": {...}}]}``."""
    return {"people": [str(p) for p in table.columns],
            "decisions": [{"decision": str(d), "roles": {str(p): str(v) for p, v in row.items() if v}}
                          for d, row in table.iterrows()]}


def raci_from_dict(data: Mapping[str, Any]) -> pd.DataFrame:
    """The table back from :func:`raci_to_dict` (cells are kept as typed; check them with check_raci)."""
    if not isinstance(data, Mapping):
        raise MapError(Problem("decision roles", "This is not a saved decision-roles table.",
                               "redraft the table from the map."))
    people = [str(p) for p in data.get("people") or []]
    rows = data.get("decisions") or []
    table = empty_raci([str(r.get("decision", "")) for r in rows], people)
    for i, r in enumerate(rows):
        for person, value in (r.get("roles") or {}).items():
            if person not in table.columns:
                table[person] = ""
            table.iloc[i, table.columns.get_loc(person)] = "" if value is None else str(value)
    return table


def _and(names: Sequence[str]) -> str:
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
