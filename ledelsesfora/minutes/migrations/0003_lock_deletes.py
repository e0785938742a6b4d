"""Approved versions can neither be changed nor deleted, even bypassing the application."""

from django.db import migrations

MESSAGE = "approved minutes are locked; record a correction as a new version"

# While its minutes exist, a version stays. (Emptying the whole database, as tests do between
# runs, removes the minutes first; on PostgreSQL that is a TRUNCATE, which row triggers ignore.)
SQLITE_CREATE = f"""
CREATE TRIGGER minutes_version_undeletable BEFORE DELETE ON minutes_minutesversion
WHEN EXISTS (SELECT 1 FROM minutes_minutes WHERE id = OLD.minutes_id)
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS minutes_version_undeletable;"

POSTGRES_CREATE = """
CREATE TRIGGER minutes_version_undeletable BEFORE DELETE ON minutes_minutesversion
FOR EACH ROW EXECUTE FUNCTION minutes_version_locked();
"""
POSTGRES_DROP = "DROP TRIGGER IF EXISTS minutes_version_undeletable ON minutes_minutesversion;"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)
    else:
        raise RuntimeError(f"no lock on approved minutes for the {vendor} database")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    schema_editor.execute(SQLITE_DROP if vendor == "sqlite" else POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("minutes", "0002_lock_approved_versions")]
    operations = [migrations.RunPython(create, drop)]
