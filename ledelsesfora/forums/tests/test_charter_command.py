"""`ledelsesfora charter check|load|export`."""

import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from ledelsesfora.forums.models import Charter, Forum
from ledelsesfora.organisation.models import Organisation

ALBERTSLUND = settings.BUNDLED_CHARTERS_DIR / "albertslund.toml"
VEJEN = settings.BUNDLED_CHARTERS_DIR / "vejen.toml"


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("charter", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit:
        code = exit.code
    return code, out.getvalue(), err.getvalue()


def test_check_accepts_both_bundled_charters():
    code, out, err = run(
        "check", str(ALBERTSLUND), str(settings.BUNDLED_CHARTERS_DIR / "vejen.toml")
    )
    assert code == 0, err
    assert "albertslund.toml: OK (Albertslund Kommune, 5 forums)" in out
    assert "vejen.toml: OK (Vejen Kommune, 1 forums)" in out


def test_check_lists_every_problem_and_exits_1(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(ALBERTSLUND.read_text().replace('domain = "production"', 'domain = "prod"'))
    code, _out, err = run("check", str(broken))
    assert code == 1
    lines = err.strip().splitlines()
    assert lines == [
        f"{broken}:forum[DIF].domain: is 'prod'; use one of 'production', 'reflection' or 'dialogue'",
        f"{broken}:forum[CF].domain: is 'prod'; use one of 'production', 'reflection' or 'dialogue'",
    ]


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file; check the path"),
        (b"\xff\xfe format", "is not UTF-8 text; save the file as UTF-8"),
    ],
)
def test_check_explains_unreadable_files(tmp_path, content, message):
    path = tmp_path / "charter.toml"
    if content is not None:
        path.write_bytes(content)
    code, _out, err = run("check", str(path))
    assert code == 1
    assert err.strip() == f"{path}: {message}"


@pytest.mark.django_db
def test_export_load_export_is_identical(tmp_path):
    code, first, _err = run("export", "albertslund")
    assert code == 0
    exported = tmp_path / "albertslund.toml"
    exported.write_text(first, encoding="utf-8")
    code, out, _err = run("load", str(exported))
    assert code == 0
    assert "unchanged" in out
    assert run("export", "albertslund")[1] == first


@pytest.mark.django_db
def test_reload_of_an_edited_charter_updates_in_place(tmp_path):
    organisation = Organisation.objects.get(slug="albertslund")
    cf = Forum.objects.get(organisation=organisation, short_name="CF")
    versions = Charter.objects.filter(organisation=organisation).count()
    edited = tmp_path / "edited.toml"
    edited.write_text(
        ALBERTSLUND.read_text().replace(
            'rrule = "FREQ=MONTHLY;BYDAY=1WE,3WE"', 'rrule = "FREQ=MONTHLY;BYDAY=2WE,4WE"'
        )
    )
    code, out, err = run("load", str(edited))
    assert code == 0, err
    assert "updated forums: CF" in out
    cf.refresh_from_db()
    assert cf.pk == Forum.objects.get(organisation=organisation, short_name="CF").pk
    assert cf.charter.rhythms[0].rrule == "FREQ=MONTHLY;BYDAY=2WE,4WE"
    assert Charter.objects.filter(organisation=organisation).count() == versions + 1
    assert "BYDAY=2WE,4WE" in run("export", "albertslund")[1]


@pytest.mark.django_db
def test_a_forum_left_out_is_kept_inactive(tmp_path):
    text = ALBERTSLUND.read_text()
    start = text.index("# --- 2. DIF Refleksion")
    end = text.index("# --- 3. Chefforum")
    edited = tmp_path / "edited.toml"
    edited.write_text(text[:start] + text[end:])
    code, out, _err = run("load", str(edited))
    assert code == 0
    assert "forums no longer in the charter (kept, inactive): DIF-R" in out
    reflection = Forum.objects.get(organisation__slug="albertslund", short_name="DIF-R")
    assert not reflection.active


@pytest.mark.django_db
def test_a_broken_charter_writes_nothing(tmp_path):
    before = (Charter.objects.count(), list(Forum.objects.values_list("spec", flat=True)))
    broken = tmp_path / "broken.toml"
    broken.write_text(ALBERTSLUND.read_text().replace('to = "LD"', 'to = "XX"'))
    code, _out, err = run("load", str(broken))
    assert code == 1
    assert "flow[4].to: names the forum 'XX'" in err
    assert (Charter.objects.count(), list(Forum.objects.values_list("spec", flat=True))) == before


@pytest.mark.django_db
def test_load_creates_a_new_municipality(tmp_path):
    text = (
        ALBERTSLUND.read_text()
        .replace('slug = "albertslund"', 'slug = "nyby"')
        .replace('name = "Albertslund Kommune"', 'name = "Nyby Kommune"')
    )
    path = tmp_path / "nyby.toml"
    path.write_text(text)
    code, out, _err = run("load", str(path))
    assert code == 0
    assert out.startswith("Nyby Kommune (nyby): created, charter version 1")
    assert Forum.objects.filter(organisation__slug="nyby").count() == 5


@pytest.mark.django_db
def test_export_of_an_unknown_municipality():
    code, _out, err = run("export", "atlantis")
    assert code == 1
    assert err.strip() == "atlantis: no such municipality (loaded: albertslund, vejen)"


def test_the_console_script_runs_the_command():
    script = Path(sys.executable).parent / "ledelsesfora"
    assert script.exists() or shutil.which("ledelsesfora")
    result = subprocess.run(
        [
            str(script if script.exists() else shutil.which("ledelsesfora")),
            "charter",
            "check",
            str(ALBERTSLUND),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "OK (Albertslund Kommune, 5 forums)" in result.stdout


@pytest.mark.django_db
def test_load_of_a_good_and_a_bad_file_loads_neither(tmp_path):
    """docs/decisions.md: loading several files is all or nothing."""
    good = tmp_path / "good.toml"
    good.write_text(VEJEN.read_text().replace("Vejen Kommune", "Vejen Kommune (ny)"))
    bad = tmp_path / "bad.toml"
    bad.write_text(ALBERTSLUND.read_text().replace('to = "LD"', 'to = "XX"'))
    code, out, err = run("load", str(good), str(bad))
    assert code == 1 and out == ""
    assert "Nothing was loaded" in err
    assert not Organisation.objects.filter(name="Vejen Kommune (ny)").exists()


@pytest.mark.django_db
def test_a_yes_for_true_is_refused_with_how_to_write_it(tmp_path):
    """docs/decisions.md: charter booleans are TOML's true and false, nothing else."""
    text = VEJEN.read_text()
    assert "member_input = true" in text
    yes = tmp_path / "yes.toml"
    yes.write_text(text.replace("member_input = true", 'member_input = "yes"'))
    code, _out, err = run("check", str(yes))
    assert code == 1
    assert 'member_input: must be true or false, without quotes (not "yes"' in err


@pytest.mark.django_db
def test_an_export_edited_after_someone_else_loaded_a_change_is_refused(tmp_path):
    """Two secretaries export the same version; the first loads her change; the second's file,
    exported before it, is refused, naming the later version, and nothing of hers or the first
    one's is lost. Exported again, her change loads on top."""
    organisation = Organisation.objects.get(slug="albertslund")
    exported = run("export", "albertslund")[1]
    version = Charter.objects.current(organisation).version
    assert f"format = 1\nbased_on = {version}\n" in exported
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text(exported.replace('"FREQ=MONTHLY;BYDAY=1WE,3WE"', '"FREQ=MONTHLY;BYDAY=2WE"'))
    second.write_text(exported.replace("Direktørforum", "Direktørforum X"))
    assert run("load", str(first))[0] == 0

    code, _out, err = run("load", str(second))
    assert code == 1
    assert f"second.toml:based_on: was exported from version {version} of albertslund's" in err
    assert f"but version {version + 1} was loaded since" in err
    assert "first.toml)" in err and "Nothing was loaded" in err
    assert Charter.objects.current(organisation).version == version + 1
    assert "Direktørforum X" not in run("export", "albertslund")[1]
    assert "Direktørforum X" in second.read_text()

    again = run("export", "albertslund")[1].replace("Direktørforum", "Direktørforum X")
    second.write_text(again)
    assert run("load", str(second))[0] == 0
    assert "BYDAY=2WE" in run("export", "albertslund")[1]  # the first change is kept too


@pytest.mark.django_db
def test_a_file_from_another_installation_says_how_to_load_it(tmp_path):
    foreign = tmp_path / "foreign.toml"
    text = VEJEN.read_text().replace('name = "Vejen Kommune"', 'name = "Vejen Kommune (test)"')
    foreign.write_text(text.replace("format = 1\n", "format = 1\nbased_on = 99\n", 1))
    code, _out, err = run("load", str(foreign))
    assert code == 1
    assert "says it was exported from version 99" in err and "remove the 'based_on' line" in err
    foreign.write_text(VEJEN.read_text().replace("format = 1\n", "format = 1\nbased_on = 0\n", 1))
    assert "based_on" in run("check", str(foreign))[2]
