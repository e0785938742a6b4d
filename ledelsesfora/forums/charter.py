"""The charter file format: one TOML file describes a municipality's leadership forums.

`parse_charter(text, source)` turns a file into a validated `Charter` or a list of `Problem`s,
each naming the key that is wrong, what is wrong and how to fix it. It never raises on bad
input. `dump_charter(document)` writes the canonical TOML that `ledelsesfora charter export`
prints; parsing that again gives the same document, so export → load → export is identical.

The format is documented key by key in docs/charter-format.md; keep the two in step.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import tomli_w
from dateutil.rrule import rrulestr
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    TypeAdapter,
    ValidationError,
    model_validator,
)

FORMAT_VERSION = 1
MAX_DURATION = datetime.timedelta(days=7)

KEY_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
SHORT_NAME_PATTERN = r"^[A-Za-zÆØÅæøå0-9][A-Za-zÆØÅæøå0-9_-]*$"
CASE_NUMBER_PATTERN = r"^\d{2}\.\d{2}\.\d{2}-[A-Z]\d{2}-\d+-\d{2}$"

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=50)]
ShortName = Annotated[str, Field(pattern=SHORT_NAME_PATTERN, max_length=20)]
Text = Annotated[str, Field(max_length=20_000)]
Line = Annotated[str, Field(min_length=1, max_length=200)]
Email = Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=200)]
Phone = Annotated[str, Field(min_length=1, max_length=40)]

_timedelta = TypeAdapter(datetime.timedelta)


def _check_duration(value: str) -> str:
    """Keep the ISO 8601 text as written (so export is identical) but insist it parses."""
    if not value.startswith("P"):
        raise ValueError("a duration is written in ISO 8601, e.g. 'PT1H30M' for 1½ hours")
    try:
        delta = _timedelta.validate_python(value)
    except ValidationError:
        raise ValueError(
            "is not an ISO 8601 duration; write e.g. 'PT1H30M' (1½ hours) or 'P1D' (a day)"
        ) from None
    if delta <= datetime.timedelta(0):
        raise ValueError("must be longer than zero")
    if delta > MAX_DURATION:
        raise ValueError("is longer than a week; a meeting or seminar lasts at most 'P7D'")
    return value


def _check_time(value: str) -> str:
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise ValueError("is not a time of day; write it as HH:MM, e.g. '09:00'")
    return value


def recurrence(rule: str, first: datetime.date):
    """The dateutil rule for an RFC 5545 RRULE counted from the day `first`. Works whether or
    not the rule's UNTIL is written in UTC ('…Z'), as RFC 5545 asks."""
    start = datetime.datetime.combine(first, datetime.time())
    try:
        return rrulestr(rule, dtstart=start)
    except ValueError as error:
        if "UTC" not in str(error):
            raise
        return rrulestr(rule, dtstart=start.replace(tzinfo=datetime.UTC))


def rule_dates(rule: str, first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The days from `first` to `last` (inclusive) that the rule gives."""
    compiled = recurrence(rule, first)
    low = datetime.datetime.combine(first, datetime.time())
    high = datetime.datetime.combine(last, datetime.time(23, 59))
    if compiled._dtstart.tzinfo is not None:  # an UNTIL in UTC made the rule aware
        low, high = low.replace(tzinfo=datetime.UTC), high.replace(tzinfo=datetime.UTC)
    return [moment.date() for moment in compiled.between(low, high, inc=True)]


def _check_rrule(value: str) -> str:
    upper = value.upper()
    if upper.startswith(("RRULE:", "DTSTART")):
        raise ValueError("write only the rule itself, e.g. 'FREQ=WEEKLY;BYDAY=TU'")
    if "FREQ=" not in upper:
        raise ValueError("an RFC 5545 rule needs FREQ, e.g. 'FREQ=MONTHLY;BYDAY=1WE,3WE'")
    fields = dict(part.split("=", 1) for part in upper.split(";") if "=" in part)
    if fields.get("FREQ") not in ("DAILY", "WEEKLY", "MONTHLY", "YEARLY"):
        raise ValueError(
            "meetings recur DAILY, WEEKLY, MONTHLY or YEARLY; the start time is"
            " given by 'start', not by the rule"
        )
    if {"BYHOUR", "BYMINUTE", "BYSECOND"} & fields.keys():
        raise ValueError("give the time of day with 'start', not BYHOUR, BYMINUTE or BYSECOND")
    interval = fields.get("INTERVAL", "1")
    if not interval.isdigit() or not 1 <= int(interval) <= 99:
        # INTERVAL=0 never advances: expanding it would run until memory runs out.
        raise ValueError(
            f"INTERVAL={interval} is not an interval; give a whole number from 1 to 99, e.g."
            " INTERVAL=2 for every other"
        )
    try:
        first = datetime.date(2024, 1, 1)
        dates = rule_dates(value, first, first + datetime.timedelta(days=3653))
    except (ValueError, TypeError, KeyError, IndexError, OverflowError) as error:
        raise ValueError(
            f"is not a valid RFC 5545 recurrence rule ({error}); e.g. 'FREQ=WEEKLY;BYDAY=TU'"
        ) from None
    if not dates and "UNTIL" not in fields and "COUNT" not in fields:
        raise ValueError("gives no date in ten years; check BYMONTH, BYMONTHDAY and BYDAY")
    return value


Duration = Annotated[str, AfterValidator(_check_duration)]
TimeOfDay = Annotated[str, AfterValidator(_check_time)]
RRule = Annotated[str, AfterValidator(_check_rrule)]
CaseNumber = Annotated[str, Field(pattern=CASE_NUMBER_PATTERN)]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

Domain = Literal["production", "reflection", "dialogue"]
BUILT_IN_KINDS = ("decision", "information", "theme_discussion")
MemberRole = Literal["member", "chair", "minute_taker", "host"]
Minutes = Literal["decision_minutes", "summary", "none"]
Approval = Literal["none", "responsible_director", "chair"]
FollowUp = Literal["none", "responsible_director", "responsible_area", "members"]
NonWorkingDayPolicy = Literal["skip", "next_working_day", "previous_working_day", "keep"]
RhythmKind = Literal[
    "regular", "development", "seminar", "lederdag", "lederdoegn", "reflection", "ad_hoc"
]
MeetingFormat = Literal["physical", "hybrid", "online"]
FlowKind = Literal["proposes_themes", "selects_theme", "approves_programme", "sends_items"]
SecretariatTask = Literal[
    "publish_agenda",
    "write_minutes",
    "write_summary",
    "sparring",
    "quality_assurance",
    "prepare_meetings",
    "invitation",
    "run_sheet",
    "catering",
    "facilitation",
]
FinancingRole = Literal["primary", "co_financing"]
FinancingCondition = Literal["always", "overnight"]


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a charter must not silently drop a rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# First parts of the site's own addresses; a municipality cannot take one as its short name.
RESERVED_SLUGS = {
    "admin",
    "api",
    "login",
    "logout",
    "i18n",
    "kalender",
    "punkt",
    "moede",
    "bilag",
    "arbejdsgruppe",
    "opfoelgning",
    "tema",
    "repraesentation",
    "static",
    "media",
}


def _not_reserved(slug: str) -> str:
    if slug in RESERVED_SLUGS:
        raise ValueError(
            f"{slug!r} is one of the site's own addresses; choose another short name,"
            " e.g. the municipality's name"
        )
    return slug


class Municipality(Strict):
    slug: Annotated[Key, AfterValidator(_not_reserved)]
    name: Line
    address: list[Line] = []
    email: Email | None = None
    phone: Phone | None = None
    department: list[Line] = Field(
        default=[], description="The sender block of the notat, e.g. the secretariat's name."
    )


class Document(Strict):
    """The notat's own header: title, date, case number and caseworker (sagsbehandler)."""

    title: Line
    date: datetime.date | None = None
    case_number: CaseNumber | None = None
    caseworker: Line | None = None
    introduction: Text = ""


class UnitSpec(Strict):
    key: Key
    name: Line
    kind: Literal["executive", "area", "department", "secretariat", "unit"] = "unit"
    parent: Key | None = None


class PositionSpec(Strict):
    key: Key
    title: Line
    title_plural: Line | None = None
    staff_responsibility: StrictBool = False
    director: StrictBool = Field(
        default=False,
        description="Holders are directors: they can be an item's responsible director.",
    )
    rank: int = Field(default=100, ge=0, le=1000)


class Anchor(Strict):
    key: Key
    title: Line
    description: Text = ""


class MemberRule(Strict):
    """Who is a member: holders of a position type, everyone with staff responsibility, or one
    named person (by username). Exactly one selector. `unit` narrows a position or
    staff-responsibility rule to a unit and, unless `sub_units = false`, the units under it."""

    position: Key | None = None
    unit: Key | None = None
    sub_units: StrictBool = True
    staff_responsibility: StrictBool | None = None
    person: Line | None = None
    role: MemberRole = "member"
    label: Line | None = None

    @model_validator(mode="after")
    def one_selector(self) -> MemberRule:
        selectors = [
            name
            for name in ("position", "staff_responsibility", "person")
            if getattr(self, name) not in (None, False)
        ]
        if len(selectors) != 1:
            raise ValueError(
                "a member rule selects by exactly one of 'position', 'staff_responsibility = true'"
                " or 'person'; split it into one rule per selector"
            )
        if self.unit and self.person:
            raise ValueError(
                "'unit' narrows a 'position' or 'staff_responsibility' rule, not a named"
                " person; remove 'unit'"
            )
        if "sub_units" in self.model_fields_set and not self.unit:
            raise ValueError("'sub_units' says whether 'unit' includes its sub-units; add 'unit'")
        return self


class GuestPolicy(Strict):
    allowed: StrictBool
    roles: list[Literal["presenter", "facilitator", "speaker"]] = []
    invited_by: Literal["members", "secretariat", "chair"] = "members"
    note: Text = ""


class RelativeDay(Strict):
    """A day relative to the meeting, in one of three forms: a weekday in an earlier week
    ("Thursday of the week before" is weekday = "thursday", weeks_before = 1), a number of
    calendar days before, or a number of working days before ("5 arbejdsdage før mødet" is
    working_days_before = 5). `time` is the time of day in Europe/Copenhagen: a deadline passes
    then (without it, at the end of the day), and an agenda is published then (without it, from
    the start of the day)."""

    weekday: Weekday | None = None
    weeks_before: int | None = Field(default=None, ge=0, le=8)
    days_before: int | None = Field(default=None, ge=0, le=60)
    working_days_before: int | None = Field(default=None, ge=0, le=40)
    time: TimeOfDay | None = None

    @model_validator(mode="after")
    def one_form(self) -> RelativeDay:
        weekday_form = self.weekday is not None or self.weeks_before is not None
        forms = [weekday_form, self.days_before is not None, self.working_days_before is not None]
        if sum(forms) != 1:
            raise ValueError(
                "give one of 'weekday' with 'weeks_before' (e.g. weekday = \"thursday\","
                " weeks_before = 1), 'days_before' or 'working_days_before', not several and not"
                " none"
            )
        if weekday_form and (self.weekday is None or self.weeks_before is None):
            raise ValueError("'weekday' and 'weeks_before' go together; give both")
        return self


class Secretariat(Strict):
    unit: Key
    tasks: list[SecretariatTask] = []


PartKind = Literal["theme", "orientation", "plenary", "group_work", "break", "meal", "other"]


class Part(Strict):
    """A part of a meeting, in order: a lederdag's theme and its orientation. A programme
    starts from its rhythm's parts (`kind = "theme"` carries the selected theme)."""

    title: Line
    duration: Duration
    kind: PartKind = "other"

    def length(self) -> datetime.timedelta:
        return _timedelta.validate_python(self.duration)


class Venue(Strict):
    description: Text = ""
    outside_municipality: StrictBool = False
    max_drive_minutes: int | None = Field(default=None, ge=1, le=600)


def _interval_needs_since(rrule: str | None, since: datetime.date | None) -> None:
    if rrule and re.search(r"INTERVAL=0*([2-9]|[1-9]\d+)", rrule.upper()) and since is None:
        raise ValueError(
            "a rule with INTERVAL above 1 needs 'since' (its first date), e.g."
            " since = 2026-01-01, or it is unclear which years or weeks it means"
        )


class Rhythm(Strict):
    """One way a forum meets. `ad_hoc` rhythms have no rule: meetings are made by hand."""

    key: Key | None = Field(
        default=None,
        description="Names the rhythm for re-planning; defaults to `kind`. Give one when a"
        " forum has two rhythms of the same kind.",
    )
    kind: RhythmKind = "regular"
    title: Line | None = None
    rrule: RRule | None = None
    since: datetime.date | None = Field(
        default=None, description="DTSTART of the rule; needed for INTERVAL=2 (every other year)."
    )
    start: TimeOfDay | None = None
    duration: Duration | None = None
    min_duration: Duration | None = None
    parts: list[Part] = Field(default=[], alias="part")
    format: MeetingFormat = "physical"
    place: Line | None = None
    overnight: StrictBool = False
    programme: StrictBool = Field(
        default=False,
        description="Each meeting of the rhythm gets a programme with a run sheet, and its"
        " answers ask for dietary needs (a day with catering, e.g. a seminar).",
    )
    venue: Venue | None = None
    not_in_quarter_of: ShortName | None = None
    exdates: list[datetime.date] = Field(
        default=[],
        max_length=400,
        description="Dates the rule gives on which the forum does not meet (RFC 5545 EXDATE).",
    )
    rdates: list[datetime.date] = Field(
        default=[],
        max_length=400,
        description="Extra dates besides those the rule gives (RFC 5545 RDATE).",
    )
    on_non_working_day: NonWorkingDayPolicy | None = Field(
        default=None, description="Overrides the forum's policy for this rhythm's meetings."
    )
    note: Text = ""

    @property
    def identity(self) -> str:
        return self.key or self.kind

    @model_validator(mode="after")
    def rule_fits_kind(self) -> Rhythm:
        _interval_needs_since(self.rrule, self.since)
        if self.kind == "ad_hoc":
            if self.rrule:
                raise ValueError("an ad hoc rhythm has no 'rrule'; remove it or change 'kind'")
            if self.exdates or self.rdates:
                raise ValueError(
                    "an ad hoc rhythm has no dates to leave out or add; remove 'exdates' and"
                    " 'rdates' or give the rhythm an 'rrule'"
                )
        else:
            missing = [key for key in ("rrule", "start") if getattr(self, key) is None]
            if self.duration is None and not self.parts:
                missing.append("duration")
            if missing:
                raise ValueError(
                    f"a recurring rhythm needs {', '.join(repr(k) for k in missing)};"
                    ' or set kind = "ad_hoc"'
                )
        if self.parts and self.duration:
            total = sum(
                (_timedelta.validate_python(p.duration) for p in self.parts), datetime.timedelta()
            )
            if total != _timedelta.validate_python(self.duration):
                raise ValueError(
                    f"the parts last {_human(total)} but 'duration' says"
                    f" {_human(_timedelta.validate_python(self.duration))}; make them agree"
                    " or leave 'duration' out"
                )
        self._check_exceptions()
        total = self.total_duration()
        if self.min_duration and total and _timedelta.validate_python(self.min_duration) > total:
            raise ValueError(
                "'min_duration' is longer than the meeting ('duration' or its parts);"
                " swap or correct them"
            )
        return self

    def _check_exceptions(self) -> None:
        """Every EXDATE is a date the rule gives, and no RDATE is: a typo must not silently
        leave a meeting in or add a second one."""
        if not (self.exdates or self.rdates):
            return
        for name, dates in (("exdates", self.exdates), ("rdates", self.rdates)):
            if len(set(dates)) != len(dates):
                raise ValueError(f"'{name}' names a date twice; give each date once")
        years = {day.year for day in [*self.exdates, *self.rdates]}
        given: set[datetime.date] = set()
        for year in years:
            first = self.since or datetime.date(year, 1, 1)
            given.update(rule_dates(self.rrule, first, datetime.date(year, 12, 31)))
        for day in sorted(self.exdates):
            if day not in given:
                raise ValueError(
                    f"'exdates' leaves out {day.isoformat()}, which the rule does not give;"
                    " check the date against the rhythm's dates (`ledelsesfora plan`)"
                )
        for day in sorted(self.rdates):
            if day in given:
                raise ValueError(
                    f"'rdates' adds {day.isoformat()}, which the rule already gives;"
                    " remove it from 'rdates'"
                )

    def total_duration(self) -> datetime.timedelta | None:
        if self.duration:
            return _timedelta.validate_python(self.duration)
        if self.parts:
            return sum(
                (_timedelta.validate_python(p.duration) for p in self.parts), datetime.timedelta()
            )
        return None

    def shortest_duration(self) -> datetime.timedelta | None:
        """`min_duration` as a length, where the charter gives one."""
        return _timedelta.validate_python(self.min_duration) if self.min_duration else None


class ClosedDay(Strict):
    """A day (or span of days) with no meetings, besides Danish public holidays and 24 and 31
    December, in one of three forms: one date or a span (`date` … `until`); the same day every
    year (`month`, `day`); or the same ISO weeks every year (`week` … `until_week`, e.g. the
    summer holiday "uge 29–31"). With `from_time` only the rest of one day is closed (meetings
    after it are flagged)."""

    reason: Line
    date: datetime.date | None = None
    until: datetime.date | None = None
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)
    week: int | None = Field(default=None, ge=1, le=53)
    until_week: int | None = Field(default=None, ge=1, le=53)
    from_time: TimeOfDay | None = None

    @model_validator(mode="after")
    def one_form(self) -> ClosedDay:
        yearly = self.month is not None or self.day is not None
        weekly = self.week is not None or self.until_week is not None
        if sum([yearly, weekly, self.date is not None]) != 1:
            raise ValueError(
                "give one of 'date' (optionally with 'until'), 'month' and 'day' for a day that"
                " is closed every year, or 'week' (optionally with 'until_week') for weeks that"
                " are closed every year"
            )
        if yearly and (self.month is None or self.day is None):
            raise ValueError("'month' and 'day' go together; give both")
        if yearly:
            try:
                datetime.date(2024, self.month, self.day)  # a leap year allows 29 February
            except ValueError:
                raise ValueError(f"{self.day}/{self.month} is not a day of the year") from None
        if weekly:
            if self.week is None:
                raise ValueError("'until_week' needs a 'week' to start from")
            if self.until_week is not None and self.until_week < self.week:
                raise ValueError(
                    "'until_week' comes before 'week'; a closed period runs within one year,"
                    " so split one that crosses New Year into two"
                )
            if self.from_time is not None:
                raise ValueError("'from_time' closes part of one day; it cannot go with 'week'")
        if self.until is not None and (self.date is None or self.until < self.date):
            raise ValueError("'until' needs a 'date' on or before it")
        if self.until is not None and self.from_time is not None:
            raise ValueError("'from_time' closes part of one day; it cannot go with 'until'")
        return self


class WorkingMode(Strict):
    """A way the members work together (Vejen's four), e.g. a working group of 2+ members."""

    key: Key
    title: Line
    description: Text = ""
    min_members: int | None = Field(default=None, ge=1, le=100)
    involves_all: StrictBool = False


class Financing(Strict):
    account: Line
    role: FinancingRole = "primary"
    condition: FinancingCondition = "always"
    note: Text = ""


class ItemKindSpec(Strict):
    """A kind of item the charter declares besides the three built in, e.g. "høringssag"."""

    key: Key
    label: Line
    label_en: Line | None = None
    needs_recommendation: StrictBool = Field(
        default=False,
        description="An item of the kind is not submitted or published without a"
        " recommendation (indstilling), as a decision item.",
    )
    decision: StrictBool = Field(
        default=False,
        description="The forum decides on items of the kind; a reflection forum cannot take it.",
    )

    @model_validator(mode="after")
    def not_built_in(self) -> ItemKindSpec:
        if self.key in (*BUILT_IN_KINDS, "standing"):
            raise ValueError(
                f"{self.key!r} is built in; list it in 'item_kinds' as it is, or give the"
                " declared kind another key"
            )
        return self


class RecurringItem(Strict):
    """An item the annual cycle puts on the forum's meetings, e.g. the quarterly economy report."""

    title: Line
    kind: Key = "information"
    rrule: RRule
    since: datetime.date | None = None
    note: Text = ""

    @model_validator(mode="after")
    def anchored(self) -> RecurringItem:
        _interval_needs_since(self.rrule, self.since)
        return self


class RepresentationRegister(Strict):
    """The forum keeps the register of who represents the municipality where (boards,
    networks, partnerships), with a duty to report back: DIF's "koordinerende ansvar omkring
    Albertslund Kommunes repræsentation i eksterne sammenhænge"."""

    report_every_months: int = Field(
        default=12,
        ge=1,
        le=60,
        description="How often a representative reports back to the forum.",
    )


class Section(Strict):
    heading: Line
    body: Text


class Forum(Strict):
    short_name: ShortName
    name: Line
    domain: Domain
    purpose: Text
    content: Text = ""
    servicing: Text = ""
    members_note: Text = ""
    members: list[MemberRule] = Field(alias="member", min_length=1)
    guests: GuestPolicy | None = None
    item_kinds: list[Key] = []
    declared_kinds: list[ItemKindSpec] = Field(default=[], alias="item_kind")
    standing_items: list[Line] = []
    examples: list[Line] = []
    examples_heading: Line | None = None
    agenda: StrictBool = True
    minutes: Minutes = "decision_minutes"
    minutes_approval: Literal["next_meeting", "chair"] = "next_meeting"
    topics_before_meeting: StrictBool = False
    member_input: StrictBool = False
    submitters: Literal["members", "members_and_areas", "secretariat"] = "members"
    deadline: RelativeDay | None = None
    publication: RelativeDay | None = None
    approval: Approval = "none"
    recommendation_by: Key | None = None
    follow_up: FollowUp = "none"
    tasks_placed_by: Literal["none", "members"] = "none"
    themes_per_meeting: int = Field(default=0, ge=0, le=10)
    secretariat: Secretariat | None = None
    on_non_working_day: NonWorkingDayPolicy = "next_working_day"
    anchors: list[Key] = []
    rhythms: list[Rhythm] = Field(default=[], alias="rhythm")
    working_modes: list[WorkingMode] = Field(default=[], alias="working_mode")
    financing: list[Financing] = []
    recurring_items: list[RecurringItem] = Field(default=[], alias="recurring_item")
    sections: list[Section] = Field(default=[], alias="section")
    representation: RepresentationRegister | None = None
    public: StrictBool = Field(
        default=False,
        description="Publish the forum's open agendas, decisions and approved minutes to"
        " everyone through the OParl 1.1 API (never closed items or drafts).",
    )

    @model_validator(mode="after")
    def domain_rules(self) -> Forum:
        self._check_kinds()
        if self.domain == "reflection" and any(map(self.decides, self.item_kinds)):
            raise ValueError(
                'a reflection forum takes no decisions; remove "decision" (and any declared'
                " kind with decision = true) from 'item_kinds' or change 'domain'"
            )
        if not self.agenda and (self.standing_items or self.publication):
            raise ValueError(
                "'agenda = false' but the forum has 'standing_items' or 'publication';"
                " remove them or set 'agenda = true'"
            )
        if self.agenda and not self.item_kinds and not self.themes_per_meeting:
            raise ValueError(
                "the forum has an agenda but no 'item_kinds' and no 'themes_per_meeting';"
                ' list the kinds of item it takes, e.g. item_kinds = ["decision", "information"]'
            )
        return self

    def _check_kinds(self) -> None:
        declared = [kind.key for kind in self.declared_kinds]
        if len(set(declared)) != len(declared):
            raise ValueError("two [[forum.item_kind]] have the same key; give each its own")
        if len(set(self.item_kinds)) != len(self.item_kinds):
            raise ValueError("'item_kinds' names a kind twice; name each once")
        for key in self.item_kinds:
            if key not in BUILT_IN_KINDS and key not in declared:
                raise ValueError(
                    f"'item_kinds' names {key!r}, which is neither built in"
                    f" ({', '.join(BUILT_IN_KINDS)}) nor declared in a [[forum.item_kind]];"
                    " declare it or correct the name"
                )
        for key in declared:
            if key not in self.item_kinds:
                raise ValueError(
                    f"the kind {key!r} is declared but not in 'item_kinds'; add it there so the"
                    " forum takes it, or remove its [[forum.item_kind]]"
                )

    def declared_kind(self, key: str) -> ItemKindSpec | None:
        return next((kind for kind in self.declared_kinds if kind.key == key), None)

    def needs_recommendation(self, kind: str) -> bool:
        """Whether an item of `kind` needs a recommendation before it goes on."""
        declared = self.declared_kind(kind)
        return declared.needs_recommendation if declared else kind == "decision"

    def decides(self, kind: str) -> bool:
        declared = self.declared_kind(kind)
        return declared.decision if declared else kind == "decision"


class FlowItem(Strict):
    """The item a `selects_theme` or `approves_programme` flow puts on the `from` forum's
    agenda before each meeting of the `to` forum, e.g. "Valg af tema til lederdagen" on DIF's
    agenda."""

    title: Line
    weeks_before: int = Field(
        default=4,
        ge=1,
        le=26,
        description="The item goes on the `from` forum's last meeting at least this many"
        " weeks before the meeting it concerns.",
    )
    kind: Key = "decision"


class Flow(Strict):
    """An interface between forums: CF proposes themes to LF, DIF selects LF's theme …"""

    from_forum: ShortName = Field(alias="from")
    to: ShortName
    kind: FlowKind
    note: Text = ""
    item: FlowItem | None = None

    @model_validator(mode="after")
    def item_selects(self) -> Flow:
        if self.item is not None and self.kind not in ITEM_FLOWS:
            raise ValueError(
                "only a 'selects_theme' or 'approves_programme' flow puts an item on the"
                " agenda; remove 'item' or change 'kind'"
            )
        return self


# The flows that may put an item on the `from` forum's agenda before each meeting of `to`.
ITEM_FLOWS = ("selects_theme", "approves_programme")


class Charter(Strict):
    format: Literal[1] = Field(description="The charter format version.")
    based_on: int | None = Field(
        default=None,
        ge=1,
        description="The stored version this file was exported from (`charter export` writes"
        " it): a load is refused when the charter has changed since. Not stored.",
    )
    municipality: Municipality
    document: Document | None = None
    units: list[UnitSpec] = Field(default=[], alias="unit")
    positions: list[PositionSpec] = Field(alias="position", min_length=1)
    anchors: list[Anchor] = Field(default=[], alias="anchor")
    forums: list[Forum] = Field(alias="forum", min_length=1)
    flows: list[Flow] = Field(default=[], alias="flow")
    closed_days: list[ClosedDay] = Field(default=[], alias="closed_day")

    def forum(self, short_name: str) -> Forum | None:
        return next((f for f in self.forums if f.short_name == short_name), None)

    def flows_to(self, short_name: str, kind: str) -> list[Flow]:
        """The flows of `kind` into the forum `short_name`, e.g. who proposes its themes."""
        return [f for f in self.flows if f.to == short_name and f.kind == kind]

    def flows_from(self, short_name: str, kind: str) -> list[Flow]:
        return [f for f in self.flows if f.from_forum == short_name and f.kind == kind]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a charter file, as `file:key: message`."""

    source: str
    key: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.source}:{self.key}: {self.message}"
            if self.key
            else f"{self.source}: {self.message}"
        )


class CharterError(Exception):
    """A charter that cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def parse_charter(text: str, source: str = "charter") -> Charter:
    """Parse and validate a charter file. Raises `CharterError` listing every problem."""
    try:
        data = tomllib.loads(text)
        return validate_charter(data, source)
    except tomllib.TOMLDecodeError as error:
        raise CharterError([Problem(source, "", f"is not valid TOML: {error}")]) from None
    except RecursionError:
        raise CharterError(
            [
                Problem(
                    source,
                    "",
                    "is nested too deeply to read; a charter needs only a few levels of tables",
                )
            ]
        ) from None


def validate_charter(data: Any, source: str = "charter") -> Charter:
    if not isinstance(data, dict):
        raise CharterError([Problem(source, "", "a charter is a TOML table of keys")])
    if "format" not in data:
        raise CharterError(
            [
                Problem(
                    source, "format", f"is missing; start the file with 'format = {FORMAT_VERSION}'"
                )
            ]
        )
    if type(data.get("format")) is not int or data.get("format") != FORMAT_VERSION:
        raise CharterError(
            [
                Problem(
                    source,
                    "format",
                    f"is {data.get('format')!r}, but this version of Ledelsesfora reads format"
                    f" {FORMAT_VERSION}; write 'format = {FORMAT_VERSION}' and check the keys against"
                    " docs/charter-format.md",
                )
            ]
        )
    try:
        charter = Charter.model_validate(data)
    except ValidationError as error:
        raise CharterError(_problems_from(error, data, source)) from None
    problems = _reference_problems(charter, source)
    if problems:
        raise CharterError(problems)
    return charter


def to_document(charter: Charter) -> dict[str, Any]:
    """The JSON-able document we store and export: only the keys the file set, without
    `based_on`, which says where the file came from rather than what the charter is."""
    return charter.model_dump(mode="json", by_alias=True, exclude_unset=True, exclude={"based_on"})


def dump_charter(document: dict[str, Any], based_on: int | None = None) -> str:
    """Canonical TOML text of a stored charter document, with `based_on` written second when
    given. The schema turns the dates (stored as ISO text in JSON) back into TOML dates, and
    nothing else."""
    charter = Charter.model_validate(document)
    data = charter.model_dump(mode="python", by_alias=True, exclude_unset=True)
    if based_on is not None:
        data = {"format": data.pop("format"), "based_on": based_on, **data}
    return tomli_w.dumps(data, multiline_strings=True)


# --- turning pydantic's errors into messages a secretariat can act on ---------------------

_HINTS = {
    "missing": "is missing; add it (see docs/charter-format.md for an example)",
    "extra_forbidden": "is not a key of the charter format; check the spelling against"
    " docs/charter-format.md or remove it",
    "string_type": "must be text in quotes",
    "bool_type": 'must be true or false, without quotes (not "yes", "no" or 1)',
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "list_type": 'must be a list, e.g. ["a", "b"] (or repeated [[tables]])',
    "model_type": "must be a table of keys",
    "model_attributes_type": "must be a table of keys",
    "date_type": "must be a date, e.g. 2024-06-19",
    "date_from_datetime_parsing": "must be a date, e.g. 2024-06-19",
    "date_parsing": "must be a date, e.g. 2024-06-19",
    "too_short": "is empty; give at least one",
    "string_too_short": "is empty; write some text",
}


def _problems_from(error: ValidationError, data: dict, source: str) -> list[Problem]:
    problems = []
    for issue in error.errors(include_url=False):
        loc = tuple(part for part in issue["loc"] if not _is_model_name(part))
        key = _key_path(loc, data)
        kind = issue["type"]
        if kind == "value_error":
            message = str(issue.get("ctx", {}).get("error", issue["msg"]))
        elif kind == "literal_error":
            message = f"is {_shown(issue.get('input'))}; use one of {issue['ctx']['expected']}"
        elif kind == "string_pattern_mismatch":
            message = _pattern_hint(issue["ctx"]["pattern"], issue.get("input"))
        elif kind in ("greater_than_equal", "less_than_equal", "string_too_long"):
            message = f"is {_shown(issue.get('input'))}: {issue['msg'].lower()}"
        else:
            message = _HINTS.get(kind, issue["msg"])
        problems.append(Problem(source, key, message))
    return problems


def _is_model_name(part: Any) -> bool:
    # pydantic adds the member type's name to the location for unions and function validators.
    return isinstance(part, str) and (part.startswith("function-") or "[" in part)


def _key_path(loc: tuple, data: Any) -> str:
    """`forum[CF].rhythm[0].rrule`: arrays of forums are named by their short name."""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            label = str(part)
            if isinstance(node, list) and 0 <= part < len(node):
                item = node[part]
                if isinstance(item, dict) and isinstance(item.get("short_name"), str):
                    label = item["short_name"]
                node = item
            else:
                node = None
            out += f"[{label}]"
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _pattern_hint(pattern: str, value: Any) -> str:
    if pattern == KEY_PATTERN:
        return (
            f"is {_shown(value)}; a key uses lower-case letters a-z, digits, '-' and '_',"
            ' e.g. "omraadedirektoer"'
        )
    if pattern == SHORT_NAME_PATTERN:
        return f'is {_shown(value)}; a short name is letters and digits, e.g. "DIF"'
    if "@" in pattern:
        return f'is {_shown(value)}; write an e-mail address, e.g. "post@kommune.dk"'
    if pattern == CASE_NUMBER_PATTERN:
        return (
            f'is {_shown(value)}; a case number follows the KLE pattern, e.g. "00.00.00-P15-1-24"'
        )
    return f"is {_shown(value)}; it must match {pattern}"


def _human(delta: datetime.timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60} h {minutes % 60:02d} min"


# --- references between the parts of a charter --------------------------------------------


def _reference_problems(charter: Charter, source: str) -> list[Problem]:
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        problems.append(Problem(source, key, message))

    def duplicates(at: str, keys: list[str], kind: str | None = None) -> None:
        seen: set[str] = set()
        for index, key in enumerate(keys):
            if key in seen:
                problem(
                    f"{at}[{index}]", f"{key!r} is used twice; every {kind or at} needs its own key"
                )
            seen.add(key)

    duplicates("unit", [u.key for u in charter.units])
    duplicates("position", [p.key for p in charter.positions])
    duplicates("anchor", [a.key for a in charter.anchors])
    duplicates("forum", [f.short_name for f in charter.forums])

    units = {u.key for u in charter.units}
    positions = {p.key for p in charter.positions}
    anchors = {a.key for a in charter.anchors}
    forums = {f.short_name for f in charter.forums}

    def known(key: str, value: str | None, names: set[str], kind: str, where: str) -> None:
        if value is not None and value not in names:
            listed = ", ".join(sorted(names)) or "none yet"
            problem(
                key,
                f"names the {kind} {value!r}, which is not defined by any {where}"
                f" (defined: {listed}); add it there or correct the name",
            )

    parents = {u.key: u.parent for u in charter.units}
    for index, unit in enumerate(charter.units):
        known(f"unit[{index}].parent", unit.parent, units, "unit", "[[unit]]")
        seen, parent = {unit.key}, unit.parent
        while parent in parents and parent not in seen:
            seen.add(parent)
            parent = parents[parent]
        if parent == unit.key:
            problem(
                f"unit[{index}].parent",
                "the units are each other's parents in a circle;"
                " a unit cannot be (part of a part of) itself",
            )
    for forum in charter.forums:
        at = f"forum[{forum.short_name}]"
        for index, rule in enumerate(forum.members):
            known(
                f"{at}.member[{index}].position",
                rule.position,
                positions,
                "position",
                "[[position]]",
            )
            known(f"{at}.member[{index}].unit", rule.unit, units, "unit", "[[unit]]")
        for role in ("chair", "minute_taker", "host"):
            if sum(rule.role == role for rule in forum.members) > 1:
                problem(
                    f"{at}.member",
                    f"more than one member rule has role = {role!r}; give the role to one rule",
                )
        known(
            f"{at}.recommendation_by",
            forum.recommendation_by,
            positions,
            "position",
            "[[position]]",
        )
        if forum.secretariat:
            known(f"{at}.secretariat.unit", forum.secretariat.unit, units, "unit", "[[unit]]")
        for index, anchor in enumerate(forum.anchors):
            known(f"{at}.anchors[{index}]", anchor, anchors, "anchor", "[[anchor]]")
        duplicates(f"{at}.rhythm", [r.identity for r in forum.rhythms], "rhythm (key or kind)")
        duplicates(f"{at}.working_mode", [m.key for m in forum.working_modes], "working mode")
        duplicates(f"{at}.anchors", list(forum.anchors), "anchor")
        for index, rhythm in enumerate(forum.rhythms):
            known(
                f"{at}.rhythm[{index}].not_in_quarter_of",
                rhythm.not_in_quarter_of,
                forums,
                "forum",
                "[[forum]]",
            )
            if rhythm.not_in_quarter_of == forum.short_name:
                problem(
                    f"{at}.rhythm[{index}].not_in_quarter_of",
                    "names the forum itself; name the other forum whose quarters it avoids",
                )
        if forum.approval == "chair" and not any(r.role == "chair" for r in forum.members):
            problem(
                f"{at}.approval",
                'is "chair" but no member rule has role = "chair";'
                " add the role or choose another approval",
            )
        if not forum.agenda and forum.minutes == "decision_minutes":
            problem(
                f"{at}.minutes",
                "decision minutes need an agenda; set 'agenda = true' or"
                ' minutes = "summary" or "none"',
            )
    for index, flow in enumerate(charter.flows):
        known(f"flow[{index}].from", flow.from_forum, forums, "forum", "[[forum]]")
        known(f"flow[{index}].to", flow.to, forums, "forum", "[[forum]]")
        selector = charter.forum(flow.from_forum)
        if flow.item is not None and selector is not None:
            if not selector.agenda or flow.item.kind not in selector.item_kinds:
                problem(
                    f"flow[{index}].item.kind",
                    f"{flow.from_forum} takes no {flow.item.kind!r} items on an agenda; give"
                    f" a kind from its 'item_kinds' ({', '.join(selector.item_kinds) or 'none'})",
                )
            if flow.to == flow.from_forum:
                problem(
                    f"flow[{index}].item",
                    "an item goes on another forum's agenda; 'from' and 'to' must differ",
                )
    seen: set[tuple[str, str]] = set()
    for index, flow in enumerate(charter.flows):
        if flow.kind in ITEM_FLOWS:
            if (flow.kind, flow.to) in seen:
                problem(
                    f"flow[{index}]",
                    f"two forums {describe_flow(flow.kind)} {flow.to}; keep one such flow",
                )
            seen.add((flow.kind, flow.to))
    return problems


def describe_flow(kind: str) -> str:
    return {
        "selects_theme": "select the theme of",
        "approves_programme": "approve the programme of",
    }[kind]
