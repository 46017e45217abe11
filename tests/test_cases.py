"""The built-in case studies: they load, and their stories say what the data show.

Every claim a facilitator's story makes under "What the analysis should find" is checked here
on the loaded map with plain networkx, so the data and the story cannot drift apart.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest

import qi_kit
from qi_kit.cases import CASE_NAMES, case_about, case_story, list_cases, load_case
from qi_kit.errors import MapError
from qi_kit.model import StakeholderMap

REPO = Path(__file__).resolve().parents[1]
_SOURCE_CANDIDATES = [REPO.parent / "shared" / "datasets" / "krackhardt-high-tech",
                      Path("/work/shared/datasets/krackhardt-high-tech")]
KRACKHARDT_SOURCE = next((p for p in _SOURCE_CANDIDATES if (p / "advice.csv").exists()), None)

NURSING_UNITS = {"Ward 7B", "Ward 7B nights", "Ward 7B nights HCAs"}
NIGHT_HCAS = {"Linda Marsh", "Joy Mwangi", "Gary Sutton", "Anita Kaur"}


@pytest.fixture(scope="module")
def ward() -> StakeholderMap:
    return load_case("ward")


@pytest.fixture(scope="module")
def school() -> StakeholderMap:
    return load_case("school")


@pytest.fixture(scope="module")
def krackhardt() -> StakeholderMap:
    return load_case("krackhardt")


def kind_counts(m: StakeholderMap) -> dict[str, int]:
    return m.ties["kind"].value_counts().to_dict()


def sought_out(m: StakeholderMap, kind: str = "advice") -> dict[str, int]:
    return dict(m.graph(kind).in_degree())


def units(m: StakeholderMap) -> dict[str, str]:
    return dict(zip(m.people["name"], m.people["unit"]))


def quadrant(person: dict, power: str = "authority") -> str:
    """Mendelow's grid as the stories read it: a rating of 3 or more is high.

    ``power="both"`` counts the higher of authority and informal influence.
    """
    level = max(person["authority"], person["influence"]) if power == "both" else person["authority"]
    high_power, high_interest = level >= 3, person["interest"] >= 3
    return {(True, True): "manage closely", (True, False): "keep satisfied",
            (False, True): "keep informed", (False, False): "monitor"}[(high_power, high_interest)]


# --------------------------------------------------------------------------- the loader


def test_list_cases_in_teaching_order():
    table = list_cases()
    assert list(table.columns) == ["name", "description"]
    assert table["name"].tolist() == ["ward", "school", "krackhardt"] == list(CASE_NAMES)
    for description in table["description"]:
        assert description and "\n" not in description


def test_public_api_reexports_the_loader():
    assert qi_kit.load_case is load_case
    assert qi_kit.list_cases is list_cases
    assert qi_kit.case_story is case_story


def test_every_case_folder_is_listed():
    folders = {f.name for f in resources.files("qi_kit.cases").iterdir()
               if f.is_dir() and f.joinpath("about.json").is_file()}
    assert folders == set(CASE_NAMES)


@pytest.mark.parametrize("name", CASE_NAMES)
def test_every_case_loads_with_its_files(name):
    folder = resources.files("qi_kit.cases").joinpath(name)
    for filename in ("people.csv", "ties.csv", "about.json", "story.md"):
        assert folder.joinpath(filename).is_file(), filename
    about = json.loads(folder.joinpath("about.json").read_text(encoding="utf-8"))
    assert set(about) == {"name", "title", "description", "citation"}
    assert about["name"] == name
    m = load_case(name)
    assert isinstance(m, StakeholderMap)
    assert m.title == about["title"] == case_about(name)["title"]
    assert case_story(name).startswith("# ")


@pytest.mark.parametrize("name, people, counts", [
    ("ward", 37, {"reports_to": 35, "advice": 68, "trust": 36, "information": 12}),
    ("school", 24, {"reports_to": 19, "advice": 44, "trust": 32, "information": 8, "resources": 3}),
    ("krackhardt", 21, {"reports_to": 20, "advice": 190, "trust": 102}),
])
def test_people_and_tie_counts(name, people, counts):
    m = load_case(name)
    assert len(m) == people
    assert kind_counts(m) == counts


@pytest.mark.parametrize("spelling", ["Ward", "WARD", " ward ", "w a r d"])
def test_case_names_ignore_case_and_spaces(spelling, ward):
    assert load_case(spelling) == ward
    assert case_story(spelling) == case_story("ward")


def test_krack_hardt_with_a_space_still_loads(krackhardt):
    assert load_case("Krack Hardt") == krackhardt


def test_unknown_case_suggests_the_closest_and_lists_all():
    with pytest.raises(MapError) as caught:
        load_case("wards")
    message = str(caught.value)
    assert "Did you mean 'ward'?" in message
    assert "ward, school, krackhardt" in message
    assert isinstance(caught.value, ValueError)


def test_unknown_case_without_a_close_match_still_lists_them():
    with pytest.raises(MapError) as caught:
        case_story("hospital")
    assert "Did you mean" not in str(caught.value)
    assert "ward, school, krackhardt" in str(caught.value)


def test_a_name_that_is_not_text_is_a_map_error():
    with pytest.raises(MapError):
        load_case(None)  # type: ignore[arg-type]


def test_citations():
    assert case_about("ward")["citation"] is None
    assert "Khan" in case_about("school")["citation"]
    assert case_about("krackhardt")["citation"].startswith("Krackhardt, D. (1987)")
    story = case_story("krackhardt")
    assert "Cognitive social structures" in story and "9, 109-134" in story
    assert "Informal networks: the company behind the chart" in story and "71(4), 104-111" in story


def test_loading_cases_pulls_in_no_plotting_or_widgets():
    code = ("import sys, qi_kit; qi_kit.load_case('ward'); qi_kit.list_cases(); "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=REPO)
    assert out.stdout.strip() == "[]"


# --------------------------------------------------------------------------- ward: the cast


@pytest.mark.parametrize("name, title, unit, authority", [
    ("Margaret Okafor", "Chief Nurse", "Board", 5),
    ("David Reyes", "Divisional Director of Nursing", "Medicine Division", 4),
    ("Priya Shah", "Matron", "Medicine Division", 3),
    ("Tom Barker", "Ward Manager", "Ward 7B", 3),
    ("Rosa Delgado", "Staff Nurse (nights)", "Ward 7B nights", 0),
    ("Dr James Whitfield", "Consultant Geriatrician", "Medical team", 4),
    ("Kwame Asante", "Ward Pharmacist", "Pharmacy", 2),
    ("Hannah Price", "QI Lead", "Quality Improvement", 2),
    ("Joan Fletcher", "Patient Partner", "Patients and families", 0),
])
def test_ward_key_people(ward, name, title, unit, authority):
    person = ward.person(name)
    assert (person["title"], person["unit"], person["authority"]) == (title, unit, authority)


def test_ward_roles_and_ratings(ward):
    people = ward.people.set_index("name")
    roles = people.loc[people["role"] != "", "role"].to_dict()
    assert roles == {"Margaret Okafor": "sponsor", "Hannah Price": "day-to-day leader", "Emily Watson": "champion",
                     "Helen Brooks": "change team", "Joan Fletcher": "patient partner",
                     "Rosa Delgado": "influencer", "Dr James Whitfield": "resistor"}
    assert "falls link nurse" in ward.person("Emily Watson")["title"]
    assert "comprehensive geriatric assessment" in ward.person("Dr James Whitfield")["notes"]
    okafor = ward.person("Margaret Okafor")
    assert (okafor["stance"], okafor["interest"], okafor["influence"]) == (2, 4, 3)
    assert ward.person("David Reyes")["stance"] == 1
    rosa = ward.person("Rosa Delgado")
    assert (rosa["influence"], rosa["stance"]) == (5, 1)
    whitfield = ward.person("Dr James Whitfield")
    assert (whitfield["stance"], whitfield["interest"]) == (-2, 3)
    assert ward.person("Hannah Price")["stance"] == 2


def test_ward_size_and_units(ward):
    assert 34 <= len(ward) <= 38
    assert {p for p, u in units(ward).items() if u == "Ward 7B nights HCAs"} == NIGHT_HCAS
    assert {u for u in units(ward).values()} >= {"Therapies", "Medical team", "Pharmacy"}


def test_ward_reporting_lines_form_one_chart_under_the_chief_nurse(ward):
    R = ward.graph("reports_to")
    assert nx.is_directed_acyclic_graph(R)
    without_a_manager = {n for n in R if R.out_degree(n) == 0}
    assert without_a_manager == {"Margaret Okafor", "Joan Fletcher"}
    assert all(R.out_degree(n) == 1 for n in R if n not in without_a_manager)
    assert nx.ancestors(R, "Margaret Okafor") == set(R) - without_a_manager


# --------------------------------------------------------------------------- ward: the story


def test_ward_informal_leader_is_rosa(ward):
    advice = sought_out(ward)
    ranked = sorted(advice, key=advice.get, reverse=True)
    assert ranked[0] == "Rosa Delgado"
    assert advice["Rosa Delgado"] == 17
    assert advice["Kwame Asante"] == 8 and advice["Grace Adeyemi"] == 5
    assert advice["Rosa Delgado"] >= 2 * max(v for k, v in advice.items() if k != "Rosa Delgado")
    A = ward.graph("advice")
    askers = set(A.predecessors("Rosa Delgado"))
    unit = units(ward)
    assert {unit[a] for a in askers} >= NURSING_UNITS  # days, nights and the night HCAs
    assert {"Tom Barker", "Ewa Nowak", "Helen Brooks", "Sandra Hill", "Emily Watson"} <= askers
    assert sought_out(ward, "trust")["Rosa Delgado"] == 8
    pagerank = nx.pagerank(A, weight="strength")
    assert max(pagerank, key=pagerank.get) == "Rosa Delgado"
    # Among the doctors, advice flows to the consultant and the registrar.
    doctors = {p for p, u in unit.items() if u == "Medical team"}
    top_doctors = sorted(doctors, key=advice.get, reverse=True)[:2]
    assert top_doctors == ["Dr James Whitfield", "Dr Aisha Rahman"]
    assert (advice["Dr James Whitfield"], advice["Dr Aisha Rahman"]) == (4, 3)


def test_ward_formal_leaders_with_little_informal_pull(ward):
    advice = sought_out(ward)
    A = ward.graph("advice")
    assert ward.person("Tom Barker")["authority"] == 3 and advice["Tom Barker"] == 2
    assert set(A.predecessors("Tom Barker")) == {"Pauline Reid", "Beverley Shaw"}
    assert A.has_edge("Tom Barker", "Rosa Delgado")
    assert ward.person("Margaret Okafor")["authority"] == 5 and advice["Margaret Okafor"] == 1
    assert set(A.predecessors("Margaret Okafor")) == {"Hannah Price"}
    assert advice["David Reyes"] == 0 and advice["Dr Fiona Campbell"] == 0
    # The contrasts: the matron and the consultant are both formal and sought out.
    assert advice["Priya Shah"] == 4
    assert {"Grace Adeyemi", "Ewa Nowak"} <= set(A.predecessors("Priya Shah"))


def test_ward_kwame_is_the_broker_between_professions(ward):
    AT = ward.graph(["advice", "trust"])
    unit = units(ward)
    doctors = {p for p, u in unit.items() if u == "Medical team"}
    nurses = {p for p, u in unit.items() if u in NURSING_UNITS}
    direct = [(s, t) for s, t in AT.edges() if {s, t} & doctors and {s, t} & nurses]
    assert direct == []
    touches_both = [n for n in AT if set(nx.all_neighbors(AT, n)) & doctors
                    and set(nx.all_neighbors(AT, n)) & nurses]
    assert touches_both == ["Kwame Asante"]
    askers = set(ward.graph("advice").predecessors("Kwame Asante"))
    assert len(askers) == 8 and len(askers & nurses) == 6
    trusters = set(ward.graph("trust").predecessors("Kwame Asante"))
    assert trusters == {"Dr James Whitfield", "Dr Aisha Rahman", "Dr Ben Carter", "Dr Chloe Evans"}
    # Take him away and the medical team is on its own.
    U = AT.to_undirected()
    U.remove_node("Kwame Asante")
    assert nx.node_connected_component(U, "Dr James Whitfield") == doctors
    # Betweenness: second only to Rosa, the highest outside nursing.
    betweenness = nx.betweenness_centrality(AT.to_undirected())
    ranked = sorted(betweenness, key=betweenness.get, reverse=True)
    assert ranked[:2] == ["Rosa Delgado", "Kwame Asante"]
    assert round(betweenness["Rosa Delgado"], 2) == 0.41
    assert round(betweenness["Kwame Asante"], 2) == 0.29
    outside_nursing = [n for n in ranked if unit[n] not in NURSING_UNITS]
    assert outside_nursing[0] == "Kwame Asante"


def test_ward_resistor_with_authority(ward):
    whitfield = ward.person("Dr James Whitfield")
    assert whitfield["authority"] >= 4 and whitfield["influence"] == 4
    assert whitfield["stance"] == -2 and whitfield["role"] == "resistor"


def test_ward_path_from_hannah_to_whitfield(ward):
    story = case_story("ward")
    assert "Hannah Price -> Rosa Delgado -> Kwame Asante -> Dr James Whitfield" in story
    listened_to = ["Dr James Whitfield", "Kwame Asante", "Rosa Delgado", "Hannah Price"]
    for kinds in (["advice", "trust"], ["advice", "trust", "information", "resources"]):
        G = ward.graph(kinds)
        paths = list(nx.all_shortest_paths(G, "Dr James Whitfield", "Hannah Price"))
        assert paths == [listened_to]
    T = ward.graph("trust")
    for listener, speaker in zip(listened_to, listened_to[1:]):
        assert T.has_edge(listener, speaker) and T[listener][speaker]["strength"] == 3
    # The formal route is as short but runs along reporting lines and a briefing.
    everything = ward.graph(["reports_to", "advice", "trust", "information", "resources"])
    formal = ["Dr James Whitfield", "Dr Fiona Campbell", "Margaret Okafor", "Hannah Price"]
    assert formal in list(nx.all_shortest_paths(everything, "Dr James Whitfield", "Hannah Price"))
    assert not ward.graph(["advice", "trust"]).has_edge("Dr James Whitfield", "Dr Fiona Campbell")


def test_ward_night_hcas_are_the_quiet_group(ward):
    ties = ward.ties
    into = ties[ties["target"].isin(NIGHT_HCAS) & ~ties["source"].isin(NIGHT_HCAS)]
    assert into.empty
    out = ties[ties["source"].isin(NIGHT_HCAS) & ~ties["target"].isin(NIGHT_HCAS)]
    assert set(out["target"]) == {"Rosa Delgado", "Ewa Nowak"}
    assert set(ward.graph("advice").predecessors("Rosa Delgado")) >= NIGHT_HCAS


def test_ward_joan_is_the_quiet_voice(ward):
    ties = ward.ties
    joan = ties[(ties["source"] == "Joan Fletcher") | (ties["target"] == "Joan Fletcher")]
    assert len(joan) == 2
    assert set(joan["source"]) | set(joan["target"]) == {"Joan Fletcher", "Hannah Price"}


def test_ward_power_interest_quadrants(ward):
    expected = {
        "Margaret Okafor": "manage closely", "Dr James Whitfield": "manage closely",
        "David Reyes": "manage closely", "Priya Shah": "manage closely", "Tom Barker": "manage closely",
        "Dr Fiona Campbell": "keep satisfied",
        "Rosa Delgado": "keep informed", "Kwame Asante": "keep informed", "Hannah Price": "keep informed",
        "Helen Brooks": "keep informed", "Joan Fletcher": "keep informed",
        "Dr Ben Carter": "monitor", "Dr Oliver Grant": "monitor", **{n: "monitor" for n in NIGHT_HCAS},
    }
    assert {name: quadrant(ward.person(name)) for name in expected} == expected
    everyone = {quadrant(ward.person(n)) for n in ward.names}
    assert [n for n in ward.names if quadrant(ward.person(n)) == "keep satisfied"] == ["Dr Fiona Campbell"]
    assert sorted(n for n in ward.names if quadrant(ward.person(n)) == "manage closely") == sorted(
        ["Margaret Okafor", "Dr James Whitfield", "David Reyes", "Priya Shah", "Tom Barker"])
    assert everyone == {"manage closely", "keep satisfied", "keep informed", "monitor"}


def test_ward_quadrants_when_power_counts_influence(ward):
    def names_in(q):
        return {n for n in ward.names if quadrant(ward.person(n), "both") == q}
    moved_up = {"Rosa Delgado", "Kwame Asante", "Helen Brooks", "Dr Aisha Rahman", "Grace Adeyemi", "Ewa Nowak"}
    assert names_in("manage closely") == moved_up | {
        "Margaret Okafor", "Dr James Whitfield", "David Reyes", "Priya Shah", "Tom Barker"}
    assert names_in("keep satisfied") == {"Dr Fiona Campbell", "Mark Sullivan"}
    assert NIGHT_HCAS <= names_in("monitor")


def test_ward_clusters_match_the_teams(ward):
    U = ward.graph(["advice", "trust"]).to_undirected()
    groups = nx.community.louvain_communities(U, weight="strength", seed=1)
    unit = units(ward)
    doctors = {p for p, u in unit.items() if u == "Medical team"}
    nights = {p for p, u in unit.items() if u in {"Ward 7B nights", "Ward 7B nights HCAs"}}
    assert doctors | {"Kwame Asante"} in groups
    assert nights in groups


# --------------------------------------------------------------------------- school: the story


def test_school_cast_and_roles(school):
    people = school.people.set_index("name")
    assert 20 <= len(school) <= 26
    roles = people.loc[people["role"] != "", "role"].to_dict()
    assert roles == {"Maya Thompson": "sponsor", "Amira Haddad": "day-to-day leader", "Sophie Martin": "champion",
                     "Ruth Abernathy": "influencer", "Frank Kowalski": "resistor"}
    assert school.person("Maya Thompson")["title"] == "Headteacher"
    assert {"Deputy Headteacher", "SENCo (special educational needs coordinator)", "Literacy Implementation Coach",
            "Chair of Trustees", "Teaching Assistant", "Parent"} <= set(people["title"])


US_WORDS = ("grade", "kindergarten", "principal", "superintendent", "district", "school board", "parent council",
            "student", "benchmark", "dibels", "program ")


@pytest.mark.parametrize("filename", ["people.csv", "story.md", "pitches.json", "about.json"])
def test_the_school_case_is_in_uk_english(filename):
    from importlib import resources

    text = resources.files("qi_kit").joinpath("cases", "school", filename).read_text(encoding="utf-8").casefold()
    found = [w for w in US_WORDS if w in text]
    assert not found, f"{filename} still uses North American school terms: {found}"


def test_the_ward_measures_can_show_the_change_in_time():
    from qi_kit import case_story

    story = case_story("ward")
    assert "all falls per 1,000 occupied bed days" in story and "days between falls with harm" in story
    assert "too rare" in story and "tricky" not in story.casefold()


def test_school_informal_leader_and_hub(school):
    advice, trust = sought_out(school), sought_out(school, "trust")
    assert max(advice, key=advice.get) == "Ruth Abernathy" and advice["Ruth Abernathy"] == 11
    assert (advice["Maya Thompson"], advice["Amira Haddad"], advice["Ingrid Solberg"]) == (7, 6, 5)
    assert {"Maya Thompson", "Daniel Osei"} <= set(school.graph("advice").predecessors("Ruth Abernathy"))
    pagerank = nx.pagerank(school.graph("advice"), weight="strength")
    assert max(pagerank, key=pagerank.get) == "Ruth Abernathy"
    assert trust["Maya Thompson"] == 12
    assert trust["Maya Thompson"] >= 3 * max(v for k, v in trust.items() if k != "Maya Thompson")
    betweenness = nx.betweenness_centrality(school.graph(["advice", "trust"]).to_undirected())
    ranked = sorted(betweenness, key=betweenness.get, reverse=True)
    assert ranked[:2] == ["Maya Thompson", "Kemi Adeleke"]
    assert round(betweenness["Maya Thompson"], 2) == 0.51 and round(betweenness["Kemi Adeleke"], 2) == 0.22
    assert set(school.graph("advice").successors("Maya Thompson")) == {
        "Ruth Abernathy", "Amira Haddad", "Frank Kowalski", "Laura Chen"}


def test_school_formal_leaders_with_little_pull(school):
    AT = school.graph(["advice", "trust"])
    for name in ("Michael Ferraro", "Robert Greaves"):
        assert AT.degree(name) == 0
    assert sought_out(school)["Daniel Osei"] == 2


def test_school_years_5_6_team_is_a_silo(school):
    unit = units(school)
    silo = {p for p, u in unit.items() if u == "Years 5-6 team"}
    assert silo == {"Frank Kowalski", "Diane Fraser", "Leo Nakamura"}
    ties = school.ties[school.ties["kind"] != "reports_to"]
    crossing = ties[ties["source"].isin(silo) != ties["target"].isin(silo)]
    outsiders = (set(crossing["source"]) | set(crossing["target"])) - silo
    assert outsiders == {"Maya Thompson"}
    A = school.graph("advice")
    assert set(A.predecessors("Frank Kowalski")) >= {"Diane Fraser", "Leo Nakamura"}


def test_school_path_from_amira_to_frank(school):
    assert "Amira Haddad -> Maya Thompson -> Frank Kowalski" in case_story("school")
    G = school.graph(["advice", "trust"])
    assert list(nx.all_shortest_paths(G, "Frank Kowalski", "Amira Haddad")) == [
        ["Frank Kowalski", "Maya Thompson", "Amira Haddad"]]


def test_school_parents_are_the_quiet_group(school):
    parents = {p for p, u in units(school).items() if u == "Parent forum"}
    assert len(parents) == 4
    ties = school.ties
    assert ties[ties["target"].isin(parents) & ~ties["source"].isin(parents)].empty
    trust_out = ties[(ties["kind"] == "trust") & ties["source"].isin(parents) & ~ties["target"].isin(parents)]
    assert trust_out[["source", "target"]].values.tolist() == [["Kemi Adeleke", "Maya Thompson"]]


def test_school_power_interest_quadrants(school):
    expected = {"Maya Thompson": "manage closely", "Daniel Osei": "manage closely",
                "Michael Ferraro": "keep satisfied", "Robert Greaves": "keep satisfied",
                "Ruth Abernathy": "keep informed", "Amira Haddad": "keep informed",
                "Laura Chen": "keep informed", "Frank Kowalski": "monitor"}
    assert {name: quadrant(school.person(name)) for name in expected} == expected
    both = {n: quadrant(school.person(n), "both") for n in school.names}
    assert {n for n, q in both.items() if q == "manage closely"} == {
        "Maya Thompson", "Daniel Osei", "Ruth Abernathy", "Amira Haddad", "Laura Chen", "Ingrid Solberg"}
    assert both["Frank Kowalski"] == "keep satisfied"


# --------------------------------------------------------------------------- krackhardt


def test_krackhardt_people_mapping(krackhardt):
    people = krackhardt.people.set_index("name")
    assert list(people.index) == [f"Manager {i}" for i in range(1, 22)]
    assert people.loc["Manager 7", ["title", "unit", "authority"]].tolist() == ["CEO", "Executive", 5]
    assert people["title"].value_counts().to_dict() == {"Manager": 16, "Vice-president": 4, "CEO": 1}
    assert dict(zip(people["title"], people["authority"])) == {"Manager": 1, "Vice-president": 3, "CEO": 5}
    assert set(people["unit"]) == {"Executive", "Department 1", "Department 2", "Department 3", "Department 4"}
    assert people.loc["Manager 1", "notes"] == "Age 33, tenure 9.3 years"
    # Not rated: read_map stores blank ratings as 0, as story.md explains.
    assert (people[["influence", "interest", "stance"]] == 0).all().all()
    assert (people["role"] == "").all()
    assert (krackhardt.ties["strength"] == 1).all()
    assert "not rated" in case_story("krackhardt")


def test_krackhardt_story_claims(krackhardt):
    advice, friends = sought_out(krackhardt), sought_out(krackhardt, "trust")
    assert max(advice, key=advice.get) == "Manager 2" and advice["Manager 2"] == 18
    assert max(friends, key=friends.get) == "Manager 2" and friends["Manager 2"] == 10
    assert (advice["Manager 7"], friends["Manager 7"]) == (13, 3)
    assert krackhardt.graph("trust").out_degree("Manager 7") == 0
    A, R = krackhardt.graph("advice"), krackhardt.graph("reports_to")
    assert advice["Manager 1"] == 13 and friends["Manager 1"] == friends["Manager 12"] == 8
    unit = units(krackhardt)
    assert sum(unit[a] != unit["Manager 1"] for a in A.predecessors("Manager 1")) == 11
    assert [e for e in R.edges() if not A.has_edge(*e)] == [("Manager 11", "Manager 18")]
    team = set(R.predecessors("Manager 14"))
    assert len(team) == 7 and all(A.has_edge(m, "Manager 14") for m in team)


def test_krackhardt_edge_counts_are_the_sources():
    m = load_case("krackhardt")
    assert kind_counts(m) == {"advice": 190, "trust": 102, "reports_to": 20}


@pytest.mark.skipif(KRACKHARDT_SOURCE is None, reason="shared/datasets/krackhardt-high-tech not beside the repo")
def test_krackhardt_ties_equal_the_source_files(krackhardt):
    ties = krackhardt.ties
    for filename, kind in [("advice.csv", "advice"), ("friendship.csv", "trust"), ("reports_to.csv", "reports_to")]:
        with open(KRACKHARDT_SOURCE / filename, newline="") as f:
            source = {(f"Manager {r['source']}", f"Manager {r['target']}") for r in csv.DictReader(f)}
        ours = ties[ties["kind"] == kind]
        assert len(ours) == len(source)
        assert set(zip(ours["source"], ours["target"])) == source
    with open(KRACKHARDT_SOURCE / "attributes.csv", newline="") as f:
        attributes = list(csv.DictReader(f))
    people = krackhardt.people.set_index("name")
    for row in attributes:
        person = people.loc[f"Manager {row['ID']}"]
        assert person["authority"] == {"1": 5, "2": 3, "3": 1}[row["LEVEL"]]
        assert person["unit"] == ("Executive" if row["DEPT"] == "0" else f"Department {row['DEPT']}")
        assert person["notes"].startswith(f"Age {row['AGE']}, tenure ")
