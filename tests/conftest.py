"""Shared fixtures: fixture packages, built sites, a local server and a real browser."""

from __future__ import annotations

import contextlib
import functools
import html.parser
import http.server
import importlib.util
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest

# The test session builds the Kazakh site only (a three-language build takes about three times
# as long, and ~1,150 tests build sites): the i18n tests and the golden site ask for the three
# languages themselves (real_site_i18n, tests/test_golden.py).
os.environ.setdefault("ASHYQ_LANGUAGES", "kk")

from ashyq.build import build_site  # noqa: E402
from ashyq.i18n import LANGUAGES  # noqa: E402
from ashyq.paths import DATASETS, ROOT  # noqa: E402

TEST_DATA = ROOT / "tests" / "data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]
# The test browser reaches 127.0.0.1 only: every other host name resolves to nothing, so a
# request that leaves the site fails in the browser itself (the page fixture records it).
# Cheaper than a Playwright route on every request, which stops each one for a round trip
# to Python.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]


@pytest.fixture
def valid_datasets(tmp_path: Path) -> Path:
    """A writable copy of the tiny valid fixture packages."""
    target = tmp_path / "datasets"
    shutil.copytree(TEST_DATA / "valid", target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the real datasets/ once per test session."""
    out = tmp_path_factory.mktemp("real") / "site"
    build_site(DATASETS, out)
    return out


@pytest.fixture(scope="session")
def real_site_i18n(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the real datasets/ in its three languages, once per session."""
    out = tmp_path_factory.mktemp("real-i18n") / "site"
    build_site(DATASETS, out, languages=LANGUAGES)
    return out


@pytest.fixture(scope="session")
def real_site_i18n_url(real_site_i18n: Path) -> Iterator[str]:
    with serve_folder(real_site_i18n) as url:
        yield url


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port) for the duration; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


# The synthetic corpus of scripts/synth.py at a small N: large enough that the explorer's
# table has several pages, small enough to build in seconds.
SYNTH_ROWS = 2000


def load_synth():  # scripts/ is not a package: load the script as a module
    if "synth" in sys.modules:
        return sys.modules["synth"]
    spec = importlib.util.spec_from_file_location("synth", ROOT / "scripts" / "synth.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["synth"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def synth_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "corpus"
    load_synth().generate(SYNTH_ROWS, out, seed=7)
    return out


@pytest.fixture(scope="session")
def synth_site(synth_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth-site") / "site"
    build_site(synth_corpus, out)
    return out


@pytest.fixture(scope="session")
def synth_site_url(synth_site: Path) -> Iterator[str]:
    with serve_folder(synth_site) as url:
        yield url


@pytest.fixture(scope="session")
def real_site_url(real_site: Path) -> Iterator[str]:
    with serve_folder(real_site) as url:
        yield url


@dataclass
class BrowserLog:
    """What a page tried to do that it should not: leave 127.0.0.1, or log an error."""

    outside_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + OFFLINE_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page whose requests to anything but 127.0.0.1 are recorded (and fail: the
    browser resolves no other host, OFFLINE_ARGS)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="kk-KZ",
                                  accept_downloads=True)
    log = BrowserLog()

    def record(request):
        if not request.url.startswith(("data:", "blob:")) and urlparse(request.url).hostname != "127.0.0.1":
            log.outside_requests.append(request.url)

    context.on("request", record)
    pg = context.new_page()
    pg.on("console", lambda msg: msg.type == "error" and log.console_errors.append(msg.text))
    pg.on("pageerror", lambda exc: log.console_errors.append(str(exc)))
    pg.browser_log = log
    pg.wait_for_function = functools.partial(wait_for_function_under_csp, pg.wait_for_function)
    yield pg
    context.close()


# A function literal: "() => …", "el => …", "(a, b) => …", "function (…) {…}" (async or not).
FUNCTION_LITERAL = re.compile(r"^\s*(async\s+)?(function\b|\([^()]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)")


def wait_for_function_under_csp(wait, expression: str, *args, **kwargs):
    """page.wait_for_function that works under the site's Content-Security-Policy: Playwright
    polls a bare expression ("document.querySelector(…)…") with eval(), which script-src
    'self' refuses (an EvalError whenever the condition is not true at once); a function
    literal it calls directly. So every bare expression is made a function first."""
    if not FUNCTION_LITERAL.match(expression):
        expression = f"() => ({expression})"
    return wait(expression, *args, **kwargs)


# Every table and chart the page's scripts enhance has said it is ready.
READY = """() => Array.from(document.querySelectorAll(
    '.ashyq-table[data-rows], #quota-table, .ashyq-chart, section.ashyq-map'))
  .every(el => el.getAttribute('data-ready') === 'true')"""


def wait_until_drawn(page, timeout: int = 20_000) -> None:
    """Scroll every chart into view, as a reader would (ashyq.js loads plotly.js and draws a
    chart only when it comes near the screen), then wait until every table and chart is
    ready; back at the top of the page afterwards."""
    for chart in page.query_selector_all(".ashyq-chart, section.ashyq-map"):
        chart.scroll_into_view_if_needed()
        page.wait_for_function("el => el.getAttribute('data-ready') === 'true'", arg=chart, timeout=timeout)
    page.wait_for_function(READY, timeout=timeout)
    page.evaluate("window.scrollTo(0, 0)")
    # Material fades its header tabs back in after a scroll: let every transition finish,
    # so what is measured next (colour contrast, screenshots) is the page at rest
    page.wait_for_timeout(50)
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')",
                           timeout=timeout)


class _Corrections(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, str | None]] = []
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.tables.append(a)
        elif tag == "span" and "ashyq-fix" in (a.get("class") or "").split():
            row, key = a.get("data-row") or "", a.get("data-key") or ""
            table = self.tables[-1] if self.tables else {}
            if ":" not in row and table.get("data-csv"):
                row = f"{table['data-csv']}:{row}"
                key = f"{table['data-key-prefix']}; {key}" if table.get("data-key-prefix") else key
            self.found.append((row, key))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self.tables:
            self.tables.pop()


def row_corrections(page_html: str) -> list[tuple[str, str]]:
    """Each row's correction mark (span.ashyq-fix) as ashyq.js reads it: ("<csv file>:<line>",
    its key), with what a table says once for its rows (data-csv, data-key-prefix) put back."""
    parser = _Corrections()
    parser.feed(page_html)
    return parser.found


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/data/golden/expected from this build (`make golden`)")
