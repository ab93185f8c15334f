from django.conf import settings
from django.contrib import admin
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .models import Vote

SUMMARY_ROWS = 100


class LanguageFilter(admin.SimpleListFilter):
    title = _("language")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return settings.LANGUAGES

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(language=self.value())
        return queryset


def helpfulness_summary(votes, limit=SUMMARY_ROWS):
    """Rows for the admin's summary table: article, language, counts and share of yes,
    most answered first. Two queries, whatever the number of answers."""
    rows = list(votes.helpfulness()[:limit])
    articles = Article.objects.in_bulk({row["article_id"] for row in rows})
    for row in rows:
        row["article"] = articles.get(row["article_id"])
        row["language_name"] = dict(settings.LANGUAGES).get(row["language"], row["language"])
        row["no"] = row["total"] - row["yes"]
        row["share"] = round(100 * row["yes"] / row["total"])
    return rows


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Readers' answers: read-only (editors have the view permission). Above the list,
    the counts per article and language for the answers the filters select."""

    list_display = ["article", "language_display", "helpful", "short_comment", "created_at"]
    list_filter = [LanguageFilter, "helpful", "created_at"]
    list_select_related = ["article"]
    date_hierarchy = "created_at"
    search_fields = ["comment"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("language"), ordering="language")
    def language_display(self, vote):
        return vote.language_name

    @admin.display(description=_("comment"))
    def short_comment(self, vote):
        return truncatechars(vote.comment, 120)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:  # not a redirect after a bulk action
            response.context_data["summary"] = helpfulness_summary(changelist.queryset)
        return response
