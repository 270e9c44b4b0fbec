"""Atom feeds (RFC 4287) of the change log, written with the standard library.

Atom is a small, fixed vocabulary: xml.etree writes it well-formed and escaped, with the
elements in a fixed order, so a feed is deterministic to the byte. A feed library
(feedgen) would add lxml, a compiled dependency, for the same few dozen lines; the tests
parse every feed and check the elements RFC 4287 requires instead.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Entry:
    id: str  # a permanent IRI, see `stable_id`
    title: str
    updated: str  # RFC 3339, e.g. 2026-01-02T10:00:00+05:00
    author: str
    link: str  # the change on the site (absolute; relative to the feed when the address is unknown)
    content_html: str  # an HTML fragment; the feed carries it escaped (type="html")


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    updated: str
    self_link: str  # the feed file (absolute, as `Entry.link`)
    alternate_link: str  # the page of the changes
    entries: list[Entry]
    subtitle: str = ""


def stable_id(*parts: str) -> str:
    """A permanent, unique id from names that never change (the repository, a commit):
    `urn:uuid:` of a name-based UUID, valid in Atom and the same in every build."""
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join(parts))}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        el.text = text
    return el


def atom_xml(feed: Feed) -> str:
    """The feed as an Atom XML document."""
    root = ET.Element(f"{{{ATOM}}}feed")
    _sub(root, "id", feed.id)
    _sub(root, "title", feed.title)
    if feed.subtitle:
        _sub(root, "subtitle", feed.subtitle)
    _sub(root, "updated", feed.updated)
    _sub(root, "link", rel="self", type="application/atom+xml", href=feed.self_link)
    _sub(root, "link", rel="alternate", type="text/html", href=feed.alternate_link)
    _sub(root, "generator", "Ashyq Derek")
    for entry in feed.entries:
        el = _sub(root, "entry")
        _sub(el, "id", entry.id)
        _sub(el, "title", entry.title)
        _sub(el, "updated", entry.updated)
        author = _sub(el, "author")
        _sub(author, "name", entry.author or "—")
        _sub(el, "link", rel="alternate", type="text/html", href=entry.link)
        _sub(el, "content", entry.content_html, type="html")
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def html_fragment(element: ET.Element) -> str:
    """An element tree (built by the caller) as an escaped HTML fragment for `content`."""
    return ET.tostring(element, encoding="unicode", method="html")
