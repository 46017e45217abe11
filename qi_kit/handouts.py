"""Printable handouts for the room: a paper mapping worksheet, the two-way pitch card, an evaluation form.

Each handout is built once as plain content (:class:`Handout`: headings, paragraphs and tables,
some with blank rows to write in) and rendered twice: as a self-contained HTML page that prints
well (A4, nothing loaded from the web) and, where `ReportLab <https://www.reportlab.com>`_ is
installed (it is one of the kit's dependencies), as a PDF with the same content. The PDFs use
the DejaVu Sans font that ships with matplotlib, so every character prints, and are made
invariant (no creation time inside), so the same kit gives the same files.

The words come from the kit itself (the roles' meanings, the pitch builder's prompts, the
feedback checks, the learning objectives), so a handout never disagrees with the notebooks.

Command line: ``python -m qi_kit handouts [--out FOLDER]`` (default ``build/handouts``);
``make handouts`` does the same, and ``make test`` builds them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from .export import esc
from .workspace import atomic_write_bytes, atomic_write_text


@dataclass(frozen=True)
class Block:
    """One part of a handout: a heading, paragraphs, and an optional table (``blank_rows`` to fill in)."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    blank_rows: int = 0
    widths: tuple[float, ...] = ()  # relative column widths ('' = equal)


@dataclass(frozen=True)
class Handout:
    """A printable handout: a file name, a title, a line under it, its blocks and a footer."""

    key: str
    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    footer: tuple[str, ...] = field(default=())


PRIVACY = "Use initials or roles, not colleagues' names. Keep the sheet with you, and shred it after the session."


# --------------------------------------------------------------------------- the three handouts


def mapping_worksheet() -> Handout:
    """The paper mapping worksheet: the process, the people, who goes to whom, the commitment chart."""
    from .engage.commitment import COMMITMENT_LEVELS
    from .engage.roles import ROLE_MEANINGS

    roles = tuple((role, meaning) for role, meaning in ROLE_MEANINGS.items())
    return Handout(
        "mapping-worksheet", "Map the people around your change",
        "A paper version of notebooks 01, 02 and 05, for when a computer is not to hand.",
        (
            Block("1. Who touches the process?",
                  ("Walk through the process from the first step to the last. Who does each step, where is it "
                   "handed on, and where is a decision made? Hand-offs are where changes get lost; decision points "
                   "are where leaders can help.",),
                  ("Step", "Who does it", "Hands it on to", "Decision made here"), blank_rows=6,
                  widths=(3, 2, 2, 3)),
            Block("2. The people",
                  ("One row per person or group: everyone from step 1, and the leaders who can help or block the "
                   "change. Authority: 0 none ... 5 can approve or stop the project. Influence: how much others "
                   "listen to them, whatever their title (0-5). Interest: how much the change matters to them "
                   "(0-5). Stance today: -2 opposes ... +2 drives it (a first guess: check it with them).",),
                  ("Initials or role", "Title, unit", "Authority 0-5", "Influence 0-5", "Interest 0-5",
                   "Stance -2..+2", "Role"), blank_rows=12, widths=(2.6, 2.4, 1.8, 1.8, 1.8, 1.8, 1.8)),
            Block("3. Who goes to whom",
                  ("An arrow points at the person who is listened to: 'A goes to B for advice' means B can "
                   "influence A. Kinds: advice, trust, information, resources, reports to. Strength: 1 now and "
                   "then, 2 regularly, 3 a lot.",),
                  ("Who", "goes to", "for (kind)", "Strength 1-3"), blank_rows=12, widths=(3, 3, 2, 1.3)),
            Block("4. The commitment chart (Beckhard and Harris)",
                  ("For each key person, mark X where they are now and O where the change needs them, then draw "
                   "the arrow from X to O: that arrow is your engagement work. Often a sceptic only needs to reach "
                   "'let it happen'.",),
                  ("Person", *(level.capitalize() for level in COMMITMENT_LEVELS)), blank_rows=8,
                  widths=(3, 2, 2, 2, 2)),
            Block("Roles, in the words of the toolkits", (), ("Role", "What it means"), roles, widths=(1.3, 5)),
        ),
        (PRIVACY, "Sources: IHI, Model for Improvement: Forming the Team; Working with Leaders (a QI toolkit page); "
                  "Beckhard R, Harris RT (1987) Organizational Transitions."),
    )


def pitch_card() -> Handout:
    """The two-way pitch on one card: the steps with their questions, and what the checks look for."""
    from .pitch.feedback import LOOKS_FOR
    from .pitch.model import PROMPTS
    from .widgets.pitch_builder import STEPS

    steps = []
    for title, fields in STEPS[1:-1]:
        question = " ".join(PROMPTS[f].question for f in fields if f in PROMPTS and f != "ask_type")
        steps.append((title, question, ""))
    checks = tuple((rule.replace("_", " "), text) for rule, text in LOOKS_FOR.items())
    return Handout(
        "pitch-card", "Your two-way pitch", "One card for notebook 06: to one named leader, with a clear ask.",
        (
            Block("Who is it for?", ("One named leader. A sponsor, a decision maker, a partner on the change team, "
                                     "an influencer and someone who doubts the change each need a different pitch. "
                                     "Leader: ____________________________",)),
            Block("The steps", ("Write a line or two for each. The ask says who does what by when; the last three "
                                "steps prepare the other half of the conversation.",),
                  ("Step", "The question", "Your answer"), tuple(steps), widths=(2, 4, 5)),
            Block("What the checks look for", (), ("Check", "Looks for"), checks, widths=(1.3, 5)),
            Block("Before you go in", ("Read it aloud once and time yourself (about 130 words a minute). Rehearse "
                                       "their hardest question. Speak first; send the email after.",)),
        ),
        ("Sources: Khan S, What does leadership look like for good implementation? (The Center for "
         "Implementation); Working with Leaders (a QI toolkit page).",),
    )


#: what the evaluation asks participants to rate (one line per notebook's main objective)
EVALUATION_STATEMENTS: tuple[str, ...] = (
    "I can tell formal, informal and distributed leadership apart, with an example of each.",
    "I can map who touches my process and who they go to for advice.",
    "I can find the informal leaders, brokers and quiet voices on a map, and say what each finding rests on.",
    "I can plan how to engage my leaders: roles, the commitment chart, who decides what, and how often we talk.",
    "I treat the people doing the work and patients as partners, not audiences.",
    "I can pitch a change to a named leader with a clear ask, and prepare for their questions.",
    "I know what I will do on Monday.",
)


def evaluation_form() -> Handout:
    """The session evaluation: one rating per objective, and three questions."""
    return Handout(
        "evaluation-form", "Session evaluation", "Anonymous: no name needed. Thank you for your honest answers.",
        (
            Block("How far do you agree?", ("1 = not at all, 5 = completely. Circle one number per line.",),
                  ("Statement", "1", "2", "3", "4", "5"),
                  tuple((s, "1", "2", "3", "4", "5") for s in EVALUATION_STATEMENTS), widths=(7, .6, .6, .6, .6, .6)),
            Block("What will you do differently on Monday?", (), ("",), blank_rows=3),
            Block("Which part of the session helped you most, and why?", (), ("",), blank_rows=3),
            Block("What should we change for the next group?", (), ("",), blank_rows=3),
        ),
        ("Facilitators: collect the forms, count the ratings and read the comments with your co-facilitator.",),
    )


def handouts() -> list[Handout]:
    """Every handout, in the order a session uses them."""
    return [mapping_worksheet(), pitch_card(), evaluation_form()]


# --------------------------------------------------------------------------- HTML

_CSS = """
@page{size:A4;margin:14mm}
body{font-family:'DejaVu Sans',system-ui,Arial,sans-serif;color:#1a1a1a;max-width:50rem;margin:1.5rem auto;
padding:0 1rem;line-height:1.45;font-size:11pt}
h1{font-size:1.5rem;border-bottom:3px solid #0072B2;padding-bottom:.2rem;margin-bottom:.2rem}
h2{font-size:1.1rem;color:#0072B2;margin:1.2rem 0 .3rem;break-after:avoid}
.sub{color:#444;margin:0 0 .8rem}
table{border-collapse:collapse;width:100%;margin:.3rem 0 .6rem;break-inside:auto}
th,td{border:1px solid #777;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#EAF3FA}
tr.blank td{height:1.6rem}
.foot{color:#444;font-size:.85rem;margin-top:1rem}
@media print{body{margin:0;max-width:none}}
"""


def _colgroup(widths: Sequence[float]) -> str:
    if not widths:
        return ""
    total = sum(widths)
    return "<colgroup>" + "".join(f'<col style="width:{100 * x / total:.1f}%">' for x in widths) + "</colgroup>"


def render_html(handout: Handout) -> str:
    """The handout as one self-contained, printable HTML page (every text escaped).

    >>> page = render_html(pitch_card())
    >>> "<h1>Your two-way pitch</h1>" in page, "http" in page
    (True, False)
    """
    body = [f"<h1>{esc(handout.title)}</h1>", f'<p class="sub">{esc(handout.subtitle)}</p>']
    for block in handout.blocks:
        body.append(f"<h2>{esc(block.heading)}</h2>")
        body += [f"<p>{esc(p)}</p>" for p in block.paragraphs]
        if block.columns:
            head = "".join(f'<th scope="col">{esc(c)}</th>' for c in block.columns) if any(block.columns) else ""
            rows = "".join("<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>" for row in block.rows)
            blanks = "".join('<tr class="blank">' + "<td></td>" * len(block.columns) + "</tr>"
                             for _ in range(block.blank_rows))
            body.append(f"<table>{_colgroup(block.widths)}" + (f"<thead><tr>{head}</tr></thead>" if head else "")
                        + f"<tbody>{rows}{blanks}</tbody></table>")
    body += [f'<p class="foot">{esc(line)}</p>' for line in handout.footer]
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{esc(handout.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


# --------------------------------------------------------------------------- PDF (ReportLab)


def pdf_available() -> bool:
    """True when ReportLab is installed, so the PDFs can be made."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        return False
    return True


def _fonts() -> tuple[str, str]:
    """Register DejaVu Sans (shipped with matplotlib) with ReportLab; (regular, bold) font names."""
    from matplotlib import get_data_path
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "QIDejaVu" not in pdfmetrics.getRegisteredFontNames():
        folder = Path(get_data_path()) / "fonts" / "ttf"
        pdfmetrics.registerFont(TTFont("QIDejaVu", str(folder / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("QIDejaVu-Bold", str(folder / "DejaVuSans-Bold.ttf")))
    return "QIDejaVu", "QIDejaVu-Bold"


def render_pdf(handout: Handout) -> bytes:
    """The handout as an A4 PDF (needs ReportLab); the same content as :func:`render_html`."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    regular, bold = _fonts()
    text = ParagraphStyle("text", fontName=regular, fontSize=9.5, leading=12.5)
    small = ParagraphStyle("small", parent=text, fontSize=8.5, leading=11, textColor=colors.HexColor("#444444"))
    cell = ParagraphStyle("cell", parent=text, fontSize=8.5, leading=10.5)
    head = ParagraphStyle("head", parent=cell, fontName=bold)
    title = ParagraphStyle("title", fontName=bold, fontSize=17, leading=21, spaceAfter=2)
    h2 = ParagraphStyle("h2", fontName=bold, fontSize=11.5, leading=14, spaceBefore=8, spaceAfter=3,
                        textColor=colors.HexColor("#0072B2"))
    width = A4[0] - 28 * mm
    story: list = [Paragraph(esc(handout.title), title), Paragraph(esc(handout.subtitle), small), Spacer(1, 4)]
    for block in handout.blocks:
        parts: list = [Paragraph(esc(block.heading), h2)] + [Paragraph(esc(p), text) for p in block.paragraphs]
        if block.columns:
            data = []
            if any(block.columns):
                data.append([Paragraph(esc(c), head) for c in block.columns])
            data += [[Paragraph(esc(c), cell) for c in row] for row in block.rows]
            data += [[""] * len(block.columns) for _ in range(block.blank_rows)]
            weights = block.widths or (1,) * len(block.columns)
            table = Table(data, colWidths=[width * w / sum(weights) for w in weights], repeatRows=1 if any(
                block.columns) else 0, rowHeights=None)
            style = [("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#777777")),
                     ("VALIGN", (0, 0), (-1, -1), "TOP")]
            if any(block.columns):
                style.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EAF3FA")))
            first_blank = len(data) - block.blank_rows
            for r in range(first_blank, len(data)):
                style.append(("BOTTOMPADDING", (0, r), (-1, r), 14))
            table.setStyle(TableStyle(style))
            parts += [Spacer(1, 3), table]
        story.append(KeepTogether(parts) if len(block.rows) + block.blank_rows <= 14 else parts[0])
        if len(block.rows) + block.blank_rows > 14:
            story += parts[1:]
    story += [Spacer(1, 6)] + [Paragraph(esc(line), small) for line in handout.footer]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=14 * mm,
                            bottomMargin=14 * mm, title=handout.title, author="qi_kit", invariant=1)
    doc.build(story)
    return out.getvalue()


# --------------------------------------------------------------------------- writing them


def write_handouts(folder: str | os.PathLike = "build/handouts", *, formats: Iterable[str] = ("html", "pdf")
                   ) -> dict[str, dict[str, Path]]:
    """Write every handout into ``folder``: ``<key>.html`` always, ``<key>.pdf`` when ReportLab is installed.

    Returns ``{key: {"html": path, "pdf": path}}``; written atomically.
    """
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    wanted = set(formats)
    pdf = "pdf" in wanted and pdf_available()
    written: dict[str, dict[str, Path]] = {}
    for handout in handouts():
        files: dict[str, Path] = {}
        if "html" in wanted:
            files["html"] = atomic_write_text(target / f"{handout.key}.html", render_html(handout))
        if pdf:
            files["pdf"] = atomic_write_bytes(target / f"{handout.key}.pdf", render_pdf(handout))
        written[handout.key] = files
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m qi_kit handouts [--out FOLDER]``: write the handouts and say where."""
    args = list(argv or [])
    folder = "build/handouts"
    if "--out" in args:
        i = args.index("--out")
        if i + 1 >= len(args):
            print("usage: python -m qi_kit handouts [--out FOLDER]")
            return 2
        folder = args[i + 1]
    written = write_handouts(folder)
    kinds = sorted({ext for files in written.values() for ext in files})
    print(f"Handouts written to {folder}: {', '.join(written)} ({' and '.join(kinds)}).")
    if "pdf" not in kinds:
        print("PDF needs ReportLab: pip install reportlab (make lab and make test install it).")
    return 0
