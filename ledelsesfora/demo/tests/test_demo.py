"""`ledelsesfora demo` loads both municipalities with people in every position, idempotently."""

import datetime
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from conftest import SUITE_DAY
from ledelsesfora.demo.people import DEMO_PASSWORD, DEMO_ROLES
from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person, Position, Unit

pytestmark = pytest.mark.django_db


def counts():
    return (
        Person.objects.count(),
        Position.objects.count(),
        Unit.objects.count(),
        Forum.objects.count(),
        Charter.objects.count(),
    )


def test_running_demo_again_duplicates_nothing():
    before = counts()
    out = StringIO()
    call_command("demo", stdout=out)
    assert counts() == before
    assert "afdelingschef@albertslund" in out.getvalue()
    assert DEMO_PASSWORD in out.getvalue()


@pytest.mark.parametrize("org", ["albertslund", "vejen"])
def test_every_demo_login_exists_and_can_log_in(client, org):
    for role in DEMO_ROLES:
        answer = client.post("/login/", {"username": f"{role}@{org}", "password": DEMO_PASSWORD})
        assert answer.status_code == 302 and "_auth_user_id" in client.session, role
        client.logout()


@pytest.mark.parametrize("org", ["albertslund", "vejen"])
def test_the_demo_fills_the_organisation(org):
    positions = Position.objects.active().filter(person__organisation__slug=org)
    assert positions.filter(position_type__key="omraadedirektoer").count() == 3
    assert positions.filter(position_type__key="afdelingschef").count() >= 12
    assert positions.filter(position_type__key="leder").count() >= 60
    assert positions.filter(position_type__key="kommunaldirektoer").count() == 1
    assert positions.filter(position_type__key="borgmester").count() == 1


@pytest.mark.parametrize("org", ["albertslund", "vejen"])
def test_the_demo_department_head_works_under_the_demo_area_director(org):
    chef = Person.objects.get(username=f"afdelingschef@{org}").positions.get()
    director = Person.objects.get(username=f"omraadedirektoer@{org}").positions.get()
    assert chef.unit.kind == Unit.Kind.DEPARTMENT
    assert chef.unit.area() == director.unit
    leader = Person.objects.get(username=f"leder@{org}").positions.get()
    assert leader.unit == chef.unit


def test_only_the_municipal_administrator_is_staff():
    assert set(Person.objects.filter(is_staff=True).values_list("username", flat=True)) == {
        "admin@albertslund",
        "admin@vejen",
    }
    assert not Person.objects.filter(is_superuser=True).exists()


def test_the_suite_and_its_demo_run_on_the_suites_own_day():
    """Whatever the machine's clock says (make test also runs the suite under faketime), the
    suite sees its chosen day, and the demo holds that day's "this year and the next"."""
    assert timezone.now() == SUITE_DAY
    assert datetime.datetime.now(tz=SUITE_DAY.tzinfo) == SUITE_DAY
    assert time.time() == SUITE_DAY.timestamp()
    years = {m.start.year for m in Meeting.objects.exclude(rhythm="")}
    assert years == {2026, 2027}
