// Draws the position graph from the JSON block the server rendered into the page.
// Tooltips are turned into text nodes here, so document text is never parsed as HTML.
(function () {
  "use strict";
  var payload = JSON.parse(document.getElementById("graph-data").textContent);

  function textTip(value) {
    if (value === undefined || value === null) { return undefined; }
    var el = document.createElement("div");
    el.className = "tip";
    el.textContent = String(value);
    return el;
  }

  payload.nodes.forEach(function (n) { n.title = textTip(n.title); });
  payload.edges.forEach(function (e) { e.title = textTip(e.title); });

  var nodes = new vis.DataSet(payload.nodes);
  var edges = new vis.DataSet(payload.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, payload.options);

  // For tests and the curious: the drawn data sets, and flags once drawn / stabilised.
  window.peacegraph = { network: network, nodes: nodes, edges: edges, drawn: false, stabilized: false };
  network.once("afterDrawing", function () { window.peacegraph.drawn = true; });
  network.on("stabilized", function () { window.peacegraph.stabilized = true; });
  if (!payload.options.physics || !payload.options.physics.enabled) { window.peacegraph.stabilized = true; }
})();
