"""News dumps → one document per row: JSON lines (`.jsonl`, `.ndjson`), a JSON array (`.json`) and CSV (`.csv`).

Exports of news APIs and scrapers name their fields in many ways, so each document field has a list of
common names (`DEFAULT_FIELDS`, the first one a row has wins) and the user can name the field instead
(`--field text=body --field date=published_at`, tried before the common names; a dotted name reads inside an
object, `outlet=source.name`).

A row's id is stable across re-exports, so loading a newer dump replaces only what changed:
- with a URL, `web_` + a hash of the URL: the same id as the article loaded from its URL
  (`peacegraph load URL`, a feed), so one article is one document however it came in;
- else, with an `id` field named by `--field id=NAME`, `<file stem>_<that id>`;
- else `<file stem>_` + a hash of the text. A row number would change whenever the dump is sorted or
  filtered differently, and a document would take another's id.
A row whose id another row of the same dump already has is a duplicate and is skipped, saying which row it
repeats (otherwise one would silently replace the other).

Rows are read one at a time (a JSON array is the exception: it is parsed whole, up to `MAX_JSON_BYTES`; use
JSON lines for larger dumps), and a bad row is skipped with its row number while the rest go on.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.dates import parse_date
from loaders.documents import DocumentError, display_path
from loaders.readers.fetch import url_id

SUFFIXES = {".jsonl": "application/jsonl", ".ndjson": "application/jsonl", ".json": "application/json",
            ".csv": "text/csv"}
ORIGIN = "dump row"
FIELDS = ("text", "title", "date", "url", "outlet", "author", "language", "id")
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "full_text", "maintext"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "publishedAt", "pubdate", "date_publish", "created_at"),
    "url": ("url", "link", "canonical_url"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "domain"),
    "author": ("author", "authors", "byline", "creator"),
    "language": ("language", "lang"),
    "id": (),  # only when named: an "id" column is often a row counter of one export
}
ARRAY_KEYS = ("articles", "items", "data", "results", "documents", "entries")
MAX_JSON_BYTES = 256 * 2**20
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_.:-]+")


@dataclass(frozen=True)
class Row:
    """One row of a dump, with its document id and its fields mapped to document fields (text included)."""

    dump: str  # the dump file as shown in messages
    number: int  # 1-based
    doc_id: str
    fields: dict[str, Any]
    content_type: str

    @property
    def where(self) -> str:
        return f"{self.dump}, row {self.number}"


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`--field text=body` options → {document field: dump field}; a ValueError names a bad one."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep or not value:
            raise ValueError(f"--field {pair!r}: write it as DOCUMENT_FIELD=DUMP_FIELD, e.g. text=body")
        if key not in FIELDS:
            raise ValueError(f"--field {pair!r}: {key!r} is not one of {', '.join(FIELDS)}")
        mapping[key] = value
    return mapping


def _lookup(record: Mapping[str, Any], name: str) -> Any:
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _as_text(value: Any, field: str) -> str | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Mapping):  # {"id": …, "name": "Reuters"} (NewsAPI's source)
        value = value.get("name")
        return _as_text(value, field)
    if isinstance(value, list):
        parts = [t for t in (_as_text(v, field) for v in value) if t]
        return ("\n\n" if field == "text" else ", ").join(parts) or None
    text = str(value).strip()
    return text or None


def _names(field: str, mapping: Mapping[str, str]) -> tuple[str, ...]:
    """The record fields tried for a document field: the one named by `--field` first (several dumps loaded at
    once may name it differently), then the common names."""
    named = mapping.get(field)
    return (named, *(n for n in DEFAULT_FIELDS[field] if n != named)) if named else DEFAULT_FIELDS[field]


def map_fields(record: Mapping[str, Any], mapping: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The document fields of a record, and which record field each came from."""
    fields: dict[str, Any] = {}
    used: dict[str, str] = {}
    for field in FIELDS:
        for name in _names(field, mapping):
            raw = _lookup(record, name)
            if field == "date" and isinstance(raw, int | float) and not isinstance(raw, bool):
                value: Any = raw
            else:
                value = _as_text(raw, field)
            if value is not None:
                fields[field], used[field] = value, name
                break
    return fields, used


def _row_id(stem: str, fields: Mapping[str, Any]) -> tuple[str, str]:
    """The row's document id and what it was made from ('url', 'id' or 'text')."""
    url = fields.get("url")
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return url_id(url), "url"
    if fields.get("id"):
        return f"{stem}_{_ID_UNSAFE.sub('-', str(fields['id']))}"[:200], "id"
    return f"{stem}_{hashlib.sha256(str(fields.get('text', '')).encode('utf-8', 'surrogatepass')).hexdigest()[:16]}", \
        "text"


def _records(path: Path, where: str) -> Iterator[tuple[int, Mapping[str, Any] | DocumentError]]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            yield from _csv_records(path, where)
        elif suffix == ".json":
            yield from _json_records(path, where)
        else:
            yield from _jsonl_records(path, where)
    except OSError as exc:
        raise DocumentError(f"{where}: cannot read: {exc.strerror or exc}") from None


def _jsonl_records(path: Path, where: str) -> Iterator[tuple[int, Mapping[str, Any] | DocumentError]]:
    number = 0
    with path.open("rb") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            number += 1
            try:
                record = json.loads(line.decode("utf-8-sig" if line_no == 1 else "utf-8"))
            except UnicodeDecodeError:
                yield number, DocumentError(f"{where}, row {number} (line {line_no}): not UTF-8 text")
                continue
            except json.JSONDecodeError as exc:
                yield number, DocumentError(f"{where}, row {number} (line {line_no}): not valid JSON ({exc.msg} "
                                            f"at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield number, DocumentError(f"{where}, row {number} (line {line_no}): a JSON "
                                            f"{type(record).__name__}, not an object of fields")
                continue
            yield number, record


def _json_records(path: Path, where: str) -> Iterator[tuple[int, Mapping[str, Any] | DocumentError]]:
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise DocumentError(f"{where}: a JSON array of {size:,} bytes is over {MAX_JSON_BYTES:,}; convert it to JSON "
                            "lines (.jsonl), which are read a row at a time")
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{where}: not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{where}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    if isinstance(data, dict):
        data = next((data[k] for k in ARRAY_KEYS if isinstance(data.get(k), list)), data)
    if not isinstance(data, list):
        raise DocumentError(f"{where}: a JSON dump must be an array of article objects (or an object holding one "
                            f"under {', '.join(ARRAY_KEYS)})")
    for number, record in enumerate(data, 1):
        if isinstance(record, dict):
            yield number, record
        else:
            yield number, DocumentError(f"{where}, row {number}: a JSON {type(record).__name__}, not an object of "
                                        "fields")


def _csv_records(path: Path, where: str) -> Iterator[tuple[int, Mapping[str, Any] | DocumentError]]:
    csv.field_size_limit(2**31 - 1)  # an article's text is longer than the module's default of 128 KiB
    with path.open("rb") as raw:
        head = raw.readline()
        try:
            header = head.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DocumentError(f"{where}: not UTF-8 text; save the CSV as UTF-8 first") from None
        delimiter = max(",;\t", key=header.count)
        raw.seek(0)
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text, delimiter=delimiter)
        number = 0
        try:
            for record in reader:
                number += 1
                yield number, {k: v for k, v in record.items() if isinstance(k, str)}
        except UnicodeDecodeError:
            raise DocumentError(f"{where}: not UTF-8 text after row {number}; save the CSV as UTF-8 first") from None
        except csv.Error as exc:
            raise DocumentError(f"{where}, row {number + 1}: not readable CSV ({exc})") from None


def iter_rows(path: Path, mapping: Mapping[str, str], max_bytes: int) -> Iterator[Row | DocumentError]:
    """The rows of a dump with their ids, or an error for a row (or the whole file) that cannot be read."""
    where = display_path(path)
    content_type = SUFFIXES.get(path.suffix.lower(), "application/jsonl")
    stem = path.name.split(".")[0]
    seen: dict[str, int] = {}
    try:
        for number, record in _records(path, where):
            if isinstance(record, DocumentError):
                yield record
                continue
            fields, used = map_fields(record, mapping)
            row_where = f"{where}, row {number}"
            text = fields.get("text")
            if not isinstance(text, str) or not text.strip():
                yield DocumentError(f"{row_where}: no text (no field {', '.join(_names('text', mapping))} has any); "
                                    "name the field that holds it with --field text=NAME")
                continue
            size = len(text.encode("utf-8", "surrogatepass"))
            if size > max_bytes:
                yield DocumentError(f"{row_where}: {size:,} bytes of text is over the limit of {max_bytes:,} "
                                    "(PEACEGRAPH_MAX_DOCUMENT_BYTES)")
                continue
            if "date" in fields:
                date = parse_date(fields["date"])
                if date is None:
                    yield DocumentError(f"{row_where}: field {used['date']!r}: cannot read {fields['date']!r} as a "
                                        "date; fix it or map another field with --field date=NAME")
                    continue
                fields["date"] = date
            doc_id, made_from = _row_id(stem, fields)
            if doc_id in seen:
                yield DocumentError(f"{row_where}: the same document as row {seen[doc_id]} (same {made_from}); "
                                    "skipped")
                continue
            seen[doc_id] = number
            yield Row(dump=where, number=number, doc_id=doc_id, fields=fields, content_type=content_type)
    except DocumentError as exc:
        yield exc
