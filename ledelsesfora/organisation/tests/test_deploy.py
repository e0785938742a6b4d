"""Production settings pass Django's deployment checks; the development secret is refused."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(sys.executable).parent / "ledelsesfora"


def run_check(**env):
    # Only what a server would have: not the test run's own switches (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for Playwright).
    unwanted = ("DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in unwanted}
    environment.update(env)
    return subprocess.run(
        [str(SCRIPT), "check", "--deploy", "--fail-level", "WARNING"],
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
