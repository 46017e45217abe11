"""The engagement plan's take-home files: Markdown, and HTML with the pictures and their text alternatives."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any, Mapping

import pandas as pd

from ..engage.plan import EngagementPlan, engagement_tables, plan_html, plan_markdown
from ..export import write_exports
from ..model import StakeholderMap
from ..reflect import ASSESSMENTS

__all__ = ["export_engagement", "write_plan"]


def write_plan(m: StakeholderMap, plan: EngagementPlan, *, images: Mapping[str, tuple[bytes, str]] | None = None,
               folder: str | os.PathLike | None = None, stem: str = "engagement-plan",
               start: dt.date | str | None = None, tables: Mapping[str, pd.DataFrame] | None = None) -> dict[str, Path]:
    """Write the plan as ``<stem>.md`` and ``<stem>.html`` (to ``my_work/exports`` unless ``folder``).

    Returns ``{"md": path, "html": path}``. For the pictures, use :func:`export_engagement`,
    which draws them and calls this.

    See Also
    --------
    qi_kit.engage.plan_markdown, qi_kit.engage.plan_html : the two files' text.
    """
    tables = tables if tables is not None else engagement_tables(m, plan, start=start)
    return write_exports(stem, {"md": plan_markdown(m, plan, tables=tables),
                                "html": plan_html(m, plan, images=images, tables=tables)}, folder=folder)


def export_engagement(m: StakeholderMap, plan: EngagementPlan, *, folder: str | os.PathLike | None = None,
                      stem: str = "engagement-plan", start: Any = None,
                      images: Mapping[str, tuple[bytes, str]] | None = None,
                      roles_table: pd.DataFrame | None = None) -> dict[str, Path]:
    """Draw the pictures and write the plan as Markdown and self-contained HTML.

    Returns ``{"md": path, "html": path}`` (in ``my_work/exports`` unless ``folder``). The HTML
    has the pictures embedded with their text alternatives; the Markdown has the tables and
    sentences only; the commitment chart is a table of X and O in both, so it is not drawn.
    ``images`` (name -> (png, alt)) are used as given instead of being drawn:
    the planner passes the pictures it already shows (and its ``roles_table``).
    """
    from ..plots import fast_png  # matplotlib only when pictures are drawn
    from ..plots.engagement import EXPORT_DPI, plan_pictures

    tables = engagement_tables(m, plan, start=start, roles_table=roles_table)
    given = dict(images or {})
    # the commitment chart is in the page as a table (X and O), readable by screen readers
    drawn = plan_pictures(m, plan, tables=tables, skip=(*given, "commitment"))
    shown = {**{name: (fast_png(pic, dpi=EXPORT_DPI), pic.alt) for name, pic in drawn.items()}, **given}
    answered = {k for k in ASSESSMENTS if plan.reflection.get(k)}
    shown = {k: v for k, v in shown.items() if k == "grid" or k in answered}
    return write_plan(m, plan, images=shown, folder=folder, stem=stem, tables=tables)
