"""Agenda items and what hangs on them: their history (audit), attachments, members' input
(med- og modspil), reflection topics, and working groups."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ledelsesfora.forums import describe
from ledelsesfora.forums.access import standing
from ledelsesfora.forums.charter import CASE_NUMBER_PATTERN
from ledelsesfora.forums.models import Forum
from ledelsesfora.history import HistoryEntry
from ledelsesfora.meetings.models import Meeting
from ledelsesfora.organisation.models import Person, Unit

case_number_validator = RegexValidator(
    CASE_NUMBER_PATTERN,
    _("Write the case number in the KLE pattern, e.g. 00.00.00-P15-1-24."),
)


class ItemQuerySet(models.QuerySet):
    def on_agenda(self) -> ItemQuerySet:
        """Items that belong on their meeting's agenda: submitted or further, not returned."""
        return self.exclude(
            status__in=[
                AgendaItem.Status.DRAFT,
                AgendaItem.Status.RETURNED,
                AgendaItem.Status.WITHDRAWN,
            ]
        )

    def ready(self) -> ItemQuerySet:
        """Items with every approval their forum's charter demands: approved, published or
        treated; quality-assured where no approval is needed; and standing items. These are
        what a published agenda shows; an item still in process is not."""
        return self.filter(READY)

    def public(self) -> ItemQuerySet:
        """The items anyone may read (OParl): the open items of a public meeting's published
        agenda (`Meeting.objects.public`). Never a closed item, nor one still in process."""
        return self.on_agenda().filter(READY, closed=False, meeting__in=Meeting.objects.public())

    def closed_seen_by(self, person: Person, **where) -> ItemQuerySet:
        """The closed items among those `person` may see (filtered by `where`): what a page,
        export or API answer held that the security log records (ledelsesfora/security)."""
        return self.visible_to(person).filter(closed=True, **where).only("pk")

    def visible_to(self, person: Person) -> ItemQuerySet:
        """The items `person` may see, at any stage — the one rule for pages, the API,
        documents, feeds, search and e-mails:

        - The secretariat sees every item of its municipality's forums.
        - A forum's members see the items of its published agendas, closed items included, and
          an item deferred from one stays seen;
          where the charter asks for members' input (`member_input`), they see every item from
          the moment it is submitted.
        - An invited guest sees, once published, only the open items they are invited to.
        - The people in an item's own process (its submitter, presenters, responsible director)
          see it at every stage.
        - Nobody sees anything of another municipality."""
        who = standing(person)
        if not person.is_authenticated:
            return self.none()
        if who.superuser:
            return self
        items = self.filter(forum__organisation_id=who.organisation_id)
        if who.secretariat:
            return items
        published = Q(meeting__agenda_published_at__isnull=False) & READY | Q(
            pk__in=Deferral.objects.filter(from_meeting__agenda_published_at__isnull=False).values(
                "item_id"
            )
        )
        proposed = ~Q(status__in=[AgendaItem.Status.DRAFT, AgendaItem.Status.WITHDRAWN])
        invited = Q(
            pk__in=AgendaItem.guests.through.objects.filter(person_id=person.pk).values(
                "agendaitem_id"
            ),
            closed=False,
        )
        presenting = Q(
            pk__in=AgendaItem.presenters.through.objects.filter(person_id=person.pk).values(
                "agendaitem_id"
            )
        )
        return items.filter(
            Q(forum_id__in=who.input_forums) & proposed
            | Q(forum_id__in=who.forums) & published
            | invited & published
            | Q(author_id=person.pk)
            | Q(responsible_director_id=person.pk)
            | presenting
        )

    def in_order(self) -> ItemQuerySet:
        return self.order_by("-standing", "position", "pk")

    def awaiting_approval(self, person) -> ItemQuerySet:
        return self.filter(
            status=AgendaItem.Status.REVIEWED, responsible_director=person, needs_approval=True
        )

    def for_agenda(self) -> ItemQuerySet:
        return self.select_related(
            "forum", "responsible_director", "responsible_unit"
        ).prefetch_related("presenters", "guests", "attachments")


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        DECISION = "decision", _("Decision item")
        INFORMATION = "information", _("Information item")
        THEME_DISCUSSION = "theme_discussion", _("Theme discussion")
        STANDING = "standing", _("Standing item")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        REVIEWED = "reviewed", _("quality-assured")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")
        TREATED = "treated", _("treated")
        RETURNED = "returned", _("returned")
        WITHDRAWN = "withdrawn", _("withdrawn")

    forum = models.ForeignKey(Forum, models.PROTECT, related_name="items")
    meeting = models.ForeignKey(
        Meeting,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
        help_text=_("Empty while the item waits in the forum's backlog."),
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=50,
        help_text=_("One of the forum's item kinds: built in (Kind) or declared by its charter."),
    )
    standing = models.BooleanField(default=False)
    case_number = models.CharField(
        _("case number"), max_length=40, blank=True, validators=[case_number_validator]
    )
    background = models.TextField(_("background"), blank=True)
    recommendation = models.TextField(_("recommendation"), blank=True)
    recommendation_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recommendation written by"),
    )
    responsible_unit = models.ForeignKey(
        Unit,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible area"),
    )
    responsible_director = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible director"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="authored_items",
        verbose_name=_("submitter"),
    )
    presenters = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("presenters")
    )
    guests = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="guest_items",
        verbose_name=_("invited guests"),
    )
    duration_minutes = models.PositiveIntegerField(_("expected duration (minutes)"), default=15)
    closed = models.BooleanField(_("closed item"), default=False)
    anchors = models.JSONField(_("strategy anchors"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    needs_approval = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=0)
    sparring = models.TextField(
        _("sparring notes"),
        blank=True,
        help_text=_("The secretariat's quality assurance; the submitter sees it."),
    )
    return_reason = models.TextField(blank=True)
    late_override = models.TextField(
        blank=True, help_text=_("Why the secretariat accepted the item after the deadline.")
    )
    recurring_key = models.CharField(max_length=200, blank=True)
    theme_for = models.ForeignKey(
        Meeting,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="theme_items",
        help_text=_(
            "The meeting of another forum whose theme this item selects, by the charter's"
            " 'selects_theme' flow."
        ),
    )
    programme_for = models.ForeignKey(
        Meeting,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_items",
        help_text=_(
            "The meeting of another forum whose programme this item approves, by the charter's"
            " 'approves_programme' flow."
        ),
    )
    changed_after_publication = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "-standing", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "recurring_key"],
                condition=~Q(recurring_key=""),
                name="item_recurring_once",
            ),
        ]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        """The kind's name: a built-in kind's without reading the forum, a kind the charter
        declares from the forum's charter (load the forum with the item on a list)."""
        if self.kind == self.Kind.STANDING:
            return str(self.Kind.STANDING.label)
        if self.kind in describe.ITEM_KINDS:
            return describe.item_kind(None, self.kind)
        return describe.item_kind(self.forum.charter, self.kind)

    def leave_published_agenda(self) -> None:
        """The status an item keeps when it leaves a published agenda (moved to another
        meeting, deferred): its approvals stand, its publication does not."""
        if self.status == self.Status.PUBLISHED:
            self.status = self.Status.APPROVED if self.needs_approval else self.Status.REVIEWED


READY = (
    Q(
        status__in=[
            AgendaItem.Status.APPROVED,
            AgendaItem.Status.PUBLISHED,
            AgendaItem.Status.TREATED,
        ]
    )
    | Q(status=AgendaItem.Status.REVIEWED, needs_approval=False)
    | Q(standing=True)
)


class Deferral(models.Model):
    """An item deferred at a meeting to a later one: it stays on the published agenda and in the
    minutes of the meeting it was deferred at, marked with where it went."""

    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="deferrals")
    from_meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="deferred_items")
    to_meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "from_meeting"], name="deferred_once_from")
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.from_meeting} → {self.to_meeting}"


class ItemEvent(HistoryEntry):
    """The item's history: who did what, when, and what changed. Never edited."""

    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="events")

    LABELS = {
        "created": _("created"),
        "changed": _("changed"),
        "submitted": _("submitted"),
        "reviewed": _("quality-assured"),
        "approved": _("approved"),
        "returned": _("sent back"),
        "moved": _("moved"),
        "published": _("published"),
        "attached": _("file attached"),
        "comment:input": _("input (medspil)"),
        "comment:counter": _("counter-input (modspil)"),
        "withdrawn": _("withdrawn"),
        "asked-late": _("asked to be accepted after the deadline"),
        "reminded": _("approver reminded"),
        "theme-proposed": _("proposed as a theme"),
    }

    def __str__(self) -> str:
        return f"{self.item} {self.action}"


def attachment_path(instance: Attachment, filename: str) -> str:
    # A random name: the original name is kept in `name`, never used on disk.
    return f"attachments/{uuid.uuid4().hex}"


class AttachmentQuerySet(models.QuerySet):
    def public(self) -> AttachmentQuerySet:
        """The files anyone may read (OParl): those of public items."""
        return self.filter(item__in=AgendaItem.objects.public())


class Attachment(models.Model):
    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = AttachmentQuerySet.as_manager()

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    """Input or counter-input (med- og modspil) from a member on a proposed item."""

    class Kind(models.TextChoices):
        INPUT = "input", _("input (medspil)")
        COUNTER = "counter", _("counter-input (modspil)")

    item = models.ForeignKey(AgendaItem, models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"


class Topic(models.Model):
    """What a member wants to raise at a reflection meeting (no agenda there)."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="topics")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.title
