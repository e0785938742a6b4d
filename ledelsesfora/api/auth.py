"""Bearer tokens: made and revoked by `ledelsesfora token`, checked on every API request."""

from __future__ import annotations

import datetime
import secrets

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer

from ledelsesfora.api.models import ApiToken, hash_token
from ledelsesfora.organisation.models import Person


def create_token(person: Person, *, name: str = "", days: int | None = None) -> str:
    """A new token for `person`, valid `days` days (`API_TOKEN_DAYS` by default). Returns the
    token itself; only its hash is stored, so this is the one moment it can be shown."""
    token = secrets.token_urlsafe(32)
    days = settings.API_TOKEN_DAYS if days is None else days
    ApiToken.objects.create(
        person=person,
        name=name,
        key_hash=hash_token(token),
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    return token


def revoke_tokens(person: Person, pks=None) -> int:
    """Revoke the tokens of `person` still in use (all, or those with the ids `pks`). Returns
    how many."""
    tokens = ApiToken.objects.filter(person=person, revoked_at__isnull=True)
    if pks is not None:
        tokens = tokens.filter(pk__in=pks)
    return tokens.update(revoked_at=timezone.now())


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
