"""Sinergi settings. Every value that differs between machines comes from the environment.

See docs/configuration.md for the list of variables. Production is the default: DEBUG is off and
SECRET_KEY is required unless DEBUG=1 is set explicitly.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from sinergi.env import env_bool, env_list, env_str, local_secret_key

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("SINERGI_HOME", str(Path.cwd())))
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
# The embedded instance of `make run`: production settings (DEBUG off) on one machine, served over
# plain HTTP on 127.0.0.1, with a secret key generated once and kept in var/secret_key.
SINERGI_LOCAL = env_bool("SINERGI_LOCAL", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if SINERGI_LOCAL:
        SECRET_KEY = local_secret_key(VAR_DIR / "secret_key")
    elif DEBUG:
        SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"  # noqa: S105
    else:
        raise ImproperlyConfigured(
            "Set SECRET_KEY in the environment (or SINERGI_LOCAL=1 for one machine, "
            "or DEBUG=1 for development)."
        )

LOCAL_HOSTS = ["127.0.0.1", "localhost"]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", LOCAL_HOSTS if DEBUG or SINERGI_LOCAL else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "sinergi.core.admin.AdminConfig",  # Django's admin, for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "simple_history",
    "axes",
    "huey.contrib.djhuey",
    "rest_framework",
    "drf_spectacular",  # the OpenAPI schema (docs/api/openapi.yaml) and the docs pages
    "drf_spectacular_sidecar",  # Swagger UI and ReDoc, served from the app
    "sinergi.core",
    "sinergi.accounts",
    "sinergi.regions",
    "sinergi.organizations",
    "sinergi.programs",
    "sinergi.indicators",
    "sinergi.meetings",
    "sinergi.extraction",
    "sinergi.dashboards",
]

MIDDLEWARE = [
    "sinergi.core.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sinergi.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "sinergi.urls"
WSGI_APPLICATION = "sinergi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sinergi.accounts.context_processors.roles",
            ],
        },
    },
]

# Database: an SQLite file under var/ unless DATABASE_URL says otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "sinergi.sqlite3"}
    }
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Short OLTP queries: PostgreSQL's JIT compiler costs ~200 ms on plans it over-estimates.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The same for the default file and an SQLite DATABASE_URL. WAL lets readers work while a
    # writer writes; IMMEDIATE avoids lock upgrades; a 64 MB page cache (SQLite's default is 2 MB)
    # keeps the indexes a large import writes to in memory.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;"
            ),
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

# Models everyone may read, signed in or not: the published dashboard (regions, agencies,
# indicators, targets and rolled-up figures). Never personal data. Add e.g. "programs.Program"
# to publish programs; set it empty to require sign-in for everything.
SINERGI_PUBLIC = env_list(
    "SINERGI_PUBLIC",
    [
        "regions.Region",
        "regions.RegionGroup",
        "organizations.Organization",
        "programs.Theme",
        "indicators.Indicator",
        "indicators.Target",
        "indicators.Aggregate",
    ],
)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboards:home"
LOGOUT_REDIRECT_URL = "dashboards:home"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while an account/address is locked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env_str("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env_str("AXES_COOLOFF_HOURS", "1"))  # hours
# Locked per account whatever the address, and per address whatever the account guessed.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Behind a reverse proxy every request comes from the proxy's address, and locking that address
# would lock everyone out: SINERGI_PROXY_COUNT proxies in front of Sinergi (which set
# X-Forwarded-For) make the client's own address the one counted.
SINERGI_PROXY_COUNT = int(env_str("SINERGI_PROXY_COUNT", "0"))
# `sinergi setup` without arguments (e.g. at first start): the province code to set this instance
# up for, or "national"; and the instance's name. Empty: `make run` loads the NTB demo.
SINERGI_PROVINCE = env_str("SINERGI_PROVINCE", "")
SINERGI_INSTANCE_NAME = env_str("SINERGI_INSTANCE_NAME", "")
# The indicator whose province map and trend lead Beranda (else the first key indicator).
SINERGI_HOME_INDICATOR = env_str("SINERGI_HOME_INDICATOR", "destana_formed")
AXES_CLIENT_IP_CALLABLE = "sinergi.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "sinergi.accounts.lockout.lockout_response"  # JSON under /api/
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Makassar")  # WITA, the time zone of NTB
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
# Uploaded evidence files. Never served directly: a gated view hands them to those in scope.
# Long imports run in a task queue: `sinergi run_huey` is the worker (make run starts one). The
# queue lives in a SQLite file, so no extra server is needed. SINERGI_TASKS_IMMEDIATE=1 runs tasks
# in the request instead (no worker).
# With REDIS_URL (production, several app servers or workers) the queue and the cache live in
# Redis; without it the queue is an SQLite file and the cache is each process's memory.
REDIS_URL = env_str("REDIS_URL")
HUEY = {
    "huey_class": "huey.SqliteHuey",
    "name": "sinergi",
    "filename": str(VAR_DIR / "tasks.sqlite3"),
    "immediate": env_bool("SINERGI_TASKS_IMMEDIATE", False),
    "consumer": {"workers": int(env_str("SINERGI_WORKER_THREADS", "1")), "worker_type": "thread"},
}
if REDIS_URL:
    HUEY.pop("filename")
    HUEY.update({"huey_class": "huey.RedisHuey", "url": REDIS_URL})
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sinergi",
        }
    }
# /health/ reports failure when the disk holding var/ and the uploads has less free space.
SINERGI_HEALTH_MIN_FREE_MB = int(env_str("SINERGI_HEALTH_MIN_FREE_MB", "500"))
# Uploads larger than this are checked and written as a queued job with a progress bar.
SINERGI_IMPORT_JOB_BYTES = int(env_str("SINERGI_IMPORT_JOB_BYTES", str(1024 * 1024)))
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # first: its scheme is the WWW-Authenticate challenge of a 401 to an anonymous write.
        # Personal tokens (Token, Bearer or DHIS2's ApiToken <key>), made on /accounts/tokens/.
        "sinergi.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",  # the signed-in browser
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "sinergi.accounts.throttles.TokenRateThrottle",  # per token (or session user)
        "sinergi.accounts.throttles.AnonAddressRateThrottle",  # per anonymous address
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env_str("API_RATE_USER", "10000/hour"),
        "anon": env_str("API_RATE_ANON", "3000/hour"),
    },
    # Reads are decided by the gate (public figures are public); writes need a user.
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["sinergi.core.parsers.LimitedJSONParser"],  # depth-limited
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "sinergi.core.api_errors.exception_handler",  # one error shape
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sinergi API",
    "DESCRIPTION": (
        "Programs, regions, organisations, indicators and their figures, meetings and follow-ups "
        "of Sinergi, through the same permission gate as the pages. The versioned root is "
        "`/api/v1/`; `/api/<resource>/` answers the same (an alias, not a redirect). Sign in with "
        "a personal token (`Authorization: Token <key>`, `Bearer <key>` or `ApiToken <key>`; make "
        "one on /accounts/tokens/ or with POST /api/v1/auth/token/) or a browser session. Every "
        'failure answers `{"code", "message", "errors": {field: [...]}}` in the request\'s '
        "language (`Accept-Language: id` or `en`). Rate limits per token and per anonymous address "
        "answer 429 with `Retry-After`.\n\n"
        "*Ringkasan:* API Sinergi untuk program, wilayah, lembaga, indikator dan capaiannya, rapat "
        "dan tindak lanjut, melalui gerbang izin yang sama dengan halaman."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["sinergi.core.api_schema.versioned_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sinergi.core.api_schema.errors_and_summaries",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",  # local assets only: no CDN
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},  # no outside validator
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Static files are served by WhiteNoise from STATIC_ROOT, filled by `sinergi collectstatic`:
# names carry a content hash (cached for a year) and gzip copies are made once. In development
# the apps' files are served as they are, without collectstatic.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Cookies and transport security: secure unless DEBUG is on.
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The embedded instance serves plain HTTP on 127.0.0.1: no HTTPS redirect, no Secure cookies.
SERVED_OVER_HTTPS = not DEBUG and not SINERGI_LOCAL
SESSION_COOKIE_SECURE = SERVED_OVER_HTTPS
CSRF_COOKIE_SECURE = SERVED_OVER_HTTPS
if SERVED_OVER_HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # probes ask over plain HTTP on the machine
    SECURE_HSTS_SECONDS = int(env_str("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy: every script and style comes from the app itself. Inline style
# attributes are allowed (progress bars); inline scripts are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

# LOG_FORMAT=json: one JSON object per line (time, level, logger, message, request_id, and one
# line per request from sinergi.request), for a log collector. Default: plain text.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json; got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sinergi.core.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "sinergi.core.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # fontTools reports every glyph it keeps when a PDF embeds its font subset.
        "fontTools": {"level": "WARNING"},
        # One line per request: for JSON logs (runserver and nginx log requests in text).
        "sinergi.request": {"level": "INFO" if LOG_FORMAT == "json" else "WARNING"},
    },
}
