"""Succession plans: critical positions, risk and impact of loss, ranked candidates with
readiness, a first successor per position by matching, development actions and the AMHP
training pipeline.

Follows TCSW 2014 role category E.ii ("workforce management and succession planning to ensure
on-going sufficiency of AMHPs") and Appendix One (the PCF domains and levels for each role
category). Pure functions over the workforce graph and the analysis report.
"""
