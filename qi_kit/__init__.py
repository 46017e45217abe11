"""qi_kit: a Jupyter workshop kit for leadership in healthcare quality improvement.

Build a stakeholder influence map, find the informal leaders, brokers and quiet voices, plan how
to engage formal leaders, and draft a pitch to a leader with a clear ask.

The public names below are loaded on first use, so ``import qi_kit`` stays fast and does not
import matplotlib or ipywidgets until a picture or a widget is asked for.

Importing any part of the kit changes no global setting, with one exception made on purpose and
only inside IPython or Jupyter: ``import qi_kit`` installs the kit's notebook error display
(:func:`qi_kit.errors.install_notebook_handler`, called at the bottom of this file), so a
:class:`MapError` shows as a plain message box instead of a traceback, and pandas marks every
table a notebook shows as "no maths" (a ``$`` in a name shows as typed). Outside IPython
nothing is installed. Matplotlib's settings are applied in a context when a picture is saved
(:data:`qi_kit.plots._style.SAVE_SETTINGS`), never globally.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it (relative to qi_kit). One block per area of the kit.
_API: dict[str, str] = {
    # -- the spine: model, import, saving, privacy, cases, environment check
    "StakeholderMap": "model",
    "empty_map": "model",
    "ROLES": "model",
    "TIE_KINDS": "model",
    "RATINGS": "model",
    "MapError": "errors",
    "WorkspaceError": "errors",
    "read_map": "importing",
    "save_workspace": "workspace",
    "load_workspace": "workspace",
    "Autosaver": "workspace",
    "work_folder": "workspace",
    "pseudonymise": "privacy",
    "anonymise": "privacy",  # the old name of pseudonymise, kept for one release
    "restore_workspace": "workspace",
    "workspace_status": "workspace",
    "delete_my_work": "mywork",
    "what_is_kept": "mywork",
    "DeleteMyWork": "widgets.mywork",
    "make_copies": "lessons",
    "list_cases": "cases",
    "load_case": "cases",
    "case_story": "cases",
    "doctor": "envcheck",
    # -- analysis
    "influence_table": "analysis.influence",
    "informal_leaders": "analysis.influence",
    "formal_leaders_with_little_pull": "analysis.influence",
    "explain": "glossary",
    "brokers": "analysis.brokers",
    "brokerage_roles": "analysis.brokers",
    "single_points_of_failure": "analysis.brokers",
    "key_players": "analysis.brokers",
    "clusters": "analysis.groups",
    "ties_between_clusters": "analysis.groups",
    "quiet_voices": "analysis.groups",
    "influence_paths": "analysis.paths",
    "coverage": "analysis.paths",
    "simulate_spread": "analysis.spread",
    "compare_strategies": "analysis.spread",
    "strategies_side_by_side": "analysis.spread",
    "report": "analysis.report",
    "leader_methods": "analysis.methods",
    "label_rules": "analysis.labels",
    "synthetic_map": "synthetic",
    "random_map": "synthetic",
    # -- engagement
    "suggest_roles": "engage",
    "commitment_chart": "engage",
    "power_interest_grid": "engage",
    "draft_raci": "engage",
    "check_raci": "engage",
    "draft_comms_plan": "engage",
    "EngagementPlan": "engage",
    "engagement_tables": "engage",
    "reflection_items": "reflect",
    "score_reflection": "reflect",
    "read_reflection": "reflect",
    "grid_picture": "plots.engagement",
    "commitment_picture": "plots.engagement",
    "radar_picture": "plots.engagement",
    "export_engagement": "takehome",
    "EngagementPlanner": "widgets.planner",
    "RoleGrid": "widgets.planner",
    "DecisionRolesEditor": "widgets.planner",
    "CommsPlanEditor": "widgets.planner",
    "ReflectionSliders": "widgets.planner",
    "ReflectionTabs": "widgets.planner",
    "ExportPanel": "widgets.planner",
    # -- practice activities: the charter, the process, the poll, the forms, the take-home export
    "Charter": "activities",
    "charter_checks": "activities",
    "CharterForm": "widgets.activities",
    "TouchPointsEditor": "widgets.activities",
    "PollReveal": "widgets.activities",
    "LeadershipSort": "widgets.activities",
    "TakeHomeExport": "widgets.activities",
    "support_your_leader": "workshop",
    "what_matters_form": "workshop",
    "equity_form": "workshop",
    "write_handouts": "handouts",
    # -- pitch
    "Pitch": "pitch",
    "pitch_feedback": "pitch",
    "feedback_summary": "pitch",
    "render_text": "pitch",
    "render_markdown": "pitch",
    "render_html": "pitch",
    "render_email": "pitch",
    "export_pitch": "takehome",
    "example_pitches": "pitch",
    "example_notes": "pitch",
    "PitchBuilder": "widgets.pitch_builder",
    # -- widgets
    "MapEditor": "widgets.editor",
    "NetworkExplorer": "widgets.explorer",
    "WhoFirst": "widgets.explorer",
    # -- workshop helpers and self-checks
    "my_map": "workshop",
    "work_summary": "workshop",
    "case_reading": "workshop",
    "practice_slider": "workshop",
    "reflection_form": "workshop",
    "action_plan_form": "workshop",
    "in_words": "workshop",
    "people_table": "workshop",
    "roles_in_words": "workshop",
    "route_ends": "workshop",
    "first_route": "workshop",
    "export_everything": "takehome",
    "map_picture": "plots.network",
    "adoption_picture": "plots.network",
    # -- a room of participants: group maps, sharing with the facilitator, the room
    "compare_maps": "group_maps",
    "merge_maps": "group_maps",
    "things_to_check": "group_maps",
    "share_with_facilitator": "sharing",
    "withdraw_share": "sharing",
    "share_button": "widgets.share",
    "room_summary": "room",
    "room_view": "widgets.room",
}

__all__ = sorted(_API)


def _install_notebook_handler() -> None:
    """The notebook error display (see the module docstring): in IPython or Jupyter only."""
    from .errors import install_notebook_handler

    install_notebook_handler()


_install_notebook_handler()  # the one setting an import changes, and only in a notebook


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'qi_kit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_API))
