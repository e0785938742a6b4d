"""Meetings: the occurrences of a forum's rhythms, materialised from the year plan, and the
ad hoc meetings made by hand."""

from __future__ import annotations

import datetime
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ledelsesfora.forums.models import Forum, WorkingGroup
from ledelsesfora.history import HistoryEntry
from ledelsesfora.organisation.models import Organisation


class MeetingQuerySet(models.QuerySet):
    def in_year(self, year: int) -> MeetingQuerySet:
        start = datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
        end = datetime.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
        return self.filter(start__gte=start, start__lt=end)

    def of_year(self, year: int) -> MeetingQuerySet:
        """The meetings of a year's plan: rhythm meetings by the date their rule gives (a
        meeting moved across New Year stays in its own year's plan), ad hoc ones by start."""
        start = datetime.datetime(year, 1, 1, tzinfo=timezone.get_current_timezone())
        end = datetime.datetime(year + 1, 1, 1, tzinfo=timezone.get_current_timezone())
        return self.filter(
            Q(occurrence__year=year) | Q(occurrence__isnull=True, start__gte=start, start__lt=end)
        )

    def between(self, start: datetime.date, end: datetime.date) -> MeetingQuerySet:
        return self.filter(start__date__gte=start, start__date__lte=end)

    def held(self) -> MeetingQuerySet:
        """Meetings that take place: not skipped and not cancelled."""
        return self.exclude(status__in=[Meeting.Status.SKIPPED, Meeting.Status.CANCELLED])

    def open_for_submission(self, now: datetime.datetime) -> MeetingQuerySet:
        """Meetings an item can still be submitted to at `now`: held, not begun, and before
        their submission deadline. A deadline passes at its time of day, or at the end of its
        day when the charter gives none; publication never closes it early. A meeting without a
        deadline takes items until its agenda is published. A working group's own meeting takes
        no items: it is not a meeting of the forum."""
        return self.held().filter(
            Q(working_group__isnull=True),
            _deadline_ahead(now)
            | Q(submission_deadline__isnull=True, agenda_published_at__isnull=True),
            start__gt=now,
        )

    def due_for_publication(self, now: datetime.datetime) -> MeetingQuerySet:
        """Agendas the publication job publishes at `now`: not yet published, the publication
        day (from its time of day, or from the start of the day) has come, the submission
        deadline has passed, and the meeting has not begun. So when the deadline and the
        publication fall on the same day, the agenda comes out once the deadline has passed."""
        local = timezone.localtime(now)
        reached = Q(publication__lt=local.date()) | Q(publication=local.date()) & (
            Q(publication_time__isnull=True) | Q(publication_time__lte=local.time())
        )
        return self.held().filter(
            reached,
            Q(submission_deadline__isnull=True) | ~_deadline_ahead(now),
            agenda_published_at__isnull=True,
            start__gt=now,
        )

    def visible_to(self, person) -> MeetingQuerySet:
        return self.filter(forum__in=Forum.objects.visible_to(person))

    def public(self) -> MeetingQuerySet:
        """The meetings anyone may read (OParl): a public forum's, once their agenda is out."""
        return self.filter(forum__in=Forum.objects.public(), agenda_published_at__isnull=False)

    def managed_by(self, person) -> MeetingQuerySet:
        """The meetings the person may move, cancel or re-open: those of the municipality whose
        secretariat they are in (`forums.access.is_secretariat`)."""
        from ledelsesfora.forums.access import standing

        mine = standing(person)
        if mine.superuser:
            return self.all()
        if not mine.secretariat:
            return self.none()
        return self.filter(forum__organisation_id=mine.organisation_id)

    def for_plan(self) -> MeetingQuerySet:
        """In plan order; the caller sets each meeting's forum from the forums it holds."""
        return self.order_by("start", "forum__position")


def _deadline_ahead(now: datetime.datetime) -> Q:
    """The submission deadline has not passed at `now`: its day is ahead, or it is today and
    its time (the end of the day when there is none) has not come."""
    local = timezone.localtime(now)
    return Q(submission_deadline__gt=local.date()) | Q(submission_deadline=local.date()) & (
        Q(deadline_time__isnull=True) | Q(deadline_time__gt=local.time())
    )


class Venue(models.Model):
    """A place the municipality holds its days at: the register the secretariat keeps, with
    the driving time from the town hall that a charter's venue rule is checked against."""

    organisation = models.ForeignKey(Organisation, models.CASCADE, related_name="venues")
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    drive_minutes = models.PositiveIntegerField(_("driving time from the town hall (minutes)"))
    in_municipality = models.BooleanField(_("in the municipality"), default=False)
    overnight = models.BooleanField(_("has rooms for the night"), default=False)
    capacity = models.PositiveIntegerField(_("seats"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="venue_name_unique")
        ]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        MOVED = "moved", _("moved")
        SKIPPED = "skipped", _("skipped")
        CANCELLED = "cancelled", _("cancelled")

    forum = models.ForeignKey(Forum, models.PROTECT, related_name="meetings")
    rhythm = models.CharField(
        _("rhythm"),
        max_length=50,
        blank=True,
        help_text=_("The charter rhythm the meeting comes from; empty for an ad hoc meeting."),
    )
    kind = models.CharField(_("kind"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    occurrence = models.DateField(
        _("occurrence"),
        null=True,
        blank=True,
        help_text=_("The date the rhythm gives, before any move; empty for an ad hoc meeting."),
    )
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    submission_deadline = models.DateField(_("submission deadline"), null=True, blank=True)
    deadline_time = models.TimeField(
        _("deadline time"),
        null=True,
        blank=True,
        help_text=_("When on its day the deadline passes; empty: at the end of the day."),
    )
    publication = models.DateField(_("publication"), null=True, blank=True)
    publication_time = models.TimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_(
            "From when on its day the agenda is published; empty: from the start of the day."
        ),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    venue = models.ForeignKey(
        "Venue",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("The registered venue, where one is chosen; `place` says it in words."),
    )
    online_link = models.URLField(
        _("online link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where to join from afar (Teams, Zoom …), for a meeting with digital participation."
        ),
    )
    format = models.CharField(_("format"), max_length=20, default="physical")
    agenda_published_at = models.DateTimeField(_("agenda published"), null=True, blank=True)
    working_group = models.ForeignKey(
        WorkingGroup,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        help_text=_("Set when a working group of the forum meets on its own."),
    )
    set_by_hand = models.BooleanField(
        _("set by hand"),
        default=False,
        help_text=_(
            "The secretariat moved, cancelled or re-opened this meeting itself; storing the"
            " year leaves it as it is."
        ),
    )
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    overnight = models.BooleanField(
        _("with an overnight stay"),
        null=True,
        blank=True,
        help_text=_(
            "For a rhythm that may be held with or without an overnight stay (a seminar): the"
            " secretariat's choice for this meeting; empty: as the charter says."
        ),
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(
        default=0, help_text=_("Raised on every change that calendars must pick up.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "rhythm", "occurrence"],
                condition=Q(occurrence__isnull=False),
                name="meeting_occurrence_unique",
            ),
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="meeting_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["forum", "start"])]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return f"{self.forum.short_name} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def iso_week(self) -> int:
        return timezone.localtime(self.start).isocalendar().week

    @property
    def takes_place(self) -> bool:
        return self.status not in (self.Status.SKIPPED, self.Status.CANCELLED)

    @property
    def rhythm_spec(self):
        """The charter rhythm the meeting comes from (`charter.Rhythm`), or None for an ad hoc
        meeting or a rhythm the charter no longer has."""
        return next((r for r in self.forum.charter.rhythms if r.identity == self.rhythm), None)

    def seminar_choice(self) -> tuple[datetime.timedelta, datetime.timedelta] | None:
        """For a meeting of a rhythm the charter says includes an overnight stay and may be
        shorter (`overnight`, `min_duration`: Vejen's døgnseminar or heldagsmøde): its length
        with and without the stay. None for every other meeting."""
        rhythm = self.rhythm_spec
        if rhythm is None or not rhythm.overnight or not rhythm.min_duration:
            return None
        return rhythm.total_duration(), rhythm.shortest_duration()

    @property
    def with_overnight_stay(self) -> bool | None:
        """Whether this seminar includes the stay: as chosen, else as the charter says; None
        where there is no such choice."""
        if self.seminar_choice() is None:
            return None
        return True if self.overnight is None else self.overnight

    @property
    def has_overnight_stay(self) -> bool:
        """Whether the meeting includes a night: a seminar as chosen, otherwise as its rhythm
        says (the Lederdøgn's "12-12 med overnatning")."""
        chosen = self.with_overnight_stay
        if chosen is not None:
            return chosen
        rhythm = self.rhythm_spec
        return bool(rhythm and rhythm.overnight)

    def replannable(self, now: datetime.datetime | None = None) -> bool:
        """Re-planning may change a meeting that is still ahead and has no published agenda."""
        return self.start > (now or timezone.now()) and self.agenda_published_at is None


class MeetingEvent(HistoryEntry):
    """The meeting's history: who moved, cancelled or re-opened it, when, and what changed.
    Never edited."""

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="events")

    LABELS = {
        "changed": _("changed"),
        "moved": _("moved"),
        "cancelled": _("cancelled"),
        "reopened": _("re-opened"),
    }

    def __str__(self) -> str:
        return f"{self.meeting} {self.action}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret calendar address. Revoking it makes the old address answer 404."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="feeds")
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # One working address per person: renewing twice at once must not leave two.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(revoked_at__isnull=True),
                name="one_calendar_address_per_person",
            )
        ]
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"{self.person} ({'revoked' if self.revoked_at else 'active'})"


class AnswerQuerySet(models.QuerySet):
    def visible_to(self, person) -> AnswerQuerySet:
        """The answers a person may read: their own, and, for the secretariat, every answer to
        the municipality's meetings (a reason for apologies can be personal: nobody else)."""
        from ledelsesfora.forums.access import standing

        mine = standing(person)
        if mine.superuser:
            return self.all()
        own = Q(person_id=person.pk) if person.is_authenticated else Q(pk__in=[])
        if mine.secretariat:
            return self.filter(own | Q(meeting__forum__organisation_id=mine.organisation_id))
        return self.filter(own)


class Answer(models.Model):
    """A member's or an invited guest's answer to a meeting: attending, or apologies (afbud)
    with a reason if they give one. Those who have not answered are expected."""

    class Kind(models.TextChoices):
        ATTENDING = "attending", _("attending")
        APOLOGIES = "apologies", _("apologies")

    class Via(models.TextChoices):
        PAGE = "page", _("the meeting page")
        EMAIL = "email", _("the e-mail")
        API = "api", _("the API")
        SECRETARIAT = "secretariat", _("the secretariat")

    meeting = models.ForeignKey(Meeting, models.CASCADE, related_name="answers")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="answers")
    kind = models.CharField(_("answer"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    dietary = models.CharField(
        _("dietary needs"),
        max_length=200,
        blank=True,
        help_text=_("Asked where the secretariat arranges catering; read by it alone."),
    )
    overnight = models.BooleanField(
        _("stays overnight"),
        null=True,
        blank=True,
        help_text=_("Asked for a meeting with an overnight stay; empty where it is not."),
    )
    via = models.CharField(max_length=12, choices=Via.choices)
    answered_at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="one_answer_per_person")
        ]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.person} {self.kind} {self.meeting}"
