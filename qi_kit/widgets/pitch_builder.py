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

import asyncio
import os
from pathlib import Path
from typing import Any, Callable

import ipywidgets as w

from ..errors import MapError, WorkspaceError
from ..model import StakeholderMap, empty_map
from ..pitch.feedback import LEADER_ADVICE, feedback_summary, map_advice, pitch_feedback
from ..pitch.model import ASK_TYPES, FORMAT_NAMES, FORMATS, PROMPTS, Pitch
from ..pitch.templates import checklist_html, export_pitch, render_html, where_saved
from ..workspace import Autosaver, load_workspace
from ._common import error_text, esc, guarded, live, show_message, tidy

#: the steps: (title, the answer fields shown on that step)
STEPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Who is it for?", ("leader",)),
    ("The problem", ("problem",)),
    ("The aim", ("aim",)),
    ("Their priority", ("priority",)),
    ("A story", ("story",)),
    ("The evidence", ("evidence",)),
    ("What is in it for them", ("their_values",)),
    ("Their questions and pressures", ("questions",)),
    ("The ask", ("ask", "ask_type", "ask_by")),
    ("What you will do for them", ("offer",)),
    ("Next step and updates", ("next_step", "updates")),
    ("If they say no", ("if_no",)),
    ("Review and take it home", ("presenter",)),
)

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

NO_LEADER = "\u2014 choose the leader \u2014"
NO_ASK_TYPE = "\u2014 choose \u2014"
SHORT_FIELDS = ("ask_by", "presenter")  # one line is enough

_LEADER_FIELDS = ("leader", "leader_title", "leader_role", "leader_stance", "leader_authority",
                  "leader_interest")


class Debouncer:
    """Runs ``action`` once things go quiet for ``delay`` seconds; :meth:`flush` runs it now.

    ``trigger()`` marks work as pending and (re)starts a timer on the running event loop. With
    ``delay=None`` nothing runs until :meth:`flush`; with no running loop (plain Python) or
    ``delay <= 0`` the action runs at once.
    """

    def __init__(self, action: Callable[[], Any], delay: float | None = 0.3):
        self.action = action
        self.delay = delay
        self.pending = False
        self.runs = 0
        self._handle: asyncio.TimerHandle | None = None

    def trigger(self) -> None:
        self.pending = True
        if self.delay is None:
            return
        if self.delay <= 0:
            self.flush()
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop: nothing would ever fire the timer
            self.flush()
            return
        self.cancel()
        self._handle = loop.call_later(self.delay, self.flush)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def flush(self) -> bool:
        """Run the pending action now. Returns True if there was one."""
        self.cancel()
        if not self.pending:
            return False
        self.pending = False
        self.runs += 1
        self.action()
        return True


def leader_options(map: StakeholderMap) -> list[tuple[str, str]]:
    """Dropdown options for the leader: most formal authority first, each with title and role.

    Dropdown labels are shown as text, never as HTML, so any name is safe here.
    """
    people = map.people.reset_index(drop=True)
    order = sorted(range(len(people)), key=lambda i: (-int(people.loc[i, "authority"]), i))
    options = [(NO_LEADER, "")]
    for i in order:
        row = people.loc[i]
        details = " \u00b7 ".join(part for part in (row["title"], row["role"]) if part)
        options.append((f"{row['name']} \u00b7 {details}" if details else row["name"], row["name"]))
    return options


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
    >>> builder = PitchBuilder(qi_kit.load_case("ward"))          # doctest: +SKIP
    >>> builder.leader.value = "Margaret Okafor"; builder.next_button.click()  # doctest: +SKIP
    """

    def __init__(self, map: StakeholderMap | None = None, *, path: str | os.PathLike | None = None,
                 debounce: float | None = 0.3, **kwargs: Any):
        super().__init__(**kwargs)
        self.add_class("qi-pitch-builder")
        self._saver = Autosaver("pitch", path)
        self._quiet = False
        self.step = 0
        self.feedback_table = None  # the last checklist shown (a DataFrame)
        self.exported: dict[str, Path] = {}  # the files the last export wrote
        self._debouncer = Debouncer(self._refresh_and_save, debounce)
        self._saved_leader: dict[str, Any] | None = None  # a saved leader no longer on the map
        self._map_notes: dict[str, str] = {}  # leader -> what the map's advice ties say
        self._influence: Any = None  # the map's influence table, computed at the first leader
        self._build()
        tidy(self)
        notes: list[tuple[str, str]] = []
        self._map, note = self._map_or_saved(map)
        if note:
            notes.append(note)
        self._pitch, note = self._restored()
        if note:
            notes.append(note)
        note = self._aim_from_charter()
        if note:
            notes.append(note)
        self._fill_controls()
        self._wire()
        self.step = self._first_unanswered_step() if self._pitch.answered() or self._pitch.leader else 0
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
        self.leader.observe(guarded(self.message)(self._on_leader), names="value")
        self.template.observe(guarded(self.message)(self._on_template), names="value")
        for field, control in self.answers.items():
            control.observe(guarded(self.message)(self._answer_handler(field)), names="value")
        self.back_button.on_click(guarded(self.message)(lambda _: self.go(self.step - 1)))
        self.next_button.on_click(guarded(self.message)(lambda _: self.go(self.step + 1)))
        self.export_button.on_click(guarded(self.message)(self._on_export))

    # ---- start-up: the map and the saved pitch
    def _map_or_saved(self, map: StakeholderMap | None) -> tuple[StakeholderMap, tuple[str, str] | None]:
        if map is not None:
            if not isinstance(map, StakeholderMap):
                raise MapError("The pitch builder needs your stakeholder map, e.g. "
                               "PitchBuilder(qi_kit.load_case('ward')) or PitchBuilder(my_map).")
            return map, None
        try:
            saved = load_workspace(self._saver.path).get("map")
        except WorkspaceError as exc:
            return empty_map(), (str(exc), "error")
        if saved is None:
            return empty_map(), ("There is no map yet: build one with the map editor, or open a case: "
                                 "PitchBuilder(qi_kit.load_case('ward')).", "warn")
        return saved, None

    def _restored(self) -> tuple[Pitch, tuple[str, str] | None]:
        try:
            data = self._saver.load(Pitch().to_dict())  # a blank pitch is where a new builder starts
        except WorkspaceError as exc:
            return Pitch(), (str(exc), "error")
        if not data or data == Pitch().to_dict():
            return Pitch(), None
        try:
            pitch = Pitch.from_dict(data)
        except MapError as exc:
            return Pitch(), (f"Your saved pitch could not be read, so this is a fresh one. {exc}", "warn")
        note = f"Welcome back: your pitch{' to ' + pitch.leader if pitch.leader else ''} is restored."
        if pitch.leader:
            if pitch.leader in self._map:
                pitch = pitch.with_leader(self._map, pitch.leader)  # refresh the snapshot
            else:
                self._saved_leader = {f: getattr(pitch, f) for f in _LEADER_FIELDS}
                note += (f" {pitch.leader} is not on this map, so the pitch keeps what the map said "
                         "about them when you chose them.")
        return pitch, (note, "ok")

    def _aim_from_charter(self) -> tuple[str, str] | None:
        """Start the aim from the project charter (notebook 05) when the pitch has none yet."""
        if self._pitch.aim:
            return None
        try:
            charter = load_workspace(self._saver.path).get("charter")
        except WorkspaceError:
            return None
        aim = str(charter.get("aim", "")).strip() if isinstance(charter, dict) else ""
        if not aim:
            return None
        self._pitch = self._pitch.with_answers(aim=aim)
        return ("The aim comes from your project charter (notebook 05): change it here if this leader needs it "
                "said differently.", "info")

    def _fill_controls(self) -> None:
        """Put the pitch into the controls without triggering saves."""
        self._quiet = True
        try:
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
        finally:
            self._quiet = False

    # ---- reacting to the participant
    def _answer_handler(self, field: str) -> Callable[[dict], None]:
        def on_change(change: dict) -> None:
            if self._quiet:
                return
            self._pitch = self._pitch.with_answers(**{field: change["new"]})
            if isinstance(self.answers[field], w.Dropdown):
                self._changed(now=True)
            else:
                self._changed()

        on_change.__name__ = f"on_{field}"
        return on_change

    def _on_leader(self, change: dict) -> None:
        if self._quiet:
            return
        name = change["new"]
        answers = {**self._pitch.answers, "format": self._pitch.format}
        if not name:
            self._pitch = Pitch(**answers)
        elif self._saved_leader and name == self._saved_leader["leader"]:
            self._pitch = Pitch(**self._saved_leader, **answers)
        else:
            self._pitch = Pitch(**answers).with_leader(self._map, name)
        self._changed(now=True)

    def _on_template(self, change: dict) -> None:
        if self._quiet:
            return
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
        done = len(self._pitch.answered()) + (1 if self._pitch.leader else 0)
        total = len(PROMPTS) + 1
        self.progress_label.value = (f"Step {self.step + 1} of {len(STEPS)}: {STEPS[self.step][0]} "
                                     f"\u00b7 {done} of {total} answers written")

    def _first_unanswered_step(self) -> int:
        for index, (_, fields) in enumerate(STEPS):
            if fields == ("leader",):
                if not self._pitch.leader:
                    return index
            elif fields != ("presenter",) and any(not getattr(self._pitch, f) for f in fields):
                return index
        return len(STEPS) - 1

    def _refresh(self) -> None:
        """Redraw the leader details, the preview, the checklist and the progress."""
        pitch = self._pitch
        advice = ""
        if pitch.leader_kind:
            advice = f" Advice for a {pitch.leader_kind}: {LEADER_ADVICE[pitch.leader_kind].advice}"
        network = self._map_note(pitch.leader)
        self.leader_info.value = (f'<div style="margin:4px 0;color:#333">{esc(pitch.describe_leader())}'
                                  f"{esc(advice)}{'<br>' + esc(network) if network else ''}</div>")
        self.preview.value = (f'<div style="border:1px solid #ccc;padding:6px 10px;border-radius:4px;'
                              f'line-height:1.4">{render_html(pitch)}</div>')
        table = pitch_feedback(pitch)
        self.feedback_table = table
        self.checklist.value = checklist_html(table)
        self.summary.value = f'<div style="margin:4px 0"><b>{esc(feedback_summary(table))}</b></div>'
        self._update_progress_label()

    def _map_note(self, name: str) -> str:
        """What the influence analysis says about this leader ('' if it cannot say)."""
        if not name or name not in self._map:
            return ""
        if name not in self._map_notes:
            try:
                if self._influence is None:
                    from ..analysis.influence import influence_table
                    self._influence = influence_table(self._map)
                self._map_notes[name] = map_advice(self._map, name, table=self._influence)
            except Exception:  # the analysis is a bonus here: without it the builder still works
                self._map_notes[name] = ""
        return self._map_notes[name]

    def _refresh_and_save(self) -> None:
        try:
            self._refresh()
        except Exception as exc:  # a learner must never see a traceback
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
