from django.urls import path

from economy import views

app_name = "economy"
urlpatterns = [
    path("", views.index, name="index"),
    path("okonomi.xlsx", views.overview_xlsx, name="overview_xlsx"),
    path("registrer/", views.entry_choose, name="entry_choose"),
    path("registrer/<int:year>/", views.entry, name="entry"),
    path("justeringer/ny/", views.adjustment_create, name="adjustment_create"),
    path("justeringer/<int:pk>/", views.adjustment_update, name="adjustment_update"),
    path("justeringer/<int:pk>/slett/", views.adjustment_delete, name="adjustment_delete"),
    path("justeringer/<int:pk>/historikk/", views.adjustment_history, name="adjustment_history"),
    path("rammer/<int:pk>/historikk/", views.frame_history, name="frame_history"),
    path("regnskap/<int:pk>/historikk/", views.accounts_history, name="accounts_history"),
    path("omrader/", views.area_list, name="area_list"),
    path("omrader/ny/", views.area_create, name="area_create"),
    path("omrader/<int:pk>/", views.area_update, name="area_update"),
]
