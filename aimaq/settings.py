"""Aimaq settings: one file, driven by environment variables with safe defaults."""

import contextlib
import os
import re
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import leaflet as xstatic_leaflet

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("AIMAQ_DEBUG", False)


def secret_key() -> str:
    """AIMAQ_SECRET_KEY, or a random key made once and kept in var/secret_key (mode 600)."""
    if key := os.environ.get("AIMAQ_SECRET_KEY"):
        return key
    path = Path(os.environ.get("AIMAQ_SECRET_KEY_FILE", BASE_DIR / "var" / "secret_key"))
    path.parent.mkdir(parents=True, exist_ok=True)
    try:  # O_EXCL: of two processes starting at once, one writes and both read its key
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as new_file:
            new_file.write(secrets.token_urlsafe(50))
    except FileExistsError:
        pass
    return path.read_text().strip()


SECRET_KEY = secret_key()

ALLOWED_HOSTS = env_list("AIMAQ_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("AIMAQ_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "aimaq.core.admin_site.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "ninja",
    "simple_history",
    "aimaq.core.vendor_apps.AxesConfig",
    "aimaq.core",
    "aimaq.territories",
    "aimaq.accounts",
    "aimaq.indicators",
    "aimaq.plans",
    "aimaq.grants",
    "aimaq.participation",
    "aimaq.portal",
    # After `aimaq.core`, whose `db_worker` (a worker that outlives a locked database)
    # takes the place of the package's command of the same name.
    "django_tasks",
    "aimaq.core.vendor_apps.TasksDatabaseConfig",
]

MIDDLEWARE = [
    # First, so that its headers reach every response, WhiteNoise's static files included.
    "aimaq.core.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A visitor's public pages carry an ETag tied to the data version (indicators/caching.py);
    # before the session middleware, so it sees their responses last.
    "aimaq.indicators.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A write that meets the embedded database locked by a long import: 503 "try again".
    "aimaq.core.busy.DatabaseBusyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Figures awaiting approval are seen only by officials in scope (indicators/visibility.py).
    "aimaq.indicators.visibility.FigureVisibilityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "aimaq.urls"
# Forms draw themselves with core's accessible templates (label, required mark, help, errors).
FORM_RENDERER = "aimaq.core.forms.FormRenderer"
WSGI_APPLICATION = "aimaq.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "aimaq.core.context_processors.site",
            ],
        },
    }
]

# SQLite (WAL, see aimaq.core.apps) unless DATABASE_URL names another server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{os.environ.get('AIMAQ_SQLITE_PATH', BASE_DIR / 'var' / 'aimaq.sqlite3')}",
        conn_max_age=int(os.environ.get("AIMAQ_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections (kept AIMAQ_DB_CONN_MAX_AGE seconds) are safe on SQLite in WAL
    # mode: Django keeps one connection per thread and never shares it; between requests a
    # connection is in autocommit with no transaction open, so it holds no lock and pins no
    # WAL snapshot (writers and checkpoints go on); a connection an error left unusable is
    # closed at the end of its request, and checked before reuse (CONN_HEALTH_CHECKS); a
    # migration's schema change makes SQLite prepare statements again by itself. It saves
    # opening the file and the PRAGMAs below on every request (25–60 % of a small page's
    # CPU). Not safe only if the database file is replaced on disk (a restore by moving a
    # file): the kept connections still read the old one, so restart the server after it.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("AIMAQ_DB_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            # How long a write waits for another one (a long import) to finish, in seconds,
            # before the person gets the "busy, try again" page (aimaq.core.busy).
            "timeout": float(os.environ.get("AIMAQ_SQLITE_TIMEOUT", "20")),
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                "PRAGMA mmap_size=268435456; PRAGMA cache_size=-65536;"
            ),
        }
    )
# Expensive reads (pivot totals, coverage, values computed from below) are kept per process,
# keyed by the data version (aimaq/indicators/readcache.py); set AIMAQ_CACHE_ENTRIES lower on
# a small server (an entry is one indicator's series for one unit, well under 1 KB).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("AIMAQ_CACHE_ENTRIES", "200000"))},
    },
    # Rendered profile files a visitor downloads (up to about a megabyte each), kept by the
    # data version like the reads above, in a cache of their own so they stay few.
    "documents": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "documents",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("AIMAQ_DOCUMENT_CACHE_ENTRIES", "32"))},
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Rate-limited sign-in: a username+address pair is locked out after AXES_FAILURE_LIMIT tries.
AXES_FAILURE_LIMIT = int(os.environ.get("AIMAQ_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AIMAQ_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AIMAQ_AXES_ENABLED", True)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("AIMAQ_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 60 * 60 * 12
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Optional background tiles for maps (a local tile server); empty: no tiles, no external request.
AIMAQ_TILE_URL = os.environ.get("AIMAQ_TILE_URL", "")
AIMAQ_TILE_ATTRIBUTION = os.environ.get("AIMAQ_TILE_ATTRIBUTION", "")
# Leaflet's {s} subdomain placeholder becomes a CSP wildcard host.
_tile_origin = re.sub(
    r"\{s\}\.", "*.", "/".join(AIMAQ_TILE_URL.split("/")[:3]) if "://" in AIMAQ_TILE_URL else ""
)

# Scripts only from our own static files (no inline handlers, no CDN). Styles may be inline
# attributes: Leaflet and a few templates set them. Images may be data: URLs (map exports).
CONTENT_SECURITY_POLICY = os.environ.get(
    "AIMAQ_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data: blob: {_tile_origin}; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
)
# Every other response gets a policy too (aimaq.core.middleware): a file opened on its own
# in the browser (an SVG chart, JSON, CSV, a spreadsheet) must not be able to run anything,
# even if a name in it slipped through escaping. SVG keeps its inline presentation styles and
# data: images; PDF is not sandboxed, because Chromium's viewer refuses sandboxed PDFs.
CONTENT_SECURITY_POLICY_DEFAULT = "default-src 'none'; frame-ancestors 'none'; sandbox"
CONTENT_SECURITY_POLICY_BY_TYPE = {
    "image/svg+xml": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        "frame-ancestors 'none'; sandbox"
    ),
    "application/pdf": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
}

LANGUAGE_CODE = os.environ.get("AIMAQ_LANGUAGE", "ru")
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LOCALE_PATHS = [
    # Our own strings (bin/i18n extracts them; makemessages prunes what the code lost).
    Path(os.environ.get("AIMAQ_LOCALE_PATH", BASE_DIR / "locale")),
    # What Django and the installed packages lack in Kazakh and Russian; built by
    # `python -m aimaq.core.vendor_catalogs`, never pruned by makemessages.
    BASE_DIR / "locale_vendor",
]
FORMAT_MODULE_PATH = ["aimaq.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("AIMAQ_TIME_ZONE", "Asia/Almaty")

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("AIMAQ_STATIC_ROOT", BASE_DIR / "var" / "static"))
with contextlib.suppress(OSError):  # WhiteNoise warns at start-up when it is missing
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [("leaflet", xstatic_leaflet.BASE_DIR)]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Not the manifest storage: pages must render in tests without a collectstatic run.
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = Path(os.environ.get("AIMAQ_MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Attachments (photos, scans, application documents): checked by content, images re-encoded.
AIMAQ_ATTACHMENT_MAX_BYTES = int(os.environ.get("AIMAQ_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))
AIMAQ_IMAGE_MAX_PIXELS = int(os.environ.get("AIMAQ_IMAGE_MAX_PIXELS", 40_000_000))
# Notifications: a sender per channel (dotted paths); see aimaq/core/notifications.
AIMAQ_NOTIFICATION_SENDERS = {
    "email": os.environ.get("AIMAQ_EMAIL_SENDER", "aimaq.core.notifications.senders.EmailSender"),
    "sms": os.environ.get("AIMAQ_SMS_SENDER", "aimaq.core.notifications.senders.ConsoleSender"),
}
EMAIL_BACKEND = os.environ.get(
    "AIMAQ_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("AIMAQ_FROM_EMAIL", "aimaq@localhost")

TASKS = {
    "default": {
        "BACKEND": os.environ.get("AIMAQ_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused request (403) is an answer, not a crash: one line, no traceback.
    "filters": {
        "refusals_in_one_line": {"()": "aimaq.core.logs.RefusalsInOneLine"},
        # An exception's text may quote personal data: its class and frames are logged.
        "without_exception_text": {"()": "aimaq.core.logs.WithoutExceptionText"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["without_exception_text"]}
    },
    "loggers": {"django.request": {"filters": ["refusals_in_one_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("AIMAQ_LOG_LEVEL", "WARNING")},
}

AIMAQ_SITE_NAME = _("Aimaq")

# Background jobs (aimaq.core.jobs) and tabular imports (aimaq.core.tabular). -------------
# A running or queued job with no sign of life for this long, whose worker process is gone,
# may be run again; a queued job waiting this long makes its page ask whether a worker runs.
AIMAQ_JOB_STALLED_AFTER = int(os.environ.get("AIMAQ_JOB_STALLED_AFTER", str(15 * 60)))  # seconds
AIMAQ_JOB_WORKER_LATE_AFTER = int(os.environ.get("AIMAQ_JOB_WORKER_LATE_AFTER", "120"))  # seconds
# Limits every tabular import is held to (aimaq.core.tabular.limits), each refused with a
# message before the work it protects: upload size, a workbook's unpacked size and
# compression ratio, rows per file, characters per cell.
AIMAQ_IMPORT_MAX_UPLOAD_MB = float(os.environ.get("AIMAQ_IMPORT_MAX_UPLOAD_MB", "100"))
AIMAQ_IMPORT_MAX_UNPACKED_MB = float(os.environ.get("AIMAQ_IMPORT_MAX_UNPACKED_MB", "512"))
AIMAQ_IMPORT_MAX_RATIO = float(os.environ.get("AIMAQ_IMPORT_MAX_RATIO", "100"))
AIMAQ_IMPORT_MAX_ROWS = int(os.environ.get("AIMAQ_IMPORT_MAX_ROWS", "20000000"))
AIMAQ_IMPORT_MAX_CELL_CHARS = int(os.environ.get("AIMAQ_IMPORT_MAX_CELL_CHARS", "2000"))
# Files of uploads refused, failed or never confirmed are deleted after this many days by
# `manage.py delete_import_files` (run daily); files of written imports are kept.
AIMAQ_IMPORT_KEEP_UNWRITTEN_DAYS = float(os.environ.get("AIMAQ_IMPORT_KEEP_UNWRITTEN_DAYS", "7"))
# Memory the bulk check of an import (DuckDB) holds before it spills to a temporary folder.
AIMAQ_IMPORT_WORK_MEMORY_MB = float(os.environ.get("AIMAQ_IMPORT_WORK_MEMORY_MB", "256"))
