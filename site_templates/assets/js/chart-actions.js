/* A chart's row of actions (issue 17.3; _macros.j2 chart_actions, views/embeds.py): its PNG
 * and SVG images, made by plotly's own Plotly.downloadImage with the chart's title and source
 * line drawn into the image (a map's colour key too); the numbers it draws as CSV (UTF-8 with
 * a BOM, so Excel reads Kazakh letters right), made here from the chart's own spec; and the
 * <iframe> code of its embed page, with a copy button. Wired by data attributes: every page
 * and every embed page loads this file; it does nothing where there is no chart.
 * A map (map.js) gives its figure through `section._exportFigure()` and its rows through
 * `section._csv()`. */
(function () {
  "use strict";

  // a text in the page's language (messages-<lang>.js, from ashyq/locale/<lang>.po; Kazakh as written)
  function t(text) { return (window.AshyqMessages && window.AshyqMessages[text]) || text; }
  // The interface text this script writes, in one place (python -m ashyq.translations collects t("…")).
  var TEXT = {
    copied: t("Код көшірілді"),
    copyFailed: t("Көшіру мүмкін болмады: кодты белгілеп, өзіңіз көшіріңіз"),
    making: t("Сурет жасалуда…"),
    saved: t("Жүктелді"),
    failed: t("Жүктеу мүмкін болмады"),
    notReady: t("Диаграмма әлі сызылған жоқ"),
    png: t("PNG сурет"), svg: t("SVG сурет"), csv: t("Деректері (CSV)")  // as _macros.j2 chart_actions
  };
  var IMAGE_WIDTH = 1000;   // pixels of a downloaded image (PNG at 2× for sharp text)
  var CREDIT_CHARS = 120;   // a source line is broken into lines of about this many characters
  var TITLE_CHARS = 85;     // and a title (in larger letters) into lines of this many

  // a data string plotly shows literally (as ashyq/charts.py plain)
  function plain(text) {
    return String(text).replace(/&/g, "&#38;").replace(/</g, "&#60;").replace(/>/g, "&#62;")
      .replace(/\{/g, "&#123;");
  }

  // the other way: a label of a spec as text (plotly's <br> a space, references decoded)
  function text(label) {
    if (label === null || label === undefined) return "";
    return String(label).replace(/<br\s*\/?>/gi, " ").replace(/<[^>]*>/g, "")
      .replace(/&#(\d+);/g, function (_, n) { return String.fromCharCode(parseInt(n, 10)); })
      .replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/\s+/g, " ").trim();
  }

  function wrap(line, width) {
    var out = [], current = "";
    line.split(" ").forEach(function (word) {
      if (current && current.length + 1 + word.length > width) { out.push(current); current = word; }
      else current = current ? current + " " + word : word;
    });
    if (current) out.push(current);
    return out;
  }

  function copy(value) { return JSON.parse(JSON.stringify(value)); }

  function chartOf(box) { return document.getElementById(box.getAttribute("data-chart-actions")); }

  function specOf(el) {
    // the drawn plot's state (a drop-down's choice) when there is one, else the page's spec
    if (el._plot && el._plot.data) return { data: copy(el._plot.data), layout: copy(el._plot.layout || {}) };
    if (el._spec) return copy(el._spec);
    var script = el.querySelector("script[type='application/json']");
    return script ? JSON.parse(script.textContent) : null;
  }

  /* The figure drawn into an image: the title in bold and the source line under it, on white
   * paper with the page's font, whatever the screen's scheme. */
  function withCredit(figure, title, credit) {
    var layout = figure.layout || {};
    var lines = wrap(credit, CREDIT_CHARS), heads = wrap(title, TITLE_CHARS);
    var top = 24 + 22 * heads.length + 15 * lines.length;
    var margin = layout.margin || {};
    layout.margin = { l: margin.l == null ? 10 : margin.l, r: margin.r == null ? 10 : margin.r,
                      b: margin.b == null ? 40 : margin.b, t: (margin.t || 10) + top };
    layout.height = (layout.height || 450) + top;
    layout.width = IMAGE_WIDTH;
    // plotly's title and subtitle: the title in bold, the source line under it, from the image's left edge
    layout.title = {
      text: heads.map(function (h) { return "<b>" + plain(h) + "</b>"; }).join("<br>"), font: { size: 17 },
      subtitle: { text: lines.map(plain).join("<br>"), font: { size: 11, color: "#57606a" } },
      x: 0, xanchor: "left", xref: "container", y: 1, yanchor: "top", yref: "container",
      pad: { t: 18, l: 12 }
    };
    layout.paper_bgcolor = "#ffffff";
    layout.plot_bgcolor = "#ffffff";
    var family = getComputedStyle(document.body).fontFamily || "sans-serif";
    layout.font = { family: family, color: "#1f2328", size: (layout.font && layout.font.size) || 12 };
    ["xaxis", "yaxis"].forEach(function (axis) {
      if (layout[axis]) layout[axis].gridcolor = "#e1e4e8";
    });
    figure.layout = layout;
    return figure;
  }

  function status(box, message) {
    var el = box.querySelector("[data-action-status]");
    if (el) el.textContent = message;
  }

  function fileName(box) { return "ashyq-derek-" + (box.getAttribute("data-file") || "chart"); }

  function image(box, format) {
    var target = chartOf(box);
    if (!target) return;
    var figure = target._exportFigure ? target._exportFigure() : specOf(target);
    if (!figure) { status(box, TEXT.notReady); return; }
    status(box, TEXT.making);
    window.Ashyq.loadPlotly().then(function () {
      var title = box.getAttribute("data-title") || "";
      if (figure.subtitle) title += " — " + figure.subtitle;  // a map's view: its year, category and measure
      figure = withCredit(figure, title, box.getAttribute("data-credit") || "");
      return Plotly.downloadImage({ data: figure.data, layout: figure.layout, config: { locale: "kk" } }, {
        format: format, filename: fileName(box), width: figure.layout.width, height: figure.layout.height,
        scale: format === "png" ? 2 : 1
      });
    }).then(function () { status(box, TEXT.saved + ": " + fileName(box) + "." + format); })
      .catch(function (err) { status(box, TEXT.failed + " (" + (err && err.message || err) + ")"); });
  }

  /* The chart's numbers, one row per point it draws (a bar, a dot), in the columns
   * charts.Chart.columns names: the trace's labels (meta, else its name), the category
   * (two columns on a two-level axis), the value, the point's customdata. A missing bar is
   * no row (never a zero). */
  function chartRows(spec, valueAxis) {
    var rows = [];
    (spec.data || []).forEach(function (trace) {
      var labels = Array.isArray(trace.meta) ? trace.meta.map(text) : [text(trace.name)];
      var onX = valueAxis === "x" || trace.orientation === "h";
      var values = (onX ? trace.x : trace.y) || [], cats = (onX ? trace.y : trace.x) || [];
      var twoLevel = Array.isArray(cats[0]);
      for (var i = 0; i < values.length; i++) {
        var v = values[i];
        if (v === null || v === undefined || v === "") continue;
        var cat = twoLevel ? [text(cats[0][i]), text(cats[1][i])] : [text(cats[i])];
        var extra = trace.customdata ? trace.customdata[i] : undefined;
        extra = extra === undefined || extra === null ? [] : (Array.isArray(extra) ? extra : [extra]);
        rows.push(labels.concat(cat, [v], extra.map(function (x) { return typeof x === "number" ? x : text(x); })));
      }
    });
    return rows;
  }

  function csvField(value) {
    var s = value === null || value === undefined ? "" : String(value);
    // a text that a spreadsheet would run as a formula (a name from a pull request) stays text
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\r\n]|^\s|\s$/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  }

  function csvText(header, rows) {
    var width = header.length;
    var lines = [header].concat(rows).map(function (row) {
      var cells = row.slice(0, Math.max(width, row.length));
      while (cells.length < width) cells.push("");
      return cells.map(csvField).join(",");
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";  // the BOM: Excel reads UTF-8 only with it
  }

  function csv(box) {
    var target = chartOf(box);
    if (!target) return;
    var table;
    var header = (box.getAttribute("data-columns") || "").split("|")  // headings never hold a "|";
    if (target._csv) {
      table = target._csv();
      if (table) table.header = header;
    } else {
      var spec = specOf(target);
      table = spec && { header: header, rows: chartRows(spec, box.getAttribute("data-value-axis")) };
    }
    if (!table) { status(box, TEXT.notReady); return; }
    window.Ashyq.save(new Blob([csvText(table.header, table.rows)], { type: "text/csv;charset=utf-8" }),
                      fileName(box) + ".csv");
    status(box, TEXT.saved + ": " + fileName(box) + ".csv");
  }

  function iframeCode(area) {
    var src = new URL(area.getAttribute("data-embed-href"), location.href).href;
    var title = box(area).getAttribute("data-title") || "";
    var attr = function (s) { return String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;"); };
    return "<iframe src=\"" + attr(src) + "\" title=\"" + attr(title) + "\" width=\"100%\" height=\"" +
      (area.getAttribute("data-height") || "500") + "\" style=\"border:0\" loading=\"lazy\"></iframe>";
  }

  function box(el) { return el.closest("[data-chart-actions]"); }

  function copyCode(actions) {
    var area = actions.querySelector("textarea");
    if (!area) return;
    var done = function () { status(actions, TEXT.copied); };
    var byHand = function () {
      area.focus();
      area.select();
      try { if (document.execCommand("copy")) { done(); return; } } catch (e) { /* below */ }
      status(actions, TEXT.copyFailed);
    };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(area.value).then(done, byHand);
    else byHand();
  }

  function init() {
    document.querySelectorAll("[data-chart-actions] textarea[data-embed-href]").forEach(function (area) {
      area.value = iframeCode(area);  // the address the reader sees the site at
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-chart-actions] [data-action]");
    if (!button) return;
    var actions = box(button), action = button.getAttribute("data-action");
    if (action === "png" || action === "svg") image(actions, action);
    else if (action === "csv") csv(actions);
    else if (action === "copy") copyCode(actions);
  });
  // a textarea's code is selected whole when it takes the focus, ready to copy by hand
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-chart-actions] textarea")) event.target.select();
  });

  /* The row of actions of a chart made in the browser (compare.js): the same buttons as
   * _macros.j2 chart_actions (no embed: its page's address is the view). */
  function addActions(figure, chart, opts) {
    var row = document.createElement("div");
    row.className = "ashyq-chart-actions";
    row.setAttribute("data-chart-actions", chart.id);
    row.setAttribute("data-title", opts.title || "");
    row.setAttribute("data-credit", opts.credit || "");
    row.setAttribute("data-file", opts.file || chart.id);
    row.setAttribute("data-columns", (opts.columns || []).join("|"));
    row.setAttribute("data-value-axis", opts.valueAxis || "y");
    [["png", TEXT.png], ["svg", TEXT.svg], ["csv", TEXT.csv]].forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ashyq-chart-action";
      button.setAttribute("data-action", b[0]);
      button.textContent = b[1];
      row.appendChild(button);
    });
    var say = document.createElement("span");
    say.className = "ashyq-chart-status";
    say.setAttribute("role", "status");
    say.setAttribute("data-action-status", "");
    row.appendChild(say);
    figure.appendChild(row);
    return row;
  }

  window.Ashyq = window.Ashyq || {};
  window.Ashyq.addChartActions = addActions;

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
