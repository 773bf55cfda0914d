"""The Supervision sheet (each supervisor's load against the hours their FTE allows, and every
supervision problem; LGA Standards for Employers 2020) and the Leadership cover sheet (posts and
role functions with their cover, single points of failure and the departure sweep ranking;
TCSW 2014 role categories)."""

from __future__ import annotations

from planner.analysis.supervision_findings import RULES
from planner.workbooks.plan.sheet import Book
from planner.workforce.names import Names


def _rule(rule: str) -> str:
    known = RULES.get(rule)
    return known.sentence.replace("{n} ", "") if known else rule


_KINDS = {"post": "Post", "function": "Role function", "category": "Role category"}


def _what(words: Names, kind: str, key: str) -> str:
    if kind == "post":
        return words.post(key)
    return words.function(key) if kind == "function" else f"Category {key}"


def write_supervision(book: Book) -> None:
    sup, name = book.report.supervision, book.name
    s = book.sheet("Supervision")
    s.title("Supervision: load against capacity")
    first, last = s.table(
        [
            "Supervisor",
            "Name",
            "FTE",
            "Supervisees",
            "ASYE",
            "Students",
            "AMHP supervisees",
            "Hours owed a month",
            "Hours allowed a month",
            "May supervise",
            "Over the maximum",
            "Over the hours",
        ],
        [
            [
                x.staff_id,
                name(x.staff_id),
                x.fte,
                x.supervisees,
                x.asye,
                x.students,
                x.amhp_supervisees,
                x.hours_owed,
                x.hours_allowed,
                x.may_supervise,
                x.over_max,
                x.over_hours,
            ]
            for x in sup.supervisors
        ],
        main=True,
    )
    if last >= first:  # owed beyond allowed shows red, whatever the filter
        s.ws.conditional_format(
            first,
            7,
            last,
            7,
            {
                "type": "formula",
                "criteria": f"=$H{first + 1}>$I{first + 1}",
                "format": book.rag["red"],
            },
        )
    s.heading("In total")
    s.pairs(
        [
            ("Supervision hours owed a month", sup.hours_owed),
            ("Hours current supervisors can give", sup.hours_allowed_current),
            ("Hours everyone who may supervise could give", sup.hours_available),
            ("People who may supervise", sup.may_supervise),
        ]
    )
    s.heading("Problems")
    s.table(
        ["RAG", "Person", "Name", "Problem", "About"],
        [
            [i.severity, i.staff_id, name(i.staff_id), _rule(i.rule), i.related_id]
            for i in sup.issues
        ],
        rag=(0,),
    )
    if sup.cycles:
        s.heading("Supervision loops (people who supervise each other round a circle)")
        s.table(["Link", "Members"], [[c.link, ", ".join(c.members)] for c in sup.cycles])
    s.finish()


def write_leadership(book: Book) -> None:
    lead, name, words = book.report.leadership, book.name, book.words
    s = book.sheet("Leadership cover")
    s.title(f"Leadership cover to {lead.horizon_end:%d/%m/%Y}")
    s.table(
        [
            "Post",
            "Team",
            "Needed",
            "Status",
            "Holders",
            "Qualified holders",
            "Holders leaving",
            "Eligible in team",
            "Eligible in service",
        ],
        [
            [
                p.name,
                p.team or "service-wide",
                p.needed,
                p.status,
                "; ".join(map(words.person, p.holders)),
                "; ".join(map(words.person, p.qualified_holders)),
                "; ".join(map(words.person, p.holders_leaving)),
                p.bench_in_team,
                p.bench_in_service,
            ]
            for p in lead.posts
        ],
        main=True,
        rag=(4,),
    )
    s.heading("Role functions")
    s.table(
        [
            "Function",
            "What it is",
            "Category",
            "Allocated",
            "FTE",
            "Covered",
            "Sole cover",
            "Eligible in service",
            "Covering, below Appendix One level (readiness)",
            "Allocated, not eligible",
        ],
        [
            [
                f.code,
                words.framework.function(f.code).title,
                f.category,
                f.allocated,
                f.allocated_fte,
                f.covered,
                words.person(f.sole_cover) if f.sole_cover else "",
                f.eligible,
                "; ".join(map(words.person, f.covering_below_level)),
                "; ".join(map(words.person, f.allocated_not_eligible)),
            ]
            for f in lead.functions
        ],
    )
    s.heading("Single points of failure")
    s.table(
        ["Kind", "What", "Held by", "Name", "Others eligible now"],
        [
            [_KINDS[p.kind], _what(words, p.kind, p.id), p.staff_id, name(p.staff_id), p.bench]
            for p in lead.single_points
        ],
    )
    s.heading("Departure sweep: whose leaving would hurt most")
    s.table(
        [
            "Rank",
            "Person",
            "Name",
            "Score",
            "Needed posts left vacant",
            "Functions left uncovered",
            "New single points",
            "Categories left with nobody eligible",
            "Supervisees left without a supervisor",
            "An AMHP lost",
            "Duty FTE lost",
        ],
        [
            [
                d.rank,
                d.staff_id,
                name(d.staff_id),
                d.score,
                "; ".join(map(words.post, d.needed_posts_vacant)),
                "; ".join(map(words.function, d.functions_uncovered)),
                "; ".join(map(words.function, d.new_single_points)),
                ", ".join(d.categories_without_eligible),
                len(d.supervisees_orphaned),
                d.amhp_lost,
                d.duty_fte_lost,
            ]
            for d in lead.departure_sweep
        ],
    )
    s.finish()
