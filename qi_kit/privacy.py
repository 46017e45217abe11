"""Privacy: participants map real colleagues, so the kit can share a map that names nobody.

:func:`pseudonymise` keeps what a facilitator needs to discuss the map's *shape* (every rating
of authority, influence and interest, and every tie) and replaces each person by a pseudonym
from a small fixed vocabulary of staff groups plus a letter ("Nurse A", "Doctor B", "Manager C",
"Allied health D", "Support staff E", "Patient partner F", "Other G"). The pseudonym is never
built from typed text: the title and unit only choose the group (:func:`staff_group`). The map
title, titles, units, notes, stance and role are dropped unless the participant keeps them, one
field at a time (``keep=("role",)``); any kept text has every name on the map replaced by its
pseudonym. :func:`singled_out` warns, in plain words, when the kept fields still single out
one person (a group of one), so the participant can keep fewer fields or ask that person first.

It is *pseudonymised*, not anonymous: someone who knows the team may still recognise a person
from the shape of the map (the one everybody reports to). Share it only with the facilitator.

Examples
--------
>>> from qi_kit.model import StakeholderMap
>>> m = StakeholderMap([{"name": "Rosa Delgado", "title": "Staff Nurse", "notes": "private", "stance": -2},
...                     {"name": "Ana Lee", "title": "Staff Nurse"},
...                     {"name": "Joan F", "title": "Patient Partner"}],
...                    [{"source": "Ana Lee", "target": "Rosa Delgado", "kind": "advice"}], title="Rosa's ward")
>>> p = pseudonymise(m)
>>> p.names, p.title, p.person("Nurse A")["notes"], p.person("Nurse A")["stance"]
(['Nurse A', 'Nurse B', 'Patient partner A'], '', '', 0)
>>> singled_out(m)
["Patient partner A is the only person in the staff group 'Patient partner': anyone who knows the team may know who it is."]
"""

from __future__ import annotations

import re
import string
from collections import Counter, defaultdict
from typing import Iterable, Sequence

from .errors import MapError, Problem, suggest
from .model import RATINGS, StakeholderMap
from .text import is_honorific

#: the staff groups pseudonyms are made from, in this order (never from typed text)
STAFF_GROUPS: tuple[str, ...] = ("Nurse", "Doctor", "Manager", "Allied health", "Support staff",
                                 "Patient partner", "Other")

#: the fields a participant may choose to keep in a pseudonymised map (everything else is kept
#: always: the three ratings authority, influence and interest, and every tie)
KEEPABLE: dict[str, str] = {
    "title": "job titles",
    "unit": "units",
    "notes": "notes",
    "stance": "stance",
    "role": "roles",
    "map_title": "the map's title",
}

# Words in a job title (or unit) that choose the staff group. Phrases are looked at first, then
# single words, group by group in the order below (a "Nurse consultant" is a nurse).
_PHRASES: dict[str, tuple[str, ...]] = {
    "Support staff": ("healthcare assistant", "health care assistant", "care assistant", "nursing assistant",
                      "support worker", "ward clerk", "medical secretary", "teaching assistant"),
    "Allied health": ("occupational therapist", "speech and language", "allied health", "operating department"),
    "Doctor": ("junior doctor", "house officer", "clinical fellow", "general practitioner"),
    "Patient partner": ("patient partner", "service user", "lay member", "expert by experience"),
}
_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Patient partner", ("patient", "patients", "carer", "carers", "family", "families", "relative", "relatives",
                         "public", "citizen")),
    ("Nurse", ("nurse", "nurses", "nursing", "midwife", "midwives", "midwifery", "matron", "sister", "rn")),
    ("Allied health", ("physio", "physiotherapist", "physiotherapy", "ot", "pharmacist", "pharmacy", "dietitian",
                       "dietician", "radiographer", "paramedic", "podiatrist", "psychologist", "therapist",
                       "therapists", "therapies", "therapy", "orthoptist", "prosthetist", "ahp", "salt",
                       "technician", "sonographer", "optometrist", "audiologist")),
    ("Doctor", ("doctor", "doctors", "consultant", "registrar", "physician", "surgeon", "anaesthetist",
                "anesthetist", "geriatrician", "paediatrician", "pediatrician", "psychiatrist", "gp", "fy1", "fy2",
                "sho", "spr", "trainee", "medical", "medic", "intensivist", "radiologist", "oncologist")),
    ("Manager", ("manager", "managers", "director", "directors", "executive", "chief", "head", "board",
                 "superintendent", "principal", "governor", "commissioner", "chair", "vice-president",
                 "president", "ceo", "coo", "cfo")),
    ("Support staff", ("porter", "housekeeper", "domestic", "cleaner", "receptionist", "administrator", "admin",
                       "clerk", "secretary", "assistant", "volunteer", "catering", "estates", "security", "hca")),
)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:-[^\W_]+)*", text.casefold())  # letters of every alphabet


def staff_group(title: str = "", unit: str = "") -> str:
    """The staff group a job title (or, failing that, a unit) points to, from :data:`STAFF_GROUPS`.

    >>> staff_group("Charge Nurse (nights)"), staff_group("Consultant Geriatrician"), staff_group("Ward Manager")
    ('Nurse', 'Doctor', 'Manager')
    >>> staff_group("Healthcare Assistant"), staff_group("", "Pharmacy"), staff_group("QI Lead")
    ('Support staff', 'Allied health', 'Other')
    """
    for text in (title, unit):
        folded = " ".join(_words(text or ""))
        if not folded:
            continue
        for group, phrases in _PHRASES.items():
            if any(re.search(rf"\b{re.escape(p)}\b", folded) for p in phrases):
                return group
        words = set(folded.split())
        for group, keywords in _WORDS:
            if words.intersection(keywords):
                return group
    return "Other"


def _letters(i: int) -> str:
    """A, B, ..., Z, AA, AB, ... (spreadsheet style)."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = string.ascii_uppercase[r] + out
    return out


def groups(m: StakeholderMap) -> dict[str, str]:
    """Name -> staff group, from each person's title (or unit)."""
    people = m.people
    return {name: staff_group(title, unit) for name, title, unit in people[["name", "title", "unit"]].itertuples(index=False)}


def pseudonyms(m: StakeholderMap) -> dict[str, str]:
    """Name -> pseudonym: the staff group and a letter, lettered in map order within each group.

    Stable (the same map gives the same pseudonyms) and made only from :data:`STAFF_GROUPS`.

    >>> from qi_kit.model import StakeholderMap
    >>> pseudonyms(StakeholderMap([{"name": "Rosa", "title": "Staff Nurse"}, {"name": "Tom"},
    ...                            {"name": "Ana", "title": "Charge Nurse"}]))
    {'Rosa': 'Nurse A', 'Tom': 'Other A', 'Ana': 'Nurse B'}
    """
    counts: Counter[str] = Counter()
    mapping: dict[str, str] = {}
    for name, group in groups(m).items():
        mapping[name] = f"{group} {_letters(counts[group])}"
        counts[group] += 1
    return mapping


def check_keep(keep: Iterable[str] | str) -> tuple[str, ...]:
    """The fields asked to be kept, checked against :data:`KEEPABLE` (a MapError names a wrong one)."""
    chosen = (keep,) if isinstance(keep, str) else tuple(keep or ())
    problems = []
    for field in chosen:
        if field not in KEEPABLE:
            problems.append(Problem("keep", f"'{field}' is not a field a pseudonymised map can keep.",
                                    f"{suggest(str(field), KEEPABLE)}Choose from: {', '.join(KEEPABLE)} "
                                    "(the ratings and ties are always kept)."))
    if problems:
        raise MapError(problems)
    return tuple(dict.fromkeys(chosen))


def scrubber(m: StakeholderMap, mapping: dict[str, str]):
    """A function that replaces every name on ``m`` in a text by its pseudonym.

    Full names first, then each part of a name (3 letters or more, not a title such as "Dr"):
    a part only one person has becomes their pseudonym, a part several share becomes "[name]".

    >>> from qi_kit.model import StakeholderMap
    >>> m = StakeholderMap([{"name": "Rosa Delgado", "title": "Staff Nurse"}, {"name": "Dr Rosa Hill"}])
    >>> scrub = scrubber(m, pseudonyms(m))
    >>> scrub("Deputy to Rosa Delgado; ask delgado or Rosa, or Dr Hill")
    'Deputy to Nurse A; ask Nurse A or [name], or Dr Other A'
    """
    replacements: dict[str, str] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    for name in m.names:
        replacements[name.casefold()] = mapping[name]
        for word in _words(name):
            for part in {word, *word.split("-")}:  # "Finnegan-Stout", "Finnegan" and "Stout"
                if len(part) >= 3 and not is_honorific(part) and not part.isdigit():
                    owners[part].add(name)
    for part, names in owners.items():
        if part not in replacements:
            replacements[part] = mapping[next(iter(names))] if len(names) == 1 else "[name]"
    if not replacements:
        return lambda text: text
    pattern = re.compile(r"(?<![\w])(" + "|".join(re.escape(k) for k in sorted(replacements, key=len, reverse=True))
                         + r")(?![\w])", re.IGNORECASE)
    return lambda text: pattern.sub(lambda found: replacements[found.group(0).casefold()], text) if text else text


def pseudonymise(m: StakeholderMap, *, keep: Sequence[str] | str = ()) -> StakeholderMap:
    """The same map with pseudonyms for names and nothing typed, unless kept on purpose.

    Parameters
    ----------
    m
        The stakeholder map.
    keep
        Fields to keep, each a choice of the participant: ``"title"``, ``"unit"``, ``"notes"``,
        ``"stance"``, ``"role"``, ``"map_title"`` (see :data:`KEEPABLE`). Default: none. Kept
        text has every name on the map replaced by its pseudonym.

    Returns
    -------
    StakeholderMap
        Names like "Nurse A" (:func:`pseudonyms`); the ratings authority, influence and interest
        and every tie as they were; stance 0 (neutral), role, titles, units, notes and the map
        title blank unless kept.

    Raises
    ------
    MapError
        If ``keep`` names a field that cannot be kept.
    """
    keep = check_keep(keep)
    mapping = pseudonyms(m)
    scrub = scrubber(m, mapping)
    people = m.people
    people["name"] = people["name"].map(mapping)
    for field in ("title", "unit", "notes"):
        people[field] = people[field].map(scrub) if field in keep else ""
    if "stance" not in keep:
        people["stance"] = RATINGS["stance"][2]
    if "role" not in keep:
        people["role"] = ""
    ties = m.ties.assign(source=lambda d: d["source"].map(mapping), target=lambda d: d["target"].map(mapping))
    return StakeholderMap(people, ties, title=scrub(m.title) if "map_title" in keep else "")


#: kept for one release: the old name of :func:`pseudonymise`
anonymise = pseudonymise


def singled_out(m: StakeholderMap, keep: Sequence[str] | str = ()) -> list[str]:
    """Plain warnings for each person the kept fields still single out (a group of one).

    A person is singled out when nobody else on the map shares their staff group and the kept
    fields (title, unit, role, stance), so anyone who knows the team may know who it is. Kept
    notes are free text and get one warning of their own. An empty list: nobody stands alone.

    >>> from qi_kit.model import StakeholderMap
    >>> m = StakeholderMap([{"name": "A", "title": "Nurse", "unit": "Nights"}, {"name": "B", "title": "Nurse"},
    ...                     {"name": "C", "title": "Nurse"}])
    >>> singled_out(m), singled_out(m, keep=["unit"])
    ([], ["Nurse A is the only person in the staff group 'Nurse' with unit 'Nights': anyone who knows the team may know who it is."])
    """
    keep = check_keep(keep)
    shown = pseudonymise(m, keep=keep)
    people = shown.people
    fields = [f for f in ("title", "unit", "role", "stance") if f in keep]
    group_of = {pseudonym: pseudonym.rsplit(" ", 1)[0] for pseudonym in people["name"]}
    warnings = []
    alone_in_group = Counter(group_of.values())
    combos = Counter(tuple([group_of[n], *(people.loc[i, f] for f in fields)]) for i, n in people["name"].items())
    for i, name in people["name"].items():
        group = group_of[name]
        if alone_in_group[group] == 1:
            warnings.append(f"{name} is the only person in the staff group '{group}': anyone who knows the team "
                            "may know who it is.")
            continue
        key = tuple([group, *(people.loc[i, f] for f in fields)])
        if fields and combos[key] == 1:
            described = " and ".join(f"{f} '{people.loc[i, f]}'" for f in fields)
            warnings.append(f"{name} is the only person in the staff group '{group}' with {described}: anyone "
                            "who knows the team may know who it is.")
    if "notes" in keep and (people["notes"] != "").any():
        warnings.append("Notes are kept: they are free text and may describe someone so that they are recognised. "
                        "Read them before you share, or leave notes out.")
    return warnings
