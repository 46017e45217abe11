"""Two small widgets for the workshop notebooks: a form of written answers, and a practice slider.

- :class:`NotesForm` shows a few questions, each with a text box. Every change is saved at once
  to one section of the participant's workspace (``reflection``, ``action_plan``...), so a
  kernel restart or a closed tab loses nothing, and the answers come back when the notebook is
  opened again.
- :class:`PracticeSlider` is the first widget a participant meets (``00_start_here``): move a
  slider and a sentence changes. It teaches two things at once: how widgets respond, and the
  kit's convention that an arrow points at the person who is listened to.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Sequence

import ipywidgets as w

from ..errors import MapError
from ..text import plural
from ..workspace import Autosaver
from ._common import choice_buttons, esc, guarded, live, message_html, paused, show_message, shown_path


class NotesForm(w.VBox):
    """Questions with a text box each; answers autosave to one workspace section.

    Parameters
    ----------
    section
        The workspace section the answers are saved in (a dict question key -> text).
    questions
        ``{key: question}`` in the order to show them.
    title
        A heading shown above the questions (escaped).
    path
        The workspace file (default: ``my_work/workspace.json``).

    The answers are plain text; they are escaped wherever the kit shows them as HTML.
    """

    def __init__(self, section: str, questions: Mapping[str, str] | Sequence[tuple[str, str]], *,
                 title: str = "", placeholder: str = "Type here; it is saved as you go.",
                 path: str | os.PathLike | None = None):
        self.section = section
        self.questions = dict(questions)
        self._saver = Autosaver(section, path)
        problem = ""
        try:
            saved = self._saver.load({key: "" for key in self.questions}) or {}
        except MapError as exc:  # damaged or missing saved work: say so, start blank, keep the good copy
            saved, problem = {}, str(exc)
        saved = saved if isinstance(saved, Mapping) else {}
        self.status = w.HTML()
        self.boxes: dict[str, w.Textarea] = {}
        rows: list[w.Widget] = [w.HTML(f"<h4>{esc(title)}</h4>")] if title else []
        for key, question in self.questions.items():
            box = w.Textarea(value=str(saved.get(key, "")), placeholder=placeholder,
                             layout=w.Layout(width="100%", height="5em"))
            box.observe(self._changed, names="value")
            self.boxes[key] = box
            rows += [w.HTML(f"<b>{esc(question)}</b>"), box]
        super().__init__(rows + [self.status])
        live(self)  # a widget left by a restarted kernel says so
        answered = len(self.answered)
        if problem:
            show_message(self.status, problem, "error")
        elif answered:
            show_message(self.status, f"{plural(answered, 'answer')} brought back from "
                         f"{shown_path(self._saver.path)}.", "info")

    @property
    def value(self) -> dict[str, str]:
        """The answers, ``{key: text}``, in question order."""
        return {key: box.value for key, box in self.boxes.items()}

    @property
    def answered(self) -> list[str]:
        """The keys of the questions answered so far."""
        return [key for key, text in self.value.items() if text.strip()]

    def _changed(self, change: dict[str, Any]) -> None:
        self._save()

    def _save(self) -> None:
        @guarded(self.status)
        def save() -> None:
            saver = self._saver
            if not saver.save(self.value):
                self.status.value = message_html(str(saver.last_error), "error")
                return
            note = f"Saved in {shown_path(saver.path)}."
            if saver.merged and isinstance(saver.value, Mapping):  # answers typed in another cell or kernel
                self._show({key: str(saver.value.get(key, "")) for key in self.boxes})
                note += " Answers written in another cell or notebook are kept too."
            if saver.conflicts:
                note += " The same answer was also changed elsewhere: this one is kept."
            show_message(self.status, note, "warn" if saver.conflicts else "ok")

        save()

    def _show(self, answers: Mapping[str, str]) -> None:
        with paused(self._changed, self.boxes.values()):
            for key, box in self.boxes.items():
                if box.value != answers.get(key, ""):
                    box.value = answers.get(key, "")

    def __repr__(self) -> str:
        return (f"Notes form '{self.section}': {len(self.questions)} questions, "
                f"{len(self.answered)} answered.")


class PracticeSlider(w.VBox):
    """A slider and a sentence that follows it: the first widget of the workshop."""

    def __init__(self, *, value: int = 3):
        # buttons, not a slider: each number is a button a screen reader can name
        self.slider = choice_buttons([(str(n), n) for n in range(11)], value, description="Colleagues",
                                     description_width="6em")
        self.sentence = w.HTML()
        self.slider.observe(lambda change: self._update(), names="value")
        super().__init__([w.HTML("<b>When you are unsure what is best for a patient, how many colleagues would you "
                                 "go to for advice?</b>"), self.slider, self.sentence])
        live(self)  # a widget left by a restarted kernel says so
        self._update()

    def sentence_text(self) -> str:
        n = self.slider.value
        if n == 0:
            return ("Nobody: on a map you would have no arrows going out. People with no arrows at all "
                    "are the quiet voices the kit helps you notice.")
        people = plural(n, 'colleague')
        arrows = plural(n, 'arrow')
        return (f"You would go to {people}. On a map that is {arrows} from you, each pointing at a person "
                "you listen to. The people many arrows point at are the informal leaders.")

    def _update(self) -> None:
        show_message(self.sentence, self.sentence_text(), "info")

    @property
    def value(self) -> int:
        return self.slider.value

    def __repr__(self) -> str:
        return f"Practice slider: {self.sentence_text()}"
