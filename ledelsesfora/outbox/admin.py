"""The administrator sees the municipality's outgoing mail: what waits, what was sent, what was
given up and why, and can send waiting or given-up mails again now."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ledelsesfora.organisation.admin import RecordAdmin
from ledelsesfora.outbox.models import Mail
from ledelsesfora.outbox.sending import retry


@admin.register(Mail)
class MailAdmin(RecordAdmin):
    list_display = ["created_at", "to", "subject", "state", "attempts", "next_attempt_at"]
    list_filter = ["state", "organisation"]
    search_fields = ["to", "subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]

    @admin.action(description=_("Send the selected mails again"), permissions=["view"])
    def send_again(self, request, queryset):
        count = retry(queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d mail is due again and goes with the next sending round.",
                "%(count)d mails are due again and go with the next sending round.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
