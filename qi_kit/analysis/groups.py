"""Clusters (silos) and quiet voices: who talks mostly to whom, and who nobody seeks out.

Clusters are found with networkx's Louvain method (seeded, so the same map always gives the same
clusters) on the chosen ties, ignoring direction and weighting each tie by its strength; on maps
of more than :data:`LOUVAIN_LIMIT` people, with networkx's fast label propagation instead (a
second where Louvain can take a quarter of a minute). They are found once per map, kind of tie,
seed and resolution, and kept: the influence table, brokers, clusters and the pictures share
them. Each cluster is named after its most common unit (or job title), so "Ward 7B nights"
reads better than "community 3".
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from ..glossary import a_or_an, kinds_words, step_phrase
from ..model import StakeholderMap
from ..model import TIE_KINDS
from ..text import names_list, plural, word_for
from .graph import LISTENING, chosen_graph, kinds_of, remembered
from .labels import BARELY, NOT_ENOUGH, chance_of_as_many, enough_ties, is_sought_out

#: Groups a stakeholder map usually needs, by name -> words that reveal them in a title or unit.
#: A missing group is flagged as a question for the team, never as an error.
EXPECTED_GROUPS: dict[str, tuple[str, ...]] = {
    "patients, families or carers": ("patient", "family", "families", "carer", "service user", "relative",
                                     "parent", "pupil", "student", "resident"),
}

NO_TIES = "no ties of this kind"
#: A cluster keeping at least 8 in 10 of its ties inside is flagged as a possible silo (as is one
#: whose every tie to the rest of the map runs through one person, or which has none). A
#: discussion prompt, not a verdict: Burt's "structural holes" work shows the risk is real when
#: most of a group's talk stays inside it.
SILO_SHARE = 0.8
#: Above this many people, clusters come from networkx's fast label propagation (Traag & Šubelj
#: 2023) instead of Louvain: on a structureless 10,000-person map Louvain takes about 15 s.
LOUVAIN_LIMIT = 2000


def communities(G: nx.DiGraph, *, seed: int = 42, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities of the chosen ties (direction ignored, weight = strength).

    People with no ties are left out (they are not part of any group). Communities are sorted
    largest first, then by their first member's position on the map, so numbering is stable.
    Above :data:`LOUVAIN_LIMIT` people, fast label propagation is used (``resolution`` is then
    ignored). Kept per graph when the graph is the analysis's own (frozen) one.
    """
    if nx.is_frozen(G):
        return remembered(G, ("communities", seed, resolution), lambda: _communities(G, seed, resolution))
    return _communities(G, seed, resolution)


def _communities(G: nx.DiGraph, seed: int, resolution: float) -> list[list[str]]:
    order = {name: i for i, name in enumerate(G.nodes)}
    U = nx.Graph()
    U.add_nodes_from(n for n in G.nodes if G.degree(n) > 0)
    for s, t, d in G.edges(data=True):
        w = d.get("strength", 1)
        if U.has_edge(s, t):
            U[s][t]["strength"] += w
        else:
            U.add_edge(s, t, strength=w)
    if U.number_of_nodes() == 0:
        return []
    if U.number_of_nodes() > LOUVAIN_LIMIT:
        found = nx.community.fast_label_propagation_communities(U, seed=seed)  # unweighted: 6 times faster
    else:
        found = nx.community.louvain_communities(U, weight="strength", resolution=resolution, seed=seed)
    groups = [sorted(c, key=order.__getitem__) for c in found]
    return sorted(groups, key=lambda g: (-len(g), order[g[0]]))


def cluster_names(G: nx.DiGraph, groups: Sequence[Sequence[str]]) -> list[str]:
    """A readable name for each group: the unit (or title) most of its members share.

    A unit shared by more than half the members names the group ("Ward 7B nights"); otherwise the
    two most common are joined ("Ward 7B + Pharmacy"). Repeated names get a number.
    """
    names: list[str] = []
    for i, members in enumerate(groups, start=1):
        label = ""
        for field in ("unit", "title"):
            values = Counter(G.nodes[p].get(field) or "" for p in members)
            values.pop("", None)
            if not values:
                continue
            top = values.most_common(2)
            if top[0][1] * 2 > len(members) or len(top) == 1:
                label = top[0][0]
            else:
                label = f"{top[0][0]} + {top[1][0]}"
            break
        names.append(label or f"Cluster {i}")
    seen: Counter[str] = Counter()
    unique = []
    for label in names:
        seen[label] += 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique


def membership(G: nx.DiGraph, *, seed: int = 42, resolution: float = 1.0) -> tuple[dict[str, int], dict[int, str]]:
    """Person -> cluster number (0 = no ties of this kind) and cluster number -> name."""
    if nx.is_frozen(G):
        return remembered(G, ("membership", seed, resolution), lambda: _membership(G, seed, resolution))
    return _membership(G, seed, resolution)


def _membership(G: nx.DiGraph, seed: int, resolution: float) -> tuple[dict[str, int], dict[int, str]]:
    groups = communities(G, seed=seed, resolution=resolution)
    labels = cluster_names(G, groups)
    number = {p: 0 for p in G.nodes}
    for i, members in enumerate(groups, start=1):
        for p in members:
            number[p] = i
    names = {0: NO_TIES, **{i: label for i, label in enumerate(labels, start=1)}}
    return number, names


def clusters(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, seed: int = 42,
             resolution: float = 1.0) -> pd.DataFrame:
    """The close-knit groups on the map (silos), one row per cluster, largest first.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The kind(s) of tie to look at (``"advice"``, ``["advice", "trust"]`` ...).
    seed
        Fixes the Louvain method's random order, so the same map gives the same clusters.
    resolution
        Louvain's resolution: below 1 gives fewer, bigger clusters; above 1 more, smaller ones.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``cluster`` (1 = largest; 0 = people with no ties of this kind), with
        ``cluster_name``, ``size``, ``members``, ``units``, ``ties_inside``, ``ties_outside`` and
        ``inside_share``, ``only_link`` (people every crossing tie of the cluster touches),
        ``silo`` (True when ``inside_share`` ≥ 0.8, or every crossing tie runs through one person,
        or there is none) and a ``sentence`` per cluster.
        ``.attrs["summary"]`` says it in one sentence.

    See Also
    --------
    ties_between_clusters
        How many ties join each pair of clusters.
    quiet_voices
        People with few or no ties.

    Notes
    -----
    Louvain (Blondel et al. 2008) groups people so that there are many more ties inside groups than
    chance would give (modularity). Direction is ignored and each tie weighs its strength.
    ``ties_outside`` counts a tie once for each cluster it leaves.

    References
    ----------
    .. [1] V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast unfolding of
       communities in large networks", Journal of Statistical Mechanics: Theory and
       Experiment 2008(10):P10008, 2008. https://doi.org/10.1088/1742-5468/2008/10/P10008

    Examples
    --------
    >>> import qi_kit
    >>> table = clusters(qi_kit.load_case("ward"))
    >>> table.attrs["summary"]
    'The advice or trust ties form 5 clusters; possible silo: Medical team.'
    >>> table.loc[1, "cluster_name"]
    'Ward 7B'
    """
    G = chosen_graph(m, kind)
    number, names = membership(G, seed=seed, resolution=resolution)
    inside: Counter[int] = Counter()
    outside: Counter[int] = Counter()
    ends: dict[int, list[set[str]]] = {}
    for s, t in G.edges:
        if number[s] == number[t]:
            inside[number[s]] += 1
        else:
            outside[number[s]] += 1
            outside[number[t]] += 1
            for c in (number[s], number[t]):
                ends.setdefault(c, []).append({s, t})
    rows = []
    for c in sorted(set(number.values()), key=lambda c: (c == 0, c)):
        members = [p for p in G.nodes if number[p] == c]
        units = Counter(G.nodes[p].get("unit") or "" for p in members)
        units.pop("", None)
        total = inside[c] + outside[c]
        share = inside[c] / total if total else 0.0
        through = sorted(set.intersection(*ends[c])) if ends.get(c) else []
        silo = c != 0 and len(members) > 1 and (share >= SILO_SHARE or bool(through) or not outside[c])
        rows.append({"cluster": c, "cluster_name": names[c], "size": len(members),
                     "members": ", ".join(members), "units": ", ".join(u for u, _ in units.most_common()),
                     "ties_inside": inside[c], "ties_outside": outside[c], "inside_share": round(share, 3),
                     "only_link": ", ".join(through), "silo": silo,
                     "sentence": _cluster_sentence(names[c], members, inside[c], outside[c], through)})
    table = pd.DataFrame(rows, columns=["cluster", "cluster_name", "size", "members", "units", "ties_inside",
                                       "ties_outside", "inside_share", "only_link", "silo", "sentence"])
    table = table.set_index("cluster")
    kinds = kinds_of(kind)
    real = table.drop(index=0, errors="ignore")
    if len(G) == 0:
        summary = "The map has nobody on it yet."
    elif real.empty:
        summary = (f"Nobody on this map has {a_or_an(kinds_words(kinds))} {kinds_words(kinds)} tie yet, "
                   "so there are no clusters to show.")
    else:
        silos = real[real["silo"]]
        summary = (f"The {kinds_words(kinds)} ties form {plural(len(real), 'cluster')}"
                   + (f"; possible {word_for(len(silos), 'silo')}: {names_list(silos['cluster_name'])}."
                      if len(silos) else "; none of them is a silo."))
    table.attrs["summary"] = summary
    return table


def _cluster_sentence(name: str, members: list[str], inside: int, outside: int, through: list[str]) -> str:
    if name == NO_TIES:
        return f"{names_list(members)} {word_for(len(members), 'has', 'have')} no ties of this kind."
    total = inside + outside
    if total == 0:
        return f"{name}: {plural(len(members), 'person', 'people')}."
    sentence = (f"{name}: {plural(len(members), 'person', 'people')}; {inside} of {total} of their ties stay inside "
                f"the cluster and {outside} reach other clusters")
    if not outside:
        return sentence + ": a silo, with no tie to the rest of the map."
    if through:
        return sentence + f", every one of them through {names_list(through)}."
    return sentence + "."


def ties_between_clusters(m: StakeholderMap, *, kind: str | Iterable[str] = LISTENING, seed: int = 42,
                          resolution: float = 1.0) -> pd.DataFrame:
    """The ties that cross from one cluster to another: the bridges between silos.

    Returns
    -------
    pandas.DataFrame
        One row per crossing tie: ``source``, ``target``, ``strength``, ``source_cluster``,
        ``target_cluster`` (names) and a ``sentence``; ``.attrs["summary"]`` counts them per pair
        of clusters.

    See Also
    --------
    clusters
        The clusters themselves, with a sentence each.
    """
    G = chosen_graph(m, kind)
    number, names = membership(G, seed=seed, resolution=resolution)
    kinds = kinds_of(kind)
    rows = []
    pairs: Counter[tuple[str, str]] = Counter()
    for s, t, d in G.edges(data=True):
        if number[s] != number[t]:
            a, b = names[number[s]], names[number[t]]
            pairs[tuple(sorted((a, b)))] += 1
            rows.append({"source": s, "target": t, "strength": d["strength"], "source_cluster": a,
                         "target_cluster": b,
                         "sentence": f"{s} ({a}) {step_phrase(d['kinds'], t)} ({b})."})
    table = pd.DataFrame(rows, columns=["source", "target", "strength", "source_cluster", "target_cluster",
                                        "sentence"])
    if not rows:
        table.attrs["summary"] = f"No {kinds_words(kinds)} tie crosses from one cluster to another."
    else:
        parts = [f"{a} and {b}: {plural(c, 'tie')}" for (a, b), c in pairs.most_common()]
        table.attrs["summary"] = f"{plural(len(rows), 'tie')} cross between clusters ({'; '.join(parts)})."
    return table


# --------------------------------------------------------------------------- quiet voices


def quiet_voices(m: StakeholderMap, *, kind: str | Iterable[str] | None = None,
                 expected_groups: Mapping[str, Sequence[str]] | None = None) -> pd.DataFrame:
    """People and groups whose voice may not be heard: flagged for discussion, not judged.

    Five checks, each a row with a plain sentence and a question for the team (the rules, with
    their sources, are in :data:`qi_kit.analysis.labels.RULES`):

    - ``isolate``: a person with no ties of this kind at all;
    - ``barely connected``: a person with one or two ties only (:data:`BARELY`);
    - ``nobody seeks them out``: a person others list no tie to (they may still go to others);
    - ``group nobody outside seeks out``: a unit whose members are sought out only by each other
      (or not at all);
    - ``missing group``: a group most maps need (patients, families or carers) that is not on it.

    The second to the fourth need a map with enough ties to say (at least one per person): on a
    thinner map one row, ``not enough ties to say``, says what to add instead. Nobody whom the
    leader rules call sought out on these ties is ever flagged.

    Parameters
    ----------
    m
        The stakeholder map.
    kind
        The kind(s) of tie to look at; None (default) looks at every kind, reporting lines
        included: a voice is quiet when no tie of any kind points at it.
    expected_groups
        Group name -> words that reveal its members in a title or unit (default
        :data:`EXPECTED_GROUPS`).

    Returns
    -------
    pandas.DataFrame
        Columns ``who``, ``check``, ``sentence``, ``question``; ``.attrs["summary"]``.

    See Also
    --------
    clusters
        The close-knit groups.
    qi_kit.analysis.influence.informal_leaders
        The people many go to.

    Notes
    -----
    A missing tie may mean nobody listens, or only that nobody asked. Open the discussion with the
    question, and include quieter voices before deciding anything about them (the kit's source
    "Leading for improvement" on including quieter and excluded voices).
    """
    kinds = TIE_KINDS if kind is None else kinds_of(kind)
    G = chosen_graph(m, kinds)
    words = "" if kind is None else f"{kinds_words(kinds)} "
    rows: list[dict[str, str]] = []
    n = len(G)
    ties = G.number_of_edges()
    enough = enough_ties(ties, n)
    sought = np.array([G.in_degree(p) for p in G.nodes])
    leaders = set(np.asarray(list(G.nodes), dtype=object)[is_sought_out(sought, chance_of_as_many(sought, ties, n))]) \
        if n else set()
    for p in G.nodes:
        if p in leaders:  # sought out as a leader is: never also a quiet voice (same ties)
            continue
        if G.degree(p) == 0:
            rows.append({"who": p, "check": "isolate",
                         "sentence": f"{p} has no {words}ties on this map.",
                         "question": f"Is that true, or were {p}'s ties not recorded? Who would {p} go to?"})
        elif not enough:
            continue  # too few ties on the map to say that someone has few (one row below says so)
        elif G.degree(p) <= BARELY:
            links = [f"{step_phrase(G[p][q]['kinds'], q)}" for q in G.successors(p)]
            links += [f"{q} {step_phrase(G[q][p]['kinds'], 'them')}" for q in G.predecessors(p)]
            rows.append({"who": p, "check": "barely connected",
                         "sentence": f"{p} has {plural(G.degree(p), 'tie')} only: {'; '.join(links)}.",
                         "question": f"What would help {p} be heard? Who could bring {p} into the conversations?"})
        elif G.in_degree(p) == 0:
            rows.append({"who": p, "check": "nobody seeks them out",
                         "sentence": (f"No tie on this map points at {p}: nobody is recorded going to them for "
                                      "anything." if kind is None else
                                      f"No colleague on this map {step_phrase(kinds, p, joiner='or')}."),
                         "question": f"What does {p} see that others miss? How could the team hear it?"})
    if n and ties and not enough:
        what = "any kind" if kind is None else kinds_words(kinds)
        rows.append({"who": "the map", "check": NOT_ENOUGH,
                     "sentence": (f"Not enough ties to say whose voice is quiet: {plural(ties, 'tie')} of {what} for "
                                  f"{plural(n, 'person', 'people')}, fewer than one each. Add who "
                                  f"{step_phrase(kinds, 'whom', joiner='or') if kind is not None else 'goes to whom'}"
                                  ", at least one tie for each person."),
                     "question": "Who on the map would you expect to be unheard? Record their ties first, then look "
                                 "again."})
    for unit, members in (_units(G).items() if enough else ()):
        if len(members) < 2:
            continue
        inward = [s for member in members for s in G.predecessors(member)]
        from_outside = [s for s in inward if G.nodes[s].get("unit") != unit]
        if not from_outside:
            rows.append({"who": unit, "check": "group nobody outside seeks out",
                         "sentence": (f"No tie from outside {unit} points at any of its {len(members)} members: "
                                      "nobody outside is recorded going to them for anything." if kind is None else
                                      f"No colleague outside {unit} "
                                      f"{step_phrase(kinds, f'any of its {len(members)} members', joiner='or')}."),
                         "question": f"How do the views of {unit} reach the rest of the team and the change team?"})
    for group, clues in (expected_groups if expected_groups is not None else EXPECTED_GROUPS).items():
        if not any(_mentions(G.nodes[p], clues) for p in G.nodes) and n:
            rows.append({"who": group, "check": "missing group",
                         "sentence": f"Nobody on the map is one of the {group}.",
                         "question": f"Should the {group} have a voice in this change? Who could bring it?"})
    table = pd.DataFrame(rows, columns=["who", "check", "sentence", "question"])
    if n == 0:
        summary = "The map has nobody on it yet."
    elif table.empty:
        summary = "Everyone on the map is sought out by someone, and no expected group is missing."
    else:
        counts = Counter(table["check"])
        summary = ("Voices to discuss (not to judge): " + "; ".join(f"{c}: {counts[c]}" for c in counts)
                   + ". Ask what they see that others do not.")
    table.attrs["summary"] = summary
    return table


def _units(G: nx.DiGraph) -> dict[str, list[str]]:
    units: dict[str, list[str]] = {}
    for p, d in G.nodes(data=True):
        if d.get("unit"):
            units.setdefault(d["unit"], []).append(p)
    return units


def _mentions(fields: Mapping[str, object], clues: Sequence[str]) -> bool:
    text = f"{fields.get('title') or ''} {fields.get('unit') or ''}".casefold()
    return any(clue in text for clue in clues)
