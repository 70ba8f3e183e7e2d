// Cells and chips of the server-rendered views open their sources in the side panel. The sources come from
// the JSON block the server put in the page (no request); panel.js writes them as text.
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
    window.peacegraphPanel.show(s.heading, s.items);
    document.getElementById("panel").dataset.id = id;
  }
  document.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target.closest("[data-id]") : null;
    if (target && target.matches("button.cell, button.chip")) { open(target); }
  });
  window.peacegraphView = { sources: sources, open: open, ready: true };
})();
