"""changelog: row-level changes between two CSV versions (pure functions, no git)."""

from __future__ import annotations

import json

from ashyq.changelog import (
    CellChange,
    Change,
    Commit,
    FileChange,
    RowChange,
    diff_file,
    index_history,
    markdown_summary,
    md_cell,
    parse_csv,
)

PATH = "datasets/demo/data/items.csv"


def desc(key: list[str] | None) -> bytes:
    schema: dict[str, object] = {"fields": []}
    if key is not None:
        schema["primaryKey"] = key
    return json.dumps({"resources": [{"name": "items", "path": "data/items.csv", "schema": schema}]}).encode()


def t(text: str):
    return parse_csv(text.encode("utf-8"))


def test_parse_csv_counts_lines_of_quoted_newlines():
    table = t('id,note\n1,"two\nlines"\n2,x\n')
    assert (table.header, table.rows, table.lines) == (["id", "note"], [["1", "two\nlines"], ["2", "x"]], [2, 4])
    assert parse_csv(None).rows == [] and parse_csv(b"\xef\xbb\xbfid\n1\n").header == ["id"]


def test_rows_are_matched_by_key_not_position():
    old, new = t("id,v\n1,a\n2,b\n"), t("id,v\n2,b\n1,A\n")
    assert diff_file(PATH, old, new, desc(["id"]), desc(["id"])).rows == (
        RowChange("changed", ("1",), 3, {"id": "1", "v": "A"}, (CellChange("v", "a", "A"),)),)


def test_without_a_key_rows_are_matched_by_position():
    change = diff_file(PATH, t("id,v\n1,a\n2,b\n"), t("id,v\n2,b\n"), desc(None), desc(None))
    assert (change.key, change.rows_changed, change.rows_removed) == ((), 1, 1)
    assert [(r.kind, r.key) for r in change.rows] == [("changed", ("2",)), ("removed", ("3",))]


def test_the_old_key_is_used_when_the_new_one_names_missing_columns():
    change = diff_file(PATH, t("id,v\n1,a\n"), t("id,v\n1,b\n"), desc(["id"]), desc(["code"]))
    assert change.key == ("id",) and change.rows_changed == 1


def test_a_renamed_key_column_still_matches_rows():
    change = diff_file(PATH, t("code,v\n1,a\n2,b\n"), t("id,v\n1,a\n2,c\n"), desc(["code"]), desc(["id"]))
    assert change == FileChange(PATH, "demo", "items", "modified", ("id",), rows_changed=1,
                                columns_renamed=(("code", "id"),), rows=(
        RowChange("changed", ("2",), 3, {"id": "2", "v": "c"}, (CellChange("v", "b", "c"),)),))


def test_added_and_removed_columns():
    change = diff_file(PATH, t("id,a,b\n1,x,y\n"), t("id,b,c,d\n1,y,z,w\n"), desc(["id"]), desc(["id"]))
    assert (change.columns_added, change.columns_removed, change.columns_renamed, change.rows) == (
        ("c", "d"), ("a",), (), ())


def test_whole_files_are_counted_not_listed():
    assert diff_file(PATH, None, t("id\n1\n2\n"), None, desc(["id"])) == FileChange(
        PATH, "demo", "items", "added", ("id",), rows_added=2)
    assert diff_file(PATH, t("id\n1\n"), None, desc(["id"]), None) == FileChange(
        PATH, "demo", "items", "removed", ("id",), rows_removed=1)


def test_md_cell_escapes_pipes_newlines_and_html():
    assert md_cell("a|b\nc <b>&") == "a\\|b<br>c &lt;b>&amp;"
    assert md_cell("") == " "


def test_markdown_summary_for_a_pull_request_comment():
    change = diff_file(PATH, t("id,v\n1,a|b\n2,x\n"), t("id,v\n1,a\nb\n3,y\n"), desc(["id"]), desc(["id"]))
    assert markdown_summary([change], "a" * 40, "b" * 40) == "\n".join([
        "## Деректердегі өзгерістер / Data changes `aaaaaaaaaa` → `bbbbbbbbbb`",
        "",
        "| файл / file | күйі / status | қосылды / added | жойылды / removed | өзгерді / changed |",
        "|---|---|--:|--:|--:|",
        "| `datasets/demo/data/items.csv` | өзгерді / modified | 2 | 1 | 1 |",
        "",
        "### `datasets/demo/data/items.csv` (demo/items)",
        "",
        "- кілт / key: `id`",
        "",
        "| жол / line | кілт / key | өзгеріс / change | баған / column | бұрын / old | кейін / new |",
        "|--:|---|---|---|---|---|",
        "| 2 | 1 | өзгерді | `v` | a\\|b | a |",
        "| 3 | b | қосылды | | | id=b |",
        "| 4 | 3 | қосылды | | | id=3, v=y |",
        "| 3 | 2 | жойылды | | id=2, v=x | |",
        "",
    ])
    assert markdown_summary([], "a", "b").endswith("Деректер файлдары өзгерген жоқ. / No data file changed.\n")


def test_index_history_by_package_and_by_place_newest_first():
    c1, c2 = Commit("1" * 40, "2026-01-01T00:00:00Z", "A", "one"), Commit("2" * 40, "2026-01-02T00:00:00Z", "B", "two")
    row = RowChange("changed", ("1",), 2, {"id": "1", "place_id": "borli"}, (CellChange("place_id", "oral", "borli"),))
    f = FileChange(PATH, "demo", "items", "modified", ("id",), rows_changed=1, rows=(row,))
    readme = Change(c1, (), ("datasets/demo/README.md",))
    index = index_history([readme, Change(c2, (f,))])
    assert index.by_package == {"demo": [(Change(c2, (f,)), f), (readme, None)]}
    assert index.by_place == {"borli": [(Change(c2, (f,)), f, row)], "oral": [(Change(c2, (f,)), f, row)]}
