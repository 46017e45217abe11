"""The engagement plan: everything a participant decides in the planner, saved and exported.

:class:`EngagementPlan` holds only the participant's *choices* (role overrides, commitment
judgements, the edited decision-roles table and communication plan, reflection answers); the
rest is recomputed from the map, so a plan never goes stale when the map changes. It is saved
as the workspace section ``"engagement"`` and exported as one Markdown file and one
self-contained HTML file to take back to work.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Mapping

import pandas as pd

from ..errors import MapError, Problem
from ..glossary import date_words
from ..export import esc, html_document, html_table, markdown_table, md_escape
from ..model import StakeholderMap
from ..reflect import ASSESSMENTS, read_reflection, score_reflection
from .commitment import commitment_chart, commitment_summary, commitment_table
from .comms import COMMS_COLUMNS, comms_summary, draft_comms_plan, parse_date
from .grid import QUADRANT_ACTIONS, QUADRANTS, grid_summary, power_interest_grid
from .raci import DEFAULT_DECISIONS, draft_raci, raci_from_dict, raci_problems, raci_summary
from .roles import known_overrides, roles_summary, suggest_roles

PLAN_VERSION = 1
PRIVACY_NOTE = ("This plan names colleagues and records views about them. Keep it private: share it "
                "only with people who need it, and never as a judgement of anyone.")
SOURCES = (
    "Working with Leaders (QI toolkit page): leader roles, aligning on aims, cadence and decision path, "
    "engaging for action (source 000).",
    "Khan S. What does leadership look like for good implementation? The Center for Implementation "
    "(source 001).",
    "Rowe E (2023). Tweetchat report, Lesson 3: Leaders show the way and light the path for others. "
    "Warwick Business School (source 004): the eight improvement-leader roles (after Bessant, shared by "
    "Helen Bevan) and the influence model's four levers.",
    "Aarons GA, Ehrhart MG, Farahnak LR (2014). The Implementation Leadership Scale (ILS). "
    "Implementation Science 9:45.",
    "Beckhard R, Harris RT (1987). Organizational Transitions: Managing Complex Change (commitment chart).",
    "Mendelow A (1991). Environmental scanning: the impact of the stakeholder concept (power/interest grid).",
)


@dataclass
class EngagementPlan:
    """A participant's engagement choices (JSON-ready; the rest is recomputed from the map).

    Attributes
    ----------
    title
        What the plan is for, e.g. "Falls on Ward 7B".
    start
        The plan's start date (ISO text, e.g. "2026-01-12"): next dates count from it.
    power
        How the grid measures power: "both", "authority" or "influence".
    role_overrides
        Name -> role the participant chose over the suggestion.
    commitment_now, commitment_needed
        Name -> commitment level, where the participant's judgement replaces the first guess.
    raci
        The edited decision-roles table (``raci_to_dict`` form), or None for the draft.
    comms
        The edited communication-plan rows, or None for the draft.
    reflection
        Set key ("competencies", ...) -> item id -> answer 0-4.
    local
        The manager accountable for the place's standards, if the participant named one (the
        project charter does); blank: found up the reporting lines.
    decisions
        Extra decisions needed from leaders (from the project charter): rows of the draft
        decision path, signed off by the sponsor.
    """

    title: str = ""
    start: str = ""
    power: str = "both"
    role_overrides: dict[str, str] = field(default_factory=dict)
    commitment_now: dict[str, str] = field(default_factory=dict)
    commitment_needed: dict[str, str] = field(default_factory=dict)
    raci: dict[str, Any] | None = None
    comms: list[dict[str, str]] | None = None
    reflection: dict[str, dict[str, int]] = field(default_factory=dict)
    local: str = ""
    decisions: list[str] = field(default_factory=list)

    # ---- saving
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the workspace section ``"engagement"``)."""
        return {"version": PLAN_VERSION, **asdict(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> "EngagementPlan":
        """A plan from saved data; unknown keys are ignored, wrong types are a MapError."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise MapError(Problem("engagement plan", "The saved engagement plan is not readable.",
                                   "start a new plan; your map is not affected."))
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        for name, value in data.items():
            if name not in known or value is None:
                continue
            expected = {"title": str, "start": str, "power": str, "role_overrides": dict,
                        "commitment_now": dict, "commitment_needed": dict, "raci": dict,
                        "comms": list, "reflection": dict, "local": str, "decisions": list}[name]
            if not isinstance(value, expected):
                raise MapError(Problem(f"engagement plan, '{name}'", "This part of the saved plan is damaged.",
                                       "start that part again (e.g. redraft it); the rest is kept."))
            values[name] = value
        return cls(**values)

    # ---- the tables, recomputed from the map with the participant's choices
    def roles_table(self, m: StakeholderMap) -> pd.DataFrame:
        return suggest_roles(m, overrides=known_overrides(m, self.role_overrides))

    def roles(self, m: StakeholderMap) -> dict[str, str]:
        table = self.roles_table(m)
        return dict(zip(table["name"], table["role"]))

    def start_date(self, default: dt.date | str | None = None) -> dt.date:
        """The start date; ``default`` when none is saved (a MapError if neither is given)."""
        if self.start:
            return parse_date(self.start, where="plan start")
        if default is None:
            raise MapError(Problem("plan start", "The plan has no start date.",
                                   "give one, e.g. EngagementPlan(start='2026-01-12')."))
        return parse_date(default, where="plan start")

    def commitment_table(self, m: StakeholderMap, roles: Mapping[str, str] | None = None) -> pd.DataFrame:
        return commitment_chart(m, roles=roles if roles is not None else self.roles(m),
                                now=known_overrides(m, self.commitment_now),
                                needed=known_overrides(m, self.commitment_needed), power=self.power)

    def local_manager(self, m: StakeholderMap) -> str | None:
        """The local manager the participant named, if still on the map (else None: found by the kit)."""
        return m.resolve(self.local) if self.local and self.local in m else None

    def decision_rows(self) -> dict[str, str]:
        """The draft's decisions: the five most projects meet, then the charter's (signed off by the sponsor)."""
        extra = {" ".join(str(d).split()): "spread" for d in self.decisions if str(d).strip()}
        return {**DEFAULT_DECISIONS, **{d: k for d, k in extra.items() if d not in DEFAULT_DECISIONS}}

    def raci_table(self, m: StakeholderMap, roles: Mapping[str, str] | None = None) -> pd.DataFrame:
        if self.raci is not None:
            return raci_from_dict(self.raci)
        return draft_raci(m, roles=roles if roles is not None else self.roles(m), power=self.power,
                          decisions=self.decision_rows(), local=self.local_manager(m))

    def comms_table(self, m: StakeholderMap, roles: Mapping[str, str] | None = None, *,
                    start: dt.date | str | None = None) -> pd.DataFrame:
        if self.comms is not None:
            frame = pd.DataFrame(self.comms)
            for column in COMMS_COLUMNS:
                if column not in frame.columns:
                    frame[column] = ""
            return frame[list(COMMS_COLUMNS)].fillna("").astype(str)
        first = self.start_date(start) if (self.start or start is not None) else None
        return draft_comms_plan(m, start=first, power=self.power, roles=roles if roles is not None else self.roles(m),
                                local=self.local_manager(m))


def engagement_tables(m: StakeholderMap, plan: EngagementPlan, *, start: dt.date | str | None = None,
                      roles_table: pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the plan: ``roles``, ``commitment``, ``grid``, ``raci``, ``comms``, ``reflection``.

    ``start`` is used only when the plan has no start date and its communication plan is a draft;
    with neither, the draft's next dates are left blank.
    ``roles_table`` (from ``plan.roles_table(m)``) saves recomputing the roles when at hand.
    """
    if roles_table is None:
        roles_table = plan.roles_table(m)
    roles = dict(zip(roles_table["name"], roles_table["role"]))
    reflection = pd.concat([score_reflection(k, plan.reflection.get(k)).assign(kind=k) for k in ASSESSMENTS],
                           ignore_index=True)
    return {"roles": roles_table,
            "commitment": plan.commitment_table(m, roles),
            "grid": power_interest_grid(m, power=plan.power, roles=roles),
            "raci": plan.raci_table(m, roles),
            "comms": plan.comms_table(m, roles, start=start),
            "reflection": reflection}


# --------------------------------------------------------------------------- export pieces


def _sections(m: StakeholderMap, plan: EngagementPlan, tables: Mapping[str, pd.DataFrame]) -> list[dict[str, Any]]:
    """The plan as a list of sections (heading, sentences, tables), shared by Markdown and HTML."""
    roles = tables["roles"]
    key_people = roles[roles["role"] != ""][["name", "title", "role", "source", "reason"]]
    chart = tables["commitment"]
    drawn = commitment_table(chart)
    grid = tables["grid"]
    quadrants = pd.DataFrame(
        [{"quadrant": q, "action": QUADRANT_ACTIONS[q],
          "people": ", ".join(grid.loc[grid["quadrant"] == q, "name"])} for q in QUADRANTS])
    raci = tables["raci"]
    problems = raci_problems(raci, m=m)
    raci_status = ("Checked: every decision has exactly one A (accountable) and at least one R (responsible)."
                   if not problems else "Still to fix: " + " ".join(str(p) for p in problems))
    comms = tables["comms"][["audience", "needs_to_hear", "ask", "channel", "cadence", "owner", "next_date"]]
    comms = comms.assign(next_date=comms["next_date"].map(date_words))  # stored as ISO, written as "Mon 12 Jan 2026"
    sections = [
        {"heading": "1. Roles", "name": "roles",
         "text": [roles_summary(roles)],
         "table": key_people.rename(columns={"source": "from"})},
        {"heading": "2. Commitment (the Beckhard-Harris chart): where each person is, and where the change needs "
                    "them", "name": "commitment",
         "text": [commitment_summary(chart), "X = where they are now, O = where the change needs them "
                  "(people with a role, and everyone who needs to move). X? = a first guess from their stance "
                  "on the map, not yet confirmed."], "table": drawn},
        {"heading": "3. Power/interest grid", "name": "grid",
         "text": [grid_summary(grid)], "table": quadrants},
        {"heading": "4. Decision path (RACI)", "name": "raci",
         "text": [raci_summary(raci), raci_status,
                  "R = responsible (does the work), A = accountable (signs off; one per decision), "
                  "C = consulted before, I = informed after. 'Others in <unit>' is everyone in that unit "
                  "without a column of their own: the people doing the work."],
         "table": raci_for_reading(raci)},
        {"heading": "5. Communication plan", "name": "comms",
         "text": [comms_summary(tables["comms"])], "table": comms.rename(columns={"needs_to_hear": "what they need to hear",
                                                                                 "next_date": "next date"})},
    ]
    reflection = tables["reflection"]
    parts = []
    for kind, a in ASSESSMENTS.items():
        scores = reflection[reflection["kind"] == kind].drop(columns="kind").reset_index(drop=True)
        if scores["answered"].sum() == 0:
            continue
        shown = scores.assign(score=[("" if math.isnan(s) else f"{s:.1f} of 4") for s in scores["score"]])
        parts.append({"heading": a.title, "name": kind, "text": [read_reflection(kind, scores)],
                      "table": shown[["label", "score", "answered", "items"]], "note": a.source})
    sections.append({"heading": "6. Leadership reflection", "name": "reflection",
                     "text": ["Reflective prompts, not validated instruments: no norms, for your own use."
                              if parts else "Not done yet: the reflection sliders are in the planner."],
                     "table": None, "parts": parts})
    return sections


def raci_for_reading(raci: pd.DataFrame) -> pd.DataFrame:
    """Decisions as rows; turned round (people as rows) when there are more people than decisions,
    so the table fits a page (the plan's page and the planner's RACI tab show it so)."""
    if raci.shape[1] <= raci.shape[0]:
        return raci.reset_index()
    turned = raci.T
    turned.index.name = "person"
    return turned.reset_index()


_raci_for_reading = raci_for_reading  # the old name, while the planner widget imports it


def _intro(m: StakeholderMap, plan: EngagementPlan) -> list[str]:
    lines = [f"Map: {m.summary()}"]
    if plan.start:
        lines.append(f"Plan starts: {date_words(plan.start)}.")
    return lines


def plan_markdown(m: StakeholderMap, plan: EngagementPlan, *, start: dt.date | str | None = None,
                  tables: Mapping[str, pd.DataFrame] | None = None) -> str:
    """The whole engagement plan as Markdown (every value escaped for Markdown tables).

    ``tables`` (from :func:`engagement_tables`) saves recomputing them when already at hand.
    """
    tables = tables if tables is not None else engagement_tables(m, plan, start=start)
    return _markdown(_title(m, plan), _intro(m, plan), _sections(m, plan, tables))


def _title(m: StakeholderMap, plan: EngagementPlan) -> str:
    return f"Engagement plan: {plan.title or m.title or 'my project'}"


def _markdown(title: str, intro: list[str], sections: list[dict[str, Any]]) -> str:
    out = [f"# {md_escape(title)}", "", *(md_escape(x) for x in intro), "", f"> {PRIVACY_NOTE}", ""]
    for section in sections:
        out += [f"## {section['heading']}", ""]
        out += [md_escape(t) + "\n" for t in section["text"]]
        if section["table"] is not None and len(section["table"]):
            out += [markdown_table(section["table"]), ""]
        for part in section.get("parts", []):
            out += [f"### {part['heading']}", "", md_escape(part["text"][0]), "", markdown_table(part["table"]), "",
                    f"*Source: {md_escape(part['note'])}*", ""]
    out += ["## Sources", ""] + [f"- {md_escape(s)}" for s in SOURCES] + [""]
    return "\n".join(out)


def _image_html(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{esc(alt)}" style="max-width:100%">'
            f"<figcaption class=\"note\">{esc(alt)}</figcaption></figure>")


def plan_html(m: StakeholderMap, plan: EngagementPlan, *, images: Mapping[str, tuple[bytes, str]] | None = None,
              start: dt.date | str | None = None, tables: Mapping[str, pd.DataFrame] | None = None) -> str:
    """The whole plan as one self-contained HTML page (pictures embedded, nothing loaded from the web).

    ``images`` maps a section name (``"grid"``, ``"commitment"``, or a reflection set such as
    ``"competencies"``) to ``(png_bytes, alt_text)``; each is shown in its section.
    Everything a participant typed is escaped.
    """
    tables = tables if tables is not None else engagement_tables(m, plan, start=start)
    return _html(_title(m, plan), _intro(m, plan), _sections(m, plan, tables), images or {})


def _html(title: str, intro: list[str], sections: list[dict[str, Any]],
          images: Mapping[str, tuple[bytes, str]]) -> str:
    body = [f"<p>{esc(x)}</p>" for x in intro]
    body.append(f'<p class="note"><strong>Private:</strong> {esc(PRIVACY_NOTE)}</p>')
    for section in sections:
        body.append(f"<h2>{esc(section['heading'])}</h2>")
        if section["name"] in images:
            body.append(_image_html(*images[section["name"]]))
        body += [f"<p>{esc(t)}</p>" for t in section["text"]]
        if section["table"] is not None and len(section["table"]):
            body.append(html_table(section["table"]))
        for part in section.get("parts", []):
            body.append(f"<h3>{esc(part['heading'])}</h3>")
            if part["name"] in images:
                body.append(_image_html(*images[part["name"]]))
            body += [f"<p>{esc(part['text'][0])}</p>", html_table(part["table"]),
                     f'<p class="note">Source: {esc(part["note"])}</p>']
    body.append("<h2>Sources</h2><ul>" + "".join(f"<li>{esc(s)}</li>" for s in SOURCES) + "</ul>")
    return html_document(title, "\n".join(body), note="Made with qi_kit. " + PRIVACY_NOTE)
