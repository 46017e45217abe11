"""The facilitator's view of the room: what the shared maps and pitches say, for the debrief.

:func:`room_summary` reads the facilitator's folder (``QI_KIT_SHARE_DIR``), where participants
put their work with the share button of notebook 07, and gives one row per shared map: its
size, how many informal leaders, brokers and quiet voices the kit finds on it, the roles given,
the kind of ask the pitch makes, and the barriers the map shows. Everything is read from
pseudonymised copies (a map shared with its names is pseudonymised again here), so the
facilitator can put the numbers on a screen without naming anyone.

Maps shared *with* their names (a case study, or a team the room agreed to map with the same
labels) can also be compared person by person: :func:`room_agreement` runs
:func:`qi_kit.compare_maps` on them.

The barriers are read from the structure of each map, never from what a participant wrote:

- ``no sponsor``: nobody has the role sponsor;
- ``formal leaders with little pull``: someone with authority 3-5 few colleagues go to;
- ``a resistor people listen to``: a resistor (or someone against the change) among the most
  sought-out people;
- ``one person holds the map together``: someone whose leaving would cut others off;
- ``quiet voices``: people nobody seeks out, or barely connected.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd


from .model import ROLES, StakeholderMap
from .text import names_list, plural

BARRIERS: tuple[str, ...] = ("no sponsor", "formal leaders with little pull", "a resistor people listen to",
                             "one person holds the map together", "quiet voices")
#: quiet-voice checks that are about one person (the others are about groups)
PERSON_CHECKS: tuple[str, ...] = ("isolate", "barely connected", "nobody seeks them out")
COLUMNS = ("people", "ties", "informal_leaders", "brokers", "quiet_voices", *ROLES, "ask", "barriers",
           "pseudonymised")


def map_findings(m: StakeholderMap) -> dict[str, Any]:
    """The numbers the room summary shows for one (pseudonymised) map."""
    from .analysis.brokers import brokers, single_points_of_failure
    from .analysis.groups import quiet_voices
    from .analysis.influence import formal_leaders_with_little_pull, influence_table, informal_leaders

    found: dict[str, Any] = {"people": len(m), "ties": len(m.ties)}
    people = m.people
    for role in ROLES:
        found[role] = int((people["role"] == role).sum())
    if len(m) < 2:
        found.update(informal_leaders=0, brokers=0, quiet_voices=0,
                     barriers=("no sponsor",) if not found["sponsor"] else ())
        return found
    table = influence_table(m)
    leaders = informal_leaders(m, table=table)
    quiet = quiet_voices(m)
    quiet_people = set(quiet.loc[quiet["check"].isin(PERSON_CHECKS), "who"])
    found["informal_leaders"] = len(leaders)
    found["brokers"] = len(brokers(m, groups="cluster"))
    found["quiet_voices"] = len(quiet_people)
    barriers = []
    if not found["sponsor"]:
        barriers.append("no sponsor")
    if len(formal_leaders_with_little_pull(m, table=table)):
        barriers.append("formal leaders with little pull")
    against = set(people.loc[(people["role"] == "resistor") | (people["stance"] < 0), "name"])
    top = set(table.sort_values("pull", ascending=False, kind="stable").index[:max(1, len(m) // 5)])
    if against & (top | set(leaders.index)):
        barriers.append("a resistor people listen to")
    if len(single_points_of_failure(m)):
        barriers.append("one person holds the map together")
    if quiet_people:
        barriers.append("quiet voices")
    found["barriers"] = tuple(barriers)
    return found


def _folder(folder: str | os.PathLike | None) -> Path:
    from .sharing import share_folder

    return Path(folder) if folder is not None else share_folder()


def room_maps(folder: str | os.PathLike | None = None) -> dict[str, StakeholderMap]:
    """The shared maps, pseudonymised, labelled "Map 1", "Map 2", ... (in file-name order)."""
    from .sharing import pseudonymised_map, read_shared

    maps = {}
    for i, document in enumerate(read_shared(_folder(folder)), start=1):
        m = document["map"]
        maps[f"Map {i}"] = m if document.get("pseudonymised") else pseudonymised_map(m)[0]
    return maps


def room_summary(folder: str | os.PathLike | None = None) -> pd.DataFrame:
    """One row per shared map: size, informal leaders, brokers, quiet voices, roles, ask, barriers.

    Parameters
    ----------
    folder
        The facilitator's folder (default ``$QI_KIT_SHARE_DIR``).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``map`` ("Map 1", ...): ``people``, ``ties``, ``informal_leaders``,
        ``brokers`` (between close-knit clusters: pseudonymised maps have no units),
        ``quiet_voices``, one count per role, ``ask`` (the kind of ask of the pitch, or blank),
        ``barriers`` (a tuple, see the module docstring) and ``pseudonymised`` (as shared).
        ``.attrs["summary"]`` says it for the room in a few sentences; ``.attrs["asks"]``,
        ``.attrs["roles"]`` and ``.attrs["barriers"]`` count them across the maps.

    Examples
    --------
    >>> import tempfile
    >>> room_summary(tempfile.mkdtemp()).attrs["summary"]
    'No maps have been shared yet: participants share theirs with the button in notebook 07.'
    """
    from .sharing import read_shared

    documents = read_shared(_folder(folder))
    maps = room_maps(folder) if documents else {}
    rows = []
    for (label, m), document in zip(maps.items(), documents):
        found = map_findings(m)
        found.update(ask=(document.get("pitch") or {}).get("ask_type", ""),
                     pseudonymised=bool(document.get("pseudonymised")), map=label)
        rows.append(found)
    table = pd.DataFrame(rows, columns=["map", *COLUMNS]).set_index("map")
    numbers = ["people", "ties", "informal_leaders", "brokers", "quiet_voices", *ROLES]
    table = table.astype({c: "int64" for c in numbers} | {"pseudonymised": "bool"})
    asks = Counter(a for a in table["ask"] if a)
    roles = {role: int(table[role].sum()) for role in ROLES}
    barriers = Counter(b for found in table["barriers"] for b in found)
    table.attrs.update(asks=dict(asks.most_common()), roles=roles,
                       barriers={b: barriers[b] for b in BARRIERS if barriers[b]},
                       summary=_room_sentences(table, asks, barriers))
    return table


def _room_sentences(table: pd.DataFrame, asks: Counter, barriers: Counter) -> str:
    n = len(table)
    if not n:
        return "No maps have been shared yet: participants share theirs with the button in notebook 07."
    sizes = table["people"]
    size = f"{int(sizes.iloc[0])} people" if n == 1 else \
        f"{int(sizes.min())} to {int(sizes.max())} people, median {sizes.median():g}"
    lines = [f"{plural(n, 'map')} shared ({size})."]
    with_leaders = int((table["informal_leaders"] > 0).sum())
    lines.append(f"Informal leaders were found on {with_leaders} of {n}, brokers on "
                 f"{int((table['brokers'] > 0).sum())}, quiet voices on {int((table['quiet_voices'] > 0).sum())}.")
    if asks:
        count = max(asks.values())
        tops = [a for a, c in asks.items() if c == count]
        which = f"ask is {tops[0]}" if len(tops) == 1 else f"asks are {names_list(tops)}"
        lines.append(f"The most common {which} ({count} of {plural(sum(asks.values()), 'pitch', 'pitches')}"
                     f"{' each' if len(tops) > 1 else ''}).")
    else:
        lines.append("No pitch has been shared yet.")
    if barriers:
        common = [f"{b} ({barriers[b]} of {n})" for b in BARRIERS if barriers[b]]
        lines.append("Barriers the maps show: " + ", ".join(common) + ".")
    return " ".join(lines)


def room_agreement(folder: str | os.PathLike | None = None, *, rule: str = "half") -> pd.DataFrame | None:
    """Compare the maps shared with their names (a group map); None when fewer than two were.

    Pseudonymised maps cannot be compared person by person (each has its own pseudonyms).
    """
    from .group_maps import compare_maps
    from .sharing import read_shared

    named = [d["map"] for d in read_shared(_folder(folder)) if not d.get("pseudonymised")]
    if len(named) < 2:
        return None
    return compare_maps(named, rule=rule)


def example_room(folder: str | os.PathLike, *, informants: int = 3, others: int = 2, seed: int = 7) -> Path:
    """Fill ``folder`` with example shares: the ward mapped by ``informants`` colleagues (names kept,
    each leaving out some ties), and ``others`` pseudonymised maps of the other cases.

    For a facilitator to see the room's view before the day, and for the notebook's stored outputs.
    """
    import random

    from .cases import load_case
    from .sharing import share_document
    from .workspace import atomic_write_text

    import json

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    ward = load_case("ward")
    rng = random.Random(seed)
    ties = ward.ties.to_dict("records")
    documents = []
    for i in range(informants):
        kept = [t for t in ties if rng.random() > 0.25]  # each colleague misses about a quarter
        seen = StakeholderMap(ward.people, kept, title=ward.title)
        documents.append(share_document(seen, {"pitch": {"ask_type": ("decision", "time", "decision")[i % 3]}},
                                        pseudonymised=False))
    cases = ["school", "krackhardt"]
    for i in range(others):
        documents.append(share_document(load_case(cases[i % 2]), {"pitch": {"ask_type": "visible support"}}))
    for i, document in enumerate(documents, start=1):
        atomic_write_text(folder / f"example-{i:02d}.json", json.dumps(document, indent=1) + "\n")
    return folder
