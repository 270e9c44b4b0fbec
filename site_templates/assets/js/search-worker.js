/* The site search's worker: Material for MkDocs' search box and result list, fed by Pagefind.
 *
 * Material starts this file as its search worker (overrides/main.html points its config at
 * it) and talks to it in its own protocol: SETUP (its index: only the config is left in it,
 * see ashyq/search.py), READY, QUERY (the text of the box) and RESULT (the items it draws).
 * This worker answers a query from the Pagefind index of the site (pagefind/, written by
 * `ashyq build`): Pagefind loads the chunks of the index the query's words need, and one
 * small fragment per result shown. Nothing is loaded before the reader first focuses the box
 * (ashyq.js tells) or types.
 *
 * Pagefind is loaded with import() (it is an ES module) and runs here, off the page's thread.
 * It compiles WebAssembly: a Content-Security-Policy that covers this file needs
 * 'wasm-unsafe-eval' in script-src.
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's SearchMessageType
var SHOWN = 10;        // results drawn per query (one fragment fetched each): Material shows 10 at once
var SECTIONS = 4;      // sections of a page listed under it at most
var QUIET = 60;        // ms a query must stand before its fragments load: not for every key typed
var MIN_LENGTH = 2;    // letters a query needs

var params = new URL(self.location.href).searchParams;
var LANG = params.get("lang") || "kk";

/* Pagefind picks the index of the page's language from document's <html lang>; a worker has
 * no document, so it is told the site's language (one index per language). */
self.document = { querySelector: function () { return { getAttribute: function () { return LANG; } }; } };

var pagefind = null;   // the module, once loaded (a promise)
var latest = 0;        // the number of the newest query: older answers are dropped

function load() {
  if (!pagefind) {
    var url = new URL("../../pagefind/pagefind.js", self.location.href).href;
    pagefind = import(url).then(function (pf) {
      return pf.options({ baseUrl: "/", excerptLength: 20 }).then(function () {
        return pf.init();
      }).then(function () { return pf; });
    });
    pagefind.catch(function () { pagefind = null; });  // try again on the next query
  }
  return pagefind;
}

function escapeText(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/* Pagefind's excerpt is text with <mark> around the words found, and only < and > escaped:
 * escape it for Material's list (which inserts it as HTML), keeping the marks. */
function excerpt(html) {
  var marked = false;
  return (html || "").split(/(<\/?mark>)/).map(function (part) {
    if (part === "<mark>" || part === "</mark>") {
      marked = part === "<mark>";
      return "";
    }
    var text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
    if (!marked) return escapeText(text);
    // Pagefind marks a word with the punctuation around it («"Орал», «Бөрлі.»): mark the word
    var word = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su.exec(text);
    return escapeText(word[1]) + (word[2] ? "<mark>" + escapeText(word[2]) + "</mark>" : "") + escapeText(word[3]);
  }).join("");
}

function fold(text) {
  return text.toLocaleLowerCase(LANG).normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/* A title with the words that begin with a query's word marked, as Material marks them. */
function markTitle(title, words) {
  return escapeText(title || "").replace(/[\p{L}\p{N}]+/gu, function (word) {
    var folded = fold(word);
    return words.some(function (w) { return folded.startsWith(w); }) ? "<mark>" + word + "</mark>" : word;
  });
}

function pagePath(url) {
  return url.replace(/^\/+/, "").replace(/index\.html$/, "");
}

/* One Material result item: the page first (its location has no #), then its sections. */
function item(data, score, words, terms) {
  var page = pagePath(data.raw_url || data.url);
  var title = (data.meta && data.meta.title) || page;
  var sections = (data.sub_results || []).filter(function (sub) {
    return sub.anchor && sub.anchor.id && sub.anchor.element !== "h1";
  }).slice(0, SECTIONS);
  var group = [{ location: page, title: markTitle(title, words), text: excerpt(data.excerpt),
                 score: score, terms: terms }];
  sections.forEach(function (sub, i) {
    group.push({ location: page + "#" + sub.anchor.id, title: markTitle(sub.title, words),
                 text: excerpt(sub.excerpt), score: score * (0.9 - i * 0.01), terms: terms });
  });
  return group;
}

/* How many pages a query found, when more than are drawn: Material counts the items it is
 * given, so ashyq.js says the whole count (BroadcastChannel: a worker cannot reach the page). */
var counts = typeof BroadcastChannel === "function" ? new BroadcastChannel("ashyq-search") : null;

/* Material sends the empty query when the page loads, not when the box gets the focus:
 * ashyq.js says so ({prepare: true}), and Pagefind loads while the reader types. */
if (counts) counts.addEventListener("message", function (event) {
  if (event.data && event.data.prepare) load().catch(function () {});
});

function wait(ms) {
  return new Promise(function (resolve) { setTimeout(resolve, ms); });
}

/* One Pagefind search at a time, and only the newest query after it: each key typed asks
 * anew, and a search's WebAssembly part cannot be stopped, so the prefixes typed meanwhile
 * are skipped (their index chunks are fetched ahead: preload). The next search starts in a
 * new task, after the queries that came during the last one have been read. */
var running = false;
var pending = null;

function ask(query, number) {
  pending = { query: query, number: number };
  if (pagefind) pagefind.then(function (pf) { return pf.preload(query); }).catch(function () {});
  if (!running) {
    running = true;
    setTimeout(next, 0);
  }
}

function next() {
  var asked = pending;
  pending = null;
  if (!asked || asked.number !== latest) {
    running = false;
    return;
  }
  var found = load().then(function (pf) { return pf.search(asked.query); });
  found.then(later, later);
  answer(asked.query, asked.number, Date.now(), found);
}

function later() {
  setTimeout(next, 0);
}

/* Draw the results of `query` (when it is still the newest after QUIET ms: the next key of a
 * word being typed comes sooner) with the fragments of the best SHOWN pages. */
function answer(query, number, asked, found) {
  // Material's ?h= highlighter on the page found matches the words as typed (lower case)
  var typed = query.trim().split(/\s+/).filter(Boolean).map(function (w) { return w.toLocaleLowerCase(LANG); });
  var words = typed.map(fold);
  var terms = {};
  typed.forEach(function (w) { terms[w] = true; });
  found.then(function (result) {
    return wait(Math.max(0, asked + QUIET - Date.now())).then(function () { return result; });
  }).then(function (result) {
    if (number !== latest) return null;
    var shown = result.results.slice(0, SHOWN);
    if (counts) counts.postMessage({ query: query, shown: shown.length, total: result.results.length });
    return Promise.all(shown.map(function (r) { return r.data(); })).then(function (pages) {
      return pages.map(function (data, i) { return item(data, shown[i].score, words, terms); });
    });
  }).then(function (items) {
    if (items && number === latest) self.postMessage({ type: RESULT, data: { items: items } });
  }, function (error) {
    console.warn("Іздеу жұмыс істемеді:", error);
    if (number !== latest) return;
    self.postMessage({ type: RESULT, data: { items: [] } });
    // not «nothing found»: the search itself failed (ashyq.js says so above the list)
    if (counts) counts.postMessage({ query: query, failed: true });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var number = ++latest;
    var query = String(message.data || "");
    if (!query.trim()) {
      self.postMessage({ type: RESULT, data: { items: [] } });
      return;
    }
    if (Array.from(query.trim()).length < MIN_LENGTH) {
      // one letter matches most of the site and costs the longest search: ashyq.js asks for more
      self.postMessage({ type: RESULT, data: { items: [] } });
      if (counts) counts.postMessage({ query: query, short: true });
      load().catch(function () {});
      return;
    }
    ask(query, number);
  }
});
