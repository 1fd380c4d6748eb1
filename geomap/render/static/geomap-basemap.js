/* geomap offline basemap: Natural Earth land, coastlines, borders and place names drawn
 * under the tiles (which cover it when the network is there). The data comes only as
 * JSON; names are only ever assigned to textContent. */
function geomapBasemap(map, data) {
  "use strict";
  if (!data || !data.land) return null;
  // Leaflet's tile pane sits at z-index 200: everything here lies below it.
  map.createPane("geomap-basemap").style.zIndex = 150;
  var labelPane = map.createPane("geomap-basemap-labels");
  labelPane.style.zIndex = 160;
  labelPane.style.pointerEvents = "none";
  map.getContainer().classList.add("geomap-has-basemap");

  function latLngs(flat) {
    var out = [];
    for (var i = 0; i + 1 < flat.length; i += 2) out.push([flat[i + 1], flat[i]]);
    return out;
  }
  var renderer = L.svg({ pane: "geomap-basemap", padding: 0.5 });
  var land = L.polygon(data.land.map(function (poly) { return poly.map(latLngs); }), {
    renderer: renderer, interactive: false, className: "geomap-bm-land",
    fillColor: "#f5f2ea", fillOpacity: 1, color: "#8fa8bb", weight: 1
  }).addTo(map);
  var borders = L.polyline(data.borders.map(latLngs), {
    renderer: renderer, interactive: false, className: "geomap-bm-border",
    color: "#a89a8e", weight: 1, dashArray: "4 3"
  }).addTo(map);

  // Names are plain positioned text in their own pane, not markers: they take no focus,
  // no clicks, and are not counted among the story's markers.
  var labels = data.labels.map(function (item) {
    var node = L.DomUtil.create("div", "geomap-bm-label geomap-bm-" + item[0] + " leaflet-zoom-hide", labelPane);
    node.textContent = item[1];
    return { node: node, latLng: L.latLng(item[3], item[2]) };
  });
  function position() {
    labels.forEach(function (label) {
      L.DomUtil.setPosition(label.node, map.latLngToLayerPoint(label.latLng));
    });
  }

  // Labels come largest first; one that would overlap an earlier one, any of the story's
  // own markers or a control (the tiles notice too), or that the map's edge would cut, is hidden.
  function declutter() {
    var box = map.getContainer();
    var edge = box.getBoundingClientRect();
    var shown = Array.prototype.map.call(
      box.querySelectorAll(".leaflet-marker-pane > *, .leaflet-marker-pane > * *, .leaflet-control, .geomap-tiles-notice"),
      function (node) { return node.getBoundingClientRect(); });
    labels.forEach(function (label) {
      var node = label.node;
      node.style.visibility = "";
      var r = node.getBoundingClientRect();
      var cut = r.left < edge.left || r.top < edge.top || r.right > edge.right || r.bottom > edge.bottom;
      var clash = !r.width || cut || shown.some(function (s) {
        return r.left < s.right + 4 && r.right + 4 > s.left && r.top < s.bottom && r.bottom > s.top;
      });
      if (clash) node.style.visibility = "hidden";
      else shown.push(r);
    });
  }
  // Story markers are added, spread apart and labelled by geomap.js after this runs and
  // after each zoom: look again once they have settled.
  var queued = null;
  function queue() {
    if (queued !== null) clearTimeout(queued);
    queued = setTimeout(function () { queued = null; declutter(); }, 60);
  }
  map.on("zoomend viewreset", position);
  map.on("zoomend moveend layeradd layerremove", queue);
  map.whenReady(function () { position(); queue(); });
  if (map.attributionControl && data.attribution) {
    // Leaflet puts attributions in as HTML: only our plain, escaped text goes there.
    map.attributionControl.addAttribution(data.attribution.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    }));
  }
  // Kept on the map for tests and embedding pages: what was drawn, and the box it covers.
  map.geomapBasemap = { land: land, borders: borders, labels: labels, declutter: declutter, bounds: data.bounds };
  return map.geomapBasemap;
}
