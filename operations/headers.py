"""Response headers and methods for every page: CSP per area, Permissions-Policy,
and no OPTIONS or TRACE (the site offers no cross-origin API)."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponseNotAllowed


def _in_admin(request):
    return request.path_info.startswith("/admin/")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("OPTIONS", "TRACE"):
            allowed = ["GET", "HEAD", "POST"] if _in_admin(request) else ["GET", "HEAD"]
            response = HttpResponseNotAllowed(allowed)
        else:
            response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class AreaCSPMiddleware(CSPMiddleware):
    """The public site's strict policy (CONTENT_SECURITY_POLICY), or under
    /admin/ the admin's (ADMIN_CONTENT_SECURITY_POLICY), which its widgets need."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and _in_admin(request):
            return PolicyParts(
                settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"],
                parts.update,
                parts.replace,
                parts.nonce,
            )
        return parts
