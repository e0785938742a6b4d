from django.db import migrations, models


def first_row(apps, schema_editor):
    apps.get_model("revision", "Revision").objects.using(schema_editor.connection.alias).create(
        id=1, number=1
    )


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Revision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={"db_table": "ledelsesfora_revision"},
        ),
        migrations.RunPython(first_row, migrations.RunPython.noop),
    ]
