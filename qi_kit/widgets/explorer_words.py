"""What the network explorer says, as safe HTML: a person's card, the overlays, the routes, "who first?".

Pure functions of the analyses (:class:`~qi_kit.state.explorer.Findings` and the tables of
:mod:`qi_kit.analysis`): every value is escaped before it becomes HTML.
"""

from __future__ import annotations

from typing import Any, Sequence

import pandas as pd

from ..analysis.influence import BOTH
from ..analysis.labels import NOT_ENOUGH, what_is_missing
from ..analysis.spread import MODEL_WORDS
from ..export import bullet_list, html_table
from ..glossary import explain, how_many, kinds_words
from ..state.explorer import CARD_NUMBERS, ROUTE_NAMES, Findings
from ._common import esc


def person_card(findings: Findings, name: str) -> str:
    """A person's card as safe HTML: who they are, why they matter (plain sentences), their numbers.

    Every value comes from the analysis tables and is escaped.
    """
    m = findings.map
    person = m.person(name)
    name = person["name"]
    row = findings.table.loc[name]
    n = len(m)
    facts = [person["title"], person["unit"], person["role"] and f"role: {person['role']}",
             f"authority {person['authority']} of 5", f"stance {person['stance']:+d}" if person["stance"] else "stance 0"]
    sought = how_many(int(row["sought_out_by"]), n - 1, findings.kinds, name)
    reasons = [f"{sought[:1].upper()}{sought[1:]}."]
    if name in findings.leaders.index:
        reasons.append(f"Informal leader: {findings.leaders.at[name, 'reason']}")
    if name in findings.little_pull.index:
        reasons.append(f"Formal leader with little pull: {findings.little_pull.at[name, 'reason']}")
    if row["leadership"] == BOTH:
        reasons.append(f"A formal and informal leader: {name} has formal authority, and colleagues go to them "
                       "more than chance would give.")
    if row["leadership"] == NOT_ENOUGH:
        table = findings.table
        reasons.append(f"Not enough ties to say more about {name}: "
                       f"{what_is_missing(int(table.attrs.get('ties', 0)), len(table), findings.kinds)}")
    method = findings.methods.loc[name]
    reasons.append(_three_ways(method))
    if name in findings.brokers.index:
        reasons.append(f"Broker: {findings.brokers.at[name, 'reason']}")
    if name in findings.single_points.index:
        reasons.append(findings.single_points.at[name, "sentence"])
    quiet = findings.quiet[findings.quiet["who"] == name]
    for sentence, question in zip(quiet["sentence"], quiet["question"]):
        reasons.append(f"{sentence} {question}")
    if row["cluster"]:
        reasons.append(f"Belongs to the cluster '{row['cluster_name']}'.")
    numbers = pd.DataFrame({
        "measure": [c.replace("_", " ") for c in CARD_NUMBERS],
        "value": [_number(row[c]) for c in CARD_NUMBERS],
        "what it means": [explain(c) for c in CARD_NUMBERS],
    })
    notes = f"<p><i>Notes:</i> {esc(person['notes'])}</p>" if person["notes"] else ""
    return (f"<h4>{esc(name)}</h4><p>{esc(' · '.join(f for f in facts if f))}</p>"
            f"<b>Why they matter ({esc(kinds_words(findings.kinds))} ties)</b>{bullet_list(reasons)}{notes}"
            f"<details><summary>Their scores (what the sentences rest on)</summary>{html_table(numbers)}</details>")


def _three_ways(method: pd.Series) -> str:
    """The three methods for one person in one sentence (Valente & Pumpuang: use more than one)."""
    network = {"sought out": "sought out", NOT_ENOUGH: "not enough ties to say"}.get(method["nominations"],
                                                                                     "not clearly sought out")
    position = "a formal leader" if method["position"] else "no formal lead"
    if method["team_rating"] is None:
        rating = "not rated by the team"
    else:
        rating = f"rated {int(method['team_rating'])} of 5 by the team"
    agree = {True: ": they agree", False: ": they differ, worth checking in conversation", None: ""}[method["agree"]]
    text = f"Three ways: on the map, {network} ({method['colleagues']}); {position}; {rating}{agree}."
    return text if not method["sentence"] else f"{text} {method['sentence']}"


def _number(value: Any) -> str:
    if isinstance(value, float):
        return "" if value != value else f"{value:.2f}"
    return str(value)


def overlay_html(findings: Findings, overlays: Sequence[str]) -> str:
    """What the switched-on overlays show, in sentences (safe HTML)."""
    parts = [f"<p>{esc(findings.table.attrs.get('summary', ''))}</p>"]
    for overlay in overlays:
        if overlay == "informal leaders":
            parts.append(_section("Informal leaders", findings.leaders.attrs.get("summary", ""),
                                  list(findings.leaders["reason"])))
            parts.append(_section("Formal leaders with little pull", findings.little_pull.attrs.get("summary", ""),
                                  list(findings.little_pull["reason"])))
            methods = findings.methods
            parts.append(_section("Three ways side by side", methods.attrs.get("summary", ""),
                                  [text for text in methods["sentence"] if text][:6]))
        elif overlay == "brokers":
            parts.append(_section("Brokers", findings.brokers.attrs.get("summary", ""),
                                  list(findings.brokers["reason"][:5])))
        elif overlay == "clusters":
            real = findings.clusters.drop(index=0, errors="ignore")
            parts.append(_section("Clusters", findings.clusters.attrs.get("summary", ""), list(real["sentence"])))
        elif overlay == "quiet voices":
            quiet = findings.quiet
            parts.append(_section("Quiet voices", quiet.attrs.get("summary", ""),
                                  [f"{s} {q}" for s, q in zip(quiet["sentence"], quiet["question"])][:8]))
    return "".join(parts)


def _section(title: str, summary: str, items: list[str]) -> str:
    return f"<b>{esc(title)}</b><p>{esc(summary)}</p>{bullet_list(items) if items else ''}"


def model_html(model: str) -> str:
    """What a spread model assumes, in one sentence, and why the choice matters (safe HTML)."""
    return (f"<p><i>The model:</i> {esc(MODEL_WORDS[model])}. The answer depends on it: try the others, and ask "
            "which is closer to how your change is taken up.</p>")


def routes_html(paths: pd.DataFrame) -> str:
    """The routes found, strongest first, with who sits on every one (safe HTML)."""
    summary = f"<p>{esc(paths.attrs.get('summary', ''))}</p>"
    if paths.empty:
        return summary
    items = [f"{ROUTE_NAMES[i]}: {sentence}" for i, sentence in enumerate(paths["sentence"])]
    return summary + bullet_list(items)


def strategies_html(result: pd.DataFrame) -> str:
    """Who each strategy engages first and how many take up the change by the last round."""
    final = result.attrs.get("final")
    seeds = result.attrs.get("seeds", {})
    if final is None or final.empty:
        return ""
    n_rounds = int(result["round"].max())
    rows = [{"strategy": label, "engaged first": ", ".join(seeds.get(label, [])) or "a different random group each run",
             f"adopted after {n_rounds} rounds (average)": f"{row['adopted']:.1f}",
             "9 in 10 runs between": f"{row['low']:.0f} and {row['high']:.0f}"}
            for label, row in final.iterrows()]
    return html_table(pd.DataFrame(rows))
