"""`ledelsesfora demo`: load both bundled municipalities with demo people (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ledelsesfora.demo.load import demo_logins, load_demo
from ledelsesfora.demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the bundled charters of Albertslund and Vejen with demo people. Safe to re-run."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--test-server",
            action="store_true",
            help="Load the demo although PRODUCTION=true: for a benchmark or a test server"
            " that runs the production settings, never for a municipality's.",
        )

    def handle(self, *args, **options) -> None:
        if settings.PRODUCTION and not options["test_server"]:
            raise CommandError(
                "PRODUCTION=true: the demo would create accounts, administrators among them,"
                " with the published password. Load a charter with 'ledelsesfora charter load'"
                " instead; on a benchmark or test server, add --test-server."
            )
        for organisation in load_demo():
            people = organisation.people.count()
            self.stdout.write(f"{organisation.name}: {people} demo people")
        self.stdout.write("")
        self.stdout.write("Demo logins (demo only), password: " + DEMO_PASSWORD)
        for login in demo_logins():
            self.stdout.write(f"  {login}")
