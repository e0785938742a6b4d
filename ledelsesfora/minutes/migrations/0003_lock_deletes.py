"""On PostgreSQL (production) approved versions can neither be changed nor deleted, even
bypassing the application.

SQLite, the development default, keeps the update lock of 0002 but not this one: Django empties
an SQLite test database with DELETE statements in no fixed order, which a delete trigger would
refuse; PostgreSQL empties with TRUNCATE, which row triggers do not see."""

from django.db import migrations

POSTGRES_CREATE = """
CREATE TRIGGER minutes_version_undeletable BEFORE DELETE ON minutes_minutesversion
FOR EACH ROW EXECUTE FUNCTION minutes_version_locked();
"""
POSTGRES_DROP = "DROP TRIGGER IF EXISTS minutes_version_undeletable ON minutes_minutesversion;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("minutes", "0002_lock_approved_versions")]
    operations = [migrations.RunPython(create, drop)]
