"""A meeting's working group is now forums.WorkingGroup: the same table, so state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0005_no_deadlines_for_meetings_not_held"),
        ("forums", "0003_workinggroup"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="meeting",
                    name="working_group",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Set when a working group of the forum meets on its own.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="meetings",
                        to="forums.workinggroup",
                    ),
                )
            ]
        )
    ]
