"""Three ways of finding leaders, side by side, with their agreements and disagreements.

Valente & Pumpuang (2007) review ten ways of identifying opinion leaders and find that they
name different people; their advice is to use more than one. A stakeholder map already holds
three of them:

- **nominations** (their sociometric method): how many colleagues go to the person, on the ties
  chosen, judged by the rule of :mod:`qi_kit.analysis.labels` (at least three, more than chance);
- **formal position** (their positional method): authority 3 or more on the 0-5 scale;
- **the team's own rating** (their "judges' ratings"): the ``influence`` the team gave each
  person when building the map (0-5; 4 or more counts as "influential").

Where the nominations and the team's rating disagree, the sentence says so as something to talk
about, never as a verdict: the team may know something the ties do not show, or the ties may show
something the team had not noticed.
"""

from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..glossary import how_many, kinds_words, step_phrase
from ..model import StakeholderMap
from ..text import count_of, names_list, number_of
from .graph import chosen_graph, kinds_of
from .labels import BOTH, FORMAL_AUTHORITY, FORMAL_ONLY, HIGH_RATING, INFORMAL, NOT_ENOUGH, VALENTE

COLUMNS = ["title", "authority", "sought_out_by", "colleagues", "nominations", "position", "team_rating",
           "team_says", "agree", "sentence"]


def leader_methods(m: StakeholderMap, *, kind: str | Iterable[str] = "advice", seed: int = 42,
                   table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Nominations on the map, formal position and the team's rating, per person, side by side.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The ties whose nominations count (default ``"advice"``).
    seed
        Passed to :func:`~qi_kit.influence_table`.
    table
        An influence table already computed for the same map and kind.

    Returns
    -------
    pandas.DataFrame
        One row per person, most sought out first (then by rating, then by name), indexed by
        ``name``: ``title``, ``authority``, ``sought_out_by``, ``colleagues`` ("4 of 36"),
        ``nominations`` ("sought out", "not enough ties to say" or blank), ``position``
        ("formal leader" or blank), ``team_rating`` (0-5, or None when the map has no ratings),
        ``team_says`` ("influential" at 4 or more), ``agree`` (True when nominations and rating
        say the same, None when one of them cannot say) and ``sentence`` (what to check in
        conversation; blank when there is nothing to check). ``.attrs["summary"]`` counts who each
        method names and where they differ; ``.attrs["rated"]`` says whether the map has ratings.

    Examples
    --------
    >>> import qi_kit
    >>> methods = leader_methods(qi_kit.load_case("ward"))
    >>> methods.loc["Rosa Delgado", ["nominations", "team_says"]].tolist(), bool(methods.loc["Rosa Delgado", "agree"])
    (['sought out', 'influential'], True)
    """
    from .influence import influence_table

    kinds = kinds_of(kind)
    table = influence_table(m, kind=kind, seed=seed) if table is None else table
    people = chosen_graph(m, kinds)
    rated = bool(len(table)) and bool((table["influence"] > 0).any())
    n = len(table)
    rows = []
    for name, label, authority, sought, influence in zip(table.index, table["leadership"], table["authority"],
                                                         table["sought_out_by"], table["influence"]):
        nominated = label in (INFORMAL, BOTH)
        network = "sought out" if nominated else (NOT_ENOUGH if label == NOT_ENOUGH else "")
        formal = int(authority) >= FORMAL_AUTHORITY
        rating = int(influence) if rated else None
        high = rating is not None and rating >= HIGH_RATING
        agree = None if (rating is None or network == NOT_ENOUGH) else nominated == high
        rows.append({"name": name, "title": people.nodes[name].get("title") or "", "authority": int(authority),
                     "sought_out_by": int(sought), "colleagues": count_of(int(sought), n - 1),
                     "nominations": network, "position": "formal leader" if formal else "",
                     "team_rating": rating, "team_says": "influential" if high else "", "agree": agree,
                     "sentence": _sentence(name, label, int(authority), int(sought), n, kinds, rating, high,
                                           nominated, network == NOT_ENOUGH)})
    result = pd.DataFrame(rows, columns=["name", *COLUMNS]).set_index("name")
    if len(result):
        order = result.assign(_rating=result["team_rating"].fillna(-1), _name=result.index)
        result = result.loc[order.sort_values(["sought_out_by", "_rating", "_name"],
                                              ascending=[False, False, True]).index]
    result.attrs["rated"] = rated
    result.attrs["summary"] = _summary(result, kinds, rated)
    result.attrs["source"] = VALENTE
    return result


def _sentence(name: str, label: str, authority: int, sought: int, n: int, kinds: tuple[str, ...],
              rating: int | None, high: bool, nominated: bool, thin: bool) -> str:
    asked = how_many(sought, n - 1, kinds, name)
    if rating is not None and high and thin:
        return (f"The team rates {name} {rating} of 5; the map has too few {kinds_words(kinds)} ties to check it: "
                f"add who {step_phrase(kinds, 'whom', joiner='or')}.")
    if rating is not None and nominated and not high:
        return (f"{asked[0].upper()}{asked[1:]}, more than chance would give, but the team rated {name} {rating} of "
                f"5: does the team see all of {name}'s influence?")
    if rating is not None and high and not nominated:
        return (f"The team rates {name} {rating} of 5, but {asked}: is their influence in another kind of tie, or "
                "with people who are not on the map?")
    if label == FORMAL_ONLY:
        rated = f", and the team rated them {rating} of 5" if rating is not None else ""
        return (f"{name}'s title gives a say (authority {authority} of 5), but {asked}{rated}: pair them "
                "with someone people listen to.")
    return ""


def _summary(result: pd.DataFrame, kinds: tuple[str, ...], rated: bool) -> str:
    if result.empty:
        return "The map has nobody on it yet."
    sought = list(result.index[result["nominations"] == "sought out"])
    formal = list(result.index[result["position"] == "formal leader"])
    parts = [f"Three ways to find leaders: the {kinds_words(kinds)} nominations name "
             f"{number_of(len(sought), 'person', 'people')}" + (f" ({names_list(sought, limit=4)})" if sought else ""),
             f"formal position {number_of(len(formal), 'person', 'people')}"]
    if not rated:
        return ("; ".join(parts) + "; the team has not rated anyone's influence on this map (add an influence "
                "rating, 0-5, to compare).")
    rated_high = list(result.index[result["team_says"] == "influential"])
    parts.append(f"the team's rating {number_of(len(rated_high), 'person', 'people')}")
    both = [p for p in sought if p in rated_high]
    differ = list(result.index[result["agree"] == False])  # noqa: E712 (None means "cannot say")
    sentence = "; ".join(parts) + "."
    if both:
        sentence += f" Nominations and rating agree on {names_list(both, limit=4)}."
    if differ:
        sentence += f" They differ on {names_list(differ, limit=4)}: worth a conversation."
    else:
        sentence += " They do not differ on anyone."
    return sentence
