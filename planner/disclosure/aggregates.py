"""What a commissioner may see: aggregate AMHP sufficiency and coverage, and nothing personal.

Built only from counts, rates and hours. Counts of people go through `planner.disclosure.suppression`
(small cells hidden, breakdowns protected against subtraction from their totals). The one
per-person table, approval expiry months, carries a keyed pseudonym (HMAC-SHA256 of the staff
id under a key the commissioner never holds), so rows can be followed from one export to the
next without revealing who they are; it is left out when the AMHP headcount itself is small.
Posts are counted as posts, not people, and so are not suppressed; a single post's cover is
already known to anyone who knows who holds it.

Known limit: month-by-month headcounts show net change, which with the expiry months can
narrow (not pin down) the hidden counts of leavers and trainees.
"""

from __future__ import annotations

import hashlib
import hmac
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from planner.analysis.report import Report
from planner.disclosure.suppression import Count, Suppressed, count, partition
from planner.reference.policy import Policy
from planner.workforce.models import Service, Worker

PSEUDONYM_HEX = 12  # 48 bits: no collisions in practice for services of thousands
NOT_RECORDED = "Not recorded"

Figure = float | Suppressed


def pseudonym(key: bytes, staff_id: str) -> str:
    """A stable stand-in for a staff id: the same for one key, unrelated across keys."""
    digest = hmac.new(key, staff_id.encode("utf-8"), hashlib.sha256).hexdigest()
    return "P-" + digest[:PSEUDONYM_HEX]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class BenchmarkLine(_Model):
    label: str
    year: int | None  # None: undated in its source
    per_100k: float
    basis: str
    measure: str  # "headcount" or "fte"


class RotaLine(_Model):
    shift: str
    hours_per_week: float
    amhps_needed: int
    share_within_target: float
    mean_wait_hours: float
    utilisation: float


class MonthLine(_Model):
    month: date
    amhps: Count
    with_turnover: Figure


class PostLine(_Model):
    post: str
    needed: int
    covered: int
    not_covered: int  # vacant, or held by someone not yet qualified for it


class BreakdownRow(_Model):
    label: str
    workers: Count
    amhps: Count


class Breakdown(_Model):
    by: str
    rows: list[BreakdownRow]
    workers: Count
    amhps: Count


class ApprovalExpiry(_Model):
    pseudonym: str
    expires: str  # YYYY-MM: the month is enough to plan re-approval


class SupervisionTotals(_Model):
    supervisors: Count
    may_supervise: Count
    hours_owed_a_month: float
    hours_allowed_a_month: float
    hours_available_a_month: float


class CommissionerView(_Model):
    service: str
    local_authority: str
    as_of: date
    disclosure_threshold: int
    amhp_headcount: Count
    amhp_fte: Figure
    duty_fte: Figure
    population_basis: str  # the policy's basis for the target and demand
    adult_population: int | None
    all_ages_population: int | None
    per_100k_adults: Figure | None
    per_100k_people: Figure | None
    target_per_100k: float
    headcount_for_target: int | None
    benchmarks: list[BenchmarkLine]
    assessments_per_year: float | None
    demand_hours: float | None
    duty_hours: Figure
    rota: list[RotaLine]
    rota_fte_needed: float | None
    horizon_end: date
    months: list[MonthLine]
    horizon_counts: dict[str, Count]
    approval_expiries: list[ApprovalExpiry]
    posts: list[PostLine]
    supervision: SupervisionTotals
    by_team: Breakdown
    by_age_band: Breakdown
    notes: list[str]


def commissioner_view(
    service: Service, report: Report, policy: Policy, key: bytes, age_bands: Sequence[int]
) -> CommissionerView:
    t = policy.disclosure_threshold
    a = report.amhp
    small = 0 < a.headcount < t
    staff = service.staff_on(report.as_of)
    amhps = [w for w in staff if w.is_amhp(report.as_of)]
    return CommissionerView(
        service=service.name,
        local_authority=service.local_authority,
        as_of=report.as_of,
        disclosure_threshold=t,
        amhp_headcount=count(a.headcount, t),
        amhp_fte=_figure(a.fte, small, t),
        duty_fte=_figure(a.duty_fte, small, t),
        population_basis=a.population_basis,
        adult_population=a.adult_population,
        all_ages_population=a.all_ages_population,
        per_100k_adults=None if a.per_100k_adults is None else _figure(a.per_100k_adults, small, t),
        per_100k_people=None if a.per_100k_people is None else _figure(a.per_100k_people, small, t),
        target_per_100k=a.target_per_100k,
        headcount_for_target=a.headcount_for_target,
        benchmarks=[
            BenchmarkLine(
                label=b.label, year=b.year, per_100k=b.per_100k, basis=b.basis, measure=b.measure
            )
            for b in a.benchmarks
        ],
        assessments_per_year=a.assessments_per_year,
        demand_hours=a.demand_hours,
        duty_hours=_figure(a.duty_hours, small, t),
        rota=[
            RotaLine(
                shift=r.shift,
                hours_per_week=r.hours_per_week,
                amhps_needed=r.amhps_needed,
                share_within_target=r.share_within_target,
                mean_wait_hours=r.mean_wait_hours,
                utilisation=r.utilisation,
            )
            for r in a.rota
        ],
        rota_fte_needed=a.rota_fte_needed,
        horizon_end=a.horizon.horizon_end,
        months=[
            MonthLine(
                month=m.month,
                amhps=count(m.headcount, t),
                with_turnover=_figure(m.expected_with_turnover, 0 < m.headcount < t, t),
            )
            for m in a.horizon.months
        ],
        horizon_counts=_horizon_counts(report, t, small),
        approval_expiries=[] if small else _expiries(amhps, key),
        posts=_posts(report),
        supervision=_supervision(report, t),
        by_team=_breakdown("team", [t_.name for t_ in service.teams], _team, staff, amhps, t),
        by_age_band=_breakdown(
            "age band",
            _band_labels(age_bands),
            _AgeBand(report.as_of, age_bands),
            staff,
            amhps,
            t,
        ),
        notes=_notes(t),
    )


def _figure(value: float, hide: bool, threshold: int) -> Figure:
    return Suppressed(threshold=threshold, reason="withheld") if hide else value


def _horizon_counts(report: Report, t: int, small: bool) -> dict[str, Count]:
    h = report.amhp.horizon
    expiring: Count = count(len(h.expiring), t) if small else len(h.expiring)
    return {
        # shown as is: the pseudonymised expiry months below give the same number
        "Approvals expiring": expiring,
        "AMHPs leaving": count(len(h.leaving), t),
        "Trainees qualifying": count(len(h.trainees_qualifying), t),
        "CPD short or not recorded": count(len(h.cpd_short) + len(h.cpd_not_recorded), t),
    }


def _expiries(amhps: Iterable[Worker], key: bytes) -> list[ApprovalExpiry]:
    rows = [
        ApprovalExpiry(
            pseudonym=pseudonym(key, w.staff_id), expires=f"{w.amhp_approval_expires:%Y-%m}"
        )
        for w in amhps
    ]
    # sorted by what is shown, so the order says nothing about the roster's order
    return sorted(rows, key=lambda r: (r.expires, r.pseudonym))


def _posts(report: Report) -> list[PostLine]:
    needed: Counter[str] = Counter()
    covered: Counter[str] = Counter()
    for p in report.leadership.posts:
        if p.needed:
            needed[p.name] += 1
            covered[p.name] += p.status == "filled"
    return [
        PostLine(post=name, needed=n, covered=covered[name], not_covered=n - covered[name])
        for name, n in needed.items()
    ]


def _supervision(report: Report, t: int) -> SupervisionTotals:
    s = report.supervision
    return SupervisionTotals(
        supervisors=count(sum(1 for x in s.supervisors if x.supervisees), t),
        may_supervise=count(s.may_supervise, t),
        hours_owed_a_month=round(s.hours_owed, 1),
        hours_allowed_a_month=round(s.hours_allowed_current, 1),
        hours_available_a_month=round(s.hours_available, 1),
    )


def _team(worker: Worker) -> str:
    return worker.team


def _band_labels(starts: Sequence[int]) -> list[str]:
    labels = [f"{a}-{b - 1}" for a, b in zip(starts, starts[1:], strict=False)]
    return [*labels, f"{starts[-1]}+", NOT_RECORDED]


class _AgeBand:
    def __init__(self, on: date, starts: Sequence[int]) -> None:
        self.on, self.starts, self.labels = on, starts, _band_labels(starts)

    def __call__(self, worker: Worker) -> str:
        if worker.birth_year is None:
            return NOT_RECORDED
        age = self.on.year - worker.birth_year  # the year is all a roster records
        index = sum(1 for s in self.starts if age >= s) - 1
        return self.labels[max(index, 0)]


def _breakdown(
    by: str,
    labels: list[str],
    group: Callable[[Worker], str],
    staff: tuple[Worker, ...],
    amhps: list[Worker],
    t: int,
) -> Breakdown:
    workers = Counter(group(w) for w in staff)
    amhp = Counter(group(w) for w in amhps)
    order = labels + sorted(set(workers) - set(labels))
    shown_workers = partition({k: workers[k] for k in order}, t)
    shown_amhps = partition({k: amhp[k] for k in order}, t)
    return Breakdown(
        by=by,
        rows=[BreakdownRow(label=k, workers=shown_workers[k], amhps=shown_amhps[k]) for k in order],
        workers=count(len(staff), t),
        amhps=count(len(amhps), t),
    )


def _notes(t: int) -> list[str]:
    return [
        f"Counts of fewer than {t} people are shown as 'fewer than {t}'; other cells marked "
        "'withheld' stop them being worked out from the totals.",
        "Approval expiry rows carry a pseudonym, not a name or staff id; the same person keeps "
        "the same pseudonym in every export from this planner.",
        "Posts are counted as posts; covered means held by someone qualified for the post.",
    ]


def commissioner_json(view: CommissionerView) -> str:
    return view.model_dump_json(indent=2)
