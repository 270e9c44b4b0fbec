/* Ashyq Derek: the downloads a reader's browser makes from a CSV of the site (a[data-convert]
 * on a data package's page): the CSV for Excel on Windows and the JSON records. The site
 * stores no file of them: they would hold every row twice more (at the national corpus,
 * 160 MB of the data folder's 260 MB). The link's href is the CSV, `download` the name the
 * file is saved under, data-types the CSV's integer and number fields.
 *   excel-csv: UTF-8 with a byte order mark (by which Excel knows the encoding), ";" between
 *     cells, CRLF, and "," as the decimal mark in number fields: what Excel opens by a double
 *     click under Kazakh and Russian settings (with "." a 2.5 becomes a date);
 *   json: an array of objects, one per line, keys in the CSV's order; integers and numbers as
 *     JSON numbers, an empty cell as null, every other cell as text as written.
 * Only d3-dsv's csvParseRows is used (its object parser compiles code, which the site's
 * policy forbids). */
(function () {
  "use strict";

  function excelCell(text) {
    // quoted as Python's csv writer quotes (QUOTE_MINIMAL): only where the cell needs it
    return /[";\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function excelCsv(rows, types) {
    var header = rows[0] || [];
    var decimal = header.map(function (name) { return types[name] === "number"; });
    var lines = rows.map(function (row, r) {
      return row.map(function (cell, i) {
        return excelCell(r > 0 && decimal[i] ? cell.replace(/\./g, ",") : cell);
      }).join(";");
    });
    return "\ufeff" + lines.map(function (line) { return line + "\r\n"; }).join("");
  }

  function typed(cell, type) {
    if (cell === "") return null;
    if (type === "integer") return parseInt(cell, 10);
    if (type === "number") return parseFloat(cell);
    return cell;
  }

  function records(rows, types) {
    var header = rows[0] || [];
    var lines = rows.slice(1).map(function (row) {
      var record = {};
      header.forEach(function (name, i) { record[name] = typed(row[i] === undefined ? "" : row[i], types[name]); });
      return JSON.stringify(record);
    });
    return "[\n" + lines.join(",\n") + (lines.length ? "\n" : "") + "]\n";
  }

  var MAKERS = {
    "excel-csv": { make: excelCsv, type: "text/csv;charset=utf-8" },
    "json": { make: records, type: "application/json;charset=utf-8" }
  };

  var save = window.Ashyq.save;  // ashyq.js

  function status(link) {
    var next = link.nextElementSibling;
    if (next && next.classList.contains("ashyq-convert-status")) return next;
    var span = document.createElement("span");
    span.className = "ashyq-convert-status";
    span.setAttribute("role", "status");
    link.insertAdjacentElement("afterend", span);
    return span;
  }

  function convert(link) {
    var maker = MAKERS[link.getAttribute("data-convert")];
    var types = JSON.parse(link.getAttribute("data-types") || "{}");
    var shown = status(link);
    shown.textContent = Ashyq.t("Файл жасалып жатыр…");
    link.setAttribute("aria-busy", "true");
    return fetch(link.href).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      return response.text();
    }).then(function (text) {
      var rows = window.d3.csvParseRows(text.charAt(0) === "\ufeff" ? text.slice(1) : text);
      save(new Blob([maker.make(rows, types)], { type: maker.type }), link.getAttribute("download"));
      shown.textContent = "";
    }).catch(function (error) {
      shown.textContent = Ashyq.t("Файлды жасау мүмкін болмады (") + error.message + Ashyq.t("). CSV файлын жүктеп алыңыз.");
    }).then(function () { link.removeAttribute("aria-busy"); });
  }

  document.querySelectorAll("a[data-convert]").forEach(function (link) {
    if (!MAKERS[link.getAttribute("data-convert")] || !window.d3 || !window.fetch) return;
    link.hidden = false;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      if (link.getAttribute("aria-busy") !== "true") convert(link);
    });
  });
})();
