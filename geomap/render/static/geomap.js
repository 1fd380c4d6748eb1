/* geomap page script: builds markers, popups, legend, stop list and controls from the
 * story's JSON with DOM APIs only. Story text is only ever assigned to textContent or
 * to attribute values; links are kept only for http(s) URLs. */
function geomapStart(data) {
  "use strict";
  var T = data.labels;
  var map = window[data.names.map];
  var groups = {
    route: window[data.names.route],
    stop: window[data.names.stops],
    site: window[data.names.sites],
    mention: window[data.names.mentions]
  };
  var stopIndex = {};
  data.stops.forEach(function (s, i) { stopIndex[s.seq] = i; });

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined) return;
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // The Python side already dropped other schemes; checked again so the page stays
  // safe even if someone edits the JSON by hand.
  function safeHref(url) {
    if (typeof url !== "string") return null;
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  // Story text (names, titles, times, words from articles) set inside interface text is
  // isolated: a right-to-left name or a stray U+202E override in an article cannot
  // reorder the interface words around it. Elements holding only story text get dir=auto.
  function bidi(text) { return el("bdi", { text: text }); }

  function fmt(template, n) { return template.replace("{n}", String(n)); }
  function km(value) {
    return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, T.thousands) + " km";
  }

  // Dates as readers write them ("12 sept."), the year only when the story spans several.
  var MONTHS = T.months.split("|");
  var years = {};
  data.stops.map(function (s) { return s.date; }).concat(data.articles.map(function (a) { return a.date; }))
    .forEach(function (d) { var m = /(\d{4})-\d{2}-\d{2}/.exec(d || ""); if (m) years[m[1]] = true; });
  var withYear = Object.keys(years).length > 1;
  function day(text) {
    return String(text).replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, function (all, y, m, d) {
      var month = MONTHS[Number(m) - 1];
      if (!month) return all;
      return (d === "01" ? T.first_day : String(Number(d))) + "\u00a0" + month + (withYear ? " " + y : "");
    });
  }

  function stopDate(stop) {
    var text = stop.date ? day(stop.date) : T.no_date;
    return stop.time ? text + " (" + stop.time + ")" : text;
  }

  // The same as nodes: the date and time are the story's, isolated.
  function stopDateNodes(stop) {
    var date = stop.date ? el("bdi", { "class": "geomap-date-text", text: day(stop.date) }) : T.no_date;
    return stop.time ? [date, " (", bidi(stop.time), ")"] : [date];
  }

  function stopLine(stop) {
    return [stop.seq + ". ", bidi(stop.name), " · "].concat(stopDateNodes(stop));
  }

  // ---- markers -------------------------------------------------------------------
  var visible = {};  // stop seq -> shown by the date filter
  data.stops.forEach(function (s) { visible[s.seq] = true; });
  var markers = [];  // per place: {marker, num, date, group}

  function visibleStops(place) {
    return place.stops.filter(function (seq) { return visible[seq]; })
      .map(function (seq) { return data.stops[stopIndex[seq]]; });
  }

  function describe(place) {
    var stops = visibleStops(place);
    if (!stops.length) return place.name + " · " + T.mention;
    return stops.map(function (s) { return "#" + s.seq; }).join(", ") + " · " + place.name +
      " · " + stops.map(stopDate).join(" · ") + " · " + T[place.role];
  }

  // describe() as nodes for the tooltip (an aria-label can only be the plain string).
  function describeNodes(place) {
    var stops = visibleStops(place);
    if (!stops.length) return [bidi(place.name), " · " + T.mention];
    var nodes = [stops.map(function (s) { return "#" + s.seq; }).join(", ") + " · ", bidi(place.name)];
    stops.forEach(function (s) { nodes = nodes.concat([" · "], stopDateNodes(s)); });
    return nodes.concat([" · " + T[place.role]]);
  }

  function setChildren(node, children) {
    node.textContent = "";
    children.forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
  }

  // The text with each [start, end) of q.marks wrapped in <mark> (marks are sorted
  // and disjoint on the Python side; checked again so a bad pair cannot garble text).
  function quoteText(q) {
    var text = q.text;
    var parts = [];
    var at = 0;
    (q.marks || []).forEach(function (m) {
      if (!(m[0] >= at && m[1] > m[0] && m[1] <= text.length)) return;
      parts.push(text.slice(at, m[0]));
      parts.push(el("mark", { text: text.slice(m[0], m[1]) }));
      at = m[1];
    });
    parts.push(text.slice(at));
    return el("blockquote", null, parts);
  }

  function quoteNode(q) {
    var head = el("div", { "class": "geomap-quote-head" });
    var href = safeHref(q.url);
    head.appendChild(href
      ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", dir: "auto", text: q.title })
      : el("span", { "class": "geomap-quote-title", dir: "auto", text: q.title }));
    if (q.date) head.appendChild(el("span", { "class": "geomap-quote-date" }, [" · ", bidi(day(q.date))]));
    if (q.source) head.appendChild(el("span", { "class": "geomap-quote-source" }, [" · ", bidi(q.source)]));
    var body = quoteText(q);
    body.setAttribute("dir", "auto");
    if (q.lang) body.setAttribute("lang", q.lang);  // the article's language, for screen readers
    return el("li", { "class": "geomap-quote" }, [head, body]);
  }

  // An inferred stop says so, how sure the inference is and why.
  function inferredNote(s) {
    if (!s.inferred) return null;
    var parts = [T.inferred];
    if (s.confidence !== null && s.confidence !== undefined) parts.push(T.confidence + " " + Math.round(s.confidence * 100) + "%");
    return el("p", { "class": "geomap-inferred" }, [el("span", { "class": "geomap-tag", text: parts[0] }),
      parts.length > 1 ? " " + parts.slice(1).join(" · ") : null, s.why ? " · " : null, s.why ? bidi(s.why) : null]);
  }

  function stopEntry(s) {
    var item = el("li", { "class": "geomap-popup-stop" }, [
      el("div", { "class": "geomap-popup-stop-head" }, stopLine(s).concat(s.event ? [" — ", bidi(s.event)] : [])),
      inferredNote(s)
    ]);
    if (s.evidence.length) {
      item.appendChild(el("ul", { "class": "geomap-quotes geomap-evidence", "aria-label": T.evidence },
        s.evidence.map(quoteNode)));
    }
    s.notes.forEach(function (note) {
      item.appendChild(el("p", { "class": "geomap-note" }, [
        el("strong", { text: (note.kind === "route" ? T.route : T.note) + T.colon }), bidi(day(note.text))]));
    });
    return item;
  }

  // A mention whose sentence a stop's evidence already quotes is not repeated.
  function shownInEvidence(q, stops) {
    return stops.some(function (s) {
      return s.evidence.some(function (e) {
        return e.id === q.id && e.span && e.span[0] <= q.at && q.at < e.span[1];
      });
    });
  }

  // A place no data source knows, placed from where the text says it lies: the reader is told
  // how far off it may be and which sentence placed it.
  function approxNote(place) {
    if (place.approx_km === null || place.approx_km === undefined) return null;
    return el("p", { "class": "geomap-approx" }, [el("span", { "class": "geomap-tag", text: T.placed_approx }),
      " " + fmt(T.within_km, Math.round(place.approx_km)),
      place.approx_from ? " · " + T.placed_from + " " + T.quote_open : null,
      place.approx_from ? bidi(place.approx_from) : null, place.approx_from ? T.quote_close : null]);
  }

  function approxStop(stop) {
    var place = stop.place === null ? null : data.places[stop.place];
    return !!place && place.approx_km !== null && place.approx_km !== undefined;
  }

  function popupNode(place) {
    var root = el("div", { "class": "geomap-popup" }, [
      el("h2", { dir: "auto", text: place.name }),
      el("p", { "class": "geomap-meta" }, [T.kind + T.colon, bidi(place.kind), " · " + T.role + T.colon + T[place.role]])
    ]);
    var approx = approxNote(place);
    if (approx) root.appendChild(approx);
    var stops = place.stops.map(function (seq) { return data.stops[stopIndex[seq]]; });
    if (stops.length) root.appendChild(el("ol", { "class": "geomap-popup-stops" }, stops.map(stopEntry)));
    var quotes = place.quotes.filter(function (q) { return !shownInEvidence(q, stops); });
    if (quotes.length || place.more) {
      var hasEvidence = stops.some(function (s) { return s.evidence.length > 0; });
      root.appendChild(el("h3", { text: hasEvidence ? T.also_mentioned : T.mentioned_in }));
      var list = el("ul", { "class": "geomap-quotes geomap-mentions" }, quotes.map(quoteNode));
      if (place.more) list.appendChild(el("li", { "class": "geomap-more", text: fmt(T.more, place.more) }));
      root.appendChild(list);
    }
    return root;
  }

  function guessed(place) {
    return place.stops.length > 0 && place.stops.every(function (seq) { return data.stops[stopIndex[seq]].inferred; });
  }

  // Thousands of DOM markers make every zoom re-lay them out (5 s at 5,000 places): past
  // CANVAS_FROM mention-only places, those dots are drawn on one canvas instead.
  var CANVAS_FROM = 300;
  var mentionCount = data.places.filter(function (p) { return p.role === "mention"; }).length;
  var canvas = mentionCount > CANVAS_FROM ? L.canvas({ padding: 0.5 }) : null;

  data.places.forEach(function (place, i) {
    var role = place.role;
    var badge = el("span", { "class": "geomap-badge" });
    var num = el("span", { "class": "geomap-num" });
    var date = el("span", { "class": "geomap-date" });
    var size = role === "mention" ? 16 : 30;
    if (role !== "mention") { badge.appendChild(num); badge.appendChild(date); }
    var icon = L.divIcon({
      html: badge,
      className: "geomap-marker geomap-" + role + (guessed(place) ? " geomap-marker-inferred" : "") +
        (place.approx_km != null ? " geomap-marker-approx" : ""),
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
      popupAnchor: [0, -size / 2],
      tooltipAnchor: [0, -size / 2]
    });
    var marker = canvas && role === "mention"
      ? L.circleMarker([place.lat, place.lon], { renderer: canvas, radius: 6, weight: 1, color: "#ffffff",
          fillColor: "#5c4a00", fillOpacity: 0.9, className: "geomap-mention-dot" })
      : L.marker([place.lat, place.lon], { icon: icon, keyboard: true, riseOnHover: true });
    // Size and panning are set per map size as it opens (geomap-layout.js).
    marker.bindPopup(function () { return popupNode(place); }, { maxWidth: 380, minWidth: 220 });
    var tip = el("span");
    marker.bindTooltip(tip, { direction: "top" });
    marker.on("add", function () { label(i); });
    markers.push({ marker: marker, badge: badge, num: num, date: date, tip: tip, role: role, group: groups[role] });
    label(i);
    // Where an approximately placed place may be: a faint dashed circle, shown with its marker.
    if (place.approx_km != null) {
      var area = L.circle([place.lat, place.lon], { radius: place.approx_km * 1000, weight: 1.5, dashArray: "4 6",
        color: "#5c4a00", fill: true, fillOpacity: 0.06, interactive: false, className: "geomap-approx-area" });
      marker.on("add", function () { area.addTo(map); });
      marker.on("remove", function () { area.remove(); });
    }
    groups[role].addLayer(marker);
  });

  function label(i) {
    var place = data.places[i];
    var m = markers[i];
    var stops = visibleStops(place);
    m.num.textContent = stops.map(function (s) { return s.seq; }).join(",");
    m.badge.classList.toggle("geomap-wide", m.num.textContent.length > 2);
    m.date.textContent = stops.map(function (s) { return s.date ? day(s.date) : ""; }).join(" · ");
    setChildren(m.tip, describeNodes(place));
    var node = m.marker.getElement();
    if (node) {
      node.setAttribute("aria-label", describe(place));
      node.setAttribute("data-place", String(i));
    }
  }

  // ---- route ---------------------------------------------------------------------
  var legLayers = data.legs.map(function (leg) {
    // A leg to an inferred stop is a guess: dashed, like the legend says.
    var line = L.polyline(leg.path, { color: "#1d4f91", weight: 4, opacity: 0.9, dashArray: leg.inferred ? "8 8" : null,
      className: "geomap-leg" + (leg.inferred ? " geomap-leg-inferred" : "") });
    // Odd parts are the stops' names (story text).
    line.bindTooltip(el("span", null, leg.parts.map(function (p, k) { return k % 2 ? bidi(p) : p; })), { sticky: true });
    groups.route.addLayer(line);
    return line;
  });

  // ---- side panel: title, ordered list of stops, articles ------------------------
  var listItems = {};
  // The empty <aside> comes with the page so the map is sized beside it from the start.
  var panel = document.getElementById("geomap-panel");
  if (!panel) {
    panel = el("aside", { id: "geomap-panel", "class": "geomap-panel", "aria-labelledby": "geomap-heading" });
    document.body.appendChild(panel);
  }
  panel.appendChild(el("h1", { id: "geomap-heading", dir: "auto", text: data.title }));
  if (data.stops.length) {
    panel.appendChild(el("p", { "class": "geomap-summary",
      text: data.stops.length + " " + T.stops.toLowerCase() + (data.legs.length ? " · " + km(data.total_km) : "") }));
  }
  // On a phone the list starts open: folded, the space under the map would stay blank.
  var toggle = el("button", { type: "button", "class": "geomap-panel-toggle", "aria-expanded": "true",
    "aria-controls": "geomap-panel-body", text: T.toggle_list });
  panel.appendChild(toggle);
  panel.classList.add("geomap-panel-open");
  var body = el("div", { id: "geomap-panel-body", "class": "geomap-panel-body" });
  panel.appendChild(body);
  toggle.addEventListener("click", function () {
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("geomap-panel-open", open);
  });
  if (data.stops.length) {
    body.appendChild(el("h2", { text: T.stops }));
    body.appendChild(el("ol", { "class": "geomap-stoplist" }, data.stops.map(function (s) {
      var item = el("li", { id: "geomap-li-" + s.seq, "class": "geomap-li-" + s.role }, [
        el("a", { href: "#stop-" + s.seq, dir: "auto", text: s.name }),
        el("span", { "class": "geomap-li-date" }, [" · "].concat(stopDateNodes(s))),
        s.place === null ? el("span", { "class": "geomap-li-note", text: " · " + T.no_location }) : null,
        s.inferred ? el("span", { "class": "geomap-tag", text: T.inferred }) : null,
        // The list is read without the map: a stop placed from the text says so here too.
        approxStop(s) ? el("span", { "class": "geomap-tag geomap-tag-approx", text: T.placed_approx }) : null,
        s.event ? el("div", { "class": "geomap-li-event", dir: "auto", text: s.event }) : null
      ]);
      listItems[s.seq] = item;
      return item;
    })));
  }
  if (data.articles.length) {
    body.appendChild(el("h2", { text: T.articles }));
    body.appendChild(el("ul", { "class": "geomap-articles" }, data.articles.map(function (a) {
      var href = safeHref(a.url);
      return el("li", null, [
        href ? el("a", { href: href, target: "_blank", rel: "noopener noreferrer", dir: "auto", text: a.title })
             : el("span", { dir: "auto", text: a.title }),
        a.date ? " · " : null, a.date ? bidi(day(a.date)) : null,
        a.source ? " · " : null, a.source ? bidi(a.source) : null
      ]);
    })));
  }

  // ---- legend (built in geomap-layout.js, which also folds it) ------------------
  var legend = geomapLegend(data, el, km, function () { if (view) view.declutter(); });

  // ---- step-through and date filter ----------------------------------------------
  var current = -1;
  var status = el("p", { "class": "geomap-status", "aria-live": "polite" });
  var prevBtn = el("button", { type: "button", "class": "geomap-prev", "aria-label": T.prev, title: T.prev, text: "◀" });
  var nextBtn = el("button", { type: "button", "class": "geomap-next", "aria-label": T.next, title: T.next, text: "▶" });
  var slider = null;
  var sliderOut = null;

  function updateStatus() {
    prevBtn.disabled = current <= 0;
    nextBtn.disabled = current >= data.stops.length - 1;
    var stop = data.stops[current];
    setChildren(status, current < 0 ? [data.stops.length + " " + T.stops.toLowerCase()]
      : [(current + 1) + " " + T.of + " " + data.stops.length + T.colon, bidi(stop.name), " · "].concat(stopDateNodes(stop)));
  }

  function step(delta) {
    var target = Math.min(Math.max(current + delta, 0), data.stops.length - 1);
    var hash = "#stop-" + data.stops[target].seq;
    if (location.hash === hash) showStop(target);
    else location.hash = hash;  // hashchange shows it and keeps Back working
  }
  prevBtn.addEventListener("click", function () { step(-1); });
  nextBtn.addEventListener("click", function () { step(1); });

  function applyFilter(limit) {
    data.stops.forEach(function (s) { visible[s.seq] = !limit || !s.filter_date || s.filter_date <= limit; });
    markers.forEach(function (m, i) {
      var place = data.places[i];
      if (!place.stops.length) return;
      var show = visibleStops(place).length > 0;
      if (show && !m.group.hasLayer(m.marker)) m.group.addLayer(m.marker);
      if (!show && m.group.hasLayer(m.marker)) m.group.removeLayer(m.marker);
      label(i);
    });
    data.legs.forEach(function (leg, i) {
      var show = visible[leg.to] !== false;
      if (show && !groups.route.hasLayer(legLayers[i])) groups.route.addLayer(legLayers[i]);
      if (!show && groups.route.hasLayer(legLayers[i])) groups.route.removeLayer(legLayers[i]);
    });
    data.stops.forEach(function (s) {
      if (listItems[s.seq]) listItems[s.seq].classList.toggle("geomap-filtered", !visible[s.seq]);
    });
  }

  function onSlider() {
    var i = Number(slider.value);
    var last = i >= data.dates.length - 1;
    sliderOut.textContent = last ? day(data.dates[i]) + " (" + T.all_dates + ")" : day(data.dates[i]);
    applyFilter(last ? null : data.dates[i]);
  }

  var stepper = L.control({ position: "bottomleft" });
  stepper.onAdd = function () {
    var box = el("div", { "class": "geomap-step leaflet-bar", role: "group", "aria-label": T.stops },
      [el("div", { "class": "geomap-step-row" }, [prevBtn, status, nextBtn])]);
    if (data.dates.length > 1) {
      slider = el("input", { id: "geomap-date", type: "range", min: "0", max: String(data.dates.length - 1),
        step: "1", value: String(data.dates.length - 1) });
      sliderOut = el("output", { "for": "geomap-date" });
      box.appendChild(el("div", { "class": "geomap-slider" }, [
        el("label", { "for": "geomap-date", text: T.show_until + " " }), sliderOut, slider]));
      slider.addEventListener("input", onSlider);
      onSlider();
    }
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };

  function showStop(i) {
    var stop = data.stops[i];
    if (!stop) return;
    current = i;
    updateStatus();
    Object.keys(listItems).forEach(function (seq) { listItems[seq].removeAttribute("aria-current"); });
    if (listItems[stop.seq]) listItems[stop.seq].setAttribute("aria-current", "step");
    if (stop.place === null || stop.place === undefined) { map.closePopup(); return; }
    if (!visible[stop.seq] && slider) {  // stepping past the filter widens it
      slider.value = String(Math.max(data.dates.indexOf(stop.filter_date), Number(slider.value)));
      onSlider();
    }
    var m = markers[stop.place];
    if (!map.hasLayer(m.group)) map.addLayer(m.group);
    map.setView(m.marker.getLatLng(), Math.max(map.getZoom(), 5), { animate: false });
    m.marker.openPopup();
  }

  function hashStop() {
    var match = /^#stop-(\d+)$/.exec(location.hash);
    return match && stopIndex.hasOwnProperty(match[1]) ? stopIndex[match[1]] : null;
  }
  window.addEventListener("hashchange", function () {
    var i = hashStop();
    if (i !== null) showStop(i);
  });
  // Escape closes the popup wherever the focus is (Leaflet's own only while the map has it).
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") map.closePopup();
  });

  // ---- fullscreen, minimap, scale -----------------------------------------------
  // Built in geomap-view.js; added below in a fixed order (it decides the corners' layout).
  var viewControls = geomapViewControls(map, data, el);

  L.control.scale({ imperial: false }).addTo(map);
  if (document.fullscreenEnabled) viewControls.fullscreen.addTo(map);
  viewControls.minimap.addTo(map);
  legend.control.addTo(map);
  if (data.stops.length) { stepper.addTo(map); updateStatus(); }
  // Fitting, decluttering and wording of Leaflet's own controls: geomap-view.js; embed,
  // phone and print layouts: geomap-layout.js (it fits the view once the layout is set).
  var view = geomapView(map, data, markers, legLayers);
  view.localize();
  var layout = geomapLayout(map, data, view, legend.setOpen);
  // Once per frame however many markers the date filter adds or removes at once.
  var declutterQueued = false;
  function queueDeclutter(e) {
    if (declutterQueued || (e.layer && !(e.layer instanceof L.Marker))) return;
    declutterQueued = true;
    L.Util.requestAnimFrame(function () { declutterQueued = false; view.declutter(); });
  }
  map.on("zoomend layeradd layerremove", queueDeclutter);
  var overview = viewControls.startMinimap();

  var initial = hashStop();
  if (initial !== null) showStop(initial);
  // For tests and embedding pages: read-only view of what was built.
  window.geomap = { map: map, groups: groups, markers: markers, legs: legLayers, show: showStop, day: day,
    minimap: overview.map, frame: overview.frame, view: view, layout: layout };
  window.geomapReady = true;  // the PNG exporter waits for this
}
