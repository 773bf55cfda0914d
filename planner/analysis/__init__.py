"""The three gap analyses (AMHP sufficiency, supervision capacity, leadership cover) and the
report that runs them over one workforce graph. Start from `analyse`."""

from planner.analysis.reanalysis import departure_by_reanalysis, impact_between
from planner.analysis.report import Report, analyse, analyse_graph

__all__ = ["Report", "analyse", "analyse_graph", "departure_by_reanalysis", "impact_between"]
