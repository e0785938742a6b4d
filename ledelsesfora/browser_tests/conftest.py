"""Browser tests: Playwright drives Debian's chromium against the live test server.

Without chromium (or axe-core) these tests skip on a developer's machine, and fail when CI=true:
CI must never pass by skipping them."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# around it are plain synchronous code, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing(what: str) -> None:
    message = f"{what} is missing; install it (see .ci/run) to run the browser tests"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    executable = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not executable:
        _missing("chromium (Debian package 'chromium')")
    if not AXE.exists():
        _missing("axe-core (npm ci)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with both demo municipalities (transactional tests start empty), on the
    same day as the rest of the suite's demo, with the clock running from there."""
    import time_machine

    from conftest import SUITE_DAY
    from ledelsesfora.demo.load import load_demo

    with time_machine.travel(SUITE_DAY, tick=True):
        load_demo()
        yield live_server.url


@pytest.fixture
def page(browser):
    """A desktop-sized page. The test fails if the Content-Security-Policy refused anything the
    page tried to run, load or style: the policy and the pages must agree."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="da-DK")
    page = context.new_page()
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert not refused, "\n".join(refused)


def check_accessibility(page) -> None:
    """Run axe-core's WCAG 2.1 A/AA rules on the current page; fail listing each violation."""
    # Evaluated by the browser's tooling, not as a script on the page, which the
    # Content-Security-Policy would refuse.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    problems = [
        f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
        for v in result["violations"]
    ]
    assert not problems, "\n".join(problems)
