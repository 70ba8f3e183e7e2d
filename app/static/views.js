// The stance matrix and the guarantees table, drawn from the compact JSON block the server put in the page
// (`view-data`: row and column labels, one small array per cell or chip), and the sources of a cell or chip,
// loaded from the JSON API when it is clicked (`view.load`: the endpoint and the page's own filters).
// Every label and quote is written with textContent or setAttribute, so document text is never parsed as HTML.
(function () {
  "use strict";
  var block = document.getElementById("view-data");
  var view = block ? JSON.parse(block.textContent) : null;
  var panel = window.peacegraphPanel;
  var el = panel.el;
  var COLOURS = { favour: [47, 143, 70], oppose: [192, 57, 43], mixed: [142, 107, 191] };
  var entries = {};  // data-id -> {heading, params, count, keep, items}
  var selected = null;

  // {a: 1, b: [2, 3]} -> "a=1&b=2&b=3" (lists repeated, empty values left out)
  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (k) {
      [].concat(params[k]).forEach(function (v) {
        if (v !== null && v !== undefined && v !== "") {
          parts.push(encodeURIComponent(k) + "=" + encodeURIComponent(v));
        }
      });
    });
    return parts.join("&");
  }

  function sourcesUrl(params) {
    var all = Object.assign({}, view.load.params, params, { limit: view.load.limit });
    return view.load.path + "?" + query(all);
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // The empty table: a corner, the column heads, one row per row label; returns the cells' lookup.
  function table(grid, corner, headClass, rowClass, wrapHead) {
    var t = el("table", grid.getAttribute("data-table-class"));
    t.id = grid.getAttribute("data-table-id");
    var head = el("tr");
    head.appendChild(el("th", null, corner));
    view.cols.forEach(function (c) {
      var th = el("th", headClass);
      th.setAttribute("scope", "col");
      th.title = c[1];
      if (wrapHead) { th.appendChild(el("span", null, c[1])); } else { th.textContent = c[1]; }
      head.appendChild(th);
    });
    t.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    var cells = [];
    view.rows.forEach(function (r) {
      var tr = el("tr");
      var th = el("th", rowClass, r[1]);
      th.setAttribute("scope", "row");
      tr.appendChild(th);
      var row = [];
      view.cols.forEach(function () { row.push(tr.appendChild(el("td"))); });
      cells.push(row);
      body.appendChild(tr);
    });
    t.appendChild(body);
    return { table: t, cells: cells };
  }

  function drawMatrix(grid) {
    var built = table(grid, "", "term", "actor", true);
    var most = 1;
    view.cells.forEach(function (c) { most = Math.max(most, c[2] + c[3] + c[4] + c[5]); });
    view.cells.forEach(function (c) {
      var actor = view.rows[c[0]], term = view.cols[c[1]];
      var favour = c[2] + c[3] + c[4], oppose = c[5], total = favour + oppose;
      var stance = favour && oppose ? "mixed" : (favour ? "favour" : "oppose");
      var parts = view.relations.map(function (verb, i) { return c[2 + i] ? verb + " " + c[2 + i] : null; })
        .filter(function (x) { return x; }).join(", ");
      var id = actor[0] + "|" + term[0];
      var alpha = 0.25 + 0.75 * Math.log2(total + 1) / Math.log2(most + 1);
      var rgb = COLOURS[stance];
      var b = el("button", "cell " + stance, total);
      b.setAttribute("data-id", id);
      b.setAttribute("data-total", total);
      b.style.background = "rgba(" + rgb.join(", ") + ", " + alpha.toFixed(2) + ")";
      b.style.color = alpha > 0.6 ? "#fff" : "#111";
      b.title = actor[1] + " — " + term[1] + ": " + stance + " (" + parts + "); " + plural(total, "source") +
        " in " + plural(c[6], "document");
      entries[id] = { heading: actor[1] + " on " + term[1] + ": " + parts, count: total,
                      params: { actor: actor[0], term: term[0] } };
      built.cells[c[0]][c[1]].appendChild(b);
    });
    grid.appendChild(built.table);
  }

  function drawGuarantees(grid) {
    var built = table(grid, "guarantor ↓ / beneficiary →", null, null, false);
    view.chips.forEach(function (c) {
      var g = view.rows[c[0]], ben = view.cols[c[1]], status = c[2], count = c[3];
      var id = g[0] + "|GUARANTEES|" + ben[0] + "|" + status;
      var b = el("button", "chip " + status, status + " · " + count);
      b.setAttribute("data-id", id);
      b.setAttribute("data-total", count);
      b.title = g[1] + " " + status + " for " + ben[1] + ": " + plural(count, "source") + " in " +
        plural(c[4], "document");
      var exact = view.load.path === "/guarantees";
      entries[id] = { heading: g[1] + " " + view.verbs[status] + " " + ben[1], count: count,
                      params: exact ? { guarantor: g[0], beneficiary: ben[0], status: status } : { actor: g[0], status: status },
                      keep: exact ? null : { source: g[0], target: ben[0] } };
      built.cells[c[0]][c[1]].appendChild(b);
    });
    grid.appendChild(built.table);
  }

  function note(entry) {
    if (entry.items.length >= entry.count) { return null; }
    return el("p", "note", "The newest " + entry.items.length + " of " + entry.count + " sources.");
  }

  function open(button) {
    var id = button.getAttribute("data-id");
    var entry = entries[id];
    if (!entry) { return; }
    if (selected) { selected.classList.remove("selected"); }
    selected = button;
    button.classList.add("selected");
    var box = document.getElementById("panel");
    box.dataset.id = id;
    if (entry.items) { panel.show(entry.heading, entry.items, note(entry)); return; }
    panel.show(entry.heading, [], el("p", "loading", "Loading the sources…"));
    fetch(sourcesUrl(entry.params), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) { throw new Error("the server answered " + r.status); }
        return r.json();
      })
      .then(function (data) {
        var items = Array.isArray(data) ? data : (data.links || []);
        if (entry.keep) {  // /graph within one document: its actor filter takes either end of a guarantee
          items = items.filter(function (s) { return s.source === entry.keep.source && s.target === entry.keep.target; });
        }
        entry.items = items;
        if (box.dataset.id === id) { panel.show(entry.heading, items, note(entry)); }
      })
      .catch(function (err) {
        if (box.dataset.id === id) { panel.show(entry.heading, [], el("p", "error", "Could not load the sources: " + err.message)); }
      });
  }

  var grid = document.getElementById("grid");
  if (view && grid) {
    if (view.kind === "matrix") { drawMatrix(grid); } else if (view.kind === "guarantees") { drawGuarantees(grid); }
  }
  document.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target.closest("[data-id]") : null;
    if (target && target.matches("button.cell, button.chip")) { open(target); }
  });
  window.peacegraphView = { view: view, entries: entries, open: open, ready: true };
})();
