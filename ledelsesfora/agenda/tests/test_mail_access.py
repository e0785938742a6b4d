"""The authorization matrix for what leaves by mail: every mail in the outbox, the demo's and
those of a closed item's way to a published and then changed agenda, goes to a person of its
own municipality, names the closed item only to those who may read it, and every link in it
opens for the person it is addressed to (a link is shown only to someone who may open it)."""

import re

import pytest
from django.test import Client

from ledelsesfora.agenda import agendas, operations
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.agenda.tests.test_publication import ready_item
from ledelsesfora.organisation.models import Person
from ledelsesfora.outbox.models import Mail

pytestmark = pytest.mark.django_db

SECRET = "Fortroligt: ny leder af Ejendomme"


def test_every_mail_names_and_links_only_what_its_reader_may_open(clock, who, forum, meeting):
    dif, day = forum("DIF"), meeting("DIF", 2027, 3, 9)
    ready_item(who, dif, day, "Åben sag med gæst", guests=[who("leder")])
    closed = ready_item(who, dif, day, SECRET, closed=True, guests=[who("afdelingschef")])
    agendas.publish_agenda(day, by=who("sekretaer"))
    people = Person.objects.filter(organisation=dif.organisation)
    # Who may read it once published; the change below sends it back for approval.
    readers = {p.pk for p in people if AgendaItem.objects.visible_to(p).filter(pk=closed.pk)}
    changed = operations.ItemData(
        title=SECRET,
        kind="information",
        background="Ændret baggrund",
        closed=True,
        responsible_director=who("omraadedirektoer"),
        duration_minutes=30,
    )
    operations.update_item(closed, changed, by=who("sekretaer"))

    mails = list(Mail.objects.select_related("recipient"))
    assert len(mails) > 200 and any(SECRET in m.subject + m.body for m in mails)
    problems, opened = [], {}
    for mail in mails:
        person = mail.recipient
        if person.organisation_id != mail.organisation_id or mail.to != person.email:
            problems.append(f"{mail}: to {person} of another municipality or address")
        if SECRET in mail.subject + mail.body and person.pk not in readers:
            problems.append(f"{mail}: names the closed item to {person}")
        for url in re.findall(r"https?://\S+", mail.body):
            path = "/" + url.split("/", 3)[3]
            if (person.pk, path) not in opened:
                client = Client()
                client.force_login(person)
                opened[person.pk, path] = client.get(path).status_code
            if opened[person.pk, path] >= 400:
                problems.append(f"{mail}: {path} answers {opened[person.pk, path]} to {person}")
    assert not problems, "\n".join(problems)
    assert who("kommunaldirektoer").pk in readers
    assert who("afdelingschef").pk not in readers  # a guest is never shown a closed item
