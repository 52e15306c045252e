from django.urls import path

from deviations import views

app_name = "deviations"
urlpatterns = [
    path("", views.index, name="index"),
    path("eksport.xlsx", views.export, name="export"),
    path("ny/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/endre/", views.update, name="update"),
    path("<int:pk>/slett/", views.delete, name="delete"),
    path("<int:pk>/historikk/", views.history, name="history"),
    path("statistikk/", views.statistics, name="statistics"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("kategorier/", views.category_list, name="category_list"),
    path("kategorier/ny/", views.category_create, name="category_create"),
    path("kategorier/<int:pk>/", views.category_update, name="category_update"),
    path("kategorier/<int:pk>/slett/", views.category_delete, name="category_delete"),
]
