from django.urls import path

from waitlists import views

app_name = "waitlists"
urlpatterns = [
    path("", views.index, name="index"),
    path("boligtyper/", views.type_list, name="type_list"),
    path("boligtyper/ny/", views.type_create, name="type_create"),
    path("boligtyper/<int:pk>/", views.type_detail, name="type_detail"),
    path("boligtyper/<int:pk>/endre/", views.type_update, name="type_update"),
    path("tall/ny/", views.figure_create, name="figure_create"),
    path("tall/maned/", views.month_entry, name="month_entry"),
    path("tall/<int:pk>/", views.figure_update, name="figure_update"),
    path("tall/<int:pk>/slett/", views.figure_delete, name="figure_delete"),
    path("tall/<int:pk>/historikk/", views.figure_history, name="figure_history"),
    path("saker/", views.case_list, name="case_list"),
    path("saker/ny/", views.case_create, name="case_create"),
    path("saker/<int:pk>/", views.case_update, name="case_update"),
    path("saker/<int:pk>/slett/", views.case_delete, name="case_delete"),
    path("saker/<int:pk>/historikk/", views.case_history, name="case_history"),
    path("privat/", views.private_housing, name="private_housing"),
    path("privat/ny/", views.private_figure_create, name="private_figure_create"),
    path("privat/<int:pk>/", views.private_figure_update, name="private_figure_update"),
    path("privat/<int:pk>/slett/", views.private_figure_delete, name="private_figure_delete"),
    path("privat/<int:pk>/historikk/", views.private_figure_history, name="private_figure_history"),
    path("privat/nokkeltall/", views.key_figure_list, name="key_figure_list"),
    path("privat/nokkeltall/ny/", views.key_figure_create, name="key_figure_create"),
    path("privat/nokkeltall/<int:pk>/", views.key_figure_update, name="key_figure_update"),
]
