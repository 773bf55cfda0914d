"""The demo service and a generator of consistent synthetic services of any size.

The demo (`data/demo/northbridge.yaml`) is hand-written and fictional, with known gaps for the
tests to find. The generator is for tests and benchmarks: a realistic level mix, supervision
trees without cycles (each person is supervised by someone created before them), AMHPs at
roughly national proportions and an adult population scaled so that AMHPs per 100,000 adults sit
near the national figure (about 6.6 in 2025, see `data/benchmarks.yaml`).
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict

from planner.paths import data_dir
from planner.reference.framework import load_framework
from planner.reference.strict_yaml import load_model
from planner.workforce.models import MAX_POPULATION, Service, Team, Worker

DEMO_AS_OF = date(2026, 11, 1)
TEAM_SIZE = 11
SPAN = 7  # managers per manager above the teams
MAX_COMMUNITY_AMHPS = 4


class DemoFile(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    description: str
    known_gaps: tuple[str, ...]
    service: Service


def demo_file() -> DemoFile:
    return load_model(data_dir() / "demo" / "northbridge.yaml", DemoFile)


def load_demo() -> Service:
    return demo_file().service


# Invented names for synthetic people; drawn at random, so any likeness is chance.
_FIRST = [
    "Alex",
    "Sam",
    "Jordan",
    "Morgan",
    "Taylor",
    "Jamie",
    "Casey",
    "Riley",
    "Avery",
    "Quinn",
    "Rowan",
    "Ellis",
    "Harper",
    "Reese",
    "Amir",
    "Bea",
    "Cleo",
    "Dev",
    "Esme",
    "Femi",
    "Gita",
    "Hugo",
    "Ines",
    "Jun",
    "Kofi",
    "Lena",
    "Milo",
    "Noor",
    "Otto",
    "Pia",
    "Rafi",
    "Suki",
]
_LAST = [
    "Ashdown",
    "Brannock",
    "Corrie",
    "Dunmore",
    "Elstow",
    "Farrant",
    "Garside",
    "Hollins",
    "Ibbot",
    "Jessop",
    "Kember",
    "Lumsden",
    "Marlow",
    "Netley",
    "Orrell",
    "Pennock",
    "Quarry",
    "Rudge",
    "Selby",
    "Tarrant",
    "Umber",
    "Vosper",
    "Wadley",
    "Yelland",
]

# Front-line social workers' levels and their weights.
_LEVELS = ("asye", "social_worker", "experienced", "advanced", "last_placement")
_WEIGHTS = (0.10, 0.36, 0.40, 0.12, 0.02)
_FUNCTIONS_BY_LEVEL = {"asye": "AB", "social_worker": "ABD", "experienced": "ABCD"}


class _Builder:
    def __init__(self, seed: int, as_of: date) -> None:
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.rows: list[dict[str, Any]] = []
        self.codes: dict[str, list[str]] = {
            cat.code: [f.code for f in cat.functions] for cat in load_framework().categories
        }

    def add(self, team: str, level: str, supervisor: str | None, **fields: Any) -> str:
        sid = f"W{len(self.rows) + 1:06d}"
        rng = self.rng
        row: dict[str, Any] = {
            "staff_id": sid,
            "name": f"{rng.choice(_FIRST)} {rng.choice(_LAST)}",
            "team": team,
            "job_title": "Social Worker",
            "fte": rng.choice((1.0, 1.0, 1.0, 1.0, 0.8, 0.6, 0.5)),
            "pcf_level": level,
            "supervisor_id": supervisor,
            "line_manager_id": supervisor,
            "birth_year": self.as_of.year - rng.randint(24, 64),
            "start_date": self.as_of - timedelta(days=rng.randint(60, 9000)),
        }
        if level != "last_placement":
            row["swe_registration"] = f"SW{rng.randint(10000, 99999999)}"
        else:
            row.update(contract="student", job_title="Student Social Worker")
        row.update(fields)
        self.rows.append(row)
        return sid

    def contract_and_leaving(self, row: dict[str, Any]) -> None:
        roll = self.rng.random()
        if row.get("contract") is None and roll < 0.10:
            row["contract"] = "agency"
        elif row.get("contract") is None and roll < 0.15:
            row["contract"] = "fixed_term"
        if self.rng.random() < 0.06:
            row["planned_leaving_date"] = self.as_of + timedelta(days=self.rng.randint(14, 540))
        if row["start_date"] > self.as_of - timedelta(days=60) and row["pcf_level"] == "asye":
            row["start_date"] = self.as_of - timedelta(days=self.rng.randint(7, 300))

    def amhp(self, row: dict[str, Any], rota_share: float) -> None:
        approved = self.as_of - timedelta(days=self.rng.randint(0, 5 * 365 - 30))
        row.update(
            amhp_approving_authority="Synthetic Council",
            amhp_approved_on=approved,
            amhp_approval_expires=approved + timedelta(days=5 * 365 - 1),
            amhp_cpd_hours=float(self.rng.choice((12, 18, 18, 20, 22, 24, 30))),
            amhp_rota_share=rota_share,
        )

    def functions(self, row: dict[str, Any]) -> None:
        cats = _FUNCTIONS_BY_LEVEL.get(row["pcf_level"], "")
        if not cats:
            return
        chosen = self.rng.sample(
            [c for cat in cats for c in self.codes[cat]], k=self.rng.randint(1, 3)
        )
        row["role_functions"] = {c: round(0.6 / len(chosen), 2) for c in chosen}


def _manager_layers(b: _Builder, managers: list[str], psw: str) -> None:
    """Give team managers supervisors in layers of service managers until few enough for the PSW."""
    layer = managers
    while len(layer) > SPAN:
        above = []
        for i in range(0, len(layer), SPAN):
            sm = b.add(
                "Leadership",
                "advanced",
                psw,
                job_title="Service Manager",
                posts=["service_manager"],
            )
            above.append(sm)
            for sid in layer[i : i + SPAN]:
                b.rows[int(sid[1:]) - 1]["supervisor_id"] = sm
                b.rows[int(sid[1:]) - 1]["line_manager_id"] = sm
        layer = above
    for sid in layer:
        b.rows[int(sid[1:]) - 1]["supervisor_id"] = psw
        b.rows[int(sid[1:]) - 1]["line_manager_id"] = psw


def _community_amhp(b: _Builder, level: str, so_far: int) -> bool:
    """Some experienced workers in a community team are AMHPs too, up to four a team, so that
    with the hubs about a third of the service is approved (the demo has a third)."""
    return (
        level in ("experienced", "advanced")
        and so_far < MAX_COMMUNITY_AMHPS
        and (b.rng.random() < 0.3)
    )


def _team(b: _Builder, name: str, hub: bool, size: int) -> str:
    lead_level = b.rng.choice(("experienced", "advanced"))
    posts = ["team_manager", "amhp_lead"] if hub and name.endswith("1") else ["team_manager"]
    tm = b.add(name, "advanced" if hub else lead_level, None, job_title="Team Manager", posts=posts)
    if hub:
        b.amhp(b.rows[-1], 0.1)
        b.rows[-1]["role_functions"] = {"E.i": 0.3, "E.ii": 0.2, "E.iv": 0.1}
    sp = b.add(
        name,
        "advanced",
        tm,
        job_title="Senior Practitioner",
        posts=["senior_practitioner", "practice_educator"],
        practice_educator_stage=2,
    )
    b.amhp(b.rows[-1], 0.8 if hub else 0.2)
    amhps = 1
    for i in range(size - 2):
        # The first front-line worker of every team is an experienced AMHP, so even a small
        # team has two AMHPs with the senior practitioner, as community teams usually do.
        level = "experienced" if hub or i == 0 else b.rng.choices(_LEVELS, _WEIGHTS)[0]
        supervisor = sp if level in ("asye", "last_placement") or i % 2 else tm
        b.add(name, level, supervisor)
        row = b.rows[-1]
        if hub or i == 0 or _community_amhp(b, level, amhps):
            amhps += 1
            b.amhp(row, 1.0 if hub else 0.2)
            row["amhp_supervisor_id"] = sp
        elif level == "social_worker" and b.rng.random() < 0.08:
            started = b.as_of - timedelta(days=b.rng.randint(0, 300))
            row.update(
                amhp_training_started=started,
                amhp_training_completes=started + timedelta(days=b.rng.randint(180, 700)),
            )
        b.functions(row)
        b.contract_and_leaving(row)
    return tm


def _service_managers(n_teams: int) -> int:
    count, layer = 0, n_teams
    while layer > SPAN:
        layer = math.ceil(layer / SPAN)
        count += layer
    return count


def _team_count(size: int) -> int:
    n = max(1, (size - 1) // TEAM_SIZE)
    while n > 1 and 1 + n * TEAM_SIZE + _service_managers(n) > size:
        n -= 1
    return n


def generate_service(size: int, seed: int = 0, as_of: date = DEMO_AS_OF) -> Service:
    """A valid synthetic service of exactly `size` workers (at least 10)."""
    if size < 10:
        raise ValueError("a generated service needs at least 10 workers")
    b = _Builder(seed, as_of)
    psw = b.add(
        "Leadership",
        "strategic",
        None,
        job_title="Principal Social Worker",
        posts=["principal_social_worker"],
        external_supervisor="Director of Adult Social Services",
    )
    n_teams = _team_count(size)
    # About one team in eight is an AMHP hub; a service of fewer than five teams has none.
    n_hubs = round(n_teams / 8)
    # A service too small for two teams is one team of everyone but the PSW.
    team_size = size - 1 if n_teams == 1 else TEAM_SIZE
    teams = [Team(name="Leadership", kind="leadership")]
    managers = []
    for t in range(n_teams):
        hub = t < n_hubs
        name = f"AMHP Hub {t + 1}" if hub else f"Community Team {t + 1 - n_hubs}"
        teams.append(Team(name=name, kind="amhp_service" if hub else "community"))
        managers.append(_team(b, name, hub, team_size))
    _manager_layers(b, managers, psw)
    _pad(b, size, teams)
    _at_least_a_tenth_amhps(b, size)
    workers = tuple(Worker.model_validate(r) for r in b.rows)
    amhps = sum(1 for w in workers if w.is_amhp(as_of))
    # Past a realistic size (about 1,300 AMHPs) the population stops growing at the model's cap.
    population = min(max(1000, math.floor(amhps / 6.6 * 100_000)), MAX_POPULATION)
    return Service(
        name=f"Synthetic service ({size} workers, seed {seed})",
        local_authority="Synthetic Council",
        adult_population=population,
        as_of=as_of,
        teams=tuple(teams),
        workers=workers,
    )


def _at_least_a_tenth_amhps(b: _Builder, size: int) -> None:
    """A small one-team service can draw few AMHPs by chance; approve more of its experienced
    workers (not leaving) so at least a tenth of the service is approved, as in any real one."""
    needed = math.ceil(size / 10) - sum(1 for r in b.rows if _approved(r, b.as_of))
    for row in b.rows:
        if needed <= 0:
            return
        if row["pcf_level"] == "experienced" and not row.get("amhp_approved_on"):
            if not row.get("planned_leaving_date"):
                b.amhp(row, 0.2)
                needed -= 1


def _approved(row: dict[str, Any], on: date) -> bool:
    expires, leaving = row.get("amhp_approval_expires"), row.get("planned_leaving_date")
    return bool(expires and expires >= on and (leaving is None or leaving > on))


def _pad(b: _Builder, size: int, teams: list[Team]) -> None:
    """Add front-line workers to community teams until the service has exactly `size`."""
    community = [t.name for t in teams if t.kind == "community"]
    managers = {r["team"]: r["staff_id"] for r in b.rows if "team_manager" in r.get("posts", ())}
    while len(b.rows) < size:
        team = b.rng.choice(community)
        b.add(team, "experienced", managers[team])
        if b.rng.random() < 0.3:  # the same share of experienced AMHPs as in the teams
            b.amhp(b.rows[-1], 0.2)
        b.functions(b.rows[-1])
