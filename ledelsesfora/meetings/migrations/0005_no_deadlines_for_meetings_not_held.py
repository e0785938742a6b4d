"""A skipped or cancelled meeting has neither a submission deadline nor a publication day."""

from django.db import migrations


def clear(apps, schema_editor):
    Meeting = apps.get_model("meetings", "Meeting")
    Meeting.objects.filter(status__in=["skipped", "cancelled"]).update(
        submission_deadline=None, deadline_time=None, publication=None, publication_time=None
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_meeting_online_link")]

    operations = [migrations.RunPython(clear, migrations.RunPython.noop)]
