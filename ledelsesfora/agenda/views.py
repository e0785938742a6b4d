"""Pages for each role: my items, awaiting my approval, the secretariat's board per meeting, the
member's agenda, an item with its history, and one small view per step of an item or an agenda.
Each looks up with an access check (404 for what the person may not see), calls one operation and
redirects."""

from __future__ import annotations

import datetime
import json
import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ledelsesfora.agenda import agendas, operations, reports, topics
from ledelsesfora.agenda.access import agenda_meetings, closed_items_of_meeting
from ledelsesfora.agenda.forms import AttachmentForm, ItemForm, MoveItemsForm
from ledelsesfora.agenda.models import AgendaItem, Attachment, Comment
from ledelsesfora.agenda.year import store_year
from ledelsesfora.documents import attachment_response
from ledelsesfora.errors import Refused
from ledelsesfora.forums.access import (
    can_submit,
    chosen_forum,
    forum_for,
    is_member,
    is_secretariat,
    organisation_for,
)
from ledelsesfora.forums.models import Forum
from ledelsesfora.guards import number
from ledelsesfora.meetings import answers
from ledelsesfora.meetings.forms import AnswerForm, YearForm
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person
from ledelsesfora.pagecache import remembered
from ledelsesfora.security.log import Kind, logs_use
from ledelsesfora.steps import named, run_step

logger = logging.getLogger(__name__)


def _item_for(person: Person, pk: int) -> AgendaItem:
    item = (
        AgendaItem.objects.select_related("forum", "forum__organisation", "meeting")
        .filter(pk=pk)
        .first()
    )
    if item is None or not AgendaItem.objects.visible_to(person).filter(pk=pk).exists():
        raise Http404
    return item


def _meeting_for(person: Person, pk: int) -> Meeting:
    meeting = (
        agenda_meetings(person).select_related("forum", "forum__organisation").filter(pk=pk).first()
    )
    if meeting is None:
        raise Http404
    return meeting


@remembered
@login_required
def my_items(request, org):
    organisation = organisation_for(request.user, org)
    person = request.user
    items = (
        AgendaItem.objects.filter(forum__organisation=organisation, author=person)
        .exclude(status=AgendaItem.Status.TREATED)
        .select_related("forum", "meeting")
        .order_by("meeting__start", "pk")
    )
    awaiting = (
        AgendaItem.objects.filter(forum__organisation=organisation)
        .awaiting_approval(person)
        .select_related("forum", "meeting")
        .order_by("meeting__start")
    )
    forums = [f for f in organisation.forums.active() if f.charter.agenda and can_submit(person, f)]
    upcoming = (
        Meeting.objects.held()
        .filter(forum__organisation=organisation, start__gte=timezone.now())
        .select_related("forum")
        .order_by("start")
    )
    secretariat = is_secretariat(person, organisation)
    member_meetings = [
        m
        for m in upcoming[:60]
        if secretariat or (m.agenda_published_at and is_member(person, m.forum))
    ][:12]
    return render(
        request,
        "agenda/my_items.html",
        {
            "organisation": organisation,
            "items": items,
            "awaiting": awaiting,
            "forums": forums,
            "meetings": member_meetings,
            "secretariat": secretariat,
        },
    )


@login_required
def item_new(request, org):
    organisation = organisation_for(request.user, org)
    forum = organisation.forums.active().filter(short_name=request.GET.get("forum", "")).first()
    if forum is None:
        raise Http404
    # Meetings still taking items, and unpublished ones past their deadline (the secretariat
    # may accept an item late).
    now = timezone.now()
    meetings = list(
        (
            forum.meetings.open_for_submission(now)
            | forum.meetings.held().filter(start__gte=now, agenda_published_at__isnull=True)
        ).order_by("start")[:12]
    )
    meeting_id = request.POST.get("meeting") or request.GET.get("moede")
    meeting = next((m for m in meetings if str(m.pk) == str(meeting_id)), None)
    form = ItemForm(forum, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = operations.create_item(
                forum,
                form.item_data(),
                by=request.user,
                meeting=meeting,
                presenters=form.cleaned_data["presenters"],
                guests=form.cleaned_data["guests"],
            )
        except operations.AgendaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request, _("The item is saved as a draft. Submit it when it is ready.")
            )
            return redirect("item", pk=item.pk)
    return render(
        request,
        "agenda/item_form.html",
        {
            "organisation": organisation,
            "forum": forum,
            "form": form,
            "meetings": meetings,
            "meeting": meeting,
            "refusal": None if forum.charter.agenda else _refusal(forum),
        },
    )


def _refusal(forum: Forum) -> str:
    try:
        operations.refuse_without_agenda(forum, _("items"))
    except operations.AgendaError as error:
        return error.message
    return ""


@login_required
def item_edit(request, pk):
    """The item's form. It carries the item's content stamp from when it was opened, so a save
    over someone else's later change is refused, with both versions on the page."""
    item = _item_for(request.user, pk)
    form = ItemForm(item.forum, request.POST or None, initial=ItemForm.initial_for(item))
    seen = request.POST.get("seen") or operations.content_stamp(item)
    theirs = []
    if request.method == "POST" and form.is_valid():
        try:
            operations.update_item(
                item,
                form.item_data(),
                by=request.user,
                presenters=form.cleaned_data["presenters"],
                guests=form.cleaned_data["guests"],
                seen=seen,
            )
        except operations.StaleEdit as stale:
            form.add_error(None, stale.message)
            theirs = _differences(form, stale.current)
            seen = operations.content_stamp(stale.current)  # saving again keeps this text
        except operations.AgendaError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The item is saved."))
            return redirect("item", pk=item.pk)
    return render(
        request,
        "agenda/item_form.html",
        {
            "organisation": item.forum.organisation,
            "forum": item.forum,
            "form": form,
            "item": item,
            "seen": seen,
            "theirs": theirs,
        },
    )


def _differences(form: ItemForm, current: AgendaItem) -> list[tuple[str, str]]:
    """The fields where the saved item now differs from what this person sent: (label, the
    saved value as the form would show it), for showing the other version beside the form."""
    shown = []
    for name, value in ItemForm.initial_for(current).items():
        if name not in form.fields:  # e.g. anchors, where the charter names none
            continue
        if _comparable(value) != _comparable(form.cleaned_data.get(name)):
            shown.append((form.fields[name].label, _written(form.fields[name], value)))
    return shown


def _comparable(value):
    if hasattr(value, "all") or isinstance(value, list | tuple):
        return sorted(
            getattr(v, "pk", v) for v in (value.all() if hasattr(value, "all") else value)
        )
    return getattr(value, "pk", value) if value not in (None, "") else None


def _written(field, value) -> str:
    if hasattr(value, "all"):
        value = list(value.all())
    # A plain choice (kind, anchors) is written with its label; people and units as named.
    labels = {} if hasattr(field, "queryset") else dict(getattr(field, "choices", []))
    if isinstance(value, list):
        return ", ".join(str(labels.get(v, v)) for v in value) or "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(labels.get(value, value)) if value not in (None, "") else "–"


def _closed_item(request, pk):
    return AgendaItem.objects.closed_seen_by(request.user, pk=pk)


@remembered
@logs_use(Kind.READ, _closed_item)
@login_required
def item_detail(request, pk):
    item = _item_for(request.user, pk)
    person = request.user
    secretariat = is_secretariat(person, item.forum.organisation)
    later = item.forum.meetings.held().filter(start__gte=timezone.now()).order_by("start")[:12]
    return render(
        request,
        "agenda/item.html",
        {
            "organisation": item.forum.organisation,
            "item": item,
            "secretariat": secretariat,
            "is_author": item.author_id == person.pk,
            "can_approve": operations.may_approve(item, person),
            "can_comment": item.forum.charter.member_input and is_member(person, item.forum),
            "events": item.events.select_related("by"),
            "comments": item.comments.select_related("author"),
            "attachments": item.attachments.all(),
            "later_meetings": later,
            "late": operations.is_late(item, timezone.now())
            and (item.author_id == person.pk or secretariat),
            "next_meeting": operations.next_reachable_meeting(
                item.forum, timezone.now(), after=item.meeting
            )
            if item.meeting_id
            else None,
            "attachment_form": AttachmentForm(),
            "comment_kinds": Comment.Kind.choices,
        },
    )


def _item_step(request, pk: int, step, done: str = "", to_board: bool = False):
    """Run one step of the item's path for the person asking; say what happened."""
    item = _item_for(request.user, pk)
    run_step(request, lambda: step(item), done=done)
    if to_board and item.meeting_id:
        return redirect("meeting-board", pk=item.meeting_id)
    return redirect("item", pk=item.pk)


@login_required
@require_POST
def item_submit(request, pk):
    override = request.POST.get("override", "")
    return _item_step(
        request,
        pk,
        lambda item: operations.submit_item(item, by=request.user, override_reason=override),
        _("The item is submitted to the secretariat."),
    )


@login_required
@require_POST
def item_review(request, pk):
    sparring = request.POST.get("sparring", "")
    return _item_step(
        request,
        pk,
        lambda item: operations.review_item(item, by=request.user, sparring=sparring),
        _("The item is quality-assured."),
    )


@login_required
@require_POST
def item_approve(request, pk):
    return _item_step(
        request,
        pk,
        lambda item: operations.approve_item(item, by=request.user),
        _("The item is approved."),
    )


@login_required
@require_POST
def item_return(request, pk):
    reason = request.POST.get("reason", "")
    return _item_step(
        request,
        pk,
        lambda item: operations.return_item(item, by=request.user, reason=reason),
        _("The item is sent back to its submitter."),
    )


@login_required
@require_POST
def item_comment(request, pk):
    kind, text = request.POST.get("kind", ""), request.POST.get("text", "")
    return _item_step(
        request,
        pk,
        lambda item: operations.add_comment(item, by=request.user, kind=kind, text=text),
    )


@login_required
@require_POST
def item_attach(request, pk):
    form = AttachmentForm(request.POST, request.FILES)

    def attach(item):
        if not form.is_valid():
            raise operations.AgendaError(_("Choose a file to attach."))
        operations.add_attachment(item, form.cleaned_data["file"], by=request.user)

    return _item_step(request, pk, attach)


@login_required
@require_POST
def item_place(request, pk):
    target = number(request.POST.get("meeting"))

    def place(item):
        meeting = item.forum.meetings.filter(pk=target).first() if target else None
        if target and meeting is None:
            raise operations.AgendaError(_("Choose a meeting of the forum."))
        operations.place_item(item, by=request.user, meeting=meeting)

    return _item_step(request, pk, place)


@login_required
@require_POST
def item_submit_next(request, pk):
    return _item_step(
        request,
        pk,
        lambda item: operations.submit_to_next_meeting(item, by=request.user),
        _("The item is moved to the next meeting and submitted to the secretariat."),
    )


@login_required
@require_POST
def item_withdraw(request, pk):
    return _item_step(
        request,
        pk,
        lambda item: operations.withdraw_item(item, by=request.user),
        _("The item is withdrawn."),
    )


@login_required
@require_POST
def item_ask_late(request, pk):
    reason = request.POST.get("reason", "")
    return _item_step(
        request,
        pk,
        lambda item: operations.ask_to_accept_late(item, by=request.user, reason=reason),
        _("The secretariat is asked to accept the item after the deadline."),
    )


@login_required
@require_POST
def item_move(request, pk):
    direction = -1 if request.POST.get("direction") == "up" else 1
    if request.headers.get("HX-Request"):
        item = _item_for(request.user, pk)
        if item.meeting is None or not is_secretariat(request.user, item.forum.organisation):
            raise Http404  # the board's items are the secretariat's to see

        def said(agenda) -> str:
            line = next(line for line in agenda.lines if line.item.pk == item.pk)
            return _("%(title)s is now number %(number)d of %(count)d.") % {
                "title": item.title,
                "number": line.number,
                "count": len(agenda.lines),
            }

        return _board_order(
            request,
            item.meeting,
            lambda: agendas.move_item(item, direction, by=request.user),
            said,
        )
    return _item_step(
        request,
        pk,
        lambda item: agendas.move_item(item, direction, by=request.user),
        to_board=True,
    )


def _closed_attachment(request, pk):
    return Attachment.objects.filter(
        pk=pk, item__in=AgendaItem.objects.closed_seen_by(request.user)
    )


@logs_use(Kind.EXPORT, _closed_attachment)
@login_required
def attachment_download(request, pk):
    attachment = Attachment.objects.select_related("item").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    _item_for(request.user, attachment.item_id)
    try:
        opened = attachment.file.open("rb")
    except FileNotFoundError:
        # The row is there but its file is not (a restore without the files): the page is not
        # found, and the administrator finds the reason in the error log.
        logger.error("The file of attachment %s is missing: %s", attachment.pk, attachment.file)
        raise Http404 from None
    return FileResponse(
        opened,
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@remembered
@logs_use(Kind.READ, closed_items_of_meeting)
@login_required
def meeting_agenda(request, pk):
    """The agenda as this person may see it (phone-friendly); topics for reflection forums; the
    items proposed for members' input where the charter asks for it."""
    person = request.user
    meeting = _meeting_for(person, pk)
    forum = meeting.forum
    agenda = agendas.agenda_for(person, meeting)
    if agenda is not None:
        prefetch_related_objects([line.item for line in agenda.lines], "presenters", "attachments")
    member = is_member(person, forum)
    proposals = []
    if forum.charter.member_input and member:
        on_agenda = {line.item.pk for line in agenda.lines} if agenda else set()
        proposals = [
            item
            for item in AgendaItem.objects.visible_to(person)
            .filter(meeting=meeting)
            .on_agenda()
            .exclude(standing=True)
            if item.pk not in on_agenda
        ]
    return render(
        request,
        "agenda/meeting.html",
        {
            "organisation": forum.organisation,
            "meeting": meeting,
            "forum": forum,
            "agenda": agenda,
            "proposals": proposals,
            "topics": meeting.topics.select_related("author")
            if forum.charter.topics_before_meeting
            else None,
            "can_post_topic": forum.charter.topics_before_meeting and member,
            "secretariat": is_secretariat(person, forum.organisation),
            "answer_action": reverse("meeting-answer", args=[meeting.pk]),
            **answers.for_page(person, meeting),
        },
    )


@remembered
@login_required
def meeting_board(request, pk):
    """The secretariat's board: every item in order, blockers, backlog, publication."""
    meeting = _meeting_for(request.user, pk)
    forum = meeting.forum
    if not is_secretariat(request.user, forum.organisation):
        raise Http404
    waiting = meeting.items.filter(status__in=[AgendaItem.Status.DRAFT, AgendaItem.Status.RETURNED])
    backlog = forum.items.filter(meeting__isnull=True).on_agenda()
    replies = answers.replies(meeting)
    stranded = 0
    if not meeting.takes_place:
        stranded = (
            meeting.items.filter(standing=False)
            .exclude(status__in=[AgendaItem.Status.TREATED, AgendaItem.Status.WITHDRAWN])
            .count()
        )
    return render(
        request,
        "agenda/board.html",
        {
            "organisation": forum.organisation,
            "forum": forum,
            **_board_order_context(meeting),
            "stranded": stranded,
            "move_form": MoveItemsForm(meeting) if stranded else None,
            "waiting": waiting,
            "backlog": backlog,
            "replies": replies,
            "tally": answers.tally(replies),
            "answer_asks": answers.asks(meeting),
            "answer_form": AnswerForm(),
        },
    )


@login_required
@require_POST
def meeting_move_items(request, pk):
    """The items of a cancelled meeting, all to one other meeting or the backlog."""
    meeting = _meeting_for(request.user, pk)
    _secretariat_only(request, meeting)
    form = MoveItemsForm(meeting, request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the meetings offered, or the backlog."))
        return redirect("meeting-board", pk=meeting.pk)
    result = {}

    def move():
        result["moved"] = operations.move_meeting_items(meeting, to=form.target(), by=request.user)

    if run_step(request, move):
        moved = result["moved"]
        messages.success(
            request,
            ngettext("%(count)d item is moved.", "%(count)d items are moved.", len(moved.moved))
            % {"count": len(moved.moved)},
        )
        for item in moved.kept:
            messages.warning(request, named(item))
        if moved.moved and form.target() is not None:
            return redirect("meeting-board", pk=form.target().pk)
    return redirect("meeting-board", pk=meeting.pk)


def _board_order_context(meeting: Meeting) -> dict:
    """What agenda/_board_order.html shows: the items in order with their times and blockers."""
    items = list(meeting.items.on_agenda().for_agenda())
    return {
        "meeting": meeting,
        "agenda": agendas.build_agenda(meeting, items),
        "blockers": {b.pk: b.reason for b in agendas.publication_blockers(meeting)}
        if meeting.forum.charter.agenda
        else {},
    }


def _board_order(request, meeting: Meeting, step, said) -> HttpResponse:
    """An ordering step asked for by htmx: the board's items again, in place, and a sentence for
    the live region (what moved where, or why nothing did)."""
    try:
        step()
    except Refused as error:
        status, code = error.message, 409
    else:
        status, code = None, 200
    context = _board_order_context(meeting)
    if status is None:
        status = said(context["agenda"])
    return render(request, "agenda/_board_order.html", {**context, "status": status}, status=code)


def _agenda_step(request, pk: int, step, done: str = "", back_to: str = "meeting-board"):
    """Run one step of a meeting's agenda; refusals are shown with the items that block."""
    meeting = _meeting_for(request.user, pk)
    run_step(request, lambda: step(meeting), done=done)
    return redirect(back_to, pk=meeting.pk)


def _secretariat_only(request, meeting: Meeting) -> None:
    if not is_secretariat(request.user, meeting.forum.organisation):
        raise PermissionDenied


@login_required
@require_POST
def meeting_publish(request, pk):
    def publish(meeting):
        _secretariat_only(request, meeting)
        agendas.publish_agenda(meeting, by=request.user)

    return _agenda_step(
        request, pk, publish, _("The agenda is published and the members are notified.")
    )


@login_required
@require_POST
def meeting_order(request, pk):
    def order(meeting):
        _secretariat_only(request, meeting)
        try:
            ids = [int(pk) for pk in json.loads(request.POST.get("order", "[]"))]
        except (ValueError, TypeError, OverflowError):
            raise operations.AgendaError(
                _("The order could not be read; reload the page.")
            ) from None
        agendas.reorder_agenda(meeting, ids, by=request.user)

    if request.headers.get("HX-Request"):
        meeting = _meeting_for(request.user, pk)
        return _board_order(
            request, meeting, lambda: order(meeting), lambda agenda: _("The order is saved.")
        )
    return _agenda_step(request, pk, order)


@login_required
@require_POST
def meeting_topic(request, pk):
    title, text = request.POST.get("title", ""), request.POST.get("text", "")
    return _agenda_step(
        request,
        pk,
        lambda meeting: topics.post_topic(meeting, by=request.user, title=title, text=text),
        _("Your topic is posted for the meeting."),
        back_to="meeting-agenda",
    )


@remembered
@login_required
def anchor_report(request, org, short_name):
    """Meeting time per strategy anchor over a period (default: the last twelve months)."""
    forum = forum_for(request.user, org, short_name)
    if not forum.charter.anchors:
        raise Http404
    today = timezone.localdate()
    try:
        start = datetime.date.fromisoformat(request.GET.get("fra", ""))
    except ValueError:
        start = today - datetime.timedelta(days=365)
    try:
        end = datetime.date.fromisoformat(request.GET.get("til", ""))
    except ValueError:
        end = today
    rows = reports.anchor_report(forum, start, end)
    top = max((row.minutes for row in rows), default=0) or 1
    return render(
        request,
        "agenda/anchors.html",
        {
            "organisation": forum.organisation,
            "forum": forum,
            "rows": rows,
            "start": start,
            "end": end,
            "top": top,
            "total": sum(row.minutes for row in rows),
        },
    )


@login_required
@require_POST
def store_year_page(request, org):
    """The secretariat stores a year from the year plan (`agenda.year.store_year`)."""
    organisation = organisation_for(request.user, org)
    if not is_secretariat(request.user, organisation):
        raise PermissionDenied
    form = YearForm(request.POST)
    if not form.is_valid() or not form.cleaned_data.get("aar"):
        messages.error(request, _("Choose a year between 1900 and 2200."))
        return redirect("year", org=organisation.slug)
    year = form.cleaned_data["aar"]
    forum = chosen_forum(organisation, request.POST.get("forum"))
    try:
        result = store_year(organisation, year, forum=forum, by=request.user).plan
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "The plan for %(year)s is stored: %(created)d created, %(changed)d changed, "
                "%(cancelled)d cancelled, %(unchanged)d unchanged, %(kept)d kept as they were."
            )
            % {
                "year": year,
                "created": len(result.created),
                "changed": len(result.changed),
                "cancelled": len(result.cancelled),
                "unchanged": result.unchanged,
                "kept": len(result.kept),
            },
        )
        for change in result.changed + result.cancelled:
            messages.info(request, str(change))
    url = reverse("year", kwargs={"org": organisation.slug}) + f"?aar={year}"
    return redirect(url + (f"&forum={forum.short_name}" if forum else ""))


def _agenda_download(request, pk: int, extension: str):
    meeting = _meeting_for(request.user, pk)
    download = agendas.agenda_file(request.user, meeting, extension)
    if download is None:
        raise Http404
    return attachment_response(*download)


@remembered
@logs_use(Kind.EXPORT, closed_items_of_meeting)
@login_required
def agenda_pdf_download(request, pk):
    return _agenda_download(request, pk, "pdf")


@remembered
@logs_use(Kind.EXPORT, closed_items_of_meeting)
@login_required
def agenda_docx_download(request, pk):
    return _agenda_download(request, pk, "docx")
