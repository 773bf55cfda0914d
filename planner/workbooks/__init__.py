"""Workbooks built from an analysis: the succession plan (`plan`) and the commissioner's
aggregates (`commissioner`)."""
