"""Both bundled municipalities as a demo: the charter, the people, this year's and next year's
plan, items in every state and minutes. Idempotent: running it again changes nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ledelsesfora.agenda.year import store_year
from ledelsesfora.demo.items import demo_items
from ledelsesfora.demo.minutes import demo_minutes
from ledelsesfora.demo.people import AREAS, DEMO_ROLES, DemoPeople
from ledelsesfora.demo.programmes import demo_programmes
from ledelsesfora.demo.representation import demo_representation
from ledelsesfora.demo.themes import demo_themes
from ledelsesfora.forums.operations import load_charter
from ledelsesfora.organisation.models import Organisation


def load_demo() -> list[Organisation]:
    """Load both bundled charters and their demo people, and plan this year and the next.
    Returns the municipalities."""
    organisations = []
    for slug in AREAS:
        path = settings.BUNDLED_CHARTERS_DIR / f"{slug}.toml"
        result = load_charter(path.read_text(encoding="utf-8"), source=str(path.name))
        with transaction.atomic():
            DemoPeople(result.organisation).populate()
        this_year = timezone.localdate().year
        for year in (this_year, this_year + 1):
            store_year(result.organisation, year)
        with transaction.atomic():
            demo_items(result.organisation)
            demo_minutes(result.organisation)
            demo_themes(result.organisation)
            demo_programmes(result.organisation)
            demo_representation(result.organisation)
        organisations.append(result.organisation)
    return organisations


def demo_logins() -> list[str]:
    return [f"{role}@{slug}" for slug in AREAS for role in DEMO_ROLES]
