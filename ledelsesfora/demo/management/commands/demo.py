"""`ledelsesfora demo`: load both bundled municipalities with demo people (idempotent)."""

from django.core.management.base import BaseCommand

from ledelsesfora.demo.load import demo_logins, load_demo
from ledelsesfora.demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Load the bundled charters of Albertslund and Vejen with demo people. Safe to re-run."

    def handle(self, *args, **options) -> None:
        for organisation in load_demo():
            people = organisation.people.count()
            self.stdout.write(f"{organisation.name}: {people} demo people")
        self.stdout.write("")
        self.stdout.write("Demo logins (demo only), password: " + DEMO_PASSWORD)
        for login in demo_logins():
            self.stdout.write(f"  {login}")
