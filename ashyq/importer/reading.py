"""Read the text of an act from a .txt, .pdf or .html file, as plain inert text.

Every reader returns the same thing: the text's lines, 1-based (`lines[n]` is line n), with
control and formatting characters removed, so that the rest of the importer, and every CSV it
writes, sees only plain text. A file that cannot be an act's text (empty, binary, too large,
a scanned PDF without a text layer) raises `ReadError` with a message and a fix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# The largest file read: a 300-page act is about 1 MB of text, 5-10 MB as PDF. Larger files
# are refused before they are read (a 50 MB upload is a mistake, not an act).
MAX_BYTES = 20 * 1024 * 1024
MAX_PDF_PAGES = 1000


class ReadError(Exception):
    """The file cannot be read as an act: `code`, what is wrong, how to fix it."""

    def __init__(self, code: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.code, self.message, self.fix = code, message, fix


@dataclass
class SourceText:
    """An act's text as read: `lines[0]` is unused, `lines[n]` is line n."""

    path: Path
    kind: str  # "text" | "pdf" | "html"
    raw: bytes
    lines: list[str]
    cleaned: int = 0  # characters removed or replaced to make the text inert
    markup_lines: list[int] = field(default_factory=list)  # lines where markup or javascript: was taken out

    @property
    def text(self) -> str:
        return "\n".join(self.lines[1:])

    @property
    def count(self) -> int:
        return len(self.lines) - 1


# Control and formatting characters (C0/C1 controls but tab and line feed, zero-width and
# direction marks, soft hyphen, byte-order mark, private-use glyphs a PDF font may map to).
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Co", "Cs"}
_SPACES = {"\u00a0", "\u2007", "\u202f", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
           "\u2005", "\u2006", "\u2008", "\u2009", "\u200a", "\u3000"}
_PDF_CID = re.compile(r"\(cid:\d+\)")


def make_inert(text: str) -> tuple[str, int]:
    """Plain text: NFC, CR/CRLF → LF, odd spaces → space, invisible characters dropped,
    pdfminer's "(cid:N)" (a glyph without a Unicode mapping) dropped. Returns the text and
    how many characters were dropped or replaced (the caller reports them)."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text, cids = _PDF_CID.subn("", text)
    out = []
    dropped = cids
    for ch in text:
        if ch in "\n\t":
            out.append(ch if ch == "\n" else " ")
        elif ch in _SPACES:
            out.append(" ")
        elif unicodedata.category(ch) in _INVISIBLE_CATEGORIES or ch in "\u2028\u2029":
            dropped += 1
        else:
            out.append(ch)
    return "".join(out), dropped


def read_source(path: Path) -> SourceText:
    """Read `path` (.txt or any text, .pdf, .html/.htm) as an act's text; raise ReadError."""
    if not path.exists():
        raise ReadError("no-file", f"{path}: no such file", "give the path of the act's .txt, .pdf or .html file")
    if path.is_dir():
        raise ReadError("no-file", f"{path}: is a folder, not a file", "give the path of one act's file")
    size = path.stat().st_size
    if size == 0:
        raise ReadError("empty-file", f"{path}: the file is empty",
                        "save the act's text into the file, then import it again")
    if size > MAX_BYTES:
        raise ReadError("file-too-large",
                        f"{path}: {size / 1024 / 1024:.1f} MB; an act's text is at most "
                        f"{MAX_BYTES // 1024 // 1024} MB",
                        "give the act itself (one act per file), not an archive or a scan of many documents")
    raw = path.read_bytes()
    suffix = path.suffix.casefold()
    if raw.startswith(b"%PDF-") or suffix == ".pdf":
        kind, text = "pdf", _read_pdf(path, raw)
    else:
        text = _decode(path, raw)
        looks_html = suffix in (".html", ".htm", ".xhtml") or re.match(
            r"\s*(?:<!doctype html|<html|<head|<body|<meta|<div|<p[\s>])", text[:2000], re.IGNORECASE)
        kind = "html" if looks_html else "text"
        if kind == "html":
            text = html_text(text)
    text, cleaned = make_inert(text)
    text, markup_lines = strip_markup(text)
    if not re.search(r"[^\W\d_]", text):
        raise ReadError("no-text", f"{path}: the file holds no words",
                        "give the act's text (a .txt, a PDF with a text layer, or the saved HTML page)")
    return SourceText(path=path, kind=kind, raw=raw, lines=[""] + text.split("\n"), cleaned=cleaned,
                      markup_lines=markup_lines)


# Markup left in the text (an HTML page's escaped «&lt;script&gt;», tags typed into a .txt)
# and javascript: links: no act prints them, and no CSV may hold them (`html-markup`).
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][^<>\n]*>|<!--.*?-->|<\s*/?\s*(?:script|style|iframe|img|svg|a)\b|"
                     r"javascript\s*:", re.IGNORECASE)


def strip_markup(text: str) -> tuple[str, list[int]]:
    """The text without markup and javascript: links, and the lines that held some."""
    if not _MARKUP.search(text):
        return text, []
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        if _MARKUP.search(line):
            lines[i] = re.sub(r"  +", " ", _MARKUP.sub(" ", line)).rstrip()
            found.append(i + 1)
    return "\n".join(lines), found


def _decode(path: Path, raw: bytes) -> str:
    if b"\x00" in raw[:65536]:
        raise ReadError("binary-file", f"{path}: a binary file (it holds NUL bytes), not a text, PDF or HTML",
                        "give the act as UTF-8 text, a PDF with a text layer, or a saved HTML page")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise ReadError("not-utf8",
                        f"{path}:{line}: the file is not UTF-8 (byte {exc.start}); it may be binary or "
                        "saved in another encoding (Windows-1251, KZ-1048)",
                        "save the text as UTF-8 (in a text editor: Save as → Encoding: UTF-8)") from None


def _read_pdf(path: Path, raw: bytes) -> str:
    """The PDF's text layer, page after page. PDFium (pypdfium2, Chrome's PDF engine) reads
    it: about 2 ms a page, where pdfplumber (pdfminer) takes 60-70 ms a page, too slow for
    a 100-page act (under 2 s is the target, `make bench`). pdfplumber, which brings
    pypdfium2, reads the PDFs that PDFium cannot open."""
    if not raw.startswith(b"%PDF-"):
        raise ReadError("not-pdf", f"{path}: named .pdf but not a PDF file",
                        "give the PDF itself, or rename the file to what it is")
    try:
        pages = _pdfium_pages(path)
    except ReadError:
        raise
    except Exception:  # noqa: BLE001 - PDFium refuses some damaged files that pdfminer reads
        pages = _pdfplumber_pages(path)
    text = "\n".join(pages)
    if not re.search(r"[^\W\d_]{2,}", text):
        raise ReadError("no-text-layer",
                        f"{path}: the PDF has no text layer ({len(pages)} page(s) of images: a scan)",
                        "find the act's text on adilet.zan.kz (save the page as HTML or copy the text into a .txt), "
                        "or run OCR on the scan and check the text by hand before importing it")
    return text


def _too_many_pages(path: Path, count: int) -> ReadError:
    return ReadError("file-too-large", f"{path}: {count} pages; an act has at most {MAX_PDF_PAGES}",
                     "give the act itself (one act per file)")


def _pdfium_pages(path: Path) -> list[str]:
    import pypdfium2  # imported here: only PDFs need it

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        if len(pdf) > MAX_PDF_PAGES:
            raise _too_many_pages(path, len(pdf))
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def _pdfplumber_pages(path: Path) -> list[str]:
    import pdfplumber

    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PDF_PAGES:
                raise _too_many_pages(path, len(pdf.pages))
            return [page.extract_text(layout=False) or "" for page in pdf.pages]
    except ReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a broken file
        raise ReadError("broken-pdf", f"{path}: the PDF cannot be read ({type(exc).__name__})",
                        "open it in a PDF reader; if it opens, save it again as PDF (Print → Save as PDF) "
                        "and import that") from None


# HTML: block elements end a line; script, style, template, noscript, head and their
# contents are dropped; comments are dropped; text is unescaped once and kept as text.
_BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
           "article", "header", "footer", "ul", "ol", "blockquote", "pre", "hr", "dt", "dd", "title"}
_DROPPED = {"script", "style", "template", "noscript", "head", "iframe", "object", "svg", "math", "button", "select",
            "nav", "footer", "aside", "form", "menu"}  # a site's navigation and footer are no part of the act
_CELLS = {"td", "th"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.skip += 1
        elif tag in _BLOCKS and not self.skip:
            self.parts.append("\n")
        elif tag in _CELLS and not self.skip:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS and not self.skip:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCKS and not self.skip:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    """The visible text of an HTML page: blocks on their own lines, runs of spaces inside
    a line as one space; scripts, styles, comments and markup gone."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:  # at most one blank line in a row
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"
