"""Plain-language meanings of every column and term the kit's analysis shows, in one place.

``TERMS`` is one dict, term -> one sentence, so notebooks, widgets and table headers all say the
same thing. Other parts of the kit add their own terms to the same dict (keep each meaning to one
line a ward manager would understand, and say which way is "more").

The sentence helpers below (``kind_phrase``, ``authority_phrase``, ...) build the one-line
reasons the analysis functions attach to each person, so the wording lives here too.
"""

from __future__ import annotations

from typing import Iterable

from .errors import MapError, Problem, suggest
from .text import count_of, fold, names_list, number_of, plural  # noqa: F401  (glossary.plural etc. keep working)

TERMS: dict[str, str] = {
    # -- the influence table (qi_kit.influence_table)
    "name": "The person's name as it is on the map.",
    "title": "Their job title.",
    "unit": "Their team, ward or department.",
    "role": ("The engagement role the team gave them: sponsor, day-to-day leader, champion, change team, "
             "patient partner, influencer, resistor or blank."),
    "authority": "Formal decision power from the map (0 none ... 5 can approve or stop the project): "
                 "what the title gives, not what people do.",
    "influence": "How much the team rated others listen to them (0-5), a judgement to compare with the network numbers.",
    "stance": "Their view of the change as the team sees it: -2 opposes, 0 neutral, +2 champions (a guess to check).",
    "sought_out_by": "How many colleagues go to this person (for the kind of tie chosen): "
                     "the simplest sign of informal influence.",
    "sought_out_share": "The share of everyone else on the map who go to this person (0 = nobody, 1 = everyone).",
    "sought_out_strength": "Like sought_out_by, but strong ties count 3, regular 2, occasional 1.",
    "by_chance": "The chance that random ties (as many as the map has) would make this many colleagues go to one "
                 "person: under 1 in 100, with at least 3 colleagues, is the evidence of a leader.",
    "goes_to": "How many colleagues this person goes to themselves.",
    "influence_of_influence": "Being sought out by people who are themselves sought out (PageRank): "
                              "the share of all the map's listening that ends up with this person; higher = more.",
    "pull": "Network pull from 0 to 1: how many go to this person compared with the most sought-out person, "
            "raised half-way towards influence_of_influence when those who go to them are sought out themselves.",
    "formal_level": "Authority divided by 5, so it can be compared with pull (both 0 to 1).",
    "gap": "Pull minus formal level: above 0, people listen to them more than their title suggests; "
           "below 0, their title carries more weight than their network.",
    "leadership": "Where they sit: informal leader (at least 3 colleagues go to them, more than chance would give; "
                  "authority 0-2), formal and informal leader, formal leader with little pull, not enough ties to say, "
                  "or blank.",
    "not enough ties to say": "Said instead of a label when the map has fewer ties of this kind than people: a missing "
                              "tie may then mean 'not recorded', not 'nobody goes to them'.",
    "label rules": "Every label the kit gives a person, with its rule and its source: qi_kit.label_rules().",
    "betweenness": "How often this person sits on the shortest chain between two others (0 to 1): "
                   "a broker whose absence would make messages take longer routes.",
    "closeness": "How few steps this person's influence needs to reach the others who (indirectly) listen to them "
                 "(0 to 1; higher = closer).",
    "constraint": "Burt's constraint: how much this person's contacts all know each other, from near 0 (a broker) "
                  "to 1 (one contact) and a little above (a few contacts closely tied); blank = no ties.",
    "reach_2_steps": "How many people listen to this person directly or through one other person: "
                     "how far their word can travel in two steps.",
    "reach_2_steps_share": "The reach_2_steps count as a share of everyone else on the map.",
    "cluster": "The number of the close-knit group (cluster) this person belongs to; 1 is the largest.",
    "cluster_name": "A readable name for the cluster: its most common unit or job title.",
    "reason": "One plain sentence saying why this person is on the list, built from the numbers.",
    # -- brokers and single points of failure
    "broker": "Someone who links people or groups who are not linked directly, so ideas pass through them.",
    "coordinator": "Links two colleagues inside their own unit (Gould-Fernandez brokerage).",
    "gatekeeper": "Brings ideas from outside into their own unit: they listen to an outsider and their own "
                  "colleagues listen to them.",
    "representative": "Carries their own unit's ideas out: they listen to their own colleagues and people in "
                      "another unit listen to them.",
    "consultant": "An outsider who links two people in the same other unit (also called itinerant broker).",
    "liaison": "Links two units that are neither their own: the bridge between separate parts of the organisation.",
    "brokerage_total": "How many two-step links (X listens to them, they listen to Y, X does not listen to Y) "
                       "pass through this person.",
    "only_link_between": "Pairs of units that no chain of ties of any length would join without this person "
                         "(checked by removing them).",
    "articulation_point": "A person whose leaving would split the map: some people would lose their only link.",
    "cut_off_if_they_leave": "The people who would have no link to the rest of the map if this person left.",
    "key_players": "The k people whose loss would leave the most pairs unable to reach each other, or who together "
                   "reach the most people within two steps (Borgatti's key-player problem).",
    "fragmentation": "The share of pairs of people who could no longer reach each other (0 = all linked, "
                     "1 = nobody linked).",
    "cut_off": "How many people would lose every link to someone they can reach now, if the key players left.",
    "reached": "How many people listen to the group directly or through one other person.",
    # -- clusters and quiet voices
    "silo": "A cluster with few ties to the rest of the map: ideas stay inside it.",
    "ties_inside": "Ties between members of the same cluster.",
    "ties_outside": "Ties from members of this cluster to people in other clusters.",
    "inside_share": "The share of a cluster's ties that stay inside it (near 1 = a silo).",
    "quiet_voice": "A person or group nobody seeks out, or who is missing from the map: a voice that may not "
                   "be heard, flagged for discussion, not judged.",
    "isolate": "A person with no ties of the chosen kind at all.",
    # -- paths and coverage
    "influence_path": "A chain of people who listen to each other, by which an idea can travel from one person "
                      "to another.",
    "route_strength": "The strongest route is the one whose weakest tie is strongest; then the fewest steps, the most "
                      "strength in all, and the people first on the map.",
    "strength": "A route's ties' strengths added up (strong 3, regular 2, occasional 1).",
    "disjoint routes": "Routes that share nobody between the two ends: if one person drops out, the others still "
                       "carry the idea.",
    "bottleneck": "A person on every route from the source to the target: if they are not on board, the idea "
                  "cannot get through.",
    "weakest_step": "The weakest tie on a route (1 occasional, 2 regular, 3 strong).",
    "coverage": "The people a small group can reach within two steps of listening.",
    "first to engage": "The fewest people who together reach everyone within two steps, whatever their view of the "
                       "change: the first people to engage if the word should reach everyone.",
    # -- spread simulation
    "threshold model": "Share threshold: a person takes up the change once a quarter of the people they listen to "
                       "have, so one colleague is enough for someone who listens to four or fewer.",
    "complex model": "Complex contagion (Centola & Macy): a person takes up the change once at least 2 of the people "
                     "they listen to have; one colleague is never enough.",
    "cascade model": "Independent cascade: each person who takes up the change gets one chance to convince each "
                     "person who listens to them (simple contagion: one contact can be enough).",
    "adopted": "How many people have taken up the change by this round (the seeds included).",
    "adopted_share": "The adopted count as a share of everyone on the map.",
    "seeds": "The people the change team engages first.",
    "strategy": "How the first people to engage were chosen: formal leaders (authority 3-5 only), informal leaders, "
                "brokers, or a random group; the same people under two names are merged.",
    "best strategy": "Said only when a strategy's lead over the next is larger than that lead varies from run to run, "
                     "over at least 20 runs; otherwise the result is a tie.",
    # -- three methods side by side (qi_kit.leader_methods)
    "nominations": "Sought out: at least 3 colleagues go to them, more than chance would give (the sociometric method).",
    "position": "Formal leader: authority 3 or more on the 0-5 scale (the positional method).",
    "team_rating": "The influence the team gave this person on the map (0-5), their own judgement.",
    "team_says": "Influential when the team rated them 4 or 5 of 5.",
    "agree": "Whether the nominations on the map and the team's rating say the same (blank: one cannot say).",
    "low": "In 9 of 10 simulated runs at least this many had adopted (10th percentile).",
    "high": "In 9 of 10 simulated runs at most this many had adopted (90th percentile).",
    "round": "One step of the simulation: everyone checks the people they listen to once.",
}


def explain(term: str) -> str:
    """The one-line plain-language meaning of a column or term.

    Parameters
    ----------
    term
        A column name of an analysis table (``"betweenness"``) or a term (``"gatekeeper"``);
        case and spaces/underscores do not matter.

    Returns
    -------
    str
        One sentence.

    Raises
    ------
    MapError
        For an unknown term, with a "did you mean" and the list of known terms.

    Examples
    --------
    >>> explain("sought_out_by")[:37]
    'How many colleagues go to this person'
    """
    key = _key(term)
    for known, meaning in TERMS.items():
        if _key(known) == key:
            return meaning
    hint = suggest(str(term), TERMS)
    raise MapError(Problem("", f"'{term}' is not a term the kit explains.",
                           f"{hint}Known terms: {', '.join(TERMS)}."))


def explain_columns(columns: Iterable[str]) -> dict[str, str]:
    """The meanings of the known columns among ``columns`` (unknown ones are left out)."""
    keys = {_key(k): v for k, v in TERMS.items()}
    return {c: keys[_key(c)] for c in columns if _key(c) in keys}


def _key(term: object) -> str:
    return fold(term, how="choice").replace(" ", "_")


# --------------------------------------------------------------------------- sentence pieces

#: "N colleagues <phrase>" for each kind of tie, ``{name}`` being the person listened to
KIND_PHRASES: dict[str, str] = {
    "advice": "go to {name} for advice",
    "trust": "trust {name}",
    "information": "get information from {name}",
    "resources": "get resources from {name}",
    "reports_to": "report to {name}",
}
#: one person listening to another, for route sentences: "{who} <phrase>"
STEP_PHRASES: dict[str, str] = {
    "advice": "goes to {name} for advice",
    "trust": "trusts {name}",
    "information": "gets information from {name}",
    "resources": "gets resources from {name}",
    "reports_to": "reports to {name}",
}
#: the kinds of tie as nouns, for "go to Rosa for advice or trust"
KIND_NOUNS: dict[str, str] = {"reports_to": "line management"}
STRENGTH_WORDS: dict[int, str] = {1: "occasional", 2: "regular", 3: "strong"}


def kind_phrase(kinds: Iterable[str], name: str) -> str:
    """'go to Rosa for advice', or for several kinds 'go to Rosa for advice or trust'."""
    kinds = list(kinds)
    if len(kinds) == 1:
        return KIND_PHRASES[kinds[0]].format(name=name)
    return f"go to {name} for {kinds_words(kinds)}"


def step_phrase(kinds: Iterable[str], name: str, *, joiner: str = "and") -> str:
    """'trusts Rosa'; with several kinds 'goes to Rosa for advice and trust' (or ``joiner='or'``)."""
    kinds = list(kinds)
    if len(kinds) == 1:
        return STEP_PHRASES[kinds[0]].format(name=name)
    return f"goes to {name} for {kinds_words(kinds, joiner=joiner)}"


def how_many(count: int, total: int, kinds: Iterable[str], name: str) -> str:
    """'11 of 20 colleagues go to Rosa for advice', 'no colleague goes to Tom for advice'."""
    kinds = list(kinds)
    if count == 0:
        return f"no colleague {step_phrase(kinds, name, joiner='or')}"
    if count == 1:
        return f"1 of {total} colleagues {step_phrase(kinds, name, joiner='or')}"
    return f"{count_of(count, total)} {kind_phrase(kinds, name)}"


def kinds_words(kinds: Iterable[str], *, joiner: str = "or") -> str:
    """'advice', 'advice or trust', 'advice, trust or information' for sentences about ties."""
    words = [KIND_NOUNS.get(k, k.replace("_", " ")) for k in kinds]
    if len(words) <= 2:
        return f" {joiner} ".join(words)
    return f"{', '.join(words[:-1])} {joiner} {words[-1]}"


def a_or_an(word: str) -> str:
    """'an' before a vowel sound ('an advice tie'), otherwise 'a'."""
    return "an" if word[:1].casefold() in "aeiou" and word else "a"


def authority_phrase(authority: int) -> str:
    """How much formal authority, in words."""
    if authority <= 0:
        return "no formal authority"
    if authority <= 2:
        return f"little formal authority ({authority} of 5)"
    return f"formal authority {authority} of 5"


def date_words(day: object) -> str:
    """A date as the kit writes every date, in every widget, export and draft: ``"Mon 12 Jan 2026"``.

    Takes a ``date``, a ``datetime`` or ISO text (``"2026-01-12"``, as the kit stores dates);
    empty stays empty, and text that is not a date is returned as it is.

    >>> date_words("2026-01-12"), date_words(""), date_words("next week")
    ('Mon 12 Jan 2026', '', 'next week')
    """
    import datetime as dt

    if isinstance(day, dt.datetime):
        day = day.date()
    if not isinstance(day, dt.date):
        text = "" if day is None else str(day).strip()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return text
    # written out by hand: strftime's names and padding change with the machine's locale
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    months = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
    return f"{days[day.weekday()]} {day.day} {months[day.month - 1]} {day.year}"


def tie_sentence(source: str | None, target: str | None, kind: str, strength: int) -> str:
    """How a tie reads in words (the map editor's sentence under its tie form).

    >>> tie_sentence("Tom", "Rosa", "advice", 3)
    'Tom goes to Rosa for advice (strong).'
    >>> tie_sentence(None, "Rosa", "trust", 1)
    '(pick a person) trusts Rosa (occasional).'
    """
    sentence = f"{source or '(pick a person)'} {step_phrase([kind], target or '(pick a person)')}"
    return f"{sentence} ({STRENGTH_WORDS.get(strength, strength)})."
