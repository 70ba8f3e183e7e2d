"""Named API keys: who may write, and whose name a review carries.

`peacegraph keys add NAME` draws a random key, shows it once and stores only its SHA-256 (the keys are 32
random bytes, so a fast hash is enough: there is nothing to guess), with the name, when it was made and
whether it was revoked, in a JSON file (`Settings.keys_path()`, under the data directory by default). The
API checks a presented key against the file, reread when it changes, in constant time per key. The single
`PEACEGRAPH_API_KEY` keeps working beside them, as the reviewer `api-key`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
import tempfile
import threading
from dataclasses import asdict, dataclass
from pathlib import Path

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
LEGACY_REVIEWER = "api-key"
PREFIX = "pgk_"


class KeyProblem(ValueError):
    """A key command that cannot be done (bad or taken name, unknown key)."""


@dataclass
class NamedKey:
    name: str
    sha256: str
    created: str
    revoked: str | None = None


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class KeyRing:
    """The keys file. Reads are cached by the file's modification time and size; writes replace the file
    atomically, so a running service never reads half a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._keys: dict[str, NamedKey] = {}

    def keys(self) -> dict[str, NamedKey]:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return {}
        stamp = (st.st_mtime_ns, st.st_size)
        with self._lock:
            if stamp != self._seen:
                data = json.loads(self.path.read_text(encoding="utf-8") or "{}")
                self._keys = {k["name"]: NamedKey(**k) for k in data.get("keys", [])}
                self._seen = stamp
            return dict(self._keys)

    def active(self) -> bool:
        """Whether any key is usable (then every write needs one)."""
        return any(k.revoked is None for k in self.keys().values())

    def who(self, presented: str) -> str | None:
        """The name of the unrevoked key presented, or None."""
        digest = _digest(presented).encode()
        found = None
        for key in self.keys().values():  # every key compared, so timing says nothing about which
            if secrets.compare_digest(digest, key.sha256.encode()) and key.revoked is None:
                found = key.name
        return found

    def add(self, name: str) -> str:
        if not NAME.match(name) or name == LEGACY_REVIEWER:
            raise KeyProblem(f"bad key name {name!r}: letters, digits and _.@- (at most 64), not {LEGACY_REVIEWER!r}")
        keys = self.keys()
        if name in keys and keys[name].revoked is None:
            raise KeyProblem(f"a key named {name!r} exists; revoke it first")
        secret = PREFIX + secrets.token_urlsafe(32)
        keys[name] = NamedKey(name, _digest(secret), _now())
        self._save(keys)
        return secret

    def revoke(self, name: str) -> None:
        keys = self.keys()
        if name not in keys or keys[name].revoked is not None:
            raise KeyProblem(f"no active key named {name!r}")
        keys[name].revoked = _now()
        self._save(keys)

    def _save(self, keys: dict[str, NamedKey]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"keys": [asdict(k) for k in sorted(keys.values(), key=lambda k: k.name)]}, indent=2)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keys-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(body + "\n")
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
