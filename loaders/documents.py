"""Reading documents: files → cleaned text, metadata and a content hash, or a clear error naming the file.

Metadata comes from YAML front matter (`---` … `---` at the top of the file) or from a sidecar `meta.yaml` in
the same folder, keyed by the file's stem (as in `seeds/`); front matter wins. Page debris (navigation
crumbs, "Leave a Reply", copyright and photo-credit lines, the caption above a credit) is removed before
anything is read, with the patterns of the codebook's `debris` and `credits` lists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from loaders.codebook import Codebook, load_yaml

SUFFIXES = (".txt", ".md", ".markdown")
SIDECAR = "meta.yaml"
META_KEYS = ("title", "outlet", "author", "url", "date", "language")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


class DocumentError(Exception):
    """A document that cannot be read; the message names the file and says why."""


@dataclass
class SourceDocument:
    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""
    path: Path | None = None


def iter_paths(paths: Iterable[Path]) -> Iterator[Path | DocumentError]:
    """Document files under `paths` (files as given, folders searched recursively, sorted), or an error for a
    path that does not exist."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            yield path
        else:
            yield DocumentError(f"{path}: no such file or folder")


def _as_date(value: Any) -> str | None:
    """YAML reads 2022-03-28 as a date and 2025-04 as a string; both become ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text if _DATE.match(text) else None


def normalise_meta(raw: dict[str, Any], where: str) -> dict[str, Any]:
    meta = {k: raw.get(k) for k in META_KEYS if raw.get(k) not in (None, "")}
    for key in ("title", "outlet", "author", "url", "language"):
        if key in meta:
            meta[key] = str(meta[key])
    if "date" in raw and raw["date"] not in (None, ""):
        date = _as_date(raw["date"])
        if date is None:
            raise DocumentError(f"{where}: date {raw['date']!r} is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")
        meta["date"] = date
    return meta


_sidecars: dict[Path, dict[str, Any]] = {}


def sidecar_meta(path: Path) -> dict[str, Any]:
    """The sidecar `meta.yaml` entry for `path` (cached per folder)."""
    folder = path.resolve().parent
    if folder not in _sidecars:
        sidecar = folder / SIDECAR
        data: dict[str, Any] = {}
        if sidecar.is_file():
            try:
                loaded = load_yaml(sidecar.read_text(encoding="utf-8")) or {}
            except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
                raise DocumentError(f"{sidecar}: cannot read the metadata file: {exc}") from None
            data = loaded if isinstance(loaded, dict) else {}
        _sidecars[folder] = data
    entry = _sidecars[folder].get(path.stem) or {}
    return entry if isinstance(entry, dict) else {}


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    try:
        meta = load_yaml(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise DocumentError(f"{where}: the front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise DocumentError(f"{where}: the front matter is not a mapping of fields")
    return meta, text[match.end():]


def decode(data: bytes, where: str, max_bytes: int) -> str:
    if len(data) > max_bytes:
        raise DocumentError(f"{where}: {len(data):,} bytes is over the limit of {max_bytes:,} "
                            "(PEACEGRAPH_MAX_DOCUMENT_BYTES)")
    if not data.strip():
        raise DocumentError(f"{where}: the file is empty")
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{where}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{where}: not UTF-8 text (byte {exc.start}: {data[exc.start:exc.start + 1]!r}); "
                            "convert it to UTF-8 first") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean(text: str, codebook: Codebook) -> str:
    """Drop debris lines and duplicate lines (breadcrumbs repeat the title); a caption goes with its credit."""
    debris = codebook.rule_regex("debris")
    credits = codebook.rule_regex("credits")
    max_debris = int(codebook.rules.get("debris_max_length", 200))  # a paragraph mentioning "subscribe" stays
    kept: list[str] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            kept.append("")
            continue
        if credits is not None and credits.fullmatch(stripped):
            while kept and not kept[-1].strip():
                kept.pop()
            if kept and len(kept[-1]) < 250:
                kept.pop()  # the photo caption above the credit
            continue
        key = stripped.lstrip("-–—• ").strip().lower()
        is_debris = debris is not None and len(stripped) <= max_debris and debris.fullmatch(stripped)
        if is_debris or key in seen:
            continue
        seen.add(key)
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip() + "\n"


def content_hash(text: str, meta: dict[str, Any]) -> str:
    """Over the raw text and the metadata: a corrected date must reload the document too."""
    payload = text + "\x00" + json.dumps(meta, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def document_id(path: Path) -> str:
    return path.name.split(".")[0]


def from_text(text: str, *, doc_id: str, meta: dict[str, Any] | None, codebook: Codebook,
              where: str | None = None) -> SourceDocument:
    """A document given as text (the API's POST /documents, tests); front matter in the text is honoured."""
    where = where or doc_id
    if not text.strip():
        raise DocumentError(f"{where}: the document is empty")
    front, body = split_front_matter(text, where)
    merged = normalise_meta({**(meta or {}), **front}, where)
    cleaned = clean(body, codebook)
    if not cleaned.strip():
        raise DocumentError(f"{where}: nothing is left once page debris is removed")
    return SourceDocument(id=doc_id, text=cleaned, meta=merged, sha256=content_hash(text, merged))


def read_document(path: Path, *, codebook: Codebook, max_bytes: int) -> SourceDocument:
    where = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{where}: cannot read: {exc.strerror or exc}") from None
    text = decode(data, where, max_bytes)
    document = from_text(text, doc_id=document_id(path), meta=sidecar_meta(path), codebook=codebook, where=where)
    document.path = path
    return document
