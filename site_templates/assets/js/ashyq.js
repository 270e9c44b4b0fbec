/* Ashyq.fold: the one folding of text for every search box of the site (the home page's
 * box, the places filter, the plain-table filters, the quotas explorer): lower case, one
 * space between words, and the Kazakh letters with their nearest Russian ones (ә→а, і→и,
 * қ→к, ң→н, ғ→г, ө→о, ұ, ү→у, һ→х) and ё→е, so «Қазталов» finds «Казталовка ауданы» and
 * «Бөрли» finds «Бөрлі». Place names are searched with all their names and aliases
 * (ashyq/model.py Model.keywords), so «Уральск» finds «Орал». */
/* Ashyq.t: an interface text of the scripts in the page's language. The text is written in
 * Kazakh (the catalogues' msgid, ashyq/locale); a Russian or English page loads
 * assets/js/messages-<lang>.js first, which holds the translations; %(name)s is filled
 * from `values`; Ashyq.tn(singular, plural, n, values) is a text with a count. */
(function () {
  "use strict";
  var messages = window.AshyqMessages || {};
  window.Ashyq = window.Ashyq || {};
  function fill(out, values) {
    return values ? out.replace(/%\((\w+)\)s/g, function (m, k) { return k in values ? String(values[k]) : m; }) : out;
  }
  window.Ashyq.t = function (text, values) {
    var out = Object.prototype.hasOwnProperty.call(messages, text) ? messages[text] : text;
    return fill(typeof out === "string" ? out : out[0], values);
  };
  /* Ashyq.tn: a text with a count `n`, in the form the page's language uses for it (the
   * catalogue's forms, picked by its Plural-Forms rule, window.AshyqPlural); Kazakh has one
   * form, the singular. */
  window.Ashyq.tn = function (singular, plural, n, values) {
    var out = Object.prototype.hasOwnProperty.call(messages, singular) ? messages[singular] : singular;
    if (typeof out !== "string") {
      var i = window.AshyqPlural ? window.AshyqPlural(Math.abs(Number(n)) || 0) : 0;
      out = out[Math.min(i, out.length - 1)];
    }
    return fill(out, values);
  };
})();

(function () {
  "use strict";
  var LETTERS = { "ә": "а", "і": "и", "қ": "к", "ң": "н", "ғ": "г", "ө": "о", "ұ": "у", "ү": "у",
                  "һ": "х", "ё": "е" };
  var FOLDED = /[әіқңғөұүһё]/g;
  function letter(c) { return LETTERS[c]; }
  function fold(text) {
    return String(text == null ? "" : text).toLocaleLowerCase("kk").replace(FOLDED, letter)
      .replace(/\s+/g, " ");
  }
  window.Ashyq = window.Ashyq || {};
  window.Ashyq.fold = fold;
})();

/* Ashyq.save: a file the page made (a Blob) saved under `name`, as a download link would:
 * the explorer's filtered rows, a data page's CSV for Excel and JSON (convert.js). */
(function () {
  "use strict";
  window.Ashyq.save = function (blob, name) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  };
})();

/* Ashyq.whenVisible: `start(el)` once for each of `elements` when it comes within `margin`
 * px of the screen (at once in a browser without IntersectionObserver): a page's charts
 * (below) and maps (map.js) fetch and draw nothing until a reader gets near them. */
(function () {
  "use strict";
  window.Ashyq.whenVisible = function (elements, start, margin) {
    if (!elements.length) return;
    if (!("IntersectionObserver" in window)) { elements.forEach(start); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        start(entry.target);
      });
    }, { rootMargin: margin + "px 0px" });
    elements.forEach(function (el) { observer.observe(el); });
  };
})();

/* Ashyq Derek: charts (plotly.js, self-hosted, loaded when a chart comes near the screen) and
 * the small enhancements of plain pages below. The quotas explorer is explorer.js.
 * No request leaves the site. */
(function () {
  "use strict";

  var PLOTLY_KK = {
    moduleType: "locale",
    name: "kk",
    dictionary: {
      "Download plot as a PNG": Ashyq.t("Суретті PNG ретінде жүктеу"),
      "Download plot as a png": Ashyq.t("Суретті PNG ретінде жүктеу"),
      "Download plot": Ashyq.t("Суретті жүктеу"),
      "Zoom": Ashyq.t("Масштаб"), "Pan": Ashyq.t("Жылжыту"), "Box Select": Ashyq.t("Тіктөртбұрышпен таңдау"),
      "Lasso Select": Ashyq.t("Лассомен таңдау"), "Zoom in": Ashyq.t("Үлкейту"), "Zoom out": Ashyq.t("Кішірейту"),
      "Autoscale": Ashyq.t("Автомасштаб"), "Reset axes": Ashyq.t("Осьтерді қалпына келтіру"),
      "Reset view": Ashyq.t("Көріністі қалпына келтіру"),
      "Toggle Spike Lines": Ashyq.t("Көмекші сызықтарды қосу/өшіру"),
      "Show closest data on hover": Ashyq.t("Ең жақын мәнді көрсету"),
      "Compare data on hover": Ashyq.t("Мәндерді салыстыру"),
      "Produced with Plotly.js": Ashyq.t("Plotly.js арқылы жасалған"),
      "Double-click to zoom back out": Ashyq.t("Кішірейту үшін екі рет басыңыз"),
      "Snapshot succeeded": Ashyq.t("Сурет сақталды"),
      "Taking snapshot - this may take a few seconds": Ashyq.t("Сурет жасалуда…")
    },
    format: {
      days: [Ashyq.t("Жексенбі"), Ashyq.t("Дүйсенбі"), Ashyq.t("Сейсенбі"), Ashyq.t("Сәрсенбі"), Ashyq.t("Бейсенбі"), Ashyq.t("Жұма"), Ashyq.t("Сенбі")],
      shortDays: [Ashyq.t("Жс"), Ashyq.t("Дс"), Ashyq.t("Сс"), Ashyq.t("Ср"), Ashyq.t("Бс"), Ashyq.t("Жм"), Ashyq.t("Сб")],
      months: [Ashyq.t("Қаңтар"), Ashyq.t("Ақпан"), Ashyq.t("Наурыз"), Ashyq.t("Сәуір"), Ashyq.t("Мамыр"), Ashyq.t("Маусым"), Ashyq.t("Шілде"), Ashyq.t("Тамыз"),
               Ashyq.t("Қыркүйек"), Ashyq.t("Қазан"), Ashyq.t("Қараша"), Ashyq.t("Желтоқсан")],
      shortMonths: [Ashyq.t("Қаң"), Ashyq.t("Ақп"), Ashyq.t("Нау"), Ashyq.t("Сәу"), Ashyq.t("Мам"), Ashyq.t("Мау"), Ashyq.t("Шіл"), Ashyq.t("Там"), Ashyq.t("Қыр"), Ashyq.t("Қаз"), Ashyq.t("Қар"), Ashyq.t("Жел")],
      date: "%d.%m.%Y", decimal: ",", thousands: " "
    }
  };

  function chartColours(forPaper) {
    // paper is white whatever the screen's scheme (browsers do not print backgrounds)
    var dark = !forPaper && document.body.getAttribute("data-md-color-scheme") === "slate";
    return {
      "font.color": dark ? "#e2e4e9" : "#1f2328",
      "xaxis.gridcolor": dark ? "#3a3f4b" : "#e1e4e8",
      "yaxis.gridcolor": dark ? "#3a3f4b" : "#e1e4e8",
      "paper_bgcolor": "rgba(0,0,0,0)",
      "plot_bgcolor": "rgba(0,0,0,0)"
    };
  }

  function unfocusable(root) {
    root.querySelectorAll("button, a[href], [tabindex]").forEach(function (b) { b.tabIndex = -1; });
  }

  function initChart(el) {
    // a chart made in the browser (compare.js) carries its spec as a property
    var spec = el._spec || JSON.parse(el.querySelector("script").textContent);
    var plot = document.createElement("div");
    plot.setAttribute("aria-hidden", "true");  // the figure's aria-label and data table describe it
    el.appendChild(plot);
    if (printing) plot.style.width = printWidth(el) + "px";  // drawn for paper straight away
    Plotly.newPlot(plot, spec.data, spec.layout, {
      // showSendToCloud: plotly.js 4 offers "Share chart", an upload to Plotly Cloud
      locale: "kk", displaylogo: false, responsive: true, showSendToCloud: false
    }).then(function () {
      // The plot is aria-hidden (the chart's label and data table describe it):
      // its mouse-only toolbar must not take the keyboard focus either.
      plot.on("plotly_afterplot", function () { unfocusable(plot); });
      unfocusable(plot);
      Plotly.relayout(plot, chartColours());
      if (printing) fitForPrint(el);
      el.setAttribute("data-ready", "true");
    });
    el._plot = plot;
  }

  // plotly.js is the heaviest file of the site (~400 KB gzip): it is fetched only when a
  // chart comes near the screen, so a page whose charts are below the fold stays light.
  var PLOTLY_URL = new URL("../vendor/plotly/plotly-basic.min.js",
                           (document.currentScript && document.currentScript.src) || document.baseURI).href;
  var plotlyLoading = null;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve();
    if (!plotlyLoading) {
      plotlyLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = PLOTLY_URL;
        script.onload = function () { Plotly.register(PLOTLY_KK); resolve(); };
        script.onerror = function () { reject(new Error("plotly.js: " + PLOTLY_URL)); };
        document.head.appendChild(script);
      });
    }
    return plotlyLoading;
  }

  function startChart(el) {
    if (el._started) return;
    el._started = true;
    // drawn at once when plotly.js is here: a print must not wait for a promise
    if (window.Plotly) { initChart(el); return; }
    loadPlotly().then(function () { initChart(el); }).catch(function (err) {
      el.setAttribute("data-error", err.message);
    });
  }

  // for scripts that make charts after the page has loaded (compare.js): draw one now, or
  // fetch plotly.js ahead while their data is still on its way; the maps (map.js) draw with
  // the same plotly.js, loaded once
  window.Ashyq.drawChart = startChart;
  window.Ashyq.loadPlotly = loadPlotly;

  // Printing or saving as PDF: charts below the fold were never drawn, so the paper would
  // get empty boxes. Draw every chart when printing starts, at a width that fits the paper
  // (A4 or Letter with the browser's margins), and give them back their screen width after.
  // When plotly.js is already loaded (a chart was near the screen) the drawing is done
  // before the print layout; otherwise it arrives after it, and the print CSS hides a chart
  // that is not drawn yet: its data table beside it is printed instead.
  var PRINT_WIDTH = 680;
  var printing = false;

  function printWidth(el) {
    return Math.min(PRINT_WIDTH, el.clientWidth || PRINT_WIDTH);
  }

  function fitForPrint(el) {
    if (!el._plot || !el._plot.layout) return;
    // The width goes to the plot's box, not to its layout: the layout keeps no fixed width,
    // so autosize (and `responsive`) give the chart back its screen width after printing.
    el._plot.style.width = printWidth(el) + "px";
    var update = chartColours(true);
    update.autosize = true;
    Plotly.relayout(el._plot, update);
  }

  function beforePrint() {
    if (printing) return;
    printing = true;
    document.querySelectorAll(".ashyq-chart").forEach(function (el) {
      if (el._plot) fitForPrint(el);
      else startChart(el);
    });
  }

  function afterPrint() {
    if (!printing) return;
    printing = false;
    document.querySelectorAll(".ashyq-chart").forEach(function (el) {
      if (!el._plot || !el._plot.layout) return;
      el._plot.style.width = "";
      var update = chartColours();
      update.autosize = true;
      Plotly.relayout(el._plot, update);
    });
  }

  function initPrint() {
    if (!document.querySelector(".ashyq-chart")) return;
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
    // Some browsers (older Safari) only tell a print through the print media query
    var print = window.matchMedia && window.matchMedia("print");
    if (print && print.addEventListener) {
      print.addEventListener("change", function (e) { if (e.matches) beforePrint(); else afterPrint(); });
    }
  }

  function init() {
    if (window.Plotly) Plotly.register(PLOTLY_KK);
    window.Ashyq.whenVisible(document.querySelectorAll(".ashyq-chart"), startChart, 100);
    initPrint();
    // Re-colour charts when the reader switches between the light and dark scheme.
    new MutationObserver(function () {
      document.querySelectorAll(".ashyq-chart").forEach(function (el) {
        if (el._plot) Plotly.relayout(el._plot, chartColours());
      });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Sources pages (views/sources.py): highlight the lines named in the URL hash, "#L54-L72" or
 * "#L57", and scroll the first into view; clicking a line number links to that line
 * (Shift+click: the range from the line already chosen). */
(function () {
  "use strict";
  var HASH = /^#L(\d+)(?:-L(\d+))?$/;

  function highlight() {
    var pre = document.getElementById("source-text");
    if (!pre) return;
    pre.querySelectorAll(".ashyq-hl").forEach(function (el) { el.classList.remove("ashyq-hl"); });
    var m = HASH.exec(location.hash);
    if (!m) return;
    var first = parseInt(m[1], 10), last = m[2] ? parseInt(m[2], 10) : first;
    if (last < first) { var t = first; first = last; last = t; }
    var start = null;
    for (var n = first; n <= last; n++) {
      var line = document.getElementById("L" + n);
      if (!line) break;
      line.classList.add("ashyq-hl");
      if (!start) start = line;
    }
    if (start) start.scrollIntoView({ block: "start" });
  }

  function onClick(event) {
    var line = event.target.closest && event.target.closest("#source-text > span[id]");
    if (!line) return;
    // only clicks on the number gutter (the padding left of the text) pick a line
    var gutter = parseFloat(getComputedStyle(line).paddingLeft) || 0;
    if (event.clientX - line.getBoundingClientRect().left > gutter) return;
    var n = line.id.slice(1);
    var m = HASH.exec(location.hash);
    var hash = "#L" + n;
    if (event.shiftKey && m) {
      var a = parseInt(m[1], 10), b = parseInt(n, 10);
      hash = "#L" + Math.min(a, b) + "-L" + Math.max(a, b);
    }
    history.replaceState(null, "", hash);
    highlight();
  }

  // The Russian and English sites' source pages: the text is the file's (data as printed, one
  // copy for the three sites, issue 18): lines data-first..data-last of data-text-from.
  function fillText(pre) {
    var url = pre.getAttribute("data-text-from");
    var first = parseInt(pre.getAttribute("data-first"), 10), last = parseInt(pre.getAttribute("data-last"), 10);
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.text();
    }).then(function (text) {
      var parts = text.split("\n");  // a line ends at "\n" only, with it (views/sources.py split_lines)
      var lines = parts.slice(0, -1).map(function (p) { return p + "\n"; });
      if (parts[parts.length - 1]) lines.push(parts[parts.length - 1]);
      var out = document.createDocumentFragment();
      for (var n = first; n <= last && n <= lines.length; n++) {
        var span = document.createElement("span");
        span.id = "L" + n;
        span.textContent = lines[n - 1];
        out.appendChild(span);
      }
      pre.appendChild(out);
      var note = document.querySelector(".ashyq-text-elsewhere");
      if (note) note.hidden = true;
    });
  }

  function init() {
    var pre = document.getElementById("source-text");
    if (!pre) return;
    pre.addEventListener("click", onClick);
    window.addEventListener("hashchange", highlight);
    if (pre.hasAttribute("data-text-from")) {
      fillText(pre).then(highlight).catch(function (err) {
        console.warn("ashyq: the text is on the Kazakh page (" + err.message + ")");
      });
    } else {
      highlight();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Programme and rating pages: a search box over a plain server-rendered table
 * (input.ashyq-plain-filter[data-table]); rows that do not hold every typed word are hidden. */
(function () {
  "use strict";

  var norm = window.Ashyq.fold;

  function initPlainFilter(input) {
    var table = document.getElementById(input.getAttribute("data-table"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return norm(row.textContent); });
    var count = document.getElementById(input.getAttribute("data-table") + "-count");
    input.addEventListener("input", function () {
      var terms = norm(input.value).split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var hit = terms.every(function (t) { return texts[i].indexOf(t) !== -1; });
        row.hidden = !hit;
        if (hit) shown++;
      });
      if (count) count.textContent = Ashyq.tn("%(shown)s / %(total)s жол", "%(shown)s / %(total)s жол", rows.length, { shown: shown, total: rows.length });
    });
  }

  function init() {
    document.querySelectorAll("input.ashyq-plain-filter[data-table]").forEach(initPlainFilter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Places index: the filter box hides the places whose names (official, Russian, English,
 * aliases) do not contain every typed word; a region whose own name matches keeps all its
 * places. */
(function () {
  "use strict";
  var normalize = window.Ashyq.fold;
  function initPlacesFilter(input) {
    var box = document.getElementById(input.getAttribute("data-filter"));
    var count = document.getElementById(input.id + "-count");
    if (!box) return;
    var groups = Array.prototype.slice.call(box.querySelectorAll("[data-filter-group]"));
    function matches(el, terms) {
      var text = normalize(el.getAttribute("data-filter-text") + " " + el.textContent);
      return terms.every(function (t) { return text.indexOf(t) !== -1; });
    }
    function apply() {
      var terms = normalize(input.value).split(" ").filter(Boolean);
      var shown = 0, total = 0;
      groups.forEach(function (group) {
        var head = group.querySelector("[data-filter-head]");
        var headHit = !terms.length || matches(head, terms);
        var any = false;
        group.querySelectorAll("li[data-filter-text]").forEach(function (item) {
          var hit = headHit || matches(item, terms);
          item.hidden = !hit;
          total += 1;
          if (hit) { any = true; shown += 1; }
        });
        group.hidden = !(headHit || any);
        group.querySelectorAll(".ashyq-no-data-label").forEach(function (label) {
          var list = label.nextElementSibling;
          label.hidden = !list || !list.querySelector("li:not([hidden])");
        });
      });
      if (count) count.textContent = terms.length ? shown + " / " + total : "";
      box.setAttribute("data-filtered", terms.length ? "true" : "false");
    }
    input.addEventListener("input", apply);
    if (input.value) apply();
  }
  function init() {
    document.querySelectorAll(".ashyq-places-filter[data-filter]").forEach(initPlacesFilter);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* Site search: Material (9.x) reads the query box on `keyup` and `focus` only, never on
 * `input`. Text that arrives without a key being released in the box is never searched:
 * a phone keyboard's suggestion, dictation, an input method's commit, a paste from the
 * context menu, drag and drop. After select-all + Backspace (a keyup: the query is now
 * empty) the next word typed that way leaves «Іздеу үшін теріңіз» on screen, so the search
 * seemed to work once. Tell Material the value changed by giving it the keyup it listens
 * to; it drops repeated values itself (distinctUntilChanged), so a real key press followed
 * by this one does not search twice. */
(function () {
  "use strict";
  var QUERY = "input[data-md-component='search-query']";

  function poke(box) {
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches(QUERY) || event.isComposing) return;
    poke(box);
  }, true);
  document.addEventListener("compositionend", function (event) {
    if (event.target.matches && event.target.matches(QUERY)) poke(event.target);
  }, true);
  // The reset button (×) empties the box without an input event: the results of the old
  // query would stay under an empty box. The value is cleared after the event, so wait.
  document.addEventListener("reset", function (event) {
    var box = event.target.querySelector && event.target.querySelector(QUERY);
    if (box) setTimeout(function () { poke(box); }, 0);
  }, true);

  // The search worker (search-worker.js) draws the best SHOWN pages of a query; Material
  // counts only those. When more pages match, the count above the list says so. The two
  // talk over a BroadcastChannel (the page cannot reach Material's worker).
  if (typeof BroadcastChannel !== "function" || typeof MutationObserver !== "function") return;
  var last = null;
  // a count as formats.number writes it (Babel's Kazakh: "4\u00a0813"); not Intl.NumberFormat:
  // Chromium's Kazakh data writes "4,813"
  function count(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0"); }
  function say() {
    var box = document.querySelector(QUERY);
    var meta = document.querySelector(".md-search-result__meta");
    if (!last || !box || !meta || box.value !== last.query) return;
    if (last.failed || last.short) {
      var note = last.failed ? Ashyq.t("Іздеу қазір жұмыс істемей тұр: бетті қайта ашып көріңіз") : Ashyq.t("Кемінде екі әріп теріңіз");
      if (meta.textContent !== note) meta.textContent = note;
      return;
    }
    if (last.total <= last.shown) return;
    var text = Ashyq.tn("%(n)s сәйкестік табылды,", "%(n)s сәйкестік табылды,", last.total, { n: count(last.total) }) + " " +
      Ashyq.tn("үздік %(n)s көрсетілді", "үздік %(n)s көрсетілді", last.shown, { n: last.shown });
    if (meta.textContent !== text && /\d/.test(meta.textContent)) meta.textContent = text;
  }
  var channel = new BroadcastChannel("ashyq-search");
  channel.addEventListener("message", function (event) {
    if (event.data && event.data.query !== undefined) {
      last = event.data;
      say();
    }
  });
  // the box has the focus: the worker loads Pagefind while the first word is typed
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches(QUERY)) channel.postMessage({ prepare: true });
  });
  var watched = document.querySelector(".md-search-result__meta");
  if (watched) new MutationObserver(say).observe(watched, { childList: true, characterData: true, subtree: true });
})();

/* A table wider than the screen (a phone) scrolls inside the theme's wrapper: that wrapper
 * takes the keyboard focus, so it can be scrolled without a mouse (axe
 * scrollable-region-focusable); one that fits takes no tab stop. */
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".md-typeset__scrollwrap, .ashyq-plain-table").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        if (!wrap.hasAttribute("tabindex")) wrap.setAttribute("tabindex", "0");
      } else if (wrap.getAttribute("tabindex") === "0") {
        wrap.removeAttribute("tabindex");
      }
    });
  }
  var timer = null;
  function init() {
    mark();
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(mark, 150); });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* A row's ways to correct it. The page carries each row's CSV line and key
 * (`<span class="ashyq-fix" data-row="datasets/…/quotas.csv:13" data-key="…">`, views
 * RowSource; in a long table only the line and the key's last parts, the table saying the rest:
 * `data-csv`, `data-key-prefix`, views SharedSource) and, once in its head, where the links lead (<meta name="ashyq-report|edit|mail">,
 * ashyq/urls.py correction_bases); the links are made here: "report a mistake" (the issue form
 * with the row's file, line and key), an e-mail when the site has an address, and the web
 * editor at the line. Made in the browser because a page of many rows carried more bytes of
 * links than of data. A report link gets its title, the row's values as the page shows them
 * ("column title: text", one a line; a pivot cell: its place, year and value) and the page's
 * address when the reader is about to follow it (pointer down, touch, focus, click). The
 * quotas explorer makes its rows' links from its own data (explorer.js reportUrl). */
(function () {
  "use strict";
  var LINKS = "a.ashyq-report[href*='/issues/new'], a.ashyq-report-cell[href*='/issues/new']";
  var MAX = 800;  // ashyq/urls.py REPORT_VALUES_MAX: GitHub refuses addresses much over 8 KB

  function meta(name) {
    var el = document.querySelector("meta[name='" + name + "']");
    return el ? el.getAttribute("content") : "";
  }

  function anchor(href, cls, text, label) {
    var a = document.createElement("a");
    a.href = href;
    a.className = cls;
    if (text) a.textContent = text;
    if (label) { a.title = label; a.setAttribute("aria-label", label); }
    return a;
  }

  // the links of one row (span.ashyq-fix) or of one pivot cell (span.ashyq-fix-cell)
  function expand(span, bases) {
    var row = span.getAttribute("data-row") || "", key = span.getAttribute("data-key") || "";
    var table = row.indexOf(":") === -1 ? span.closest("[data-csv]") : null;
    if (table) {  // a line of the file its table names, and the rest of a key it starts (views SharedSource)
      row = table.getAttribute("data-csv") + ":" + row;
      if (table.getAttribute("data-key-prefix")) key = table.getAttribute("data-key-prefix") + "; " + key;
    }
    var cut = row.lastIndexOf(":");
    var file = cut > 0 ? row.slice(0, cut) : row, line = cut > 0 ? row.slice(cut + 1) : "";
    var cell = span.classList.contains("ashyq-fix-cell");
    var links = [];
    if (bases.report) {
      var report = new URL(bases.report);
      report.searchParams.set("file", file);
      if (line) report.searchParams.set("line", line);
      if (key) report.searchParams.set("row_id", key);
      links.push(cell ? anchor(report.href, "ashyq-report-cell", "", Ashyq.t("Қатені хабарлау: ") + row)
                      : anchor(report.href, "ashyq-report", Ashyq.t("қатені хабарлау")));
    }
    if (bases.mail && !cell) {
      links.push(anchor(bases.mail + encodeURIComponent(row), "ashyq-report", Ashyq.t("хат"), Ashyq.t("Қатені электрондық хатпен хабарлау")));
    }
    if (bases.edit) {
      var edit = bases.edit + file + (line ? "#L" + line : "");
      links.push(cell ? anchor(edit, "ashyq-edit-cell", "", Ashyq.t("Түзету: ") + row)
                      : anchor(edit, "ashyq-edit", Ashyq.t("түзету")));
    }
    links.forEach(function (a) {
      if (!cell) span.appendChild(document.createTextNode(" · "));
      span.appendChild(a);
    });
  }

  function expandAll() {
    var bases = { report: meta("ashyq-report"), edit: meta("ashyq-edit"), mail: meta("ashyq-mail") };
    document.querySelectorAll("span.ashyq-fix:empty").forEach(function (span) { expand(span, bases); });
  }

  function clean(node) {
    var copy = node.cloneNode(true);
    // the ways to correct a row, hidden helper text and flag marks are not the row's values
    copy.querySelectorAll(".ashyq-fix, a.ashyq-report, a.ashyq-report-cell, a.ashyq-edit, a.ashyq-edit-cell, " +
                          ".md-visually-hidden, [hidden], [aria-hidden=true]").forEach(function (el) { el.remove(); });
    return (copy.textContent || "").replace(/\s+/g, " ").replace(/^[\s·]+|[\s·]+$/g, "");
  }

  function headers(table) {
    var row = table.tHead && table.tHead.rows[table.tHead.rows.length - 1];
    return row ? Array.prototype.map.call(row.cells, clean) : [];
  }

  // A table row: each cell under its column title; a pivot cell: its row's title, its
  // column's title and the value; anything else (a list item, a note): its text.
  function values(link) {
    var cell = link.closest("td, th"), tr = link.closest("tr"), table = link.closest("table");
    if (tr && table) {
      var titles = headers(table);
      if (link.classList.contains("ashyq-report-cell") && cell) {
        var head = tr.cells[0] !== cell ? clean(tr.cells[0]) : "";
        return [head, (titles[cell.cellIndex] || "") + ": " + clean(cell)].filter(Boolean).join("\n");
      }
      return Array.prototype.filter.call(tr.cells, function (td) { return !td.contains(link); })
        .map(function (td) {
          var text = clean(td);
          return text ? (titles[td.cellIndex] ? titles[td.cellIndex] + ": " : "") + text : "";
        }).filter(Boolean).join("\n");
    }
    var block = link.closest("li, dd, p");
    return block ? clean(block) : "";
  }

  function fill(event) {
    var link = event.target.closest && event.target.closest(LINKS);
    if (!link || link.dataset.filled) return;
    var url = new URL(link.href);
    if (!url.searchParams.has("values")) {  // the explorer's links have theirs already
      var text = values(link);
      if (text.length > MAX) text = text.slice(0, MAX - 1) + "…";
      if (text) url.searchParams.set("values", text);
    }
    if (!url.searchParams.has("title")) {
      var line = url.searchParams.get("line");
      url.searchParams.set("title", Ashyq.t("Қате: ") + url.searchParams.get("file") + (line ? ":" + line : ""));
    }
    url.searchParams.set("page", location.href.split("#")[0]);
    link.href = url.href;
    link.dataset.filled = "true";
  }

  ["pointerdown", "touchstart", "focusin", "click"].forEach(function (type) {
    document.addEventListener(type, fill, true);
  });
  window.Ashyq.expandFixes = expandAll;  // for rows put in after the page loaded (below)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", expandAll);
  else expandAll();
})();

/* The rows of an act's quota table on the Russian and English sites (issue 18). They are data
 * as printed, the same in every language, so the three sites hold one copy: the Kazakh page's.
 * A page in another language has the table's head in its words and `data-rows-from`, the link
 * to the same table on the Kazakh page (views/resolutions.py QuotaTable.rows_from); its rows
 * are taken from there, their place names put in this page's words (`data-place-names`, by
 * link), their flags' titles and messages taken from this page's list of flags. Their links
 * are relative and both pages are as deep below their site's root, so a row's place and source
 * lines lead to this language's pages. Without JavaScript the table's one row leads there. */
(function () {
  "use strict";

  function kazakhTable(doc, anchor) {
    var el = doc.getElementById(anchor);
    while (el && !(el.classList && el.classList.contains("ashyq-act-quota-rows"))) el = el.nextElementSibling;
    return el ? el.querySelector("table") : null;
  }

  function inWords(body, table) {
    var names = JSON.parse(table.getAttribute("data-place-names") || "{}");
    body.querySelectorAll("a[href]").forEach(function (a) {
      var name = names[a.getAttribute("href")];
      if (name) a.textContent = name;
    });
    body.querySelectorAll(".ashyq-flag[data-code]").forEach(function (flag) {
      var group = document.getElementById("flag-" + flag.getAttribute("data-code"));
      var row = flag.closest("tr");
      if (!group || !row) return;
      var heading = group.querySelector("h3"), link = flag.querySelector("a");
      if (heading && link) {
        var title = heading.firstChild ? heading.firstChild.textContent.trim() : "";
        link.lastChild.textContent = " " + title;
        var explain = group.querySelector(".ashyq-flag-explain");
        if (explain) link.title = explain.textContent; else link.removeAttribute("title");
      }
      var entry = group.querySelector("li a[href='#" + row.id + "']");
      var said = entry && entry.parentNode.querySelector("span[lang]");
      var message = flag.querySelector(".ashyq-flag-message");
      if (said && message) {
        message.textContent = said.textContent;
        message.setAttribute("lang", said.getAttribute("lang"));
      }
    });
  }

  function fill(table, doc) {
    var anchor = table.getAttribute("data-rows-from").split("#")[1] || "";
    var source = kazakhTable(doc, anchor);
    if (!source || !source.tBodies.length) return false;
    var body = document.importNode(source.tBodies[0], true);
    inWords(body, table);
    table.replaceChild(body, table.tBodies[0]);
    return true;
  }

  function init() {
    var tables = document.querySelectorAll("table[data-rows-from]");
    if (!tables.length) return;
    var pages = {};
    var done = Array.prototype.map.call(tables, function (table) {
      var url = table.getAttribute("data-rows-from").split("#")[0];
      pages[url] = pages[url] || fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.text();
      }).then(function (text) { return new DOMParser().parseFromString(text, "text/html"); });
      return pages[url].then(function (doc) { return fill(table, doc); });
    });
    Promise.all(done).then(function () {
      Ashyq.expandFixes();
      // a link to a row (#row-disability-12) found nothing when the page loaded: go there now
      var id = decodeURIComponent(location.hash.slice(1));
      if (id && document.getElementById(id) && document.getElementById(id).closest("table[data-rows-from]")) {
        location.replace(location.hash);
      }
    }).catch(function (err) {
      console.warn("ashyq: the rows of this table are on the Kazakh page (" + err.message + ")");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

/* A search result opens its page with the words found marked (Material's ?h=, marked once
 * the page has loaded). A word inside folded text — a place's other names and codes — is
 * unfolded, so the reader sees why the page was found. */
(function () {
  "use strict";
  if (!new URLSearchParams(location.search).has("h") || !window.MutationObserver) return;
  function unfold() {
    document.querySelectorAll("details:not([open]) mark[data-md-highlight]").forEach(function (mark) {
      mark.closest("details").open = true;
    });
  }
  var watch = new MutationObserver(unfold);
  watch.observe(document.documentElement, { childList: true, subtree: true });
  setTimeout(function () { watch.disconnect(); }, 10000);
})();

/* Printing: what a page folds away to keep the screen short (a place's other names and codes,
 * .ashyq-print-open) is unfolded on paper, where nothing can be clicked; folded again after. */
(function () {
  "use strict";
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.ashyq-print-open:not([open])").forEach(function (el) {
      el.open = true;
      opened.push(el);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (el) { el.open = false; });
    opened = [];
  });
})();
