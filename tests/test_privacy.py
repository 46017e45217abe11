"""pseudonymise: names from a fixed staff-group vocabulary, nothing typed unless kept, warnings for a group of one."""

from __future__ import annotations

import networkx as nx
import pytest

from qi_kit import MapError, StakeholderMap, anonymise, load_case, pseudonymise
from qi_kit.privacy import STAFF_GROUPS, pseudonyms, singled_out, staff_group

MAP = StakeholderMap(
    [{"name": "Rosa Delgado", "title": "Charge Nurse", "unit": "Nights", "notes": "home phone 0123", "stance": -2,
      "role": "resistor"},
     {"name": "Ana Lee", "title": "Deputy to Rosa Delgado", "unit": "Days", "authority": 2},
     {"name": "Kwame", "unit": "Pharmacy"},
     {"name": "X"}],
    [{"source": "Ana Lee", "target": "Rosa Delgado", "kind": "advice", "strength": 3},
     {"source": "Kwame", "target": "Ana Lee", "kind": "trust"}], title="Rosa's falls project")


@pytest.mark.parametrize("title, unit, group", [
    ("Charge Nurse (nights)", "", "Nurse"), ("Nurse Consultant", "", "Nurse"), ("Matron", "", "Nurse"),
    ("Consultant Geriatrician", "", "Doctor"), ("Foundation Doctor (FY1)", "", "Doctor"), ("GP", "", "Doctor"),
    ("Ward Manager", "", "Manager"), ("Chief Executive", "", "Manager"), ("Clinical Director", "", "Manager"),
    ("Physiotherapist", "", "Allied health"), ("", "Pharmacy", "Allied health"), ("OT", "", "Allied health"),
    ("Healthcare Assistant", "", "Support staff"), ("Ward Clerk", "", "Support staff"), ("Porter", "", "Support staff"),
    ("Patient Partner", "", "Patient partner"), ("Carer", "", "Patient partner"), ("QI Lead", "Quality", "Other"),
    ("", "", "Other"), ("Deputy to Rosa Delgado", "", "Other"),
])
def test_staff_groups_come_from_titles_then_units(title, unit, group):
    assert staff_group(title, unit) == group and group in STAFF_GROUPS


def test_pseudonyms_are_a_group_and_a_letter_never_typed_text():
    assert pseudonyms(MAP) == {"Rosa Delgado": "Nurse A", "Ana Lee": "Other A", "Kwame": "Allied health A",
                               "X": "Other B"}
    many = StakeholderMap([{"name": f"n{i}", "title": "Staff nurse"} for i in range(28)])
    assert list(pseudonyms(many).values())[25:] == ["Nurse Z", "Nurse AA", "Nurse AB"]


def test_by_default_nothing_typed_survives():
    p = pseudonymise(MAP)
    text = p.people.to_csv() + p.ties.to_csv() + p.title + repr(p)
    for secret in ("Rosa", "Delgado", "Ana", "Lee", "Kwame", "0123", "Charge", "Nights", "Days", "Pharmacy",
                   "Deputy", "falls", "resistor"):
        assert secret.casefold() not in text.casefold(), secret
    assert p.title == "" and set(p.people["stance"]) == {0} and set(p.people["role"]) == {""}


def test_structure_and_the_three_ratings_are_kept():
    p = pseudonymise(MAP)
    assert nx.is_isomorphic(p.graph(), MAP.graph())
    assert p.person("Other A")["authority"] == 2
    assert p.ties.iloc[0].tolist() == ["Other A", "Nurse A", "advice", 3]


def test_fields_are_kept_one_by_one_with_names_replaced():
    p = pseudonymise(MAP, keep=("title", "stance", "role", "map_title"))
    assert p.person("Other A")["title"] == "Deputy to Nurse A"  # a name inside a title is replaced
    assert p.person("Nurse A")["stance"] == -2 and p.person("Nurse A")["role"] == "resistor"
    assert p.title == "Nurse A's falls project"
    assert p.person("Nurse A")["unit"] == "" and p.person("Nurse A")["notes"] == ""


def test_an_unknown_field_to_keep_is_a_plain_error():
    with pytest.raises(MapError, match="'titel' is not a field.*Did you mean 'title'"):
        pseudonymise(MAP, keep=["titel"])


def test_stable_and_the_old_name_still_works():
    assert pseudonymise(MAP) == pseudonymise(MAP) == anonymise(MAP)


def test_singled_out_warns_for_a_group_of_one():
    warnings = singled_out(MAP)
    assert warnings == [
        "Nurse A is the only person in the staff group 'Nurse': anyone who knows the team may know who it is.",
        "Allied health A is the only person in the staff group 'Allied health': anyone who knows the team may "
        "know who it is."]
    team = StakeholderMap([{"name": n, "title": "Staff nurse", "unit": u} for n, u in
                           (("a", "Nights"), ("b", "Nights"), ("c", "Days"))])
    assert singled_out(team) == []
    assert singled_out(team, keep=["unit"]) == [
        "Nurse C is the only person in the staff group 'Nurse' with unit 'Days': anyone who knows the team may "
        "know who it is."]
    assert "Notes are kept" in singled_out(MAP, keep=["notes"])[-1]


def test_the_ward_no_longer_identifies_twenty_people():
    ward = load_case("ward")
    assert len(singled_out(ward)) == 2  # the QI lead and the patient partner (titles: 20 of 37 before)
    assert len(singled_out(ward, keep=["title"])) > 10  # keeping titles brings the risk back, and says so


PLANTED = ["Zebedee Quargle", "Orla Finnegan-Stout", "Dr Ingrid Vasquez"]


def test_planted_names_in_every_field_never_reach_the_pseudonymised_map():
    people = [{"name": n, "title": f"Deputy to {PLANTED[(i + 1) % 3]}", "unit": f"{n}'s team",
               "notes": f"ask {PLANTED[(i + 2) % 3]} first; Stout and Vasquez agree"} for i, n in enumerate(PLANTED)]
    m = StakeholderMap(people, [{"source": PLANTED[0], "target": PLANTED[1], "kind": "advice"}],
                       title=f"{PLANTED[2]}'s project")
    for keep in ((), ("title", "unit", "notes", "map_title")):
        p = pseudonymise(m, keep=keep)
        text = (p.people.to_csv() + p.ties.to_csv() + p.title + " ".join(singled_out(m, keep=keep))).casefold()
        for name in PLANTED:
            for part in name.replace("-", " ").split():
                if len(part) >= 3 and part != "Dr":
                    assert part.casefold() not in text, (keep, part)
