"""`ledelsesfora plan ORG [--forum SHORT] --year YYYY [--format text|json|ics] [--apply]`."""

import json
from io import StringIO

import icalendar
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ledelsesfora.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("plan", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


def test_json_has_the_documented_fields():
    code, out, _err = run("albertslund", "--forum", "LF", "--year", "2030", "--format", "json")
    assert code == 0
    plan = json.loads(out)
    assert [(p["start"], p["status"]) for p in plan] == [
        ("2030-03-14T13:00:00+01:00", "planned"),
        ("2030-05-09T13:00:00+02:00", "planned"),
        ("2030-09-12T13:00:00+02:00", "planned"),
        ("2030-11-14T13:00:00+01:00", "skipped"),
    ]
    first = plan[0]
    assert {
        "forum",
        "kind",
        "start",
        "end",
        "iso_week",
        "submission_deadline",
        "publication",
        "status",
        "note",
    } <= first.keys()
    assert (first["forum"], first["kind"], first["iso_week"]) == ("LF", "lederdag", 11)
    assert first["end"] == "2030-03-14T16:00:00+01:00"
    assert first["submission_deadline"] is None and first["publication"] is None
    assert plan[3]["note"] == "Lederdøgn holdes i 4. kvartal"
    assert first["materialised"] is False


def test_deadlines_in_json_are_iso_dates():
    _code, out, _err = run("albertslund", "--forum", "DIF", "--year", "2030", "--format", "json")
    new_year, first = json.loads(out)[:2]
    assert (new_year["status"], new_year["note"]) == (
        "skipped",
        "1/1 er Nytårsdag: mødet holdes ikke",
    )
    assert (first["start"], first["submission_deadline"], first["publication"]) == (
        "2030-01-08T09:00:00+01:00",
        "2030-01-03",
        "2030-01-04",
    )


def test_text_is_a_table_with_week_numbers():
    code, out, _err = run("vejen", "--year", "2027")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["week", "date", "time"]
    assert any(
        line.startswith("19") and "seminar" in line and "Flyttet fra 6/5" in line for line in lines
    )


def test_ics_is_a_calendar():
    _code, out, _err = run("albertslund", "--forum", "CF", "--year", "2030", "--format", "ics")
    calendar = icalendar.Calendar.from_ical(out)
    assert len(calendar.walk("VEVENT")) == 24


def test_apply_stores_the_plan_and_reports_progress():
    assert not Meeting.objects.in_year(2031).exists()
    code, out, err = run("vejen", "--year", "2031", "--apply", "--format", "json")
    assert code == 0
    assert "planning… 0/" in err
    assert "18 oprettet, 0 ændret, 0 aflyst, 0 uændret" in err
    assert all(entry["materialised"] for entry in json.loads(out))
    code, _out, err = run("vejen", "--year", "2031", "--apply")
    assert "0 oprettet, 0 ændret, 0 aflyst, 18 uændret" in err


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ("atlantis", "--year", "2027"),
            "atlantis: no such municipality (loaded: albertslund, vejen)",
        ),
        (
            ("vejen", "--forum", "DIF", "--year", "2027"),
            "DIF: Vejen Kommune has no such forum (forums: CF)",
        ),
    ],
)
def test_unknown_names_are_explained(args, message):
    code, _out, err = run(*args)
    assert code == 1
    assert err.strip() == message


@pytest.mark.parametrize(
    "year, message",
    [
        ("twenty", "'twenty' is not a year; write e.g. 2027"),
        ("20270", "20270 is out of range; plan a year from 1900 to 2200"),
    ],
)
def test_a_bad_year_is_explained(year, message):
    with pytest.raises(CommandError, match=message):
        call_command("plan", "vejen", "--year", year)


def test_compressed_weeks_are_flagged_in_text_and_json():
    code, out, _err = run("albertslund", "--forum", "DIF", "--year", "2027")
    assert code == 0
    new_year = next(line for line in out.splitlines() if "Tue 05.01.2027" in line)
    assert "30.12.    30.12." in new_year
    assert "komprimeret: publiceres, når fristen er udløbet" in new_year
    ordinary = next(line for line in out.splitlines() if "Tue 12.01.2027" in line)
    assert "komprimeret" not in ordinary
    _code, out, _err = run("albertslund", "--forum", "DIF", "--year", "2027", "--format", "json")
    flagged = [p["start"][:10] for p in json.loads(out) if p["compressed"]]
    assert flagged == ["2027-01-05", "2027-03-30", "2027-12-28"]
