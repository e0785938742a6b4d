"""The database's revision: one number that every committed write raises.

A page remembered under the revision it was made at (ledelsesfora.pagecache) stays true until
the number moves. The number lives in the database, so every app server sharing it sees a
write made on any of them at its next request. Writes are noticed where SQL leaves Django — an
execute wrapper on every connection — so no operation, signal or bulk update can forget to
raise it: any INSERT, UPDATE or DELETE (sessions aside, which no page shows) raises the number
once its transaction commits, or at once outside a transaction.
"""
