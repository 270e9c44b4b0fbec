"""Long lists split into pages with stable URLs: the first page at the list's own URL, the
next ones at "<url>page/<n>/" (urls.paged). A list at or under a page's size stays one page,
so a small site is unchanged; a national corpus gets pages of HTML under 500 KB (issue 18).

`split` cuts the items; `pager` is what a page shows to move between them (rel="prev"/"next"
links and every page's number), relative to the page that shows it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from ashyq import urls
from ashyq.urls import link
from ashyq.views import documented

T = TypeVar("T")


@dataclass(frozen=True)
class PageLink:
    """One page of a paged list, as the pager names it."""

    number: int = documented("its number, from 1")
    href: str = documented("link to it, relative to the page that shows the pager")
    first: str = documented("how its first item is named, e.g. a date; \"\" when the list gives none", default="")
    last: str = documented("how its last item is named; \"\" when the list gives none", default="")


@dataclass(frozen=True)
class Pager:
    """Where a page is in its list and the links to the others (an empty pager: one page)."""

    number: int = documented("the page's number, from 1", default=1)
    total: int = documented("how many pages the list has (1: not paged)", default=1)
    items: int = documented("how many items the whole list has, on every page together", default=0)
    previous_href: str = documented('link to the page before; "" on the first', default="")
    next_href: str = documented('link to the page after; "" on the last', default="")
    pages: list[PageLink] = documented("every page of the list, in order; empty when the list is one page",
                                       default_factory=list)


def split(items: Sequence[T], per_page: int) -> list[list[T]]:
    """`items` in pages of `per_page` (the last one shorter); one page (maybe empty) when they fit."""
    if per_page < 1:
        raise ValueError(f"a page holds at least one item, not {per_page}")
    if len(items) <= per_page:
        return [list(items)]
    return [list(items[i:i + per_page]) for i in range(0, len(items), per_page)]


def pager(url: str, n: int, pages: int, items: int = 0, names: Sequence[tuple[str, str]] = ()) -> Pager:
    """The pager of page `n` of `pages` of the list at site URL `url` (urls.paged gives each
    page's URL); `names` the first and last item of each page, as the links name them."""
    page = urls.docs_path(urls.paged(url, n))
    if pages <= 1:
        return Pager(1, 1, items)

    def href(i: int) -> str:
        return link(page, urls.paged(url, i))

    return Pager(
        number=n, total=pages, items=items,
        previous_href=href(n - 1) if n > 1 else "",
        next_href=href(n + 1) if n < pages else "",
        pages=[PageLink(i, href(i), *(names[i - 1] if i <= len(names) else ("", ""))) for i in range(1, pages + 1)],
    )
