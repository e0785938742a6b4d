"""Charter values in words a reader of the notat understands (Danish through gettext)."""

from __future__ import annotations

import datetime

from django.utils.dateformat import format as date_format
from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from ledelsesfora.forums import charter as charter_format

DOMAINS = {
    "production": gettext_lazy("Production: coordinate, qualify and decide"),
    "reflection": gettext_lazy("Reflection: open dialogue, no decisions"),
    "dialogue": gettext_lazy("Dialogue and development"),
}
ITEM_KINDS = {
    "decision": gettext_lazy("Decision item"),
    "information": gettext_lazy("Information item"),
    "theme_discussion": gettext_lazy("Theme discussion"),
}


def item_kind(spec: charter_format.Forum | None, key: str) -> str:
    """The name of a kind of item: a built-in kind's in the reader's language, a declared
    kind's label (its English label in English, where the charter gives one)."""
    if key in ITEM_KINDS:
        return str(ITEM_KINDS[key])
    declared = spec.declared_kind(key) if spec else None
    if declared is None:
        return key  # a kind a newer charter no longer declares
    if declared.label_en and get_language() == "en":
        return declared.label_en
    return declared.label


ROLES = {
    "chair": gettext_lazy("chair"),
    "minute_taker": gettext_lazy("minute-taker"),
    "host": gettext_lazy("host"),
}
MINUTES = {
    "decision_minutes": gettext_lazy("Decision minutes are written after each meeting."),
    "summary": gettext_lazy("A written summary is made after each meeting."),
    "none": gettext_lazy("No minutes are kept."),
}
APPROVAL = {
    "none": "",
    "responsible_director": gettext_lazy(
        "Every item is approved by the responsible director before the meeting."
    ),
    "chair": gettext_lazy("Every item is approved by the chair before the meeting."),
}
FOLLOW_UP = {
    "none": "",
    "responsible_director": gettext_lazy(
        "The responsible director follows up on decisions that concern their area."
    ),
    "responsible_area": gettext_lazy(
        "The areas and departments follow up on decisions within their own areas."
    ),
    "members": gettext_lazy("The members follow up on what they take on together."),
}
SUBMITTERS = {
    "members": gettext_lazy("Each member can put items on the agenda."),
    "members_and_areas": gettext_lazy("Members, areas and departments bring items."),
    "secretariat": gettext_lazy("The secretariat plans the content with the forum."),
}
GUEST_ROLES = {
    "presenter": gettext_lazy("present an item"),
    "facilitator": gettext_lazy("facilitate a discussion"),
    "speaker": gettext_lazy("give a talk"),
}
GUESTS_INVITED_BY = {
    "members": gettext_lazy("the members"),
    "secretariat": gettext_lazy("the secretariat"),
    "chair": gettext_lazy("the chair"),
}
SECRETARIAT_TASKS = {
    "publish_agenda": gettext_lazy("publishes the agenda"),
    "write_minutes": gettext_lazy("writes the decision minutes"),
    "write_summary": gettext_lazy("writes the summary"),
    "sparring": gettext_lazy("gives sparring on items"),
    "quality_assurance": gettext_lazy("quality-assures items"),
    "prepare_meetings": gettext_lazy("prepares the meetings"),
    "invitation": gettext_lazy("sends the invitations"),
    "run_sheet": gettext_lazy("writes the run sheet (drejebog)"),
    "catering": gettext_lazy("arranges catering"),
    "facilitation": gettext_lazy("facilitates"),
}
RHYTHM_KINDS = {
    "regular": gettext_lazy("Regular meeting"),
    "development": gettext_lazy("Development meeting"),
    "seminar": gettext_lazy("Seminar"),
    "lederdag": gettext_lazy("Lederdag"),
    "lederdoegn": gettext_lazy("Lederdøgn"),
    "reflection": gettext_lazy("Reflection"),
    "ad_hoc": gettext_lazy("Ad hoc"),
}
FORMATS = {
    "physical": gettext_lazy("in person"),
    "hybrid": gettext_lazy("in person, with the option of joining online"),
    "online": gettext_lazy("online"),
}
FLOWS = {
    "proposes_themes": gettext_lazy("proposes themes for"),
    "selects_theme": gettext_lazy("selects the theme of"),
    "approves_programme": gettext_lazy("approves the programme of"),
    "sends_items": gettext_lazy("sends items to"),
}
FINANCING_ROLES = {
    "primary": gettext_lazy("Financed by"),
    "co_financing": gettext_lazy("Co-financed by"),
}
FINANCING_CONDITIONS = {
    "always": "",
    "overnight": gettext_lazy("in years with an overnight stay"),
}
NON_WORKING_DAY = {
    "skip": gettext_lazy("A meeting that falls on a holiday or closed day is cancelled."),
    "next_working_day": gettext_lazy(
        "A meeting that falls on a holiday or closed day moves to the next working day."
    ),
    "previous_working_day": gettext_lazy(
        "A meeting that falls on a holiday or closed day moves to the previous working day."
    ),
    "keep": gettext_lazy("Meetings are held on holidays and closed days too."),
}

_WEEKDAY_NAMES = [WEEKDAYS[index] for index in range(7)]  # Django's own translations
_RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_MONTH_NAMES = [MONTHS[index] for index in range(1, 13)]


def duration(text: str | None) -> str:
    """'PT1H30M' → '1 t. 30 min.'; 'P1D' → '24 timer'."""
    if not text:
        return ""
    delta = charter_format._timedelta.validate_python(text)
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
    if hours:
        return ngettext("%(hours)d hour", "%(hours)d hours", hours) % {"hours": hours}
    return _("%(minutes)d min") % {"minutes": minutes}


def relative_day(rule: charter_format.RelativeDay | None) -> str:
    """'Thursday of the week before the meeting' and the like."""
    if rule is None:
        return ""
    if rule.working_days_before is not None:
        text = ngettext(
            "%(days)d working day before the meeting",
            "%(days)d working days before the meeting",
            rule.working_days_before,
        ) % {"days": rule.working_days_before}
    elif rule.days_before is not None:
        text = ngettext(
            "%(days)d day before the meeting", "%(days)d days before the meeting", rule.days_before
        ) % {"days": rule.days_before}
    else:
        day = str(_WEEKDAY_NAMES[charter_format.WEEKDAYS.index(rule.weekday)]).lower()
        if rule.weeks_before == 0:
            text = _("%(day)s in the week of the meeting") % {"day": day}
        elif rule.weeks_before == 1:
            text = _("%(day)s of the week before the meeting") % {"day": day}
        else:
            text = _("%(day)s, %(weeks)d weeks before the meeting") % {
                "day": day,
                "weeks": rule.weeks_before,
            }
    if rule.time:
        text += " " + _("at %(time)s") % {"time": rule.time}
    return text


def rhythm(rule: charter_format.Rhythm) -> str:
    """One sentence for a rhythm: when, how long and where."""
    parts = [recurrence(rule.rrule)] if rule.rrule else []
    if rule.start:
        total = rule.total_duration()
        if total is not None and total < datetime.timedelta(days=1):
            start = datetime.datetime.strptime(rule.start, "%H:%M")  # noqa: DTZ007 - a time of day
            end = (start + total).strftime("%H:%M")
            parts.append(_("%(start)s–%(end)s") % {"start": rule.start, "end": end})
        else:
            parts.append(_("from %(start)s") % {"start": rule.start})
    if rule.duration or rule.parts:
        length = duration(rule.duration) if rule.duration else duration_sum(rule.parts)
        if rule.min_duration:
            length = _("%(min)s to %(max)s") % {"min": duration(rule.min_duration), "max": length}
        parts.append(length)
    if rule.overnight:
        parts.append(_("with an overnight stay"))
    if rule.format != "physical":
        parts.append(str(FORMATS[rule.format]))
    if rule.place:
        parts.append(rule.place)
    if rule.rdates:
        parts.append(_("also %(days)s") % {"days": join_words(_dates(rule.rdates))})
    if rule.exdates:
        parts.append(_("not %(days)s") % {"days": join_words(_dates(rule.exdates))})
    sentence = ", ".join(str(p) for p in parts if p) or _("as needed")
    if rule.on_non_working_day:
        sentence += ". " + str(NON_WORKING_DAY[rule.on_non_working_day])
    return sentence


def _dates(days: list[datetime.date]) -> list[str]:
    return [date_format(day, _("j F Y")) for day in sorted(days)]


def duration_sum(parts: list[charter_format.Part]) -> str:
    total = sum(
        (charter_format._timedelta.validate_python(p.duration) for p in parts), datetime.timedelta()
    )
    minutes = int(total.total_seconds() // 60)
    return duration(f"PT{minutes // 60}H{minutes % 60}M" if minutes % 60 else f"PT{minutes // 60}H")


def recurrence(rrule: str) -> str:
    """A Danish sentence for the RFC 5545 rules charters use; the rule itself when unusual."""
    fields = dict(part.split("=", 1) for part in rrule.upper().split(";") if "=" in part)
    freq = fields.get("FREQ")
    interval = int(fields.get("INTERVAL", "1"))
    days = [d for d in fields.get("BYDAY", "").split(",") if d]
    months = [int(m) for m in fields.get("BYMONTH", "").split(",") if m]
    month_days = fields.get("BYMONTHDAY")
    day_text = join_words([_byday(d) for d in days])
    known = set(fields) <= {"FREQ", "INTERVAL", "BYDAY", "BYMONTH", "BYMONTHDAY"}
    if not known or None in [_byday(d) for d in days]:
        return rrule
    if freq == "WEEKLY" and not months:
        base = _("every week") if interval == 1 else _("every %(n)d weeks") % {"n": interval}
        return f"{base}, {day_text}" if day_text else base
    if freq == "MONTHLY" and not months:
        base = _("every month") if interval == 1 else _("every %(n)d months") % {"n": interval}
        if day_text:
            return (
                _("%(days)s of the month") % {"days": day_text}
                if interval == 1
                else (f"{base}, {day_text}")
            )
        return base
    if freq == "YEARLY":
        base = (
            _("every year")
            if interval == 1
            else (
                _("every other year") if interval == 2 else _("every %(n)d years") % {"n": interval}
            )
        )
        month_text = join_words([str(_MONTH_NAMES[m - 1]).lower() for m in months])
        if day_text and month_text:
            return _("%(base)s, %(days)s in %(months)s") % {
                "base": base,
                "days": day_text,
                "months": month_text,
            }
        if month_days and month_text:
            return _("%(base)s, on day %(day)s of %(months)s") % {
                "base": base,
                "day": month_days,
                "months": month_text,
            }
        if month_text:
            return _("%(base)s in %(months)s") % {"base": base, "months": month_text}
        return base
    return rrule


def _byday(code: str) -> str | None:
    """'1WE' → 'første onsdag'; 'TU' → 'tirsdag'."""
    number, day = code[:-2], code[-2:]
    if day not in _RRULE_DAYS:
        return None
    name = str(_WEEKDAY_NAMES[_RRULE_DAYS.index(day)]).lower()
    if not number:
        return name
    ordinals = {
        "1": _("1st"),
        "2": _("2nd"),
        "3": _("3rd"),
        "4": _("4th"),
        "5": _("5th"),
        "-1": _("last"),
    }
    if number.lstrip("+") not in ordinals:
        return None
    return f"{ordinals[number.lstrip('+')]} {name}"


def join_words(items: list) -> str:
    items = [str(i) for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def member_rule(
    rule: charter_format.MemberRule,
    position_titles: dict[str, tuple[str, str]],
    unit_names: dict[str, str],
) -> str:
    """The heading of a member group, as the notat would write it."""
    if rule.label:
        return rule.label
    if rule.staff_responsibility and rule.unit:
        return _("All managers with staff responsibility in %(unit)s") % {
            "unit": unit_names.get(rule.unit, rule.unit)
        }
    if rule.staff_responsibility:
        return _("All managers with staff responsibility")
    if rule.person:
        return rule.person
    title, plural = position_titles.get(rule.position, (rule.position, ""))
    text = plural or title
    if rule.unit:
        text = _("%(title)s in %(unit)s") % {
            "title": title,
            "unit": unit_names.get(rule.unit, rule.unit),
        }
    return text
