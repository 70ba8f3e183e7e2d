"""The interactive position graph page: node-link data → one edge per (actor, relation, term) → a vis-network
page with a fixed, seeded layout computed here with networkx.

Why this shape:
- One arrow per (actor, relation, term), or per (guarantor, beneficiary, status), with its width growing with
  the number of sources; the sources themselves are listed in the side panel when the edge is clicked. Six
  parallel arrows for six sentences said nothing more than one thick arrow with six quotes.
- The layout is computed on the server (`layout`, networkx with a fixed seed on a sorted graph) and vis-network
  runs with physics off, so the same graph looks the same on every load and at every window size (the page
  only refits the view when the window changes).
- vis-network is served by the app from pyvis's bundled copy (`VIS_DIR`), so the page works offline.

Safety: the graph data goes into a `<script type="application/json">` block through Jinja's `tojson` (which
escapes `<`, `>`, `&` and quotes); `static/graph.js` builds tooltips and the side panel with `textContent`,
so a quote containing markup is shown as text and never parsed as HTML.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pyvis

from app.graphdata import grouped_edges
from app.presentation import ACTOR_COLOURS, TERM_COLOUR, edge_colour, legend, phrase
from app.templating import render
from graph.vocabulary import ActorKind, GuaranteeStatus

STATIC_DIR = Path(__file__).parent / "static"
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
SPRING_NODE_LIMIT = 400
LAYOUT_SEED = 7

OVERLAP_NODE_LIMIT = 200
STRESS_NODE_LIMIT = 60
UNIT = 170.0  # pixels per unit of graph distance, before overlaps are pushed apart


def cached_layout(nodes: list[str], edges: list[tuple[str, str, float]], terms: frozenset[str],
                  labels: dict[str, str], sizes: dict[str, float]) -> dict[str, tuple[float, float]]:
    """`layout`, remembered for the last graphs drawn: the same filters give the same graph, and its layout
    is worth computing once."""
    key = (tuple(sorted(nodes)), tuple(sorted(edges)), terms, tuple(sorted(labels.items())),
           tuple(sorted(sizes.items())))
    return dict(_layout_cached(key))


@functools.lru_cache(maxsize=32)
def _layout_cached(key: tuple[Any, ...]) -> tuple[tuple[str, tuple[float, float]], ...]:
    nodes, edges, terms, labels, sizes = key
    return tuple(layout(list(nodes), list(edges), terms, dict(labels), dict(sizes)).items())


def layout(nodes: list[str], edges: list[tuple[str, str, float]], terms: frozenset[str] = frozenset(),
           labels: dict[str, str] | None = None,
           sizes: dict[str, float] | None = None) -> dict[str, tuple[float, float]]:
    """Node positions, the same for the same graph on every call (nodes and edges are added in sorted order,
    every random start is seeded): up to `STRESS_NODE_LIMIT` nodes stress majorization, larger ones ForceAtlas2 with
    hubs dissuaded (the hubs, Russia and Ukraine, would
    otherwise pull every term into one knot); beyond `SPRING_NODE_LIMIT` nodes (a force layout is quadratic)
    actors on an inner circle and terms on an outer one. Then, up to `OVERLAP_NODE_LIMIT` nodes, labels that
    would overlap are pushed apart (`spread`), so every label stays readable."""
    n = len(nodes)
    if n == 0:
        return {}
    labels = labels or {}
    g = nx.Graph()
    g.add_nodes_from(sorted(nodes))
    for u, v, w in sorted(edges):
        if u != v:
            g.add_edge(u, v, weight=g.get_edge_data(u, v, {"weight": 0})["weight"] + w)
    pos: dict[str, tuple[float, float]]
    if n == 1:
        pos = {nodes[0]: (0.0, 0.0)}
    elif n <= STRESS_NODE_LIMIT:
        # Stress majorization (even edge lengths, few crossings: what Kamada-Kawai minimises, at a tenth of
        # its cost); parts not connected are kept one step beyond the farthest pair.
        pos = stress_layout(g)
        unit = UNIT / _mean_edge_length(g, pos)
        pos = {k: (x * unit * 1.25, y * unit) for k, (x, y) in pos.items()}
    elif n <= SPRING_NODE_LIMIT:
        raw = nx.forceatlas2_layout(g, seed=LAYOUT_SEED, max_iter=150 if n <= 150 else 80, distributed_action=True,
                                    scaling_ratio=2.0)
        pos = {k: (float(x), float(y)) for k, (x, y) in raw.items()}
        unit = UNIT / _mean_edge_length(g, pos)
        pos = {k: (x * unit * 1.25, y * unit) for k, (x, y) in pos.items()}
    else:
        scale = 160 * math.sqrt(n)
        pos = {}
        rings = ([x for x in sorted(nodes) if x not in terms], [x for x in sorted(nodes) if x in terms])
        for ring, radius in zip(rings, (scale * 0.5, scale), strict=True):
            for i, x in enumerate(ring):
                angle = 2 * math.pi * i / max(len(ring), 1)
                pos[x] = (radius * math.cos(angle), radius * math.sin(angle))
    if n <= OVERLAP_NODE_LIMIT:
        sizes = sizes or {}
        pos = spread(pos, {k: _box(labels.get(k, k), k in terms, sizes.get(k, 12.0)) for k in pos})
    return {k: (round(x, 1), round(y, 1)) for k, (x, y) in pos.items()}


def stress_layout(g: nx.Graph, rounds: int = 100) -> dict[str, tuple[float, float]]:
    """Node positions whose distances follow the graph's shortest-path distances, each pair weighted by 1/d²
    (the stress Kamada-Kawai minimises), by localized stress majorization (Gansner, Koren and North, "Graph
    drawing by stress majorization", 2004: every node moves at once to where its weighted neighbours' distance
    targets put it), started from rings of breadth-first layers around the best connected node: no random
    start and no linear algebra, so the same graph gives the same layout, in a few milliseconds.

    Why not networkx's kamada_kawai_layout: scipy's optimiser, with a ForceAtlas2 start, took 50-100 ms for
    the 60 nodes of one actor's graph; and any LAPACK call (an eigen-decomposition, a pseudo-inverse) runs on
    OpenBLAS threads that spin against the server's own on a busy two-core machine (10-20x slower)."""
    nodes = list(g)
    n = len(nodes)
    index = {u: i for i, u in enumerate(nodes)}
    dist = np.zeros((n, n))
    far = 0.0
    for u, lengths in nx.shortest_path_length(g):
        for v, d in lengths.items():
            dist[index[u], index[v]] = d
            far = max(far, d)
    off = ~np.eye(n, dtype=bool)
    dist[(dist == 0) & off] = far + 1  # other parts: one step beyond the farthest pair
    # the start: the best connected node in the middle, the others on rings by their distance from it
    hub = max(nodes, key=lambda u: (g.degree(u), [-ord(c) for c in str(u)]))
    layers: dict[float, list[int]] = {}
    for i in range(n):
        layers.setdefault(dist[index[hub], i], []).append(i)
    x = np.zeros((n, 2))
    for radius, members in layers.items():
        for k, i in enumerate(members):
            angle = 2 * math.pi * k / len(members) + 0.5 * radius
            x[i] = (radius * math.cos(angle), radius * math.sin(angle))
    weight = np.zeros((n, n))
    weight[off] = dist[off] ** -2.0
    wd = weight * dist
    total = weight.sum(axis=1)[:, None]
    before = math.inf
    for _ in range(rounds):
        diff = x[:, None, :] - x[None, :, :]
        now = np.sqrt((diff ** 2).sum(axis=-1))
        stress = float((weight * (now - dist) ** 2).sum())
        if stress >= before * (1 - 1e-4):  # settled (or, rarely, worse)
            break
        before = stress
        ratio = np.divide(wd, now, out=np.zeros_like(now), where=now > 1e-12)
        x = ((weight[:, :, None] * x[None, :, :]).sum(axis=1) + (ratio[:, :, None] * diff).sum(axis=1)) / total
    return {u: (float(x[i, 0]), float(x[i, 1])) for i, u in enumerate(nodes)}


def _mean_edge_length(g: nx.Graph, pos: dict[str, tuple[float, float]]) -> float:
    lengths = [math.dist(pos[u], pos[v]) for u, v in g.edges()]
    return max(sum(lengths) / len(lengths), 1e-6) if lengths else 1.0


def _box(label: str, is_term: bool, size: float = 12.0) -> tuple[float, float]:
    """Half width and half height a node takes on the canvas: a term's wrapped label box; an actor's dot of
    radius `size` with its label underneath (so the box reaches below the dot)."""
    if is_term:
        width = min(150.0, 8.0 * len(label)) + 16
        lines = math.ceil(8.0 * len(label) / 150.0)
        return width / 2 + 6, (lines * 18 + 14) / 2 + 6
    return max(2 * size, 9.5 * len(label)) / 2 + 8, size + 24.0


def spread(pos: dict[str, tuple[float, float]], boxes: dict[str, tuple[float, float]],
           rounds: int = 500) -> dict[str, tuple[float, float]]:
    """Push apart nodes whose label boxes overlap, along the axis of least overlap, half each way; every
    overlapping pair at once in each round (numpy), until none overlaps or `rounds` have passed. Deterministic:
    no random step, pairs in a fixed order. (A pure-Python loop over pairs took 15-40 ms a page.)"""
    keys = sorted(pos)
    n = len(keys)
    if n < 2:
        return dict(pos)
    xy = np.array([pos[k] for k in keys], dtype=float)
    half = np.array([boxes[k] for k in keys], dtype=float)
    reach_x = half[:, 0][:, None] + half[:, 0][None, :]
    reach_y = half[:, 1][:, None] + half[:, 1][None, :]
    pairs = np.triu(np.ones((n, n), dtype=bool), 1)
    for _ in range(rounds):
        dx = xy[:, 0][:, None] - xy[:, 0][None, :]
        dy = xy[:, 1][:, None] - xy[:, 1][None, :]
        ox = reach_x - np.abs(dx)
        oy = reach_y - np.abs(dy)
        hit = pairs & (ox > 0) & (oy > 0)
        if not hit.any():
            break
        across = hit & (ox < oy)
        shift_x = np.where(across, (ox / 2 + 1) * np.where(dx >= 0, 1.0, -1.0), 0.0)
        shift_y = np.where(hit & ~across, (oy / 2 + 1) * np.where(dy >= 0, 1.0, -1.0), 0.0)
        xy[:, 0] += shift_x.sum(axis=1) - shift_x.sum(axis=0)
        xy[:, 1] += shift_y.sum(axis=1) - shift_y.sum(axis=0)
    return {k: (float(xy[i, 0]), float(xy[i, 1])) for i, k in enumerate(keys)}


def node_tooltip(attrs: dict[str, Any], degree: int) -> str:
    label = attrs.get("label") or attrs.get("id")
    if attrs.get("type") == "Term":
        kind = "negotiating term" + (f" ({attrs['category'].replace('_', ' ')})" if attrs.get("category") else "")
    else:
        kind = attrs.get("kind") or ActorKind.STATE
    return f"{label}\n{kind}; {degree} connection{'s' if degree != 1 else ''} drawn\nclick for details"


def edge_tooltip(edge: dict[str, Any], labels: dict[str, str]) -> str:
    """Plain text (the page shows it as text, never as HTML), human labels only."""
    head = f"{labels[edge['source']]} {phrase(edge['relation'], edge.get('status'))} {labels[edge['target']]}"
    newest = edge["sources"][0]
    count = edge["count"]
    lines = [head, f"{count} source{'s' if count != 1 else ''} in {edge['documents']} "
                   f"document{'s' if edge['documents'] != 1 else ''}"]
    if newest.get("quote"):
        quote = newest["quote"] if len(newest["quote"]) <= 220 else newest["quote"][:217] + "…"
        lines.append(f"“{quote}”")
    reviewed = sum(1 for s in edge["sources"] if s.get("review_status") in REVIEWED)
    if reviewed:
        lines.append(f"{reviewed} of {count} reviewed")
    lines.append("click the arrow for every source")
    return "\n".join(lines)


REVIEWED = frozenset(("confirmed", "edited", "added"))  # review statuses that mark an edge as checked


def actor_size(degree: int) -> float:
    return round(12 + min(22, 3 * math.sqrt(degree)), 1)


def edge_width(count: int) -> float:
    return round(1.5 + 2.2 * math.log2(max(count, 1)), 2)


def vis_data(data: dict[str, Any]) -> dict[str, Any]:
    """vis-network nodes and edges (one per grouped edge), the sources of each edge for the side panel, and
    the options: physics off, the layout fixed."""
    edges = grouped_edges(data)
    nodes = {n["id"]: n for n in data.get("nodes", [])}
    labels = {k: str(n.get("label") or k) for k, n in nodes.items()}
    degree: dict[str, int] = dict.fromkeys(nodes, 0)
    for e in edges:
        degree[e["source"]] += 1
        degree[e["target"]] += 1
    sizes = {k: actor_size(degree[k]) for k in nodes}
    pos = cached_layout(list(nodes), [(e["source"], e["target"], float(e["count"])) for e in edges],
                 frozenset(k for k, n in nodes.items() if n.get("type") == "Term"), labels, sizes)
    vis_nodes = []
    for node_id in sorted(nodes):
        attrs = nodes[node_id]
        is_term = attrs.get("type") == "Term"
        x, y = pos[node_id]
        item: dict[str, Any] = {
            "id": node_id, "label": labels[node_id], "x": x, "y": y, "type": attrs.get("type"),
            "kind": attrs.get("kind"), "title": node_tooltip(attrs, degree[node_id]),
        }
        if is_term:
            item.update(shape="box", color={"background": TERM_COLOUR, "border": "#b89b2c"},
                        widthConstraint={"maximum": 150}, font={"size": 15, "color": "#222"}, margin=6)
        else:
            colour = ACTOR_COLOURS.get(attrs.get("kind") or ActorKind.STATE, "#4e79a7")
            item.update(shape="dot", color=colour, size=sizes[node_id],
                        font={"size": 17, "color": "#111", "strokeWidth": 4, "strokeColor": "#ffffff",
                              "face": "system-ui, sans-serif", "bold": {"mod": "bold"}})
        vis_nodes.append(item)
    pairs: dict[frozenset[str], int] = {}
    vis_edges = []
    sources: dict[str, dict[str, Any]] = {}
    for e in sorted(edges, key=lambda e: e["id"]):
        pair = frozenset((e["source"], e["target"]))
        k = pairs[pair] = pairs.get(pair, -1) + 1
        smooth = ({"enabled": False} if k == 0 else
                  {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW", "roundness": 0.15 * ((k + 1) // 2)})
        vis_edges.append({
            "id": e["id"], "from": e["source"], "to": e["target"], "relation": e["relation"],
            "status": e["status"], "count": e["count"], "width": edge_width(e["count"]),
            "color": {"color": edge_colour(e["relation"], e["status"]), "opacity": 0.85},
            "dashes": e["status"] == GuaranteeStatus.DECLINED, "smooth": smooth, "title": edge_tooltip(e, labels),
        })
        checked = sum(1 for src in e["sources"] if src.get("review_status") in REVIEWED)
        if checked:  # reviewed edges are marked: a check mark on the arrow
            vis_edges[-1].update(reviewed=checked, label="✓", font={"size": 22, "color": "#1f7a30", "bold": True,
                                                                    "strokeWidth": 5, "strokeColor": "#ffffff",
                                                                    "align": "horizontal"},
                                 shadow={"enabled": True, "color": "rgba(46,139,62,0.7)", "size": 10, "x": 0, "y": 0})
        sources[e["id"]] = {
            "heading": f"{labels[e['source']]} {phrase(e['relation'], e['status'])} {labels[e['target']]}",
            "source": e["source"], "target": e["target"], "relation": e["relation"], "status": e["status"],
            "items": e["sources"],
        }
    return {"nodes": vis_nodes, "edges": vis_edges, "sources": sources, "options": options()}


def options() -> dict[str, Any]:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": False},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.7}}, "selectionWidth": 2,
                  "hoverWidth": 1.5},
        "nodes": {"borderWidth": 1},
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False, "keyboard": False,
                        "multiselect": False},
    }


def render_graph_page(data: dict[str, Any], *, form: dict[str, Any], choices: dict[str, Any],
                      store_empty: bool = False, data_dir: str | None = None) -> str:
    """The whole HTML page for node-link `data` (as returned by /graph with the same filters)."""
    payload = vis_data(data)
    graph_meta = data.get("graph", {})
    return render("graph.html", page="graph", payload=payload, node_count=len(payload["nodes"]),
                  edge_count=len(payload["edges"]), source_count=len(data.get("links", [])),
                  total=graph_meta.get("total", len(data.get("links", []))),
                  truncated=graph_meta.get("truncated", False), legend=legend(), form=form, choices=choices,
                  store_empty=store_empty, data_dir=data_dir)
