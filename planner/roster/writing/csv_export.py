"""The Roster sheet as CSV, in the forms the importer reads; every cell made formula-safe by
`safety.csv_safe` (OWASP CSV injection, data/sources.yaml `owasp-csv-injection`): an apostrophe
before a sign that begins the cell or a piece of it a spreadsheet set to another locale splits off
at a `;`, `,` or tab, which the importer takes off again. Text is written whole, however long:
CSV has no cell limit, and the importer reports text too long for a spreadsheet cell."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planner.reference.framework import load_framework
from planner.roster.layout import Column, Layout, load_layout
from planner.roster.safety import csv_safe
from planner.roster.values import (
    domain_levels_text,
    number_text,
    posts_text,
    role_functions_text,
    uk_date,
)
from planner.workforce.models import Service


def roster_csv(service: Service) -> str:
    """The Roster sheet as CSV text (write it as UTF-8 with a BOM so Excel reads it right)."""
    layout = load_layout()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        [csv_safe(h) for h in [c.header for c in layout.columns] + list(service.extra_columns)]
    )
    for worker in service.workers:
        values = worker.__dict__
        row = [csv_safe(_csv_text(spec, values[spec.field], layout)) for spec in layout.columns]
        row += [csv_safe(worker.extra.get(k, "")) for k in service.extra_columns]
        writer.writerow(row)
    return out.getvalue()


def _csv_text(spec: Column, value: Any, layout: Layout) -> str:
    if value is None or value == "" or value == () or value == {}:
        return ""
    kind = spec.kind
    if kind in ("profession", "contract"):
        return layout.choice_label(spec.kind, value.value)  # type: ignore[arg-type]
    if kind == "level":
        return str(load_framework().level(value).name)
    if kind == "date":
        return uk_date(value)
    if kind in ("share", "number", "year", "stage"):
        return number_text(value)
    if kind == "yes_no":
        return layout.choice_label("yes_no", "yes" if value else "no")
    converters: dict[str, Callable[[Any], str]] = {
        "domain_levels": domain_levels_text,
        "role_functions": role_functions_text,
        "posts": posts_text,
    }
    return converters[kind](value) if kind in converters else str(value)


def write_roster_csv(service: Service, path: Path) -> None:
    path.write_text(roster_csv(service), encoding="utf-8-sig", newline="")
