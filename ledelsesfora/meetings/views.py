"""Year plan pages, the årshjul, ad hoc meetings and calendar feeds."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledelsesfora.forums.access import (
    can_submit,
    chosen_forum,
    forum_for,
    is_member,
    is_secretariat,
    organisation_for,
)
from ledelsesfora.forums.models import Forum, WorkingGroup
from ledelsesfora.guards import number
from ledelsesfora.meetings import answers, ical, wheel
from ledelsesfora.meetings.forms import (
    AdHocMeetingForm,
    AnswerForm,
    CancelForm,
    MeetingForm,
    WorkingGroupMeetingForm,
    YearForm,
)
from ledelsesfora.meetings.models import Answer, CalendarFeed, Meeting
from ledelsesfora.meetings.operations import (
    PlanningError,
    VenueData,
    cancel_meeting,
    change_meeting,
    choose_venue,
    create_ad_hoc_meeting,
    reopen_meeting,
    save_venue,
    venue_problem,
)
from ledelsesfora.meetings.planning import annual_cycle
from ledelsesfora.meetings.wheel import Mark, colour, wheel_svg
from ledelsesfora.meetings.yearplan import PlanEntry, year_plan
from ledelsesfora.organisation.models import Organisation, Person
from ledelsesfora.pagecache import remembered
from ledelsesfora.revision import memo
from ledelsesfora.steps import run_step


def _year(request) -> int:
    form = YearForm(request.GET)
    return (
        form.cleaned_data["aar"]
        if form.is_valid() and form.cleaned_data.get("aar")
        else (timezone.localdate().year)
    )


@remembered
@login_required
def year_view(request, org):
    organisation = organisation_for(request.user, org)
    year = _year(request)
    forum = chosen_forum(organisation, request.GET.get("forum"))
    show_all = request.GET.get("vis") == "alle"
    forums = list(organisation.forums.active())
    members = {f.short_name: f.members() for f in forums}
    entries = year_plan(organisation, year, forum, members=members)
    shown = entries if show_all else [e for e in entries if e.takes_place]
    secretariat = is_secretariat(request.user, organisation)
    # Agenda links only where this person may open every meeting's agenda.
    readable = {
        f.pk
        for f in forums
        if secretariat or any(m.person.pk == request.user.pk for m in members[f.short_name])
    }
    months = []
    for _month, group in groupby(shown, key=lambda e: timezone.localtime(e.start).month):
        entries_of_month = list(group)
        rows = [plan_row(e, secretariat, e.forum.pk in readable) for e in entries_of_month]
        months.append((entries_of_month[0].start, rows))
    return render(
        request,
        "meetings/year.html",
        {
            "organisation": organisation,
            "year": year,
            "forum": forum,
            "show_all": show_all,
            "months": months,
            "count": len(shown),
            "hidden": len(entries) - len(shown),
            "materialised": any(e.meeting for e in entries),
            "forums": forums,
            "can_plan": secretariat,
            "years": [year - 1, year, year + 1],
        },
    )


# Rendered rows by everything they show: after a write, only the rows it changed are rendered
# again.
_PLAN_ROWS = memo.ByContent(5_000)


def plan_row(entry: PlanEntry, can_plan: bool, readable: bool) -> str:
    def render() -> str:
        return render_to_string(
            "meetings/_plan_row.html",
            {
                "entry": entry,
                "organisation": entry.forum.organisation,
                "can_plan": can_plan,
                "readable": readable,
            },
        )

    key = (get_language(), timezone.get_current_timezone_name(), can_plan, readable)
    return _PLAN_ROWS.get((*key, entry.forum.organisation.slug, entry.fingerprint()), render)


@login_required
def ad_hoc_meeting(request, org):
    organisation = organisation_for(request.user, org)
    if not is_secretariat(request.user, organisation):
        raise PermissionDenied
    form = AdHocMeetingForm(
        organisation, request.POST or None, initial={"forum": request.GET.get("forum")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = create_ad_hoc_meeting(
                data["forum"],
                start=data["start"],
                duration=data["duration"],
                title=data["title"],
                place=data["place"],
                online_link=data["online_link"],
                by=request.user,
            )
        except PlanningError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("The meeting is created: %(meeting)s, week %(week)d.")
                % {"meeting": meeting.title, "week": meeting.iso_week},
            )
            local = timezone.localtime(meeting.start)
            return redirect(
                reverse("year", kwargs={"org": organisation.slug})
                + f"?aar={local.year}&forum={meeting.forum.short_name}"
            )
    return render(request, "meetings/ad_hoc.html", {"organisation": organisation, "form": form})


def _wheel(organisation: Organisation, year: int, person: Person) -> tuple[str, list]:
    forums = list(organisation.forums.active())
    entries = year_plan(organisation, year, conflicts=False)
    title = _("The year %(year)s for %(name)s's leadership forums") % {
        "year": year,
        "name": organisation.name,
    }
    legend = [(forum, colour(index)) for index, forum in enumerate(forums)]
    # The charter's annual cycle, on the meeting each item goes on: the charter's own words, so
    # nobody learns of an item's later title, draft or closed, from the wheel.
    marks = []
    for forum in forums:
        held = [e for e in entries if e.forum.pk == forum.pk and e.takes_place]
        for recurring, day, entry in annual_cycle(forum.charter, year, held):
            when = timezone.localtime(entry.start).date() if entry is not None else day
            marks.append(Mark(forum.short_name, when, f"{forum.short_name}: {recurring.title}"))
    for source in wheel.mark_sources:
        marks += source(organisation, year, person)
    return wheel_svg(year, forums, entries, title, marks), legend


@remembered
@login_required
def wheel_page(request, org):
    organisation = organisation_for(request.user, org)
    year = _year(request)
    svg, legend = _wheel(organisation, year, request.user)
    return render(
        request,
        "meetings/wheel.html",
        {
            "organisation": organisation,
            "year": year,
            "svg": svg,
            "legend": legend,
            "years": [year - 1, year, year + 1],
        },
    )


@login_required
def wheel_download(request, org, year, extension):
    organisation = organisation_for(request.user, org)
    if not 1900 <= year <= 2200 or extension not in ("svg", "pdf"):
        raise Http404
    svg, legend = _wheel(organisation, year, request.user)
    filename = f"aarshjul-{organisation.slug}-{year}.{extension}"
    if extension == "svg":
        response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    else:
        from weasyprint import HTML  # imported here: loading Pango costs a second at start-up

        html = render_to_string(
            "meetings/wheel_pdf.html",
            {
                "organisation": organisation,
                "year": year,
                "svg": svg,
                "legend": legend,
            },
        )
        response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# --- calendar feeds -------------------------------------------------------------------------

FEED_PAST = datetime.timedelta(days=92)
FEED_FUTURE = datetime.timedelta(days=400)


def _feed_entries(organisation: Organisation, forums: list[Forum]) -> list[PlanEntry]:
    """Stored meetings and the charter's plan from three months back to a year ahead."""
    today = timezone.localdate()
    first, last = today - FEED_PAST, today + FEED_FUTURE
    wanted = {forum.pk for forum in forums}
    entries: list[PlanEntry] = []
    for year in range(first.year, last.year + 1):
        # One plan of the whole municipality per year: cheaper than one per forum.
        entries += [
            e
            for e in year_plan(organisation, year, conflicts=False)
            if e.forum.pk in wanted and first <= timezone.localtime(e.start).date() <= last
        ]
    entries.sort(key=lambda e: e.start)
    return entries


def _links(request, *, meeting_pages: bool):
    """Each event's link: the meeting's own page where the reader may open every meeting of
    the feed (`meeting_pages`: members and the secretariat), otherwise the forum's page."""

    def link(entry: PlanEntry) -> str:
        if meeting_pages and entry.meeting is not None:
            return request.build_absolute_uri(reverse("meeting-agenda", args=[entry.meeting.pk]))
        return request.build_absolute_uri(
            reverse("forum", args=[entry.forum.organisation.slug, entry.forum.short_name])
        )

    return link


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=900"
    return response


def _feed_person(token: str) -> Person:
    feed = (
        CalendarFeed.objects.select_related("person", "person__organisation")
        .filter(token=token, revoked_at__isnull=True, person__is_active=True)
        .first()
    )
    if feed is None or feed.person.organisation is None:
        raise Http404
    return feed.person


@remembered(per_session=False)
def personal_feed(request, token):
    """The meetings of every forum the token's owner is a member of, with an alarm before the
    submission deadlines of forums whose members submit items."""
    person = _feed_person(token)
    organisation = person.organisation
    forums = [f for f in organisation.forums.active() if is_member(person, f)]
    # Reminders only where the charter lets this person submit items (its `submitters`).
    alarms = {f.short_name for f in forums if f.charter.deadline and can_submit(person, f)}
    entries = _feed_entries(organisation, forums)
    body = ical.feed(
        entries,
        name=f"{person.get_full_name()} – ledelsesfora",
        deadline_alarms=alarms,
        url=_links(request, meeting_pages=True),  # a member opens every meeting of the forum
        answer=_answer_links(person),
    )
    return _ics(body, "ledelsesfora.ics")


# How far ahead a personal feed's events carry the link to answer the meeting.
ANSWER_AHEAD = datetime.timedelta(weeks=8)


def _answer_links(person: Person):
    """For the personal feed: the link signed for `person` to answer each meeting ahead of
    them within ANSWER_AHEAD (the feed holds only their own forums' meetings)."""
    now = timezone.now()

    def answer(entry: PlanEntry) -> str | None:
        if entry.meeting is None or not entry.takes_place:
            return None
        if not now < entry.start <= now + ANSWER_AHEAD:
            return None
        return answers.answer_link(entry.meeting, person)

    return answer


def _reads_every_meeting(person: Person, forum: Forum) -> bool:
    return is_secretariat(person, forum.organisation) or is_member(person, forum)


@remembered(per_session=False)
def forum_feed(request, token, org, short_name):
    person = _feed_person(token)
    forum = forum_for(person, org, short_name)
    entries = _feed_entries(forum.organisation, [forum])
    body = ical.feed(
        entries,
        name=f"{forum.organisation.name}: {forum.name}",
        url=_links(request, meeting_pages=_reads_every_meeting(person, forum)),
    )
    return _ics(body, f"{forum.short_name}.ics")


@remembered
@login_required
def calendars(request):
    person = request.user
    feed = CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).first()
    if request.method == "POST":
        renew = request.POST.get("action") != "revoke"
        try:
            with transaction.atomic():
                # Every working address goes, not just the one shown: a person has at most one.
                CalendarFeed.objects.filter(person=person, revoked_at__isnull=True).update(
                    revoked_at=timezone.now()
                )
                if renew:
                    CalendarFeed.objects.create(person=person)
        except IntegrityError:
            pass  # a renewal at the same moment made the one new address; it stands
        if renew:
            messages.success(
                request, _("You have a new calendar address. The old one no longer works.")
            )
        else:
            messages.success(request, _("Your calendar address is deleted; it no longer works."))
        return redirect("calendars")
    forums = Forum.objects.visible_to(person).active().select_related("organisation")
    context = {"feed": feed, "organisation": person.organisation}
    if feed is not None:
        context["personal"] = FeedAddress(
            request.build_absolute_uri(reverse("personal-feed", args=[feed.token]))
        )
        context["forum_addresses"] = [
            (
                forum,
                FeedAddress(
                    request.build_absolute_uri(
                        reverse(
                            "forum-feed",
                            args=[feed.token, forum.organisation.slug, forum.short_name],
                        )
                    )
                ),
            )
            for forum in forums
        ]
    return render(request, "meetings/calendars.html", context)


@dataclass(frozen=True)
class FeedAddress:
    """A calendar address as https (to copy) and as webcal (opens the calendar program)."""

    https: str

    @property
    def webcal(self) -> str:
        return "webcal://" + self.https.split("://", 1)[1]


@remembered
@login_required
def meeting_ics(request, org, short_name):
    """The forum's calendar for someone logged in (a download, not a subscription)."""
    forum = forum_for(request.user, org, short_name)
    entries = _feed_entries(forum.organisation, [forum])
    links = _links(request, meeting_pages=_reads_every_meeting(request.user, forum))
    return _ics(
        ical.feed(entries, name=f"{forum.organisation.name}: {forum.name}", url=links),
        f"{forum.short_name}.ics",
    )


@login_required
@require_POST
def working_group_meeting(request, pk):
    """A working group meets ad hoc: any of its members (or the secretariat) sets a time."""
    group = (
        WorkingGroup.objects.select_related("forum", "forum__organisation").filter(pk=pk).first()
    )
    if group is None or group.forum.organisation_id != request.user.organisation_id:
        raise Http404
    organisation = group.forum.organisation
    if not (
        group.members.filter(pk=request.user.pk).exists()
        or is_secretariat(request.user, organisation)
    ):
        raise PermissionDenied
    form = WorkingGroupMeetingForm(request.POST)
    url = reverse("forum", args=[organisation.slug, group.forum.short_name]) + "#arbejdsgrupper"
    if not form.is_valid():
        messages.error(request, _("Give a date, a start time and a duration of 15 to 480 minutes."))
        return redirect(url)
    try:
        meeting = create_ad_hoc_meeting(
            group.forum,
            start=form.cleaned_data["start"],
            duration=form.cleaned_data["duration"],
            by=request.user,
            working_group=group,
        )
    except PlanningError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The working group meets %(when)s.")
            % {"when": timezone.localtime(meeting.start).strftime("%d.%m.%Y %H:%M")},
        )
    return redirect(url)


# --- one meeting at a time ------------------------------------------------------------------


def _managed_meeting(person: Person, pk: int) -> Meeting:
    """Anyone but the meeting's secretariat finds nothing here, as if the address did not
    exist."""
    return get_object_or_404(
        Meeting.objects.managed_by(person).select_related("forum__organisation"), pk=pk
    )


@login_required
def meeting_settings(request, pk):
    meeting = _managed_meeting(request.user, pk)
    return _settings_page(request, meeting, MeetingForm.for_meeting(meeting), CancelForm())


def _settings_page(request, meeting, form, cancel_form, status=200):
    return render(
        request,
        "meetings/meeting_settings.html",
        {
            "organisation": meeting.forum.organisation,
            "meeting": meeting,
            "forum": meeting.forum,
            "form": form,
            "cancel_form": cancel_form,
            "held": meeting.start <= timezone.now(),
            "events": meeting.events.select_related("by"),
            "venues": [
                (venue, venue_problem(meeting, venue))
                for venue in meeting.forum.organisation.venues.all()
            ],
        },
        status=status,
    )


def _said(request, result) -> None:
    for warning in result.warnings:
        messages.warning(request, warning)


@login_required
@require_POST
def meeting_change(request, pk):
    meeting = _managed_meeting(request.user, pk)
    form = MeetingForm.for_meeting(meeting, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = change_meeting(
                meeting,
                by=request.user,
                start=data["start"],
                duration=data["duration"],
                place=data["place"],
                online_link=data["online_link"],
                format=data["format"],
                overnight=form.overnight,
            )
        except PlanningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is saved; the members' calendars follow."))
            _said(request, result)
            return redirect("meeting-settings", pk=meeting.pk)
    return _settings_page(request, meeting, form, CancelForm(), status=400)


@login_required
@require_POST
def meeting_cancel(request, pk):
    meeting = _managed_meeting(request.user, pk)
    cancel_form = CancelForm(request.POST)
    if cancel_form.is_valid():
        try:
            result = cancel_meeting(
                meeting, reason=cancel_form.cleaned_data["reason"], by=request.user
            )
        except PlanningError as error:
            cancel_form.add_error(None, error.message)
        else:
            messages.success(request, _("The meeting is cancelled and the members are told."))
            if result.items_waiting:  # on to the board, where they are moved in one step
                return redirect("meeting-board", pk=meeting.pk)
            _said(request, result)
            return redirect("meeting-settings", pk=meeting.pk)
    return _settings_page(
        request, meeting, MeetingForm.for_meeting(meeting), cancel_form, status=400
    )


@login_required
@require_POST
def meeting_reopen(request, pk):
    meeting = _managed_meeting(request.user, pk)
    run_step(
        request,
        lambda: _said(request, reopen_meeting(meeting, by=request.user)),
        done=_("The meeting is held after all; the members are told."),
    )
    return redirect("meeting-settings", pk=meeting.pk)


# --- answers: attending or apologies ------------------------------------------------------


@login_required
@require_POST
def meeting_answer(request, pk):
    """The signed-in person answers for themselves; the secretariat, naming `person`, for
    someone invited (from the board)."""
    meeting = get_object_or_404(Meeting.objects.visible_to(request.user), pk=pk)
    person, via, back = request.user, Answer.Via.PAGE, reverse("meeting-agenda", args=[pk])
    if request.POST.get("person"):
        if not is_secretariat(request.user, meeting.forum.organisation):
            raise Http404
        person = get_object_or_404(
            Person.objects.filter(organisation=meeting.forum.organisation),
            pk=number(request.POST["person"]),
        )
        via, back = Answer.Via.SECRETARIAT, reverse("meeting-board", args=[pk]) + "#svar"
    form = AnswerForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    run_step(
        request,
        lambda: answers.answer_meeting(
            meeting,
            person,
            attending=form.cleaned_data["answer"] == Answer.Kind.ATTENDING,
            reason=form.cleaned_data["reason"],
            dietary=form.cleaned_data["dietary"],
            overnight=form.cleaned_data["overnight"],
            by=request.user,
            via=via,
        ),
        done=_("The answer is saved."),
    )
    return redirect(back)


def meeting_answer_link(request, token):
    """The page a member's or guest's own e-mail links to: answer without logging in. A GET
    only shows the choice (mail scanners open links); the answer is a POST."""
    found = answers.from_link(token)
    if found is None:
        raise Http404
    meeting, person = found
    form = AnswerForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                answers.answer_meeting(
                    meeting,
                    person,
                    attending=form.cleaned_data["answer"] == Answer.Kind.ATTENDING,
                    reason=form.cleaned_data["reason"],
                    dietary=form.cleaned_data["dietary"],
                    overnight=form.cleaned_data["overnight"],
                    by=None,
                    via=Answer.Via.EMAIL,
                )
            except PlanningError as error:
                messages.error(request, error.message)
                status = 409
            else:
                messages.success(request, _("Thank you; your answer is saved."))
                return redirect("meeting-answer-link", token=token)
        else:
            status = 400
    context = answers.for_page(person, meeting, form if request.method == "POST" else None)
    return render(
        request,
        "meetings/answer.html",
        {
            "meeting": meeting,
            "forum": meeting.forum,
            "person": person,
            "answer_action": reverse("meeting-answer-link", args=[token]),
            **context,
        },
        status=status,
    )


# --- venues -------------------------------------------------------------------------------------


def _required(minutes: int | None) -> int:
    if minutes is None:
        raise PlanningError(_("Give the driving time from the town hall in minutes."))
    return minutes


def _venue_data(post) -> VenueData:
    def whole(name: str, label: str) -> int | None:
        value = post.get(name, "").strip()
        if not value:
            return None
        try:
            return int(value)
        except ValueError:
            raise PlanningError(_("Write %(what)s as a whole number.") % {"what": label}) from None

    return VenueData(
        name=post.get("name", ""),
        address=post.get("address", ""),
        drive_minutes=_required(whole("drive_minutes", _("the driving time"))),
        in_municipality=post.get("in_municipality") == "on",
        overnight=post.get("overnight") == "on",
        capacity=whole("capacity", _("the number of seats")),
        note=post.get("note", ""),
    )


@login_required
def venues_page(request, org):
    organisation = organisation_for(request.user, org)
    if not is_secretariat(request.user, organisation):
        raise Http404
    if request.method == "POST":
        venue = None
        if request.POST.get("venue"):
            venue = get_object_or_404(organisation.venues, pk=number(request.POST["venue"]))
        run_step(
            request,
            lambda: save_venue(
                organisation, _venue_data(request.POST), by=request.user, venue=venue
            ),
            done=_("The register of venues is saved."),
        )
        return redirect("venues", org=org)
    return render(
        request,
        "meetings/venues.html",
        {"organisation": organisation, "venues": organisation.venues.all()},
    )


@login_required
@require_POST
def meeting_venue(request, pk):
    meeting = _managed_meeting(request.user, pk)
    venue = meeting.forum.organisation.venues.filter(pk=number(request.POST.get("venue"))).first()
    if venue is None:
        messages.error(request, _("Choose one of the registered venues."))
    else:
        run_step(
            request,
            lambda: _said(request, choose_venue(meeting, venue, by=request.user)),
            done=_("The meeting is held at %(venue)s; the members are told.")
            % {"venue": venue.name},
        )
    return redirect("meeting-settings", pk=pk)
