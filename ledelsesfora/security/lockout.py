"""Who is locked out after failed logins (django-axes reads these through the settings).

An account is locked after `LOGIN_FAILURE_LIMIT` failed logins in a row, and so is an address,
for `LOGIN_LOCKOUT_MINUTES` or until the administrator unlocks it. The municipality's own shared
addresses (`LOGIN_SHARED_ADDRESSES`, e.g. the town hall's NAT address, where a hundred managers
come from one address) lock per account only: one person's typos never lock out the others."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.shortcuts import render

from ledelsesfora.security.log import client_address


def lockout_parameters(request, credentials) -> list:
    address = client_address(request)
    if address is not None and _shared(address):
        return ["username"]
    return ["username", "ip_address"]


def locked_out_page(request, original_response, credentials):
    """The page a locked-out login gets: 429, saying for how long and who can unlock it."""
    return render(
        request,
        "security/locked_out.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": settings.LOGIN_LOCKOUT_MINUTES,
        },
        status=429,
    )


def axes_address(request) -> str:
    return client_address(request) or ""


def _shared(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return any(
        ip in ipaddress.ip_network(net, strict=False) for net in settings.LOGIN_SHARED_ADDRESSES
    )
