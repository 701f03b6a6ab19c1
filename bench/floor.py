"""The project's own floor: its settings and middleware (sessions, authentication, second
factor, request log, security headers...) in front of a view that answers "hello" to a
logged-in user without a query of its own (bench/floor_urls.py). bench/http.py serves it
beside the project (DJANGO_SETTINGS_MODULE=bench.floor): no page can cost less than this.
"""

from brokerdesk.settings import *  # noqa: F403 (the project's settings, one URL more)

ROOT_URLCONF = "bench.floor_urls"
