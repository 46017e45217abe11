"""Engagement roles (sponsor, day-to-day leader, champion, influencer, resistor...), with the reason for each.

The roles are the ones improvement toolkits use (see :data:`ROLE_MEANINGS`, with sources). Who
holds a role comes, in this order, from the participant's choice in the planner, the role typed
on the map (in the editor or the spreadsheet), and a short, readable suggestion from the ratings
and ties (see :func:`suggest_roles`), so a person's role is the same in every view. A participant
can see why the kit proposed a role, and can override it; overrides are kept.

Use the roles with care: "resistor" describes where someone stands *today* on *this* change,
often for good reasons. The commitment chart (:func:`commitment_chart`) says the same thing more
usefully: what the project needs from them. The change team (the day-to-day leader, champions,
other members and the patient partner) are partners in the change, not audiences for it.
"""

from __future__ import annotations

import math
from typing import Any, Mapping

import pandas as pd

from ..choices import choose
from ..errors import Problem, suggest
from ..model import CHANGE_TEAM_ROLES, ROLE_ALIASES, ROLES, StakeholderMap, raise_if_problems
from ..text import fold, word_for

#: thresholds of the rule, in one place (ratings are on the kit's 0-5 scale)
SPONSOR_AUTHORITY = 4      # can approve or stop the project
SPONSOR_INTEREST = 3       # and cares about it (a sponsor who is not interested will not clear barriers)
HIGH = 4                   # a high rating
LEAD_KINDS = ("advice", "trust")  # "takes their lead from": goes to them for advice or trust
BLOCKING_POWER = 3         # enough pull to block a change or sway others
LEADER_INTEREST = 4       # the day-to-day leader cares about the change more than most
INFLUENCE_GAP = 3          # rated influence this far above authority: pull beyond the title
SOUGHT_OUT_SHARE = 1 / 3   # a third of colleagues go to them: a clear informal leader
ROLE_COLUMNS = ("name", "title", "authority", "influence", "sought_out_share", "interest", "stance",
                "suggested", "reason", "role", "source", "on_map")
#: where a role in use comes from (the ``source`` column)
YOUR_CHOICE, ON_MAP, SUGGESTED = "your choice", "on the map", "suggested"
#: roles one person holds: a second holder on the map or by choice stops the kit suggesting another
ONE_HOLDER = ("sponsor", "day-to-day leader")

#: what each role means, in the words of the toolkits the kit follows
ROLE_MEANINGS: dict[str, str] = {
    "sponsor": ("a senior leader who owns the aim, takes responsibility for the project's success, links it "
                "to the organisation's priorities, and clears barriers and finds resources (IHI's executive "
                "sponsor)"),
    "day-to-day leader": ("leads the change team and the work day to day: makes sure tests happen, the data "
                          "are collected and the team meets (IHI's day-to-day leader; often a QI lead or "
                          "project lead)"),
    "champion": ("a colleague who promotes the change among peers, shows it working on shift and brings "
                 "back what gets in the way; on NHS wards often a link nurse (for example a falls link "
                 "nurse)"),
    "change team": "another member of the team doing the improvement, for example a clinical expert",
    "patient partner": ("a patient, carer or family member who is a full partner on the change team: "
                        "'nothing about me without me'"),
    "influencer": ("an informal or opinion leader: colleagues listen to them and copy what they do, "
                   "whatever their title"),
    "resistor": ("against the change today, often for a reason worth hearing: the project needs them at "
                 "least to let it happen"),
}
#: where the meanings come from
ROLE_SOURCES: tuple[str, ...] = (
    "Institute for Healthcare Improvement, Model for Improvement: Forming the Team (executive sponsor, "
    "system leader, technical expertise, day-to-day leader; people with lived experience on the team).",
    "Working with Leaders, a QI toolkit page (source 000): sponsor, champion, influencer, (initially) resistor.",
    "Northern Ireland Practice and Education Council (2018). Review of the role of Link Nurses in HSC "
    "Trusts; Miech EJ et al. (2018). Inside help: an integrative review of champions in healthcare-related "
    "implementation. SAGE Open Medicine 6 (champions and link nurses).",
    "Valente TW, Pumpuang P (2007). Identifying opinion leaders to promote behavior change. Health Educ "
    "Behav 34(6):881-896 (influencers as opinion leaders).",
    "Leadership Practice #2: Partnerships, a blog accompanying IHI's Framework for Improving Joy in Work "
    "(2017, source 003): 'nothing about me without me'.",
)


def is_change_team(role: str) -> bool:
    """True for the roles of the people who make the change together (partners, not audiences).

    >>> is_change_team("patient partner"), is_change_team("sponsor")
    (True, False)
    """
    return role in CHANGE_TEAM_ROLES


def change_team(roles: Mapping[str, str]) -> list[str]:
    """The people whose role puts them on the change team, in the order given."""
    return [name for name, role in roles.items() if is_change_team(role)]

_NO_ROLE = {"", "none", "no role", "-", "(none)"}


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


def _network_shares(m: StakeholderMap, kind: str) -> dict[str, float] | None:
    """Share of colleagues who go to each person (from the analysis module), or None if unavailable."""
    if kind not in m.kinds():
        return None
    try:
        from ..analysis.influence import influence_table
    except ImportError:  # the analysis module is optional for the engagement plan
        return None
    table = influence_table(m, kind=kind)
    return {str(name): float(share) for name, share in table["sought_out_share"].items()}


def suggest_roles(m: StakeholderMap, *, overrides: Mapping[str, str] | None = None, network: bool = True,
                  kind: str = "advice", sought_out: float = SOUGHT_OUT_SHARE, map_roles: bool = True) -> pd.DataFrame:
    """The engagement role of each person: your choice, else the role on the map, else a suggestion.

    Parameters
    ----------
    m
        The stakeholder map.
    overrides
        The participant's choices, name -> role (``""`` for no role). They win over everything
        and are marked ``"your choice"`` in ``source``.
    network
        Also count who colleagues go to (``sought_out_share`` from
        :func:`qi_kit.analysis.influence_table`) as informal influence. Ignored when the map has
        no ties of ``kind``.
    kind
        The kind of tie that shows informal influence (``"advice"`` by default).
    sought_out
        The share of colleagues going to someone that counts as clear informal influence
        (a third by default).
    map_roles
        Start from the roles typed on the map (the editor's ``role`` field), marked
        ``"on the map"`` (default). With False, the roles in use are the suggestions and the
        overrides only.

    Returns
    -------
    pandas.DataFrame
        One row per person, in map order: ``name``, ``title``, ``authority``, ``influence``,
        ``sought_out_share`` (NaN without network data), ``interest``, ``stance``,
        ``suggested``, ``reason``, ``role`` (the role in use), ``source`` (``"your choice"``,
        ``"on the map"`` or ``"suggested"``) and ``on_map`` (the role recorded on the map).

    Raises
    ------
    MapError
        If an override names someone not on the map or a role the kit does not know.

    Notes
    -----
    The suggestion, first match wins ("pull" = the higher of authority and rated influence,
    counted as 4 when at least ``sought_out`` of colleagues go to the person):

    1. **Sponsor** - the one supporter (stance +1 or +2) who cares about the change (interest
       3+) with the most formal authority, if that authority is 4 or 5 (ties: more interest,
       then map order).
    2. **Resistor** - against the change today (stance -1 or -2) with pull 3 or more: enough
       to block it or sway others. Someone who takes their lead (goes for advice or trust) from
       a stronger opponent is not suggested: engage them through the person they follow.
    3. **Influencer** - informal pull far beyond their formal position: rated influence 4+ and
       at least 3 points above authority, or sought out by at least ``sought_out`` (a third)
       of colleagues while their authority is 2 or less.
    4. **Day-to-day leader** - the one person actively for the change (stance +2) who cares
       about it most (interest 4+; ties: more authority, then more influence) and has some
       standing to lead the team (authority or influence 2+).
    5. Otherwise no particular role: engage them by their grid quadrant. Champions, other
       change-team members and the patient partner are never guessed from ratings (the team
       knows who they are): a frontline supporter is pointed out as a possible champion.

    The role in use is the override, else the role on the map, else the suggestion. A
    suggested sponsor or day-to-day leader is not used when someone else holds that role by
    your choice or on the map: a project has one of each.

    References
    ----------
    See :data:`ROLE_SOURCES` (IHI's Forming the Team; "Working with Leaders", source 000;
    champions and link nurses; Valente and Pumpuang (2007) on opinion leaders).

    Examples
    --------
    >>> from qi_kit import load_case
    >>> roles = suggest_roles(load_case("ward")).set_index("name")
    >>> roles.loc["Margaret Okafor", "suggested"], roles.loc["Rosa Delgado", "suggested"]
    ('sponsor', 'influencer')
    >>> roles.loc["Emily Watson", ["role", "source"]].tolist()
    ['champion', 'on the map']
    """
    shares = _network_shares(m, kind) if network else None
    people = m.people.to_dict("records")
    for p in people:
        p["share"] = shares.get(p["name"], 0.0) if shares is not None else math.nan
    sponsor = _pick_one(people, _is_sponsor, lambda p: (p["authority"], p["interest"]))
    followed = _followed(m, people, sponsor, sought_out)
    early = {p["name"]: _early_role(p, sponsor, followed, sought_out) for p in people}
    leader = _pick_one([p for p in people if not early[p["name"]]], _is_leader,
                       lambda p: (p["interest"], p["authority"], p["influence"]))
    rows = []
    for p in people:
        role = early[p["name"]] or ("day-to-day leader" if p["name"] == leader else "")
        rows.append({"name": p["name"], "title": p["title"], "authority": p["authority"],
                     "influence": p["influence"], "sought_out_share": p["share"],
                     "interest": p["interest"], "stance": p["stance"], "suggested": role,
                     "reason": _reason(p, role, kind, followed.get(p["name"])), "role": role, "source": SUGGESTED,
                     "on_map": p["role"]})
    table = pd.DataFrame(rows, columns=list(ROLE_COLUMNS)).astype({"sought_out_share": "float64"})
    table.attrs["map_roles"] = map_roles
    return apply_role_overrides(table, overrides or {})


def _pick_one(people: list[dict[str, Any]], eligible: Any, rank: Any) -> str | None:
    """The eligible person ranking highest (ties: earlier on the map), or None."""
    ranked = [(*rank(p), -i, p["name"]) for i, p in enumerate(people) if eligible(p)]
    return max(ranked)[-1] if ranked else None


def _is_sponsor(p: dict[str, Any]) -> bool:
    return p["stance"] >= 1 and p["authority"] >= SPONSOR_AUTHORITY and p["interest"] >= SPONSOR_INTEREST


def _is_leader(p: dict[str, Any]) -> bool:
    return (p["stance"] >= 2 and p["interest"] >= LEADER_INTEREST
            and max(p["authority"], p["influence"]) >= 2 and p["role"] != "patient partner")


def _possible_champion(p: dict[str, Any]) -> bool:
    """A supporter on the front line who cares about the change: someone to ask to champion it."""
    return p["stance"] >= 1 and p["interest"] >= 3 and p["authority"] <= 2 and p["role"] != "patient partner"


def _sought(p: dict[str, Any], sought_out: float) -> bool:
    return not math.isnan(p["share"]) and p["share"] >= sought_out


def _pull(p: dict[str, Any], sought_out: float) -> int:
    """Authority or influence, whichever is higher; HIGH when colleagues clearly go to them."""
    return max(p["authority"], p["influence"], HIGH if _sought(p, sought_out) else 0)


def _opposes_with_pull(p: dict[str, Any], sought_out: float) -> bool:
    return p["stance"] < 0 and _pull(p, sought_out) >= BLOCKING_POWER


def _followed(m: StakeholderMap, people: list[dict[str, Any]], sponsor: str | None,
              sought_out: float) -> dict[str, str]:
    """Opponents with pull who take their lead from a stronger opponent: name -> that opponent.

    Opponents are taken strongest first (pull, then how strongly they oppose, then map order);
    one who goes for advice or trust to an opponent already taken follows them.
    """
    candidates = sorted((p for p in people if p["name"] != sponsor and _opposes_with_pull(p, sought_out)),
                        key=lambda p: (-_pull(p, sought_out), p["stance"]))
    ties = m.ties
    leads = ties[ties["kind"].isin(LEAD_KINDS)].groupby("source")["target"].agg(set).to_dict()
    leaders: list[str] = []
    followed: dict[str, str] = {}
    for p in candidates:
        lead = next((q for q in leaders if q in leads.get(p["name"], set())), None)
        if lead is None:
            leaders.append(p["name"])
        else:
            followed[p["name"]] = lead
    return followed


def _early_role(p: dict[str, Any], sponsor: str | None, followed: Mapping[str, str], sought_out: float) -> str:
    """Rules 1-3 of the decision list: sponsor, resistor, influencer (or "")."""
    authority, influence = p["authority"], p["influence"]
    if p["name"] == sponsor:
        return "sponsor"
    if _opposes_with_pull(p, sought_out) and p["name"] not in followed:
        return "resistor"
    if ((influence >= HIGH and influence - authority >= INFLUENCE_GAP)
            or (_sought(p, sought_out) and authority <= 2)):
        return "influencer"
    return ""


def _reason(p: dict[str, Any], role: str, kind: str, follows: str | None) -> str:
    """The plain-language reason for a suggestion."""
    authority, influence, stance, interest = p["authority"], p["influence"], p["stance"], p["interest"]
    asked = (f"; {p['share']:.0%} of colleagues go to them for {kind.replace('_', ' ')}"
             if not math.isnan(p["share"]) and p["share"] > 0 else "")
    ratings = f"authority {authority}, influence {influence}{asked}"
    if role == "sponsor":
        return (f"Supports the change (stance {_signed(stance)}) and has the most formal authority of its "
                f"supporters ({authority} of 5): can approve the project and clear barriers.")
    if role == "resistor":
        view = "Opposes" if stance <= -2 else "Is sceptical of"
        return (f"{view} the change today (stance {_signed(stance)}) and has the pull to block it or sway "
                f"others ({ratings}). The project needs them at least to 'let it happen': listen first.")
    if role == "influencer":
        return (f"Colleagues listen to them far more than their title suggests ({ratings}): an informal "
                "leader whose lead others follow.")
    if role == "day-to-day leader":
        return (f"The strongest supporter with the standing to lead the change team day to day: actively for "
                f"the change (stance {_signed(stance)}), it matters most to them (interest {interest}) and "
                f"they have the standing to lead it ({ratings}).")
    if follows:
        return (f"Against the change today too (stance {_signed(stance)}, {ratings}), but takes their lead "
                f"from {follows}: engage them alongside {follows}, whose view they follow.")
    if _is_sponsor(p):
        return (f"Also supports the change with high authority ({ratings}): a possible second sponsor "
                "(choose 'sponsor' if so).")
    if _is_leader(p):
        return (f"Also strongly for the change (stance {_signed(stance)}, interest {interest}): a possible "
                "member of the change team (choose 'change team' if so).")
    if _possible_champion(p):
        return (f"Supports the change and works close to it ({ratings}, interest {interest}): a possible "
                "champion, for example a link nurse who promotes it among colleagues (ask them; choose "
                "'champion' if they agree).")
    if stance >= 1 and authority >= SPONSOR_AUTHORITY:
        return (f"Supports the change and has high authority ({ratings}), but it matters little to them "
                f"(interest {interest}): keep them satisfied rather than ask them to sponsor it.")
    return f"No particular role suggested ({ratings}, interest {interest}, stance {_signed(stance)})."


def role_value(text: Any, *, where: str = "role", problems: list[Problem] | None = None) -> str | None:
    """A role from text ("Sponsor", "none", ""), or None with a Problem (raised unless ``problems``)."""
    aliases = {**ROLE_ALIASES, **dict.fromkeys(_NO_ROLE, "")}
    return choose(text, ROLES, what="a role the kit knows", where=where, aliases=aliases,
                  problems=problems, also=", or leave it blank")


def apply_role_overrides(table: pd.DataFrame, overrides: Mapping[str, str] | None) -> pd.DataFrame:
    """The role table with the roles in use: your choice, else the role on the map, else the suggestion.

    Every bad name or role in ``overrides`` is listed at once. The map's roles are used unless
    the table was made with ``map_roles=False``.
    """
    problems: list[Problem] = []
    by_fold = {n.casefold(): n for n in table["name"]}
    chosen: dict[str, str] = {}
    for name, role in (overrides or {}).items():
        where = f"your role for '{name}'"
        exact = by_fold.get(fold(name))
        if exact is None:
            hint = suggest(str(name), table["name"])
            problems.append(Problem(where, f"'{name}' is not on this map.",
                                    f"{hint}Pick a name from the people table."))
            continue
        value = role_value(role, where=where, problems=problems)
        if value is not None:
            chosen[exact] = value
    raise_if_problems(problems)
    new = table.copy()
    new.attrs = dict(table.attrs)
    use_map = table.attrs.get("map_roles", True)
    roles, sources = [], []
    for name, suggested, on_map in zip(new["name"], new["suggested"], new["on_map"]):
        if name in chosen:
            roles.append(chosen[name]), sources.append(YOUR_CHOICE)
        elif use_map and on_map:
            roles.append(on_map), sources.append(ON_MAP)
        else:
            roles.append(suggested), sources.append(SUGGESTED)
    for role in ONE_HOLDER:  # one sponsor and one day-to-day leader: a chosen one beats a suggested one
        held = any(r == role and src != SUGGESTED for r, src in zip(roles, sources))
        if held:
            roles = ["" if r == role and src == SUGGESTED else r for r, src in zip(roles, sources)]
    new["role"] = roles
    new["source"] = sources
    return new


def known_overrides(m: StakeholderMap, overrides: Mapping[str, str] | None) -> dict[str, str]:
    """Only the overrides for people still on the map (saved choices survive edits to the map)."""
    return {m.resolve(n): r for n, r in (overrides or {}).items() if n in m}


def final_roles(m: StakeholderMap, overrides: Mapping[str, str] | None = None, **options: Any) -> dict[str, str]:
    """Name -> role actually used: the participant's choice where there is one, else the suggestion."""
    table = suggest_roles(m, overrides=overrides, **options)
    return dict(zip(table["name"], table["role"]))


def roles_line(table: pd.DataFrame) -> str:
    """Who holds each role, in one line: "Sponsor: A; champions: B, C; ..." ("" when nobody does)."""
    parts = []
    for role in ROLES:
        names = table.loc[table["role"] == role, "name"].tolist()
        if names:
            label = role if len(names) == 1 or role == "change team" else role + "s"
            parts.append(f"{label}: {', '.join(names)}")
    line = "; ".join(parts)
    return line[:1].upper() + line[1:]


def roles_summary(table: pd.DataFrame) -> str:
    """One plain paragraph: who holds each role, and a reminder that roles are a starting point."""
    line = roles_line(table)
    if not line:
        return "No roles suggested yet: add ratings (authority, influence, interest, stance) to the map."
    no_sponsor = "" if (table["role"] == "sponsor").any() else (
        " There is no sponsor yet: who could approve the project and clear barriers?")
    chosen = int((table["source"] == YOUR_CHOICE).sum())
    recorded = int((table["source"] == ON_MAP).sum())
    yours = f" {chosen} of these {word_for(chosen, 'is', 'are')} your own choice." if chosen else ""
    yours += f" {recorded} {word_for(recorded, 'comes', 'come')} from the roles on the map." if recorded else ""
    return (f"{line}.{no_sponsor}{yours} Roles describe where people stand today on this change: a starting "
            "point for conversations, not labels.")
