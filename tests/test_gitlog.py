"""gitlog against a real git repository made in tmp_path, with real commits."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from ashyq import gitlog
from ashyq.changelog import CellChange, FileChange, RowChange

FIELDS = ["id", "place_id", "name", "value"]


def run(repo: Path, *args: str, env_date: str | None = None) -> str:
    env = {"GIT_AUTHOR_NAME": "Айгүл Сейітова", "GIT_AUTHOR_EMAIL": "a@example.org",
           "GIT_COMMITTER_NAME": "Айгүл Сейітова", "GIT_COMMITTER_EMAIL": "a@example.org",
           "HOME": str(repo), "PATH": "/usr/bin:/bin", "GIT_CONFIG_NOSYSTEM": "1"}
    if env_date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = env_date
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True,
                          text=True).stdout


def descriptor(fields: list[str], extra: bool = False) -> str:
    resources = [{"name": "items", "path": "data/items.csv",
                  "schema": {"fields": [{"name": f, "type": "string"} for f in fields], "primaryKey": ["id"]}}]
    if extra:
        resources.append({"name": "notes", "path": "data/notes.csv",
                          "schema": {"fields": [{"name": "text", "type": "string"}]}})
    return json.dumps({"name": "demo", "resources": resources}, ensure_ascii=False, indent=1)


class Repo:
    """A data repository: datasets/demo with one resource keyed by `id`."""

    def __init__(self, root: Path):
        self.root = root
        self.pkg = root / "datasets" / "demo"
        (self.pkg / "data").mkdir(parents=True)
        run(root, "init", "-q", "-b", "main")
        self.day = 0

    def write(self, rel: str, text: str) -> None:
        (self.pkg / rel).write_text(text, encoding="utf-8", newline="\n")

    def commit(self, message: str) -> str:
        self.day += 1
        run(self.root, "add", "-A")
        run(self.root, "commit", "-q", "-m", message, env_date=f"2026-01-{self.day:02d}T10:00:00+05:00")
        return run(self.root, "rev-parse", "HEAD").strip()


def make_history(root: Path) -> tuple[Repo, list[str]]:
    """add a row, edit a cell, delete a row, rename a column, add a file."""
    repo = Repo(root)
    repo.write("datapackage.json", descriptor(FIELDS))
    repo.write("data/items.csv", "id,place_id,name,value\n1,oral,Алпha,10\n2,borli,Beta,20\n")
    repo.write("README.md", "demo\n")
    shas = [repo.commit("data(demo): first rows")]
    repo.write("data/items.csv", "id,place_id,name,value\n1,oral,Алпha,10\n2,borli,Beta,20\n3,oral,Gamma,30\n")
    shas.append(repo.commit("data(demo): add a row"))
    repo.write("data/items.csv", "id,place_id,name,value\n1,oral,Алпha,10\n2,borli,Beta,25\n3,oral,Gamma,30\n")
    shas.append(repo.commit("data(demo): correct a value"))
    repo.write("data/items.csv", "id,place_id,name,value\n2,borli,Beta,25\n3,oral,Gamma,30\n")
    shas.append(repo.commit("data(demo): delete a row"))
    repo.write("datapackage.json", descriptor(["id", "place_id", "name", "amount"]))
    repo.write("data/items.csv", "id,place_id,name,amount\n2,borli,Beta,25\n3,oral,Gamma,30\n")
    shas.append(repo.commit("data(demo): rename value to amount"))
    repo.write("datapackage.json", descriptor(["id", "place_id", "name", "amount"], extra=True))
    repo.write("data/notes.csv", "text\nбір\nекі\n")
    shas.append(repo.commit("data(demo): add notes"))
    return repo, shas


@pytest.fixture
def history_repo(tmp_path: Path) -> tuple[Repo, list[str]]:
    return make_history(tmp_path / "repo")


ITEMS = "datasets/demo/data/items.csv"
NOTES = "datasets/demo/data/notes.csv"


def test_history_records_every_kind_of_change(history_repo):
    repo, shas = history_repo
    history = gitlog.data_history(repo.root / "datasets")
    assert history is not None
    assert [(c.commit.sha, c.commit.date, c.commit.author, c.commit.subject) for c in history] == [
        (sha, f"2026-01-{i + 1:02d}T10:00:00+05:00", "Айгүл Сейітова", subject)
        for i, (sha, subject) in enumerate(zip(shas, [
            "data(demo): first rows", "data(demo): add a row", "data(demo): correct a value",
            "data(demo): delete a row", "data(demo): rename value to amount", "data(demo): add notes"]))]
    files = [c.files for c in history]
    assert files[0] == (FileChange(ITEMS, "demo", "items", "added", ("id",), rows_added=2),)
    assert files[1] == (FileChange(ITEMS, "demo", "items", "modified", ("id",), rows_added=1, rows=(
        RowChange("added", ("3",), 4, {"id": "3", "place_id": "oral", "name": "Gamma", "value": "30"}),)),)
    assert files[2] == (FileChange(ITEMS, "demo", "items", "modified", ("id",), rows_changed=1, rows=(
        RowChange("changed", ("2",), 3, {"id": "2", "place_id": "borli", "name": "Beta", "value": "25"},
                  (CellChange("value", "20", "25"),)),)),)
    assert files[3] == (FileChange(ITEMS, "demo", "items", "modified", ("id",), rows_removed=1, rows=(
        RowChange("removed", ("1",), 2, {"id": "1", "place_id": "oral", "name": "Алпha", "value": "10"}),)),)
    assert files[4] == (FileChange(ITEMS, "demo", "items", "modified", ("id",),
                                   columns_renamed=(("value", "amount"),)),)
    assert files[5] == (FileChange(NOTES, "demo", "notes", "added", (), rows_added=2),)
    assert [c.other_paths for c in history] == [
        ("datasets/demo/README.md", "datasets/demo/datapackage.json"), (), (), (),
        ("datasets/demo/datapackage.json",), ("datasets/demo/datapackage.json",)]


def test_history_is_none_without_git(history_repo, tmp_path):
    repo, _ = history_repo
    copy = tmp_path / "copy" / "datasets"
    shutil.copytree(repo.root / "datasets", copy)
    assert gitlog.data_history(copy) is None
    assert gitlog.last_commit(copy, copy) is None
    assert gitlog.diff_revisions(copy, "HEAD~1", "HEAD") is None


def test_history_of_a_repository_without_commits_is_none(tmp_path):
    (tmp_path / "datasets").mkdir()
    run(tmp_path, "init", "-q")
    assert gitlog.data_history(tmp_path / "datasets") is None


def test_diff_revisions_spans_several_commits(history_repo):
    repo, shas = history_repo
    files = gitlog.diff_revisions(repo.root / "datasets", shas[0], shas[3])
    assert files == [FileChange(ITEMS, "demo", "items", "modified", ("id",), rows_added=1, rows_removed=1,
                                rows_changed=1, rows=(
        RowChange("changed", ("2",), 2, {"id": "2", "place_id": "borli", "name": "Beta", "value": "25"},
                  (CellChange("value", "20", "25"),)),
        RowChange("added", ("3",), 3, {"id": "3", "place_id": "oral", "name": "Gamma", "value": "30"}),
        RowChange("removed", ("1",), 2, {"id": "1", "place_id": "oral", "name": "Алпha", "value": "10"})))]
    assert gitlog.diff_revisions(repo.root / "datasets", shas[0], "no-such-rev") is None


def test_export_tree_writes_the_datasets_of_a_commit(history_repo, tmp_path):
    repo, shas = history_repo
    out = gitlog.export_tree(repo.root / "datasets", shas[1], tmp_path / "export")
    assert out == tmp_path / "export" / "datasets"
    assert (out / "demo" / "data" / "items.csv").read_text(encoding="utf-8").count("\n") == 4
    assert not (out / "demo" / "data" / "notes.csv").exists()


def test_history_of_hundreds_of_commits_takes_two_processes(tmp_path, monkeypatch):
    repo = Repo(tmp_path / "big")
    repo.write("datapackage.json", descriptor(FIELDS))
    rows = ["id,place_id,name,value"]
    for i in range(200):
        rows.append(f"{i},oral,n{i},{i}")
        repo.write("data/items.csv", "\n".join(rows) + "\n")
        run(repo.root, "add", "-A")
        run(repo.root, "commit", "-q", "-m", f"row {i}", env_date="2026-01-01T10:00:00+05:00")
    calls: list[list[str]] = []
    real_popen = gitlog.subprocess.Popen  # subprocess.run starts its process through Popen too
    monkeypatch.setattr(gitlog.subprocess, "Popen", lambda args, **kw: calls.append(args) or real_popen(args, **kw))
    history = gitlog.data_history(repo.root / "datasets")
    assert history is not None and len(history) == 200
    assert [f.rows_added for c in history[1:] for f in c.files] == [1] * 199
    assert [a[3] for a in calls] == ["rev-parse", "log", "cat-file"]
