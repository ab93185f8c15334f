"""The Editors group: exactly the permissions to manage the content.

``setup_editors`` (and every ``migrate``, through a post_migrate hook) makes the
group match ``EDITOR_PERMISSIONS``; ``create_editor`` adds a staff account to it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS_GROUP = "Editors"

ACTIONS = ("add", "change", "delete", "view")

# (app label, model, actions): the content and the termbase, which editors
# manage fully, and the searches that found nothing and readers' answers to
# "was this helpful?", which they read to see what readers miss.
EDITOR_MODELS = [
    ("articles", "article", ACTIONS),
    ("articles", "opinion", ACTIONS),
    ("articles", "block", ACTIONS),
    ("articles", "person", ACTIONS),
    ("articles", "question", ACTIONS),
    ("search", "zeroresultquery", ("view",)),
    ("terminology", "term", ACTIONS),
    ("feedback", "vote", ("view",)),  # readers' answers: read, never edited
]


def editor_permission_codes():
    return {
        (app_label, f"{action}_{model}")
        for app_label, model, actions in EDITOR_MODELS
        for action in actions
    }


def editor_permissions():
    wanted = editor_permission_codes()
    candidates = Permission.objects.filter(
        content_type__app_label__in={app for app, _, _ in EDITOR_MODELS},
        content_type__model__in={model for _, model, _ in EDITOR_MODELS},
    ).select_related("content_type")
    return [p for p in candidates if (p.content_type.app_label, p.codename) in wanted]


@transaction.atomic
def setup_editors_group():
    """Create or repair the group; returns (group, created, changed)."""
    group, created = Group.objects.get_or_create(name=EDITORS_GROUP)
    wanted = {p.pk for p in editor_permissions()}
    current = set(group.permissions.values_list("pk", flat=True))
    changed = wanted != current
    if changed:
        group.permissions.set(wanted)
    return group, created, changed


def ensure_editors_group_after_migrate(sender, using="default", **kwargs):
    # Called after each app's migrations; auth creates an app's permissions
    # first, so the group is set once every permission it needs exists.
    if using != "default":
        return
    if len(editor_permissions()) == len(editor_permission_codes()):
        setup_editors_group()
