"""Engaging formal leaders: roles, the commitment chart, the power/interest grid, decision roles
(RACI), the communication plan, and the engagement plan that bundles them for the workspace and
the take-home export.

Every function here is pure: the map first, keyword options, a DataFrame (or a small dataclass)
out. Nothing here imports matplotlib or ipywidgets: pictures are in ``qi_kit.plots.engagement``,
widgets in ``qi_kit.widgets.planner`` and the take-home files in ``qi_kit.takehome.plan``
(``write_plan`` is still found here).
"""

from .commitment import COMMITMENT_LEVELS, commitment_chart, commitment_summary, commitment_table
from .comms import (CADENCES, CHANNELS, COMMS_COLUMNS, add_comms_row, check_comms_plan, comms_problems,
                    comms_summary, draft_comms_plan, following_date, remove_comms_row, update_comms_row)
from .grid import QUADRANT_ACTIONS, QUADRANTS, grid_summary, power_interest_grid, quadrant_of
from .plan import EngagementPlan, engagement_tables, plan_html, plan_markdown
from .raci import (CELL_VALUES, DECISION_KINDS, DEFAULT_DECISIONS, RACI_LETTERS, add_decision, check_raci, draft_raci,
                   empty_raci, local_leader, raci_problems, raci_summary, raci_warnings, remove_decision, set_raci)
from .roles import ROLE_MEANINGS, apply_role_overrides, change_team, final_roles, roles_summary, suggest_roles

__all__ = [
    "CADENCES", "CELL_VALUES", "CHANNELS", "COMMITMENT_LEVELS", "COMMS_COLUMNS", "DECISION_KINDS", "DEFAULT_DECISIONS",
    "ROLE_MEANINGS", "change_team", "local_leader",
    "QUADRANTS", "QUADRANT_ACTIONS", "RACI_LETTERS", "EngagementPlan", "add_comms_row", "add_decision",
    "apply_role_overrides", "check_comms_plan", "check_raci", "commitment_chart", "commitment_summary", "commitment_table",
    "comms_problems", "comms_summary", "draft_comms_plan", "draft_raci", "empty_raci", "engagement_tables",
    "final_roles", "following_date", "grid_summary", "plan_html", "plan_markdown", "power_interest_grid",
    "quadrant_of", "raci_problems", "raci_summary", "raci_warnings", "remove_comms_row", "remove_decision",
    "roles_summary", "set_raci", "suggest_roles", "update_comms_row", "write_plan",
]


def __getattr__(name: str):
    """``write_plan``, moved to :mod:`qi_kit.takehome.plan`: ``qi_kit.engage.write_plan`` keeps working."""
    if name == "write_plan":
        from ..takehome.plan import write_plan

        return write_plan
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
