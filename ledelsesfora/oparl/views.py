"""The OParl 1.1 read API at /oparl/v1.1/: open to everyone, without login, and only what the
municipalities publish (ledelsesfora/oparl/objects.py says what that is and how it maps).
Lists come a page at a time (`?page=`), with OParl's `pagination` and `links`; anything not
published answers 404 as if it did not exist."""

from __future__ import annotations

import functools
import math
from collections import defaultdict

from django.db.models import F
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from ledelsesfora.agenda.models import READY, AgendaItem, Attachment
from ledelsesfora.forums.models import Forum
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import Outcome
from ledelsesfora.oparl import objects
from ledelsesfora.oparl.objects import Site
from ledelsesfora.organisation.models import Organisation, Person

PER_PAGE = 50


def _site(request) -> Site:
    return Site(f"{request.scheme}://{request.get_host()}")


def _answer(data: dict, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def oparl(view):
    """A read of the OParl API: GET only; what is not published is a JSON 404."""

    @require_GET
    @functools.wraps(view)
    def read(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            response = _answer({"detail": "Not found, or not published."}, 404)
        response["Access-Control-Allow-Origin"] = "*"  # open data, for any site's script
        return response

    return read


def _public_body(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(
        slug=slug, pk__in=Forum.objects.public().values("organisation_id")
    ).first()
    if organisation is None:
        raise Http404
    return organisation


def _page(request, rows, render) -> JsonResponse:
    """One page of `rows` (a QuerySet or a list), each turned into OParl by `render`."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        number = 0
    total = len(rows) if isinstance(rows, list) else rows.count()
    pages = max(1, math.ceil(total / PER_PAGE))
    if not 1 <= number <= pages:
        return _answer(
            {"detail": f"There is no page {request.GET.get('page')}; pages run 1–{pages}."}, 400
        )
    start = (number - 1) * PER_PAGE
    data = render(list(rows[start : start + PER_PAGE]))
    base = request.build_absolute_uri(request.path)

    def link(page: int) -> str:
        query = request.GET.copy()
        query["page"] = str(page)
        return f"{base}?{query.urlencode()}"

    links = {"first": link(1), "last": link(pages)}
    if number > 1:
        links["prev"] = link(number - 1)
    if number < pages:
        links["next"] = link(number + 1)
    return _answer(
        {
            "data": data,
            "pagination": {
                "totalElements": total,
                "elementsPerPage": PER_PAGE,
                "currentPage": number,
                "totalPages": pages,
            },
            "links": links,
        }
    )


# --- what is published, in the shape the objects need ---------------------------------------


def _members(forums) -> dict[int, list]:
    """Each public forum's members today, by forum id."""
    return {forum.pk: forum.members() for forum in forums}


def _people(organisation: Organisation) -> dict[int, list]:
    """Each person in a public forum of `organisation`: their (forum, membership) pairs."""
    forums = list(Forum.objects.public().filter(organisation=organisation).order_by("position"))
    people: dict[int, list] = defaultdict(list)
    for forum in forums:
        for membership in forum.members():
            people[membership.person.pk].append((forum, membership))
    return people


def _numbered(meetings: list[Meeting]) -> dict[int, list[tuple[int, AgendaItem]]]:
    """The public items of each meeting with their number on the agenda: numbered among all
    the agenda's items, as the members' agenda numbers them, so the numbers agree."""
    ids = [m.pk for m in meetings]
    public = set(
        AgendaItem.objects.public().filter(meeting_id__in=ids).values_list("pk", flat=True)
    )
    every = AgendaItem.objects.on_agenda().filter(READY, meeting_id__in=ids)
    by_meeting: dict[int, list] = defaultdict(list)
    for item in every.order_by("meeting_id", "-standing", "position", "pk"):
        by_meeting[item.meeting_id].append(item)
    return {
        meeting_id: [
            (number, item) for number, item in enumerate(items, start=1) if item.pk in public
        ]
        for meeting_id, items in by_meeting.items()
    }


def _outcomes(item_ids) -> dict[int, Outcome]:
    """Each item's decision at the meeting it is on now (not one it was deferred from)."""
    decided = Outcome.objects.public().filter(
        item_id__in=item_ids, minutes__meeting_id=F("item__meeting_id")
    )
    return {o.item_id: o for o in decided}


def _meetings(site: Site, meetings: list[Meeting]) -> list[dict]:
    numbered = _numbered(meetings)
    outcomes = _outcomes([item.pk for lines in numbered.values() for _n, item in lines])
    return [objects.meeting_out(site, m, numbered.get(m.pk, []), outcomes) for m in meetings]


def _public_meetings():
    return Meeting.objects.public().select_related("forum", "venue").order_by("start", "pk")


def _public_items():
    return AgendaItem.objects.public().select_related("forum__organisation", "meeting")


def _items(site: Site, items: list[AgendaItem]) -> list[dict]:
    meetings = list(Meeting.objects.filter(pk__in={item.meeting_id for item in items}))
    numbers = {item.pk: number for lines in _numbered(meetings).values() for number, item in lines}
    outcomes = _outcomes([item.pk for item in items])
    return [
        objects.agenda_item_out(site, item, numbers[item.pk], outcomes.get(item.pk))
        for item in items
    ]


def _papers(site: Site, items: list[AgendaItem]) -> list[dict]:
    files = defaultdict(list)
    for attachment in Attachment.objects.filter(item__in=items).order_by("pk"):
        files[attachment.item_id].append(attachment)
    return [objects.paper_out(site, item, files[item.pk]) for item in items]


# --- views ----------------------------------------------------------------------------------


@oparl
def system(request):
    return _answer(objects.system_out(_site(request)))


@oparl
def bodies(request):
    site = _site(request)
    published = Organisation.objects.filter(
        pk__in=Forum.objects.public().values("organisation_id")
    ).order_by("slug")
    return _page(request, published, lambda rows: [objects.body_out(site, o) for o in rows])


@oparl
def body(request, slug):
    return _answer(objects.body_out(_site(request), _public_body(slug)))


@oparl
def organizations(request, slug):
    site, organisation = _site(request), _public_body(slug)
    forums = (
        Forum.objects.public()
        .filter(organisation=organisation)
        .select_related("organisation")
        .order_by("position")
    )

    def render(rows):
        members = _members(rows)
        return [objects.organization_out(site, f, members[f.pk]) for f in rows]

    return _page(request, forums, render)


@oparl
def organization(request, pk):
    forum = get_object_or_404(Forum.objects.public().select_related("organisation"), pk=pk)
    return _answer(objects.organization_out(_site(request), forum, forum.members()))


@oparl
def people(request, slug):
    site, organisation = _site(request), _public_body(slug)
    people = _people(organisation)
    persons = sorted(
        (memberships[0][1].person for memberships in people.values()),
        key=lambda p: (p.full_name, p.pk),
    )
    for person in persons:
        person.organisation = organisation
    return _page(
        request, persons, lambda rows: [objects.person_out(site, p, people[p.pk]) for p in rows]
    )


@oparl
def person(request, pk):
    found = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    if found.organisation is None:
        raise Http404
    memberships = _people(found.organisation).get(found.pk)
    if not memberships:
        raise Http404
    return _answer(objects.person_out(_site(request), found, memberships))


@oparl
def memberships(request, slug):
    site, organisation = _site(request), _public_body(slug)
    pairs = [pair for pairs in _people(organisation).values() for pair in pairs]
    pairs.sort(key=lambda pair: (pair[0].position, pair[1].person.full_name, pair[1].person.pk))
    return _page(request, pairs, lambda rows: [objects.membership_out(site, f, m) for f, m in rows])


@oparl
def membership(request, forum_pk, person_pk):
    forum = get_object_or_404(Forum.objects.public(), pk=forum_pk)
    found = next((m for m in forum.members() if m.person.pk == person_pk), None)
    if found is None:
        raise Http404
    return _answer(objects.membership_out(_site(request), forum, found))


@oparl
def meetings(request, slug):
    site, organisation = _site(request), _public_body(slug)
    rows = _public_meetings().filter(forum__organisation=organisation)
    if request.GET.get("organization", "").isdigit():
        rows = rows.filter(forum_id=int(request.GET["organization"]))
    return _page(request, rows, lambda page: _meetings(site, page))


@oparl
def meeting(request, pk):
    found = get_object_or_404(_public_meetings(), pk=pk)
    return _answer(_meetings(_site(request), [found])[0])


def _item_views(render):
    """The list and the single view of a kind made from public items (AgendaItem, Paper and
    Consultation are three views of the same items)."""

    @oparl
    def listed(request, slug):
        site, organisation = _site(request), _public_body(slug)
        rows = _public_items().filter(forum__organisation=organisation)
        return _page(request, rows.order_by("meeting__start", "pk"), lambda p: render(site, p))

    @oparl
    def one(request, pk):
        return _answer(render(_site(request), [get_object_or_404(_public_items(), pk=pk)])[0])

    return listed, one


def _consultations(site: Site, items: list[AgendaItem]) -> list[dict]:
    return [objects.consultation_out(site, item) for item in items]


agenda_items, agenda_item = _item_views(_items)
papers, paper = _item_views(_papers)
consultations, consultation = _item_views(_consultations)


@oparl
def paper_text(request, pk):
    item = get_object_or_404(_public_items(), pk=pk)
    text = "\n\n".join(part for part in (item.background, item.recommendation) if part.strip())
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@oparl
def files(request, slug):
    site, organisation = _site(request), _public_body(slug)
    rows = Attachment.objects.public().filter(item__forum__organisation=organisation).order_by("pk")
    return _page(request, rows, lambda page: [objects.file_out(site, f) for f in page])


@oparl
def file(request, pk):
    return _answer(
        objects.file_out(_site(request), get_object_or_404(Attachment.objects.public(), pk=pk))
    )


@oparl
def file_download(request, pk):
    attachment = get_object_or_404(Attachment.objects.public(), pk=pk)
    try:
        opened = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        opened, as_attachment=True, filename=attachment.name, content_type=attachment.content_type
    )


@oparl
def locations(request, slug):
    site, organisation = _site(request), _public_body(slug)
    rows = _located().filter(forum__organisation=organisation)
    return _page(request, rows, lambda page: [objects.location_out(site, m) for m in page])


@oparl
def location(request, pk):
    return _answer(objects.location_out(_site(request), get_object_or_404(_located(), pk=pk)))


def _located():
    """The public meetings that say where they are held: each is a Location."""
    return _public_meetings().exclude(venue__isnull=True, place="")
