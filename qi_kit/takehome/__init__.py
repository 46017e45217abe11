"""The take-home layer: every file the kit writes for a participant to keep, in one place.

Everything here writes to ``my_work/exports/`` (git-ignored) unless a folder is given, through
:func:`qi_kit.export.write_exports` (atomic writes, readable file names that never overwrite
another export, everything typed escaped):

- :func:`export_pitch` (:mod:`.pitch`): the pitch in its template with its checklist, as
  Markdown, HTML and email text; :func:`pitch_exports` gives the same files as text and
  :func:`where_saved` says where they went without the machine's folders;
- :func:`export_engagement` and :func:`write_plan` (:mod:`.plan`): the engagement plan as
  Markdown and as HTML with its pictures and their text alternatives;
- :func:`export_csv` (:mod:`.map`): the map's people and ties as two CSV files (the map
  editor's "Export to CSV");
- :func:`export_everything` (:mod:`.everything`): the day's summary page and the map as CSV,
  with the pitch and the plan above when they were saved (``pseudonymised=True``: the version
  to share with a facilitator).

The other files the kit writes: the printable handouts
(:func:`qi_kit.handouts.write_handouts`), the workspace and its backup
(:mod:`qi_kit.workspace`), the participant's notebook copies (:mod:`qi_kit.lessons`) and the
file shared with a facilitator (:mod:`qi_kit.sharing`); every one of them is written by
:func:`qi_kit.workspace.atomic_write_bytes`.

The modules here import the pitch, the plan, the workshop helpers and (only when drawing) the
pictures; none of those imports this package (their old names for these functions, such as
``qi_kit.pitch.export_pitch`` or ``qi_kit.workshop.export_everything``, are aliases resolved on
first use).
"""

from .everything import SavedFiles, export_everything
from .map import export_csv
from .pitch import export_pitch, export_stem, pitch_exports, where_saved
from .plan import export_engagement, write_plan

__all__ = ["SavedFiles", "export_csv", "export_engagement", "export_everything", "export_pitch", "export_stem", "pitch_exports",
           "where_saved", "write_plan"]
