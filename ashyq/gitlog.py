"""Git history of the data: the only module that runs git.

Works on a copy without .git (a downloaded archive): every function then returns None
or nothing, and the site says that the history is unavailable.

History is read in two git processes whatever its length: one `git log --raw` lists
every commit that touched datasets/ with the blob ids of each file before and after, and
one long-running `git cat-file --batch` reads those blobs. changelog.py (pure) turns each
pair of versions into row-level changes.
"""

from __future__ import annotations

import subprocess
import tarfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from types import TracebackType

from ashyq import changelog
from ashyq.changelog import Change, Commit, FileChange, Table

__all__ = ["Commit", "git", "last_commit", "data_history", "diff_revisions", "export_tree", "source_changes",
           "shallow_cut"]

NULL_OID = "0" * 40
DESCRIPTOR = "datapackage.json"
# %x1e starts a commit; fields are split by %x1f (neither occurs in names or subjects)
LOG_FORMAT = "%x1e%H%x1f%cI%x1f%an%x1f%s"


def git(repo: Path, *args: str) -> str | None:
    """Run git in `repo`; None when git or the repository is unavailable."""
    out = git_bytes(repo, *args)
    return out.decode("utf-8", errors="replace") if out is not None else None


def git_bytes(repo: Path, *args: str) -> bytes | None:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False, timeout=300)
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


def locate(datasets: Path) -> tuple[Path, str] | None:
    """(repository root, `datasets` relative to it) — None outside a git work tree."""
    where = _where(datasets)
    return (where[0], where[1]) if where else None


def _where(datasets: Path) -> tuple[Path, str, list[str]] | None:
    """locate, and the boundary commits of a shallow clone ([] when the history is whole),
    in one git process."""
    if not datasets.is_dir():
        return None
    out = git(datasets, "rev-parse", "--show-toplevel", "--is-shallow-repository", "--path-format=absolute",
              "--git-path", "shallow")
    lines = out.splitlines() if out else []
    if len(lines) < 3 or not lines[0].strip():
        return None
    root = Path(lines[0].strip()).resolve()
    try:
        rel = datasets.resolve().relative_to(root).as_posix()
    except ValueError:
        return None
    return root, rel, _boundary(Path(lines[2].strip())) if lines[1].strip() == "true" else []


class BlobReader:
    """One `git cat-file --batch` process: read many objects without a process each."""

    def __init__(self, repo: Path):
        self.proc = subprocess.Popen(["git", "-C", str(repo), "cat-file", "--batch"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)

    def read(self, spec: str) -> bytes | None:
        """The content of `spec` (an object id or "<rev>:<path>"); None when missing."""
        if spec == NULL_OID or "\n" in spec:
            return None
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(spec.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().split()
        if len(header) != 3:  # "<spec> missing" or "<spec> ambiguous"
            return None
        data = self.proc.stdout.read(int(header[2]))
        self.proc.stdout.read(1)  # the newline after the content
        return data if header[1] == b"blob" else None

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)
        if self.proc.stdout:
            self.proc.stdout.close()

    def __enter__(self) -> BlobReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


RawEntry = tuple[str, str, str]  # (old blob id, new blob id, path)


def iter_log(root: Path, rel: str) -> Iterator[tuple[Commit, list[RawEntry]]] | None:
    """Every commit that touched `rel`, oldest first, with its raw file entries.

    Renames are reported as a removal and an addition (`--no-renames`): a renamed CSV
    is a new resource for the people who link to it. Merge commits list no files of
    their own (their changes are in the commits they merge) and are left out.
    """
    out = git_bytes(root, "log", "--reverse", "--no-renames", "--raw", "--no-abbrev", "-z",
                    f"--format={LOG_FORMAT}", "--", rel)
    if out is None:
        return None
    return _parse_log(out.decode("utf-8", errors="replace"))


def _parse_log(text: str) -> Iterator[tuple[Commit, list[RawEntry]]]:
    for record in text.split("\x1e")[1:]:
        head, _, rest = record.partition("\0")
        sha, date, author, subject = head.strip().split("\x1f", 3)
        tokens = rest.lstrip("\n").split("\0")
        entries: list[RawEntry] = []
        for meta, path in zip(tokens[0::2], tokens[1::2]):
            fields = meta.lstrip(":").split()
            if len(fields) >= 4:
                entries.append((fields[2], fields[3], path))
        if entries:
            yield Commit(sha, date, author, subject), entries


def shallow_cut(datasets: Path) -> Commit | None:
    """In a shallow clone (`git clone --depth N`), the newest commit whose parents this copy
    does not have: its changes, and everything before it, cannot be read. None when the
    history is whole (or there is none)."""
    where = _where(datasets)
    if where is None or not where[2]:
        return None
    found = git(where[0], "log", "-1", "--no-walk", "--format=%H%x1f%cI%x1f%an%x1f%s", *where[2])
    if not found or not found.strip():
        return None
    sha, date, author, subject = found.strip().split("\x1f", 3)
    return Commit(sha, date, author, subject)


def _boundary(shallow: Path) -> list[str]:
    """The commit ids of a shallow clone's boundary (the `shallow` file of its git folder)."""
    try:
        text = shallow.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in text.split() if len(line) in (40, 64)]


def data_history(datasets: Path) -> list[Change] | None:
    """Every commit that touched `datasets`, oldest first, with its row-level changes.

    Paths in the records are written "datasets/<package>/…" whatever the folder's place in
    the repository. None when there is no git history (a copy without .git). In a shallow
    clone the boundary commits are left out: without their parents git lists all their
    files as added, which would read as if they had added every row (see shallow_cut).
    """
    where = _where(datasets)
    if where is None:
        return None
    root, rel, boundary = where
    cut = set(boundary)
    log = iter_log(root, rel)
    if log is None:
        return None
    changes: list[Change] = []
    parsed: dict[str, Table] = {}  # blob id → table: a commit's new version is the next one's old
    with BlobReader(root) as blobs:
        for commit, entries in log:
            if commit.sha in cut:
                continue
            files: list[FileChange] = []
            others: list[str] = []
            for old_oid, new_oid, path in sorted(entries, key=lambda e: e[2]):
                shown = _shown_path(path, rel)
                if not is_data_csv(shown):
                    others.append(shown)
                    continue
                package_dir = "/".join(path.split("/")[: len(PurePosixPath(rel).parts) + 1])
                old_desc = blobs.read(f"{commit.sha}^:{package_dir}/{DESCRIPTOR}")
                new_desc = blobs.read(f"{commit.sha}:{package_dir}/{DESCRIPTOR}")
                old, new = _table(blobs, old_oid, parsed), _table(blobs, new_oid, parsed)
                files.append(changelog.diff_file(shown, old, new, old_desc, new_desc))
                parsed.pop(old_oid, None)  # superseded: memory holds one version per file
            changes.append(Change(commit, tuple(files), tuple(others)))
    return changes


def _table(blobs: BlobReader, oid: str, parsed: dict[str, Table]) -> Table | None:
    if oid == NULL_OID:
        return None
    if oid not in parsed:
        parsed[oid] = changelog.parse_csv(blobs.read(oid))
    return parsed[oid]


def is_data_csv(shown: str) -> bool:
    """A package's data file ("datasets/<package>/data/….csv"); CSVs among the sources
    (copies of reference lists, never edited) are not rows of the data."""
    parts = PurePosixPath(shown).parts
    return shown.endswith(".csv") and len(parts) > 3 and parts[2] == "data"


def _shown_path(path: str, rel: str) -> str:
    """A repository path as "datasets/<package>/…"."""
    inner = path[len(rel) + 1:] if rel not in ("", ".") and path.startswith(rel + "/") else path
    return f"datasets/{inner}"


def diff_revisions(datasets: Path, base: str, head: str) -> list[FileChange] | None:
    """The changes to the CSV files of `datasets` from commit `base` to commit `head`."""
    where = locate(datasets)
    if where is None:
        return None
    root, rel = where
    out = git_bytes(root, "diff", "--raw", "--no-renames", "--no-abbrev", "-z", base, head, "--", rel)
    if out is None:
        return None
    tokens = out.decode("utf-8", errors="replace").split("\0")
    entries = [(f[2], f[3], path) for meta, path in zip(tokens[0::2], tokens[1::2])
               if len(f := meta.lstrip(":").split()) >= 4]
    files: list[FileChange] = []
    parsed: dict[str, Table] = {}
    with BlobReader(root) as blobs:
        for old_oid, new_oid, path in sorted(entries, key=lambda e: e[2]):
            if not is_data_csv(_shown_path(path, rel)):
                continue
            package_dir = "/".join(path.split("/")[: len(PurePosixPath(rel).parts) + 1])
            files.append(changelog.diff_file(
                _shown_path(path, rel), _table(blobs, old_oid, parsed), _table(blobs, new_oid, parsed),
                blobs.read(f"{base}:{package_dir}/{DESCRIPTOR}"),
                blobs.read(f"{head}:{package_dir}/{DESCRIPTOR}")))
    return files


def source_changes(datasets: Path, base: str, head: str) -> list[tuple[str, str]] | None:
    """The files of the packages' `sources/` folders that changed from `base` to `head`:
    (status, path as "datasets/<package>/sources/…"), status "A" added, "M" modified
    (also a changed file mode or type, "T"), "D" deleted. A rename is a deletion and an
    addition (`--no-renames`). None without a repository."""
    where = locate(datasets)
    if where is None:
        return None
    root, rel = where
    out = git_bytes(root, "diff", "--name-status", "--no-renames", "-z", base, head, "--", rel)
    if out is None:
        return None
    tokens = out.decode("utf-8", errors="replace").split("\0")
    found = []
    for status, path in zip(tokens[0::2], tokens[1::2]):
        shown = _shown_path(path, rel)
        if is_source(shown):
            found.append(("M" if status[:1] == "T" else status[:1], shown))
    return found


def is_source(shown: str) -> bool:
    """A file of a package's sources/ folder ("datasets/<package>/sources/…")."""
    parts = PurePosixPath(shown).parts
    return len(parts) > 3 and parts[2] == "sources"


def resolve(datasets: Path, rev: str) -> str | None:
    """The full commit id of `rev`; None when it is not a commit of the repository."""
    where = locate(datasets)
    out = git(where[0], "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}") if where else None
    return out.strip() if out else None


def export_tree(datasets: Path, rev: str, dest: Path) -> Path | None:
    """Write the `datasets` folder as it is at commit `rev` into `dest`; returns the copy.

    The archive is read as git writes it (a stream), never held whole in memory: a pull
    request may add a large file."""
    where = locate(datasets)
    if where is None:
        return None
    root, rel = where
    try:
        proc = subprocess.Popen(["git", "-C", str(root), "archive", "--format=tar", rev, "--", rel],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return None
    assert proc.stdout is not None
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
            tar.extractall(dest, filter="data")
    except (tarfile.TarError, OSError):
        return None
    finally:
        proc.stdout.close()
        proc.wait(timeout=300)
    return dest / rel if proc.returncode == 0 else None
