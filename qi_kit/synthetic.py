"""A made-up but plausible organisation, of any size, for benchmarks and demonstrations.

Wards of about a dozen people each (a ward manager, a charge nurse, staff nurses and healthcare
assistants), grouped into divisions under divisional directors and one chief nurse. Every ward
has one staff nurse whom colleagues go to far more than their title suggests (an informal
leader), and every division has a clinical educator whom several wards consult (a broker).
Nothing here describes real people: names are drawn from short lists with a number when needed.
"""

from __future__ import annotations

import numpy as np

from .errors import MapError, Problem
from .model import StakeholderMap

_FIRST = ("Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Kim", "Lee", "Ash", "Jordan", "Morgan", "Taylor", "Casey",
          "Jamie", "Riley", "Avery", "Quinn", "Rowan", "Sasha", "Noor", "Ade", "Mei", "Ravi", "Ines", "Tomas", "Lena",
          "Omar", "Yuki", "Zara", "Femi", "Aiko", "Kofi", "Maya", "Ivan", "Leila", "Nia", "Owen", "Priya", "Sean", "Tara")
_LAST = ("Adams", "Baker", "Clarke", "Davies", "Evans", "Fischer", "Garcia", "Hughes", "Ibrahim", "Jones", "Khan",
         "Lewis", "Mensah", "Nguyen", "Okoro", "Patel", "Quinn", "Rossi", "Singh", "Taylor", "Uddin", "Varga", "Walsh",
         "Xu", "Young", "Zhou", "Murphy", "Novak", "Owusu", "Price", "Reid", "Shah", "Turner", "Moreau", "Costa",
         "Berg", "Kowal", "Haddad", "Sato", "Lund")
WARD_SIZE = 12
WARDS_PER_DIVISION = 10
#: How much more often colleagues pick someone for advice than an ordinary colleague.
PULL = {"informal": 8.0, "educator": 4.0, "charge": 2.0, "manager": 1.0, "staff": 1.0}


def _names(n: int) -> list[str]:
    names = []
    combos = len(_FIRST) * len(_LAST)
    for i in range(n):
        base = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST) + i) % len(_LAST)]}"
        names.append(base if i < combos else f"{base} {i // combos + 1}")
    return names


def synthetic_map(n_people: int, *, ties_per_person: float = 10.0, seed: int = 42) -> StakeholderMap:
    """A plausible organisation of ``n_people`` with advice, trust and reporting ties.

    Parameters
    ----------
    n_people
        How many people (at least 1). 60 is a workshop-sized map; 10,000 a large trust.
    ties_per_person
        Average advice and trust ties each person names (about 70% advice, 30% trust), on top of
        one reporting line each. 10 gives about 100,000 advice and trust ties for 10,000 people.
    seed
        Fixes every random choice: the same arguments give the same map.

    Returns
    -------
    StakeholderMap
        People with title, unit, authority (chief 5, directors 4, ward managers 3, charge nurses
        2, educators 1, others 0), influence (the rating the team would give: high for the
        informal leaders), interest and stance; ties of kinds reports_to, advice and trust.

    Notes
    -----
    Four in five advice ties stay inside the person's ward; the target is drawn with the weights
    in :data:`PULL`, so each ward's informal leader collects many advice ties. The rest go to
    the division's educator or to anyone in the division. Trust ties mostly stay in the ward and
    are returned half the time. About 3 in 100 advice ties go to the educator.
    """
    if not isinstance(n_people, int) or isinstance(n_people, bool) or n_people < 1:
        raise MapError(Problem("n_people", f"n_people must be a whole number (1 or more), not {n_people!r}.",
                               "use e.g. synthetic_map(60)."))
    if not ties_per_person >= 0:
        raise MapError(Problem("ties_per_person", f"ties_per_person must be 0 or more, not {ties_per_person!r}.",
                               "use e.g. ties_per_person=10."))
    rng = np.random.default_rng(seed)
    names = _names(n_people)
    kinds = ["chief"] + ["staff"] * (n_people - 1)
    unit = ["Board"] * n_people
    ward = np.full(n_people, -1)
    division = np.full(n_people, -1)
    wards = max(1, (n_people - 1) // WARD_SIZE)
    divisions = max(1, -(-wards // WARDS_PER_DIVISION))
    # directors first (one per division, if there is room), then the wards in turn
    directors = list(range(1, min(n_people, 1 + divisions))) if n_people > 2 else []
    for d, p in enumerate(directors):
        kinds[p], unit[p], division[p] = "director", f"Division {d + 1}", d
    rest = np.arange(1 + len(directors), n_people)
    for w, members in enumerate(np.array_split(rest, wards)):
        d = w % divisions
        for j, p in enumerate(members):
            ward[p], division[p], unit[p] = w, d, f"Ward {w + 1}"
            kinds[p] = {0: "manager", 1: "charge", 2: "informal"}.get(j, "staff")
            if j == 3 and w < divisions:
                kinds[p], unit[p] = "educator", f"Education, Division {d + 1}"
    titles = {"chief": "Chief Nurse", "director": "Divisional Director of Nursing", "manager": "Ward Manager",
              "charge": "Charge Nurse", "informal": "Staff Nurse", "educator": "Clinical Educator",
              "staff": "Staff Nurse"}
    authority = {"chief": 5, "director": 4, "manager": 3, "charge": 2, "educator": 1, "informal": 0, "staff": 0}
    rated = {"chief": 3, "director": 2, "manager": 2, "charge": 3, "educator": 4, "informal": 5, "staff": 1}
    stance = rng.integers(-2, 3, n_people)
    people = [{"name": names[p], "title": titles[kinds[p]] if not (kinds[p] == "staff" and p % 3 == 0)
               else "Healthcare Assistant", "unit": unit[p], "authority": authority[kinds[p]],
               "influence": rated[kinds[p]], "interest": int(rng.integers(0, 6)), "stance": int(stance[p])}
              for p in range(n_people)]
    pull = np.array([PULL.get(k, 1.0) for k in kinds], dtype=float)
    ties: dict[tuple[int, int, str], int] = {}

    def add(s: int, t: int, kind: str) -> None:
        if s != t:
            ties.setdefault((s, t, kind), int(rng.integers(1, 4)))

    # reporting lines
    managers = {w: p for p in range(n_people) if kinds[p] == "manager" for w in [ward[p]]}
    for p in range(n_people):
        if kinds[p] == "director":
            add(p, 0, "reports_to")
        elif kinds[p] == "manager":
            add(p, directors[division[p] % len(directors)] if directors else 0, "reports_to")
        elif ward[p] >= 0:
            boss = managers.get(ward[p])
            add(p, boss if boss is not None and boss != p else 0, "reports_to")
        elif p:
            add(p, 0, "reports_to")
    members_of = {w: np.flatnonzero(ward == w) for w in range(wards)}
    in_division = {d: np.flatnonzero(division == d) for d in range(divisions)}
    educators = {division[p]: p for p in range(n_people) if kinds[p] == "educator"}
    advice_n = rng.poisson(0.7 * ties_per_person, n_people)
    trust_n = rng.poisson(0.3 * ties_per_person, n_people)
    for p in range(n_people):
        home = members_of.get(ward[p], np.arange(min(n_people, 1 + len(directors))))
        weights = pull[home] / pull[home].sum()
        for _ in range(advice_n[p]):
            r = rng.random()
            if r < 0.8 and len(home) > 1:
                add(p, int(rng.choice(home, p=weights)), "advice")
            elif r < 0.83 and division[p] in educators:
                add(p, educators[division[p]], "advice")
            else:
                pool = in_division.get(division[p], np.arange(n_people))
                add(p, int(pool[rng.integers(len(pool))]), "advice")
        for _ in range(trust_n[p]):
            pool = home if rng.random() < 0.8 and len(home) > 1 else in_division.get(division[p], home)
            q = int(pool[rng.integers(len(pool))])
            add(p, q, "trust")
            if rng.random() < 0.5:
                add(q, p, "trust")
    rows = [{"source": names[s], "target": names[t], "kind": k, "strength": w} for (s, t, k), w in ties.items()]
    title = f"Synthetic organisation ({n_people} people, seed {seed})"
    return StakeholderMap(people, rows, title=title)


def random_map(n_people: int, n_ties: int, *, kind: str = "advice", seed: int = 42) -> StakeholderMap:
    """A map with no structure at all: ``n_ties`` ties of one kind between random pairs of people.

    The null case for the kit's labels: nobody on it is sought out more than chance would give,
    so (by the rules of :mod:`qi_kit.analysis.labels`) almost nobody should be called a leader,
    and the benchmarks' flat map (betweenness is much alike for everyone).

    Parameters
    ----------
    n_people
        How many people (at least 2).
    n_ties
        How many distinct ties, each between two different people picked at random (at most
        n (n - 1)).
    kind
        The kind of every tie (default ``"advice"``).
    seed
        Fixes every random choice.

    Returns
    -------
    StakeholderMap
        People named ``Person 00001``... with authority drawn from 0-5 (about a third 3 or more),
        a random influence rating and a neutral stance; ties of strength 1-3.

    Examples
    --------
    >>> m = random_map(50, 200)
    >>> len(m), len(m.ties)
    (50, 200)
    """
    if not isinstance(n_people, int) or isinstance(n_people, bool) or n_people < 2:
        raise MapError(Problem("n_people", f"n_people must be a whole number (2 or more), not {n_people!r}.",
                               "use e.g. random_map(1000, 5000)."))
    most = n_people * (n_people - 1)
    if not isinstance(n_ties, int) or isinstance(n_ties, bool) or not 0 <= n_ties <= most:
        raise MapError(Problem("n_ties", f"n_ties must be a whole number from 0 to {most}, not {n_ties!r}.",
                               f"use e.g. random_map({n_people}, {min(most, 5 * n_people)})."))
    rng = np.random.default_rng(seed)
    width = len(str(n_people))
    names = [f"Person {i + 1:0{width}d}" for i in range(n_people)]
    chosen = np.zeros(0, dtype=np.int64)
    while len(chosen) < n_ties:  # distinct ordered pairs, drawn without replacement
        draw = rng.integers(0, most, size=2 * (n_ties - len(chosen)) + 16)
        chosen = np.unique(np.concatenate([chosen, draw]))
        if len(chosen) > n_ties:
            chosen = rng.permutation(chosen)[:n_ties]
    chosen = np.sort(chosen)
    source = chosen // (n_people - 1)
    target = chosen % (n_people - 1)
    target = target + (target >= source)  # skip the person themselves
    strength = rng.integers(1, 4, size=len(chosen))
    authority = rng.choice([0, 0, 1, 2, 3, 4, 5], size=n_people)
    influence = rng.integers(0, 6, size=n_people)
    people = [{"name": names[i], "authority": int(authority[i]), "influence": int(influence[i])}
              for i in range(n_people)]
    ties = [{"source": names[s], "target": names[t], "kind": kind, "strength": int(w)}
            for s, t, w in zip(source, target, strength)]
    return StakeholderMap(people, ties, title=f"Random map ({n_people} people, {n_ties} ties, seed {seed})")
