from django.urls import path

from kpi import views

app_name = "kpi"
urlpatterns = [
    path("", views.index, name="index"),
]
