"""Members form working groups as their charter's working modes allow."""

import pytest

from ledelsesfora.forums.models import Forum
from ledelsesfora.forums.operations import ForumError, form_working_group
from ledelsesfora.organisation.models import Person

pytestmark = pytest.mark.django_db


def who(handle, org="albertslund"):
    return Person.objects.get(username=f"{handle}@{org}")


def forum(short_name, org="albertslund"):
    return Forum.objects.get(organisation__slug=org, short_name=short_name)


def test_a_working_group_needs_two_members_of_the_forum():
    cf = forum("CF", "vejen")
    chef, director = who("afdelingschef", "vejen"), who("omraadedirektoer", "vejen")
    with pytest.raises(ForumError, match="mindst 2 medlemmer"):
        form_working_group(
            cf, by=chef, mode="faelles-opgaveloesning", title="X", task="", members=[chef]
        )
    with pytest.raises(ForumError, match="er ikke medlem af Chefforum"):
        form_working_group(
            cf,
            by=chef,
            mode="faelles-opgaveloesning",
            title="X",
            task="",
            members=[chef, who("leder", "vejen")],
        )
    group = form_working_group(
        cf,
        by=chef,
        mode="faelles-opgaveloesning",
        title="Fælles rekruttering",
        task="",
        members=[chef, director],
    )
    assert set(group.members.all()) == {chef, director}
