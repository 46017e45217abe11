"""Leadership reflection: four short self-assessments, scored, with a plain-language reading.

Leadership for improvement is a set of competencies anyone can build, whatever their title
(Khan, source 001). These prompts help a participant notice where they are strong and what
to try next. They are **reflective prompts, not validated instruments**: the items are
written for this kit in its own words, self-rated, and there are no norms, percentiles or
cut-offs. Do not compare scores between people or use them to judge anyone.

The four sets:

- ``"competencies"`` - the four implementation-leadership competencies (proactive,
  knowledgeable, supportive, perseverant) of the Implementation Leadership Scale (Aarons,
  Ehrhart & Farahnak 2014), reworded as self-reflection; the original scale is rated by staff
  about their leader.
- ``"capabilities"`` - five capabilities for people who support implementation: understand,
  connect, inspire, enable, transformational mindset (Khan, The Center for Implementation,
  source 001).
- ``"roles"`` - eight roles of improvement leaders, convenor to community-builder (adapted
  from John Bessant, shared by Helen Bevan in the Warwick Business School tweetchat report,
  2023, source 004).
- ``"levers"`` - the four levers of the influence model (role modelling, understanding and
  conviction, talent and skills, reinforcing mechanisms), as shared by Helen Bevan in the same
  report (source 004): here rated for the change you lead, not for yourself.

Answers are on a 0-4 scale: 0 not at all, 1 a little, 2 somewhat, 3 a lot, 4 fully.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping

import pandas as pd

from .errors import MapError, Problem, suggest
from .model import raise_if_problems

SCALE: dict[int, str] = {0: "not at all", 1: "a little", 2: "somewhat", 3: "a lot", 4: "fully"}
SCALE_MAX = 4


@dataclass(frozen=True)
class Dimension:
    """One axis of a reflection: its key, label, what it means, items and a next step to try."""

    key: str
    label: str
    meaning: str
    items: tuple[str, ...]
    next_step: str


@dataclass(frozen=True)
class Assessment:
    """A set of reflective prompts: title, what it asks about, where the idea comes from."""

    key: str
    title: str
    question: str
    source: str
    dimensions: tuple[Dimension, ...]

    def item_ids(self) -> list[str]:
        return [f"{d.key}_{i}" for d in self.dimensions for i in range(1, len(d.items) + 1)]


_COMPETENCIES = Assessment(
    key="competencies",
    title="Four implementation-leadership competencies",
    question="How true is each statement of you, for the change you are leading?",
    source=("Adapted, in the kit's own words, from the four subscales of the Implementation Leadership "
            "Scale: Aarons GA, Ehrhart MG, Farahnak LR (2014). The Implementation Leadership Scale (ILS): "
            "development of a brief measure of unit level implementation leadership. Implementation "
            "Science 9:45. doi:10.1186/1748-5908-9-45 (open access). Summarised by S. Khan, The Center for "
            "Implementation (source 001). The original is rated by staff about their leader; this "
            "self-reflection is not the validated scale."),
    dimensions=(
        Dimension("proactive", "Proactive", "recognising barriers early and planning around them",
                  ("I look ahead for what could block the change and plan how to get round it.",
                   "I have worked out the next concrete steps for putting the change into practice.",
                   "When an obstacle appears, I act to remove it rather than wait for it to pass."),
                  "list the three things most likely to stall the change this month, and one action for each"),
        Dimension("knowledgeable", "Knowledgeable", "knowing the change well and sharing what you know",
                  ("I understand the evidence behind the change well enough to explain it simply.",
                   "I can answer colleagues' questions about the change, or know who can.",
                   "I pass on what I know about the change rather than keeping it to myself."),
                  "write a five-line explanation of the change and its evidence, and share it at a huddle"),
        Dimension("supportive", "Supportive", "encouraging, coaching and giving feedback",
                  ("I notice and thank people for the effort they put into the change.",
                   "I help colleagues find the time and support to learn the new way of working.",
                   "I give encouragement and feedback when people try the change."),
                  "thank one person by name this week for something specific they did for the change"),
        Dimension("perseverant", "Perseverant", "keeping going through the ups and downs",
                  ("I keep going when the change hits setbacks.",
                   "When a problem comes up, I raise it openly rather than let it drift.",
                   "My commitment holds steady when progress is slow."),
                  "agree with a colleague how you will keep going after the next disappointing result"),
    ),
)

_CAPABILITIES = Assessment(
    key="capabilities",
    title="Five capabilities for implementation leaders",
    question="How true is each statement of you at the moment?",
    source=("After Khan S. What does leadership look like for good implementation? The Center for "
            "Implementation (source 001): understand, connect, inspire, enable, transformational mindset. "
            "Items written for this kit."),
    dimensions=(
        Dimension("understand", "Understand", "understanding other people and places, taking their perspective",
                  ("Before proposing answers, I find out how others see the problem.",
                   "I take time to understand the place and the people where the change will happen."),
                  "ask two people from another profession how the problem looks from where they stand"),
        Dimension("connect", "Connect", "trust-based relationships that balance power, and a shared vision",
                  ("I build relationships of trust across professions and levels of seniority.",
                   "I work with others towards goals we have agreed together, and share power in doing so."),
                  "invite someone you rarely work with to shape the next test of change"),
        Dimension("inspire", "Inspire", "embodying the change, storytelling, lifting up others",
                  ("I use stories, not only data, to show why the change matters.",
                   "I work the new way myself and make others' skills visible."),
                  "prepare a two-minute story of one patient the change is for"),
        Dimension("enable", "Enable", "agency and ownership; comfort with uncertainty",
                  ("The people doing the work own the change and have a real say in it.",
                   "I can move forward when not everything is certain."),
                  "hand one decision about the next test to the people who will run it"),
        Dimension("mindset", "Transformational mindset", "flexible, intentional and self-reflective",
                  ("I change my plans when I learn something new.",
                   "I regularly reflect on how I lead and what I could do differently."),
                  "after each test of change, note one thing you would do differently as a leader"),
    ),
)

_ROLES = Assessment(
    key="roles",
    title="Eight roles of improvement leaders",
    question="How much do you play each role at the moment?",
    source=("Eight roles adapted from the work of John Bessant, shared by Helen Bevan in the Warwick Business "
            "School tweetchat report 'Lesson 3: Leaders show the way and light the path for others' (Rowe E, "
            "2023; source 004). A reflective prompt, not a published instrument."),
    dimensions=(
        Dimension("convenor", "Convenor", "bringing people together to learn and share",
                  ("I create occasions where people come together to learn from each other, and I draw them in.",),
                  "host a 15-minute 'what did we learn this week' slot at a huddle"),
        Dimension("choreographer", "Choreographer", "bridging different worlds and coordinating action",
                  ("I link people from different teams or professions and help them act together.",),
                  "map one hand-off between two teams and bring both to the same table"),
        Dimension("co_producer", "Co-producer", "patients, families and front-line staff as true partners",
                  ("Patients, families and front-line staff shape the change with me as equal partners.",),
                  "ask your patient partner what the next test should be, and act on it"),
        Dimension("connector", "Connector", "helping people link up, inside and beyond the system",
                  ("I help people find others, inside and outside the organisation, who can help them.",),
                  "introduce two people who should know each other"),
        Dimension("capability_builder", "Capability-builder", "helping people use proven methods and data",
                  ("I help people learn and use improvement methods and data.",),
                  "coach one colleague through planning their first small test of change"),
        Dimension("clarifier", "Clarifier", "helping people make sense of the change, reducing ambiguity",
                  ("I help people make sense of the change from their own point of view.",),
                  "ask 'what does this change mean for your shift?' and answer what is unclear"),
        Dimension("coach", "Coach", "supporting and mentoring others to steer change",
                  ("I mentor others so that they can lead change themselves.",),
                  "offer regular short coaching conversations to someone leading a test"),
        Dimension("community_builder", "Community-builder", "a shared purpose and a sense of 'us'",
                  ("I build a shared purpose and a sense of 'us' around the change.",),
                  "celebrate a small win publicly, naming everyone who contributed"),
    ),
)

_LEVERS = Assessment(
    key="levers",
    title="Four levers of the influence model",
    question="For the change you lead, how far is each statement true today?",
    source=("The influence model's four levers as shared by Helen Bevan (citing McKinsey's influence model) in "
            "the Warwick Business School tweetchat report 'Lesson 3: Leaders show the way and light the path "
            "for others' (Rowe E, 2023; source 004). Items written for this kit."),
    dimensions=(
        Dimension("role_modelling", "Role modelling", "people see leaders and colleagues behaving differently",
                  ("People see me and other leaders working in the new way.",
                   "The people others look up to, formal and informal leaders, are trying the change themselves."),
                  "ask your sponsor to take part, visibly, in one huddle or test"),
        Dimension("understanding", "Understanding and conviction", "people know what is asked of them and why",
                  ("People know what is being asked of them and why it makes sense.",
                   "The story of why this change matters has been told in terms people care about."),
                  "test your 'why' on three colleagues and rewrite it in their words"),
        Dimension("skills", "Talent and skills", "people have the skills and chances to work the new way",
                  ("People have had the training and practice they need for the new way of working.",
                   "There is time and coaching for people while they learn the new way."),
                  "agree protected time for a short skills session on each shift"),
        Dimension("reinforcing", "Reinforcing mechanisms", "structures, processes and measures support the change",
                  ("Our routines, forms and rotas support the new way of working.",
                   "Progress is measured, shown and celebrated."),
                  "put one measure of the change on the ward's huddle board"),
    ),
)

ASSESSMENTS: dict[str, Assessment] = {a.key: a for a in (_COMPETENCIES, _CAPABILITIES, _ROLES, _LEVERS)}


def assessment(kind: str) -> Assessment:
    """One of the four sets by key: ``competencies``, ``capabilities``, ``roles``, ``levers``."""
    if kind in ASSESSMENTS:
        return ASSESSMENTS[kind]
    hint = suggest(str(kind), ASSESSMENTS)
    raise MapError(Problem("reflection", f"'{kind}' is not one of the kit's reflections.",
                           f"{hint}Use one of: {', '.join(ASSESSMENTS)}."))


def reflection_items(kind: str) -> pd.DataFrame:
    """The prompts of one set: ``item`` (id), ``dimension``, ``label``, ``text``.

    >>> reflection_items("competencies").iloc[0]["item"]
    'proactive_1'
    """
    a = assessment(kind)
    rows = [{"item": f"{d.key}_{i}", "dimension": d.key, "label": d.label, "text": text}
            for d in a.dimensions for i, text in enumerate(d.items, start=1)]
    return pd.DataFrame(rows, columns=["item", "dimension", "label", "text"])


def check_answers(kind: str, answers: Mapping[str, Any] | None) -> dict[str, int]:
    """The answers as item -> whole number 0-4; every unknown item or bad value is listed in one MapError.

    Blank answers (None, "") are left out: a reflection can be done a bit at a time.
    """
    a = assessment(kind)
    ids = a.item_ids()
    problems: list[Problem] = []
    clean: dict[str, int] = {}
    for item, value in (answers or {}).items():
        where = f"{a.title}, item '{item}'"
        if item not in ids:
            hint = suggest(str(item), ids)
            problems.append(Problem(where, "This is not one of the prompts.",
                                    f"{hint}Use the item names from reflection_items('{kind}')."))
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if isinstance(value, bool) or math.isnan(number) or number != int(number) or not 0 <= number <= SCALE_MAX:
            problems.append(Problem(where, f"'{value}' is not an answer on the scale.",
                                    "use a whole number from 0 (not at all) to 4 (fully)."))
            continue
        clean[item] = int(number)
    raise_if_problems(problems)
    return clean


def score_reflection(kind: str, answers: Mapping[str, Any] | None) -> pd.DataFrame:
    """Score one set: the mean answer (0-4) for each dimension.

    Parameters
    ----------
    kind
        ``"competencies"``, ``"capabilities"``, ``"roles"`` or ``"levers"``.
    answers
        Item id -> answer 0-4 (see :func:`reflection_items`); unanswered items are left out.

    Returns
    -------
    pandas.DataFrame
        One row per dimension, in the set's order: ``dimension``, ``label``, ``score`` (mean
        of the answered items, NaN if none), ``answered``, ``items``.

    Notes
    -----
    score = mean of the dimension's answered items, on the 0-4 scale. There are no norms: a
    score only says how you rated yourself today, to compare with yourself later.

    Examples
    --------
    >>> s = score_reflection("competencies", {"proactive_1": 4, "proactive_2": 2})
    >>> s.iloc[0]["dimension"], float(s.iloc[0]["score"]), int(s.iloc[0]["answered"])
    ('proactive', 3.0, 2)
    """
    a = assessment(kind)
    clean = check_answers(kind, answers)
    rows = []
    for d in a.dimensions:
        values = [clean[f"{d.key}_{i}"] for i in range(1, len(d.items) + 1) if f"{d.key}_{i}" in clean]
        rows.append({"dimension": d.key, "label": d.label,
                     "score": sum(values) / len(values) if values else math.nan,
                     "answered": len(values), "items": len(d.items)})
    return pd.DataFrame(rows, columns=["dimension", "label", "score", "answered", "items"]).astype(
        {"score": "float64", "answered": "int64", "items": "int64"})


def read_reflection(kind: str, scores: pd.DataFrame) -> str:
    """One plain-language paragraph about a scored set: strongest area, area to grow, a next step.

    Ties go to the dimension listed first. No norms are implied: the reading only compares
    the participant's answers with each other.

    >>> s = score_reflection("competencies", {"proactive_1": 1, "supportive_1": 4})
    >>> read_reflection("competencies", s).split(". ")[0]
    'You answered 2 of the 12 prompts'
    """
    a = assessment(kind)
    answered = scores[scores["answered"] > 0]
    total_items = int(scores["items"].sum())
    total_answered = int(scores["answered"].sum())
    if answered.empty:
        return (f"Answer the prompts to see a reading of your {a.title.lower()}. There are no right "
                "answers: this is for your own reflection.")
    top = answered.loc[answered["score"].idxmax()]
    low = answered.loc[answered["score"].idxmin()]
    meaning = {d.key: d.meaning for d in a.dimensions}
    step = {d.key: d.next_step for d in a.dimensions}
    partly = (f"You answered {total_answered} of the {total_items} prompts"
              if total_answered < total_items else f"You answered all {total_items} prompts")
    if top["dimension"] == low["dimension"] or top["score"] == low["score"]:
        middle = (f"; your answers are even across the areas you rated (about {top['score']:.1f} of 4). "
                  f"A next step to try: {step[answered.iloc[0]['dimension']]}.")
    else:
        middle = (f". You rated yourself highest on {top['label']} ({top['score']:.1f} of 4: "
                  f"{meaning[top['dimension']]}) and lowest on {low['label']} ({low['score']:.1f} of 4: "
                  f"{meaning[low['dimension']]}). A next step to grow {low['label'].lower()}: "
                  f"{step[low['dimension']]}.")
    return (f"{partly}{middle} These are reflective prompts, not a test: there are no norms, and the "
            "scores are for comparing with yourself later, not with others.")


def reflection_summary(answers_by_kind: Mapping[str, Mapping[str, Any]] | None) -> pd.DataFrame:
    """Every set's dimensions in one long table: ``kind``, ``dimension``, ``label``, ``score``, ``answered``, ``items``."""
    frames = [score_reflection(kind, (answers_by_kind or {}).get(kind)).assign(kind=kind) for kind in ASSESSMENTS]
    table = pd.concat(frames, ignore_index=True)
    return table[["kind", "dimension", "label", "score", "answered", "items"]]
