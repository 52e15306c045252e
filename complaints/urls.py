from django.urls import path

from complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.index, name="index"),
    path("eksport.xlsx", views.export, name="export"),
    path("ny/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/endre/", views.update, name="update"),
    path("<int:pk>/slett/", views.delete, name="delete"),
    path("<int:pk>/historikk/", views.history, name="history"),
    path("statistikk/", views.statistics, name="statistics"),
    path("sakstyper/", views.case_type_list, name="casetype_list"),
    path("sakstyper/ny/", views.case_type_create, name="casetype_create"),
    path("sakstyper/<int:pk>/", views.case_type_update, name="casetype_update"),
    path("sakstyper/<int:pk>/slett/", views.case_type_delete, name="casetype_delete"),
]
