"""Settings for horeport, read from the environment (docs/operations.md, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)
# The fallback key is public, so it is for development only: without DEBUG the key must be set,
# or sessions, CSRF tokens and password reset links could be forged by anyone who reads this file.
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY to a long random value in production "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'), or DEBUG=1 for development."
        )
    SECRET_KEY = "django-insecure-horeport-development-only"
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

# History is kept and shown; restoring an old version through the admin would pass by the
# version check of the write path (it saves a stale copy), so it is switched off.
SIMPLE_HISTORY_REVERT_DISABLED = True

INSTALLED_APPS = [
    "horeport.apps.HoreportAdminConfig",  # django.contrib.admin, for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_tables2",
    "django_filters",
    "simple_history",
    "axes",
    "django_tasks_db",
    "horeport",
    "kpi",
    "waitlists",
    "volumes",
    "deviations",
    "complaints",
    "economy",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "horeport.errors.ErrorPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "horeport.urls"
WSGI_APPLICATION = "horeport.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "horeport.context_processors.site",
            ],
            "builtins": ["horeport.templatetags.nb"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "horeport.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "horeport.passwords.NorwegianCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed sign-ins (django-axes, horeport/logins.py): a user name is locked out from one address
# after LOGIN_FAILURE_LIMIT failures within LOGIN_LOCKOUT_MINUTES, until that time has passed
# or an administrator lifts the lock (Innstillinger → Brukere).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "horeport.logins.lockout_response"
AXES_CLIENT_IP_CALLABLE = "horeport.logins.client_address"
AXES_VERBOSE = False

# Norwegian bokmål, Norwegian time, decimal comma, non-breaking space between thousands,
# dates as 31.12.2016 (horeport/formats/nb/formats.py).
# Email (the Registrators' reminders, `manage.py send_reminders`): SMTP with the EMAIL_* variables
# of the environment; in development (DEBUG) printed to the console unless EMAIL_BACKEND says otherwise.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
_email_backend = os.environ.get("EMAIL_BACKEND") or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else SMTP_BACKEND
)
MAILERS = {
    "default": {
        "BACKEND": _email_backend,
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": envint("EMAIL_PORT", 25),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": envbool("EMAIL_USE_TLS", False),
            "use_ssl": envbool("EMAIL_USE_SSL", False),
        }
        if _email_backend == SMTP_BACKEND
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "horeport@localhost")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")  # the links in the reminders

LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", "Norsk bokmål")]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["horeport.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / "media"

# Long work (register exports, report files, publishing, large imports) runs as a task of Django's
# tasks framework, on the database backend by default, run by `manage.py db_worker` beside the server
# (docs/operations.md, "Background work"). TASKS_BACKEND=rq puts the same tasks on RQ over the Redis
# server at REDIS_URL, run by `manage.py rqworker` on any number of hosts (README, "Several hosts").
# TASKS_BACKEND=immediate runs a task at once inside the request (for a quick look only).
# A job's file is kept JOB_RESULT_DAYS days, under JOB_ROOT, then pruned.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip() or "database"
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {TASKS_BACKEND!r}.")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if TASKS_BACKEND == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (for example redis://127.0.0.1:6379/0).")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
# The RQ queue of the tasks (used only with TASKS_BACKEND=rq); a job is kept in Redis for a day, the
# Job row and its file as long as JOB_RESULT_DAYS says.
RQ_QUEUES = {"default": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 6 * 60 * 60}}
RQ = {"DEFAULT_RESULT_TTL": 24 * 60 * 60}
JOB_RESULT_DAYS = envint("JOB_RESULT_DAYS", 7)
# A running job reports progress as it goes; one silent for longer than this (its worker died
# mid-job) is shown as failed, and ordering the same work again starts a new job.
JOB_STALE_SECONDS = envint("JOB_STALE_SECONDS", 15 * 60)
# A job still in the queue after this long says so on its page: perhaps no worker is running.
JOB_QUEUE_NOTICE_SECONDS = envint("JOB_QUEUE_NOTICE_SECONDS", 60)
JOB_ROOT = Path(os.environ.get("JOB_ROOT") or MEDIA_ROOT / "jobs")
# An export of at most this many rows is written at once in the request (the same code as the
# task); a larger one is a job with a progress page.
EXPORT_IMMEDIATE_ROWS = envint("EXPORT_IMMEDIATE_ROWS", 5_000)
# An import of at most this many rows (and 5 MB) is previewed and saved at once in the request; a
# larger one is kept on disk under JOB_ROOT/uploads and previewed and saved by jobs, read in
# chunks, up to IMPORT_MAX_ROWS rows and IMPORT_MAX_MB megabytes.
IMPORT_IMMEDIATE_ROWS = envint("IMPORT_IMMEDIATE_ROWS", 2_000)
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 1_000_000)
IMPORT_MAX_MB = envint("IMPORT_MAX_MB", 300)

# What pages keep between requests (the målekart's table, its filter form and period choices) is
# in one store that every web process and host shares and that outlives a restart, so that a
# process started after a deploy does not build it again: Redis with REDIS_URL, else a table of the
# database (created by a migration of kpi). Each process keeps what it read in its own memory too
# ("local"). Each kept copy is keyed by the version it shows, so a write makes a new key rather
# than a stale page (kpi/views.py).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "horeport",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "horeport_cache",
            "OPTIONS": {"MAX_ENTRIES": 2_000},
        }
    }
CACHES["local"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "horeport-local"}

# Security. Cookies are secure and HSTS is on unless DEBUG; redirecting to HTTPS is left to
# the proxy unless SECURE_SSL_REDIRECT is set (docs/operations.md, "Production").
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 8 * 60 * 60)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
# A load balancer's probe asks over plain HTTP and wants the answer, not a redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
if envbool("BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

CSRF_FAILURE_VIEW = "horeport.errors.csrf_failure"

FORM_RENDERER = "horeport.rendering.DesignsystemetRenderer"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
DJANGO_TABLES2_TEMPLATE = "horeport/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "ds-table", "data-border": "true"}

# Everything goes to standard error once, through the root logger. Django's own configuration gives
# the "django" logger a console handler of its own while DEBUG is on (every warning twice): here it
# has none and passes its records on to the root. The development server's request lines keep
# their own handler and timestamp, as in Django's defaults.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "level": LOG_LEVEL},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}
