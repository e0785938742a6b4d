"""Pages for each role: my items, awaiting my approval, the secretariat's board per meeting, the
member's agenda, an item with its history. Each looks up with an access check (404 for what the
person may not see), calls one operation and redirects."""

from __future__ import annotations

import datetime
import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledelsesfora.agenda import operations
from ledelsesfora.agenda.access import can_see_meeting_agenda, visible_items
from ledelsesfora.agenda.forms import AttachmentForm, ItemForm
from ledelsesfora.agenda.models import AgendaItem, Attachment, Comment
from ledelsesfora.agenda.year import store_year
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
from ledelsesfora.meetings.forms import YearForm
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.models import FollowUp
from ledelsesfora.minutes.operations import may_read as may_read_minutes
from ledelsesfora.organisation.models import Person


def _item_for(person: Person, pk: int) -> AgendaItem:
    item = (
        AgendaItem.objects.select_related("forum", "forum__organisation", "meeting")
        .filter(pk=pk)
        .first()
    )
    if item is None or not visible_items(person, item.forum).filter(pk=pk).exists():
        raise Http404
    return item


def _meeting_for(person: Person, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("forum", "forum__organisation").filter(pk=pk).first()
    if meeting is None or not can_see_meeting_agenda(person, meeting):
        raise Http404
    return meeting


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
    item = _item_for(request.user, pk)
    form = ItemForm(item.forum, request.POST or None, initial=ItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            operations.update_item(
                item,
                form.item_data(),
                by=request.user,
                presenters=form.cleaned_data["presenters"],
                guests=form.cleaned_data["guests"],
            )
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
        },
    )


@login_required
def item_detail(request, pk):
    item = _item_for(request.user, pk)
    person = request.user
    secretariat = is_secretariat(person, item.forum.organisation)
    approver = operations.approver_of(item)
    later = item.forum.meetings.held().filter(start__gte=timezone.now()).order_by("start")[:12]
    return render(
        request,
        "agenda/item.html",
        {
            "organisation": item.forum.organisation,
            "item": item,
            "secretariat": secretariat,
            "is_author": item.author_id == person.pk,
            "can_approve": bool(
                item.needs_approval
                and approver
                and approver.pk == person.pk
                and item.status == AgendaItem.Status.REVIEWED
            ),
            "can_comment": item.forum.charter.member_input and is_member(person, item.forum),
            "events": item.events.select_related("by"),
            "comments": item.comments.select_related("author"),
            "attachments": item.attachments.all(),
            "later_meetings": later,
            "attachment_form": AttachmentForm(),
            "comment_kinds": Comment.Kind.choices,
        },
    )


ITEM_ACTIONS = {"submit", "review", "approve", "return", "comment", "attach", "place", "move"}


@login_required
@require_POST
def item_action(request, pk, action):
    if action not in ITEM_ACTIONS:
        raise Http404
    item = _item_for(request.user, pk)
    by, post = request.user, request.POST
    try:
        if action == "submit":
            operations.submit_item(item, by=by, override_reason=post.get("override", ""))
            messages.success(request, _("The item is submitted to the secretariat."))
        elif action == "review":
            operations.review_item(item, by=by, sparring=post.get("sparring", ""))
            messages.success(request, _("The item is quality-assured."))
        elif action == "approve":
            operations.approve_item(item, by=by)
            messages.success(request, _("The item is approved."))
        elif action == "return":
            operations.return_item(item, by=by, reason=post.get("reason", ""))
            messages.success(request, _("The item is sent back to its submitter."))
        elif action == "comment":
            operations.add_comment(
                item, by=by, kind=post.get("kind", ""), text=post.get("text", "")
            )
        elif action == "attach":
            form = AttachmentForm(post, request.FILES)
            if not form.is_valid():
                raise operations.AgendaError(_("Choose a file to attach."))
            operations.add_attachment(item, form.cleaned_data["file"], by=by)
        elif action == "place":
            target = number(post.get("meeting"))
            meeting = item.forum.meetings.filter(pk=target).first() if target else None
            if target and meeting is None:
                raise operations.AgendaError(_("Choose a meeting of the forum."))
            operations.place_item(item, by=by, meeting=meeting)
        elif action == "move":
            operations.move_item(item, -1 if post.get("direction") == "up" else 1, by=by)
            return redirect("meeting-board", pk=item.meeting_id)
    except operations.AgendaError as error:
        messages.error(request, error.message)
    return redirect("item", pk=item.pk)


@login_required
def attachment_download(request, pk):
    attachment = Attachment.objects.select_related("item").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    _item_for(request.user, attachment.item_id)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=attachment.content_type,
    )


@login_required
def meeting_agenda(request, pk):
    """The agenda as this person may see it (phone-friendly); topics for reflection forums."""
    meeting = _meeting_for(request.user, pk)
    forum = meeting.forum
    items = visible_items(request.user, forum).filter(meeting=meeting).on_agenda().for_agenda()
    agenda = operations.build_agenda(meeting, list(items))
    member = is_member(request.user, forum) or is_secretariat(request.user, forum.organisation)
    return render(
        request,
        "agenda/meeting.html",
        {
            "organisation": forum.organisation,
            "meeting": meeting,
            "forum": forum,
            "agenda": agenda,
            "topics": meeting.topics.select_related("author")
            if forum.charter.topics_before_meeting
            else None,
            "can_post_topic": forum.charter.topics_before_meeting
            and is_member(request.user, forum),
            "secretariat": is_secretariat(request.user, forum.organisation),
            "followups": FollowUp.objects.before(meeting)
            if member and forum.charter.agenda
            else [],
            "has_minutes": may_read_minutes(request.user, meeting),
        },
    )


@login_required
def meeting_board(request, pk):
    """The secretariat's board: every item in order, blockers, backlog, publication."""
    meeting = _meeting_for(request.user, pk)
    forum = meeting.forum
    if not is_secretariat(request.user, forum.organisation):
        raise Http404
    items = list(meeting.items.on_agenda().for_agenda())
    agenda = operations.build_agenda(meeting, items)
    waiting = meeting.items.filter(status__in=[AgendaItem.Status.DRAFT, AgendaItem.Status.RETURNED])
    backlog = forum.items.filter(meeting__isnull=True).on_agenda()
    return render(
        request,
        "agenda/board.html",
        {
            "organisation": forum.organisation,
            "meeting": meeting,
            "forum": forum,
            "agenda": agenda,
            "blockers": {i.pk for i in operations.publication_blockers(meeting)}
            if forum.charter.agenda
            else set(),
            "waiting": waiting,
            "backlog": backlog,
        },
    )


@login_required
@require_POST
def meeting_action(request, pk, action):
    meeting = _meeting_for(request.user, pk)
    by = request.user
    if action not in ("publish", "order", "topic", "standing"):
        raise Http404
    if action != "topic" and not is_secretariat(by, meeting.forum.organisation):
        raise PermissionDenied
    try:
        if action == "publish":
            operations.publish_agenda(meeting, by=by)
            messages.success(request, _("The agenda is published and the members are notified."))
        elif action == "order":
            try:
                order = [int(pk) for pk in json.loads(request.POST.get("order", "[]"))]
            except (ValueError, TypeError, OverflowError):
                raise operations.AgendaError(
                    _("The order could not be read; reload the page.")
                ) from None
            operations.reorder_agenda(meeting, order, by=by)
        elif action == "topic":
            operations.post_topic(
                meeting,
                by=by,
                title=request.POST.get("title", ""),
                text=request.POST.get("text", ""),
            )
            messages.success(request, _("Your topic is posted for the meeting."))
            return redirect("meeting-agenda", pk=meeting.pk)
        else:
            operations.ensure_standing_items(meeting)
    except operations.AgendaError as error:
        messages.error(request, error.message)
        for item in error.items:
            messages.error(request, f"– {item.title}")
        if action == "topic":
            return redirect("meeting-agenda", pk=meeting.pk)
    return redirect("meeting-board", pk=meeting.pk)


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
    rows = operations.anchor_report(forum, start, end)
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
