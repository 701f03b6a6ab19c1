"""brokerdesk settings: one file, driven by environment variables (see README)."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


DEBUG = envbool("DEBUG", "False")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and os.environ.get("BROKERDESK_ALLOW_DEV_SECRET") != "1":
        raise RuntimeError("Set SECRET_KEY (or DEBUG=1 for development).")
    SECRET_KEY = "dev-only-insecure-secret-key-change-me-0123456789"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "brokerdesk.accounts",
    "brokerdesk.offices",
    "brokerdesk.catalogue",
    "brokerdesk.tariffs",
    "brokerdesk.clients",
    "brokerdesk.quotes",
    "brokerdesk.offers",
    "brokerdesk.submissions",
    "brokerdesk.notifications",
    "brokerdesk.audit",
    "brokerdesk.backoffice",
    "brokerdesk.support",
    "brokerdesk.operations",
    "brokerdesk.sites",
    "brokerdesk.privacy",
    "brokerdesk.security",
    "brokerdesk.api",
    "brokerdesk.documents",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # its documentation page with its own static files, not a CDN
]

MIDDLEWARE = [
    # First: accepts the configured insurer sites' hosts before anything reads the host.
    "brokerdesk.sites.middleware.InsurerSiteMiddleware",
    "brokerdesk.operations.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "brokerdesk.operations.middleware.SecurityHeadersMiddleware",
    # Before anything reads the body: a body over MAX_REQUEST_BYTES is refused unread.
    "brokerdesk.operations.middleware.RequestSizeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise: static files arrive precompressed, only pages are gzipped here.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Django's CSRF check, trusting the configured insurer sites' origins too.
    "brokerdesk.sites.middleware.SiteCsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "brokerdesk.accounts.middleware.UserLanguageMiddleware",
    "brokerdesk.operations.middleware.PrivatePagesMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Session lifetime and idle timeout, and the list of each user's sessions (README).
    "brokerdesk.security.middleware.SessionTrackingMiddleware",
    # After the password, the second factor (README, "Two-factor login").
    "brokerdesk.security.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # Turns an abuse limit reached anywhere below into the 429 page.
    "brokerdesk.operations.middleware.AbuseLimitMiddleware",
]

ROOT_URLCONF = "brokerdesk.urls"
WSGI_APPLICATION = "brokerdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "brokerdesk.offices.context_processors.office",
                "brokerdesk.sites.context_processors.insurer_site",
                "brokerdesk.notifications.context_processors.inbox",
            ],
        },
    }
]

VAR_DIR = BASE_DIR / "var"  # local state of a development install: database, mail, media
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'brokerdesk.sqlite3'}",
        # Persistent connections, checked before each request's first query: a web worker
        # survives a database restart by opening a new connection instead of failing.
        conn_max_age=envint("CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the worker writes; the busy timeout waits for the
    # other writer instead of failing at once with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on of the insurer sites; answers only the sites' callback, never a password.
    "brokerdesk.sites.sso.SiteOIDCBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("first_name", "last_name", "email")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 6},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 3600

# Failed logins are throttled per (normalised e-mail, client IP) for a cool-off period,
# never locked for good.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = envint("AXES_COOLOFF_MINUTES", "15") / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# The address is keyed stripped and in lower case, as the account lookup ignores both.
AXES_USERNAME_CALLABLE = "brokerdesk.lib.http.axes_username"
AXES_RESET_ON_SUCCESS = True
# Axes would log the typed address and the IP of every failure: the logs hold ids only.
AXES_VERBOSE = False
AXES_CLIENT_STR_CALLABLE = "brokerdesk.lib.http.axes_client_str"
AXES_LOCKOUT_CALLABLE = "brokerdesk.accounts.views.locked_out"
CSRF_FAILURE_VIEW = "brokerdesk.operations.views.csrf_failure"
AXES_CLIENT_IP_CALLABLE = "brokerdesk.lib.http.axes_client_ip"

# Abuse limits (README, "Abuse limits"): how many uses one client address ("ip") and one typed
# e-mail address ("target") get per period ("5/h", "30/10m"; s, m, h, d). Each can be changed
# with an environment variable LIMIT_<SCOPE>_<KIND>, e.g. LIMIT_SIGNUP_IP=20/h.
ABUSE_LIMITS = {
    "password_reset": {"ip": "20/h", "target": "5/h"},
    "signup": {"ip": "10/h", "target": "5/h"},
    "invitation": {"ip": "100/h", "target": "5/h"},
    "chat": {"ip": "30/10m"},
    "escalation": {"ip": "10/h", "target": "3/h"},
    "escalation_confirm": {"ip": "20/h"},
    # Second-factor codes: per user ("target" is the account's address) and per address.
    "mfa": {"ip": "30/15m", "target": "10/15m"},
    # Offers (issue 16): sending to a client, and the client's public page.
    "offer_send": {"ip": "60/h", "target": "10/h"},
    "offer_page": {"ip": "60/10m"},
    "offer_accept": {"ip": "10/h"},
    # A user's "Exporter" of the Demandes list, and step 1.1's search among clients ("target"
    # is the user's address).
    "export": {"ip": "60/h", "target": "30/h"},
    "client_search": {"ip": "600/10m", "target": "300/10m"},
}
for _scope, _kinds in ABUSE_LIMITS.items():
    for _kind in _kinds:
        _kinds[_kind] = os.environ.get(f"LIMIT_{_scope}_{_kind}".upper(), _kinds[_kind])
# The cache holds the abuse-limit counters. By default it is a table of the database, shared
# by every web process and machine (created by the migrations); CACHE_BACKEND and
# CACHE_LOCATION name another (e.g. django.core.cache.backends.redis.RedisCache and its URL).
CACHES = {
    "default": {
        "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("CACHE_LOCATION", "brokerdesk_cache"),
    },
    # Rendered template fragments (the search dialog, the chat widget): in each process's
    # memory, so that reading one costs no query and a deploy's restart never serves old HTML.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
    },
}

# Two-factor login (README): office administrators, insurer staff and operators must set up an
# authenticator app, and are asked to at their next page. Off only for development set-ups
# and the tests that do not test it; whoever has set one up is always asked for its code.
MFA_ENFORCED = envbool("MFA_ENFORCED", "True")
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "brokerdesk")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A login lasts at most SESSION_LIFETIME_SECONDS, and ends after SESSION_IDLE_SECONDS without a
# request (README, "Sessions"); the cookie itself expires with the absolute lifetime.
SESSION_ABSOLUTE_SECONDS = envint("SESSION_LIFETIME_SECONDS", str(12 * 3600))
SESSION_IDLE_SECONDS = envint("SESSION_IDLE_SECONDS", str(2 * 3600))
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(SESSION_ABSOLUTE_SECONDS))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS: on by default in production, each one switchable for a plain-HTTP test install.
PRODUCTION = "0" if DEBUG else "1"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000" if not DEBUG else "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", PRODUCTION)

# Reverse proxies in front of the app (TLS terminated there). With N trusted proxies, the
# client address is the N-th from the right of X-Forwarded-For and X-Forwarded-Proto says
# whether the client used HTTPS; with 0, both headers are ignored, as anyone can send them.
TRUSTED_PROXIES = envint("TRUSTED_PROXIES", "0")
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        # Violations are stored for the operator (admin: CSP violations).
        "report-uri": "/csp-report/",
        "report-to": "csp",
    }
}
# Features no page uses; denied so that no injected content can ask for them.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)

LANGUAGE_CODE = "fr"
# Each language named in itself, in every language chooser: a Dutch speaker looks for
# "Nederlands", whatever the page's language.
LANGUAGES = [("fr", "Français"), ("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Uploaded files (group logos) live in MEDIA_ROOT, or in an S3-compatible bucket when one is
# named, so that several web machines share them. Credentials come from the usual AWS_*
# environment variables, read by boto3.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": None,
            "file_overwrite": False,
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: SMTP when EMAIL_HOST is set, otherwise one .eml file per message in var/mail/.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
else:
    EMAIL_BACKEND = "brokerdesk.notifications.backends.EmlFileBackend"
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "False")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "10")
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "brokerdesk <no-reply@brokerdesk.local>")
SUPPORT_EMAIL = os.environ.get("SUPPORT_EMAIL", "support@brokerdesk.local")
# Seconds to wait before each new delivery attempt; the message fails after the last one.
OUTBOX_RETRY_DELAYS = [
    int(s) for s in os.environ.get("OUTBOX_RETRY_DELAYS", "30,120,600,3600,21600").split(",")
]

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Tasks the workers start on a schedule (brokerdesk/notifications/schedule.py): the task's
# path and how many seconds apart. Offer reminders: once an hour.
PERIODIC_TASKS = {
    "brokerdesk.quotes.reminders.send_offer_reminders": envint("OFFER_REMINDERS_SECONDS", "3600")
}

# One JSON object a line in production (for the log shipper), plain text in development.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "brokerdesk.operations.logs.RequestIdFilter"}},
    "formatters": {
        # Times in UTC with their offset and microseconds: lines from machines in different
        # time zones, or either side of a daylight-saving change, sort and compare as written.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "timestamp": "time",
            "rename_fields": {"levelname": "level", "name": "logger"},
        },
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # Our access log replaces Django's own lines for 4xx and 5xx answers.
        "django.request": {"level": "ERROR"},
    },
}

# Error reports go to Sentry only when a DSN is set, without personal data.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    from brokerdesk.operations.errors import init_sentry

    init_sentry(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", "production"))

# /healthz answers 503 when an e-mail has waited this long past its delivery time.
OUTBOX_STUCK_AFTER = envint("OUTBOX_STUCK_AFTER", "900")
# A worker that claimed an e-mail and has not finished within this time is presumed dead;
# the message is then sent again by another worker.
OUTBOX_CLAIM_SECONDS = envint("OUTBOX_CLAIM_SECONDS", "300")
# How often each worker looks for such abandoned work.
WORKER_SWEEP_SECONDS = envint("WORKER_SWEEP_SECONDS", "60")

# The API's rate limits: (requests, per seconds), per token and per client address, counted in
# the cache named here (several app servers need a shared one: CACHES).
API_RATE_LIMITS = {
    "token": (envint("API_RATE_LIMIT_TOKEN", "120"), envint("API_RATE_LIMIT_SECONDS", "60")),
    "address": (envint("API_RATE_LIMIT_ADDRESS", "300"), envint("API_RATE_LIMIT_SECONDS", "60")),
}
API_RATE_LIMIT_CACHE = os.environ.get("API_RATE_LIMIT_CACHE", "default")

# Webhooks go to HTTPS addresses only; development and tests may use a receiver on loopback.
WEBHOOKS_ALLOW_LOOPBACK = envbool("WEBHOOKS_ALLOW_LOOPBACK", "1" if DEBUG else "0")

ADMIN_URL = os.environ.get("ADMIN_URL", "admin/")

# Request sizes (README, "Limits"). Per field: a logo (groups, insurer sites) and a document
# (a tariff file) may weigh this much; the form says so on the field.
LOGO_MAX_BYTES = envint("LOGO_MAX_BYTES", str(1024 * 1024))
DOCUMENT_MAX_BYTES = envint("DOCUMENT_MAX_BYTES", str(512 * 1024))
# A document of a quote or a client (a claims-history certificate, a scanned policy), or a
# file joined to a message on a quote.
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024))
# Form fields without files: the largest form is a few kilobytes (the support request with its
# conversation, 25,000 characters at most). A larger body is refused before it is parsed
# (413), and so are more fields or files than any form has.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", str(1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FIELDS = envint("DATA_UPLOAD_MAX_NUMBER_FIELDS", "500")
DATA_UPLOAD_MAX_NUMBER_FILES = envint("DATA_UPLOAD_MAX_NUMBER_FILES", "5")
# An upload larger than this is written to a temporary file instead of being kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = envint("FILE_UPLOAD_MAX_MEMORY_SIZE", str(1024 * 1024))
# Any request body, files included (Django streams files of any size to disk otherwise): one
# file at its limit plus the form around it. Refused from its Content-Length, unread (413).
MAX_REQUEST_BYTES = envint(
    "MAX_REQUEST_BYTES",
    str(
        max(LOGO_MAX_BYTES, DOCUMENT_MAX_BYTES, ATTACHMENT_MAX_BYTES) + DATA_UPLOAD_MAX_MEMORY_SIZE
    ),
)

# Insurer sites (README, "Insurer sites"): each insurer's own door into the portal, on its own
# host name or under a path prefix, configured in the admin. Their hosts are accepted and their
# origins trusted for CSRF by brokerdesk.sites.middleware in addition to ALLOWED_HOSTS and
# CSRF_TRUSTED_ORIGINS above; each web process reads them again after this many seconds (at
# once in the process that saved them). Their e-mail links use SITE_URL's scheme and port.
INSURER_SITES_CACHE_SECONDS = envint("INSURER_SITES_CACHE_SECONDS", "30")
# E-mail is unique through a case-insensitive constraint (Lower(email)), which this check misses.
# Django's CSRF middleware runs as its insurer-sites subclass, which brokerdesk/sites/checks.py
# checks instead (security.W003 only looks for Django's class by name).
SILENCED_SYSTEM_CHECKS = ["auth.W004", "security.W003"]
