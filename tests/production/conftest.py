from __future__ import annotations

import pytest

from tests.production.deployment import Deployment, Mailbox


@pytest.fixture(scope="session")
def mailbox():
    box = Mailbox().start()
    yield box
    box.stop()


@pytest.fixture(scope="session")
def deployment(tmp_path_factory, mailbox):
    """The demo portal in production mode: PostgreSQL, gunicorn and a worker, behind nginx."""
    deployment = Deployment(tmp_path_factory.mktemp("deploy"), "brokerdesk_smoke", mailbox.port)
    try:
        deployment.prepare()
        deployment.web = deployment.start_web()
        deployment.start_worker()
        deployment.url = deployment.start_proxy(deployment.web)
        yield deployment
    finally:
        deployment.stop()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # The tests' nginx has a self-signed certificate.
    return {**browser_context_args, "locale": "fr-BE", "ignore_https_errors": True}
