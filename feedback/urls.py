from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("articles/<slug:slug>/feedback/", views.vote, name="vote"),
    path("articles/<slug:slug>/feedback/thanks/", views.thanks, name="thanks"),
]
