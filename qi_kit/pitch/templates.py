"""The same answers, rendered into each pitch template: SBAR, problem-aim-ask, elevator pitch.

Each template is a *layout*: a list of sections, each listing which answers it shows and with
what label. One function turns a pitch into sections (:func:`pitch_sections`); small renderers
turn sections into plain text, Markdown or escaped HTML. Blank answers show as
``[still to write: ...]`` so the preview tells the participant what is missing.

- **SBAR** (situation, background, assessment, recommendation) was developed for safety-critical
  handovers in healthcare and is widely used to brief leaders. Situation = the problem and a real
  moment; background = the evidence and the priority it serves; assessment = the aim and why it
  matters to this leader; recommendation = the ask, by when, the next step, updates.
- **Problem, aim, ask**: the three things the "Working with Leaders" page asks teams to agree
  with leaders early (problem, desired outcome and link to priorities) and to "ask explicitly".
- **60-second elevator pitch**: a spoken script that opens with the story, skips jargon, and ends
  with what you need from the listener. The cadence of updates is left for the follow-up.

Everything a participant typed is escaped in HTML (:func:`render_html`) and in Markdown
(:func:`render_markdown`), so ``<img src=x onerror=alert(1)>`` shows as text everywhere.

References
----------
.. [1] "Working with Leaders", QI toolkit page (source 000 in ``shared/sources``).
.. [2] S. Khan, "What does leadership look like for good implementation?", The Center for
   Implementation (source 001).
.. [3] SBAR, Institute for Healthcare Improvement tools (SBAR Tool: Situation-Background-
   Assessment-Recommendation), developed at Kaiser Permanente.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..escaping import html_lines, markdown_text
from ..export import esc
from ..text import is_honorific
from .model import FORMAT_NAMES, PROMPTS, Pitch, check_format

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: format -> sections -> (label, answer field); the order is the order a listener hears it
LAYOUTS: dict[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]] = {
    "sbar": (
        ("Situation", (("The problem", "problem"), ("What happened", "story"))),
        ("Background", (("The evidence", "evidence"), ("The priority it serves", "priority"))),
        ("Assessment", (("Our aim", "aim"), ("Why it matters to you", "their_values"))),
        ("Recommendation", (("The ask", "ask"), ("By when", "ask_by"), ("What I will do", "offer"),
                            ("Next step", "next_step"), ("Updates", "updates"))),
    ),
    "problem_aim_ask": (
        ("Problem", (("The problem", "problem"), ("What happened", "story"), ("The evidence", "evidence"))),
        ("Aim", (("Our aim", "aim"), ("The priority it serves", "priority"),
                 ("Why it matters to you", "their_values"))),
        ("Ask", (("The ask", "ask"), ("By when", "ask_by"), ("What I will do", "offer"),
                 ("Next step", "next_step"), ("Updates", "updates"))),
    ),
    "elevator": (
        ("Your 60-second pitch", (("Open with the story", "story"), ("The problem", "problem"),
                                  ("The evidence", "evidence"), ("Our aim", "aim"),
                                  ("The priority it serves", "priority"),
                                  ("Why it matters to you", "their_values"), ("The ask", "ask"),
                                  ("By when", "ask_by"), ("What I will do", "offer"), ("Next step", "next_step"))),
    ),
}
#: the part of the page that prepares you for the conversation (never said aloud, never emailed)
PREPARATION: tuple[str, tuple[tuple[str, str], ...]] = (
    "Before you go in (for you, not for the leader)",
    (("Their likely questions and pressures", "questions"), ("If they say no", "if_no")),
)

#: words that already start a time phrase, so "by" is not added in front of them
_TIME_STARTS = re.compile(r"^(by|before|within|on|in|at|this|next|no later|end of|the end of|until)\b",
                          re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """One answer in a section: its label, the answer field it comes from and the text."""

    label: str
    field: str
    text: str


@dataclass(frozen=True)
class Section:
    heading: str
    parts: tuple[Part, ...]


def by_when_phrase(text: str) -> str:
    """'14 March' -> 'by 14 March'; 'before the May board' stays as it is; '' stays ''."""
    text = text.strip().rstrip(".")
    if not text or _TIME_STARTS.match(text):
        return text
    return f"by {text}"


def _spoken(field: str, pitch: Pitch) -> str:
    """The answer as it is said in the elevator script (the by-when becomes a sentence)."""
    text = getattr(pitch, field)
    if field == "ask_by" and text:
        return f"I would need this {by_when_phrase(text)}."
    return text


def pitch_sections(pitch: Pitch, *, format: str | None = None) -> list[Section]:
    """The pitch laid out in a template: a list of sections, each a list of labelled parts.

    Parameters
    ----------
    pitch
        The pitch.
    format
        ``"sbar"``, ``"problem_aim_ask"`` or ``"elevator"``; default: the pitch's own ``format``.

    Examples
    --------
    >>> p = Pitch(problem="Falls at night.", ask="Could you open the launch?")
    >>> [s.heading for s in pitch_sections(p)]
    ['Situation', 'Background', 'Assessment', 'Recommendation']
    """
    format = check_format(format or pitch.format)
    sections = []
    for heading, parts in LAYOUTS[format]:
        built = []
        for label, field in parts:
            text = _spoken(field, pitch) if format == "elevator" else getattr(pitch, field)
            if field == "ask" and pitch.ask_type and format != "elevator":
                label = f"{label} ({pitch.ask_type})"
            built.append(Part(label, field, text))
        sections.append(Section(heading, tuple(built)))
    return sections


def preparation(pitch: Pitch) -> Section:
    """The preparation notes (their questions and pressures, your plan if they say no) as a section."""
    heading, parts = PREPARATION
    return Section(heading, tuple(Part(label, field, getattr(pitch, field)) for label, field in parts))


def spoken_text(pitch: Pitch, *, format: str | None = None) -> str:
    """The words a listener hears in this template (answers only: no headings, labels or gaps)."""
    return "\n".join(part.text for section in pitch_sections(pitch, format=format)
                     for part in section.parts if part.text)


def word_count(text: str) -> int:
    """Words, counted as runs of characters between spaces ("7:30" and "A&E" are one word)."""
    return len(text.split())


def title_of(pitch: Pitch) -> str:
    """'Pitch to Margaret Okafor (Chief Nurse)', or a placeholder before a leader is chosen."""
    if not pitch.leader:
        return "Pitch to a leader (choose the leader first)"
    title = f" ({pitch.leader_title})" if pitch.leader_title else ""
    return f"Pitch to {pitch.leader}{title}"


def _missing(field: str) -> str:
    return f"[still to write: {PROMPTS[field].label.lower()}]"


def _parts(section: Section, placeholders: bool) -> list[tuple[str, str, bool]]:
    """(label, text, is_placeholder) for the parts to show."""
    shown = []
    for part in section.parts:
        if part.text:
            shown.append((part.label, part.text, False))
        elif placeholders:
            shown.append((part.label, _missing(part.field), True))
    return shown


# --------------------------------------------------------------------------- plain text


def render_text(pitch: Pitch, *, format: str | None = None, placeholders: bool = True) -> str:
    """The pitch as plain text, with a title, the template's name and labelled answers."""
    format = check_format(format or pitch.format)
    lines = [title_of(pitch), FORMAT_NAMES[format], ""]
    lines += _body_text(pitch, format, placeholders)
    lines += _body_text(pitch, format, placeholders, sections=[preparation(pitch)], labelled=True)
    return "\n".join(lines).rstrip() + "\n"


def _body_text(pitch: Pitch, format: str, placeholders: bool, *, sections: list[Section] | None = None,
               labelled: bool = False) -> list[str]:
    lines: list[str] = []
    for section in sections if sections is not None else pitch_sections(pitch, format=format):
        lines += [section.heading, "-" * len(section.heading)]
        for label, text, _ in _parts(section, placeholders):
            lines.append(text if format == "elevator" and not labelled else f"{label}: {text}")
            lines.append("")
    return lines


def salutation(pitch: Pitch) -> str:
    """'Dear Margaret,' or 'Dear Dr Whitfield,' (a title keeps the surname), or 'Hello,'."""
    words = pitch.leader.split()
    if not words:
        return "Hello,"
    if is_honorific(words[0]) and len(words) > 1:
        return f"Dear {words[0]} {words[-1]},"
    return f"Dear {words[0]},"


#: words ending in a full stop that do not end a sentence ("11 p.m.", "Dr.", "e.g.")
_ABBREVIATIONS = ("a.m.", "p.m.", "e.g.", "i.e.", "etc.", "vs.", "approx.", "dr.", "mr.", "mrs.", "ms.", "prof.",
                  "st.", "no.", "nos.", "cf.", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
                  "sept.", "oct.", "nov.", "dec.", "mon.", "tue.", "wed.", "thu.", "fri.", "sat.", "sun.")


def first_sentence(text: str) -> str:
    """The whole first sentence of ``text``: a full stop in '11 p.m.', 'Dr.' or '3.5' does not end it.

    >>> first_sentence("Could you come to our 11 p.m. huddle on 3 March? It takes ten minutes.")
    'Could you come to our 11 p.m. huddle on 3 March?'
    >>> first_sentence("Dr. Rahman and I would value 15 minutes. Thank you.")
    'Dr. Rahman and I would value 15 minutes.'
    """
    words = " ".join(str(text).split()).split(" ")
    for i, word in enumerate(words[:-1]):
        if not word.endswith((".", "?", "!")):
            continue
        bare = word.casefold().lstrip("(\"'")
        if bare in _ABBREVIATIONS:
            if bare in ("a.m.", "p.m.") and words[i + 1][:1].isupper():
                return " ".join(words[: i + 1])  # 'at 11 p.m. Thank you': the time ends the sentence
            continue
        if word.endswith(".") and len(word.rstrip(".")) == 1 and word[0].isupper():
            continue  # an initial, as in 'J. Fletcher'
        return " ".join(words[: i + 1])
    return " ".join(words)


def email_subject(pitch: Pitch) -> str:
    """The ask's whole first sentence (the ask belongs up front), never cut short."""
    source = pitch.ask or pitch.aim or pitch.problem or "A request"
    return first_sentence(source)


def render_email(pitch: Pitch, *, format: str | None = None, placeholders: bool = True) -> str:
    """The pitch as a plain-text email: subject, greeting, the chosen template, sign-off."""
    format = check_format(format or pitch.format)
    lines = [f"Subject: {email_subject(pitch)}", "", salutation(pitch), ""]
    lines += _body_text(pitch, format, placeholders)
    lines += ["Best wishes,", pitch.presenter or ""]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- Markdown

def md(text: str) -> str:
    """Participant text made safe in Markdown (:func:`qi_kit.escaping.markdown_text`), so
    ``<img ...>``, ``[link](...)`` and ``$x$`` show as text in any Markdown viewer."""
    return markdown_text(text)


def render_markdown(pitch: Pitch, *, format: str | None = None, placeholders: bool = True) -> str:
    """The pitch as Markdown: a heading per section, each answer a paragraph with a bold label."""
    format = check_format(format or pitch.format)
    lines = [f"# {md(title_of(pitch))}", "", f"*{md(FORMAT_NAMES[format])}*", ""]
    for section in [*pitch_sections(pitch, format=format), preparation(pitch)]:
        labelled = section.heading == PREPARATION[0] or format != "elevator"
        lines += [f"## {md(section.heading)}", ""]
        for label, text, missing in _parts(section, placeholders):
            body = "  \n".join(md(line) for line in text.splitlines())
            body = f"*{body}*" if missing else body
            lines += [f"**{md(label)}:** {body}" if labelled else body, ""]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- HTML


def render_html(pitch: Pitch, *, format: str | None = None, placeholders: bool = True,
                heading: bool = True) -> str:
    """The pitch as an HTML fragment; every answer, name and title is escaped.

    ``heading=False`` leaves out the "Pitch to ..." title (a full page has its own).
    """
    format = check_format(format or pitch.format)
    out = ['<div class="qi-pitch">']
    if heading:
        out.append(f'<h3 style="margin:.2em 0">{esc(title_of(pitch))}</h3>')
    out.append(f'<p style="margin:0 0 .6em;color:#555"><em>{esc(FORMAT_NAMES[format])}</em></p>')
    for section in [*pitch_sections(pitch, format=format), preparation(pitch)]:
        labelled = section.heading == PREPARATION[0] or format != "elevator"
        out.append(f'<h4 style="margin:.6em 0 .2em;color:#0072B2">{esc(section.heading)}</h4>')
        for label, text, missing in _parts(section, placeholders):
            body = html_lines(text)
            if missing:
                body = f'<span style="color:#555"><em>{body}</em></span>'
            prefix = f"<strong>{esc(label)}:</strong> " if labelled else ""
            out.append(f'<p style="margin:.2em 0">{prefix}{body}</p>')
    out.append("</div>")
    return "\n".join(out)


# --------------------------------------------------------------------------- the checklist


_ICONS = {True: ("✔", "passed", "#009E73"), False: ("✘", "not yet", "#D55E00")}


def checklist_html(table: "pd.DataFrame") -> str:
    """The feedback checklist (from ``pitch_feedback``) as an escaped HTML table.

    Each row has an icon *and* a word (passed / not yet), so colour is never the only signal.
    """
    cell = 'style="padding:3px 6px;border-bottom:1px solid #ddd;vertical-align:top;text-align:left"'
    rows = []
    for row in table.itertuples(index=False):
        icon, word, colour = _ICONS[bool(row.passed)]
        rows.append(
            f'<tr><td {cell[:-1]};color:{colour};white-space:nowrap"><span aria-hidden="true">{icon}</span> '
            f"{word}</td><td {cell}><strong>{esc(row.check)}</strong>"
            + (f'<br><span style="color:#555;font-size:.9em">Looks for: {esc(row.looks_for)}</span>'
               if getattr(row, "looks_for", "") else "")
            + f"</td><td {cell}>{esc(row.why)}</td>"
            f"<td {cell}>{esc(row.how_to_improve)}</td></tr>")
    head = "".join(f"<th {cell}>{name}</th>" for name in ("Result", "Check", "Why", "How to improve"))
    return (f'<table class="qi-checklist" style="border-collapse:collapse;width:100%;line-height:1.35">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def checklist_markdown(table: "pd.DataFrame") -> str:
    """The feedback checklist as a Markdown table (text escaped for Markdown)."""

    def cell(text: object) -> str:
        return md(" ".join(str(text).split()))

    lines = ["| Result | Check | Why | How to improve |", "|---|---|---|---|"]
    for row in table.itertuples(index=False):
        result = "✔ passed" if row.passed else "✘ not yet"
        lines.append(f"| {result} | {cell(row.check)} | {cell(row.why)} | {cell(row.how_to_improve)} |")
    return "\n".join(lines)


def checklist_text(table: "pd.DataFrame") -> str:
    """The feedback checklist as plain text, one check per paragraph."""
    blocks = []
    for row in table.itertuples(index=False):
        mark = "[x]" if row.passed else "[ ]"
        block = f"{mark} {row.check}: {row.why}"
        if row.how_to_improve:
            block += f"\n    To improve: {row.how_to_improve}"
        blocks.append(block)
    return "\n".join(blocks)


# --------------------------------------------------------------------------- moved names

#: the take-home files moved to :mod:`qi_kit.takehome.pitch`; the old names keep working
_MOVED = ("export_pitch", "export_stem", "pitch_exports", "where_saved")


def __getattr__(name: str):
    """``templates.export_pitch`` and the other moved names, from :mod:`qi_kit.takehome.pitch`."""
    if name in _MOVED:
        from ..takehome import pitch as moved

        return getattr(moved, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
