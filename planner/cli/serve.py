"""`planner serve`: the Streamlit app, started the way users get it (what `make run` does)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="start the Streamlit app",
        description="Start the planner app in the browser (what `make run` does).",
    )
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.set_defaults(handler=_serve)


def _serve(args: argparse.Namespace) -> int:
    argv = serve_argv(args.port, headless=args.headless)
    os.execv(sys.executable, argv)  # replaces this process, so stopping it stops the server
    return 0  # pragma: no cover


def serve_argv(port: int, *, headless: bool) -> list[str]:
    """The command that serves the app as users get it (the browser tests start the same)."""
    from planner.paths import app_path

    argv = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path()),
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",  # no Deploy button or developer options: this is a product, not a sketch
    ]
    return argv + (["--server.headless", "true"] if headless else [])
