from django.urls import path

from kpi import views

app_name = "kpi"
urlpatterns = [
    # the målekart
    path("", views.index, name="index"),
    path("indikatorer/<int:pk>/", views.indicator_detail, name="indicator"),
    path("resultater/<int:pk>/historikk/", views.result_history, name="result_history"),
    path("registrer/", views.result_entry, name="result_entry"),
    # key figures
    path("nokkeltall/", views.key_figures, name="key_figures"),
    path("nokkeltall/<int:pk>/", views.key_figure_detail, name="key_figure"),
    path("nokkeltall/registrer/", views.key_figure_entry, name="key_figure_entry"),
    path("nokkeltall/verdier/<int:pk>/historikk/", views.key_figure_value_history, name="key_figure_value_history"),
    # strategies, theme plans and measures
    path("strategi/", views.strategy, name="strategy"),
    path("strategi/temaplaner/<int:pk>/", views.theme_plan_detail, name="theme_plan"),
    path("strategi/status/", views.measure_status_entry, name="measure_status_entry"),
    path("strategi/status/<int:pk>/historikk/", views.measure_status_history, name="measure_status_history"),
    # administrators' screens
    path("forvaltning/", views.manage, name="manage"),
    path("forvaltning/perspektiver/ny/", views.perspective_create, name="perspective_create"),
    path("forvaltning/perspektiver/<int:pk>/", views.perspective_update, name="perspective_update"),
    path("forvaltning/indikatorer/ny/", views.indicator_create, name="indicator_create"),
    path("forvaltning/indikatorer/<int:pk>/", views.indicator_update, name="indicator_update"),
    path("forvaltning/indikatorer/<int:pk>/grenser/ny/", views.band_create, name="band_create"),
    path("forvaltning/grenser/<int:pk>/", views.band_update, name="band_update"),
    path("forvaltning/grenser/<int:pk>/slett/", views.band_delete, name="band_delete"),
    path("forvaltning/nokkeltall/ny/", views.key_figure_create, name="key_figure_create"),
    path("forvaltning/nokkeltall/<int:pk>/", views.key_figure_update, name="key_figure_update"),
    path("forvaltning/strategier/ny/", views.strategy_create, name="strategy_create"),
    path("forvaltning/strategier/<int:pk>/", views.strategy_update, name="strategy_update"),
    path("forvaltning/temaplaner/ny/", views.theme_plan_create, name="theme_plan_create"),
    path("forvaltning/temaplaner/<int:pk>/", views.theme_plan_update, name="theme_plan_update"),
    path("forvaltning/tiltak/ny/", views.measure_create, name="measure_create"),
    path("forvaltning/tiltak/<int:pk>/", views.measure_update, name="measure_update"),
]
