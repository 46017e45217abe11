"""The short practice activities of the workshop, as pure data and functions (the widgets are in
:mod:`qi_kit.widgets.activities`).

Each activity is a practice from the source documents that a participant *does*, not only reads:

- :data:`POLL` and :func:`poll_reveal`: predict, then see, what 124 improvement practitioners
  answered in the Warwick Business School tweetchat (source 004) about training senior leaders
  in improvement methods, and the tweetchat's advice to senior leaders.
- :data:`LEADERSHIP_STATEMENTS` and :func:`check_sort`: sort what a person does into
  *leadership for improvement* or *technical improvement expertise* (source 002 asks how the two
  differ), with the reason for each.
- :class:`Charter` and :func:`charter_checks`: a one-page project charter (aim, scope,
  measures, roles; source 000's "project charter") that feeds the pitch's aim and the decision
  roles' decisions.
- :class:`TouchPoint`, :func:`touch_points_table` and :func:`add_touch_point_people`: who touches
  the process, where the hand-offs and the decision points are (source 000's "process map"), to
  start the stakeholder map from.
- :data:`SUPPORT_QUESTIONS`, :data:`WHAT_MATTERS_QUESTIONS`, :data:`EQUITY_QUESTIONS` and
  :func:`equity_reading`: "how can we support leaders?" (source 001), "What matters to you?"
  conversations (source 003) and an equity prompt tied to the quiet-voices analysis (source 002).

Nothing here reads the clock, the network or a file.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Mapping, Sequence

import pandas as pd

from .errors import MapError, Problem
from .model import StakeholderMap

# --------------------------------------------------------------------------- the tweetchat poll


@dataclass(frozen=True)
class Poll:
    """A poll from a source document: the question, the answers with their counts, and what followed."""

    question: str
    answers: tuple[tuple[str, int], ...]
    source: str
    advice: tuple[str, ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.answers)

    def share(self, answer: str) -> float:
        """The share (0-1) who gave ``answer``."""
        return dict(self.answers)[answer] / self.total


#: the Warwick Business School tweetchat poll of 28 March 2023 (source 004): 106 very important,
#: 14 somewhat important, about 4 neither or did not know (124 votes; the report's percentages)
POLL = Poll(
    question=("When an organisation or system is putting whole-system quality improvement in place, how important "
              "is it that the chief executive and senior leaders complete training in improvement methods?"),
    answers=(("very important", 106), ("somewhat important", 14), ("neither, or did not know", 4)),
    source=("Rowe E (2023). Tweetchat report, Lesson 3: Leaders show the way and light the path for others. "
            "Warwick Business School (source 004): the poll during question 2 (124 votes)."),
    advice=(
        "Align improvement with the organisation's strategic priorities: part of the strategy, not an initiative.",
        "Engage staff at all levels, and give the front line agency and room to act.",
        "Engage in improvement training yourself, show genuine interest and go to where the work is done.",
        "Celebrate successes and share lessons, including the failures.",
        "Accept that improvement takes time and will not always go to plan: be in it for the long game.",
    ),
)


def poll_reveal(predicted: float, *, poll: Poll = POLL, answer: str = "very important") -> str:
    """What the tweetchat answered, next to the participant's prediction (a percentage 0-100).

    >>> poll_reveal(60).split(". ")[0]
    'You guessed 60% would say very important; in the tweetchat 85% did (106 of 124 votes)'
    """
    if isinstance(predicted, bool) or not isinstance(predicted, (int, float)) or math.isnan(predicted) \
            or not 0 <= predicted <= 100:
        raise MapError(Problem("your guess", f"'{predicted}' is not a percentage.",
                               "move the slider to a number from 0 to 100."))
    real = round(100 * poll.share(answer))
    count = dict(poll.answers)[answer]
    gap = round(predicted) - real
    if abs(gap) <= 5:
        verdict = "Close: practitioners agree strongly."
    elif gap < 0:
        verdict = (f"More agreed than you expected ({-gap} points more): improvement practitioners want senior "
                   "leaders to learn the methods themselves, not only to sponsor them.")
    else:
        verdict = f"Fewer agreed than you expected ({gap} points fewer)."
    rest = "; ".join(f"{round(100 * n / poll.total)}% {a}" for a, n in poll.answers if a != answer)
    return (f"You guessed {round(predicted)}% would say {answer}; in the tweetchat {real}% did ({count} of "
            f"{poll.total} votes). {verdict} The others: {rest}.")


# --------------------------------------------------------------------------- leadership vs technical expertise

LEADERSHIP, TECHNICAL = "leadership for improvement", "technical improvement expertise"

#: statement -> (the kit's answer, why). Source 002 asks what leading for improvement is and how it
#: differs from technical improvement expertise; the answers follow sources 001-004.
LEADERSHIP_STATEMENTS: dict[str, tuple[str, str]] = {
    "Protects time for the team to test changes, even in a busy month": (
        LEADERSHIP, "making space for improvement is a leader's job (the tweetchat's barriers: no time or space)"),
    "Draws a run chart of falls week by week": (
        TECHNICAL, "a method skill: anyone trained can do it, and it is needed, but it does not create the conditions"),
    "Asks the night staff what matters to them before choosing what to test": (
        LEADERSHIP, "listening to learn and 'what matters to you?' build partnership (source 003)"),
    "Designs a plan-do-study-act cycle with a clear prediction": (
        TECHNICAL, "the method itself: leaders make sure it is used well (source 002), experts design it"),
    "Makes sure quieter voices are heard before a decision": (
        LEADERSHIP, "amplifying quieter and excluded voices is a leader's responsibility (source 002)"),
    "Chooses the right outcome, process and balancing measures": (
        TECHNICAL, "measurement design is technical expertise; a leader asks that it is done"),
    "Keeps going, and keeps the team going, when the first test fails": (
        LEADERSHIP, "perseverance through the ups and downs (Khan, source 001; the tweetchat, source 004)"),
    "Links what a colleague did to the bigger goal ('label and link')": (
        LEADERSHIP, "helping people see how their actions add up (source 003)"),
}


def check_sort(answers: Mapping[str, str]) -> pd.DataFrame:
    """Each statement with the participant's answer, the kit's answer and why.

    ``answers``: statement -> ``"leadership for improvement"`` or ``"technical improvement
    expertise"`` (unanswered statements are listed with an empty answer).

    >>> table = check_sort({"Draws a run chart of falls week by week": TECHNICAL})
    >>> bool(table.set_index("statement").loc["Draws a run chart of falls week by week", "agrees"])
    True
    """
    problems = [Problem(f"statement '{s}'", "This is not one of the statements.", "pick one from the list.")
                for s in answers if s not in LEADERSHIP_STATEMENTS]
    problems += [Problem(f"statement '{s}'", f"'{a}' is not one of the two answers.",
                         f"choose '{LEADERSHIP}' or '{TECHNICAL}'.")
                 for s, a in answers.items() if s in LEADERSHIP_STATEMENTS and a not in ("", LEADERSHIP, TECHNICAL)]
    if problems:
        raise MapError(problems)
    rows = []
    for statement, (kit, why) in LEADERSHIP_STATEMENTS.items():
        yours = answers.get(statement, "")
        rows.append({"statement": statement, "yours": yours, "kit": kit, "agrees": bool(yours) and yours == kit,
                     "why": why})
    return pd.DataFrame(rows, columns=["statement", "yours", "kit", "agrees", "why"]).astype({"agrees": "bool"})


def sort_summary(table: pd.DataFrame) -> str:
    """One plain sentence about a sorted set of statements."""
    answered = table[table["yours"] != ""]
    if answered.empty:
        return "Sort each statement first, then check."
    agree = int(answered["agrees"].sum())
    leaders = int((table["kit"] == LEADERSHIP).sum())
    return (f"You agree with the kit on {agree} of the {len(answered)} you sorted. {leaders} of the "
            f"{len(table)} statements are leadership rather than method: a team can borrow technical "
            "expertise, but only its leaders can make the time, the safety and the voice it needs. "
            "Disagreeing is fine: say why to your neighbour.")


# --------------------------------------------------------------------------- questions for the forms

SUPPORT_QUESTIONS: dict[str, str] = {
    "their_pressures": "What is on your leader's plate this month, besides your project?",
    "off_their_plate": "What could you take off their plate (a draft, the data, booking a room, a short update)?",
    "how_they_like_it": "How does your leader like to hear news: in person, a huddle, three lines by email?",
}

WHAT_MATTERS_QUESTIONS: dict[str, str] = {
    "who": "Who will you ask 'What matters to you?' this week: a colleague who does the work, and a patient "
           "or family member (use initials or roles)?",
    "question": "What will you ask, in your own words? (For example: 'What matters to you on a night shift?' "
                "or 'What would make this ward feel safer for your mum?')",
    "listen": "How will you show you listened: what will you do, or tell them, afterwards?",
}

EQUITY_QUESTIONS: dict[str, str] = {
    "most_affected": "Which patients are most affected by the problem (for example people who are confused, "
                     "do not speak English, or have no visitors at night)?",
    "who_speaks": "Who speaks for them in your project, and who on your map works closest to them?",
    "missing": "Whose voice is missing from your map or your change team, and how will you hear it?",
    "biggest_first": "If you only tackle the 'biggest' problem first, whose smaller problem could be left out?",
}


def equity_reading(m: StakeholderMap) -> str:
    """The quiet-voices finding on the map, named, in one or two sentences, to start the equity prompt.

    Uses :func:`qi_kit.quiet_voices` (the people and groups nobody on the map goes to). Groups
    come first, then people; if the analysis cannot say, the sentence says so.

    >>> from qi_kit import load_case
    >>> equity_reading(load_case("ward")).split(";")[0]
    'On your map the quiet voices are the group Ward 7B nights HCAs (nobody outside it seeks them out)'
    """
    try:
        from .analysis.groups import quiet_voices

        table = quiet_voices(m)
    except MapError as exc:
        return f"The quiet-voices analysis cannot run on this map yet: {exc}"
    if table.empty:
        return "On your map nobody stands out as a quiet voice: check who is missing from it altogether."
    groups = table[table["check"].str.startswith("group")]["who"].tolist()
    missing = table[table["check"] == "missing group"]["who"].tolist()
    people = table[~table["check"].str.contains("group")]["who"].tolist()
    parts = [f"the group {g} (nobody outside it seeks them out)" for g in groups]
    if people:
        shown = ", ".join(people[:6]) + (f" and {len(people) - 6} more" if len(people) > 6 else "")
        parts.append(f"people few or none go to: {shown}")
    if missing:
        parts.append(f"missing altogether: {', '.join(missing)}")
    return ("On your map the quiet voices are " + "; ".join(parts) + ". Quiet on a map often means unheard in "
            "the project: the people closest to some patients can be the least asked (Leading for improvement "
            "(pondering), source 002).")


# --------------------------------------------------------------------------- the project charter

#: the charter's fields -> (label, prompt, example from the ward)
CHARTER_FIELDS: dict[str, tuple[str, str, str]] = {
    "title": ("Project", "A short name for the project.", "Falls prevention on Ward 7B"),
    "problem": ("The problem", "What happens now, to whom, and why it matters.",
                "64 falls last year on 7B (6.6 per 1,000 occupied bed days), 11 with harm; most at night."),
    "aim": ("Aim", "What will change, by how much, by when.",
            "Reduce falls on Ward 7B by 30%, from 6.6 to 4.6 per 1,000 occupied bed days, within six months of the "
            "launch."),
    "scope_in": ("In scope", "Where the project starts and ends (first and last step).",
                 "Patients over 65 on Ward 7B, from admission to discharge, day and night."),
    "scope_out": ("Out of scope", "What the project will not change.", "Other wards; the emergency department."),
    "outcome_measure": ("Outcome measure", "The result for patients.",
                        "All falls per 1,000 occupied bed days (weekly run chart); days between falls with harm."),
    "process_measure": ("Process measure", "Are the new steps being done?",
                        "Share of patients over 65 with the bundle completed within 24 hours."),
    "balancing_measure": ("Balancing measure", "What could get worse?", "Patients walking by day 3."),
    "team": ("Change team", "Who makes the change, with their roles (use initials or roles).",
             "QI lead (day-to-day leader), falls specialist nurse, falls link nurse, a patient partner."),
    "decisions": ("Decisions we will need from leaders", "One per line: they become rows in the decision roles.",
                  "Release the link nurse four hours a week\nBuy two bed-height alarms"),
}
#: the people the charter names from the map -> the role it gives them
CHARTER_ROLES: dict[str, str] = {"sponsor": "sponsor", "leader": "day-to-day leader",
                                 "partner": "patient partner"}


@dataclass
class Charter:
    """A one-page project charter: what, why, how we will know, who (source 000's project charter).

    The text fields are as typed. ``sponsor``, ``leader`` (the day-to-day leader), ``local`` (the
    manager accountable for the place's standards) and ``partner`` (the patient partner) name
    people on the map; they become roles in the engagement plan, so every view agrees.
    """

    title: str = ""
    problem: str = ""
    aim: str = ""
    scope_in: str = ""
    scope_out: str = ""
    outcome_measure: str = ""
    process_measure: str = ""
    balancing_measure: str = ""
    team: str = ""
    decisions: str = ""
    sponsor: str = ""
    leader: str = ""
    local: str = ""
    partner: str = ""
    version: int = field(default=1, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "Charter":
        """A charter from saved data; unknown keys are ignored, anything else becomes text."""
        if not data:
            return cls()
        if not isinstance(data, Mapping):
            raise MapError(Problem("project charter", "The saved charter is not readable.",
                                   "fill the charter in again; the rest of your work is not affected."))
        known = {f.name for f in fields(cls)}
        values = {k: (v if k == "version" else ("" if v is None else str(v))) for k, v in data.items() if k in known}
        return cls(**values)

    def decision_list(self) -> list[str]:
        """The decisions needed from leaders, one per non-blank line, without repeats."""
        lines = [" ".join(line.split()) for line in self.decisions.splitlines()]
        return list(dict.fromkeys(line for line in lines if line))

    def roles(self, m: StakeholderMap) -> dict[str, str]:
        """Name -> role for the people the charter names who are on the map."""
        out = {}
        for attr, role in CHARTER_ROLES.items():
            name = getattr(self, attr)
            if name and name in m:
                out[m.resolve(name)] = role
        return out


def charter_checks(charter: Charter) -> list[str]:
    """What a QI coach would ask about this charter, as plain sentences ([] when it is complete).

    >>> charter_checks(Charter(aim="Fewer falls."))[0]
    "The aim does not yet say how much (a number) and by when (a date): e.g. 'by 30% within six months'."
    """
    from .pitch.feedback import has_number, has_time

    notes = []
    if not charter.aim:
        notes.append("There is no aim yet: what will change, by how much, by when?")
    elif not (has_number(charter.aim) and has_time(charter.aim)):
        notes.append("The aim does not yet say how much (a number) and by when (a date): e.g. 'by 30% within "
                     "six months'.")
    missing = [label for key, (label, _, _) in CHARTER_FIELDS.items()
               if key in ("outcome_measure", "process_measure", "balancing_measure") and not getattr(charter, key)]
    if missing:
        notes.append(f"Measures still to name: {', '.join(m.lower() for m in missing)}. Three kinds keep a project "
                     "honest: the result, whether the new steps happen, and what could get worse.")
    if not charter.scope_in:
        notes.append("The scope is open: say where the project starts and ends.")
    if not charter.sponsor:
        notes.append("No sponsor is named: who will own the aim and clear barriers?")
    if not charter.leader:
        notes.append("No day-to-day leader is named: who will make sure the tests happen?")
    if not charter.partner:
        notes.append("No patient partner is named: who brings what matters to patients and families ('nothing "
                     "about me without me')? If none yet, say how you will find one.")
    return notes


def charter_sections(charter: Charter) -> list[tuple[str, str]]:
    """(label, text) for every part of the charter, in page order (blank parts included)."""
    people = [("Sponsor", charter.sponsor), ("Day-to-day leader", charter.leader),
              ("Accountable for the local standard", charter.local), ("Patient partner", charter.partner)]
    return [(label, getattr(charter, key)) for key, (label, _, _) in CHARTER_FIELDS.items()] + people


# --------------------------------------------------------------------------- who touches the process


@dataclass(frozen=True)
class TouchPoint:
    """One step of the process: what happens, who does it, who it is handed to, and a decision made there."""

    step: str
    who: str = ""
    hands_to: str = ""
    decision: str = ""


def touch_points_table(points: Sequence[TouchPoint | Mapping[str, Any]]) -> pd.DataFrame:
    """The process as a table, one row per step, with a plain ``note`` on each hand-off and decision.

    >>> t = touch_points_table([{"step": "Admission", "who": "Staff nurse", "hands_to": "HCA"}])
    >>> t.loc[0, "note"]
    'Hand-off: Staff nurse to HCA.'
    """
    rows = []
    for p in points:
        p = p if isinstance(p, TouchPoint) else TouchPoint(**{k: " ".join(str(v or "").split())
                                                              for k, v in dict(p).items()
                                                              if k in TouchPoint.__dataclass_fields__})
        notes = []
        if p.hands_to and p.hands_to != p.who:
            notes.append(f"Hand-off: {p.who or 'someone'} to {p.hands_to}.")
        if p.decision:
            notes.append(f"Decision point: {p.decision}.")
        rows.append({**asdict(p), "note": " ".join(notes)})
    return pd.DataFrame(rows, columns=["step", "who", "hands_to", "decision", "note"])


def touch_point_people(table: pd.DataFrame) -> list[str]:
    """Everyone named as doing a step or receiving a hand-off, in order of first mention."""
    names = [n for pair in zip(table["who"], table["hands_to"]) for n in pair if str(n).strip()]
    return list(dict.fromkeys(names))


def touch_points_summary(table: pd.DataFrame) -> str:
    """One plain paragraph: how many steps, people, hand-offs and decision points."""
    if table.empty:
        return "No steps yet: add the first step of the process and who does it."
    people = touch_point_people(table)
    handoffs = int((table["note"].str.contains("Hand-off")).sum())
    decisions = int((table["decision"] != "").sum())
    return (f"{len(table)} steps, {len(people)} people or roles, {handoffs} hand-offs and {decisions} decision "
            "points. Hand-offs are where changes get lost and decision points are where leaders can help: "
            "everyone here belongs on your map.")


def add_touch_point_people(m: StakeholderMap, table: pd.DataFrame) -> tuple[StakeholderMap, list[str]]:
    """The map with everyone from the process who is not on it yet; also returns who was added."""
    added = [n for n in touch_point_people(table) if n not in m]
    for name in added:
        m = m.add_person(name, notes="Touches the process (added from the process activity).")
    return m, added
