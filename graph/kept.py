"""The newest sources each Stance aggregate keeps, so that a cell's sources are read from one node.

Why: an actor's or a term's positions, conflicts and common ground show a few sources per (actor, term) cell,
newest first. Picking them from the edges read every edge of every cell shown, and joined each kept one with
its document and speaker: 10 ms of database time for one actor at 10,000 documents. Each Stance node keeps
instead, per relation and in all, the rendered evidence of its newest KEPT_SOURCES edges (`recent_demands`, …,
`recent_rejects`, `recent_all`, graph/evidence.py) with their order keys (`demands_keys`, …); the newest
sources of some relations (the favouring ones, say) are the newest of their lists (`newest_sources`).

Kept up to date in the write that changes the edges, without reading edges in the common case: a write reads
the touched cells' keys (of the cells it adds edges to, in the same query that adds to their counts,
apply_stance_deltas; of the others, stance_kept_keys), merges in its new edges in Python and writes only the
lists that change (old entries by index, new ones rendered here). A cell is re-read from its edges
(`cell_kept_sources`) only when a kept edge is removed (a deleted or replaced document), when it is
recounted, or when its lists are unknown; readers fall back to the edge queries while a list is null (a cell a
running load has counted and not yet given its lists: FalkorDB does not run a load's queries as one
transaction). A store written before the lists were kept is brought up to date by `peacegraph db migrate`
(graph/format.py).

Order: that of the evidence queries, `ORDER BY e.date DESC, e.doc, e.sentence, type(e)`, where both engines put
an edge without a date first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic_core import from_json, to_json

from graph.evidence import Renderer, render
from graph.model import DocumentGraph, Position
from graph.vocabulary import FAVOUR, Relation

if TYPE_CHECKING:
    from graph.records import Writer

KEPT_SOURCES = 5
CLASSES = tuple(r.lower() for r in Relation)  # one kept list per relation, by its Stance key (demands …)
FAVOURING = tuple(r.lower() for r in FAVOUR)
ALL = "all"  # and one of the newest in all, so that the common read (no filter) takes one list as it is
LISTS = (*CLASSES, ALL)
# Cells per round of keys read, merge and write: bounds what a batch that touches thousands of cells holds at
# once (the keys read, the rows sent) on either side.
CELLS_PER_QUERY = 500

Key = tuple[str | None, str, int, str]  # an edge's (date, doc, sentence, relation)
Cell = tuple[str, str]  # (actor, term)
Entry = tuple[Key, Any]


def newest(entries: Iterable[Entry], keep: int = KEPT_SOURCES) -> list[Entry]:
    """The first `keep` entries in the evidence queries' order (undated first, then date descending, doc,
    sentence, relation: one sentence may hold two relations of a cell). Two stable sorts: Python keeps equal
    keys in order under `reverse`."""
    ordered = sorted(entries, key=lambda e: (e[0][1], e[0][2], e[0][3]))
    ordered.sort(key=lambda e: (e[0][0] is None, e[0][0] or ""), reverse=True)
    return ordered[:keep]


def comes_before(a: Key, b: Key) -> bool:
    """Whether `a` comes before `b` in the order of `newest` (keys differ in doc, sentence or relation)."""
    if a[0] != b[0]:
        return a[0] is None or (b[0] is not None and a[0] > b[0])
    return a[1:] < b[1:]


def key_text(key: Key) -> str:
    return to_json(list(key)).decode()


def parse_key(text: str) -> Key:
    date, doc, sentence, relation = from_json(text)
    return date, doc, sentence, relation


def class_of(relation: str) -> str:
    return relation.lower()


def kept_list(relations: Iterable[str] | None) -> str | None:
    """The one kept list that holds the sources of `relations` as they are: `all`, or the one relation's; None
    when several relations' lists must be merged."""
    wanted = {str(r) for r in relations} if relations else {str(r) for r in Relation}
    if wanted >= {str(r) for r in Relation}:
        return ALL
    return next(iter(wanted)).lower() if len(wanted) == 1 else None


def newest_sources(row: dict[str, Any], keep: int, classes: Sequence[str] = CLASSES) -> list[str] | None:
    """A cell's newest `keep` sources of some relations (`classes`: keys as in CLASSES) from its kept lists
    (None when they are unknown): the list of all relations or of the one asked for as it is, else the newest
    of the lists asked for."""
    wanted = [ALL] if set(classes) >= set(CLASSES) else list(classes)
    if len(wanted) == 1:
        texts = row.get(f"recent_{wanted[0]}")
        return None if texts is None else texts[:keep]
    entries: list[Entry] = []
    for cls in wanted:
        texts, keys = row.get(f"recent_{cls}"), row.get(f"{cls}_keys")
        if texts is None or keys is None or len(texts) != len(keys):
            return None
        entries += [(parse_key(k), t) for k, t in zip(keys, texts, strict=True)]
    return [t for _, t in newest(entries, keep)]


class KeptSources:
    """One write's changes to the kept sources: its new edges, the documents whose edges it removes, the cells
    it recounts; `finish` then brings the touched cells' lists up to date."""

    def __init__(self) -> None:
        # per cell, its new edges by identity (a repeated one once, its last version, as the upsert writes it)
        self.added: dict[Cell, dict[tuple[str, str, int], tuple[str, Key, Renderer, Position]]] = {}
        self.removed: dict[Cell, set[str]] = {}
        self.forced: set[Cell] = set()
        # cells whose keys the write of their new edges' aggregates looked at (apply_stance_deltas), and the
        # keys it returned: those of the cells whose lists may change
        self.seen: set[Cell] = set()
        self.now: dict[Cell, dict[str, Any]] = {}

    def add(self, graphs: Sequence[DocumentGraph]) -> None:
        for g in graphs:
            renderer, doc = Renderer(g), g.document.id
            for p in g.positions:
                sentence = p.provenance.sentence
                self.added.setdefault((p.actor, p.term), {})[(p.relation, doc, sentence)] = (
                    class_of(p.relation), (p.provenance.date, doc, sentence, str(p.relation)), renderer, p)

    def remove(self, parts: Iterable[dict[str, Any]]) -> None:
        """document_stance_parts rows of the documents whose edges the write removes."""
        for r in parts:
            self.removed.setdefault((r["actor"], r["term"]), set()).add(r["doc"])

    def force(self, cells: Iterable[Cell]) -> None:
        self.forced.update(cells)

    def _probe(self, cell: Cell) -> dict[str, Any]:
        """What stance_kept_keys needs to tell whether the write can change the cell's lists: `read` when it
        must look (recounted, edges removed, a new edge without a date), else the newest new date per class
        (compared there with the class's floor)."""
        probe: dict[str, Any] = {"actor": cell[0], "term": cell[1]}
        read = cell in self.forced or cell in self.removed
        for cls, key, _, _ in self.added.get(cell, {}).values():
            date = key[0]
            if date is None:
                read = True
            elif probe.get(cls) is None or date > probe[cls]:
                probe[cls] = date
        probe["read"] = read
        return probe

    def mark(self, rows: list[dict[str, Any]]) -> None:
        """Mark the apply_stance_deltas rows of the write's new edges whose cells it must look at (`read`); the
        rows' newest dates per relation (`demands_last` …) are the probe's dates. Where they are not (they are
        counted from the same edges), the cell is looked at too."""
        for row in rows:
            probe = self._probe((row["actor"], row["term"]))
            if probe["read"] or any(probe.get(cls) != row.get(f"{cls}_last") for cls in CLASSES):
                row["read"] = True

    def looked(self, rows: list[dict[str, Any]], found: list[dict[str, Any]]) -> None:
        """What apply_stance_deltas returned for the `rows` it wrote: the keys of the cells whose lists may
        change; the other cells of `rows` keep their lists (unless recounted)."""
        self.seen.update((r["actor"], r["term"]) for r in rows)
        self.now.update(((r["actor"], r["term"]), r) for r in found)

    def finish(self, w: Writer) -> None:
        """Read the keys of the cells whose lists the write may change, merge, re-read what must be, write."""
        touched = sorted(set(self.added) | set(self.removed) | self.forced)
        for start in range(0, len(touched), CELLS_PER_QUERY):
            self._finish_cells(w, touched[start:start + CELLS_PER_QUERY])

    def _finish_cells(self, w: Writer, touched: list[Cell]) -> None:
        rows, reread = [], []
        ask = [c for c in touched if c in self.forced or c not in self.seen]  # the others were looked at
        known = [self.now[c] for c in touched if c not in self.forced and c in self.now]
        for now in known + (w.run("stance_kept_keys", cells=[self._probe(c) for c in ask]) if ask else []):
            cell = (now["actor"], now["term"])
            row = None if cell in self.forced else self._merged(cell, now)
            if row is None:
                reread.append(cell)
            elif row:
                rows.append(row)
        if reread:
            rows += self._from_edges(w, reread)
        if rows:
            w.send("set_stance_sources", rows=rows)  # the next round is merged while this one is written

    def _merged(self, cell: Cell, now: dict[str, Any]) -> dict[str, Any] | None:
        """The cell's row for set_stance_sources, {} when nothing changes, None when it must be re-read."""
        added = list(self.added.get(cell, {}).values())
        texts = {cls: now.get(f"{cls}_keys") for cls in LISTS}
        fresh = any(t is None for t in texts.values())
        if fresh:  # unknown lists: a cell that this write created holds only the write's edges
            if cell in self.removed or int(now.get("sources") or 0) != len(added):
                return None
            texts = {cls: [] for cls in LISTS}
        gone = self.removed.get(cell)
        if gone and any(parse_key(t)[1] in gone for cls in LISTS for t in texts[cls] or []):
            return None  # a kept edge goes: older ones may move up
        row: dict[str, Any] = {"actor": cell[0], "term": cell[1]}
        changed = False
        placed: dict[Key, tuple[int, int]] = {}  # a new edge's evidence: (relation list, position) in the row
        for n, cls in enumerate(LISTS):  # without removals, a list's new entries are its old ones and new edges
            new: list[Entry] = [(key, (renderer, p)) for c, key, renderer, p in added if cls in (c, ALL)]
            if not new and not fresh:
                continue  # nothing of this relation came or went
            old = texts[cls] or []
            if len(old) >= KEPT_SOURCES and not fresh:  # a full list that every new edge comes after stays
                last = parse_key(old[KEPT_SOURCES - 1])
                if not any(comes_before(key, last) for key, _ in new):
                    continue
            top = newest([(parse_key(t), i) for i, t in enumerate(old)] + new)
            if not fresh and [ref for _, ref in top] == list(range(len(old))):
                continue  # a list left out of the row stays as it is
            changed = True
            kept = []
            for j, (k, ref) in enumerate(top):
                if isinstance(ref, int):
                    kept.append((k, old[ref], ref, "", -1, -1))
                elif cls == ALL and k in placed:  # sent once, in its relation's list: taken from there
                    kept.append((k, key_text(k), -1, "", *placed[k]))
                else:
                    placed[k] = (n, j)
                    kept.append((k, key_text(k), -1, ref[0].position(ref[1]), -1, -1))
            row.update(_class_row(cls, kept))
        return row if changed else {}

    @staticmethod
    def _from_edges(w: Writer, cells: list[Cell]) -> list[dict[str, Any]]:
        """Rows for cells re-read from their edges (newest KEPT_SOURCES per relation, rendered here; the newest
        in all are among them)."""
        found: dict[tuple[Cell, str], list[Entry]] = {}
        for r in w.run("cell_kept_sources", cells=[{"actor": a, "term": t} for a, t in cells], keep=KEPT_SOURCES):
            entry = ((r["edge_date"], r["doc"], r["sentence"], r["relation"]), r)
            found.setdefault(((r["actor"], r["term"]), class_of(r["relation"])), []).append(entry)
            found.setdefault(((r["actor"], r["term"]), ALL), []).append(entry)
        rows = []
        for cell in cells:
            row: dict[str, Any] = {"actor": cell[0], "term": cell[1]}
            for cls in LISTS:
                top = newest(found.get((cell, cls), []))
                row.update(_class_row(cls, [(k, key_text(k), -1, render(r), -1, -1) for k, r in top]))
            rows.append(row)
        return rows


def _class_row(cls: str, kept: list[tuple[Key, str, int, str, int, int]]) -> dict[str, Any]:
    """set_stance_sources fields of one list from its entries in order: (key, key text, old index or -1, new
    evidence or "", and for the list of all, the relation list and position in the same row that carry the
    evidence, or -1, -1). The floor (the last key's date of a full list) is left out when there is none (a
    null inside a map parameter crashes FalkorDB's Bolt port)."""
    row: dict[str, Any] = {f"{cls}_keys": [e[1] for e in kept], f"{cls}_old": [e[2] for e in kept],
                           f"{cls}_new": [e[3] for e in kept]}
    if cls == ALL:
        row.update(all_list=[e[4] for e in kept], all_at=[e[5] for e in kept])
    elif len(kept) == KEPT_SOURCES and kept[-1][0][0] is not None:
        row[f"{cls}_floor"] = kept[-1][0][0]
    return row
