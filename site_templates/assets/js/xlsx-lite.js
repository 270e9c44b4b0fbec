/* Ashyq Derek: a minimal XLSX writer for the explorer's "Excel of these rows".
 * Loaded only when a reader asks for an Excel file. It writes what the download needs and
 * no more: sheets of text and number cells, a bold header row that stays in view (frozen),
 * column widths and an autofilter; strings are inline (never formulas). The zip is
 * deflated with the browser's own CompressionStream where there is one, stored otherwise.
 * Why not a library: SheetJS's last npm release (xlsx 0.18.5, 2022) is no longer kept
 * there, and the others weigh 0.3–1 MB for a few hundred lines of XML; this is 10 KB (3.7 KB gzipped).
 *
 * AshyqXlsx.workbook(sheets) → Promise<Blob>, where a sheet is
 *   {name, columns: [{title, width, number}], rows: [[cell, …]], filter: bool, header: bool}
 * and a cell is a string, a number, or null/"" (empty). */
(function () {
  "use strict";

  var CRC = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var c = 0xFFFFFFFF;
    for (var i = 0; i < bytes.length; i++) c = CRC[(c ^ bytes[i]) & 0xFF] ^ (c >>> 8);
    return (c ^ 0xFFFFFFFF) >>> 0;
  }

  // XML text: escaped, and without the control characters XML 1.0 forbids
  function esc(value) {
    return String(value).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function colName(i) {
    var name = "";
    for (i += 1; i > 0; i = Math.floor((i - 1) / 26)) name = String.fromCharCode(65 + (i - 1) % 26) + name;
    return name;
  }

  function cell(ref, value, number, style) {
    var s = style ? ' s="' + style + '"' : "";
    if (value == null || value === "") return "";
    if (number && typeof value !== "boolean" && String(value).trim() !== "" && isFinite(Number(value))) {
      return '<c r="' + ref + '"' + s + "><v>" + Number(value) + "</v></c>";
    }
    return '<c r="' + ref + '"' + s + ' t="inlineStr"><is><t xml:space="preserve">' + esc(value) + "</t></is></c>";
  }

  function sheetXml(sheet) {
    var cols = sheet.columns, rows = sheet.rows, header = sheet.header !== false;
    var last = colName(Math.max(cols.length, 1) - 1) + Math.max(rows.length + (header ? 1 : 0), 1);
    var out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      '<dimension ref="A1:' + last + '"/>',
      '<sheetViews><sheetView workbookViewId="0">',
      header ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' : "",
      "</sheetView></sheetViews>", '<sheetFormatPr defaultRowHeight="15"/>', "<cols>"];
    cols.forEach(function (c, i) {
      out.push('<col min="' + (i + 1) + '" max="' + (i + 1) + '" width="' + (c.width || 10) + '" customWidth="1"/>');
    });
    out.push("</cols><sheetData>");
    var r = 1;
    if (header) {
      out.push('<row r="1">' + cols.map(function (c, i) { return cell(colName(i) + "1", c.title, false, 1); }).join("") + "</row>");
      r = 2;
    }
    rows.forEach(function (row) {
      var cells = "";
      for (var i = 0; i < cols.length; i++) cells += cell(colName(i) + r, row[i], cols[i].number, 0);
      out.push('<row r="' + r + '">' + cells + "</row>");
      r += 1;
    });
    out.push("</sheetData>");
    if (sheet.filter && header) out.push('<autoFilter ref="A1:' + last + '"/>');
    out.push("</worksheet>");
    return out.join("");
  }

  var STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
    '<fill><patternFill patternType="solid"><fgColor rgb="FFE8EEF4"/><bgColor indexed="64"/></patternFill></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">' +
    '<alignment wrapText="1" vertical="top"/></xf></cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

  function sheetName(name, i) {
    return String(name || "Sheet" + (i + 1)).replace(/[\[\]:*?\/\\]/g, "_").slice(0, 31);
  }

  function parts(sheets) {
    var files = [];
    var types = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>';
    var book = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>';
    var rels = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">';
    var names = "";
    sheets.forEach(function (sheet, i) {
      var n = i + 1, name = sheetName(sheet.name, i);
      types += '<Override PartName="/xl/worksheets/sheet' + n + '.xml" ' +
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>';
      book += '<sheet name="' + esc(name) + '" sheetId="' + n + '" r:id="rId' + n + '"/>';
      rels += '<Relationship Id="rId' + n + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" ' +
        'Target="worksheets/sheet' + n + '.xml"/>';
      if (sheet.filter && sheet.header !== false) {
        var last = colName(Math.max(sheet.columns.length, 1) - 1) + (sheet.rows.length + 1);
        names += '<definedName name="_xlnm._FilterDatabase" localSheetId="' + i + '" hidden="1">\'' +
          esc(name.replace(/'/g, "''")) + "'!$A$1:$" + last.replace(/(\d+)$/, function (row) { return "$" + row; }) + "</definedName>";
      }
      files.push(["xl/worksheets/sheet" + n + ".xml", sheetXml(sheet)]);
    });
    book += "</sheets>" + (names ? "<definedNames>" + names + "</definedNames>" : "") + "</workbook>";
    rels += '<Relationship Id="rId' + (sheets.length + 1) + '" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>';
    files.unshift(
      ["[Content_Types].xml", types + "</Types>"],
      ["_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        "</Relationships>"],
      ["xl/workbook.xml", book],
      ["xl/_rels/workbook.xml.rels", rels],
      ["xl/styles.xml", STYLES]);
    return files;
  }

  function deflate(bytes) {
    if (typeof CompressionStream !== "function") return Promise.resolve(null);
    try {
      var stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
      return new Response(stream).arrayBuffer().then(function (buf) { return new Uint8Array(buf); },
        function () { return null; });
    } catch (e) {
      return Promise.resolve(null);
    }
  }

  // A zip of [name, text] entries; every timestamp 1980-01-01 (a file's date is the data's)
  function zip(entries) {
    var encoder = new TextEncoder();
    return Promise.all(entries.map(function (entry) {
      var data = encoder.encode(entry[1]);
      return deflate(data).then(function (packed) {
        var stored = !packed || packed.length >= data.length;
        return { name: encoder.encode(entry[0]), crc: crc32(data), size: data.length,
                 body: stored ? data : packed, method: stored ? 0 : 8 };
      });
    })).then(function (files) {
      var chunks = [], central = [], offset = 0;
      function header(size, f, isCentral, at) {
        var h = new DataView(new ArrayBuffer(size));
        var p = 0;
        function u16(v) { h.setUint16(p, v, true); p += 2; }
        function u32(v) { h.setUint32(p, v, true); p += 4; }
        u32(isCentral ? 0x02014b50 : 0x04034b50);
        if (isCentral) u16(20);
        u16(20); u16(0x0800); u16(f.method); u16(0); u16(0x0021);  // UTF-8 names; 1980-01-01 00:00
        u32(f.crc); u32(f.body.length); u32(f.size); u16(f.name.length); u16(0);
        if (isCentral) { u16(0); u16(0); u16(0); u32(0); u32(at); }
        return new Uint8Array(h.buffer);
      }
      files.forEach(function (f) {
        var local = header(30, f, false, 0);
        central.push(header(46, f, true, offset), f.name);
        chunks.push(local, f.name, f.body);
        offset += local.length + f.name.length + f.body.length;
      });
      var size = central.reduce(function (n, c) { return n + c.length; }, 0);
      var end = new DataView(new ArrayBuffer(22));
      end.setUint32(0, 0x06054b50, true);
      end.setUint16(8, files.length, true);
      end.setUint16(10, files.length, true);
      end.setUint32(12, size, true);
      end.setUint32(16, offset, true);
      return new Blob(chunks.concat(central, [new Uint8Array(end.buffer)]),
        { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    });
  }

  window.AshyqXlsx = {
    workbook: function (sheets) { return zip(parts(sheets)); }
  };
})();
