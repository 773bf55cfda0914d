"""The Overview page: the actions with the findings behind each, and per area the worst severity,
the counts and the page that explains them."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt

from planner.analysis.actions import Action
from planner.analysis.findings import SEVERITY_ORDER, Area, Finding, Severity

AREAS: dict[Area, tuple[str, str]] = {
    "amhp": ("AMHP sufficiency", "screens/amhp.py"),
    "supervision": ("Supervision", "screens/supervision.py"),
    "leadership": ("Leadership & succession", "screens/leadership.py"),
}
# Material icons in coloured text: emoji render as empty boxes where no emoji font is installed
# (headless Chromium), and the word keeps the meaning for those who cannot tell the colours.
ICON: dict[Severity, str] = {
    "red": ":red[:material/error: red]",
    "amber": ":orange[:material/warning: amber]",
    "green": ":green[:material/check_circle: green]",
}


@dataclass(frozen=True)
class Headline:
    area: Area
    title: str
    page: str
    severity: Severity
    counts: dict[Severity, int]

    @property
    def summary(self) -> str:
        return ", ".join(f"{n} {s}" for s, n in self.counts.items() if n) or "no findings"


def headlines(findings: list[Finding]) -> list[Headline]:
    return [_headline(area, [f for f in findings if f.area == area]) for area in AREAS]


def _headline(area: Area, found: list[Finding]) -> Headline:
    ordered = sorted(found, key=lambda f: SEVERITY_ORDER[f.severity])
    worst: Severity = ordered[0].severity if ordered else "green"
    counts: dict[Severity, int] = {s: sum(f.severity == s for f in found) for s in ICON}
    title, page = AREAS[area]
    return Headline(area, title, page, worst, counts)


@dataclass(frozen=True)
class ActionView:
    heading: str  # icon, number and title
    reasons: tuple[str, ...]
    title: str  # the page that explains it
    page: str


def action_views(found: list[Action]) -> list[ActionView]:
    """Each action as the Overview shows it: what to do, then the findings that ask for it."""
    return [
        ActionView(
            heading=f"{ICON[a.severity]} {n}. {a.title}",
            reasons=tuple(f"{ICON[f.severity]} {f.message}" for f in a.findings),
            title=AREAS[a.area][0],
            page=AREAS[a.area][1],
        )
        for n, a in enumerate(found, start=1)
    ]


def fine_lines(found: list[Finding]) -> list[str]:
    """The green findings: what the rules found in order, worth knowing, not acting on."""
    return [f"{ICON['green']} {f.message}" for f in found if f.severity == "green"]


def level_chart(levels: list[dict[str, object]]) -> alt.Chart:
    """People at each PCF level, a bar each, in the framework's order."""
    chart: alt.Chart = (
        alt.Chart(alt.InlineData(values=levels))
        .mark_bar()
        .encode(
            x=alt.X("people:Q", title="People"),
            y=alt.Y("level:N", title=None, sort=None, axis=alt.Axis(labelLimit=260)),
            tooltip=["level:N", "people:Q"],
        )
    )
    return chart
