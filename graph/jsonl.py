"""JSON-lines files a person may have edited (gold files, backups): read object by object, and a bad line is an
error that names the file and the line, never a crash further on."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any


def json_objects(lines: Iterable[str], path: Path, *, first: int = 1, error: type[ValueError] = ValueError
                 ) -> Iterator[dict[str, Any]]:
    """The JSON objects of `lines` (numbered from `first`), blank lines skipped."""
    for n, line in enumerate(lines, first):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise error(f"{path}:{n}: not a JSON object")
        yield row
