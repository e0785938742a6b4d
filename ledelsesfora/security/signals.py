"""Logins, logouts, failed logins and lock-outs go into the security log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from ledelsesfora.organisation.models import Person
from ledelsesfora.security import logins
from ledelsesfora.security.log import Kind, record


@receiver(user_logged_in)
def logged_in(sender, request, user, **kwargs):
    record(request, Kind.LOGIN, person=user)
    if request is not None and hasattr(request, "session"):
        logins.begin(request, user)


@receiver(user_logged_out)
def logged_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, Kind.LOGOUT, person=user)
    if request is not None and hasattr(request, "session"):
        logins.finish(request.session.session_key)


@receiver(user_login_failed)
def login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    person = Person.objects.filter(username=username).first()  # so it is found per person
    record(request, Kind.LOGIN_FAILED, person=person, username=username)


@receiver(user_locked_out)
def locked_out(sender, request, username=None, ip_address=None, **kwargs):
    record(request, Kind.LOCKED_OUT, username=str(username or ""))
