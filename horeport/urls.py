from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from horeport import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("rapporteringsstatus/", views.reporting_status, name="reporting_status"),
    path("rapporteringsstatus/status.xlsx", views.reporting_status_xlsx, name="reporting_status_xlsx"),
    path("tall-fra-excel/", views.bulk_index, name="bulk_index"),
    path("tall-fra-excel/mal.xlsx", views.bulk_template, name="bulk_template"),
    path("tall-fra-excel/<int:pk>/", views.bulk_preview, name="bulk_preview"),
    path("rapporteringsstatus/spurte-tall/<int:pk>/kontrollert/", views.flag_check, name="flag_check"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("logg-inn/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("passord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("passord/endret/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("logo", views.logo, name="logo"),
    path("innstillinger/", views.site_settings, name="site_settings"),
    path("innstillinger/virksomheter/", views.unit_list, name="unit_list"),
    path("innstillinger/virksomheter/ny/", views.unit_create, name="unit_create"),
    path("innstillinger/virksomheter/<int:pk>/", views.unit_update, name="unit_update"),
    path("innstillinger/laaste-perioder/", views.lock_list, name="lock_list"),
    path("innstillinger/laaste-perioder/ny/", views.lock_create, name="lock_create"),
    path("innstillinger/laaste-perioder/<int:pk>/laas-opp/", views.lock_unlock, name="lock_unlock"),
    path("innstillinger/grenser/", views.limit_list, name="limit_list"),
    path("innstillinger/grenser/ny/", views.limit_create, name="limit_create"),
    path("innstillinger/grenser/<int:pk>/", views.limit_update, name="limit_update"),
    path("innstillinger/grenser/<int:pk>/slett/", views.limit_delete, name="limit_delete"),
    path("innstillinger/brukere/", views.user_list, name="user_list"),
    path("innstillinger/brukere/ny/", views.user_create, name="user_create"),
    path("innstillinger/brukere/<int:pk>/", views.user_update, name="user_update"),
    path("innstillinger/brukere/<int:pk>/opphev-sperre/", views.user_unlock, name="user_unlock"),
    path("jobber/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobber/<int:pk>/status.json", views.job_status, name="job_status"),
    path("jobber/<int:pk>/fil", views.job_download, name="job_download"),
    path("malekart/", include("kpi.urls")),
    path("boliger/", include("waitlists.urls")),
    path("tjenester/", include("volumes.urls")),
    path("avvik/", include("deviations.urls")),
    path("klagesaker/", include("complaints.urls")),
    path("okonomi/", include("economy.urls")),
    path("rapporter/", include("reports.urls")),
    path("django-admin/", admin.site.urls),
]

handler400 = "horeport.errors.bad_request"
handler403 = "horeport.errors.permission_denied"
handler404 = "horeport.errors.page_not_found"
handler500 = "horeport.errors.server_error"
