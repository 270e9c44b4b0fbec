/* Ashyq Derek: the quotas explorer.
 * Rows come in shards (one gzip-compressed JSON file per region) listed in a manifest. Small corpora load
 * every shard at once; a national corpus loads shards when the reader filters or searches.
 * Search, facets (with counts), the totals of the rows that pass (rows, organisations, jobs),
 * sort (by the column headers: click, or Enter/Space on a focused header; aria-sort tells
 * the order) and the download of the filtered rows run here over every loaded row; the
 * view is kept in the URL (?search=&year=&region_kk=&place_kk=&category_kk=&sort=field:dir),
 * so a filtered view can be shared. Not "q": Material's site
 * search claims that parameter.
 * Tabulator shows one page of the rows that pass at a time (remote pagination served from
 * memory): it never holds the whole corpus, so a filter over 300,000 rows costs our one
 * pass and a page of 50 rows. */
(function () {
  "use strict";

  var TABULATOR_KK = {
    data: { loading: Ashyq.t("Жүктелуде…"), error: Ashyq.t("Қате") },
    groups: { item: Ashyq.t("жол"), items: Ashyq.t("жол") },
    pagination: {
      page_size: Ashyq.t("Бет өлшемі"), page_title: Ashyq.t("Бетті көрсету"), first: Ashyq.t("Бірінші"),
      first_title: Ashyq.t("Бірінші бет"), last: Ashyq.t("Соңғы"), last_title: Ashyq.t("Соңғы бет"),
      prev: Ashyq.t("Алдыңғы"), prev_title: Ashyq.t("Алдыңғы бет"), next: Ashyq.t("Келесі"), next_title: Ashyq.t("Келесі бет"),
      all: Ashyq.t("Барлығы"), counter: { showing: Ashyq.t("Көрсетілген"), of: "/", rows: Ashyq.t("жол"), pages: Ashyq.t("бет") }
    },
    headerFilters: { "default": Ashyq.t("сүзу…"), columns: {} }
  };

  var root = document.getElementById("quota-explorer");
  if (!root || !window.Tabulator) return;
  var config = JSON.parse(root.querySelector(".ashyq-explorer-config").textContent);
  var SHOWN = config.shown || {};  // Kazakh value → the page's language (shown() below)
  var manifestUrl = new URL(config.manifest, document.baseURI);
  var facetFields = config.facets.map(function (f) { return f.field; });

  var els = {
    search: document.getElementById("quota-table-search"),
    count: document.getElementById("quota-table-count"),
    totals: document.getElementById("quota-table-totals"),
    download: document.getElementById("quota-download"),
    downloadExcelCsv: document.getElementById("quota-download-excel-csv"),
    downloadXlsx: document.getElementById("quota-download-xlsx"),
    loadAll: document.getElementById("quota-load-all"),
    form: root.querySelector("form.ashyq-filters"),
    table: document.getElementById("quota-table"),
    pager: document.getElementById("quota-pager"),
    range: document.getElementById("quota-page-range"),
    facets: {}
  };
  facetFields.forEach(function (f) { els.facets[f] = root.querySelector('select[data-facet="' + f + '"]'); });

  var state = { q: "", facets: {}, sort: "" };
  var manifest = null;
  var rows = [];
  var loadedShards = {};
  var table = null;

  // Lower case and one space between words: a row's own text, split into words by the
  // index. The search folds (Ashyq.fold in ashyq.js, the site's one folding of names) what
  // the reader types, each distinct facet value with its place's names and aliases
  // (manifest.keywords), and each distinct word of the index: never each row.
  function normalize(text) {
    return String(text == null ? "" : text).toLocaleLowerCase("kk").replace(/\s+/g, " ");
  }
  var fold = window.Ashyq.fold;

  // A number as formats.number writes it on every other page ("12 345,5": Babel's Kazakh
  // symbols, given by the page's config); anything that is not a plain number as written.
  // Not Intl.NumberFormat("kk-KZ"): Chromium's Kazakh data writes "12,345.5".
  var SYMBOLS = config.number || { group: "\u00a0", decimal: "," };
  function fmt(n) {
    var text = n == null ? "" : String(n);
    var m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return text;
    return m[1] + m[2].replace(/\B(?=(\d{3})+(?!\d))/g, SYMBOLS.group) + (m[3] ? SYMBOLS.decimal + m[3] : "");
  }

  // Kazakh alphabetical order, as model.kk_key sorts every list of the site (Қ after К,
  // before Л): the alphabet comes with the config. Not Intl.Collator("kk"): Chromium has no
  // Kazakh collation and puts Қ after Я.
  var RANK = new Map();
  Array.from(config.alphabet || "").forEach(function (c, i) { RANK.set(c, i); });
  function kkKey(text) {
    return Array.from(String(text).toLocaleLowerCase("kk")).map(function (c) {
      var code = c.codePointAt(0);
      if (RANK.has(c)) return 3 * 0x110000 + RANK.get(c);
      if (/\d/.test(c)) return 0x110000 + code;
      if (c >= "a" && c <= "z") return 2 * 0x110000 + code;
      if (/\p{L}/u.test(c)) return 4 * 0x110000 + code;
      return code;
    });
  }
  function compareKk(a, b) {
    var ka = kkKey(a), kb = kkKey(b);
    for (var i = 0; i < Math.min(ka.length, kb.length); i++) {
      if (ka[i] !== kb[i]) return ka[i] - kb[i];
    }
    return ka.length - kb.length || (a < b ? -1 : a > b ? 1 : 0);
  }

  // a sum of jobs: digits grouped, a decimal comma when a document printed fractions
  function fmtNumber(x) {
    var parts = String(Math.round(x * 100) / 100).split(".");
    return fmt(parts[0]) + (parts[1] ? "," + parts[1] : "");
  }

  // --- URL state -------------------------------------------------------------------
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = params.get("search") || "";
    facetFields.forEach(function (f) { state.facets[f] = params.get(f) || ""; });
    state.sort = parseSort(params.get("sort"));
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (state.q) params.set("search", state.q);
    facetFields.forEach(function (f) { if (state.facets[f]) params.set(f, state.facets[f]); });
    if (state.sort) params.set("sort", state.sort);
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function showState() {
    els.search.value = state.q;
    facetFields.forEach(function (f) { els.facets[f].value = state.facets[f]; });
  }

  // --- loading -----------------------------------------------------------------------
  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  // A shard is stored gzip-compressed (.json.gz). Most hosts send it as it is stored; one
  // that sends it with "Content-Encoding: gzip" has the browser unpack it already, so the
  // bytes are read by their first two (gzip's 1f 8b), not by the header.
  function fetchShard(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.arrayBuffer();
    }).then(function (buffer) {
      var head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
      if (head[0] !== 0x1f || head[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(buffer));
      var stream = new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(stream).json();
    });
  }

  // Facet values become small integers as rows load: comparing and counting integers is
  // what keeps a filter over 300,000 rows within a frame or two.
  var facetIds = {};  // field → Map(value → id)
  var facetValues = {};  // field → [value by id]
  var facetTexts = {};  // field → [normalized value by id], for the search
  facetFields.forEach(function (f) { facetIds[f] = new Map(); facetValues[f] = []; facetTexts[f] = []; });

  function facetId(field, value) {
    var key = String(value);
    var id = facetIds[field].get(key);
    if (id === undefined) {
      id = facetValues[field].length;
      facetIds[field].set(key, id);
      facetValues[field].push(key);
      var names = manifest.keywords && manifest.keywords[field];
      facetTexts[field].push(fold(names && names[key] ? key + " " + names[key] : key));
    }
    return id;
  }

  // The search looks in the shown columns. Those that are facets are searched once per
  // distinct value; a row's own text holds the others (its organization, its numbers).
  var shownFields = config.columns.map(function (c) { return c.field; });
  var ownFields = shownFields.filter(function (f) { return facetFields.indexOf(f) === -1; });
  var searchedFacets = facetFields.filter(function (f) { return shownFields.indexOf(f) !== -1; });

  function addShard(shard, payload) {
    var fields = manifest.columns;
    payload.rows.forEach(function (values) {
      var row = {};
      for (var j = 0; j < fields.length; j++) row[fields[j]] = values[j];
      // a decimal is found as the data writes it (2.5) and as the page shows it (2,5)
      row._text = normalize(ownFields.map(function (f) {
        var v = row[f] == null ? "" : String(row[f]);
        return v.indexOf(".") === -1 ? v : v + " " + fmt(v);
      }).join(" "));
      row._facets = facetFields.map(function (f) { return facetId(f, row[f]); });
      rows.push(row);
    });
    loadedShards[shard.id] = true;
  }

  // The rows as the filter pass reads them (rebuilt when rows load): each facet's value ids
  // in an Int32Array, read in order instead of chasing each row object through the heap;
  // and an index of the words of the own texts. A term holds no space, so it is in a text
  // exactly when it is in one of the text's words: a search looks through the distinct
  // words once and marks the rows of those that hold it, instead of searching every text.
  // For the totals: each row's jobs in a Float64Array (NaN when the cell is empty), and its
  // organisation as an id (its name within its place: two schools «№ 1 мектеп» in two
  // districts are two organisations), so the filter pass sums and counts with no parsing.
  var columns = { size: 0, facets: [], words: [], wordStart: null, wordRows: null,
                  jobs: null, orgs: null, orgCount: 0 };
  function indexRows() {
    rows.sort(function (a, b) { return a.csv_line - b.csv_line; });  // the CSV's own order
    columns.size = rows.length;  // rows of shards that arrive later are not in the index yet
    columns.facets = facetFields.map(function (f, k) {
      var ids = new Int32Array(rows.length);
      for (var i = 0; i < rows.length; i++) ids[i] = rows[i]._facets[k];
      return ids;
    });
    var wordIds = new Map(), words = [], perWord = [], wordOf = [], rowOf = [];
    rows.forEach(function (row, i) {
      row._text.split(" ").forEach(function (word) {
        if (!word) return;
        var id = wordIds.get(word);
        if (id === undefined) {
          id = words.length;
          wordIds.set(word, id);
          words.push(fold(word));
          perWord.push(0);
        }
        perWord[id] += 1;
        wordOf.push(id);
        rowOf.push(i);
      });
    });
    // the rows of word w are wordRows[wordStart[w] .. wordStart[w + 1])
    var start = new Int32Array(words.length + 1);
    for (var w = 0; w < words.length; w++) start[w + 1] = start[w] + perWord[w];
    var next = start.slice(0, words.length), wordRows = new Int32Array(wordOf.length);
    for (var o = 0; o < wordOf.length; o++) wordRows[next[wordOf[o]]++] = rowOf[o];
    columns.words = words;
    columns.wordStart = start;
    columns.wordRows = wordRows;
    var jobs = new Float64Array(rows.length), orgs = new Int32Array(rows.length), orgIds = new Map();
    rows.forEach(function (row, i) {
      jobs[i] = row.jobs === "" || row.jobs == null ? NaN : Number(row.jobs);
      var name = normalize(row.organization_kk).trim();
      if (!name) { orgs[i] = -1; return; }
      var key = row.place_id + "\u0000" + name;
      var id = orgIds.get(key);
      if (id === undefined) { id = orgIds.size; orgIds.set(key, id); }
      orgs[i] = id;
    });
    columns.jobs = jobs;
    columns.orgs = orgs;
    columns.orgCount = orgIds.size;
  }

  // 1 for each row whose own text holds `term`
  function rowsWithTerm(term) {
    var marks = new Uint8Array(columns.size);
    var words = columns.words, start = columns.wordStart, wordRows = columns.wordRows;
    for (var w = 0; w < words.length; w++) {
      if (words[w].indexOf(term) === -1) continue;
      for (var p = start[w]; p < start[w + 1]; p++) marks[wordRows[p]] = 1;
    }
    return marks;
  }

  function allLoaded() {
    return manifest.shards.every(function (s) { return loadedShards[s.id]; });
  }

  // The shards the current filter needs: the chosen region's alone, or every shard (also
  // when every row is asked for, "load all", whatever region is chosen).
  function neededShards() {
    var region = state.facets.region_kk;
    return manifest.shards.filter(function (s) {
      return !loadedShards[s.id] && (manifest.eager || !region || s.label === region);
    });
  }

  function interacted() {
    return Boolean(state.q || state.sort || facetFields.some(function (f) { return state.facets[f]; }));
  }

  // A shard is fetched once, even when the reader changes the filter while it loads.
  var loading = {};  // shard id → the promise of its rows
  function ensureLoaded() {
    var todo = manifest.eager || interacted() ? neededShards() : [];
    if (!todo.length) return Promise.resolve(false);
    var done = 0;
    els.count.textContent = Ashyq.tn("Жүктелуде: %(done)s / %(total)s бөлік", "Жүктелуде: %(done)s / %(total)s бөлік", todo.length, { done: 0, total: todo.length });
    return Promise.all(todo.map(function (shard) {
      loading[shard.id] = loading[shard.id] || fetchShard(new URL(shard.href, manifestUrl)).then(function (payload) {
        addShard(shard, payload);
      });
      return loading[shard.id].then(function () {
        done += 1;
        els.count.textContent = Ashyq.tn("Жүктелуде: %(done)s / %(total)s бөлік", "Жүктелуде: %(done)s / %(total)s бөлік", todo.length, { done: done, total: todo.length });
      });
    })).then(function () {
      if (columns.size !== rows.length) {
        indexRows();
        orders = {};  // made for fewer rows
      }
      return true;
    });
  }

  // --- filtering and facet counts ------------------------------------------------------
  var passing = [];  // the rows that pass the filters, in the order of the sort
  var passingSort = null;  // the sort `passing` is in

  // One pass over every loaded row: the rows that pass (in the order of the sort), and the
  // facet counts. Then the counter and the URL; the table is refreshed by the caller.
  function filter() {
    var terms = fold(state.q).split(" ").filter(Boolean);
    var nf = facetFields.length, nt = terms.length;
    // the chosen value of each facet as its id: -1 for none chosen, -2 for a value no row has
    var chosen = facetFields.map(function (f) {
      if (!state.facets[f]) return -1;
      var id = facetIds[f].get(state.facets[f]);
      return id === undefined ? -2 : id;
    });
    var hits = terms.map(termHits), marks = terms.map(rowsWithTerm);
    var counts = facetFields.map(function (f) { return new Int32Array(facetValues[f].length); });
    var cols = columns.facets;
    var order = sortOrder(state.sort);
    var found = [];
    // the totals of the rows that pass, summed in this same pass
    var jobsCol = columns.jobs, orgsCol = columns.orgs, seenOrg = new Uint8Array(columns.orgCount);
    var jobs = 0, orgs = 0;
    for (var n = 0; n < columns.size; n++) {
      var i = order ? order[n] : n;
      var ok = true;
      for (var t = 0; t < nt && ok; t++) {
        var inFacet = false;
        for (var h = 0; h < hits[t].length; h++) {
          if (hits[t][h].values[cols[hits[t][h].k][i]]) { inFacet = true; break; }
        }
        ok = inFacet || marks[t][i] === 1;
      }
      if (!ok) continue;
      var misses = 0, missed = 0;
      for (var k = 0; k < nf; k++) {
        if (chosen[k] !== -1 && cols[k][i] !== chosen[k]) { misses += 1; missed = k; }
      }
      if (misses === 0) {
        found.push(rows[i]);
        if (jobsCol[i] === jobsCol[i]) jobs += jobsCol[i];  // not NaN: an empty cell adds nothing
        var o = orgsCol[i];
        if (o !== -1 && !seenOrg[o]) { seenOrg[o] = 1; orgs += 1; }
        for (var m = 0; m < nf; m++) counts[m][cols[m][i]] += 1;
      } else if (misses === 1) {
        // a row that only this facet excludes counts for this facet's other values
        counts[missed][cols[missed][i]] += 1;
      }
    }
    passing = found;
    passingSort = state.sort;
    var ruleHits = renderRules(terms);
    var exact = allLoaded() || neededShards().length === 0;
    renderFacets(exact ? counts : null);
    if (!manifest.eager && !interacted() && !allLoaded()) {
      els.count.textContent = Ashyq.tn("Барлығы %(n)s жол: іздеңіз немесе сүзгіні таңдаңыз", "Барлығы %(n)s жол: іздеңіз немесе сүзгіні таңдаңыз", manifest.total, { n: fmt(manifest.total) });
      els.totals.textContent = "";  // not summed: the rows are not loaded
      els.loadAll.hidden = false;
    } else {
      var total = allLoaded() ? columns.size : manifest.total;
      els.count.textContent = Ashyq.tn("%(shown)s / %(total)s жол", "%(shown)s / %(total)s жол", total, { shown: fmt(found.length), total: fmt(total) });
      els.totals.textContent = found.length === 0 && ruleHits > 0
        ? Ashyq.t(" · тізімде жол жоқ: квота ережемен белгіленген (төменде), нөл емес")
        : " · " + Ashyq.tn("%(n)s ұйым", "%(n)s ұйым", orgs, { n: fmt(orgs) }) + " · " +
          Ashyq.tn("%(n)s жұмыс орны", "%(n)s жұмыс орны", jobs, { n: fmtNumber(jobs) }) + sortText();
      els.loadAll.hidden = allLoaded();
    }
    writeUrl();
  }

  // --- quotas set by rule --------------------------------------------------------------
  // Places whose quota an act sets by rule, with no list of organisations (manifest.rules):
  // they have no rows, so the table cannot show them; the note under the counter names
  // those the filters and the search leave, with their percent, never as zero jobs.
  var ruleValues = {};  // facet field → {value: true} for values that appear by rule only
  var ruleTexts = [];  // each rule entry's folded place names, for the search
  var RULES_SHOWN = 50;
  function indexRules() {
    facetFields.forEach(function (f) { ruleValues[f] = {}; });
    (manifest.rules || []).forEach(function (r) {
      facetFields.forEach(function (f) { if (r[f] != null) ruleValues[f][String(r[f])] = true; });
      var names = manifest.keywords && manifest.keywords.place_kk;
      ruleTexts.push(fold([r.place_kk, r.region_kk, r.category_kk, names && names[r.place_kk] || ""].join(" ")));
    });
  }
  function renderRules(terms) {
    var box = document.getElementById("quota-rules-note");
    if (!box || !manifest) return 0;
    var hits = [];
    (manifest.rules || []).forEach(function (r, i) {
      var ok = facetFields.every(function (f) { return !state.facets[f] || String(r[f]) === state.facets[f]; });
      ok = ok && terms.every(function (t) { return ruleTexts[i].indexOf(t) !== -1; });
      if (ok) hits.push(r);
    });
    var list = box.querySelector("ul");
    var more = box.querySelector(".ashyq-rules-more");
    list.replaceChildren();
    if (!interacted() && hits.length > RULES_SHOWN) {
      // a national corpus: the count alone until the reader picks a place, year or category
      more.textContent = Ashyq.t("Мұндай аумақ-жыл: ") + fmt(hits.length) + Ashyq.t(". Облысты, ауданды немесе жылды таңдасаңыз, осында көрсетіледі.");
      box.hidden = false;
      return hits.length;
    }
    hits.slice(0, RULES_SHOWN).forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = new URL(r.href, document.baseURI).href;
      a.textContent = shown(r.place_kk);
      li.append(a, " · " + r.year + " · " + shown(r.category_kk) + ": " + r.text);
      list.append(li);
    });
    var rest = hits.length - RULES_SHOWN;
    more.textContent = rest > 0 ? Ashyq.tn("… және тағы %(n)s аумақ: сүзгіні нақтылаңыз.", "… және тағы %(n)s аумақ: сүзгіні нақтылаңыз.", rest, { n: fmt(rest) }) : "";
    box.hidden = hits.length === 0;
    return hits.length;
  }

  // The facet values that contain `term`: [{k: facet index, values: Uint8Array by id}],
  // only for facets where some value does.
  function termHits(term) {
    var out = [];
    searchedFacets.forEach(function (f) {
      var texts = facetTexts[f], values = new Uint8Array(texts.length), any = false;
      for (var id = 0; id < texts.length; id++) {
        if (texts[id].indexOf(term) !== -1) { values[id] = 1; any = true; }
      }
      if (any) out.push({ k: facetFields.indexOf(f), values: values });
    });
    return out;
  }

  // Facet options: every value with its count among the rows the other filters leave;
  // before the rows are loaded, the counts over the whole corpus from the manifest.
  var shownOptions = {};  // field → the options last put into its menu, as one string
  function renderFacets(counts) {
    facetFields.forEach(function (f, k) {
      var select = els.facets[f];
      var selected = state.facets[f];
      var options = [[Ashyq.t("Барлығы"), ""]];
      var byRule = ruleValues[f] || {};
      manifest.facets[f].forEach(function (entry) {
        var value = entry[0];
        var id = facetIds[f].get(value);
        var n = counts ? (id === undefined ? 0 : counts[k][id]) : entry[1];
        // a value whose quota is set by rule and no list is offered as such, never as "(0)"
        if (n === 0 && byRule[value]) { options.push([shown(value) + Ashyq.t(" (ережемен)"), value]); return; }
        if (n === 0 && value !== selected) return;
        options.push([shown(value) + " (" + fmt(n) + ")", value]);
      });
      var key = JSON.stringify(options);
      if (shownOptions[f] !== key) {  // a menu the change leaves alone is not rebuilt
        shownOptions[f] = key;
        select.replaceChildren.apply(select, options.map(function (o) { return new Option(o[0], o[1]); }));
      }
      select.value = selected;
    });
  }

  // --- sorting ---------------------------------------------------------------------------
  // A sort is an order of every loaded row (row positions), made once per sort and kept
  // until more rows load; the filter pass walks it, so the rows that pass come out sorted.
  // Rows arrive in the CSV's own order, which is the default ("" sorts nothing).
  var orders = {};  // "field:dir" → Int32Array
  var sortable = {};  // field → "number" | "text"
  config.columns.forEach(function (c) { sortable[c.field] = c.kind; });

  // The sort in words, for the status line (a live region): a sort chosen with the keyboard
  // is announced with the rows it leaves, besides the header's aria-sort.
  var columnTitles = {};
  config.columns.forEach(function (c) { columnTitles[c.field] = c.title; });
  function sortText() {
    if (!state.sort) return "";
    var sorter = sorterOf(state.sort);
    return Ashyq.t(" · сұрыпталған: ") + columnTitles[sorter.column] + ", " +
      (sorter.dir === "desc" ? Ashyq.t("кему ретімен") : Ashyq.t("өсу ретімен"));
  }

  // "field:dir" as Tabulator's sorter
  function sorterOf(sort) {
    var parts = sort.split(":");
    return { column: parts[0], dir: parts[1] };
  }

  function parseSort(text) {
    var parts = String(text || "").split(":");
    if (!sortable[parts[0]]) return "";
    return parts[0] + ":" + (parts[1] === "desc" ? "desc" : "asc");
  }

  function sortOrder(sort) {
    if (!sort) return null;
    if (orders[sort]) return orders[sort];
    var parts = sort.split(":"), field = parts[0], sign = parts[1] === "desc" ? -1 : 1;
    // each row's key as a number: the value itself, or the rank of the text among the
    // distinct texts, so the sort compares numbers and compareKk sees each text once
    var keys = new Float64Array(columns.size);
    if (sortable[field] === "number") {
      for (var i = 0; i < columns.size; i++) {
        var v = rows[i][field];
        keys[i] = v == null || v === "" ? -Infinity : Number(v);
      }
    } else {
      var distinct = new Map();
      var text = function (row) { return row[field] == null ? "" : String(row[field]); };
      for (var d = 0; d < columns.size; d++) distinct.set(text(rows[d]), 0);
      Array.from(distinct.keys()).sort(compareKk).forEach(function (value, rank) { distinct.set(value, rank); });
      for (var j = 0; j < columns.size; j++) keys[j] = distinct.get(text(rows[j]));
    }
    var order = new Int32Array(columns.size);
    for (var r = 0; r < order.length; r++) order[r] = r;
    // ties keep the CSV's order in either direction
    order.sort(function (a, b) { return keys[a] < keys[b] ? -sign : keys[a] > keys[b] ? sign : a - b; });
    orders[sort] = order;
    return order;
  }

  // --- the table's pages -------------------------------------------------------------------
  var PAGE_SIZE = 50;
  var ROWS_URL = "passing-rows";  // never fetched: pages are served from `passing`

  // Tabulator asks for a page (with its sorters: a header click sorts the table). A new sort
  // from a header is kept in the URL.
  function servePage(url, ajaxConfig, params) {
    var sorter = params.sort && params.sort[0];
    var sort = parseSort(sorter ? sorter.field + ":" + sorter.dir : "");
    var ready = Promise.resolve();
    if (sort !== passingSort) {
      state.sort = sort;
      ready = ensureLoaded().then(filter);
    }
    return ready.then(function () {
      var size = params.size || PAGE_SIZE;
      var page = Math.max(1, params.page || 1);
      var first = (page - 1) * size, rowsOfPage = passing.slice(first, first + size);
      els.range.textContent = rowsOfPage.length ?
        Ashyq.tn("%(shown)s / %(total)s жол", "%(shown)s / %(total)s жол", passing.length, { shown: fmt(first + 1) + "–" + fmt(first + rowsOfPage.length), total: fmt(passing.length) }) : "";
      return {
        last_page: Math.max(1, Math.ceil(passing.length / size)),
        last_row: passing.length,
        data: rowsOfPage
      };
    });
  }

  // Show the first page of `passing`, with the table's sorters set to the state's sort.
  function showFirstPage() {
    var current = table.getSorters()[0];
    var shown = current ? current.field + ":" + current.dir : "";
    if (shown === state.sort) return table.setData(ROWS_URL);
    if (!state.sort) return table.clearSort();
    var sorter = sorterOf(state.sort);
    return table.setSort(sorter.column, sorter.dir);
  }

  function update() {
    return ensureLoaded().then(function () {
      filter();
      showViewLinks();
      return showFirstPage();
    });
  }

  // --- this view as JSON and CSV -----------------------------------------------------------
  // The JSON link is a document of the static API when one holds this view, so that the link
  // can be shared and read by a program: the resolution's when the rows that pass are exactly
  // one act's rows; the place's when only a region or a district is chosen (its document holds
  // the figures of that place and of every place inside it). Otherwise the JSON is made here
  // from the rows that pass, like the CSV (UTF-8 with a BOM, quotas.csv's columns and codes).
  var view = {
    box: document.getElementById("quota-view"),
    json: document.getElementById("quota-view-json"),
    csv: document.getElementById("quota-view-csv")
  };

  function apiUrl(kind, id) {
    return new URL(config.api[kind].replace("{id}", encodeURIComponent(id)), document.baseURI).href;
  }

  function sameOf(field) {
    var value = passing.length ? passing[0][field] : null;
    return value && passing.every(function (row) { return row[field] === value; }) ? value : null;
  }

  function viewDocument() {
    var act = sameOf("resolution_id");
    if (act) {
      // every row of the act passes: its rows all sit in one region's shard, loaded with it
      var all = 0;
      rows.forEach(function (row) { if (row.resolution_id === act) all++; });
      if (all === passing.length) return apiUrl("resolution", act);
    }
    var placeOnly = !state.q && facetFields.every(function (f) {
      return !state.facets[f] || f === "region_kk" || f === "place_kk";
    });
    if (!placeOnly) return "";
    var place = state.facets.place_kk ? sameOf("place_id") : state.facets.region_kk ? sameOf("region_id") : null;
    return place ? apiUrl("place", place) : "";
  }

  function showViewLinks() {
    if (!view.box) return;
    var url = viewDocument();
    view.json.href = url || "#";
    view.json.dataset.made = url ? "" : "1";
    if (url) view.json.removeAttribute("download"); else view.json.setAttribute("download", "quotas-view.json");
    view.json.title = view.box.getAttribute(url ? "data-api-title" : "data-blob-title");
    view.box.hidden = false;
  }

  function viewJson() {
    var columns = config.download.columns;
    var numbers = {};
    config.download.numbers.forEach(function (c) { numbers[c] = true; });
    var filters = { search: state.q || null };
    facetFields.forEach(function (f) { filters[f] = state.facets[f] || null; });
    var doc = {
      view: window.location.href,
      filters: filters,
      columns: columns,
      rows: passing.map(function (row) {
        return columns.map(function (c) {
          var value = row[c];
          if (value == null || value === "") return null;
          return numbers[c] ? Number(value) : String(value);
        });
      })
    };
    return new Blob([JSON.stringify(doc)], { type: "application/json" });
  }

  function viewCsv() {
    var columns = config.download.columns;
    var lines = [columns.map(function (c) { return csvCell(c, ","); }).join(",")];
    passing.forEach(function (row) {
      lines.push(columns.map(function (c) { return csvCell(row[c], ","); }).join(","));
    });
    // "\ufeff": the byte order mark, by which spreadsheets know the file is UTF-8
    return new Blob(["\ufeff" + lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" });
  }

  function wireViewLinks() {
    if (!view.box) return;
    view.json.addEventListener("click", function (event) {
      if (!view.json.dataset.made) return;  // a document of the API: the link itself
      event.preventDefault();
      save(viewJson(), "quotas-view.json");
    });
    view.csv.addEventListener("click", function (event) {
      event.preventDefault();
      save(viewCsv(), "quotas-view.csv");
    });
  }

  // --- the downloads of the filtered rows -------------------------------------------------
  // Three files of the rows that pass, in the order on screen:
  //  - Excel (.xlsx): the columns as the table shows them (Kazakh titles, place names), then
  //    the other columns of quotas.csv with their codes; a second sheet says what was chosen;
  //  - CSV for Excel on Windows: the same columns, UTF-8 with a BOM, ";" between cells and
  //    decimal commas (Kazakh and Russian settings: what Excel opens by a double click);
  //  - CSV as in the data package: quotas.csv's own columns and codes, its lines as written.
  function csvCell(value, sep) {
    var text = value == null ? "" : String(value);
    var special = sep === ";" ? /[";\n\r]|^\s|\s$/ : /[",\n\r]|^\s|\s$/;
    return special.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  var save = window.Ashyq.save;  // ashyq.js

  function downloadRows() {
    var columns = config.download.columns;
    var lines = [columns.map(function (c) { return csvCell(c, ","); }).join(",")];
    passing.forEach(function (row) {
      lines.push(columns.map(function (c) { return csvCell(row[c], ","); }).join(","));
    });
    save(new Blob([lines.join("\n") + "\n"], { type: "text/csv;charset=utf-8" }), config.download.filename + ".csv");
  }

  function readerCell(row, col) {
    var value = row[col.field];
    return value == null ? "" : String(value);
  }

  function downloadExcelCsv() {
    var columns = config.download.reader;
    var lines = [columns.map(function (c) { return csvCell(c.title, ";"); }).join(";")];
    passing.forEach(function (row) {
      lines.push(columns.map(function (c) {
        var text = readerCell(row, c);
        return csvCell(c.number ? text.replace(".", ",") : text, ";");
      }).join(";"));
    });
    // "\ufeff": the byte order mark, by which Excel knows the file is UTF-8
    save(new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }),
      config.download.filename + "-excel.csv");
  }

  // The Excel writer (xlsx-lite.js) is fetched the first time a reader asks for a workbook.
  var xlsxLoading = null;
  function loadXlsx() {
    if (window.AshyqXlsx) return Promise.resolve(window.AshyqXlsx);
    xlsxLoading = xlsxLoading || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL(config.download.xlsxScript, document.baseURI).href;
      script.onload = function () { resolve(window.AshyqXlsx); };
      script.onerror = function () { xlsxLoading = null; reject(new Error("xlsx-lite.js")); };
      document.head.appendChild(script);
    });
    return xlsxLoading;
  }

  function downloadXlsx() {
    var columns = config.download.reader;
    var rowsOut = passing.map(function (row) {
      return columns.map(function (c) { return readerCell(row, c); });
    });
    var widths = columns.map(function (c, i) {
      var longest = Math.max.apply(null, c.title.split(" ").map(function (w) { return w.length; }).concat(
        [Math.min(c.title.length, 24)]));
      for (var r = 0; r < rowsOut.length && longest < 60; r++) longest = Math.max(longest, rowsOut[r][i].length);
      return Math.min(60, Math.max(6, longest + 2));
    });
    var chosen = [[Ashyq.t("Сілтеме"), window.location.href], [Ashyq.t("Іздеу"), state.q || "—"]];
    config.facets.forEach(function (f) { chosen.push([f.label, shown(state.facets[f.field]) || Ashyq.t("Барлығы")]); });
    chosen.push([Ashyq.t("Жолдар"), String(passing.length)]);
    var old = els.downloadXlsx.textContent;
    els.downloadXlsx.disabled = true;
    return loadXlsx().then(function (xlsx) {
      return xlsx.workbook([
        { name: Ashyq.t("Квоталар"), filter: true, rows: rowsOut,
          columns: columns.map(function (c, i) { return { title: c.title, width: widths[i], number: c.number }; }) },
        { name: Ashyq.t("Сүзгі"), rows: chosen,
          columns: [{ title: Ashyq.t("Таңдалғаны"), width: 24 }, { title: Ashyq.t("Мәні"), width: 80 }] },
        { name: Ashyq.t("Бағандар"), rows: columns.map(function (c) {
            return [c.title, c.in_file || Ashyq.t("— (CSV файлында жоқ: сайт қосқан атау немесе жол нөмірі)")];
          }),
          columns: [{ title: Ashyq.t("Баған"), width: 36 }, { title: Ashyq.t("quotas.csv файлындағы атауы"), width: 60 }] }
      ]);
    }).then(function (blob) {
      save(blob, config.download.filename + ".xlsx");
    }).catch(function (err) {
      els.count.textContent = Ashyq.t("Excel файлын жасау мүмкін болмады: ") + err.message;
    }).then(function () {
      els.downloadXlsx.disabled = false;
      els.downloadXlsx.textContent = old;
    });
  }

  // --- the table -------------------------------------------------------------------------
  // The district or city of a row links to its page: the link reads as the place's name.
  function placeCell(cell) {
    var row = cell.getRow().getData();
    cell.getElement().style.whiteSpace = "normal";  // long names wrap, like the other texts
    if (!row.place_id) return document.createTextNode(shown(row.place_kk) || "");
    var place = document.createElement("a");
    place.href = config.placeUrl + encodeURIComponent(row.place_id) + "/";
    place.textContent = shown(row.place_kk) || row.place_id;
    return place;
  }

  function linkCell(cell) {
    var row = cell.getRow().getData();
    var span = document.createElement("span");
    var source = manifest.sources[row.resolution_id];
    if (source && row.source_lines) {
      var lines = String(row.source_lines).split("-");
      var a = document.createElement("a");
      // a long document is shown in parts of source_part_lines lines, part n at "page/<n>/"
      // (urls.source_lines, urls.paged)
      var first = parseInt(lines[0], 10), per = manifest.source_part_lines;
      var part = per && first > 0 ? Math.floor((first - 1) / per) + 1 : 1;
      a.href = source + (part > 1 ? "page/" + part + "/" : "") + "#L" + lines[0] + (lines[1] ? "-L" + lines[1] : "");
      a.textContent = Ashyq.t("дереккөз");
      if (span.childNodes.length) span.appendChild(document.createElement("br"));
      span.appendChild(a);
    }
    if (config.report && row.csv_line) {
      var report = document.createElement("a");
      report.href = reportUrl(row);
      report.textContent = Ashyq.t("Қатені хабарлау");
      report.className = "ashyq-report";
      report.title = Ashyq.t("Жолдың деректері толтырылған өтініш формасы (GitHub)");
      if (span.childNodes.length) span.appendChild(document.createElement("br"));
      span.appendChild(report);
    }
    if (config.editUrl && row.csv_line) {
      // the row's line of the CSV in the repository's web editor: a pull request away
      var edit = document.createElement("a");
      edit.href = config.editUrl + "#L" + row.csv_line;
      edit.textContent = Ashyq.t("Түзету ұсыну");
      edit.title = Ashyq.t("CSV файлының ") + row.csv_line + Ashyq.t("-жолын түзету");
      if (span.childNodes.length) span.appendChild(document.createElement("br"));
      span.appendChild(edit);
    }
    return span;
  }

  function numberCell(cell) { return document.createTextNode(fmt(cell.getValue())); }

  // The parameters ashyq/urls.py `report` fills for a row of every other page: the title
  // names the row, its key is the schema's primaryKey, its values those of quotas.csv.
  function reportUrl(row) {
    var url = new URL(config.report.url);
    var position = url.searchParams.get("file") + ":" + row.csv_line;
    url.searchParams.set("title", Ashyq.t("Қате: ") + position);
    url.searchParams.set("line", String(row.csv_line));
    url.searchParams.set("row_id", config.report.key.map(function (k) { return k + "=" + (row[k] == null ? "" : row[k]); }).join("; "));
    url.searchParams.set("values", config.download.columns.filter(function (c) {
      return row[c] != null && row[c] !== "";
    }).map(function (c) { return c + ": " + row[c]; }).join("\n"));
    return url.href;
  }

  function columnDef(col) {
    // headerSortTristate: a third click (or Enter) gives back the document's order
    var def = { field: col.field, title: col.title, headerTooltip: col.title, headerWordWrap: true,
                headerSortTristate: true };
    if (col.width) def[col.kind === "number" ? "width" : "minWidth"] = col.width;
    if (col.kind === "number") {
      def.sorter = "number";
      def.hozAlign = "right";
      def.headerHozAlign = "right";
      if (col.field !== "year") def.formatter = numberCell;  // a year is not "2 026"
    } else {
      // textarea wraps long names; Tabulator escapes the text
      def.formatter = col.field === "place_kk" ? placeCell
        : (col.field === "region_kk" || col.field === "category_kk") && config.shown ? shownCell : "textarea";
      if (col.field === "organization_kk") def.widthGrow = 3;
    }
    return def;
  }

  // --- phones: a row reads as a card -----------------------------------------------------
  // Below Material's phone breakpoint the table is one column of cards: the organisation,
  // its headcount, quota and jobs, then its place, year and category, then its links. The
  // other columns stay defined but hidden, so a sort by any of them (the menu, the URL)
  // works the same on a phone.
  var PHONE = window.matchMedia("(max-width: 44.9375em)");
  var CARD_FIGURES = ["headcount", "quota_percent", "jobs"];
  var titles = {};
  config.columns.forEach(function (c) { titles[c.field] = c.title; });

  // On /ru/ and /en/ the shared rows hold Kazakh place names and category titles: the page's
  // config maps them to its language (views/quotas.py shown_values); filters, sorting and
  // links go on using the Kazakh value.
  function shown(value) { return value && SHOWN[value] || value; }
  function shownCell(cell) {
    cell.getElement().style.whiteSpace = "normal";
    return document.createTextNode(shown(cell.getValue()) || "");
  }

  function cardCell(cell) {
    var row = cell.getRow().getData();
    var card = document.createElement("div");
    card.className = "ashyq-card";
    var name = document.createElement("strong");
    name.className = "ashyq-card-title";
    name.textContent = row.organization_kk || "";
    var figures = document.createElement("dl");
    figures.className = "ashyq-card-figures";
    CARD_FIGURES.forEach(function (f) {
      var item = document.createElement("div");
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = titles[f];
      dd.textContent = fmt(row[f]);
      item.append(dt, dd);
      figures.appendChild(item);
    });
    var where = document.createElement("span");
    where.className = "ashyq-card-meta";
    where.textContent = [shown(row.place_kk), row.year, shown(row.category_kk), row.row_no ? "№ " + row.row_no : ""]
      .filter(Boolean).join(" · ");
    var links = linkCell(cell);
    links.className = "ashyq-card-links";
    card.append(name, figures, where, links);
    return card;
  }

  function tableColumns(phone) {
    var columns = config.columns.map(columnDef);
    columns.push({ title: Ashyq.t("Сілтемелер"), field: "_links", formatter: linkCell, headerSort: false, width: 104 });
    columns.forEach(function (c) { c.visible = !phone; });
    columns.push({ title: Ashyq.t("Ұйымдар"), field: "_card", formatter: cardCell, headerSort: false, visible: phone });
    return columns;
  }

  function makeTable() {
    var columns = tableColumns(PHONE.matches);
    PHONE.addEventListener("change", function () { table.setColumns(tableColumns(PHONE.matches)); });
    table = new Tabulator(els.table, {
      ajaxRequestFunc: servePage,
      pagination: true,
      paginationMode: "remote",
      paginationSize: PAGE_SIZE,
      // the page buttons go below the table, not into its footer: buttons are not allowed
      // inside role="grid" (axe aria-required-children)
      paginationElement: els.pager,
      sortMode: "remote",
      initialSort: state.sort ? [sorterOf(state.sort)] : [],  // parsed from the URL by readUrl
      columns: columns,
      layout: "fitColumns",
      maxHeight: PHONE.matches ? false : "75vh",  // a phone scrolls the page, not a box in it
      locale: "kk",
      langs: { kk: TABULATOR_KK },
      placeholder: Ashyq.t("Сәйкес жол жоқ")
    });
    // A reader who turns the page from the buttons below the table starts reading the new
    // page at its top (the site's sticky header is about 3rem tall).
    table.on("pageLoaded", function () {
      var top = els.table.getBoundingClientRect().top;
      if (top < 0) window.scrollBy(0, top - 64);
    });
    return new Promise(function (resolve) { table.on("tableBuilt", resolve); });
  }

  function wire() {
    var timer = null;
    els.search.addEventListener("input", function () {
      state.q = els.search.value;
      clearTimeout(timer);
      timer = setTimeout(update, rows.length > 50000 ? 150 : 0);
    });
    els.form.addEventListener("submit", function (event) { event.preventDefault(); });
    facetFields.forEach(function (f) {
      els.facets[f].addEventListener("change", function () {
        state.facets[f] = els.facets[f].value;
        update();
      });
    });
    els.form.addEventListener("reset", function (event) {
      event.preventDefault();
      state = { q: "", facets: {}, sort: "" };
      facetFields.forEach(function (f) { state.facets[f] = ""; });
      showState();
      update();
    });
    els.download.addEventListener("click", downloadRows);
    wireViewLinks();
    els.downloadExcelCsv.addEventListener("click", downloadExcelCsv);
    els.downloadXlsx.addEventListener("click", downloadXlsx);
    els.loadAll.addEventListener("click", function () {
      manifest.eager = true;
      update();
    });
    // The table is reached with Tab and scrolled with the keys. The focus goes to the grid
    // itself, not to its scrolling part (Tabulator makes that focusable): inside
    // role="grid" a focusable div is not an allowed child (axe aria-required-children).
    sortableByKeyboard();
    var holder = els.table.querySelector(".tabulator-tableholder");
    if (holder) {
      holder.removeAttribute("tabindex");
      els.table.setAttribute("tabindex", "0");
      els.table.addEventListener("keydown", function (event) { scrollByKey(event, holder); });
    }
  }

  // The column headers are the one way to sort. Tabulator sorts on a click (asc → desc → the
  // document's order) and sets aria-sort, but a header takes no focus: each sortable header
  // joins the Tab order, and Enter or Space clicks it, so the keyboard takes Tabulator's
  // own path.
  function sortableByKeyboard() {
    els.table.querySelectorAll(".tabulator-col.tabulator-sortable[role=columnheader]").forEach(function (header) {
      header.tabIndex = 0;
      header.addEventListener("keydown", function (event) {
        if (event.key !== "Enter" && event.key !== " ") return;
        event.preventDefault();  // Space would scroll the page
        header.click();
      });
    });
  }

  var SCROLL_KEYS = { ArrowDown: 1, ArrowUp: -1, PageDown: 2, PageUp: -2, End: 3, Home: -3 };

  function scrollByKey(event, holder) {
    var step = SCROLL_KEYS[event.key];
    if (event.defaultPrevented || event.target !== els.table || !step) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    var size = Math.abs(step) === 1 ? 40 : Math.abs(step) === 2 ? holder.clientHeight * 0.9 : holder.scrollHeight;
    holder.scrollTop += step > 0 ? size : -size;
  }

  readUrl();
  Promise.all([fetchJson(manifestUrl), makeTable()]).then(function (results) {
    manifest = results[0];
    indexRules();
    showState();
    wire();
    return update();
  }).then(function () {
    els.table.setAttribute("data-ready", "true");
  }).catch(function (err) {
    els.count.textContent = Ashyq.t("Кестені жүктеу мүмкін болмады: ") + err.message;
  });
})();
