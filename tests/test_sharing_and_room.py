"""Sharing with the facilitator (only on request, pseudonymised, withdrawable) and the room summary."""

from __future__ import annotations

import json
import os

import pytest

import qi_kit
from qi_kit.model import StakeholderMap
from qi_kit.room import map_findings, room_agreement, room_maps
from qi_kit.sharing import ShareError, is_shared, read_shared, share_with_facilitator, withdraw_share

SECRET = "Dr Secret Surname"


@pytest.fixture
def share_dir(tmp_path, monkeypatch):
    folder = tmp_path / "facilitator"
    folder.mkdir()
    monkeypatch.setenv("QI_KIT_SHARE_DIR", os.fspath(folder))
    return folder


def _participant(monkeypatch, tmp_path, name: str):
    """A participant's own work folder (each participant has one)."""
    monkeypatch.setenv("QI_KIT_WORK_DIR", os.fspath(tmp_path / name / "my_work"))


def _my_map() -> StakeholderMap:
    return StakeholderMap(
        [{"name": SECRET, "title": "Consultant on ward 7B", "unit": "Ward 7B", "authority": 4, "role": "resistor",
          "notes": "difficult, see email", "stance": -2},
         {"name": "Rosa", "title": "Staff nurse", "influence": 5},
         {"name": "Tom", "title": "Ward manager", "authority": 3, "role": "sponsor", "interest": 4}],
        [{"source": "Tom", "target": "Rosa", "kind": "advice"},
         {"source": SECRET, "target": "Rosa", "kind": "advice"}], title="Falls on 7B at St Elsewhere")


def test_nothing_is_shared_until_asked(share_dir):
    qi_kit.save_workspace(map=_my_map())
    assert list(share_dir.iterdir()) == [] and not is_shared()


def test_shared_work_is_pseudonymised_and_holds_no_typed_text(share_dir):
    qi_kit.save_workspace(map=_my_map(),
                          pitch={"leader": SECRET, "leader_role": "resistor", "leader_stance": -2,
                                 "leader_authority": 4, "ask": f"Please, {SECRET}, come to the huddle",
                                 "ask_type": "visible support", "story": "a private story"},
                          action_plan={"first_conversation": f"talk to {SECRET}", "the_ask": ""})
    shared = share_with_facilitator()
    assert "pseudonymised" in repr(shared) and "/" not in repr(shared)
    files = list(share_dir.iterdir())
    assert len(files) == 1 and (files[0].stat().st_mode & 0o777) == 0o640
    text = files[0].read_text()
    for typed in (SECRET, "Secret", "difficult", "Consultant on ward", "Ward 7B", "St Elsewhere", "huddle",
                  "private story", "Rosa", "Tom"):
        assert typed not in text, typed
    document = json.loads(text)
    assert document["pseudonymised"] and len(document["map"]["people"]) == 3
    assert document["pitch"]["ask_type"] == "visible support" and document["pitch"]["leader_kind"] == "resistor"
    assert document["pitch"]["leader"] == document["map"]["people"][0]["name"]  # the leader's pseudonym
    assert document["plan"]["monday_questions_answered"] == 1
    assert str(qi_kit.work_folder()) not in text  # the file name is a token, not a user or a path


def test_share_again_replaces_and_withdraw_deletes(share_dir):
    qi_kit.save_workspace(map=_my_map())
    share_with_facilitator()
    share_with_facilitator()
    assert len(list(share_dir.glob("*.json"))) == 1 and is_shared()
    assert "Withdrawn" in repr(withdraw_share())
    assert list(share_dir.glob("*.json")) == [] and not is_shared()
    assert "already withdrawn" in repr(withdraw_share())


def test_withdraw_before_sharing_says_so(share_dir):
    assert "nothing to withdraw" in repr(withdraw_share())


def test_names_kept_only_when_asked(share_dir):
    share_with_facilitator(_my_map(), pseudonymised=False)
    document = read_shared(share_dir)[0]
    assert SECRET in document["map"].names and "difficult" not in json.dumps(document["map"].to_dict())


def test_no_folder_or_no_map_is_a_clear_message(monkeypatch, share_dir):
    with pytest.raises(ShareError, match="no map of your own"):
        share_with_facilitator()
    monkeypatch.delenv("QI_KIT_SHARE_DIR")
    with pytest.raises(ShareError, match="No facilitator folder"):
        share_with_facilitator(_my_map())
    monkeypatch.setenv("QI_KIT_SHARE_DIR", os.fspath(share_dir / "missing"))
    with pytest.raises(ShareError, match="does not exist"):
        share_with_facilitator(_my_map())


def test_each_participant_has_their_own_file(share_dir, monkeypatch, tmp_path):
    for name in ("p1", "p2", "p3"):
        _participant(monkeypatch, tmp_path, name)
        share_with_facilitator(qi_kit.load_case("ward"))
    assert len(read_shared(share_dir)) == 3
    _participant(monkeypatch, tmp_path, "p2")
    withdraw_share()
    assert len(read_shared(share_dir)) == 2


# --------------------------------------------------------------------------- the room


def test_findings_on_a_hand_made_map():
    found = map_findings(_my_map())
    assert (found["people"], found["ties"], found["sponsor"], found["resistor"]) == (3, 2, 1, 1)
    assert "a resistor people listen to" not in found["barriers"]  # the resistor is sought out by nobody
    # three people and two ties are too few to call anyone a formal leader with little pull (the
    # kit's evidence rule, qi_kit.label_rules()); the ward has enough
    assert "formal leaders with little pull" not in found["barriers"]
    assert "formal leaders with little pull" in map_findings(qi_kit.load_case("ward"))["barriers"]


def test_room_summary_counts_what_was_shared(share_dir, monkeypatch, tmp_path):
    cases = ["ward", "school", "ward"]
    for i, case in enumerate(cases):
        _participant(monkeypatch, tmp_path, f"p{i}")
        qi_kit.save_workspace(pitch={"leader": "", "ask_type": "decision" if i < 2 else "time"})
        share_with_facilitator(qi_kit.load_case(case))
    (share_dir / "not-a-share.json").write_text("{broken")
    table = qi_kit.room_summary(share_dir)
    assert list(table.index) == ["Map 1", "Map 2", "Map 3"]
    assert sorted(table["people"]) == [24, 37, 37]
    assert table.attrs["asks"] == {"decision": 2, "time": 1}
    assert table.attrs["roles"]["sponsor"] == int(table["sponsor"].sum())
    summary = table.attrs["summary"]
    assert summary.startswith("3 maps shared (24 to 37 people, median 37).")
    assert "The most common ask is decision (2 of 3 pitches)." in summary
    ward_rows = table[table["people"] == 37]
    assert (ward_rows["informal_leaders"] == map_findings(qi_kit.anonymise(qi_kit.load_case("ward")))
            ["informal_leaders"]).all()


def test_the_room_is_pseudonymised_even_for_maps_shared_with_names(share_dir):
    share_with_facilitator(_my_map(), pseudonymised=False)
    maps = room_maps(share_dir)
    assert SECRET not in maps["Map 1"].names and len(maps["Map 1"]) == 3


def test_room_agreement_compares_the_maps_shared_with_names(share_dir, monkeypatch, tmp_path):
    assert room_agreement(share_dir) is None
    for name in ("a", "b"):
        _participant(monkeypatch, tmp_path, name)
        share_with_facilitator(_my_map(), pseudonymised=False)
    _participant(monkeypatch, tmp_path, "c")
    share_with_facilitator(_my_map())  # pseudonymised: not comparable, left out
    table = room_agreement(share_dir)
    assert len(table) == 2 and table["consensus"].all() and set(table["informants"]) == {2}


def test_empty_room(tmp_path):
    table = qi_kit.room_summary(tmp_path)
    assert table.empty and "No maps have been shared yet" in table.attrs["summary"]


# --------------------------------------------------------------------------- the share button


def test_the_share_button_shares_and_withdraws(share_dir):
    qi_kit.save_workspace(map=_my_map())
    button = qi_kit.share_button()
    assert "Nothing is shared until you press" in button.message.value and not list(share_dir.iterdir())
    button.share_button.click()
    assert "Shared with your facilitator" in button.message.value and len(read_shared(share_dir)) == 1
    assert read_shared(share_dir)[0]["pseudonymised"]
    button.withdraw_button.click()
    assert "Withdrawn" in button.message.value and not list(share_dir.glob("*.json"))
    button.keep_names.value = True
    button.share_button.click()
    assert SECRET in read_shared(share_dir)[0]["map"].names
    assert "shared your work" in qi_kit.share_button().message.value


def test_the_share_button_explains_instead_of_failing(monkeypatch):
    monkeypatch.delenv("QI_KIT_SHARE_DIR", raising=False)
    button = qi_kit.share_button()
    assert "not set up on this computer" in button.message.value
    button.share_button.click()
    assert "Nothing was shared" in button.message.value and "Traceback" not in button.message.value
    assert repr(button).startswith("Share button:")


# --------------------------------------------------------------------------- the facilitator's view


def test_room_view_without_a_folder_offers_the_example(monkeypatch):
    monkeypatch.delenv("QI_KIT_SHARE_DIR", raising=False)
    view = qi_kit.room_view()
    assert "No facilitator folder is set" in view.message.value and view.table.value == ""
    view.example_button.click()
    assert "5 maps shared" in view.message.value and "Map 5" in view.table.value
    assert view.maps_image.value[:4] == b"\x89PNG" and "5 shared maps" in view.maps_alt.value
    assert "3 informants reported" in view.agreement.value and "<li>" in view.agreement.value
    strict = view.agreement.value
    view.rule.value = "both_ends"
    assert view.agreement.value != strict and "locally aggregated" in view.agreement.value
    assert repr(view) == "Room view: 5 maps shared (21 to 37 people, median 37)."


def test_room_view_escapes_what_was_shared(share_dir, monkeypatch, tmp_path):
    _participant(monkeypatch, tmp_path, "a")
    share_with_facilitator(StakeholderMap([{"name": "<img src=x onerror=alert(1)>"}, {"name": "B"}],
                                          [{"source": "B", "target": "<img src=x onerror=alert(1)>",
                                            "kind": "advice"}]), pseudonymised=False)
    for name in ("b", "c"):  # with no ties: the first map's tie is 1 of 3, disputed
        _participant(monkeypatch, tmp_path, name)
        share_with_facilitator(StakeholderMap([{"name": "<img src=x onerror=alert(1)>"}, {"name": "B"}]),
                               pseudonymised=False)
    view = qi_kit.room_view(share_dir)
    assert "<img" not in view.agreement.value and "&lt;img" in view.agreement.value
    assert "<img" not in view.table.value


def test_lab_settings_are_readable_by_every_account(tmp_path):
    """On a hub every participant's JupyterLab reads the environment's overrides.json."""
    from qi_kit.labsettings import install, settings_path

    install(str(tmp_path))
    assert settings_path(str(tmp_path)).stat().st_mode & 0o044 == 0o044
