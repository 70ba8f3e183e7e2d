// The evidence side panel shared by the pages: lists sources (quote, speaker, outlet, date, document link).
// Everything is written with textContent, so document text is never parsed as HTML.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function docLink(s) {
    var a = el("a", "doc-link", s.title || s.doc);
    a.href = "/pages/documents/" + encodeURIComponent(s.doc) + "#s-" + encodeURIComponent(s.sentence);
    return a;
  }

  function sourceItem(s) {
    var li = el("li", "source");
    if (s.quote) { li.appendChild(el("blockquote", null, s.quote)); }
    var meta = el("p", "meta");
    if (s.speaker_name || s.speaker) { meta.appendChild(el("span", "speaker", "— " + (s.speaker_name || s.speaker))); }
    var where = [s.outlet, s.date].filter(function (x) { return x; }).join(", ");
    if (where) { meta.appendChild(el("span", "where", where)); }
    meta.appendChild(docLink(s));
    if (s.confidence !== undefined && s.confidence !== null) {
      meta.appendChild(el("span", "confidence", "confidence " + Number(s.confidence).toFixed(2)));
    }
    if (s.review_status && s.review_status !== "unreviewed") {
      meta.appendChild(el("span", "review-status review-" + s.review_status, s.review_status));
    }
    li.appendChild(meta);
    if (s.review_key) { li.appendChild(historyButton(s.review_key)); }
    return li;
  }

  // A source's review history (GET /review/history, or /review/guarantees/history for a guarantee's key), loaded
  // on a click and written as text.
  function historyButton(key) {
    var box = el("div", "review-history");
    var button = el("button", "history", "review history");
    button.type = "button";
    button.addEventListener("click", function () {
      var params = new URLSearchParams();
      Object.keys(key).forEach(function (k) { params.set(k, key[k]); });
      var path = key.guarantor !== undefined ? "/review/guarantees/history?" : "/review/history?";
      fetch(path + params.toString(), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (rows) {
          var ul = el("ul", "history");
          if (!rows.length) { ul.appendChild(el("li", null, "not reviewed yet")); }
          rows.forEach(function (h) {
            ul.appendChild(el("li", null, h.at.slice(0, 19) + " " + h.reviewer + ": " + h.decision +
              (h.reason ? " — " + h.reason : "") + (h.orphaned ? " (orphaned)" : "")));
          });
          box.replaceChildren(ul);
        });
    });
    box.appendChild(button);
    return box;
  }

  // Show `heading` and `items` (sources) in the panel; `extra` is an optional DOM node put above the list.
  function show(heading, items, extra) {
    var title = document.getElementById("panel-title");
    var body = document.getElementById("panel-body");
    var hint = document.querySelector("#panel .hint");
    if (hint) { hint.hidden = true; }
    title.textContent = heading;
    body.textContent = "";
    if (extra) { body.appendChild(extra); }
    if (items && items.length) {
      body.appendChild(el("p", "count", items.length + (items.length === 1 ? " source" : " sources")));
      var ul = el("ul", "sources");
      items.forEach(function (s) { ul.appendChild(sourceItem(s)); });
      body.appendChild(ul);
    }
    var panel = document.getElementById("panel");
    if (panel.scrollIntoView && window.innerWidth < 900) { panel.scrollIntoView({block: "nearest"}); }
  }

  window.peacegraphPanel = { show: show, el: el, sourceItem: sourceItem };
})();
