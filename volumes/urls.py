from django.urls import path

from volumes import views

app_name = "volumes"
urlpatterns = [
    path("", views.index, name="index"),
]
