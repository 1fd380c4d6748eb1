/* geomap layouts: compact embeds (map.html?embed), small maps (short or narrow, phones
 * among them), print. Sets the page's layout classes, folds the legend and drops the
 * overview map where room is short, fits the view after every
 * layout change and tells an embedding page the height the route wants.
 * Used by geomap.js; reads the story only through the same JSON. */
function geomapLayout(map, data, view, setLegendOpen) {
  "use strict";
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);
  // ?embed: no side panel, folded legend, no minimap; asked for by the embed snippet.
  var compact = params.has("embed");
  var printing = window.matchMedia("print");
  // A map shorter or narrower than this (the window's or an iframe's size, whatever the
  // device) is small: the legend opens folded, the date slider and the overview map step
  // aside. At 720x450 the open legend, the slider and the overview covered a third of the
  // map, and fitting the route clear of them left it a quarter of the rest.
  var SMALL_HEIGHT = 560, SMALL_WIDTH = 520;
  // Room kept between the overview map and any other control.
  var OVERVIEW_GAP = 10;
  // Height wanted per width for an embed: the route's shape, kept between these.
  var MIN_RATIO = 0.5, MAX_RATIO = 1.0, MIN_HEIGHT = 280, EXTRA = 60;
  root.classList.toggle("geomap-compact", compact);

  function refit() {
    map.invalidateSize({ animate: false, pan: false });
    view.fit();
    view.declutter();
    // Which layout the view was last fitted for (tests and print tools can wait for it).
    root.setAttribute("data-geomap-fitted", printing.matches ? "print" : "screen");
  }

  function isSmall() {
    map.invalidateSize({ animate: false, pan: false });
    var size = map.getSize();
    return compact || size.y < SMALL_HEIGHT || size.x < SMALL_WIDTH;
  }

  // The overview map steps aside on a small map and wherever it would sit on (or against)
  // another control, e.g. the step-through bar reaching across a narrow map's bottom.
  // True if that changed.
  function placeOverview(small) {
    var was = root.classList.contains("geomap-no-overview");
    root.classList.toggle("geomap-no-overview", small);
    var box = map.getContainer().querySelector(".geomap-minimap");
    var m = box && box.getBoundingClientRect();
    if (!small && m && m.width && m.height) {
      var others = map.getContainer().querySelectorAll(".leaflet-control:not(.geomap-minimap)");
      var hit = Array.prototype.some.call(others, function (node) {
        var r = node.getBoundingClientRect();
        return r.width && r.height && r.left < m.right + OVERVIEW_GAP && m.left < r.right + OVERVIEW_GAP &&
          r.top < m.bottom + OVERVIEW_GAP && m.top < r.bottom + OVERVIEW_GAP;
      });
      root.classList.toggle("geomap-no-overview", hit);
    }
    var now = root.classList.contains("geomap-no-overview");
    if (now !== was) map.fire("geomap:overview");  // shown again: the overview redraws at its size
    return now !== was;
  }

  // Lays the controls out for the map's size, then fits the view clear of those shown.
  // A reader's own fold or unfold of the legend stands until the map changes size class.
  var wasSmall = null;
  function arrange() {
    var small = isSmall();
    root.classList.toggle("geomap-small", small);
    if (small !== wasSmall) setLegendOpen(!small);
    wasSmall = small;
    placeOverview(small);
    refit();
  }

  // Resizing (a phone turned, a window or an iframe resized) lays out and fits again only
  // when what is shown changes; otherwise the reader's view stays.
  function onResize() {
    if (printing.matches) return;
    if (isSmall() !== wasSmall) arrange();
    else if (placeOverview(wasSmall)) refit();
  }

  // The route's height over its width (projected), for the height an embed asks for.
  function routeRatio() {
    if (!data.bounds) return 10 / 16;
    var b = L.latLngBounds(data.bounds);
    var a = map.project(b.getNorthWest(), 8), c = map.project(b.getSouthEast(), 8);
    var w = Math.max(c.x - a.x, 1), h = Math.max(c.y - a.y, 1);
    return Math.min(Math.max(h / w, MIN_RATIO), MAX_RATIO);
  }

  var lastWidth = -1;
  function postHeight() {
    if (window.parent === window) return;
    var width = document.documentElement.clientWidth;
    if (width === lastWidth) return;  // the height follows the width only: no feedback loop
    lastWidth = width;
    var height = Math.max(MIN_HEIGHT, Math.round(width * routeRatio() + EXTRA));
    // Only a number leaves the page; the embedding page checks it came from its frame.
    window.parent.postMessage({ type: "geomap:height", height: height }, "*");
  }

  // How far the controls (and the offline-tiles notice) reach down from the top and up
  // from the bottom of the map: an open popup stays between them.
  function reach() {
    var size = map.getSize(), top = 0, bottom = 0;
    var rects = view.controls();  // the offline-tiles notice included
    rects.forEach(function (r) {
      if (r.corner.indexOf("top") === 0) top = Math.max(top, r.y1);
      else bottom = Math.max(bottom, size.y - r.y0);
    });
    return { top: top, bottom: bottom, size: size };
  }

  // A popup fits the map left free by the controls: at most as wide as the map allows,
  // its body scrolling when the free height is short, panned clear of the controls.
  var POPUP_MARGIN = 10, POPUP_CHROME = 80;  // wrapper padding, heading room and tip
  map.on("popupopen", function (e) {
    var popup = e.popup, room = reach();
    popup.options.maxWidth = Math.max(160, Math.min(380, room.size.x - 70));
    popup.options.minWidth = Math.min(220, popup.options.maxWidth);
    popup.options.autoPanPaddingTopLeft = L.point(POPUP_MARGIN, room.top + POPUP_MARGIN);
    popup.options.autoPanPaddingBottomRight = L.point(POPUP_MARGIN, room.bottom + POPUP_MARGIN);
    // A custom property, not a style on the node: update() builds the content again.
    var free = room.size.y - room.top - room.bottom - 2 * POPUP_MARGIN - POPUP_CHROME;
    map.getContainer().style.setProperty("--geomap-popup-max", Math.max(100, free) + "px");
    popup.update();  // lays the popup out again and pans it into the free area
  });

  window.addEventListener("resize", onResize);
  // Print: the page is laid out again at paper size; fit the route to the printed map
  // (controls are hidden there) and back to the screen afterwards.
  printing.addEventListener("change", refit);
  window.addEventListener("beforeprint", refit);
  window.addEventListener("afterprint", refit);
  window.addEventListener("resize", postHeight);
  // The offline-tiles notice appears once the first tiles fail, just after the first fit:
  // badges under it move aside (the view itself stays as fitted).
  new MutationObserver(function (changes, observer) {
    if (!map.getContainer().querySelector(".geomap-tiles-notice")) return;
    observer.disconnect();
    view.declutter();
    noticeAside();
  }).observe(map.getContainer(), { childList: true });
  // Wherever the reader takes the map, the notice (said once, at the first view) steps
  // aside rather than cover a stop's badge, date or true spot.
  function noticeAside() {
    var notice = map.getContainer().querySelector(".geomap-tiles-notice");
    if (!notice) return;
    notice.style.visibility = "";
    var n = notice.getBoundingClientRect();
    var marks = map.getContainer().querySelectorAll(
      ".leaflet-marker-icon.geomap-stop, .leaflet-marker-icon.geomap-site, .geomap-stop .geomap-badge, .geomap-site .geomap-badge");
    var covers = Array.prototype.some.call(marks, function (m) {
      var r = m.getBoundingClientRect();
      return r.width && r.left < n.right && n.left < r.right && r.top < n.bottom && n.top < r.bottom;
    });
    if (covers) notice.style.visibility = "hidden";
  }
  map.on("moveend zoomend", noticeAside);
  arrange();
  postHeight();
  return { compact: compact, refit: refit, small: function () { return wasSmall; } };
}


// The legend: swatches in the page's wording, folding to its heading (a button).
// el and km are geomap.js's DOM builder and distance formatter.
function geomapLegend(data, el, km, onToggle) {
  "use strict";
  var T = data.labels;
  function legendRow(swatch, text) {
    return el("li", null, [swatch, el("span", { text: text })]);
  }
  var legend = L.control({ position: "topright" });
  // Folded to its heading in embeds and on phones (geomapLayout decides).
  var legendBox = null;
  legend.onAdd = function () {
    var toggle = el("button", { type: "button", "class": "geomap-legend-toggle", "aria-expanded": "true",
      "aria-controls": "geomap-legend-body", title: T.hide_legend, text: T.legend });
    legendBox = el("section", { "class": "geomap-legend leaflet-bar", "aria-label": T.legend }, [
      el("h2", null, [toggle]),
      el("ul", { id: "geomap-legend-body" }, [
        legendRow(el("span", { "class": "geomap-swatch geomap-swatch-stop", text: "1" }), T.stop),
        legendRow(el("span", { "class": "geomap-swatch geomap-swatch-site", text: "2" }), T.site),
        el("li", null, [el("span", { "class": "geomap-swatch geomap-swatch-mention" }),
          el("span", null, [T.mention + " ", el("span", { "class": "geomap-legend-hint", text: T.mention_layer_hint })])]),
        legendRow(el("span", { "class": "geomap-swatch geomap-swatch-route" }),
          T.route + (data.legs.length ? " · " + T.total + " " + km(data.total_km) : "")),
        data.stops.some(function (s) { return s.inferred; })
          ? legendRow(el("span", { "class": "geomap-swatch geomap-swatch-route geomap-swatch-inferred" }), T.legend_inferred) : null,
        data.places.some(function (p) { return p.approx_km != null; })
          ? legendRow(el("span", { "class": "geomap-swatch geomap-swatch-approx" }), T.legend_approx) : null
      ])
    ]);
    toggle.addEventListener("click", function () {
      setLegendOpen(toggle.getAttribute("aria-expanded") !== "true");
      onToggle();  // the corner changed size
    });
    L.DomEvent.disableClickPropagation(legendBox);
    L.DomEvent.disableScrollPropagation(legendBox);
    return legendBox;
  };
  function setLegendOpen(open) {
    if (!legendBox) return;
    var toggle = legendBox.querySelector(".geomap-legend-toggle");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    toggle.title = open ? T.hide_legend : T.show_legend;
    legendBox.classList.toggle("geomap-legend-closed", !open);
  }
  return { control: legend, setOpen: setLegendOpen };
}
