// Draws the position graph from the JSON block the server rendered into the page. The layout is fixed (computed
// on the server), physics is off; the view is refitted when the window changes size. Tooltips and the side
// panel are built from text nodes, so document text is never parsed as HTML.
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("graph-data").textContent);
  var container = document.getElementById("mynetwork");
  window.peacegraph = { drawn: false, stabilized: false, empty: !container, sources: payload.sources };
  if (!container) { window.peacegraph.drawn = window.peacegraph.stabilized = true; return; }
  var panel = window.peacegraphPanel;

  function textTip(value) {
    if (value === undefined || value === null) { return undefined; }
    var node = document.createElement("div");
    node.className = "tip";
    node.textContent = String(value);
    return node;
  }

  payload.nodes.forEach(function (n) { n.title = textTip(n.title); });
  payload.edges.forEach(function (e) { e.title = textTip(e.title); });
  var nodes = new vis.DataSet(payload.nodes);
  var edges = new vis.DataSet(payload.edges);
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, payload.options);

  // The layout is fixed; only the view follows the window.
  function fit() { network.fit({ animation: false }); }

  function label(id) { var n = nodes.get(id); return n ? n.label : id; }

  function showEdge(id) {
    var s = payload.sources[id];
    if (!s) { return; }
    panel.show(s.heading, s.items);
    document.getElementById("panel").dataset.edge = id;
  }

  function showNode(id) {
    var list = panel.el("ul", "connections");
    edges.get({ filter: function (e) { return e.from === id || e.to === id; } }).forEach(function (e) {
      var li = panel.el("li");
      var a = panel.el("a", null, payload.sources[e.id].heading + " (" + e.count + ")");
      a.href = "#";
      a.addEventListener("click", function (ev) { ev.preventDefault(); network.selectEdges([e.id]); showEdge(e.id); });
      li.appendChild(a);
      list.appendChild(li);
    });
    var node = nodes.get(id);
    var box = panel.el("div");
    var links = panel.el("p", "node-links");
    var param = node.type === "Term" ? "term" : "actor";
    [["graph of " + label(id), "/pages/graph?" + param + "=" + encodeURIComponent(id)],
     ["stance matrix", "/pages/matrix?" + param + "=" + encodeURIComponent(id)]].concat(
      node.type === "Term" ? [] : [["timeline", "/pages/timeline?actor=" + encodeURIComponent(id)]]
    ).forEach(function (pair) {
      var a = panel.el("a", null, pair[0]); a.href = pair[1]; links.appendChild(a); links.appendChild(document.createTextNode(" "));
    });
    box.appendChild(links);
    box.appendChild(list);
    panel.show(label(id), [], box);
    document.getElementById("panel").dataset.node = id;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });

  var timer = null;
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { fit(); window.peacegraph.fitted += 1; }, 120);
  });

  // For tests and the curious: the drawn data sets, and flags once drawn.
  window.peacegraph = { network: network, nodes: nodes, edges: edges, sources: payload.sources, drawn: false,
                        stabilized: true, fitted: 0, showEdge: showEdge, showNode: showNode, fit: fit };
  network.once("afterDrawing", function () { fit(); window.peacegraph.fitted = 1; window.peacegraph.drawn = true; });
})();
