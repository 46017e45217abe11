"""The pitch builder: draft a pitch to a named leader from your map, one prompt at a time.

A participant picks the leader from their map, answers one prompt per step (each with an example
and a hint), and watches a live preview in the chosen template (SBAR, problem-aim-ask or a
60-second elevator pitch) and the feedback checklist update as they type. The pitch is two-way:
steps ask for the leader's likely questions and pressures, what you will take off their plate,
and your plan if they say no. Every change is saved
to the workspace (section ``pitch``), so a kernel restart loses nothing: building the widget again
restores the pitch. The finished pitch exports as Markdown, a self-contained HTML page and a
plain-text email, into ``my_work/exports/``.

The widget holds no rules of its own: the model, templates and checks are in :mod:`qi_kit.pitch`.

Typing stays smooth because each keystroke only updates the pitch (a small frozen dataclass);
the preview, the checklist and the save are *debounced*: they run once typing pauses for
``debounce`` seconds (0.3 by default), on the kernel's event loop. :meth:`PitchBuilder.flush`
runs any pending update at once (the Back, Next and Export buttons call it, and tests do);
``debounce=None`` waits for :meth:`~PitchBuilder.flush` only. Where there is no running event
loop (plain Python, tests), updates run at once.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable

import ipywidgets as w

from ..errors import MapError
from ..model import StakeholderMap
from ..pitch.feedback import LEADER_ADVICE, feedback_summary, pitch_feedback
from ..pitch.model import ASK_TYPES, FORMAT_NAMES, FORMATS, PROMPTS, Pitch
from ..pitch.templates import checklist_html, render_html
from ..takehome.pitch import export_pitch, where_saved
from ..state.pitch import (LEADER_FIELDS, NO_LEADER, STEPS, Debouncer, MapNotes, aim_from_charter, answers_written,
                           choose_leader, first_unanswered_step, leader_options, map_or_saved, restore_pitch)
from ..workspace import Autosaver
from ._common import error_text, esc, guarded, live, logger, paused, show_message, tidy

# the builder's names, as before (the steps, the debouncer and the start-up now live in qi_kit.state.pitch)
__all__ = ["PitchBuilder", "STEPS", "Debouncer", "leader_options", "NO_LEADER", "NO_ASK_TYPE", "SHORT_FIELDS",
           "LEADER_FIELDS", "LEADER_QUESTION", "LEADER_EXAMPLE", "LEADER_HINT", "REVIEW_QUESTION", "REVIEW_HINT"]

#: prompts for the two steps that are not a single answer
LEADER_QUESTION = "Who will you pitch to? Pick one named leader from your map."
LEADER_EXAMPLE = "Margaret Okafor, the Chief Nurse: the sponsor, whose authority does not reach the ward by itself."
LEADER_HINT = ("A sponsor, a decision maker, a partner on the change team, an influencer and someone who doubts "
               "the change each need a different pitch: the checklist gives advice for the leader you choose. "
               "The template (below the steps) can be changed at any time.")
REVIEW_QUESTION = "Read the preview aloud once and time yourself. Then export it to take home."
REVIEW_HINT = ("The export writes three files into my_work/exports/: Markdown, a web page you can print "
               "(with your preparation notes), and a plain-text email to paste (without them). Rehearse it, "
               "speak to the leader, listen to their questions, then send the email.")

NO_ASK_TYPE = "\u2014 choose \u2014"
SHORT_FIELDS = ("ask_by", "presenter")  # one line is enough

def _step_html(number: int, title: str, question: str) -> str:
    return (f'<div style="font-size:1.1em;font-weight:600;margin-top:4px">Step {number}: {esc(title)}</div>'
            f'<div style="margin:2px 0 6px">{esc(question)}</div>')


def _example_html(example: str) -> str:
    return f'<div style="color:#444;font-size:.92em"><em>Example:</em> {esc(example)}</div>'


def _hint_html(hint: str) -> str:
    return (f'<details style="font-size:.92em;margin:2px 0 4px"><summary>Hint</summary>'
            f"<div>{esc(hint)}</div></details>")


class PitchBuilder(w.VBox):
    """Build a pitch to a leader on your map, step by step, with live preview and feedback.

    Parameters
    ----------
    map
        The stakeholder map the leader is chosen from. When omitted, the map saved in the
        workspace is used.
    path
        The workspace file (default ``my_work/workspace.json``); the pitch is saved there on
        every change, in the section ``pitch``, and restored when the widget is built again.
    debounce
        Seconds of quiet typing before the preview, checklist and save run (default 0.3);
        ``None`` waits for :meth:`flush`.

    Notes
    -----
    ``value`` is the current :class:`~qi_kit.pitch.Pitch` (read-only: edit with the controls).
    The controls are attributes: ``leader``, ``template``, ``answers[field]`` (one text box or
    dropdown per answer), ``back_button``, ``next_button``, ``export_button``, ``preview``,
    ``checklist``, ``summary``, ``message``.

    Examples
    --------
    >>> import pathlib, tempfile, qi_kit
    >>> builder = PitchBuilder(qi_kit.load_case("ward"), path=pathlib.Path(tempfile.mkdtemp()) / "workspace.json")
    >>> builder.leader.value = "Margaret Okafor"; builder.next_button.click()
    >>> builder.value.leader, builder.value.leader_role, STEPS[builder.step][0]
    ('Margaret Okafor', 'sponsor', 'The problem')
    """

    def __init__(self, map: StakeholderMap | None = None, *, path: str | os.PathLike | None = None,
                 debounce: float | None = 0.3, **kwargs: Any):
        super().__init__(**kwargs)
        self.add_class("qi-pitch-builder")
        self._saver = Autosaver("pitch", path)
        self._handlers: list[tuple[Callable[..., Any], w.Widget]] = []  # paused while the program fills the controls
        self.step = 0
        self.feedback_table = None  # the last checklist shown (a DataFrame)
        self.exported: dict[str, Path] = {}  # the files the last export wrote
        self._debouncer = Debouncer(self._refresh_and_save, debounce)
        self._build()
        tidy(self)
        self._map, map_note = map_or_saved(map, self._saver.path)
        self._map_notes = MapNotes(self._map)  # what the map's advice ties say about each leader chosen
        restored = restore_pitch(self._saver, self._map)
        self._saved_leader = restored.saved_leader  # a saved leader no longer on the map
        self._pitch, aim_note = aim_from_charter(restored.pitch, self._saver.path)
        notes = [note for note in (map_note, restored.note, aim_note) if note]
        self._fill_controls()
        self._wire()
        self.step = first_unanswered_step(self._pitch) if self._pitch.answered() or self._pitch.leader else 0
        self._show_step()
        self._refresh()
        if notes:
            show_message(self.message, "\n".join(text for text, _ in notes), notes[-1][1])

    # ---- reading
    @property
    def value(self) -> Pitch:
        """The pitch as it is now (every keystroke included)."""
        return self._pitch

    @property
    def pending(self) -> bool:
        """True while a preview/checklist/save is waiting for typing to pause."""
        return self._debouncer.pending

    def flush(self) -> bool:
        """Update the preview and checklist and save now, if anything is waiting."""
        return self._debouncer.flush()

    def __repr__(self) -> str:
        # the text shown where widgets cannot be drawn (and compared by nbval): short and plain
        who = f"to {self._pitch.leader}" if self._pitch.leader else "(no leader chosen yet)"
        return (f"Pitch builder: a pitch {who}, step {self.step + 1} of {len(STEPS)}. "
                f"{feedback_summary(pitch_feedback(self._pitch)).split('.')[0]}.")

    # ---- building the controls
    def _build(self) -> None:
        self.leader = w.Dropdown(options=[(NO_LEADER, "")], value="", description="Leader",
                                 layout=w.Layout(width="95%"))
        self.leader_info = w.HTML()
        self.template = w.Dropdown(options=[(FORMAT_NAMES[f], f) for f in FORMATS], value="sbar",
                                   description="Template", layout=w.Layout(width="auto"))
        self.answers: dict[str, w.Widget] = {}
        for field, prompt in PROMPTS.items():
            if field == "ask_type":
                control: w.Widget = w.Dropdown(options=[(NO_ASK_TYPE, "")] + [(t, t) for t in ASK_TYPES],
                                               value="", description=prompt.label)
            elif field in SHORT_FIELDS:
                control = w.Text(description=prompt.label, placeholder=prompt.example,
                                 continuous_update=True, layout=w.Layout(width="95%"))
            else:
                control = w.Textarea(placeholder=prompt.example, continuous_update=True, rows=3,
                                     layout=w.Layout(width="95%"))
            control.style = {"description_width": "7em"}
            self.answers[field] = control
        self.back_button = w.Button(description="Back", icon="arrow-left", tooltip="The previous step",
                                    layout=w.Layout(width="auto"))
        self.next_button = w.Button(description="Next", icon="arrow-right", button_style="primary",
                                    tooltip="The next step", layout=w.Layout(width="auto"))
        self.progress = w.IntProgress(value=1, min=0, max=len(STEPS), description="Progress",
                                      layout=w.Layout(width="40%"))
        self.progress_label = w.Label()
        self.step_box = w.VBox(layout=w.Layout(border="1px solid #ccc", padding="6px", margin="4px 0"))
        self.export_button = w.Button(description="Export pitch", icon="download", button_style="success",
                                      tooltip="Write Markdown, HTML and email text into my_work/exports",
                                      layout=w.Layout(width="auto"))
        self.preview = w.HTML(layout=w.Layout(width="95%"))
        self.checklist = w.HTML(layout=w.Layout(width="95%"))
        self.summary = w.HTML()
        self.saved_label = w.Label()
        self.message = w.HTML()
        self._steps = [self._step_widgets(i) for i in range(len(STEPS))]
        intro = w.HTML('<div style="font-size:1.2em;font-weight:600">Pitch builder</div>'
                       "<div>Draft a pitch to one leader on your map: one question per step. The "
                       "preview and the checklist update as you type, and your answers are saved as "
                       "you go.</div>")
        self.children = (
            intro,
            w.HBox([self.progress, self.progress_label]),
            self.step_box,
            w.HBox([self.back_button, self.next_button, self.saved_label]),
            self.message,
            w.HBox([self.template]),
            self.summary,
            self.preview,
            self.checklist,
        )
        live(self)  # a widget left by a restarted kernel says so

    def _step_widgets(self, index: int) -> list[w.Widget]:
        title, fields = STEPS[index]
        if fields == ("leader",):
            return [w.HTML(_step_html(index + 1, title, LEADER_QUESTION)), self.leader, self.leader_info,
                    w.HTML(_example_html(LEADER_EXAMPLE)), w.HTML(_hint_html(LEADER_HINT))]
        if fields == ("presenter",):
            return [w.HTML(_step_html(index + 1, title, REVIEW_QUESTION)), self.answers["presenter"],
                    w.HTML(_example_html(PROMPTS["presenter"].example)), w.HTML(_hint_html(REVIEW_HINT)),
                    self.export_button]
        parts: list[w.Widget] = []
        for n, field in enumerate(fields):
            prompt = PROMPTS[field]
            question = _step_html(index + 1, title, prompt.question) if n == 0 else (
                f'<div style="margin:6px 0 2px"><b>{esc(prompt.label)}:</b> {esc(prompt.question)}</div>')
            parts += [w.HTML(question), self.answers[field], w.HTML(_example_html(prompt.example)),
                      w.HTML(_hint_html(prompt.hint))]
        return parts

    def _wire(self) -> None:
        self._handlers = [(guarded(self.message)(self._on_leader), self.leader),
                          (guarded(self.message)(self._on_template), self.template)]
        self._handlers += [(guarded(self.message)(self._answer_handler(field)), control)
                           for field, control in self.answers.items()]
        for handler, control in self._handlers:
            control.observe(handler, names="value")
        self.back_button.on_click(guarded(self.message)(lambda _: self.go(self.step - 1)))
        self.next_button.on_click(guarded(self.message)(lambda _: self.go(self.step + 1)))
        self.export_button.on_click(guarded(self.message)(self._on_export))

    # ---- start-up: the saved pitch into the controls
    def _fill_controls(self) -> None:
        """Put the pitch into the controls without triggering saves (their handlers paused)."""
        with ExitStack() as stack:
            for handler, control in self._handlers:
                stack.enter_context(paused(handler, [control]))
            options = leader_options(self._map)
            if self._saved_leader:
                name = self._saved_leader["leader"]
                options.append((f"{name} (saved; not on this map)", name))
            self.leader.options = options
            self.leader.value = self._pitch.leader
            self.template.value = self._pitch.format
            for field, control in self.answers.items():
                value = getattr(self._pitch, field)
                if isinstance(control, w.Dropdown) and value not in [v for _, v in control.options]:
                    control.options = list(control.options) + [(value, value)]
                control.value = value

    # ---- reacting to the participant
    def _answer_handler(self, field: str) -> Callable[[dict], None]:
        def on_change(change: dict) -> None:
            self._pitch = self._pitch.with_answers(**{field: change["new"]})
            if isinstance(self.answers[field], w.Dropdown):
                self._changed(now=True)
            else:
                self._changed()

        on_change.__name__ = f"on_{field}"
        return on_change

    def _on_leader(self, change: dict) -> None:
        self._pitch = choose_leader(self._pitch, self._map, change["new"], self._saved_leader)
        self._changed(now=True)

    def _on_template(self, change: dict) -> None:
        self._pitch = self._pitch.with_answers(format=change["new"])
        self._changed(now=True)

    def _changed(self, *, now: bool = False) -> None:
        if self.saved_label.value != "Unsaved changes\u2026":
            self.saved_label.value = "Unsaved changes\u2026"
        self._debouncer.trigger()
        if now:
            self._debouncer.flush()

    def go(self, step: int) -> None:
        """Show another step (its number counted from 0); pending updates are saved first."""
        self.flush()
        self.step = max(0, min(len(STEPS) - 1, step))
        self._show_step()

    def _on_export(self, _button: Any = None) -> None:
        self.flush()
        if not self._pitch.leader and not self._pitch.answered():
            show_message(self.message, "There is nothing to export yet: choose a leader and answer "
                                       "a few prompts first.", "warn")
            return
        paths = export_pitch(self._pitch)
        self.exported = paths
        show_message(self.message, f"{where_saved(paths)} Open the .html file in a browser to print it; "
                                   "paste the .txt into an email.", "ok")

    # ---- drawing
    def _show_step(self) -> None:
        self.step_box.children = tuple(self._steps[self.step])
        self.back_button.disabled = self.step == 0
        self.next_button.disabled = self.step == len(STEPS) - 1
        self.progress.value = self.step + 1
        self._update_progress_label()

    def _update_progress_label(self) -> None:
        done, total = answers_written(self._pitch)
        self.progress_label.value = (f"Step {self.step + 1} of {len(STEPS)}: {STEPS[self.step][0]} "
                                     f"\u00b7 {done} of {total} answers written")

    def _refresh(self) -> None:
        """Redraw the leader details, the preview, the checklist and the progress."""
        pitch = self._pitch
        advice = ""
        if pitch.leader_kind:
            advice = f" Advice for a {pitch.leader_kind}: {LEADER_ADVICE[pitch.leader_kind].advice}"
        network = self._map_notes.note(pitch.leader)
        self.leader_info.value = (f'<div style="margin:4px 0;color:#333">{esc(pitch.describe_leader())}'
                                  f"{esc(advice)}{'<br>' + esc(network) if network else ''}</div>")
        self.preview.value = (f'<div style="border:1px solid #ccc;padding:6px 10px;border-radius:4px;'
                              f'line-height:1.4">{render_html(pitch)}</div>')
        table = pitch_feedback(pitch)
        self.feedback_table = table
        self.checklist.value = checklist_html(table)
        self.summary.value = f'<div style="margin:4px 0"><b>{esc(feedback_summary(table))}</b></div>'
        self._update_progress_label()

    def _refresh_and_save(self) -> None:
        try:
            self._refresh()
        except Exception as exc:  # a learner must never see a traceback
            logger.exception("the pitch builder's preview or checklist failed")
            show_message(self.message, error_text(exc), "error")
        if self._saver.save(self._pitch.to_dict()):
            self.saved_label.value = "All changes saved"
            if self._saver.merged:  # answers typed in another cell or notebook: keep them, show them
                try:
                    self._pitch = Pitch.from_dict(self._saver.value)
                except MapError:  # pragma: no cover - a merge of two valid pitches is a valid pitch
                    return
                self._fill_controls()
                self._refresh()
                show_message(self.message, "Your pitch was also changed in another cell or notebook: both "
                                           "changes are kept.", "warn" if self._saver.conflicts else "info")
        else:
            self.saved_label.value = "Not saved"
            show_message(self.message, error_text(self._saver.last_error), "error")
