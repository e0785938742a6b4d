"""Logging in: Django's own password check, with the person's municipality fetched in the same
query on every request (every page shows and checks it)."""

from django.contrib.auth.backends import ModelBackend

from ledelsesfora.organisation.models import Person


class PersonBackend(ModelBackend):
    def get_user(self, user_id):
        person = Person._default_manager.select_related("organisation").filter(pk=user_id).first()
        return person if person is not None and self.user_can_authenticate(person) else None
