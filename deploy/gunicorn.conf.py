"""gunicorn settings for brokerdesk: `gunicorn --config deploy/gunicorn.conf.py brokerdesk.wsgi`.

Every value can be changed by the environment, so one file serves every machine.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
# Two processes per core is gunicorn's usual advice; the pages are short CPU-bound requests.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))
graceful_timeout = 20
# Recycle workers now and then, so that no slow leak outlives a day.
max_requests = 5000
max_requests_jitter = 500
# The app logs every request itself (one JSON line with user, office and request id).
accesslog = None
errorlog = "-"
