"""`ledelsesfora token create|list|revoke USERNAME`: API tokens for a person."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ledelsesfora.api.auth import create_token, revoke_tokens
from ledelsesfora.api.models import ApiToken
from ledelsesfora.organisation.models import Person


class Command(BaseCommand):
    help = "Make, list or revoke API tokens (Authorization: Bearer TOKEN on /api/v1/)."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        create = actions.add_parser(
            "create", help="Make a token and print it, alone, on stdout; it is shown only once."
        )
        create.add_argument("username", metavar="USERNAME")
        create.add_argument("--name", default="", help="what the token is for")
        create.add_argument(
            "--days", type=int, default=None, help="how many days it works (1-365; default 90)"
        )
        listing = actions.add_parser("list", help="List a person's tokens and their state.")
        listing.add_argument("username", metavar="USERNAME")
        revoke = actions.add_parser("revoke", help="Revoke every token of a person.")
        revoke.add_argument("username", metavar="USERNAME")

    def handle(self, *args, action: str, username: str, **options) -> None:
        person = Person.objects.filter(username=username).first()
        if person is None:
            self.stderr.write(f"No person has the username {username!r}; check the spelling.")
            sys.exit(1)
        if action == "create":
            days = options["days"]
            if days is not None and not 1 <= days <= 365:
                self.stderr.write("--days takes a number of days from 1 to 365, e.g. --days 30.")
                sys.exit(2)
            if not person.is_active:
                self.stderr.write(f"{username} is deactivated; a token would not work.")
                sys.exit(1)
            # Only the token on stdout, so that scripts can capture it.
            self.stdout.write(create_token(person, name=options["name"][:100], days=days))
        elif action == "list":
            for token in ApiToken.objects.filter(person=person).order_by("-created_at"):
                used = token.last_used_at and f"{timezone.localtime(token.last_used_at):%Y-%m-%d}"
                self.stdout.write(
                    f"{token.pk}\t{token.name or '-'}\t{token.state}\t"
                    f"expires {timezone.localtime(token.expires_at):%Y-%m-%d}\tlast used {used or '-'}"
                )
        else:
            count = revoke_tokens(person)
            self.stdout.write(f"Revoked {count} token{'s' if count != 1 else ''} of {username}.")
