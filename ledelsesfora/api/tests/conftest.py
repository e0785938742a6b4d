"""The API tests' shared fixtures, defined with the tests that first needed them."""

from ledelsesfora.api.tests.test_api import as_, before_deadline, meeting  # noqa: F401
