"""Working groups move from the agenda app to the forums app, keeping their rows: this takes
over the existing table in Django's state only; 0004 renames it once agenda has let go."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0002_initial"),
        ("agenda", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="WorkingGroup",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("mode", models.CharField(max_length=50)),
                        ("title", models.CharField(max_length=200)),
                        ("task", models.TextField(blank=True)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "forum",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="working_groups",
                                to="forums.forum",
                            ),
                        ),
                        (
                            "members",
                            models.ManyToManyField(
                                related_name="working_groups", to=settings.AUTH_USER_MODEL
                            ),
                        ),
                    ],
                    options={"db_table": "agenda_workinggroup"},
                )
            ]
        )
    ]
