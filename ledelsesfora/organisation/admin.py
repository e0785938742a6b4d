"""The administrator's screens for the organisation (Django admin, as the issue allows).

A municipality's own administrator (staff, not superuser) sees and edits only their municipality:
never another municipality's rows, never a person without a municipality, never a superuser or
another administrator, and cannot make anyone staff or superuser. A superuser sees everything.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from ledelsesfora.organisation.models import Organisation, Person, Position, PositionType, Unit


class OwnMunicipalityAdmin(admin.ModelAdmin):
    """Scopes lists, lookups and new rows to the administrator's own municipality."""

    organisation_path = "organisation"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        if request.user.organisation_id is None:
            return queryset.none()
        return queryset.filter(**{self.organisation_path: request.user.organisation_id})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return scoped(
            super().formfield_for_foreignkey(db_field, request, **kwargs), db_field, request
        )

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        return [f for f in filters if f != "organisation"]


class RecordAdmin(OwnMunicipalityAdmin):
    """A list of what the system recorded (mails, the security log): read, never added or
    edited by hand."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def scoped(field, db_field, request):
    """Limit a choice of related rows to the administrator's own municipality."""
    if field is None or request.user.is_superuser:
        return field
    model = db_field.related_model
    own = request.user.organisation_id
    if model is Organisation:
        field.queryset = field.queryset.filter(pk=own)
        field.required = True
        field.empty_label = None
    elif model is Person:
        field.queryset = field.queryset.filter(organisation_id=own, is_superuser=False)
    elif any(f.name == "organisation" for f in model._meta.fields):
        field.queryset = field.queryset.filter(organisation_id=own)
    return field


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "email", "phone"]
    search_fields = ["name", "slug"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk=request.user.organisation_id)


@admin.register(Unit)
class UnitAdmin(OwnMunicipalityAdmin):
    list_display = ["name", "kind", "parent", "organisation"]
    list_filter = ["kind", "organisation"]
    search_fields = ["name", "key"]
    list_select_related = ["parent", "organisation"]


@admin.register(PositionType)
class PositionTypeAdmin(OwnMunicipalityAdmin):
    list_display = ["title", "key", "staff_responsibility", "rank", "organisation"]
    list_filter = ["staff_responsibility", "organisation"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["unit"]
    fields = ["position_type", "unit", "title", "start", "end"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return scoped(
            super().formfield_for_foreignkey(db_field, request, **kwargs), db_field, request
        )


@admin.register(Person)
class PersonAdmin(OwnMunicipalityAdmin, UserAdmin):
    list_display = ["username", "full_name", "email", "organisation", "is_active"]
    list_filter = ["organisation", "is_active", "is_staff"]
    search_fields = ["username", "full_name", "email"]
    ordering = ["full_name"]
    inlines = [PositionInline]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "initials", "email", "organisation")}),
        (
            _("Access"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "full_name", "organisation", "password1", "password2")}),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None and not request.user.is_superuser:
            return ((None, {"fields": ("username", "full_name", "password1", "password2")}),)
        return fieldsets

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        # Other administrators and superusers are out of reach: no password resets on them.
        return queryset.filter(is_superuser=False).filter(
            models.Q(is_staff=False) | models.Q(pk=request.user.pk)
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "is_staff", "user_permissions", "groups", "organisation"]
        return readonly

    def save_model(self, request, obj, form, change):
        if not request.user.is_superuser:
            obj.organisation_id = request.user.organisation_id  # a new person joins one's own
        super().save_model(request, obj, form, change)


@admin.register(Position)
class PositionAdmin(OwnMunicipalityAdmin):
    organisation_path = "person__organisation"
    list_display = ["person", "position_type", "unit", "start", "end"]
    list_filter = ["position_type__key", "unit__kind"]
    search_fields = ["person__full_name", "unit__name"]
    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "position_type", "unit"]
