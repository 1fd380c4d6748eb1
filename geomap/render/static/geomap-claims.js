/* geomap claims: the distances and directions the articles state, checked, and where the
 * articles disagree — a "Claims" section in the side panel and a block in the popup of the
 * place each claim is about. Story text only ever goes to textContent. */
function geomapClaims(data) {
  "use strict";
  var C = data.claims;
  if (!C || !window.geomap) return;
  var T = C.labels;
  var VERDICT = { "consistent": T.consistent, "route-only": T.route_only, "direction-off": T.direction_off,
    "distance-off": T.distance_off, "both-off": T.both_off, "unchecked": T.unchecked };

  function el(tag, cls, text, children) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== null && text !== undefined) node.textContent = text;
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function km(value) {
    return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, C.thousands) + " km";
  }
  function pct(value) { return (value > 0 ? "+" : value < 0 ? "−" : "±") + Math.abs(value) + " %"; }

  // The sentence, with the claim's words marked (offsets are checked: a bad pair cannot garble text).
  function quote(q) {
    var text = q.text, at = 0, box = el("blockquote");
    box.setAttribute("dir", "auto");
    (q.marks || []).forEach(function (m) {
      if (!(m[0] >= at && m[1] > m[0] && m[1] <= text.length)) return;
      box.appendChild(document.createTextNode(text.slice(at, m[0])));
      box.appendChild(el("mark", null, text.slice(m[0], m[1])));
      at = m[1];
    });
    box.appendChild(document.createTextNode(text.slice(at)));
    return box;
  }

  // The article's own words (a figure, a direction, a name the map could not place) are
  // marked as quoted, in the article's language, apart from the interface's words.
  // Story text is isolated (dir=auto, <bdi>): a right-to-left name or a stray bidi
  // override cannot reorder the interface's words around it.
  function words(text) { var q = el("q", "geomap-claim-words", text); q.setAttribute("dir", "auto"); return q; }
  function bidi(text) { return el("bdi", null, text); }
  function join(parts) {
    var out = [];
    parts.forEach(function (p, i) {
      if (i) out.push(document.createTextNode(" · "));
      out.push(typeof p === "string" ? document.createTextNode(p) : p);
    });
    return out;
  }
  function span(children) { return el("span", null, null, children); }

  function figures(c) {
    var parts = [span([document.createTextNode(T.claimed + " "), words(c.figure + (c.direction ? " " + c.direction : ""))])];
    if (c.geodesic_km !== null) {
      parts.push(T.geodesic + " " + km(c.geodesic_km) + " (" + pct(c.deviation) + ")");
      parts.push(T.bearing + " " + c.bearing + "° (" + c.compass + ")");
    }
    if (c.route_km !== null) parts.push(T.route + " " + km(c.route_km));
    return el("div", "geomap-claim-figures", null, join(parts));
  }

  function name(text, quoted) { return quoted ? words(text || "?") : bidi(text || "?"); }

  // A note's wording may already put quotation marks around the article's words: then
  // the <q> adds none of its own (no “"la ville"”).
  var OPEN_QUOTE = /[“«"‘‹„]\s*$/;
  function noteNode(pieces) {
    return el("li", null, null, pieces.map(function (p, i) {
      if (!p[1]) return document.createTextNode(p[0]);
      var q = words(p[0]);
      if (i > 0 && OPEN_QUOTE.test(pieces[i - 1][0])) q.classList.add("geomap-claim-words-quoted");
      return q;
    }));
  }

  function claimNode(c) {
    var verdict = VERDICT[c.verdict] || c.verdict;
    if (c.uncertain) verdict += " (" + T.uncertain + ")";
    var item = el("li", "geomap-claim geomap-claim-" + c.verdict, null, [
      el("div", "geomap-claim-head", null, [
        name(c.place_name, c.place_quoted), document.createTextNode(" → "), name(c.anchor_name, c.anchor_quoted),
        document.createTextNode(" · "), el("strong", "geomap-claim-verdict", verdict)
      ]),
      figures(c),
      quote(c.quote),
      el("div", "geomap-quote-head", null, [bidi(c.quote.article)])
    ]);
    if (c.notes.length) item.appendChild(el("ul", "geomap-claim-notes", null, c.notes.map(noteNode)));
    return item;
  }

  function disagreementNode(d) {
    function side(s) {
      return el("div", "geomap-disagree-side", null, [
        el("div", "geomap-quote-head", null, join([bidi(s.article)].concat(s.date ? [bidi(window.geomap.day(s.date))] : [])
          .concat([words(s.words)]))),
        quote(s)
      ]);
    }
    return el("li", "geomap-disagreement", null, [
      el("div", "geomap-claim-head", null, [bidi(d.place_name),
        document.createTextNode((d.stop !== null ? " (" + T.stop + " " + d.stop + ")" : "") + " · " + (T[d.kind] || d.kind))]),
      side(d.first), el("div", "geomap-claim-versus", T.versus), side(d.second)
    ]);
  }

  // ---- side panel ------------------------------------------------------------------
  var body = document.getElementById("geomap-panel-body");
  if (body) {
    var section = el("section", "geomap-claims", null, [el("h2", null, T.claims)]);
    section.setAttribute("aria-label", T.claims);
    if (C.items.length) section.appendChild(el("ul", "geomap-claim-list", null, C.items.map(claimNode)));
    else section.appendChild(el("p", "geomap-claim-none", T.none));
    if (C.disagreements.length) {
      section.appendChild(el("h3", null, T.disagreements));
      section.appendChild(el("ul", "geomap-claim-list", null, C.disagreements.map(disagreementNode)));
    }
    body.appendChild(section);
  }

  // ---- popups: a place's own claims and disagreements under its quotes --------------
  var byPlace = {};
  C.items.forEach(function (c) { if (c.place) (byPlace[c.place] = byPlace[c.place] || { c: [], d: [] }).c.push(c); });
  C.disagreements.forEach(function (d) { (byPlace[d.place] = byPlace[d.place] || { c: [], d: [] }).d.push(d); });
  // The popup's content is a function (built again on each update): ours extends it.
  window.geomap.markers.forEach(function (m, i) {
    var mine = byPlace[data.places[i].id];
    var popup = m.marker.getPopup();
    if (!mine || !popup) return;
    var build = popup.getContent();
    popup.setContent(function (layer) {
      var root = typeof build === "function" ? build(layer) : build;
      var box = el("section", "geomap-claims", null, [el("h3", null, T.claims)]);
      if (mine.c.length) box.appendChild(el("ul", "geomap-claim-list", null, mine.c.map(claimNode)));
      if (mine.d.length) {
        box.appendChild(el("h3", null, T.disagreements));
        box.appendChild(el("ul", "geomap-claim-list", null, mine.d.map(disagreementNode)));
      }
      if (root && root.appendChild) root.appendChild(box);
      return root;
    });
  });
}

// geomap.js's page call is geomapStart(data); the claims run right after it on the same data.
(function () {
  var start = geomapStart;
  geomapStart = function (data) {  // eslint-disable-line no-global-assign
    start(data);
    geomapClaims(data);
  };
})();
