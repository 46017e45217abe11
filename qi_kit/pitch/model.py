"""The leader pitch: who it is for, and the participant's answers to the builder's prompts.

A :class:`Pitch` is a small, immutable record. It holds the leader's name and a *snapshot* of what
the map said about them when the pitch was written (title, role, stance, authority, interest), so
a pitch saved today still reads the same if the map changes tomorrow, and every answer as the plain
text the participant typed. Nothing here parses dates or reads the clock: "by 14 March" stays the
words the participant chose.

Where the structure comes from:

- Khan (2023) notes that leaders often agree with a change but have not yet *made sense* of it,
  that stories and an appeal to their values do more than evidence alone, and that the most useful
  advice from leaders themselves is "be clear about the ask". Hence a story, "what is in it for
  them" and an ask with a who, a what and a by-when.
- The "Working with Leaders" toolkit page asks teams to align early on the problem, the aim and
  the link to organisational priorities, to agree a cadence for updates and to ask explicitly for
  what they need, and to adapt to leaders' feedback. Hence the priority, the next step and the
  cadence of updates.
- A pitch is a conversation, not a monologue. Khan asks what a leader needs to make sense of the
  change, "in relation to other priorities", and "how can we support leaders?". Hence three
  steps that prepare the other half of the conversation: the leader's likely questions and
  pressures, what you will take off their plate, and your plan if they say no.

References
----------
.. [1] S. Khan, "What does leadership look like for good implementation?", The Center for
   Implementation (source 001 in ``shared/sources``).
.. [2] "Working with Leaders", QI toolkit page (source 000 in ``shared/sources``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Mapping

from ..errors import MapError, Problem, suggest
from ..model import CHANGE_TEAM_ROLES, StakeholderMap

#: the three templates the same answers render into
FORMATS: tuple[str, ...] = ("sbar", "problem_aim_ask", "elevator")

#: a plain-language name for each template
FORMAT_NAMES: dict[str, str] = {
    "sbar": "SBAR (situation, background, assessment, recommendation)",
    "problem_aim_ask": "Problem, aim, ask",
    "elevator": "60-second elevator pitch",
}

#: what the leader is asked for (a choice in the builder; free text is kept as typed)
ASK_TYPES: tuple[str, ...] = ("decision", "resource", "time", "visible support", "remove a barrier")

#: the answer fields, in the order the builder asks for them
ANSWER_FIELDS: tuple[str, ...] = (
    "problem", "aim", "priority", "story", "evidence", "their_values", "questions",
    "ask", "ask_type", "ask_by", "offer", "next_step", "updates", "if_no", "presenter",
)
#: answers that prepare you for the conversation: shown in the preview and the take-home page,
#: never said aloud as part of the pitch and never put in the email to the leader
PREPARATION_FIELDS: tuple[str, ...] = ("questions", "if_no")

#: the leader's details copied from the map when the leader is chosen
LEADER_FIELDS: tuple[str, ...] = ("title", "role", "stance", "authority", "interest")

#: how the map's stance scale reads in words
STANCE_WORDS: dict[int, str] = {-2: "opposes the change", -1: "has doubts", 0: "neutral",
                                1: "supportive", 2: "champions the change"}


@dataclass(frozen=True)
class Prompt:
    """One question of the builder: what to ask, an example answer and a hint."""

    field: str
    label: str
    question: str
    example: str
    hint: str


#: the builder's prompts, one per answer (the example answers are about a falls project)
PROMPTS: dict[str, Prompt] = {p.field: p for p in (
    Prompt("problem", "The problem",
           "What is the problem, in one or two sentences a busy leader can repeat?",
           "Older patients on Ward 7B fall more often than on any other ward in the division, "
           "often at night, and some are badly hurt.",
           "Describe what happens to patients or staff, not the solution you want. Avoid "
           "abbreviations: say it as you would to a relative."),
    Prompt("aim", "The aim",
           "What will change, by how much, by when?",
           "Reduce falls on Ward 7B by 30%, from 6.6 to 4.6 per 1,000 occupied bed days, within six months "
           "of the launch.",
           "A good aim has three parts: what, how much (a number) and by when (a date). It is the "
           "line a leader quotes at a meeting. Pick a measure that can show the change in time: falls "
           "with harm are too rare on one ward to show a 30% cut in six months, all falls per 1,000 "
           "occupied bed days can."),
    Prompt("priority", "Their priority",
           "Which organisational priority or strategy does this help with?",
           "The Board has made falls one of its patient-safety priorities this year.",
           "Leaders juggle many priorities. Name the one this supports, in the words the "
           "organisation uses (a strategy, a board objective, an inspection finding)."),
    Prompt("story", "A story",
           "Tell a short, true moment: a patient or a member of staff, what happened, what it meant.",
           "Last month an 88-year-old man got up at 3 a.m. to find the toilet, fell and broke his "
           "hip. His daughter asked me why nobody had checked his blood pressure when he stood up.",
           "Two or three sentences: who, what happened, why it matters. Change details so nobody "
           "can be identified. A story helps a leader make sense of the change; evidence alone "
           "goes only so far (Khan)."),
    Prompt("evidence", "The evidence",
           "What data or evidence shows the size of the problem, or that the change works?",
           "Ward 7B recorded 64 falls last year (6.6 per 1,000 occupied bed days), 11 of them with harm: "
           "the most of any ward in the Medicine Division.",
           "One or two numbers are enough: a count, a rate or a trend, and where it comes from."),
    Prompt("their_values", "What is in it for them",
           "Why would this leader care? Link it to their values, their role and what worries them.",
           "You have told the Board that no patient should be harmed by a fall we could prevent; "
           "this is a way to show progress on that.",
           "Think about what they are judged on and what they care about. For someone who doubts "
           "the change, start with their concern, in their words."),
    Prompt("questions", "Their questions and pressures",
           "What will this leader ask you, and what else is on their plate this month? For someone who "
           "doubts the change: what is their concern, in their own words?",
           "She will ask whether it needs extra night shifts (it does not) and how we will know it works; "
           "winter bed pressures and a staffing review are on her desk this month.",
           "Put yourself in their chair: what would you need to know to say yes, and what competes for "
           "their attention? Write their concern as they would say it; your pitch should answer it "
           "(Khan: help them make sense of it in relation to their other priorities)."),
    Prompt("ask", "The ask",
           "Exactly what do you want this leader to do? (a decision, a resource, time, visible support)",
           "Could you come to our 7:30 safety huddle on Ward 7B to launch the falls bundle with "
           "the night team?",
           "Leaders often want to be told what is needed: say who does what, by when. 'Your "
           "support' is not an ask; 'come to the huddle on 14 March' is."),
    Prompt("ask_type", "Kind of ask",
           "What kind of ask is it?",
           "visible support",
           "A decision, a resource, time, visible support or removing a barrier."),
    Prompt("ask_by", "By when",
           "By when do you need it?",
           "by 14 March",
           "A date or a week, typed as you would say it ('by Friday 14 March'). 'Soon' is not a date."),
    Prompt("offer", "What you will do for them",
           "What will you take off their plate, so that saying yes is easy?",
           "I will write the two lines for your board report, bring Rosa and Tom to meet you, and send the "
           "falls chart so you do not have to ask for it.",
           "Leaders are busy: offer the drafting, the data, the booking or the follow-up yourself. Khan's "
           "question is 'how can we support leaders?', not only 'how can they support us?'."),
    Prompt("next_step", "The next step",
           "What happens next, straight after this conversation?",
           "I will send you a one-page summary tomorrow and book 10 minutes in your diary.",
           "Make the next step yours, small and dated, so the leader does not have to remember."),
    Prompt("updates", "Updates",
           "How and how often will you keep them updated?",
           "A three-line update by email every other Friday, with the falls chart.",
           "Concise, regular updates keep leaders engaged: agree the channel and how often."),
    Prompt("if_no", "If they say no",
           "If they say no, or not yet, what will you do?",
           "Ask what would need to be true for a yes; offer a two-week trial on one bay instead; ask Priya "
           "Shah, the matron, to raise it at the monthly falls review.",
           "A 'no' is often 'not like this' or 'not now'. Plan a smaller ask, a question that finds out why, "
           "and someone else who could help. This is for you: it is not part of the email."),
    Prompt("presenter", "You",
           "Your name and role, as you will sign the email (optional).",
           "Hannah Price, QI Lead",
           "Only used to sign the email version; leave blank if you prefer."),
)}


def _clean(value: Any) -> str:
    """An answer as text: None becomes '', spaces at the ends are trimmed, lines are kept."""
    if value is None:
        return ""
    return "\n".join(line.rstrip() for line in str(value).strip().splitlines())


def _whole(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _check_answer_names(answers: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    problems = []
    for key in answers:
        if key not in allowed:
            hint = suggest(key, allowed)
            problems.append(Problem("", f"'{key}' is not a part of a pitch.",
                                    f"{hint}Use: {', '.join(allowed)}."))
    if problems:
        raise MapError(problems)


def check_format(format: str) -> str:
    """The template name, or a MapError that lists the templates."""
    key = _clean(format).casefold().replace("-", "_").replace(" ", "_")
    if key in FORMATS:
        return key
    hint = suggest(_clean(format), FORMATS)
    raise MapError(Problem("", f"'{format}' is not a pitch template.",
                           f"{hint}Use one of: {', '.join(FORMATS)}."))


@dataclass(frozen=True)
class Pitch:
    """A pitch to one leader: the leader's details (a snapshot from the map) and the answers.

    Build one with :meth:`for_leader` (which looks the leader up on the map); change it with
    :meth:`with_answers` or :meth:`with_leader`, which return a new pitch.

    Attributes
    ----------
    leader, leader_title, leader_role, leader_stance, leader_authority, leader_interest
        Who the pitch is for and what the map said about them when the leader was chosen.
    problem, aim, priority, story, evidence, their_values
        The case for change: the problem, the aim (what, how much, by when), the organisational
        priority it serves, a short story, the evidence or data, what is in it for the leader.
    questions
        The other half of the conversation: the leader's likely questions and pressures (for a
        sceptic, their stated concern in their words). Preparation: not said aloud as such.
    ask, ask_type, ask_by
        The ask (what the leader is to do), its kind (decision, resource, time, visible support,
        remove a barrier) and by when, as typed.
    offer
        What you will take off their plate.
    next_step, updates, if_no, presenter
        What happens next, how often the leader will hear about progress, your plan if they say
        no (preparation, never in the email), who is pitching.
    format
        The template to render: ``"sbar"``, ``"problem_aim_ask"`` or ``"elevator"``.

    Examples
    --------
    >>> from qi_kit import StakeholderMap
    >>> m = StakeholderMap([{"name": "Margaret Okafor", "title": "Chief Nurse", "authority": 5,
    ...                      "stance": 2, "role": "sponsor"}])
    >>> p = Pitch.for_leader(m, "margaret okafor", ask="Could you open the launch on 14 March?")
    >>> p.leader, p.leader_role, p.format
    ('Margaret Okafor', 'sponsor', 'sbar')
    """

    leader: str = ""
    leader_title: str = ""
    leader_role: str = ""
    leader_stance: int = 0
    leader_authority: int = 0
    leader_interest: int = 0
    problem: str = ""
    aim: str = ""
    priority: str = ""
    story: str = ""
    evidence: str = ""
    their_values: str = ""
    questions: str = ""
    ask: str = ""
    ask_type: str = ""
    ask_by: str = ""
    offer: str = ""
    next_step: str = ""
    updates: str = ""
    if_no: str = ""
    presenter: str = ""
    format: str = "sbar"

    def __post_init__(self) -> None:
        # Normalise in place (the dataclass is frozen, so go through object.__setattr__).
        for name in ("leader", "leader_title", "leader_role", *ANSWER_FIELDS):
            object.__setattr__(self, name, _clean(getattr(self, name)))
        for name in ("leader_stance", "leader_authority", "leader_interest"):
            object.__setattr__(self, name, _whole(getattr(self, name)))
        object.__setattr__(self, "format", check_format(self.format or "sbar"))

    # ---- building
    @classmethod
    def for_leader(cls, map: StakeholderMap, name: str, **answers: Any) -> "Pitch":
        """A pitch to ``name`` (looked up on ``map``, case-insensitively) with these answers.

        Raises
        ------
        MapError
            If the name is not on the map ("did you mean ...?") or an answer name is unknown.
        """
        _check_answer_names(answers, (*ANSWER_FIELDS, "format"))
        return cls().with_leader(map, name).with_answers(**answers)

    def with_leader(self, map: StakeholderMap, name: str) -> "Pitch":
        """The same answers, addressed to ``name`` with a fresh snapshot of their details."""
        if not isinstance(map, StakeholderMap):
            raise MapError(Problem("", "A pitch needs your stakeholder map to find the leader.",
                                   "pass the map first, e.g. Pitch.for_leader(my_map, 'Margaret Okafor')."))
        exact = map.resolve(name, what="person")
        person = map.person(exact)
        return dataclasses.replace(
            self, leader=exact, leader_title=person["title"], leader_role=person["role"],
            leader_stance=person["stance"], leader_authority=person["authority"],
            leader_interest=person["interest"])

    def with_answers(self, **answers: Any) -> "Pitch":
        """A new pitch with some answers (or the ``format``) changed."""
        _check_answer_names(answers, (*ANSWER_FIELDS, "format"))
        return dataclasses.replace(self, **answers) if answers else self

    # ---- reading
    @property
    def answers(self) -> dict[str, str]:
        """The answers only (no leader details), as a dict."""
        return {name: getattr(self, name) for name in ANSWER_FIELDS}

    @property
    def leader_kind(self) -> str:
        """How to approach this leader, from the role and stance recorded on the map.

        ``"resistor"`` if their role is resistor or their stance is below zero (their concern
        comes first whatever their title); otherwise their role (sponsor, influencer), or
        ``"partner"`` for someone on the change team (day-to-day leader, champion, ...);
        otherwise ``"decision maker"`` for authority 4-5; otherwise ``"other"``; ``""`` if no
        leader is chosen yet.
        """
        if not self.leader:
            return ""
        if self.leader_role == "resistor" or self.leader_stance < 0:
            return "resistor"
        if self.leader_role in ("sponsor", "influencer"):
            return self.leader_role
        if self.leader_role in CHANGE_TEAM_ROLES:
            return "partner"
        if self.leader_authority >= 4:
            return "decision maker"
        return "other"

    def describe_leader(self) -> str:
        """One plain sentence about the leader, as the map described them."""
        if not self.leader:
            return "No leader chosen yet: pick the person you will pitch to from your map."
        title = f", {self.leader_title}" if self.leader_title else ""
        role = f" Role on your map: {self.leader_role}." if self.leader_role else ""
        stance = STANCE_WORDS.get(self.leader_stance, str(self.leader_stance))
        return (f"{self.leader}{title}.{role} Stance {self.leader_stance:+d} ({stance}); "
                f"authority {self.leader_authority} of 5; interest {self.leader_interest} of 5.")

    def answered(self) -> list[str]:
        """The answer fields filled in so far."""
        return [name for name in ANSWER_FIELDS if getattr(self, name)]

    # ---- saving
    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data for the workspace section ``"pitch"`` (see :meth:`from_dict`)."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Pitch":
        """A pitch from :meth:`to_dict` data. Unknown keys are ignored; missing ones are blank.

        Raises
        ------
        MapError
            If ``data`` is not a dict or names a template the kit does not know.
        """
        if isinstance(data, Pitch):
            return data
        if not isinstance(data, Mapping):
            raise MapError(Problem("", "This is not a saved pitch.",
                                   "load the 'pitch' section saved by the pitch builder."))
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})
