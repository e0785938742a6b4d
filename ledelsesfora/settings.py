"""Settings for Ledelsesfora.

Everything a deployment changes comes from environment variables, read by the tiny helpers
below. The defaults are for a developer's machine: SQLite in ./var so that one can check out
the code and `make run` works with nothing else installed.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", "False")
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-change-me-in-production")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost")
SITE_NAME = os.environ.get("SITE_NAME", "Ledelsesfora")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Its Swagger UI for /api/v1/docs is then served from our own static files, not a CDN.
    "ninja",
    "axes",
    "csp",
    "ledelsesfora.revision",
    "ledelsesfora.outbox",
    "ledelsesfora.security",
    "ledelsesfora.organisation",
    "ledelsesfora.forums",
    "ledelsesfora.meetings",
    "ledelsesfora.agenda",
    "ledelsesfora.minutes",
    "ledelsesfora.themes",
    "ledelsesfora.programmes",
    "ledelsesfora.representation",
    "ledelsesfora.desk",
    "ledelsesfora.search",
    "ledelsesfora.oparl",
    "ledelsesfora.api",
    "ledelsesfora.documents",
    "ledelsesfora.demo",
]

MIDDLEWARE = [
    "ledelsesfora.guards.NoStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ledelsesfora.guards.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ledelsesfora.sessions.RefreshSessionMiddleware",
    "ledelsesfora.locale_middleware.DanishFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A form or API request sent twice creates once (ledelsesfora/security/once.py).
    "ledelsesfora.security.once.OnceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "ledelsesfora.security.middleware.SecurityLogMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lock-out page.
    "axes.middleware.AxesMiddleware",
]

# Each app server remembers recently served pages in its own memory (ledelsesfora/pagecache.py);
# the database's revision number tells every server when they no longer hold.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": 120,
        "OPTIONS": {"MAX_ENTRIES": envint("PAGE_CACHE_ENTRIES", "2000")},
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out account or address first
    "ledelsesfora.organisation.backends.PersonBackend",
]

ROOT_URLCONF = "ledelsesfora.urls"
WSGI_APPLICATION = "ledelsesfora.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ledelsesfora" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ledelsesfora.organisation.context.site",
                "ledelsesfora.security.sso.context",
            ],
        },
    },
]

DB = os.environ.get("DB", "sqlite")
if DB == "postgres":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": os.environ.get("DB_NAME", "ledelsesfora"),
            "USER": os.environ.get("DB_USER", ""),
            "PASSWORD": os.environ.get("DB_PASSWORD", ""),
            "HOST": os.environ.get("DB_HOST", ""),
            "PORT": os.environ.get("DB_PORT", ""),
            # Persistent connections, checked before reuse: no connection set-up per request.
            "CONN_MAX_AGE": envint("DB_CONN_MAX_AGE", "600"),
            "CONN_HEALTH_CHECKS": True,
            # No JIT: a page's queries are short, and compiling them cost more than running
            # them (90 of 100 ms for an agenda in the scale set, docs/benchmarks.md).
            "OPTIONS": {"options": "-c jit=off"},
        }
    }
elif DB == "sqlite":
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DB_NAME", str(BASE_DIR / "var" / "ledelsesfora.sqlite3")),
        }
    }
else:
    raise ValueError(f"DB={DB!r} is not supported: use DB=sqlite (default) or DB=postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "organisation.Person"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: a new session at login (Django's default), an inactivity timeout and no cookie
# that outlives the browser.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", str(8 * 60 * 60))
# Sliding inactivity timeout, refreshed at most every SESSION_REFRESH_SECONDS (sessions.py).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = envint("SESSION_REFRESH_SECONDS", "300")
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# API tokens are valid this many days unless made for fewer (`ledelsesfora token create --days`).
API_TOKEN_DAYS = envint("API_TOKEN_DAYS", "90")
# However busy, a session ends this many hours after its login (ledelsesfora/security/logins.py).
SESSION_ABSOLUTE_HOURS = envint("SESSION_ABSOLUTE_HOURS", "12")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "False")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every answer (django-csp): scripts, styles, fonts and images only from
# our own static files, no inline script or style, no plug-ins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Single sign-on over OpenID Connect with the municipality's identity provider, on when
# OIDC_RP_CLIENT_ID is set (ledelsesfora/security/sso.py, docs/operations.md).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_MATCH_CLAIM = os.environ.get("OIDC_MATCH_CLAIM", "email")
OIDC_CREATE_USER = False  # people are kept here by the administrator, never made by a login
OIDC_USE_PKCE = True
LOGIN_REDIRECT_URL_FAILURE = "/login/?sso=failed"
if OIDC_RP_CLIENT_ID:
    AUTHENTICATION_BACKENDS.append("ledelsesfora.security.sso.MunicipalSignOn")

# Failed logins (ledelsesfora/security/lockout.py): an account, and an address other than the
# municipality's shared ones, is locked after LOGIN_FAILURE_LIMIT failures in a row for
# LOGIN_LOCKOUT_MINUTES, or until the administrator unlocks it.
BEHIND_PROXY = envbool("BEHIND_PROXY", "False")
LOGIN_SHARED_ADDRESSES = envlist("LOGIN_SHARED_ADDRESSES", "")
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
LOGIN_LOCKOUT_MINUTES = envint("LOGIN_LOCKOUT_MINUTES", "15")
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60  # hours, as django-axes counts
AXES_LOCKOUT_PARAMETERS = "ledelsesfora.security.lockout.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "ledelsesfora.security.lockout.axes_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ledelsesfora.security.lockout.locked_out_page"
AXES_DISABLE_ACCESS_LOG = True  # logins are in the security log (ledelsesfora/security)
AXES_ENABLE_ADMIN = False  # our own list, scoped to the administrator's municipality
AXES_VERBOSE = False
# The security log is kept this many days, then deleted by `ledelsesfora housekeeping`.
SECURITY_LOG_DAYS = envint("SECURITY_LOG_DAYS", "183")

# Production: PRODUCTION=true turns on HTTPS-only cookies, HSTS and redirects, and refuses to
# start with the development secret. `ledelsesfora check --deploy` is clean then (a test says so).
PRODUCTION = envbool("PRODUCTION", "False")
if PRODUCTION:
    from django.core.exceptions import ImproperlyConfigured

    if SECRET_KEY.startswith("dev-only") or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        raise ImproperlyConfigured(
            "Set SECRET_KEY to a long random value (at least 50 characters), e.g. from"
            " python3 -c 'import secrets; print(secrets.token_urlsafe(60))'."
        )
    if DEBUG:
        raise ImproperlyConfigured(
            "PRODUCTION=true with DEBUG=true would show every visitor the settings and the code"
            " on an error; set DEBUG=false."
        )
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "True")
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "da"
LANGUAGES = [("da", "Dansk"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "ledelsesfora" / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "ledelsesfora" / "static"]
# On a server WhiteNoise serves what `collectstatic` gathered, compressed and with hashed names
# cached for a year; in development `runserver` serves straight from the apps.
if PRODUCTION:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }


# E-mail: SMTP when EMAIL_HOST is set, otherwise printed to the console (development).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "20")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ledelsesfora@localhost")
# Mails wait in the outbox (ledelsesfora/outbox). Without an SMTP server they are sent as soon as
# the step commits; with one, `ledelsesfora send_mail` sends them so no request waits for it.
MAIL_SEND_AFTER_COMMIT = envbool("MAIL_SEND_AFTER_COMMIT", "false" if EMAIL_HOST else "true")
MAIL_GIVE_UP_AFTER = envint("MAIL_GIVE_UP_AFTER", "10")  # about four days of retries
MAIL_KEEP_DAYS = envint("MAIL_KEEP_DAYS", "30")  # sent mails, then deleted by `housekeeping`
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Attachments live outside the static files and are only served through an access check.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media-not-served/"
ATTACHMENT_MAX_BYTES = envint("ATTACHMENT_MAX_BYTES", str(20 * 1024 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Backups keep every timestamp to the microsecond (ledelsesfora/security/exact_json.py).
SERIALIZATION_MODULES = {"exactjson": "ledelsesfora.security.exact_json"}

# The bundled charters that `ledelsesfora demo` loads.
BUNDLED_CHARTERS_DIR = BASE_DIR / "ledelsesfora" / "charters"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
