"""Share your work with the facilitator, only when you press the button, and take it back.

:func:`share_with_facilitator` writes one file into the facilitator's folder, named by the
environment variable ``QI_KIT_SHARE_DIR`` (the hub sets it to a shared drop folder; on one
machine, a folder the facilitator chooses). The file holds:

- the **map**, pseudonymised by default (names become staff-group pseudonyms such as "Nurse A";
  titles, units and notes dropped): only its structure, ratings and roles;
- a **pitch summary**: the kind of ask, the template, which prompts were answered and the
  leader's role, stance and authority as the map had them (the leader's pseudonym, never the
  typed answers);
- a **plan summary**: how many people have a role chosen, how many commitment gaps were marked,
  the reflection scores (numbers only, never what was written).

Nothing typed as free text (pitch answers, notes, the Monday plan, the reflection) is ever in a
shared file. ``pseudonymised=False`` keeps the names, titles and units: only for a made-up team
(a case study) or labels agreed in the room for a group map.

The file is named by a random token kept in the participant's own work folder (``shared.json``):
no user name is in the facilitator's folder, sharing again replaces the file, and
:func:`withdraw_share` deletes it. On the hub the drop folder lets participants create and
delete their own files but not list or read anyone else's (see ``deploy/jupyterhub``).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any

from .errors import MapError, Problem, WorkspaceError
from .model import StakeholderMap
from .workspace import atomic_write_text

SHARE_DIR_ENV = "QI_KIT_SHARE_DIR"
FORMAT = "qi_kit.shared"
FORMAT_VERSION = 1
RECEIPT = "shared.json"  # in the participant's work folder: which file is theirs
FILE_MODE = 0o640  # the facilitators' group may read it; other participants may not


class ShareError(MapError):
    """Sharing could not be done (no facilitator folder, or it cannot be written)."""


def share_folder() -> Path:
    """The facilitator's folder from ``$QI_KIT_SHARE_DIR``, or a ShareError saying how to set it."""
    folder = os.environ.get(SHARE_DIR_ENV, "").strip()
    if not folder:
        raise ShareError(Problem("", "No facilitator folder is set up on this computer, so nothing was shared.",
                                 "on a workshop hub it is set for you: ask your facilitator. On your own "
                                 f"computer, the facilitator names a folder and you set {SHARE_DIR_ENV} to it "
                                 "before starting JupyterLab."), title="Nothing was shared:")
    path = Path(folder)
    if not path.is_dir():
        raise ShareError(Problem("", "The facilitator's folder does not exist (yet), so nothing was shared.",
                                 "ask your facilitator to create it, then press the button again."),
                         title="Nothing was shared:")
    return path


def pseudonymised_map(m: StakeholderMap) -> tuple[StakeholderMap, dict[str, str]]:
    """The map pseudonymised (:func:`qi_kit.pseudonymise`, nothing typed kept), and name -> pseudonym."""
    from .privacy import pseudonymise, pseudonyms

    return pseudonymise(m), pseudonyms(m)


def _without_notes(m: StakeholderMap) -> StakeholderMap:
    return StakeholderMap(m.people.assign(notes=""), m.ties, title=m.title)


def pitch_summary(pitch: Any, names: dict[str, str] | None = None) -> dict[str, Any]:
    """What a pitch shares: its structure, never its typed answers (``names`` maps the leader)."""
    from .pitch import Pitch

    if not pitch:
        return {}
    pitch = Pitch.from_dict(pitch)
    leader = pitch.leader
    if names is not None:
        leader = names.get(leader, "") if leader else ""
    return {"leader": leader, "leader_kind": pitch.leader_kind, "leader_role": pitch.leader_role,
            "leader_stance": int(pitch.leader_stance), "leader_authority": int(pitch.leader_authority),
            "ask_type": pitch.ask_type if pitch.ask_type in _ask_types() else ("other" if pitch.ask_type else ""),
            "format": pitch.format, "answered": len(pitch.answered())}


def _ask_types() -> tuple[str, ...]:
    from .pitch.model import ASK_TYPES

    return ASK_TYPES


def plan_summary(plan: Any, action_plan: Any = None) -> dict[str, Any]:
    """What a plan shares: counts and reflection scores, never names or what was written."""
    summary: dict[str, Any] = {}
    if plan:
        from .engage import EngagementPlan

        plan = EngagementPlan.from_dict(plan)
        summary.update(roles_chosen=len(plan.role_overrides),
                       commitment_marked=len(set(plan.commitment_now) | set(plan.commitment_needed)),
                       reflection={key: {item: int(score) for item, score in answers.items()}
                                   for key, answers in plan.reflection.items()})
    if isinstance(action_plan, dict):
        summary["monday_questions_answered"] = sum(1 for v in action_plan.values() if str(v).strip())
    return summary


class Shared:
    """What was shared (or withdrawn), as one sentence; never a machine path."""

    def __init__(self, sentence: str, *, file: Path | None = None, document: dict | None = None):
        self._sentence = sentence
        self.file = file
        self.document = document or {}

    def sentence(self) -> str:
        return self._sentence

    def __repr__(self) -> str:
        return self._sentence

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(self._sentence)


def _receipt_path(path: str | os.PathLike | None) -> Path:
    from .workspace import default_path

    workspace = Path(path) if path is not None else default_path()
    return workspace.parent / RECEIPT


def _token(path: str | os.PathLike | None, *, create: bool) -> str | None:
    receipt = _receipt_path(path)
    try:
        token = json.loads(receipt.read_text(encoding="utf-8")).get("token")
    except (OSError, ValueError, AttributeError):
        token = None
    if isinstance(token, str) and token.isalnum() and len(token) >= 16:
        return token
    if not create:
        return None
    from .workspace import atomic_write_text

    token = secrets.token_hex(16)
    atomic_write_text(receipt, json.dumps({"token": token}) + "\n")
    return token


def share_document(m: StakeholderMap, sections: dict[str, Any], *, pseudonymised: bool = True) -> dict[str, Any]:
    """The JSON-ready document that is shared (see the module docstring for what it holds)."""
    from .workshop import ACTION_PLAN

    if pseudonymised:
        shown, names = pseudonymised_map(m)
    else:
        shown, names = _without_notes(m), None
    return {"format": FORMAT, "version": FORMAT_VERSION, "pseudonymised": bool(pseudonymised),
            "map": shown.to_dict(), "pitch": pitch_summary(sections.get("pitch"), names),
            "plan": plan_summary(sections.get("engagement"), sections.get(ACTION_PLAN))}


def share_with_facilitator(map: StakeholderMap | None = None, *, pseudonymised: bool = True,
                           path: str | os.PathLike | None = None) -> Shared:
    """Send your map, pitch summary and plan summary to the facilitator's folder.

    Parameters
    ----------
    map
        The map to share; by default the one saved in your work folder (a case study is never
        shared: if you have not saved a map, nothing is shared).
    pseudonymised
        True (the default): names become pseudonyms, titles, units and notes are dropped.
        False: the names, titles and units are kept (for a made-up team or agreed labels).
    path
        Your workspace file (default ``my_work/workspace.json``).

    Returns
    -------
    Shared
        Says what was shared, in one sentence. Sharing again replaces your file.

    Raises
    ------
    ShareError
        No facilitator folder is set (``QI_KIT_SHARE_DIR``), or there is no map to share.
    """
    from .workshop import saved_sections

    sections = saved_sections(path)
    if map is None:
        map = sections.get("map")
    if not isinstance(map, StakeholderMap) or not len(map):
        raise ShareError(Problem("", "You have no map of your own saved yet, so nothing was shared.",
                                 "draw your map in the editor (notebook 02), then press the button again."),
                         title="Nothing was shared:")
    folder = share_folder()
    document = share_document(map, sections, pseudonymised=pseudonymised)
    token = _token(path, create=True)
    target = folder / f"{token}.json"
    try:
        _write_shared(target, json.dumps(document, indent=1, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise ShareError(Problem("", f"The facilitator's folder cannot be written to ({exc.strerror or exc}).",
                                 "ask your facilitator to check the folder; nothing was shared."),
                         title="Nothing was shared:") from None
    how = "pseudonymised: names replaced, titles, units and notes left out" if pseudonymised else \
        "with the names, titles and units as they are (notes left out)"
    parts = ["your map (" + map.summary().rstrip(".") + f"; {how})"]
    if document["pitch"]:
        parts.append("the outline of your pitch (the kind of ask, never what you wrote)")
    if document["plan"]:
        parts.append("counts from your plan (never what you wrote)")
    return Shared("Shared with your facilitator: " + ", ".join(parts) + ". Press 'Withdraw' to take it back.",
                  file=target, document=document)


def _write_shared(target: Path, text: str) -> None:
    """Atomic write into the drop folder (one may create and replace one's own files there)."""
    atomic_write_text(target, text, mode=FILE_MODE, keep_mode=False)


def withdraw_share(*, path: str | os.PathLike | None = None) -> Shared:
    """Delete what you shared from the facilitator's folder (nothing happens if you shared nothing)."""
    token = _token(path, create=False)
    if token is None:
        return Shared("You have not shared anything, so there is nothing to withdraw.")
    folder = share_folder()
    target = folder / f"{token}.json"
    if not target.exists():
        return Shared("Nothing of yours is in the facilitator's folder (already withdrawn).")
    try:
        target.unlink()
    except OSError as exc:
        raise ShareError(Problem("", f"Your shared file could not be deleted ({exc.strerror or exc}).",
                                 "ask your facilitator to delete it for you."), title="Not withdrawn:") from None
    return Shared("Withdrawn: your shared work is no longer in the facilitator's folder.")


def is_shared(*, path: str | os.PathLike | None = None) -> bool:
    """True when your file is in the facilitator's folder now."""
    token = _token(path, create=False)
    folder = os.environ.get(SHARE_DIR_ENV, "").strip()
    return bool(token and folder and (Path(folder) / f"{token}.json").exists())


def read_shared(folder: str | os.PathLike) -> list[dict[str, Any]]:
    """Every shared document in a folder, oldest file name first; damaged files are skipped.

    Each document gets ``"map"`` as a :class:`~qi_kit.StakeholderMap`.

    Raises
    ------
    MapError
        The folder does not exist.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise MapError(Problem("", "The shared folder does not exist.",
                               f"use the folder named by {SHARE_DIR_ENV} on the hub (see deploy/jupyterhub)."))
    documents = []
    for file in sorted(folder.glob("*.json")):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                continue
            data["map"] = StakeholderMap.from_dict(data.get("map") or {})
        except (OSError, ValueError, MapError, WorkspaceError):
            continue
        documents.append(data)
    return documents
