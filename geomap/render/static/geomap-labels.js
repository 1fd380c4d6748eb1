/* geomap badge placement: each journey badge and its date near the badge's true spot, apart
 * from every other badge, date and control, joined to the spot by a short leader that keeps
 * off the route and the other leaders; where no spot near enough is free, the badge keeps
 * its number only (the stop list and the popup give the date).
 * Used by geomap-view.js with geomap.js's markers and route legs. */
function geomapLabels(map, markers, legs) {
  "use strict";
  var BADGE = 30;
  var GAP = 4;
  var LABEL_H = 18;
  // Room kept between a badge or date and the map's edge: the controls' own margin (Leaflet's).
  // A date put against the edge read as cut off by it.
  var EDGE = 10;
  // Rings of spots around the true one, nearest first; a dense cluster may need the outer ones.
  var RADII = [34, 44, 56, 70, 86, 104, 128, 160];
  // Beyond this a reader no longer sees which spot a badge belongs to: the date goes first.
  var MAX_LEADER = 80;
  // What a spot costs beyond its leader's length (in pixels of leader it is worth).
  // A leader beyond MAX_LEADER costs a whole placement more than a crowd's dates left out
  // (counted per placement: within it, a badge still goes further rather than on a blocked spot).
  var COST = { blocked: 1000, leaderCrossed: 150, routeCrossed: 60, routeCut: 200, coversRoute: 14, left: 6, dropped: 120,
    far: 2000 };

  var SPOTS = [{ dx: 0, dy: 0, r: 0 }];
  RADII.forEach(function (radius) {
    for (var k = 0; k < 24; k++) {
      var rad = k * Math.PI / 12;
      SPOTS.push({ dx: Math.round(radius * Math.cos(rad)), dy: Math.round(radius * Math.sin(rad)), r: radius });
    }
  });

  function overlaps(a, b) {
    return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  }

  function contains(b, x, y) { return x > b.x0 && x < b.x1 && y > b.y0 && y < b.y1; }

  function side(a, b, c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

  // Whether segments ab and cd cross (touching ends do not count).
  function cross(a, b, c, d) {
    return side(a, b, c) * side(a, b, d) < 0 && side(c, d, a) * side(c, d, b) < 0;
  }

  // Whether leader ab crosses route segment cd, through one of cd's ends included (a leader
  // through a bend of the route crosses it, though it cuts neither segment there properly).
  function crossesRoute(a, b, c, d) {
    return side(a, b, c) * side(a, b, d) <= 0 && side(c, d, a) * side(c, d, b) < 0;
  }

  // Whether segment ab runs through box r (either end inside counts).
  function cuts(a, b, r) {
    if (contains(r, a.x, a.y) || contains(r, b.x, b.y)) return true;
    var c = [{ x: r.x0, y: r.y0 }, { x: r.x1, y: r.y0 }, { x: r.x1, y: r.y1 }, { x: r.x0, y: r.y1 }];
    for (var k = 0; k < 4; k++) if (cross(a, b, c[k], c[(k + 1) % 4])) return true;
    return false;
  }

  // The date's width with the date shown (a badge left numbers-only earlier measures it again).
  function dateWidth(m) {
    if (!m.date.textContent) return 0;
    var off = m.badge.classList.contains("geomap-nodate");
    if (off) m.badge.classList.remove("geomap-nodate");
    // Whole pixels up: offsetWidth rounds, and two dates side by side then overlap by a fraction.
    var width = Math.ceil(m.date.getBoundingClientRect().width);
    if (off) m.badge.classList.add("geomap-nodate");
    return width;
  }

  // A badge's width: round, or a pill as wide as its numbers need ("1,10", geomap.css).
  function badgeWidth(m) {
    return Math.max(BADGE, Math.ceil(m.badge.getBoundingClientRect().width));
  }

  // The boxes a badge ``across`` pixels wide centred at q covers, its date to the right or left (or none).
  function footprint(q, width, where, across) {
    var half = BADGE / 2 + GAP / 2, wide = across / 2 + GAP / 2;
    var boxes = [{ x0: q.x - wide, y0: q.y - half, x1: q.x + wide, y1: q.y + half }];
    if (where === "right") boxes.push({ x0: q.x + wide, y0: q.y - LABEL_H / 2, x1: q.x + wide + width, y1: q.y + LABEL_H / 2 });
    if (where === "left") boxes.push({ x0: q.x - wide - width, y0: q.y - LABEL_H / 2, x1: q.x - wide, y1: q.y + LABEL_H / 2 });
    return boxes;
  }

  // The route's segments on screen (the legs shown now).
  function routeSegments() {
    var segments = [];
    legs.forEach(function (leg) {
      if (!map.hasLayer(leg)) return;
      var pts = leg.getLatLngs().map(function (ll) { return map.latLngToContainerPoint(ll); });
      for (var k = 1; k < pts.length; k++) segments.push([pts[k - 1], pts[k]]);
    });
    return segments;
  }

  // The leader from ``from`` pixels off the true spot p (the route passes through it) to the
  // badge's rim at q; null when nothing of it is left.
  function leaderOf(p, q, from) {
    var length = p.distanceTo(q);
    if (length <= from + BADGE / 2) return null;
    var u = q.subtract(p).divideBy(length);
    return [p.add(u.multiplyBy(from)), q.subtract(u.multiplyBy(BADGE / 2))];
  }

  // What placing a badge at spot s (date where) costs, or null where it cannot go at all.
  function cost(p, s, width, where, state) {
    var q = L.point(p.x + s.dx, p.y + s.dy);
    var boxes = footprint(q, width, where, state.across);
    var size = state.size;
    for (var k = 0; k < boxes.length; k++) {
      var b = boxes[k];
      if (b.x0 + GAP / 2 < EDGE || b.y0 + GAP / 2 < EDGE || b.x1 - GAP / 2 > size.x - EDGE ||
          b.y1 - GAP / 2 > size.y - EDGE) return null;
      for (var t = 0; t < state.taken.length; t++) if (overlaps(b, state.taken[t])) return null;
    }
    var total = s.r + (where === "left" ? COST.left : 0);
    var route = state.near;
    if (s.r) {
      var leader = leaderOf(p, q, 6);
      // Under a badge or date already placed, away from the spot (whatever stands there
      // within a badge of it, the leader cannot help starting under).
      var shown = leaderOf(p, q, BADGE * 0.6);
      if (shown) state.taken.forEach(function (t) { if (cuts(shown[0], shown[1], t)) total += COST.blocked; });
      state.leaders.forEach(function (other) {
        if (cross(leader[0], leader[1], other[0], other[1])) total += COST.leaderCrossed;
      });
      // Across the route: next to the spot (a tangle of legs may leave no choice) and further out.
      var out = leaderOf(p, q, BADGE / 2 + 1);
      if (route.some(function (seg) { return crossesRoute(leader[0], leader[1], seg[0], seg[1]); })) total += COST.routeCrossed;
      if (out && route.some(function (seg) { return crossesRoute(out[0], out[1], seg[0], seg[1]); })) total += COST.routeCut;
    }
    boxes.forEach(function (b, k) {
      // Over another marker's true spot it hides where that one is, and takes its clicks.
      state.spots.forEach(function (o) { if (contains(b, o.x, o.y)) total += COST.blocked; });
      // A badge or date put down on a leader drawn before hides it.
      state.leaders.forEach(function (other) { if (cuts(other[0], other[1], b)) total += COST.blocked; });
      // The badge at its own spot sits on the route by nature; anything else there hides it.
      if ((k > 0 || s.r) && route.some(function (seg) { return cuts(seg[0], seg[1], b); })) total += COST.coversRoute;
    });
    return { cost: total, q: q, boxes: boxes, where: where, spot: s };
  }

  // The cheapest spot within the leader's reach ("within") for the date placements given.
  function cheapest(p, width, wheres, within, state) {
    var best = null;
    SPOTS.forEach(function (s) {
      if (s.r > within) return;
      wheres.forEach(function (where) {
        var c = cost(p, s, width, where, state);
        if (c && (!best || c.cost < best.cost)) best = c;
      });
    });
    return best;
  }

  function show(m, chosen) {
    var s = chosen.spot;
    var node = m.marker.getElement();
    m.badge.style.transform = s.r ? "translate(" + s.dx + "px," + s.dy + "px)" : "";
    m.badge.classList.toggle("geomap-date-left", chosen.where === "left");
    m.badge.classList.toggle("geomap-nodate", chosen.where === "none" && !!m.date.textContent);
    // A moved badge covers nothing, but its leader and true-spot dot start under the
    // badge it made way for: draw moved markers below the others.
    m.marker.setZIndexOffset(s.r ? -10000 : 0);
    // The tooltip opens at the badge hovered, on the side it was moved to (away from the
    // crowd it made way for), not at the true spot under the other badges. The icon's
    // tooltip anchor (the badge's top) is undone for the other sides.
    var tip = m.marker.getTooltip();
    if (tip) {
      var side = !s.r ? "top" : Math.abs(s.dx) > Math.abs(s.dy) ? (s.dx < 0 ? "left" : "right") : (s.dy < 0 ? "top" : "bottom");
      var half = BADGE / 2, across = m.badge.offsetWidth / 2 || half;
      var shift = { top: [0, 0], bottom: [0, 2 * half], left: [-across, half], right: [across, half] }[side];
      tip.options.direction = side;
      tip.options.offset = L.point(s.dx + shift[0], s.dy + shift[1]);
      if (tip.isOpen()) tip.update();
    }
    var leader = node && node.querySelector(".geomap-leader");
    if (!s.r) {
      if (leader) leader.parentNode.removeChild(leader);
      if (node) node.classList.remove("geomap-moved");
      return;
    }
    if (!leader) {
      leader = document.createElement("span");
      leader.className = "geomap-leader";
      leader.setAttribute("aria-hidden", "true");
      node.insertBefore(leader, node.firstChild);
    }
    node.classList.add("geomap-moved");
    leader.style.width = Math.sqrt(s.dx * s.dx + s.dy * s.dy) + "px";
    leader.style.transform = "rotate(" + Math.atan2(s.dy, s.dx) + "rad)";
  }

  // The spot for one badge: the cheapest free one within MAX_LEADER with its date (right or
  // left of it), else without it, else the cheapest further out.
  function choose(item, state) {
    var p = item.p, width = item.width;
    var wheres = width ? ["right", "left"] : ["none"];
    var chosen = cheapest(p, width, wheres, MAX_LEADER, state);
    if ((!chosen || chosen.cost >= COST.blocked) && width) {
      var bare = cheapest(p, 0, ["none"], MAX_LEADER, state);
      if (bare && (!chosen || bare.cost + COST.dropped < chosen.cost)) chosen = bare;
    }
    if (!chosen || chosen.cost >= COST.blocked) {
      var further = cheapest(p, width, wheres.concat(width ? ["none"] : []), Infinity, state);
      if (further && (!chosen || further.cost < chosen.cost)) chosen = further;
    }
    if (chosen && chosen.where === "none" && width) chosen.cost += COST.dropped;
    return chosen;
  }

  // Every badge placed in the given order onto what ``taken`` already covers, those in
  // ``bare`` without their dates: the choices and what they cost together.
  function trial(items, order, taken, bare) {
    var state = { size: map.getSize(), taken: taken.slice(), leaders: [], near: [], spots: [] };
    var total = 0, chosen = [];
    order.forEach(function (k) {
      var item = items[k];
      state.near = item.near;
      state.spots = items.filter(function (other) { return other !== item; }).map(function (other) { return other.p; });
      state.across = item.across;
      var c = item.off ? null : choose(bare[k] ? { p: item.p, width: 0, near: item.near } : item, state);
      if (c && bare[k] && item.width) {
        c.where = "none";
        c.cost += COST.dropped;
      }
      // Off the map, or crowded everywhere: the badge stays on its spot.
      if (!c) c = { spot: SPOTS[0], where: item.width ? "right" : "none", boxes: footprint(item.p, item.width, "right", item.across), cost: 0 };
      total += c.cost + (c.spot.r > MAX_LEADER ? COST.far : 0);
      chosen[k] = c;
      state.taken = state.taken.concat(c.boxes);
      if (c.spot.r) state.leaders.push(leaderOf(item.p, c.q, 6));
    });
    return { total: total, chosen: chosen };
  }

  // The journey badges shown, their spots on screen, their dates' widths and the route near them.
  function items() {
    var size = map.getSize();
    var segments = routeSegments();
    var reach = RADII[RADII.length - 1] + BADGE;
    return markers.filter(function (m) {
      return m.role !== "mention" && map.hasLayer(m.marker) && m.marker.getElement();
    }).map(function (m) {
      var p = map.latLngToContainerPoint(m.marker.getLatLng()), width = dateWidth(m), far = reach + width;
      return { m: m, p: p, width: width, across: badgeWidth(m), off: p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y,
        near: segments.filter(function (seg) {
          return Math.min(seg[0].x, seg[1].x) < p.x + far && Math.max(seg[0].x, seg[1].x) > p.x - far &&
            Math.min(seg[0].y, seg[1].y) < p.y + reach && Math.max(seg[0].y, seg[1].y) > p.y - reach;
        }) };
    });
  }

  // Journey badges placed one after another, each at its cheapest spot given those before
  // it (controls, ``taken``, count as placed). Greedy placement depends on the order: travel
  // order (the first visit keeps its spot), its reverse, and the most crowded first are
  // tried, and the cheapest whole wins (travel order on a tie).
  function cheapestTrial(all, taken, bare) {
    var travel = all.map(function (item, k) { return k; });
    var crowd = all.map(function (a) {
      return all.filter(function (b) { return a.p.distanceTo(b.p) < BADGE * 1.5; }).length;
    });
    var orders = [travel, travel.slice().reverse(),
      travel.slice().sort(function (a, b) { return crowd[b] - crowd[a] || a - b; })];
    var best = null;
    orders.forEach(function (order) {
      var t = trial(all, order, taken, bare);
      if (!best || t.total < best.total) best = t;
    });
    return best;
  }

  // A badge sent beyond MAX_LEADER had no room near its spot: the badges whose spots lie
  // within reach of it are tried again without their dates (a crowd on a phone reads by
  // its numbers; the list and popups keep the dates), and the cheaper whole is kept.
  function place(taken) {
    var all = items();
    var bare = all.map(function () { return false; });
    var best = cheapestTrial(all, taken, bare);
    for (var round = 0; round < 3; round++) {
      var far = all.filter(function (item, k) { return best.chosen[k].spot.r > MAX_LEADER; });
      if (!far.length) break;
      var more = bare.map(function (was, k) {
        return was || far.some(function (f) { return f.p.distanceTo(all[k].p) <= MAX_LEADER + BADGE; });
      });
      var t = cheapestTrial(all, taken, more);
      if (t.total >= best.total) break;
      best = t;
      bare = more;
    }
    all.forEach(function (item, k) { show(item.m, best.chosen[k]); });
  }

  return { place: place, dateWidth: dateWidth, badgeWidth: badgeWidth };
}
