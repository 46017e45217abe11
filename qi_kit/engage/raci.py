"""Decision roles (RACI): who is Responsible, Accountable, Consulted and Informed for each decision.

A table with one row per decision and one column per person; each cell holds one letter:
**R** does the work, **A** signs the decision off (exactly one per decision), **C** is asked
before the decision (two-way), **I** is told after it (one-way). ``A/R`` marks the one person
who both signs off and does the work. Agreeing this early is the "decision path" step of
working with leaders (source 000): it speeds up escalation and approvals.

The draft treats the people who make the change as partners, not audiences (source 003, "doing
with, not doing to"; source 002, including quieter voices): the change team (day-to-day
leader, champions, other members) is Responsible for choosing and testing ideas, the patient
partner is Consulted on every decision ("nothing about me without me"), the staff who do the
work are Responsible for the tests and Consulted on what to test and what to adopt, and the
local manager of the place where the work is done (the ward manager, or a matron) is
Accountable for adopting a change as that place's standard. A column may stand for a whole
team: "Others in Ward 7B" is everyone in that unit without a column of their own.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from ..errors import MapError, Problem, suggest

from ..model import StakeholderMap, raise_if_problems
from ..text import and_list, fold, plural
from .grid import power_interest_grid

RACI_LETTERS: dict[str, str] = {
    "R": "Responsible: does the work",
    "A": "Accountable: signs the decision off (exactly one person)",
    "C": "Consulted: asked before the decision (two-way)",
    "I": "Informed: told after the decision (one-way)",
}
#: what a cell may hold after tidying ("" = no part in this decision)
CELL_VALUES: tuple[str, ...] = ("", "R", "A", "A/R", "C", "I")

#: decisions most QI projects meet -> what kind of decision it is (see DECISION_KINDS)
DEFAULT_DECISIONS: dict[str, str] = {
    "Agree the aim, scope and measures (the project charter)": "charter",
    "Choose which change ideas to test": "choose",
    "Run a small test of change": "test",
    "Adopt a change as the standard way of working here": "adopt",
    "Spread the change to other teams": "spread",
}

#: kind of decision -> (who signs it off, {who: letter}); who is one of the CATEGORIES below.
#: The organisation's decisions are the sponsor's; the team's own tests the day-to-day
#: leader's; a place's standard its local manager's. Everyone not named is Informed.
DECISION_KINDS: dict[str, tuple[str, dict[str, str]]] = {
    "charter": ("sponsor", {"leader": "R", "champion": "R", "team": "R", "partner": "C", "local": "C",
                            "influencer": "C", "resistor": "C", "senior": "C"}),
    "choose": ("leader", {"leader": "R", "champion": "R", "team": "R", "partner": "C", "frontline": "C",
                          "local": "C", "influencer": "C", "resistor": "C"}),
    "test": ("leader", {"leader": "R", "champion": "R", "team": "R", "frontline": "R", "partner": "C",
                        "local": "C", "influencer": "C", "resistor": "C"}),
    "adopt": ("local", {"leader": "R", "champion": "R", "team": "R", "partner": "C", "frontline": "C",
                        "influencer": "C", "resistor": "C", "stake": "C"}),
    "spread": ("sponsor", {"leader": "R", "local": "C", "partner": "C", "senior": "C", "satisfy": "C"}),
}
#: other words for a kind of decision (the organisation's decisions are like spreading)
_KIND_WORDS: dict[str, str] = {"sponsor": "spread", "organisation": "spread", "organization": "spread",
                               "champion": "test", "team": "test", "leader": "test", "local": "adopt",
                               "standard": "adopt", "aim": "charter"}
#: who signs off when the first choice is missing
_SIGNER_FALLBACK: dict[str, tuple[str, ...]] = {"sponsor": ("sponsor",), "leader": ("leader", "champion", "local",
                                                                                     "sponsor"),
                                                "local": ("local", "sponsor")}
#: the local manager is the first person up the reporting line with this much authority
LOCAL_AUTHORITY = 3
#: a column that stands for everyone else in a unit
GROUP_PREFIX = "Others in "
_RANK = {"": 0, "I": 1, "C": 2, "R": 3}

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


def _managers(m: StakeholderMap) -> dict[str, list[str]]:
    """name -> the people they report to (reports_to ties), in tie order."""
    ties = m.ties[m.ties["kind"] == "reports_to"]
    out: dict[str, list[str]] = {}
    for source, target in zip(ties["source"], ties["target"]):
        out.setdefault(source, []).append(target)
    return out


def _up_to_local(name: str, managers: Mapping[str, list[str]], authority: Mapping[str, int]) -> str | None:
    """The first person up the reporting line from ``name`` with LOCAL_AUTHORITY or more."""
    seen, frontier = {name}, list(managers.get(name, []))
    while frontier:
        nxt: list[str] = []
        for person in frontier:
            if person in seen:
                continue
            seen.add(person)
            if authority[person] >= LOCAL_AUTHORITY:
                return person
            nxt += managers.get(person, [])
        frontier = nxt
    return None


def _under(leader: str, managers: Mapping[str, list[str]]) -> set[str]:
    """Everyone who reports to ``leader``, directly or through others."""
    reports: dict[str, list[str]] = {}
    for person, bosses in managers.items():
        for boss in bosses:
            reports.setdefault(boss, []).append(person)
    found: set[str] = set()
    frontier = [leader]
    while frontier:
        person = frontier.pop()
        for r in reports.get(person, []):
            if r not in found and r != leader:
                found.add(r)
                frontier.append(r)
    return found


def local_leader(m: StakeholderMap, roles: Mapping[str, str]) -> str | None:
    """The manager of the place where the work is done (a ward manager, a headteacher), or None.

    From each champion and influencer (the people closest to the work), go up the reporting
    lines to the first person with authority 3 or more; of the managers found, the one whose
    reporting tree holds most of those people (ties: more authority, then map order).

    >>> from qi_kit import load_case
    >>> local_leader(load_case("ward"), {"Emily Watson": "champion", "Rosa Delgado": "influencer"})
    'Tom Barker'
    """
    managers = _managers(m)
    authority = m.people.set_index("name")["authority"].to_dict()
    close = [n for n in m.names if roles.get(n) in ("champion", "influencer")]
    found = [f for f in (_up_to_local(n, managers, authority) for n in close) if f]
    if not found:
        return None
    order = {n: i for i, n in enumerate(m.names)}
    candidates = list(dict.fromkeys(found))
    score = {c: sum(1 for n in close if n in _under(c, managers)) for c in candidates}
    return max(candidates, key=lambda c: (score[c], authority[c], -order[c]))


def group_label(unit: str) -> str:
    """The column that stands for everyone in ``unit`` without a column of their own."""
    return f"{GROUP_PREFIX}{unit}"


def group_unit(column: str, m: StakeholderMap) -> str | None:
    """The unit a group column stands for ('Others in Ward 7B' -> 'Ward 7B'), or None."""
    if column in m or not str(column).startswith(GROUP_PREFIX):
        return None
    unit = str(column)[len(GROUP_PREFIX):]
    return unit if unit and unit in set(m.people["unit"]) else None


def _decision_kind(value: Any) -> str:
    key = fold(value)
    kind = key if key in DECISION_KINDS else _KIND_WORDS.get(key)
    if kind is None:
        hint = suggest(str(value), DECISION_KINDS)
        raise MapError(Problem(f"kind of decision '{value}'", "This is not a kind of decision the kit knows.",
                               f"{hint}Use one of: {', '.join(DECISION_KINDS)}."))
    return kind


def draft_raci(m: StakeholderMap, *, roles: Mapping[str, str] | None = None,
               decisions: Sequence[str] | Mapping[str, str] | None = None, people: Sequence[str] | None = None,
               power: str = "both", local: str | None = None, teams: bool = True) -> pd.DataFrame:
    """A first draft of the decision-roles table, seeded from the map: edit it, then check it.

    Parameters
    ----------
    m
        The stakeholder map.
    roles
        Name -> role. Default: the roles in use (:func:`qi_kit.engage.final_roles`).
    decisions
        The decisions (rows): a list (each decided like the organisation's decisions, signed
        off by the sponsor), or a dict decision -> kind (``charter``, ``choose``, ``test``,
        ``adopt``, ``spread``). Default: ``DEFAULT_DECISIONS``, five decisions most QI
        projects meet.
    people
        The people (columns). Default: everyone with a role, the local manager, everyone else
        in *manage closely* or *keep satisfied*, in map order; then (with ``teams``) one
        column per unit for the other people who do the work ("Others in <unit>").
    power
        How the grid measures power (see ``power_interest_grid``).
    local
        The manager of the place where the work is done, accountable for its standards.
        Default: :func:`local_leader` (for the ward, the ward manager).
    teams
        Add the columns for the people doing the work (everyone who reports, directly or not,
        to the local manager and has no column of their own), one per unit.

    Returns
    -------
    pandas.DataFrame
        Index ``decision``, one column per person or team, cells in ``CELL_VALUES``.

    Notes
    -----
    Each decision's kind sets who signs it off (**A**) and who does what
    (:data:`DECISION_KINDS`): the sponsor signs off the charter and spreading; the day-to-day
    leader the team's choice of ideas and its tests (**A/R**: they also do the work); the local
    manager adopting a change as the place's standard. The change team is **R** on the
    charter, choosing, testing and adopting; the patient partner **C** on every decision; the people doing the work **R**
    on the tests and **C** on what to test and what to adopt; influencers and resistors **C**
    (listening to a sceptic before deciding is how they come to "let it happen"); others in
    *manage closely* **C** on the charter and on spreading (formal authority 3+) or on adopting
    (less); people with authority 3+ in *keep satisfied* **C** on spreading; everyone else **I**. A missing signer falls back: no day-to-day leader -> a
    champion, the local manager, then the sponsor; no local manager -> the sponsor; no sponsor
    -> the person with most authority. With nobody to do the work, nobody is R: the check says
    so, which is the point.

    Examples
    --------
    >>> from qi_kit import load_case
    >>> draft = draft_raci(load_case("ward"))
    >>> draft.loc["Adopt a change as the standard way of working here", "Tom Barker"]
    'A'
    >>> draft.loc["Run a small test of change", ["Hannah Price", "Others in Ward 7B nights HCAs"]].tolist()
    ['A/R', 'R']
    >>> draft["Joan Fletcher"].unique().tolist()
    ['C']
    """
    if roles is None:
        from .roles import final_roles

        roles = final_roles(m)
    grid = power_interest_grid(m, power=power).set_index("name")
    authority = m.people.set_index("name")["authority"].to_dict()
    local = m.resolve(local) if local else local_leader(m, roles)
    under = _under(local, _managers(m)) if teams and local is not None else set()
    if people is None:
        individuals = [n for n in m.names if roles.get(n, "") or n == local
                       or (grid.loc[n, "quadrant"] in ("manage closely", "keep satisfied")
                           and (authority[n] >= 3 or n not in under))]
        columns: list[str] = list(individuals)
        members: dict[str, list[str]] = {}
        if under:
            units = m.people.set_index("name")["unit"]
            for n in m.names:
                if n in under and n not in individuals:
                    if units[n]:
                        members.setdefault(group_label(units[n]), []).append(n)
                    else:
                        columns.append(n)
            columns += list(members)
    else:
        columns = [p if group_unit(p, m) else m.resolve(p) for p in people]
        members = {c: [] for c in columns if group_unit(c, m)}
    order = {n: i for i, n in enumerate(columns)}

    def category(column: str) -> set[str]:
        if column in members:
            return {"frontline"}
        role = roles.get(column, "")
        found = {"sponsor": {"sponsor"}, "day-to-day leader": {"leader"}, "champion": {"champion"},
                 "change team": {"team"}, "patient partner": {"partner"}, "influencer": {"influencer"},
                 "resistor": {"resistor"}}.get(role, set())
        if column == local:
            found.add("local")
        quadrant = grid.loc[column, "quadrant"]
        if not found and quadrant == "manage closely":
            found.add("senior" if authority[column] >= 3 else "stake")
        elif not found and quadrant == "keep satisfied" and authority[column] >= 3:
            found.add("satisfy")
        return found

    kinds = {column: category(column) for column in columns}
    sponsors = [c for c in columns if "sponsor" in kinds[c]] or [c for c in columns if c not in members]
    holders = {
        "sponsor": max(sponsors, key=lambda n: (authority[n], -order[n])) if sponsors else None,
        "leader": next((c for c in columns if "leader" in kinds[c]), None),
        "champion": next((c for c in columns if "champion" in kinds[c]), None),
        "local": local if local in order else None,
    }
    if decisions is None:
        decisions = DEFAULT_DECISIONS
    kind_of = ({d: _decision_kind(k) for d, k in decisions.items()} if isinstance(decisions, Mapping)
               else {d: "spread" for d in decisions})
    table = empty_raci(list(kind_of), columns)
    for decision, kind in kind_of.items():
        signer_role, letters = DECISION_KINDS[kind]
        signer = next((holders[r] for r in _SIGNER_FALLBACK[signer_role] if holders[r] is not None), None)
        for column in columns:
            letter = max((letters.get(k, "I") for k in kinds[column]), key=_RANK.get, default="I")
            table.loc[decision, column] = letter
        if signer is not None:
            table.loc[decision, signer] = "A/R" if table.loc[decision, signer] == "R" else "A"
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
    if m is not None and group_unit(person, m) is None:
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
            if person not in m and group_unit(person, m) is None:
                hint = suggest(str(person), m.names)
                problems.append(Problem(f"column '{person}'", "This person is not on the map.",
                                        f"{hint}Add them to the map, or remove the column "
                                        f"(a team's column is '{GROUP_PREFIX}' and the unit's name)."))
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
    """Things that are allowed but worth a second look (plain sentences).

    Many individuals consulted on one decision slows it down; a team's column ("Others in ...",
    the people doing the work, asked at their huddle) is not counted: consulting them is
    partnership, not delay.
    """
    warnings = []
    individuals = [p for p in table.columns if not str(p).startswith(GROUP_PREFIX)]
    for decision, row in table.iterrows():
        consulted = [p for p, v in row.items() if tidy_cell(v) == "C" and p in individuals]
        if len(consulted) > max(_TOO_MANY_CONSULTED, len(individuals) // 2):
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
    decisions = plural(n, "decision")
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
    return and_list(names)
