"""Who people listen to: the influence table, informal leaders, and formal leaders with little pull.

Direction: an arrow ``A -> B`` means A goes to B (for advice, trust, ...). Being *pointed at* is
being listened to, so every measure here rewards incoming arrows:

- ``sought_out_by`` is the in-degree;
- ``influence_of_influence`` is PageRank on the graph as stored: a "random colleague" who keeps
  asking whoever they go to ends up, most often, with the people the map's listening converges on;
- ``closeness`` uses incoming distances (how few steps from the others to this person, i.e. how
  quickly this person's word travels back along the arrows);
- ``reach_2_steps`` counts the people within two steps *against* the arrows (who listens to them,
  or to someone who listens to them);
- ``betweenness`` counts shortest chains with direction ignored (a broker passes word both ways:
  advice asked is advice given), each tie one step (hop counts: a tie's strength says how often
  people talk, not how long the step is).

Every label (informal leader, formal and informal leader, formal leader with little pull, "not
enough ties to say") follows the rules of :mod:`qi_kit.analysis.labels`, stated there once with
their sources: being sought out by at least three colleagues, more often than chance would give,
makes a leader; authority only decides which kind.
"""

from __future__ import annotations

from typing import Iterable

import networkx as nx
import numpy as np
import pandas as pd

from ..glossary import a_or_an, authority_phrase, how_many, kinds_words
from ..model import StakeholderMap
from ..text import names_list, number_of, plural
from .graph import betweenness, chosen_graph, closeness, constraint, kinds_of, matrices, within_two_steps
from .groups import membership
from .labels import (BOTH, CHANCE, FORMAL_AUTHORITY, FORMAL_ONLY, INFORMAL, LITTLE_PULL, MIN_NOMINATIONS,
                     chance_of_as_many, enough_ties, expected_nominations, leadership, what_to_add)

#: PageRank's damping factor: the usual 0.85 (Brin & Page 1998); networkx's default.
DAMPING = 0.85

COLUMNS = ["title", "unit", "role", "authority", "influence", "stance", "sought_out_by", "sought_out_share",
           "sought_out_strength", "by_chance", "goes_to", "influence_of_influence", "pull", "formal_level", "gap",
           "leadership", "betweenness", "closeness", "constraint", "reach_2_steps", "reach_2_steps_share",
           "cluster", "cluster_name"]


def pagerank(W, *, damping: float = DAMPING, tol: float = 1.0e-10, max_iter: int = 200) -> tuple[np.ndarray, float]:
    """PageRank of a strength matrix (``W[i, j]`` = strength of i -> j), and its baseline.

    The same rule as ``networkx.pagerank(G, weight="strength")``: follow a tie with probability
    ``damping`` in proportion to its strength, otherwise jump to anyone; people who go to nobody
    pass their share to everyone. The *baseline* is the score of someone nobody goes to.
    """
    n = W.shape[0]
    if n == 0:
        return np.zeros(0), 0.0
    out = np.asarray(W.sum(axis=1)).ravel()
    dangling = out == 0
    scale = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, out))
    S = (W.multiply(scale[:, None])).tocsr().T.tocsr()
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        previous = x
        x = damping * (S @ x + x[dangling].sum() / n) + (1.0 - damping) / n
        if np.abs(x - previous).sum() < n * tol:
            break
    baseline = (1.0 - damping) / n + damping * x[dangling].sum() / n
    return x, float(baseline)


def graph_influence_table(G: nx.DiGraph, *, seed: int = 42, samples: int | None = None) -> pd.DataFrame:
    """The influence table of a chosen-ties graph (see :func:`influence_table`)."""
    names = list(G.nodes)
    n = len(names)
    fields = {c: [G.nodes[p].get(c) for p in names] for c in ("title", "unit", "role", "authority", "influence",
                                                              "stance")}
    table = pd.DataFrame(fields, index=pd.Index(names, name="name"))
    for column in ("authority", "influence", "stance"):
        table[column] = table[column].fillna(0).astype("int64")
    M = matrices(G)
    others = max(n - 1, 1)
    sought = np.asarray(M.A.sum(axis=0)).ravel().astype("int64") if n else np.zeros(0, dtype="int64")
    table["sought_out_by"] = sought
    table["sought_out_share"] = sought / others
    table["sought_out_strength"] = np.asarray(M.W.sum(axis=0)).ravel().astype("int64") if n else sought
    ties = G.number_of_edges()
    table["by_chance"] = chance_of_as_many(sought, ties, n)
    table["goes_to"] = np.asarray(M.A.sum(axis=1)).ravel().astype("int64") if n else sought
    rank, baseline = pagerank(M.W)
    table["influence_of_influence"] = rank
    excess = np.where(sought > 0, np.clip(rank - baseline, 0.0, None), 0.0)
    table["pull"] = pull(sought.astype(float), excess)
    table["formal_level"] = table["authority"] / 5.0
    table["gap"] = table["pull"] - table["formal_level"]
    enough = enough_ties(ties, n)
    table["leadership"] = leadership(table["authority"].to_numpy(), sought, table["pull"].to_numpy(),
                                     table["by_chance"].to_numpy(), enough=enough)
    info: dict = {}
    table["betweenness"], exact = betweenness(M.A, samples=samples, seed=seed, info=info)
    table["closeness"], _ = closeness(M.A, samples=samples, seed=seed)
    table["constraint"] = constraint(M.W)
    reach = within_two_steps(M.A.T.tocsr())
    table["reach_2_steps"] = reach.astype("int64")
    table["reach_2_steps_share"] = reach / others
    number, cluster_name = membership(G, seed=seed)
    table["cluster"] = [number[p] for p in names]
    table["cluster_name"] = [cluster_name[c] for c in table["cluster"]]
    table = table[COLUMNS]
    table.attrs.update(exact=exact, ties=ties, enough=enough, expected=expected_nominations(ties, n),
                       betweenness_sources=info.get("sources", n))
    return table


def pull(sought_out_by: np.ndarray, pagerank_excess: np.ndarray) -> np.ndarray:
    """Network pull on a 0-1 scale: how many go to them, raised half-way towards PageRank's view.

    ``a`` = sought_out_by / its maximum; ``b`` = PageRank excess / its maximum;
    ``pull = a + max(0, (b - a) / 2)`` (the same as ``max(a, (a + b) / 2)``).
    Being sought out by people who are themselves sought out can raise pull, never lower it, so
    a person many colleagues go to keeps their pull on a dense map where PageRank is flat.
    """
    a = _relative(sought_out_by)
    b = _relative(pagerank_excess)
    return a + np.maximum(0.0, (b - a) / 2.0)


def _relative(values: np.ndarray) -> np.ndarray:
    top = values.max() if len(values) else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def influence_table(m: StakeholderMap, *, kind: str | Iterable[str] = "advice", seed: int = 42,
                    samples: int | None = None) -> pd.DataFrame:
    """Everyone's informal influence next to their formal authority, one row per person.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The kind(s) of tie to look at: ``"advice"`` (default), ``"trust"``, or a list such as
        ``["advice", "trust"]`` (the strongest of two ties between the same pair counts).
    seed
        Fixes the random choices (cluster detection, and the sample of people on big maps).
    samples
        For maps over 2,000 people, betweenness and closeness are estimated from a sample of
        starting people: ``None`` (default) samples at least 1,000 and more where the map needs
        it (see :func:`qi_kit.analysis.graph.betweenness`); a number fixes the sample.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``, in the map's order, with the columns in :data:`COLUMNS`; each column's
        meaning is one call away: ``qi_kit.explain("betweenness")``. ``.attrs["summary"]`` is one
        sentence about the map; ``.attrs["exact"]`` is False when betweenness was estimated
        (``.attrs["betweenness_sources"]`` says from how many starting people);
        ``.attrs["enough"]`` says whether the map holds enough ties of this kind to say who is not
        sought out, and ``.attrs["expected"]`` how many colleagues would go to one person if the
        ties joined random pairs.

    See Also
    --------
    informal_leaders
        The informal leaders in this table, with their reasons.
    formal_leaders_with_little_pull
        Formal leaders whom few go to.
    qi_kit.analysis.labels.label_rules
        Every label's rule and source.

    Notes
    -----
    - ``sought_out_by`` = in-degree; ``sought_out_share`` = in-degree / (n - 1).
    - ``influence_of_influence`` = PageRank (damping 0.85, tie weight = strength) on the map's
      arrows, which rewards being pointed at by people who are themselves pointed at.
    - ``pull`` = a + max(0, (b - a) / 2), where a = sought_out_by / max(sought_out_by) and
      b = excess / max(excess), excess being PageRank minus the score of someone nobody goes to.
      Both are 1 for the top person and 0 for someone nobody goes to. Pull starts from how many
      go to a person (the sociometric measure practitioners trust) and moves half-way towards
      PageRank when the people who go to them are themselves much sought after (the case of a
      consultant whom the juniors' go-to registrar asks). It never falls below ``a``, so on a
      dense map where PageRank is flat, the person many go to keeps their pull.
    - ``formal_level`` = authority / 5; ``gap`` = pull - formal_level.
    - ``by_chance``: the chance that random ties (as many as the map has) would make this many
      colleagues go to one person: ``P(X >= sought_out_by)``, X binomial (see
      :func:`qi_kit.analysis.labels.chance_of_as_many`).
    - ``leadership``: the label the rules of :mod:`qi_kit.analysis.labels` give (Valente &
      Pumpuang's sociometric leaders next to their positional ones). At least 3 colleagues and
      ``by_chance`` under 1 in 100 → informal leader (authority 0-2) or formal and informal
      leader (authority 3-5); authority 3-5 with pull under 0.25, on a map with at least one tie
      of this kind per person → formal leader with little pull; on a map with fewer ties (or
      fewer than 4 people), everyone else is "not enough ties to say"; blank otherwise.
    - ``betweenness``: Brandes' algorithm with direction ignored, hop counts, normalised as
      ``networkx.betweenness_centrality`` on the undirected graph.
    - ``closeness``: incoming distance, Wasserman-Faust scaling for people only part of the map
      reaches (as ``networkx.closeness_centrality``).
    - ``constraint``: Burt (1992), ties symmetrised and weighted by strength (as ``networkx.constraint``).
      Near 0 for someone whose contacts do not know each other; 1 for someone with one contact;
      above 1 (up to 1.125 with equal ties, more with uneven ones) for someone whose few contacts
      are closely tied to each other.
    - ``reach_2_steps``: people within two steps against the arrows.
    - ``cluster``: Louvain communities (see :func:`qi_kit.clusters`); 0 = no ties of this kind.

    References
    ----------
    .. [1] T. W. Valente and P. Pumpuang, "Identifying opinion leaders to promote behavior
       change", Health Education & Behavior 34(6):881-896, 2007.
       https://doi.org/10.1177/1090198106297855
    .. [2] S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web search engine",
       Computer Networks and ISDN Systems 30(1-7):107-117, 1998 (PageRank).
       https://doi.org/10.1016/S0169-7552(98)00110-X
    .. [3] U. Brandes, "A faster algorithm for betweenness centrality", Journal of Mathematical
       Sociology 25(2):163-177, 2001. https://doi.org/10.1080/0022250X.2001.9990249
    .. [4] R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard
       University Press, 1992 (a book, no DOI).
    .. [5] D. Krackhardt, "Assessing the political landscape: structure, cognition, and power in
       organizations", Administrative Science Quarterly 35(2):342-369, 1990.
       https://doi.org/10.2307/2393394

    Examples
    --------
    >>> import qi_kit
    >>> table = qi_kit.influence_table(qi_kit.load_case("ward"))
    >>> table.sort_values("sought_out_by", ascending=False).index[0]
    'Rosa Delgado'
    >>> table.at["Rosa Delgado", "leadership"]
    'informal leader'
    """
    G = chosen_graph(m, kind)
    table = graph_influence_table(G, seed=seed, samples=samples)
    table.attrs["summary"] = _table_summary(table, kinds_of(kind), G.number_of_edges())
    return table


def _table_summary(table: pd.DataFrame, kinds: tuple[str, ...], ties: int) -> str:
    n = len(table)
    words = kinds_words(kinds)
    if n == 0:
        return "The map has nobody on it yet: add people and ties first."
    if ties == 0:
        return (f"Nobody on this map has {a_or_an(words)} {words} tie yet, so nobody stands out: "
                f"add who goes to whom for {words}.")
    ranked = _ranked(table, ["sought_out_by", "pull"], ascending=False)
    name, top = ranked.index[0], ranked.iloc[0]
    counts = table["leadership"].value_counts()
    leaders = number_of(int(counts.get(INFORMAL, 0)), 'informal leader')
    sentence = (f"{plural(n, 'person', 'people')}, {plural(ties, 'tie')} of {words}. The most sought out: "
                f"{how_many(int(top['sought_out_by']), n - 1, kinds, name)}. {leaders[0].upper()}{leaders[1:]}")
    if counts.get(BOTH, 0):
        sentence += f", {number_of(int(counts[BOTH]), 'formal and informal leader')}"
    if not table.attrs.get("enough", True):
        return f"{sentence}. {what_to_add(ties, n, kinds)}"
    return f"{sentence}, {number_of(int(counts.get(FORMAL_ONLY, 0)), 'formal leader')} with little pull."


def _ranked(table: pd.DataFrame, by: list[str], *, ascending: bool) -> pd.DataFrame:
    frame = table.assign(_name=table.index)
    return frame.sort_values(by + ["_name"], ascending=[ascending] * len(by) + [True]).drop(columns="_name")


def informal_leaders(m: StakeholderMap, *, kind: str | Iterable[str] = "advice", seed: int = 42,
                     table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The people colleagues go to although their title gives them little authority, ranked.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The kind(s) of tie to look at (default ``"advice"``).
    seed
        Passed to :func:`influence_table`.
    table
        An influence table already computed for the same map and kind (saves recomputing it).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``name``, best first, with ``rank`` (1 = first), ``title``, ``unit``,
        ``authority``, ``sought_out_by``, ``sought_out_share``, ``by_chance``,
        ``influence_of_influence``, ``pull``, ``gap`` and ``reason`` (one plain sentence built
        from the counts). Empty, with a sentence in ``.attrs["summary"]``, when nobody qualifies.

    See Also
    --------
    influence_table
        Every person's numbers.
    formal_leaders_with_little_pull
        The other side of the same gap.
    qi_kit.analysis.groups.quiet_voices
        Those nobody goes to.

    Notes
    -----
    The rule (:data:`qi_kit.analysis.labels.RULES`): authority 0-2, at least 3 colleagues go to
    them, and random ties would make that many go to one person less than 1 time in 100
    (Valente & Pumpuang 2007, the sociometric method). Authority decides who is eligible, not
    the order: they are ranked by how many colleagues go to them, then by pull, then by name.

    Examples
    --------
    >>> import qi_kit
    >>> list(informal_leaders(qi_kit.load_case("ward")).index)
    ['Rosa Delgado', 'Kwame Asante']
    """
    kinds = kinds_of(kind)
    G = chosen_graph(m, kind)
    table = graph_influence_table(G, seed=seed) if table is None else table
    chosen = _ranked(table[table["leadership"] == INFORMAL], ["sought_out_by", "pull"], ascending=False)
    result = _leader_frame(chosen)
    counts = table["sought_out_by"]
    result["reason"] = [_informal_reason(name, row, table, kinds, counts, list(G.predecessors(name)))
                        for name, row in chosen.iterrows()]
    ties = int(table.attrs.get("ties", counts.sum()))
    if table.empty or ties == 0:
        result.attrs["summary"] = _table_summary(table, kinds, ties)
    elif result.empty:
        result.attrs["summary"] = _no_informal_leader(table, kinds)
    else:
        result.attrs["summary"] = (f"{plural(len(result), 'informal leader')} in the {kinds_words(kinds)} ties: "
                                   f"{names_list(result.index)}. Colleagues go to them more than chance would "
                                   "give, although their titles give them little authority.")
    return result


def _no_informal_leader(table: pd.DataFrame, kinds: tuple[str, ...]) -> str:
    words = kinds_words(kinds)
    n = len(table)
    if n < MIN_NOMINATIONS + 1:
        return what_to_add(int(table.attrs.get("ties", 0)), n, kinds)
    formal = list(table.index[table["leadership"] == BOTH])
    if formal:
        return (f"Nobody with little formal authority is sought out more than chance would give in the {words} "
                f"ties: the people others go to are formal leaders ({names_list(formal)}).")
    top = _ranked(table, ["sought_out_by", "pull"], ascending=False)
    name, count = top.index[0], int(top.iloc[0]["sought_out_by"])
    return (f"Nobody stands out in the {words} ties: the most sought out, {name}, has {plural(count, 'colleague')} "
            f"going to them, not clearly more than the {_about(table.attrs.get('expected', 0))} that random ties "
            f"would give (a leader needs at least {MIN_NOMINATIONS}, and fewer than 1 in {round(1 / CHANCE)} by "
            "chance).")


def formal_leaders_with_little_pull(m: StakeholderMap, *, kind: str | Iterable[str] = "advice", seed: int = 42,
                                    table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Formal leaders (authority 3-5) whom few colleagues go to: the opposite list.

    Not a judgement: a sponsor who is rarely on the ward may still unlock resources. It says
    that their title alone will not carry the change to the front line; pair them with someone
    people already listen to.

    Returns
    -------
    pandas.DataFrame
        Same columns as :func:`informal_leaders`, the fewest colleagues first (then the least
        pull, then by name), with a ``reason`` sentence per person. Empty, with the reason in
        ``.attrs["summary"]``, when nobody qualifies or the map has too few ties to say.

    See Also
    --------
    informal_leaders
        People listened to beyond their title.
    influence_table
        Every person's numbers.

    Notes
    -----
    The rule (:data:`qi_kit.analysis.labels.RULES`): authority 3 or more and pull under 0.25 (a
    quarter of the most sought-out person's), on a map with at least one tie of this kind per
    person, so that a missing tie means "nobody goes to them" rather than "not recorded".

    Examples
    --------
    >>> import qi_kit
    >>> formal_leaders_with_little_pull(qi_kit.load_case("ward")).index[0]
    'David Reyes'
    """
    kinds = kinds_of(kind)
    table = influence_table(m, kind=kind, seed=seed) if table is None else table
    chosen = _ranked(table[table["leadership"] == FORMAL_ONLY], ["sought_out_by", "pull"], ascending=True)
    result = _leader_frame(chosen)
    n = len(table)
    top = _ranked(table, ["sought_out_by", "pull"], ascending=False)
    result["reason"] = [_little_pull_reason(name, row, n, kinds, top) for name, row in chosen.iterrows()]
    words = kinds_words(kinds)
    ties = int(table.attrs.get("ties", table["sought_out_by"].sum()))
    if n and not table.attrs.get("enough", True) and (table["authority"] >= FORMAL_AUTHORITY).any():
        result.attrs["summary"] = what_to_add(ties, n, kinds)
    elif result.empty:
        result.attrs["summary"] = (f"Every formal leader on the map (authority {FORMAL_AUTHORITY}-5) also has some "
                                   f"pull in the {words} ties, or there is none.")
    else:
        result.attrs["summary"] = (f"{plural(len(result), 'formal leader')} with little pull in the "
                                   f"{words} ties: {names_list(result.index)}. Their title alone may "
                                   "not carry the change to the front line.")
    return result


def _little_pull_reason(name: str, row: pd.Series, n: int, kinds: tuple[str, ...], top: pd.DataFrame) -> str:
    leader, most = top.index[0], int(top.iloc[0]["sought_out_by"])
    return (f"{name} has {authority_phrase(int(row['authority']))}, but "
            f"{how_many(int(row['sought_out_by']), n - 1, kinds, name)}, against {most} for {leader}, "
            "the most sought out.")


def _leader_frame(chosen: pd.DataFrame) -> pd.DataFrame:
    columns = ["title", "unit", "authority", "sought_out_by", "sought_out_share", "by_chance",
               "influence_of_influence", "pull", "gap"]
    result = chosen[columns].copy()
    result.insert(0, "rank", np.arange(1, len(result) + 1, dtype="int64"))
    result["reason"] = pd.Series(dtype="object")
    return result


def _about(value: float) -> str:
    """'about 2', 'about 1.5', 'under 1' for an expected count."""
    if value < 1:
        return "under 1"
    rounded = round(value) if value >= 10 or abs(value - round(value)) < 0.05 else round(value, 1)
    return f"about {rounded:g}"


def _informal_reason(name: str, row: pd.Series, table: pd.DataFrame, kinds: tuple[str, ...],
                     counts: pd.Series, askers: list[str]) -> str:
    n = len(table)
    count = int(row["sought_out_by"])
    sentence = how_many(count, n - 1, kinds, name)
    expected = _about(table.attrs.get("expected", 0.0))
    if count and count == int(counts.max()):
        sentence += f", the most on this map (random ties would give {expected})"
    elif count:
        higher = int((counts > count).sum())
        sentence += f" ({_ordinal(higher + 1)} most on this map; random ties would give {expected})"
    # askers with at least "some" pull themselves: their listening lifts this person's PageRank
    sought_askers = sorted((p for p in askers if table.at[p, "pull"] >= LITTLE_PULL),
                           key=lambda p: (-table.at[p, "pull"], p))
    if sought_askers:
        sentence += f", including {names_list(sought_askers, limit=3)}, whom others also go to"
    return f"{sentence[0].upper()}{sentence[1:]}; they have {authority_phrase(int(row['authority']))}."


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"
