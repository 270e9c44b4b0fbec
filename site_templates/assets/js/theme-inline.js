/* Material for MkDocs' inline scripts (mkdocs-material 9.8.1, templates/partials/javascripts/
   base.html, palette.html, content.html), moved into this self-hosted file so that the pages'
   Content-Security-Policy can forbid inline scripts (script-src 'self'). Each page loads it
   where Material had the inline script, with data-step saying which one; the code is
   Material's own, unminified. Compare it with those partials when Material is upgraded. */
(function () {
  "use strict";
  var me = document.currentScript;
  var step = me && me.getAttribute("data-step");

  if (step === "scope") {
    // the storage helpers Material's bundle calls as globals
    window.__md_scope = new URL(me.getAttribute("data-scope") || ".", location);
    window.__md_hash = function (e) {
      return Array.from(e).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
    };
    window.__md_get = function (key, storage, scope) {
      storage = storage || localStorage;
      scope = scope || window.__md_scope;
      return JSON.parse(storage.getItem(scope.pathname + "." + key));
    };
    window.__md_set = function (key, value, storage, scope) {
      storage = storage || localStorage;
      scope = scope || window.__md_scope;
      try { storage.setItem(scope.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* full or denied */ }
    };
    return;
  }

  if (step === "palette") {
    // the reader's light/dark choice, applied before the page is painted
    var palette = window.__md_get("__palette");
    if (palette && palette.color) {
      if (palette.color.media === "(prefers-color-scheme)") {
        var media = matchMedia("(prefers-color-scheme: light)");
        var input = document.querySelector(media.matches
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']");
        palette.color.media = input.getAttribute("data-md-color-media");
        palette.color.scheme = input.getAttribute("data-md-color-scheme");
        palette.color.primary = input.getAttribute("data-md-color-primary");
        palette.color.accent = input.getAttribute("data-md-color-accent");
      }
      Object.keys(palette.color).forEach(function (key) {
        document.body.setAttribute("data-md-color-" + key, palette.color[key]);
      });
    }
    return;
  }

  if (step === "content") {
    // a link to a tab (#__tabbed_1_2) opens that tab
    var target = document.getElementById(location.hash.slice(1));
    if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
  }
})();
