"""Raise the revision after every committed write, whichever code wrote."""

from __future__ import annotations

import re

from django.db import DatabaseError

TABLE = "ledelsesfora_revision"
# Written on every login, every few minutes of use, every logged read of a closed item and every
# mail sent; nothing a remembered page shows depends on them.
UNWATCHED = frozenset(
    {
        TABLE,
        "django_session",
        "security_event",
        "security_sessionrecord",
        "security_submission",
        "axes_accessattempt",
        "outbox_mail",
    }
)
READS = (
    "SELECT",
    "SAVEPOINT",
    "RELEASE",
    "ROLLBACK",
    "BEGIN",
    "COMMIT",
    "SET",
    "SHOW",
    "PRAGMA",
    "EXPLAIN",
)
# What a request's connection holds until it first asks for the revision (ledelsesfora.revision.memo).
UNREAD = object()
TARGET = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def attach(sender, connection, **kwargs) -> None:
    """On each new connection (connection_created); once per connection object."""
    if watcher not in connection.execute_wrappers:
        connection.execute_wrappers.append(watcher)


def watcher(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if writes(sql):
        connection = context["connection"]
        if not connection.in_atomic_block:
            bump(connection)
        elif not pending(connection):

            def after_commit():
                bump(connection)

            after_commit.ledelsesfora_bump = True
            connection.on_commit(after_commit)
    return result


def writes(sql: str) -> bool:
    head = sql.lstrip()[:10].upper()
    if head.startswith(READS):
        return False
    target = TARGET.match(sql)
    return not (target and target.group(1).lower() in UNWATCHED)


def pending(connection) -> bool:
    """Whether this connection's open transaction has written and will raise the revision when
    it commits. Until then it sees its own writes and no remembered page may stand in for them."""
    return any(getattr(call, "ledelsesfora_bump", False) for _, call, _ in connection.run_on_commit)


def bump(connection) -> None:
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {TABLE} SET number = number + 1 WHERE id = 1")
            if cursor.rowcount == 0:
                cursor.execute(f"INSERT INTO {TABLE} (id, number) VALUES (1, 1)")
        if getattr(connection, "ledelsesfora_revision", None) is not None:
            connection.ledelsesfora_revision = UNREAD
    except DatabaseError:
        # Only before the table exists (during `migrate`); a page remembered then lives no
        # longer than its minute anyway (ledelsesfora.pagecache).
        pass


def current(connection) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT number FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0
