"""What a commissioner may see: aggregate AMHP sufficiency and coverage, and nothing personal.

Every count of people in the view is a cell of one `planner.disclosure.suppression.Cells`
system, with the constraints that tie the figures together, and passes its gate (small counts
hidden, more hidden until the solver finds no hidden count narrower than the threshold). The
page, the workbook and the JSON are all written from this view alone, so they show the same
figures.

The horizon is published in a form that cannot place a small group of people in time: the
headcount now and at the horizon's end, the numbers leaving, lapsing and joining in between
(as gated cells), and the headcount at a quarter's end only where every period it closes
holds either none or at least the threshold of leavers, of lapses and of joiners. A monthly
series would show each departure in its month (the demo's AMHP lead leaving in March), and a
turnover line drawn from planned leaving dates would give away how many have one, so neither
is published. There is no per-person list (an expiry month per pseudonym is a record of a
person, and lets one release be lined up with the next).

A release is audited together with the one before it (`planner.disclosure.differencing`), so
that two releases a quiet quarter apart do not place the one person who left in a team or an
age band, nor give away a figure the earlier one hid.

The projection's years (`planner.disclosure.projected`) follow the same reasoning: each
year's projected AMHPs and duty FTE are shown only where no small group leaves, lapses or joins
between it and any other point shown, and are hidden with today's headcount.

Figures worked out from the AMHP headcount (FTE, duty hours, the rate per 100,000) are hidden
with it. Supervision hours are rounded to the nearest 10. Posts are counted as posts, not
people: a single post's cover is known to anyone who knows who holds it. The red, amber and
green summary is worked out from the published figures only, so it tells nothing more.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from planner.analysis.amhp_approvals import add_months
from planner.analysis.findings import Severity, band
from planner.analysis.report import Report
from planner.disclosure.differencing import Before, Person, link
from planner.disclosure.projected import ProjectionView, projection_view
from planner.disclosure.suppression import Cells, Count, Suppressed, protect
from planner.reference.policy import Policy
from planner.whatif.projection import dated_changes, project
from planner.workforce.models import Service, Worker

# 2: the projection's years (`projection`); files without `format_version` are version 1
FORMAT_VERSION = 2
NOT_RECORDED = "Not recorded"
QUARTER_MONTHS = 3
HOURS_ROUNDED_TO = 10

Figure = float | Suppressed


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


class SeriesPoint(_Model):
    on: date
    amhps: Count


class HorizonView(_Model):
    """The AMHP headcount from now to the horizon's end if nothing is done: today's AMHPs
    less those leaving and those whose approval lapses, plus those joining."""

    end: date
    now: Count
    at_end: Count
    leaving: Count  # today's AMHPs with a planned leaving date by the end
    lapsing: Count  # today's AMHPs whose approval lapses by the end (and who are not leaving)
    joining: Count  # trainees qualifying and approvals starting, counted at the end
    cpd_short: Count  # today's AMHPs short of their yearly training, or with none recorded
    series: list[SeriesPoint]  # now, each quarter's end where safe, the end


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


class SupervisionTotals(_Model):
    supervisors: Count
    may_supervise: Count
    hours_owed_a_month: Figure
    hours_allowed_a_month: Figure
    hours_available_a_month: Figure


Rating = Severity | None  # None: not rated, because a figure it needs is suppressed


class SummaryLine(_Model):
    measure: str
    value: str
    against: str
    rating: Rating


class CommissionerView(_Model):
    format_version: int = 1  # files written before the field are version 1
    service: str
    local_authority: str
    as_of: date
    disclosure_threshold: int
    summary: list[SummaryLine]
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
    horizon: HorizonView
    posts: list[PostLine]
    supervision: SupervisionTotals
    by_team: Breakdown
    by_age_band: Breakdown
    notes: list[str]
    projection: ProjectionView | None = None  # None: a file of version 1

    @property
    def per_100k(self) -> Figure | None:
        """AMHPs per 100,000 on the population basis the target is set on."""
        return self.per_100k_people if self.population_basis == "all_ages" else self.per_100k_adults

    @property
    def basis_words(self) -> str:
        return "people of all ages" if self.population_basis == "all_ages" else "adults 18+"


# --- who is counted when -------------------------------------------------------------------


def _counted(w: Worker, on: date, as_of: date) -> bool:
    """In the AMHP headcount on a date, as the horizon counts it (`amhp_horizon`): approved
    then, or a trainee whose training has completed by then; and not yet left."""
    if w.leaves_by(on):
        return False
    if w.is_amhp(on):
        return True
    completes = w.amhp_training_completes
    return w.in_amhp_training(as_of) and completes is not None and completes <= on


class _Horizon:
    """Today's AMHPs and everyone counted at each point, worked out once."""

    def __init__(self, service: Service, as_of: date, end: date) -> None:
        self.as_of, self.end = as_of, end
        # those in post on the as-of date, as the tables count them (the indices are shared)
        self.workers = service.staff_on(as_of)
        self.today = {i for i, w in enumerate(self.workers) if w.is_amhp(self.as_of)}
        self._counted: dict[date, set[int]] = {}

    def counted(self, on: date) -> set[int]:
        if on not in self._counted:
            self._counted[on] = {
                i for i, w in enumerate(self.workers) if _counted(w, on, self.as_of)
            }
        return self._counted[on]

    def leaving(self, group: set[int], start: date, end: date) -> set[int]:
        return {
            i
            for i in group
            if (d := self.workers[i].planned_leaving_date) is not None and start < d <= end
        }

    def flows(self, start: date, end: date) -> tuple[int, int, int]:
        """Leavers, lapses and joiners between two points."""
        before, after = self.counted(start), self.counted(end)
        left = self.leaving(before, start, end)
        return len(left), len(before - after - left), len(after - before)

    def points(self, threshold: int) -> list[date]:
        """Now, the end, and as many quarter ends between as keep every period's leavers,
        lapses and joiners each either none or at least the threshold."""
        grid = []
        months = QUARTER_MONTHS
        while (d := add_months(self.as_of, months)) < self.end:
            grid.append(d)
            months += QUARTER_MONTHS
        best: list[date] = []
        for mask in range(1 << len(grid)):
            inner = [d for k, d in enumerate(grid) if mask >> k & 1]
            if len(inner) <= len(best):
                continue
            chain = [self.as_of, *inner, self.end]
            if all(
                all(f == 0 or f >= threshold for f in self.flows(a, b))
                for a, b in zip(chain, chain[1:], strict=False)
            ):
                best = inner
        return [self.as_of, *best, self.end]


# --- the cells and their constraints -------------------------------------------------------


def _breakdown_cells(
    cells: Cells,
    by: str,
    labels: list[str],
    group: Callable[[Worker], str],
    workers: Sequence[Worker],
    amhps: set[int],
) -> list[str]:
    counts = Counter(group(w) for w in workers)
    amhp_counts = Counter(group(workers[i]) for i in amhps)
    order = labels + sorted(set(counts) - set(labels))
    for label in order:
        w = cells.add(f"{by}:{label}:workers", counts[label])
        a = cells.add(f"{by}:{label}:amhps", amhp_counts[label])
        cells.at_most(a, w)
    cells.total([f"{by}:{k}:workers" for k in order], "workers")
    cells.total([f"{by}:{k}:amhps" for k in order], "amhps")
    return order


def _cross_cells(
    cells: Cells,
    teams: list[str],
    bands: list[str],
    team_of: Callable[[Worker], str],
    band_of: Callable[[Worker], str],
    workers: Sequence[Worker],
    amhps: set[int],
) -> None:
    """The team x age-band table behind the two published tables: never shown, but a reader
    knows it exists, and it ties the two tables together."""
    pairs = Counter((team_of(w), band_of(w)) for w in workers)
    amhp_pairs = Counter((team_of(workers[i]), band_of(workers[i])) for i in amhps)
    for t in teams:
        for b in bands:
            x = cells.add(f"x:{t}:{b}", pairs[t, b], published=False)
            y = cells.add(f"y:{t}:{b}", amhp_pairs[t, b], published=False)
            cells.at_most(y, x)
    for t in teams:
        cells.total([f"x:{t}:{b}" for b in bands], f"team:{t}:workers")
        cells.total([f"y:{t}:{b}" for b in bands], f"team:{t}:amhps")
    for b in bands:
        cells.total([f"x:{t}:{b}" for t in teams], f"age band:{b}:workers")
        cells.total([f"y:{t}:{b}" for t in teams], f"age band:{b}:amhps")


def _horizon_cells(cells: Cells, h: _Horizon, points: list[date]) -> None:
    today, end = h.today, h.end
    at_end = h.counted(end)
    leaving = h.leaving(today, h.as_of, end)
    lapsing = today - at_end - leaving
    cells.add("horizon:leaving", len(leaving))
    cells.add("horizon:lapsing", len(lapsing))
    cells.add("horizon:joining", len(at_end - today))
    previous = "amhps"
    for on in points[1:]:
        stock = "horizon:at_end" if on == end else f"horizon:{on}"
        staying = cells.add(f"{stock}:staying", len(today & h.counted(on)), published=False)
        joined = cells.add(f"{stock}:joined", len(h.counted(on) - today), published=False)
        cells.add(stock, len(h.counted(on)))
        cells.total([staying, joined], stock)
        if cells.values[staying] <= cells.values[previous]:
            # no re-approval, so today's AMHPs only ever fall (a reader may assume it too)
            cells.at_most(staying, previous)
        previous = staying
    cells.total(["horizon:at_end:staying", "horizon:leaving", "horizon:lapsing"], "amhps")
    cells.total(["horizon:at_end:joined"], "horizon:joining")


def _cpd_short(report: Report) -> int:
    h = report.amhp.horizon
    return len(set(h.cpd_short) | set(h.cpd_not_recorded))


# --- the view -----------------------------------------------------------------------------


class PreviousRelease(NamedTuple):
    """The release before this one, as published, and the snapshot it was published from."""

    view: CommissionerView
    service: Service


def since(previous: CommissionerView, cells: Cells) -> set[str]:
    """Team and age-band cells to hide when the previous release cannot be read beside this
    one cell by cell (written by an earlier version): hidden then, or changed since by fewer
    than the threshold (the headline totals say only how many moved)."""
    t = cells.threshold
    out = set()
    for b in (previous.by_team, previous.by_age_band):
        for row in b.rows:
            for what, then in (("workers", row.workers), ("amhps", row.amhps)):
                key = f"{b.by}:{row.label}:{what}"
                now = cells.values.get(key)
                if now is not None and (isinstance(then, Suppressed) or 0 < abs(now - then) < t):
                    out.add(key)
    return out


def commissioner_view(
    service: Service,
    report: Report,
    policy: Policy,
    age_bands: Sequence[int],
    previous: PreviousRelease | None = None,
) -> CommissionerView:
    """What a commissioner may see; `previous` is the release before (see the module
    docstring), None for the first."""
    t = policy.disclosure_threshold
    a = report.amhp
    workers = list(service.staff_on(report.as_of))  # a planned leaver gone after their date
    horizon = _Horizon(service, report.as_of, a.horizon.horizon_end)
    points = horizon.points(t)
    amhps = horizon.today
    band_of = _AgeBand(report.as_of, age_bands)
    s = report.supervision

    cells = Cells(t)
    cells.add("workers", len(workers), headline=True)
    cells.add("amhps", len(amhps), headline=True)
    teams = _breakdown_cells(cells, "team", [x.name for x in service.teams], _team, workers, amhps)
    bands = _breakdown_cells(cells, "age band", band_of.labels, band_of, workers, amhps)
    _cross_cells(cells, teams, bands, _team, band_of, workers, amhps)
    _horizon_cells(cells, horizon, points)
    cells.add("horizon:cpd_short", _cpd_short(report))
    cells.at_most("horizon:cpd_short", "amhps")
    cells.add("supervisors", sum(1 for x in s.supervisors if x.supervisees))
    cells.add("may_supervise", s.may_supervise)
    cells.at_most("supervisors", "workers")
    cells.at_most("may_supervise", "workers")
    also: set[str] = set()
    if previous is not None:
        people = [
            Person(w.staff_id, _team(w), band_of(w), i in amhps) for i, w in enumerate(workers)
        ]
        if not link(cells, _before(previous, age_bands), people, teams, bands):
            also = since(previous.view, cells)
    shown = protect(cells, also)

    headcount = shown["amhps"]
    hidden = isinstance(headcount, Suppressed)

    def derived(value: float) -> Figure:
        return Suppressed(reason="withheld") if hidden else value

    def hours(value: float) -> Figure:
        if isinstance(shown["workers"], Suppressed):
            return Suppressed(reason="withheld")
        return float(round(value / HOURS_ROUNDED_TO) * HOURS_ROUNDED_TO)

    view = CommissionerView(
        format_version=FORMAT_VERSION,
        service=service.name,
        local_authority=service.local_authority,
        as_of=report.as_of,
        disclosure_threshold=t,
        summary=[],
        amhp_headcount=headcount,
        amhp_fte=derived(a.fte),
        duty_fte=derived(a.duty_fte),
        population_basis=a.population_basis,
        adult_population=a.adult_population,
        all_ages_population=a.all_ages_population,
        per_100k_adults=None if a.per_100k_adults is None else derived(a.per_100k_adults),
        per_100k_people=None if a.per_100k_people is None else derived(a.per_100k_people),
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
        duty_hours=derived(a.duty_hours),
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
        horizon=HorizonView(
            end=horizon.end,
            now=headcount,
            at_end=shown["horizon:at_end"],
            leaving=shown["horizon:leaving"],
            lapsing=shown["horizon:lapsing"],
            joining=shown["horizon:joining"],
            cpd_short=shown["horizon:cpd_short"],
            series=[
                SeriesPoint(
                    on=d,
                    amhps=headcount
                    if d == horizon.as_of
                    else shown["horizon:at_end" if d == horizon.end else f"horizon:{d}"],
                )
                for d in points
            ],
        ),
        posts=_posts(report),
        supervision=SupervisionTotals(
            supervisors=shown["supervisors"],
            may_supervise=shown["may_supervise"],
            hours_owed_a_month=hours(s.hours_owed),
            hours_allowed_a_month=hours(s.hours_allowed_current),
            hours_available_a_month=hours(s.hours_available),
        ),
        by_team=_breakdown("team", teams, shown),
        by_age_band=_breakdown("age band", bands, shown),
        notes=_notes(t, policy),
        projection=_projection(service, policy, horizon, headcount, points, shown),
    )
    return view.model_copy(update={"summary": summary(view, policy.amber_share_of_target)})


def _before(previous: PreviousRelease, age_bands: Sequence[int]) -> Before:
    """The previous release's published tables and the people it counted, placed as it
    placed them (on its own as-of date)."""
    v = previous.view
    band_of = _AgeBand(v.as_of, age_bands)
    shown: dict[str, Count] = {"workers": v.by_team.workers, "amhps": v.amhp_headcount}
    for b in (v.by_team, v.by_age_band):
        for row in b.rows:
            shown[f"{b.by}:{row.label}:workers"] = row.workers
            shown[f"{b.by}:{row.label}:amhps"] = row.amhps
    return Before(
        shown=shown,
        teams=[r.label for r in v.by_team.rows],
        bands=[r.label for r in v.by_age_band.rows],
        people=[
            Person(w.staff_id, _team(w), band_of(w), w.is_amhp(v.as_of))
            for w in previous.service.staff_on(v.as_of)
        ],
    )


def _projection(
    service: Service,
    policy: Policy,
    horizon: _Horizon,
    headcount: Count,
    points: list[date],
    shown: dict[str, Count],
) -> ProjectionView:
    """The projection's years, checked against every point of the horizon a reader sees."""
    as_of = horizon.as_of
    projection = project(service, policy, as_of=as_of)
    published = [as_of] + [
        d
        for d in points[1:]
        if isinstance(shown["horizon:at_end" if d == horizon.end else f"horizon:{d}"], int)
    ]
    months = max(12 * projection.years, policy.horizon_months)
    dated = dated_changes(service, policy, as_of, months)
    return projection_view(
        projection,
        headcount=headcount,
        fixed=published,
        changes=[horizon.flows, dated.between],
        threshold=policy.disclosure_threshold,
    )


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


def _breakdown(by: str, labels: list[str], shown: dict[str, Count]) -> Breakdown:
    return Breakdown(
        by=by,
        rows=[
            BreakdownRow(
                label=k, workers=shown[f"{by}:{k}:workers"], amhps=shown[f"{by}:{k}:amhps"]
            )
            for k in labels
        ],
        workers=shown["workers"],
        amhps=shown["amhps"],
    )


# --- the summary ----------------------------------------------------------------------------


def _number(value: float | Suppressed | None, unit: str = "") -> str:
    if value is None:
        return "not known"
    if isinstance(value, Suppressed):
        return str(value)
    return f"{value:,.1f}".removesuffix(".0") + unit


def _rated(value: float | Suppressed | None, target: float | None, amber: float) -> Rating:
    if isinstance(value, Suppressed) or value is None or target is None:
        return None
    return band(float(value), target, amber)


def summary(view: CommissionerView, amber_share: float) -> list[SummaryLine]:
    """Red, amber or green for each headline against its target, from the published figures
    alone (a hidden figure is not rated: its rating would narrow it)."""
    h = view.horizon
    lines = [
        SummaryLine(
            measure=f"AMHPs per 100,000 {view.basis_words}",
            value=_number(view.per_100k),
            against=f"target {view.target_per_100k:g}",
            rating=_rated(view.per_100k, view.target_per_100k, amber_share),
        ),
        SummaryLine(
            measure="AMHPs with current approval",
            value=_number(view.amhp_headcount),
            against=(
                f"{view.headcount_for_target} needed for the target"
                if view.headcount_for_target is not None
                else "no population given"
            ),
            rating=_rated(
                view.amhp_headcount,
                None if view.headcount_for_target is None else float(view.headcount_for_target),
                amber_share,
            ),
        ),
        SummaryLine(
            measure="AMHP duty FTE",
            value=_number(view.duty_fte),
            against=(
                f"{view.rota_fte_needed:g} FTE the rota needs"
                if view.rota_fte_needed is not None
                else "no rota need worked out"
            ),
            rating=_rated(view.duty_fte, view.rota_fte_needed, amber_share),
        ),
        SummaryLine(
            measure="AMHP duty hours a year",
            value=_number(view.duty_hours),
            against=(
                f"{view.demand_hours:,.0f} hours the assessments need"
                if view.demand_hours is not None
                else "no demand worked out"
            ),
            rating=_rated(view.duty_hours, view.demand_hours, 1.0),
        ),
        SummaryLine(
            measure=f"AMHPs by {h.end:%d/%m/%Y} if nothing is done",
            value=_number(h.at_end),
            against=f"{_number(h.now)} now",
            rating=(
                None
                if isinstance(h.now, Suppressed) or isinstance(h.at_end, Suppressed)
                else _rated(h.at_end, float(h.now), amber_share)
            ),
        ),
        SummaryLine(
            measure="Supervision hours allowed a month",
            value=_number(view.supervision.hours_allowed_a_month),
            against=f"{_number(view.supervision.hours_owed_a_month)} owed",
            rating=(
                None
                if isinstance(view.supervision.hours_owed_a_month, Suppressed)
                else _rated(
                    view.supervision.hours_allowed_a_month,
                    view.supervision.hours_owed_a_month,
                    amber_share,
                )
            ),
        ),
    ]
    uncovered = sum(p.not_covered for p in view.posts)
    lines.append(
        SummaryLine(
            measure="Needed posts not covered",
            value=str(uncovered),
            against=f"of {sum(p.needed for p in view.posts)} needed",
            rating="green" if uncovered == 0 else "red",
        )
    )
    return lines


def _notes(t: int, policy: Policy) -> list[str]:
    return [
        f"'suppressed' marks a count of fewer than {t} people, or a figure hidden so that "
        "no such count can be worked out from the others (every hidden figure could lie "
        f"anywhere in a range at least {t} wide). Figures worked out from a hidden count, "
        "such as FTE or the rate per 100,000, are hidden with it.",
        "The headcount over the horizon assumes nothing is done: no re-approvals, planned "
        "leavers leave, trainees count once qualified. It is shown at a quarter's end only "
        f"where no small group (fewer than {t}) leaves, lapses or joins in any period shown.",
        f"Supervision hours are rounded to the nearest {HOURS_ROUNDED_TO}.",
        "Posts are counted as posts; covered means held by someone qualified for the post.",
        "Ratings: green at or above the target, amber close to it, red below; a suppressed "
        "figure is not rated.",
        "Each projection year's AMHPs and duty FTE are the median of "
        f"{policy.projection_runs:,} runs of the projection (nobody recruited; turnover "
        f"{policy.annual_turnover:.1%} a year; approvals renewed at "
        f"{policy.amhp_reapproval_rate:.0%}), rounded to a whole AMHP and to 0.1 FTE, against "
        "that year's population. A year is shown only where no small group (fewer than "
        f"{t}) leaves, lapses or is approved between it and any other figure shown; otherwise, "
        "and wherever today's headcount is suppressed, it is suppressed.",
    ]


def commissioner_json(view: CommissionerView) -> str:
    return view.model_dump_json(indent=2)
