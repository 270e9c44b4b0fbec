"""Problems are data, not exceptions: a code from the registry, a position, a message, a fix.

Imports nothing from ashyq. Codes are kebab-case; where frictionless has a code for the
same problem it is reused verbatim.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """A kind of problem: what it is called, how bad it is and how to fix it in general."""

    code: str
    title: str
    severity: Severity
    fix: str


# The registry. Every Problem's code must be here; tests/test_docs.py checks each is documented.
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        Code("package-error", "Broken datapackage.json", "error",
             "make datapackage.json valid JSON that follows the Data Package spec"),
        Code("resource-error", "Resource cannot be read", "error",
             "check the resource's path and that the file exists"),
        Code("scheme-error", "Resource cannot be opened", "error",
             "check the resource's path and that the file exists"),
        Code("source-error", "File cannot be read as a table", "error",
             "save the file as a UTF-8 CSV with a header row"),
        Code("encoding-error", "File is not UTF-8", "error",
             "save the file as UTF-8 (without a byte-order mark)"),
        Code("schema-error", "Broken Table Schema", "error",
             "fix the schema in datapackage.json"),
        Code("field-error", "Broken field definition", "error",
             "fix the field definition in datapackage.json"),
        Code("blank-header", "Header cell is empty", "error",
             "give every column a name, as in the schema"),
        Code("duplicate-label", "Column name repeated", "error",
             "rename or remove the repeated column"),
        Code("incorrect-label", "Column name differs from the schema", "error",
             "use the column names of the schema, in its order"),
        Code("missing-label", "Column missing", "error",
             "add the column the schema expects, in its place"),
        Code("extra-label", "Column not in the schema", "error",
             "remove the column, or add it to the schema in datapackage.json"),
        Code("blank-row", "Row is empty", "error", "remove the empty row"),
        Code("extra-cell", "Row has too many cells", "error",
             "remove the extra cells, or quote a value that contains a comma"),
        Code("missing-cell", "Row has too few cells", "error",
             "add the missing cells (an empty value still needs its comma)"),
        Code("type-error", "Value has the wrong type", "error",
             "write the value in the field's type"),
        Code("constraint-error", "Value breaks a constraint", "error",
             "use a value the field's constraints allow (see the schema)"),
        Code("primary-key", "Row key repeated", "error",
             "make the key columns unique: remove the duplicate row or correct its key"),
        Code("unique-error", "Value repeated in a unique field", "error",
             "make the value unique"),
        Code("foreign-key", "Reference to a row that does not exist", "error",
             "use a value that exists in the referenced table"),
        Code("unknown-package", "Reference to a package that does not exist", "error",
             "name a package folder under datasets/"),
        Code("row-error", "Row cannot be read", "error", "correct the row"),
        Code("cell-error", "Cell cannot be read", "error", "correct the cell"),
        Code("format-error", "File is not in a tabular format", "error",
             "save the file as CSV"),
        Code("blank-label", "Column name is empty", "error",
             "give every column a name, as in the schema"),
        Code("dialect-error", "CSV dialect cannot be used", "error",
             "use a plain comma-separated CSV"),
        Code("table-dimensions", "Table size out of bounds", "error",
             "check that no rows or columns were lost"),
        Code("general-error", "Unexpected problem", "error",
             "check that the file is a UTF-8 CSV that matches its schema"),
    ]
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, at a position people can go to."""

    path: str
    row: int = 0  # CSV line number, header = 1; 0 when the problem is about the whole file
    col: int = 0  # 1-based column number; 0 when about the whole row or file
    code: str = "package-error"
    message: str = ""
    fix: str = field(default="", compare=False)
    # Which table the problem is in, so the site can show a flag beside its row.
    package: str = field(default="", compare=False)
    resource: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unregistered problem code {self.code!r}")

    @property
    def severity(self) -> Severity:
        return CODES[self.code].severity

    def format(self) -> str:
        """`path:row:col: code: message` then the fix, as people read it in a terminal."""
        where = self.path + "".join(f":{n}" for n in (self.row, self.col) if n)
        fix = self.fix or CODES[self.code].fix
        return f"{where}: {self.code}: {self.message}\n  fix: {fix}"

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "fix": self.fix or CODES[self.code].fix, "severity": self.severity}


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
