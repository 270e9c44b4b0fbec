"""Git history of the data: the only module that runs git.

Works on a copy without .git (a downloaded archive): every function then returns None
or nothing, and the site says that the history is unavailable.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str  # ISO 8601 with offset, the committer date
    author: str
    subject: str

    @property
    def short(self) -> str:
        return self.sha[:10]


def git(repo: Path, *args: str) -> str | None:
    """Run git in `repo`; None when git or the repository is unavailable."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                              encoding="utf-8", check=False, timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def last_commit(repo: Path, *paths: Path) -> Commit | None:
    """The last commit of `repo` (touching `paths`, when given); None without history."""
    fmt = "%H%x1f%cI%x1f%an%x1f%s"
    out = git(repo, "log", "-1", f"--format={fmt}", "--", *(str(p) for p in paths))
    if not out or not out.strip():
        return None
    sha, date, author, subject = out.strip().split("\x1f", 3)
    return Commit(sha, date, author, subject)
