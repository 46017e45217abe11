"""The stakeholder influence map: two tables (people, ties) and a networkx view.

Convention, used everywhere in the kit: **an arrow points at the person who is listened to**.
``A -> B`` of kind ``advice`` means A goes to B for advice; ``reports_to`` means A reports to B;
``trust`` means A trusts B; ``information`` means A gets information from B; ``resources`` means
A gets resources from B. This is how network surveys ("whom do you go to?") record ties, so
real survey data loads without flipping. Influence therefore flows *against* the arrow.

A map is immutable: editing methods (``add_person``, ``add_tie``, ...) return a new map, so
"undo" is keeping the previous one. Every way of building a map runs the same checks and
raises one :class:`~qi_kit.errors.MapError` that lists every problem with its row and a fix.
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal, InvalidOperation
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx
import pandas as pd

from .choices import choose
from .errors import MapError, Problem, Suggestions, suggest
from .text import plural

#: the engagement roles, as the NHS and IHI improvement toolkits use them (see qi_kit.engage.roles):
#: sponsor (senior leader who owns the aim and clears barriers), day-to-day leader (leads the
#: change team and its tests), champion (a colleague, e.g. a link nurse, who promotes the change
#: among peers), change team (another member of the team doing the improvement), patient partner
#: (a patient, carer or family member on the change team), influencer (listened to whatever their
#: title), resistor (against the change today)
ROLES: tuple[str, ...] = ("sponsor", "day-to-day leader", "champion", "change team", "patient partner",
                          "influencer", "resistor")
#: the roles of the people who make the change together: partners in it, not audiences for it
CHANGE_TEAM_ROLES: tuple[str, ...] = ("day-to-day leader", "champion", "change team", "patient partner")
#: other words people type for a role -> the role
ROLE_ALIASES: dict[str, str] = {
    "lead": "day-to-day leader", "leader": "day-to-day leader", "project lead": "day-to-day leader",
    "team lead": "day-to-day leader", "improvement lead": "day-to-day leader", "qi lead": "day-to-day leader",
    "link nurse": "champion", "link practitioner": "champion",
    "team": "change team", "team member": "change team", "change team member": "change team",
    "patient": "patient partner", "carer": "patient partner", "carer partner": "patient partner",
    "family partner": "patient partner", "patient representative": "patient partner",
    "sceptic": "resistor", "skeptic": "resistor", "opinion leader": "influencer",
}
TIE_KINDS: tuple[str, ...] = ("reports_to", "advice", "trust", "information", "resources")

#: rating column -> (lowest, highest, value used when left blank)
RATINGS: dict[str, tuple[int, int, int]] = {
    "authority": (0, 5, 0),
    "influence": (0, 5, 0),
    "interest": (0, 5, 0),
    "stance": (-2, 2, 0),
}
STRENGTH: tuple[int, int, int] = (1, 3, 1)
TEXT_COLUMNS: tuple[str, ...] = ("title", "unit", "notes")
PEOPLE_COLUMNS: tuple[str, ...] = ("name", "title", "unit", *RATINGS, "role", "notes")
TIE_COLUMNS: tuple[str, ...] = ("source", "target", "kind", "strength")

#: what each field means, for forms, hints and error messages
FIELD_HELP: dict[str, str] = {
    "name": "the person's name (or initials, or a role such as 'Charge nurse B')",
    "title": "their job title",
    "unit": "their team, ward or department",
    "authority": "formal decision power: 0 none ... 5 can approve or stop the project",
    "influence": "how much others listen to them, whatever their title: 0 ... 5",
    "interest": "how much the change matters to them: 0 ... 5",
    "stance": "their view of the change: -2 opposes, 0 neutral, +2 champions",
    "role": "sponsor, day-to-day leader, champion, change team, patient partner, influencer, resistor, or blank",
    "notes": "anything worth remembering (left out of pseudonymised exports)",
    "source": "the person who goes to someone (for advice, trust, ...)",
    "target": "the person they go to: the one who is listened to",
    "kind": "reports_to, advice, trust, information or resources",
    "strength": "1 occasional, 2 regular, 3 strong",
}

_MAX_LISTED = 25  # problems listed in one message; the rest are counted


@dataclass(frozen=True)
class Origin:
    """Where a table came from, to name rows the way the learner sees them.

    ``first_row`` is the number of the first data row: 2 for a file (row 1 is the header, as
    in a spreadsheet), 1 for a table typed in code.
    """

    label: str = "people table"
    first_row: int = 1
    #: for each row handed to the checks, its position in the original table (blank rows skipped)
    positions: tuple[int, ...] | None = None

    def row(self, index: int) -> int:
        """The row number the learner sees for the ``index``-th checked row."""
        if self.positions is not None and index < len(self.positions):
            index = self.positions[index]
        return self.first_row + index

    def at(self, index: int, column: str | None = None) -> str:
        where = f"{self.label}, row {self.row(index)}"
        return f"{where}, column '{column}'" if column else where


# --------------------------------------------------------------------------- cleaning values


def _is_blank(value: Any) -> bool:
    """None, NaN, pandas' missing values (NA, NaT) and blank text."""
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, str) and not value.strip()


def _text(value: Any) -> str:
    return "" if _is_blank(value) else " ".join(str(value).split())


SHOWN_LENGTH = 40  # characters of a typed value quoted back in a message


def shown(value: Any) -> str:
    """A typed value as a message quotes it: one line, at most :data:`SHOWN_LENGTH` characters."""
    text = _text(value)
    return text if len(text) <= SHOWN_LENGTH else text[:SHOWN_LENGTH - 1] + "\u2026"


#: values that are not text, whatever ``str()`` makes of them
_NOT_TEXT = (list, tuple, dict, set, frozenset, bytes, bytearray, Mapping)


_PLAIN = (str, int, float, bool, type(None))


def _not_text(value: Any, where: str, problems: list[Problem]) -> bool:
    """True (and a problem) if ``value`` is a list, a dict, bytes... rather than text or a number."""
    if type(value) in _PLAIN:  # the usual case, checked without the slower abstract-class test
        return False
    if isinstance(value, _NOT_TEXT):
        problems.append(Problem(where, f"This is {kind_of(value)}, not text.",
                                "type plain text (a name, a title...), one value per cell."))
        return True
    return False


def kind_of(value: Any) -> str:
    """What a value is, in words for a message: 'a list', 'a dict', 'raw bytes', 'an int'..."""
    if isinstance(value, (bytes, bytearray)):
        return "raw bytes"
    if isinstance(value, Mapping):
        return "a dict"
    if isinstance(value, (list, tuple)):
        return "a list"
    name = type(value).__name__
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def _as_decimal(value: Any) -> Decimal | None:
    """A typed number exactly, however large (``10**400``, ``'1e400'``), or None if it is not one."""
    if isinstance(value, bool) or isinstance(value, _NOT_TEXT):
        return None
    if isinstance(value, numbers.Integral):
        return Decimal(int(value))
    if isinstance(value, numbers.Real):
        return Decimal(float(value)) if math.isfinite(value) else None
    try:
        number = Decimal(str(value).strip().replace(",", ".").replace("\u2212", "-"))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _whole_number(value: Any, low: int, high: int, default: int, column: str, where: str,
                  problems: list[Problem]) -> int:
    """A rating as an int in [low, high]; blank gives the default; anything else is a problem."""
    if _is_blank(value):
        return default
    scale = f"a whole number from {low} to {high}"
    number = _as_decimal(value)
    if number is None:
        problems.append(Problem(where, f"'{shown(value)}' is not a number.",
                                f"type {scale} ({FIELD_HELP[column]}), or leave it blank.",
                                form_fix=f"type {scale} ({FIELD_HELP[column]})."))
        return default
    if not low <= number <= high:
        problems.append(Problem(where, f"{shown(value)} is outside the scale {low} to {high}.",
                                f"use {scale} ({FIELD_HELP[column]})."))
        return default
    if number != number.to_integral_value():
        problems.append(Problem(where, f"{shown(value)} is not a whole number.", f"use {scale}."))
        return default
    return int(number)


def _choice(value: Any, allowed: Sequence[str], column: str, where: str,
            problems: list[Problem], aliases: Mapping[str, str] | None = None) -> str:
    if _not_text(value, where, problems):
        return ""
    return choose(_text(value), allowed, what=f"a {column} the kit knows", where=where, aliases=aliases,
                  problems=problems, shown=shown(value)) or ""


def _records(table: Any, columns: Sequence[str], label: str = "the table") -> list[dict[str, Any]]:
    """Rows of a DataFrame, a list of dicts or None, as plain dicts."""
    if table is None:
        return []
    if isinstance(table, pd.DataFrame):
        return table.to_dict("records")
    if isinstance(table, Mapping):
        raise MapError(Problem(label, "A table must be a list of rows, not a single dict.",
                               f"wrap it in a list, e.g. [{{'{columns[0]}': ...}}]."))
    rows = list(table)
    for i, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise MapError(Problem(f"{label}, row {i + 1}", f"a row must be a dict of columns, not {kind_of(row)}.",
                                   f"write each row like {{'{columns[0]}': ...}}."))
    return [dict(r) for r in rows]


def clean_people(rows: Iterable[Mapping[str, Any]], origin: Origin,
                 problems: list[Problem]) -> pd.DataFrame:
    """Typed people table from raw rows; every problem found is appended to ``problems``."""
    cleaned: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        if _not_text(row.get("name"), origin.at(i, "name"), problems):
            continue
        name = _text(row.get("name"))
        if not name:
            problems.append(Problem(origin.at(i, "name"), "The name is blank.",
                                    "type the person's name (or initials or a role), or delete the row.",
                                    form_fix="type the person's name (or initials or a role) in 'Name'."))
            continue
        key = name.casefold()
        if key in seen:
            first = origin.row(seen[key])
            problems.append(Problem(origin.at(i, "name"), f"'{shown(name)}' is already on row {first}.",
                                    "give each person one row; if they are two people, make the names "
                                    "different (add an initial or a role).",
                                    form_what=f"'{shown(name)}' is already on the map.",
                                    form_fix="pick them in 'Edit' to change them; if this is someone else, "
                                             "make the name different (add an initial or a role)."))
            continue
        seen[key] = i
        person: dict[str, Any] = {"name": name}
        for column in TEXT_COLUMNS:
            value = row.get(column)
            person[column] = "" if _not_text(value, origin.at(i, column), problems) else _text(value)
        for column, (low, high, default) in RATINGS.items():
            person[column] = _whole_number(row.get(column), low, high, default, column,
                                           origin.at(i, column), problems)
        role = row.get("role")
        person["role"] = "" if _is_blank(role) else _choice(role, ROLES, "role", origin.at(i, "role"),
                                                                   problems, ROLE_ALIASES)
        cleaned.append(person)
    frame = pd.DataFrame(cleaned, columns=list(PEOPLE_COLUMNS))
    return frame.astype({c: "int64" for c in RATINGS})


def clean_ties(rows: Iterable[Mapping[str, Any]], names: Iterable[str], origin: Origin,
               problems: list[Problem], *, default_kind: str | None = None) -> pd.DataFrame:
    """Typed ties table from raw rows, checked against the people's names."""
    canonical = {name.casefold(): name for name in names}
    hints = Suggestions(canonical.values())  # indexed once: misspelt names cost rows, not rows x people
    cleaned: list[dict[str, Any]] = []
    seen: dict[tuple[str, str, str], int] = {}
    low, high, default = STRENGTH
    for i, row in enumerate(rows):
        ends: dict[str, str] = {}
        for end in ("source", "target"):
            if _not_text(row.get(end), origin.at(i, end), problems):
                continue
            raw = _text(row.get(end))
            if not raw:
                problems.append(Problem(origin.at(i, end), f"The {end} is blank.",
                                        f"type {FIELD_HELP[end]}, or delete the row.",
                                        form_fix="add people to the map first, then pick both people of the tie."))
            elif raw.casefold() in canonical:
                ends[end] = canonical[raw.casefold()]
            else:
                hint = hints.suggest(raw)
                problems.append(Problem(origin.at(i, end), f"'{shown(raw)}' is not in the people table.",
                                        f"{hint}Add them to the people table first, "
                                        "or correct the spelling.",
                                        form_what=f"'{shown(raw)}' is not on the map.",
                                        form_fix=f"{hint}Add them with the People form first, "
                                                 "or pick a name from the list."))
        kind_value = row.get("kind")
        if _is_blank(kind_value) and default_kind:
            kind_value = default_kind
        if _is_blank(kind_value):
            problems.append(Problem(origin.at(i, "kind"), "The kind of tie is blank.",
                                    f"use one of: {', '.join(TIE_KINDS)}."))
            kind = ""
        else:
            kind = _choice(kind_value, TIE_KINDS, "kind of tie", origin.at(i, "kind"), problems)
        strength = _whole_number(row.get("strength"), low, high, default, "strength",
                                 origin.at(i, "strength"), problems)
        if len(ends) < 2 or not kind:
            continue
        if ends["source"] == ends["target"]:
            problems.append(Problem(origin.at(i), f"'{shown(ends['source'])}' is tied to themself.",
                                    "a tie joins two different people; delete this row or fix one name.",
                                    form_fix="a tie joins two different people: pick someone else in 'goes to'."))
            continue
        key = (ends["source"], ends["target"], kind)
        if key in seen:
            problems.append(Problem(origin.at(i), f"The {kind} tie {ends['source']} -> {ends['target']} is "
                                    f"already on row {origin.row(seen[key])}.",
                                    "keep one row per tie (use strength 1-3 for how strong it is)."))
            continue
        seen[key] = i
        cleaned.append({"source": ends["source"], "target": ends["target"], "kind": kind, "strength": strength})
    frame = pd.DataFrame(cleaned, columns=list(TIE_COLUMNS)).astype({"strength": "int64"})
    # One canonical order (by person, then kind) so that equal maps have equal tables and the
    # networkx view converts back without reordering.
    rank = {name: i for i, name in enumerate(canonical.values())}
    kind_rank = {k: i for i, k in enumerate(TIE_KINDS)}
    order = sorted(range(len(frame)), key=lambda i: (rank[cleaned[i]["source"]], rank[cleaned[i]["target"]],
                                                     kind_rank[cleaned[i]["kind"]]))
    return frame.iloc[order].reset_index(drop=True)


def raise_if_problems(problems: list[Problem]) -> None:
    """Raise one MapError listing the problems (the first ones, and a count of the rest)."""
    if not problems:
        return
    listed = problems[:_MAX_LISTED]
    error = MapError(listed)
    if len(problems) > _MAX_LISTED:
        error = MapError(listed + [Problem("", f"... and {len(problems) - _MAX_LISTED} more problems like these.",
                                           "fix the ones above first, then load the map again.")],
                         title=f"There are {len(problems)} problems to fix:")
    error.problems = list(problems)
    raise error


# --------------------------------------------------------------------------- the map


class StakeholderMap:
    """A stakeholder influence map: ``people`` and ``ties`` tables plus a networkx view.

    Parameters
    ----------
    people, ties
        DataFrames or lists of dicts with the columns in ``PEOPLE_COLUMNS`` / ``TIE_COLUMNS``.
        Missing rating columns take their defaults (see ``RATINGS``); strength defaults to 1.
    title
        A short name for the project the map is about.

    Raises
    ------
    MapError
        Listing every problem, each with its row and how to fix it.

    Examples
    --------
    >>> m = StakeholderMap([{"name": "Rosa"}, {"name": "Tom", "authority": 3}],
    ...                    [{"source": "Tom", "target": "Rosa", "kind": "advice"}])
    >>> m
    StakeholderMap('', 2 people, 1 tie: advice 1)
    """

    __slots__ = ("_people", "_ties", "title")

    def __init__(self, people: Any = None, ties: Any = None, *, title: str = "",
                 _origins: tuple[Origin, Origin] | None = None, _default_kind: str | None = None):
        people_origin, ties_origin = _origins or (Origin("people table"), Origin("ties table"))
        problems: list[Problem] = []
        people_df = clean_people(_records(people, PEOPLE_COLUMNS, people_origin.label), people_origin, problems)
        ties_df = clean_ties(_records(ties, TIE_COLUMNS, ties_origin.label), people_df["name"], ties_origin, problems,
                             default_kind=_default_kind)
        raise_if_problems(problems)
        self._people = people_df
        self._ties = ties_df
        self.title = _text(title)

    # ---- reading
    @property
    def people(self) -> pd.DataFrame:
        """One row per person (a copy: edit the map with its methods)."""
        return self._people.copy()

    @property
    def ties(self) -> pd.DataFrame:
        """One row per tie (a copy: edit the map with its methods)."""
        return self._ties.copy()

    @property
    def names(self) -> list[str]:
        return self._people["name"].tolist()

    def __len__(self) -> int:
        return len(self._people)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.casefold() in {n.casefold() for n in self.names}

    def resolve(self, name: str, *, what: str = "person") -> str:
        """The exact name of a person, matched case- and space-insensitively, or a MapError."""
        text = _text(name)
        for known in self.names:
            if known.casefold() == text.casefold():
                return known
        hint = suggest(text, self.names)
        raise MapError(Problem("", f"'{text}' is not a {what} on this map.",
                               f"{hint}Pick a name from the people table."))

    def person(self, name: str) -> dict[str, Any]:
        """Everything recorded about one person, as a dict."""
        name = self.resolve(name)
        row = self._people.loc[self._people["name"] == name].iloc[0]
        return {c: (int(row[c]) if c in RATINGS else str(row[c])) for c in PEOPLE_COLUMNS}

    def kinds(self) -> list[str]:
        """The kinds of tie present, in the kit's standard order."""
        present = set(self._ties["kind"])
        return [k for k in TIE_KINDS if k in present]

    def summary(self) -> str:
        """One plain sentence describing the map."""
        counts = self._ties["kind"].value_counts()
        parts = [f"{counts[k]} {k.replace('_', ' ')}" for k in TIE_KINDS if k in counts]
        ties = plural(len(self._ties), "tie")
        detail = f" ({', '.join(parts)})" if parts else ""
        units = self._people.loc[self._people["unit"] != "", "unit"].nunique()
        unit_text = f" in {plural(units, 'unit')}" if units else ""
        title = f"'{self.title}': " if self.title else ""
        return f"{title}{plural(len(self), 'person', 'people')}{unit_text} and {ties}{detail}."

    def __repr__(self) -> str:
        counts = self._ties["kind"].value_counts()
        parts = ", ".join(f"{k} {counts[k]}" for k in TIE_KINDS if k in counts)
        n = len(self._ties)
        return (f"StakeholderMap({self.title!r}, {plural(len(self), 'person', 'people')}, "
                f"{plural(n, 'tie')}{': ' + parts if parts else ''})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StakeholderMap):
            return NotImplemented
        return (self.title == other.title and self._people.equals(other._people)
                and self._ties.equals(other._ties))

    __hash__ = None  # type: ignore[assignment]

    # ---- networkx
    def graph(self, kind: str | Iterable[str] | None = None) -> nx.DiGraph | nx.MultiDiGraph:
        """The map as a networkx graph, arrows pointing at the person who is listened to.

        ``kind=None`` gives a ``MultiDiGraph`` with every tie (edge key = kind), from which
        :meth:`from_graph` rebuilds the same map. A kind, or a list of kinds, gives a
        ``DiGraph`` of those ties only; where two kinds join the same pair the strongest
        strength is kept and ``kinds`` lists them. Every person is a node, with their fields
        as attributes, even when they have no tie of that kind.
        """
        people = self._people
        nodes = [(row["name"], {c: row[c] for c in PEOPLE_COLUMNS[1:]})
                 for row in people.to_dict("records")]
        if kind is None:
            G: nx.DiGraph | nx.MultiDiGraph = nx.MultiDiGraph(title=self.title)
            G.add_nodes_from(nodes)
            for s, t, k, w in self._ties.itertuples(index=False, name=None):
                G.add_edge(s, t, key=k, kind=k, strength=int(w))
            return G
        kinds = [kind] if isinstance(kind, str) else list(kind)
        for k in kinds:
            if k not in TIE_KINDS:
                hint = suggest(k, TIE_KINDS)
                raise MapError(Problem("", f"'{k}' is not a kind of tie.",
                                       f"{hint}Use one of: {', '.join(TIE_KINDS)}."))
        G = nx.DiGraph(title=self.title, kinds=tuple(kinds))
        G.add_nodes_from(nodes)
        chosen = self._ties[self._ties["kind"].isin(kinds)]
        for s, t, k, w in chosen.itertuples(index=False, name=None):
            if G.has_edge(s, t):
                data = G[s][t]
                data["strength"] = max(data["strength"], int(w))
                data["kinds"] = data["kinds"] + (k,)
            else:
                G.add_edge(s, t, strength=int(w), kinds=(k,))
        return G

    @classmethod
    def from_graph(cls, G: nx.Graph, *, title: str | None = None) -> "StakeholderMap":
        """Rebuild a map from a graph (the inverse of ``graph()``).

        Node attributes become people's fields; an edge's ``kind`` (or its key in a
        MultiDiGraph, or the graph's single ``kinds``) becomes the tie kind.
        """
        people = [{"name": n, **{c: d.get(c) for c in PEOPLE_COLUMNS[1:]}} for n, d in G.nodes(data=True)]
        graph_kinds = G.graph.get("kinds") or ()
        ties = []
        if G.is_multigraph():
            edges = ((s, t, {"kind": d.get("kind", k), **d}) for s, t, k, d in G.edges(keys=True, data=True))
        else:
            edges = G.edges(data=True)
        for s, t, d in edges:
            kinds = [d["kind"]] if d.get("kind") else list(d.get("kinds") or graph_kinds)[:1]
            ties.append({"source": s, "target": t, "kind": kinds[0] if kinds else None,
                         "strength": d.get("strength")})
        return cls(people, ties, title=G.graph.get("title", "") if title is None else title)

    # ---- editing (each returns a new map)
    def _with(self, people: pd.DataFrame | list, ties: pd.DataFrame | list) -> "StakeholderMap":
        return StakeholderMap(people, ties, title=self.title)

    def add_person(self, name: str, **fields: Any) -> "StakeholderMap":
        """A new map with one more person. Unknown field names are a MapError."""
        _check_fields(fields, PEOPLE_COLUMNS[1:])
        row = {"name": name, **fields}
        people = self._people.to_dict("records") + [row]
        return self._with(people, self._ties)

    def update_person(self, person: str, /, **fields: Any) -> "StakeholderMap":
        """A new map with some of one person's fields changed (``name=`` renames them, ties too)."""
        _check_fields(fields, PEOPLE_COLUMNS)
        old = self.resolve(person)
        people = self._people.to_dict("records")
        for row in people:
            if row["name"] == old:
                row.update(fields)
        ties = self._ties
        new = fields.get("name")
        if new is not None and _text(new) and _text(new) != old:
            ties = ties.replace({"source": {old: _text(new)}, "target": {old: _text(new)}})
        return self._with(people, ties)

    def remove_person(self, name: str) -> "StakeholderMap":
        """A new map without this person and their ties."""
        name = self.resolve(name)
        people = self._people[self._people["name"] != name]
        ties = self._ties[(self._ties["source"] != name) & (self._ties["target"] != name)]
        return self._with(people, ties)

    def add_tie(self, source: str, target: str, kind: str, strength: int = 1) -> "StakeholderMap":
        """A new map with the tie ``source -> target`` (source listens to target).

        If that tie already exists its strength is updated.
        """
        row = {"source": source, "target": target, "kind": kind, "strength": strength}
        probe = StakeholderMap(self._people, [row])  # checks names, kind and strength
        tie = probe._ties.iloc[0]
        ties = self._ties
        same = (ties["source"] == tie["source"]) & (ties["target"] == tie["target"]) & (ties["kind"] == tie["kind"])
        records = ties[~same].to_dict("records") + [tie.to_dict()]
        return self._with(self._people, records)

    def remove_tie(self, source: str, target: str, kind: str | None = None) -> "StakeholderMap":
        """A new map without the tie(s) ``source -> target`` (of this kind, or of every kind)."""
        source, target = self.resolve(source), self.resolve(target)
        ties = self._ties
        match = (ties["source"] == source) & (ties["target"] == target)
        if kind is not None:
            match &= ties["kind"] == kind
        if not match.any():
            what = f"{kind} tie" if kind else "tie"
            raise MapError(Problem("", f"There is no {what} from '{source}' to '{target}'.",
                                   "check the direction: the arrow points at the person who is listened to."))
        return self._with(self._people, ties[~match])

    # ---- saving
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (see :meth:`from_dict`)."""
        return {"title": self.title,
                "people": self._people.to_dict("records"),
                "ties": self._ties.to_dict("records")}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "StakeholderMap":
        if not isinstance(data, Mapping):
            raise MapError(Problem("", "This is not a saved map.", "load a file saved by qi_kit."))
        return cls(data.get("people") or [], data.get("ties") or [], title=data.get("title") or "")


def _check_fields(fields: Mapping[str, Any], allowed: Sequence[str]) -> None:
    problems = []
    for key in fields:
        if key not in allowed:
            hint = suggest(key, allowed)
            problems.append(Problem("", f"'{key}' is not a field of a person.",
                                    f"{hint}Use: {', '.join(allowed)}."))
    raise_if_problems(problems)


def empty_map(title: str = "") -> StakeholderMap:
    """A blank map to start from."""
    return StakeholderMap([], [], title=title)
