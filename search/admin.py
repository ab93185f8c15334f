from django.contrib import admin

from .models import ZeroResultQuery


@admin.register(ZeroResultQuery)
class ZeroResultQueryAdmin(admin.ModelAdmin):
    """Searches that found nothing, most frequent first: read-only for editors
    (with the view permission); they may delete entries they have dealt with."""

    list_display = ["query", "language", "count", "first_seen", "last_seen"]
    list_filter = ["language"]
    search_fields = ["query"]
    ordering = ["-count", "-last_seen"]
    date_hierarchy = "last_seen"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
