/* Maps of quotas (ashyq/views/maps.py): section.ashyq-map[data-map] names the map's data file
 * (every level, year · category and measure, with colour classes, legend and sentence) and
 * the shared boundaries file (geokz 2024, fetched once and cached by the browser). Places are
 * drawn as plotly scatter traces with fill "toself" on locked cartesian axes (the site's
 * plotly-basic bundle has no geo traces, and those would fetch a world map from a CDN).
 * Clicking a place opens its page; the table beside the map says the same numbers. */
(function () {
  "use strict";

  var NO_DATA = { light: "#eceff1", dark: "#2b303b" };
  var geometry = {};  // url → Promise of the parsed boundaries

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function loadGeometry(url) {
    if (!geometry[url]) geometry[url] = fetchJson(url);
    return geometry[url];
  }

  var paper = false;  // drawing the figure of a download (chart-actions.js): the light colours, whatever the screen's
  function dark() { return !paper && document.body.getAttribute("data-md-color-scheme") === "slate"; }
  // on another site (an <iframe> of its embed page, /embed/map-…/): a place opens in a new tab,
  // since the site's pages refuse to be framed there
  var framed = window.top !== window.self;

  function number(value) {
    // as ashyq/formats.number writes it: a no-break space between thousands, a decimal comma
    var parts = String(value).split(".");
    return parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0") + (parts[1] ? "," + parts[1] : "");
  }

  // a data string plotly shows literally (as ashyq/charts.py plain): plotly reads a subset of
  // HTML in trace names, and decodes character references after that, as text
  function plain(text) {
    return String(text).replace(/&/g, "&#38;").replace(/</g, "&#60;").replace(/>/g, "&#62;")
      .replace(/\{/g, "&#123;");
  }

  function classOf(value, bounds, palette) {
    var i = 0;
    while (i < bounds.length - 1 && value > bounds[i]) i++;
    return palette[Math.round(i * (palette.length - 1) / Math.max(1, bounds.length - 1))];
  }

  function xy(feature) {
    var x = [], y = [];
    feature.rings.forEach(function (ring, n) {
      if (n) { x.push(null); y.push(null); }
      for (var i = 0; i < ring.length; i += 2) { x.push(ring[i]); y.push(ring[i + 1]); }
      x.push(ring[0]); y.push(ring[1]);
    });
    return { x: x, y: y };
  }

  function area(feature) {
    var ring = feature.rings[0] || [], a = 0;
    for (var i = 0; i < ring.length; i += 2) {
      var j = (i + 2) % ring.length;
      a += ring[i] * ring[j + 1] - ring[j] * ring[i + 1];
    }
    return Math.abs(a / 2);
  }

  function Map(section) {
    this.section = section;
    this.plot = section.querySelector(".ashyq-map-plot");
    this.level = section.getAttribute("data-level");
    this.view = section.getAttribute("data-view");
    this.metric = "jobs";
    this.root = section.getAttribute("data-root") || "";
  }

  Map.prototype.key = function () { return this.level + "|" + this.view; };

  Map.prototype.start = function () {
    var self = this, s = this.section;
    return Promise.all([fetchJson(s.getAttribute("data-map")), loadGeometry(s.getAttribute("data-geometry")),
                        window.Ashyq.loadPlotly()])
      .then(function (got) {
        self.data = got[0];
        self.features = got[1].features;
        self.wire();
        self.draw();
        s._exportFigure = function () { return self.exportFigure(); };
        s._csv = function () { return self.csv(); };
      })
      .catch(function (err) {
        s.setAttribute("data-error", err.message);
        var say = s.querySelector("[data-map-error]");
        if (say) { say.hidden = false; }
      });
  };

  Map.prototype.wire = function () {
    var self = this, s = this.section;
    var level = s.querySelector("[data-map-level]"), view = s.querySelector("[data-map-view]");
    if (level) level.addEventListener("change", function () { self.level = level.value; self.draw(); });
    if (view) view.addEventListener("change", function () { self.view = view.value; self.draw(); });
    s.querySelectorAll("[data-map-metric]").forEach(function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) { self.metric = radio.value; self.draw(); } });
    });
    new MutationObserver(function () { self.draw(); })
      .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  };

  Map.prototype.shapes = function () {
    var level = parseInt(this.level, 10), region = this.data.region_kato;
    return this.features.filter(function (f) {
      return f.level === level && (!region || f.region_kato === region);
    });
  };

  Map.prototype.traces = function (view) {
    var self = this, data = this.data, metric = this.metric;
    var col = { jobs: 1, organizations: 2, rule_percent: 3 }[metric];
    var m = view.metrics[metric];
    var rows = {};
    view.rows.forEach(function (r) { rows[r[0]] = r; });
    var isDark = dark();
    var line = isDark ? "#9aa0aa" : "#ffffff", empty = isDark ? NO_DATA.dark : NO_DATA.light;
    var shapes = this.shapes().slice().sort(function (a, b) { return area(b) - area(a); });
    // shapes with no figure of the view: one grey trace, no hover
    var bx = [], by = [];
    var traces = [];
    shapes.forEach(function (f) {
      var row = f.place_id && rows[f.place_id];
      var pts = xy(f);
      if (!row) {
        if (bx.length) { bx.push(null); by.push(null); }
        bx.push.apply(bx, pts.x); by.push.apply(by, pts.y);
        return;
      }
      var place = data.places[f.place_id];
      var value = row[col];
      var figure = metric === "jobs" ? Ashyq.tn("%(n)s жұмыс орны", "%(n)s жұмыс орны", value, { n: number(value) })
        : metric === "organizations" ? Ashyq.tn("%(n)s ұйым", "%(n)s ұйым", value, { n: number(value) }) : number(value) + " %";
      var label = place[0] + ": " + (value === null ? (row[4] || Ashyq.t("дерек жоқ")) : figure);
      var trace = {
        type: "scatter", mode: "lines", x: pts.x, y: pts.y, fill: "toself", hoveron: "fills",
        name: plain(label), hoverinfo: "name", meta: place[1],
        line: { color: line, width: 0.8 },
        fillcolor: value === null ? empty : classOf(value, m.bounds, data.palette)
      };
      if (value === null && row[4]) {
        // set by rule and no list: hatched, never a zero
        trace.fillpattern = { shape: "/", fgcolor: isDark ? "#8a93a3" : "#7b8490", bgcolor: empty, size: 6 };
      }
      traces.push(trace);
    });
    traces.unshift({
      type: "scatter", mode: "lines", x: bx, y: by, fill: "toself", fillcolor: empty,
      line: { color: line, width: 0.6 }, hoverinfo: "skip", showlegend: false
    });
    return traces;
  };

  /* The figure of a PNG or SVG download (chart-actions.js adds the title and the source
   * line): the view shown, in the light colours, at the image's width, with its colour key
   * drawn under the map (swatches and labels, as the legend beside the map). */
  var KEY_BAND = 64;  // pixels under the map for the colour key
  Map.prototype.exportFigure = function () {
    var view = this.data && this.data.views[this.key()];
    if (!view) return null;
    paper = true;
    try {
      var traces = this.traces(view), layout = this.layout(1000);
    } finally { paper = false; }
    var m = view.metrics[this.metric];
    var entries = (m ? m.legend : []).map(function (e) { return { colour: e[0], label: e[1] }; });
    entries.push({ colour: NO_DATA.light, label: Ashyq.t("дерек жоқ") });
    var mapHeight = layout.height;
    layout.height = mapHeight + KEY_BAND;
    layout.margin = { l: 10, r: 10, t: 0, b: KEY_BAND };
    layout.shapes = [];
    layout.annotations = [];
    var y0 = -(KEY_BAND - 22) / mapHeight, y1 = -(KEY_BAND - 8) / mapHeight;
    entries.forEach(function (e, i) {
      var x = i / entries.length;
      layout.shapes.push({ type: "rect", xref: "paper", yref: "paper", x0: x, x1: x + 0.025, y0: y0, y1: y1,
                           fillcolor: e.colour, line: { color: "#8c959f", width: 1 } });
      layout.annotations.push({ xref: "paper", yref: "paper", x: x + 0.03, y: (y0 + y1) / 2, xanchor: "left",
                                yanchor: "middle", showarrow: false, text: plain(e.label), font: { size: 12 } });
    });
    var caption = this.section.querySelector("[data-map-caption]");
    var what = this.section.querySelector("[data-map-metric]:checked");
    var label = what && what.parentNode ? what.parentNode.textContent.trim() : "";
    return { data: traces, layout: layout,
             subtitle: (caption ? caption.textContent : "") + (label ? " · " + label : "") };
  };

  // The rows of the view shown, for the CSV (chart-actions.js writes the header from the page)
  Map.prototype.csv = function () {
    var data = this.data, view = data && data.views[this.key()];
    if (!view) return null;
    var title = data.titles[this.view] || this.view, level = data.levels[this.level] || this.level;
    return { rows: view.rows.map(function (r) {
      return [title, level, data.places[r[0]][0], r[0], r[1], r[2], r[3], [r[4], r[6]].filter(Boolean).join("; ")];
    }) };
  };

  Map.prototype.layout = function (imageWidth) {
    // the shapes' extent: the plot is as tall as the map is at its width (a phone gets no empty band)
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    this.shapes().forEach(function (f) {
      f.rings.forEach(function (ring) {
        for (var i = 0; i < ring.length; i += 2) {
          if (ring[i] < x0) x0 = ring[i];
          if (ring[i] > x1) x1 = ring[i];
          if (ring[i + 1] < y0) y0 = ring[i + 1];
          if (ring[i + 1] > y1) y1 = ring[i + 1];
        }
      });
    });
    var lat = isFinite(y0) ? (y0 + y1) / 2 : 48;
    var ratio = 1 / Math.cos(lat * Math.PI / 180);
    var width = imageWidth || this.plot.clientWidth || 600;
    var height = isFinite(x0) && x1 > x0 ? width * (y1 - y0) * ratio / (x1 - x0) : 420;
    height = Math.round(Math.max(220, Math.min(520, height)));
    var axis = { visible: false, fixedrange: true };
    return {
      template: {}, showlegend: false, dragmode: false, hovermode: "closest",
      margin: { l: 0, r: 0, t: 0, b: 0 }, height: height,
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      xaxis: axis, font: { color: dark() ? "#e2e4e9" : "#1f2328" },
      yaxis: Object.assign({ scaleanchor: "x", scaleratio: ratio }, axis),
      hoverlabel: { namelength: -1 }
    };
  };

  Map.prototype.draw = function () {
    var self = this, view = this.data.views[this.key()], s = this.section;
    var plot = this.plot;
    if (!view) {  // this level has nothing of that year and category
      Plotly.purge(plot);
      this.say(null);
      return;
    }
    Plotly.react(plot, this.traces(view), this.layout(), {
      locale: "kk", displayModeBar: false, responsive: true, showSendToCloud: false
    }).then(function () {
      if (!plot._ashyqClick) {
        plot._ashyqClick = true;
        plot.on("plotly_click", function (ev) {
          var p = ev && ev.points && ev.points[0];
          var href = p && p.data && p.data.meta;
          if (href && framed) window.open(self.root + href, "_blank", "noopener");
          else if (href) location.href = self.root + href;
        });
      }
      s.setAttribute("data-ready", "true");
      s.setAttribute("data-shown", self.key() + "|" + self.metric);
    });
    this.say(view);
    if (framed) s.querySelectorAll("a[href]").forEach(function (a) { a.target = "_blank"; a.rel = "noopener"; });
  };

  // the sentence, the legend, the list of places not on the map and the table of the view
  Map.prototype.say = function (view) {
    var s = this.section, data = this.data, metric = this.metric, root = this.root;
    var m = view && view.metrics[metric];
    var alt = s.querySelector("[data-map-alt]");
    var text = m ? m.alt : Ashyq.t("Бұл деңгейде осы жыл мен санат бойынша дерек жоқ.");
    alt.textContent = text;
    this.plot.parentNode.setAttribute("aria-label", text);
    var legend = s.querySelector("[data-map-legend]");
    legend.querySelectorAll("li[data-class]").forEach(function (li) { li.remove(); });
    var first = legend.firstChild;
    (m ? m.legend : []).forEach(function (entry) {
      var li = document.createElement("li"), sw = document.createElement("span");
      li.setAttribute("data-class", "");
      sw.className = "ashyq-map-swatch";
      sw.style.background = entry[0];
      li.appendChild(sw);
      li.appendChild(document.createTextNode(entry[1]));
      legend.insertBefore(li, first);
    });
    var rows = view ? view.rows : [];
    var missing = rows.filter(function (r) { return !r[5]; }).map(function (r) {
      return data.places[r[0]][0] + (r[6] ? " (" + r[6] + ")" : "");  // as maps.off_name
    });
    var note = s.querySelector("[data-map-missing]");
    note.hidden = !missing.length;
    note.textContent = missing.length ? Ashyq.tn("Деректері бар %(n)s аумақ картада жоқ:", "Деректері бар %(n)s аумақ картада жоқ:", missing.length, { n: missing.length }) + " " + missing.join(", ") + "." : "";
    var body = s.querySelector("[data-map-rows]");
    while (body.firstChild) body.removeChild(body.firstChild);
    rows.forEach(function (r) {
      var tr = document.createElement("tr"), th = document.createElement("th"), a = document.createElement("a");
      th.scope = "row";
      a.href = root + data.places[r[0]][1];
      a.textContent = data.places[r[0]][0];
      th.appendChild(a);
      tr.appendChild(th);
      // as the page's table (_map.j2): jobs, organisations, then the rule and "not on the map"
      var note = [r[1] === null ? r[4] : "", r[6] || "", r[5] ? "" : Ashyq.t("картада жоқ")]
        .filter(Boolean).join("; ");
      [r[1], r[2], note].forEach(function (v, i) {
        var td = document.createElement("td");
        td.textContent = v === null ? "" : i < 2 ? number(v) : v;
        if (i < 2) td.className = "num";
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    var caption = s.querySelector("[data-map-caption]");
    if (caption) caption.textContent = (data.titles[this.view] || "") + " · " + (data.levels[this.level] || "");
  };

  function init() {
    // ashyq.js (loaded first) starts each map when it comes near the screen
    window.Ashyq.whenVisible(document.querySelectorAll("section.ashyq-map[data-map]"), function (el) {
      if (!el._map) { el._map = new Map(el); el._map.start(); }
    }, 200);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
