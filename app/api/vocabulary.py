"""What the codebook knows that the graph does not (yet) store: which terms are opposites.

`nato_non_accession` and `ukraine_nato_membership` are opposites in the codebook, but Term nodes carry no
`opposite` property, so the conflicts query takes the pairs as a parameter. The graph's own property wins
when a node has one.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from app.settings import Settings

log = logging.getLogger(__name__)


@cache
def _pairs(extra: tuple[Path, ...]) -> tuple[tuple[str, str], ...]:
    try:
        from loaders.codebook import load_codebook
    except ImportError as exc:  # pragma: no cover - depends on the installation
        log.warning("no codebook available (%s): conflicts between opposite terms are not found", exc)
        return ()
    terms = load_codebook(extra).terms
    return tuple(sorted((t.id, t.opposite) for t in terms.values() if getattr(t, "opposite", None)))


def opposite_pairs(settings: Settings) -> list[dict[str, str]]:
    """[{term, opposite}] for every term the codebook gives an opposite (both directions)."""
    return [{"term": a, "opposite": b} for a, b in _pairs(tuple(settings.codebook))]
