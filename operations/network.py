"""Who is asking: the client's address, through the trusted proxies if any."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or behind PROXY_COUNT trusted proxies the address the
    outermost of them saw (the Nth-from-last X-Forwarded-For entry); a forged
    entry added by the client itself sits further left and is ignored."""
    proxies = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if proxies and len(hops) >= proxies:
        return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")
