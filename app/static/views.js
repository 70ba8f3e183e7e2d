// Cells and chips of the server-rendered views open their sources in the side panel. The sources come from
// the JSON block the server put in the page, or, for a matrix cell drawn from the aggregates, from `/graph` for
// the actor and term given there (loaded on the first click); panel.js writes them as text.
(function () {
  "use strict";
  var block = document.getElementById("view-data");
  var sources = block ? JSON.parse(block.textContent) : {};
  var selected = null;
  function open(button) {
    var id = button.getAttribute("data-id");
    var s = sources[id];
    if (!s) { return; }
    if (selected) { selected.classList.remove("selected"); }
    selected = button;
    button.classList.add("selected");
    document.getElementById("panel").dataset.id = id;
    if (s.items || !s.load) {
      window.peacegraphPanel.show(s.heading, s.items);
      return;
    }
    // A cell drawn from the aggregates: its sources are the edges /graph answers for it (a term filter keeps
    // position edges only), loaded once.
    window.peacegraphPanel.show(s.heading, []);
    var url = "/graph?actor=" + encodeURIComponent(s.load.actor) + "&term=" + encodeURIComponent(s.load.term) +
      "&limit=" + encodeURIComponent(s.load.limit);
    fetch(url, {headers: {Accept: "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {links: []}; })
      .then(function (data) {
        s.items = data.links || [];
        if (document.getElementById("panel").dataset.id === id) { window.peacegraphPanel.show(s.heading, s.items); }
      });
  }
  document.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target.closest("[data-id]") : null;
    if (target && target.matches("button.cell, button.chip")) { open(target); }
  });
  window.peacegraphView = { sources: sources, open: open, ready: true };
})();
