"""Approved minutes cannot be changed, even bypassing the application: the database itself
refuses an UPDATE of a stored version (Kommunestyrelsesloven §13 models corrections as new
versions with a reason, which is what `amend_minutes` writes)."""

from django.db import migrations

MESSAGE = "approved minutes are locked; record a correction as a new version"

SQLITE_CREATE = f"""
CREATE TRIGGER minutes_version_locked BEFORE UPDATE ON minutes_minutesversion
BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS minutes_version_locked;"

POSTGRES_CREATE = f"""
CREATE FUNCTION minutes_version_locked() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION '{MESSAGE}'; END
$$ LANGUAGE plpgsql;
CREATE TRIGGER minutes_version_locked BEFORE UPDATE ON minutes_minutesversion
FOR EACH ROW EXECUTE FUNCTION minutes_version_locked();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS minutes_version_locked ON minutes_minutesversion;
DROP FUNCTION IF EXISTS minutes_version_locked();
"""


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
    dependencies = [("minutes", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
