"""What ran: every command appends one entry to ``artifacts/history.json`` (docs/results.md).

An entry says the command, when it started, how long it took, whether it passed, where it wrote
and on which commit of this checkout, or why there is no commit to say.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

HISTORY = "history.json"
# The newest entries kept: a year of daily runs of every tool would not fill it.
KEPT = 500
# Where this package's source is: the commit is that of the code that ran, not of the folder a
# command happened to start in.
SOURCE_ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Commit:
    """The checkout's commit, whether it had uncommitted changes, or why neither is known."""

    sha: str = ""
    dirty: bool = False
    unknown: str = ""  # why there is no sha: "not a git checkout", "git is not installed"


@dataclass(frozen=True)
class Ran:
    """One command that ran: what, when, for how long, with what outcome, into which folder."""

    command: str
    started: datetime  # with its UTC offset
    seconds: float
    ok: bool
    output: str
    commit: Commit

    def to_json(self) -> dict[str, Any]:
        """Return the entry's JSON form."""
        return {**asdict(self), "started": self.started.isoformat(timespec="seconds")}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Ran:
        """Rebuild an entry from its JSON form; raise KeyError, TypeError or ValueError."""
        commit = data["commit"]
        if not isinstance(commit, dict):
            raise TypeError(f"commit is {commit!r}, not an object")
        return cls(
            command=str(data["command"]),
            started=datetime.fromisoformat(data["started"]),
            seconds=float(data["seconds"]),
            ok=bool(data["ok"]),
            output=str(data["output"]),
            commit=Commit(**commit),
        )


def current_commit(root: Path = SOURCE_ROOT) -> Commit:
    """Return ``root``'s commit and whether its tracked files differ from it, or why not."""
    try:
        found = _git(root, "rev-parse", "--show-toplevel", "HEAD")
    except FileNotFoundError:
        return Commit(unknown="git is not installed")
    if found.returncode != 0:
        said = found.stderr.strip().splitlines()
        return Commit(unknown=f"not a git checkout ({said[0] if said else 'git rev-parse failed'})")
    top, sha = found.stdout.split()
    if Path(top).resolve() != root.resolve():  # an installed copy inside some other repository
        return Commit(unknown=f"not a git checkout ({root} is inside {top})")
    changed = _git(root, "status", "--porcelain", "--untracked-files=no")
    return Commit(sha=sha, dirty=bool(changed.stdout.strip()))


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=False, timeout=30
    )


def load(artifacts: Path) -> list[Ran]:
    """Return the recorded entries, oldest first; raise ValueError if the file is unreadable."""
    path = artifacts / HISTORY
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path} holds {type(data).__name__}, not a list")
    try:
        return [Ran.from_json(entry) for entry in data]
    except (KeyError, TypeError, ValueError) as wrong:
        raise ValueError(f"{path}: an entry is not a command that ran ({wrong!r})") from wrong


def record(
    artifacts: Path, *, command: str, ok: bool, started: datetime, seconds: float, output: Path
) -> None:
    """Append what ran to ``artifacts/history.json`` (kept to the newest ``KEPT`` entries).

    An unreadable history is kept aside as ``history.unreadable.json`` and a new one begun, so a
    damaged file never stops a command from saying it ran.
    """
    artifacts.mkdir(parents=True, exist_ok=True)
    entry = Ran(
        command=command,
        started=started.astimezone().replace(microsecond=0),
        seconds=round(seconds, 1),
        ok=ok,
        output=str(output),
        commit=current_commit(),
    )
    with _locked(artifacts):
        try:
            entries = load(artifacts)
        except ValueError:
            os.replace(artifacts / HISTORY, artifacts / "history.unreadable.json")
            entries = []
        entries = [*entries, entry][-KEPT:]
        fresh = artifacts / f"{HISTORY}.new"
        fresh.write_text(
            json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
        os.replace(fresh, artifacts / HISTORY)  # readers never see half a file


@contextmanager
def _locked(artifacts: Path) -> Iterator[None]:
    # Two commands finishing together (make -j2) would otherwise each keep only their own entry.
    with open(artifacts / f"{HISTORY}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield
