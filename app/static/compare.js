// The compare page's cards: a card's sources on both sides are loaded when it is first opened, from the /graph
// URL the server wrote in each side's `data-sources`, and listed with panel.js's source items (text nodes only,
// so document text is never parsed as HTML).
(function () {
  "use strict";
  var panel = window.peacegraphPanel;
  var el = panel.el;

  function fill(side) {
    var list = side.querySelector("ul.sources");
    var actor = side.getAttribute("data-actor");
    var count = Number(side.getAttribute("data-count"));
    list.textContent = "";
    list.appendChild(el("li", "loading", "Loading the sources…"));
    return fetch(side.getAttribute("data-sources"), { headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) { throw new Error("the server answered " + r.status); }
        return r.json();
      })
      .then(function (data) {
        var links = data.links || [];
        list.textContent = "";
        links.forEach(function (s) {
          var li = panel.sourceItem(s);
          li.insertBefore(el("strong", null, actor + " " + String(s.relation || "").toLowerCase()), li.firstChild);
          list.appendChild(li);
        });
        if (links.length < count) {
          side.appendChild(el("p", "note", "The newest " + links.length + " of " + count + " sources."));
        }
        side.setAttribute("data-loaded", "true");
      })
      .catch(function (err) {
        list.textContent = "";
        list.appendChild(el("li", "error", "Could not load the sources: " + err.message));
      });
  }

  document.querySelectorAll("details.card").forEach(function (card) {
    card.addEventListener("toggle", function () {
      if (!card.open || card.getAttribute("data-requested")) { return; }
      card.setAttribute("data-requested", "true");
      card.querySelectorAll("[data-sources]").forEach(fill);
    });
  });
  window.peacegraphCompare = { ready: true };
})();
