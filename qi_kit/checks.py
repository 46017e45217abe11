"""Self-checks for the coding exercises: a friendly answer, never a traceback.

Each ``check_<exercise>(answer)`` looks at a learner's answer and returns a :class:`Feedback`,
which shows in a notebook as a coloured box: a tick and what the answer shows, or a hint.

- An unanswered placeholder (``answer = ...``) gives "not answered yet" and the first hint, so
  an exercise notebook runs top to bottom before anything is answered (that is how CI runs it).
- A wrong answer gives a *diagnostic* hint where the mistake is a common one (arrows followed
  the wrong way, out-degree instead of in-degree, a threshold with ``>`` instead of ``>=``...),
  otherwise the next hint.
- A check never raises: an answer of the wrong type, or code that fails inside a function the
  learner wrote, becomes a hint too.

The expected answers are computed here from the ward case with networkx directly (not with the
kit's analysis functions), so the exercises check the learner against an independent reference.

Examples
--------
>>> check_most_sought_out(...).answered
False
>>> bool(check_most_sought_out("rosa delgado"))
True
"""

from __future__ import annotations

import functools
import math
import numbers
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

import networkx as nx

from .errors import MapError
from .model import StakeholderMap

CASE = "ward"


# --------------------------------------------------------------------------- the answer box


@dataclass(frozen=True)
class Feedback:
    """The result of a self-check: shown as a box in a notebook; ``bool()`` is ``passed``."""

    exercise: str
    passed: bool
    message: str
    hint: str = ""
    answered: bool = True

    def __bool__(self) -> bool:
        return self.passed

    @property
    def status(self) -> str:
        if not self.answered:
            return "Not answered yet"
        return "Correct" if self.passed else "Not quite"

    def text(self) -> str:
        mark = "✔" if self.passed else ("…" if not self.answered else "✘")
        lines = [f"{mark} {self.exercise}: {self.status}. {self.message}".rstrip()]
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_html_(self) -> str:
        from .escaping import html_text as esc, message_box

        kind = "ok" if self.passed else ("info" if not self.answered else "warn")
        icon = {"ok": "✔", "info": "…", "warn": "✘"}[kind]
        hint = f"<br><b>Hint:</b> {esc(self.hint)}" if self.hint else ""
        return message_box(f"<b>{esc(self.exercise)}: {esc(self.status)}.</b> {esc(self.message)}{hint}", kind,
                           escaped=True, icon=icon, kind_class="qi-check", maths=True)


class _Wrong(Exception):
    """Raised inside a check body: the answer is wrong, with what was found and a hint."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint


def _exercise(title: str, hints: tuple[str, ...]) -> Callable[[Callable[[Any], str]], Callable[[Any], Feedback]]:
    """Turn ``body(answer) -> success message`` (raising ``_Wrong``) into a safe check."""

    def wrap(body: Callable[[Any], str]) -> Callable[[Any], Feedback]:
        @functools.wraps(body)
        def check(answer: Any = ...) -> Feedback:
            if answer is ... or answer is None:
                return Feedback(title, False, "Replace the ... with your answer, then run the cell again.",
                                hints[0], answered=False)
            try:
                return Feedback(title, True, body(answer))
            except _Wrong as wrong:
                return Feedback(title, False, wrong.message, wrong.hint or hints[-1])
            except Exception as exc:  # the learner's code failed inside the check: explain, never raise
                detail = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
                return Feedback(title, False, f"Your answer could not be checked ({type(exc).__name__}"
                                f"{': ' + detail[:120] if detail else ''}).", hints[0])

        check.hints = hints  # type: ignore[attr-defined]
        check.title = title  # type: ignore[attr-defined]
        return check

    return wrap


# --------------------------------------------------------------------------- references


@functools.lru_cache(maxsize=None)
def _ward() -> StakeholderMap:
    from .cases import load_case

    return load_case(CASE)


def _advice() -> nx.DiGraph:
    return _ward().graph("advice")


def _advice_trust() -> nx.DiGraph:
    return _ward().graph(["advice", "trust"])


def _authority() -> dict[str, int]:
    people = _ward().people
    return dict(zip(people["name"], people["authority"].astype(int)))


def _as_mapping(answer: Any, what: str) -> dict[str, float]:
    """A dict, a pandas Series or networkx's degree view as ``{name: number}``."""
    if hasattr(answer, "columns"):
        raise _Wrong(f"This is a table; the check wants {what} as a dict or a Series.",
                     "pick one column, table['column'], or turn a dict into a Series with pd.Series(d).")
    if hasattr(answer, "to_dict") and hasattr(answer, "index"):
        answer = answer.to_dict()  # a Series
    if not isinstance(answer, Mapping):
        try:
            answer = dict(answer)  # e.g. G.in_degree()
        except (TypeError, ValueError):
            raise _Wrong(f"The check wants {what} as a dict (name -> number), not {type(answer).__name__}.",
                         "dict(G.in_degree()) turns networkx's view into a dict.") from None
    return {str(k): v for k, v in answer.items()}


def _names(answer: Any, what: str) -> set[str]:
    """A list, set, tuple or Series of names (or a DataFrame with a 'name' column), folded."""
    if hasattr(answer, "columns"):
        if "name" not in answer.columns:
            raise _Wrong(f"This table has no 'name' column; the check wants {what}.",
                         "give a list of names, e.g. table['name'].tolist().")
        answer = answer["name"]
    if isinstance(answer, str):
        raise _Wrong(f"This is one name; the check wants {what} as a list of names.",
                     "put the names in square brackets: ['First Person', 'Second Person'].")
    if isinstance(answer, Mapping):
        answer = list(answer)
    return {_fold(n) for n in answer}


def _fold(name: Any) -> str:
    return " ".join(str(name).split()).casefold()


def _close(mine: Mapping[str, float], reference: Mapping[str, float], tol: float = 1e-4) -> bool:
    if {_fold(k) for k in mine} != {_fold(k) for k in reference}:
        return False
    folded = {_fold(k): v for k, v in mine.items()}
    return all(isinstance(folded[_fold(k)], numbers.Real) and math.isclose(float(folded[_fold(k)]), v, abs_tol=tol)
               for k, v in reference.items())


def _pretty(names: Iterable[str]) -> str:
    lookup = {_fold(n): n for n in _ward().names}
    shown = sorted(lookup.get(_fold(n), str(n)) for n in names)
    return ", ".join(shown) if shown else "nobody"


# --------------------------------------------------------------------------- 01 load and validate

FIRST_MAP_PEOPLE = {"ana": 0, "rosa": 0, "tom": 3}
FIRST_MAP_TIES = {("ana", "rosa", "advice"), ("tom", "rosa", "advice"), ("ana", "tom", "reports_to")}


@_exercise("Exercise 1.1 (your first map)", (
    "Call qi_kit.read_map(people, ties) with two lists of dicts: one dict per person, one per tie.",
    "Each tie is {'source': ..., 'target': ..., 'kind': ...}: the arrow points at the person who is listened to.",
))
def check_first_map(answer: Any) -> str:
    if not isinstance(answer, StakeholderMap):
        raise _Wrong(f"This is a {type(answer).__name__}, not a stakeholder map.",
                     "build the map with qi_kit.read_map(people, ties).")
    people = {_fold(n): a for n, a in zip(answer.people["name"], answer.people["authority"])}
    if set(people) != set(FIRST_MAP_PEOPLE):
        raise _Wrong(f"The map has {', '.join(sorted(answer.names)) or 'nobody'}; it should have Ana, Rosa and Tom.",
                     "one dict per person, e.g. {'name': 'Ana'}.")
    if people["tom"] != 3:
        raise _Wrong(f"Tom's authority is {people['tom']}; the ward manager's is 3.",
                     "add 'authority': 3 to Tom's dict.")
    ties = {(_fold(s), _fold(t), k) for s, t, k in answer.ties[["source", "target", "kind"]].itertuples(index=False)}
    reversed_ties = {(t, s, k) for s, t, k in FIRST_MAP_TIES}
    if ties & reversed_ties and not ties & FIRST_MAP_TIES:
        raise _Wrong("Your arrows point the wrong way.",
                     "the arrow points at the person who is listened to: Ana goes to Rosa for advice, so "
                     "source 'Ana', target 'Rosa'.")
    missing = FIRST_MAP_TIES - ties
    if missing:
        s, t, k = sorted(missing)[0]
        raise _Wrong(f"{len(missing)} of the 3 ties are missing or different, e.g. {s.title()} -> {t.title()} ({k}).",
                     "check the source, the target and the kind of each tie ('advice' or 'reports_to').")
    if ties - FIRST_MAP_TIES:
        raise _Wrong(f"The map has {len(ties)} ties; it should have exactly 3.", "remove the extra ties.")
    return "Every arrow points at the person who is listened to: " + answer.summary()


BROKEN_PROBLEMS = 3


@_exercise("Exercise 1.2 (read the error)", (
    "Put read_map(...) inside try: ... except qi_kit.MapError as error: and look at error.problems.",
    "len(error.problems) is the number of problems the message lists.",
))
def check_problem_count(answer: Any) -> str:
    if isinstance(answer, MapError):
        raise _Wrong("This is the error itself; the exercise asks how many problems it lists.",
                     "len(error.problems) counts them.")
    if isinstance(answer, bool) or not isinstance(answer, numbers.Integral):
        raise _Wrong(f"The answer should be a whole number, not {type(answer).__name__}.",
                     "len(error.problems) counts them.")
    if answer != BROKEN_PROBLEMS:
        raise _Wrong(f"{answer} is not the number of problems the error lists.",
                     "print(error) shows them one per line, each with its row and how to fix it.")
    return ("The error lists all 3 problems at once, each with its row and a fix, so a spreadsheet "
            "is corrected in one go.")


@_exercise("Exercise 1.3 (fix the tables)", (
    "Correct the three values the error names (a number, a role and a name), then call read_map again.",
    "Tom's authority is a number (3), Hannah is a 'champion', and the tie goes to 'Hannah Price'.",
))
def check_fixed_map(answer: Any) -> str:
    if not isinstance(answer, StakeholderMap):
        raise _Wrong(f"This is a {type(answer).__name__}, not a stakeholder map.",
                     "read_map(people, ties) returns the map once every problem is fixed.")
    if len(answer) != 4:
        raise _Wrong(f"The map has {len(answer)} people; it should keep all 4.",
                     "fix the values; do not delete rows.")
    try:
        tom, hannah = answer.person("Tom Barker"), answer.person("Hannah Price")
    except MapError:
        raise _Wrong("Tom Barker or Hannah Price is missing.", "keep the four people of the table.") from None
    if tom["authority"] != 3:
        raise _Wrong(f"Tom Barker's authority is {tom['authority']}; the ward manager's is 3.", "write 3, the number.")
    if hannah["role"] != "champion":
        raise _Wrong(f"Hannah Price's role is '{hannah['role']}'.", "the role is spelled 'champion'.")
    ties = {(s, t, k) for s, t, k in answer.ties[["source", "target", "kind"]].itertuples(index=False)}
    if ("Rosa Delgado", "Hannah Price", "trust") not in ties or len(ties) != 3:
        raise _Wrong("The three ties are not all there (Rosa Delgado should trust Hannah Price).",
                     "fix the name in the third tie: 'Hannah Price'.")
    return "The map loads without a problem: " + answer.summary()


# --------------------------------------------------------------------------- 02 centrality by hand


@_exercise("Exercise 2.1 (who is sought out)", (
    "Make the advice graph with ward.graph('advice'); each arrow points at the person asked.",
    "Count the arrows pointing AT each person: dict(G.in_degree()).",
))
def check_sought_out(answer: Any) -> str:
    mine = _as_mapping(answer, "the number of colleagues who go to each person")
    G = _advice()
    if _close(mine, dict(G.in_degree())):
        return "In-degree on the advice ties: Rosa Delgado is asked by 17 colleagues, far more than anyone else."
    if _close(mine, dict(G.out_degree())):
        raise _Wrong("These are the numbers of people each person goes TO (out-degree).",
                     "arrows point at the person who is listened to: count arrows coming in, G.in_degree().")
    if _close(mine, dict(G.in_degree(weight="strength"))):
        raise _Wrong("These count strong ties three times (weighted by strength).",
                     "count people, not strength: G.in_degree() without weight.")
    if _close(mine, dict(_ward().graph().in_degree())):
        raise _Wrong("These count every kind of tie, reporting lines included.",
                     "use the advice ties only: ward.graph('advice').")
    raise _Wrong("These are not the numbers of colleagues who go to each person for advice.",
                 "dict(ward.graph('advice').in_degree()).")


@_exercise("Exercise 2.2 (the most sought-out person)", (
    "Sort your counts from Exercise 2.1 and take the name with the highest count.",
    "max(counts, key=counts.get) gives the name with the highest count.",
))
def check_most_sought_out(answer: Any) -> str:
    if not isinstance(answer, str):
        raise _Wrong("The answer should be one name, as text.", "max(counts, key=counts.get).")
    name = _fold(answer)
    if name == "rosa delgado":
        return ("Rosa Delgado, a staff nurse on nights with no formal authority, is the person the ward "
                "goes to: the informal leader.")
    authority = {_fold(k): v for k, v in _authority().items()}
    if authority.get(name, 0) >= 3:
        raise _Wrong(f"{answer} has formal authority, but is that who people go to?",
                     "look at who is asked for advice, not who is in charge: the highest in-degree.")
    G = _advice()
    if name == _fold(max(dict(G.out_degree()).items(), key=lambda kv: (kv[1], kv[0]))[0]):
        raise _Wrong(f"{answer} goes to many people; the question is who many people go to.",
                     "use in-degree, not out-degree.")
    raise _Wrong(f"{answer} is not the person most colleagues go to for advice.",
                 "max(counts, key=counts.get) on your counts from Exercise 2.1.")


@_exercise("Exercise 2.3 (influence of influence)", (
    "nx.pagerank(G) on the advice graph: being asked by people who are themselves asked counts more.",
    "Use the graph as it is (arrows point at the person listened to); do not reverse it.",
))
def check_pagerank(answer: Any) -> str:
    mine = _as_mapping(answer, "a PageRank score per person")
    G = _advice()
    if _close(mine, nx.pagerank(G, weight=None)):
        return "PageRank puts Rosa Delgado first (0.12) and Dr James Whitfield second: the doctors' informal leader."
    if _close(mine, nx.pagerank(G, weight="strength")):
        return "PageRank weighted by tie strength: Rosa Delgado still comes first. (Unweighted is the usual start.)"
    if _close(mine, nx.pagerank(G.reverse(), weight=None)):
        raise _Wrong("This is PageRank on the reversed graph: it rewards people who ask many others.",
                     "PageRank follows the arrows to the person listened to: use G, not G.reverse().")
    raise _Wrong("These are not PageRank scores of the advice graph.", "nx.pagerank(ward.graph('advice')).")


@_exercise("Exercise 2.4 (brokers)", (
    "Betweenness: nx.betweenness_centrality on the advice and trust ties, direction ignored.",
    "G = ward.graph(['advice', 'trust']).to_undirected(), then nx.betweenness_centrality(G).",
))
def check_betweenness(answer: Any) -> str:
    mine = _as_mapping(answer, "a betweenness score per person")
    H = _advice_trust()
    if _close(mine, nx.betweenness_centrality(H.to_undirected())):
        return ("Rosa Delgado (0.41) links nights and days; Kwame Asante (0.29), the pharmacist, is the only "
                "bridge between the doctors and the nurses.")
    if _close(mine, nx.betweenness_centrality(H)):
        raise _Wrong("This follows the arrows (directed); the exercise ignores direction.",
                     "call .to_undirected() on the graph first.")
    if _close(mine, nx.betweenness_centrality(_advice().to_undirected())):
        raise _Wrong("This uses the advice ties only.", "use ward.graph(['advice', 'trust']).")
    raise _Wrong("These are not the betweenness scores asked for.",
                 "nx.betweenness_centrality(ward.graph(['advice', 'trust']).to_undirected()).")


# --------------------------------------------------------------------------- 03 informal leaders

LEADER_MIN_ASKED = 3
LOW_AUTHORITY = 2
HIGH_AUTHORITY = 3
LITTLE_PULL = 2
#: the kit's "better than chance": random ties would give this many colleagues less than 1 time in 100
CHANCE_LEVEL = 0.01


def _asked() -> dict[str, int]:
    return dict(_advice().in_degree())


def _chance_reference(shift: int = 1, trials_less: int = 1) -> dict[str, float]:
    """P(X >= k) for each person's count k, X ~ Binomial(n - 1, ties / (n (n - 1))), by scipy.stats.

    ``shift=0`` gives the common slip P(X > k); ``trials_less=0`` uses n trials instead of n - 1.
    """
    from scipy.stats import binom

    G = _advice()
    n, ties = len(G), G.number_of_edges()
    p = ties / (n * (n - 1))
    return {name: float(binom.sf(k - shift, n - trials_less, p)) for name, k in G.in_degree()}


def _values_by_name(answer: Any, what: str) -> dict[str, float]:
    """A learner's per-person numbers as name -> value (a Series, a dict, or a table with a name column)."""
    import pandas as pd

    names = [n for n in _advice().nodes]
    if isinstance(answer, pd.DataFrame):
        if "by_chance" not in answer.columns:
            raise _Wrong(f"The table has no by_chance column ({what}).", "table['by_chance'] = binom.sf(...)")
        keys = answer["name"] if "name" in answer.columns else answer.index
        return {_fold(str(k)): float(v) for k, v in zip(keys, answer["by_chance"])}
    if isinstance(answer, Mapping):
        return {_fold(str(k)): float(v) for k, v in answer.items()}
    if isinstance(answer, pd.Series) and all(isinstance(k, str) for k in answer.index):
        return {_fold(k): float(v) for k, v in answer.items()}
    values = list(answer)
    if len(values) != len(names):
        raise _Wrong(f"Expected one value for each of the {len(names)} people, got {len(values)}.",
                     "compute by_chance for every row of the table.")
    return {_fold(n): float(v) for n, v in zip(names, values)}


def _same_values(mine: dict[str, float], expected: dict[str, float]) -> bool:
    return set(mine) == {_fold(k) for k in expected} and all(
        math.isclose(mine[_fold(k)], v, rel_tol=1e-6, abs_tol=1e-12) for k, v in expected.items())


@_exercise("Exercise 3.1 (better than chance?)", (
    "For each person, the chance that random ties would make at least that many colleagues go to one person.",
    "p = ties / (n * (n - 1)); table['by_chance'] = binom.sf(table['sought_out_by'] - 1, n - 1, p)",
))
def check_by_chance(answer: Any) -> str:
    mine = _values_by_name(answer, "the chance of as many by chance")
    expected = _chance_reference()
    if _same_values(mine, expected):
        rosa, kwame, grace = (expected[n] for n in ("Rosa Delgado", "Kwame Asante", "Grace Adeyemi"))
        return (f"Random ties would send 17 colleagues to one person about {rosa:.0e} of the time (Rosa Delgado), "
                f"8 about {kwame:.4f} (Kwame Asante), 5 about {grace:.2f} (Grace Adeyemi): the last is unusual, "
                "but happens more often than 1 time in 100.")
    if _same_values(mine, _chance_reference(shift=0)):
        raise _Wrong("These are the chances of *more* than each count, not of at least as many.",
                     "binom.sf(k, ...) is P(X > k): use binom.sf(k - 1, ...) for P(X >= k).")
    if _same_values(mine, _chance_reference(trials_less=0)):
        raise _Wrong("The number of trials is one too many.", "a person cannot go to themselves: use n - 1 trials.")
    raise _Wrong("These numbers differ from the binomial chance.",
                 "p = ties / (n * (n - 1)) with the advice ties and everyone on the map; then binom.sf(k - 1, n - 1, p).")


@_exercise("Exercise 3.2 (informal leaders)", (
    "Keep the people with authority 2 or less whom at least 3 colleagues go to, with by_chance below 0.01.",
    "Three conditions with &: (table['authority'] <= 2) & (table['sought_out_by'] >= 3) & (table['by_chance'] < 0.01).",
))
def check_informal_leaders(answer: Any) -> str:
    mine = _names(answer, "the informal leaders")
    asked, authority, chance = _asked(), _authority(), _chance_reference()
    expected = {_fold(n) for n in asked if authority[n] <= LOW_AUTHORITY and asked[n] >= LEADER_MIN_ASKED
                and chance[n] < CHANCE_LEVEL}
    if mine == expected:
        return (f"{_pretty(expected)}: colleagues go to them far more than chance would give, although their titles "
                "give them little authority. These are the people to win early.")
    counts_only = {_fold(n) for n in asked if authority[n] <= LOW_AUTHORITY and asked[n] >= LEADER_MIN_ASKED}
    if mine == counts_only:
        raise _Wrong("Some of these are asked by 3 to 5 colleagues: no more than random ties often give.",
                     "add the third condition: (table['by_chance'] < 0.01).")
    folded = {_fold(k): v for k, v in authority.items()}
    with_formal = {n for n in mine if folded.get(n, 0) >= HIGH_AUTHORITY}
    if with_formal:
        raise _Wrong(f"{_pretty(with_formal)} have formal authority of 3 or more.",
                     "informal leaders have authority 2 or less: add (authority <= 2).")
    missing, extra = expected - mine, mine - expected
    raise _Wrong(f"{len(missing)} missing and {len(extra)} who should not be there.",
                 "count advice ties only (in-degree of ward.graph('advice')), then apply the three conditions.")


@_exercise("Exercise 3.3 (formal leaders with little pull)", (
    "Keep the people with authority 3 or more whom at most 2 colleagues go to for advice.",
    "(table['authority'] >= 3) & (table['sought_out_by'] <= 2).",
))
def check_formal_little_pull(answer: Any) -> str:
    mine = _names(answer, "the formal leaders with little pull")
    asked, authority = _asked(), _authority()
    expected = {_fold(n) for n in asked if authority[n] >= HIGH_AUTHORITY and asked[n] <= LITTLE_PULL}
    if mine == expected:
        return (f"{_pretty(expected)}: their title gives them a say, but few colleagues go to them. "
                "They need informal leaders beside them to reach the ward.")
    strict = {_fold(n) for n in asked if authority[n] >= HIGH_AUTHORITY and asked[n] < LITTLE_PULL}
    if mine == strict:
        raise _Wrong("Someone asked by exactly 2 colleagues is missing.", "at most 2 means <= 2, not < 2.")
    raise _Wrong(f"Expected {len(expected)} people; your list has {len(mine)}.",
                 "authority 3 or more AND asked by 2 or fewer colleagues for advice.")


CEO = "Manager 7"


@functools.lru_cache(maxsize=None)
def _krackhardt_asked() -> dict[str, int]:
    from .cases import load_case

    return dict(load_case("krackhardt").graph("advice").in_degree())


@_exercise("Exercise 3.4 (the company behind the chart)", (
    "Count advice in-degree on the krackhardt case, then keep the managers with more than the CEO (Manager 7).",
    "asked = dict(company.graph('advice').in_degree()); [n for n in asked if asked[n] > asked['Manager 7']]",
))
def check_asked_more_than_ceo(answer: Any) -> str:
    asked = _krackhardt_asked()
    mine = _names(answer, "the managers asked by more colleagues than the CEO")
    expected = {_fold(n) for n in asked if asked[n] > asked[CEO]}
    if mine == expected:
        return (f"Managers 18, 21 and 2 are each asked by more colleagues than the CEO ({asked[CEO]}); Manager 2 by "
                f"{asked['Manager 2']} of the other 20. The chart shows who decides; the advice network shows who is asked.")
    if _fold(CEO) in mine:
        raise _Wrong("The CEO is in your list.", "more than the CEO means leaving the CEO out: use >.")
    if mine == {_fold(n) for n in asked if asked[n] >= asked[CEO]} - {_fold(CEO)}:
        raise _Wrong("Manager 1 is asked by exactly as many as the CEO, not more.", "use > rather than >=.")
    raise _Wrong(f"Expected {len(expected)} managers; your list has {len(mine)}.",
                 "count advice ties only, on the krackhardt case: qi_kit.load_case('krackhardt').")


# --------------------------------------------------------------------------- 04 paths

PATH_FROM, PATH_TO = "Hannah Price", "Dr James Whitfield"
REACH_FROM = "Rosa Delgado"


def _listening() -> nx.DiGraph:
    """Advice and trust ties with arrows turned to the way influence flows."""
    return _advice_trust().reverse(copy=True)


@_exercise("Exercise 4.1 (the way influence flows)", (
    "Influence flows against the arrows: reverse the advice-and-trust graph with G.reverse().",
    "flow = ward.graph(['advice', 'trust']).reverse()",
))
def check_influence_graph(answer: Any) -> str:
    if not isinstance(answer, nx.DiGraph):
        raise _Wrong(f"This is a {type(answer).__name__}, not a directed networkx graph.",
                     "ward.graph(['advice', 'trust']) gives a DiGraph; .reverse() turns its arrows round.")
    edges = set(answer.edges())
    if edges == set(_listening().edges()):
        return "Every arrow now points from the person listened to towards the people who listen: the way an idea travels."
    if edges == set(_advice_trust().edges()):
        raise _Wrong("The arrows still point at the person who is listened to.", "call .reverse() on the graph.")
    raise _Wrong("This graph does not have the advice and trust ties.", "start from ward.graph(['advice', 'trust']).")


@_exercise("Exercise 4.2 (a path to the sceptic)", (
    "nx.shortest_path(flow, 'Hannah Price', 'Dr James Whitfield') on the reversed graph.",
    "The path is a list of names starting with Hannah Price and ending with Dr James Whitfield.",
))
def check_influence_path(answer: Any) -> str:
    if isinstance(answer, str) or not isinstance(answer, Iterable):
        raise _Wrong("The answer should be a list of names.", "nx.shortest_path returns a list.")
    path = [_fold(n) for n in answer]
    expected = [_fold(n) for n in nx.shortest_path(_listening(), PATH_FROM, PATH_TO)]
    if path == expected:
        return ("Hannah Price -> Rosa Delgado -> Kwame Asante -> Dr James Whitfield: Rosa trusts Hannah, Kwame "
                "trusts Rosa, and Dr Whitfield trusts Kwame. The route runs through the informal leader and the broker.")
    if path == expected[::-1] or (path and path[0] == _fold(PATH_TO)):
        raise _Wrong("This path runs from Dr Whitfield to Hannah: it follows the arrows.",
                     "influence flows against the arrows: use the reversed graph, from Hannah to Dr Whitfield.")
    if "margaret okafor" in path:
        raise _Wrong("This path goes up the reporting line through the Chief Nurse.",
                     "use the advice and trust ties only: they show who listens to whom.")
    raise _Wrong(f"This path has {len(path)} people; the shortest has {len(expected)}.",
                 "nx.shortest_path(flow, 'Hannah Price', 'Dr James Whitfield').")


@_exercise("Exercise 4.3 (two steps of listening)", (
    "nx.single_source_shortest_path_length(flow, 'Rosa Delgado', cutoff=2) gives everyone within two steps.",
    "Do not count Rosa herself: she is at distance 0.",
))
def check_two_step_reach(answer: Any) -> str:
    within = nx.single_source_shortest_path_length(_listening(), REACH_FROM, cutoff=2)
    others = {n for n, d in within.items() if d > 0}
    if isinstance(answer, numbers.Integral) and not isinstance(answer, bool):
        count = int(answer)
    else:
        names = _names(answer, "the people within two steps")
        if names == {_fold(n) for n in others}:
            count = len(others)
        elif names == {_fold(n) for n in within}:
            raise _Wrong("Rosa Delgado is in the list herself.", "leave out the person at distance 0.")
        else:
            raise _Wrong(f"{len(names)} names; {len(others)} people are within two steps.",
                         "cutoff=2 on the reversed graph, without Rosa herself.")
    if count == len(others):
        return (f"{len(others)} of the 36 other people listen to Rosa directly or through one person: "
                "her word reaches most of the map in two steps.")
    if count == len(within):
        raise _Wrong("This counts Rosa herself.", "subtract 1, or leave out distance 0.")
    one_step = {n for n, d in within.items() if d == 1}
    if count == len(one_step):
        raise _Wrong("This counts one step only.", "use cutoff=2.")
    raise _Wrong(f"{count} is not the number of people within two steps.", "cutoff=2 on the reversed graph.")


# --------------------------------------------------------------------------- 05 spread simulation

SPREAD_THRESHOLD = 0.5
SPREAD_SEEDS = ("Rosa Delgado", "Tom Barker", "Margaret Okafor")


def reference_spread(G: nx.DiGraph, seeds: Iterable[str], threshold: float = SPREAD_THRESHOLD) -> set[str]:
    """The exercise's threshold model, written plainly (the reference the check uses).

    A person adopts the change once at least ``threshold`` of the people they go to (their
    out-neighbours: arrows point at the person listened to) have adopted it; rounds repeat until
    nobody new adopts. People who go to nobody adopt only if they are seeds.
    """
    adopted = set(seeds)
    while True:
        new = {n for n in G if n not in adopted and G.out_degree(n) > 0
               and sum(t in adopted for t in G.successors(n)) / G.out_degree(n) >= threshold}
        if not new:
            return adopted
        adopted |= new


def _tiny() -> nx.DiGraph:
    """A small test: B and C listen to A; D listens to B and C; E listens to D and X (never reached)."""
    G = nx.DiGraph()
    G.add_nodes_from("ABCDEX")
    G.add_edges_from([("B", "A"), ("C", "A"), ("D", "B"), ("D", "C"), ("E", "D"), ("E", "X")])
    return G


@_exercise("Exercise 5.1 (a threshold model)", (
    "Start with adopted = set(seeds); repeat: find everyone not adopted with at least half of the people "
    "they go to adopted; stop when nobody new adopts.",
    "The people someone goes to are G.successors(person); their number is G.out_degree(person).",
))
def check_spread_function(answer: Any) -> str:
    if not callable(answer):
        raise _Wrong("The answer should be a function, spread(G, seeds, threshold=0.5).",
                     "define it with def spread(G, seeds, threshold=0.5): ... and return the set of adopters.")

    def run(G: nx.DiGraph, seeds: list[str]) -> set[str]:
        try:
            return {str(n) for n in answer(G, seeds)}
        except ZeroDivisionError:
            raise _Wrong("Your function divided by zero: someone goes to nobody (out-degree 0).",
                         "skip people with G.out_degree(person) == 0: they adopt only if they are seeds.") from None

    G = _tiny()
    got, expected = run(G, ["A"]), reference_spread(G, ["A"])
    test = "On a small test (B and C listen to A, D listens to B and C, E listens to D and X, seed A)"
    if got != expected:
        if got == {"A", "B", "C"}:
            raise _Wrong(f"{test} the spread stopped after one round.",
                         "repeat the rounds until nobody new adopts (a while loop).")
        if got == {"A", "B", "C", "D"}:
            raise _Wrong(f"{test} E did not adopt, though half of the people E goes to (D) had.",
                         "at least half means >= threshold, not > threshold.")
        if got == {"A"}:
            raise _Wrong(f"{test} nobody adopted after A.",
                         "a person adopts when the people they go to have: G.successors(person), "
                         "because arrows point at the person listened to.")
        raise _Wrong(f"{test} your function returned {sorted(got)}; expected {sorted(expected)}.",
                     "adopt when the share of adopted people among those they go to is >= threshold.")
    if run(G, ["D"]) != reference_spread(G, ["D"]):
        raise _Wrong("On a small test, people adopted from someone who listens to THEM.",
                     "influence flows against the arrows: look at G.successors(person), not predecessors.")
    ward = run(_advice_trust(), ["Rosa Delgado"])
    if ward != reference_spread(_advice_trust(), ["Rosa Delgado"]):
        raise _Wrong("Right on the small test but not on the ward.", "check that the seeds are in the result.")
    return f"Your model is right: starting from Rosa Delgado alone, {len(ward)} of 37 people adopt the change."


@_exercise("Exercise 5.2 (who to engage first)", (
    "Call your spread function once per seed: {name: len(spread(G, [name])) for name in seeds}.",
    "The answer is a dict: name -> number of people who adopt (the seed included).",
))
def check_seed_comparison(answer: Any) -> str:
    mine = _as_mapping(answer, "the number who adopt, per seed")
    G = _advice_trust()
    expected = {name: len(reference_spread(G, [name])) for name in SPREAD_SEEDS}
    if _close(mine, expected, tol=0):
        parts = ", ".join(f"{n} {c}" for n, c in expected.items())
        return (f"{parts}. Engaging the informal leader first reaches most of the ward; the ward manager and "
                "the Chief Nurse, on their own, reach few.")
    missing = set(map(_fold, expected)) - set(map(_fold, mine))
    if missing:
        raise _Wrong(f"Missing: {_pretty(missing)}.", "one entry per seed: " + ", ".join(SPREAD_SEEDS) + ".")
    raise _Wrong("The counts differ from the model's.", "len(spread(G, [name])) counts the seed too.")


# --------------------------------------------------------------------------- 06 pitch feedback

PITCH_LEADER = "Dr James Whitfield"
PITCH_RULES = ("ask", "aim", "tailored")


@_exercise("Exercise 6.1 (a pitch to the sceptic)", (
    "Pitch.for_leader(ward, 'Dr James Whitfield', problem=..., aim=..., questions=..., their_values=..., ask=..., "
    "ask_by=...).",
    "The feedback names what to add: an aim with a number and a date, his concern in his words (questions) answered "
    "in their_values, an ask with who, what and when.",
))
def check_pitch_to_sceptic(answer: Any) -> str:
    from .pitch import Pitch, pitch_feedback

    if not isinstance(answer, Pitch):
        raise _Wrong(f"This is a {type(answer).__name__}, not a Pitch.", "build it with Pitch.for_leader(ward, ...).")
    if _fold(answer.leader) != _fold(PITCH_LEADER):
        raise _Wrong(f"This pitch is for {answer.leader or 'nobody'}.", f"address it to {PITCH_LEADER}.")
    table = pitch_feedback(answer)
    failed = [rule for rule in PITCH_RULES if not bool(table.loc[rule, "passed"])]
    if failed:
        rule = failed[0]
        raise _Wrong(f"{len(failed)} of the {len(PITCH_RULES)} checks do not pass yet ({', '.join(failed)}): "
                     f"{table.loc[rule, 'why']}", str(table.loc[rule, "how_to_improve"]))
    passed = int(table["passed"].sum())
    return (f"The ask, the aim and the tailoring to a sceptic all pass ({passed} of {len(table)} checks in all). "
            "Starting from his concern makes it a conversation, not a demand.")


@_exercise("Exercise 6.2 (a rule of your own)", (
    "Write def mentions_patients(pitch): return True if the problem or the story mentions a patient.",
    "Look in pitch.problem + ' ' + pitch.story, lower-cased, for 'patient'.",
))
def check_patient_rule(answer: Any) -> str:
    from .pitch import Pitch

    if not callable(answer):
        raise _Wrong("The answer should be a function that takes a pitch and returns True or False.",
                     "def mentions_patients(pitch): ...")
    cases = (("Patients fall at night.", "", True), ("", "An 88-year-old PATIENT fell at 3 a.m.", True),
             ("Too much paperwork for staff.", "A nurse was late.", False), ("", "", False))
    for problem, story, expected in cases:
        got = answer(Pitch(problem=problem, story=story))
        if bool(got) != expected:
            where = f"problem {problem!r}, story {story!r}"
            raise _Wrong(f"For a pitch with {where} your rule said {got!r}; expected {expected}.",
                         "look in both the problem and the story, and ignore upper/lower case (.lower()).")
    return "Your rule works: a leader hears about patients, not only about process."
