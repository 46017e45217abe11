"""Planted names: a day's work full of real-looking names, and the pseudonymised export holds none.

Every field a participant can type holds one of the planted names (the people's names, titles
that name a colleague, units, notes, the map title, the pitch, the reflection and the plan for
Monday). The pseudonymised export (by default, and with every optional field kept) must hold
none of them, in any file or file name. The browser suite checks the other half: after a day
on planted names, no file git tracks holds one.
"""

from __future__ import annotations

import pytest

import qi_kit
from qi_kit import StakeholderMap, save_workspace

from .conftest import record

PLANTED = ["Zebedee Quargle", "Orla Finnegan-Stout", "Dr Ingrid Vasquez", "Tomasz Wróblewski", "Aoife Ní Bhriain",
           "Kwabena Osei-Mensah"]
PARTS = sorted({part for name in PLANTED for word in name.split() for part in [word, *word.split("-")]
                if len(part) > 2 and part not in ("Dr",)}, key=str.casefold)
FOUND: dict[str, int] = {}


def planted_day(path):
    n = len(PLANTED)
    people = [{"name": name, "title": f"Deputy to {PLANTED[(i + 1) % n]}", "unit": f"{PLANTED[(i + 2) % n]}'s team",
               "notes": f"{PLANTED[(i + 3) % n]} says no; ask {PLANTED[(i + 4) % n].split()[-1]}",
               "stance": (i % 5) - 2, "role": "resistor" if i == 0 else ""}
              for i, name in enumerate(PLANTED)]
    ties = [{"source": a, "target": b, "kind": "advice"} for a, b in zip(PLANTED, PLANTED[1:])]
    m = StakeholderMap(people, ties, title=f"{PLANTED[0]}'s ward")
    pitch = qi_kit.Pitch(problem=f"{PLANTED[1]} falls", story=f"{PLANTED[2]} saw it").with_leader(m, PLANTED[3])
    save_workspace(path, map=m, pitch=pitch.to_dict(),
                   reflection={"listened_to": f"{PLANTED[4]} and {PLANTED[5]}"},
                   action_plan={"first_conversation": PLANTED[0]})
    return m


@pytest.mark.parametrize("keep", [(), ("title", "unit", "notes", "stance", "role", "map_title")],
                         ids=["default", "every field kept"])
def test_no_planted_name_reaches_the_pseudonymised_export(work_folder, keep):
    path = work_folder / "workspace.json"
    m = planted_day(path)
    written = qi_kit.export_everything(m, pseudonymised=True, keep=keep, path=path)
    found = 0
    for file in written.values():
        text = file.read_text(encoding="utf-8").casefold() + " " + file.name.casefold()
        found += sum(text.count(part.casefold()) for part in PARTS)
    text = repr(written).casefold()
    found += sum(text.count(part.casefold()) for part in PARTS)
    FOUND["+".join(keep) or "default"] = found
    assert found == 0, [p for p in PARTS if any(p.casefold() in f.read_text(encoding="utf-8").casefold()
                                                 for f in written.values())]
    # the test can fail: the participant's own (named) export does hold them
    own = qi_kit.export_everything(m, path=path)
    assert any(PLANTED[0] in f.read_text(encoding="utf-8") for f in own.values())


def test_zz_planted_names_counts():
    if FOUND:
        record("planted names", f"{len(PLANTED)} planted names ({len(PARTS)} name parts) in every field: "
               + ", ".join(f"{found} in the pseudonymised export ({keep})" for keep, found in FOUND.items()))
