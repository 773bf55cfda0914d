"""Roster spreadsheets: `reading` (safety checks, grid, headers, rows, ASC-WDS files: every row
imported or reported) and `writing` (template, export, CSV, the problem workbook)."""
