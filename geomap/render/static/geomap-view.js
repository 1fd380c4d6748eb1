/* geomap view helpers: the first view fitted clear of the controls, stop badges placed
 * apart (geomap-labels.js), Leaflet's controls in the page's wording, and
 * the fullscreen button and minimap.
 * Used by geomap.js; reads the story only through the same JSON. */
function geomapView(map, data, markers, legs) {
  "use strict";
  var T = data.labels;
  var CORNERS = ["top left", "top right", "bottom left", "bottom right"];
  // Room kept between a control and the nearest badge, date or route.
  var MARGIN = 10;
  // The offline-tiles notice sits at the top centre; keep the top row of stops below it.
  var TOP_MIN = 64;
  var BADGE = 30;
  var GAP = 4;
  var labels = geomapLabels(map, markers, legs);

  // Leaflet's own controls speak English; give them the page's wording.
  function localize() {
    var box = map.getContainer();
    // Leaflet's credit carries an English title; the link alone says the same.
    if (map.attributionControl) map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
    [[".leaflet-control-zoom-in", T.zoom_in], [".leaflet-control-zoom-out", T.zoom_out],
     [".leaflet-control-layers-toggle", T.layers]].forEach(function (pair) {
      var node = box.querySelector(pair[0]);
      if (!node) return;
      node.setAttribute("title", pair[1]);
      node.setAttribute("aria-label", pair[1]);
    });
  }

  // Every visible control's box, in pixels relative to the map container.
  function controlRects() {
    var box = map.getContainer().getBoundingClientRect();
    var rects = [];
    CORNERS.forEach(function (corner) {
      var sel = corner.split(" ").map(function (c) { return ".leaflet-" + c; }).join("") + " > .leaflet-control";
      Array.prototype.forEach.call(map.getContainer().querySelectorAll(sel), function (node) {
        var r = node.getBoundingClientRect();
        if (!r.width || !r.height) return;  // hidden (small screens, print)
        rects.push({ corner: corner, x0: r.left - box.left, y0: r.top - box.top,
          x1: r.right - box.left, y1: r.bottom - box.top });
      });
    });
    // The offline-tiles notice (top centre) covers the map like a control does.
    var notice = map.getContainer().querySelector(".geomap-tiles-notice");
    var n = notice && notice.getBoundingClientRect();
    if (n && n.width && n.height) {
      rects.push({ corner: "top left", x0: n.left - box.left, y0: n.top - box.top,
        x1: n.right - box.left, y1: n.bottom - box.top });
    }
    return rects;
  }

  // How far each corner's controls reach into the map: across (w) and down or up (h).
  function cornerReach(rects) {
    var size = map.getSize();
    var reach = {};
    CORNERS.forEach(function (corner) { reach[corner] = { w: 0, h: 0 }; });
    rects.forEach(function (r) {
      var left = r.corner.indexOf("left") >= 0, top = r.corner.indexOf("top") >= 0;
      var c = reach[r.corner];
      c.w = Math.max(c.w, left ? r.x1 : size.x - r.x0);
      c.h = Math.max(c.h, top ? r.y1 : size.y - r.y0);
    });
    return reach;
  }

  // What must be seen at zoom z, in projected pixels: the route's bounds, every journey
  // badge, and each badge's date on the side where it reaches less beyond them (the
  // placement puts a date left, or leaves it out, where the right has no room). Counting
  // every date on the right once kept a wide route at half a phone's width.
  function contentBox(bounds, z) {
    var box = L.bounds(map.project(bounds.getSouthWest(), z), map.project(bounds.getNorthEast(), z));
    var dated = [];
    markers.forEach(function (m) {
      if (m.role === "mention") return;
      var p = map.project(m.marker.getLatLng(), z), half = labels.badgeWidth(m) / 2;
      box.extend(L.point(p.x - half, p.y - BADGE / 2));
      box.extend(L.point(p.x + half, p.y + BADGE / 2));
      if (m.date.textContent) dated.push({ p: p, half: half, w: labels.dateWidth(m) + GAP });
    });
    var x0 = box.min.x, x1 = box.max.x;
    dated.forEach(function (d) {
      var right = d.p.x + d.half + d.w - x1, left = x0 - (d.p.x - d.half - d.w);
      box.extend(right <= left ? L.point(d.p.x + d.half + d.w, d.p.y) : L.point(d.p.x - d.half - d.w, d.p.y));
    });
    return box;
  }

  // Each corner's controls are cleared either sideways (padding left/right by their
  // width) or vertically (padding top/bottom by their height); of the 16 choices the
  // one allowing the closest zoom wins, ties going to the least padding. The route is
  // then placed as near the middle of the map as that padding allows.
  function fit() {
    if (!data.bounds) return null;
    var bounds = L.latLngBounds(data.bounds);
    var size = map.getSize();
    var reach = cornerReach(controlRects());
    // Quarter zoom steps let the route fill the free area (whole steps waste up to half).
    map.options.zoomSnap = 0.25;
    var best = null;
    for (var choice = 0; choice < 16; choice++) {
      var pad = { top: 0, right: 0, bottom: 0, left: 0 };
      CORNERS.forEach(function (corner, k) {
        var parts = corner.split(" ");
        var sideways = (choice >> k) & 1;
        var key = sideways ? parts[1] : parts[0];
        pad[key] = Math.max(pad[key], sideways ? reach[corner].w : reach[corner].h);
      });
      var tl = L.point(pad.left + MARGIN, Math.max(pad.top + MARGIN, TOP_MIN));
      var br = L.point(pad.right + MARGIN, pad.bottom + MARGIN);
      var free = size.subtract(tl).subtract(br);
      if (free.x < 60 || free.y < 60) continue;  // nothing would be left to look at
      var zoom = Math.min(map.getBoundsZoom(bounds, false, tl.add(br)), 12);
      var minZoom = map.getMinZoom();
      var content = contentBox(bounds, zoom).getSize();
      while (zoom > minZoom && (content.x > free.x || content.y > free.y)) {
        zoom -= 0.25;
        content = contentBox(bounds, zoom).getSize();
      }
      if (content.x > free.x || content.y > free.y) continue;
      var cost = tl.x + tl.y + br.x + br.y;
      if (!best || zoom > best.zoom || (zoom === best.zoom && cost < best.cost)) {
        best = { zoom: zoom, cost: cost, tl: tl, br: br };
      }
    }
    if (!best) {  // a tiny map: controls or not, show the whole route
      map.fitBounds(bounds, { padding: [MARGIN, MARGIN], maxZoom: 12, animate: false });
      return null;
    }
    var box = contentBox(bounds, best.zoom);
    var half = box.getSize().divideBy(2);
    var lo = best.tl.add(half), hi = size.subtract(best.br).subtract(half);
    var mid = size.divideBy(2);
    var at = L.point(Math.min(Math.max(mid.x, lo.x), hi.x), Math.min(Math.max(mid.y, lo.y), hi.y));
    var centre = box.getCenter().add(mid).subtract(at);
    map.setView(map.unproject(centre, best.zoom), best.zoom, { animate: false });
    return best;
  }

  // Journey badges and their dates placed apart near their spots (geomap-labels.js),
  // controls counted as taken; then the basemap's place names make way for them.
  function declutter() {
    labels.place(controlRects());
    if (map.geomapBasemap) map.geomapBasemap.declutter();
  }

  return { localize: localize, fit: fit, declutter: declutter, controls: controlRects };
}

// The fullscreen button and the minimap: built here, added to the map by geomap.js so
// the corners keep their order. el is geomap.js's DOM builder.
function geomapViewControls(map, data, el) {
  "use strict";
  var T = data.labels;
  // Four corner brackets drawn as SVG: no icon font to load, no glyph missing from fonts.
  function fullscreenIcon() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4");
    path.setAttribute("fill", "none");
    path.setAttribute("stroke", "currentColor");
    path.setAttribute("stroke-width", "2");
    svg.appendChild(path);
    return svg;
  }

  var fullscreen = L.control({ position: "topleft" });
  fullscreen.onAdd = function () {
    var button = el("button", { type: "button", "class": "geomap-fullscreen", "aria-pressed": "false",
      "aria-label": T.fullscreen, title: T.fullscreen });
    button.appendChild(fullscreenIcon());
    button.addEventListener("click", function () {
      if (document.fullscreenElement) document.exitFullscreen();
      else map.getContainer().requestFullscreen();
    });
    document.addEventListener("fullscreenchange", function () {
      var on = document.fullscreenElement === map.getContainer();
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.setAttribute("aria-label", on ? T.exit_fullscreen : T.fullscreen);
      button.title = on ? T.exit_fullscreen : T.fullscreen;
      map.invalidateSize();
    });
    var box = el("div", { "class": "leaflet-bar geomap-fullscreen-bar" }, [button]);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };

  var minimapBox = el("div", { "class": "geomap-minimap", role: "img", "aria-label": T.minimap });
  var minimap = L.control({ position: "bottomright" });
  minimap.onAdd = function () {
    L.DomEvent.disableClickPropagation(minimapBox);
    L.DomEvent.disableScrollPropagation(minimapBox);
    return minimapBox;
  };

  function startMinimap() {
    var mini = L.map(minimapBox, {
      attributionControl: false, zoomControl: false, dragging: false, scrollWheelZoom: false,
      doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false
    });
    if (data.tiles.url) L.tileLayer(data.tiles.url, { maxZoom: data.tiles.max_zoom || 18 }).addTo(mini);
    // Offline the tiles never come: coarse land under them still says where on Earth this is.
    if (typeof geomapBasemap === "function" && data.overview && data.overview.land.length) {
      geomapBasemap(mini, { land: data.overview.land, borders: [], labels: [] });
    }
    data.legs.forEach(function (leg) {
      L.polyline(leg.path, { color: "#1d4f91", weight: 2, interactive: false }).addTo(mini);
    });
    var frame = L.rectangle(map.getBounds(), { color: "#b3261e", weight: 1, fillOpacity: 0.1, interactive: false }).addTo(mini);
    function sync() {
      mini.setView(map.getCenter(), Math.max(map.getZoom() - 5, 0), { animate: false });
      frame.setBounds(map.getBounds());
    }
    map.on("moveend zoomend resize", sync);
    // Built hidden (small maps, embeds) it has no size: measured again once shown.
    map.on("geomap:overview", function () { mini.invalidateSize({ animate: false, pan: false }); sync(); });
    mini.on("click", function (e) { map.panTo(e.latlng); });
    sync();
    return { map: mini, frame: frame };
  }

  return { fullscreen: fullscreen, minimap: minimap, startMinimap: startMinimap };
}
