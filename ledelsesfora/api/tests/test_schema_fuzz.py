"""Requests generated from the API's own OpenAPI document (schemathesis), as the secretariat of
a municipality would send them: none answers with a server error, and every answer's status is
one the document describes for that operation."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from ledelsesfora.api.auth import create_token
from ledelsesfora.organisation.models import Person


@pytest.fixture(autouse=True)
def _one_connection():
    """The requests run in this process and this test's transaction: as Django's own test
    client does, the database connection is not closed at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(db):
    token = create_token(Person.objects.get(username="sekretaer@albertslund"), days=3650)
    return {"Authorization": f"Bearer {token}"}


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_generated_requests_get_documented_answers_and_no_server_error(db, case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error, status_code_conformance])
