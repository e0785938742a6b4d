"""The programme page (read for participants, built by the secretariat and the host), the run
sheet, their downloads, and the steps. Each looks up through `Programme.objects.visible_to`
or `access.may_build` (404 for what the person may not see) and calls one operation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ledelsesfora.agenda.access import may_open_agenda
from ledelsesfora.agenda.models import AgendaItem
from ledelsesfora.documents import attachment_response
from ledelsesfora.forums.access import is_secretariat, organisation_for
from ledelsesfora.guards import number
from ledelsesfora.meetings import answers
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.minutes.operations import may_read as minutes_readable
from ledelsesfora.organisation.models import Person
from ledelsesfora.pagecache import remembered
from ledelsesfora.programmes import access, operations
from ledelsesfora.programmes.files import participants_file, programme_file
from ledelsesfora.programmes.forms import BlockForm, meeting_days, people_of
from ledelsesfora.programmes.models import Block, Programme
from ledelsesfora.security.log import Kind, logs_use
from ledelsesfora.steps import run_step
from ledelsesfora.themes.models import Theme


def _meeting(
    person: Person, pk: int, *, run_sheet: bool = False
) -> tuple[Meeting, Programme | None, bool]:
    """The meeting, its programme and whether `person` builds it; 404 unless they may read
    the programme or build it (or, with `run_sheet`, read the run sheet as a block's
    responsible)."""
    meeting = Meeting.objects.select_related("forum", "forum__organisation").filter(pk=pk).first()
    if meeting is None or not access.meeting_has_programme(meeting):
        raise Http404
    builder = access.may_build(person, meeting.forum)
    programme = Programme.objects.filter(meeting=meeting).first()
    readable = (
        programme is not None
        and Programme.objects.visible_to(person).filter(pk=programme.pk).exists()
    )
    if run_sheet and programme is not None and not readable:
        readable = access.may_read_run_sheet(person, programme)
    if not builder and not readable:
        raise Http404
    return meeting, programme, builder


def _page(request, meeting, programme, builder, *, add_form=None, bound=None, status=200):
    person = request.user
    blocks = list(programme.blocks.select_related("responsible")) if programme else []
    forms = {}
    people = []
    if builder and programme is not None:
        bound = bound or {}
        people = people_of(meeting)
        forms = {
            b.pk: bound.get(b.pk) or BlockForm(meeting, people=people, prefix=f"b{b.pk}", block=b)
            for b in blocks
        }
        if add_form is None:
            start = blocks[-1].end if blocks else meeting.start
            local = timezone.localtime(min(start, meeting.end))
            add_form = BlockForm(
                meeting,
                people=people,
                prefix="new",
                initial={
                    "day": local.date().isoformat(),
                    "time": local.time(),
                    "minutes": 30,
                    "kind": Block.Kind.PLENARY,
                },
            )
    approving = meeting.programme_items.select_related("meeting", "forum").first()
    visible_item = (
        approving
        if approving is not None
        and AgendaItem.objects.visible_to(person).filter(pk=approving.pk).exists()
        else None
    )
    return render(
        request,
        "programmes/programme.html",
        {
            "organisation": meeting.forum.organisation,
            "meeting": meeting,
            "forum": meeting.forum,
            "programme": programme,
            "rows": [(b, forms.get(b.pk)) for b in blocks],
            "builder": builder,
            "add_form": add_form,
            "several_days": len(meeting_days(meeting)) > 1,
            "themes": list(Theme.objects.filter(meeting=meeting, status=Theme.Status.SELECTED)),
            "approver": access.approver_of(meeting.forum),
            "approving_item": visible_item,
            "meeting_link": may_open_agenda(person, meeting),
            "secretariat": is_secretariat(person, meeting.forum.organisation),
            "people": people,
            "run_sheet": programme is not None and access.may_read_run_sheet(person, programme),
            "summary": meeting.start <= timezone.now() and minutes_readable(person, meeting),
            "share_product": builder
            and programme is not None
            and programme.published_at is not None
            and meeting.start <= timezone.now(),
        },
        status=status,
    )


@remembered
@login_required
def programme_page(request, pk):
    meeting, programme, builder = _meeting(request.user, pk)
    return _page(request, meeting, programme, builder)


@require_POST
@login_required
def programme_build(request, pk):
    meeting, _programme, _builder = _meeting(request.user, pk)
    run_step(
        request,
        lambda: operations.build_programme(meeting, by=request.user),
        done=_("The programme is built from the charter; adjust its blocks."),
    )
    return redirect("programme", pk)


@require_POST
@login_required
def block_add(request, pk):
    meeting, programme, builder = _meeting(request.user, pk)
    if programme is None or not builder:
        raise Http404
    form = BlockForm(meeting, request.POST, people=people_of(meeting), prefix="new")
    if _saved(
        form, lambda: operations.save_block(programme, form.data_for_block(), by=request.user)
    ):
        messages.success(request, _("The block is added."))
        return redirect(reverse("programme", args=[pk]) + "#blokke")
    return _page(request, meeting, programme, builder, add_form=form, status=400)


def _saved(form: BlockForm, save) -> bool:
    """Whether the form is valid and the operation took it; its refusal goes on the form, next
    to the fields, where the person is."""
    if not form.is_valid():
        return False
    try:
        save()
    except operations.ProgrammeError as error:
        form.add_error(None, error.message)
        return False
    return True


def _block_for(person: Person, pk: int) -> tuple[Block, Meeting, Programme]:
    """A block its programme's builder may change; 404 for anyone else."""
    block = Block.objects.select_related("programme__meeting").filter(pk=pk).first()
    if block is None:
        raise Http404
    meeting, programme, builder = _meeting(person, block.programme.meeting_id)
    if not builder:
        raise Http404
    return block, meeting, programme


@require_POST
@login_required
def block_edit(request, pk):
    block, meeting, programme = _block_for(request.user, pk)
    form = BlockForm(meeting, request.POST, people=people_of(meeting), prefix=f"b{pk}")
    save = lambda: operations.save_block(  # noqa: E731
        programme, form.data_for_block(), by=request.user, block=block
    )
    if _saved(form, save):
        messages.success(request, _("The block is saved."))
        return redirect(reverse("programme", args=[meeting.pk]) + f"#blok-{pk}")
    return _page(request, meeting, programme, True, bound={pk: form}, status=400)


@require_POST
@login_required
def block_delete(request, pk):
    block, meeting, _programme = _block_for(request.user, pk)
    run_step(
        request,
        lambda: operations.delete_block(block, by=request.user),
        done=_("The block is removed."),
    )
    return redirect(reverse("programme", args=[meeting.pk]) + "#blokke")


@require_POST
@login_required
def programme_note(request, pk):
    _found, programme, builder = _meeting(request.user, pk)
    if programme is None or not builder:
        raise Http404
    run_step(
        request,
        lambda: operations.save_note(programme, request.POST.get("note", ""), by=request.user),
        done=_("The practical information is saved."),
    )
    return redirect("programme", pk)


@require_POST
@login_required
def programme_publish(request, pk):
    _found, programme, builder = _meeting(request.user, pk)
    if programme is None or not builder:
        raise Http404
    run_step(
        request,
        lambda: operations.publish_programme(programme, by=request.user),
        done=_("The programme is published to the participants."),
    )
    return redirect("programme", pk)


@remembered
@login_required
def run_sheet_page(request, pk):
    meeting, programme, _builder = _meeting(request.user, pk, run_sheet=True)
    if programme is None or not access.may_read_run_sheet(request.user, programme):
        raise Http404
    return render(
        request,
        "programmes/run_sheet.html",
        {
            "organisation": meeting.forum.organisation,
            "meeting": meeting,
            "forum": meeting.forum,
            "programme": programme,
            "blocks": programme.blocks.select_related("responsible"),
            "several_days": len(meeting_days(meeting)) > 1,
        },
    )


def _download(request, pk, extension, *, run_sheet: bool):
    _found, programme, _builder = _meeting(request.user, pk, run_sheet=run_sheet)
    if programme is None or extension not in ("pdf", "docx"):
        raise Http404
    if run_sheet and not access.may_read_run_sheet(request.user, programme):
        raise Http404
    return attachment_response(*programme_file(programme, extension, run_sheet=run_sheet))


@login_required
def programme_download(request, pk, extension):
    return _download(request, pk, extension, run_sheet=False)


@login_required
def run_sheet_download(request, pk, extension):
    return _download(request, pk, extension, run_sheet=True)


@require_POST
@login_required
def item_approve_programme(request, pk):
    person = request.user
    item = (
        AgendaItem.objects.visible_to(person)
        .select_related("forum", "meeting", "programme_for", "programme_for__forum")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    run_step(
        request,
        lambda: operations.approve_programme(item, by=person, note=request.POST.get("note", "")),
        done=_("The approval is recorded in the minutes."),
    )
    return redirect(reverse("item", args=[pk]) + "#program")


@require_POST
@login_required
def programme_product(request, pk):
    _found, programme, builder = _meeting(request.user, pk)
    if programme is None or not builder:
        raise Http404
    run_step(
        request,
        lambda: operations.share_product(
            programme,
            by=request.user,
            title=request.POST.get("title", ""),
            text=request.POST.get("text", ""),
            upload=request.FILES.get("file"),
        ),
        done=_("The product is shared with the participants."),
    )
    return redirect(reverse("programme", args=[pk]) + "#produkt")


@login_required
def product_download(request, pk):
    _found, programme, _builder = _meeting(request.user, pk)
    if programme is None or not programme.product_file:
        raise Http404
    return FileResponse(
        programme.product_file.open("rb"),
        as_attachment=True,
        filename=programme.product_name,
        content_type=programme.product_type,
    )


# --- the participant list: who comes, with dietary needs and overnight stays -------------------


def _secretariat_meeting(person: Person, pk: int) -> Meeting:
    """A meeting of the person's municipality, for its secretariat; 404 for anyone else (the
    answers hold personal data: `Answer.objects.visible_to`)."""
    meeting = (
        Meeting.objects.visible_to(person)
        .select_related("forum", "forum__organisation")
        .filter(pk=pk)
        .first()
    )
    if meeting is None or not is_secretariat(person, meeting.forum.organisation):
        raise Http404
    return meeting


def _participant_list(request, pk, *args, **kwargs):
    """The participant list is personal data (dietary needs): its reads are logged."""
    return Meeting.objects.filter(pk=pk)


@logs_use(Kind.READ, _participant_list)
@login_required
def participants_page(request, pk):
    meeting = _secretariat_meeting(request.user, pk)
    listed = answers.participants(meeting)
    return render(
        request,
        "programmes/participants.html",
        {
            "organisation": meeting.forum.organisation,
            "meeting": meeting,
            "forum": meeting.forum,
            "listed": listed,
            "asks": answers.asks(meeting),
            "can_remind": meeting.takes_place
            and meeting.start > timezone.now()
            and listed.unanswered,
        },
    )


@logs_use(Kind.EXPORT, _participant_list)
@login_required
def participants_download(request, pk, extension):
    meeting = _secretariat_meeting(request.user, pk)
    if extension not in ("pdf", "docx"):
        raise Http404
    return attachment_response(*participants_file(meeting, extension))


@login_required
@require_POST
def remind_unanswered(request, pk):
    meeting = _secretariat_meeting(request.user, pk)
    reminded = []
    run_step(
        request,
        lambda: reminded.append(answers.remind_unanswered(meeting, by=request.user)),
    )
    if reminded:
        messages.success(
            request,
            ngettext("%(n)d person is reminded.", "%(n)d people are reminded.", reminded[0])
            % {"n": reminded[0]},
        )
    return redirect("participants", pk=pk)


# --- the budget --------------------------------------------------------------------------------


def _cost_step(request, meeting, cost=None):
    return lambda: operations.save_cost(
        meeting,
        by=request.user,
        account=request.POST.get("account", ""),
        description=request.POST.get("description", ""),
        expected=request.POST.get("expected", ""),
        actual=request.POST.get("actual", ""),
        cost=cost,
    )


@login_required
def budget_page(request, pk):
    meeting, _programme, builder = _meeting(request.user, pk)
    if not builder:
        raise Http404
    if request.method == "POST":
        cost = None
        if request.POST.get("cost"):
            cost = meeting.costs.filter(pk=number(request.POST["cost"])).first()
            if cost is None:
                raise Http404
        if request.POST.get("delete") and cost is not None:
            run_step(
                request,
                lambda: operations.delete_cost(cost, by=request.user),
                done=_("The cost is removed."),
            )
        else:
            run_step(request, _cost_step(request, meeting, cost), done=_("The cost is saved."))
        return redirect(reverse("budget", args=[pk]) + "#udgifter")
    return render(
        request,
        "programmes/budget.html",
        {
            "organisation": meeting.forum.organisation,
            "meeting": meeting,
            "forum": meeting.forum,
            "financing": [
                f
                for f in meeting.forum.charter.financing
                if f.account in operations.accounts_for(meeting)
            ],
            "accounts": operations.accounts_for(meeting),
            "costs": meeting.costs.all(),
            "budget": operations.budget(meeting),
            "secretariat": is_secretariat(request.user, meeting.forum.organisation),
        },
    )


@login_required
def year_budget_page(request, org):
    organisation = organisation_for(request.user, org)
    if not is_secretariat(request.user, organisation):
        raise Http404
    year = number(request.GET.get("aar")) or timezone.localdate().year
    if not 1900 <= year <= 2200:
        raise Http404
    return render(
        request,
        "programmes/year_budget.html",
        {
            "organisation": organisation,
            "year": year,
            "years": [year - 1, year, year + 1],
            "forums": operations.year_budget(organisation, year),
        },
    )
