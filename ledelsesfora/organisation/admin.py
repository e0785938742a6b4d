"""The administrator's screens for the organisation (Django admin, as the issue allows).

A municipality's own administrator (staff, not superuser) sees and edits only their municipality.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from ledelsesfora.organisation.models import Organisation, Person, Position, PositionType, Unit


class OwnMunicipalityAdmin(admin.ModelAdmin):
    """Scopes lists, lookups and new rows to the administrator's own municipality."""

    organisation_path = "organisation"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{self.organisation_path: request.user.organisation_id})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if request.user.is_superuser:
            return field
        model = db_field.related_model
        if model is Organisation:
            field.queryset = field.queryset.filter(pk=request.user.organisation_id)
        elif any(f.name == "organisation" for f in model._meta.fields) or model is Person:
            field.queryset = field.queryset.filter(organisation_id=request.user.organisation_id)
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

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions", "groups"]
        return readonly


@admin.register(Position)
class PositionAdmin(OwnMunicipalityAdmin):
    organisation_path = "person__organisation"
    list_display = ["person", "position_type", "unit", "start", "end"]
    list_filter = ["position_type__key", "unit__kind"]
    search_fields = ["person__full_name", "unit__name"]
    autocomplete_fields = ["person", "unit"]
    list_select_related = ["person", "position_type", "unit"]
