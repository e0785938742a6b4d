"""The administrator's view of security: the log, searchable per person and per object, and the
logins that are locked after failed attempts, with a way to unlock them. Each municipality's
administrator sees only its own people's entries; a superuser sees all."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ledelsesfora.organisation.admin import RecordAdmin
from ledelsesfora.organisation.models import Person
from ledelsesfora.security.log import Kind, record
from ledelsesfora.security.models import Event


@admin.register(Event)
class EventAdmin(RecordAdmin):
    list_display = ["at", "kind", "username", "address", "object_kind", "object_id", "path"]
    list_filter = ["kind", "object_kind", "organisation"]
    # Per person (login or name), per object (its number) and by what was searched or opened.
    search_fields = ["username", "person__full_name", "object_id", "terms", "path"]
    search_help_text = _("A login, a name, an object's number, search terms or an address.")
    date_hierarchy = "at"
    list_select_related = ["person"]

    def has_delete_permission(self, request, obj=None):
        return False  # the log is deleted by its retention only


@admin.register(AccessAttempt)
class LockedLoginAdmin(admin.ModelAdmin):
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    readonly_fields = ["username", "ip_address", "failures_since_start", "attempt_time"]
    fields = readonly_fields
    actions = ["unlock"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        own = Person.objects.filter(organisation_id=request.user.organisation_id)
        return queryset.filter(username__in=own.values("username"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Unlock the selected logins"), permissions=["delete"])
    def unlock(self, request, queryset):
        usernames = sorted(set(queryset.values_list("username", flat=True)))
        for username in usernames:
            reset(username=username)
            record(request, Kind.UNLOCKED, username=username)
        count = len(usernames)
        self.message_user(
            request,
            ngettext("%(count)d login unlocked.", "%(count)d logins unlocked.", count)
            % {"count": count},
            messages.SUCCESS,
        )
