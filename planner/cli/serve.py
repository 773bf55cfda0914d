"""`planner serve`: the Streamlit app, started the way users get it (what `make run` does).

Safe by default: without sign-in the app opens as the principal social worker, with every
name, so it listens on 127.0.0.1 (this machine only) unless told otherwise. Any other address
is refused until sign-in is set up (an `[auth]` section and a `[planner.roles]` table in a
`.streamlit/secrets.toml` that Streamlit reads), and the refusal says so. The address is passed
to Streamlit on its command line, which overrides any config file or environment variable.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from planner.cli.output import UNUSABLE, err
from planner.disclosure.roles import is_loopback

LOOPBACK = "127.0.0.1"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="start the Streamlit app",
        description="Start the planner app in the browser (what `make run` does). It listens "
        "on 127.0.0.1, this machine only; serving on any other address needs sign-in set up "
        "in .streamlit/secrets.toml (see the README, Signing in and roles).",
    )
    p.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    p.add_argument(
        "--address",
        default=LOOPBACK,
        help="address to listen on (default 127.0.0.1, this machine only); any other address "
        "needs sign-in set up",
    )
    p.add_argument("--headless", action="store_true", help="do not open a browser")
    p.set_defaults(handler=_serve)


def secrets_files(app: Path, cwd: Path | None = None, home: Path | None = None) -> list[Path]:
    """Where Streamlit reads secrets.toml from, later ones winning: the user's, the working
    directory's and the app's own `.streamlit` folder."""
    found = [
        (home or Path.home()) / ".streamlit" / "secrets.toml",
        (cwd or Path.cwd()) / ".streamlit" / "secrets.toml",
        app.parent / ".streamlit" / "secrets.toml",
    ]
    return list(dict.fromkeys(p.resolve() for p in found))


def read_secrets(paths: list[Path]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in paths:
        if path.is_file():
            try:
                merged |= tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ValueError(f"{path} cannot be read: {exc}") from None
    return merged


def serve_refusal(address: str, secrets: Mapping[str, Any]) -> str | None:
    """Why the app may not listen on `address`, or None when it may."""
    from planner.disclosure.roles import RoleMapError, deployment_roles

    if is_loopback(address):
        return None
    try:
        roles = deployment_roles(secrets)
    except RoleMapError as exc:
        return f"Not serving on {address}: {exc}"
    if roles is None:
        return (
            f"Not serving on {address}: without sign-in the planner opens as the principal "
            "social worker, with every name, so anyone who can reach this machine would see "
            "them. Set up sign-in first: an [auth] section and a [planner.roles] table in "
            ".streamlit/secrets.toml (see the README, Signing in and roles), or serve on "
            f"{LOOPBACK} (the default) to use it on this machine only."
        )
    return None


def _serve(args: argparse.Namespace) -> int:
    from planner.paths import app_path

    try:
        secrets = read_secrets(secrets_files(app_path()))
    except ValueError as exc:
        err(str(exc))
        return UNUSABLE
    refused = serve_refusal(args.address, secrets)
    if refused:
        err(refused)
        return UNUSABLE
    argv = serve_argv(args.port, headless=args.headless, address=args.address)
    os.execv(sys.executable, argv)  # replaces this process, so stopping it stops the server
    return 0  # pragma: no cover


def serve_argv(port: int, *, headless: bool, address: str = LOOPBACK) -> list[str]:
    """The command that serves the app as users get it (the browser tests start the same)."""
    from planner.paths import app_path

    argv = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app_path()),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",  # no Deploy button or developer options: this is a product, not a sketch
    ]
    return argv + (["--server.headless", "true"] if headless else [])
