"""Login throttling (django-axes): what a locked-out editor sees.

Failed logins are counted per account and per address (settings: AXES_*);
past the limit, even the right password is refused until the cool-off ends.
The check runs before the password is hashed, so a locked-out attacker costs
the server a lookup, not a hash.
"""

from django.conf import settings
from django.shortcuts import render


def locked_out(request, original_response=None, credentials=None):
    """The admin's login page, with the lockout explained in the editor's language."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "title": None, "site_header": None}
    return render(request, "admin/editorial/locked_out.html", context, status=429)
