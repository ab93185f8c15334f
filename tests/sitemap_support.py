"""Reading the sitemaps as a crawler does: the index, then every page it lists."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _get(client, url):
    parts = urlsplit(url)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response.status_code == 200, url
    return ET.fromstring(response.content)  # noqa: S314 (the site's own XML)


def sitemap_pages(client):
    """The URLs of the sitemaps /sitemap.xml lists."""
    index = _get(client, "/sitemap.xml")
    return [entry.findtext(f"{SITEMAP}loc") for entry in index.findall(f"{SITEMAP}sitemap")]


def sitemap_locations(client):
    """Every <loc> of every sitemap page of the index, in order, repeats included."""
    return [
        url.findtext(f"{SITEMAP}loc")
        for page in sitemap_pages(client)
        for url in _get(client, page).findall(f"{SITEMAP}url")
    ]


def sitemap_urls(client):
    """{location: <url> element} over every sitemap page of the index."""
    urls = {}
    for page in sitemap_pages(client):
        for url in _get(client, page).findall(f"{SITEMAP}url"):
            urls[url.findtext(f"{SITEMAP}loc")] = url
    return urls
