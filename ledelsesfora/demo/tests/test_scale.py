"""`ledelsesfora demo-scale` makes municipalities like the bundled ones, with full agendas."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Organisation

pytestmark = pytest.mark.django_db


def test_it_makes_municipalities_with_their_years_and_agendas():
    out, err = StringIO(), StringIO()
    call_command(
        "demo-scale",
        "--municipalities",
        "2",
        "--years",
        "1",
        "--first-year",
        "2026",
        "--items-per-meeting",
        "3",
        stdout=out,
        stderr=err,
    )
    made = Organisation.objects.filter(slug__startswith="skala-")
    assert [o.name for o in made] == ["Aabæk Kommune", "Aakirke Kommune"]
    dif = Meeting.objects.filter(forum__organisation=made[0], forum__short_name="DIF").held()
    assert dif.count() >= 48
    first = dif.order_by("start").first()
    assert first.items.filter(standing=False).count() == 3
    assert first.agenda_published_at is not None  # January 2026 lies before the suite's day
    past = AgendaItem.objects.filter(meeting=first, standing=False)
    assert set(past.values_list("status", flat=True)) == {"treated"}
    assert "municipalities [" in err.getvalue()
    assert out.getvalue().startswith("2 municipalities,")
    call_command("demo-scale", "--municipalities", "2", "--years", "1", stdout=out, stderr=err)
    assert Organisation.objects.filter(slug__startswith="skala-").count() == 2  # idempotent


def test_it_refuses_sizes_it_cannot_mean():
    with pytest.raises(CommandError, match="1–500 municipalities"):
        call_command("demo-scale", "--municipalities", "0", stderr=StringIO())
