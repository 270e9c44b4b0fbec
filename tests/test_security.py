"""Security headers for a static host (issue 19, point 6): a Content-Security-Policy that
allows scripts only from the site itself (no inline script, no on*= handler anywhere), a
referrer policy, nothing loaded from elsewhere. Proven twice: over every HTML file of a built
site, and in a browser that records every CSP violation on one page of every page type."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest

from ashyq.build import security_headers
from ashyq.settings import read_settings

pytestmark = pytest.mark.fault

POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data: blob:; "
          "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")
# <script type> values a browser does not run (data for our scripts, JSON-LD for search engines)
DATA_SCRIPTS = {"application/json", "application/ld+json"}


def test_the_policy_forbids_inline_and_foreign_scripts():
    policy = read_settings().content_security_policy
    assert policy == POLICY
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    # scripts from the site only; WebAssembly may compile (the search's Pagefind), JavaScript may not eval
    assert directives["script-src"].split() == ["'self'", "'wasm-unsafe-eval'"]
    tokens = policy.replace(";", " ").split()
    assert "'unsafe-eval'" not in tokens and "'unsafe-inline'" not in directives["script-src"]
    assert directives["object-src"] == "'none'"


def test_headers_file_carries_what_only_a_header_can_say():
    # every top-level entry but the embeds keeps other sites from framing it; no rule
    # covers both (a path matching two rules would get both policies, and 'self' would win)
    assert security_headers(POLICY, ["404.html", "_headers", "embed/", "quotas/"]).splitlines()[3:] == [
        "/*",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  X-Content-Type-Options: nosniff",
        "/",
        f"  Content-Security-Policy: {POLICY}; frame-ancestors 'self'",
        "/404.html",
        f"  Content-Security-Policy: {POLICY}; frame-ancestors 'self'",
        "/quotas/*",
        f"  Content-Security-Policy: {POLICY}; frame-ancestors 'self'",
        "# the embeds: any site may show them in an <iframe>",
        "/embed/*",
        f"  Content-Security-Policy: {POLICY}; frame-ancestors *",
    ]


class PageScan(HTMLParser):
    """What a page would run or load: inline scripts, on*= handlers, script/link/img sources."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline: list[str] = []
        self.handlers: list[str] = []
        self.sources: list[str] = []
        self.metas: dict[str, str] = {}
        self._script: str | None = None  # the type of the <script> being read, when inline

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = {k: v or "" for k, v in attrs}
        self.handlers += [f"<{tag} {k}=…>" for k in named if k.startswith("on")]
        if tag == "script":
            kind = named.get("type", "").split(";")[0].strip().lower()
            if "src" in named:
                self.sources.append(named["src"])
            elif kind not in DATA_SCRIPTS:
                self._script = kind or "text/javascript"
        elif tag == "link" and "href" in named and named.get("rel") not in ("canonical", "alternate", "next", "prev"):
            self.sources.append(named["href"])
        elif tag == "img" and "src" in named:
            self.sources.append(named["src"])
        elif tag == "meta" and ("http-equiv" in named or named.get("name") == "referrer"):
            self.metas[named.get("http-equiv") or "referrer"] = named.get("content", "")

    def handle_data(self, data: str) -> None:
        if self._script is not None and data.strip():
            self.inline.append(data.strip()[:80])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def test_no_page_of_the_built_site_runs_inline_code_or_loads_from_elsewhere(real_site):
    """Every HTML file of the site of the real data (every page of every type): no inline
    executable script, no on*= attribute, every script, style sheet and image from the site
    itself; the policy and the referrer policy in its head; the _headers file."""
    site = real_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 200
    problems = []
    for page in pages:
        scan = PageScan()
        scan.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(site).as_posix()
        problems += [f"{where}: inline script {s!r}" for s in scan.inline]
        problems += [f"{where}: event handler {h}" for h in scan.handlers]
        problems += [f"{where}: loads {src} from elsewhere" for src in scan.sources
                     if urlparse(src).scheme or src.startswith("//")]
        if scan.metas.get("Content-Security-Policy") != POLICY or scan.metas.get("referrer") != \
                "strict-origin-when-cross-origin":
            problems.append(f"{where}: no Content-Security-Policy or referrer <meta>: {scan.metas}")
    assert problems == []
    top = sorted(p.name + ("/" if p.is_dir() else "") for p in site.iterdir())
    assert (site / "_headers").read_text(encoding="utf-8") == security_headers(POLICY, top)


# ----------------------------------------------------------------- in a browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ` +
  `${e.sourceFile || location.pathname}:${e.lineNumber}`));
"""


def one_page_of_every_type(site: Path) -> dict[str, str]:
    """A page of each type, as found in the built site (the first in name order)."""
    def first(pattern: str) -> str:
        found = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.glob(pattern))
        assert found, pattern
        return found[0]

    return {
        "home": "", "quotas explorer": "quotas/", "place": first("places/*/index.html"),
        "resolution": first("resolutions/*/index.html"), "programme": first("programs/*/index.html"),
        "rating": first("ratings/*/index.html"), "data package": first("data/*/index.html"),
        "source document": first("sources/quotas/*/index.html"), "changes": "changes/", "contribute": "contribute/",
        "compare (charts made in the browser)": "compare/?places=borli,oral",
    }


@pytest.mark.browser
def test_every_page_type_runs_under_the_policy_in_a_browser(page, real_site, real_site_url):
    """Each page type with its tables and charts drawn (plotly.js under script-src 'self', no
    eval), then the site search used once: no CSP violation, no console error, no request to
    a host other than 127.0.0.1."""
    from tests.conftest import wait_until_drawn

    page.add_init_script(RECORD_VIOLATIONS)
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(f"{msg.type}: {msg.text}")
            if re.search("Content.Security.Policy|Refused to", msg.text) else None)
    seen = {}
    for kind, path in one_page_of_every_type(real_site).items():
        page.goto(real_site_url + path)
        wait_until_drawn(page)
        seen[kind] = page.evaluate("window.__cspViolations")
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    page.keyboard.type("Бөрлі")
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    seen["search"] = page.evaluate("window.__cspViolations")
    assert {kind: v for kind, v in seen.items() if v} == {}
    assert messages == []
    assert page.browser_log.outside_requests == [] and page.browser_log.console_errors == []
    # the policy is in force: an inline script is refused (and reported)
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                             document.head.appendChild(s); }""")
    assert page.evaluate("window.__ran") is None
    assert page.evaluate("window.__cspViolations.length") == 1
