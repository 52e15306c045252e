from django.urls import path

from waitlists import views

app_name = "waitlists"
urlpatterns = [
    path("", views.index, name="index"),
]
