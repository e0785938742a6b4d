"""Production settings pass Django's deployment checks; the development secret, a weak one and
DEBUG are refused, and so is loading the demo."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "ledelsesfora"


def run_check(*command, **env):
    # Only what a server would have: not the test run's own switches (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for Playwright).
    unwanted = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unwanted}
    environment.update(env)
    return subprocess.run(
        [str(SCRIPT), *(command or ("check", "--deploy", "--fail-level", "WARNING"))],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks():
    result = run_check(
        PRODUCTION="true",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="ledelsesfora.example.dk",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_the_development_secret():
    result = run_check(PRODUCTION="true", ALLOWED_HOSTS="ledelsesfora.example.dk")
    assert result.returncode != 0
    assert "Set SECRET_KEY to a long random value" in result.stderr


def test_production_refuses_debug_and_a_weak_secret():
    debug = run_check(
        PRODUCTION="true",
        DEBUG="true",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="ledelsesfora.example.dk",
    )
    assert debug.returncode != 0 and "set DEBUG=false" in debug.stderr
    weak = run_check(PRODUCTION="true", SECRET_KEY="a" * 60, ALLOWED_HOSTS="x.example.dk")
    assert weak.returncode != 0 and "Set SECRET_KEY to a long random value" in weak.stderr


def test_the_demo_refuses_production_settings():
    result = run_check(
        "demo",
        PRODUCTION="true",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="ledelsesfora.example.dk",
    )
    assert result.returncode != 0
    assert "the demo would create accounts" in result.stderr
