"""The three gap analyses (AMHP sufficiency, supervision capacity, leadership cover) and the
report that runs them over one workforce graph. Start from `report.analyse`.

Nothing is imported here, so `from planner.analysis.findings import ...` loads findings alone.
"""
