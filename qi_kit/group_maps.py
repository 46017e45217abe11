"""Group maps: several people map the same team, and the kit shows where they agree.

Krackhardt (1987) asked every manager of a firm to say, for every pair of colleagues, whether
one went to the other for advice. Each manager's answer is a *cognitive social structure*: that
person's picture of the network, and one informant's picture is often wrong. He combined the
pictures in two ways, and the kit offers both:

- **consensus structure** (``rule="half"``, the default): a tie is kept when at least half of
  the informants report it;
- **locally aggregated structure, intersection rule** (``rule="both_ends"``): a tie from A to B
  is kept only when A and B themselves both report it ("both ends agree"). This needs each
  informant's label to be their own name on the map.

A person missing from an informant's map counts as that informant not reporting the ties to
that person, as in Krackhardt's survey where every informant was asked about every pair; the
``informants`` column says how many informants had both people on their map, and the words say
so when someone is known only to some of them (a thing to check, not an error).

Names are matched ignoring case and extra spaces, so the informants must use the same labels
for the same colleagues (initials or roles agreed in the room, or a case study's names).
Pseudonymised maps cannot be compared person by person: each gets its own pseudonyms.

Reference: Krackhardt, D. (1987). Cognitive social structures. *Social Networks* 9, 109-134.
"""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from .errors import MapError, Problem
from .glossary import STEP_PHRASES
from .model import RATINGS, TEXT_COLUMNS, StakeholderMap
from .text import fold, names_list, plural

RULES: dict[str, str] = {
    "half": "a tie counts as agreed when at least half of the informants report it "
            "(Krackhardt's consensus structure)",
    "both_ends": "a tie from A to B counts as agreed only when A and B both report it themselves "
                 "(Krackhardt's locally aggregated structure, intersection rule)",
}

COLUMNS = ("source", "target", "kind", "reported_by", "informants", "agreement", "consensus", "sentence")


def _key(name: str) -> str:
    return fold(name)


def informant_maps(maps: Mapping[str, StakeholderMap] | Sequence[StakeholderMap]) -> dict[str, StakeholderMap]:
    """The maps labelled by informant: a mapping as given, a list as "Map 1", "Map 2", ...

    Raises
    ------
    MapError
        Fewer than two maps, or something that is not a map.
    """
    if isinstance(maps, Mapping):
        labelled = {str(label): m for label, m in maps.items()}
    else:
        labelled = {f"Map {i}": m for i, m in enumerate(maps, start=1)}
    problems = [Problem(label, f"this is not a stakeholder map ({type(m).__name__}).",
                        "pass the maps themselves, e.g. from qi_kit.read_map or load_case.")
                for label, m in labelled.items() if not isinstance(m, StakeholderMap)]
    if problems:
        raise MapError(problems)
    if len(labelled) < 2:
        raise MapError(Problem("", f"Comparing maps needs at least two maps; {len(labelled)} given.",
                               "ask two or more colleagues to map the same team, then compare their maps."))
    return labelled


def _people_index(maps: dict[str, StakeholderMap]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Name key -> the spelling first seen; name key -> the informants who have that person."""
    shown: dict[str, str] = {}
    known: dict[str, list[str]] = {}
    for label, m in maps.items():
        for name in m.names:
            shown.setdefault(_key(name), name)
            known.setdefault(_key(name), []).append(label)
    return shown, known


def _tie_sentence(source: str, target: str, kind: str) -> str:
    return f"{source} {STEP_PHRASES[kind].format(name=target)}"


def compare_maps(maps: Mapping[str, StakeholderMap] | Sequence[StakeholderMap], *,
                 rule: str = "half") -> pd.DataFrame:
    """One row per tie that any informant reported, with who reported it and whether it is agreed.

    Parameters
    ----------
    maps
        Two or more maps of the same team: ``{"Ana": map, "Tom": map}`` (informants named; their
        own names on the map for ``rule="both_ends"``) or a list (labelled "Map 1", "Map 2", ...).
    rule
        ``"half"`` (at least half of the informants report the tie) or ``"both_ends"`` (the two
        people the tie joins both report it). See :data:`RULES`.

    Returns
    -------
    pandas.DataFrame
        Columns ``source``, ``target``, ``kind``; ``reported_by`` (a tuple of informant labels);
        ``informants`` (how many informants have both people on their map); ``agreement`` (the
        share of all informants who report it, 0-1); ``consensus`` (True when agreed under the
        rule); ``sentence`` (the tie and the agreement in words). Agreed ties first, then by
        agreement. ``.attrs["summary"]`` says it in one sentence, ``.attrs["rule"]`` names the rule.

    Examples
    --------
    >>> from qi_kit.model import StakeholderMap
    >>> people = [{"name": "Tom"}, {"name": "Rosa"}]
    >>> tie = [{"source": "Tom", "target": "Rosa", "kind": "advice"}]
    >>> table = compare_maps([StakeholderMap(people, tie), StakeholderMap(people, tie), StakeholderMap(people)])
    >>> table[["source", "target", "reported_by", "agreement", "consensus"]].values.tolist()
    [['Tom', 'Rosa', ('Map 1', 'Map 2'), 0.6666666666666666, True]]
    """
    if rule not in RULES:
        raise MapError(Problem("", f"'{rule}' is not a rule for comparing maps.",
                               f"use one of: {', '.join(RULES)}."))
    labelled = informant_maps(maps)
    shown, known = _people_index(labelled)
    total = len(labelled)
    reports: dict[tuple[str, str, str], list[str]] = {}
    for label, m in labelled.items():
        for source, target, kind, _ in m.ties.itertuples(index=False, name=None):
            reports.setdefault((_key(source), _key(target), kind), []).append(label)
    informant_keys = {_key(label): label for label in labelled}
    rows = []
    for (source, target, kind), by in reports.items():
        knowing = [label for label in labelled if label in known[source] and label in known[target]]
        agreement = len(by) / total
        if rule == "half":
            consensus = 2 * len(by) >= total
        else:
            ends = [informant_keys.get(source), informant_keys.get(target)]
            consensus = all(end is not None and end in by for end in ends)
        rows.append({"source": shown[source], "target": shown[target], "kind": kind, "reported_by": tuple(by),
                     "informants": len(knowing), "agreement": agreement, "consensus": bool(consensus),
                     "sentence": _agreement_sentence(shown[source], shown[target], kind, by, knowing,
                                                     labelled, consensus, rule, informant_keys)})
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    if len(table):
        order = sorted(range(len(table)), key=lambda i: (not rows[i]["consensus"], -rows[i]["agreement"]))
        table = table.iloc[order].reset_index(drop=True)
    table = table.astype({"informants": "int64", "agreement": "float64", "consensus": "bool"})
    agreed = int(table["consensus"].sum())
    table.attrs["rule"] = rule
    table.attrs["summary"] = (
        f"{plural(total, 'informant')} reported {plural(len(table), 'different tie')}: {agreed} agreed and "
        f"{len(table) - agreed} disputed ({RULES[rule]}). Check the disputed ones with the colleagues concerned."
        if len(table) else f"None of the {total} maps has a tie yet: there is nothing to compare.")
    return table


def _agreement_sentence(source: str, target: str, kind: str, by: list[str], knowing: list[str],
                        labelled: dict[str, StakeholderMap], consensus: bool, rule: str,
                        informant_keys: dict[str, str]) -> str:
    total = len(labelled)
    tie = _tie_sentence(source, target, kind)
    if len(by) == total:
        said = f"all {total} informants say {tie}"
    elif len(by) == 1:
        said = f"only {by[0]} (1 of {total}) says {tie}"
    else:
        said = f"{names_list(by)} ({len(by)} of {total}) say {tie}"
    said = said[0].upper() + said[1:]
    if consensus:
        return f"{said}: agreed."
    missing = [label for label in labelled if label not in knowing]
    if rule == "both_ends":
        ends = [(name, informant_keys.get(_key(name))) for name in (source, target)]
        absent = [name for name, label in ends if label is None]
        silent = [name for name, label in ends if label is not None and label not in by]
        why = []
        if absent:
            why.append(f"{names_list(absent)} did not map the team")
        if silent:
            why.append(f"{names_list(silent)} did not report it")
        return f"{said}, but {' and '.join(why)}: check it with {source} and {target}."
    if missing:
        return (f"{said}; {names_list(missing)} did not have both people on their map: "
                f"check with {source} and {target}, and whether everyone knows them.")
    return f"{said}: check it with {source} and {target}."


def partly_known(maps: Mapping[str, StakeholderMap] | Sequence[StakeholderMap]) -> pd.DataFrame:
    """People who are on some informants' maps but not on others', with who has them.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``known_to`` (a tuple of informant labels), ``maps`` (how many), and
        ``sentence``; ``.attrs["summary"]``. Empty when everyone is on every map.
    """
    labelled = informant_maps(maps)
    shown, known = _people_index(labelled)
    total = len(labelled)
    rows = []
    for key, labels in known.items():
        if len(labels) < total:
            name = shown[key]
            rows.append({"name": name, "known_to": tuple(labels), "maps": len(labels),
                         "sentence": f"{name} is on {len(labels)} of {total} maps ({names_list(labels)}): "
                                     f"ask the others whether {name} belongs on the team's map; until then "
                                     f"ties to {name} count as not reported by them."})
    table = pd.DataFrame(rows, columns=["name", "known_to", "maps", "sentence"]).astype({"maps": "int64"})
    table.attrs["summary"] = (f"{plural(len(table), 'person is', 'people are')} on some maps but not on others."
                              if len(table) else f"Everyone is on all {total} maps.")
    return table


def rating_spread(maps: Mapping[str, StakeholderMap] | Sequence[StakeholderMap]) -> pd.DataFrame:
    """Each person's ratings across the informants who have them: the median, lowest and highest.

    The median of an even number of ratings is the lower of the two middle ones
    (``statistics.median_low``), so a merged rating is always one an informant gave.

    Returns
    -------
    pandas.DataFrame
        One row per person and rating: ``name``, ``rating``, ``median``, ``low``, ``high``,
        ``rated_by`` (how many informants have the person) and ``spread`` (high minus low).
    """
    labelled = informant_maps(maps)
    shown, known = _people_index(labelled)
    values: dict[tuple[str, str], list[int]] = {}
    for m in labelled.values():
        for person in m.people.to_dict("records"):
            for rating in RATINGS:
                values.setdefault((_key(person["name"]), rating), []).append(int(person[rating]))
    rows = [{"name": shown[key], "rating": rating, "median": statistics.median_low(given), "low": min(given),
             "high": max(given), "rated_by": len(given), "spread": max(given) - min(given)}
            for (key, rating), given in values.items()]
    return pd.DataFrame(rows, columns=["name", "rating", "median", "low", "high", "rated_by", "spread"])


def _most_common(values: Iterable[str]) -> str:
    """The most common non-blank value (the first seen wins a tie), or blank."""
    counts = Counter(v for v in values if v)
    if not counts:
        return ""
    best = max(counts.values())
    return next(v for v in counts if counts[v] == best)


def merge_maps(maps: Mapping[str, StakeholderMap] | Sequence[StakeholderMap], *, rule: str = "half",
               title: str | None = None) -> StakeholderMap:
    """The team's consensus map: everyone anyone mapped, and the agreed ties only.

    - people: the union of the informants' people (first spelling seen);
    - ratings: the median of the informants who have the person (see :func:`rating_spread`);
      when they differ, the person's ``notes`` say the spread ("authority 2-4 across 3 maps"),
      and people known to only some informants say on how many maps they are;
    - title, unit and role: the most common answer; ties: the agreed ones (:func:`compare_maps`
      with the same ``rule``), strength the median of those who report it.

    The analyses (informal leaders, brokers, routes...) then run on the consensus; the disputed
    ties are listed by :func:`things_to_check`.

    Examples
    --------
    >>> from qi_kit.model import StakeholderMap
    >>> a = StakeholderMap([{"name": "Tom", "authority": 2}, {"name": "Rosa"}],
    ...                    [{"source": "Tom", "target": "Rosa", "kind": "advice"}])
    >>> b = StakeholderMap([{"name": "tom", "authority": 4}, {"name": "Rosa"}])
    >>> merged = merge_maps([a, b])
    >>> merged.person("Tom")["authority"], merged.person("Tom")["notes"], len(merged.ties)
    (2, 'authority 2-4 across 2 maps.', 1)
    """
    labelled = informant_maps(maps)
    shown, known = _people_index(labelled)
    total = len(labelled)
    records: dict[str, list[dict[str, Any]]] = {}
    for m in labelled.values():
        for person in m.people.to_dict("records"):
            records.setdefault(_key(person["name"]), []).append(person)
    spread = rating_spread(labelled).set_index(["name", "rating"])
    people = []
    for key, given in records.items():
        name = shown[key]
        person: dict[str, Any] = {"name": name}
        for column in (*TEXT_COLUMNS[:2], "role"):
            person[column] = _most_common(p[column] for p in given)
        notes = []
        if len(known[key]) < total:
            notes.append(f"on {len(known[key])} of {total} maps ({names_list(known[key])})")
        for rating in RATINGS:
            row = spread.loc[(name, rating)]
            person[rating] = int(row["median"])
            if row["spread"]:
                notes.append(f"{rating} {int(row['low'])}-{int(row['high'])} across {plural(int(row['rated_by']), 'map')}")
        person["notes"] = "; ".join(notes) + "." if notes else ""
        people.append(person)
    comparison = compare_maps(labelled, rule=rule)
    strengths: dict[tuple[str, str, str], list[int]] = {}
    for m in labelled.values():
        for source, target, kind, strength in m.ties.itertuples(index=False, name=None):
            strengths.setdefault((_key(source), _key(target), kind), []).append(int(strength))
    ties = [{"source": row.source, "target": row.target, "kind": row.kind,
             "strength": statistics.median_low(strengths[(_key(row.source), _key(row.target), row.kind)])}
            for row in comparison[comparison["consensus"]].itertuples()]
    titles = {m.title for m in labelled.values() if m.title}
    if title is None:
        title = titles.pop() if len(titles) == 1 else f"Consensus of {total} maps"
    return StakeholderMap(people, ties, title=title)


def things_to_check(maps: Mapping[str, StakeholderMap] | Sequence[StakeholderMap], *,
                    rule: str = "half") -> list[str]:
    """The disputed ties and the people known to only some informants, in plain words.

    Each line is something to check with the colleagues concerned, never a verdict on a person.
    """
    comparison = compare_maps(maps, rule=rule)
    lines = comparison.loc[~comparison["consensus"], "sentence"].tolist()
    lines += partly_known(maps)["sentence"].tolist()
    return lines


def agreement_summary(maps: Mapping[str, StakeholderMap] | Sequence[StakeholderMap], *,
                      rule: str = "half") -> str:
    """Where the informants agree and disagree, in two or three sentences."""
    comparison = compare_maps(maps, rule=rule)
    people = partly_known(maps)
    lines = [comparison.attrs["summary"]]
    if len(people):
        lines.append(people.attrs["summary"])
    return " ".join(lines)


__all__ = ["RULES", "agreement_summary", "compare_maps", "informant_maps", "merge_maps", "partly_known",
           "rating_spread", "things_to_check"]
