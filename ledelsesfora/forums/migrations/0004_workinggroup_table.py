"""The working groups' tables get the forums app's names."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0003_workinggroup"),
        ("agenda", "0002_working_group_moves_to_forums"),
    ]

    operations = [migrations.AlterModelTable(name="workinggroup", table=None)]
