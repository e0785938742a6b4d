from django.db import models


class Revision(models.Model):
    """One row (id 1): how many committed transactions have written to the database."""

    number = models.BigIntegerField(default=0)

    class Meta:
        db_table = "ledelsesfora_revision"

    def __str__(self) -> str:
        return str(self.number)
