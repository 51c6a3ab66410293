// The report page's script: draws the embedded data with uPlot (timeline, replay) and canvas
// (job band, swim-lanes, sweep scatter). Plain ES2019, no network, no dependencies but uPlot.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var api = { data: data, timelines: [], lanes: [], replay: null, sweep: null };
  window.__report = api;

  var STATE_COLORS = {
    starting: "#c7c7c7",
    busy: "#2ca02c",
    idle: "#ffbf00",
    "pinned-shuffle": "#1f77b4",
    "pinned-cache": "#9467bd",
    removing: "#d62728",
  };
  var REASON_COLORS = { "idle-timeout": "#ff7f0e", "cached-idle-timeout": "#9467bd", "shuffle-idle-timeout": "#1f77b4", "application-end": "#7f7f7f", "executor-lost": "#000000" };
  var SERIES = [
    ["target", "#000000", 1, 2, [6, 3]],
    ["pending_executors", "#8c564b", 1, 1.5],
    ["running_executors", "#d62728", 1, 2],
    ["busy_executors", "#2ca02c", 1, 1.5],
    ["idle_executors", "#ffbf00", 1, 1.5],
    ["pinned_shuffle_executors", "#1f77b4", 1, 1.5],
    ["pinned_cache_executors", "#9467bd", 1, 1.5],
    // The cluster manager's columns, drawn only when the run has any.
    ["starting_executors", "#7f7f7f", 1, 1, [4, 2], true],
    ["stopping_executors", "#e377c2", 1, 1, [4, 2], true],
    ["waiting_for_capacity", "#ff7f0e", 1, 1, [1, 3], true],
    ["pending_tasks", "#17becf", 2, 1, [2, 2]],
    ["running_tasks", "#bcbd22", 2, 1, [2, 2]],
  ];

  function clock(ms) {
    if (ms == null || !isFinite(ms)) return "never";
    var s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60, frac = Math.round(ms % 1000);
    var base = (h > 0 ? h + ":" + String(m).padStart(2, "0") : String(m)) + ":" + String(sec).padStart(2, "0");
    return base + (frac ? "." + String(frac).padStart(3, "0") : "");
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function section(title, id) {
    var s = el("section", { id: id });
    s.appendChild(el("h2", null, title));
    document.getElementById("main").appendChild(s);
    return s;
  }
  var tip = el("div", { id: "tooltip", role: "tooltip" });
  document.body.appendChild(tip);
  function showTip(x, y, text) {
    tip.textContent = text;
    tip.style.display = "block";
    var w = tip.offsetWidth, h = tip.offsetHeight;
    tip.style.left = Math.min(x + 14, window.innerWidth - w - 8) + window.scrollX + "px";
    tip.style.top = Math.min(y + 14, window.innerHeight - h - 8) + window.scrollY + "px";
  }
  function hideTip() { tip.style.display = "none"; }
  function lowerBound(arr, v) {
    var lo = 0, hi = arr.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (arr[mid] <= v) lo = mid + 1; else hi = mid; }
    return lo - 1;
  }
  function hiDpi(canvas, w, h) {
    var r = window.devicePixelRatio || 1;
    canvas.width = Math.round(w * r); canvas.height = Math.round(h * r);
    canvas.style.width = w + "px"; canvas.style.height = h + "px";
    var ctx = canvas.getContext("2d"); ctx.setTransform(r, 0, 0, r, 0, 0);
    return ctx;
  }
  function width() { return Math.max(600, Math.min(1400, document.getElementById("main").clientWidth - 20)); }

  // ---- header, summary, config, warnings ----------------------------------------------------
  document.getElementById("title").textContent = data.title;
  document.title = data.title;
  document.getElementById("generator").textContent = data.generator + " - " + data.configLine;
  var sum = section("Summary", "summary");
  sum.appendChild(el("pre", null, data.summaryText));
  if (data.warnings.length) {
    var w = section("Warnings", "warnings");
    var ul = el("ul");
    data.warnings.forEach(function (t) { ul.appendChild(el("li", null, t)); });
    w.appendChild(ul);
  }
  if (data.config.length) {
    var cs = section("Config that ran", "config");
    var table = el("table");
    var head = el("tr");
    ["key", "value", "Spark's default", ""].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    data.config.forEach(function (c) {
      var tr = el("tr", { "class": c.differs ? "differs" : "" });
      tr.appendChild(el("td", null, c.key));
      tr.appendChild(el("td", null, c.value));
      tr.appendChild(el("td", null, c.sparkDefault));
      tr.appendChild(el("td", null, c.differs ? "differs from Spark's default" : c.known ? "same as Spark's default" : "not read by the model"));
      table.appendChild(tr);
    });
    cs.appendChild(table);
  }

  // ---- executor timeline ---------------------------------------------------------------------
  function stepped() { return uPlot.paths.stepped({ align: 1 }); }
  function stepIdx(u, seriesIdx, closestIdx, xValue) {
    var i = lowerBound(u.data[0], xValue);
    return i < 0 ? 0 : i;
  }
  function timeline(run, idx) {
    var s = section("Executor timeline" + (data.runs.length > 1 ? ": " + run.name : ""), "timeline-" + idx);
    var tl = run.timeline;
    if (tl.keptRows < tl.totalRows) {
      s.appendChild(el("p", { "class": "note" }, "Drawn from " + tl.keptRows + " of " + tl.totalRows + " timeline rows: each of 2,000 time spans keeps its first and last row and the rows with each column's minimum and maximum; every value drawn is exact at its instant."));
    }
    s.appendChild(el("p", { "class": "note" }, "Drag to zoom, wheel to zoom at the cursor, shift-drag or the arrows to pan, double-click to reset. Executors on the left axis, tasks on the right."));
    var nav = el("div", { "class": "nav" });
    var left = el("button", { type: "button" }, "\u25c0 pan"), right = el("button", { type: "button" }, "pan \u25b6"), reset = el("button", { type: "button" }, "reset zoom");
    nav.appendChild(left); nav.appendChild(right); nav.appendChild(reset);
    s.appendChild(nav);
    var col = {};
    tl.columns.forEach(function (c, i) { col[c] = i; });
    var series = [{ label: "time", value: function (u, v) { return v == null ? "" : clock(v); } }];
    var cols = [tl.data[0]];
    SERIES.forEach(function (d) {
      if (col[d[0]] === undefined) return;
      if (d[5] && !tl.data[col[d[0]]].some(function (v) { return v !== 0; })) return;
      series.push({ label: d[0], stroke: d[1], width: d[3], dash: d[4], scale: d[2] === 2 ? "tasks" : "y", paths: stepped(), points: { show: false } });
      cols.push(tl.data[col[d[0]]]);
    });
    var host = el("div", { "class": "chart" });
    s.appendChild(host);
    var bandCanvas = el("canvas", { "class": "band" });
    s.appendChild(bandCanvas);
    var removalMarks = [];
    var u = new uPlot({
      width: width(), height: 360,
      series: series,
      scales: { x: { time: false }, y: { auto: true, range: function (u, mn, mx) { return [0, Math.max(1, mx * 1.05)]; } }, tasks: { auto: true, range: function (u, mn, mx) { return [0, Math.max(1, mx * 1.05)]; } } },
      axes: [
        { values: function (u, vals) { return vals.map(clock); } },
        { label: "executors", scale: "y" },
        { label: "tasks", scale: "tasks", side: 1, grid: { show: false } },
      ],
      // Step functions: the value at an instant is the last row at or before it, not the nearest row.
      cursor: { drag: { x: true, y: false }, dataIdx: stepIdx },
      hooks: {
        draw: [function (u) {
          // Removals: a tick under the plot per removal, coloured by reason.
          var ctx = u.ctx, r = window.devicePixelRatio || 1;
          removalMarks = [];
          ctx.save();
          run.removals.forEach(function (m) {
            var x = u.valToPos(m.timeMs, "x", true);
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
            ctx.fillStyle = REASON_COLORS[m.reason] || "#000";
            var y = u.bbox.top + u.bbox.height;
            ctx.beginPath(); ctx.moveTo(x, y - 9 * r); ctx.lineTo(x - 4 * r, y); ctx.lineTo(x + 4 * r, y); ctx.fill();
            removalMarks.push({ x: x / r, m: m });
          });
          ctx.restore();
          drawBand();
        }],
        setScale: [function (u, key) { if (key === "x") api.lanes.forEach(function (l) { if (l.run === idx) l.setRange(u.scales.x.min, u.scales.x.max); }); }],
      },
    }, cols, host);
    // The job and stage band sits between the plot and the legend.
    var uLegend = host.querySelector(".u-legend");
    if (uLegend) host.querySelector(".uplot").insertBefore(bandCanvas, uLegend);
    var full = [tl.data[0][0], tl.data[0][tl.data[0].length - 1]];
    function setX(a, b) { u.setScale("x", { min: a, max: b }); }
    u.over.addEventListener("dblclick", function () { setX(full[0], full[1]); });
    reset.addEventListener("click", function () { setX(full[0], full[1]); });
    function pan(f) { var a = u.scales.x.min, b = u.scales.x.max, d = (b - a) * f; setX(a + d, b + d); }
    left.addEventListener("click", function () { pan(-0.25); });
    right.addEventListener("click", function () { pan(0.25); });
    u.over.addEventListener("wheel", function (e) {
      e.preventDefault();
      var a = u.scales.x.min, b = u.scales.x.max, at = u.posToVal(e.offsetX, "x"), f = e.deltaY < 0 ? 0.8 : 1.25;
      setX(Math.max(full[0], at - (at - a) * f), Math.min(full[1], at + (b - at) * f));
    }, { passive: false });
    var panFrom = null;
    u.over.addEventListener("mousedown", function (e) { if (e.shiftKey) { panFrom = { x: e.clientX, a: u.scales.x.min, b: u.scales.x.max }; e.stopPropagation(); } }, true);
    window.addEventListener("mousemove", function (e) {
      if (!panFrom) return;
      var d = ((panFrom.x - e.clientX) / u.bbox.width) * (window.devicePixelRatio || 1) * (panFrom.b - panFrom.a);
      setX(panFrom.a + d, panFrom.b + d);
    });
    window.addEventListener("mouseup", function () { panFrom = null; });
    u.over.addEventListener("mousemove", function (e) {
      var hit = removalMarks.filter(function (r) { return Math.abs(r.x - e.offsetX - u.bbox.left / (window.devicePixelRatio || 1)) < 5 && e.offsetY > u.over.clientHeight - 14; });
      if (hit.length) showTip(e.clientX, e.clientY, hit.map(function (h) { return "executor " + h.m.executorId + " removed at " + clock(h.m.timeMs) + " (" + h.m.reason + ")"; }).join("\n"));
      else hideTip();
    });
    u.over.addEventListener("mouseleave", hideTip);

    // Job and stage spans under the chart, on the chart's x scale.
    var bandRows = 1 + Math.min(6, run.stages.length ? 1 + Math.floor(Math.log2(run.stages.length)) : 0);
    var rowH = 14, bandBoxes = [];
    function drawBand() {
      var r = window.devicePixelRatio || 1, left = u.bbox.left / r, w = u.bbox.width / r;
      var ctx = hiDpi(bandCanvas, u.width, bandRows * rowH + 4);
      bandBoxes = [];
      ctx.font = "10px sans-serif"; ctx.textBaseline = "middle";
      function span(row, a, b, color, label, info) {
        var x0 = left + ((a - u.scales.x.min) / (u.scales.x.max - u.scales.x.min)) * w;
        var x1 = left + ((b - u.scales.x.min) / (u.scales.x.max - u.scales.x.min)) * w;
        if (x1 < left || x0 > left + w) return;
        x0 = Math.max(left, x0); x1 = Math.min(left + w, Math.max(x0 + 1, x1));
        ctx.fillStyle = color; ctx.fillRect(x0, row * rowH + 1, x1 - x0, rowH - 2);
        if (x1 - x0 > 40) { ctx.fillStyle = "#fff"; ctx.fillText(label, x0 + 3, row * rowH + rowH / 2, x1 - x0 - 6); }
        bandBoxes.push({ x0: x0, x1: x1, y0: row * rowH, y1: row * rowH + rowH, info: info });
      }
      run.jobs.forEach(function (j) { span(0, j.startMs, j.endMs, "#555", j.name, "job " + j.index + " " + j.name + ": " + clock(j.startMs) + " - " + clock(j.endMs)); });
      var ends = [];
      run.stages.forEach(function (st) {
        var row = 0;
        while (row < bandRows - 2 && ends[row] !== undefined && ends[row] > st.startMs) row++;
        ends[row] = st.endMs;
        span(1 + row, st.startMs, st.endMs, "#8aa", "stage " + st.id, "stage " + st.id + " attempt " + st.attempt + ", " + st.tasks + " tasks: " + clock(st.startMs) + " - " + clock(st.endMs));
      });
    }
    bandCanvas.addEventListener("mousemove", function (e) {
      var b = bandCanvas.getBoundingClientRect(), x = e.clientX - b.left, y = e.clientY - b.top;
      var hit = bandBoxes.filter(function (h) { return x >= h.x0 && x <= h.x1 && y >= h.y0 && y <= h.y1; });
      if (hit.length) showTip(e.clientX, e.clientY, hit[0].info); else hideTip();
    });
    bandCanvas.addEventListener("mouseleave", hideTip);
    var legend = el("p", { "class": "note" });
    var counts = {};
    run.removals.forEach(function (m) { counts[m.reason] = (counts[m.reason] || 0) + 1; });
    Object.keys(counts).forEach(function (k) {
      var sw = el("span", { "class": "swatch" }); sw.style.background = REASON_COLORS[k] || "#000";
      legend.appendChild(sw); legend.appendChild(document.createTextNode(" removed by " + k + ": " + counts[k] + "   "));
    });
    s.appendChild(legend);
    api.timelines.push(u);
    return u;
  }

  // ---- swim-lanes ----------------------------------------------------------------------------
  function lanes(run, idx, chart) {
    var L = run.lanes;
    if (!L) return;
    var s = section("Executor swim-lanes" + (data.runs.length > 1 ? ": " + run.name : "") + " (" + L.ids.length + " executors)", "lanes-" + idx);
    var legend = el("p", { "class": "note" });
    var present = {};
    for (var q = 3; q < L.segs.length; q += 5) present[L.states[L.segs[q]]] = true;
    // Only the states this run has (the model removes a killed executor at once, so "removing" rarely shows).
    L.states.filter(function (st) { return present[st]; }).forEach(function (st) {
      var sw = el("span", { "class": "swatch" }); sw.style.background = STATE_COLORS[st];
      legend.appendChild(sw); legend.appendChild(document.createTextNode(" " + st + "   "));
    });
    legend.appendChild(document.createTextNode("| removal tick coloured by reason. Hover a lane: why it was kept or removed then."));
    s.appendChild(legend);
    if (!L.fullExplanations) s.appendChild(el("p", { "class": "note" }, "Large run: hovers give each executor's state and times; the dra-sim explain command they name gives the full account."));
    var box = el("div", { "class": "lanes" });
    var canvas = el("canvas");
    box.appendChild(canvas);
    s.appendChild(box);
    var n = L.rowCount, laneH = n <= 60 ? 12 : n <= 200 ? 5 : 3, labelW = 60;
    if (L.rowCount < L.ids.length) s.insertBefore(el("p", { "class": "note" }, L.ids.length + " executors on " + L.rowCount + " rows: executors whose lives do not overlap share a row (hover names each)."), box);
    // Per row: segment offsets, for hover lookup.
    var byRow = [];
    for (var i = 0; i < n; i++) byRow.push([]);
    for (var k = 0; k < L.segs.length; k += 5) byRow[L.rows[L.segs[k]]].push(k);
    var range = { min: run.timeline.data[0][0], max: run.endMs };
    var plotLeft = 0, plotW = 0;
    function draw() {
      var W = chart ? chart.width : width();
      var r = window.devicePixelRatio || 1;
      plotLeft = chart ? chart.bbox.left / r : labelW; plotW = chart ? chart.bbox.width / r : W - labelW - 10;
      var ctx = hiDpi(canvas, W, n * laneH + 2);
      var scale = plotW / (range.max - range.min);
      for (var k = 0; k < L.segs.length; k += 5) {
        var a = L.segs[k + 1], b = L.segs[k + 2];
        if (b < range.min || a > range.max) continue;
        var x0 = plotLeft + (Math.max(a, range.min) - range.min) * scale, x1 = plotLeft + (Math.min(b, range.max) - range.min) * scale;
        ctx.fillStyle = STATE_COLORS[L.states[L.segs[k + 3]]];
        ctx.fillRect(x0, L.rows[L.segs[k]] * laneH, Math.max(1, x1 - x0), laneH - (laneH > 4 ? 1 : 0));
      }
      L.removals.forEach(function (rm, lane) {
        if (rm[0] < 0 || rm[0] < range.min || rm[0] > range.max) return;
        ctx.fillStyle = REASON_COLORS[rm[1]] || "#000";
        ctx.fillRect(plotLeft + (rm[0] - range.min) * scale - 1, L.rows[lane] * laneH, 2, laneH);
      });
      if (laneH >= 12) {
        ctx.fillStyle = "#333"; ctx.font = "10px sans-serif"; ctx.textBaseline = "middle"; ctx.textAlign = "right";
        L.ids.forEach(function (id, lane) { ctx.fillText("exec " + id, plotLeft - 4, L.rows[lane] * laneH + laneH / 2); });
      }
    }
    // The segment of a row at t (the last one starting at or before t that has not ended).
    function segAt(row, t) {
      var list = byRow[row], found = null;
      for (var j = 0; j < list.length; j++) { var k = list[j]; if (L.segs[k + 1] <= t && t < L.segs[k + 2]) found = k; }
      return found;
    }
    function laneAt(row, t) {
      var k = segAt(row, t);
      if (k !== null) return L.segs[k];
      // After a removal: the executor of this row removed last before t.
      var best = -1;
      L.removals.forEach(function (rm, lane) { if (L.rows[lane] === row && rm[0] >= 0 && rm[0] <= t && (best < 0 || rm[0] > L.removals[best][0])) best = lane; });
      return best;
    }
    function describe(lane, t) {
      var id = L.ids[lane], rm = L.removals[lane];
      var more = "\n(dra-sim explain --executor " + id + " --at " + Math.round(t) + " gives the full account)";
      if (rm[0] >= 0 && t >= rm[0]) return "executor " + id + " at " + clock(t) + ": removed at " + clock(rm[0]) + " (" + rm[1] + ")" + (rm[2] >= 0 ? "\n" + L.texts[rm[2]] : more);
      var k = null, list = byRow[L.rows[lane]];
      for (var j = 0; j < list.length; j++) { var q = list[j]; if (L.segs[q] === lane && L.segs[q + 1] <= t && t < L.segs[q + 2]) k = q; }
      if (k === null) return "executor " + id + " at " + clock(t) + ": not requested";
      var st = L.states[L.segs[k + 3]];
      return "executor " + id + " at " + clock(t) + ": " + st + " from " + clock(L.segs[k + 1]) + " to " + clock(L.segs[k + 2]) + (L.segs[k + 4] >= 0 ? "\n" + L.texts[L.segs[k + 4]] : st === "starting" || st === "busy" ? "" : more);
    }
    canvas.addEventListener("mousemove", function (e) {
      var b = canvas.getBoundingClientRect(), x = e.clientX - b.left, y = e.clientY - b.top;
      var row = Math.floor(y / laneH);
      if (row < 0 || row >= n || x < plotLeft || x > plotLeft + plotW) { hideTip(); return; }
      var t = range.min + ((x - plotLeft) / plotW) * (range.max - range.min);
      var lane = laneAt(row, t);
      if (lane < 0) { hideTip(); return; }
      showTip(e.clientX, e.clientY, describe(lane, t));
    });
    canvas.addEventListener("mouseleave", hideTip);
    draw();
    var api1 = {
      run: idx,
      setRange: function (a, b) { range.min = a; range.max = b; draw(); },
      // For tests and scripts: where executor id's lane is at time t, in page coordinates, and its state there.
      position: function (id, t) {
        var lane = L.ids.indexOf(String(id)), b = canvas.getBoundingClientRect();
        return { x: b.left + plotLeft + ((t - range.min) / (range.max - range.min)) * plotW, y: b.top + L.rows[lane] * laneH + laneH / 2 };
      },
      describe: function (id, t) { return describe(L.ids.indexOf(String(id)), t); },
    };
    api.lanes.push(api1);
  }

  // ---- replay ----------------------------------------------------------------------------------
  function replay(R) {
    var s = section("Replay: actual and simulated executors", "replay");
    var times = {};
    [R.actual].concat(R.simulated).forEach(function (ser) { ser.t.forEach(function (t) { times[t] = 1; }); });
    var xs = Object.keys(times).map(Number).sort(function (a, b) { return a - b; });
    function sample(ser) { return xs.map(function (t) { var i = lowerBound(ser.t, t); return i < 0 ? null : t > ser.t[ser.t.length - 1] ? null : ser.v[i]; }); }
    var colors = ["#000000", "#d62728", "#1f77b4", "#2ca02c"];
    var series = [{ label: "time", value: function (u, v) { return v == null ? "" : clock(v); } }];
    var cols = [xs];
    [R.actual].concat(R.simulated).forEach(function (ser, i) {
      series.push({ label: ser.name, stroke: colors[i % colors.length], width: i === 0 ? 2.5 : 1.5, dash: i === 0 ? undefined : [5, 3], paths: stepped(), points: { show: false }, spanGaps: false });
      cols.push(sample(ser));
    });
    var host = el("div", { "class": "chart" });
    s.appendChild(host);
    api.replay = new uPlot({ width: width(), height: 320, series: series, scales: { x: { time: false } }, axes: [{ values: function (u, v) { return v.map(clock); } }, { label: "running executors" }], cursor: { drag: { x: true, y: false }, dataIdx: stepIdx } }, cols, host);
    var e = R.error;
    var p = el("pre");
    if (e.kind === "compared") {
      p.textContent = "model error (simulated with the logged conf against the event log):\n" +
        "  run time         actual " + clock(e.runTimeMs.actual) + ", simulated " + clock(e.runTimeMs.simulated) + "\n" +
        "  executor-seconds actual " + Math.round(e.executorSeconds.actual) + ", simulated " + Math.round(e.executorSeconds.simulated) + "\n" +
        "  peak executors   actual " + e.peakExecutors.actual + ", simulated " + e.peakExecutors.simulated + "\n" +
        "  timeline error   " + (e.timelineError * 100).toFixed(1) + " % (mean |simulated - actual| running executors over the longer run, relative to the actual mean)";
    } else p.textContent = "model error: " + e.reason;
    s.appendChild(p);
    if (R.changes.length) {
      var t = el("table");
      var h = el("tr");
      ["--conf change", "logged", "changed"].forEach(function (x) { h.appendChild(el("th", null, x)); });
      t.appendChild(h);
      R.changes.forEach(function (c) { var tr = el("tr"); c.forEach(function (x) { tr.appendChild(el("td", null, x)); }); t.appendChild(tr); });
      s.appendChild(t);
    }
  }

  // ---- sweep -----------------------------------------------------------------------------------
  function sweep(S) {
    var s = section("Sweep: cost against run time", "sweep");
    s.appendChild(el("p", { "class": "note" }, "One point per config (median over seeds); whiskers span its seeds' runs. Ringed: the Pareto front (joined). Star: the recommendation. Hover a point for its config."));
    var canvas = el("canvas");
    s.appendChild(canvas);
    var W = width(), H = 420, pad = { l: 70, r: 20, t: 20, b: 46 };
    var pts = S.points;
    var xs = [], ys = [];
    pts.forEach(function (p) { xs.push(p.runTimeMs); ys.push(p.costUsd); p.seeds.forEach(function (q) { xs.push(q[0]); ys.push(q[1]); }); });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var dx = (x1 - x0) || 1, dy = (y1 - y0) || 1;
    x0 -= dx * 0.05; x1 += dx * 0.05; y0 -= dy * 0.08; y1 += dy * 0.08;
    function X(v) { return pad.l + ((v - x0) / (x1 - x0)) * (W - pad.l - pad.r); }
    function Y(v) { return H - pad.b - ((v - y0) / (y1 - y0)) * (H - pad.t - pad.b); }
    var ctx = hiDpi(canvas, W, H);
    ctx.strokeStyle = "#999"; ctx.strokeRect(pad.l, pad.t, W - pad.l - pad.r, H - pad.t - pad.b);
    ctx.fillStyle = "#333"; ctx.font = "11px sans-serif"; ctx.textAlign = "center";
    for (var i = 0; i <= 5; i++) {
      var tv = x0 + ((x1 - x0) * i) / 5; ctx.fillText(clock(Math.round(tv / 1000) * 1000), X(tv), H - pad.b + 14);
      var cv = y0 + ((y1 - y0) * i) / 5; ctx.textAlign = "right"; ctx.fillText("$" + cv.toFixed(cv < 10 ? 3 : 2), pad.l - 6, Y(cv) + 4); ctx.textAlign = "center";
    }
    ctx.fillText("run time (median over seeds)", pad.l + (W - pad.l - pad.r) / 2, H - 10);
    ctx.save(); ctx.translate(14, pad.t + (H - pad.t - pad.b) / 2); ctx.rotate(-Math.PI / 2); ctx.fillText("cost, USD (median)", 0, 0); ctx.restore();
    var byIndex = {};
    pts.forEach(function (p) { byIndex[p.gridIndex] = p; });
    // Seeds' spread.
    ctx.strokeStyle = "rgba(0,0,0,0.25)";
    pts.forEach(function (p) {
      if (p.seeds.length < 2) return;
      var rx = p.seeds.map(function (q) { return q[0]; }), ry = p.seeds.map(function (q) { return q[1]; });
      ctx.beginPath();
      ctx.moveTo(X(Math.min.apply(null, rx)), Y(p.costUsd)); ctx.lineTo(X(Math.max.apply(null, rx)), Y(p.costUsd));
      ctx.moveTo(X(p.runTimeMs), Y(Math.min.apply(null, ry))); ctx.lineTo(X(p.runTimeMs), Y(Math.max.apply(null, ry)));
      ctx.stroke();
    });
    // Pareto front.
    ctx.strokeStyle = "#1f77b4"; ctx.lineWidth = 1.5; ctx.beginPath();
    S.front.forEach(function (g, i) { var p = byIndex[g]; if (!p) return; if (i === 0) ctx.moveTo(X(p.runTimeMs), Y(p.costUsd)); else ctx.lineTo(X(p.runTimeMs), Y(p.costUsd)); });
    ctx.stroke(); ctx.lineWidth = 1;
    pts.forEach(function (p) {
      ctx.fillStyle = p.onFront ? "#1f77b4" : "#888";
      ctx.beginPath(); ctx.arc(X(p.runTimeMs), Y(p.costUsd), p.onFront ? 4.5 : 3.5, 0, 2 * Math.PI); ctx.fill();
    });
    var rec = S.recommended == null ? null : byIndex[S.recommended];
    if (rec) {
      var rx = X(rec.runTimeMs), ry = Y(rec.costUsd);
      ctx.strokeStyle = "#d62728"; ctx.lineWidth = 2.5; ctx.beginPath(); ctx.arc(rx, ry, 10, 0, 2 * Math.PI); ctx.stroke(); ctx.lineWidth = 1;
      ctx.fillStyle = "#d62728"; ctx.textAlign = "left"; ctx.font = "bold 12px sans-serif"; ctx.fillText("\u2605 recommended #" + rec.gridIndex, rx + 14, ry - 10);
    }
    function describe(p) {
      var lines = ["#" + p.gridIndex + (p.gridIndex === S.recommended ? "  (recommended)" : "") + (p.onFront ? "  (Pareto front)" : "")];
      S.keys.forEach(function (k) { lines.push(k + " = " + p.values[k]); });
      lines.push("run time " + clock(p.runTimeMs) + " median, " + clock(p.runTimeP90Ms) + " p90");
      lines.push("cost $" + p.costUsd.toFixed(4) + " median, $" + p.costP90Usd.toFixed(4) + " p90 (" + p.seeds.length + " seed" + (p.seeds.length === 1 ? "" : "s") + ")");
      return lines.join("\n");
    }
    canvas.addEventListener("mousemove", function (e) {
      var b = canvas.getBoundingClientRect(), x = e.clientX - b.left, y = e.clientY - b.top, best = null, bd = 100;
      pts.forEach(function (p) { var d = Math.pow(X(p.runTimeMs) - x, 2) + Math.pow(Y(p.costUsd) - y, 2); if (d < bd) { bd = d; best = p; } });
      if (best) showTip(e.clientX, e.clientY, describe(best)); else hideTip();
    });
    canvas.addEventListener("mouseleave", hideTip);
    var pre = el("pre", { id: "recommendation" }, S.recommendation);
    s.appendChild(pre);
    api.sweep = {
      recommended: S.recommended,
      position: function (g) { var p = byIndex[g], b = canvas.getBoundingClientRect(); return { x: b.left + X(p.runTimeMs), y: b.top + Y(p.costUsd) }; },
      describe: function (g) { return describe(byIndex[g]); },
    };
  }

  if (data.replay) replay(data.replay);
  data.runs.forEach(function (run, i) { var u = timeline(run, i); lanes(run, i, u); });
  if (data.sweep) sweep(data.sweep);
  document.body.setAttribute("data-ready-ms", String(Math.round(performance.now())));
  document.body.setAttribute("data-ready", "1");
})();
