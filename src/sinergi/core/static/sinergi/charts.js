/* Sinergi charts: every <figure data-chart="<spec id>"> (core/_chart.html) is drawn with Apache
   ECharts from the JSON spec of its <script type="application/json" id="<spec id>"> (built by
   the apps' charts.py). The data table stays in the page (accessible, and the view without
   JavaScript); once the chart is drawn it is folded away. No inline script, no eval: CSP-safe. */
(function () {
  "use strict";
  if (window.SinergiCharts) { return; }  // included once per page section: run once
  var script = document.currentScript;
  var echartsUrl = script && script.getAttribute("data-echarts");
  var BLUE = "#1b6b4a", GREY = "#8c959f", RED = "#c0392b";
  var PALETTE = ["#1b6b4a", "#4f8fd6", "#e0a526", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d"];
  var lang = document.documentElement.lang || "id";
  var format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });

  var compact = new Intl.NumberFormat(lang, { notation: "compact", maximumFractionDigits: 1 });
  function fmt(value) { return value === null || value === undefined ? "—" : format.format(value); }
  function short(value) { return value === null || value === undefined ? "" : compact.format(value); }
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function lines(list) { return list.map(esc).join("<br>"); }

  function trendOption(spec) {
    var L = spec.labels, n = spec.values.length, series = [];
    // Segments: solid between two complete figures, dashed grey where either end is partial.
    for (var i = 0; i + 1 < n; i++) {
      if (spec.values[i] === null || spec.values[i + 1] === null) { continue; }
      var partial = spec.partial[i] || spec.partial[i + 1];
      var data = spec.values.map(function () { return null; });
      data[i] = spec.values[i]; data[i + 1] = spec.values[i + 1];
      series.push({
        name: partial ? L.partial : L.value, type: "line", data: data, symbol: "none",
        silent: true, tooltip: { show: false }, z: 1,
        lineStyle: partial ? { type: "dashed", color: GREY, width: 2 } : { color: BLUE, width: 3 },
        itemStyle: { color: partial ? GREY : BLUE }
      });
    }
    series.push({
      name: L.value, type: "line", z: 3, showAllSymbol: true, lineStyle: { width: 0 }, itemStyle: { color: BLUE },
      data: spec.values.map(function (v, k) {
        return spec.partial[k]
          ? { value: v, symbol: "emptyCircle", symbolSize: 12,
              itemStyle: { color: GREY, borderColor: GREY, borderWidth: 3 } }
          : { value: v, symbol: "circle", symbolSize: 9 };
      })
    });
    if (spec.targets.some(function (t) { return t !== null; })) {
      series.push({
        name: L.target, type: "line", data: spec.targets, connectNulls: true, z: 2,
        symbol: "diamond", symbolSize: 9, lineStyle: { type: "dashed", color: RED, width: 2 },
        itemStyle: { color: RED }
      });
    }
    var legend = [L.value];
    if (spec.partial.some(Boolean)) { legend.push(L.partial); }
    if (spec.targets.some(function (t) { return t !== null; })) { legend.push(L.target); }
    return {
      animation: false,
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      legend: { data: legend, top: 0 },
      tooltip: {
        trigger: "axis",
        formatter: function (params) { return lines(spec.tooltips[params[0].dataIndex]); }
      },
      xAxis: { type: "category", data: spec.categories, boundaryGap: false },
      yAxis: { type: "value", axisLabel: { formatter: short } },
      series: series
    };
  }

  function barsOption(spec) {
    var horizontal = !!spec.horizontal;
    var category = {
      type: "category", data: spec.categories, inverse: horizontal,
      axisLabel: horizontal ? { width: 150, overflow: "truncate" } : { hideOverlap: true }
    };
    var value = { type: "value", axisLabel: { formatter: short, hideOverlap: true },
                  minInterval: spec.integer ? 1 : 0 };
    var series = spec.series.map(function (s, k) {
      return {
        name: s.name, type: "bar", barMaxWidth: 32, stack: spec.stacked ? "total" : undefined,
        itemStyle: { color: (spec.colors && spec.colors[k]) || PALETTE[k % PALETTE.length] },
        label: { show: !spec.stacked, position: horizontal ? "right" : "top", formatter: function (p) { return short(p.value); } },
        data: s.data.map(function (v, i) {
          if (spec.partial && spec.partial[i]) {
            return { value: v, itemStyle: { color: GREY, opacity: 0.6,
              decal: { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -0.785 } } };
          }
          return v;
        })
      };
    });
    if (spec.reference !== null && spec.reference !== undefined && series.length) {
      var line = {}; line[horizontal ? "xAxis" : "yAxis"] = spec.reference;
      series[0].markLine = { symbol: "none", silent: true, data: [line],
        lineStyle: { type: "dashed", color: RED }, label: { formatter: fmt(spec.reference) } };
    }
    var tooltip = { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: fmt };
    tooltip.formatter = spec.tooltips
      ? function (params) { return lines(spec.tooltips[params[0].dataIndex]); }
      : function (params) {  // names are people's text (activity titles): escaped
          return [esc(params[0].name)].concat(params.map(function (p) {
            return p.marker + esc(p.seriesName) + ": " + esc(fmt(p.value));
          })).join("<br>");
        };
    return {
      animation: false,
      grid: { left: 8, right: 40, top: spec.series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
      legend: { show: spec.series.length > 1, top: 0, type: "scroll" },
      tooltip: tooltip,
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series
    };
  }

  var BUILDERS = { trend: trendOption, bars: barsOption };

  function draw(figure) {
    var spec = document.getElementById(figure.getAttribute("data-chart"));
    var canvas = figure.querySelector("[data-chart-canvas]");
    if (!spec || !canvas) { return; }
    spec = JSON.parse(spec.textContent);
    var build = BUILDERS[spec.type];
    if (!build) { return; }
    if (spec.horizontal) {
      canvas.style.height = Math.max(220, 30 * spec.categories.length + 60) + "px";
    }
    var chart = window.echarts.init(canvas, null, { renderer: "canvas" });
    chart.setOption(build(spec));
    window.addEventListener("resize", function () { chart.resize(); });
    var table = figure.querySelector("[data-chart-table]");
    if (table) { table.removeAttribute("open"); }
    var png = figure.querySelector("[data-chart-png]");
    if (png) {
      png.hidden = false;
      png.addEventListener("click", function () {
        var link = document.createElement("a");
        link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" });
        link.download = (figure.getAttribute("data-filename") || "chart") + ".png";
        document.body.appendChild(link);
        link.click();
        link.remove();
      });
    }
    figure.setAttribute("data-chart-drawn", "1");
  }

  function start() {
    var figures = document.querySelectorAll("figure[data-chart]");
    if (!figures.length) { return; }
    function drawAll() { figures.forEach(draw); }
    if (window.echarts) { drawAll(); return; }
    var lib = document.createElement("script");
    lib.src = echartsUrl;
    lib.addEventListener("load", drawAll);
    document.head.appendChild(lib);
  }

  window.SinergiCharts = { draw: draw };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
