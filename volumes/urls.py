from django.urls import path

from volumes import views

app_name = "volumes"
urlpatterns = [
    path("", views.index, name="index"),
    path("oppsett/", views.service_list, name="service_list"),
    path("oppsett/ny/", views.service_create, name="service_create"),
    path("oppsett/<int:pk>/", views.service_update, name="service_update"),
    path("tall/<int:pk>/historikk/", views.figure_history, name="figure_history"),
    path("<slug:slug>/", views.service_detail, name="service"),
    path("<slug:slug>/registrer/<int:year>/", views.grid, name="grid"),
]
