"""Feedback on a pitch: a checklist of small rules a facilitator can read, explain and extend.

Each rule is one small, pure function of the pitch that returns one row: the check, whether it
passed, why (what the rule found) and how to improve. :func:`pitch_feedback` runs them all and
returns the table. There is no network service and no language model: only the word lists and
patterns below, which a facilitator can read, and extend through ``pitch_feedback``'s options.

The rules, and where they come from:

==============  =========================================================================
rule            passes when
==============  =========================================================================
``ask``         the ask says who does what by when: an action verb (:data:`ACTION_VERBS`),
                a who ("you", "your" or the leader's name), a concrete thing to do (a word
                that is not only "support", "help" or "buy-in") and a by-when (the "by
                when" answer, or a date or time phrase in the ask). Leaders' own advice:
                "be clear about the ask" [1]_; "ask explicitly for what you need" [2]_.
``aim``         the aim has a number and a by-when (what, how much, by when) [2]_.
``priority``    an organisational priority is named [2]_.
``story``       the story has at least :data:`MIN_STORY_WORDS` words, a person the leader
                can picture (:data:`PERSON_WORDS`, a pronoun or an age such as "86-year-old")
                and something that happened to them (a verb in the past tense): stories help
                leaders make sense of a change where evidence alone goes only so far [1]_.
``number``      the problem, aim, evidence or story holds at least one number (digits in a
                name such as "Ward 7B" do not count).
``time``        the words of the chosen template, spoken at :data:`WORDS_PER_MINUTE`, fit
                its :data:`TARGET_SECONDS`.
``plain_words`` no jargon from :data:`JARGON` and no abbreviation left unexplained (one that
                is neither in :data:`KNOWN_ACRONYMS` nor spelt out in brackets) [3]_.
``tailored``    the pitch does what works for this leader's role and stance on the map
                (:data:`LEADER_ADVICE`), judged from what the pitch *says*, never from a
                dropdown: a resistor's stated concern is answered in its own words; a
                sponsor's ask is for something people will see them do; and so on.
``two_way``     the other half of the conversation is prepared: the leader's likely
                questions and pressures, what you will take off their plate, and your plan
                if they say no (a pitch helps a leader make sense of a change "in relation
                to other priorities", and "how can we support leaders?" [1]_).
``follow_up``   a next step and a cadence of updates are given ("concise, regular
                updates" [2]_).
==============  =========================================================================

Every row of the checklist says what its rule looks for (``looks_for``), so a participant can
see why a check passed and argue with it: the rules are prompts for judgement, not a score.

Speaking rate: the kit assumes **130 words a minute**. This is a rule of thumb, not a
measurement: speaking-skills guides put everyday English speech at roughly 120-160 words a
minute (e.g. VirtualSpeech's "Average Speaking Rate and Words per Minute", D. Barnard, 2022), and
a calm pitch to a senior leader should sit at the unhurried end. Participants should time
themselves reading aloud once; pass ``words_per_minute=`` to use their own rate.

References
----------
.. [1] S. Khan, "What does leadership look like for good implementation?", The Center for
   Implementation (source 001 in ``shared/sources``).
.. [2] "Working with Leaders", QI toolkit page (source 000 in ``shared/sources``).
.. [3] D. Goldmann, "Dear IHI: How do I give an elevator pitch on QI in health care?",
   Institute for Healthcare Improvement, 2016 (skip the jargon; start from what matters to
   the listener).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Mapping

import pandas as pd


from ..text import is_honorific, plural
from .model import Pitch
from .templates import spoken_text, word_count

if TYPE_CHECKING:  # pragma: no cover
    from ..model import StakeholderMap

#: the assumed speaking rate (a rule of thumb; see the module notes)
WORDS_PER_MINUTE: int = 130

#: the longest each template should take to say, in seconds (the kit's choice: an elevator pitch
#: is a minute; a problem-aim-ask or SBAR briefing fits a short slot in a leader's day)
TARGET_SECONDS: dict[str, int] = {"elevator": 60, "problem_aim_ask": 90, "sbar": 120}

_SHORT_NAMES = {"sbar": "SBAR", "problem_aim_ask": "problem-aim-ask", "elevator": "elevator pitch"}

#: fewest words for a story a listener can picture (who, what happened, what it meant)
MIN_STORY_WORDS: int = 12

#: verbs that name something a leader can do (matched as whole words, with -s/-ed/-ing endings)
ACTION_VERBS: tuple[str, ...] = (
    "add", "agree", "allocate", "announce", "approve", "arrange", "ask", "attend", "authorise",
    "authorize", "book", "bring", "chair", "choose", "come", "confirm", "cover",
    "decide", "email", "endorse", "fund", "give", "host", "include", "introduce", "invite", "join",
    "launch", "lead", "lend", "let", "make", "meet", "mention", "nominate", "open", "pilot", "present",
    "protect", "provide", "put", "raise", "release", "remove", "review", "run", "say", "schedule",
    "send", "share", "sign", "speak", "sponsor", "start", "stop", "talk", "tell", "test", "trial",
    "try", "unblock", "use", "visit", "walk", "write",
)

#: words that sound like an ask but name no action ("your support" is not something to do)
VAGUE_ASK_WORDS: tuple[str, ...] = ("support", "help", "buy-in", "backing", "engagement",
                                    "awareness", "consider", "think about")
#: small words that carry no content (used to find what an ask is about, and shared words)
STOPWORDS: frozenset[str] = frozenset((
    "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with", "from",
    "into", "onto", "about", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
    "that", "these", "those", "there", "here", "you", "your", "yours", "yourself", "we", "our", "us", "i",
    "me", "my", "they", "them", "their", "he", "she", "his", "her", "him", "could", "would", "should",
    "can", "will", "shall", "may", "might", "must", "do", "does", "did", "please", "really", "just", "so",
    "very", "all", "any", "some", "more", "most", "not", "no", "yes", "also", "too", "then", "than",
    "what", "which", "who", "whom", "when", "where", "why", "how", "up", "out", "over", "again", "us",
    "have", "has", "had", "get", "got", "let", "make", "like", "want", "need", "know", "think", "going",
    "forward", "thing", "things", "much", "many", "one", "ones", "own", "still", "even", "only", "well",
))
#: words too general to show that a response answers a particular concern
GENERIC_WORDS: frozenset[str] = frozenset((
    "bundle", "change", "changes", "project", "programme", "program", "plan", "patient", "patients",
    "staff", "ward", "team", "teams", "work", "time", "people", "person", "care", "good", "better",
    "important", "really", "think", "understand", "concern", "concerns", "worry", "worried", "feel",
    "said", "says", "right", "point", "view", "school", "children", "child", "pupils", "teachers",
))
#: words that show a story has a person in it (pronouns and an age count too)
PERSON_WORDS: tuple[str, ...] = (
    "patient", "man", "woman", "lady", "gentleman", "boy", "girl", "child", "son", "daughter", "mother",
    "father", "mum", "dad", "husband", "wife", "partner", "grandmother", "grandfather", "granddaughter",
    "grandson", "nurse", "doctor", "consultant", "colleague", "carer", "resident", "family", "relative",
    "pupil", "student", "teacher", "parent", "friend", "neighbour", "baby", "he", "she", "him", "her",
    "his", "they", "we", "i",
)
#: past-tense verbs without an -ed ending (what happened)
IRREGULAR_PAST: tuple[str, ...] = (
    "fell", "broke", "cut", "hit", "hid", "got", "went", "came", "said", "told", "found", "felt", "lost",
    "left", "took", "gave", "saw", "sat", "stood", "woke", "ran", "made", "began", "became", "read",
    "wrote", "held", "kept", "knew", "thought", "caught", "brought", "bled", "slept", "spoke", "swore",
    "wept", "died", "lay", "had", "was", "were", "did", "sent", "spent", "paid", "put", "rang", "shook",
)

#: answers to "by when?" that are not a time
VAGUE_TIMES: tuple[str, ...] = ("soon", "asap", "as soon as possible", "when you can", "when possible",
                                "at some point", "in due course", "sometime", "eventually", "whenever",
                                "tbc", "later")

#: jargon -> a plainer way to say it. Extend it: ``pitch_feedback(p, jargon={**JARGON, ...})``
JARGON: dict[str, str] = {
    "PDSA": "a small test of change",
    "plan-do-study-act": "a small test of change",
    "run chart": "a chart of the numbers week by week",
    "control chart": "a chart that shows whether a change is real",
    "SPC": "a chart that shows whether a change is real",
    "statistical process control": "a chart that shows whether a change is real",
    "special cause": "a real change, not chance",
    "common cause variation": "the usual ups and downs",
    "driver diagram": "our plan on a page",
    "fishbone": "our list of causes",
    "Pareto": "the few causes behind most of the problem",
    "balancing measure": "a check that nothing else gets worse",
    "process measure": "how often we do the new steps",
    "outcome measure": "the result for patients",
    "KPI": "the measure the board watches (name it)",
    "stakeholder": "the people involved (name them)",
    "buy-in": "agreement (say from whom)",
    "implementation science": "how to make changes stick",
    "sensemaking": "making sense of it",
    "fidelity": "doing it as designed",
    "spread and scale": "using it on more wards",
    "leverage": "use",
    "synergy": "working together",
    "paradigm": "way of thinking",
    "bandwidth": "time",
    "deep dive": "close look",
    "low-hanging fruit": "quick wins",
    "going forward": "from now on",
    "deliverables": "what we will produce",
    "centrality": "how many people go to someone",
    "betweenness": "who links groups that rarely talk",
    "in-degree": "how many people go to someone",
    "eigenvector": "who the well-connected people go to",
    "network analysis": "our map of who people go to",
}

#: abbreviations most listeners know, never flagged. Extend it the same way as JARGON.
KNOWN_ACRONYMS: tuple[str, ...] = ("NHS", "UK", "US", "USA", "GP", "OK", "TV", "ID", "AM", "PM")


@dataclass(frozen=True)
class Advice:
    """What works with one kind of leader, and the words that show the pitch does it."""

    advice: str
    look_in: tuple[str, ...]  # the answers searched
    signs: tuple[str, ...]  # any of these words counts ('worr*': any word starting 'worr')
    ask_type: str  # an ask of this kind also counts ('' for none)
    passed_why: str
    failed_why: str


#: leader kind (see ``Pitch.leader_kind``) -> what to do; a facilitator can read and change it
LEADER_ADVICE: dict[str, Advice] = {
    "resistor": Advice(
        "Write down their concern in their own words (step 'Their questions and pressures'), then "
        "answer it in the pitch, using their words, and ask for something small (their advice, a "
        "two-week trial) rather than a sign-off.",
        ("their_values", "problem", "story", "ask", "offer"),
        ("concern*", "worr*", "you said", "you have said", "you've said", "you told", "i know",
         "i hear", "i understand", "you feel", "you think", "your view", "fair point", "you are right",
         "you're right", "doubt*", "sceptic*", "skeptic*", "rightly"),
        "", "the pitch names their concern.",
        "the pitch does not yet name their concern."),
    "sponsor": Advice(
        "They already back the aim: ask for visible support people will notice, e.g. come to a "
        "huddle, open the launch, mention it at the board, sign the launch email.",
        ("ask",),
        ("huddle", "visit", "walk", "come", "attend", "open", "launch", "say", "speak", "mention",
         "announce", "email", "message", "newsletter", "board", "sign", "endorse", "thank", "chair",
         "present", "in person"),
        "", "the ask is for something people will see them do.",
        "the ask is not yet for something people will see them do (choosing 'visible support' in "
        "the list is not enough: the ask itself must say what they will be seen doing)."),
    "partner": Advice(
        "They are on the change team with you: ask them to shape the next step and to bring others in "
        "(introduce you, share the story, invite a colleague), and give them the words and the numbers.",
        ("ask",),
        ("bring", "introduce", "tell", "share", "invite", "recruit", "others", "colleague", "team",
         "spread", "show", "shape", "design", "decide", "choose"),
        "", "the ask brings other people in or shapes the next step with them.",
        "the ask does not yet bring other people in or ask them to shape the next step."),
    "influencer": Advice(
        "People listen to them whatever their title: ask for their advice and for them to try it "
        "first; their example carries further than an email from a manager.",
        ("ask",),
        ("advice", "advise", "try", "trial", "test", "pilot", "show", "first", "feedback", "view",
         "opinion", "shape", "improve"),
        "", "the ask invites their advice or example.",
        "the ask does not yet invite their advice or their example."),
    "decision maker": Advice(
        "They can say yes: make the decision small and clear, link it to their priority and say "
        "what it costs.",
        ("ask",),
        ("decide", "decision", "approve", "agree", "sign off", "sign-off", "authoris*", "authoriz*",
         "fund", "release", "allocate"),
        "", "the ask is for a clear decision.",
        "the ask is not yet a clear decision they can make (the ask itself must name it)."),
    "other": Advice(
        "Say what is in it for them: link the change to what they care about and are judged on.",
        ("their_values",),
        (), "", "you say what is in it for them.",
        "the pitch does not yet say what is in it for them."),
}


@dataclass(frozen=True)
class Check:
    """One row of the checklist."""

    rule: str
    check: str
    passed: bool
    why: str
    how_to_improve: str = ""


# --------------------------------------------------------------------------- small helpers

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_ABBR = r"(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)"
_TIME_PATTERNS = re.compile("|".join((
    r"\b\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b",  # 14/03, 14.3.2027
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + "|".join(_MONTHS) + r"|" + _MONTH_ABBR + r")\b",  # 14 March
    r"\b(?:" + "|".join(m for m in _MONTHS if m != "may") + r")\b",  # March (not the verb 'may')
    r"\b(?:may|" + _MONTH_ABBR + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?\b",  # Mar 14, May 3
    r"\b(?:by|before|in|during|until|from|end of)\s+may\b",  # 'by May' but not 'may I'
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b",
    r"\b(?:today|tonight|tomorrow)\b",
    r"\b(?:next|this|coming)\s+(?:week|fortnight|month|term|quarter|year|meeting|board|huddle|shift)\b",
    r"\bend\s+of\s+(?:the\s+)?(?:week|month|term|quarter|year|day|shift)\b",
    r"\b(?:within|in)\s+(?:the\s+next\s+)?(?:\d+|one|two|three|four|six|a)\s+(?:day|week|month)s?\b",
    r"\bq[1-4]\b",
    r"\b(?:19|20)\d\d\b",  # a year
)), re.IGNORECASE)
_NUMBER_WORDS = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundred|thousand|million|half|halve|double|twice|third|quarter|per cent|percent|dozen)\b",
    re.IGNORECASE)
_NUMBER = re.compile(r"(?<![A-Za-z0-9])\d+(?:[.,:]\d+)*(?![A-Za-z0-9])")
_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,5})s?\b")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def _forms(word: str) -> set[str]:
    """A word and its likely base forms (approves/approved/approving -> approve)."""
    forms = {word}
    for suffix, add in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.add(word[: -len(suffix)] + add)
    return forms


def _found(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases found in text, case-insensitively, as whole words with a plain ending
    (-s, -es, -ed, -d, -ing); a phrase ending in '*' matches any word starting with it."""
    folded = " ".join(text.casefold().split())
    found = []
    for phrase in phrases:
        stem = phrase.rstrip("*").casefold()
        ending = "" if phrase.endswith("*") else r"(?:s|es|ed|d|ing)?(?![a-z])"
        if re.search(r"(?<![a-z])" + re.escape(stem) + ending, folded):
            found.append(phrase)
    return found


def _sentence(text: str) -> str:
    """First letter upper case, a full stop at the end (the rest as written)."""
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def _quote(text: str, limit: int = 60) -> str:
    """'text' in quotes, shortened to ``limit`` characters, without its closing full stop."""
    text = " ".join(text.split()).rstrip(".")
    return f"'{text}'" if len(text) <= limit else f"'{text[: limit - 1].rstrip()}…'"


def has_time(text: str) -> bool:
    """True if the text holds a date or a time phrase ('14 March', 'Friday', 'next week', '2027')."""
    return bool(_TIME_PATTERNS.search(text))


def has_number(text: str) -> bool:
    """True if the text holds a number ('48', '30%', '7:30') or a number word ('half', 'twice').

    Digits inside a name ('Ward 7B', 'NEWS2') do not count: they are labels, not data.
    """
    return bool(_NUMBER.search(text)) or bool(_NUMBER_WORDS.search(text))


def duration(seconds: int) -> str:
    """45 -> '45 seconds'; 80 -> '1 minute 20 seconds'."""
    minutes, rest = divmod(int(seconds), 60)
    parts = []
    if minutes:
        parts.append(plural(minutes, "minute"))
    if rest or not minutes:
        parts.append(plural(rest, "second"))
    return " ".join(parts)


def leader_name_words(pitch: Pitch) -> list[str]:
    """The parts of the leader's name a pitch might use ('Dr James Whitfield' -> james, whitfield)."""
    return [w for w in _words(pitch.leader) if not is_honorific(w) and len(w) > 1]


# --------------------------------------------------------------------------- the rules


def ask_is_explicit(pitch: Pitch) -> Check:
    """The ask says what to do (an action verb), who does it and by when."""
    name = "The ask is clear: who does what, by when"
    if not pitch.ask:
        return Check("ask", name, False,
                     "There is no ask yet. Leaders say the single most useful thing is to be clear "
                     "about the ask: many want to be told exactly what is needed.",
                     "Write one sentence that says who does what by when, e.g. 'Could you come to "
                     "our 7:30 huddle on 14 March to launch the bundle?'")
    words = _words(pitch.ask)
    verbs = [w for w in words if _forms(w) & set(ACTION_VERBS)]
    names = leader_name_words(pitch)
    who = [w for w in words if w in ("you", "your", "yourself") or w in names]
    vague_words = {v for phrase in VAGUE_ASK_WORDS for v in phrase.split()}
    things = [w for w in words if len(w) > 2 and w not in STOPWORDS and w not in vague_words
              and w not in verbs[:1] and w not in names and not has_time(w)]
    if verbs:  # what the action is about usually comes after it
        after = words[words.index(verbs[0]) + 1:]
        things = sorted(things, key=lambda w: w not in after)
    by = pitch.ask_by.strip()
    vague_by = by.casefold().rstrip(".!") in VAGUE_TIMES
    when = (bool(by) and not vague_by) or has_time(pitch.ask)
    missing, fixes = [], []
    vague = _found(pitch.ask, VAGUE_ASK_WORDS)
    if not verbs:
        missing.append("an action" + (f" ('{vague[0]}' alone is not something a leader can do)" if vague else ""))
        fixes.append("start with what they will do: come, approve, release, fund, tell, sign...")
    elif not things:
        missing.append("a concrete thing to do" + (f" ('{vague[0]}' is not one)" if vague else ""))
        fixes.append("say what exactly: which meeting, decision, budget, form or hour")
    if not who:
        missing.append("who is to act")
        fixes.append("say who: 'Could you ...' or use their name")
    if not when:
        missing.append(f"a by-when ('{by}' is not a date)" if vague_by else "a by-when")
        fixes.append("add a date or a week in 'By when' (e.g. 'by Friday 14 March')")
    if not missing:
        return Check("ask", name, True,
                     f"Your ask has a who ('{who[0]}'), a what ('{verbs[0]} ... {things[0]}') and a by-when.")
    return Check("ask", name, False, "Your ask is missing " + " and ".join(missing) + ".",
                 _sentence("; ".join(fixes)))


def aim_is_measurable(pitch: Pitch) -> Check:
    """The aim says what will change, by how much (a number) and by when."""
    name = "The aim says how much and by when"
    if not pitch.aim:
        return Check("aim", name, False, "There is no aim yet.",
                     "Say what will change, by how much and by when, e.g. 'Reduce falls with harm on "
                     "Ward 7B by 30% within six months of the launch.'")
    number, when = has_number(pitch.aim), has_time(pitch.aim)
    if number and when:
        return Check("aim", name, True, "Your aim has a number (how much) and a date (by when).")
    missing = [part for part, ok in (("how much (a number)", number), ("by when (a date)", when)) if not ok]
    return Check("aim", name, False, "Your aim does not yet say " + " or ".join(missing) + ".",
                 "Add the missing part: a leader can repeat an aim with a number and a date "
                 "('by 30% within six months', 'from 61% to 80% by June').")


def priority_is_named(pitch: Pitch) -> Check:
    """An organisational priority is named."""
    name = "It is linked to an organisational priority"
    if pitch.priority:
        return Check("priority", name, True, f"You link it to {_quote(pitch.priority)}.")
    return Check("priority", name, False,
                 "No organisational priority is named, so the leader has to work out where this fits "
                 "among everything else they are asked to back.",
                 "Name the strategy, board objective or inspection finding this helps with, in the "
                 "organisation's own words.")


_AGE = re.compile(r"\b\d{1,3}[- ]year[- ]old\b", re.IGNORECASE)


def story_person(text: str) -> str:
    """The first word that shows a person in the story ('' if none): a person word, a pronoun or an age."""
    age = _AGE.search(text)
    if age:
        return age.group(0)
    people = set(PERSON_WORDS)
    return next((w for w in _words(text) if w in people), "")


def story_event(text: str) -> str:
    """The first verb in the past tense ('' if none): what happened."""
    irregular = set(IRREGULAR_PAST)
    for w in _words(text):
        if w in irregular or (w.endswith("ed") and len(w) > 4 and w not in ("need", "needed", "indeed", "red",
                                                                             "bed", "shed", "speed")):
            return w
    return ""


def story_is_present(pitch: Pitch, *, min_words: int = MIN_STORY_WORDS) -> Check:
    """A story with a person and what happened to them, in at least ``min_words`` words."""
    name = "There is a story: a person and what happened"
    count = word_count(pitch.story)
    person, event = story_person(pitch.story), story_event(pitch.story)
    if count >= min_words and person and event:
        return Check("story", name, True,
                     f"Your story has a person ('{person}') and something that happened ('{event}'), in "
                     f"{count} words: a moment the leader can picture.")
    if not count:
        why = "There is no story yet."
    else:
        gaps = [part for part, ok in ((f"at least {min_words} words (it has {count})", count >= min_words),
                                      ("a person the leader can picture", bool(person)),
                                      ("what happened to them (a verb in the past tense)", bool(event))) if not ok]
        why = "Your story does not yet have " + " or ".join(gaps) + "."
    return Check("story", name, False,
                 why + " Evidence alone goes only so far: a story helps a leader make sense of the change.",
                 "In two or three sentences: who, what happened, what it meant. Change details so "
                 "nobody can be identified.")


def has_a_number(pitch: Pitch) -> Check:
    """At least one number in the problem, the aim, the evidence or the story."""
    name = "There is at least one number"
    for field, label in (("evidence", "evidence"), ("problem", "problem"), ("aim", "aim"), ("story", "story")):
        if has_number(getattr(pitch, field)):
            return Check("number", name, True, f"There is a number in your {label}.")
    return Check("number", name, False,
                 "There is no number yet, so the leader cannot tell how big the problem is.",
                 "Add one number that shows the size of the problem (e.g. '64 falls last year, 11 "
                 "with harm') and say where it comes from.")


def speaking_time(pitch: Pitch, *, words_per_minute: int = WORDS_PER_MINUTE) -> Check:
    """The chosen template, said aloud at ``words_per_minute``, fits its target time."""
    target = TARGET_SECONDS[pitch.format]
    name = f"It fits the time ({_SHORT_NAMES[pitch.format]}: {duration(target)})"
    words = word_count(spoken_text(pitch))
    seconds = round(words * 60 / words_per_minute)
    limit = target * words_per_minute // 60
    rate = f"{words} words at {words_per_minute} words a minute (a rule of thumb: time yourself aloud)"
    if not words:
        return Check("time", name, False, "There is nothing to say yet.",
                     "Answer the prompts; the estimate updates as you type.")
    if seconds <= target:
        return Check("time", name, True, f"About {duration(seconds)}: {rate}.")
    return Check("time", name, False,
                 f"About {duration(seconds)}: {rate}; this template fits about {limit} words.",
                 f"Cut about {words - limit} words: keep one story, one or two numbers and the ask.")


@functools.lru_cache(maxsize=8)
def _jargon_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    parts = [re.escape(t).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?") for t in
             sorted(terms, key=len, reverse=True)]
    return re.compile(r"(?<![A-Za-z])(" + "|".join(parts) + r")s?(?![A-Za-z])", re.IGNORECASE)


def _jargon_key(found: str, terms: Iterable[str]) -> str:
    key = re.sub(r"[\s-]+", "", found).casefold()
    return next(t for t in terms if re.sub(r"[\s-]+", "", t).casefold() in (key, key.rstrip("s")))


def plain_words(pitch: Pitch, *, jargon: Mapping[str, str] = JARGON,
                known_acronyms: Iterable[str] = KNOWN_ACRONYMS) -> Check:
    """No jargon from ``jargon`` and no abbreviation left unexplained.

    An abbreviation (two or more capitals, e.g. 'HCA', 'NEWS2') counts as explained if it is in
    ``known_acronyms`` or appears in brackets next to its meaning: 'healthcare assistants (HCAs)'
    or 'HCA (healthcare assistant)'.
    """
    name = "Plain words: no jargon, abbreviations explained"
    text = spoken_text(pitch)
    found_jargon: list[str] = []
    if jargon:
        terms = tuple(jargon)
        for match in _jargon_pattern(terms).finditer(text):
            term = _jargon_key(match.group(1), terms)
            if term not in found_jargon:
                found_jargon.append(term)
    known = {a.upper() for a in known_acronyms} | {t.upper() for t in found_jargon}
    acronyms: list[str] = []
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        if sum(ch.isalpha() for ch in acronym) < 2 or acronym in known or acronym in acronyms:
            continue
        explained = re.search(r"\(\s*" + re.escape(acronym) + r"s?\s*\)|\b" + re.escape(acronym)
                              + r"s?\s*\(", text)
        if not explained:
            acronyms.append(acronym)
    if not found_jargon and not acronyms:
        return Check("plain_words", name, True, "No jargon or unexplained abbreviations found.")
    why, how = [], []
    if found_jargon:
        why.append("jargon: " + ", ".join(found_jargon))
        how += [f"say '{jargon[t]}' instead of '{t}'" for t in found_jargon[:3]]
    if acronyms:
        why.append("abbreviations not spelt out: " + ", ".join(acronyms))
        how.append("spell out each abbreviation the first time, e.g. 'healthcare assistants (HCAs)'")
    return Check("plain_words", name, False, "Flagged " + "; ".join(why) + ".",
                 _sentence("; ".join(how)))


def _content(text: str) -> set[str]:
    """The distinctive words of a text: no small or general words; long words cut to 6 letters."""
    return {w[:6] for w in _words(text) if len(w) >= 4 and w not in STOPWORDS and w not in GENERIC_WORDS}


def answers_concern(pitch: Pitch) -> list[str]:
    """Words of the leader's stated concern (``questions``) that the spoken pitch takes up again."""
    concern = _content(pitch.questions)
    said = " ".join(getattr(pitch, f) for f in ("their_values", "problem", "story", "evidence", "aim", "ask", "offer"))
    shared = concern & _content(said)
    return sorted(w for w in {word for word in _words(pitch.questions) if word[:6] in shared})


def tailored_to_leader(pitch: Pitch, *, advice: Mapping[str, Advice] | None = None) -> Check:
    """The pitch does what works with this leader's role and stance (see :data:`LEADER_ADVICE`).

    Judged from what the pitch says. For a resistor: their concern is written down (the
    ``questions`` answer) and the pitch answers it in its own words (at least one distinctive
    word of the concern comes back in what you say), so "I understand" alone does not pass.
    """
    table = LEADER_ADVICE if advice is None else advice
    kind = pitch.leader_kind
    if not kind:
        return Check("tailored", "It is tailored to the leader", False, "No leader is chosen yet.",
                     "Choose the leader you will pitch to: the advice depends on their role and stance.")
    tip = table[kind]
    name = f"It is tailored to {pitch.leader} ({kind})"
    interest = (f" Their interest is low ({pitch.leader_interest} of 5): open with the priority they "
                "care about." if pitch.leader_interest <= 2 else "")
    stance = f"stance {pitch.leader_stance:+d}"
    if kind == "resistor":
        if not pitch.questions:
            return Check("tailored", name, False,
                         f"For a resistor ({stance}): their concern is not written down yet, so the pitch cannot "
                         f"answer it.{interest}", tip.advice)
        echoed = answers_concern(pitch)
        if not echoed:
            return Check("tailored", name, False,
                         f"For a resistor ({stance}): the pitch does not yet answer the concern you wrote down "
                         f"({_quote(pitch.questions)}): none of its words comes back in what you say, so "
                         f"'I understand' is all they would hear.{interest}", tip.advice)
        return Check("tailored", name, True,
                     f"For a resistor ({stance}): the pitch answers their stated concern in its own words "
                     f"({', '.join(repr(w) for w in echoed[:3])}).{interest}", interest.strip())
    text = " ".join(getattr(pitch, field) for field in tip.look_in)
    signs = _found(text, tip.signs)
    ok = (not tip.signs and bool(text.strip())) or bool(signs)
    if ok:
        return Check("tailored", name, True, f"For a {kind} ({stance}): {tip.passed_why}{interest}",
                     interest.strip())
    return Check("tailored", name, False, f"For a {kind} ({stance}): {tip.failed_why}{interest}", tip.advice)


def two_way(pitch: Pitch) -> Check:
    """The other half of the conversation is prepared: their questions, your offer, a plan if they say no."""
    name = "It is two-way: their questions, your offer, a plan if they say no"
    parts = (("their likely questions and pressures", pitch.questions), ("what you will take off their plate",
                                                                         pitch.offer),
             ("what you will do if they say no", pitch.if_no))
    missing = [label for label, text in parts if word_count(text) < 3]
    if not missing:
        return Check("two_way", name, True,
                     "You have prepared for their questions, offered to take something off their plate and "
                     "planned what to do if they say no.")
    return Check("two_way", name, False,
                 "Not yet written: " + "; ".join(missing) + ". A pitch is a conversation: the leader will have "
                 "questions and other pressures, and may say no.",
                 "Put yourself in their chair: what will they ask, what can you do for them, and what is your "
                 "smaller ask or next move if the answer is no?")


def next_step_and_updates(pitch: Pitch) -> Check:
    """A next step and a cadence of updates are given."""
    name = "A next step and regular updates"
    missing = [label for label, text in (("a next step", pitch.next_step), ("how often you will update them",
                                                                            pitch.updates)) if not text]
    if not missing:
        return Check("follow_up", name, True, "You say what happens next and how you will keep them updated.")
    return Check("follow_up", name, False, "Not yet said: " + " and ".join(missing) + ".",
                 "Offer a small, dated next step that is yours, and concise, regular updates "
                 "(e.g. 'three lines by email every other Friday').")


FEEDBACK_COLUMNS: tuple[str, ...] = ("check", "passed", "why", "how_to_improve", "looks_for")

#: what each rule looks for, in plain words (shown with every check)
LOOKS_FOR: dict[str, str] = {
    "ask": ("a who ('you' or their name), a concrete what (an action and the thing it is about, not only "
            "'support') and a by-when (a date or time)"),
    "aim": "a number (how much) and a date (by when) in the aim",
    "priority": "an organisational priority named in the organisation's own words",
    "story": "a person the leader can picture and what happened to them (a past-tense verb), in 12 words or more",
    "number": "at least one number in the problem, aim, evidence or story (not the digits in a name)",
    "time": "how long the words of the template take to say at 130 words a minute",
    "plain_words": "jargon from the kit's list and abbreviations that are not spelt out",
    "tailored": ("what works for this kind of leader, in what the pitch says (for a resistor: their stated "
                 "concern answered in its own words)"),
    "two_way": "their likely questions and pressures, what you will take off their plate, your plan if they say no",
    "follow_up": "a next step and how often you will update them",
}


def pitch_feedback(pitch: Pitch, *, words_per_minute: int = WORDS_PER_MINUTE,
                   jargon: Mapping[str, str] = JARGON, known_acronyms: Iterable[str] = KNOWN_ACRONYMS,
                   min_story_words: int = MIN_STORY_WORDS,
                   leader_advice: Mapping[str, Advice] | None = None) -> pd.DataFrame:
    """The feedback checklist for a pitch: one row per rule.

    Parameters
    ----------
    pitch
        The pitch to check.
    words_per_minute
        The speaking rate for the time estimate (default 130, a rule of thumb).
    jargon, known_acronyms
        The jargon list (term -> plainer words) and the abbreviations never flagged; pass an
        extended copy to add your own, e.g. ``jargon={**JARGON, "huddle": "short team meeting"}``.
    min_story_words
        The fewest words that count as a story.
    leader_advice
        What works with each kind of leader (default :data:`LEADER_ADVICE`).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``rule`` (ask, aim, priority, story, number, time, plain_words, tailored,
        two_way, follow_up), with columns ``check`` (what is checked), ``passed`` (bool), ``why``
        (what the rule found), ``how_to_improve`` (empty when passed, unless there is a tip) and
        ``looks_for`` (what the rule looks for, in plain words).

    Notes
    -----
    Each rule is a small function in this module (see the table at the top); nothing is sent
    anywhere and no language model is used.

    Examples
    --------
    >>> table = pitch_feedback(Pitch(leader="Margaret Okafor", leader_role="sponsor"))
    >>> bool(table.loc["ask", "passed"]), table.loc["ask", "why"][:21]
    (False, 'There is no ask yet. ')
    """
    if not isinstance(pitch, Pitch):
        from ..errors import MapError, Problem
        raise MapError(Problem("", "Feedback needs a Pitch.",
                               "build one with qi_kit.Pitch.for_leader(my_map, 'Name', ask=...)."))
    checks = [
        ask_is_explicit(pitch), aim_is_measurable(pitch), priority_is_named(pitch),
        story_is_present(pitch, min_words=min_story_words), has_a_number(pitch),
        speaking_time(pitch, words_per_minute=words_per_minute),
        plain_words(pitch, jargon=jargon, known_acronyms=known_acronyms),
        tailored_to_leader(pitch, advice=leader_advice), two_way(pitch), next_step_and_updates(pitch),
    ]
    frame = pd.DataFrame([{"rule": c.rule, "check": c.check, "passed": c.passed, "why": c.why,
                           "how_to_improve": c.how_to_improve, "looks_for": LOOKS_FOR.get(c.rule, "")}
                          for c in checks])
    return frame.set_index("rule")


def map_advice(map: "StakeholderMap", name: str, *, table: pd.DataFrame | None = None) -> str:
    """What the map's advice ties say about pitching to ``name``, in one or two sentences.

    Uses the influence analysis (:func:`qi_kit.analysis.influence.influence_table`): how many
    people go to the leader for advice, whether they are a formal leader with little pull (then
    pair the ask with the map's informal leader), an informal leader, or both.

    Parameters
    ----------
    map
        The stakeholder map.
    name
        The leader (matched case-insensitively).
    table
        The map's influence table, if already computed (saves recomputing it for each leader).

    Examples
    --------
    >>> import qi_kit
    >>> map_advice(qi_kit.load_case("ward"), "Margaret Okafor")[:62]
    'On your map 1 person goes to Margaret Okafor for advice: their'
    """
    from ..analysis.influence import BOTH, FORMAL_ONLY, INFORMAL, influence_table, informal_leaders

    name = map.resolve(name)
    table = influence_table(map) if table is None else table
    row = table.loc[name]
    count = int(row["sought_out_by"])
    if count == 0:
        said = f"Nobody on your map goes to {name} for advice"
    else:
        said = f"On your map {plural(count, 'person goes', 'people go')} to {name} for advice"
    if row["leadership"] == FORMAL_ONLY:
        informal = [n for n in informal_leaders(map, table=table).index if n != name]
        pair = f", such as {informal[0]}" if informal else ""
        return (f"{said}: their title alone may not carry the change to the front line. Ask them to "
                f"act alongside someone people already listen to{pair}.")
    if row["leadership"] == BOTH:
        return f"{said}: their title and their network both carry weight, so what they do visibly counts twice."
    if row["leadership"] == INFORMAL:
        return f"{said}, more than their title suggests: their example will carry further than an instruction."
    return f"{said}."


def feedback_summary(table: pd.DataFrame) -> str:
    """One plain sentence: how many checks pass and what to do first."""
    passed = int(table["passed"].sum())
    total = len(table)
    if passed == total:
        return f"All {total} checks pass. Rehearse it aloud once and time yourself."
    first = table[~table["passed"]].iloc[0]
    todo = first["how_to_improve"] or first["why"]
    return f"{passed} of {total} checks pass. Start with '{first['check']}': {todo}"
