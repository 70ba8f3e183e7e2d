"""Server-side SVG charts (no charting library, nothing loaded by the browser): the stance timeline.

The chart is described here as plain numbers and strings (lanes, ticks, points with coordinates) and drawn
by `templates/timeline.html`, whose autoescaping covers every label and quote.
"""

from __future__ import annotations

import re
from typing import Any

from app.presentation import RELATION_COLOURS
from graph.vocabulary import FAVOUR

WIDTH = 1100
LEFT = 300
RIGHT = 30
TOP = 30
LANE = 44
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def as_year(value: str | None) -> float | None:
    """A partial ISO date as a fractional year (2022 → 2022.5, 2022-03 → mid-March 2022), for the x axis."""
    m = _DATE.match(value or "")
    if not m:
        return None
    year = int(m.group(1))
    if not m.group(2):
        return year + 0.5
    month = min(max(int(m.group(2)), 1), 12)
    day = min(max(int(m.group(3) or 15), 1), 31)
    return round(year + (month - 1) / 12 + (day - 1) / 372, 4)


def timeline_chart(points: list[dict[str, Any]]) -> dict[str, Any]:
    """Lanes (one per term, in order of first appearance), year ticks and positioned points. Points on the
    same lane and day sit side by side. Each point keeps its index in `points` for the link to its row."""
    dated = [(i, p, as_year(p.get("date"))) for i, p in enumerate(points)]
    years = [y for _, _, y in dated if y is not None]
    lanes: dict[str, dict[str, Any]] = {}
    for _, p, _ in sorted(dated, key=lambda t: (t[2] is None, t[2] or 0)):
        if p["term"] not in lanes:
            lanes[p["term"]] = {"term": p["term"], "label": p.get("label") or p["term"],
                                "y": TOP + LANE * (len(lanes) + 0.5)}
    height = TOP + LANE * max(len(lanes), 1) + 40
    if not years:
        return {"width": WIDTH, "height": height, "lanes": list(lanes.values()), "ticks": [], "points": [],
                "axis_y": height - 40, "left": LEFT, "right": WIDTH - RIGHT}
    lo, hi = min(years), max(years)
    lo, hi = (lo - 0.25, hi + 0.25) if hi - lo < 0.5 else (lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo))

    def x_of(year: float) -> float:
        return round(LEFT + (WIDTH - LEFT - RIGHT) * (year - lo) / (hi - lo), 1)

    ticks = [{"x": x_of(y), "label": str(y)} for y in range(int(lo) + 1 if lo % 1 else int(lo), int(hi) + 1)]
    if len(ticks) < 2:  # a short span: quarter ticks
        ticks = [{"x": x_of(int(lo) + q / 4), "label": f"{int(lo)}-{q * 3 + 1:02d}"}
                 for q in range(4) if lo <= int(lo) + q / 4 <= hi]
    placed: list[dict[str, Any]] = []
    seen: dict[tuple[str, float], int] = {}
    for i, p, year in dated:
        if year is None:
            continue
        key = (p["term"], round(year, 3))
        k = seen[key] = seen.get(key, -1) + 1
        stance = "favour" if p["relation"] in FAVOUR else "reject"
        placed.append({"index": i, "x": round(x_of(year) + 13 * k, 1), "y": lanes[p["term"]]["y"],
                       "colour": RELATION_COLOURS.get(p["relation"], "#888"), "stance": stance,
                       "changed": bool(p.get("changed")), "relation": p["relation"], "date": p.get("date"),
                       "label": lanes[p["term"]]["label"], "quote": p.get("quote") or ""})
    return {"width": WIDTH, "height": height, "lanes": list(lanes.values()), "ticks": ticks, "points": placed,
            "axis_y": height - 40, "left": LEFT, "right": WIDTH - RIGHT}
