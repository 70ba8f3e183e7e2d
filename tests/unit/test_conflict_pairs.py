"""`app.conflicts.pairs` with `skip`: every page is the slice of the whole list of conflicts that the plain
nested loops give (the reference below is the pairing as it was before `skip` counted whole terms and rows)."""

from __future__ import annotations

import random
from collections import defaultdict
from typing import Any

from app.conflicts import Pair, pairs


def reference(cells: list[dict[str, Any]], term: str | None) -> list[Pair]:
    favour: dict[str, list[tuple[str, int]]] = defaultdict(list)
    reject: dict[str, list[tuple[str, int]]] = defaultdict(list)
    opposite: dict[str, str | None] = {}
    for c in cells:
        opposite[c["term"]] = c.get("opposite")
        if c.get("favour"):
            favour[c["term"]].append((c["actor"], int(c["favour"])))
        if c.get("rejects"):
            reject[c["term"]].append((c["actor"], int(c["rejects"])))
    for side in (*favour.values(), *reject.values()):
        side.sort(key=lambda x: (-x[1], x[0]))
    out = []
    for t in sorted(opposite):
        if term is None or t == term:
            out += [Pair("rejects", a, t, ca, b, t, cb) for a, ca in favour.get(t, ()) for b, cb in reject.get(t, ())
                    if a != b]
        u = opposite[t]
        if u and t < u and (term is None or term in (t, u)):
            out += [Pair("opposite", a, t, ca, b, u, cb) for a, ca in favour.get(t, ()) for b, cb in favour.get(u, ())
                    if a != b]
    return out


def random_cells(rng: random.Random) -> list[dict[str, Any]]:
    terms = [f"t{i}" for i in range(rng.randint(1, 6))]
    opposite: dict[str, str | None] = {t: None for t in terms}
    if len(terms) >= 2:
        opposite[terms[0]], opposite[terms[1]] = terms[1], terms[0]
    if len(terms) >= 4:
        opposite[terms[3]] = terms[2]  # one side only carries the property
    cells = []
    for t in terms:
        for a in rng.sample([f"A{i}" for i in range(8)], rng.randint(0, 8)):
            favour, rejects = rng.choice([(0, 0), (rng.randint(1, 4), 0), (0, rng.randint(1, 4)),
                                          (rng.randint(1, 4), rng.randint(1, 4))])
            cells.append({"actor": a, "term": t, "opposite": opposite[t], "favour": favour, "rejects": rejects})
    return cells


def test_every_skip_gives_the_rest_of_the_whole_list() -> None:
    rng = random.Random(7)
    checked = 0
    kinds: set[str] = set()
    for _ in range(60):
        cells = random_cells(rng)
        for term in (None, "t0", "t1", "t2", "t3", "t9"):
            whole = reference(cells, term)
            assert list(pairs(cells, term)) == whole
            for skip in range(len(whole) + 3):
                assert list(pairs(cells, term, skip)) == whole[skip:], (term, skip)
            checked += len(whole)
            kinds |= {p.kind for p in whole}
    assert checked > 1000 and kinds == {"rejects", "opposite"}  # the random cells do make conflicts of both kinds
