"""Bearer tokens: made and revoked by `ledelsesfora token`, checked on every API request."""

from __future__ import annotations

import secrets

from django.utils import timezone
from ninja.security import HttpBearer

from ledelsesfora.api.models import ApiToken, hash_token
from ledelsesfora.organisation.models import Person


def create_token(person: Person, *, name: str = "") -> str:
    """A new token for `person`. Returns the token itself; only its hash is stored, so this is
    the one moment it can be shown."""
    token = secrets.token_urlsafe(32)
    ApiToken.objects.create(person=person, name=name, key_hash=hash_token(token))
    return token


def revoke_tokens(person: Person) -> int:
    """Revoke every token of `person` still in use. Returns how many."""
    return ApiToken.objects.filter(person=person, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


class TokenAuth(HttpBearer):
    """`Authorization: Bearer TOKEN`. The caller is the token's person; a revoked token, or one
    of a deactivated person, is refused (401) like an unknown one."""

    def authenticate(self, request, token: str) -> Person | None:
        # Looked up by its hash, so comparing in constant time gains nothing.
        found = (
            ApiToken.objects.usable()
            .select_related("person", "person__organisation")
            .filter(key_hash=hash_token(token))
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.person
        return found.person
