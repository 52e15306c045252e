from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("arkiv/", views.archive, name="archive"),
    path("arkiv/<int:pk>/rapport.<str:fmt>", views.published_file, name="published_file"),
    path("oppsett/", views.kind_list, name="kind_list"),
    path("oppsett/<slug:kind>/", views.kind_update, name="kind_update"),
    path("oppsett/<slug:kind>/seksjoner/ny/", views.kind_section_add, name="kind_section_add"),
    path("oppsett/<slug:kind>/kapitler/nytt/", views.kind_chapter_add, name="kind_chapter_add"),
    path("oppsett/<slug:kind>/seksjoner/<int:pk>/", views.kind_section, name="kind_section"),
    path("oppsett/<slug:kind>/seksjoner/<int:pk>/tittel/", views.kind_section_title, name="kind_section_title"),
    path("<slug:kind>/velg/", views.choose, name="choose"),
    path("<slug:kind>/<str:period>/", views.preview, name="preview"),
    path("<slug:kind>/<str:period>/utkast.<str:fmt>", views.draft, name="draft"),
    path("<slug:kind>/<str:period>/kommentar/<str:key>/", views.commentary, name="commentary"),
    path("<slug:kind>/<str:period>/publiser/", views.publish, name="publish"),
]
