"""Contribute: a short guide, in Kazakh, to correcting a value without Git (the issue form
every row links to, or an e-mail) and with it (the CSV line in the web editor, a pull
request), and to adding a document."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ashyq import model, render, urls
from ashyq.urls import link
from ashyq.views import Output, documented

PAGE = urls.docs_path(urls.CONTRIBUTE)


@dataclass(frozen=True)
class ContributeContext:
    """The guide. Links are "" when mkdocs.yml does not name the repository or the address."""

    report_href: str = documented("the repository's issue form for a wrong value, unfilled (urls.report); \"\" "
                                  "without a repository")
    mail: str = documented('the address for reports without a GitHub account (extra.contact_email); "" when unset')
    mail_href: str = documented('a message to it (urls.report_mail); "" when unset')
    guide_href: str = documented('CONTRIBUTING.md in the repository (pull requests, adding a document); "" without '
                                 "a repository")
    quotas_href: str = documented("link to the quotas explorer, where every row has its links")
    places_href: str = documented("link to /places/, which says which places have data")
    sources_href: str = documented("link to the source documents, line by line")
    changes_href: str = documented("link to the change log, where an accepted correction shows")


def iter_outputs(data: model.Model) -> Iterator[Output]:
    yield Output(PAGE, render.render_page("contribute.md.j2", contribute_context(data)))


def contribute_context(data: model.Model) -> ContributeContext:
    repository = data.repository.rstrip("/")
    return ContributeContext(
        report_href=urls.report(repository, "datasets/"),
        mail=data.contact_email,
        mail_href=urls.report_mail(data.contact_email, "datasets/"),
        guide_href=f"{repository}/blob/main/CONTRIBUTING.md" if repository else "",
        quotas_href=link(PAGE, urls.QUOTAS),
        places_href=link(PAGE, urls.PLACES),
        sources_href=link(PAGE, urls.SOURCES),
        changes_href=link(PAGE, urls.CHANGES),
    )
