"""Reading documents: files → cleaned text, metadata and a content hash, or a clear error naming the file.

Metadata comes from YAML front matter (`---` … `---` at the top of the file) or from a sidecar `meta.yaml` in
the same folder, keyed by the file's stem (as in `seeds/`); front matter wins. Page debris (navigation
crumbs, "Leave a Reply", copyright and photo-credit lines, the caption above a credit) is removed before
anything is read, with the patterns of the codebook's `debris` and `credits` lists.

Input is not trusted: NUL characters (which cut an engine's query text) are removed and lone UTF-16
surrogates (which no encoder takes) become U+FFFD, in the text and in every metadata field. Metadata YAML is
read without aliases (a 600-byte alias bomb expands to hundreds of megabytes) and without implicit dates (a
bad calendar date is then one clear error naming its file and entry, not an exception while parsing the
whole `meta.yaml`); front matter is at most `MAX_FRONT_MATTER` bytes, every field at most `MAX_FIELD_CHARS`
characters of text (a list or a mapping is refused, never stored as its Python repr).

Every reader (text files here; web pages, PDFs, dump rows and feed items in `loaders/readers/`) ends in
`from_text`, so every document gets the same normalisation, debris removal, language check and date inference.
Metadata comes in layers, each with its origin: what the document itself embeds (page metadata, PDF info, a
feed item, the URL it was fetched from) under what a person wrote for it (`meta.yaml`, the API's fields, a dump
row's columns) under its front matter; a date none of them gives is inferred from the text's dateline
(`loaders/dates.py`) and marked so. The document keeps where each field came from (`origins`), its source
(file name, URL, dump row) and its content type, and the Document node stores them (`provenance()`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from graph.model import PartialDate
from loaders import language
from loaders.codebook import Codebook
from loaders.dates import infer_date
from loaders.normalise import normalise_text

SUFFIXES = (".txt", ".md", ".markdown")
SIDECAR = "meta.yaml"
META_KEYS = ("title", "outlet", "author", "url", "date", "language", "process")
MAX_FRONT_MATTER = 64 * 1024
MAX_SIDECAR = 32 * 2**20
MAX_FIELD_CHARS = 4000
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.DOTALL)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PARTIAL_DATE = TypeAdapter(PartialDate)
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MetaLoader(_BASE_LOADER):
    """The safe loader (libyaml's when present) without implicit timestamps: dates stay text and are checked
    field by field, so one bad date fails one entry, not the whole file."""


_MetaLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}


def load_meta_yaml(text: str, where: str) -> Any:
    """Metadata YAML (front matter or a sidecar): no aliases, no implicit dates."""
    try:
        for event in yaml.parse(text, Loader=_BASE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                raise DocumentError(f"{where}: YAML aliases (*name) are not allowed in metadata")
        return yaml.load(text, Loader=_MetaLoader)
    except yaml.YAMLError as exc:
        raise DocumentError(f"{where}: not valid YAML: {exc}") from None


def clean_text(value: str) -> str:
    """Text every engine and encoder takes: NUL characters removed, lone surrogates replaced by U+FFFD."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        value = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def display_path(path: Path) -> str:
    """A path as printable text, even when its name is not valid UTF-8."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class DocumentError(Exception):
    """A document that cannot be read; the message names the file and says why."""


DESCRIPTIVE = ("title", "outlet", "author", "url")


@dataclass
class SourceDocument:
    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    sha256: str = ""
    path: Path | None = None
    source: str | None = None  # a file name, a URL, or "<dump file>, row N"
    content_type: str | None = None  # the MIME type of what was read
    origins: dict[str, str] = field(default_factory=dict)  # metadata field -> where its value came from

    def provenance(self) -> dict[str, str | None]:
        """The Document fields that say where it came from: its source, content type, the origin of its
        descriptive metadata (the distinct origins of its title, outlet, author and URL, in that order, joined
        with " + ") and of its date ("inferred" when read from the text)."""
        seen: list[str] = []
        for key in DESCRIPTIVE:
            origin = self.origins.get(key)
            if origin and origin not in seen:
                seen.append(origin)
        return {"source": self.source, "content_type": self.content_type,
                "meta_origin": " + ".join(seen) or None, "date_origin": self.origins.get("date")}


@dataclass(frozen=True)
class MetaLayer:
    """Metadata from one origin. `strict`: a bad field is an error naming `where` (what a person wrote);
    otherwise it is dropped (what a page or a PDF embeds is not the loader's user's to fix)."""

    fields: dict[str, Any]
    origin: str
    where: str
    strict: bool = True


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


def _as_date(value: Any, where: str) -> str | None:
    """YAML may give a date object (from a caller's own loader) or text; both become checked ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str | int):
        raise DocumentError(f"{where}: field 'date' must be a date (YYYY, YYYY-MM or YYYY-MM-DD), "
                            f"not a {type(value).__name__}")
    text = clean_text(str(value).strip())
    try:
        return _PARTIAL_DATE.validate_python(text)
    except ValidationError as exc:
        reason = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        raise DocumentError(f"{where}: {reason}") from None


def normalise_meta(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """The known metadata fields as clean, bounded text; a list, a mapping or an over-long value is an error."""
    meta: dict[str, Any] = {}
    for key in ("title", "outlet", "author", "url", "language", "process"):
        value = raw.get(key)
        if value is None or value == "":
            continue
        if isinstance(value, dict | list | tuple | set):
            raise DocumentError(f"{where}: field '{key}' must be text, not a "
                                f"{'mapping' if isinstance(value, dict) else 'list'}")
        text = clean_text(str(value))
        if len(text) > MAX_FIELD_CHARS:
            raise DocumentError(f"{where}: field '{key}' has {len(text):,} characters, over the limit of "
                                f"{MAX_FIELD_CHARS:,}")
        meta[key] = text
    date = _as_date(raw.get("date"), where)
    if date is not None:
        meta["date"] = date
    return meta


def lenient_meta(raw: dict[str, Any], where: str) -> dict[str, Any]:
    """The known fields of embedded metadata that are valid; the others are left out."""
    meta: dict[str, Any] = {}
    for key in META_KEYS:
        if key in raw:
            try:
                meta.update(normalise_meta({key: raw[key]}, where))
            except DocumentError:
                continue
    return meta


_sidecars: dict[Path, dict[str, Any] | DocumentError] = {}


def sidecar_meta(path: Path) -> tuple[dict[str, Any], str]:
    """The sidecar `meta.yaml` entry for `path` (the file is read once per folder), and where it is, for
    messages: `<folder>/meta.yaml, entry '<stem>'`."""
    folder = path.resolve().parent
    sidecar = folder / SIDECAR
    if folder not in _sidecars:
        data: dict[str, Any] | DocumentError = {}
        if sidecar.is_file():
            try:
                if sidecar.stat().st_size > MAX_SIDECAR:
                    raise DocumentError(f"{display_path(sidecar)}: over {MAX_SIDECAR:,} bytes")
                loaded = load_meta_yaml(sidecar.read_text(encoding="utf-8"), display_path(sidecar)) or {}
                data = loaded if isinstance(loaded, dict) else {}
            except (OSError, UnicodeDecodeError) as exc:
                data = DocumentError(f"{display_path(sidecar)}: cannot read the metadata file: {exc}")
            except DocumentError as exc:
                data = exc
        _sidecars[folder] = data
    data = _sidecars[folder]
    if isinstance(data, DocumentError):
        raise DocumentError(str(data))
    entry = data.get(path.stem) or {}
    where = f"{display_path(sidecar)}, entry {path.stem!r}"
    if not isinstance(entry, dict):
        raise DocumentError(f"{where}: must be a mapping of fields")
    return entry, where


def split_front_matter(text: str, where: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    if match.end() > MAX_FRONT_MATTER:
        raise DocumentError(f"{where}: the front matter has {match.end():,} bytes, over the limit of "
                            f"{MAX_FRONT_MATTER:,}")
    meta = load_meta_yaml(match.group(1), f"{where}: the front matter") or {}
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
    max_debris = codebook.lexicon.debris_max_length  # a paragraph mentioning "subscribe" stays
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
              where: str | None = None, meta_where: str | None = None, meta_origin: str = "given metadata",
              layers: Sequence[MetaLayer] = (), source: str | None = None, content_type: str | None = None,
              reference: dt.date | None = None) -> SourceDocument:
    """A document given as text (every reader ends here). Metadata, lowest first: `layers` (what the document
    embeds), `meta` (a sidecar entry, the API's fields, a dump row's; `meta_where` names it in messages,
    `meta_origin` says what it is), then front matter in the text. A date none of them gives is inferred from
    the text (`reference`: the day the text was obtained, for a dateline without a year; default today). A
    text in another language than English is an error naming the language."""
    where = where or doc_id
    text = clean_text(text)
    if not text.strip():
        raise DocumentError(f"{where}: the document is empty")
    front, body = split_front_matter(text, where)
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for layer in (*layers, MetaLayer(meta or {}, meta_origin, meta_where or where),
                  MetaLayer(front, "front matter", where)):
        fields = normalise_meta(layer.fields, layer.where) if layer.strict else lenient_meta(layer.fields,
                                                                                             layer.where)
        merged.update(fields)
        origins.update(dict.fromkeys(fields, layer.origin))
    cleaned = clean(normalise_text(body), codebook)
    if not cleaned.strip():
        raise DocumentError(f"{where}: nothing is left once page debris is removed")
    code = language.detect(cleaned)
    if code is not None and code != "en":
        raise DocumentError(f"{where}: the text is in {language.name(code)} ({code}), not English; only English "
                            "documents are read")
    if code is not None and "language" not in merged:
        merged["language"], origins["language"] = code, "detected"
    if "date" not in merged:
        inferred = infer_date(cleaned, reference or dt.date.today())
        if inferred is not None:
            merged["date"], origins["date"] = inferred
    provenance = {"source": source, "content_type": content_type, "origins": origins} if source or \
        content_type else {}
    return SourceDocument(id=doc_id, text=cleaned, meta=merged, sha256=content_hash(text, {**merged, **provenance}),
                          source=source, content_type=content_type, origins=origins)


def file_reference(path: Path) -> dt.date | None:
    """The day a file was last written: the best guess at when its text was obtained (for datelines)."""
    try:
        return dt.date.fromtimestamp(path.stat().st_mtime)
    except (OSError, ValueError, OverflowError):
        return None


def read_document(path: Path, *, codebook: Codebook, max_bytes: int) -> SourceDocument:
    where = display_path(path)
    if where != str(path):
        raise DocumentError(f"{where}: the file name is not valid UTF-8; rename the file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{where}: cannot read: {exc.strerror or exc}") from None
    text = decode(data, where, max_bytes)
    entry, entry_where = sidecar_meta(path)
    kind = "text/markdown" if path.suffix.lower() in (".md", ".markdown") else "text/plain"
    document = from_text(text, doc_id=document_id(path), meta=entry, codebook=codebook, where=where,
                         meta_where=entry_where, meta_origin=SIDECAR, source=path.name, content_type=kind,
                         reference=file_reference(path))
    document.path = path
    return document
