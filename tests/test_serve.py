"""`planner serve` is safe by default: without sign-in it listens on this machine only, and it
refuses any other address until sign-in is set up, saying why."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from planner.cli.main import main
from planner.cli.serve import serve_refusal
from planner.disclosure.roles import is_loopback

LAUNCH = "import sys; from planner.cli.main import main; sys.exit(main(sys.argv[1:]))"
AUTH = {
    "redirect_uri": "https://planner.example/oauth2callback",
    "cookie_secret": "a-long-random-string",
    "client_id": "planner",
    "client_secret": "secret",
    "server_metadata_url": "https://idp.example/.well-known/openid-configuration",
}
SECRETS = """
[auth]
redirect_uri = "https://planner.example/oauth2callback"
cookie_secret = "a-long-random-string"
client_id = "planner"
client_secret = "secret"
server_metadata_url = "https://idp.example/.well-known/openid-configuration"

[planner.roles]
"psw@council.example" = "principal_social_worker"
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _v4(hex_address: str) -> str:
    return socket.inet_ntop(socket.AF_INET, bytes.fromhex(hex_address)[::-1])


def _v6(hex_address: str) -> str:
    raw = bytes.fromhex(hex_address)
    # /proc writes each 32-bit word of the address in host (little-endian) order
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return socket.inet_ntop(socket.AF_INET6, words)


def listening_on(port: int) -> list[str]:
    """The local addresses of sockets listening on the port, from /proc/net/tcp and tcp6."""
    found = []
    for name, decode in (("tcp", _v4), ("tcp6", _v6)):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.append(decode(address))
    return found


def other_addresses() -> list[str]:
    """This machine's own IPv4 addresses other than loopback (from the kernel's routing trie)."""
    path = Path("/proc/net/fib_trie")
    if not path.exists():
        return []
    lines = path.read_text().splitlines()
    found = {
        lines[i - 1].split()[-1]
        for i, line in enumerate(lines)
        if "/32 host LOCAL" in line and i > 0
    }
    return sorted(a for a in found if not a.startswith("127."))


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")
def test_without_sign_in_the_app_listens_on_this_machine_only(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "HOME": str(tmp_path),  # no ~/.streamlit/secrets.toml: no sign-in
        "PLANNER_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "serve", "--port", str(port), "--headless"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, f"planner serve exited with {proc.returncode}"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the app did not start"
                time.sleep(0.5)
        listening = listening_on(port)
        assert listening, "nothing is listening on the port"
        assert all(is_loopback(a) for a in listening), listening
        for address in other_addresses():
            with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
                pass
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_another_address_without_sign_in_is_refused_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    started: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda _exe, argv: started.append(argv))
    assert main(["serve", "--address", "0.0.0.0", "--headless"]) == 2
    said = capsys.readouterr().err
    assert "Not serving on 0.0.0.0" in said and "[auth]" in said and "127.0.0.1" in said
    assert started == []


def test_another_address_is_served_once_sign_in_is_set_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text(SECRETS)
    started: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda _exe, argv: started.append(argv))
    main(["serve", "--address", "0.0.0.0", "--headless"])
    argv = started[0]
    assert argv[argv.index("--server.address") + 1] == "0.0.0.0"


def test_by_default_the_app_is_started_on_loopback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    started: list[list[str]] = []
    monkeypatch.setattr(os, "execv", lambda _exe, argv: started.append(argv))
    main(["serve", "--headless"])
    assert started[0][started[0].index("--server.address") + 1] == "127.0.0.1"


@pytest.mark.parametrize(
    ("address", "safe"),
    [("127.0.0.1", True), ("::1", True), ("localhost", True), ("127.0.0.2", True)]
    + [("0.0.0.0", False), ("", False), ("192.0.2.2", False), ("planner.example", False)],
)
def test_which_addresses_count_as_this_machine(address: str, safe: bool) -> None:
    assert (serve_refusal(address, {}) is None) == safe


def test_a_broken_role_map_is_refused_too() -> None:
    refusal = serve_refusal("0.0.0.0", {"auth": AUTH})
    assert refusal is not None and "[planner.roles]" in refusal
    assert serve_refusal("0.0.0.0", {"auth": AUTH, "planner": {"roles": {"a@c.uk": "hr"}}}) is None
