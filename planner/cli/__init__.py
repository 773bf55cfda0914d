"""The `planner` command: one parser (`main`), one output helper (`output`) and one module per
command group."""

from planner.cli.main import main

__all__ = ["main"]
