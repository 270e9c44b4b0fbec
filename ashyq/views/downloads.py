"""Data files: every resource's CSV, copied byte for byte, at /data/<package>/<file>."""

from __future__ import annotations

from collections.abc import Iterator

from ashyq import model
from ashyq.views import Output


def iter_outputs(data: model.Model) -> Iterator[Output]:
    for name, pkg in sorted(data.packages.items()):
        for res in pkg.resources():
            # what people download is the source file itself, not a re-serialisation
            yield Output(f"data/{name}/{res.path.name}", copy_from=res.path)
