"""Forum members are computed from the charter's position rules and the organisation."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ledelsesfora.forums.models import Forum
from ledelsesfora.organisation.models import Person, Position, PositionType, Unit

pytestmark = pytest.mark.django_db


def forum(org, short_name):
    return Forum.objects.get(organisation__slug=org, short_name=short_name)


def usernames(memberships):
    return {m.person.username for m in memberships}


def test_dif_members_are_the_positions_the_charter_names():
    members = forum("albertslund", "DIF").members()
    assert usernames(members) == {
        "borgmester@albertslund",
        "kommunaldirektoer@albertslund",
        "omraadedirektoer@albertslund",
        "omraadedirektoer-2@albertslund",
        "omraadedirektoer-3@albertslund",
        "chef-oekonomi-stab@albertslund",
    }
    minute_taker = next(m for m in members if m.person.username == "chef-oekonomi-stab@albertslund")
    assert minute_taker.roles == {"minute_taker"}


def test_lederforum_lists_every_manager_with_staff_responsibility():
    members = usernames(forum("albertslund", "LF").members())
    managers = set(
        Position.objects.active()
        .filter(person__organisation__slug="albertslund", position_type__staff_responsibility=True)
        .values_list("person__username", flat=True)
    )
    assert members == managers
    assert "leder@albertslund" in members
    assert len([u for u in members if u.startswith("leder")]) >= 60
    assert "borgmester@albertslund" not in members  # no staff responsibility
    assert "sekretaer@albertslund" not in members


def test_chefforum_has_its_chair_and_the_secretariat_consultant():
    members = {m.person.username: m for m in forum("albertslund", "CF").members()}
    assert members["kommunaldirektoer@albertslund"].roles == {"chair"}
    assert members["sekretaer@albertslund"].roles == {"minute_taker"}
    assert "afdelingschef@albertslund" in members
    assert "leder@albertslund" not in members


def test_positions_count_only_between_start_and_end():
    lf = forum("albertslund", "LF")
    leader = Person.objects.get(username="leder@albertslund")
    position = leader.positions.get()
    position.end = datetime.date(2026, 3, 31)
    position.save()
    assert leader.username in usernames(lf.members(on=datetime.date(2026, 3, 31)))
    assert leader.username not in usernames(lf.members(on=datetime.date(2026, 4, 1)))
    position.start, position.end = datetime.date(2027, 1, 1), None
    position.save()
    assert leader.username not in usernames(lf.members(on=datetime.date(2026, 6, 1)))


def test_a_person_of_another_municipality_is_never_a_member():
    vejen_unit = Unit.objects.filter(organisation__slug="vejen").first()
    stranger = Person.objects.create(
        username="fremmed@vejen", full_name="Fremmed", organisation=vejen_unit.organisation
    )
    # Even a position wrongly made against Albertslund's position type does not make a member.
    Position.objects.create(
        person=stranger,
        unit=vejen_unit,
        start=datetime.date(2020, 1, 1),
        position_type=PositionType.objects.get(organisation__slug="albertslund", key="leder"),
    )
    assert "fremmed@vejen" not in usernames(forum("albertslund", "LF").members())


def test_inactive_people_are_not_members():
    Person.objects.filter(username="afdelingschef@albertslund").update(is_active=False)
    assert "afdelingschef@albertslund" not in usernames(forum("albertslund", "CF").members())


def test_a_named_person_rule(tmp_path):
    lf = forum("albertslund", "LF")
    lf.spec = {
        **lf.spec,
        "member": [
            *lf.spec["member"],
            {"person": "admin@albertslund", "label": "Systemadministrator"},
        ],
    }
    lf.save()
    lf = forum("albertslund", "LF")
    assert "admin@albertslund" in usernames(lf.members())


def test_members_cost_the_same_queries_whatever_the_size():
    lf = forum("albertslund", "LF")
    with CaptureQueriesContext(connection) as small:
        lf.members()
    department = Unit.objects.get(organisation__slug="albertslund", key="boern-skole-skole")
    leder = PositionType.objects.get(organisation__slug="albertslund", key="leder")
    for index in range(30):
        person = Person.objects.create(
            username=f"ny-{index}@albertslund",
            full_name=f"Ny {index}",
            organisation=department.organisation,
        )
        Position.objects.create(
            person=person, unit=department, position_type=leder, start=datetime.date(2020, 1, 1)
        )
    with CaptureQueriesContext(connection) as large:
        members = lf.members()
    assert len(large.captured_queries) == len(small.captured_queries) == 1
    assert "ny-29@albertslund" in usernames(members)


def _with_rules(short_name, rules):
    lf = forum("albertslund", short_name)
    lf.spec = {**lf.spec, "member": rules}
    lf.save()
    return forum("albertslund", short_name)


def _units_under(key):
    unit = Unit.objects.get(organisation__slug="albertslund", key=key)
    return {unit.key, *unit.children.values_list("key", flat=True)}


def _holders(units, **position_filter):
    return set(
        Position.objects.active()
        .filter(unit__key__in=units, unit__organisation__slug="albertslund", **position_filter)
        .values_list("person__username", flat=True)
    )


def test_a_unit_in_a_member_rule_includes_its_sub_units():
    area = Unit.objects.get(organisation__slug="albertslund", key="boern-skole-skole").parent
    units = _units_under(area.key)
    assert len(units) > 1
    managers = _holders(units, position_type__staff_responsibility=True)
    leaders = _holders(units, position_type__key="leder")
    assert leaders and leaders < managers
    staff = _with_rules("LF", [{"staff_responsibility": True, "unit": area.key}])
    assert usernames(staff.members()) == managers
    assert "Alle ledere med personaleansvar i " + area.name in [
        str(heading) for heading in _headings(staff)
    ]
    by_position = _with_rules("LF", [{"position": "leder", "unit": area.key}])
    assert usernames(by_position.members()) == leaders
    only_the_unit = _with_rules("LF", [{"position": "leder", "unit": area.key, "sub_units": False}])
    assert usernames(only_the_unit.members()) == _holders({area.key}, position_type__key="leder")


def _headings(lf):
    from ledelsesfora.forums.describe import member_rule

    units = dict(lf.organisation.units.values_list("key", "name"))
    return [member_rule(g.rule, {}, units) for g in lf.member_groups()]


def test_the_chief_of_oekonomi_og_stab_is_not_joined_by_the_chiefs_under_it():
    dif = forum("albertslund", "DIF")
    under = _units_under("oekonomi-stab") - {"oekonomi-stab"}
    chiefs_under = _holders(under, position_type__key="afdelingschef")
    assert not chiefs_under & usernames(dif.members())


def test_a_sub_unit_rule_costs_one_query_more_whatever_the_size():
    area = Unit.objects.get(organisation__slug="albertslund", key="boern-skole-skole").parent
    lf = _with_rules("LF", [{"position": "leder", "unit": area.key}])
    with CaptureQueriesContext(connection) as counted:
        members = lf.members()
    assert len(counted.captured_queries) == 2  # positions, and the units' tree
    assert members
