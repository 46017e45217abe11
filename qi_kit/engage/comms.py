"""The communication plan: who needs to hear what, how, how often, from whom, and when next.

A first draft is made from the roles, the reporting lines, the power/interest grid and the
commitment chart. The people who make the change are partners, not audiences: the change team
(day-to-day leader, champions, other members, the patient partner) meets in person every week of
active testing, and the staff who do the work hear and speak at their **daily safety huddle**,
on their own shift, where their ideas shape the next test ("doing with, not doing to", source
003; regular huddles, source 003). The grid is used for the people outside the change team: one
row for each person whose support decides the project (roles, *manage closely*, *keep
satisfied*), one row per team for people to *keep informed*, and one for everyone else. Every row
ends with an explicit ask: leaders often want to be told exactly what you need (Khan, source
001; "Working with Leaders", source 000).
"""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any, Mapping, Sequence

import pandas as pd

from ..choices import choose
from ..errors import MapError, Problem, suggest
from ..glossary import date_words
from ..model import StakeholderMap, raise_if_problems
from ..text import plural
from .commitment import commitment_chart
from .grid import power_interest_grid
from .raci import _managers, _under, local_leader

CHANNELS: tuple[str, ...] = ("in person", "huddle", "virtual", "email")
#: cadence -> (days, months) between contacts
CADENCES: dict[str, tuple[int, int]] = {
    "daily": (1, 0),
    "weekly": (7, 0),
    "weekly during active test cycles": (7, 0),
    "fortnightly": (14, 0),
    "monthly": (0, 1),
    "quarterly": (0, 3),
}
COMMS_COLUMNS: tuple[str, ...] = ("audience", "people", "needs_to_hear", "ask", "channel", "cadence",
                                  "owner", "next_date", "why")

#: role or quadrant -> (what they need to hear, channel, cadence)
_DRAFT: dict[str, tuple[str, str, str]] = {
    "sponsor": ("A concise update: progress against the aim, what the last tests showed, risks, "
                "and how the project serves their priorities.", "in person", "fortnightly"),
    "day-to-day leader": ("Where each test stands, what the data show, and what the team needs from "
                          "leaders this week.", "in person", "weekly during active test cycles"),
    "champion": ("What is being tested this week, what colleagues on shift are saying, and the words and "
                 "numbers to share at the huddle.", "in person", "weekly during active test cycles"),
    "change team": ("What we tested, what the data show, and what to test next: decided together at the "
                    "team meeting.", "in person", "weekly during active test cycles"),
    "patient partner": ("What we are testing and learning, in plain words, and a real question each time: "
                        "what matters to patients and families here, and what would they notice?",
                        "in person", "weekly during active test cycles"),
    "local manager": ("What is being tested in their area, what their staff are saying, and how they can "
                      "lead it at the daily huddle.", "in person", "weekly during active test cycles"),
    "influencer": ("Why the change matters for patients on their shift, how it fits their routine, "
                   "and that their ideas shape it.", "in person", "weekly during active test cycles"),
    "resistor": ("That their concerns are heard and answered: the evidence, what the change will and "
                 "will not ask of their team, and what would make it workable for them.",
                 "in person", "fortnightly"),
    "manage closely": ("Progress, the next test, and the decisions that touch their area.",
                       "virtual", "fortnightly"),
    "keep satisfied": ("A one-page summary (SBAR): the aim, progress, and anything needing their decision.",
                       "email", "monthly"),
    "keep informed": ("What is changing and why, what we are learning, and how to give ideas or "
                      "raise concerns.", "huddle", "fortnightly"),
    "monitor": ("General news of the project and how to get involved.", "email", "quarterly"),
}
#: commitment the project needs -> the explicit ask
_ASK: dict[str, str] = {
    "make it happen": "lead it with you: champion it in their area and clear barriers as they come up.",
    "help it happen": "give time, ideas or support, and try the change early.",
    "let it happen": "agree not to block the tests, and raise concerns with you early.",
    "no commitment": "nothing for now: keep them informed.",
}
_SPONSOR_ASK = "one explicit ask each time: a decision to make or a barrier to remove (name it, with a date)."
#: the change team and the local manager: what partnership asks of them
_PARTNER_ASK: dict[str, str] = {
    "day-to-day leader": "Make it happen together: plan, run and study the next test with the team.",
    "champion": "Make it happen among colleagues: show the change on shift and bring back what gets in the way.",
    "change team": "Make it happen together: shape the next test and bring your expertise to it.",
    "patient partner": "Shape it as a partner: say what matters to patients and families and what to test next.",
    "local manager": ("Lead it in your area: open the falls item at the daily huddle with the team, and sign off "
                      "the changes that work as your area's standard."),
}
#: the people doing the work: their own shift's huddle, every day
_HUDDLE = ("At their daily huddle (on a ward, the daily safety huddle): what we are testing today, what we "
           "learned yesterday, and one question: what would make it work on your shift?", "huddle", "daily")
_HUDDLE_ASK = "Help it happen: try it on your shift, say what gets in the way, and suggest the next change."
_HUDDLE_QUIET = (" Nobody outside this team goes to them: ask them first, on their own shift, and act on what "
                 "they say.")
#: a team nobody outside it goes to: their voice needs its own channel
_QUIET = ("What is changing and why, and a real question: what do they see that the rest of us miss? "
          "Nobody outside this team goes to them, so meet them where they work and ask.", "in person", "fortnightly")
_QUIET_ASK = "Help shape it: tell you what they see, and what would make the change work for them."


# --------------------------------------------------------------------------- dates


def parse_date(value: Any, *, where: str = "date") -> dt.date:
    """A date from a ``date`` or an ISO text such as ``"2026-01-12"``; anything else is a MapError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise MapError(Problem(where, f"'{value}' is not a date the kit can read.",
                               "write it as year-month-day, e.g. 2026-01-12.")) from None


def _add_months(day: dt.date, months: int) -> dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _weekday(day: dt.date) -> dt.date:
    """The same day, or the Monday after it if it falls on a weekend."""
    return day + dt.timedelta(days=(7 - day.weekday()) % 7 if day.weekday() >= 5 else 0)


def following_date(day: dt.date | str, cadence: str) -> dt.date:
    """The next contact after ``day`` at this cadence (moved off weekends).

    >>> following_date("2026-01-30", "monthly"), following_date("2026-01-09", "weekly")
    (datetime.date(2026, 3, 2), datetime.date(2026, 1, 16))
    """
    day = parse_date(day)
    days, months = CADENCES[check_cadence(cadence)]
    return _weekday(_add_months(day, months) + dt.timedelta(days=days))


def check_cadence(cadence: str) -> str:
    """The cadence, tidied, or a MapError naming the ones the kit knows."""
    return choose(cadence, tuple(CADENCES), what="a cadence the kit knows", where="cadence")


# --------------------------------------------------------------------------- the draft


def draft_comms_plan(m: StakeholderMap, *, start: dt.date | str | None, roles: Mapping[str, str] | None = None,
                     owner: str = "you", power: str = "both", local: str | None = None) -> pd.DataFrame:
    """A first draft of the communication plan, made from the roles, the grid and the commitment chart.

    Parameters
    ----------
    m
        The stakeholder map.
    start
        The day the plan starts (a ``date`` or ``"YYYY-MM-DD"``): next dates are counted from it.
        Passed in, never read from the clock, so the same inputs always give the same plan.
        None leaves the next dates blank (to fill in, or to draft again with a start date).
    roles
        Name -> role. Default: the roles in use (:func:`qi_kit.engage.final_roles`).
    owner
        Who keeps each conversation going (edit row by row afterwards).
    power
        How the grid measures power (see ``power_interest_grid``).
    local
        The manager of the place where the work is done (default:
        :func:`qi_kit.engage.raci.local_leader`, for the ward its ward manager).

    Returns
    -------
    pandas.DataFrame
        Columns ``COMMS_COLUMNS``: ``audience``, ``people`` (names, comma separated),
        ``needs_to_hear``, ``ask``, ``channel``, ``cadence``, ``owner``, ``next_date``
        (ISO text), ``why``. Individuals first (sponsor, the change team, the local manager,
        influencers, resistors, then others by quadrant), then the teams doing the work, then
        teams to keep informed, then teams to monitor.

    Notes
    -----
    Rows: each person with a role, the local manager, and everyone in *manage closely* or
    *keep satisfied* outside the teams doing the work gets their own row (what to say, channel
    and cadence by role, else by quadrant); the change team and the local manager meet in
    person weekly during active test cycles. The people doing the work (everyone who reports,
    directly or not, to the local manager, without a row of their own) are grouped by unit and
    hear and speak at the **daily safety huddle**; a team nobody outside it goes to is told to be
    asked first. Everyone else is grouped by unit, within *keep informed* and then *monitor*; a
    quiet group among them (no tie of any kind points at its members from outside) gets a
    fortnightly conversation that asks for its view, not a newsletter. Nobody on the change team
    is ever on a quarterly email. The ask follows the commitment the project needs from them
    (make / help / let it happen); the sponsor's ask is one explicit decision or barrier each
    time. *Next date*: people in their own row are contacted in the first week (``start``:
    align early on aims); group rows one cadence interval after ``start``; weekends move to
    Monday. Cadences are design suggestions, not a published standard.

    Examples
    --------
    >>> from qi_kit import load_case
    >>> plan = draft_comms_plan(load_case("ward"), start="2026-01-12").set_index("audience")
    >>> plan.loc["Margaret Okafor (sponsor)", ["channel", "next_date"]].tolist()
    ['in person', '2026-01-12']
    >>> plan.loc["Ward 7B nights HCAs (4 people doing the work)", ["channel", "cadence"]].tolist()
    ['huddle', 'daily']
    """
    start = parse_date(start, where="start") if start is not None else None
    if roles is None:
        from .roles import final_roles

        roles = final_roles(m)
    grid = power_interest_grid(m, power=power, roles=roles).set_index("name")
    chart = commitment_chart(m, roles=roles, power=power).set_index("name")
    people = m.people.set_index("name")
    local = m.resolve(local) if local else local_leader(m, roles)
    doing = _under(local, _managers(m)) if local is not None else set()
    order = {"sponsor": 0, "day-to-day leader": 1, "champion": 2, "change team": 3, "patient partner": 4,
             "local manager": 5, "influencer": 6, "resistor": 7, "manage closely": 8, "keep satisfied": 9}
    individuals = []
    for name in m.names:
        key = roles.get(name, "") or ("local manager" if name == local else grid.loc[name, "quadrant"])
        if key in ("manage closely", "keep satisfied") and name in doing and people.loc[name, "authority"] < 3:
            continue  # a charge nurse without a role hears it with their team at the huddle
        if key in order:
            individuals.append((order[key], m.names.index(name), name, key))
    rows = []
    for _, _, name, key in sorted(individuals):
        hear, channel, cadence = _DRAFT[key]
        now, needed = chart.loc[name, "now"], chart.loc[name, "needed"]
        step = f"Move from '{now}' to '{needed}'" if chart.loc[name, "gap"] > 0 else needed.capitalize()
        if key == "sponsor":
            ask = f"{step}: {_SPONSOR_ASK}"
        elif key in _PARTNER_ASK:
            ask = _PARTNER_ASK[key]
        else:
            ask = f"{step}: {_ASK[needed]}"
        label = f"{name} ({key})" if key in ROLE_KEYS else name
        why = (f"{key}; a partner on the change team" if key in _PARTNER_ASK and key != "local manager"
               else f"{key}; {grid.loc[name, 'quadrant']}" if key in ROLE_KEYS else key)
        first = _weekday(start) if start is not None else None
        rows.append(_row(label, [name], hear, ask, channel, cadence, owner, first, why))
    placed = {name for _, _, name, _ in individuals}
    heard = _heard_from_outside(m)
    units = {u: list(g["name"]) for u, g in m.people.groupby("unit") if u}
    teams: dict[str, list[str]] = {}
    for n in m.names:
        if n in doing and n not in placed:
            teams.setdefault(people.loc[n, "unit"] or "People with no unit", []).append(n)
    for unit, members in teams.items():
        hear, channel, cadence = _HUDDLE
        quiet = not heard(units.get(unit, members))
        why = "the people doing the work; their daily huddle" + ("; a quiet group: nobody outside it goes to "
                                                                 "them" if quiet else "")
        rows.append(_row(f"{unit} ({plural(len(members), 'person', 'people')} doing the work)",
                         members, hear + (_HUDDLE_QUIET if quiet else ""), _HUDDLE_ASK, channel, cadence, owner,
                         following_date(start, cadence) if start is not None else None, why))
    placed |= {n for members in teams.values() for n in members}
    for quadrant in ("keep informed", "monitor"):
        groups: dict[str, list[str]] = {}
        for n in m.names:
            if n not in placed and grid.loc[n, "quadrant"] == quadrant:
                groups.setdefault(people.loc[n, "unit"] or "People with no unit", []).append(n)
        needed = "help it happen" if quadrant == "keep informed" else "let it happen"
        for unit, members in groups.items():
            label = f"{unit} ({plural(len(members), 'person', 'people')} to {quadrant})"
            if heard(units.get(unit, members)):
                hear, channel, cadence = _DRAFT[quadrant]
                ask, why = f"{needed.capitalize()}: {_ASK[needed]}", quadrant
            else:
                (hear, channel, cadence), ask = _QUIET, _QUIET_ASK
                why = f"{quadrant}; a quiet group: nobody outside it goes to them"
            rows.append(_row(label, members, hear, ask, channel, cadence, owner,
                             following_date(start, cadence) if start is not None else None, why))
    return pd.DataFrame(rows, columns=list(COMMS_COLUMNS))


def _heard_from_outside(m: StakeholderMap) -> Any:
    """A test: does anyone outside this group have a tie (of any kind) pointing at one of its members?"""
    ties = m.ties

    def heard(members: Sequence[str]) -> bool:
        inside = set(members)
        into = ties[ties["target"].isin(inside)]
        return bool((~into["source"].isin(inside)).any())

    return heard


ROLE_KEYS = ("sponsor", "day-to-day leader", "champion", "change team", "patient partner", "local manager",
             "influencer", "resistor")


def _row(audience: str, names: Sequence[str], hear: str, ask: str, channel: str, cadence: str,
         owner: str, next_date: dt.date | None, why: str) -> dict[str, str]:
    return {"audience": audience, "people": ", ".join(names), "needs_to_hear": hear, "ask": ask,
            "channel": channel, "cadence": cadence, "owner": owner,
            "next_date": next_date.isoformat() if next_date is not None else "", "why": why}


# --------------------------------------------------------------------------- checking and editing


def comms_problems(plan: pd.DataFrame) -> list[Problem]:
    """Every problem in a (possibly edited) plan: each names the row and how to fix it."""
    problems: list[Problem] = []
    missing = [c for c in COMMS_COLUMNS if c not in plan.columns]
    if missing:
        return [Problem("communication plan", f"Columns missing: {', '.join(missing)}.",
                        "redraft the plan from the map, then edit it.")]
    for i, row in enumerate(plan.to_dict("records"), start=1):
        audience = " ".join(str(row["audience"] or "").split())
        where = f"row {i}" + (f" ('{audience}')" if audience else "")
        if not audience:
            problems.append(Problem(where, "The audience is blank.", "say who this row is for."))
        choose(row["channel"], CHANNELS, what="a channel the kit knows", where=where, problems=problems)
        choose(row["cadence"], tuple(CADENCES), what="a cadence the kit knows", where=where, problems=problems)
        if str(row["next_date"] or "").strip():
            try:
                parse_date(row["next_date"])
            except MapError as exc:
                problems.extend(Problem(where, p.what, p.fix) for p in exc.problems)
        if not str(row["ask"] or "").strip():
            problems.append(Problem(where, "There is no ask.",
                                    "write exactly what you need from them (a decision, time, a barrier removed)."))
    return problems


def check_comms_plan(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan, tidied (channel and cadence in lower case), or a MapError listing every problem."""
    raise_if_problems(comms_problems(plan))
    tidy = plan.copy()
    tidy["channel"] = tidy["channel"].str.casefold()
    tidy["cadence"] = [check_cadence(c) for c in tidy["cadence"]]
    return tidy


def update_comms_row(plan: pd.DataFrame, index: int, **fields: str) -> pd.DataFrame:
    """A new plan with some fields of row ``index`` (0-based) changed; checks that row's values."""
    unknown = [f for f in fields if f not in COMMS_COLUMNS]
    if unknown:
        hint = suggest(unknown[0], COMMS_COLUMNS)
        raise MapError(Problem("communication plan", f"'{unknown[0]}' is not a column of the plan.",
                               f"{hint}Use: {', '.join(COMMS_COLUMNS)}."))
    _check_row(plan, index)
    new = plan.copy()
    for field, value in fields.items():
        new.iloc[index, new.columns.get_loc(field)] = " ".join(str(value).split()) if field != "needs_to_hear" \
            else str(value).strip()
    row_problems = comms_problems(new.iloc[[index]].reset_index(drop=True))
    raise_if_problems([Problem(p.where.replace("row 1", f"row {index + 1}", 1), p.what, p.fix)
                       for p in row_problems])
    return new


def add_comms_row(plan: pd.DataFrame, audience: str, *, start: dt.date | str, owner: str = "you") -> pd.DataFrame:
    """A new plan with one more row for ``audience`` (fortnightly by email: edit it after)."""
    audience = " ".join(str(audience).split())
    if not audience:
        raise MapError(Problem("new row", "The audience is blank.", "say who this row is for."))
    row = _row(audience, [], "", "", "email", "fortnightly", owner, _weekday(parse_date(start, where="start")),
               "added by you")
    return pd.concat([plan, pd.DataFrame([row], columns=list(COMMS_COLUMNS))], ignore_index=True)


def remove_comms_row(plan: pd.DataFrame, index: int) -> pd.DataFrame:
    """A new plan without row ``index`` (0-based)."""
    _check_row(plan, index)
    return plan.drop(index=plan.index[index]).reset_index(drop=True)


def _check_row(plan: pd.DataFrame, index: int) -> None:
    if not 0 <= index < len(plan):
        raise MapError(Problem("communication plan", f"There is no row {index + 1}.",
                               f"pick a row from 1 to {len(plan)}."))


def comms_summary(plan: pd.DataFrame) -> str:
    """One plain sentence: how many audiences, and who comes first."""
    if plan.empty:
        return "The communication plan is empty."
    weekly = int(plan["cadence"].str.startswith(("daily", "weekly")).sum())
    dated = plan[plan["next_date"].astype(str).str.strip() != ""]
    if dated.empty:
        return (f"{len(plan)} audiences; {weekly} of them hear from you at least weekly. "
                "No next dates yet: give the plan a start date.")
    first = dated.sort_values("next_date", kind="stable").iloc[0]
    return (f"{len(plan)} audiences; {weekly} of them hear from you at least weekly. "
            f"First: {first['audience']} on {date_words(first['next_date'])} ({first['channel']}).")
