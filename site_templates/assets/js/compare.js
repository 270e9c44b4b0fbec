/* The compare page (ashyq/views/compare.py): two to four places side by side, drawn from
 * their JSON documents of the static API (/api/v1/places/<id>.json), so it needs nothing but
 * the site's own files. The choice lives in the URL (?places=borli,oral): adding or removing a
 * place pushes a history entry, back and forward redraw it. A link that names a place the site
 * does not know, names none, or names more than four says so on the page, never a blank chart.
 * The finder looks places up by every name and alias (compare/places.json, folded with
 * Ashyq.fold as every search box of the site). Charts are drawn by ashyq.js (Ashyq.drawChart). */
(function () {
  "use strict";

  var root = document.getElementById("compare");
  if (!root) return;
  var config = JSON.parse(root.querySelector(".ashyq-compare-config").textContent);
  var fold = window.Ashyq.fold;
  var MAX = config.max;
  var input = document.getElementById("compare-find");
  var suggestions = document.getElementById("compare-suggestions");
  var chosenList = document.getElementById("compare-chosen");
  var message = document.getElementById("compare-message");
  var results = document.getElementById("compare-results");

  var docs = {};          // place_id → Promise of its document (null: the site has none)
  var placesList = null;  // Promise of the finder's list
  var chosen = [];        // the places shown, in the URL's order
  var drawing = 0;        // the latest render wins when the reader is quicker than the network

  // ------------------------------------------------------------------ small helpers

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // numbers as ashyq/formats.py writes them (the symbols come from the page: formats.number_symbols)
  function number(value, decimals) {
    if (value == null || isNaN(value)) return "";
    var fixed = Number(value).toFixed(decimals || 0);
    var parts = fixed.split(".");
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, config.number.group);
    return parts.length > 1 ? whole + config.number.decimal + parts[1] : whole;
  }

  function perOrganization(jobs, organizations) {
    return organizations ? Math.round(jobs / organizations * 100) / 100 : null;
  }

  // plotly reads a subset of HTML in labels: data text is shown literally (charts.py plain)
  function plain(text) {
    return String(text).replace(/&/g, "&#38;").replace(/</g, "&#60;").replace(/>/g, "&#62;")
      .replace(/\{/g, "&#123;");
  }

  function codeTable(list) {
    var out = { order: {}, title: {}, short: {} };
    list.forEach(function (c, i) { out.order[c[0]] = i; out.title[c[0]] = c[1]; out.short[c[0]] = c[2]; });
    return out;
  }
  // a code's place in its schema's order (an unknown code last)
  function position(table, code) { return code in table.order ? table.order[code] : 99; }

  // A text broken at its spaces into the longest lines that `fits` (a longer word stands on
  // a line of its own): plotly wraps neither an axis label nor an annotation.
  function wrapLines(text, fits) {
    var lines = [], line = "";
    String(text).split(" ").forEach(function (word) {
      var longer = line ? line + " " + word : word;
      if (line && !fits(longer)) { lines.push(line); line = word; } else { line = longer; }
    });
    return line ? lines.concat([line]) : lines;
  }

  // a long axis label over lines of about `width` characters (plotly breaks at <br>)
  function wrap(text, width) {
    return wrapLines(text, function (line) { return line.length <= width; }).join("\n");
  }

  // how wide a text is in plotly's 12 px (bold: a panel's title)
  var measure = null;
  function textWidth(text, bold) {
    if (!measure) {
      measure = document.createElement("canvas").getContext("2d");
      measure.family = getComputedStyle(results).fontFamily;
    }
    measure.font = (bold ? "bold " : "") + "12px " + measure.family;
    return measure.measureText(text).width;
  }

  // a panel's title over lines no wider than `width` px (a long category title ran off a phone)
  function wrapTitle(text, width) {
    return wrapLines(text, function (line) { return textWidth(line, true) <= width; });
  }

  var CATEGORY = codeTable(config.labels.category);
  var INDICATOR = codeTable(config.labels.indicator);
  var RATING_KIND = codeTable(config.labels.rating_kind);

  // ------------------------------------------------------------------ data

  function loadDoc(id) {
    if (!(id in docs)) {
      docs[id] = fetch(config.api + encodeURIComponent(id) + ".json")
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; });
    }
    return docs[id];
  }

  function loadPlaces() {
    if (!placesList) {
      placesList = fetch(config.places).then(function (r) {
        if (!r.ok) throw new Error(config.places + ": " + r.status);
        return r.json();
      }).then(function (data) {
        return data.places.map(function (p) {
          return { id: p[0], name: p[1], region: p[2], kind: p[3], text: fold(p[1] + " " + p[4] + " " + p[0]) };
        });
      });
      placesList.catch(function () { placesList = null; });  // try again on the next keystroke
    }
    return placesList;
  }

  // ------------------------------------------------------------------ the URL

  function fromUrl() {
    var params = new URLSearchParams(location.search);
    if (!params.has("places")) return { given: false, ids: [] };
    var seen = {};
    var ids = params.get("places").split(",").map(function (s) { return s.trim(); })
      .filter(function (s) { if (!s || seen[s]) return false; seen[s] = true; return true; });
    return { given: true, ids: ids };
  }

  function placesQuery(ids) {
    return ids.length ? "?places=" + ids.map(encodeURIComponent).join(",") : "";
  }

  function go(ids) {
    history.pushState({ places: ids }, "", location.pathname + placesQuery(ids) + location.hash);
    render();
  }

  // ------------------------------------------------------------------ messages

  function say(parts) {
    message.textContent = "";
    parts.forEach(function (p) {
      if (p) message.appendChild(p);
    });
  }

  function note(text, cls) {
    return el("p", "ashyq-compare-note" + (cls ? " " + cls : ""), text);
  }

  // Places whose names or id are near an unknown token: every typed word in its names, else
  // the ids and names a few letters away (a typo), nearest first.
  function distance(a, b) {
    if (Math.abs(a.length - b.length) > 3) return 99;
    var row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var prev = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var keep = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = keep;
      }
    }
    return row[b.length];
  }

  function nearest(token, places) {
    var t = fold(token.replace(/[-_]+/g, " ")).trim();
    if (!t) return [];
    var terms = t.split(" ");
    var hits = places.filter(function (p) {
      return terms.every(function (w) { return p.text.indexOf(w) !== -1; });
    });
    if (hits.length) return hits.slice(0, 3);
    var scored = [];
    places.forEach(function (p) {
      var words = [fold(p.id.replace(/-/g, " "))].concat(p.text.split(" "));
      var best = 99;
      words.forEach(function (w) { best = Math.min(best, distance(t, w)); });
      if (best <= Math.max(2, Math.floor(t.length / 3))) scored.push([best, p]);
    });
    scored.sort(function (a, b) { return a[0] - b[0] || (a[1].name < b[1].name ? -1 : 1); });
    return scored.slice(0, 3).map(function (s) { return s[1]; });
  }

  function unknownMessage(token, asked) {
    var p = note("", "ashyq-compare-error");
    p.appendChild(document.createTextNode(Ashyq.t("Белгісіз жер: «") + token + "». "));
    var more = el("span", null, Ashyq.t("Ұқсас атауларды іздеп жатырмыз…"));
    p.appendChild(more);
    loadPlaces().then(function (places) {
      var near = nearest(token, places);
      more.textContent = near.length ? Ashyq.t("Мүмкін, мыналардың бірі: ") : Ashyq.t("Мұндай атаулы аумақ табылмады: оны төмендегі іздеу өрісінен теріп көріңіз.");
      near.forEach(function (place, i) {
        var ids = asked.map(function (id) { return id === token ? place.id : id; })
          .filter(function (id, k, all) { return all.indexOf(id) === k; });
        var a = el("a", null, place.name);
        a.href = placesQuery(ids) || "./";
        a.setAttribute("data-place", place.id);
        if (i) more.appendChild(document.createTextNode(", "));
        more.appendChild(a);
      });
      if (near.length) more.appendChild(document.createTextNode("."));
    }).catch(function () {
      more.textContent = Ashyq.t("Аумақтар тізімі жүктелмеді: бетті қайта ашып көріңіз.");
    });
    return p;
  }

  // ------------------------------------------------------------------ the finder

  var matches = [];

  function showSuggestions() {
    var terms = fold(input.value).trim().split(" ").filter(Boolean);
    suggestions.textContent = "";
    if (!terms.length) { suggestions.hidden = true; return; }
    loadPlaces().then(function (places) {
      if (fold(input.value).trim().split(" ").filter(Boolean).join(" ") !== terms.join(" ")) return;  // typed on
      matches = places.filter(function (p) {
        return chosen.indexOf(p.id) === -1 && terms.every(function (t) { return p.text.indexOf(t) !== -1; });
      }).slice(0, 8);
      suggestions.textContent = "";
      if (!matches.length) {
        suggestions.appendChild(el("li", "ashyq-muted", Ashyq.t("Табылмады")));
      }
      matches.forEach(function (p) {
        var li = el("li");
        var b = el("button", "ashyq-compare-suggestion");
        b.type = "button";
        b.setAttribute("data-place", p.id);
        b.appendChild(el("span", null, p.name));
        var where = [p.kind, p.region].filter(Boolean).join(", ");
        if (where) b.appendChild(el("span", "ashyq-muted", " " + where));
        li.appendChild(b);
        suggestions.appendChild(li);
      });
      suggestions.hidden = false;
    }).catch(function () {
      suggestions.textContent = "";
      suggestions.appendChild(el("li", "ashyq-muted", Ashyq.t("Аумақтар тізімі жүктелмеді")));
      suggestions.hidden = false;
    });
  }

  function add(id) {
    input.value = "";
    suggestions.hidden = true;
    if (chosen.indexOf(id) !== -1) return;
    if (chosen.length >= MAX) {
      say([note(Ashyq.t("Ең көбі ") + MAX + Ashyq.t(" аумақты салыстыруға болады: жаңасын қосу үшін біреуін алып тастаңыз."),
                "ashyq-compare-error")]);
      return;
    }
    go(chosen.concat([id]));
    input.focus();
  }

  function initFinder() {
    input.disabled = false;
    input.addEventListener("focus", function () { loadPlaces(); });
    input.addEventListener("input", showSuggestions);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        if (matches.length && !suggestions.hidden) add(matches[0].id);
      } else if (event.key === "ArrowDown") {
        var first = suggestions.querySelector("button");
        if (first) { event.preventDefault(); first.focus(); }
      } else if (event.key === "Escape") {
        suggestions.hidden = true;
      }
    });
    suggestions.addEventListener("click", function (event) {
      var b = event.target.closest("button[data-place]");
      if (b) add(b.getAttribute("data-place"));
    });
    suggestions.addEventListener("keydown", function (event) {
      var buttons = Array.prototype.slice.call(suggestions.querySelectorAll("button"));
      var i = buttons.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && i < buttons.length - 1) { event.preventDefault(); buttons[i + 1].focus(); }
      if (event.key === "ArrowUp") { event.preventDefault(); (i > 0 ? buttons[i - 1] : input).focus(); }
      if (event.key === "Escape") { suggestions.hidden = true; input.focus(); }
    });
    root.querySelector("[data-compare-finder]").addEventListener("submit", function (e) { e.preventDefault(); });
    chosenList.addEventListener("click", function (event) {
      var b = event.target.closest("button[data-remove]");
      if (!b) return;
      var id = b.getAttribute("data-remove");
      go(chosen.filter(function (c) { return c !== id; }));
    });
    // a suggestion in a message is a link to the corrected choice: follow it in the page
    message.addEventListener("click", function (event) {
      var a = event.target.closest("a[data-place]");
      if (!a || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      history.pushState(null, "", a.href);
      render();
    });
  }

  // ------------------------------------------------------------------ drawing

  function drawChosen(places) {
    chosenList.textContent = "";
    places.forEach(function (doc, i) {
      var li = el("li");
      var swatch = el("span", "ashyq-compare-swatch");
      swatch.style.background = config.colours[i];
      swatch.setAttribute("aria-hidden", "true");
      li.appendChild(swatch);
      var a = el("a", null, doc._label);
      a.href = config.placeUrl + encodeURIComponent(doc.place_id) + "/";
      li.appendChild(a);
      var b = el("button", "ashyq-compare-remove", "×");
      b.type = "button";
      b.setAttribute("data-remove", doc.place_id);
      b.setAttribute("aria-label", Ashyq.t("Алып тастау: ") + doc._label);
      b.title = Ashyq.t("Алып тастау");
      li.appendChild(b);
      chosenList.appendChild(li);
    });
  }

  // An axis of whole numbers up to 4 ticks at every one: plotly's own 0, 0.5, 1 printed as
  // integers read "0, 1, 1". values[i][k]: a chart's or a panel's bars (null: none).
  function wholeTick(integer, values) {
    var most = 0;
    values.forEach(function (row) { row.forEach(function (v) { if (v != null) most = Math.max(most, v); }); });
    return integer && most <= 4 ? 1 : undefined;
  }

  // a grouped bar chart: one series per place over `labels`; values[i][k] is place i's at label
  // k. Where the labels do not fit side by side under their bars (the programmes' five
  // indicators ran into each other on a phone), the bars lie on their side, a label beside each.
  function barChart(id, alt, labels, places, values, axisTitle, options) {
    options = options || {};
    var fig = el("figure", "ashyq-chart-figure");
    var box = el("div", "ashyq-chart");
    box.id = id;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", alt);
    var x = labels.map(function (l) { return plain(l).replace(/\n/g, "<br>"); });
    var slot = (document.getElementById("compare").clientWidth - 80) / labels.length;
    var lines = labels.map(function (l) { return String(l).split("\n"); });
    var side = lines.some(function (ls) { return ls.some(function (line) { return textWidth(line) > slot - 8; }); });
    var valueAxis = { automargin: true, rangemode: "tozero", title: { text: plain(axisTitle) },
                      autorange: options.reversed ? "reversed" : true, tickformat: options.integer ? ",d" : "",
                      dtick: wholeTick(options.integer, values) };
    // on its side: the first label on top, each as tall as its bars or its lines
    var labelAxis = side ? { type: "category", automargin: true, autorange: "reversed" }
                         : { type: "category", automargin: true, tickangle: 0 };
    var rows = lines.map(function (ls) { return Math.max(15 * ls.length, 22 * places.length) + 16; });
    box._spec = {
      data: places.map(function (doc, i) {
        var name = plain(doc._label);
        return side ? {
          type: "bar", orientation: "h", name: name, x: values[i], y: x, marker: { color: config.colours[i] },
          hovertemplate: "%{y}<br>" + name + ": %{x}<extra></extra>"
        } : {
          type: "bar", name: name, x: x, y: values[i], marker: { color: config.colours[i] },
          hovertemplate: "%{x}<br>" + name + ": %{y}<extra></extra>"
        };
      }),
      layout: {
        template: {}, barmode: "group", separators: config.number.decimal + config.number.group,
        height: side ? 130 + rows.reduce(function (a, b) { return a + b; }, 0) : 340,
        margin: { l: 10, r: 10, t: 10, b: 10 }, font: { family: "inherit" },
        legend: side ? { orientation: "h", x: 0, y: 1, yanchor: "bottom" }
                     : { orientation: "h", x: 0, y: -0.25, yanchor: "top" },
        xaxis: side ? valueAxis : labelAxis,
        yaxis: side ? labelAxis : valueAxis
      }
    };
    fig.appendChild(box);
    fig.appendChild(el("figcaption", null, alt));
    actions(fig, box, alt, config.columns.bars.concat([axisTitle]), places);
    return fig;
  }

  // a chart's downloads (chart-actions.js): its sentence as the title, the page's address (it
  // names the places) in the source line
  function actions(fig, box, title, columns, places) {
    if (!window.Ashyq.addChartActions) return;
    window.Ashyq.addChartActions(fig, box, {
      title: title, credit: config.credit + " · " + location.href, columns: columns,
      file: box.id.replace(/^chart-/, "") + "-" + places.map(function (d) { return d.place_id; }).join("-")
    });
  }

  function table(caption, headers, rows) {
    var wrap = el("div", "ashyq-compare-table");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", caption);
    wrap.tabIndex = 0;  // a table wider than a phone scrolls: the keyboard can scroll it too
    var t = el("table");
    t.appendChild(el("caption", null, caption));
    var thead = el("thead"), tr = el("tr");
    headers.forEach(function (h) { var th = el("th", null, h); th.scope = "col"; tr.appendChild(th); });
    thead.appendChild(tr);
    t.appendChild(thead);
    var tbody = el("tbody");
    rows.forEach(function (cells) {
      var row = el("tr");
      cells.forEach(function (c, i) {
        var cell = el(i === 0 ? "th" : "td", null, c);
        if (i === 0) cell.scope = "row";
        row.appendChild(cell);
      });
      tbody.appendChild(row);
    });
    t.appendChild(tbody);
    wrap.appendChild(t);
    return wrap;
  }

  function section(id, title) {
    var s = el("section", "ashyq-compare-section");
    s.id = id;
    s.appendChild(el("h2", null, title));
    return s;
  }

  function names(places) { return places.map(function (d) { return d._label; }); }

  function yearText(year) { return year == null ? Ashyq.t("жылы көрсетілмеген") : String(year); }

  // (year, category) keys of quota figures and of quotas set by rule: newest year first
  function quotaKeys(places) {
    var keys = {}, list = [];
    places.forEach(function (doc) {
      doc.quotas.concat(doc.quota_rules).forEach(function (q) {
        var k = yearText(q.year) + "|" + q.category;
        if (!keys[k]) { keys[k] = true; list.push({ year: q.year, category: q.category }); }
      });
    });
    list.sort(function (a, b) {
      var ya = a.year == null ? -1e4 : a.year, yb = b.year == null ? -1e4 : b.year;
      return yb - ya || position(CATEGORY, a.category) - position(CATEGORY, b.category);
    });
    return list;
  }

  function find(list, year, category) {
    for (var i = 0; i < list.length; i++) {
      if (list[i].year === year && list[i].category === category) return list[i];
    }
    return null;
  }

  function keyLabel(k) { return yearText(k.year) + " · " + (CATEGORY.short[k.category] || k.category); }

  // One panel per category (in the schema's order), its years oldest first: values[i][k] is
  // place i's `value` of the year k; a year without a list row in a place has no bar.
  function quotaPanels(places, keys, value) {
    var panels = [];
    config.labels.category.forEach(function (c) {
      var years = keys.filter(function (k) { return k.category === c[0]; })
        .map(function (k) { return k.year; }).sort(function (a, b) { return a - b; });
      if (!years.length) return;
      panels.push({
        title: c[1], x: years.map(yearText),
        values: places.map(function (d) {
          return years.map(function (y) { var q = find(d.quotas, y, c[0]); return q ? value(q) : null; });
        })
      });
    });
    return panels;
  }

  // Small multiples: a panel of grouped bars per entry of `panels` ({title, x, values}), one
  // series per place across them (one legend entry each), stacked one above the other.
  function panelChart(id, alt, panels, places, axisTitle, options) {
    options = options || {};
    var n = panels.length, gap = n > 1 ? 0.12 / (n - 1) * Math.min(n - 1, 3) / 3 + 0.06 : 0;
    var height = (1 - gap * (n - 1)) / n;
    // Margins set here, not by plotly's automargin: automargin measures every tick label and
    // draws the chart a second time, about 0.2 s of the compare page's first chart (issue 17.2).
    // The widest y tick is about the widest value (digits ≈ 8 px at plotly's 12 px font).
    var widest = 0;
    panels.forEach(function (panel) {
      panel.values.forEach(function (row) {
        row.forEach(function (v) { if (v != null) widest = Math.max(widest, number(Math.ceil(v)).length); });
      });
    });
    var left = 16 + 8 * (widest + (options.integer ? 0 : 2)) + (n === 1 ? 22 : 0);
    // each panel's title in lines that fit above its plot (the chart is as wide as the page's
    // column); the first panel's lines set the top margin, the others stand in the gap
    var width = document.getElementById("compare").clientWidth - left - 10;
    var titles = panels.map(function (panel) { return wrapTitle(panel.title, Math.max(width, 120)); });
    var layout = {
      template: {}, barmode: "group", height: 110 + 210 * n + 15 * (titles[0].length - 1),
      separators: config.number.decimal + config.number.group,
      margin: { l: left, r: 10, t: 9 + 15 * titles[0].length, b: 28 }, font: { family: "inherit" },
      legend: { orientation: "h", x: 0, y: -0.04 - 0.2 / n, yanchor: "top" }, annotations: []
    };
    var data = [];
    panels.forEach(function (panel, k) {
      var suffix = k ? String(k + 1) : "";
      var top = 1 - k * (height + gap);
      layout["xaxis" + suffix] = { type: "category", automargin: false, anchor: "y" + suffix,
                                   gridcolor: "rgba(128,128,128,0.25)" };
      layout["yaxis" + suffix] = { domain: [Math.max(0, top - height), top], anchor: "x" + suffix, automargin: false,
                                   rangemode: "tozero", tickformat: options.integer ? ",d" : "",
                                   dtick: wholeTick(options.integer, panel.values),
                                   gridcolor: "rgba(128,128,128,0.25)",
                                   title: { text: n === 1 ? plain(axisTitle) : "" } };
      layout.annotations.push({ text: "<b>" + titles[k].map(plain).join("<br>") + "</b>", xref: "paper",
                                yref: "paper", x: 0, y: top, xanchor: "left", yanchor: "bottom", align: "left",
                                showarrow: false });
      places.forEach(function (doc, i) {
        var name = plain(doc._label);
        data.push({
          type: "bar", name: name, legendgroup: doc.place_id, showlegend: k === 0, x: panel.x, y: panel.values[i],
          meta: [panel.title, doc._label],  // the CSV's labels (chart-actions.js)
          xaxis: "x" + suffix, yaxis: "y" + suffix, marker: { color: config.colours[i] },
          hovertemplate: plain(panel.title) + ", %{x}<br>" + name + ": %{y}<extra></extra>"
        });
      });
    });
    var fig = el("figure", "ashyq-chart-figure");
    var box = el("div", "ashyq-chart");
    box.id = id;
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", alt);
    box._spec = { data: data, layout: layout };
    fig.appendChild(box);
    fig.appendChild(el("figcaption", null, alt));
    actions(fig, box, alt, config.columns.panels.concat([axisTitle]), places);
    return fig;
  }

  function drawQuotas(places, out, charts) {
    var keys = quotaKeys(places);
    var s = section("compare-quotas", Ashyq.t("Квоталар: жыл мен санат бойынша"));
    var s2 = section("compare-per-organization", Ashyq.t("Бір ұйымға келетін жұмыс орны"));
    out.appendChild(s);
    out.appendChild(s2);
    if (!keys.length) {
      s.appendChild(note(Ashyq.t("Таңдалған аумақтарда квота туралы дерек жоқ.")));
      s2.hidden = true;
      return;
    }
    var numeric = keys.filter(function (k) {
      return places.some(function (d) { return find(d.quotas, k.year, k.category); });
    });
    if (numeric.length) {
      var jobs = quotaPanels(places, numeric, function (q) { return q.jobs; });
      var per = quotaPanels(places, numeric, function (q) { return perOrganization(q.jobs, q.organizations); });
      var fig = panelChart("chart-compare-jobs", Ashyq.t("Квоталық жұмыс орындары, санат пен жыл бойынша: ") +
                           names(places).join(", ") + Ashyq.t(" (аумақтың өзі және оның ішіндегі аудандар мен қалалар)"),
                           jobs, places, Ashyq.t("Жұмыс орындары"), { integer: true });
      s.appendChild(fig);
      charts.push(fig.querySelector(".ashyq-chart"));
      var fig2 = panelChart("chart-compare-per-organization", Ashyq.t("Бір ұйымға келетін квоталық жұмыс орны, санат пен ") +
                            Ashyq.t("жыл бойынша: ") + names(places).join(", "), per, places, Ashyq.t("Жұмыс орны / ұйым"));
      s2.appendChild(fig2);
      charts.push(fig2.querySelector(".ashyq-chart"));
    } else {
      s2.hidden = true;
    }
    var rules = places.some(function (d) { return d.quota_rules.length; });
    if (rules) {
      s.appendChild(note(Ashyq.t("«Ережемен»: бұл жылы мен санатта тізім жоқ, квотаны актінің ережесі белгілейді ") +
                         Ashyq.t("(пайызы ұйымның жұмыскерлер санына қарай); нөл емес.")));
    }
    s.appendChild(table(Ashyq.t("Квоталық жұмыс орындары мен ұйымдар"), [Ashyq.t("Жыл · санат")].concat(names(places)),
      keys.map(function (k) {
        return [keyLabel(k)].concat(places.map(function (d) {
          var q = find(d.quotas, k.year, k.category);
          if (q) return Ashyq.tn("%(n)s жұмыс орны", "%(n)s жұмыс орны", q.jobs, { n: number(q.jobs) }) + ", " + Ashyq.tn("%(n)s ұйым", "%(n)s ұйым", q.organizations, { n: number(q.organizations) });
          var r = find(d.quota_rules, k.year, k.category);
          if (r) return r.text_kk + (r.repealed ? Ashyq.t(" (акт күшін жойған)") : "");
          return Ashyq.t("дерек жоқ");
        }));
      })));
    if (numeric.length) {
      s2.appendChild(table(Ashyq.t("Бір ұйымға келетін жұмыс орны"), [Ashyq.t("Жыл · санат")].concat(names(places)),
        numeric.map(function (k) {
          return [keyLabel(k)].concat(places.map(function (d) {
            var q = find(d.quotas, k.year, k.category);
            return q ? number(perOrganization(q.jobs, q.organizations), 2) : Ashyq.t("дерек жоқ");
          }));
        })));
    }
  }

  function drawRatings(places, out, charts) {
    var s = section("compare-ratings", Ashyq.t("Жұмыспен қамту орталықтарының рейтингі"));
    out.appendChild(s);
    var keys = {}, list = [];
    places.forEach(function (d) {
      d.ratings.forEach(function (r) {
        var k = r.rating_id + "|" + r.kind;
        if (!keys[k]) { keys[k] = true; list.push(r); }
      });
    });
    if (!list.length) {
      s.appendChild(note(Ashyq.t("Таңдалған аумақтардың жұмыспен қамту орталықтары рейтингте жоқ (облыстың өз орталығы ") +
                         Ashyq.t("бағаланбайды: оның аудандары мен қалаларын қосыңыз).")));
      return;
    }
    list.sort(function (a, b) {
      return (b.year || 0) - (a.year || 0) || position(RATING_KIND, a.kind) - position(RATING_KIND, b.kind);
    });
    function label(r) { return yearText(r.year) + " · " + (RATING_KIND.short[r.kind] || r.kind); }
    function of(d, r) {
      for (var i = 0; i < d.ratings.length; i++) {
        if (d.ratings[i].rating_id === r.rating_id && d.ratings[i].kind === r.kind) return d.ratings[i];
      }
      return null;
    }
    var fig = barChart("chart-compare-ratings", Ashyq.t("Рейтингтегі орны (1 — ең жақсы): ") + names(places).join(", "),
      list.map(label), places, places.map(function (d) {
        return list.map(function (r) { var x = of(d, r); return x ? x.rank : null; });
      }), Ashyq.t("Орны (1 — ең жақсы)"), { reversed: true, integer: true });
    s.appendChild(fig);
    charts.push(fig.querySelector(".ashyq-chart"));
    s.appendChild(table(Ashyq.t("Рейтингтегі орны мен индексі"), [Ashyq.t("Рейтинг")].concat(names(places)), list.map(function (r) {
      return [label(r)].concat(places.map(function (d) {
        var x = of(d, r);
        if (!x) return Ashyq.t("рейтингте жоқ");
        return x.rank + Ashyq.t("-орын / ") + x.of + (x.region_rank != null ? Ashyq.t("; облыста ") + x.region_rank + "/" + x.region_of : "") +
          (x.index != null ? Ashyq.t("; индекс ") + number(x.index, 2) : "");
      }));
    })));
  }

  function drawPrograms(places, out, charts) {
    var s = section("compare-programs", Ashyq.t("Бағдарламалардағы межелер"));
    out.appendChild(s);
    var keys = {}, list = [];
    function targets(d) {
      var all = [];
      d.programs.forEach(function (p) { all = all.concat(p.targets); });
      return all;
    }
    places.forEach(function (d) {
      targets(d).forEach(function (t) {
        var k = t.year + "|" + t.indicator;
        if (!keys[k]) { keys[k] = true; list.push(t); }
      });
    });
    if (!list.length) {
      s.appendChild(note(Ashyq.t("Таңдалған аумақтардың жұмыспен қамту бағдарламаларында межелер жоқ.")));
      return;
    }
    list.sort(function (a, b) {
      return a.year - b.year || position(INDICATOR, a.indicator) - position(INDICATOR, b.indicator);
    });
    function value(d, k) {
      var sum = null;
      targets(d).forEach(function (t) {
        if (t.year === k.year && t.indicator === k.indicator && t.value != null) sum = (sum || 0) + t.value;
      });
      return sum;
    }
    function label(k) { return k.year + " · " + (INDICATOR.short[k.indicator] || k.indicator); }
    // the chart shows the newest year of the targets (every indicator side by side); the table every year
    var newest = list[list.length - 1].year;
    var shown = list.filter(function (k) { return k.year === newest; });
    var fig = barChart("chart-compare-programs", Ashyq.t("Бағдарламалардағы межелер, ") + newest + Ashyq.t(" жыл, адам: ") +
      names(places).join(", "), shown.map(function (k) { return wrap(INDICATOR.short[k.indicator] || k.indicator, 18); }),
      places, places.map(function (d) { return shown.map(function (k) { return value(d, k); }); }),
      Ashyq.t("Адам"), { integer: true });
    s.appendChild(fig);
    charts.push(fig.querySelector(".ashyq-chart"));
    s.appendChild(table(Ashyq.t("Бағдарламалардағы межелер, адам"), [Ashyq.t("Жыл · көрсеткіш")].concat(names(places)), list.map(function (k) {
      return [label(k)].concat(places.map(function (d) {
        var v = value(d, k);
        return v == null ? Ashyq.t("дерек жоқ") : number(v);
      }));
    })));
  }

  function drawResults(places) {
    results.textContent = "";
    if (!places.length) { results.hidden = true; return; }
    var charts = [];
    var out = document.createDocumentFragment();
    drawQuotas(places, out, charts);
    drawRatings(places, out, charts);
    drawPrograms(places, out, charts);
    results.appendChild(out);
    results.hidden = false;
    drawInTurn(charts);
  }

  // One chart at a time, each in a task of its own: plotly draws synchronously, and drawn
  // together the first chart would appear only when the last is done (issue 17.2: the first
  // chart ≤ 1 s after load).
  function drawInTurn(charts) {
    if (!charts.length) return;
    var chart = charts[0];
    window.Ashyq.drawChart(chart);
    var watch = new MutationObserver(function () {
      if (!chart.hasAttribute("data-ready") && !chart.hasAttribute("data-error")) return;
      watch.disconnect();
      setTimeout(function () { drawInTurn(charts.slice(1)); }, 0);
    });
    watch.observe(chart, { attributes: true, attributeFilter: ["data-ready", "data-error"] });
  }

  // ------------------------------------------------------------------ the page from its URL

  // each place's name on the page; two of one name ("Абай ауданы") with their region's
  function label(places) {
    var count = {};
    // the name in the page's language (a document names a place in kk, ru and en)
    var lang = document.documentElement.lang;
    places.forEach(function (d) { d._name = d.names[lang] || d.names.kk; });
    places.forEach(function (d) { count[d._name] = (count[d._name] || 0) + 1; });
    places.forEach(function (d) {
      var region = d.parents.length ? d.parents[d.parents.length - 1].name_kk : "";
      d._label = count[d._name] > 1 && region ? d._name + " (" + region + ")" : d._name;
    });
  }

  function render() {
    var token = ++drawing;
    var asked = fromUrl();
    var ids = asked.ids;
    var notes = [];
    if (ids.length > MAX) {
      notes.push(note(Ashyq.tn("Сілтемеде %(n)s аумақ бар,", "Сілтемеде %(n)s аумақ бар,", ids.length, { n: ids.length }) + " " +
                      Ashyq.tn("ал ең көбі %(n)s аумақты салыстыруға болады: алғашқы %(n)s аумақ көрсетілді.", "ал ең көбі %(n)s аумақты салыстыруға болады: алғашқы %(n)s аумақ көрсетілді.", MAX, { n: MAX }),
                      "ashyq-compare-error"));
      ids = ids.slice(0, MAX);
    }
    // ids the site does not know are never fetched (no 404 in the reader's console): the
    // finder's list says which have a document; without the list, every id is tried
    var known = ids.length ? loadPlaces().then(function (places) {
      var have = {};
      places.forEach(function (p) { have[p.id] = true; });
      return ids.map(function (id) { return have[id] ? loadDoc(id) : null; });
    }, function () { return ids.map(loadDoc); }) : Promise.resolve([]);
    known.then(function (docs) { return Promise.all(docs); }).then(function (found) {
      if (token !== drawing) return;
      var places = [], unknown = [];
      found.forEach(function (doc, i) { if (doc) places.push(doc); else unknown.push(ids[i]); });
      unknown.forEach(function (id) { notes.push(unknownMessage(id, ids)); });
      if (asked.given && !asked.ids.length) {
        notes.push(note(Ashyq.t("Сілтемеде аумақ көрсетілмеген: салыстыру үшін төмендегі өріске екі-төрт аумақтың атауын теріңіз."),
                        "ashyq-compare-error"));
      } else if (!places.length && !unknown.length) {
        notes.push(note(Ashyq.t("Салыстыру үшін екі-төрт аумақ таңдаңыз: атауын теріп, тізімнен басыңыз.")));
      } else if (places.length === 1) {
        notes.push(note(Ashyq.t("Салыстыру үшін тағы бір аумақ қосыңыз.")));
      }
      label(places);
      chosen = places.map(function (d) { return d.place_id; });
      say(notes);
      drawChosen(places);
      drawResults(places);
      root.setAttribute("data-ready", "true");
    });
  }

  function init() {
    // places named in the link: plotly.js (the largest file) comes while their documents do
    if (fromUrl().ids.length) window.Ashyq.loadPlotly().catch(function () {});
    initFinder();
    window.addEventListener("popstate", render);
    render();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
