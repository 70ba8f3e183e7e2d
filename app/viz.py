"""The interactive position graph page: networkx graph → pyvis Network → one HTML page.

pyvis builds the vis-network node, edge and option data; the page itself comes from our own template
(`templates/graph.html`), because pyvis's template pulls Bootstrap from a CDN. vis-network is served by the
app from pyvis's bundled copy (see `VIS_DIR`), so the page works offline.

Safety: the graph data goes into a `<script type="application/json">` block through Jinja's `tojson` (which
escapes `<`, `>`, `&` and quotes), and `static/graph.js` turns each tooltip string into a DOM text node, so a
quote containing markup is shown as text and never parsed as HTML.

Large graphs (more than `PHYSICS_EDGE_LIMIT` edges) open with physics off on a layout computed here.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

TEMPLATES = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
VIS_DIR = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
PHYSICS_EDGE_LIMIT = 500
SPRING_NODE_LIMIT = 1500

ACTOR_COLOURS = {"state": "#4e79a7", "organization": "#f28e2b", "coalition": "#59a14f", "group": "#b07aa1"}
TERM_COLOUR = "#e8c547"
RELATION_COLOURS = {"DEMANDS": "#d62728", "OFFERS": "#2ca02c", "SUPPORTS": "#1f77b4", "REJECTS": "#222222"}
GUARANTEE_COLOURS = {"proposed": "#9467bd", "willing": "#17becf", "declined": "#ff7f0e"}

_env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))


def edge_colour(relation: str, status: str | None) -> str:
    if relation == "GUARANTEES":
        return GUARANTEE_COLOURS.get(status or "", "#9467bd")
    return RELATION_COLOURS.get(relation, "#888888")


def legend() -> list[dict[str, str]]:
    """What each colour means, for the page's legend."""
    items = [{"colour": c, "text": f"actor: {k}", "shape": "dot"} for k, c in ACTOR_COLOURS.items()]
    items.append({"colour": TERM_COLOUR, "text": "term", "shape": "box"})
    items += [{"colour": c, "text": r, "shape": "line"} for r, c in RELATION_COLOURS.items()]
    items += [{"colour": c, "text": f"GUARANTEES ({s})", "shape": "line"} for s, c in GUARANTEE_COLOURS.items()]
    return items


def node_tooltip(attrs: dict[str, Any], node: str) -> str:
    lines = [f"{attrs.get('label') or node} ({node})"]
    if attrs.get("type") == "Term":
        lines.append(f"term{', ' + attrs['category'] if attrs.get('category') else ''}")
    else:
        lines.append(f"actor: {attrs.get('kind') or 'state'}")
    return "\n".join(lines)


def edge_tooltip(u: str, v: str, e: dict[str, Any]) -> str:
    """Plain text (the page shows it as text, never as HTML): who, what, the quote and its source."""
    head = f"{u} {e.get('relation')} {v}"
    if e.get("relation") == "GUARANTEES" and e.get("status"):
        head += f" ({e['status']})"
    lines = [head]
    if e.get("quote"):
        lines.append(f"“{e['quote']}”")
    if e.get("speaker_name") or e.get("speaker"):
        lines.append(f"— {e.get('speaker_name') or e.get('speaker')}")
    source = ", ".join(str(x) for x in (e.get("outlet"), e.get("date")) if x)
    lines.append(f"{source} [{e.get('doc')}]" if source else f"[{e.get('doc')}]")
    if e.get("confidence") is not None:
        lines.append(f"confidence {float(e['confidence']):.2f}")
    return "\n".join(lines)


def layout(g: nx.MultiDiGraph) -> dict[Any, tuple[float, float]]:
    """Node positions for a graph drawn without physics: spring layout (fast enough up to a few thousand
    nodes), otherwise actors on an inner circle and terms on an outer one (linear time)."""
    n = g.number_of_nodes()
    scale = 120 * math.sqrt(max(n, 1))
    if n <= SPRING_NODE_LIMIT:
        simple = nx.Graph()
        simple.add_nodes_from(g.nodes)
        for u, v in g.edges():
            if u != v:
                w = simple.get_edge_data(u, v, {"weight": 0})["weight"]
                simple.add_edge(u, v, weight=w + 1)
        pos = nx.spring_layout(simple, seed=7, iterations=50, scale=scale)
        return {k: (float(x), float(y)) for k, (x, y) in pos.items()}
    actors = [x for x, a in g.nodes(data=True) if a.get("type") != "Term"]
    terms = [x for x, a in g.nodes(data=True) if a.get("type") == "Term"]
    pos: dict[Any, tuple[float, float]] = {}
    for ring, radius in ((actors, scale * 0.5), (terms, scale)):
        for i, x in enumerate(ring):
            angle = 2 * math.pi * i / max(len(ring), 1)
            pos[x] = (radius * math.cos(angle), radius * math.sin(angle))
    return pos


def build_network(g: nx.MultiDiGraph) -> Network:
    """The pyvis Network of a position graph: colours by node type and actor kind, edges by relation (and
    guarantee status), parallel edges curved apart, tooltips with the evidence."""
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    physics = g.number_of_edges() <= PHYSICS_EDGE_LIMIT
    pos = {} if physics else layout(g)
    degree = dict(g.degree())
    for node, attrs in g.nodes(data=True):
        is_term = attrs.get("type") == "Term"
        options: dict[str, Any] = {
            "title": node_tooltip(attrs, node),
            "shape": "box" if is_term else "dot",
            "color": TERM_COLOUR if is_term else ACTOR_COLOURS.get(attrs.get("kind") or "state", "#4e79a7"),
            "type": attrs.get("type"),
            "kind": attrs.get("kind"),
        }
        if not is_term:
            options["size"] = 12 + min(28, 2 * math.sqrt(degree.get(node, 0)))
        if node in pos:
            options["x"], options["y"] = pos[node]
        net.add_node(node, label=str(attrs.get("label") or node), **options)
    parallel: dict[tuple[Any, Any], int] = {}
    for u, v, key, e in g.edges(keys=True, data=True):
        k = parallel[(u, v)] = parallel.get((u, v), -1) + 1
        net.add_edge(u, v, id=f"{u}|{v}|{key}", title=edge_tooltip(u, v, e),
                     color=edge_colour(e.get("relation", ""), e.get("status")),
                     dashes=e.get("status") == "declined", relation=e.get("relation"), doc=e.get("doc"),
                     smooth={"enabled": True, "type": "curvedCW", "roundness": min(0.9, 0.08 + 0.12 * k)})
    net.set_options(_options(physics))
    return net


def _options(physics: bool) -> str:
    import json

    return json.dumps({
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -8000, "springLength": 160},
                    "stabilization": {"enabled": physics, "iterations": 300}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.6}}, "width": 1.5},
        "nodes": {"font": {"size": 14}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": not physics},
    })


def render_graph_page(data: dict[str, Any], *, form: dict[str, Any], choices: dict[str, Any]) -> str:
    """The whole HTML page for node-link `data` (as returned by /graph with the same filters)."""
    g = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    net = build_network(g)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    graph_meta = data.get("graph", {})
    return _env.get_template("graph.html").render(
        payload={"nodes": nodes, "edges": edges, "options": options_dict(options)},
        node_count=len(nodes), edge_count=len(edges), physics=g.number_of_edges() <= PHYSICS_EDGE_LIMIT,
        total=graph_meta.get("total", len(edges)), truncated=graph_meta.get("truncated", False),
        legend=legend(), form=form, choices=choices,
    )


def options_dict(options: Any) -> Any:
    import json

    return json.loads(options) if isinstance(options, str) else options


def render_index(*, form: dict[str, Any], choices: dict[str, Any], counts: dict[str, Any]) -> str:
    return _env.get_template("index.html").render(form=form, choices=choices, counts=counts)
