"""Demo people: made-up people filling every position the bundled charters name, in units
(areas and their departments) like a real municipality's. Idempotent.

Demo logins are ROLE@MUNICIPALITY (sekretaer, kommunaldirektoer, omraadedirektoer, afdelingschef,
leder, borgmester, admin) with the password DEMO_PASSWORD. Demo only: never on a real server.
"""

from __future__ import annotations

import datetime
import itertools

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission

from ledelsesfora.organisation.models import Organisation, Person, Position, Unit

DEMO_PASSWORD = "demo-ledelsesfora"
DEMO_START = datetime.date(2020, 1, 1)
DEMO_ROLES = (
    "sekretaer",
    "kommunaldirektoer",
    "omraadedirektoer",
    "afdelingschef",
    "leder",
    "borgmester",
    "admin",
)

FIRST_NAMES = (
    "Anne",
    "Mette",
    "Lars",
    "Henrik",
    "Susanne",
    "Jens",
    "Hanne",
    "Peter",
    "Camilla",
    "Søren",
    "Louise",
    "Morten",
    "Pia",
    "Thomas",
    "Maria",
    "Jesper",
    "Lene",
    "Rasmus",
    "Birgitte",
    "Ole",
    "Tina",
    "Mads",
    "Karina",
    "Niels",
    "Helle",
    "Anders",
    "Dorthe",
    "Kasper",
    "Signe",
    "Bo",
    "Ida",
    "Frederik",
    "Rikke",
    "Jørgen",
    "Maja",
)
LAST_NAMES = (
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Petersen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Christiansen",
    "Poulsen",
    "Johansen",
    "Møller",
    "Mortensen",
    "Østergaard",
    "Kjær",
    "Dahl",
)

# Areas (direktørområder) and their departments; the same shape serves both demo municipalities.
AREAS = {
    "albertslund": {
        "boern-skole": ("Børn & Skole", ["Dagtilbud", "Skole", "Familie og Rådgivning", "PPR"]),
        "by-miljoe": (
            "By & Miljø",
            ["Byudvikling", "Vej og Park", "Ejendomme", "Klima og Forsyning"],
        ),
        "social-sundhed": (
            "Social & Sundhed",
            [
                "Ældre og Sundhed",
                "Socialafdelingen",
                "Beskæftigelse",
                "Borgerservice",
            ],
        ),
    },
    "vejen": {
        "boern-kultur": ("Børn og Kultur", ["Dagtilbud", "Skole", "Familie", "Kultur og Fritid"]),
        "teknik-miljoe": (
            "Teknik og Miljø",
            ["Plan og Byg", "Vej og Trafik", "Natur og Miljø", "Ejendomme"],
        ),
        "social-sundhed": (
            "Sundhed og Omsorg",
            [
                "Pleje og Omsorg",
                "Social og Handicap",
                "Sundhed",
                "Arbejdsmarked",
            ],
        ),
    },
}
SECRETARIAT = {"vejen": ("direktionssekretariatet", "Direktionssekretariatet")}
MANAGERS_PER_DEPARTMENT = 5
MANAGER_PLACES = ("Afdeling", "Team", "Center", "Institution", "Distrikt")


class DemoPeople:
    """People for `organisation`, organised like the bundled municipality `like` (its slug by
    default). `password` is a hash to give them all (one is made when none is given)."""

    def __init__(self, organisation: Organisation, *, like: str = "", password: str = ""):
        self.organisation = organisation
        self.slug = organisation.slug
        self.like = like or organisation.slug
        self.names = _names(self.slug)
        self.types = {t.key: t for t in organisation.position_types.all()}
        # One hash for every demo person: hashing is slow on purpose, a hundred times is a minute.
        self.password = password or make_password(DEMO_PASSWORD)

    def populate(self) -> None:
        executive = self.unit("direktionen", "Direktionen", Unit.Kind.EXECUTIVE)
        self.person("borgmester", "borgmester", executive)
        self.person("kommunaldirektoer", "kommunaldirektoer", executive)
        secretariat = self.secretariat(executive)
        self.person("sekretaer", "konsulent", secretariat)
        if self.organisation.units.filter(key="oekonomi-stab").exists():
            finance = self.organisation.units.get(key="oekonomi-stab")
            self.person(
                "chef-oekonomi-stab", "afdelingschef", finance, title="Chef for Økonomi & Stab"
            )
            for index in range(1, 4):
                self.person(
                    f"leder-oes-{index}",
                    "leder",
                    finance,
                    title=f"Leder, {('Løn', 'Budget', 'IT')[index - 1]}",
                )
        for area_index, (key, (name, departments)) in enumerate(AREAS[self.like].items()):
            area = self.unit(key, name, Unit.Kind.AREA, parent=executive)
            director = (
                "omraadedirektoer" if area_index == 0 else f"omraadedirektoer-{area_index + 1}"
            )
            self.person(director, "omraadedirektoer", area)
            for department_index, department_name in enumerate(departments):
                department = self.unit(
                    f"{key}-{_slugify(department_name)}",
                    department_name,
                    Unit.Kind.DEPARTMENT,
                    parent=area,
                )
                first = area_index == 0 and department_index == 0
                chef = "afdelingschef" if first else f"afdelingschef-{key}-{department_index + 1}"
                self.person(chef, "afdelingschef", department)
                for manager in range(1, MANAGERS_PER_DEPARTMENT + 1):
                    username = (
                        "leder"
                        if first and manager == 1
                        else (f"leder-{key}-{department_index + 1}-{manager}")
                    )
                    place = MANAGER_PLACES[manager - 1]
                    self.person(
                        username, "leder", department, title=f"Leder, {place} {department_name}"
                    )
        self.admin(executive)

    def unit(self, key: str, name: str, kind: str, parent: Unit | None = None) -> Unit:
        unit, _ = Unit.objects.get_or_create(
            organisation=self.organisation,
            key=key,
            defaults={"name": name, "kind": kind, "parent": parent},
        )
        return unit

    def secretariat(self, executive: Unit) -> Unit:
        existing = self.organisation.units.filter(kind=Unit.Kind.SECRETARIAT).first()
        if existing is not None:
            return existing
        key, name = SECRETARIAT[self.like]
        return self.unit(key, name, Unit.Kind.SECRETARIAT, parent=executive)

    def person(self, handle: str, position_type: str, unit: Unit, title: str = "") -> Person:
        username = f"{handle}@{self.slug}"
        full_name = next(self.names)
        person = Person.objects.filter(username=username).first()
        if person is None:
            person = Person.objects.create(
                username=username,
                password=self.password,
                organisation=self.organisation,
                full_name=full_name,
                initials="".join(part[0] for part in full_name.split()).upper(),
                email=f"{handle}@{self.slug}.demo.invalid",
            )
        Position.objects.get_or_create(
            person=person,
            unit=unit,
            position_type=self.types[position_type],
            defaults={"start": DEMO_START, "title": title},
        )
        return person

    def admin(self, executive: Unit) -> None:
        it = self.unit(
            "it-digitalisering", "IT og Digitalisering", Unit.Kind.UNIT, parent=executive
        )
        admin = self.person("admin", "konsulent", it, title="Systemadministrator")
        if not admin.is_staff:
            admin.is_staff = True
            admin.save(update_fields=["is_staff"])
            admin.user_permissions.set(
                Permission.objects.filter(
                    content_type__app_label="organisation",
                    content_type__model__in=["unit", "positiontype", "person", "position"],
                )
                | Permission.objects.filter(
                    content_type__app_label__in=["outbox", "security", "axes"],
                    codename__in=[
                        "view_mail",
                        "view_event",
                        "view_accessattempt",
                        "delete_accessattempt",
                    ],
                )
            )


def _names(seed: str):
    """An endless, repeatable stream of distinct Danish-sounding names for one municipality."""
    offset = sum(map(ord, seed))
    pairs = list(itertools.product(FIRST_NAMES, LAST_NAMES))
    for index in itertools.count():
        first, last = pairs[(index * 37 + offset) % len(pairs)]
        yield f"{first} {last}"


def _slugify(name: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})
    cleaned = name.translate(table).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in cleaned).split())
