"""The site's settings, read in one place: its public address, its data repository and the
address for reports of mistakes.

They live in mkdocs.yml (`site_url`, `extra.repository`, `extra.contact_email`), where the
renderer reads them too.
A published site's canonical links, sitemap, citations and downloads carry the public
address, so a build refuses a local one ("http://127.0.0.1:8000/"): `ashyq serve` alone
builds with a local address, for viewing the site on this computer.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ashyq.paths import MKDOCS_YML

LOCAL_HOSTS = {"localhost", "localhost.localdomain", ""}


@dataclass(frozen=True)
class Settings:
    site_url: str  # the public address, ending in "/"; "" when unset
    repository: str  # the data repository's web address, no trailing "/"; "" when unset
    source: str = "mkdocs.yml"  # where they were read, for messages
    site_url_line: int = 0  # the line of `site_url` there (0: unknown)
    for_viewing: bool = False  # a local build to look at (ashyq serve), never published
    contact_email: str = ""  # where a reader without a GitHub account reports a mistake (extra.contact_email)
    # what a page may load and run (extra.content_security_policy): in every page's <meta> and in _headers
    content_security_policy: str = ""

    @property
    def is_local(self) -> bool:
        """The site address points at the reader's own computer (or a private network)."""
        return bool(self.site_url) and is_local_url(self.site_url)

    def for_local_viewing(self, port: int) -> Settings:
        """The same settings with the address a local server serves the site at."""
        return replace(self, site_url=f"http://127.0.0.1:{port}/", for_viewing=True)


class SettingsError(Exception):
    """A setting that would publish a broken site; says where and how to fix it."""

    def __init__(self, where: str, message: str, fix: str):
        super().__init__(message)
        self.where, self.message, self.fix = where, message, fix

    def format(self) -> str:
        return f"{self.where}: site-url-local: {self.message}\n  fix: {self.fix}"


def is_local_url(url: str) -> bool:
    host = (urlparse(url).hostname or "").lower()
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified or address.is_link_local


def read_mkdocs_settings(config: Path = MKDOCS_YML) -> dict[str, Any]:
    """mkdocs.yml as plain data. Tags such as !ENV or !!python/name load as None: the
    settings read here never need them."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    with open(config, encoding="utf-8") as f:
        settings = yaml.load(f, Loader=Loader) or {}
    return settings if isinstance(settings, dict) else {}


def read_settings(config: Path = MKDOCS_YML) -> Settings:
    """The settings of mkdocs.yml: `site_url` (ending in "/") and `extra.repository`."""
    raw = read_mkdocs_settings(config)
    url = str(raw.get("site_url") or "")
    extra = raw.get("extra")
    extra = extra if isinstance(extra, dict) else {}
    repository = str(extra.get("repository") or "").rstrip("/")
    return Settings(url if not url or url.endswith("/") else url + "/", repository,
                    config.name, _line_of(config, "site_url:"),
                    contact_email=str(extra.get("contact_email") or "").strip(),
                    content_security_policy=" ".join(str(extra.get("content_security_policy") or "").split()))


def check_publishable(settings: Settings) -> None:
    """Raise SettingsError when a build would publish a local address."""
    if settings.is_local:
        where = settings.source + (f":{settings.site_url_line}" if settings.site_url_line else "")
        raise SettingsError(
            where, f"site_url is a local address ({settings.site_url}): the published site's canonical "
                   "links, sitemap and citations would point at the reader's own computer",
            "set site_url in mkdocs.yml to the site's public address; to look at the site on this "
            "computer, run `make serve` (ashyq serve), which builds it with a local address")


def _line_of(config: Path, prefix: str) -> int:
    for n, line in enumerate(config.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith(prefix):
            return n
    return 0
