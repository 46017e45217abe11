"""Widgets for the workshop's short activities (the logic is in :mod:`qi_kit.activities`).

- :class:`PollReveal` (notebook 01): predict what improvement practitioners answered, then reveal.
- :class:`LeadershipSort` (notebook 01): leadership for improvement, or technical expertise?
- :class:`TouchPointsEditor` (notebook 01): who touches the process, the hand-offs and decision
  points, and a button that adds those people to the map.
- :class:`CharterForm` (notebook 05): a one-page project charter; the people it names become
  roles in the engagement plan, its decisions rows of the decision path, its aim the pitch's aim.
- :class:`TakeHomeExport` (notebook 07): the take-home files, written when a button is pressed.
- :func:`notes_with_reading`: a form of written answers under a sentence from the analysis (the
  equity prompt).

Each widget is thin: it reads its controls, calls one pure function, redraws and saves. Every
text a participant typed is escaped before it reaches HTML; a mistake shows as a message box.
"""

from __future__ import annotations

import os
from typing import Any, Mapping

import ipywidgets as w

from .. import activities as act
from ..errors import MapError, Problem
from ..export import html_table
from ..model import StakeholderMap
from ..state.plan import PlanStore, charter_changes
from ..workspace import Autosaver, load_workspace, save_workspace
from ._common import choice_buttons, esc, guarded, message_html, show_message, tidy
from .notes import NotesForm

_WIDE = w.Layout(width="95%")
_LABEL = {"description_width": "11em"}


def _button(text: str, *, style: str = "", icon: str = "") -> w.Button:
    return w.Button(description=text, button_style=style, icon=icon, layout=w.Layout(width="auto"))


# --------------------------------------------------------------------------- predict, then reveal


class PollReveal(w.VBox):
    """Predict the share of practitioners who gave an answer, then press **Reveal**.

    ``value`` is the sentence shown after the reveal ('' before).
    """

    def __init__(self, poll: act.Poll = act.POLL):
        super().__init__()
        self.poll = poll
        # a number box, not a slider: a slider's handle has no name a screen reader can read
        self.guess = w.BoundedIntText(value=50, min=0, max=100, step=5, description="Your guess (%)",
                                      style={"description_width": "8em"}, layout=w.Layout(width="14em"))
        self.reveal = _button("Reveal the answers", style="primary", icon="eye")
        self.result = w.HTML()
        self.advice = w.HTML()
        self.reveal.on_click(guarded(self.result)(self._on_reveal))
        self.children = [
            w.HTML(f"<b>{esc(poll.question)}</b><br>What share of the 124 practitioners who voted do you think "
                   "said <i>very important</i>? Guess first, then reveal."),
            w.HBox([self.guess, self.reveal]), self.result, self.advice,
            w.HTML(f'<p style="color:#555;font-size:.9em">Source: {esc(poll.source)}</p>'),
        ]
        tidy(self)

    @property
    def value(self) -> str:
        return getattr(self, "_said", "")

    def __repr__(self) -> str:
        return "Poll: guess what 124 improvement practitioners said, then reveal the answers."

    def _on_reveal(self, _: Any = None) -> None:
        self._said = act.poll_reveal(self.guess.value, poll=self.poll)
        show_message(self.result, self._said, "info")
        items = "".join(f"<li>{esc(a)}</li>" for a in self.poll.advice)
        self.advice.value = ("<b>The tweetchat's advice to senior leaders, in short:</b>"
                             f"<ul style='margin-top:2px'>{items}</ul>")


# --------------------------------------------------------------------------- leadership vs technical


class LeadershipSort(w.VBox):
    """Sort each statement into leadership for improvement or technical expertise; **Check** compares."""

    def __init__(self):
        super().__init__()
        # two buttons under each statement (a drop-down beside it would have no name a screen reader reads)
        options = [("leadership for improvement", act.LEADERSHIP), ("technical improvement expertise", act.TECHNICAL)]
        self.choices = {s: choice_buttons(options, None, description_width="0") for s in act.LEADERSHIP_STATEMENTS}
        self.check = _button("Check my sorting", style="primary", icon="check")
        self.summary = w.HTML()
        self.table = w.HTML()
        self.check.on_click(guarded(self.summary)(self._on_check))
        rows = [w.VBox([w.HTML(f'<div style="padding:6px 0 0">{esc(s)}</div>'), self.choices[s]])
                for s in act.LEADERSHIP_STATEMENTS]
        self.children = [w.HTML("<b>Leadership for improvement, or technical improvement expertise?</b> "
                                "Sort each statement, then check."), *rows, self.check, self.summary, self.table]
        tidy(self)

    @property
    def value(self) -> dict[str, str]:
        return {s: d.value for s, d in self.choices.items() if d.value}

    def __repr__(self) -> str:
        return f"Sorting activity: {len(self.choices)} statements, leadership for improvement or technical expertise."

    def _on_check(self, _: Any = None) -> None:
        table = act.check_sort(self.value)
        show_message(self.summary, act.sort_summary(table), "info")
        shown = table.assign(agrees=table["agrees"].map({True: "same", False: "different"}))
        shown.loc[table["yours"] == "", "agrees"] = "not sorted"
        self.table.value = html_table(shown.rename(columns={"yours": "you said", "kit": "the kit says",
                                                            "agrees": "compared"}))


# --------------------------------------------------------------------------- who touches the process


class TouchPointsEditor(w.VBox):
    """Who touches the process: steps, who does each, the hand-offs and the decision points.

    Type a step, who does it, who it is handed to and any decision made there, then **Add this
    step**. **Add these people to my map** puts everyone named on your saved map (or starts one).
    Steps are saved in the workspace section ``"process"``. ``value`` is the table of steps.
    """

    SECTION = "process"

    def __init__(self, *, path: str | os.PathLike | None = None):
        super().__init__()
        self._saver = Autosaver(self.SECTION, path)
        saved = self._saver.load([]) or []
        self._points = [dict(p) for p in saved if isinstance(p, Mapping)] if isinstance(saved, list) else []
        self.step = w.Text(description="Step", placeholder="e.g. Night rounds: check call bells and beds",
                           style=_LABEL, layout=_WIDE)
        self.who = w.Text(description="Who does it", placeholder="e.g. Night HCA (a role or initials)",
                          style=_LABEL, layout=_WIDE)
        self.hands_to = w.Text(description="Hands it on to", placeholder="e.g. Staff nurse (nights)",
                               style=_LABEL, layout=_WIDE)
        self.decision = w.Text(description="Decision made here", placeholder="e.g. Does this patient need a "
                               "bed alarm?", style=_LABEL, layout=_WIDE)
        self.add = _button("Add this step", style="primary", icon="plus")
        self.remove = _button("Remove the last step", icon="trash")
        self.to_map = _button("Add these people to my map", icon="user-plus")
        self.message = w.HTML()
        self.table = w.HTML()
        wrap = guarded(self.message)
        self.add.on_click(wrap(self._on_add))
        self.remove.on_click(wrap(self._on_remove))
        self.to_map.on_click(wrap(self._on_to_map))
        self.children = [
            w.HTML("<b>Who touches the process?</b> Walk through it step by step, from the first step to the "
                   "last: who does each step, where it is handed on, and where a decision is made. Use roles or "
                   "initials."),
            self.step, self.who, self.hands_to, self.decision,
            w.HBox([self.add, self.remove, self.to_map]), self.message, self.table,
        ]
        tidy(self)
        self._redraw()

    @property
    def value(self) -> Any:
        return act.touch_points_table(self._points)

    def __repr__(self) -> str:
        return f"Process touch points: {len(self._points)} steps so far."

    def _redraw(self) -> None:
        table = self.value
        self.table.value = (f"<p>{esc(act.touch_points_summary(table))}</p>"
                            + (html_table(table.rename(columns={"hands_to": "hands it on to"})) if len(table) else ""))

    def _save(self, text: str) -> None:
        ok = self._saver.save(self._points)
        self._redraw()
        show_message(self.message, text + (" Saved." if ok else f" Not saved: {self._saver.last_error}"),
                     "ok" if ok else "error")

    def _on_add(self, _: Any = None) -> None:
        step = " ".join(self.step.value.split())
        if not step:
            raise MapError(Problem("new step", "The step has no name.", "say what happens, e.g. 'Admission'."))
        self._points.append({"step": step, "who": self.who.value, "hands_to": self.hands_to.value,
                             "decision": self.decision.value})
        for box in (self.step, self.who, self.hands_to, self.decision):
            box.value = ""
        self._save(f"Added step {len(self._points)}: {step}.")

    def _on_remove(self, _: Any = None) -> None:
        if not self._points:
            raise MapError(Problem("", "There is no step to remove yet.", "add a step first."))
        gone = self._points.pop()
        self._save(f"Removed '{gone['step']}'.")

    def _on_to_map(self, _: Any = None) -> None:
        from ..model import empty_map

        people = act.touch_point_people(self.value)
        if not people:
            raise MapError(Problem("", "Nobody is named yet.", "fill in 'Who does it' for a step first."))
        saved = load_workspace(self._saver.path).get("map")
        m = saved if isinstance(saved, StakeholderMap) else empty_map()
        new, added = act.add_touch_point_people(m, self.value)
        if not added:
            show_message(self.message, "Everyone named is already on your map.", "info")
            return
        save_workspace(self._saver.path, map=new)
        show_message(self.message, f"Added {len(added)} to your map: {', '.join(added)}. Draw who goes to whom in the "
                                   "map editor (notebook 02).", "ok")


# --------------------------------------------------------------------------- the project charter


class CharterForm(w.VBox):
    """A one-page project charter, autosaved (section ``"charter"``), feeding the rest of the plan.

    The people it names (sponsor, day-to-day leader, patient partner) become their roles in the
    engagement plan, the local manager becomes accountable for the place's standard, and each
    line of "decisions we will need from leaders" becomes a row of the decision path. The aim
    is offered to the pitch builder (notebook 06). ``value`` is the :class:`~qi_kit.activities.Charter`.
    """

    SECTION = "charter"

    def __init__(self, m: StakeholderMap, *, path: str | os.PathLike | None = None):
        super().__init__()
        self.map = m
        self._saver = Autosaver(self.SECTION, path)
        self.store = PlanStore(path)
        self.message = w.HTML()
        self.checks = w.HTML()
        try:
            self._charter = act.Charter.from_dict(self._saver.load())
        except MapError as exc:
            self._charter = act.Charter()
            show_message(self.message, str(exc), "warn")
        self.boxes: dict[str, w.Widget] = {}
        rows: list[w.Widget] = [w.HTML("<b>Project charter (one page).</b> What, why, how you will know and who. "
                                       "Every change is saved.")]
        for key, (label, prompt, example) in act.CHARTER_FIELDS.items():
            box = w.Textarea(value=getattr(self._charter, key), placeholder=f"{prompt} e.g. {example}",
                             rows=2 if key != "decisions" else 3, layout=_WIDE)
            box.observe(guarded(self.message)(lambda change, k=key: self._changed(k, change["new"])), names="value")
            self.boxes[key] = box
            rows += [w.HTML(f"<b>{esc(label)}</b>"), box]
        options = [("— nobody yet —", "")] + [(n, n) for n in m.names]
        for key, label in (("sponsor", "Sponsor"), ("leader", "Day-to-day leader"),
                           ("local", "Accountable locally"), ("partner", "Patient partner")):
            value = getattr(self._charter, key)
            dropdown = w.Dropdown(options=options if value in m.names or not value else options + [(value, value)],
                                  value=value, description=label, style=_LABEL, layout=w.Layout(width="34em"))
            dropdown.observe(guarded(self.message)(lambda change, k=key: self._changed(k, change["new"])),
                             names="value")
            self.boxes[key] = dropdown
            rows.append(dropdown)
        rows.append(w.HTML('<p style="color:#555">The people you name here become their roles in your engagement '
                           "plan; the decisions become rows of the decision path; the aim is offered to your "
                           "pitch (notebook 06).</p>"))
        self.children = [*rows, self.message, self.checks]
        tidy(self)
        self._show_checks()

    @property
    def value(self) -> act.Charter:
        return self._charter

    def __repr__(self) -> str:
        filled = sum(1 for k in act.CHARTER_FIELDS if getattr(self._charter, k))
        return f"Project charter: {filled} of {len(act.CHARTER_FIELDS)} parts written."

    def _show_checks(self) -> None:
        notes = act.charter_checks(self._charter)
        self.checks.value = (message_html("A QI coach would ask:\n" + "\n".join(f"- {n}" for n in notes), "info")
                             if notes else message_html("The charter has an aim with a number and a date, three "
                                                        "kinds of measures, a scope and its people.", "ok"))

    def _changed(self, key: str, value: str) -> None:
        old = getattr(self._charter, key)
        setattr(self._charter, key, value)
        ok = self._saver.save(self._charter.to_dict())
        fed = True
        if key in act.CHARTER_ROLES or key in ("local", "decisions"):
            fed = self._feed_plan(key, old)
        self._show_checks()
        if not ok:
            show_message(self.message, f"Not saved: {self._saver.last_error}", "error")
        elif not fed:
            show_message(self.message, "Your charter is saved, but your engagement plan could not be updated: "
                                       f"{self.store.saver.last_error}", "error")
        elif key in act.CHARTER_ROLES and value:
            show_message(self.message, f"Saved. {value} is now the {act.CHARTER_ROLES[key]} in your engagement plan.",
                         "ok")
        else:
            show_message(self.message, "Saved.", "ok")

    def _feed_plan(self, key: str, old: str) -> bool:
        """Carry a charter change into the engagement plan; False if the plan could not be saved."""
        return self.store.update(**charter_changes(self.store.plan, self._charter, key, old))


# --------------------------------------------------------------------------- forms and the take-home export


def notes_with_reading(section: str, questions: Mapping[str, str], *, title: str, reading: str = "",
                       path: str | os.PathLike | None = None) -> NotesForm:
    """A :class:`NotesForm` with a sentence from the analysis shown above its questions."""
    form = NotesForm(section, questions, title=title, path=path)
    if reading:
        form.children = (w.HTML(message_html(reading, "info")), *form.children)
    return form


class TakeHomeExport(w.VBox):
    """The take-home files, written when a button is pressed (so Run All never exports a blank plan).

    **Export my work** writes the summary page, the map as CSV, the pitch and the engagement
    plan to ``my_work/exports``; **Export a version to share** writes the pseudonymised version.
    ``value`` is the files written by the last press.
    """

    def __init__(self, m: StakeholderMap, *, path: str | os.PathLike | None = None,
                 folder: str | os.PathLike | None = None):
        super().__init__()
        self.map, self.path, self.folder = m, path, folder
        self.mine = _button("Export my work", style="success", icon="download")
        self.shared = _button("Export a version to share (no names)", icon="user-secret")
        self.message = w.HTML()
        self._written: dict[str, Any] = {}
        self.mine.on_click(guarded(self.message)(lambda _: self._export(pseudonymised=False)))
        self.shared.on_click(guarded(self.message)(lambda _: self._export(pseudonymised=True)))
        self.children = [w.HTML("Write your plan above first, then press a button. The files go to "
                                "<code>my_work/exports</code>; open the <code>.html</code> file in a browser to "
                                "print it."), w.HBox([self.mine, self.shared]), self.message]
        tidy(self)

    @property
    def value(self) -> dict[str, Any]:
        return dict(self._written)

    def __repr__(self) -> str:
        return "Take-home export: press a button once your plan is written."

    def _export(self, *, pseudonymised: bool) -> None:
        from ..workshop import export_everything

        files = export_everything(self.map, pseudonymised=pseudonymised, folder=self.folder, path=self.path)
        self._written = dict(files)
        show_message(self.message, files.sentence(), "ok")
