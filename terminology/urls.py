from django.urls import path

from reading.caching import cache_public_page as cached

from . import views

app_name = "terminology"

urlpatterns = [
    path("glossary/", cached(views.glossary), name="glossary"),
]
