/* 经办工作台 charts: every element with data-chart="<id>" is drawn with Apache ECharts from the
 * JSON in <script type="application/json" id="<id>"> (no inline script: CSP script-src 'self').
 * Without ECharts (not installed yet) nothing is drawn and the table beside each chart stays the
 * way to read the figures. Charts are drawn again after an htmx swap. */
(function () {
  "use strict";

  var PALETTE = ["#0b4f8a", "#c75000", "#1e6b30", "#7a3e9d", "#a4161a", "#00707a"];

  function formatNumber(value, unit) {
    if (value === null || value === undefined) { return "—"; }
    if (unit === "元") {
      return "¥" + Number(value).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    if (unit === "%") { return Number(value).toFixed(1) + "%"; }
    return String(value);
  }

  function options(spec) {
    var unit = spec.unit || "";
    var type = spec.type === "line" ? "line" : "bar";
    return {
      color: PALETTE,
      animation: false,
      aria: { enabled: false },
      title: spec.title ? { text: spec.title, left: "center", textStyle: { fontSize: 14 } } : undefined,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return formatNumber(v, unit); } },
      legend: { bottom: 0, type: "scroll" },
      grid: { left: 16, right: 16, top: spec.title ? 40 : 16, bottom: 40, containLabel: true },
      xAxis: { type: "category", data: spec.categories || [], axisLabel: { interval: 0, hideOverlap: true } },
      yAxis: {
        type: "value", name: unit, max: unit === "%" ? 100 : undefined,
        axisLabel: { formatter: function (v) { return unit === "元" ? Number(v).toLocaleString("zh-CN") : v; } }
      },
      series: (spec.series || []).map(function (s) {
        return { name: s.name, type: s.type || type, data: s.data, stack: s.stack, connectNulls: false };
      })
    };
  }

  function draw(element) {
    if (typeof window.echarts === "undefined") { return; }
    var source = document.getElementById(element.getAttribute("data-chart"));
    if (!source) { return; }
    var spec;
    try { spec = JSON.parse(source.textContent); } catch (e) { return; }
    if (!spec) { return; }
    element.hidden = false;
    var chart = window.echarts.getInstanceByDom(element) || window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption(options(spec), true);
  }

  function drawAll(root) {
    var elements = (root || document).querySelectorAll("[data-chart]");
    for (var i = 0; i < elements.length; i++) { draw(elements[i]); }
  }

  function disposeAll(root) {
    if (typeof window.echarts === "undefined" || !root) { return; }
    var elements = root.querySelectorAll("[data-chart]");
    for (var i = 0; i < elements.length; i++) {
      var chart = window.echarts.getInstanceByDom(elements[i]);
      if (chart) { chart.dispose(); }
    }
  }

  function resizeAll() {
    if (typeof window.echarts === "undefined") { return; }
    var elements = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < elements.length; i++) {
      var chart = window.echarts.getInstanceByDom(elements[i]);
      if (chart) { chart.resize(); }
    }
  }

  var resizeTimer = null;
  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:beforeSwap", function (event) { disposeAll(event.detail && event.detail.target); });
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.detail && event.detail.target); });
  window.addEventListener("resize", function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(resizeAll, 150);
  });
}());
