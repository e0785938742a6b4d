"""On PostgreSQL: the words of each row by their Danish stems, title weighted above body, kept
by the database (a generated column) and found through a GIN index. SQLite has no text search
of this kind and searches without them (ledelsesfora/search/finding.py)."""

from django.db import migrations

ADD = """
ALTER TABLE search_entry ADD COLUMN vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('danish'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('danish'::regconfig, coalesce(body, '')), 'B')
) STORED;
CREATE INDEX search_vector ON search_entry USING gin (vector);
"""
DROP = "DROP INDEX IF EXISTS search_vector; ALTER TABLE search_entry DROP COLUMN IF EXISTS vector;"


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add, drop)]
