"""Working groups now live in the forums app (forums 0003): agenda lets go of the model in
Django's state; the table and its rows stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0001_initial"),
        ("forums", "0003_workinggroup"),
        ("meetings", "0006_working_group_in_forums"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="WorkingGroup")]
        )
    ]
