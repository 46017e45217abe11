"""The rules behind every label the kit puts on a person, in one place, each with its source.

A label about a real colleague ("informal leader", "formal leader with little pull", "broker",
"quiet voice"...) must rest on evidence on the map and say what it rests on. This module holds
the thresholds, the one-sentence rule of each label with its citation (:data:`RULES`, shown by
``qi_kit.label_rules()``) and the few pure functions that apply them; the analysis modules only
call these. Change a threshold here and every table, sentence, picture and widget follows.

The evidence for a leader is **being sought out**: how many colleagues name the person for this
kind of tie (the sociometric method, Valente & Pumpuang 2007). Two conditions make it evidence,
not noise:

- a **minimum**: at least :data:`MIN_NOMINATIONS` colleagues (one person asked by one colleague
  on a small map is not a leader);
- **better than chance**: if the same number of ties had joined random pairs of people, a person
  would be named this often less than :data:`CHANCE` of the time (a binomial null model: each of
  the n - 1 others names the person with probability ties / (n (n - 1))). On a structureless
  map this keeps the share of people called leaders near 1 in 100, however big the map.

Authority decides who is *eligible* for a label (formal leaders have authority
:data:`FORMAL_AUTHORITY` or more), never the order: leaders are ranked by how many colleagues
go to them, then by pull.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd

from ..text import plural

#: Authority 3 or more (above the midpoint 2.5 of the 0-5 scale) makes a formal leader.
FORMAL_AUTHORITY = 3
#: The fewest colleagues who must go to someone before they can be called a leader.
MIN_NOMINATIONS = 3
#: How unlikely being sought out this often must be under random ties (1 in 100).
CHANCE = 0.01
#: A map shows who is *not* sought out only when it holds at least this many ties of the chosen
#: kind per person on average (fewer, and a missing tie more likely means "not recorded").
TIES_PER_PERSON = 1.0
#: The fewest people a map needs before anyone on it can be labelled (three colleagues going to
#: a fourth person is the smallest case of :data:`MIN_NOMINATIONS`).
MIN_PEOPLE = MIN_NOMINATIONS + 1
#: A formal leader has "little pull" when their pull is under a quarter of the most sought-out
#: person's (pull is 1 for that person; see :func:`qi_kit.analysis.influence.pull`).
LITTLE_PULL = 0.25
#: A rated influence of 4 or 5 (of 5) is the team's own judgement that someone is influential.
HIGH_RATING = 4
#: One or two ties (one conversation each way) is "barely connected".
BARELY = 2

INFORMAL = "informal leader"
BOTH = "formal and informal leader"
FORMAL_ONLY = "formal leader with little pull"
NOT_ENOUGH = "not enough ties to say"

VALENTE = ("Valente & Pumpuang (2007), Identifying opinion leaders to promote behavior change, Health Educ "
           "Behav 34(6):881-896 (the sociometric method: the people most often named as someone to go to)")


@dataclass(frozen=True)
class Rule:
    """One label: what it says, the rule that gives it, and where the rule comes from."""

    label: str
    rule: str
    source: str


RULES: dict[str, Rule] = {rule.label: rule for rule in (
    Rule(INFORMAL,
         f"Authority below {FORMAL_AUTHORITY}, and at least {MIN_NOMINATIONS} colleagues go to them, more than "
         f"chance would give (random ties would name anyone this often less than 1 time in {round(1 / CHANCE)}). "
         "Ranked by how many colleagues go to them, then by pull.", VALENTE),
    Rule(BOTH,
         f"Authority {FORMAL_AUTHORITY} or more, and sought out as an informal leader is (the same two "
         "conditions).", VALENTE + "; positional and sociometric methods side by side"),
    Rule(FORMAL_ONLY,
         f"Authority {FORMAL_AUTHORITY} or more, and under a quarter of the pull of the most sought-out "
         f"person, on a map with at least {TIES_PER_PERSON:g} tie of this kind per person.",
         "Valente & Pumpuang (2007): positional leaders are not always the people others go to; "
         "Krackhardt & Hanson (1993), Informal networks: the company behind the chart, HBR 71(4):104"),
    Rule(NOT_ENOUGH,
         f"Said instead of a label when the map has fewer than {MIN_PEOPLE} people, or fewer ties of this kind "
         "than people: a missing tie then more likely means 'not recorded' than 'nobody goes to them'.",
         "The kit's evidence rule (a label needs evidence on the map)"),
    Rule("broker",
         "Has a brokerage role between groups (passes ideas between people of different units who do not "
         "listen to each other directly), or is the only link between two units: without them no route of "
         "any length joins those units.",
         "Gould & Fernandez (1989), Structures of mediation, Sociological Methodology 19:89-126; Burt (1992), "
         "Structural Holes"),
    Rule("single point of failure",
         "Their leaving would cut someone off from the rest of the map (an articulation point).",
         "Hopcroft & Tarjan (1973), via networkx.articulation_points"),
    Rule("key players",
         "The set of k people whose loss would leave the most pairs of people unable to reach each other "
         "(fragmentation), or who together reach the most people within two steps (reach); exact when every "
         "set can be tried, otherwise greedy plus swaps. No risk is claimed when their loss cuts nobody off.",
         "Borgatti (2006), Identifying sets of key players in a social network, Comput Math Organ Theory "
         "12:21-34"),
    Rule("isolate", "No tie of this kind at all.", "The kit's quiet-voice checks"),
    Rule("barely connected",
         f"{BARELY} ties or fewer, on a map with enough ties to say (see '{NOT_ENOUGH}').",
         "The kit's quiet-voice checks"),
    Rule("nobody seeks them out",
         "No tie points at them, on a map with enough ties to say.", "The kit's quiet-voice checks"),
    Rule("group nobody outside seeks out",
         "A unit of two or more whose members no one outside it goes to.", "The kit's quiet-voice checks"),
    Rule("missing group", "A group most maps need (patients, families or carers) is not on the map.",
         "The kit's source 'Leading for improvement': include quieter and excluded voices"),
)}


def label_rules() -> pd.DataFrame:
    """Every label the kit gives a person, with its rule and source, one row each.

    Examples
    --------
    >>> rules = label_rules()
    >>> rules.loc["informal leader", "source"][:25]
    'Valente & Pumpuang (2007)'
    """
    table = pd.DataFrame([{"label": r.label, "rule": r.rule, "source": r.source} for r in RULES.values()])
    return table.set_index("label")


def expected_nominations(ties: int, n: int) -> float:
    """How many colleagues would name one person on average if the ties joined random pairs."""
    return ties / n if n else 0.0


def chance_of_as_many(sought: np.ndarray, ties: int, n: int) -> np.ndarray:
    """For each count, the chance random ties would name one person at least that often.

    ``P(X >= count)`` with ``X ~ Binomial(n - 1, ties / (n (n - 1)))``: each of the other n - 1
    people names the person with the map's overall probability of a tie. 1.0 on a map with no
    ties or fewer than two people.

    Examples
    --------
    >>> float(chance_of_as_many(np.array([0]), 10, 5)[0])
    1.0
    >>> bool(chance_of_as_many(np.array([4]), 4, 5)[0] < 0.01)  # 4 of 4 on a map with 4 ties
    True
    """
    sought = np.asarray(sought, dtype=float)
    if n < 2 or ties <= 0:
        return np.ones_like(sought)
    tail = binomial_tail(n - 1, min(1.0, ties / (n * (n - 1))))
    counts = np.clip(sought.astype(np.int64), 0, n - 1)
    return np.where(sought > 0, tail[counts], 1.0)


def binomial_tail(trials: int, p: float) -> np.ndarray:
    """``P(X >= k)`` for k = 0 ... trials, X ~ Binomial(trials, p), without importing scipy.stats.

    The probabilities come from their logarithms (log C(N, k) built up as a running sum), and the
    tail is summed from the far end, so the small values that decide a label stay accurate.

    Examples
    --------
    >>> [round(float(x), 4) for x in binomial_tail(2, 0.5)]
    [1.0, 0.75, 0.25]
    """
    k = np.arange(trials + 1)
    if p <= 0:
        return (k == 0).astype(float)
    if p >= 1:
        return np.ones(trials + 1)
    steps = np.log(np.arange(trials, 0, -1)) - np.log(np.arange(1, trials + 1))
    log_choose = np.concatenate([[0.0], np.cumsum(steps)])
    pmf = np.exp(log_choose + k * np.log(p) + (trials - k) * np.log1p(-p))
    return np.minimum(np.cumsum(pmf[::-1])[::-1], 1.0)


def enough_ties(ties: int, n: int) -> bool:
    """Whether a map holds enough ties of a kind to say who is *not* sought out."""
    return n >= MIN_PEOPLE and ties >= TIES_PER_PERSON * n


def is_sought_out(sought: np.ndarray, chance: np.ndarray) -> np.ndarray:
    """Who has the evidence of a leader: enough colleagues, and more than chance would give."""
    return (np.asarray(sought) >= MIN_NOMINATIONS) & (np.asarray(chance) <= CHANCE)


def leadership(authority: np.ndarray, sought: np.ndarray, pull: np.ndarray, chance: np.ndarray, *,
               enough: bool) -> list[str]:
    """The leadership label of each person (see :data:`RULES`); ``""`` when nothing stands out."""
    leaders = is_sought_out(sought, chance)
    labels = []
    for a, lead, p in zip(np.asarray(authority), leaders, np.asarray(pull)):
        formal = a >= FORMAL_AUTHORITY
        if lead:
            labels.append(BOTH if formal else INFORMAL)
        elif not enough:
            labels.append(NOT_ENOUGH)
        elif formal and p < LITTLE_PULL:
            labels.append(FORMAL_ONLY)
        else:
            labels.append("")
    return labels


def what_to_add(ties: int, n: int, kinds: Sequence[str]) -> str:
    """The sentence said instead of labels on a thin map: what is missing and what to add."""
    lead = "who leads" if n < MIN_PEOPLE else "who is not sought out"
    return f"Not enough ties to say {lead}: {what_is_missing(ties, n, kinds)}"


def what_is_missing(ties: int, n: int, kinds: Sequence[str]) -> str:
    """Why a map is too thin to label people, and what to add (the second half of :func:`what_to_add`)."""
    from ..glossary import kinds_words, step_phrase

    if n < MIN_PEOPLE:
        return (f"the map has {plural(n, 'person', 'people')}, and it takes {MIN_NOMINATIONS} colleagues going to "
                "someone to call them a leader. Add the people around the change, and who goes to whom.")
    return (f"{plural(ties, kinds_words(kinds) + ' tie')} for {n} people, fewer than one each. Add who "
            f"{step_phrase(kinds, 'whom', joiner='or')}, at least one tie for each person.")
