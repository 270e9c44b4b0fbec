"""Home: what this is, headline figures computed from the data, ways in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ashyq import model, render
from ashyq.views import Output


@dataclass(frozen=True)
class HomeContext:
    quotas: model.QuotaSummary
    packages: list[tuple[str, str]]  # (name, title), by name


def iter_outputs(data: model.Model) -> Iterator[Output]:
    ctx = HomeContext(
        quotas=model.summarize_quotas(model.quota_rows(data)),
        packages=[(name, pkg.title) for name, pkg in sorted(data.packages.items())],
    )
    yield Output("index.md", render.render_page("index.md.j2", ctx))
