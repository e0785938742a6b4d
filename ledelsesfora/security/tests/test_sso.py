"""Single sign-on, end to end against a real OpenID provider (django-oidc-provider) started here
as its own server: the municipality's login leads to Ledelsesfora's pages as the person whose
e-mail address it vouches for; someone it vouches for who is not set up here is refused."""

import datetime
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import time_machine
from django.test import Client

from conftest import SUITE_DAY
from ledelsesfora.security.models import Event

pytestmark = pytest.mark.django_db
BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[3]
# Both clocks run from the suite's day, the provider's a minute behind ours: the tokens it issues
# are never dated after our now (a token from the future is refused, rightly).
PROVIDER_CLOCK = "@" + (SUITE_DAY - datetime.timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S")
SETUP = """
from django.contrib.auth.models import User
from oidc_provider.models import Client, ResponseType
for username, email in (("kasper", "omraadedirektoer@albertslund.demo.invalid"),
                        ("ukendt", "nobody@albertslund.demo.invalid")):
    User.objects.create_user(username, email=email, password="provider-password")
client = Client.objects.create(
    name="Ledelsesfora", client_id="ledelsesfora", client_secret="provider-secret",
    client_type="confidential", redirect_uris=["http://testserver/oidc/callback/"],
    require_consent=False, jwt_alg="RS256", scope=["openid", "email", "profile"],
)
client.response_types.add(ResponseType.objects.get(value="code"))
"""


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ledelsesfora.security.tests.provider.settings",
        "PROVIDER_URL": url,
        "PROVIDER_DB": str(tmp_path_factory.mktemp("provider") / "provider.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }

    def admin(*args):
        command = ["faketime", "-f", PROVIDER_CLOCK, str(BIN / "django-admin"), *args]
        subprocess.run(command, env=env, check=True, capture_output=True)

    admin("migrate", "-v", "0")
    admin("creatersakey")
    admin("shell", "-c", SETUP)
    server = subprocess.Popen(
        [
            "faketime",
            "-f",
            PROVIDER_CLOCK,
            str(BIN / "django-admin"),
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(f"{url}/openid/.well-known/openid-configuration", timeout=2)
                break
            except (OSError, urllib.error.HTTPError):
                time.sleep(0.1)
        else:
            pytest.fail("the OpenID provider did not start")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def sso(settings, provider):
    with time_machine.travel(SUITE_DAY, tick=True):
        yield _configure(settings, provider)


def _configure(settings, provider):
    settings.OIDC_RP_CLIENT_ID = "ledelsesfora"
    settings.OIDC_RP_CLIENT_SECRET = "provider-secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider}/openid/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider}/openid/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{provider}/openid/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider}/openid/jwks"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "ledelsesfora.security.sso.MunicipalSignOn",
    ]
    return provider


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_on(client: Client, username: str):
    """What the browser does: Ledelsesfora sends it to the provider, the person logs in there,
    the provider sends the browser back with a code. Returns Ledelsesfora's last answer."""
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirects
    )

    def visit(url, data=None):
        try:
            answer = browser.open(url, data=urllib.parse.urlencode(data).encode() if data else None)
            return answer.status, answer.headers, answer.read().decode()
        except urllib.error.HTTPError as redirect:
            return redirect.code, redirect.headers, redirect.read().decode()

    to_provider = client.get("/oidc/authenticate/")
    assert to_provider.status_code == 302
    _status, headers, _ = visit(to_provider["Location"])  # not logged in there: to its login
    login_url = urllib.parse.urljoin(to_provider["Location"], headers["Location"])
    _, _, form = visit(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    nxt = urllib.parse.parse_qs(urllib.parse.urlparse(login_url).query)["next"][0]
    _status, headers, _ = visit(
        login_url,
        {
            "csrfmiddlewaretoken": token,
            "username": username,
            "password": "provider-password",
            "next": nxt,
        },
    )
    _status, headers, _ = visit(urllib.parse.urljoin(login_url, headers["Location"]))
    back = headers["Location"]
    assert back.startswith("http://testserver/oidc/callback/"), back
    return client.get(back.removeprefix("http://testserver"))


def test_the_municipalitys_login_opens_ledelsesfora_as_that_person(sso):
    client = Client()
    assert "Log ind med kommunens login" in client.get("/login/").content.decode()
    answer = sign_on(client, "kasper")
    assert answer.status_code == 302 and answer["Location"] == "/"
    page = client.get("/albertslund/overblik/")
    assert page.status_code == 200 and "Kasper Johansen" in page.content.decode()
    assert Event.objects.filter(
        kind="login", person__username="omraadedirektoer@albertslund"
    ).exists()


def test_someone_the_provider_knows_but_ledelsesfora_does_not_is_refused(sso):
    client = Client()
    answer = sign_on(client, "ukendt")
    assert answer.status_code == 302 and answer["Location"] == "/login/?sso=failed"
    page = client.get(answer["Location"]).content.decode()
    assert "nobody with your e-mail" in page or "ingen med din e-mailadresse" in page
    assert client.get("/albertslund/overblik/").status_code == 302  # still not logged in


def test_without_a_provider_there_is_no_sign_on(client):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    assert "kommunens login" not in client.get("/login/").content.decode()
