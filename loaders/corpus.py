"""The training corpus: real articles coded by people, set by set (`corpus/sets.yaml`).

A set names its texts, its gold file and the vocabulary its gold is coded in (`pack`: the Russia–Ukraine
terms; `core`: the core terms of any peace process). Training, cross-validation and `make eval` read the
corpus through this module only, so a set added to the manifest is trained on and scored without code.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from graph.jsonl import json_objects
from loaders.scoring import Gold, Vocabulary, doc_id

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MANIFEST = "sets.yaml"


class SetSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    texts: str
    gold: str
    vocabulary: Literal["pack", "core"]
    process: str


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sets: dict[str, SetSpec]


@dataclass(frozen=True)
class CorpusDocument:
    set: str
    id: str
    path: Path
    vocabulary: Literal["pack", "core"]
    process: str


@dataclass
class CodedSet:
    name: str
    spec: SetSpec
    root: Path
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def texts(self) -> Path:
        return (self.root / self.spec.texts).resolve()

    def documents(self) -> list[CorpusDocument]:
        return [CorpusDocument(self.name, doc_id(p), p, self.spec.vocabulary, self.spec.process)
                for p in sorted(self.texts.glob("*.txt"))]


class Corpus:
    """The coded sets of a corpus folder, with the vocabularies their gold is scored in."""

    def __init__(self, root: Path = DEFAULT_CORPUS) -> None:
        self.root = root
        manifest = Manifest.model_validate(yaml.safe_load((root / MANIFEST).read_text()))
        self.sets: dict[str, CodedSet] = {}
        for name, spec in manifest.sets.items():
            coded = CodedSet(name, spec, root)
            gold = root / spec.gold
            coded.rows = list(json_objects(gold.read_text(encoding="utf-8").splitlines(), gold))
            self.sets[name] = coded

    @cached_property
    def pack_vocabulary(self) -> Vocabulary:
        return Vocabulary.pack(self.root / "spec" / "codebook.yaml")

    @cached_property
    def core_vocabulary(self) -> Vocabulary:
        return Vocabulary.core(self.root / "spec" / "core-terms.yaml")

    def vocabulary(self, kind: str) -> Vocabulary:
        return self.pack_vocabulary if kind == "pack" else self.core_vocabulary

    def gold(self, name: str) -> Gold:
        coded = self.sets[name]
        return Gold.of(coded.rows, self.vocabulary(coded.spec.vocabulary))

    def documents(self, names: list[str] | None = None) -> Iterator[CorpusDocument]:
        for name, coded in self.sets.items():
            if names is None or name in names:
                yield from coded.documents()
