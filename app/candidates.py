"""Candidate actors: names the codebook does not know, found in the loaded documents, and the YAML an analyst
adds to a pack to make them actors (`peacegraph actors --unknown`, `/pages/candidates`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from graph.store import Store
from graph.vocabulary import ActorKind
from loaders.codebook import load_codebook

_ID_CHARS = re.compile(r"[^A-Z0-9]+")


def candidate_rows(store: Store, process: str | None, limit: int,
                   codebook: Sequence[Path] = ()) -> list[dict[str, Any]]:
    """The stored candidates, most named first, less those the codebook has learnt since they were loaded."""
    cb = load_codebook(codebook)
    known = {f.lower().rstrip(".") for f in (*cb.actor_forms, *cb.official_forms)}
    rows = store.run("unknown_actors", process=process, limit=limit * 2)
    return [r for r in rows if str(r["name"]).lower().rstrip(".") not in known][:limit]


def taken_ids(codebook: Sequence[Path] = ()) -> list[str]:
    return list(load_codebook(codebook).actors)


def suggested_id(name: str) -> str:
    """An upper-case id for a new actor: an acronym stays as it is, a long name becomes its initials."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", name) if w.lower() not in ("the", "of", "for", "and", "al")]
    if len(words) == 1:
        return _ID_CHARS.sub("", words[0].upper())[:12] or "NEW"
    return "".join(w[0].upper() for w in words)[:12] or "NEW"


# the words the candidate query answers, as the codebook's actor kinds (plain strings: the snippet is YAML)
_KIND = {"armed group or movement": ActorKind.ARMED_GROUP.value, "organisation or group": ActorKind.ORGANIZATION.value}


def yaml_snippet(rows: Sequence[dict[str, Any]], process: str | None = None, taken: Sequence[str] = ()) -> str:
    """A codebook file that makes the candidates actors (people become officials of an actor to fill in); an
    id is never one the codebook (`taken`) or the snippet already uses."""
    used = set(taken)
    actors: dict[str, Any] = {}
    officials: dict[str, Any] = {}
    for r in rows:
        name = str(r["name"])
        if r.get("kind") == "person":
            key = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            officials[key] = {"name": name, "role": "TODO", "represents": "TODO"}
        else:
            base = key = suggested_id(name)
            n = 1
            while key in used or key in actors:
                n += 1
                key = f"{base}{n}"
            kind = _KIND.get(str(r.get("kind")), ActorKind.ARMED_GROUP.value)
            actors[key] = {"name": name, "kind": kind, "aliases": []}
    data: dict[str, Any] = {}
    if process:
        data["pack"] = process
    if actors:
        data["actors"] = actors
    if officials:
        data["officials"] = officials
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)
