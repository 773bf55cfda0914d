"""The deployment's pseudonym key, kept away from the staff ids, and the audit entry every
export leaves.

A pseudonym is an HMAC of a staff id under this key, so whoever holds the key and the staff ids
can reverse it: the key must not sit in the database beside them (migration 0005 deletes the
copy older planners kept there). Commissioners' files no longer carry pseudonyms (a row per
person is not an aggregate: `planner.disclosure.aggregates`), but files made before do. It comes from
`PLANNER_PSEUDONYM_KEY` when set, else from a file made on first use under the planner's config
folder (`PLANNER_CONFIG_DIR`, else `$XDG_CONFIG_HOME/planner`, else `~/.config/planner`) that
only its owner may read (0600, in a 0700 folder); a file others can read is refused, not used.
`rotate_pseudonym_key` (`planner rotate-key`) replaces it atomically, after which old
pseudonyms can no longer be linked to anyone. Two processes making the key at once agree: the
file is created exclusively, and the loser reads the winner's.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
import tempfile
from pathlib import Path

from planner.store.records import AuditAction
from planner.store.snapshots import AuditEntry, Store, StoreError

KEY_ENV = "PLANNER_PSEUDONYM_KEY"
CONFIG_ENV = "PLANNER_CONFIG_DIR"
KEY_FILE = "pseudonym.key"
KEY_BYTES = 32
MIN_ENV_KEY_CHARS = 16
OWNER_ONLY = 0o600


class PseudonymKeyError(StoreError):
    """The pseudonym key cannot be used safely; the message says what to do."""


def config_dir() -> Path:
    """Where the planner keeps its own settings and secrets (never in the checkout)."""
    given = os.environ.get(CONFIG_ENV)
    if given:
        return Path(given)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "planner"


def key_path() -> Path:
    return config_dir() / KEY_FILE


def pseudonym_key() -> bytes:
    """The key for pseudonyms: from the environment, else the owner-only key file (made once)."""
    from_env = os.environ.get(KEY_ENV)
    if from_env is not None:
        if len(from_env) < MIN_ENV_KEY_CHARS:
            raise PseudonymKeyError(
                f"{KEY_ENV} is too short to keep pseudonyms safe: use at least "
                f"{MIN_ENV_KEY_CHARS} random characters, or unset it to let the planner make one."
            )
        return from_env.encode("utf-8")
    path = key_path()
    if not path.exists():
        with contextlib.suppress(FileExistsError):  # another process made it first: theirs
            _write_new(path, exclusive=True)
    return _read(path)


def rotate_pseudonym_key() -> Path:
    """Replace the key file with a new key (pseudonyms made before can no longer be linked)."""
    if os.environ.get(KEY_ENV) is not None:
        raise PseudonymKeyError(
            f"The key comes from {KEY_ENV}: set a new random value there to rotate it."
        )
    path = key_path()
    _write_new(path, exclusive=False)
    return path


def _write_new(path: Path, *, exclusive: bool) -> None:
    """Write a new key beside the file, then put it in place in one step, so no reader sees
    half a key: by a hard link when the file must not exist yet (the loser of a race gets
    FileExistsError), else by replacing it."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".pseudonym-", suffix=".tmp")
    try:
        os.chmod(tmp, OWNER_ONLY)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_hex(KEY_BYTES).encode("ascii"))
        if exclusive:
            os.link(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _read(path: Path) -> bytes:
    if os.name == "posix" and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise PseudonymKeyError(
            f"The pseudonym key {path} can be read by other users: make it owner-only "
            f"(chmod 600 {path}) or rotate it (`planner rotate-key`)."
        )
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise PseudonymKeyError(
            f"The pseudonym key {path} cannot be read ({exc}): rotate it (`planner rotate-key`)."
        ) from None
    if len(key) < KEY_BYTES:
        raise PseudonymKeyError(
            f"The pseudonym key {path} is too short: rotate it (`planner rotate-key`)."
        )
    return key


def record_export(store: Store, who: str, what: str, service_id: int | None = None) -> AuditEntry:
    """Note in the audit log that `who` exported `what` (no names or figures, just the kind)."""
    return store.record(
        AuditAction.EXPORT, by=who, detail=f"Exported {what}", service_id=service_id
    )
