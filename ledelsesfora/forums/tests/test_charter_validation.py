"""A broken charter file gets one `file:key: what is wrong, how to fix` line per problem and
never a traceback."""

import string
import tomllib

import pytest
import tomli_w
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from ledelsesfora.forums.charter import CharterError, dump_charter, parse_charter, to_document

MINIMAL = """
format = 1
[municipality]
slug = "testby"
name = "Testby Kommune"
[[position]]
key = "chef"
title = "Chef"
[[forum]]
short_name = "CF"
name = "Chefforum"
domain = "production"
purpose = "Koordinering."
item_kinds = ["decision"]
[[forum.member]]
position = "chef"
"""


def problems(text, source="test.toml"):
    with pytest.raises(CharterError) as caught:
        parse_charter(text, source)
    return [str(p) for p in caught.value.problems]


def test_the_minimal_charter_is_valid():
    charter = parse_charter(MINIMAL)
    assert charter.forums[0].short_name == "CF"


def test_invalid_toml_names_the_line():
    (message,) = problems("format = 1\n[municipality\n")
    assert message.startswith("test.toml: is not valid TOML")
    assert "line 2" in message


def test_wrong_format_version_says_what_to_write():
    (message,) = problems(MINIMAL.replace("format = 1", "format = 7"))
    assert message.startswith("test.toml:format: is 7")
    assert "format = 1" in message


def test_every_problem_is_listed_with_its_key():
    text = (
        MINIMAL.replace('domain = "production"', 'domain = "prod"').replace(
            'slug = "testby"', 'slug = "Test By"'
        )
        + '\n[[forum.rhythm]]\nrrule = "FREQ=SOMETIMES"\nstart = "25:00"\nduration = "1h"\ncolour = "red"\n'
    )
    found = problems(text)
    assert any(p.startswith("test.toml:municipality.slug: is 'Test By'") for p in found)
    assert any(p.startswith("test.toml:forum[CF].domain: is 'prod'; use one of") for p in found)
    assert any(
        p.startswith("test.toml:forum[CF].rhythm[0].rrule: meetings recur DAILY, WEEKLY")
        for p in found
    )
    assert any(p.startswith("test.toml:forum[CF].rhythm[0].start:") and "HH:MM" in p for p in found)
    assert any(
        p.startswith("test.toml:forum[CF].rhythm[0].duration:") and "PT1H30M" in p for p in found
    )
    assert any(p.startswith("test.toml:forum[CF].rhythm[0].colour: is not a key") for p in found)
    assert len(found) == 6


def test_missing_required_keys():
    text = MINIMAL.replace('name = "Testby Kommune"\n', "").replace(
        'purpose = "Koordinering."\n', ""
    )
    assert problems(text) == [
        "test.toml:municipality.name: is missing; add it (see docs/charter-format.md for an example)",
        "test.toml:forum[CF].purpose: is missing; add it (see docs/charter-format.md for an example)",
    ]


def test_references_to_undefined_positions_units_and_forums():
    text = MINIMAL + (
        '\n[[forum.member]]\nposition = "direktoer"\nunit = "nowhere"\n'
        '\n[[flow]]\nfrom = "CF"\nto = "LF"\nkind = "proposes_themes"\n'
    )
    found = problems(text)
    assert any(
        p.startswith("test.toml:forum[CF].member[1].position: names the position 'direktoer'")
        and "defined: chef" in p
        for p in found
    )
    assert any(
        p.startswith("test.toml:forum[CF].member[1].unit: names the unit 'nowhere'") for p in found
    )
    assert any(p.startswith("test.toml:flow[0].to: names the forum 'LF'") for p in found)


def test_a_reflection_forum_cannot_take_decisions():
    (message,) = problems(MINIMAL.replace('domain = "production"', 'domain = "reflection"'))
    assert message.startswith("test.toml:forum[CF]: a reflection forum takes no decisions")


def test_parts_must_add_up_to_the_duration():
    text = MINIMAL + (
        '\n[[forum.rhythm]]\nrrule = "FREQ=MONTHLY;BYDAY=2TU"\nstart = "13:00"\nduration = "PT3H"\n'
        '[[forum.rhythm.part]]\ntitle = "Drift"\nduration = "PT1H30M"\n'
        '[[forum.rhythm.part]]\ntitle = "Koordinering"\nduration = "PT1H"\n'
    )
    (message,) = problems(text)
    assert "the parts last 2 h 30 min but 'duration' says 3 h 00 min" in message


def test_a_member_rule_selects_by_exactly_one_thing():
    text = MINIMAL.replace(
        '[[forum.member]]\nposition = "chef"',
        '[[forum.member]]\nposition = "chef"\nstaff_responsibility = true',
    )
    (message,) = problems(text)
    assert message.startswith("test.toml:forum[CF].member[0]: a member rule selects by exactly one")


@pytest.mark.parametrize(
    "rule, message",
    [
        ('person = "jdoe"\nunit = "stab"', "'unit' narrows a 'position' or 'staff_responsibility'"),
        ('position = "chef"\nsub_units = false', "'sub_units' says whether 'unit'"),
    ],
)
def test_a_unit_narrows_positions_and_staff_responsibility_only(rule, message):
    text = MINIMAL.replace('[[forum.member]]\nposition = "chef"', f"[[forum.member]]\n{rule}")
    (found,) = problems(text + '\n[[unit]]\nkey = "stab"\nname = "Stab"\n')
    assert found.startswith("test.toml:forum[CF].member[0]: ") and message in found


def test_staff_responsibility_in_a_unit_is_a_rule():
    text = (
        MINIMAL.replace(
            '[[forum.member]]\nposition = "chef"',
            '[[forum.member]]\nstaff_responsibility = true\nunit = "stab"\nsub_units = false',
        )
        + '\n[[unit]]\nkey = "stab"\nname = "Stab"\n'
    )
    rule = parse_charter(text).forums[0].members[0]
    assert (rule.staff_responsibility, rule.unit, rule.sub_units) == (True, "stab", False)


def test_duplicate_forum_short_names():
    text = MINIMAL + MINIMAL[MINIMAL.index("[[forum]]") :]
    assert "test.toml:forum[1]: 'CF' is used twice; every forum needs its own key" in problems(text)


def test_case_number_must_follow_kle():
    text = MINIMAL + '\n[document]\ntitle = "Notat"\ncase_number = "2024-17"\n'
    (message,) = problems(text)
    assert message.startswith("test.toml:document.case_number: is '2024-17'; a case number follows")


# --- never a traceback ----------------------------------------------------------------------

toml_scalars = st.one_of(
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(max_size=20),
    st.dates(),
    st.floats(allow_nan=False, allow_infinity=False),
)
toml_values = st.recursive(
    toml_scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(
            st.text(string.ascii_lowercase + "_", min_size=1, max_size=12), children, max_size=3
        ),
    ),
    max_leaves=8,
)


def _bundled_document():
    path = settings.BUNDLED_CHARTERS_DIR / "albertslund.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


BUNDLED = _bundled_document()
PATHS = [p for p in _paths(BUNDLED) if p]


def _mutate(document, path, value, delete):
    import copy

    document = copy.deepcopy(document)
    node = document
    for part in path[:-1]:
        node = node[part]
    if delete:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return document


def _parse_or_problems(text):
    try:
        parse_charter(text, "fuzz.toml")
    except CharterError as error:
        assert error.problems
        for problem in error.problems:
            assert str(problem).startswith("fuzz.toml")
            assert problem.message


@hypothesis_settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_problems_not_a_traceback(text):
    _parse_or_problems(text)


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), toml_values, st.booleans())
def test_any_changed_key_gives_problems_not_a_traceback(path, value, delete):
    document = _mutate(BUNDLED, path, value, delete)
    try:
        text = tomli_w.dumps(document)
    except (TypeError, ValueError):
        return  # not expressible as TOML, so no file can contain it
    _parse_or_problems(text)


@hypothesis_settings(max_examples=50, deadline=None)
@given(st.sampled_from(PATHS), st.booleans())
def test_valid_variants_round_trip(path, delete):
    """Whatever a valid charter says, dump → parse gives back the same document."""
    document = _mutate(BUNDLED, path, None, delete=True) if delete else BUNDLED
    try:
        charter = parse_charter(tomli_w.dumps(document), "fuzz.toml")
    except CharterError:
        return
    stored = to_document(charter)
    assert to_document(parse_charter(dump_charter(stored))) == stored


@pytest.mark.parametrize("value", ["true", "1.0", '"1"'])
def test_format_must_be_the_whole_number_1(value):
    (message,) = problems(MINIMAL.replace("format = 1", f"format = {value}"))
    assert message.startswith("test.toml:format: is ")


def test_python_field_names_are_not_keys():
    found = problems(MINIMAL.replace("[[forum.member]]", "[[forum.members]]"))
    assert (
        "test.toml:forum[CF].members: is not a key of the charter format; check the spelling"
        " against docs/charter-format.md or remove it" in found
    )


def test_a_guest_table_must_say_whether_guests_are_allowed():
    (message,) = problems(MINIMAL + '\n[forum.guests]\nroles = ["presenter"]\n')
    assert message.startswith("test.toml:forum[CF].guests.allowed: is missing")


def test_not_in_quarter_of_names_another_forum():
    text = MINIMAL + (
        '\n[[forum.rhythm]]\nrrule = "FREQ=MONTHLY"\nstart = "09:00"\nduration = "PT1H"\n'
        'not_in_quarter_of = "CF"\n'
    )
    (message,) = problems(text)
    assert message == (
        "test.toml:forum[CF].rhythm[0].not_in_quarter_of: names the forum itself;"
        " name the other forum whose quarters it avoids"
    )


def test_every_other_year_needs_a_first_year():
    text = MINIMAL + (
        '\n[[forum.rhythm]]\nrrule = "FREQ=YEARLY;INTERVAL=2;BYMONTH=10"\nstart = "12:00"\n'
        'duration = "P1D"\n'
    )
    (message,) = problems(text)
    assert message.startswith("test.toml:forum[CF].rhythm[0]: a rule with INTERVAL above 1 needs")


def test_units_cannot_be_each_others_parents():
    text = MINIMAL + (
        '\n[[unit]]\nkey = "a"\nname = "A"\nparent = "b"\n'
        '[[unit]]\nkey = "b"\nname = "B"\nparent = "a"\n'
    )
    found = problems(text)
    assert len(found) == 2 and all("in a circle" in p for p in found)


@pytest.mark.parametrize(
    "closed_day, message",
    [
        ('reason = "Sommer"\nmonth = 2\nday = 30', "30/2 is not a day of the year"),
        (
            'reason = "Sommer"\ndate = 2026-07-20\nuntil = 2026-07-01',
            "'until' needs a 'date' on or before it",
        ),
        ('reason = "Sommer"', "give one of 'date'"),
        ('reason = "Sommer"\nweek = 31\nuntil_week = 29', "'until_week' comes before 'week'"),
        ('reason = "Sommer"\nuntil_week = 29', "'until_week' needs a 'week'"),
        ('reason = "Sommer"\nweek = 29\nmonth = 7\nday = 1', "give one of 'date'"),
        ('reason = "Jul"\nweek = 52\nfrom_time = "12:00"', "cannot go with 'week'"),
    ],
)
def test_closed_days_are_checked(closed_day, message):
    (found,) = problems(MINIMAL + f"\n[[closed_day]]\n{closed_day}\n")
    assert found.startswith("test.toml:closed_day[0]: ") and message in found


@pytest.mark.parametrize(
    "rule, message",
    [
        ("FREQ=HOURLY", "meetings recur DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=DAILY;BYHOUR=9,14", "give the time of day with 'start'"),
        ("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "gives no date in ten years"),
        ("FREQ=MONTHLY;BYDAY=9WE", "is not a valid RFC 5545 recurrence rule"),
    ],
)
def test_rules_that_cannot_plan_meetings_are_refused(rule, message):
    text = MINIMAL + f'\n[[forum.rhythm]]\nrrule = "{rule}"\nstart = "09:00"\nduration = "PT1H"\n'
    (found,) = problems(text)
    assert found.startswith("test.toml:forum[CF].rhythm[0].rrule: ") and message in found


def test_an_until_in_utc_is_accepted():
    text = MINIMAL + (
        '\n[[forum.rhythm]]\nrrule = "FREQ=WEEKLY;BYDAY=TU;UNTIL=20271231T230000Z"\n'
        'start = "09:00"\nduration = "PT1H"\n'
    )
    assert parse_charter(text).forums[0].rhythms[0].rrule.endswith("Z")


def test_a_duration_longer_than_a_week_is_refused():
    text = (
        MINIMAL
        + '\n[[forum.rhythm]]\nrrule = "FREQ=YEARLY"\nstart = "09:00"\nduration = "P99999999D"\n'
    )
    (found,) = problems(text)
    assert "is longer than a week" in found


def test_deep_nesting_is_a_problem_not_a_traceback():
    (found,) = problems("format = 1\nx = " + "[" * 2000 + "]" * 2000 + "\n")
    assert found.startswith("test.toml: ")


def test_text_that_looks_like_a_date_stays_text_on_export():
    charter = parse_charter(MINIMAL.replace('name = "Testby Kommune"', 'name = "2026-01-01"'))
    text = dump_charter(to_document(charter))
    assert 'name = "2026-01-01"' in text
    assert to_document(parse_charter(text)) == to_document(charter)


def test_a_deadline_takes_one_form_and_says_which_ones_there_are():
    (message,) = problems(MINIMAL + "[forum.deadline]\nworking_days_before = 5\ndays_before = 3\n")
    assert message.startswith("test.toml:forum[CF].deadline:")
    assert "'working_days_before'" in message and "not several" in message
    charter = parse_charter(
        MINIMAL.replace(
            'item_kinds = ["decision"]',
            'item_kinds = ["decision"]\ndeadline = { working_days_before = 5, time = "12:00" }',
        )
    )
    assert charter.forums[0].deadline.working_days_before == 5


WEEKLY_TUESDAY = (
    '\n[[forum.rhythm]]\nrrule = "FREQ=WEEKLY;BYDAY=TU"\nstart = "09:00"\nduration = "PT1H"\n'
)


@pytest.mark.parametrize(
    "extra, message",
    [
        ("exdates = [2027-03-10]", "'exdates' leaves out 2027-03-10, which the rule does not give"),
        ("rdates = [2027-03-09]", "'rdates' adds 2027-03-09, which the rule already gives"),
        ("exdates = [2027-03-09, 2027-03-09]", "'exdates' names a date twice"),
        ('on_non_working_day = "sometimes"', "use one of 'skip'"),
    ],
)
def test_a_rhythm_s_exceptions_must_fit_its_rule(extra, message):
    (found,) = problems(MINIMAL + WEEKLY_TUESDAY + extra + "\n")
    assert found.startswith("test.toml:forum[CF].rhythm[0]") and message in found


def test_an_ad_hoc_rhythm_has_no_exceptions():
    (found,) = problems(MINIMAL + '\n[[forum.rhythm]]\nkind = "ad_hoc"\nrdates = [2027-03-09]\n')
    assert "an ad hoc rhythm has no dates to leave out or add" in found


def test_exceptions_and_weekly_closed_periods_round_trip():
    text = (
        MINIMAL
        + WEEKLY_TUESDAY
        + 'exdates = [2027-03-09]\nrdates = [2027-03-11]\non_non_working_day = "keep"\n'
        + '\n[[closed_day]]\nreason = "Sommerferie"\nweek = 29\nuntil_week = 31\n'
    )
    document = to_document(parse_charter(text))
    assert document["forum"][0]["rhythm"][0]["exdates"] == ["2027-03-09"]
    assert document["closed_day"][0] == {"reason": "Sommerferie", "week": 29, "until_week": 31}
    again = dump_charter(document)
    assert to_document(parse_charter(again)) == document
    assert "exdates = [\n    2027-03-09,\n]" in again or "exdates = [2027-03-09]" in again


HEARING = '\n[[forum.item_kind]]\nkey = "hoeringssag"\nlabel = "Høringssag"\nneeds_recommendation = true\n'


def test_a_declared_item_kind_is_taken_and_round_trips():
    text = MINIMAL.replace('item_kinds = ["decision"]', 'item_kinds = ["decision", "hoeringssag"]')
    charter = parse_charter(text + HEARING)
    forum = charter.forums[0]
    assert forum.needs_recommendation("hoeringssag") and not forum.decides("hoeringssag")
    assert forum.needs_recommendation("decision") and forum.decides("decision")
    document = to_document(charter)
    assert to_document(parse_charter(dump_charter(document))) == document


@pytest.mark.parametrize(
    "kinds, declaration, message",
    [
        ('["decision", "hoering"]', "", "'item_kinds' names 'hoering', which is neither built in"),
        ('["decision"]', HEARING, "the kind 'hoeringssag' is declared but not in 'item_kinds'"),
        (
            '["decision"]',
            '\n[[forum.item_kind]]\nkey = "decision"\nlabel = "Beslutning"\n',
            "'decision' is built in",
        ),
        ('["decision", "decision"]', "", "'item_kinds' names a kind twice"),
    ],
)
def test_item_kinds_must_be_built_in_or_declared_once(kinds, declaration, message):
    text = MINIMAL.replace('item_kinds = ["decision"]', f"item_kinds = {kinds}") + declaration
    (found,) = problems(text)
    assert found.startswith("test.toml:forum[CF]") and message in found


def test_a_reflection_forum_cannot_take_a_declared_decision_kind():
    text = MINIMAL.replace('domain = "production"', 'domain = "reflection"').replace(
        'item_kinds = ["decision"]', 'item_kinds = ["afgoerelse"]'
    )
    declared = '\n[[forum.item_kind]]\nkey = "afgoerelse"\nlabel = "Afgørelse"\ndecision = true\n'
    (found,) = problems(text + declared)
    assert "a reflection forum takes no decisions" in found


@pytest.mark.parametrize("interval", ["0", "00", "-1", "x", "100"])
def test_an_interval_that_never_advances_is_refused_at_once(interval):
    """INTERVAL=0 would make expanding the rule run until memory runs out."""
    text = MINIMAL + (
        f'\n[[forum.rhythm]]\nrrule = "FREQ=WEEKLY;INTERVAL={interval}"\nstart = "09:00"\n'
        'duration = "PT1H"\n'
    )
    (message,) = problems(text)
    assert f"INTERVAL={interval.upper()} is not an interval" in message
